"""Recognise forms in a workbook and turn them into typed models (grids → models, by labels)."""

from __future__ import annotations

from perfcli.forms.detect import Segment, segments
from perfcli.forms.grid import LabelGrid
from perfcli.forms.identity import read_identity
from perfcli.forms.model import Form, SelfEvalProject, UnparsedForm
from perfcli.io.cells import Workbook
from perfcli.io.values import DEFAULT_VAGUE_WORDS

MODELLED_KINDS = frozenset({"selfeval_project", "target_project", "target_dept"})


def recognise(workbook: Workbook, vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS) -> list[Form]:
    """Every form found in the workbook, sheet by sheet, top to bottom."""
    from perfcli.forms.selfeval_project import locate_selfeval_project
    from perfcli.forms.target_dept import locate_target_dept
    from perfcli.forms.target_project import locate_target_projects

    forms: list[Form] = []
    for sheet in workbook.sheets:
        for seg in segments(sheet):
            if seg.kind == "selfeval_project":
                forms.append(locate_selfeval_project(sheet, seg, vague_words))
            elif seg.kind == "target_project":
                # An 一体化 export lists many projects in one sheet: one model per project.
                forms.extend(locate_target_projects(sheet, seg, vague_words))
            elif seg.kind == "target_dept":
                forms.append(locate_target_dept(sheet, seg, vague_words))
            else:
                forms.append(_unparsed(sheet, seg))
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
