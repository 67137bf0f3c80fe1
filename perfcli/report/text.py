"""The console report: findings grouped by file, each with its cell, message and hint; a summary."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from perfcli.engine import FileResult, Report
from perfcli.findings import Finding
from perfcli.forms.kinds import kind_name

_SEVERITY = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
_STATUS = {
    "zh": {"checked": "已审核", "failed": "未能审核", "skipped": "已跳过"},
    "en": {"checked": "checked", "failed": "failed", "skipped": "skipped"},
}
_WORDS = {
    "zh": {"where": "位置", "problem": "问题与修改建议", "sev": "级别", "rule": "规则", "no": "未发现问题",
           "files": "个文件", "forms": "张表", "error": "错误", "warning": "警告", "info": "提示",
           "total": "共", "internal": "perfcli 内部错误（请报告）"},
    "en": {"where": "where", "problem": "problem and fix", "sev": "severity", "rule": "rule",
           "no": "no problems found", "files": "files", "forms": "forms", "error": "errors",
           "warning": "warnings", "info": "notes", "total": "", "internal": "perfcli internal error"},
}  # fmt: skip


def _place(f: Finding) -> str:
    if f.sheet and f.cell:
        return f"{f.sheet}!{f.cell}"
    return f.sheet or "—"


def _file_header(result: FileResult, lang: str) -> Text:
    text = Text()
    text.append(result.path, style="bold")
    text.append("  ")
    status = _STATUS[lang].get(result.status, result.status)
    text.append(status, style="green" if result.status == "checked" else "yellow")
    for form in result.forms:
        desc = kind_name(form.kind, lang)
        bits = [b for b in (form.project, str(form.year) if form.year else None) if b]
        text.append(f" · {desc} [{form.sheet} {form.range}]")
        if bits:
            text.append(" " + " ".join(bits), style="cyan")
        if form.total_score is not None:
            text.append(f" {form.total_score:g}分", style="cyan")
        if form.grade:
            text.append(f" {form.grade}", style="cyan")
    return text


def render(report: Report, console: Console, *, lang: str = "zh", quiet: bool = False) -> None:
    words = _WORDS[lang]
    if not quiet:
        for result in report.files:
            found = sorted(result.findings, key=Finding.sort_key)
            if result.status == "skipped" and not found:
                continue
            console.print(_file_header(result, lang))
            if result.internal_error:
                console.print(
                    f"  [bold red]{words['internal']}[/]: {escape(result.internal_error)}"
                )
            if not found:
                console.print(f"  [green]✓ {words['no']}[/]")
                continue
            table = Table(
                show_header=True, header_style="bold", box=None, padding=(0, 1), expand=False
            )
            table.add_column(words["sev"], no_wrap=True)
            table.add_column(words["rule"], no_wrap=True)
            table.add_column(words["where"], no_wrap=True)
            table.add_column(words["problem"], overflow="fold")
            for f in found:
                message = f.message_en if lang == "en" and f.message_en else f.message
                hint = f.hint_en if lang == "en" and f.hint_en else f.hint
                body = Text(message)
                if hint:
                    body.append("\n→ " + hint, style="dim")
                table.add_row(
                    Text(_SEVERITY[lang][f.severity], style=_STYLE[f.severity]),
                    f.code,
                    _place(f),
                    body,
                )
            console.print(table)
            console.print()
    if not quiet:
        _submissions(report, console, lang)
        if any(sub.accounts for sub in report.submissions):
            from perfcli.report.text_reconcile import render_reconciliations

            render_reconciliations(report, console, lang)
    counts = report.counts()
    forms = sum(len(f.forms) for f in report.files)
    summary = Text()
    summary.append(
        f"{words['total']}{len(report.files)} {words['files']}，{forms} {words['forms']}："
    )
    for sev in ("error", "warning", "info"):
        summary.append(f"{words[sev]} {counts[sev]}  ", style=_STYLE[sev] if counts[sev] else "")
    console.print(summary)


_GROUPING = {
    "zh": {"title": "提交分组（按文件夹、部门、年度）", "files": "个文件", "unnamed": "（未注明部门）",
           "accounts": "决算", "colon": "：", "sep": "、", "semi": "；"},
    "en": {"title": "Submissions (by folder, department and year)", "files": "files",
           "unnamed": "(no department named)", "accounts": "accounts", "colon": ": ", "sep": ", ",
           "semi": "; "},
}  # fmt: skip


def _submissions(report: Report, console: Console, lang: str) -> None:
    """How the files were grouped for the cross-form rules, then the findings that name no file
    (X006: a part of the package is missing). Shown when the run holds more than one file, or
    when there is such a finding."""
    words = _GROUPING[lang]
    if not report.submissions or (len(report.files) <= 1 and not report.submission_findings):
        return
    console.print(Text(words["title"], style="bold"))
    for sub in report.submissions:
        line = Text("  ")
        line.append(sub.department or words["unnamed"], style="cyan")
        if sub.year:
            line.append(f" {sub.year}", style="cyan")
        line.append(f"  [{sub.folder}]  {len(sub.files)} {words['files']}{words['colon']}")
        kinds: dict[str, int] = {}
        for placed in sub.forms:
            kinds[placed.form.kind] = kinds.get(placed.form.kind, 0) + 1
        line.append(words["sep"].join(f"{kind_name(k, lang)} {n}" for k, n in kinds.items()))
        if sub.accounts:
            count = len({p.file for p in sub.accounts})
            line.append(f"{words['semi']}{words['accounts']} {count}")
        console.print(line)
    for f in sorted(report.submission_findings, key=Finding.sort_key):
        message = f.message_en if lang == "en" and f.message_en else f.message
        body = Text("  ")
        body.append(_SEVERITY[lang][f.severity], style=_STYLE[f.severity])
        body.append(f" {f.code} [{f.file}] {message}")
        console.print(body)
    console.print()
