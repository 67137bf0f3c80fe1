"""Numbers as forms write them: ``43.2万元``, ``１２３``, ``3,309,840.00``, ``86.20%``, ``0.862``.

Every numeric cell is read through ``parse_number`` and every rate through ``parse_rate`` so that
one notation is never understood two ways; ``chinese_numerals_to_arabic`` turns ``三次`` into
``3次`` before an indicator value is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
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
NUMBER_RE = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
_CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_CN_NUMBER_RE = re.compile(f"[{_CN_NUMERAL}]+")
# Words that contain a numeral character but are not numbers ("一定程度" is not "1定程度").
_NOT_NUMERALS = ("一定", "一些", "一般", "一步", "统一", "一体", "之一", "唯一", "一致", "万一",
                 "千方百计", "一流", "一线", "三农", "十分", "百姓", "一律", "一贯", "一切", "一直",
                 "一并", "一起", "一同", "一站", "一网", "一窗", "一卡", "一门", "一户一", "一村一",
                 "万无一失", "千家万户", "万家", "一把手", "一对一", "两学一做", "三公", "三会一课",
                 "四风", "十四五", "十三五", "百分百", "百花", "万众", "一目了然", "一视同仁",
                 "一以贯之", "一张图", "一盘棋", "第一", "一流")  # fmt: skip


_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _t2s() -> object:
    import opencc  # 繁体 → 简体; loaded only when a text has CJK characters

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """繁体 → 简体 (``6000萬元`` → ``6000万元``, ``優良中低差`` → ``优良中低差``)."""
    if not _HAS_CJK.search(text):
        return text
    return str(_t2s().convert(text))  # type: ignore[attr-defined]


def normalize_text(value: object) -> str:
    """Full-width digits and punctuation → half-width, 繁体 → 简体; line breaks removed.

    Values are read in simplified characters as labels are (``normalize.squash``): a form typed
    in 繁体 writes ``萬元`` and ``優`` where the readers look for 万元 and 优.
    """
    if value is None:
        return ""
    text = to_simplified(str(value).translate(_FULLWIDTH))
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


# A plain number at most this under a rate label or against a percentage is a ratio (``1`` is
# 100%, ``0.862`` is 86.2%); above it, a percentage (rules.md, Clarifications: Values).
RATIO_LIMIT = Decimal("1.5")


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate as a fraction (0.862 for 86.2%) and the decimals printed in its percent form."""

    fraction: Decimal
    percent_decimals: int
    number: Number

    @property
    def percent(self) -> Decimal:
        return self.fraction * 100


def parse_rate(value: CellValue, *, ratio_limit: Decimal = RATIO_LIMIT) -> Rate | None:
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


_ROMAN = {"Ⅰ": "1", "Ⅱ": "2", "Ⅲ": "3", "Ⅳ": "4", "Ⅴ": "5", "Ⅵ": "6", "Ⅶ": "7", "Ⅷ": "8",
          "Ⅸ": "9", "Ⅹ": "10", "Ⅺ": "11", "Ⅻ": "12"}  # fmt: skip
_ROMAN_CLASS_RE = re.compile(r"([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])(?=[类级])")


def chinese_numerals_to_arabic(text: str) -> str:
    """``三次`` → ``3次``, ``十二个`` → ``12个``, ``Ⅲ类`` → ``3类``; Arabic digits are left alone."""
    text = _ROMAN_CLASS_RE.sub(lambda m: _ROMAN[m.group(1)], text)
    if NUMBER_RE.search(text) or not _CN_NUMBER_RE.search(text):
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
