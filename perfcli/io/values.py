"""Value parsing, in one place: numbers stored as text, percentages, amounts, indicator values.

Real forms write ``43.2万元``, ``１２３``, ``3,309,840.00``, ``86.20%``, ``0.862`` (a ratio),
``≥95%``, ``不少于3次``, ``95%以上``, ``2023年12月``, ``优良中低差`` and ``稳步提高`` — every rule
reads them through the functions below so that one notation is never understood two ways.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from perfcli.io.cells import CellValue

PLACEHOLDERS = frozenset({"", "—", "——", "-", "--", "/", "／", "\\", "－", "–", "无数据", "N/A", "n/a"})

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，％＋－（）：＝＜＞　",
    "0123456789.,%+-():=<> ",
)
_NUMBER_RE = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_CN_NUMBER_RE = re.compile(f"[{_CN_NUMERAL}]+")
# Words that contain a numeral character but are not numbers ("一定程度" is not "1定程度").
_NOT_NUMERALS = ("一定", "一些", "一般", "一步", "统一", "一体", "之一", "唯一", "一致", "万一",
                 "千方百计", "一流", "一线", "三农", "十分", "百姓")  # fmt: skip


def normalize_text(value: object) -> str:
    """Full-width digits and punctuation → half-width; surrounding and inner line breaks removed."""
    if value is None:
        return ""
    text = str(value).translate(_FULLWIDTH)
    return text.replace("\r", "").replace("\n", "").strip()


def is_placeholder(value: object) -> bool:
    """Empty, or a dash/slash that means "none"."""
    if value is None:
        return True
    if isinstance(value, str):
        return normalize_text(value).replace(" ", "") in PLACEHOLDERS
    return False


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed numeric cell.

    ``status``: ``none`` (empty or a placeholder), ``number`` (parsed), ``bad`` (text that is not a
    number: W004). ``from_text`` marks a number stored as text (W003); ``decimals`` is how many
    decimals were printed (for comparing at the printed precision); ``unit`` a trailing unit.
    """

    status: Literal["none", "number", "bad"]
    value: Decimal | None = None
    decimals: int = 0
    from_text: bool = False
    unit: str = ""
    percent: bool = False
    raw: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "number" and self.value is not None


NONE = Number("none")


def _decimals_of(text: str) -> int:
    _, _, frac = text.partition(".")
    return len(frac)


def _from_float(value: float | int) -> Number:
    dec = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if isinstance(value, float):
        # Floats from Excel carry binary noise (0.1 + 0.2); 10 significant decimals is plenty.
        dec = dec.quantize(Decimal("1.0000000000")).normalize() if abs(dec) < 10**12 else dec
    exponent = dec.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Number("number", dec, decimals, raw=repr(value))


_AMOUNT_UNITS = ("万元", "亿元", "千元", "元", "万", "%", "‰")


