"""E — the file cannot be checked. Reported by the pipeline, not by a check over a model."""

from __future__ import annotations

from perfcli.rules.base import ALL_FORMS, Rule

E001 = Rule(
    code="E001", name="file-unreadable", severity="error", forms=ALL_FORMS,
    title="文件无法读取", title_en="File cannot be read",
    messages={
        "default": "文件无法作为工作簿读取：{detail}",
        "document": "文件无法作为 Word 文档读取：{detail}",
        "csv": "文件无法作为 CSV 表格读取：{detail}",
    },
    messages_en={
        "default": "The file cannot be read as a workbook: {detail}",
        "document": "The file cannot be read as a Word document: {detail}",
        "csv": "The file cannot be read as a CSV table: {detail}",
    },
    hint="请用 Excel、Word 或 WPS 打开确认文件完好，表格另存为 .xlsx、报告另存为 .docx 后重新提交",
    hint_en="Open the file in Excel, Word or WPS to check it is intact, save tables as .xlsx and reports as "
            ".docx, and submit it again",
    what="文件不是其扩展名所示的工作簿或 Word 文档：压缩结构损坏、被截断、空文件，把 HTML/CSV 改名为 .xls/.xlsx，"
         "或把 PDF、旧版 .doc 改名为 .docx。自评报告（.docx）的消息说“Word 文档”而不是“工作簿”。",
    why="无法读取的文件不能审核，若不报告，部门会误以为已通过。",
    bad="系统导出的“伪 xls”（实为 HTML 网页），或下载中断只剩一半的 .xlsx。",
    good="在 Excel 中打开后“另存为” Excel 工作簿（.xlsx）；报告在 Word 中“另存为” Word 文档（.docx）。",
)  # fmt: skip

E002 = Rule(
    code="E002", name="file-encrypted", severity="error", forms=ALL_FORMS,
    title="文件已加密", title_en="File is encrypted",
    messages={"default": "文件设置了打开密码或已加密，无法审核：{detail}"},
    messages_en={"default": "The file is password-protected or encrypted: {detail}"},
    hint="请取消打开密码（文件 → 信息 → 保护工作簿／保护文档 → 用密码进行加密，清空密码）后重新提交",
    hint_en="Remove the open password (File → Info → Protect Workbook / Protect Document → Encrypt with Password)",
    what="工作簿或 Word 报告设置了打开密码（加密），内容无法读取。",
    why="财政部门无法核对加密文件的内容。",
    bad="为防篡改给自评表设置了打开密码。",
    good="提交不加密的文件；如需防篡改，可设置“保护工作表”（不影响读取）。",
)  # fmt: skip

E003 = Rule(
    code="E003", name="file-not-checked", severity="info", forms=ALL_FORMS,
    title="文件未审核", title_en="File not checked",
    messages={"default": "该文件不是可审核的工作簿或报告，已跳过：{detail}"},
    messages_en={"default": "Not a workbook or report perfcli checks; skipped: {detail}"},
    hint="如果它是应审核的表格或报告，请将表格另存为 .xlsx、报告另存为 .docx；否则可忽略",
    hint_en="If this should be checked, save a table as .xlsx or a report as .docx; otherwise ignore this note",
    what="遍历文件夹时遇到的非工作簿/报告文件（.pdf、图片、压缩包、Office 临时文件 ~$x.xlsx 等）。",
    why="让审核人知道哪些文件没有被检查，而不是悄悄略过。",
    bad="把自评表扫描成 PDF 提交。",
    good="提交 Excel 格式的原表。",
)  # fmt: skip

E004 = Rule(
    code="E004", name="resource-limit", severity="error", forms=ALL_FORMS,
    title="文件超出安全限制", title_en="File exceeds a safety limit",
    messages={"default": "文件超出安全限制，未加载：{detail}"},
    messages_en={"default": "The file exceeds a safety limit and was not loaded: {detail}"},
    hint="请删除多余的空行空列和无关工作表（报告中过大的图片、嵌入对象）后另存；如确为正常文件，请联系财政部门",
    hint_en="Delete stray rows, columns and sheets (in a report, oversized pictures and embedded objects) "
            "and save again; contact the bureau if it is a normal file",
    what="文件超过安全上限：解压后大小、压缩比、行列范围、XML 实体展开等；超限部分一概不加载。",
    why="异常文件（压缩炸弹、在 XFD1048576 处留有单元格的表）会耗尽内存，拖垮整批审核。",
    bad="一个 5 KB 的表，在 A1 和 XFD1048576 各有一个单元格。",
    good="只包含表格实际区域的工作簿。",
)  # fmt: skip

E005 = Rule(
    code="E005", name="no-form-recognised", severity="error", forms=ALL_FORMS,
    title="未识别到表单", title_en="No form recognised",
    messages={"default": "工作簿中没有识别到任何绩效表单（共 {sheets} 个工作表：{names}）"},
    messages_en={"default": "No performance form recognised in the workbook ({sheets} sheets: {names})"},
    hint="请使用规定的表样，保留表头名称（如“项目支出绩效自评表”“一级指标”“实际完成值”）；可用 perfcli forms 查看识别情况",
    hint_en="Use the prescribed template and keep its labels; run `perfcli forms FILE` to see what was recognised",
    what="工作簿的任何工作表都不符合已知表单（按标题和内容特征识别）。",
    why="未识别的表无法审核；通常是表样被改动或提交了错误的文件。",
    bad="提交了一张只有金额、没有表头的工作表。",
    good="使用规定表样，保留标题和各栏目名称。",
)  # fmt: skip

RULES = [E001, E002, E003, E004, E005]
