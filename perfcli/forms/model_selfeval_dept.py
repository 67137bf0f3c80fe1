"""The model of a 部门(单位)整体支出绩效自评表 (``selfeval_dept``), in every layout of background §5.

Read by the S, W, A and Q rules like a project self-evaluation (same block names: ``funding``,
``goals``, ``grid``, ``total``, ``grade_word``, ``form_reasons``), by the package rules (X007:
``total.score``, ``grade_word``, the ``funding.total`` cells) and by the reconciliation (R007:
``funding.total`` and ``parts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfcli.forms.model import (
    Form,
    FundingBlock,
    FundingRow,
    Goals,
    IndicatorGrid,
    IndicatorRow,
    Located,
    TaskRow,
    Total,
    layout_requires,
)

# Money columns beyond the shared FUNDING_COLUMNS (Fujian): 历年结余结转②, 年中调整金额③, 本年度结余
# 金额⑦, 资金结余率⑧. Its ① is ``initial``, ④ ``budget``, ⑤ ``executed`` and ⑥ ``rate``.
DEPT_MONEY_COLUMNS = ("carryover", "adjustment", "balance", "balance_rate")
DEFAULT_CATEGORIES = ("output", "benefit", "satisfaction")


@dataclass(frozen=True, slots=True)
class ColumnFormula:
    """A formula a money header prints, in canonical columns: ``小计④=①+②+③`` is budget = initial
    + carryover + adjustment; ``资金结余率⑧=⑦/④`` is balance_rate = balance ÷ budget.

    ``terms`` are (+1 or −1, column); with a ``divisor`` the result is their sum divided by it (a
    rate, printed as a percentage), otherwise their sum (an amount).
    """

    text: str  # as printed after the column's name: ④=①+②+③
    header: Located  # the header cell that prints it
    result: str
    terms: tuple[tuple[int, str], ...]
    divisor: str = ""

    @property
    def is_ratio(self) -> bool:
        return bool(self.divisor)

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column the formula reads or writes."""
        cols = (self.result, *(col for _, col in self.terms))
        return (*cols, self.divisor) if self.divisor else cols


@dataclass(slots=True)
class SelfEvalDept(Form):
    """部门(单位)整体支出绩效自评表 (Fujian, Chongqing, Anhui framework, central-style layouts).

    ``funding`` is the department's money block: its ``total`` row carries the department totals
    (``initial`` 年初预算数, ``budget`` 全年预算数 / 小计④, ``executed`` 全年执行数 / 年度拨付金额⑤,
    ``rate``, ``weight``, ``score`` where printed) and its sources are 财政拨款 / 其他资金 or Fujian's
    财政资金小计 / 其他资金小计. ``compositions`` holds every total with its parts, ``funding`` first:
    Fujian's 财政资金小计 = ①②③ rows, the 基本支出 + 项目支出 split of the total. ``parts`` names the
    基本支出 ("basic") and 项目支出 ("project") rows where printed. ``formulas`` are the identities
    the money header prints (④=①+②+③ …), checked on every money row.
    """

    funding: FundingBlock | None = None
    compositions: list[FundingBlock] = field(default_factory=list)
    parts: dict[str, FundingRow] = field(default_factory=dict)
    formulas: list[ColumnFormula] = field(default_factory=list)
    goals: Goals | None = None
    grid: IndicatorGrid | None = None
    total: Total | None = None
    grade: Located | None = None
    grade_word: str = ""  # 优/良/中/差 (or a synonym) read from ``grade``
    # The framework's or a grid's 预算执行率 row when it scores execution against the money block.
    execution_row: IndicatorRow | None = None
    tasks: list[TaskRow] = field(default_factory=list)  # 年度主要任务 (budget, executed, rate)
    tasks_total: TaskRow | None = None
    form_reasons: list[Located] = field(default_factory=list)  # 存在问题, 原因分析 …
    text_cells: list[Located] = field(default_factory=list)  # free-text cells (S003 looks here)
    notes: list[Located] = field(default_factory=list)  # 指标解释 / 评分标准 cells: never targets
    dept_code: str = ""  # 部门预算编码
    # 重庆: 得分系数 per indicator row (sheet row → cell), and the 年初指标值 a filled 调整指标值
    # replaced as the row's target.
    coefficients: dict[int, Located] = field(default_factory=dict)
    initial_targets: dict[int, Located] = field(default_factory=dict)

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [] if self.grid is None else self.grid.indicators

    @property
    def all_indicators(self) -> list[IndicatorRow]:
        return self.indicators

    @property
    def required_blocks(self) -> tuple[str, ...]:
        """The blocks this form's layout asks for (funding, goals, grid): labels_selfeval_dept.toml."""
        return layout_requires(self.layout, "selfeval_dept_central", ("funding", "goals", "grid"))

    @property
    def required_categories(self) -> tuple[str, ...]:
        """The 一级 categories the layout asks for (Q001): 产出, 效益, 满意度 unless the layout is a
        fixed framework of its own (Anhui: 投入 / 过程 / 产出 / 效益)."""
        from perfcli.forms.vocab import vocabulary

        spec = vocabulary().get("layouts", {}).get(self.layout, {})
        return tuple(spec.get("categories", DEFAULT_CATEGORIES))
