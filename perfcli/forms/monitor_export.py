"""预算管理一体化 exports of the monitoring: many projects in one sheet, one row per 三级 indicator.

The shape of the 一体化 target export (``target_export``) with the monitoring columns:
``单位名称 | 项目名称 | 年初预算数 | 调整后预算数 | 1-N月执行数 | 1-N月执行率 | 全年预计执行数 | 年度总体目标 |
年度目标执行情况 | 一级指标 … 年度指标值 | 1-N月执行情况 | 全年预计完成情况 | causes | 完成目标可能性 | 备注``
on one header row (the causes and the likelihood ticks may stand on a second row under a group
label). 单位名称, 项目名称, the money and the goal stand on the first row of each project (merged,
or written once); a department subtotal row (``155-某县民政局 | | 400 …``) is not a project. The
projects are cut as the target export cuts them (``target_export.split_projects``); each becomes
its own ``MonitorProject``: its money a one-row block (the project's 年度资金总额, labelled by its
项目名称 cell), its goal and progress, its indicator rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from perfcli.forms import monitor_funding, monitor_goals, monitor_grid, monitor_vocab
from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_unit, read_year
from perfcli.forms.model import (
    FundingBlock,
    FundingRow,
    Goals,
    Located,
)
from perfcli.forms.model_monitor import MonitorProject
from perfcli.forms.normalize import squash
from perfcli.forms.target_export import (  # the same cutting into projects
    ExportColumns,
    export_columns,
    identify_project,
    project_grids,
    split_projects,
)
from perfcli.io.cells import Sheet
from perfcli.io.values import DEFAULT_VAGUE_WORDS

_AMOUNTS = ("initial", "budget", "period_executed", "period_rate", "forecast")


@dataclass
class MonitorExportColumns:
    """Where the per-project columns of an export stand (the indicator columns: ``grid``)."""

    ids: ExportColumns  # 项目名称, 单位名称, 项目编码 on the header row
    money: dict[str, int] = field(default_factory=dict)
    goal: int | None = None  # 年度总体目标
    goal_progress: int | None = None  # 年度目标执行情况
    grid: dict[str, int] = field(default_factory=dict)
    first_data: int = 0


def export_header(grid: LabelGrid) -> MonitorExportColumns | None:
    """The header row of an export: 项目名称 beside the indicator columns (一级/三级, 年度指标值)."""
    for row in grid.rows():
        cols, first_data = monitor_grid.columns(grid, row)
        if not ({"level1", "name"} & cols.keys() and "target" in cols):
            continue
        ids = export_columns(grid, row)
        if ids is None:
            continue
        found = MonitorExportColumns(ids=ids, first_data=first_data)
        money = monitor_funding.header_columns(grid, row)
        found.money = {k: c for k, c in money.items() if k in _AMOUNTS}
        for cell in grid.row_cells(row):
            if not isinstance(cell.value, str) or cell.col in found.money.values():
                continue
            if found.goal is None and monitor_goals.is_goals_label(cell.value):
                found.goal = cell.col
            elif (
                found.goal_progress is None
                and monitor_vocab.goals_key(cell.value) == "progress"
                and monitor_vocab.grid_key(cell.value) is None
            ):
                found.goal_progress = cell.col
        taken = {ids.project, ids.unit, ids.code, found.goal, found.goal_progress}
        taken |= set(found.money.values())
        found.grid = {k: c for k, c in cols.items() if c not in taken}
        return found
    return None


def _cell(sheet: Sheet, row: int, col: int) -> Located:
    cell = sheet.get(row, col)
    return Located(cell.value if cell is not None else None, sheet.name, row, col)


def locate_export(
    sheet: Sheet,
    seg: Segment,
    grid: LabelGrid,
    cols: MonitorExportColumns,
    vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS,
) -> list[MonitorProject]:
    """One ``MonitorProject`` per project of the export (layout and text cells: ``monitor``)."""
    header = cols.ids.header_row
    whole = monitor_grid.locate_monitor_grid(
        grid, header, seg.last_row, vague_words, only=cols.grid
    )
    heading = MonitorProject(kind="monitor_project", sheet=sheet.name, first_row=seg.first_row,
                             last_row=seg.last_row, title=seg.title)  # fmt: skip
    read_year(grid, heading)
    read_unit(grid, heading)
    period = monitor_funding.period_of(grid, header) if cols.money else None
    # The subtotal rows are cut from the rows under the whole header (two rows when it has two).
    ids = replace(cols.ids, header_row=cols.first_data - 1)
    projects = split_projects(sheet, grid, ids, cols.grid, seg.last_row)
    out: list[MonitorProject] = []
    for project, project_grid in zip(projects, project_grids(whole, projects), strict=True):
        form = MonitorProject(
            kind="monitor_project", sheet=sheet.name, first_row=project.first_row,
            last_row=project.last_row, first_col=0, last_col=grid.max_col, title=seg.title,
            hidden_sheet=sheet.hidden, year=heading.year, year_cell=heading.year_cell,
            unit=heading.unit, unit_cell=heading.unit_cell,
        )  # fmt: skip
        identify_project(form, sheet, grid, cols.ids, project)
        if period is not None:
            form.period_month, form.period_cell = period
        form.funding = _money(grid, cols, project.first_row, project.name)
        form.goals = _goals(grid, sheet, cols, project.first_row)
        form.grid = project_grid
        out.append(form)
    return out


def _money(
    grid: LabelGrid, cols: MonitorExportColumns, row: int, name: Located
) -> FundingBlock | None:
    """The project's money: one total row (its cells on the project's first row)."""
    if not cols.money:
        return None
    header = cols.ids.header_row
    first = min(cols.money.values())
    block = FundingBlock(header=grid.located(header, first), columns=dict(cols.money))
    block.labels = {k: squash(grid.located(header, c).text) for k, c in cols.money.items()}
    if "budget" not in cols.money and "initial" in cols.money:
        block.rate_base = "initial"
    cells = {key: _cell(grid.sheet, row, col) for key, col in cols.money.items()}
    block.rows.append(FundingRow(label=name, role="total", cells=cells))
    return block


def _goals(grid: LabelGrid, sheet: Sheet, cols: MonitorExportColumns, row: int) -> Goals | None:
    """The project's 年度总体目标 and its progress (the cells on the project's first row)."""
    if cols.goal is None:
        return None
    header = cols.ids.header_row
    label = grid.located(header, cols.goal)
    goals = Goals(header=label, expected_label=label)
    goal = _cell(sheet, row, cols.goal)
    if not goal.is_empty:
        goals.expected.append(goal)
    if cols.goal_progress is not None:
        goals.actual_label = grid.located(header, cols.goal_progress)
        goals.has_actual_column = True
        progress = _cell(sheet, row, cols.goal_progress)
        if not progress.is_empty:
            goals.actual.append(progress)
    return goals
