"""Value parsing: numbers stored as text, rates, indicator values and judging targets.

Tables of real notations (forms.md §4, background/target-and-monitoring.md §3, rules.md
Clarifications). A false "unquantified" on a good value is as bad as a missed vague one, so every
row asserts operator, number, unit and kind together.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perfcli.io.values import (
    DEFAULT_VAGUE_WORDS,
    PLACEHOLDERS,
    STANDARD_TAGS,
    IndicatorValue,
    Number,
    grade_reached,
    is_placeholder,
    is_reverse,
    normalize_text,
    parse_indicator,
    parse_number,
    parse_rate,
    qualitative_grade,
    target_met,
    units_compatible,
)

D = Decimal

# --- normalize_text / is_placeholder -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２３．５０", "123.50"),
        ("≥９５％", "≥95%"),
        ("（万元）", "(万元)"),
        ("＝１００％", "=100%"),
        ("＞＝90", ">=90"),
        ("＜5", "<5"),
        ("项目\n名称\r\n", "项目名称"),
        ("\u3000 86% \u00a0", "86%"),
        ("−5", "-5"),
        ("元／人", "元/人"),
        (None, ""),
        (12, "12"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("raw", [None, "", " ", "—", "——", "-", "--", "/", "／", "\\", "－", "–",
                                 "无数据", "N/A", "n/a", "　—　"])  # fmt: skip
def test_placeholders(raw):
    assert is_placeholder(raw)


@pytest.mark.parametrize("raw", ["0", 0, "无", "是", "—5", "x", 0.0, False])
def test_not_placeholders(raw):
    assert not is_placeholder(raw)


def test_placeholder_set_is_what_the_docs_say():
    assert {"—", "/", "-", ""} <= PLACEHOLDERS


# --- parse_number --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "decimals", "unit", "percent"),
    [
        (3309840, D("3309840"), 0, "", False),
        (43.2, D("43.2"), 1, "", False),
        (0.1 + 0.2, D("0.3"), 1, "", False),  # binary noise removed
        (86.19999999999999, D("86.2"), 1, "", False),
        (100.0, D("100"), 0, "", False),
        (-5, D("-5"), 0, "", False),
        (1e20, D("100000000000000000000"), 0, "", False),
        (0.862, D("0.862"), 3, "", False),
        ("3,309,840.00", D("3309840.00"), 2, "", False),
        ("8,827,620.53", D("8827620.53"), 2, "", False),
        ("１２３", D("123"), 0, "", False),
        ("１２３．５０", D("123.50"), 2, "", False),
        ("43.2万元", D("43.2"), 1, "万元", False),
        ("43.2万", D("43.2"), 1, "万", False),
        ("12 万元", D("12"), 0, "万元", False),
        ("3.5亿元", D("3.5"), 1, "亿元", False),
        ("3,309,840.00元", D("3309840.00"), 2, "元", False),
        ("￥1,200.00", D("1200.00"), 2, "", False),
        (" 86% ", D("86"), 0, "%", True),
        ("86.20%", D("86.20"), 2, "%", True),
        ("８６％", D("86"), 0, "%", True),
        ("12‰", D("12"), 0, "‰", False),
        ("90分", D("90"), 0, "分", False),
        ("-5", D("-5"), 0, "", False),
        ("-3.5%", D("-3.5"), 1, "%", True),
        ("+5", D("5"), 0, "", False),
        ("－5", D("-5"), 0, "", False),
        ("0", D("0"), 0, "", False),
        ("0.00", D("0.00"), 2, "", False),
        (".5", D("0.5"), 1, "", False),
        ("5.", D("5"), 0, "", False),
        ("12,345", D("12345"), 0, "", False),
        (" 12 ", D("12"), 0, "", False),
        ("37.24\n", D("37.24"), 2, "", False),
    ],
)
def test_parse_number(raw, value, decimals, unit, percent):
    num = parse_number(raw)
    assert num.status == "number" and num.ok
    assert num.value == value
    assert str(num.value) == str(value)  # prints as written: never "1E+2"
    assert num.decimals == decimals
    assert num.unit == unit
    assert num.percent is percent
    assert num.from_text is isinstance(raw, str)


@pytest.mark.parametrize(
    "raw", [None, "", "  ", "—", "——", "-", "/", "／", "－", "无数据", "无", "暂无"]
)
def test_parse_number_none(raw):
    num = parse_number(raw)
    assert num.status == "none"
    assert not num.ok and num.value is None


@pytest.mark.parametrize(
    "raw",
    ["约50万", "见附件", "50万左右", "/5", "5/", "abc", "1,23", "1.2.3", "1e5", "(5)", "5万元以上",
     "≥95%", "百分之九十", "三十", True, False, float("nan"), float("inf"), dt.date(2023, 1, 1)],
)  # fmt: skip
def test_parse_number_bad(raw):
    num = parse_number(raw)
    assert num.status == "bad"
    assert not num.ok and num.value is None


def test_parse_number_keeps_the_raw_text():
    assert parse_number(" 43.2万元").raw == " 43.2万元"
    assert parse_number(0.1 + 0.2).raw == "0.3"


def test_number_default_is_none():
    assert Number("none").ok is False


# --- parse_rate ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "fraction", "percent_decimals"),
    [
        ("86%", D("0.86"), 0),
        ("86.20%", D("0.862"), 2),
        ("10.77%", D("0.1077"), 2),
        ("100.00%", D("1"), 2),
        ("0.00%", D("0"), 2),
        (0.862, D("0.862"), 1),  # a ratio (a cell formatted as %)
        ("0.8620", D("0.862"), 2),
        (1, D("1"), 0),  # ratio: 100%
        ("1", D("1"), 0),
        (1.5, D("1.5"), 0),  # the boundary is still a ratio
        ("1.5", D("1.5"), 0),
        ("1.51", D("0.0151"), 2),  # above the boundary: a percentage
        (86, D("0.86"), 0),
        ("86", D("0.86"), 0),
        ("86.2", D("0.862"), 1),
        ("100.00", D("1"), 2),
        (100, D("1"), 0),
        (0, D("0"), 0),
        ("12‰", D("0.012"), 1),
        ("-5%", D("-0.05"), 0),
    ],
)
def test_parse_rate(raw, fraction, percent_decimals):
    rate = parse_rate(raw)
    assert rate is not None
    assert rate.fraction == fraction
    assert rate.percent == fraction * 100
    assert rate.percent_decimals == percent_decimals


@pytest.mark.parametrize(
    "raw", [None, "", "—", "/", "-", "无数据", "见附件", "约86%", "43.2万元", True]
)
def test_parse_rate_none(raw):
    assert parse_rate(raw) is None


def test_parse_rate_custom_limit():
    rate = parse_rate("2", ratio_limit=D("2"))
    assert rate is not None and rate.fraction == D("2")


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


# --- parse_indicator: deadlines --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key", "period"),
    [
        ("2023年12月", 20231231, False),
        ("2023年12月31日", 20231231, False),
        ("2023年12月31日前", 20231231, False),
        ("2023年12月底前", 20231231, False),
        ("2023年12月底前完成", 20231231, False),
        ("2023年6月底", 20230630, False),
        ("2024年2月", 20240229, False),
        ("2023.12", 20231231, False),
        ("2023.6", 20230630, False),
        ("2023-12-31", 20231231, False),
        ("2023/12", 20231231, False),
        ("2023年", 20231231, False),
        ("2023年底", 20231231, False),
        ("2023年底前", 20231231, False),
        ("2023年度内完成", 20231231, False),
        ("12月底前", 1231, False),
        ("12月31日前", 1231, False),
        ("6月30日前", 630, False),
        ("6月底前完成", 630, False),
        ("12月", 1231, False),
        ("年底前完成", 1231, False),
        ("年底前", 1231, False),
        ("年内", 1231, False),
        ("年内完成", 1231, False),
        ("2023年内", 20231231, False),
        ("2023年底前完成", 20231231, False),
        ("当年", 1231, False),
        ("全年", 1231, False),
        ("上半年", 630, False),
        ("下半年", 1231, False),
        ("第四季度", 1231, False),
        ("四季度", 1231, False),
        ("第3季度", 930, False),
        ("2023年第二季度", 20230630, False),
        ("十二月", 1231, False),
        ("二〇二三年十二月", 20231231, False),
        ("1-12月", 1231, True),
        ("1至12月", 1231, True),
        ("1月-12月", 1231, True),
        ("1-6月", 630, True),
        ("2023年1-12月", 20231231, True),
        ("2023年1月-12月", 20231231, True),
        ("2023年1月至2023年12月", 20231231, True),
        ("2023年1月1日-12月31日", 20231231, True),
        ("202001-202012", 20201231, True),
        ("2023.01-2023.12", 20231231, True),
        ("2016-2020", 20201231, True),
        ("2016年-2020年", 20201231, True),
        ("2023-2025年", 20251231, True),
        ("次年3月底前", 1531, False),  # after 12月 when compared without a year
    ],
)
def test_deadlines(raw, key, period):
    iv = parse_indicator(raw)
    assert (iv.kind, iv.date_key, iv.period, iv.number, iv.unit) == (
        "deadline", key, period, None, "",
    )  # fmt: skip
    assert iv.operator is None and not iv.is_quantitative


def test_deadline_with_operator_and_tag():
    iv = parse_indicator("≤2023年12月")
    assert (iv.kind, iv.operator, iv.operator_from, iv.date_key) == (
        "deadline", "<=", "symbol", 20231231,
    )  # fmt: skip
    iv = parse_indicator("2019年12月(计划标准)")
    assert (iv.kind, iv.date_key, iv.tag) == ("deadline", 20191231, "计划标准")
    iv = parse_indicator("2023年12月", nature="≤")
    assert (iv.kind, iv.operator, iv.operator_from) == ("deadline", "<=", "column")


def test_excel_dates_are_deadlines():
    iv = parse_indicator(dt.datetime(2023, 12, 31))
    assert (iv.kind, iv.date_key, iv.text) == ("deadline", 20231231, "2023-12-31")
    iv = parse_indicator(dt.date(2023, 6, 30))
    assert (iv.kind, iv.date_key) == ("deadline", 20230630)


@pytest.mark.parametrize("raw", ["2020", "2023", "2050"])
def test_a_bare_year_like_number_is_a_number(raw):
    iv = parse_indicator(raw)
    assert (iv.kind, iv.number) == (Q, D(raw))


# --- parse_indicator: qualitative ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "grade"),
    [
        ("优", "grade"),
        ("良", "grade"),
        ("中", "grade"),
        ("差", "grade"),
        ("优秀", "grade"),
        ("良好", "grade"),
        ("一般", "grade"),
        ("较差", "grade"),
        ("优良中低差", "grade"),
        ("优良中差", "grade"),
        ("优/良/中/差", "grade"),
        ("优、良、中、差", "grade"),
        ("优秀/良好/一般/较差", "grade"),
        ("好/较好/一般/差", "grade"),
        ("达成年度指标", "achieved"),
        ("部分达成年度指标并具有一定效果", "partial"),
        ("未达成年度指标且效果较差", "missed"),
        ("部分达成年度指标", "partial"),
        ("未达成年度指标", "missed"),
        ("达成预期指标", "achieved"),
        ("部分达成预期指标", "partial"),
        ("未达成预期指标", "missed"),
        ("部分达成预期指标并具有一定效果", "partial"),
        ("达成", "achieved"),
        ("已达成", "achieved"),
        ("已达成年度指标", "achieved"),
        ("达成预期目标", "achieved"),
        ("未达成年度目标", "missed"),
        ("基本达成预期指标", "partial"),
        ("基本达成", "partial"),
        ("是", "yes"),
        ("否", "no"),
        ("是/否", "grade"),
        ("有", "yes"),
        ("无", "no"),
        ("合格", "yes"),
        ("不合格", "no"),
        ("达标", "yes"),
        ("不达标", "no"),
        ("符合", "yes"),
        ("完成", "achieved"),
        ("已完成", "achieved"),
        ("全部完成", "achieved"),
        ("未完成", "missed"),
        ("满意", "yes"),
        ("无重大安全事故", "no"),
        ("杜绝违规违纪问题", "no"),
        ("达到优", "grade"),
        ("良好及以上", "grade"),
        (" 优 ", "grade"),
    ],
)
def test_qualitative(raw, grade):
    iv = parse_indicator(raw)
    assert (iv.kind, iv.grade, iv.operator, iv.number, iv.unit) == (
        "qualitative", grade, None, None, "",
    )  # fmt: skip
    assert not iv.is_quantitative


def test_booleans_are_yes_no():
    assert (parse_indicator(True).kind, parse_indicator(True).grade) == ("qualitative", "yes")
    assert parse_indicator(False).grade == "no"


@pytest.mark.parametrize(
    ("raw", "grade"),
    [("达成年度指标", "achieved"), ("达成年度指标。", "achieved"), ("高", ""), ("好", ""),
     ("较好", ""), ("优良", "grade"), ("", ""), ("稳步提高", ""), ("良好及以上", ""),
     ("达成率", ""), ("达成率95%", ""), ("达成年度指标，效果明显", "achieved")],
)  # fmt: skip
def test_qualitative_grade(raw, grade):
    assert qualitative_grade(raw) == grade


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


# --- units ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("%", "%", True),
        ("%", "", True),
        ("", "个", True),
        ("%", "百分比", True),
        ("%", "%(百分比)", True),
        ("%", "百分点", True),
        ("万元", "元", True),
        ("亿元", "万元", True),
        ("个", "个", True),
        ("个", "人", False),
        ("人", "人次", False),
        ("%", "万元", False),
        ("元/户", "元/人*月", False),
    ],
)
def test_units_compatible(a, b, ok):
    assert units_compatible(a, b) is ok
    assert units_compatible(b, a) is ok


# --- target_met ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "met"),
    [
        ("≥95%", "96%", True),
        ("≥95%", "95%", True),
        ("≥95%", "94.9%", False),
        (">95%", "95%", False),
        ("≥4754人", "4604人", False),
        ("≤5300元/户", "5830元/户", False),
        ("≤5300元/户", "5300元/户", True),
        ("<5%", "5%", False),
        ("不超过10万元", "9.5万元", True),
        ("≤65万元", "640000元", True),  # 万元 and 元 compare
        ("≤65万元", "660000元", False),
        ("=100%", "100%", True),
        ("=100%", "98%", False),
        ("=0起", "0起", True),
        ("=0起", "2起", False),
        ("=0", "0", True),
        ("95%以上", "97%", True),
        ("100", "100", True),  # bare: read as ≥
        ("5000户", "4999户", False),
        ("≥95%", "1", True),  # a ratio against a percentage: 1 = 100%
        ("≥95%", "0.9", False),
        ("≥95%", "100", True),
        ("95%-100%", "97%", True),
        ("95%-100%", "94%", False),
        ("95%-100%", "101%", False),
        ("±3%以内", "2%", True),
        ("±3%以内", "-4%", False),
        ("2023年12月", "2023年11月", True),
        ("2023年12月", "2023年12月31日", True),
        ("2023年12月", "2024年1月", False),
        ("12月底前", "2023年11月", True),
        ("12月底前", "2023年12月", True),
        ("6月底前", "2023年7月", False),
        ("1-12月", "12月", True),
        ("次年3月底前", "12月", True),
        ("次年3月底前", "2024年2月", True),
    ],
)
def test_target_met(target, actual, met):
    assert target_met(parse_indicator(target), parse_indicator(actual)) is met


def test_target_met_split_columns():
    target = parse_indicator("95", nature="≥", unit="%")
    assert target_met(target, parse_indicator("100%")) is True
    assert target_met(target, parse_indicator(0.9, unit="%")) is False  # 0.9% stays 0.9
    reverse = parse_indicator(12, nature="≤", unit="月")
    assert target_met(reverse, parse_indicator(11, unit="月")) is True
    assert target_met(reverse, parse_indicator(13, unit="月")) is False


@pytest.mark.parametrize(
    ("target", "actual"),
    [
        ("≥95%", "3个"),  # incompatible units
        ("≥7人", "87人次"),
        ("优良中低差", "优"),  # qualitative
        ("达成年度指标", "达成年度指标"),
        ("≥95%", "优"),
        ("稳步提高", "100%"),  # vague
        ("≥95%", "—"),  # empty actual
        ("2023年12月", "100%"),
        ("≥95%", "2023年12月"),
    ],
)
def test_target_met_cannot_judge(target, actual):
    assert target_met(parse_indicator(target), parse_indicator(actual)) is None


@pytest.mark.parametrize(
    ("raw", "reverse"),
    [("≤65万元", True), ("<5%", True), ("不超过5次", True), ("10万元以内", True), ("≥95%", False),
     ("=100%", False), ("100%", False), ("优", False)],
)  # fmt: skip
def test_is_reverse(raw, reverse):
    assert is_reverse(parse_indicator(raw)) is reverse


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


# --- a grade scale in one cell -------------------------------------------------------------------

_SCALE = [("优", ">=", "95", None), ("良", ">=", "85", None), ("中", ">=", "60", None),
          ("差", "<", "60", None)]  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "steps"),
    [
        ("优:≥95%;良:≥85%;中:≥60%;差:<60%", _SCALE),
        ("优：≥95%；良：≥85%；中：≥60%；差：<60%", _SCALE),  # full-width ：；
        ("优≥95%\n良≥85%\n中≥60%\n差<60%", _SCALE),  # one grade a line
        ("优：≥95%，良：≥85%，中：≥60%，差：<60%", _SCALE),  # full-width comma
        ("优 ≥95%  良 ≥85%  中 ≥60%  差 <60%", _SCALE),  # spaces only
        ("评价标准：优≥95%；良≥85%；中≥60%；差<60%", _SCALE),  # a label before the scale
        (
            "优秀≥95%，良好85%-95%，一般60%-85%，较差<60%",
            [("优秀", ">=", "95", None), ("良好", ">=", "85", "95"), ("一般", ">=", "60", "85"),
             ("较差", "<", "60", None)],
        ),
        (
            "优：95%以上；良：85%-95%；差：60%以下",
            [("优", ">=", "95", None), ("良", ">=", "85", "95"), ("差", "<=", "60", None)],
        ),
        ("优(≥95%) 良(85%-95%)", [("优", ">=", "95", None), ("良", ">=", "85", "95")]),
        ("优:≥1,000人;良:≥800人", [("优", ">=", "1000", None), ("良", ">=", "800", None)]),
    ],
)  # fmt: skip
def test_grade_scale_in_one_cell(raw, steps):
    """A whole scale is one graded target, not its first threshold (≥95%) and not vague."""
    iv = parse_indicator(raw)
    assert (iv.kind, iv.grade, iv.operator, iv.number) == ("qualitative", "grade", None, None)
    assert not iv.is_quantitative
    read = [
        (s.grade, s.threshold.operator, s.threshold.number, s.threshold.upper) for s in iv.scale
    ]
    assert read == [(g, op, D(n), None if up is None else D(up)) for g, op, n, up in steps]


def test_grade_scale_thresholds_keep_their_unit():
    iv = parse_indicator("优：≤3天；良：≤5天；差：>5天")
    assert [(s.grade, s.threshold.unit) for s in iv.scale] == [
        ("优", "天"),
        ("良", "天"),
        ("差", "天"),
    ]
    split = parse_indicator("优:≥95;良:≥85", unit="%")  # split layout: 度量单位 in its own column
    assert [s.threshold.unit for s in split.scale] == ["%", "%"]


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("≥95%", "quantitative"),
        ("优秀率≥95%，良好率≥85%", "quantitative"),  # rates named after grades, not grades
        ("中央资金到位率≥95%；差旅费≤5万元", "quantitative"),
        ("优/良/中/差", "qualitative"),  # grade names without thresholds: no scale
        ("优：≥95%；优：≥85%", "quantitative"),  # the same grade twice is not a scale
        ("其中：≥95%；差<5%", "quantitative"),
    ],
)
def test_not_a_grade_scale(raw, kind):
    iv = parse_indicator(raw)
    assert (iv.kind, iv.scale) == (kind, ())


@pytest.mark.parametrize(
    ("target", "actual", "grade"),
    [
        ("优:≥95%;良:≥85%;中:≥60%;差:<60%", "92%", "良"),
        ("优:≥95%;良:≥85%;中:≥60%;差:<60%", "95%", "优"),
        ("优:≥95%;良:≥85%;中:≥60%;差:<60%", "59.5%", "差"),
        ("优:≥95%;良:≥85%;中:≥60%;差:<60%", "0.92", "良"),  # a ratio against a percentage
        ("优秀≥95%，良好85%-95%，一般60%-85%，较差<60%", "85%", "良好"),
        ("优：≤3天；良：≤5天；差：>5天", "4天", "良"),
        ("优:≥95%;良:≥85%;中:≥60%", "50%", ""),  # below every threshold
        ("优:≥95%;良:≥85%", "良", "良"),  # the actual written as a grade word
        ("优:≥95%;良:≥85%", "4天", None),  # units that do not compare
        ("优:≥95%;良:≥85%", "稳步提高", None),
        ("≥95%", "92%", None),  # not a scale
    ],
)
def test_grade_reached(target, actual, grade):
    assert grade_reached(parse_indicator(target), parse_indicator(actual)) == grade


def test_a_grade_scale_is_not_judged_met_or_missed():
    """92% is 良 on the scale: neither "met" nor "missed" for the met/missed rules (A012, A014)."""
    scale = parse_indicator("优:≥95%;良:≥85%;中:≥60%;差:<60%")
    assert target_met(scale, parse_indicator("92%")) is None
    assert target_met(parse_indicator("≥95%"), parse_indicator("92%")) is False


# --- realworld values ----------------------------------------------------------------------------


def test_every_realworld_cell_parses():
    """No transcribed published cell makes a parser raise."""
    import json

    for path in sorted(Path("/work/shared/realworld").glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for value in row:
                assert isinstance(parse_indicator(value), IndicatorValue)
                parse_number(value)
                parse_rate(value)


def test_module_import_is_light():
    """cn2an (slow to import) is loaded only when a Chinese numeral is met."""
    code = (
        "import sys; import perfcli.io.values as v; assert 'cn2an' not in sys.modules; "
        "v.parse_indicator('≥95%'); assert 'cn2an' not in sys.modules; "
        "v.parse_indicator('三次'); assert 'cn2an' in sys.modules"
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)
