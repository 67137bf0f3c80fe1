"""X005 — the 汇总表 adds up (forms.md §6; rules.md X).

Its 合计 row against the sum of its rows, and the 合计执行率 as Σ执行数 ÷ Σ预算数; a 汇总表 handed in
without any project table is checked on its own, each row's 执行率 too. The 汇总表 schema's failures
(summary_schema.py) are reported with this check as the codes they map to: S002 (a required column
is missing) and W004 (an amount that is not a number). Re-exported by ``rules.package``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfcli.forms.model import number_of
from perfcli.forms.model_package import (
    AMOUNT_COLUMNS,
    SUMMARY_COLUMNS_EN,
    SelfEvalSummary,
    SummaryRow,
)
from perfcli.rules import _package as pkg
from perfcli.rules._funding_labels import unit_en
from perfcli.rules._package import SUMMARY
from perfcli.rules.base import Context, Rule, fmt_amount, fmt_pct
from perfcli.rules.common import within_2dp
from perfcli.submissions import Submission

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


_ALONE = "（本次提交没有项目支出绩效自评表，汇总表单独核对）"
_ALONE_EN = " (no project tables were handed in: the summary was checked on its own)"


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
                ctx.report(rule, at=issue.at, variant=issue.variant, **pkg.issue_values(issue))
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
                   unit_en=unit_en(unit), column=summary.header_label(column),
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
