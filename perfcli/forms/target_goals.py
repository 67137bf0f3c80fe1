"""The goals of a target table: 年度目标 and, where printed, 中期/长期目标.

Written as labels with their text to the right (宁乡: ``长期目标 | …`` / ``年度目标 | …``; 鄂州:
``绩效目标 | …``) or as column headers over the text (88号, 武汉: ``总体目标 | 中期目标 | 年度目标``
then ``| … | …``). Labels come from labels.toml ``[goals]`` (``expected``, ``midterm``, ``block``).
"""

from __future__ import annotations

from perfcli.forms import vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import Goals, Located
from perfcli.forms.normalize import norm_label, squash


def goal_kind(text: str) -> str:
    """expected / midterm / block for a goals label, "" for anything else."""
    label = norm_label(text)
    if any(label.startswith(word) for word in vocab.labels_for("goals", "midterm")):
        return "midterm"  # 中期目标(2023年-2025年)
    if label in vocab.labels_for("goals", "expected"):
        return "expected"
    if label in vocab.labels_for("goals", "block"):
        return "block"
    return ""


def goal_labels(grid: LabelGrid, skip_rows: set[int]) -> list[tuple[Located, str]]:
    """Every goals label cell outside ``skip_rows`` (grids, money), top to bottom."""
    out = []
    for row in grid.rows():
        if row in skip_rows:
            continue
        for cell in grid.row_cells(row):
            if isinstance(cell.value, str):
                kind = goal_kind(cell.value)
                if kind:
                    out.append((grid.located(row, cell.col), kind))
    return out


def locate_goals(grid: LabelGrid, labels: list[tuple[Located, str]], end_row: int) -> Goals | None:
    """Read the text each goals label stands by (to its right, else below it)."""
    if not labels:
        return None
    goals = Goals(header=labels[0][0])
    for label, kind in labels:
        if kind == "block":
            continue
        values = _values(grid, label, end_row)
        if kind == "midterm":
            goals.midterm.extend(values)
        else:
            if goals.expected_label is None:
                goals.expected_label = label
            goals.expected.extend(values)
    if goals.expected_label is None and not goals.midterm:
        return None  # only a block label (总体目标) with nothing read under it
    return goals


def _values(grid: LabelGrid, label: Located, end_row: int) -> list[Located]:
    right = grid.value_right_of(label, max_gap=12)
    if right is not None:
        out = [right]
        # 目标1 / 目标2 … on the rows below, under the same text column, while no label starts a row.
        for row in range(label.row + 1, end_row + 1):
            if _row_starts_at_or_before(grid, row, label.col):
                break
            loc = grid.cell_at(row, right.col)
            if loc is None or loc.col != right.col or loc.is_empty:
                break
            out.append(loc)
        return out
    # Column header: the text stands below the label, until a row starts where the labels' row
    # starts (总体目标 | 中期目标 | 年度目标 over | … | …, then 绩效指标 …).
    out = []
    limit = min((c.col for c in grid.row_cells(label.row)), default=label.col)
    # The labels' row written again below (总体目标 unmerged and filled down) starts no new row.
    repeated = {
        (c.col, squash(c.value)) for c in grid.row_cells(label.row) if isinstance(c.value, str)
    }
    for row in range(label.row + 1, end_row + 1):
        loc = grid.cell_at(row, label.col)
        own = loc is not None and loc.col == label.col and not loc.is_empty
        first = _first_text_col(grid, row, repeated)
        if first is not None and first <= limit and not (own and first == label.col):
            break
        if loc is None or not own:
            continue
        if grid.is_known_label(row, label.col):
            break
        out.append(loc)
    return out


def _first_text_col(
    grid: LabelGrid, row: int, ignore: set[tuple[int, str]] | None = None
) -> int | None:
    cells = [
        c
        for c in grid.row_cells(row)
        if isinstance(c.value, str)
        and c.value.strip()
        and (ignore is None or (c.col, squash(c.value)) not in ignore)
    ]
    return cells[0].col if cells else None


def _row_starts_at_or_before(grid: LabelGrid, row: int, col: int) -> bool:
    first = _first_text_col(grid, row)
    return first is not None and first <= col
