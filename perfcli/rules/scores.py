"""A007–A011, A018, A019 — weights, scores, the total and the grade of a self-evaluation.

The rows that count are ``common.counted_indicators`` (no template placeholders, no unscored
``其中`` breakdowns, a scored parent instead of its children) plus the execution weight and score
of ``common.execution``; each total is compared once, by one rule (forms.md §5, background §7.7).
A019 (a row scored twice) lives in _double_count.py and is listed in ``RULES`` here.
"""

from __future__ import annotations

from decimal import Decimal

from perfcli.forms.kinds import SELFEVAL_KINDS
from perfcli.forms.model import IndicatorRow, Located, SelfEvalProject, number_of
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.forms.normalize import norm_label
from perfcli.rules._double_count import A019 as A019
from perfcli.rules.base import Context, Rule, fmt_decimal
from perfcli.rules.common import counted_indicators, execution, round2, within, within_2dp

SELFEVAL = ("selfeval_project",)
HUNDRED = Decimal(100)

A007 = Rule(
    code="A007", name="weights-total", severity="error", forms=SELFEVAL_KINDS,
    title="分值合计不等于100", title_en="Weights do not add up to 100",
    messages={
        "default": "分值合计为 {sum}（预算执行 {execution} + 绩效指标 {indicators}），应为 100",
        "no_execution": "绩效指标分值合计为 {sum}，超过 100",
        "indicators": "绩效指标分值合计为 {sum}，应为 100（表中没有单独计分的预算执行）",
        "printed": "总分行的分值填写 {actual}，但预算执行与各指标分值之和为 {sum}",
    },
    messages_en={
        "default": "The weights add up to {sum} (execution {execution} + indicators {indicators}); "
                   "they must add up to 100",
        "no_execution": "The indicator weights add up to {sum}, more than 100",
        "indicators": "The indicator weights add up to {sum}; with no separate execution score they must add up to 100",
        "printed": "The total row shows a weight of {actual}, but execution and indicator weights add up to {sum}",
    },
    hint="请调整各项分值，使预算执行分值与全部绩效指标分值之和为 100 分",
    hint_en="Adjust the weights so that execution plus all indicators add up to 100",
    what="预算执行分值与全部三级指标分值之和应为 100（10/90、20/80 等拆分均可）；未填的模板行、不计分的“其中”"
         "分解行、与子项同时计分的父项的子项不计入。预算执行分值未填时，只在指标分值之和超过 100 时报告。"
         "总分行另印分值的，也应等于该合计。只适用于有分值列的表样。部门整体支出绩效自评表没有单独计分的预算执行时"
         "（福建表样），指标分值之和应为 100。",
    why="分值合计不是 100，总分就不是百分制，等级（优 ≥ 90 …）失去意义。",
    bad="预算执行 10 + 产出 50 + 效益 30 + 满意度 20 = 110。",
    good="预算执行 10 + 产出 50 + 效益 30 + 满意度 10 = 100。",
)  # fmt: skip

A008 = Rule(
    code="A008", name="category-weight-mismatch", severity="warning", forms=SELFEVAL_KINDS,
    title="一级指标分值与标注不符", title_en="Category weights differ from the label",
    messages={
        "default": "{category}标注 {label_weight} 分，其下三级指标分值合计为 {sum}（{parts}）",
        "block": "{block}标注 {label_weight} 分，绩效指标分值合计为 {sum}",
    },
    messages_en={
        "default": "{category} is labelled {label_weight} points but its indicators add up to {sum} ({parts})",
        "block": "{block} is labelled {label_weight} points but the indicator weights add up to {sum}",
    },
    hint="请调整该类指标的分值，使其合计等于标注的分值，或更正标注",
    hint_en="Adjust the weights of these indicators to the labelled total, or correct the label",
    what="一级指标标注了分值（如“产出指标(50分)”）时，其下三级指标分值之和应等于该分值（框架中的“预算执行率”行"
         "计入其所在一级）；绩效指标块标注了分值（如“绩效指标(90分)”）而总分值正确时，指标分值之和也应等于该标注。",
    why="标注的分值是评分办法的一部分；合计不符说明某个指标的分值填错或标注未随之调整。",
    bad="产出指标(50分)：20 + 15 + 10 = 45。",
    good="产出指标(50分)：20 + 15 + 15 = 50。",
)  # fmt: skip

