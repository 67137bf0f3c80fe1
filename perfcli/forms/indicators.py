"""The indicator grid: one row per 三级 indicator, 一级/二级 carried down through merged cells.

Handles single-cell targets (``≥95%``) and split 指标性质 | 指标值 | 度量单位 columns, two-row headers
(Hebei: 预期指标值 → 符号 | 单位; 自评得分 → 单项指标得分 | 权重占比 | 单项指标折算得分), weights in 一级
labels (``产出指标(50分)``), unfilled template rows (``指标2``, ``……``), unscored ``其中`` rows and
numbered parent/child rows (``一、示范区建立`` followed by ``1、…``).
"""

from __future__ import annotations

import re

from perfcli.forms import vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import IndicatorGrid, IndicatorRow, Located
from perfcli.forms.normalize import label_weight, norm_label, squash
from perfcli.io.values import DEFAULT_VAGUE_WORDS, is_placeholder, parse_indicator, stored_percent

GRID_KEYS = ("level1", "level2", "name", "nature", "target", "unit", "actual", "weight", "score",
             "raw_score", "reason", "direction", "completion", "method")  # fmt: skip
_PLACEHOLDER_NAME = re.compile(
    r"^(?:指标\d*[:：]?|…+|\.{3,}|\*+|X+|x+|XX+|[(（]?[≥≤]?\*+[^)）]*[)）]?)$"
)
_PARENT = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_CHILD = re.compile(r"^\(?\d+[)、.．]")
_EXECUTION = ("预算执行率", "预算执行情况", "资金执行率")


def header_columns(grid: LabelGrid, row: int) -> dict[str, int]:
    cols: dict[str, int] = {}
    for cell in grid.row_cells(row):
        if not isinstance(cell.value, str):
            continue
        key = vocab.match("indicators", cell.value)
        if key in GRID_KEYS and key not in cols:
            cols[key] = cell.col
    return cols


def is_header(grid: LabelGrid, row: int) -> bool:
    cols = header_columns(grid, row)
    has_level = "level1" in cols or "name" in cols
    return (
        has_level and bool({"target", "actual", "weight", "score"} & cols.keys()) and len(cols) >= 3
    )


def _merge_subheader(grid: LabelGrid, row: int, cols: dict[str, int]) -> bool:
    """Fold a second header row (符号 | 单位 | 单项指标得分 | 权重占比 | 折算得分) into ``cols``."""
    sub = header_columns(grid, row)
    if not sub or any(
        not isinstance(c.value, str) or vocab.match("indicators", c.value) is None
        for c in grid.row_cells(row)
    ):
        return False
    by_col = {col: key for key, col in cols.items()}
    for key, col in sub.items():
        parent = by_col.get(col)
        if parent in ("target", "actual") and key in ("nature",):
            continue  # 预期指标值 → 符号: the operator sits with the number in the target cell
        if parent is not None and parent != key:
            del cols[parent]
        cols[key] = col
    return True


