"""项目支出绩效目标表 → ``TargetProject`` (one per project; 一体化 exports hold many per sheet).

A one-project sheet is cut into blocks by their first rows — the money block (项目资金 /
资金总额及构成), a cost build-up (成本构成 | 金额 …), the goals (年度目标, 中期/长期目标), one or
two indicator grids (中期 and 年度, stacked or side by side), a weights total and printed notes —
and each block is read by its own locator: ``target_funding``, ``target_cost``, ``target_goals``
and ``target_grids`` (which reads every grid with ``indicators.locate_grid``). An 一体化 export
(项目名称 on the indicator header row) is read by ``target_export``, one model per project.

Layouts (``TargetProject.layout``; the blocks each asks for are in labels.toml ``[layouts]``):
``target_national`` (88号 申报表 and its regional copies), ``target_side_by_side`` (武汉, 东莞),
``target_split`` (指标性质 | 指标值 | 度量单位 | 权重 | 指标方向性), ``target_export`` (一体化),
``target_cost`` (鄂州), ``target_scored`` (奉节: 预算执行 10分, 年度绩效目标(90分)) and
``target_graded`` (邯郸: 优 | 良 | 中 | 差 thresholds).
"""

from __future__ import annotations

from collections.abc import Callable

from perfcli.forms import (
    target_cost,
    target_export,
    target_funding,
    target_goals,
    target_grids,
    vocab,
)
from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_identity
from perfcli.forms.model import IndicatorGrid, IndicatorRow, Located, TargetProject, Total
from perfcli.forms.normalize import norm_label, squash
from perfcli.forms.target_grids import ANNUAL, MIDTERM, GridSpec
from perfcli.io.cells import Sheet
from perfcli.io.values import DEFAULT_VAGUE_WORDS, parse_number


def locate_target_projects(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
) -> list[TargetProject]:
    """Every project target table in the segment: one, or one per project of an 一体化 export."""
    grid = LabelGrid(sheet, seg.first_row, seg.last_row)
    export = target_export.export_header(grid)
    if export is not None:
        return target_export.locate_export(sheet, seg, grid, export, vague_words)
    return [locate_target_project(sheet, seg, grid, vague_words)]


def locate_target_project(
    sheet: Sheet,
    seg: Segment,
    grid: LabelGrid,
    vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS,
) -> TargetProject:
    """A one-project target table, read block by block."""
    form = TargetProject(
        kind="target_project", sheet=sheet.name, first_row=seg.first_row, last_row=seg.last_row,
        last_col=grid.max_col, title=seg.title, hidden_sheet=sheet.hidden,
    )  # fmt: skip
    read_identity(grid, form)
    specs = target_grids.find_grids(grid)
    header_rows = {r for s in specs for r in range(s.top_row, s.first_data)}
    rows = list(grid.rows())
    # The cost build-up first: its 合计 row is not the money block's total nor the weights' total.
    cost_rows: set[int] = set()
    cost_row = target_cost.find_header(grid)
    if cost_row is not None:
        later = [r for r in header_rows if r > cost_row]
        form.cost = target_cost.locate_cost(
            grid, cost_row, min(later, default=seg.last_row + 1) - 1
        )
        last = (
            form.cost.total.label.row
            if form.cost.total
            else max((line.label.row for line in form.cost.rows), default=cost_row)
        )
        cost_rows = set(range(cost_row, last + 1))
    skip = header_rows | cost_rows
    first_grid = min((s.header_row for s in specs), default=None)
    total_rows = [
        r for r in rows
        if first_grid is not None and r > first_grid and r not in skip and _first_is_total(grid, r)
    ]  # fmt: skip
    # A 合计 row under a grid totals the weights: it does not open a money block.
    funding_row = next(
        (
            r
            for r in rows
            if r not in skip and r not in total_rows and target_funding.is_start(grid, r)
        ),
        None,
    )
    stop_rows = [r for r in rows if r not in skip and _is_stop(grid, r)]
    goal_labels = target_goals.goal_labels(grid, skip)
    goal_rows = {label.row for label, _ in goal_labels}
    stops = sorted(
        header_rows | goal_rows | set(total_rows) | set(stop_rows)
        | ({cost_row} if cost_row is not None else set())
        | ({funding_row} if funding_row is not None else set())
    )  # fmt: skip

    def end_of(start: int, *, also: set[int] | None = None) -> int:
        later = [r for r in stops if r > start and (also is None or r not in also)]
        return (later[0] - 1) if later else seg.last_row

    if funding_row is not None:
        form.funding = target_funding.locate_funding(grid, funding_row, end_of(funding_row))
    _read_grids(grid, form, specs, end_of, vague_words)
    if goal_labels:
        grid_rows = _grid_rows(form)
        labels = [(loc, kind) for loc, kind in goal_labels if loc.row not in grid_rows]
        end = max((end_of(loc.row, also=goal_rows) for loc, _ in labels), default=seg.last_row)
        form.goals = target_goals.locate_goals(grid, labels, end)
    if form.grid is not None:
        total_row = next((r for r in total_rows if r > form.grid.first_row), None)
        if total_row is not None:
            form.total = _read_total(grid, total_row, form.grid)
    weight = target_cost.execution_weight(grid, header_rows | _grid_rows(form))
    if weight is not None and form.execution_weight is None:
        form.execution_weight, form.execution_cell = weight
    _read_attributes(grid, form, before=min(stops, default=seg.last_row))
    _read_unit_from_amounts(form)
    _collect_text_cells(form)
    form.layout = _layout(form, specs)
    return form


