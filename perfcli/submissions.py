"""Submissions: what one department hands in for one year (rules.md, X and R families).

The forms of a run are grouped by folder (never across folders, nor into subfolders), then by the
department each form names, then by year.

* **Department**: the 部门名称 / 主管部门 a form prints, else its 实施单位 (``department_of``),
  compared by ``dept_key`` (codes, spaces, brackets, 本级 and 盖章 ignored). A name contained in
  another joins it (教育局 and 示例县教育局 are one department; 示例县民政局机关 joins 示例县民政局).
  A form that prints only its 实施单位 (一体化 exports have no 主管部门) joins the department whose
  forms name that unit as their 实施单位. A form that names nobody joins the folder's largest group.
* **Year**: years split a department's forms into several submissions only when each year holds a
  department-level form of its own (部门整体表, 汇总表, 自评报告); otherwise the forms stay one
  submission, its year is the year most forms name, and the others are X009 findings.

``accounts`` (决算) forms are not part of any department's group: an accounts workbook found in a
folder applies to that folder's submissions, and one given with ``--accounts`` to every submission.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from perfcli.findings import Finding
from perfcli.forms.identity import split_code
from perfcli.forms.model import Form, text_of
from perfcli.forms.normalize import squash

if TYPE_CHECKING:
    from perfcli.profile import Profile

DEPT_KINDS = frozenset({"target_dept", "monitor_dept", "selfeval_dept"})
PACKAGE_KINDS = frozenset({"selfeval_dept", "selfeval_summary", "selfeval_report"})
ACCOUNTS_KIND = "accounts"
_BRACKETS = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
# A short unit code before the name (820-某镇部门, 101001示例县教育局): split_code wants 6+ characters.
_LEADING_CODE = re.compile(
    r"^\s*(?:\d{2,}|[0-9A-Za-z]{2,}\s*[-_—:：])\s*(?=[\u4e00-\u9fff])(?![年月日号])"
)
_SUFFIXES = ("(盖章)", "盖章", "本级")
MIN_CONTAINED = 3  # a name this long or longer may stand for a longer one that contains it (教育局)


@dataclass(frozen=True, slots=True)
class Placed:
    """A form and the file it was read from (the path as the user sees it)."""

    file: str
    form: Form


@dataclass
class Submission:
    """The forms one department handed in for one year, from one folder."""

    folder: str  # the folder the files sit in, as the user gave it ("." for the current one)
    department: str  # the department's name as a form prints it; "" when no form names one
    year: int | None
    forms: list[Placed] = field(default_factory=list)
    accounts: list[Placed] = field(default_factory=list)  # 决算 models that apply to it
    # What the submission-scope rules (X, R) found on it, filled in by the engine. An accounts
    # workbook serves many submissions, so a finding on one of its rows (R001) is known to be this
    # submission's only from here.
    findings: list[Finding] = field(default_factory=list, compare=False, repr=False)
    # The run's rule parameters (set by the engine), so a report's reconciliation table is computed
    # with the same tolerance as the R rules that judged it.
    profile: Profile | None = field(default=None, compare=False, repr=False)

    @property
    def files(self) -> list[str]:
        """The files whose forms belong to this submission, in the order they were checked."""
        return list(dict.fromkeys(p.file for p in self.forms))

    @property
    def name(self) -> str:
        """A short name for people and folders: 部门_年度, else the folder's name."""
        base = self.department or PurePath(self.folder).name or self.folder
        return f"{base}_{self.year}" if self.year else base

    def of(self, *kinds: str) -> list[Placed]:
        """The forms of the given kinds, in the order they were checked."""
        return [p for p in self.forms if p.form.kind in kinds]

    def kinds(self) -> set[str]:
        return {p.form.kind for p in self.forms}

    @property
    def is_package(self) -> bool:
        """Holds a 汇总表, a 部门整体自评表 or a 自评报告: X004/X006 apply (rules.md)."""
        return bool(self.kinds() & PACKAGE_KINDS)

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "folder": self.folder,
            "department": self.department or None,
            "year": self.year,
            "files": self.files,
            "forms": [{"file": p.file, "kind": p.form.kind, "sheet": p.form.sheet,
                       "project": p.form.project or None, "year": p.form.year}
                      for p in self.forms],
            "accounts": list(dict.fromkeys(p.file for p in self.accounts)),
        }  # fmt: skip


def department_of(form: Form) -> str:
    """The department a form names: 部门名称 / 主管部门, else the 实施单位 (codes stripped)."""
    for loc in (form.department, form.implementer):
        text = text_of(loc)
        if text:
            name = split_code(text)[1] or text
            return _LEADING_CODE.sub("", name) or name
    return ""


def dept_key(name: str) -> str:
    """Compare department names without spaces, codes, brackets (本级) and a trailing 盖章."""
    text = squash(split_code(name)[1] or name)
    text = _LEADING_CODE.sub("", text) or text
    text = _BRACKETS.sub("", text)
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
    return text.rstrip(":")


