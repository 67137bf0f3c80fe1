"""Readings the cross-form rules share (X001, X002): which forms of a submission describe the same
project, which of their indicators are the same indicator, and whether two targets say the same.

* **Projects**: a project's target table is paired with its monitoring and its self-evaluation
  tables by ``reconcile.match.match_items`` (code, exact name, normalised name; never a merely
  close name: a wrong pair would raise a false alarm on every indicator). The department forms
  pair by being the department's: 部门整体目标表 ↔ 部门整体监控表 / 部门整体自评表.
* **Indicators**: by normalised 三级 name within the same 一级/二级 (categories read through the
  labels.toml vocabulary, so 效益指标 = 效果指标); then, among what is left, by the name alone
  when it is unique on both sides (an indicator moved from 产出/成本指标 to the 2022 一级 成本指标
  is the same indicator).
* **Targets**: compared as parsed ``IndicatorValue``s (operator, number, unit), never as text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from perfcli.forms.model import IndicatorRow
from perfcli.forms.normalize import norm_label, squash
from perfcli.io.values import IndicatorValue, normalize_text, target_met
from perfcli.reconcile.match import Item, match_items
from perfcli.rules._scoring import is_label_only
from perfcli.rules.categories import categorise
from perfcli.submissions import Placed, Submission, department_of, dept_key

LATER_PROJECT_KINDS = ("monitor_project", "selfeval_project")
LATER_DEPT_KINDS = ("monitor_dept", "selfeval_dept")
_PUNCT = re.compile(r"[\s,，、.。;；:：!！?？()（）\[\]【】{}“”\"'‘’《》<>·•_\-—–/\\|*★☆]+")
# The budget-execution line (预算执行率 10分) is scored apart from the indicators on a
# self-evaluation and is no indicator of a target table: never compared.
_EXECUTION = re.compile(r"^(?:预算|资金)?执行(?:率|进度|情况)?$|预算执行|资金执行率")
# Qualitative grades that mean one thing whatever the wording (达成年度指标 = 达成预期指标).
_SAME_MEANING = frozenset({"achieved", "partial", "missed", "yes", "no"})


@dataclass(frozen=True, slots=True)
class Pair:
    """A project's (or the department's) approved target table and one later form of it."""

    target: Placed
    later: Placed
    how: str  # code | name | normalised | department


@dataclass(frozen=True, slots=True)
class Indicator:
    row: IndicatorRow
    level1: str  # category key (output, cost, benefit, satisfaction) or the normalised label
    level2: str
    name: str  # the normalised 三级 name

    @property
    def path(self) -> str:
        """一级/二级/三级 as the form prints them, for messages."""
        parts = (self.row.level1_name, self.row.level2_name, self.row.display_name)
        return "/".join(squash(p) for p in parts if p)


def chain_pairs(sub: Submission) -> Iterator[Pair]:
    """Each later form of the submission with the target table it must agree with."""
    targets = sub.of("target_project")
    if targets:
        left = [_item(p) for p in targets]
        for kind in LATER_PROJECT_KINDS:
            later = sub.of(kind)
            if not later:
                continue
            matching = match_items(left, [_item(p) for p in later], close=False)
            for match in matching.pairs:
                yield Pair(match.left, match.right, match.how)
    dept_targets = sub.of("target_dept")
    if dept_targets:
        for placed in sub.of(*LATER_DEPT_KINDS):
            yield Pair(dept_targets[0], placed, "department")


def _item(placed: Placed) -> Item[Placed]:
    form = placed.form
    return Item(placed, form.project, form.project_code, dept_key(department_of(form)))


def same_year(pair: Pair) -> bool:
    """Both forms name the same year, or one names none (a different year is X009's finding)."""
    a, b = pair.target.form.year, pair.later.form.year
    return a is None or b is None or a == b


# --- indicators -----------------------------------------------------------------------------------


def indicators_of(placed: Placed) -> list[Indicator]:
    """The filled indicator rows of a form's annual grid (a target table's 中期 grid is not its
    year's target), without template rows, unscored 其中 rows and the budget-execution line."""
    form = placed.form
    rows: list[IndicatorRow] | None = getattr(form, "indicators", None)
    if rows is None:
        rows = getattr(form, "all_indicators", None) or []
    out: list[Indicator] = []
    for row in rows:
        if not row.is_scored or is_label_only(row):
            continue
        name = name_key(row.display_name)
        if not name or _is_execution(row):
            continue
        category = categorise(row)
        level1 = category.level1 or name_key(row.level1_name)
        level2 = category.level2 or name_key(row.level2_name)
        out.append(Indicator(row, level1, level2, name))
    return out


def name_key(text: str) -> str:
    """An indicator name for comparing: squashed, numbering, stars and punctuation removed."""
    return _PUNCT.sub("", norm_label(text)).lower()


def _is_execution(row: IndicatorRow) -> bool:
    return any(
        _EXECUTION.search(norm_label(t))
        for t in (row.display_name, row.level1_name, row.level2_name)
        if t
    )


@dataclass
class IndicatorMatching:
    pairs: list[tuple[Indicator, Indicator]]  # (target table's, later form's)
    missing: list[Indicator]  # in the target table only
    added: list[Indicator]  # in the later form only


def match_indicators(target: list[Indicator], later: list[Indicator]) -> IndicatorMatching:
    """Pair the indicators one to one: same 一级/二级 and name, then a name unique on both sides."""
    pairs: list[tuple[Indicator, Indicator]] = []
    free = list(later)
    left: list[Indicator] = []
    for ind in target:
        hit = next(
            (o for o in free if (o.level1, o.level2, o.name) == (ind.level1, ind.level2, ind.name)),
            None,
        )
        if hit is None:
            left.append(ind)
        else:
            free.remove(hit)
            pairs.append((ind, hit))
    names_left = Counter(i.name for i in left)
    names_free = Counter(o.name for o in free)
    missing: list[Indicator] = []
    for ind in left:
        hit = next((o for o in free if o.name == ind.name), None)
        if hit is not None and names_left[ind.name] == 1 and names_free[ind.name] == 1:
            free.remove(hit)
            pairs.append((ind, hit))
        else:
            missing.append(ind)
    return IndicatorMatching(pairs, missing, free)


# --- targets --------------------------------------------------------------------------------------


def same_target(a: IndicatorValue | None, b: IndicatorValue | None) -> bool | None:
    """Whether two targets say the same (None: one is empty, nothing to compare).

    ``≥95%`` = ``95%以上`` = ``不低于95%``; an operator written on one side only is no change;
    ``814万元`` = ``8140000元``; ``95%`` = ``0.95``; qualitative and vague texts are compared
    normalised, and the 达成/是/否 scales by meaning.
    """
    if a is None or b is None or a.kind == "empty" or b.kind == "empty":
        return None
    if a.kind != b.kind:
        return False
    if a.kind in ("quantitative", "deadline"):
        if a.operator and b.operator and a.operator != b.operator:
            return False
        if (a.upper is None) != (b.upper is None):
            return False
        uppers = (replace(a, number=a.upper), replace(b, number=b.upper))
        if a.upper is not None and not _equal(*uppers):
            return False
        return _equal(a, b)
    if a.kind == "qualitative" and a.grade == b.grade and a.grade in _SAME_MEANING:
        return True
    return text_key(a.text) == text_key(b.text)


def _equal(a: IndicatorValue, b: IndicatorValue) -> bool:
    """Same number (or date) on one scale: b ≥ a and b ≤ a, by ``target_met``'s unit scaling.
    Units that cannot be compared (人 vs 人次) are a change."""
    at_least = target_met(replace(a, operator=">=", upper=None), replace(b, upper=None))
    at_most = target_met(replace(a, operator="<=", upper=None), replace(b, upper=None))
    return bool(at_least) and bool(at_most)


def text_key(text: str) -> str:
    return _PUNCT.sub("", squash(normalize_text(text))).lower()
