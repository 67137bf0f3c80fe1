"""项目支出绩效目标表 → ``TargetProject`` (one per project; 一体化 exports hold many per sheet)."""

from __future__ import annotations

from perfcli.forms.detect import Segment
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_identity
from perfcli.forms.model import TargetProject
from perfcli.io.cells import Sheet
from perfcli.io.values import DEFAULT_VAGUE_WORDS


def locate_target_projects(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS
) -> list[TargetProject]:
    """Placeholder until the locator lands: identity only."""
    grid = LabelGrid(sheet, seg.first_row, seg.last_row)
    form = TargetProject(
        kind="target_project", sheet=sheet.name, first_row=seg.first_row, last_row=seg.last_row,
        last_col=grid.max_col, title=seg.title, hidden_sheet=sheet.hidden,
    )  # fmt: skip
    read_identity(grid, form)
    return [form]
