"""Indicator grids of target tables: a 年度 grid and, where printed, a 中期/长期 one.

The two grids stand one below the other (宁乡: ``长期绩效指标 | 一级指标 | …`` then
``年度绩效指标 | 一级指标 | …``) or side by side on one header row (武汉, 东莞: ``一级指标 |
二级指标(长期) | 三级指标(长期) | 指标值(长期) | 二级指标(年度) | 三级指标(年度) | 指标值(年度)``).
Headers are found by their labels, with the target tables' extra spellings (labels.toml
``[target]``); every grid is then read by ``indicators.locate_grid`` on the columns that belong
to it. Text columns (指标解释, 绩效标准, 备注 …) are kept as notes and never read as targets;
graded thresholds (邯郸: 绩效指标评价标准 优 | 良 | 中 | 差) are kept on each row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfcli.forms import indicators, vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import IndicatorGrid, IndicatorRow, Located
from perfcli.forms.normalize import label_weight, norm_label, squash
from perfcli.io.values import DEFAULT_VAGUE_WORDS, parse_indicator

ANNUAL, MIDTERM = "annual", "midterm"
# Keys one half of a side-by-side grid has for itself; 一级 is usually shared by both halves.
_HALF_KEYS = ("level2", "name", "target", "nature", "unit", "weight", "direction")
_PERIOD_SUFFIX = re.compile(r"^(?P<base>.+?)[(（](?P<period>[^()（）]{1,4}?)(?:目标|指标)?[)）]$")
_BAND = re.compile(r"[(（](\d+(?:\.\d+)?)[-~—～](\d+(?:\.\d+)?)[)）]分?$")


@dataclass
class GridSpec:
    """Where one indicator grid is and which columns it reads."""

    header_row: int
    first_data: int
    columns: dict[str, int]  # grid keys (level1 … direction) → column
    period: str = ""  # annual | midterm | "" (not said)
    notes: list[int] = field(default_factory=list)  # text columns (指标解释, 绩效标准, 备注 …)
    grades: dict[str, int] = field(default_factory=dict)  # 优/良/中/差 → column
    side_by_side: bool = False
    block_label: Located | None = None
    top_row: int = -1  # the grid's first row: its header, or a title/group row just above it

    def __post_init__(self) -> None:
        if self.top_row < 0:
            self.top_row = self.header_row


def period_of(text: str) -> str:
    """annual / midterm when a label names its period (长期绩效指标, 中期资金总额, 当年…), else ""."""
    t = squash(text)
    if any(word in t for word in vocab.labels_for("target", "period_midterm")):
        return MIDTERM
    if any(word in t for word in vocab.labels_for("target", "period_annual")):
        return ANNUAL
    return ""


def _grade_of(text: str) -> str:
    label = norm_label(text)
    for grade, words in vocab.vocabulary()["target"]["grades"].items():
        if label in words:
            return str(grade)
    return ""


def _cell_key(text: str, after_level: bool) -> tuple[str, str]:
    """(grid key, period) one header cell means; key "" when it is not a grid column."""
    label = norm_label(text)
    period = ""
    m = _PERIOD_SUFFIX.match(squash(text))
    if m and vocab.match("indicators", m.group("base")) is not None:
        words = m.group("period")
        period = period_of(words)
        if period:
            label = norm_label(m.group("base"))
    key = vocab.match("indicators", label)
    if key == "block" and label in vocab.labels_for("target", "grid_name") and after_level:
        key = "name"  # 邯郸: 绩效指标分类 | 绩效指标 | 绩效指标描述
    if key is None and label in vocab.labels_for("target", "grid_level1"):
        key = "level1"
    if key in ("method",) or label in vocab.labels_for("target", "note"):
        return "note", period
    if label in vocab.labels_for("target", "grade_header"):
        return "grade_header", period
    if key in indicators.GRID_KEYS:
        return key, period
    return "", period


def _header_cells(grid: LabelGrid, row: int) -> list[tuple[str, int, str]]:
    """(key, column, period) of the grid columns one row names, left to right."""
    out: list[tuple[str, int, str]] = []
    seen_level = False
    for cell in grid.row_cells(row):
        if not isinstance(cell.value, str):
            continue
        key, period = _cell_key(cell.value, after_level=seen_level)
        if key in ("level1", "level2"):
            seen_level = True
        if key:
            out.append((key, cell.col, period))
    return out


def _grade_columns(grid: LabelGrid, row: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for cell in grid.row_cells(row):
        if isinstance(cell.value, str):
            grade = _grade_of(cell.value)
            if grade and grade not in found:
                found[grade] = cell.col
    return found if len(found) >= 3 else {}


def is_header(grid: LabelGrid, row: int) -> bool:
    """A row that heads an indicator grid of a target table."""
    keys = {key for key, _, _ in _header_cells(grid, row)}
    has_level = bool({"level1", "level2", "name"} & keys)
    has_value = bool({"target", "weight", "grade_header"} & keys) or bool(_grade_columns(grid, row))
    return has_level and has_value and len(keys - {"note"}) >= 2 and len(keys) >= 3


def find_grids(grid: LabelGrid, skip_rows: set[int] | None = None) -> list[GridSpec]:
    """Every indicator grid header of the region, each half of a side-by-side header apart."""
    specs: list[GridSpec] = []
    for row in grid.rows():
        if skip_rows and row in skip_rows:
            continue
        if is_header(grid, row):
            specs.extend(_specs_for(grid, row))
    return specs


def _specs_for(grid: LabelGrid, row: int) -> list[GridSpec]:
    cells = _header_cells(grid, row)
    first_data = row + 1
    grades = _grade_columns(grid, row)
    if not grades and (
        any(k == "grade_header" for k, _, _ in cells) or not _has_data(grid, row + 1)
    ):
        grades = _grade_columns(grid, row + 1)
        if grades:
            first_data = row + 2  # 绩效指标评价标准 over a sub-row 优 | 良 | 中 | 差
    # Halves: a second 二级/三级/指标值 column starts the second half.
    halves: list[list[tuple[str, int, str]]] = [[]]
    for key, col, period in cells:
        current = halves[-1]
        if key in ("level2", "name", "target") and any(k == key for k, _, _ in current):
            halves.append([])
            current = halves[-1]
        current.append((key, col, period))
    shared = [item for item in halves[0] if item[0] not in _HALF_KEYS and item[0] != "note"]
    specs: list[GridSpec] = []
    for index, half in enumerate(halves[:2]):
        columns: dict[str, int] = {}
        notes: list[int] = []
        for key, col, _ in (*shared, *half) if index else half:
            if key == "note":
                notes.append(col)
            elif key != "grade_header" and key not in columns:
                columns[key] = col
        periods = {p for k, _, p in half if p}
        period = periods.pop() if len(periods) == 1 else ""
        spec = GridSpec(row, first_data, columns, period, sorted(set(notes)), dict(grades),
                        side_by_side=len(halves) > 1)  # fmt: skip
        specs.append(spec)
    if len(specs) == 2:
        _side_periods(grid, row, specs)
    else:
        _block_label(grid, specs[0])
    return specs


def _has_data(grid: LabelGrid, row: int) -> bool:
    return any(not isinstance(c.value, str) or not _grade_of(c.value) for c in grid.row_cells(row))


def _side_periods(grid: LabelGrid, row: int, specs: list[GridSpec]) -> None:
    """Periods of two halves: from their labels, a group row above (中期指标 | 年度指标), or order."""
    for spec in specs:
        if spec.period:
            continue
        cols = [c for k, c in spec.columns.items() if k in _HALF_KEYS]
        for cell in grid.row_cells(row - 1):
            if isinstance(cell.value, str) and cols and min(cols) <= cell.col <= max(cols):
                spec.period = period_of(cell.value)
                if spec.period:
                    spec.top_row = row - 1  # 中期指标 | 年度指标 over the halves
                    break
    first, second = specs
    if not first.period and not second.period:
        first.period, second.period = MIDTERM, ANNUAL  # 88号 prints 中期 first
    elif not first.period:
        first.period = MIDTERM if second.period == ANNUAL else ANNUAL
    elif not second.period:
        second.period = MIDTERM if first.period == ANNUAL else ANNUAL
    _block_label(grid, first)
    second.block_label = first.block_label
    first.top_row = second.top_row = min(first.top_row, second.top_row)


def _block_label(grid: LabelGrid, spec: GridSpec) -> None:
    """The grid's block label: left of its first column, else a title row just above it."""
    anchor = min(spec.columns.values(), default=0)
    for cell in grid.row_cells(spec.header_row):
        if cell.col < anchor and isinstance(cell.value, str) and cell.value.strip():
            spec.block_label = grid.located(spec.header_row, cell.col)
            break
    if spec.block_label is None:
        above = [c for c in grid.row_cells(spec.header_row - 1) if isinstance(c.value, str)]
        if len(above) == 1:
            label = norm_label(str(above[0].value))
            if label in vocab.labels_for("indicators", "block") or (
                "指标" in label and len(label) <= 20
            ):
                spec.block_label = grid.located(spec.header_row - 1, above[0].col)
                spec.top_row = spec.header_row - 1
    if spec.block_label is not None and not spec.period:
        spec.period = period_of(spec.block_label.text)


