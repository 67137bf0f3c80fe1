"""Reconcile one submission's self-evaluations with the final accounts (决算), per department.

``reconcile_submission(sub, profile)`` pairs every 项目支出绩效自评表 of the submission with a row of
the 决算 (``match.match_items``: code, exact name in the department, normalised name, close name)
and compares the money in 元 with ``Decimal``: 全年执行数 ↔ 本年支出, 全年预算数 ↔ 调整后预算数,
年初预算数 ↔ 年初批复, the split by source, and the 部门整体自评表's totals ↔ the department's 合计 /
基本支出 / 项目支出 rows. The R rules (perfcli/rules/accounts.py) report from the result; the text
report shows it as a table.

Which 决算 rows concern a submission: the rows of its department (``dept_key`` containment with the
submission's department or with a 实施单位 its tables name) when the accounts say which department a
row belongs to; all rows when they say nothing. A submission whose department is in none of the
accounts is not reconciled (``None``): a bureau file of other departments says nothing about it.
Only submissions holding self-evaluation forms (selfeval_project / selfeval_dept) are reconciled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from perfcli.forms.model import Located, SelfEvalProject, text_of
from perfcli.profile import NATIONAL, Profile
from perfcli.reconcile.figures import (
    FIELDS,
    UNIT_RATIO,
    Comparison,
    SourceSplit,
    compare,
    dept_totals,
    source_split,
)
from perfcli.reconcile.match import Item, code_and_name, match_items
from perfcli.reconcile.model import Accounts, AccountsRow, to_yuan
from perfcli.submissions import Placed, Submission, department_of, dept_key, same_department

__all__ = [
    "Comparison",
    "Entry",
    "Pair",
    "Project",
    "Reconciliation",
    "SourceSplit",
    "reconcile_paths",
    "reconcile_submission",
]


@dataclass(slots=True)
class Project:
    """A self-evaluated project: its table and its money in 元 (None where the table has none)."""

    placed: Placed
    cells: dict[str, Located]  # executed / budget / initial cells of the funding total row
    amounts: dict[str, Decimal]

    @property
    def form(self) -> SelfEvalProject:
        assert isinstance(self.placed.form, SelfEvalProject)
        return self.placed.form

    @property
    def name(self) -> str:
        """The project name as the table prints it (a code prefix included)."""
        return self.form.project or text_of(self.form.title)

    @property
    def code(self) -> str:
        """The project code: the 项目编码 field, else a code prefix of the name."""
        return code_and_name(self.form.project, self.form.project_code)[0]

    @property
    def bare_name(self) -> str:
        """The name without its code prefix (``51000021R000000019951-工资性支出`` → 工资性支出)."""
        return code_and_name(self.name)[1] or self.name


@dataclass(slots=True)
class Entry:
    """A 决算 row with the file and table it sits in."""

    file: str
    accounts: Accounts
    row: AccountsRow

    @property
    def executed(self) -> Decimal | None:
        return self.row.amount("executed", self.accounts.unit)


@dataclass(slots=True)
class Pair:
    """A self-evaluated project matched to its 决算 row, with every figure compared."""

    project: Project
    entry: Entry
    how: str  # code | name | normalised | close
    score: float
    comparisons: list[Comparison] = field(default_factory=list)
    split: SourceSplit | None = None

    def of(self, name: str) -> Comparison | None:
        return next((c for c in self.comparisons if c.field == name), None)

    @property
    def agrees(self) -> bool:
        return all(c.status == "ok" for c in self.comparisons) and (
            self.split is None or self.split.agrees
        )


@dataclass(slots=True)
class Reconciliation:
    """One department's self-evaluations against the 决算 (one submission)."""

    folder: str
    department: str
    year: int | None
    tolerance: Decimal  # in 元
    pairs: list[Pair] = field(default_factory=list)
    self_only: list[Project] = field(default_factory=list)  # R002: not in the 决算
    accounts_only: list[Entry] = field(default_factory=list)  # R001 when they spent money
    totals: list[tuple[Placed, Comparison]] = field(default_factory=list)  # R007, per dept form
    accounts_totals: list[Entry] = field(default_factory=list)  # the department's total rows

    @property
    def self_executed(self) -> Decimal:
        """Σ 全年执行数 of the self-evaluated projects (元)."""
        return sum((p.amounts.get("executed", Decimal(0)) for p in self._projects()), Decimal(0))

    @property
    def accounts_executed(self) -> Decimal:
        """Σ 本年支出 of the department's project rows in the 决算 (元)."""
        entries = [p.entry for p in self.pairs] + self.accounts_only
        return sum((e.executed or Decimal(0) for e in entries), Decimal(0))

    @property
    def mismatched(self) -> list[Pair]:
        return [p for p in self.pairs if not p.agrees]

    def _projects(self) -> list[Project]:
        return [p.project for p in self.pairs] + self.self_only

    def to_dict(self) -> dict[str, object]:
        """A JSON-friendly view (amounts in 元, as strings with two decimals)."""
        return {
            "folder": self.folder, "department": self.department or None, "year": self.year,
            "matched": [{"project": p.project.name, "file": p.project.placed.file,
                         "accounts_row": p.entry.row.row + 1, "how": p.how, "agrees": p.agrees,
                         "figures": {c.field: {"self": _money(c.amount), "accounts": _money(c.accounts_amount),
                                               "status": c.status} for c in p.comparisons}}
                        for p in self.pairs],
            "self_only": [{"project": p.name, "file": p.placed.file} for p in self.self_only],
            "accounts_only": [{"project": e.row.name_text, "code": e.row.code_text or None,
                               "file": e.file, "row": e.row.row + 1, "executed": _money(e.executed)}
                              for e in self.accounts_only],
            "totals": [{"field": c.field, "self": _money(c.amount), "accounts": _money(c.accounts_amount),
                        "status": c.status} for _, c in self.totals],
            "self_executed": _money(self.self_executed),
            "accounts_executed": _money(self.accounts_executed),
        }  # fmt: skip


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))


