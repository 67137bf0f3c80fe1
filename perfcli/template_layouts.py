"""The blank templates of ``perfcli template KIND``, as data: one grid of cell specs per form kind.

Each follows the national layout the locators read (the clean builders of the tests have the same
labels): 财预〔2020〕10号 附件1 for the project self-evaluation (and its department form), 财预〔2015〕
88号 for the target tables, 财预〔2019〕136号 for monitoring (at 1-7月, as the notice asks), and
the 项目支出绩效自评情况汇总表 of the self-evaluation package. ``perfcli.templates`` writes them.

A cell spec is a plain ``str`` (a printed label), an ``int`` or ``Fixed`` (a printed value such as
the 分值 10 or ``—``), ``Input`` (where the preparer writes: blank with a number format and a prompt
shown when the cell is selected, or printed instruction text to be replaced — the text perfcli's
S003 reports when it is left in), ``Title``/``Note`` (above the table, no border) or None (an
empty bordered cell, or a cell covered by a merge).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

YEAR_LINE = "（      年度）"
UNIT_NOTE = "金额单位：万元"
MONTHS = "1-7月"  # 财预〔2019〕136号: the monitoring as of the end of July

# 一级 → 二级 of the indicator grid (财预〔2020〕10号 附件1; 成本 under 产出 as printed there).
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)
ROWS_PER_SUBCATEGORY = 2  # "指标1：", "指标2：" under each 二级, as the printed templates have
LIKELIHOOD = ("确定能", "有可能", "完全不可能")
GRADES = ("优", "良", "中", "差")
TICK = ("√",)


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Note:
    text: str
    align: str = "center"


@dataclass(frozen=True)
class Fixed:
    value: str | int


@dataclass(frozen=True)
class Input:
    """A cell the preparer fills in. ``kind``: text | money | rate | score | count."""

    kind: str = "text"
    prompt: str = ""  # shown when the cell is selected (Excel data-validation input message)
    text: str = ""  # printed instruction text, to be replaced
    choices: tuple[str, ...] = ()  # a drop-down list


Spec: TypeAlias = str | int | Fixed | Input | Title | Note | None


@dataclass(frozen=True)
class Layout:
    kind: str
    name: str  # the form's Chinese name: the file is <name>.xlsx
    basis: str  # the document whose layout it follows
    sheet: str
    rows: tuple[tuple[Spec, ...], ...]
    merges: tuple[str, ...]
    widths: tuple[float, ...]
    tall_rows: tuple[int, ...] = ()  # 1-based rows for long text (goals)


class _Grid:
    """Rows of ``width`` cells, built top to bottom; ``add`` returns the new row's number."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.rows: list[tuple[Spec, ...]] = []
        self.merges: list[str] = []
        self.tall: list[int] = []

    def add(self, *cells: Spec) -> int:
        assert len(cells) <= self.width, cells
        self.rows.append((*cells, *([None] * (self.width - len(cells)))))
        return len(self.rows)

    def merge(self, *refs: str) -> None:
        self.merges.extend(refs)

    def layout(
        self, kind: str, name: str, basis: str, sheet: str, widths: tuple[float, ...]
    ) -> Layout:
        assert len(widths) == self.width
        return Layout(kind, name, basis, sheet, tuple(self.rows), tuple(self.merges), widths,
                      tuple(self.tall))  # fmt: skip


def _col(index: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]


def _money(prompt: str = "") -> Input:
    return Input("money", prompt or "金额，单位万元，保留两位小数")


def _rate() -> Input:
    return Input("rate", "执行率＝执行数÷预算数，百分数保留两位小数")


def _header(grid: _Grid, title: str) -> None:
    last = _col(grid.width - 1)
    grid.add(Title(title))
    grid.merge(f"A1:{last}1")
    grid.add(Note(YEAR_LINE))
    grid.merge(f"A2:{last}2")
    # The unit on a row of its own: the year is read only from heading rows that hold no label.
    grid.add(*([None] * (grid.width - 2)), Note(UNIT_NOTE, "right"))
    grid.merge(f"{_col(grid.width - 2)}3:{last}3")


