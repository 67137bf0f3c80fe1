"""Q001–Q014 on every project target layout (``layouts_target.py``) and on the real target tables.

Each layout test changes one cell of a clean builder; the real forms are checked for exactly the
Q findings their ``defects_seen`` implies (and what the transcribed copy makes of them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from layouts import FormGrid
from layouts_monitor import yitihua_monitor_export
from layouts_target import TARGET_LAYOUTS
from ruletools import findings, of, only

from perfcli.engine import Settings, check_file
from perfcli.findings import Finding
from perfcli.profile import NATIONAL

Q_CODES = {f"Q{n:03d}" for n in range(1, 15)}


@dataclass(frozen=True)
class Cells:
    """Where things are in one clean target layout (annual grid; Excel rows, column letters)."""

    row: int  # the first annual indicator row (产出 / 数量指标)
    pct_row: int  # a row whose target is a percentage (a 质量 rate)
    satisfaction_row: int
    timeliness_row: int
    cost_row: int
    header: str  # the annual grid's 一级指标 header cell (where Q001 points)
    l1: str = "B"
    l2: str = "C"
    name: str = "D"
    target: str = "E"
    nature: str = ""
    unit: str = ""
    cost_is_level1: bool = True  # 成本指标 as 一级 (else a 二级 under 产出)

    def at(self, column: str, row: int | None = None) -> str:
        return f"{column}{row or self.row}"


TARGETS = {
    "national_88": Cells(20, 21, 26, 22, 23, "B19", cost_is_level1=False),
    "wuhan_side_by_side": Cells(13, 14, 19, 16, 15, "A12", l1="A", l2="E", name="F", target="G",
                                cost_is_level1=False),
    "split_columns": Cells(11, 12, 17, 13, 14, "B10", target="F", nature="E", unit="G"),
    # An export's projects share the header (E3): Q001 points at the project's own first row.
    "yitihua_export": Cells(5, 6, 10, 7, 8, "E5", l1="E", l2="F", name="G", target="I", nature="H",
                            unit="J"),
    "ezhou_cost": Cells(12, 14, 19, 15, 16, "B11", target="F"),
    "fengjie_scored": Cells(13, 14, 18, 15, 12, "B11"),
    "handan_graded": Cells(10, 11, 15, 12, 13, "A8", l1="A", l2="B", name="C"),
}  # fmt: skip
ALL = sorted(TARGETS)
WITH_TARGET = [n for n in ALL if n != "handan_graded"]  # handan's 优 column stands for the target


def layout(name: str) -> tuple[FormGrid, Cells]:
    return TARGET_LAYOUTS[name](), TARGETS[name]


def q_findings(book, form: FormGrid, **kw) -> list[Finding]:
    return [f for f in findings(book, form, **kw) if f.code in Q_CODES]


@pytest.mark.parametrize("name", ALL)
def test_clean_target_layouts_have_no_q_finding(book, name):
    form, _ = layout(name)
    assert [(f.code, f.cell, f.message) for f in q_findings(book, form)] == []


# --- Q001 missing-indicator-category --------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_Q001_no_satisfaction_indicator(book, name):
    form, cells = layout(name)
    row = cells.satisfaction_row
    form.put(cells.at(cells.l1, row), "效益指标").put(cells.at(cells.l2, row), "社会效益指标")
    f = only(q_findings(book, form), "Q001")
    assert (
        f.cell == cells.header and "“满意度指标”" in f.message and f.form_kind == "target_project"
    )


def _drop_cost(form: FormGrid, cells: Cells) -> FormGrid:
    """Relabel the 成本 row as a 产出/数量 row: the table then has no 成本 indicator at all."""
    if cells.cost_is_level1:
        form.put(cells.at(cells.l1, cells.cost_row), "产出指标")
    return form.put(cells.at(cells.l2, cells.cost_row), "数量指标")


@pytest.mark.parametrize("name", ALL)
def test_Q001_no_cost_indicator_in_2023(book, name):
    form, cells = layout(name)
    f = only(q_findings(book, _drop_cost(form, cells)), "Q001")
    assert f.cell == cells.header and f.severity == "error"
    assert "2023年度的项目绩效目标应设置成本指标" in f.message and "2022年起" in f.message


def test_Q001_cost_as_level2_under_output_is_enough(book):
    form = TARGET_LAYOUTS["split_columns"]()
    form.put("B14", None).put("C14", "成本指标")  # 成本指标 under 产出 (carried down from B11)
    assert q_findings(book, form) == []


def test_Q001_cost_not_required_before_the_profile_year(book):
    form, cells = layout("national_88")
    form.put("A2", "（2021年度）")
    assert of(findings(book, _drop_cost(form, cells)), "Q001") == []
    form, cells = layout("split_columns")
    later = replace(NATIONAL, cost_category_from_year=2024)
    assert of(findings(book, _drop_cost(form, cells), profile=later), "Q001") == []


def test_Q001_each_project_of_an_export(book):
    """一体化: each project is its own form; a later project points at its own first 一级 cell."""
    form, _ = layout("yitihua_export")
    form.put("E14", "产出指标").put("F14", "数量指标")  # project 2's 成本 row
    f = only(q_findings(book, form), "Q001")
    assert f.cell == "E11" and f.project == "基层组织活动经费"


@pytest.mark.parametrize("cause_group", [False, True])
def test_Q001_each_project_of_a_monitoring_export(book, cause_group):
    """The monitoring export's projects share its header too: project 1 and project 3 (no 满意度
    row left) are each pointed at their own first 一级 cell, not at the header."""
    form = yitihua_monitor_export(cause_group=cause_group)
    shift = 1 if cause_group else 0  # a second header row pushes every project down one row
    for row in (9 + shift, 19 + shift):  # the 满意度 row of project 1 and of project 3
        form.put(f"J{row}", "效益指标").put(f"K{row}", "社会效益指标")
    found = of(findings(book, form), "Q001")
    assert sorted((f.cell, f.project) for f in found) == [
        (f"J{15 + shift}", "殡葬设施改造"),
        (f"J{5 + shift}", "社区居家养老服务补助"),
    ]


# --- Q002 missing-output-subcategory --------------------------------------------------------------

OUTPUT_L1 = {"national_88": "B20", "wuhan_side_by_side": "A13", "split_columns": "B11",
             "yitihua_export": "E5", "ezhou_cost": "B12", "fengjie_scored": "B13",
             "handan_graded": "A10"}  # fmt: skip


@pytest.mark.parametrize("name", ALL)
def test_Q002_no_timeliness_indicator(book, name):
    form, cells = layout(name)
    form.put(cells.at(cells.l2, cells.timeliness_row), "质量指标")
    f = only(q_findings(book, form), "Q002")
    assert f.cell == OUTPUT_L1[name] and "没有时效指标" in f.message


# --- Q003 / Q004 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", WITH_TARGET)
def test_Q003_target_empty(book, name):
    form, cells = layout(name)
    form.put(cells.at(cells.target), None)
    f = only(q_findings(book, form), "Q003")
    assert f.cell == cells.at(cells.target) and str(form.get(cells.at(cells.name))) in f.message


def test_Q003_note_beside_an_empty_target_is_quoted(book):
    form = TARGET_LAYOUTS["ezhou_cost"]().put("F16", None).put("E16", "不超预算")
    f = only(q_findings(book, form), "Q003")
    assert f.cell == "F16" and "“不超预算”" in f.message and "年度运行保障成本" in f.message


def test_Q003_unfilled_side_by_side_half_once(book):
    """武汉青山: 长期 二级 printed on every row, 三级 and 指标值 blank — one finding, not seven."""
    form = TARGET_LAYOUTS["wuhan_side_by_side"]()
    for row in range(13, 20):
        form.put(f"C{row}", None).put(f"D{row}", None)
    found = q_findings(book, form)
    f = only(found, "Q003")
    assert f.cell == "D13" and "中期（长期）绩效指标" in f.message and "7 行" in f.message
    assert of(found, "Q007") == []


@pytest.mark.parametrize("name", WITH_TARGET)
@pytest.mark.parametrize(
    "value", ["稳步提高", "参照政府采购成本控制", "巩固提高", "持续改善", "不超预算"]
)
def test_Q004_vague_targets(book, name, value):
    form, cells = layout(name)
    form.put(cells.at(cells.target), value)
    found = q_findings(book, form)
    f = only(found, "Q004")
    assert f.cell == cells.at(cells.target) and value in f.message


@pytest.mark.parametrize(
    "value",
    ["≥95%", "95%以上", "不少于3次", "≤65万元", "2023年12月", "年底前", "100%(历史标准)",
     "90%(计划标准)", "2023年12月(计划标准)", "优良中低差", "优/良/中/差", "达成年度指标", "是"],
)  # fmt: skip
def test_Q004_measurable_targets_pass(book, value):
    form = TARGET_LAYOUTS["national_88"]().put("E21", value)
    assert of(findings(book, form), "Q004") == []


# --- Q005 / Q006 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in WITH_TARGET if not TARGETS[n].unit])
def test_Q005_bare_number(book, name):
    form, cells = layout(name)
    form.put(cells.at(cells.target), "≥2")
    f = only(q_findings(book, form), "Q005")
    assert f.cell == cells.at(cells.target) and "“≥2”" in f.message


@pytest.mark.parametrize("name", ["split_columns", "yitihua_export"])
def test_Q005_unit_column_empty(book, name):
    form, cells = layout(name)
    form.put(cells.at(cells.unit), None)
    f = only(q_findings(book, form), "Q005")
    assert f.cell == cells.at(cells.unit) and "度量单位" in f.message


def test_Q005_graded_cell(book):
    form = TARGET_LAYOUTS["handan_graded"]().put("E10", "1200").put("F10", "1150")
    f = only(q_findings(book, form), "Q005")
    assert f.cell == "E10"  # the 优 threshold stands for the target


@pytest.mark.parametrize("name", [n for n in WITH_TARGET if not TARGETS[n].nature])
def test_Q006_no_operator(book, name):
    form, cells = layout(name)
    form.put(cells.at(cells.target, cells.pct_row), "95%")
    f = only(q_findings(book, form), "Q006")
    assert f.cell == cells.at(cells.target, cells.pct_row) and f.severity == "info"


@pytest.mark.parametrize("name", ["split_columns", "yitihua_export"])
def test_Q006_split_nature_and_direction_empty(book, name):
    form, cells = layout(name)
    direction = "I" if name == "split_columns" else "L"
    form.put(cells.at(cells.nature), None).put(cells.at(direction), None)
    f = only(q_findings(book, form), "Q006")
    assert f.cell == cells.at(cells.nature)


def test_Q006_direction_alone_is_an_operator(book):
    form = TARGET_LAYOUTS["split_columns"]().put("E11", None)  # 指标方向性 正向指标 remains
    assert q_findings(book, form) == []


# --- Q007 / Q009 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize(("value", "text"), [("社会效益", "类别名称"), ("88", "是一个数字")])
def test_Q007_vague_name(book, name, value, text):
    form, cells = layout(name)
    form.put(cells.at(cells.name), value)
    f = only(q_findings(book, form), "Q007")
    assert f.cell == cells.at(cells.name) and text in f.message


@pytest.mark.parametrize("name", ALL)
def test_Q009_duplicate(book, name):
    form, cells = layout(name)
    form.put(cells.at(cells.name, cells.pct_row), form.get(cells.at(cells.name)))
    f = only(q_findings(book, form), "Q009")
    assert f.cell == cells.at(cells.name, cells.pct_row) and cells.at(cells.name) in f.message


def test_Q009_midterm_and_annual_are_separate_grids(book):
    form = TARGET_LAYOUTS["national_88"]().put("D20", "三年累计服务老年人次")  # = D12 (中期)
    assert of(findings(book, form), "Q009") == []


def test_Q009_projects_of_an_export_are_separate(book):
    form = TARGET_LAYOUTS["yitihua_export"]().put("G11", "发放报酬村组干部人数")  # = G5, project 1
    assert of(findings(book, form), "Q009") == []


# --- Q008 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_Q008_rate_above_100(book, name):
    form, cells = layout(name)
    cell = cells.at(cells.target, cells.pct_row)
    if name == "handan_graded":
        form.put("F11", "≥99%").put("G11", "≥98%")  # keep the scale ordered under 优 = 120%
    form.put(cell, 120 if cells.nature else "≥120%")
    f = only(q_findings(book, form), "Q008")
    assert f.cell == cell and "超过 100%" in f.message


@pytest.mark.parametrize("name", ["split_columns", "yitihua_export"])
def test_Q008_split_ge100(book, name):
    form, cells = layout(name)
    form.put(cells.at(cells.nature, cells.pct_row), "≥").put(
        cells.at(cells.target, cells.pct_row), 100
    )
    f = only(q_findings(book, form), "Q008")
    assert "“≥100%”" in f.message and "=100%" in f.message


# --- Q010 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "cell", "value"), [("split_columns", "I11", "反向指标"),
                                                     ("split_columns", "I14", "正向指标"),
                                                     ("yitihua_export", "L5", "反向指标"),
                                                     ("yitihua_export", "L7", "正向指标")])  # fmt: skip
def test_Q010_direction_against_nature(book, name, cell, value):
    form = TARGET_LAYOUTS[name]().put(cell, value)
    f = only(q_findings(book, form), "Q010")
    assert f.cell == cell and value in f.message and f.severity == "error"


def test_Q010_equals_fits_both_directions(book):
    form = TARGET_LAYOUTS["yitihua_export"]().put("L6", "反向指标")  # = 100 %
    assert q_findings(book, form) == []


# --- Q011 / Q012 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_Q011_unknown_level1(book, name):
    form, cells = layout(name)
    form.put(cells.at(cells.l1), "项目决策")
    f = only(q_findings(book, form), "Q011")
    assert f.cell == cells.at(cells.l1) and "“项目决策”" in f.message


def test_Q011_score_bands_in_labels_pass(book):
    form = TARGET_LAYOUTS["fengjie_scored"]().put("B16", "效益指标（20-30分）")
    assert q_findings(book, form) == []


@pytest.mark.parametrize("name", ALL)
def test_Q012_process_measure(book, name):
    form, cells = layout(name)
    form.put(cells.at(cells.name), "资金到位率")
    f = only(q_findings(book, form), "Q012")
    assert f.cell == cells.at(cells.name) and f.severity == "info"


# --- Q013 indicator-weights-total -----------------------------------------------------------------


def test_Q013_weights_short_of_100(book):
    form = TARGET_LAYOUTS["split_columns"]().put("H11", 10)
    f = only(q_findings(book, form), "Q013")
    assert f.cell == "H11" and f.expected == "100" and f.actual == "90"
    assert "应为 100 分" in f.message and "-10" in f.message


def test_Q013_each_export_project(book):
    form = TARGET_LAYOUTS["yitihua_export"]().put("K13", 30)  # project 2: 时效 10 → 30, total 120
    f = only(q_findings(book, form), "Q013")
    assert f.cell == "K11" and f.project == "基层组织活动经费" and f.actual == "120"


def test_Q013_label_total(book):
    form = TARGET_LAYOUTS["fengjie_scored"]().put("F13", 25)  # 年度绩效目标(90分): 95
    f = only(q_findings(book, form), "Q013")
    assert f.cell == "A11" and f.expected == "90" and "年度绩效目标" in f.message


def test_Q013_execution_block_without_label(book):
    form = TARGET_LAYOUTS["fengjie_scored"]().put("A11", "年度绩效目标").put("F13", 30)
    f = only(q_findings(book, form), "Q013")
    assert f.cell == "F12" and f.expected == "90" and "预算执行 10 分" in f.message
    form.put("F13", 20)
    assert q_findings(book, form) == []


def test_Q013_profile_total(book):
    form = TARGET_LAYOUTS["split_columns"]().put("H11", 10)
    ninety = replace(NATIONAL, indicator_weight_total=90)
    assert of(findings(book, form, profile=ninety), "Q013") == []


def test_Q013_no_weight_column_no_check(book):
    form = TARGET_LAYOUTS["national_88"]()
    assert of(findings(book, form), "Q013") == []


# --- Q014 grading-scale-not-monotonic -------------------------------------------------------------


def test_Q014_tie(book):
    form = TARGET_LAYOUTS["handan_graded"]()
    form.put("E11", "100%").put("F11", "90%").put("G11", "85%").put("H11", "85%")  # 邯郸 2019
    f = only(q_findings(book, form), "Q014")
    assert (
        f.cell == "H11"
        and "“中”与“差”相同" in f.message
        and "优 100%、良 90%、中 85%、差 85%" in f.message
    )


def test_Q014_out_of_order(book):
    form = TARGET_LAYOUTS["handan_graded"]().put("F12", "≤25天")  # 优 ≤30天 but 良 ≤25天
    f = only(q_findings(book, form), "Q014")
    assert f.cell == "F12" and "次序颠倒" in f.message and "“良”≤25天" in f.message
    assert "逐级递增" in f.message


def test_Q014_complement_boundary_is_not_a_tie(book):
    form = (
        TARGET_LAYOUTS["handan_graded"]().put("G14", "≥90%").put("H14", "<90%").put("F14", "≥95%")
    )
    form.put("E14", "≥98%")
    assert q_findings(book, form) == []


# --- the real target tables -----------------------------------------------------------------------


def real(realworld, name: str, numbers: bool) -> list[Finding]:
    path = realworld(name, numbers=numbers)
    result = check_file(str(path), path.name, Settings())
    assert result.internal_error is None
    return [f for f in result.findings if f.code in Q_CODES]


def cells_of(found: list[Finding], code: str) -> list[str]:
    return sorted((f.cell or "") for f in found if f.code == code)


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_wuhan_qingshan(realworld, numbers):
    found = real(realworld, "hubei-wuhan-qingshan-edu-2020-target", numbers)
    # '2' has neither unit nor operator; three vague values; 100% without an operator (info)
    assert cells_of(found, "Q005") == ["G13"]
    assert cells_of(found, "Q006") == ["G13", "G14", "G16"]
    assert cells_of(found, "Q004") == ["G15", "G17", "G18"]
    assert {f.message.split("指标值")[1] for f in of(found, "Q004")} == {
        "“参照政府采购成本控制”是模糊表述（“参照”），无法衡量",
        "“巩固提高”是模糊表述，没有可衡量的数值或等级",
        "“持续改善”是模糊表述，没有可衡量的数值或等级",
    }
    # the 长期 half: 二级 printed, 三级 and 指标值 blank on all 7 rows — once
    assert cells_of(found, "Q003") == ["D13"] and "7 行" in of(found, "Q003")[0].message
    assert {f.code for f in found} == {"Q003", "Q004", "Q005", "Q006"}


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_ezhou(realworld, numbers):
    found = real(realworld, "hubei-ezhou-jiguan-2022-target", numbers)
    assert cells_of(found, "Q008") == ["E14"] and "“292%”" in of(found, "Q008")[0].message
    # 95%, 292% and the two counts (2280次, 200次) carry no operator
    assert cells_of(found, "Q006") == ["E11", "E12", "E14", "E15"]
    # 成本控制率: 当年预期实现值 empty; the copy has '不超预算' in the 绩效标准 column beside it
    q003 = only(found, "Q003")
    assert q003.cell == "E16" and "“不超预算”" in q003.message
    # 二级 names sit in the 一级 column (数量指标, 质量指标), so no 一级 is filled
    assert cells_of(found, "Q011") == ["B11", "B13"]
    assert "一级指标栏填写的是二级指标“数量指标”" in of(found, "Q011")[0].message
    assert cells_of(found, "Q002") == ["B11"]  # 数量 and 质量 only
    # the copy ends inside the 成本 row: no 效益 and no 满意度 rows were transcribed
    assert sorted(f.message.split("“")[1].split("”")[0] for f in of(found, "Q001")) == [
        "效益指标",
        "满意度指标",
    ]
    assert {f.code for f in found} == {"Q001", "Q002", "Q003", "Q006", "Q008", "Q011"}


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_ningxiang_batang(realworld, numbers):
    found = real(realworld, "hunan-changsha-ningxiang-batang-2021-target", numbers)
    long_term = [18, 19, 20, 21, 23, 24, 25, 26, 27]
    annual = [29, 30, 31, 32, 34, 35, 36, 37]
    rows = long_term + annual
    # 指标内容 holds bare numbers (88/68/20): no indicator is named
    assert cells_of(found, "Q007") == sorted(f"D{r}" for r in rows)
    assert all("是一个数字" in f.message for f in of(found, "Q007"))
    # every 指标值 is a bare '100': no unit (and no operator)
    assert cells_of(found, "Q005") == sorted(f"E{r}" for r in rows)
    assert cells_of(found, "Q006") == sorted(f"E{r}" for r in rows)
    # the copy ends inside the annual 满意度 row (dropped): the annual grid has no 满意度
    assert cells_of(found, "Q001") == ["B28"] and "满意度指标" in of(found, "Q001")[0].message
    # no 成本 requirement in 2021; the '…' template rows are S003's, not unknown categories
    assert {f.code for f in found} == {"Q001", "Q005", "Q006", "Q007"}


@pytest.mark.parametrize("numbers", [False, True])
def test_realworld_jingyan_matazhen(realworld, numbers):
    found = real(realworld, "sichuan-leshan-jingyan-matazhen-2023-target", numbers)
    first = [f for f in found if f.project == "村组干部报酬"]
    # project 1: weights 10+20+10+10+10+10+10+10 = 90, and no 成本 indicator in a 2023 table
    q013 = only(first, "Q013")
    assert q013.cell == "K5" and q013.actual == "90" and q013.expected == "100"
    q001 = only(first, "Q001")
    # E5, the project's own first row (like project 2's E13), not E3: the header all the
    # export's projects share would not say which project lacks the 成本 indicator
    assert q001.cell == "E5" and "成本指标" in q001.message and "2023" in q001.message
    assert {f.code for f in first} == {"Q001", "Q013"}
    # project 2 is a partial copy (the transcription stops after 4 of its rows): what the tool
    # says about its weights (50) and its 产出 (质量 only) describes the copy, not the real table
    second = [f for f in found if f.project == "基层组织活动经费"]
    assert {f.code for f in second} == {"Q001", "Q002", "Q013"}
    assert only(second, "Q001").cell == "E13"
    assert {f.project for f in found} == {"村组干部报酬", "基层组织活动经费"}
