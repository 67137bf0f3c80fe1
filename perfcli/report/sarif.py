"""SARIF 2.1.0 output (``--format sarif``), for code-scanning dashboards and editors.

* ``runs[0].tool.driver``: name, version, ``informationUri`` (only when the package declares a
  home page in its metadata — none is invented), and ``rules``: the whole catalogue (id = code,
  name, shortDescription = title, fullDescription = what it checks, help = hint + why + bad and good
  examples, in text and as the ``perfcli explain`` Markdown; defaultConfiguration.level).
* ``results``: one per finding: ruleId/ruleIndex, level (error / warning / note for info),
  message.text in the chosen language, ``partialFingerprints`` (the history fingerprint: code,
  file, sheet, cell, project — never the wording, which quotes values that change).
* A location is the workbook: ``physicalLocation.artifactLocation.uri`` is the path as given,
  percent-encoded (Chinese names, spaces); a relative path is relative to ``%SRCROOT%``, the
  current folder, recorded in ``originalUriBaseIds``; an absolute path is a ``file:`` URI. The
  region is the cell: ``startLine`` = the Excel row, ``startColumn`` = the column number (A = 1).
  A row and column alone do not say which sheet, so the cell is also a ``logicalLocations`` entry
  whose ``fullyQualifiedName`` is ``sheet!cell`` (``name`` the cell), and the result's
  ``properties`` repeat sheet, cell, form kind, project, expected and actual value and the hint as
  plain fields for scripts.
* Findings a waiver file accepted are results with an accepted external ``suppressions`` entry
  (the reason, approver and expiry as justification); with a waiver file every other result gets
  ``suppressions: []`` (SARIF: "not suppressed", rather than "unknown"). Expired and unused
  waivers are ``toolConfigurationNotifications``; perfcli internal errors are
  ``toolExecutionNotifications`` and make ``executionSuccessful`` false.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from perfcli import __version__
from perfcli.engine import Report
from perfcli.findings import Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "perfcliFinding/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_LANGUAGE = {"zh": "zh-CN", "en": "en-US"}


def information_uri() -> str | None:
    """The project's home page from the installed package's metadata, if it declares one."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("perfcli")
    except PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation") and url.strip():
            return url.strip()
    home = str((meta.get_all("Home-page") or [""])[0]).strip()
    return home if home and home != "UNKNOWN" else None


def artifact_uri(path: str, folder: bool = False) -> tuple[str, str | None]:
    """(uri, uriBaseId) of a path as given: relative paths against SRCROOT, absolute as file:.

    ``folder``: the path is a submission's folder (a finding that names no file): its URI ends
    with ``/``.
    """
    posix = path.replace(os.sep, "/").replace("\\", "/")
    if Path(path).is_absolute():
        uri = Path(path).as_uri()
        return (uri.rstrip("/") + "/" if folder else uri), None
    if folder and not posix.endswith("/"):
        posix += "/"
    while posix.startswith("./"):
        posix = posix[2:]
    return quote(posix or "./", safe="/"), "SRCROOT"


def _rule_entry(rule: Any, lang: str) -> dict[str, Any]:
    from perfcli.report.catalogue import general_hint, rule_markdown

    zh = lang != "en"
    hint = general_hint(rule, "zh" if zh else "en")
    words = ("为什么", "错误示例", "正确写法") if zh else ("Why", "Example", "Use instead")
    help_text = f"{hint}\n\n{words[0]}: {rule.why}\n{words[1]}: {rule.bad}\n{words[2]}: {rule.good}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title if zh else rule.title_en},
        "fullDescription": {"text": rule.what},
        "help": {"text": help_text, "markdown": rule_markdown(rule, "zh" if zh else "en")},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {
            "family": rule.family,
            "forms": list(rule.forms),
            "params": list(rule.params),
            "scope": rule.scope,
        },
    }


def _column(finding: Finding) -> int | None:
    if finding.col is not None:
        return finding.col + 1
    if finding.cell:
        from perfcli.io.cells import parse_a1

        try:
            return parse_a1(finding.cell)[1] + 1
        except (ValueError, KeyError, IndexError):
            return None
    return None


