"""The measure of one worksheet a preflight scan takes before calamine builds its grid.

``SheetScan`` holds the used range, the cell count and merges, checked against the limits while
the scan runs (so a hostile file stops early), and what calamine does not expose: formulas
without a cached value (W001), error cells and their text, hidden state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfcli.io.cells import CellRange
from perfcli.io.errors import InputError, over_limit
from perfcli.io.limits import Limits

ERROR_VALUES = frozenset(
    {"#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)

Pos = tuple[int, int]


@dataclass
class SheetScan:
    """What a streaming pass over one worksheet found (positions are 0-based (row, col))."""

    name: str
    n_cells: int = 0
    max_row: int = -1
    max_col: int = -1
    hidden: bool = False
    formulas_without_value: list[Pos] = field(default_factory=list)
    error_cells: list[Pos] = field(default_factory=list)
    error_text: dict[Pos, str] = field(default_factory=dict)
    merged: list[CellRange] = field(default_factory=list)

    @property
    def area(self) -> int:
        return (self.max_row + 1) * (self.max_col + 1)

    def extend_to(self, row: int, col: int) -> None:
        if row > self.max_row:
            self.max_row = row
        if col > self.max_col:
            self.max_col = col

    def add_error(self, pos: Pos, text: str) -> None:
        if pos not in self.error_text:
            self.error_cells.append(pos)
        self.error_text[pos] = text if text in ERROR_VALUES else (text.strip() or "#VALUE!")

    def check(self, limits: Limits) -> None:
        """Raise E004 once the sheet is past a limit (called while scanning, so it stops early)."""
        if self.n_cells > limits.max_cells:
            raise over_limit(
                f"工作表 {self.name} 的非空单元格超过 {limits.max_cells} 个",
                f"sheet {self.name} has more than {limits.max_cells} cells",
            )
        if self.max_row >= limits.max_rows or self.max_col >= limits.max_cols:
            raise over_limit(
                f"工作表 {self.name} 的单元格超出 Excel 的行列范围"
                f"（第 {self.max_row + 1} 行、第 {self.max_col + 1} 列）",
                f"sheet {self.name} has a cell outside the Excel grid",
            )
        if self.area > limits.max_grid_area:
            raise over_limit(
                f"工作表 {self.name} 的使用范围过大（{self.max_row + 1} 行 × {self.max_col + 1} 列）",
                f"sheet {self.name} used range too large ({self.max_row + 1} × {self.max_col + 1})",
            )
        if len(self.merged) > limits.max_merged_ranges:
            raise over_limit(
                f"工作表 {self.name} 的合并单元格区域超过 {limits.max_merged_ranges} 个",
                f"sheet {self.name} has more than {limits.max_merged_ranges} merged ranges",
            )


def too_many_sheets(n: int, limits: Limits) -> InputError:
    return over_limit(f"工作表数量 {n} 超过上限 {limits.max_sheets}", f"{n} sheets, over the limit")


def short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "…"
