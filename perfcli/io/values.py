"""Value parsing, in one place: numbers stored as text, percentages, amounts, indicator values.

Real forms write ``43.2万元``, ``１２３``, ``3,309,840.00``, ``86.20%``, ``0.862`` (a ratio),
``≥95%``, ``不少于3次``, ``95%以上``, ``2023年12月``, ``优良中低差`` and ``稳步提高`` — every rule
reads them through the functions below so that one notation is never understood two ways.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from perfcli.io.cells import CellValue

PLACEHOLDERS = frozenset(
    {"", "—", "——", "-", "--", "/", "／", "\\", "－", "–", "无数据", "N/A", "n/a"}
)

_FULLWIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０-９
        "．": ".", "，": ",", "％": "%", "﹪": "%", "＋": "+", "－": "-", "−": "-", "﹣": "-",
        "（": "(", "）": ")", "：": ":", "＝": "=", "＜": "<", "＞": ">", "﹤": "<", "﹥": ">",
        "／": "/", "＊": "*", "～": "~", "　": " ", "\u00a0": " ", "\t": " ", "\u200b": "",
        "\ufeff": "",
    }
)  # fmt: skip
_NUMBER_RE = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_CN_NUMBER_RE = re.compile(f"[{_CN_NUMERAL}]+")
# Words that contain a numeral character but are not numbers ("一定程度" is not "1定程度").
_NOT_NUMERALS = ("一定", "一些", "一般", "一步", "统一", "一体", "之一", "唯一", "一致", "万一",
                 "千方百计", "一流", "一线", "三农", "十分", "百姓", "一律", "一贯", "一切", "一直",
                 "一并", "一起", "一同", "一站", "一网", "一窗", "一卡", "一门", "一户一", "一村一",
                 "万无一失", "千家万户", "万家", "一把手", "一对一", "两学一做", "三公", "三会一课",
                 "四风", "十四五", "十三五", "百分百", "百花", "万众", "一目了然", "一视同仁",
                 "一以贯之", "一张图", "一盘棋", "第一", "一流")  # fmt: skip


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
    decimals were printed (for comparing at the printed precision); ``unit`` a trailing unit
    (万元, 元, %, ‰ …); ``percent`` is set for a trailing ``%``.
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


def _plain_decimal(dec: Decimal) -> Decimal:
    """A Decimal without a positive exponent (``1E+2`` → ``100``), so it prints as written."""
    exponent = dec.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        try:
            return dec.quantize(Decimal(1))
        except InvalidOperation:  # beyond 28 digits: keep the exponent
            return dec
    return dec


def _from_float(value: float | int) -> Number:
    if isinstance(value, float):
        dec = Decimal(repr(value))
        # Floats from Excel carry binary noise (0.1 + 0.2); 10 significant decimals is plenty.
        if abs(dec) < 10**12:
            dec = dec.quantize(Decimal("1.0000000000")).normalize()
        dec = _plain_decimal(dec)
    else:
        dec = Decimal(value)
    exponent = dec.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Number("number", dec, decimals, raw=str(dec))


# Units a numeric cell may carry after its digits, longest first.
_AMOUNT_UNITS = ("百万元", "万亿元", "亿元", "万元", "千元", "元", "亿", "万", "%", "‰", "分")
# Text a numeric cell may hold that means "nothing here" without being a placeholder elsewhere.
_NUMBER_NONE = frozenset({"无", "暂无", "没有"})
_CURRENCY = ("¥", "￥", "RMB")


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
    if text in PLACEHOLDERS or text in _NUMBER_NONE:
        return Number("none", raw=raw)
    for sign in _CURRENCY:
        if text.startswith(sign):
            text = text[len(sign) :]
    percent = False
    unit = ""
    for suffix in _AMOUNT_UNITS:
        if text.endswith(suffix) and len(text) > len(suffix):
            unit = suffix
            text = text[: -len(suffix)]
            percent = suffix == "%"
            break
    if not re.fullmatch(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[-+]?\.\d+", text):
        return Number("bad", raw=raw)
    digits = text.replace(",", "").rstrip(".")
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
    percentage (``86``, ``100.00``), as the rule catalogue's clarifications say. ``12‰`` is 1.2%;
    an amount (``43.2万元``) is not a rate.
    """
    num = parse_number(value)
    if not num.ok or num.value is None:
        return None
    if num.percent:
        return Rate(num.value / 100, num.decimals, num)
    if num.unit == "‰":
        return Rate(num.value / 1000, num.decimals + 1, num)
    if num.unit:
        return None
    if abs(num.value) <= ratio_limit:
        return Rate(num.value, max(num.decimals - 2, 0), num)
    return Rate(num.value / 100, num.decimals, num)