def _read_grids(
    grid: LabelGrid,
    form: TargetProject,
    specs: list[GridSpec],
    end_of: Callable[[int], int],
    vague_words: tuple[str, ...],
) -> None:
    """Read each grid; place it as the 年度 ``grid`` or the 中期 ``midterm_grid``."""
    read: list[tuple[GridSpec, IndicatorGrid]] = []
    for spec in specs:
        ind_grid, execution_row, notes = target_grids.read_grid(
            grid, spec, end_of(spec.first_data - 1), vague_words
        )
        form.notes.extend(notes)
        if execution_row is not None and form.execution_weight is None:
            number = execution_row.weight.number if execution_row.weight is not None else None
            if number is not None and number.ok:
                form.execution_weight = number.value
                form.execution_cell = execution_row.weight
        previous = read[-1] if read else None
        if previous is not None and _continues(previous, (spec, ind_grid)):
            _append_rows(previous[1], ind_grid)  # a header printed again on the next page
            continue
        read.append((spec, ind_grid))
    unsaid = [item for item in read if not item[0].period]
    if len(read) == 2 and len(unsaid) == 2:
        read[0][0].period, read[1][0].period = MIDTERM, ANNUAL  # 88号 prints 中期 first
    elif len(unsaid) == 1 and len(read) == 2:
        other = read[1] if unsaid[0] is read[0] else read[0]
        unsaid[0][0].period = MIDTERM if other[0].period == ANNUAL else ANNUAL
    for spec, ind_grid in read:
        if spec.period == MIDTERM and form.midterm_grid is None:
            form.midterm_grid = ind_grid
        elif form.grid is None:
            form.grid = ind_grid
    if form.grid is None and form.midterm_grid is not None:
        form.grid, form.midterm_grid = form.midterm_grid, None  # a lone 长期 grid is the only one
    rows: list[IndicatorRow] = form.all_indicators
    form.level1_bands = target_grids.level1_bands(rows)


def _continues(
    previous: tuple[GridSpec, IndicatorGrid], following: tuple[GridSpec, IndicatorGrid]
) -> bool:
    """A second, unlabelled header with the same columns whose rows do not start the categories
    over (产出指标 … again) continues the grid above it rather than starting the 年度 one."""
    (spec_a, grid_a), (spec_b, grid_b) = previous, following
    if spec_a.period or spec_b.period or spec_a.side_by_side or spec_b.side_by_side:
        return False
    if spec_a.columns != spec_b.columns or not grid_a.rows or not grid_b.rows:
        return False
    first_a, first_b = grid_a.rows[0].level1_name, grid_b.rows[0].level1_name
    return not first_b or norm_label(first_b) != norm_label(first_a)


