"""A001–A006 — the money block of a self-evaluation: totals, execution rate and score, reasons.

Project and department self-evaluations alike: a department's money block has a total row too
(合计 / 年度资金总额 / 重庆's one values row), which ``common.execution`` reads the same way.

A001 (totals against their parts, also on target tables) lives in _funding_sums.py; A002–A006,
the execution of the year's budget, here. All figures come from ``common.execution`` (which knows
every layout's columns, the profile's rate base, weights printed in labels and Hebei's 预算执行率
row); rates are compared as percentages at 2 decimals, scores at 2 decimals, amounts with the
profile's amount tolerance in the form's unit (forms.md §4–5, the team's precision decision).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfcli.forms.kinds import SELFEVAL_KINDS
from perfcli.forms.model import Located, SelfEvalProject, number_of
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.io.numeric import RATIO_LIMIT
from perfcli.io.values import Rate, parse_rate
from perfcli.rules._dept_money import formula_ratios, money_rows
from perfcli.rules._funding_labels import column_name, units
from perfcli.rules._funding_sums import A001 as A001
from perfcli.rules.base import Context, Rule, fmt_amount, fmt_decimal, fmt_pct
from perfcli.rules.common import (
    Execution,
    amount_tolerance,
    execution,
    form_reason,
    funding_reason,
    round2,
    shown,
    within,
    within_2dp,
)

SELFEVAL = ("selfeval_project",)

A002 = Rule(
    code="A002", name="exec-rate-mismatch", severity="error", forms=SELFEVAL_KINDS,
    title="执行率计算错误", title_en="Execution rate miscalculated",
    messages={
        "default": "执行率应为 {expected}（{executed} ÷ {budget}），表中填写 {actual}",
        "source": "{row_label}的执行率应为 {expected}（{executed} ÷ {budget}），表中填写 {actual}",
        "row": "{row_label}行的完成值应为 {expected}（{executed} ÷ {budget}），表中填写 {actual}",
        "task": "年度主要任务“{row_label}”的执行率应为 {expected}（{executed} ÷ {budget}），表中填写 {actual}",
        "formula": "{row_label}的{column}应为 {expected}（{executed} ÷ {budget}，表头公式 {formula}），表中填写 {actual}",
    },
    messages_en={
        "default": "The execution rate should be {expected} ({executed} ÷ {budget}); the form shows {actual}",
        "source": "The execution rate of {row_label} should be {expected} ({executed} ÷ {budget}); "
                  "the form shows {actual}",
        "row": "The {row_label} row should show {expected} ({executed} ÷ {budget}); the form shows {actual}",
        "task": "The execution rate of the task {row_label} should be {expected} ({executed} ÷ {budget}); "
                "the form shows {actual}",
        "formula": "{row_label}: {column} should be {expected} ({executed} ÷ {budget}, the header's formula "
                   "{formula}); the form shows {actual}",
    },
    hint="请按 {executed_label} ÷ {budget_label} 重新计算执行率，保留两位小数",
    hint_en="Recompute the rate as {executed_label} ÷ {budget_label}, to two decimals of a percent",
    what="填写的执行率应等于 全年执行数 ÷ 全年预算数（分母按参数 exec_rate_base；北京2016表样为年初预算数），"
         "按百分比保留两位小数比较，允许末位 ±1；分列来源的执行率（四川表样）在该来源预算数大于 0 时一并核对。"
         "部门整体支出绩效自评表逐行核对执行率（资金来源、基本支出/项目支出、福建表样的 ①②③ 各行和年度主要任务），"
         "以及表头印出的比率公式（资金结余率⑧=⑦/④）。",
    why="执行率决定执行得分，也是财政部门考核预算执行进度的指标；取整或算错会虚增得分。",
    bad="全年预算数 43.2、全年执行数 37.24，执行率填 86%（应为 86.20%）。",
    good="执行率填 86.20%。",
    params=("exec_rate_base", "rate_tolerance"),
)  # fmt: skip

A003 = Rule(
    code="A003", name="exec-score-mismatch", severity="error", forms=SELFEVAL_KINDS,
    title="执行得分计算错误", title_en="Execution score miscalculated",
    messages={
        "default": "预算执行得分应为 {expected}（{rate} × {weight} 分），表中填写 {actual}，相差 {difference}",
        "empty": "预算执行得分为空，应为 {expected}（{rate} × {weight} 分）",
    },
    messages_en={
        "default": "The execution score should be {expected} ({rate} × {weight} points); the form shows "
                   "{actual}, a difference of {difference}",
        "empty": "The execution score is empty; it should be {expected} ({rate} × {weight} points)",
    },
    hint="请按 执行率 × 分值 填写预算执行得分（执行率超过 100% 的按 100% 计），保留两位小数",
    hint_en="Fill in the execution score as rate × weight (a rate above 100% counts as 100%), two decimals",
    what="预算执行得分应等于 min(执行率, 100%) × 分值；执行率按执行数 ÷ 预算数重新计算，分值取自单元格、"
         "表头“(20分)”或河北表样的“预算执行率”行；得分保留两位小数比较，允许 ±0.01。执行率和分值都有而得分为空也报告。",
    why="执行得分计入总分和等级；向上取整（8.62 记 9）或漏填都会让总分失真。",
    bad="执行率 86.20%，分值 10，得分填 9。",
    good="得分填 8.62。",
    params=("score_tolerance", "exec_rate_base"),
)  # fmt: skip

A004 = Rule(
    code="A004", name="exec-low-no-reason", severity="error", forms=SELFEVAL_KINDS,
    title="执行率偏低未说明原因", title_en="Low execution rate not explained",
    messages={
        "default": "预算执行率为 {rate}（{executed} ÷ {budget}），低于 {threshold}，未说明原因（未执行 {unspent}{unit}）",
        "printed": "表中填写的预算执行率为 {rate}，低于 {threshold}，未说明原因（预算数或执行数未填写，无法复核）",
    },
    messages_en={
        "default": "The execution rate is {rate} ({executed} ÷ {budget}), below {threshold}, and no reason "
                   "is given ({unspent}{unit_en} unspent)",
        "printed": "The printed execution rate is {rate}, below {threshold}, and no reason is given (the "
                   "budget or spending is not filled in, so it cannot be recomputed)",
    },
    hint="请在资金情况的“原因/说明”栏或“偏差大或目标未完成原因分析”中说明执行率偏低的原因及改进措施",
    hint_en="Explain the low execution rate in the funding block's reason cell or the form's "
            "deviation analysis",
    what="执行率低于参数 exec_rate_reason_below（默认 90%）时，资金情况的原因/说明栏或表级的原因分析"
         "（偏差大或目标未完成原因分析、存在问题、原因）必须填写实际说明；“无”“/”“0”和模板说明文字不算；"
         "写在某个绩效指标行的偏差原因不算。预算数或执行数未填写时按表中填写的执行率判断。"
         "部门整体支出绩效自评表按资金合计行（福建表样为合计行的支出实现率⑥）判断。",
    why="四川等地表样明确要求“预算执行率未达到90%的需说明原因”；资金大量结余而不说明，复核时无法判断原因。",
    bad="执行率 86.20%，原因栏空白，只在“工程资金金额”指标行写了尾款未付。",
    good="在资金情况的原因栏写明：已完工，剩余 3% 尾款待质保期满后支付，最高限价低于预算。",
    params=("exec_rate_reason_below",),
)  # fmt: skip

A005 = Rule(
    code="A005", name="exec-over-budget", severity="warning", forms=SELFEVAL_KINDS,
    title="执行数超过预算数", title_en="Spending exceeds the budget",
    messages={"default": "{executed_label} {executed}{unit} 超过 {budget_label} {budget}{unit}，"
                         "超出 {difference}{unit}"},
    messages_en={"default": "Spending {executed}{unit_en} exceeds the budget {budget}{unit_en} by "
                            "{difference}{unit_en}"},
    hint="请核对执行数和预算数；确有超支的，请说明资金来源和原因，或按调整后预算填写全年预算数",
    hint_en="Check spending and budget; if spending really exceeded the budget, explain where the money came from",
    what="资金总额行的全年执行数大于全年预算数（分母口径同执行率）；部门整体支出绩效自评表看资金合计行"
         "（福建表样：年度拨付金额⑤ 大于 小计④）。",
    why="执行数不应超过预算数；超出通常是预算数填了年初数而非调整后数，或执行数含了其他项目的支出。",
    bad="全年预算数 120，全年执行数 125。",
    good="按调整后的全年预算数 125 填写，或核减执行数。",
    params=("exec_rate_base", "amount_tolerance"),
)  # fmt: skip

A006 = Rule(
    code="A006", name="budget-adjusted", severity="info", forms=SELFEVAL_KINDS,
    title="年中调整了预算", title_en="Budget adjusted during the year",
    messages={"default": "{budget_label} {budget}{unit} 与 {initial_label} {initial}{unit} 不同，"
                         "年中{direction} {difference}{unit}"},
    messages_en={"default": "The full-year budget {budget}{unit_en} differs from the initial budget "
                            "{initial}{unit_en}: {direction_en} of {difference}{unit_en} during the year"},
    hint="年中发生预算调整（追加或调减）的，请在原因/说明中写明调整理由",
    hint_en="Explain the mid-year adjustment (increase or cut) in the reason cell",
    what="资金总额行的全年（调整后）预算数与年初预算数不同：提示审核人确认年中调整已说明理由。"
         "部门整体支出绩效自评表看资金合计行（福建表样：小计④ 与 年初部门预算安排金额①）。",
    why="四川表样要求“年中发生预算调整的（追加或调减），应单独说明理由”；调整也影响执行率的分母。",
    bad="年初预算 238.93，调整后预算数 251.89，原因栏未说明调增 12.96 万元的理由。",
    good="原因栏写明：年中追加人员经费 12.96 万元（某文件）。",
    params=("amount_tolerance",),
)  # fmt: skip


# --- helpers -------------------------------------------------------------------------------------


def _rate_text(loc: Located, printed: Rate) -> str:
    """How the printed rate reads in the form: text as typed (``86%``, ``100.00``); a number cell
    holding a ratio (``0.86``, usually formatted as a percentage) as the percentage Excel shows."""
    if (
        isinstance(loc.value, int | float)
        and not isinstance(loc.value, bool)
        and abs(loc.value) <= RATIO_LIMIT
    ):
        return fmt_pct(printed.fraction, printed.percent_decimals)
    return loc.text


def _rate_differs(printed: Rate, expected: Decimal, tolerance: Decimal) -> bool:
    return not within_2dp(printed.fraction * 100, expected * 100, tolerance)


# --- A002 ----------------------------------------------------------------------------------------


def _check_rate(
    ctx: Context, rate_cell: Located | None, budget: Decimal | None, executed: Decimal | None,
    hint: dict[str, Any], variant: str = "default", row_label: str = "",
) -> None:  # fmt: skip
    if rate_cell is None or budget is None or executed is None or budget <= 0:
        return
    printed = parse_rate(rate_cell.value)
    if printed is None:
        return  # empty, a placeholder, or bad text (W004)
    expected = executed / budget
    if not _rate_differs(printed, expected, ctx.profile.rate_tolerance):
        return
    ctx.report(
        A002, at=rate_cell, variant=variant, expected=fmt_pct(expected), actual=_rate_text(rate_cell, printed),
        executed=fmt_amount(executed), budget=fmt_amount(budget), row_label=row_label, **hint,
    )  # fmt: skip


@A002.checks
def _check_exec_rate(form: SelfEvalProject, ctx: Context) -> None:
    ex = execution(form, ctx.profile.exec_rate_base)
    if ex is None or form.funding is None:
        return
    hint: dict[str, Any] = {"executed_label": ex.executed_label, "budget_label": ex.budget_label}
    _check_rate(ctx, ex.rate, ex.budget_value, ex.executed_value, hint)
    rows = form.funding.sources
    if isinstance(form, SelfEvalDept):
        rows = [row for row in money_rows(form) if row is not form.funding.total]
        _check_dept_rates(form, ctx)
    for row in rows:
        _check_rate(
            ctx, row.get("rate"), number_of(row.get(ex.base)), number_of(row.get("executed")), hint,
            variant="source", row_label=shown(row.label),
        )  # fmt: skip
    erow = form.execution_row
    if erow is not None and erow.actual is not None:
        # Hebei repeats the rate as the 实际完成值 of its 预算执行率 row.
        _check_rate(
            ctx, erow.actual, ex.budget_value, ex.executed_value, hint, variant="row",
            row_label=shown(erow.level1) or "预算执行率",
        )  # fmt: skip


def _check_dept_rates(form: SelfEvalDept, ctx: Context) -> None:
    """A department's task rates (执行数 ÷ 预算数) and the ratios its money header prints."""
    labels = {"executed_label": "执行数", "budget_label": "预算数"}
    for task in [*form.tasks, *([form.tasks_total] if form.tasks_total is not None else [])]:
        _check_rate(
            ctx, task.cells.get("rate"), number_of(task.cells.get("budget")),
            number_of(task.cells.get("executed")), labels, variant="task", row_label=shown(task.name),
        )  # fmt: skip
    for item in formula_ratios(form):
        values = {"executed_label": column_name(form, item.formula.terms[0][1]),
                  "budget_label": column_name(form, item.formula.divisor),
                  "column": column_name(form, item.formula.result), "formula": item.formula.text}  # fmt: skip
        _check_rate(ctx, item.cell, item.denominator, item.numerator, values, variant="formula",
                    row_label=shown(item.row.label))  # fmt: skip


