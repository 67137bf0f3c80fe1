"""``perfcli forms FILE`` for a 绩效运行监控表: what was read, with the cell of every value."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from perfcli.forms.model import IndicatorRow, Located
from perfcli.forms.model_monitor import MonitorDept, MonitorForm
from perfcli.report.forms_view import cell_ref, indicator_line, value_text

_MONEY = {"initial": "年初预算数", "budget": "调整后预算数", "period_executed": "1-N月执行数",
          "period_rate": "执行率", "forecast": "全年预计执行数", "reason": "原因"}  # fmt: skip
_ROLES = {"total": "总额", "source": "来源"}


def _value(loc: Located | None) -> str:
    return f"{escape(value_text(loc)) or '（空）'} [dim]{cell_ref(loc)}[/]"


def show_monitor(form: MonitorForm, console: Console) -> None:
    """Period, money with its cells, goals and their progress, every indicator with its progress,
    forecast, causes, likelihood and remark."""
    if isinstance(form, MonitorDept) and form.dept_code:
        console.print(f"  部门编码 {escape(form.dept_code)}")
    if form.period_month is not None:
        console.print(f"  监控期间 1-{form.period_month}月 [dim]{cell_ref(form.period_cell)}[/]")
    else:
        console.print("  监控期间：[red]未找到[/]（时间进度无法计算）")
    _show_money(form, console)
    goals = form.goals
    if goals is not None:
        for label, cells in (("年度总体目标", goals.expected), ("执行情况", goals.actual)):
            text = "".join(loc.text for loc in cells)[:60]
            where = ", ".join(loc.address for loc in cells)
            console.print(f"  {label} [dim]{where}[/]：{escape(text) or '（空）'}", soft_wrap=True)
    else:
        console.print("  年度总体目标：[red]未找到[/]")
    if form.grid is not None:
        console.print(
            f"  [bold]绩效指标[/]（表头 {form.grid.header.address}，{len(form.indicators)} 项）"
        )
        for ind in form.grid.rows:
            console.print(indicator_line(ind) + _monitoring(ind), soft_wrap=True)
    else:
        console.print("  绩效指标：[red]未找到[/]")
    if form.total is not None:
        console.print(f"  合计 {escape(form.total.label.text)}：权重 {_value(form.total.weight)}")
    for loc in form.form_reasons:
        console.print(f"  说明 [dim]{loc.address}[/]：{escape(loc.text[:60])}", soft_wrap=True)


def _show_money(form: MonitorForm, console: Console) -> None:
    block = form.funding
    if block is None:
        console.print("  资金：[red]未找到[/]")
        return
    console.print(
        f"  [bold]资金[/]（表头 {block.header.address}，执行率分母：{_MONEY[block.rate_base]}）"
    )
    for row in block.rows:
        parts = [
            f"    {escape(row.label.text)}（{_ROLES.get(row.role, row.role)}）[dim]{row.label.address}[/]"
        ]
        for key, loc in row.cells.items():
            name = block.labels.get(key) or _MONEY.get(key, key)
            parts.append(f"{escape(name)} {_value(loc)}")
        console.print("  ".join(parts), soft_wrap=True)


def _monitoring(ind: IndicatorRow) -> str:
    parts = []
    for label, loc in (("执行情况", ind.progress), ("预计", ind.forecast)):
        if loc is not None:
            parts.append(f"{label} {_value(loc)}")
    for name, loc in {**ind.causes, **ind.likelihood_marks}.items():
        if not loc.is_empty:
            parts.append(f"{name} {_value(loc)}")
    if ind.likelihood is not None:
        parts.append(f"可能性 {_value(ind.likelihood)}")
    if ind.remark is not None and not ind.remark.is_empty:
        parts.append(f"备注 {escape(ind.remark.text[:30])} [dim]{ind.remark.address}[/]")
    return ("  " + "  ".join(parts)) if parts else ""
