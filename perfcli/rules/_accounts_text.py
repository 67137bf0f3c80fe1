"""How the R rules word amounts, places and likely causes (kept out of the rule definitions)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfcli.forms.model import Located
from perfcli.reconcile.figures import Comparison, SourceSplit
from perfcli.reconcile.model import unit_scale
from perfcli.rules._funding_labels import unit_en
from perfcli.rules.base import fmt_amount

SUBMISSION = ("selfeval_project",)  # the forms R002–R006 and R008 judge (through their submission)

_FIELD = {"executed": "全年执行数", "budget": "全年预算数", "initial": "年初预算数",
          "total": "全年执行数", "basic": "基本支出", "project": "项目支出"}  # fmt: skip
_FIELD_EN = {"executed": "full-year spending", "budget": "full-year budget", "initial": "initial budget",
             "total": "total spending", "basic": "basic expenditure", "project": "project expenditure"}  # fmt: skip
_ACCOUNTS_FIELD = {"total": "本部门合计", "basic": "基本支出", "project": "项目支出"}


def field_label(name: str) -> str:
    return _FIELD.get(name, name)


def field_label_en(name: str) -> str:
    return _FIELD_EN.get(name, name)


def accounts_field(name: str) -> str:
    return _ACCOUNTS_FIELD.get(name, name)


def amount(yuan: Decimal, unit: str) -> str:
    """An amount in 元 shown in ``unit`` (万元 when the form names none): ``886.50万元``."""
    shown_unit = unit or "万元"
    if shown_unit == "元":  # as a bureau prints 元: thousands separated, to the fen
        return f"{yuan.quantize(Decimal('0.01')):,}元"
    return f"{fmt_amount(yuan / unit_scale(shown_unit))}{shown_unit}"


def amount_en(yuan: Decimal, unit: str) -> str:
    """The same amount for English messages: ``886.50 ×10k yuan``."""
    text = amount(yuan, unit)
    shown_unit = unit or "万元"
    return f"{text.removesuffix(shown_unit)}{unit_en(shown_unit)}"


def place(file: str, cell: Located | None) -> str:
    """Where a 决算 figure is: ``决算_两部门.xlsx 项目支出!F7``."""
    if cell is None:
        return file
    return f"{file} {cell.sheet}!{cell.address}"


def figures(c: Comparison, unit: str, accounts_unit: str, accounts_file: str) -> dict[str, Any]:
    """The values every amount message quotes: both figures in the form's unit, the 决算 figure as
    printed when its unit differs, the difference, and where the 决算 figure is."""
    same_unit = (unit or "万元") == (accounts_unit or "万元")
    printed = amount(c.accounts_amount, accounts_unit)
    printed_en = amount_en(c.accounts_amount, accounts_unit)
    return {
        "actual": amount(c.amount, unit),
        "expected": amount(c.accounts_amount, unit),
        "actual_en": amount_en(c.amount, unit),
        "expected_en": amount_en(c.accounts_amount, unit),
        "as_printed": "" if same_unit else f"（决算表中为 {printed}）",
        "as_printed_en": "" if same_unit else f" ({printed_en} as printed in the accounts)",
        "difference": amount(abs(c.difference), unit),
        "difference_en": amount_en(abs(c.difference), unit),
        "accounts_place": place(accounts_file, c.accounts_cell),
        "field": field_label(c.field),
        "field_en": field_label_en(c.field),
        "accounts_field": accounts_field(c.field),
    }


def ratio_text(c: Comparison) -> str:
    if c.accounts_amount == 0:
        return "—"
    return fmt_amount((c.amount / c.accounts_amount).quantize(Decimal("0.0001")))


def causes(
    c: Comparison, *, carry: Decimal, other: Decimal, accounts_fiscal: Decimal | None
) -> tuple[str, str]:
    """Likely causes of a spending difference, the most specific first (zh, en).

    ``other`` is the 决算's 其他资金支出 (or the table's 其他资金 row), ``carry`` the table's 上年结转
    row: a gap of exactly that amount says which money was left out.
    """
    diff, near = c.difference, Decimal(1)  # within 1 元
    found: list[tuple[str, str]] = []
    if diff < 0 and accounts_fiscal and abs(c.amount - accounts_fiscal) <= near:
        found.append(
            ("只填了财政拨款支出，其他资金支出未计入", "only the fiscal appropriation was counted")
        )
    elif diff < 0 and other and abs(-diff - other) <= near:
        found.append(("其他资金支出未计入", "other funds left out"))
    if diff < 0 and carry and abs(-diff - carry) <= near:
        found.append(("上年结转资金支出未计入", "carried-over funds left out"))
    if diff < 0:
        found.append(("其他资金或上年结转资金未计入、统计截止早于决算",
                      "other or carried-over funds left out, or an earlier cut-off date"))  # fmt: skip
    else:
        found.append(("按拨付数、预算数或含结转下年的资金填写，而非本年实际支出",
                      "transfers, budget or money carried into next year counted as spending"))  # fmt: skip
    return "；".join(z for z, _ in found), "; ".join(e for _, e in found)


def split_text(split: SourceSplit, unit: str) -> dict[str, str]:
    """Both splits by source in the self-evaluation's unit, for R006's message."""
    carry = f"、上年结转 {amount(split.carry, unit)}" if split.carry else ""
    carry_en = f", carried over {amount_en(split.carry, unit)}" if split.carry else ""

    def side(value: Decimal | None, u: str) -> str:
        return "—" if value is None else amount(value, u)

    def side_en(value: Decimal | None) -> str:
        return "—" if value is None else amount_en(value, unit)

    return {
        "mine": f"财政拨款 {side(split.fiscal, unit)}、其他资金 {side(split.other, unit)}{carry}",
        "theirs": f"财政拨款支出 {side(split.accounts_fiscal, unit)}、"
        f"其他资金支出 {side(split.accounts_other, unit)}",
        "mine_en": f"fiscal {side_en(split.fiscal)}, other {side_en(split.other)}{carry_en}",
        "theirs_en": f"fiscal {side_en(split.accounts_fiscal)}, other {side_en(split.accounts_other)}",
    }


def code_text(code: str) -> str:
    return f"（{code}）" if code else ""
