"""Clean, arithmetically correct 部门(单位)整体支出绩效自评表 in each layout, as editable cell grids.

Like ``layouts.py`` for project self-evaluations: a rule test starts from one of these and changes
one thing, so a failing case differs from a passing one by exactly the defect under test. Every
builder takes ``department=``, ``year=`` and the department's money totals in 万元 (``initial`` 年初
预算数, ``budget`` 全年预算数, ``executed`` 全年执行数), so a caller can build the table of a
department that agrees with ``scripts/sample_data.py``; the rows under the total (sources, 基本/项目
支出, Fujian's ①②③) are split from the totals so that every printed identity holds to the cent.

Layouts (background/selfeval-and-accounts.md §5):

* ``fujian()`` — 宁德: 资金结构 rows 财政资金小计 / ①②③ / 其他资金小计 / 合计 under the columns
  年初部门预算安排金额① | 历年结余结转② | 年中调整金额③ | 小计④=①+②+③ | 年度拨付金额⑤ |
  支出实现率⑥=⑤/④ | 本年度结余金额⑦=④-⑤ | 资金结余率⑧=⑦/④; no execution score, 产出指标(60分);
* ``chongqing()`` — 部门整体绩效自评表: 自评总分 in the header, one execution row with 执行率权重 /
  执行率得分, 年初 | 全年(调整) | 实际完成 goals, 指标名称 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 |
  全年完成值 | 得分系数 | 指标权重 | 指标得分 | 是否核心指标;
* ``anhui()`` — 寿县: a fixed framework 投入 / 过程 / 产出 / 效益 with 指标分值 | 指标解释 |
  评分标准 | 自评得分 (预算执行率 is one of its rows, scored 执行率 × 分值);
* ``central_dept()`` — the project 附件1 layout for a department: money block with 财政拨款 /
  其他资金 and 基本支出 / 项目支出, 年度主要任务, 年度总体目标 | 实际完成情况, indicator grid, 总分 + 等级.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from layouts import FormGrid

E = None  # an empty cell, for readability
D = Decimal
CENT = D("0.01")
Triple = tuple[Decimal, Decimal, Decimal]  # (年初预算数, 全年预算数, 全年执行数)

DEPARTMENT = "示例县教育局"
YEAR = 2023
INITIAL, BUDGET, EXECUTED = D("3500.00"), D("3600.00"), D("3480.00")


def money(value: Decimal) -> float:
    """An amount as the cell holds it (2 decimals)."""
    return float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def pct(part: Decimal, whole: Decimal) -> str:
    """``part ÷ whole`` as a printed percentage with 2 decimals (``96.67%``)."""
    if whole == 0:
        return "—"
    return f"{(part / whole * 100).quantize(CENT, rounding=ROUND_HALF_UP)}%"


def exec_score(executed: Decimal, budget: Decimal, weight: Decimal) -> float:
    """min(执行率, 1) × 分值, rounded to 2 decimals."""
    rate = min(executed / budget, D(1)) if budget else D(0)
    return float((rate * weight).quantize(CENT, rounding=ROUND_HALF_UP))


def grade_of(score: Decimal) -> str:
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


def split(total: Decimal, shares: tuple[Decimal, ...]) -> list[Decimal]:
    """``total`` in parts by ``shares``, each rounded to the cent, the last taking the remainder."""
    parts = [(total * s).quantize(CENT, rounding=ROUND_HALF_UP) for s in shares[:-1]]
    return [*parts, total - sum(parts, D(0))]


def _triples(total: Triple, shares: tuple[Decimal, ...]) -> list[Triple]:
    columns = [split(value, shares) for value in total]
    return [(columns[0][i], columns[1][i], columns[2][i]) for i in range(len(shares))]


# --- Fujian -------------------------------------------------------------------------------------


def fujian(
    *,
    department: str = DEPARTMENT,
    year: int = YEAR,
    initial: Decimal = INITIAL,
    budget: Decimal = BUDGET,
    executed: Decimal = EXECUTED,
    dept_code: str = "101001",
) -> FormGrid:
    """福建 宁德 style (no execution score; indicators weigh 100: 产出 60, 效益 30, 满意度 10).

    ``initial`` is ①, ``budget`` is ④ = ① + ② + ③ (the difference split 40/60 into 历年结余结转② and
    年中调整金额③), ``executed`` is 年度拨付金额⑤; rows 财政资金小计 (①中央及省级 30%, ②市级 20%,
    ③县级 50%), 其他资金小计 (5%) and 合计 add up in every column."""
    carry_total, adjust_total = split(budget - initial, (D("0.4"), D("0.6")))
    shares = (D("0.285"), D("0.19"), D("0.475"), D("0.05"))  # 95% fiscal = 30/20/50, other 5%
    cols = [split(v, shares) for v in (initial, carry_total, adjust_total, executed)]
    lines: list[list[Decimal]] = []  # per row: ① ② ③ ④ ⑤ ⑦
    for i in range(4):
        first, carry, adjust, paid = (c[i] for c in cols)
        subtotal = first + carry + adjust
        lines.append([first, carry, adjust, subtotal, paid, subtotal - paid])
    fiscal = [sum((line[k] for line in lines[:3]), D(0)) for k in range(6)]
    total = [fiscal[k] + lines[3][k] for k in range(6)]

    def row(label: str, v: list[Decimal]) -> list[Any]:
        return [label, money(v[0]), money(v[1]), money(v[2]), money(v[3]), money(v[4]),
                pct(v[4], v[3]), money(v[5]), pct(v[5], v[3])]  # fmt: skip

    rows: list[list[Any]] = [
        [f"部门（单位）整体支出绩效自评表（{year}年度）", E, E, E, E, E, E, E, E],
        ["部门（单位）名称", department, E, E, E, "部门预算编码", dept_code, E, E],
        ["财政资金安排和使用情况", E, E, E, E, E, E, E, E],
        ["资金结构（万元）", "年初部门预算安排金额①", "历年结余结转②", "年中调整金额③", "小计④=①+②+③",
         "年度拨付金额⑤", "支出实现率（%）⑥=⑤/④", "本年度结余金额⑦=④-⑤", "资金结余率（%）⑧=⑦/④"],
        row("财政资金小计", fiscal),
        row("①中央及省级财政资金", lines[0]),
        row("②市级财政资金", lines[1]),
        row("③县（市、区）财政资金", lines[2]),
        row("其他资金小计", lines[3]),
        row("合计", total),
        ["年度总体目标完成情况", "预期目标", E, E, E, "目标实际完成情况", E, E, E],
        [E, "保障机关正常运转和各项重点工作开展；完成年度重点工作任务12项，服务对象满意度不低于90%。",
         E, E, E, "保障了机关正常运转，完成年度重点工作任务12项，服务对象满意度93%。", E, E, E],
        ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "指标解释", "绩效目标值", "实际完成值",
         "指标分值", "得分"],
        [E, "产出指标（60分）", "数量指标", "年度重点工作任务完成数", "年度内完成的重点工作任务项数", "≥12项",
         "12项", 20, 20],
        [E, E, E, "财政供养人员控制率", "实有人数÷核定编制数", "≤100%", "96%", 10, 10],
        [E, E, "质量指标", "部门决算编报准确率", "决算数据经审核无差错", "=100%", "100%", 10, 10],
        [E, E, "时效指标", "重点工作任务按时完成率", "按时完成任务数÷任务总数", "≥95%", "100%", 10, 10],
        [E, E, "成本指标", "“三公”经费控制率", "“三公”经费支出÷预算数", "≤100%", "92%", 10, 10],
        [E, "效益指标（30分）", "社会效益指标", "服务对象投诉办结率", "办结件数÷投诉件数", "≥98%", "99%", 15, 15],
        [E, E, "可持续影响指标", "内部管理制度健全率", "已建立制度数÷应建立制度数", "=100%", "100%", 15, 15],
        [E, "满意度指标（10分）", "服务对象满意度指标", "服务对象满意度", "抽样问卷调查", "≥90%", "93%", 10, 10],
        ["总分", E, E, E, E, E, E, 100, 100],
        ["评价等级", "优", E, E, E, E, E, E, E],
    ]  # fmt: skip
    merges = ["A1:I1", "B2:E2", "G2:I2", "A3:I3", "A11:A12", "B11:E11", "F11:I11", "B12:E12",
              "F12:I12", "A13:A21", "B14:B18", "C14:C15", "B19:B20", "A22:G22", "B23:I23"]  # fmt: skip
    return FormGrid(rows, merges, sheet="部门整体支出绩效自评表")


# --- Chongqing ----------------------------------------------------------------------------------


def chongqing(
    *,
    department: str = DEPARTMENT,
    year: int = YEAR,
    initial: Decimal = INITIAL,
    budget: Decimal = BUDGET,
    executed: Decimal = EXECUTED,
) -> FormGrid:
    """重庆 部门整体绩效自评表: execution 10 (执行率 × 10), indicators 90 at coefficient 100%;
    自评总分 in the header = execution score + 90."""
    score = exec_score(executed, budget, D(10))
    total = D(str(score)) + 90
    rows: list[list[Any]] = [
        ["部门整体绩效自评表", E, E, E, E, E, E, E, E, E],
        [f"（{year}年度）", E, E, E, E, E, E, E, E, E],
        ["主管部门", department, E, E, "财政处室", "教科文科", E, "自评总分（分）", float(total), E],
        ["部门联系人", "张明", E, E, "联系电话", "023-61234567", E, E, E, E],
        ["部门预算执行情况（万元）", "年初预算数", "全年（调整）预算数", E, "全年执行数", "执行率（%）", E,
         "执行率权重", "执行率得分（分）", E],
        [E, money(initial), money(budget), E, money(executed), pct(executed, budget), E, 10, score, E],
        ["当年绩效目标", "年初绩效目标", E, E, "全年（调整）绩效目标", E, E, "全年目标实际完成情况", E, E],
        [E, "保障机关正常运转，完成年度重点工作任务12项，服务对象满意度不低于90%。", E, E,
         "保障机关正常运转，完成年度重点工作任务12项，服务对象满意度不低于90%。", E, E,
         "保障了机关正常运转，完成年度重点工作任务12项，服务对象满意度93%。", E, E],
        ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数（%）",
         "指标权重（分）", "指标得分（分）", "是否核心指标"],
        ["财政供养人员控制率", "%", "定量指标", "≤100%", E, "96%", "100%", 10, 10, "否"],
        ["“三公”经费控制率", "%", "定量指标", "≤100%", E, "92%", "100%", 10, 10, "否"],
        ["预算调整率", "%", "定量指标", "≤5%", E, "2.86%", "100%", 5, 5, "否"],
        ["结转结余率", "%", "定量指标", "≤5%", E, "3.33%", "100%", 5, 5, "是"],
        ["政府采购执行率", "%", "定量指标", "≥95%", E, "98%", "100%", 5, 5, "是"],
        ["管理制度健全性", E, "定性指标", "达标", E, "达标", "100%", 5, 5, "否"],
        ["预决算信息公开性", E, "定性指标", "是", E, "是", "100%", 5, 5, "否"],
        ["固定资产利用率", "%", "定量指标", "≥90%", E, "96%", "100%", 5, 5, "否"],
        ["年度重点工作任务完成数", "项", "定量指标", "≥12项", E, "12项", "100%", 20, 20, "是"],
        ["服务对象投诉办结率", "%", "定量指标", "≥98%", E, "99%", "100%", 10, 10, "是"],
        ["服务对象满意度", "%", "定量指标", "≥90%", E, "93%", "100%", 10, 10, "是"],
    ]  # fmt: skip
    merges = ["A1:J1", "A2:J2", "B3:D3", "F3:G3", "I3:J3", "B4:D4", "F4:J4", "A5:A6", "C5:D5",
              "F5:G5", "C6:D6", "F6:G6", "A7:A8", "B7:D7", "E7:G7", "H7:J7", "B8:D8", "E8:G8",
              "H8:J8"]  # fmt: skip
    return FormGrid(rows, merges, sheet="部门整体绩效自评表")


# --- Anhui --------------------------------------------------------------------------------------


def anhui(
    *,
    department: str = DEPARTMENT,
    year: int = YEAR,
    initial: Decimal = INITIAL,
    budget: Decimal = BUDGET,
    executed: Decimal = EXECUTED,
) -> FormGrid:
    """安徽 寿县 style fixed framework: 投入 15 / 过程 35 / 产出 30 / 效益 20 = 100; the framework's
    预算执行率 row (10 分) is scored 执行率 × 10, the other rows are scored by the department."""
    score = exec_score(executed, budget, D(10))
    deducted = {"绩效指标明确性": 4, "重点工作完成及时率": 4.5}
    framework: list[tuple[str, str, str, float, str, str]] = [
        ("投入（15分）", "目标设定", "绩效目标合理性", 5, "部门整体绩效目标是否依据充分、符合实际",
         "目标依据充分、符合实际的得满分，否则酌情扣分"),
        ("", "", "绩效指标明确性", 5, "绩效目标是否细化量化为绩效指标", "指标细化量化的得满分，每缺一项扣1分"),
        ("", "预算配置", "财政供养人员控制率", 5, "实有人数÷核定编制数", "≤100%得满分，每超1%扣1分"),
        ("过程（35分）", "预算执行", "预算执行率", 10, "预算执行数÷预算数×100%",
         "预算执行率×分值；预算数为财政部门批复的本年度预算数"),
        ("", "", "结转结余控制率", 5, "结转结余总额÷支出预算数", "≤5%得满分，每超1%扣1分"),
        ("", "预算管理", "资金使用合规性", 5, "资金使用是否符合财经制度", "无违规得满分，发现一次扣1分"),
        ("", "", "管理制度健全性", 5, "内部财务、业务管理制度是否健全", "制度健全得满分，否则酌情扣分"),
        ("", "", "预决算信息公开性", 5, "是否按规定公开预决算信息", "按时全面公开得满分，否则不得分"),
        ("", "资产管理", "资产管理安全性", 5, "资产保存完整、配置合理、处置规范", "符合规定得满分，否则酌情扣分"),
        ("产出（30分）", "职责履行", "重点工作实际完成率", 10, "完成重点工作数÷计划重点工作数",
         "完成率×分值"),
        ("", "", "重点工作完成及时率", 5, "按时完成的重点工作数÷完成的重点工作数", "及时率×分值"),
        ("", "", "重点工作质量达标率", 10, "质量达标的重点工作数÷完成的重点工作数", "达标率×分值"),
        ("", "", "“三公”经费控制率", 5, "“三公”经费支出÷预算数", "≤100%得满分，每超1%扣1分"),
        ("效益（20分）", "履职效益", "社会效益", 10, "部门履职对经济社会发展的影响", "效益明显得满分，否则酌情扣分"),
        ("", "满意度", "服务对象满意度", 10, "社会公众或服务对象对部门履职的满意程度", "满意度×分值"),
    ]  # fmt: skip
    rows: list[list[Any]] = [
        ["部门整体支出绩效评价自评表", E, E, E, E, E, E, E],
        [f"（{year}年度）", E, E, E, E, E, E, E],
        ["部门（单位）名称", department, E, E, "金额单位：万元", E, E, E],
        ["预算执行情况", "年初预算数", "全年预算数", "全年执行数", "执行率", E, E, E],
        ["部门预算资金", money(initial), money(budget), money(executed), pct(executed, budget), E, E, E],
        ["序号", "一级指标", "二级指标", "三级指标", "指标分值", "指标解释", "指标说明及评分标准", "自评得分"],
    ]  # fmt: skip
    total = D(0)
    for number, (l1, l2, name, weight, explain, method) in enumerate(framework, start=1):
        got: float = score if name == "预算执行率" else deducted.get(name, weight)
        total += D(str(got))
        rows.append([number, l1 or E, l2 or E, name, weight, explain, method, got])
    rows.append(["合计", E, E, E, 100, E, E, float(total)])
    rows.append(["自评等级", grade_of(total), E, E, E, E, E, E])
    first = 7  # Excel row of the first framework row
    merges = ["A1:H1", "A2:H2", "B3:D3", "E3:H3", "E4:H4", "E5:H5",
              f"B{first}:B{first + 2}", f"C{first}:C{first + 1}", f"B{first + 3}:B{first + 8}",
              f"C{first + 3}:C{first + 4}", f"C{first + 5}:C{first + 7}", f"B{first + 9}:B{first + 12}",
              f"C{first + 9}:C{first + 12}", f"B{first + 13}:B{first + 14}",
              f"A{first + 15}:D{first + 15}", f"B{first + 16}:H{first + 16}"]  # fmt: skip
    return FormGrid(rows, merges, sheet="部门整体支出绩效自评表")


# --- central ------------------------------------------------------------------------------------


def central_dept(
    *,
    department: str = DEPARTMENT,
    year: int = YEAR,
    initial: Decimal = INITIAL,
    budget: Decimal = BUDGET,
    executed: Decimal = EXECUTED,
    basic: Triple | None = None,
    project: Triple | None = None,
    fiscal: Triple | None = None,
    other: Triple | None = None,
) -> FormGrid:
    """The project 附件1 layout for a department: 部门预算执行情况 with 年度资金总额, 其中：财政拨款 /
    其他资金 and 基本支出 / 项目支出 (each an (年初, 全年, 执行) triple; by default 95/5 and 60/40 of
    the totals — a caller passing them must make each pair add up to the totals), 年度主要任务 (three
    tasks sharing the 项目支出 and their 合计), goals, indicators weighing 90, 总分 + 等级."""
    totals: Triple = (initial, budget, executed)
    fiscal, other = (
        (fiscal, other) if fiscal and other else _triples(totals, (D("0.95"), D("0.05")))
    )
    basic, project = (
        (basic, project) if basic and project else _triples(totals, (D("0.6"), D("0.4")))
    )
    score = exec_score(executed, budget, D(10))
    total = D(str(score)) + 90

    def line(label: str, t: Triple, weight: Any = "—", got: Any = "—") -> list[Any]:
        return [E, label, money(t[0]), money(t[1]), money(t[2]), weight, pct(t[2], t[1]), got, E]

    tasks = _triples((project[1], project[2], D(0)), (D("0.5"), D("0.3"), D("0.2")))
    task_names = [("重点工作任务一：履职项目实施", "按年度计划实施部门履职项目"),
                  ("重点工作任务二：专项业务工作", "完成年度专项业务工作"),
                  ("重点工作任务三：能力建设", "开展业务培训和信息化建设")]  # fmt: skip
    rows: list[list[Any]] = [
        ["部门整体支出绩效自评表", E, E, E, E, E, E, E, E],
        [f"（{year}年度）", E, E, E, E, E, E, E, E],
        ["部门（单位）名称", department, E, E, E, E, E, E, E],
        ["部门预算执行情况（万元）", E, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", E],
        line("年度资金总额", totals, 10, score),
        line("其中：财政拨款", fiscal),
        line("其他资金", other),
        line("基本支出", basic),
        line("项目支出", project),
        ["年度主要任务", "任务名称", "主要内容", E, "预算数", "执行数", "执行率", E, E],
        *([E, name, content, E, money(t[0]), money(t[1]), pct(t[1], t[0]), E, E]
          for (name, content), t in zip(task_names, tasks, strict=True)),
        [E, "合计", E, E, money(project[1]), money(project[2]), pct(project[2], project[1]), E, E],
        ["年度总体目标", "预期目标", E, E, "实际完成情况", E, E, E, E],
        [E, "保障机关正常运转和各项重点工作开展；完成年度重点工作任务12项，服务对象满意度不低于90%。", E, E,
         "保障了机关正常运转，完成年度重点工作任务12项，服务对象满意度93%。", E, E, E, E],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        [E, "产出指标", "数量指标", "年度重点工作任务完成数", "≥12项", "12项", 15, 15, E],
        [E, E, E, "财政供养人员控制率", "≤100%", "96%", 10, 10, E],
        [E, E, "质量指标", "部门决算编报准确率", "=100%", "100%", 10, 10, E],
        [E, E, "时效指标", "重点工作任务按时完成率", "≥95%", "100%", 10, 10, E],
        [E, E, "成本指标", "“三公”经费控制率", "≤100%", "92%", 5, 5, E],
        [E, "效益指标", "社会效益指标", "服务对象投诉办结率", "≥98%", "99%", 15, 15, E],
        [E, E, "可持续影响指标", "内部管理制度健全率", "=100%", "100%", 15, 15, E],
        [E, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", 10, 10, E],
        ["总分", E, E, E, E, E, 100, float(total), grade_of(total)],
    ]  # fmt: skip
    merges = ["A1:I1", "A2:I2", "B3:I3", "A4:B4", "A5:A9", "A10:A14", "C10:D10", "C11:D11",
              "C12:D12", "C13:D13", "B14:D14", "A15:A16", "B15:D15", "E15:I15", "B16:D16",
              "E16:I16", "A17:A25", "B18:B22", "C18:C19", "B23:B24", "A26:F26"]  # fmt: skip
    return FormGrid(rows, merges, sheet="部门整体支出绩效自评表")


SELFEVAL_DEPT_LAYOUTS = {
    "fujian": fujian,
    "chongqing": chongqing,
    "anhui": anhui,
    "central_dept": central_dept,
}
