"""X007, X008 — the 自评报告 against the tables, and its outline (forms.md §6; rules.md X).

X007 (a submission rule) compares every figure the report quotes (report_figures.py) with the
table it comes from (rules.md, Placement): the department's 总分, 等级, 执行率 and money with the
部门整体支出绩效自评表; the project count and the projects' money (and their total 执行率) with the
汇总表 (its 合计 row, else the sum of its rows). A figure in a sentence that names one project is
compared with that project's 汇总表 row (else its project table). Figures are compared at the
report's printed precision: ±1 in the last digit it prints (``96分`` vs 95.5 is no finding;
``96分`` vs 94.5 is). X008 (a form rule) lists the outline sections the report lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from perfcli.forms.model import Located, SelfEvalProject, number_of
from perfcli.forms.model_package import Figure, SelfEvalReport, SelfEvalSummary, SummaryRow
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.forms.normalize import squash
from perfcli.forms.vocab import vocabulary
from perfcli.rules import _package as pkg
from perfcli.rules.base import Context, Rule, fmt_amount, fmt_decimal, fmt_pct
from perfcli.rules.common import round2
from perfcli.submissions import Placed, Submission

X007 = Rule(
    code="X007", name="report-figure-mismatch", severity="warning",
    forms=("selfeval_report",), scope="submission",
    title="报告中的数字与表格不一致", title_en="Report figure disagrees with the tables",
    messages={
        "default": "自评报告写“{text}”，{table}（{where}）的{field}为 {expected}，相差 {difference}",
        "grade": "自评报告写“{text}”，{table}（{where}）的{field}为“{expected}”",
        "count": "自评报告写“{text}”，{table}（{where}）列有 {expected} 个项目",
    },
    messages_en={
        "default": "The report says “{text}” but the {table_en} ({where_en}) gives {field_en} {expected}, a difference of {difference}",
        "grade": "The report says “{text}” but the {table_en} ({where_en}) gives {field_en} “{expected}”",
        "count": "The report says “{text}” but the {table_en} ({where_en}) lists {expected} projects",
    },
    hint="请核对报告中的数字，与{table}保持一致（报告引用的得分、等级、执行率、项目个数和金额都应取自表格）",
    hint_en="Make the report quote the same figures as the {table_en}",
    what="自评报告引用的数字与表格比较：部门整体的自评得分、等级、执行率、全年预算数（资金总额）、全年执行数与"
         "部门整体支出绩效自评表比较；项目个数和项目资金（全年预算数、执行数、合计执行率）与汇总表比较（合计行，"
         "没有合计行时为各行之和）；句中点名某个项目的数字与该项目在汇总表中的行（或其项目支出绩效自评表）比较。"
         "按报告印出的精度比较，允许末位 ±1；金额换算为元比较。“年初批复8个项目”“其中…”“产出指标得分”等部分数"
         "不比较；结果指向报告中的段落（第N段）或表格单元格。",
    why="报告是自评结论的说明；报告与表格的数字不一致，财政部门无法判断哪一个是真实的。",
    bad="报告写“自评得分96分”，部门整体支出绩效自评表总分为 99.67 分。",
    good="报告写“自评得分99.67分”。",
    params=("amount_tolerance",),
)  # fmt: skip

X008 = Rule(
    code="X008", name="report-section-missing", severity="warning", forms=("selfeval_report",),
    title="自评报告缺少必备部分", title_en="Report section missing",
    messages={"default": "自评报告缺少 {count} 个必备部分：{missing}（已识别的标题：{found}）"},
    messages_en={"default": "The report lacks {count} required section(s): {missing_en} (headings found: {found})"},
    hint="请按财预〔2020〕10号附件3的提纲补写：基本情况、自评工作开展情况、综合评价情况及评价结论、"
         "绩效目标实现情况、存在的问题及原因分析、改进措施及有关建议（标题措辞和编号可以不同）",
    hint_en="Follow the national outline (基本情况 … 改进措施及有关建议); wording and numbering may differ",
    what="自评报告应有国家参考提纲（forms.md §6）的各部分：一、基本情况；二、绩效自评工作开展情况；三、综合评价"
         "情况及评价结论；四、绩效目标实现情况/指标分析；五、存在的问题及原因分析；六、改进措施及有关建议。"
         "标题按 Word 标题样式或“一、”“（一）”“1.”等编号识别，措辞可以不同（如“自评结论”“下一步拟改进措施”），"
         "一个标题可以同时覆盖两部分（“存在的问题及改进措施”）。缺少的部分一并列出，结果指向报告标题段落。",
    why="提纲各部分是财政部门审核报告的依据；缺少问题分析或改进措施的报告不能说明自评的结论从何而来。",
    bad="报告只有“一、基本情况”“二、自评结论”两部分。",
    good="六个部分齐全，标题如“五、存在的问题及原因分析”。",
)  # fmt: skip

_TABLE_NAMES = {
    "dept": ("部门整体支出绩效自评表", "department self-evaluation table"),
    "summary": ("项目支出绩效自评情况汇总表", "summary table"),
    "row": ("项目支出绩效自评情况汇总表", "summary table"),
    "project": ("项目支出绩效自评表", "project self-evaluation table"),
}
_FIELDS = {
    "score": ("自评得分", "the score"), "grade": ("等级", "the grade"),
    "rate": ("执行率", "the execution rate"), "count": ("项目个数", "the project count"),
    "initial": ("年初预算数", "the initial budget"), "budget": ("全年预算数", "the full-year budget"),
    "executed": ("全年执行数", "the spending"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Source:
    """What one report figure is compared with: a table's value and where it stands."""

    table: str  # dept | summary | row | project
    file: str
    cell: Located | None
    value: Decimal | None
    word: str = ""  # a grade
    unit: str = ""  # the table's amount unit
    is_rate: bool = False


