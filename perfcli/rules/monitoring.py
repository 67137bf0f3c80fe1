"""M — monitoring tables (绩效运行监控表, 财预〔2019〕136号): money against time, targets against
forecasts, and the causes and likelihoods the table must state.

M001 (printed 1-N月执行率 recomputed), M002 (execution behind time progress, unexplained), M003
(a deviation without a ticked cause and an explanation), M004 (完成目标可能性 not one answer), M005
(1-N月执行情况 / 全年预计完成情况 empty), M006 (全年预计执行数 above the budget). Readings shared
by these checks are in ``_monitor.py``.
"""

from __future__ import annotations

from perfcli.forms.kinds import MONITOR_KINDS
from perfcli.forms.model import IndicatorRow, Located, number_of
from perfcli.forms.model_monitor import MonitorForm
from perfcli.io.values import parse_rate
from perfcli.rules._funding_labels import unit_en
from perfcli.rules._monitor import (
    explanation,
    explanation_asked,
    forecast_misses,
    likelihood_of,
    money_explanation,
    money_rows,
    ticked_causes,
    time_progress,
)
from perfcli.rules._scoring import is_label_only
from perfcli.rules.base import Context, Rule, fmt_amount, fmt_decimal, fmt_pct
from perfcli.rules.common import amount_tolerance, round2, shown, text, within_2dp

FORMS = MONITOR_KINDS
_CAUSES = "经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他"

M001 = Rule(
    code="M001", name="monitor-exec-rate-mismatch", severity="error", forms=FORMS,
    title="监控执行率计算错误", title_en="Monitoring execution rate miscalculated",
    messages={
        "default": "{rate_label}应为 {expected}（{executed_label} {executed} ÷ {base_label} {base}），"
                   "表中填写 {actual}，相差 {difference} 个百分点",
        "source": "{row_label}的{rate_label}应为 {expected}（{executed_label} {executed} ÷ {base_label} "
                  "{base}），表中填写 {actual}，相差 {difference} 个百分点",
    },
    messages_en={
        "default": "{rate_label} should be {expected} ({executed} ÷ {base}); the form shows {actual}, "
                   "{difference} percentage points off",
        "source": "{rate_label} of {row_label} should be {expected} ({executed} ÷ {base}); the form "
                  "shows {actual}, {difference} percentage points off",
    },
    hint="请按 {executed_label} ÷ {base_label} 重新计算执行率，以百分比保留两位小数",
    hint_en="Recompute the rate as {executed_label} ÷ {base_label}, to two decimals of a percent",
    what="监控表资金栏目中填写的 1-N月执行率（预算执行率）应等于 1-N月执行数 ÷ 预算数：分母按参数 "
         "exec_rate_base（默认调整后预算数/全年预算数；表中只有年初预算数时用年初预算数），按百分比保留两位小数"
         "比较，允许末位 ±1（参数 rate_tolerance）。年度资金总额行和各资金来源行（预算数大于 0 的）都核对。",
    why="执行率是“双监控”中预算执行进度的指标，与时间进度比较决定是否预警；算错会掩盖执行滞后。",
    bad="调整后预算数 120、1-7月执行数 42.24，1-7月执行率填 35%（应为 35.20%）。",
    good="1-7月执行率填 35.20%。",
    params=("exec_rate_base", "rate_tolerance"),
)  # fmt: skip

