"""Clean forms written the way preparers really write them raise no false alarm.

Found by varying the clean builders (false-alarm audit): each case pairs the clean variation
(no finding) with a real defect written the same way (still found).
"""

from __future__ import annotations

import pytest
from layouts import LAYOUTS, FormGrid, anhui, central, hebei, sichuan
from layouts_dept import DEPT_LAYOUTS, national_dept
from layouts_monitor import yitihua_monitor_export
from layouts_target import TARGET_LAYOUTS, national_88, wuhan_side_by_side, yitihua_export
from ruletools import check_grid, codes, findings, of

from perfcli.io.cells import CellRange, a1


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


def repeated_down(form: FormGrid) -> FormGrid:
    """Unmerge every vertical merge and write its value on each row, as many exports do."""
    keep = []
    for ref in form.merges:
        rng = CellRange.from_ref(ref)
        if rng.first_col != rng.last_col or rng.first_row == rng.last_row:
            keep.append(ref)
            continue
        value = form.rows[rng.first_row][rng.first_col]
        for row in range(rng.first_row + 1, rng.last_row + 1):
            form.put(a1(row, rng.first_col), value)
    form.merges = keep
    return form


def test_export_repeating_the_project_on_every_row_is_one_project_per_name(book):
    result = check_grid(book, repeated_down(yitihua_export()))
    merged = check_grid(book, yitihua_export())
    assert [(f.project, f.range) for f in result.forms] == [
        (f.project, f.range) for f in merged.forms
    ]
    assert len(result.forms) == 3
    assert codes(result.findings) == codes(merged.findings) == ["W003"] * 3  # 3,000,000.00 as text


def test_export_repeating_the_project_still_judges_each_project(book):
    form = repeated_down(yitihua_export())
    weight = form.find("权重")
    col = weight.rstrip("0123456789")
    form.put(f"{col}5", int(form.get(f"{col}5")) - 10)  # the first project's weights: 90
    found = of(findings(book, form), "Q013")
    assert [f.cell for f in found] == [f"{col}5"]


def test_monitor_export_repeating_the_project_on_every_row(book):
    result = check_grid(book, repeated_down(yitihua_monitor_export()))
    merged = check_grid(book, yitihua_monitor_export())
    assert [(f.kind, f.project) for f in result.forms] == [
        (f.kind, f.project) for f in merged.forms
    ]
    assert len(result.forms) == 3
    assert codes(result.findings) == []


def test_amounts_in_traditional_characters(book):
    # 繁体: 萬元 is 万元; the amounts read and add up.
    form = wuhan_side_by_side()
    for cell in ("C6", "E6", "C7", "E7", "C8", "E8"):
        form.put(cell, form.get(cell).replace("万", "萬"))
    assert codes(findings(book, form)) == ["W003"]  # as the clean form: amounts stored as text


def test_amounts_in_traditional_characters_still_add_up(book):
    form = wuhan_side_by_side().put("C6", "10500萬元")  # 9000 + 1000 ≠ 10500
    assert "A001" in codes(findings(book, form))


def test_grade_scale_in_traditional_characters(book):
    assert codes(findings(book, sichuan().put("F19", "優良中低差").put("H19", "優"))) == []


def test_vague_value_in_traditional_characters_is_still_vague(book):
    found = of(findings(book, sichuan().put("F19", "穩步提高").put("H19", "穩步提高")), "Q004")
    assert [f.cell for f in found] == ["F19"]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_merged_labels_unmerged_and_filled_down(book, layout):
    # 年度总体目标 on both goal rows, 产出指标(50分) on every row of its block.
    assert codes(findings(book, repeated_down(LAYOUTS[layout]()))) == []


def test_filled_down_goal_label_still_reads_an_empty_goal(book):
    form = repeated_down(central()).put("B11", None)
    assert [f.cell for f in of(findings(book, form), "S006")] == ["B11"]


def test_filled_down_category_label_still_checks_its_weights(book):
    form = repeated_down(anhui()).put("E14", 10).put("H14", 10)  # 产出指标(50分): 20+10+15 = 45
    found = of(findings(book, form), "A008")
    assert [f.cell for f in found] == ["B12"]
    assert "45" in found[0].message


@pytest.mark.parametrize("layout", sorted(TARGET_LAYOUTS))
def test_target_labels_unmerged_and_filled_down(book, layout):
    clean = codes(findings(book, TARGET_LAYOUTS[layout]()))
    assert codes(findings(book, repeated_down(TARGET_LAYOUTS[layout]()))) == clean


def test_target_filled_down_goal_label_still_reads_an_empty_goal(book):
    form = repeated_down(national_88()).put("D10", None)
    assert [f.cell for f in of(findings(book, form), "S006")] == ["D10"]


@pytest.mark.parametrize("layout", sorted(DEPT_LAYOUTS))
def test_dept_target_labels_unmerged_and_filled_down(book, layout):
    # 年度主要任务 on each task row, 任务名称 over its two header rows.
    clean = codes(findings(book, DEPT_LAYOUTS[layout]()))
    assert codes(findings(book, repeated_down(DEPT_LAYOUTS[layout]()))) == clean


def test_dept_target_filled_down_still_adds_up_its_tasks(book):
    form = repeated_down(national_dept()).put("E6", 1300)  # tasks 1300 + 480 + 120 ≠ 金额合计 1860
    assert "A001" in codes(findings(book, form))
