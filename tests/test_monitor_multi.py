"""Monitoring sheets holding several projects (forms.md §1) and untitled monitoring sheets.

A sheet that stacks project blocks (项目名称 … money … indicator grid, again and again) and an 一体化
export (项目名称 on the indicator header row) are each read as one ``MonitorProject`` per project,
every value with its own cell; the rules then judge each project and name it in their findings.
"""

from __future__ import annotations

from typing import Any

import pytest
from layouts import FormGrid
from layouts_monitor import (
    MULTI_PROJECT_LAYOUTS,
    central_136,
    marks_1_6,
    stacked_projects,
    yitihua_monitor_export,
)
from ruletools import check_grid

from perfcli.forms import recognise
from perfcli.forms.model import Located, number_of
from perfcli.forms.model_monitor import MonitorProject
from perfcli.io.reader import read_workbook

E = None
PROJECTS = ["社区居家养老服务补助", "困难群众临时救助", "殡葬设施改造"]


def projects(book: Any, form: FormGrid) -> list[MonitorProject]:
    found = recognise(read_workbook(book(form.sheets(), merges=form.merge_map())))
    assert all(isinstance(f, MonitorProject) for f in found), found
    return [f for f in found if isinstance(f, MonitorProject)]


def addresses(cells: list[Located]) -> list[str]:
    return [loc.address for loc in cells]


def total_cells(form: MonitorProject) -> dict[str, str]:
    assert form.funding is not None and form.funding.total is not None
    return {key: loc.address for key, loc in form.funding.total.cells.items()}


# --- stacked project blocks ---------------------------------------------------------------------


def test_stacked_blocks_are_one_model_per_project(book):
    forms = projects(book, stacked_projects())
    assert [f.project for f in forms] == PROJECTS
    assert [f.project_name.address for f in forms] == ["B3", "B19", "B34"]
    assert [(f.first_row + 1, f.last_row + 1) for f in forms] == [(1, 18), (19, 33), (34, 46)]
    assert [f.implementer.text for f in forms] == [
        "某县养老服务中心",
        "某县社会救助中心",
        "某县殡仪馆",
    ]
    # the heading (title, 2023年度) is printed once: every project has its year and period
    assert all(f.year == 2023 and f.unit == "万元" and f.period_month == 7 for f in forms)
    assert [f.period_cell.address for f in forms] == ["E5", "E21", "E36"]


def test_stacked_blocks_keep_their_own_money_goals_and_indicators(book):
    first, second, third = projects(book, stacked_projects())
    assert [len(f.funding.rows) for f in (first, second, third)] == [3, 2, 1]
    assert total_cells(second) == {"initial": "C22", "budget": "D22", "period_executed": "E22",
                                   "period_rate": "F22", "forecast": "G22"}  # fmt: skip
    assert [number_of(f.funding.total.get("budget")) for f in (first, second, third)] == [
        120,
        240,
        80,
    ]
    assert addresses(second.goals.expected) == ["B25"] and addresses(second.goals.actual) == ["G25"]
    assert [len(f.indicators) for f in (first, second, third)] == [5, 5, 5]
    assert addresses([i.target for i in second.indicators]) == [f"E{r}" for r in range(28, 33)]
    assert second.indicators[0].progress.address == "F28"
    assert second.indicators[0].likelihood.address == "M28"


def test_blocks_each_under_its_own_title_are_one_model_each(book):
    """A title over every block: the sheet is cut by its titles (detect), one project each."""
    grid = stacked_projects()
    for row in (18, 33):  # the blank rows between the blocks
        grid.put(f"A{row}", "项目支出绩效目标执行监控表（2023年度）")
    forms = projects(book, grid)
    assert [f.project for f in forms] == PROJECTS
    assert [f.title.address for f in forms] == ["A1", "A18", "A33"]
    assert [(f.year, f.period_month) for f in forms] == [(2023, 7)] * 3


