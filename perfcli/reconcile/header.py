"""The column header of a 决算 table, found by its labels anywhere in a sheet (forms.md §7).

A header row names the project (项目名称 / 项目编码) and at least one amount column; a second header
row may split a spanning column (本年支出 over 合计 | 财政拨款 | 其他资金). Detection while walking a
folder is strict (``strict=True``): 项目名称 + an expenditure column + a budget column, and no score,
grade or indicator column anywhere in the header — a 项目支出绩效自评情况汇总表 has 全年执行数 too,
but also 自评得分, and must never be taken for accounts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfcli.forms import vocab
from perfcli.forms.model import Located
from perfcli.io.cells import Cell, Sheet

AMOUNTS = frozenset({"initial", "budget", "executed", "fiscal", "other"})
_HEADER_KEYS = frozenset({"name", "code", "department", "unit_name", *AMOUNTS})


@dataclass(slots=True)
class Header:
    """Where the table's columns are: canonical key → column, and the header cells."""

    row: int  # first header row (0-based)
    last_row: int  # last header row (row + 1 when a second row splits a column)
    columns: dict[str, int] = field(default_factory=dict)
    labels: dict[str, Located] = field(default_factory=dict)
    executed_from_parts: bool = False  # 本年支出 printed only as 财政拨款 + 其他资金


def cell_key(cell: Cell) -> str | None:
    """The accounts column a header cell names, or None."""
    if not isinstance(cell.value, str):
        return None
    return vocab.match("accounts", cell.value)


def _row_keys(cells: list[Cell]) -> dict[str, Cell]:
    found: dict[str, Cell] = {}
    for cell in cells:
        key = cell_key(cell)
        if key is not None and key not in found:
            found[key] = cell
    return found


def _is_header(keys: dict[str, Cell], strict: bool) -> bool:
    if "scored" in keys:
        return False
    if strict:
        return "name" in keys and "executed" in keys and "budget" in keys
    has_amount = bool(AMOUNTS & keys.keys())
    return ("name" in keys or "code" in keys) and has_amount


def find_header(
    sheet: Sheet, first_row: int = 0, last_row: int | None = None, *, strict: bool = False
) -> Header | None:
    """The first header row of an accounts table in rows ``first_row..last_row``, or None."""
    rows = dict(sheet.rows())
    end = max(rows, default=-1) if last_row is None else last_row
    for r in sorted(rows):
        if r < first_row or r > end:
            continue
        keys = _row_keys(rows[r])
        if not _is_header(keys, strict):
            continue
        header = Header(row=r, last_row=r)
        for key, cell in keys.items():
            if key in _HEADER_KEYS:
                header.columns[key] = cell.col
                header.labels[key] = Located(cell.value, sheet.name, r, cell.col)
        sub = rows.get(r + 1, [])
        if _split_columns(sheet, header, sub):
            if strict and _row_keys(sub).get("scored"):
                return None
            header.last_row = r + 1
        return header
    return None


def _split_columns(sheet: Sheet, header: Header, sub: list[Cell]) -> bool:
    """Read a second header row that splits spanning columns; True when there is one."""
    name_col = header.columns.get("name", header.columns.get("code"))
    if name_col is not None and any(c.col == name_col for c in sub):
        return False  # the next row names a project: it is data, not a header
    parts = [
        (cell, vocab.match("accounts", cell.value)) for cell in sub if isinstance(cell.value, str)
    ]
    parts = [(cell, key) for cell, key in parts if key in ("subtotal", "fiscal", "other")]
    if not parts:
        return False
    by_col = {col: key for key, col in header.columns.items()}
    for cell, key in parts:
        parent_col = _parent_col(sheet, header.row, cell.col)
        parent = by_col.get(parent_col) if parent_col is not None else None
        if key == "subtotal" and parent in AMOUNTS:
            header.columns[parent] = cell.col
            header.labels[parent] = Located(cell.value, sheet.name, cell.row, cell.col)
        elif key in ("fiscal", "other") and parent in (None, "executed", "fiscal", "other"):
            header.columns[key] = cell.col
            header.labels[key] = Located(cell.value, sheet.name, cell.row, cell.col)
    executed = header.columns.get("executed")
    if executed is not None and executed in (
        header.columns.get("fiscal"),
        header.columns.get("other"),
    ):
        del header.columns["executed"]  # 本年支出 spans 财政拨款 | 其他资金 with no 合计 column
        header.executed_from_parts = True
    return True


def _parent_col(sheet: Sheet, row: int, col: int) -> int | None:
    """The column of the header cell above ``col``: its merged range, else the nearest label to the
    left with nothing in between."""
    for rng in sheet.merged:
        if rng.first_row <= row <= rng.last_row and rng.first_col <= col <= rng.last_col:
            return rng.first_col
    for c in range(col, -1, -1):
        if sheet.get(row, c) is not None:
            return c
    return None


def looks_like_accounts(sheet: Sheet, first_row: int, last_row: int) -> bool:
    """Whether an untitled sheet region holds a 决算 project table (strict header signature)."""
    return find_header(sheet, first_row, last_row, strict=True) is not None
