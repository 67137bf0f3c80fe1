"""Untrusted input: every bad file becomes an InputError (E001/E002/E004), quickly, without
python-calamine ever seeing a sheet it could not materialise."""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile

from perfcli.io.errors import InputError
from perfcli.io.limits import Limits
from perfcli.io.reader import read_workbook
from perfcli.workers import WorkerCrash, map_isolated

_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _error(path: Path, limits: Limits | None = None) -> InputError:
    with pytest.raises(InputError) as info:
        if limits is None:
            read_workbook(path)
        else:
            read_workbook(path, limits)
    err = info.value
    assert _CHINESE.search(err.detail), f"detail should be Chinese: {err.detail!r}"
    assert err.detail_en
    return err


@pytest.fixture
def no_calamine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test if the reader hands the file to calamine at all."""
    import python_calamine

    class Forbidden:
        @staticmethod
        def from_filelike(*_a: object) -> None:
            raise AssertionError("calamine was called on a file the preflight should refuse")

    monkeypatch.setattr(python_calamine, "CalamineWorkbook", Forbidden)
    yield


def _good_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "自评表"
    for r in range(1, 8):
        ws.cell(r, 1, f"指标{r}")
        ws.cell(r, 2, r * 1.5)
    ws.merge_cells("C1:D2")
    ws["E3"] = "=B2*2"
    wb.save(path)
    return path


# --- E001: not a workbook ----------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    err = _error(path)
    assert err.code == "E001" and "空" in err.detail


def test_truncated_zip(tmp_path: Path) -> None:
    data = _good_xlsx(tmp_path / "full.xlsx").read_bytes()
    for cut in (10, len(data) // 3, len(data) - 30):
        path = tmp_path / f"cut{cut}.xlsx"
        path.write_bytes(data[:cut])
        assert _error(path).code == "E001"


def test_random_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.xlsx"
    path.write_bytes(random.Random(7).randbytes(4096))
    assert _error(path).code == "E001"


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_html_renamed(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"系统导出{suffix}"
    path.write_text(
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>项目名称</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    err = _error(path)
    assert err.code == "E001" and "HTML" in err.detail


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16"])
def test_csv_renamed(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "导出.xlsx"
    path.write_bytes("项目名称,预算数\n示范项目,100\n".encode(encoding))
    err = _error(path)
    assert err.code == "E001" and "CSV" in err.detail


def test_docx_renamed(tmp_path: Path) -> None:
    err = _error(hostile.docx(tmp_path / "报告.xlsx"))
    assert err.code == "E001" and "Word" in err.detail


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    err = _error(hostile.not_a_workbook_zip(tmp_path / "附件.xlsx"))
    assert err.code == "E001" and "压缩包" in err.detail


def test_pdf_renamed(tmp_path: Path) -> None:
    path = tmp_path / "说明.xls"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert _error(path).code == "E001"


def test_ole_file_without_workbook_stream(tmp_path: Path) -> None:
    # An encrypted .xlsx is a CFB container; strip its streams' names to make "some .doc".
    data = bytearray(hostile.xls_bytes({(0, 0): "x"}))
    at = data.find("Workbook".encode("utf-16-le"))
    data[at : at + 16] = "Document".encode("utf-16-le")
    path = tmp_path / "旧文档.xls"
    path.write_bytes(bytes(data))
    err = _error(path)
    assert err.code == "E001" and "复合文档" in err.detail


def test_missing_path_and_directory(tmp_path: Path) -> None:
    assert _error(tmp_path / "不存在.xlsx").code == "E001"
    folder = tmp_path / "目录.xlsx"
    folder.mkdir()
    assert _error(folder).code == "E001"


def test_lying_zip_sizes(tmp_path: Path) -> None:
    # Declared 2000 bytes, CRC forged to match; the stream holds 20 000 rows.
    assert _error(hostile.lying_size_xlsx(tmp_path / "lie.xlsx")).code == "E001"


# --- E002: encrypted -----------------------------------------------------------------------------


def test_encrypted_xlsx(tmp_path: Path, no_calamine: None) -> None:
    pytest.importorskip("msoffcrypto")
    plain = _good_xlsx(tmp_path / "plain.xlsx")
    err = _error(hostile.encrypted_xlsx(tmp_path / "设置了密码.xlsx", plain))
    assert err.code == "E002" and "加密" in err.detail


def test_encrypted_xls(tmp_path: Path, no_calamine: None) -> None:
    pytest.importorskip("xlwt")
    assert _error(hostile.encrypted_xls(tmp_path / "密码.xls")).code == "E002"


def test_encrypted_xls_is_refused_by_calamine_too(tmp_path: Path) -> None:
    # Belt and braces: the FILEPASS built by the test helper is one calamine recognises.
    pytest.importorskip("xlwt")
    import python_calamine

    with pytest.raises(python_calamine.PasswordError):
        python_calamine.CalamineWorkbook.from_path(str(hostile.encrypted_xls(tmp_path / "p.xls")))


# --- E004: resource limits -----------------------------------------------------------------------


@pytest.mark.parametrize("member", ["xl/media/image1.png", "xl/worksheets/sheet9.xml"])
def test_zip_bomb_rejected_from_declared_sizes(
    tmp_path: Path, no_calamine: None, member: str
) -> None:
    path = hostile.zip_bomb_xlsx(tmp_path / "bomb.xlsx", 200 * 1024 * 1024, member)
    assert path.stat().st_size < 400 * 1024
    start = time.perf_counter()
    err = _error(path)
    assert time.perf_counter() - start < 0.5  # nothing was decompressed
    assert err.code == "E004" and "压缩" in err.detail


def test_total_uncompressed_size(tmp_path: Path, no_calamine: None) -> None:
    path = hostile.zip_bomb_xlsx(tmp_path / "big.xlsx", 3 * 1024 * 1024)
    limits = Limits(max_uncompressed_bytes=2 * 1024 * 1024, max_member_ratio=10**6)
    assert _error(path, limits).code == "E004"


@pytest.mark.parametrize("empty_string", [False, True])
def test_cells_at_a1_and_xfd1048576(tmp_path: Path, no_calamine: None, empty_string: bool) -> None:
    path = hostile.far_cells_xlsx(tmp_path / "far.xlsx", empty_string=empty_string)
    assert path.stat().st_size < 5000
    err = _error(path)
    assert err.code == "E004" and "1048576" in err.detail


def test_cell_beyond_the_excel_grid(tmp_path: Path, no_calamine: None) -> None:
    path = hostile.far_cells_xlsx(tmp_path / "beyond.xlsx", far_ref="XFE1")
    assert _error(path).code == "E004"


def test_styled_empty_far_cell_is_harmless(tmp_path: Path) -> None:
    # A formatted but empty cell far away is not part of the used range (calamine skips it too).
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" s="1"/></row>'
    path = hostile.write_xlsx(tmp_path / "styled.xlsx", {"S": hostile.sheet_xml(rows)})
    assert read_workbook(path).sheets[0].used_range == "A1:A1"


@pytest.mark.parametrize(
    "builder",
    [
        hostile.billion_laughs_sheet_xlsx,
        hostile.billion_laughs_workbook_xlsx,
        hostile.billion_laughs_shared_strings_xlsx,
    ],
)
def test_billion_laughs_xlsx(
    tmp_path: Path, no_calamine: None, builder: Callable[[Path], Path]
) -> None:
    err = _error(builder(tmp_path / "lol.xlsx"))
    assert err.code == "E004" and "XML" in err.detail


def test_billion_laughs_ods(tmp_path: Path, no_calamine: None) -> None:
    assert _error(hostile.billion_laughs_ods(tmp_path / "lol.ods")).code == "E004"


def test_file_larger_than_the_cap(tmp_path: Path, no_calamine: None) -> None:
    path = _good_xlsx(tmp_path / "form.xlsx")
    err = _error(path, Limits(max_file_bytes=1000))
    assert err.code == "E004" and "MB" in err.detail


def test_too_many_sheets_xlsx(tmp_path: Path, no_calamine: None) -> None:
    path = hostile.many_sheets_xlsx(tmp_path / "many.xlsx", 8)
    err = _error(path, Limits(max_sheets=5))
    assert err.code == "E004" and "工作表数量" in err.detail


def test_too_many_sheets_xls(tmp_path: Path, no_calamine: None) -> None:
    xlwt = pytest.importorskip("xlwt")
    wb = xlwt.Workbook()
    for i in range(8):
        wb.add_sheet(f"S{i}").write(0, 0, i)
    path = tmp_path / "many.xls"
    wb.save(str(path))
    assert _error(path, Limits(max_sheets=5)).code == "E004"


def test_too_many_sheets_ods(tmp_path: Path, no_calamine: None) -> None:
    tables = "".join(
        f'<table:table table:name="S{i}"><table:table-row>{hostile.ods_cell(i)}'
        "</table:table-row></table:table>"
        for i in range(8)
    )
    path = hostile.write_ods(tmp_path / "many.ods", hostile.ods_content(tables))
    assert _error(path, Limits(max_sheets=5)).code == "E004"


def test_too_many_cells(tmp_path: Path, no_calamine: None) -> None:
    path = _good_xlsx(tmp_path / "form.xlsx")
    err = _error(path, Limits(max_cells=10))
    assert err.code == "E004" and "非空单元格" in err.detail


def test_ods_huge_repeated_cells(tmp_path: Path, no_calamine: None) -> None:
    path = hostile.huge_repeat_ods(tmp_path / "rep.ods")
    assert path.stat().st_size < 2000
    assert _error(path).code == "E004"
    # A repeated range inside the cell limit but over the grid area is refused too.
    path = hostile.huge_repeat_ods(tmp_path / "wide.ods", rows=2, cols=16_384)
    assert _error(path, Limits(max_grid_area=10_000)).code == "E004"


def test_xls_forged_dimensions(tmp_path: Path, no_calamine: None) -> None:
    pytest.importorskip("xlwt")
    err = _error(hostile.forged_dimensions_xls(tmp_path / "dim.xls"))
    assert err.code == "E004" and "尺寸" in err.detail


def test_xls_cell_outside_biff8_grid(tmp_path: Path, no_calamine: None) -> None:
    pytest.importorskip("xlwt")
    assert _error(hostile.far_cell_xls(tmp_path / "far.xls")).code == "E004"


# --- only InputError comes out -------------------------------------------------------------------


def _read_outcome(path: Path) -> str:
    try:
        read_workbook(path)
    except InputError as exc:
        return exc.code
    return "ok"


def _mutants(data: bytes, seed: int, n_flips: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    for frac in (0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 0.99):
        yield data[: int(len(data) * frac)]
    for _ in range(n_flips):
        mutant = bytearray(data)
        for _ in range(rng.choice((1, 1, 2, 8))):
            at = rng.randrange(len(mutant))
            mutant[at] = rng.randrange(256)
        yield bytes(mutant)


def _good_files(tmp_path: Path) -> list[Path]:
    files = [_good_xlsx(tmp_path / "good.xlsx")]
    try:
        files.append(
            hostile.write_ods(
                tmp_path / "good.ods",
                hostile.ods_content(
                    '<table:table table:name="A"><table:table-row>'
                    + hostile.ods_cell("项目")
                    + hostile.ods_cell(1.5, attrs='table:number-columns-spanned="2"')
                    + "</table:table-row></table:table>"
                ),
            )
        )
        files.append(tmp_path / "good.xls")
        files[-1].write_bytes(hostile.xls_bytes({(0, 0): "项目", (1, 1): 2.5, (3, 2): 7}))
    except ImportError:
        pass
    return files


def test_mutated_files_raise_only_input_errors(tmp_path: Path) -> None:
    paths: list[Path] = []
    for good in _good_files(tmp_path):
        for i, data in enumerate(_mutants(good.read_bytes(), seed=len(paths) + 1, n_flips=40)):
            path = tmp_path / f"m{len(paths)}_{i}{good.suffix}"
            path.write_bytes(data)
            paths.append(path)
    # Each read runs in a worker, so a native abort would show up as a WorkerCrash here
    # instead of killing the test run.
    outcomes = map_isolated(_read_outcome, paths, jobs=2, memory_limit=4 * 1024**3)
    bad = {
        path.name: outcome
        for path, outcome in zip(paths, outcomes, strict=True)
        if isinstance(outcome, WorkerCrash) or outcome not in ("ok", "E001", "E002", "E004")
    }
    assert not bad, bad


def test_sheet_part_resolved_like_calamine_does(tmp_path: Path, no_calamine: None) -> None:
    # The relationship says "../evil.xml": a normalising reader looks at "evil.xml" (harmless
    # here), but calamine opens the literal member "xl/../evil.xml" (hostile). Both are scanned.
    path = hostile.write_xlsx(
        tmp_path / "dotdot.xlsx",
        {"S": hostile.sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')},
        targets=["../evil.xml"],
        extra={"xl/../evil.xml": hostile.far_cells_sheet()},
    )
    assert _error(path).code == "E004"


def test_sheet_part_matched_case_insensitively(tmp_path: Path, no_calamine: None) -> None:
    # calamine finds "worksheets/Sheet1.xml" as "xl/worksheets/sheet1.xml".
    path = hostile.write_xlsx(
        tmp_path / "case.xlsx",
        {"S": hostile.far_cells_sheet()},
        targets=["worksheets/Sheet1.xml"],
    )
    import zipfile

    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["xl/worksheets/sheet1.xml"] = members.pop("xl/worksheets/Sheet1.xml")
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    assert _error(path).code == "E004"


def test_ambiguous_workbook_part(tmp_path: Path, no_calamine: None) -> None:
    path = hostile.one_cell_xlsx(tmp_path / "dup.xlsx")
    import zipfile

    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/Workbook.xml", hostile.workbook_xml(["S"]))
    assert _error(path).code == "E001"
