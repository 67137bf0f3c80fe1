"""Workbooks a preparer could really produce, and the ways a preparer breaks them, for the
robustness tests (tests/test_robustness*.py).

``BUILDERS`` names every clean builder of every form kind and layout (the same ones the rule tests
start from), each as a ``Book``: sheets of cell grids, their merges and number formats, and the
role perfcli checks the file in (``form``, or ``accounts`` for a 决算). The mutations change a
copy of one sheet the way a hurried preparer does — blank a cell, type something odd into it,
delete or duplicate a row, swap two cells, paste a label word somewhere, stop the sheet short — and
keep the merges honest afterwards (a merge whose covered cells now hold a value is dropped, as
Excel would refuse to save it otherwise), so ``write_workbook`` accepts every mutant.

``check_book`` writes a book and checks it in process with ``check_file``; when perfcli records an
internal error it runs the pipeline once more without the safety net, so the test shows the
traceback of the bug instead of just its message.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import accounts_builders
import layouts_package
from gridbook import Formula, write_workbook
from layouts import LAYOUTS, FormGrid
from layouts_dept import DEPT_LAYOUTS
from layouts_monitor import MONITOR_LAYOUTS, MULTI_PROJECT_LAYOUTS
from layouts_selfeval_dept import SELFEVAL_DEPT_LAYOUTS
from layouts_target import TARGET_LAYOUTS

from perfcli.engine import FileResult, Settings, check_file
from perfcli.io.cells import CellRange

Span = tuple[int, int, int, int]  # first_row, first_col, last_row, last_col (0-based, inclusive)


@dataclass
class Book:
    """One workbook: sheet name → grid, the merges of each sheet, number formats, role."""

    sheets: dict[str, list[list[Any]]]
    merges: dict[str, list[Span]] = field(default_factory=dict)
    number_formats: dict[str, dict[str, str]] = field(default_factory=dict)
    role: str = "form"

    @property
    def main(self) -> str:
        """The sheet the mutations edit (the first; every builder has one sheet)."""
        return next(iter(self.sheets))

    def copy(self) -> Book:
        return copy.deepcopy(self)

    def write(self, path: Path, fmt: str = "xlsx") -> Path:
        """Write the book as ``fmt`` (xlsx, xls or ods; .ods keeps a formula's cached value only,
        and no number formats, as gridbook writes none there)."""
        self.drop_broken_merges()
        merges = {
            name: [CellRange(*span).ref for span in spans] for name, spans in self.merges.items()
        }
        if fmt == "ods":
            sheets = {name: [[_cached(v) for v in row] for row in grid]
                      for name, grid in self.sheets.items()}  # fmt: skip
            return write_workbook(path, sheets, merges=merges, fmt=fmt)
        formats = {name: self._formats_in_grid(name) for name in self.number_formats}
        return write_workbook(path, self.sheets, merges=merges, number_formats=formats, fmt=fmt)

    def drop_broken_merges(self) -> None:
        """Drop every merge that covers a value outside its top-left cell, or lies off the grid."""
        for name, spans in self.merges.items():
            grid = self.sheets[name]
            self.merges[name] = [s for s in spans if _merge_ok(grid, s)]

    def _formats_in_grid(self, name: str) -> dict[str, str]:
        # a format on a cell a truncation removed would write a blank cell back: harmless, kept
        return dict(self.number_formats[name])


def _cached(value: Any) -> Any:
    return (value.value or None) if isinstance(value, Formula) else value


def _merge_ok(grid: list[list[Any]], span: Span) -> bool:
    r0, c0, r1, c1 = span
    if (r0, c0) == (r1, c1) or r0 < 0 or c0 < 0:
        return False
    for r in range(r0, r1 + 1):
        row = grid[r] if r < len(grid) else []
        for c in range(c0, c1 + 1):
            if (r, c) != (r0, c0) and c < len(row) and row[c] not in (None, ""):
                return False
    return True


def of_form(form: FormGrid) -> Book:
    """The book of a layout builder's form (one sheet)."""
    sheet = form.sheet
    spans = [_span(ref) for ref in form.merges]
    return Book({sheet: [list(row) for row in form.rows]}, {sheet: spans})


