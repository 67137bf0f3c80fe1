"""``perfcli forms FILE`` on every kind of file, and on files that would crash an in-process read.

The file is read in a worker process as ``check`` reads it: a report and an accounts file show what
was read; a hostile or broken file is its E finding (exit 1), never a traceback; a perfcli bug met
while reading is exit 2 (cli.md).
"""

from __future__ import annotations

import os

from accounts_builders import accounts_file, accounts_rows
from hostile import far_cells_xlsx
from layouts import central
from layouts_package import report_paragraphs, write_report
from sample_data import CIVIL_AFFAIRS, DEPARTMENTS
from typer.testing import CliRunner

from perfcli import engine
from perfcli.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["forms", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


# --- a 自评报告 (.docx) ----------------------------------------------------------------------------


def test_a_report_shows_its_headings_and_figures_with_their_paragraph(tmp_path):
    path = write_report(tmp_path / "自评报告.docx", report_paragraphs(CIVIL_AFFAIRS))
    code, out, _ = run(str(path))
    assert code == 0
    assert "绩效自评报告" in out and "示例县民政局" in out and "第1段" in out
    assert "一、基本情况" in out and "六、改进措施及有关建议" in out  # headings → sections
    assert "自评得分 99.96分" in out and "正文 第8段" in out  # a figure and its paragraph
    assert "未找到的提纲部分" not in out


def test_a_report_missing_sections_says_which(tmp_path):
    paragraphs = [("title", "示例县民政局2023年度部门整体支出绩效自评报告"),
                  ("heading", "一、基本情况"), ("body", "部门整体支出绩效自评得分96分，等级为优。")]  # fmt: skip
    code, out, _ = run(str(write_report(tmp_path / "报告.docx", paragraphs)))
    assert code == 0
    assert "未找到的提纲部分" in out and "六、改进措施及有关建议" in out
    assert "自评得分 96分" in out and "等级 优" in out


def test_a_word_document_that_is_no_report_is_e003_exit_1(tmp_path):
    path = write_report(tmp_path / "会议纪要.docx", [("body", "关于食堂采购的会议纪要。")])
    code, out, _ = run(str(path))
    assert code == 1 and "E003" in out


# --- 决算 accounts ---------------------------------------------------------------------------------


def test_an_accounts_workbook_shows_header_unit_rows_and_department_totals(tmp_path):
    path = accounts_file(tmp_path / "决算.xlsx", accounts_rows(DEPARTMENTS))
    code, out, _ = run(str(path))
    assert code == 0
    assert "决算表" in out and "元" in out and "表头（第3行）" in out
    assert "项目编码" in out and "调整后预算数" in out
    (model,) = engine.check_file(str(path), "决算.xlsx", engine.Settings()).models
    assert f"项目 {len(model.rows)} 行" in out and "51000023" in out  # a long code is folded
    assert "合计行" in out and "基本支出 示例县教育局" in out and "项目支出 示例县民政局" in out
    # The title above the header is read (as it is when the file comes with --accounts).
    title = next(line for line in out.splitlines() if line.lstrip().startswith("标题"))
    assert "决算" in title and "未找到" not in title


def test_a_workbook_read_only_as_accounts_shows_as_accounts(book):
    # Too few columns to be recognised as a 决算 while walking a folder; --accounts reads it.
    path = book([["项目名称", "本年支出"], ["甲项目", 1], ["乙项目", 2]], name="明细.xlsx")
    code, out, _ = run(str(path))
    assert code == 0 and "决算表" in out and "乙项目" in out and "项目 2 行" in out
    plain = book([["名称", "数量"], ["甲", 1]], name="清单.xlsx")
    code, out, _ = run(str(plain))
    assert code == 1 and "E005" in out and "决算表" not in out


def test_a_csv_accounts_file_shows_its_rows_and_totals(tmp_path):
    path = tmp_path / "决算.csv"
    path.write_text(
        "项目编码,项目名称,部门名称,年初预算数,调整后预算数,本年支出\n"
        "001,甲项目,某局,10,12,11\n,合计,某局,10,12,11\n",
        encoding="utf-8",
    )
    code, out, _ = run(str(path))
    assert code == 0
    assert "读自 csv" in out and "甲项目" in out and "本年支出 F" in out
    assert "第3行 合计 某局" in out and "本年支出 11 F3" in out


def test_a_csv_with_no_accounts_table_is_r009_exit_1(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_text("姓名,电话\n张三,123\n", encoding="utf-8")
    code, out, _ = run(str(path))
    assert code == 1 and "R009" in out


# --- hostile and broken files ----------------------------------------------------------------


def test_a_far_cell_sheet_is_a_finding_not_a_crash(tmp_path):
    code, out, _ = run(str(far_cells_xlsx(tmp_path / "far.xlsx")))
    assert code == 1
    assert "E004" in out or "E002" in out


def test_a_worker_that_aborts_is_e004(tmp_path, monkeypatch):
    form = central()
    path = tmp_path / "form.xlsx"
    from gridbook import write_workbook

    write_workbook(path, form.sheets(), merges=form.merge_map(), fmt="xlsx")

    def abort(*_args, **_kw):
        os.abort()  # what calamine does when a hostile sheet makes an allocation fail

    monkeypatch.setattr(engine, "check_file", abort)  # inherited by the forked worker
    code, out, _ = run(str(path))
    assert code == 1 and "E004" in out and "解析进程异常退出" in out


def test_a_clean_form_still_shows_after_the_worker_read(book):
    form = central()
    code, out, _ = run(str(book(form.sheets(), merges=form.merge_map())))
    assert code == 0 and "社区居家养老服务补助" in out and "E0" not in out


def test_a_perfcli_bug_while_reading_is_exit_2(book, monkeypatch):
    path = book([["项目名称"]], name="x.xlsx")

    def bug(*_args, **_kw):
        raise ValueError("boom")

    monkeypatch.setattr(engine, "check_file", bug)
    code, _, err = run(str(path))
    assert code == 2 and "内部错误" in err and "boom" in err


def test_an_unreadable_file_is_exit_1_and_a_missing_file_exit_2(tmp_path):
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    code, out, _ = run(str(empty))
    assert code == 1 and "E001" in out
    code, _, err = run(str(tmp_path / "没有.xlsx"))
    assert code == 2 and "文件不存在" in err


def test_a_folder_is_exit_2_and_says_it_is_a_folder(tmp_path):
    code, _, err = run(str(tmp_path))
    assert code == 2 and "是文件夹" in err and "文件不存在" not in err


def test_a_file_of_an_unknown_kind_is_e003_alone_exit_1(tmp_path):
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(b"%PDF-1.4")
    code, out, _ = run(str(path))
    assert code == 1 and "E003" in out and "扩展名 .pdf" in out
    assert "未识别到表单" not in out  # the E003 is the answer


def test_a_workbook_with_no_form_says_none_was_recognised(book):
    path = book({"名单": [["姓名", "电话"], ["张三", "1"]]}, name="名单.xlsx")
    code, out, _ = run(str(path))
    assert code == 1 and "E005" in out and "未识别到表单" in out