def locate_grid(
    grid: LabelGrid,
    header_row: int,
    end_row: int,
    vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS,
    *,
    columns: dict[str, int] | None = None,
    first_data: int | None = None,
    keep_label_rows: bool = False,
    keep_filler_rows: bool = False,
) -> tuple[IndicatorGrid, IndicatorRow | None]:
    """Read the grid under ``header_row`` up to ``end_row``; also return a 预算执行率 row if any.

    Target tables pass more: ``columns`` reads a given column map instead of the header row's (one
    half of a side-by-side 长期 | 年度 grid; extra keys such as ``note`` are kept in
    ``IndicatorGrid.columns`` and not read); ``first_data`` is the first data row when the header
    has a sub-row the self-evaluation vocabulary does not know (优 | 良 | 中 | 差);
    ``keep_label_rows`` keeps a row whose 二级 (or 一级) cell is written on it although it has no
    三级 name and no value (a side-by-side half left blank, a grid without a 三级 column);
    ``keep_filler_rows`` keeps a row holding only template filler (``…``) as a placeholder row.
    """
    if columns is None:
        cols = header_columns(grid, header_row)
        start = header_row + 1
        if _merge_subheader(grid, header_row + 1, cols):
            start = header_row + 2
    else:
        cols = dict(columns)
        start = header_row + 1
    if first_data is not None:
        start = first_data
    header_cells = grid.row_cells(header_row)
    anchor_col = cols.get("level1", cols.get("name", 0))
    result = IndicatorGrid(
        header=grid.located(header_row, anchor_col), columns=dict(cols),
        first_row=header_row, last_row=header_row,
    )  # fmt: skip
    block_cells = [c for c in header_cells if c.col < anchor_col and isinstance(c.value, str)]
    if block_cells:
        result.block_label = grid.located(header_row, block_cells[0].col)
        result.weight_from_label = label_weight(str(block_cells[0].value))
    execution_row: IndicatorRow | None = None
    level1: Located | None = None
    level2: Located | None = None
    written_l1 = -1  # the last row that wrote its 一级 label in its own (unmerged) cell
    for row in range(start, end_row + 1):
        if not grid.row_cells(row):
            continue
        new_l1 = _at(grid, row, cols.get("level1"))
        new_l2 = _at(grid, row, cols.get("level2"))
        # Template filler (``…``) in a level cell is not a category to carry down (target tables).
        filler = (_filler(new_l2) or _filler(new_l1)) if keep_filler_rows else None
        if _repeated(new_l1, level1, row, written_l1):
            written_l1 = row  # 产出指标(50分) written on every row of its block: the same category
        elif (
            new_l1 is not None and not new_l1.is_empty and (filler is None or filler is not new_l1)
        ):
            written_l1 = row if new_l1.row == row else -1
            if (
                level1 is None
                or norm_label(new_l1.text) != norm_label(level1.text)
                or new_l1.row != row
            ):
                level2 = None
            level1 = new_l1
        if new_l2 is not None and not new_l2.is_empty and (filler is None or filler is not new_l2):
            level2 = new_l2
        ind = IndicatorRow(row=row, level1=level1, level2=level2)
        for key in ("name", "nature", "target", "unit", "actual", "weight", "score", "reason",
                    "direction", "completion"):  # fmt: skip
            loc = _at(grid, row, cols.get(key))
            if loc is None and key in cols:
                loc = Located(None, grid.name, row, cols[key])
            setattr(ind, key, loc)
        if level1 is not None:
            ind.level1_label_weight = label_weight(level1.text)
        name_text = squash(ind.name.text) if ind.name is not None else ""
        values_empty = all(
            _empty(getattr(ind, key)) for key in ("target", "actual", "weight", "score", "nature")
        )
        if _is_execution(ind, _own(grid, level1, row)):
            execution_row = ind
            result.last_row = row
            continue
        own_level = _own_level(new_l1, new_l2, cols)
        if not name_text and values_empty:
            if keep_filler_rows and filler is not None:
                ind.is_placeholder = True  # ``…`` left in a template row: it stands for the name
                ind.name = filler
            elif not (keep_label_rows and own_level):
                continue  # a row carrying only 一级/二级 labels (or nothing we read)
        if name_text and _PLACEHOLDER_NAME.match(name_text) and values_empty:
            ind.is_placeholder = True
        stripped = re.sub(r"^[★☆]+", "", name_text)
        if stripped.startswith("其中") and _empty(ind.weight) and _empty(ind.score):
            ind.is_breakdown = True
        # 指标性质 (≥ ≤ = 定性) gives the operator; failing that, 指标方向性 (正向 → ≥, 反向 → ≤).
        nature = ind.nature.value if ind.nature is not None and not ind.nature.is_empty else None
        if nature is None and ind.direction is not None and not ind.direction.is_empty:
            nature = ind.direction.value
        ind.target_value = parse_indicator(
            ind.target.value if ind.target else None,
            nature=nature,
            unit=ind.unit.value if ind.unit else None,
            vague_words=vague_words,
        )
        ind.actual_value = stored_percent(  # 100% typed in Excel is stored as 1
            ind.actual.value if ind.actual else None,
            parse_indicator(
                ind.actual.value if ind.actual else None,
                unit=ind.unit.value if ind.unit else None,
                vague_words=vague_words,
            ),
            ind.target_value,
        )
        result.rows.append(ind)
        result.last_row = row
    _link_parents(result.rows)
    return result, execution_row


