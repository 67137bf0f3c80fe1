"""Readings the indicator-score rules share (A012–A017, A020, Q013): one notion, judged one way.

* which rows are **scored** indicators (not template placeholders, not unscored ``其中`` rows);
* whether an indicator's target was **met**, missed, or cannot be judged;
* the **proportional score** of a missed quantitative target (正向 actual ÷ target × 分值; 反向
  by the profile's ``reverse_scoring``);
* whether a row has a **reason** (its own reason column, or a form-level analysis);
* how to **quote** a target or an actual as the preparer wrote it (split layouts joined back).

Numbers and units are read only through ``perfcli.io.values`` (``target_met``, ``is_reverse``,
``units_compatible``); this module never parses a cell itself.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from perfcli.forms.model import (
    IndicatorGrid,
    IndicatorRow,
    Located,
    SelfEvalProject,
    TargetDept,
    TargetProject,
    text_of,
)
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.numeric import RATIO_LIMIT
from perfcli.io.values import IndicatorValue, is_reverse, target_met, units_compatible
from perfcli.rules._category_vocab import category_vocabulary
from perfcli.rules.base import fmt_decimal
from perfcli.rules.common import form_reason, is_reason

Outcome = Literal["met", "missed", "unknown"]
# The forms whose indicators the Q rules read: each has ``grid``, ``indicators``, ``year``.
IndicatorForm = SelfEvalProject | TargetProject | TargetDept
_CENT = Decimal("0.01")
# Qualitative results of the 达成 family (values.qualitative_grade) that say the target was missed.
MISSED_GRADES = frozenset({"partial", "missed"})
BAND_GRADES = frozenset({"achieved", "partial", "missed"})


def scored_rows(form: SelfEvalProject) -> list[IndicatorRow]:
    """Indicator rows a preparer filled and that carry a result: not placeholders, not 其中 rows."""
    if form.grid is None:
        return []
    return [row for row in form.grid.rows if row.is_scored]


def indicator_grids(form: IndicatorForm) -> list[IndicatorGrid]:
    """The form's indicator grids: the annual one, and a target table's 中期/长期 one."""
    grids = [form.grid] if form.grid is not None else []
    if isinstance(form, TargetProject) and form.midterm_grid is not None:
        grids.append(form.midterm_grid)
    return grids


def is_label_only(row: IndicatorRow) -> bool:
    """A row that writes only its 一级/二级 labels: an empty 三级 name, no value, no weight — a
    printed template row or one half of a side-by-side 长期 | 年度 grid left blank. In a grid
    without a 三级 column the 二级 names the indicator, so its rows are never label-only."""
    if row.name is None:
        return False
    cells = (row.name, row.nature, row.target, row.actual, row.weight, row.score)
    return all(cell is None or cell.is_empty for cell in cells)


def indicator_rows(form: IndicatorForm) -> list[IndicatorRow]:
    """Filled indicator rows of every grid (annual and 中期): not placeholders, not 其中 rows, not
    rows that carry only their category labels."""
    return [
        row
        for grid in indicator_grids(form)
        for row in grid.rows
        if row.is_scored and not is_label_only(row)
    ]


def round2(value: Decimal) -> Decimal:
    """Half-up to 2 decimals: the precision the team compares scores at."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def has_reason(form: SelfEvalProject, row: IndicatorRow) -> bool:
    """A reason in the row's own column, or a filled form-level analysis (rules.md clarifications)."""
    return is_reason(row.reason) or form_reason(form) is not None


def reason_cell(row: IndicatorRow) -> Located | None:
    """Where a missing reason belongs: the row's reason cell, else its actual (no reason column)."""
    return row.reason if row.reason is not None else row.actual


# --- targets and actuals --------------------------------------------------------------------------


def comparable(target: IndicatorValue, actual: IndicatorValue) -> tuple[Decimal, Decimal] | None:
    """Target and actual numbers on one scale, or None when that needs a unit conversion.

    Only same-unit pairs (or one side bare) are compared numerically. A bare ratio (``0.97``)
    against a percentage target and differently scaled units (万元 vs 元) are left alone: the
    verdict of ``target_met`` still holds for them, but a proportional score or an over-achievement
    ratio would be off by a factor, so the rules that need one stay silent.
    """
    if not (target.is_quantitative and actual.is_quantitative):
        return None
    t, a = target.number, actual.number
    assert t is not None and a is not None
    if not units_compatible(target.unit, actual.unit):
        return None
    if target.unit and actual.unit and target.unit != actual.unit:
        return None
    pct_t, pct_a = "%" in target.unit, "%" in actual.unit
    if (pct_t and not actual.unit and abs(a) <= RATIO_LIMIT < abs(t)) or (
        pct_a and not target.unit and abs(t) <= RATIO_LIMIT < abs(a)
    ):
        return None
    return t, a


_REVERSE_WORDS = ("反向", "反向指标", "越小越好", "越低越好")
_FORWARD_WORDS = ("正向", "正向指标", "越大越好", "越高越好")


def direction_of(row: IndicatorRow) -> Literal["forward", "reverse"] | None:
    """The row's 指标方向性 (正向/反向 and their wordings), or None when it has none."""
    direction = squash(text_of(row.direction))
    if direction in _REVERSE_WORDS:
        return "reverse"
    if direction in _FORWARD_WORDS:
        return "forward"
    return None


