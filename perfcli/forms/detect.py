"""Which forms a sheet holds: by title, else by content signature (forms.md §1).

A sheet may hold several forms stacked one below another (a new title starts a new form); an
untitled sheet is still recognised by the labels it carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfcli.forms import vocab
from perfcli.forms.model import Located
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.cells import Sheet

_MONTH_PROGRESS = re.compile(r"1[-—~至]\d{1,2}月(?:执行|完成)")
_MAX_TITLE_LEN = 120
# A 决算 title is short and names no performance form (决算公开 books publish 自评表 too); a goal
# sentence that mentions 项目支出决算 is not a title either.
_NOT_ACCOUNTS_TITLE = ("绩效", "自评", "目标", "监控", ",", "。", ";", "，", "；")
_MAX_ACCOUNTS_TITLE_LEN = 40


@dataclass(frozen=True)
class Segment:
    """A rectangle of rows in a sheet holding one form of ``kind``."""

    kind: str
    sheet: str
    first_row: int
    last_row: int
    title: Located | None
    by: str  # "title" | "content"


def title_kind(text: str) -> str | None:
    """The form kind a title names, or None."""
    squashed = squash(text)
    if len(squashed) > _MAX_TITLE_LEN:
        return None
    normal = norm_label(text)
    for kind, phrases in vocab.kind_titles():
        if kind == "accounts" and (
            len(squashed) > _MAX_ACCOUNTS_TITLE_LEN
            or any(w in squashed for w in _NOT_ACCOUNTS_TITLE)
        ):
            continue
        for phrase in phrases:
            if phrase in squashed or phrase in normal:
                return kind
    return None


def _title_rows(sheet: Sheet) -> list[tuple[int, str, Located]]:
    found: list[tuple[int, str, Located]] = []
    for row, cells in sheet.rows():
        for cell in cells[:3]:
            if not isinstance(cell.value, str):
                continue
            kind = title_kind(cell.value)
            if kind:
                found.append((row, kind, Located(cell.value, sheet.name, row, cell.col)))
                break
    # A title repeated in the next rows (a subtitle, a printed header) is the same form.
    merged: list[tuple[int, str, Located]] = []
    for item in found:
        if merged and item[0] - merged[-1][0] <= 3 and item[1] == merged[-1][1]:
            continue
        merged.append(item)
    return merged


def content_kind(sheet: Sheet, first_row: int, last_row: int) -> str | None:
    """Recognise an untitled form by the labels it carries."""
    labels: set[str] = set()
    progress = False
    for (r, _c), cell in sheet.cells.items():
        if first_row <= r <= last_row and isinstance(cell.value, str):
            labels.add(norm_label(cell.value))
            if _MONTH_PROGRESS.search(squash(cell.value)):
                progress = True

    def has(section: str, key: str) -> bool:
        return bool(labels & vocab.labels_for(section, key))

    grid = has("indicators", "level1") or has("indicators", "name")
    dept = has("identity", "dept_name") and not has("identity", "project_name")
    if grid and (progress or "完成目标可能性" in labels):
        return "monitor_dept" if dept else "monitor_project"
    if (
        grid
        and has("indicators", "actual")
        and (has("indicators", "score") or has("indicators", "weight"))
    ):
        return "selfeval_dept" if dept else "selfeval_project"
    if grid and has("indicators", "target"):
        return "target_dept" if dept else "target_project"
    if not grid:
        # 汇总表: a row per project (序号 or 项目编码, 项目名称, 自评得分) and no indicator grid.
        listed = has("summary", "seq") or has("summary", "code")
        if listed and has("identity", "project_name") and has("summary", "score"):
            return "selfeval_summary"
        from perfcli.reconcile.header import looks_like_accounts  # 决算: a header signature

        if looks_like_accounts(sheet, first_row, last_row):
            return "accounts"
    return None


def segments(sheet: Sheet) -> list[Segment]:
    """The forms in one sheet, top to bottom."""
    if not sheet.cells:
        return []
    first = min(r for r, _ in sheet.cells)
    last = max(r for r, _ in sheet.cells)
    titles = _title_rows(sheet)
    if not titles:
        kind = content_kind(sheet, first, last)
        return [Segment(kind, sheet.name, first, last, None, "content")] if kind else []
    out: list[Segment] = []
    for i, (row, kind, title) in enumerate(titles):
        start = first if i == 0 else row
        end = titles[i + 1][0] - 1 if i + 1 < len(titles) else last
        out.append(Segment(kind, sheet.name, start, end, title, "title"))
    # A "title" in a note or on a cover sheet ("本工作簿含项目支出绩效自评表") is not a form: keep
    # segments that carry the labels of a form.
    return [seg for seg in out if _has_form_labels(sheet, seg)]


def _has_form_labels(sheet: Sheet, seg: Segment, minimum: int = 3) -> bool:
    known: set[str] = set()
    sections = ("identity", "funding", "goals", "indicators", "totals")
    for section in (*sections, "accounts") if seg.kind == "accounts" else sections:
        known.update(vocab.section(section))
    found = set()
    for (r, _c), cell in sheet.cells.items():
        if seg.first_row <= r <= seg.last_row and isinstance(cell.value, str):
            label = norm_label(cell.value)
            if label in known:
                found.add(label)
                if len(found) >= minimum:
                    return True
    return False