def parse_number(value: CellValue) -> Number:
    """A numeric cell: a real number, a number stored as text, a placeholder, or bad text."""
    if isinstance(value, bool):
        return Number("bad", raw=str(value))
    if isinstance(value, int | float):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return Number("bad", raw=str(value))
        return _from_float(value)
    if value is None or not isinstance(value, str):
        return NONE if value is None else Number("bad", raw=str(value))
    raw = value
    text = normalize_text(value).replace(" ", "")
    if text in PLACEHOLDERS:
        return Number("none", raw=raw)
    percent = False
    unit = ""
    for suffix in _AMOUNT_UNITS:
        if text.endswith(suffix) and len(text) > len(suffix):
            unit = suffix
            text = text[: -len(suffix)]
            percent = suffix == "%"
            break
    match = re.fullmatch(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+", text)
    if not match:
        return Number("bad", raw=raw)
    digits = text.replace(",", "")
    try:
        dec = Decimal(digits)
    except InvalidOperation:
        return Number("bad", raw=raw)
    return Number("number", dec, _decimals_of(digits), True, unit, percent, raw)


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate as a fraction (0.862 for 86.2%) and the decimals printed in its percent form."""

    fraction: Decimal
    percent_decimals: int
    number: Number

    @property
    def percent(self) -> Decimal:
        return self.fraction * 100


def parse_rate(value: CellValue, *, ratio_limit: Decimal = Decimal("1.5")) -> Rate | None:
    """``86%``, ``86.20%``, ``0.862`` (ratio ≤ 1.5), ``86`` (a percentage) → a ``Rate``; else None.

    A plain number ≤ ``ratio_limit`` under a rate label is a ratio (``1``, ``0.862``); above it, a
    percentage (``86``, ``100.00``), as the rule catalogue's clarifications say.
    """
    num = parse_number(value)
    if not num.ok or num.value is None:
        return None
    if num.percent:
        return Rate(num.value / 100, num.decimals, num)
    if abs(num.value) <= ratio_limit:
        return Rate(num.value, max(num.decimals - 2, 0), num)
    return Rate(num.value / 100, num.decimals, num)


# --- indicator values ---------------------------------------------------------------------------

Operator = Literal[">=", "<=", "=", ">", "<", "±"]
Kind = Literal["quantitative", "qualitative", "deadline", "vague", "empty"]

_SYMBOL_OPERATORS: list[tuple[str, Operator]] = [
    (">=", ">="), ("≥", ">="), ("≧", ">="), ("=>", ">="), ("≮", ">="),
    ("<=", "<="), ("≤", "<="), ("≦", "<="), ("=<", "<="), ("≯", "<="),
    ("±", "±"), ("+-", "±"),
    ("═", "="), ("﹦", "="), ("==", "="), ("=", "="),
    (">", ">"), ("<", "<"),
]  # fmt: skip
_WORD_PREFIX: list[tuple[str, Operator]] = [
    ("不少于", ">="), ("不低于", ">="), ("不小于", ">="), ("至少", ">="), ("大于等于", ">="),
    ("大于或等于", ">="), ("达到", ">="), ("超过", ">"), ("高于", ">"), ("大于", ">"),
    ("多于", ">"), ("不超过", "<="), ("不高于", "<="), ("不大于", "<="), ("小于等于", "<="),
    ("小于或等于", "<="), ("不多于", "<="), ("控制在", "<="), ("低于", "<"), ("小于", "<"),
    ("少于", "<"), ("等于", "="),
]  # fmt: skip
_WORD_SUFFIX: list[tuple[str, Operator]] = [
    ("及以上", ">="), ("以上", ">="), ("或以上", ">="), ("之上", ">="),
    ("及以内", "<="), ("以内", "<="), ("之内", "<="), ("及以下", "<="), ("以下", "<="),
]  # fmt: skip

STANDARD_TAGS = ("历史标准", "行业标准", "计划标准", "其他标准")
_TAG_RE = re.compile(r"[(（](?:" + "|".join(STANDARD_TAGS) + r")[)）]")

# Recognised qualitative scales: (phrase, grade). Longer phrases first; matched as whole values.
_QUALITATIVE: list[tuple[str, str]] = [
    ("未达成年度指标且效果较差", "missed"), ("未达成预期指标且效果较差", "missed"),
    ("未达成年度指标", "missed"), ("未达成预期指标", "missed"), ("未达成", "missed"),
    ("部分达成年度指标并具有一定效果", "partial"), ("部分达成预期指标并具有一定效果", "partial"),
    ("部分达成年度指标", "partial"), ("部分达成预期指标", "partial"), ("部分达成", "partial"),
    ("达成年度指标", "achieved"), ("达成预期指标", "achieved"), ("达成", "achieved"),
    ("全部达成", "achieved"), ("已达成", "achieved"),
]  # fmt: skip
_SCALE_WORDS = {
    "是": "yes", "否": "no", "有": "yes", "无": "no", "合格": "yes", "不合格": "no",
    "达标": "yes", "不达标": "no", "符合": "yes", "不符合": "no", "完成": "achieved",
    "已完成": "achieved", "全部完成": "achieved", "未完成": "missed", "基本完成": "partial",
    "优": "grade", "良": "grade", "中": "grade", "差": "grade", "低": "grade", "优秀": "grade",
    "良好": "grade", "较差": "grade", "一般": "grade", "满意": "yes", "不满意": "no",
}  # fmt: skip
_GRADE_LIST_RE = re.compile(r"^[优良中低差及格合不、/,\s]{2,}$")

# Deadlines: 2023年12月, 2023年12月31日, 2023.12, 2023-12-31, 12月底前, 年底前, 1-12月, 202001-202012.
_DEADLINE_RES = [
    re.compile(r"^(?P<y>20\d{2})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?(?:前|以前|之前|底前|底)?$"),
    re.compile(r"^(?P<y>20\d{2})[.\-/](?P<m>\d{1,2})(?:[.\-/](?P<d>\d{1,2}))?(?:前|以前|之前)?$"),
    re.compile(r"^(?P<y>20\d{2})年(?:底|末|年底|内)?(?:前|以前|之前)?(?:完成)?$"),
    re.compile(r"^(?:\d{1,2}[-—~至]\d{1,2})月$"),
    re.compile(r"^(?:当年|年底|年末|本年度|年度内)(?P<m>\d{1,2})?月?(?:底)?(?:前|以前|之前)?(?:完成)?$"),
    re.compile(r"^(?P<m>\d{1,2})月(?:底|末|\d{1,2}日)?(?:前|以前|之前)(?:完成)?$"),
    re.compile(r"^20\d{4}[-—~至]20\d{4}$"),
]


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """An indicator value parsed once: (operator, number, unit, kind) and what else was read.

    ``kind``: quantitative (has a number), qualitative (a recognised scale: 达成/部分达成/未达成,
    是/否, 合格, 优/良/中/差 …), deadline (a date or period), vague (words with no number and no
    scale: Q004), empty. ``grade`` names the qualitative value (achieved/partial/missed/yes/no/grade).
    ``operator_from`` is "symbol", "word", "column" (指标性质) or "" when none was written.
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
    date_key: int | None = None  # yyyymmdd for deadlines, for comparing target and actual

    @property
    def is_quantitative(self) -> bool:
        return self.kind == "quantitative" and self.number is not None


DEFAULT_VAGUE_WORDS = (
    "稳步提高", "稳步提升", "持续改善", "持续提升", "巩固提高", "不断提升", "不断提高", "进一步提高",
    "进一步提升", "全面改善", "按质按量", "及时", "不超预算", "效果明显", "一定程度", "显著",
    "有所提升", "有所提高", "有所改善", "逐步完善", "明显", "较好", "大力", "积极", "有效", "基本",
    "力争", "提升", "提高", "改善", "增强", "促进", "保障", "符合相关规定", "严格执行", "高", "好",
)  # fmt: skip


def _chinese_numeral_to_arabic(text: str) -> str:
    """``三次`` → ``3次``, ``十二个`` → ``12个``; text with Arabic digits is left alone."""
    if _NUMBER_RE.search(text) or not _CN_NUMBER_RE.search(text):
        return text
    if not re.search(r"[一二两三四五六七八九十百千]", text):
        return text  # a lone 万/亿/零 is a unit or a word, not a numeral
    if any(word in text for word in _NOT_NUMERALS):
        return text
    import warnings

    try:
        import cn2an  # heavy import: only when a Chinese numeral is present

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return str(cn2an.transform(text, "cn2an"))
    except Exception:  # cn2an rejects some mixed strings; fall back to the text as written
        return text


def _strip_operator(text: str) -> tuple[str, Operator | None, str]:
    for word, op in _WORD_PREFIX:
        if text.startswith(word):
            return text[len(word) :], op, "word"
    for symbol, op in _SYMBOL_OPERATORS:
        if text.startswith(symbol):
            return text[len(symbol) :], op, "symbol"
    return text, None, ""


def _strip_suffix_operator(text: str) -> tuple[str, Operator | None]:
    for word, op in _WORD_SUFFIX:
        if text.endswith(word):
            return text[: -len(word)], op
    return text, None


def _deadline(text: str) -> int | None:
    for pattern in _DEADLINE_RES:
        m = pattern.match(text)
        if m:
            groups = m.groupdict()
            y = int(groups.get("y") or 0)
            month = int(groups.get("m") or 12)
            day = int(groups.get("d") or 31)
            return y * 10000 + month * 100 + day if y else month * 100 + day
    return None


def qualitative_grade(text: str) -> str:
    """achieved/partial/missed/yes/no/grade for a recognised scale value, else ""."""
    t = text.replace(" ", "")
    for phrase, grade in _QUALITATIVE:
        if t == phrase or (len(phrase) > 4 and t.startswith(phrase)):
            return grade
    if t in _SCALE_WORDS:
        return _SCALE_WORDS[t]
    if _GRADE_LIST_RE.match(t) and any(ch in t for ch in "优良中差"):
        return "grade"
    return ""


def parse_indicator(
    value: CellValue,
    *,
    nature: CellValue = None,
    unit: CellValue = None,
    vague_words: tuple[str, ...] = DEFAULT_VAGUE_WORDS,
) -> IndicatorValue:
    """Parse an indicator target or actual.

    ``nature`` is the split 指标性质 column (≥ ≤ = 定性 …) and ``unit`` the 度量单位 column, where a
    layout has them; a single-cell value carries both itself.
    """
    raw_text = "" if value is None else str(value)
    if isinstance(value, bool):
        raw_text = "是" if value else "否"
    if isinstance(value, int | float) and not isinstance(value, bool):
        num = parse_number(value)
        op, op_from = _nature_operator(nature)
        return IndicatorValue(
            raw_text if not isinstance(value, float) else num.raw,
            "quantitative",
            op,
            num.value,
            normalize_text(unit or ""),
            operator_from=op_from,
        )
    text = normalize_text(raw_text).replace(" ", "")
    if is_placeholder(text):
        return IndicatorValue(raw_text, "empty")
    tag = ""
    tag_match = _TAG_RE.search(text)
    if tag_match:
        tag = tag_match.group(0)[1:-1]
        text = _TAG_RE.sub("", text)
    nature_op, nature_from = _nature_operator(nature)
    nature_text = normalize_text(nature or "").replace(" ", "")
    unit_col = normalize_text(unit or "").replace(" ", "")
    if unit_col in PLACEHOLDERS:
        unit_col = ""
    grade = qualitative_grade(text)
    if grade:
        return IndicatorValue(raw_text, "qualitative", grade=grade, tag=tag)
    date_key = _deadline(text)
    if date_key is not None:
        return IndicatorValue(raw_text, "deadline", nature_op, tag=tag, date_key=date_key,
                              operator_from=nature_from)  # fmt: skip
    body, op, op_from = _strip_operator(text)
    body, suffix_op = _strip_suffix_operator(body)
    if op is None and suffix_op is not None:
        op, op_from = suffix_op, "word"
    if op is None and nature_op is not None:
        op, op_from = nature_op, nature_from
    body = _chinese_numeral_to_arabic(body)
    match = _NUMBER_RE.search(body)
    if match is None:
        word = next((w for w in vague_words if w in text), "")
        if nature_text == "定性" and not word and len(text) >= 2:
            # A 定性 value written as a description ("符合国家标准") is a scale of its own kind
            # only when it is a recognised one; otherwise it stays vague.
            pass
        return IndicatorValue(raw_text, "vague", tag=tag, vague_word=word)
    number = Decimal(match.group(0).replace(",", ""))
    unit_text = body[match.end() :].strip()
    unit_text, later_op = _strip_suffix_operator(unit_text)
    if op is None and later_op is not None:
        op, op_from = later_op, "word"
    before = body[: match.start()]
    if before.startswith("-") and number > 0:
        number = -number
    unit_text = unit_text.strip("()（）") or unit_col
    if unit_text in ("百分比", "%(百分比)"):
        unit_text = "%"
    return IndicatorValue(raw_text, "quantitative", op, number, unit_text, tag=tag,
                          operator_from=op_from)  # fmt: skip


def _nature_operator(nature: CellValue) -> tuple[Operator | None, str]:
    if nature is None:
        return None, ""
    text = normalize_text(nature).replace(" ", "")
    if not text or text == "定性":
        return None, ""
    for symbol, op in _SYMBOL_OPERATORS:
        if text.startswith(symbol):
            return op, "column"
    for word, op in _WORD_PREFIX:
        if text.startswith(word):
            return op, "column"
    if text in ("正向", "正向指标"):
        return ">=", "column"
    if text in ("反向", "反向指标"):
        return "<=", "column"
    return None, ""


def units_compatible(a: str, b: str) -> bool:
    """Whether a target and an actual can be compared: same unit, or one of them bare."""
    a, b = a.strip(), b.strip()
    if not a or not b or a == b:
        return True
    percent = {"%", "百分比", "%(百分比)"}
    return a in percent and b in percent


def target_met(target: IndicatorValue, actual: IndicatorValue) -> bool | None:
    """True/False when a quantitative or deadline target can be judged against its actual."""
    if target.kind == "deadline" and actual.kind == "deadline":
        if target.date_key is None or actual.date_key is None:
            return None
        if (target.date_key >= 10000) != (actual.date_key >= 10000):
            return None
        return actual.date_key <= target.date_key
    if not (target.is_quantitative and actual.is_quantitative):
        return None
    if not units_compatible(target.unit, actual.unit):
        return None
    t, a = target.number, actual.number
    assert t is not None and a is not None
    op = target.operator or ">="
    if op == ">=":
        return a >= t
    if op == ">":
        return a > t
    if op == "<=":
        return a <= t
    if op == "<":
        return a < t
    if op == "=":
        return a >= t if t > 0 else a <= t
    return None  # ± ranges are not judged


def is_reverse(target: IndicatorValue) -> bool:
    return target.operator in ("<=", "<")
