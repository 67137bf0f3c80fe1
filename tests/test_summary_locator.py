"""The 项目支出绩效自评情况汇总表 locator and its schema, on the clean builder and its variants."""

from __future__ import annotations

from decimal import Decimal

import pytest
from layouts import FormGrid
from layouts_package import summary_table
from ruletools import check_grid
from sample_data import CIVIL_AFFAIRS, EDUCATION

from perfcli.forms.model_package import SelfEvalSummary
from perfcli.forms.summary import department_in_title

E = None


def summary_of(book, form: FormGrid) -> SelfEvalSummary:
    result = check_grid(book, form)
    assert [f.kind for f in result.forms] == ["selfeval_summary"], result.forms
    model = result.models[0]
    assert isinstance(model, SelfEvalSummary)
    return model


@pytest.mark.parametrize("department", [EDUCATION, CIVIL_AFFAIRS])
def test_clean_summary_is_read_with_every_cell(book, department):
    form = summary_table(department)
    result = check_grid(book, form)
    assert result.findings == []
    s = result.models[0]
    assert (s.department.text, s.year, s.unit) == (department.name, 2023, "万元")
    assert [r.project_code for r in s.rows] == [p.code for p in department.projects]
    assert [r.project_name for r in s.rows] == [p.name for p in department.projects]
    first = s.rows[0]
    assert (first.executed.address, first.executed.number.value) == (
        "G5", department.projects[0].executed,
    )  # fmt: skip
    assert s.total is not None and s.total.label.text == "合计"
    assert s.total.budget.number.value == sum(p.budget for p in department.projects)
    assert s.issues == []


def test_two_row_header_under_a_group_label(book):
    rows = [
        ["2023年度示例县教育局项目支出绩效自评情况汇总表", E, E, E, E, E, E, E],
        ["序号", "项目名称", "资金情况（万元）", E, E, "预算执行率", "得分", "等级"],
        [E, E, "年初预算", "调整后预算数", "预算执行数", E, E, E],
        [1, "义务教育学校运转保障经费", 860, 900, 886.5, "98.50%", 99.85, "优"],
        [2, "农村学生营养改善计划", 312.4, 312.4, 298.76, "95.63%", 99.56, "优"],
        ["合计", E, 1172.4, 1212.4, 1185.26, "97.76%", E, E],
        ["注：执行率 = 执行数 ÷ 调整后预算数。", E, E, E, E, E, E, E],
    ]  # fmt: skip
    s = summary_of(book, FormGrid(rows, ["A1:H1", "C2:E2", "A2:A3", "B2:B3"]))
    assert set(s.columns) == {
        "seq",
        "name",
        "initial",
        "budget",
        "executed",
        "rate",
        "score",
        "grade",
    }
    assert s.header_row == 2 and s.header_label("budget") == "调整后预算数"
    assert [r.project_name for r in s.rows] == ["义务教育学校运转保障经费", "农村学生营养改善计划"]
    assert s.total.executed.number.value == Decimal("1185.26")
    assert (s.department.text, s.year) == ("示例县教育局", 2023)


def test_blank_template_rows_and_notes_are_not_projects(book):
    form = summary_table(EDUCATION)
    form.rows.insert(8, [5, E, E, E, E, E, E, E, E, E])  # a numbered row never filled
    form.merges = ["A1:J1", "A2:J2"]
    s = summary_of(book, form)
    assert len(s.rows) == 4 and s.total is not None


def test_amounts_in_yuan(book):
    form = summary_table(EDUCATION)
    form.put("H3", "金额单位：元")
    assert summary_of(book, form).unit == "元"


def test_department_from_a_label_cell(book):
    form = summary_table(EDUCATION)
    form.put("A3", "部门名称").put("B3", "示例县教育局")
    form.merges = ["A1:J1", "A2:J2"]
    assert summary_of(book, form).department.address == "B3"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("示例县教育局2023年度项目支出绩效自评情况汇总表", "示例县教育局"),
        ("示例县民政局（2023年度）项目绩效自评汇总表", "示例县民政局"),
        ("项目支出绩效自评情况汇总表", ""),
        ("2023年度项目支出绩效自评情况汇总表", ""),
        ("2023年度示例县教育局项目支出绩效自评情况汇总表", "示例县教育局"),
    ],
)
def test_department_in_title(title, name):
    assert department_in_title(title) == name


def test_untitled_summary_is_recognised_by_its_columns(book):
    form = summary_table(EDUCATION)
    form.rows = form.rows[3:]
    form.merges = []
    s = summary_of(book, form)
    assert len(s.rows) == 4 and s.title is None


def test_a_summary_title_without_a_header_row_is_unparsed(book):
    rows = [
        ["项目支出绩效自评情况汇总表"],
        ["项目名称", "全年预算数", "自评得分"],
        ["说明：无项目"],
    ]
    result = check_grid(book, FormGrid(rows))
    assert result.forms[0].kind == "selfeval_summary"


def test_schema_missing_required_column(book):
    form = summary_table(EDUCATION)
    for r in range(4, 10):
        form.put(f"I{r}", None)
    s = summary_of(book, form)
    assert [(i.code, dict(i.values)["block"]) for i in s.issues] == [("S002", "自评得分")]
    assert s.issues[0].at.address == "A4"


def test_schema_non_numeric_amount(book):
    form = summary_table(EDUCATION)
    form.put("G6", "约300万").put("H7", "见附件")
    s = summary_of(book, form)
    assert [(i.code, i.at.address) for i in s.issues] == [("W004", "G6"), ("W004", "H7")]
    assert dict(s.issues[0].values)["field"] == "农村学生营养改善计划·全年执行数"


def test_schema_total_amounts_are_checked_but_not_its_score(book):
    form = summary_table(EDUCATION)
    form.put("F9", "一千三百万").put("I9", "平均")
    s = summary_of(book, form)
    assert [(i.code, i.at.address) for i in s.issues] == [("W004", "F9")]


def test_schema_duplicate_code(book):
    form = summary_table(EDUCATION)
    form.put("B7", "51000023R000000000101 ")
    s = summary_of(book, form)
    assert [(i.code, i.variant, i.at.address) for i in s.issues] == [("X004", "duplicate", "B7")]
    assert dict(s.issues[0].values)["first"] == "B5"


def test_placeholders_are_not_bad_numbers(book):
    form = summary_table(EDUCATION)
    form.put("E6", "—").put("E7", "/")
    assert summary_of(book, form).issues == []


def test_forms_view_shows_the_rows_with_their_cells(book):
    from rich.console import Console

    from perfcli.report.forms_view import show_forms

    form = summary_table(EDUCATION)
    form.put("G6", "约300万")
    path = book(form.sheets(), merges=form.merge_map())
    console = Console(record=True, width=240)
    assert show_forms(path, console=console) == 1
    text = console.export_text()
    assert "部门名称  示例县教育局" in text and "全年执行数 G4" in text
    assert "项目 4 行，合计行：有" in text and "不是数字 G6 约300万" in text
