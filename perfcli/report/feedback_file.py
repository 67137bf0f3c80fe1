"""One feedback workbook: ``审核意见_<stem>.xlsx`` for one checked file.

Sheets: ``审核意见`` (a header block, then one row per finding, each linking to its cell in the
annotated copy), ``表单清单`` (every form found, every sheet without one: nothing is dropped
silently), then the annotated copy of each form sheet (see ``feedback_annotated``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfcli.engine import FormSummary
from perfcli.findings import SEVERITY_RANK, Finding
from perfcli.io.cells import Workbook
from perfcli.report.feedback_annotated import Formats, draw_sheet, marks_for
from perfcli.report.feedback_layout import read_layouts
from perfcli.report.feedback_style import (
    SEVERITY_FILL,
    SEVERITY_FONT,
    column_width,
    line_count,
    safe_sheet_name,
    severity_word,
    sheet_ref,
    words,
)

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,  # a clerk's "=合计" is text, never a formula
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,
}
MAX_LINKS = 65_000  # Excel keeps at most 65,530 hyperlinks per sheet
_HEADER_ROWS = 5  # the header block above the table
_INPUT_FAILURES = frozenset({"E001", "E002", "E004"})


@dataclass(frozen=True)
class RunMeta:
    """What every workbook of one run states about the run."""

    version: str
    profile: str
    checked_at: str
    lang: str = "zh"


@dataclass
class FileFeedback:
    """One workbook to write: where, about which file, with which findings."""

    target: Path
    title: str  # the file as the user named it (or the submission, for its own findings)
    findings: list[Finding]
    sha256: str | None = None
    forms: list[FormSummary] = field(default_factory=list)
    source: str | None = None  # the input to re-read for the annotated copy (None: no copy)


@contextmanager
def atomic_workbook(target: Path, constant_memory: bool = False) -> Iterator[Any]:
    """An xlsxwriter workbook written to a temporary file beside ``target``, then renamed."""
    import xlsxwriter

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        workbook = xlsxwriter.Workbook(
            tmp,
            {
                **WORKBOOK_OPTIONS,
                "constant_memory": constant_memory,
                "in_memory": not constant_memory,
            },
        )
        yield workbook
        workbook.close()
        # No fsync: the rename alone keeps a reader from ever seeing half a workbook, and these
        # are outputs a rerun rebuilds (fsync of 100 workbooks was a tenth of the batch's time).
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_file_feedback(item: FileFeedback, meta: RunMeta) -> None:
    """Write ``item.target`` (see the module docstring)."""
    w = words(meta.lang)
    source, why = _source_workbook(item)
    form_sheets = {s.sheet for s in item.forms}
    named = {f.sheet for f in item.findings if f.sheet}
    copied = [s for s in source.sheets if s.name in form_sheets | named] if source else []
    taken = {w["findings_sheet"].casefold(), w["forms_sheet"].casefold()}
    copy_names = {s.name: safe_sheet_name(s.name, taken) for s in copied}
    order = {s.name: i for i, s in enumerate(source.sheets)} if source else {}
    with atomic_workbook(item.target) as wb:
        findings_ws = wb.add_worksheet(w["findings_sheet"])
        forms_ws = wb.add_worksheet(w["forms_sheet"])
        partial: set[str] = set()
        if source is not None and copied:
            layouts = read_layouts(
                item.source or "", {s.name: (s.n_rows + 20, s.n_cols + 5) for s in copied}
            )
            formats = Formats(wb)
            for sheet in copied:
                ws = wb.add_worksheet(copy_names[sheet.name])
                own = [f for f in item.findings if f.sheet == sheet.name]
                marks = marks_for(sheet, own)
                spans = _form_rows(item.forms, sheet.name)
                if not draw_sheet(
                    ws, sheet, layouts.get(sheet.name), marks, formats, meta.lang, spans
                ):
                    partial.add(sheet.name)
                worst = max((SEVERITY_RANK.get(f.severity, 0) for f in own), default=0)
                if worst >= SEVERITY_RANK["warning"]:
                    ws.set_tab_color(SEVERITY_FONT["error" if worst == 3 else "warning"])
        other = [s.name for s in source.sheets if s.name not in form_sheets] if source else []
        _findings_sheet(wb, findings_ws, item, meta, copy_names, order, len(other), why)
        _forms_sheet(wb, forms_ws, item, meta, copy_names, other, partial)


def _source_workbook(item: FileFeedback) -> tuple[Workbook | None, str]:
    """The input re-read for the copy, or (None, why there is no copy)."""
    from perfcli.engine import _sha256
    from perfcli.io.errors import InputError
    from perfcli.io.reader import WORKBOOK_SUFFIXES, read_workbook

    if item.source is None:
        return None, ""
    w_codes = {f.code for f in item.findings}
    if Path(item.source).suffix.lower() not in WORKBOOK_SUFFIXES:
        return None, "not_workbook"
    if w_codes & _INPUT_FAILURES:
        return None, "unreadable"
    if item.sha256 is not None and _sha256(item.source) != item.sha256:
        return None, "changed"
    try:
        return read_workbook(item.source), ""
    except InputError:
        return None, "unreadable"


def _form_rows(forms: Sequence[FormSummary], sheet: str) -> list[tuple[int, int]]:
    from perfcli.io.cells import CellRange

    spans = []
    for form in forms:
        if form.sheet == sheet:
            try:
                rng = CellRange.from_ref(form.range)
            except ValueError:
                continue
            spans.append((rng.first_row, rng.last_row))
    return spans


def sorted_findings(findings: Sequence[Finding], order: dict[str, int]) -> list[Finding]:
    """By severity (errors first), then where they are: sheet in workbook order, row, column."""
    return sorted(
        findings,
        key=lambda f: (
            -SEVERITY_RANK.get(f.severity, 0),
            -1 if f.sheet is None else order.get(f.sheet, len(order)),
            f.sheet or "",
            f.row or 0,
            f.col or 0,
            f.code,
        ),
    )


def _findings_sheet(
    wb: Any,
    ws: Any,
    item: FileFeedback,
    meta: RunMeta,
    copy_names: dict[str, str],
    order: dict[str, int],
    n_other: int,
    why: str,
) -> None:
    from perfcli.rules import get_rule

    w, lang = words(meta.lang), meta.lang
    rows = []
    for f in sorted_findings(item.findings, order):
        try:
            title = get_rule(f.code).title_en if lang == "en" else get_rule(f.code).title
        except KeyError:
            title = f.name
        message = f.message_en if lang == "en" and f.message_en else f.message
        hint = f.hint_en if lang == "en" and f.hint_en else f.hint
        rows.append((f, f"{f.code} {title}", message, hint))
    headers = ["no", "severity", "rule", "sheet", "cell", "project", "message", "hint"]
    widths = [
        6,
        10,
        column_width((r[1] for r in rows), 14, 36),
        column_width((r[0].sheet or "" for r in rows), 10, 24),
        10,
        column_width((r[0].project or "" for r in rows), 10, 30),
        column_width((r[2] for r in rows), 24, 60),
        column_width((r[3] for r in rows), 16, 50),
    ]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    _header_block(wb, ws, item, meta, n_other, why)
    head = wb.add_format(
        {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "vcenter"}
    )
    for col, key in enumerate(headers):
        ws.write_string(_HEADER_ROWS, col, w[key], head)
    fmts = {
        sev: (
            wb.add_format({"bg_color": fill, "border": 1, "text_wrap": True, "valign": "top"}),
            wb.add_format(
                {
                    "bg_color": fill,
                    "border": 1,
                    "valign": "top",
                    "font_color": "blue",
                    "underline": 1,
                }
            ),
            wb.add_format(
                {
                    "bg_color": fill,
                    "border": 1,
                    "valign": "top",
                    "bold": True,
                    "font_color": SEVERITY_FONT[sev],
                }
            ),
        )
        for sev, fill in SEVERITY_FILL.items()
    }
    links = 0
    for i, (f, rule, message, hint) in enumerate(rows):
        r = _HEADER_ROWS + 1 + i
        text_fmt, link_fmt, sev_fmt = fmts.get(f.severity, fmts["info"])
        ws.write_number(r, 0, i + 1, text_fmt)
        ws.write_string(r, 1, severity_word(f.severity, lang), sev_fmt)
        ws.write_string(r, 2, rule, text_fmt)
        ws.write_string(r, 3, f.sheet or "—", text_fmt)
        target = copy_names.get(f.sheet or "")
        shown, anchor = _place(f, item.forms, lang)
        if target is not None and links < MAX_LINKS:
            ws.write_url(r, 4, sheet_ref(target, anchor), link_fmt, shown)
            links += 1
        else:
            ws.write_string(r, 4, shown, text_fmt)
        ws.write_string(r, 5, f.project or "", text_fmt)
        ws.write_string(r, 6, message, text_fmt)
        ws.write_string(r, 7, hint, text_fmt)
        lines = max(
            line_count(rule, widths[2]),
            line_count(f.project or "", widths[5]),
            line_count(message, widths[6]),
            line_count(hint, widths[7]),
        )
        ws.set_row(r, min(15 * lines + 3, 409))
    if not rows:
        ws.write_string(_HEADER_ROWS + 1, 0, w["none"])
    last = _HEADER_ROWS + max(len(rows), 1)
    ws.autofilter(_HEADER_ROWS, 0, last, len(headers) - 1)
    ws.freeze_panes(_HEADER_ROWS + 1, 0)
    print_wide(ws, repeat_row=_HEADER_ROWS)
    ws.activate()


def print_wide(ws: Any, repeat_row: int | None = None) -> None:
    """Print on A4 landscape, one page wide, the table's header on every page."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)