A009 = Rule(
    code="A009", name="score-out-of-range", severity="error", forms=SELFEVAL_KINDS,
    title="得分超出范围", title_en="Score out of range",
    messages={
        "over": "{item}得分 {actual} 超过其分值 {weight}",
        "negative": "{item}得分 {actual} 为负数",
    },
    messages_en={
        "over": "The score {actual} of {item} exceeds its weight {weight}",
        "negative": "The score {actual} of {item} is negative",
    },
    hint="得分应在 0 到该项分值之间，超额完成也不得超过分值，请更正",
    hint_en="A score must lie between 0 and the item's weight, even when the target is exceeded",
    what="每个三级指标和预算执行的得分应在 0 与其分值之间（“得分不得突破权重”）。",
    why="得分超过分值会把总分抬高到分值之外，等级失真。",
    bad="分值 10，实际完成 120%，得分填 12。",
    good="得分填 10（满分）。",
    params=("score_tolerance",),
)  # fmt: skip

A010 = Rule(
    code="A010", name="total-score-mismatch", severity="error", forms=SELFEVAL_KINDS,
    title="总分与各项得分之和不符", title_en="Total score does not equal the sum of scores",
    messages={"default": "{total_label}应为 {expected}（预算执行 {execution} + 绩效指标 {indicators}），"
                         "表中填写 {actual}，相差 {difference}"},
    messages_en={"default": "The total should be {expected} (execution {execution} + indicators {indicators}); "
                            "the form shows {actual}, a difference of {difference}"},
    hint="请将总分改为预算执行得分与各三级指标得分之和（不重复计算父项与子项、“其中”行）",
    hint_en="Make the total the sum of the execution score and the indicator scores (each counted once)",
    what="总分（合计）应等于预算执行得分加全部三级指标得分；模板行、“其中”分解行和已由父项计分的子项不重复计入。"
         "保留两位小数比较，允许 ±0.01。",
    why="总分决定等级和汇总表中的得分；加错会改变评价结论。",
    bad="各项得分之和 98，总分填 99.5。",
    good="总分填 98。",
    params=("score_tolerance",),
)  # fmt: skip

A011 = Rule(
    code="A011", name="grade-mismatch", severity="error", forms=SELFEVAL_KINDS,
    title="等级与总分不符", title_en="Grade does not match the total score",
    messages={"default": "总分 {score} 对应的等级为“{expected}”，表中填写“{actual}”"},
    messages_en={"default": "A total of {score} means grade {expected_en}; the form states {actual}"},
    hint="等级按总分确定：优 ≥ {excellent}，良 ≥ {good}，中 ≥ {passing}，差 < {passing}",
    hint_en="The grade follows the total: 优 ≥ {excellent}, 良 ≥ {good}, 中 ≥ {passing}, 差 < {passing}",
    what="填写的等级（评价结论）应与表中总分对应：优 ≥ 90，良 ≥ 80，中 ≥ 60，差 < 60（参数 grades；“优秀”"
         "“良好”“合格”等同义词按参数 grade_names 换算）。按表中填写的总分判断；总分本身算错由 A010 报告。",
    why="等级是自评结论，汇总表和结果应用都使用它。",
    bad="总分 85，等级填“优”。",
    good="等级填“良”。",
    params=("grades", "grade_names"),
)  # fmt: skip

A018 = Rule(
    code="A018", name="total-missing", severity="error", forms=SELFEVAL_KINDS,
    title="缺少总分", title_en="Total score missing",
    messages={
        "default": "表中没有总分（合计）行，无法确定自评总分和等级（绩效指标至第 {last_row} 行）",
        "empty": "{total_label}行的得分为空，无法确定自评总分和等级",
    },
    messages_en={
        "default": "The form has no total (总分/合计) row, so the total score and grade cannot be "
                   "established (indicators end at row {last_row})",
        "empty": "The score of the {total_label} row is empty, so the total score and grade cannot be established",
    },
    hint="请在表末“总分/合计”行填写预算执行得分与各指标得分之和",
    hint_en="Fill in the total row with the sum of the execution and indicator scores",
    what="有分值/得分列的表样必须有总分（合计）得分；没有总分行、或合计行的得分为空都报告。"
         "没有分值/得分列的表样（如湖南衡山）不检查。",
    why="没有总分就无法定等级，也无法填汇总表。",
    bad="合计行只填了分值 100，得分栏空白。",
    good="合计行填写分值 100、得分 96.5。",
)  # fmt: skip

