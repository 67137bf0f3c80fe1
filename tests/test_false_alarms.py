"""Clean forms written the way preparers really write them raise no false alarm.

Found by varying the clean builders (false-alarm audit): each case pairs the clean variation
(no finding) with a real defect written the same way (still found).
"""

from __future__ import annotations

from layouts import hebei, sichuan
from ruletools import codes, findings, of


def test_percent_typed_in_excel_is_read_as_percent_under_a_unit_column(book):
    # Typing 100% in Excel stores the number 1; with 单位 "%(百分比)" it is 100%, not 1%.
    form = hebei().put("H12", 1).put("H13", 1).put("H14", 0.98)
    assert codes(findings(book, form)) == []


def test_percent_typed_in_excel_still_shows_a_real_shortfall(book):
    form = hebei().put("H12", 0.5)  # 50% against >= 98%, full marks kept
    found = of(findings(book, form), "A012")
    assert [f.cell for f in found] == ["L12"]
    assert "0.5" in found[0].message or "50" in found[0].message


def test_percent_fraction_in_the_split_sichuan_layout(book):
    assert codes(findings(book, sichuan().put("H16", 0.88))) == []


def test_text_one_under_a_percent_unit_column_is_taken_as_written(book):
    # Text is what the preparer typed: "1" under % is 1%, a real shortfall.
    found = of(findings(book, hebei().put("H12", "1")), "A012")
    assert [f.cell for f in found] == ["L12"]
