"""A004–A006, A008, A012, A015–A020 on the department self-evaluation (selfeval_dept).

Each case starts from a clean builder of ``layouts_selfeval_dept`` and changes one thing (a rule is
silent where a layout lacks its field: 安徽's framework has no actuals, 重庆 no 一级 labels, only
the central layout scores its money rows). 重庆 scores an indicator as 指标权重 × 得分系数: a score
that is not that product, or full marks through a 100% coefficient on a missed target, is A012.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from layouts_selfeval_dept import SELFEVAL_DEPT_LAYOUTS, anhui, central_dept, chongqing, fujian
from ruletools import codes, findings, of, only

D = Decimal
LAYOUTS = sorted(SELFEVAL_DEPT_LAYOUTS)
# Where each layout prints the money total's cells.
RATE = {"anhui": "E5", "central_dept": "G5", "chongqing": "F6", "fujian": "G10"}
EXECUTED = {"anhui": "D5", "central_dept": "E5", "chongqing": "E6", "fujian": "F10"}
BUDGET = {"anhui": "C5", "central_dept": "D5", "chongqing": "C6", "fujian": "E10"}
REASON = "政策性调整：年中追加人员经费，部分项目因招标延期未能支付，已结转下年"


def unadjusted(book, layout: str, executed: str) -> list:
    """A clean table of ``layout`` whose budget was not adjusted (年初 = 全年 = 3600)."""
    build = SELFEVAL_DEPT_LAYOUTS[layout]
    return findings(book, build(initial=D("3600.00"), budget=D("3600.00"), executed=D(executed)))


# --- A004 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_A004_low_rate_without_reason(book, layout):
    found = unadjusted(book, layout, "3000.00")
    finding = only(found, "A004")
    assert finding.cell == RATE[layout]
    assert finding.message.startswith("预算执行率为 83.33%（3000.00 ÷ 3600.00），低于 90%")
    assert codes(found) == ["A004"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_A004_silent_at_90_percent(book, layout):
    assert unadjusted(book, layout, "3240.00") == []


def test_A004_passes_with_a_form_level_reason(book):
    grid = central_dept(initial=D("3600.00"), executed=D("3000.00"))
    assert codes(findings(book, grid)) == ["A004"]
    grid.put("A27", "存在问题").put("B27", REASON)
    assert of(findings(book, grid), "A004") == []


def test_A004_printed_rate_without_amounts(book):
    grid = central_dept().put("E5", None).put("G5", "80.00%")
    finding = only(findings(book, grid), "A004")
    assert finding.cell == "G5"
    assert finding.message == (
        "表中填写的预算执行率为 80.00%，低于 90%，未说明原因（预算数或执行数未填写，无法复核）"
    )


# --- A005, A006 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
def test_A005_spending_above_budget(book, layout):
    found = unadjusted(book, layout, "3700.00")
    finding = only(found, "A005")
    assert finding.cell == EXECUTED[layout] and finding.severity == "warning"
    assert "超出 100.00万元" in finding.message
    assert codes(found) == ["A005"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_A005_silent_at_the_budget(book, layout):
    assert of(unadjusted(book, layout, "3600.00"), "A005") == []


@pytest.mark.parametrize("layout", LAYOUTS)
def test_A006_budget_adjusted(book, layout):
    finding = only(findings(book, SELFEVAL_DEPT_LAYOUTS[layout]()), "A006")
    assert finding.cell == BUDGET[layout] and finding.severity == "info"
    assert (
        "3600.00万元" in finding.message
        and "3500.00万元 不同，年中调增 100.00万元" in finding.message
    )


def test_A006_fujian_names_its_numbered_columns(book):
    finding = only(findings(book, fujian()), "A006")
    assert finding.message.startswith("小计④ 3600.00万元 与 年初部门预算安排金额① 3500.00万元 不同")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_A006_silent_without_adjustment(book, layout):
    assert unadjusted(book, layout, "3480.00") == []


# --- A008 ----------------------------------------------------------------------------------------


def test_A008_fujian_category_weights_differ_from_labels(book):
    grid = fujian().put("H14", 15).put("I14", 15).put("H19", 20).put("I19", 20)
    found = of(findings(book, grid), "A008")
    assert [(f.cell, f.message) for f in found] == [
        ("B14", "产出指标标注 60 分，其下三级指标分值合计为 55（15 + 10 + 10 + 10 + 10）"),
        ("B19", "效益指标标注 30 分，其下三级指标分值合计为 35（20 + 15）"),
    ]
    assert of(findings(book, grid), "A007") == []


def test_A008_anhui_counts_its_execution_row_in_its_category(book):
    assert of(findings(book, anhui()), "A008") == []  # 过程（35分）= 预算执行率 10 + 5 × 5
    grid = anhui().put("E13", 0).put("H13", 0).put("E16", 15).put("H16", 15)
    found = of(findings(book, grid), "A008")
    assert [f.cell for f in found] == ["B10", "B16"]
    assert "过程标注 35 分，其下三级指标分值合计为 30（10 + 5 + 5 + 0 + 5 + 5）" in found[0].message


# --- A012 ----------------------------------------------------------------------------------------


def test_A012_chongqing_full_coefficient_on_a_missed_target(book):
    found = findings(book, chongqing().put("F14", "72.74%"))
    finding = only(found, "A012")
    assert finding.cell == "I14"
    assert finding.message == (
        "指标“政府采购执行率”未达到指标值（指标值 ≥95%，实际完成 72.74%），得分系数却填 100%、得满分 5；"
        "按 72.74 ÷ 95 × 5 应得 3.83 分，多计 1.17 分"
    )


def test_A012_chongqing_passes_with_the_proportional_coefficient(book):
    grid = chongqing().put("F14", "72.74%").put("G14", "76.57%").put("I14", 3.83).put("I3", 98.5)
    found = findings(book, grid)
    assert of(found, "A012") == [] and of(found, "A010") == []
    assert of(found, "A014") != []  # the missed target still wants its reason


def test_A012_chongqing_score_is_not_weight_times_coefficient(book):
    finding = only(findings(book, chongqing().put("G10", "80%")), "A012")
    assert finding.cell == "I10"
    assert finding.message == (
        "指标“财政供养人员控制率”得分 10 不等于 指标权重 × 得分系数（10 × 80% = 8.00），相差 2 分"
    )


def test_A012_chongqing_coefficient_as_a_ratio_number(book):
    assert of(findings(book, chongqing().put("G10", 1)), "A012") == []
    finding = only(findings(book, chongqing().put("G10", 0.8)), "A012")
    assert "10 × 80% = 8.00" in finding.message


def test_A012_chongqing_deduction_through_the_coefficient_is_consistent(book):
    found = findings(book, chongqing().put("G10", "80%").put("I10", 8).put("I3", 97.67))
    assert of(found, "A012") == []
    assert only(found, "A020").cell == "I10"  # the target was met: why deduct?


def test_A012_chongqing_misspelt_actual_header_is_still_the_actual(book):
    """重庆's 全年完成值 stands right before 得分系数 (a published copy reads ``年成值全完值``)."""
    found = findings(book, chongqing().put("F9", "年成值全完值").put("F14", "72.74%"))
    assert only(found, "A012").cell == "I14" and only(found, "A014").cell == "F14"


