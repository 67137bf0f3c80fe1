"""samples/目标监控自评 (issue 4, "Done when"): committed = built; the consistent folder gives no
finding at all; the changed one exactly the seeded X001 and X002, at cells of the later form."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import perfcli
from perfcli.io.reader import read_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import samples_chain  # noqa: E402

SAMPLES = ROOT / "samples" / samples_chain.FOLDER


def _cells(path: Path) -> list[dict[tuple[int, int], object]]:
    return [{k: c.value for k, c in s.cells.items()} for s in read_workbook(path).sheets]


def test_committed_chain_samples_are_what_the_script_builds(tmp_path):
    built = samples_chain.build(tmp_path)
    names = {p.relative_to(tmp_path / samples_chain.FOLDER) for p in built}
    committed = {p.relative_to(SAMPLES) for p in SAMPLES.rglob("*.xlsx")}
    assert names == committed, "run scripts/make_samples.py"
    for name in names:
        assert _cells(tmp_path / samples_chain.FOLDER / name) == _cells(SAMPLES / name), name


def test_consistent_folder_has_no_finding_at_all():
    report = perfcli.check(str(SAMPLES / "一致"))
    assert report.internal_errors == []
    assert [(f.code, f.file, f.cell, f.message) for f in report.findings] == []
    (sub,) = report.submissions
    assert sub.department == "示例县民政局" and sub.year == 2023
    assert sub.kinds() == {"target_project", "monitor_project", "selfeval_project"}


def test_changed_folder_shows_exactly_the_seeded_changes():
    monitor, later = samples_chain.changed_monitor(), samples_chain.changed_selfeval()
    lowered = samples_chain.CHANGED_TARGET[1]
    # The dropped 可持续影响指标 belongs under 效益指标: its remaining row is where it is missed.
    nearest = f"D{later.find('高龄老人基本生活保障覆盖率')[1:]}"
    report = perfcli.check(str(SAMPLES / "有变化"))
    assert report.internal_errors == []
    found = sorted((f.code, Path(f.file).name, f.sheet, f.cell) for f in report.findings)
    assert found == [
        ("X001", "2_绩效运行监控表.xlsx", monitor.sheet, f"E{monitor.find(lowered)[1:]}"),
        ("X001", "3_绩效自评表.xlsx", later.sheet, f"E{later.find(lowered)[1:]}"),
        ("X002", "3_绩效自评表.xlsx", later.sheet, nearest),
    ]
    for finding in report.findings:
        assert "1_绩效目标申报表.xlsx" in finding.message and finding.hint
        if finding.code == "X001":
            assert "≥1000人" in finding.message and "≥1050人" in finding.message
            assert "-50人" in finding.message
        else:
            assert samples_chain.DROPPED in finding.message and "≥3年" in finding.message
    kinds = sorted(f.form_kind or "" for f in report.findings)
    assert kinds == ["monitor_project", "selfeval_project", "selfeval_project"]


@pytest.mark.parametrize("folder", ["一致", "有变化"])
def test_chain_folders_are_one_submission_each(folder):
    report = perfcli.check(str(SAMPLES / folder))
    assert [s.name for s in report.submissions] == ["示例县民政局_2023"]
