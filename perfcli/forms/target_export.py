"""预算管理一体化 exports: many projects in one sheet, one row per 三级 indicator (四川 井研).

``单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | … | 指标性质 | 指标值 | 度量单位 | 权重 | 指标方向性``:
单位名称/项目名称/预算数/年度目标 stand (merged, or written once) on the first row of each project
and are empty on its other rows; a department subtotal row (``820-马踏镇部门 | | 8,827,620.53``)
names the department above its units and is not a project. Each project becomes its own
``TargetProject``: its 项目名称, its 单位名称 as the implementer (carried down), its 预算数 as the
total row of a one-column money block, its 年度目标 as the goal and its rows as its grid.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfcli.forms import indicators, vocab
from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_unit, read_year, split_code
from perfcli.forms.model import (
    Form,
    FundingBlock,
    FundingRow,
    Goals,
    IndicatorGrid,
    IndicatorRow,
    Located,
    TargetProject,
)
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.cells import Sheet
from perfcli.io.values import DEFAULT_VAGUE_WORDS


@dataclass
class ExportColumns:
    header_row: int
    project: int
    unit: int | None = None  # 单位名称
    code: int | None = None  # 项目编码
    budget: int | None = None  # 预算数
    goal: int | None = None  # 年度目标


# (section, key) of labels.toml → the ExportColumns field its column fills (the first one found).
ID_LABELS = (
    ("identity", "project_name", "project"), ("identity", "implementer", "unit"),
    ("identity", "dept_name", "unit"), ("identity", "project_code", "code"),
)  # fmt: skip
_TARGET_LABELS = (
    *ID_LABELS,
    ("funding", "budget", "budget"), ("funding", "total", "budget"), ("goals", "expected", "goal"),
)  # fmt: skip


def export_header(grid: LabelGrid) -> ExportColumns | None:
    """The header row of an export: 项目名称 and the indicator columns on one row."""
    for row in grid.rows():
        cols = indicators.header_columns(grid, row)
        if not ({"level1", "name"} & cols.keys() and "target" in cols):
            continue
        found = export_columns(grid, row, _TARGET_LABELS)
        if found is not None:
            return found
    return None


def export_columns(
    grid: LabelGrid, row: int, wanted: tuple[tuple[str, str, str], ...] = ID_LABELS
) -> ExportColumns | None:
    """The export's columns labelled on ``row`` (``wanted``: see ``ID_LABELS``), or None when
    项目名称 is not among them."""
    found: dict[str, int] = {}
    for cell in grid.row_cells(row):
        if not isinstance(cell.value, str):
            continue
        label = norm_label(cell.value)
        for section, key, name in wanted:
            if label in vocab.labels_for(section, key):
                found.setdefault(name, cell.col)
    return ExportColumns(row, **found) if "project" in found else None


def _text(sheet: Sheet, row: int, col: int | None) -> Located | None:
    if col is None:
        return None
    cell = sheet.get(row, col)
    if cell is None or not cell.text.strip():
        return None
    return Located(cell.value, sheet.name, row, col)


@dataclass
class ExportProject:
    first_row: int
    last_row: int
    name: Located
    unit: Located | None
    department: Located | None
    code: Located | None = None


def locate_export(
    sheet: Sheet,
    seg: Segment,
    grid: LabelGrid,
    cols: ExportColumns,
    vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS,
) -> list[TargetProject]:
    """One ``TargetProject`` per project of the export."""
    header = cols.header_row
    grid_cols = indicators.header_columns(grid, header)
    whole, _ = indicators.locate_grid(
        grid, header, seg.last_row, vague_words, columns=grid_cols, keep_filler_rows=True
    )
    projects = split_projects(sheet, grid, cols, grid_cols, seg.last_row)
    sheet_form = TargetProject(kind="target_project", sheet=sheet.name, first_row=seg.first_row,
                               last_row=seg.last_row, title=seg.title)  # fmt: skip
    read_year(grid, sheet_form)
    read_unit(grid, sheet_form)
    out: list[TargetProject] = []
    for project, project_grid in zip(projects, project_grids(whole, projects), strict=True):
        form = TargetProject(
            kind="target_project", sheet=sheet.name, first_row=project.first_row,
            last_row=project.last_row, first_col=0, last_col=grid.max_col, layout="target_export",
            title=seg.title, hidden_sheet=sheet.hidden, year=sheet_form.year,
            year_cell=sheet_form.year_cell, unit=sheet_form.unit, unit_cell=sheet_form.unit_cell,
        )  # fmt: skip
        identify_project(form, sheet, grid, cols, project)
        form.grid = project_grid
        if cols.budget is not None:
            label = grid.located(header, cols.budget)
            budget = _text(sheet, project.first_row, cols.budget) or Located(
                None, sheet.name, project.first_row, cols.budget
            )
            form.funding = FundingBlock(
                header=label, columns={"budget": cols.budget}, labels={"budget": squash(label.text)},
                rows=[FundingRow(label=label, role="total", cells={"budget": budget})],
            )  # fmt: skip
        if cols.goal is not None:
            label = grid.located(header, cols.goal)
            form.goals = Goals(header=label, expected_label=label)
            goal = _text(sheet, project.first_row, cols.goal)
            if goal is not None:
                form.goals.expected.append(goal)
                form.text_cells.append(goal)
        out.append(form)
    return out


def identify_project(
    form: Form, sheet: Sheet, grid: LabelGrid, cols: ExportColumns, project: ExportProject
) -> None:
    """The project's name, unit, department and code, and the header cells labelling them."""
    form.project_name, form.implementer = project.name, project.unit
    form.department = project.department
    code = _text(sheet, project.first_row, cols.code)
    form.project_code = code.text if code is not None else split_code(project.name.text)[0]
    form.labels["project_name"] = grid.located(cols.header_row, cols.project)
    if cols.unit is not None:
        form.labels["implementer"] = grid.located(cols.header_row, cols.unit)


