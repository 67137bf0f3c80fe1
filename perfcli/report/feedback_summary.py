"""The batch's ``汇总.xlsx``: what a finance bureau clerk reads first.

Sheets: ``总览`` (one row per feedback folder: a submission, or the files that fell in none),
``问题明细`` (every finding, filterable; continued in ``问题明细2``… past Excel's row limit),
``规则统计`` (counts per rule family and per rule) and ``图表`` (native charts: findings by rule
family, errors by department (top 20), self-evaluation grades). Every sheet is written row by row,
top to bottom, so a very large batch can use xlsxwriter's constant-memory mode.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfcli.findings import SEVERITIES, Finding
from perfcli.report.feedback_file import MAX_LINKS, RunMeta, atomic_workbook, print_wide
from perfcli.report.feedback_style import (
    FAMILY_ORDER,
    SEVERITY_FILL,
    SEVERITY_FONT,
    column_width,
    family_name,
    severity_word,
    words,
)

EXCEL_DATA_ROWS = 1_048_575  # rows under the header row of one sheet
CONSTANT_MEMORY_FROM = 100_000  # findings: past this, stream the summary to disk
GRADES = ("优", "良", "中", "差")


@dataclass
class FolderRow:
    """One row of 总览: a feedback folder and what it holds."""

    name: str  # the feedback folder's name
    department: str
    year: int | None
    files: int
    projects: int
    findings: list[Finding]
    score: float | None = None
    grade: str | None = None
    reconciled: bool = False  # checked against the final accounts (决算)
    mismatches: int = 0  # R findings of this submission, wherever they were reported
    assigned: bool = True  # False: files that belong to no submission
    files_of: dict[str, str] = field(default_factory=dict)  # input path → feedback file (relative)


def write_summary(
    target: Path,
    rows: Sequence[FolderRow],
    findings: Sequence[Finding],
    grades: Sequence[str | None],
    meta: RunMeta,
    max_rows: int = EXCEL_DATA_ROWS,
) -> None:
    """Write ``汇总.xlsx`` at ``target`` (see the module docstring)."""
    w = words(meta.lang)
    with atomic_workbook(target, constant_memory=len(findings) > CONSTANT_MEMORY_FROM) as wb:
        head = wb.add_format(
            {
                "bold": True,
                "bg_color": "#D9E1F2",
                "border": 1,
                "text_wrap": True,
                "valign": "vcenter",
            }
        )
        _overview(wb, wb.add_worksheet(w["overview_sheet"]), rows, meta, head)
        folder_of = {path: (row.name, rel) for row in rows for path, rel in row.files_of.items()}
        dept_of = {id(f): row.department for row in rows for f in row.findings}
        for part, start in enumerate(range(0, max(len(findings), 1), max_rows)):
            name = w["details_sheet"] + (str(part + 1) if part else "")
            chunk = findings[start : start + max_rows]
            _details(wb, wb.add_worksheet(name), chunk, start, folder_of, dept_of, meta, head)
        stats = wb.add_worksheet(w["rules_sheet"])
        _rule_stats(wb, stats, findings, meta, head)
        _charts(wb, wb.add_worksheet(w["charts_sheet"]), rows, grades, meta, head)


def reconciliation(row: FolderRow, lang: str) -> str:
    """未对账, 一致, or 不一致（n 项）."""
    w = words(lang)
    if not row.reconciled:
        return w["not_reconciled"]
    return w["mismatch"].format(n=row.mismatches) if row.mismatches else w["reconciled"]


def _counts(findings: Sequence[Finding]) -> Counter[str]:
    return Counter(f.severity for f in findings)


def _overview(wb: Any, ws: Any, rows: Sequence[FolderRow], meta: RunMeta, head: Any) -> None:
    w, lang = words(meta.lang), meta.lang
    keys = [
        "submission",
        "department",
        "year",
        "files",
        "projects",
        "error",
        "warning",
        "info",
        "score",
        "grade",
        "accounts",
        "link",
    ]
    titles = [severity_word(k, lang) if k in SEVERITIES else w[k] for k in keys]
    for col, text in enumerate(titles):
        ws.write_string(0, col, text, head)
    link = wb.add_format({"font_color": "blue", "underline": 1})
    bad = wb.add_format({"bg_color": SEVERITY_FILL["error"], "font_color": SEVERITY_FONT["error"]})
    for r, row in enumerate(rows, start=1):
        counts = _counts(row.findings)
        ws.write_string(r, 0, row.name)
        ws.write_string(r, 1, row.department or ("—" if row.assigned else w["unassigned"]))
        _number_or_dash(ws, r, 2, row.year)
        ws.write_number(r, 3, row.files)
        ws.write_number(r, 4, row.projects)
        ws.write_number(r, 5, counts["error"], bad if counts["error"] else None)
        ws.write_number(r, 6, counts["warning"])
        ws.write_number(r, 7, counts["info"])
        _number_or_dash(ws, r, 8, row.score)
        ws.write_string(r, 9, row.grade or "—")
        ws.write_string(r, 10, reconciliation(row, lang))
        ws.write_url(r, 11, f"external:{row.name}/", link, w["open"])
    widths = [
        column_width((r.name for r in rows), 14, 40),
        column_width((r.department for r in rows), 10, 30),
        8,
        8,
        8,
        8,
        8,
        8,
        10,
        8,
        column_width((reconciliation(r, lang) for r in rows), 10, 20),
        14,
    ]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 1)
    print_wide(ws, repeat_row=0)
    ws.autofilter(0, 0, max(len(rows), 1), len(keys) - 1)
    ws.activate()


def _number_or_dash(ws: Any, r: int, c: int, value: float | int | None) -> None:
    if value is None:
        ws.write_string(r, c, "—")
    else:
        ws.write_number(r, c, value)


def _details(
    wb: Any,
    ws: Any,
    findings: Sequence[Finding],
    start: int,
    folder_of: dict[str, tuple[str, str]],
    dept_of: dict[int, str],
    meta: RunMeta,
    head: Any,
) -> None:
    from perfcli.rules import get_rule

    w, lang = words(meta.lang), meta.lang
    keys = [
        "no",
        "severity",
        "code",
        "rule",
        "family",
        "submission",
        "department",
        "file",
        "sheet",
        "cell",
        "project",
        "message",
        "hint",
        "actual",
        "expected",
    ]
    for col, key in enumerate(keys):
        ws.write_string(0, col, w[key], head)
    sev_fmt = {
        s: wb.add_format({"bg_color": SEVERITY_FILL[s], "font_color": SEVERITY_FONT[s]})
        for s in SEVERITIES
    }
    link = wb.add_format({"font_color": "blue", "underline": 1})
    titles: dict[str, str] = {}
    links = 0
    for i, f in enumerate(findings, start=1):
        if f.code not in titles:
            try:
                rule = get_rule(f.code)
                titles[f.code] = rule.title_en if lang == "en" else rule.title
            except KeyError:
                titles[f.code] = f.name
        folder, rel = folder_of.get(f.file, ("", ""))
        ws.write_number(i, 0, start + i)
        ws.write_string(i, 1, severity_word(f.severity, lang), sev_fmt.get(f.severity))
        ws.write_string(i, 2, f.code)
        ws.write_string(i, 3, titles[f.code])
        ws.write_string(i, 4, family_name(f.code[:1], lang))
        ws.write_string(i, 5, folder)
        ws.write_string(i, 6, dept_of.get(id(f), ""))
        if rel and links < MAX_LINKS:
            ws.write_url(i, 7, f"external:{rel}", link, f.file)
            links += 1
        else:
            ws.write_string(i, 7, f.file)
        ws.write_string(i, 8, f.sheet or "")
        ws.write_string(i, 9, f.cell or "")
        ws.write_string(i, 10, f.project or "")
        ws.write_string(i, 11, f.message_en if lang == "en" and f.message_en else f.message)
        ws.write_string(i, 12, f.hint_en if lang == "en" and f.hint_en else f.hint)
        ws.write_string(i, 13, f.actual or "")
        ws.write_string(i, 14, f.expected or "")
    for col, width in enumerate([7, 9, 7, 24, 14, 20, 16, 30, 14, 8, 24, 60, 40, 12, 12]):
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 0)
    print_wide(ws, repeat_row=0)
    ws.autofilter(0, 0, max(len(findings), 1), len(keys) - 1)


def family_counts(findings: Sequence[Finding]) -> dict[str, Counter[str]]:
    """Findings per rule family and severity, every family listed (zeros included)."""
    out: dict[str, Counter[str]] = {fam: Counter() for fam in FAMILY_ORDER}
    for f in findings:
        out.setdefault(f.code[:1], Counter())[f.severity] += 1
    return out


def _rule_stats(wb: Any, ws: Any, findings: Sequence[Finding], meta: RunMeta, head: Any) -> None:
    from perfcli.rules import all_rules

    w, lang = words(meta.lang), meta.lang
    sev_titles = [severity_word(s, lang) for s in SEVERITIES]
    for col, text in enumerate([w["family"], w["family_name"], *sev_titles, w["total"]]):
        ws.write_string(0, col, text, head)
    families = family_counts(findings)
    for r, (fam, counts) in enumerate(families.items(), start=1):
        ws.write_string(r, 0, fam)
        ws.write_string(r, 1, family_name(fam, lang))
        for c, sev in enumerate(SEVERITIES, start=2):
            ws.write_number(r, c, counts[sev])
        ws.write_number(r, 5, sum(counts.values()))
    top = len(families) + 2
    keys = [w["code"], w["rule"], w["family"], *sev_titles, w["total"], w["files_hit"]]
    for col, text in enumerate(keys):
        ws.write_string(top, col, text, head)
    per_rule: dict[str, Counter[str]] = {}
    files: dict[str, set[str]] = {}
    for f in findings:
        per_rule.setdefault(f.code, Counter())[f.severity] += 1
        files.setdefault(f.code, set()).add(f.file)
    known = {rule.code: rule for rule in all_rules()}
    order = [r.code for r in all_rules() if r.code in per_rule]
    order += sorted(set(per_rule) - set(order))
    for r, code in enumerate(order, start=top + 1):
        rule = known.get(code)
        ws.write_string(r, 0, code)
        ws.write_string(r, 1, (rule.title_en if lang == "en" else rule.title) if rule else code)
        ws.write_string(r, 2, family_name(code[:1], lang))
        for c, sev in enumerate(SEVERITIES, start=3):
            ws.write_number(r, c, per_rule[code][sev])
        ws.write_number(r, 6, sum(per_rule[code].values()))
        ws.write_number(r, 7, len(files[code]))
    for col, width in enumerate([8, 30, 22, 8, 8, 8, 8, 10]):
        ws.set_column(col, col, width)
    ws.autofilter(top, 0, top + max(len(order), 1), len(keys) - 1)


def _charts(
    wb: Any,
    ws: Any,
    rows: Sequence[FolderRow],
    grades: Sequence[str | None],
    meta: RunMeta,
    head: Any,
) -> None:
    w, lang = words(meta.lang), meta.lang
    errors: Counter[str] = Counter()
    for row in rows:
        errors[row.department or row.name] += _counts(row.findings)["error"]
    top = [(name, n) for name, n in errors.most_common(20) if n] or [("—", 0)]
    grade_counts = Counter(g or w["grade_none"] for g in grades)
    order = [g for g in GRADES] + sorted(set(grade_counts) - set(GRADES))
    grade_rows = [(g, grade_counts[g]) for g in order]
    ws.write_string(0, 0, w["department"], head)
    ws.write_string(0, 1, severity_word("error", lang), head)
    ws.write_string(0, 3, w["grade"], head)
    ws.write_string(0, 4, w["count"], head)
    for r in range(1, max(len(top), len(grade_rows)) + 1):  # row by row (constant memory)
        if r <= len(top):
            ws.write_string(r, 0, top[r - 1][0])
            ws.write_number(r, 1, top[r - 1][1])
        if r <= len(grade_rows):
            ws.write_string(r, 3, grade_rows[r - 1][0])
            ws.write_number(r, 4, grade_rows[r - 1][1])
    ws.set_column(0, 0, column_width((t[0] for t in top), 12, 30))
    ws.set_column(3, 3, 10)
    stats = w["rules_sheet"]
    n_fam = len(FAMILY_ORDER)
    by_family = wb.add_chart({"type": "column", "subtype": "stacked"})
    for c, sev in enumerate(SEVERITIES, start=2):
        by_family.add_series(
            {
                "name": [stats, 0, c],
                "categories": [stats, 1, 1, n_fam, 1],
                "values": [stats, 1, c, n_fam, c],
                "fill": {"color": SEVERITY_FONT[sev] if sev != "info" else "#A6A6A6"},
            }
        )
    by_family.set_title({"name": w["by_family"]})
    by_family.set_legend({"position": "bottom"})
    ws.insert_chart(0, 6, by_family, {"x_scale": 1.4, "y_scale": 1.2})
    by_dept = wb.add_chart({"type": "bar"})
    by_dept.add_series(
        {
            "name": w["errors_by_dept"],
            "categories": [ws.name, 1, 0, len(top), 0],
            "values": [ws.name, 1, 1, len(top), 1],
            "fill": {"color": SEVERITY_FONT["error"]},
        }
    )
    by_dept.set_title({"name": w["errors_by_dept"]})
    by_dept.set_legend({"none": True})
    by_dept.set_y_axis({"reverse": True, "crossing": "max"})  # the largest on top, axis below
    ws.insert_chart(20, 6, by_dept, {"x_scale": 1.4, "y_scale": 1.4})
    by_grade = wb.add_chart({"type": "column"})
    by_grade.add_series(
        {
            "name": w["grades"],
            "categories": [ws.name, 1, 3, len(grade_rows), 3],
            "values": [ws.name, 1, 4, len(grade_rows), 4],
        }
    )
    by_grade.set_title({"name": w["grades"]})
    by_grade.set_legend({"none": True})
    ws.insert_chart(42, 6, by_grade, {"x_scale": 1.2, "y_scale": 1.2})


__all__ = ["FolderRow", "family_counts", "reconciliation", "write_summary"]