def test_A012_bare_target_of_a_control_rate_is_not_judged(book):
    """重庆 prints 控制率/调整率 targets without an operator (100%, 3%): their direction is unknown."""
    grid = chongqing().put("D10", "100%").put("D12", "3%").put("F12", "0%")
    assert not {"A012", "A014"} & set(codes(findings(book, grid)))
    grid.put("A10", "人员到岗率")  # a bare 100% on a rate that is no cap is ≥ 100%: 96% misses it
    found = findings(book, grid)
    assert only(found, "A012").cell == "I10" and only(found, "A014").cell == "F10"


def test_A012_control_rate_named_with_a_unit_is_still_a_cap(book):
    """A name decorated with its unit (预算调整率（%）) is the same cap (labels.toml ``cap``)."""
    grid = chongqing().put("A12", "预算调整率（%）").put("D12", "3%").put("F12", "0%")
    assert not {"A012", "A014"} & set(codes(findings(book, grid)))
    grid.put("A12", "预算执行（%）")  # no cap: a bare 3% is ≥ 3%, and 0% misses it
    assert only(findings(book, grid), "A012").cell == "I12"


def test_A012_central_full_marks_on_a_missed_target(book):
    found = findings(book, central_dept().put("F18", "10项"))
    finding = only(found, "A012")
    assert finding.cell == "H18" and finding.expected == "12.50"
    assert "未达到指标值（指标值 ≥12项，实际完成 10项），却得满分 15" in finding.message


