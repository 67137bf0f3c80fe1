"""A012–A017, A020 — indicator scores against targets and actual results (self-evaluation).

Every check reads the grid rows the locator built (``IndicatorRow``: target, actual, 分值, 得分,
reason) and the shared readings in ``_scoring`` (met or missed, proportional score, reason).
"""

from __future__ import annotations

from decimal import Decimal

from perfcli.forms.kinds import SELFEVAL_KINDS
from perfcli.forms.model import IndicatorRow, Located, SelfEvalProject, number_of, text_of
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.io.values import parse_rate
from perfcli.rules._scoring import (
    BAND_GRADES,
    comparable,
    effective_target,
    has_reason,
    name_of,
    outcome,
    proportional_score,
    reason_cell,
    round2,
    scored_rows,
    shown_actual,
    shown_target,
)
from perfcli.rules.base import Context, Rule, fmt_decimal, fmt_pct

SELFEVAL = ("selfeval_project",)

A012 = Rule(
    code="A012", name="indicator-score-inconsistent", severity="error", forms=SELFEVAL_KINDS,
    title="指标得分与完成情况不符", title_en="Indicator score contradicts target and actual",
    messages={
        "full": "指标“{name}”未达到指标值（指标值 {target}，实际完成 {result}），却得满分 {score}；"
                "按 {formula} 应得 {expected} 分，多计 {diff} 分",
        "default": "指标“{name}”得分 {score} 高于按完成比例计算的 {expected} 分（指标值 {target}，"
                   "实际完成 {result}，{formula}），多计 {diff} 分",
        "coefficient_full": "指标“{name}”未达到指标值（指标值 {target}，实际完成 {result}），得分系数却填 "
                            "{coefficient}、得满分 {score}；按 {formula} 应得 {expected} 分，多计 {diff} 分",
        "coefficient": "指标“{name}”得分 {score} 不等于 指标权重 × 得分系数（{weight} × {coefficient} = "
                       "{expected}），相差 {diff} 分",
    },
    messages_en={
        "full": "Indicator '{name}' missed its target ({target}, actual {result}) yet scored full "
                "marks {score}; {formula_en} gives {expected}, {diff} too many",
        "default": "Indicator '{name}' scored {score}, above the proportional {expected} (target "
                   "{target}, actual {result}, {formula_en}): {diff} too many",
        "coefficient_full": "Indicator '{name}' missed its target ({target}, actual {result}) yet its "
                            "score coefficient is {coefficient}, full marks {score}; {formula_en} gives "
                            "{expected}, {diff} too many",
        "coefficient": "Indicator '{name}' scored {score}, but weight × score coefficient is "
                       "{weight} × {coefficient} = {expected}, a difference of {diff}",
    },
    hint="未达到指标值的不得给满分：正向指标按 实际完成值 ÷ 指标值 × 分值，反向指标按 指标值 ÷ 实际完成值 × 分值 "
         "计分；请将得分改为 {expected}，或核实实际完成值",
    hint_en="A missed target does not earn full marks: score actual ÷ target × weight (reverse "
            "indicators target ÷ actual × weight); change the score to {expected} or check the actual",
    what="定量指标未达到指标值（≥ 类实际值低于指标值，≤ 类实际值高于指标值）却得满分，或得分高于按完成比例计算的分数。"
         "正向：实际完成值 ÷ 指标值 × 分值；反向：指标值 ÷ 实际完成值 × 分值（参数 reverse_scoring=ratio），"
         "或 (1 −（实际 − 指标）÷ 指标）× 分值、达到 2 倍指标值记 0 分（linear）。单位不一致、缺分值或得分的行不判断。"
         "重庆部门整体绩效自评表按 指标得分 = 指标权重 × 得分系数 计分：得分与二者之积不符（保留两位小数，允许 ±0.01）"
         "也在此报告；未完成指标的得分系数仍填 100% 按满分报告。",
    why="“完成值达到指标值记满分，未达到按比例记分”是自评计分的基本规则；虚高的得分会抬高总分和等级。",
    bad="特困人员救助供养人数 指标值 ≥4754人，实际 4604人，分值 5，得分 5（应为 4604 ÷ 4754 × 5 = 4.84）；"
        "重庆：政府采购执行率 指标值 100%，实际 72.74%，得分系数 100%，得分 2（满分）。",
    good="得分 4.84，并在偏差原因栏说明未完成的原因；重庆表得分系数填 72.74%，得分 1.45。",
    params=("reverse_scoring", "score_tolerance"),
)  # fmt: skip

