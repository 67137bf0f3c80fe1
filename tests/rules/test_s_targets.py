"""S001–S006 on the project target layouts (``layouts_target.py``) and the department layouts
(``layouts_dept.py``): each failing case changes one thing of a clean builder."""

from __future__ import annotations

from decimal import Decimal

import pytest
from layouts_dept import DEPT_LAYOUTS
from layouts_target import TARGET_LAYOUTS
from ruletools import findings, of, only

from perfcli.rules.base import fmt_amount


def blank_row(form, row: int, first: str, last: str) -> None:
    for col in range(ord(first), ord(last) + 1):
        form.put(f"{chr(col)}{row}", None)


S_CODES = {"S001", "S002", "S003", "S004", "S005", "S006"}

# Per target layout: (project name cell, 年度目标 cell, title cell).
TARGET_CELLS = {
    "national_88": ("B3", "D10", "A1"),
    "wuhan_side_by_side": ("B3", "E10", "A1"),
    "split_columns": ("B2", "B9", "A1"),
    "yitihua_export": ("B5", "D5", "A1"),
    "ezhou_cost": ("B2", "B10", "A1"),
    "fengjie_scored": ("B2", "B9", "A1"),
    "handan_graded": ("B2", "B7", "A1"),
}
# Per department layout: (部门名称 cell, first 年度总体目标 cell, title cell).
DEPT_CELLS = {
    "national_dept": ("B3", "B10", "A1"),
    "fujian_dept": ("B2", "B5", "A1"),
    "guangshui_dept": ("B4", "B17", "A1"),
}
ALL = {**TARGET_LAYOUTS, **DEPT_LAYOUTS}
CELLS = {**TARGET_CELLS, **DEPT_CELLS}


@pytest.mark.parametrize("name", sorted(ALL))
def test_S_clean_target_layouts_give_no_structure_finding(book, name):
    found = findings(book, ALL[name]())
    assert [(f.code, f.cell, f.message) for f in found if f.code in S_CODES] == []


# --- S001 ----------------------------------------------------------------------------------------


# 一体化: a project whose 项目名称 cell is emptied is not read as a project at all (the export
# locator starts a project at a name), so there is nothing for S001 to judge.
@pytest.mark.parametrize("name", sorted(set(TARGET_LAYOUTS) - {"yitihua_export"}))
def test_S001_target_project_name_empty(book, name):
    cell = TARGET_CELLS[name][0]
    form = TARGET_LAYOUTS[name]()
    form.put(cell, None)
    found = of(findings(book, form), "S001")
    assert [f.cell for f in found] == [cell]
    assert "项目名称" in found[0].message


@pytest.mark.parametrize("name", ["national_88", "split_columns", "ezhou_cost", "handan_graded"])
def test_S001_target_department_empty(book, name):
    form = TARGET_LAYOUTS[name]()
    label = next(a for a in ("A4", "A3") if "主管部门" in str(form.get(a)))
    cell = "B" + label[1:]
    form.put(cell, None)
    hit = only(findings(book, form), "S001")
    assert hit.cell == cell
    assert "主管部门" in hit.message


def test_S001_yitihua_export_has_no_department_field(book):
    # the export names 单位名称 (the implementer) but prints no 主管部门: silent about it
    assert of(findings(book, TARGET_LAYOUTS["yitihua_export"]()), "S001") == []


@pytest.mark.parametrize("name", sorted(DEPT_LAYOUTS))
def test_S001_target_dept_name_empty(book, name):
    cell = DEPT_CELLS[name][0]
    form = DEPT_LAYOUTS[name]()
    form.put(cell, None)
    hit = only(findings(book, form), "S001")
    assert hit.cell == cell
    assert "部门名称" in hit.message and "项目名称" not in hit.message


@pytest.mark.parametrize("name", sorted(DEPT_LAYOUTS))
def test_S001_target_dept_never_asks_for_a_project_name(book, name):
    assert of(findings(book, DEPT_LAYOUTS[name]()), "S001") == []


# --- S002 ----------------------------------------------------------------------------------------


def test_S002_target_money_block_missing(book):
    form = TARGET_LAYOUTS["split_columns"]()
    for row in (8, 7, 6, 5, 4):
        form.delete_row(row)
    hit = only(findings(book, form), "S002")
    assert hit.cell == "A1"
    assert "项目资金" in hit.message


def test_S002_target_cost_block_missing_on_ezhou(book):
    form = TARGET_LAYOUTS["ezhou_cost"]()
    for row in (9, 8, 7, 6, 5):
        form.delete_row(row)
    # Without its cost block the form no longer reads as the 鄂州 layout, so the national layout's
    # 项目资金 is what is missing.
    hit = only(findings(book, form), "S002")
    assert hit.cell == "A1"
    assert "项目资金" in hit.message


def test_S002_target_dept_tasks_missing(book):
    form = DEPT_LAYOUTS["national_dept"]()
    for row in (9, 8, 7, 6, 5, 4):
        form.delete_row(row)
    hit = only(findings(book, form), "S002")
    assert hit.cell == "A1"
    assert "年度主要任务" in hit.message


def test_S002_target_dept_money_missing_on_fujian(book):
    form = DEPT_LAYOUTS["fujian_dept"]()
    form.delete_row(4).delete_row(3)
    hit = only(findings(book, form), "S002")
    assert "部门资金" in hit.message


