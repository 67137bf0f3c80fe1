"""How an .xlsx/.xlsm input looks, for the annotated copy: widths, heights, formats, borders.

python-calamine gives values and merges only. openpyxl's read-only mode has no column widths and
its full mode loads the whole workbook into memory, so this streams the parts itself, the way the
preflight does: the same checked zip container (``check_zip``), the same sheet map
(``xlsx_sheets``), XML through defusedxml, elements dropped as soon as they are read. The input is
opened for reading only. Anything unexpected leaves the copy plain; it never fails the feedback.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from defusedxml import ElementTree as SafeET

from perfcli.io.cells import parse_a1
from perfcli.io.limits import DEFAULT_LIMITS, Limits

MAX_STYLED_CELLS = 300_000  # per sheet: styled (possibly empty) cells remembered
_BORDER_STYLES = {
    "thin": 1,
    "medium": 2,
    "dashed": 3,
    "dotted": 4,
    "thick": 5,
    "double": 6,
    "hair": 7,
    "mediumDashed": 8,
    "dashDot": 9,
    "mediumDashDot": 10,
    "dashDotDot": 11,
    "mediumDashDotDot": 12,
    "slantDashDot": 13,
}
_H_ALIGN = {"left", "center", "right", "fill", "justify", "centerContinuous", "distributed"}
_V_ALIGN = {
    "top": "top",
    "center": "vcenter",
    "bottom": "bottom",
    "justify": "vjustify",
    "distributed": "vdistributed",
}


@dataclass(frozen=True, slots=True)
class CellStyle:
    """The part of a cell's style the annotated copy repeats."""

    num_format: str = ""
    wrap: bool = False
    align: str = ""
    valign: str = ""
    borders: tuple[int, int, int, int] = (0, 0, 0, 0)  # left, right, top, bottom
    bold: bool = False
    size: float = 0.0

    def properties(self) -> dict[str, Any]:
        """xlsxwriter format properties."""
        props: dict[str, Any] = {}
        if self.num_format:
            props["num_format"] = self.num_format
        if self.wrap:
            props["text_wrap"] = True
        if self.align:
            props["align"] = self.align
        if self.valign:
            props["valign"] = self.valign
        for side, style in zip(("left", "right", "top", "bottom"), self.borders, strict=True):
            if style:
                props[side] = style
        if self.bold:
            props["bold"] = True
        if self.size:
            props["font_size"] = self.size
        return props


@dataclass
class SheetLayout:
    widths: dict[int, float] = field(default_factory=dict)  # 0-based column → width
    hidden_cols: set[int] = field(default_factory=set)
    heights: dict[int, float] = field(default_factory=dict)  # 0-based row → points
    styles: dict[tuple[int, int], CellStyle] = field(default_factory=dict)
    default_width: float | None = None


