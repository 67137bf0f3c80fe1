"""The pipeline for one file: read → recognise → model → rules → results; and the engine's names.

``check_file`` is pure and picklable in and out, so the batch can run it in worker processes;
a file that crashes its worker (a hostile workbook) becomes an E004 finding, never a traceback.
The rest of the pipeline lives beside it — the data in ``engine_model``, discovery and the batch
in ``engine_batch``, the submission rules in ``engine_submissions`` — and is re-exported here, so
``from perfcli.engine import run, Report, …`` keeps working.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfcli.engine_batch import _check_candidate, _crashed, discover, run
from perfcli.engine_model import (
    IGNORED_NAMES,
    REPORT_SUFFIXES,
    WORKBOOK_SUFFIXES,
    Candidate,
    FileResult,
    FormSummary,
    Report,
    Settings,
    _filtered,
    _internal,
    _sha256,
)
from perfcli.engine_submissions import check_submissions
from perfcli.io.errors import InputError

__all__ = [
    "IGNORED_NAMES", "REPORT_SUFFIXES", "SPECIAL_CHECKERS", "WORKBOOK_SUFFIXES", "Candidate",
    "FileResult", "FormSummary", "Report", "Settings", "_check_candidate", "_crashed",
    "_filtered", "_input_failed", "_internal", "_sha256", "check_file", "check_submissions",
    "discover", "run", "run_form_rules",
]  # fmt: skip


# --- one file ------------------------------------------------------------------------------------


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
        if name.startswith("~$"):
            detail, detail_en = "Office 临时文件", "an Office temporary file"
        else:
            detail, detail_en = f"扩展名 {suffix or '（无）'}", f"extension {suffix or '(none)'}"
        finding = ctx.report(E003, detail=detail)
        finding.message_en = E003.render("default", {"detail": detail_en}, "en")
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
    if settings.models_only:
        rules = []
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


def _input_failed(
    result: FileResult, ctx: Any, exc: InputError, settings: Settings, variant: str = "default"
) -> FileResult:
    """An unreadable input (E001/E002/E004): one finding, in both languages.

    ``variant`` names what the file should have been ("document" for a .docx report, "csv" for a
    CSV 决算); a rule without that variant keeps its one wording.
    """
    from perfcli.rules import get_rule

    rule = get_rule(exc.code)
    result.status = "failed"
    finding = ctx.report(rule, variant=variant, detail=exc.detail)
    finding.message_en = rule.render(variant, {"detail": exc.detail_en}, "en")
    result.findings = _filtered(ctx.findings, settings)
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