def _span(ref: str) -> Span:
    rng = CellRange.from_ref(ref)
    return rng.first_row, rng.first_col, rng.last_row, rng.last_col


def _accounts() -> Book:
    rows = accounts_builders.accounts_rows([accounts_builders.EDUCATION, accounts_builders.CIVIL])
    sheets, kw = accounts_builders.accounts_table(rows)
    name = next(iter(sheets))
    spans = [_span(ref) for ref in kw["merges"][name]]
    grid = [list(row) for row in sheets[name]]
    return Book({name: grid}, {name: spans}, {name: dict(kw["number_formats"][name])}, "accounts")


def _package(kind: str) -> Callable[[], Book]:
    dept = accounts_builders.EDUCATION

    def build() -> Book:
        if kind == "summary":
            return of_form(layouts_package.summary_table(dept))
        if kind == "dept":
            return of_form(layouts_package.dept_table(dept))
        return of_form(layouts_package.project_table(dept.projects[0], dept))

    return build


def _builders() -> dict[str, Callable[[], Book]]:
    out: dict[str, Callable[[], Book]] = {}
    families = {
        "selfeval": LAYOUTS, "target": TARGET_LAYOUTS, "target_dept": DEPT_LAYOUTS,
        "monitor": MONITOR_LAYOUTS, "monitor_multi": MULTI_PROJECT_LAYOUTS,
        "selfeval_dept": SELFEVAL_DEPT_LAYOUTS,
    }  # fmt: skip
    for family, builders in families.items():
        for name, builder in builders.items():
            out[f"{family}/{name}"] = lambda b=builder: of_form(b())
    for kind in ("summary", "project", "dept"):
        out[f"package/{kind}"] = _package(kind)
    out["accounts/bureau"] = _accounts
    return out


BUILDERS: dict[str, Callable[[], Book]] = _builders()


# --- what a preparer types ------------------------------------------------------------------------

ODD_STRINGS = ["#REF!", "#DIV/0!", "#N/A", "—", "/", "", " ", "１２３", "约50万", "≥", "优:≥95%;良",
               "1-6月", "合计", "0", "-", "100%", "≥95%", "≤0", "=100%", "无", "是", "√", "（万元）",
               "50分", "10.5万元", "1,234.56", "-3%", "2023年12月31日", "12月底前", "\n", "未完成",
               "优", "良", "中", "差", "≥-5%", "1e400", "nan", "inf", "95%-100%", "1/3"]  # fmt: skip
ODD_NUMBERS: list[Any] = [0, 1, -1, 0.5, 100, 99.99, -0.0001, 1e15, 1e-9, 12345678.9, 10**12]
ODD_DATES: list[Any] = [dt.date(2023, 12, 31), dt.datetime(2024, 6, 30, 12, 0), dt.date(1900, 1, 1)]


def _label_words() -> list[str]:
    """Every label word the recogniser knows (perfcli/forms/labels*.toml), sorted."""
    words: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, str):
            words.add(value)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)

    folder = Path(__file__).resolve().parent.parent / "perfcli" / "forms"
    for path in sorted(folder.glob("labels*.toml")):
        with path.open("rb") as fh:
            collect(tomllib.load(fh))
    return sorted(w for w in words if w.strip())


LABEL_WORDS = _label_words()


# --- the mutations ------------------------------------------------------------------------------


def width(grid: list[list[Any]]) -> int:
    return max((len(row) for row in grid), default=0)


def put(book: Book, r: int, c: int, value: Any) -> None:
    """Set one cell of the main sheet, growing the grid as needed."""
    grid = book.sheets[book.main]
    while len(grid) <= r:
        grid.append([])
    row = grid[r]
    while len(row) <= c:
        row.append(None)
    row[c] = value


def get(book: Book, r: int, c: int) -> Any:
    grid = book.sheets[book.main]
    return grid[r][c] if r < len(grid) and c < len(grid[r]) else None


def swap(book: Book, a: tuple[int, int], b: tuple[int, int]) -> None:
    va, vb = get(book, *a), get(book, *b)
    put(book, *a, vb)
    put(book, *b, va)


