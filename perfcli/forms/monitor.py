"""Locator for monitoring tables (绩效运行监控表), project and department. Not modelled yet: the form is listed as recognised but unparsed."""

from __future__ import annotations

from perfcli.forms.detect import Segment
from perfcli.forms.model import Form
from perfcli.io.cells import Sheet


def locate_monitors(sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = ()) -> list[Form]:
    return []
