"""Recognise forms in a workbook and turn them into typed models (grids → models, by labels)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from perfcli.forms.detect import Segment, segments
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_identity
from perfcli.forms.model import Form, SelfEvalProject, UnparsedForm
from perfcli.io.cells import Workbook
from perfcli.io.values import DEFAULT_VAGUE_WORDS

MODELLED_KINDS = frozenset({"selfeval_project", "target_project", "target_dept"})

# kind → "module:function"; the function takes (sheet, segment, vague_words) and returns the list
# of forms it found (a sheet segment may hold several projects). A kind without a locator, or whose
# locator returns nothing, is kept as an UnparsedForm so it is still listed.
LOCATORS = {
    "selfeval_project": "perfcli.forms.selfeval_project:locate_selfeval_projects",
    "target_project": "perfcli.forms.target_project:locate_target_projects",
    "target_dept": "perfcli.forms.target_dept:locate_target_depts",
    "monitor_project": "perfcli.forms.monitor:locate_monitors",
    "monitor_dept": "perfcli.forms.monitor:locate_monitors",
    "selfeval_dept": "perfcli.forms.selfeval_dept:locate_selfeval_depts",
    "selfeval_summary": "perfcli.forms.summary:locate_summaries",
    "accounts": "perfcli.reconcile.accounts:locate_accounts",
}


def _locator(kind: str) -> Callable[..., list[Form]] | None:
    spec = LOCATORS.get(kind)
    if spec is None:
        return None
    module, _, name = spec.partition(":")
    fn = getattr(importlib.import_module(module), name, None)
    return fn if callable(fn) else None


def recognise(workbook: Workbook, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS) -> list[Form]:
    """Every form found in the workbook, sheet by sheet, top to bottom."""
    forms: list[Form] = []
    for sheet in workbook.sheets:
        for seg in segments(sheet):
            locate = _locator(seg.kind)
            found = locate(sheet, seg, vague_words) if locate is not None else []
            forms.extend(found or [_unparsed(sheet, seg)])
    return forms


def _unparsed(sheet: object, seg: Segment) -> UnparsedForm:
    from perfcli.io.cells import Sheet

    assert isinstance(sheet, Sheet)
    grid = LabelGrid(sheet, seg.first_row, seg.last_row)
    form = UnparsedForm(
        kind=seg.kind, sheet=sheet.name, first_row=seg.first_row, last_row=seg.last_row,
        last_col=grid.max_col, title=seg.title, hidden_sheet=sheet.hidden,
    )  # fmt: skip
    read_identity(grid, form)
    return form


__all__ = ["MODELLED_KINDS", "Form", "SelfEvalProject", "UnparsedForm", "recognise"]
