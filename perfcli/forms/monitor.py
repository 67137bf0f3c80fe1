"""绩效运行监控表 → ``MonitorProject`` / ``MonitorDept`` (财预〔2019〕136号; background §6).

The sheet region is cut into blocks by their first rows — the money block (a header with 年初预算数 /
调整后预算数 and 1-N月执行数 / 执行率 / 全年预计执行数), the goals (年度总体目标), the indicator grid
(一级指标 … 年度指标值 | 1-N月执行情况 | 全年预计完成情况 | causes | 完成目标可能性 | 备注), a 合计
row, form-level explanations (偏差原因分析及纠偏措施, 说明 …) and sign-off rows — and each block is
read by its own locator: ``monitor_funding``, ``monitor_goals``, ``monitor_grid``.

A sheet may hold several projects (forms.md §1): project blocks stacked down the sheet, each led by
its 项目名称 row (``project_blocks``: each is read as its own table, the heading's year and unit
carried down), or an 一体化 export with 项目名称 on the indicator header row (``monitor_export``).

Layouts (``MonitorForm.layout``; their required blocks are in labels_monitor.toml ``[layouts]``):
``monitor_central`` (the 136号 table: 完成目标可能性 as one text column), ``monitor_marks`` (完成目标
可能性 as three tick columns 确定能 | 有可能 | 完全不可能) and ``monitor_dept`` (部门整体).
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from perfcli.forms import (
    indicators,
    monitor_export,
    monitor_funding,
    monitor_goals,
    monitor_vocab,
    vocab,
)
from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_identity, split_code
from perfcli.forms.model import Form, IndicatorGrid, Located, Total
from perfcli.forms.model_monitor import MonitorDept, MonitorForm, MonitorProject
from perfcli.forms.monitor_grid import locate_monitor_grid
from perfcli.forms.normalize import label_unit, norm_label, squash
from perfcli.io.cells import Sheet
from perfcli.io.values import DEFAULT_VAGUE_WORDS

_NOTE_PREFIXES = ("注:", "注1", "说明:", "填表说明", "填报说明")


def locate_monitor(
    sheet: Sheet,
    seg: Segment,
    vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS,
    grid: LabelGrid | None = None,
) -> MonitorForm:
    """Read one monitoring table (project or department) from the rows of ``seg`` (``grid``: the
    view of those rows when the caller has one already)."""
    if grid is None or (grid.first_row, grid.last_row) != (seg.first_row, seg.last_row):
        grid = LabelGrid(sheet, seg.first_row, seg.last_row)
    cls = MonitorDept if seg.kind == "monitor_dept" else MonitorProject
    form: MonitorForm = cls(
        kind=seg.kind, sheet=sheet.name, first_row=seg.first_row, last_row=seg.last_row,
        last_col=grid.max_col, title=seg.title, hidden_sheet=sheet.hidden,
    )  # fmt: skip
    if isinstance(form, MonitorDept):
        _read_department(grid, form)  # first: read_identity looks for the year above it
    read_identity(grid, form)
    if isinstance(form, MonitorDept) and form.labels.get("implementer") == form.labels.get(
        "dept_name"
    ):
        form.implementer = None  # 单位名称 names the department here
        form.labels.pop("implementer", None)
    rows = list(grid.rows())
    funding_row = next((r for r in rows if monitor_funding.is_header(grid, r)), None)
    grid_row = next((r for r in rows if r != funding_row and indicators.is_header(grid, r)), None)
    goals_label = _goals_label(grid, rows, {funding_row, grid_row}, grid_row)
    total_row = _first_row(grid, rows, after=grid_row, labels=vocab.labels_for("totals", "total"))
    reason_labels = _reason_labels(grid, rows, grid_row)
    stop_rows = [r for r in rows if _is_stop(grid, r)]
    stops = sorted(
        {r for r in (funding_row, grid_row, total_row) if r is not None}
        | {loc.row for loc in reason_labels}
        | set(stop_rows)
        | ({goals_label.row} if goals_label is not None else set())
    )

    def end_of(start: int) -> int:
        later = [r for r in stops if r > start]
        return later[0] - 1 if later else seg.last_row

    if funding_row is not None:
        form.funding = monitor_funding.locate_funding(grid, funding_row, end_of(funding_row))
    if goals_label is not None:
        form.goals = monitor_goals.locate_goals(grid, goals_label, end_of(goals_label.row))
    if grid_row is not None:
        form.grid = locate_monitor_grid(grid, grid_row, end_of(grid_row), vague_words)
        if total_row is not None:
            form.total = _read_total(grid, total_row, form.grid)
    for label in reason_labels:
        value = grid.value_right_of(label, max_gap=20)
        if value is not None and not monitor_goals.is_label(grid, value.row, value.col):
            form.form_reasons.append(value)
    _read_period(grid, form, rows)
    _read_unit(grid, form)
    form.text_cells = _text_cells(form)
    form.layout = _layout(form)
    return form


def _first_label(grid: LabelGrid, row: int) -> Located | None:
    for cell in grid.row_cells(row):
        if isinstance(cell.value, str) and cell.value.strip():
            return grid.located(row, cell.col)
    return None


def _goals_label(
    grid: LabelGrid, rows: list[int], skip: set[int | None], grid_row: int | None
) -> Located | None:
    """The 年度总体目标 label: the first cell of a row above the grid (any row if no grid)."""
    for row in rows:
        if row in skip or (grid_row is not None and row > grid_row):
            continue
        first = _first_label(grid, row)
        if first is not None and monitor_goals.is_goals_label(first.text):
            return first
    return None


def _first_row(
    grid: LabelGrid, rows: list[int], *, after: int | None, labels: frozenset[str]
) -> int | None:
    if after is None:
        return None
    for row in rows:
        first = _first_label(grid, row)
        if row > after and first is not None and norm_label(first.text) in labels:
            return row
    return None


def _reason_labels(grid: LabelGrid, rows: list[int], grid_row: int | None) -> list[Located]:
    """Form-level explanation labels (偏差原因分析及纠偏措施 | text): below the grid's header rows."""
    out = []
    for row in rows:
        if grid_row is not None and grid_row <= row <= grid_row + 1:
            continue  # 偏差原因分析 / 备注 in the grid's own header
        first = _first_label(grid, row)
        if first is not None and norm_label(first.text) in monitor_vocab.labels("form_reason"):
            out.append(first)
    return out


