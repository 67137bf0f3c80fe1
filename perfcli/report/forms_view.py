"""``perfcli forms FILE``: what perfcli recognised and read, with the cell of every value."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from perfcli.engine_model import FileResult
from perfcli.findings import Finding
from perfcli.forms.kinds import kind_name
from perfcli.forms.model import (
    Form,
    IndicatorRow,
    Located,
    SelfEvalProject,
    TargetDept,
    TargetProject,
)
from perfcli.forms.model_monitor import MonitorForm
from perfcli.forms.model_package import SelfEvalReport, SelfEvalSummary
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.reconcile.model import Accounts


def cell_ref(loc: Located | None) -> str:
    return "" if loc is None else loc.address


def value_text(loc: Located | None) -> str:
    return "" if loc is None else loc.text


def show_forms(path: Path, lang: str = "zh", console: Console | None = None) -> int:
    """Read ``path`` in a worker process (as ``check`` does) and print what was read.

    Returns how many forms were found; a file perfcli cannot read prints its E finding.
    """
    from perfcli.engine_view import read_for_view

    return show_result(read_for_view(str(path)), lang, console)


def show_result(result: FileResult, lang: str = "zh", console: Console | None = None) -> int:
    """Print the reading problems of a checked file, then each form it holds; how many forms."""
    console = console or Console()
    for finding in reading_findings(result):
        message = finding.message_en if lang == "en" and finding.message_en else finding.message
        where = " ".join(x for x in (finding.sheet, finding.cell) if x)
        colour = "red" if finding.severity == "error" else "yellow"
        console.print(
            f"[{colour}]{finding.code}[/] {escape(message)}"
            + (f" [dim]{where}[/]" if where else ""),
            soft_wrap=True,
        )
    unreadable = any(f.code in _UNREADABLE for f in result.findings)
    if not result.models and not unreadable:  # read, but nothing recognised
        console.print("[yellow]未识别到表单[/]")
    for form in result.models:
        _show(form, console, lang)
    return len(result.models)


# The file was not read at all: unreadable, encrypted, over a limit, or not a kind perfcli reads
# (E003) — its finding says so, and "no form recognised" would be a second, vaguer answer.
_UNREADABLE = frozenset({"E001", "E002", "E003", "E004"})


def reading_findings(result: FileResult) -> list[Finding]:
    """The findings about reading the file (E001–E005), and all of them when nothing was read
    (R009: no 决算 table); the findings about the forms' contents are ``check``'s to show."""
    if not result.models:
        return list(result.findings)
    return [f for f in result.findings if f.code.startswith("E")]


def _show(form: Form, console: Console, lang: str) -> None:
    head = Text()
    head.append(kind_name(form.kind, lang), style="bold")
    if form.kind == "selfeval_report":  # a Word document: paragraphs, not cells
        head.append(f"  {form.sheet} {form.range}")
    else:
        head.append(f"  工作表 {form.sheet}  范围 {form.range}")
    if form.hidden_sheet:
        head.append("  （隐藏工作表）", style="yellow")
    console.print(head)
    ident = Table(box=None, padding=(0, 1), show_header=False)
    ident.add_column(style="bold")
    ident.add_column()
    ident.add_column(style="dim")
    fields: tuple[tuple[str, Located | None], ...]
    if form.kind == "selfeval_report":
        fields = (("标题", form.title), ("部门名称", form.department), ("年度", form.year_cell))
    elif form.kind.endswith("_dept") or form.kind in ("selfeval_summary", "accounts"):
        fields = (("标题", form.title), ("部门名称", form.department), ("年度", form.year_cell),
                  ("金额单位", form.unit_cell))  # fmt: skip
    else:
        fields = (
            ("标题", form.title), ("项目名称", form.project_name), ("主管部门", form.department),
            ("实施单位", form.implementer), ("年度", form.year_cell), ("金额单位", form.unit_cell),
        )  # fmt: skip
    for label, loc in fields:
        value = value_text(loc)
        if label == "年度" and form.year:
            value = f"{form.year}"
        if label == "金额单位" and form.unit:
            value = form.unit
        where = cell_ref(loc)
        if form.kind == "selfeval_report" and loc is not None:
            where = f"第{loc.row + 1}段"
        ident.add_row(label, value or "[red]（未找到）[/]", where)
    if form.project_code:
        ident.add_row("项目编码", form.project_code, "")
    console.print(ident)
    if isinstance(form, SelfEvalProject):
        _show_selfeval(form, console)
    elif isinstance(form, TargetProject):
        from perfcli.report.forms_view_target import show_target_project

        show_target_project(form, console)
    elif isinstance(form, TargetDept):
        from perfcli.report.forms_view_dept import show_target_dept

        show_target_dept(form, console)
    elif isinstance(form, SelfEvalDept):
        from perfcli.report.forms_view_selfeval_dept import show_selfeval_dept

        show_selfeval_dept(form, console)
    elif isinstance(form, MonitorForm):
        from perfcli.report.forms_view_monitor import show_monitor

        show_monitor(form, console)
    elif isinstance(form, SelfEvalSummary):
        from perfcli.report.forms_view_package import show_summary

        show_summary(form, console)
    elif isinstance(form, SelfEvalReport):
        from perfcli.report.forms_view_report import show_report

        show_report(form, console)
    elif isinstance(form, Accounts):
        from perfcli.report.forms_view_accounts import show_accounts

        show_accounts(form, console)
    else:
        console.print("  （此类表单的详细字段将在后续版本中读取）", style="dim")
    console.print()


_NAMES = {"initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数", "received": "到位数",
          "weight": "分值", "rate": "执行率", "score": "得分", "reason": "原因"}  # fmt: skip
_KIND_ZH = {
    "quantitative": "定量",
    "qualitative": "定性",
    "deadline": "时限",
    "vague": "模糊",
    "empty": "空",
}


def _show_selfeval(form: SelfEvalProject, console: Console) -> None:
    if form.funding is not None:
        console.print(f"  [bold]资金[/]（表头 {form.funding.header.address}）")
        for row in form.funding.rows:
            parts = [f"    {row.label.text} [dim]{row.label.address}[/]"]
            for key, loc in row.cells.items():
                if key != "reason" and loc is not None:
                    parts.append(
                        f"{_NAMES.get(key, key)} {value_text(loc) or '（空）'} [dim]{cell_ref(loc)}[/]"
                    )
            console.print("  ".join(parts), soft_wrap=True)
    else:
        console.print("  资金：[red]未找到[/]")
    if form.goals is not None:
        expected = ", ".join(loc.address for loc in form.goals.expected)
        actual = ", ".join(loc.address for loc in form.goals.actual)
        console.print(
            f"  预期目标 [dim]{expected}[/]：{form.goals.expected_text[:60]}", soft_wrap=True
        )
        console.print(f"  实际完成 [dim]{actual}[/]：{form.goals.actual_text[:60]}", soft_wrap=True)
    if form.grid is not None:
        count = len(form.grid.indicators)
        console.print(f"  [bold]绩效指标[/]（表头 {form.grid.header.address}，{count} 项）")
        for ind in form.grid.rows:
            console.print(indicator_line(ind), soft_wrap=True)
    else:
        console.print("  绩效指标：[red]未找到[/]")
    if form.total is not None:
        t = form.total
        console.print(
            f"  总分：分值 {value_text(t.weight)} [dim]{cell_ref(t.weight)}[/]  得分 {value_text(t.score)} "
            f"[dim]{cell_ref(t.score)}[/]  等级 {form.grade_word or '—'}"
        )


def _date_text(key: int) -> str:
    """A deadline's date key (yyyymmdd, or mmdd without a year) as people write it."""
    year, rest = divmod(key, 10000)
    month, day = divmod(rest, 100)
    text = f"{month}月{day}日" if day not in (0, 31) else f"{month}月"
    return f"{year}年{text}" if year else text