# --- S003 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["national_88", "split_columns", "fengjie_scored"])
def test_S003_target_placeholder_rows_once_per_form(book, name):
    form = TARGET_LAYOUTS[name]()
    target = {"national_88": ("D25", "D17"), "split_columns": ("D16",), "fengjie_scored": ("D17",)}
    last = {"national_88": "E", "split_columns": "I", "fengjie_scored": "G"}[name]
    for cell in target[name]:
        blank_row(form, int(cell[1:]), "D", last)
        form.put(cell, "指标2")
    hit = only(findings(book, form), "S003")
    assert hit.cell == min(target[name], key=lambda a: int(a[1:]))
    assert f"{len(target[name])} 行" in hit.message


def test_S003_target_goal_left_as_instruction(book):
    form = TARGET_LAYOUTS["split_columns"]()
    text = "对照年度目标，说明相关任务目标的完成情况(100字以内)"
    form.put("B9", text)
    hit = only(findings(book, form), "S003")
    assert hit.cell == "B9"
    assert "对照年度目标" in hit.message
    assert of(findings(book, form), "S006") == []  # S003's


def test_S003_target_dept_placeholder_row(book):
    form = DEPT_LAYOUTS["guangshui_dept"]()
    blank_row(form, 25, "D", "F")
    form.put("D25", "……")
    hit = only(findings(book, form), "S003")
    assert hit.cell == "D25"


# --- S004 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "edits"),
    [
        ("national_88", {"A2": "（    年度）"}),
        ("split_columns", {"A1": "项目支出绩效目标表"}),
        ("yitihua_export", {"A1": "部门预算项目绩效目标申报表"}),
        ("national_dept", {"A2": "（    年度）"}),
        ("fujian_dept", {"A1": "部门（单位）整体支出绩效目标表"}),
    ],
)
def test_S004_target_year_missing(book, name, edits):
    form = ALL[name]()
    for cell, value in edits.items():
        form.put(cell, value)
    hit = only(findings(book, form), "S004")  # once, even for the three projects of an export
    assert hit.cell == "A1"


# --- S006 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    sorted(CELLS),
)
def test_S006_target_annual_goal_empty(book, name):
    form = ALL[name]()
    cell = CELLS[name][1]
    if name == "fujian_dept":
        for row in (5, 6, 7, 8):
            form.put(f"B{row}", None)
    else:
        form.put(cell, None)
    found = of(findings(book, form), "S006")
    assert len(found) == 1, [(f.cell, f.message) for f in found]
    assert found[0].severity == "error"
    assert found[0].cell == cell


@pytest.mark.parametrize("name", ["split_columns", "ezhou_cost", "national_dept"])
def test_S006_target_goal_only_an_amount_is_a_warning(book, name):
    form = ALL[name]()
    cell = CELLS[name][1]
    form.put(cell, "43.2")
    hit = only(findings(book, form), "S006")
    assert hit.severity == "warning"
    assert hit.cell == cell
    assert "43.2" in hit.message and "实际完成" not in hit.message


# --- S005 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cell", "value", "peer"),
    [
        ("split_columns", "C4", 2000000, "200"),  # 年度资金总额 vs the sum of its sources
        ("national_88", "C6", 3600000, "120"),  # 中期资金总额 vs 年度资金总额 on its line
        ("handan_graded", "C5", 1200000, "120"),  # a source ≈10⁴ above its own total
        ("ezhou_cost", "C6", 1910000, "191"),  # 成本构成 金额 vs 往年实际执行数 on its line
        ("national_dept", "E6", 12600000, "1860"),  # a task vs the 金额合计
        ("guangshui_dept", "D6", 9000000, "1750"),  # 收入构成 当年金额 vs 近两年
        ("fujian_dept", "F12", 6000000, "2350"),  # ÷10⁴ it makes the 履职目标 add up to 合计
    ],
)
def test_S005_target_yuan_figure_in_wan_table(book, name, cell, value, peer):
    form = ALL[name]()
    form.put(cell, value)
    found = of(findings(book, form), "S005")
    assert [f.cell for f in found] == [cell], [(f.cell, f.message) for f in found]
    assert fmt_amount(Decimal(value)) in found[0].message and peer in found[0].message
    assert "万元" in found[0].message


def test_S005_target_task_parts_are_not_compared_with_their_total(book):
    # 总额 12000 = 财政拨款 11999 + 其他资金 1: a tiny part of one task is no unit slip
    form = DEPT_LAYOUTS["national_dept"]()
    form.put("E6", 12000).put("F6", 11999).put("G6", 1)
    form.put("E9", 12600).put("F9", 12549).put("G9", 51)
    assert of(findings(book, form), "S005") == []


def test_S005_yitihua_export_in_yuan_is_not_a_unit_slip(book):
    form = TARGET_LAYOUTS["yitihua_export"]()
    form.put("C5", "3,309,840.00")
    assert of(findings(book, form), "S005") == []


def test_S005_target_without_unit(book):
    form = TARGET_LAYOUTS["yitihua_export"]()
    form.put("A2", None)
    found = of(findings(book, form), "S005")
    assert [f.cell for f in found] == ["C5", "C11", "C17"]  # one per project
    assert "没有注明金额单位" in found[0].message and "3000000" in found[0].message


def test_S005_target_dept_without_unit(book):
    form = DEPT_LAYOUTS["national_dept"]()
    form.put("E4", "预算申请")
    hit = only(findings(book, form), "S005")
    assert hit.cell == "E6"
    assert "没有注明金额单位" in hit.message
