"""Q — what the indicators are: required categories, 产出 subcategories, names, vocabulary.

Q001 (a required 一级 category missing), Q002 (产出 without 数量/质量/时效), Q007 (a 三级 name that
names nothing measurable), Q009 (the same 三级 twice), Q011 (a 一级/二级 label outside the
vocabulary), Q012 (a budget-process measure used as an output or benefit).

The 一级 → 二级 vocabulary and the word lists are data (labels.toml ``[categories]``);
_category_vocab.py indexes them once and reads every row's category the same way for every rule
(``categorise`` and ``category_vocabulary`` are re-exported here for the modules that import them
from this one).
"""

from __future__ import annotations

import re
from typing import Any

from perfcli.forms.kinds import INDICATOR_KINDS
from perfcli.forms.model import IndicatorRow, Located, TargetProject, text_of
from perfcli.forms.model_monitor import MonitorProject
from perfcli.forms.normalize import norm_label, squash
from perfcli.rules._category_vocab import bare
from perfcli.rules._category_vocab import categorise as categorise
from perfcli.rules._category_vocab import category_vocabulary as category_vocabulary
from perfcli.rules._scoring import IndicatorForm, indicator_grids, indicator_rows, is_label_only
from perfcli.rules.base import Context, Rule

FORMS = ("selfeval_project", "target_project", "target_dept")
TARGET_FORMS = ("target_project", "target_dept")

LEVEL1_NAMES = {"output": "产出指标", "cost": "成本指标", "benefit": "效益指标",
                "satisfaction": "满意度指标"}  # fmt: skip
LEVEL1_NAMES_EN = {"output": "output", "cost": "cost", "benefit": "benefit",
                   "satisfaction": "satisfaction"}  # fmt: skip
OUTPUT_PARTS = {"quantity": "数量指标", "quality": "质量指标", "timeliness": "时效指标"}
OUTPUT_PARTS_EN = {"quantity": "quantity", "quality": "quality", "timeliness": "timeliness"}
# The template's placeholder names (指标1, 指标2：, ……, **, XX) — rows that keep one but carry values.
_PLACEHOLDER_NAME = re.compile(
    r"^(?:指标\d*[:：]?|…+|\.{3,}|\*+|[Xx]{1,}|[(（]?[≥≤]?\*+[^)）]*[)）]?)$"
)
_MONEY_UNITS = frozenset({"元", "万元", "千元", "百万元", "亿元"})


# --- rules ----------------------------------------------------------------------------------------

Q001 = Rule(
    code="Q001", name="missing-indicator-category", severity="error", forms=INDICATOR_KINDS,
    title="缺少必备的一级指标", title_en="Required indicator category missing",
    messages={
        "default": "绩效指标中没有“{category}”下的三级指标（表中有：{present}）",
        "cost": "{year}年度的项目绩效目标应设置成本指标（{from_year}年起为一级指标），表中既没有一级"
                "“成本指标”，也没有产出指标下的二级“成本指标”（表中有：{present}）",
    },
    messages_en={
        "default": "No indicator under '{category}' ({category_en}); the grid has: {present}",
        "cost": "A {year} project target needs a cost indicator (a 一级 category from {from_year}): "
                "there is neither a 一级 成本指标 nor a 成本指标 under 产出指标 (the grid has: {present})",
    },
    hint="请在“{category}”下至少设置一个三级指标并填写指标值",
    hint_en="Add at least one indicator with a target under '{category}'",
    what="绩效指标中缺少必备的一级指标：产出指标、效益指标（效果指标）、满意度指标；项目绩效目标表（及监控这些目标的项目绩效运行监控表）自"
         "参数 cost_category_from_year（2022）年度起还须有成本指标，一级“成本指标”或产出指标下的二级"
         "“成本指标”均可。一级指标栏空白或填的是二级指标时，按二级指标归类（数量指标 → 产出指标）。"
         "自评表和部门整体绩效目标表不要求成本指标（财预〔2021〕101号是项目支出绩效目标的设置指引）；"
         "部门整体支出绩效自评表按其表样要求（安徽固定评价框架“投入/过程/产出/效益”只要求产出和效益）；"
         "表中的一级/二级指标全都无法识别时不报告（由 Q011 指出）。",
    why="财预〔2015〕88号和财预〔2020〕10号要求绩效指标覆盖产出、效益和满意度；财预〔2021〕101号起成本指标"
        "是项目绩效目标的一级指标。缺少一类，绩效就有一块无从衡量。",
    bad="2023年度项目绩效目标表只有产出指标、效益指标、满意度指标。",
    good="增加一级“成本指标” → 经济成本指标 → 人均补助成本 ≤ 1200元/人。",
    params=("cost_category_from_year",),
)  # fmt: skip

