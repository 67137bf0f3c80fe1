"""绩效自评报告 (.docx) → ``SelfEvalReport``: headings, sections and the figures it quotes.

A .docx is a zip of XML parts, so it is looked at like a workbook before any parser touches it:
its size on disk, the zip's declared sizes and ratios, encrypted members and compression methods
(``preflight.check_zip``), member names (no absolute or ``..`` paths, no two names differing only
in case), and every XML part streamed through defusedxml (entity tricks are E004). Only then does
python-docx open it. Failures become E001 (broken or not a Word document), E002 (encrypted) or
E004 (over a limit); an old binary ``.doc`` or a PDF is E003 before it gets here (engine).

Places in a report (see ``model_package``): body paragraph N is ``正文`` / ``第N段``; the cell in
row R, column C of the N-th table is ``表格N`` / ``第R行第C列``.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from perfcli.forms import vocab
from perfcli.forms.model import Located
from perfcli.forms.model_package import BODY, DocPlace, Heading, SelfEvalReport
from perfcli.forms.normalize import squash
from perfcli.forms.report_figures import figures_in
from perfcli.forms.summary import department_in_title
from perfcli.io.errors import InputError, encrypted, over_limit, unreadable
from perfcli.io.limits import DEFAULT_LIMITS, Limits
from perfcli.io.preflight import check_xml_member, check_zip, is_encrypted_ooxml, sniff

# python-docx loads a part whole; past this size a report's XML is not plausible.
MAX_PART_BYTES = 64 * 1024 * 1024
_HEADING_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+(?:部分|章|节)"
    r"|\d{1,2}(?:[、．]|\.(?!\d)))"
)
_HEADING_MAX = 40  # characters of a heading (a longer numbered paragraph is text with a lead-in)
_YEAR = re.compile(r"(20\d{2})\s*年")
_WHAT_IT_IS = {
    "empty": ("文件为空（0 字节）", "the file is empty (0 bytes)"),
    "pdf": ("文件实际是 PDF 而不是 Word 文档", "the file is a PDF, not a Word document"),
    "html": (
        "文件实际是网页（HTML）而不是 Word 文档",
        "the file is an HTML page, not a Word document",
    ),
    "text": ("文件实际是纯文本而不是 Word 文档", "the file is plain text, not a Word document"),
    "binary": ("文件内容无法识别为 Word 文档，可能已损坏", "unrecognised binary content"),
}


def check_report_file(path: str, display: str, settings: Any) -> Any:
    """Check one .docx report end to end (engine.SPECIAL_CHECKERS): a ``FileResult``."""
    from perfcli import engine
    from perfcli.rules.base import Context
    from perfcli.rules.input import E003

    result = engine.FileResult(path=display)
    ctx = Context(file=display, profile=settings.profile)
    result.sha256 = engine._sha256(path)
    try:
        paragraphs = read_docx(path, settings.limits)
    except InputError as exc:
        return engine._input_failed(result, ctx, exc, settings, variant="document")
    form = locate_report(paragraphs, Path(display).name)
    if form is None:
        result.status = "skipped"
        finding = ctx.report(E003, detail="Word 文档中没有绩效自评报告的标题或内容")
        finding.message_en = E003.render(
            "default",
            {"detail": "the Word document has no self-evaluation report title or text"},
            "en",
        )
    else:
        engine.run_form_rules(result, ctx, [form], settings, None)
    result.findings = engine._filtered(ctx.findings, settings)
    return result


# --- reading -------------------------------------------------------------------------------------


def read_docx(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> list[DocPlace]:
    """The text of a .docx, paragraph by paragraph and table cell by table cell, in order.

    Raises ``InputError`` (E001/E002/E004) for a file that is not a safe, readable Word document.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise unreadable(f"文件无法打开（{exc.strerror or exc}）", f"cannot open: {exc}") from None
    if size > limits.max_file_bytes:
        raise over_limit(
            f"文件大小 {size / 1048576:.0f} MB 超过上限 {limits.max_file_bytes / 1048576:.0f} MB",
            f"file size {size} bytes over the limit",
        )
    kind = sniff(head)
    if kind == "cfb":
        if is_encrypted_ooxml(head, p):
            raise encrypted()
        raise unreadable(
            "文件实际是旧版 Word（.doc）格式，请用 Word 或 WPS 另存为 .docx",
            "an old binary .doc renamed to .docx",
        )
    if kind != "zip":
        zh, en = _WHAT_IT_IS.get(kind, _WHAT_IT_IS["binary"])
        raise unreadable(zh, en)
    with check_zip(p, limits) as zf:
        _check_members(zf)
    return _paragraphs(p)


def _check_members(zf: Any) -> None:
    names: list[str] = zf.namelist()
    lowered: set[str] = set()
    for name in names:
        normal = posixpath.normpath(name)
        if name.startswith(("/", "\\")) or normal.startswith("..") or ":" in name.split("/")[0]:
            raise unreadable(
                f"压缩包成员路径异常（{name[:60]}）", f"suspicious member name {name!r}"
            )
        if name.lower() in lowered:
            raise unreadable(
                f"压缩包中有多个仅大小写不同的 {name[:60]}，结构可疑", f"ambiguous members {name!r}"
            )
        lowered.add(name.lower())
    if "word/document.xml" not in lowered:
        raise unreadable(
            "不是 Word 文档（压缩包中没有 word/document.xml）",
            "not a Word document (no document.xml)",
        )
    for info in zf.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        if info.file_size > MAX_PART_BYTES:
            raise over_limit(
                f"文档部件 {info.filename} 过大（{info.file_size // 1048576} MB）",
                f"{info.filename} too large",
            )
        check_xml_member(zf, info.filename, f"文档部件 {info.filename}")


