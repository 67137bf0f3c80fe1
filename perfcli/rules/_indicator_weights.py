"""Q013 — the indicator weights add up to the total the form says they should.

The total printed in the indicator block's label (绩效指标(90分)) always; on a target table without
one, 100 less the form's own 预算执行 points, else the profile's ``indicator_weight_total`` or 100.
A self-evaluation without a label is left to A007 (execution + indicators = 100). The rows that
count are ``common.counted_rows`` (no template rows, no unscored 其中 rows, a parent or its parts).
"""

from __future__ import annotations

from decimal import Decimal

from perfcli.forms.kinds import MONITOR_KINDS, TARGET_KINDS
from perfcli.forms.model import Form, IndicatorGrid, TargetDept, TargetProject, number_of
from perfcli.rules.base import Context, Rule, fmt_decimal
from perfcli.rules.common import counted_rows

Q013 = Rule(
    code="Q013", name="indicator-weights-total", severity="error",
    forms=("selfeval_project", *TARGET_KINDS, *MONITOR_KINDS),  # selfeval_dept: A007 judges it
    title="指标分值合计不符", title_en="Indicator weights do not add up",
    messages={
        "default": "各三级指标分值合计 {actual} 分，与“{label}”标明的 {expected} 分不一致（相差 {diff} 分）",
        "hundred": "各三级指标权重合计 {actual} 分，应为 {expected} 分（相差 {diff} 分）",
        "execution": "各三级指标分值合计 {actual} 分，应为 {expected} 分（100 分减去预算执行 {execution} 分，"
                     "相差 {diff} 分）",
    },
    messages_en={
        "default": "The indicator weights add up to {actual}, not the {expected} printed in '{label}' "
                   "(difference {diff})",
        "hundred": "The indicator weights add up to {actual}, not {expected} (difference {diff})",
        "execution": "The indicator weights add up to {actual}, not {expected} (100 less the {execution} "
                     "points of budget execution; difference {diff})",
    },
    hint="请调整各三级指标的分值（权重），使其合计等于 {expected} 分；父项与其分项只计一次",
    hint_en="Adjust the indicator weights so that they add up to {expected}; count a parent and its "
            "parts once",
    what="各三级指标的分值/权重之和应等于：指标块标签中写明的总分（绩效指标(90分)、年度绩效目标(80分)）；"
         "绩效目标表没有这样的标签时，表上另有预算执行分值（预算执行 10分）的为 100 减去它，否则为 100"
         "（参数 indicator_weight_total 可指定）。未填写的模板行、不计分的“其中”行不计入，父项与分项只计一次；"
         "没有分值/权重栏的表不检查。自评表只核对标签中的总分，总分 100 另由 A007 检查。",
    why="指标权重合计与规定总分不符，总分就不是百分制，等级判断随之失真。",
    bad="绩效指标(90分)：各指标权重 30 + 30 + 20 = 80；一体化申报表中一个项目的权重合计 90。",
    good="权重 30 + 30 + 20 + 10 = 90；一体化申报表中每个项目的权重合计 100。",
    params=("score_tolerance", "indicator_weight_total"),
)  # fmt: skip


@Q013.checks
def _check_q013(form: Form, ctx: Context) -> None:
    # Read only what every form kind with an indicator grid has: the grid, its label weight and
    # its rows' 分值. Kinds not modelled yet (UnparsedForm) have no grid and are skipped.
    grid = getattr(form, "grid", None)
    if not isinstance(grid, IndicatorGrid) or not grid.has("weight"):
        return
    rows = [r for r in counted_rows(grid) if number_of(r.weight) is not None]
    if not rows:
        return
    total = sum((number_of(r.weight) or Decimal(0) for r in rows), Decimal(0))
    expected, variant, execution = _weight_total(form, grid, ctx)
    if expected is None or abs(total - expected) <= ctx.profile.score_tolerance:
        return
    label = grid.block_label.text if grid.block_label is not None else ""
    at = grid.block_label if variant == "default" else rows[0].weight
    ctx.report(
        Q013, at=at or grid.header, variant=variant, expected=expected, actual=total,
        label=label, diff=fmt_decimal(total - expected), execution=execution,
    )  # fmt: skip


def _weight_total(
    form: Form, grid: IndicatorGrid, ctx: Context
) -> tuple[Decimal | None, str, Decimal | None]:
    """What the weights should add up to, and how the form says so (rules.md clarifications).

    The total printed in the block label always; on a target table without one, 100 less the
    form's own 预算执行 points, else the profile's ``indicator_weight_total`` or 100. A
    self-evaluation without a label is left to A007 (execution + indicators = 100).
    """
    if grid.weight_from_label is not None:
        return grid.weight_from_label, "default", None
    if not isinstance(form, TargetProject | TargetDept):
        return None, "", None
    execution = form.execution_weight if isinstance(form, TargetProject) else None
    if execution is not None:
        return Decimal(100) - execution, "execution", execution
    configured = ctx.profile.indicator_weight_total
    return Decimal(configured if configured is not None else 100), "hundred", None
