"""Clean, correct 绩效运行监控表 in each layout, as editable cell grids.

Like ``layouts.py`` for self-evaluations: a rule test starts from one of these and changes one
thing, so a failing case differs from a passing one by exactly the defect under test. Every builder
is clean: year 2023, identity filled, amounts in 万元 that add up, every printed rate equal to
1-N月执行数 ÷ 调整后预算数 at two decimals and ahead of time progress less 15 points, 全年预计执行数
within the budget, every indicator with its progress and forecast, and every indicator whose forecast
misses its target or whose 完成目标可能性 is not 确定能 with a cause ticked (or written) and explained.
"""

from __future__ import annotations

from typing import Any

from layouts import FormGrid

E = None  # an empty cell, for readability
T = "√"  # a tick


def central_136() -> FormGrid:
    """财预〔2019〕136号 附件 项目支出绩效目标执行监控表: 1-7月; money 年初预算数 | 调整后预算数 |
    1-7月执行数 | 1-7月执行率 | 全年预计执行数; 年度总体目标 | 全年目标 | 1-7月执行情况 over the texts;
    a two-row grid header with 偏差原因分析 over the five causes; 完成目标可能性 as one text column."""
    rows: list[list[Any]] = [
        ["项目支出绩效目标执行监控表", *[E] * 13],
        ["（2023年度）", *[E] * 13],
        ["项目名称", "社区居家养老服务补助", *[E] * 12],
        ["主管部门及代码", "[155]某县民政局", E, E, E, E, E, "实施单位", E, "某县养老服务中心", E, E, E, E],
        ["项目资金\n（万元）", E, "年初预算数", "调整后预算数", "1-7月执行数", "1-7月执行率", "全年预计执行数",
         *[E] * 7],
        [E, "年度资金总额", 120, 120, 75, "62.50%", 120, *[E] * 7],
        [E, "其中：财政拨款", 110, 110, 70, "63.64%", 110, *[E] * 7],
        [E, "其他资金", 10, 10, 5, "50.00%", 10, *[E] * 7],
        ["年度总体目标", "全年目标", E, E, E, E, "1-7月执行情况", *[E] * 7],
        [E, "为全县1200名以上老年人提供居家养老服务，服务合格率不低于95%。", E, E, E, E,
         "1-7月已为760名老年人提供居家养老服务，服务合格率96%。", *[E] * 7],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行情况", "全年预计完成情况",
         "偏差原因分析", E, E, E, E, "完成目标可能性", "备注"],
        [E, E, E, E, E, E, E, "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", E, E],
        [E, "产出指标", "数量指标", "服务老年人数", "≥1200人", "760人", "1250人", E, E, E, E, E, "确定能", E],
        [E, E, "质量指标", "服务合格率", "≥95%", "96%", "96%", E, E, E, E, E, "确定能", E],
        [E, E, "时效指标", "补助资金按时发放率", "=100%", "100%", "100%", E, E, E, E, E, "确定能", E],
        [E, E, "成本指标", "人均服务成本", "≤800元", "460元", "780元", E, E, E, E, E, "确定能", E],
        [E, "效益指标", "社会效益指标", "老年人生活照料问题解决率", "≥80%", "70%", "80%", E, E, T, E, E,
         "有可能", "护理员缺口3人，8月招聘到岗后可完成"],
        [E, E, "可持续影响指标", "服务机制持续运行年限", "≥3年", "3年", "3年", E, E, E, E, E, "确定能", E],
        [E, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "92%", "93%", E, E, E, E, E, "确定能",
         E],
    ]  # fmt: skip
    merges = ["A1:N1", "A2:N2", "B3:N3", "B4:G4", "H4:I4", "J4:N4", "A5:B5", "A6:A8", "A9:A10",
              "B9:F9", "G9:N9", "B10:F10", "G10:N10", "A11:A19", "B11:B12", "C11:C12", "D11:D12",
              "E11:E12", "F11:F12", "G11:G12", "H11:L11", "M11:M12", "N11:N12", "B13:B16",
              "B17:B18"]  # fmt: skip
    return FormGrid(rows, merges, sheet="监控表")


