"""A clean, correct form of every layout produces no finding at all (false alarms cost clerks)."""

from __future__ import annotations

import pytest
from layouts import LAYOUTS
from ruletools import findings


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_clean_layout_has_no_findings(book, layout):
    found = findings(book, LAYOUTS[layout]())
    assert [(f.code, f.cell, f.message) for f in found] == []


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_clean_layout_is_recognised(book, layout):
    from ruletools import check_grid

    result = check_grid(book, LAYOUTS[layout]())
    assert [f.kind for f in result.forms] == ["selfeval_project"]
    assert result.status == "checked"
