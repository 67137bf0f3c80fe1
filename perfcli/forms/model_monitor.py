"""Models of the monitoring tables (绩效运行监控表, 财预〔2019〕136号): project and department.

Money (``funding``): a ``FundingBlock`` whose rows are 年度资金总额 (role ``total``) and its sources
(其中:财政拨款 / 其他资金; a department's 基本支出 / 项目支出), with the canonical columns

* ``initial`` — 年初预算数;
* ``budget`` — 调整后预算数 / 全年预算数;
* ``period_executed`` — 1-N月执行数 (当前月执行数, 累计执行数);
* ``period_rate`` — 1-N月执行率 / 预算执行率, as printed;
* ``forecast`` — 全年预计执行数;
* ``reason`` — a 原因/说明 column of the money block, where printed.

``period_month`` is N of the period (1-6月 → 6), read from a label, with ``period_cell`` the cell
it was read from; time progress is N/12.

Indicators (``grid``): one ``IndicatorRow`` per 三级 indicator with its ``target`` (年度指标值) and
the monitoring fields ``progress`` (1-N月执行情况), ``forecast`` (全年预计完成情况), their parsed
``progress_value`` / ``forecast_value``, ``causes`` (经费保障 / 制度保障 / 人员保障 / 硬件条件保障 /
其他 → the cell of that column, ticked or holding text), ``likelihood`` (完成目标可能性 as one text
cell) or ``likelihood_marks`` (确定能 / 有可能 / 完全不可能 → the cell of that tick column), and
``remark`` (备注). The grid's ``columns`` name these columns ``progress``, ``forecast``,
``likelihood``, ``remark``, ``cause:经费保障`` … and ``mark:确定能`` ….
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perfcli.forms.model import (
    Form,
    FundingBlock,
    Goals,
    IndicatorGrid,
    IndicatorRow,
    Located,
    Total,
    layout_requires,
)

# The canonical money columns of a monitoring table (FUNDING_COLUMNS holds the shared ones).
MONITOR_FUNDING_COLUMNS = (
    "initial",
    "budget",
    "period_executed",
    "period_rate",
    "forecast",
    "reason",
)
CAUSES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
LIKELIHOODS = ("确定能", "有可能", "完全不可能")


@dataclass(slots=True)
class MonitorForm(Form):
    """What every monitoring table holds (the money block, the period, goals and indicators)."""

    funding: FundingBlock | None = None
    period_month: int | None = None  # N of 1-N月
    period_cell: Located | None = None
    goals: Goals | None = None  # expected = 年度总体目标; actual = its 1-N月执行情况
    grid: IndicatorGrid | None = None
    total: Total | None = None  # a 合计 row of the weights, where printed
    text_cells: list[Located] = field(default_factory=list)  # free-text cells (S003 looks here)
    # Form-level explanations: 偏差原因分析及纠偏措施, 说明, 备注 … (label | text rows).
    form_reasons: list[Located] = field(default_factory=list)

    @property
    def indicators(self) -> list[IndicatorRow]:
        return [] if self.grid is None else self.grid.indicators

    @property
    def all_indicators(self) -> list[IndicatorRow]:
        return self.indicators

    @property
    def required_blocks(self) -> tuple[str, ...]:
        """The blocks this layout asks for (funding, goals, grid): labels_monitor.toml."""
        return layout_requires(self.layout, "monitor_central", ("funding", "goals", "grid"))


@dataclass(slots=True)
class MonitorProject(MonitorForm):
    """项目支出绩效目标执行监控表 / 项目绩效运行监控表, one project."""


@dataclass(slots=True)
class MonitorDept(MonitorForm):
    """部门整体支出绩效运行监控表: the department's money (合计 / 基本支出 / 项目支出) and indicators.

    ``department`` is the 部门(单位)名称; there is no 项目名称.
    """

    dept_code: str = ""  # 部门预算编码, or the code prefix of the department name
