"""The pipeline for one file and for a batch: read → recognise → model → rules → results.

``check_file`` is pure and picklable in and out, so the batch can run it in worker processes;
a file that crashes its worker (a hostile workbook) becomes an E004 finding, never a traceback.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfcli.findings import SEVERITY_RANK, Finding
from perfcli.io.errors import InputError
from perfcli.io.limits import DEFAULT_LIMITS, Limits
from perfcli.profile import NATIONAL, Profile

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
REPORT_SUFFIXES = frozenset({".docx"})  # read by a later version; listed so they are not E003
IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class Settings:
    profile: Profile = NATIONAL
    codes: frozenset[str] | None = None  # active rule codes; None = all
    limits: Limits = DEFAULT_LIMITS


@dataclass
class FormSummary:
    kind: str
    sheet: str
    range: str
    project: str | None = None
    department: str | None = None
    year: int | None = None
    unit: str | None = None
    total_score: float | None = None
    grade: str | None = None
    modelled: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "sheet": self.sheet, "range": self.range, "project": self.project,
            "department": self.department, "year": self.year, "unit": self.unit,
            "total_score": self.total_score, "grade": self.grade,
        }  # fmt: skip


@dataclass
class FileResult:
    path: str  # as given on the command line (or found under a given folder)
    sha256: str | None = None
    status: str = "checked"  # checked | failed | skipped
    forms: list[FormSummary] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    internal_error: str | None = None  # a perfcli bug met on this file (exit 2)
    role: str = "form"  # "accounts" for a 决算 file given with --accounts
    # The form models, for the submission rules, reconciliation and feedback (not in the JSON).
    models: list[Any] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "sha256": self.sha256, "status": self.status,
            "forms": [f.to_dict() for f in self.forms],
        }  # fmt: skip


@dataclass
class Report:
    files: list[FileResult]
    profile: str = "national"
    submissions: list[Any] = field(default_factory=list)  # perfcli.submissions.Submission
    # Findings of a submission that sit in no checked file (X006: a part is missing).
    submission_findings: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        out = [f for fr in self.files for f in fr.findings] + self.submission_findings
        out.sort(key=Finding.sort_key)
        return out

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] = counts.get(finding.severity, 0) + 1
        return counts

    @property
    def internal_errors(self) -> list[str]:
        return [f"{fr.path}: {fr.internal_error}" for fr in self.files if fr.internal_error]

    def exit_code(self, fail_on: str = "error") -> int:
        if self.internal_errors:
            return 2
        if fail_on == "never":
            return 0
        threshold = SEVERITY_RANK[fail_on]
        return int(any(SEVERITY_RANK.get(f.severity, 0) >= threshold for f in self.findings))


# --- discovery -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    path: str  # real path to open
    display: str  # path as the user should see it
    explicit: bool  # named on the command line (not found by walking a folder)
    role: str = "form"  # "accounts": a 决算 file given with --accounts


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Candidate]:
    """Files to look at: files as given, folders walked recursively in a stable order."""
    out: list[Candidate] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name in IGNORED_NAMES or name.startswith("."):
                        continue
                    full = Path(root) / name
                    out.append(Candidate(str(full), str(full), False))
        else:
            out.append(Candidate(str(p), str(given), True))
    return out


# --- one file ------------------------------------------------------------------------------------


def _sha256(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _summary(form: Any) -> FormSummary:
    from perfcli.forms.model import Total, UnparsedForm, number_of, text_of
    from perfcli.submissions import department_of

    summary = FormSummary(
        kind=form.kind, sheet=form.sheet, range=form.range,
        project=form.project or None, department=department_of(form) or None, year=form.year,
        unit=form.unit or None, modelled=not isinstance(form, UnparsedForm),
    )  # fmt: skip
    total = getattr(form, "total", None)
    if isinstance(total, Total):
        score = number_of(total.score)
        summary.total_score = float(score) if isinstance(score, Decimal) else None
    grade = getattr(form, "grade_word", "") or text_of(getattr(form, "grade", None))
    summary.grade = grade or None
    return summary


def check_file(
    path: str,
    display: str,
    settings: Settings,
    explicit: bool = True,
    role: str = "form",
    sha256: str | None = None,
) -> FileResult:
    """Check one file end to end. Never raises for bad input; a perfcli bug is recorded.

    ``sha256``: the file's hash when the caller has it already (the cache hashed it), so the
    file is not read twice for it.
    """
    from perfcli.rules.base import Context
    from perfcli.rules.input import E003

    result = FileResult(path=display, role=role)
    ctx = Context(file=display, profile=settings.profile)
    suffix = Path(path).suffix.lower()
    name = Path(path).name
    special = _special_checker(role, suffix)
    if special is not None and not name.startswith("~$"):
        try:
            return special(path, display, settings)
        except Exception as exc:  # a perfcli bug, as below
            return _internal(result, exc)
    if suffix not in WORKBOOK_SUFFIXES or name.startswith("~$"):
        result.status = "skipped"
        if suffix in REPORT_SUFFIXES and not name.startswith("~$"):
            return result
        detail = "Office 临时文件" if name.startswith("~$") else f"扩展名 {suffix or '（无）'}"
        ctx.report(E003, detail=detail)
        result.findings = _filtered(ctx.findings, settings)
        return result
    result.sha256 = sha256 or _sha256(path)
    try:
        from perfcli.forms import recognise
        from perfcli.io.reader import read_workbook

        try:
            workbook = read_workbook(path, settings.limits)
        except InputError as exc:
            return _input_failed(result, ctx, exc, settings)
        forms = recognise(workbook, settings.profile.vague_words)
        run_form_rules(result, ctx, forms, settings, workbook)
    except Exception as exc:  # a perfcli bug: keep the batch going, report it, exit 2 at the end
        _internal(result, exc)
    result.findings = _filtered(ctx.findings, settings)
    return result


def run_form_rules(
    result: FileResult, ctx: Any, forms: list[Any], settings: Settings, workbook: Any = None
) -> None:
    """Summaries, models and the form-scope rules of the forms read from one file (E005 if none)."""
    from perfcli.rules import all_rules
    from perfcli.rules.input import E005

    if not forms:
        result.status = "failed"
        sheets = workbook.sheets if workbook is not None else []
        names = "、".join(s.name for s in sheets[:10])
        ctx.report(E005, sheets=len(sheets), names=names or "（无）")
    rules = [r for r in all_rules() if r.check is not None and r.scope == "form"]
    sheets_by_name = {s.name: s for s in workbook.sheets} if workbook is not None else {}
    from perfcli.forms.model import UnparsedForm
    from perfcli.rules.base import ALL_FORMS

    for form in forms:
        result.forms.append(_summary(form))
        result.models.append(form)
        ctx.workbook, ctx.sheet, ctx.form = workbook, sheets_by_name.get(form.sheet), form
        unparsed = isinstance(form, UnparsedForm)  # recognised, not modelled: nothing to judge
        for rule in rules:
            if unparsed and rule.forms != ALL_FORMS:
                continue
            if rule.applies_to(form.kind) and rule.check is not None:
                rule.check(form, ctx)


def _input_failed(result: FileResult, ctx: Any, exc: InputError, settings: Settings) -> FileResult:
    """An unreadable input (E001/E002/E004): one finding, in both languages."""
    from perfcli.rules import get_rule

    result.status = "failed"
    finding = ctx.report(get_rule(exc.code), detail=exc.detail)
    finding.message_en = get_rule(exc.code).render("default", {"detail": exc.detail_en}, "en")
    result.findings = _filtered(ctx.findings, settings)
    return result


def _internal(result: FileResult, exc: Exception) -> FileResult:
    result.internal_error = f"{type(exc).__name__}: {exc}"
    result.status = "failed"
    if os.environ.get("PERFCLI_DEBUG"):
        traceback.print_exc()
    return result


# Files that are not workbooks of forms: (role or suffix) → "module:function" taking
# (path, display, settings) and returning the FileResult. A missing function means "not read yet".
SPECIAL_CHECKERS = {
    "accounts": "perfcli.reconcile.accounts:check_accounts_file",  # --accounts FILE (.xlsx/.csv)
    ".docx": "perfcli.forms.report:check_report_file",  # 自评报告
}


def _special_checker(role: str, suffix: str) -> Callable[..., FileResult] | None:
    import importlib

    spec = SPECIAL_CHECKERS.get(role) or SPECIAL_CHECKERS.get(suffix)
    if spec is None:
        return None
    module, _, name = spec.partition(":")
    try:
        fn = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    return fn if callable(fn) else None


def _filtered(findings: list[Finding], settings: Settings) -> list[Finding]:
    if settings.codes is None:
        return findings
    return [f for f in findings if f.code in settings.codes]


# --- a batch -------------------------------------------------------------------------------------


def _check_candidate(args: tuple[Candidate, Settings, str | None]) -> FileResult:
    cand, settings, sha256 = args
    if sha256 is None:
        return check_file(cand.path, cand.display, settings, cand.explicit, cand.role)
    return check_file(cand.path, cand.display, settings, cand.explicit, cand.role, sha256=sha256)


def run(
    candidates: Sequence[Candidate],
    settings: Settings,
    *,
    jobs: int = 1,
    on_result: Callable[[int, FileResult], None] | None = None,
    cache: Any = None,
) -> Report:
    """Check every candidate file; with ``jobs > 1`` in isolated worker processes.

    ``cache`` (a ``perfcli.cache.Cache``): unchanged files are looked up in the parent before any
    worker starts and not checked again; fresh results are stored before the submission rules,
    which always run on every file's models.
    """
    hits: dict[int, FileResult] = {}
    probes: dict[int, Any] = {}
    if cache is not None:
        hits, probes = cache.lookup_all(candidates, settings)
        for index, hit in hits.items():
            if on_result:
                on_result(index, hit)
    todo = [i for i in range(len(candidates)) if i not in hits]
    fresh = _run_todo([candidates[i] for i in todo], settings, jobs, on_result, todo, probes)
    if cache is not None:
        cache.store_all(probes, dict(zip(todo, fresh, strict=True)))
    by_index = dict(zip(todo, fresh, strict=True)) | hits
    files = [by_index[i] for i in range(len(candidates))]
    report = Report(files=files, profile=settings.profile.name)
    check_submissions(report, settings)
    return report


def _renumbered(
    on_result: Callable[[int, FileResult], None], indices: list[int]
) -> Callable[[int, FileResult], None]:
    return lambda i, r: on_result(indices[i], r)


def _run_todo(
    candidates: Sequence[Candidate],
    settings: Settings,
    jobs: int,
    on_result: Callable[[int, FileResult], None] | None,
    indices: list[int],
    probes: dict[int, Any],
) -> list[FileResult]:
    """Check the files the cache did not have (``indices``: their places in the whole batch).

    The probe of a file whose worker died is dropped, so that its E004 is not cached.
    """
    if on_result is not None:
        on_result = _renumbered(on_result, indices)
    results: list[FileResult] = []
    items = [
        (c, settings, getattr(probes.get(i), "sha256", None))
        for c, i in zip(candidates, indices, strict=True)
    ]
    import importlib

    try:
        workers: Any = importlib.import_module("perfcli.workers")
    except ImportError:  # pragma: no cover - the module ships with perfcli
        workers = None
    if workers is not None and hasattr(workers, "map_isolated") and items:
        raw = workers.map_isolated(
            _check_candidate, items, jobs=jobs, memory_limit=settings.limits.worker_memory_bytes,
            isolate=jobs > 1,
            on_result=(lambda i, r: on_result(i, r) if isinstance(r, FileResult) else None)
            if on_result else None,
        )  # fmt: skip
        for cand, res, i in zip(candidates, raw, indices, strict=True):
            if not isinstance(res, FileResult):
                probes.pop(i, None)  # a dead worker may be the machine's fault: never cached
                res = _crashed(cand, res, settings)
            results.append(res)
    else:
        for index, item in enumerate(items):
            res = _check_candidate(item)
            results.append(res)
            if on_result:
                on_result(index, res)
    return results


def check_submissions(report: Report, settings: Settings) -> None:
    """Group the checked forms into submissions and run the submission-scope rules (X, R).

    A finding lands on the result of the file it names; one that names no checked file (X006: a
    part is missing, reported against the submission's folder) goes to ``submission_findings``.
    """
    from perfcli.rules import all_rules
    from perfcli.rules.base import Context
    from perfcli.submissions import Placed, group

    placed: list[Placed] = []
    global_accounts: list[Placed] = []
    for fr in report.files:
        for model in fr.models:
            target = global_accounts if fr.role == "accounts" else placed
            target.append(Placed(fr.path, model))
    report.submissions = group(placed, global_accounts)
    rules = [r for r in all_rules() if r.check is not None and r.scope == "submission"]
    by_path = {fr.path: fr for fr in report.files}
    for sub in report.submissions:
        ctx = Context(file=sub.folder, profile=settings.profile)
        for rule in rules:
            ctx.focus(sub.folder, None)
            try:
                assert rule.check is not None
                rule.check(sub, ctx)
            except Exception as exc:  # a perfcli bug: recorded on the submission's first file
                first = by_path.get(sub.files[0]) if sub.files else None
                if first is not None and first.internal_error is None:
                    _internal(first, exc)
        sub.findings = _filtered(ctx.findings, settings)
        for finding in sub.findings:
            owner = by_path.get(finding.file)
            if owner is not None:
                owner.findings.append(finding)
            else:
                report.submission_findings.append(finding)


def _crashed(cand: Candidate, crash: Any, settings: Settings) -> FileResult:
    """A worker died on this file (abort, out of memory): an E004 finding, the batch goes on.

    An ordinary exception raised while checking is a perfcli bug instead: it is recorded as an
    internal error (exit 2), never dressed up as a problem of the file.
    """
    from perfcli.rules.base import Context
    from perfcli.rules.input import E004

    reason = str(getattr(crash, "reason", crash))
    exc_type = getattr(crash, "exc_type", None)
    result = FileResult(
        path=cand.display, sha256=_sha256(cand.path), status="failed", role=cand.role
    )
    if exc_type not in (None, "MemoryError"):
        result.internal_error = f"{exc_type}: {reason}"
        return result
    ctx = Context(file=cand.display, profile=settings.profile)
    detail = "内存不足" if exc_type == "MemoryError" else f"解析进程异常退出：{reason}"
    finding = ctx.report(E004, detail=f"{detail}，文件可能超出资源限制或已损坏")
    finding.message_en = E004.render(
        "default", {"detail": f"the parsing process failed ({reason})"}, "en"
    )
    result.findings = _filtered(ctx.findings, settings)
    return result