def marks_1_6() -> FormGrid:
    """A regional 项目绩效运行监控表 at 1-6月, labels worded differently: 资金来源 | … | 1-6月执行数 |
    预算执行率 | 全年预计执行数 | 原因说明; 年度目标 | <goal> | 目标执行情况 | <progress> in one row;
    指标权重 and 年度目标值; 当前月执行情况 / 全年预计完成值; 完成目标可能性 as three tick columns
    确定能 | 有可能 | 完全不可能 under a two-row header; a 合计 row, a form-level explanation and a
    sign-off row."""
    rows: list[list[Any]] = [
        ["2023年度项目绩效运行监控表（1-6月）", *[E] * 16],
        ["项目名称", "51000021R000000012345-乡村道路养护", E, E, E, E, "项目主管部门", "某县交通运输局", E, E,
         "项目实施单位", "某县公路养护中心", E, E, E, E, E],
        [*[E] * 14, "金额单位：万元", E, E],
        ["预算资金执行情况", "资金来源", "年初预算数", "调整后预算数", "1-6月执行数", "预算执行率", "全年预计执行数",
         "原因说明", *[E] * 9],
        [E, "合计", 200, 210, 100, "47.62%", 210, E, *[E] * 9],
        [E, "财政资金", 200, 200, 95, "47.50%", 200, E, *[E] * 9],
        [E, "其他资金", 0, 10, 5, "50.00%", 10, E, *[E] * 9],
        ["年度目标", "完成农村公路日常养护320公里，优良路率不低于85%。", E, E, E, E, "目标执行情况",
         "上半年完成日常养护165公里，优良路率86%。", *[E] * 9],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标权重", "年度目标值", "当前月执行情况", "全年预计完成值",
         "偏差原因分析", E, E, E, E, "完成目标可能性", E, E, "备注"],
        [*[E] * 8, "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "确定能", "有可能", "完全不可能", E],
        [E, "产出指标", "数量指标", "日常养护里程", 30, "≥320公里", "165公里", "320公里", *[E] * 5, T, E, E, E],
        [E, E, "质量指标", "优良路率", 20, "≥85%", "86%", "87%", *[E] * 5, T, E, E, E],
        [E, E, "时效指标", "养护任务完成时间", 10, "≤2023年12月", "按计划推进", "2023年12月", *[E] * 5, T, E, E, E],
        [E, E, "成本指标", "每公里养护成本", 10, "≤0.62万元", "0.30万元", "0.60万元", *[E] * 5, T, E, E, E],
        [E, "效益指标", "社会效益指标", "农村公路通畅率", 20, "≥98%", "97%", "98%", E, "✓", E, E, E, E, T, E,
         "雨季影响施工，已调整养护计划"],
        [E, "满意度指标", "服务对象满意度指标", "沿线群众满意度", 10, "≥90%", "91%", "92%", *[E] * 5, T, E, E, E],
        ["合计", E, E, E, 100, *[E] * 12],
        ["偏差原因分析及纠偏措施", "雨季影响部分路段养护进度，已调整养护计划，预计年底完成全年目标。", *[E] * 15],
        ["填报人：李明", E, E, E, "联系电话：0833-1234567", *[E] * 12],
    ]  # fmt: skip
    merges = ["A1:Q1", "B2:F2", "H2:J2", "L2:Q2", "O3:Q3", "A4:A7", "H4:Q4", "H5:Q5", "H6:Q6",
              "H7:Q7", "B8:F8", "H8:Q8", "A9:A16", "B9:B10", "C9:C10", "D9:D10", "E9:E10",
              "F9:F10", "G9:G10", "H9:H10", "I9:M9", "N9:P9", "Q9:Q10", "B11:B14", "A17:D17",
              "B18:Q18", "A19:D19", "E19:Q19"]  # fmt: skip
    return FormGrid(rows, merges, sheet="运行监控")


