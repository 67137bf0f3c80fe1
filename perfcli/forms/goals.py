"""The goals block: 预期目标 | 实际完成情况 (and its regional spellings)."""

from __future__ import annotations

from perfcli.forms import vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import Goals
from perfcli.forms.normalize import squash


def is_header(grid: LabelGrid, row: int) -> bool:
    keys = {
        vocab.match("goals", str(c.value)) for c in grid.row_cells(row) if isinstance(c.value, str)
    }
    return "actual" in keys and ("expected" in keys or "block" in keys)


def locate_goals(grid: LabelGrid, header_row: int, end_row: int) -> Goals:
    cells = [c for c in grid.row_cells(header_row) if isinstance(c.value, str)]
    matches = [(c, vocab.match("goals", str(c.value))) for c in cells]
    header = grid.located(header_row, cells[0].col)
    goals = Goals(header=header)
    expected_col = actual_col = None
    for cell, key in matches:
        if key == "actual" and actual_col is None:
            actual_col = cell.col
            goals.actual_label = grid.located(header_row, cell.col)
    # The expected column: the 预期目标-type label nearest to the left of the actual column.
    for cell, key in matches:
        if key == "expected" and (actual_col is None or cell.col < actual_col):
            expected_col = cell.col
            goals.expected_label = grid.located(header_row, cell.col)
    if expected_col is None and actual_col is not None:
        # "年度总体目标 | 实际完成情况": the block label itself heads the expected column.
        expected_col = header.col
        goals.expected_label = header
    goals.has_actual_column = actual_col is not None
    label_limit = min(c for c in (expected_col, actual_col) if c is not None)
    # The block's own labels (年度总体目标): written again on each row where a merged cell was
    # unmerged and filled down, they do not start a new labelled row.
    block_labels = {
        (c.col, squash(c.value))
        for c in grid.row_cells(header_row)
        if c.col < label_limit and isinstance(c.value, str)
    }
    for row in range(header_row + 1, end_row + 1):
        row_cells = grid.row_cells(row)
        if any(
            c.col < label_limit
            and isinstance(c.value, str)
            and c.value.strip()
            and (c.col, squash(c.value)) not in block_labels
            for c in row_cells
        ):
            break  # a new labelled row (2.项目实施内容及过程概述) ends the goals
        for col, target in ((expected_col, goals.expected), (actual_col, goals.actual)):
            if col is None:
                continue
            loc = grid.cell_at(row, col)
            if loc is not None and loc.col == col and not loc.is_empty:
                target.append(loc)
    if not goals.expected and expected_col is not None and expected_col == header.col:
        value = grid.value_right_of(header)
        if value is not None and (actual_col is None or value.col < actual_col):
            goals.expected.append(value)
    return goals
