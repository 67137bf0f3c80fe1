"""Plain, typed cell grids: what every reader returns and every locator reads.

A grid is sparse (only non-empty cells are stored), 0-based internally, and every cell knows its
A1 address so a finding can always point at it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None


def column_letter(col: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int) -> str:
    """0-based (row, col) → "B7"."""
    return f"{column_letter(col)}{row + 1}"


def parse_a1(ref: str) -> tuple[int, int]:
    """ "B7" → (6, 1); "$B$7" accepted."""
    ref = ref.replace("$", "").upper()
    i = 0
    col = 0
    while i < len(ref) and ref[i].isalpha():
        col = col * 26 + (ord(ref[i]) - 64)
        i += 1
    if i == 0 or i == len(ref):
        raise ValueError(f"not an A1 reference: {ref!r}")
    return int(ref[i:]) - 1, col - 1


@dataclass(frozen=True, slots=True)
class CellRange:
    """An inclusive 0-based rectangle, e.g. a merged range."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    @property
    def ref(self) -> str:
        return f"{a1(self.first_row, self.first_col)}:{a1(self.last_row, self.last_col)}"

    def contains(self, row: int, col: int) -> bool:
        return self.first_row <= row <= self.last_row and self.first_col <= col <= self.last_col

    @classmethod
    def from_ref(cls, ref: str) -> CellRange:
        start, _, end = ref.partition(":")
        r0, c0 = parse_a1(start)
        r1, c1 = parse_a1(end or start)
        return cls(min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1))


@dataclass(frozen=True, slots=True)
class Cell:
    """One non-empty cell: its 0-based position and its typed value."""

    row: int
    col: int
    value: CellValue

    @property
    def address(self) -> str:
        return a1(self.row, self.col)

    @property
    def text(self) -> str:
        """The value as a person reads it (floats without a spurious ".0")."""
        return cell_text(self.value)


def cell_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    return str(value)


@dataclass(slots=True)
class Sheet:
    """One worksheet as a sparse grid plus the facts the rules need about it."""

    name: str
    index: int = 0
    hidden: bool = False
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merged: list[CellRange] = field(default_factory=list)
    # Cells that hold a formula but no cached value (W001), and cells showing an error (W002).
    formulas_without_value: list[tuple[int, int]] = field(default_factory=list)
    error_cells: list[tuple[int, int]] = field(default_factory=list)
    _merge_origin: dict[tuple[int, int], tuple[int, int]] | None = field(default=None, repr=False)

    @property
    def n_rows(self) -> int:
        return max((r for r, _ in self.cells), default=-1) + 1

    @property
    def n_cols(self) -> int:
        return max((c for _, c in self.cells), default=-1) + 1

    @property
    def used_range(self) -> str:
        if not self.cells:
            return "A1:A1"
        rows = [r for r, _ in self.cells]
        cols = [c for _, c in self.cells]
        return CellRange(min(rows), min(cols), max(rows), max(cols)).ref

    def set(self, row: int, col: int, value: CellValue) -> None:
        if value is None or (isinstance(value, str) and value == ""):
            self.cells.pop((row, col), None)
        else:
            self.cells[(row, col)] = Cell(row, col, value)

    def get(self, row: int, col: int) -> Cell | None:
        return self.cells.get((row, col))

    def value(self, row: int, col: int) -> CellValue:
        cell = self.cells.get((row, col))
        return None if cell is None else cell.value

    def text(self, row: int, col: int) -> str:
        cell = self.cells.get((row, col))
        return "" if cell is None else cell.text.strip()

    def merge_origin(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range covering (row, col), or (row, col) itself."""
        if self._merge_origin is None:
            origin: dict[tuple[int, int], tuple[int, int]] = {}
            for rng in self.merged:
                # Cap the per-range expansion: a hostile file may declare a huge merge.
                if (rng.last_row - rng.first_row + 1) * (rng.last_col - rng.first_col + 1) > 10_000:
                    continue
                for r in range(rng.first_row, rng.last_row + 1):
                    for c in range(rng.first_col, rng.last_col + 1):
                        origin[(r, c)] = (rng.first_row, rng.first_col)
            self._merge_origin = origin
        return self._merge_origin.get((row, col), (row, col))

    def merged_range_at(self, row: int, col: int) -> CellRange | None:
        for rng in self.merged:
            if rng.contains(row, col):
                return rng
        return None

    def row_cells(self, row: int) -> list[Cell]:
        """Non-empty cells of one row, left to right."""
        return sorted((c for (r, _), c in self.cells.items() if r == row), key=lambda c: c.col)

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """(row index, non-empty cells left to right) for every row that has any."""
        by_row: dict[int, list[Cell]] = {}
        for (r, _), cell in self.cells.items():
            by_row.setdefault(r, []).append(cell)
        for r in sorted(by_row):
            yield r, sorted(by_row[r], key=lambda c: c.col)


@dataclass(slots=True)
class Workbook:
    """What a reader returns: the sheets of one file, in order."""

    path: str
    format: str  # "xlsx" | "xlsm" | "xls" | "ods"
    sheets: list[Sheet] = field(default_factory=list)

    def sheet(self, name: str) -> Sheet:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)
