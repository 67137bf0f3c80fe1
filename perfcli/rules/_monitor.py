"""Readings the monitoring rules (M001–M006) share: one notion, judged one way.

* the **money figures** of a row of the money block: the budget base (``exec_rate_base``: 调整后/
  全年预算数, else 年初预算数), 1-N月执行数, the printed rate and 全年预计执行数;
* **time progress**: N/12 of the period;
* the **answer** to 完成目标可能性, from a text cell or from three tick columns;
* which **causes** a row ticks, and whether a deviation is **explained** (备注, a cause written out,
  a 偏差原因 column, or a form-level explanation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from perfcli.forms.model import FundingBlock, FundingRow, IndicatorRow, Located, number_of
from perfcli.forms.model_monitor import MonitorForm
from perfcli.forms.monitor_vocab import likelihood_word, mark_state
from perfcli.io.values import target_met
from perfcli.rules.common import is_reason

_BASE_NAMES = {"budget": "调整后预算数", "initial": "年初预算数"}
_MISSED_GRADES = frozenset({"partial", "missed", "no"})


@dataclass(frozen=True)
class Money:
    """The figures of one money row, named as the form names their columns."""

    row: FundingRow
    base: Decimal | None  # the denominator: 调整后/全年预算数 (or 年初预算数)
    base_label: str
    executed: Decimal | None
    executed_label: str
    rate: Located | None  # the printed 1-N月执行率
    rate_label: str
    forecast: Located | None  # 全年预计执行数
    forecast_label: str

    @property
    def expected_rate(self) -> Decimal | None:
        """1-N月执行数 ÷ 预算数 as a fraction; None when either is missing or the base is not > 0."""
        if self.base is None or self.executed is None or self.base <= 0:
            return None
        return self.executed / self.base


def base_column(block: FundingBlock, base: str) -> str:
    """The budget column rates divide by: the profile's, else the one the block has."""
    column = base if block.has(base) else block.rate_base
    if not block.has(column):
        column = "budget" if block.has("budget") else "initial"
    return column


def money_rows(form: MonitorForm, base: str) -> list[Money]:
    """Every row of the money block (total first), with its figures."""
    block = form.funding
    if block is None:
        return []
    column = base_column(block, base)
    names = block.labels
    return [
        Money(
            row=row,
            base=number_of(row.get(column)),
            base_label=names.get(column) or _BASE_NAMES.get(column, "预算数"),
            executed=number_of(row.get("period_executed")),
            executed_label=names.get("period_executed") or "1-N月执行数",
            rate=row.get("period_rate"),
            rate_label=names.get("period_rate") or "执行率",
            forecast=row.get("forecast"),
            forecast_label=names.get("forecast") or "全年预计执行数",
        )
        for row in block.rows
    ]


def time_progress(month: int) -> Decimal:
    """Time progress at the end of month N: N/12."""
    return Decimal(month) / Decimal(12)


# --- indicators -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Likelihood:
    """What a row answers to 完成目标可能性."""

    answer: str | None  # 确定能 / 有可能 / 完全不可能, when exactly one valid answer is given
    cell: Located | None  # the text cell, or the (first) marked tick cell
    marked: list[str] = field(default_factory=list)  # tick columns marked
    asked: bool = False  # the layout has a likelihood column (or tick columns)
    by_marks: bool = False


def likelihood_of(row: IndicatorRow) -> Likelihood:
    if row.likelihood_marks:
        marked = [k for k, loc in row.likelihood_marks.items() if mark_state(loc) != "none"]
        first = (
            row.likelihood_marks[marked[0]] if marked else next(iter(row.likelihood_marks.values()))
        )
        answer = marked[0] if len(marked) == 1 else None
        return Likelihood(answer, first, marked, asked=True, by_marks=True)
    if row.likelihood is not None:
        word = likelihood_word(row.likelihood.text) if not row.likelihood.is_empty else None
        return Likelihood(word, row.likelihood, asked=True)
    return Likelihood(None, None)


def ticked_causes(row: IndicatorRow) -> list[str]:
    """The causes a row marks (ticked or written out)."""
    return [name for name, loc in row.causes.items() if mark_state(loc) != "none"]


def form_reason(form: MonitorForm) -> Located | None:
    """A filled form-level explanation (偏差原因分析及纠偏措施, 说明 …)."""
    return next((loc for loc in form.form_reasons if is_reason(loc)), None)


def explanation(form: MonitorForm, row: IndicatorRow) -> Located | None:
    """Where a row's deviation is explained: 备注, a 偏差原因 text column, a cause written out as
    text (not a tick), or the form-level explanation."""
    for loc in (row.remark, row.reason):
        if is_reason(loc):
            return loc
    for loc in row.causes.values():
        if mark_state(loc) == "text" and is_reason(loc):
            return loc
    return form_reason(form)


def explanation_asked(row: IndicatorRow) -> bool:
    """Whether the layout has somewhere to explain a deviation (a 备注 or 偏差原因 column)."""
    return row.remark is not None or row.reason is not None


def forecast_misses(row: IndicatorRow) -> bool:
    """全年预计完成情况 falls short of the 年度指标值 (a number or deadline that misses it, or a
    qualitative forecast such as 部分完成 / 未完成 / 否)."""
    target, forecast = row.target_value, row.forecast_value
    if target is None or forecast is None:
        return False
    if forecast.kind == "qualitative":
        return forecast.grade in _MISSED_GRADES
    return target_met(target, forecast) is False


def money_explanation(form: MonitorForm) -> Located | None:
    """An explanation of slow spending: the money block's 原因/说明 cell, a form-level explanation,
    or any deviation cause marked in the indicator grid (rules.md: "no cause ticked and no
    explanation")."""
    if form.funding is not None:
        for row in form.funding.rows:
            if is_reason(row.get("reason")):
                return row.get("reason")
    found = form_reason(form)
    if found is not None:
        return found
    for ind in form.indicators:
        for loc in ind.causes.values():
            if mark_state(loc) != "none":
                return loc
    return None
