"""The goals block of a monitoring table: 年度总体目标 and its 1-N月执行情况.

Shapes read (labels in labels_monitor.toml ``goals``, ``goals_expected``, ``goals_progress``):

* 136号: ``年度总体目标 | 全年目标 | 1-7月执行情况`` with the two texts in the row below;
* one row: ``年度目标 | <goal> | 目标执行情况 | <progress>``;
* ``年度总体目标 | <goal>`` (and more goals below, 目标1…n).

``Goals.expected`` holds the goal texts, ``Goals.actual`` the progress texts (the cells right of
the progress label or under it); ``expected_label`` / ``actual_label`` the sub-labels where printed.
"""

from __future__ import annotations

import re

from perfcli.forms import monitor_vocab, vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import Goals, Located
from perfcli.forms.normalize import norm_label, squash

# 目标1 / 目标（二）: the number of a goal written in the next cell; a bare 1 / (一) only when a goal
# follows it in the row (a lone 1900 is a goal that is only a number: S006's business).
_GOAL_NUMBER = re.compile(r"^目标[(（]?[0-9一二三四五六七八九十]+[)）]?[:.、]?$")
_ORDINAL = re.compile(r"^[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]?[:.、]?$")


def is_goals_label(text: str) -> bool:
    label = norm_label(text)
    return label in monitor_vocab.labels("goals") or label in vocab.labels_for("goals", "block")


def is_label(grid: LabelGrid, row: int, col: int) -> bool:
    """A label of any section, monitoring labels included (never a value)."""
    value = grid.sheet.value(row, col)
    return grid.is_known_label(row, col) or (
        isinstance(value, str) and monitor_vocab.is_monitor_label(value)
    )


def _is_numbering(grid: LabelGrid, loc: Located) -> bool:
    if not isinstance(loc.value, str):
        return False
    text = squash(loc.value)
    if _GOAL_NUMBER.match(text):
        return True
    return bool(_ORDINAL.match(text)) and any(
        c.col > loc.col and not is_label(grid, loc.row, c.col) for c in grid.row_cells(loc.row)
    )


def locate_goals(grid: LabelGrid, label: Located, end_row: int) -> Goals:
    """The goals right of and below ``label`` in rows ``label.row``..``end_row``."""
    goals = Goals(header=label)
    progress_col: int | None = None
    for row in range(label.row, end_row + 1):
        for cell in grid.row_cells(row):
            if cell.col <= label.col:
                continue
            loc = grid.located(row, cell.col)
            if loc.is_empty:
                continue
            key = monitor_vocab.goals_key(cell.value) if isinstance(cell.value, str) else None
            if key == "progress":
                progress_col = cell.col
                goals.actual_label = loc
                continue
            if key == "expected" and row == label.row:
                goals.expected_label = loc
                continue
            if is_label(grid, row, cell.col) or _is_numbering(grid, loc):
                continue
            if progress_col is not None and cell.col >= progress_col:
                goals.actual.append(loc)
            else:
                goals.expected.append(loc)
    goals.has_actual_column = progress_col is not None
    return goals