# --- helpers -------------------------------------------------------------------------------------


def _sum(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def _has_bad(cells: list[Located | None]) -> bool:
    return any(loc is not None and loc.number.status == "bad" for loc in cells)


def _item(ind: IndicatorRow) -> str:
    name = ind.display_name
    return f"指标“{name}”" if name else f"第 {ind.row + 1} 行指标"


# --- A007 / A008 ---------------------------------------------------------------------------------


def _indicator_weights(form: SelfEvalProject) -> list[Decimal] | None:
    rows = counted_indicators(form)
    if _has_bad([r.weight for r in rows]):
        return None
    return [w for w in (number_of(r.weight) for r in rows) if w is not None]


def _weights_total_ok(form: SelfEvalProject, ctx: Context) -> bool | None:
    """Whether execution + indicator weights make 100 (None when it cannot be judged)."""
    if form.grid is None or not form.grid.has("weight"):
        return None
    weights = _indicator_weights(form)
    if not weights:
        return None  # text that is not a number (W004), or no weight written at all: nothing to add
    ex = execution(form, ctx.profile.exec_rate_base)
    if ex is None or ex.weight is None:
        if isinstance(form, SelfEvalDept):  # no execution score: the indicators are the whole 100
            return within(_sum(weights), HUNDRED, Decimal(0))
        return _sum(weights) <= HUNDRED
    return within(ex.weight + _sum(weights), HUNDRED, Decimal(0))


@A007.checks
def _check_weights_total(form: SelfEvalProject, ctx: Context) -> None:
    ok = _weights_total_ok(form, ctx)
    if ok is None or form.grid is None:
        return
    weights = _indicator_weights(form) or []
    indicators = _sum(weights)
    ex = execution(form, ctx.profile.exec_rate_base)
    total_weight = form.total.weight if form.total is not None else None
    at = total_weight if total_weight is not None else form.grid.header
    if not ok:
        if ex is None or ex.weight is None:
            variant = "indicators" if isinstance(form, SelfEvalDept) else "no_execution"
            ctx.report(A007, at=at, variant=variant, expected=HUNDRED, sum=fmt_decimal(indicators))
            return
        summed = ex.weight + indicators
        ctx.report(
            A007, at=at, expected=HUNDRED, actual=summed, sum=fmt_decimal(summed), execution=fmt_decimal(ex.weight),
            indicators=fmt_decimal(indicators),
        )  # fmt: skip
        return
    printed = number_of(total_weight)
    if total_weight is None or printed is None:
        return
    summed = indicators + (ex.weight if ex is not None and ex.weight is not None else Decimal(0))
    if summed == HUNDRED and not within(printed, HUNDRED, Decimal(0)):
        ctx.report(A007, at=total_weight, variant="printed", expected=HUNDRED, actual=total_weight.text,
                   sum=fmt_decimal(summed))  # fmt: skip


@A008.checks
def _check_category_weights(form: SelfEvalProject, ctx: Context) -> None:
    grid = form.grid
    if grid is None or not grid.has("weight"):
        return
    groups: dict[tuple[int, int], list[IndicatorRow]] = {}
    # A framework's 预算执行率 row (安徽, 河北) is scored against the money block but sits under its
    # 一级 (过程（35分）): its 分值 belongs to that category's sum.
    execution_row = [form.execution_row] if form.execution_row is not None else []
    for ind in sorted([*counted_indicators(form), *execution_row], key=lambda r: r.row):
        if ind.level1 is not None and ind.level1_label_weight is not None:
            groups.setdefault((ind.level1.row, ind.level1.col), []).append(ind)
    for rows in groups.values():
        if _has_bad([r.weight for r in rows]):
            continue
        label_weight = rows[0].level1_label_weight
        assert label_weight is not None and rows[0].level1 is not None
        weights = [w for w in (number_of(r.weight) for r in rows) if w is not None]
        summed = _sum(weights)
        if not weights or within(summed, label_weight, Decimal(0)):
            continue
        ctx.report(
            A008, at=rows[0].level1, expected=label_weight, actual=summed,
            category=norm_label(rows[0].level1.text), label_weight=fmt_decimal(label_weight), sum=fmt_decimal(summed),
            parts=" + ".join(fmt_decimal(w) for w in weights),
        )  # fmt: skip
    # The block label (绩效指标(90分)): only when the grand total is right but the split is not.
    weights_all = _indicator_weights(form)
    if grid.weight_from_label is None or grid.block_label is None or not weights_all:
        return
    if _weights_total_ok(form, ctx) is not True:
        return
    if not within(_sum(weights_all), grid.weight_from_label, Decimal(0)):
        ctx.report(
            A008, at=grid.block_label, variant="block", expected=grid.weight_from_label,
            actual=_sum(weights_all), block=norm_label(grid.block_label.text),
            label_weight=fmt_decimal(grid.weight_from_label), sum=fmt_decimal(_sum(weights_all)),
        )  # fmt: skip


# --- A009 ----------------------------------------------------------------------------------------


def _check_range(
    ctx: Context, item: str, score_cell: Located | None, weight: Decimal | None
) -> None:
    score = number_of(score_cell)
    if score is None or score_cell is None:
        return
    if score < 0:
        ctx.report(A009, at=score_cell, variant="negative", actual=score_cell.text, item=item)
    elif (
        weight is not None and weight >= 0 and round2(score) - weight > ctx.profile.score_tolerance
    ):
        ctx.report(A009, at=score_cell, variant="over", expected=weight, actual=score_cell.text, item=item,
                   weight=fmt_decimal(weight))  # fmt: skip


@A009.checks
def _check_score_range(form: SelfEvalProject, ctx: Context) -> None:
    ex = execution(form, ctx.profile.exec_rate_base)
    if ex is not None:
        _check_range(ctx, "预算执行", ex.score, ex.weight)
    for ind in form.indicators:
        if ind.is_scored:
            _check_range(ctx, _item(ind), ind.score, number_of(ind.weight))


# --- A010 / A018 ---------------------------------------------------------------------------------


@A010.checks
def _check_total_score(form: SelfEvalProject, ctx: Context) -> None:
    total = form.total
    if total is None or total.score is None:
        return
    printed = number_of(total.score)
    if printed is None:
        return  # empty: A018
    rows = counted_indicators(form)
    ex = execution(form, ctx.profile.exec_rate_base)
    exec_cell = ex.score if ex is not None else None
    if _has_bad([exec_cell, *(r.score for r in rows)]):
        return
    exec_score = number_of(exec_cell) or Decimal(0)
    indicators = _sum([s for s in (number_of(r.score) for r in rows) if s is not None])
    expected = exec_score + indicators
    if within_2dp(printed, expected, ctx.profile.score_tolerance):
        return
    ctx.report(
        A010, at=total.score, expected=fmt_decimal(expected), actual=total.score.text,
        total_label=norm_label(total.label.text) or "总分", execution=fmt_decimal(exec_score),
        indicators=fmt_decimal(indicators), difference=fmt_decimal(abs(round2(printed) - round2(expected))),
    )  # fmt: skip


@A018.checks
def _check_total_present(form: SelfEvalProject, ctx: Context) -> None:
    grid = form.grid
    if grid is None or not grid.has("score"):
        return  # a layout without 得分 (Hunan 衡山) has no total to ask for
    total = form.total
    if total is None:
        ctx.report(A018, last_row=grid.last_row + 1)
        return
    if total.score is None or total.score.is_empty or total.score.number.status == "none":
        at = total.score if total.score is not None else total.label
        ctx.report(A018, at=at, variant="empty", total_label=norm_label(total.label.text) or "总分")


# --- A011 ----------------------------------------------------------------------------------------

_GRADE_EN = {"优": "优 (excellent)", "良": "良 (good)", "中": "中 (pass)", "差": "差 (poor)"}


@A011.checks
def _check_grade(form: SelfEvalProject, ctx: Context) -> None:
    if not form.grade_word or form.grade is None or form.total is None:
        return
    score = number_of(form.total.score)
    if score is None:
        return
    stated = ctx.profile.grade_names.get(form.grade_word, form.grade_word)
    expected = ctx.profile.grade_for(score)
    if stated == expected:
        return
    excellent, good, passing = ctx.profile.grades
    ctx.report(
        A011, at=form.grade, expected=expected, actual=form.grade_word, score=fmt_decimal(score),
        expected_en=_GRADE_EN.get(expected, expected), excellent=fmt_decimal(excellent), good=fmt_decimal(good),
        passing=fmt_decimal(passing),
    )  # fmt: skip


RULES = [A007, A008, A009, A010, A011, A018, A019]
