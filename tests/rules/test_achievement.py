"""A012–A017, A020: indicator scores against targets and actual results, on every layout."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

import pytest
from layouts import LAYOUTS, FormGrid
from ruletools import findings, of, only

from perfcli.findings import Finding
from perfcli.profile import NATIONAL

MINE = {"A012", "A013", "A014", "A015", "A016", "A017", "A020"}


@dataclass(frozen=True)
class Row:
    """The first indicator of a clean layout: a ≥ target, met, full marks, no reason."""

    target: str  # cell of the target (split layouts: the 指标值 cell)
    actual: str
    score: str
    number: int  # the target's number
    unit: str  # written after an actual number ("" in split layouts: 度量单位 is its own column)
    weight: int | None = None  # None: the layout has no 分值 column (20/80)
    reason: str | None = None  # None: the layout has no reason column
    form_reasons: tuple[str, ...] = ()  # form-level analysis cells to clear (存在问题)

    def actual_value(self, n: int | str) -> int | str:
        return n if not self.unit else f"{n}{self.unit}"

    @property
    def reason_or_actual(self) -> str:
        return self.reason or self.actual


ROWS = {
    "central": Row("E13", "F13", "H13", 1200, "人", 20, "I13"),
    "sichuan": Row("F15", "H15", "J15", 320, "", 30, "K15", ("B23",)),
    "anhui": Row("F12", "G12", "H12", 80, "人次", 20, "I12"),
    "split_20_80": Row("E8", "F8", "G8", 300, "个"),
    "beijing_2016": Row("F12", "G12", "I12", 12, "台（套）", 20, "J12"),
    "hebei": Row("F11", "H11", "L11", 19, "人", 25),
}
WEIGHTED = sorted(k for k, r in ROWS.items() if r.weight is not None)


def layout(name: str) -> tuple[FormGrid, Row]:
    form, row = LAYOUTS[name](), ROWS[name]
    for cell in row.form_reasons:
        form.put(cell, None)
    return form, row


def proportional(actual: int, target: int, weight: int) -> str:
    share = Decimal(actual) / Decimal(target) * weight
    return str(share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_rows_table_matches_layouts():
    """The cells above are the layouts' first indicator (guards the table against layout edits)."""
    for name, row in ROWS.items():
        form = LAYOUTS[name]()
        assert str(row.number) in str(form.get(row.target)), name
        if row.weight is not None:
            assert form.get(row.score) == row.weight, name


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_clean_layouts_have_none_of_these(book, name):
    assert [f.code for f in findings(book, LAYOUTS[name]()) if f.code in MINE] == []


# --- A012 indicator-score-inconsistent ------------------------------------------------------------


@pytest.mark.parametrize("name", WEIGHTED)
def test_A012_full_marks_on_missed_target(book, name):
    form, row = layout(name)
    short = row.number * 9 // 10
    form.put(row.actual, row.actual_value(short))
    if row.reason:  # a reason explains the miss; it does not make full marks right
        form.put(row.reason, "受政策调整影响，部分对象未纳入。")
    f = only(findings(book, form), "A012")
    expected = proportional(short, row.number, row.weight or 0)
    assert f.cell == row.score
    assert f.expected == expected and f.actual == str(row.weight)
    assert "满分" in f.message and expected in f.message and str(short) in f.message
    assert str(row.number) in f.message and f"{short} ÷ {row.number} × {row.weight}" in f.message


@pytest.mark.parametrize("name", WEIGHTED)
def test_A012_proportional_score_passes(book, name):
    form, row = layout(name)
    short = row.number * 9 // 10
    form.put(row.actual, row.actual_value(short))
    form.put(row.score, float(proportional(short, row.number, row.weight or 0)))
    assert of(findings(book, form), "A012") == []


def test_A012_score_above_proportional_but_not_full(book):
    form, _ = layout("central")
    form.put("F13", "1100人").put("H13", 19)  # proportional 18.33
    f = only(findings(book, form), "A012")
    assert f.cell == "H13" and f.expected == "18.33" and f.actual == "19"
    assert "19" in f.message and "18.33" in f.message and "0.67" in f.message
    assert "满分" not in f.message