M002 = Rule(
    code="M002", name="monitor-behind-schedule", severity="warning", forms=FORMS,
    title="预算执行进度滞后未说明", title_en="Spending behind schedule, unexplained",
    messages={
        "default": "{rate_label} {rate} 低于时间进度 {progress}（{month}/12）减 {lag} 个百分点（{threshold}），"
                   "未勾选偏差原因，也未说明原因",
    },
    messages_en={
        "default": "{rate_label} {rate} is below time progress {progress} ({month}/12) less {lag} "
                   "points ({threshold}); no cause is ticked and no reason is given",
    },
    hint="请在资金栏目的原因/说明栏或表中的偏差原因分析中说明执行滞后的原因和纠偏措施（如预计结转结余）",
    hint_en="Explain the slow spending and the corrective steps in the money block's reason cell "
            "or the form's deviation analysis",
    what="年度资金总额的执行率（1-N月执行数 ÷ 预算数，缺金额时用填写的执行率）低于时间进度 N/12（N 取自"
         "“1-N月”标签：1-6月 50%、1-7月 58.33%、1-8月 66.67%）减参数 monitor_lag（15 个百分点），且表中"
         "没有任何说明：资金栏目的原因/说明栏、表级的偏差原因分析/说明，以及指标表中勾选或填写的偏差原因，"
         "有其一即不报告。读不出监控期间（N）时不检查。",
    why="财预〔2019〕136号要求预算执行进度与绩效目标“双监控”；执行明显慢于时间进度而不说明原因，"
        "财政部门无法判断是否需要调整预算或纠偏。",
    bad="1-7月执行率 35.20%（时间进度 58.33%，预警线 43.33%），没有任何原因说明。",
    good="在原因栏写明：工程招标 6 月完成，合同款 9 月起支付，预计全年执行 100%。",
    params=("monitor_lag", "exec_rate_base"),
)  # fmt: skip

M003 = Rule(
    code="M003", name="monitor-cause-missing", severity="error", forms=FORMS,
    title="目标偏差未分析原因", title_en="Deviation without a cause",
    messages={
        "missed_none": "“{name}”全年预计完成情况“{forecast}”达不到年度指标值“{target}”，未勾选偏差原因"
                       f"（{_CAUSES}），也未说明原因",
        "missed_cause": "“{name}”全年预计完成情况“{forecast}”达不到年度指标值“{target}”，未勾选偏差原因"
                        f"（{_CAUSES}）",
        "missed_reason": "“{name}”全年预计完成情况“{forecast}”达不到年度指标值“{target}”，{ticked}没有说明"
                         "偏差的具体原因和纠偏措施",
        "unlikely_none": "“{name}”完成目标可能性为“{likelihood}”，未勾选偏差原因（" + _CAUSES + "），也未说明原因",
        "unlikely_cause": "“{name}”完成目标可能性为“{likelihood}”，未勾选偏差原因（" + _CAUSES + "）",
        "unlikely_reason": "“{name}”完成目标可能性为“{likelihood}”，{ticked}没有说明偏差的具体原因和纠偏措施",
    },
    messages_en={
        "missed_none": "“{name}”: the full-year forecast “{forecast}” misses the target “{target}”; no "
                       "cause is ticked and no reason is given",
        "missed_cause": "“{name}”: the full-year forecast “{forecast}” misses the target “{target}”; no "
                        "cause (funding, rules, staff, equipment, other) is ticked",
        "missed_reason": "“{name}”: the full-year forecast “{forecast}” misses the target “{target}”; "
                         "the deviation is not explained",
        "unlikely_none": "“{name}”: the target is “{likelihood}” to be met; no cause is ticked and no "
                         "reason is given",
        "unlikely_cause": "“{name}”: the target is “{likelihood}” to be met; no cause (funding, rules, "
                          "staff, equipment, other) is ticked",
        "unlikely_reason": "“{name}”: the target is “{likelihood}” to be met; the deviation is not explained",
    },
    hint=f"请在偏差原因分析中勾选原因类别（{_CAUSES}），并在备注中写明具体原因和纠偏措施",
    hint_en="Tick the cause (funding, rules, staff, equipment, other) and explain it and the "
            "corrective steps in 备注",
    what="全年预计完成情况达不到年度指标值（定量、时限指标按比较符判断；预计“部分完成”“未完成”“否”），或完成"
         "目标可能性不是“确定能”的指标，须勾选（或写明）偏差原因类别（经费保障、制度保障、人员保障、硬件条件保障、"
         "其他），并说明具体原因：备注栏、偏差原因栏、写在原因类别栏中的文字或表级的偏差原因分析均可。表样没有"
         "原因类别栏的只要求说明，没有备注/原因栏的只要求勾选。勾选符号 √ ✓ ☑ 是 1 Y 均可；“否”“×”“0”不算。",
    why="财预〔2019〕136号要求对偏离绩效目标的情况分析原因（经费、制度、人员、硬件条件保障或其他），"
        "并提出纠偏措施；只写“有可能”而不说明原因，监控就失去了意义。",
    bad="教师培训人次 年度指标值 ≥1500人次，全年预计 1200人次，原因各栏和备注均为空。",
    good="勾选“经费保障”，备注：培训经费 8 月下达，9—11 月集中培训，可完成 1500 人次。",
)  # fmt: skip

