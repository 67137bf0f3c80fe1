"""Look at a file before any parser touches it: what it really is, and whether it is safe.

Everything here streams and caps, and runs *before* python-calamine is called, because calamine
materialises every sheet as a dense grid and aborts the whole process (not a Python exception) when
an allocation fails:

* zip containers (.xlsx/.xlsm/.ods): declared member sizes and compression ratios are checked
  before any member is opened (zip bombs);
* XML is parsed with defusedxml (no entity expansion: "billion laughs" is E004), streamed, and the
  parsed elements are dropped as soon as they are read, so memory stays flat;
* each worksheet's used range is measured from its cell references before calamine builds the grid
  (a 5 KB sheet with cells at A1 and XFD1048576 would otherwise allocate hundreds of gigabytes);
* legacy .xls files are compound files (CFB). A small CFB reader finds the ``Workbook`` stream and a
  BIFF record walk measures each sheet the same way, and also checks the records calamine trusts
  for allocation sizes (DIMENSIONS, SST counts): a 2-cell .xls with a forged DIMENSIONS record
  makes calamine reserve memory for 17 billion cells.

The scans also collect what calamine does not expose: formulas without a cached value (W001),
error cells and their text (calamine turns ``#DIV/0!`` into an empty cell), merged ranges for .ods,
and hidden sheets.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from perfcli.io.cells import CellRange, parse_a1
from perfcli.io.errors import InputError, encrypted, over_limit, unreadable
from perfcli.io.limits import DEFAULT_LIMITS, Limits

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_CALCEXT_NS = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
ERROR_VALUES = frozenset(
    {"#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
# Members of an .xlsx that calamine parses besides the sheets: checked for DTDs/entities too.
_XLSX_AUX_MEMBERS = ("[Content_Types].xml", "_rels/.rels", "xl/sharedStrings.xml", "xl/styles.xml")
# Small structural XML parts are parsed whole; past this size they are not plausible.
_MAX_STRUCTURE_XML = 32 * 1024 * 1024
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)

Pos = tuple[int, int]


def sniff(head: bytes) -> str:
    """Classify a file by its first bytes: zip | cfb | html | pdf | empty | text | binary."""
    if not head:
        return "empty"
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(CFB_MAGIC):
        return "cfb"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text (Excel's "Unicode text")
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        text = head[2 : len(head) // 2 * 2].decode(codec, errors="ignore")
        return sniff(text.encode("utf-8")) if text.strip() else "text"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta", b"<head")):
        return "html"
    try:
        head.decode("utf-8")
        return "text"
    except UnicodeDecodeError as exc:
        # The head may end in the middle of a multi-byte character.
        if exc.start >= len(head) - 3 and b"\x00" not in head:
            return "text"
    try:
        head.decode("gb18030")
        if b"\x00" not in head:
            return "text"
    except UnicodeDecodeError:
        pass
    return "binary"


def is_encrypted_ooxml(head: bytes, path: Path) -> bool:
    """An encrypted .xlsx is a CFB container holding an ``EncryptedPackage`` stream."""
    marker = "EncryptedPackage".encode("utf-16-le")
    if marker in head:
        return True
    with path.open("rb") as fh:
        # Directory entries sit in sectors after the header; a small file keeps them near the top.
        chunk = fh.read(1024 * 1024)
    return marker in chunk or "EncryptionInfo".encode("utf-16-le") in chunk


@dataclass
class SheetScan:
    """What a streaming pass over one worksheet found (positions are 0-based (row, col))."""

    name: str
    n_cells: int = 0
    max_row: int = -1
    max_col: int = -1
    hidden: bool = False
    formulas_without_value: list[Pos] = field(default_factory=list)
    error_cells: list[Pos] = field(default_factory=list)
    error_text: dict[Pos, str] = field(default_factory=dict)
    merged: list[CellRange] = field(default_factory=list)

    @property
    def area(self) -> int:
        return (self.max_row + 1) * (self.max_col + 1)

    def extend_to(self, row: int, col: int) -> None:
        if row > self.max_row:
            self.max_row = row
        if col > self.max_col:
            self.max_col = col

    def add_error(self, pos: Pos, text: str) -> None:
        if pos not in self.error_text:
            self.error_cells.append(pos)
        self.error_text[pos] = text if text in ERROR_VALUES else (text.strip() or "#VALUE!")

    def check(self, limits: Limits) -> None:
        """Raise E004 once the sheet is past a limit (called while scanning, so it stops early)."""
        if self.n_cells > limits.max_cells:
            raise over_limit(
                f"工作表 {self.name} 的非空单元格超过 {limits.max_cells} 个",
                f"sheet {self.name} has more than {limits.max_cells} cells",
            )
        if self.max_row >= limits.max_rows or self.max_col >= limits.max_cols:
            raise over_limit(
                f"工作表 {self.name} 的单元格超出 Excel 的行列范围"
                f"（第 {self.max_row + 1} 行、第 {self.max_col + 1} 列）",
                f"sheet {self.name} has a cell outside the Excel grid",
            )
        if self.area > limits.max_grid_area:
            raise over_limit(
                f"工作表 {self.name} 的使用范围过大（{self.max_row + 1} 行 × {self.max_col + 1} 列）",
                f"sheet {self.name} used range too large ({self.max_row + 1} × {self.max_col + 1})",
            )
        if len(self.merged) > limits.max_merged_ranges:
            raise over_limit(
                f"工作表 {self.name} 的合并单元格区域超过 {limits.max_merged_ranges} 个",
                f"sheet {self.name} has more than {limits.max_merged_ranges} merged ranges",
            )


def _too_many_sheets(n: int, limits: Limits) -> InputError:
    return over_limit(f"工作表数量 {n} 超过上限 {limits.max_sheets}", f"{n} sheets, over the limit")


# --------------------------------------------------------------------------------------------
# zip containers


def check_zip(path: Path, limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """Open a zip container after checking its declared sizes; raise E001/E004 otherwise."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise unreadable(
            f"压缩结构损坏，文件可能不完整（{_short(exc)}）", f"corrupt zip structure ({exc})"
        ) from None
    try:
        _check_zip_members(zf, limits)
    except BaseException:
        zf.close()
        raise
    return zf


