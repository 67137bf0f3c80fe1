"""Builders of small workbooks, well-formed and hostile, for the reader tests.

Everything is written by hand or with a writer library into a given path and is small on disk: the
hostile files are dangerous only to a reader that trusts them (a 5 KB sheet declaring a cell at
XFD1048576, a 200 KB zip member that inflates to 200 MB, a 2-cell .xls whose DIMENSIONS record
claims 17 billion cells).
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from pathlib import Path

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_REL = f"{REL_NS}/worksheet"
XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>'

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
    f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)

# A DTD whose nine nested entities expand "lol" to 10^9 copies (~3 GB) in a naive parser.
BILLION_LAUGHS_DTD = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def sheet_xml(rows: str, *, merges: str = "", dimension: str = "") -> str:
    """A worksheet part: ``rows`` is the inner XML of ``<sheetData>``."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    merge = f'<mergeCells count="1">{merges}</mergeCells>' if merges else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">'
        f"{dim}<sheetData>{rows}</sheetData>{merge}</worksheet>"
    )


def cell(ref: str, value: str | float, *, kind: str = "") -> str:
    """One ``<c>``: numbers as ``<v>``, text as an inline string, ``kind="e"`` an error."""
    if kind == "e":
        return f'<c r="{ref}" t="e"><v>{value}</v></c>'
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def workbook_xml(names: list[str], *, prefix: str = "") -> str:
    sheets = "".join(
        f'<sheet name="{name}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        for i, name in enumerate(names)
    )
    return (
        f"{prefix or XML_DECL}"
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{sheets}</sheets></workbook>'
    )


def write_xlsx(
    path: Path,
    sheets: dict[str, str],
    *,
    workbook: str | None = None,
    extra: dict[str, bytes | str] | None = None,
    targets: list[str] | None = None,
) -> Path:
    """A minimal .xlsx from hand-written sheet XML (``{name: sheet_xml}``), in zip order.

    ``targets`` are the sheet parts' paths relative to ``xl/`` (default worksheets/sheetN.xml)."""
    names = list(sheets)
    targets = targets or [f"worksheets/sheet{i + 1}.xml" for i in range(len(names))]
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{WORKSHEET_REL}" Target="{targets[i]}"/>'
        for i in range(len(names))
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", workbook or workbook_xml(names))
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>',
        )
        for i, name in enumerate(names):
            zf.writestr(posixpath.normpath(f"xl/{targets[i]}"), sheets[name])
        for member, data in (extra or {}).items():
            zf.writestr(member, data)
    return path


def one_cell_xlsx(path: Path, text: str = "项目名称") -> Path:
    return write_xlsx(path, {"Sheet1": sheet_xml(f'<row r="1">{cell("A1", text)}</row>')})


# ---------------------------------------------------------------------------------------------
# hostile .xlsx


def far_cells_sheet(far_ref: str = "XFD1048576") -> str:
    """Sheet XML with cells only at A1 and ``far_ref``."""
    row = int("".join(ch for ch in far_ref if ch.isdigit()))
    return hostile_rows(far_ref, row)


def hostile_rows(far_ref: str, row: int, far: str = "") -> str:
    far = far or cell(far_ref, 1)
    return sheet_xml(f'<row r="1">{cell("A1", "x")}</row><row r="{row}">{far}</row>')


def far_cells_xlsx(path: Path, far_ref: str = "XFD1048576", *, empty_string: bool = False) -> Path:
    """Cells only at A1 and ``far_ref``: a few hundred bytes that would make calamine allocate
    rows × cols cells. ``empty_string`` writes the far cell as ``<c t="str"><v/></c>``, which
    calamine keeps as a (sized) empty string."""
    row = int("".join(ch for ch in far_ref if ch.isdigit()))
    far = f'<c r="{far_ref}" t="str"><v></v></c>' if empty_string else ""
    return write_xlsx(path, {"S": hostile_rows(far_ref, row, far)})