Q002 = Rule(
    code="Q002", name="missing-output-subcategory", severity="warning", forms=TARGET_FORMS,
    title="产出指标缺少数量、质量或时效指标", title_en="Output lacks quantity, quality or timeliness",
    messages={"default": "产出指标下没有{missing}（表中产出指标的二级指标：{present}）"},
    messages_en={"default": "The output indicators have no {missing_en} indicator (they have: {present})"},
    hint="请在产出指标下补充{missing}，各设置至少一个可衡量的三级指标",
    hint_en="Add {missing_en} indicators under 产出指标, each with a measurable target",
    what="产出指标下缺少数量指标、质量指标或时效指标中的一类（按二级指标判断，含同义写法）。产出指标整体"
         "缺失由 Q001 报告；产出指标各行都没有二级指标时无从判断，不报告。只检查绩效目标表。",
    why="数量、质量、时效是产出的三个基本维度；缺少一个，目标就只说了“做多少”而没说“做多好、多快”。",
    bad="产出指标只有数量指标“培训人次 ≥500人次”。",
    good="再加质量指标“培训合格率 ≥95%”、时效指标“2023年10月底前完成”。",
)  # fmt: skip

Q007 = Rule(
    code="Q007", name="indicator-name-vague", severity="warning", forms=FORMS,
    title="三级指标名称含糊", title_en="Indicator name vague",
    messages={
        "empty": "三级指标名称为空（{level2}，指标值“{value}”）",
        "number": "三级指标名称是一个数字“{text}”，没有说明衡量什么（{level2}）",
        "placeholder": "三级指标名称仍是表样占位“{text}”，没有填写指标名称",
        "same_as_level2": "三级指标名称“{text}”与其二级指标“{level2}”相同，没有说明具体衡量什么",
        "generic": "三级指标名称“{text}”是类别名称，没有说明具体衡量什么",
    },
    messages_en={
        "empty": "The indicator has no name ({level2}, target '{value}')",
        "number": "The indicator name is a number, '{text}': it says nothing about what is measured",
        "placeholder": "The indicator name is still the template placeholder '{text}'",
        "same_as_level2": "The indicator name '{text}' repeats its 二级 category '{level2}'",
        "generic": "The indicator name '{text}' is a category name, not something measurable",
    },
    hint="请填写具体、可衡量的三级指标名称，如“培训人次”“验收合格率”“群众满意度”",
    hint_en="Name what is measured: 培训人次, 验收合格率, 群众满意度",
    what="三级指标名称为空、是一个数字、仍是表样占位（指标1、……）、与其二级指标相同，或只是类别名称"
         "（社会效益、效果、数量、质量……）。“服务对象满意度”一类满意度名称是通行的指标名，不报告；"
         "没有填写指标值的表样占位行由 S003 报告。",
    why="三级指标是唯一由单位自拟的一级，名称含糊就不知道衡量的是什么，指标值也无从核对。",
    bad="社会效益指标 | 社会效益 | 持续改善；数量指标 | 88 | 100。",
    good="社会效益指标 | 受益群众人数 | ≥5000人。",
)  # fmt: skip

Q009 = Rule(
    code="Q009", name="duplicate-indicator", severity="warning", forms=FORMS,
    title="三级指标重复", title_en="Duplicate indicator",
    messages={"default": "三级指标“{text}”重复出现，第 {first_row} 行（{first}）已有同名指标"},
    messages_en={"default": "Indicator '{text}' appears twice; row {first_row} ({first}) has the same name"},
    hint="请删除重复的指标，或改为衡量不同内容的指标",
    hint_en="Delete the duplicate, or make it measure something different",
    what="同一张表（同一个指标表）中同名的三级指标出现两次及以上（名称去掉空白、序号和★后比较）。"
         "不同父项下的编号子项、中期与年度两张指标表之间不比较；名称含糊的行由 Q007 报告，不再重复报告。",
    why="重复的指标让同一项内容计两次分，也说明指标是复制粘贴而来。",
    bad="数量指标 | 培训人次 | ≥500人次；质量指标 | 培训人次 | ≥500人次。",
    good="质量指标改为“培训合格率 ≥95%”。",
)  # fmt: skip