# --- indicator values ---------------------------------------------------------------------------

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

# Deadlines and periods. Each pattern gives the end of the period (y, m, d; missing parts default
# to the end of the year/month). Periods (1-12月, 202001-202012) are flagged as such.
_DONE = r"(?:底|末|份)?(?:前|以前|之前|止|为止)?(?:完成|完工|结束|实施完毕|办结)?"
_DEADLINE_RES: list[tuple[re.Pattern[str], bool]] = [
    (re.compile(rf"^(?P<y>20\d{{2}})年(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号])?{_DONE}$"), False),
    (re.compile(rf"^(?P<y>20\d{{2}})[.\-/](?P<m>\d{{1,2}})(?:[.\-/](?P<d>\d{{1,2}}))?{_DONE}$"), False),
    (re.compile(rf"^(?P<y>20\d{{2}})年(?:度)?(?:年底|年末|底|末|内|年内|度内)?{_DONE}$"), False),
    (re.compile(rf"^(?P<y>20\d{{2}})年(?:第)?(?P<q>[1-4一二三四])季度{_DONE}$"), False),
    (re.compile(rf"^(?:第)?(?P<q>[1-4一二三四])季度{_DONE}$"), False),
    (re.compile(rf"^(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号])?{_DONE}$"), False),
    (re.compile(rf"^(?:当年|本年|本年度|年度内|年内|年底|年末|全年)(?:(?P<m>\d{{1,2}})月)?{_DONE}$"), False),
    (re.compile(rf"^(?P<h>上|下)半年{_DONE}$"), False),
    (re.compile(rf"^(?P<next>次年|下年|下一年|翌年|下年度)(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})[日号])?{_DONE}$"), False),
    # periods
    (re.compile(r"^(?:(?P<y0>20\d{2})年)?\d{1,2}月?(?:\d{1,2}[日号])?[-~至到](?:(?P<y>20\d{2})年)?"
                r"(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]|份)?$"), True),
    (re.compile(r"^(?P<y0>20\d{2})[.\-/]?\d{1,2}(?:[.\-/]\d{1,2})?[-~至到](?P<y>20\d{2})[.\-/]?"
                r"(?P<m>\d{1,2})(?:[.\-/](?P<d>\d{1,2}))?$"), True),
    (re.compile(r"^(?P<y0>20\d{2})年?(?:度)?[-~至到](?P<y>20\d{2})年?(?:度)?$"), True),
]  # fmt: skip

# Units: known ones are taken from the start of the text after the number, so that
# "次宣传" → "次" and "%满意" → "%"; anything else is kept whole.
_UNIT_ALIASES = {"百分比": "%", "%(百分比)": "%", "百分率": "%", "(%)": "%", "个百分点": "百分点",
                 "‰(千分比)": "‰", "千分比": "‰"}  # fmt: skip
_KNOWN_UNITS = sorted(
    {"元", "万元", "亿元", "千元", "百万元", "人", "人次", "次", "个", "户", "亩", "公里", "千米",
     "米", "平方米", "平米", "平方公里", "立方米", "吨", "公斤", "千克", "斤", "台", "套", "项", "篇",
     "份", "场", "期", "批", "家", "所", "座", "条", "件", "辆", "间", "天", "日", "年", "月", "周",
     "小时", "分钟", "分", "组", "名", "处", "张", "本", "册", "株", "头", "只", "棵", "户次", "班",
     "节", "课时", "学时", "床", "张床", "宗", "起", "例", "号", "栋", "幢", "块", "片", "村", "镇",
     "点", "个月", "工作日", "个工作日", "百分点", "km", "m", "m2", "m²", "m³", "㎡", "kg", "t",
     "kw", "kW", "MW", "度", "千瓦", "千瓦时", "兆瓦", "升", "次/年", "级", "星", "倍", "成"},
    key=lambda u: -len(u),
)  # fmt: skip
_TIME_UNITS = frozenset({"", "年", "月", "日", "年月", "年月日", "日期", "时间", "时限", "年度"})
_MULTIPLIER = ("万", "亿", "千", "百")
_MONEY_SCALE = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000),
                "百万元": Decimal(1000000), "亿元": Decimal(100000000)}  # fmt: skip
_PERCENT_UNITS = frozenset({"%", "百分点"})
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

    @property
    def is_quantitative(self) -> bool:
        return self.kind == "quantitative" and self.number is not None