def zip_bomb_xlsx(path: Path, inflated: int = 200 * 1024 * 1024, member: str = "") -> Path:
    """A valid small workbook plus one member (``member``, default an image) of ``inflated``
    zeros, deflated about 1000:1. Built in milliseconds: one compressed block, repeated."""
    one_cell_xlsx(path)
    with zipfile.ZipFile(path) as zf:
        members = [(name, zf.read(name)) for name in zf.namelist()]
    chunk = bytes(1024 * 1024)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    # After a full flush the compressor forgets its history: the same input gives the same bytes.
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    n, rest = divmod(inflated, len(chunk))
    tail = comp.compress(chunk[:rest]) + comp.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(chunk[:rest], crc)
    raw = [(name, data, zlib.crc32(data), len(data), _deflate(data)) for name, data in members]
    raw.append((member or "xl/media/image1.png", b"", crc, inflated, block * n + tail))
    write_zip_raw(path, [(name, c, size, payload) for name, _d, c, size, payload in raw])
    return path


def _deflate(data: bytes) -> bytes:
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush()


def write_zip_raw(path: Path, members: list[tuple[str, int, int, bytes]]) -> Path:
    """A zip of already-deflated members ``(name, crc32, uncompressed size, deflate stream)``;
    the sizes are written as given (so they may lie)."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, crc, size, payload in members:
        encoded = name.encode()
        offset = out.tell()
        out.write(
            struct.pack(
                "<4sHHHHHIIIHH",
                b"PK\x03\x04",
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(payload),
                size,
                len(encoded),
                0,
            )
        )
        out.write(encoded + payload)
        central.write(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(payload),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    cd_offset = out.tell()
    cd = central.getvalue()
    out.write(cd)
    out.write(
        struct.pack(
            "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(cd), cd_offset, 0
        )
    )
    path.write_bytes(out.getvalue())
    return path


def lying_size_xlsx(path: Path, n_rows: int = 20_000, declared: int = 2000) -> Path:
    """A sheet member whose zip headers declare ``declared`` bytes (CRC forged to match that
    prefix) while its deflate stream holds much more: a reader trusting the stream would see cells
    the size checks never counted."""
    rows = "".join(f'<row r="{i}">{cell(f"A{i}", i)}</row>' for i in range(1, n_rows + 1))
    xml = sheet_xml(rows).encode()
    write_xlsx(path, {"S": xml.decode()})
    out = bytearray(path.read_bytes())
    crc = zlib.crc32(xml[:declared])
    name = b"xl/worksheets/sheet1.xml"
    lh = out.find(b"PK\x03\x04")
    while out[lh + 30 : lh + 30 + len(name)] != name:
        lh = out.find(b"PK\x03\x04", lh + 4)
    struct.pack_into("<I", out, lh + 14, crc)
    struct.pack_into("<I", out, lh + 22, declared)
    cd = out.find(b"PK\x01\x02")
    while out[cd + 46 : cd + 46 + len(name)] != name:
        cd = out.find(b"PK\x01\x02", cd + 4)
    struct.pack_into("<I", out, cd + 16, crc)
    struct.pack_into("<I", out, cd + 24, declared)
    path.write_bytes(bytes(out))
    return path


def billion_laughs_sheet_xlsx(path: Path) -> Path:
    xml = BILLION_LAUGHS_DTD + (
        f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    return write_xlsx(path, {"S": xml})


def billion_laughs_workbook_xlsx(path: Path) -> Path:
    wb = workbook_xml(["S"], prefix=BILLION_LAUGHS_DTD).replace('name="S"', 'name="&lol9;"')
    return write_xlsx(path, {"S": sheet_xml("")}, workbook=wb)


def billion_laughs_shared_strings_xlsx(path: Path) -> Path:
    sst = BILLION_LAUGHS_DTD + f'<sst xmlns="{MAIN_NS}"><si><t>&lol9;</t></si></sst>'
    return write_xlsx(
        path,
        {"S": sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')},
        extra={"xl/sharedStrings.xml": sst},
    )


def many_sheets_xlsx(path: Path, n: int) -> Path:
    return write_xlsx(path, {f"S{i}": sheet_xml("") for i in range(n)})


def not_a_workbook_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "这是一个普通压缩包")
        zf.writestr("data/table.csv", "a,b\n1,2\n")
    return path


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "[Content_Types].xml", CONTENT_TYPES.replace("spreadsheetml", "wordprocessingml")
        )
        zf.writestr("_rels/.rels", ROOT_RELS.replace("xl/workbook.xml", "word/document.xml"))
        zf.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>绩效自评报告</w:t></w:r></w:p></w:body></w:document>",
        )
    return path


def encrypted_xlsx(path: Path, source: Path, password: str = "123456") -> Path:
    """``source`` encrypted as Excel does it: a CFB container with an EncryptedPackage stream."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as fh:
        plain = OOXMLFile(fh)
        out = io.BytesIO()
        plain.encrypt(password, out)
    path.write_bytes(out.getvalue())
    return path


