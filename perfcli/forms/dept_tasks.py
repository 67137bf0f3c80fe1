"""The 年度主要任务 / 年度履职目标 grid of a department table → ``TaskRow`` per task.

Layouts read (labels in labels.toml ``[dept]``):

* 88号: ``任务名称 | 主要内容 | 预算申请(万元)`` over a second header row ``总额 | 财政拨款 | 其他资金``,
  closed by a ``金额合计`` row;
* 宁德: ``部门职能 | 年度目标任务 | 支出项目名称 | 预算金额(万元)``, where one function or task is merged
  down over the rows of its expense projects;
* 广水: ``任务名称 | 主要内容 | 预算金额(万元)``.

Money columns are ``budget`` (总额 / 预算金额), ``fiscal`` (财政拨款) and ``other`` (其他资金). A text
cell merged down over several rows belongs to each of them (the task of several projects); an amount
belongs only to the row it starts in, so that nothing is added twice.
"""

from __future__ import annotations

from perfcli.forms import vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import Located, TaskRow
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.values import is_placeholder

TEXT_KEYS = ("function", "name", "content", "project")
MONEY_KEYS = ("budget", "fiscal", "other")
TASK_KEYS = TEXT_KEYS + MONEY_KEYS


def column_key(text: str) -> str | None:
    label = norm_label(text)
    for key in TASK_KEYS:
        if label in vocab.labels_for("dept", f"task_{key}"):
            return key
    return None


def header_columns(grid: LabelGrid, row: int) -> dict[str, int]:
    cols: dict[str, int] = {}
    for cell in grid.row_cells(row):
        if isinstance(cell.value, str):
            key = column_key(cell.value)
            if key is not None and key not in cols:
                cols[key] = cell.col
    return cols


def is_header(grid: LabelGrid, row: int) -> bool:
    """A row naming the tasks (任务名称 / 年度目标任务 / 部门职能) and their content or money."""
    cols = header_columns(grid, row)
    named = bool({"name", "function", "project"} & cols.keys())
    return named and len(cols) >= 2 and bool({"content", "project", "budget"} & cols.keys())


def _merge_subheader(grid: LabelGrid, row: int, cols: dict[str, int]) -> bool:
    """Fold ``总额 | 财政拨款 | 其他资金`` under ``预算申请(万元)`` into ``cols``."""
    above = {(c.col, squash(c.value)) for c in grid.row_cells(row - 1) if isinstance(c.value, str)}
    cells = [
        c
        for c in grid.row_cells(row)
        if not (isinstance(c.value, str) and not c.value.strip())
        # 任务名称 written again under itself (a merged header cell filled down) is no sub-header
        and not (isinstance(c.value, str) and (c.col, squash(c.value)) in above)
    ]
    if not cells or any(not isinstance(c.value, str) or column_key(c.value) is None for c in cells):
        return False
    sub: dict[str, int] = {}
    for cell in cells:
        key = column_key(str(cell.value))
        if key is not None:
            sub.setdefault(key, cell.col)
    if not set(sub) <= set(MONEY_KEYS):
        return False
    for key, col in sub.items():
        for other, other_col in list(cols.items()):
            if other_col == col and other != key:
                del cols[other]
        cols[key] = col
    return True


def locate_tasks(
    grid: LabelGrid, header_row: int, end_row: int
) -> tuple[list[TaskRow], TaskRow | None, dict[str, int]]:
    """The task rows under ``header_row`` up to ``end_row``, the 金额合计 row, and the columns."""
    cols = header_columns(grid, header_row)
    if not cols:  # a block label (年度主要任务) on a row without the task headers: no tasks to read
        return [], None, cols
    first_data = header_row + 1
    if _merge_subheader(grid, header_row + 1, cols):
        first_data = header_row + 2
    tasks: list[TaskRow] = []
    total: TaskRow | None = None
    total_labels = vocab.labels_for("dept", "task_total")
    subtotal_labels = vocab.labels_for("dept", "task_subtotal")
    first_col = min(cols.values())
    for row in range(first_data, end_row + 1):
        texts = {key: _text(grid, row, cols[key]) for key in TEXT_KEYS if key in cols}
        money = {key: _own(grid, row, cols[key]) for key in MONEY_KEYS if key in cols}
        if _row_label(grid, row, cols, subtotal_labels) is not None:
            continue  # a 小计 of the tasks above: counting it would add them twice
        total_label = _row_label(grid, row, cols, total_labels)
        if total_label is not None:
            total = TaskRow(name=total_label, cells=_money_cells(grid, row, cols, money), row=row)
            continue
        own_text = [loc for loc in texts.values() if loc is not None and loc.row == row]
        own_money = [loc for loc in money.values() if loc is not None and not loc.is_empty]
        if not own_money and not any(_filled(loc) for loc in own_text):
            continue  # an empty or template row, or one inside merged text only
        name = texts.get("name") or texts.get("project") or texts.get("function")
        name_col = cols.get("name", cols.get("project", cols.get("function", first_col)))
        task = TaskRow(
            name=name if name is not None else Located(None, grid.name, row, name_col),
            content=texts.get("content"),
            cells=_money_cells(grid, row, cols, money),
            function=texts.get("function"),
            project=texts.get("project"),
            row=row,
        )
        tasks.append(task)
    return tasks, total, cols


def _money_cells(
    grid: LabelGrid, row: int, cols: dict[str, int], money: dict[str, Located | None]
) -> dict[str, Located]:
    return {
        key: loc if loc is not None else Located(None, grid.name, row, cols[key])
        for key, loc in money.items()
    }


def _row_label(
    grid: LabelGrid, row: int, cols: dict[str, int], labels: frozenset[str]
) -> Located | None:
    """A 金额合计 / 合计 (or 小计) label anywhere in the row outside the money columns."""
    money_cols = {cols[k] for k in MONEY_KEYS if k in cols}
    for cell in grid.row_cells(row):
        if cell.col in money_cols or not isinstance(cell.value, str):
            continue
        if norm_label(cell.value) in labels:
            return grid.located(row, cell.col)
    return None


def _filled(loc: Located) -> bool:
    return not loc.is_empty and not (isinstance(loc.value, str) and is_placeholder(loc.value))


def _text(grid: LabelGrid, row: int, col: int) -> Located | None:
    """A text cell, following a merged range up or left to where it starts."""
    if grid.sheet.get(row, col) is not None:
        return grid.located(row, col)
    r0, c0 = grid.sheet.merge_origin(row, col)
    if (r0, c0) != (row, col) and c0 == col and grid.sheet.get(r0, c0) is not None:
        return grid.located(r0, c0)
    return None  # empty, or inside a range merged from another column (another field)


def _own(grid: LabelGrid, row: int, col: int) -> Located | None:
    """An amount cell only where it starts: a merged amount belongs to its first row."""
    loc = grid.cell_at(row, col)
    if loc is None or (loc.row, loc.col) != (row, col):
        return None
    return loc
