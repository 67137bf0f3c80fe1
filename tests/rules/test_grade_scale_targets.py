"""A target written as a grade scale in one cell (优:≥95%;良:≥85%;中:≥60%;差:<60%) through the rules.

The scale is one graded target: not "≥95%" (A012 would call 92% a miss and full marks wrong) and
not a vague phrase (Q004), nor a bare number lacking an operator or unit (Q005/Q006).
"""

from __future__ import annotations

import pytest
from layouts import LAYOUTS
from ruletools import findings, of, only

SCALES = [
    "优:≥95%;良:≥85%;中:≥60%;差:<60%",
    "优：≥95%；良：≥85%；中：≥60%；差：<60%",
    "优秀≥95%，良好85%-95%，一般60%-85%，较差<60%",
    "优≥95%\n良≥85%\n中≥60%\n差<60%",
]
QUIET = {"A012", "A014", "A015", "A016", "Q004", "Q005", "Q006", "Q008"}


def central(target: str, actual: str, score: float):
    """The central layout's 服务合格率 row (E14 target, F14 actual, 分值 10, H14 得分)."""
    return LAYOUTS["central"]().put("E14", target).put("F14", actual).put("H14", score)


@pytest.mark.parametrize("scale", SCALES)
def test_full_marks_at_good_on_a_scale_is_not_judged(book, scale):
    """92% reaches 良 on the scale: no miss against ≥95%, nothing vague, nothing missing."""
    found = findings(book, central(scale, "92%", 10))
    assert [(f.code, f.cell) for f in found if f.code in QUIET] == []


def test_the_first_threshold_alone_is_a_miss(book):
    """The failing case beside it: the same actual against ≥95% alone is a miss at full marks."""
    f = only(findings(book, central("≥95%", "92%", 10)), "A012")
    assert f.cell == "H14" and f.expected == "9.68"


def test_vague_and_bare_targets_still_reported(book):
    assert of(findings(book, central("效果明显", "92%", 10)), "Q004")
    assert only(findings(book, central("95%", "97%", 10)), "Q006").cell == "E14"


def test_points_deducted_on_a_scale_still_need_a_reason(book):
    """Without a met/missed verdict, a score below 分值 asks for a reason (A014 'score')."""
    f = only(findings(book, central(SCALES[0], "92%", 8)), "A014")
    assert f.cell == "I14" and "得分 8" in f.message
    quiet = central(SCALES[0], "92%", 8).put("I14", "未达到优秀档，按良档计分。")
    assert of(findings(book, quiet), "A014") == []