def _indicators(grid: _Grid, section: str, head: tuple[Spec, ...], values: tuple[Spec, ...],
                name_span: int = 1, two_row_head: tuple[Spec, ...] = ()) -> int:  # fmt: skip
    """The indicator grid: a header (one or two rows), then 指标1/指标2 under every 二级;
    returns the header's (first) row."""
    first = grid.add(
        section, "一级指标", "二级指标", "三级指标", *([None] * (name_span - 1)), *head
    )
    if name_span > 1:
        grid.merge(f"D{first}:{_col(2 + name_span)}{first}")
    if two_row_head:
        second = grid.add(*two_row_head)
        for index, spec in enumerate(grid.rows[first - 1]):
            if index and spec is not None and two_row_head[index] is None:
                grid.merge(f"{_col(index)}{first}:{_col(index)}{second}")
    for level1, level2s in CATEGORIES:
        top = len(grid.rows) + 1
        for level2 in level2s:
            start = len(grid.rows) + 1
            for n in range(1, ROWS_PER_SUBCATEGORY + 1):
                row = grid.add(None, level1 if len(grid.rows) + 1 == top else None,
                               level2 if n == 1 else None,
                               Input(prompt="三级指标名称", text=f"指标{n}："),
                               *([None] * (name_span - 1)), *values)  # fmt: skip
                if name_span > 1:
                    grid.merge(f"D{row}:{_col(2 + name_span)}{row}")
            grid.merge(f"C{start}:C{len(grid.rows)}")
        grid.merge(f"B{top}:B{len(grid.rows)}")
    grid.merge(f"A{first}:A{len(grid.rows)}")
    return first


def selfeval_project() -> Layout:
    """项目支出绩效自评表, 财预〔2020〕10号 附件1."""
    g = _Grid(9)
    _header(g, "项目支出绩效自评表")
    r = g.add("项目名称", Input(prompt="项目全称，与预算批复一致"))
    g.merge(f"B{r}:I{r}")
    r = g.add(
        "主管部门",
        Input(prompt="主管部门全称"),
        None,
        None,
        "实施单位",
        Input(prompt="实施单位全称"),
    )
    g.merge(f"B{r}:D{r}", f"F{r}:I{r}")
    _selfeval_money_head(g, "项目资金\n（万元）")
    first = g.add(None, "年度资金总额", _money(), _money(), _money(), Fixed(10), _rate(),
                  Input("score", "得分＝执行率×分值，最高不超过分值"))  # fmt: skip
    for source in ("其中：当年财政拨款", "上年结转资金", "其他资金"):
        g.add(None, source, _money(), _money(), _money(), Fixed("—"), Fixed("—"), Fixed("—"))
    g.merge(f"A{first}:A{len(g.rows)}")
    _selfeval_goals(g)
    _selfeval_indicators(g)
    return g.layout("selfeval_project", "项目支出绩效自评表", "财预〔2020〕10号 附件1", "项目支出绩效自评表",
                    (12, 20, 14, 22, 16, 16, 10, 10, 24))  # fmt: skip


def _target_money_rows(g: _Grid) -> None:
    first = g.add("项目资金\n（万元）", "中期资金总额：", _money(), "年度资金总额：", _money())
    g.add(None, "其中：财政拨款", _money(), "其中：财政拨款", _money())
    g.add(None, "其他资金", _money(), "其他资金", _money())
    g.merge(f"A{first}:A{first + 2}")


def target_project() -> Layout:
    """项目支出绩效目标申报表, 财预〔2015〕88号 附件: 中期 and 年度 money, goals and indicator grids."""
    g = _Grid(5)
    _header(g, "项目支出绩效目标申报表")
    r = g.add("项目名称", Input(prompt="项目全称"))
    g.merge(f"B{r}:E{r}")
    g.add(
        "主管部门及代码",
        Input(prompt="[代码]主管部门全称"),
        "实施单位",
        Input(prompt="实施单位全称"),
    )
    g.merge(f"D{len(g.rows)}:E{len(g.rows)}")
    g.add("项目属性", Input(prompt="新增项目或延续项目", choices=("新增项目", "延续项目")), "项目期",
          Input(prompt="如 2025年-2027年"))  # fmt: skip
    g.merge(f"D{len(g.rows)}:E{len(g.rows)}")
    _target_money_rows(g)
    r = g.add("总体目标", "中期目标", None, "年度目标")
    g.add(None, Input(text="填写项目实施期内的总体目标（200字以内）"), None,
          Input(text="填写本年度预期达到的产出和效果（200字以内）"))  # fmt: skip
    g.merge(
        f"A{r}:A{r + 1}", f"B{r}:C{r}", f"D{r}:E{r}", f"B{r + 1}:C{r + 1}", f"D{r + 1}:E{r + 1}"
    )
    g.tall.append(r + 1)
    target = (Input(prompt="比较符、数值和单位，如 ≥95%"),)
    _indicators(g, "中期绩效指标", ("指标值",), target)
    _indicators(g, "年度绩效指标", ("指标值",), target)
    return g.layout("target_project", "项目支出绩效目标申报表", "财预〔2015〕88号 附件",
                    "项目支出绩效目标申报表", (14, 22, 18, 30, 22))  # fmt: skip


