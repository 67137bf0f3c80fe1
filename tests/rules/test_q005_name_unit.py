"""Q005 and a unit printed in the indicator's name.

A provincial template (安徽) prints each value's shape in the 三级 name: ``★受助对象满意度(≥**%)``,
``农村低保发放人数(≥**人)``. A preparer who fills in ``>=90`` there has the unit stated on the row as
a 度量单位 column would state it, so the bare number is not reported; a bracket that gives no unit
(``(按月平均)``) leaves the number as bare as before.
"""

from __future__ import annotations

import pytest
from layouts import anhui
from ruletools import codes, findings, of, only

# anhui(): row 12 ★临时救助人次 >=80人次, row 17 受助对象满意度 >=90%.


@pytest.mark.parametrize(
    ("name", "target"),
    [("★临时救助人次(≥**人次)", ">=80"), ("★临时救助人次（≥XX人次）", ">=80"),
     ("★临时救助人次≥**人次", ">=80")],
)  # fmt: skip
def test_unit_in_the_name_counts_as_given(book, name, target):
    form = anhui().put("D12", name).put("F12", target)
    assert codes(findings(book, form)) == []


@pytest.mark.parametrize("name", ["★受助对象满意度(≥**%)", "受助对象满意度（%）"])
def test_percent_in_the_name_counts_as_given(book, name):
    form = anhui().put("D17", name).put("F17", ">=90")
    assert codes(findings(book, form)) == []


def test_bare_number_without_a_unit_in_the_name_is_reported(book):
    form = anhui().put("D12", "★临时救助人次").put("F12", ">=80")
    assert only(findings(book, form), "Q005").cell == "F12"


def test_a_bracket_that_gives_no_unit_is_not_a_unit(book):
    form = anhui().put("D12", "★临时救助人次(按月平均)").put("F12", ">=80")
    assert only(findings(book, form), "Q005").cell == "F12"


def test_a_rate_without_percent_and_no_unit_in_the_name_is_reported(book):
    found = of(findings(book, anhui().put("F17", ">=90")), "Q005")
    assert [f.cell for f in found] == ["F17"] and "%" in found[0].message