Q011 = Rule(
    code="Q011", name="unknown-category", severity="warning", forms=FORMS,
    title="指标类别不规范", title_en="Unknown indicator category",
    messages={
        "level1": "一级指标“{text}”不是规定的一级指标（产出指标、成本指标、效益指标、满意度指标）",
        "level2": "二级指标“{text}”不是规定的二级指标（{level1}下应为：{expected}）",
        "level2_as_level1": "一级指标栏填写的是二级指标“{text}”（属于{parent}），一级指标未填写",
        "misplaced": "二级指标“{text}”属于{parent}，却填在一级指标“{level1}”下",
    },
    messages_en={
        "level1": "'{text}' is not a 一级 category (产出指标, 成本指标, 效益指标, 满意度指标)",
        "level2": "'{text}' is not a 二级 category (under {level1}: {expected})",
        "level2_as_level1": "The 一级 column holds the 二级 category '{text}' (of {parent}); the 一级 is missing",
        "misplaced": "'{text}' belongs to {parent} but sits under '{level1}'",
    },
    hint="请按规定的指标体系填写：产出指标（数量/质量/时效/成本指标）、成本指标（经济/社会/生态环境成本指标）、"
         "效益指标（经济/社会/生态效益、可持续影响指标）、满意度指标（服务对象满意度指标）",
    hint_en="Use the prescribed categories: 产出指标 (数量/质量/时效/成本), 成本指标 (经济/社会/生态环境成本), "
            "效益指标 (经济/社会/生态效益, 可持续影响), 满意度指标 (服务对象满意度)",
    what="一级、二级指标是规定的分类（forms.md §3，labels.toml [categories]，含同义写法：效果指标 = 效益指标，"
         "社会公众或服务对象满意度指标 = 满意度指标；分值“(50分)”和分值区间“(0-20)分”不影响识别）。"
         "不在分类中的标签（项目决策、项目效益、制度指标、错别字）、一级指标栏填了二级指标、二级指标放错"
         "一级，均报告，每个标签单元格一次。产出指标下的成本指标（含经济成本指标等）不报告。",
    why="分类不规范的指标无法汇总比对，也常说明套用了评价指标体系（决策/过程/产出/效益）而不是目标表。",
    bad="一级指标“项目决策”；二级指标“社会效益效益指标”。",
    good="一级指标“产出指标”；二级指标“社会效益指标”。",
)  # fmt: skip

Q012 = Rule(
    code="Q012", name="input-as-output", severity="info", forms=FORMS,
    title="以预算执行代替产出", title_en="Budget process used as an output",
    messages={
        "process": "{category}“{text}”衡量的是预算执行过程（“{word}”），不是项目的产出或效果",
        "amount": "产出指标“{text}”的指标值“{value}”是资金金额，衡量的是投入，不是产出",
    },
    messages_en={
        "process": "'{text}' ({category_en} indicator) measures the budget process ('{word}'), not what "
                   "the project delivers",
        "amount": "Output indicator '{text}' is a money amount ('{value}'): an input, not an output",
    },
    hint="预算执行率由资金栏目单独评价；请改为项目实际提供的产品、服务或带来的效果，如“改造管网 ≥12公里”",
    hint_en="Budget execution is scored on its own; name what the project delivers instead (改造管网 ≥12公里)",
    what="产出指标或效益指标中出现预算执行类指标（预算执行率、资金到位率、资金支出率、下达率、预算完成率"
         "等，名称中要有资金/预算/经费等字样，“配方肥到位率”不算），或产出指标的指标值是资金金额"
         "（工程资金金额 43.2万元）。成本指标、人均补助标准不在此列。",
    why="财预〔2020〕10号把预算执行率单独计分；把“花钱”当成产出或效益，目标就没有说明钱买来了什么。",
    bad="产出指标 | 数量指标 | 资金到位率 | 100%；数量指标 | 工程资金金额 | 43.2万元。",
    good="数量指标 | 改造供暖管网 | ≥1.2公里。",
)  # fmt: skip


# --- Q001 / Q002 ----------------------------------------------------------------------------------


def _annual_rows(form: IndicatorForm) -> list[IndicatorRow]:
    if form.grid is None:
        return []
    return [r for r in form.grid.rows if r.is_scored and not is_label_only(r)]


