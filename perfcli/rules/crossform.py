"""Rule family X (crossform). Rules are added here by the issue that builds them."""

from __future__ import annotations

from perfcli.rules.base import Rule

RULES: list[Rule] = []
