"""Deadlines and periods in indicator values: ``2023年12月``, ``年底前``, ``第三季度``, ``1-12月``.

Each pattern gives the end of the period; ``deadline`` turns it into a sortable key.
"""

from __future__ import annotations

import calendar
import re

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


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year or 2001, month)[1]


def deadline(text: str) -> tuple[int, bool] | None:
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
