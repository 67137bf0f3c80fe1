"""One reader API for .xlsx/.xlsm/.xls/.ods: a file on disk → a ``Workbook`` of sparse sheets.

Values come from python-calamine. Before calamine sees a zip-based file, ``preflight`` checks its
declared sizes and measures each sheet's used range, so nothing is materialised past the limits.
Merged ranges come from calamine; for .xlsx files where it gives none, openpyxl (read-only parse of
the sheet XML is not enough for merges, so the full load is used, and only then).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from perfcli.io.cells import CellRange, CellValue, Sheet, Workbook
from perfcli.io.errors import InputError, encrypted, over_limit, unreadable
from perfcli.io.limits import DEFAULT_LIMITS, Limits
from perfcli.io.preflight import (
    ERROR_VALUES,
    SheetScan,
    check_zip,
    is_encrypted_ooxml,
    scan_ods_content,
    scan_xlsx_sheet,
    sniff,
    xlsx_sheet_members,
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


def read_workbook(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    """Read every sheet of a workbook. Raises ``InputError`` (E001/E002/E004) for bad input."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise unreadable(f"无法打开文件（{exc.strerror}）", f"cannot open ({exc.strerror})") from None
    if size > limits.max_file_bytes:
        raise over_limit(
            f"文件大小 {size / 1048576:.0f} MB 超过上限 {limits.max_file_bytes / 1048576:.0f} MB",
            f"file size {size / 1048576:.0f} MB over the limit",
        )
    kind = sniff(head)
    scans: dict[str, SheetScan] = {}
    fmt = path.suffix.lower().lstrip(".") or "xlsx"
    if kind == "zip":
        zf = check_zip(path, limits)
        with zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" in names:
                fmt = "xlsm" if fmt == "xlsm" else "xlsx"
                for name, member in xlsx_sheet_members(zf):
                    if member.startswith("xl/worksheets/"):
                        scans[name] = scan_xlsx_sheet(zf, name, member, limits)
            elif "content.xml" in names:
                fmt = "ods"
                scans = scan_ods_content(zf, limits)
            else:
                raise unreadable(
                    "文件是压缩包但不是 Excel/ODS 工作簿（可能是 .docx 或其他文件改了扩展名）",
                    "a zip archive that is not a workbook",
                )
    elif kind == "cfb":
        if is_encrypted_ooxml(head, path):
            raise encrypted()
        fmt = "xls"
    else:
        zh, en = _WHAT_IT_IS.get(kind, _WHAT_IT_IS["binary"])
        raise unreadable(zh, en)
    return _read_with_calamine(path, fmt, scans, limits)


def _read_with_calamine(
    path: Path, fmt: str, scans: dict[str, SheetScan], limits: Limits
) -> Workbook:
    import python_calamine as pc  # a compiled extension: imported only when a file is read

    try:
        with path.open("rb") as fh:
            book = pc.CalamineWorkbook.from_filelike(fh)
    except pc.PasswordError:
        raise encrypted() from None
    except Exception as exc:  # CalamineError, ZipError, XmlError, ValueError …
        raise unreadable(f"工作簿无法解析（{_short(exc)}）", f"cannot parse ({_short(exc)})") from None
    workbook = Workbook(path=str(path), format=fmt)
    metas = list(book.sheets_metadata)
    if len(metas) > limits.max_sheets:
        raise over_limit(f"工作表超过 {limits.max_sheets} 个", "too many sheets")
    need_openpyxl_merges = False
    for index, meta in enumerate(metas):
        if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet"):
            continue  # chart sheets, dialog sheets, macro sheets hold no cells we check
        scan = scans.get(meta.name)
        sheet = Sheet(
            name=meta.name,
            index=index,
            hidden=str(meta.visible) not in ("SheetVisibleEnum.Visible", "Visible"),
        )
        if scan is not None:
            sheet.formulas_without_value = list(scan.formulas_without_value)
            sheet.error_cells = list(scan.error_cells)
            if scan.n_cells == 0 and not scan.formulas_without_value:
                workbook.sheets.append(sheet)
                continue
        try:
            data = book.get_sheet_by_name(meta.name)
        except Exception as exc:
            raise unreadable(
                f"工作表 {meta.name} 无法解析（{_short(exc)}）", f"sheet {meta.name}: {_short(exc)}"
            ) from None
        if data.height * max(data.width, 1) > limits.max_grid_area:
            raise over_limit(f"工作表 {meta.name} 的使用范围过大", f"sheet {meta.name} too large")
        row0, col0 = data.start if data.start else (0, 0)
        errors = set(sheet.error_cells)
        for r_off, row in enumerate(data.iter_rows()):
            for c_off, value in enumerate(row):
                if value is None or value == "":
                    continue
                r, c = row0 + r_off, col0 + c_off
                value = _plain(value)
                if isinstance(value, str) and value.strip() in ERROR_VALUES and (r, c) not in errors:
                    errors.add((r, c))
                sheet.set(r, c, value)
        sheet.error_cells = sorted(errors)
        merged = data.merged_cell_ranges
        if merged is None:
            need_openpyxl_merges = need_openpyxl_merges or fmt in ("xlsx", "xlsm")
        else:
            sheet.merged = [CellRange(a[0], a[1], b[0], b[1]) for a, b in merged]
        workbook.sheets.append(sheet)
    if need_openpyxl_merges:
        _merges_from_openpyxl(path, workbook)
    return workbook


def _plain(value: object) -> CellValue:
    if isinstance(value, str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta):
        return value
    return str(value)


def _merges_from_openpyxl(path: Path, workbook: Workbook) -> None:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except Exception:  # merges are an aid to locating, not a requirement
        return
    for sheet in workbook.sheets:
        if sheet.name in book.sheetnames:
            ws = book[sheet.name]
            sheet.merged = [
                CellRange(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                for m in ws.merged_cells.ranges
            ]


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"


__all__ = ["WORKBOOK_SUFFIXES", "InputError", "read_workbook"]
