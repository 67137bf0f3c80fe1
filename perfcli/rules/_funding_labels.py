"""How the money rules (A001–A006) name a form's columns and its unit in their messages (the unit's
English name is shared by every rule that quotes an amount: M006, R, X005)."""

from __future__ import annotations

from typing import Any

from perfcli.forms.model import Form
from perfcli.rules.common import COLUMN_NAMES

# The amount units in English messages: one table for every rule that quotes an amount.
UNIT_EN = {"元": "yuan", "千元": "×1k yuan", "万元": "×10k yuan", "百万元": "×1m yuan",
           "亿元": "×100m yuan"}  # fmt: skip


def unit_en(unit: str) -> str:
    """An amount unit as an English message prints it after a number: 万元 → `` ×10k yuan``; a unit
    not in the table as written, no unit as nothing."""
    return f" {UNIT_EN.get(unit, unit)}" if unit else ""


def units(form: Form) -> dict[str, Any]:
    """The ``unit`` / ``unit_en`` message values: the form's amount unit in both languages."""
    return {"unit": form.unit, "unit_en": unit_en(form.unit)}


def column_name(form: Form, column: str) -> str:
    """A money column as the form's own header prints it, else its standard name."""
    block = getattr(form, "funding", None)
    label = block.labels.get(column, "") if block is not None else ""
    return label or COLUMN_NAMES.get(column, column)