def dept_1_8() -> FormGrid:
    """部门整体支出绩效运行监控表 at 1-8月: 部门（单位）名称 and 监控期间; money 支出类别 with 合计 /
    基本支出 / 项目支出 by 年初预算数 | 全年预算数 | 1-8月执行数 | 1-8月执行率 | 全年预计执行数 |
    偏差原因; a one-row grid header as the monitoring system prints it (经费保障偏差原因 … 其他偏差原因 |
    完成目标可能性 | 偏差原因备注), one cause written out as text."""
    rows: list[list[Any]] = [
        ["部门整体支出绩效运行监控表", *[E] * 13],
        ["（2023年度）", *[E] * 13],
        ["部门（单位）名称", "某县教育局", E, E, E, E, E, "监控期间", E, "2023年1-8月", E, E, E, E],
        ["部门预算执行情况（万元）", "支出类别", "年初预算数", "全年预算数", "1-8月执行数", "1-8月执行率",
         "全年预计执行数", "偏差原因", *[E] * 6],
        [E, "合计", 1860, 1900, 1330, "70.00%", 1900, E, *[E] * 6],
        [E, "基本支出", 600, 620, 420, "67.74%", 620, E, *[E] * 6],
        [E, "项目支出", 1260, 1280, 910, "71.09%", 1280, E, *[E] * 6],
        ["年度总体目标", "保障全县42所义务教育学校正常运转；资助家庭经济困难学生3200名；完成教师培训1500人次。",
         E, E, E, E, "1-8月执行情况", "42所学校公用经费已拨付；春季学期资助2150名；完成教师培训800人次。",
         *[E] * 6],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-8月执行情况", "全年预计完成情况",
         "经费保障偏差原因", "制度保障偏差原因", "人员保障偏差原因", "硬件保障偏差原因", "其他偏差原因", "完成目标可能性",
         "偏差原因备注"],
        [E, "产出指标", "数量指标", "拨付公用经费学校数", "=42所", "42所", "42所", *[E] * 5, "确定能", E],
        [E, E, E, "资助家庭经济困难学生人数", "≥3200人", "2150人", "3250人", *[E] * 5, "确定能", E],
        [E, E, E, "教师培训人次", "≥1500人次", "800人次", "1450人次", "培训经费下达延迟", *[E] * 4, "有可能",
         "已申请追加经费，9月集中培训"],
        [E, E, "质量指标", "教师培训合格率", "≥95%", "96%", "96%", *[E] * 5, "确定能", E],
        [E, E, "时效指标", "资助资金发放完成时间", "≤2023年11月", "春季学期已发放", "2023年11月", *[E] * 5, "确定能",
         E],
        [E, E, "成本指标", "教师人均培训成本", "≤800元", "520元", "790元", *[E] * 5, "确定能", E],
        [E, "效益指标", "社会效益指标", "家庭经济困难学生资助覆盖率", "=100%", "100%", "100%", *[E] * 5, "确定能", E],
        [E, "满意度指标", "服务对象满意度指标", "学生及家长满意度", "≥90%", "91%", "92%", *[E] * 5, "确定能", E],
    ]  # fmt: skip
    merges = ["A1:N1", "A2:N2", "B3:G3", "H3:I3", "J3:N3", "A4:A7", "H4:N4", "H5:N5", "H6:N6",
              "H7:N7", "B8:F8", "H8:N8", "A9:A17", "B10:B15", "C10:C12"]  # fmt: skip
    return FormGrid(rows, merges, sheet="部门整体监控")


# One project of a multi-project sheet: (name, 主管部门, 实施单位, money rows, goal, goal progress,
# indicator rows). Money rows: (label, 年初预算数, 调整后预算数, 1-7月执行数, 1-7月执行率, 全年预计执行数).
# Indicator rows: (一级, 二级, 三级, 年度指标值, 1-7月执行情况, 全年预计完成情况, cause ticked (or None),
# 完成目标可能性, 备注).
_Money = tuple[str, Any, Any, Any, str, Any]
_Indicator = tuple[str, str, str, str, str, str, "str | None", str, "str | None"]
_MultiProject = tuple[str, str, str, list[_Money], str, str, list[_Indicator]]

