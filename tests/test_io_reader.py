"""The reader on well-formed files of every format: positions, types, merges, hidden sheets,
formulas without cached values (W001), error cells (W002), and inputs left untouched."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile

from perfcli.io.cells import CellRange, Sheet, Workbook
from perfcli.io.reader import read_workbook


def _values(sheet: Sheet) -> dict[str, object]:
    return {cell.address: cell.value for cell in sheet.cells.values()}


def _write_openpyxl(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "目标表"
    ws["C3"] = "项目名称"
    ws["D3"] = "示范项目"
    ws["C4"] = 12.5
    ws["D4"] = 7
    ws["E4"] = True
    ws["F4"] = " 123 "
    ws["C5"] = dt.datetime(2023, 5, 1)
    ws["D5"] = dt.datetime(2023, 5, 1, 14, 30)
    ws["E6"] = "=C4*2"  # openpyxl writes no cached value
    ws["F6"] = "#DIV/0!"  # openpyxl writes an error cell (t="e")
    ws.merge_cells("C8:E9")
    ws["C8"] = "合并"
    hidden = wb.create_sheet("隐藏")
    hidden["B2"] = "x"
    hidden.sheet_state = "hidden"
    wb.create_sheet("空表")
    wb.save(path)
    return path


def _check_common(book: Workbook) -> Sheet:
    """What every format must agree on for the form written by the ``_write_*`` helpers."""
    sheet = book.sheets[0]
    assert sheet.name == "目标表" and sheet.index == 0 and not sheet.hidden
    assert sheet.get(0, 0) is None  # nothing was shifted to A1
    cell = sheet.get(2, 2)
    assert cell is not None and cell.address == "C3" and cell.value == "项目名称"
    assert sheet.text(2, 3) == "示范项目"
    c4, d4 = sheet.value(3, 2), sheet.value(3, 3)
    assert isinstance(c4, float) and c4 == 12.5
    assert isinstance(d4, int | float) and not isinstance(d4, bool) and d4 == 7
    assert sheet.value(3, 4) is True
    assert sheet.value(3, 5) == " 123 "  # text stays text, spaces and all
    assert sheet.value(4, 2) in (dt.date(2023, 5, 1), dt.datetime(2023, 5, 1))
    assert isinstance(sheet.value(4, 2), dt.date)
    assert sheet.value(4, 3) == dt.datetime(2023, 5, 1, 14, 30)
    assert sheet.value(7, 2) == "合并"
    assert sheet.merged == [CellRange(7, 2, 8, 4)]
    assert sheet.merge_origin(8, 4) == (7, 2)
    hidden = book.sheet("隐藏")
    assert hidden.hidden and hidden.index == 1 and _values(hidden) == {"B2": "x"}
    return sheet


def test_xlsx_from_openpyxl(tmp_path: Path) -> None:
    book = read_workbook(_write_openpyxl(tmp_path / "form.xlsx"))
    assert book.format == "xlsx"
    assert [s.name for s in book.sheets] == ["目标表", "隐藏", "空表"]
    sheet = _check_common(book)
    assert sheet.formulas_without_value == [(5, 4)]  # E6
    assert sheet.error_cells == [(5, 5)]  # F6
    assert sheet.value(5, 5) == "#DIV/0!"  # shown as Excel shows it
    assert sheet.used_range == "C3:F8"
    empty = book.sheet("空表")
    assert empty.cells == {} and not empty.hidden


def test_xlsm_is_read_like_xlsx(tmp_path: Path) -> None:
    xlsx = _write_openpyxl(tmp_path / "form.xlsx")
    xlsm = tmp_path / "form.xlsm"
    xlsm.write_bytes(xlsx.read_bytes())
    book = read_workbook(xlsm)
    assert book.format == "xlsm"
    _check_common(book)


def test_xlsx_from_xlsxwriter(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "xw.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("目标表")
    ws.write("C3", "项目名称")
    ws.write_number("C4", 12.5)
    ws.merge_range("C8:E9", "合并")
    ws.write_formula("D10", "=1/0", None, "#DIV/0!")  # a cached error value
    ws.write_formula("E10", "=C4*2", None, 25)
    hidden = wb.add_worksheet("隐藏")
    hidden.write("B2", "x")
    hidden.hide()
    wb.close()
    book = read_workbook(path)
    sheet = book.sheets[0]
    assert _values(sheet) == {
        "C3": "项目名称",
        "C4": 12.5,
        "C8": "合并",
        "D10": "#DIV/0!",
        "E10": 25.0,
    }
    assert sheet.merged == [CellRange(7, 2, 8, 4)]
    assert sheet.error_cells == [(9, 3)]
    assert sheet.formulas_without_value == []  # both formulas carry a cached value
    assert book.sheets[1].hidden


def test_xlsx_formula_with_cached_empty_string_is_not_w001(tmp_path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1" t="str"><f>IF(B1="","",B1)</f><v></v></c>'
        '<c r="B1"><f>1+1</f></c><c r="C1"><f>1+2</f><v/></c></row>'
    )
    path = hostile.write_xlsx(tmp_path / "f.xlsx", {"S": hostile.sheet_xml(rows)})
    sheet = read_workbook(path).sheets[0]
    assert sheet.formulas_without_value == [(0, 1), (0, 2)]


def test_xlsx_cells_without_r_attributes(tmp_path: Path) -> None:
    # Some writers omit r= on cells (and rows); positions then follow document order.
    rows = (
        '<row r="2"><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>'
        '<row><c r="C3"><v>2</v></c><c><v>3</v></c></row>'
    )
    path = hostile.write_xlsx(tmp_path / "r.xlsx", {"S": hostile.sheet_xml(rows)})
    sheet = read_workbook(path).sheets[0]
    assert _values(sheet) == {"A2": "a", "B2": 1.0, "C3": 2.0, "D3": 3.0}


def _write_xls(path: Path) -> Path:
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("目标表")
    ws.write(2, 2, "项目名称")
    ws.write(2, 3, "示范项目")
    ws.write(3, 2, 12.5)
    ws.write(3, 3, 7)
    ws.write(3, 4, True)
    ws.write(3, 5, " 123 ")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    ws.write(4, 2, dt.datetime(2023, 5, 1), date_style)
    ws.write(4, 3, dt.datetime(2023, 5, 1, 14, 30), xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm"))
    ws.row(5).set_cell_error(5, "#DIV/0!")
    ws.write_merge(7, 8, 2, 4, "合并")
    hidden = wb.add_sheet("隐藏")
    hidden.write(1, 1, "x")
    hidden.visibility = 1
    wb.save(str(path))
    return path


def test_xls_from_xlwt(tmp_path: Path) -> None:
    book = read_workbook(_write_xls(tmp_path / "form.xls"))
    assert book.format == "xls"
    sheet = _check_common(book)
    assert isinstance(sheet.value(3, 3), int)  # .xls keeps integers as int
    assert sheet.error_cells == [(5, 5)]
    assert sheet.value(5, 5) == "#DIV/0!"


def _write_ods(path: Path) -> Path:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    hidden_style = Style(name="taHidden", family="table")
    hidden_style.addElement(TableProperties(display="false"))
    doc.automaticstyles.addElement(hidden_style)

    def text(value: str, **kw: object) -> TableCell:
        cell = TableCell(valuetype="string", **kw)
        cell.addElement(P(text=value))
        return cell

    def number(value: float) -> TableCell:
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=str(value)))
        return cell

    def row(table: Table, cells: list[TableCell], repeat: int = 1) -> None:
        tr = TableRow(numberrowsrepeated=repeat) if repeat > 1 else TableRow()
        for cell in cells:
            tr.addElement(cell)
        table.addElement(tr)

    def blanks(n: int) -> TableCell:
        return TableCell(numbercolumnsrepeated=n)

    table = Table(name="目标表")
    row(table, [blanks(3)], repeat=2)  # rows 1-2 empty, as one repeated row
    row(table, [blanks(2), text("项目名称"), text("示范项目")])
    bool_cell = TableCell(valuetype="boolean", booleanvalue="true")
    bool_cell.addElement(P(text="TRUE"))
    row(table, [blanks(2), number(12.5), number(7), bool_cell, text(" 123 ")])
    date_cell = TableCell(valuetype="date", datevalue="2023-05-01")
    date_cell.addElement(P(text="2023-05-01"))
    time_cell = TableCell(valuetype="date", datevalue="2023-05-01T14:30:00")
    time_cell.addElement(P(text="2023-05-01 14:30"))
    row(table, [blanks(2), date_cell, time_cell])
    row(table, [blanks(1)], repeat=2)
    merged = text("合并", numbercolumnsspanned=3, numberrowsspanned=2)
    row(table, [blanks(2), merged, CoveredTableCell(), CoveredTableCell()])
    row(table, [blanks(2), CoveredTableCell(numbercolumnsrepeated=3)])
    doc.spreadsheet.addElement(table)
    hidden = Table(name="隐藏", stylename=hidden_style)
    row(hidden, [blanks(1)])
    row(hidden, [blanks(1), text("x")])
    doc.spreadsheet.addElement(hidden)
    doc.save(str(path))
    return path


def test_ods_from_odfpy(tmp_path: Path) -> None:
    book = read_workbook(_write_ods(tmp_path / "form.ods"))
    assert book.format == "ods"
    sheet = _check_common(book)
    assert sheet.error_cells == [] and sheet.formulas_without_value == []


def test_ods_errors_and_formulas_without_value(tmp_path: Path) -> None:
    cells = (
        hostile.ods_cell("x")
        # LibreOffice writes an error result like this; calamine returns it as an empty cell.
        + hostile.ods_cell(
            None,
            attrs='table:formula="of:=1/0" office:value-type="string" office:string-value="" '
            'calcext:value-type="error"',
            text="#DIV/0!",
        )
        + hostile.ods_cell(None, attrs='table:formula="of:=1+1"')  # never calculated
        + hostile.ods_cell("#N/A")  # an error shown as text
        + hostile.ods_cell(5)
    )
    table = f'<table:table table:name="A"><table:table-row>{cells}</table:table-row></table:table>'
    path = hostile.write_ods(tmp_path / "e.ods", hostile.ods_content(table))
    sheet = read_workbook(path).sheets[0]
    assert sheet.error_cells == [(0, 1), (0, 3)]
    assert sheet.value(0, 1) == "#DIV/0!" and sheet.value(0, 3) == "#N/A"
    assert sheet.formulas_without_value == [(0, 2)]
    assert sheet.value(0, 4) == 5.0


def test_ods_trailing_repeated_empty_rows_are_fine(tmp_path: Path) -> None:
    # LibreOffice pads every sheet to 1048576 rows × 1024 columns of formatted emptiness.
    table = (
        '<table:table table:name="A"><table:table-row>'
        + hostile.ods_cell("x")
        + '</table:table-row><table:table-row table:number-rows-repeated="1048575">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
        "</table:table>"
    )
    path = hostile.write_ods(tmp_path / "pad.ods", hostile.ods_content(table))
    assert _values(read_workbook(path).sheets[0]) == {"A1": "x"}


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_input_file_is_never_modified(tmp_path: Path, fmt: str) -> None:
    writer = {"xlsx": _write_openpyxl, "xls": _write_xls, "ods": _write_ods}[fmt]
    path = writer(tmp_path / f"form.{fmt}")
    before = path.read_bytes()
    stat = path.stat()
    read_workbook(path)
    read_workbook(path)
    after = path.stat()
    assert path.read_bytes() == before
    assert (after.st_mtime_ns, after.st_size, after.st_mode) == (
        stat.st_mtime_ns,
        stat.st_size,
        stat.st_mode,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"form.{fmt}"]  # no stray files


def test_sheet_in_a_nonstandard_part_is_still_prechecked(tmp_path: Path) -> None:
    path = hostile.write_xlsx(
        tmp_path / "odd.xlsx",
        {"S": hostile.sheet_xml('<row r="3"><c r="B3"><v>4</v></c></row>')},
        targets=["data/odd.xml"],
    )
    assert _values(read_workbook(path).sheets[0]) == {"B3": 4.0}
