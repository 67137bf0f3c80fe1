"""Comparing money across the self-evaluation and the 决算: one figure, the split by source, and a
department's totals. Everything is in 元, as ``Decimal``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from perfcli.forms.model import Form, FundingRow, Located
from perfcli.forms.normalize import norm_label
from perfcli.reconcile.model import AccountsRow, to_yuan

FIELDS = ("executed", "budget", "initial")  # self-evaluation funding column = accounts column
UNIT_RATIO = Decimal(10000)
UNIT_RATIO_SLACK = Decimal("0.02")  # a ratio within 2 % of 10⁴ is a unit error (forms.md §8.3)
# Department totals: the 决算 row role → the 部门整体自评表's figure.
TOTAL_ROLES = {"total": "total", "basic": "basic", "project_total": "project"}
_OTHER_WORDS = ("其他", "其它", "自有", "单位资金", "专户", "非财政", "事业收入", "经营收入")
_LEVEL_WORDS = ("中央", "省", "市", "县", "本级", "上级", "财政")


@dataclass(slots=True)
class Comparison:
    """One figure on both sides, in 元: ``status`` ok | mismatch | unit (a factor ≈10⁴)."""

    field: str  # executed | budget | initial (a project), total | basic | project (a department)
    cell: Located | None  # the self-evaluation cell
    amount: Decimal
    accounts_cell: Located | None
    accounts_amount: Decimal
    status: str = "ok"

    @property
    def difference(self) -> Decimal:
        return self.amount - self.accounts_amount


@dataclass(slots=True)
class SourceSplit:
    """The split by source of a project's 全年执行数 on both sides (R006), in 元."""

    cell: Located | None  # the source row cell a finding points at
    fiscal: Decimal | None  # 财政拨款 / 财政资金 executed
    other: Decimal | None  # 其他资金 / 单位资金 / 财政专户管理资金 … executed
    carry: Decimal  # 上年结转资金 executed (counted with whichever side makes the split agree)
    accounts_fiscal: Decimal | None
    accounts_other: Decimal | None
    agrees: bool = True


def is_unit_error(a: Decimal, b: Decimal) -> bool:
    """The two amounts differ by a factor ≈10⁴ (元 written where 万元 belongs, or back)."""
    if a == 0 or b == 0:
        return False
    ratio = abs(a / b)
    if ratio < 1:
        ratio = 1 / ratio
    return abs(ratio / UNIT_RATIO - 1) <= UNIT_RATIO_SLACK


def compare(
    name: str,
    cell: Located | None,
    amount: Decimal,
    accounts_cell: Located | None,
    accounts_amount: Decimal,
    tolerance: Decimal,
) -> Comparison:
    """One figure: ok within ``tolerance`` (元), a unit error at a ratio ≈10⁴, else a mismatch."""
    c = Comparison(name, cell, amount, accounts_cell, accounts_amount)
    if abs(c.difference) <= tolerance:
        c.status = "ok"
    elif is_unit_error(amount, accounts_amount):
        c.status = "unit"
    else:
        c.status = "mismatch"
    return c


# --- the split by source (R006) -----------------------------------------------------------------


def source_kind(label: str) -> str | None:
    """What a funding source row is: fiscal (财政拨款, 财政资金), level (中央/省/市/县/本级资金,
    parts of the fiscal money), carry (上年结转), other (其他资金, 单位资金, 财政专户管理资金 …)."""
    text = norm_label(label).removeprefix("其中:")
    if "结转" in text:
        return "carry"
    if any(word in text for word in _OTHER_WORDS):
        return "other"
    if "财政拨款" in text or "一般公共预算拨款" in text or text in ("财政资金", "财政拨款资金"):
        return "fiscal"
    if any(word in text for word in _LEVEL_WORDS):
        return "level"
    return None


def _executed(row: FundingRow, unit: str) -> Decimal | None:
    return to_yuan(row.get("executed"), unit)