def _repeated(new: Located | None, current: Located | None, row: int, written: int) -> bool:
    """A weighted 一级 label (产出指标(50分)) written again on the row right under one that wrote
    it (a merged cell unmerged and filled down): it continues the category, whose weights are
    summed against the label's. Unweighted labels keep their own cells: an export writes 一级 on
    every row and its projects are cut between two rows of one category."""
    return (
        new is not None
        and current is not None
        and new.row == row
        and written == row - 1
        and label_weight(new.text) is not None
        and norm_label(new.text) == norm_label(current.text)
    )


def _at(grid: LabelGrid, row: int, col: int | None) -> Located | None:
    if col is None:
        return None
    loc = grid.cell_at(row, col)
    if loc is None:
        return None
    if loc.col != col:
        return None  # a merged cell that started left of this column belongs to another field
    return loc


def _filler(loc: Located | None) -> Located | None:
    """The cell, when it holds only template filler (``…``, ``……``, ``***``)."""
    if loc is None or loc.is_empty:
        return None
    return loc if _PLACEHOLDER_NAME.match(squash(loc.text)) and "指标" not in loc.text else None


def _own_level(l1: Located | None, l2: Located | None, cols: dict[str, int]) -> bool:
    """Whether the row writes its own lowest level cell (二级, or 一级 in a grid without 二级)."""
    lowest = l2 if "level2" in cols else l1
    return lowest is not None and not lowest.is_empty


def _empty(loc: Located | None) -> bool:
    return loc is None or loc.is_empty or (isinstance(loc.value, str) and is_placeholder(loc.value))


def _is_execution(ind: IndicatorRow, own_level1: Located | None) -> bool:
    """Whether the row is the budget-execution line (Hebei's 预算执行率 row, a framework's 过程 |
    预算执行 | 预算执行率), scored against the money block rather than as an indicator.

    A row whose own 一级 cell (written on it or merged over it, not carried down past blanks)
    names an indicator category is an indicator that happens to be called so (产出指标 | 数量指标 |
    预算执行率): it stays in the grid, where Q012 reports it.
    """
    if _names_category(own_level1):
        return False
    for loc in (ind.level1, ind.name, ind.level2):
        if loc is not None and norm_label(loc.text) in _EXECUTION:
            return ind.name is None or norm_label(ind.name.text) in _EXECUTION or ind.name.is_empty
    return False


def _own(grid: LabelGrid, loc: Located | None, row: int) -> Located | None:
    """A label cell carried down to ``row``, when it is the row's own: written on it or merged
    over it (not carried past blank cells)."""
    if loc is None or loc.is_empty:
        return None
    if loc.row == row or grid.sheet.merge_origin(row, loc.col) == (loc.row, loc.col):
        return loc
    return None


def _names_category(loc: Located | None) -> bool:
    """Whether a 一级 cell names an indicator category (labels.toml ``[categories] level1``)."""
    if loc is None or loc.is_empty:
        return False
    text = norm_label(loc.text)
    for group in vocab.vocabulary()["categories"]["level1"].values():
        for label in map(norm_label, group):
            if text in (label, label.removesuffix("指标")):
                return True
    return False


def _link_parents(rows: list[IndicatorRow]) -> None:
    """``一、示范区建立`` followed by ``1、…`` rows: the numbered rows are parts of the parent."""
    parent: IndicatorRow | None = None
    for ind in rows:
        name = squash(ind.name.text) if ind.name is not None else ""
        if _PARENT.match(name):
            parent = ind
            continue
        if parent is not None and _CHILD.match(name) and ind.level2 == parent.level2:
            parent.children.append(ind.row)
            ind.parent = parent.row
        else:
            parent = None
