"""samples/自评包 and samples/自评包_有误: current, clean where they say so, faulty where seeded."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from perfcli.api import run_check
from perfcli.io.reader import read_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import samples_package  # noqa: E402

SAMPLES = ROOT / "samples"
CLEAN = SAMPLES / samples_package.CLEAN
FAULTY = SAMPLES / samples_package.FAULTY
# sample_data adjusts three projects' budgets during the year: A006 notes them (info), as it
# should for any real package; nothing else may be reported on the clean packages.
ADJUSTED = {
    "项目支出绩效自评表_51000023R000000000101_义务教育学校运转保障经费.xlsx",
    "项目支出绩效自评表_51000023R000000000103_教师培训国培计划配套资金.xlsx",
    "项目支出绩效自评表_51000023R000000000201_城乡居民最低生活保障.xlsx",
    "部门整体支出绩效自评表.xlsx",  # each department's total moves with its projects' adjustments
}


def _cells(path: Path) -> list[dict[tuple[int, int], object]]:
    return [{k: c.value for k, c in s.cells.items()} for s in read_workbook(path).sheets]


def _text(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_committed_samples_are_what_the_script_builds(tmp_path):
    built = samples_package.build(tmp_path)
    relative = {p.relative_to(tmp_path) for p in built}
    committed = {
        p.relative_to(SAMPLES) for top in (CLEAN, FAULTY) for p in top.rglob("*") if p.is_file()
    }
    assert relative == committed, "run scripts/samples_package.py"
    for rel in relative:
        fresh, kept = tmp_path / rel, SAMPLES / rel
        if rel.suffix == ".docx":
            assert _text(fresh) == _text(kept), f"{rel} is stale"
        else:
            assert _cells(fresh) == _cells(kept), f"{rel} is stale"


@pytest.mark.parametrize("department", ["示例县教育局", "示例县民政局"])
def test_clean_package_is_complete_and_has_no_findings(department):
    folder = CLEAN / department
    report = run_check([folder])
    assert report.internal_errors == []
    kinds = sorted(p.form.kind for s in report.submissions for p in s.forms)
    projects = kinds.count("selfeval_project")
    assert projects >= 3
    assert kinds == sorted(
        ["selfeval_report", "selfeval_dept", "selfeval_summary"] + ["selfeval_project"] * projects
    )
    assert len(report.submissions) == 1 and report.submissions[0].year == 2023
    noted = [(f.code, Path(f.file).name) for f in report.findings]
    assert all(code == "A006" and name in ADJUSTED for code, name in noted), noted


def test_faulty_package_shows_exactly_its_seeded_faults():
    report = run_check([FAULTY])
    assert report.internal_errors == []
    found = sorted((f.code, Path(f.file).name, f.cell) for f in report.findings if f.code != "A006")
    assert found == [
        ("X003", "项目支出绩效自评情况汇总表.xlsx", "I6"),  # 农村学生营养改善计划: 95.56 vs 99.56
        ("X004", "项目支出绩效自评情况汇总表.xlsx", "C8"),  # 学前教育幼儿资助: no project table
        ("X007", "自评报告.docx", "第8段"),  # 自评得分95分 vs 99.92
    ]
    by_code = {f.code: f for f in report.findings}
    assert "95.56" in by_code["X003"].message and "99.56" in by_code["X003"].message
    assert "学前教育幼儿资助" in by_code["X004"].message
    assert "95分" in by_code["X007"].message and "99.92" in by_code["X007"].message
