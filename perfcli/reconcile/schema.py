"""The pandera schema of a 决算 project table (forms.md §7) and its failures as R009 issues.

Required columns: 项目名称, a budget column (调整后/全年预算数) and an expenditure column (本年支出 …);
amounts must be numbers; project codes must be unique. Each failure becomes an ``AccountsIssue`` at
the offending cell, with the values a person needs — never pandera's own text. pandas and pandera
are imported here only, when an accounts table is validated (``import perfcli`` stays light).
"""

from __future__ import annotations

from typing import Any

from perfcli.forms.model import Located
from perfcli.reconcile.model import (
    AMOUNT_KEYS,
    COLUMN_NAMES,
    COLUMN_NAMES_EN,
    Accounts,
    AccountsIssue,
)

REQUIRED = ("name", "budget", "executed")


def _schema() -> Any:
    import pandera.pandas as pa

    amounts = {
        key: pa.Column(float, nullable=True, coerce=True, required=key in REQUIRED)
        for key in AMOUNT_KEYS
    }
    unique = pa.Check(
        lambda s: ~(s.notna() & s.duplicated(keep="first")), name="unique_code", element_wise=False
    )
    return pa.DataFrameSchema(
        {
            "row": pa.Column(int),
            "name": pa.Column(object, nullable=True, required=True),
            "code": pa.Column(object, nullable=True, checks=unique),
            "department": pa.Column(object, nullable=True),
            **amounts,
        },
        strict=False,
    )


def validate(accounts: Accounts) -> list[AccountsIssue]:
    """The schema failures of an accounts table, each at its cell (also marks duplicate rows)."""
    import pandera.errors

    frame = accounts.frame()
    try:
        _schema().validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        return _issues(accounts, frame, exc.failure_cases)
    return []


def _issues(accounts: Accounts, frame: Any, cases: Any) -> list[AccountsIssue]:
    issues: list[AccountsIssue] = []
    seen: set[tuple[str, object]] = set()
    for case in cases.itertuples(index=False):
        check = str(case.check)
        column = None if case.column is None else str(case.column)
        if check == "column_in_dataframe":
            missing = str(case.failure_case)
            if ("missing", missing) not in seen:
                seen.add(("missing", missing))
                issues.append(_missing(accounts, missing))
            continue
        index = case.index
        if index is None or column is None or (column, index) in seen:
            continue
        seen.add((column, index))
        row = accounts.rows[int(index)]
        if check == "unique_code":
            row.duplicate = True
            first = _first_with_code(frame, str(case.failure_case), int(index))
            issues.append(
                AccountsIssue(
                    "duplicate_code",
                    row.code or row.name,
                    {
                        "code": str(case.failure_case),
                        "first_row": str(first),
                        "name": row.name_text,
                    },
                )
            )
        elif column in AMOUNT_KEYS:
            cell = row.cells.get(column) or row.anchor
            issues.append(
                AccountsIssue(
                    "not_numeric",
                    cell,
                    {
                        "column": accounts.column_label(column),
                        "column_en": COLUMN_NAMES_EN[column],
                        "value": cell.text if cell is not None else str(case.failure_case),
                        "name": row.name_text or row.code_text,
                    },
                )
            )
    issues.sort(key=lambda i: (i.cell.row, i.cell.col) if i.cell is not None else (-1, -1))
    return issues


def _missing(accounts: Accounts, column: str) -> AccountsIssue:
    header: Located | None = next(iter(accounts.column_labels.values()), None)
    found = "、".join(accounts.column_label(k) for k in accounts.column_labels) or "（无）"
    return AccountsIssue(
        "missing_column",
        header,
        {
            "column": COLUMN_NAMES.get(column, column),
            "column_en": COLUMN_NAMES_EN.get(column, column),
            "found": found,
        },
    )


def _first_with_code(frame: Any, code: str, before: int) -> int:
    """The Excel row of the first row carrying ``code``."""
    hits = frame.index[(frame["code"] == code) & (frame.index < before)]
    return int(frame.loc[hits[0], "row"]) + 1 if len(hits) else 0