# ---------------------------------------------------------------------------------------------
# .xls (BIFF8 in a compound file), written by xlwt and patched


def xls_bytes(cells: dict[tuple[int, int], object], *, sheet: str = "Sheet1") -> bytes:
    import xlwt

    book = xlwt.Workbook()
    ws = book.add_sheet(sheet)
    for (r, c), value in cells.items():
        ws.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _find_record(data: bytes, rtype: int, rlen: int | None = None, start: int = 0) -> int:
    head = struct.pack("<H", rtype) + (struct.pack("<H", rlen) if rlen is not None else b"")
    pos = data.find(head, start)
    if pos < 0:
        raise LookupError(f"record {rtype:#06x} not found")
    return pos


def forged_dimensions_xls(path: Path) -> Path:
    """Two cells, but a DIMENSIONS record declaring 1048576 × 16384: calamine reserves the lot."""
    data = bytearray(xls_bytes({(0, 0): "x", (1, 1): 2.0}))
    pos = _find_record(data, 0x0200, 14)
    struct.pack_into("<IIHH", data, pos + 4, 0, 1_048_576, 0, 16_384)
    path.write_bytes(bytes(data))
    return path


def far_cell_xls(path: Path) -> Path:
    """A NUMBER record moved to column 65535 (outside BIFF8's 256 columns): a 65536 × 65536 grid."""
    data = bytearray(xls_bytes({(0, 0): "x", (65_535, 200): 123.456}))  # not RK-encodable
    pos = _find_record(data, 0x0203, 14)
    while struct.unpack_from("<HH", data, pos + 4) != (65_535, 200):
        pos = _find_record(data, 0x0203, 14, pos + 4)
    struct.pack_into("<H", data, pos + 6, 0xFFFF)
    path.write_bytes(bytes(data))
    return path


def encrypted_xls(path: Path) -> Path:
    """An .xls with a FILEPASS (RC4) record, as Excel writes a password-protected workbook.

    The 18-byte WINDOW1 record of the globals is replaced by FILEPASS (6 bytes) and a filler
    record, so every stream offset stays valid."""
    data = bytearray(xls_bytes({(0, 0): "机密"}))
    pos = _find_record(data, 0x003D, 18)
    struct.pack_into("<HHHHH", data, pos, 0x002F, 6, 1, 1, 1)  # FILEPASS: RC4, version 1.1
    struct.pack_into("<HH", data, pos + 10, 0x0000, 8)  # filler record, 8 bytes of body
    data[pos + 14 : pos + 22] = bytes(8)
    path.write_bytes(bytes(data))
    return path


# ---------------------------------------------------------------------------------------------
# .ods written by hand

ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods_content(tables: str, styles: str = "", *, prefix: str = "") -> str:
    return (
        f"{prefix or XML_DECL}"
        "<office:document-content "
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
        'office:version="1.2">'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )


def write_ods(path: Path, content: str) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        zf.writestr("META-INF/manifest.xml", ODS_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def ods_cell(value: str | float | None = None, *, attrs: str = "", text: str | None = None) -> str:
    if value is None:
        body = f"<text:p>{text}</text:p>" if text is not None else ""
        return f"<table:table-cell {attrs}>{body}</table:table-cell>"
    if isinstance(value, str):
        return (
            f'<table:table-cell office:value-type="string" {attrs}>'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="float" office:value="{value}" {attrs}>'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def huge_repeat_ods(path: Path, rows: int = 1_000_000, cols: int = 1_000) -> Path:
    """A few hundred bytes declaring ``rows × cols`` copies of a non-empty cell."""
    table = (
        '<table:table table:name="A"><table:table-row>'
        + ods_cell("x")
        + f'</table:table-row><table:table-row table:number-rows-repeated="{rows}">'
        + ods_cell(1, attrs=f'table:number-columns-repeated="{cols}"')
        + "</table:table-row></table:table>"
    )
    return write_ods(path, ods_content(table))


def billion_laughs_ods(path: Path) -> Path:
    table = '<table:table table:name="A"><table:table-row>' + ods_cell("&lol9;")
    table += "</table:table-row></table:table>"
    return write_ods(path, ods_content(table, prefix=BILLION_LAUGHS_DTD))
