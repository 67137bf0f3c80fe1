"""Q014 on a grade scale written in the 指标值 cell itself (``优:≥95%;良:≥85%;中:≥60%;差:<60%``).

The same rule as the 邯郸 grade columns (test_q_targets.py): the thresholds step strictly one way
from the best grade to the worst — down for a floor (≥), up for a cap (≤ 投诉率) — and two grades
never share a threshold unless one is the other's complement (优 ≥95%, 差 <95%).
"""

from __future__ import annotations

import pytest
from layouts import LAYOUTS
from layouts_target import TARGET_LAYOUTS
from ruletools import findings, of, only


def central(target: str, name: str = "服务合格率"):
    """The central self-evaluation layout's row 14 (D14 name, E14 年度指标值, F14 actual 97%)."""
    return LAYOUTS["central"]().put("D14", name).put("E14", target)


def q014(book, form):
    return of(findings(book, form), "Q014")


# --- floors (≥): thresholds fall from 优 to 差 -----------------------------------------------------


@pytest.mark.parametrize(
    "scale",
    [
        "优:≥95%;良:≥85%;中:≥60%;差:<60%",
        "优：≥95%；良：≥85%；中：≥60%；差：<60%",  # full-width colon and semicolon
        "优秀≥95%，良好85%-95%，一般60%-85%，较差<60%",  # ranges and a complement at the bottom
        "优≥95%\n良≥85%\n中≥60%\n差<60%",  # one grade a line
        "差:<60%;中:≥60%;良:≥85%;优:≥95%",  # written worst first
    ],
)
def test_a_falling_floor_scale_passes(book, scale):
    assert q014(book, central(scale)) == []


def test_a_rising_floor_scale_is_out_of_order(book):
    f = only(findings(book, central("优:≥85%;良:≥90%")), "Q014")
    assert f.cell == "E14" and f.severity == "warning"
    assert "服务合格率" in f.message and "次序颠倒" in f.message
    assert "“良”≥90%" in f.message and "“优”≥85%" in f.message and "逐级递减" in f.message
    assert f.message.endswith("优:≥85%;良:≥90%")  # quotes the cell's scale


def test_full_width_scale_out_of_order_quotes_the_cell(book):
    f = only(findings(book, central("优：≥95%；良：≥85%；中：≥90%；差：<60%")), "Q014")
    assert f.cell == "E14" and "“中”≥90%" in f.message and "“良”≥85%" in f.message
    assert "优：≥95%；良：≥85%；中：≥90%；差：<60%" in f.message


def test_a_tie_on_a_one_cell_scale(book):
    f = only(findings(book, central("优:≥90%;良:≥90%;差:<90%")), "Q014")
    assert f.cell == "E14" and "“优”与“良”相同" in f.message and "均为 ≥90%" in f.message


def test_one_grade_a_line_is_quoted_on_one_line(book):
    f = only(findings(book, central("优≥85%\n良≥90%")), "Q014")
    assert "\n" not in f.message and f.message.endswith("优≥85% 良≥90%")


# --- caps (≤): thresholds rise from 优 to 差 -------------------------------------------------------


@pytest.mark.parametrize(
    "scale",
    [
        "优:≤1%;良:≤3%;中:≤5%;差:>5%",
        "优：≤1%；良：≤3%；差：>3%",
        "优:≤1%;良:1%-3%;差:>3%",  # a range starting at the cap above is not a tie
    ],
)
def test_a_rising_cap_scale_passes(book, scale):
    assert q014(book, central(scale, name="服务投诉率")) == []


@pytest.mark.parametrize("scale", ["优:≤3%;良:≤1%", "优：≤3%；良：≤1%；差：>3%"])
def test_a_falling_cap_scale_is_out_of_order(book, scale):
    f = only(findings(book, central(scale, name="服务投诉率")), "Q014")
    assert f.cell == "E14" and "“良”≤1%" in f.message and "逐级递增" in f.message
    assert "服务投诉率" in f.message


# --- what is not judged ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "≥95%",  # one threshold, not a scale
        "优/良/中/差",  # grade names, no thresholds
        "优:≥95%;良:≥85次",  # units that do not compare
        "优:全部完成;良:≥85%",  # one quantitative threshold only
    ],
)
def test_not_a_judgeable_scale(book, target):
    assert q014(book, central(target)) == []


# --- a target table --------------------------------------------------------------------------------


def test_target_table_scale(book):
    """national_88's 质量 row (E21): a scale in the target cell of a 项目绩效目标申报表."""
    bad = TARGET_LAYOUTS["national_88"]().put("E21", "优:≥85%;良:≥90%;差:<85%")
    f = only(findings(book, bad), "Q014")
    assert f.cell == "E21" and f.form_kind == "target_project" and "逐级递减" in f.message
    good = TARGET_LAYOUTS["national_88"]().put("E21", "优:≥95%;良:≥90%;差:<90%")
    assert q014(book, good) == []
