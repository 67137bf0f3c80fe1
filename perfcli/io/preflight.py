"""Look at a file before any parser touches it: what it really is, and whether it is safe.

Everything here streams and caps: declared zip sizes and ratios are checked before a member is
opened, XML is parsed with defusedxml (no DTDs, no entity expansion), and a worksheet's used range
is measured from its cell references *before* calamine materialises a dense grid (a 5 KB sheet with
cells at A1 and XFD1048576 would otherwise allocate hundreds of gigabytes).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from defusedxml import ElementTree as SafeET  # type: ignore[import-untyped]

from perfcli.io.cells import parse_a1
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
ERROR_VALUES = frozenset(
    {"#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)


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
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta", b"<head")):
        return "html"
    try:
        head.decode("utf-8")
        return "text"
    except UnicodeDecodeError:
        pass
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
    """What a streaming pass over one worksheet's XML found."""

    name: str
    n_cells: int = 0
    max_row: int = -1
    max_col: int = -1
    formulas_without_value: list[tuple[int, int]] = field(default_factory=list)
    error_cells: list[tuple[int, int]] = field(default_factory=list)

    @property
    def area(self) -> int:
        return (self.max_row + 1) * (self.max_col + 1)


def check_zip(path: Path, limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """Open a zip container after checking its declared sizes; raise E001/E004 otherwise."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise unreadable(f"压缩结构损坏（{exc}）", f"corrupt zip structure ({exc})") from None
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        zf.close()
        raise over_limit(
            f"压缩包成员过多（{len(infos)} 个，上限 {limits.max_members}）",
            f"too many zip members ({len(infos)})",
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.max_member_ratio:
            zf.close()
            raise over_limit(
                f"压缩比异常（{info.filename} 压缩比 {ratio:.0f}:1），疑似压缩炸弹",
                f"suspicious compression ratio {ratio:.0f}:1 in {info.filename} (zip bomb?)",
            )
    if total > limits.max_uncompressed_bytes:
        zf.close()
        raise over_limit(
            f"解压后大小 {total / 1048576:.0f} MB 超过上限 "
            f"{limits.max_uncompressed_bytes / 1048576:.0f} MB",
            f"uncompressed size {total / 1048576:.0f} MB over the limit",
        )
    return zf


def xlsx_sheet_members(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip member path) in workbook order."""
    try:
        wb_root = SafeET.fromstring(zf.read("xl/workbook.xml"))
        rels_root = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        raise unreadable("缺少 xl/workbook.xml，不是 Excel 工作簿", "no xl/workbook.xml") from None
    except SafeET.ParseError as exc:
        raise unreadable(f"工作簿结构 XML 无法解析（{exc}）", f"bad workbook XML ({exc})") from None
    except Exception as exc:  # defusedxml raises its own classes for DTDs and entities
        raise over_limit(f"工作簿 XML 含有不安全内容（{type(exc).__name__}）", str(exc)) from None
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in rels_root.iter(f"{_REL_NS}Relationship")
    }
    out: list[tuple[str, str]] = []
    for sheet in wb_root.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{_DOC_REL_NS}id"), "")
        if not target:
            continue
        member = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        out.append((sheet.get("name", ""), posixpath.normpath(member)))
    return out


def _iterparse(stream: IO[bytes]) -> Iterator[tuple[str, object]]:
    try:
        yield from SafeET.iterparse(stream, events=("end",))
    except SafeET.ParseError as exc:
        raise unreadable(f"工作表 XML 无法解析（{exc}）", f"bad sheet XML ({exc})") from None
    except InputError:
        raise
    except Exception as exc:  # DTDForbidden, EntitiesForbidden, …
        raise over_limit(f"工作表 XML 含有不安全内容（{type(exc).__name__}）", str(exc)) from None