def target_dept() -> Layout:
    """部门（单位）整体支出绩效目标申报表, 财预〔2015〕88号 附件."""
    g = _Grid(7)
    _header(g, "部门（单位）整体支出绩效目标申报表")
    r = g.add("部门（单位）名称", Input(prompt="部门（单位）全称"))
    g.merge(f"B{r}:G{r}")
    first = g.add("年度主要任务", "任务名称", "主要内容", None, "预算申请（万元）")
    g.add(None, None, None, None, "总额", "财政拨款", "其他资金")
    g.merge(f"B{first}:B{first + 1}", f"C{first}:D{first + 1}", f"E{first}:G{first}")
    for _ in range(3):
        row = g.add(None, Input(prompt="任务名称"), Input(prompt="主要内容"), None,
                    _money("总额＝财政拨款＋其他资金"), _money(), _money())  # fmt: skip
        g.merge(f"C{row}:D{row}")
    row = g.add(None, "金额合计", None, None, _money("各任务之和"), _money("各任务之和"),
                _money("各任务之和"))  # fmt: skip
    g.merge(f"B{row}:D{row}", f"A{first}:A{row}")
    r = g.add("年度总体目标", Input(text="填写部门本年度的总体绩效目标（300字以内）"))
    g.merge(f"B{r}:G{r}")
    g.tall.append(r)
    _indicators(
        g, "年度绩效指标", ("指标值",), (Input(prompt="比较符、数值和单位，如 ≥95%"),), name_span=3
    )
    return g.layout("target_dept", "部门整体支出绩效目标申报表", "财预〔2015〕88号 附件",
                    "部门整体支出绩效目标申报表", (14, 22, 18, 12, 14, 14, 20))  # fmt: skip


_CAUSES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")


def _monitor_values() -> tuple[Spec, ...]:
    return (Input(prompt="比较符、数值和单位，如 ≥95%"), Input(prompt=f"{MONTHS}实际完成情况"),
            Input(prompt="全年预计完成情况"),
            *(Input(prompt="偏离目标的原因打√", choices=TICK) for _ in _CAUSES),
            Input(prompt="确定能、有可能或完全不可能", choices=LIKELIHOOD),
            Input(prompt="偏差原因说明及纠偏措施"))  # fmt: skip


def monitor_project() -> Layout:
    """项目支出绩效目标执行监控表, 财预〔2019〕136号 附件 (at 1-7月)."""
    g = _Grid(14)
    _header(g, "项目支出绩效目标执行监控表")
    r = g.add("项目名称", Input(prompt="项目全称"))
    g.merge(f"B{r}:N{r}")
    r = g.add("主管部门及代码", Input(prompt="[代码]主管部门全称"), None, None, None, None, None,
              "实施单位", None, Input(prompt="实施单位全称"))  # fmt: skip
    g.merge(f"B{r}:G{r}", f"H{r}:I{r}", f"J{r}:N{r}")
    r = g.add("项目资金\n（万元）", None, "年初预算数", "调整后预算数", f"{MONTHS}执行数", f"{MONTHS}执行率",
              "全年预计执行数")  # fmt: skip
    g.merge(f"A{r}:B{r}")
    first = len(g.rows) + 1
    for source in ("年度资金总额", "其中：财政拨款", "其他资金"):
        g.add(None, source, _money(), _money(), _money(), _rate(), _money())
    g.merge(f"A{first}:A{len(g.rows)}")
    r = g.add("年度总体目标", "全年目标", None, None, None, None, f"{MONTHS}执行情况")
    g.add(None, Input(text="填写年度绩效目标（200字以内）"), None, None, None, None,
          Input(text=f"说明{MONTHS}目标完成情况（200字以内）"))  # fmt: skip
    g.merge(
        f"A{r}:A{r + 1}", f"B{r}:F{r}", f"G{r}:N{r}", f"B{r + 1}:F{r + 1}", f"G{r + 1}:N{r + 1}"
    )
    g.tall.append(r + 1)
    head = ("年度指标值", f"{MONTHS}执行情况", "全年预计完成情况", "偏差原因分析", None, None, None, None,
            "完成目标可能性", "备注")  # fmt: skip
    second = (None, None, None, None, None, None, None, *_CAUSES, None, None)
    r = _indicators(g, "绩效指标", head, _monitor_values(), two_row_head=second)
    g.merge(f"H{r}:L{r}")
    return g.layout("monitor_project", "项目支出绩效目标执行监控表", "财预〔2019〕136号 附件",
                    "项目支出绩效目标执行监控表", (12, 14, 14, 20, 14, 14, 14, 8, 8, 8, 8, 8, 12, 20))  # fmt: skip