def same_department(a: str, b: str) -> bool:
    """Two department keys name one department: equal, or the shorter (3+ characters) inside."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= MIN_CONTAINED and short in long_


def folder_of(path: str) -> str:
    return str(PurePath(path).parent)


def group(placed: Iterable[Placed], global_accounts: Iterable[Placed] = ()) -> list[Submission]:
    """Group the forms of a run into submissions (see the module docstring)."""
    by_folder: dict[str, list[Placed]] = {}
    accounts_by_folder: dict[str, list[Placed]] = {}
    for item in placed:
        target = accounts_by_folder if item.form.kind == ACCOUNTS_KIND else by_folder
        target.setdefault(folder_of(item.file), []).append(item)
    extra = list(global_accounts)
    out: list[Submission] = []
    for folder, items in by_folder.items():
        for sub in _group_folder(folder, items):
            sub.accounts = accounts_by_folder.get(folder, []) + extra
            out.append(sub)
    return out


@dataclass
class _Cluster:
    key: str  # the fullest department key of its members
    members: list[int] = field(default_factory=list)  # positions in the folder's list
    by_department: bool = False  # some member prints a 部门名称/主管部门 (not only a 实施单位)
    units: set[str] = field(default_factory=set)  # the 实施单位 keys its members print


def _group_folder(folder: str, items: list[Placed]) -> list[Submission]:
    keys = [dept_key(department_of(p.form)) for p in items]
    # Fuller names first, so that a short name (教育局) finds the full one (示例县教育局) it
    # stands for whatever the order of the files.
    order = sorted((i for i, k in enumerate(keys) if k), key=lambda i: (-len(keys[i]), i))
    clusters: list[_Cluster] = []
    for i in order:
        cluster = next((c for c in clusters if c.key == keys[i]), None) or next(
            (c for c in clusters if same_department(keys[i], c.key)), None
        )
        if cluster is None:
            cluster = _Cluster(keys[i])
            clusters.append(cluster)
        cluster.members.append(i)
        form = items[i].form
        cluster.by_department |= bool(text_of(form.department))
        unit = dept_key(text_of(form.implementer))
        if unit:
            cluster.units.add(unit)
    clusters = _join_units(clusters)
    unnamed = [i for i, k in enumerate(keys) if not k]
    if unnamed:
        if clusters:  # the largest group; on a tie the one met first
            largest = max(clusters, key=lambda c: (len(c.members), -min(c.members)))
            largest.members.extend(unnamed)
        else:
            clusters = [_Cluster("", unnamed)]
    clusters.sort(key=lambda c: min(c.members))
    out: list[Submission] = []
    for cluster in clusters:
        members = [items[i] for i in sorted(cluster.members)]
        out.extend(_split_years(folder, members))
    return out


def _join_units(clusters: list[_Cluster]) -> list[_Cluster]:
    """A group named only by 实施单位 joins the one department whose forms print that unit."""
    kept: list[_Cluster] = []
    for cluster in clusters:
        if not cluster.by_department:
            hosts = [
                c for c in clusters
                if c is not cluster and c.by_department
                and any(same_department(cluster.key, unit) for unit in c.units)
            ]  # fmt: skip
            if len(hosts) == 1:
                hosts[0].members.extend(cluster.members)
                continue
        kept.append(cluster)
    return kept


def _split_years(folder: str, members: list[Placed]) -> list[Submission]:
    years = Counter(p.form.year for p in members if p.form.year is not None)
    department = _display_department(members)
    if len(years) > 1:
        per_year = {y: [p for p in members if p.form.year == y] for y in years}
        # A year with its own department-level form is a submission of its own.
        if all(
            any(p.form.kind in DEPT_KINDS | PACKAGE_KINDS for p in ps) for ps in per_year.values()
        ):
            majority = years.most_common(1)[0][0]
            per_year[majority] += [p for p in members if p.form.year is None]
            position = {id(p): n for n, p in enumerate(members)}
            return [
                Submission(folder, department, y, sorted(ps, key=lambda p: position[id(p)]))
                for y, ps in sorted(per_year.items())
            ]
    year = years.most_common(1)[0][0] if years else None
    return [Submission(folder, department, year, members)]


def _display_department(members: list[Placed]) -> str:
    """The name to show: the one department-level forms print, else the 部门名称 / 主管部门 the
    forms print, else their 实施单位."""
    dept_level = [p for p in members if p.form.kind in DEPT_KINDS | PACKAGE_KINDS]
    printed = [p for p in members if text_of(p.form.department)]
    for chosen in (dept_level, printed, members):
        names = [n for n in (department_of(p.form) for p in chosen) if n]
        if names:  # the most common; on a tie the fullest (示例县教育局 before 教育局)
            counts = Counter(names)
            return max(counts, key=lambda n: (counts[n], len(n)))
    return ""
