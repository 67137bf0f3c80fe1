"""The money block of a monitoring table: 年初预算数 / 调整后预算数 / 1-N月执行数 / 1-N月执行率 /
全年预计执行数 (columns, model_monitor.MONITOR_FUNDING_COLUMNS) by 年度资金总额 and its sources.

The column header is found by label (``monitor_vocab.funding_key``); every row below it with a row
label left of the amounts is a money row: the first (or one labelled 年度资金总额 / 合计) the total,
the others its sources (其中:财政拨款, 其他资金; a department's 基本支出 / 项目支出).
"""

from __future__ import annotations

from perfcli.forms import monitor_vocab, vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import FundingBlock, FundingRow, Located
from perfcli.forms.normalize import norm_label, squash

_AMOUNTS = ("initial", "budget", "period_executed", "period_rate", "forecast")
_PROGRESS = ("period_executed", "period_rate", "forecast")


def header_columns(grid: LabelGrid, row: int) -> dict[str, int]:
    """Canonical money columns found in one row (first occurrence of each)."""
    cols: dict[str, int] = {}
    for cell in grid.row_cells(row):
        if isinstance(cell.value, str):
            key = monitor_vocab.funding_key(cell.value)
            if key is not None and key not in cols:
                cols[key] = cell.col
    return cols


def is_header(grid: LabelGrid, row: int) -> bool:
    """A budget column and an execution (or forecast) column, in one header row or two."""
    cols, _ = columns(grid, row)
    return bool({"initial", "budget"} & cols.keys()) and bool(set(_PROGRESS) & cols.keys())


def columns(grid: LabelGrid, header_row: int) -> tuple[dict[str, int], int]:
    """The block's columns and its first money row. A second header row of money labels only
    (``1-7月执行情况`` over ``执行数 | 执行率``) adds its columns."""
    cols = header_columns(grid, header_row)
    below = [c for c in grid.row_cells(header_row + 1) if not _blank(c.value)]
    if below and all(
        isinstance(c.value, str) and monitor_vocab.funding_key(c.value) is not None for c in below
    ):
        for key, col in header_columns(grid, header_row + 1).items():
            cols.setdefault(key, col)
        return cols, header_row + 2
    return cols, header_row + 1


def period_of(grid: LabelGrid, header_row: int) -> tuple[int, Located] | None:
    """N of the 1-N月 in the block's header labels (one or two rows), and the label's cell."""
    for row in (header_row, header_row + 1):
        for cell in grid.row_cells(row):
            if isinstance(cell.value, str):
                month, _ = monitor_vocab.split_period(cell.value)
                if month is not None:
                    return month, grid.located(row, cell.col)
    return None


def _sub_label(grid: LabelGrid, header_row: int, col: int) -> str:
    """A column headed in the second header row; under a group label that states the period
    (``1-7月执行情况`` over ``执行数``) the period is put in front (``1-7月执行数``)."""
    text = squash(grid.located(header_row + 1, col).text)
    group = grid.cell_at(header_row, col)
    month = monitor_vocab.split_period(group.text)[0] if group is not None else None
    if month is not None and monitor_vocab.split_period(text)[0] is None:
        return f"1-{month}月{text}"
    return text


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _role(text: str, first: bool) -> str:
    label = norm_label(text)
    if label in vocab.labels_for("funding", "total") or label in vocab.labels_for(
        "dept", "money_total"
    ):
        return "total"
    sources = (
        vocab.labels_for("funding", "source")
        | vocab.labels_for("dept", "money_income")
        | vocab.labels_for("dept", "money_expense")
        | monitor_vocab.labels("funding_dept_rows")
    )
    if label in sources or label.startswith("其中"):
        return "source"
    return "total" if first else "source"


def locate_funding(grid: LabelGrid, header_row: int, end_row: int) -> FundingBlock:
    """Read the money block whose column header is ``header_row``, up to ``end_row`` inclusive."""
    cols, first_data = columns(grid, header_row)
    first_amount = min(col for key, col in cols.items() if key in _AMOUNTS)
    cells = grid.row_cells(header_row)
    block = FundingBlock(header=grid.located(header_row, cells[0].col), columns=dict(cols))
    top = header_columns(grid, header_row)
    for key, col in cols.items():
        block.labels[key] = (
            squash(grid.located(header_row, col).text)
            if top.get(key) == col
            else _sub_label(grid, header_row, col)
        )
    if "budget" not in cols and "initial" in cols:
        block.rate_base = "initial"  # the 2019 table prints only 年初预算数
    for row in range(first_data, end_row + 1):
        label_cells = [
            c
            for c in grid.row_cells(row)
            if c.col < first_amount and isinstance(c.value, str) and c.value.strip()
        ]
        if not label_cells:
            continue
        label = grid.located(row, label_cells[-1].col)
        frow = FundingRow(label=label, role=_role(label.text, first=not block.rows))
        for key, col in cols.items():
            loc = grid.cell_at(row, col)
            if loc is not None and loc.col == col and loc.row == row:
                frow.cells[key] = loc
            elif key != "reason":
                frow.cells[key] = Located(None, grid.name, row, col)
        block.rows.append(frow)
    return block
