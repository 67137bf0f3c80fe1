"""The blocks of a department self-evaluation after the money: tasks, goals, the indicator grid,
the total and the grade; and which layout the form follows. Used by ``selfeval_dept``."""

from __future__ import annotations

from perfcli.forms import dept_tasks, indicators, vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import Goals, Located, TaskRow, Total
from perfcli.forms.model_selfeval_dept import DEPT_MONEY_COLUMNS, SelfEvalDept
from perfcli.forms.normalize import norm_label
from perfcli.forms.selfeval_project import _read_total, grade_word
from perfcli.io.values import is_placeholder, parse_indicator

SECTION = "selfeval_dept"
_GRID_EXTRA = ("coefficient", "adjusted_target", "core", "note")
_TASK_EXTRA = ("executed", "rate")
_CONCLUSIONS = ("评价结论", "自评结论", "改进措施", "存在问题", "下一步改进措施")


def _filled(loc: Located | None) -> bool:
    return (
        loc is not None
        and not loc.is_empty
        and not (isinstance(loc.value, str) and is_placeholder(loc.value))
    )


def _own(grid: LabelGrid, row: int, col: int) -> Located:
    loc = grid.cell_at(row, col)
    return loc if loc is not None and loc.col == col else Located(None, grid.name, row, col)


# --- tasks ----------------------------------------------------------------------------------------


def read_tasks(
    grid: LabelGrid, header_row: int, end_row: int
) -> tuple[list[TaskRow], TaskRow | None]:
    """年度主要任务: name, content and 预算数 by ``dept_tasks``; 执行数 and 执行率 added here."""
    tasks, total, _ = dept_tasks.locate_tasks(grid, header_row, end_row)
    extra: dict[str, int] = {}
    for cell in grid.row_cells(header_row):
        if not isinstance(cell.value, str):
            continue
        label = norm_label(cell.value)
        for key in _TASK_EXTRA:
            if key not in extra and label in vocab.labels_for(SECTION, f"task_{key}"):
                extra[key] = cell.col
    for task in [*tasks, *([total] if total is not None else [])]:
        for key, col in extra.items():
            task.cells[key] = _own(grid, task.row, col)
    return tasks, total


# --- goals ----------------------------------------------------------------------------------------


def read_adjusted_goals(grid: LabelGrid, found: Goals, end_row: int) -> None:
    """重庆: 年初绩效目标 | 全年(调整)绩效目标 | 实际完成 — the adjusted goal, where filled, is the one
    the year was judged against."""
    header_row = found.header.row
    labels = vocab.labels_for(SECTION, "adjusted_goal")
    column = next((c.col for c in grid.row_cells(header_row)
                   if isinstance(c.value, str) and norm_label(c.value) in labels), None)  # fmt: skip
    if column is None:
        return
    cells = [
        loc
        for row in range(header_row + 1, end_row + 1)
        if (loc := grid.cell_at(row, column)) is not None and loc.col == column and _filled(loc)
    ]
    if cells:
        found.expected = cells
        found.expected_label = grid.located(header_row, column)


# --- indicator grid -------------------------------------------------------------------------------


def locate_dept_grid(
    grid: LabelGrid, form: SelfEvalDept, header_row: int, end_row: int, vague: tuple[str, ...]
) -> None:
    """The grid with the columns only this form prints (得分系数, 调整指标值, 指标解释 …)."""
    cols = indicators.header_columns(grid, header_row)
    extra: dict[str, int] = {}
    note_cols = [col for key, col in cols.items() if key == "method"]  # 评分标准: text, not values
    for cell in grid.row_cells(header_row):
        if not isinstance(cell.value, str) or cell.col in cols.values():
            continue
        label = norm_label(cell.value)
        if label in vocab.labels_for(SECTION, "note"):
            note_cols.append(cell.col)  # a grid may print several (指标解释 | 评分标准)
        for key in _GRID_EXTRA:
            if key not in extra and label in vocab.labels_for(SECTION, key):
                extra[key] = cell.col
    _chongqing_actual(grid, header_row, cols, extra)
    result, execution_row = indicators.locate_grid(
        grid, header_row, end_row, vague, columns={**cols, **extra}
    )
    form.grid = result
    if execution_row is not None:
        if form.funding is not None and form.funding.total is not None:
            form.execution_row = execution_row  # scored against the money block (A002, A003)
        else:
            result.rows = sorted([*result.rows, execution_row], key=lambda r: r.row)
    for ind in result.rows:
        for col in note_cols:
            loc = grid.cell_at(ind.row, col)
            if loc is not None and loc.col == col and loc.row == ind.row and _filled(loc):
                form.notes.append(loc)
        if "coefficient" in extra:
            form.coefficients[ind.row] = _own(grid, ind.row, extra["coefficient"])
        if "adjusted_target" in extra:
            adjusted = _own(grid, ind.row, extra["adjusted_target"])
            if _filled(adjusted) and ind.target is not None:
                form.initial_targets[ind.row] = ind.target
                ind.target = adjusted
                nature = ind.nature.value if ind.nature is not None else None
                unit = ind.unit.value if ind.unit is not None else None
                ind.target_value = parse_indicator(
                    adjusted.value, nature=nature, unit=unit, vague_words=vague
                )