def _place(f: Finding, forms: Sequence[FormSummary], lang: str) -> tuple[str, str]:
    """What the 单元格 column shows for a finding, and the cell its link opens."""
    if f.cell:
        return f.cell, f.cell
    if f.row:
        return (f"row {f.row}" if lang == "en" else f"第 {f.row} 行"), f"A{f.row}"
    if f.sheet:
        return ("(sheet)" if lang == "en" else "（整表）"), _first_cell(forms, f.sheet)
    return "—", "A1"


def _first_cell(forms: Sequence[FormSummary], sheet: str | None) -> str:
    for form in forms:
        if form.sheet == sheet:
            return form.range.split(":")[0]
    return "A1"


def _header_block(
    wb: Any, ws: Any, item: FileFeedback, meta: RunMeta, n_other: int, why: str
) -> None:
    w = words(meta.lang)
    title = wb.add_format({"bold": True, "font_size": 14})
    label = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    value = wb.add_format({"border": 1})
    counts = {sev: 0 for sev in SEVERITY_RANK}
    for f in item.findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    ws.merge_range(0, 0, 0, 7, f"{w['title']}：{item.title}", title)
    forms_text = w["forms_text"].format(
        forms=len(item.forms), other=n_other, sheet=w["forms_sheet"]
    )
    if why:
        forms_text += "；" + w["no_copy"].format(why=w[why])
    pairs = [
        ((w["file"], item.title), (w["sha"], item.sha256 or "—")),
        ((w["version"], meta.version), (w["profile"], meta.profile)),
        ((w["time"], meta.checked_at), (w["counts"], w["counts_text"].format(**counts))),
    ]
    for r, ((l1, v1), (l2, v2)) in enumerate(pairs, start=1):
        ws.merge_range(r, 0, r, 1, l1, label)
        ws.merge_range(r, 2, r, 3, "", value)
        ws.write_string(r, 2, v1, value)
        ws.write_string(r, 4, l2, label)
        ws.merge_range(r, 5, r, 7, "", value)
        ws.write_string(r, 5, v2, value)
    ws.merge_range(4, 0, 4, 1, w["forms"], label)
    ws.merge_range(4, 2, 4, 7, "", value)
    ws.write_string(4, 2, forms_text, value)


