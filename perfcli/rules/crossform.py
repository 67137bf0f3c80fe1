"""X — consistency from target to monitoring to self-evaluation within one submission.

X001 (a target value changed since the approved target table), X002 (indicators dropped from or
added to the target table's set), X009 (forms of one submission naming different years). All run
once per submission (``scope="submission"``) and point at the LATER form's cells; the message
names the target table's file, sheet and cell. Pairing projects and indicators: ``_chain``.

A submission with only one kind of form yields nothing here: there is nothing to compare.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath
from typing import Any

from perfcli.forms.kinds import MONITOR_KINDS, SELFEVAL_KINDS, TARGET_KINDS, kind_name
from perfcli.forms.model import Form, IndicatorRow, Located
from perfcli.rules._chain import (
    Indicator,
    IndicatorMatching,
    Pair,
    chain_pairs,
    indicators_of,
    match_indicators,
    same_target,
    same_year,
)
from perfcli.rules._scoring import shown_target
from perfcli.rules.base import Context, Rule, fmt_decimal
from perfcli.submissions import Placed, Submission
from perfcli.submissions import department_of as _department_of

CHAIN_KINDS = (*TARGET_KINDS, *MONITOR_KINDS, *SELFEVAL_KINDS)

X001 = Rule(
    code="X001", name="target-changed", severity="warning", forms=CHAIN_KINDS, scope="submission",
    title="年度指标值与批复的绩效目标不一致", title_en="Target differs from the approved target table",
    messages={
        "default": "指标“{name}”的年度指标值为“{actual}”，与绩效目标表批复的“{expected}”不一致"
                   "（绩效目标表：{target_file} {target_sheet}!{target_cell}）",
        "number": "指标“{name}”的年度指标值为“{actual}”，与绩效目标表批复的“{expected}”不一致，"
                  "相差 {difference}（绩效目标表：{target_file} {target_sheet}!{target_cell}）",
    },
    messages_en={
        "default": "Indicator '{name}' has the target '{actual}', but the approved target table "
                   "says '{expected}' ({target_file} {target_sheet}!{target_cell})",
        "number": "Indicator '{name}' has the target '{actual}', but the approved target table says "
                  "'{expected}', a difference of {difference} ({target_file} {target_sheet}!{target_cell})",
    },
    hint="年度指标值应与批复的绩效目标表一致（“{expected}”）；确需调整的，应按程序报批，并在备注中说明调整依据",
    hint_en="Copy the approved target ('{expected}'); a target changed by an approved adjustment "
            "needs its approval noted in the remarks",
    what="同一提交（同一部门、同一年度）中，监控表或自评表的年度指标值与该项目批复的绩效目标表不一致。"
         "项目按项目编码、名称、规范化名称对应（部门整体表按部门对应），指标按一级/二级指标（含同义写法："
         "效果指标 = 效益指标）和规范化的三级指标名称对应。比较的是解析后的指标值（比较符号、数值、单位）："
         "“≥95%”“95%以上”“不低于95%”相同；只有一方写了比较符号不算变化；814万元 = 8140000元；"
         "定性指标按规范化文字比较。一方指标值为空时不报告（由 Q003 报告）；两表年度不同时不比较（由 X009 报告）。",
    why="财预〔2019〕136号：绩效目标经批复后原则上不作调整；监控和自评都应对照批复的目标。悄悄改低目标值，"
        "自评就会“完成”一个从未批复过的目标。",
    bad="绩效目标表：服务合格率 ≥95%；自评表：服务合格率 ≥90%。",
    good="自评表的年度指标值照抄批复值“≥95%”，实际完成值如实填写。",
)  # fmt: skip

X002 = Rule(
    code="X002", name="indicator-set-changed", severity="warning", forms=CHAIN_KINDS,
    scope="submission",
    title="绩效指标与批复的绩效目标表不一致", title_en="Indicators differ from the target table",
    messages={
        "missing": "绩效目标表中的指标“{path}”（指标值“{value}”）在本表中没有填列"
                   "（绩效目标表：{target_file} {target_sheet}!{target_cell}）",
        "added": "本表的指标“{path}”（指标值“{value}”）不在批复的绩效目标表中（绩效目标表：{target_file}）",
    },
    messages_en={
        "missing": "Indicator '{path}' (target '{value}') of the target table is not in this table "
                   "({target_file} {target_sheet}!{target_cell})",
        "added": "Indicator '{path}' (target '{value}') is not in the approved target table ({target_file})",
    },
    hint="监控表和自评表的指标应与批复的绩效目标表逐项一致：补列缺少的指标，或删去目标表中没有的指标；"
         "指标确经批准调整的，请在备注中说明",
    hint_en="List exactly the indicators of the approved target table: add the missing ones and drop "
            "the ones it does not have, or note the approved adjustment",
    what="同一提交中，监控表或自评表的三级指标与该项目批复的绩效目标表不是同一组：目标表的指标在后表中缺失"
         "（每个缺失的指标报告一次，指向后表同类指标所在行或指标表表头），或后表多出目标表没有的指标"
         "（指向多出的行）。指标按一级/二级和规范化的三级名称对应；同名指标仅改了分类的，视为同一指标。"
         "自评表的预算执行率不是绩效指标，不比较；后表没有指标表（S002）时不报告。",
    why="指标是批复的绩效目标的一部分：删掉完成不了的指标、添上容易完成的指标，自评就不再衡量批复的目标。",
    bad="目标表有“服务机制持续运行年限 ≥3年”，自评表删去了这一行。",
    good="自评表逐项列出目标表的全部指标，未完成的如实填写并说明原因。",
)  # fmt: skip

X009 = Rule(
    code="X009", name="year-mismatch", severity="warning", forms=CHAIN_KINDS, scope="submission",
    title="同一提交中各表年度不一致", title_en="Forms of one submission name different years",
    messages={
        "default": "本表年度为 {actual} 年，同一提交（{department}）的其他表为 {expected} 年（{others}）",
    },
    messages_en={
        "default": "This form is for {actual}, while the other forms of the submission ({department}) "
                   "are for {expected} ({others_en})",
    },
    hint="请核对年度：同一部门同一年度的目标表、监控表和自评表应为同一年度；其他年度的表请分开提交",
    hint_en="Check the year: one department's target, monitoring and self-evaluation tables of one "
            "year name the same year; submit another year's forms separately",
    what="同一提交（同一文件夹中同一部门的表）中有表格的年度与其他表不同。各年度各有自己的部门整体表"
         "（或汇总表、自评报告）时，按年度分为不同的提交，不报告；只有一种表（如几张项目自评表）时不报告。",
    why="年度写错会让目标、监控和自评对不上号，也可能是误把往年的表放进了本次提交。",
    bad="2023年度的自评包中，一张绩效目标表写着“（2022年度）”。",
    good="标题和年度栏均写“2023年度”。",
)  # fmt: skip

RULES: list[Rule] = [X001, X002, X009]


@X001.checks
def _check_x001(sub: Submission, ctx: Context) -> None:
    for pair, matching in _compared(sub):
        for target, later in matching.pairs:
            same = same_target(target.row.target_value, later.row.target_value)
            if same is not False:
                continue
            at = _target_cell(later.row)
            ctx.focus(pair.later.file, pair.later.form)
            expected, actual = shown_target(target.row), shown_target(later.row)
            difference = _difference(target.row, later.row)
            ctx.report(
                X001, at=at, variant="number" if difference else "default",
                expected=expected, actual=actual, name=later.row.display_name,
                difference=difference, **_where(pair.target, target.row),
            )  # fmt: skip


@X002.checks
def _check_x002(sub: Submission, ctx: Context) -> None:
    for pair, matching in _compared(sub):
        ctx.focus(pair.later.file, pair.later.form)
        later_rows = [later for _target, later in matching.pairs] + matching.added
        for ind in matching.missing:
            ctx.report(
                X002, at=_nearest(pair.later.form, ind, later_rows), variant="missing",
                path=ind.path, value=shown_target(ind.row), **_where(pair.target, ind.row),
            )  # fmt: skip
        for ind in matching.added:
            ctx.report(
                X002, at=ind.row.name or _target_cell(ind.row), variant="added",
                path=ind.path, value=shown_target(ind.row), **_where(pair.target, None),
            )  # fmt: skip


@X009.checks
def _check_x009(sub: Submission, ctx: Context) -> None:
    if sub.year is None or len(sub.kinds()) < 2:
        return
    for placed in sub.forms:
        year = placed.form.year
        if year is None or year == sub.year:
            continue
        # The forms that name the submission's year, for the message.
        others = Counter(p.form.kind for p in sub.forms if p.form.year == sub.year)
        listing = "、".join(f"{kind_name(k)} {n} 张" for k, n in others.items())
        listing_en = ", ".join(f"{n} {kind_name(k, 'en')}" for k, n in others.items())
        ctx.focus(placed.file, placed.form)
        ctx.report(
            X009, at=placed.form.year_cell or placed.form.title,
            expected=sub.year, actual=year, others=listing, others_en=listing_en,
            department=sub.department or _department_of(placed.form) or sub.folder,
        )  # fmt: skip


# --- helpers --------------------------------------------------------------------------------------


def _compared(sub: Submission) -> list[tuple[Pair, IndicatorMatching]]:
    """Each (target table, later form) pair of one year, both with indicators, matched."""
    out: list[tuple[Pair, IndicatorMatching]] = []
    for pair in chain_pairs(sub):
        if not same_year(pair):
            continue
        target, later = indicators_of(pair.target), indicators_of(pair.later)
        if target and later:
            out.append((pair, match_indicators(target, later)))
    return out


def _where(target: Placed, row: IndicatorRow | None) -> dict[str, Any]:
    """The target table's file (name only: it sits in the same folder), sheet and cell."""
    cell = _target_cell(row) if row is not None else None
    return {
        "target_file": PurePath(target.file).name,
        "target_sheet": cell.sheet if cell is not None else target.form.sheet,
        "target_cell": cell.address if cell is not None else "",
    }


