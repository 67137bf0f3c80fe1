"""--format junit and --format sarif: what a CI server and a code-scanning dashboard read.

The XML is parsed back with ``xml.etree`` and checked against the junit-10 shape; the SARIF JSON
schema is not available offline, so the properties SARIF 2.1.0 requires (and those perfcli
promises) are asserted by hand.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest
from layouts import central
from typer.testing import CliRunner

from perfcli import __version__
from perfcli.cli import app
from perfcli.engine import FileResult, Report
from perfcli.findings import Finding
from perfcli.report.junit import to_junit, xml_text
from perfcli.report.sarif import FINGERPRINT_KEY, artifact_uri, sarif_dict, to_sarif
from perfcli.rules import all_rules, get_rule

runner = CliRunner()


def _finding(code: str, file: str, **kw: object) -> Finding:
    rule = get_rule(code)
    values: dict[str, object] = {"message": f"{rule.title}：表中填写 86%", "hint": rule.hint,
                                 "message_en": f"{rule.title_en}: 86% reported",
                                 "hint_en": rule.hint_en}  # fmt: skip
    values.update(kw)
    return Finding(code=code, name=rule.name, severity=rule.severity, file=file, **values)  # type: ignore[arg-type]


@pytest.fixture
def faulty(book, tmp_path, monkeypatch):
    """A self-evaluation with a wrong 执行率 (A002 error) next to a clean one, relative paths."""
    monkeypatch.chdir(tmp_path)
    form = central()
    book(form.sheets(), name="clean.xlsx", merges=form.merge_map())
    bad = form.copy().put("G6", "96%")
    book(bad.sheets(), name="部门 01 自评表.xlsx", merges=bad.merge_map())
    return tmp_path


def _check(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args, "--jobs", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


# --- JUnit ------------------------------------------------------------------------------------


def test_junit_one_testcase_per_file_and_a_failure_per_error(faulty):
    code, out = _check("clean.xlsx", "部门 01 自评表.xlsx", "-f", "junit")
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "1" and suite.get("errors") == "0"
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props == {"perfcli_version": __version__, "profile": "national"}
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"clean.xlsx", "部门 01 自评表.xlsx"}
    assert all(c.get("classname") == "selfeval_project" for c in cases.values())
    assert list(cases["clean.xlsx"]) == []
    (failure,) = cases["部门 01 自评表.xlsx"].findall("failure")
    assert failure.get("type") == "A002"
    assert failure.get("message", "").startswith("A002 执行率应为 95.00%")
    assert failure.text is not None
    assert "Sheet1!G6" in failure.text and "修改建议" in failure.text and "96%" in failure.text


def test_junit_warnings_and_info_go_to_system_out_not_failures(faulty, book):
    form = central().put("B11", "")  # 预期目标 empty: S006 error; plus a W003 info below
    form.put("C6", "１２０")  # full-width digits: W003 number-stored-as-text (info)
    book(form.sheets(), name="info.xlsx", merges=form.merge_map())
    _, out = _check("info.xlsx", "-f", "junit", "--select", "W003")
    (case,) = ET.fromstring(out).iter("testcase")
    assert case.findall("failure") == []
    out_text = case.findtext("system-out") or ""
    assert out_text.startswith("[提示] W003 Sheet1!") and "修改建议" in out_text


def test_junit_elements_in_schema_order_and_english(faulty):
    _, out = _check("部门 01 自评表.xlsx", "-f", "junit", "--lang", "en")
    case = next(ET.fromstring(out).iter("testcase"))
    failure = case.find("failure")
    assert failure is not None and "execution rate" in (failure.get("message") or "").lower()
    assert "fix:" in (failure.text or "")


def test_junit_escapes_markup_and_strips_control_characters():
    nasty = 'a<b>&"c"\x01\x0b\x1f\ufffe 项目“甲”'
    report = Report(files=[FileResult(path="dir/<&>.xlsx", findings=[
        _finding("A002", "dir/<&>.xlsx", sheet="表]1", cell="G6", row=6, message=nasty,
                 hint="请改为 <86%> & 保留两位"),
        _finding("W003", "dir/<&>.xlsx", sheet="S", cell="A1", row=1, message=nasty),
    ])])  # fmt: skip
    text = to_junit(report)
    root = ET.fromstring(text.encode("utf-8"))  # well-formed
    failure = next(root.iter("failure"))
    assert failure.get("message") == 'A002 a<b>&"c" 项目“甲”'
    assert "请改为 <86%> & 保留两位" in (failure.text or "")
    assert next(root.iter("testcase")).get("name") == "dir/<&>.xlsx"
    assert "\x01" not in text and "\x0b" not in text
    assert xml_text("ok\tline\nnext\r") == "ok\tline\nnext\r"


def test_junit_internal_error_skipped_file_and_submission_findings():
    report = Report(
        files=[
            FileResult(path="a/x.xlsx", status="failed", internal_error="ValueError: boom"),
            FileResult(path="a/说明.pdf", status="skipped",
                       findings=[_finding("E003", "a/说明.pdf")]),
        ],
        submission_findings=[_finding("X006", "a", message="缺少自评报告")],
    )  # fmt: skip
    root = ET.fromstring(to_junit(report))
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    assert suite.get("skipped") == "1"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    error = cases["a/x.xlsx"].find("error")
    assert error is not None and "boom" in (error.get("message") or "")
    assert cases["a/说明.pdf"].find("skipped") is not None
    assert "E003" in (cases["a/说明.pdf"].findtext("system-out") or "")
    sub = cases["a"]
    assert sub.get("classname") == "submission"
    (failure,) = sub.findall("failure")
    assert failure.get("type") == "X006" and "缺少自评报告" in (failure.get("message") or "")
    assert [child.tag for child in cases["a/说明.pdf"]] == ["skipped", "system-out"]


# --- SARIF ------------------------------------------------------------------------------------


def _run(data: dict) -> dict:
    assert data["version"] == "2.1.0"
    assert data["$schema"].endswith("sarif-2.1.0.json")
    (run,) = data["runs"]
    return run


def test_sarif_driver_rules_are_the_catalogue(faulty):
    code, out = _check("部门 01 自评表.xlsx", "-f", "sarif")
    assert code == 1
    run = _run(json.loads(out))
    driver = run["tool"]["driver"]
    assert driver["name"] == "perfcli" and driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == [r.code for r in all_rules()]
    a002 = next(r for r in driver["rules"] if r["id"] == "A002")
    rule = get_rule("A002")
    assert a002["name"] == rule.name
    assert a002["shortDescription"]["text"] == rule.title
    assert a002["fullDescription"]["text"] == rule.what
    # The hint in general words: the rule's template has {executed_label} ÷ {budget_label}.
    assert "请按 执行数 ÷ 预算数 重新计算执行率" in a002["help"]["text"]
    assert "{" not in a002["help"]["text"] and rule.bad in a002["help"]["text"]
    assert rule.good in a002["help"]["text"] and rule.why in a002["help"]["text"]
    assert a002["help"]["markdown"].startswith("## A002")
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["A002"] == "error" and levels["A005"] == "warning" and levels["A006"] == "note"


def test_sarif_result_points_at_the_cell(faulty):
    _, out = _check("部门 01 自评表.xlsx", "-f", "sarif")
    run = _run(json.loads(out))
    (result,) = run["results"]
    assert result["ruleId"] == "A002" and result["level"] == "error"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "A002"
    assert result["message"]["text"].startswith("执行率应为 95.00%")
    (location,) = result["locations"]
    artifact = location["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] == "%E9%83%A8%E9%97%A8%2001%20%E8%87%AA%E8%AF%84%E8%A1%A8.xlsx"
    assert unquote(artifact["uri"]) == "部门 01 自评表.xlsx"
    assert artifact["uriBaseId"] == "SRCROOT"
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"].startswith("file://")
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"].endswith("/")
    assert run["artifacts"][artifact["index"]]["location"]["uri"] == artifact["uri"]
    assert len(run["artifacts"][artifact["index"]]["hashes"]["sha-256"]) == 64
    assert location["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 7}
    assert location["logicalLocations"] == [{"name": "G6", "fullyQualifiedName": "Sheet1!G6"}]
    props = result["properties"]
    assert (props["sheet"], props["cell"], props["expected"], props["actual"]) == (
        "Sheet1", "G6", "95.00%", "96%")  # fmt: skip
    assert props["form_kind"] == "selfeval_project" and props["hint"]
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["language"] == "zh-CN"


def test_sarif_fingerprints_are_stable_and_ignore_the_wording():
    def report(message: str, cell: str) -> Report:
        return Report(files=[FileResult(path="d/a.xlsx", findings=[
            _finding("A002", "d/a.xlsx", sheet="S", cell=cell, row=6, message=message)])])  # fmt: skip

    def fp(r: Report) -> str:
        return sarif_dict(r)["runs"][0]["results"][0]["partialFingerprints"][FINGERPRINT_KEY]

    assert fp(report("表中填写 86%", "G6")) == fp(report("表中填写 85%", "G6"))
    assert fp(report("表中填写 86%", "G6")) != fp(report("表中填写 86%", "G7"))


def test_sarif_english_and_chinese_round_trip():
    report = Report(files=[FileResult(path="d/a.xlsx", findings=[
        _finding("A002", "d/a.xlsx", sheet="项目（一）", cell="AA10", row=10, message="执行率“86%”有误")])])  # fmt: skip
    zh = json.loads(to_sarif(report, "zh"))
    result = zh["runs"][0]["results"][0]
    assert result["message"]["text"] == "执行率“86%”有误"
    assert result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "项目（一）!AA10"
    assert result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 27
    assert "执行率“86%”有误" in to_sarif(report, "zh")  # not \u-escaped
    en = _run(json.loads(to_sarif(report, "en")))
    assert en["results"][0]["message"]["text"].endswith("86% reported")
    assert en["language"] == "en-US"
    assert en["tool"]["driver"]["rules"][0]["shortDescription"]["text"] == all_rules()[0].title_en


def test_sarif_findings_without_a_place_and_internal_errors():
    report = Report(
        files=[FileResult(path="a/bad.xlsx", status="failed", findings=[_finding("E001", "a/bad.xlsx")]),
               FileResult(path="a/x.xlsx", status="failed", internal_error="ValueError: boom")],
        submission_findings=[_finding("X006", "a")],
    )  # fmt: skip
    run = _run(sarif_dict(report))
    by_rule = {r["ruleId"]: r for r in run["results"]}
    e001 = by_rule["E001"]["locations"][0]
    assert "region" not in e001["physicalLocation"] and "logicalLocations" not in e001
    x006 = by_rule["X006"]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert x006["uri"] == "a/" and "index" not in x006
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "boom" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_artifact_uri_encodes_relative_and_absolute_paths(tmp_path):
    assert artifact_uri("./dept 01/自评表#1.xlsx") == (
        "dept%2001/%E8%87%AA%E8%AF%84%E8%A1%A8%231.xlsx", "SRCROOT")  # fmt: skip
    assert artifact_uri("a%b.xlsx")[0] == "a%25b.xlsx"
    uri, base = artifact_uri(str(tmp_path / "表 1.xlsx"))
    assert base is None and uri.startswith("file://") and uri.endswith("/%E8%A1%A8%201.xlsx")
    assert artifact_uri("dept01", folder=True) == ("dept01/", "SRCROOT")


def test_report_option_writes_junit_and_sarif_files(faulty):
    code, out = _check("部门 01 自评表.xlsx", "--report", "junit:out/r.xml",
                       "--report", "sarif:out/r.sarif", "-f", "json")  # fmt: skip
    assert code == 1 and json.loads(out)["summary"]["error"] == 1
    assert ET.parse(Path("out/r.xml")).getroot().tag == "testsuites"
    assert _run(json.loads(Path("out/r.sarif").read_text(encoding="utf-8")))["results"]


def test_report_option_rejects_an_unknown_format(faulty):
    result = runner.invoke(app, ["check", "clean.xlsx", "--report", "xml:out/r.xml"])
    assert result.exit_code == 2
    assert "junit" in result.stderr and "sarif" in result.stderr