# --- A003 ----------------------------------------------------------------------------------------


def _rate_of(ex: Execution) -> Decimal | None:
    """The execution rate as recomputed from the amounts; the printed one only when they are missing."""
    rate = ex.expected_rate
    if rate is None and ex.printed_rate is not None:
        rate = ex.printed_rate.fraction
    return rate


@A003.checks
def _check_exec_score(form: SelfEvalProject, ctx: Context) -> None:
    ex = execution(form, ctx.profile.exec_rate_base)
    if ex is None or ex.weight is None or ex.score is None:
        return
    rate = _rate_of(ex)
    if rate is None or ex.score.number.status == "bad":
        return
    expected = round2(min(rate, Decimal(1)) * ex.weight)
    values: dict[str, Any] = {"rate": fmt_pct(rate), "weight": fmt_decimal(ex.weight)}
    score = number_of(ex.score)
    if score is None:
        ctx.report(A003, at=ex.score, variant="empty", expected=fmt_decimal(expected), **values)
        return
    if within_2dp(score, expected, ctx.profile.score_tolerance):
        return
    ctx.report(
        A003, at=ex.score, expected=fmt_decimal(expected), actual=ex.score.text,
        difference=fmt_decimal(abs(round2(score) - expected)), **values,
    )  # fmt: skip


