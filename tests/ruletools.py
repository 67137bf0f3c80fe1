"""Helpers for rule tests: run the whole pipeline on a FormGrid and look at the findings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from layouts import FormGrid

from perfcli.engine import FileResult, Settings, check_file
from perfcli.findings import Finding
from perfcli.profile import NATIONAL, Profile


def check_grid(
    book: Callable[..., Path],
    form: FormGrid,
    *,
    profile: Profile = NATIONAL,
    name: str = "form.xlsx",
    **kw: Any,
) -> FileResult:
    """Write ``form`` to a workbook with ``book`` and check it end to end."""
    path = book(form.sheets(), name=name, merges=form.merge_map(), **kw)
    result = check_file(str(path), name, Settings(profile=profile))
    assert result.internal_error is None, result.internal_error
    return result


def findings(book: Callable[..., Path], form: FormGrid, **kw: Any) -> list[Finding]:
    return check_grid(book, form, **kw).findings


def codes(found: list[Finding]) -> list[str]:
    return sorted(f.code for f in found)


def only(found: list[Finding], code: str) -> Finding:
    """The single finding with ``code`` (fails if there is none or more than one)."""
    hits = [f for f in found if f.code == code]
    assert len(hits) == 1, (
        f"expected one {code}, got {[(f.code, f.cell, f.message) for f in found]}"
    )
    return hits[0]


def of(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.code == code]
