"""A department table's money block → one ``FundingBlock`` per composition of its total.

Layouts read (labels in labels.toml ``[dept]``):

* 宁德: ``年度预算安排(万元) | 资金总额 | 项目支出 | 基本支出`` with the amounts in the row below (or
  as label–value pairs in one row, or one item per row with its amount to the right);
* 广水: ``部门总体资金情况(单位:万元)`` with a column header ``当年金额 | 近两年收支金额 | 占比`` and two
  groups, ``收入构成`` (财政拨款 / 其他资金 / 合计) and ``支出构成`` (基本支出 / 项目支出 / 合计).

Each composition is a ``FundingBlock`` whose total row (``role="total"``) should equal the sum of its
source rows (``role="source"``) in every amount column: ``budget`` (当年金额, or the only amount),
``previous`` (近两年收支金额); ``share`` (占比) is read too. One total with both 收入 and 支出 parts
under it (资金总额 / 财政拨款 / 其他资金 / 基本支出 / 项目支出) is two compositions of the same total.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfcli.forms import vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import FundingBlock, FundingRow, Located
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.values import is_placeholder, parse_number

MONEY_COLUMNS = ("budget", "previous", "share")


@dataclass
class _Item:
    label: Located
    role: str  # total | source
    part: str  # income | expense | "" (a total)
    group: Located | None = None


def item_key(text: str) -> tuple[str, str] | None:
    """(role, part) of a money item label: 资金总额 → (total, ""), 基本支出 → (source, expense)."""
    label = norm_label(text)
    if label in vocab.labels_for("dept", "money_total"):
        return "total", ""
    if label in vocab.labels_for("dept", "money_income"):
        return "source", "income"
    if label in vocab.labels_for("dept", "money_expense"):
        return "source", "expense"
    return None


def column_key(text: str) -> str | None:
    label = norm_label(text)
    for key in MONEY_COLUMNS:
        if label in vocab.labels_for("dept", f"money_{key}"):
            return key
    return None


def locate_money(grid: LabelGrid, label: Located, end_row: int) -> list[FundingBlock]:
    """The compositions of the money block labelled ``label`` (rows ``label.row``..``end_row``)."""
    rows = range(label.row, end_row + 1)
    header_row, columns = _column_header(grid, label, rows)
    if header_row is None:
        for row in rows:
            items = _items_in_row(grid, row, label)
            if len(items) >= 2:
                if all(_number_right_of(grid, item) is not None for item in items):
                    return _pairs(label, items, grid)
                return _across(grid, label, rows)
    return _down(grid, label, rows, header_row, columns)


def _column_header(
    grid: LabelGrid, label: Located, rows: range
) -> tuple[int | None, dict[str, int]]:
    for row in rows:
        cols: dict[str, int] = {}
        for cell in grid.row_cells(row):
            if cell.col > label.col and isinstance(cell.value, str):
                key = column_key(cell.value)
                if key is not None and key not in cols:
                    cols[key] = cell.col
        if cols:
            return row, cols
    return None, {}


def _items_in_row(grid: LabelGrid, row: int, label: Located) -> list[Located]:
    return [
        grid.located(row, cell.col)
        for cell in grid.row_cells(row)
        if (row, cell.col) != (label.row, label.col)
        and isinstance(cell.value, str)
        and item_key(cell.value) is not None
    ]


def _block(header: Located, budget_label: str, columns: dict[str, int]) -> FundingBlock:
    block = FundingBlock(header=header, columns=dict(columns))
    block.labels["budget"] = budget_label
    return block


def _pairs(label: Located, labels: list[Located], grid: LabelGrid) -> list[FundingBlock]:
    """``资金总额 | 2350 | 项目支出 | 1600 | 基本支出 | 750``: each amount right of its label."""
    found = {}
    for item in labels:
        value = _number_right_of(grid, item)
        assert value is not None  # the caller checked every label has one
        found[_at(item)] = value
    return _build(label, labels, found)


def _across(grid: LabelGrid, label: Located, rows: range) -> list[FundingBlock]:
    """Items across one or more header rows (资金总额 | 按收入性质分 → 财政拨款 | 其他资金 …), the
    amounts in the first row below them that holds one, each under its label."""
    labels: list[Located] = []
    value_row: int | None = None
    for row in rows:
        items = _items_in_row(grid, row, label)
        if labels and any(_is_amount(c.value) for c in grid.row_cells(row)):
            value_row = row
            break
        labels += items
    if value_row is None:
        value_row = max(item.row for item in labels) + 1
    found = {
        _at(item): _own(grid, value_row, item.col) or Located(None, grid.name, value_row, item.col)
        for item in labels
    }
    return _build(label, labels, found)


def _build(
    label: Located, labels: list[Located], found: dict[tuple[int, int], Located]
) -> list[FundingBlock]:
    items = []
    for item in sorted(labels, key=lambda loc: (loc.col, loc.row)):
        role, part = item_key(item.text) or ("source", "")
        items.append(_Item(item, role, part))
    blocks = []
    for group in _compositions(items):
        block = _block(label, norm_label(label.text), {})
        for it in group:
            block.rows.append(
                FundingRow(label=it.label, role=it.role, cells={"budget": found[_at(it.label)]})
            )
        blocks.append(block)
    return blocks


def _down(
    grid: LabelGrid,
    label: Located,
    rows: range,
    header_row: int | None,
    columns: dict[str, int],
) -> list[FundingBlock]:
    """One item per row, amounts under the column header (or the first number to the right)."""
    items: list[_Item] = []
    group: Located | None = None
    found: dict[tuple[int, int], dict[str, Located]] = {}
    value_col: int | None = columns.get("budget")
    for row in rows:
        row_items: list[Located] = []
        for cell in grid.row_cells(row):
            if (row, cell.col) == (label.row, label.col) or not isinstance(cell.value, str):
                continue
            if norm_label(cell.value) in vocab.labels_for("dept", "money_group"):
                group = grid.located(row, cell.col)  # 收入构成 / 支出构成, also in a header row
            elif item_key(cell.value) is not None and row != header_row:
                row_items.append(grid.located(row, cell.col))
        if not row_items:
            continue
        item = row_items[-1]  # the innermost label: 收入构成 | 合计 → 合计
        role, part = item_key(item.text) or ("source", "")
        items.append(_Item(item, role, part, group))
        cells: dict[str, Located] = {}
        if columns:
            for key, col in columns.items():
                cells[key] = _own(grid, row, col) or Located(None, grid.name, row, col)
        else:
            value = _number_right_of(grid, item)
            if value is not None and value_col is None:
                value_col = value.col
            if value is None and value_col is not None:
                value = _own(grid, row, value_col) or Located(None, grid.name, row, value_col)
            if value is not None:
                cells["budget"] = value
        found[_at(item)] = cells
    budget_label = ""
    if header_row is not None and "budget" in columns:
        budget_label = squash(grid.located(header_row, columns["budget"]).text)
    cols = dict(columns) if columns else ({"budget": value_col} if value_col is not None else {})
    blocks = []
    for comp in _compositions(items):
        header = comp[0].group or label
        block = _block(header, budget_label or norm_label(label.text), cols)
        if header_row is not None:
            for key, col in columns.items():
                block.labels[key] = squash(grid.located(header_row, col).text)
        for it in comp:
            block.rows.append(FundingRow(label=it.label, role=it.role, cells=found[_at(it.label)]))
        blocks.append(block)
    return blocks


def _compositions(items: list[_Item]) -> list[list[_Item]]:
    """Split items into totals with their parts: at a new group label; after a total that closes
    its parts (财政拨款 / 其他资金 / 合计 | 基本支出 / …); at a second total (资金总额 / … | 合计 / …);
    and one total over both 收入 and 支出 parts into one composition each."""
    groups: list[list[_Item]] = []
    for item in items:
        current = groups[-1] if groups else None
        if current is None:
            groups.append([item])
            continue
        has_total = any(i.role == "total" for i in current)
        has_parts = any(i.role == "source" for i in current)
        new_group = item.group is not None and item.group is not current[-1].group
        closed = has_total and has_parts and (item.role == "total" or current[-1].role == "total")
        if new_group or closed:
            groups.append([item])
        else:
            current.append(item)
    out: list[list[_Item]] = []
    for group in groups:
        parts = {i.part for i in group if i.role == "source"}
        if len(parts) < 2:
            out.append(group)
            continue
        totals = [i for i in group if i.role == "total"]
        for part in ("income", "expense", ""):
            members = [i for i in group if i.role == "source" and i.part == part]
            if members:
                ordered = sorted([*totals, *members], key=lambda i: (i.label.row, i.label.col))
                out.append(ordered)
    return out


def _at(loc: Located) -> tuple[int, int]:
    return loc.row, loc.col


def _own(grid: LabelGrid, row: int, col: int) -> Located | None:
    """The cell at (row, col) only when it starts there (a merged amount belongs to its first row)."""
    loc = grid.cell_at(row, col)
    if loc is None or (loc.row, loc.col) != (row, col):
        return None
    return loc


def _is_amount(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and (parse_number(value).ok or is_placeholder(value))


def _number_right_of(grid: LabelGrid, item: Located) -> Located | None:
    """The first cell right of a label in its row when it holds an amount (or a dash for none)."""
    for cell in grid.row_cells(item.row):
        if cell.col <= item.col:
            continue
        if isinstance(cell.value, str) and (
            item_key(cell.value) is not None or column_key(cell.value) is not None
        ):
            return None
        if isinstance(cell.value, str) and not cell.value.strip():
            continue
        if parse_number(cell.value).ok or (
            isinstance(cell.value, str) and is_placeholder(cell.value)
        ):
            return grid.located(item.row, cell.col)
        return None
    return None