def _chongqing_actual(
    grid: LabelGrid, header_row: int, cols: dict[str, int], extra: dict[str, int]
) -> None:
    """重庆 prints its columns in one fixed order, 全年完成值 right before 得分系数: when that header
    is not a label we know (a copy reads ``年成值全完值``), the column there is still the actual,
    so the rules that compare it with the target (A012, A014) are not silenced by a misspelling."""
    col = extra.get("coefficient")
    if "actual" in cols or col is None or "target" not in cols or col - 1 <= cols["target"]:
        return
    taken = {*cols.values(), *extra.values()}
    header = grid.cell_at(header_row, col - 1)
    if col - 1 in taken or header is None or header.col != col - 1 or not header.text.strip():
        return
    cols["actual"] = col - 1


# --- total and grade ------------------------------------------------------------------------------


def read_total(grid: LabelGrid, form: SelfEvalDept, total_row: int | None) -> Total | None:
    """The 总分/合计 row under the grid, else 自评总分 printed in the header (重庆)."""
    if total_row is not None:
        return _read_total(grid, total_row, form.grid)
    for label in grid.find("totals", "total"):
        if norm_label(label.text) != "自评总分":
            continue
        # An empty 自评总分 is still the total's place: A018 asks for its score there.
        return Total(label=label, score=grid.value_right_of(label))
    return None


def read_grade_and_reasons(grid: LabelGrid, form: SelfEvalDept) -> None:
    """The grade (in the total row, or right of 等级/评价结论) and form-level reasons."""
    if form.total is not None and form.total.grade is not None:
        form.grade = form.total.grade
    for label in grid.find("totals", "grade"):
        value = grid.value_right_of(label, max_gap=12)
        if value is not None and form.grade is None and grade_word(value.text):
            form.grade = value
    if form.grade is not None:
        form.grade_word = grade_word(form.grade.text)
    for label in grid.find("totals", "reason"):
        value = grid.value_right_of(label, max_gap=12)
        if value is not None:
            form.form_reasons.append(value)


# --- layout and text ------------------------------------------------------------------------------


def identify_layout(form: SelfEvalDept) -> str:
    """``selfeval_dept_fujian`` (numbered money columns with formulas, 结余), ``…_chongqing``
    (得分系数; a grid named by 指标名称 alone), ``…_anhui`` (a framework with 分值/得分 but no targets
    or actuals) or ``…_central``."""
    money = set(form.funding.columns) if form.funding is not None else set()
    if form.formulas or money & set(DEPT_MONEY_COLUMNS):
        return "selfeval_dept_fujian"
    grid = form.grid
    if form.coefficients or (grid is not None and grid.has("name") and not grid.has("level1")):
        return "selfeval_dept_chongqing"
    if grid is not None and not grid.has("target") and not grid.has("actual"):
        return "selfeval_dept_anhui"
    return "selfeval_dept_central"


def collect_text_cells(grid: LabelGrid, form: SelfEvalDept) -> list[Located]:
    """Free-text cells a preparer fills (goals, tasks, conclusions, reasons): S003 looks here."""
    seen: set[tuple[int, int]] = set()
    out: list[Located] = []
    candidates: list[Located | None] = []
    if form.goals is not None:
        candidates += [*form.goals.expected, *form.goals.actual]
    for task in form.tasks:
        candidates += [task.name, task.content]
    candidates += form.form_reasons
    for row in grid.rows():
        cells = grid.row_cells(row)
        if cells and isinstance(cells[0].value, str):
            first = grid.located(row, cells[0].col)
            if norm_label(first.text).startswith(_CONCLUSIONS):
                candidates.append(grid.value_right_of(first, max_gap=12))
    for loc in candidates:
        if loc is not None and isinstance(loc.value, str) and (loc.row, loc.col) not in seen:
            seen.add((loc.row, loc.col))
            out.append(loc)
    return out
