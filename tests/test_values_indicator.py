"""``parse_indicator`` on targets and actuals: operator, number, unit and kind read together.

Tables of real notations (forms.md §4, background/target-and-monitoring.md §3, rules.md
Clarifications). A false "unquantified" on a good value is as bad as a missed vague one, so every
row asserts operator, number, unit and kind together. Dates: test_values_deadlines.py; scale
words and grade scales: test_values_grades.py.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfcli.io.values import DEFAULT_VAGUE_WORDS, STANDARD_TAGS, parse_indicator

D = Decimal


# --- parse_indicator: quantitative ---------------------------------------------------------------

Q = "quantitative"


@pytest.mark.parametrize(
    ("raw", "op", "number", "unit", "source"),
    [
        # operator + number + unit (forms.md §4)
        ("≥95%", ">=", "95", "%", "symbol"),
        ("≤65万元", "<=", "65", "万元", "symbol"),
        ("=12个", "=", "12", "个", "symbol"),
        ("≥ 100 公里", ">=", "100", "公里", "symbol"),
        (">=21933人", ">=", "21933", "人", "symbol"),
        ("<=5300元/户", "<=", "5300", "元/户", "symbol"),
        ("≧20000亩", ">=", "20000", "亩", "symbol"),
        ("≦5%", "<=", "5", "%", "symbol"),
        ("＞90%", ">", "90", "%", "symbol"),
        (">92%", ">", "92", "%", "symbol"),
        ("＜5%", "<", "5", "%", "symbol"),
        ("<5%", "<", "5", "%", "symbol"),
        ("＞=90%", ">=", "90", "%", "symbol"),
        ("=>90%", ">=", "90", "%", "symbol"),
        ("=<3次", "<=", "3", "次", "symbol"),
        ("═100%", "=", "100", "%", "symbol"),
        ("﹦100%", "=", "100", "%", "symbol"),
        ("＝100%", "=", "100", "%", "symbol"),
        ("=100", "=", "100", "", "symbol"),
        ("≥1.5万元", ">=", "1.5", "万元", "symbol"),
        (">= 75", ">=", "75", "", "symbol"),
        ("≥90分", ">=", "90", "分", "symbol"),
        ("≥3年", ">=", "3", "年", "symbol"),
        ("≥1 人/年", ">=", "1", "人/年", "symbol"),
        ("≥12台（套）", ">=", "12", "台(套)", "symbol"),
        ("≥100百分比", ">=", "100", "%", "symbol"),
        ("≥95%满意", ">=", "95", "%", "symbol"),
        ("≤-5%", "<=", "-5", "%", "symbol"),
        ("=0起", "=", "0", "起", "symbol"),
        ("≥59人次", ">=", "59", "人次", "symbol"),
        (">=530元/人*月", ">=", "530", "元/人*月", "symbol"),
        ("≥3次/年", ">=", "3", "次/年", "symbol"),
        ("≥1.2万人次", ">=", "1.2", "万人次", "symbol"),
        ("±3%以内", "±", "3", "%", "symbol"),
        ("±5%", "±", "5", "%", "symbol"),
        ("+-5%", "±", "5", "%", "symbol"),
        ("满意度≥95%", ">=", "95", "%", "symbol"),
        # operator words
        ("95%以上", ">=", "95", "%", "word"),
        ("95%及以上", ">=", "95", "%", "word"),
        ("3次及以上", ">=", "3", "次", "word"),
        ("1年以上", ">=", "1", "年", "word"),
        ("不少于3次", ">=", "3", "次", "word"),
        ("不低于98%", ">=", "98", "%", "word"),
        ("不小于5个", ">=", "5", "个", "word"),
        ("至少全年完成2次宣传", ">=", "2", "次", "word"),
        ("全年不少于3次", ">=", "3", "次", "word"),
        ("覆盖率不低于95%", ">=", "95", "%", "word"),
        ("大于等于90%", ">=", "90", "%", "word"),
        ("达到100%", ">=", "100", "%", "word"),
        ("超过90%", ">", "90", "%", "word"),
        ("高于80%", ">", "80", "%", "word"),
        ("不超过5次", "<=", "5", "次", "word"),
        ("不高于3%", "<=", "3", "%", "word"),
        ("不大于2%", "<=", "2", "%", "word"),
        ("10万元以内", "<=", "10", "万元", "word"),
        ("5%以下", "<=", "5", "%", "word"),
        ("5%及以下", "<=", "5", "%", "word"),
        ("控制在10万元以内", "<=", "10", "万元", "word"),
        ("控制在65万元", "<=", "65", "万元", "word"),
        ("3日内", "<=", "3", "日", "word"),
        ("低于2%", "<", "2", "%", "word"),
        ("少于3起", "<", "3", "起", "word"),
        ("等于100%", "=", "100", "%", "word"),
        # Chinese numerals (cn2an)
        ("三次", None, "3", "次", ""),
        ("十二个", None, "12", "个", ""),
        ("两千人", None, "2000", "人", ""),
        ("两次", None, "2", "次", ""),
        ("不少于三次", ">=", "3", "次", "word"),
        ("全年开展两次", None, "2", "次", ""),
        ("百分之九十五以上", ">=", "95", "%", "word"),
        ("百分之百", None, "100", "%", ""),
        ("一百二十人", None, "120", "人", ""),
        ("零事故", None, "0", "事故", ""),
        # number + unit, no operator; bare numbers
        ("100%", None, "100", "%", ""),
        ("95 %", None, "95", "%", ""),
        ("3500公斤", None, "3500", "公斤", ""),
        ("1600元/亩", None, "1600", "元/亩", ""),
        ("583元/人*月", None, "583", "元/人*月", ""),
        ("10万元", None, "10", "万元", ""),
        ("87人次", None, "87", "人次", ""),
        ("200次", None, "200", "次", ""),
        ("100百分比", None, "100", "%", ""),
        ("98%(百分比)", None, "98", "%", ""),
        ("100%完成", None, "100", "%", ""),
        ("2", None, "2", "", ""),
        ("2100", None, "2100", "", ""),
        ("0", None, "0", "", ""),
        ("3,309,840.00元", None, "3309840.00", "元", ""),
        ("-5%", None, "-5", "%", ""),
        ("+5", None, "5", "", ""),
        ("292%", None, "292", "%", ""),
        ("2年", None, "2", "年", ""),
        ("12个月", None, "12", "个月", ""),
        ("≤15个工作日", "<=", "15", "个工作日", "symbol"),
        ("5个工作日内", "<=", "5", "个工作日", "word"),
        ("≥200m²", ">=", "200", "m²", "symbol"),
        ("≥3.5万平方米", ">=", "3.5", "万平方米", "symbol"),
        ("≥1次/月", ">=", "1", "次/月", "symbol"),
        ("≥5元/人·月", ">=", "5", "元/人·月", "symbol"),
        ("≤3‰", "<=", "3", "‰", "symbol"),
        ("95%（含）以上", ">=", "95", "%", "word"),
        ("不低于95%（含）", ">=", "95", "%", "word"),
        ("优良率≥90%", ">=", "90", "%", "symbol"),
        ("按时完成率100%", None, "100", "%", ""),
        ("安全事故0起", None, "0", "起", ""),
        ("2年内", "<=", "2", "年", "word"),
        ("五年以上", ">=", "5", "年", "word"),
        # a number makes a value quantified, even after a vague verb; a change word is a minimum
        ("提高5%", ">=", "5", "%", "word"),
        ("较上年提高5%", ">=", "5", "%", "word"),
        ("同比增长10%", ">=", "10", "%", "word"),
        ("提高5个百分点", ">=", "5", "百分点", "word"),
        ("稳步提高5%", ">=", "5", "%", "word"),
    ],
)
def test_quantitative(raw, op, number, unit, source):
    iv = parse_indicator(raw)
    assert (iv.kind, iv.operator, iv.number, iv.unit, iv.operator_from) == (
        Q, op, D(number), unit, source,
    )  # fmt: skip
    assert iv.is_quantitative
    assert iv.text == raw
    assert iv.upper is None


@pytest.mark.parametrize(
    ("raw", "low", "high", "unit", "source"),
    [
        ("95%-100%", "95", "100", "%", "symbol"),
        ("90-95%", "90", "95", "%", "symbol"),
        ("5%～10%", "5", "10", "%", "symbol"),
        ("3至5次", "3", "5", "次", "word"),
        ("三至五次", "3", "5", "次", "word"),
        ("100±5", "95", "105", "", "symbol"),
    ],
)
@pytest.mark.parametrize("nature", [None, "≥"])
def test_ranges(raw, low, high, unit, source, nature):
    iv = parse_indicator(raw, nature=nature)
    assert (iv.kind, iv.operator, iv.number, iv.upper, iv.unit, iv.operator_from) == (
        Q, ">=", D(low), D(high), unit, source,
    )  # fmt: skip


# --- split columns (指标性质 | 指标值 | 度量单位) --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "nature", "unit", "op", "number", "unit_out", "source"),
    [
        ("100", "≥", "%", ">=", "100", "%", "column"),
        ("95", "≥", "%", ">=", "95", "%", "column"),
        ("1", "≥", "人/年", ">=", "1", "人/年", "column"),
        ("230", "≥", "个", ">=", "230", "个", "column"),
        ("12", "≤", "月", "<=", "12", "月", "column"),
        ("0.62", "≤", "万元/公里", "<=", "0.62", "万元/公里", "column"),
        ("100", "=", "%", "=", "100", "%", "column"),
        ("100", "＝", "%", "=", "100", "%", "column"),
        ("90", ">", "%", ">", "90", "%", "column"),
        ("5", "<", "%", "<", "5", "%", "column"),
        ("90", "大于等于", "%", ">=", "90", "%", "column"),
        ("95", "正向指标", "%", ">=", "95", "%", "column"),
        ("5", "反向指标", "%", "<=", "5", "%", "column"),
        ("100", None, "%", None, "100", "%", ""),
        ("100", "定量", "%", None, "100", "%", ""),
        ("≥90", "≤", "%", ">=", "90", "%", "symbol"),  # the cell's own operator wins
        (">= 98", None, "%(百分比)", ">=", "98", "%", "symbol"),  # 符号 | 单位(文字描述)
        (">= 19", None, "人", ">=", "19", "人", "symbol"),
        ("100", "≥", "百分比", ">=", "100", "%", "column"),
        ("100", "≥", "/", ">=", "100", "", "column"),  # a placeholder unit is no unit
        ("95%", "≥", "%", ">=", "95", "%", "column"),
        (95, "≥", "%", ">=", "95", "%", "column"),
        (0.62, "≤", "万元/公里", "<=", "0.62", "万元/公里", "column"),
        (320, "≥", "公里", ">=", "320", "公里", "column"),
        (100.0, "=", "%", "=", "100", "%", "column"),
        (0.1 + 0.2, None, None, None, "0.3", "", ""),
        (12, "≤", "月", "<=", "12", "月", "column"),
        ("2023.5", None, "万元", None, "2023.5", "万元", ""),  # a unit column: not a date
    ],
)
def test_split_columns(value, nature, unit, op, number, unit_out, source):
    iv = parse_indicator(value, nature=nature, unit=unit)
    assert (iv.kind, iv.operator, iv.number, iv.unit, iv.operator_from) == (
        Q, op, D(number), unit_out, source,
    )  # fmt: skip


def test_numeric_cell_text_is_what_a_person_reads():
    assert parse_indicator(0.1 + 0.2).text == "0.3"
    assert parse_indicator(100.0).text == "100"
    assert parse_indicator(95).text == "95"


def test_qualitative_with_nature_column():
    iv = parse_indicator("优良中低差", nature="定性")
    assert (iv.kind, iv.grade, iv.operator, iv.number) == ("qualitative", "grade", None, None)
    iv = parse_indicator("优", nature="定性")
    assert (iv.kind, iv.grade) == ("qualitative", "grade")
    iv = parse_indicator("较好", nature="定性")  # a 定性 nature does not make a lone word a scale
    assert iv.kind == "vague"


# --- clarifications: every operator spelling ------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "op"),
    [("≥", ">="), ("≧", ">="), (">=", ">="), ("＞=", ">="), ("＞＝", ">="), ("不少于", ">="),
     ("不低于", ">="), ("≤", "<="), ("≦", "<="), ("<=", "<="), ("＜=", "<="), ("不超过", "<="),
     ("不高于", "<="), ("=", "="), ("═", "="), ("﹦", "="), ("＝", "="), (">", ">"), ("＞", ">"),
     ("<", "<"), ("＜", "<")],
)  # fmt: skip
def test_every_operator_spelling(spelling, op):
    iv = parse_indicator(f"{spelling}90%")
    assert (iv.kind, iv.operator, iv.number, iv.unit) == (Q, op, D(90), "%")
    assert iv.operator_from in ("symbol", "word")


@pytest.mark.parametrize(("suffix", "op"), [("以上", ">="), ("以内", "<="), ("以下", "<=")])
def test_every_operator_suffix(suffix, op):
    iv = parse_indicator(f"90%{suffix}")
    assert (iv.kind, iv.operator, iv.number, iv.unit, iv.operator_from) == (
        Q,
        op,
        D(90),
        "%",
        "word",
    )


# --- standard tags -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind", "number", "unit", "tag"),
    [
        ("100%(历史标准)", Q, "100", "%", "历史标准"),
        ("90%(计划标准)", Q, "90", "%", "计划标准"),
        ("≥95%（行业标准）", Q, "95", "%", "行业标准"),
        ("3次(其他标准)", Q, "3", "次", "其他标准"),
        ("95%(国家标准)", Q, "95", "%", "国家标准"),  # read, so a rule can say the tag is wrong
    ],
)
def test_standard_tags(raw, kind, number, unit, tag):
    iv = parse_indicator(raw)
    assert (iv.kind, iv.number, iv.unit, iv.tag) == (kind, D(number), unit, tag)


def test_standard_tags_constant():
    assert STANDARD_TAGS == ("历史标准", "行业标准", "计划标准", "其他标准")


# --- vague and empty -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "word"),
    [
        ("稳步提高", "稳步提高"),
        ("持续改善", "持续改善"),
        ("巩固提高", "巩固提高"),
        ("不断提升", "不断提升"),
        ("进一步提高", "进一步提高"),
        ("有所提升", "有所提升"),
        ("显著", "显著"),
        ("显著提升", "显著"),
        ("及时", "及时"),
        ("不超预算", "不超预算"),
        ("效果明显", "效果明显"),
        ("一定程度", "一定程度"),
        ("有一定程度提高", "一定程度"),
        ("高", "高"),
        ("好", "好"),
        ("较好", "较好"),
        ("明显", "明显"),
        ("提升", "提升"),
        ("改善", "改善"),
        ("按质按量完成", "按质按量"),
        ("符合相关规定", "符合相关规定"),
        ("严格执行相关制度规定", "严格执行"),
        ("参照政府采购成本控制", "参照"),
        ("按时发放", "按时"),
        ("逐步完善", "逐步完善"),
        ("有效", "有效"),
        ("维护社会稳定", "维护"),
        ("不高于预算", ""),  # the 高 of an operator word is not the vague word 高
        ("高于全省平均水平", ""),
        ("全覆盖", ""),
        ("减少", ""),
        ("见附件", ""),
        ("第O份", ""),
    ],
)
def test_vague(raw, word):
    iv = parse_indicator(raw)
    assert (iv.kind, iv.operator, iv.number, iv.unit, iv.vague_word) == (
        "vague",
        None,
        None,
        "",
        word,
    )
    assert not iv.is_quantitative


def test_vague_words_are_extendable():
    assert parse_indicator("搞好提质改造", vague_words=("搞好",)).vague_word == "搞好"
    assert parse_indicator("搞好提质改造", vague_words=()).kind == "vague"
    assert "稳步提高" in DEFAULT_VAGUE_WORDS


@pytest.mark.parametrize("raw", [None, "", " ", "—", "/", "-", "无数据", "≥**人", "(≥**%)", "XX个",
                                 "……", "…", "**", "≥", "="])  # fmt: skip
def test_empty(raw):
    iv = parse_indicator(raw)
    assert (iv.kind, iv.operator, iv.number) == ("empty", None, None)
