"""S005 — the amount unit: declared at all, and no 元 figure among 万元 peers (≈10⁴ apart)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from perfcli.forms.kinds import INDICATOR_KINDS
from perfcli.forms.model import FundingBlock, Located, SelfEvalProject, TargetDept, TargetProject
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.forms.normalize import norm_label
from perfcli.rules.base import Context, Rule, fmt_amount
from perfcli.rules.common import AMOUNT_COLUMNS, COLUMN_NAMES, COLUMN_NAMES_EN, amount_tolerance

FORMS = INDICATOR_KINDS
AnyForm = SelfEvalProject | TargetProject | TargetDept | SelfEvalDept

S005 = Rule(
    code="S005", name="unit-unclear", severity="warning", forms=FORMS,
    title="金额单位不明", title_en="Amount unit unclear",
    messages={
        "no_unit": "表中没有注明金额单位（万元或元），资金栏目中有金额 {value}（{address}）",
        "larger": "{field} {value} 约为同表{peer_field} {peer} 的 {ratio} 倍，疑似把以“元”计的金额填入了“{unit}”表",
        "smaller": "{field} {value} 仅为同表{peer_field} {peer} 的约 1/{ratio}，疑似把以“万元”计的金额填入了“元”表",
    },
    messages_en={
        "no_unit": "No amount unit (万元 or 元) is declared; the money block holds {value} ({address})",
        "larger": "{field_en} {value} is about {ratio} times {peer_field_en} {peer} in the same table: "
                  "a 元 figure in a {unit} table?",
        "smaller": "{field_en} {value} is about 1/{ratio} of {peer_field_en} {peer} in the same table: "
                   "a 万元 figure in a 元 table?",
    },
    hint="请在表头注明金额单位（如“单位：万元”），并让表中所有金额使用同一单位（1 万元 = 10000 元）",
    hint_en="Declare the amount unit (单位：万元) and use one unit for every amount (1 万元 = 10000 元)",
    what="表中没有“单位：万元/元”或“(万元)”之类的金额单位，而资金栏目有金额；或资金栏目中的金额与同行/同列"
         "的金额相差约 10⁴ 倍（在“万元”表中填了以“元”计的数）。只比较资金栏目的金额，不看目标文字和指标值。"
         "同一行的执行数与预算数之比若与表中填写的执行率一致，则是真实的执行情况，不报告。"
         "绩效目标表比较项目资金（年度、中期）、成本构成（金额、往年执行数）、部门资金构成（当年、近两年）"
         "和年度主要任务的金额；任务行内的总额与财政拨款、其他资金不互相比较（其他资金可以很小），"
         "只比较合计与各任务之和。一体化导出表以“元”为单位，不以万元的标准判断。"
         "某一项金额按另一单位换算后（÷10000 或 ×10000）各项之和恰好等于合计的，也报告该项。",
    why="单位不明或混用会让执行率、与决算的核对全部失真：1200000 元与 120 万元是同一笔钱。",
    bad="项目资金(万元) | 年度资金总额 | 全年预算数 1200000 | 全年执行数 114",
    good="项目资金(万元) | 年度资金总额 | 全年预算数 120 | 全年执行数 114",
)  # fmt: skip


# --- S005 ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Amount:
    """One amount of a money block, with where it sits and how to name it."""

    block: int  # which money block (a total is compared with the sources of its own block)
    row: int  # which line of the block (amounts of one line are peers)
    role: str  # total | source
    column: str  # canonical column (budget, midterm, …) or the block's header text
    cell: Located
    value: Decimal
    name: str  # 年度资金总额·全年执行数
    name_en: str
    column_name: tuple[str, str]  # the column as the form names it, and in English
    rate: Located | None = None  # the line's printed 执行率 (self-evaluation money rows)
    same_row: bool = True  # whether the line's amounts are comparable with each other


# "≈10⁴": a ratio between 10^3.5 and 10^4.5 (a 元 figure beside 万元 figures, whatever the rate).
_LOW, _HIGH = Decimal(10) ** Decimal("3.5"), Decimal(10) ** Decimal("4.5")
_MONEY_COLUMNS = (*AMOUNT_COLUMNS, "midterm", "previous", "period_executed", "forecast")
# Monitoring tables' amount columns (model_monitor), when the form's header text is missing.
_MONITOR_NAMES = {"period_executed": ("1-N月执行数", "spent to date"),
                  "forecast": ("全年预计执行数", "full-year forecast")}  # fmt: skip
_TASK_COLUMNS = {"budget": ("预算金额", "budget"), "fiscal": ("财政拨款", "fiscal funds"),
                 "other": ("其他资金", "other funds")}  # fmt: skip


def _value(cell: Located | None) -> Decimal | None:
    if cell is None:
        return None
    number = cell.number
    return number.value if number.ok and number.value is not None else None


def _money_blocks(form: AnyForm) -> list[FundingBlock]:
    blocks = [form.funding] if form.funding is not None else []
    if isinstance(form, TargetDept | SelfEvalDept):
        blocks += [b for b in form.compositions if all(b is not seen for seen in blocks)]
    return blocks


def money_amounts(form: AnyForm) -> Iterator[Amount]:
    """Every amount of the form's money blocks that reads as a number (each cell once)."""
    seen: set[tuple[int, int]] = set()
    for amount in _all_amounts(form):
        key = (amount.cell.row, amount.cell.col)
        if key not in seen:
            seen.add(key)
            yield amount