# --- X007 ----------------------------------------------------------------------------------------


@X007.checks
def _check_report(sub: Submission, ctx: Context) -> None:
    reports = pkg.reports(sub)
    if not reports:
        return
    dept = pkg.depts(sub)
    summary = pkg.summaries(sub)
    names = pkg.project_names(sub)
    for placed, report in reports:
        ctx.focus(placed.file, report)
        for figure in report.figures:
            if figure.subset or figure.kind not in _FIELDS:
                continue
            source = _source(figure, dept, summary, names, ctx)
            if source is not None:
                _compare(figure, source, ctx)


def _source(
    figure: Figure, dept: Sequence[tuple[Placed, SelfEvalDept]], summary: list[tuple[Placed, SelfEvalSummary]],
    names: list[tuple[str, SummaryRow | None, Placed | None]], ctx: Context,
) -> Source | None:  # fmt: skip
    named = _named_project(figure, names)
    if named is not None:
        return _project_source(figure, named, summary, ctx)
    if figure.scope == "projects" or figure.kind == "count":
        return _summary_source(figure, summary)
    return _dept_source(figure, dept, ctx)


# Words between a project's name and a figure that make the figure the department's again.
_WHOLE = ("部门", "整体", "全部", "合计", "总计", "共", "全年预算")


def _named_project(
    figure: Figure, names: list[tuple[str, SummaryRow | None, Placed | None]]
) -> tuple[SummaryRow | None, Placed | None] | None:
    """The project a figure is said of: a name printed before it in its sentence, with no word
    between them that turns to the whole (部门整体, 全部, 合计 …)."""
    sentence = squash(figure.sentence)
    at = sentence.find(figure.text)
    if at < 0:
        return None
    best: tuple[int, SummaryRow | None, Placed | None] | None = None
    for name, row, table in names:
        start = sentence.rfind(name, 0, at + 1)
        if start < 0 or any(w in sentence[start + len(name) : at] for w in _WHOLE):
            continue
        if best is None or start > best[0]:
            best = (start, row, table)
    return (best[1], best[2]) if best is not None else None


