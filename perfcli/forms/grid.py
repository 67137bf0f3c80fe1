"""A label-aware view of one sheet region: what every locator searches through.

``LabelGrid`` normalises every text cell once, answers "which cells carry label X of section Y",
and reads the value next to a label (to its right, or inline after a colon), always returning
``Located`` values so that every value keeps its cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from perfcli.forms import vocab
from perfcli.forms.model import Located
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.cells import Cell, Sheet
from perfcli.io.values import is_placeholder


@dataclass
class LabelGrid:
    sheet: Sheet
    first_row: int
    last_row: int

    def __post_init__(self) -> None:
        self._norm: dict[tuple[int, int], str] = {}
        self._rows: dict[int, list[Cell]] = {}
        for (r, c), cell in self.sheet.cells.items():
            if self.first_row <= r <= self.last_row:
                self._rows.setdefault(r, []).append(cell)
                if isinstance(cell.value, str):
                    self._norm[(r, c)] = norm_label(cell.value)
        for cells in self._rows.values():
            cells.sort(key=lambda cell: cell.col)
        self._all_labels: set[str] | None = None

    # -- basic access ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.sheet.name

    def located(self, row: int, col: int) -> Located:
        return Located(self.sheet.value(row, col), self.sheet.name, row, col)

    def cell_at(self, row: int, col: int) -> Located | None:
        """The value at (row, col), following a merged range to its top-left cell."""
        if self.sheet.get(row, col) is None:
            r0, c0 = self.sheet.merge_origin(row, col)
            if (r0, c0) != (row, col) and self.sheet.get(r0, c0) is not None and r0 == row:
                return self.located(r0, c0)
            return None
        return self.located(row, col)

    def row_cells(self, row: int) -> list[Cell]:
        return self._rows.get(row, [])

    def rows(self) -> Iterator[int]:
        return iter(sorted(self._rows))

    def norm(self, row: int, col: int) -> str:
        return self._norm.get((row, col), "")

    def squashed(self, row: int, col: int) -> str:
        value = self.sheet.value(row, col)
        return squash(value) if isinstance(value, str) else ""

    @property
    def max_col(self) -> int:
        return max((c.col for cells in self._rows.values() for c in cells), default=0)

    # -- labels ---------------------------------------------------------------------------------
    def is_known_label(self, row: int, col: int) -> bool:
        """Whether the cell is a label of any section (so it is not a value)."""
        text = self._norm.get((row, col))
        if not text:
            return False
        if self._all_labels is None:
            labels: set[str] = set()
            for name in ("identity", "funding", "goals", "indicators", "totals", "other"):
                labels.update(vocab.section(name))
            self._all_labels = labels
        if text in self._all_labels:
            return True
        # "金额单位:万元", "单位名称:某站": a label carrying its value inline is still a label.
        head, sep, _ = self.squashed(row, col).partition(":")
        return bool(sep) and norm_label(head) in self._all_labels

    def find(self, section: str, key: str, *, rows: range | None = None) -> list[Located]:
        """Cells whose normalised text is one of the labels of ``section.key``."""
        wanted = vocab.labels_for(section, key)
        out = []
        for (r, c), text in self._norm.items():
            if text in wanted and (rows is None or r in rows):
                out.append(self.located(r, c))
        out.sort(key=lambda loc: (loc.row, loc.col))
        return out

    def find_prefixed(self, section: str, key: str) -> list[tuple[Located, str]]:
        """Cells that start with a label followed by a colon and a value: ``单位名称:隆阳区…``."""
        wanted = sorted(vocab.labels_for(section, key), key=len, reverse=True)
        out = []
        for (r, c), _ in sorted(self._norm.items()):
            raw = self.squashed(r, c)
            for label in wanted:
                if raw.startswith(label + ":") and len(raw) > len(label) + 1:
                    out.append((self.located(r, c), raw[len(label) + 1 :]))
                    break
        return out

    def value_right_of(self, label: Located, *, max_gap: int = 6) -> Located | None:
        """The first non-empty cell to the right of a label that is not itself a label."""
        for cell in self.row_cells(label.row):
            if cell.col <= label.col or cell.col > label.col + max_gap:
                continue
            if self.is_known_label(cell.row, cell.col):
                return None
            if isinstance(cell.value, str) and is_placeholder(cell.value):
                continue
            return self.located(cell.row, cell.col)
        return None

    def texts_in_row(self, row: int) -> list[Located]:
        return [self.located(row, c.col) for c in self.row_cells(row)]
