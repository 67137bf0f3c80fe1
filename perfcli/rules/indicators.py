"""Q — indicator values: missing, unmeasurable, unit- or operator-less, out of range, contradicting
their direction; weights that miss their total; grading scales out of order.

Q003, Q004, Q005, Q006, Q008, Q010 here; Q013 (weights against their total) in
_indicator_weights.py and Q014 (graded scales) in _grading_scale.py, listed in ``RULES`` below.
Values are read only as ``perfcli.io.values`` parsed them (``IndicatorRow.target_value``); the
categories and names of indicators are ``categories.py``.
"""

from __future__ import annotations

import re

from perfcli.forms.kinds import INDICATOR_KINDS
from perfcli.forms.model import IndicatorRow, TargetProject, text_of
from perfcli.io.numeric import RATIO_LIMIT
from perfcli.io.values import IndicatorValue, normalize_text
from perfcli.rules._category_vocab import categorise, category_vocabulary
from perfcli.rules._grading_scale import Q014 as Q014
from perfcli.rules._indicator_weights import Q013 as Q013
from perfcli.rules._scoring import (
    IndicatorForm,
    direction_of,
    indicator_grids,
    indicator_rows,
    is_label_only,
    name_of,
    shown_target,
)
from perfcli.rules.base import Context, Rule

FORMS = ("selfeval_project", "target_project", "target_dept")

Q003 = Rule(
    code="Q003", name="indicator-value-missing", severity="error", forms=INDICATOR_KINDS,
    title="指标值为空", title_en="Indicator value missing",
    messages={
        "default": "三级指标“{name}”未填写指标值",
        "nature": "三级指标“{name}”的指标性质为“{nature}”，但指标值为空",
        "note": "三级指标“{name}”未填写指标值（同行的说明栏写有“{note}”，不能代替指标值）",
        "unfilled": "{grid}只列出了一级/二级指标，{count} 行的三级指标和指标值均未填写",
    },
    messages_en={
        "default": "Indicator '{name}' has no target value",
        "nature": "Indicator '{name}' is marked '{nature}' but its target value is empty",
        "note": "Indicator '{name}' has no target value (the note beside it, '{note}', is not one)",
        "unfilled": "The {grid_en} grid lists only categories: none of its {count} rows has an "
                    "indicator or a target",
    },
    hint="请填写可衡量的年度指标值，如 ≥95%、≤65万元、不少于3次、2023年12月；定性指标填写 达成年度指标 或 优/良/中/差 等级标准",
    hint_en="Fill in a measurable target: ≥95%, ≤65万元, 不少于3次, 2023年12月; for a qualitative "
            "indicator 达成年度指标 or a 优/良/中/差 scale",
    what="三级指标（不含未填写的模板行和不计分的“其中”行）没有指标值。指标性质 | 指标值 | 度量单位 分栏的表，"
         "以“指标值”栏为准：只填了“≥”或“定性”而指标值为空，同样报告；同行的说明栏（绩效标准、指标解释）"
         "写了内容的，在消息中引用。只印有一级/二级指标、没有三级指标也没有指标值的行不逐行报告；"
         "一张指标表（如并排的中期指标）全是这样的行时，报告一次。",
    why="没有指标值就无法衡量是否完成，自评得分失去依据。",
    bad="三级指标“服务对象满意度”，指标性质“≥”，指标值空白。",
    good="指标性质“≥”，指标值 90，度量单位 %。",
)  # fmt: skip

