"""One reader API for .xlsx/.xlsm/.xls/.ods: a file on disk → a ``Workbook`` of sparse sheets.

Values come from python-calamine. Before calamine sees a file, ``preflight`` checks it (zip sizes
and ratios, XML safety, the compound-file structure of .xls) and measures every sheet's used range:
calamine builds each sheet as a dense grid and *aborts the process* when an allocation fails, so a
sheet is only handed to calamine once its scan has passed the limits. A sheet calamine lists but
the preflight did not scan is refused, never read blind.

What calamine does not give is taken from the preflight scans:

* error cells (calamine returns ``#DIV/0!`` and friends as empty cells): listed in
  ``Sheet.error_cells`` and stored as their error text (``"#DIV/0!"``, a ``str``), as Excel shows;
* formulas without a cached value (W001): ``Sheet.formulas_without_value`` (.xlsx and .ods);
* merged ranges for .ods (calamine gives them for .xlsx/.xls only), hidden .xlsx/.ods sheets.

Input files are only ever opened for reading.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from perfcli.io.cells import CellRange, CellValue, Sheet, Workbook
from perfcli.io.errors import InputError, encrypted, over_limit, unreadable
from perfcli.io.limits import DEFAULT_LIMITS, Limits
from perfcli.io.preflight import (
    ERROR_VALUES,
    SheetScan,
    check_zip,
    scan_ods_content,
    scan_xls,
    scan_xlsx,
    sniff,
)

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})

_WHAT_IT_IS = {
    "empty": ("文件为空（0 字节）", "the file is empty (0 bytes)"),
    "html": (
        "文件实际是 HTML/XML 网页而不是 Excel 工作簿（常见于系统导出的“伪 xls”），请用 Excel 打开后另存为 .xlsx",
        "the file is an HTML/XML page, not a workbook; open it in Excel and save as .xlsx",
    ),
    "text": (
        "文件实际是文本（如 CSV）而不是 Excel 工作簿，请用 Excel 打开后另存为 .xlsx",
        "the file is plain text (e.g. CSV), not a workbook",
    ),
    "pdf": ("文件实际是 PDF 而不是 Excel 工作簿", "the file is a PDF, not a workbook"),
    "binary": ("文件内容无法识别为 Excel 工作簿，可能已损坏", "unrecognised binary content"),
}

# Exceptions that malformed input can raise from parsing code; anything else is a perfcli bug.
_MALFORMED = (
    ValueError,
    struct.error,
    IndexError,
    KeyError,
    UnicodeError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OverflowError,
)


def read_workbook(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    """Read every sheet of a workbook. Raises ``InputError`` (E001/E002/E004) for bad input."""
    path = Path(path)
    try:
        if not path.is_file():
            raise unreadable("路径不是普通文件", "not a regular file")
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise unreadable(
            f"无法打开文件（{exc.strerror}）", f"cannot open ({exc.strerror})"
        ) from None
    if size > limits.max_file_bytes:
        raise over_limit(
            f"文件大小 {size / 1048576:.1f} MB 超过上限 {limits.max_file_bytes / 1048576:.1f} MB",
            f"file size {size / 1048576:.1f} MB over the limit",
        )
    try:
        return _read(path, head, limits)
    except InputError:
        raise
    except MemoryError:
        raise over_limit("读取时超出内存限制", "out of memory while reading") from None
    except RecursionError:
        raise over_limit("文件结构嵌套过深", "structure nested too deeply") from None
    except OSError as exc:
        raise unreadable(f"读取文件失败（{exc.strerror or exc}）", f"read failed ({exc})") from None
    except _MALFORMED as exc:
        raise unreadable(
            f"文件结构损坏（{type(exc).__name__}：{_short(exc)}）",
            f"corrupt structure ({type(exc).__name__}: {_short(exc)})",
        ) from None


def _read(path: Path, head: bytes, limits: Limits) -> Workbook:
    kind = sniff(head)
    suffix = path.suffix.lower()
    if kind == "zip":
        with check_zip(path, limits) as zf:
            lower = {n.lower() for n in zf.namelist()}
            if "xl/workbook.xml" in lower:
                fmt = "xlsm" if suffix == ".xlsm" else "xlsx"
                scans = scan_xlsx(zf, limits)
            elif "content.xml" in lower:
                fmt = "ods"
                scans = scan_ods_content(zf, limits)
            elif "xl/workbook.bin" in lower:
                raise unreadable(
                    "文件是 Excel 二进制工作簿（.xlsb），不受支持，请另存为 .xlsx",
                    "an .xlsb workbook",
                )
            elif "word/document.xml" in lower or "ppt/presentation.xml" in lower:
                raise unreadable(
                    "文件是 Word/PowerPoint 文档改了扩展名，不是 Excel 工作簿",
                    "a Word/PowerPoint document renamed to a workbook extension",
                )
            else:
                raise unreadable(
                    "文件是压缩包但不是 Excel/ODS 工作簿（可能是其他文件改了扩展名）",
                    "a zip archive that is not a workbook",
                )
        with path.open("rb") as fh:
            return _read_with_calamine(fh, str(path), fmt, scans, [], limits)
    if kind == "cfb":
        data = path.read_bytes()  # bounded by max_file_bytes
        ordered = scan_xls(data, limits)  # E002 for encrypted OOXML / FILEPASS
        by_name = {scan.name: scan for scan in ordered}
        return _read_with_calamine(io.BytesIO(data), str(path), "xls", by_name, ordered, limits)
    zh, en = _WHAT_IT_IS.get(kind, _WHAT_IT_IS["binary"])
    raise unreadable(zh, en)


@contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null: a Rust panic inside calamine prints its own message
    and backtrace there before it becomes a Python exception, and the user should see only the
    E finding that exception turns into."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        sys.stderr.flush()
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _calamine_call(what: str, fn: Any, *args: Any) -> Any:
    """Call into calamine; any failure (including a Rust panic) becomes an InputError."""
    import python_calamine as pc

    try:
        with _native_stderr_silenced():
            return fn(*args)
    except pc.PasswordError:
        raise encrypted() from None
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except MemoryError:
        raise over_limit(f"{what}时超出内存限制", f"out of memory: {what}") from None
    except BaseException as exc:  # CalamineError, XmlError, ZipError, pyo3 PanicException, …
        raise unreadable(
            f"{what}失败，文件可能已损坏（{_short(exc)}）", f"{what} failed ({_short(exc)})"
        ) from None


def _read_with_calamine(
    source: Any,
    path: str,
    fmt: str,
    scans: dict[str, SheetScan],
    ordered: list[SheetScan],
    limits: Limits,
) -> Workbook:
    import python_calamine as pc  # a compiled extension: imported only when a file is read

    book = _calamine_call("解析工作簿", pc.CalamineWorkbook.from_filelike, source)
    workbook = Workbook(path=path, format=fmt)
    metas = list(book.sheets_metadata)
    if len(metas) > limits.max_sheets:
        raise over_limit(f"工作表数量 {len(metas)} 超过上限 {limits.max_sheets}", "too many sheets")
    for index, meta in enumerate(metas):
        if meta.typ != pc.SheetTypeEnum.WorkSheet:
            continue  # chart sheets, dialog sheets, macro sheets hold no cells we check
        scan = scans.get(meta.name)
        if scan is None and index < len(ordered):
            scan = ordered[index]  # .xls names in a legacy code page may decode differently
        if scan is None:
            raise unreadable(
                f"工作表 {meta.name} 的数据缺失或无法预检，为安全起见未读取",
                f"sheet {meta.name} could not be pre-checked; not read",
            )
        sheet = Sheet(
            name=meta.name,
            index=index,
            hidden=meta.visible != pc.SheetVisibleEnum.Visible or scan.hidden,
            merged=list(scan.merged),
            formulas_without_value=list(scan.formulas_without_value),
        )
        if scan.n_cells:
            _fill_sheet(book, meta.name, sheet, scan, limits)
        _set_errors(sheet, scan)
        workbook.sheets.append(sheet)
    return workbook


def _fill_sheet(book: Any, name: str, sheet: Sheet, scan: SheetScan, limits: Limits) -> None:
    data = _calamine_call(f"读取工作表 {name}", book.get_sheet_by_name, name)
    start = data.start
    if start is None:
        return
    height, width = int(data.height), int(data.width)
    if height * max(width, 1) > limits.max_grid_area:
        raise over_limit(f"工作表 {name} 的使用范围过大", f"sheet {name} too large")
    # python-calamine's iter_rows() yields the empty rows above the data (but not the empty
    # columns left of it); other versions may not. Positions are fixed up once the count is known.
    found: list[tuple[int, int, CellValue]] = []
    n_rows = 0
    row_len = width
    for r_off, row in enumerate(data.iter_rows()):
        n_rows += 1
        row_len = len(row)
        for c_off, value in enumerate(row):
            if value is None or (isinstance(value, str) and value == ""):
                continue
            found.append((r_off, c_off, _plain(value)))
    row_shift = max(start[0] + height - n_rows, 0)
    col_shift = max(start[1] + width - row_len, 0)
    for r_off, c_off, value in found:
        pos = (r_off + row_shift, c_off + col_shift)
        if isinstance(value, str) and value.strip() in ERROR_VALUES and pos not in scan.error_text:
            scan.add_error(pos, value.strip())
        sheet.set(pos[0], pos[1], value)
    calamine_merges = data.merged_cell_ranges
    if calamine_merges:
        sheet.merged = [CellRange(a[0], a[1], b[0], b[1]) for a, b in calamine_merges]


def _set_errors(sheet: Sheet, scan: SheetScan) -> None:
    """Error cells hold their error text, as Excel shows them (calamine leaves them empty)."""
    for pos in scan.error_cells:
        sheet.set(pos[0], pos[1], scan.error_text.get(pos, "#VALUE!"))
    sheet.error_cells = sorted(scan.error_cells)


def _plain(value: object) -> CellValue:
    if isinstance(value, str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta):
        return value
    return str(value)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    text = text.splitlines()[0] if text.strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"


__all__ = ["WORKBOOK_SUFFIXES", "InputError", "read_workbook"]
