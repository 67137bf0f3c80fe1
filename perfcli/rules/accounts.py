"""Rule family R — reconciliation with the final accounts (决算), rules.md.

R001–R008 judge a submission (``scope="submission"``) from ``reconcile_submission``: coverage both
ways, 全年执行数 / 预算数 / the split by source against the 决算 row, a unit error (×10⁴) instead of a
mismatch, the 部门整体自评表's totals, and name-only matches for a person to confirm. R009 judges
the 决算 table itself (a form rule on kind ``accounts``). Placement (rules.md): R001 at the 决算
row, R002–R006 at the self-evaluation cell, R007 at the department table's cell.

The rules live in _accounts_projects.py (R001–R004) and _accounts_more.py (R005–R009); this module
is the family's registry entry and lists them in ``RULES``.
"""

from __future__ import annotations

from perfcli.rules._accounts_more import R005, R006, R007, R008, R009
from perfcli.rules._accounts_projects import R001, R002, R003, R004
from perfcli.rules.base import Rule

RULES: list[Rule] = [R001, R002, R003, R004, R005, R006, R007, R008, R009]

__all__ = ["R001", "R002", "R003", "R004", "R005", "R006", "R007", "R008", "R009", "RULES"]
