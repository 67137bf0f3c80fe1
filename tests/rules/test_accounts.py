"""R001–R009: reconciliation with the final accounts (决算), each rule failing and passing, through
the whole pipeline (files checked, grouped into submissions, the submission rules run)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from accounts_builders import (
    CIVIL,
    EDUCATION,
    accounts_file,
    accounts_rows,
    accounts_table,
    dept_table,
    find_row,
    package,
    project_table,
    r_codes,
    r_findings,
    reconcile_run,
    run,
)
from gridbook import write_workbook

import perfcli
from perfcli.profile import NATIONAL
from perfcli.reconcile.reconcile import reconcile_submission


@pytest.fixture
def clean(tmp_path):
    files, extra = package(tmp_path / "教育局")
    more, extra2 = package(tmp_path / "民政局", CIVIL)
    return files + more, extra + extra2, accounts_rows([EDUCATION, CIVIL])


def test_clean_packages_reconcile_with_no_r_finding(tmp_path, clean):
    report = run(tmp_path, *clean)
    assert r_findings(report) == []
    recs = [reconcile_submission(s) for s in report.submissions]
    assert [(len(r.pairs), r.self_only, r.accounts_only) for r in recs if r] == [
        (4, [], []),
        (3, [], []),
    ]
    assert all(r is not None and r.self_executed == r.accounts_executed for r in recs)


# --- R001 ---------------------------------------------------------------------------------------


def test_R001_project_with_expenditure_and_no_table(tmp_path):
    files, extra = package(tmp_path / "教育局", skip={"学前教育幼儿资助"})
    report = run(tmp_path, files, extra, accounts_rows([EDUCATION]))
    (f,) = r_findings(report)
    assert (f.code, f.file, f.sheet, f.cell) == (
        "R001",
        str(tmp_path / "决算.xlsx"),
        "项目支出决算明细",
        "C11",
    )
    assert f.form_kind == "accounts" and f.severity == "error"
    assert f.message == ("决算中的项目“学前教育幼儿资助”（51000023R000000000104）本年支出 663,000.00元，"
                         f"但示例县教育局_2023（{tmp_path / '教育局'}）的自评材料中没有它的项目支出绩效自评表")  # fmt: skip


def test_R001_names_the_closest_table(tmp_path):
    names = {"学前教育幼儿资助": "学前教育资助补贴项目"}
    files, extra = package(tmp_path / "教育局", names=names)
    report = run(tmp_path, files, extra, accounts_rows([EDUCATION]))
    assert r_codes(report) == [("R001", "C11"), ("R002", "B3")]
    r001 = next(f for f in r_findings(report) if f.code == "R001")
    assert "名称最接近的自评表是“学前教育资助补贴项目”" in r001.message


def test_R001_passes_without_expenditure_or_outside_a_package(tmp_path):
    rows = accounts_rows([EDUCATION])
    find_row(rows, "学前教育幼儿资助")[5:8] = [D(0), D(0), D(0)]
    files, extra = package(tmp_path / "教育局", skip={"学前教育幼儿资助"})
    assert r_codes(run(tmp_path, files, extra, rows)) == []
    files, _ = package(tmp_path / "单表", skip={"学前教育幼儿资助"}, with_dept=False)
    assert r_codes(run(tmp_path, files, [], accounts_rows([EDUCATION]), "b.xlsx")) == []


# --- R002 ---------------------------------------------------------------------------------------


def test_R002_self_evaluated_project_not_in_the_accounts(tmp_path, clean):
    files, extra, rows = clean
    rows = [r for r in rows if r[2] != "临时救助资金"]
    report = run(tmp_path, files, extra, rows)
    (f,) = r_findings(report)
    assert (f.code, f.cell, f.severity) == ("R002", "B3", "warning")
    assert f.file.endswith("民政局/项目2.xlsx") and f.project == "临时救助资金"
    assert f.message == "自评项目“临时救助资金”在决算中找不到（按项目编码、名称均未匹配）"


def test_a_department_not_in_the_accounts_is_silent(tmp_path):
    files, extra = package(tmp_path / "民政局", CIVIL)
    report = run(tmp_path, files, extra, accounts_rows([EDUCATION]))
    assert r_codes(report) == []
    assert [reconcile_submission(s) for s in report.submissions] == [None]


def test_accounts_without_departments_apply_to_everyone(tmp_path):
    files, extra = package(tmp_path / "教育局")
    rows = [["项目名称", "调整后预算数", "本年支出"]] + [[p.name, float(p.budget), float(p.executed)]
                                                         for p in EDUCATION.projects[:3]]  # fmt: skip
    acc = write_workbook(tmp_path / "决算.xlsx", [["单位：万元"], *rows])
    report = reconcile_run(files, [acc], extra=extra)
    assert r_codes(report) == [("R002", "B3")]  # 学前教育幼儿资助 is not in this file


def test_another_years_accounts_are_not_used(tmp_path):
    files, extra = package(tmp_path / "教育局")
    rows = accounts_rows([EDUCATION])[:-1]
    sheets, kw = accounts_table(rows)
    sheets["项目支出决算明细"][0] = ["2022年度部门决算项目支出明细表"]
    acc = write_workbook(tmp_path / "决算2022.xlsx", sheets, **kw)
    assert r_codes(reconcile_run(files, [acc], extra=extra)) == []


# --- R003 / R005 --------------------------------------------------------------------------------


def test_R003_spending_differs_from_the_accounts(tmp_path, clean):
    files, extra, rows = clean
    row = find_row(rows, "义务教育学校运转保障经费")
    row[5], row[6] = D("880.00"), D("830.75")  # 其他资金 49.25 … the 决算 says 886.50 in the table
    report = run(tmp_path, files, extra, rows)
    (f,) = r_findings(report)
    assert (f.code, f.cell, f.file) == ("R003", "E6", str(tmp_path / "教育局" / "项目1.xlsx"))
    assert f.expected == "880.00万元" and f.actual == "886.50万元"
    assert (
        "全年执行数 886.50万元 与决算本年支出 880.00万元（决算表中为 8,800,000.00元） 不一致，相差 6.50万元"
        in f.message
    )
    assert "项目支出决算明细!F8" in f.message and "可能原因" in f.message


def test_R003_names_other_funds_left_out(tmp_path):
    p = EDUCATION.projects[0]
    form = project_table(p, EDUCATION.name)
    form.put("E6", float(p.fiscal_executed)).put("E9", 0).put("G6", "93.03%").put("H6", 9.3).put(
        "H20", 99.3
    )
    path = write_workbook(tmp_path / "a" / "项目.xlsx", form.sheets(), merges=form.merge_map())
    report = reconcile_run(
        [path], [accounts_file(tmp_path / "决算.xlsx", accounts_rows([EDUCATION]))]
    )
    (f,) = r_findings(report)
    assert f.code == "R003" and "只填了财政拨款支出，其他资金支出未计入" in f.message


def test_R003_passes_within_the_amount_tolerance(tmp_path, clean):
    files, extra, rows = clean
    find_row(rows, "义务教育学校运转保障经费")[5] = D("886.5050")  # 50 元 ≤ 0.01 万元
    assert r_codes(run(tmp_path, files, extra, rows)) == []


def test_R005_factor_of_ten_thousand_is_a_unit_error_not_a_mismatch(tmp_path, clean):
    files, extra, rows = clean
    find_row(rows, "高龄老人补贴")[5] = 126.0  # 万元 typed into the 元 table
    report = run(tmp_path, files, extra, rows)
    (f,) = r_findings(report)
    assert (f.code, f.cell, f.severity) == ("R005", "E6", "error")
    assert f.message.startswith(
        "全年执行数 126.00万元 与决算 0.0126万元（决算表中为 126.00元） 相差约 1 万倍"
    )


def test_R005_on_a_table_filled_in_yuan_under_a_wan_label(tmp_path):
    p = EDUCATION.projects[1]
    form = project_table(p, EDUCATION.name)
    for cell in ("C6", "D6", "E6", "C7", "D7", "E7"):
        form.put(cell, form.get(cell) * 10000)
    path = write_workbook(tmp_path / "a" / "项目.xlsx", form.sheets(), merges=form.merge_map())
    report = reconcile_run(
        [path], [accounts_file(tmp_path / "决算.xlsx", accounts_rows([EDUCATION]))]
    )
    (f,) = r_findings(report)
    assert f.code == "R005" and f.message.startswith(
        "全年执行数、全年预算数、年初预算数 2987600.00万元"
    )


@pytest.mark.parametrize("unit", ["万元", "元"])
def test_wan_and_yuan_files_reconcile(tmp_path, unit):
    files, extra = package(tmp_path / "教育局", unit=unit)
    rows = [["金额单位：万元"], ["单位名称", "项目名称", "调整后预算数", "本年支出", "年初预算数"]]
    rows += [[EDUCATION.name, p.name, float(p.budget), float(p.executed), float(p.initial)]
             for p in EDUCATION.projects]  # fmt: skip
    acc = write_workbook(tmp_path / "决算万元.xlsx", rows)
    assert r_codes(reconcile_run(files, [acc], extra=extra)) == []


# --- R004 ---------------------------------------------------------------------------------------


def test_R004_budget_and_initial_differ(tmp_path, clean):
    files, extra, rows = clean
    row = find_row(rows, "教师培训（国培计划）配套资金")
    row[3], row[4] = D("44.00"), D("41.00")
    report = run(tmp_path, files, extra, rows)
    found = sorted((f.code, f.cell, f.severity) for f in r_findings(report))
    assert found == [("R004", "C6", "warning"), ("R004", "D6", "warning")]
    messages = sorted(f.message for f in r_findings(report))
    assert messages[0].startswith("全年预算数 40.00万元 与决算调整后预算数 41.00万元")
    assert messages[1].startswith("年初预算数 45.00万元 与决算年初批复数 44.00万元")


def test_R004_passes_when_budgets_agree(tmp_path, clean):
    assert [c for c, _ in r_codes(run(tmp_path, *clean))] == []


# --- R006 ---------------------------------------------------------------------------------------


def test_R006_split_by_source_differs(tmp_path, clean):
    files, extra, rows = clean
    row = find_row(rows, "义务教育学校运转保障经费")
    row[6], row[7] = row[5], D("0.00")
    report = run(tmp_path, files, extra, rows)
    (f,) = r_findings(report)
    assert (f.code, f.cell, f.severity) == ("R006", "E7", "warning")
    assert f.message == ("资金来源拆分与决算不一致：自评表财政拨款 837.25万元、其他资金 49.25万元；"
                         "决算财政拨款支出 886.50万元、其他资金支出 0.00万元"
                         f"（决算 {tmp_path / '决算.xlsx'} 项目支出决算明细!G8）")  # fmt: skip


def test_R006_carried_over_money_may_belong_to_either_side(tmp_path):
    p = EDUCATION.projects[0]
    form = project_table(p, EDUCATION.name, carry=D("37.25"))  # 上年结转 is carried-over 财政拨款
    path = write_workbook(tmp_path / "a" / "项目.xlsx", form.sheets(), merges=form.merge_map())
    report = reconcile_run(
        [path], [accounts_file(tmp_path / "决算.xlsx", accounts_rows([EDUCATION]))]
    )
    assert r_codes(report) == []


# --- R007 ---------------------------------------------------------------------------------------


def test_R007_department_total_differs(tmp_path):
    files, _ = package(tmp_path / "教育局", with_dept=False)
    extra = [
        (str(tmp_path / "教育局" / "部门整体.xlsx"), dept_table(EDUCATION, executed=D("3600.00")))
    ]
    report = run(tmp_path, files, extra, accounts_rows([EDUCATION]))
    (f,) = r_findings(report)
    assert (f.code, f.file, f.cell, f.form_kind) == ("R007", extra[0][0], "E6", "selfeval_dept")
    assert f.message.startswith(
        "部门整体自评表的全年执行数 3600.00万元 与决算本部门合计 3641.36万元（决算表中为 36,413,600.00元）"
    )


def test_R007_passes_when_totals_agree(tmp_path):
    files, extra = package(tmp_path / "教育局")
    report = run(tmp_path, files, extra, accounts_rows([EDUCATION]))
    rec = reconcile_submission(report.submissions[0])
    assert [(c.field, c.status) for _, c in rec.totals] == [
        ("total", "ok"),
        ("basic", "ok"),
        ("project", "ok"),
    ]
    assert r_codes(report) == []


def test_accounts_with_only_department_totals_judge_only_the_totals(tmp_path):
    files, extra = package(tmp_path / "教育局")
    rows = [r for r in accounts_rows([EDUCATION]) if r[1] is None]  # 合计 / 基本支出 / 项目支出
    report = run(tmp_path, files, extra, rows)
    assert r_codes(report) == []
    rec = reconcile_submission(report.submissions[0])
    assert rec.pairs == [] and rec.self_only == [] and len(rec.totals) == 3


# --- R008 and matching --------------------------------------------------------------------------


def test_R008_matched_by_normalised_name(tmp_path, clean):
    files, extra, rows = clean
    row = find_row(rows, "城乡居民最低生活保障")
    row[1], row[2] = None, "城乡居民最低生活保障资金"
    report = run(tmp_path, files, extra, rows)
    (f,) = r_findings(report)
    assert (f.code, f.cell, f.severity) == ("R008", "B3", "info")
    assert f.message == ("自评项目“城乡居民最低生活保障”按规范化后的名称与决算项目“城乡居民最低生活保障资金”"
                         "对应（未按项目编码），请确认是同一项目")  # fmt: skip


def test_R008_matched_by_a_close_name(tmp_path):
    files, extra = package(tmp_path / "民政局", CIVIL, names={"高龄老人补贴": "高龄老年人补贴"})
    report = run(tmp_path, files, extra, accounts_rows([CIVIL]))
    (f,) = r_findings(report)
    assert (f.code, f.file, f.cell) == ("R008", str(tmp_path / "民政局" / "项目3.xlsx"), "B3")
    assert (
        "按相近名称（相似度 92%）与决算项目“高龄老人补贴”（51000023R000000000203）对应" in f.message
    )


def test_R008_passes_on_a_code_match(tmp_path):
    names = {"高龄老人补贴": "51000023R000000000203-高龄老年人补贴"}
    files, extra = package(tmp_path / "民政局", CIVIL, names=names)
    assert r_codes(run(tmp_path, files, extra, accounts_rows([CIVIL]))) == []


# --- R009 through a check run -------------------------------------------------------------------


def test_R009_reported_on_the_accounts_file(tmp_path, clean):
    files, extra, rows = clean
    find_row(rows, "临时救助资金")[5] = "约71万"
    report = run(tmp_path, files, extra, rows)
    assert r_codes(report) == [("R009", "F16")]


# --- the library API ----------------------------------------------------------------------------


def test_perfcli_reconcile_returns_the_reconciliations(tmp_path, clean):
    _files, _extra, rows = clean
    acc = accounts_file(tmp_path / "决算.xlsx", rows)
    recs = perfcli.reconcile([tmp_path / "教育局", tmp_path / "民政局"], accounts=[acc])
    assert [(r.department, len(r.pairs)) for r in recs] == [
        ("示例县教育局", 4),
        ("示例县民政局", 3),
    ]
    assert recs[0].to_dict()["matched"][0]["figures"]["executed"] == {
        "self": "8865000.00", "accounts": "8865000.00", "status": "ok"}  # fmt: skip
    report = perfcli.check([tmp_path / "教育局"], accounts=[acc])
    assert [f.code for f in report.findings if f.code.startswith("R")] == []
    assert perfcli.reconcile(tmp_path / "教育局", accounts=acc, profile="national")[0].year == 2023
    assert NATIONAL.amount_tolerance == D("0.01")


def test_R003_tolerance_comes_from_the_profile(tmp_path, clean):
    from dataclasses import replace

    files, extra, rows = clean
    find_row(rows, "义务教育学校运转保障经费")[5] = D("886.55")  # 500 元 apart
    acc = accounts_file(tmp_path / "决算.xlsx", rows)
    assert r_codes(reconcile_run(files, [acc], extra=extra)) == [("R003", "E6")]
    loose = replace(NATIONAL, name="loose", amount_tolerance=D("0.1"))
    assert r_codes(reconcile_run(files, [acc], extra=extra, profile=loose)) == []
