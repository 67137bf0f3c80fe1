"""Feedback workbooks (cli.md, issue 7): what the finance bureau sends back, and its summary.

``DIR/<submission>/审核意见_<stem>.xlsx`` per checked file (``feedback_file``), and ``DIR/汇总.xlsx``
for the batch (``feedback_summary``).

Where things go:

* a file goes to the folder of the submission holding most of its forms; a file in no submission
  (unreadable, no form, an accounts workbook) goes to its source folder's submission when that
  folder has exactly one, else to a folder named for its source folder;
* a finding of a submission that sits in no file (X006: a part is missing) goes to
  ``审核意见_提交材料.xlsx`` in that submission's folder;
* a file skipped without findings (a stray PDF that is not an input) gets no workbook;
* two submissions of the same name (one department's folders 目标表/ and 自评表/) are told apart by
  their source folder's name.

Every workbook is written to a temporary file beside its target and renamed over it, so a rerun
replaces them; the inputs are only ever opened for reading. Workbooks of an earlier run that this
run does not write again are left alone (never delete a clerk's files).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from perfcli.engine import FileResult, FormSummary, Report
from perfcli.findings import Finding
from perfcli.report.feedback_file import FileFeedback, RunMeta, write_file_feedback
from perfcli.report.feedback_style import safe_filename, unique_name
from perfcli.report.feedback_summary import FolderRow, write_summary
from perfcli.submissions import Submission

SUMMARY_NAME = "汇总.xlsx"
SUBMISSION_FILE = "提交材料"  # the stem of the workbook of a submission's own findings
PREFIX = "审核意见_"


def check_feedback_dir(out: Path, inputs: Sequence[Path]) -> None:
    """Raise ``UsageError`` when ``out`` cannot take feedback: never next to or over the inputs.

    Refused: a DIR that is a file; a DIR that is an input file or an input folder; a DIR that holds
    an input (the folder an input file sits in, a parent of an input folder); a DIR inside an input
    folder, because the next check of that folder would read the feedback workbooks as submissions
    (a hidden folder such as ``.feedback`` is fine: folders starting with "." are not walked).
    """
    from perfcli.api import UsageError

    target = Path(os.path.realpath(out))
    for given in inputs:
        real = Path(os.path.realpath(given))
        if target == real:
            raise UsageError(f"--feedback 文件夹 {out} 就是要审核的输入 {given}，请另选一个文件夹")
        if target in real.parents:
            raise UsageError(
                f"--feedback 文件夹 {out} 包含要审核的输入 {given}；审核意见不能写在原文件旁边，"
                "请另选一个文件夹"
            )
        if real.is_dir() and real in target.parents:
            inside = target.relative_to(real).parts
            if not any(part.startswith(".") for part in inside):
                raise UsageError(
                    f"--feedback 文件夹 {out} 位于要审核的文件夹 {given} 之内，下次审核会把审核意见"
                    "当作报送材料读入；请另选该文件夹以外的位置（或以“.”开头的隐藏文件夹）"
                )
    if target.exists() and not target.is_dir():
        raise UsageError(f"--feedback 应为文件夹，而 {out} 是一个文件")


@dataclass
class Folder:
    """One feedback folder: a submission, or the files of one source folder that are in none."""

    name: str
    submission: Submission | None
    files: list[FileResult] = field(default_factory=list)
    loose: list[Finding] = field(default_factory=list)  # the submission's own findings

    @property
    def findings(self) -> list[Finding]:
        return [f for fr in self.files for f in fr.findings] + self.loose


def plan_folders(report: Report) -> list[Folder]:
    """Which feedback folder each file and each submission finding goes to (module docstring)."""
    subs = list(report.submissions)
    names = [_folder_name(s.name, s.folder) for s in subs]
    clashing: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        clashing.setdefault(name.casefold(), []).append(i)
    for group in clashing.values():
        if len(group) > 1:
            labels = _telling_apart([subs[i].folder for i in group])
            for i, label in zip(group, labels, strict=True):
                names[i] = safe_filename(f"{names[i]}（{label}）")
    taken: set[str] = {SUMMARY_NAME.casefold()}
    folders = [Folder(unique_name(name, taken), sub) for sub, name in zip(subs, names, strict=True)]
    forms_in: dict[str, Counter[int]] = {}
    for i, sub in enumerate(subs):
        for placed in sub.forms:
            forms_in.setdefault(placed.file, Counter())[i] += 1
    by_source: dict[str, list[int]] = {}
    for i, sub in enumerate(subs):
        by_source.setdefault(sub.folder, []).append(i)
    loose: dict[str, Folder] = {}

    def home(source: str) -> Folder:
        here = by_source.get(source, [])
        if len(here) == 1:
            return folders[here[0]]
        if source not in loose:
            loose[source] = Folder(unique_name(_folder_name("", source), taken), None)
        return loose[source]

    for fr in report.files:
        if fr.status == "skipped" and not fr.findings:
            continue
        counts = forms_in.get(fr.path)
        if counts:
            folders[counts.most_common(1)[0][0]].files.append(fr)
        else:
            home(str(PurePath(fr.path).parent)).files.append(fr)
    for finding in report.submission_findings:
        _owner(finding, subs, folders, home).loose.append(finding)
    return folders + list(loose.values())


def _owner(
    finding: Finding, subs: list[Submission], folders: list[Folder], home: Callable[[str], Folder]
) -> Folder:
    """The submission a finding with no file belongs to: its folder's, by department if several."""
    from perfcli.submissions import dept_key

    here = [i for i, s in enumerate(subs) if s.folder == finding.file]
    if len(here) > 1:
        text = dept_key(f"{finding.project or ''}{finding.message}")
        named = [i for i in here if subs[i].department and dept_key(subs[i].department) in text]
        here = named or here
    return folders[here[0]] if here else home(finding.file)


