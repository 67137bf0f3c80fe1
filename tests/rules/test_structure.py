"""S001–S006: identity, blocks, template text, year, amount unit, goals — on every layout."""

from __future__ import annotations

import pytest
from layouts import LAYOUTS, FormGrid
from ruletools import check_grid, findings, of, only

ALL = sorted(LAYOUTS)
WITH_GOALS = [name for name in ALL if name != "split_20_80"]  # 20/80: the grid holds the goals


def blank(form: FormGrid, row: int, first_col: str, last_col: str) -> FormGrid:
    """Empty the cells of one Excel row from ``first_col`` to ``last_col``."""
    for code in range(ord(first_col), ord(last_col) + 1):
        form.put(f"{chr(code)}{row}", None)
    return form


# --- S001 missing-identity-field -----------------------------------------------------------------

PROJECT_NAME = {"central": "B3", "sichuan": "B3", "anhui": "B3", "split_20_80": "B3",
                "beijing_2016": "B3", "hebei": "C2"}  # fmt: skip
DEPARTMENT = {"central": "B4", "sichuan": "B4", "anhui": "B4", "split_20_80": "B4",
              "beijing_2016": "B4", "hebei": "G2"}  # fmt: skip
IMPLEMENTER = {"central": "F4", "sichuan": "G4", "split_20_80": "F4", "beijing_2016": "G4"}


@pytest.mark.parametrize("layout", ALL)
def test_S001_project_name_empty(book, layout):
    form = LAYOUTS[layout]()
    form.put(PROJECT_NAME[layout], None)
    finding = only(findings(book, form), "S001")
    assert finding.cell == PROJECT_NAME[layout]
    assert finding.severity == "error"
    assert "项目名称" in finding.message


@pytest.mark.parametrize("layout", ALL)
def test_S001_department_empty(book, layout):
    form = LAYOUTS[layout]()
    form.put(DEPARTMENT[layout], None)
    finding = only(findings(book, form), "S001")
    assert finding.cell == DEPARTMENT[layout]
    if layout == "hebei":  # one 实施(主管)单位 field for both: reported once, by its own label
        assert "实施(主管)单位" in finding.message
    else:
        assert "主管部门" in finding.message


@pytest.mark.parametrize("layout", sorted(IMPLEMENTER))
def test_S001_implementer_empty(book, layout):
    form = LAYOUTS[layout]()
    form.put(IMPLEMENTER[layout], None)
    if layout == "split_20_80":  # its header also names the unit (单位名称：…): remove that too
        form.put("A2", "填报日期：2023年3月20日")
    finding = only(findings(book, form), "S001")
    assert finding.cell == IMPLEMENTER[layout]
    assert "实施单位" in finding.message and "实施单位" in finding.hint


def test_S001_unit_named_in_the_header_counts(book):
    # 20/80: "单位名称：某区土壤肥料工作站" in the header names the implementing unit.
    form = LAYOUTS["split_20_80"]().put("F4", None)
    assert of(findings(book, form), "S001") == []


def test_S001_placeholder_counts_as_empty(book):
    form = LAYOUTS["central"]().put("B4", "—")
    assert only(findings(book, form), "S001").cell == "B4"


def test_S001_project_name_label_absent(book):
    form = LAYOUTS["central"]().put("A3", None).put("B3", None)
    finding = only(findings(book, form), "S001")
    assert finding.cell == "A1"  # the title: there is no label to point at
    assert "项目名称" in finding.message


@pytest.mark.parametrize("layout", ALL)
def test_S001_passes_when_filled(book, layout):
    assert of(findings(book, LAYOUTS[layout]()), "S001") == []


def test_S001_silent_for_a_field_the_layout_lacks(book):
    # Anhui (濉溪) has 主管部门 only: no 实施单位 label, nothing to report.
    form = LAYOUTS["anhui"]()
    assert "实施单位" not in str(form.rows)
    assert of(findings(book, form), "S001") == []


# --- S002 missing-block --------------------------------------------------------------------------

