"""绩效运行监控表: recognition and the label-anchored locator, layout by layout.

Every value is found by its label and keeps its cell; the assertions name the cells.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from layouts import FormGrid
from layouts_monitor import MONITOR_LAYOUTS, central_136, dept_1_8, marks_1_6
from rich.console import Console
from ruletools import check_grid

from perfcli.forms import recognise
from perfcli.forms.model import FundingBlock, IndicatorRow, Located, number_of
from perfcli.forms.model_monitor import MonitorDept, MonitorForm, MonitorProject
from perfcli.forms.monitor_vocab import find_period, likelihood_word, mark_state, split_period
from perfcli.io.reader import read_workbook
from perfcli.report.forms_view import show_forms

E = None


def monitor(book: Any, form: FormGrid, **kw: Any) -> MonitorForm:
    (found,) = recognise(read_workbook(book(form.sheets(), merges=form.merge_map(), **kw)))
    assert isinstance(found, MonitorForm), found
    return found


def addr(loc: Located | None) -> str | None:
    return None if loc is None else loc.address


def money(block: FundingBlock | None) -> list[tuple[str, str, dict[str, str]]]:
    assert block is not None
    return [
        (row.label.text, row.role, {key: loc.address for key, loc in row.cells.items()})
        for row in block.rows
    ]


def row_named(form: MonitorForm, name: str) -> IndicatorRow:
    return next(r for r in form.indicators if r.display_name == name)


# --- recognition -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "cls", "layout"),
    [
        ("central_136", "monitor_project", MonitorProject, "monitor_central"),
        ("marks_1_6", "monitor_project", MonitorProject, "monitor_marks"),
        ("dept_1_8", "monitor_dept", MonitorDept, "monitor_dept"),
    ],
)
def test_every_layout_is_recognised_and_modelled(book, name, kind, cls, layout):
    form = monitor(book, MONITOR_LAYOUTS[name]())
    assert (form.kind, type(form), form.layout) == (kind, cls, layout)
    assert form.year == 2023 and form.unit == "万元"
    assert form.required_blocks == ("funding", "goals", "grid")


def test_an_untitled_monitoring_sheet_is_recognised_by_its_labels(book):
    form = central_136()
    form.put("A1", None).put("A2", None)
    found = monitor(book, form)
    assert found.kind == "monitor_project" and found.title is None
    assert found.period_month == 7 and len(found.indicators) == 7


def test_a_department_title_is_a_department_table(book):
    form = central_136()
    form.put("A1", "部门整体绩效运行监控表")
    assert monitor(book, form).kind == "monitor_dept"


# --- identity and period ------------------------------------------------------------------------------


def test_central_identity_cells(book):
    form = monitor(book, central_136())
    assert (addr(form.project_name), addr(form.department), addr(form.implementer)) == (
        "B3",
        "B4",
        "J4",
    )
    assert form.project == "社区居家养老服务补助" and form.department is not None
    assert form.department.text == "[155]某县民政局"
    assert addr(form.year_cell) == "A2" and addr(form.unit_cell) == "A5"


def test_marks_identity_with_a_code_in_the_name(book):
    form = monitor(book, marks_1_6())
    assert (addr(form.project_name), addr(form.department), addr(form.implementer)) == (
        "B2",
        "H2",
        "L2",
    )
    assert form.project_code == "51000021R000000012345"
    assert addr(form.unit_cell) == "O3"


def test_department_names_its_department_not_a_unit(book):
    form = monitor(book, dept_1_8())
    assert isinstance(form, MonitorDept)
    assert addr(form.department) == "B3" and form.implementer is None and form.project_name is None
    assert form.labels["dept_name"].address == "A3"


@pytest.mark.parametrize(
    ("name", "month", "cell"),
    [("central_136", 7, "E5"), ("marks_1_6", 6, "E4"), ("dept_1_8", 8, "E4")],
)
def test_period_is_read_from_the_money_labels(book, name, month, cell):
    form = monitor(book, MONITOR_LAYOUTS[name]())
    assert (form.period_month, addr(form.period_cell)) == (month, cell)


def test_period_from_the_grid_when_the_money_labels_have_none(book):
    form = central_136()
    form.put("E5", "累计执行数").put("F5", "执行率")
    found = monitor(book, form)
    assert (found.period_month, addr(found.period_cell)) == (7, "F11")


def test_period_from_a_monitoring_period_field(book):
    form = dept_1_8()
    form.put("E4", "执行数").put("F4", "执行率").put("F9", "当前月执行情况").put("G8", "执行情况")
    found = monitor(book, form)
    assert (found.period_month, addr(found.period_cell)) == (8, "J3")


def test_period_from_the_title(book):
    form = marks_1_6()
    form.put("E4", "累计执行数")
    found = monitor(book, form)
    assert (found.period_month, addr(found.period_cell)) == (6, "A1")


def test_no_period_anywhere_leaves_it_unknown(book):
    form = central_136()
    form.put("E5", "累计执行数").put("F5", "执行率").put("F11", "当前月执行情况").put(
        "G9", "执行情况"
    )
    assert monitor(book, form).period_month is None


@pytest.mark.parametrize(
    ("text", "month", "rest"),
    [("1-7月执行数", 7, "执行数"), ("1—6月执行情况", 6, "执行情况"), ("1～8月执行率", 8, "执行率"),
     ("1至7月执行数", 7, "执行数"), ("1月-7月执行数", 7, "执行数"), ("截至7月底执行数", 7, "执行数"),
     ("2023年1-8月执行情况", 8, "执行情况"), ("1-12月执行数", 12, "执行数"), ("全年预计执行数", None, "全年预计执行数"),
     ("11-12月执行数", None, "11-12月执行数"), ("1-13月执行数", None, "1-13月执行数")],
)  # fmt: skip
def test_split_period(text, month, rest):
    assert split_period(text) == (month, rest)


def test_find_period_anywhere_in_a_title():
    assert find_period("2023年度项目绩效运行监控表（1-6月）") == 6
    assert find_period("监控期间：2023年1-8月") == 8
    assert find_period("11-12月") is None and find_period("项目支出绩效目标执行监控表") is None


# --- money ---------------------------------------------------------------------------------------------


def test_central_money_block_columns_and_cells(book):
    form = monitor(book, central_136())
    block = form.funding
    assert block is not None and block.rate_base == "budget"
    assert money(block) == [
        ("年度资金总额", "total", {"initial": "C6", "budget": "D6", "period_executed": "E6",
                                 "period_rate": "F6", "forecast": "G6"}),
        ("其中：财政拨款", "source", {"initial": "C7", "budget": "D7", "period_executed": "E7",
                                   "period_rate": "F7", "forecast": "G7"}),
        ("其他资金", "source", {"initial": "C8", "budget": "D8", "period_executed": "E8",
                              "period_rate": "F8", "forecast": "G8"}),
    ]  # fmt: skip
    assert (
        block.labels["period_executed"] == "1-7月执行数"
        and block.labels["budget"] == "调整后预算数"
    )
    total = block.total
    assert total is not None and number_of(total.get("period_executed")) == Decimal(75)


def test_marks_money_block_reads_the_reason_column_and_the_shared_rate_label(book):
    form = monitor(book, marks_1_6())
    block = form.funding
    assert block is not None
    assert set(block.columns) == {
        "initial",
        "budget",
        "period_executed",
        "period_rate",
        "forecast",
        "reason",
    }
    assert block.labels["period_rate"] == "预算执行率"
    assert [r.label.text for r in block.rows] == ["合计", "财政资金", "其他资金"]
    assert block.rows[0].get("reason") is None  # an empty reason cell is not made up


def test_department_money_rows_are_basic_and_project_spending(book):
    form = monitor(book, dept_1_8())
    assert [(label, role) for label, role, _ in money(form.funding)] == [
        ("合计", "total"), ("基本支出", "source"), ("项目支出", "source")
    ]  # fmt: skip


def test_a_table_with_only_the_initial_budget_divides_by_it(book):
    form = central_136()
    for row in range(5, 9):
        form.put(f"D{row}", None)
    form.put("D5", None)
    found = monitor(book, form)
    assert found.funding is not None and found.funding.rate_base == "initial"
    assert "budget" not in found.funding.columns


def test_a_two_row_money_header_with_the_period_over_its_columns(book):
    form = FormGrid(
        [["项目支出绩效目标执行监控表（2023年度）"], ["项目名称", "某项目"], ["主管部门", "某局"], ["实施单位", "某中心"],
         ["项目资金（万元）", E, "年初预算数", "调整后预算数", "1-7月执行情况", E, "全年预计执行数"],
         [E, E, E, E, "执行数", "执行率", E],
         [E, "年度资金总额", 100, 100, 60, "60.00%", 100],
         ["年度总体目标", "完成某事10个"],
         ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行情况", "全年预计完成情况", "完成目标可能性"],
         [E, "产出指标", "数量指标", "某数", "≥10个", "6个", "10个", "确定能"]],
        ["E5:F5", "C5:C6", "D5:D6", "G5:G6"],
    )  # fmt: skip
    found = monitor(book, form)
    assert money(found.funding) == [
        ("年度资金总额", "total", {"initial": "C7", "budget": "D7", "forecast": "G7", "period_executed": "E7",
                                 "period_rate": "F7"}),
    ]  # fmt: skip
    assert found.funding is not None and found.funding.labels["period_executed"] == "1-7月执行数"
    assert (found.period_month, addr(found.period_cell)) == (7, "E5")


# --- goals ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected", "actual", "expected_label", "actual_label"),
    [("central_136", ["B10"], ["G10"], "B9", "G9"), ("marks_1_6", ["B8"], ["H8"], None, "G8"),
     ("dept_1_8", ["B8"], ["H8"], None, "G8")],
)  # fmt: skip
def test_goals_and_their_progress(book, name, expected, actual, expected_label, actual_label):
    goals = monitor(book, MONITOR_LAYOUTS[name]()).goals
    assert goals is not None
    assert [loc.address for loc in goals.expected] == expected
    assert [loc.address for loc in goals.actual] == actual
    assert (addr(goals.expected_label), addr(goals.actual_label)) == (expected_label, actual_label)


def test_an_empty_goal_is_not_filled_with_the_next_label(book):
    form = marks_1_6()
    form.put("B8", None)
    goals = monitor(book, form).goals
    assert (
        goals is not None and goals.expected == [] and [g.address for g in goals.actual] == ["H8"]
    )


def test_numbered_goals_are_goals_and_their_numbers_are_not(book):
    form = FormGrid([["部门整体支出绩效运行监控表（2023年度）"], ["部门名称", "某局"],
                     ["年度总体目标", "目标1", "完成A事项3项"], [E, "目标2：", "完成B事项2项"],
                     [E, "(三)", "完成C事项1项"],
                     ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行情况", "全年预计完成情况",
                      "完成目标可能性"],
                     [E, "产出指标", "数量指标", "完成事项数", "≥6项", "4项", "6项", "确定能"]])  # fmt: skip
    goals = monitor(book, form).goals
    assert goals is not None and [g.address for g in goals.expected] == ["C3", "C4", "C5"]


# --- indicators --------------------------------------------------------------------------------------


def test_central_grid_reads_progress_forecast_causes_and_likelihood_text(book):
    form = monitor(book, central_136())
    assert form.grid is not None and len(form.indicators) == 7
    first = form.indicators[0]
    assert (first.level1_name, first.level2_name, first.display_name) == (
        "产出指标",
        "数量指标",
        "服务老年人数",
    )
    assert (addr(first.target), addr(first.progress), addr(first.forecast)) == ("E13", "F13", "G13")
    assert first.forecast_value is not None and first.forecast_value.number == Decimal(1250)
    assert first.progress_value is not None and first.progress_value.unit == "人"
    assert [(k, v.address) for k, v in first.causes.items()] == [
        ("经费保障", "H13"), ("制度保障", "I13"), ("人员保障", "J13"), ("硬件条件保障", "K13"), ("其他", "L13")
    ]  # fmt: skip
    assert addr(first.likelihood) == "M13" and first.likelihood_marks == {}
    assert addr(first.remark) == "N13" and first.reason is None
    row = row_named(form, "老年人生活照料问题解决率")
    assert mark_state(row.causes["人员保障"]) == "tick" and row.likelihood is not None
    assert likelihood_word(row.likelihood.text) == "有可能" and row.remark is not None
    assert row.remark.text.startswith("护理员缺口")


def test_marks_grid_reads_three_tick_columns_and_the_weights_total(book):
    form = monitor(book, marks_1_6())
    row = row_named(form, "农村公路通畅率")
    assert row.likelihood is None
    assert {k: v.address for k, v in row.likelihood_marks.items()} == {
        "确定能": "N15", "有可能": "O15", "完全不可能": "P15"
    }  # fmt: skip
    assert [k for k, v in row.likelihood_marks.items() if mark_state(v) == "tick"] == ["有可能"]
    assert mark_state(row.causes["制度保障"]) == "tick" and addr(row.remark) == "Q15"
    assert (addr(row.weight), addr(row.target), addr(row.progress)) == ("E15", "F15", "G15")
    assert form.total is not None and addr(form.total.weight) == "E17"
    assert [loc.address for loc in form.form_reasons] == ["B18"]
    assert form.grid is not None and form.grid.last_row == 15  # the 合计 row ends the grid


def test_department_grid_reads_the_one_row_system_header(book):
    form = monitor(book, dept_1_8())
    assert len(form.indicators) == 8
    row = row_named(form, "教师培训人次")
    assert row.level2_name == "数量指标"
    assert (
        mark_state(row.causes["经费保障"]) == "text" and addr(row.causes["硬件条件保障"]) == "K12"
    )
    assert addr(row.likelihood) == "M12" and addr(row.remark) == "N12"


@pytest.mark.parametrize("tick", ["√", "✓", "☑", "是", 1, "1", "Y", "●"])
def test_tick_marks(book, tick):
    form = central_136()
    form.put("H13", tick)
    row = monitor(book, form).indicators[0]
    assert mark_state(row.causes["经费保障"]) == "tick"


@pytest.mark.parametrize("blank", ["否", "×", 0, "—", "/", "无"])
def test_not_marked(book, blank):
    form = central_136()
    form.put("H13", blank)
    row = monitor(book, form).indicators[0]
    assert mark_state(row.causes["经费保障"]) == "none"


@pytest.mark.parametrize(
    ("text", "word"),
    [("确定能", "确定能"), ("有可能", "有可能"), ("完全不可能", "完全不可能"), ("不可能", "完全不可能"),
     ("2", "有可能"), (" 确定能。", "确定能"), ("基本可以", None), ("", None)],
)  # fmt: skip
def test_likelihood_words(text, word):
    assert likelihood_word(text) == word


def test_a_single_likelihood_column_with_a_cause_text_column(book):
    """偏差原因 alone (no cause columns under it) is a text column: the row's reason."""
    form = dept_1_8()
    for col in "IJKL":
        form.put(f"{col}9", None)
    form.put("H9", "偏差原因")
    found = monitor(book, form)
    row = row_named(found, "教师培训人次")
    assert row.causes == {} and addr(row.reason) == "H12"


