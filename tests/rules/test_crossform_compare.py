"""The X rules' comparisons on their own (targets, indicator names) and on real published forms."""

from __future__ import annotations

import pytest

import perfcli

# --- the comparisons on their own -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("≥95%", "95%以上", True),
        ("2023年12月", "2023年12月31日前", True),  # one deadline, written two ways
        ("2023年12月", "2023年11月", False),
        ("95%-100%", "95%～100%", True),
        ("95%-100%", "90%-100%", False),
        ("100±5", "100±5", True),
        ("=12个", "12", True),
        ("814万元", "8140000元", True),
        ("≥3年", "≥3次", False),
        ("是", "是", True),
        ("合格", "不合格", False),
        ("", "≥95%", None),  # nothing to compare: Q003's finding
        ("≥95%", "/", None),
    ],
)
def test_same_target(a, b, same):
    from perfcli.io.values import parse_indicator
    from perfcli.rules._chain import same_target

    assert same_target(parse_indicator(a), parse_indicator(b)) is same
    assert same_target(parse_indicator(b), parse_indicator(a)) is same


@pytest.mark.parametrize(
    ("a", "b"),
    [("受助老人满意度", "1. 受助老人 满意度"), ("★服务对象满意度", "服务对象满意度"),
     ("服務對象滿意度", "服务对象满意度"), ("（1）人均成本（元）", "人均成本")],
)  # fmt: skip
def test_indicator_names_compared_normalised(a, b):
    from perfcli.rules._chain import name_key

    assert name_key(a) == name_key(b)


# --- real forms -----------------------------------------------------------------------------------


def test_real_forms_of_different_projects_are_never_compared(realworld):
    from gridbook import realworld_names

    paths = [realworld(name) for name in realworld_names()]
    report = perfcli.check(str(paths[0].parent))
    assert report.internal_errors == []
    assert [f for f in report.findings if f.code in ("X001", "X002")] == []
