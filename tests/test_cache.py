"""The cache of unchanged files: a rerun costs nothing and says exactly what the first run said."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from gridbook import realworld_names, render_realworld
from layouts import LAYOUTS, central
from layouts_dept import DEPT_LAYOUTS
from layouts_target import TARGET_LAYOUTS
from typer.testing import CliRunner

import perfcli
from perfcli import cache as cache_mod
from perfcli import engine
from perfcli.api import candidates_for
from perfcli.cache import MAGIC, Cache, settings_digest
from perfcli.cli import app
from perfcli.engine import Settings, check_file, discover, run
from perfcli.profile import NATIONAL
from perfcli.report.machine import to_json
from perfcli.rules import active_codes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Every test gets its own key and cache folder (never the user's)."""
    monkeypatch.setenv("PERFCLI_CACHE_KEY", str(tmp_path / "key" / "cache.key"))
    monkeypatch.setenv("PERFCLI_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def folder(tmp_path):
    """Two clean forms and one with an A002 (wrong rate in G6)."""
    out = tmp_path / "dept"
    out.mkdir()
    for name, form in (("a.xlsx", central()), ("b.xlsx", LAYOUTS["anhui"]()),
                       ("bad.xlsx", central().put("G6", 0.9))):  # fmt: skip
        from gridbook import write_workbook

        write_workbook(out / name, form.sheets(), merges=form.merge_map())
    return out


@pytest.fixture
def calls(monkeypatch):
    """The displays ``check_file`` was called with (in process: jobs=1)."""
    seen: list[str] = []
    real = engine.check_file

    def counting(path, display, settings, explicit=True, role="form", sha256=None):
        seen.append(Path(display).name)
        return real(path, display, settings, explicit, role, sha256=sha256)

    monkeypatch.setattr(engine, "check_file", counting)
    return seen


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / "entries").rglob("*") if p.is_file())


def test_a_rerun_of_unchanged_files_checks_nothing_and_says_the_same(folder, calls):
    cands = discover([folder])
    first = run(cands, Settings(), jobs=1, cache=Cache())
    assert sorted(calls) == ["a.xlsx", "b.xlsx", "bad.xlsx"]
    calls.clear()
    cache = Cache()
    second = run(cands, Settings(), jobs=1, cache=cache)
    assert calls == [] and cache.hits == 3 and cache.misses == 0
    assert to_json(second) == to_json(first)
    assert [f.code for f in second.findings] == ["A002"]


def test_a_warm_rerun_starts_no_worker(folder, monkeypatch):
    cands = discover([folder])
    cold = run(cands, Settings(), jobs=2, cache=Cache())
    from perfcli import workers

    def no_workers(*_a, **_k):
        raise AssertionError("every file was cached: no worker should start")

    monkeypatch.setattr(workers, "map_isolated", no_workers)
    seen: list[int] = []
    warm = run(cands, Settings(), jobs=2, cache=Cache(), on_result=lambda i, _r: seen.append(i))
    assert to_json(warm) == to_json(cold)
    assert sorted(seen) == [0, 1, 2]  # the progress bar still counts every file


def test_a_changed_file_is_checked_again(folder, calls):
    cands = discover([folder])
    run(cands, Settings(), jobs=1, cache=Cache())
    calls.clear()
    from gridbook import write_workbook

    form = central().put("G6", 0.8)  # still wrong, now 80%
    write_workbook(folder / "bad.xlsx", form.sheets(), merges=form.merge_map())
    report = run(cands, Settings(), jobs=1, cache=Cache())
    assert calls == ["bad.xlsx"]
    (a002,) = report.findings
    assert "表中填写 80%" in a002.message


def test_other_settings_are_a_miss(folder, calls):
    cands = discover([folder])
    run(cands, Settings(), jobs=1, cache=Cache())
    calls.clear()
    only_e = Settings(codes=frozenset(active_codes("E", None)))
    report = run(cands, only_e, jobs=1, cache=Cache())
    assert len(calls) == 3 and report.findings == []  # A002 is not selected: not served stale
    calls.clear()
    from dataclasses import replace

    lenient = Settings(profile=replace(NATIONAL, rate_tolerance=NATIONAL.rate_tolerance * 2))
    run(cands, lenient, jobs=1, cache=Cache())
    assert len(calls) == 3
    assert settings_digest(lenient) != settings_digest(Settings())
    assert settings_digest(Settings()) == settings_digest(Settings())


def test_a_code_change_is_a_miss(folder, calls, monkeypatch):
    cands = discover([folder])
    run(cands, Settings(), jobs=1, cache=Cache())
    calls.clear()
    monkeypatch.setattr(cache_mod, "source_digest", lambda: "edited")
    run(cands, Settings(), jobs=1, cache=Cache())
    assert len(calls) == 3


