"""--waivers FILE: accepted findings leave the findings and the exit code, and are listed;
expired and unused waivers are reported; a waiver without reason/approver/expiry is exit 2."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from layouts import central
from typer.testing import CliRunner

import perfcli
from perfcli.cli import app
from perfcli.engine import FileResult, Report
from perfcli.findings import Finding
from perfcli.report.junit import to_junit
from perfcli.report.machine import report_dict
from perfcli.report.sarif import sarif_dict
from perfcli.waivers import (
    Waiver,
    WaiverError,
    apply_waivers,
    load_waivers,
    outcome_of,
    path_matches,
    project_matches,
)

runner = CliRunner()
TODAY = date(2025, 6, 30)
GOOD = 'reason = "年底集中支付，已书面说明"\napprover = "张三"\nexpires = 2099-12-31\n'
STRING_DATE = GOOD.replace("2099-12-31", '"2026-01-31"')
BAD_DATE = GOOD.replace("2099-12-31", '"明年"')


def _write(tmp_path: Path, text: str, name: str = "waivers.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _waiver(code: str = "A004", **kw: object) -> Waiver:
    values: dict[str, object] = {"index": 1, "code": code, "reason": "r", "approver": "a",
                                 "expires": date(2099, 1, 1)}  # fmt: skip
    values.update(kw)
    return Waiver(**values)  # type: ignore[arg-type]


def _finding(code: str, file: str, **kw: object) -> Finding:
    return Finding(code=code, name=code.lower(), severity=str(kw.pop("severity", "error")),
                   file=file, message=f"{code} 问题", **kw)  # type: ignore[arg-type]  # fmt: skip


def _report() -> Report:
    return Report(
        files=[
            FileResult(path="in/dept01/自评表.xlsx", findings=[
                _finding("A004", "in/dept01/自评表.xlsx", sheet="项目1", cell="G6", row=6,
                         project="51000021R000000012345-乡村道路养护项目"),
                _finding("A002", "in/dept01/自评表.xlsx", sheet="项目1", cell="G6", row=6),
            ]),
            FileResult(path="in/dept02/自评表.xlsx", findings=[
                _finding("A004", "in/dept02/自评表.xlsx", sheet="项目1", cell="G6", row=6,
                         project="其他项目"),
            ]),
        ],
        submission_findings=[_finding("X006", "in/dept01")],
    )  # fmt: skip


# --- loading ----------------------------------------------------------------------------------


def test_load_a_valid_file(tmp_path):
    path = _write(tmp_path, f'[[waiver]]\ncode = "a004"\nfile = "dept01\\\\*.xlsx"\ncell = "g6"\n{GOOD}'
                  f'[[waiver]]\ncode = "X006"\nproject = "乡村道路养护"\n{STRING_DATE}')  # fmt: skip
    first, second = load_waivers(path)
    assert (first.index, first.code, first.file, first.cell) == (1, "A004", "dept01/*.xlsx", "G6")
    assert first.reason == "年底集中支付，已书面说明" and first.approver == "张三"
    assert first.expires == date(2099, 12, 31)
    assert second.project == "乡村道路养护" and second.expires == date(2026, 1, 31)


@pytest.mark.parametrize("missing", ["reason", "approver", "expires"])
def test_a_waiver_without_reason_approver_or_expiry_is_an_error(tmp_path, missing):
    body = "\n".join(line for line in GOOD.splitlines() if not line.startswith(missing))
    path = _write(tmp_path, f'[[waiver]]\ncode = "A004"\nfile = "*.xlsx"\n{body}\n')
    with pytest.raises(WaiverError, match=f"第 1 条缺少 {missing}"):
        load_waivers(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[waiver]]\ncode = "A004"\nfile = "*.xlsx"\nreason = "  "\napprover = "张三"\nexpires = 2099-01-01\n', "缺少 reason"),
        (f'[[waiver]]\ncode = "A004"\nfile = "*.xlsx"\nowner = "x"\n{GOOD}', "未知的键：owner"),
        (f'[[waiver]]\ncode = "Z999"\nfile = "*.xlsx"\n{GOOD}', "规则代码 Z999 不存在"),
        (f'[[waiver]]\ncode = "A004"\n{GOOD}', "file（文件路径通配符）或 project"),
        (f'[[waiver]]\ncode = "A004"\nfile = "*.xlsx"\n{BAD_DATE}', "expires 应为日期"),
        (f'[[waiver]]\ncode = "A004"\nfile = 3\n{GOOD}', "file 应为文字"),
        ('[waivers]\ncode = "A004"\n', "未知的键：waivers"),
        ("[[waiver]\n", "不是有效的 TOML"),
    ],
)  # fmt: skip
def test_bad_waiver_files_name_the_problem(tmp_path, text, message):
    with pytest.raises(WaiverError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_waivers(_write(tmp_path, text))


def test_a_missing_waiver_file_is_an_error(tmp_path):
    with pytest.raises(WaiverError, match="豁免文件不存在"):
        load_waivers(tmp_path / "nope.toml")


# --- matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "pattern", "hit"),
    [
        ("samples/dept01/a.xlsx", "dept01/*.xlsx", True),
        ("dept01/a.xlsx", "dept01/*.xlsx", True),
        ("./dept01/a.xlsx", "dept01/*.xlsx", True),
        ("samples\\dept01\\a.xlsx", "dept01/*.xlsx", True),
        ("samples/dept01/sub/a.xlsx", "dept01/*.xlsx", False),
        ("samples/dept01/sub/a.xlsx", "dept01/**/*.xlsx", True),
        ("samples/dept01/a.xlsx", "dept01/**/*.xlsx", True),
        ("samples/xdept01/a.xlsx", "dept01/*.xlsx", False),
        ("samples/dept01/a.xls", "dept01/*.xlsx", False),
        ("/data/dept01/a.xlsx", "/data/*/a.xlsx", True),
        ("/other/data/dept01/a.xlsx", "/data/*/a.xlsx", False),
        ("samples/dept01", "dept01", True),
        ("samples/dept01/自评表[2023].xlsx", "dept01/自评表[[]2023].xlsx", True),
        ("samples/dept01/自评表1.xlsx", "dept01/自评表[!1].xlsx", False),
    ],
)  # fmt: skip
def test_file_globs_match_the_path_or_its_end(path, pattern, hit):
    assert path_matches(path, pattern) is hit


def test_project_matches_normalised_names_and_globs():
    assert project_matches("51000021R000000012345-乡村道路养护项目", "乡村道路养护")
    assert project_matches("乡村道路养护", "乡村道路养护")
    assert project_matches("（2023）农村道路养护", "*道路养护")
    assert not project_matches("乡村道路新建", "乡村道路养护")
    assert not project_matches(None, "乡村道路养护")


def test_sheet_and_cell_narrow_a_waiver():
    f = _finding("A004", "d/a.xlsx", sheet="项目1", cell="G6")
    assert _waiver(file="*.xlsx", sheet="项目1", cell="G6").matches(f)
    assert not _waiver(file="*.xlsx", sheet="项目2").matches(f)
    assert not _waiver(file="*.xlsx", cell="H6").matches(f)
    assert not _waiver("A002", file="*.xlsx").matches(f)


# --- applying ---------------------------------------------------------------------------------


def test_waived_findings_leave_the_findings_and_the_exit_code():
    report = _report()
    waived = apply_waivers(report, [_waiver(file="dept01/*.xlsx"), _waiver("A002", index=2,
                                    file="dept01/*.xlsx")], "w.toml", TODAY)  # fmt: skip
    assert sorted((f.code, f.file) for f in waived.findings) == [
        ("A004", "in/dept02/自评表.xlsx"), ("X006", "in/dept01")]  # fmt: skip
    outcome = outcome_of(waived)
    assert outcome is not None
    assert [(f.code, w.index) for f, w in outcome.waived] == [("A002", 2), ("A004", 1)]
    assert outcome.unused == [] and outcome.expired == []
    assert len(report.findings) == 4, "the input report is left as it was"
    only_errors_waived = apply_waivers(
        report, [_waiver(file="*.xlsx"), _waiver("A002", file="*.xlsx"),
                 _waiver("X006", file="in/dept01")], "w.toml", TODAY)  # fmt: skip
    assert only_errors_waived.findings == [] and only_errors_waived.exit_code() == 0
    assert report.exit_code() == 1


def test_expired_waivers_do_not_apply_and_unused_ones_are_reported():
    expired = _waiver(file="*.xlsx", expires=date(2025, 6, 29))
    last_day = _waiver("A002", index=2, file="*.xlsx", expires=TODAY)
    unused = _waiver("A005", index=3, project="不存在")
    waived = apply_waivers(_report(), [expired, last_day, unused], "w.toml", TODAY)
    outcome = outcome_of(waived)
    assert outcome is not None
    assert sorted(f.code for f in waived.findings) == ["A004", "A004", "X006"]
    assert outcome.expired == [expired] and outcome.unused == [unused]
    notes = outcome.notes()
    assert notes[0] == "豁免文件 w.toml 第 1 条（A004 *.xlsx）已于 2025-06-29 过期，未生效"
    assert notes[1] == "豁免文件 w.toml 第 3 条（A005 不存在）没有匹配任何问题，可删除"
    assert "expired on 2025-06-29" in outcome.notes("en")[0]


def test_a_project_waiver_and_a_submission_finding():
    waived = apply_waivers(_report(), [_waiver(project="乡村道路养护"),
                                       _waiver("X006", index=2, file="dept01")], "w", TODAY)  # fmt: skip
    assert sorted((f.code, f.file) for f in waived.findings) == [
        ("A002", "in/dept01/自评表.xlsx"), ("A004", "in/dept02/自评表.xlsx")]  # fmt: skip
    assert waived.submission_findings == []


def test_json_junit_and_sarif_list_the_waived_findings():
    waiver = _waiver(file="dept01/*.xlsx", reason="已说明", approver="李四")
    waived = apply_waivers(_report(), [waiver, _waiver("A005", index=2, file="x")], "w.toml", TODAY)
    data = report_dict(waived)
    assert [d["finding"]["code"] for d in data["waived"]] == ["A004"]
    assert data["waived"][0]["waiver"]["approver"] == "李四"
    assert data["waived"][0]["finding"]["cell"] == "G6"
    assert data["waivers"]["count"] == 2 and data["waivers"]["waived_findings"] == 1
    assert [w["index"] for w in data["waivers"]["unused"]] == [2]
    assert "A004" not in [
        f["code"] for f in data["findings"] if f["file"].endswith("dept01/自评表.xlsx")
    ]
    assert "waived" not in report_dict(_report()), "no waiver file: the JSON keys are unchanged"
    run = sarif_dict(waived)["runs"][0]
    suppressed = [r for r in run["results"] if r["suppressions"]]
    (result,) = suppressed
    assert result["ruleId"] == "A004"
    assert result["suppressions"][0]["status"] == "accepted"
    assert result["suppressions"][0]["kind"] == "external"
    assert "已说明" in result["suppressions"][0]["justification"]
    notes = run["invocations"][0]["toolConfigurationNotifications"]
    assert "没有匹配任何问题" in notes[0]["message"]["text"]
    case = next(c for c in ET.fromstring(to_junit(waived)).iter("testcase")
                if c.get("name") == "in/dept01/自评表.xlsx")  # fmt: skip
    assert [f.get("type") for f in case.findall("failure")] == ["A002"]
    assert "[已豁免] [错误] A004" in (case.findtext("system-out") or "")


# --- the command line and the library ---------------------------------------------------------


@pytest.fixture
def faulty(book, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    form = central().put("G6", "96%")  # A002 only
    book(form.sheets(), name="自评表.xlsx", merges=form.merge_map())
    return tmp_path


def _cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args, "--jobs", "1"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_cli_waivers_change_the_exit_code_and_list_the_notes(faulty):
    _write(faulty, f'[[waiver]]\ncode = "A002"\nfile = "自评表.xlsx"\n{GOOD}'
                   f'[[waiver]]\ncode = "A004"\nfile = "other.xlsx"\n{GOOD}')  # fmt: skip
    assert _cli("自评表.xlsx")[0] == 1
    code, out, err = _cli("自评表.xlsx", "--waivers", "waivers.toml")
    assert code == 0
    assert "已豁免 1 个问题（豁免文件 waivers.toml）" in out
    assert "第 2 条（A004 other.xlsx）没有匹配任何问题" in err
    code, out, _ = _cli("自评表.xlsx", "--waivers", "waivers.toml", "-f", "json")
    data = json.loads(out)
    assert code == 0 and data["findings"] == [] and data["summary"]["error"] == 0
    assert data["waived"][0]["finding"]["code"] == "A002"
    assert data["waivers"]["file"] == "waivers.toml"


def test_cli_bad_waiver_file_is_exit_2_with_a_chinese_message(faulty):
    _write(
        faulty,
        '[[waiver]]\ncode = "A002"\nfile = "自评表.xlsx"\nreason = "x"\nexpires = 2099-01-01\n',
    )
    code, out, err = _cli("自评表.xlsx", "--waivers", "waivers.toml")
    assert code == 2 and out == ""
    assert "第 1 条缺少 approver" in err and "Traceback" not in err
    code, _, err = _cli("自评表.xlsx", "--waivers", "missing.toml")
    assert code == 2 and "豁免文件不存在" in err


def test_library_check_takes_waivers(faulty):
    _write(faulty, f'[[waiver]]\ncode = "A002"\nfile = "*.xlsx"\n{GOOD}')
    report = perfcli.check("自评表.xlsx", waivers="waivers.toml")
    outcome = outcome_of(report)
    assert report.findings == [] and outcome is not None and len(outcome.waived) == 1
    assert [f.code for f in perfcli.check("自评表.xlsx").findings] == ["A002"]
