"""``perfcli forms FILE`` for a 项目支出绩效目标表: what was read, with the cell of every value.

Every indicator is shown with its parsed target — comparator, number, unit and kind — and the cell
the target came from (and, in split layouts, the 指标性质 and 度量单位 cells it was read with).
"""

from __future__ import annotations

import calendar

from rich.console import Console
from rich.markup import escape

from perfcli.forms.model import CostRow, IndicatorGrid, IndicatorRow, Located, TargetProject
from perfcli.io.values import IndicatorValue
from perfcli.report.forms_view import cell_ref, value_text

_LAYOUT_ZH = {
    "target_national": "88号申报表",
    "target_side_by_side": "长期/年度并列",
    "target_split": "指标性质/指标值/度量单位分栏",
    "target_export": "一体化导出（多项目）",
    "target_cost": "成本测算",
    "target_scored": "计分审批表",
    "target_graded": "优良中差分级",
}
_MONEY_ZH = {"budget": "年度", "midterm": "中期"}
_ROLE_ZH = {"total": "合计", "source": "来源"}
_KIND_ZH = {
    "quantitative": "定量",
    "qualitative": "定性",
    "deadline": "时限",
    "vague": "模糊",
    "empty": "空",
}
_OPERATOR_ZH = {">=": "≥", "<=": "≤"}


def _one_line(text: str) -> str:
    return escape(" ".join(text.split()))


def _value(loc: Located | None) -> str:
    return f"{_one_line(value_text(loc)) or '（空）'} [dim]{cell_ref(loc)}[/]"


def show_target_project(form: TargetProject, console: Console) -> None:
    """Money, cost build-up, goals and every grid with each indicator as parsed, cells included."""
    console.print(f"  表样 {_LAYOUT_ZH.get(form.layout, form.layout or '—')}")
    for label, loc in form.attributes.items():
        console.print(f"  {escape(label)} {_value(loc)}", soft_wrap=True)
    _show_funding(form, console)
    _show_cost(form, console)
    _show_goals(form, console)
    if form.execution_weight is not None:
        weight = f"{form.execution_weight.normalize():f}"
        console.print(f"  预算执行 {weight}分 [dim]{cell_ref(form.execution_cell)}[/]")
    shown = False
    notes: dict[int, list[Located]] = {}
    for note in form.notes:
        notes.setdefault(note.row, []).append(note)
    for title, grid in (("中期绩效指标", form.midterm_grid), ("年度绩效指标", form.grid)):
        if grid is not None:
            _show_grid(title, grid, notes, console)
            shown = True
    if not shown:
        console.print("  绩效指标：[red]未找到[/]")
    if form.total is not None:
        console.print(f"  {_one_line(form.total.label.text)} [dim]{form.total.label.address}[/]  "
                      f"分值 {_value(form.total.weight)}")  # fmt: skip


def _show_funding(form: TargetProject, console: Console) -> None:
    block = form.funding
    if block is None:
        if "funding" in form.required_blocks:
            console.print("  资金：[red]未找到[/]")
        return
    unit = f"（{form.unit}）" if form.unit else ""
    console.print(f"  [bold]资金[/]{unit} {_one_line(block.header.text)} [dim]{block.header.address}[/]",
                  soft_wrap=True)  # fmt: skip
    for row in block.rows:
        parts = [f"    {_ROLE_ZH.get(row.role, row.role)} {_one_line(row.label.text)} "
                 f"[dim]{row.label.address}[/]"]  # fmt: skip
        for key, loc in row.cells.items():
            parts.append(f"{_MONEY_ZH.get(key, key)} {_value(loc)}")
        console.print("  ".join(parts), soft_wrap=True)


def _show_cost(form: TargetProject, console: Console) -> None:
    cost = form.cost
    if cost is None:
        return
    console.print(f"  [bold]成本测算[/] {_one_line(cost.header.text)} [dim]{cost.header.address}[/]",
                  soft_wrap=True)  # fmt: skip
    for line in (*cost.rows, *([cost.total] if cost.total is not None else [])):
        console.print(_cost_line(line), soft_wrap=True)