def monitor_dept() -> Layout:
    """部门整体支出绩效运行监控表 (at 1-7月), as the monitoring systems print it."""
    g = _Grid(14)
    _header(g, "部门整体支出绩效运行监控表")
    r = g.add("部门（单位）名称", Input(prompt="部门（单位）全称"), None, None, None, None, None, "监控期间",
              None, Input(prompt=f"如 2025年{MONTHS}"))  # fmt: skip
    g.merge(f"B{r}:G{r}", f"H{r}:I{r}", f"J{r}:N{r}")
    first = g.add("部门预算执行情况（万元）", "支出类别", "年初预算数", "全年预算数", f"{MONTHS}执行数",
                  f"{MONTHS}执行率", "全年预计执行数", "偏差原因")  # fmt: skip
    g.merge(f"H{first}:N{first}")
    for line in ("合计", "基本支出", "项目支出"):
        row = g.add(None, line, _money(), _money(), _money(), _rate(), _money(),
                    Input(prompt="执行率偏低或预计不能执行完毕的原因"))  # fmt: skip
        g.merge(f"H{row}:N{row}")
    g.merge(f"A{first}:A{len(g.rows)}")
    r = g.add("年度总体目标", Input(text="填写部门年度总体目标（200字以内）"), None, None, None, None,
              f"{MONTHS}执行情况", Input(text=f"说明{MONTHS}目标完成情况（200字以内）"))  # fmt: skip
    g.merge(f"B{r}:F{r}", f"H{r}:N{r}")
    g.tall.append(r)
    head = ("年度指标值", f"{MONTHS}执行情况", "全年预计完成情况", "经费保障偏差原因", "制度保障偏差原因",
            "人员保障偏差原因", "硬件保障偏差原因", "其他偏差原因", "完成目标可能性", "偏差原因备注")  # fmt: skip
    _indicators(g, "绩效指标", head, _monitor_values())
    return g.layout("monitor_dept", "部门整体支出绩效运行监控表", "财预〔2019〕136号（部门整体）",
                    "部门整体支出绩效运行监控表", (12, 14, 14, 20, 14, 14, 14, 10, 10, 10, 10, 10, 12, 20))  # fmt: skip


