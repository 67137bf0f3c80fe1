"""Legacy .xls: the BIFF records of the ``Workbook`` stream walked to measure each sheet.

Also checks the records calamine trusts for allocation sizes (DIMENSIONS, SST counts): a 2-cell
.xls with a forged DIMENSIONS record makes calamine reserve memory for 17 billion cells.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from perfcli.io.cells import CellRange
from perfcli.io.compound import open_compound, u16, u32
from perfcli.io.errors import InputError, encrypted, over_limit, unreadable
from perfcli.io.limits import DEFAULT_LIMITS, Limits
from perfcli.io.sheet_scan import SheetScan, too_many_sheets

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
    if len(stream) < 8 or u16(stream, 0) != 0x0809:
        raise unreadable(".xls 工作簿数据流缺少开头记录", "no BOF record")
    biff8 = u16(stream, 4) not in (0x0200, 0x0002, 0x0007, 0x0300, 0x0400, 0x0500)
    sheets: list[tuple[int, SheetScan]] = []
    for rtype, body in _records(stream, 0):
        if rtype == 0x002F:  # FILEPASS: RC4 encryption or XOR obfuscation
            raise encrypted()
        if rtype == 0x0085:  # BOUNDSHEET
            if len(body) < 8:
                raise unreadable(".xls 工作表目录记录损坏", "short BOUNDSHEET")
            offset = u32(body, 0)
            if offset >= len(stream):
                raise unreadable(".xls 工作表位置越界", "sheet offset out of range")
            if len(sheets) >= limits.max_sheets:
                raise too_many_sheets(len(sheets) + 1, limits)
            scan = SheetScan(_biff_sheet_name(body[6:], biff8))
            scan.hidden = body[4] & 0x3 != 0
            sheets.append((offset, scan))
        elif rtype == 0x00FC:  # SST: calamine reserves capacity for the declared count
            if len(body) < 8:
                raise unreadable(".xls 共享字符串表损坏", "short SST")
            count = u32(body, 4)
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
    if offset + 4 > len(stream) or u16(stream, offset) != 0x0809:
        raise unreadable(f".xls 工作表 {scan.name} 的位置无效", f"sheet {scan.name}: no BOF")
    for rtype, body in _records(stream, offset):
        if rtype in _BIFF_VALUE_CELLS:
            if len(body) < 6:
                raise unreadable(f".xls 工作表 {scan.name} 的单元格记录损坏", "short cell record")
            pos = (u16(body, 0), u16(body, 2))
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
            row, first = u16(body, 0), u16(body, 2)
            last = u16(body, len(body) - 2)
            n = (len(body) - 6) // 6
            if last < first or last - first + 1 != n:
                raise unreadable(f".xls 工作表 {scan.name} 的单元格记录损坏", "bad MULRK")
            scan.n_cells += n
            scan.extend_to(row, last)
        elif rtype == 0x0200:  # DIMENSIONS: calamine reserves rows × cols cells up front
            _check_dimensions(body, scan, limits)
        elif rtype == 0x00E5:  # MERGEDCELLS
            if len(body) < 2 or len(body) < 2 + 8 * u16(body, 0):
                raise unreadable(f".xls 工作表 {scan.name} 的合并单元格记录损坏", "bad MERGEDCELLS")
            for i in range(u16(body, 0)):
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