def _location(finding: Finding, artifacts: dict[str, int]) -> dict[str, Any]:
    uri, base = artifact_uri(finding.file, folder=finding.file not in artifacts)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    if finding.file in artifacts:
        artifact["index"] = artifacts[finding.file]
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if finding.row:
        region: dict[str, int] = {"startLine": finding.row}
        column = _column(finding)
        if column:
            region["startColumn"] = column
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.sheet:
        qualified = f"{finding.sheet}!{finding.cell}" if finding.cell else finding.sheet
        location["logicalLocations"] = [
            {"name": finding.cell or finding.sheet, "fullyQualifiedName": qualified}
        ]
    return location


def _result(
    finding: Finding, lang: str, rule_index: dict[str, int], artifacts: dict[str, int]
) -> dict[str, Any]:
    from perfcli.history import fingerprint

    message = finding.message_en if lang == "en" and finding.message_en else finding.message
    hint = finding.hint_en if lang == "en" and finding.hint_en else finding.hint
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS.get(finding.severity, "warning"),
        "kind": "fail",
        "message": {"text": message},
        "locations": [_location(finding, artifacts)],
        "partialFingerprints": {
            FINGERPRINT_KEY: fingerprint(
                finding.code, finding.file, finding.sheet, finding.cell, finding.project
            )
        },
        "properties": {
            "name": finding.name, "severity": finding.severity, "sheet": finding.sheet,
            "cell": finding.cell, "row": finding.row, "form_kind": finding.form_kind,
            "project": finding.project, "expected": finding.expected, "actual": finding.actual,
            "hint": hint,
        },
    }  # fmt: skip
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    return result


def _notification(text: str, level: str) -> dict[str, Any]:
    return {"level": level, "message": {"text": text}}


def sarif_dict(report: Report, lang: str = "zh") -> dict[str, Any]:
    """The run as a SARIF 2.1.0 log (a JSON-ready dict; see the module docstring)."""
    from perfcli.rules import all_rules
    from perfcli.waivers import outcome_of

    rules = all_rules()
    rule_index = {r.code: i for i, r in enumerate(rules)}
    artifacts: dict[str, int] = {}
    artifact_list: list[dict[str, Any]] = []
    for fr in report.files:
        if fr.path in artifacts:
            continue
        uri, base = artifact_uri(fr.path)
        entry: dict[str, Any] = {"location": {"uri": uri, **({"uriBaseId": base} if base else {})}}
        if fr.sha256:
            entry["hashes"] = {"sha-256": fr.sha256}
        artifacts[fr.path] = len(artifact_list)
        artifact_list.append(entry)
    outcome = outcome_of(report)
    results = [_result(f, lang, rule_index, artifacts) for f in report.findings]
    if outcome is not None:
        for result in results:
            result["suppressions"] = []
        for finding, waiver in outcome.waived:
            result = _result(finding, lang, rule_index, artifacts)
            why = (f"{waiver.reason}（批准人：{waiver.approver}，有效期至 {waiver.expires}）"
                   if lang != "en" else
                   f"{waiver.reason} (approved by {waiver.approver}, until {waiver.expires})")  # fmt: skip
            result["suppressions"] = [{"kind": "external", "status": "accepted",
                                       "justification": why, "properties": waiver.to_dict()}]  # fmt: skip
            results.append(result)
    driver: dict[str, Any] = {
        "name": "perfcli", "version": __version__, "semanticVersion": __version__,
        "rules": [_rule_entry(r, lang) for r in rules],
    }  # fmt: skip
    home = information_uri()
    if home:
        driver["informationUri"] = home
    invocation: dict[str, Any] = {
        "executionSuccessful": not report.internal_errors,
        "toolExecutionNotifications": [_notification(e, "error") for e in report.internal_errors],
    }
    if outcome is not None:
        invocation["toolConfigurationNotifications"] = [
            _notification(note, "warning") for note in outcome.notes(lang)
        ]
    counts = report.counts()
    run = {
        "tool": {"driver": driver},
        "language": _LANGUAGE.get(lang, "zh-CN"),
        "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "artifacts": artifact_list,
        "invocations": [invocation],
        "results": results,
        "properties": {"profile": report.profile, "files": len(report.files), **counts},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def to_sarif(report: Report, lang: str = "zh") -> str:
    """The SARIF log as JSON text (UTF-8, Chinese kept readable)."""
    return json.dumps(sarif_dict(report, lang), ensure_ascii=False, indent=2) + "\n"


__all__ = ["artifact_uri", "sarif_dict", "to_sarif"]
