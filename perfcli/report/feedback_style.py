"""What the feedback workbooks share: words in both languages, fills, widths, safe names.

Names follow Windows' rules (the clerks who open these files use Windows): no ``\\/:*?"<>|`` or
control characters, no trailing dot or space, no reserved device name (CON, NUL, COM1…), at most
150 characters. Sheet names follow Excel's: at most 31 characters, no ``[]:*?/\\``, unique without
regard to case.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

SEVERITY_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
# Fill and font colours by severity: red, amber, grey (Excel's "bad" / "neutral" / plain grey).
SEVERITY_FILL = {"error": "#FFC7CE", "warning": "#FFEB9C", "info": "#E7E6E6"}
SEVERITY_FONT = {"error": "#9C0006", "warning": "#7F6000", "info": "#404040"}

FAMILY_NAMES = {
    "E": ("无法审核的文件", "file cannot be checked"),
    "W": ("工作簿规范", "workbook hygiene"),
    "S": ("结构与完整性", "structure and completeness"),
    "Q": ("绩效指标", "indicators"),
    "A": ("计算、评分与等级", "arithmetic, scores and grades"),
    "M": ("运行监控", "monitoring"),
    "X": ("跨表一致", "consistency across forms"),
    "R": ("决算对账", "reconciliation with final accounts"),
}
FAMILY_ORDER = "EWSQAMXR"

# Every visible word of the workbooks, by language (sheet names included: ≤ 31 characters).
WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "findings_sheet": "审核意见",
        "forms_sheet": "表单清单",
        "overview_sheet": "总览",
        "details_sheet": "问题明细",
        "rules_sheet": "规则统计",
        "charts_sheet": "图表",
        "no": "序号",
        "severity": "严重程度",
        "rule": "规则",
        "sheet": "工作表",
        "cell": "单元格",
        "project": "项目",
        "message": "问题",
        "hint": "修改建议",
        "file": "文件",
        "sha": "SHA-256",
        "version": "perfcli 版本",
        "profile": "参数配置",
        "time": "审核时间",
        "counts": "问题数",
        "forms": "表单",
        "title": "审核意见",
        "submission": "提交材料",
        "department": "部门",
        "year": "年度",
        "files": "文件数",
        "projects": "项目数",
        "score": "自评总分",
        "grade": "等级",
        "accounts": "对账",
        "link": "审核意见文件夹",
        "code": "代码",
        "family": "规则族",
        "family_name": "规则族名称",
        "count": "次数",
        "files_hit": "涉及文件数",
        "total": "合计",
        "actual": "填报值",
        "expected": "应填值",
        "kind": "表单类型",
        "range": "区域",
        "status": "识别结果",
        "status_ok": "已识别",
        "status_unparsed": "已识别，未能读取内容",
        "status_none": "未识别（无表单）",
        "status_big": "已识别（仅复制部分单元格）",
        "open": "打开",
        "no_copy": "未附原表副本：{why}",
        "changed": "文件在审核后已被修改",
        "unreadable": "文件无法读取",
        "not_workbook": "原文件不是 Excel 工作簿",
        "none": "没有发现问题",
        "errors_by_dept": "各部门错误数（前 20）",
        "by_family": "各规则族问题数",
        "grades": "自评等级分布",
        "not_reconciled": "未对账",
        "reconciled": "一致",
        "mismatch": "不一致（{n} 项）",
        "unassigned": "（未归入提交材料）",
        "counts_text": "错误 {error} 项，警告 {warning} 项，提示 {info} 项",
        "forms_text": "已识别表单 {forms} 张；未识别的工作表 {other} 张（见“{sheet}”）",
        "submission_level": "（提交材料整体）",
        "grade_none": "（无等级）",
    },
    "en": {
        "findings_sheet": "Findings",
        "forms_sheet": "Forms",
        "overview_sheet": "Overview",
        "details_sheet": "Details",
        "rules_sheet": "Rules",
        "charts_sheet": "Charts",
        "no": "No.",
        "severity": "Severity",
        "rule": "Rule",
        "sheet": "Sheet",
        "cell": "Cell",
        "project": "Project",
        "message": "Problem",
        "hint": "How to fix",
        "file": "File",
        "sha": "SHA-256",
        "version": "perfcli version",
        "profile": "Profile",
        "time": "Checked at",
        "counts": "Findings",
        "forms": "Forms",
        "title": "Review of",
        "submission": "Submission",
        "department": "Department",
        "year": "Year",
        "files": "Files",
        "projects": "Projects",
        "score": "Self-evaluation score",
        "grade": "Grade",
        "accounts": "Accounts",
        "link": "Feedback folder",
        "code": "Code",
        "family": "Family",
        "family_name": "Family name",
        "count": "Count",
        "files_hit": "Files",
        "total": "Total",
        "actual": "Reported",
        "expected": "Expected",
        "kind": "Form kind",
        "range": "Range",
        "status": "Recognised",
        "status_ok": "yes",
        "status_unparsed": "recognised, content not read",
        "status_none": "no form found",
        "status_big": "yes (only part of the cells copied)",
        "open": "open",
        "no_copy": "No annotated copy: {why}",
        "changed": "the file changed after the check",
        "unreadable": "the file cannot be read",
        "not_workbook": "the file is not a workbook",
        "none": "No findings",
        "errors_by_dept": "Errors by department (top 20)",
        "by_family": "Findings by rule family",
        "grades": "Self-evaluation grades",
        "not_reconciled": "not reconciled",
        "reconciled": "consistent",
        "mismatch": "inconsistent ({n})",
        "unassigned": "(no submission)",
        "counts_text": "{error} errors, {warning} warnings, {info} notes",
        "forms_text": "{forms} forms recognised; {other} sheets without a form (see “{sheet}”)",
        "submission_level": "(whole submission)",
        "grade_none": "(no grade)",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "zh"]


def severity_word(severity: str, lang: str) -> str:
    return SEVERITY_WORDS["en" if lang == "en" else "zh"].get(severity, severity)


def family_name(family: str, lang: str) -> str:
    zh, en = FAMILY_NAMES.get(family, (family, family))
    return en if lang == "en" else zh


# East Asian wide and fullwidth characters (Unicode's W and F), the blocks forms use.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def display_width(text: str) -> int:
    """Columns a text takes on screen: East Asian wide characters count double."""
    return len(text) + len(_WIDE.findall(text))


def column_width(texts: Any, low: float, high: float) -> float:
    """An Excel column width that fits the longest line of ``texts`` within [low, high]."""
    widest = 0
    for text in texts:
        for line in str(text).splitlines() or [""]:
            widest = max(widest, display_width(line))
            if widest >= high:
                return high
    return max(low, min(high, widest + 2))


def line_count(text: str, width: float) -> int:
    """Lines a wrapped text takes in a column ``width`` characters wide (an estimate)."""
    usable = max(int(width) - 1, 1)
    return sum(max(1, -(-display_width(line) // usable)) for line in text.splitlines() or [""])


# --- names ---------------------------------------------------------------------------------------

# Windows' forbidden characters, control characters, and "#": Excel reads it in a link to the file
# as the start of a place inside it, so 汇总.xlsx could not link to a name holding one.
_UNSAFE_FILE = re.compile(r'[\\/:*?"<>|#\x00-\x1f\x7f]')
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{p}{n}" for p in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
MAX_NAME = 150


def safe_filename(name: str, max_len: int = MAX_NAME) -> str:
    """A file or folder name Windows accepts (see the module docstring); never empty."""
    text = _UNSAFE_FILE.sub("_", unicodedata.normalize("NFC", name)).strip()
    text = text[:max_len].rstrip(". ")
    if not text:
        text = "_"
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = ("_" + text)[:max_len]
    return text


def unique_name(name: str, taken: set[str], max_len: int = MAX_NAME, suffix: str = "") -> str:
    """``name`` + ``suffix``, numbered when taken (compared without case, as Windows does)."""
    stem = name[: max_len - len(suffix)].rstrip(". ") or "_"
    candidate, n = stem + suffix, 1
    while candidate.casefold() in taken:
        n += 1
        tail = f"_{n}"
        candidate = stem[: max_len - len(suffix) - len(tail)] + tail + suffix
    taken.add(candidate.casefold())
    return candidate


_UNSAFE_SHEET = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def safe_sheet_name(name: str, taken: set[str]) -> str:
    """An Excel sheet name (≤ 31 characters, no ``[]:*?/\\``, no edge apostrophe), unique."""
    text = _UNSAFE_SHEET.sub("_", name).strip().strip("'") or "Sheet"
    if text.casefold() == "history":  # reserved by Excel
        text = text + "_"
    text = text[:31]
    candidate, n = text, 1
    while candidate.casefold() in taken:
        n += 1
        tail = f"({n})"
        candidate = text[: 31 - len(tail)] + tail
    taken.add(candidate.casefold())
    return candidate


def sheet_ref(sheet: str, cell: str) -> str:
    """An internal link target: ``internal:'Sheet 1'!B7`` (quotes doubled inside)."""
    return "internal:'" + sheet.replace("'", "''") + "'!" + cell
