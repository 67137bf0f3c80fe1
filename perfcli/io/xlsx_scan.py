"""The sheets of an .xlsx/.xlsm measured by streaming their XML: used range, merges, errors.

The used range is measured from cell references before calamine builds the grid: a 5 KB sheet
with cells at A1 and XFD1048576 would otherwise allocate hundreds of gigabytes.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from typing import Any

from perfcli.io.cells import CellRange, parse_a1
from perfcli.io.errors import unreadable
from perfcli.io.limits import DEFAULT_LIMITS, Limits
from perfcli.io.sheet_scan import Pos, SheetScan, too_many_sheets
from perfcli.io.zip_check import (
    check_xml_member,
    open_member,
    parse_small_xml,
    unique_member,
    xml_events,
)

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# Members of an .xlsx that calamine parses besides the sheets: checked for DTDs/entities too.
_XLSX_AUX_MEMBERS = ("[Content_Types].xml", "_rels/.rels", "xl/sharedStrings.xml", "xl/styles.xml")


@dataclass
class XlsxSheetRef:
    name: str
    member: str  # the part as the relationship names it, normalised
    hidden: bool
    # Every zip member a reader may take for this part: calamine matches names case-insensitively
    # and does not normalise "xl/../x.xml", so each of these is scanned.
    candidates: tuple[str, ...] = ()


def xlsx_sheets(zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> list[XlsxSheetRef]:
    """The sheets of an .xlsx in workbook order: name, zip member(s), hidden state."""
    names = zf.namelist()
    wb_member = unique_member(names, "xl/workbook.xml")
    if wb_member is None:
        raise unreadable("缺少 xl/workbook.xml，不是完整的 Excel 工作簿", "no xl/workbook.xml")
    wb_root = parse_small_xml(zf, wb_member, "工作簿结构")
    rels_member = unique_member(names, "xl/_rels/workbook.xml.rels")
    targets: dict[str, str] = {}
    if rels_member is not None:
        rels_root = parse_small_xml(zf, rels_member, "工作簿关系")
        targets = {
            rel.get("Id", ""): rel.get("Target", "")
            for rel in rels_root.iter(f"{_REL_NS}Relationship")
        }
    by_lower: dict[str, list[str]] = {}
    for n in names:
        by_lower.setdefault(n.lower(), []).append(n)
    out: list[XlsxSheetRef] = []
    for sheet in wb_root.iter(f"{_MAIN_NS}sheet"):
        if len(out) >= limits.max_sheets:
            raise too_many_sheets(len(out) + 1, limits)
        target = targets.get(sheet.get(f"{_DOC_REL_NS}id", ""), "")
        if not target:
            continue
        if "://" in target:
            continue  # an external target: calamine cannot read it either
        raw = target[1:] if target.startswith("/") else "xl/" + target
        member = posixpath.normpath(raw)
        candidates = tuple(
            dict.fromkeys(by_lower.get(raw.lower(), []) + by_lower.get(member.lower(), []))
        )
        hidden = sheet.get("state", "visible") in ("hidden", "veryHidden")
        out.append(XlsxSheetRef(sheet.get("name", ""), member, hidden, candidates))
    return out


def xlsx_sheet_members(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip member path) in workbook order."""
    return [(ref.name, ref.member) for ref in xlsx_sheets(zf)]


