"""The same cells give the same bytes: workbooks, the sample report and the sample bad files carry
``gridbook.FIXED_TIME`` instead of "now", so regenerating samples/ leaves git status clean."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from gridbook import FIXED_TIME, fix_zip_times, write_workbook

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import make_samples  # noqa: E402

GRID = [["项目名称", "路灯维护"], ["指标值", "≥95%"]]
STAMP = FIXED_TIME.timetuple()[:6]
SAMPLES = ROOT / "samples"


def _times(path: Path) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(path) as zf:
        return {info.date_time for info in zf.infolist()}


def _core(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("docProps/core.xml").decode("utf-8")


def test_xlsx_is_created_at_the_fixed_time(tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", GRID)
    assert "2024-01-01T00:00:00Z" in _core(path)
    assert write_workbook(tmp_path / "b.xlsx", GRID).read_bytes() == path.read_bytes()


def test_ods_members_are_dated_the_fixed_time(tmp_path):
    pytest.importorskip("odf")
    path = write_workbook(tmp_path / "a.ods", GRID, fmt="ods")
    assert _times(path) == {STAMP}
    with zipfile.ZipFile(path) as zf:  # mimetype stays first and stored, as ODF requires
        first = zf.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)


def test_fix_zip_times_keeps_the_contents(tmp_path):
    path = tmp_path / "z.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("b.txt", "二")  # stamped with the time of writing
        zf.writestr("a.txt", "一")
    assert _times(path) != {STAMP}
    fix_zip_times(path)
    assert _times(path) == {STAMP}
    with zipfile.ZipFile(path) as zf:
        assert [(i.filename, zf.read(i).decode()) for i in zf.infolist()] == [
            ("b.txt", "二"),
            ("a.txt", "一"),
        ]
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_DEFLATED}


def test_bad_files_are_built_the_same_twice(tmp_path):
    """The encrypted sample: msoffcrypto's random salts and "now" are pinned while it writes."""
    first = {p.name: p.read_bytes() for p in make_samples.build_bad(tmp_path / "one")}
    second = {p.name: p.read_bytes() for p in make_samples.build_bad(tmp_path / "two")}
    assert first == second
    assert _times(tmp_path / "one" / "异常使用范围.xlsx") == {STAMP}


def test_encryption_still_uses_real_randomness_outside_the_samples():
    """The pinning is undone afterwards: two encryptions in a row outside it differ."""
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    data = (SAMPLES / "自评表" / "中央附件1_正确.xlsx").read_bytes()
    outs = []
    for _ in range(2):
        dst = io.BytesIO()
        OOXMLFile(io.BytesIO(data)).encrypt("123456", dst)
        outs.append(dst.getvalue())
    assert make_samples._encrypt(data, "123456") == make_samples._encrypt(data, "123456")
    assert outs[0] != outs[1]


@pytest.mark.parametrize(
    "path", sorted(SAMPLES.rglob("*.docx")), ids=lambda p: str(p.relative_to(SAMPLES))
)
def test_sample_reports_are_dated_the_fixed_time(path):
    core = _core(path)
    assert "2024-01-01T00:00:00Z" in core and _times(path) == {STAMP}
