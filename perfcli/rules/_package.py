"""Readings the package rules share (X003–X008): which 汇总表 row is which project table, amounts in
元, comparisons at the printed precision, and how to name a cell of another file in a message.

* **Rows ↔ tables**: ``reconcile.match.match_items`` pairs the 汇总表's project rows with the
  submission's 项目支出绩效自评表 by code, exact name within the department, normalised name, then a
  close name (a summary retypes names; a close pair is still shown in the message).
* **Amounts** are compared in 元 (a form without a unit label is in 万元, the national norm) with
  the profile's ``amount_tolerance`` (0.01 万元), or the last printed digit when that is coarser.
* **Rates and scores** are compared at the printed precision, ±1 in the last printed digit (A002).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from perfcli.forms.identity import split_code
from perfcli.forms.model import Form, Located, SelfEvalProject, text_of
from perfcli.forms.model_package import SchemaIssue, SelfEvalReport, SelfEvalSummary, SummaryRow
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.forms.normalize import squash
from perfcli.io.units import money_scale
from perfcli.io.values import Rate, parse_rate
from perfcli.profile import Profile
from perfcli.reconcile.match import Item, match_items
from perfcli.submissions import Placed, Submission, department_of, dept_key

SUMMARY = ("selfeval_summary",)  # the form kind X003–X005 are catalogued under


def issue_values(issue: SchemaIssue) -> dict[str, Any]:
    """A 汇总表 schema issue's message values, typed to spread into ``ctx.report``'s keywords."""
    return dict(issue.values)


def unit_of(form: Form) -> str:
    """A form's amount unit; 万元 when it declares none (the national norm)."""
    return form.unit or "万元"


def to_yuan(value: Decimal, unit: str) -> Decimal:
    return value * money_scale(unit)


def in_unit(yuan: Decimal, unit: str) -> Decimal:
    return yuan / money_scale(unit)


def same_amount(a: Decimal, a_unit: str, b: Decimal, b_unit: str, tolerance: Decimal) -> bool:
    """Equal in 元 within ``tolerance`` 万元 (the profile's amount_tolerance)."""
    return abs(to_yuan(a, a_unit) - to_yuan(b, b_unit)) <= to_yuan(tolerance, "万元")


def same_printed(printed: Decimal, decimals: int, actual: Decimal, tolerance: Decimal) -> bool:
    """A printed figure equals ``actual`` within one unit of its last digit (at least ``tolerance``)."""
    step = max(Decimal(1).scaleb(-decimals), tolerance)
    return abs(printed - actual) <= step + Decimal("1e-9")


def rate_percent(loc: Located | None) -> Rate | None:
    return parse_rate(loc.value) if loc is not None and not loc.is_empty else None


def where(file: str, loc: Located | None) -> str:
    """``项目1.xlsx 工作表“Sheet1” G6`` for a message naming a cell of another form of the same
    submission (one folder: the file's name is enough)."""
    name = PurePath(file).name or file
    return name if loc is None else f"{name} 工作表“{loc.sheet}” {loc.address}"


def where_en(file: str, loc: Located | None) -> str:
    name = PurePath(file).name or file
    return name if loc is None else f"{name}, sheet “{loc.sheet}”, {loc.address}"


def canonical_grade(word: str, profile: Profile) -> str:
    """优/良/中/差 for a grade as written (优秀, 良好, 合格 …), or "" when it is none."""
    text = squash(word).strip("“”\"'‘’「」『』。.")
    return profile.grade_names.get(text, "")


# --- the package's parts -------------------------------------------------------------------------


def summaries(sub: Submission) -> list[tuple[Placed, SelfEvalSummary]]:
    return [(p, p.form) for p in sub.forms if isinstance(p.form, SelfEvalSummary)]


def projects(sub: Submission) -> list[tuple[Placed, SelfEvalProject]]:
    return [(p, p.form) for p in sub.forms if isinstance(p.form, SelfEvalProject)]


def depts(sub: Submission) -> list[tuple[Placed, SelfEvalDept]]:
    return [(p, p.form) for p in sub.forms if isinstance(p.form, SelfEvalDept)]


def reports(sub: Submission) -> list[tuple[Placed, SelfEvalReport]]:
    return [(p, p.form) for p in sub.forms if isinstance(p.form, SelfEvalReport)]


@dataclass(frozen=True, slots=True)
class RowMatch:
    row: SummaryRow
    table: Placed  # its 项目支出绩效自评表
    how: str  # code | name | normalised | close


def match_rows(
    summary: SelfEvalSummary, tables: Iterable[Placed]
) -> tuple[list[RowMatch], list[SummaryRow], list[Placed]]:
    """Pair the summary's project rows with project tables: (pairs, rows alone, tables alone)."""
    dept = dept_key(text_of(summary.department))
    left = [
        Item(ref=row, name=row.project_name, code=row.project_code, department=dept)
        for row in summary.rows
    ]
    right = [
        Item(ref=p, name=p.form.project, code=p.form.project_code,
             department=dept_key(department_of(p.form)) or dept)
        for p in tables
    ]  # fmt: skip
    found = match_items(left, right)
    pairs = [RowMatch(m.left, m.right, m.how) for m in found.pairs]
    pairs.sort(key=lambda m: m.row.row)
    return pairs, found.left_only, found.right_only


def project_names(sub: Submission) -> list[tuple[str, SummaryRow | None, Placed | None]]:
    """Every project name the package prints (bare, squashed, 4+ characters), with its row/table."""
    out: list[tuple[str, SummaryRow | None, Placed | None]] = []
    for _placed, summary in summaries(sub):
        for row in summary.rows:
            out.append((squash(split_code(row.project_name)[1]), row, None))
    for placed, form in projects(sub):
        out.append((squash(split_code(form.project)[1]), None, placed))
    return [item for item in out if len(item[0]) >= 4]