BLOCK_ROWS = {
    "central": {"funding": (5, 9), "goals": (10, 11), "grid": (12, 19)},
    "sichuan": {"funding": (8, 13), "goals": (5, 7), "grid": (14, 20)},
    "anhui": {"funding": (5, 8), "goals": (9, 10), "grid": (11, 17)},
    "split_20_80": {"funding": (5, 6), "grid": (7, 12)},
    "beijing_2016": {"funding": (5, 8), "goals": (9, 10), "grid": (11, 16)},
    "hebei": {"funding": (3, 6), "goals": (7, 8), "grid": (9, 15)},
}
BLOCK_WORDS = {"funding": "资金", "goals": "年度总体目标", "grid": "绩效指标"}
TITLE = {"central": "A1", "sichuan": "A2", "anhui": "A1", "split_20_80": "A1",
         "beijing_2016": "A1", "hebei": "A1"}  # fmt: skip


def without_rows(form: FormGrid, first: int, last: int) -> FormGrid:
    for row in range(last, first - 1, -1):
        form.delete_row(row)
    return form


@pytest.mark.parametrize(
    ("layout", "block"), [(layout, block) for layout in ALL for block in BLOCK_ROWS[layout]]
)
def test_S002_block_missing(book, layout, block):
    form = without_rows(LAYOUTS[layout](), *BLOCK_ROWS[layout][block])
    finding = only(findings(book, form), "S002")
    assert finding.cell == TITLE[layout]
    assert BLOCK_WORDS[block] in finding.message
    assert BLOCK_WORDS[block] in finding.hint


@pytest.mark.parametrize("layout", ALL)
def test_S002_passes_on_complete_layout(book, layout):
    assert of(findings(book, LAYOUTS[layout]()), "S002") == []


def test_S002_20_80_layout_needs_no_goals_block(book):
    # 隆阳's 20/80 layout has 年度绩效目标(80分) instead of a 年度总体目标 block.
    result = check_grid(book, LAYOUTS["split_20_80"]())
    assert of(result.findings, "S002") == []


def test_S002_no_total_is_left_to_A018(book):
    form = LAYOUTS["central"]().delete_row(20)
    assert of(findings(book, form), "S002") == []


# --- S003 template-text-left ---------------------------------------------------------------------

# A grid row to turn into an unfilled template row: (row, name column, last column).
TEMPLATE_ROWS = {"central": (18, "D", "I"), "sichuan": (19, "D", "K"), "anhui": (14, "D", "I"),
                 "split_20_80": (11, "D", "G"), "beijing_2016": (15, "D", "J"),
                 "hebei": (13, "D", "L")}  # fmt: skip


@pytest.mark.parametrize("layout", ALL)
def test_S003_placeholder_rows_reported_once(book, layout):
    row, name_col, last_col = TEMPLATE_ROWS[layout]
    form = LAYOUTS[layout]()
    blank(form, row, name_col, last_col).put(f"{name_col}{row}", "指标2")
    blank(form, row + 1, name_col, last_col).put(f"{name_col}{row + 1}", "……")
    finding = only(findings(book, form), "S003")
    assert finding.cell == f"{name_col}{row}"
    assert finding.severity == "warning"
    assert "2 行" in finding.message and "指标2" in finding.message


@pytest.mark.parametrize("name", ["指标1", "指标2：", "……", "**", "XX", "(≥**人)"])
def test_S003_whole_cell_placeholders(book, name):
    form = blank(LAYOUTS["central"](), 18, "D", "I").put("D18", name)
    finding = only(findings(book, form), "S003")
    assert finding.cell == "D18"
    assert name in finding.message


def test_S003_placeholder_prefix_with_a_real_name_is_filled(book):
    # 廊坊: "指标1工程资金金额" is a filled name that kept the template's numbering.
    form = LAYOUTS["central"]().put("D13", "指标1服务老年人数")
    assert of(findings(book, form), "S003") == []


def test_S003_placeholder_name_with_values_is_not_S003(book):
    # A vague or placeholder name on a filled row is Q007's business.
    form = LAYOUTS["central"]().put("D13", "指标1")
    assert of(findings(book, form), "S003") == []


INSTRUCTION = "对照年度目标，说明相关任务目标的完成情况（100字以内）"
ACTUAL_GOAL = {"central": "E11", "sichuan": "G6", "anhui": "F10", "beijing_2016": "F10",
               "hebei": "E8"}  # fmt: skip


