"""``perfcli forms FILE`` for a 部门整体支出绩效目标表: what was read, with the cell of every value."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from perfcli.forms.model import FundingBlock, Located, TargetDept, TaskRow
from perfcli.report.forms_view import cell_ref, indicator_line, value_text

_MONEY_NAMES = {"budget": "金额", "previous": "近两年", "share": "占比"}
_TASK_NAMES = {"budget": "总额", "fiscal": "财政拨款", "other": "其他资金"}
_ROLE_NAMES = {"total": "合计", "source": "组成"}


def _value(loc: Located | None) -> str:
    return f"{escape(value_text(loc)) or '（空）'} [dim]{cell_ref(loc)}[/]"


def show_target_dept(form: TargetDept, console: Console) -> None:
    """Department, money blocks, tasks with their cells, goals and every indicator as parsed."""
    dept = form.department
    line = f"  部门名称 {_value(dept)}" if dept is not None else "  部门名称：[red]未找到[/]"
    if form.dept_code:
        line += f"  编码 {escape(form.dept_code)}"
    console.print(line, soft_wrap=True)
    _show_money(form, console)
    if form.summary is not None:
        console.print(f"  部门职能概述 [dim]{form.summary.address}[/]：{escape(form.summary.text[:60])}",
                      soft_wrap=True)  # fmt: skip
    _show_tasks(form, console)
    if form.goals is not None and form.goals.expected:
        console.print(
            f"  [bold]年度总体目标[/]（{form.goals.header.address}，{len(form.goals.expected)} 项）"
        )
        for goal in form.goals.expected:
            console.print(f"    [dim]{goal.address}[/] {escape(goal.text[:80])}", soft_wrap=True)
    else:
        console.print("  年度总体目标：[red]未找到[/]")
    if form.grid is not None:
        count = len(form.grid.indicators)
        console.print(f"  [bold]绩效指标[/]（表头 {form.grid.header.address}，{count} 项）")
        for ind in form.grid.rows:
            console.print(indicator_line(ind), soft_wrap=True)
    else:
        console.print("  绩效指标：[red]未找到[/]")


def _show_money(form: TargetDept, console: Console) -> None:
    blocks = form.compositions or ([form.funding] if form.funding is not None else [])
    if not blocks:
        if "funding" in form.required_blocks:
            console.print("  资金：[red]未找到[/]")
        return
    for block in blocks:
        console.print(f"  [bold]资金[/] {escape(block.header.text)} [dim]{block.header.address}[/]",
                      soft_wrap=True)  # fmt: skip
        for row in block.rows:
            console.print(_money_row(block, row.label, row.role, row.cells), soft_wrap=True)


def _money_row(block: FundingBlock, label: Located, role: str, cells: dict[str, Located]) -> str:
    parts = [f"    {escape(label.text)}（{_ROLE_NAMES.get(role, role)}）[dim]{label.address}[/]"]
    for key, loc in cells.items():
        name = block.labels.get(key) or _MONEY_NAMES.get(key, key)
        parts.append(f"{escape(name)} {_value(loc)}")
    return "  ".join(parts)


def _show_tasks(form: TargetDept, console: Console) -> None:
    if not form.tasks and form.tasks_total is None:
        if "tasks" in form.required_blocks:
            console.print("  年度主要任务：[red]未找到[/]")
        return
    console.print(f"  [bold]年度主要任务[/]（{len(form.tasks)} 项）")
    for task in form.tasks:
        console.print(_task_line(task), soft_wrap=True)
    if form.tasks_total is not None:
        console.print(_task_line(form.tasks_total, total=True), soft_wrap=True)


def _task_line(task: TaskRow, *, total: bool = False) -> str:
    where = f"第{task.row + 1}行 " if task.row >= 0 else ""
    head = "合计" if total else where + escape(task.name.text[:30] or "（无名称）")
    parts = [f"    {head} [dim]{task.name.address}[/]"]
    for label, loc in (("职能", task.function), ("支出项目", task.project), ("内容", task.content)):
        if loc is not None and not total:
            parts.append(f"{label} {escape(loc.text[:30])} [dim]{loc.address}[/]")
    for key, loc in task.cells.items():
        parts.append(f"{_TASK_NAMES.get(key, key)} {_value(loc)}")
    return "  ".join(parts)