def _telling_apart(folders: list[str]) -> list[str]:
    """For folders whose submissions share a name: each one's nearest folder name that is its own.

    ``a/目标表`` and ``a/自评表`` → 目标表, 自评表; ``自评包/教育局`` and ``自评包_有误/教育局`` →
    自评包, 自评包_有误: going up from the folder, the first name at which its path (read from the
    end) is no other's.
    """
    parts = [PurePath(os.path.abspath(f)).parts[::-1] for f in folders]
    labels = []
    for mine in parts:
        others = [p for p in parts if p is not mine]
        label = mine[0] if mine else "根目录"
        for k in range(1, len(mine) + 1):
            if all(p[:k] != mine[:k] for p in others):
                label = mine[k - 1]
                break
        labels.append(label)
    return labels  # the same folder twice keeps one label: numbered by unique_name


def _base(folder: str) -> str:
    return PurePath(os.path.abspath(folder)).name or "根目录"


def _folder_name(name: str, source: str) -> str:
    safe = safe_filename(name) if name and name not in (".", "..") else ""
    return safe if safe.strip("_") else safe_filename(_base(source))


def write_feedback(
    report: Report, out: Path, *, lang: str = "zh", checked_at: dt.datetime | None = None
) -> list[Path]:
    """Write every feedback workbook of ``report`` under ``out``; returns the paths written."""
    from perfcli import __version__

    when = (checked_at or dt.datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M:%S %z")
    meta = RunMeta(version=__version__, profile=report.profile, checked_at=when.strip(), lang=lang)
    out = Path(out)
    written: list[Path] = []
    rows: list[FolderRow] = []
    summaries = _summaries(report)
    findings = report.findings  # sorted
    for folder in plan_folders(report):
        base = out / folder.name
        taken: set[str] = set()
        files_of: dict[str, str] = {}
        items: list[FileFeedback] = []
        if folder.loose:
            name = unique_name(safe_filename(PREFIX + SUBMISSION_FILE, 145), taken, suffix=".xlsx")
            title = folder.submission.name if folder.submission else folder.name
            items.append(FileFeedback(base / name, title, list(folder.loose)))
            for finding in folder.loose:
                files_of.setdefault(finding.file, f"{folder.name}/{name}")
        for fr in folder.files:
            stem = PurePath(fr.path).stem
            name = unique_name(safe_filename(PREFIX + stem, 145), taken, suffix=".xlsx")
            items.append(
                FileFeedback(
                    base / name,
                    fr.path,
                    list(fr.findings),
                    fr.sha256,
                    list(fr.forms),
                    fr.path if fr.status != "skipped" else None,
                )
            )
            files_of[fr.path] = f"{folder.name}/{name}"
        for item in items:
            write_file_feedback(item, meta)
            written.append(item.target)
        rows.append(_row(folder, files_of, summaries, findings))
    grades = [s.grade for s in summaries.values() if s.kind.startswith("selfeval_project")]
    grades += [s.grade for s in summaries.values() if s.kind == "selfeval_dept"]
    write_summary(out / SUMMARY_NAME, rows, findings, grades, meta)
    written.append(out / SUMMARY_NAME)
    return written


def _summaries(report: Report) -> dict[int, FormSummary]:
    """Each form model's summary (total score, grade), by the model's identity."""
    out: dict[int, FormSummary] = {}
    for fr in report.files:
        if len(fr.models) == len(fr.forms):
            for model, summary in zip(fr.models, fr.forms, strict=True):
                out[id(model)] = summary
    return out


def _row(
    folder: Folder,
    files_of: dict[str, str],
    summaries: dict[int, FormSummary],
    all_findings: Sequence[Finding],
) -> FolderRow:
    """The 总览 row of one folder: the submission's department, year, projects, score, accounts."""
    from perfcli.forms.normalize import squash

    row = FolderRow(
        folder.name,
        "",
        None,
        len(folder.files),
        0,
        folder.findings,
        assigned=folder.submission is not None,
        files_of=files_of,
    )
    sub = folder.submission
    if sub is None:
        return row
    row.department, row.year = sub.department, sub.year
    row.reconciled, row.mismatches = _reconciliation(sub, all_findings)
    projects = {
        squash(p.form.project)
        for p in sub.forms
        if p.form.kind.endswith("_project") and p.form.project
    }
    row.projects = len(projects)
    for p in sub.of("selfeval_dept", "selfeval_summary"):
        summary = summaries.get(id(p.form))
        if summary is not None and (summary.total_score is not None or summary.grade):
            row.score, row.grade = summary.total_score, summary.grade
            break
    return row


def _reconciliation(sub: Submission, findings: Sequence[Finding]) -> tuple[bool, int]:
    """(reconciled, n): was the submission checked against the accounts, and how many R findings.

    Not reconciled without accounts, nor when the accounts hold nothing of this department or it
    has no self-evaluation to compare (the reconciliation says so). An R finding is this
    submission's when its rules reported it (``sub.findings``: R001 sits on the accounts workbook,
    which several departments may share), when it names one of its files, or when it is an R009
    on a 决算 row the reconciliation used.
    """
    if not sub.accounts:
        return False, 0
    rows: set[tuple[str, str | None, int | None]] = set()
    try:
        from perfcli.reconcile.reconcile import reconcile_submission
    except ImportError:  # reconciliation not available: count the findings on its own files
        pass
    else:
        rec = reconcile_submission(sub)
        if rec is None:
            return False, 0
        entries = [p.entry for p in rec.pairs] + rec.accounts_only + rec.accounts_totals
        rows = {(e.file, e.accounts.sheet, e.row.row + 1) for e in entries}
    own = {*sub.files, sub.folder}
    mine = {id(f) for f in sub.findings}
    n = sum(
        1
        for f in findings
        if f.code.startswith("R")
        and (
            id(f) in mine
            or f.file in own
            or (f.code == "R009" and (f.file, f.sheet, f.row) in rows)
        )
    )
    return True, n


__all__ = ["check_feedback_dir", "plan_folders", "write_feedback"]