@pytest.mark.parametrize("layout", sorted(ACTUAL_GOAL))
def test_S003_instruction_text_left_in_goal(book, layout):
    form = LAYOUTS[layout]().put(ACTUAL_GOAL[layout], INSTRUCTION)
    finding = only(findings(book, form), "S003")
    assert finding.cell == ACTUAL_GOAL[layout]
    assert "对照年度目标" in finding.message and "填写说明" in finding.message


def test_S003_instruction_text_in_conclusions(book):
    form = LAYOUTS["sichuan"]()
    form.put("B22", "结合自评情况，说明项目自评总分，说明项目实施取得的成效或成果。（200字以内）")
    form.put(
        "B24", "针对项目自评中发现的问题，提出下一步改进完善的意见及有关政策性建议。（200字以内）"
    )
    found = of(findings(book, form), "S003")
    assert sorted(f.cell for f in found) == ["B22", "B24"]
    assert any("“评价结论”" in f.message for f in found)
    assert any("“改进措施”" in f.message for f in found)


def test_S003_filled_cell_keeping_the_word_limit_passes(book):
    form = LAYOUTS["central"]().put(
        "E11", "全年为1260名老年人提供居家养老服务，服务合格率97%。（100字以内）"
    )
    assert of(findings(book, form), "S003") == []


def test_S003_printed_note_is_never_a_finding(book):
    form = LAYOUTS["central"]()
    form.put("A21", "注：对照年度目标，说明相关任务目标的完成情况（100字以内）")
    form.put("A22", "说明：1.预算执行率=全年执行数/全年预算数（100字以内）")
    assert of(findings(book, form), "S003") == []


@pytest.mark.parametrize("layout", ALL)
def test_S003_passes_on_clean_layout(book, layout):
    assert of(findings(book, LAYOUTS[layout]()), "S003") == []


# --- S004 year-missing ---------------------------------------------------------------------------

NO_YEAR = {"central": ("A2", "（  年度）"), "sichuan": ("A2", "部门预算项目支出绩效自评表（  年度）"),
           "anhui": ("A2", "（  年度）"), "split_20_80": ("A1", "项目支出绩效自评表"),
           "beijing_2016": ("A2", "（  年度）"), "hebei": ("A1", "某县民政局预算项目绩效自评表")}  # fmt: skip


@pytest.mark.parametrize("layout", ALL)
def test_S004_year_missing(book, layout):
    cell, text = NO_YEAR[layout]
    form = LAYOUTS[layout]().put(cell, text)
    finding = only(findings(book, form), "S004")
    assert finding.cell == TITLE[layout]
    assert finding.severity == "warning"
    assert "年度" in finding.message and "自评表" in finding.message  # quotes the title


@pytest.mark.parametrize("layout", ALL)
def test_S004_passes_with_year(book, layout):
    assert of(findings(book, LAYOUTS[layout]()), "S004") == []


def test_S004_year_beside_the_unit_label_in_the_heading_row(book):
    """“（2023年度）” and “金额单位：万元” share the heading row: the year is still the form's."""
    form = LAYOUTS["central"]()
    form.merges = [m for m in form.merges if not m.startswith("A2:")] + ["A2:F2", "G2:I2"]
    form.put("G2", "金额单位：万元")
    assert of(findings(book, form), "S004") == []
    # A date beside a label is not the form's year.
    form.put("A2", "填报日期：2024年3月1日")
    assert only(findings(book, form), "S004").cell == TITLE["central"]


# --- S005 unit-unclear ---------------------------------------------------------------------------

NO_UNIT = {"central": ("A5", "项目资金"), "sichuan": ("B8", "年度预算数"), "anhui": ("A5", "资金情况"),
           "split_20_80": ("A5", "预算执行情况（20分）"), "beijing_2016": ("A5", "项目资金"),
           "hebei": ("H2", None)}  # fmt: skip
FIRST_AMOUNT = {"central": "C6", "sichuan": "C9", "anhui": "C6", "split_20_80": "B6",
                "beijing_2016": "C6", "hebei": "C4"}  # fmt: skip
BUDGET = {"central": "D6", "sichuan": "D9", "anhui": "C6", "split_20_80": "B6",
          "beijing_2016": "C6", "hebei": "C4"}  # fmt: skip


