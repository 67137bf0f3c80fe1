"""Identity fields every form carries: project, department, unit, code, year, amount unit."""

from __future__ import annotations

import re

from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import Form, Located
from perfcli.forms.normalize import label_unit, squash

_CODE_PREFIX = re.compile(
    r"^\s*(?:[\[【(（]\s*([0-9A-Za-z]{3,})\s*[\]】)）]|([0-9A-Z]{6,}[0-9A-Za-z]*)\s*[-—_:：])"
)
# A second "label:" inside the same cell ends the value: "单位名称:某站 填报日期:2023年3月20日".
_NEXT_INLINE_LABEL = re.compile(r"(?:填报日期|日期|联系电话|电话|联系人|填报人|负责人)[:：]")
_HEADING_ROWS = 4
_YEAR = re.compile(r"(20\d{2})\s*年")
_YEAR_IN_BRACKETS = re.compile(r"[(（]\s*(20\d{2})\s*年?度?\s*[)）]")
_YEAR_OF_FORM = re.compile(r"20\d{2}\s*年度")  # "2023年度": the form's year, not a date


def split_code(text: str) -> tuple[str, str]:
    """``51000021R000000019951-工资性支出`` → (code, name); ``[155]濉溪县民政局`` → ("155", name)."""
    m = _CODE_PREFIX.match(text)
    if not m:
        return "", text.strip()
    code = m.group(1) or m.group(2) or ""
    return code, text[m.end() :].strip()


def read_identity(grid: LabelGrid, form: Form, *, header_rows: int = 12) -> None:
    """Fill project name, department, implementer, code, year and unit on ``form`` from labels."""
    top = range(grid.first_row, grid.first_row + header_rows + 1)
    for key, attr in (
        ("project_name", "project_name"),
        ("department", "department"),
        ("implementer", "implementer"),
    ):
        labels = grid.find("identity", key, rows=top)
        for label in labels:
            form.labels.setdefault(key, label)
            value = grid.value_right_of(label)
            if value is not None and getattr(form, attr) is None:
                setattr(form, attr, value)
        if getattr(form, attr) is None:
            for cell, inline in grid.find_prefixed("identity", key):
                if cell.row in top:
                    form.labels.setdefault(key, cell)
                    text = _NEXT_INLINE_LABEL.split(inline)[0].strip()
                    setattr(form, attr, Located(text, cell.sheet, cell.row, cell.col))
                    break
    for label in grid.find("identity", "project_code", rows=top):
        value = grid.value_right_of(label)
        if value is not None:
            form.project_code = value.text
            break
    if not form.project_code and form.project_name is not None:
        form.project_code = split_code(form.project_name.text)[0]
    read_year(grid, form)
    read_unit(grid, form)


def read_year(grid: LabelGrid, form: Form) -> None:
    """The year from the title (``(2023年度)``, ``2022年度…``) or a 年度 label."""
    candidates: list[Located] = []
    if form.title is not None:
        candidates.append(form.title)
    # Only the heading rows: above the first labelled row, and at most a few rows down (a year in an
    # indicator value such as "≤2023年11月" is not the form's year).
    identity_rows = {loc.row for loc in form.labels.values()}
    first_identity = min(identity_rows, default=grid.last_row)
    # A heading row may hold a label beside the year ("（2023年度）  金额单位：万元"): its other cells
    # count when they read as the form's year (bracketed, or 年度 — not a date), and the scan stops.
    for row in list(grid.rows())[:_HEADING_ROWS]:
        if row >= first_identity:
            break
        labelled = {c.col for c in grid.row_cells(row) if grid.is_known_label(row, c.col)}
        texts = [loc for loc in grid.texts_in_row(row) if loc != form.title]
        if labelled:
            candidates.extend(
                loc for loc in texts if loc.col not in labelled and _is_year_heading(loc.text)
            )
            break
        candidates.extend(texts)
    for loc in candidates:
        text = squash(loc.text)
        if "填报日期" in text or "日期" in text:
            continue
        m = _YEAR_IN_BRACKETS.search(text) or _YEAR.search(text)
        if m:
            form.year, form.year_cell = int(m.group(1)), loc
            return
    for label in grid.find("identity", "year"):
        value = grid.value_right_of(label)
        if value is not None:
            m = re.search(r"20\d{2}", value.text)
            if m:
                form.year, form.year_cell = int(m.group(0)), value
                return


def _is_year_heading(text: str) -> bool:
    squashed = squash(text)
    return bool(_YEAR_IN_BRACKETS.search(squashed)) or bool(_YEAR_OF_FORM.search(squashed))


def read_unit(grid: LabelGrid, form: Form) -> None:
    """The amount unit from a ``(万元)`` / ``单位:万元`` / ``金额单位:元`` label."""
    for row in grid.rows():
        for loc in grid.texts_in_row(row):
            if not isinstance(loc.value, str):
                continue
            text = squash(loc.value)
            if not ("单位" in text or "(万元)" in text or "(元)" in text or "万元" in text):
                continue
            if len(text) > 40:
                continue
            unit = label_unit(text)
            if unit and ("单位" in text or "(" in text):
                form.unit, form.unit_cell = unit, loc
                return