A013 = Rule(
    code="A013", name="actual-missing", severity="error", forms=SELFEVAL_KINDS,
    title="实际完成值为空", title_en="Actual value missing",
    messages={"default": "指标“{name}”的实际完成值为空（指标值 {target}）"},
    messages_en={"default": "Indicator '{name}' has no actual value (target {target})"},
    hint="请填写该指标全年实际完成的数值或情况（与指标值同一单位）；未开展的填写 0 并在偏差原因栏说明",
    hint_en="Fill in what was actually achieved in the year (same unit as the target); write 0 and "
            "explain in the reason column if nothing was done",
    what="自评表中某个三级指标（不含未填写的模板行和不计分的“其中”行）的实际完成值为空。",
    why="没有实际完成值就无法判断指标是否完成，得分也就无从核对。",
    bad="发放(缴纳)覆盖率 指标值 =100%，完成值一栏空白。",
    good="完成值填写 100%。",
)  # fmt: skip

A014 = Rule(
    code="A014", name="deviation-reason-missing", severity="error", forms=SELFEVAL_KINDS,
    title="未完成指标未说明原因", title_en="Missed target without a reason",
    messages={
        "default": "指标“{name}”未达到指标值（指标值 {target}，实际完成 {result}），未填写偏差原因",
        "qualitative": "指标“{name}”的完成情况为“{result}”，未达成指标值 {target}，未填写偏差原因",
        "score": "指标“{name}”得分 {score} 低于分值 {weight}（指标值 {target}，实际完成 {result}），"
                 "未填写偏差原因",
    },
    messages_en={
        "default": "Indicator '{name}' missed its target ({target}, actual {result}) and no reason is given",
        "qualitative": "Indicator '{name}' is reported as '{result}' against target {target} and no "
                       "reason is given",
        "score": "Indicator '{name}' scored {score} of {weight} (target {target}, actual {result}) "
                 "and no reason is given",
    },
    hint="请在偏差原因分析栏说明未完成的原因和拟采取的改进措施（“无”“0”“/”不算说明）",
    hint_en="Explain in the deviation column why the target was missed and what will be done "
            "('无', '0', '/' are not explanations)",
    what="指标未完成（定量指标实际值低于 ≥ 类指标值或高于 ≤ 类指标值、完成时限晚于指标值、定性结果为部分达成/未达成），"
         "或无法判断是否完成而得分低于分值，且本行偏差原因栏和表内“偏差大或目标未完成原因分析”“存在问题”等栏均无说明。",
    why="财预〔2020〕10号要求对未完成的绩效目标分析原因、提出改进措施；没有说明的偏差无法审核。",
    bad="扶贫临时救助标准 ≤5300元/户，实际 5830元/户，偏差原因栏空白。",
    good="偏差原因栏写明超标准救助的原因，以及下一年度如何控制救助标准。",
)  # fmt: skip

A015 = Rule(
    code="A015", name="over-achievement-no-reason", severity="warning", forms=SELFEVAL_KINDS,
    title="大幅超额完成未说明原因", title_en="Large over-achievement without a reason",
    messages={
        "default": "指标“{name}”实际完成 {result}，为指标值 {target} 的 {ratio}（达到 {threshold} 及以上），"
                   "未说明超额原因",
    },
    messages_en={
        "default": "Indicator '{name}' achieved {result}, {ratio} of its target {target} (at least "
                   "{threshold}), with no explanation",
    },
    hint="实际完成大幅超过指标值时，请在偏差原因栏说明原因（是否指标值设置偏低），并在以后年度合理设定指标值",
    hint_en="Explain the large over-achievement in the reason column (was the target set too low?) "
            "and set realistic targets in future years",
    what="≥/= 类定量指标（指标值大于 0）的实际完成值达到指标值的 over_achievement 倍（默认 130%）及以上，且没有说明。",
    why="大幅超额往往说明指标值设置偏低；财预〔2020〕10号要求分析原因，并据此调整以后年度的指标值。",
    bad="土样植株化验 指标值 ≥60个，实际 105个（175%），未作说明。",
    good="说明超额原因（如追加了检测任务），或在下一年度提高指标值。",
    params=("over_achievement",),
)  # fmt: skip