def _is_stop(grid: LabelGrid, row: int) -> bool:
    first = _first_label(grid, row)
    if first is None:
        return False
    text = squash(first.text)
    if text.startswith(_NOTE_PREFIXES):
        return True
    head = text.split(":", 1)[0]
    return norm_label(head) in monitor_vocab.labels("stop")


def _read_total(grid: LabelGrid, row: int, ind_grid: IndicatorGrid) -> Total:
    """A 合计 row under the grid: its cell in the 权重/分值 column."""
    label = _first_label(grid, row)
    assert label is not None  # the row was found by its first label
    total = Total(label=label)
    col = ind_grid.columns.get("weight")
    if col is not None:
        total.weight = grid.cell_at(row, col) or Located(None, grid.name, row, col)
    return total


def _read_department(grid: LabelGrid, form: MonitorDept, *, header_rows: int = 12) -> None:
    """部门(单位)名称 → ``department`` (and ``labels["dept_name"]``); its code prefix or 部门预算编码
    → ``dept_code``."""
    top = range(grid.first_row, grid.first_row + header_rows + 1)
    for label in grid.find("identity", "dept_name", rows=top):
        form.labels.setdefault("dept_name", label)
        value = grid.value_right_of(label)
        if value is not None:
            form.department = value
            break
    if form.department is None:
        for cell, inline in grid.find_prefixed("identity", "dept_name"):
            if cell.row in top:
                form.labels.setdefault("dept_name", cell)
                form.department = Located(inline.strip(), cell.sheet, cell.row, cell.col)
                break
    for label in grid.find("dept", "dept_code", rows=top):
        value = grid.value_right_of(label)
        if value is not None:
            form.dept_code = value.text
            break
    if not form.dept_code and form.department is not None:
        form.dept_code = split_code(form.department.text)[0]


def _read_period(grid: LabelGrid, form: MonitorForm, rows: list[int]) -> None:
    """N of 1-N月: from the money block's labels, the grid's, the goals', a 监控期间 field, the
    title or the heading rows — the first that states one."""
    candidates: list[Located] = []
    if form.funding is not None:
        found = monitor_funding.period_of(grid, form.funding.header.row)
        if found is not None:
            form.period_month, form.period_cell = found
            return
    if form.grid is not None:
        for key in ("progress", "forecast"):
            col = form.grid.columns.get(key)
            if col is not None:
                header = form.grid.header.row
                candidates += [grid.located(r, col) for r in (header, header + 1)]
    if form.goals is not None and form.goals.actual_label is not None:
        candidates.append(form.goals.actual_label)
    period_labels = monitor_vocab.labels("period_label")
    for row in rows:
        for loc in grid.texts_in_row(row):
            if isinstance(loc.value, str) and norm_label(loc.value) in period_labels:
                value = grid.value_right_of(loc)
                if value is not None:
                    candidates.append(value)
    if form.title is not None:
        candidates.append(form.title)
    candidates += [loc for row in rows[:3] for loc in grid.texts_in_row(row)]
    for loc in candidates:
        if isinstance(loc.value, str):
            month = monitor_vocab.find_period(loc.value)
            if month is not None:
                form.period_month, form.period_cell = month, loc
                return


