"""Blank templates of the forms (``perfcli template KIND [-o FILE]``; the files in ``templates/``).

The layouts are data (``perfcli.template_layouts``); this module writes them with xlsxwriter:
the title merged and bold, labels bold on a grey fill, borders round the table, column widths
for Chinese text, number formats on the cells a preparer fills (amounts ``#,##0.00`` in 万元,
rates ``0.00%``, scores ``0.00``), a prompt shown when such a cell is selected, drop-down lists
where the answer is one of a few words (完成目标可能性, 等级), and a print setup (A4 landscape, one
page wide). Every template is recognised as its kind by ``perfcli forms``.

Regenerate the committed files with ``python -m perfcli.templates templates/`` (a test fails when
they are stale).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from perfcli.template_layouts import LAYOUTS, Fixed, Input, Layout, Note, Spec, Title

# A fixed creation time keeps the written files identical from one run to the next.
_CREATED = datetime(2025, 1, 1)
_NUMBER_FORMATS = {"money": "#,##0.00", "rate": "0.00%", "score": "0.00", "count": "0"}


class TemplateError(ValueError):
    """An unknown kind (a usage error: exit 2)."""


def template_kinds() -> list[str]:
    """The kinds ``perfcli template`` can write, in the order of the budget year."""
    return list(LAYOUTS)


def layout_for(kind: str) -> Layout:
    """The layout of ``kind``: its id, or a Chinese name (the kind's, or the template's title)."""
    from perfcli.forms.kinds import kind_name

    wanted = kind.strip().removesuffix(".xlsx")
    for key, build in LAYOUTS.items():
        layout = build()
        if wanted in (key, kind_name(key, "zh"), layout.name):
            return layout
    listed = "、".join(f"{k}（{kind_name(k, 'zh')}）" for k in LAYOUTS)
    raise TemplateError(f"没有表单类型 {kind} 的模板；可用：{listed}")


def file_name(kind: str) -> str:
    """The file a template is written to by default: ``<Chinese name>.xlsx``."""
    return f"{layout_for(kind).name}.xlsx"


def _formats(book: Any) -> dict[str, Any]:
    base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter", "text_wrap": True}
    table = {**base, "border": 1}
    formats = {
        "title": book.add_format(
            {**base, "bold": True, "font_size": 16, "align": "center", "font_name": "黑体"}
        ),
        "note_center": book.add_format({**base, "align": "center"}),
        "note_right": book.add_format({**base, "align": "right"}),
        "note_left": book.add_format({**base, "align": "left"}),
        "label": book.add_format({**table, "bold": True, "align": "center", "bg_color": "#F2F2F2"}),
        "fixed": book.add_format({**table, "align": "center"}),
        "blank": book.add_format(table),
        "text": book.add_format({**table, "align": "left"}),
        "instruction": book.add_format({**table, "align": "left", "font_color": "#808080"}),
    }
    for kind, number_format in _NUMBER_FORMATS.items():
        formats[kind] = book.add_format({**table, "align": "right", "num_format": number_format})
    return formats


def _style(spec: Spec) -> tuple[Any, str]:
    """(value to write, format key) of a cell spec."""
    if isinstance(spec, Title):
        return spec.text, "title"
    if isinstance(spec, Note):
        return spec.text, f"note_{spec.align}"
    if isinstance(spec, Fixed):
        return spec.value, "fixed"
    if isinstance(spec, int):
        return spec, "fixed"
    if isinstance(spec, str):
        return spec, "label"
    if isinstance(spec, Input):
        if spec.text:
            return spec.text, "instruction"
        return None, spec.kind if spec.kind in _NUMBER_FORMATS else "text"
    return None, "blank"


def _merged(layout: Layout) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """(row, col) of each merge's top-left cell → the merge (0-based), and its other cells → ()."""
    from perfcli.io.cells import CellRange

    out: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for ref in layout.merges:
        rng = CellRange.from_ref(ref)
        for r in range(rng.first_row, rng.last_row + 1):
            for c in range(rng.first_col, rng.last_col + 1):
                out[(r, c)] = (rng.first_row, rng.first_col, rng.last_row, rng.last_col)
    return out


def _validation(sheet: Any, row: int, col: int, spec: Spec) -> None:
    if not isinstance(spec, Input) or not (spec.prompt or spec.choices):
        return
    rule: dict[str, Any] = {"validate": "any"}
    if spec.choices:
        rule = {"validate": "list", "source": list(spec.choices), "ignore_blank": True,
                "error_type": "warning"}  # fmt: skip
    if spec.prompt:
        rule["input_message"] = spec.prompt[:255]
    sheet.data_validation(row, col, row, col, rule)


def write_template(kind: str, target: str | os.PathLike[str]) -> Path:
    """Write the blank template of ``kind`` to ``target`` (an .xlsx path); returns the path.

    The file is written next to the target and renamed over it, so a failed write never leaves a
    half-written workbook behind.
    """
    layout = layout_for(kind)
    path = Path(target)
    partial = path.with_name(f".{path.name}.partial")
    try:
        _write(layout, partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def _write(layout: Layout, path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    book.set_properties({"title": layout.name, "subject": layout.basis, "author": "perfcli",
                         "created": _CREATED})  # fmt: skip
    formats = _formats(book)
    sheet = book.add_worksheet(layout.sheet)
    for col, width in enumerate(layout.widths):
        sheet.set_column(col, col, width)
    sheet.set_default_row(20)
    sheet.set_row(0, 30)
    for r, cells in enumerate(layout.rows):  # a label broken over two lines needs the room
        if any(isinstance(spec, str) and "\n" in spec for spec in cells):
            sheet.set_row(r, 32)
    for row in layout.tall_rows:
        sheet.set_row(row - 1, 60)
    merged = _merged(layout)
    for r, cells in enumerate(layout.rows):
        heading = all(spec is None or isinstance(spec, Title | Note) for spec in cells)
        for c, spec in enumerate(cells):
            value, key = _style(spec)
            area = merged.get((r, c))
            if area is not None and area[:2] != (r, c):
                continue  # covered by a merge written from its top-left cell
            if area is not None:
                sheet.merge_range(*area, value if value is not None else "", formats[key])
            elif heading and spec is None:
                continue  # above the table: no border
            elif value is None:
                sheet.write_blank(r, c, None, formats[key])
            else:
                sheet.write(r, c, value, formats[key])
            _validation(sheet, r, c, spec)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, 1)
    book.close()


def write_all(folder: str | os.PathLike[str]) -> list[Path]:
    """Write every template into ``folder`` (``templates/`` in the repository)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    return [write_template(kind, out / file_name(kind)) for kind in LAYOUTS]


if __name__ == "__main__":
    import sys

    for written in write_all(sys.argv[1] if len(sys.argv) > 1 else "templates"):
        print(written)
