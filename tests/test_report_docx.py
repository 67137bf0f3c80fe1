"""The 自评报告 (.docx): figures read from Chinese sentences, sections, and hostile files."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hostile import write_zip_raw, zip_bomb_xlsx
from layouts_package import report_paragraphs, write_report
from sample_data import CIVIL_AFFAIRS

from perfcli.engine import Settings, check_file
from perfcli.forms.report import locate_report, read_docx
from perfcli.forms.report_figures import figures_in
from perfcli.io.errors import InputError

D = Decimal


def only_figure(text: str, kind: str):
    found = [f for f in figures_in(text) if f.kind == kind and not f.subset]
    assert len(found) == 1, (text, [(f.kind, f.value, f.word, f.subset) for f in figures_in(text)])
    return found[0]


# --- figures: at least five phrasings of each ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("自评得分96分，等级为优。", "96", 0),
        ("综合评分为 96.5 分。", "96.5", 1),
        ("部门整体支出绩效自评总得分为95.50分。", "95.50", 2),
        ("经综合评价，该部门自评得分：９８分。", "98", 0),
        ("绩效自评结果为96分，评定为优秀等次。", "96", 0),
        ("一、自评得分情况：综合得分97分。", "97", 0),
    ],
)
def test_score_phrasings(text, value, decimals):
    figure = only_figure(text, "score")
    assert (figure.value, figure.decimals, figure.unit) == (D(value), decimals, "分")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("自评得分96分，等级为优。", "优"),
        ("评价等级：优秀。", "优秀"),
        ("自评得分100分，自评结果为'优秀'。", "优秀"),
        ("经评定为“良”。", "良"),
        ("项目绩效评价结论为良好。", "良好"),
        ("综合评价为优秀等次。", "优秀"),
        ("自评等级评定为中等。", "中"),
    ],
)
def test_grade_phrasings(text, word):
    assert only_figure(text, "grade").word == word


@pytest.mark.parametrize(
    "text",
    [
        "等级划分为优、良、中、差四档。",
        "被评为中央预算内投资先进单位。",
        "评价等级分为优秀、良好。",
    ],
)
def test_grade_words_that_are_not_a_grade(text):
    assert [f for f in figures_in(text) if f.kind == "grade"] == []


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("预算执行率100%。", "100", 0),
        ("执行率为98.62%。", "98.62", 2),
        ("资金执行率达到99.5%。", "99.5", 1),
        ("全年预算执行率：97.80％。", "97.80", 2),
        ("部门整体支出执行率为 96 %。", "96", 0),
        ("支出进度达到100.00%。", "100.00", 2),
    ],
)
def test_rate_phrasings(text, value, decimals):
    figure = only_figure(text, "rate")
    assert (figure.value, figure.decimals) == (D(value), decimals)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("实施项目共15个。", 15),
        ("共涉及15个项目。", 15),
        ("对十五个项目开展了绩效自评。", 15),
        ("本年度纳入自评的项目总数为12个。", 12),
        ("我局共计二十三个项目全部开展自评。", 23),
        ("项目数量：8个。", 8),
    ],
)
def test_count_phrasings(text, value):
    figure = only_figure(text, "count")
    assert figure.value == value and figure.scope == "projects"


@pytest.mark.parametrize(
    "text",
    ["其中优秀项目12个，良好项目3个。", "年初批复预算8个项目985万元。", "其中12个项目评为优。"],
)
def test_counts_that_are_a_part_are_not_compared(text):
    assert [f for f in figures_in(text) if f.kind == "count" and not f.subset] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("资金总额1,234.56万元。", "1234.56", "万元"),
        ("全年预算数1234.56万元，执行数1200万元。", "1234.56", "万元"),
        ("调整后预算数为861.46万元。", "861.46", "万元"),
        ("部门预算总额3,309,840.00元。", "3309840.00", "元"),
        ("全年预算安排资金1.2亿元。", "1.2", "亿元"),
        ("项目资金总额１６.２０万元，已全部拨付使用。", "16.20", "万元"),
    ],
)
def test_budget_phrasings(text, value, unit):
    figure = only_figure(text, "budget")
    assert (figure.value, figure.unit) == (D(value), unit)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全年预算数1234.56万元，执行数1200万元。", "1200"),
        ("资金总额16.20万元，拨付使用16.20万元，预算执行率100%。", "16.20"),
        ("全年执行数为2,450.40万元。", "2450.40"),
        ("实际支出1832.15万元。", "1832.15"),
        ("截至12月31日累计支出98.5万元。", "98.5"),
        ("全年完成支出386.2万元。", "386.2"),
    ],
)
def test_executed_phrasings(text, value):
    assert only_figure(text, "executed").value == D(value)


def test_amounts_take_their_meaning_from_the_nearest_word():
    found = figures_in(
        "收入792.22万元，支出799.12万元，其中人员经费434.89万元、公用经费77.4万元、项目支出286.83万元。"
    )
    kinds = [(f.kind, str(f.value)) for f in found]
    assert kinds == [("other", "792.22"), ("executed", "799.12"), ("other", "434.89"),
                     ("other", "77.4"), ("other", "286.83")]  # fmt: skip


def test_amounts_said_of_the_projects_have_the_projects_scope():
    found = figures_in("实施项目共4个，项目资金全年预算数1318.70万元，执行数1290.76万元。")
    assert {(f.kind, f.scope) for f in found} == {
        ("count", "projects"), ("budget", "projects"), ("executed", "projects"),
    }  # fmt: skip
    dept = figures_in("部门整体支出全年预算数3669.30万元，全年执行数3641.36万元。")
    assert {f.scope for f in dept} == {"dept"}


def test_part_scores_are_not_compared():
    assert all(f.subset for f in figures_in("产出指标得分45分，满意度指标得分9分。"))


# --- the report as a document ---------------------------------------------------------------------


def test_sample_report_is_read_with_places(tmp_path):
    path = write_report(tmp_path / "报告.docx", report_paragraphs(CIVIL_AFFAIRS))
    report = locate_report(read_docx(path), path.name)
    assert report is not None
    assert (report.department.text, report.year) == ("示例县民政局", 2023)
    assert report.sections == {
        "basic",
        "work",
        "conclusion",
        "indicators",
        "problems",
        "suggestions",
    }
    score = report.figures_of("score")[0]
    assert (score.value, score.place.sheet, score.place.cell) == (D("99.96"), "正文", "第8段")


def test_headings_by_numbering_with_other_wording(tmp_path):
    paragraphs = [
        ("body", "某县第一示范小学2023年项目支出绩效自评报告"),
        ("body", "一、自评结论"),
        ("body", "（一）自评得分：自评得分100分，自评结果为“优秀”。"),
        ("body", "（二）绩效目标完成情况"),
        ("body", "1.执行率情况：资金总额16.20万元，预算执行率100%。"),
        ("body", "（三）存在的问题和原因分析"),
        ("body", "（四）下一步拟改进措施及有关建议"),
        ("body", "二、佐证材料"),
        ("body", "（一）项目基本情况"),
        ("body", "（二）自评工作开展情况"),
    ]
    report = locate_report(read_docx(write_report(tmp_path / "r.docx", paragraphs)))
    assert report is not None
    assert report.sections == {
        "basic",
        "work",
        "conclusion",
        "indicators",
        "problems",
        "suggestions",
    }
    assert report.department.text == "某县第一示范小学"


def test_table_cells_are_places(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("示例县教育局2023年度部门整体支出绩效自评报告", 0)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "自评得分"
    table.cell(1, 1).text = "自评得分98分"
    path = tmp_path / "t.docx"
    document.save(str(path))
    report = locate_report(read_docx(path))
    assert report is not None
    place = report.figures_of("score")[0].place
    assert (place.sheet, place.cell) == ("表格1", "第2行第2列")


def test_report_through_the_pipeline(tmp_path):
    path = write_report(tmp_path / "自评报告.docx", report_paragraphs(CIVIL_AFFAIRS))
    result = check_file(str(path), "自评报告.docx", Settings())
    assert result.internal_error is None
    assert [(f.kind, f.department, f.year) for f in result.forms] == [
        ("selfeval_report", "示例县民政局", 2023)
    ]
    assert result.findings == [] and result.sha256


def test_a_word_document_that_is_no_report_is_not_checked(tmp_path):
    path = write_report(tmp_path / "会议通知.docx", [("body", "请各单位于周五下午参加会议。")])
    result = check_file(str(path), "会议通知.docx", Settings())
    assert result.status == "skipped"
    assert [f.code for f in result.findings] == ["E003"]
    (finding,) = result.findings  # the reason in both languages, no Chinese in the English
    assert "绩效自评报告" in finding.message
    assert "self-evaluation report" in finding.message_en and "文档" not in finding.message_en


# --- hostile and broken files: a finding, never a crash -------------------------------------------


def _code(path: Path) -> str:
    result = check_file(str(path), path.name, Settings())
    assert result.internal_error is None, result.internal_error
    assert result.status == "failed"
    return "".join(f.code for f in result.findings)


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    import docx

    document = docx.Document()
    document.add_paragraph("示例县教育局2023年度部门整体支出绩效自评报告")
    document.save(buf)
    return buf.getvalue()


def test_empty_docx(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(b"")
    assert _code(path) == "E001"


def test_truncated_docx(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(_docx_bytes()[:700])
    assert _code(path) == "E001"


def test_a_broken_docx_is_called_a_word_document_not_a_workbook(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(_docx_bytes()[:700])
    (finding,) = check_file(str(path), path.name, Settings()).findings
    assert finding.code == "E001"
    assert "Word 文档" in finding.message and "工作簿" not in finding.message
    assert "Word document" in finding.message_en and "workbook" not in finding.message_en
    assert "压缩结构损坏" in finding.message and "corrupt zip" in finding.message_en  # the reason


def test_a_broken_xlsx_keeps_the_workbook_wording(tmp_path):
    path = tmp_path / "自评表.xlsx"
    path.write_bytes(_docx_bytes()[:700])
    (finding,) = check_file(str(path), path.name, Settings()).findings
    assert finding.code == "E001"
    assert "工作簿" in finding.message and "Word 文档" not in finding.message
    assert "workbook" in finding.message_en and "Word document" not in finding.message_en


@pytest.mark.parametrize(
    "content", [b"%PDF-1.4\n%...", b"<html><body>report</body></html>", "自评报告".encode()]
)
def test_other_files_renamed_to_docx(tmp_path, content):
    path = tmp_path / "报告.docx"
    path.write_bytes(content)
    assert _code(path) == "E001"


def test_old_doc_renamed_to_docx(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    assert _code(path) == "E001"


def test_workbook_renamed_to_docx(tmp_path):
    from hostile import one_cell_xlsx

    assert _code(one_cell_xlsx(tmp_path / "报告.docx")) == "E001"


def test_encrypted_docx(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    dst = io.BytesIO()
    OOXMLFile(io.BytesIO(_docx_bytes())).encrypt("123456", dst)
    path = tmp_path / "报告.docx"
    path.write_bytes(dst.getvalue())
    assert _code(path) == "E002"


def test_zip_bomb_docx(tmp_path):
    path = zip_bomb_xlsx(tmp_path / "报告.docx", inflated=50 * 1024 * 1024)
    assert _code(path) == "E004"


def _with_document(path: Path, document_xml: str, extra: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members["word/document.xml"] = document_xml.encode()
    for name in extra:
        members[name] = b"x"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_billion_laughs_docx(tmp_path):
    lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
    xml = (
        '<?xml version="1.0"?>' + lol + '<w:document xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
    )
    assert _code(_with_document(tmp_path / "报告.docx", xml)) == "E004"


def test_broken_document_xml(tmp_path):
    assert _code(_with_document(tmp_path / "报告.docx", "<w:document><w:body>")) == "E001"


def test_member_path_outside_the_package(tmp_path):
    xml = _docx_bytes()
    with zipfile.ZipFile(io.BytesIO(xml)) as zf:
        members = [(n, zf.read(n)) for n in zf.namelist()]
    raw = [(n, zipfile.crc32(d), len(d), _deflate(d)) for n, d in members]
    raw.append(("../../evil.txt", zipfile.crc32(b"x"), 1, _deflate(b"x")))
    assert _code(write_zip_raw(tmp_path / "报告.docx", raw)) == "E001"


def _deflate(data: bytes) -> bytes:
    import zlib

    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush()


def test_read_docx_raises_only_input_errors(tmp_path):
    data = _docx_bytes()
    for cut in range(0, len(data), max(1, len(data) // 25)):
        path = tmp_path / f"cut{cut}.docx"
        path.write_bytes(data[:cut] + bytes(64) + data[cut + 64 :])
        try:
            read_docx(path)
        except InputError as exc:
            assert exc.code in ("E001", "E002", "E004")


def test_doc_and_pdf_reports_are_not_checked(tmp_path):
    for name in ("自评报告.doc", "自评报告.pdf"):
        path = tmp_path / name
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
        result = check_file(str(path), name, Settings())
        assert [f.code for f in result.findings] == ["E003"]


def test_a_rate_said_of_the_projects():
    assert only_figure("项目资金执行率为97.88%。", "rate").scope == "projects"
    assert only_figure("部门整体预算执行率为99.24%。", "rate").scope == "dept"
