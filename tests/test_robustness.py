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

import accounts_builders
import layouts_package
import pytest
from gridbook import Formula
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
    fill_merge,
    insert_blank_row,
    of_form,
    put,
    put_formatted,
    swap,
    truncate,
    width,
)

import perfcli
from perfcli.engine import Report

# Per builder; ~30 builders → the module runs in well under 25 s. A longer hunt, with fresh random
# examples each run: ROBUSTNESS_EXAMPLES=500 .venv/bin/pytest tests/test_robustness.py
HUNT = int(os.environ.get("ROBUSTNESS_EXAMPLES", "0"))
EXAMPLES = HUNT or 12


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=not HUNT,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


FUZZ = _settings(EXAMPLES)

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
    st.tuples(st.just("insert"), st.floats(0, 1)),
    st.tuples(st.just("unmerge"), st.integers(0, 50)),
    st.tuples(
        st.just("formatted"),
        st.floats(0, 1),
        st.floats(0, 1),
        st.floats(min_value=-2, max_value=1e5, allow_nan=False),
        st.sampled_from(["0.00%", "0%", "#,##0.00", "yyyy-mm-dd", "@", '0.00"万元"']),
    ),
    st.tuples(
        st.just("formula"),
        st.floats(0, 1),
        st.floats(0, 1),
        st.sampled_from(["", 0, 95.5, "95%", "#DIV/0!", True]),
    ),
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
    if kind == "set":  # one row and one column past the form too
        put(book, _index(args[0], rows + 1), _index(args[1], cols + 1), args[2])
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
    elif kind == "insert":
        insert_blank_row(book, _index(args[0], rows))
    elif kind == "unmerge":
        fill_merge(book, args[0])
    elif kind == "formatted":
        put_formatted(book, _index(args[0], rows), _index(args[1], cols), args[2], args[3])
    elif kind == "formula":
        put(book, _index(args[0], rows), _index(args[1], cols), Formula("=SUM(A1:A3)", args[2]))


@pytest.mark.parametrize("name", sorted(BUILDERS))
@FUZZ
@given(
    changes=st.lists(edits, min_size=1, max_size=8 if HUNT else 4),
    fmt=st.sampled_from(["xlsx", "xlsx", "xls", "ods"]),  # shrinks to xlsx
)
def test_mutated_form_never_crashes(
    name: str, changes: list[Edit], fmt: str, tmp_path: Path
) -> None:
    book = BUILDERS[name]()
    for edit in changes:
        apply(book, edit)
    result = check_book(book, tmp_path / "form.xlsx", fmt)
    assert result.internal_error is None


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_clean_builder_checks_without_internal_error(name: str, tmp_path: Path) -> None:
    """The unmutated forms: the baseline every mutation starts from reads, models and checks."""
    result = check_book(BUILDERS[name](), tmp_path / "form.xlsx")
    assert result.internal_error is None
    assert result.forms, f"{name}: no form recognised in the clean builder"


# --- whole packages: the submission rules (X, R) over mutated files --------------------------------

DEPARTMENT = accounts_builders.EDUCATION


def _package_books() -> dict[str, Book]:
    """One department's 一报告三表格 as books by file name, and the bureau's 决算 (an accounts file)."""
    dept = DEPARTMENT
    books = {
        f"项目{i + 1}.xlsx": of_form(layouts_package.project_table(p, dept))
        for i, p in enumerate(dept.projects)
    }
    books["汇总表.xlsx"] = of_form(layouts_package.summary_table(dept))
    books["部门整体支出绩效自评表.xlsx"] = of_form(layouts_package.dept_table(dept))
    books["决算.xlsx"] = BUILDERS["accounts/bureau"]()
    return books


def _render_everything(report: Report) -> None:
    """The outputs a user reads: text (both languages) and JSON; rendering must not crash either."""
    import io

    from rich.console import Console

    from perfcli.report.machine import to_json
    from perfcli.report.text import render

    for lang in ("zh", "en"):
        render(report, Console(file=io.StringIO(), width=100), lang=lang)
        assert to_json(report, lang)


@_settings(HUNT or 15)
@given(
    victim=st.integers(min_value=0, max_value=6),
    changes=st.lists(edits, min_size=1, max_size=8 if HUNT else 4),
    copy_of=st.none() | st.integers(min_value=0, max_value=6),
    report_edit=st.none() | st.tuples(st.floats(0, 1), st.sampled_from(ODD_STRINGS)),
)
def test_mutated_package_never_crashes(
    victim: int,
    changes: list[Edit],
    copy_of: int | None,
    report_edit: tuple[float, str] | None,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A package folder with one file broken (and perhaps a file saved twice, a report paragraph
    replaced) goes through perfcli.check with its 决算: no internal error, and the report renders."""
    folder = tmp_path_factory.mktemp("package")
    books = _package_books()
    names = sorted(books)
    for edit in changes:
        apply(books[names[victim]], edit)
    if copy_of is not None:
        books["副本 " + names[copy_of]] = books[names[copy_of]].copy()
    accounts = books.pop("决算.xlsx").write(folder.parent / f"{folder.name}_决算.xlsx")
    for name, book in books.items():
        book.write(folder / name)
    paragraphs = layouts_package.report_paragraphs(DEPARTMENT)
    if report_edit is not None:
        at = _index(report_edit[0], len(paragraphs))
        paragraphs[at] = (paragraphs[at][0], report_edit[1])
    layouts_package.write_report(folder / "自评报告.docx", paragraphs)
    report = perfcli.check([folder], accounts=[accounts])
    assert report.internal_errors == []
    _render_everything(report)