DEFAULT_VAGUE_WORDS = (
    "稳步提高", "稳步提升", "持续改善", "持续提升", "巩固提高", "不断提升", "不断提高",
    "进一步提高", "进一步提升", "全面改善", "按质按量", "及时", "不超预算", "效果明显", "一定程度",
    "显著", "有所提升", "有所提高", "有所改善", "逐步完善", "明显", "较好", "大力", "积极", "有效",
    "基本", "力争", "提升", "提高", "改善", "增强", "促进", "保障", "符合相关规定", "严格执行",
    "按时", "按期", "参照", "维护", "搞好", "加强", "确保", "稳定", "良性", "高", "好",
)  # fmt: skip


_ROMAN = {"Ⅰ": "1", "Ⅱ": "2", "Ⅲ": "3", "Ⅳ": "4", "Ⅴ": "5", "Ⅵ": "6", "Ⅶ": "7", "Ⅷ": "8",
          "Ⅸ": "9", "Ⅹ": "10", "Ⅺ": "11", "Ⅻ": "12"}  # fmt: skip
_ROMAN_CLASS_RE = re.compile(r"([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])(?=[类级])")
# A change word before the number states a minimum change: 增长5%, 较上年提高5%, 减少10%.
_CHANGE_WORDS = ("增长", "增加", "提高", "提升", "上升", "增幅", "减少", "降低", "下降", "缩短",
                 "压缩", "减幅", "降幅")  # fmt: skip


def _change_operator(prefix: str) -> Operator | None:
    stripped = prefix.rstrip("了达到为:")
    return ">=" if stripped.endswith(_CHANGE_WORDS) else None


def _chinese_numeral_to_arabic(text: str) -> str:
    """``三次`` → ``3次``, ``十二个`` → ``12个``, ``Ⅲ类`` → ``3类``; Arabic digits are left alone."""
    text = _ROMAN_CLASS_RE.sub(lambda m: _ROMAN[m.group(1)], text)
    if _NUMBER_RE.search(text) or not _CN_NUMBER_RE.search(text):
        return text
    if text.startswith(("百分百", "百分之百")):
        return "100%" + text[3 if text.startswith("百分百") else 4 :]
    if not re.search(r"[一二两三四五六七八九十百千〇]", text) and not text.startswith("零"):
        return text  # a lone 万/亿/零 is a unit or a word, not a numeral
    if any(word in text for word in _NOT_NUMERALS):
        return text
    import warnings

    try:
        import cn2an  # heavy import: only when a Chinese numeral is present

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # cn2an reads 两千 but not 两次: 二 is the same number.
            return str(cn2an.transform(text.replace("两", "二"), "cn2an"))
    except Exception:  # cn2an rejects some mixed strings; fall back to the text as written
        return text


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


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year or 2001, month)[1]


def _deadline(text: str) -> tuple[int, bool] | None:
    """``(date_key, is_period)`` for a date or period, else None."""
    for pattern, is_period in _DEADLINE_RES:
        m = pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        y = int(groups.get("y") or groups.get("y0") or 0)
        if groups.get("q"):
            month = ("1234".find(groups["q"]) + 1 or "一二三四".find(groups["q"]) + 1) * 3
        elif groups.get("h"):
            month = 6 if groups["h"] == "上" else 12
        else:
            month = int(groups.get("m") or 12)
        if not 1 <= month <= 12:
            continue
        day = int(groups.get("d") or _month_end(y, month))
        if not 1 <= day <= _month_end(y, month):
            continue
        if groups.get("next"):
            month += 12  # 次年3月 sorts after 12月 when there is no year to compare
        key = y * 10000 + month * 100 + day if y else month * 100 + day
        return key, is_period
    return None


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


def _norm_unit(unit: str) -> str:
    unit = unit.strip()
    if unit in _UNIT_ALIASES:
        return _UNIT_ALIASES[unit]
    if unit.startswith("(") and unit.endswith(")") and unit.count("(") == 1:
        unit = unit[1:-1]
    return _UNIT_ALIASES.get(unit, unit)


def _unit_column(unit: CellValue) -> str:
    if unit is None or isinstance(unit, bool):
        return ""
    text = normalize_text(unit).replace(" ", "")
    return "" if text in PLACEHOLDERS else _norm_unit(text)


