"""Readings of a department self-evaluation's money block that A001 and A002 share.

* ``money_rows``: every row of the block once (the total, its sources, Fujian's ①②③ under their
  小计, 基本支出 / 项目支出), whichever composition it sits in;
* the identities the header prints (``ColumnFormula``), evaluated row by row: sums such as
  ④=①+②+③ and ⑦=④−⑤ (A001) and ratios such as ⑧=⑦/④ (A002). ⑥=⑤/④ is the 执行率 itself, which
  A002 checks on every row anyway, so it is not yielded twice.

Numbers are read only through ``Located.number`` / ``number_of``; a term holding text that is not
a number is W004's business and the row is skipped; an empty or ``—`` term counts as 0, and a row
whose terms are all empty declares nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from perfcli.forms.model import FundingRow, Located, number_of
from perfcli.forms.model_selfeval_dept import ColumnFormula, SelfEvalDept


def money_rows(form: SelfEvalDept) -> list[FundingRow]:
    """The rows of the money block, each once, top to bottom."""
    seen: dict[tuple[int, int], FundingRow] = {}
    blocks = form.compositions or ([form.funding] if form.funding is not None else [])
    for row in [*(r for b in blocks for r in b.rows), *form.parts.values()]:
        seen.setdefault((row.label.row, row.label.col), row)
    return sorted(seen.values(), key=lambda r: (r.label.row, r.label.col))


@dataclass(frozen=True)
class FormulaSum:
    """A sum identity on one row: the printed result and what its terms add up to."""

    formula: ColumnFormula
    row: FundingRow
    cell: Located
    printed: Decimal
    expected: Decimal
    parts: tuple[tuple[int, Decimal], ...]  # (sign, value) per term, as added


@dataclass(frozen=True)
class FormulaRatio:
    """A ratio identity on one row: the printed rate cell and its numerator and denominator."""

    formula: ColumnFormula
    row: FundingRow
    cell: Located
    numerator: Decimal
    denominator: Decimal


def _terms(row: FundingRow, formula: ColumnFormula) -> list[tuple[int, Decimal]] | None:
    cells = [(sign, row.get(column)) for sign, column in formula.terms]
    if any(loc is not None and loc.number.status == "bad" for _, loc in cells):
        return None
    values = [(sign, number_of(loc)) for sign, loc in cells]
    if all(value is None for _, value in values):
        return None
    return [(sign, value if value is not None else Decimal(0)) for sign, value in values]


def formula_sums(form: SelfEvalDept) -> Iterator[FormulaSum]:
    """Every sum identity on every row whose result and terms are filled."""
    for formula in (f for f in form.formulas if not f.is_ratio):
        for row in money_rows(form):
            cell = row.get(formula.result)
            printed = number_of(cell)
            terms = _terms(row, formula)
            if cell is None or printed is None or terms is None:
                continue
            expected = sum((sign * value for sign, value in terms), Decimal(0))
            yield FormulaSum(formula, row, cell, printed, expected, tuple(terms))


def formula_ratios(form: SelfEvalDept) -> Iterator[FormulaRatio]:
    """Every ratio identity but the 执行率 (A002 reads that on every row) on every row."""
    for formula in (f for f in form.formulas if f.is_ratio and f.result != "rate"):
        for row in money_rows(form):
            cell = row.get(formula.result)
            terms = _terms(row, formula)
            denominator = number_of(row.get(formula.divisor))
            if cell is None or cell.is_empty or terms is None or denominator is None:
                continue
            numerator = sum((sign * value for sign, value in terms), Decimal(0))
            yield FormulaRatio(formula, row, cell, numerator, denominator)
