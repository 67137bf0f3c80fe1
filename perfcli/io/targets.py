"""Judging an actual against its target: met, missed, or not comparable; the grade reached."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from perfcli.io.cells import CellValue
from perfcli.io.grades import GRADE_RANK
from perfcli.io.indicator import IndicatorValue
from perfcli.io.numeric import RATIO_LIMIT, normalize_text, parse_rate
from perfcli.io.units import unit_base, units_compatible


def _ratio_against(target: IndicatorValue, number: Decimal) -> bool:
    """Whether ``number`` against a percentage ``target`` is a ratio (``1`` against ``≥98%`` is
    100%): it is at most ``RATIO_LIMIT`` and the target above it (``parse_rate``'s reading of a
    plain number under a rate label)."""
    assert target.number is not None
    return abs(number) <= RATIO_LIMIT < abs(target.number)


def _fraction_of(target: IndicatorValue, number: Decimal) -> bool:
    """Whether an actual ``number`` is a fraction of its percentage ``target``, to be read ×100.

    Only against a minimum (≥, >, =, a range or no operator), which the number as written would
    miss: against a cap (≤3%) or a tolerance (±5%) the number as written meets it and ×100 would
    not (0.5 against ≤3% is 0.5%, not a 50% failure)."""
    return target.operator not in ("<=", "<", "±") and _ratio_against(target, number)


def _scales(target: IndicatorValue, actual: IndicatorValue) -> tuple[Decimal, Decimal] | None:
    """Factors that put target and actual on one scale (元 for money, percent for rates)."""
    t, a = target.number, actual.number
    if t is None or a is None or not units_compatible(target.unit, actual.unit):
        return None
    one = Decimal(1)
    if target.unit and actual.unit:
        return unit_base(target.unit)[1], unit_base(actual.unit)[1]
    # One side bare: a plain number ≤ 1.5 against a percentage is a ratio (1 = 100%).
    if unit_base(target.unit)[0] == "%" and not actual.unit and _fraction_of(target, a):
        return one, Decimal(100)
    if unit_base(actual.unit)[0] == "%" and not target.unit and _ratio_against(actual, t):
        return Decimal(100), one
    return one, one


def target_met(target: IndicatorValue, actual: IndicatorValue) -> bool | None:
    """True/False when a quantitative or deadline target can be judged against its actual.

    None when it cannot: qualitative values, incompatible units, a vague or empty side. A bare
    target without an operator is read as ≥; ``=`` is met at or above a positive target (and at
    or below a target of 0); a range is met inside it; ``±3%`` is met within ±3.
    """
    if target.kind == "deadline" and actual.kind == "deadline":
        if target.date_key is None or actual.date_key is None:
            return None
        tk, ak = target.date_key, actual.date_key
        if (tk >= 10000) != (ak >= 10000):
            tk, ak = tk % 10000, ak % 10000  # compare month and day when one has no year
        if target.operator == ">=":
            return ak >= tk
        if target.operator == ">":
            return ak > tk
        if target.operator == "<":
            return ak < tk
        return ak <= tk
    if not (target.is_quantitative and actual.is_quantitative):
        return None
    scales = _scales(target, actual)
    if scales is None or target.number is None or actual.number is None:
        return None
    t, a = target.number * scales[0], actual.number * scales[1]
    if target.upper is not None:
        return t <= a <= target.upper * scales[0]
    op = target.operator or ">="
    if op == ">=":
        return a >= t
    if op == ">":
        return a > t
    if op == "<=":
        return a <= t
    if op == "<":
        return a < t
    if op == "=":
        return a >= t if t > 0 else a <= t
    return abs(a) <= abs(t)  # ±


def stored_percent(
    raw: CellValue, actual: IndicatorValue, target: IndicatorValue
) -> IndicatorValue:
    """An actual typed as ``100%`` in a cell Excel formats as a percentage is stored as 1.

    Under a 度量单位 column of ``%`` such a number would read as 1%, a false shortfall against
    ``≥98``. A numeric cell (not text) that is a fraction of its percentage target
    (``_fraction_of``: not against a cap such as ``≤3``) is that stored fraction, read as a
    percentage (``parse_rate``); text such as ``1%`` or ``1`` is taken as written. The self-evaluation grid reads its actuals through it
    (``forms.indicators``), the monitoring grid its 1-N月执行情况 and 全年预计完成情况
    (``forms.monitor_grid``).
    """
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        return actual
    if not (actual.is_quantitative and target.is_quantitative):
        return actual
    assert actual.number is not None
    if "%" not in actual.unit or "%" not in target.unit or not _fraction_of(target, actual.number):
        return actual
    rate = parse_rate(raw)
    if rate is None:
        return actual
    number = rate.percent.normalize()
    return replace(actual, number=number, text=f"{number:f}")


def is_reverse(target: IndicatorValue) -> bool:
    return target.operator in ("<=", "<")


def grade_reached(target: IndicatorValue, actual: IndicatorValue) -> str | None:
    """The grade an actual reaches on a target written as a grade scale in one cell.

    ``92%`` against ``优:≥95%;良:≥85%;中:≥60%;差:<60%`` reaches 良: the best grade whose threshold
    the actual meets (a scale written worst first is read best first). An actual written as a grade word (``良``)
    reaches that grade. ``""`` when it meets no threshold; None when the target is not a scale or
    a threshold cannot be compared with the actual (other units, words).
    """
    if not target.scale:
        return None
    words = [step.grade for step in target.scale]
    if actual.kind == "qualitative":
        word = normalize_text(actual.text).replace(" ", "")
        return word if word in words else None
    for step in sorted(target.scale, key=lambda step: GRADE_RANK.get(step.grade, 99)):
        met = target_met(step.threshold, actual)
        if met is None:
            return None
        if met:
            return step.grade
    return ""