@pytest.mark.parametrize("layout", ALL)
def test_S005_no_unit_declared(book, layout):
    cell, text = NO_UNIT[layout]
    form = LAYOUTS[layout]().put(cell, text)
    finding = only(findings(book, form), "S005")
    assert finding.cell == FIRST_AMOUNT[layout]
    assert "金额单位" in finding.message and FIRST_AMOUNT[layout] in finding.message


@pytest.mark.parametrize("layout", ALL)
def test_S005_yuan_figure_in_wan_table(book, layout):
    form = LAYOUTS[layout]()
    cell = BUDGET[layout]
    budget = form.get(cell)
    form.put(cell, budget * 10000)
    finding = only(findings(book, form), "S005")
    assert finding.cell == cell
    assert f"{budget * 10000:.2f}" in finding.message  # the odd figure
    assert "倍" in finding.message and "“元”" in finding.message


def test_S005_yuan_figure_text_with_separators(book):
    form = LAYOUTS["central"]().put("D6", "1,200,000.00")
    finding = only(findings(book, form), "S005")
    assert finding.cell == "D6"
    assert "1200000.00" in finding.message and "120.00" in finding.message


def test_S005_wan_figure_in_yuan_table(book):
    form = LAYOUTS["central"]().put("A5", "项目资金\n（元）")
    for cell in ("C6", "D6", "E6", "C7", "D7", "E7", "C8", "D8", "E8"):
        form.put(cell, form.get(cell) * 10000)
    form.put("E6", 114)  # 114 万元 written in a 元 table
    finding = only(findings(book, form), "S005")
    assert finding.cell == "E6"
    assert "114.00" in finding.message and "1/" in finding.message


def test_S005_whole_total_row_in_yuan_against_its_sources(book):
    form = LAYOUTS["central"]()
    for cell in ("C6", "D6", "E6"):
        form.put(cell, form.get(cell) * 10000)
    found = of(findings(book, form), "S005")
    assert sorted(f.cell for f in found) == ["C6", "D6", "E6"]
    assert all("各资金来源之和" in f.message for f in found)


def test_S005_tiny_execution_confirmed_by_its_rate_passes(book):
    # 0.3 of 3000 万元 spent, and the printed rate says so: a real execution, not a unit slip.
    form = LAYOUTS["central"]()
    form.put("C6", 3000).put("D6", 3000).put("E6", 0.3).put("G6", "0.01%").put("H6", 0)
    assert of(findings(book, form), "S005") == []


def test_S005_small_source_beside_large_total_passes(book):
    form = LAYOUTS["central"]()
    for cell in ("C6", "D6", "C7", "D7"):
        form.put(cell, form.get(cell) * 100)  # 12000 total, 11000 财政拨款
    form.put("C9", 0.8).put("D9", 0.8).put("E9", 0.5)  # 其他资金 0.8 万元: 1/15000 of the total
    assert of(findings(book, form), "S005") == []


@pytest.mark.parametrize("layout", ALL)
def test_S005_passes_on_clean_layout(book, layout):
    assert of(findings(book, LAYOUTS[layout]()), "S005") == []


def test_S005_goal_text_and_indicator_values_are_not_amounts(book):
    form = LAYOUTS["central"]().put("A5", "项目资金")
    form.put("E11", "全年发放补助资金1140000元。").put("E16", "≤8000000元").put("F16", "7800000元")
    finding = only(findings(book, form), "S005")
    assert "金额单位" in finding.message  # only the missing unit, no ≈10⁴ finding


# --- S006 goal-missing ---------------------------------------------------------------------------

EXPECTED_GOAL = {"central": "B11", "sichuan": "C6", "anhui": "B10", "beijing_2016": "B10",
                 "hebei": "B8"}  # fmt: skip


@pytest.mark.parametrize("layout", WITH_GOALS)
def test_S006_expected_goal_empty(book, layout):
    form = LAYOUTS[layout]().put(EXPECTED_GOAL[layout], None)
    finding = only(findings(book, form), "S006")
    assert finding.cell == EXPECTED_GOAL[layout]
    assert finding.severity == "error"
    assert "目标" in finding.message


@pytest.mark.parametrize("dash", ["—", "/"])
def test_S006_dash_is_no_goal(book, dash):
    form = LAYOUTS["central"]().put("B11", dash).put("E11", dash)
    finding = only(findings(book, form), "S006")
    assert (finding.cell, finding.severity) == ("B11", "error")


