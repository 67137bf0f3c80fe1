"""Reconciliation: matching (codes embedded in names, full-width brackets), accounts found in a
submission's folder, .xls/.ods accounts, one sheet per department, the department table read from
its workbook (R007)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from accounts_builders import (
    CIVIL,
    EDUCATION,
    accounts_file,
    accounts_rows,
    accounts_table,
    find_row,
    package,
    project_table,
    r_codes,
    r_findings,
    reconcile_run,
    run,
)
from gridbook import write_workbook

from perfcli.reconcile.reconcile import reconcile_submission


def test_matching_by_code_embedded_in_names(tmp_path):
    names = {p.name: f"{p.code}-{p.name}（追加）" for p in EDUCATION.projects}
    files, extra = package(tmp_path / "教育局", names=names)
    report = run(tmp_path, files, extra, accounts_rows([EDUCATION]))
    assert r_codes(report) == []
    rec = reconcile_submission(report.submissions[0])
    assert {p.how for p in rec.pairs} == {"code"}


def test_matching_a_code_embedded_in_the_accounts_name(tmp_path):
    form = project_table(EDUCATION.projects[1], EDUCATION.name)
    form.put("B3", "51000021R000000019951-工资性支出")
    path = write_workbook(tmp_path / "a" / "项目.xlsx", form.sheets(), merges=form.merge_map())
    p = EDUCATION.projects[1]
    rows = [["部门名称", "项目名称", "调整后预算数", "本年支出", "年初预算数"],
            [EDUCATION.name, "[51000021R000000019951]工资性支出", float(p.budget), float(p.executed), float(p.initial)]]  # fmt: skip
    report = reconcile_run([path], [write_workbook(tmp_path / "决算.xlsx", rows)])
    assert r_codes(report) == []
    assert reconcile_submission(report.submissions[0]).pairs[0].how == "code"


def test_matching_names_with_full_width_brackets(tmp_path):
    names = {"教师培训（国培计划）配套资金": "教师培训(国培计划)配套资金"}
    files, extra = package(tmp_path / "教育局", names=names)
    rows = accounts_rows([EDUCATION])
    for row in rows:
        row[1] = None  # no codes: names only
    report = run(tmp_path, files, extra, rows)
    assert r_codes(report) == []
    rec = reconcile_submission(report.submissions[0])
    assert {p.how for p in rec.pairs} == {"name"}


# --- accounts met while walking a folder, other formats ------------------------------------------


def test_accounts_in_the_submission_folder_are_used(tmp_path):
    files, extra = package(tmp_path / "教育局", skip={"学前教育幼儿资助"})
    acc = accounts_file(tmp_path / "教育局" / "决算.xlsx", accounts_rows([EDUCATION]))
    report = reconcile_run([*files, acc], extra=extra)
    assert r_codes(report) == [("R001", "C11")]
    assert next(f for f in r_findings(report)).file == str(acc)


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_accounts_as_xls_or_ods(tmp_path, fmt):
    files, extra = package(tmp_path / "教育局")
    rows = accounts_rows([EDUCATION])
    find_row(rows, "农村学生营养改善计划")[5] = D("300.00")
    sheets, kw = accounts_table(rows)
    acc = write_workbook(tmp_path / f"决算.{fmt}", sheets, fmt=fmt, **kw)
    assert r_codes(reconcile_run(files, [acc], extra=extra)) == [("R003", "E6")]


def test_one_sheet_per_department(tmp_path):
    files, extra = package(tmp_path / "民政局", CIVIL)
    sheets = {}
    for dept in (EDUCATION, CIVIL):  # no merges: the two-row header is read by position
        sheets[dept.name] = next(iter(accounts_table(accounts_rows([dept]))[0].values()))
    acc = write_workbook(tmp_path / "决算.xlsx", sheets)
    report = reconcile_run(files, [acc], extra=extra)
    assert r_codes(report) == []
    rec = reconcile_submission(report.submissions[0])
    assert {p.entry.accounts.sheet for p in rec.pairs} == {"示例县民政局"}


def _dept_workbook(folder: Path, dept, executed_shift=D(0)) -> Path:
    from layouts_selfeval_dept import central_dept

    sums = [
        sum((getattr(p, k) for p in dept.projects), D(0)) for k in ("initial", "budget", "executed")
    ]
    basic = (dept.basic, dept.basic, dept.basic)
    totals = [b + s for b, s in zip(basic, sums, strict=True)]
    project = (sums[0], sums[1], sums[2] + executed_shift)
    form = central_dept(department=dept.name, initial=totals[0], budget=totals[1],
                        executed=totals[2] + executed_shift, basic=basic, project=project)  # fmt: skip
    return write_workbook(
        folder / "部门整体支出绩效自评表.xlsx", form.sheets(), merges=form.merge_map()
    )


def test_R007_on_the_department_table_read_from_its_workbook(tmp_path):
    files, _ = package(tmp_path / "教育局", with_dept=False)
    acc = accounts_file(tmp_path / "决算.xlsx", accounts_rows([EDUCATION]))
    dept = _dept_workbook(tmp_path / "教育局", EDUCATION)
    assert r_codes(reconcile_run([*files, dept], [acc])) == []
    dept = _dept_workbook(tmp_path / "教育局", EDUCATION, executed_shift=D("-20.00"))
    found = [(f.code, f.file, f.cell) for f in r_findings(reconcile_run([*files, dept], [acc]))]
    assert found == [("R007", str(dept), "E5"), ("R007", str(dept), "E9")]
