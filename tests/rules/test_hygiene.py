"""W001–W005: formulas without values, error values, numbers as text, hidden forms."""

from __future__ import annotations

import pytest
from gridbook import Formula
from layouts import LAYOUTS, FormGrid
from ruletools import findings, of, only

from perfcli.engine import Settings, check_file
from perfcli.findings import Finding

ALL = sorted(LAYOUTS)

RATE = {"central": "G6", "sichuan": "F9", "anhui": "F6", "split_20_80": "D6",
        "beijing_2016": "F6", "hebei": "H4"}  # fmt: skip
FIRST_AMOUNT = {"central": "C6", "sichuan": "C9", "anhui": "C6", "split_20_80": "B6",
                "beijing_2016": "C6", "hebei": "C4"}  # fmt: skip
EXECUTED = {"central": "E6", "sichuan": "E9", "anhui": "D6", "split_20_80": "C6",
            "beijing_2016": "D6"}  # fmt: skip  # Hebei's pairs hold no text value: see below
FIRST_SCORE = {"central": "H13", "sichuan": "J15", "anhui": "H12", "split_20_80": "G8",
               "beijing_2016": "I12", "hebei": "L11"}  # fmt: skip
FIRST_NAME = {"central": "D13", "sichuan": "D15", "anhui": "D12", "split_20_80": "D8",
              "beijing_2016": "D12", "hebei": "D11"}  # fmt: skip


def check_sheets(book, sheets, name: str = "form.xlsx", **kw) -> list[Finding]:
    path = book(sheets, name=name, **kw)
    result = check_file(str(path), name, Settings())
    assert result.internal_error is None, result.internal_error
    return result.findings


# --- W001 formula-without-cached-value -----------------------------------------------------------


@pytest.mark.parametrize("layout", ALL)
def test_W001_formula_without_value(book, layout):
    form = LAYOUTS[layout]().put(RATE[layout], Formula("=E6/D6"))
    finding = only(findings(book, form), "W001")
    assert finding.cell == RATE[layout]
    assert finding.severity == "warning"
    assert "1 个单元格" in finding.message and RATE[layout] in finding.message


def test_W001_reported_once_per_form_with_the_first_addresses(book):
    form = LAYOUTS["central"]()
    for cell in ("G6", "H6", "H13", "H14", "H15", "H16", "H20"):
        form.put(cell, Formula(f"={cell}"))
    finding = only(findings(book, form), "W001")
    assert finding.cell == "G6"
    assert "7 个单元格" in finding.message
    assert "G6、H6、H13、H14、H15…" in finding.message
    assert "H16" not in finding.message


@pytest.mark.parametrize("layout", ALL)
def test_W001_formula_with_cached_value_passes(book, layout):
    form = LAYOUTS[layout]()
    rate = form.get(RATE[layout])
    form.put(RATE[layout], Formula("=E6/D6", rate))
    assert of(findings(book, form), "W001") == []


def test_W001_formula_outside_the_form_is_not_counted(book):
    form = LAYOUTS["central"]()
    sheets = {**form.sheets(), "计算": [["合计", Formula("=SUM(A1:A9)")]]}
    found = check_sheets(book, sheets, merges=form.merge_map())
    assert of(found, "W001") == []


# --- W002 error-value ----------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ALL)
def test_W002_error_value_shown(book, layout):
    form = LAYOUTS[layout]().put(FIRST_SCORE[layout], "#REF!")
    found = findings(book, form)
    finding = only(found, "W002")
    assert finding.cell == FIRST_SCORE[layout]
    assert finding.severity == "error"
    assert "#REF!" in finding.message
    assert of(found, "W004") == []  # the error value is W002's, not also "unparseable"


def test_W002_cached_formula_error(book):
    form = LAYOUTS["central"]().put("G6", Formula("=E6/D6", "#DIV/0!"))
    finding = only(findings(book, form), "W002")
    assert finding.cell == "G6"
    assert "错误值" in finding.message


def test_W002_one_finding_per_cell(book):
    form = LAYOUTS["central"]().put("G6", "#DIV/0!").put("H6", "#VALUE!").put("H20", "#N/A")
    found = of(findings(book, form), "W002")
    assert sorted((f.cell, f.message) for f in found) == [
        ("G6", "单元格显示错误值 #DIV/0!"),
        ("H20", "单元格显示错误值 #N/A"),
        ("H6", "单元格显示错误值 #VALUE!"),
    ]


@pytest.mark.parametrize("layout", ALL)
def test_W002_passes_on_clean_layout(book, layout):
    assert of(findings(book, LAYOUTS[layout]()), "W002") == []


# --- W003 number-stored-as-text ------------------------------------------------------------------


@pytest.mark.parametrize("layout", ALL)
def test_W003_amount_stored_as_text(book, layout):
    form = LAYOUTS[layout]()
    cell = FIRST_AMOUNT[layout]
    text = str(form.get(cell))
    form.put(cell, text).put(FIRST_SCORE[layout], str(form.get(FIRST_SCORE[layout])))
    finding = only(findings(book, form), "W003")
    assert finding.cell == cell
    assert finding.severity == "info"
    assert "2 个数字" in finding.message and f"“{text}”" in finding.message


@pytest.mark.parametrize("text", ["１２０", "120万元", " 120 ", "120.00"])
def test_W003_text_notations(book, text):
    form = LAYOUTS["central"]().put("C6", text)
    finding = only(findings(book, form), "W003")
    assert finding.cell == "C6" and "1 个数字" in finding.message