def test_A012_tolerance_at_two_decimals(book):
    """8.62 for 8.6204 is right; 8.63 is within ±0.01; 8.64 is not."""
    for score, fires in ((8.62, False), (8.63, False), (8.64, True)):
        form, _ = layout("central")
        form.put("E13", "43.2").put("F13", "37.24").put("G13", 10).put("H13", score)
        assert len(of(findings(book, form), "A012")) == (1 if fires else 0), score


def test_A012_reverse_ratio_default(book):
    form, _ = layout("central")
    form.put("F16", "880元")  # ≤800元: 800 ÷ 880 × 10 = 9.09
    f = only(findings(book, form), "A012")
    assert f.cell == "H16" and f.expected == "9.09"
    assert "800 ÷ 880 × 10" in f.message and "≤800元" in f.message and "880元" in f.message


def test_A012_reverse_linear_profile(book):
    linear = replace(NATIONAL, reverse_scoring="linear")
    form, _ = layout("central")
    form.put("F16", "880元")  # (1 − 80 ÷ 800) × 10 = 9.00
    f = only(findings(book, form, profile=linear), "A012")
    assert f.expected == "9.00" and "(1 − (880 − 800) ÷ 800) × 10" in f.message
    form.put("F16", "1700元").put("H16", 0)  # ≥ 2 × target: 0 points, 0 given
    assert of(findings(book, form, profile=linear), "A012") == []
    form.put("H16", 1)
    assert only(findings(book, form, profile=linear), "A012").expected == "0.00"


def test_A012_reverse_met_and_equal_zero_target(book):
    form, _ = layout("central")
    form.put("F16", "800元")  # exactly the cap: met
    assert of(findings(book, form), "A012") == []
    form.put("E16", "=0起").put("F16", "2起")  # "=0" behaves like ≤ 0: 2 起 misses, 0 points
    f = only(findings(book, form), "A012")
    assert f.expected == "0.00" and "满分" in f.message
    assert "按 “指标值为 0 时，超出即不得分” 应得 0.00 分" in f.message  # reads as a sentence
    assert "a target of 0, once exceeded, scores 0" in f.message_en


def test_A012_equal_target_behaves_like_at_least(book):
    form, _ = layout("central")
    form.put("F15", "98%")  # =100%: 98 ÷ 100 × 10 = 9.8, full 10 given
    assert only(findings(book, form), "A012").expected == "9.80"
    form.put("F15", "100%")
    assert of(findings(book, form), "A012") == []


def test_A012_silent_when_it_cannot_judge(book):
    form, _ = layout("central")
    form.put("F13", "1100户")  # 人 vs 户: units not comparable
    form.put("F14", 0.9)  # a bare ratio against ≥95%: not on the percentage's scale
    form.put("E17", "稳步提高").put("F17", "有所提高")  # vague: nothing to compute
    assert of(findings(book, form), "A012") == []


def test_A012_silent_without_weight_column(book):
    form, row = layout("split_20_80")
    form.put(row.actual, "200个")  # missed, full 20 points kept: no 分值 to judge it by
    assert of(findings(book, form), "A012") == []


# --- A013 actual-missing --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_A013_actual_empty(book, name):
    form, row = layout(name)
    form.put(row.actual, None)
    f = only(findings(book, form), "A013")
    assert f.cell == row.actual
    assert str(row.number) in f.message and "实际完成值为空" in f.message


@pytest.mark.parametrize("value", ["—", "/", "  "])
def test_A013_placeholder_is_empty(book, value):
    form, _ = layout("central")
    form.put("F14", value)
    assert only(findings(book, form), "A013").cell == "F14"


def test_A013_not_on_breakdown_rows(book):
    form, _ = layout("anhui")
    form.put("G13", None)  # 其中：因病救助人次, unscored
    assert of(findings(book, form), "A013") == []


