"""S001–S006, W001–W005, Q001, Q003, Q004 on the monitoring layouts (``layouts_monitor.py``): a
clean form of every layout gives none of them (test_monitoring.py: nothing at all); each failing
case changes one thing of a clean builder."""

from __future__ import annotations

from pathlib import Path

import pytest
from gridbook import Formula
from layouts_monitor import MONITOR_LAYOUTS, central_136, dept_1_8, marks_1_6
from ruletools import findings, of, only

from perfcli.engine import Settings, check_file
from perfcli.findings import Finding

# Per layout: an amount cell (1-N月执行数 of the total), the goal cell, an indicator target.
CELLS = {
    "central_136": ("E6", "B10", "E13"),
    "marks_1_6": ("E5", "B8", "F11"),
    "dept_1_8": ("E5", "B8", "E10"),
}


# --- S -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cell"), [("central_136", "B3"), ("marks_1_6", "H2"), ("dept_1_8", "B3")]
)
def test_S001_identity_field_empty(book, name, cell):
    form = MONITOR_LAYOUTS[name]().put(cell, None)
    hit = only(findings(book, form), "S001")
    assert hit.cell == cell and hit.form_kind.startswith("monitor_")


@pytest.mark.parametrize(
    ("builder", "cells", "text"),
    [(central_136, ("A3", "B3"), "哪个项目的绩效运行监控表"),
     (dept_1_8, ("A3", "B3"), "哪个部门的绩效运行监控表")],
)  # fmt: skip
def test_S001_identity_label_absent(book, builder, cells, text):
    form = builder()
    for cell in cells:
        form.put(cell, None)
    hit = only(findings(book, form), "S001")
    assert hit.cell == "A1" and text in hit.message


def test_S001_a_department_monitoring_table_asks_for_no_project(book):
    assert of(findings(book, dept_1_8()), "S001") == []


def test_S002_money_block_missing(book):
    form = central_136()
    for row in (8, 7, 6, 5):
        form.delete_row(row)
    hit = only(findings(book, form), "S002")
    assert hit.cell == "A1" and "资金执行栏目" in hit.message and "资金执行情况" in hit.hint


def test_S002_goals_missing(book):
    form = marks_1_6().delete_row(8)
    hit = only(findings(book, form), "S002")
    assert "年度总体目标栏目（年度总体目标 | 1-N月执行情况）" in hit.message


def test_S003_instruction_text_left_in_the_goal_progress(book):
    form = central_136().put("G10", "对照年度目标，说明相关任务目标的完成情况（100字以内）")
    hit = only(findings(book, form), "S003")
    assert hit.cell == "G10" and "“1-7月执行情况”仍是表样中的填写说明" in hit.message


def test_S003_placeholder_rows_left_in_the_grid(book):
    form = central_136()
    form.put("D18", "指标1")
    for col in "EFGM":
        form.put(f"{col}18", None)
    found = findings(book, form)
    hit = only(found, "S003")
    assert hit.cell == "D18" and "1 行未填写的表样占位行" in hit.message
    assert {f.code for f in found} == {"S003"}  # an unfilled row is not an indicator: no M005/M004


def test_S004_year_missing(book):
    hit = only(findings(book, central_136().put("A2", None)), "S004")
    assert hit.cell == "A1"


def test_S005_yuan_figure_in_a_wan_yuan_table(book):
    form = central_136().put("E7", 700000).put("F7", "636363.64%")
    hit = only(findings(book, form), "S005")
    assert hit.cell == "E7" and "1-7月执行数" in hit.message


def test_S005_no_unit_declared(book):
    hit = only(findings(book, central_136().put("A5", "项目资金")), "S005")
    assert hit.cell == "C6" and "没有注明金额单位" in hit.message


@pytest.mark.parametrize("name", sorted(MONITOR_LAYOUTS))
def test_S006_goal_empty(book, name):
    cell = CELLS[name][1]
    hit = only(findings(book, MONITOR_LAYOUTS[name]().put(cell, None)), "S006")
    assert hit.cell == cell and hit.severity == "error"


