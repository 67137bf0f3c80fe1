"""Readings several rules share, so that one notion is never judged two ways.

* what counts as a **reason** (rules.md clarifications: a non-empty cell; ``无 / — 0`` are not;
  printed instruction text is not);
* **instruction text** left from a template (S003, and not a reason);
* the **execution figures** of a self-evaluation (budget base, executed, printed rate, weight,
  score), whichever layout they came from;
* tolerant comparison at the printed precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from perfcli.forms.model import (
    Form,
    IndicatorGrid,
    IndicatorRow,
    Located,
    SelfEvalProject,
    number_of,
    text_of,
)
from perfcli.forms.normalize import squash
from perfcli.io.values import Rate, parse_rate

# The money columns that hold amounts, and how people name them.
AMOUNT_COLUMNS = ("initial", "budget", "executed", "received")
COLUMN_NAMES = {"initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数", "received": "资金到位数",
                "midterm": "中期资金", "previous": "近两年收支金额"}  # fmt: skip
COLUMN_NAMES_EN = {"initial": "initial budget", "budget": "full-year budget", "executed": "full-year spending",
                   "received": "funds received", "midterm": "medium-term funds",
                   "previous": "last two years"}  # fmt: skip

NOT_REASONS = frozenset(
    {"无", "/", "／", "—", "——", "-", "--", "0", "0.00", "无。", "没有", "暂无", "空", "N/A"}
)

# Printed instructions of the templates: "(100字以内)", "对照年度目标，说明…", "结合自评情况，…".
_INSTRUCTION_MARK = re.compile(r"[(（]\s*\d+\s*字以内\s*[)）]")
_INSTRUCTION_START = re.compile(
    r"^(?:\d[.、])?(?:对照年度目标|结合自评情况|针对项目自评中|针对自评中|说明|请填写|请说明|填写|简要说明|根据|"
    r"预算执行率=|按照|注[:：])"
)


def is_instruction_text(text: str) -> bool:
    """A cell that holds only printed instruction text (``对照年度目标，说明…(100字以内)``)."""
    t = squash(text)
    if not t:
        return False
    if _INSTRUCTION_MARK.search(t) and _INSTRUCTION_START.match(t):
        return True
    if _INSTRUCTION_MARK.fullmatch(t):
        return True
    # Sichuan's printed fill-in rule in the 原因 cell.
    return t.startswith("1.预算执行率=") or ("字以内" in t and t.count("字以内") >= 2)


def is_reason(loc: Located | None) -> bool:
    """A real explanation: non-empty, not a placeholder or ``0``, not template instructions."""
    if loc is None or loc.is_empty:
        return False
    text = squash(loc.text)
    if text in NOT_REASONS:
        return False
    return not is_instruction_text(text)


def form_reason(form: SelfEvalProject) -> Located | None:
    """A form-level explanation (偏差大或目标未完成原因分析, 存在问题, 原因…), if one is filled."""
    for loc in form.form_reasons:
        if is_reason(loc):
            return loc
    return None


def funding_reason(form: SelfEvalProject) -> Located | None:
    """The funding block's 原因/说明 cell (any row), if filled with a real explanation."""
    if form.funding is None:
        return None
    for row in form.funding.rows:
        loc = row.get("reason")
        if is_reason(loc):
            return loc
    return None


@dataclass
class Execution:
    """The execution figures of a self-evaluation, read the same way for every layout."""

    budget: (
        Located | None
    )  # the denominator cell (全年/调整后预算数, or 年初预算数 where that is the base)
    budget_label: str  # how the form names the denominator (for messages)
    initial: Located | None
    executed: Located | None
    rate: Located | None  # printed 执行率
    weight: Decimal | None  # 分值/权重 of execution (cell, or label "(20分)", or Hebei's row)
    weight_cell: Located | None
    score: Located | None  # printed execution 得分
    base: str = "budget"  # the canonical funding column of ``budget`` (budget | initial)
    executed_label: str = "全年执行数"  # how the form names 执行数 (for messages)

    @property
    def budget_value(self) -> Decimal | None:
        return number_of(self.budget)

    @property
    def executed_value(self) -> Decimal | None:
        return number_of(self.executed)

    @property
    def expected_rate(self) -> Decimal | None:
        """全年执行数 ÷ 预算数 as a fraction (None when either is missing or the budget is 0)."""
        budget, executed = self.budget_value, self.executed_value
        if budget is None or executed is None or budget == 0:
            return None
        return executed / budget

    @property
    def printed_rate(self) -> Rate | None:
        return parse_rate(self.rate.value) if self.rate is not None else None