Q004 = Rule(
    code="Q004", name="indicator-unquantified", severity="error", forms=INDICATOR_KINDS,
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

Q005 = Rule(
    code="Q005", name="indicator-unit-missing", severity="warning", forms=FORMS,
    title="指标值缺少计量单位", title_en="Indicator unit missing",
    messages={
        "default": "指标“{name}”的指标值“{value}”只有数字，没有计量单位（个、人次、公里、万元……）",
        "rate": "指标“{name}”的指标值“{value}”没有单位：比率应写明“%”",
        "column": "指标“{name}”的指标值“{value}”没有计量单位：同行的度量单位（计量单位）栏为空",
    },
    messages_en={
        "default": "Indicator '{name}': the target '{value}' is a bare number with no unit (个, 人次, 公里, 万元…)",
        "rate": "Indicator '{name}': the target '{value}' has no unit; a rate needs '%'",
        "column": "Indicator '{name}': the target '{value}' has no unit; its 度量单位 (unit) cell is empty",
    },
    hint="请写明计量单位，如 ≥1200人、=100%、≤65万元；分栏的表填写“度量单位”栏",
    hint_en="State the unit: ≥1200人, =100%, ≤65万元; in split layouts fill the 度量单位 column",
    what="数值型指标值没有计量单位，表中也没有填写度量单位栏（单独的“2”“100”）。名称为“…率”的裸数字同样报告"
         "（“100”是 100% 还是 100 次无从判断）；指标值 0（安全事故 0 起）、时效指标中的年份（2023）不报告；"
         "名称为“…率”、以数字格式存放的 0.95、1 之类按百分比格式显示，不报告（读取器不保留单元格格式）；"
         "三级指标名称中表样已印明单位的（安徽“受助对象满意度(≥**%)”“发放人数(≥**人)”），视同填写了"
         "度量单位，不报告。",
    why="没有单位的数字无法核对：“2”是 2 个、2 项还是 2 万元，自评时就会各说各话。",
    bad="数量指标 | 重点建设工程安排数量 | 2；质量指标 | 工程完工率 | 100。",
    good="重点建设工程安排数量 | ≥2个；工程完工率 | =100%。",
)  # fmt: skip

Q006 = Rule(
    code="Q006", name="indicator-operator-missing", severity="info", forms=FORMS,
    title="指标值缺少比较符", title_en="Indicator operator missing",
    messages={
        "default": "指标“{name}”的指标值“{value}”没有比较符（≥、≤、=），看不出是下限、上限还是确数",
    },
    messages_en={
        "default": "Indicator '{name}': the target '{value}' has no operator (≥, ≤, =): a floor, a cap "
                   "or an exact figure?",
    },
    hint="请写明比较符，如 ≥95%、≤65万元、=100%，或“不少于3次”“以内”等文字",
    hint_en="Write the operator: ≥95%, ≤65万元, =100%, or words such as 不少于3次, 以内",
    what="数值型指标值没有比较符（≥ ≤ = > <，或 不少于/不低于/不超过/以上/以内 等文字，分栏表的“指标性质”、"
         "“指标方向性”栏也算）。范围（95%-100%）、±、完成时限和指标值 0 不报告。",
    why="没有比较符，就不知道完成值高于指标值算完成还是超支，正向/反向计分无从确定。",
    bad="质量指标 | 验收合格率 | 95%；数量指标 | 巡检次数 | 200次。",
    good="验收合格率 ≥95%；巡检次数 ≥200次。",
)  # fmt: skip

Q008 = Rule(
    code="Q008", name="rate-out-of-range", severity="warning", forms=FORMS,
    title="比率指标值超出范围", title_en="Rate target out of range",
    messages={
        "above": "指标“{name}”的指标值“{value}”超过 100%，比率不可能超过 100%",
        "below": "指标“{name}”的指标值“{value}”小于 0，比率不可能为负",
        "ge100": "指标“{name}”的指标值“{value}”要求比率达到或超过 100%，比率最高为 100%，应写作“=100%”",
    },
    messages_en={
        "above": "Indicator '{name}': the target '{value}' is above 100%; a rate cannot exceed 100%",
        "below": "Indicator '{name}': the target '{value}' is below 0; a rate cannot be negative",
        "ge100": "Indicator '{name}': the target '{value}' asks for 100% or more; a rate is at most "
                 "100%: write '=100%'",
    },
    hint="请核对比率指标值：不超过 100%（达到 100% 写作“=100%”），如 ≥92%",
    hint_en="Check the rate: at most 100% (write '=100%' for full completion), e.g. ≥92%",
    what="单位为 % 的指标值大于 100% 或小于 0，或写作“≥100%”“>100%”（比率不可能超过 100%，应写“=100%”）。"
         "名称表示变化或比较的（增长、提高、下降、同比、较上年……，见 labels.toml [categories.names] change）"
         "不报告：增长率可以超过 100%，下降可以为负。",
    why="超过 100% 的比率通常是录入错误（“≥92%”误成“292%”），“≥100%”则是无法超额完成的目标。",
    bad="验收合格率 292%；资金到位率 ≥100%。",
    good="验收合格率 ≥92%；资金到位率 =100%。",
)  # fmt: skip

Q010 = Rule(
    code="Q010", name="direction-mismatch", severity="error", forms=FORMS,
    title="指标方向与比较符矛盾", title_en="Direction contradicts the operator",
    messages={
        "forward": "指标“{name}”的指标方向性为“{direction}”，但指标值“{value}”的比较符是“{op}”"
                   "（正向指标应为 ≥ 或 =）",
        "reverse": "指标“{name}”的指标方向性为“{direction}”，但指标值“{value}”的比较符是“{op}”"
                   "（反向指标应为 ≤ 或 =）",
    },
    messages_en={
        "forward": "Indicator '{name}' is marked '{direction}' (higher is better) but its target "
                   "'{value}' uses '{op}' (expected ≥ or =)",
        "reverse": "Indicator '{name}' is marked '{direction}' (lower is better) but its target "
                   "'{value}' uses '{op}' (expected ≤ or =)",
    },
    hint="请核对指标方向性与指标性质：正向指标用 ≥（越大越好），反向指标用 ≤（越小越好）",
    hint_en="Make the direction and the operator agree: 正向 with ≥ (higher is better), 反向 with ≤",
    what="“指标方向性”栏为正向指标而比较符为 ≤ 或 <，或为反向指标而比较符为 ≥ 或 >（比较符取自指标性质栏或"
         "指标值本身）。= 与两种方向都相容。",
    why="方向决定自评计分公式（正向 实际÷目标，反向 目标÷实际）；两者矛盾时，得分必有一处算错。",
    bad="指标性质 ≤ | 指标值 5 | 度量单位 万元 | 指标方向性 正向指标。",
    good="成本控制指标 ≤5万元，指标方向性 反向指标。",
)  # fmt: skip


@Q003.checks
def _check_q003(form: IndicatorForm, ctx: Context) -> None:
    notes = {loc.row: loc for loc in getattr(form, "notes", []) if not loc.is_empty}
    for row in indicator_rows(form):
        if row.target is None or row.target_value is None or row.target_value.kind != "empty":
            continue
        if row.children:
            continue  # a numbered heading (一、示范区建立) whose parts carry the targets
        nature = text_of(row.nature)
        note = notes.get(row.row)
        variant = "nature" if nature else "note" if note is not None else "default"
        ctx.report(Q003, at=row.target, variant=variant, name=name_of(row), nature=nature,
                   note=text_of(note))  # fmt: skip
    for grid in indicator_grids(form):
        rows = [r for r in grid.rows if r.is_scored]
        if rows and all(is_label_only(r) for r in rows) and grid.has("target"):
            first = rows[0]
            midterm = isinstance(form, TargetProject) and grid is form.midterm_grid
            ctx.report(Q003, at=first.target or first.name or first.level2, variant="unfilled",
                       count=len(rows), grid="中期（长期）绩效指标" if midterm else "绩效指标",
                       grid_en="medium-term" if midterm else "indicator")  # fmt: skip


@Q004.checks
def _check_q004(form: IndicatorForm, ctx: Context) -> None:
    for row in indicator_rows(form):
        value = row.target_value
        if row.target is None or value is None or value.kind != "vague":
            continue
        word = value.vague_word
        variant = "default" if not word else "phrase" if word == row.target.text else "vague"
        ctx.report(
            Q004, at=row.target, variant=variant, actual=row.target.text,
            name=name_of(row), value=row.target.text, word=word,
        )  # fmt: skip


# --- Q005 / Q006: the unit and the operator of a number ---------------------------------------------

_TIME_NAME = ("时间", "时限", "年份", "期限")  # not 年度: 年度培训人次 2000 is a count


def _numeric(row: IndicatorRow) -> IndicatorValue | None:
    """The row's target when it is a number other than 0 (安全事故 0起 needs neither unit nor ≥)
    and not a bare year in a 时效 row (2023: a deadline written short, not a count)."""
    value = row.target_value
    if row.target is None or value is None or not value.is_quantitative or value.number == 0:
        return None
    number = value.number
    assert number is not None
    if not value.unit and number == number.to_integral_value() and 1990 <= number <= 2100:
        name = name_of(row)
        if categorise(row).level2 == "timeliness" or any(word in name for word in _TIME_NAME):
            return None
    return value


def _rate_name(name: str) -> bool:
    """…率 and …满意度 name percentages (合格率, 群众满意度)."""
    return "率" in name or name.endswith("满意度")


def _ratio_cell(row: IndicatorRow) -> bool:
    """A number cell holding 0.95 or 1 for a …率: Excel shows it as 95% / 100% (a % format)."""
    value = row.target.value if row.target is not None else None
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and 0 < abs(value) <= RATIO_LIMIT
        and _rate_name(name_of(row))
    )


