"""``perfcli forms FILE`` for a 决算 accounts table: header, unit, rows with their cells, totals.

What the reconciliation will compare: each project row (code, name, department, amounts, every
value with its cell), then the department total rows (合计 / 基本支出 / 项目支出) and any schema
problem (R009) the table has.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from perfcli.io.cells import column_letter
from perfcli.reconcile.model import AMOUNT_KEYS, Accounts, AccountsRow
from perfcli.report.forms_view import cell_ref, value_text

_ROLES = {"total": "合计", "basic": "基本支出", "project_total": "项目支出", "grand": "总计"}
_ISSUES = {"missing_column": "缺少栏目", "not_numeric": "不是数字", "duplicate_code": "编码重复",
           "no_table": "未找到表格"}  # fmt: skip


def show_accounts(form: Accounts, console: Console) -> None:
    """The header cells found, the rows in a table, the totals, the schema problems."""
    headers = "  ".join(
        f"{escape(form.column_label(key))} [dim]{cell_ref(loc)}[/]"
        for key, loc in form.column_labels.items()
    )
    console.print(f"  [bold]表头[/]（第{form.header_row + 1}行）{headers}", soft_wrap=True)
    notes = [f"读自 {form.source}"] if form.source != "xlsx" else []
    if form.executed_from_parts:
        notes.append("本年支出 = 财政拨款 + 其他资金")
    if notes:
        console.print(f"  {'，'.join(notes)}")
    amounts = [k for k in AMOUNT_KEYS if k in form.columns]
    dept_key = "department" if "department" in form.columns else "unit_name"
    keys = ["code", "name", dept_key, *amounts]
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column("行", style="dim")
    for key in keys:  # a value's cell is its column's letter and its row; folded, never cut
        letter = column_letter(form.columns[key]) if key in form.columns else "—"
        table.add_column(f"{escape(form.column_label(key))} [dim]{letter}[/]", overflow="fold")
    for row in form.rows:
        table.add_row(str(row.row + 1), *_values(row, keys))
    console.print(table)
    console.print(f"  项目 {len(form.rows)} 行")
    if form.totals:
        console.print("  [bold]合计行[/]")
        for row in form.totals:
            role = _ROLES.get(row.role, row.role)
            owner = escape(value_text(row.department)) or "—"
            money = "  ".join(
                f"{escape(form.column_label(k))} {escape(value_text(loc)) or '（空）'} "
                f"[dim]{cell_ref(loc)}[/]"
                for k, loc in row.cells.items()
            )
            console.print(f"    第{row.row + 1}行 {role} {owner}  {money}", soft_wrap=True)
    else:
        console.print("  合计行：无（只按项目行对账）", style="dim")
    for issue in form.issues:
        what = " ".join(issue.values[k] for k in ("column", "code", "value") if issue.values.get(k))
        console.print(
            f"  [yellow]{_ISSUES.get(issue.variant, issue.variant)}[/] "
            f"{cell_ref(issue.cell)} {escape(what)}"
        )


def _values(row: AccountsRow, keys: list[str]) -> list[str]:
    """The row's values under ``keys`` (a repeated code marked)."""
    by_key = {"code": row.code, "name": row.name, "department": row.department,
              "unit_name": row.unit_name or row.department}  # fmt: skip
    out = [escape(value_text(by_key[k] if k in by_key else row.cells.get(k))) for k in keys]
    if row.duplicate:
        out[0] += " [yellow]（重复）[/]"
    return out
