"""部门(单位)整体支出绩效自评表 → ``SelfEvalDept``, in the layouts of background §5.

The sheet region is cut into blocks by their header rows (money, 年度主要任务, goals, indicators)
and their first labels (总分/合计, 评价等级, 存在问题 …); each block ends where the next one starts
and is read by its own locator: ``selfeval_dept_money`` (the money block and the identities its
header prints), ``dept_tasks`` (年度主要任务), ``goals`` (预期 | 实际完成), ``indicators.locate_grid``
(with the columns only this form prints: 得分系数, 调整指标值, 指标解释), and the total/grade readers
of ``selfeval_dept_parts``. Identity is the department (部门(单位)名称, or 重庆's 主管部门).
"""

from __future__ import annotations

from dataclasses import dataclass

from perfcli.forms import dept_tasks, goals, indicators, selfeval_dept_money, vocab
from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_identity, split_code
from perfcli.forms.model import Form, Located
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.forms.normalize import norm_label
from perfcli.forms.selfeval_dept_parts import (
    collect_text_cells,
    identify_layout,
    locate_dept_grid,
    read_adjusted_goals,
    read_grade_and_reasons,
    read_tasks,
    read_total,
)
from perfcli.io.cells import Sheet
from perfcli.io.values import DEFAULT_VAGUE_WORDS

SECTION = "selfeval_dept"


@dataclass(frozen=True)
class Block:
    """Where a block starts: money | tasks | goals | grid | total | stop."""

    kind: str
    row: int


def locate_selfeval_dept(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
) -> SelfEvalDept:
    """Read one department self-evaluation from the rows of ``seg``."""
    grid = LabelGrid(sheet, seg.first_row, seg.last_row)
    form = SelfEvalDept(
        kind="selfeval_dept", sheet=sheet.name, first_row=seg.first_row, last_row=seg.last_row,
        last_col=grid.max_col, title=seg.title, hidden_sheet=sheet.hidden,
    )  # fmt: skip
    read_department(grid, form)  # first: the year is read only above the identity labels
    read_identity(grid, form)
    _settle_department(form)
    blocks = find_blocks(grid)

    def end_of(row: int) -> int:
        later = [b.row for b in blocks if b.row > row]
        return later[0] - 1 if later else seg.last_row

    money = next((b.row for b in blocks if b.kind == "money"), None)
    if money is not None:
        found = selfeval_dept_money.locate_dept_money(grid, money, end_of(money))
        form.funding, form.compositions = found.funding, found.compositions
        form.parts, form.formulas = found.parts, found.formulas
    tasks = next((b.row for b in blocks if b.kind == "tasks"), None)
    if tasks is not None:
        form.tasks, form.tasks_total = read_tasks(grid, tasks, end_of(tasks))
    goals_row = next((b.row for b in blocks if b.kind == "goals"), None)
    if goals_row is not None:
        form.goals = goals.locate_goals(grid, goals_row, end_of(goals_row))
        read_adjusted_goals(grid, form.goals, end_of(goals_row))
    grid_row = next((b.row for b in blocks if b.kind == "grid"), None)
    if grid_row is not None:
        locate_dept_grid(grid, form, grid_row, end_of(grid_row), vague_words)
        total = next((b.row for b in blocks if b.kind == "total" and b.row > grid_row), None)
        form.total = read_total(grid, form, total)
    read_grade_and_reasons(grid, form)
    form.layout = identify_layout(form)
    form.text_cells = collect_text_cells(grid, form)
    return form


def read_department(grid: LabelGrid, form: SelfEvalDept, *, header_rows: int = 12) -> None:
    """部门(单位)名称 → ``form.department`` (``labels["dept_name"]``); 部门预算编码 → ``dept_code``."""
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
        form.labels.setdefault("dept_code", label)
        value = grid.value_right_of(label)
        if value is not None:
            form.dept_code = value.text
            break
    if not form.dept_code and form.department is not None:
        form.dept_code = split_code(form.department.text)[0]


def _settle_department(form: SelfEvalDept) -> None:
    """Without 部门名称, 重庆's 主管部门 names the department; 单位名称 read as the implementer is the
    department's own name, not a second field."""
    if "dept_name" not in form.labels and "department" in form.labels:
        form.labels["dept_name"] = form.labels["department"]
    dept_label = form.labels.get("dept_name")
    if dept_label is not None and form.labels.get("implementer") == dept_label:
        form.implementer = None
        del form.labels["implementer"]


def find_blocks(grid: LabelGrid) -> list[Block]:
    """Where each block starts, top to bottom (a row starts at most one block)."""
    tasks_labels = vocab.labels_for(SECTION, "tasks_block")
    total_labels = vocab.labels_for("totals", "total")
    stop_labels = (
        vocab.labels_for(SECTION, "stop")
        | vocab.labels_for("totals", "grade")
        | vocab.labels_for("totals", "reason")
    )
    blocks: list[Block] = []
    seen: set[str] = set()
    for row in grid.rows():
        first = _first_text(grid, row)
        text = norm_label(first.text) if first is not None else ""
        kind = None
        if "grid" not in seen and indicators.is_header(grid, row):
            kind = "grid"
        elif "tasks" not in seen and (text in tasks_labels or (
                dept_tasks.is_header(grid, row) and "money" in seen)):  # fmt: skip
            kind = "tasks"
        elif "money" not in seen and selfeval_dept_money.is_header(grid, row):
            kind = "money"
        elif "goals" not in seen and goals.is_header(grid, row):
            kind = "goals"
        elif "grid" in seen and text in total_labels:
            kind = "total"
        elif text in stop_labels or text.startswith(("注:", "说明:")):
            kind = "stop"
        if kind is not None:
            seen.add(kind)
            blocks.append(Block(kind, row))
    return blocks


def _first_text(grid: LabelGrid, row: int) -> Located | None:
    for cell in grid.row_cells(row):
        if isinstance(cell.value, str) and cell.value.strip():
            return grid.located(row, cell.col)
    return None


def locate_selfeval_depts(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
) -> list[Form]:
    """The dispatch entry (perfcli.forms.LOCATORS): one department self-evaluation per segment."""
    return [locate_selfeval_dept(sheet, seg, vague_words)]
