"""samples/监控表: current with scripts/samples_monitor.py, clean where it says so, faulty where seeded."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from perfcli.engine import Settings, check_file
from perfcli.io.reader import read_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import samples_monitor  # noqa: E402

FOLDER = ROOT / "samples" / "监控表"

# Each faulty sample and the findings (code, cell) its seeded defects must produce — no more.
FAULTY = {
    "项目_136号监控表_有误": [("M001", "F6"), ("M003", "H13"), ("M006", "G6"), ("M006", "G7"), ("Q004", "E14")],
    "项目_1-6月勾选式_有误": [("M002", "F5"), ("M004", "N11"), ("M005", "G12")],
    "部门整体_1-8月_有误": [("M001", "F6"), ("M003", "H12"), ("M004", "M10")],
    "项目_一体化导出多项目_有误": [("M001", "F10"), ("M003", "P10"), ("M006", "G15")],
}  # fmt: skip
# The project each finding of a multi-project sample names, by its cell.
PROJECTS = {
    "项目_一体化导出多项目_有误": {"F10": "困难群众临时救助", "P10": "困难群众临时救助", "G15": "殡葬设施改造"},
}  # fmt: skip


def _cells(path: Path) -> list[dict[tuple[int, int], object]]:
    return [{k: c.value for k, c in s.cells.items()} for s in read_workbook(path).sheets]


def test_committed_samples_are_what_the_script_builds(tmp_path):
    built = samples_monitor.build(tmp_path)
    names = {p.name for p in built}
    assert names == {p.name for p in FOLDER.glob("*.xlsx")}, "run scripts/make_samples.py"
    for name in names:
        built_path = tmp_path / samples_monitor.FOLDER / name
        assert _cells(built_path) == _cells(FOLDER / name), f"{name} is stale"


@pytest.mark.parametrize("path", sorted(FOLDER.glob("*_正确.xlsx")), ids=lambda p: p.stem)
def test_clean_samples_have_no_findings(path):
    result = check_file(str(path), path.name, Settings())
    kinds = {f.kind for f in result.forms}
    assert result.status == "checked" and kinds in ({"monitor_project"}, {"monitor_dept"})
    assert len(result.forms) == (3 if "多项目" in path.stem else 1)
    assert [(f.code, f.cell, f.message) for f in result.findings] == []


@pytest.mark.parametrize("stem", sorted(FAULTY))
def test_faulty_samples_show_their_seeded_defects(stem):
    path = FOLDER / f"{stem}.xlsx"
    result = check_file(str(path), path.name, Settings())
    assert sorted((f.code, f.cell) for f in result.findings) == sorted(FAULTY[stem])
    for finding in result.findings:
        assert (
            finding.message
            and finding.hint
            and finding.form_kind in ("monitor_project", "monitor_dept")
        )


@pytest.mark.parametrize("stem", sorted(PROJECTS))
def test_multi_project_findings_name_their_project(stem):
    path = FOLDER / f"{stem}.xlsx"
    result = check_file(str(path), path.name, Settings())
    assert {f.cell: f.project for f in result.findings} == PROJECTS[stem]


def test_every_m_rule_is_seeded_somewhere():
    seeded = {code for found in FAULTY.values() for code, _ in found}
    assert {"M001", "M002", "M003", "M004", "M005", "M006", "Q004"} <= seeded
