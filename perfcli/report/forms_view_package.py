"""``perfcli forms FILE`` for a 项目支出绩效自评情况汇总表: its columns and rows, with their cells."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from perfcli.forms.model_package import SUMMARY_COLUMNS, SelfEvalSummary, SummaryRow
from perfcli.report.forms_view import cell_ref, value_text

_RULE_CODES = {"S002": "缺少栏目", "W004": "不是数字", "X004": "编码重复"}


def show_summary(form: SelfEvalSummary, console: Console) -> None:
    """The header cells found, one line per project row and the 合计 row, and schema problems."""
    headers = "  ".join(
        f"{SUMMARY_COLUMNS[c]} [dim]{cell_ref(loc)}[/]" for c, loc in form.headers.items()
    )
    console.print(f"  [bold]栏目[/] {headers}", soft_wrap=True)
    columns = [c for c in SUMMARY_COLUMNS if c in form.columns]
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column("行", style="dim")
    for column in columns:
        table.add_column(SUMMARY_COLUMNS[column])
    lines = list(form.rows) + ([form.total] if form.total is not None else [])
    for line in lines:
        table.add_row(str(line.row + 1), *(_cell(line, c) for c in columns))
    console.print(table)
    console.print(f"  项目 {len(form.rows)} 行，合计行：{'有' if form.total else '[red]未找到[/]'}")
    for issue in form.issues:
        where = cell_ref(issue.at)
        detail = dict(issue.values)
        what = detail.get("block") or detail.get("text") or detail.get("code") or ""
        console.print(
            f"  [yellow]{_RULE_CODES.get(issue.code, issue.code)}[/] {where} {escape(what)}"
        )


def _cell(line: SummaryRow, column: str) -> str:
    loc = line.get(column)
    if line.label_cell is not None and column in ("seq", "code", "name"):
        loc = loc if loc is not None and not loc.is_empty else None
    return escape(value_text(loc)) if loc is not None else ""
