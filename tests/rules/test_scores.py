"""A007–A011, A018, A019: weights, scores, the total, the grade, double counting.

Cases start from the clean layouts of ``tests/layouts.py`` and change the cells under test.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from layouts import LAYOUTS, FormGrid
from ruletools import findings, of, only

from perfcli.io.cells import CellRange

SCORE_CODES = ("A007", "A008", "A009", "A010", "A011", "A018", "A019")


@dataclass(frozen=True)
class Scores:
    """Where each clean layout keeps its weights and scores (A1 addresses)."""

    first_weight: str | None  # the first indicator's 分值 (None: the layout has no 分值 column)
    first_score: str  # the first indicator's 得分
    exec_score: str
    total_weight: str | None
    total_score: str
    grade: str | None
    first_weight_value: int
    total_value: str  # the clean total as printed


SCORES = {
    "central": Scores("G13", "H13", "H6", "G20", "H20", "I20", 20, "99.5"),
    "sichuan": Scores("I15", "J15", "H9", "I21", "J21", "B22", 30, "99.8"),
    "anhui": Scores("E12", "H12", "G6", "E18", "H18", "I18", 20, "100"),
    "split_20_80": Scores(None, "G8", "E6", None, "G13", None, 20, "99.6"),
    "beijing_2016": Scores("E12", "I12", "G6", "E17", "I17", "J17", 20, "100"),
    "hebei": Scores("K11", "L11", "L15", "E16", "L16", None, 25, "100"),
}
WEIGHTED = sorted(k for k, v in SCORES.items() if v.first_weight is not None)


def mine(found: list) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.cell) for f in found if f.code in SCORE_CODES)


def insert_rows(form: FormGrid, excel_row: int, rows: list[list[object]]) -> FormGrid:
    """Insert ``rows`` before ``excel_row``; merged ranges below move down, ranges across grow."""
    at, n = excel_row - 1, len(rows)
    form.rows[at:at] = [list(r) for r in rows]
    moved = []
    for ref in form.merges:
        rng = CellRange.from_ref(ref)
        first = rng.first_row + (n if rng.first_row >= at else 0)
        last = rng.last_row + (n if rng.last_row >= at else 0)
        moved.append(CellRange(first, rng.first_col, last, rng.last_col).ref)
    form.merges = moved
    return form


def central_with_parent() -> FormGrid:
    """Central layout where ``一、老年人生活照料`` (15) is scored and so are its two parts (10 + 5)."""
    form = LAYOUTS["central"]().put("D17", "一、老年人生活照料问题解决率")
    return insert_rows(form, 18, [
        [None, None, None, "1、助餐服务覆盖率", "≥80%", "85%", 10, 10, None],
        [None, None, None, "2、助洁服务覆盖率", "≥80%", "85%", 5, 5, None],
    ])  # fmt: skip


def test_inserted_parent_is_read_as_parent(book):
    found = findings(book, central_with_parent())
    assert mine(found) == [("A019", "H17")]


# --- A007 weights-total --------------------------------------------------------------------------


@pytest.mark.parametrize("layout", WEIGHTED)
def test_A007_weights_do_not_add_up(book, layout):
    s = SCORES[layout]
    assert s.first_weight is not None
    form = LAYOUTS[layout]().put(s.first_weight, s.first_weight_value + 5)
    f = only(findings(book, form), "A007")
    assert f.cell == s.total_weight
    assert f.message == "分值合计为 105（预算执行 10 + 绩效指标 95），应为 100"
    assert f.expected == "100" and f.actual == "105"


def test_A007_too_little(book):
    form = LAYOUTS["sichuan"]().put("I16", 15)
    f = only(findings(book, form), "A007")
    assert f.cell == "I21" and "分值合计为 95（预算执行 10 + 绩效指标 85）" in f.message


def test_A007_execution_weight_from_label(book):
    # Sichuan's 总额 row without 权重: the block label 预算执行情况（10分） gives the 10.
    form = LAYOUTS["sichuan"]().put("G9", None)
    assert of(findings(book, form), "A007") == []
    f = only(findings(book, form.put("I15", 40)), "A007")
    assert "预算执行 10 + 绩效指标 100" in f.message


def test_A007_printed_total_weight(book):
    f = only(findings(book, LAYOUTS["central"]().put("G20", 90)), "A007")
    assert f.cell == "G20"
    assert f.message == "总分行的分值填写 90，但预算执行与各指标分值之和为 100"


def test_A007_unknown_execution_weight_only_when_over_100(book):
    # No execution 分值 at all: the indicators' 90 may be right (the 10 is just not written).
    form = LAYOUTS["central"]().put("F6", None)
    assert of(findings(book, form), "A007") == []
    f = only(findings(book, form.put("G13", 35)), "A007")
    assert f.message == "绩效指标分值合计为 105，超过 100"


def test_A007_pass_excludes_breakdown_placeholder_and_children(book):
    form = central_with_parent()
    assert of(findings(book, form), "A007") == []  # 15 counted once, not 15 + 10 + 5
    form = LAYOUTS["anhui"]()
    assert form.get("D13").startswith("其中") and of(findings(book, form), "A007") == []


def test_A007_pass_hebei_weight_from_execution_row(book):
    form = LAYOUTS["hebei"]()
    assert of(findings(book, form), "A007") == []
    f = only(findings(book, form.put("K15", 20)), "A007")
    assert "预算执行 20 + 绩效指标 90" in f.message


def test_A007_silent_when_no_indicator_weight_is_written(book):
    form = LAYOUTS["central"]()
    for row in range(13, 20):
        form.put(f"G{row}", None)
    form.put("G20", None)
    assert of(findings(book, form), "A007") == []


def test_A007_silent_without_weight_column(book):
    form = LAYOUTS["split_20_80"]().put("G8", 40)
    assert of(findings(book, form), "A007") == []


# --- A008 category-weight-mismatch ---------------------------------------------------------------


def test_A008_anhui_category_label(book):
    form = LAYOUTS["anhui"]().put("E14", 10)
    found = findings(book, form)
    f = only(found, "A008")
    assert f.cell == "B12" and f.severity == "warning"
    assert f.message == "产出指标标注 50 分，其下三级指标分值合计为 45（20 + 10 + 15）"
    assert f.expected == "50" and f.actual == "45"


# layout → (一级 cell, label with the right weight, wrong label, the group's sum)
A008_LABELS = {
    "central": ("B13", "产出指标(50分)", "产出指标(40分)", "50"),
    "sichuan": ("B15", "产出指标（60分）", "产出指标（50分）", "60"),
    "anhui": ("B16", "效益指标(30分)", "效益指标(20分)", "30"),
    "beijing_2016": ("B12", "产出指标（50分）", "产出指标（45分）", "50"),
    "hebei": ("B11", "产出指标(50分)", "产出指标(60分)", "50"),
}


@pytest.mark.parametrize("layout", sorted(A008_LABELS))
def test_A008_label_weight_each_layout(book, layout):
    cell, right, wrong, summed = A008_LABELS[layout]
    assert of(findings(book, LAYOUTS[layout]().put(cell, right)), "A008") == []
    f = only(findings(book, LAYOUTS[layout]().put(cell, wrong)), "A008")
    assert f.cell == cell and f"合计为 {summed}" in f.message


def test_A008_block_label_when_split_contradicts_it(book):
    # 预算执行情况（10分） / 绩效指标（90分）, but 20 + 80 written: the total is 100, the split is not.
    form = LAYOUTS["sichuan"]().put("G9", 20).put("I15", 20)
    found = findings(book, form)
    assert of(found, "A007") == []
    f = only(found, "A008")
    assert f.cell == "A14" and f.message == "绩效指标标注 90 分，绩效指标分值合计为 80"


def test_A008_block_label_not_repeated_when_total_is_wrong(book):
    found = findings(book, LAYOUTS["sichuan"]().put("I15", 35))
    assert [f.code for f in found if f.code in ("A007", "A008")] == ["A007"]


def test_A008_pass_realworld_suixi(realworld):
    from perfcli.engine import Settings, check_file

    path = realworld("anhui-huaibei-suixi-minzheng-linshi-jiuzhu-2019-project")
    found = check_file(str(path), path.name, Settings()).findings
    assert of(found, "A008") == [] and of(found, "A007") == []  # 50 / 30 / 10 (+10) = 100


# --- A009 score-out-of-range ---------------------------------------------------------------------


@pytest.mark.parametrize("layout", WEIGHTED)
def test_A009_score_above_weight(book, layout):
    s = SCORES[layout]
    form = LAYOUTS[layout]().put(s.first_score, s.first_weight_value + 5)
    f = only(findings(book, form), "A009")
    assert f.cell == s.first_score
    assert f"得分 {s.first_weight_value + 5} 超过其分值 {s.first_weight_value}" in f.message


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_A009_negative_score(book, layout):
    s = SCORES[layout]
    f = only(findings(book, LAYOUTS[layout]().put(s.first_score, -2)), "A009")
    assert f.cell == s.first_score and "得分 -2 为负数" in f.message


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_A009_execution_score_above_weight(book, layout):
    s = SCORES[layout]
    f = only(findings(book, LAYOUTS[layout]().put(s.exec_score, 25)), "A009")
    assert f.cell == s.exec_score and f.message.startswith("预算执行得分 25 超过其分值 ")


def test_A009_message_names_the_indicator(book):
    f = only(findings(book, LAYOUTS["central"]().put("H14", 12)), "A009")
    assert f.message == "指标“服务合格率”得分 12 超过其分值 10"


def test_A009_pass_full_marks_and_zero(book):
    form = LAYOUTS["central"]().put("H14", 0).put("H20", 89.5).put("I20", "良")
    assert of(findings(book, form), "A009") == []


# --- A010 total-score-mismatch -------------------------------------------------------------------


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_A010_total_differs(book, layout):
    s = SCORES[layout]
    form = LAYOUTS[layout]().put(s.total_score, 95)
    f = only(findings(book, form), "A010")
    assert f.cell == s.total_score and f.expected == s.total_value and f.actual == "95"
    assert f"应为 {s.total_value}" in f.message and "表中填写 95" in f.message


def test_A010_message(book):
    f = only(findings(book, LAYOUTS["central"]().put("H20", 98)), "A010")
    assert f.message == "总分应为 99.5（预算执行 9.5 + 绩效指标 90），表中填写 98，相差 1.5"


def test_A010_indicator_score_changed(book):
    f = only(findings(book, LAYOUTS["anhui"]().put("H14", 12)), "A010")
    assert f.cell == "H18" and "应为 97" in f.message and "相差 3" in f.message


def test_A010_pass_parent_and_children_not_added_twice(book):
    assert of(findings(book, central_with_parent()), "A010") == []


@pytest.mark.parametrize("total", [99.5, 99.49, 99.51, "99.50"])
def test_A010_pass_within_tolerance(book, total):
    assert of(findings(book, LAYOUTS["central"]().put("H20", total)), "A010") == []


def test_A010_silent_on_empty_total(book):
    found = findings(book, LAYOUTS["central"]().put("H20", None))
    assert of(found, "A010") == [] and only(found, "A018").cell == "H20"


# --- A011 grade-mismatch -------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["central", "anhui", "beijing_2016"])
def test_A011_grade_cell(book, layout):
    s = SCORES[layout]
    assert s.grade is not None
    f = only(findings(book, LAYOUTS[layout]().put(s.grade, "良")), "A011")
    assert f.cell == s.grade
    assert f.message == f"总分 {s.total_value} 对应的等级为“优”，表中填写“良”"
    assert f.expected == "优" and f.actual == "良"


def test_A011_grade_in_conclusion_text(book):
    form = LAYOUTS["sichuan"]().put("B22", "该项目自评得分99.8分，自评等级为良。")
    f = only(findings(book, form), "A011")
    assert f.cell == "B22" and "表中填写“良”" in f.message


def test_A011_uses_printed_total(book):
    form = LAYOUTS["central"]().put("H20", 85)  # Σ is 99.5 (A010), but the form says 85 and 优
    found = findings(book, form)
    f = only(found, "A011")
    assert f.message == "总分 85 对应的等级为“良”，表中填写“优”"
    assert only(found, "A010").cell == "H20"


@pytest.mark.parametrize("word", ["优", "优秀"])
def test_A011_pass_grade_synonyms(book, word):
    assert of(findings(book, LAYOUTS["central"]().put("I20", word)), "A011") == []


@pytest.mark.parametrize(("total", "grade"), [(90, "优"), (89.99, "良"), (80, "良"), (60, "中"),
                                              (59.5, "差"), (75, "合格")])  # fmt: skip
def test_A011_pass_grade_bands(book, total, grade):
    assert (
        of(findings(book, LAYOUTS["central"]().put("H20", total).put("I20", grade)), "A011") == []
    )


# --- A018 total-missing --------------------------------------------------------------------------


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_A018_total_score_empty(book, layout):
    s = SCORES[layout]
    found = findings(book, LAYOUTS[layout]().put(s.total_score, None))
    f = only(found, "A018")
    assert f.cell == s.total_score and f.message.endswith("行的得分为空，无法确定自评总分和等级")


def test_A018_no_total_row(book):
    form = LAYOUTS["central"]().delete_row(20)
    f = only(findings(book, form), "A018")
    assert f.cell is None and f.sheet == "Sheet1"
    assert f.message == "表中没有总分（合计）行，无法确定自评总分和等级（绩效指标至第 19 行）"


def test_A018_placeholder_total(book):
    f = only(findings(book, LAYOUTS["sichuan"]().put("J21", "/")), "A018")
    assert f.message == "合计行的得分为空，无法确定自评总分和等级"


def test_A018_silent_for_layout_without_scores(book):
    # Hunan 衡山 style: 年度指标值 | 全年完成值, no 分值/得分 and no total row.
    form = LAYOUTS["central"]()
    for col in "GH":
        for row in range(12, 21):
            form.put(f"{col}{row}", None)
    form.put("I20", None).delete_row(20)
    assert mine(findings(book, form)) == []


# --- A019 double-counted-row ---------------------------------------------------------------------

# layout → (source row's 分值 cell, its 得分 cell)
A019_SOURCES = {
    "central": ("F7", "H7"),
    "sichuan": ("G10", "H10"),
    "anhui": ("E7", "G7"),
    "beijing_2016": ("E7", "G7"),
}


@pytest.mark.parametrize("layout", sorted(A019_SOURCES))
def test_A019_source_row_scored(book, layout):
    weight, score = A019_SOURCES[layout]
    found = findings(book, LAYOUTS[layout]().put(weight, 10).put(score, 10))
    f = only(found, "A019")
    assert f.cell == score and "填写了分值 10 / 得分 10" in f.message
    assert of(found, "A010") == []  # the total still counts execution once


def test_A019_source_row_message(book):
    f = only(findings(book, LAYOUTS["anhui"]().put("E7", 10).put("G7", 10)), "A019")
    assert (
        f.message
        == "资金来源行“其中：本年财政拨款”填写了分值 10 / 得分 10，执行得分只应在年度资金总额行计一次"
    )


def test_A019_source_row_with_weight_only(book):
    f = only(findings(book, LAYOUTS["central"]().put("F8", 10)), "A019")
    assert f.cell == "F8" and "上年结转资金" in f.message


def test_A019_parent_and_children(book):
    f = only(findings(book, central_with_parent()), "A019")
    assert f.cell == "H17"
    assert f.message == (
        "“一、老年人生活照料问题解决率”得分 15 与其下 2 个子项（10 + 5 = 15）同时计分，合计时会重复计算"
    )


def test_A019_pass_parent_as_heading(book):
    form = central_with_parent().put("G17", None).put("H17", None)
    found = findings(book, form)
    assert of(found, "A019") == [] and of(found, "A010") == [] and of(found, "A007") == []


def test_A019_pass_placeholders_in_sources(book):
    assert of(findings(book, LAYOUTS["sichuan"]()), "A019") == []  # "/" in 权重/得分


# --- published forms -----------------------------------------------------------------------------


def _check(path):
    from perfcli.engine import Settings, check_file

    result = check_file(str(path), path.name, Settings())
    assert result.internal_error is None
    return result.findings


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_suixi(realworld, numbers):
    found = _check(
        realworld("anhui-huaibei-suixi-minzheng-linshi-jiuzhu-2019-project", numbers=numbers)
    )
    # A018: the published excerpt ends in the 满意度 row, before the total (partial copy).
    assert mine(found) == [("A018", None), ("A019", "G6")]
    assert "其中:本年财政拨款" in only(found, "A019").message


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_longyang(realworld, numbers):
    found = _check(
        realworld("yunnan-baoshan-longyang-huafei-jianliang-2022-project", numbers=numbers)
    )
    # No 分值 column: no A007/A008; the excerpt ends before 总分 (A018).
    assert mine(found) == [("A018", None), ("A019", "G10"), ("A019", "G14")]
    parents = sorted(f.message for f in of(found, "A019"))
    assert "一、示范区建立" in parents[0] and "3 个子项" in parents[0]
    assert "二、化肥减量增效田间试验" in parents[1] and "4 个子项" in parents[1]


def test_realworld_qingshen(realworld):
    found = _check(realworld("sichuan-meishan-qingshen-fgj-gongzixing-2023-project"))
    assert mine(found) == [("A018", "J17")]  # 合计: weight 100 (= 10 + 60 + 30), score empty


def test_realworld_langfang(realworld):
    found = _check(realworld("hebei-langfang-shipin-xuexiao-nuantong-2019-project"))
    # 10 + 9 × 10 = 100 with the 指标2/…… placeholders left out; the excerpt stops before 总分.
    assert mine(found) == [("A018", None)]


def test_realworld_chengan(realworld):
    found = _check(realworld("hebei-handan-chengan-minzheng-bailaoren-gaoling-2020-project"))
    # The 预算执行率 row is cut off (no weight): 90 of indicator weights is not judged; the
    # excerpt ends before 总分.
    assert mine(found) == [("A018", None)]