A016 = Rule(
    code="A016", name="actual-copies-target", severity="warning", forms=SELFEVAL_KINDS,
    title="实际完成值写成指标值形式", title_en="Actual written as a target",
    messages={
        "default": "指标“{name}”的实际完成值“{result}”带有比较符“{operator}”，写成了指标值的形式（指标值 {target}）",
    },
    messages_en={
        "default": "Indicator '{name}': the actual '{result}' carries the operator '{operator}', "
                   "i.e. it is written as a target (target {target})",
    },
    hint="实际完成值应填写实际达到的具体数值（如 96%、4个），不要带 ≥、≤、不少于、以上 等比较符",
    hint_en="Write the figure actually reached (96%, 4), without ≥, ≤, 不少于, 以上",
    what="实际完成值带有比较符（≥90%、不少于3个、95%以上），即照抄了指标值而没有填写实际数。"
         "实际值与不带比较符的指标值相同（29.5亩 = 29.5亩）属于正好完成，不报告。",
    why="带比较符的“实际值”不是实际值，无法判断完成程度，常见于照抄指标值应付填报。",
    bad="指标值 ≥90%，实际完成值 ≥90%。",
    good="实际完成值 93.5%。",
)  # fmt: skip

A017 = Rule(
    code="A017", name="qualitative-score-band", severity="warning", forms=SELFEVAL_KINDS,
    title="定性指标得分不在对应区间", title_en="Qualitative score outside its band",
    messages={
        "default": "指标“{name}”完成情况为“{result}”（{band}），应得 {low}–{high} 分（分值 {weight}），表中得分 {score}",
    },
    messages_en={
        "default": "Indicator '{name}' is reported as '{result}' ({band_en}), which earns {low}–{high} "
                   "of {weight}; the score is {score}",
    },
    hint="定性指标按 达成年度指标 80%–100%、部分达成 60%–80%、未达成 0–60% 的分值区间打分；请调整得分或完成情况",
    hint_en="Score qualitative results within their band: achieved 80–100%, partly achieved 60–80%, "
            "not achieved 0–60% of the weight; correct the score or the result",
    what="定性完成情况（达成年度指标 / 部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差，及完成/基本完成/未完成）"
         "的得分不在其区间内：达成 80%–100%，部分达成 60%–80%，未达成 0–60% 的分值（参数 qualitative_bands）。",
    why="定性指标的得分区间由财预〔2020〕10号规定；区间外的得分与所填完成情况互相矛盾。",
    bad="完成情况“未达成年度指标且效果较差”，分值 10，得分 9。",
    good="得分在 0–6 分之间，或如实修改完成情况。",
    params=("qualitative_bands", "score_tolerance"),
)  # fmt: skip

A020 = Rule(
    code="A020", name="points-deducted-no-reason", severity="warning", forms=SELFEVAL_KINDS,
    title="已完成指标被扣分且未说明", title_en="Points deducted on a met target without a reason",
    messages={
        "default": "指标“{name}”已达到指标值（指标值 {target}，实际完成 {result}），得分 {score} 低于分值 {weight}"
                   "（扣 {diff} 分），未说明扣分原因",
        "double_weight": "指标“{name}”已达到指标值（指标值 {target}，实际完成 {result}），折算得分 {score} 低于权重 "
                         "{weight}：{score} = {weight} × {weight}%，权重被重复计算，应为 {weight}",
    },
    messages_en={
        "default": "Indicator '{name}' met its target ({target}, actual {result}) but scored {score} "
                   "of {weight} ({diff} deducted) with no reason",
        "double_weight": "Indicator '{name}' met its target ({target}, actual {result}) but its "
                         "converted score {score} = {weight} × {weight}%: the weight was applied twice; "
                         "expected {weight}",
    },
    hint="已完成的指标应得满分；确需扣分的，请在偏差原因栏说明扣分理由。河北系统表的单项指标得分按百分制填写（完成为 100），"
         "折算得分 = 单项指标得分 × 权重占比",
    hint_en="A met target earns full marks; if points are deducted, explain why in the reason column. "
            "In Hebei's system form the single-indicator score is out of 100 (100 when met) and the "
            "converted score = that × the weight share",
    what="指标已完成（定量或时限达到指标值，或定性结果为达成），得分却低于分值，且没有扣分说明。"
         "河北系统表“单项指标得分”已等于权重、再乘以“权重占比”得出的折算得分（25 × 25% = 6.25）也在此报告。",
    why="无理由的扣分使得分与完成情况不符；常见原因是重复折算权重或随手打分。",
    bad="成安：覆盖率 ≥98%，实际 100%，权重 25，单项指标得分 25，折算得分 6.25。",
    good="单项指标得分 100，折算得分 25。",
    params=("score_tolerance",),
)  # fmt: skip


