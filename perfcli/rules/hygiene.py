"""W — workbook hygiene: formulas without values, error values, numbers as text, hidden forms.

``numeric_fields`` is the one list of the cells a self-evaluation expects a number in (W003/W004):
amounts, rates, weights and scores of the money block, weights and scores of the indicator rows,
and the total's weight and score. On a target table: the money blocks (年度 and 中期 amounts, a
department's compositions with 当年 and 近两年 amounts), the cost build-up (金额 and the other amount
columns), the task amounts, the indicator weights of both grids and the total weight. Indicator
targets and actuals (``≥95%``, ``12台``), reasons and 得分计算方法 are text by nature and are not
in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from perfcli.forms.kinds import INDICATOR_KINDS
from perfcli.forms.model import (
    Form,
    FundingBlock,
    IndicatorRow,
    Located,
    SelfEvalProject,
    TargetDept,
    TargetProject,
)
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.forms.normalize import norm_label
from perfcli.io.cells import a1
from perfcli.rules.base import Context, Rule

FORMS = (*INDICATOR_KINDS, "selfeval_summary")
AnyForm = SelfEvalProject | TargetProject | TargetDept | SelfEvalDept
ADDRESSES_SHOWN = 5  # W001 quotes the first few addresses, then "…"

W001 = Rule(
    code="W001", name="formula-without-cached-value", severity="warning", forms=FORMS,
    title="公式没有计算结果", title_en="Formula without cached value",
    messages={"default": "{count} 个单元格含公式但没有保存计算结果（{cells}），表中显示的数值不可信"},
    messages_en={
        "default": "{count} cells hold a formula with no saved result ({cells}); shown values cannot be trusted"
    },
    hint="请在 Excel 或 WPS 中打开文件，重新计算（F9）后保存再提交",
    hint_en="Open the file in Excel or WPS, recalculate (F9), save and submit again",
    what="表单范围内的单元格含有公式却没有缓存的计算结果，通常是由不做计算的程序生成或另存的文件。"
         "每张表报告一次，给出个数和前几个单元格（一体化导出表的每个项目各为一张表）。",
    why="没有计算结果时，读取到的是空值：执行率、得分、合计都无法核对，打开文件的人看到的数可能与审核的不同。",
    bad="由系统导出的表，G6 为“=E6/D6”但文件中没有保存结果。",
    good="在 Excel 中打开、重新计算并保存后再提交。",
)  # fmt: skip

W002 = Rule(
    code="W002", name="error-value", severity="error", forms=FORMS,
    title="单元格显示错误值", title_en="Error value in a cell",
    messages={
        "default": "单元格显示错误值 {value}",
        "unknown": "单元格显示公式错误值（#REF!、#DIV/0!、#VALUE!、#N/A 或 #NAME?）",
    },
    messages_en={
        "default": "The cell shows the error value {value}",
        "unknown": "The cell shows a formula error (#REF!, #DIV/0!, #VALUE!, #N/A or #NAME?)",
    },
    hint="请修正引起错误的公式（引用已删除的单元格、除数为 0 等），或直接填写数值",
    hint_en="Fix the formula (a deleted reference, a division by 0, …) or type the value",
    what="表单范围内的单元格显示 #REF!、#DIV/0!、#VALUE!、#N/A、#NAME? 等错误值，每格报告一次。",
    why="错误值说明公式已失效，该格应有的数（执行率、得分、合计）实际上没有填写。",
    bad="执行率 =E6/D6 在预算数为空时显示 #DIV/0!。",
    good="填写预算数，或在公式中处理除数为 0 的情况。",
)  # fmt: skip

W003 = Rule(
    code="W003", name="number-stored-as-text", severity="info", forms=FORMS,
    title="数字以文本存储", title_en="Numbers stored as text",
    messages={"default": "{count} 个数字以文本形式存储（首个 {first}：“{text}”），已按数字读取"},
    messages_en={"default": "{count} numbers are stored as text (first {first}: “{text}”); read as numbers"},
    hint="可选中这些单元格，使用“转换为数字”改为数值格式，便于求和与核对",
    hint_en="Select the cells and use “Convert to Number” so they can be summed and checked",
    what="金额、分值、得分等数字栏目以文本形式存储（“1,234.50”、全角“１２３”、“43.2万元”），perfcli 已照常读取，"
         "每张表报告一次并给出个数。以“95.00%”“100.00”等形式填写的执行率是常见的显示方式，不计入。",
    why="以文本存储的数字在 Excel 中不参与求和，表中自带的合计可能因此算错。",
    bad="全年执行数填为文本“37.24”，SUM 合计时被忽略。",
    good="以数值格式填写金额和分值。",
)  # fmt: skip

W004 = Rule(
    code="W004", name="unparseable-number", severity="error", forms=FORMS,
    title="数字栏目无法读取", title_en="Unparseable number",
    messages={"default": "“{field}”应填写数字，表中为“{text}”，无法读取"},
    messages_en={"default": "“{field_en}” should be a number but holds “{text}”"},
    hint="请只填写数字（单位写在表头），文字说明请写在原因或说明栏",
    hint_en="Enter only the number (the unit belongs in the header); put explanations in the reason column",
    what="金额、执行率、分值、得分等数字栏目中填写了无法读作数字的文字（“约50万”“见附件”），每格报告一次。"
         "“—”“/”和空白表示没有数，不报告；“100.00%”是数字。原因栏、得分计算方法、指标值不是数字栏目。",
    why="无法读取的数字使执行率、得分和合计都无法核对。",
    bad="全年执行数填“约50万”。",
    good="全年执行数填“50.00”（单位：万元），估算说明写在原因栏。",
)  # fmt: skip

W005 = Rule(
    code="W005", name="hidden-form", severity="info", forms=FORMS,
    title="表单位于隐藏工作表", title_en="Form in a hidden sheet",
    messages={"default": "识别到的表单位于隐藏工作表“{sheet_name}”中（{range}）"},
    messages_en={"default": "A recognised form sits in the hidden sheet “{sheet_name}” ({range})"},
    hint="请确认隐藏的工作表是否应当提交：不需要的请删除，需要的请取消隐藏",
    hint_en="Check whether the hidden sheet belongs in the submission: delete it or unhide it",
    what="识别到的表单所在的工作表被隐藏。",
    why="隐藏的表打开文件时看不到，却同样会被审核和汇总；它可能是旧版本或误留的草稿。",
    bad="工作簿中隐藏着上一年度的自评表。",
    good="只提交需要审核的工作表，且都不隐藏。",
)  # fmt: skip


# --- the numeric fields of a self-evaluation -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class NumericField:
    """A cell that should hold a number, and how to name it for people."""

    cell: Located
    name: str  # 年度资金总额·全年执行数
    name_en: str
    is_rate: bool = False


_FUNDING_NUMERIC = {
    "initial": ("年初预算数", "initial budget"),
    "budget": ("全年预算数", "full-year budget"),
    "executed": ("全年执行数", "executed"),
    "received": ("资金到位数", "funds received"),
    "weight": ("分值", "weight"),
    "rate": ("执行率", "execution rate"),
    "score": ("得分", "score"),
    "midterm": ("中期资金", "medium-term funds"),
    "previous": ("近两年收支金额", "last two years"),
    # monitoring tables (model_monitor): 1-N月执行数 / 1-N月执行率 / 全年预计执行数
    "period_executed": ("1-N月执行数", "spent to date"),
    "period_rate": ("1-N月执行率", "execution rate to date"),
    "forecast": ("全年预计执行数", "full-year forecast"),
    # department self-evaluations (Fujian): 历年结余结转② / 年中调整金额③ / 本年度结余金额⑦ / 资金结余率⑧
    "carryover": ("历年结余结转", "carried over"),
    "adjustment": ("年中调整金额", "mid-year adjustment"),
    "balance": ("本年度结余金额", "balance"),
    "balance_rate": ("资金结余率", "balance rate"),
}
_RATE_COLUMNS = ("rate", "period_rate", "balance_rate")
_TASK_NUMERIC = {"budget": ("预算金额", "budget"), "fiscal": ("财政拨款", "fiscal funds"),
                 "other": ("其他资金", "other funds"), "executed": ("执行数", "executed")}  # fmt: skip


def numeric_fields(form: AnyForm) -> list[NumericField]:
    """Every cell of the form that the layout fills with a number (each cell once)."""
    seen: set[tuple[int, int]] = set()
    out: list[NumericField] = []
    for item in _candidates(form):
        key = (item.cell.row, item.cell.col)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _money_blocks(form: AnyForm) -> list[FundingBlock]:
    blocks = [form.funding] if form.funding is not None else []
    if isinstance(form, TargetDept | SelfEvalDept):
        blocks += [b for b in form.compositions if all(b is not seen for seen in blocks)]
    return blocks


def _candidates(form: AnyForm) -> Iterator[NumericField]:
    for block in _money_blocks(form):
        for frow in block.rows:
            row_name = norm_label(frow.label.text)
            for column, (zh, en) in _FUNDING_NUMERIC.items():
                cell = frow.get(column)
                if cell is not None:
                    col_zh = block.labels.get(column) or zh
                    yield NumericField(
                        cell, f"{row_name}·{col_zh}", f"{row_name} {en}", column in _RATE_COLUMNS
                    )
    if isinstance(form, TargetProject) and form.cost is not None:
        lines = list(form.cost.rows) + ([form.cost.total] if form.cost.total is not None else [])
        for crow in lines:
            row_name = norm_label(crow.label.text)
            cells = [("金额", "amount", crow.amount)]
            cells += [(norm_label(h), norm_label(h), c) for h, c in crow.others.items()]
            for zh, en, cell in cells:
                if cell is not None:
                    yield NumericField(cell, f"{row_name}·{zh}", f"{row_name} {en}")
    if isinstance(form, TargetDept | SelfEvalDept):
        tasks = list(form.tasks) + ([form.tasks_total] if form.tasks_total is not None else [])
        for task in tasks:
            row_name = norm_label(task.name.text)
            for column, (zh, en) in _TASK_NUMERIC.items():
                cell = task.cells.get(column)
                if cell is not None:
                    yield NumericField(cell, f"{row_name}·{zh}", f"{row_name} {en}")
    rows: list[IndicatorRow] = []
    for grid in (form.grid, getattr(form, "midterm_grid", None)):
        if grid is not None:
            rows += grid.rows
    execution_row: IndicatorRow | None = getattr(form, "execution_row", None)
    if execution_row is not None:
        rows.append(execution_row)
    for ind in rows:
        name = ind.display_name or f"第{ind.row + 1}行"
        for column, zh, en in (("weight", "分值", "weight"), ("score", "得分", "score")):
            cell = getattr(ind, column)
            if cell is not None:
                yield NumericField(cell, f"{name}·{zh}", f"{name} {en}")
    if form.total is not None:
        label = norm_label(form.total.label.text)
        columns = form.grid.columns if form.grid is not None else {}
        for column, zh, en in (("weight", "分值", "weight"), ("score", "得分", "score")):
            cell = getattr(form.total, column)
            if cell is None:
                continue
            if cell.number.status == "bad" and cell.col != columns.get(column):
                continue  # text the locator took for a total only by position: not a number field
            yield NumericField(cell, f"{label}·{zh}", f"{label} {en}")


# --- checks --------------------------------------------------------------------------------------


def _in_form(form: Form, cells: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted((r, c) for r, c in cells if form.first_row <= r <= form.last_row)


@W001.checks
def _check_formulas(form: AnyForm, ctx: Context) -> None:
    if ctx.sheet is None:
        return
    cells = _in_form(form, ctx.sheet.formulas_without_value)
    if not cells:
        return
    shown = "、".join(a1(r, c) for r, c in cells[:ADDRESSES_SHOWN])
    if len(cells) > ADDRESSES_SHOWN:
        shown += "…"
    first = Located(None, form.sheet, *cells[0])
    ctx.report(W001, at=first, count=len(cells), cells=shown)


@W002.checks
def _check_errors(form: AnyForm, ctx: Context) -> None:
    if ctx.sheet is None:
        return
    for row, col in _in_form(form, ctx.sheet.error_cells):
        value = ctx.sheet.value(row, col)
        at = Located(value, form.sheet, row, col)
        if at.is_empty:
            # The reader keeps where an error cell is, not always which error it shows.
            ctx.report(W002, at=at, variant="unknown")
        else:
            ctx.report(W002, at=at, value=at.text)


@W003.checks
def _check_numbers_as_text(form: AnyForm, ctx: Context) -> None:
    # Rates are left out: ``95.00%`` / ``100.00`` typed as text is how most forms show a rate.
    as_text = [
        f
        for f in numeric_fields(form)
        if not f.is_rate and f.cell.number.ok and f.cell.number.from_text
    ]
    if as_text:
        first = min(as_text, key=lambda f: (f.cell.row, f.cell.col)).cell
        ctx.report(W003, at=first, count=len(as_text), first=first.address, text=first.text)


@W004.checks
def _check_unparseable(form: AnyForm, ctx: Context) -> None:
    errors = set(ctx.sheet.error_cells) if ctx.sheet is not None else set()
    for item in numeric_fields(form):
        if (item.cell.row, item.cell.col) in errors:
            continue  # an error value (#REF!) is W002's
        if item.cell.number.status == "bad":
            ctx.report(
                W004, at=item.cell, field=item.name, field_en=item.name_en, text=item.cell.text
            )


@W005.checks
def _check_hidden(form: AnyForm, ctx: Context) -> None:
    if form.hidden_sheet:
        at = form.title or Located(None, form.sheet, form.first_row, form.first_col)
        if any(f.code == "W005" and f.sheet == at.sheet and f.cell == at.address
               for f in ctx.findings):  # fmt: skip
            return  # 一体化: the projects of one export share the sheet and its title
        ctx.report(W005, at=at, sheet_name=form.sheet, range=form.range)


RULES = [W001, W002, W003, W004, W005]
