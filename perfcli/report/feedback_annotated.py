"""The annotated copy: a form sheet re-drawn as submitted, its problem cells marked.

Values come from the reader (as the clerk typed them, or as Excel last calculated them), merges
as in the input, widths, heights, number formats, alignment and borders where the layout could be
read (.xlsx/.xlsm). Each cell a finding names is filled by the worst severity found there and
carries a comment with every message and hint for it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from perfcli.findings import SEVERITY_RANK, Finding
from perfcli.io.cells import CellRange, CellValue, Sheet, parse_a1
from perfcli.report.feedback_layout import CellStyle, SheetLayout
from perfcli.report.feedback_style import SEVERITY_FILL, severity_word

MAX_COPY_CELLS = 200_000  # per sheet; a bigger sheet is copied in part (the form's rows first)
MAX_TEXT = 32_767  # Excel's limit on one cell's text
_EXCEL_ROWS, _EXCEL_COLS = 1_048_576, 16_384
_MAX_MERGED_CELLS = 2_000_000  # cells under merges drawn per sheet (a hostile file declares more)
_MIN_DATE = dt.datetime(1900, 1, 1)


@dataclass
class Marks:
    """Findings by the (0-based) cell they name, merged cells folded onto their top-left."""

    by_cell: dict[tuple[int, int], list[Finding]] = field(default_factory=dict)

    def severity(self, pos: tuple[int, int]) -> str | None:
        found = self.by_cell.get(pos)
        if not found:
            return None
        return max(found, key=lambda f: SEVERITY_RANK.get(f.severity, 0)).severity


def marks_for(sheet: Sheet, findings: Sequence[Finding]) -> Marks:
    """The findings of one sheet placed on its cells (a cell inside a merge → its top-left)."""
    marks = Marks()
    origin = {
        (r, c): (rng.first_row, rng.first_col)
        for rng in _drawable_merges(sheet.merged)
        for r in range(rng.first_row, rng.last_row + 1)
        for c in range(rng.first_col, rng.last_col + 1)
    }  # the merges the copy draws (an overlapping one in the input is not drawn)
    for finding in findings:
        if not finding.cell:
            continue
        try:
            row, col = parse_a1(finding.cell)
        except ValueError:
            continue
        if not (0 <= row < _EXCEL_ROWS and 0 <= col < _EXCEL_COLS):
            continue
        pos = origin.get((row, col), (row, col))
        marks.by_cell.setdefault(pos, []).append(finding)
    return marks


class Formats:
    """xlsxwriter formats made once per (style, severity) and reused."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self._cache: dict[tuple[CellStyle | None, str | None, str], Any] = {}

    def get(self, style: CellStyle | None, severity: str | None, fallback_num: str = "") -> Any:
        key = (style, severity, fallback_num)
        if key not in self._cache:
            props = style.properties() if style is not None else {}
            if fallback_num and "num_format" not in props:
                props["num_format"] = fallback_num
            if severity is not None:
                props["bg_color"] = SEVERITY_FILL.get(severity, SEVERITY_FILL["info"])
                props["pattern"] = 1
            self._cache[key] = self.workbook.add_format(props) if props else None
        return self._cache[key]


def comment_text(findings: Sequence[Finding], lang: str) -> str:
    """Every finding of one cell: [严重程度] code message / 建议：hint."""
    parts = []
    for f in sorted(findings, key=lambda f: (-SEVERITY_RANK.get(f.severity, 0), f.code)):
        message = f.message_en if lang == "en" and f.message_en else f.message
        hint = f.hint_en if lang == "en" and f.hint_en else f.hint
        head = f"[{severity_word(f.severity, lang)}] {f.code} {message}"
        parts.append(head + (f"\n{'Fix' if lang == 'en' else '建议'}：{hint}" if hint else ""))
    text = "\n\n".join(parts)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def draw_sheet(
    ws: Any,
    sheet: Sheet,
    layout: SheetLayout | None,
    marks: Marks,
    formats: Formats,
    lang: str,
    keep_rows: Sequence[tuple[int, int]] = (),
) -> bool:
    """Re-draw ``sheet`` into worksheet ``ws``; True when every cell was copied.

    ``keep_rows`` (the forms' row spans) are copied first when the sheet is too big to copy whole.
    """
    layout = layout or SheetLayout()
    if layout.default_width:
        ws.set_column(0, _EXCEL_COLS - 1, layout.default_width)
    for col, width in sorted(layout.widths.items()):
        ws.set_column(col, col, width, None, {"hidden": col in layout.hidden_cols})
    for col in sorted(layout.hidden_cols - set(layout.widths)):
        ws.set_column(col, col, None, None, {"hidden": True})
    for row, height in sorted(layout.heights.items()):
        ws.set_row(row, height)
    cells = _cells_to_copy(sheet, keep_rows)
    complete = len(cells) == len(sheet.cells)
    merged = _drawable_merges(sheet.merged)
    covered = {
        (r, c)
        for rng in merged
        for r in range(rng.first_row, rng.last_row + 1)
        for c in range(rng.first_col, rng.last_col + 1)
    }
    for rng in merged:
        origin = (rng.first_row, rng.first_col)
        fmt = formats.get(layout.styles.get(origin), marks.severity(origin))
        ws.merge_range(rng.first_row, rng.first_col, rng.last_row, rng.last_col, "", fmt)
    written: set[tuple[int, int]] = set()
    origins = {(m.first_row, m.first_col) for m in merged}
    for pos in cells:
        if pos in covered and pos not in origins:
            continue  # Excel shows only a merge's top-left value
        value = sheet.cells[pos].value
        _write_value(ws, pos, value, formats, layout.styles.get(pos), marks.severity(pos))
        written.add(pos)
    # Styled empty cells (the form's borders) and flagged empty cells.
    for pos, style in layout.styles.items():
        if pos not in written and pos not in covered and pos not in origins:
            ws.write_blank(pos[0], pos[1], None, formats.get(style, marks.severity(pos)))
    for pos, found in marks.by_cell.items():
        if pos not in written and pos not in covered and pos not in layout.styles:
            ws.write_blank(pos[0], pos[1], None, formats.get(None, marks.severity(pos)))
        ws.write_comment(pos[0], pos[1], comment_text(found, lang), _comment_options(found, lang))
    return complete


