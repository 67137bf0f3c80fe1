"""How the money rules (A001–A006) name a form's columns and its unit in their messages."""

from __future__ import annotations

from typing import Any

from perfcli.forms.model import Form
from perfcli.rules.common import COLUMN_NAMES

UNIT_EN = {"万元": " ×10k yuan", "元": " yuan"}


def units(form: Form) -> dict[str, Any]:
    """The ``unit`` / ``unit_en`` message values: the form's amount unit in both languages."""
    return {"unit": form.unit, "unit_en": UNIT_EN.get(form.unit, "")}


def column_name(form: Form, column: str) -> str:
    """A money column as the form's own header prints it, else its standard name."""
    block = getattr(form, "funding", None)
    label = block.labels.get(column, "") if block is not None else ""
    return label or COLUMN_NAMES.get(column, column)
