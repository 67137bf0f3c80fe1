"""The indicator grid of a monitoring table, read with ``indicators.locate_grid`` plus its own columns.

Header shapes (labels in labels_monitor.toml):

* one row (the system export): ``… | 年度指标值 | 1-7月执行情况 | 全年预计完成情况 | 经费保障偏差原因 |
  制度保障偏差原因 | … | 完成目标可能性 | 偏差原因备注``;
* two rows (136号): ``偏差原因分析`` over 经费保障 | 制度保障 | 人员保障 | 硬件条件保障 | 其他, and
  ``完成目标可能性`` either one text column or over 确定能 | 有可能 | 完全不可能 (tick columns).

The standard columns (一级/二级/三级, 指标值, 权重 …) are read by ``locate_grid``; the monitoring
columns fill ``progress``, ``forecast``, ``causes``, ``likelihood`` / ``likelihood_marks`` and
``remark`` of each ``IndicatorRow``.
"""

from __future__ import annotations

from perfcli.forms import indicators, monitor_vocab, vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import IndicatorGrid, IndicatorRow, Located
from perfcli.io.cells import CellValue
from perfcli.io.values import IndicatorValue, parse_indicator, stored_percent

_FIELDS = ("progress", "forecast", "likelihood", "remark")
_CORE = ("level1", "level2", "name", "target")


def _keys(grid: LabelGrid, row: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for cell in grid.row_cells(row):
        if isinstance(cell.value, str):
            key = monitor_vocab.grid_key(cell.value)
            if key is not None and key not in out:
                out[key] = cell.col
    return out


def _is_subheader(grid: LabelGrid, row: int) -> bool:
    """A second header row: cause or tick labels only (the cells under a merged group header)."""
    cells = [
        c for c in grid.row_cells(row) if not (isinstance(c.value, str) and not c.value.strip())
    ]
    if not cells or not all(isinstance(c.value, str) for c in cells):
        return False
    keys = _keys(grid, row)
    if not any(k.startswith(("cause:", "mark:")) for k in keys):
        return False
    return all(
        monitor_vocab.grid_key(str(c.value)) is not None
        or vocab.match("indicators", str(c.value)) is not None
        for c in cells
    )


def columns(grid: LabelGrid, header_row: int) -> tuple[dict[str, int], int]:
    """Every column of the grid (standard and monitoring keys) and its first data row."""
    cols = indicators.header_columns(grid, header_row)
    found = _keys(grid, header_row)
    first_data = header_row + 1
    if _is_subheader(grid, header_row + 1):
        for key, col in _keys(grid, header_row + 1).items():
            found.setdefault(key, col)
        first_data = header_row + 2
    causes = [c for k, c in found.items() if k.startswith("cause:")]
    group = found.pop("cause_group", None)
    if causes and "reason" in cols and cols["reason"] in (group, min(causes)):
        del cols["reason"]  # 偏差原因分析 heads the cause columns: it is not a text column
    elif group is not None and not causes:
        cols.setdefault("reason", group)  # 偏差原因 alone: a text column
    if any(k.startswith("mark:") for k in found):
        found.pop("likelihood", None)  # 完成目标可能性 over 确定能 | 有可能 | 完全不可能
    taken = set(found.values())
    for key in [k for k, c in cols.items() if c in taken and k not in _CORE]:
        del cols[key]  # a monitoring column the self-evaluation vocabulary also knows (完成情况)
    cols.update(found)
    return cols, first_data


def locate_monitor_grid(
    grid: LabelGrid,
    header_row: int,
    end_row: int,
    vague_words: tuple[str, ...],
    *,
    only: dict[str, int] | None = None,
) -> IndicatorGrid:
    """The grid under ``header_row`` up to ``end_row``, every row with its monitoring fields.

    ``only`` is the column map to read when the header row also heads other columns (an 一体化
    export's 项目名称 and money columns beside the indicator columns: ``monitor_export``)."""
    cols, first_data = columns(grid, header_row)
    if only is not None:
        cols = dict(only)
    result, _ = indicators.locate_grid(
        grid, header_row, end_row, vague_words, columns=cols, first_data=first_data
    )
    for ind in result.rows:
        _fill(grid, ind, cols, vague_words)
    return result


def _cell(grid: LabelGrid, row: int, col: int) -> Located:
    loc = grid.cell_at(row, col)
    if loc is None or loc.col != col:
        return Located(None, grid.name, row, col)
    return loc


def _fill(
    grid: LabelGrid, ind: IndicatorRow, cols: dict[str, int], vague_words: tuple[str, ...]
) -> None:
    for key in _FIELDS:
        if key in cols:
            setattr(ind, key, _cell(grid, ind.row, cols[key]))
    for key, col in cols.items():
        if key.startswith("cause:"):
            ind.causes[key.removeprefix("cause:")] = _cell(grid, ind.row, col)
        elif key.startswith("mark:"):
            ind.likelihood_marks[key.removeprefix("mark:")] = _cell(grid, ind.row, col)
    unit = ind.unit.value if ind.unit is not None else None
    if ind.progress is not None:
        ind.progress_value = _value(ind.progress.value, unit, ind, vague_words)
    if ind.forecast is not None:
        ind.forecast_value = _value(ind.forecast.value, unit, ind, vague_words)


def _value(
    raw: CellValue, unit: CellValue, ind: IndicatorRow, vague_words: tuple[str, ...]
) -> IndicatorValue:
    """A 1-N月执行情况 or 全年预计完成情况 read like a self-evaluation's actual: ``100%`` typed in
    Excel (stored as 1) under a ``%`` 度量单位 column is 100%, not 1% (a false M003 against ≥98%)."""
    parsed = parse_indicator(raw, unit=unit, vague_words=vague_words)
    if ind.target_value is None:
        return parsed
    return stored_percent(raw, parsed, ind.target_value)
