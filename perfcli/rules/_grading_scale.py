"""Q014 — a graded scale (优/良/中/差 thresholds) steps strictly one way.

A scale is either written in its own columns (邯郸: 优 | 良 | 中 | 差, ``IndicatorRow.grades``)
or in the 指标值 cell itself (``优:≥95%;良:≥85%;中:≥60%;差:<60%``, ``IndicatorValue.scale``).
Each grade's threshold is parsed as an indicator value (``perfcli.io.values.parse_indicator``);
scales whose grades are not all numbers in compatible units are not judged.
"""

from __future__ import annotations

from perfcli.forms.model import IndicatorRow, Located
from perfcli.io.grades import GRADE_RANK
from perfcli.io.values import IndicatorValue, parse_indicator, units_compatible
from perfcli.rules._scoring import IndicatorForm, indicator_rows, name_of
from perfcli.rules.base import Context, Rule

FORMS = ("selfeval_project", "target_project", "target_dept")

Q014 = Rule(
    code="Q014", name="grading-scale-not-monotonic", severity="warning", forms=FORMS,
    title="分级标准不是严格递进", title_en="Grading scale not strictly ordered",
    messages={
        "tie": "指标“{name}”的分级标准中“{a}”与“{b}”相同（均为 {b_value}）：{scale}",
        "order": "指标“{name}”的分级标准次序颠倒：“{b}”{b_value} 与“{a}”{a_value} 不符合“{trend}”：{scale}",
    },
    messages_en={
        "tie": "Indicator '{name}': grades '{a}' and '{b}' share the threshold {b_value}: {scale}",
        "order": "Indicator '{name}': grade '{b}' ({b_value}) is out of order after '{a}' ({a_value}): {scale}",
    },
    hint="请让优、良、中、差的标准逐级严格递减（反向指标逐级递增），相邻等级不得相同",
    hint_en="Make the thresholds of 优/良/中/差 strictly decreasing (increasing for a cap), no ties",
    what="分档列出的优/良/中/差标准（如 100%、90%、85%、85%，或写在指标值一格中的"
         "“优:≥95%;良:≥85%;中:≥60%;差:<60%”）不是严格递减（或反向指标严格递增）："
         "相邻两档相同或次序颠倒。最优一档写了≥（或≤）时按它定方向，“优:≥85%;良:≥90%”为颠倒。以相反比较符写出的下一档边界（优 ≥95%，差 <95%）不算相同；"
         "“优良中低差”是等级名称，不是分档标准，不检查。",
    why="两档标准相同，完成值落在这里时既可评中也可评差，评分无法唯一确定。",
    bad="优 100% | 良 90% | 中 85% | 差 85%；指标值“优:≥85%;良:≥90%”。",
    good="优 100% | 良 90% | 中 85% | 差 <85%；指标值“优:≥95%;良:≥85%;中:≥60%;差:<60%”。",
)  # fmt: skip


# One grade of a scale: its word, the threshold as written, the parsed threshold.
_Step = tuple[str, str, IndicatorValue]


def _grades(row: IndicatorRow) -> list[tuple[str, Located]]:
    """The row's graded threshold cells (优/良/中/差 columns), best grade first."""
    grades: dict[str, Located] = getattr(row, "grades", None) or {}
    return sorted(grades.items(), key=lambda item: _rank(item[0]))  # stable: unknown words last


def _rank(grade: str) -> int:
    """A grade word's place, best first (``io.grades.GRADE_RANK``, which the one-cell scale uses)."""
    return GRADE_RANK.get(grade, GRADE_RANK.get(grade[:1], 99))


def _scales(row: IndicatorRow, ctx: Context) -> list[tuple[list[_Step], list[Located], str]]:
    """Each scale of the row: its quantitative steps best first, the cell to point at for each
    step, and the scale as quoted in the message."""
    found: list[tuple[list[_Step], list[Located], str]] = []
    steps: list[_Step] = []
    cells: list[Located] = []
    for grade, loc in _grades(row):
        value = parse_indicator(loc.value, vague_words=ctx.profile.vague_words)
        if value.is_quantitative:
            steps.append((grade, loc.text, value))
            cells.append(loc)
    if steps:
        found.append((steps, cells, "、".join(f"{g} {text}" for g, text, _ in steps)))
    target = row.target_value
    if row.target is not None and target is not None and target.scale:
        ranked = sorted(target.scale, key=lambda step: _rank(step.grade))
        written = [(s.grade, s.threshold.text, s.threshold) for s in ranked]
        quantitative = [step for step in written if step[2].is_quantitative]
        quoted = " ".join(row.target.text.split())  # one grade a line reads as one line
        found.append((quantitative, [row.target] * len(quantitative), quoted))
    return found


@Q014.checks
def _check_q014(form: IndicatorForm, ctx: Context) -> None:
    for row in indicator_rows(form):
        for steps, cells, scale in _scales(row, ctx):
            if len(steps) < 2 or not all(
                units_compatible(steps[0][2].unit, v.unit) for _, _, v in steps
            ):
                continue
            found = _out_of_order(steps)
            if found is None:
                continue
            variant, i, trend = found
            (a, a_text, _), (b, b_text, _) = steps[i - 1], steps[i]
            ctx.report(Q014, at=cells[i], variant=variant, name=name_of(row), a=a, b=b,
                       a_value=a_text, b_value=b_text, scale=scale, trend=trend)  # fmt: skip


def _out_of_order(steps: list[_Step]) -> tuple[str, int, str] | None:
    """The first grade (its index) that breaks a strictly monotonic scale with the one above it.

    The scale falls (正向: 优 100%, 良 90%…) or rises (反向: 优 ≤5天, 良 ≤10天…) from its best
    grade to its worst: the best grade's operator says which (≥ falls, ≤ rises); without one the
    first and last thresholds do. A boundary written with the opposite operator (优 ≥95%,
    差 <95%) is the complement of the grade above, not a tie.
    """
    numbers = [v.number for _, _, v in steps]
    first, last = numbers[0], numbers[-1]
    assert first is not None and last is not None
    best = steps[0][2].operator
    falling: bool | None
    if best in (">=", ">"):
        falling = True
    elif best in ("<=", "<"):
        falling = False
    else:
        falling = None if first == last else last < first
    for i in range(1, len(steps)):
        x, y = numbers[i - 1], numbers[i]
        assert x is not None and y is not None
        if x == y:
            if _opposite(steps[i - 1][2], steps[i][2]):
                continue
            return "tie", i, ""
        if falling is None:
            falling = y < x
        if (y < x) != falling:
            return "order", i, "逐级递减" if falling else "逐级递增"
    return None


def _opposite(a: IndicatorValue, b: IndicatorValue) -> bool:
    up, down = (">=", ">"), ("<=", "<")
    return (a.operator in up and b.operator in down) or (a.operator in down and b.operator in up)
