"""The money block of a department self-evaluation → ``DeptMoney`` (funding, compositions, parts).

Layouts read (labels in labels_selfeval_dept.toml ``[selfeval_dept]``, then ``[funding]``):

* central: ``部门预算执行情况(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分`` over
  rows 年度资金总额 / 其中:财政拨款 / 其他资金 / 基本支出 / 项目支出;
* 重庆: the same columns (执行率权重, 执行率得分) over one values row that has no label of its own:
  the block's label (merged down beside it) names the total;
* 宁德 (Fujian): ``资金结构(万元) | 年初部门预算安排金额① | 历年结余结转② | 年中调整金额③ |
  小计④=①+②+③ | 年度拨付金额⑤ | 支出实现率(%)⑥=⑤/④ | 本年度结余金额⑦=④-⑤ | 资金结余率(%)⑧=⑦/④``
  over 财政资金小计 / ①②③ / 其他资金小计 / 合计. The numbers and formulas in the header are read
  into ``ColumnFormula`` identities.

The total row becomes ``funding.total``; sources (财政拨款, 其他资金, the 小计 rows) its sources; a
小计 row with numbered rows under it (①②③) is a composition of its own, and so is 基本支出 + 项目支出
of the total (``parts``). A row belongs to one composition as a part, so nothing is added twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfcli.forms import vocab
from perfcli.forms.grid import LabelGrid
from perfcli.forms.model import FundingBlock, FundingRow, Located
from perfcli.forms.model_selfeval_dept import ColumnFormula
from perfcli.forms.normalize import label_weight, norm_label
from perfcli.io.values import parse_number

SECTION = "selfeval_dept"
# Canonical money columns of this form, in the order their labels are tried.
COLUMN_KEYS = ("initial", "carryover", "adjustment", "budget", "executed", "rate", "balance",
               "balance_rate")  # fmt: skip
OTHER_KEYS = ("weight", "score", "reason", "received")  # from labels.toml [funding]
AMOUNT_KEYS = ("initial", "carryover", "adjustment", "budget", "executed", "received", "balance")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_MARKED = re.compile(rf"^(?P<name>.*?)(?P<mark>[{CIRCLED}])(?:=(?P<formula>.+))?$")
_TERM = re.compile(rf"([+\-/])?([{CIRCLED}])")


@dataclass
class Column:
    """A money column of the header: canonical key, 0-based column, printed text, number mark."""

    key: str
    col: int
    text: str
    mark: str = ""
    formula: str = ""


@dataclass
class DeptMoney:
    funding: FundingBlock
    compositions: list[FundingBlock] = field(default_factory=list)
    parts: dict[str, FundingRow] = field(default_factory=dict)
    formulas: list[ColumnFormula] = field(default_factory=list)


def column_of(text: str) -> tuple[str | None, str, str]:
    """(canonical key, number mark, formula) of a money header label: ``小计④=①+②+③`` →
    (budget, ④, ①+②+③); ``执行率(%)`` → (rate, "", "")."""
    raw = _compact(text)  # not squash: NFKC would turn ① into 1
    m = _MARKED.match(raw)
    name, mark, formula = (
        (m.group("name"), m.group("mark"), m.group("formula") or "") if m else (raw, "", "")
    )
    label = norm_label(name)
    for key in COLUMN_KEYS:
        if label in vocab.labels_for(SECTION, key):
            return key, mark, formula
    other = vocab.match("funding", name)
    if other in (*COLUMN_KEYS, *OTHER_KEYS):
        return other, mark, formula
    return None, mark, formula


def header_columns(grid: LabelGrid, row: int) -> list[Column]:
    """The money columns of one row (first occurrence of each key)."""
    found: dict[str, Column] = {}
    for cell in grid.row_cells(row):
        if not isinstance(cell.value, str):
            continue
        key, mark, formula = column_of(cell.value)
        if key is not None and key not in found:
            text = _compact(cell.value)
            shown = text[: text.index("=")] if formula and "=" in text else text
            found[key] = Column(key, cell.col, shown, mark, formula)
    return list(found.values())


def is_header(grid: LabelGrid, row: int) -> bool:
    """A money header: an amount column and 执行数 or 执行率, at least three columns in all."""
    keys = {c.key for c in header_columns(grid, row)}
    amounts = {"initial", "budget", "executed"} & keys
    return bool(amounts) and bool({"executed", "rate"} & keys) and len(keys) >= 3


def locate_dept_money(grid: LabelGrid, header_row: int, end_row: int) -> DeptMoney:
    """Read the money block whose column header is ``header_row``, up to ``end_row``."""
    columns = header_columns(grid, header_row)
    first_amount = min(c.col for c in columns if c.key in (*AMOUNT_KEYS, "rate"))
    header_cell = grid.row_cells(header_row)[0]
    header = grid.located(header_row, header_cell.col)
    funding = FundingBlock(header=header, columns={c.key: c.col for c in columns})
    for c in columns:
        funding.labels[c.key] = c.text
        weight = label_weight(c.text)
        if (
            weight is not None
            and funding.weight_from_label is None
            and c.key in ("weight", "score")
        ):
            funding.weight_from_label = weight
    if "budget" not in funding.columns and "initial" in funding.columns:
        funding.rate_base = "initial"
    rows = _read_rows(grid, header, funding.columns, first_amount, header_row + 1, end_row)
    money = _compose(funding, rows)
    money.formulas = _formulas(columns, header_row, grid)
    return money


@dataclass
class _Row:
    row: FundingRow
    kind: str  # total | subtotal | item | source | basic | project


def _read_rows(
    grid: LabelGrid, header: Located, cols: dict[str, int], first_amount: int, start: int, end: int
) -> list[_Row]:
    out: list[_Row] = []
    for row in range(start, end + 1):
        cells = grid.row_cells(row)
        labels = [c for c in cells if c.col < first_amount and isinstance(c.value, str)
                  and c.value.strip()]  # fmt: skip
        values = {key: _own(grid, row, col) for key, col in cols.items()}
        has_amount = any(
            loc is not None and parse_number(loc.value).ok
            for key, loc in values.items()
            if key in AMOUNT_KEYS
        )
        if labels:
            label = grid.located(row, labels[-1].col)
        elif has_amount and not out:
            label = header  # 重庆: one values row beside the block's merged label
        else:
            continue
        frow = FundingRow(label=label, role="source")
        for key, col in cols.items():
            loc = values[key]
            if loc is not None:
                frow.cells[key] = loc
            elif key != "reason":
                frow.cells[key] = Located(None, grid.name, row, col)
        out.append(_Row(frow, _kind(label.text, first=not out)))
    return out


def _kind(text: str, *, first: bool) -> str:
    label = norm_label(text)
    raw = _compact(text)
    if label in vocab.labels_for(SECTION, "total") or label in vocab.labels_for("funding", "total"):
        return "total"
    if label in vocab.labels_for(SECTION, "expense_basic"):
        return "basic"
    if label in vocab.labels_for(SECTION, "expense_project"):
        return "project"
    if label.endswith("小计"):
        return "subtotal"
    if raw[:1] in CIRCLED:
        return "item"
    if label in vocab.labels_for("funding", "source") or raw.startswith("其中"):
        return "source"
    return "total" if first else "source"


def _compose(funding: FundingBlock, rows: list[_Row]) -> DeptMoney:
    """The total with its sources (``funding``), each 小计 with its numbered items, and the
    基本支出 + 项目支出 split of the total."""
    total = next((r for r in rows if r.kind == "total"), None)
    if total is None and rows:
        total = rows[0]
    money = DeptMoney(funding=funding)
    if total is None:
        return money
    total.row.role = "total"
    funding.rows.append(total.row)
    breakdowns: list[FundingBlock] = []
    current: FundingBlock | None = None
    for item in rows:
        if item is total:
            continue
        if item.kind in ("basic", "project"):
            money.parts.setdefault(item.kind, item.row)
            continue
        if item.kind == "item" and current is not None:
            current.rows.append(item.row)
            continue
        funding.rows.append(item.row)  # a source of the total (a 小计 is one)
        current = None
        if item.kind == "subtotal":
            current = _block(funding, FundingRow(item.row.label, "total", item.row.cells))
            breakdowns.append(current)
    money.compositions = [funding, *(b for b in breakdowns if len(b.rows) > 1)]
    if money.parts:
        split = _block(funding, FundingRow(total.row.label, "total", total.row.cells))
        split.rows += list(money.parts.values())
        money.compositions.append(split)
    return money


def _block(like: FundingBlock, total: FundingRow) -> FundingBlock:
    return FundingBlock(header=like.header, columns=dict(like.columns), labels=dict(like.labels),
                        rows=[total], rate_base=like.rate_base)  # fmt: skip


def _formulas(columns: list[Column], row: int, grid: LabelGrid) -> list[ColumnFormula]:
    """The identities printed in the header: ``④=①+②+③``, ``⑥=⑤/④``, ``⑦=④-⑤``."""
    by_mark = {c.mark: c.key for c in columns if c.mark}
    out: list[ColumnFormula] = []
    for c in columns:
        if not c.formula or not c.mark:
            continue
        terms: list[tuple[int, str]] = []
        divisor = ""
        parsed = _TERM.findall(c.formula)
        if "".join(op + mark for op, mark in parsed) != c.formula.replace(" ", ""):
            continue  # something the formula says that we do not read (×100%, a constant)
        for op, mark in parsed:
            key = by_mark.get(mark)
            if key is None:
                break
            if op == "/":
                divisor = key
            else:
                terms.append((-1 if op == "-" else 1, key))
        else:
            if terms:
                text = f"{c.mark}={c.formula}"
                out.append(
                    ColumnFormula(text, grid.located(row, c.col), c.key, tuple(terms), divisor)
                )
    return out


def _own(grid: LabelGrid, row: int, col: int) -> Located | None:
    """The cell at (row, col) only when it starts there (a merged amount belongs to its first row)."""
    loc = grid.cell_at(row, col)
    if loc is None or (loc.row, loc.col) != (row, col):
        return None
    if isinstance(loc.value, str) and not loc.value.strip():
        return None
    return loc


def _compact(text: str) -> str:
    """The text without whitespace, otherwise as printed (circled numbers kept)."""
    return re.sub(r"\s+", "", text)
