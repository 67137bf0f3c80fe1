"""项目支出绩效目标表: every layout of issue 3 read by label, every value with its cell."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from layouts import FormGrid
from layouts_target import (
    TARGET_LAYOUTS,
    ezhou_cost,
    fengjie_scored,
    handan_graded,
    national_88,
    split_columns,
    wuhan_side_by_side,
    yitihua_export,
)
from rich.console import Console
from ruletools import check_grid, findings

from perfcli.forms import recognise
from perfcli.forms.model import IndicatorRow, Located, TargetProject, number_of
from perfcli.io.reader import read_workbook
from perfcli.report.forms_view_target import show_target_project

E = None


def forms_of(book: Any, grid: FormGrid | list[list[Any]], merges: list[str] | None = None) -> list:
    if isinstance(grid, FormGrid):
        path = book(grid.sheets(), merges=grid.merge_map())
    else:
        path = book({"Sheet1": grid}, merges={"Sheet1": merges or []})
    return recognise(read_workbook(path))


def one(
    book: Any, grid: FormGrid | list[list[Any]], merges: list[str] | None = None
) -> TargetProject:
    (form,) = forms_of(book, grid, merges)
    assert isinstance(form, TargetProject)
    return form


def parsed(ind: IndicatorRow) -> tuple[Any, ...]:
    tv = ind.target_value
    assert tv is not None
    return tv.operator, tv.number, tv.unit, tv.kind


def addresses(cells: list[Located]) -> list[str]:
    return [loc.address for loc in cells]


def weights(form: TargetProject) -> Decimal:
    return sum((number_of(i.weight) or Decimal(0) for i in form.indicators), Decimal(0))


# --- every clean layout ---------------------------------------------------------------------------

LAYOUT_NAMES = {
    "national_88": "target_national",
    "wuhan_side_by_side": "target_side_by_side",
    "split_columns": "target_split",
    "yitihua_export": "target_export",
    "ezhou_cost": "target_cost",
    "fengjie_scored": "target_scored",
    "handan_graded": "target_graded",
}


@pytest.mark.parametrize("layout", sorted(TARGET_LAYOUTS))
def test_clean_target_layout_is_read_whole(book, layout):
    forms = forms_of(book, TARGET_LAYOUTS[layout]())
    assert forms and all(isinstance(f, TargetProject) for f in forms)
    for form in forms:
        assert form.kind == "target_project" and form.layout == LAYOUT_NAMES[layout]
        assert form.year == 2023 and form.unit in ("万元", "元")
        assert form.project_name is not None and form.implementer is not None
        assert form.goals is not None and form.goals.expected
        assert form.grid is not None and len(form.indicators) >= 6
        assert form.funding is not None or form.cost is not None
        for ind in form.all_indicators:
            assert ind.name is not None and not ind.name.is_empty
            assert ind.target_value is not None and ind.target_value.kind in (
                "quantitative",
                "deadline",
            )


@pytest.mark.parametrize("layout", sorted(TARGET_LAYOUTS))
def test_clean_target_layout_has_no_findings(book, layout):
    result = check_grid(book, TARGET_LAYOUTS[layout]())
    assert {f.kind for f in result.forms} == {"target_project"}
    found = findings(book, TARGET_LAYOUTS[layout]())
    assert [(f.code, f.cell, f.message) for f in found if f.severity != "info"] == []
    # Amounts printed as text ("10000万元", "3,000,000.00"), as the real Wuhan and 一体化 tables
    # print them, are accepted with the catalogue's W003 note — nothing else.
    assert {f.code for f in found} <= {"W003"}


# --- 88号 申报表 -----------------------------------------------------------------------------------


def test_national_88_identity_money_goals_and_both_grids(book):
    form = one(book, national_88())
    assert (form.project_name.address, form.department.address, form.implementer.address) == (
        "B3", "B4", "D4")  # fmt: skip
    assert {k: v.address for k, v in form.attributes.items()} == {"项目属性": "B5", "项目期": "D5"}
    assert form.unit == "万元" and form.unit_cell.address == "A6"
    funding = form.funding
    assert funding.header.address == "A6"
    assert funding.labels == {"midterm": "中期资金总额", "budget": "年度资金总额"}
    rows = [(r.role, r.label.address, r.cells["midterm"].address, r.cells["budget"].address)
            for r in funding.rows]  # fmt: skip
    assert rows == [("total", "D6", "C6", "E6"), ("source", "D7", "C7", "E7"),
                    ("source", "D8", "C8", "E8")]  # fmt: skip
    assert number_of(funding.total.get("budget")) == 120 and form.annual_budget.address == "E6"
    assert addresses(form.goals.expected) == ["D10"] and addresses(form.goals.midterm) == ["B10"]
    assert form.grid.header.address == "B19" and form.grid.block_label.text == "年度绩效指标"
    assert (
        form.midterm_grid.header.address == "B11" and form.midterm_grid.block_label.address == "A11"
    )
    assert [i.row + 1 for i in form.indicators] == list(range(20, 27))
    assert [i.row + 1 for i in form.midterm_grid.indicators] == list(range(12, 19))
    first = form.indicators[0]
    assert (first.level1_name, first.level2_name, first.name.text, first.target.address) == (
        "产出指标", "数量指标", "服务老年人数", "E20")  # fmt: skip
    assert parsed(first) == (">=", Decimal(1200), "人", "quantitative")
    assert form.indicators[2].target_value.kind == "deadline"
    assert parsed(form.indicators[3]) == ("<=", Decimal(800), "元", "quantitative")
    assert form.indicators[4].level1_name == "效益指标"  # carried down through the merge


def test_money_amounts_written_one_per_row_with_midterm_first(book):
    rows = [
        ["项目支出绩效目标表（2023年度）", E, E, E],
        ["项目名称", "某项目", E, E],
        ["项目资金（万元）", "中期资金总额", 360, E],
        [E, "年度资金总额", 120, E],
        [E, "其中：财政拨款", 110, E],
        [E, "其他资金", 10, E],
        ["年度目标", "完成某事3件", E, E],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "完成件数", "=3件"],
    ]  # fmt: skip
    form = one(book, rows)
    total = form.funding.total
    assert (total.label.address, total.cells["budget"].address, total.cells["midterm"].address) == (
        "B4", "C4", "C3")  # fmt: skip
    assert [r.label.address for r in form.funding.sources] == ["B5", "B6"]


def test_money_under_a_column_header(book):
    rows = [
        ["项目支出绩效目标表（2023年度）", E, E, E],
        ["项目名称", "某项目", E, E],
        ["项目资金（万元）", "资金来源", "中期资金总额", "年度资金总额"],
        [E, "资金总额", 300, 100],
        [E, "其中：财政拨款", 200, 80],
        [E, "其他资金", 100, 20],
        ["年度目标", "完成某事3件", E, E],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "完成件数", "=3件"],
    ]  # fmt: skip
    funding = one(book, rows).funding
    assert funding.columns == {"midterm": 2, "budget": 3}
    assert [(r.role, r.label.address, r.cells["budget"].address, r.cells["midterm"].address)
            for r in funding.rows] == [("total", "B4", "D4", "C4"), ("source", "B5", "D5", "C5"),
                                       ("source", "B6", "D6", "C6")]  # fmt: skip


def test_stacked_grids_without_period_labels_are_midterm_then_annual(book):
    rows = [
        ["项目支出绩效目标表（2023年度）", E, E, E],
        ["项目名称", "某项目", E, E],
        ["年度目标", "完成某事3件", E, E],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "三年完成件数", "=9件"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "完成件数", "=3件"],
        ["填报人：张三", E, E, E],
    ]  # fmt: skip
    form = one(book, rows)
    assert [i.name.text for i in form.midterm_grid.indicators] == ["三年完成件数"]
    assert [i.name.text for i in form.indicators] == ["完成件数"]  # the 填报人 row ends the grid


def test_two_target_tables_in_one_sheet_are_two_forms(book):
    first, second = national_88(), split_columns()
    rows = [*first.rows, [], *second.rows]
    offset = len(first.rows) + 1
    merges = first.merges + [_shift_down(m, offset) for m in second.merges]
    forms = forms_of(book, rows, merges)
    assert [f.project for f in forms] == ["社区居家养老服务", "乡村道路养护"]
    assert [len(f.indicators) for f in forms] == [7, 7]


def _shift_down(ref: str, rows: int) -> str:
    from perfcli.io.cells import CellRange

    rng = CellRange.from_ref(ref)
    return CellRange(rng.first_row + rows, rng.first_col, rng.last_row + rows, rng.last_col).ref


# --- side by side ----------------------------------------------------------------------------------


def test_wuhan_side_by_side_halves_share_the_level1_column(book):
    form = one(book, wuhan_side_by_side())
    annual, midterm = form.grid, form.midterm_grid
    assert {k: v for k, v in annual.columns.items()} == {
        "level1": 0,
        "level2": 4,
        "name": 5,
        "target": 6,
    }
    assert midterm.columns == {"level1": 0, "level2": 1, "name": 2, "target": 3}
    assert annual.block_label.address == "A11"
    assert [i.target.address for i in annual.indicators] == [f"G{r}" for r in range(13, 20)]
    assert [i.target.address for i in midterm.indicators] == [f"D{r}" for r in range(13, 20)]
    assert parsed(annual.indicators[0]) == ("=", Decimal(2), "所", "quantitative")
    assert parsed(midterm.indicators[0]) == (">=", Decimal(6), "所", "quantitative")
    assert (
        annual.indicators[0].level2.address == "E13"
        and midterm.indicators[0].level2.address == "B13"
    )
    total = form.funding.total
    assert (total.label.address, total.cells["budget"].address, total.cells["midterm"].address) == (
        "D6", "E6", "C6")  # fmt: skip
    assert form.funding.labels == {"midterm": "资金总额", "budget": "当年资金总额"}
    assert number_of(total.cells["budget"]) == 6000  # the unit is inside the cell: 6000万元
    assert form.unit == "万元" and form.unit_cell.address == "C6"
    assert addresses(form.goals.expected) == ["E10"] and addresses(form.goals.midterm) == ["B10"]


def test_side_by_side_without_suffixes_takes_periods_from_the_group_row(book):
    rows = [
        ["项目支出绩效目标表（2023年度）", E, E, E, E, E, E],
        ["项目名称", "某项目", E, E, E, E, E],
        ["总体目标", "中期目标", "年度目标", E, E, E, E],
        [E, "三年完成9件", "完成3件", E, E, E, E],
        [E, "中期指标", E, E, "年度指标", E, E],
        ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "三年完成件数", "=9件", "数量指标", "完成件数", "=3件"],
    ]  # fmt: skip
    form = one(book, rows)
    assert [i.target.address for i in form.indicators] == ["G7"]
    assert [i.target.address for i in form.midterm_grid.indicators] == ["D7"]
    assert addresses(form.goals.midterm) == ["B4"]  # the 中期指标 group row is not a goal


# --- split columns, weights and direction ----------------------------------------------------------


def test_split_columns_are_read_together(book):
    form = one(book, split_columns())
    first = form.indicators[0]
    assert (first.name.address, first.nature.address, first.target.address, first.unit.address,
            first.weight.address, first.direction.address) == ("D11", "E11", "F11", "G11", "H11",
                                                               "I11")  # fmt: skip
    assert parsed(first) == (">=", Decimal(320), "公里", "quantitative")
    assert first.target_value.operator_from == "column"
    assert parsed(form.indicators[2]) == ("<=", Decimal(12), "月", "quantitative")
    assert parsed(form.indicators[3]) == ("<=", Decimal("0.6"), "万元/公里", "quantitative")
    assert weights(form) == 100
    assert [(r.role, r.label.address, r.cells["budget"].address) for r in form.funding.rows] == [
        ("total", "B4", "C4"), ("source", "B5", "C5"), ("source", "B6", "C6"),
        ("source", "B7", "C7"), ("source", "B8", "C8")]  # fmt: skip


# --- 一体化 export ---------------------------------------------------------------------------------


def test_yitihua_export_is_one_model_per_project(book):
    forms = forms_of(book, yitihua_export())
    assert [f.project for f in forms] == ["村组干部报酬", "基层组织活动经费", "农田水利设施维护"]
    assert [f.project_name.address for f in forms] == ["B5", "B11", "B17"]
    assert [f.implementer.address for f in forms] == ["A5", "A5", "A17"]  # carried down
    assert {f.department.text for f in forms} == {"820-某镇部门"}  # the subtotal row: not a project
    assert [(f.first_row + 1, f.last_row + 1) for f in forms] == [(5, 10), (11, 16), (17, 22)]
    budgets = [f.funding.total.get("budget") for f in forms]
    assert [b.address for b in budgets] == ["C5", "C11", "C17"]
    assert [number_of(b) for b in budgets] == [3000000, 660000, 400000]
    assert [addresses(f.goals.expected) for f in forms] == [["D5"], ["D11"], ["D17"]]
    assert [len(f.indicators) for f in forms] == [6, 6, 6]
    assert [weights(f) for f in forms] == [100, 100, 100]
    assert all(f.unit == "元" and f.unit_cell.address == "A2" and f.year == 2023 for f in forms)
    assert parsed(forms[0].indicators[2]) == ("<=", Decimal(10), "日", "quantitative")
    assert forms[2].indicators[0].target.address == "I17"


def test_export_total_row_is_not_a_project(book):
    grid = yitihua_export()
    grid.rows.append(["合计", E, "4,060,000.00"] + [E] * 9)
    forms = forms_of(book, grid)
    assert len(forms) == 3 and forms[-1].last_row + 1 == 22


# --- 鄂州 cost build-up -----------------------------------------------------------------------------


def test_ezhou_cost_block_and_text_columns(book):
    form = one(book, ezhou_cost())
    cost = form.cost
    assert cost.header.address == "A5" and [r.label.address for r in cost.rows] == [
        "B6",
        "B7",
        "B8",
    ]
    assert (cost.total.label.address, cost.total.amount.address) == ("B9", "C9")
    assert {k: v.address for k, v in cost.total.others.items()} == {
        "2021年实际执行数": "E9", "2022年实际执行数": "F9"}  # fmt: skip
    assert cost.rows[0].basis.address == "D6"
    assert sum(number_of(r.amount) for r in cost.rows) == number_of(cost.total.amount) == 814
    assert form.annual_budget.address == "C9" and "cost" in form.required_blocks
    # 绩效标准 and 保障措施 are notes, never targets
    assert [i.target.address for i in form.indicators] == [f"F{r}" for r in range(12, 20)]
    assert {"E12", "G12"} <= set(addresses(form.notes))
    assert "E12" in addresses(form.text_cells)


# --- 奉节 scored 审批表 -----------------------------------------------------------------------------


def test_fengjie_execution_weight_grid_label_and_bands(book):
    form = one(book, fengjie_scored())
    assert form.execution_weight == 10 and form.execution_cell.address == "B10"
    assert form.grid.weight_from_label == 90 and form.grid.block_label.address == "A11"
    assert weights(form) == 90
    assert form.indicators[0].level1_name == "成本指标（0-20）分"
    assert form.level1_bands == {
        "成本指标": (Decimal(0), Decimal(20)), "产出指标": (Decimal(40), Decimal(50)),
        "效益指标": (Decimal(20), Decimal(30)), "满意度指标": (Decimal(5), Decimal(10))}  # fmt: skip
    assert [i.weight.address for i in form.indicators][:2] == ["F12", "F13"]
    assert addresses(form.notes)[:2] == ["G12", "G13"]
    assert form.funding.labels == {"midterm": "项目总预算", "budget": "当年年度预算"}
    assert {k: v.address for k, v in form.attributes.items()} == {
        "项目分类": "F2", "项目审批": "B4", "建设周期": "F4", "财政资金科目代码": "B5"}  # fmt: skip


def test_execution_weight_in_the_label_and_a_weights_total_row(book):
    grid = fengjie_scored()
    grid.put("A10", "预算执行（10分）").put("B10", None)
    grid.rows.append(["合计", E, E, E, E, 90, E])
    form = one(book, grid)
    assert form.execution_weight == 10 and form.execution_cell.address == "A10"
    assert form.total.label.address == "A19" and form.total.weight.address == "F19"
    assert len(form.indicators) == 7  # the 合计 row ends the grid


# --- 邯郸 graded thresholds -------------------------------------------------------------------------


def test_handan_grades_are_kept_and_the_top_grade_is_the_target(book):
    form = one(book, handan_graded())
    assert [i.row + 1 for i in form.indicators] == list(range(10, 16))  # 优良中差 row is a header
    first = form.indicators[0]
    assert {g: loc.address for g, loc in first.grades.items()} == {
        "优": "E10", "良": "F10", "中": "G10", "差": "H10"}  # fmt: skip
    assert first.target.address == "E10" and parsed(first) == (
        ">=",
        Decimal(1200),
        "人",
        "quantitative",
    )
    assert [first.grades[g].text for g in "优良中差"] == [
        "≥1200人",
        "≥1150人",
        "≥1100人",
        "≥1000人",
    ]
    assert {"D10", "I10"} <= set(addresses(form.notes))


def test_grades_in_the_header_row_itself(book):
    rows = [
        ["项目支出绩效目标表（2023年度）", E, E, E, E, E, E],
        ["项目名称", "某项目", E, E, E, E, E],
        ["年度目标", "完成某事3件", E, E, E, E, E],
        ["一级指标", "二级指标", "三级指标", "优", "良", "中", "差"],
        ["产出指标", "数量指标", "完成件数", "≥3件", "≥2件", "≥1件", "<1件"],
    ]  # fmt: skip
    (ind,) = one(book, rows).indicators
    assert ind.target.address == "D5" and list(ind.grades) == ["优", "良", "中", "差"]


# --- the published forms ---------------------------------------------------------------------------


def real_forms(realworld, name: str, numbers: bool = False) -> list:
    forms = recognise(read_workbook(realworld(name, numbers=numbers)))
    assert forms and all(isinstance(f, TargetProject) for f in forms)
    return forms


@pytest.mark.parametrize("numbers", [False, True])
def test_real_ezhou(realworld, numbers):
    (form,) = real_forms(realworld, "hubei-ezhou-jiguan-2022-target", numbers)
    assert form.layout == "target_cost" and form.year == 2022
    # 5 indicator rows and the partial 成本 row; 二级 names sit in the 一级 column, the indicator
    # names in the 二级 column (the published defect, read as it stands): there is no 三级 column.
    rows = form.grid.rows
    assert [r.row + 1 for r in rows] == [11, 12, 13, 14, 15, 16]
    assert [r.level1.address for r in rows] == ["B11", "B11", "B13", "B13", "B13", "B16"]
    assert rows[0].level2.text == "办公大楼日常维修维护次数" and rows[0].name is None
    assert rows[5].target.address == "E16" and rows[5].target_value.kind == "empty"
    assert "D16" in addresses(form.notes)  # 不超预算 stands in 绩效标准, a note
    assert parsed(rows[2]) == (">", Decimal(92), "%", "quantitative")
    cost = form.cost
    assert [r.label.text for r in cost.rows] == ["保安服务费", "保洁服务费", "水电气、维修维护费"]
    total = cost.total
    assert (total.label.address, total.amount.address) == ("B8", "C8")
    assert [
        number_of(total.amount),
        number_of(total.others["2020年实际执行数"]),
        number_of(total.others["2021年实际执行数"]),
    ] == [814, Decimal("662.98"), Decimal("794.55")]
    assert [total.others[k].address for k in total.others] == ["E8", "F8"]
    assert addresses(form.goals.expected) == ["B9"]


@pytest.mark.parametrize("numbers", [False, True])
def test_real_wuhan(realworld, numbers):
    (form,) = real_forms(realworld, "hubei-wuhan-qingshan-edu-2020-target", numbers)
    assert form.layout == "target_side_by_side"
    assert form.year == 2020 and form.year_cell.address == "A2"  # "2020年度)" lacks its bracket
    assert form.department.address == "B4" and form.implementer.address == "D4"
    assert len(form.indicators) == 7
    assert [i.target.address for i in form.indicators] == [f"G{r}" for r in range(13, 20)]
    assert parsed(form.indicators[0]) == (None, Decimal(2), "", "quantitative")
    assert form.indicators[2].target_value.kind == "vague"  # 参照政府采购成本控制
    midterm = form.midterm_grid.rows
    assert len(midterm) == 7 and not any(r.is_placeholder for r in midterm)
    assert [r.level2.address for r in midterm] == [f"B{r}" for r in range(13, 20)]
    assert all(r.name.is_empty and r.target.is_empty for r in midterm)
    assert [r.target.address for r in midterm] == [f"D{r}" for r in range(13, 20)]
    total = form.funding.total
    assert (total.cells["budget"].address, total.cells["midterm"].address) == ("E6", "C6")
    assert number_of(total.cells["budget"]) == 10000 and form.unit == "万元"
    other = form.funding.sources[-1]
    assert other.cells["budget"].address == "E8" and other.cells["budget"].is_empty
    assert addresses(form.goals.expected) == ["C10"] and addresses(form.goals.midterm) == ["B10"]


@pytest.mark.parametrize("numbers", [False, True])
def test_real_ningxiang(realworld, numbers):
    (form,) = real_forms(realworld, "hunan-changsha-ningxiang-batang-2021-target", numbers)
    assert form.year == 2021 and form.layout == "target_national"
    midterm, annual = form.midterm_grid, form.grid
    assert midterm.block_label.text == "长期绩效指标" and annual.block_label.text == "年度绩效指标"
    # 长期: 9 indicators and the "…" template row; 年度: 8 and the "…" row (its 满意度 row is cut off).
    assert [len(midterm.rows), len(midterm.indicators)] == [10, 9]
    assert [len(annual.rows), len(annual.indicators)] == [9, 8]
    placeholder = [r for r in annual.rows if r.is_placeholder]
    assert [(r.row + 1, r.name.address, r.name.text) for r in placeholder] == [(33, "C33", "…")]
    assert midterm.rows[-1].level1_name == "社会公众或服务对象满意度指标"
    assert [i.name.address for i in annual.indicators][:2] == ["D29", "D30"]
    assert parsed(annual.indicators[0]) == (None, Decimal(100), "", "quantitative")
    funding = form.funding
    assert [(r.role, r.label.text, r.cells["budget"].address) for r in funding.rows] == [
        ("total", "总额", "B7"), ("source", "财政拨款", "C7"), ("source", "二、自有资金", "D7"),
        ("source", "三、其他", "E7")]  # fmt: skip
    amounts = [number_of(r.cells["budget"]) for r in funding.rows]
    assert amounts[0] == Decimal("10606.7522") == sum(amounts[1:])
    assert form.unit == "万元"
    assert addresses(form.goals.expected) == ["C16"] and addresses(form.goals.midterm) == ["C15"]


@pytest.mark.parametrize("numbers", [False, True])
def test_real_jingyan(realworld, numbers):
    forms = real_forms(realworld, "sichuan-leshan-jingyan-matazhen-2023-target", numbers)
    assert [f.project for f in forms] == [
        "村组干部报酬",
        "基层组织活动经费",
    ]  # not the subtotal row
    assert [len(f.indicators) for f in forms] == [8, 4]  # the second project is a partial copy
    assert [f.indicators[0].row + 1 for f in forms] == [5, 13]
    assert [weights(f) for f in forms] == [90, 50]
    assert [f.implementer.address for f in forms] == ["A5", "A5"]
    assert [f.department.address for f in forms] == ["A4", "A4"]
    assert [number_of(f.funding.total.get("budget")) for f in forms] == [
        Decimal("3309840.00"), Decimal("660000.00")]  # fmt: skip
    assert [f.funding.total.get("budget").address for f in forms] == ["C5", "C13"]
    first = forms[0].indicators[0]
    assert (first.nature.address, first.target.address, first.unit.address, first.direction.address) == (
        "H5", "I5", "J5", "L5")  # fmt: skip
    assert parsed(first) == (">=", Decimal(95), "%", "quantitative")
    assert all(f.unit == "元" and f.year == 2023 for f in forms)


# --- perfcli forms ---------------------------------------------------------------------------------


def shown(form: TargetProject) -> str:
    console = Console(record=True, width=400)
    show_target_project(form, console)
    return console.export_text()


def test_forms_view_shows_each_indicator_parsed_with_its_cell(book):
    out = shown(one(book, split_columns()))
    for expected in (
        "第11行 产出指标/数量指标/日常养护里程  指标值 320 F11 → 比较符 ≥ 数值 320 单位 公里 类型 定量",
        "指标性质 ≥ E11  度量单位 公里 G11  权重 20 H11  方向 正向指标 I11",
        "合计 年度资金总额 B4  年度 200 C4",
    ):
        assert expected in out, expected


def test_forms_view_national_money_goals_and_deadlines(book):
    out = shown(one(book, national_88()))
    for expected in (
        "合计 年度资金总额： D6  中期 360 C6  年度 120 E6",
        "中期目标 B10：", "年度目标 D10：", "中期绩效指标 中期绩效指标（表头 B11，7 项）",
        "指标值 2023年12月 E22 → 比较符 — 数值 2023年12月 单位 — 类型 时限",
    ):  # fmt: skip
        assert expected in out, expected


def test_forms_view_cost_grades_and_vague_values(book, realworld):
    out = shown(real_forms(realworld, "hubei-ezhou-jiguan-2022-target")[0])
    assert "合计 B8  金额 814 C8  2020年实际执行数 662.98 E8  2021年实际执行数 794.55 F8" in out
    assert (
        "第16行 成本指标/成本控制率  指标值 （空） E16 → 比较符 — 数值 — 单位 — 类型 空  说明 不超预算 D16"
        in out
    )
    out = shown(real_forms(realworld, "hubei-wuhan-qingshan-edu-2020-target")[0])
    assert "指标值 参照政府采购成本控制 G15 → 比较符 — 数值 — 单位 — 类型 模糊" in out
    out = shown(one(book, handan_graded()))
    assert "优 ≥1200人 E10  良 ≥1150人 F10  中 ≥1100人 G10  差 ≥1000人 H10" in out


def test_a_weights_total_row_is_not_a_money_block(book):
    rows = [
        ["项目支出绩效目标表（2023年度）", E, E, E, E],
        ["项目名称", "某项目", E, E, E],
        ["年度目标", "完成某事3件", E, E, E],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "完成件数", "=3件", 100],
        ["合计", E, E, E, 100],
    ]  # fmt: skip
    form = one(book, rows)
    assert form.funding is None and form.total.weight.address == "E6"


def test_dongguan_money_pair_without_a_block_label_and_rolling_goal(book):
    rows = [
        ["东莞市财政项目支出绩效目标批复表（2019年度）", E, E, E, E, E, E],
        ["项目名称", "某项目", E, E, E, E, E],
        ["主管部门", "某局", E, "实施单位", "某中心", E, E],
        ["中期市财政预算（万元）", 300, E, "本年度申请市财政预算资金（万元）", 100, E, E],
        ["中期滚动目标（2019年--2021年）", "三年完成9件", E, "年度目标", "完成3件", E, E],
        [E, "中期指标", E, E, "年度指标", E, E],
        ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        ["预期产出指标", "数量指标（或建筑规模指标）", "三年完成件数", "=9件", "数量指标（或建筑规模指标）",
         "完成件数", "=3件"],
        ["效果指标", "社会效益指标", "三年受益人数", "≥900人", "社会效益指标", "受益人数", "≥300人"],
    ]  # fmt: skip
    form = one(book, rows)
    total = form.funding.total
    assert (total.cells["midterm"].address, total.cells["budget"].address) == ("B4", "E4")
    assert addresses(form.goals.midterm) == ["B5"] and addresses(form.goals.expected) == ["E5"]
    assert [i.target.address for i in form.indicators] == ["G8", "G9"]
    assert [i.target.address for i in form.midterm_grid.indicators] == ["D8", "D9"]


def test_money_label_and_amount_inside_one_cell_without_a_block_label(book):
    rows = [
        ["项目支出绩效目标表（2023年度）", E, E, E],
        ["项目名称", "某项目", E, E],
        ["总额100万元", "财政拨款:80万元", "其他资金:20万元", E],
        ["年度目标", "完成某事3件", E, E],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "完成件数", "=3件"],
    ]  # fmt: skip
    form = one(book, rows)
    assert [(r.role, r.label.text, r.cells["budget"].address, number_of(r.cells["budget"]))
            for r in form.funding.rows] == [("total", "总额", "A3", 100), ("source", "财政拨款", "B3", 80),
                                            ("source", "其他资金", "C3", 20)]  # fmt: skip
    assert form.unit == "万元"


def test_benchmark_tags_and_printed_notes(book):
    grid = national_88()
    grid.put("E20", "≥1200人（计划标准）")
    grid.rows.append(["注：指标值应细化量化。", E, E, E, E])
    form = one(book, grid)
    tv = form.indicators[0].target_value
    assert (tv.operator, tv.number, tv.unit, tv.tag) == (">=", Decimal(1200), "人", "计划标准")
    assert len(form.indicators) == 7  # the printed note ends the grid


def test_locate_grid_defaults_are_unchanged(book):
    """Self-evaluation reads the grid as before: label-only and '…' rows are not indicators."""
    from perfcli.forms import indicators
    from perfcli.forms.grid import LabelGrid

    form_grid = national_88()
    form_grid.put("C23", "…").put("D23", None).put("E23", None)  # a '…' template row
    form_grid.put("D25", None).put("E25", None)  # a pre-printed 二级 left without indicator
    sheet = read_workbook(book(form_grid.sheets(), merges=form_grid.merge_map())).sheets[0]
    grid = LabelGrid(sheet, 0, 25)
    plain, _ = indicators.locate_grid(grid, 18, 25)
    assert [r.row + 1 for r in plain.rows] == [20, 21, 22, 24, 26]
    target, _ = indicators.locate_grid(grid, 18, 25, keep_filler_rows=True)
    assert [(r.row + 1, r.is_placeholder) for r in target.rows] == [
        (20, False), (21, False), (22, False), (23, True), (24, False), (26, False)]  # fmt: skip
    assert target.rows[3].name.address == "C23" and target.rows[4].level2.address == "C24"
    slots, _ = indicators.locate_grid(grid, 18, 25, keep_label_rows=True)
    assert 25 in [r.row + 1 for r in slots.rows]


def test_a_header_printed_again_continues_the_grid(book):
    rows = [
        ["项目支出绩效目标表（2023年度）", E, E, E],
        ["项目名称", "某项目", E, E],
        ["年度目标", "完成某事3件", E, E],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "完成件数", "=3件"],
        [E, "质量指标", "验收合格率", "=100%"],
        ["一级指标", "二级指标", "三级指标", "指标值"],  # the next page
        [E, "时效指标", "完成时间", "2023年12月"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]  # fmt: skip
    form = one(book, rows)
    assert form.midterm_grid is None
    assert [(i.row + 1, i.level1_name) for i in form.indicators] == [
        (5, "产出指标"), (6, "产出指标"), (8, "产出指标"), (9, "满意度指标")]  # fmt: skip
