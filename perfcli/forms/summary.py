"""Locator for the self-evaluation summary table (项目支出绩效自评情况汇总表). Not modelled yet: the form is listed as recognised but unparsed."""

from __future__ import annotations

from perfcli.forms.detect import Segment
from perfcli.forms.model import Form
from perfcli.io.cells import Sheet


def locate_summaries(sheet: Sheet, seg: Segment, vague_words: tuple[str, ...] = ()) -> list[Form]:
    return []
