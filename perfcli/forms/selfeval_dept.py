"""Locator for the department self-evaluation table (部门整体支出绩效自评表). Not modelled yet: the form is listed as recognised but unparsed."""

from __future__ import annotations

from perfcli.forms.detect import Segment
from perfcli.forms.model import Form
from perfcli.io.cells import Sheet


def locate_selfeval_depts(
    sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = ()
) -> list[Form]:
    return []
