"""Qualitative scales: 达成年度指标 / 部分达成 / 未达成, 是/否, 合格, 优/良/中/差 and lists of them."""

from __future__ import annotations

import re

from perfcli.io.numeric import normalize_text

# The 达成 family: 达成年度指标 / 部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差 and
# the older …预期指标… (also …目标, 已/全部/基本 …), followed by words but no number.
_ACHIEVEMENT_RE = re.compile(
    r"^(?P<neg>未|没有|尚未)?(?P<part>部分|基本)?(?:已|全部|完全|均)?达成(?:了)?"
    r"(?:(?:年度|预期|年初|既定|绩效)?(?:指标|目标)[^\d]{0,16})?$"
)
_SCALE_WORDS = {
    "是": "yes", "否": "no", "有": "yes", "无": "no", "合格": "yes", "不合格": "no",
    "达标": "yes", "不达标": "no", "未达标": "no", "符合": "yes", "不符合": "no",
    "完成": "achieved", "已完成": "achieved", "全部完成": "achieved", "未完成": "missed",
    "基本完成": "partial", "部分完成": "partial",
    "优": "grade", "良": "grade", "中": "grade", "差": "grade", "低": "grade", "优秀": "grade",
    "良好": "grade", "较差": "grade", "一般": "grade", "中等": "grade", "及格": "grade",
    "不及格": "grade", "优良": "grade",
    "满意": "yes", "不满意": "no", "基本满意": "partial",
}  # fmt: skip
# Words that may appear in a list of grades (`优秀/良好/一般/较差`, `是/否`, `满意、不满意`).
_GRADE_TOKENS = frozenset(_SCALE_WORDS) | {
    "较好",
    "好",
    "较低",
    "高",
    "较高",
    "非常满意",
    "比较满意",
}
_GRADE_RUN_RE = re.compile(r"^[优良中低差]{2,}$")
_LIST_SPLIT_RE = re.compile(r"[、/,;|]+")


def qualitative_grade(text: str) -> str:
    """achieved/partial/missed/yes/no/grade for a recognised scale value, else ""."""
    t = normalize_text(text).replace(" ", "")
    achieved = _ACHIEVEMENT_RE.match(t)
    if achieved:
        if achieved.group("neg"):
            return "missed"
        return "partial" if achieved.group("part") else "achieved"
    if t in _SCALE_WORDS:
        return _SCALE_WORDS[t]
    if _GRADE_RUN_RE.match(t) and any(ch in t for ch in "优良中差"):
        return "grade"  # 优良中低差, 优良中差
    tokens = [tok for tok in _LIST_SPLIT_RE.split(t) if tok]
    if len(tokens) >= 2 and all(tok in _GRADE_TOKENS for tok in tokens):
        return "grade"  # 优/良/中/差, 优秀、良好、一般、较差, 是/否
    return ""
