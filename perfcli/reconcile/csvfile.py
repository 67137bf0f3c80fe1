"""A 决算 table in CSV → one sparse ``Sheet`` of text cells, within the safety limits.

Bureau exports are UTF-8 (often with a BOM) or GB18030 (GBK); both are tried, in that order. The
delimiter is sniffed among ``, ; tab |``. Nothing is evaluated: a cell ``=cmd|…`` is just text.
Bad input raises ``InputError`` (E001 unreadable, E004 over a limit), never anything else.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from perfcli.io.cells import Sheet
from perfcli.io.errors import over_limit, unreadable
from perfcli.io.limits import Limits

CSV_SUFFIXES = frozenset({".csv", ".txt"})
_ENCODINGS = ("utf-8-sig", "gb18030")
_MAX_FIELD = 1 << 20  # one cell of 1 MB is already far beyond any real 决算 cell


def read_csv_sheet(path: str | Path, limits: Limits) -> Sheet:
    """Read a CSV file into a sheet named after the file (cells hold the text as written)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise over_limit(
                f"文件大小 {size / 1048576:.1f} MB 超过上限 {limits.max_file_bytes / 1048576:.1f} MB",
                f"file size {size / 1048576:.1f} MB over the limit",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable(
            f"无法打开文件（{exc.strerror}）", f"cannot open ({exc.strerror})"
        ) from None
    if not data.strip():
        raise unreadable("文件为空", "the file is empty")
    if b"\x00" in data[:65536]:
        raise unreadable(
            "文件含二进制内容，不是 CSV 文本（可能是改了扩展名的工作簿）",
            "binary content: not a CSV text file",
        )
    text = _decode(data)
    sheet = Sheet(name=path.stem or "csv")
    try:
        _fill(sheet, text, limits)
    except csv.Error as exc:
        raise unreadable(f"CSV 格式错误（{exc}）", f"malformed CSV ({exc})") from None
    return sheet


def _decode(data: bytes) -> str:
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise unreadable(
        "无法识别文件编码（应为 UTF-8 或 GBK/GB18030）",
        "unknown encoding (expected UTF-8 or GB18030)",
    )


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _fill(sheet: Sheet, text: str, limits: Limits) -> None:
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    old_limit = csv.field_size_limit()
    csv.field_size_limit(_MAX_FIELD)
    try:
        n_cells = 0
        for r, row in enumerate(reader):
            if r >= limits.max_rows:
                raise over_limit(f"行数超过上限 {limits.max_rows}", "too many rows")
            if len(row) > limits.max_cols:
                raise over_limit(
                    f"第 {r + 1} 行的列数超过上限 {limits.max_cols}", "too many columns"
                )
            for c, value in enumerate(row):
                if value.strip():
                    n_cells += 1
                    if n_cells > limits.max_cells:
                        raise over_limit(f"单元格数超过上限 {limits.max_cells}", "too many cells")
                    sheet.set(r, c, value.strip())
    finally:
        csv.field_size_limit(old_limit)
