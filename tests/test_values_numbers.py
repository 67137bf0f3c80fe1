"""Numbers stored as text, rates, placeholders and units: the bricks every value is read with.

Tables of real notations (forms.md §4): ``43.2万元``, ``１２３``, ``3,309,840.00``, ``86.20%``,
``0.862`` (a ratio), ``—`` (nothing) — and which units compare (万元 with 元, not 个 with 人).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from perfcli.io.values import (
    PLACEHOLDERS,
    Number,
    is_placeholder,
    normalize_text,
    parse_number,
    parse_rate,
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


@pytest.mark.parametrize(
    ("unit", "scale"),
    [("元", "1"), ("千元", "1000"), ("万元", "10000"), ("亿元", "100000000"), ("", "10000"),
     ("（万元）", "10000"), ("个", "10000")],
)  # fmt: skip
def test_money_scale_is_one_table(unit, scale):
    """One table of amount units for forms, the 汇总表/report rules and the 决算."""
    from decimal import Decimal

    from perfcli.io.units import money_scale
    from perfcli.reconcile.model import unit_scale

    assert money_scale(unit) == Decimal(scale) == unit_scale(unit)
