"""The 汇总表 as a pandas DataFrame validated by a pandera schema (issue 5).

One DataFrame row per project row (the 合计 row too, for its amounts), one column per canonical
column the table prints, holding the cell values as read. The schema asks for:

* the **required columns** (labels_package.toml ``[summary_schema] required``: 项目名称, 全年预算数,
  全年执行数, 自评得分) → S002 when one is absent (the summary cannot be checked without it);
* **numbers** in 年初预算数 / 全年预算数 / 全年执行数 / 执行率 / 自评得分 (empty, ``—`` and ``/`` mean
  "none") → W004 at the cell. The 合计 row's 自评得分 is left to W004's own check, which reads a
  form's total score (rules/hygiene.py), so that no cell is reported twice;
* **unique project codes** → X004 (a project listed twice is a coverage fault: one of its rows has
  no project table of its own) at the repeated code's cell.

Failures come back as ``SchemaIssue``s that point at cells; pandera's own text never reaches a
person. pandas and pandera are imported here, lazily, only when a summary is read.
"""

from __future__ import annotations

import importlib
import unicodedata
from typing import Any

from perfcli.forms import vocab
from perfcli.forms.model import Located
from perfcli.forms.model_package import (
    SUMMARY_COLUMNS,
    SUMMARY_COLUMNS_EN,
    SchemaIssue,
    SelfEvalSummary,
    SummaryRow,
)
from perfcli.io.cells import CellValue
from perfcli.io.values import parse_number

NUMERIC_COLUMNS = ("initial", "budget", "executed", "rate", "score")
_TOTAL = "__total__"


def required_columns() -> tuple[str, ...]:
    return tuple(vocab.vocabulary()["summary_schema"]["required"])


def _is_number_or_none(value: CellValue) -> bool:
    return parse_number(value).status != "bad"


def norm_code(value: CellValue) -> str:
    """A project code as compared for uniqueness: NFKC, no spaces or brackets, upper case."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).strip().strip("[]【】()（）").upper()
    return "".join(text.split())


def _unique_codes(series: Any) -> Any:
    """True for every row whose code is empty or seen for the first time."""
    codes = series.map(norm_code)
    filled = codes != ""
    return ~(codes.duplicated(keep="first") & filled)


def summary_frame(form: SelfEvalSummary) -> Any:
    """The rows as a DataFrame (object columns, index = position in ``form.rows``; the 合计 row,
    if any, last with the index ``__total__`` and no code or score)."""
    pd: Any = importlib.import_module("pandas")  # lazily: pandas ships no type stubs

    lines: list[SummaryRow] = list(form.rows)
    index: list[object] = list(range(len(lines)))
    if form.total is not None:
        lines.append(form.total)
        index.append(_TOTAL)
    data: dict[str, list[CellValue]] = {}
    for column in form.columns:
        values: list[CellValue] = []
        for line, key in zip(lines, index, strict=True):
            loc = line.get(column)
            keep = key != _TOTAL or column in ("initial", "budget", "executed", "rate")
            values.append(loc.value if loc is not None and keep else None)
        data[column] = values
    return pd.DataFrame(data, index=pd.Index(index, dtype=object), dtype=object)


def summary_schema() -> Any:
    """The pandera schema of a 汇总表 frame."""
    import pandera.pandas as pa

    required = set(required_columns())
    columns: dict[str, Any] = {}
    for column in SUMMARY_COLUMNS:
        checks = []
        if column in NUMERIC_COLUMNS:
            checks.append(pa.Check(_is_number_or_none, element_wise=True, name="numeric"))
        if column == "code":
            checks.append(pa.Check(_unique_codes, name="unique_code"))
        columns[column] = pa.Column(
            object, checks=checks, nullable=True, required=column in required, coerce=False
        )
    return pa.DataFrameSchema(columns, strict=False)


def validate_summary(form: SelfEvalSummary) -> list[SchemaIssue]:
    """Validate the summary's rows; every failure as a ``SchemaIssue`` pointing at a cell."""
    import pandera.pandas as pa

    frame = summary_frame(form)
    try:
        summary_schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _issues(form, exc.failure_cases)
    return []


def _line(form: SelfEvalSummary, key: object) -> SummaryRow | None:
    if key == _TOTAL:
        return form.total
    if isinstance(key, int) and 0 <= key < len(form.rows):
        return form.rows[key]
    return None


def _issues(form: SelfEvalSummary, cases: Any) -> list[SchemaIssue]:
    issues: list[SchemaIssue] = []
    anchor = _header_anchor(form)
    seen_codes: dict[str, Located] = {}
    for project in form.rows:
        code = norm_code(project.code.value) if project.code is not None else ""
        if code and code not in seen_codes and project.code is not None:
            seen_codes[code] = project.code
    for case in cases.to_dict("records"):
        check, column = str(case.get("check")), case.get("column")
        if check == "column_in_dataframe":
            name = str(case.get("failure_case"))
            issues.append(SchemaIssue("S002", "summary_column", anchor, (
                ("block", SUMMARY_COLUMNS.get(name, name)),
                ("block_en", SUMMARY_COLUMNS_EN.get(name, name)),
            )))  # fmt: skip
            continue
        line = _line(form, case.get("index"))
        if line is None or not isinstance(column, str):
            continue
        cell = line.get(column)
        if cell is None:
            continue
        row_name = "合计" if line is form.total else (line.project_name or f"第{cell.excel_row}行")
        if check == "numeric":
            header = form.header_label(column)
            issues.append(SchemaIssue("W004", "default", cell, (
                ("field", f"{row_name}·{header}"),
                ("field_en", f"{row_name} {SUMMARY_COLUMNS_EN.get(column, column)}"),
                ("text", cell.text),
            )))  # fmt: skip
        elif check == "unique_code":
            first = seen_codes.get(norm_code(cell.value))
            issues.append(SchemaIssue("X004", "duplicate", cell, (
                ("code", cell.text), ("name", row_name),
                ("first", first.address if first is not None else ""),
            )))  # fmt: skip
    issues.sort(key=lambda i: (i.at.row, i.at.col) if i.at is not None else (-1, -1))
    return issues


def _header_anchor(form: SelfEvalSummary) -> Located:
    """Where a missing column is reported: the first header cell (else the title)."""
    if form.headers:
        return min(form.headers.values(), key=lambda loc: (loc.row, loc.col))
    if form.title is not None:
        return form.title
    return Located(None, form.sheet, form.first_row, form.first_col)
