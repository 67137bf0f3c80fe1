"""JUnit XML output (``--format junit``): how a CI server shows a perfcli run as test results.

One ``<testsuite>`` for the run; one ``<testcase>`` per file (``classname`` = the form kinds found
in it, or ``file``; ``name`` = the path as given) with a ``<failure>`` per error finding; warnings
and notes go to the test case's ``<system-out>``, one line each. The findings of a submission that
sit in no file (X006) get a test case of their own per submission folder (``classname`` =
``submission``). A perfcli internal error on a file is an ``<error>``; a file that is not a form
file (``skipped``) is a ``<skipped>`` test case.

The shape follows the widely used ``junit-10.xsd`` of Jenkins' xunit plugin, which GitLab, Azure
Pipelines and GitHub test-reporting actions also read: ``testcase`` holds ``skipped?``,
``error*``, ``failure*``, ``system-out?`` in that order, and a ``testsuite`` holds ``properties``,
its test cases, then ``system-out``. The stricter Ant schema (one failure per test case, no
per-case output) cannot carry one failure per finding, so it is not followed.

Every text is stripped of the characters XML 1.0 forbids (control characters a workbook may hold),
and ElementTree escapes the rest; the result is always well-formed UTF-8.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from perfcli import __version__
from perfcli.engine import FileResult, Report
from perfcli.findings import Finding

# XML 1.0 allows tab, LF, CR and U+0020 upwards, except surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_SEVERITY = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
_WORDS = {
    "zh": {"hint": "修改建议", "expected": "应为", "actual": "填报", "internal": "perfcli 内部错误",
           "skipped": "不是表单文件，未审核", "waived": "已豁免"},
    "en": {"hint": "fix", "expected": "expected", "actual": "reported",
           "internal": "perfcli internal error", "skipped": "not a form file, not checked",
           "waived": "waived"},
}  # fmt: skip


def xml_text(value: object) -> str:
    """``value`` as text XML 1.0 can hold (forbidden characters removed)."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def _place(f: Finding) -> str:
    if f.sheet and f.cell:
        return f"{f.sheet}!{f.cell}"
    return f.sheet or f.file


def _message(f: Finding, lang: str) -> str:
    return f.message_en if lang == "en" and f.message_en else f.message


def _hint(f: Finding, lang: str) -> str:
    return f.hint_en if lang == "en" and f.hint_en else f.hint


def _failure_text(f: Finding, lang: str) -> str:
    words = _WORDS[lang]
    lines = [f"{_place(f)}: {_message(f, lang)}"]
    if f.expected is not None or f.actual is not None:
        lines.append(
            f"{words['expected']}: {f.expected or '—'}; {words['actual']}: {f.actual or '—'}"
        )
    if _hint(f, lang):
        lines.append(f"{words['hint']}: {_hint(f, lang)}")
    return "\n".join(lines)


def _out_line(f: Finding, lang: str) -> str:
    severity = _SEVERITY[lang].get(f.severity, f.severity)
    line = f"[{severity}] {f.code} {_place(f)}: {_message(f, lang)}"
    hint = _hint(f, lang)
    return f"{line} ({_WORDS[lang]['hint']}: {hint})" if hint else line


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _testcase(
    suite: ET.Element,
    classname: str,
    name: str,
    findings: Iterable[Finding],
    lang: str,
    *,
    error: str | None = None,
    skipped: bool = False,
    waived: Iterable[Finding] = (),
) -> tuple[bool, bool]:
    """Add one test case; returns (failed, errored)."""
    case = _sub(suite, "testcase", classname=classname, name=name, time="0")
    findings = list(findings)
    errors = [f for f in findings if f.severity == "error"]
    if skipped and not errors:
        _sub(case, "skipped", message=_WORDS[lang]["skipped"])
    if error:
        _sub(case, "error", error, message=f"{_WORDS[lang]['internal']}: {error}", type="internal")
    for f in errors:
        _sub(case, "failure", _failure_text(f, lang), message=f"{f.code} {_message(f, lang)}",
             type=f.code)  # fmt: skip
    lines = [_out_line(f, lang) for f in findings if f.severity != "error"]
    lines += [f"[{_WORDS[lang]['waived']}] {_out_line(f, lang)}" for f in waived]
    if lines:
        _sub(case, "system-out", "\n".join(lines))
    return bool(errors), bool(error)


def _classname(result: FileResult) -> str:
    kinds = list(dict.fromkeys(form.kind for form in result.forms))
    return ",".join(kinds) if kinds else "file"


def to_junit(report: Report, lang: str = "zh") -> str:
    """The run as JUnit XML (see the module docstring). Findings waived by a waiver file are
    listed in their test case's output, marked as waived, and never fail it."""
    from perfcli.waivers import outcome_of

    outcome = outcome_of(report)
    waived_by_file: dict[str, list[Finding]] = {}
    for f, _ in outcome.waived if outcome else []:
        waived_by_file.setdefault(f.file, []).append(f)
    root = ET.Element("testsuites", name="perfcli")
    suite = _sub(root, "testsuite", name="perfcli")
    props = _sub(suite, "properties")
    _sub(props, "property", name="perfcli_version", value=__version__)
    _sub(props, "property", name="profile", value=report.profile)
    tests = failures = errors = skipped = 0
    for result in report.files:
        failed, errored = _testcase(
            suite, _classname(result), result.path, sorted(result.findings, key=Finding.sort_key),
            lang, error=result.internal_error, skipped=result.status == "skipped",
            waived=waived_by_file.pop(result.path, []),
        )  # fmt: skip
        tests += 1
        failures += failed
        errors += errored
        skipped += result.status == "skipped" and not failed
    by_folder: dict[str, list[Finding]] = {}
    for f in report.submission_findings:
        by_folder.setdefault(f.file, []).append(f)
    for folder in [*waived_by_file, *by_folder]:
        by_folder.setdefault(folder, [])
    for folder, found in by_folder.items():
        failed, _ = _testcase(suite, "submission", folder, sorted(found, key=Finding.sort_key),
                              lang, waived=waived_by_file.get(folder, []))  # fmt: skip
        tests += 1
        failures += failed
    counts = {"tests": tests, "failures": failures, "errors": errors}
    for el in (root, suite):
        el.attrib.update({k: str(v) for k, v in counts.items()})
        el.set("time", "0")
    suite.set("skipped", str(skipped))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