# The value's shape the form's designer printed in the name: 受助对象满意度(≥**%), 发放人数(≥**人),
# 救助标准(<**元/户·年), 受益人口数≥**人, 满意度(%): an operator, a placeholder and the unit.
_FILLER = r"(?:\*+|[Xx×]+|…+|_+)"
_NAME_UNIT = re.compile(
    rf"\([<>=≥≤≧≦]*{_FILLER}(?P<unit>[^()\d*]{{1,8}})\)"
    rf"|[<>=≥≤≧≦]+{_FILLER}(?P<tail>[^()\d*]{{1,8}})$"
    r"|\((?P<percent>%|‰|百分比)\)"
)


def _name_unit(row: IndicatorRow) -> str:
    """The unit the indicator's name gives its value (``★受助对象满意度(≥**%)`` → ``%``), or "".

    A provincial template (安徽) prints the value's unit in each 三级 name; a preparer filling in
    ``>=21933`` under ``(≥**人)`` has stated the unit as a unit column would (Q005)."""
    text = normalize_text(text_of(row.name)).replace(" ", "")
    for match in _NAME_UNIT.finditer(text):
        unit = match.group("unit") or match.group("tail") or match.group("percent")
        if unit:
            return str(unit)
    return ""


@Q005.checks
def _check_q005(form: IndicatorForm, ctx: Context) -> None:
    for row in indicator_rows(form):
        value = _numeric(row)
        if value is None or value.unit or _ratio_cell(row) or _name_unit(row):
            continue
        name = name_of(row)
        shown = shown_target(row)
        if row.unit is not None:
            ctx.report(Q005, at=row.unit, variant="column", name=name, value=shown)
        else:
            variant = "rate" if _rate_name(name) else "default"
            ctx.report(Q005, at=row.target, variant=variant, name=name, value=shown)


