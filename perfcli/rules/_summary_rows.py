"""X003, X004 — the 汇总表's rows against the project tables (forms.md §6; rules.md X).

X003 compares each 汇总表 row with the 项目支出绩效自评表 it was matched to (``_package.match_rows``):
amounts in 元, the 执行率 and the score at the printed precision, the grade. X004 judges coverage
both ways (a row with no table, a table with no row) and reports the 汇总表 schema's duplicated
project codes (summary_schema.py). Both are submission rules, re-exported by ``rules.package``.
"""

from __future__ import annotations

from typing import Any

from perfcli.forms.model import Located, SelfEvalProject, number_of
from perfcli.forms.model_package import (
    AMOUNT_COLUMNS,
    SUMMARY_COLUMNS_EN,
    SelfEvalSummary,
    SummaryRow,
)
from perfcli.rules import _package as pkg
from perfcli.rules._package import SUMMARY
from perfcli.rules.base import Context, Rule, fmt_amount, fmt_decimal, fmt_pct
from perfcli.rules.common import round2, within_2dp
from perfcli.submissions import Submission

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
                ctx.report(X004, at=issue.at, variant=issue.variant, **pkg.issue_values(issue))
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


def _summary_anchor(summary: SelfEvalSummary) -> Located:
    """Where a missing row belongs: the 合计 row, else under the last row, else the header."""
    if summary.total is not None:
        return summary.total.label
    if summary.rows:
        return summary.rows[-1].label
    header = summary.headers.get("name")
    return header if header is not None else Located(None, summary.sheet, summary.first_row, 0)
