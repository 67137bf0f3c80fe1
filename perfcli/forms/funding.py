"""The money block: 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, total and source rows.

Handles column-aligned blocks (central, Sichuan, Anhui, 20/80, Beijing) and the Hebei system's
label-value pairs (``预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84 | 100.00``).
"""

from __future__ import annotations

from perfcli.forms import vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import FundingBlock, FundingRow, Located
from perfcli.forms.normalize import label_weight, norm_label, squash
from perfcli.io.values import parse_number

AMOUNT_KEYS = ("initial", "budget", "executed", "received", "rate")
_PAIR_ORDER = ("budget", "received", "executed")
_PAIR_LABELS = {"预算数": "budget", "到位数": "received", "执行数": "executed"}


def header_columns(grid: LabelGrid, row: int) -> dict[str, int]:
    """Canonical funding columns found in one row (first occurrence of each)."""
    cols: dict[str, int] = {}
    for cell in grid.row_cells(row):
        key = vocab.match("funding", str(cell.value)) if isinstance(cell.value, str) else None
        if key in ("initial", "budget", "executed", "received", "weight", "rate", "score",
                   "reason", "method") and key not in cols:  # fmt: skip
            cols[key] = cell.col
    return cols


def is_header(grid: LabelGrid, row: int) -> bool:
    cols = header_columns(grid, row)
    money = {"initial", "budget", "executed", "received"} & cols.keys()
    return bool(money) and ("executed" in cols or "rate" in cols) and len(cols) >= 2


def _role(text: str, first: bool) -> str:
    label = norm_label(text)
    if label in vocab.labels_for("funding", "total"):
        return "total"
    if label in vocab.labels_for("funding", "source") or label.startswith("其中"):
        return "source"
    return "total" if first else "source"


def locate_funding(grid: LabelGrid, header_row: int, end_row: int) -> FundingBlock:
    """Read the money block whose column header is ``header_row``, up to ``end_row`` inclusive."""
    cols = header_columns(grid, header_row)
    first_amount_col = min(c for k, c in cols.items() if k in AMOUNT_KEYS)
    header_cells = grid.row_cells(header_row)
    header = grid.located(header_row, header_cells[0].col)
    block = FundingBlock(header=header, columns={k: v for k, v in cols.items() if k != "method"})
    for cell in header_cells:
        for key, col in block.columns.items():
            if col == cell.col and isinstance(cell.value, str):
                block.labels[key] = squash(cell.value)
        if isinstance(cell.value, str):
            weight = label_weight(cell.value)
            if weight is not None and block.weight_from_label is None:
                block.weight_from_label = weight
    if "budget" not in cols and "initial" in cols:
        block.rate_base = "initial"  # Beijing 2016: 全年执行数(B) ÷ 年初预算数(A)
    for row in range(header_row + 1, end_row + 1):
        cells = grid.row_cells(row)
        if not cells:
            continue
        if _is_pair_row(grid, row, first_amount_col):
            parsed = _pair_row(grid, row, first=not block.rows)
            if parsed is not None:
                block.rows.append(parsed)
            continue
        label_cells = [
            c
            for c in cells
            if c.col < first_amount_col and isinstance(c.value, str) and c.value.strip()
        ]
        if not label_cells:
            continue
        label_cell = label_cells[-1]
        label = grid.located(row, label_cell.col)
        frow = FundingRow(label=label, role=_role(label.text, first=not block.rows))
        for key, col in block.columns.items():
            loc = grid.cell_at(row, col)
            if loc is not None and loc.col == col:
                frow.cells[key] = loc
            elif key != "reason":
                frow.cells[key] = Located(None, grid.name, row, col)
        block.rows.append(frow)
    return block


def _is_pair_row(grid: LabelGrid, row: int, first_amount_col: int) -> bool:
    """Hebei layout: row labels repeat inside the amount columns (``预算数 6.84 到位数 6.84``)."""
    labels = [
        c for c in grid.row_cells(row)
        if c.col >= first_amount_col and isinstance(c.value, str)
        and (norm_label(c.value) in _PAIR_LABELS or norm_label(c.value).startswith("其中")
             or norm_label(c.value) in vocab.labels_for("funding", "source"))
    ]  # fmt: skip
    return len(labels) >= 2


def _pair_row(grid: LabelGrid, row: int, *, first: bool) -> FundingRow | None:
    cells = grid.row_cells(row)
    pairs: list[tuple[Located, Located | None]] = []
    trailing: list[Located] = []
    i = 0
    while i < len(cells):
        cell = cells[i]
        if isinstance(cell.value, str) and not parse_number(cell.value).ok:
            nxt = cells[i + 1] if i + 1 < len(cells) else None
            value = None
            if nxt is not None and parse_number(nxt.value).status != "bad":
                value = grid.located(row, nxt.col)
                i += 1
            pairs.append((grid.located(row, cell.col), value))
        else:
            trailing.append(grid.located(row, cell.col))
        i += 1
    if not pairs:
        return None
    first_label = pairs[0][0]
    frow = FundingRow(label=first_label, role=_role(first_label.text, first=first))
    if norm_label(first_label.text) in _PAIR_LABELS:
        frow.role = "total"
    for index, (label, value) in enumerate(pairs[: len(_PAIR_ORDER)]):
        key = _PAIR_LABELS.get(norm_label(label.text), _PAIR_ORDER[index])
        if value is not None:
            frow.cells[key] = value
    if trailing:
        frow.cells["rate"] = trailing[-1]
    return frow