def _read_unit(grid: LabelGrid, form: MonitorForm) -> None:
    """The amount unit from the money block's header (项目资金（万元）) when none was declared."""
    if form.unit or form.funding is None:
        return
    for cell in grid.row_cells(form.funding.header.row):
        unit = label_unit(str(cell.value)) if isinstance(cell.value, str) else ""
        if unit:
            form.unit, form.unit_cell = unit, grid.located(cell.row, cell.col)
            return


def _text_cells(form: MonitorForm) -> list[Located]:
    """Free-text cells a preparer fills (goals and their progress, explanations): S003 reads them."""
    out: list[Located] = []
    seen: set[tuple[int, int]] = set()
    cells = list(form.form_reasons)
    if form.goals is not None:
        cells = [*form.goals.expected, *form.goals.actual, *cells]
    for loc in cells:
        if isinstance(loc.value, str) and (loc.row, loc.col) not in seen:
            seen.add((loc.row, loc.col))
            out.append(loc)
    return out


def _layout(form: MonitorForm) -> str:
    if isinstance(form, MonitorDept):
        return "monitor_dept"
    if form.grid is not None and any(k.startswith("mark:") for k in form.grid.columns):
        return "monitor_marks"
    return "monitor_central"


def locate_monitors(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
) -> list[Form]:
    """The dispatch entry (perfcli.forms.LOCATORS): the monitoring tables of a segment — one, one
    per project block stacked down the sheet, or one per project of an 一体化 export."""
    if seg.kind == "monitor_dept":
        return [locate_monitor(sheet, seg, vague_words)]
    grid = LabelGrid(sheet, seg.first_row, seg.last_row)
    export = monitor_export.export_header(grid)
    if export is not None:
        forms = monitor_export.locate_export(sheet, seg, grid, export, vague_words)
        for form in forms:
            form.text_cells = _text_cells(form)
            form.layout = _layout(form)
        return list(forms)
    blocks = project_blocks(grid)
    if len(blocks) == 1:  # the common case: the segment's own view, not built again
        return [locate_monitor(sheet, seg, vague_words, grid)]
    # The title heads the first block only: a finding about a later block as a whole points at
    # that block's first row. The heading (year, unit, a period in the title) is printed once
    # above the first block and holds for every block.
    found = [
        locate_monitor(
            sheet, replace(seg, first_row=a, last_row=b, title=seg.title if i == 0 else None),
            vague_words,
        )
        for i, (a, b) in enumerate(blocks)
    ]  # fmt: skip
    first = found[0]
    for later in found[1:]:
        if later.year is None:
            later.year, later.year_cell = first.year, first.year_cell
        if not later.unit:
            later.unit, later.unit_cell = first.unit, first.unit_cell
        if later.period_month is None:
            later.period_month, later.period_cell = first.period_month, first.period_cell
    return list(found)


def project_blocks(grid: LabelGrid) -> list[tuple[int, int]]:
    """The rows of each project block: a block starts at a row led by 项目名称 and holds its own
    money block or indicator grid; the first also holds the heading above it. One block when the
    sheet repeats no project."""
    starts = [
        label.row
        for label in grid.find("identity", "project_name")
        if (first := _first_label(grid, label.row)) is not None and first.col == label.col
    ]
    starts = sorted(set(starts))
    if len(starts) < 2:
        return [(grid.first_row, grid.last_row)]
    bounds = [grid.first_row, *starts[1:], grid.last_row + 1]
    blocks = [(a, b - 1) for a, b in itertools.pairwise(bounds)]
    for a, b in blocks:
        rows = [r for r in grid.rows() if a <= r <= b]
        if not any(
            monitor_funding.is_header(grid, r) or indicators.is_header(grid, r) for r in rows
        ):
            return [(grid.first_row, grid.last_row)]  # 项目名称 written again inside a block
    return blocks