def test_W003_total_weight_as_text(book):
    form = LAYOUTS["sichuan"]().put("I21", "100")
    finding = only(findings(book, form), "W003")
    assert finding.cell == "I21"


@pytest.mark.parametrize("layout", ALL)
def test_W003_passes_on_clean_layout(book, layout):
    # Clean layouts store real numbers; their rates typed as text ("95.00%") are not counted.
    assert of(findings(book, LAYOUTS[layout]()), "W003") == []


def test_W003_indicator_values_are_not_numeric_fields(book):
    form = LAYOUTS["sichuan"]().put("F15", "320").put("H15", "326")  # 指标值 / 完成值 as text
    assert of(findings(book, form), "W003") == []


# --- W004 unparseable-number ---------------------------------------------------------------------


@pytest.mark.parametrize("layout", sorted(EXECUTED))
def test_W004_amount_not_a_number(book, layout):
    form = LAYOUTS[layout]().put(EXECUTED[layout], "约50万")
    finding = only(findings(book, form), "W004")
    assert finding.cell == EXECUTED[layout]
    assert finding.severity == "error"
    assert "约50万" in finding.message and "执行数" in finding.message


@pytest.mark.parametrize("layout", ALL)
def test_W004_score_not_a_number(book, layout):
    form = LAYOUTS[layout]().put(FIRST_SCORE[layout], "见附件")
    finding = only(findings(book, form), "W004")
    assert finding.cell == FIRST_SCORE[layout]
    name = form.get(FIRST_NAME[layout]).lstrip("★")
    assert "见附件" in finding.message and name in finding.message


def test_W004_rate_not_a_number(book):
    finding = only(findings(book, LAYOUTS["central"]().put("G6", "约95%")), "W004")
    assert finding.cell == "G6" and "执行率" in finding.message


def test_W004_one_finding_per_cell(book):
    form = LAYOUTS["central"]().put("E6", "见附件").put("H13", "见附件")
    assert sorted(f.cell for f in of(findings(book, form), "W004")) == ["E6", "H13"]


@pytest.mark.parametrize("value", ["—", "/", "－", None, "100.00%", "100%"])
def test_W004_placeholders_and_percentages_pass(book, value):
    form = LAYOUTS["central"]().put("G6", value)
    assert of(findings(book, form), "W004") == []


def test_W004_reason_and_method_columns_are_not_numeric(book):
    form = LAYOUTS["sichuan"]().put("I9", "1.预算执行率=预算执行数/调整后预算数（100字以内）")
    assert of(findings(book, form), "W004") == []
    form = LAYOUTS["beijing_2016"]().put("H13", "按B/A*分值记分")
    assert of(findings(book, form), "W004") == []


@pytest.mark.parametrize("layout", ALL)
def test_W004_passes_on_clean_layout(book, layout):
    assert of(findings(book, LAYOUTS[layout]()), "W004") == []


# --- W005 hidden-form ----------------------------------------------------------------------------


def hidden_form(book, form: FormGrid) -> list[Finding]:
    sheets = {**form.sheets(), "说明": [["填表说明：金额单位为万元"]]}
    return check_sheets(book, sheets, merges=form.merge_map(), hidden={form.sheet})


TITLE = {"central": "A1", "sichuan": "A2", "anhui": "A1", "split_20_80": "A1",
         "beijing_2016": "A1", "hebei": "A1"}  # fmt: skip


@pytest.mark.parametrize("layout", ALL)
def test_W005_form_in_hidden_sheet(book, layout):
    finding = only(hidden_form(book, LAYOUTS[layout]()), "W005")
    assert (finding.sheet, finding.cell) == ("Sheet1", TITLE[layout])
    assert finding.severity == "info"
    assert "隐藏工作表“Sheet1”" in finding.message


def test_W005_visible_form_passes(book):
    form = LAYOUTS["central"]()
    sheets = {**form.sheets(), "说明": [["填表说明：金额单位为万元"]]}
    found = check_sheets(book, sheets, merges=form.merge_map(), hidden={"说明"})
    assert of(found, "W005") == []


# --- real published forms ------------------------------------------------------------------------

REAL = ["hebei-langfang", "sichuan-meishan", "hebei-handan", "anhui-huaibei", "yunnan-baoshan"]
REAL_FIRST_TEXT_NUMBER = {"hebei-langfang": "C7", "sichuan-meishan": "C9", "hebei-handan": "C4",
                          "anhui-huaibei": "C5", "yunnan-baoshan": "B8"}  # fmt: skip


def real_findings(realworld, name, **kw) -> list[Finding]:
    path = realworld(name, **kw)
    result = check_file(str(path), path.name, Settings())
    assert result.internal_error is None
    return result.findings


@pytest.mark.parametrize("name", REAL)
def test_W_real_forms_numbers_as_text_once(realworld, name):
    found = real_findings(realworld, name)
    finding = only(found, "W003")
    assert finding.cell == REAL_FIRST_TEXT_NUMBER[name]
    assert [f.code for f in found if f.code in ("W001", "W002", "W004", "W005")] == []


@pytest.mark.parametrize("name", REAL)
def test_W_real_forms_with_numbers_have_no_hygiene_findings(realworld, name):
    found = real_findings(realworld, name, numbers=True)
    assert [f.code for f in found if f.code.startswith("W")] == []