M004 = Rule(
    code="M004", name="monitor-likelihood-invalid", severity="error", forms=FORMS,
    title="完成目标可能性填写不规范", title_en="Likelihood of meeting the target invalid",
    messages={
        "empty": "“{name}”的完成目标可能性未填写（应为 确定能 / 有可能 / 完全不可能 之一）",
        "invalid": "“{name}”的完成目标可能性填写为“{value}”，不是 确定能 / 有可能 / 完全不可能 之一",
        "none_marked": "“{name}”的完成目标可能性在 确定能 / 有可能 / 完全不可能 三栏中都没有勾选",
        "multiple": "“{name}”的完成目标可能性勾选了 {count} 项（{marked}），只能选一项",
    },
    messages_en={
        "empty": "“{name}”: the likelihood of meeting the target is empty (确定能 / 有可能 / 完全不可能)",
        "invalid": "“{name}”: the likelihood “{value}” is not one of 确定能 / 有可能 / 完全不可能",
        "none_marked": "“{name}”: none of 确定能 / 有可能 / 完全不可能 is ticked",
        "multiple": "“{name}”: {count} likelihoods are ticked ({marked}); tick exactly one",
    },
    hint="每项指标的完成目标可能性只能填写（或勾选）一项：确定能、有可能、完全不可能",
    hint_en="Give exactly one likelihood per indicator: 确定能, 有可能 or 完全不可能",
    what="每项指标的完成目标可能性为空、不是“确定能 / 有可能 / 完全不可能”之一（系统代码 1/2/3 也认），"
         "或在三栏勾选式表样中一项都没勾、勾了多项。",
    why="完成目标可能性是监控的结论（财预〔2019〕136号），财政部门据此决定是否纠偏、调整预算；不明确的"
        "结论无法汇总，也无法跟踪。",
    bad="完成目标可能性填“基本可以”；或“确定能”“有可能”两栏都打了 √。",
    good="填“有可能”，并勾选偏差原因、在备注中说明。",
)  # fmt: skip

M005 = Rule(
    code="M005", name="monitor-progress-missing", severity="error", forms=FORMS,
    title="指标执行情况未填写", title_en="Indicator progress missing",
    messages={
        "default": "“{name}”的{column}未填写（年度指标值 {target}）",
    },
    messages_en={
        "default": "“{name}”: {column} is empty (target {target})",
    },
    hint="请填写截至监控期末的实际完成情况和全年预计完成情况；尚未开展的如实写明（如“0人次”“尚未开始”）",
    hint_en="State the progress to date and the full-year forecast; write 0 or “not started” where "
            "nothing has happened yet",
    what="指标行的 1-N月执行情况（当前月执行情况）或全年预计完成情况为空，或只有“—”“/”。表样没有的栏目不检查。",
    why="监控要把执行情况与年度指标值比较（目标比较法）；不填执行情况和全年预计，就无法判断目标能否完成。",
    bad="服务老年人数 ≥1200人，1-7月执行情况、全年预计完成情况均为空。",
    good="1-7月执行情况 760人，全年预计完成情况 1250人。",
)  # fmt: skip