def delete_row(book: Book, r: int) -> None:
    """Delete row ``r``: merges below move up, merges across it shrink (as in Excel)."""
    grid = book.sheets[book.main]
    if r >= len(grid):
        return
    del grid[r]
    spans = []
    for r0, c0, r1, c1 in book.merges.get(book.main, []):
        if r1 < r:
            spans.append((r0, c0, r1, c1))
        elif r0 > r:
            spans.append((r0 - 1, c0, r1 - 1, c1))
        elif r0 < r1:  # spans row r and at least one more: shrink by one
            spans.append((r0, c0, r1 - 1, c1))
    book.merges[book.main] = spans


def duplicate_row(book: Book, r: int) -> None:
    """Insert a copy of row ``r`` below it: merges below move down, merges across it grow, a
    one-row merge on it is copied to the new row."""
    grid = book.sheets[book.main]
    if r >= len(grid):
        return
    grid.insert(r + 1, list(grid[r]))
    spans = []
    for r0, c0, r1, c1 in book.merges.get(book.main, []):
        if r1 < r:
            spans.append((r0, c0, r1, c1))
        elif r0 > r:
            spans.append((r0 + 1, c0, r1 + 1, c1))
        elif r0 == r1 == r:
            spans += [(r0, c0, r1, c1), (r + 1, c0, r + 1, c1)]
        else:
            spans.append((r0, c0, r1 + 1, c1))
    book.merges[book.main] = spans


def insert_blank_row(book: Book, r: int) -> None:
    """Insert an empty row below row ``r`` (merges across it grow, as in Excel)."""
    duplicate_row(book, r)
    grid = book.sheets[book.main]
    if r + 1 < len(grid):
        grid[r + 1] = [None] * len(grid[r + 1])


def fill_merge(book: Book, k: int) -> None:
    """Unmerge the ``k``-th merge and write its value into every cell it covered (what an export,
    or a preparer's "unmerge and fill", leaves)."""
    spans = book.merges.get(book.main, [])
    if not spans:
        return
    r0, c0, r1, c1 = spans.pop(k % len(spans))
    value = get(book, r0, c0)
    for r in range(r0, r1 + 1):
        for c in range(c0, c1 + 1):
            put(book, r, c, value)


def put_formatted(book: Book, r: int, c: int, value: Any, number_format: str) -> None:
    """A number shown through a format (0.95 shown as 95.00%), as typed into Excel."""
    from perfcli.io.cells import a1

    put(book, r, c, value)
    book.number_formats.setdefault(book.main, {})[a1(r, c)] = number_format


def truncate(book: Book, rows: int) -> None:
    """Keep only the first ``rows`` rows (at least one) of the main sheet."""
    rows = max(rows, 1)
    grid = book.sheets[book.main]
    del grid[rows:]
    spans = []
    for r0, c0, r1, c1 in book.merges.get(book.main, []):
        if r0 < rows:
            spans.append((r0, c0, min(r1, rows - 1), c1))
    book.merges[book.main] = spans


# --- checking -----------------------------------------------------------------------------------

SETTINGS = Settings()


def check_book(book: Book, path: Path, fmt: str = "xlsx") -> FileResult:
    """Write ``book`` to ``path`` and check it; an internal error raises with its traceback."""
    written = book.write(path, fmt)
    result = check_file(str(written), written.name, SETTINGS, role=book.role)
    if result.internal_error is not None:
        rerun_unguarded(written, book.role)
        raise AssertionError(f"internal error (no traceback on rerun): {result.internal_error}")
    return result


def rerun_unguarded(path: Path, role: str) -> None:
    """The pipeline of ``check_file`` without its ``except Exception``: a bug raises here."""
    from perfcli.engine import _special_checker, run_form_rules
    from perfcli.forms import recognise
    from perfcli.io.reader import read_workbook
    from perfcli.rules.base import Context

    result = FileResult(path=path.name, role=role)
    special = _special_checker(role, path.suffix.lower())
    if special is not None:
        special(str(path), path.name, SETTINGS)
        return
    ctx = Context(file=path.name, profile=SETTINGS.profile)
    workbook = read_workbook(path, SETTINGS.limits)
    forms = recognise(workbook, SETTINGS.profile.vague_words)
    run_form_rules(result, ctx, forms, SETTINGS, workbook)
