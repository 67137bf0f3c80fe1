"""``target_met``: an actual judged against its target (≥ ≤ = ranges, units, ratios, dates),
and when it cannot be judged (None).
"""

from __future__ import annotations

import pytest

from perfcli.io.values import is_reverse, parse_indicator, target_met

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