M006 = Rule(
    code="M006", name="monitor-forecast-over-budget", severity="warning", forms=FORMS,
    title="全年预计执行数超过预算数", title_en="Full-year forecast above the budget",
    messages={
        "default": "{row_label}的{forecast_label} {forecast} 超过{base_label} {base}，超出 {difference}{unit}",
    },
    messages_en={
        "default": "{forecast_label} of {row_label} {forecast} exceeds {base_label} {base} by {difference}{unit_en}",
    },
    hint="全年预计执行数不应超过全年预算数：请核对预计数；确需超支的，应按程序调整预算",
    hint_en="The full-year forecast should not exceed the budget: check it, or adjust the budget "
            "through the proper procedure",
    what="资金栏目各行的全年预计执行数大于全年预算数（调整后预算数；表中只有年初预算数时用年初预算数），超出"
         "参数 amount_tolerance（0.01 万元）。",
    why="预算一经批复不得超支；监控时预计超支，说明预算或预计数有误，需要及时调整。",
    bad="调整后预算数 120，全年预计执行数 130。",
    good="全年预计执行数 ≤ 120，或先按程序调整预算。",
    params=("amount_tolerance",),
)  # fmt: skip


def _rows(form: MonitorForm) -> list[IndicatorRow]:
    """Filled indicator rows: not template placeholders, not 其中 rows, not label-only rows."""
    if form.grid is None:
        return []
    return [r for r in form.grid.rows if r.is_scored and not is_label_only(r)]


def _name(row: IndicatorRow) -> str:
    return row.display_name.replace("\n", "") or f"第{row.row + 1}行"


