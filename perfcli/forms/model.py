"""Typed models of recognised forms. Every value knows the cell it came from.

The models are plain dataclasses built by the locators in this package and read by the rules; they
never import rules, reporters or the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from perfcli.io.cells import CellValue, a1, cell_text
from perfcli.io.values import IndicatorValue, Number, Rate, parse_number, parse_rate


@dataclass(frozen=True, slots=True)
class Located:
    """A value and the cell it was read from (0-based row/col; ``address``/``excel_row`` for people)."""

    value: CellValue
    sheet: str
    row: int
    col: int

    @property
    def address(self) -> str:
        return a1(self.row, self.col)

    @property
    def excel_row(self) -> int:
        return self.row + 1

    @property
    def text(self) -> str:
        return cell_text(self.value).strip()

    @property
    def number(self) -> Number:
        return parse_number(self.value)

    @property
    def rate(self) -> Rate | None:
        return parse_rate(self.value)

    @property
    def is_empty(self) -> bool:
        return self.value is None or self.text == ""


def layout_requires(layout: str, fallback: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """The blocks a layout asks for (``[layouts.*] requires`` in labels.toml)."""
    from perfcli.forms.vocab import vocabulary

    layouts = vocabulary().get("layouts", {})
    spec = layouts.get(layout) or layouts.get(fallback, {})
    return tuple(spec.get("requires", default))


def text_of(loc: Located | None) -> str:
    return "" if loc is None else loc.text


def number_of(loc: Located | None) -> Decimal | None:
    """The numeric value of a located cell, or None when empty, a placeholder or not a number."""
    if loc is None:
        return None
    num = loc.number
    return num.value if num.ok else None


# --- funding -------------------------------------------------------------------------------------

# Canonical funding columns: initial (年初预算数), budget (全年/调整后预算数), executed (全年执行数),
# received (资金到位数), weight (分值/权重), rate (执行率), score (得分), reason (原因/说明).
FUNDING_COLUMNS = ("initial", "budget", "executed", "received", "weight", "rate", "score", "reason")


@dataclass(slots=True)
class FundingRow:
    label: Located
    role: str  # "total" | "source"
    cells: dict[str, Located] = field(default_factory=dict)

    def get(self, column: str) -> Located | None:
        return self.cells.get(column)


@dataclass(slots=True)
class FundingBlock:
    """The money block of a self-evaluation (or target) table."""

    header: Located
    columns: dict[str, int] = field(default_factory=dict)  # canonical column → 0-based column
    labels: dict[str, str] = field(default_factory=dict)  # canonical column → its header text
    rows: list[FundingRow] = field(default_factory=list)
    weight_from_label: Decimal | None = None  # 预算执行情况(10分), 得分(20分*执行率)
    rate_base: str = "budget"  # which column the printed 执行率 divides by

    @property
    def total(self) -> FundingRow | None:
        for row in self.rows:
            if row.role == "total":
                return row
        return None

    @property
    def sources(self) -> list[FundingRow]:
        return [row for row in self.rows if row.role == "source"]

    def has(self, column: str) -> bool:
        return column in self.columns or any(column in row.cells for row in self.rows)


# --- goals ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Goals:
    header: Located
    expected: list[Located] = field(default_factory=list)  # 预期目标 / 年初设定目标 / 项目年度目标
    actual: list[Located] = field(default_factory=list)  # 实际完成情况 / 完成情况综述
    expected_label: Located | None = None
    actual_label: Located | None = None
    has_actual_column: bool = False
    midterm: list[Located] = field(default_factory=list)  # 中期目标 / 长期目标 (target tables)

    @property
    def expected_text(self) -> str:
        return "".join(loc.text for loc in self.expected)

    @property
    def actual_text(self) -> str:
        return "".join(loc.text for loc in self.actual)


# --- indicators ----------------------------------------------------------------------------------


@dataclass(slots=True)
class IndicatorRow:
    """One 三级 indicator row, with its carried-down 一级/二级 and parsed target and actual."""

    row: int  # 0-based sheet row
    level1: Located | None = None
    level2: Located | None = None
    name: Located | None = None
    nature: Located | None = None  # split 指标性质 (≥ ≤ = 定性)
    target: Located | None = None
    unit: Located | None = None  # split 度量单位
    actual: Located | None = None
    weight: Located | None = None
    score: Located | None = None
    reason: Located | None = None
    direction: Located | None = None  # 指标方向性 正向/反向
    completion: Located | None = None  # Hebei 单项指标完成情况
    target_value: IndicatorValue | None = None
    actual_value: IndicatorValue | None = None
    level1_label_weight: Decimal | None = None  # 产出指标(50分)
    is_placeholder: bool = False  # a template row never filled (指标2, ……)
    is_breakdown: bool = False  # an unscored 其中… sub-row
    children: list[int] = field(default_factory=list)  # rows scored as parts of this one
    parent: int | None = None
    # Graded thresholds (Handan: 绩效指标评价标准 优 | 良 | 中 | 差), grade → cell; Q014 reads them.
    grades: dict[str, Located] = field(default_factory=dict)
    # Monitoring tables (绩效运行监控表): 1-N月执行情况, 全年预计完成情况, the cause columns
    # (经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他 → their cells, ticked or with text),
    # 完成目标可能性 as one text cell or as marks under 确定能 / 有可能 / 完全不可能, and 备注.
    progress: Located | None = None
    forecast: Located | None = None
    progress_value: IndicatorValue | None = None
    forecast_value: IndicatorValue | None = None
    causes: dict[str, Located] = field(default_factory=dict)
    likelihood: Located | None = None
    likelihood_marks: dict[str, Located] = field(default_factory=dict)
    remark: Located | None = None

    @property
    def level1_name(self) -> str:
        return text_of(self.level1)

    @property
    def level2_name(self) -> str:
        return text_of(self.level2)

    @property
    def display_name(self) -> str:
        """The indicator's name as messages quote it (a stray quote mark left unbalanced by the
        preparer is dropped, so a message does not print ““三公经费变动率”)."""
        return _unquoted(text_of(self.name) or text_of(self.level2) or text_of(self.level1))

    @property
    def is_scored(self) -> bool:
        return not self.is_placeholder and not self.is_breakdown


@dataclass(slots=True)
class IndicatorGrid:
    header: Located  # the 一级指标 (or first) header cell
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[IndicatorRow] = field(default_factory=list)
    block_label: Located | None = None  # 绩效指标(90分) / 年度绩效目标(80分)
    weight_from_label: Decimal | None = None
    first_row: int = 0
    last_row: int = 0

    @property
    def indicators(self) -> list[IndicatorRow]:
        """Rows that are real indicators (not unfilled template rows)."""
        return [r for r in self.rows if not r.is_placeholder]

    def has(self, column: str) -> bool:
        return column in self.columns


@dataclass(slots=True)
class Total:
    label: Located
    weight: Located | None = None
    score: Located | None = None
    grade: Located | None = None


# --- forms ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Form:
    """Common header of every recognised form."""

    kind: str
    sheet: str
    first_row: int
    last_row: int
    first_col: int = 0
    last_col: int = 0
    layout: str = ""
    title: Located | None = None
    year: int | None = None
    year_cell: Located | None = None
    project_name: Located | None = None
    project_code: str = ""
    department: Located | None = None  # 主管部门 / 部门名称
    implementer: Located | None = None  # 实施单位
    unit: str = ""  # 万元 | 元 | ""
    unit_cell: Located | None = None
    hidden_sheet: bool = False
    # Labels the locator found, canonical field → label cell (for `perfcli forms` and S001).
    labels: dict[str, Located] = field(default_factory=dict)

    @property
    def range(self) -> str:
        return f"{a1(self.first_row, self.first_col)}:{a1(self.last_row, self.last_col)}"

    @property
    def project(self) -> str:
        return text_of(self.project_name)


@dataclass(slots=True)
class SelfEvalProject(Form):
    """项目支出绩效自评表 in any of its layouts."""

    funding: FundingBlock | None = None
    goals: Goals | None = None
    grid: IndicatorGrid | None = None
    total: Total | None = None
    grade: Located | None = None
    grade_word: str = ""  # 优/良/中/差 (or a synonym) read from ``grade``
    execution_row: IndicatorRow | None = None  # Hebei: 预算执行率 as the grid's last row
    form_reasons: list[Located] = field(
        default_factory=list
    )  # 偏差大或目标未完成原因分析, 存在问题…
    text_cells: list[Located] = field(default_factory=list)  # free-text cells (S003 looks here)

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [] if self.grid is None else self.grid.indicators

    @property
    def all_indicators(self) -> list[IndicatorRow]:
        return self.indicators

    @property
    def required_blocks(self) -> tuple[str, ...]:
        """The blocks this form's layout asks for (funding, goals, grid, total): labels.toml."""
        return layout_requires(self.layout, "central", ("funding", "goals", "grid", "total"))