def _cells_to_copy(sheet: Sheet, keep_rows: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    if len(sheet.cells) <= MAX_COPY_CELLS:
        return list(sheet.cells)

    def kept(pos: tuple[int, int]) -> bool:
        return any(first <= pos[0] <= last for first, last in keep_rows)

    ordered = sorted(sheet.cells, key=lambda p: (not kept(p), p))
    return ordered[:MAX_COPY_CELLS]


def _drawable_merges(ranges: Sequence[CellRange]) -> list[CellRange]:
    """Merges Excel accepts: more than one cell, inside the sheet, not overlapping another."""
    taken: set[tuple[int, int]] = set()
    out: list[CellRange] = []
    for rng in ranges:
        area = (rng.last_row - rng.first_row + 1) * (rng.last_col - rng.first_col + 1)
        if area < 2 or area > 100_000 or rng.last_row >= _EXCEL_ROWS or rng.last_col >= _EXCEL_COLS:
            continue
        cells = {
            (r, c)
            for r in range(rng.first_row, rng.last_row + 1)
            for c in range(rng.first_col, rng.last_col + 1)
        }
        if cells & taken or len(taken) + len(cells) > _MAX_MERGED_CELLS:
            continue
        taken |= cells
        out.append(rng)
    return out


def _write_value(
    ws: Any,
    pos: tuple[int, int],
    value: CellValue,
    formats: Formats,
    style: CellStyle | None,
    severity: str | None,
) -> None:
    row, col = pos
    if isinstance(value, bool):
        ws.write_boolean(row, col, value, formats.get(style, severity))
    elif isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            ws.write_string(row, col, str(value), formats.get(style, severity))
        else:
            ws.write_number(row, col, value, formats.get(style, severity))
    elif isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        _write_date(ws, pos, value, formats.get(style, severity, _date_format(value)))
    else:
        text = "" if value is None else str(value)
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 1] + "…"
        ws.write_string(row, col, text, formats.get(style, severity))


def _date_format(value: object) -> str:
    if isinstance(value, dt.datetime):
        return "yyyy-mm-dd hh:mm:ss" if value.time() != dt.time() else "yyyy-mm-dd"
    if isinstance(value, dt.date):
        return "yyyy-mm-dd"
    if isinstance(value, dt.time):
        return "hh:mm:ss"
    return "[h]:mm:ss"


def _write_date(ws: Any, pos: tuple[int, int], value: Any, fmt: Any) -> None:
    """Dates before 1900 or with a time zone are not Excel dates: written as text."""
    plain = isinstance(value, dt.datetime) and value.tzinfo is None and value >= _MIN_DATE
    plain = plain or (
        isinstance(value, dt.date)
        and not isinstance(value, dt.datetime)
        and value >= _MIN_DATE.date()
    )
    plain = plain or (isinstance(value, dt.timedelta) and dt.timedelta(0) <= value)
    plain = plain or (isinstance(value, dt.time) and value.tzinfo is None)
    if plain:
        ws.write_datetime(pos[0], pos[1], value, fmt)
    else:
        ws.write_string(pos[0], pos[1], str(value), fmt)


def _comment_options(found: Sequence[Finding], lang: str) -> dict[str, Any]:
    text = comment_text(found, lang)
    lines = sum(1 + len(line) // 24 for line in text.splitlines())
    return {
        "author": "perfcli",
        "width": 320,
        "height": min(max(80, lines * 17 + 10), 600),
        "font_size": 9,
    }