@Q006.checks
def _check_q006(form: IndicatorForm, ctx: Context) -> None:
    for row in indicator_rows(form):
        value = _numeric(row)
        if value is None or value.operator is not None or value.upper is not None:
            continue
        at = row.nature if row.nature is not None else row.target
        ctx.report(Q006, at=at, name=name_of(row), value=shown_target(row))


# --- Q008 / Q010: rates above 100%, operators against 指标方向性 ------------------------------------


@Q008.checks
def _check_q008(form: IndicatorForm, ctx: Context) -> None:
    change = category_vocabulary().change
    for row in indicator_rows(form):
        value = row.target_value
        if row.target is None or value is None or not value.is_quantitative or value.unit != "%":
            continue
        name = name_of(row)
        if any(word in name for word in change):
            continue  # 增长率 may exceed 100%, a 下降 may be negative
        number = value.number
        assert number is not None
        top = value.upper if value.upper is not None else number
        if top > 100:
            variant = "above"
        elif number < 0:
            variant = "below"
        elif number == 100 and value.upper is None and value.operator in (">=", ">"):
            variant = "ge100"
        else:
            continue
        ctx.report(Q008, at=row.target, variant=variant, name=name, value=shown_target(row),
                   actual=shown_target(row))  # fmt: skip


_AGAINST = {"forward": ("<=", "<"), "reverse": (">=", ">")}
_OPERATOR_SIGN = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "±": "±"}


@Q010.checks
def _check_q010(form: IndicatorForm, ctx: Context) -> None:
    for row in indicator_rows(form):
        direction = direction_of(row)
        value = row.target_value
        if direction is None or row.direction is None or value is None or value.operator is None:
            continue
        if value.operator_from == "column" and (row.nature is None or row.nature.is_empty):
            continue  # the operator was read from 指标方向性 itself
        if value.operator not in _AGAINST[direction]:
            continue
        ctx.report(Q010, at=row.direction, variant=direction, name=name_of(row),
                   direction=row.direction.text, value=shown_target(row),
                   op=_OPERATOR_SIGN[value.operator])  # fmt: skip


RULES = [Q003, Q004, Q005, Q006, Q008, Q010, Q013, Q014]