def _check_zip_members(zf: zipfile.ZipFile, limits: Limits) -> None:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise over_limit(
            f"压缩包成员过多（{len(infos)} 个，上限 {limits.max_members}）",
            f"too many zip members ({len(infos)})",
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.max_member_ratio:
            raise over_limit(
                f"压缩比异常（{info.filename} 压缩比 {ratio:.0f}:1），疑似压缩炸弹",
                f"suspicious compression ratio {ratio:.0f}:1 in {info.filename} (zip bomb?)",
            )
        if info.flag_bits & 0x1:
            raise encrypted("压缩包成员已加密（设置了密码）", "a zip member is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise unreadable(
                f"压缩包使用了 Excel 不使用的压缩方式（{info.compress_type}）",
                f"unsupported zip compression method {info.compress_type}",
            )
    if total > limits.max_uncompressed_bytes:
        raise over_limit(
            f"解压后大小 {total / 1048576:.0f} MB 超过上限 "
            f"{limits.max_uncompressed_bytes / 1048576:.0f} MB",
            f"uncompressed size {total / 1048576:.0f} MB over the limit",
        )


def _open_member(zf: zipfile.ZipFile, member: str, what: str) -> IO[bytes]:
    try:
        return zf.open(member)
    except KeyError:
        raise unreadable(f"{what}的数据缺失（{member}）", f"{member} missing") from None
    except _ZIP_ERRORS as exc:
        raise unreadable(f"{what}无法解压（{_short(exc)}）", f"{member}: {exc}") from None


def _events(stream: IO[bytes], what: str, events: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """defusedxml iterparse with every failure mapped to E001 (broken) or E004 (unsafe)."""
    try:
        yield from SafeET.iterparse(stream, events=events)
    except DefusedXmlException as exc:  # DTD entities, external references: never expanded
        raise over_limit(
            f"{what} 含有不安全的 XML 内容（{type(exc).__name__}，如实体扩展）",
            f"unsafe XML in {what} ({type(exc).__name__})",
        ) from None
    except SafeET.ParseError as exc:
        raise unreadable(
            f"{what} XML 无法解析（{_short(exc)}）", f"bad XML in {what} ({exc})"
        ) from None
    except InputError:
        raise
    except _ZIP_ERRORS as exc:
        raise unreadable(
            f"{what} 解压失败，文件可能已损坏（{_short(exc)}）", f"cannot decompress {what}: {exc}"
        ) from None
    except (ValueError, UnicodeError) as exc:
        raise unreadable(
            f"{what} XML 无法解析（{_short(exc)}）", f"bad XML in {what} ({exc})"
        ) from None
    except MemoryError:
        raise over_limit(f"{what} 过大，超出内存限制", f"{what} exhausts memory") from None
    except Exception as exc:
        raise unreadable(
            f"{what} XML 无法解析（{type(exc).__name__}）", f"bad XML in {what} ({exc})"
        ) from None


def check_xml_member(zf: zipfile.ZipFile, member: str, what: str = "") -> None:
    """Stream one XML member through defusedxml, dropping elements: entity tricks → E004."""
    what = what or member
    with _open_member(zf, member, what) as stream:
        stack: list[Any] = []
        for event, elem in _events(stream, what, ("start", "end")):
            if event == "start":
                stack.append(elem)
                continue
            stack.pop()
            elem.clear()
            if stack:
                stack[-1].remove(elem)


def _parse_small_xml(zf: zipfile.ZipFile, member: str, what: str) -> Any:
    try:
        info = zf.getinfo(member)
    except KeyError:
        raise unreadable(f"缺少 {member}，不是完整的 Excel 工作簿", f"no {member}") from None
    if info.file_size > _MAX_STRUCTURE_XML:
        raise over_limit(f"{what}过大（{info.file_size // 1048576} MB）", f"{member} too large")
    with _open_member(zf, member, what) as stream:
        root = None
        for _event, elem in _events(stream, what, ("end",)):
            root = elem
    return root


@dataclass
class XlsxSheetRef:
    name: str
    member: str  # the part as the relationship names it, normalised
    hidden: bool
    # Every zip member a reader may take for this part: calamine matches names case-insensitively
    # and does not normalise "xl/../x.xml", so each of these is scanned.
    candidates: tuple[str, ...] = ()


def _unique_member(names: list[str], wanted: str) -> str | None:
    matches = [n for n in names if n.lower() == wanted.lower()]
    if len(matches) > 1:
        raise unreadable(
            f"压缩包中有多个仅大小写不同的 {wanted}，结构可疑",
            f"ambiguous zip members for {wanted}",
        )
    return matches[0] if matches else None


def xlsx_sheets(zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> list[XlsxSheetRef]:
    """The sheets of an .xlsx in workbook order: name, zip member(s), hidden state."""
    names = zf.namelist()
    wb_member = _unique_member(names, "xl/workbook.xml")
    if wb_member is None:
        raise unreadable("缺少 xl/workbook.xml，不是完整的 Excel 工作簿", "no xl/workbook.xml")
    wb_root = _parse_small_xml(zf, wb_member, "工作簿结构")
    rels_member = _unique_member(names, "xl/_rels/workbook.xml.rels")
    targets: dict[str, str] = {}
    if rels_member is not None:
        rels_root = _parse_small_xml(zf, rels_member, "工作簿关系")
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
            raise _too_many_sheets(len(out) + 1, limits)
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
    with _open_member(zf, member, what) as stream:
        for event, elem in _events(stream, what, ("start", "end")):
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


# --------------------------------------------------------------------------------------------
# OpenDocument spreadsheets


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
    content = _unique_member(zf.namelist(), "content.xml")
    if content is None:
        raise unreadable("缺少 content.xml，不是 ODS 表格", "no content.xml")
    with _open_member(zf, content, what) as stream:
        for event, elem in _events(stream, what, ("start", "end")):
            tag = elem.tag
            if event == "start":
                stack.append(elem)
                if tag in cell_tags:
                    cell_depth += 1
                elif tag == table_tag:
                    if len(scans) >= limits.max_sheets:
                        raise _too_many_sheets(len(scans) + 1, limits)
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


# --------------------------------------------------------------------------------------------
# Compound files (.xls, encrypted OOXML)

_FREESECT = 0xFFFFFFFF
_ENDOFCHAIN = 0xFFFFFFFE
_SPECIAL = 0xFFFFFFFA  # ids at or above this are markers, not sectors


class CompoundFile:
    """A minimal, bounds-checked reader of an OLE2/CFB container held in memory.

    Only what the preflight needs: the directory (stream names and sizes) and reading a stream.
    Every malformed structure raises E001; chains are cycle- and length-checked.
    """

    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(CFB_MAGIC):
            raise _bad_cfb("文件头不完整")
        self.data = data
        shift = _u16(data, 0x1E)
        if shift not in (9, 12):
            raise _bad_cfb("扇区大小无效")
        self.sector_size = 1 << shift
        self.mini_size = 1 << _u16(data, 0x20)
        if self.mini_size not in (64,):
            raise _bad_cfb("小扇区大小无效")
        self.n_sectors = max((len(data) - self.sector_size) // self.sector_size, 0)
        self.mini_cutoff = _u32(data, 0x38)
        self.major = _u16(data, 0x1A)
        self.fat = self._read_fat()
        dir_start = _u32(data, 0x30)
        directory = self._read_chain(dir_start, self.fat, self.sector_size)
        self.entries: dict[str, tuple[int, int]] = {}
        root_start, root_size = _ENDOFCHAIN, 0
        for off in range(0, len(directory) - 127, 128):
            entry = directory[off : off + 128]
            kind = entry[66]
            name_len = _u16(entry, 64)
            if kind == 0 or name_len < 2 or name_len > 64:
                continue
            name = entry[: name_len - 2].decode("utf-16-le", errors="replace")
            start = _u32(entry, 116)
            size = struct.unpack_from("<Q", entry, 120)[0]
            if self.major == 3:
                size &= 0xFFFFFFFF
            if kind == 5 and off == 0:
                root_start, root_size = start, size
            elif kind == 2:
                self.entries.setdefault(name, (start, size))
        self.mini_fat: list[int] | None = None
        self.mini_stream: bytes | None = None
        self._root = (root_start, root_size)

    def _sector(self, sid: int) -> bytes:
        if sid >= self.n_sectors:
            raise _bad_cfb("扇区编号越界")
        off = (sid + 1) * self.sector_size
        return self.data[off : off + self.sector_size]

    def _read_fat(self) -> list[int]:
        data = self.data
        n_fat = _u32(data, 0x2C)
        if n_fat > self.n_sectors + 1:
            raise _bad_cfb("FAT 扇区数无效")
        fat_sids = [_u32(data, 0x4C + 4 * i) for i in range(109)]
        difat_sid = _u32(data, 0x44)
        per = self.sector_size // 4
        seen = 0
        while difat_sid < _SPECIAL:
            seen += 1
            if seen > self.n_sectors:
                raise _bad_cfb("DIFAT 链循环")
            sector = self._sector(difat_sid)
            vals = struct.unpack(f"<{per}I", sector)
            fat_sids.extend(vals[:-1])
            difat_sid = vals[-1]
        fat: list[int] = []
        for sid in fat_sids[:n_fat]:
            if sid >= _SPECIAL:
                continue
            fat.extend(struct.unpack(f"<{per}I", self._sector(sid)))
        return fat

    def _read_chain(
        self, start: int, fat: list[int], unit: int, mini: bytes | None = None
    ) -> bytes:
        parts: list[bytes] = []
        sid = start
        limit = len(fat)
        while sid < _SPECIAL:
            if sid >= len(fat) or len(parts) > limit:
                raise _bad_cfb("扇区链无效或循环")
            if mini is None:
                parts.append(self._sector(sid))
            else:
                off = sid * unit
                if off + unit > len(mini):
                    raise _bad_cfb("小扇区越界")
                parts.append(mini[off : off + unit])
            sid = fat[sid]
        return b"".join(parts)

    def has_stream(self, name: str) -> bool:
        return any(key.lower() == name.lower() for key in self.entries)

    def read_stream(self, name: str) -> bytes:
        key = next(k for k in self.entries if k.lower() == name.lower())
        start, size = self.entries[key]
        if size > len(self.data):
            raise _bad_cfb(f"数据流 {name} 的长度无效")
        if size < self.mini_cutoff:
            if self.mini_fat is None or self.mini_stream is None:
                raw = self._read_chain(_u32(self.data, 0x3C), self.fat, self.sector_size)
                self.mini_fat = list(struct.unpack(f"<{len(raw) // 4}I", raw[: len(raw) // 4 * 4]))
                self.mini_stream = self._read_chain(self._root[0], self.fat, self.sector_size)
            data = self._read_chain(start, self.mini_fat, self.mini_size, self.mini_stream)
        else:
            data = self._read_chain(start, self.fat, self.sector_size)
        if len(data) < size:
            raise _bad_cfb(f"数据流 {name} 被截断")
        return data[:size]


def _bad_cfb(why: str) -> InputError:
    return unreadable(f"复合文档（.xls）结构损坏：{why}", f"corrupt compound file: {why}")


def _u16(data: bytes, off: int) -> int:
    value: int = struct.unpack_from("<H", data, off)[0]
    return value


def _u32(data: bytes, off: int) -> int:
    value: int = struct.unpack_from("<I", data, off)[0]
    return value


def open_compound(data: bytes) -> CompoundFile:
    """Parse a CFB container; E002 if it is an encrypted OOXML package, E001 if broken."""
    try:
        cfb = CompoundFile(data)
    except InputError:
        raise
    except (struct.error, IndexError, ValueError, OverflowError, MemoryError) as exc:
        raise _bad_cfb(type(exc).__name__) from None
    if cfb.has_stream("EncryptedPackage") or cfb.has_stream("EncryptionInfo"):
        raise encrypted()
    return cfb


_BIFF_ERRORS = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
    0x2B: "#N/A",
}
# Records whose first four bytes are (row, col) of one cell holding a value (calamine's list).
_BIFF_VALUE_CELLS = frozenset({0x0203, 0x0204, 0x0205, 0x0006, 0x027E, 0x00FD, 0x00D6})


def scan_xls(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[SheetScan]:
    """Walk the BIFF records of an .xls: E002 for FILEPASS, E004 past limits, scans per sheet.

    Returned in BOUNDSHEET order (the order calamine lists the sheets in).
    """
    cfb = open_compound(data)
    stream_name = next((n for n in ("Workbook", "Book") if cfb.has_stream(n)), None)
    if stream_name is None:
        raise unreadable(
            "文件是 Office 复合文档但不含 Excel 工作簿（可能是 .doc 等其他文件改了扩展名）",
            "an OLE compound file without a Workbook stream",
        )
    try:
        stream = cfb.read_stream(stream_name)
        return _scan_biff(stream, limits)
    except InputError:
        raise
    except (struct.error, IndexError, ValueError, OverflowError) as exc:
        raise unreadable(
            f".xls 记录结构损坏（{type(exc).__name__}）", f"corrupt BIFF records ({exc})"
        ) from None


def _records(stream: bytes, pos: int) -> Iterator[tuple[int, bytes]]:
    end = len(stream)
    while pos + 4 <= end:
        rtype, rlen = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4 : pos + 4 + rlen]
        pos += 4 + rlen
        yield rtype, body
        if rtype == 0x000A:  # EOF of this substream
            return


def _scan_biff(stream: bytes, limits: Limits) -> list[SheetScan]:
    if len(stream) < 8 or _u16(stream, 0) != 0x0809:
        raise unreadable(".xls 工作簿数据流缺少开头记录", "no BOF record")
    biff8 = _u16(stream, 4) not in (0x0200, 0x0002, 0x0007, 0x0300, 0x0400, 0x0500)
    sheets: list[tuple[int, SheetScan]] = []
    for rtype, body in _records(stream, 0):
        if rtype == 0x002F:  # FILEPASS: RC4 encryption or XOR obfuscation
            raise encrypted()
        if rtype == 0x0085:  # BOUNDSHEET
            if len(body) < 8:
                raise unreadable(".xls 工作表目录记录损坏", "short BOUNDSHEET")
            offset = _u32(body, 0)
            if offset >= len(stream):
                raise unreadable(".xls 工作表位置越界", "sheet offset out of range")
            if len(sheets) >= limits.max_sheets:
                raise _too_many_sheets(len(sheets) + 1, limits)
            scan = SheetScan(_biff_sheet_name(body[6:], biff8))
            scan.hidden = body[4] & 0x3 != 0
            sheets.append((offset, scan))
        elif rtype == 0x00FC:  # SST: calamine reserves capacity for the declared count
            if len(body) < 8:
                raise unreadable(".xls 共享字符串表损坏", "short SST")
            count = _u32(body, 4)
            if count > len(stream) // 3 + 1:
                raise over_limit(
                    f".xls 共享字符串表声明了 {count} 个字符串，与文件大小不符",
                    f"SST declares {count} strings, implausible for the file size",
                )
    for offset, scan in sheets:
        _scan_biff_sheet(stream, offset, scan, limits)
    return [scan for _offset, scan in sheets]


def _biff_sheet_name(raw: bytes, biff8: bool) -> str:
    if not raw:
        return ""
    cch = raw[0]
    if biff8 and len(raw) >= 2:
        if raw[1] & 0x1:
            return raw[2 : 2 + 2 * cch].decode("utf-16-le", errors="replace").replace("\0", "")
        return raw[2 : 2 + cch].decode("latin-1").replace("\0", "")
    chunk = raw[1 : 1 + cch]
    for codec in ("gbk", "cp1252"):
        try:
            return chunk.decode(codec).replace("\0", "")
        except UnicodeDecodeError:
            continue
    return chunk.decode("latin-1")


def _scan_biff_sheet(stream: bytes, offset: int, scan: SheetScan, limits: Limits) -> None:
    if offset + 4 > len(stream) or _u16(stream, offset) != 0x0809:
        raise unreadable(f".xls 工作表 {scan.name} 的位置无效", f"sheet {scan.name}: no BOF")
    for rtype, body in _records(stream, offset):
        if rtype in _BIFF_VALUE_CELLS:
            if len(body) < 6:
                raise unreadable(f".xls 工作表 {scan.name} 的单元格记录损坏", "short cell record")
            pos = (_u16(body, 0), _u16(body, 2))
            scan.n_cells += 1
            scan.extend_to(*pos)
            if rtype == 0x0205 and len(body) >= 8 and body[7] == 1:
                scan.add_error(pos, _BIFF_ERRORS.get(body[6], "#VALUE!"))
            elif (
                rtype == 0x0006 and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2
            ):
                scan.add_error(pos, _BIFF_ERRORS.get(body[8], "#VALUE!"))  # cached error result
        elif rtype == 0x00BD:  # MULRK: row, first col, n × (xf, rk), last col
            if len(body) < 6 or (len(body) - 6) % 6:
                raise unreadable(f".xls 工作表 {scan.name} 的单元格记录损坏", "bad MULRK")
            row, first = _u16(body, 0), _u16(body, 2)
            last = _u16(body, len(body) - 2)
            n = (len(body) - 6) // 6
            if last < first or last - first + 1 != n:
                raise unreadable(f".xls 工作表 {scan.name} 的单元格记录损坏", "bad MULRK")
            scan.n_cells += n
            scan.extend_to(row, last)
        elif rtype == 0x0200:  # DIMENSIONS: calamine reserves rows × cols cells up front
            _check_dimensions(body, scan, limits)
        elif rtype == 0x00E5:  # MERGEDCELLS
            if len(body) < 2 or len(body) < 2 + 8 * _u16(body, 0):
                raise unreadable(f".xls 工作表 {scan.name} 的合并单元格记录损坏", "bad MERGEDCELLS")
            for i in range(_u16(body, 0)):
                r0, r1, c0, c1 = struct.unpack_from("<HHHH", body, 2 + 8 * i)
                if r0 <= r1 and c0 <= c1:
                    scan.merged.append(CellRange(r0, c0, r1, c1))
        else:
            continue
        scan.check(limits)
    scan.check(limits)


def _check_dimensions(body: bytes, scan: SheetScan, limits: Limits) -> None:
    if len(body) == 14:
        r0, r1, c0, c1 = struct.unpack_from("<IIHH", body, 0)
    elif len(body) == 10:
        r0, r1, c0, c1 = struct.unpack_from("<HHHH", body, 0)
    else:
        raise unreadable(f".xls 工作表 {scan.name} 的尺寸记录损坏", "bad DIMENSIONS length")
    if r1 < 1 or c1 < 1:
        return  # calamine reads "no cells" as a single cell
    # calamine computes (last - first + 1) in u32 arithmetic: an inverted range wraps to ~4e9.
    rows = (r1 - 1 - r0 + 1) % (1 << 32)
    cols = (c1 - 1 - c0 + 1) % (1 << 32)
    if rows > limits.max_rows or cols > limits.max_cols or rows * cols > limits.max_grid_area:
        raise over_limit(
            f".xls 工作表 {scan.name} 声明的尺寸过大（{rows} 行 × {cols} 列）",
            f"sheet {scan.name} declares {rows} × {cols} cells",
        )


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"
