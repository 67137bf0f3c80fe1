"""Feedback workbooks (issue 7): what a department receives, and the clerk's 汇总.xlsx.

Every test runs a real check and opens what was written with openpyxl, as a clerk's Excel would.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from gridbook import write_workbook
from layouts import central
from layouts_target import national_88
from typer.testing import CliRunner

import perfcli
from perfcli import __version__
from perfcli.cli import app
from perfcli.engine import Report
from perfcli.findings import Finding
from perfcli.report.feedback import SUMMARY_NAME, write_feedback

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
FINDINGS_HEADER = ["序号", "严重程度", "规则", "工作表", "单元格", "项目", "问题", "修改建议"]
HEADER_ROW = 6  # 1-based: the table's header under the 5-row header block
FILLS = {"错误": "FFC7CE", "警告": "FFEB9C", "提示": "E7E6E6"}


def _book(folder: Path, name: str, form, **kw) -> Path:
    return write_workbook(folder / name, form.sheets(), merges=form.merge_map(), **kw)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """inputs/民政/: a clean and a faulty 自评表, a target table, a broken file, a stray PDF;
    inputs/坏文件/: a file that is not a workbook."""
    dept = tmp_path / "inputs" / "民政"
    dept.mkdir(parents=True)
    _book(dept, "clean.xlsx", central())
    faulty = central().put("G6", "86%").put("H20", 93.5)
    _book(dept, "faulty.xlsx", faulty)
    _book(dept, "target.xlsx", national_88())
    (dept / "说明.pdf").write_bytes(b"%PDF-1.4 not a form")
    broken = tmp_path / "inputs" / "坏文件"
    broken.mkdir()
    (broken / "bad.xlsx").write_bytes(b"this is not a workbook")
    return tmp_path / "inputs"


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _check(batch: Path, out: Path, *extra: str) -> dict:
    code, stdout, _ = _run("check", str(batch), "--feedback", str(out), "--format", "json", *extra)
    assert code == 1
    return json.loads(stdout)


def _workbooks(out: Path) -> list[Path]:
    return sorted(out.rglob("*.xlsx"))


def _findings_of(data: dict, path: Path) -> list[dict]:
    return [f for f in data["findings"] if f["file"] == str(path)]


def _table(ws) -> list[tuple]:
    return [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0] is not None]


def test_cli_writes_one_workbook_per_checked_file_and_the_summary(batch, tmp_path):
    out = tmp_path / "out"
    data = _check(batch, out)
    written = {p.relative_to(out).as_posix() for p in _workbooks(out)}
    (sub,) = [s for s in data["submissions"] if s["department"] == "某县民政局"]
    folder = f"{sub['name']}"
    assert written == {
        SUMMARY_NAME,
        f"{folder}/审核意见_clean.xlsx",
        f"{folder}/审核意见_faulty.xlsx",
        f"{folder}/审核意见_target.xlsx",
        f"{folder}/审核意见_说明.xlsx",  # skipped, but with a finding (E003): it is reported
        "坏文件/审核意见_bad.xlsx",  # in no submission: a folder named for its source folder
    }


def test_findings_sheet_header_block_and_one_row_per_finding(batch, tmp_path):
    out = tmp_path / "out"
    data = _check(batch, out)
    faulty = batch / "民政" / "faulty.xlsx"
    expected = _findings_of(data, faulty)
    assert {f["code"] for f in expected} >= {"A002", "A010"}
    (path,) = out.rglob("审核意见_faulty.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["审核意见", "表单清单", "Sheet1"]
    ws = wb["审核意见"]
    assert [c.value for c in ws[HEADER_ROW]] == FINDINGS_HEADER
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:H{HEADER_ROW + len(expected)}"
    block = {ws.cell(r, c).value: ws.cell(r, c + 1 if c == 5 else c + 2).value
             for r in range(2, 5) for c in (1, 5)}  # fmt: skip
    assert block["文件"] == str(faulty)
    assert block["SHA-256"] == hashlib.sha256(faulty.read_bytes()).hexdigest()
    assert block["perfcli 版本"] == __version__ and block["参数配置"] == "national"
    assert block["审核时间"][:2] == "20"
    assert block["问题数"] == f"错误 {len(expected)} 项，警告 0 项，提示 0 项"
    rows = _table(ws)
    assert len(rows) == len(expected)
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    by_cell = {(f["cell"], f["code"]): f for f in expected}
    for row in rows:
        code = row[2].split()[0]
        finding = by_cell[(row[4], code)]
        assert row[1] == "错误" and row[3] == "Sheet1" and row[5] == "社区居家养老服务补助"
        assert row[6] == finding["message"] and row[7] == finding["hint"]
        assert row[2] == f"{code} {perfcli.rules.get_rule(code).title}"
    positions = [(int(r[4][1:]), r[4][0]) for r in rows]
    assert positions == sorted(positions)  # one severity here: sorted by position


def test_every_row_links_to_its_cell_in_the_annotated_copy(batch, tmp_path):
    out = tmp_path / "out"
    _check(batch, out)
    (path,) = out.rglob("审核意见_faulty.xlsx")
    ws = openpyxl.load_workbook(path)["审核意见"]
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        cell = ws.cell(r, 5)
        assert cell.hyperlink is not None and cell.hyperlink.location == f"'Sheet1'!{cell.value}"


def test_annotated_copy_keeps_values_and_merges_and_marks_flagged_cells(batch, tmp_path):
    out = tmp_path / "out"
    data = _check(batch, out)
    faulty = batch / "民政" / "faulty.xlsx"
    (path,) = out.rglob("审核意见_faulty.xlsx")
    copy = openpyxl.load_workbook(path)["Sheet1"]
    source = openpyxl.load_workbook(faulty)["Sheet1"]
    for row in source.iter_rows():
        for cell in row:
            assert copy[cell.coordinate].value == cell.value, cell.coordinate
    assert copy["E15"].value == "=100%" and copy["E15"].data_type == "s"  # text, not a formula
    assert {str(r) for r in copy.merged_cells.ranges} == {
        str(r) for r in source.merged_cells.ranges
    }
    flagged = {f["cell"]: [] for f in _findings_of(data, faulty)}
    for f in _findings_of(data, faulty):
        flagged[f["cell"]].append(f)
    for address, found in flagged.items():
        cell = copy[address]
        assert cell.comment is not None, address
        for f in found:
            assert f"[错误] {f['code']} {f['message']}" in cell.comment.text
            assert f"建议：{f['hint']}" in cell.comment.text
        assert cell.fill.fgColor.rgb.endswith(FILLS["错误"])
    unflagged = [c for row in copy.iter_rows() for c in row if c.comment is not None]
    assert {c.coordinate for c in unflagged} == set(flagged)
    assert copy.sheet_properties.tabColor is not None


def test_clean_file_gets_a_workbook_that_says_so(batch, tmp_path):
    out = tmp_path / "out"
    _check(batch, out)
    (path,) = out.rglob("审核意见_clean.xlsx")
    wb = openpyxl.load_workbook(path)
    assert _table(wb["审核意见"]) == [("没有发现问题", None, None, None, None, None, None, None)]
    assert not [c for row in wb["Sheet1"].iter_rows() for c in row if c.comment is not None]
    assert wb["表单清单"]["E2"].value == "已识别"


def test_layout_of_the_input_is_carried_into_the_copy(tmp_path):
    """Column widths, row heights, number formats, borders and wrapping as in the input."""
    from openpyxl.styles import Alignment, Border, Side

    form = central().put("G6", "86%")
    path = _book(tmp_path / "in", "styled.xlsx", form)
    wb = openpyxl.load_workbook(path)
    ws = wb["Sheet1"]
    ws.column_dimensions["B"].width = 28.5
    ws.column_dimensions["E"].hidden = True
    ws.row_dimensions[11].height = 45
    ws["C6"].number_format = "#,##0.00"
    ws["D12"].alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    ws["G6"].border = Border(left=Side(style="thin"), bottom=Side(style="medium"))
    ws["I21"].border = Border(top=Side(style="thin"))  # an empty, bordered cell
    wb.save(path)
    report = perfcli.check(path)
    assert any(f.cell == "G6" for f in report.findings)
    write_feedback(report, tmp_path / "out")
    (out,) = (tmp_path / "out").rglob("审核意见_styled.xlsx")
    copy = openpyxl.load_workbook(out)["Sheet1"]
    assert copy.column_dimensions["B"].width == pytest.approx(28.5, abs=0.8)
    assert copy.column_dimensions["E"].hidden
    assert copy.row_dimensions[11].height == 45
    assert copy["C6"].number_format == "#,##0.00" and copy["C6"].value == 120
    assert copy["D12"].alignment.wrap_text and copy["D12"].alignment.horizontal == "center"
    assert copy["G6"].border.left.style == "thin" and copy["G6"].border.bottom.style == "medium"
    assert copy["G6"].comment is not None  # the flagged cell keeps its border and gets the fill
    assert copy["G6"].fill.fgColor.rgb.endswith(FILLS["错误"])
    assert copy["I21"].border.top.style == "thin"


def test_sheets_without_a_form_are_listed_not_dropped(tmp_path):
    form = central()
    sheets = {"审核意见": form.rows, "填报说明": [["请按说明填写"], ["联系人：张三"]]}
    path = write_workbook(tmp_path / "in" / "two.xlsx", sheets, merges={"审核意见": form.merges})
    write_feedback(perfcli.check(path), tmp_path / "out")
    (out,) = (tmp_path / "out").rglob("审核意见_two.xlsx")
    wb = openpyxl.load_workbook(out)
    # The input's own sheet named 审核意见 is copied under a name of its own.
    assert wb.sheetnames == ["审核意见", "表单清单", "审核意见(2)"]
    listed = [r for r in wb["表单清单"].iter_rows(min_row=2, values_only=True)]
    assert listed[0][:2] == ("审核意见", "项目支出绩效自评表")
    assert wb["表单清单"]["G2"].hyperlink.location == "'审核意见(2)'!A1"
    assert listed[1][0] == "填报说明" and listed[1][4] == "未识别（无表单）"
    assert "未识别的工作表 1 张" in wb["审核意见"]["C5"].value


def test_summary_workbook_sheets_rows_counts_and_charts(batch, tmp_path):
    out = tmp_path / "out"
    data = _check(batch, out)
    wb = openpyxl.load_workbook(out / SUMMARY_NAME)
    assert wb.sheetnames == ["总览", "问题明细", "规则统计", "图表"]
    overview = list(wb["总览"].iter_rows(values_only=True))
    assert overview[0] == ("提交材料", "部门", "年度", "文件数", "项目数", "错误", "警告", "提示",
                           "自评总分", "等级", "对账", "审核意见文件夹")  # fmt: skip
    rows = {r[0]: r for r in overview[1:]}
    sub = next(s for s in data["submissions"] if s["department"] == "某县民政局")
    mz = rows[sub["name"]]
    assert mz[1:3] == ("某县民政局", 2023) and mz[3] == 4 and mz[4] == 2  # 2 projects
    assert mz[10] == "未对账"
    assert rows["坏文件"][1] == "（未归入提交材料）" and rows["坏文件"][5] == 1
    summary = data["summary"]
    assert sum(r[5] for r in overview[1:]) == summary["error"]
    assert sum(r[6] for r in overview[1:]) == summary["warning"]
    assert sum(r[7] for r in overview[1:]) == summary["info"]
    assert wb["总览"]["L2"].hyperlink.target.rstrip("\\/") == overview[1][0]
    details = list(wb["问题明细"].iter_rows(values_only=True))
    assert len(details) - 1 == len(data["findings"])
    assert wb["问题明细"].auto_filter.ref.startswith("A1:O")
    assert sorted(r[2] for r in details[1:]) == sorted(f["code"] for f in data["findings"])
    stats = {r[0]: r for r in wb["规则统计"].iter_rows(min_row=2, max_row=9, values_only=True)}
    assert set(stats) == set("EWSQAMXR") and stats["A"][1] == "计算、评分与等级"
    assert sum(r[5] for r in stats.values()) == len(data["findings"])
    assert len(wb["图表"]._charts) == 3


@pytest.mark.parametrize("streamed", [False, True])
def test_details_are_split_past_the_row_limit(tmp_path, monkeypatch, streamed):
    from perfcli.report import feedback_summary
    from perfcli.report.feedback_file import RunMeta
    from perfcli.report.feedback_summary import FolderRow, write_summary

    if streamed:  # xlsxwriter's constant-memory mode, used for very large batches
        monkeypatch.setattr(feedback_summary, "CONSTANT_MEMORY_FROM", 0)

    findings = [Finding("A002", "exec-rate-mismatch", "error", "a.xlsx", "Sheet1", f"G{i}", i)
                for i in range(1, 6)]  # fmt: skip
    rows = [FolderRow("部门_2023", "部门", 2023, 1, 1, findings)]
    target = tmp_path / SUMMARY_NAME
    write_summary(target, rows, findings, ["优"], RunMeta("0", "national", "now"), max_rows=2)
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["总览", "问题明细", "问题明细2", "问题明细3", "规则统计", "图表"]
    assert [ws.max_row for ws in wb.worksheets[1:4]] == [3, 3, 2]
    assert wb["问题明细3"]["A2"].value == 5  # numbering continues
    assert wb["总览"]["F2"].value == 5 and len(wb["图表"]._charts) == 3
    rule_rows = wb["规则统计"].iter_rows(min_row=11, values_only=True)
    assert [r[0] for r in rule_rows] == ["代码", "A002"]


def test_widths_count_chinese_characters_double():
    import unicodedata

    from perfcli.report.feedback_style import column_width, display_width

    text = "执行率应为 82.33%（98.80 ÷ 120.00），表中填写 86%，〔2020〕10号 ≥95% ①"
    expected = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    assert display_width(text) == expected and display_width("abc") == 3
    assert column_width(["短", "一二三四五六七八九十"], 6, 60) == 22
    assert column_width(["很长" * 100], 6, 60) == 60


def test_unsafe_names_become_safe_windows_names(tmp_path):
    from perfcli.report.feedback_style import safe_filename, safe_sheet_name, unique_name

    assert safe_filename('a/b:c*?"<>|d') == "a_b_c______d"
    assert safe_filename("CON") == "_CON" and safe_filename("lpt1.txt") == "_lpt1.txt"
    assert safe_filename("名字. . ") == "名字" and safe_filename("...") == "_"
    assert safe_filename("项目#1") == "项目_1"  # "#" would cut a link from 汇总.xlsx
    assert len(safe_filename("长" * 400)) == 150
    taken: set[str] = set()
    assert [unique_name("A", taken, suffix=".xlsx") for _ in range(3)] == [
        "A.xlsx", "A_2.xlsx", "A_3.xlsx"]  # fmt: skip
    assert unique_name("a", taken, suffix=".xlsx") == "a_4.xlsx"  # case does not tell apart
    names: set[str] = set()
    assert safe_sheet_name("[报表]:1/2", names) == "_报表__1_2"
    assert safe_sheet_name("History", names) == "History_"
    long = safe_sheet_name("很长的工作表名称" * 5, names)
    assert len(long) == 31 and len(safe_sheet_name("很长的工作表名称" * 5, names)) == 31
    assert len(names) == 4
    # Through the pipeline: a file whose name Windows would refuse.
    path = _book(tmp_path / "in", 'a:b*?"1.xlsx', central().put("G6", "86%"))
    written = write_feedback(perfcli.check(path), tmp_path / "out")
    names_written = [p.name for p in written]
    assert "审核意见_a_b___1.xlsx" in names_written
    for p in written:
        assert not set(p.relative_to(tmp_path / "out").as_posix()) & set('\\:*?"<>|')


def test_rerun_replaces_the_workbooks_and_never_touches_the_inputs(batch, tmp_path):
    out = tmp_path / "out"
    before = {p: p.read_bytes() for p in batch.rglob("*") if p.is_file()}
    _check(batch, out)
    first = {p: p.stat().st_mtime_ns for p in _workbooks(out)}
    (path,) = out.rglob("审核意见_faulty.xlsx")
    path.write_bytes(b"stale")
    _check(batch, out)
    assert {p: p.read_bytes() for p in batch.rglob("*") if p.is_file()} == before
    assert set(_workbooks(out)) == set(first)
    assert openpyxl.load_workbook(path).sheetnames[0] == "审核意见"
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]  # no temporary files left


@pytest.mark.parametrize(
    ("given", "where", "words"),
    [
        ("民政/faulty.xlsx", "民政/faulty.xlsx", "就是要审核的输入"),
        (".", ".", "就是要审核的输入"),
        ("民政/faulty.xlsx", "民政", "包含要审核的输入"),  # next to an input file
        (".", "..", "包含要审核的输入"),
        (".", "民政", "位于要审核的文件夹"),
        (".", "民政/feedback", "位于要审核的文件夹"),
    ],
)
def test_feedback_dir_next_to_or_over_the_inputs_is_refused(batch, given, where, words):
    before = {p: p.read_bytes() for p in batch.rglob("*") if p.is_file()}
    code, _, err = _run("check", str(batch / given), "--feedback", str(batch / where))
    assert code == 2 and words in err
    assert {p: p.read_bytes() for p in batch.rglob("*") if p.is_file()} == before
    assert not (batch / where / SUMMARY_NAME).exists()


def test_feedback_dir_that_is_a_file_or_a_hidden_folder_inside(batch, tmp_path):
    a_file = tmp_path / "x.txt"
    a_file.write_text("x")
    code, _, err = _run("check", str(batch), "--feedback", str(a_file))
    assert code == 2 and "应为文件夹" in err
    hidden = batch / ".feedback"  # not walked by the next check: allowed
    code, _, _ = _run("check", str(batch), "--feedback", str(hidden))
    assert code == 1 and (hidden / SUMMARY_NAME).is_file()


def test_library_api_and_english(batch, tmp_path):
    report = perfcli.check(batch)
    written = write_feedback(report, tmp_path / "en", lang="en")
    assert all(p.is_file() for p in written) and len(written) == 6
    (path,) = (tmp_path / "en").rglob("审核意见_faulty.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Findings", "Forms", "Sheet1"]
    assert [c.value for c in wb["Findings"][HEADER_ROW]][:3] == ["No.", "Severity", "Rule"]
    first = _table(wb["Findings"])[0]
    assert first[1] == "error" and first[6] == next(f.message_en for f in report.findings
                                                     if f.code == first[2].split()[0])  # fmt: skip
    summary = openpyxl.load_workbook(tmp_path / "en" / SUMMARY_NAME)
    assert summary.sheetnames == ["Overview", "Details", "Rules", "Charts"]


def test_submission_findings_get_a_workbook_of_their_own(batch, tmp_path):
    report = perfcli.check(batch)
    sub = next(s for s in report.submissions if s.department == "某县民政局")
    missing = Finding("X006", "package-part-missing", "error", sub.folder,
                      message="提交材料缺少《项目支出绩效自评报告》", hint="请补交自评报告")  # fmt: skip
    report.submission_findings.append(missing)
    out = tmp_path / "out"
    write_feedback(report, out)
    (path,) = out.rglob("审核意见_提交材料.xlsx")
    assert path.parent.name == sub.name
    rows = _table(openpyxl.load_workbook(path)["审核意见"])
    assert len(rows) == 1 and rows[0][6] == missing.message and rows[0][4] == "—"
    overview = list(openpyxl.load_workbook(out / SUMMARY_NAME)["总览"].iter_rows(values_only=True))
    mz = next(r for r in overview if r[0] == sub.name)
    errors = sum(1 for f in report.findings if f.severity == "error" and f.file != "bad")
    assert mz[5] == errors - 1  # everything but the broken file elsewhere, with X006


def test_reconciliation_status_words():
    from perfcli.report.feedback_summary import FolderRow, reconciliation

    row = FolderRow("x", "d", 2023, 1, 1, [])
    assert reconciliation(row, "zh") == "未对账"
    row.reconciled = True
    assert reconciliation(row, "zh") == "一致" and reconciliation(row, "en") == "consistent"
    row.mismatches = 2
    assert reconciliation(row, "zh") == "不一致（2 项）"


def test_hostile_sheet_draws_without_error(tmp_path):
    """Overlapping and one-cell merges, formula-like text, NaN, pre-1900 dates, flagged empties."""
    import datetime as dt

    import xlsxwriter

    from perfcli.io.cells import CellRange, Sheet
    from perfcli.report.feedback_annotated import Formats, draw_sheet, marks_for

    sheet = Sheet("x")
    for (r, c), v in {(0, 0): "=SUM(A1)", (0, 3): float("nan"), (1, 1): dt.datetime(1850, 1, 1),
                      (2, 2): dt.date(2023, 5, 1), (3, 3): "长" * 40_000}.items():  # fmt: skip
        sheet.set(r, c, v)
    sheet.merged = [CellRange(0, 0, 1, 1), CellRange(1, 1, 2, 2), CellRange(5, 5, 5, 5)]
    flagged = [Finding("S001", "x", "warning", "f", "x", "B2", 2, col=1),
               Finding("S002", "x", "info", "f", "x", "Z99", 99, col=25)]  # fmt: skip
    target = tmp_path / "h.xlsx"
    wb = xlsxwriter.Workbook(str(target), {"strings_to_formulas": False})
    ws = wb.add_worksheet("x")
    assert draw_sheet(ws, sheet, None, marks_for(sheet, flagged), Formats(wb), "zh")
    wb.close()
    copy = openpyxl.load_workbook(target)["x"]
    assert copy["A1"].value == "=SUM(A1)" and copy["A1"].data_type == "s"
    assert [str(r) for r in copy.merged_cells.ranges] == ["A1:B2"]
    assert copy["A1"].comment is not None  # B2 is inside A1:B2: the finding moves to its top-left
    assert copy["Z99"].comment is not None and copy["C3"].value == dt.datetime(2023, 5, 1)
    assert len(copy["D4"].value) == 32_767


def test_bench_script_runs_small(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_feedback", ROOT / "scripts" / "bench_feedback.py"
    )
    assert spec is not None and spec.loader is not None
    bench_feedback = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_feedback)
    seconds, findings, workbooks, cpu = bench_feedback.bench(n_files=3, per_file=4)
    assert findings == 12 and workbooks == 4 and seconds > 0 and cpu > 0


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_opens_every_workbook(batch, tmp_path):
    out = tmp_path / "out"
    _check(batch, out)
    books = _workbooks(out)
    pdfs = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(pdfs), *map(str, books)],
        capture_output=True, text=True, timeout=600, check=False, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(p.stem for p in pdfs.glob("*.pdf")) == sorted(p.stem for p in books)
    assert all(p.stat().st_size > 1000 for p in pdfs.glob("*.pdf"))


def test_report_without_submissions_still_writes_the_summary(tmp_path):
    written = write_feedback(Report(files=[]), tmp_path / "out")
    assert written == [tmp_path / "out" / SUMMARY_NAME]
    wb = openpyxl.load_workbook(written[0])
    assert wb["总览"].max_row == 1 and len(wb["图表"]._charts) == 3


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_xls_and_ods_inputs_are_copied_with_values_and_merges(tmp_path, fmt):
    form = central().put("G6", "86%")
    path = write_workbook(tmp_path / "in" / f"old.{fmt}", form.sheets(), merges=form.merge_map(),
                          fmt=fmt)  # fmt: skip
    report = perfcli.check(path)
    flagged = {f.cell for f in report.findings if f.cell}
    assert "G6" in flagged
    write_feedback(report, tmp_path / "out")
    (out,) = (tmp_path / "out").rglob("审核意见_old.xlsx")
    copy = openpyxl.load_workbook(out)["Sheet1"]
    assert copy["B3"].value == "社区居家养老服务补助" and copy["C6"].value == 120
    assert "B3:I3" in {str(r) for r in copy.merged_cells.ranges}
    assert {c.coordinate for row in copy.iter_rows() for c in row if c.comment} == flagged


def test_real_forms_get_a_row_per_finding_and_a_comment_per_flagged_cell(tmp_path):
    from gridbook import realworld_names, render_realworld

    folder = tmp_path / "real"
    folder.mkdir()
    for name in realworld_names():
        render_realworld(name, folder)
    report = perfcli.check(folder)
    assert report.findings  # the published forms carry their real mistakes
    write_feedback(report, tmp_path / "out")
    for fr in report.files:
        (path,) = (tmp_path / "out").rglob(f"审核意见_{Path(fr.path).stem}.xlsx")
        wb = openpyxl.load_workbook(path)
        findings_sheet, *_ = wb.worksheets
        assert len(_table(findings_sheet)) == max(len(fr.findings), 1)
        for f in fr.findings:
            if f.cell and f.sheet:
                copy = wb[f.sheet]
                origin = next((str(r).split(":")[0] for r in copy.merged_cells.ranges
                               if f.cell in r), f.cell)  # fmt: skip
                assert f.code in copy[origin].comment.text, (fr.path, f.code, f.cell)


def test_a_finding_on_a_row_or_a_whole_sheet_links_there(tmp_path):
    path = _book(tmp_path / "in", "f.xlsx", central())
    report = perfcli.check(path)
    (fr,) = report.files
    fr.findings += [
        Finding("Q001", "x", "warning", fr.path, "Sheet1", None, 12, message="行"),
        Finding("S001", "x", "info", fr.path, "Sheet1", message="表"),
    ]
    write_feedback(report, tmp_path / "out")
    (out,) = (tmp_path / "out").rglob("审核意见_f.xlsx")
    ws = openpyxl.load_workbook(out)["审核意见"]
    row, sheet = (ws.cell(r, 5) for r in (HEADER_ROW + 1, HEADER_ROW + 2))
    assert row.value == "第 12 行" and row.hyperlink.location == "'Sheet1'!A12"
    assert sheet.value == "（整表）" and sheet.hyperlink.location == "'Sheet1'!A1"
    assert ws.cell(HEADER_ROW + 1, 2).value == "警告" and ws.cell(HEADER_ROW + 2, 2).value == "提示"


@pytest.mark.parametrize(("executed", "status"), [(114, "一致"), (110, "不一致（1 项）")])
def test_reconciliation_status_through_the_pipeline(tmp_path, executed, status):
    _book(tmp_path / "in", "自评.xlsx", central())
    accounts = write_workbook(tmp_path / "决算.xlsx", [
        ["项目支出决算表", None, None, None, None],
        ["部门名称", "项目名称", "年初预算数", "全年预算数", "本年支出"],
        ["某县民政局", "社区居家养老服务补助", 120, 120, executed],
    ])  # fmt: skip
    report = perfcli.check(tmp_path / "in", accounts=accounts)
    write_feedback(report, tmp_path / "out")
    overview = openpyxl.load_workbook(tmp_path / "out" / SUMMARY_NAME)["总览"]
    rows = {r[0]: r for r in overview.iter_rows(min_row=2, values_only=True)}
    assert rows["某县民政局_2023"][10] == status
    assert rows[tmp_path.name][10] == "未对账"  # the accounts workbook's own row
    assert (tmp_path / "out" / tmp_path.name / "审核意见_决算.xlsx").is_file()


def test_submissions_of_one_name_are_told_apart_by_their_folders(tmp_path):
    for folder in ("甲/目标", "甲/自评", "乙/有误/民政", "乙/正确/民政"):
        _book(tmp_path / "in" / folder, "f.xlsx", central())
    report = perfcli.check(tmp_path / "in")
    assert {s.name for s in report.submissions} == {"某县民政局_2023"}
    write_feedback(report, tmp_path / "out")
    folders = sorted(p.parent.name for p in (tmp_path / "out").rglob("审核意见_f.xlsx"))
    assert folders == sorted(f"某县民政局_2023（{x}）" for x in ("目标", "自评", "有误", "正确"))