def test_S006_goal_only_a_number_is_a_warning(book):
    hit = only(findings(book, dept_1_8().put("B8", "1900")), "S006")
    assert hit.cell == "B8" and hit.severity == "warning"


# --- W -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MONITOR_LAYOUTS))
def test_W001_formula_without_value(book, name):
    cell = CELLS[name][0]
    form = MONITOR_LAYOUTS[name]().put(cell, Formula("=1+1"))
    hit = only(findings(book, form), "W001")
    assert hit.cell == cell


def test_W001_formula_with_value_passes(book):
    form = central_136().put("F6", Formula("=E6/D6", 0.625))
    assert findings(book, form) == []


def test_W002_error_value_in_the_rate(book):
    found = findings(book, marks_1_6().put("F5", "#DIV/0!"))
    hit = only(found, "W002")
    assert hit.cell == "F5" and "#DIV/0!" in hit.message
    assert of(found, "M001") == [] and of(found, "W004") == []


@pytest.mark.parametrize("name", sorted(MONITOR_LAYOUTS))
def test_W003_amount_stored_as_text(book, name):
    cell = CELLS[name][0]
    form = MONITOR_LAYOUTS[name]()
    form.put(cell, str(form.get(cell)))
    hit = only(findings(book, form), "W003")
    assert hit.cell == cell and hit.severity == "info"


def test_W003_rates_typed_as_text_are_not_reported(book):
    assert of(findings(book, central_136()), "W003") == []  # every 1-7月执行率 is text like 62.50%


@pytest.mark.parametrize("cell", ["E6", "G6", "F6"])
def test_W004_unparseable_money(book, cell):
    found = findings(book, central_136().put(cell, "约50万"))
    hit = only(found, "W004")
    assert hit.cell == cell and "约50万" in hit.message


def _hidden(book, form, hide: bool) -> list[Finding]:
    sheets = {**form.sheets(), "说明": [["填表说明：金额单位为万元"]]}
    path: Path = book(sheets, merges=form.merge_map(), hidden={form.sheet if hide else "说明"})
    return check_file(str(path), path.name, Settings()).findings


@pytest.mark.parametrize("hide", [True, False])
def test_W005_hidden_monitoring_sheet(book, hide):
    found = of(_hidden(book, dept_1_8(), hide), "W005")
    assert [(f.sheet, f.cell) for f in found] == ([("部门整体监控", "A1")] if hide else [])


# --- Q -------------------------------------------------------------------------------------------


def test_Q001_satisfaction_missing(book):
    hit = only(findings(book, central_136().delete_row(19)), "Q001")
    assert "满意度指标" in hit.message and hit.cell == "B11"


def test_Q001_a_2023_project_monitoring_table_needs_a_cost_indicator(book):
    form = central_136().delete_row(16)
    hit = only(findings(book, form), "Q001")
    assert "2023年度的项目绩效目标应设置成本指标" in hit.message
    form.put("A2", "（2021年度）")
    assert of(findings(book, form), "Q001") == []


def test_Q001_a_department_monitoring_table_needs_no_cost_indicator(book):
    assert of(findings(book, dept_1_8().delete_row(15)), "Q001") == []


@pytest.mark.parametrize("name", sorted(MONITOR_LAYOUTS))
def test_Q003_target_missing(book, name):
    cell = CELLS[name][2]
    hit = only(findings(book, MONITOR_LAYOUTS[name]().put(cell, None)), "Q003")
    assert hit.cell == cell


@pytest.mark.parametrize("name", sorted(MONITOR_LAYOUTS))
def test_Q004_vague_target(book, name):
    cell = CELLS[name][2]
    hit = only(findings(book, MONITOR_LAYOUTS[name]().put(cell, "持续改善")), "Q004")
    assert hit.cell == cell and "持续改善" in hit.message
