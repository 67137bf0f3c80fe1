"""``perfcli forms FILE`` for a 部门整体支出绩效自评表: what was read, with the cell of every value."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from perfcli.forms.model import FundingBlock, FundingRow, Located
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.report.forms_view import cell_ref, indicator_line, value_text

_NAMES = {"initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数", "weight": "分值",
          "rate": "执行率", "score": "得分", "carryover": "结余结转", "adjustment": "年中调整",
          "balance": "结余金额", "balance_rate": "结余率", "received": "到位数"}  # fmt: skip
_PARTS = {"basic": "基本支出", "project": "项目支出"}
_TASK_NAMES = {"budget": "预算数", "executed": "执行数", "rate": "执行率"}


def _value(loc: Located | None) -> str:
    return f"{escape(value_text(loc)) or '（空）'} [dim]{cell_ref(loc)}[/]"


def show_selfeval_dept(form: SelfEvalDept, console: Console) -> None:
    """Department, money block (rows, compositions, printed formulas), tasks, goals, indicators,
    total and grade."""
    dept = form.department
    line = f"  部门名称 {_value(dept)}" if dept is not None else "  部门名称：[red]未找到[/]"
    if form.dept_code:
        line += f"  编码 {escape(form.dept_code)}"
    console.print(f"{line}  表样 {form.layout}", soft_wrap=True)
    _show_money(form, console)
    if form.tasks:
        console.print(f"  [bold]年度主要任务[/]（{len(form.tasks)} 项）")
        for task in [*form.tasks, *([form.tasks_total] if form.tasks_total is not None else [])]:
            cells = "  ".join(f"{_TASK_NAMES.get(k, k)} {_value(v)}" for k, v in task.cells.items())
            console.print(f"    {escape(task.name.text[:30])} [dim]{task.name.address}[/]  {cells}",
                          soft_wrap=True)  # fmt: skip
    _show_goals(form, console)
    if form.grid is not None:
        count = len(form.grid.indicators)
        console.print(f"  [bold]绩效指标[/]（表头 {form.grid.header.address}，{count} 项）")
        for ind in form.grid.rows:
            extra = ""
            coefficient = form.coefficients.get(ind.row)
            if coefficient is not None and not coefficient.is_empty:
                extra = f"  得分系数 {_value(coefficient)}"
            console.print(indicator_line(ind) + extra, soft_wrap=True)
        if form.execution_row is not None:
            console.print("  预算执行行：" + indicator_line(form.execution_row), soft_wrap=True)
    else:
        console.print("  绩效指标：[red]未找到[/]")
    if form.total is not None:
        t = form.total
        console.print(f"  总分（{escape(t.label.text)}）：分值 {_value(t.weight)}  得分 {_value(t.score)}  "
                      f"等级 {form.grade_word or '—'} [dim]{cell_ref(form.grade)}[/]")  # fmt: skip


def _show_money(form: SelfEvalDept, console: Console) -> None:
    if form.funding is None:
        if "funding" in form.required_blocks:
            console.print("  资金：[red]未找到[/]")
        return
    console.print(f"  [bold]资金[/]（表头 {form.funding.header.address}）")
    rows: dict[tuple[int, int], FundingRow] = {}
    for block in form.compositions or [form.funding]:
        for row in block.rows:
            rows.setdefault((row.label.row, row.label.col), row)
    for _, row in sorted(rows.items()):
        console.print(_money_row(form.funding, row, form), soft_wrap=True)
    for formula in form.formulas:
        console.print(f"    表头公式 {escape(formula.text)} [dim]{formula.header.address}[/]")


def _money_row(block: FundingBlock, row: FundingRow, form: SelfEvalDept) -> str:
    part = next((_PARTS[k] for k, r in form.parts.items() if r is row), "")
    role = "合计" if row.role == "total" else part or "组成"
    parts = [f"    {escape(row.label.text)}（{role}）[dim]{row.label.address}[/]"]
    for key, loc in row.cells.items():
        if key != "reason":
            parts.append(f"{escape(block.labels.get(key) or _NAMES.get(key, key))} {_value(loc)}")
    return "  ".join(parts)


def _show_goals(form: SelfEvalDept, console: Console) -> None:
    goals = form.goals
    if goals is None:
        if "goals" in form.required_blocks:
            console.print("  年度总体目标：[red]未找到[/]")
        return
    expected = ", ".join(loc.address for loc in goals.expected)
    actual = ", ".join(loc.address for loc in goals.actual)
    console.print(
        f"  预期目标 [dim]{expected}[/]：{escape(goals.expected_text[:60])}", soft_wrap=True
    )
    console.print(f"  实际完成 [dim]{actual}[/]：{escape(goals.actual_text[:60])}", soft_wrap=True)
