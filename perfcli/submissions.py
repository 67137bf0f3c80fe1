"""Submissions: what one department hands in for one year (rules.md, X and R families).

The forms of a run are grouped by folder (never across folders, nor into subfolders), then by the
department each form names, then by year. A form that names no department joins the largest group
of its folder. Years split a department's forms into several submissions only when each year holds
a department-level form of its own (部门整体表, 汇总表, 自评报告); otherwise the forms stay one
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

from perfcli.forms.identity import split_code
from perfcli.forms.model import Form, text_of
from perfcli.forms.normalize import squash

DEPT_KINDS = frozenset({"target_dept", "monitor_dept", "selfeval_dept"})
PACKAGE_KINDS = frozenset({"selfeval_dept", "selfeval_summary", "selfeval_report"})
ACCOUNTS_KIND = "accounts"
_BRACKETS = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")


@dataclass(frozen=True, slots=True)
class Placed:
    """A form and the file it was read from (the path as the user sees it)."""

    file: str
    form: Form


@dataclass
class Submission:
    folder: str  # the folder the files sit in, as the user gave it ("." for the current one)
    department: str  # the department's name as a form prints it; "" when no form names one
    year: int | None
    forms: list[Placed] = field(default_factory=list)
    accounts: list[Placed] = field(default_factory=list)  # 决算 models that apply to it

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
                       "project": p.form.project or None} for p in self.forms],
            "accounts": list(dict.fromkeys(p.file for p in self.accounts)),
        }  # fmt: skip


def department_of(form: Form) -> str:
    """The department a form names: 部门名称 / 主管部门, else the 实施单位 (codes stripped)."""
    for loc in (form.department, form.implementer):
        text = text_of(loc)
        if text:
            return split_code(text)[1] or text
    return ""


def dept_key(name: str) -> str:
    """Compare department names without spaces, codes, brackets (本级) and a trailing 盖章."""
    text = squash(split_code(name)[1] or name)
    text = _BRACKETS.sub("", text)
    for suffix in ("(盖章)", "盖章", "本级"):
        text = text.removesuffix(suffix)
    return text


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


def _group_folder(folder: str, items: list[Placed]) -> list[Submission]:
    clusters: list[tuple[str, list[Placed]]] = []  # (key, forms); key "" = names no department
    for item in items:
        key = dept_key(department_of(item.form))
        for i, (existing, members) in enumerate(clusters):
            if key and existing and (key in existing or existing in key):
                members.append(item)
                if len(key) > len(existing):  # keep the fuller name as the cluster's key
                    clusters[i] = (key, members)
                break
        else:
            clusters.append((key, [item]))
    named = [c for c in clusters if c[0]]
    unnamed = [item for key, members in clusters if not key for item in members]
    if named and unnamed:
        max(named, key=lambda c: len(c[1]))[1].extend(unnamed)
    elif unnamed:
        named = [("", unnamed)]
    out: list[Submission] = []
    for _key, members in named:
        members.sort(key=items.index)
        out.extend(_split_years(folder, members))
    return out


def _split_years(folder: str, members: list[Placed]) -> list[Submission]:
    years = Counter(p.form.year for p in members if p.form.year is not None)
    department = _display_department(members)
    if len(years) > 1:
        per_year = {
            y: [p for p in members if p.form.year == y] for y in years
        }  # a year with its own department-level form is a submission of its own
        if all(
            any(p.form.kind in DEPT_KINDS | PACKAGE_KINDS for p in ps) for ps in per_year.values()
        ):
            majority = years.most_common(1)[0][0]
            for p in members:
                if p.form.year is None:
                    per_year[majority].append(p)
            return [
                Submission(folder, department, y, sorted(ps, key=members.index))
                for y, ps in sorted(per_year.items())
            ]
    year = years.most_common(1)[0][0] if years else None
    return [Submission(folder, department, year, members)]


def _display_department(members: list[Placed]) -> str:
    """The name to show: the one department-level forms print, else the most common one."""
    names = [department_of(p.form) for p in members if p.form.kind in DEPT_KINDS | PACKAGE_KINDS]
    names = [n for n in names if n] or [department_of(p.form) for p in members]
    names = [n for n in names if n]
    return Counter(names).most_common(1)[0][0] if names else ""
