"""The submission stage: group the checked forms into submissions and run the X and R rules."""

from __future__ import annotations

import os
import traceback

from perfcli.engine_model import Report, Settings, _filtered, _internal


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
    try:
        report.submissions = group(placed, global_accounts)
    except Exception as exc:  # a perfcli bug: the files' own results stand, the run is exit 2
        report.run_errors.append(f"submissions: {type(exc).__name__}: {exc}")
        if os.environ.get("PERFCLI_DEBUG"):
            traceback.print_exc()
        return
    rules = [r for r in all_rules() if r.check is not None and r.scope == "submission"]
    by_path = {fr.path: fr for fr in report.files}
    for sub in report.submissions:
        sub.profile = settings.profile
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
