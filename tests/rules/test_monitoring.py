"""M001–M006 on the monitoring layouts (``layouts_monitor.py``): each failing case changes one thing
of a clean builder; a clean form of every layout yields no finding at all."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from layouts_monitor import MONITOR_LAYOUTS, central_136, dept_1_8, marks_1_6
from ruletools import findings, of, only

from perfcli.profile import NATIONAL

M_CODES = {"M001", "M002", "M003", "M004", "M005", "M006"}


@pytest.mark.parametrize("name", sorted(MONITOR_LAYOUTS))
def test_clean_monitoring_layouts_have_no_findings(book, name):
    found = findings(book, MONITOR_LAYOUTS[name]())
    assert [(f.code, f.cell, f.message) for f in found] == []


def m_codes(found):
    return sorted((f.code, f.cell) for f in found if f.code in M_CODES)


# --- M001 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cell", "printed", "expected"),
    [("central_136", "F6", "62%", "62.50%"), ("marks_1_6", "F5", "47.6%", "47.62%"),
     ("dept_1_8", "F5", "7000.00%", "70.00%")],
)  # fmt: skip
def test_M001_total_rate_mismatch(book, name, cell, printed, expected):
    form = MONITOR_LAYOUTS[name]()
    form.put(cell, printed)
    f = only(findings(book, form), "M001")
    assert f.cell == cell and f.severity == "error"
    assert f.expected == expected and f.actual == printed
    assert expected in f.message and printed in f.message and "÷" in f.message
    assert "执行数" in f.hint


def test_M001_message_names_the_columns_as_the_form_does(book):
    form = central_136()
    form.put("F6", "35%")
    f = only(findings(book, form), "M001")
    assert f.message == (
        "1-7月执行率应为 62.50%（1-7月执行数 75.00 ÷ 调整后预算数 120.00），表中填写 35%，相差 27.5 个百分点"
    )


def test_M001_source_row(book):
    form = central_136()
    form.put("F7", "60.00%")
    f = only(findings(book, form), "M001")
    assert f.cell == "F7" and f.message.startswith("其中：财政拨款的1-7月执行率应为 63.64%")


def test_M001_ratio_cell_and_last_digit_tolerance_pass(book):
    form = central_136()
    form.put("F6", 0.625).put("F7", "63.63%").put("F8", 0.5)  # 63.636… within ±0.01
    assert of(findings(book, form), "M001") == []


def test_M001_ratio_cell_mismatch_quotes_the_percentage_shown(book):
    form = central_136()
    form.put("F6", 0.6)
    f = only(findings(book, form), "M001")
    assert f.actual == "60%" and f.expected == "62.50%"


def test_M001_rate_base_from_the_profile(book):
    """exec_rate_base = initial: 100 ÷ 年初预算数 200 = 50.00%, not the printed 47.62%; 财政资金 was
    not adjusted (95 ÷ 200 either way) and 其他资金 has 年初预算数 0 (not judged)."""
    profile = replace(NATIONAL, exec_rate_base="initial")
    found = findings(book, marks_1_6(), profile=profile)
    assert [f.cell for f in of(found, "M001")] == ["F5"]
    assert "年初预算数 200.00" in of(found, "M001")[0].message


def test_M001_empty_or_dashed_rate_is_not_judged(book):
    form = central_136()
    form.put("F6", None).put("F7", "—")
    assert of(findings(book, form), "M001") == []


# --- M002 ----------------------------------------------------------------------------------------


def _slow_central():
    """1-7月: 42.24 ÷ 120 = 35.20% < 58.33% − 15 = 43.33%, nothing explained anywhere."""
    form = central_136()
    form.put("E6", 42.24).put("F6", "35.20%").put("E7", 37.24).put("F7", "33.85%")
    form.put("J17", None).put("M17", "确定能").put("N17", None)  # no cause ticked anywhere
    return form


def test_M002_behind_schedule(book):
    f = only(findings(book, _slow_central()), "M002")
    assert f.cell == "F6" and f.severity == "warning"
    assert f.message == (
        "1-7月执行率 35.20% 低于时间进度 58.33%（7/12）减 15 个百分点（43.33%），未勾选偏差原因，也未说明原因"
    )
    assert (f.expected, f.actual) == ("43.33%", "35.20%")


def test_M002_a_ticked_cause_counts_as_stated(book):
    form = _slow_central()
    form.put("H13", "√").put("N13", "招聘延迟")  # a cause ticked on an indicator row
    assert of(findings(book, form), "M002") == []


def test_M002_a_form_level_explanation_counts(book):
    form = _slow_central()
    form.put("A20", "偏差原因分析及纠偏措施").put("B20", "资金9月集中支付")
    assert of(findings(book, form), "M002") == []


def test_M002_a_reason_in_the_money_block_counts(book):
    form = dept_1_8()
    form.put("E5", 760).put("F5", "40.00%").put("E6", 300).put("F6", "48.39%").put("E7", 460)
    form.put("F7", "35.94%").put("H12", None).put("M12", "确定能").put("G12", "1500人次")
    assert [f.cell for f in of(findings(book, form), "M002")] == ["F5"]
    form.put("H5", "项目资金按工程进度于第四季度支付")
    assert of(findings(book, form), "M002") == []


def test_M002_at_the_threshold_is_not_behind(book):
    form = _slow_central()
    form.put("E6", 52).put("F6", "43.33%").put("E7", 47).put("F7", "42.73%")  # 52 ÷ 120 = 43.33%
    assert of(findings(book, form), "M002") == []


def _rate_40(form, period: str):
    """40.00% of the budget spent; the period decides whether that is late."""
    form.put("E5", 84).put("F5", "40.00%").put("E6", 79).put("F6", "39.50%")
    form.put("J15", None).put("O15", None).put("N15", "√").put("Q15", None).put("B18", None)
    form.put("A1", f"2023年度项目绩效运行监控表（{period}）").put("E4", f"{period}执行数")
    return form


def test_M002_time_progress_comes_from_the_tables_own_period(book):
    """40% at 1-6月 is above 50% − 15; at 1-8月 it is below 66.67% − 15 (issue 4, done when)."""
    assert of(findings(book, _rate_40(marks_1_6(), "1-6月")), "M002") == []
    f = only(findings(book, _rate_40(marks_1_6(), "1-8月")), "M002")
    assert "时间进度 66.67%（8/12）" in f.message and "（51.67%）" in f.message


def test_M002_lag_from_the_profile(book):
    profile = replace(NATIONAL, monitor_lag=Decimal("0.05"))  # 1-6月: 50% − 5 = 45% > 40%
    f = only(findings(book, _rate_40(marks_1_6(), "1-6月"), profile=profile), "M002")
    assert "减 5 个百分点（45.00%）" in f.message


def test_M002_without_a_period_is_silent(book):
    form = _slow_central()
    form.put("E5", "累计执行数").put("F5", "执行率").put("F11", "当前月执行情况").put(
        "G9", "执行情况"
    )
    assert of(findings(book, form), "M002") == []


# --- M003 ----------------------------------------------------------------------------------------


def test_M003_forecast_misses_target_nothing_stated(book):
    form = central_136()
    form.put("G13", "1100人")
    f = only(findings(book, form), "M003")
    assert f.cell == "H13" and f.severity == "error"
    assert "“服务老年人数”全年预计完成情况“1100人”达不到年度指标值“≥1200人”" in f.message
    assert "未勾选偏差原因" in f.message and "也未说明原因" in f.message


def test_M003_tick_and_remark_pass(book):
    form = central_136()
    form.put("G13", "1100人").put("I13", "√").put("M13", "有可能").put(
        "N13", "入户评估延后，9月补齐"
    )
    assert of(findings(book, form), "M003") == []


def test_M003_tick_without_an_explanation(book):
    form = central_136()
    form.put("G13", "1100人").put("I13", "√")
    f = only(findings(book, form), "M003")
    assert f.cell == "N13" and "已勾选“制度保障”，但没有说明偏差的具体原因" in f.message


def test_M003_explanation_without_a_tick(book):
    form = central_136()
    form.put("G13", "1100人").put("N13", "入户评估延后")
    f = only(findings(book, form), "M003")
    assert f.cell == "H13" and f.message.endswith(
        "未勾选偏差原因（经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他）"
    )


@pytest.mark.parametrize("blank", ["否", "×", 0])
def test_M003_a_no_mark_is_not_a_tick(book, blank):
    form = central_136()
    form.put("G13", "1100人").put("H13", blank).put("N13", "入户评估延后")
    assert [f.cell for f in of(findings(book, form), "M003")] == ["H13"]


def test_M003_likelihood_not_certain(book):
    form = central_136()
    form.put("M14", "完全不可能")
    f = only(findings(book, form), "M003")
    assert f.cell == "H14" and "“服务合格率”完成目标可能性为“完全不可能”" in f.message


def test_M003_tick_columns_likelihood(book):
    form = marks_1_6()
    form.put("N12", None).put("O12", "√")  # 优良路率: 有可能, nothing stated
    f = only(findings(book, form), "M003")
    assert f.cell == "I12" and "完成目标可能性为“有可能”" in f.message


def test_M003_form_level_explanation_stands_in_for_the_remark(book):
    form = marks_1_6()
    form.put("Q15", None)  # ticked 制度保障; explained in 偏差原因分析及纠偏措施 (B18)
    assert of(findings(book, form), "M003") == []
    form.put("B18", None)
    f = only(findings(book, form), "M003")
    assert f.cell == "Q15" and "已勾选“制度保障”，但" in f.message


def test_M003_a_cause_written_out_is_ticked_and_explained(book):
    form = dept_1_8()
    form.put("N12", None)  # 经费保障 holds the text 培训经费下达延迟
    assert of(findings(book, form), "M003") == []
    form.put("H12", None).put("N12", "已申请追加经费")
    f = only(findings(book, form), "M003")
    assert (
        f.cell == "H12"
        and "“教师培训人次”全年预计完成情况“1450人次”达不到年度指标值“≥1500人次”" in f.message
    )


@pytest.mark.parametrize(("forecast", "fails"), [("2024年3月", True), ("2023年11月", False)])
def test_M003_deadline_forecast(book, forecast, fails):
    form = marks_1_6()
    form.put("H13", forecast)  # ≤2023年12月
    assert bool(of(findings(book, form), "M003")) is fails


@pytest.mark.parametrize(
    ("forecast", "fails"), [("部分完成", True), ("未完成", True), ("完成", False)]
)
def test_M003_qualitative_forecast(book, forecast, fails):
    form = central_136()
    form.put("G15", forecast)
    assert bool(of(findings(book, form), "M003")) is fails


def test_M003_a_layout_without_cause_columns_asks_only_for_the_reason(book):
    form = dept_1_8()
    for col in "IJKL":
        form.put(f"{col}9", None)
    form.put("H9", "偏差原因")
    assert of(findings(book, form), "M003") == []  # 培训经费下达延迟 in the 偏差原因 column
    form.put("H12", None).put("N12", None)
    f = only(findings(book, form), "M003")
    assert f.cell == "N12" and "没有说明偏差的具体原因" in f.message


# --- M004 ----------------------------------------------------------------------------------------


def test_M004_empty_likelihood(book):
    form = central_136()
    form.put("M13", None)
    f = only(findings(book, form), "M004")
    assert (
        f.cell == "M13"
        and f.message
        == "“服务老年人数”的完成目标可能性未填写（应为 确定能 / 有可能 / 完全不可能 之一）"
    )


def test_M004_invalid_likelihood(book):
    form = dept_1_8()
    form.put("M10", "基本可以")
    f = only(findings(book, form), "M004")
    assert f.cell == "M10" and "填写为“基本可以”" in f.message and f.actual == "基本可以"


@pytest.mark.parametrize("value", ["确定能", "1", "能"])
def test_M004_valid_answers_and_system_codes(book, value):
    form = central_136()
    form.put("M13", value)
    assert findings(book, form) == []


def test_M004_no_tick_column_marked(book):
    form = marks_1_6()
    form.put("N11", None)
    f = only(findings(book, form), "M004")
    assert f.cell == "N11" and "三栏中都没有勾选" in f.message


def test_M004_two_tick_columns_marked(book):
    form = marks_1_6()
    form.put("O11", "√")
    f = only(findings(book, form), "M004")
    assert f.cell == "N11" and "勾选了 2 项（确定能、有可能）" in f.message


def test_M004_one_mark_among_crosses_passes(book):
    form = marks_1_6()
    form.put("O11", "×").put("P11", "否")
    assert findings(book, form) == []


# --- M005 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cell", "column"),
    [("central_136", "F13", "1-7月执行情况"), ("central_136", "G14", "全年预计完成情况"),
     ("marks_1_6", "G11", "当前月执行情况"), ("marks_1_6", "H12", "全年预计完成值"),
     ("dept_1_8", "F10", "1-8月执行情况")],
)  # fmt: skip
def test_M005_progress_or_forecast_empty(book, name, cell, column):
    form = MONITOR_LAYOUTS[name]()
    form.put(cell, None)
    f = only(findings(book, form), "M005")
    assert f.cell == cell and f"的{column}未填写" in f.message


def test_M005_a_dash_is_not_a_progress(book):
    form = central_136()
    form.put("F13", "—")
    assert [f.cell for f in of(findings(book, form), "M005")] == ["F13"]


def test_M005_zero_or_not_started_is_filled(book):
    form = central_136()
    form.put("F13", "0人").put("F14", "尚未开始")
    assert of(findings(book, form), "M005") == []


# --- M006 ----------------------------------------------------------------------------------------


def test_M006_forecast_above_budget(book):
    form = central_136()
    form.put("G6", 130).put("G7", 120)
    found = of(findings(book, form), "M006")
    assert [f.cell for f in found] == ["G6", "G7"] and found[0].severity == "warning"
    assert (
        found[0].message
        == "年度资金总额的全年预计执行数 130.00 超过调整后预算数 120.00，超出 10.00万元"
    )
    assert found[0].message_en.endswith("by 10.00 ×10k yuan")  # the unit in English too
    assert (found[0].expected, found[0].actual) == ("120.00", "130.00")


def test_M006_within_the_amount_tolerance_passes(book):
    form = central_136()
    form.put("G6", 120.005)
    assert of(findings(book, form), "M006") == []


def test_M006_uses_the_full_year_budget_whatever_the_rate_base(book):
    form = marks_1_6()  # 年初 200, 调整后 210, forecast 210: within the adjusted budget
    assert (
        of(findings(book, form, profile=replace(NATIONAL, exec_rate_base="initial")), "M006") == []
    )


def test_M006_initial_budget_when_there_is_no_adjusted_one(book):
    form = central_136()
    for row in range(5, 9):
        form.put(f"D{row}", None)
    form.put("G6", 125).put("G7", 115).put("G8", 10)
    assert [f.cell for f in of(findings(book, form), "M006")] == ["G6", "G7"]
    assert "超过年初预算数 120.00" in of(findings(book, form), "M006")[0].message


# --- the whole table -----------------------------------------------------------------------------


def test_bad_cells_never_crash_the_monitoring_rules(book):
    form = central_136()
    form.put("E6", "约75万").put("F6", "#DIV/0!").put("G6", "见附件").put("D7", "—")
    form.put("G13", "大约一千").put("M13", 3.5).put("H13", "？？")
    found = findings(book, form)
    assert {f.code for f in found} >= {"W004"}
    assert all(f.message for f in found)


def test_M_messages_are_complete_in_both_languages(book):
    form = central_136()
    form.put("F6", "35%").put("G6", 130).put("G13", "1100人").put("M14", "基本可以").put(
        "F15", None
    )
    found = [f for f in findings(book, form) if f.code in M_CODES]
    assert {f.code for f in found} == {"M001", "M003", "M004", "M005", "M006"}
    for f in found:
        for text in (f.message, f.message_en, f.hint, f.hint_en):
            assert text and "{" not in text, (f.code, text)