_MULTI_PROJECTS: list[_MultiProject] = [
    ("社区居家养老服务补助", "[155]某县民政局", "某县养老服务中心",
     [("年度资金总额", 120, 120, 75, "62.50%", 120), ("其中：财政拨款", 110, 110, 70, "63.64%", 110),
      ("其他资金", 10, 10, 5, "50.00%", 10)],
     "为全县1200名以上老年人提供居家养老服务，服务合格率不低于95%。",
     "1-7月已为760名老年人提供居家养老服务，服务合格率96%。",
     [("产出指标", "数量指标", "服务老年人数", "≥1200人", "760人", "1250人", None, "确定能", None),
      ("产出指标", "质量指标", "服务合格率", "≥95%", "96%", "96%", None, "确定能", None),
      ("产出指标", "成本指标", "人均服务成本", "≤800元", "460元", "780元", None, "确定能", None),
      ("效益指标", "社会效益指标", "老年人生活照料问题解决率", "≥80%", "70%", "80%", "人员保障", "有可能",
       "护理员缺口3人，8月招聘到岗后可完成"),
      ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "92%", "93%", None, "确定能", None)]),
    ("困难群众临时救助", "[155]某县民政局", "某县社会救助中心",
     [("年度资金总额", 200, 240, 150, "62.50%", 240), ("其中：财政拨款", 200, 240, 150, "62.50%", 240)],
     "对遭遇突发困难的家庭及时实施临时救助，全年救助1500户次以上。",
     "1-7月救助900户次，救助资金均按时发放。",
     [("产出指标", "数量指标", "临时救助户次", "≥1500户次", "900户次", "1550户次", None, "确定能", None),
      ("产出指标", "时效指标", "救助资金发放时限", "≤7天", "5天", "5天", None, "确定能", None),
      ("产出指标", "成本指标", "户均救助金额", "≤1600元", "1580元", "1550元", None, "确定能", None),
      ("效益指标", "社会效益指标", "困难群众基本生活保障率", "=100%", "100%", "100%", None, "确定能", None),
      ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "94%", "94%", None, "确定能", None)]),
    ("殡葬设施改造", "[155]某县民政局", "某县殡仪馆",
     [("年度资金总额", 80, 80, 50, "62.50%", 80)],
     "完成殡仪馆火化设备改造1套，排放达标率100%。",
     "设备已招标，7月进场安装。",
     [("产出指标", "数量指标", "改造火化设备数量", "=1套", "0套", "1套", None, "确定能", None),
      ("产出指标", "质量指标", "排放达标率", "=100%", "100%", "100%", None, "确定能", None),
      ("产出指标", "成本指标", "设备改造成本", "≤80万元", "50万元", "80万元", None, "确定能", None),
      ("效益指标", "生态效益指标", "周边环境投诉下降率", "≥50%", "30%", "55%", None, "确定能", None),
      ("满意度指标", "服务对象满意度指标", "周边群众满意度", "≥85%", "86%", "88%", None, "确定能", None)]),
]  # fmt: skip
_CAUSE_COLUMNS = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")


def _project_block(project: _MultiProject, top: int) -> tuple[list[list[Any]], list[str]]:
    """One 136号 project block (项目名称 … money … goals … grid) whose first row is Excel row
    ``top + 1``: its rows and merges."""
    name, dept, unit, money, goal, progress, indicators = project
    rows: list[list[Any]] = [
        ["项目名称", name, *[E] * 12],
        ["主管部门及代码", dept, E, E, E, E, E, "实施单位", E, unit, E, E, E, E],
        ["项目资金\n（万元）", E, "年初预算数", "调整后预算数", "1-7月执行数", "1-7月执行率", "全年预计执行数",
         *[E] * 7],
    ]  # fmt: skip
    rows += [[E, *line, *[E] * 7] for line in money]
    rows += [
        ["年度总体目标", "全年目标", E, E, E, E, "1-7月执行情况", *[E] * 7],
        [E, goal, E, E, E, E, progress, *[E] * 7],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行情况", "全年预计完成情况",
         "偏差原因分析", E, E, E, E, "完成目标可能性", "备注"],
        [E, E, E, E, E, E, E, *_CAUSE_COLUMNS, E, E],
    ]  # fmt: skip
    for l1, l2, l3, target, done, forecast, cause, likely, remark in indicators:
        ticks = [T if c == cause else E for c in _CAUSE_COLUMNS]
        rows.append([E, l1, l2, l3, target, done, forecast, *ticks, likely, remark])
    # Excel row numbers: money rows, the two goals rows, the two grid header rows, the last row.
    money_first, money_last = top + 4, top + 3 + len(money)
    goals, header, last = money_last + 1, money_last + 3, top + len(rows)
    merges = [f"B{top + 1}:N{top + 1}", f"B{top + 2}:G{top + 2}", f"H{top + 2}:I{top + 2}",
              f"J{top + 2}:N{top + 2}", f"A{top + 3}:B{top + 3}", f"A{money_first}:A{money_last}",
              f"A{goals}:A{goals + 1}", f"B{goals}:F{goals}", f"G{goals}:N{goals}",
              f"B{goals + 1}:F{goals + 1}", f"G{goals + 1}:N{goals + 1}", f"A{header}:A{last}",
              *[f"{c}{header}:{c}{header + 1}" for c in "BCDEFGMN"], f"H{header}:L{header}"]  # fmt: skip
    return rows, [m for m in merges if m.split(":")[0] != m.split(":")[1]]


