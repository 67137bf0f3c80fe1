"""项目支出绩效自评情况汇总表 → ``SelfEvalSummary`` (forms.md §1; background §6).

The table is found by its header row (序号 | 项目编码 | 项目名称 | 实施单位 | 年初预算数 | 全年预算数 |
全年执行数 | 执行率 | 自评得分 | 自评等级, any order and wording of labels_package.toml ``[summary]``),
also when the money columns sit under a spanning group header (资金情况(万元) over 年初 | 全年 | 执行).
Every row below it is a project until the 合计 row or a note/signature row; empty template rows are
skipped. The department comes from a label above the table (填报单位：某局) or the title, the year
from the title, the unit from ``(万元)`` / ``单位：万元``. The rows are then validated by the pandera
schema of ``summary_schema`` (required columns, numbers, unique codes), whose failures the model
carries as ``issues`` for the package rules to report.
"""

from __future__ import annotations

import re
from functools import lru_cache

from perfcli.forms import vocab
from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_unit, read_year, split_code
from perfcli.forms.model import Form, Located
from perfcli.forms.model_package import SUMMARY_COLUMNS, SelfEvalSummary, SummaryRow
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.cells import Sheet

_MIN_COLUMNS = 3  # 项目名称 and at least two more known columns make a header row
_YEAR_IN_TITLE = re.compile(r"[(（]?\s*20\d{2}\s*年度?\s*[)）]?")


def locate_summaries(sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = ()) -> list[Form]:
    """The 汇总表 of one sheet segment (one form), or [] when no header row is found."""
    grid = LabelGrid(sheet, seg.first_row, seg.last_row)
    header = find_header(grid)
    if header is None:
        return []
    first_header, header_row, columns, headers = header
    form = SelfEvalSummary(
        kind="selfeval_summary", sheet=sheet.name, first_row=seg.first_row, last_row=seg.last_row,
        first_col=0, last_col=grid.max_col, title=seg.title, hidden_sheet=sheet.hidden,
        header_row=header_row, columns=columns, headers=headers,
    )  # fmt: skip
    _read_department(grid, form, first_header)
    read_year(grid, form)
    read_unit(grid, form)
    _read_rows(grid, form)
    from perfcli.forms.summary_schema import validate_summary

    form.issues = validate_summary(form)
    return [form]


# --- header --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _column_labels() -> dict[str, str]:
    """normalised header label → canonical column, for the columns of ``SUMMARY_COLUMNS``."""
    out: dict[str, str] = {}
    for column in SUMMARY_COLUMNS:
        for label in vocab.labels_for("summary", column):
            out.setdefault(label, column)
    return out


def column_of(text: str) -> str | None:
    """The canonical 汇总表 column a header cell names (``调整后预算数`` → budget), or None."""
    return _column_labels().get(norm_label(text))


def _row_columns(grid: LabelGrid, row: int) -> dict[str, Located]:
    found: dict[str, Located] = {}
    for cell in grid.row_cells(row):
        if isinstance(cell.value, str):
            column = column_of(cell.value)
            if column is not None and column not in found:
                found[column] = grid.located(row, cell.col)
    return found


def find_header(
    grid: LabelGrid,
) -> tuple[int, int, dict[str, int], dict[str, Located]] | None:
    """(first header row, last header row, column → index, column → header cell), or None."""
    for row in grid.rows():
        found = _row_columns(grid, row)
        if "name" not in found or len(found) < _MIN_COLUMNS:
            continue
        last = row
        below = _row_columns(grid, row + 1)
        taken = {loc.col for loc in found.values()}
        extra = {k: v for k, v in below.items() if k not in found and v.col not in taken}
        if extra and "name" not in below:  # a second header row under a spanning group header
            found.update(extra)
            last = row + 1
        return row, last, {k: v.col for k, v in found.items()}, found
    return None


# --- department ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _department_inline() -> re.Pattern[str]:
    labels = sorted(vocab.vocabulary()["summary"]["department"], key=len, reverse=True)
    names = "|".join(re.escape(squash(label)) for label in labels)
    return re.compile(
        rf"(?:{names})(?:\((?:盖章|公章)\))?:(?P<value>.+?)"
        r"(?=(?:金额)?单位:|填报日期|日期:|联系人|联系电话|$)"
    )