def test_A012_central_passes_with_the_proportional_score(book):
    found = findings(book, central_dept().put("F18", "10项").put("H18", 12.5).put("H26", 97.17))
    assert of(found, "A012") == [] and of(found, "A010") == []


# --- A015, A016, A017 ----------------------------------------------------------------------------


@pytest.mark.parametrize(("build", "cell"), [(central_dept, "F18"), (chongqing, "F18")])
def test_A015_large_over_achievement(book, build, cell):
    finding = only(findings(book, build().put(cell, "20项")), "A015")
    assert finding.cell == cell and "为指标值 ≥12项 的 166.67%" in finding.message


def test_A015_passes_with_a_reason(book):
    grid = central_dept().put("F18", "20项").put("I18", "年中新增专项整治任务8项")
    assert of(findings(book, grid), "A015") == []


@pytest.mark.parametrize(
    ("build", "cell"), [(central_dept, "F18"), (chongqing, "F18"), (fujian, "G14")]
)
def test_A016_actual_written_as_target(book, build, cell):
    finding = only(findings(book, build().put(cell, "≥12项")), "A016")
    assert finding.cell == cell and "比较符“≥”" in finding.message


def test_A016_passes_with_a_plain_actual(book):
    assert of(findings(book, central_dept().put("F18", "13项")), "A016") == []


@pytest.mark.parametrize(
    ("build", "actual", "score"), [(chongqing, "F15", "I15"), (central_dept, "F20", "H20")]
)
def test_A017_partial_result_with_full_marks(book, build, actual, score):
    grid = build().put(actual, "部分达成年度指标并具有一定效果")
    finding = only(findings(book, grid), "A017")
    assert finding.cell == score and "（部分达成）" in finding.message


def test_A017_passes_inside_its_band(book):
    grid = (chongqing().put("F15", "部分达成年度指标并具有一定效果").put("G15", "70%").put("I15", 3.5)
            .put("I3", 98.17))  # fmt: skip
    found = findings(book, grid)
    assert of(found, "A017") == [] and of(found, "A012") == [] and of(found, "A010") == []


# --- A018 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "cell"),
    [(central_dept, "H26"), (chongqing, "H3"), (fujian, "I22"), (anhui, "H22")],
)
def test_A018_total_score_empty(book, build, cell):
    empty = {chongqing: "I3"}.get(
        build, cell
    )  # 重庆: the empty 自评总分 is pointed at by its label
    finding = only(findings(book, build().put(empty, None)), "A018")
    assert finding.cell == cell and "得分为空" in finding.message


def test_A018_fujian_without_a_total_row(book):
    finding = only(findings(book, fujian().delete_row(22)), "A018")
    assert finding.message.startswith("表中没有总分（合计）行")


def test_A018_passes_with_a_total(book):
    assert of(findings(book, central_dept()), "A018") == []


# --- A019 ----------------------------------------------------------------------------------------


def test_A019_source_row_carries_a_score(book):
    finding = only(findings(book, central_dept().put("H6", 9.5)), "A019")
    assert finding.cell == "H6"
    assert (
        finding.message
        == "资金来源行“其中：财政拨款”填写了得分 9.5，执行得分只应在年度资金总额行计一次"
    )


def test_A019_basic_expenditure_row_carries_a_weight(book):
    finding = only(findings(book, central_dept().put("F8", 10)), "A019")
    assert finding.cell == "F8"
    assert finding.message == "“基本支出”行填写了分值 10，执行得分只应在年度资金总额行计一次"


def test_A019_passes_with_dashes(book):
    assert of(findings(book, central_dept()), "A019") == []


# --- A020 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "score", "total", "value"),
    [
        (central_dept, "H19", "H26", 97.67),
        (fujian, "I15", "I22", 98),
        (chongqing, "I10", "I3", 97.67),
    ],
)
def test_A020_points_deducted_on_a_met_target(book, build, score, total, value):
    grid = build().put(score, 8).put(total, value)
    if build is chongqing:
        grid.put("G10", "80%")
    finding = only(findings(book, grid), "A020")
    assert finding.cell == score and "扣 2 分" in finding.message


def test_A020_passes_with_a_reason(book):
    grid = central_dept().put("H19", 8).put("H26", 97.67).put("I19", "年中超编1人，按评分办法扣2分")
    assert of(findings(book, grid), "A020") == []
