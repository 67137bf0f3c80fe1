"""No traceback, ever: every clean form of every kind and layout, broken at random the way a
preparer breaks a form, goes through the whole pipeline without a perfcli internal error (which
would be exit 2, reserved for perfcli's own failures).

Hypothesis draws a few edits (``mutations.py``: blank a cell, type an odd value, paste a label
word, delete / duplicate a row, swap two cells, stop the sheet short) and applies them to a copy
of one builder's form; ``check_book`` checks the written workbook in process and fails with the
bug's traceback. Runs are derandomised, so CI sees the same examples every time; a crash found
here becomes a plain regression test in test_robustness_regressions.py.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import (
    BUILDERS,
    LABEL_WORDS,
    ODD_DATES,
    ODD_NUMBERS,
    ODD_STRINGS,
    Book,
    check_book,
    delete_row,
    duplicate_row,
    put,
    swap,
    truncate,
    width,
)

# Per builder; ~30 builders → the module runs in well under 25 s. A longer hunt, with fresh random
# examples each run: ROBUSTNESS_EXAMPLES=500 .venv/bin/pytest tests/test_robustness.py
HUNT = int(os.environ.get("ROBUSTNESS_EXAMPLES", "0"))
EXAMPLES = HUNT or 12

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not HUNT,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

values = st.one_of(
    st.sampled_from(ODD_STRINGS),
    st.sampled_from(LABEL_WORDS),
    st.sampled_from(ODD_NUMBERS),
    st.sampled_from(ODD_DATES),
    st.booleans(),
    st.none(),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.integers(min_value=-1000, max_value=10**9),
    st.text(alphabet="0123456789.%-≥≤＞<>=万元人年月日优良中差合计分/ ", max_size=8),
)

Edit = tuple[Any, ...]

edits = st.one_of(
    st.tuples(st.just("set"), st.floats(0, 1), st.floats(0, 1), values),
    st.tuples(st.just("blank"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("delete"), st.floats(0, 1)),
    st.tuples(st.just("duplicate"), st.floats(0, 1)),
    st.tuples(st.just("swap"), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
)


def _index(fraction: float, size: int) -> int:
    """A position in ``range(size)`` from a fraction in [0, 1] (shrinks towards the start)."""
    return min(int(fraction * size), max(size - 1, 0))


def apply(book: Book, edit: Edit) -> None:
    """Apply one drawn edit to the main sheet of ``book`` (positions are fractions of its size,
    so the same draw works on a grid of any shape)."""
    grid = book.sheets[book.main]
    rows, cols = len(grid), width(grid)
    kind, *args = edit
    if kind == "set":
        put(book, _index(args[0], rows), _index(args[1], cols), args[2])
    elif kind == "blank":
        put(book, _index(args[0], rows), _index(args[1], cols), None)
    elif kind == "delete":
        delete_row(book, _index(args[0], rows))
    elif kind == "duplicate":
        duplicate_row(book, _index(args[0], rows))
    elif kind == "swap":
        a = (_index(args[0], rows), _index(args[1], cols))
        b = (_index(args[2], rows), _index(args[3], cols))
        swap(book, a, b)
    elif kind == "truncate":
        truncate(book, 1 + _index(args[0], rows))


@pytest.mark.parametrize("name", sorted(BUILDERS))
@FUZZ
@given(changes=st.lists(edits, min_size=1, max_size=4))
def test_mutated_form_never_crashes(name: str, changes: list[Edit], tmp_path: Path) -> None:
    book = BUILDERS[name]()
    for edit in changes:
        apply(book, edit)
    result = check_book(book, tmp_path / "form.xlsx")
    assert result.internal_error is None


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_clean_builder_checks_without_internal_error(name: str, tmp_path: Path) -> None:
    """The unmutated forms: the baseline every mutation starts from reads, models and checks."""
    result = check_book(BUILDERS[name](), tmp_path / "form.xlsx")
    assert result.internal_error is None
    assert result.forms, f"{name}: no form recognised in the clean builder"
