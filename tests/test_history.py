"""The run history: record runs, list them, and tell what is new, fixed and still open."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from gridbook import write_workbook
from layouts import central
from typer.testing import CliRunner

from perfcli import history
from perfcli.cli import app
from perfcli.engine import FileResult, Report
from perfcli.findings import Finding

runner = CliRunner()


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def put_rate(folder: Path, rate: float) -> None:
    form = central().put("G6", rate)  # 执行率 should be 95.00%: an A002 whatever else it says
    write_workbook(folder / "bad.xlsx", form.sheets(), merges=form.merge_map())


@pytest.fixture
def two_runs(tmp_path):
    """Run 1: A002 (90%) and E001 (an empty file). Run 2: the empty file is gone (fixed), the
    rate is still wrong but now 91% (still open, its message changed), a .pdf appeared (new)."""
    folder = tmp_path / "dept"
    folder.mkdir()
    db = tmp_path / "h" / "history.sqlite"
    put_rate(folder, 0.9)
    (folder / "empty.xlsx").write_bytes(b"")
    code, _, _ = cli("check", str(folder), "--history", str(db), "--no-cache", "-j", "1", "-q")
    assert code == 1
    (folder / "empty.xlsx").unlink()
    put_rate(folder, 0.91)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    code, _, _ = cli("check", str(folder), "--history", str(db), "--no-cache", "-j", "1", "-q")
    assert code == 1
    return db, folder


def test_history_lists_the_recorded_runs(two_runs):
    db, folder = two_runs
    code, out, _ = cli("history", "--history", str(db))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "已记录的运行（2）"
    assert lines[1].startswith("#1 ") and lines[2].startswith("#2 ")
    assert "错误    2" in lines[1] and "错误    1" in lines[2] and "提示    1" in lines[2]
    assert str(folder) in lines[1]


def test_history_json(two_runs):
    db, folder = two_runs
    code, out, _ = cli("history", "--history", str(db), "--format", "json")
    assert code == 0
    first, second = json.loads(out)["runs"]
    assert set(first) == {"id", "started_at", "perfcli_version", "profile", "paths", "counts"}
    assert first["id"] == 1 and second["id"] == 2 and first["profile"] == "national"
    assert first["paths"] == [str(folder)]
    assert first["counts"] == {"files": 2, "forms": 1, "error": 2, "warning": 0, "info": 0}
    assert second["counts"] == {"files": 2, "forms": 1, "error": 1, "warning": 0, "info": 1}
    code, out, _ = cli("history", "--history", str(db), "--format", "json", "--limit", "1")
    assert [r["id"] for r in json.loads(out)["runs"]] == [2]


def test_diff_of_the_last_two_runs(two_runs):
    db, folder = two_runs
    code, out, _ = cli("diff", "--history", str(db))
    assert code == 0  # new findings alone do not fail a diff
    assert out.splitlines()[0].endswith("：新增问题 1，已修正 1，仍未解决 1")
    assert f"  + info    E003 {folder / 'notes.pdf'}" in out
    assert f"  - error   E001 {folder / 'empty.xlsx'}" in out
    assert f"  = error   A002 {folder / 'bad.xlsx'} Sheet1!G6 [社区居家养老服务补助]" in out
    assert "表中填写 91%" in out and "表中填写 90%" not in out  # open: as it is now


def test_diff_json_and_explicit_runs(two_runs):
    db, _ = two_runs
    code, out, _ = cli("diff", "1", "2", "--history", str(db), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["summary"] == {"new": 1, "fixed": 1, "open": 1}
    assert data["run_a"]["id"] == 1 and data["run_b"]["id"] == 2
    assert [f["code"] for f in data["new"]] == ["E003"]
    assert [f["code"] for f in data["fixed"]] == ["E001"]
    (still,) = data["open"]
    assert still["code"] == "A002" and still["cell"] == "G6" and still["sheet"] == "Sheet1"
    assert still["fingerprint"] == history.fingerprint(
        "A002", still["file"], "Sheet1", "G6", "社区居家养老服务补助"
    )
    code, out, _ = cli("diff", "2", "1", "--history", str(db), "--format", "json")
    back = json.loads(out)  # backwards: what was fixed is new and the other way round
    assert [f["code"] for f in back["new"]] == ["E001"]
    assert [f["code"] for f in back["fixed"]] == ["E003"]


def test_diff_fail_on_new_exit_code(two_runs):
    db, _ = two_runs
    assert cli("diff", "--history", str(db), "--fail-on-new")[0] == 1
    assert cli("diff", "2", "2", "--history", str(db), "--fail-on-new")[0] == 0


def test_diff_in_english(two_runs):
    db, _ = two_runs
    code, out, _ = cli("diff", "--history", str(db), "--lang", "en")
    assert code == 0 and out.splitlines()[0].endswith(": new 1, fixed 1, still open 1")
    assert "The execution rate should be 95.00%" in out and "the form shows 91%" in out


def test_diff_needs_two_runs_and_known_ids(tmp_path, two_runs):
    db, _ = two_runs
    code, _, err = cli("diff", "1", "9", "--history", str(db))
    assert code == 2 and "没有运行 #9" in err and "Traceback" not in err
    one = tmp_path / "one.sqlite"
    history.record(Report(files=[]), one)
    code, _, err = cli("diff", "--history", str(one))
    assert code == 2 and "只有 1 次运行" in err


def test_record_goes_to_the_default_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    put_rate(tmp_path, 0.9)
    code, _, _ = cli("check", "bad.xlsx", "--record", "--no-cache", "-j", "1", "-q")
    assert code == 1
    assert [r.id for r in history.runs(tmp_path / ".perfcli" / "history.sqlite")] == [1]
    code, out, _ = cli("history")
    assert code == 0 and "#1" in out
    code, _, _ = cli("check", "bad.xlsx", "--no-cache", "-j", "1", "-q")  # not recorded
    assert len(history.runs(tmp_path / ".perfcli" / "history.sqlite")) == 1


@pytest.mark.parametrize("command", ["history", "diff", "check"])
def test_a_corrupt_database_is_exit_2_with_a_clear_message(tmp_path, command):
    db = tmp_path / "broken.sqlite"
    db.write_bytes(b"this is not a database " * 200)
    put_rate(tmp_path, 0.9)
    args = ["check", str(tmp_path / "bad.xlsx"), "--no-cache", "-j", "1", "-q"]
    code, _, err = cli(*(args if command == "check" else [command]), "--history", str(db))
    assert code == 2
    assert "已损坏或不是 SQLite 数据库" in err and "Traceback" not in err


def test_a_truncated_database_is_exit_2(tmp_path, two_runs):
    db, _ = two_runs
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    code, _, err = cli("diff", "--history", str(db))
    assert code == 2 and err.startswith("perfcli: ") and "Traceback" not in err


def test_missing_newer_and_foreign_databases_are_exit_2(tmp_path):
    code, _, err = cli("history", "--history", str(tmp_path / "none.sqlite"))
    assert code == 2 and "历史数据库不存在" in err
    assert not (tmp_path / "none.sqlite").exists()  # reading never creates it
    newer = tmp_path / "newer.sqlite"
    history.record(Report(files=[]), newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    code, _, err = cli("history", "--history", str(newer))
    assert code == 2 and "更新版本的 perfcli" in err
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE accounts (x)")
    code, _, err = cli("check", str(tmp_path), "--history", str(foreign), "--no-cache", "-q")
    assert code == 2 and "不是 perfcli 的历史数据库" in err


def test_schema_version_is_recorded(tmp_path):
    db = tmp_path / "h.sqlite"
    history.record(Report(files=[]), db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == history.SCHEMA_VERSION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"runs", "findings"} <= tables


# --- fingerprints and pairing ------------------------------------------------------------------


def test_fingerprint_ignores_the_message_but_not_the_place():
    fp = history.fingerprint("A002", "d/a.xlsx", "项目1", "G7", "养老")
    assert fp == history.fingerprint("A002", "./d//a.xlsx", "项目1", "G7", "养老")
    assert fp != history.fingerprint("A002", "d/a.xlsx", "项目1", "G8", "养老")
    assert fp != history.fingerprint("A003", "d/a.xlsx", "项目1", "G7", "养老")
    assert fp != history.fingerprint("A002", "d/a.xlsx", "项目1", "G7", None)
    assert history.fingerprint("X006", "d", None, None, None)  # a finding with no cell


def finding(code: str, message: str, cell: str | None = None) -> Finding:
    return Finding(code, "n", "error", "d", sheet="S" if cell else None, cell=cell,
                   message=message)  # fmt: skip


def report_of(*found: Finding) -> Report:
    return Report(files=[FileResult(path="d", findings=list(found))])


def test_same_fingerprint_twice_is_paired_by_message_then_in_order(tmp_path):
    db = tmp_path / "h.sqlite"
    history.record(report_of(finding("X006", "缺少自评报告"), finding("X006", "缺少汇总表"),
                             finding("A002", "填写 90%", "G6")), db)  # fmt: skip
    history.record(report_of(finding("X006", "缺少汇总表"), finding("A002", "填写 91%", "G6"),
                             finding("A002", "填写 80%", "G6")), db)  # fmt: skip
    result = history.diff(db)
    assert [r.message for r in result.open] == ["缺少汇总表", "填写 91%"]
    assert [r.message for r in result.fixed] == ["缺少自评报告"]
    assert [r.message for r in result.new] == ["填写 80%"]


def test_identical_duplicates_are_counted(tmp_path):
    db = tmp_path / "h.sqlite"
    same = finding("S001", "空", "B3")
    history.record(report_of(same, same), db)
    history.record(report_of(same), db)
    result = history.diff(db)
    assert len(result.open) == 1 and len(result.fixed) == 1 and result.new == []
