"""Cost build-up blocks (鄂州: 成本构成 | 金额 | 测算(公式)依据 | 往年实际执行数 … and 合计) and
the execution weight printed outside the indicator grid (奉节: ``预算执行 | 10分``)."""

from __future__ import annotations

from decimal import Decimal

from perfcli.forms import vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import CostBlock, CostRow, Located
from perfcli.forms.normalize import label_weight, norm_label, squash
from perfcli.io.values import parse_number


def _key(text: str) -> str:
    label = norm_label(text)
    for key in ("cost_item", "cost_amount", "cost_basis"):
        if label in vocab.labels_for("target", key):
            return key
    return ""


def find_header(grid: LabelGrid) -> int | None:
    """The header row of a cost build-up: a 成本构成 column and a 金额 column."""
    for row in grid.rows():
        keys = {_key(str(c.value)) for c in grid.row_cells(row) if isinstance(c.value, str)}
        if {"cost_item", "cost_amount"} <= keys:
            return row
    return None


def locate_cost(grid: LabelGrid, header_row: int, end_row: int) -> CostBlock:
    """Read the build-up under ``header_row``: one row per cost line, then its 合计 row."""
    cells = [c for c in grid.row_cells(header_row) if isinstance(c.value, str)]
    block = CostBlock(header=grid.located(header_row, cells[0].col))
    item_col = amount_col = basis_col = None
    for cell in cells:
        key = _key(str(cell.value))
        if key == "cost_item" and item_col is None:
            item_col = cell.col
        elif key == "cost_amount" and amount_col is None:
            amount_col = cell.col
        elif key == "cost_basis" and basis_col is None:
            basis_col = cell.col
        if item_col is not None:
            block.columns[squash(str(cell.value))] = cell.col
    assert item_col is not None and amount_col is not None
    others = {name: col for name, col in block.columns.items() if col not in (item_col, amount_col, basis_col)}  # fmt: skip
    totals = vocab.labels_for("target", "cost_total")
    for row in range(header_row + 1, end_row + 1):
        if not grid.row_cells(row):
            continue
        first = [c for c in grid.row_cells(row) if isinstance(c.value, str) and c.value.strip()]
        if first and first[0].col < item_col:
            break  # the next block starts left of the cost lines (绩效目标 …)
        label = grid.cell_at(row, item_col)
        if label is None or label.col != item_col or label.is_empty:
            continue
        line = CostRow(
            label=label,
            amount=_cell(grid, row, amount_col),
            basis=_cell(grid, row, basis_col) if basis_col is not None else None,
            others={name: _cell(grid, row, col) for name, col in others.items()},
        )
        if norm_label(label.text) in totals:
            block.total = line
            break
        block.rows.append(line)
    return block


def _cell(grid: LabelGrid, row: int, col: int) -> Located:
    loc = grid.cell_at(row, col)
    return loc if loc is not None and loc.col == col else Located(None, grid.name, row, col)


def execution_weight(grid: LabelGrid, skip_rows: set[int]) -> tuple[Decimal, Located] | None:
    """``预算执行 | 10分`` or ``预算执行(10分)`` outside the indicator grids: (10, its cell)."""
    labels = vocab.labels_for("target", "execution")
    for row in grid.rows():
        if row in skip_rows:
            continue
        cells = grid.row_cells(row)
        for index, cell in enumerate(cells):
            if not isinstance(cell.value, str) or norm_label(cell.value) not in labels:
                continue
            weight = label_weight(cell.value)
            if weight is not None:
                return weight, grid.located(row, cell.col)
            if index + 1 < len(cells):
                nxt = cells[index + 1]
                num = parse_number(nxt.value)
                if num.ok and num.value is not None and (num.unit == "分" or not num.unit):
                    return num.value, grid.located(row, nxt.col)
    return None