@pytest.mark.parametrize(
    "damage",
    ["truncated", "flipped", "empty", "garbage", "old_format", "other_key", "swapped"],
)
def test_a_damaged_or_foreign_entry_is_a_miss_never_a_crash(folder, calls, damage, private_cache):
    cands = discover([folder / "a.xlsx"]) + discover([folder / "b.xlsx"])
    run(cands, Settings(), jobs=1, cache=Cache())
    first, second = entries(private_cache)
    data = first.read_bytes()
    if damage == "truncated":
        first.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        first.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    elif damage == "empty":
        first.write_bytes(b"")
    elif damage == "garbage":
        first.write_bytes(os.urandom(4000))
    elif damage == "old_format":
        first.write_bytes(b"PERFCLI-CACHE/0\n" + data[len(MAGIC) :])
    elif damage == "other_key":  # an entry someone else's perfcli wrote (or a forged pickle)
        (Path(os.environ["PERFCLI_CACHE_KEY"])).write_bytes(b"k" * 32)
    elif damage == "swapped":  # a genuine entry under another file's key
        first.write_bytes(second.read_bytes())
    calls.clear()
    cache = Cache()
    report = run(cands, Settings(), jobs=1, cache=cache)
    assert calls, "the damaged entry must be a miss"
    assert all(f.status == "checked" for f in report.files) and report.findings == []
    calls.clear()
    run(cands, Settings(), jobs=1, cache=Cache())  # the entry was rewritten
    assert calls == []


def test_a_forged_pickle_is_never_unpickled(folder, private_cache, monkeypatch):
    run(discover([folder / "a.xlsx"]), Settings(), jobs=1, cache=Cache())
    (entry,) = entries(private_cache)

    class Boom:
        def __reduce__(self):
            return (os.system, ("touch " + str(private_cache / "pwned"),))

    entry.write_bytes(MAGIC + b"\0" * 32 + __import__("zlib").compress(pickle.dumps(Boom())))
    report = run(discover([folder / "a.xlsx"]), Settings(), jobs=1, cache=Cache())
    assert not (private_cache / "pwned").exists()
    assert report.files[0].status == "checked"


def test_the_same_content_under_another_name_has_the_new_path(folder, calls):
    run(discover([folder]), Settings(), jobs=1, cache=Cache())
    renamed = folder.parent / "renamed"
    renamed.mkdir()
    shutil.copy(folder / "bad.xlsx", renamed / "新名字.xlsx")
    calls.clear()
    report = run(discover([renamed]), Settings(), jobs=1, cache=Cache())
    assert calls == []
    (result,) = report.files
    assert result.path == str(renamed / "新名字.xlsx")
    assert [(f.code, f.file) for f in report.findings] == [("A002", result.path)]
    assert report.submissions[0].files == [result.path]


def test_a_file_saved_during_the_run_is_not_cached(folder, calls, private_cache, monkeypatch):
    real = engine.check_file

    def save_meanwhile(path, display, settings, explicit=True, role="form", sha256=None):
        result = real(path, display, settings, explicit, role, sha256=sha256)
        os.utime(path, ns=(1, 1))  # the preparer saved it again after it was hashed
        return result

    monkeypatch.setattr(engine, "check_file", save_meanwhile)
    cache = Cache()
    run(discover([folder / "a.xlsx"]), Settings(), jobs=1, cache=cache)
    assert cache.written == 0 and entries(private_cache) == []


def test_a_perfcli_bug_and_a_dead_worker_are_not_cached(folder, private_cache, monkeypatch):
    real = engine.check_file

    def crash(path, display, settings, explicit=True, role="form", sha256=None):
        if path.endswith("a.xlsx"):
            os.abort()
        if path.endswith("b.xlsx"):
            raise RuntimeError("boom")
        return real(path, display, settings, explicit, role, sha256=sha256)

    monkeypatch.setattr(engine, "check_file", crash)
    cache = Cache()
    report = run(discover([folder]), Settings(), jobs=2, cache=cache)
    by_name = {Path(f.path).name: f for f in report.files}
    assert [f.code for f in by_name["a.xlsx"].findings] == ["E004"]
    assert by_name["b.xlsx"].internal_error
    assert cache.written == 1 and len(entries(private_cache)) == 1  # only bad.xlsx


def test_no_key_means_no_cache_and_no_harm(folder, monkeypatch, tmp_path, private_cache):
    monkeypatch.setenv("PERFCLI_CACHE_KEY", str(tmp_path))  # a folder: unreadable as a key
    cache = Cache()
    report = run(discover([folder]), Settings(), jobs=1, cache=cache)
    assert [f.code for f in report.findings] == ["A002"]
    assert cache.written == 0 and not private_cache.exists()