def _append_rows(grid: IndicatorGrid, more: IndicatorGrid) -> None:
    last = grid.rows[-1]
    for ind in more.rows:
        if ind.level1 is None:
            ind.level1 = last.level1  # merged across the page break
            if ind.level2 is None:
                ind.level2 = last.level2
        grid.rows.append(ind)
    grid.last_row = more.last_row


def _grid_rows(form: TargetProject) -> set[int]:
    out: set[int] = set()
    for ind_grid in (form.grid, form.midterm_grid):
        if ind_grid is not None:
            out.update(range(ind_grid.first_row, ind_grid.last_row + 1))
    return out


def _first_text(grid: LabelGrid, row: int) -> Located | None:
    for cell in grid.row_cells(row):
        if isinstance(cell.value, str) and cell.value.strip():
            return grid.located(row, cell.col)
    return None


def _first_is_total(grid: LabelGrid, row: int) -> bool:
    first = _first_text(grid, row)
    return first is not None and norm_label(first.text) in vocab.labels_for("totals", "total")


def _is_stop(grid: LabelGrid, row: int) -> bool:
    first = _first_text(grid, row)
    if first is None:
        return False
    text = squash(first.text)
    return norm_label(text) in vocab.labels_for("target", "stop") or text.startswith(
        ("注:", "说明:", "备注:", "填报说明")
    )


def _read_total(grid: LabelGrid, row: int, ind_grid: IndicatorGrid) -> Total:
    label = _first_text(grid, row)
    assert label is not None
    total = Total(label=label)
    col = ind_grid.columns.get("weight")
    if col is not None:
        loc = grid.cell_at(row, col)
        total.weight = (
            loc if loc is not None and loc.col == col else Located(None, grid.name, row, col)
        )
    else:
        numbers = [
            grid.located(row, c.col) for c in grid.row_cells(row) if parse_number(c.value).ok
        ]
        total.weight = numbers[0] if numbers else None
    return total


def _read_attributes(grid: LabelGrid, form: TargetProject, before: int) -> None:
    """项目属性, 项目期, 建设周期, 项目审批 … printed beside the identity."""
    for label in grid.find("identity", "attributes"):
        if label.row > before:
            continue
        value = grid.value_right_of(label)
        if value is not None:
            form.attributes.setdefault(norm_label(label.text), value)


def _read_unit_from_amounts(form: TargetProject) -> None:
    """No 单位 label: the unit written inside the amounts (``10000万元``)."""
    if form.unit:
        return
    cells: list[Located] = []
    if form.funding is not None:
        cells += [loc for row in form.funding.rows for loc in row.cells.values()]
    if form.cost is not None:
        for line in (*form.cost.rows, *([form.cost.total] if form.cost.total else [])):
            if line.amount is not None:
                cells.append(line.amount)
    for loc in cells:
        unit = parse_number(loc.value).unit if isinstance(loc.value, str) else ""
        if unit in ("万元", "元"):
            form.unit, form.unit_cell = unit, loc
            return


def _collect_text_cells(form: TargetProject) -> None:
    """Free text a preparer fills (goals, notes): S003 looks for left-over instructions here."""
    seen: set[tuple[int, int]] = {(c.row, c.col) for c in form.text_cells}
    goals = form.goals
    cells = [*(goals.expected if goals else []), *(goals.midterm if goals else []), *form.notes]
    for loc in cells:
        if isinstance(loc.value, str) and (loc.row, loc.col) not in seen:
            seen.add((loc.row, loc.col))
            form.text_cells.append(loc)


def _layout(form: TargetProject, specs: list[GridSpec]) -> str:
    ind = form.grid
    if form.cost is not None:
        return "target_cost"
    if any(s.grades for s in specs):
        return "target_graded"
    if form.execution_weight is not None or (ind is not None and ind.weight_from_label is not None):
        return "target_scored"
    if any(s.side_by_side for s in specs):
        return "target_side_by_side"
    if ind is not None and ("nature" in ind.columns or "unit" in ind.columns):
        return "target_split"
    return "target_national"