_BUDGET_LABEL = {"budget": "全年预算数", "initial": "年初预算数"}


def execution(form: SelfEvalProject, base: str = "budget") -> Execution | None:
    """The execution figures, or None when the form has no money block with a total row.

    ``base`` is the profile's ``exec_rate_base``; a layout without that column falls back to the
    column it has (Beijing 2016 divides by 年初预算数(A)).
    """
    block = form.funding
    if block is None or block.total is None:
        return None
    total = block.total
    column = base if block.has(base) else block.rate_base
    if not block.has(column):
        column = "budget" if block.has("budget") else "initial"
    label_cell = _header_label(form, column)
    weight_cell = total.get("weight")
    weight = number_of(weight_cell)
    if weight is None and block.weight_from_label is not None:
        weight, weight_cell = block.weight_from_label, None
    score = total.get("score")
    if form.execution_row is not None:
        row = form.execution_row
        if weight is None:
            weight, weight_cell = number_of(row.weight), row.weight
        if score is None:
            score = row.score
    return Execution(
        budget=total.get(column),
        budget_label=label_cell or _BUDGET_LABEL.get(column, "预算数"),
        initial=total.get("initial"),
        executed=total.get("executed"),
        rate=total.get("rate"),
        weight=weight,
        weight_cell=weight_cell,
        score=score,
        base=column,
        executed_label=_header_label(form, "executed") or "全年执行数",
    )


def _header_label(form: SelfEvalProject, column: str) -> str:
    """The form's own header text for a money column ("调整后预算数", "预算数(A)")."""
    block = form.funding
    return "" if block is None else block.labels.get(column, "")


def within(a: Decimal, b: Decimal, tolerance: Decimal) -> bool:
    return abs(a - b) <= tolerance + Decimal("1e-9")


_CENT = Decimal("0.01")


def round2(value: Decimal) -> Decimal:
    """Rounded half-up to 2 decimals: the precision rates (as %) and scores are compared at."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def within_2dp(a: Decimal, b: Decimal, tolerance: Decimal) -> bool:
    """Equal after both are rounded to 2 decimals, give or take ``tolerance`` (the team's rule:
    ``86%`` vs 86.20% differs, ``10.77%`` vs 10.774% and ``2.16`` vs 2.1548 do not)."""
    return within(round2(a), round2(b), tolerance)


def amount_tolerance(form: Form, tolerance: Decimal) -> Decimal:
    """The profile's amount tolerance (in 万元) in the form's own unit: ×10 000 for a 元 table."""
    return tolerance * 10000 if form.unit == "元" else tolerance


def filled_number(loc: Located | None) -> bool:
    """The cell holds a number (not empty, not a ``—`` / ``/`` placeholder, not bad text)."""
    return loc is not None and loc.number.ok


def counted_rows(grid: IndicatorGrid | None) -> list[IndicatorRow]:
    """The indicator rows of a grid whose 分值/得分 count towards the totals, each once.

    Unfilled template rows and unscored ``其中`` breakdowns are left out; of a numbered parent row
    and its children, the parent counts when it carries a 分值 or 得分 itself (the children are
    its parts, A019), otherwise the children do. Any form kind with a grid can use it.
    """
    if grid is None:
        return []
    rows = [r for r in grid.rows if r.is_scored]
    scored_parents = {
        r.row for r in rows if r.children and (filled_number(r.weight) or filled_number(r.score))
    }
    return [r for r in rows if r.parent is None or r.parent not in scored_parents]


def counted_indicators(form: SelfEvalProject) -> list[IndicatorRow]:
    """``counted_rows`` of a self-evaluation's indicator grid."""
    return counted_rows(form.grid)


def text(loc: Located | None) -> str:
    return text_of(loc)


def shown(loc: Located | None) -> str:
    """A label as the form prints it, for messages: line breaks and spaces removed, nothing else
    changed (``其中：财政资金`` keeps its full-width colon), a trailing colon dropped."""
    return re.sub(r"\s+", "", text_of(loc)).rstrip(":：")