def test_a_period_stated_only_in_the_title_holds_for_every_block(book):
    grid = stacked_projects().put("A1", "项目支出绩效目标执行监控表（1-7月）")
    for row in (5, 21, 36):  # the money labels without a period
        grid.put(f"E{row}", "执行数").put(f"F{row}", "执行率")
    for goals, header in ((9, 11), (24, 26), (38, 40)):
        grid.put(f"G{goals}", "执行情况").put(f"F{header}", "执行情况")
    forms = projects(book, grid)
    assert [(f.period_month, f.period_cell.address) for f in forms] == [(7, "A1")] * 3
    assert [f.title.address if f.title else None for f in forms] == ["A1", None, None]


def test_a_block_missing_its_goals_is_reported_at_the_block_not_the_title(book):
    grid = stacked_projects()
    for cell in ("A24", "B24", "G24", "B25", "G25"):
        grid.put(cell, None)
    found = check_grid(book, grid).findings
    assert [(f.code, f.cell, f.project) for f in found] == [("S002", "A19", "困难群众临时救助")]


def test_a_project_name_repeated_without_its_own_blocks_is_not_a_project(book):
    form = central_136()
    form.rows.append(["项目名称", "社区居家养老服务补助", *[E] * 12])  # repeated under the grid
    (found,) = projects(book, form)
    assert found.project_name.address == "B3" and len(found.indicators) == 7


# --- 一体化 export ------------------------------------------------------------------------------------


def test_export_is_one_model_per_project(book):
    forms = projects(book, yitihua_monitor_export())
    assert [f.project for f in forms] == PROJECTS
    assert [f.project_name.address for f in forms] == ["B5", "B10", "B15"]
    assert [(f.first_row + 1, f.last_row + 1) for f in forms] == [(5, 9), (10, 14), (15, 19)]
    assert [f.implementer.address for f in forms] == ["A5", "A5", "A15"]  # carried down
    assert {f.department.text for f in forms} == {"155-某县民政局"}  # the subtotal: not a project
    assert all(f.year == 2023 and f.unit == "万元" and f.unit_cell.address == "A2" for f in forms)
    assert {(f.period_month, f.period_cell.address) for f in forms} == {(7, "E3")}


def test_export_projects_keep_their_own_money_goals_and_indicators(book):
    forms = projects(book, yitihua_monitor_export())
    assert [total_cells(f)["budget"] for f in forms] == ["D5", "D10", "D15"]
    assert [number_of(f.funding.total.get("budget")) for f in forms] == [120, 240, 80]
    assert total_cells(forms[1]) == {"initial": "C10", "budget": "D10", "period_executed": "E10",
                                     "period_rate": "F10", "forecast": "G10"}  # fmt: skip
    assert [addresses(f.goals.expected) for f in forms] == [["H5"], ["H10"], ["H15"]]
    assert [addresses(f.goals.actual) for f in forms] == [["I5"], ["I10"], ["I15"]]
    assert [len(f.indicators) for f in forms] == [5, 5, 5]
    second = forms[1].indicators[0]
    assert (second.target.address, second.progress.address, second.forecast.address) == (
        "M10",
        "N10",
        "O10",
    )
    assert list(second.causes) == ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"]
    assert second.likelihood.address == "U10" and second.remark.address == "V10"


def test_export_with_the_causes_under_a_group_header(book):
    """偏差原因分析 over the five cause columns: a two-row header, the projects start below it."""
    forms = projects(book, yitihua_monitor_export(cause_group=True))
    assert [f.project_name.address for f in forms] == ["B6", "B11", "B16"]
    assert {f.department.text for f in forms} == {"155-某县民政局"}
    assert [len(f.indicators) for f in forms] == [5, 5, 5]
    ticked = forms[0].indicators[3]
    assert ticked.causes["人员保障"].address == "R9" and ticked.causes["人员保障"].value == "√"
    assert {(f.period_month, f.period_cell.address) for f in forms} == {(7, "E3")}


def test_export_with_a_cause_group_header_is_clean(book):
    result = check_grid(book, yitihua_monitor_export(cause_group=True))
    assert len(result.forms) == 3 and result.findings == []