@pytest.mark.parametrize("layout", WITH_GOALS)
def test_S006_actual_repeats_goal_verbatim(book, layout):
    form = LAYOUTS[layout]()
    goal = form.get(EXPECTED_GOAL[layout])
    form.put(ACTUAL_GOAL[layout], goal)
    finding = only(findings(book, form), "S006")
    assert finding.cell == ACTUAL_GOAL[layout]
    assert finding.severity == "warning"
    assert goal[:20] in finding.message and "一字不差" in finding.message


@pytest.mark.parametrize("layout", WITH_GOALS)
def test_S006_goal_is_only_an_amount(book, layout):
    form = LAYOUTS[layout]().put(EXPECTED_GOAL[layout], "43.2").put(ACTUAL_GOAL[layout], "37.24")
    finding = only(findings(book, form), "S006")
    assert finding.cell == EXPECTED_GOAL[layout]
    assert finding.severity == "warning"
    assert "43.2" in finding.message and "37.24" in finding.message


def test_S006_goal_as_a_number_cell(book):
    form = LAYOUTS["central"]().put("B11", 120).put("E11", 114)
    finding = only(findings(book, form), "S006")
    assert (finding.cell, finding.severity) == ("B11", "warning")
    assert "120" in finding.message and "114" in finding.message


def test_S006_goal_left_as_instruction_is_S003_not_S006(book):
    form = LAYOUTS["central"]().put("B11", "对照年度目标，填写预期目标（100字以内）")
    found = findings(book, form)
    assert of(found, "S006") == []
    assert only(found, "S003").cell == "B11"


@pytest.mark.parametrize("layout", ALL)
def test_S006_passes_on_clean_layout(book, layout):
    assert of(findings(book, LAYOUTS[layout]()), "S006") == []


def test_S006_silent_without_goals_block(book):
    form = without_rows(LAYOUTS["central"](), 10, 11)
    found = findings(book, form)
    assert of(found, "S006") == []
    assert only(found, "S002")  # the missing block is reported once, as S002


# --- real published forms ------------------------------------------------------------------------


def real_findings(realworld, name, **kw):
    from perfcli.engine import Settings, check_file

    path = realworld(name, **kw)
    result = check_file(str(path), path.name, Settings())
    assert result.internal_error is None
    return result.findings


def test_S_langfang_placeholders_once_and_amount_goal(realworld):
    found = real_findings(realworld, "hebei-langfang")
    s003 = only(found, "S003")
    assert s003.cell == "C15" and "17 行" in s003.message and "指标2" in s003.message
    s006 = only(found, "S006")
    assert (s006.cell, s006.severity) == ("B12", "warning")
    assert "43.2" in s006.message and "37.24" in s006.message
    assert [f.code for f in found if f.code in ("S001", "S002", "S004", "S005")] == []


def test_S_qingshen_instruction_texts(realworld):
    found = real_findings(realworld, "sichuan-meishan")
    s003 = of(found, "S003")
    # 年度目标完成情况, 评价结论, 存在问题, 改进措施 — but not the 原因 cell's printed rule (I9).
    assert sorted(f.cell for f in s003) == ["B18", "B19", "B20", "D6"]
    assert any("“年度目标完成情况”" in f.message for f in s003)
    assert [f.code for f in found if f.code in ("S001", "S002", "S004", "S005", "S006")] == []


def test_S_chengan_identical_goal_texts(realworld):
    found = real_findings(realworld, "hebei-handan")
    s006 = only(found, "S006")
    assert (s006.cell, s006.severity) == ("C8", "warning")
    assert "为我县百岁高龄老年人发放补贴" in s006.message
    assert [f.code for f in found if f.code in ("S001", "S002", "S003", "S004", "S005")] == []


def test_S_suixi_no_implementer_field_and_filled_names(realworld):
    # 濉溪 has 主管部门 only; its names keep '(≥**人)' inside real text: filled, not S003.
    found = real_findings(realworld, "anhui-huaibei")
    assert [f.code for f in found if f.code.startswith("S")] == []


def test_S_longyang_20_80_layout(realworld):
    found = real_findings(realworld, "yunnan-baoshan")
    assert [f.code for f in found if f.code.startswith("S")] == []
