"""perfcli template KIND: blank templates that perfcli recognises, that are clean once filled in
correctly, and that are the files committed under templates/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from perfcli.cli import app
from perfcli.engine import Settings, check_file
from perfcli.forms import recognise
from perfcli.forms.model import UnparsedForm
from perfcli.io.reader import read_workbook
from perfcli.template_layouts import CATEGORIES, LAYOUTS
from perfcli.templates import TemplateError, file_name, layout_for, template_kinds, write_template

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
runner = CliRunner()
KINDS = template_kinds()
# What a blank template may show when checked: nothing is filled in yet (identity, year, blocks,
# total) and the printed instructions are still there. Never a false arithmetic or value finding.
BLANK_CODES = {"S001", "S002", "S003", "S004", "A018"}


def _snapshot(path: Path) -> dict[str, Any]:
    """What a person sees in a template: values, merges, styles, widths, prompts and lists."""
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    cells = {
        c.coordinate: (c.value, c.number_format, bool(c.font.b), c.fill.fgColor.rgb,
                       bool(c.border.left.style), c.alignment.horizontal)
        for row in sheet.iter_rows() for c in row
    }  # fmt: skip
    return {
        "title": sheet.title,
        "cells": cells,
        "merges": sorted(str(m) for m in sheet.merged_cells.ranges),
        "widths": {k: d.width for k, d in sheet.column_dimensions.items()},
        "validations": sorted(
            (str(v.sqref), v.type, v.prompt, v.formula1)
            for v in sheet.data_validations.dataValidation
        ),
    }


def test_committed_templates_are_what_the_code_writes(tmp_path):
    assert {p.name for p in TEMPLATES.glob("*.xlsx")} == {file_name(k) for k in KINDS}, (
        "run python -m perfcli.templates templates"
    )
    for kind in KINDS:
        fresh = write_template(kind, tmp_path / file_name(kind))
        assert _snapshot(fresh) == _snapshot(TEMPLATES / file_name(kind)), (
            f"{file_name(kind)} is stale: run python -m perfcli.templates templates"
        )


@pytest.mark.parametrize("kind", KINDS)
def test_each_template_is_recognised_as_its_kind(kind):
    (form,) = recognise(read_workbook(TEMPLATES / file_name(kind)))
    assert form.kind == kind and not isinstance(form, UnparsedForm)
    result = runner.invoke(app, ["forms", str(TEMPLATES / file_name(kind))])
    assert result.exit_code == 0 and layout_for(kind).name in result.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_a_blank_template_shows_only_what_is_not_filled_in(kind):
    path = TEMPLATES / file_name(kind)
    result = check_file(str(path), path.name, Settings())
    assert result.internal_error is None and result.status == "checked"
    assert {f.code for f in result.findings} <= BLANK_CODES, [
        (f.code, f.cell, f.message) for f in result.findings if f.code not in BLANK_CODES]  # fmt: skip


def test_templates_are_formatted_for_people():
    sheet = openpyxl.load_workbook(TEMPLATES / "项目支出绩效自评表.xlsx").active
    assert sheet is not None
    assert sheet["A1"].value == "项目支出绩效自评表" and sheet["A1"].font.b
    assert "A1:I1" in {str(m) for m in sheet.merged_cells.ranges}
    assert sheet["A2"].value == "（      年度）" and not sheet["A2"].border.left.style
    assert sheet["H3"].value == "金额单位：万元" and "H3:I3" in {
        str(m) for m in sheet.merged_cells.ranges
    }
    assert sheet["A4"].value == "项目名称" and sheet["A4"].font.b and sheet["A4"].border.left.style
    money, rate = sheet["C7"], sheet["G7"]
    assert money.number_format == "#,##0.00" and rate.number_format == "0.00%"
    assert sheet["F7"].value == 10 and sheet["F8"].value == "—"
    assert sheet.column_dimensions["D"].width > 15
    prompts = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert "项目全称" in (prompts["B4"].prompt or "")
    grade = next(v for v in prompts.values() if v.type == "list")
    assert grade.formula1 == '"优,良,中,差"'


# --- filled in correctly, a template is clean ---------------------------------------------------


def _fill_indicators(sheet: Any, values: Any) -> None:
    """Name every 指标N row and fill its value cells with ``values(row, n)``."""
    names = iter(f"{level2.removesuffix('指标')}考核项{i}" for _, l2 in CATEGORIES for level2 in l2
                 for i in (1, 2))  # fmt: skip
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value in ("指标1：", "指标2："):
                cell.value = next(names, None) or f"考核项{cell.row}"
                values(cell.row, cell.column)


def _write_filled(tmp_path: Path, kind: str, fill: Any) -> Path:
    path = write_template(kind, tmp_path / file_name(kind))
    book = openpyxl.load_workbook(path)
    sheet = book.active
    fill(sheet)
    book.save(path)
    return path


def _find(sheet: Any, label: str, nth: int = 1) -> tuple[int, int]:
    """(row, column) of the ``nth`` cell holding ``label``."""
    hits = [(c.row, c.column) for row in sheet.iter_rows() for c in row if c.value == label]
    return hits[nth - 1]


def _right_of(sheet: Any, label: str, value: Any, nth: int = 1, step: int = 1) -> None:
    row, col = _find(sheet, label, nth)
    sheet.cell(row, col + step, value)


def _below(sheet: Any, label: str, value: Any) -> None:
    row, col = _find(sheet, label)
    sheet.cell(row + 1, col, value)


def _amounts(sheet: Any, label: str, amounts: tuple[Any, ...], nth: int = 1) -> None:
    row, col = _find(sheet, label, nth)
    for offset, amount in enumerate(amounts, start=1):
        sheet.cell(row, col + offset, amount)


def _fill_selfeval(sheet: Any) -> None:
    sheet["A2"] = "（2024年度）"
    _right_of(sheet, "项目名称", "社区居家养老服务补助")
    _right_of(sheet, "主管部门", "某县民政局")
    _right_of(sheet, "实施单位", "某县养老服务中心")
    _amounts(sheet, "年度资金总额", (100, 100, 100, 10, 1, 10))  # … 分值, 执行率 100%, 得分
    _amounts(sheet, "其中：当年财政拨款", (90, 90, 90))
    _amounts(sheet, "上年结转资金", (10, 10, 10))
    _amounts(sheet, "其他资金", (0, 0, 0))
    _below(sheet, "预期目标", "全年为1200名以上老年人提供居家养老服务，服务合格率不低于95%。")
    _below(sheet, "实际完成情况", "全年为1260名老年人提供居家养老服务，服务合格率97%。")

    def values(row: int, col: int) -> None:
        for offset, value in enumerate(("≥90%", "95%", 5, 5), start=1):
            sheet.cell(row, col + offset, value)

    _fill_indicators(sheet, values)
    _right_of(sheet, "总分", 100, step=7)
    _right_of(sheet, "总分", "优", step=8)


def _fill_target(sheet: Any) -> None:
    sheet["A2"] = "（2024年度）"
    _right_of(sheet, "项目名称", "社区居家养老服务")
    _right_of(sheet, "主管部门及代码", "[101]某县民政局")
    _right_of(sheet, "实施单位", "某县养老服务中心")
    _right_of(sheet, "项目属性", "延续项目")
    _right_of(sheet, "项目期", "2024年-2026年")
    _right_of(sheet, "中期资金总额：", 360)
    _right_of(sheet, "年度资金总额：", 120)
    _right_of(sheet, "其中：财政拨款", 330)
    _right_of(sheet, "其中：财政拨款", 110, nth=2)
    _right_of(sheet, "其他资金", 30)
    _right_of(sheet, "其他资金", 10, nth=2)
    _below(sheet, "中期目标", "三年累计为3600人次以上老年人提供居家养老服务，服务合格率不低于95%。")
    _below(sheet, "年度目标", "为全县1200名以上老年人提供居家养老服务，服务合格率不低于95%。")
    _fill_indicators(sheet, lambda row, col: sheet.cell(row, col + 1, "≥90%"))


def _fill_target_dept(sheet: Any) -> None:
    sheet["A2"] = "（2024年度）"
    _right_of(sheet, "部门（单位）名称", "某县教育局")
    first, _ = _find(sheet, "总额")
    tasks = (
        ("义务教育公用经费", 1260, 1260, 0),
        ("学生资助", 480, 450, 30),
        ("教师培训", 120, 100, 20),
    )
    for row, (name, total, fiscal, other) in enumerate(tasks, start=first + 1):
        for col, value in zip((2, 3, 5, 6, 7), (name, f"完成{name}年度任务", total, fiscal, other),
                              strict=True):  # fmt: skip
            sheet.cell(row, col, value)
    _amounts(sheet, "金额合计", (None, None, 1860, 1810, 50))
    _right_of(
        sheet,
        "年度总体目标",
        "拨付42所义务教育学校公用经费；资助家庭经济困难学生3200名；完成教师培训1500人次。",
    )
    _fill_indicators(sheet, lambda row, col: sheet.cell(row, 7, "≥90%"))


@pytest.mark.parametrize(
    ("kind", "fill"),
    [("selfeval_project", _fill_selfeval), ("target_project", _fill_target),
     ("target_dept", _fill_target_dept)],
)  # fmt: skip
def test_a_template_filled_in_correctly_has_no_findings(tmp_path, kind, fill):
    path = _write_filled(tmp_path, kind, fill)
    result = check_file(str(path), path.name, Settings())
    assert result.internal_error is None
    assert [form.kind for form in result.forms] == [kind]
    assert [(f.code, f.cell, f.message) for f in result.findings] == []


# --- the command ------------------------------------------------------------------------------


def test_cli_writes_the_template_and_refuses_to_overwrite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["template", "selfeval_project"])
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "项目支出绩效自评表.xlsx"
    assert _snapshot(written) == _snapshot(TEMPLATES / written.name)
    assert "项目支出绩效自评表" in result.stdout
    written.write_bytes(b"mine")
    result = runner.invoke(app, ["template", "selfeval_project"])
    assert result.exit_code == 2 and "文件已存在" in result.stderr and "--force" in result.stderr
    assert written.read_bytes() == b"mine"
    result = runner.invoke(app, ["template", "selfeval_project", "--force"])
    assert result.exit_code == 0 and written.read_bytes() != b"mine"


def test_cli_output_option_names_a_file_or_a_folder(tmp_path):
    out = tmp_path / "new" / "目标表.xlsx"
    assert runner.invoke(app, ["template", "target_project", "-o", str(out)]).exit_code == 0
    assert recognise(read_workbook(out))[0].kind == "target_project"
    folder = tmp_path / "new"
    result = runner.invoke(app, ["template", "部门整体支出绩效目标表", "--output", str(folder)])
    assert result.exit_code == 0 and (folder / "部门整体支出绩效目标申报表.xlsx").is_file()
    result = runner.invoke(app, ["template", "target_dept", "-o", str(tmp_path / "x.xls")])
    assert result.exit_code == 2 and ".xlsx" in result.stderr


def test_cli_unknown_kind_is_exit_2_listing_the_kinds():
    result = runner.invoke(app, ["template", "budget_table"])
    assert result.exit_code == 2
    assert all(kind in result.stderr for kind in KINDS)
    with pytest.raises(TemplateError):
        layout_for("budget_table")


def test_every_layout_has_a_template_kind_the_registry_knows():
    from perfcli.forms import LOCATORS

    assert set(LAYOUTS) <= set(LOCATORS)
    assert file_name("项目支出绩效自评表") == "项目支出绩效自评表.xlsx"
