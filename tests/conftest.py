"""Shared fixtures: ``book`` writes a workbook from a grid (see ``tests/gridbook.py``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

_TESTS = Path(__file__).resolve().parent
_ROOT = _TESTS.parent
# The package is used from the source tree (no install needed), and ``gridbook`` from tests/.
for _path in (str(_ROOT), str(_TESTS)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from gridbook import Grid, Sheets, render_realworld, write_workbook  # noqa: E402

BookFactory = Callable[..., Path]


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read or write the developer's cache, cache key or history (a stale hit would
    hide a change made by a test's monkeypatch)."""
    home = tmp_path_factory.mktemp("perfcli-home")
    monkeypatch.setenv("PERFCLI_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("PERFCLI_CACHE_KEY", str(home / "cache.key"))


@pytest.fixture
def book(tmp_path: Path) -> BookFactory:
    """``book(grid_or_sheets, name="form.xlsx", **kw) -> Path``: a workbook in ``tmp_path``.

    Keyword arguments go to ``write_workbook`` (merges, hidden, fmt, number_formats, formulas);
    without ``fmt`` the format follows the name's suffix.
    """

    def make(sheets: Sheets | Grid, name: str = "form.xlsx", **kw: Any) -> Path:
        path = tmp_path / name
        kw.setdefault("fmt", path.suffix.lstrip(".") or "xlsx")
        return write_workbook(path, sheets, **kw)

    return make


@pytest.fixture
def realworld(tmp_path: Path) -> Callable[..., Path]:
    """``realworld(name, numbers=False, **kw) -> Path``: a published form rendered to xlsx."""

    def make(name: str, **kw: Any) -> Path:
        return render_realworld(name, tmp_path, **kw)

    return make
