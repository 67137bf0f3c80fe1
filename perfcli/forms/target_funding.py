"""The money block of a target table (项目资金 / 资金总额及构成): 年度 and 中期 amounts by source.

Target tables write it in several ways; every one becomes a ``FundingBlock`` whose rows carry a
``budget`` (年度) cell and, where printed, a ``midterm`` (中期 / 项目总预算) cell:

* label | amount rows (``年度资金总额 | 120`` / ``其中:财政拨款 | 110`` / ``其他资金 | 10``);
* label–amount pairs, 中期 then 年度 (88号, 武汉: ``资金总额 | 10000万元 | 当年资金总额: | 10000万元``);
* a column header (``| 中期资金总额 | 年度资金总额``) over label rows;
* label and amount inside each cell (宁乡: ``总额10606.7522万元 | 财政拨款:6923.3552万元(…) | …``).

The row labels and their roles (total / source) come from labels.toml ``[funding]``, as for the
self-evaluation block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfcli.forms import vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import FundingBlock, FundingRow, Located
from perfcli.forms.normalize import norm_label, squash
from perfcli.forms.target_grids import ANNUAL, MIDTERM, period_of
from perfcli.io.values import parse_number

# ``总额10606.7522万元``, ``财政拨款:6923.3552万元(其中:…)``, ``二、自有资金:0万元``.
_INLINE = re.compile(
    r"^(?P<label>[^\d]*?[^\d:])[:]?(?P<amount>[-+]?\d[\d,]*(?:\.\d+)?(?:万元|元)?)(?P<rest>\(.*\))?$"
)
_SOURCE_PREFIX = re.compile(r"^(?:其中:?)?(?:当年|本年|年度|中期|当年度|本年度)?")
_COLUMN_WORDS = ("金额", "预算数", "资金", "预算")


@dataclass
class _Item:
    label: Located
    value: Located
    role: str  # total | source
    period: str  # annual | midterm | ""


def _role(label: str) -> str | None:
    """total / source for a funding row label, None for anything else."""
    text = norm_label(label)
    if text in vocab.labels_for("funding", "total"):
        return "total"
    if text in vocab.labels_for("funding", "source") or (
        text.startswith("其中") and ("资金" in text or "拨款" in text)
    ):
        return "source"
    return None


def _is_block_label(text: str) -> bool:
    return norm_label(text) in vocab.labels_for("funding", "block")


def is_start(grid: LabelGrid, row: int) -> bool:
    """A row that opens the money block: its first text cell is the block or a total label."""
    cells = [c for c in grid.row_cells(row) if isinstance(c.value, str) and c.value.strip()]
    if not cells:
        return False
    first = str(cells[0].value)
    if _is_block_label(first):
        return True
    if _role(first) == "total":
        return True
    inline = _inline(first)
    return inline is not None and inline[2] == "total"


def _inline(text: str) -> tuple[str, str, str] | None:
    """(label, amount, role) of a cell holding both: ``总额10606.7522万元``."""
    m = _INLINE.match(squash(text))
    if not m:
        return None
    role = _role(m.group("label"))
    if role is None:
        return None
    return m.group("label"), m.group("amount"), role


def _source_kind(label: str) -> str:
    return _SOURCE_PREFIX.sub("", norm_label(label)).replace("其它", "其他")


def locate_funding(grid: LabelGrid, start: int, end: int) -> FundingBlock | None:
    """Read the money block opening at ``start``; it ends before the first row of another block."""
    first_cells = [c for c in grid.row_cells(start) if isinstance(c.value, str) and c.value.strip()]
    header_cell = first_cells[0]
    block = FundingBlock(header=grid.located(start, header_cell.col))
    block_col = header_cell.col
    # The block's own label (项目资金(万元)) is skipped; a first cell that is a row label
    # (中期市财政预算(万元) | 300 | …) is read like any other.
    first_text = str(header_cell.value)
    label_col = -1 if _role(first_text) or _inline(first_text) else header_cell.col
    column_keys: dict[int, str] = {}
    rows: list[FundingRow] = []
    labels: dict[int, dict[str, str]] = {}  # id(row) → column → the label its amount stands by
    for row in range(start, end + 1):
        cells = grid.row_cells(row)
        if not cells:
            continue
        text_cells = [c for c in cells if isinstance(c.value, str) and c.value.strip()]
        if row > start and text_cells and text_cells[0].col <= block_col:
            first = str(text_cells[0].value)
            if _role(first) is None and _inline(first) is None:
                break  # the next block (总体目标, 项目概况 …)
        keys = _column_header(grid, row, label_col if row == start else -1)
        if keys:
            column_keys = keys
            continue
        if column_keys:
            frow = _aligned_row(grid, row, column_keys)
            if frow is not None:
                rows.append(frow)
                labels[id(frow)] = {
                    key: squash(grid.sheet.text(start, col)) for col, key in column_keys.items()
                }
            continue
        skip = label_col if row == start else -1
        for frow, names in _rows_from_items(_items(grid, row, skip_col=skip)):
            rows.append(frow)
            labels[id(frow)] = names
    rows = _merge_midterm_totals(rows, labels)
    if not rows:
        return None
    block.rows = rows
    total = block.total or rows[0]
    for key, loc in total.cells.items():
        block.columns[key] = loc.col
        block.labels[key] = labels.get(id(total), {}).get(key, squash(total.label.text).rstrip(":"))
    return block


def _column_header(grid: LabelGrid, row: int, skip_col: int) -> dict[int, str]:
    """``| 资金来源 | 中期资金总额 | 年度资金总额``: column labels, no amount, rows labelled below."""
    keys: dict[int, str] = {}
    captions: list[int] = []
    for cell in grid.row_cells(row):
        if cell.col == skip_col:
            continue
        if not isinstance(cell.value, str) or parse_number(cell.value).ok:
            return {}
        text = norm_label(cell.value)
        period = period_of(text)
        if period and any(word in text for word in _COLUMN_WORDS):
            keys[cell.col] = "midterm" if period == MIDTERM else "budget"
        elif _role(cell.value) is not None or _inline(cell.value) is not None:
            return {}
        else:
            captions.append(cell.col)  # 资金来源, 项目: the caption of the label column
    if not keys or any(col > min(keys) for col in captions):
        return {}
    # Only a header if the rows below carry their labels left of these columns.
    for below in range(row + 1, row + 3):
        labels = [c for c in grid.row_cells(below) if isinstance(c.value, str) and _role(c.value)]
        if labels:
            return keys if labels[0].col < min(keys) else {}
    return {}


def _aligned_row(grid: LabelGrid, row: int, column_keys: dict[int, str]) -> FundingRow | None:
    labels = [
        c for c in grid.row_cells(row) if c.col < min(column_keys) and isinstance(c.value, str)
    ]
    role = _role(str(labels[-1].value)) if labels else None
    if role is None:
        return None
    frow = FundingRow(label=grid.located(row, labels[-1].col), role=role)
    for col, key in column_keys.items():
        loc = grid.cell_at(row, col)
        frow.cells[key] = (
            loc if loc is not None and loc.col == col else Located(None, grid.name, row, col)
        )
    return frow


def _value_col(grid: LabelGrid, row: int, col: int) -> int:
    """The column just right of a label, past its merged range."""
    rng = grid.sheet.merged_range_at(row, col)
    return (rng.last_col if rng is not None else col) + 1


def _items(grid: LabelGrid, row: int, skip_col: int) -> list[_Item]:
    """The (label, amount) pairs of one row, in order."""
    items: list[_Item] = []
    pending: Located | None = None

    def close(value: Located | None) -> None:
        nonlocal pending
        if pending is None:
            return
        if value is None:
            value = Located(None, grid.name, row, _value_col(grid, row, pending.col))
        role = _role(pending.text) or "source"
        items.append(_Item(pending, value, role, period_of(norm_label(pending.text))))
        pending = None

    for cell in grid.row_cells(row):
        if cell.col == skip_col:
            continue
        loc = grid.located(row, cell.col)
        if isinstance(cell.value, str) and _role(cell.value) is not None:
            close(None)
            pending = loc
            continue
        inline = _inline(cell.value) if isinstance(cell.value, str) else None
        if inline is not None:
            close(None)
            label, amount, role = inline
            items.append(_Item(Located(label, grid.name, row, cell.col),
                               Located(amount, grid.name, row, cell.col), role, period_of(label)))  # fmt: skip
            continue
        if pending is not None:
            close(loc)
    close(None)
    return items


def _rows_from_items(items: list[_Item]) -> list[tuple[FundingRow, dict[str, str]]]:
    """One row's pairs: a 中期 | 年度 pair of the same line, or several lines written across.

    Each row comes with the label each of its amounts stands by (for messages).
    """
    if len(items) == 2 and _same_line(*items):
        first, second = items
        periods = [first.period, second.period]
        if periods[0] == periods[1]:
            periods = [MIDTERM, ANNUAL] if not periods[0] else periods
        elif not periods[0]:
            periods[0] = MIDTERM if periods[1] == ANNUAL else ANNUAL
        elif not periods[1]:
            periods[1] = MIDTERM if periods[0] == ANNUAL else ANNUAL
        annual = second if periods[1] == ANNUAL else first
        frow = FundingRow(label=annual.label, role=annual.role)
        names: dict[str, str] = {}
        for item, period in zip(items, periods, strict=True):
            key = "midterm" if period == MIDTERM else "budget"
            frow.cells.setdefault(key, item.value)
            names.setdefault(key, squash(item.label.text).rstrip(":"))
        return [(frow, names)]
    out = []
    for item in items:
        key = "midterm" if item.period == MIDTERM else "budget"
        frow = FundingRow(label=item.label, role=item.role, cells={key: item.value})
        out.append((frow, {key: squash(item.label.text).rstrip(":")}))
    return out


def _same_line(a: _Item, b: _Item) -> bool:
    if a.role != b.role:
        return False
    return a.role == "total" or _source_kind(a.label.text) == _source_kind(b.label.text)


def _merge_midterm_totals(
    rows: list[FundingRow], labels: dict[int, dict[str, str]]
) -> list[FundingRow]:
    """``中期资金总额 | 300`` on its own row above ``年度资金总额 | 100``: one total row with both."""
    midterm_only = [r for r in rows if r.role == "total" and set(r.cells) == {"midterm"}]
    annual = [r for r in rows if r.role == "total" and "budget" in r.cells]
    if len(midterm_only) == 1 and len(annual) == 1 and "midterm" not in annual[0].cells:
        annual[0].cells["midterm"] = midterm_only[0].cells["midterm"]
        labels.setdefault(id(annual[0]), {}).update(
            {"midterm": labels.get(id(midterm_only[0]), {}).get("midterm", "")}
        )
        rows = [r for r in rows if r is not midterm_only[0]]
    return rows
