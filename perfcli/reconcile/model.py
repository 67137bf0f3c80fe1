"""The final accounts (决算) as a form model: project rows and department total rows, every value
with its cell (forms.md §7).

Amounts are kept as the cells they were read from; ``AccountsRow.amount`` gives them in 元 as
``Decimal`` (×10 000 for a 万元 table, or for a cell that says ``万元`` itself). The model is plain and
picklable: a pandas DataFrame is built on demand (``Accounts.frame``), never stored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from perfcli.forms.model import Form, Located, text_of
from perfcli.io.units import is_money_unit, money_scale
from perfcli.io.values import parse_number

# Canonical amount columns of an accounts row.
AMOUNT_KEYS = ("initial", "budget", "executed", "fiscal", "other")
# Row roles: a project, or a department's 合计 / 基本支出 / 项目支出, or a grand total over all.
ROLES = ("project", "total", "basic", "project_total", "grand")


def unit_scale(unit: str) -> Decimal:
    """How many 元 one printed unit is (万元 → 10 000); an unknown unit counts as 万元 (forms.md §4)."""
    return money_scale(unit)


def to_yuan(cell: Located | None, unit: str) -> Decimal | None:
    """The cell's amount in 元, or None when it is empty, a placeholder or not a number.

    A cell that carries its own unit (``43.2万元``, ``3,309,840元``) is read in that unit.
    """
    if cell is None:
        return None
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # The common case, kept fast (reconciling 2,000 projects reads ~30,000 amounts).
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return Decimal(repr(value) if isinstance(value, float) else value) * unit_scale(unit)
    num = parse_number(value)
    if not num.ok or num.value is None or num.percent:
        return None
    # A cell that names its own money unit (43.2万元) is read in it; otherwise in the table's.
    return num.value * unit_scale(num.unit if num.unit and is_money_unit(num.unit) else unit)


@dataclass(slots=True)
class AccountsRow:
    """One row of the accounts table: a project, or a department total row."""

    row: int  # 0-based sheet row
    role: str  # one of ROLES
    name: Located | None = None
    code: Located | None = None
    department: Located | None = None  # 部门名称 (or 单位名称 when there is no department column)
    unit_name: Located | None = None  # 单位名称 / 预算单位, when printed beside a department
    cells: dict[str, Located] = field(default_factory=dict)  # AMOUNT_KEYS → cell
    duplicate: bool = False  # its project code repeats an earlier row's (R009)

    @property
    def name_text(self) -> str:
        return text_of(self.name)

    @property
    def code_text(self) -> str:
        return text_of(self.code)

    @property
    def department_text(self) -> str:
        return text_of(self.department)

    @property
    def anchor(self) -> Located | None:
        """The cell that names the row (its name, else its code, else its first amount)."""
        return self.name or self.code or next(iter(self.cells.values()), None)

    def amount(self, key: str, unit: str) -> Decimal | None:
        """The amount of column ``key`` in 元; 本年支出 printed only by source is their sum."""
        cell = self.cells.get(key)
        if cell is not None or key != "executed":
            return to_yuan(cell, unit)
        fiscal = to_yuan(self.cells.get("fiscal"), unit)
        other = to_yuan(self.cells.get("other"), unit)
        if fiscal is None and other is None:
            return None
        return (fiscal or Decimal(0)) + (other or Decimal(0))

    def amount_cell(self, key: str) -> Located | None:
        """The cell a finding about ``key`` points at (for a derived 本年支出, the 财政拨款 cell)."""
        cell = self.cells.get(key)
        if cell is None and key == "executed":
            cell = self.cells.get("fiscal") or self.cells.get("other")
        return cell or self.anchor


@dataclass(slots=True)
class AccountsIssue:
    """A schema failure of the accounts table (R009): what is wrong and at which cell."""

    variant: str  # missing_column | not_numeric | duplicate_code | no_table
    cell: Located | None
    values: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Accounts(Form):
    """A 决算 project table (kind ``accounts``), for one department or a whole bureau."""

    header_row: int = 0  # 0-based row of the column header (its first row when two rows)
    columns: dict[str, int] = field(default_factory=dict)  # canonical column → 0-based column
    column_labels: dict[str, Located] = field(default_factory=dict)  # canonical column → header
    rows: list[AccountsRow] = field(default_factory=list)  # project rows, top to bottom
    totals: list[AccountsRow] = field(default_factory=list)  # 合计 / 基本支出 / 项目支出 rows
    issues: list[AccountsIssue] = field(default_factory=list)
    source: str = "xlsx"  # xlsx | xls | ods | csv
    executed_from_parts: bool = False  # 本年支出 printed only as 财政拨款 | 其他资金 columns

    @property
    def has_departments(self) -> bool:
        """Whether rows (or the sheet heading) say which department they belong to."""
        return self.department is not None or any(
            r.department is not None or r.unit_name is not None for r in self.rows
        )

    def column_label(self, key: str) -> str:
        """How the table names a column (for messages): its header text, else the usual name."""
        cell = self.column_labels.get(key)
        return cell.text.replace("\n", "") if cell is not None else COLUMN_NAMES[key]

    def frame(self) -> Any:
        """The project rows as a DataFrame (one row per project; built on demand, never stored).

        Columns: ``row`` (0-based sheet row), ``code`` (normalised, or read from a code prefix of
        the name), ``name``, ``department`` and each amount column present in the table, as text:
        the parsed number in the table's unit, the raw text when it is not a number, None when
        empty (``perfcli.reconcile.schema`` validates it).
        """
        import importlib

        pd: Any = importlib.import_module("pandas")  # heavy: only when a frame is asked for
        from perfcli.reconcile.match import code_and_name

        records: list[dict[str, Any]] = []
        present = [k for k in AMOUNT_KEYS if k in self.columns]
        if self.executed_from_parts:
            present.insert(0, "executed")
        for r in self.rows:
            record: dict[str, Any] = {
                "row": r.row,
                "code": code_and_name(r.name_text, r.code_text)[0] or None,
                "name": r.name_text or None,
                "department": text_of(r.department) or text_of(r.unit_name) or None,
            }
            if "name" not in self.columns:
                del record["name"]  # the schema reports the missing column
            for key in present:
                if key == "executed" and self.executed_from_parts:
                    total = r.amount("executed", "元")
                    record[key] = None if total is None else str(total)
                else:
                    record[key] = _normalised(r.cells.get(key))
            records.append(record)
        named = ["name"] if "name" in self.columns else []
        columns = ["row", "code", *named, "department", *present]
        return pd.DataFrame.from_records(records, columns=columns)


def _normalised(cell: Located | None) -> str | None:
    """A cell for the schema: the number as plain text, the raw text when it is not a number."""
    if cell is None:
        return None
    num = parse_number(cell.value)
    if num.status == "none":
        return None
    if num.ok and num.value is not None and not num.percent:
        return str(num.value)
    return cell.text


COLUMN_NAMES = {
    "name": "项目名称", "code": "项目编码", "department": "部门名称", "unit_name": "单位名称",
    "initial": "年初预算数", "budget": "调整后预算数", "executed": "本年支出", "fiscal": "财政拨款支出",
    "other": "其他资金支出",
}  # fmt: skip
COLUMN_NAMES_EN = {
    "name": "project name", "code": "project code", "department": "department", "unit_name": "unit",
    "initial": "initial budget", "budget": "adjusted budget", "executed": "expenditure",
    "fiscal": "fiscal-appropriation expenditure", "other": "other-funds expenditure",
}  # fmt: skip
