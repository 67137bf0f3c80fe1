"""Machine-readable output: JSON (cli.md contract), JSONL, CSV, JUnit XML and SARIF.

With a waiver file the JSON gains two top-level keys (the others are unchanged): ``waived``, the
accepted findings each with its waiver, and ``waivers``, notes about the file (expired and unused
waivers). JSONL and CSV list only the findings left, as the exit code counts them.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from perfcli import __version__
from perfcli.engine import Report
from perfcli.report.junit import to_junit
from perfcli.report.sarif import to_sarif
from perfcli.waivers import outcome_of

FINDING_FIELDS = ("code", "name", "severity", "file", "sheet", "cell", "row", "form_kind",
                  "project", "message", "hint", "expected", "actual")  # fmt: skip


def report_dict(report: Report, lang: str = "zh") -> dict[str, Any]:
    """The JSON report of cli.md (plus ``waived``/``waivers`` when a waiver file was applied)."""
    counts = report.counts()
    data: dict[str, Any] = {
        "perfcli_version": __version__,
        "profile": report.profile,
        "summary": {
            "files": len(report.files),
            "forms": sum(len(f.forms) for f in report.files),
            "error": counts["error"],
            "warning": counts["warning"],
            "info": counts["info"],
        },
        "files": [f.to_dict() for f in report.files],
        "submissions": [sub.to_dict() for sub in report.submissions],
        "findings": [f.to_dict(lang) for f in report.findings],
    }
    outcome = outcome_of(report)
    if outcome is not None:
        data["waived"] = outcome.waived_dicts(lang)
        data["waivers"] = outcome.to_dict(lang)
    return data


def to_json(report: Report, lang: str = "zh") -> str:
    return json.dumps(report_dict(report, lang), ensure_ascii=False, indent=2)


def to_jsonl(report: Report, lang: str = "zh") -> str:
    return "".join(json.dumps(f.to_dict(lang), ensure_ascii=False) + "\n" for f in report.findings)


def to_csv(report: Report, lang: str = "zh") -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FINDING_FIELDS, lineterminator="\n")
    writer.writeheader()
    for finding in report.findings:
        writer.writerow(finding.to_dict(lang))
    return buf.getvalue()


RENDERERS = {
    "json": to_json, "jsonl": to_jsonl, "csv": to_csv, "junit": to_junit, "sarif": to_sarif,
}  # fmt: skip