def test_export_total_row_is_not_a_project(book):
    grid = yitihua_monitor_export()
    grid.rows.append(["合计", E, 400, 440, 275, "62.50%", 440, *[E] * 15])
    forms = projects(book, grid)
    assert len(forms) == 3 and forms[-1].last_row + 1 == 19


# --- the rules run per project ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MULTI_PROJECT_LAYOUTS))
def test_clean_multi_project_sheets_have_no_findings(book, name):
    result = check_grid(book, MULTI_PROJECT_LAYOUTS[name]())
    assert [f.kind for f in result.forms] == ["monitor_project"] * 3
    assert [(f.code, f.cell, f.message) for f in result.findings] == []


@pytest.mark.parametrize(
    ("name", "cell", "value", "code", "at"),
    [
        ("stacked_projects", "F22", "60.00%", "M001", "F22"),  # 150 ÷ 240 = 62.50%
        ("stacked_projects", "G28", None, "M005", "G28"),  # 全年预计完成情况 empty
        ("yitihua_monitor_export", "F10", "60.00%", "M001", "F10"),
        ("yitihua_monitor_export", "O10", "1400户次", "M003", "P10"),  # misses ≥1500户次, no cause
        ("yitihua_monitor_export", "G10", 260, "M006", "G10"),  # 全年预计执行数 above 240
    ],
)
def test_a_fault_in_the_second_project_is_reported_on_its_cell_with_its_name(
    book, name, cell, value, code, at
):
    grid = MULTI_PROJECT_LAYOUTS[name]()
    grid.put(cell, value)
    found = check_grid(book, grid).findings
    assert [(f.code, f.cell, f.project) for f in found] == [(code, at, "困难群众临时救助")]


def test_export_money_is_named_by_its_project(book):
    grid = yitihua_monitor_export().put("G10", 260)
    (finding,) = check_grid(book, grid).findings
    assert finding.message.startswith(
        "困难群众临时救助的全年预计执行数 260.00 超过调整后预算数 240.00"
    )


# --- untitled sheets ----------------------------------------------------------------------------


def test_an_untitled_sheet_is_recognised_by_its_likelihood_column_alone(book):
    """No title and no 1-N月 label anywhere: 完成目标可能性 beside an indicator grid says monitoring."""
    form = central_136()
    form.put("A1", None).put("A2", None).put("E5", "累计执行数").put("F5", "执行率")
    form.put("G9", "执行情况").put("F11", "当前月执行情况")
    (found,) = projects(book, form)
    assert found.title is None and found.period_month is None and len(found.indicators) == 7


def test_an_untitled_sheet_is_recognised_by_its_period_columns(book):
    form = marks_1_6()
    form.put("A1", None)
    (found,) = projects(book, form)
    assert found.title is None and found.layout == "monitor_marks"
    assert (found.period_month, found.period_cell.address) == (6, "E4")


@pytest.mark.parametrize("name", sorted(MULTI_PROJECT_LAYOUTS))
def test_an_untitled_multi_project_sheet_is_still_split(book, name):
    grid = MULTI_PROJECT_LAYOUTS[name]()
    grid.put("A1", None)
    forms = projects(book, grid)
    assert [f.project for f in forms] == PROJECTS and all(f.title is None for f in forms)
    assert {f.period_month for f in forms} == {7}


def test_one_block_sheet_builds_its_label_grid_once(book, monkeypatch):
    # locate_monitors reads the segment once to see whether it holds several projects; a sheet of
    # one project is then read through that same view, not normalised a second time.
    from perfcli.forms import grid as grid_module

    built: list[tuple[int, int]] = []
    original = grid_module.LabelGrid.__post_init__

    def counting(self: Any) -> None:
        built.append((self.first_row, self.last_row))
        original(self)

    monkeypatch.setattr(grid_module.LabelGrid, "__post_init__", counting)
    found = recognise(read_workbook(book(central_136().sheets())))
    assert len(found) == 1
    assert len(built) == len(set(built)), built
