"""The console's reconciliation table: per department, matched / mismatched / missing on either side,
totals on both sides; nothing when no submission has accounts."""

from __future__ import annotations

import io
from decimal import Decimal as D

from accounts_builders import (
    EDUCATION,
    accounts_rows,
    accounts_table,
    dept_table,
    project_table,
    reconcile_run,
)
from gridbook import write_workbook
from rich.console import Console

from perfcli.report.text import render


def _text(report, lang="zh") -> str:
    buf = io.StringIO()
    render(report, Console(file=buf, width=160, no_color=True), lang=lang)
    return buf.getvalue()


def _package(tmp_path):
    files = []
    for i, p in enumerate(EDUCATION.projects[:3]):
        form = project_table(p, EDUCATION.name)
        files.append(
            write_workbook(
                tmp_path / "教育局" / f"项目{i}.xlsx", form.sheets(), merges=form.merge_map()
            )
        )
    extra = [
        (str(tmp_path / "教育局" / "部门整体.xlsx"), dept_table(EDUCATION, executed=D("3600")))
    ]
    return files, extra


def test_the_table_lists_matched_mismatched_missing_and_totals(tmp_path):
    files, extra = _package(tmp_path)
    rows = accounts_rows([EDUCATION])
    next(r for r in rows if r[2] == "农村学生营养改善计划")[5] = D("300.00")
    sheets, kw = accounts_table(rows)
    report = reconcile_run(
        files, [write_workbook(tmp_path / "决算.xlsx", sheets, **kw)], extra=extra
    )
    out = _text(report)
    assert "决算对账：示例县教育局 2023（决算：决算.xlsx；金额单位：万元）" in out
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    assert lines["义务教育学校运转保障经费"] == ["886.50", "886.50", "0.00", "一致"]
    assert lines["农村学生营养改善计划"] == ["298.76", "300.00", "-1.24", "有差额", "R003"]
    assert lines["学前教育幼儿资助"] == ["—", "66.30", "未自评", "R001"]
    assert lines["项目合计"] == ["1,224.46", "1,292.00", "-67.54"]
    (dept_line,) = [line.split() for line in out.splitlines() if "部门整体 全年执行数" in line]
    assert dept_line[2:] == ["3,600.00", "3,641.36", "-41.36", "有差额", "R007"]
    assert "匹配 3 个（其中不一致 1 个），仅自评 0 个，仅决算 1 个" in out
    english = _text(report, "en")
    assert (
        "Reconciliation with the final accounts: 示例县教育局 2023 (accounts: 决算.xlsx" in english
    )
    assert "3 matched (1 differ), 0 only self-evaluated, 1 only in the accounts" in english


def test_no_table_without_accounts(tmp_path):
    files, extra = _package(tmp_path)
    assert "决算对账" not in _text(reconcile_run(files, extra=extra))


def test_a_shared_accounts_row_carries_only_its_own_submissions_findings(tmp_path):
    """Two packages of one department share the 决算: the one that lacks 学前教育幼儿资助 gets R001
    on that row; the complete one's table shows the same row as matched, without the code."""
    complete, extra = _package(tmp_path)
    fourth = project_table(EDUCATION.projects[3], EDUCATION.name)
    complete.append(
        write_workbook(
            tmp_path / "教育局" / "项目3.xlsx", fourth.sheets(), merges=fourth.merge_map()
        )
    )
    partial = []
    for i, p in enumerate(EDUCATION.projects[:3]):
        form = project_table(p, EDUCATION.name)
        partial.append(
            write_workbook(
                tmp_path / "有误" / f"项目{i}.xlsx", form.sheets(), merges=form.merge_map()
            )
        )
    extra.append((str(tmp_path / "有误" / "部门整体.xlsx"), extra[0][1]))
    sheets, kw = accounts_table(accounts_rows([EDUCATION]))
    accounts = write_workbook(tmp_path / "决算.xlsx", sheets, **kw)
    report = reconcile_run(complete + partial, [accounts], extra=extra)
    r001 = [f for f in report.findings if f.code == "R001"]
    assert len(r001) == 1 and "有误" in r001[0].message
    tables = _text(report).split("决算对账：")[1:]
    assert len(tables) == 2
    rows = [
        [ln.split() for ln in t.splitlines() if ln.startswith(" 学前教育幼儿资助")] for t in tables
    ]
    assert sorted(r[0][1:] for r in rows) == [
        ["66.30", "66.30", "0.00", "一致"],
        ["—", "66.30", "未自评", "R001"],
    ]
    # The clerk's 汇总.xlsx counts them the same way: both have the department table's R007
    # (3,600 against 3,641.36), only the partial one the R001.
    from perfcli.report.feedback import _reconciliation

    counts = sorted(_reconciliation(sub, report.findings) for sub in report.submissions)
    assert counts == [(True, 1), (True, 2)]


def test_a_waived_finding_leaves_the_table_too(tmp_path):
    """A waiver takes R003 out of the findings; the table's row no longer names it either."""
    from datetime import date

    from perfcli.waivers import Waiver, apply_waivers

    files, extra = _package(tmp_path)
    rows = accounts_rows([EDUCATION])
    next(r for r in rows if r[2] == "农村学生营养改善计划")[5] = D("300.00")
    sheets, kw = accounts_table(rows)
    report = reconcile_run(
        files, [write_workbook(tmp_path / "决算.xlsx", sheets, **kw)], extra=extra
    )
    waiver = Waiver(1, "R003", "已说明", "张三", date(2099, 1, 1), file="**")
    waived = apply_waivers(report, [waiver], "waivers.toml")
    assert not [f for f in waived.findings if f.code == "R003"]

    def row(text: str) -> list[str]:
        return next(
            ln.split()[1:] for ln in text.splitlines() if ln.split()[:1] == ["农村学生营养改善计划"]
        )

    assert row(_text(report)) == ["298.76", "300.00", "-1.24", "有差额", "R003"]
    assert row(_text(waived)) == ["298.76", "300.00", "-1.24", "有差额"]


def test_the_table_judges_with_the_runs_profile(tmp_path):
    """A region that tolerates 2 万元: the R rules are silent on a 1.24 万元 difference, and the
    table says 一致 with them (it used to judge with the national 0.01 万元)."""
    from dataclasses import replace

    from perfcli.profile import NATIONAL

    files, extra = _package(tmp_path)
    rows = accounts_rows([EDUCATION])
    next(r for r in rows if r[2] == "农村学生营养改善计划")[5] = D("300.00")
    sheets, kw = accounts_table(rows)
    lenient = replace(NATIONAL, amount_tolerance=D("2"))
    accounts = [write_workbook(tmp_path / "决算.xlsx", sheets, **kw)]
    report = reconcile_run(files, accounts, extra=extra, profile=lenient)
    assert "R003" not in {f.code for f in report.findings}
    lines = {ln.split()[0]: ln.split()[1:] for ln in _text(report).splitlines() if ln.strip()}
    assert lines["农村学生营养改善计划"] == ["298.76", "300.00", "-1.24", "一致"]
