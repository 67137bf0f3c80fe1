"""S005 — the amount unit: declared at all, and no 元 figure among 万元 peers (≈10⁴ apart)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfcli.forms.model import FundingRow, Located, SelfEvalProject
from perfcli.forms.normalize import norm_label
from perfcli.rules.base import Context, Rule, fmt_amount
from perfcli.rules.common import AMOUNT_COLUMNS, COLUMN_NAMES, COLUMN_NAMES_EN

FORMS = ("selfeval_project",)

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
         "同一行的执行数与预算数之比若与表中填写的执行率一致，则是真实的执行情况，不报告。",
    why="单位不明或混用会让执行率、与决算的核对全部失真：1200000 元与 120 万元是同一笔钱。",
    bad="项目资金(万元) | 年度资金总额 | 全年预算数 1200000 | 全年执行数 114",
    good="项目资金(万元) | 年度资金总额 | 全年预算数 120 | 全年执行数 114",
)  # fmt: skip


# --- S005 ----------------------------------------------------------------------------------------

Amount = tuple[FundingRow, str, Located, Decimal]  # (row, column, cell, value)
# "≈10⁴": a ratio between 10^3.5 and 10^4.5 (a 元 figure beside 万元 figures, whatever the rate).
_LOW, _HIGH = Decimal(10) ** Decimal("3.5"), Decimal(10) ** Decimal("4.5")


def money_amounts(form: SelfEvalProject) -> Iterator[Amount]:
    """Every amount of the money block that reads as a number: (row, column, cell, value)."""
    if form.funding is None:
        return
    for row in form.funding.rows:
        for column in AMOUNT_COLUMNS:
            cell = row.get(column)
            if cell is None:
                continue
            number = cell.number
            if number.ok and number.value is not None:
                yield row, column, cell, number.value


def _column_name(form: SelfEvalProject, column: str) -> tuple[str, str]:
    """A money column as the form names it (``调整后预算数``), and in English."""
    labels = form.funding.labels if form.funding is not None else {}
    return labels.get(column) or COLUMN_NAMES[column], COLUMN_NAMES_EN[column]


def _amount_name(form: SelfEvalProject, row: FundingRow, column: str) -> tuple[str, str]:
    """``年度资金总额·全年执行数``: the row and column an amount sits in."""
    row_label = norm_label(row.label.text)
    col_zh, col_en = _column_name(form, column)
    return f"{row_label}·{col_zh}", f"{row_label} {col_en}"


def _rate_explains(row: FundingRow, a: Decimal, b: Decimal, ctx: Context) -> bool:
    """A printed 执行率 equal to executed ÷ budget as written: a real (tiny) execution, not a unit slip."""
    rate_cell = row.get("rate")
    rate = rate_cell.rate if rate_cell is not None else None
    if rate is None:
        return False
    low, high = min(a, b), max(a, b)
    tolerance = ctx.profile.rate_tolerance / 100
    return abs(rate.fraction - low / high) <= tolerance + Decimal("1e-9")


@S005.checks
def _check_unit(form: SelfEvalProject, ctx: Context) -> None:
    amounts = [entry for entry in money_amounts(form) if entry[3] != 0]
    if not amounts:
        return
    if form.unit == "":
        _, _, cell, value = amounts[0]
        ctx.report(S005, at=cell, variant="no_unit", value=fmt_amount(value), address=cell.address)
    # Which side of a 10⁴ gap is the odd figure follows from the declared unit: in a 万元 table
    # (or one without a unit) the 元 figure is the larger one; in a 元 table the 万元 one is smaller.
    larger = form.unit != "元"
    flagged: set[tuple[int, int]] = set()
    for odd, peer_name, peer_value, same_row in _unit_gaps(form, amounts, larger):
        row, column, cell, value = odd
        if (cell.row, cell.col) in flagged:
            continue
        if same_row and _rate_explains(row, value, peer_value, ctx):
            continue
        flagged.add((cell.row, cell.col))
        field_zh, field_en = _amount_name(form, row, column)
        big, small = (value, peer_value) if larger else (peer_value, value)
        ctx.report(
            S005, at=cell, variant="larger" if larger else "smaller",
            field=field_zh, field_en=field_en, value=fmt_amount(value),
            peer_field=peer_name[0], peer_field_en=peer_name[1], peer=fmt_amount(peer_value),
            ratio=str(int(abs(big / small).to_integral_value())), unit=form.unit or "万元",
        )  # fmt: skip


def _unit_gaps(
    form: SelfEvalProject, amounts: list[Amount], larger: bool
) -> Iterator[tuple[Amount, tuple[str, str], Decimal, bool]]:
    """Amounts ≈10⁴ away from a peer: the same row's other amounts, and a column total vs Σ sources.

    Yields (odd amount, peer name (zh, en), peer value, whether the peer is in the same row).
    """

    def odd_against(x: Decimal, y: Decimal) -> bool:
        big, small = (abs(x), abs(y)) if larger else (abs(y), abs(x))
        return small > 0 and _LOW <= big / small <= _HIGH

    for entry in amounts:
        for peer in amounts:
            if peer[0] is entry[0] and peer[2] != entry[2] and odd_against(entry[3], peer[3]):
                yield entry, _amount_name(form, peer[0], peer[1]), peer[3], True
                break
    total = form.funding.total if form.funding is not None else None
    if total is None:
        return
    for column in AMOUNT_COLUMNS:
        in_column = [a for a in amounts if a[1] == column]
        total_entry = next((a for a in in_column if a[0] is total), None)
        sources = [a for a in in_column if a[0] is not total and a[0].role == "source"]
        if total_entry is None or not sources:
            continue
        source_sum = sum((a[3] for a in sources), Decimal(0))
        if odd_against(total_entry[3], source_sum):
            col_zh, col_en = _column_name(form, column)
            yield (
                total_entry,
                (f"各资金来源之和·{col_zh}", f"sum of sources {col_en}"),
                source_sum,
                False,
            )
        if larger:  # a source ≈10⁴ above its own total (a source far below it may be real)
            for source in sources:
                if odd_against(source[3], total_entry[3]):
                    yield source, _amount_name(form, total, column), total_entry[3], False


RULES = [S005]