def source_split(
    form: Any, row: AccountsRow, accounts_unit: str, tolerance: Decimal
) -> SourceSplit | None:
    """The self-evaluation's executed money by source against the 决算's 财政拨款 / 其他资金
    支出, or None when either side does not split it.

    The 上年结转资金 row may belong to either side (carried-over 财政拨款 is 财政拨款 spending in the
    决算): the split agrees when counting it with one of the sides makes both agree.
    """
    funding = getattr(form, "funding", None)
    total = funding.total if funding is not None else None
    unit = form.unit
    accounts_fiscal = row.amount("fiscal", accounts_unit)
    accounts_other = row.amount("other", accounts_unit)
    executed = to_yuan(total.get("executed"), unit) if total is not None else None
    if executed is None or (accounts_fiscal is None and accounts_other is None):
        return None
    rows: dict[str, list[FundingRow]] = {}
    for source in funding.sources if funding is not None else []:
        kind = source_kind(source.label.text)
        if kind is not None and _executed(source, unit) is not None:
            rows.setdefault(kind, []).append(source)
    fiscal_rows = rows.get("fiscal", [])[:1] or rows.get("level", [])  # 其中 rows are its parts
    other_rows = rows.get("other", [])
    if not fiscal_rows and not other_rows:
        return None
    fiscal = _sum(fiscal_rows, unit)
    other = _sum(other_rows, unit)
    carry = _sum(rows.get("carry", []), unit) or Decimal(0)
    if fiscal is None and other is not None:
        fiscal = executed - other - carry
    if other is None and fiscal is not None:
        other = executed - fiscal - carry
    assert fiscal is not None and other is not None

    def agrees(carry_fiscal: Decimal, carry_other: Decimal) -> bool:
        ok_fiscal = (
            accounts_fiscal is None or abs(fiscal + carry_fiscal - accounts_fiscal) <= tolerance
        )
        ok_other = accounts_other is None or abs(other + carry_other - accounts_other) <= tolerance
        return ok_fiscal and ok_other

    ok = agrees(carry, Decimal(0)) or agrees(Decimal(0), carry)
    fiscal_off = accounts_fiscal is not None and not (
        abs(fiscal - accounts_fiscal) <= tolerance
        or abs(fiscal + carry - accounts_fiscal) <= tolerance
    )
    pointing = (fiscal_rows if fiscal_off or not other_rows else other_rows) or fiscal_rows
    cell = pointing[0].get("executed") if pointing else total.get("executed") if total else None
    return SourceSplit(cell, fiscal, other, carry, accounts_fiscal, accounts_other, ok)


def _sum(rows: list[FundingRow], unit: str) -> Decimal | None:
    values = [v for v in (_executed(r, unit) for r in rows) if v is not None]
    return sum(values, Decimal(0)) if values else None


# --- a department's totals (R007) ---------------------------------------------------------------


def dept_totals(
    form: Form, rows: list[tuple[AccountsRow, str]], tolerance: Decimal
) -> list[Comparison]:
    """The 部门整体自评表's 全年执行数 (total, 基本支出, 项目支出) against the department's 决算 rows.

    Reads ``funding.total`` and ``parts["basic" | "project"]`` of the department model; a figure
    printed on only one side is not compared.
    """
    funding = getattr(form, "funding", None)
    total = getattr(funding, "total", None) if funding is not None else None
    parts = getattr(form, "parts", None) or {}
    mine: dict[str, Located | None] = {
        "total": total.get("executed") if isinstance(total, FundingRow) else None,
        "basic": parts["basic"].get("executed")
        if isinstance(parts.get("basic"), FundingRow)
        else None,
        "project": parts["project"].get("executed")
        if isinstance(parts.get("project"), FundingRow)
        else None,
    }
    theirs: dict[str, tuple[AccountsRow, str]] = {}
    for row, unit in rows:
        name = TOTAL_ROLES.get(row.role)
        if name is not None and name not in theirs and row.amount("executed", unit) is not None:
            theirs[name] = (row, unit)
    out: list[Comparison] = []
    for name in ("total", "basic", "project"):
        cell = mine[name]
        amount = to_yuan(cell, form.unit)
        if cell is None or amount is None or name not in theirs:
            continue
        row, unit = theirs[name]
        accounts_amount = row.amount("executed", unit)
        assert accounts_amount is not None
        out.append(
            compare(name, cell, amount, row.amount_cell("executed"), accounts_amount, tolerance)
        )
    return out