def _forms_sheet(
    wb: Any,
    ws: Any,
    item: FileFeedback,
    meta: RunMeta,
    copy_names: dict[str, str],
    other: Sequence[str],
    partial: set[str],
) -> None:
    from perfcli.forms.kinds import kind_name

    w = words(meta.lang)
    head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
    link = wb.add_format({"font_color": "blue", "underline": 1})
    headers = ["sheet", "kind", "range", "project", "status", "counts", "open"]
    for col, key in enumerate(headers):
        ws.write_string(0, col, w[key], head)
    rows: list[tuple[str, str, str, str, str, int]] = []
    for form in item.forms:
        status = "status_ok" if form.modelled else "status_unparsed"
        if form.sheet in partial:
            status = "status_big"
        n = sum(1 for f in item.findings if f.sheet == form.sheet)
        rows.append(
            (
                form.sheet,
                kind_name(form.kind, meta.lang),
                form.range,
                form.project or "",
                w[status],
                n,
            )
        )
    for name in other:
        n = sum(1 for f in item.findings if f.sheet == name)
        rows.append((name, "—", "", "", w["status_none"], n))
    for r, (sheet, kind, rng, project, status, n) in enumerate(rows, start=1):
        for col, text in enumerate((sheet, kind, rng, project, status)):
            ws.write_string(r, col, text)
        ws.write_number(r, 5, n)
        target = copy_names.get(sheet)
        if target is not None:
            ws.write_url(r, 6, sheet_ref(target, rng.split(":")[0] or "A1"), link, w["open"])
    widths = [
        column_width((r[0] for r in rows), 10, 31),
        column_width((r[1] for r in rows), 12, 30),
        12,
        column_width((r[3] for r in rows), 10, 40),
        column_width((r[4] for r in rows), 10, 30),
        10,
        8,
    ]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 0)
    print_wide(ws, repeat_row=0)
    if rows:
        ws.autofilter(0, 0, len(rows), len(headers) - 1)


__all__ = ["FileFeedback", "RunMeta", "atomic_workbook", "sorted_findings", "write_file_feedback"]