@dataclass(slots=True)
class CostRow:
    """One line of a cost build-up (成本构成 | 金额 | 测算依据 | 往年实际执行数…)."""

    label: Located
    amount: Located | None = None
    basis: Located | None = None  # 测算(公式)依据
    others: dict[str, Located] = field(default_factory=dict)  # other amount columns by header text


@dataclass(slots=True)
class CostBlock:
    """A cost build-up block with its 合计 row (Ezhou 2022: 成本构成 | 金额 | 测算依据 | …)."""

    header: Located
    rows: list[CostRow] = field(default_factory=list)
    total: CostRow | None = None
    columns: dict[str, int] = field(default_factory=dict)  # header text → column


@dataclass(slots=True)
class TargetProject(Form):
    """项目支出绩效目标表 / 绩效目标申报表 / 审批表 in any layout, one project.

    ``funding`` rows carry ``budget`` (年度资金) and, where printed, ``midterm`` (中期资金) cells;
    ``goals.expected`` holds the 年度目标 cells and ``goals.midterm`` the 中期/长期目标;
    ``grid`` is the annual indicator grid and ``midterm_grid`` the 中期/长期 one where there is one.
    """

    funding: FundingBlock | None = None
    goals: Goals | None = None
    grid: IndicatorGrid | None = None
    midterm_grid: IndicatorGrid | None = None
    cost: CostBlock | None = None
    total: Total | None = None  # a 合计/总分 row of the weights, where printed
    execution_weight: Decimal | None = None  # 预算执行 10分 printed on the form (Chongqing 奉节)
    execution_cell: Located | None = None  # the cell the execution weight was read from
    text_cells: list[Located] = field(default_factory=list)
    # Text columns of the indicator grids (指标解释, 绩效标准, 指标说明, 备注 …): never targets.
    notes: list[Located] = field(default_factory=list)
    # Header attributes beside the identity (项目属性, 项目期, 建设周期, 项目审批 …), label → value.
    attributes: dict[str, Located] = field(default_factory=dict)
    # Score bands printed in 一级 labels (``成本指标(0-20)分``): normalised 一级 → (low, high).
    level1_bands: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [] if self.grid is None else self.grid.indicators

    @property
    def all_indicators(self) -> list[IndicatorRow]:
        rows = list(self.indicators)
        if self.midterm_grid is not None:
            rows += self.midterm_grid.indicators
        return rows

    @property
    def annual_budget(self) -> Located | None:
        """The year's total amount: the funding total's 年度 cell, else the cost block's 合计 金额."""
        if self.funding is not None and self.funding.total is not None:
            cell = self.funding.total.get("budget")
            if cell is not None:
                return cell
        if self.cost is not None and self.cost.total is not None:
            return self.cost.total.amount
        return None

    @property
    def required_blocks(self) -> tuple[str, ...]:
        """The blocks this layout asks for (funding, cost, goals, grid): labels.toml ``[layouts]``."""
        return layout_requires(self.layout, "target_national", ("funding", "goals", "grid"))


