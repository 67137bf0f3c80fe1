"""A department table's 年度总体目标: one text, or 目标1..目标n, each in its own row or cell.

The block runs from its label to the next block; every filled cell in it (right of or below the
label) is a goal. A bare ``目标1`` / ``目标1:`` cell is a row label, its goal is the cell to its right;
``目标1:完成…`` is a goal with its number written in.
"""

from __future__ import annotations

import re

from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import Goals, Located
from perfcli.forms.normalize import squash
from perfcli.io.values import is_placeholder

_GOAL_LABEL = re.compile(r"^目标[(（]?[0-9一二三四五六七八九十]+[)）]?[:.、]?$")
_ORDINAL = re.compile(r"^[(（]?[0-9一二三四五六七八九十]+[)）]?[:.、]?$")


def is_goal_label(grid: LabelGrid, row: int, col: int) -> bool:
    """``目标1``, ``目标2：`` — or an ordinal (``1``, ``(一)``) with the goal to its right — is the
    row label of a numbered goal, not a goal."""
    value = grid.sheet.value(row, col)
    if not isinstance(value, str):
        return False
    text = squash(value)
    if _GOAL_LABEL.match(text):
        return True
    return bool(_ORDINAL.match(text)) and any(c.col > col for c in grid.row_cells(row))


def locate_dept_goals(grid: LabelGrid, label: Located, end_row: int) -> Goals:
    """The goals under or right of ``label`` in rows ``label.row``..``end_row``."""
    goals = Goals(header=label, expected_label=label)
    for row in range(label.row, end_row + 1):
        for cell in grid.row_cells(row):
            if cell.col < label.col or (row, cell.col) == (label.row, label.col):
                continue
            loc = grid.located(row, cell.col)
            if loc.is_empty or (isinstance(cell.value, str) and is_placeholder(cell.value)):
                continue
            if is_goal_label(grid, row, cell.col):
                continue
            if grid.is_known_label(row, cell.col):
                continue
            goals.expected.append(loc)
    return goals
