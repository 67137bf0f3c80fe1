"""A001 — the money totals: a total equals the sum of its parts, on every form that has money.

The self-evaluation's 资金总额 against its sources (and 基本支出 + 项目支出), a target table's 成本测算
合计 against its lines, a department's 年度主要任务 合计 against the tasks and each task's 总额
against 财政拨款 + 其他资金, and the identities a department header prints (④=①+②+③, ⑦=④-⑤).
Amounts are compared with the profile's amount tolerance in the form's unit; a part holding text
that is not a number is W004's business and stops the comparison.
"""

from __future__ import annotations

from decimal import Decimal

from perfcli.forms.kinds import SELFEVAL_KINDS
from perfcli.forms.model import (
    CostBlock,
    Form,
    FundingRow,
    Located,
    SelfEvalProject,
    TargetDept,
    TargetProject,
    number_of,
)
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.forms.normalize import squash
from perfcli.rules._dept_money import formula_sums
from perfcli.rules._funding_labels import column_name, units
from perfcli.rules.base import Context, Rule, fmt_amount
from perfcli.rules.common import AMOUNT_COLUMNS, COLUMN_NAMES_EN, amount_tolerance, shown, within

A001 = Rule(
    code="A001", name="funding-total-mismatch", severity="error", forms=(*SELFEVAL_KINDS, "target_project", "target_dept"),
    title="资金总额与各来源之和不符", title_en="Funding total does not equal its sources",
    messages={
        "default": "{total_label}的{column}为 {total}{unit}，各资金来源之和为 {sum}{unit}（{parts}），相差 {difference}{unit}",
        "cost": "成本测算{total_label}的{column}为 {total}{unit}，各成本构成之和为 {sum}{unit}（{parts}），相差 {difference}{unit}",
        "tasks": "年度主要任务{total_label}的{column}为 {total}{unit}，各项任务之和为 {sum}{unit}（{parts}），相差 {difference}{unit}",
        "task_row": "任务“{total_label}”的{column}为 {total}{unit}，财政拨款与其他资金之和为 {sum}{unit}（{parts}），相差 {difference}{unit}",
        "formula": "{total_label}的{column}为 {total}{unit}，按表头公式 {formula} 应为 {sum}{unit}（{parts}），相差 {difference}{unit}",
        "expense": "{total_label}的{column}为 {total}{unit}，基本支出与项目支出之和为 {sum}{unit}（{parts}），相差 {difference}{unit}",
    },
    messages_en={
        "default": "{column_en} of the total row is {total}{unit_en} but its sources add up to {sum}{unit_en} ({parts}), a difference of {difference}{unit_en}",
        "cost": "The cost build-up total ({column_en}) is {total}{unit_en} but its lines add up to {sum}{unit_en} ({parts}), a difference of {difference}{unit_en}",
        "tasks": "The tasks' total ({column_en}) is {total}{unit_en} but the tasks add up to {sum}{unit_en} ({parts}), a difference of {difference}{unit_en}",
        "task_row": "Task “{total_label}”: {column_en} is {total}{unit_en} but fiscal + other funds make {sum}{unit_en} ({parts}), a difference of {difference}{unit_en}",
        "formula": "{total_label}: {column_en} is {total}{unit_en} but the header's formula {formula} gives {sum}{unit_en} ({parts}), a difference of {difference}{unit_en}",
        "expense": "{column_en} of {total_label} is {total}{unit_en} but basic + project expenditure make {sum}{unit_en} ({parts}), a difference of {difference}{unit_en}",
    },
    hint="请核对{column}栏：{total_label}应等于其组成部分之和（各资金来源、成本构成或任务，部门整体自评表还有表头公式所列各栏）",
    hint_en="Check the {column_en} column: the total must equal the sum of its parts (source rows, cost lines or tasks; "
            "on a department self-evaluation also the columns the header's formula names)",
    what="年度资金总额行的每一金额栏（年初预算数、全年预算数、全年执行数、资金到位数；目标表的年度与中期资金）应等于"
         "其下各资金来源行之和；来源行空白或填“—”按 0 计，某一栏所有来源都空白时不核对该栏。目标表还核对成本测算的"
         "合计 = 各成本构成之和；部门整体目标表核对各资金构成（收入构成、支出构成：合计 = 各项之和）、"
         "年度主要任务的金额合计 = 各任务之和（总额、财政拨款、其他资金各栏），以及每项任务 总额 = 财政拨款 + 其他资金。"
         "部门整体支出绩效自评表核对资金总额 = 各资金来源之和、= 基本支出 + 项目支出，福建表样的 财政资金小计 = ①+②+③ "
         "各行、合计 = 各小计，以及表头印出的公式在每一行成立（小计④=①+②+③，本年度结余金额⑦=④-⑤）；"
         "年度主要任务的合计 = 各任务之和（预算数、执行数）。",
    why="资金总额是执行率、执行得分和汇总表的基础；总额与明细不符，说明有一处填错，后续计算都不可信。",
    bad="年度资金总额 全年预算数 120，其中：当年财政拨款 110、上年结转资金 8、其他资金 0（合计 118）。",
    good="年度资金总额 120 = 当年财政拨款 110 + 上年结转资金 10 + 其他资金 0。",
    params=("amount_tolerance",),
)  # fmt: skip


def _summed_sources(rows: list[FundingRow]) -> list[FundingRow]:
    """Source rows that are parts of the total: a second ``其中`` after other sources breaks one of
    them down further (``上年结转 / 其中：中央资金``) and is left out, so nothing is added twice."""
    out: list[FundingRow] = []
    for index, row in enumerate(rows):
        label = squash(row.label.text)
        if (
            index > 0
            and label.startswith("其中")
            and not squash(rows[index - 1].label.text).startswith("其中")
        ):
            continue
        out.append(row)
    return out


