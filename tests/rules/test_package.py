"""X003–X008 on whole packages: each test builds a clean package and changes one thing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from gridbook import write_workbook
from layouts import FormGrid
from layouts_package import (
    Paragraphs,
    dept_table,
    exec_score,
    project_table,
    report_paragraphs,
    summary_table,
    write_report,
)
from sample_data import CIVIL_AFFAIRS, EDUCATION

from perfcli.api import run_check
from perfcli.findings import Finding

DEPT = EDUCATION
NUTRITION = "农村学生营养改善计划"


class Package:
    """A clean package of 示例县教育局, editable before it is written."""

    def __init__(self) -> None:
        self.report: Paragraphs | None = report_paragraphs(DEPT)
        self.dept: FormGrid | None = dept_table(DEPT)
        self.summary: FormGrid | None = summary_table(DEPT)
        self.projects: dict[str, FormGrid] = {p.name: project_table(p, DEPT) for p in DEPT.projects}

    def row(self, name: str) -> str:
        """The Excel row number of a project in the summary."""
        assert self.summary is not None
        return self.summary.find(name)[1:]

    def say(self, old: str, new: str) -> Package:
        """Replace text in the report."""
        assert self.report is not None
        assert any(old in t for _, t in self.report), old
        self.report = [(s, t.replace(old, new)) for s, t in self.report]
        return self

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        if self.report is not None:
            write_report(folder / "自评报告.docx", self.report)
        for name, form in (("部门整体支出绩效自评表", self.dept), ("汇总表", self.summary)):
            if form is not None:
                write_workbook(folder / f"{name}.xlsx", form.sheets(), merges=form.merge_map())
        for n, form in enumerate(self.projects.values(), start=1):
            write_workbook(folder / f"项目{n}.xlsx", form.sheets(), merges=form.merge_map())
        return folder


def check(tmp_path: Path, pkg: Package) -> list[Finding]:
    report = run_check([pkg.write(tmp_path / "示例县教育局")])
    assert report.internal_errors == []
    return [f for f in report.findings if f.code != "A006"]  # 年中调整 notes of the sample data


def of(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.code == code]


def one(found: list[Finding], code: str) -> Finding:
    hits = of(found, code)
    assert len(hits) == 1, [(f.code, f.file, f.cell, f.message) for f in found]
    return hits[0]


def test_clean_package_has_no_findings(tmp_path):
    assert [(f.code, f.cell, f.message) for f in check(tmp_path, Package())] == []


def test_clean_package_notes_only_the_budget_adjustments(tmp_path):
    report = run_check([Package().write(tmp_path / "pkg")])
    assert {f.code for f in report.findings} == {"A006"}  # sample_data adjusts 2 budgets
    assert len(report.submissions) == 1 and report.submissions[0].is_package


# --- X003 ----------------------------------------------------------------------------------------


def test_X003_amount_differs_from_the_project_table(tmp_path):
    pkg = Package()
    pkg.summary.put(f"G{pkg.row(NUTRITION)}", 312.4)  # 全年执行数 = 全年预算数
    pkg.summary.put(f"G{int(pkg.row(NUTRITION)) + 3}", 1304.4)  # 合计 kept consistent
    pkg.summary.put(f"H{int(pkg.row(NUTRITION)) + 3}", "98.92%")
    pkg.summary.put(f"H{pkg.row(NUTRITION)}", "100.00%")
    found = check(tmp_path, pkg)
    hits = of(found, "X003")
    assert [f.cell for f in hits] == [f"G{pkg.row(NUTRITION)}", f"H{pkg.row(NUTRITION)}"]
    msg = hits[0].message
    assert "全年执行数为 312.40万元" in msg and "298.76万元" in msg and "项目2.xlsx" in msg
    assert "E6" in msg and hits[0].expected == "298.76万元" and hits[0].actual == "312.40万元"
    assert "95.63%" in hits[1].message


def test_X003_score_and_grade(tmp_path):
    pkg = Package()
    pkg.summary.put(f"I{pkg.row(NUTRITION)}", 89.56).put(f"J{pkg.row(NUTRITION)}", "良")
    found = check(tmp_path, pkg)
    hits = of(found, "X003")
    assert [f.cell for f in hits] == [f"I{pkg.row(NUTRITION)}", f"J{pkg.row(NUTRITION)}"]
    assert "99.56" in hits[0].message and "H20" in hits[0].message
    assert "“良”" in hits[1].message and "“优”" in hits[1].message


def test_X003_compares_at_two_decimals_give_or_take_the_last(tmp_path):
    pkg = Package()
    pkg.summary.put(f"I{pkg.row(NUTRITION)}", 99.57).put(f"H{pkg.row(NUTRITION)}", 0.9564)
    assert of(check(tmp_path, pkg), "X003") == []
    pkg.summary.put(f"H{pkg.row(NUTRITION)}", "95.6%")  # 95.60% is not 95.63% (as A002)
    assert [f.cell for f in of(check(tmp_path / "again", pkg), "X003")] == [
        f"H{pkg.row(NUTRITION)}"
    ]


def test_X003_summary_in_yuan_against_tables_in_wan(tmp_path):
    pkg = Package()
    summary = pkg.summary
    summary.put("H3", "金额单位：元")
    for r in range(5, 10):
        for col in "EFG":
            value = summary.get(f"{col}{r}")
            summary.put(f"{col}{r}", round(value * 10000, 2))
    assert [f.code for f in check(tmp_path, pkg)] == []


def test_X003_matched_by_a_close_name_says_so(tmp_path):
    pkg = Package()
    r = pkg.row(NUTRITION)
    pkg.summary.put(f"B{r}", None).put(f"C{r}", "农村学生营养改善计划项目")
    pkg.summary.put(f"I{r}", 90)
    hit = one(check(tmp_path, pkg), "X003")
    assert "相近的项目名称" in hit.message


# --- X004 ----------------------------------------------------------------------------------------


def test_X004_summary_row_without_project_table(tmp_path):
    pkg = Package()
    del pkg.projects["学前教育幼儿资助"]
    hit = one(check(tmp_path, pkg), "X004")
    assert hit.file.endswith("汇总表.xlsx") and hit.cell == f"C{pkg.row('学前教育幼儿资助')}"
    assert "51000023R000000000104" in hit.message


def test_X004_project_table_without_summary_row(tmp_path):
    pkg = Package()
    pkg.summary.delete_row(int(pkg.row("学前教育幼儿资助")))
    pkg.summary.put("E8", 1217.4).put("F8", 1252.4).put("G8", 1224.46).put("H8", "97.77%")
    found = check(tmp_path, pkg)
    hit = one(found, "X004")
    assert hit.cell == "A8" and "学前教育幼儿资助" in hit.message and "项目4.xlsx" in hit.message
    assert of(found, "X005") == []


def test_X004_duplicate_code(tmp_path):
    pkg = Package()
    pkg.summary.put(f"B{pkg.row(NUTRITION)}", "51000023R000000000101")
    hits = of(check(tmp_path, pkg), "X004")
    assert [h.cell for h in hits] == [f"B{pkg.row(NUTRITION)}"]
    assert "重复" in hits[0].message and "B5" in hits[0].message


def test_X004_not_without_a_package(tmp_path):
    pkg = Package()
    pkg.report = pkg.dept = pkg.summary = None
    assert check(tmp_path, pkg) == []


def test_X004_not_when_no_project_table_at_all(tmp_path):
    pkg = Package()
    pkg.projects = {}
    found = check(tmp_path, pkg)
    assert of(found, "X004") == [] and len(of(found, "X006")) == 1


# --- X005 ----------------------------------------------------------------------------------------


def test_X005_total_differs_from_the_rows(tmp_path):
    pkg = Package()
    pkg.summary.put("F9", 1318.07)
    hit = one(check(tmp_path, pkg), "X005")
    assert hit.cell == "F9" and "1318.07" in hit.message and "1318.70" in hit.message
    assert "单独核对" not in hit.message


def test_X005_total_rate_is_not_the_mean_of_rates(tmp_path):
    pkg = Package()
    pkg.summary.put("H9", "98.03%")
    hit = one(check(tmp_path, pkg), "X005")
    assert hit.cell == "H9" and "97.88%" in hit.message


def test_X005_summary_alone_says_so_and_checks_row_rates(tmp_path):
    pkg = Package()
    pkg.projects = {}
    pkg.summary.put("F9", 1300).put(f"H{pkg.row(NUTRITION)}", "95%")
    hits = of(check(tmp_path, pkg), "X005")
    assert sorted(h.cell for h in hits) == ["F9", f"H{pkg.row(NUTRITION)}"]
    assert all("汇总表单独核对" in h.message for h in hits)


def test_X005_schema_missing_column_and_bad_number(tmp_path):
    pkg = Package()
    for r in range(4, 10):
        pkg.summary.put(f"I{r}", None)  # no 自评得分 column
    pkg.summary.put(f"G{pkg.row(NUTRITION)}", "约300万")
    found = check(tmp_path, pkg)
    s002, w004 = one(found, "S002"), one(found, "W004")
    assert "自评得分" in s002.message and s002.file.endswith("汇总表.xlsx")
    # S002's own summary_column variant, not the wording of a project table's missing block
    assert (
        s002.message.startswith("汇总表中没有“自评得分”栏目")
        and "表中没有资金栏目" not in s002.message
    )
    assert s002.message_en.startswith("The summary has no") and s002.severity == "error"
    assert w004.cell == f"G{pkg.row(NUTRITION)}" and "约300万" in w004.message
    assert of(found, "X005") == []  # no sum over a cell that is not a number


# --- X006 ----------------------------------------------------------------------------------------


def test_X006_missing_report_names_the_folder(tmp_path):
    pkg = Package()
    pkg.report = None
    hit = one(check(tmp_path, pkg), "X006")
    assert hit.file.endswith("示例县教育局") and hit.sheet is None and hit.cell is None
    assert "绩效自评报告" in hit.message and "部门整体支出绩效自评表" in hit.message


def test_X006_lists_every_missing_part(tmp_path):
    pkg = Package()
    pkg.report = pkg.dept = None
    pkg.projects = {}
    hit = one(check(tmp_path, pkg), "X006")
    assert "绩效自评报告、部门整体支出绩效自评表、项目支出绩效自评表" in hit.message


def test_X006_a_pdf_report_is_not_missing(tmp_path):
    pkg = Package()
    pkg.report = None
    folder = pkg.write(tmp_path / "示例县教育局")
    (folder / "2023年度自评报告.pdf").write_bytes(b"%PDF-1.4\n")
    report = run_check([folder])
    assert {f.code for f in report.findings} == {"A006", "E003"}


def test_X006_not_for_project_tables_alone(tmp_path):
    pkg = Package()
    pkg.report = pkg.dept = pkg.summary = None
    assert of(check(tmp_path, pkg), "X006") == []


# --- X007 ----------------------------------------------------------------------------------------


def test_X007_score(tmp_path):
    hit = one(check(tmp_path, Package().say("99.92分", "96分")), "X007")
    assert (hit.file.endswith("自评报告.docx"), hit.sheet, hit.cell, hit.row) == (
        True,
        "正文",
        "第8段",
        8,
    )
    assert "自评得分96分" in hit.message and "99.92" in hit.message and "H26" in hit.message


def test_X007_score_rounded_in_the_report_is_no_finding(tmp_path):
    assert check(tmp_path, Package().say("99.92分", "99.9分")) == []


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("等级为优", "等级为良", "“优”"),
        ("执行率为99.24%", "执行率为98.24%", "99.24%"),
        ("实施项目共4个", "实施项目共5个", "列有 4 个项目"),
        ("全年预算数3669.30万元", "全年预算数3696.30万元", "3669.30万元"),
        ("执行数1290.76万元", "执行数1209.76万元", "1290.76万元"),
    ],
)
def test_X007_other_figures(tmp_path, old, new, needle):
    hit = one(check(tmp_path, Package().say(old, new)), "X007")
    assert needle in hit.message


def test_X007_project_named_in_a_sentence_is_compared_with_its_row(tmp_path):
    pkg = Package()
    pkg.report.append(("body", f"{NUTRITION}执行率为95.63%，自评得分98分。"))
    hit = one(check(tmp_path, pkg), "X007")
    assert "汇总表" in hit.message and "99.56" in hit.message


def test_X007_silent_without_the_tables(tmp_path):
    pkg = Package().say("99.92分", "96分")
    pkg.dept = None
    assert of(check(tmp_path, pkg), "X007") == []


# --- X008 ----------------------------------------------------------------------------------------


def test_X008_missing_sections(tmp_path):
    pkg = Package()
    pkg.report = [(s, t) for s, t in pkg.report if not t.startswith(("五、", "六、"))]
    hit = one(check(tmp_path, pkg), "X008")
    assert hit.cell == "第1段" and hit.sheet == "正文"
    assert "五、存在的问题及原因分析" in hit.message and "六、改进措施及有关建议" in hit.message
    assert "2 个" in hit.message


def test_X008_other_wording_and_numbering_is_fine(tmp_path):
    pkg = Package()
    renamed = {"二、绩效自评工作开展情况": "（二）自评工作组织情况", "五、存在的问题及原因分析": "第五部分 主要问题",
               "六、改进措施及有关建议": "六、下一步工作建议"}  # fmt: skip
    pkg.report = [(s, renamed.get(t, t)) for s, t in pkg.report]
    assert check(tmp_path, pkg) == []


MUTATIONS: dict[str, Callable[[Package], object]] = {
    "X003": lambda p: p.summary.put(f"I{p.row(NUTRITION)}", 80),
    "X004": lambda p: p.projects.pop(NUTRITION),
    "X005": lambda p: p.summary.put("E9", 1),
    "X006": lambda p: setattr(p, "dept", None),
    "X007": lambda p: p.say("等级为优", "等级为差"),
    "X008": lambda p: setattr(p, "report", p.report[:4]),
}


@pytest.mark.parametrize("code", sorted(MUTATIONS))
def test_select_runs_one_rule(tmp_path, code):
    pkg = Package()
    MUTATIONS[code](pkg)
    report = run_check([pkg.write(tmp_path / "p")], select=code)
    assert {f.code for f in report.findings} == {code}


def test_X007_a_project_mentioned_before_a_department_figure_does_not_take_it(tmp_path):
    pkg = Package()
    pkg.report.append(("body", f"资金主要用于{NUTRITION}等项目，部门整体预算执行率为99.24%。"))
    assert of(check(tmp_path, pkg), "X007") == []


def test_X006_message_names_department_and_year(tmp_path):
    pkg = Package()
    pkg.summary = None
    hit = one(check(tmp_path, pkg), "X006")
    assert hit.message.startswith(
        "示例县教育局（2023年度）的自评材料缺少：项目支出绩效自评情况汇总表"
    )


@pytest.mark.parametrize(
    "project", [*EDUCATION.projects, *CIVIL_AFFAIRS.projects], ids=lambda p: p.code[-3:]
)
def test_clean_project_tables_have_no_findings_but_the_adjustment_note(book, project):
    from ruletools import check_grid

    department = EDUCATION if project in EDUCATION.projects else CIVIL_AFFAIRS
    result = check_grid(book, project_table(project, department))
    expected = ["A006"] if project.initial != project.budget else []
    assert [f.code for f in result.findings] == expected
    assert result.forms[0].total_score == float(90 + exec_score(project))


def test_X007_project_rate_is_compared_with_the_summary_total(tmp_path):
    pkg = Package()
    pkg.report.append(("body", "项目资金执行率为97.88%。"))
    assert check(tmp_path, pkg) == []
    pkg.report[-1] = ("body", "项目资金执行率为99.24%。")
    hit = one(check(tmp_path / "again", pkg), "X007")
    assert "汇总表" in hit.message and "97.88%" in hit.message
