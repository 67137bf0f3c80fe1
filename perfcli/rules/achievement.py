"""Rule family module (filled in by its owner)."""

from __future__ import annotations

from perfcli.rules.base import Rule

RULES: list[Rule] = []
