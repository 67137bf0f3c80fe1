"""Label normalisation (forms.md §2): one function every locator compares labels through."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from perfcli.io.numeric import to_simplified

_TRAILING_GROUP = re.compile(r"[(（]([^()（）]*)[)）]$")
# Contents of a trailing parenthesis that is decoration, not part of the label.
_DECORATION = re.compile(
    r"^(?:A|B|C|B/A|A/B|万元|元|%|分|盖章|单位:万元|单位:元|金额单位:万元|\d+(?:\.\d+)?分|"
    r"\d+-\d+分?|[^()]*\d+分[^()]*|[^()]*\*执行率|百分比)$"
)
_LEADING_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\d+[.、](?!\d)|[(（][一二三四五六七八九十\d]+[)）])"
)
_WEIGHT = re.compile(r"[(（](?:[^()（）]*?)(\d+(?:\.\d+)?)\s*分[^()（）]*[)）]")
_STARS = re.compile(r"^[★☆*]+")
_BAND_SUFFIX = re.compile(r"[(（]\d+(?:\.\d+)?[-~—]\d+(?:\.\d+)?[)）]分?$")  # 成本指标(0-20)分


@lru_cache(maxsize=65536)
def squash(text: str) -> str:
    """Whitespace removed, full-width → half-width (NFKC), 繁体 → 简体, ``：`` → ``:``."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    return to_simplified(text)


@lru_cache(maxsize=65536)
def norm_label(text: str) -> str:
    """The comparable form of a label: squashed, numbering and decoration stripped.

    ``项目资金\\n(万元)`` → ``项目资金``; ``产出指标(50分)`` → ``产出指标``; ``二、预算执行情况`` →
    ``预算执行情况``; ``年度资金总额:`` → ``年度资金总额``; ``實施單位`` → ``实施单位``.
    """
    text = squash(text)
    text = _STARS.sub("", text)
    text = _BAND_SUFFIX.sub("", text)
    for _ in range(3):
        stripped = text.rstrip(":").rstrip()
        m = _TRAILING_GROUP.search(stripped)
        if m and _DECORATION.match(m.group(1)) and m.start() > 0:
            stripped = stripped[: m.start()]
        if stripped == text:
            break
        text = stripped
    text = _LEADING_ORDINAL.sub("", text)
    return text.rstrip(":")


def label_weight(text: str) -> Decimal | None:
    """The weight printed in a label: ``产出指标(50分)`` → 50, ``预算执行情况(10分)`` → 10."""
    m = _WEIGHT.search(squash(text))
    return Decimal(m.group(1)) if m else None


def label_unit(text: str) -> str:
    """``(万元)`` / ``单位:元`` in a label → 万元 / 元, else ""."""
    t = squash(text)
    if "万元" in t:
        return "万元"
    if re.search(r"(?:单位[:]?|[(（])元", t):
        return "元"
    return ""