def _all_amounts(form: AnyForm) -> Iterator[Amount]:
    block_no = 0
    line = 0
    for block in _money_blocks(form):
        block_no += 1
        for frow in block.rows:
            line += 1
            row_label = norm_label(frow.label.text)
            for column in _MONEY_COLUMNS:
                cell = frow.get(column)
                value = _value(cell)
                if cell is None or value is None:
                    continue
                zh, en = _MONITOR_NAMES.get(column) or (
                    COLUMN_NAMES[column],
                    COLUMN_NAMES_EN[column],
                )
                col_zh, col_en = block.labels.get(column) or zh, en
                # a target's 年度资金总额 row has the column's own name: say it once
                name = f"{row_label}·{col_zh}"
                if norm_label(col_zh) == row_label:
                    name = row_label
                elif column == "midterm" and frow.role == "total" and "midterm" in block.labels:
                    name = col_zh  # 中期资金总额 printed beside the row's 年度资金总额
                yield Amount(block_no, line, frow.role, column, cell, value, name,
                             f"{row_label} {col_en}", (col_zh, col_en),
                             rate=frow.get("rate") or frow.get("period_rate"))  # fmt: skip
    cost = getattr(form, "cost", None)
    if isinstance(form, TargetProject) and cost is not None:
        block_no += 1
        lines = [(r, "source") for r in cost.rows]
        if cost.total is not None:
            lines.append((cost.total, "total"))
        for crow, role in lines:
            line += 1
            row_label = norm_label(crow.label.text)
            cells = [("金额", "amount", crow.amount)]
            cells += [(norm_label(h), norm_label(h), c) for h, c in crow.others.items()]
            for column, col_en, cell in cells:
                value = _value(cell)
                if cell is None or value is None:
                    continue
                yield Amount(block_no, line, role, column, cell, value, f"{row_label}·{column}",
                             f"{row_label} {col_en}", (column, col_en))  # fmt: skip
    if isinstance(form, TargetDept):
        block_no += 1
        tasks = [(t, "source") for t in form.tasks]
        if form.tasks_total is not None:
            tasks.append((form.tasks_total, "total"))
        for task, role in tasks:
            line += 1
            row_label = norm_label(task.name.text)
            for column, (col_zh, col_en) in _TASK_COLUMNS.items():
                cell = task.cells.get(column)
                value = _value(cell)
                if cell is None or value is None:
                    continue
                # 总额 = 财政拨款 + 其他资金 on one task: a small part is no unit slip.
                yield Amount(block_no, line, role, column, cell, value, f"{row_label}·{col_zh}",
                             f"{row_label} {col_en}", (col_zh, col_en), same_row=False)  # fmt: skip


def _rate_explains(odd: Amount, peer_value: Decimal, ctx: Context) -> bool:
    """A printed 执行率 equal to executed ÷ budget as written: a real (tiny) execution, not a unit slip."""
    rate = odd.rate.rate if odd.rate is not None else None
    if rate is None:
        return False
    low, high = min(odd.value, peer_value), max(odd.value, peer_value)
    tolerance = ctx.profile.rate_tolerance / 100
    return abs(rate.fraction - low / high) <= tolerance + Decimal("1e-9")