# --- which rows concern a submission --------------------------------------------------------------


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return dept_key(name)


def _row_keys(accounts: Accounts, row: AccountsRow) -> tuple[str, ...]:
    keys = tuple(k for k in (_key(text_of(row.department)), _key(text_of(row.unit_name))) if k)
    return keys or ((_key(text_of(accounts.department)),) if accounts.department else ())


def _belongs(keys: tuple[str, ...], wanted: list[str]) -> bool:
    return any(same_department(k, w) for k in keys for w in wanted)


def relevant_accounts(sub: Submission) -> tuple[list[Entry], list[Entry]]:
    """The 决算 project rows and department total rows that concern ``sub`` (see the docstring)."""
    wanted = [_key(sub.department)] if sub.department else []
    for placed in sub.of("selfeval_project", "selfeval_dept"):
        for loc in (placed.form.department, placed.form.implementer):
            key = _key(text_of(loc))
            if key and key not in wanted:
                wanted.append(key)
    rows: list[Entry] = []
    totals: list[Entry] = []
    seen: set[tuple[str, str, int]] = set()
    for placed in sub.accounts:
        accounts = placed.form
        if not isinstance(accounts, Accounts):
            continue  # recognised but not modelled
        if accounts.year and sub.year and accounts.year != sub.year:
            continue  # another year's 决算 says nothing about this one
        if (placed.file, accounts.sheet, accounts.header_row) in seen:
            continue
        seen.add((placed.file, accounts.sheet, accounts.header_row))
        everyone = not accounts.has_departments
        for keys, members in _by_department(accounts).items():
            if everyone or _belongs(keys, wanted):
                for row in members:
                    if row.role == "project":
                        rows.append(Entry(placed.file, accounts, row))
                    elif row.role != "grand":
                        totals.append(Entry(placed.file, accounts, row))
    rows.sort(key=lambda e: (e.file, e.accounts.sheet, e.row.row))
    totals.sort(key=lambda e: (e.file, e.accounts.sheet, e.row.row))
    return rows, totals


_index: list[tuple[Accounts, dict[tuple[str, ...], list[AccountsRow]]]] = []


def _by_department(accounts: Accounts) -> dict[tuple[str, ...], list[AccountsRow]]:
    """The table's rows (projects and totals) by department key, computed once per table: every
    submission of a run asks which rows are its own."""
    for known, found in _index:
        if known is accounts:
            return found
    index: dict[tuple[str, ...], list[AccountsRow]] = {}
    for row in [*accounts.rows, *accounts.totals]:
        index.setdefault(_row_keys(accounts, row), []).append(row)
    _index.append((accounts, index))
    del _index[:-8]  # a run rarely holds more than a few accounts tables
    return index


# --- the reconciliation -------------------------------------------------------------------------