def _cost_line(line: CostRow) -> str:
    parts = [f"    {_one_line(line.label.text)} [dim]{line.label.address}[/]",
             f"金额 {_value(line.amount)}"]  # fmt: skip
    for name, loc in line.others.items():
        parts.append(f"{escape(name)} {_value(loc)}")
    if line.basis is not None and not line.basis.is_empty:
        parts.append(f"依据 {_value(line.basis)}")
    return "  ".join(parts)


def _show_goals(form: TargetProject, console: Console) -> None:
    goals = form.goals
    if goals is None:
        console.print("  年度目标：[red]未找到[/]")
        return
    for title, cells in (("中期目标", goals.midterm), ("年度目标", goals.expected)):
        if title == "中期目标" and not cells:
            continue
        if not cells:
            console.print(f"  {title}：[red]未填写[/]")
        for loc in cells:
            console.print(
                f"  {title} [dim]{loc.address}[/]：{_one_line(loc.text)[:80]}", soft_wrap=True
            )


def _show_grid(
    title: str, grid: IndicatorGrid, notes: dict[int, list[Located]], console: Console
) -> None:
    label = f" {_one_line(grid.block_label.text)}" if grid.block_label is not None else ""
    weight = ""
    if grid.weight_from_label is not None:
        weight = f"，权重合计应为 {grid.weight_from_label.normalize():f}"
    console.print(f"  [bold]{title}[/]{label}（表头 {grid.header.address}，"
                  f"{len(grid.indicators)} 项{weight}）", soft_wrap=True)  # fmt: skip
    for ind in grid.rows:
        line = target_indicator_line(ind)
        for note in notes.get(ind.row, []):
            line += f"  说明 {_value(note)}"
        console.print(line, soft_wrap=True)


def parsed_text(value: IndicatorValue | None) -> str:
    """``比较符 ≥ 数值 95 单位 % 类型 定量``: the parsed target, every part named."""
    if value is None:
        return "类型 空"
    operator = _OPERATOR_ZH.get(value.operator or "", value.operator or "") or "—"
    if value.kind == "deadline" and value.date_key is not None:
        number = _date_text(value.date_key)
    elif value.number is not None:
        number = f"{value.number.normalize():f}"
        if value.upper is not None:
            number += f"～{value.upper.normalize():f}"
    else:
        number = "—"
    unit = value.unit or "—"
    kind = _KIND_ZH.get(value.kind, value.kind)
    extra = f" 标准 {value.tag}" if value.tag else ""
    return f"比较符 {escape(operator)} 数值 {escape(number)} 单位 {escape(unit)} 类型 {kind}{extra}"


def target_indicator_line(ind: IndicatorRow) -> str:
    """One indicator: its levels, the target with its cell and parse, then weight and grades."""
    levels = "/".join(
        x.replace("\n", "") for x in (ind.level1_name, ind.level2_name, text_of_name(ind)) if x
    )
    flag = " [dim](模板空行)[/]" if ind.is_placeholder else ""
    parts = [f"    第{ind.row + 1}行 {_one_line(levels)}{flag}"]
    if ind.target is not None or ind.target_value is not None:
        parts.append(f"指标值 {_value(ind.target)} → {parsed_text(ind.target_value)}")
    for label, loc in (("指标性质", ind.nature), ("度量单位", ind.unit), ("权重", ind.weight),
                       ("方向", ind.direction)):  # fmt: skip
        if loc is not None:
            parts.append(f"{label} {_value(loc)}")
    for grade, loc in ind.grades.items():
        parts.append(f"{grade} {_value(loc)}")
    return "  ".join(parts)


def text_of_name(ind: IndicatorRow) -> str:
    """The 三级 name as written (a grid without a 三级 column has none)."""
    return "" if ind.name is None else ind.name.text


def _date_text(key: int) -> str:
    """A deadline's key (yyyymmdd, or mmdd without a year); a month's last day reads as the month."""
    year, rest = divmod(key, 10000)
    month, day = divmod(rest, 100)
    month_end = calendar.monthrange(year or 2001, month)[1] if 1 <= month <= 12 else 31
    text = f"{month}月" if day in (0, month_end) else f"{month}月{day}日"
    return f"{year}年{text}" if year else text