def _selfeval_indicators(g: _Grid) -> None:
    """The 附件1 indicator grid and its 总分 row (project and department self-evaluations)."""
    _indicators(g, "绩效指标",
                ("年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
                (Input(prompt="比较符、数值和单位，如 ≥95%"), Input(prompt="全年实际完成值"),
                 Input("score"), Input("score"), Input(prompt="未完成或扣分的原因及改进措施")))  # fmt: skip
    r = g.add("总分", None, None, None, None, None, Fixed(100), Input("score", "各项得分之和"),
              Input(prompt="自评等级", choices=GRADES))  # fmt: skip
    g.merge(f"A{r}:F{r}")


def _selfeval_money_head(g: _Grid, label: str) -> None:
    r = g.add(label, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", None)
    g.merge(f"A{r}:B{r}")


def _selfeval_goals(g: _Grid) -> None:
    r = g.add("年度总体目标", "预期目标", None, None, "实际完成情况")
    g.add(None, Input(text="填写年初设定的年度总体目标（200字以内）"), None, None,
          Input(text="对照年度目标，说明实际完成情况（200字以内）"))  # fmt: skip
    g.merge(
        f"A{r}:A{r + 1}", f"B{r}:D{r}", f"E{r}:I{r}", f"B{r + 1}:D{r + 1}", f"E{r + 1}:I{r + 1}"
    )
    g.tall.append(r + 1)


def selfeval_dept() -> Layout:
    """部门整体支出绩效自评表 in the 附件1 layout: 部门预算执行情况 (资金来源, 基本/项目支出),
    年度主要任务, goals, indicators, 总分 + 等级."""
    g = _Grid(9)
    _header(g, "部门整体支出绩效自评表")
    r = g.add("部门（单位）名称", Input(prompt="部门（单位）全称"))
    g.merge(f"B{r}:I{r}")
    _selfeval_money_head(g, "部门预算执行情况（万元）")
    first = g.add(None, "年度资金总额", _money(), _money(), _money(), Fixed(10), _rate(),
                  Input("score", "得分＝执行率×分值，最高不超过分值"))  # fmt: skip
    for line in ("其中：财政拨款", "其他资金", "基本支出", "项目支出"):
        g.add(None, line, _money(), _money(), _money(), Fixed("—"), _rate(), Fixed("—"))
    g.merge(f"A{first}:A{len(g.rows)}")
    first = g.add("年度主要任务", "任务名称", "主要内容", None, "预算数", "执行数", "执行率")
    g.merge(f"C{first}:D{first}")
    for _ in range(3):
        row = g.add(None, Input(prompt="任务名称"), Input(prompt="主要内容"), None, _money(), _money(),
                    _rate())  # fmt: skip
        g.merge(f"C{row}:D{row}")
    row = g.add(None, "合计", None, None, _money("各任务之和"), _money("各任务之和"), _rate())
    g.merge(f"B{row}:D{row}", f"A{first}:A{row}")
    _selfeval_goals(g)
    _selfeval_indicators(g)
    return g.layout("selfeval_dept", "部门整体支出绩效自评表", "财预〔2020〕10号 附件1（部门整体）",
                    "部门整体支出绩效自评表", (14, 20, 14, 22, 16, 16, 10, 10, 24))  # fmt: skip


SUMMARY_ROWS = 10


def selfeval_summary() -> Layout:
    """项目支出绩效自评情况汇总表: one row per project of the department, then 合计."""
    g = _Grid(10)
    g.add(Title("项目支出绩效自评情况汇总表"))
    g.add(Note(YEAR_LINE))
    g.add(Note("填报单位：", "left"), *([None] * 6), Note(UNIT_NOTE, "right"))
    g.merge("A1:J1", "A2:J2", "A3:G3", "H3:J3")
    g.add("序号", "项目编码", "项目名称", "实施单位", "年初预算数", "全年预算数", "全年执行数", "执行率", "自评得分",
          "自评等级")  # fmt: skip
    for n in range(1, SUMMARY_ROWS + 1):
        g.add(Fixed(n), Input(prompt="预算项目编码"), Input(prompt="与项目自评表一致"),
              Input(prompt="实施单位全称"), _money(), _money(), _money(), _rate(),
              Input("score", "与项目自评表总分一致"), Input(prompt="优、良、中或差", choices=GRADES))  # fmt: skip
    row = g.add("合计", None, None, None, _money("各项目之和"), _money("各项目之和"),
                _money("各项目之和"), Input("rate", "合计执行率＝Σ执行数÷Σ预算数"))  # fmt: skip
    g.merge(f"A{row}:D{row}")
    return g.layout("selfeval_summary", "项目支出绩效自评情况汇总表", "自评“一报告三表格”之汇总表",
                    "项目支出绩效自评情况汇总表", (8, 24, 26, 22, 14, 14, 14, 12, 10, 10))  # fmt: skip


# kind → its template, in the order of the budget year (target → monitoring → self-evaluation).
LAYOUTS = {
    "target_project": target_project,
    "target_dept": target_dept,
    "monitor_project": monitor_project,
    "monitor_dept": monitor_dept,
    "selfeval_project": selfeval_project,
    "selfeval_dept": selfeval_dept,
    "selfeval_summary": selfeval_summary,
}
