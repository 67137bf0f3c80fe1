"""部门(单位)整体支出绩效目标表 → ``TargetDept``, in the layouts of background §5.

The sheet region is cut into blocks by their labels (labels.toml ``[dept]``): the money block
(年度预算安排 / 部门总体资金情况), the task grid (年度主要任务 / 年度履职目标), the goals
(年度总体目标), 部门职能概述 and the indicator grid; each block ends where the next one starts and is
read by its own locator (``dept_money``, ``dept_tasks``, ``dept_goals``, ``indicators.locate_grid``).
Identity is the department (部门(单位)名称 / 部门名称 / 单位名称): there is no 项目名称.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from perfcli.forms import dept_tasks, indicators, vocab
from perfcli.forms.dept_goals import locate_dept_goals
from perfcli.forms.dept_money import locate_money
from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_identity, split_code
from perfcli.forms.model import Form, Goals, IndicatorGrid, Located, TargetDept, Total
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.cells import Sheet
from perfcli.io.values import DEFAULT_VAGUE_WORDS

# labels.toml [dept] key → block kind
_BLOCK_LABELS = {
    "money_block": "money",
    "tasks_block": "tasks",
    "goals": "goals",
    "indicators": "indicators",
    "summary": "summary",
    "stop": "stop",
}
_NOTE_PREFIXES = ("注:", "注1", "说明:", "填表说明", "填报说明")


@dataclass(frozen=True)
class Block:
    """Where a block of the form starts: its kind, first row and label cell."""

    # money | tasks | goals | indicators | summary | stop | grid | task_header | identity | total
    kind: str
    row: int
    label: Located | None


def locate_target_dept(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
) -> TargetDept:
    """Read one department target table from the rows of ``seg``."""
    grid = LabelGrid(sheet, seg.first_row, seg.last_row)
    form = TargetDept(
        kind="target_dept", sheet=sheet.name, first_row=seg.first_row, last_row=seg.last_row,
        last_col=grid.max_col, title=seg.title, hidden_sheet=sheet.hidden,
    )  # fmt: skip
    # The department first: read_identity looks for the year only above the identity labels.
    read_department(grid, form)
    read_identity(grid, form)
    _drop_unit_as_implementer(form)
    blocks = find_blocks(grid, form)

    def end_of(row: int) -> int:
        later = [b.row for b in blocks if b.row > row]
        return later[0] - 1 if later else seg.last_row

    money = next((b for b in blocks if b.kind == "money"), None)
    if money is not None and money.label is not None:
        form.compositions = locate_money(grid, money.label, end_of(money.row))
        form.funding = form.compositions[0] if form.compositions else None
    task_header = next((b.row for b in blocks if b.kind == "task_header"), None)
    if task_header is not None:
        form.tasks, form.tasks_total, form.task_columns = dept_tasks.locate_tasks(
            grid, task_header, end_of(task_header)
        )
    form.goals = _goals(grid, blocks, end_of)
    grid_header = next((b.row for b in blocks if b.kind == "grid"), None)
    if grid_header is not None:
        form.grid, _ = indicators.locate_grid(grid, grid_header, end_of(grid_header), vague_words)
        total = next((b for b in blocks if b.kind == "total" and b.row > grid_header), None)
        if total is not None and total.label is not None:
            form.total = _read_total(grid, total.label, form.grid)
    summary = next((b for b in blocks if b.kind == "summary"), None)
    if summary is not None and summary.label is not None:
        form.summary = grid.value_right_of(summary.label, max_gap=12)
        form.labels.setdefault("summary", summary.label)
    form.layout = identify_layout(form)
    form.text_cells = _text_cells(form)
    return form


def read_department(grid: LabelGrid, form: TargetDept, *, header_rows: int = 12) -> None:
    """部门(单位)名称 → ``form.department`` (and ``labels["dept_name"]``); 部门预算编码 or the
    name's code prefix → ``form.dept_code``."""
    top = range(grid.first_row, grid.first_row + header_rows + 1)
    name: Located | None = None
    for label in grid.find("identity", "dept_name", rows=top):
        form.labels.setdefault("dept_name", label)
        value = grid.value_right_of(label)
        if value is not None:
            name = value
            break
    if name is None:
        for cell, inline in grid.find_prefixed("identity", "dept_name"):
            if cell.row in top:
                form.labels.setdefault("dept_name", cell)
                name = Located(inline.strip(), cell.sheet, cell.row, cell.col)
                break
    if name is not None:
        form.department = name
    for label in grid.find("dept", "dept_code", rows=top):
        form.labels.setdefault("dept_code", label)
        value = grid.value_right_of(label)
        if value is not None:
            form.dept_code = value.text
            break
    if not form.dept_code and form.department is not None:
        form.dept_code = split_code(form.department.text)[0]


