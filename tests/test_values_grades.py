"""Qualitative values and grade scales: 达成 / 是否 / 优良中差 words, and a whole grade scale
written in one cell (``优:≥95%;良:≥85%;中:≥60%;差:<60%``) with the grade an actual reaches on it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfcli.io.values import grade_reached, parse_indicator, qualitative_grade, target_met

D = Decimal


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
        ("差:<60%;中:≥60%;良:≥85%;优:≥95%", "92%", "良"),  # written worst first
        ("差：>5天；良：≤5天；优：≤3天", "2天", "优"),
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
