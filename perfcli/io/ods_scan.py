"""OpenDocument spreadsheets (.ods): content.xml streamed to measure each table.

Repeated rows and cells are counted without being expanded; merged ranges, hidden tables and
error cells are collected here because calamine gives none of them for .ods.
"""

from __future__ import annotations

import zipfile
from typing import Any

from perfcli.io.cells import CellRange
from perfcli.io.errors import unreadable
from perfcli.io.limits import DEFAULT_LIMITS, Limits
from perfcli.io.sheet_scan import ERROR_VALUES, SheetScan, too_many_sheets
from perfcli.io.zip_check import open_member, unique_member, xml_events

_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_CALCEXT_NS = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"


def _int_attr(elem: Any, name: str, what: str) -> int:
    raw = elem.get(name)
    if raw is None:
        return 1
    try:
        value = int(raw)
    except ValueError:
        raise unreadable(
            f"{what} 的重复/合并计数无效：{raw[:20]}", f"bad count {raw[:20]}"
        ) from None
    return max(value, 1)


def scan_ods_content(zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> dict[str, SheetScan]:
    """Stream an .ods content.xml: used range per table, counting repeated rows and cells.

    Also collects merged ranges (``number-columns-spanned``/``number-rows-spanned``; calamine
    gives none for .ods), hidden tables (a table style with ``table:display="false"``), error cells
    (``calcext:value-type="error"``: calamine returns them empty) and formulas without a value.
    """
    scans: dict[str, SheetScan] = {}
    what = "ODS 内容"
    current: SheetScan | None = None
    row_idx = -1
    col_idx = -1
    row_cells = 0  # non-empty cells in the current row (one repetition)
    row_marks: list[tuple[int, str, str]] = []  # (col, "error"/"formula", text) in the current row
    hidden_styles: set[str] = set()
    stack: list[Any] = []
    cell_depth = 0
    cell_tags = (f"{_TABLE_NS}table-cell", f"{_TABLE_NS}covered-table-cell")
    row_tag, table_tag = f"{_TABLE_NS}table-row", f"{_TABLE_NS}table"
    style_tag, props_tag = f"{_STYLE_NS}style", f"{_STYLE_NS}table-properties"
    content = unique_member(zf.namelist(), "content.xml")
    if content is None:
        raise unreadable("缺少 content.xml，不是 ODS 表格", "no content.xml")
    with open_member(zf, content, what) as stream:
        for event, elem in xml_events(stream, what, ("start", "end")):
            tag = elem.tag
            if event == "start":
                stack.append(elem)
                if tag in cell_tags:
                    cell_depth += 1
                elif tag == table_tag:
                    if len(scans) >= limits.max_sheets:
                        raise too_many_sheets(len(scans) + 1, limits)
                    current = SheetScan(elem.get(f"{_TABLE_NS}name", ""))
                    current.hidden = elem.get(f"{_TABLE_NS}style-name", "") in hidden_styles
                    scans[current.name] = current
                    row_idx = -1
                elif tag == row_tag:
                    row_idx += 1
                    col_idx = -1
                    row_cells = 0
                    row_marks = []
                continue
            stack.pop()
            if tag in cell_tags:
                cell_depth -= 1
            elif cell_depth:
                continue  # text inside a cell is read when the cell ends
            if tag == style_tag and elem.get(f"{_STYLE_NS}family") == "table":
                props = elem.find(props_tag)
                if props is not None and props.get(f"{_TABLE_NS}display") == "false":
                    hidden_styles.add(elem.get(f"{_STYLE_NS}name", ""))
            elif current is not None and tag in cell_tags:
                repeat = _int_attr(elem, f"{_TABLE_NS}number-columns-repeated", what)
                first_col = col_idx + 1
                col_idx += repeat
                row_cells += _scan_ods_cell(
                    current, elem, row_idx, first_col, repeat, row_marks, limits
                )
            elif current is not None and tag == row_tag:
                repeat = _int_attr(elem, f"{_TABLE_NS}number-rows-repeated", what)
                if repeat > 1 and row_cells:
                    current.n_cells += row_cells * (repeat - 1)
                    current.extend_to(row_idx + repeat - 1, current.max_col)
                    current.check(limits)  # before expanding anything per repeated row
                    for r in range(row_idx + 1, row_idx + repeat):
                        _mark_ods(current, r, row_marks)
                row_idx += repeat - 1
            elif tag == table_tag:
                current = None
            elem.clear()
            if stack:
                stack[-1].remove(elem)
    for scan in scans.values():
        scan.check(limits)
    return scans


def _scan_ods_cell(
    scan: SheetScan,
    elem: Any,
    row: int,
    first_col: int,
    repeat: int,
    row_marks: list[tuple[int, str, str]],
    limits: Limits,
) -> int:
    """Account for one (possibly repeated) cell; return the non-empty cells it adds to the row."""
    value_type = elem.get(f"{_OFFICE_NS}value-type")
    calc_type = elem.get(f"{_CALCEXT_NS}value-type")
    formula = elem.get(f"{_TABLE_NS}formula")
    paragraphs = [child for child in elem if child.tag == f"{_TEXT_NS}p"]
    cols = _int_attr(elem, f"{_TABLE_NS}number-columns-spanned", "ODS 内容")
    rows = _int_attr(elem, f"{_TABLE_NS}number-rows-spanned", "ODS 内容")
    if cols > 1 or rows > 1:
        for k in range(min(repeat, 1000)):
            col = first_col + k * cols
            scan.merged.append(CellRange(row, col, row + rows - 1, col + cols - 1))
    if value_type is None and calc_type is None and not paragraphs and formula is None:
        return 0
    scan.n_cells += repeat
    scan.extend_to(row, first_col + repeat - 1)
    text = "".join("".join(p.itertext()) for p in paragraphs).strip()
    mark = ""
    if calc_type == "error" or (value_type in (None, "string") and text in ERROR_VALUES):
        mark = "error"
    elif formula is not None and value_type is None:
        mark = "formula"
    scan.check(limits)  # before anything is expanded per repeated cell
    if mark:
        for k in range(repeat):
            row_marks.append((first_col + k, mark, text))
        _mark_ods(scan, row, row_marks[-repeat:])
    return repeat


def _mark_ods(scan: SheetScan, row: int, marks: list[tuple[int, str, str]]) -> None:
    for col, mark, text in marks:
        if mark == "error":
            scan.add_error((row, col), text)
        else:
            scan.formulas_without_value.append((row, col))
