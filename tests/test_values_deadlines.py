"""Deadlines: a date or a period written as an indicator value (2023年12月, 12月底前, 1-12月)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from perfcli.io.values import parse_indicator

D = Decimal
Q = "quantitative"


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
