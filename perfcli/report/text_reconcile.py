"""The console's reconciliation tables: per department, the self-evaluated projects against the
final accounts (决算) — matched, mismatched, missing on either side — with totals on both sides.

The figures come from ``reconcile_submission``; a row's result names the R findings reported on it
(so the table and the findings above it agree, whatever ``--select/--ignore`` and the profile say),
else says whether the figures agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import PurePath

from rich.console import Console
from rich.table import Table
from rich.text import Text

from perfcli.engine import Report
from perfcli.findings import Finding
from perfcli.reconcile.reconcile import Reconciliation, reconcile_submission

_WORDS = {
    "zh": {"title": "决算对账", "accounts": "决算", "project": "项目", "self": "自评执行数",
           "theirs": "决算支出", "diff": "差额", "result": "结果", "unit": "金额单位：万元",
           "ok": "一致", "differs": "有差额", "not_in_accounts": "决算中无此项目",
           "not_evaluated": "未自评", "no_spending": "无支出，无需自评", "sum": "项目合计",
           "dept": "部门整体", "total": "全年执行数", "basic": "基本支出", "project_total": "项目支出",
           "summary": "匹配 {matched} 个（其中不一致 {mismatched} 个），仅自评 {self_only} 个，仅决算 {accounts_only} 个",
           "sep": "、", "colon": "：", "open": "（", "semi": "；", "close": "）"},
    "en": {"title": "Reconciliation with the final accounts", "accounts": "accounts", "project": "project",
           "self": "self-evaluated", "theirs": "accounts", "diff": "difference",
           "result": "result", "unit": "amounts in 10k yuan", "ok": "agrees", "differs": "differs",
           "not_in_accounts": "not in the accounts", "not_evaluated": "not evaluated",
           "no_spending": "no spending", "sum": "projects in total", "dept": "department",
           "total": "total spending", "basic": "basic expenditure", "project_total": "project expenditure",
           "summary": "{matched} matched ({mismatched} differ), {self_only} only self-evaluated, "
                      "{accounts_only} only in the accounts", "sep": ", ", "colon": ": ", "open": " (",
           "semi": "; ", "close": ")"},
}  # fmt: skip
_WAN = Decimal(10000)


def render_reconciliations(report: Report, console: Console, lang: str = "zh") -> None:
    """One table per reconciled submission (department and year); nothing when none has accounts."""
    words = _WORDS[lang]
    # R009 judges the 决算 table itself (a form rule); R001–R008 are the submission's own: an
    # accounts workbook serves several submissions, and its rows carry each one's findings. Only
    # the findings the report still has count: a waived finding leaves the table too.
    reported = report.findings
    table_findings = [f for f in reported if f.code == "R009"]
    kept = {id(f) for f in reported if f.code.startswith("R")}
    for sub in report.submissions:
        findings = [f for f in sub.findings if id(f) in kept] + table_findings
        if not sub.accounts:
            continue
        rec = reconcile_submission(sub)
        if rec is None:
            continue
        files = words["sep"].join(dict.fromkeys(PurePath(p.file).name for p in sub.accounts))
        title = Text(f"{words['title']}{words['colon']}", style="bold")
        title.append(f"{rec.department or sub.name} {rec.year or ''}".strip(), style="bold cyan")
        title.append(f"{words['open']}{words['accounts']}{words['colon']}{files}{words['semi']}")
        title.append(f"{words['unit']}{words['close']}")
        console.print(title)
        console.print(_table(rec, findings, words))
        counts = {
            "matched": len(rec.pairs), "mismatched": len(rec.mismatched),
            "self_only": len(rec.self_only), "accounts_only": len(rec.accounts_only),
        }  # fmt: skip
        console.print("  " + words["summary"].format(**counts))
        console.print()


def _table(rec: Reconciliation, findings: list[Finding], words: dict[str, str]) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column(words["project"], overflow="fold", min_width=12, ratio=3)
    for key in ("self", "theirs", "diff"):
        table.add_column(words[key], justify="right", no_wrap=True)
    table.add_column(words["result"], overflow="fold", min_width=8, ratio=2)
    for pair in rec.pairs:
        c = pair.of("executed")
        codes = _codes(
            findings, pair.project.placed.file, pair.project.form.sheet, pair.project.name
        )
        codes += _codes(
            findings, pair.entry.file, pair.entry.accounts.sheet, row=pair.entry.row.row
        )
        said = words["ok"] if pair.agrees else words["differs"]
        table.add_row(
            pair.project.bare_name,
            _wan(c.amount if c else pair.project.amounts.get("executed")),
            _wan(c.accounts_amount if c else pair.entry.executed),
            _wan(c.difference if c else None),
            _result(codes, said, pair.agrees),
        )
    for project in rec.self_only:
        codes = _codes(findings, project.placed.file, project.form.sheet, project.name)
        table.add_row(project.bare_name, _wan(project.amounts.get("executed")), "—", "",
                      _result(codes, words["not_in_accounts"], False))  # fmt: skip
    for entry in rec.accounts_only:
        spent = entry.executed
        codes = _codes(findings, entry.file, entry.accounts.sheet, row=entry.row.row)
        what = words["not_evaluated"] if spent else words["no_spending"]
        table.add_row(entry.row.name_text or entry.row.code_text, "—", _wan(spent), "",
                      _result(codes, what, not spent))  # fmt: skip
    mine, theirs = rec.self_executed, rec.accounts_executed
    table.add_row(
        Text(words["sum"], style="bold"), _wan(mine), _wan(theirs), _wan(mine - theirs), ""
    )
    for placed, c in rec.totals:
        codes = _codes(
            findings, placed.file, placed.form.sheet, cell=c.cell.address if c.cell else ""
        )
        label = f"{words['dept']} {words['project_total' if c.field == 'project' else c.field]}"
        ok = c.status == "ok"
        table.add_row(Text(label, style="bold"), _wan(c.amount), _wan(c.accounts_amount),
                      _wan(c.difference), _result(codes, words["ok" if ok else "differs"], ok))  # fmt: skip
    return table


def _codes(
    findings: Iterable[Finding],
    file: str,
    sheet: str,
    project: str | None = None,
    *,
    row: int | None = None,
    cell: str | None = None,
) -> list[str]:
    """The R codes reported on a form (a self-evaluation's project, a 决算 row, a department total)."""
    out = []
    for f in findings:
        if f.file != file or f.sheet != sheet:
            continue
        if project is not None and f.project not in (project, None):
            continue
        if row is not None and f.row != row + 1:
            continue
        if cell is not None and f.cell != cell:
            continue
        out.append(f.code)
    return sorted(set(out))


def _result(codes: list[str], text: str, ok: bool) -> Text:
    """The result cell: what the figures say and the codes reported (R008 alone is a note)."""
    if not codes:
        return Text(text, style="green" if ok else "yellow")
    style = "dim" if codes == ["R008"] else "red"
    return Text(f"{text} {' '.join(codes)}", style=style)


def _wan(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{(value / _WAN).quantize(Decimal('0.01')):,}"
