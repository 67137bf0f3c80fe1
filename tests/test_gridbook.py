"""The grid helper: what a test writes is what the reader reads back."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from gridbook import (
    FORM_SHEET_NAMES,
    Formula,
    load_realworld,
    realworld_grid,
    realworld_names,
    render_realworld,
    write_workbook,
)

from perfcli.io.cells import Sheet
from perfcli.io.reader import read_workbook

GRID: list[list[object]] = [
    ["项目支出绩效目标表", None, None, None],
    ["项目名称", "路灯维护", "", None],
    ["指标值", "=100%", "≥95%", 43.2],
    [7, True, dt.datetime(2023, 12, 31, 8, 30), dt.date(2023, 6, 30)],
    [None, None, None, "第一行\n第二行"],
]


def values(sheet: Sheet) -> dict[tuple[int, int], object]:
    return {pos: cell.value for pos, cell in sheet.cells.items()}


def test_plain_grid_is_sheet1_with_typed_values(book):
    wb = read_workbook(book(GRID))
    assert [s.name for s in wb.sheets] == ["Sheet1"]
    assert wb.format == "xlsx"
    got = values(wb.sheets[0])
    assert got == {
        (0, 0): "项目支出绩效目标表",
        (1, 0): "项目名称",
        (1, 1): "路灯维护",
        (2, 0): "指标值",
        (2, 1): "=100%",
        (2, 2): "≥95%",
        (2, 3): 43.2,
        (3, 0): 7,
        (3, 1): True,
        (3, 2): dt.datetime(2023, 12, 31, 8, 30),
        (3, 3): dt.date(2023, 6, 30),
        (4, 3): "第一行\n第二行",
    }
    assert isinstance(got[(2, 1)], str)  # "=100%" is an indicator value, not a formula
    assert isinstance(got[(2, 3)], float)
    assert wb.sheets[0].formulas_without_value == []


def test_named_sheets_keep_their_order(book):
    wb = read_workbook(book({"封面": [["说明"]], "绩效目标表": GRID, "附表": [[None, "x"]]}))
    assert [s.name for s in wb.sheets] == ["封面", "绩效目标表", "附表"]
    assert wb.sheet("附表").text(0, 1) == "x"
    assert wb.sheet("附表").get(0, 0) is None


def test_merges_keep_only_the_top_left_value(book):
    grid = [["标题", None, None], ["产出指标", "数量指标", "≥3次"], [None, "质量指标", "=100%"]]
    wb = read_workbook(book({"表": grid}, merges={"表": ["A1:C1", "A2:A3"]}))
    sheet = wb.sheet("表")
    assert sorted(m.ref for m in sheet.merged) == ["A1:C1", "A2:A3"]
    assert sheet.text(0, 0) == "标题"
    assert sheet.get(0, 1) is None and sheet.get(2, 0) is None
    assert sheet.merge_origin(2, 0) == (1, 0)
    assert sheet.value(1, 0) == "产出指标"


def test_merged_top_left_string_starting_with_equals_stays_a_string(book):
    wb = read_workbook(book([["=12个", None]], merges={"Sheet1": ["A1:B1"]}))
    assert wb.sheets[0].value(0, 0) == "=12个"
    assert wb.sheets[0].formulas_without_value == []


def test_value_inside_a_merged_range_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="inside merged range"):
        write_workbook(tmp_path / "x.xlsx", [["a", "b"]], merges={"Sheet1": ["A1:B1"]})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"merges": {"Nope": ["A1:B1"]}}, "unknown sheet"),
        ({"hidden": {"Sheet1"}}, "visible sheet"),
        ({"fmt": "csv"}, "unsupported format"),
        ({"merges": {"Sheet1": ["A1"]}}, "one cell"),
    ],
)
def test_bad_arguments_raise(tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        write_workbook(tmp_path / "x.xlsx", [["a"]], **kwargs)


def test_hidden_sheet_flag(book):
    wb = read_workbook(book({"说明": [["注"]], "表": GRID}, hidden={"说明"}))
    assert [(s.name, s.hidden) for s in wb.sheets] == [("说明", True), ("表", False)]


def test_formulas_only_when_asked(book):
    grid = [[10, 20, "=A1+B1", Formula("=A1*2", 20)]]
    plain = read_workbook(book(grid, name="plain.xlsx")).sheets[0]
    assert plain.value(0, 2) == "=A1+B1"
    assert plain.value(0, 3) == 20
    assert plain.formulas_without_value == []
    with_formulas = read_workbook(book(grid, name="f.xlsx", formulas=True)).sheets[0]
    assert with_formulas.get(0, 2) is None  # a formula without a cached value reads as empty
    assert with_formulas.formulas_without_value == [(0, 2)]
    assert with_formulas.value(0, 3) == 20


def test_formula_without_cached_value(book):
    sheet = read_workbook(book([[1, Formula("=A1+1")]])).sheets[0]
    assert sheet.formulas_without_value == [(0, 1)]


def test_number_formats_are_applied(book):
    grid = [[45291, 0.862, 3309840]]
    fmts = {"Sheet1": {"A1": "yyyy-mm-dd", "B1": "0.00%", "C1": "#,##0.00", "D1": "0.00"}}
    sheet = read_workbook(book(grid, number_formats=fmts)).sheets[0]
    assert sheet.value(0, 0) == dt.date(2023, 12, 31)  # a serial shown as a date reads as a date
    assert sheet.value(0, 1) == pytest.approx(0.862)
    assert sheet.value(0, 2) == 3309840
    assert sheet.get(0, 3) is None  # a formatted blank is still empty


def test_xlsm_suffix(book):
    path = book(GRID, name="form.xlsm")
    assert path.suffix == ".xlsm"
    wb = read_workbook(path)
    assert wb.format == "xlsm"
    assert wb.sheets[0].value(2, 2) == "≥95%"


def test_fmt_replaces_the_suffix(tmp_path):
    path = write_workbook(tmp_path / "form.xlsx", GRID, fmt="xlsm")
    assert path.name == "form.xlsm"


def test_xls(book):
    pytest.importorskip("xlwt")
    path = book({"表": GRID, "隐藏": [["x"]]}, name="form.xls", merges={"表": ["A1:D1"]},
                hidden={"隐藏"})  # fmt: skip
    wb = read_workbook(path)
    assert wb.format == "xls"
    sheet = wb.sheet("表")
    assert sheet.value(2, 1) == "=100%"
    assert sheet.value(2, 3) == 43.2
    assert sheet.value(3, 0) == 7
    assert sheet.value(3, 2) == dt.datetime(2023, 12, 31, 8, 30)
    assert [m.ref for m in sheet.merged] == ["A1:D1"]
    assert wb.sheet("隐藏").hidden


def test_ods(book):
    pytest.importorskip("odf")
    path = book({"表": GRID, "隐藏": [["x"]]}, name="form.ods", merges={"表": ["A1:D1"]},
                hidden={"隐藏"})  # fmt: skip
    wb = read_workbook(path)
    assert wb.format == "ods"
    sheet = wb.sheet("表")
    assert values(sheet) == values(read_workbook(book(GRID)).sheets[0])
    assert wb.sheet("隐藏").hidden
    # The merge is written (the reader does not report .ods merges: calamine gives none).
    with zipfile.ZipFile(path) as zf:
        content = zf.read("content.xml").decode()
    assert 'table:number-columns-spanned="4"' in content
    assert content.count("table:covered-table-cell") == 3


def test_ods_refuses_formulas(book):
    pytest.importorskip("odf")
    with pytest.raises(NotImplementedError):
        book([[Formula("=1+1")]], name="f.ods")


# --- realworld forms ----------------------------------------------------------------------------

NAMES = realworld_names()


def test_there_are_realworld_forms():
    assert len(NAMES) >= 10


def test_load_realworld_by_stem_part_or_path():
    name = NAMES[0]
    data = load_realworld(name)
    assert data["cells"]
    assert load_realworld("ezhou") == load_realworld("hubei-ezhou-jiguan-2022-target")
    assert load_realworld(Path("/work/shared/realworld") / f"{name}.json") == data
    with pytest.raises(FileNotFoundError):
        load_realworld("no-such-form")


@pytest.mark.parametrize("name", NAMES)
def test_realworld_renders_cell_for_cell(name, tmp_path):
    data = load_realworld(name)
    path = render_realworld(name, tmp_path)
    wb = read_workbook(path)
    assert len(wb.sheets) == 1
    sheet = wb.sheets[0]
    assert sheet.name == FORM_SHEET_NAMES.get(data["form"], "Sheet1")
    expected = {
        (r, c): v for r, row in enumerate(data["cells"]) for c, v in enumerate(row) if v != ""
    }
    assert len(sheet.cells) == len(expected)
    assert values(sheet) == expected  # as given: every value a string


@pytest.mark.parametrize("name", NAMES)
def test_realworld_with_numbers(name, tmp_path):
    data = load_realworld(name)
    sheet = read_workbook(render_realworld(name, tmp_path, numbers=True)).sheets[0]
    n_nonempty = sum(1 for row in data["cells"] for v in row if v != "")
    assert len(sheet.cells) == n_nonempty
    for (r, c), cell in sheet.cells.items():
        given = data["cells"][r][c]
        if isinstance(cell.value, str):
            assert cell.value == given
        else:
            assert isinstance(cell.value, float)
            assert cell.value == pytest.approx(float(given))


def test_numbers_option_converts_only_plain_decimals():
    grid = realworld_grid({"cells": [["43.2", "100%", "3,309,840.00", "-5", "2", "1.", "≥90"]]},
                          numbers=True)  # fmt: skip
    assert grid == [[43.2, "100%", "3,309,840.00", -5, 2, "1.", "≥90"]]


def test_render_realworld_sheet_name_and_fixture(realworld):
    path = realworld(NAMES[0], sheet_name="Sheet1")
    assert read_workbook(path).sheets[0].name == "Sheet1"