def effective_target(row: IndicatorRow) -> IndicatorValue | None:
    """The target with the row's own 指标方向性 applied to a number written without an operator.

    ``target_met`` reads a bare number as ≥. That is right for most rows, but a row marked 反向
    in a direction column is a cap (≤), a bare ``0`` (安全事故 0起) means none at all (= 0), and a
    bare number under a 成本 category, or on an indicator named like a cap (labels.toml
    ``[categories.names] cap``: 重庆 prints 财政供养人员控制率 100%, 预算调整率 3% without an
    operator; read as ≥ they would be missed at 92% / 0%), may be a cap or a floor: for those the direction is not known and the target is not judged (None), so
    no rule guesses.
    """
    target = row.target_value
    if target is None or not target.is_quantitative or target.operator is not None:
        return target
    direction = direction_of(row)
    if direction == "reverse":
        return replace(target, operator="<=")
    if direction == "forward":
        return replace(target, operator=">=")
    if target.number == 0:
        return replace(target, operator="=")
    if "成本" in row.level1_name + row.level2_name:
        return None
    if norm_label(row.display_name).rstrip("”\"'").endswith(category_vocabulary().cap):
        return None  # 预算调整率(%) too: norm_label drops a decorating (%)
    return target


def outcome(row: IndicatorRow) -> Outcome:
    """met / missed / unknown for a row's actual against its target.

    Quantitative and deadline targets are judged by ``target_met``; a qualitative result of the
    达成 family (部分达成…, 未达成…) is a miss, 达成 a hit; ``否``/``不合格`` against a ``是``/``合格``
    target is a miss and a matching yes/no a hit. Anything else cannot be judged.
    """
    target, actual = effective_target(row), row.actual_value
    if target is None or actual is None or actual.kind == "empty":
        return "unknown"
    met = target_met(target, actual)
    if met is not None:
        return "met" if met else "missed"
    if actual.kind != "qualitative":
        return "unknown"
    if actual.grade in MISSED_GRADES:
        return "missed"
    if actual.grade == "achieved":
        return "met"
    if (
        target.kind == "qualitative"
        and target.grade in ("yes", "no")
        and actual.grade in ("yes", "no")
    ):
        return "met" if actual.grade == target.grade else "missed"
    return "unknown"


@dataclass(frozen=True)
class Proportional:
    """The score a missed quantitative target earns, and how it was computed (for messages)."""

    score: Decimal  # rounded to 2 decimals
    formula: str  # "4604 ÷ 4754 × 5"
    formula_en: str


def proportional_score(
    target: IndicatorValue, actual: IndicatorValue, weight: Decimal, reverse_scoring: str
) -> Proportional | None:
    """The proportional score of a *missed* quantitative target, or None when it cannot be computed.

    正向 (≥, >, a bare number, ``=`` with a positive target): actual ÷ target × 分值.
    反向 (≤, <, ``=`` with target 0): ``ratio`` target ÷ actual × 分值; ``linear``
    (1 − (actual − target) ÷ target) × 分值, 0 at twice the target or more. A negative actual counts
    as 0; ranges (``95%-100%``) and ``±`` targets are not scored proportionally.
    """
    pair = comparable(target, actual)
    if pair is None or target.upper is not None or target.operator == "±":
        return None
    t, a = pair
    a = max(a, Decimal(0))
    w = fmt_decimal(weight)
    reverse = is_reverse(target) or (target.operator == "=" and t <= 0)
    if not reverse:
        if t <= 0 or a >= t:
            return None
        text = f"{fmt_decimal(a)} ÷ {fmt_decimal(t)} × {w}"
        return Proportional(round2(a / t * weight), text, text)
    if a <= t:
        return None
    if t <= 0:
        return Proportional(
            Decimal("0.00"),
            "“指标值为 0 时，超出即不得分”",
            "“a target of 0, once exceeded, scores 0”",
        )
    if reverse_scoring == "linear":
        share = max(Decimal(0), 1 - (a - t) / t)
        text = f"(1 − ({fmt_decimal(a)} − {fmt_decimal(t)}) ÷ {fmt_decimal(t)}) × {w}"
        return Proportional(round2(share * weight), text, text)
    text = f"{fmt_decimal(t)} ÷ {fmt_decimal(a)} × {w}"
    return Proportional(round2(t / a * weight), text, text)


# --- quoting --------------------------------------------------------------------------------------


def _unit_suffix(row: IndicatorRow) -> str:
    """The split layout's 度量单位 as it reads after a number (``%(百分比)`` → ``%``)."""
    unit = text_of(row.unit)
    return "%" if unit.startswith(("%(", "%（", "百分比")) else unit


def _bare_number(loc: Located | None) -> bool:
    """A cell holding a number without a unit of its own (``320``, not ``320公里`` or ``100%``)."""
    return loc is not None and loc.number.ok and not loc.number.unit


def shown_target(row: IndicatorRow) -> str:
    """The target as written; split layouts joined back (``≥`` | ``320`` | ``公里`` → ``≥320公里``)."""
    value = text_of(row.target)
    nature = text_of(row.nature)
    if (
        nature
        and not nature.startswith(("定性", "定量"))
        and value
        and not value.startswith(nature)
    ):
        value = nature + value
    unit = _unit_suffix(row)
    if (
        unit
        and value[-1:].isdigit()
        and row.target_value is not None
        and row.target_value.is_quantitative
    ):
        value += unit
    return value


def shown_actual(row: IndicatorRow) -> str:
    """The actual as written, with the split layout's unit added to a bare number."""
    value = text_of(row.actual)
    unit = _unit_suffix(row)
    if unit and value and _bare_number(row.actual) and not value.endswith(unit):
        value += unit
    return value


def name_of(row: IndicatorRow) -> str:
    return row.display_name or f"第{row.row + 1}行"