# --- A014 deviation-reason-missing ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_A014_missed_without_reason(book, name):
    form, row = layout(name)
    short = row.number * 9 // 10
    form.put(row.actual, row.actual_value(short))
    if row.weight is not None:
        form.put(row.score, float(proportional(short, row.number, row.weight)))
    f = only(findings(book, form), "A014")
    assert f.cell == row.reason_or_actual
    assert (
        str(row.number) in f.message and str(short) in f.message and "未填写偏差原因" in f.message
    )


@pytest.mark.parametrize("name", [n for n in sorted(LAYOUTS) if ROWS[n].reason])
def test_A014_row_reason_passes(book, name):
    form, row = layout(name)
    form.put(row.actual, row.actual_value(row.number * 9 // 10))
    form.put(row.reason or "", "部分对象年中迁出，已调整下年度指标。")
    assert of(findings(book, form), "A014") == []


@pytest.mark.parametrize("filler", ["无", "0", "/", "—"])
def test_A014_filler_is_not_a_reason(book, filler):
    form, _ = layout("central")
    form.put("F13", "1100人").put("H13", 18.33).put("I13", filler)
    assert only(findings(book, form), "A014").cell == "I13"


def test_A014_form_level_reason_passes(book):
    form = LAYOUTS["sichuan"]()  # 存在问题 (B23) is filled in the clean layout
    form.put("H15", 300).put("J15", 28.13)
    assert of(findings(book, form), "A014") == []
    form.put("B23", "无")
    assert only(findings(book, form), "A014").cell == "K15"


def test_A014_form_level_reason_20_80(book):
    form, _ = layout("split_20_80")
    form.put("F8", "270个")
    form.put("A14", "偏差大或目标未完成原因分析").put("B14", "部分样品因降雨未能按期采集。")
    assert of(findings(book, form), "A014") == []


def test_A014_deadline_missed(book):
    form, _ = layout("split_20_80")
    form.put("F10", "2023年2月")  # target 2022年12月
    f = only(findings(book, form), "A014")
    assert f.cell == "F10" and "2022年12月" in f.message and "2023年2月" in f.message


def test_A014_reverse_missed(book):
    form, _ = layout("anhui")
    form.put("G15", "12个工作日").put("H15", 12.5)  # ≤10个工作日: 10 ÷ 12 × 15 = 12.5
    f = only(findings(book, form), "A014")
    assert f.cell == "I15" and "<=10个工作日" in f.message and "12个工作日" in f.message


def test_A014_qualitative_partial(book):
    form, _ = layout("sichuan")
    form.put("B23", None).put("H19", "部分达成年度指标并具有一定效果").put("J19", 7)
    f = only(findings(book, form), "A014")
    assert (
        f.cell == "K19"
        and "部分达成年度指标并具有一定效果" in f.message
        and "优良中低差" in f.message
    )


def test_A014_points_deducted_when_result_cannot_be_judged(book):
    form, _ = layout("sichuan")
    form.put("B23", None).put("H19", "良").put("J19", 8)  # a grade on a 优良中低差 scale, 8 of 10
    f = only(findings(book, form), "A014")
    assert f.cell == "K19" and "8" in f.message and "10" in f.message
    assert of(findings(book, form), "A020") == []


def test_A014_not_on_met_target(book):
    form, _ = layout("central")
    form.put("H13", 18)  # met, points deducted: that is A020, not A014
    found = findings(book, form)
    assert of(found, "A014") == [] and only(found, "A020").cell == "H13"


# --- A015 over-achievement-no-reason --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_A015_over_achievement(book, name):
    form, row = layout(name)
    over = row.number * 4 // 3 + 1  # ≥ 133%
    form.put(row.actual, row.actual_value(over))
    f = only(findings(book, form), "A015")
    assert f.cell == row.actual
    ratio = (Decimal(over) / row.number * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert f"{ratio}%" in f.message and str(over) in f.message and str(row.number) in f.message
    assert "130%" in f.message


def test_A015_threshold(book):
    form, _ = layout("central")
    form.put("F13", "1559人")  # 129.9%
    assert of(findings(book, form), "A015") == []
    form.put("F13", "1560人")  # exactly 130%
    assert only(findings(book, form), "A015").cell == "F13"
    strict = replace(NATIONAL, over_achievement=Decimal("1.50"))
    assert of(findings(book, form, profile=strict), "A015") == []


def test_A015_with_reason_passes(book):
    form, _ = layout("central")
    form.put("F13", "1800人").put("I13", "年中追加了服务对象。")
    assert of(findings(book, form), "A015") == []


def test_A015_only_for_at_least_targets_above_zero(book):
    form, _ = layout("central")
    form.put("F16", "200元")  # ≤800元: far under the cap is good, not over-achievement
    form.put("E15", "=0%").put("F15", "5%")  # target 0
    assert of(findings(book, form), "A015") == []


def test_A015_equal_target(book):
    form, _ = layout("central")
    form.put("E13", "=1200人").put("F13", "1700人")
    assert only(findings(book, form), "A015").cell == "F13"


# --- A016 actual-copies-target --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_A016_actual_with_operator(book, name):
    form, row = layout(name)
    written = f"≥{row.number}{row.unit}"
    form.put(row.actual, written)
    f = only(findings(book, form), "A016")
    assert f.cell == row.actual and written in f.message and "≥" in f.message


@pytest.mark.parametrize("actual", ["不少于1200人", "1200人以上", ">=1200人", "≥ 1200 人"])
def test_A016_operator_words(book, actual):
    form, _ = layout("central")
    form.put("F13", actual)
    assert only(findings(book, form), "A016").cell == "F13"


@pytest.mark.parametrize("actual", ["1200人", "1260人", "达到1200人", "=100%"])
def test_A016_plain_actuals_pass(book, actual):
    form, _ = layout("central")
    form.put("F13", actual)
    assert of(findings(book, form), "A016") == []


def test_A016_equal_sign_copied_verbatim(book):
    form, _ = layout("central")
    form.put("F15", "=100%")  # identical to the target =100%, operator included
    assert only(findings(book, form), "A016").cell == "F15"


def test_A016_bare_target_equal_actual_passes(book):
    form, _ = layout("central")
    form.put("E13", "29.5亩").put("F13", "29.5亩")
    assert of(findings(book, form), "A016") == []


# --- A017 qualitative-score-band ------------------------------------------------------------------


@pytest.mark.parametrize("name", WEIGHTED)
def test_A017_missed_scored_high(book, name):
    form, row = layout(name)
    weight = row.weight or 0
    form.put(row.actual, "未达成年度指标且效果较差").put(row.score, weight - 1)
    f = only(findings(book, form), "A017")
    low, high = Decimal(0), Decimal(weight) * Decimal("0.6")
    assert f.cell == row.score
    assert f"{low}–{high.normalize():f}" in f.message and str(weight - 1) in f.message
    assert "未达成" in f.message


@pytest.mark.parametrize(
    ("result", "score", "fires"),
    [
        ("达成年度指标", 20, False),
        ("达成年度指标", 16, False),  # 80% edge
        ("达成年度指标", 15, True),
        ("部分达成年度指标并具有一定效果", 14, False),
        ("部分达成年度指标并具有一定效果", 16, False),  # edges are inclusive: prefer silence
        ("部分达成年度指标并具有一定效果", 17, True),
        ("部分达成年度指标并具有一定效果", 11, True),
        ("未达成年度指标且效果较差", 12, False),
        ("未达成年度指标且效果较差", 0, False),
        ("基本完成", 18, True),  # partial family
        ("完成", 20, False),
    ],
)
def test_A017_bands(book, result, score, fires):
    form, _ = layout("central")
    form.put("F13", result).put("H13", score)
    hits = of(findings(book, form), "A017")
    assert len(hits) == (1 if fires else 0), [h.message for h in hits]


def test_A017_custom_bands(book):
    old_notes = replace(NATIONAL, qualitative_bands=(Decimal("0.8"), Decimal("0.5")))
    form, _ = layout("central")
    form.put("F13", "部分达成预期指标并具有一定效果").put("H13", 11)  # 55%: in 50–80%
    assert of(findings(book, form, profile=old_notes), "A017") == []
    assert len(of(findings(book, form), "A017")) == 1


def test_A017_not_for_grades_or_numbers(book):
    form, _ = layout("sichuan")  # 定性 优良中低差 → 优, full marks; a 良 at 5 is not a 达成 band
    form.put("H19", "良").put("J19", 5)
    assert of(findings(book, form), "A017") == []


# --- A020 points-deducted-no-reason ---------------------------------------------------------------


@pytest.mark.parametrize("name", WEIGHTED)
def test_A020_met_but_deducted(book, name):
    form, row = layout(name)
    weight = row.weight or 0
    form.put(row.score, weight - 2)
    f = only(findings(book, form), "A020")
    assert f.cell == row.score and f.expected == str(weight) and f.actual == str(weight - 2)
    assert str(weight - 2) in f.message and str(weight) in f.message and "扣 2 分" in f.message


@pytest.mark.parametrize("name", [n for n in WEIGHTED if ROWS[n].reason])
def test_A020_with_reason_passes(book, name):
    form, row = layout(name)
    form.put(row.score, (row.weight or 0) - 2).put(row.reason or "", "资料归档不完整，酌情扣分。")
    assert of(findings(book, form), "A020") == []


def test_A020_qualitative_achieved(book):
    form, _ = layout("central")
    form.put("E13", "达成年度指标").put("F13", "达成年度指标").put("H13", 18)
    assert only(findings(book, form), "A020").cell == "H13"


def test_A020_hebei_double_weighting(book):
    form, _ = layout("hebei")
    form.put("J11", 25).put("L11", 6.25)  # 单项指标得分 25 (the weight) × 权重占比 25% = 6.25
    f = only(findings(book, form), "A020")
    assert (
        f.cell == "L11" and "6.25" in f.message and "25 × 25%" in f.message and "重复" in f.message
    )


def test_A020_not_on_missed_target(book):
    form, _ = layout("central")
    form.put("F13", "1100人").put("H13", 18.33)
    assert of(findings(book, form), "A020") == []


# --- real forms -----------------------------------------------------------------------------------


def real(realworld, name: str, numbers: bool) -> list[Finding]:
    from perfcli.engine import Settings, check_file

    path = realworld(name, numbers=numbers)
    result = check_file(str(path), path.name, Settings())
    assert result.internal_error is None
    return [f for f in result.findings if f.code in MINE]


def cells(found, code: str) -> list[str]:
    return sorted(f.cell or "" for f in of(found, code))


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_suixi(book, realworld, numbers):
    found = real(realworld, "anhui-huaibei-suixi-minzheng-linshi-jiuzhu-2019-project", numbers)
    tekun, fupin = (f for f in of(found, "A012") if f.cell in ("H14", "H18"))
    assert cells(found, "A012") == ["H14", "H18"]
    assert tekun.expected == "4.84" and "4604" in tekun.message and "4754" in tekun.message
    assert fupin.expected == "9.09" and "5830" in fupin.message and "5300" in fupin.message
    # 特困人员… has a reason (特困人员实行动态管理); 扶贫临时救助标准 has none.
    assert cells(found, "A014") == ["I18"]
    # 87 of ≥59 人次 (147%) and 758 of ≥570 元 (133%): over 130% without a word.
    assert cells(found, "A015") == ["G13", "G17"]
    # The published excerpt stops inside the 满意度 row: its actual is missing in the transcript.
    assert cells(found, "A013") == ["G20"]
    assert {f.code for f in found} == {"A012", "A013", "A014", "A015"}


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_langfang(book, realworld, numbers):
    found = real(realworld, "hebei-langfang-shipin-xuexiao-nuantong-2019-project", numbers)
    f = only(found, "A012")
    assert f.cell == "G14" and f.expected == "8.62" and f.actual == "9"
    assert "43.2" in f.message and "37.24" in f.message
    # The row explains itself (已完工，剩余3%尾款未付…); its template rows 指标2/…… are not indicators.
    assert [x.code for x in found] == ["A012"]


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_chengan(book, realworld, numbers):
    found = real(realworld, "hebei-handan-chengan-minzheng-bailaoren-gaoling-2020-project", numbers)
    assert cells(found, "A020") == ["L12", "L13", "L14", "L15"]
    assert all("重复" in f.message for f in of(found, "A020"))
    six = next(f for f in found if f.cell == "L12")
    assert "6.25" in six.message and "25" in six.message
    # '补贴发放率 ≥75%' met at 100% (133%): the reviewer's "very low target".
    assert cells(found, "A015") == ["H14"]
    assert {f.code for f in found} == {"A015", "A020"}


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_qingshen(book, realworld, numbers):
    found = real(realworld, "sichuan-meishan-qingshen-fgj-gongzixing-2023-project", numbers)
    assert cells(found, "A013") == ["H15", "H16"]
    assert "发放(缴纳)覆盖率" in of(found, "A013")[0].message
    assert {f.code for f in found} == {"A013"}


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_longyang(book, realworld, numbers):
    found = real(realworld, "yunnan-baoshan-longyang-huafei-jianliang-2022-project", numbers)
    f = only(found, "A015")
    assert (
        f.cell == "F19" and "175.00%" in f.message and "105个" in f.message and "60个" in f.message
    )
    assert [x.code for x in found] == ["A015"]


def test_A013_not_on_a_numbered_heading(book):
    form, _ = layout("central")
    form.put("D13", "一、居家养老服务").put("F13", None)  # a heading over its numbered parts
    form.put("C14", None).put("D14", "1、服务合格率")
    assert of(findings(book, form), "A013") == []
    form.put("D14", "服务合格率")  # no parts: an indicator without an actual
    assert only(findings(book, form), "A013").cell == "F13"


def test_A016_range_actual_is_not_an_operator(book):
    form, _ = layout("central")
    form.put("F14", "95%-100%")
    assert of(findings(book, form), "A016") == []


# --- direction of a target written without an operator --------------------------------------------


def test_bare_cost_target_is_not_judged(book):
    """人均服务成本 800元 (no operator) under 成本指标: a cap or a floor? Neither rule guesses."""
    form, _ = layout("central")
    form.put("E16", "800元").put("F16", "880元")
    found = findings(book, form)
    assert [f.code for f in found if f.code in MINE] == []
    form.put("F16", "500元")  # not an over-achievement either
    assert [f.code for f in findings(book, form) if f.code in MINE] == []


def test_direction_column_makes_a_bare_target_a_cap(book):
    form, _ = layout("central")
    form.put("J12", "指标方向性").put("J16", "反向").put("E16", "800元").put("F16", "880元")
    f = only(findings(book, form), "A012")
    assert f.cell == "H16" and f.expected == "9.09" and "800 ÷ 880 × 10" in f.message
    assert only(findings(book, form), "A014").cell == "I16"
    form.put("J16", "正向").put("F16", "780元")  # 正向: 780 of 800 misses
    assert only(findings(book, form), "A012").expected == "9.75"


def test_bare_zero_target_means_none(book):
    form, _ = layout("central")
    form.put("D17", "安全责任事故发生次数").put("E17", "0起").put("F17", "1起")
    f = only(findings(book, form), "A012")  # 1 accident against 0, full 15 points
    assert f.cell == "H17" and f.expected == "0.00"
    assert only(findings(book, form), "A014").cell == "I17"
    form.put("F17", "0起")
    assert [f.code for f in findings(book, form) if f.code in MINE] == []
