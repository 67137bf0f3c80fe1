"""The pipeline's plain data: settings, a file's result, a batch's report, a candidate file.

Kept apart from the pipeline (``engine``, ``engine_batch``, ``engine_submissions``) so that each of
those can import it without importing the others; results are picklable (the cache and the worker
processes send them across). ``_sha256``, ``_filtered`` and ``_internal`` are the small helpers the
pipeline stages (and the special readers of .docx and accounts files) share.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from dataclasses import dataclass, field
from typing import Any

from perfcli.findings import SEVERITY_RANK, Finding
from perfcli.io.limits import DEFAULT_LIMITS, Limits
from perfcli.profile import NATIONAL, Profile

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
REPORT_SUFFIXES = frozenset({".docx"})  # 自评报告, read by SPECIAL_CHECKERS (engine)
IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class Settings:
    profile: Profile = NATIONAL
    codes: frozenset[str] | None = None  # active rule codes; None = all
    limits: Limits = DEFAULT_LIMITS
    # Read only: forms are recognised and modelled, no form rule runs (``perfcli forms`` shows
    # what was read; a broken rule must not hide it). Reading problems (E, R009) are still found.
    models_only: bool = False


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
    # A perfcli bug in a stage of the run that belongs to no file (grouping the submissions).
    run_errors: list[str] = field(default_factory=list)

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
        files = [f"{fr.path}: {fr.internal_error}" for fr in self.files if fr.internal_error]
        return files + self.run_errors

    def exit_code(self, fail_on: str = "error") -> int:
        if self.internal_errors:
            return 2
        if fail_on == "never":
            return 0
        threshold = SEVERITY_RANK[fail_on]
        return int(any(SEVERITY_RANK.get(f.severity, 0) >= threshold for f in self.findings))


@dataclass(frozen=True)
class Candidate:
    path: str  # real path to open
    display: str  # path as the user should see it
    explicit: bool  # named on the command line (not found by walking a folder)
    role: str = "form"  # "accounts": a 决算 file given with --accounts


def _sha256(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _internal(result: FileResult, exc: Exception) -> FileResult:
    result.internal_error = f"{type(exc).__name__}: {exc}"
    result.status = "failed"
    if os.environ.get("PERFCLI_DEBUG"):
        traceback.print_exc()
    return result


def _filtered(findings: list[Finding], settings: Settings) -> list[Finding]:
    if settings.codes is None:
        return findings
    return [f for f in findings if f.code in settings.codes]