@S005.checks
def _check_unit(form: AnyForm, ctx: Context) -> None:
    amounts = [a for a in money_amounts(form) if a.value != 0]
    if not amounts:
        return
    if form.unit == "":
        first = amounts[0].cell
        ctx.report(S005, at=first, variant="no_unit", value=fmt_amount(amounts[0].value),
                   address=first.address)  # fmt: skip
    # Which side of a 10⁴ gap is the odd figure follows from the declared unit: in a 万元 table
    # (or one without a unit) the 元 figure is the larger one; in a 元 table the 万元 one is smaller.
    larger = form.unit != "元"
    tolerance = amount_tolerance(form, ctx.profile.amount_tolerance)
    flagged: set[tuple[int, int]] = set()
    for odd, peer_name, peer_value, same_row in _unit_gaps(amounts, larger, tolerance):
        cell = odd.cell
        if (cell.row, cell.col) in flagged:
            continue
        if same_row and _rate_explains(odd, peer_value, ctx):
            continue
        flagged.add((cell.row, cell.col))
        big, small = (odd.value, peer_value) if larger else (peer_value, odd.value)
        ctx.report(
            S005, at=cell, variant="larger" if larger else "smaller",
            field=odd.name, field_en=odd.name_en, value=fmt_amount(odd.value),
            peer_field=peer_name[0], peer_field_en=peer_name[1], peer=fmt_amount(peer_value),
            ratio=str(int(abs(big / small).to_integral_value())), unit=form.unit or "万元",
        )  # fmt: skip


def _restores_total(
    source: Amount, source_sum: Decimal, total: Decimal, larger: bool, tolerance: Decimal
) -> bool:
    """Whether Σ sources equals the total once ``source`` is read as 元 (÷10⁴) or 万元 (×10⁴)."""
    if abs(source_sum - total) <= tolerance:
        return False
    scale = Decimal(10000)
    fixed = source.value / scale if larger else source.value * scale
    if larger and abs(fixed) <= tolerance:
        return False  # as 元 it would be nothing: the sum is off by the amount itself (A001's)
    return abs(source_sum - source.value + fixed - total) <= tolerance


def _unit_gaps(
    amounts: list[Amount], larger: bool, tolerance: Decimal
) -> Iterator[tuple[Amount, tuple[str, str], Decimal, bool]]:
    """Amounts ≈10⁴ away from a peer: the same line's other amounts, and a column total vs Σ sources.

    Yields (odd amount, peer name (zh, en), peer value, whether the peer is on the same line).
    """

    def odd_against(x: Decimal, y: Decimal) -> bool:
        big, small = (abs(x), abs(y)) if larger else (abs(y), abs(x))
        return small > 0 and _LOW <= big / small <= _HIGH

    for entry in amounts:
        if not entry.same_row:
            continue
        for peer in amounts:
            if (
                peer.row == entry.row
                and peer.cell != entry.cell
                and odd_against(entry.value, peer.value)
            ):
                yield entry, (peer.name, peer.name_en), peer.value, True
                break
    columns = dict.fromkeys((a.block, a.column) for a in amounts)
    for block, column in columns:
        in_column = [a for a in amounts if a.block == block and a.column == column]
        total = next((a for a in in_column if a.role == "total"), None)
        sources = [a for a in in_column if a.role == "source"]
        if total is None or not sources:
            continue
        source_sum = sum((a.value for a in sources), Decimal(0))
        if odd_against(total.value, source_sum):
            col_zh, col_en = total.column_name
            yield total, (f"各资金来源之和·{col_zh}", f"sum of sources {col_en}"), source_sum, False
        for source in sources:
            if larger and odd_against(source.value, total.value):
                # a source ≈10⁴ above its own total (a source far below it may be real)
                yield source, (total.name, total.name_en), total.value, False
            elif _restores_total(source, source_sum, total.value, larger, tolerance):
                # read in the other unit, this one amount makes the sources add up to the total
                yield source, (total.name, total.name_en), total.value, False


RULES = [S005]