def _summary_source(figure: Figure, found: list[tuple[Placed, SelfEvalSummary]]) -> Source | None:
    if not found:
        return None
    placed, summary = found[0]
    unit = pkg.unit_of(summary)
    if figure.kind == "count":
        cell = summary.total.label if summary.total is not None else summary.headers.get("name")
        return Source("summary", placed.file, cell, Decimal(len(summary.rows)))
    if figure.kind in ("initial", "budget", "executed"):
        cell = summary.total.get(figure.kind) if summary.total is not None else None
        value = number_of(cell)
        if value is None:
            values = [number_of(row.get(figure.kind)) for row in summary.rows]
            if not values or any(v is None for v in values):
                return None
            value = sum((v for v in values if v is not None), Decimal(0))
        return Source("summary", placed.file, cell, value, unit=unit)
    if figure.kind == "rate" and summary.total is not None:
        rate = pkg.rate_percent(summary.total.rate)
        if rate is not None:
            return Source("summary", placed.file, summary.total.rate, rate.fraction, is_rate=True)
    return None


def _dept_source(
    figure: Figure, found: Sequence[tuple[Placed, SelfEvalDept]], ctx: Context
) -> Source | None:
    if not found:
        return None
    placed, form = found[0]
    total = form.funding.total if form.funding is not None else None
    score_cell = form.total.score if form.total is not None else None
    if figure.kind == "score":
        return Source("dept", placed.file, score_cell, number_of(score_cell))
    if figure.kind == "grade":
        word = pkg.canonical_grade(form.grade_word, ctx.profile)
        score = number_of(score_cell)
        if not word and score is not None:
            return Source("dept", placed.file, score_cell, None, ctx.profile.grade_for(score))
        return Source("dept", placed.file, form.grade, None, word) if word else None
    if total is None:
        return None
    if figure.kind == "rate":
        return _rate_source("dept", placed.file, total.get("rate"), total.get("budget"),
                            total.get("executed"))  # fmt: skip
    cell = total.get(figure.kind) if figure.kind in ("initial", "budget", "executed") else None
    return Source("dept", placed.file, cell, number_of(cell), unit=pkg.unit_of(form))


def _rate_source(
    table: str, file: str, rate: Located | None, budget: Located | None, executed: Located | None
) -> Source | None:
    printed = pkg.rate_percent(rate)
    if printed is not None:
        return Source(table, file, rate, printed.fraction, is_rate=True)
    b, e = number_of(budget), number_of(executed)
    if b and e is not None:
        return Source(table, file, executed, e / b, is_rate=True)
    return None


def _project_source(
    figure: Figure, named: tuple[SummaryRow | None, Placed | None],
    summary: list[tuple[Placed, SelfEvalSummary]], ctx: Context,
) -> Source | None:  # fmt: skip
    row, table = named
    if row is not None:
        file = next((p.file for p, s in summary if row in s.rows), "")
        unit = next((pkg.unit_of(s) for _, s in summary if row in s.rows), "万元")
        if figure.kind == "grade":
            word = pkg.canonical_grade(row.grade.text if row.grade else "", ctx.profile)
            return Source("row", file, row.grade, None, word) if word else None
        if figure.kind == "rate":
            return _rate_source("row", file, row.rate, row.budget, row.executed)
        if figure.kind in ("score", "initial", "budget", "executed"):
            cell = row.get(figure.kind)
            return Source("row", file, cell, number_of(cell), unit=unit)
        return None
    if table is None or not isinstance(table.form, SelfEvalProject):
        return None
    form = table.form
    total = form.funding.total if form.funding is not None else None
    if figure.kind == "score":
        cell = form.total.score if form.total is not None else None
        return Source("project", table.file, cell, number_of(cell))
    if figure.kind == "rate" and total is not None:
        return _rate_source("project", table.file, total.get("rate"), total.get("budget"),
                            total.get("executed"))  # fmt: skip
    if figure.kind in ("initial", "budget", "executed") and total is not None:
        cell = total.get(figure.kind)
        return Source("project", table.file, cell, number_of(cell), unit=pkg.unit_of(form))
    return None