def _paragraphs(path: Path) -> list[DocPlace]:
    import docx

    try:
        document = docx.Document(str(path))
        return _walk(document)
    except MemoryError:
        raise over_limit("文档过大，超出内存限制", "the document exhausts memory") from None
    except Exception as exc:
        # python-docx fails in many ways on a malformed but safe package (missing parts, bad
        # relationships, odd XML): each is a problem of the input file, never of perfcli.
        raise unreadable(
            f"Word 文档结构损坏，无法读取（{type(exc).__name__}）", f"broken Word document ({exc})"
        ) from None


def _walk(document: Any) -> list[DocPlace]:
    out: list[DocPlace] = []
    paragraph_no = 0
    table_no = 0
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            table_no += 1
            out.extend(_table(block, table_no))
            continue
        paragraph_no += 1
        style = ""
        try:
            style = str(block.style.name or "") if block.style is not None else ""
        except (KeyError, AttributeError, ValueError):
            style = ""
        text = block.text or ""
        out.append(
            DocPlace(BODY, f"第{paragraph_no}段", paragraph_no, text, _is_heading_style(style))
        )
    return out


def _table(table: Any, number: int) -> list[DocPlace]:
    out: list[DocPlace] = []
    for r, row in enumerate(table.rows, start=1):
        seen: set[int] = set()
        for c, cell in enumerate(row.cells, start=1):
            if id(cell._tc) in seen:
                continue  # a merged cell is listed once per column it spans
            seen.add(id(cell._tc))
            text = cell.text or ""
            if text.strip():
                out.append(DocPlace(f"表格{number}", f"第{r}行第{c}列", r, text))
    return out


def _is_heading_style(style: str) -> bool:
    return style.startswith(("Heading", "Title", "标题", "heading", "title"))


# --- the model -----------------------------------------------------------------------------------


def locate_report(places: list[DocPlace], file_name: str = "") -> SelfEvalReport | None:
    """The report model of a document's text, or None when it is not a self-evaluation report."""
    body = [p for p in places if p.is_body]
    texts = [p for p in body if p.text.strip()]
    marks = tuple(squash(m) for m in vocab.vocabulary()["report"]["marks"])
    head = "".join(squash(p.text) for p in texts[:30])
    if not any(m in head for m in marks) and not any(m in squash(file_name) for m in marks):
        return None
    title = _title(texts)
    last = max((p.row for p in body), default=1) - 1
    form = SelfEvalReport(
        kind="selfeval_report", sheet=BODY, first_row=0, last_row=max(last, 0),
        title=_located(title) if title is not None else None, file_name=file_name,
    )  # fmt: skip
    form.paragraphs = list(places)
    _read_year_and_department(form, texts, title)
    form.headings = [h for p in places if p.is_body for h in [_heading(p)] if h is not None]
    for place in form.paragraphs:
        if title is not None and place.row == title.row and place.is_body:
            continue  # the title names the report, it quotes no figure
        form.figures.extend(figures_in(place.text, place))
    grades = form.figures_of("grade")
    form.grade_word = grades[0].word if grades else ""
    return form


def _located(place: DocPlace) -> Located:
    return Located(place.text.strip(), BODY, place.row - 1, 0)


def _title(texts: list[DocPlace]) -> DocPlace | None:
    """The report's title: the first of its opening paragraphs that names a report."""
    for place in texts[:8]:
        t = squash(place.text)
        if "报告" in t and len(t) <= 80:
            return place
    return texts[0] if texts else None


def _read_year_and_department(
    form: SelfEvalReport, texts: list[DocPlace], title: DocPlace | None
) -> None:
    opening = ([title] if title is not None else []) + [p for p in texts[:6] if p is not title]
    for place in opening:
        m = _YEAR.search(squash(place.text))
        if m:
            form.year, form.year_cell = int(m.group(1)), _located(place)
            break
    if title is not None:
        name = department_in_title(title.text)
        if name:
            form.department = Located(name, BODY, title.row - 1, 0)
            return
    labels = sorted(vocab.vocabulary()["report"]["department"], key=len, reverse=True)
    pattern = re.compile(
        rf"(?:{'|'.join(map(re.escape, labels))})(?:\((?:盖章|公章)\))?:(?P<v>[^:,，;；。]+?)(?:日期|$|,|，|。)"
    )
    for place in texts[:10]:
        m = pattern.search(squash(place.text))
        if m and len(m.group("v")) >= 2:
            form.department = Located(m.group("v"), BODY, place.row - 1, 0)
            return


def _heading(place: DocPlace) -> Heading | None:
    """The heading a paragraph is (by style or by its numbering), with the sections it covers."""
    by_style = place.heading_style
    text = squash(place.text)
    if not text:
        return None
    lead = re.split(r"[。:]", text, maxsplit=1)[0]
    if not by_style and (not _HEADING_NUMBER.match(lead) or len(lead) > _HEADING_MAX):
        return None
    sections = vocab.vocabulary()["report"]["sections"]
    keys = tuple(k for k, phrases in sections.items() if any(squash(p) in lead for p in phrases))
    return Heading(place, lead, keys)
