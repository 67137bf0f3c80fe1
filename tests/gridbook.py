"""Build small workbooks from cell grids, for tests.

Every rule test writes a form as a grid (rows of cell values) and reads it back through the real
reader, so a test exercises the same path a user's file takes::

    path = write_workbook(tmp_path / "form.xlsx", [["项目名称", "路灯维护"], ["指标值", "≥95%"]])
    path = write_workbook(
        tmp_path / "form.xlsx",
        {"绩效目标表": grid, "说明": [["注：…"]]},
        merges={"绩效目标表": ["A1:H1", "A8:A12"]},
        hidden={"说明"},
        number_formats={"绩效目标表": {"C3": "0.00%"}},
    )

Cell values: ``None`` or ``""`` is an empty cell; ``str``, ``int``, ``float``, ``bool``,
``datetime``/``date`` are written as typed. Strings are always written as strings — real forms use
``=`` as an indicator operator (``=100%``) — unless ``formulas=True`` (then a string starting with
``=`` is a formula without a cached value) or the cell is a ``Formula(...)``.

Merged ranges keep only their top-left value; another non-empty cell inside a merged range is a
mistake in the test and raises ``ValueError``.

Formats: ``xlsx`` (xlsxwriter), ``xlsm`` (the same bytes with an .xlsm suffix), ``xls`` (xlwt,
if installed) and ``ods`` (odfpy, if installed; no formulas). ``render_realworld`` writes one of the
transcribed published forms in ``/work/shared/realworld`` as a workbook.

The same cells give the same bytes: creation times (xlsx docProps/core.xml, zip member times) are
``FIXED_TIME``, so regenerating samples/ changes nothing unless a cell changed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REALWORLD_DIR = Path("/work/shared/realworld")

# Sheet names for realworld forms, by the JSON's ``form`` kind (as a preparer would name them).
FORM_SHEET_NAMES = {
    "target": "绩效目标表",
    "target_project": "绩效目标表",
    "target_dept": "部门整体绩效目标表",
    "monitor_project": "绩效监控表",
    "monitor_dept": "部门整体绩效监控表",
    "selfeval_project": "项目支出绩效自评表",
    "selfeval_dept": "部门整体绩效自评表",
    "selfeval_summary": "自评情况汇总表",
    "accounts": "决算表",
}

# The creation time written into every workbook (and zip member) instead of "now".
FIXED_TIME = dt.datetime(2024, 1, 1)

_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE_FORMAT = "yyyy-mm-dd"
_DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

Grid = Sequence[Sequence[object]]
Sheets = Mapping[str, Grid]


@dataclass(frozen=True)
class Formula:
    """A formula cell. ``value`` is the cached result; ``""`` writes none (as W001 expects)."""

    text: str
    value: str | int | float | bool = ""

    @property
    def body(self) -> str:
        return self.text[1:] if self.text.startswith("=") else self.text


def write_workbook(
    path: str | Path,
    sheets: Sheets | Grid,
    *,
    merges: Mapping[str, Sequence[str]] | None = None,
    hidden: set[str] | frozenset[str] | None = None,
    fmt: str = "xlsx",
    number_formats: Mapping[str, Mapping[str, str]] | None = None,
    formulas: bool = False,
) -> Path:
    """Write ``sheets`` (name → grid, or one grid for "Sheet1") to ``path``; return the path.

    ``fmt`` is xlsx, xlsm, xls or ods; the suffix of ``path`` is replaced by it. ``merges`` and
    ``number_formats`` are keyed by sheet name (A1 ranges; A1 cell → Excel number format).
    """
    book = _normalise_sheets(sheets)
    merges = dict(merges or {})
    hidden = set(hidden or ())
    number_formats = dict(number_formats or {})
    for name in [*merges, *hidden, *number_formats]:
        if name not in book:
            raise ValueError(f"unknown sheet {name!r}; sheets are {list(book)}")
    if hidden and hidden >= set(book):
        raise ValueError("a workbook needs at least one visible sheet")
    spans = {name: [_parse_range(ref) for ref in merges.get(name, ())] for name in book}
    for name, grid in book.items():
        _check_merged_cells(name, grid, spans[name])
    fmt = fmt.lower().lstrip(".")
    path = Path(path).with_suffix("." + fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in ("xlsx", "xlsm"):
        _write_xlsx(path, book, spans, hidden, number_formats, formulas)
    elif fmt == "xls":
        _write_xls(path, book, spans, hidden, number_formats, formulas)
    elif fmt == "ods":
        _write_ods(path, book, spans, hidden, formulas)
    else:
        raise ValueError(f"unsupported format {fmt!r} (xlsx, xlsm, xls, ods)")
    return path


def fix_zip_times(path: Path, when: dt.datetime = FIXED_TIME) -> Path:
    """Rewrite the zip at ``path`` with every member dated ``when`` (order, compression and
    contents kept): writers that stamp members with the time of saving then give stable bytes."""
    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, stamp)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            fixed.create_system = info.create_system
            zf.writestr(fixed, data)
    return path


# --- realworld forms ----------------------------------------------------------------------------


def realworld_names() -> list[str]:
    """The stems of every transcribed published form, sorted."""
    return sorted(p.stem for p in REALWORLD_DIR.glob("*.json"))


def _realworld_path(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if path.suffix == ".json" and path.exists():
        return path
    candidate = REALWORLD_DIR / (path.name if path.suffix == ".json" else f"{path.name}.json")
    if candidate.exists():
        return candidate
    matches = [p for p in REALWORLD_DIR.glob("*.json") if str(name_or_path) in p.stem]
    if len(matches) == 1:
        return matches[0]
    raise FileNotFoundError(
        f"no single realworld form matches {str(name_or_path)!r} "
        f"({len(matches)} matches; known: {realworld_names()})"
    )


def load_realworld(name: str | Path) -> dict[str, Any]:
    """The JSON of a realworld form: by file stem, unique part of the stem, or path."""
    with _realworld_path(name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def realworld_grid(data: Mapping[str, Any], *, numbers: bool = False) -> list[list[object]]:
    """The ``cells`` of a realworld form; with ``numbers``, plain decimal strings become numbers."""
    grid: list[list[object]] = []
    for row in data["cells"]:
        out: list[object] = []
        for value in row:
            if numbers and isinstance(value, str) and _PLAIN_NUMBER.match(value):
                out.append(float(value) if "." in value else int(value))
            else:
                out.append(value)
        grid.append(out)
    return grid


def render_realworld(
    name_or_path: str | Path,
    tmp_path: str | Path,
    *,
    numbers: bool = False,
    sheet_name: str | None = None,
    fmt: str = "xlsx",
) -> Path:
    """Write a realworld form's ``cells`` to ``tmp_path/<stem>.xlsx``; return the path.

    Values are written as given (strings, as real forms often store numbers as text); with
    ``numbers=True`` strings that are plain decimals (``43.2``, ``-5``; not ``86%``, not
    ``3,309,840.00``) are written as numbers. The sheet is named after the form kind
    (``FORM_SHEET_NAMES``), else "Sheet1", unless ``sheet_name`` is given.
    """
    source = _realworld_path(name_or_path)
    data = load_realworld(source)
    name = sheet_name or FORM_SHEET_NAMES.get(str(data.get("form", "")), "Sheet1")
    target = Path(tmp_path) / f"{source.stem}.{fmt}"
    return write_workbook(target, {name: realworld_grid(data, numbers=numbers)}, fmt=fmt)


# --- internals ----------------------------------------------------------------------------------


def _normalise_sheets(sheets: Sheets | Grid) -> dict[str, Grid]:
    if isinstance(sheets, Mapping):
        if not sheets:
            raise ValueError("no sheets")
        for name in sheets:
            if not isinstance(name, str) or not name or len(name) > 31:
                raise ValueError(f"bad sheet name {name!r} (1-31 characters)")
        return dict(sheets)
    return {"Sheet1": sheets}


def _parse_range(ref: str) -> tuple[int, int, int, int]:
    from perfcli.io.cells import CellRange

    rng = CellRange.from_ref(ref)
    if rng.first_row == rng.last_row and rng.first_col == rng.last_col:
        raise ValueError(f"merge {ref!r} covers one cell")
    return rng.first_row, rng.first_col, rng.last_row, rng.last_col


def _parse_cell(ref: str) -> tuple[int, int]:
    from perfcli.io.cells import parse_a1

    return parse_a1(ref)


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _check_merged_cells(name: str, grid: Grid, spans: list[tuple[int, int, int, int]]) -> None:
    from perfcli.io.cells import a1

    for r0, c0, r1, c1 in spans:
        for r in range(r0, r1 + 1):
            row = grid[r] if r < len(grid) else ()
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and c < len(row) and not _is_empty(row[c]):
                    raise ValueError(
                        f"{name}!{a1(r, c)} = {row[c]!r} lies inside merged range "
                        f"{a1(r0, c0)}:{a1(r1, c1)}; only its top-left cell keeps a value"
                    )


def _cells(grid: Grid) -> list[tuple[int, int, object]]:
    out = []
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if not _is_empty(value):
                out.append((r, c, value))
    return out


def _write_xlsx(
    path: Path,
    book: dict[str, Grid],
    spans: dict[str, list[tuple[int, int, int, int]]],
    hidden: set[str],
    number_formats: dict[str, Mapping[str, str]],
    formulas: bool,
) -> None:
    import xlsxwriter

    options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    wb = xlsxwriter.Workbook(str(path), options)
    wb.set_properties({"created": FIXED_TIME})  # else "now": new bytes on every run
    try:
        format_cache: dict[str, Any] = {}

        def fmt_for(num_format: str | None) -> Any:
            if num_format is None:
                return None
            if num_format not in format_cache:
                format_cache[num_format] = wb.add_format({"num_format": num_format})
            return format_cache[num_format]

        sheets = {name: wb.add_worksheet(name) for name in book}
        first_visible = next(name for name in book if name not in hidden)
        sheets[first_visible].activate()
        for name, grid in book.items():
            ws = sheets[name]
            formats = {_parse_cell(ref): nf for ref, nf in number_formats.get(name, {}).items()}
            for r0, c0, r1, c1 in spans[name]:
                ws.merge_range(r0, c0, r1, c1, "", fmt_for(formats.get((r0, c0))))
            written: set[tuple[int, int]] = set()
            for r, c, value in _cells(grid):
                _xlsx_cell(ws, r, c, value, formats.get((r, c)), fmt_for, formulas)
                written.add((r, c))
            for (r, c), nf in formats.items():
                if (r, c) not in written and not any(
                    s[0] <= r <= s[2] and s[1] <= c <= s[3] for s in spans[name]
                ):
                    ws.write_blank(r, c, None, fmt_for(nf))
            if name in hidden:
                ws.hide()
    finally:
        wb.close()


def _xlsx_cell(
    ws: Any, r: int, c: int, value: object, num_format: str | None, fmt_for: Any, formulas: bool
) -> None:
    if isinstance(value, Formula):
        ws.write_formula(r, c, value.text, fmt_for(num_format), value.value)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt_for(num_format))
    elif isinstance(value, int | float):
        ws.write_number(r, c, value, fmt_for(num_format))
    elif isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, fmt_for(num_format or _DATETIME_FORMAT))
    elif isinstance(value, dt.date):
        when = dt.datetime.combine(value, dt.time())
        ws.write_datetime(r, c, when, fmt_for(num_format or _DATE_FORMAT))
    elif isinstance(value, str):
        if formulas and value.startswith("=") and len(value) > 1:
            ws.write_formula(r, c, value, fmt_for(num_format), "")
        else:
            ws.write_string(r, c, value, fmt_for(num_format))
    else:
        raise TypeError(f"cannot write {type(value).__name__} at row {r}, col {c}: {value!r}")


def _write_xls(
    path: Path,
    book: dict[str, Grid],
    spans: dict[str, list[tuple[int, int, int, int]]],
    hidden: set[str],
    number_formats: dict[str, Mapping[str, str]],
    formulas: bool,
) -> None:
    # optional: tests that need .xls use pytest.importorskip("xlwt")
    import xlwt  # type: ignore[import-untyped, import-not-found, unused-ignore]

    wb = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, Any] = {}

    def style(num_format: str | None) -> Any:
        key = num_format or "General"
        if key not in styles:
            styles[key] = xlwt.easyxf(num_format_str=key)
        return styles[key]

    for name, grid in book.items():
        ws = wb.add_sheet(name, cell_overwrite_ok=True)
        formats = {_parse_cell(ref): nf for ref, nf in number_formats.get(name, {}).items()}
        for r0, c0, r1, c1 in spans[name]:
            ws.write_merge(r0, r1, c0, c1, "")
        for r, c, value in _cells(grid):
            num_format = formats.get((r, c))
            if isinstance(value, Formula) or (
                formulas and isinstance(value, str) and value.startswith("=") and len(value) > 1
            ):
                body = value.body if isinstance(value, Formula) else value[1:]
                ws.write(r, c, xlwt.Formula(body), style(num_format))
            elif isinstance(value, dt.datetime):
                ws.write(r, c, value, style(num_format or _DATETIME_FORMAT))
            elif isinstance(value, dt.date):
                ws.write(r, c, value, style(num_format or _DATE_FORMAT))
            elif isinstance(value, str | int | float | bool):
                ws.write(r, c, value, style(num_format))
            else:
                raise TypeError(f"cannot write {type(value).__name__}: {value!r}")
        if name in hidden:
            ws.visibility = 1
    first_visible = next(i for i, name in enumerate(book) if name not in hidden)
    wb.active_sheet = first_visible
    wb.save(str(path))


def _write_ods(
    path: Path,
    book: dict[str, Grid],
    spans: dict[str, list[tuple[int, int, int, int]]],
    hidden: set[str],
    formulas: bool,
) -> None:
    # optional, like xlwt
    from odf.opendocument import OpenDocumentSpreadsheet  # type: ignore[import-untyped, import-not-found, unused-ignore]
    from odf.style import Style, TableProperties  # type: ignore[import-untyped, import-not-found, unused-ignore]
    from odf.table import CoveredTableCell, Table, TableCell, TableRow  # type: ignore[import-untyped, import-not-found, unused-ignore]
    from odf.text import P  # type: ignore[import-untyped, import-not-found, unused-ignore]

    doc = OpenDocumentSpreadsheet()
    hidden_style = Style(name="taHidden", family="table")
    hidden_style.addElement(TableProperties(display=False))
    doc.automaticstyles.addElement(hidden_style)
    for name, grid in book.items():
        table = Table(name=name, stylename=hidden_style if name in hidden else None)
        starts = {(s[0], s[1]): s for s in spans[name]}
        covered = {
            (r, c)
            for r0, c0, r1, c1 in spans[name]
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)
        }
        n_rows = max([len(grid), *(s[2] + 1 for s in spans[name])])
        n_cols = max([0, *(len(row) for row in grid), *(s[3] + 1 for s in spans[name])])
        for r in range(n_rows):
            row_el = TableRow()
            row = grid[r] if r < len(grid) else ()
            for c in range(n_cols):
                if (r, c) in covered:
                    row_el.addElement(CoveredTableCell())
                    continue
                value = row[c] if c < len(row) else None
                attrs: dict[str, Any] = {}
                if (r, c) in starts:
                    r0, c0, r1, c1 = starts[(r, c)]
                    attrs = {"numberrowsspanned": r1 - r0 + 1, "numbercolumnsspanned": c1 - c0 + 1}
                row_el.addElement(_ods_cell(value, attrs, formulas, TableCell, P))
            table.addElement(row_el)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    fix_zip_times(path)  # odfpy stamps every member with the time of saving


def _ods_cell(value: object, attrs: dict[str, Any], formulas: bool, cell: Any, para: Any) -> Any:
    if _is_empty(value):
        return cell(**attrs)
    if isinstance(value, Formula) or (
        formulas and isinstance(value, str) and value.startswith("=") and len(value) > 1
    ):
        raise NotImplementedError("formulas are not supported for .ods in tests/gridbook.py")
    if isinstance(value, bool):
        el = cell(valuetype="boolean", booleanvalue="true" if value else "false", **attrs)
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, int | float):
        el = cell(valuetype="float", value=value, **attrs)
        text = str(value)
    elif isinstance(value, dt.datetime):
        el = cell(valuetype="date", datevalue=value.isoformat(), **attrs)
        text = value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        el = cell(valuetype="date", datevalue=value.isoformat(), **attrs)
        text = value.isoformat()
    elif isinstance(value, str):
        el = cell(valuetype="string", **attrs)
        text = value
    else:
        raise TypeError(f"cannot write {type(value).__name__}: {value!r}")
    for line in text.split("\n"):
        el.addElement(para(text=line))
    return el
