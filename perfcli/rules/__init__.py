"""The rule registry: every rule perfcli knows, listed explicitly by family module.

``perfcli rules``, ``perfcli explain``, docs/rules.md and the feedback workbooks' rule titles are
all generated from this list. Adding a rule touches its family module, that module's ``RULES``
line, and its tests.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from perfcli.rules.base import Context, Rule

FAMILY_MODULES = (
    "perfcli.rules.input",  # E: the file cannot be checked
    "perfcli.rules.hygiene",  # W: workbook hygiene
    "perfcli.rules.structure",  # S: structure and completeness
    "perfcli.rules.units",  # S005: the amount unit
    "perfcli.rules.indicators",  # Q: indicators
    "perfcli.rules.categories",  # Q: indicator categories and names
    "perfcli.rules.funding",  # A001–A006: the money block
    "perfcli.rules.scores",  # A007–A011, A018, A019: weights, totals, grades
    "perfcli.rules.achievement",  # A012–A017, A020: indicator scores against results
    "perfcli.rules.monitoring",  # M: monitoring tables
    "perfcli.rules.crossform",  # X001, X002, X009: target → monitoring → self-evaluation
    "perfcli.rules.package",  # X003–X008: the self-evaluation package 一报告三表格
    "perfcli.rules.accounts",  # R: reconciliation with the final accounts (决算)
)


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for name in FAMILY_MODULES:
        rules.extend(importlib.import_module(name).RULES)
    rules.sort(key=lambda r: ("EWSQAMXR".index(r.code[0]), r.code))
    return tuple(rules)


def get_rule(code: str) -> Rule:
    for rule in all_rules():
        if rule.code == code.upper():
            return rule
    raise KeyError(code)


class UnknownCodeError(ValueError):
    """A --select/--ignore code that names no rule (a usage error)."""


def expand_codes(spec: str | None) -> set[str] | None:
    """``"A,Q004,W00"`` → the set of rule codes it names; an unknown code or prefix is an error."""
    if spec is None:
        return None
    codes = {r.code for r in all_rules()}
    chosen: set[str] = set()
    for part in (p.strip().upper() for p in spec.split(",")):
        if not part:
            continue
        matched = {c for c in codes if c.startswith(part)}
        if not matched:
            raise UnknownCodeError(part)
        chosen |= matched
    return chosen


def active_codes(select: str | None, ignore: str | None) -> set[str]:
    chosen = expand_codes(select) or {r.code for r in all_rules()}
    return chosen - (expand_codes(ignore) or set())


__all__ = [
    "Context",
    "Rule",
    "UnknownCodeError",
    "active_codes",
    "all_rules",
    "expand_codes",
    "get_rule",
]
