"""Units of indicator values: which unit a number carries, and whether two units compare.

``次宣传`` → ``次``, ``%满意`` → ``%``, ``元/人·月`` kept whole; 万元 and 元 are one unit on
different scales, 百分点 and % one unit.
"""

from __future__ import annotations

from decimal import Decimal

from perfcli.io.cells import CellValue
from perfcli.io.numeric import PLACEHOLDERS, normalize_text

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
_MULTIPLIER = ("万", "亿", "千", "百")
_MONEY_SCALE = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000),
                "百万元": Decimal(1000000), "亿元": Decimal(100000000)}  # fmt: skip
_PERCENT_UNITS = frozenset({"%", "百分点"})


def norm_unit(unit: str) -> str:
    unit = unit.strip()
    if unit in _UNIT_ALIASES:
        return _UNIT_ALIASES[unit]
    if unit.startswith("(") and unit.endswith(")") and unit.count("(") == 1:
        unit = unit[1:-1]
    return _UNIT_ALIASES.get(unit, unit)


def unit_column(unit: CellValue) -> str:
    if unit is None or isinstance(unit, bool):
        return ""
    text = normalize_text(unit).replace(" ", "")
    return "" if text in PLACEHOLDERS else norm_unit(text)


def unit_of(tail: str) -> str:
    """The unit at the start of the text after a number."""
    if not tail:
        return ""
    for alias, unit in sorted(_UNIT_ALIASES.items(), key=lambda kv: -len(kv[0])):
        if tail.startswith(alias):
            return unit
    if tail[0] in "%‰":
        return tail[0]
    if any(sep in tail for sep in "/*·•×"):
        return norm_unit(tail)  # 元/人*月, 元/人·月, 人/年, 次/年
    heads = [tail, tail[1:]] if tail[0] in _MULTIPLIER and len(tail) > 1 else [tail]
    for head in heads:  # 百分点 before 百+分点; then 万人次 = 万 + 人次
        for known in _KNOWN_UNITS:
            if head.startswith(known):
                unit = tail[: len(tail) - len(head) + len(known)]
                rest = tail[len(unit) :]
                if rest.startswith("(") and rest.endswith(")") and len(rest) <= 6:
                    unit += rest  # 台(套)
                return unit
    return norm_unit(tail)


def unit_base(unit: str) -> tuple[str, Decimal]:
    unit = norm_unit(unit.strip())
    if unit in _MONEY_SCALE:
        return "元", _MONEY_SCALE[unit]
    if unit in _PERCENT_UNITS:
        return "%", Decimal(1)
    return unit, Decimal(1)


def is_money_unit(unit: str) -> bool:
    return norm_unit(unit) in _MONEY_SCALE


def money_scale(unit: str) -> Decimal:
    """How many 元 one printed amount unit is (万元 → 10 000); a form that declares no unit, or one
    that is not a money unit, counts in 万元 (forms.md §4)."""
    return _MONEY_SCALE.get(norm_unit(unit), _MONEY_SCALE["万元"])


def units_compatible(a: str, b: str) -> bool:
    """Whether a target and an actual can be compared: same unit (万元 and 元 are), or one bare."""
    a, b = a.strip(), b.strip()
    if not a or not b or a == b:
        return True
    return unit_base(a)[0] == unit_base(b)[0]