def indicator_line(ind: IndicatorRow) -> str:
    """One indicator: its levels, then each value with its cell and the parsed target."""
    levels = "/".join(
        x.replace("\n", "") for x in (ind.level1_name, ind.level2_name, ind.display_name) if x
    )
    flag = (
        " [dim](模板空行)[/]"
        if ind.is_placeholder
        else (" [dim](其中)[/]" if ind.is_breakdown else "")
    )
    parts = [f"    第{ind.row + 1}行 {levels}{flag}"]
    tv = ind.target_value
    if ind.target is not None:
        parsed = ""
        if tv is not None and tv.kind != "empty":
            number = f"{tv.number.normalize():f}" if tv.number is not None else ""
            if tv.kind == "deadline" and tv.date_key is not None:
                number = _date_text(tv.date_key)
            op = {">=": "≥", "<=": "≤"}.get(tv.operator or "", tv.operator or "")
            bits = [b for b in (op, number, tv.unit) if b]
            parsed = f" → {' '.join(bits)}（{_KIND_ZH.get(tv.kind, tv.kind)}）"
        parts.append(f"指标值 {value_text(ind.target)} [dim]{cell_ref(ind.target)}[/]{parsed}")
    for label, loc in (("实际", ind.actual), ("分值", ind.weight), ("得分", ind.score)):
        if loc is not None:
            parts.append(f"{label} {value_text(loc) or '（空）'} [dim]{cell_ref(loc)}[/]")
    return "  ".join(parts)
