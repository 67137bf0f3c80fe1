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

This module sniffs what a file is; the checks live in smaller modules and are re-exported here,
the one name the reader imports them by: ``zip_check`` (zip containers and their XML),
``xlsx_scan`` and ``ods_scan`` (the sheets of each), ``compound`` (the CFB container),
``xls_scan`` (the BIFF record walk) and ``sheet_scan`` (``SheetScan``, the used-range measure).
"""

from __future__ import annotations

from pathlib import Path

from perfcli.io.compound import CFB_MAGIC, CompoundFile, open_compound
from perfcli.io.ods_scan import scan_ods_content
from perfcli.io.sheet_scan import ERROR_VALUES, Pos, SheetScan
from perfcli.io.xls_scan import scan_xls
from perfcli.io.xlsx_scan import (
    XlsxSheetRef,
    scan_xlsx,
    scan_xlsx_sheet,
    xlsx_sheet_members,
    xlsx_sheets,
)
from perfcli.io.zip_check import check_xml_member, check_zip

__all__ = [
    "CFB_MAGIC",
    "ERROR_VALUES",
    "ZIP_MAGIC",
    "CompoundFile",
    "Pos",
    "SheetScan",
    "XlsxSheetRef",
    "check_xml_member",
    "check_zip",
    "is_encrypted_ooxml",
    "open_compound",
    "scan_ods_content",
    "scan_xls",
    "scan_xlsx",
    "scan_xlsx_sheet",
    "sniff",
    "xlsx_sheet_members",
    "xlsx_sheets",
]

ZIP_MAGIC = b"PK\x03\x04"


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
