"""部门(单位)整体支出绩效自评表: recognition and the label-anchored locator, layout by layout.

Every value is found by its label and keeps its cell; the assertions name the cells.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from layouts import FormGrid
from layouts_selfeval_dept import SELFEVAL_DEPT_LAYOUTS, anhui, central_dept, chongqing, fujian
from rich.console import Console

from perfcli.forms import recognise
from perfcli.forms.model import FundingRow, Located, number_of
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.io.reader import read_workbook
from perfcli.report.forms_view import show_forms

D = Decimal


def dept_form(book: Any, form: FormGrid, **kw: Any) -> SelfEvalDept:
    (found,) = recognise(read_workbook(book(form.sheets(), merges=form.merge_map(), **kw)))
    assert isinstance(found, SelfEvalDept)
    return found


def cells(row: FundingRow, *keys: str) -> dict[str, tuple[str, Decimal | None]]:
    return {key: (row.cells[key].address, number_of(row.cells[key])) for key in keys}


def at(loc: Located | None) -> str:
    assert loc is not None
    return loc.address


# --- every layout ------------------------------------------------------------------------------

# layout → (layout name, department cell, year cell, total row label cell, budget cell, executed
#           cell, rate cell, expected goal cells, actual goal cells, grid header, indicators,
#           first indicator row, total score cell, grade)
EXPECTED = {
    "fujian": ("selfeval_dept_fujian", "B2", "A1", "A10", "E10", "F10", "G10", ["B12"], ["F12"],
               "B13", 8, 14, "I22", "优"),
    "chongqing": ("selfeval_dept_chongqing", "B3", "A2", "A5", "C6", "E6", "F6", ["E8"], ["H8"],
                  "A9", 11, 10, "I3", ""),
    "anhui": ("selfeval_dept_anhui", "B3", "A2", "A5", "C5", "D5", "E5", [], [], "B6", 14, 7,
              "H22", "优"),
    "central_dept": ("selfeval_dept_central", "B3", "A2", "B5", "D5", "E5", "G5", ["B16"], ["E16"],
                     "B17", 8, 18, "H26", "优"),
}  # fmt: skip


@pytest.mark.parametrize("layout", sorted(SELFEVAL_DEPT_LAYOUTS))
def test_every_layout_is_read_by_label(book, layout):
    (name, dept, year, total_label, budget, executed, rate, expected, actual, header, count,
     first, score, grade) = EXPECTED[layout]  # fmt: skip
    form = dept_form(book, SELFEVAL_DEPT_LAYOUTS[layout]())
    assert form.kind == "selfeval_dept" and form.layout == name
    assert form.department is not None and form.department.text == "示例县教育局"
    assert form.department.address == dept and form.labels["dept_name"].row == form.department.row
    assert (form.year, at(form.year_cell), form.unit) == (2023, year, "万元")
    assert form.project_name is None and form.implementer is None
    assert form.funding is not None and form.funding.total is not None
    total = form.funding.total
    assert total.label.address == total_label
    assert cells(total, "budget", "executed") == {
        "budget": (budget, D("3600")), "executed": (executed, D("3480"))}  # fmt: skip
    assert total.cells["rate"].address == rate and total.cells["rate"].text == "96.67%"
    if form.goals is not None:
        assert [loc.address for loc in form.goals.expected] == expected
        assert [loc.address for loc in form.goals.actual] == actual
    else:
        assert expected == actual == []
    assert form.grid is not None and form.grid.header.address == header
    assert len(form.indicators) == count and form.indicators[0].row + 1 == first
    assert form.total is not None and at(form.total.score) == score
    assert form.grade_word == grade


@pytest.mark.parametrize("layout", sorted(SELFEVAL_DEPT_LAYOUTS))
def test_builders_take_the_department_year_and_amounts(book, layout):
    grid = SELFEVAL_DEPT_LAYOUTS[layout](
        department="示例县民政局", year=2024, initial=D("1520.00"), budget=D("1634.80"),
        executed=D("1598.42"),
    )  # fmt: skip
    form = dept_form(book, grid)
    assert form.department is not None and form.department.text == "示例县民政局"
    assert form.year == 2024
    assert form.funding is not None and form.funding.total is not None
    total = form.funding.total
    assert number_of(total.cells["initial"]) == D("1520")
    assert number_of(total.cells["budget"]) == D("1634.8")
    assert number_of(total.cells["executed"]) == D("1598.42")
    assert total.cells["rate"].text == "97.77%"


def test_required_blocks_and_categories_are_data():
    assert SelfEvalDept(
        "selfeval_dept", "s", 0, 0, layout="selfeval_dept_anhui"
    ).required_blocks == ("grid",)
    anhui_form = SelfEvalDept("selfeval_dept", "s", 0, 0, layout="selfeval_dept_anhui")
    assert anhui_form.required_categories == ("output", "benefit")
    central = SelfEvalDept("selfeval_dept", "s", 0, 0, layout="selfeval_dept_central")
    assert central.required_blocks == ("funding", "goals", "grid")
    assert central.required_categories == ("output", "benefit", "satisfaction")


# --- Fujian: ①②③ under their 小计 and the header's formulas -----------------------------------


def test_fujian_money_compositions_and_formulas(book):
    form = dept_form(book, fujian())
    assert form.funding is not None
    assert [(r.label.text, r.role) for r in form.funding.rows] == [
        ("合计", "total"), ("财政资金小计", "source"), ("其他资金小计", "source")]  # fmt: skip
    assert len(form.compositions) == 2
    subtotal = form.compositions[1]
    assert subtotal.total is not None and subtotal.total.label.address == "A5"
    assert [r.label.text for r in subtotal.sources] == [
        "①中央及省级财政资金", "②市级财政资金", "③县（市、区）财政资金"]  # fmt: skip
    assert form.funding.columns == {
        "initial": 1, "carryover": 2, "adjustment": 3, "budget": 4, "executed": 5, "rate": 6,
        "balance": 7, "balance_rate": 8}  # fmt: skip
    assert form.funding.labels["budget"] == "小计④"
    assert [(f.text, f.result, f.terms, f.divisor, f.header.address) for f in form.formulas] == [
        ("④=①+②+③", "budget", ((1, "initial"), (1, "carryover"), (1, "adjustment")), "", "E4"),
        ("⑥=⑤/④", "rate", ((1, "executed"),), "budget", "G4"),
        ("⑦=④-⑤", "balance", ((1, "budget"), (-1, "executed")), "", "H4"),
        ("⑧=⑦/④", "balance_rate", ((1, "balance"),), "budget", "I4"),
    ]
    assert form.dept_code == "101001"
    assert [n.address for n in form.notes][:2] == ["E14", "E15"]
    assert form.total is not None and at(form.total.weight) == "H22"
    assert at(form.grade) == "B23"


def test_an_unread_formula_is_not_taken_for_an_identity(book):
    grid = fujian().put("G4", "支出实现率（%）⑥=⑤/④×100%").put("E4", "小计④=①+②+③+⑨")
    form = dept_form(book, grid)
    assert [f.text for f in form.formulas] == ["⑦=④-⑤", "⑧=⑦/④"]
    assert form.funding is not None and form.funding.columns["rate"] == 6


# --- Chongqing: one unlabelled values row, 自评总分 in the header, 得分系数, adjusted values ---------


def test_chongqing_money_row_goals_and_header_total(book):
    form = dept_form(book, chongqing())
    assert form.funding is not None and form.funding.total is not None
    total = form.funding.total
    assert total.label.address == "A5"  # the block's label names the unlabelled values row
    assert cells(total, "initial", "weight", "score") == {
        "initial": ("B6", D("3500")), "weight": ("H6", D("10")), "score": ("I6", D("9.67"))}  # fmt: skip
    assert form.funding.sources == [] and form.parts == {}
    assert form.goals is not None and at(form.goals.expected_label) == "E7"  # 全年(调整)绩效目标
    assert form.total is not None and form.total.label.address == "H3"
    assert form.total.weight is None and number_of(form.total.score) == D("99.67")
    assert form.labels["dept_name"].address == "A3"  # 主管部门 names the department
    assert {r: loc.address for r, loc in list(form.coefficients.items())[:2]} == {
        9: "G10",
        10: "G11",
    }


def test_chongqing_adjusted_goal_and_target_replace_the_initial_ones(book):
    grid = chongqing().put("E8", None).put("E10", "≤98%")
    form = dept_form(book, grid)
    assert form.goals is not None and [loc.address for loc in form.goals.expected] == ["B8"]
    first = form.indicators[0]
    assert first.target is not None and first.target.address == "E10"
    assert first.target_value is not None and first.target_value.number == 98
    assert form.initial_targets[first.row].address == "D10"


# --- Anhui: a fixed framework, 预算执行率 one of its rows --------------------------------------------


def test_anhui_framework_and_its_execution_row(book):
    form = dept_form(book, anhui())
    assert form.execution_row is not None and form.execution_row.row + 1 == 10
    assert at(form.execution_row.weight) == "E10" and at(form.execution_row.score) == "H10"
    assert not form.grid.has("target") and not form.grid.has("actual")  # type: ignore[union-attr]
    assert form.indicators[0].level1_name == "投入（15分）"
    assert len(form.notes) == 2 * 14  # 指标解释 and 评分标准 of every framework row


def test_anhui_without_money_block_keeps_the_execution_row_as_an_indicator(book):
    grid = anhui().delete_row(5).delete_row(4)
    form = dept_form(book, grid)
    assert form.funding is None and form.execution_row is None
    assert len(form.indicators) == 15
    assert "预算执行率" in [ind.display_name for ind in form.indicators]


# --- central: 其中 sources, 基本/项目支出, tasks -----------------------------------------------------


def test_central_sources_parts_and_tasks(book):
    form = dept_form(book, central_dept())
    assert form.funding is not None
    assert [r.label.text for r in form.funding.sources] == ["其中：财政拨款", "其他资金"]
    assert {key: row.label.address for key, row in form.parts.items()} == {
        "basic": "B8", "project": "B9"}  # fmt: skip
    assert cells(form.parts["basic"], "executed") == {"executed": ("E8", D("2088"))}
    split = form.compositions[-1]
    assert split.total is not None and split.total.label.address == "B5"
    assert [r.label.text for r in split.sources] == ["基本支出", "项目支出"]
    assert [t.name.text[:6] for t in form.tasks] == ["重点工作任务"] * 3
    assert {k: v.address for k, v in form.tasks[0].cells.items()} == {
        "budget": "E11", "executed": "F11", "rate": "G11"}  # fmt: skip
    assert form.tasks_total is not None and form.tasks_total.cells["executed"].address == "F14"
    assert form.total is not None and at(form.total.weight) == "G26"


def test_central_parts_may_be_given(book):
    grid = central_dept(
        budget=D("100"), executed=D("90"), initial=D("100"),
        basic=(D("60"), D("60"), D("55")), project=(D("40"), D("40"), D("35")),
    )  # fmt: skip
    form = dept_form(book, grid)
    assert number_of(form.parts["basic"].cells["executed"]) == D("55")
    assert number_of(form.parts["project"].cells["executed"]) == D("35")


def test_untitled_department_self_evaluation_is_recognised_by_content(book):
    grid = central_dept().put("A1", None).put("A2", "2023年度")
    form = dept_form(book, grid)
    assert form.title is None and form.year == 2023
    assert form.layout == "selfeval_dept_central"


# --- the real 重庆 2021 form -----------------------------------------------------------------------


@pytest.mark.parametrize("numbers", [False, True])
def test_real_chongqing_form(realworld, numbers):
    path = realworld("chongqing-kexuecheng-rongmeiti-2021-dept", numbers=numbers)
    (form,) = recognise(read_workbook(path))
    assert isinstance(form, SelfEvalDept) and form.layout == "selfeval_dept_chongqing"
    assert form.department is None  # 主管部门 is left blank in the published copy
    assert form.labels["dept_name"].address == "A2"
    assert form.total is not None and at(form.total.score) == "F2"
    assert number_of(form.total.score) == D("97.6")
    assert form.goals is not None and [loc.address for loc in form.goals.expected] == ["C7"]
    assert form.grid is not None and len(form.indicators) == 20
    assert [ind.display_name for ind in form.indicators][:2] == [
        "财政供养人员控制率",
        "三公经费变动率",  # the published cell's stray opening quote is not shown
    ]
    assert form.indicators[1].name is not None and form.indicators[1].name.text == "“三公经费变动率"
    assert form.coefficients[8].text == "100%"


# --- perfcli forms -----------------------------------------------------------------------------


@pytest.mark.parametrize("layout", sorted(SELFEVAL_DEPT_LAYOUTS))
def test_forms_view_shows_the_cells(book, layout, tmp_path):
    grid = SELFEVAL_DEPT_LAYOUTS[layout]()
    path = book(grid.sheets(), merges=grid.merge_map())
    console = Console(record=True, width=300)
    assert show_forms(path, console=console) == 1
    out = console.export_text()
    name, dept = EXPECTED[layout][:2]
    assert "部门整体支出绩效自评表" in out and f"表样 {name}" in out
    assert f"示例县教育局 {dept}" in out
    assert "绩效指标（表头" in out and "未找到" not in out
    if layout == "fujian":
        assert "表头公式 ④=①+②+③ E4" in out
    if layout == "chongqing":
        assert "得分系数 100% G10" in out
