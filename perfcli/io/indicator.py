"""Indicator values parsed once: (operator, number, unit, kind) and what else was written.

Real targets and actuals read ``≥95%``, ``不少于3次``, ``95%以上``, ``95%-100%``, ``2023年12月``,
``优良中低差``, ``达成年度指标`` and ``稳步提高``; ``parse_indicator`` tells them apart so that
every rule reads one notation one way. Numbers are ``numeric``'s, units ``units``', dates
``deadlines``' and scale words ``grades``'.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from perfcli.io.cells import CellValue
from perfcli.io.deadlines import deadline as _deadline
from perfcli.io.grades import qualitative_grade, split_grade_scale
from perfcli.io.numeric import (
    NUMBER_RE,
    PLACEHOLDERS,
    chinese_numerals_to_arabic,
    normalize_text,
    parse_number,
)
from perfcli.io.units import unit_column, unit_of

Operator = Literal[">=", "<=", "=", ">", "<", "±"]
Kind = Literal["quantitative", "qualitative", "deadline", "vague", "empty"]

_SYMBOL_OPERATORS: list[tuple[str, Operator]] = [
    (">=", ">="), ("≥", ">="), ("≧", ">="), ("=>", ">="), ("≮", ">="), ("⩾", ">="),
    ("<=", "<="), ("≤", "<="), ("≦", "<="), ("=<", "<="), ("≯", "<="), ("⩽", "<="),
    ("±", "±"), ("+-", "±"), ("+/-", "±"),
    ("═", "="), ("﹦", "="), ("==", "="), ("=", "="),
    (">", ">"), ("<", "<"),
]  # fmt: skip
_WORD_OPERATORS: list[tuple[str, Operator]] = [
    ("不少于", ">="), ("不低于", ">="), ("不小于", ">="), ("至少", ">="), ("大于等于", ">="),
    ("大于或等于", ">="), ("高于或等于", ">="), ("达到", ">="), ("超过", ">"), ("高于", ">"),
    ("大于", ">"), ("多于", ">"), ("不超过", "<="), ("不高于", "<="), ("不大于", "<="),
    ("小于等于", "<="), ("小于或等于", "<="), ("低于或等于", "<="), ("不多于", "<="),
    ("控制在", "<="), ("最多", "<="), ("至多", "<="), ("低于", "<"), ("小于", "<"),
    ("少于", "<"), ("等于", "="),
]  # fmt: skip
# Checked by "ends with" against the text before the number: the longer word must win
# ("不低于" before "低于"), so longest first.
_PREFIX_OPERATORS: list[tuple[str, Operator, str]] = sorted(
    [(w, op, "word") for w, op in _WORD_OPERATORS] + [(s, op, "symbol") for s, op in _SYMBOL_OPERATORS],
    key=lambda item: -len(item[0]),
)  # fmt: skip
_WORD_SUFFIX: list[tuple[str, Operator]] = [
    ("及以上", ">="), ("或以上", ">="), ("以上", ">="), ("之上", ">="),
    ("及以内", "<="), ("以内", "<="), ("之内", "<="), ("内", "<="),
    ("及以下", "<="), ("或以下", "<="), ("以下", "<="),
]  # fmt: skip
_SUFFIX_NOISE = ("(含)", "(含本数)", "左右")

STANDARD_TAGS = ("历史标准", "行业标准", "计划标准", "其他标准")
# Any "(…标准)" at the end is read as a tag, so a rule can tell a wrong tag from a missing one.
_TAG_RE = re.compile(r"\((?P<tag>[^()]{0,8}标准)\)$")
_TIME_UNITS = frozenset({"", "年", "月", "日", "年月", "年月日", "日期", "时间", "时限", "年度"})
# "None of": 无重大安全事故, 杜绝违规违纪问题 — a 有/无 value with its object written out.
_NONE_OF_RE = re.compile(
    r"^(?:无|杜绝|未发生|不发生|没有)[^\d]{0,10}(?:事故|投诉|差错|违规|违纪|案件|事件|纠纷|上访|问题)$"
)
_TEMPLATE_FILLER_RE = re.compile(
    r"^\(?[<>=≥≤≧≦±]*(?:\*+|[Xx×]+|…+|\.{3,}|_+)[^\d]{0,6}$|^[<>=≥≤≧≦±]+$"
)


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """An indicator value parsed once: (operator, number, unit, kind) and what else was read.

    ``kind``: quantitative (has a number), qualitative (a recognised scale: 达成/部分达成/未达成,
    是/否, 合格, 优/良/中/差 …), deadline (a date or period), vague (words with no number and no
    scale: Q004), empty (nothing, a placeholder, or unfilled template text such as ``≥**人``).
    ``grade`` names the qualitative value (achieved/partial/missed/yes/no/grade).
    ``operator_from`` is "symbol", "word", "column" (指标性质) or "" when none was written.
    ``upper`` is the top of a range (``95%-100%``: operator ``>=``, number 95, upper 100);
    ``period`` marks a deadline written as a period (``1-12月``) rather than a date.
    ``scale`` holds the thresholds of a grade scale written in one cell (``优:≥95%;良:≥85%…``,
    kind qualitative, grade "grade"), best grade first as written.
    """

    text: str
    kind: Kind
    operator: Operator | None = None
    number: Decimal | None = None
    unit: str = ""
    grade: str = ""
    tag: str = ""
    operator_from: str = ""
    vague_word: str = ""
    date_key: int | None = None  # yyyymmdd (or mmdd without a year) for deadlines
    upper: Decimal | None = None
    period: bool = False
    scale: tuple[GradeStep, ...] = ()

    @property
    def is_quantitative(self) -> bool:
        return self.kind == "quantitative" and self.number is not None


@dataclass(frozen=True, slots=True)
class GradeStep:
    """One grade of a one-cell grade scale: the grade word as written (优, 良好) and its threshold
    (``≥95%``, ``85%-95%``) parsed like any target."""

    grade: str
    threshold: IndicatorValue


DEFAULT_VAGUE_WORDS = (
    "稳步提高", "稳步提升", "持续改善", "持续提升", "巩固提高", "不断提升", "不断提高",
    "进一步提高", "进一步提升", "全面改善", "按质按量", "及时", "不超预算", "效果明显", "一定程度",
    "显著", "有所提升", "有所提高", "有所改善", "逐步完善", "明显", "较好", "大力", "积极", "有效",
    "基本", "力争", "提升", "提高", "改善", "增强", "促进", "保障", "符合相关规定", "严格执行",
    "按时", "按期", "参照", "维护", "搞好", "加强", "确保", "稳定", "良性", "高", "好",
)  # fmt: skip


# A change word before the number states a minimum change: 增长5%, 较上年提高5%, 减少10%.
_CHANGE_WORDS = ("增长", "增加", "提高", "提升", "上升", "增幅", "减少", "降低", "下降", "缩短",
                 "压缩", "减幅", "降幅")  # fmt: skip


def _change_operator(prefix: str) -> Operator | None:
    stripped = prefix.rstrip("了达到为:")
    return ">=" if stripped.endswith(_CHANGE_WORDS) else None


def _operator_at_end(prefix: str) -> tuple[Operator | None, str]:
    for word, op, source in _PREFIX_OPERATORS:
        if prefix.endswith(word):
            return op, source
    return None, ""


def _operator_at_start(prefix: str) -> tuple[Operator | None, str]:
    for word, op, source in _PREFIX_OPERATORS:
        if source == "word" and prefix.startswith(word):
            return op, source
    return None, ""


def _strip_suffix_operator(text: str) -> tuple[str, Operator | None]:
    for noise in _SUFFIX_NOISE:
        if text.endswith(noise):
            text = text[: -len(noise)]
    for word, op in _WORD_SUFFIX:
        if text.endswith(word) and (word != "内" or len(text) > 1):
            rest = text[: -len(word)]
            for noise in _SUFFIX_NOISE:
                if rest.endswith(noise):
                    rest = rest[: -len(noise)]
            return rest, op
    return text, None


_RANGE_RE = re.compile(
    r"^(?P<lo>\d+(?:\.\d+)?)(?P<u1>%|[^\d\-~至到]{0,4}?)(?:[-~至到—])(?P<hi>\d+(?:\.\d+)?)(?P<u2>.*)$"
)


def _display(value: int | float) -> str:
    num = parse_number(value)
    return str(num.value) if num.value is not None else str(value)


def parse_indicator(
    value: CellValue,
    *,
    nature: CellValue = None,
    unit: CellValue = None,
    vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS,
) -> IndicatorValue:
    """Parse an indicator target or actual.

    ``nature`` is the split 指标性质 column (≥ ≤ = 定性 正向指标 …) and ``unit`` the 度量单位
    column, where a layout has them; a single-cell value carries both itself. An operator written
    in the value wins over the column's.
    """
    nature_op, nature_from = _nature_operator(nature)
    unit_col = unit_column(unit)
    if isinstance(value, bool):
        return IndicatorValue(
            "是" if value else "否", "qualitative", grade="yes" if value else "no"
        )
    if isinstance(value, dt.datetime | dt.date):
        key = value.year * 10000 + value.month * 100 + value.day
        return IndicatorValue(value.isoformat()[:10], "deadline", nature_op, date_key=key,
                              operator_from=nature_from)  # fmt: skip
    if isinstance(value, int | float):
        num = parse_number(value)
        if not num.ok:
            return IndicatorValue(str(value), "empty")
        return IndicatorValue(_display(value), "quantitative", nature_op, num.value, unit_col,
                              operator_from=nature_from)  # fmt: skip
    raw_text = "" if value is None else str(value)
    text = normalize_text(raw_text).replace(" ", "").replace("+/-", "±").replace("+-", "±")
    if text in PLACEHOLDERS or _TEMPLATE_FILLER_RE.match(text):
        return IndicatorValue(raw_text, "empty")
    tag = ""
    tag_match = _TAG_RE.search(text)
    if tag_match:
        tag = tag_match.group("tag")
        text = text[: tag_match.start()]
    scale = split_grade_scale(raw_text)
    if scale is not None:  # 优:≥95%;良:≥85%… is one graded target, not ≥95%
        steps = tuple(
            GradeStep(word, parse_indicator(threshold, unit=unit, vague_words=vague_words))
            for word, threshold in scale
        )
        return IndicatorValue(raw_text, "qualitative", grade="grade", tag=tag, scale=steps)
    grade = qualitative_grade(text)
    if grade:
        return IndicatorValue(raw_text, "qualitative", grade=grade, tag=tag)
    # An operator written before the value: ≥95%, 不少于3次, 覆盖率不低于95%, ≤2023年12月.
    converted = chinese_numerals_to_arabic(text)
    match = NUMBER_RE.search(converted)
    op: Operator | None = None
    op_from = ""
    if match is not None:
        prefix = converted[: match.start()]
        op, op_from = _operator_at_end(prefix)
        if op is None:  # 至少全年完成2次: the operator opens the phrase
            op, op_from = _operator_at_start(prefix)
        if op is None and _change_operator(prefix):  # 较上年提高5%: at least a 5% rise
            op, op_from = _change_operator(prefix), "word"
        body = converted[match.start() :] if op is not None or not prefix else converted
    else:
        body = converted
        for word, word_op, source in _PREFIX_OPERATORS:
            if converted.startswith(word):
                op, op_from, body = word_op, source, converted[len(word) :]
                break
    unsuffixed = body
    body, suffix_op = _strip_suffix_operator(body)
    if unit_col in _TIME_UNITS:  # a value with a unit column of 万元 or 人 is never a date
        # "年内", "2023年内": the 内 belongs to the date; "≤2023年12月以前" keeps its ≤.
        deadline = _deadline(unsuffixed)
        if deadline is None:
            deadline = _deadline(body) or _deadline(text)
            if deadline is not None and op is None and suffix_op is not None:
                op, op_from = suffix_op, "word"
        if deadline is not None:
            if op is None and nature_op is not None:
                op, op_from = nature_op, nature_from
            return IndicatorValue(raw_text, "deadline", op, tag=tag, date_key=deadline[0],
                                  operator_from=op_from, period=deadline[1])  # fmt: skip
    if op is None and suffix_op is not None:
        op, op_from = suffix_op, "word"
    if match is None:
        grade = qualitative_grade(body) or ("no" if _NONE_OF_RE.match(text) else "")
        if grade:  # 达到优, ≥良, 无重大安全事故
            return IndicatorValue(raw_text, "qualitative", grade=grade, tag=tag)
        # Look in what is left after an operator: "不高于预算" has no vague "高".
        word = next((w for w in sorted(vague_words, key=len, reverse=True) if w in body), "")
        return IndicatorValue(raw_text, "vague", tag=tag, vague_word=word)
    number, upper, tail, range_from = _number_and_range(body, written_op=op)
    if range_from:
        op, op_from = ">=", range_from
    tail, later_op = _strip_suffix_operator(tail)
    if op is None and later_op is not None:
        op, op_from = later_op, "word"
    if op is None and nature_op is not None:
        op, op_from = nature_op, nature_from
    unit_text = unit_of(tail) or unit_col
    return IndicatorValue(raw_text, "quantitative", op, number, unit_text, tag=tag,
                          operator_from=op_from, upper=upper)  # fmt: skip


def _number_and_range(
    body: str, *, written_op: Operator | None
) -> tuple[Decimal, Decimal | None, str, str]:
    """(number, upper, text after the number(s), how a range was written: "symbol"/"word"/"").

    ``95%-100%``, ``3至5次`` and ``100±5`` are ranges; anything else is one number.
    """
    match = NUMBER_RE.search(body)
    assert match is not None  # the caller found a number in body
    number = Decimal(match.group(0).replace(",", ""))
    tail = body[match.end() :]
    if written_op is None and not match.group(0).startswith("-"):
        rng = _RANGE_RE.match(body[match.start() :].lstrip("+"))
        if rng:
            u1, u2 = unit_of(rng.group("u1")), unit_of(rng.group("u2"))
            upper = Decimal(rng.group("hi"))
            if (not u1 or not u2 or u1 == u2) and upper >= number:
                source = "word" if re.search("[至到]", rng.group(0)) else "symbol"
                return number, upper, rng.group("u2") or rng.group("u1"), source
        around = re.match(r"^±(\d+(?:\.\d+)?)(.*)$", tail)  # 100±5: around 100
        if around:
            width = Decimal(around.group(1))
            return number - width, number + width, around.group(2), "symbol"
    return number, None, tail, ""


def _nature_operator(nature: CellValue) -> tuple[Operator | None, str]:
    if nature is None or isinstance(nature, bool):
        return None, ""
    text = normalize_text(nature).replace(" ", "")
    if not text or text in ("定性", "定量"):
        return None, ""
    for word, op, _source in _PREFIX_OPERATORS:
        if text.startswith(word):
            return op, "column"
    if text in ("正向", "正向指标", "越大越好", "越高越好"):
        return ">=", "column"
    if text in ("反向", "反向指标", "越小越好", "越低越好"):
        return "<=", "column"
    return None, ""