def _drop_unit_as_implementer(form: TargetDept) -> None:
    """单位名称 is read as the implementer by ``read_identity``; here it names the department."""
    dept_label = form.labels.get("dept_name")
    if dept_label is not None and form.labels.get("implementer") == dept_label:
        form.implementer = None
        del form.labels["implementer"]


def find_blocks(grid: LabelGrid, form: TargetDept) -> list[Block]:
    """Where each block starts, top to bottom (a row starts at most one block)."""
    identity_rows = {loc.row for loc in form.labels.values()}
    labels = {key: vocab.labels_for("dept", key) for key in _BLOCK_LABELS}
    total_labels = vocab.labels_for("totals", "total")
    blocks: list[Block] = []
    grid_seen = False
    above: tuple[int, int, str] | None = None  # the previous row's first label
    for row in grid.rows():
        first = _first_label(grid, row)
        repeated = False
        if first is not None:
            this = (first.row, first.col, squash(first.text))
            repeated = (
                above is not None and this == (row, above[1], above[2]) and above[0] == row - 1
            )
            above = this
        if indicators.is_header(grid, row) and not grid_seen:
            grid_seen = True
            blocks.append(Block("grid", row, first))
            continue
        if dept_tasks.is_header(grid, row) and not any(b.kind == "task_header" for b in blocks):
            blocks.append(Block("task_header", row, first))
            continue
        if first is None or repeated:
            continue  # repeated: 年度主要任务 written on each row of its block (merged, filled down)
        text = norm_label(first.text)
        kind = next((k for key, k in _BLOCK_LABELS.items() if text in labels[key]), None)
        if kind is None and squash(first.text).startswith(_NOTE_PREFIXES):
            kind = "stop"
        if kind is None and grid_seen and text in total_labels:
            kind = "total"  # a 合计/总分 row closes the indicator grid
        if kind is None and row in identity_rows:
            kind = "identity"
        if kind is not None:
            blocks.append(Block(kind, row, first))
    return blocks


def _goals(grid: LabelGrid, blocks: list[Block], end_of: Callable[[int], int]) -> Goals | None:
    """The first goals block that holds a goal (or the first one, empty)."""
    found: list[Goals] = []
    for block in blocks:
        if block.kind == "goals" and block.label is not None:
            found.append(locate_dept_goals(grid, block.label, end_of(block.row)))
    return next((g for g in found if g.expected), found[0] if found else None)


def _read_total(grid: LabelGrid, label: Located, ind_grid: IndicatorGrid) -> Total:
    """The 合计/总分 row under the indicator grid: its cells in the 权重/分值 column."""
    total = Total(label=label)
    col = ind_grid.columns.get("weight")
    if col is not None:
        total.weight = grid.cell_at(label.row, col) or Located(None, grid.name, label.row, col)
    return total


def identify_layout(form: TargetDept) -> str:
    """Which department layout the form follows: ``dept_hubei`` (部门总体资金情况 with 当年金额 |
    近两年收支金额 | 占比, 部门职能概述), ``dept_fujian`` (部门预算编码, 年度履职目标 with 部门职能 /
    支出项目名称) or ``dept_national`` (88号)."""
    if form.summary is not None or "summary" in form.labels:
        return "dept_hubei"
    if any({"previous", "share"} & block.columns.keys() for block in form.compositions):
        return "dept_hubei"
    if "dept_code" in form.labels or {"function", "project"} & form.task_columns.keys():
        return "dept_fujian"
    return "dept_national"


def _first_label(grid: LabelGrid, row: int) -> Located | None:
    for cell in grid.row_cells(row):
        if isinstance(cell.value, str) and cell.value.strip():
            return grid.located(row, cell.col)
    return None


def _text_cells(form: TargetDept) -> list[Located]:
    """Free-text cells a preparer fills (goals, tasks, 部门职能概述): S003 looks at these."""
    seen: set[tuple[int, int]] = set()
    out: list[Located] = []
    candidates: list[Located | None] = []
    if form.goals is not None:
        candidates += form.goals.expected
    for task in form.tasks:
        candidates += [task.function, task.name, task.content, task.project]
    candidates.append(form.summary)
    for loc in candidates:
        if loc is not None and isinstance(loc.value, str) and (loc.row, loc.col) not in seen:
            seen.add((loc.row, loc.col))
            out.append(loc)
    return out


def locate_target_depts(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
) -> list[Form]:
    """The dispatch entry (perfcli.forms.LOCATORS): one department table per segment."""
    return [locate_target_dept(sheet, seg, vague_words)]
