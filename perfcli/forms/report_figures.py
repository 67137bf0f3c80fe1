"""The figures a 自评报告 quotes, read from its Chinese sentences (forms.md §6).

``figures_in(text)`` finds, sentence by sentence:

* **score** — ``自评得分96分``, ``综合评分为 96.5 分``, ``自评总得分：95.5分``, ``得分为96分``;
* **grade** — ``等级为优``, ``评价等级：优秀``, ``自评结果为“优秀”``, ``评定为良``, ``为优秀等次``;
* **rate** — ``预算执行率100%``, ``执行率为98.62%``, ``资金执行率达到99.5%`` (said of the projects
  when 项目 stands just before it: ``项目资金执行率``);
* **count** — ``实施项目共15个``, ``共涉及15个项目``, ``十五个项目`` (Chinese numerals by cn2an);
* **amounts** — ``资金总额1,234.56万元``, ``全年预算数1234.56万元，执行数1200万元``: each amount takes
  its meaning from the nearest money word before it (年初预算 → initial, 全年预算数 / 资金总额 → budget,
  执行数 / 实际支出 → executed, 到位 → received; 基本支出, 结余, 财政拨款 … → other).

A figure that is only a part (``年初批复预算8个项目``, ``其中…``, ``产出指标得分45分``) is marked
``subset`` and never compared; a figure said of the projects (a count, or an amount in a sentence
that counts projects or says 项目资金) has ``scope`` ``projects``, the rest ``dept``.
Text is compared after NFKC (full-width digits and ``％``), whitespace removed and 繁体 → 简体.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from perfcli.forms.model_package import DocPlace, Figure
from perfcli.forms.normalize import squash

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_NUM = r"[零一二两三四五六七八九十百千]+"
_JOIN = r"(?:为|是|达到|达|:|共计|合计|共|约)*"

_SCORE = re.compile(
    rf"(?P<kw>自评总得分|自评得分|自评总分|综合评分|综合得分|评价得分|总得分|自评分数|评分结果|得分|评分|自评结果)"
    rf"{_JOIN}(?P<num>{_NUM})(?P<unit>分)?"
)
# A one-character grade must stand alone (等级为中, not 评为中央…): followed by no other character
# of a word, or by 等/级/档.
_GRADE_WORDS = (
    r"优秀|良好|不合格|合格|及格|较差|一般|(?:优|良|中|差)(?=[^\u4e00-\u9fff]|等|级|档|$)"
)
_GRADE = re.compile(
    r"(?:(?P<kw>评价等级|自评等级|绩效等级|等级|等次|评价结论|自评结论|自评结果|评价结果|评定为|评定等级|评为)"
    rf"(?:为|是|:|评定为|属于|达到|确定为)*[“\"'‘「『]?(?P<g>{_GRADE_WORDS})"
    rf"|为[“\"'‘「『]?(?P<g2>{_GRADE_WORDS})[”\"'’」』]?(?:等级|等次|档次))"
)
_RATE = re.compile(
    r"(?P<kw>预算执行率|资金执行率|支出执行率|预算支出执行率|执行率|预算执行进度|支出进度)"
    rf"{_JOIN}(?P<num>{_NUM})(?P<unit>%)"
)
_COUNT = re.compile(
    rf"(?:项目(?:总数|数量|个数)?(?:共计|共有|共|合计|总计|计|为|有|:)+(?P<n1>\d+|{_CN_NUM})个"
    rf"|(?P<n2>\d+|{_CN_NUM})个(?:预算|部门|专项|支出)?(?:项目|专项))"
)
_AMOUNT = re.compile(rf"(?P<num>{_NUM})(?P<unit>亿元|万元|元)")
# Words just before a count or score that make it a part of the whole, not the whole.
_PART_BEFORE = re.compile(
    r"(?:年初|新增|追加|年中|其中|优秀|良好|优|良|中|差|未|已完成|结转|中央|省级|市级|产出|效益|满意度|成本|"
    r"指标|执行|平均|满分|部分|重点)[^，,;；。]{0,6}$"
)
_PART_AFTER = re.compile(r"^(?:被)?(?:评为|为优|为良|为中|为差|获评|等级|得分|未|的执行率)")
_TOTAL_WORDS = ("共", "合计", "总计", "涉及", "实施", "纳入", "开展", "全部", "所有", "对")

# Money words: nearest before an amount wins; at the same end the longest (项目支出 over 支出).
_MONEY_WORDS: tuple[tuple[str, str], ...] = (
    ("年初预算数", "initial"), ("年初预算", "initial"), ("年初批复预算", "initial"),
    ("年初批复", "initial"), ("全年预算数", "budget"), ("全年预算", "budget"),
    ("调整后预算数", "budget"), ("调整后预算", "budget"), ("调整预算后", "budget"),
    ("预算总额", "budget"), ("资金总额", "budget"), ("总预算", "budget"), ("预算数", "budget"),
    ("预算资金", "budget"), ("预算安排", "budget"), ("安排资金", "budget"), ("安排预算", "budget"),
    ("预算金额", "budget"), ("批复预算", "budget"), ("资金规模", "budget"), ("项目预算", "budget"),
    ("预算", "budget"), ("全年执行数", "executed"), ("执行数", "executed"),
    ("执行金额", "executed"), ("实际支出", "executed"), ("支出数", "executed"),
    ("已支出", "executed"), ("累计支出", "executed"), ("拨付使用", "executed"),
    ("实际使用", "executed"), ("使用资金", "executed"), ("执行资金", "executed"),
    ("完成支出", "executed"), ("支出", "executed"), ("执行", "executed"),
    ("到位资金", "received"), ("资金到位", "received"), ("到位", "received"),
    ("基本支出", "other"), ("项目支出", "other"), ("人员经费", "other"), ("公用经费", "other"),
    ("结余", "other"), ("结转", "other"), ("收入", "other"), ("财政拨款", "other"),
    ("其他资金", "other"), ("财政资金", "other"), ("未执行", "other"), ("差额", "other"),
    ("节约", "other"), ("收回", "other"), ("上年", "other"),
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (split after 。！？；), stripped, empty ones dropped."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _decimal(text: str) -> tuple[Decimal, int] | None:
    digits = text.replace(",", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    _, _, frac = digits.partition(".")
    return value, len(frac)


def _count_value(text: str) -> Decimal | None:
    if text.isdigit():
        return Decimal(text)
    try:
        import cn2an

        return Decimal(int(cn2an.cn2an(text, "smart")))
    except (ValueError, TypeError, KeyError, InvalidOperation):
        return None


def _is_part(text: str, start: int, end: int) -> bool:
    return bool(_PART_BEFORE.search(text[max(0, start - 10) : start])) or bool(
        _PART_AFTER.match(text[end : end + 4])
    )


def figures_in(text: str, place: DocPlace | None = None) -> list[Figure]:
    """Every figure quoted in ``text`` (one paragraph), in the order they appear."""
    out: list[Figure] = []
    for sentence in sentences(text):
        out.extend(_sentence_figures(sentence, place))
    return out


def _sentence_figures(sentence: str, place: DocPlace | None) -> list[Figure]:
    s = squash(sentence)
    found: list[tuple[int, Figure]] = []

    def add(at: int, figure: Figure) -> None:
        found.append((at, figure))

    for m in _SCORE.finditer(s):
        if not m.group("unit") and not s[m.end("kw") : m.start("num")].endswith((":", "为")):
            continue  # a bare number after 得分 without 分 is not a score (得分率, 得分点)
        parsed = _decimal(m.group("num"))
        if parsed is None:
            continue
        subset = _is_part(s, m.start(), m.end()) or s[m.end() : m.end() + 1] == "率"
        add(m.start(), Figure("score", parsed[0], "", "分", parsed[1], m.group(0), sentence,
                              subset=subset, place=place))  # fmt: skip
    for m in _GRADE.finditer(s):
        word = m.group("g") or m.group("g2") or ""
        subset = bool(_PART_BEFORE.search(s[max(0, m.start() - 10) : m.start()])) and not m.group(
            "kw"
        )
        add(m.start(), Figure("grade", None, word, "", 0, m.group(0), sentence, subset=subset,
                              place=place))  # fmt: skip
    for m in _RATE.finditer(s):
        parsed = _decimal(m.group("num"))
        if parsed is None:
            continue
        before = s[max(0, m.start() - 8) : m.start()]
        after_project = before[before.rfind("项目") :] if "项目" in before else ""
        of_projects = after_project and not any(
            w in after_project for w in ("部门", "整体", "单位")
        )
        scope = "projects" if of_projects else "dept"
        add(m.start(), Figure("rate", parsed[0], "", "%", parsed[1], m.group(0), sentence,
                              scope=scope, subset=_is_part(s, m.start(), m.start()),
                              place=place))  # fmt: skip
    counts = _counts(s, sentence, place)
    found.extend((at, figure) for at, _end, figure in counts)
    has_count = any(not figure.subset for _, _, figure in counts)
    ends = [end for _, end, _ in counts]
    found.extend(_amounts(s, sentence, place, has_count, ends))
    found.sort(key=lambda item: item[0])
    return [figure for _, figure in found]


def _counts(s: str, sentence: str, place: DocPlace | None) -> list[tuple[int, int, Figure]]:
    """The project counts of a sentence as (start, end, figure)."""
    out: list[tuple[int, int, Figure]] = []
    for m in _COUNT.finditer(s):
        raw = m.group("n1") or m.group("n2") or ""
        value = _count_value(raw)
        if value is None:
            continue
        start = m.start("n1") if m.group("n1") else m.start("n2")
        before = s[max(0, start - 10) : start]
        subset = _is_part(s, start, m.end())
        if subset and any(word in before[-3:] for word in _TOTAL_WORDS):
            subset = False  # 共15个 / 涉及15个: the total, whatever came before it
        out.append((m.start(), m.end(), Figure("count", value, "", "个", 0, m.group(0), sentence,
                                               scope="projects", subset=subset, place=place)))  # fmt: skip
    return out


def _money_word(window: str) -> tuple[str, str]:
    """The money word nearest the end of ``window`` (longest at equal ends) and its meaning."""
    best: tuple[int, int, str, str] | None = None
    for word, kind in _MONEY_WORDS:
        at = window.rfind(word)
        if at < 0:
            continue
        key = (at + len(word), len(word), word, kind)
        if best is None or key[:2] > best[:2]:
            best = key
    return (best[2], best[3]) if best is not None else ("", "")


def _amounts(
    s: str, sentence: str, place: DocPlace | None, has_count: bool, count_ends: list[int]
) -> list[tuple[int, Figure]]:
    """Amounts, each read with the words since the previous amount or count (its window)."""
    out: list[tuple[int, Figure]] = []
    previous = 0
    for m in _AMOUNT.finditer(s):
        previous = max([previous, *(end for end in count_ends if end <= m.start())])
        window = s[previous : m.start()]
        previous = m.end()
        word, kind = _money_word(window)
        if not kind:
            continue
        parsed = _decimal(m.group("num"))
        if parsed is None:
            continue
        of_projects = has_count or "项目" in window
        subset = "其中" in window
        words = window[window.rfind(word) :] + m.group(0)
        figure = Figure(kind, parsed[0], "", m.group("unit"), parsed[1], words, sentence, scope="projects" if of_projects else "dept", subset=subset,
                        place=place)  # fmt: skip
        out.append((m.start(), figure))
    return out