@A001.checks
def _check_total(form: SelfEvalProject | TargetProject | TargetDept, ctx: Context) -> None:
    tolerance = amount_tolerance(form, ctx.profile.amount_tolerance)
    blocks = list(getattr(form, "compositions", None) or ([form.funding] if form.funding else []))
    parts: list[FundingRow] = list(form.parts.values()) if isinstance(form, SelfEvalDept) else []
    for block in blocks:
        if block.total is not None:
            variant = "expense" if parts and all(r in parts for r in block.sources) else "default"
            _check_block(form, block.total, _summed_sources(block.sources), ctx, tolerance, variant)
    if isinstance(form, TargetProject) and form.cost is not None:
        _check_cost(form, form.cost, ctx, tolerance)
    if isinstance(form, TargetDept | SelfEvalDept):
        _check_tasks(form, ctx, tolerance)
    if isinstance(form, SelfEvalDept):
        _check_formula_sums(form, ctx, tolerance)


def _check_formula_sums(form: SelfEvalDept, ctx: Context, tolerance: Decimal) -> None:
    """The identities a department header prints (④=①+②+③, ⑦=④-⑤), row by row."""
    for item in formula_sums(form):
        if within(item.printed, item.expected, tolerance):
            continue
        parts = " ".join(
            f"{'+' if sign > 0 else '−'} {fmt_amount(value)}" for sign, value in item.parts
        ).removeprefix("+ ")
        ctx.report(
            A001, at=item.cell, variant="formula", expected=item.expected, actual=item.printed,
            total_label=shown(item.row.label), column=column_name(form, item.formula.result),
            column_en=COLUMN_NAMES_EN.get(item.formula.result, item.formula.result),
            formula=item.formula.text, total=fmt_amount(item.printed), sum=fmt_amount(item.expected),
            difference=fmt_amount(abs(item.printed - item.expected)), parts=parts, **units(form),
        )  # fmt: skip


def _check_block(
    form: Form, total: FundingRow, sources: list[FundingRow], ctx: Context, tolerance: Decimal,
    variant: str = "default",
) -> None:  # fmt: skip
    if not sources:
        return
    columns = (*AMOUNT_COLUMNS, "midterm", "previous", "carryover", "adjustment", "balance")
    for column in columns:
        _compare(form, ctx, tolerance, variant, shown(total.label), column,
                 total.get(column), [row.get(column) for row in sources])  # fmt: skip


def _compare(
    form: Form, ctx: Context, tolerance: Decimal, variant: str, total_label: str, column: str,
    total_cell: Located | None, cells: list[Located | None], column_label: str = "",
) -> None:  # fmt: skip
    """Report when a total cell differs from the sum of its part cells (blank parts count 0)."""
    total_value = number_of(total_cell)
    if total_cell is None or total_value is None or not cells:
        return
    if any(loc is not None and loc.number.status == "bad" for loc in cells):
        return  # a part holds text that is not a number: W004's business
    values = [number_of(loc) for loc in cells]
    if all(v is None for v in values):
        return  # nothing declared in this column
    parts = [v if v is not None else Decimal(0) for v in values]
    summed = sum(parts, Decimal(0))
    if within(total_value, summed, tolerance):
        return
    column_text = column_label or column_name(form, column)
    if squash(column_text).rstrip(":：") in squash(total_label):
        column_text = (
            "金额"  # "年度资金总额的年度资金总额" reads as nonsense: the header repeats the row
        )
    ctx.report(
        A001, at=total_cell, variant=variant, expected=summed, actual=total_value,
        total_label=total_label, column=column_text,
        column_en=COLUMN_NAMES_EN.get(column, column), total=fmt_amount(total_value),
        sum=fmt_amount(summed), difference=fmt_amount(abs(total_value - summed)),
        parts=" + ".join(fmt_amount(p) for p in parts), **units(form),
    )  # fmt: skip


def _check_cost(form: TargetProject, cost: CostBlock, ctx: Context, tolerance: Decimal) -> None:
    """成本构成 | 金额 | 往年实际执行数…: the 合计 row equals the sum of the lines, per column."""
    if cost.total is None or not cost.rows:
        return
    label = shown(cost.total.label)
    _compare(form, ctx, tolerance, "cost", label, "amount", cost.total.amount,
             [row.amount for row in cost.rows], column_label="金额")  # fmt: skip
    for header in cost.total.others:
        _compare(form, ctx, tolerance, "cost", label, header, cost.total.others.get(header),
                 [row.others.get(header) for row in cost.rows], column_label=header)  # fmt: skip


_TASK_COLUMNS = {"budget": "总额", "fiscal": "财政拨款", "other": "其他资金", "executed": "执行数"}


def _check_tasks(form: TargetDept | SelfEvalDept, ctx: Context, tolerance: Decimal) -> None:
    """金额合计 = Σ tasks per column, and 总额 = 财政拨款 + 其他资金 on each task row."""
    if form.tasks_total is not None and form.tasks:
        label = shown(form.tasks_total.name)
        for key, name in _TASK_COLUMNS.items():
            _compare(form, ctx, tolerance, "tasks", label, key, form.tasks_total.cells.get(key),
                     [task.cells.get(key) for task in form.tasks], column_label=name)  # fmt: skip
    rows = [*form.tasks, *([form.tasks_total] if form.tasks_total is not None else [])]
    for task in rows:
        parts = [task.cells.get("fiscal"), task.cells.get("other")]
        if all(p is None for p in parts):
            continue
        _compare(form, ctx, tolerance, "task_row", shown(task.name), "budget",
                 task.cells.get("budget"), parts, column_label="总额")  # fmt: skip
