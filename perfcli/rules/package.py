"""X003–X008 — the self-evaluation package "一报告三表格" holds together (forms.md §6; rules.md X).

X003–X006 here (the 汇总表 against the project tables, its own totals, completeness); X007/X008
(the 自评报告) in package_report.py. All but X008 are submission rules: ``check(submission, ctx)``
runs once per submission and points each finding at the form it names (``ctx.focus``). The
汇总表's schema failures (summary_schema.py) are reported here too, as the catalogue codes they map
to: S002 (a required column is missing) and W004 (an amount that is not a number) with X005's
check, X004 (a duplicated project code) with X004's.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any

from perfcli.forms.model import Located, SelfEvalProject, number_of
from perfcli.forms.model_package import (
    AMOUNT_COLUMNS,
    SUMMARY_COLUMNS_EN,
    SchemaIssue,
    SelfEvalSummary,
    SummaryRow,
)
from perfcli.rules import _package as pkg
from perfcli.rules.base import Context, Rule, fmt_amount, fmt_decimal, fmt_pct
from perfcli.rules.common import round2, within_2dp
from perfcli.rules.package_report import X007, X008
from perfcli.submissions import Submission

SUMMARY = ("selfeval_summary",)
PACKAGE = ("selfeval_summary", "selfeval_project", "selfeval_dept", "selfeval_report")

X003 = Rule(
    code="X003", name="summary-row-mismatch", severity="error", forms=SUMMARY, scope="submission",
    title="汇总表与项目自评表不一致", title_en="Summary row disagrees with its project table",
    messages={
        "default": "汇总表中“{name}”的{column}为 {actual}，其项目支出绩效自评表（{where}）为 {expected}，相差 {difference}{how}",
        "grade": "汇总表中“{name}”的{column}为“{actual}”，其项目支出绩效自评表（{where}）为“{expected}”{how}",
    },
    messages_en={
        "default": "The summary gives {column_en} {actual} for “{name}”; its project table ({where_en}) gives {expected}, a difference of {difference}{how_en}",
        "grade": "The summary grades “{name}” “{actual}”; its project table ({where_en}) says “{expected}”{how_en}",
    },
    hint="请按该项目的项目支出绩效自评表核对汇总表的{column}（两处应一致，以核实后的自评表为准）",
    hint_en="Check the summary's {column_en} against the project's self-evaluation table; they must agree",
    what="汇总表每一行与对应项目的项目支出绩效自评表比较：年初预算数、全年预算数、全年执行数（换算为元，允许参数 "
         "amount_tolerance）、执行率（按百分比两位小数，允许末位 ±1；与自评表填写的执行率或按其执行数 ÷ 预算数"
         "算出的执行率之一相符即可）、自评得分（与总分按两位小数比较，允许 ±0.01，同 A003）、自评等级（与自评表的等级比较，自评表没有"
         "等级时按总分评定）。行与表按项目编码、部门内的项目名称、规范化名称、相近名称依次匹配；按相近名称匹配的在"
         "消息中注明。",
    why="汇总表是财政部门掌握全部项目自评结果的依据；与项目表不一致，说明至少一处填错或未同步更新。",
    bad="汇总表“临时救助资金”的全年执行数填 80.00，项目自评表为 71.35。",
    good="汇总表与项目自评表都填 71.35，执行率 89.19%。",
    params=("amount_tolerance", "rate_tolerance", "score_tolerance", "grades"),
)  # fmt: skip

X004 = Rule(
    code="X004", name="summary-coverage", severity="error", forms=SUMMARY, scope="submission",
    title="汇总表与项目自评表不对应", title_en="Summary and project tables do not cover each other",
    messages={
        "no_table": "汇总表列有项目“{name}”{code}，但本次提交中没有它的项目支出绩效自评表",
        "no_row": "项目支出绩效自评表“{name}”（{where}）在汇总表中没有对应的行",
        "duplicate": "项目编码 {code} 在汇总表中重复出现（“{name}”，首次出现在 {first}），每个项目只应有一行",
    },
    messages_en={
        "no_table": "The summary lists “{name}”{code} but no project self-evaluation table for it was handed in",
        "no_row": "The project table “{name}” ({where_en}) has no row in the summary",
        "duplicate": "Project code {code} appears twice in the summary (“{name}”, first at {first}); one row per project",
    },
    hint="汇总表应与项目支出绩效自评表一一对应：补交缺少的项目自评表，或在汇总表中补上/删去相应的行",
    hint_en="One summary row per project table: hand in the missing table, or add/remove the row",
    what="自评包（含汇总表、部门整体自评表或自评报告的提交）中，汇总表的每一行都应有对应的项目支出绩效自评表，"
         "每张项目支出绩效自评表都应在汇总表中有一行；同一项目编码不应出现两次。只对有汇总表且至少有一张项目表的"
         "提交检查（一张项目表都没有时由 X006 报告缺少项目表，汇总表单独核对）。缺少项目表的指向汇总表中该行的项目"
         "名称；汇总表缺行的指向汇总表的合计行。",
    why="“资金范围的全覆盖”要求每个项目都自评；汇总表漏行或多列一行，财政部门的统计就不完整或重复。",
    bad="汇总表列了 4 个项目，文件夹中只有 3 张项目支出绩效自评表。",
    good="4 个项目、4 张项目支出绩效自评表、汇总表 4 行。",
)  # fmt: skip

X005 = Rule(
    code="X005", name="summary-total-mismatch", severity="error", forms=SUMMARY, scope="submission",
    title="汇总表合计不等于各行之和", title_en="Summary total does not add up",
    messages={
        "default": "汇总表合计行的{column}为 {actual}{unit}，各项目之和为 {expected}{unit}，相差 {difference}{unit}{alone}",
        "total_rate": "汇总表合计执行率应为 {expected}（Σ全年执行数 {executed} ÷ Σ全年预算数 {budget}），表中填写 {actual}{alone}",
        "row_rate": "汇总表中“{name}”的执行率应为 {expected}（{executed} ÷ {budget}），表中填写 {actual}{alone}",
    },
    messages_en={
        "default": "The summary's total {column_en} is {actual}{unit_en} but its rows add up to {expected}{unit_en}, a difference of {difference}{unit_en}{alone_en}",
        "total_rate": "The summary's total execution rate should be {expected} (Σ spent {executed} ÷ Σ budget {budget}); it shows {actual}{alone_en}",
        "row_rate": "The execution rate of “{name}” should be {expected} ({executed} ÷ {budget}); the summary shows {actual}{alone_en}",
    },
    hint="请按各项目行重新计算合计；合计执行率 = 合计全年执行数 ÷ 合计全年预算数（不是各项目执行率的平均）",
    hint_en="Recompute the totals from the rows; the total rate is total spent ÷ total budget (not an average of rates)",
    what="汇总表合计行的年初预算数、全年预算数、全年执行数应等于各项目行之和（允许参数 amount_tolerance）；"
         "合计执行率应等于 Σ全年执行数 ÷ Σ全年预算数（按百分比两位小数，允许末位 ±1）。本次提交没有项目支出绩效"
         "自评表时，汇总表单独核对，另核对每行的执行率 = 全年执行数 ÷ 全年预算数，并在消息中注明。",
    why="合计是部门项目支出的总量，财政部门据此与决算核对；用各项目执行率的平均数代替合计执行率是常见错误。",
    bad="合计全年预算数 1318.70，各行之和 1318.07；合计执行率填各项目执行率的平均 98.03%。",
    good="合计全年预算数 1318.70；合计执行率 97.88%（1290.76 ÷ 1318.70）。",
    params=("amount_tolerance", "rate_tolerance"),
)  # fmt: skip

X006 = Rule(
    code="X006", name="package-incomplete", severity="error", forms=PACKAGE, scope="submission",
    title="自评材料不完整", title_en="Self-evaluation package incomplete",
    messages={"default": "{department}的自评材料缺少：{missing}（已提交：{present}）"},
    messages_en={"default": "The self-evaluation package of {department} lacks: {missing_en} (handed in: {present_en})"},
    hint="自评材料应为“一报告三表格”：绩效自评报告、部门整体支出绩效自评表、各项目的项目支出绩效自评表和"
         "项目支出绩效自评情况汇总表，请补交缺少的部分（放在同一文件夹中）",
    hint_en="The package is one report and three kinds of table: add the missing parts to the same folder",
    what="一个提交（同一文件夹中同一部门同一年度的文件）含有汇总表、部门整体支出绩效自评表或自评报告时，"
         "应齐备“一报告三表格”：自评报告、部门整体支出绩效自评表、项目支出绩效自评表（至少一张）、"
         "项目支出绩效自评情况汇总表。缺少的部分一并列出；结果没有单元格，文件为该提交的文件夹。"
         "文件夹中名称含“报告”的 .doc/.pdf/.wps 文件视为已提交的报告（无法审核，见 E003），不算缺少。",
    why="自评材料不全，财政部门无法审核，也无法把报告中的数字与表格核对。",
    bad="文件夹中有部门整体自评表、汇总表和项目表，没有自评报告。",
    good="补交“示例县教育局2023年度部门整体支出绩效自评报告.docx”。",
)  # fmt: skip


_ALONE = "（本次提交没有项目支出绩效自评表，汇总表单独核对）"
_ALONE_EN = " (no project tables were handed in: the summary was checked on its own)"


# --- X003 ----------------------------------------------------------------------------------------


@X003.checks
def _check_rows(sub: Submission, ctx: Context) -> None:
    tables = [p for p, _ in pkg.projects(sub)]
    for placed, summary in pkg.summaries(sub):
        pairs, _, _ = pkg.match_rows(summary, tables)
        for pair in pairs:
            assert isinstance(pair.table.form, SelfEvalProject)
            ctx.focus(placed.file, summary)
            _compare_row(summary, pair, ctx)


def _how(how: str) -> tuple[str, str]:
    if how in ("code", "name"):
        return "", ""
    return (
        "（按相近的项目名称匹配，请确认是同一项目）",
        " (matched by a similar name: please confirm)",
    )


def _compare_row(summary: SelfEvalSummary, pair: pkg.RowMatch, ctx: Context) -> None:
    table = pair.table.form
    assert isinstance(table, SelfEvalProject)
    row = pair.row
    how, how_en = _how(pair.how)
    base: dict[str, Any] = {
        "name": row.project_name or row.label.text,
        "how": how,
        "how_en": how_en,
    }
    total = table.funding.total if table.funding is not None else None
    tolerance = ctx.profile.amount_tolerance
    for column in AMOUNT_COLUMNS:
        mine, theirs = row.get(column), total.get(column) if total is not None else None
        a, b = number_of(mine), number_of(theirs)
        if mine is None or a is None or b is None:
            continue
        su, tu = pkg.unit_of(summary), pkg.unit_of(table)
        if pkg.same_amount(a, su, b, tu, tolerance):
            continue
        diff = pkg.in_unit(abs(pkg.to_yuan(a, su) - pkg.to_yuan(b, tu)), su)
        ctx.report(X003, at=mine, actual=f"{fmt_amount(a)}{su}", expected=f"{fmt_amount(b)}{tu}",
                   difference=f"{fmt_amount(diff)}{su}", **_column(summary, column),
                   **_where(pair.table.file, theirs), **base)  # fmt: skip
    _compare_rate(summary, row, table, pair, ctx, base)
    _compare_score(summary, row, table, pair, ctx, base)


def _column(summary: SelfEvalSummary, column: str) -> dict[str, Any]:
    return {"column": summary.header_label(column), "column_en": SUMMARY_COLUMNS_EN[column]}


def _where(file: str, loc: Located | None) -> dict[str, Any]:
    return {"where": pkg.where(file, loc), "where_en": pkg.where_en(file, loc)}


def _compare_rate(
    summary: SelfEvalSummary, row: SummaryRow, table: SelfEvalProject, pair: pkg.RowMatch,
    ctx: Context, base: dict[str, Any],
) -> None:  # fmt: skip
    mine = pkg.rate_percent(row.rate)
    total = table.funding.total if table.funding is not None else None
    if mine is None or total is None or row.rate is None:
        return
    printed = pkg.rate_percent(total.get("rate"))
    budget, executed = number_of(total.get("budget")), number_of(total.get("executed"))
    computed = executed / budget if budget and executed is not None else None
    candidates = [r.fraction for r in (printed,) if r is not None]
    if computed is not None:
        candidates.append(computed)
    if not candidates or any(
        within_2dp(mine.fraction * 100, c * 100, ctx.profile.rate_tolerance) for c in candidates
    ):
        return
    expected = candidates[0]
    ctx.report(X003, at=row.rate, actual=row.rate.text, expected=fmt_pct(expected),
               difference=f"{fmt_decimal(abs(round2(mine.fraction * 100) - round2(expected * 100)))} 个百分点",
               **_column(summary, "rate"), **_where(pair.table.file, total.get("rate") or total.get("executed")),
               **base)  # fmt: skip


def _compare_score(
    summary: SelfEvalSummary, row: SummaryRow, table: SelfEvalProject, pair: pkg.RowMatch,
    ctx: Context, base: dict[str, Any],
) -> None:  # fmt: skip
    score_cell = table.total.score if table.total is not None else None
    theirs = number_of(score_cell)
    mine = number_of(row.score)
    if (
        row.score is not None
        and mine is not None
        and theirs is not None
        and not within_2dp(mine, theirs, ctx.profile.score_tolerance)
    ):
        ctx.report(X003, at=row.score, actual=row.score.text, expected=fmt_decimal(theirs),
                   difference=fmt_decimal(abs(mine - theirs), 2), **_column(summary, "score"),
                   **_where(pair.table.file, score_cell), **base)  # fmt: skip
    if row.grade is None or row.grade.is_empty:
        return
    written = pkg.canonical_grade(row.grade.text, ctx.profile)
    expected = pkg.canonical_grade(table.grade_word, ctx.profile)
    source = table.grade
    if not expected and theirs is not None:
        expected, source = ctx.profile.grade_for(theirs), score_cell
    if written and expected and written != expected:
        ctx.report(X003, at=row.grade, variant="grade", actual=row.grade.text, expected=expected,
                   **_column(summary, "grade"), **_where(pair.table.file, source), **base)  # fmt: skip


# --- X004 ----------------------------------------------------------------------------------------


@X004.checks
def _check_coverage(sub: Submission, ctx: Context) -> None:
    if not sub.is_package:
        return
    found = pkg.summaries(sub)
    for placed, summary in found:
        ctx.focus(placed.file, summary)
        for issue in summary.issues:
            if issue.code == "X004":
                ctx.report(X004, at=issue.at, variant=issue.variant, **_values(issue))
    tables = [p for p, _ in pkg.projects(sub)]
    if not found or not tables:
        return  # no summary: nothing to cover; no project table at all: X006 says so
    listed: set[int] = set()
    for placed, summary in found:
        ctx.focus(placed.file, summary)
        pairs, rows_alone, _ = pkg.match_rows(summary, tables)
        listed |= {id(pair.table) for pair in pairs}
        for row in rows_alone:
            code = f"（{row.project_code}）" if row.project_code else ""
            ctx.report(X004, at=row.name or row.label, variant="no_table",
                       name=row.project_name or row.label.text, code=code)  # fmt: skip
    placed, summary = found[0]
    ctx.focus(placed.file, summary)
    anchor = _summary_anchor(summary)
    for table in tables:
        if id(table) not in listed:
            ctx.report(X004, at=anchor, variant="no_row", name=table.form.project,
                       **_where(table.file, table.form.project_name))  # fmt: skip


def _values(issue: SchemaIssue) -> dict[str, Any]:
    return dict(issue.values)


def _summary_anchor(summary: SelfEvalSummary) -> Located:
    """Where a missing row belongs: the 合计 row, else under the last row, else the header."""
    if summary.total is not None:
        return summary.total.label
    if summary.rows:
        return summary.rows[-1].label
    header = summary.headers.get("name")
    return header if header is not None else Located(None, summary.sheet, summary.first_row, 0)


# --- X005 ----------------------------------------------------------------------------------------


@X005.checks
def _check_totals(sub: Submission, ctx: Context) -> None:
    from perfcli.rules import get_rule

    alone = not pkg.projects(sub)
    note = {"alone": _ALONE if alone else "", "alone_en": _ALONE_EN if alone else ""}
    for placed, summary in pkg.summaries(sub):
        ctx.focus(placed.file, summary)
        for issue in summary.issues:
            if issue.code in ("S002", "W004"):
                rule = get_rule(issue.code)
                ctx.report(rule, at=issue.at, variant=issue.variant, **_values(issue))
        bad = {(i.at.row, i.at.col) for i in summary.issues if i.code == "W004" and i.at}
        _check_sum(summary, ctx, note, bad)
        if alone:
            for row in summary.rows:
                _check_rate(summary, row, ctx, note, "row_rate")
        if summary.total is not None:
            _check_rate(summary, summary.total, ctx, note, "total_rate")


def _check_sum(
    summary: SelfEvalSummary, ctx: Context, note: dict[str, Any], bad: set[tuple[int, int]]
) -> None:
    total = summary.total
    if total is None:
        return
    tolerance = ctx.profile.amount_tolerance
    unit = pkg.unit_of(summary)
    for column in AMOUNT_COLUMNS:
        cell = total.get(column)
        printed = number_of(cell)
        cells = [row.get(column) for row in summary.rows]
        if cell is None or printed is None or not summary.rows:
            continue
        if any(c is not None and (c.row, c.col) in bad for c in cells):
            continue  # a row holds text that is not a number (W004): no sum to compare
        values = [number_of(c) for c in cells]
        if all(v is None for v in values):
            continue
        expected = sum((v for v in values if v is not None), Decimal(0))
        if pkg.same_amount(printed, unit, expected, unit, tolerance):
            continue
        ctx.report(X005, at=cell, actual=fmt_amount(printed), expected=fmt_amount(expected),
                   difference=fmt_amount(abs(printed - expected)), unit=unit,
                   unit_en=pkg.UNIT_EN.get(unit, ""), column=summary.header_label(column),
                   column_en=SUMMARY_COLUMNS_EN[column], **note)  # fmt: skip


def _check_rate(
    summary: SelfEvalSummary, row: SummaryRow, ctx: Context, note: dict[str, Any], variant: str
) -> None:
    printed = pkg.rate_percent(row.rate)
    if printed is None or row.rate is None:
        return
    lines = summary.rows if variant == "total_rate" else [row]
    budgets = [number_of(line.budget) for line in lines]
    executed = [number_of(line.executed) for line in lines]
    if any(v is None for v in budgets + executed):
        return
    budget = sum((v for v in budgets if v is not None), Decimal(0))
    spent = sum((v for v in executed if v is not None), Decimal(0))
    if budget == 0:
        return
    expected = spent / budget
    if within_2dp(printed.fraction * 100, expected * 100, ctx.profile.rate_tolerance):
        return
    ctx.report(X005, at=row.rate, variant=variant, actual=row.rate.text,
               expected=fmt_pct(expected), executed=fmt_amount(spent), budget=fmt_amount(budget),
               name=row.project_name, **note)  # fmt: skip


# --- X006 ----------------------------------------------------------------------------------------

_PARTS = (
    ("selfeval_report", "绩效自评报告", "the self-evaluation report"),
    ("selfeval_dept", "部门整体支出绩效自评表", "the department self-evaluation table"),
    ("selfeval_project", "项目支出绩效自评表", "project self-evaluation tables"),
    ("selfeval_summary", "项目支出绩效自评情况汇总表", "the summary table"),
)
_UNREAD_REPORTS = (".doc", ".pdf", ".wps", ".ofd", ".docx", ".rtf")


@X006.checks
def _check_complete(sub: Submission, ctx: Context) -> None:
    if not sub.is_package:
        return
    kinds = sub.kinds()
    if "selfeval_report" not in kinds and _report_on_disk(sub):
        kinds.add("selfeval_report")  # a .doc/.pdf report: not checked (E003), not missing
    missing = [(zh, en) for kind, zh, en in _PARTS if kind not in kinds]
    if not missing:
        return
    present = [(zh, en) for kind, zh, en in _PARTS if kind in kinds]
    ctx.focus(sub.folder, None)
    name = sub.department or PurePath(sub.folder).name or sub.folder
    department = f"{name}（{sub.year}年度）" if sub.year else name
    ctx.report(
        X006, department=department, missing="、".join(zh for zh, _ in missing),
        missing_en=", ".join(en for _, en in missing),
        present="、".join(zh for zh, _ in present) or "无", present_en=", ".join(en for _, en in present) or "nothing",
    )  # fmt: skip


def _report_on_disk(sub: Submission) -> bool:
    """A report the run could not read (.doc, .pdf …) sits in the submission's folder."""
    checked = {Path(f).name for f in sub.files}
    try:
        names = os.listdir(sub.folder or ".")
    except OSError:
        return False
    return any(
        "报告" in name and Path(name).suffix.lower() in _UNREAD_REPORTS and name not in checked
        for name in names
    )


RULES = [X003, X004, X005, X006, X007, X008]