def _grid_cell(form: IndicatorForm, rows: list[IndicatorRow]) -> Located | None:
    """Where a finding about the whole grid points: its header; for a project cut from a grid the
    sheet's projects share (一体化 export: the header stands above the project's first row), the
    一级 cell on the project's own first row. Every project of an export is then pointed at its
    own rows — the first one too, not the header all of them share."""
    grid = form.grid
    assert grid is not None
    if grid.header.row >= form.first_row:
        return grid.header
    first = next((r for r in grid.rows if r.row == form.first_row), rows[0])
    return first.level1 or form.project_name or grid.header


def _present(rows: list[IndicatorRow]) -> str:
    labels = [r.level1_name for r in rows if r.level1_name]
    return "、".join(dict.fromkeys(squash(label) for label in labels)) or "（无一级指标）"


@Q001.checks
def _check_q001(form: IndicatorForm, ctx: Context) -> None:
    rows = _annual_rows(form)
    if form.grid is None or not rows:
        return
    categories = [categorise(r) for r in rows]
    found = {c.level1 for c in categories if c.level1 is not None}
    if not found:
        return  # nothing recognised: Q011 says why; guessing here would only add noise
    present = _present(rows)
    at = _grid_cell(form, rows)
    # A layout with a framework of its own (部门整体自评 安徽: 投入/过程/产出/效益) asks for fewer.
    required = getattr(form, "required_categories", ("output", "benefit", "satisfaction"))
    for key in required:
        if key not in found:
            ctx.report(Q001, at=at, category=LEVEL1_NAMES[key],
                       category_en=LEVEL1_NAMES_EN[key], present=present)  # fmt: skip
    from_year = ctx.profile.cost_category_from_year
    needs_cost = (
        # a project monitoring table monitors the approved project targets: the same categories
        isinstance(form, TargetProject | MonitorProject)
        and form.year is not None
        and form.year >= from_year
    )
    if needs_cost and not any(c.is_cost for c in categories):
        ctx.report(Q001, at=at, variant="cost", category="成本指标",
                   category_en="cost", year=form.year, from_year=from_year, present=present)  # fmt: skip


@Q002.checks
def _check_q002(form: IndicatorForm, ctx: Context) -> None:
    output = [(r, c) for r in _annual_rows(form) if (c := categorise(r)).level1 == "output"]
    parts = {c.level2 for _, c in output if c.level2 is not None}
    if not parts:
        return  # no 产出 rows (Q001), or none with a 二级 label: nothing to judge
    missing = [key for key in OUTPUT_PARTS if key not in parts]
    if not missing:
        return
    first = output[0][0]
    at = first.level1 if first.level1 is not None and not first.level1.is_empty else first.level2
    present = "、".join(dict.fromkeys(c.level2_label for _, c in output if c.level2_label))
    ctx.report(Q002, at=at, missing="、".join(OUTPUT_PARTS[k] for k in missing),
               missing_en="/".join(OUTPUT_PARTS_EN[k] for k in missing), present=present)  # fmt: skip


# --- Q007 / Q009 ----------------------------------------------------------------------------------


def vague_name(row: IndicatorRow) -> str | None:
    """The Q007 variant for a row's 三级 name, or None when the name says what is measured."""
    loc = row.name
    if loc is None:
        return None
    text = squash(loc.text)
    if not text:
        return "empty"
    if loc.number.ok:
        return "number"
    if _PLACEHOLDER_NAME.match(re.sub(r"^[★☆]+", "", text)):
        return "placeholder"
    label = norm_label(text)
    vocab = category_vocabulary()
    if label in vocab.generic or bare(label) in vocab.generic:
        return "generic"
    if "满意度" in label and label != "满意度":
        return None  # 服务对象满意度 under 服务对象满意度指标: the standard name of a survey result
    if row.level2_name and bare(label) == bare(norm_label(row.level2_name)):
        return "same_as_level2"
    return None


@Q007.checks
def _check_q007(form: IndicatorForm, ctx: Context) -> None:
    for grid in indicator_grids(form):
        if not grid.has("name"):
            continue  # a layout without a 三级 column names its indicators by the 二级
        for row in grid.rows:
            if not row.is_scored or row.name is None or is_label_only(row):
                continue
            variant = vague_name(row)
            if variant is None:
                continue
            ctx.report(Q007, at=row.name, variant=variant, text=row.name.text,
                       level2=row.level2_name or row.level1_name, value=text_of(row.target))  # fmt: skip