def _target_cell(row: IndicatorRow) -> Located | None:
    return row.target or row.nature or row.name or row.level2 or row.level1


def _nearest(form: Form, ind: Indicator, rows: list[Indicator]) -> Located | None:
    """Where a missing indicator belongs in the later form: the last row of its 二级, else of its
    一级, else the indicator grid's header (else the form's title)."""
    for same in (
        lambda o: (o.level1, o.level2) == (ind.level1, ind.level2),
        lambda o: o.level1 == ind.level1,
    ):
        hits = sorted((o for o in rows if same(o)), key=lambda o: o.row.row)
        if hits:
            return hits[-1].row.name or _target_cell(hits[-1].row)
    grid = getattr(form, "grid", None)
    header = getattr(grid, "header", None)
    return header if isinstance(header, Located) else form.title


def _difference(target: IndicatorRow, later: IndicatorRow) -> str:
    """``later − target`` when both are numbers in one unit with the same operator, else ""."""
    a, b = target.target_value, later.target_value
    if a is None or b is None or not (a.is_quantitative and b.is_quantitative):
        return ""
    if a.unit != b.unit or a.upper is not None or b.upper is not None:
        return ""
    assert a.number is not None and b.number is not None
    diff = b.number - a.number
    if diff == 0:
        return ""
    sign = "+" if diff > 0 else ""
    return f"{sign}{fmt_decimal(diff)}{a.unit}"
