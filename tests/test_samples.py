"""samples/ is what `make demo` shows: it must be current, clean where it says so, faulty where seeded."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from perfcli.engine import Settings, check_file
from perfcli.io.reader import read_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_samples  # noqa: E402

FORMS = ROOT / "samples" / "自评表"
BAD = ROOT / "samples" / "问题文件"
TARGETS = ROOT / "samples" / "目标表"

# Each faulty sample and the findings (code, cell) its seeded defects must produce — no more.
FAULTY = {
    "中央附件1_有误": [("A002", "G6"), ("A003", "H6"), ("A004", "G6"), ("A010", "H20"), ("A012", "H14"),
                     ("A013", "F17"), ("A014", "I14"), ("Q004", "E13")],
    "云南20-80_有误": [("A004", "D6"), ("A010", "G13"), ("A015", "F8")],
    "北京2016_有误": [("A009", "I13"), ("A011", "J17")],
    "四川_有误": [("A003", "H9"), ("A012", "J15"), ("A018", "J21"), ("S003", "G6")],
    "安徽_有误": [("A012", "H15"), ("A014", "I15"), ("A019", "G7")],
    "河北_有误": [("A020", "L11"), ("A020", "L12"), ("A020", "L13"), ("A020", "L14")],
}  # fmt: skip
BAD_FILES = {"空文件.xlsx": "E001", "系统导出_网页.xls": "E001", "下载中断.xlsx": "E001",
             "设置了密码.xlsx": "E002", "异常使用范围.xlsx": "E004", "说明.pdf": "E003"}  # fmt: skip


def _cells(path: Path) -> list[dict[tuple[int, int], object]]:
    return [{k: c.value for k, c in s.cells.items()} for s in read_workbook(path).sheets]


def test_committed_samples_are_what_the_script_builds(tmp_path):
    built = make_samples.build(tmp_path / "forms", tmp_path / "bad", tmp_path / "targets")
    for sub, committed in (("forms", FORMS), ("targets", TARGETS)):
        names = {p.name for p in built if p.parent == tmp_path / sub}
        assert names == {p.name for p in committed.glob("*.xlsx")}, "run scripts/make_samples.py"
        for name in names:
            assert _cells(tmp_path / sub / name) == _cells(committed / name), f"{name} is stale"
    assert {p.name for p in BAD.iterdir()} == set(BAD_FILES)


@pytest.mark.parametrize("path", sorted(FORMS.glob("*_正确.xlsx")), ids=lambda p: p.stem)
def test_clean_samples_have_no_findings(path):
    result = check_file(str(path), path.name, Settings())
    assert result.status == "checked" and result.forms
    assert [(f.code, f.cell, f.message) for f in result.findings] == []


@pytest.mark.parametrize("stem", sorted(FAULTY))
def test_faulty_samples_show_their_seeded_defects(stem):
    path = FORMS / f"{stem}.xlsx"
    result = check_file(str(path), path.name, Settings())
    assert sorted((f.code, f.cell) for f in result.findings) == sorted(FAULTY[stem])
    for finding in result.findings:
        assert finding.sheet == "Sheet1" and finding.message and finding.hint


@pytest.mark.parametrize(("name", "code"), sorted(BAD_FILES.items()))
def test_bad_samples_give_their_e_finding(name, code):
    result = check_file(str(BAD / name), name, Settings())
    assert [f.code for f in result.findings] == [code]


# Seeded defects of the faulty target samples (errors and warnings; info findings are not listed).
FAULTY_TARGETS = {
    "项目_88号申报表_有误": [("A001", "E6"), ("Q004", "E20"), ("Q008", "E16")],
    "部门_88号申报表_有误": [("A001", "E9"), ("A001", "F9"), ("Q004", "G14")],
}


@pytest.mark.parametrize("path", sorted(TARGETS.glob("*_正确.xlsx")), ids=lambda p: p.stem)
def test_clean_target_samples_have_no_errors_or_warnings(path):
    result = check_file(str(path), path.name, Settings())
    assert result.status == "checked" and result.forms
    assert [(f.code, f.cell, f.message) for f in result.findings if f.severity != "info"] == []


@pytest.mark.parametrize("stem", sorted(FAULTY_TARGETS))
def test_faulty_target_samples_show_their_seeded_defects(stem):
    path = TARGETS / f"{stem}.xlsx"
    result = check_file(str(path), path.name, Settings())
    found = [(f.code, f.cell) for f in result.findings if f.severity != "info"]
    assert sorted(found) == sorted(FAULTY_TARGETS[stem])