def _read_department(grid: LabelGrid, form: SelfEvalSummary, first_header: int) -> None:
    above = range(grid.first_row, first_header)
    for label in grid.find("summary", "department", rows=above):
        value = grid.value_right_of(label)
        if value is not None and value.text:
            form.department, form.labels["department"] = value, label
            return
    for row in above:
        for loc in grid.texts_in_row(row):
            if not isinstance(loc.value, str):
                continue
            m = _department_inline().search(squash(loc.value))
            if m and m.group("value").strip():
                form.department = Located(m.group("value"), loc.sheet, loc.row, loc.col)
                form.labels["department"] = loc
                return
    if form.title is not None:
        name = department_in_title(form.title.text)
        if name:
            form.department = Located(name, form.title.sheet, form.title.row, form.title.col)


def department_in_title(title: str, stops: tuple[str, ...] = ()) -> str:
    """The department a title names before its year or its form name, or "".

    ``示例县教育局2023年度项目支出绩效自评情况汇总表`` → 示例县教育局; ``项目支出绩效自评情况汇总表`` → "".
    """
    text = split_code(squash(title))[1]
    words = stops or (
        *vocab.vocabulary()["report"]["title_stops"],
        "项目绩效",
        "自评",
        "汇总",
        "绩效",
    )
    m = _YEAR_IN_TITLE.search(text)
    if m and m.start() == 0:  # 2023年度示例县教育局…: the name follows the year
        text = text[m.end() :]
        m = _YEAR_IN_TITLE.search(text)
    end = m.start() if m else len(text)
    for word in words:
        at = text.find(squash(word))
        if 0 <= at < end:
            end = at
    name = text[:end].strip(" :：-—_·、,，()（）")
    return name if len(name) >= 2 else ""


# --- rows ----------------------------------------------------------------------------------------


def _is_total(text: str) -> bool:
    return norm_label(text) in vocab.labels_for("summary", "total") or squash(text).startswith(
        ("合计", "总计")
    )


def _is_stop(text: str) -> bool:
    t = squash(text)
    if norm_label(t) in vocab.labels_for("summary", "stop"):
        return True
    return any(t.startswith(f"{squash(label)}:") for label in vocab.vocabulary()["summary"]["stop"])


def _read_rows(grid: LabelGrid, form: SelfEvalSummary) -> None:
    last = form.header_row
    for row in grid.rows():
        if row <= form.header_row:
            continue
        cells = grid.row_cells(row)
        first_text = next(
            (c.value for c in cells if isinstance(c.value, str) and c.value.strip()), ""
        )
        if isinstance(first_text, str) and first_text and _is_stop(first_text):
            break
        line = _row(grid, form, row)
        label = _total_label(grid, form, row)
        if label is not None:
            line.label_cell = label
            form.total = line
            last = row
            break
        if _is_blank(line):
            continue
        form.rows.append(line)
        last = row
    form.last_row = max(last, form.header_row)


def _row(grid: LabelGrid, form: SelfEvalSummary, row: int) -> SummaryRow:
    line = SummaryRow(row=row)
    for column, col in form.columns.items():
        loc = grid.cell_at(row, col)
        if loc is None or loc.col != col:  # empty, or a merge spilling from the column on its left
            loc = Located(None, form.sheet, row, col)
        setattr(line, column, loc)
    return line


def _total_label(grid: LabelGrid, form: SelfEvalSummary, row: int) -> Located | None:
    """The 合计 cell of a total row (in the 序号, 编码 or 名称 column, or the row's first cell)."""
    for cell in grid.row_cells(row):
        if cell.col > max(form.columns.get(c, -1) for c in ("seq", "code", "name")):
            break
        if isinstance(cell.value, str) and _is_total(cell.value):
            return grid.located(row, cell.col)
    return None


def _is_blank(line: SummaryRow) -> bool:
    """A template row never filled: no code, no name, no amount, no score (a bare 序号 is blank)."""
    columns = ("code", "name", "initial", "budget", "executed", "score")
    return all(loc is None or loc.is_empty for loc in (line.get(c) for c in columns))