@dataclass(slots=True)
class TaskRow:
    """A 年度主要任务 / 履职目标 row of a department table with its money."""

    name: Located
    content: Located | None = None
    cells: dict[str, Located] = field(default_factory=dict)  # budget (总额), fiscal, other
    function: Located | None = None  # 部门职能 (宁德), often merged over several tasks
    project: Located | None = None  # 支出项目名称 (宁德)
    row: int = -1  # 0-based sheet row of the task (its name may be merged down from above)


@dataclass(slots=True)
class TargetDept(Form):
    """部门(单位)整体支出绩效目标表 / 申报表.

    ``funding`` is the department money block (资金总额 / 基本支出 / 项目支出, or 收入构成);
    ``tasks`` the 年度主要任务 grid with ``tasks_total`` its 金额合计 row; ``goals.expected`` the
    年度总体目标 (目标1…n) cells; ``grid`` the indicator grid.

    ``compositions`` holds every money block of the form, ``funding`` first: 宁德 has one (资金总额 =
    项目支出 + 基本支出), 广水 two (收入构成 and 支出构成, each with its 合计); amounts are in the
    ``budget`` column (当年金额), with ``previous`` (近两年收支金额) and ``share`` (占比) where printed.
    """

    funding: FundingBlock | None = None
    compositions: list[FundingBlock] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    tasks_total: TaskRow | None = None
    task_columns: dict[str, int] = field(default_factory=dict)
    goals: Goals | None = None
    grid: IndicatorGrid | None = None
    total: Total | None = None
    text_cells: list[Located] = field(default_factory=list)
    dept_code: str = ""  # 部门预算编码, or the code prefix of the department name
    summary: Located | None = None  # 部门职能概述 text (广水)

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [] if self.grid is None else self.grid.indicators

    @property
    def all_indicators(self) -> list[IndicatorRow]:
        return self.indicators

    @property
    def required_blocks(self) -> tuple[str, ...]:
        """The blocks this form's layout asks for (funding, tasks, goals, grid): labels.toml."""
        return layout_requires(self.layout, "dept_national", ("tasks", "goals", "grid"))


@dataclass(slots=True)
class UnparsedForm(Form):
    """A form whose kind is recognised but which this version does not model yet."""


_OPEN_QUOTES, _CLOSE_QUOTES = "“「『\"'", "”」』\"'"


def _unquoted(text: str) -> str:
    """Drop an opening quote that is never closed, or a closing one never opened."""
    if text[:1] in _OPEN_QUOTES and text[:1] and not any(c in text[1:] for c in _CLOSE_QUOTES):
        return text[1:].lstrip()
    if text[-1:] in _CLOSE_QUOTES and text[-1:] and not any(c in text[:-1] for c in _OPEN_QUOTES):
        return text[:-1].rstrip()
    return text