_memo: tuple[Submission, Profile, Reconciliation | None] | None = None


def reconcile_submission(sub: Submission, profile: Profile | None = None) -> Reconciliation | None:
    """The reconciliation of one submission, or None when it is not reconciled (module docstring).

    Without ``profile``, the run's (``sub.profile``, else national). The R rules all read it: the
    last result is kept (for the same submission and profile objects) so that it is computed once
    per submission.
    """
    global _memo
    profile = profile or sub.profile or NATIONAL
    if _memo is not None and _memo[0] is sub and _memo[1] is profile:
        return _memo[2]
    result = _reconcile(sub, profile)
    _memo = (sub, profile, result)
    return result


def _reconcile(sub: Submission, profile: Profile) -> Reconciliation | None:
    projects = [p for p in sub.of("selfeval_project") if isinstance(p.form, SelfEvalProject)]
    depts = sub.of("selfeval_dept")
    if not (projects or depts) or not sub.accounts:
        return None
    rows, totals = relevant_accounts(sub)
    if not rows and not totals:
        return None
    tolerance = profile.amount_tolerance * UNIT_RATIO
    rec = Reconciliation(sub.folder, sub.department, sub.year, tolerance, accounts_totals=totals)
    figures = [_project(p) for p in projects]
    left = [
        Item(i, p.form.project, p.form.project_code, department_of(p.form))
        for i, p in enumerate(figures)
    ]
    right = [
        Item(j, e.row.name_text, e.row.code_text, text_of(e.row.department or e.row.unit_name))
        for j, e in enumerate(rows)
    ]
    if rows:  # accounts that give this department only its totals say nothing about projects
        matching = match_items(left, right)
        for m in sorted(matching.pairs, key=lambda m: m.left):
            pair = Pair(figures[m.left], rows[m.right], m.how, m.score)
            _compare(pair, tolerance)
            rec.pairs.append(pair)
        rec.self_only = [figures[i] for i in matching.left_only]
        rec.accounts_only = [rows[j] for j in matching.right_only if not rows[j].row.duplicate]
    for placed in depts:
        units = [(e.row, e.accounts.unit) for e in totals]
        rec.totals += [(placed, c) for c in dept_totals(placed.form, units, tolerance)]
    return rec


def _project(placed: Placed) -> Project:
    form = placed.form
    assert isinstance(form, SelfEvalProject)
    total = form.funding.total if form.funding is not None else None
    cells: dict[str, Located] = {}
    amounts: dict[str, Decimal] = {}
    for key in FIELDS:
        cell = total.get(key) if total is not None else None
        value = to_yuan(cell, form.unit)
        if cell is not None and value is not None:
            cells[key], amounts[key] = cell, value
    return Project(placed, cells, amounts)


def _compare(pair: Pair, tolerance: Decimal) -> None:
    entry = pair.entry
    for key in FIELDS:
        mine = pair.project.amounts.get(key)
        theirs = entry.row.amount(key, entry.accounts.unit)
        if mine is None or theirs is None:
            continue
        pair.comparisons.append(
            compare(
                key,
                pair.project.cells.get(key),
                mine,
                entry.row.amount_cell(key),
                theirs,
                tolerance,
            )
        )
    executed = pair.of("executed")
    if executed is not None and executed.status == "ok":
        pair.split = source_split(pair.project.form, entry.row, entry.accounts.unit, tolerance)


# --- the library API ----------------------------------------------------------------------------


def reconcile_paths(
    paths: Any, *, accounts: Any = (), profile: str | None = None, jobs: int = 1
) -> list[Reconciliation]:
    """Check ``paths`` with the 决算 ``accounts`` and return one ``Reconciliation`` per reconciled
    submission (department and year), in the order the submissions were found.

    This is ``perfcli.reconcile(...)``. The findings (R001–R009 and every other rule) are those of
    ``perfcli.check`` with the same arguments; a reconciliation is the data behind them: matched
    pairs with both figures (``Pair.comparisons``, amounts in 元), projects on one side only, and
    the department totals on both sides. Accounts found while walking a folder count too.
    """
    from perfcli.api import run_check, settings_for

    report = run_check(paths, profile=profile, jobs=jobs, accounts=accounts)
    chosen = settings_for(profile).profile
    found = (reconcile_submission(sub, chosen) for sub in report.submissions)
    return [rec for rec in found if rec is not None]
