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


# Grade words of a scale, best first (a scale written worst first is still read best first).
GRADE_RANK = {
    "优秀": 0, "优": 0, "良好": 1, "良": 1, "中等": 2, "中": 2, "一般": 2, "及格": 3, "合格": 3,
    "低": 4, "较差": 4, "差": 5, "不及格": 5, "不合格": 5,
}  # fmt: skip


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


# --- a grade scale in one cell ----------------------------------------------------------------
# ``优:≥95%;良:≥85%;中:≥60%;差:<60%``, ``优秀≥95%，良好85%-95%…``, one grade a line: a graded
# target written in the target cell itself (the 邯郸 layout gives each grade its own column).

_SCALE_GRADES = ("不及格", "不合格", "优秀", "良好", "较差", "一般", "中等", "及格", "合格",
                 "优", "良", "中", "差", "低")  # fmt: skip
# What may follow a grade word for the rest to be its threshold: a colon, a bracket, an operator
# or a number — so 中央资金≥95% and 良好率≥95% are not grades.
_OPENERS = (r"[:=(\[≥≤<>≧≦±\d]|不少于|不低于|不小于|至少|大于|高于|超过|达到|小于|低于|不超过|"
            r"不高于|不大于|少于|在")  # fmt: skip
_GRADE_WORD = "(?:" + "|".join(_SCALE_GRADES) + ")"
_STEP_RE = re.compile(rf"^(?P<grade>{_GRADE_WORD})(?:等级|级)?(?=(?:{_OPENERS}))(?P<value>.+)$")
# Grades are separated by ; ； 。 、 | a line break, a comma that is not a thousands separator
# (1,000), or by spaces and closing brackets/percent signs right before the next grade word.
_HARD_SPLIT_RE = re.compile(r"[;；。、|]+|,(?!\d{3}(?!\d))")
_SOFT_SPLIT_RE = re.compile(rf"\s+(?={_GRADE_WORD})|(?<=[\d%‰)])(?={_GRADE_WORD}(?:{_OPENERS}))")
_LABEL_RE = re.compile(rf"^[^\d:]{{1,12}}:(?={_GRADE_WORD})")  # 评价标准：优≥95%…


def split_grade_scale(text: str) -> list[tuple[str, str]] | None:
    """``[(grade word, threshold text), …]`` for a grade scale written in one cell, else None.

    A scale has at least two different grades, every part starts with a grade word followed by
    its threshold, and at least one threshold has a number: ``优/良/中/差`` alone is a list of
    grade names (``qualitative_grade``), not thresholds.
    """
    lines = str(text).replace("\r", "\n").split("\n")
    flat = ";".join(normalize_text(line) for line in lines)
    flat = _LABEL_RE.sub("", flat.strip(" ;"))
    parts: list[str] = []
    for chunk in _HARD_SPLIT_RE.split(flat):
        parts.extend(p.replace(" ", "") for p in _SOFT_SPLIT_RE.split(chunk.strip()))
    steps: list[tuple[str, str]] = []
    for part in filter(None, parts):
        match = _STEP_RE.match(part)
        if match is None:
            return None
        value = match.group("value").removeprefix(":")
        if value.startswith("(") and value.endswith(")") and value.count("(") == 1:
            value = value[1:-1]
        if not value:
            return None
        steps.append((match.group("grade"), value))
    grades = [grade for grade, _ in steps]
    if len(steps) < 2 or len(set(grades)) != len(grades):
        return None
    if not any(re.search(r"\d", value) for _, value in steps):
        return None
    return steps