# --- robustness and the forms view ------------------------------------------------------------------


def test_a_monitoring_table_without_money_or_grid_is_still_a_model(book):
    form = FormGrid([["项目绩效运行监控表（2023年度）"], ["项目名称", "某项目"], ["主管部门", "某局"],
                     ["实施单位", "某中心"], ["年度总体目标", "完成某事"]])  # fmt: skip
    found = monitor(book, form)
    assert found.funding is None and found.grid is None and found.goals is not None


@pytest.mark.parametrize("name", sorted(MONITOR_LAYOUTS))
def test_clean_layouts_are_checked_with_their_kind(book, name):
    result = check_grid(book, MONITOR_LAYOUTS[name](), name=f"{name}.xlsx")
    assert result.status == "checked"
    assert [f.kind for f in result.forms] == [
        "monitor_dept" if name == "dept_1_8" else "monitor_project"
    ]
    assert result.forms[0].modelled and result.forms[0].year == 2023


def test_forms_view_shows_monitoring_fields_with_cells(book):
    form = central_136()
    path = book(form.sheets(), merges=form.merge_map())
    console = Console(record=True, width=220)
    assert show_forms(path, console=console) == 1
    out = console.export_text()
    for text in ("项目绩效运行监控表", "监控期间 1-7月", "E5", "1-7月执行数 75", "E6", "全年预计执行数 120",
                 "G6", "服务老年人数", "执行情况 760人", "F13", "预计 1250人", "G13", "可能性 确定能", "M13",
                 "人员保障 √", "J17"):  # fmt: skip
        assert text in out, text


def test_forms_view_shows_tick_columns_and_departments(book):
    for builder, texts in (
        (marks_1_6, ("有可能 √", "O15", "合计")),
        (dept_1_8, ("部门名称", "某县教育局", "基本支出")),
    ):
        form = builder()
        path = book(form.sheets(), merges=form.merge_map(), name=f"{builder.__name__}.xlsx")
        console = Console(record=True, width=220)
        show_forms(path, console=console)
        out = console.export_text()
        for text in texts:
            assert text in out, (builder.__name__, text)