def test_the_key_is_private_and_made_once(folder, tmp_path):
    run(discover([folder]), Settings(), jobs=1, cache=Cache())
    key = Path(os.environ["PERFCLI_CACHE_KEY"])
    assert key.stat().st_mode & 0o077 == 0 and len(key.read_bytes()) == 32
    before = key.read_bytes()
    run(discover([folder]), Settings(), jobs=1, cache=Cache())
    assert key.read_bytes() == before


def test_the_cache_is_bounded_least_recently_used_first(folder, private_cache, calls):
    run(discover([folder]), Settings(), jobs=1, cache=Cache())
    for p in entries(private_cache):
        os.utime(p, (1000, 1000))  # all used long ago
    run(discover([folder / "a.xlsx"]), Settings(), jobs=1, cache=Cache())  # a.xlsx used now
    from gridbook import write_workbook

    form = central().put("G6", 0.91)
    extra = write_workbook(folder.parent / "c.xlsx", form.sheets(), merges=form.merge_map())
    run(discover([extra]), Settings(), jobs=1, cache=Cache(max_entries=3))  # a 4th entry
    assert len(entries(private_cache)) == 2  # pruned to 90 %: the two most recently used stay
    calls.clear()
    run(discover([folder / "a.xlsx"]), Settings(), jobs=1, cache=Cache())
    run(discover([extra]), Settings(), jobs=1, cache=Cache())
    assert calls == []
    run(discover([folder / "b.xlsx"]), Settings(), jobs=1, cache=Cache())
    assert calls == ["b.xlsx"]  # used least recently: removed


def test_the_cache_is_bounded_in_bytes(folder, private_cache):
    run(discover([folder]), Settings(), jobs=1, cache=Cache(max_bytes=1))
    assert entries(private_cache) == []  # every entry is bigger than the bound


def test_stale_temp_files_are_swept(folder, private_cache):
    run(discover([folder]), Settings(), jobs=1, cache=Cache())
    shard = entries(private_cache)[0].parent
    stale = shard / ".dead.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (1, 1))
    Cache(max_entries=1).prune()
    assert not stale.exists()


def _all_clean_forms(tmp_path: Path) -> list[Path]:
    from gridbook import write_workbook

    out = []
    for group in (LAYOUTS, TARGET_LAYOUTS, DEPT_LAYOUTS):
        for name, builder in group.items():
            form = builder()
            out.append(write_workbook(tmp_path / f"{name}.xlsx", form.sheets(),
                                      merges=form.merge_map()))  # fmt: skip
    out += [render_realworld(stem, tmp_path) for stem in realworld_names()]
    return out


def test_every_result_pickles_with_its_models(tmp_path):
    paths = _all_clean_forms(tmp_path)
    for path in paths:
        result = check_file(str(path), path.name, Settings())
        assert result.models and not result.internal_error, (path.name, result.internal_error)
        again = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        assert again.to_dict() == result.to_dict()
        assert again.findings == result.findings
        assert again.models == result.models, path.name


def test_the_samples_round_trip_through_the_cache(tmp_path):
    """Every kind of file the samples hold (forms, packages, accounts, broken files)."""
    cands = candidates_for([ROOT / "samples"])
    cold = run(cands, Settings(), jobs=1, cache=Cache())
    cache = Cache()
    warm = run(cands, Settings(), jobs=1, cache=cache)
    assert cache.misses == 0 and cache.hits == cold_count(cold)
    assert to_json(warm) == to_json(cold)


def cold_count(report: engine.Report) -> int:
    """Files the cache keeps: the ones perfcli reads (not skipped .pdf and the like)."""
    return sum(1 for f in report.files if f.sha256 is not None)


def test_cli_no_cache_neither_reads_nor_writes(folder, private_cache, calls):
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(folder), "-j", "1", "-q", "--no-cache"])
    assert result.exit_code == 1 and not private_cache.exists()
    result = runner.invoke(app, ["check", str(folder), "-j", "1", "-q"])
    assert result.exit_code == 1 and len(entries(private_cache)) == 3
    calls.clear()
    result = runner.invoke(app, ["check", str(folder), "-j", "1", "-q", "--no-cache"])
    assert result.exit_code == 1 and len(calls) == 3  # the warm cache is not read either
    calls.clear()
    result = runner.invoke(app, ["check", str(folder), "-j", "1", "--format", "json"])
    assert result.exit_code == 1 and calls == [] and '"A002"' in result.stdout


def test_library_cache_is_off_unless_asked(folder, tmp_path, private_cache, calls):
    perfcli.check(folder)
    assert not private_cache.exists()
    chosen = tmp_path / "chosen"
    perfcli.check(folder, cache=chosen)
    assert len(entries(chosen)) == 3
    calls.clear()
    report = perfcli.check(folder, cache=str(chosen))
    assert calls == [] and [f.code for f in report.findings] == ["A002"]
    perfcli.check(folder, cache=True)
    assert len(entries(private_cache)) == 3
