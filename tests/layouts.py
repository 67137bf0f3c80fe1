"""Clean, arithmetically correct 项目支出绩效自评表 in each layout, as editable cell grids.

Every rule test starts from one of these and changes one thing (``form.put("G7", "86%")``), so a
failing case differs from a passing one by exactly the defect under test. ``samples/`` is built
from the same builders (scripts/make_samples.py).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from perfcli.io.cells import parse_a1


@dataclass
class FormGrid:
    rows: list[list[Any]]
    merges: list[str] = field(default_factory=list)
    sheet: str = "Sheet1"

    def put(self, address: str, value: Any) -> FormGrid:
        """Set one cell (A1 address); returns self so edits chain."""
        r, c = parse_a1(address)
        while len(self.rows) <= r:
            self.rows.append([])
        row = self.rows[r]
        while len(row) <= c:
            row.append(None)
        row[c] = value
        return self

    def get(self, address: str) -> Any:
        r, c = parse_a1(address)
        try:
            return self.rows[r][c]
        except IndexError:
            return None

    def find(self, value: Any) -> str:
        """The address of the first cell holding ``value``."""
        from perfcli.io.cells import a1

        for r, row in enumerate(self.rows):
            for c, v in enumerate(row):
                if v == value:
                    return a1(r, c)
        raise KeyError(value)

    def delete_row(self, excel_row: int) -> FormGrid:
        del self.rows[excel_row - 1]
        self.merges = [m for m in self.merges if not _touches(m, excel_row - 1)]
        self.merges = [_shift(m, excel_row - 1) for m in self.merges]
        return self

    def copy(self) -> FormGrid:
        return copy.deepcopy(self)

    def sheets(self) -> dict[str, list[list[Any]]]:
        return {self.sheet: self.rows}

    def merge_map(self) -> dict[str, list[str]]:
        return {self.sheet: list(self.merges)}


def _touches(ref: str, row0: int) -> bool:
    from perfcli.io.cells import CellRange

    rng = CellRange.from_ref(ref)
    return rng.first_row == row0 == rng.last_row


def _shift(ref: str, deleted: int) -> str:
    from perfcli.io.cells import CellRange

    rng = CellRange.from_ref(ref)
    first = rng.first_row - (1 if rng.first_row > deleted else 0)
    last = rng.last_row - (1 if rng.last_row >= deleted else 0)
    return CellRange(first, rng.first_col, max(first, last), rng.last_col).ref


E = None  # an empty cell, for readability


def central() -> FormGrid:
    """财预〔2020〕10号 附件1 layout (Hebei 廊坊, Yunnan, Shanxi): 10/50/30/10, 总分 + 等级."""
    rows: list[list[Any]] = [
        ["项目支出绩效自评表", E, E, E, E, E, E, E, E],
        ["（2023年度）", E, E, E, E, E, E, E, E],
        ["项目名称", "社区居家养老服务补助", E, E, E, E, E, E, E],
        ["主管部门", "某县民政局", E, E, "实施单位", "某县养老服务中心", E, E, E],
        ["项目资金\n（万元）", E, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", E],
        [E, "年度资金总额", 120, 120, 114, 10, "95.00%", 9.5, E],
        [E, "其中：当年财政拨款", 110, 110, 104, "—", "—", "—", E],
        [E, "上年结转资金", 10, 10, 10, "—", "—", "—", E],
        [E, "其他资金", 0, 0, 0, "—", "—", "—", E],
        ["年度总体目标", "预期目标", E, E, "实际完成情况", E, E, E, E],
        [E, "为全县1200名以上老年人提供居家养老服务，服务合格率不低于95%。", E, E,
         "全年为1260名老年人提供居家养老服务，服务合格率97%。", E, E, E, E],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        [E, "产出指标", "数量指标", "服务老年人数", "≥1200人", "1260人", 20, 20, E],
        [E, E, "质量指标", "服务合格率", "≥95%", "97%", 10, 10, E],
        [E, E, "时效指标", "补助资金按时发放率", "=100%", "100%", 10, 10, E],
        [E, E, "成本指标", "人均服务成本", "≤800元", "780元", 10, 10, E],
        [E, "效益指标", "社会效益指标", "老年人生活照料问题解决率", "≥80%", "85%", 15, 15, E],
        [E, E, "可持续影响指标", "服务机制持续运行年限", "≥3年", "3年", 15, 15, E],
        [E, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", 10, 10, E],
        ["总分", E, E, E, E, E, 100, 99.5, "优"],
    ]  # fmt: skip
    merges = ["A1:I1", "A2:I2", "B3:I3", "B4:D4", "F4:I4", "A5:B5", "A6:A9", "A10:A11",
              "B10:D10", "E10:I10", "B11:D11", "E11:I11", "A12:A19", "B13:B16", "B17:B18",
              "A20:F20"]  # fmt: skip
    return FormGrid(rows, merges)


def sichuan() -> FormGrid:
    """Sichuan 510000_0013zp: 预算执行情况(10分) + 绩效指标(90分), split 指标性质/指标值/度量单位, 合计."""
    rows: list[list[Any]] = [
        ["报表编号：510000_0013zp", E, E, E, E, E, E, E, E, E, E],
        ["部门预算项目支出绩效自评表（2023年度）", E, E, E, E, E, E, E, E, E, E],
        ["项目名称", "51000021R000000012345-乡村道路养护", E, E, E, E, E, E, E, E, E],
        ["主管部门", "某县交通运输局", E, E, E, "实施单位\n（盖章）", "某县公路养护中心", E, E, E, E],
        ["项目基本情况", "1.项目年度目标完成情况", "项目年度目标", E, E, E, "年度目标完成情况", E, E, E, E],
        [E, E, "完成农村公路日常养护320公里，优良路率不低于85%。", E, E, E,
         "完成农村公路日常养护326公里，优良路率88%。", E, E, E, E],
        [E, "2.项目实施内容及过程概述", "按季度开展日常养护，年底组织验收。", E, E, E, E, E, E, E, E],
        ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率",
         "权重", "得分", "原因", E, E],
        [E, "总额", 200, 200, 196, "98.00%", 10, 9.8, E, E, E],
        [E, "其中：财政资金", 200, 200, 196, "98.00%", "/", "/", E, E, E],
        [E, "财政专户管理资金", 0, 0, 0, E, "/", "/", E, E, E],
        [E, "单位资金", 0, 0, 0, E, "/", "/", E, E, E],
        [E, "其他资金", 0, 0, 0, E, "/", "/", E, E, E],
        ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值",
         "权重", "得分", "未完成原因分析"],
        [E, "产出指标", "数量指标", "日常养护里程", "≥", 320, "公里", 326, 30, 30, E],
        [E, E, "质量指标", "优良路率", "≥", 85, "%", 88, 20, 20, E],
        [E, E, "时效指标", "养护任务完成时限", "≤", 12, "月", 12, 10, 10, E],
        [E, "成本指标", "经济成本指标", "每公里养护成本", "≤", 0.62, "万元/公里", 0.6, 10, 10, E],
        [E, "效益指标", "社会效益指标", "群众出行条件改善", "定性", "优良中低差", E, "优", 10, 10, E],
        [E, "满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥", 90, "%", 92, 10, 10, E],
        ["合计", E, E, E, E, E, E, E, 100, 99.8, E],
        ["评价结论", "该项目自评得分99.8分，自评等级为优。日常养护按计划完成。", E, E, E, E, E, E, E, E, E],
        ["存在问题", "部分路段养护频次不足。", E, E, E, E, E, E, E, E, E],
        ["改进措施", "加强养护巡查，优化养护计划。", E, E, E, E, E, E, E, E, E],
    ]  # fmt: skip
    merges = ["A1:K1", "A2:K2", "B3:K3", "B4:E4", "G4:K4", "A5:A7", "C5:F5", "G5:K5", "C6:F6",
              "G6:K6", "C7:K7", "A8:A13", "A14:A20", "B15:B17", "A21:H21", "B22:K22", "B23:K23",
              "B24:K24"]  # fmt: skip
    return FormGrid(rows, merges)


def anhui() -> FormGrid:
    """Anhui county 绩效目标自评表: weights in 一级 labels, 全年预算数(A)/全年执行数(B), 其中 rows."""
    rows: list[list[Any]] = [
        ["绩效目标自评表", E, E, E, E, E, E, E, E],
        ["（2022年度）", E, E, E, E, E, E, E, E],
        ["项目名称", "城乡困难群众临时救助", E, E, E, E, E, E, E],
        ["主管部门", "[155]某县民政局", E, E, E, E, E, E, E],
        ["资金情况（万元）", E, "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分", E, E],
        [E, "年度资金总额：", 30, 30, 10, "100%", 10, E, E],
        [E, "其中：本年财政拨款", 30, 30, "—", "—", "—", E, E],
        [E, "其他资金", 0, 0, "—", "—", "—", E, E],
        ["年度总体目标", "年初设定目标", E, E, E, "年度总体目标完成情况综述", E, E, E],
        [E, "为困难群众解决临时性生活困难，全年救助不少于80人次。", E, E, E,
         "全年临时救助87人次，发放救助资金30万元。", E, E, E],
        [E, "一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分",
         "未完成原因及拟采取的改进措施"],
        [E, "产出指标(50分)", "数量指标", "★临时救助人次", 20, ">=80人次", "87人次", 20, E],
        [E, E, E, "其中：因病救助人次", E, ">=30人次", "35人次", E, E],
        [E, E, "质量指标", "救助对象认定准确率", 15, ">=98%", "100%", 15, E],
        [E, E, "时效指标", "救助资金发放时限", 15, "<=10个工作日", "7个工作日", 15, E],
        [E, "效益指标(30分)", "社会效益指标", "困难群众基本生活保障率", 30, "=100%", "100%", 30, E],
        [E, "满意度指标(10分)", "服务对象满意度指标", "受助对象满意度", 10, ">=90%", "95%", 10, E],
        ["总分", E, E, E, 100, E, E, 100, "优"],
    ]  # fmt: skip
    merges = ["A1:I1", "A2:I2", "B3:I3", "B4:I4", "A5:B5", "A6:A8", "A9:A10", "B9:E9", "F9:I9",
              "B10:E10", "F10:I10", "A11:A17", "B12:B15", "C12:C13", "A18:D18"]  # fmt: skip
    return FormGrid(rows, merges)


def split_20_80() -> FormGrid:
    """The older 20/80 layout (Yunnan 隆阳): execution 20 by 20分*执行率, goals 80, no 分值 column."""
    rows: list[list[Any]] = [
        ["2022年度项目支出绩效自评表", E, E, E, E, E, E],
        ["单位名称：某区土壤肥料工作站    填报日期：2023年3月20日", E, E, E, E, E, E],
        ["项目名称", "测土配方施肥补助资金", E, E, E, E, E],
        ["主管部门", "某区农业农村局", E, E, "项目实施单位", "某区土壤肥料工作站", E],
        ["预算执行情况（万元）（20分）", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分（20分*执行率）", E, E],
        ["年度财政资金总额", 50, 49, "98.00%", 19.6, E, E],
        ["年度绩效目标（80分）", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        [E, "产出指标", "数量指标", "取土化验样品数", "≥300个", "320个", 20],
        [E, E, "质量指标", "配方肥到位率", "≥80%", "85.6%", 20],
        [E, E, "时效指标", "项目完成时间", "2022年12月", "2022年11月", 10],
        [E, "效益指标", "社会效益指标", "受益农户数", "≥5000户", "5200户", 20],
        [E, "满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "94%", 10],
        ["总分", E, E, E, E, E, 99.6],
    ]  # fmt: skip
    merges = ["A1:G1", "A2:G2", "B3:G3", "B4:D4", "F4:G4", "A7:A12", "B8:B10", "A13:F13"]
    return FormGrid(rows, merges)


def beijing_2016() -> FormGrid:
    """Beijing 2016: 年初预算数(A) as the rate base, 得分计算方法 columns, 未完成原因分析."""
    rows: list[list[Any]] = [
        ["项目支出绩效自评表", E, E, E, E, E, E, E, E, E],
        ["（2016年度）", E, E, E, E, E, E, E, E, E],
        ["项目名称", "社区卫生服务中心设备购置", E, E, E, E, E, E, E, E],
        ["主管部门", "某区卫生计生委", E, E, E, "实施单位", "某社区卫生服务中心", E, E, E],
        ["项目资金（万元）", E, "年初预算数(A)", "全年执行数(B)", "分值（10分）", "执行率(B/A)", "得分",
         "得分计算方法", E, E],
        [E, "年度资金总额：", 80, 80, 10, "100.00%", 10, "执行率*该指标分值，最高不得超过分值上限", E, E],
        [E, "其中：本年一般公共预算拨款", 80, 80, E, E, E, E, E, E],
        [E, "其他资金", 0, 0, E, E, E, E, E, E],
        ["年度总体目标", "年初设定目标", E, E, E, "年度总体目标完成情况综述", E, E, E, E],
        [E, "购置诊疗设备12台（套），提升社区诊疗能力。", E, E, E, "已购置诊疗设备12台（套）并投入使用。", E, E, E, E],
        [E, "一级指标", "二级指标", "三级指标", "分值", "年度指标值(A)", "全年实际值(B)", "得分计算方法", "得分",
         "未完成原因分析"],
        [E, "产出指标", "数量指标", "设备购置数量", 20, "≥12台（套）", "12台（套）",
         "完成值达到指标值，记满分；未达到指标值，按B/A或A/B*该指标分值记分", 20, E],
        [E, E, "质量指标", "设备验收合格率", 15, "=100%", "100%", E, 15, E],
        [E, E, "时效指标", "设备投入使用时间", 15, "2016年10月", "2016年9月", E, 15, E],
        [E, "效益指标", "社会效益指标", "年门诊服务人次增长率", 30, "≥5%", "6.2%", E, 30, E],
        [E, "满意度指标", "服务对象满意度指标", "患者满意度", 10, "≥90%", "92%", E, 10, E],
        ["总分", E, E, E, 100, E, E, E, 100, "优"],
    ]  # fmt: skip
    merges = ["A1:J1", "A2:J2", "B3:J3", "B4:E4", "G4:J4", "A5:B5", "A6:A8", "H6:J6", "A9:A10",
              "B9:E9", "F9:J9", "B10:E10", "F10:J10", "A11:A16", "B12:B14", "A17:D17"]  # fmt: skip
    return FormGrid(rows, merges)


def hebei() -> FormGrid:
    """Hebei system 预算项目绩效自评表: label–value pairs, 符号|单位 and 折算得分 sub-columns."""
    rows: list[list[Any]] = [
        ["某县民政局2021年度预算项目绩效自评表", E, E, E, E, E, E, E, E, E, E, E],
        ["一、基本情况", "项目名称：", "高龄老人津贴", "是否为专项资金：", "否", "实施（主管）单位", "314002-某县民政局机关",
         "金额单位：万元", E, E, E, E],
        ["二、预算执行情况", "预算安排情况（调整后）", E, "资金到位情况", E, "资金执行情况", E, "预算执行进度(%)",
         E, E, E, E],
        [E, "预算数", 6.84, "到位数", 6.84, "执行数", 6.84, "100.00", E, E, E, E],
        [E, "其中：财政资金", 6.84, "其中：财政资金", 6.84, "其中：财政资金", 6.84, E, E, E, E, E],
        [E, "其他", 0, "其他", 0, "其他", 0, E, E, E, E, E],
        ["三、目标完成情况", "年度预期目标", E, E, "具体完成情况", E, E, "总体完成率(%)", E, E, E, E],
        [E, "为全县百岁以上老人按月发放高龄津贴，确保应发尽发。", E, E,
         "全年为19名百岁以上老人按月足额发放高龄津贴6.84万元。", E, E, "100.00", E, E, E, E],
        ["四、年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "指标分值", "预期指标值", E, "单项指标实际完成值",
         "单项指标完成情况", "自评得分", E, E],
        [E, E, E, E, E, "符号", "单位（文字描述）", E, E, "单项指标得分", "权重占比(%)", "单项指标折算得分"],
        [E, "产出指标", "数量指标", "享受津贴老人人数", 25, ">= 19", "人", "19人", "完成", 100, 25, 25],
        [E, E, "质量指标", "符合条件对象覆盖率", 25, ">= 98", "%(百分比)", "100%", "完成", 100, 25, 25],
        [E, "效果指标", "社会效益指标", "津贴按月发放率", 30, ">= 95", "%(百分比)", "100%", "完成", 100, 30, 30],
        [E, "满意度指标", "服务对象满意度指标", "服务对象满意度", 10, ">= 95", "%(百分比)", "98%", "完成", 100, 10, 10],
        [E, "预算执行率", "预算执行率", E, 10, E, E, "100%", "完成", 100, 10, 10],
        ["总分", E, E, E, 100, E, E, E, E, E, E, 100],
    ]  # fmt: skip
    merges = ["A1:L1", "B3:C3", "D3:E3", "F3:G3", "B7:D7", "E7:G7", "B8:D8", "E8:G8", "A9:A15",
              "F9:G9", "J9:L9", "A16:D16"]  # fmt: skip
    return FormGrid(rows, merges)


LAYOUTS = {
    "central": central,
    "sichuan": sichuan,
    "anhui": anhui,
    "split_20_80": split_20_80,
    "beijing_2016": beijing_2016,
    "hebei": hebei,
}