def _compare(figure: Figure, source: Source, ctx: Context) -> None:
    values: dict[str, Any] = {
        "text": figure.text, "field": _FIELDS[figure.kind][0], "field_en": _FIELDS[figure.kind][1],
        "table": _TABLE_NAMES[source.table][0], "table_en": _TABLE_NAMES[source.table][1],
        "where": pkg.where(source.file, source.cell), "where_en": pkg.where_en(source.file, source.cell),
    }  # fmt: skip
    if figure.kind == "grade":
        written = pkg.canonical_grade(figure.word, ctx.profile)
        if written and source.word and written != source.word:
            _report(ctx, figure, "grade", figure.word, source.word, "", values)
        return
    if figure.value is None or source.value is None:
        return
    said = figure.value
    if figure.kind == "count":
        if said != source.value:
            _report(ctx, figure, "count", fmt_decimal(said), fmt_decimal(source.value), "", values)
        return
    if source.is_rate:
        table = source.value * 100
        if not pkg.same_printed(said, figure.decimals, table, Decimal(0)):
            difference = f"{fmt_decimal(abs(said - round2(table)))} 个百分点"
            _report(ctx, figure, "default", f"{fmt_decimal(said)}%", fmt_pct(source.value),
                    difference, values)  # fmt: skip
        return
    if figure.kind == "score":
        if not pkg.same_printed(said, figure.decimals, source.value, Decimal(0)):
            _report(ctx, figure, "default", f"{fmt_decimal(said)}分", f"{fmt_decimal(source.value)}分",
                    f"{fmt_decimal(abs(said - source.value))}分", values)  # fmt: skip
        return
    _compare_amount(figure, source, ctx, values)


def _compare_amount(figure: Figure, source: Source, ctx: Context, values: dict[str, Any]) -> None:
    assert figure.value is not None and source.value is not None
    unit = figure.unit
    said = pkg.to_yuan(figure.value, unit)
    table = pkg.to_yuan(source.value, source.unit or "万元")
    step = pkg.to_yuan(Decimal(1).scaleb(-figure.decimals), unit)
    tolerance = max(step, pkg.to_yuan(ctx.profile.amount_tolerance, "万元"))
    if abs(said - table) <= tolerance:
        return
    _report(ctx, figure, "default", f"{fmt_amount(figure.value)}{unit}",
            f"{fmt_amount(pkg.in_unit(table, unit))}{unit}",
            f"{fmt_amount(pkg.in_unit(abs(said - table), unit))}{unit}", values)  # fmt: skip


def _report(
    ctx: Context, figure: Figure, variant: str, actual: str, expected: str, difference: str,
    values: dict[str, Any],
) -> None:  # fmt: skip
    """A finding at the paragraph (or table cell) the figure was read from."""
    place = figure.place
    ctx.report(
        X007, variant=variant, actual=actual, expected=expected, difference=difference,
        sheet=place.sheet if place else None, cell=place.cell if place else None,
        row=place.row if place else None, **values,
    )  # fmt: skip


# --- X008 ----------------------------------------------------------------------------------------


@X008.checks
def _check_sections(report: SelfEvalReport, ctx: Context) -> None:
    names = vocabulary()["report"]["section_names"]
    have = report.sections
    missing = [key for key in names if key not in have]
    if not missing:
        return
    place = report.title_place
    titles = [h.title for h in report.headings if h.place.row != place.row]
    found = "、".join(titles[:8]) + ("…" if len(titles) > 8 else "") or "（无）"
    ctx.report(
        X008, sheet=place.sheet, cell=place.cell, row=place.row, count=len(missing),
        missing="；".join(names[k][0] for k in missing), missing_en="; ".join(names[k][1] for k in missing),
        found=found,
    )  # fmt: skip