def _coefficient(form: SelfEvalProject, row: IndicatorRow) -> Located | None:
    """重庆's 得分系数 cell of ``row``, where the form prints one and it is filled."""
    if not isinstance(form, SelfEvalDept):
        return None
    cell = form.coefficients.get(row.row)
    return None if cell is None or cell.is_empty else cell


def _shown_rate(cell: Located) -> str:
    """A coefficient as a percentage (``100%`` whether typed so or stored as 1)."""
    rate = parse_rate(cell.value)
    return cell.text if rate is None else fmt_pct(rate.fraction, rate.percent_decimals)


def _coefficient_differs(
    ctx: Context, row: IndicatorRow, coefficient: Located, weight: Decimal, score: Decimal
) -> bool:
    """指标得分 ≠ 指标权重 × 得分系数 (重庆): reported here, an indicator's score against its own
    arithmetic. True when reported (the target is then not judged on the same cell again)."""
    rate = parse_rate(coefficient.value)
    if rate is None or row.score is None:
        return False  # text that is not a rate (W004)
    expected = round2(weight * rate.fraction)
    if abs(round2(score) - expected) <= ctx.profile.score_tolerance:
        return False
    ctx.report(
        A012, at=row.score, variant="coefficient", expected=fmt_decimal(expected, 2), actual=score,
        name=name_of(row), score=row.score.text, weight=fmt_decimal(weight),
        coefficient=_shown_rate(coefficient), diff=fmt_decimal(abs(round2(score) - expected)),
    )  # fmt: skip
    return True


@A012.checks
def _check_a012(form: SelfEvalProject, ctx: Context) -> None:
    tolerance = ctx.profile.score_tolerance
    for row in scored_rows(form):
        weight, score = number_of(row.weight), number_of(row.score)
        coefficient = _coefficient(form, row)
        if (
            weight is not None
            and score is not None
            and coefficient is not None
            and _coefficient_differs(ctx, row, coefficient, weight, score)
        ):
            continue
        target, actual = effective_target(row), row.actual_value
        if weight is None or score is None or target is None or actual is None or row.score is None:
            continue
        if outcome(row) != "missed":
            continue
        expected = proportional_score(target, actual, weight, ctx.profile.reverse_scoring)
        if expected is None or score <= expected.score + tolerance:
            continue
        full = score >= weight - tolerance
        variant = "full" if full else "default"
        if full and coefficient is not None:
            variant = "coefficient_full"
        ctx.report(
            A012, at=row.score, variant=variant, coefficient=_shown_rate(coefficient) if coefficient else "",
            expected=fmt_decimal(expected.score, 2), actual=score,
            name=name_of(row), target=shown_target(row), result=shown_actual(row),
            score=fmt_decimal(score), formula=expected.formula, formula_en=expected.formula_en,
            diff=fmt_decimal(round2(score - expected.score)),
        )  # fmt: skip


@A013.checks
def _check_a013(form: SelfEvalProject, ctx: Context) -> None:
    if form.grid is None or not form.grid.has("actual"):
        return
    for row in scored_rows(form):
        filled = row.actual_value is not None and row.actual_value.kind != "empty"
        if row.actual is None or filled or row.children:
            continue  # row.children: a numbered heading (一、…) whose parts carry the results
        ctx.report(A013, at=row.actual, name=name_of(row), target=shown_target(row) or "（空）")


@A014.checks
def _check_a014(form: SelfEvalProject, ctx: Context) -> None:
    tolerance = ctx.profile.score_tolerance
    for row in scored_rows(form):
        if has_reason(form, row) or row.actual_value is None or row.actual_value.kind == "empty":
            continue
        result = outcome(row)
        weight, score = number_of(row.weight), number_of(row.score)
        deducted = weight is not None and score is not None and score < weight - tolerance
        if result == "missed":
            variant = "qualitative" if row.actual_value.kind == "qualitative" else "default"
        elif result == "unknown" and deducted:
            variant = "score"
        else:
            continue
        target = shown_target(row) or "（空）"
        ctx.report(
            A014, at=reason_cell(row), variant=variant, expected=target, actual=shown_actual(row),
            name=name_of(row), target=target, result=shown_actual(row), score=score, weight=weight,
        )  # fmt: skip