@Q009.checks
def _check_q009(form: IndicatorForm, ctx: Context) -> None:
    for grid in indicator_grids(form):
        seen: dict[tuple[int | None, str], Located] = {}
        for row in grid.rows:
            if not row.is_scored or is_label_only(row) or row.name is None:
                continue
            if vague_name(row) is not None:
                continue
            key = (row.parent, norm_label(row.name.text))
            first = seen.setdefault(key, row.name)
            if first is not row.name:
                ctx.report(Q009, at=row.name, text=squash(row.name.text),
                           first=first.address, first_row=first.excel_row)  # fmt: skip


# --- Q011 -----------------------------------------------------------------------------------------


@Q011.checks
def _check_q011(form: IndicatorForm, ctx: Context) -> None:
    vocab = category_vocabulary()
    reported: set[tuple[int, int]] = set()

    def report(loc: Located, variant: str, **values: Any) -> None:
        if (loc.row, loc.col) not in reported:
            reported.add((loc.row, loc.col))
            ctx.report(Q011, at=loc, variant=variant, text=squash(loc.text), **values)

    for grid in indicator_grids(form):
        # A grid whose 一级 column holds 二级 labels (Ezhou 2022) has its 三级 names in the 二级
        # column: those are names, not unknown categories.
        shifted = any(categorise(row).shifted for row in grid.rows)
        for row in grid.rows:
            level1 = vocab.level1_key(row.level1_name) if row.level1_name else None
            if row.level1 is not None and level1 is None and not _is_filler(row.level1_name):
                moved = vocab.level2_pairs(row.level1_name)
                if moved:
                    report(row.level1, "level2_as_level1", parent=LEVEL1_NAMES[moved[0][0]])
                else:
                    report(row.level1, "level1")
            if shifted or row.level2 is None or _is_filler(row.level2_name):
                continue
            pairs = vocab.level2_pairs(row.level2_name)
            if not pairs:
                if level1 is not None and vocab.level1_key(row.level2_name) == level1:
                    continue  # a one-level category repeated in the 二级 column
                report(row.level2, "level2", level1=squash(row.level1_name) or "一级指标",
                       expected=_expected(level1))  # fmt: skip
            elif level1 is not None and all(parent != level1 for parent, _ in pairs):
                if level1 == "output" and any(parent == "cost" for parent, _ in pairs):
                    continue  # 经济成本指标 under 产出: 成本 as a 二级 (rules.md)
                report(row.level2, "misplaced", parent=LEVEL1_NAMES[pairs[0][0]],
                       level1=squash(row.level1_name))  # fmt: skip


def _is_filler(label: str) -> bool:
    """Empty, or template filler (``…``, ``**``) left in a label cell: S003's business."""
    text = squash(label)
    return not text or bool(_PLACEHOLDER_NAME.match(text))


def _expected(level1: str | None) -> str:
    labels = category_vocabulary().level2_labels
    if level1 is None:
        return "、".join(label for parts in labels.values() for label in parts)
    return "、".join(labels.get(level1, []))


# --- Q012 -----------------------------------------------------------------------------------------


@Q012.checks
def _check_q012(form: IndicatorForm, ctx: Context) -> None:
    vocab = category_vocabulary()
    for row in indicator_rows(form):
        if row.name is None:
            continue
        category = categorise(row)
        if category.level1 not in ("output", "benefit") or category.is_cost:
            continue
        name = squash(row.name.text)
        has_money = any(word in name for word in vocab.money)
        word = next((w for w in vocab.process if w in name), "")
        if word and (has_money or name == word):
            ctx.report(Q012, at=row.name, variant="process", text=name, word=word,
                       category=LEVEL1_NAMES[category.level1], category_en=LEVEL1_NAMES_EN[category.level1])  # fmt: skip
            continue
        target = row.target_value
        if (
            category.level1 == "output"
            and has_money
            and not any(word in name for word in vocab.not_money)
            and target is not None
            and target.is_quantitative
            and (target.unit in _MONEY_UNITS or (not target.unit and "金额" in name))
        ):
            ctx.report(Q012, at=row.name, variant="amount", text=name, value=text_of(row.target))


RULES = [Q001, Q002, Q007, Q009, Q011, Q012]