def scan_xlsx(zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> dict[str, SheetScan]:
    """Check an .xlsx/.xlsm container and scan every sheet; keyed by sheet name.

    A sheet whose part is missing gets no scan (the reader then refuses to read it)."""
    refs = xlsx_sheets(zf, limits)
    aux = {m.lower() for m in _XLSX_AUX_MEMBERS}
    for member in zf.namelist():
        if member.lower() in aux:
            check_xml_member(zf, member)
    scans: dict[str, SheetScan] = {}
    for ref in refs:
        found = [scan_xlsx_sheet(zf, ref.name, m, limits) for m in ref.candidates]
        if not found:
            continue
        # All candidates passed the limits; report the facts of the part as named.
        scan = found[ref.candidates.index(ref.member)] if ref.member in ref.candidates else found[0]
        scan.hidden = ref.hidden
        scans[ref.name] = scan
    return scans


def scan_xlsx_sheet(
    zf: zipfile.ZipFile, name: str, member: str, limits: Limits = DEFAULT_LIMITS
) -> SheetScan:
    """Stream one worksheet: used range, cell count, merges, formulas without value, errors.

    The used range is measured conservatively: a cell counts as soon as it has a ``<v>``, ``<is>``
    or ``<f>`` child, even an empty one (calamine keeps ``<c t="str"><v/></c>`` as an empty string
    and sizes the grid by it).
    """
    scan = SheetScan(name)
    what = f"工作表 {name}"
    row_idx = -1
    col_idx = -1
    c_tag, row_tag, v_tag = f"{_MAIN_NS}c", f"{_MAIN_NS}row", f"{_MAIN_NS}v"
    is_tag, f_tag, merge_tag = f"{_MAIN_NS}is", f"{_MAIN_NS}f", f"{_MAIN_NS}mergeCell"
    stack: list[Any] = []
    in_cell = False
    with open_member(zf, member, what) as stream:
        for event, elem in xml_events(stream, what, ("start", "end")):
            tag = elem.tag
            if event == "start":
                stack.append(elem)
                if tag == c_tag:
                    in_cell = True
                elif tag == row_tag:
                    row_idx = _row_number(elem.get("r"), row_idx, what)
                    col_idx = -1
                continue
            stack.pop()
            if in_cell and tag != c_tag:
                continue  # the children of <c> are read when <c> ends
            if tag == c_tag:
                in_cell = False
                ref = elem.get("r")
                if ref:
                    row_idx, col_idx = _cell_ref(ref, what)
                else:
                    col_idx += 1
                _scan_xlsx_cell(scan, elem, (row_idx, col_idx), v_tag, is_tag, f_tag)
                scan.check(limits)
            elif tag == merge_tag:
                rng = _range_ref(elem.get("ref", ""))
                if rng is not None:
                    scan.merged.append(rng)
                    scan.check(limits)
            elem.clear()
            if stack:
                stack[-1].remove(elem)
    scan.check(limits)
    return scan


def _scan_xlsx_cell(
    scan: SheetScan, elem: Any, pos: Pos, v_tag: str, is_tag: str, f_tag: str
) -> None:
    value = elem.find(v_tag)
    inline = elem.find(is_tag)
    formula = elem.find(f_tag)
    if value is None and inline is None and formula is None:
        return  # a styled empty cell: calamine skips it
    scan.n_cells += 1
    scan.extend_to(*pos)
    cell_type = elem.get("t", "n")
    text = (value.text or "") if value is not None else ""
    if formula is not None and inline is None:
        cached = value is not None and (text != "" or cell_type in ("str", "inlineStr"))
        if not cached:
            scan.formulas_without_value.append(pos)
    if cell_type == "e" and text:
        scan.add_error(pos, text)


def _row_number(attr: str | None, previous: int, what: str) -> int:
    if not attr:
        return previous + 1
    try:
        row = int(attr) - 1
    except ValueError:
        raise unreadable(f"{what} 的行号无效：{attr[:20]}", f"bad row number {attr[:20]}") from None
    if row < 0:
        raise unreadable(f"{what} 的行号无效：{attr[:20]}", f"bad row number {attr[:20]}")
    return row


def _cell_ref(ref: str, what: str) -> Pos:
    try:
        row, col = parse_a1(ref)
    except ValueError:
        raise unreadable(
            f"{what} 的单元格引用无效：{ref[:20]}", f"bad cell ref {ref[:20]}"
        ) from None
    if row < 0 or col < 0:
        raise unreadable(f"{what} 的单元格引用无效：{ref[:20]}", f"bad cell ref {ref[:20]}")
    return row, col


def _range_ref(ref: str) -> CellRange | None:
    try:
        rng = CellRange.from_ref(ref)
    except ValueError:
        return None  # a broken merge only loses a locating aid
    if rng.first_row < 0 or rng.first_col < 0:
        return None
    return rng
