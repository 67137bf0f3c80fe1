"""部门(单位)整体支出绩效目标表 → ``TargetDept``."""

from __future__ import annotations

from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_identity
from perfcli.forms.model import TargetDept
from perfcli.io.cells import Sheet
from perfcli.io.values import DEFAULT_VAGUE_WORDS


def locate_target_dept(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
) -> TargetDept:
    """Placeholder until the locator lands: identity only."""
    grid = LabelGrid(sheet, seg.first_row, seg.last_row)
    form = TargetDept(
        kind="target_dept", sheet=sheet.name, first_row=seg.first_row, last_row=seg.last_row,
        last_col=grid.max_col, title=seg.title, hidden_sheet=sheet.hidden,
    )  # fmt: skip
    read_identity(grid, form)
    return form
