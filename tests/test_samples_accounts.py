"""samples/决算: committed = built; it reconciles with the sample packages; the faulty copy yields
exactly its seeded R findings (scripts/samples_accounts.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from accounts_builders import CIVIL, EDUCATION, dept_table, project_table, r_codes, reconcile_run
from gridbook import write_workbook

import perfcli
from perfcli.io.reader import read_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import samples_accounts  # noqa: E402

ACCOUNTS = ROOT / "samples" / "决算"
CLEAN = ACCOUNTS / "决算_两部门.xlsx"
FAULTY = ACCOUNTS / "有误" / "决算_两部门_有误.xlsx"
PACKAGES = ROOT / "samples" / "自评包"
SEEDED = ["R001", "R002", "R003", "R005", "R006", "R008"]


def _cells(path: Path) -> list[dict[tuple[int, int], object]]:
    return [{k: c.value for k, c in s.cells.items()} for s in read_workbook(path).sheets]


def test_committed_accounts_samples_are_what_the_script_builds(tmp_path):
    built = samples_accounts.build(tmp_path)
    names = sorted(str(p.relative_to(tmp_path / "决算")) for p in built)
    assert names == sorted(str(p.relative_to(ACCOUNTS)) for p in ACCOUNTS.rglob("*.xlsx"))
    for path in built:
        committed = ACCOUNTS / path.relative_to(tmp_path / "决算")
        assert _cells(path) == _cells(committed), (
            f"{committed} is stale: run scripts/make_samples.py"
        )


# --- against packages built here from the same sample data --------------------------------------


@pytest.fixture
def packages(tmp_path):
    files, extra = [], []
    for dept in (EDUCATION, CIVIL):
        for i, p in enumerate(dept.projects):
            form = project_table(p, dept.name)
            files.append(
                write_workbook(
                    tmp_path / dept.name / f"项目{i + 1}.xlsx",
                    form.sheets(),
                    merges=form.merge_map(),
                )
            )
        extra.append((str(tmp_path / dept.name / "部门整体支出绩效自评表.xlsx"), dept_table(dept)))
    return files, extra


def test_clean_accounts_reconcile_with_packages_built_from_the_sample_data(packages):
    files, extra = packages
    assert r_codes(reconcile_run(files, [CLEAN], extra=extra)) == []


def test_faulty_accounts_give_the_seeded_findings(packages):
    files, extra = packages
    found = r_codes(reconcile_run(files, [FAULTY], extra=extra))
    assert found == [("R001", "C12"), ("R002", "B3"), ("R003", "E6"), ("R005", "E6"), ("R006", "E7"),
                     ("R008", "B3")]  # fmt: skip


# --- against the committed sample packages (samples/自评包, built by scripts/samples_package.py) ---

needs_packages = pytest.mark.skipif(
    not PACKAGES.is_dir(), reason="samples/自评包 is not built yet (scripts/samples_package.py)"
)


@needs_packages
def test_sample_packages_reconcile_with_the_clean_accounts():
    report = perfcli.check([PACKAGES], accounts=[CLEAN])
    assert report.internal_errors == []
    bad = [(f.code, f.file, f.cell, f.message) for f in report.findings
           if f.code.startswith("R") or f.severity == "error"]  # fmt: skip
    assert bad == []
    assert all(sub.accounts for sub in report.submissions)


@needs_packages
def test_sample_packages_against_the_faulty_accounts_show_exactly_the_seeded_codes():
    report = perfcli.check([PACKAGES], accounts=[FAULTY])
    found = sorted(f.code for f in report.findings if f.code.startswith("R"))
    assert found == SEEDED


@pytest.mark.parametrize("role", ["accounts", "form"])
def test_the_clean_accounts_sample_has_no_finding(role):
    from perfcli.engine import Settings, check_file

    result = check_file(str(CLEAN), CLEAN.name, Settings(), role=role)
    assert result.status == "checked" and [f.kind for f in result.forms] == ["accounts"]
    assert [(f.code, f.cell, f.message) for f in result.findings] == []