def read_grid(
    grid: LabelGrid,
    spec: GridSpec,
    end_row: int,
    vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS,
) -> tuple[IndicatorGrid, IndicatorRow | None, list[Located]]:
    """The grid of ``spec`` up to ``end_row``, its 预算执行 row if any, and its note cells."""
    columns = dict(spec.columns)
    if spec.notes:
        columns["note"] = spec.notes[0]
    result, execution_row = indicators.locate_grid(
        grid, spec.header_row, end_row, vague_words, columns=columns, first_data=spec.first_data,
        keep_label_rows=spec.side_by_side or "name" not in spec.columns, keep_filler_rows=True,
    )  # fmt: skip
    for grade, col in spec.grades.items():
        result.columns[f"grade_{grade}"] = col
    if spec.block_label is not None and result.block_label is None:
        result.block_label = spec.block_label
        result.weight_from_label = label_weight(spec.block_label.text)
    notes: list[Located] = []
    for ind in result.rows:
        for col in spec.notes:
            loc = grid.cell_at(ind.row, col)
            if loc is not None and loc.col == col and not loc.is_empty:
                notes.append(loc)
        if spec.grades:
            _read_grades(grid, ind, spec, vague_words)
    return result, execution_row, notes


def _read_grades(
    grid: LabelGrid, ind: IndicatorRow, spec: GridSpec, vague_words: tuple[str, ...]
) -> None:
    for grade, col in spec.grades.items():
        loc = grid.cell_at(ind.row, col)
        ind.grades[grade] = (
            loc if loc is not None and loc.col == col else Located(None, grid.name, ind.row, col)
        )
    if "target" in spec.columns:
        return
    # No 指标值 column: the 优 threshold is what the indicator sets out to reach.
    top = ind.grades.get("优") or next(iter(ind.grades.values()))
    ind.target = top
    nature = ind.nature.value if ind.nature is not None and not ind.nature.is_empty else None
    if nature is None and ind.direction is not None and not ind.direction.is_empty:
        nature = ind.direction.value
    ind.target_value = parse_indicator(
        top.value, nature=nature, unit=ind.unit.value if ind.unit else None, vague_words=vague_words
    )


def level1_bands(rows: list[IndicatorRow]) -> dict[str, tuple[Decimal, Decimal]]:
    """Score bands printed in 一级 labels: ``成本指标(0-20)分`` → {"成本指标": (0, 20)}."""
    bands: dict[str, tuple[Decimal, Decimal]] = {}
    for ind in rows:
        if ind.level1 is None:
            continue
        m = _BAND.search(squash(ind.level1.text))
        if m:
            bands.setdefault(
                norm_label(ind.level1.text), (Decimal(m.group(1)), Decimal(m.group(2)))
            )
    return bands