def scan_xlsx_sheet(
    zf: zipfile.ZipFile, name: str, member: str, limits: Limits = DEFAULT_LIMITS
) -> SheetScan:
    """Stream one worksheet: used range, cell count, formulas without value, error cells."""
    scan = SheetScan(name)
    row_idx = -1
    col_idx = -1
    try:
        stream = zf.open(member)
    except KeyError:
        raise unreadable(f"工作表 {name} 的数据缺失", f"sheet {name} data missing") from None
    with stream:
        for _event, elem in _iterparse(stream):
            tag = elem.tag  # type: ignore[attr-defined]
            if tag == f"{_MAIN_NS}row":
                elem.clear()  # type: ignore[attr-defined]
                continue
            if tag != f"{_MAIN_NS}c":
                continue
            ref = elem.get("r")  # type: ignore[attr-defined]
            if ref:
                try:
                    row_idx, col_idx = parse_a1(ref)
                except ValueError:
                    raise unreadable(f"单元格引用无效：{ref[:20]}", f"bad ref {ref[:20]}") from None
            else:
                col_idx += 1
            if row_idx >= limits.max_rows or col_idx >= limits.max_cols:
                raise over_limit(f"单元格 {ref} 超出 Excel 的行列范围", f"cell {ref} out of range")
            value = elem.find(f"{_MAIN_NS}v")  # type: ignore[attr-defined]
            inline = elem.find(f"{_MAIN_NS}is")  # type: ignore[attr-defined]
            formula = elem.find(f"{_MAIN_NS}f")  # type: ignore[attr-defined]
            has_value = (value is not None and (value.text or "") != "") or inline is not None
            if formula is not None and not has_value:
                scan.formulas_without_value.append((row_idx, col_idx))
            if has_value or formula is not None:
                scan.n_cells += 1
                scan.max_row = max(scan.max_row, row_idx)
                scan.max_col = max(scan.max_col, col_idx)
                if elem.get("t") == "e":  # type: ignore[attr-defined]
                    scan.error_cells.append((row_idx, col_idx))
            if scan.n_cells > limits.max_cells:
                raise over_limit(
                    f"工作表 {name} 的非空单元格超过 {limits.max_cells} 个",
                    f"sheet {name} has more than {limits.max_cells} cells",
                )
            elem.clear()  # type: ignore[attr-defined]
    if scan.area > limits.max_grid_area:
        raise over_limit(
            f"工作表 {name} 的使用范围过大（{scan.max_row + 1} 行 × {scan.max_col + 1} 列）",
            f"sheet {name} used range too large ({scan.max_row + 1} × {scan.max_col + 1})",
        )
    return scan


def scan_ods_content(zf: zipfile.ZipFile, limits: Limits = DEFAULT_LIMITS) -> dict[str, SheetScan]:
    """Stream an .ods content.xml: used range per table, counting repeated rows/cells."""
    scans: dict[str, SheetScan] = {}
    try:
        stream = zf.open("content.xml")
    except KeyError:
        raise unreadable("缺少 content.xml，不是 ODS 表格", "no content.xml") from None
    current: SheetScan | None = None
    row_idx = -1
    col_idx = -1
    with stream:
        events = SafeET.iterparse(stream, events=("start", "end"))
        try:
            for event, elem in events:
                tag = elem.tag
                if event == "start":
                    if tag == f"{_TABLE_NS}table":
                        current = SheetScan(elem.get(f"{_TABLE_NS}name", ""))
                        scans[current.name] = current
                        row_idx = -1
                    elif tag == f"{_TABLE_NS}table-row":
                        row_idx += 1
                        col_idx = -1
                    continue
                if current is None:
                    continue
                if tag in (f"{_TABLE_NS}table-cell", f"{_TABLE_NS}covered-table-cell"):
                    repeat = int(elem.get(f"{_TABLE_NS}number-columns-repeated", "1") or 1)
                    non_empty = elem.get(f"{_OFFICE_NS}value-type") is not None or any(
                        child.tag == f"{_TEXT_NS}p" for child in elem
                    )
                    if non_empty:
                        current.n_cells += repeat
                        current.max_row = max(current.max_row, row_idx)
                        current.max_col = max(current.max_col, col_idx + repeat)
                    col_idx += repeat
                    elem.clear()
                elif tag == f"{_TABLE_NS}table-row":
                    repeat = int(elem.get(f"{_TABLE_NS}number-rows-repeated", "1") or 1)
                    if repeat > 1 and current.max_row == row_idx:
                        current.max_row = row_idx + repeat - 1
                    row_idx += repeat - 1
                    elem.clear()
                if current.n_cells > limits.max_cells or current.area > limits.max_grid_area:
                    raise over_limit(
                        f"工作表 {current.name} 的使用范围过大",
                        f"sheet {current.name} used range too large",
                    )
        except SafeET.ParseError as exc:
            raise unreadable(f"ODS 内容 XML 无法解析（{exc}）", f"bad ODS XML ({exc})") from None
        except InputError:
            raise
        except Exception as exc:
            raise over_limit(f"ODS XML 含有不安全内容（{type(exc).__name__}）", str(exc)) from None
    return scans


def _ensure_not_encrypted_cfb(head: bytes, path: Path) -> None:
    if is_encrypted_ooxml(head, path):
        raise encrypted()
