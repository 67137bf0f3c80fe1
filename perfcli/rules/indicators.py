"""Q — indicators: targets that are missing or unmeasurable, weights that miss their total.

This module holds Q003, Q004 and Q013; the other Q rules join it as they are written.
"""

from __future__ import annotations

from decimal import Decimal

from perfcli.forms.model import Form, IndicatorGrid, SelfEvalProject, number_of, text_of
from perfcli.rules._scoring import counted_rows, name_of, scored_rows
from perfcli.rules.base import Context, Rule, fmt_decimal

Q003 = Rule(
    code="Q003", name="indicator-value-missing", severity="error", forms=("selfeval_project",),
    title="指标值为空", title_en="Indicator value missing",
    messages={
        "default": "三级指标“{name}”未填写指标值",
        "nature": "三级指标“{name}”的指标性质为“{nature}”，但指标值为空",
    },
    messages_en={
        "default": "Indicator '{name}' has no target value",
        "nature": "Indicator '{name}' is marked '{nature}' but its target value is empty",
    },
    hint="请填写可衡量的年度指标值，如 ≥95%、≤65万元、不少于3次、2023年12月；定性指标填写 达成年度指标 或 优/良/中/差 等级标准",
    hint_en="Fill in a measurable target: ≥95%, ≤65万元, 不少于3次, 2023年12月; for a qualitative "
            "indicator 达成年度指标 or a 优/良/中/差 scale",
    what="三级指标（不含未填写的模板行和不计分的“其中”行）没有指标值。指标性质 | 指标值 | 度量单位 分栏的表，"
         "以“指标值”栏为准：只填了“≥”或“定性”而指标值为空，同样报告。",
    why="没有指标值就无法衡量是否完成，自评得分失去依据。",
    bad="三级指标“服务对象满意度”，指标性质“≥”，指标值空白。",
    good="指标性质“≥”，指标值 90，度量单位 %。",
)  # fmt: skip

Q004 = Rule(
    code="Q004", name="indicator-unquantified", severity="error", forms=("selfeval_project",),
    title="指标值无法衡量", title_en="Indicator value not measurable",
    messages={
        "default": "指标“{name}”的指标值“{value}”没有数值，也不是公认的等级标准，无法衡量",
        "vague": "指标“{name}”的指标值“{value}”是模糊表述（“{word}”），无法衡量",
        "phrase": "指标“{name}”的指标值“{value}”是模糊表述，没有可衡量的数值或等级",
    },
    messages_en={
        "default": "Indicator '{name}': the target '{value}' has no number and no recognised scale",
        "vague": "Indicator '{name}': the target '{value}' is a vague phrase ('{word}') and cannot be measured",
        "phrase": "Indicator '{name}': the target '{value}' is a vague phrase with no measurable number or grade",
    },
    hint="请改为可衡量的指标值：带比较符和单位的数值（如 ≥95%、≤65万元、不少于3次），完成时限（如 2023年12月），"
         "或分级标准（优/良/中/差、达成年度指标、是/否）",
    hint_en="Make the target measurable: a number with an operator and unit (≥95%, ≤65万元, "
            "不少于3次), a deadline (2023年12月), or a graded scale (优/良/中/差, 达成年度指标, 是/否)",
    what="指标值既没有数字，也不是公认的定性标准（达成/部分达成/未达成、是/否、合格/达标、有/无、优良中差），"
         "或是“稳步提高”“持续改善”“有所提升”“显著”“及时”“不超预算”“效果明显”等模糊表述（参数 vague_words 可扩充）。"
         "带数字的表述（提高5%）和完成时限不在此列。",
    why="财预〔2015〕88号要求绩效指标“细化、量化，可衡量”；模糊的指标值无法判断是否完成，自评只能凭感觉打分。",
    bad="社会效益指标 指标值“效果明显”；时效指标 指标值“及时”。",
    good="群众满意度 ≥90%；资金拨付时限 2023年6月底前；定性指标 优/良/中/差。",
    params=("vague_words",),
)  # fmt: skip

Q013 = Rule(
    code="Q013", name="indicator-weights-total", severity="error",
    forms=("selfeval_project", "target_project", "target_dept", "monitor_project", "monitor_dept"),
    title="指标分值合计不符", title_en="Indicator weights do not add up",
    messages={
        "default": "各三级指标分值合计 {actual} 分，与“{label}”标明的 {expected} 分不一致（相差 {diff} 分）",
    },
    messages_en={
        "default": "The indicator weights add up to {actual}, not the {expected} printed in '{label}' "
                   "(difference {diff})",
    },
    hint="请调整各三级指标的分值（权重），使其合计等于 {expected} 分；父项与其分项只计一次",
    hint_en="Adjust the indicator weights so that they add up to {expected}; count a parent and its "
            "parts once",
    what="绩效指标块标签中写明了总分（绩效指标(90分)、年度绩效目标(80分)），而各三级指标的分值/权重之和与之不等。"
         "未填写的模板行、不计分的“其中”行不计入，父项与分项只计一次。自评表的总分 100 另由 A007 检查。",
    why="指标权重合计与规定总分不符，自评总分就不是百分制，等级判断随之失真。",
    bad="绩效指标(90分)：各指标权重 30 + 30 + 20 = 80。",
    good="权重 30 + 30 + 20 + 10 = 90。",
    params=("score_tolerance",),
)  # fmt: skip


@Q003.checks
def _check_q003(form: SelfEvalProject, ctx: Context) -> None:
    if form.grid is None or not form.grid.has("target"):
        return
    for row in scored_rows(form):
        if row.target is None or row.target_value is None or row.target_value.kind != "empty":
            continue
        if row.children:
            continue  # a numbered heading (一、示范区建立) whose parts carry the targets
        nature = text_of(row.nature)
        ctx.report(
            Q003,
            at=row.target,
            variant="nature" if nature else "default",
            name=name_of(row),
            nature=nature,
        )


@Q004.checks
def _check_q004(form: SelfEvalProject, ctx: Context) -> None:
    for row in scored_rows(form):
        value = row.target_value
        if row.target is None or value is None or value.kind != "vague":
            continue
        word = value.vague_word
        variant = "default" if not word else "phrase" if word == row.target.text else "vague"
        ctx.report(
            Q004, at=row.target, variant=variant, actual=row.target.text,
            name=name_of(row), value=row.target.text, word=word,
        )  # fmt: skip


@Q013.checks
def _check_q013(form: Form, ctx: Context) -> None:
    # Read only what every form kind with an indicator grid has: the grid, its label weight and
    # its rows' 分值. Kinds not modelled yet (UnparsedForm) have no grid and are skipped.
    grid = getattr(form, "grid", None)
    if (
        not isinstance(grid, IndicatorGrid)
        or grid.weight_from_label is None
        or not grid.has("weight")
    ):
        return
    weights = [w for w in (number_of(r.weight) for r in counted_rows(grid)) if w is not None]
    if not weights:
        return
    total = sum(weights, Decimal(0))
    expected = grid.weight_from_label
    if abs(total - expected) <= ctx.profile.score_tolerance:
        return
    label = grid.block_label.text if grid.block_label is not None else ""
    ctx.report(
        Q013, at=grid.block_label or grid.header, expected=expected, actual=total,
        label=label, diff=fmt_decimal(total - expected),
    )  # fmt: skip


RULES = [Q003, Q004, Q013]
