"""A019 — a score counted twice: a funding source row that repeats the total's 分值/得分, or a
numbered parent (一、…) scored together with its parts (1、2、…).

Execution is scored once, on the 资金总额 row; a parent or its children carry the points, never
both (``common.counted_rows`` counts one of them; this rule tells the preparer which).
"""

from __future__ import annotations

from decimal import Decimal

from perfcli.forms.kinds import SELFEVAL_KINDS
from perfcli.forms.model import FundingRow, Located, SelfEvalProject, number_of
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.rules._dept_money import money_rows
from perfcli.rules.base import Context, Rule, fmt_decimal
from perfcli.rules.common import filled_number, shown

A019 = Rule(
    code="A019", name="double-counted-row", severity="error", forms=SELFEVAL_KINDS,
    title="重复计分", title_en="Row counted twice",
    messages={
        "source": "资金来源行“{row_label}”填写了{what}，执行得分只应在{total_label}行计一次",
        "row": "“{row_label}”行填写了{what}，执行得分只应在{total_label}行计一次",
        "parent": "“{parent}”得分 {actual} 与其下 {count} 个子项（{parts}）同时计分，合计时会重复计算",
    },
    messages_en={
        "source": "The source row {row_label} carries {what_en}; execution is scored once, on the total row",
        "row": "The row {row_label} carries {what_en}; execution is scored once, on the total row",
        "parent": "{parent} is scored {actual} together with its {count} sub-items ({parts}); "
                  "adding all rows counts it twice",
    },
    hint="分值和得分只在一处填写：资金来源行和父项行填“—”，或删去子项的分值",
    hint_en="Score each item once: put '—' in source and parent rows, or remove the sub-items' scores",
    what="“其中”等资金来源行不应填写分值/得分（执行得分只在资金总额行计一次；部门整体支出绩效自评表的基本支出、"
         "项目支出等资金行同样不计分）；有编号子项（1、2、…）的父项（一、二、…）与子项不应同时计分。",
    why="重复计分会让分值合计超过 100、总分虚高；逐行相加的汇总工具会算错。",
    bad="其中：本年财政拨款 | 30 | 30 | 10 | 100% | 10（重复了总额行的分值和得分）。",
    good="其中：本年财政拨款 | 30 | 30 | — | — | —。",
)  # fmt: skip


_EN = {"分值": "weight", "得分": "score"}


def _source_rows(form: SelfEvalProject | SelfEvalDept) -> list[FundingRow]:
    """The rows under the total that must not be scored: its sources, and on a department's table
    also 基本支出 / 项目支出 and Fujian's ①②③ under their 小计 (every money row but the total)."""
    assert form.funding is not None
    if isinstance(form, SelfEvalDept):
        return [row for row in money_rows(form) if row is not form.funding.total]
    return list(form.funding.sources)


@A019.checks
def _check_double_counting(form: SelfEvalProject, ctx: Context) -> None:
    block = form.funding
    if block is not None and block.total is not None:
        total_label = shown(block.total.label)
        for row in _source_rows(form):
            carried = [
                (name, loc)
                for name, loc in (("分值", row.get("weight")), ("得分", row.get("score")))
                if loc is not None and filled_number(loc)
            ]
            if not carried:
                continue
            ctx.report(
                A019, at=carried[-1][1], variant="source" if any(row is s for s in block.sources) else "row",
                row_label=shown(row.label),
                what=" / ".join(f"{name} {loc.text}" for name, loc in carried),
                what_en=" / ".join(f"{_EN[name]} {loc.text}" for name, loc in carried),
                total_label=total_label,
            )  # fmt: skip
    grid = form.grid
    if grid is None:
        return
    by_row = {r.row: r for r in grid.rows}
    for parent in grid.rows:
        if not parent.children or not (filled_number(parent.score) or filled_number(parent.weight)):
            continue
        children = [by_row[c] for c in parent.children if c in by_row]
        field = "score" if filled_number(parent.score) else "weight"
        scored = [c for c in children if filled_number(getattr(c, field))]
        if not scored:
            continue
        at: Located = getattr(parent, field)
        cells: list[Located] = [getattr(c, field) for c in scored]
        summed = sum((number_of(loc) or Decimal(0) for loc in cells), Decimal(0))
        ctx.report(
            A019, at=at, variant="parent", parent=parent.display_name, actual=at.text, count=len(scored),
            parts=f"{' + '.join(loc.text for loc in cells)} = {fmt_decimal(summed)}",
        )  # fmt: skip
