"""The batch pipeline: worker isolation, a crashing file costs only itself, results in order."""

from __future__ import annotations

import os

import pytest
from layouts import anhui, central

from perfcli import engine
from perfcli.engine import Settings, discover, run


@pytest.fixture
def folder(tmp_path, book):
    for i, builder in enumerate((central, anhui, central)):
        form = builder()
        book(form.sheets(), name=f"f{i}.xlsx", merges=form.merge_map())
    return tmp_path


def test_workers_give_the_same_results_in_order(folder):
    cands = discover([folder])
    serial = run(cands, Settings(), jobs=1)
    parallel = run(cands, Settings(), jobs=2)
    assert [f.path for f in parallel.files] == [f.path for f in serial.files]
    assert [[x.to_dict() for x in f.forms] for f in parallel.files] == [
        [x.to_dict() for x in f.forms] for f in serial.files
    ]


def test_a_file_that_kills_its_worker_becomes_e004(folder, monkeypatch):
    real = engine.check_file

    def crash_on_f1(path, display, settings, explicit=True, role="form"):
        if path.endswith("f1.xlsx"):
            os.abort()  # what calamine does when a hostile sheet makes an allocation fail
        return real(path, display, settings, explicit, role)

    monkeypatch.setattr(engine, "check_file", crash_on_f1)
    report = run(discover([folder]), Settings(), jobs=2)
    by_name = {os.path.basename(f.path): f for f in report.files}
    assert [x.code for x in by_name["f1.xlsx"].findings] == ["E004"]
    assert by_name["f1.xlsx"].status == "failed" and by_name["f1.xlsx"].internal_error is None
    assert by_name["f0.xlsx"].status == "checked" and by_name["f2.xlsx"].status == "checked"
    assert report.exit_code() == 1


def test_a_perfcli_bug_is_an_internal_error_not_a_finding(folder, monkeypatch):
    from perfcli.forms import selfeval_project

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(selfeval_project, "locate_selfeval_project", broken)
    report = run(discover([folder]), Settings(), jobs=1)
    assert all(f.internal_error and "boom" in f.internal_error for f in report.files)
    assert report.exit_code() == 2


def test_progress_callback_once_per_file(folder):
    seen = []
    run(discover([folder]), Settings(), jobs=2, on_result=lambda i, r: seen.append(i))
    assert sorted(seen) == [0, 1, 2]


def test_models_only_reads_the_forms_and_runs_no_form_rule(book):
    form = central()
    form.put("G7", "150%")  # a wrong execution rate: a form rule's finding when rules run
    path = str(book(form.sheets(), merges=form.merge_map()))
    checked = engine.check_file(path, "f.xlsx", Settings())
    read = engine.check_file(path, "f.xlsx", Settings(models_only=True))
    assert checked.findings and read.findings == []
    assert [m.kind for m in read.models] == [m.kind for m in checked.models] == ["selfeval_project"]
    empty = book([["hello"]], name="plain.xlsx")  # a reading problem is still found
    assert [
        f.code for f in engine.check_file(str(empty), "p", Settings(models_only=True)).findings
    ] == ["E005"]


def test_the_split_engine_still_offers_every_name_callers_import():
    wanted = {"Candidate", "FileResult", "FormSummary", "Report", "Settings", "SPECIAL_CHECKERS",
              "WORKBOOK_SUFFIXES", "check_file", "check_submissions", "discover", "run",
              "run_form_rules", "_filtered", "_input_failed", "_sha256"}  # fmt: skip
    assert wanted <= set(engine.__all__)
    assert [name for name in engine.__all__ if not hasattr(engine, name)] == []


def test_a_bug_in_grouping_submissions_is_an_internal_error_not_a_traceback(folder, monkeypatch):
    import perfcli
    from perfcli import submissions

    def broken(*args, **kwargs):
        raise RuntimeError("grouping boom")

    monkeypatch.setattr(submissions, "group", broken)
    report = perfcli.check([str(folder)], jobs=1)
    assert any("grouping boom" in e for e in report.internal_errors)
    assert report.exit_code() == 2 and report.submissions == []
    # The files themselves were checked: none is marked failed for a bug that is not theirs.
    assert all(f.internal_error is None and f.status == "checked" for f in report.files)
