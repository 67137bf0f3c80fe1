"""E — files that cannot be checked, through the pipeline (reader details: tests/test_io_*.py)."""

from __future__ import annotations

from layouts import central

from perfcli.engine import Settings, check_file


def _check(path):
    return check_file(str(path), path.name, Settings())


def test_E005_workbook_without_a_form(book):
    path = book({"名单": [["姓名", "电话"], ["张三", "123"]], "备注": [["见附件"]]}, name="x.xlsx")
    result = _check(path)
    assert result.status == "failed"
    (finding,) = result.findings
    assert finding.code == "E005" and finding.severity == "error"
    assert "2 个工作表" in finding.message and "名单" in finding.message and finding.hint


def test_E005_E003_silent_on_a_form(book):
    form = central()
    result = _check(book(form.sheets(), merges=form.merge_map()))
    assert not [f for f in result.findings if f.code.startswith("E")]


def test_E003_not_a_workbook_and_office_lock_file(tmp_path):
    for name in ("扫描件.jpg", "~$自评表.xlsx"):
        path = tmp_path / name
        path.write_bytes(b"\xff\xd8\xff" if name.endswith("jpg") else b"lock")
        (finding,) = _check(path).findings
        assert finding.code == "E003" and finding.severity == "info"


def test_E003_says_why_in_both_languages(tmp_path):
    """The reason a file was skipped is in the message's own language (not 扩展名 in English)."""
    (tmp_path / "扫描件.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "~$自评表.xlsx").write_bytes(b"lock")
    (pdf,) = _check(tmp_path / "扫描件.pdf").findings
    assert "扩展名 .pdf" in pdf.message and "extension .pdf" in pdf.message_en
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in pdf.message_en)
    (lock,) = _check(tmp_path / "~$自评表.xlsx").findings
    assert "Office 临时文件" in lock.message and "Office temporary file" in lock.message_en


def test_E001_carries_the_readers_reason_in_both_languages(tmp_path):
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    (finding,) = _check(empty).findings
    assert finding.code == "E001" and "空" in finding.message and "empty" in finding.message_en