def _unit_of(tail: str) -> str:
    """The unit at the start of the text after a number."""
    if not tail:
        return ""
    for alias, unit in sorted(_UNIT_ALIASES.items(), key=lambda kv: -len(kv[0])):
        if tail.startswith(alias):
            return unit
    if tail[0] in "%‰":
        return tail[0]
    if any(sep in tail for sep in "/*·•×"):
        return _norm_unit(tail)  # 元/人*月, 元/人·月, 人/年, 次/年
    heads = [tail, tail[1:]] if tail[0] in _MULTIPLIER and len(tail) > 1 else [tail]
    for head in heads:  # 百分点 before 百+分点; then 万人次 = 万 + 人次
        for known in _KNOWN_UNITS:
            if head.startswith(known):
                unit = tail[: len(tail) - len(head) + len(known)]
                rest = tail[len(unit) :]
                if rest.startswith("(") and rest.endswith(")") and len(rest) <= 6:
                    unit += rest  # 台(套)
                return unit
    return _norm_unit(tail)


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
    unit_col = _unit_column(unit)
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
    grade = qualitative_grade(text)
    if grade:
        return IndicatorValue(raw_text, "qualitative", grade=grade, tag=tag)
    # An operator written before the value: ≥95%, 不少于3次, 覆盖率不低于95%, ≤2023年12月.
    converted = _chinese_numeral_to_arabic(text)
    match = _NUMBER_RE.search(converted)
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
    unit_text = _unit_of(tail) or unit_col
    return IndicatorValue(raw_text, "quantitative", op, number, unit_text, tag=tag,
                          operator_from=op_from, upper=upper)  # fmt: skip


def _number_and_range(
    body: str, *, written_op: Operator | None
) -> tuple[Decimal, Decimal | None, str, str]:
    """(number, upper, text after the number(s), how a range was written: "symbol"/"word"/"").

    ``95%-100%``, ``3至5次`` and ``100±5`` are ranges; anything else is one number.
    """
    match = _NUMBER_RE.search(body)
    assert match is not None  # the caller found a number in body
    number = Decimal(match.group(0).replace(",", ""))
    tail = body[match.end() :]
    if written_op is None and not match.group(0).startswith("-"):
        rng = _RANGE_RE.match(body[match.start() :].lstrip("+"))
        if rng:
            u1, u2 = _unit_of(rng.group("u1")), _unit_of(rng.group("u2"))
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


def _unit_base(unit: str) -> tuple[str, Decimal]:
    unit = _norm_unit(unit.strip())
    if unit in _MONEY_SCALE:
        return "元", _MONEY_SCALE[unit]
    if unit in _PERCENT_UNITS:
        return "%", Decimal(1)
    return unit, Decimal(1)


def units_compatible(a: str, b: str) -> bool:
    """Whether a target and an actual can be compared: same unit (万元 and 元 are), or one bare."""
    a, b = a.strip(), b.strip()
    if not a or not b or a == b:
        return True
    return _unit_base(a)[0] == _unit_base(b)[0]


def _scales(target: IndicatorValue, actual: IndicatorValue) -> tuple[Decimal, Decimal] | None:
    """Factors that put target and actual on one scale (元 for money, percent for rates)."""
    t, a = target.number, actual.number
    if t is None or a is None or not units_compatible(target.unit, actual.unit):
        return None
    one = Decimal(1)
    if target.unit and actual.unit:
        return _unit_base(target.unit)[1], _unit_base(actual.unit)[1]
    # One side bare: a plain number ≤ 1.5 against a percentage is a ratio (1 = 100%).
    ratio_limit = Decimal("1.5")
    if _unit_base(target.unit)[0] == "%" and not actual.unit and abs(a) <= ratio_limit < abs(t):
        return one, Decimal(100)
    if _unit_base(actual.unit)[0] == "%" and not target.unit and abs(t) <= ratio_limit < abs(a):
        return Decimal(100), one
    return one, one


def target_met(target: IndicatorValue, actual: IndicatorValue) -> bool | None:
    """True/False when a quantitative or deadline target can be judged against its actual.

    None when it cannot: qualitative values, incompatible units, a vague or empty side. A bare
    target without an operator is read as ≥; ``=`` is met at or above a positive target (and at
    or below a target of 0); a range is met inside it; ``±3%`` is met within ±3.
    """
    if target.kind == "deadline" and actual.kind == "deadline":
        if target.date_key is None or actual.date_key is None:
            return None
        tk, ak = target.date_key, actual.date_key
        if (tk >= 10000) != (ak >= 10000):
            tk, ak = tk % 10000, ak % 10000  # compare month and day when one has no year
        if target.operator == ">=":
            return ak >= tk
        if target.operator == ">":
            return ak > tk
        if target.operator == "<":
            return ak < tk
        return ak <= tk
    if not (target.is_quantitative and actual.is_quantitative):
        return None
    scales = _scales(target, actual)
    if scales is None or target.number is None or actual.number is None:
        return None
    t, a = target.number * scales[0], actual.number * scales[1]
    if target.upper is not None:
        return t <= a <= target.upper * scales[0]
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
    return abs(a) <= abs(t)  # ±


def is_reverse(target: IndicatorValue) -> bool:
    return target.operator in ("<=", "<")