# --- A004 ----------------------------------------------------------------------------------------


@A004.checks
def _check_low_rate(form: SelfEvalProject, ctx: Context) -> None:
    ex = execution(form, ctx.profile.exec_rate_base)
    if ex is None:
        return
    budget, executed = ex.budget_value, ex.executed_value
    rate = _rate_of(ex)
    threshold = ctx.profile.exec_rate_reason_below
    if rate is None or round2(rate * 100) >= round2(threshold * 100):
        return
    if funding_reason(form) is not None or form_reason(form) is not None:
        return
    at = ex.rate if ex.rate is not None and not ex.rate.is_empty else ex.executed
    unspent = budget - executed if budget is not None and executed is not None else None
    ctx.report(
        A004, at=at, variant="default" if unspent is not None else "printed", rate=fmt_pct(rate), threshold=fmt_pct(threshold, 0),
        executed=fmt_amount(executed) if executed is not None else "—",
        budget=fmt_amount(budget) if budget is not None else "—",
        unspent=fmt_amount(unspent) if unspent is not None else "—", **units(form),
    )  # fmt: skip


# --- A005 ----------------------------------------------------------------------------------------


@A005.checks
def _check_over_budget(form: SelfEvalProject, ctx: Context) -> None:
    ex = execution(form, ctx.profile.exec_rate_base)
    if ex is None or ex.executed is None:
        return
    budget, executed = ex.budget_value, ex.executed_value
    if budget is None or executed is None:
        return
    if executed - budget <= amount_tolerance(form, ctx.profile.amount_tolerance):
        return
    ctx.report(
        A005, at=ex.executed, expected=budget, actual=executed, executed_label=ex.executed_label,
        budget_label=ex.budget_label, executed=fmt_amount(executed), budget=fmt_amount(budget),
        difference=fmt_amount(executed - budget), **units(form),
    )  # fmt: skip


# --- A006 ----------------------------------------------------------------------------------------


@A006.checks
def _check_adjusted(form: SelfEvalProject, ctx: Context) -> None:
    block = form.funding
    if block is None or block.total is None:
        return
    budget_cell = block.total.get("budget")
    initial, budget = number_of(block.total.get("initial")), number_of(budget_cell)
    if budget_cell is None or initial is None or budget is None:
        return
    if within(initial, budget, amount_tolerance(form, ctx.profile.amount_tolerance)):
        return
    up = budget > initial
    ctx.report(
        A006, at=budget_cell, budget_label=column_name(form, "budget"),
        initial_label=column_name(form, "initial"), budget=fmt_amount(budget),
        initial=fmt_amount(initial), difference=fmt_amount(abs(budget - initial)),
        direction="调增" if up else "调减", direction_en="an increase" if up else "a cut", **units(form),
    )  # fmt: skip


RULES = [A001, A002, A003, A004, A005, A006]
