"""A001–A006: the money block — totals, execution rate, execution score, reasons, adjustments.

Every case starts from a clean layout of ``tests/layouts.py`` and changes the figures under test;
``with_execution`` rewrites a layout coherently for a new 执行数 (source row, rate, score and total
follow), so a case differs from a clean form only by the defect it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from layouts import LAYOUTS, FormGrid
from ruletools import findings, of, only

from perfcli.profile import NATIONAL
from perfcli.rules.common import round2

MONEY_CODES = ("A001", "A002", "A003", "A004", "A005", "A006")


@dataclass(frozen=True)
class Money:
    """Where each layout keeps its execution figures (A1 addresses in the clean builders)."""

    budget: str  # the rate's denominator on the total row
    executed: str
    source_executed: str | None  # the first source row's 执行数 (kept equal to the total's)
    rate: str
    score: str  # execution 得分 (Hebei: the 预算执行率 row's 折算得分)
    total: str  # 总分 / 合计 score
    weight: int
    extra_rates: tuple[str, ...] = ()  # cells repeating the rate (Sichuan source, Hebei row)
    percent_sign: bool = True


MONEY = {
    "central": Money("D6", "E6", "E7", "G6", "H6", "H20", 10),
    "sichuan": Money("D9", "E9", "E10", "F9", "H9", "J21", 10, extra_rates=("F10",)),
    "anhui": Money("C6", "D6", "D7", "F6", "G6", "H18", 10),
    "split_20_80": Money("B6", "C6", None, "D6", "E6", "G13", 20),
    "beijing_2016": Money("C6", "D6", "D7", "F6", "G6", "I17", 10),
    "hebei": Money(
        "C4", "G4", "G5", "H4", "L15", "L16", 10, extra_rates=("H15",), percent_sign=False
    ),
}


def dec(value: object) -> Decimal:
    return Decimal(str(value))


def mine(found: list) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.cell) for f in found if f.code in MONEY_CODES)


def with_execution(layout: str, executed: Decimal) -> FormGrid:
    """The clean ``layout`` with 执行数 changed to ``executed``, everything else made to agree."""
    form, m = LAYOUTS[layout](), MONEY[layout]
    budget = dec(form.get(m.budget))
    delta = executed - dec(form.get(m.executed))
    form.put(m.executed, float(executed))
    if m.source_executed is not None:
        form.put(m.source_executed, float(dec(form.get(m.source_executed)) + delta))
    rate = executed / budget
    pct = f"{round2(rate * 100)}"
    form.put(m.rate, pct + "%" if m.percent_sign else pct)
    for cell in m.extra_rates:
        form.put(cell, pct + "%")
    score = round2(min(rate, Decimal(1)) * m.weight)
    old_score = dec(form.get(m.score))
    form.put(m.score, float(score))
    form.put(m.total, float(dec(form.get(m.total)) - old_score + score))
    return form


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_coherent_rewrite_is_clean(book, layout):
    """The helper itself: a coherent 92% execution gives no money finding on any layout."""
    budget = dec(LAYOUTS[layout]().get(MONEY[layout].budget))
    assert mine(findings(book, with_execution(layout, budget * Decimal("0.92")))) == []


# --- A001 funding-total-mismatch -----------------------------------------------------------------

# layout → (total cell of 全年预算数 or its stand-in, a source cell, new source value, parts after)
A001_CASES = {
    "central": ("D6", "D8", 8, "120.00", "118.00", "110.00 + 8.00 + 0.00", "2.00"),
    "sichuan": ("D9", "D11", 5, "200.00", "205.00", "200.00 + 5.00 + 0.00 + 0.00", "5.00"),
    "anhui": ("C6", "C8", 2, "30.00", "32.00", "30.00 + 2.00", "2.00"),
    "beijing_2016": ("C6", "C8", 3, "80.00", "83.00", "80.00 + 3.00", "3.00"),
    "hebei": ("C4", "C6", 1, "6.84", "7.84", "6.84 + 1.00", "1.00"),
}


@pytest.mark.parametrize("layout", sorted(A001_CASES))
def test_A001_sources_do_not_add_up(book, layout):
    total, source, value, shown, summed, parts, diff = A001_CASES[layout]
    form = LAYOUTS[layout]().put(source, value)
    f = only(findings(book, form), "A001")
    assert f.cell == total
    assert f"为 {shown}万元" in f.message and f"之和为 {summed}万元" in f.message
    assert f"（{parts}）" in f.message and f"相差 {diff}万元" in f.message
    assert f.severity == "error"


def test_A001_every_amount_column_is_checked(book):
    form = LAYOUTS["central"]().put("C8", 12).put("E8", 9)  # 年初预算数 and 全年执行数
    found = of(findings(book, form), "A001")
    assert sorted(f.cell for f in found) == ["C6", "E6"]
    assert "年初预算数" in found[0].message or "年初预算数" in found[1].message


def test_A001_hebei_pair_rows_received_column(book):
    form = LAYOUTS["hebei"]().put("E5", 6.5)  # 到位数 of 其中：财政资金
    f = only(findings(book, form), "A001")
    assert f.cell == "E4" and "资金到位情况" in f.message and "6.50 + 0.00" in f.message


def test_A001_pass_empty_and_placeholder_sources(book):
    # 上年结转/其他 left empty or "—" count as 0: 120 = 120 + 0 + 0.
    form = LAYOUTS["central"]().put("D7", 120).put("D8", None).put("D9", "—")
    form.put("C7", 120).put("C8", None).put("C9", "—").put("E7", 114).put("E8", None).put("E9", "—")
    assert of(findings(book, form), "A001") == []


def test_A001_pass_column_with_no_sources_declared(book):
    form = LAYOUTS["central"]()
    for cell in ("C7", "C8", "C9"):
        form.put(cell, None)  # 年初预算数 given only as a total: nothing to add up
    assert of(findings(book, form), "A001") == []


def test_A001_pass_within_tolerance(book):
    form = LAYOUTS["central"]().put("D8", 10.005)
    assert of(findings(book, form), "A001") == []


def test_A001_yuan_table_uses_converted_tolerance(book):
    form = LAYOUTS["central"]().put("A5", "项目资金\n（元）")
    amounts = {
        "C": (1200000, 1100000, 100000),
        "D": (1200000, 1100000, 100000),
        "E": (1140000, 1040000, 100000),
    }
    for col, (total, first, second) in amounts.items():
        form.put(f"{col}6", total).put(f"{col}7", first).put(f"{col}8", second).put(f"{col}9", 0)
    form.put("D8", 100050)  # 50 元 off: within 0.01 万元
    assert of(findings(book, form), "A001") == []
    form.put("D8", 100500)  # 500 元 off
    f = only(findings(book, form), "A001")
    assert f.cell == "D6" and "1200000.00元" in f.message and "相差 500.00元" in f.message


def test_A001_nested_breakdown_is_not_added_twice(book):
    # 上年结转资金 10, broken down as 其中：中央资金 10 — a part of a part, not a third source.
    form = (
        LAYOUTS["central"]().put("B9", "其中：中央资金").put("C9", 10).put("D9", 10).put("E9", 10)
    )
    form.put("C8", 10).put("D8", 10).put("E8", 10)
    assert of(findings(book, form), "A001") == []


# --- A002 exec-rate-mismatch ---------------------------------------------------------------------

# layout → (printed wrong rate, expected, executed, budget)
A002_CASES = {
    "central": ("96%", "95.00%", "114.00", "120.00"),
    "sichuan": ("98.5%", "98.00%", "196.00", "200.00"),
    "anhui": ("90%", "100.00%", "30.00", "30.00"),
    "split_20_80": ("97%", "98.00%", "49.00", "50.00"),
    "beijing_2016": ("99%", "100.00%", "80.00", "80.00"),
    "hebei": ("90.00", "100.00%", "6.84", "6.84"),
}


@pytest.mark.parametrize("layout", sorted(A002_CASES))
def test_A002_printed_rate_differs(book, layout):
    printed, expected, executed, budget = A002_CASES[layout]
    m = MONEY[layout]
    f = only(findings(book, LAYOUTS[layout]().put(m.rate, printed)), "A002")
    assert f.cell == m.rate
    assert f.message == f"执行率应为 {expected}（{executed} ÷ {budget}），表中填写 {printed}"
    assert f.expected == expected and f.actual == printed
    assert "重新计算执行率，保留两位小数" in f.hint


def test_A002_langfang_style_integer_rate(book):
    form = LAYOUTS["central"]()
    form.put("C6", 43.2).put("D6", 43.2).put("E6", 37.24).put("G6", "86%").put("H6", 8.62)
    form.put("C7", 43.2).put("D7", 43.2).put("E7", 37.24)
    for cell in ("C8", "D8", "E8"):
        form.put(cell, None)
    form.put("H20", 98.62)
    f = only(findings(book, form), "A002")
    assert f.cell == "G6" and f.message == "执行率应为 86.20%（37.24 ÷ 43.20），表中填写 86%"
    assert f.hint == "请按 全年执行数 ÷ 全年预算数 重新计算执行率，保留两位小数"


def test_A002_hint_names_the_forms_own_columns(book):
    f = only(findings(book, LAYOUTS["sichuan"]().put("F9", "97%")), "A002")
    assert f.hint == "请按 预算执行数 ÷ 调整后预算数 重新计算执行率，保留两位小数"
    f = only(findings(book, LAYOUTS["beijing_2016"]().put("F6", "90%")), "A002")
    assert "全年执行数(B) ÷ 年初预算数(A)" in f.hint


def test_A002_number_cell_rate_shown_as_percentage(book):
    f = only(findings(book, LAYOUTS["central"]().put("G6", 0.9)), "A002")
    assert f.message == "执行率应为 95.00%（114.00 ÷ 120.00），表中填写 90%"


def test_A002_sichuan_source_row_rate(book):
    f = only(findings(book, LAYOUTS["sichuan"]().put("F10", "90.00%")), "A002")
    assert f.cell == "F10"
    assert f.message == "其中：财政资金的执行率应为 98.00%（196.00 ÷ 200.00），表中填写 90.00%"


def test_A002_hebei_execution_row_repeats_the_rate(book):
    f = only(findings(book, LAYOUTS["hebei"]().put("H15", "95%")), "A002")
    assert f.cell == "H15" and "应为 100.00%" in f.message and "95%" in f.message


@pytest.mark.parametrize("printed", ["95.00%", "95%", "94.99%", "95.01%", "0.95", 0.95, "95"])
def test_A002_pass_same_rate_at_two_decimals(book, printed):
    assert of(findings(book, LAYOUTS["central"]().put("G6", printed)), "A002") == []


@pytest.mark.parametrize("printed", ["10.77%", "10.78%", "10.774%", "0.1077"])
def test_A002_pass_rate_at_printed_precision(book, printed):
    # 隆阳: 30.00 ÷ 278.4449 = 10.774%; 97.80% for 97.81% (truncation) is as good.
    form = LAYOUTS["split_20_80"]().put("B6", 278.4449).put("C6", 30).put("D6", printed)
    assert of(findings(book, form), "A002") == []


def test_A002_zero_budget_source_rows_are_not_checked(book):
    form = LAYOUTS["sichuan"]().put("F11", "0.00%").put("F12", "100.00%")
    assert of(findings(book, form), "A002") == []


def test_A002_rate_base_from_profile(book):
    from dataclasses import replace

    form = LAYOUTS["central"]().put("C6", 100).put("C7", 90)  # 年初 100, 全年 120, 执行 114
    assert of(findings(book, form), "A002") == []
    f = only(findings(book, form, profile=replace(NATIONAL, exec_rate_base="initial")), "A002")
    assert f.message == "执行率应为 114.00%（114.00 ÷ 100.00），表中填写 95.00%"
    assert "年初预算数" in f.hint


# --- A003 exec-score-mismatch --------------------------------------------------------------------

A003_EXPECTED = {"central": "9.5", "sichuan": "9.8", "anhui": "10", "split_20_80": "19.6",
                 "beijing_2016": "10", "hebei": "10"}  # fmt: skip


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_A003_score_not_rate_times_weight(book, layout):
    m = MONEY[layout]
    form = LAYOUTS[layout]()
    wrong = float(dec(form.get(m.score)) - 1)
    f = only(findings(book, form.put(m.score, wrong)), "A003")
    expected = A003_EXPECTED[layout]
    assert f.cell == m.score and f.expected == expected
    assert f"应为 {expected}" in f.message and f"× {m.weight} 分" in f.message
    assert "相差 1" in f.message


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_A003_empty_score(book, layout):
    m = MONEY[layout]
    f = only(findings(book, LAYOUTS[layout]().put(m.score, None)), "A003")
    assert f.cell == m.score and f.message.startswith("预算执行得分为空，应为 ")
    assert f.expected == A003_EXPECTED[layout]


def test_A003_rounded_up_integer(book):
    form = with_execution("central", Decimal("103.44"))  # 86.20%
    form.put("H6", 9)
    f = only(findings(book, form), "A003")
    assert f.message == "预算执行得分应为 8.62（86.20% × 10 分），表中填写 9，相差 0.38"


def test_A003_uses_recomputed_rate_not_printed(book):
    form = LAYOUTS["central"]().put("G6", "100%").put("H6", 10)  # 114/120 = 95%
    f = only(findings(book, form), "A003")
    assert f.expected == "9.5"


def test_A003_pass_within_score_tolerance(book):
    # 隆阳: 20 × 30.00 ÷ 278.4449 = 2.1548 → 2.15; 2.16 is within ±0.01.
    form = (
        LAYOUTS["split_20_80"]()
        .put("B6", 278.4449)
        .put("C6", 30)
        .put("D6", "10.77%")
        .put("E6", 2.16)
    )
    assert of(findings(book, form), "A003") == []


def test_A003_pass_rate_above_100_is_capped(book):
    form = with_execution("central", Decimal(126))
    assert form.get("H6") == 10.0
    assert of(findings(book, form), "A003") == []


def test_A003_pass_no_weight_anywhere(book):
    # Without a weight (no 分值 cell, no "(10分)" label, no 预算执行率 row) there is nothing to compute.
    form = LAYOUTS["central"]().put("F6", None).put("H6", None)
    assert of(findings(book, form), "A003") == []


# --- A004 exec-low-no-reason ---------------------------------------------------------------------


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_A004_low_rate_without_reason(book, layout):
    budget = dec(LAYOUTS[layout]().get(MONEY[layout].budget))
    form = with_execution(layout, budget * Decimal("0.8"))
    if layout == "sichuan":
        form.put("B23", None)  # its 存在问题 is a form-level explanation
    found = findings(book, form)
    assert mine(found) == [("A004", MONEY[layout].rate)]
    f = only(found, "A004")
    assert (
        "预算执行率为 80.00%" in f.message and "低于 90%" in f.message and "未说明原因" in f.message
    )


def test_A004_message_quotes_figures(book):
    form = with_execution("central", Decimal(96))
    f = only(findings(book, form), "A004")
    assert (
        f.message
        == "预算执行率为 80.00%（96.00 ÷ 120.00），低于 90%，未说明原因（未执行 24.00万元）"
    )


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_A004_pass_at_threshold(book, layout):
    budget = dec(LAYOUTS[layout]().get(MONEY[layout].budget))
    form = with_execution(layout, budget * Decimal("0.9"))
    assert of(findings(book, form), "A004") == []


def test_A004_pass_funding_reason(book):
    form = with_execution("sichuan", Decimal(160)).put("B23", None)
    form.put("I9", "部分养护工程款待验收后支付，已结转下年")
    assert of(findings(book, form), "A004") == []


def test_A004_pass_form_level_reason(book):
    form = with_execution("central", Decimal(96))
    form.rows.append(["偏差大或目标未完成原因分析", "部分设备款待验收合格后支付"])
    assert of(findings(book, form), "A004") == []


@pytest.mark.parametrize(
    "filler",
    [
        "无",
        "/",
        "0",
        "预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内)",
    ],
)
def test_A004_filler_is_not_a_reason(book, filler):
    form = with_execution("sichuan", Decimal(160)).put("B23", None).put("I9", filler)
    assert only(findings(book, form), "A004").cell == "F9"


def test_A004_indicator_row_reason_does_not_count(book):
    form = with_execution("central", Decimal(96)).put("I13", "尾款未付")
    assert only(findings(book, form), "A004").cell == "G6"


# --- A005 exec-over-budget -----------------------------------------------------------------------


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_A005_spending_over_budget(book, layout):
    m = MONEY[layout]
    budget = dec(LAYOUTS[layout]().get(m.budget))
    found = findings(book, with_execution(layout, budget * Decimal("1.05")))
    assert mine(found) == [("A005", m.executed)]
    f = only(found, "A005")
    over = f"{round2(budget * Decimal('1.05')):.2f}"
    assert over in f.message and f"{budget:.2f}" in f.message
    assert f"超出 {round2(budget * Decimal('0.05')):.2f}" in f.message
    assert f.severity == "warning"


def test_A005_pass_within_tolerance(book):
    form = with_execution("central", Decimal("120.005"))
    assert of(findings(book, form), "A005") == []


# --- A006 budget-adjusted ------------------------------------------------------------------------


@pytest.mark.parametrize(("layout", "initial", "budget", "source"), [("central", "C6", "D6", "C7"),
                                                                     ("sichuan", "C9", "D9", "C10")])  # fmt: skip
def test_A006_budget_adjusted(book, layout, initial, budget, source):
    form = LAYOUTS[layout]()
    form.put(initial, float(dec(form.get(initial)) - 10)).put(
        source, float(dec(form.get(source)) - 10)
    )
    f = only(findings(book, form), "A006")
    assert f.cell == budget and f.severity == "info"
    assert "调增 10.00万元" in f.message


def test_A006_message(book):
    form = LAYOUTS["sichuan"]().put("C9", 212.96).put("C10", 212.96)
    f = only(findings(book, form), "A006")
    assert f.message == "调整后预算数 200.00万元 与 年初预算 212.96万元 不同，年中调减 12.96万元"


@pytest.mark.parametrize("layout", ["anhui", "split_20_80", "beijing_2016", "hebei"])
def test_A006_silent_without_both_columns(book, layout):
    assert of(findings(book, LAYOUTS[layout]()), "A006") == []


# --- published forms -----------------------------------------------------------------------------


def _realworld(book_path, *, numbers=False):
    from perfcli.engine import Settings, check_file

    result = check_file(str(book_path), book_path.name, Settings())
    assert result.internal_error is None
    return result.findings


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_langfang(realworld, numbers):
    found = _realworld(
        realworld("hebei-langfang-shipin-xuexiao-nuantong-2019-project", numbers=numbers)
    )
    assert mine(found) == [("A002", "G7"), ("A003", "H7"), ("A004", "G7")]
    assert only(found, "A002").message == "执行率应为 86.20%（37.24 ÷ 43.20），表中填写 86%"
    assert only(found, "A003").expected == "8.62" and only(found, "A003").actual == "9"
    assert "86.20%" in only(found, "A004").message  # its only explanation sits in an indicator row


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_qingshen(realworld, numbers):
    found = _realworld(
        realworld("sichuan-meishan-qingshen-fgj-gongzixing-2023-project", numbers=numbers)
    )
    # No A002 on the sources' 100.00% / 0.00%; 238.93 → 251.89 is an adjustment.
    assert mine(found) == [("A003", "H9"), ("A006", "D9")]
    assert only(found, "A003").message == "预算执行得分为空，应为 10（100.00% × 10 分）"
    assert "238.93" in only(found, "A006").message and "251.89" in only(found, "A006").message
    assert "调增 12.96万元" in only(found, "A006").message


def test_realworld_suixi(realworld):
    found = _realworld(realworld("anhui-huaibei-suixi-minzheng-linshi-jiuzhu-2019-project"))
    # 30 = 30, 100%, 10 of 10: the money itself is right (its A019 is a scores finding).
    assert mine(found) == []


def test_realworld_longyang(realworld):
    found = _realworld(realworld("yunnan-baoshan-longyang-huafei-jianliang-2022-project"))
    assert mine(found) == [("A004", "D8")]  # 10.77% and 2.16 are within the printed precision
    assert "10.77%" in only(found, "A004").message and "248.4449" in only(found, "A004").message


def test_realworld_chengan(realworld):
    found = _realworld(realworld("hebei-handan-chengan-minzheng-bailaoren-gaoling-2020-project"))
    assert mine(found) == []  # 6.84 = 6.84 + 0.00 in every column, 100.00


@pytest.mark.parametrize(
    ("unit", "english"),
    [
        ("万元", " ×10k yuan"),
        ("元", " yuan"),
        ("亿元", " ×100m yuan"),
        ("千元", " ×1k yuan"),
        ("", ""),
    ],
)
def test_amount_units_in_english_are_one_table(unit, english):
    """A001–A006, M006, the R rules and X005 name a unit in English through one table."""
    from perfcli.rules._accounts_text import amount_en
    from perfcli.rules._funding_labels import unit_en

    assert unit_en(unit) == english
    if unit in ("万元", "亿元"):
        assert amount_en(Decimal("88650000"), unit).endswith(english)
