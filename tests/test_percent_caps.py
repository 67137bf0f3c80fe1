"""A number ≤ 1.5 against a percentage target is read as a ratio (``1`` = 100%, ``100%`` typed in
Excel is stored as 1) only against a minimum (≥, =, a range): against a cap (≤3%) or a tolerance
(±5%) the number as written meets the target and ×100 would be a false shortfall (0.5 against ≤3%
is 0.5%, not 50%)."""

from __future__ import annotations

from layouts import central, hebei
from ruletools import findings, of

from perfcli.io.values import parse_indicator, stored_percent, target_met


def test_a_fraction_under_a_percent_unit_column_against_a_cap_is_taken_as_written(book):
    # Hebei: 单位 column "%(百分比)"; 0.5 (a number) against <= 3 is 0.5%, within the cap.
    form = hebei().put("D13", "质量问题返修率").put("F13", "<= 3").put("H13", 0.5)
    assert [(f.code, f.cell, f.message) for f in findings(book, form)] == []


def test_a_real_excess_over_a_cap_under_a_percent_unit_column_is_still_found(book):
    form = hebei().put("D13", "质量问题返修率").put("F13", "<= 3").put("H13", 5)
    assert [f.cell for f in of(findings(book, form), "A012")] == ["L13"]


def test_a_bare_fraction_against_a_percent_cap_is_taken_as_written(book):
    form = central().put("D16", "质量问题返修率").put("E16", "≤3%").put("F16", 0.5)
    assert [(f.code, f.cell, f.message) for f in findings(book, form)] == []


def test_a_bare_excess_over_a_percent_cap_is_still_found(book):
    form = central().put("D16", "质量问题返修率").put("E16", "≤3%").put("F16", 5)
    assert [f.cell for f in of(findings(book, form), "A014")] == ["I16"]


def test_target_met_reads_a_bare_fraction_as_a_ratio_only_against_a_minimum():
    assert target_met(parse_indicator("≥98%"), parse_indicator(1)) is True
    assert target_met(parse_indicator("≥98%"), parse_indicator(0.5)) is False
    assert target_met(parse_indicator("≤3%"), parse_indicator(0.5)) is True
    assert target_met(parse_indicator("≤3%"), parse_indicator(1.2)) is True
    assert target_met(parse_indicator("<3%"), parse_indicator("0.5")) is True


def test_stored_percent_only_against_a_minimum():
    def read(raw: object, target: str) -> str:
        actual = parse_indicator(raw, unit="%")
        return stored_percent(raw, actual, parse_indicator(target, unit="%")).text

    assert read(1, ">=98") == "100"
    assert read(0.96, "95%-100%") == "96"
    assert read(1, "=100") == "100"
    assert read(0.5, "<=3") == "0.5"
    assert read(0.5, "<3") == "0.5"
    assert read(0.5, "±5") == "0.5"
    assert read("1", ">=98") == "1"  # text is taken as written
