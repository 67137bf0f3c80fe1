"""部门(单位)整体支出绩效目标表: recognition and the label-anchored locator, layout by layout.

Every value is found by its label and keeps its cell; the assertions name the cells.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from layouts import FormGrid
from layouts_dept import DEPT_LAYOUTS, fujian_dept, guangshui_dept, national_dept
from rich.console import Console
from ruletools import findings

from perfcli.forms import recognise
from perfcli.forms.model import FundingBlock, Located, TargetDept, number_of
from perfcli.io.reader import read_workbook
from perfcli.report.forms_view_dept import show_target_dept

E = None


def dept_form(book: Any, form: FormGrid) -> TargetDept:
    (found,) = recognise(read_workbook(book(form.sheets(), merges=form.merge_map())))
    assert isinstance(found, TargetDept)
    return found


def cells(row_cells: dict[str, Located]) -> dict[str, tuple[str, Decimal | None]]:
    return {key: (loc.address, number_of(loc)) for key, loc in row_cells.items()}


def rows_of(block: FundingBlock) -> list[tuple[str, str, str, Decimal | None]]:
    """(label, role, budget cell, budget) per row of a money block."""
    out = []
    for row in block.rows:
        loc = row.cells["budget"]
        out.append((row.label.text, row.role, loc.address, number_of(loc)))
    return out


def adds_up(block: FundingBlock, column: str = "budget") -> bool:
    total = block.total
    assert total is not None and block.sources
    parts = [number_of(row.cells[column]) or Decimal(0) for row in block.sources]
    return number_of(total.cells[column]) == sum(parts, Decimal(0))


# --- every layout ------------------------------------------------------------------------------

# layout → (department cell, year cell, layout name, goal cells, indicator header, first indicator
#           row, indicator count)
EXPECTED = {
    "national_dept": ("B3", "A2", "dept_national", ["B10"], "B11", 12, 8),
    "fujian_dept": ("B2", "A1", "dept_fujian", ["B5", "B6", "B7", "B8"], "A16", 17, 8),
    "guangshui_dept": ("B4", "A2", "dept_hubei", ["B17"], "B18", 19, 8),
}


@pytest.mark.parametrize("layout", sorted(DEPT_LAYOUTS))
def test_every_dept_layout_is_located_by_label(book, layout):
    form = dept_form(book, DEPT_LAYOUTS[layout]())
    dept, year, name, goals, header, first_row, count = EXPECTED[layout]
    assert form.kind == "target_dept" and form.layout == name
    assert form.department is not None and form.department.address == dept
    assert form.labels["dept_name"].text.startswith("部门")
    assert form.project_name is None and form.implementer is None
    assert form.year == 2023 and form.year_cell is not None and form.year_cell.address == year
    assert form.unit == "万元"
    assert form.goals is not None and [g.address for g in form.goals.expected] == goals
    assert form.grid is not None and form.grid.header.address == header
    assert form.indicators[0].row + 1 == first_row
    assert len(form.indicators) == count
    assert all(i.target_value is not None and i.target_value.operator for i in form.indicators)
    assert form.tasks and form.tasks_total is not None


@pytest.mark.parametrize("layout", sorted(DEPT_LAYOUTS))
def test_clean_dept_layout_has_no_findings(book, layout):
    found = findings(book, DEPT_LAYOUTS[layout]())
    assert [(f.code, f.cell, f.message) for f in found] == []


@pytest.mark.parametrize("layout", sorted(DEPT_LAYOUTS))
def test_clean_dept_builders_add_up(book, layout):
    """The builders are clean: tasks add up to their total per column, 总额 = 财政拨款 + 其他资金 on
    each task, every money composition adds up in each amount column."""
    form = dept_form(book, DEPT_LAYOUTS[layout]())
    assert form.tasks_total is not None
    for key, total in form.tasks_total.cells.items():
        parts = [number_of(t.cells[key]) or Decimal(0) for t in form.tasks]
        assert number_of(total) == sum(parts, Decimal(0)), key
    for task in form.tasks:
        if "fiscal" in task.cells:
            budget, fiscal, other = (
                number_of(task.cells[k]) for k in ("budget", "fiscal", "other")
            )
            assert budget == (fiscal or 0) + (other or 0)
    for block in form.compositions:
        for column in ("budget", "previous"):
            if column in block.columns or column == "budget":
                assert adds_up(block, column), (block.header.text, column)


# --- national 88号 -----------------------------------------------------------------------------


def test_national_tasks_with_two_row_header(book):
    form = dept_form(book, national_dept())
    assert form.funding is None and form.compositions == []
    assert form.task_columns == {"name": 1, "content": 2, "budget": 4, "fiscal": 5, "other": 6}
    assert [(t.name.address, t.name.text) for t in form.tasks] == [
        ("B6", "义务教育学校公用经费"), ("B7", "学生资助"), ("B8", "教师培训")]  # fmt: skip
    assert [t.content.address for t in form.tasks if t.content] == ["C6", "C7", "C8"]
    assert cells(form.tasks[1].cells) == {
        "budget": ("E7", Decimal(480)), "fiscal": ("F7", Decimal(450)), "other": ("G7", Decimal(30))}  # fmt: skip
    total = form.tasks_total
    assert total is not None and total.name.address == "B9" and total.name.text == "金额合计"
    assert cells(total.cells) == {
        "budget": ("E9", Decimal(1860)), "fiscal": ("F9", Decimal(1810)), "other": ("G9", Decimal(50))}  # fmt: skip


def test_national_indicator_values_are_parsed(book):
    form = dept_form(book, national_dept())
    parsed = {
        i.display_name: (i.level1_name, i.target.address, tv.operator, tv.number, tv.unit, tv.kind)
        for i in form.indicators
        if i.target is not None and (tv := i.target_value) is not None
    }
    assert parsed["拨付公用经费学校数"] == (
        "产出指标",
        "G12",
        "=",
        Decimal(42),
        "所",
        "quantitative",
    )
    assert parsed["资助家庭经济困难学生人数"][1:5] == ("G13", ">=", Decimal(3200), "人")
    assert parsed["资助资金发放完成时间"][2:] == ("<=", None, "", "deadline")
    assert parsed["教师人均培训成本"] == (
        "成本指标",
        "G16",
        "<=",
        Decimal(800),
        "元",
        "quantitative",
    )
    levels = [(i.level1_name, i.level2_name) for i in form.indicators]
    assert levels[:4] == [("产出指标", "数量指标")] * 2 + [("产出指标", "质量指标"),
                                                           ("产出指标", "时效指标")]  # fmt: skip


def test_national_goals_as_numbered_rows(book):
    """年度总体目标 written as 目标1..目标3, a label column and the goal to its right."""
    form = national_dept()
    form.rows[9:10] = [
        ["年度总体目标", "目标1", "向全县42所义务教育学校拨付公用经费1260万元。", E, E, E, E],
        [E, "目标2", "资助家庭经济困难学生3200名。", E, E, E, E],
        [E, "目标3：", "完成教师培训1500人次，培训合格率不低于95%。", E, E, E, E],
    ]
    form.merges = [_shift_merge(m, 10, 2) for m in form.merges if m != "B10:G10"]
    form.merges += ["A10:A12", "C10:G10", "C11:G11", "C12:G12"]
    found = dept_form(book, form)
    assert found.goals is not None
    assert [g.address for g in found.goals.expected] == ["C10", "C11", "C12"]
    assert found.grid is not None and len(found.indicators) == 8


def test_national_goal_text_below_its_label(book):
    form = national_dept()
    goal = form.get("B10")
    form.rows[9:10] = [["年度总体目标", E, E, E, E, E, E], [goal, E, E, E, E, E, E]]
    form.merges = [_shift_merge(m, 10, 1) for m in form.merges if m != "B10:G10"]
    form.merges += ["A10:G10", "A11:G11"]
    found = dept_form(book, form)
    assert found.goals is not None and [g.address for g in found.goals.expected] == ["A11"]
    assert found.goals.expected_text == goal


def test_untitled_dept_table_is_recognised_by_content(book):
    form = national_dept()
    form.rows = form.rows[2:]
    form.merges = [_shift_merge(m, 1, -2) for m in form.merges if m not in ("A1:G1", "A2:G2")]
    found = dept_form(book, form)
    assert found.kind == "target_dept" and found.department is not None
    assert found.department.address == "B1" and found.year is None
    assert len(found.tasks) == 3 and len(found.indicators) == 8


def test_dept_code_prefix_and_unit_name_label(book):
    form = national_dept().put("A3", "单位名称").put("B3", "[015001]某县教育局")
    found = dept_form(book, form)
    assert found.department is not None and found.department.address == "B3"
    assert found.dept_code == "015001"
    assert found.implementer is None and "implementer" not in found.labels


def test_amount_merged_over_two_task_rows_counts_once(book):
    form = national_dept()
    form.put("E8", E).put("F8", E).put("G8", E)
    form.merges += ["E7:E8", "F7:F8", "G7:G8"]
    found = dept_form(book, form)
    assert cells(found.tasks[1].cells)["budget"] == ("E7", Decimal(480))
    assert cells(found.tasks[2].cells)["budget"] == ("E8", None)


def test_subtotal_rows_are_not_tasks_and_total_label_may_sit_left(book):
    form = national_dept()
    form.rows.insert(8, [E, "小计", E, E, 1740, 1710, 30])
    form.merges = [_shift_merge(m, 9, 1) for m in form.merges]
    form.merges = [m for m in form.merges if m != "B10:D10"]  # A4:A9 now ends above 金额合计
    form.put("A10", "金额合计").put("B10", E)
    found = dept_form(book, form)
    assert [t.name.text for t in found.tasks] == ["义务教育学校公用经费", "学生资助", "教师培训"]
    assert found.tasks_total is not None and found.tasks_total.name.address == "A10"
    assert cells(found.tasks_total.cells)["budget"] == ("E10", Decimal(1860))


def test_department_name_inline_after_its_label(book):
    form = national_dept().put("A3", "部门（单位）名称：某县教育局").put("B3", E)
    found = dept_form(book, form)
    assert found.department is not None and found.department.address == "A3"
    assert found.department.text == "某县教育局"


@pytest.mark.parametrize(
    "title", ["2023年度部门整体支出绩效目标表", "某县教育局部门整体绩效目标表（2023年度）",
              "单位整体支出绩效目标申报表（2023年度）"],
)  # fmt: skip
def test_dept_titles(book, title):
    found = dept_form(book, national_dept().put("A1", title))
    assert found.kind == "target_dept" and found.year == 2023


# --- 福建 宁德 ------------------------------------------------------------------------------------


def test_fujian_money_block_across_one_row(book):
    form = dept_form(book, fujian_dept())
    assert form.dept_code == "301001" and form.labels["dept_code"].address == "D2"
    assert form.funding is not None and form.compositions == [form.funding]
    assert form.funding.header.address == "A3"
    assert rows_of(form.funding) == [
        ("资金总额", "total", "B4", Decimal(2350)),
        ("项目支出", "source", "C4", Decimal(1600)),
        ("基本支出", "source", "E4", Decimal(750)),
    ]


def test_fujian_duties_grid_carries_merged_task_down(book):
    form = dept_form(book, fujian_dept())
    assert set(form.task_columns) == {"function", "name", "project", "budget"}
    got = [
        (t.row + 1, t.function.text if t.function else "", t.name.address,
         t.project.address if t.project else "", cells(t.cells)["budget"])
        for t in form.tasks
    ]  # fmt: skip
    assert got == [
        (10, "农田建设管理", "C10", "E10", ("F10", Decimal(900))),
        (11, "农田建设管理", "C10", "E11", ("F11", Decimal(100))),
        (12, "农业技术推广", "C12", "E12", ("F12", Decimal(600))),
        (13, "机关运行", "C13", "E13", ("F13", Decimal(750))),
    ]
    assert form.tasks_total is not None
    assert cells(form.tasks_total.cells) == {"budget": ("F14", Decimal(2350))}


def test_fujian_goals_and_tagged_targets(book):
    form = dept_form(book, fujian_dept())
    assert form.goals is not None and form.goals.header.address == "A5"
    assert form.goals.expected[3].text.startswith("目标4：")
    by_name = {i.display_name: i for i in form.indicators}
    cost = by_name["每亩改造成本"]
    assert (cost.level1_name, cost.level2_name) == ("产出指标", "成本指标")
    tv = cost.target_value
    assert tv is not None and (tv.operator, tv.number, tv.unit, tv.tag) == (
        "<=", Decimal(750), "元/亩", "历史标准")  # fmt: skip
    assert by_name["农户满意度"].target is not None
    assert by_name["农户满意度"].target.address == "F24"


def _fujian_with_money(rows: list[list[Any]], merges: list[str]) -> FormGrid:
    """宁德 with its money block (rows 3–4) replaced by ``rows``."""
    form = fujian_dept()
    delta = len(rows) - 2
    form.rows[2:4] = rows
    keep = [m for m in form.merges if m not in ("A3:A4", "C3:D3", "E3:F3", "C4:D4", "E4:F4")]
    form.merges = [_shift_merge(m, 5, delta) for m in keep] + merges
    return form


def test_fujian_money_block_one_item_per_row(book):
    form = _fujian_with_money(
        [["年度预算安排（万元）", "资金总额", 2350, E, E, E],
         [E, "项目支出", 1600, E, E, E],
         [E, "基本支出", 750, E, E, E]],
        ["A3:A5"],
    )  # fmt: skip
    found = dept_form(book, form)
    assert found.funding is not None and found.funding.columns == {"budget": 2}
    assert rows_of(found.funding) == [
        ("资金总额", "total", "C3", Decimal(2350)),
        ("项目支出", "source", "C4", Decimal(1600)),
        ("基本支出", "source", "C5", Decimal(750)),
    ]
    assert len(found.tasks) == 4 and len(found.indicators) == 8


def test_fujian_money_block_as_label_value_pairs(book):
    form = _fujian_with_money(
        [["年度预算安排（万元）", "资金总额", 2350, "项目支出", 1600, "基本支出", 750]], []
    )
    found = dept_form(book, form)
    assert found.funding is not None
    assert [r[2:] for r in rows_of(found.funding)] == [
        ("C3", Decimal(2350)), ("E3", Decimal(1600)), ("G3", Decimal(750))]  # fmt: skip


def test_one_total_over_income_and_expense_is_two_compositions(book):
    form = _fujian_with_money(
        [["年度预算安排（万元）", "资金总额", 2350, E, E, E],
         [E, "财政拨款", 2200, E, E, E],
         [E, "其他资金", 150, E, E, E],
         [E, "基本支出", 750, E, E, E],
         [E, "项目支出", 1600, E, E, E]],
        ["A3:A7"],
    )  # fmt: skip
    found = dept_form(book, form)
    assert [[r[0] for r in rows_of(b)] for b in found.compositions] == [
        ["资金总额", "财政拨款", "其他资金"], ["资金总额", "基本支出", "项目支出"]]  # fmt: skip
    assert all(adds_up(b) for b in found.compositions)


def test_money_by_income_and_expense_nature_over_two_header_rows(book):
    """年度预算申请 | 资金总额 | 按收入性质分 (财政拨款 | 其他资金) | 按支出性质分 (基本支出 | 项目支出),
    the amounts in the row below: the total and two compositions of it."""
    form = _fujian_with_money(
        [["年度预算申请（万元）", "资金总额", "按收入性质分", E, "按支出性质分", E],
         [E, E, "财政拨款", "其他资金", "基本支出", "项目支出"],
         [E, 2350, 2200, 150, 750, 1600]],
        ["A3:A5", "B3:B4", "C3:D3", "E3:F3"],
    )  # fmt: skip
    found = dept_form(book, form)
    assert [rows_of(b) for b in found.compositions] == [
        [("资金总额", "total", "B5", Decimal(2350)), ("财政拨款", "source", "C5", Decimal(2200)),
         ("其他资金", "source", "D5", Decimal(150))],
        [("资金总额", "total", "B5", Decimal(2350)), ("基本支出", "source", "E5", Decimal(750)),
         ("项目支出", "source", "F5", Decimal(1600))],
    ]  # fmt: skip
    assert len(found.tasks) == 4 and found.goals is not None and len(found.goals.expected) == 4


# --- 湖北 广水 ------------------------------------------------------------------------------------


def test_guangshui_income_and_expense_compositions(book):
    form = dept_form(book, guangshui_dept())
    income, expense = form.compositions
    assert form.funding is income
    assert income.header.text == "收入构成" and expense.header.text == "支出构成"
    assert income.columns == {"budget": 3, "previous": 4, "share": 5}
    assert income.labels == {"budget": "当年金额", "previous": "近两年收支金额", "share": "占比"}
    assert rows_of(income) == [
        ("财政拨款", "source", "D6", Decimal(900)),
        ("其他资金", "source", "D7", Decimal(100)),
        ("合计", "total", "D8", Decimal(1000)),
    ]
    assert [r[2] for r in rows_of(expense)] == ["D9", "D10", "D11"]
    assert expense.total is not None
    assert cells(expense.total.cells) == {
        "budget": ("D11", Decimal(1000)), "previous": ("E11", Decimal(1960)),
        "share": ("F11", Decimal(100))}  # fmt: skip
    assert form.summary is not None and form.summary.address == "B12"
    assert form.labels["summary"].address == "A12"


def test_guangshui_tasks_with_one_amount_column(book):
    form = dept_form(book, guangshui_dept())
    assert form.task_columns == {"name": 1, "content": 2, "budget": 5}
    assert [(t.name.text, cells(t.cells)["budget"]) for t in form.tasks] == [
        ("小型水库除险加固", ("F14", Decimal(250))), ("防汛抗旱", ("F15", Decimal(150)))]  # fmt: skip
    assert form.tasks_total is not None and form.tasks_total.name.address == "B16"


def test_guangshui_header_repeated_per_group(book):
    """Each composition under its own 当年金额 | 近两年收支金额 | 占比 header row."""
    form = guangshui_dept()
    form.rows[4:11] = [
        ["部门总体资金情况（单位：万元）", "收入构成", E, "当年金额", "近两年收支金额", "占比"],
        [E, E, "财政拨款", 900, 1750, "90.00%"],
        [E, E, "其他资金", 100, 210, "10.00%"],
        [E, E, "合计", 1000, 1960, "100.00%"],
        [E, "支出构成", E, "当年金额", "近两年收支金额", "占比"],
        [E, E, "基本支出", 600, 1180, "60.00%"],
        [E, E, "项目支出", 400, 780, "40.00%"],
        [E, E, "合计", 1000, 1960, "100.00%"],
    ]
    form.merges = [_shift_merge(m, 12, 1) for m in form.merges
                   if m not in ("A5:A11", "B5:C5", "B6:B8", "B9:B11")]  # fmt: skip
    form.merges += ["A5:A12", "B5:B8", "B9:B12"]
    found = dept_form(book, form)
    assert [b.header.address for b in found.compositions] == ["B5", "B9"]
    assert [[r[2] for r in rows_of(b)] for b in found.compositions] == [
        ["D6", "D7", "D8"], ["D10", "D11", "D12"]]  # fmt: skip
    assert all(adds_up(b) and adds_up(b, "previous") for b in found.compositions)


def test_weights_and_their_total_row(book):
    """A grid with 分值 closed by a 合计 row: the row is the total, not an indicator."""
    form = guangshui_dept()
    form.merges = [m for m in form.merges if not (m.startswith("D") and m[1:3].isdigit())]
    form.put("E18", "分值")
    for row, weight in zip(range(19, 27), (20, 10, 10, 10, 10, 15, 15, 10), strict=True):
        form.put(f"E{row}", weight)
    form.rows.append(["合计", E, E, E, 100, E])
    found = dept_form(book, form)
    assert found.grid is not None and found.grid.columns["weight"] == 4
    assert len(found.indicators) == 8 and found.indicators[-1].row + 1 == 26
    assert found.total is not None and found.total.label.address == "A27"
    assert found.total.weight is not None and found.total.weight.address == "E27"


# --- other forms are not department target tables -----------------------------------------------


def test_chongqing_dept_self_evaluation_is_not_a_target_table(realworld):
    forms = recognise(read_workbook(realworld("chongqing-kexuecheng-rongmeiti-2021-dept")))
    assert [f.kind for f in forms] == ["selfeval_dept"]


@pytest.mark.parametrize(
    "stem",
    ["hubei-ezhou-jiguan-2022-target", "hubei-wuhan-qingshan-edu-2020-target",
     "hunan-changsha-ningxiang-batang-2021-target", "sichuan-leshan-jingyan-matazhen-2023-target"],
)  # fmt: skip
def test_project_target_tables_are_not_dept_tables(realworld, stem):
    assert "target_dept" not in [f.kind for f in recognise(read_workbook(realworld(stem)))]


# --- perfcli forms ------------------------------------------------------------------------------


def test_forms_view_shows_every_block_with_cells(book):
    form = dept_form(book, guangshui_dept())
    console = Console(record=True, width=200)
    show_target_dept(form, console)
    out = console.export_text()
    for expected in ("部门名称 广水市某水利局 B4", "收入构成 B6", "合计（合计）C11", "当年金额 1000 D11",
                     "部门职能概述 B12", "第14行 小型水库除险加固 B14", "总额 250 F14", "合计 B16",
                     "B17 完成3座", "指标值 ≤85万元 F23 → ≤ 85 万元（定量）"):  # fmt: skip
        assert expected in out, expected


def test_forms_view_fujian_tasks(book):
    console = Console(record=True, width=200)
    show_target_dept(dept_form(book, fujian_dept()), console)
    out = console.export_text()
    assert (
        "第11行 完成农田水利设施改造1.2万亩、耕地质量监测点30个 C10  职能 农田建设管理 B10" in out
    )
    assert "编码 301001" in out and "资金总额（合计）B3  年度预算安排 2350 B4" in out


# --- helpers ------------------------------------------------------------------------------------


def _shift_merge(ref: str, from_excel_row: int, delta: int) -> str:
    """Move a merged range down by ``delta`` rows when it starts at or below ``from_excel_row``."""
    from perfcli.io.cells import CellRange

    rng = CellRange.from_ref(ref)
    if rng.first_row + 1 < from_excel_row:
        return ref
    moved = CellRange(rng.first_row + delta, rng.first_col, rng.last_row + delta, rng.last_col)
    return moved.ref
