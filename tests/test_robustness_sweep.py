"""The deterministic half of the robustness tests: for every clean builder, blank each filled cell
in turn (a preparer leaving any one cell of the form empty) and check that perfcli reads, models
and judges every such form without an internal error.

Checking ~3,000 variants one file each takes close to a minute, almost all of it spent writing
workbooks, so the variants of one builder are written as the sheets of one workbook (one sheet per
blanked cell) and checked at once. By default every ``STRIDE``-th filled cell is blanked, from a
different start for each builder; ``ROBUSTNESS_SWEEP=full`` blanks every cell. When a batch
records an internal error, its variants are checked one by one, so the failure names the blanked
cell and shows the traceback.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest
from mutations import BUILDERS, SETTINGS, Book, check_book, put

from perfcli.engine import check_file
from perfcli.io.cells import a1

STRIDE = 1 if os.environ.get("ROBUSTNESS_SWEEP") == "full" else 3


def _filled_cells(book: Book) -> list[tuple[int, int]]:
    grid = book.sheets[book.main]
    return [(r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if v not in (None, "")]


def _blanked(base: Book, cell: tuple[int, int]) -> Book:
    variant = base.copy()
    put(variant, *cell, None)
    variant.drop_broken_merges()
    return variant


def _batch(base: Book, variants: dict[str, Book]) -> Book:
    """One workbook holding each variant's main sheet, named after the blanked cell."""
    batch = Book({}, {}, {}, base.role)
    for name, variant in variants.items():
        batch.sheets[name] = variant.sheets[variant.main]
        batch.merges[name] = variant.merges.get(variant.main, [])
        if variant.main in variant.number_formats:
            batch.number_formats[name] = variant.number_formats[variant.main]
    return batch


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_blanking_any_one_cell_never_crashes(name: str, tmp_path: Path) -> None:
    base = BUILDERS[name]()
    cells = _filled_cells(base)
    start = zlib.crc32(name.encode()) % STRIDE  # each builder its own share of the cells
    variants = {f"空{a1(r, c)}": _blanked(base, (r, c)) for r, c in cells[start::STRIDE]}
    assert variants, f"{name}: no filled cell"
    path = _batch(base, variants).write(tmp_path / "sweep.xlsx")
    result = check_file(str(path), path.name, SETTINGS, role=base.role)
    if result.internal_error is not None:
        for sheet, variant in variants.items():  # find the one blanked cell, with its traceback
            check_book(variant, tmp_path / f"{sheet}.xlsx")
    assert result.internal_error is None, f"{name}: {result.internal_error}"
    assert len(result.forms) >= len(variants) // 2, f"{name}: most variants were not recognised"