@A015.checks
def _check_a015(form: SelfEvalProject, ctx: Context) -> None:
    threshold = ctx.profile.over_achievement
    for row in scored_rows(form):
        target, actual = effective_target(row), row.actual_value
        if target is None or actual is None or target.operator not in (None, ">=", ">", "="):
            continue
        if target.upper is not None or row.actual is None:
            continue
        pair = comparable(target, actual)
        if pair is None or pair[0] <= 0 or pair[1] < threshold * pair[0]:
            continue
        if has_reason(form, row):
            continue
        ctx.report(
            A015, at=row.actual, expected=shown_target(row), actual=shown_actual(row),
            name=name_of(row), target=shown_target(row), result=shown_actual(row),
            ratio=fmt_pct(pair[1] / pair[0]), threshold=fmt_pct(threshold, 0),
        )  # fmt: skip


# Words that carry an operator but, in an actual, state what was reached (达到100%).
_ACHIEVED_WORDS = ("达到", "已达到", "实现")


@A016.checks
def _check_a016(form: SelfEvalProject, ctx: Context) -> None:
    for row in scored_rows(form):
        actual = row.actual_value
        if actual is None or row.actual is None or actual.operator is None:
            continue
        if actual.operator_from not in ("symbol", "word") or actual.upper is not None:
            continue  # a range (95%-100%) is read as ≥95 by the parser: no operator was written
        text = row.actual.text.replace(" ", "")
        if text.startswith(_ACHIEVED_WORDS):
            continue
        if actual.operator == "=" and text != text_of(row.target).replace(" ", ""):
            continue  # "=100%" only states the value, unless it copies the target verbatim
        ctx.report(
            A016, at=row.actual, actual=row.actual.text, name=name_of(row), result=row.actual.text,
            target=shown_target(row) or "（空）", operator=_OPERATOR_SIGNS.get(actual.operator, actual.operator),
        )  # fmt: skip


_OPERATOR_SIGNS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<", "±": "±"}


_BAND_NAMES = {"achieved": ("达成", "achieved"), "partial": ("部分达成", "partly achieved"),
               "missed": ("未达成", "not achieved")}  # fmt: skip


@A017.checks
def _check_a017(form: SelfEvalProject, ctx: Context) -> None:
    high_share, low_share = ctx.profile.qualitative_bands
    tolerance = ctx.profile.score_tolerance
    bands = {
        "achieved": (high_share, Decimal(1)),
        "partial": (low_share, high_share),
        "missed": (Decimal(0), low_share),
    }
    for row in scored_rows(form):
        actual = row.actual_value
        weight, score = number_of(row.weight), number_of(row.score)
        if actual is None or actual.grade not in BAND_GRADES or weight is None or score is None:
            continue
        low_share_, high_share_ = bands[actual.grade]
        low, high = round2(weight * low_share_), round2(weight * high_share_)
        # Above 分值 is A009's finding; the band edges are inclusive (the 2020 and older notes
        # draw them differently), so only a score clearly outside the band is reported.
        if low - tolerance <= score <= high + tolerance or score > weight + tolerance:
            continue
        zh, en = _BAND_NAMES[actual.grade]
        ctx.report(
            A017, at=row.score, expected=f"{fmt_decimal(low)}–{fmt_decimal(high)}", actual=score,
            name=name_of(row), band=zh, band_en=en, low=fmt_decimal(low), high=fmt_decimal(high),
            weight=weight, score=score, result=row.actual.text if row.actual else "",
        )  # fmt: skip


@A020.checks
def _check_a020(form: SelfEvalProject, ctx: Context) -> None:
    tolerance = ctx.profile.score_tolerance
    converted = form.grid is not None and form.grid.has("raw_score")
    for row in scored_rows(form):
        weight, score = number_of(row.weight), number_of(row.score)
        if weight is None or score is None or row.score is None or score >= weight - tolerance:
            continue
        if outcome(row) != "met" or has_reason(form, row):
            continue
        double = (
            converted
            and Decimal(0) < weight < 100
            and abs(score - weight * weight / 100) <= tolerance
        )
        ctx.report(
            A020, at=row.score, variant="double_weight" if double else "default",
            expected=weight, actual=score, name=name_of(row), target=shown_target(row),
            result=shown_actual(row), score=score, weight=weight,
            diff=fmt_decimal(round2(weight - score)),
        )  # fmt: skip


RULES = [A012, A013, A014, A015, A016, A017, A020]