def _pct_text(loc: Located) -> str:
    """The printed rate as the form shows it (a ratio cell as the percentage Excel displays)."""
    value = loc.value
    rate = parse_rate(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and rate is not None:
        return fmt_pct(rate.fraction, rate.percent_decimals)
    return loc.text


# --- M001 / M002 / M006: the money block ----------------------------------------------------------


@M001.checks
def _check_rate(form: MonitorForm, ctx: Context) -> None:
    for money in money_rows(form, ctx.profile.exec_rate_base):
        expected = money.expected_rate
        printed = parse_rate(money.rate.value) if money.rate is not None else None
        if expected is None or printed is None or money.rate is None:
            continue
        if within_2dp(printed.fraction * 100, expected * 100, ctx.profile.rate_tolerance):
            continue
        assert money.base is not None and money.executed is not None
        ctx.report(
            M001, at=money.rate, variant="default" if money.row.role == "total" else "source",
            expected=fmt_pct(expected), actual=_pct_text(money.rate),
            difference=fmt_decimal(abs(round2(printed.fraction * 100) - round2(expected * 100))),
            rate_label=money.rate_label, executed_label=money.executed_label,
            executed=fmt_amount(money.executed), base_label=money.base_label,
            base=fmt_amount(money.base), row_label=shown(money.row.label),
        )  # fmt: skip


@M002.checks
def _check_schedule(form: MonitorForm, ctx: Context) -> None:
    rows = money_rows(form, ctx.profile.exec_rate_base)
    if form.period_month is None or not rows:
        return
    total = next((m for m in rows if m.row.role == "total"), rows[0])
    rate = total.expected_rate
    if rate is None and total.rate is not None:
        printed = parse_rate(total.rate.value)
        rate = printed.fraction if printed is not None else None
    if rate is None:
        return
    progress = time_progress(form.period_month)
    threshold = progress - ctx.profile.monitor_lag
    if round2(rate * 100) >= round2(threshold * 100) or money_explanation(form) is not None:
        return
    at = total.rate if total.rate is not None else total.row.get("period_executed")
    ctx.report(
        M002, at=at, expected=fmt_pct(threshold), actual=fmt_pct(rate),
        rate_label=total.rate_label, rate=fmt_pct(rate), progress=fmt_pct(progress),
        month=form.period_month, lag=fmt_decimal(ctx.profile.monitor_lag * 100),
        threshold=fmt_pct(threshold),
    )  # fmt: skip


@M006.checks
def _check_forecast(form: MonitorForm, ctx: Context) -> None:
    # 全年预算数: the adjusted budget wherever printed, whatever the rate base.
    tolerance = amount_tolerance(form, ctx.profile.amount_tolerance)
    for money in money_rows(form, "budget"):
        forecast = number_of(money.forecast)
        if forecast is None or money.base is None or money.forecast is None:
            continue
        if forecast - money.base <= tolerance:
            continue
        ctx.report(
            M006, at=money.forecast, expected=fmt_amount(money.base), actual=fmt_amount(forecast),
            row_label=shown(money.row.label), forecast_label=money.forecast_label,
            forecast=fmt_amount(forecast), base_label=money.base_label,
            base=fmt_amount(money.base), difference=fmt_amount(forecast - money.base),
            unit=form.unit, unit_en=unit_en(form.unit),
        )  # fmt: skip


# --- M003 / M004 / M005: the indicators -----------------------------------------------------------


@M003.checks
def _check_causes(form: MonitorForm, ctx: Context) -> None:
    for row in _rows(form):
        likely = likelihood_of(row)
        missed = forecast_misses(row)
        unlikely = likely.answer in ("有可能", "完全不可能")
        if not (missed or unlikely):
            continue
        causes = ticked_causes(row)
        needs_cause = bool(row.causes) and not causes
        needs_reason = explanation_asked(row) and explanation(form, row) is None
        if not (needs_cause or needs_reason):
            continue
        missing = "none" if needs_cause and needs_reason else "cause" if needs_cause else "reason"
        first_cause = next(iter(row.causes.values()), None)
        at = first_cause if needs_cause else (row.remark or row.reason)
        ticked = f"已勾选“{'、'.join(causes)}”，但" if causes else ""
        ctx.report(
            M003, at=at or row.forecast or row.name, variant=f"{'missed' if missed else 'unlikely'}_{missing}",
            name=_name(row), forecast=text(row.forecast), target=text(row.target),
            likelihood=likely.answer or "", ticked=ticked,
        )  # fmt: skip


@M004.checks
def _check_likelihood(form: MonitorForm, ctx: Context) -> None:
    for row in _rows(form):
        likely = likelihood_of(row)
        if not likely.asked or likely.cell is None:
            continue
        if likely.by_marks:
            if len(likely.marked) == 1:
                continue
            variant = "none_marked" if not likely.marked else "multiple"
            ctx.report(M004, at=likely.cell, variant=variant, name=_name(row),
                       count=len(likely.marked), marked="、".join(likely.marked))  # fmt: skip
        elif likely.cell.is_empty:
            ctx.report(M004, at=likely.cell, variant="empty", name=_name(row))
        elif likely.answer is None:
            ctx.report(M004, at=likely.cell, variant="invalid", name=_name(row),
                       value=likely.cell.text, actual=likely.cell.text)  # fmt: skip


def _unfilled(loc: Located) -> bool:
    value = loc.value
    return loc.is_empty or (
        isinstance(value, str) and number_of(loc) is None and loc.text in _DASHES
    )


_DASHES = frozenset({"—", "——", "-", "--", "/", "／", "－", "–"})


@M005.checks
def _check_progress(form: MonitorForm, ctx: Context) -> None:
    if form.grid is None:
        return
    header = form.grid.header.row
    for row in _rows(form):
        for key in ("progress", "forecast"):
            loc: Located | None = getattr(row, key)
            if loc is None or not _unfilled(loc):
                continue
            column = _column_label(ctx, header, form.grid.columns[key], key)
            ctx.report(
                M005, at=loc, name=_name(row), column=column, target=text(row.target) or "（空）"
            )


_COLUMN_NAMES = {"progress": "1-N月执行情况", "forecast": "全年预计完成情况"}


def _column_label(ctx: Context, header_row: int, col: int, key: str) -> str:
    """The form's own header text of a grid column (``1-7月执行情况``), else its usual name."""
    if ctx.sheet is not None:
        label = ctx.sheet.text(header_row, col).replace("\n", "").strip()
        if label:
            return label
    return _COLUMN_NAMES[key]


RULES = [M001, M002, M003, M004, M005, M006]
