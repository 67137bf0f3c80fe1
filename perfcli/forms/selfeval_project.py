"""项目支出绩效自评表 → ``SelfEvalProject``, in every layout of forms.md and background §4.2.

The sheet region is cut into blocks by their header rows (money, goals, indicators, totals,
conclusions); each block is read by its own locator. Nothing is found by a fixed address.
"""

from __future__ import annotations

import re

from perfcli.forms import funding, goals, indicators, vocab
from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_identity
from perfcli.forms.model import Form, IndicatorGrid, Located, SelfEvalProject, Total
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.cells import Sheet
from perfcli.io.values import DEFAULT_VAGUE_WORDS, parse_number

GRADE_WORDS = frozenset(
    {"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "及格", "较差", "一般"}
)
_STOP_LABELS = ("评价结论", "存在问题", "改进措施", "其他需要说明事项", "项目负责人", "财务负责人", "填表人",
                "说明", "备注", "注", "偏差大或目标未完成原因分析", "改进措施及结果应用方案")  # fmt: skip
_GRADE_IN_TEXT = re.compile(
    r"(?:等级|评价结论|结论)(?:为|:|：|是)?[“\"]?(优秀|良好|合格|不合格|优|良|中|差)"
)


def grade_word(text: str) -> str:
    """The grade a cell states: ``优`` → 优; ``…自评等级为优。…`` → 优; otherwise ""."""
    squashed = squash(text).strip("。.")
    if squashed in GRADE_WORDS:
        return squashed
    m = _GRADE_IN_TEXT.search(squashed)
    return m.group(1) if m else ""


def locate_selfeval_project(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
) -> SelfEvalProject:
    grid = LabelGrid(sheet, seg.first_row, seg.last_row)
    form = SelfEvalProject(
        kind="selfeval_project", sheet=sheet.name, first_row=seg.first_row, last_row=seg.last_row,
        first_col=0, last_col=grid.max_col, title=seg.title, hidden_sheet=sheet.hidden,
    )  # fmt: skip
    read_identity(grid, form)
    rows = list(grid.rows())
    funding_row = next((r for r in rows if funding.is_header(grid, r)), None)
    grid_row = next((r for r in rows if indicators.is_header(grid, r)), None)
    goals_row = next((r for r in rows if goals.is_header(grid, r) and r != grid_row), None)
    total_row = _total_row(grid, rows, after=grid_row)
    stops = sorted(
        r
        for r in (funding_row, grid_row, goals_row, total_row, *_stop_rows(grid, rows))
        if r is not None
    )

    def end_of(start: int) -> int:
        later = [r for r in stops if r > start]
        return (later[0] - 1) if later else seg.last_row

    if funding_row is not None:
        form.funding = funding.locate_funding(grid, funding_row, end_of(funding_row))
    if goals_row is not None:
        form.goals = goals.locate_goals(grid, goals_row, end_of(goals_row))
    if grid_row is not None:
        grid_end = end_of(grid_row) if total_row is None or total_row > grid_row else seg.last_row
        form.grid, form.execution_row = indicators.locate_grid(
            grid, grid_row, grid_end, vague_words
        )
    if total_row is not None:
        form.total = _read_total(grid, total_row, form.grid)
    _read_grade_and_reasons(grid, form)
    if form.grade is not None:
        form.grade_word = grade_word(form.grade.text)
    _read_header_total(grid, form)
    _collect_text_cells(grid, form)
    form.layout = identify_layout(grid, form)
    if form.unit == "" and form.funding is not None:
        from perfcli.forms.normalize import label_unit

        for cell in grid.row_cells(form.funding.header.row):
            unit = label_unit(str(cell.value)) if isinstance(cell.value, str) else ""
            if unit:
                form.unit, form.unit_cell = unit, grid.located(cell.row, cell.col)
                break
    return form


def identify_layout(grid: LabelGrid, form: SelfEvalProject) -> str:
    """Which known layout the form follows (its blocks and their labels tell)."""
    block, ind = form.funding, form.grid
    if block is not None and ("received" in block.columns or form.execution_row is not None):
        return "hebei"
    if ind is not None and "raw_score" in ind.columns:
        return "hebei"
    if any(
        "510000_" in squash(loc.text) for row in grid.rows() for loc in grid.texts_in_row(row)[:1]
    ):
        return "sichuan"
    if block is not None and block.weight_from_label == 20 and "weight" not in block.columns:
        return "split_20_80"
    if ind is not None and ind.weight_from_label is not None and "weight" not in ind.columns:
        return "split_20_80"
    if ind is not None and "method" in ind.columns:
        return "beijing_2016"
    if ind is not None and "nature" in ind.columns and ind.weight_from_label is not None:
        return "sichuan"
    if any(i.level1_label_weight is not None for i in form.indicators):
        return "anhui"
    if block is not None and "initial" not in block.columns and "budget" in block.columns:
        return "anhui"
    return "central"


def _first_label(grid: LabelGrid, row: int, max_col: int | None = None) -> Located | None:
    for cell in grid.row_cells(row):
        if max_col is not None and cell.col > max_col:
            return None
        if isinstance(cell.value, str) and cell.value.strip():
            return grid.located(row, cell.col)
    return None


def _total_row(grid: LabelGrid, rows: list[int], after: int | None) -> int | None:
    labels = vocab.labels_for("totals", "total")
    for row in rows:
        if after is not None and row <= after:
            continue
        first = _first_label(grid, row)
        if first is not None and norm_label(first.text) in labels:
            return row
    return None


def _stop_rows(grid: LabelGrid, rows: list[int]) -> list[int]:
    out = []
    reason_labels = vocab.labels_for("totals", "reason") | vocab.labels_for("totals", "grade")
    for row in rows:
        first = _first_label(grid, row)
        if first is None:
            continue
        text = norm_label(first.text)
        if text in reason_labels or any(text.startswith(s) for s in _STOP_LABELS):
            out.append(row)
    return out


def _read_total(grid: LabelGrid, row: int, ind_grid: IndicatorGrid | None) -> Total:
    cells = grid.row_cells(row)
    label = grid.located(row, cells[0].col)
    total = Total(label=label)
    weight_col = ind_grid.columns.get("weight") if ind_grid else None
    score_col = ind_grid.columns.get("score") if ind_grid else None
    numbers: list[Located] = []
    for cell in cells[1:]:
        loc = grid.located(row, cell.col)
        if squash(loc.text) in GRADE_WORDS:
            total.grade = loc
            continue
        if parse_number(cell.value).status != "none":
            numbers.append(loc)
    by_col = {loc.col: loc for loc in numbers}
    if weight_col is not None and weight_col in by_col:
        total.weight = by_col[weight_col]
    if score_col is not None and score_col in by_col:
        total.score = by_col[score_col]
    aligned = {id(total.weight), id(total.score)}
    rest = [loc for loc in numbers if id(loc) not in aligned]
    if total.weight is None and total.score is None:
        if len(rest) >= 2:
            total.weight, total.score = rest[0], rest[1]
        elif len(rest) == 1:
            # One number after the label: the weight total when it equals the weights' sum and the
            # layout has a score column to its right that is empty; otherwise the score.
            only = rest[0]
            value = only.number.value
            has_weights = ind_grid is not None and "weight" in ind_grid.columns
            if has_weights and value == 100 and (score_col is None or only.col < score_col):
                total.weight = only
                if score_col is not None:
                    total.score = Located(None, grid.name, row, score_col)
            else:
                total.score = only
    elif total.score is None and rest:
        total.score = rest[-1]
    elif total.weight is None and rest and weight_col is not None:
        total.weight = rest[0]
    if total.score is None and score_col is not None:
        total.score = Located(None, grid.name, row, score_col)
    return total


def _read_grade_and_reasons(grid: LabelGrid, form: SelfEvalProject) -> None:
    if form.total is not None and form.total.grade is not None:
        form.grade = form.total.grade
    for label in grid.find("totals", "grade"):
        value = grid.value_right_of(label)
        if value is None:
            continue
        text = squash(value.text)
        if text in GRADE_WORDS and form.grade is None:
            form.grade = value
        else:
            m = _GRADE_IN_TEXT.search(text)
            if m and form.grade is None:
                form.grade = value
    for label in grid.find("totals", "reason"):
        value = grid.value_right_of(label, max_gap=12)
        if value is not None:
            form.form_reasons.append(value)


def _read_header_total(grid: LabelGrid, form: SelfEvalProject) -> None:
    """自评总分 printed in the header (Hubei, 重庆) when there is no total row."""
    if form.total is not None:
        return
    for label in grid.find("totals", "total"):
        if norm_label(label.text) != "自评总分":
            continue
        value = grid.value_right_of(label)
        if value is not None:
            form.total = Total(label=label, score=value)
            return


def _collect_text_cells(grid: LabelGrid, form: SelfEvalProject) -> None:
    """Free-text cells a preparer fills (goals, conclusions, reasons): S003 looks at these."""
    seen: set[tuple[int, int]] = set()
    out: list[Located] = []

    def add(loc: Located | None) -> None:
        if loc is not None and (loc.row, loc.col) not in seen and isinstance(loc.value, str):
            seen.add((loc.row, loc.col))
            out.append(loc)

    if form.goals is not None:
        for loc in (*form.goals.expected, *form.goals.actual):
            add(loc)
    for loc in form.form_reasons:
        add(loc)
    for label in (*grid.find("totals", "grade"), *grid.find("totals", "reason")):
        add(grid.value_right_of(label, max_gap=12))
    for row in grid.rows():
        first = _first_label(grid, row)
        if first is not None and any(
            norm_label(first.text).startswith(s) for s in ("改进措施", "评价结论")
        ):
            add(grid.value_right_of(first, max_gap=12))
    form.text_cells = out


def locate_selfeval_projects(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
) -> list[Form]:
    """The dispatch entry (perfcli.forms.LOCATORS): one self-evaluation per segment."""
    return [locate_selfeval_project(sheet, seg, vague_words)]