def read_layouts(
    path: str | Path, bounds: dict[str, tuple[int, int]], limits: Limits = DEFAULT_LIMITS
) -> dict[str, SheetLayout]:
    """Layouts of the named sheets of an .xlsx/.xlsm (``bounds``: name → (rows, cols) to keep).

    Returns {} for other formats or when the parts cannot be read.
    """
    from perfcli.io.errors import InputError
    from perfcli.io.preflight import check_zip, xlsx_sheets

    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    try:
        with check_zip(Path(path), limits) as zf:
            styles = _read_styles(zf)
            out: dict[str, SheetLayout] = {}
            for ref in xlsx_sheets(zf, limits):
                if ref.name in bounds and ref.candidates:
                    with zf.open(ref.candidates[0]) as stream:
                        out[ref.name] = _read_sheet(stream, styles, bounds[ref.name])
            return out
    except (InputError, OSError, zipfile.BadZipFile, SafeET.ParseError, ValueError, KeyError):
        return {}
    except Exception as exc:  # defusedxml refusals and other malformed XML
        if type(exc).__module__.startswith(("defusedxml", "xml")):
            return {}
        raise


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _read_styles(zf: zipfile.ZipFile) -> list[CellStyle]:
    """cellXfs index → CellStyle (number format code, alignment, borders, bold, size)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    member = next((n for n in zf.namelist() if n.lower() == "xl/styles.xml"), None)
    if member is None:
        return []
    with zf.open(member) as stream:
        root = SafeET.parse(stream).getroot()
    codes: dict[int, str] = {int(k): v for k, v in BUILTIN_FORMATS.items()}
    fonts: list[tuple[bool, float]] = []
    borders: list[tuple[int, int, int, int]] = []
    xfs: list[Any] = []
    for part in root:
        name = _local(part.tag)
        if name == "numFmts":
            for fmt in part:
                if fmt.get("numFmtId", "").isdigit():
                    codes[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
        elif name == "fonts":
            fonts = [_font(font) for font in part]
        elif name == "borders":
            borders = [_border(border) for border in part]
        elif name == "cellXfs":
            xfs = list(part)
    out: list[CellStyle] = []
    for xf in xfs:
        fmt_id, font_id, border_id = (_int(xf.get(k)) for k in ("numFmtId", "fontId", "borderId"))
        align = next((a for a in xf if _local(a.tag) == "alignment"), None)
        bold, size = fonts[font_id] if 0 <= font_id < len(fonts) else (False, 0.0)
        code = codes.get(fmt_id, "")
        h = align.get("horizontal", "") if align is not None else ""
        v = align.get("vertical", "") if align is not None else ""
        out.append(
            CellStyle(
                num_format="" if code == "General" else code,
                wrap=align is not None and align.get("wrapText") in ("1", "true"),
                align=h if h in _H_ALIGN else "",
                valign=_V_ALIGN.get(v, ""),
                borders=borders[border_id] if 0 <= border_id < len(borders) else (0, 0, 0, 0),
                bold=bold,
                size=size,
            )
        )
    return out


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


def _font(font: Any) -> tuple[bool, float]:
    bold, size = False, 0.0
    for part in font:
        name = _local(part.tag)
        if name == "b":
            bold = part.get("val", "1") not in ("0", "false")
        elif name == "sz":
            try:
                size = float(part.get("val", "0"))
            except ValueError:
                size = 0.0
    return bold, size if 1 <= size <= 409 else 0.0


def _border(border: Any) -> tuple[int, int, int, int]:
    sides = {_local(side.tag): _BORDER_STYLES.get(side.get("style", ""), 0) for side in border}
    return (
        sides.get("left", sides.get("start", 0)),
        sides.get("right", sides.get("end", 0)),
        sides.get("top", 0),
        sides.get("bottom", 0),
    )


def _read_sheet(stream: IO[bytes], styles: list[CellStyle], bound: tuple[int, int]) -> SheetLayout:
    layout = SheetLayout()
    max_row, max_col = bound
    row, col = -1, -1
    for event, elem in SafeET.iterparse(stream, events=("start", "end")):
        name = _local(elem.tag)
        if event == "start":
            if name == "row":
                r = elem.get("r")
                row = int(r) - 1 if r and r.isdigit() else row + 1
                col = -1
                if elem.get("customHeight") in ("1", "true") and row <= max_row:
                    height = _float(elem.get("ht"))
                    if height is not None and 0 <= height <= 409:
                        layout.heights[row] = height
            continue
        if name == "c":
            ref = elem.get("r")
            try:
                row, col = parse_a1(ref) if ref else (row, col + 1)
            except ValueError:
                col += 1
            index = _int(elem.get("s"))
            if (
                index
                and index < len(styles)
                and row <= max_row
                and col <= max_col
                and len(layout.styles) < MAX_STYLED_CELLS
            ):
                layout.styles[(row, col)] = styles[index]
            elem.clear()
        elif name == "col":
            _read_col(elem, layout, max_col)
        elif name == "sheetFormatPr":
            width = _float(elem.get("defaultColWidth"))
            if width is not None and 0 < width <= 255:
                layout.default_width = width
        elif name == "row":
            elem.clear()
        elif name == "sheetData":
            break  # what follows (merges, print setup) the reader already has or needs not
    return layout


def _read_col(elem: Any, layout: SheetLayout, max_col: int) -> None:
    first, last = _int(elem.get("min")), _int(elem.get("max"))
    if not first:
        return
    width = _float(elem.get("width"))
    hidden = elem.get("hidden") in ("1", "true")
    for c in range(first - 1, min(last, max_col + 1)):
        if width is not None and 0 <= width <= 255:
            layout.widths[c] = width
        if hidden:
            layout.hidden_cols.add(c)


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None
