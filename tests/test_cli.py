"""The command line as a user and a nightly script meet it: exit codes, the JSON contract, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from layouts import central
from typer.testing import CliRunner

from perfcli import __version__
from perfcli.cli import app
from perfcli.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "samples" / "问题文件"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def clean(book):
    form = central()
    return book(form.sheets(), name="clean.xlsx", merges=form.merge_map())


def test_clean_form_exits_0_and_json_follows_the_contract(clean):
    code, out, _ = run("check", str(clean), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "perfcli_version",
        "profile",
        "summary",
        "files",
        "submissions",
        "findings",
    }
    (sub,) = data["submissions"]
    assert sub["files"] == [str(clean)] and sub["forms"][0]["kind"] == "selfeval_project"
    assert data["perfcli_version"] == __version__
    assert data["profile"] == "national"
    assert data["summary"] == {"files": 1, "forms": 1, "error": 0, "warning": 0, "info": 0}
    (file,) = data["files"]
    assert set(file) == {"path", "sha256", "status", "forms"}
    assert file["path"] == str(clean) and file["status"] == "checked" and len(file["sha256"]) == 64
    (form,) = file["forms"]
    assert form == {
        "kind": "selfeval_project", "sheet": "Sheet1", "range": "A1:I20",
        "project": "社区居家养老服务补助", "department": "某县民政局", "year": 2023, "unit": "万元",
        "total_score": 99.5, "grade": "优",
    }  # fmt: skip
    assert data["findings"] == []


@pytest.mark.parametrize(
    ("name", "code"),
    [("空文件.xlsx", "E001"), ("系统导出_网页.xls", "E001"), ("下载中断.xlsx", "E001"),
     ("设置了密码.xlsx", "E002")],
)  # fmt: skip
def test_bad_files_give_e_findings_exit_1_no_traceback(name, code):
    path = BAD / name
    proc = subprocess.run(
        [sys.executable, "-m", "perfcli", "check", str(path), "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr == ""
    data = json.loads(proc.stdout)
    (finding,) = data["findings"]
    assert finding["code"] == code and finding["severity"] == "error"
    assert finding["file"] == str(path) and finding["sheet"] is None and finding["cell"] is None
    assert finding["message"] and finding["hint"]
    assert data["files"][0]["status"] == "failed"


def test_finding_fields_are_the_contract(book):
    path = BAD / "空文件.xlsx"
    _, out, _ = run("check", str(path), "-f", "json")
    (finding,) = json.loads(out)["findings"]
    assert list(finding) == ["code", "name", "severity", "file", "sheet", "cell", "row",
                             "form_kind", "project", "message", "hint", "expected", "actual"]  # fmt: skip


def test_a_folder_is_walked_and_a_bad_file_does_not_stop_the_batch(tmp_path, clean):
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "clean.xlsx").write_bytes(clean.read_bytes())
    (folder / "broken.xlsx").write_bytes(b"PK\x03\x04garbage")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "~$clean.xlsx").write_bytes(b"lock")
    code, out, _ = run("check", str(folder), "-f", "json", "--jobs", "1")
    data = json.loads(out)
    statuses = {Path(f["path"]).name: f["status"] for f in data["files"]}
    assert statuses == {"broken.xlsx": "failed", "notes.txt": "skipped", "~$clean.xlsx": "skipped",
                        "clean.xlsx": "checked"}  # fmt: skip
    assert sorted(f["code"] for f in data["findings"]) == ["E001", "E003", "E003"]
    assert code == 1


def test_fail_on_levels(tmp_path):
    note = tmp_path / "readme.txt"
    note.write_text("not a form", encoding="utf-8")
    assert run("check", str(note))[0] == 0  # E003 is info: below the default `error`
    assert run("check", str(note), "--fail-on", "info")[0] == 1
    assert run("check", str(BAD / "空文件.xlsx"), "--fail-on", "never")[0] == 0


def test_select_and_ignore(tmp_path):
    note = tmp_path / "readme.txt"
    note.write_text("x", encoding="utf-8")
    _, out, _ = run("check", str(note), "-f", "json", "--ignore", "E003")
    assert json.loads(out)["findings"] == []
    _, out, _ = run("check", str(note), "-f", "json", "--select", "E")
    assert [f["code"] for f in json.loads(out)["findings"]] == ["E003"]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_code_is_a_usage_error(clean, option):
    code, out, err = run("check", str(clean), option, "Z999")
    assert code == 2 and "Z999" in err and out == ""


def test_missing_path_is_a_usage_error(tmp_path):
    code, _, err = run("check", str(tmp_path / "nope.xlsx"))
    assert code == 2 and "nope.xlsx" in err


def test_bad_profile_is_a_usage_error(clean, tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text("no_such_parameter = 1\n", encoding="utf-8")
    code, _, err = run("check", str(clean), "--profile", str(profile))
    assert code == 2 and "no_such_parameter" in err


def test_report_files_are_written(tmp_path, clean):
    target = tmp_path / "out" / "r.json"
    csv_target = tmp_path / "out" / "r.csv"
    code, _, _ = run("check", str(BAD / "空文件.xlsx"), "--report", f"json:{target}",
                     "--report", f"csv:{csv_target}", "--quiet")  # fmt: skip
    assert code == 1
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["error"] == 1
    assert csv_target.read_text(encoding="utf-8").splitlines()[0].startswith("code,name,severity")
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_jsonl_and_english(tmp_path):
    _, out, _ = run("check", str(BAD / "空文件.xlsx"), "-f", "jsonl", "--lang", "en")
    (line,) = out.splitlines()
    finding = json.loads(line)
    assert finding["code"] == "E001" and "empty" in finding["message"]


def test_text_output_names_the_file_and_the_problem():
    code, out, _ = run("check", str(BAD / "设置了密码.xlsx"), "--no-progress")
    assert code == 1 and "E002" in out and "设置了密码.xlsx" in out and "错误 1" in out


def test_rules_lists_the_registry():
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    listed = json.loads(out)
    assert [r["code"] for r in listed] == [r.code for r in all_rules()]
    for rule in listed:
        assert rule["title"] and rule["what"] and rule["why"] and rule["bad"] and rule["good"]
    code, out, _ = run("rules")
    assert code == 0 and "E001" in out


def test_explain():
    code, out, _ = run("explain", "E004")
    assert code == 0 and "E004" in out and "XFD1048576" in out
    code, _, err = run("explain", "Z123")
    assert code == 2 and "Z123" in err


def test_forms_shows_fields_with_their_cells(clean):
    code, out, _ = run("forms", str(clean))
    assert code == 0
    assert "项目支出绩效自评表" in out and "社区居家养老服务补助" in out and "B3" in out
    assert "≥1200人" in out and "E13" in out  # an indicator value and its cell


def test_forms_on_a_file_with_no_form(book):
    path = book([["hello"]], name="plain.xlsx")
    code, out, _ = run("forms", str(path))
    assert code == 1 and "未识别" in out


def test_help_is_light_and_does_not_import_pandas():
    proc = subprocess.run(
        [sys.executable, "-c", "import sys, perfcli.cli; print('pandas' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert proc.stdout.strip() == "False"
    proc = subprocess.run([sys.executable, "-m", "perfcli", "--help"], capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert "check" in proc.stdout and "预算绩效" in proc.stdout


def test_version():
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_library_api(clean):
    import perfcli

    report = perfcli.check(clean)
    assert report.findings == [] and report.exit_code() == 0
    assert [f.forms[0].kind for f in report.files] == ["selfeval_project"]


def test_docs_rules_md_is_current():
    from perfcli.report.catalogue import catalogue_markdown

    path = ROOT / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == catalogue_markdown(), "run `make docs`"


def test_catalogue_hints_read_without_placeholders():
    """A hint is filled from a finding's values; `perfcli explain`, docs/rules.md and SARIF show it
    in general words, never as ``{column}``."""
    from perfcli.report.catalogue import general_hint, rule_markdown

    for rule in all_rules():
        for lang in ("zh", "en"):
            assert "{" not in general_hint(rule, lang), (rule.code, lang, general_hint(rule, lang))
            assert "{" not in rule_markdown(rule, lang), rule.code
    x003 = next(r for r in all_rules() if r.code == "X003")
    assert "核对汇总表的相应栏目" in general_hint(x003, "zh")


def test_catalogue_hints_take_grades_from_the_profile_and_read_as_chinese():
    from perfcli.profile import NATIONAL
    from perfcli.report.catalogue import general_hint
    from perfcli.rules import get_rule

    excellent, good, passing = (f"{g.normalize():f}" for g in NATIONAL.grades)
    a011 = general_hint(get_rule("A011"), "zh")
    assert f"优 ≥ {excellent}，良 ≥ {good}，中 ≥ {passing}，差 < {passing}" in a011
    assert "合计等于规定的总分" in general_hint(get_rule("Q013"), "zh")  # no stray space
