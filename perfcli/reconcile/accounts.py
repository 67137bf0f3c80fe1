"""Locator for final-accounts (决算) workbooks. Not modelled yet: the form is listed as recognised but unparsed."""

from __future__ import annotations

from perfcli.forms.detect import Segment
from perfcli.forms.model import Form
from perfcli.io.cells import Sheet


def locate_accounts(sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = ()) -> list[Form]:
    return []