def project_grids(whole: IndicatorGrid, projects: list[ExportProject]) -> list[IndicatorGrid]:
    """Each project's own indicator grid: the rows of ``whole`` within its rows, in one pass (an
    export may list hundreds of projects)."""
    by_project: list[list[IndicatorRow]] = [[] for _ in projects]
    index = 0
    for ind in whole.rows:
        while index < len(projects) and projects[index].last_row < ind.row:
            index += 1
        if index < len(projects) and projects[index].first_row <= ind.row:
            by_project[index].append(ind)
    out = []
    for project, rows in zip(projects, by_project, strict=True):
        out.append(IndicatorGrid(
            header=whole.header, columns=dict(whole.columns), rows=rows,
            first_row=whole.first_row, last_row=rows[-1].row if rows else project.first_row,
        ))  # fmt: skip
    return out


def _continues(
    current: ExportProject | None, name: Located, unit: Located | None, code: Located | None
) -> bool:
    """A row repeating the project's name (and unit, code) on every indicator row, as many exports
    write them instead of merging, belongs to the project above: it does not start a new one."""
    if current is None or squash(name.text) != squash(current.name.text):
        return False
    if (
        unit is not None
        and current.unit is not None
        and squash(unit.text) != squash(current.unit.text)
    ):
        return False
    return not (
        code is not None
        and current.code is not None
        and squash(code.text) != squash(current.code.text)
    )


def split_projects(
    sheet: Sheet, grid: LabelGrid, cols: ExportColumns, grid_cols: dict[str, int], last_row: int
) -> list[ExportProject]:
    """Cut the rows under the header into projects; subtotal rows end a project and are skipped."""
    indicator_cols = [
        grid_cols[k] for k in ("level1", "level2", "name", "target") if k in grid_cols
    ]
    projects: list[ExportProject] = []
    unit: Located | None = None
    department: Located | None = None
    current: ExportProject | None = None
    for row in range(cols.header_row + 1, last_row + 1):
        if not grid.row_cells(row):
            continue
        name = _text(sheet, row, cols.project)
        row_unit = _text(sheet, row, cols.unit)
        has_indicator = any(_text(sheet, row, col) is not None for col in indicator_cols)
        if name is None and not has_indicator:
            # A department subtotal (820-马踏镇部门 | | 8,827,620.53) or a 合计 row: not a project.
            if current is not None:
                projects.append(current)
                current = None
            if row_unit is not None and norm_label(row_unit.text) not in vocab.labels_for(
                "totals", "total"
            ):
                department, unit = row_unit, None
            continue
        if row_unit is not None:
            unit = row_unit
        code = _text(sheet, row, cols.code)
        if name is not None and not _continues(current, name, row_unit, code):
            if current is not None:
                projects.append(current)
            current = ExportProject(row, row, name, unit, department, code)
        elif current is not None:
            current.last_row = row
    if current is not None:
        projects.append(current)
    return projects