def stacked_projects() -> FormGrid:
    """Three 136号 project blocks stacked down one sheet under one title (a department's monitoring
    of its projects, 1-7月): each block has its own 项目名称, money, goals and indicator grid, a
    blank row between blocks."""
    rows: list[list[Any]] = [
        ["项目支出绩效目标执行监控表", *[E] * 13],
        ["（2023年度）", *[E] * 13],
    ]
    merges = ["A1:N1", "A2:N2"]
    for i, project in enumerate(_MULTI_PROJECTS):
        if i:
            rows.append([E] * 14)
        block, block_merges = _project_block(project, len(rows))
        rows += block
        merges += block_merges
    return FormGrid(rows, merges, sheet="监控表")


_EXPORT_HEADER = ["单位名称", "项目名称", "年初预算数", "调整后预算数", "1-7月执行数", "1-7月执行率",
                  "全年预计执行数", "年度总体目标", "年度目标执行情况", "一级指标", "二级指标", "三级指标",
                  "年度指标值", "1-7月执行情况", "全年预计完成情况", "经费保障偏差原因", "制度保障偏差原因",
                  "人员保障偏差原因", "硬件保障偏差原因", "其他偏差原因", "完成目标可能性", "偏差原因备注"]  # fmt: skip
# 单位名称 → its projects (indexes into _MULTI_PROJECTS).
_EXPORT_UNITS = [("155001-某县民政局机关", [0, 1]), ("155002-某县殡仪馆", [2])]


def yitihua_monitor_export(*, cause_group: bool = False) -> FormGrid:
    """预算管理一体化 export of the 1-7月 monitoring (the 一体化 target export's shape, target_export):
    one header row ``单位名称 | 项目名称 | 年初预算数 … 全年预计执行数 | 年度总体目标 | 年度目标执行情况 |
    一级指标 … | 完成目标可能性 | 偏差原因备注`` (the five causes as ``经费保障偏差原因`` … columns), one
    row per 三级 indicator; 单位名称 merged over a unit's rows, 项目名称, the money and the goal over a
    project's rows; a department subtotal row (``155-某县民政局 | | 400 …``) heads the units.
    The same three projects as ``stacked_projects``, their money as one total row each.

    ``cause_group``: a two-row header, ``偏差原因分析`` over 经费保障 | … | 其他 (the other header cells
    merged down)."""
    width = len(_EXPORT_HEADER)
    totals = [project[3][0] for project in _MULTI_PROJECTS]
    header: list[Any] = list(_EXPORT_HEADER)
    rows: list[list[Any]] = [
        ["2023年度项目绩效运行监控表（1-7月）", *[E] * (width - 1)],
        ["金额单位：万元", *[E] * (width - 1)],
        header,
    ]
    merges = ["A1:V1", "A2:V2"]
    if cause_group:
        header[15:20] = ["偏差原因分析", E, E, E, E]
        rows.append([*[E] * 15, *_CAUSE_COLUMNS, E, E])
        merges += ["P3:T3", *[f"{c}3:{c}4" for c in "ABCDEFGHIJKLMNOUV"]]
    rows.append(["155-某县民政局", E, 400, 440, 275, "62.50%", 440, *[E] * (width - 7)])
    assert [sum(t[i] for t in totals) for i in (1, 2, 3, 5)] == [400, 440, 275, 440]
    for unit, indexes in _EXPORT_UNITS:
        unit_first = len(rows) + 1
        for index in indexes:
            name, _dept, _unit, money, goal, progress, indicators = _MULTI_PROJECTS[index]
            _label, initial, budget, executed, rate, forecast = money[0]
            first = len(rows) + 1
            head = [name, initial, budget, executed, rate, forecast, goal, progress]
            for i, indicator in enumerate(indicators):
                l1, l2, l3, target, done, expect, cause, likely, remark = indicator
                unit_cell = unit if first == unit_first and i == 0 else E
                ticks = [T if c == cause else E for c in _CAUSE_COLUMNS]
                rows.append([unit_cell, *(head if i == 0 else [E] * 8), l1, l2, l3, target, done,
                             expect, *ticks, likely, remark])  # fmt: skip
            merges += [f"{col}{first}:{col}{len(rows)}" for col in "BCDEFGHI"]
        merges.append(f"A{unit_first}:A{len(rows)}")
    return FormGrid(rows, merges, sheet="监控导出")


MONITOR_LAYOUTS = {
    "central_136": central_136,
    "marks_1_6": marks_1_6,
    "dept_1_8": dept_1_8,
}

# Sheets holding several projects: each project is its own MonitorProject.
MULTI_PROJECT_LAYOUTS = {
    "stacked_projects": stacked_projects,
    "yitihua_monitor_export": yitihua_monitor_export,
}
