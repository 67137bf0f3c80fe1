"""W001–W005 on the project target layouts (``layouts_target.py``) and the department layouts
(``layouts_dept.py``): the numeric fields of a target table are its money (年度, 中期, cost build-up,
department money blocks, task amounts), the indicator weights and the total weight."""

from __future__ import annotations

from pathlib import Path

import pytest
from gridbook import Formula
from layouts import FormGrid
from layouts_dept import DEPT_LAYOUTS
from layouts_target import TARGET_LAYOUTS
from ruletools import findings, of, only

from perfcli.engine import Settings, check_file
from perfcli.findings import Finding

W_CODES = {"W001", "W002", "W003", "W004", "W005"}
ALL = {**TARGET_LAYOUTS, **DEPT_LAYOUTS}

# Per layout: a cell the layout fills with a number (an amount, or a weight where amounts are text).
NUMBER = {
    "national_88": "E6",  # 年度资金总额
    "wuhan_side_by_side": "E6",  # 当年资金总额 (text "6000万元")
    "split_columns": "H11",  # weight
    "yitihua_export": "K5",  # weight of the first project's first indicator
    "ezhou_cost": "C6",  # 成本构成 金额
    "fengjie_scored": "F12",  # 分值
    "handan_graded": "C4",  # 年度资金总额
    "national_dept": "E6",  # task 总额
    "fujian_dept": "F10",  # 预算金额
    "guangshui_dept": "D6",  # 收入构成 当年金额
}
# Where a clean layout stores numbers as text: the catalogue's W003 (info), one per form.
TEXT_NUMBERS = {
    "wuhan_side_by_side": [("C6", 6, "10000万元")],
    "yitihua_export": [("C5", 1, "3,000,000.00"), ("C11", 1, "660,000.00"),
                       ("C17", 1, "400,000.00")],
}  # fmt: skip


def check_sheets(book, sheets, **kw) -> list[Finding]:
    path: Path = book(sheets, **kw)
    result = check_file(str(path), path.name, Settings())
    assert result.internal_error is None, result.internal_error
    return result.findings


@pytest.mark.parametrize("name", sorted(ALL))
def test_W_clean_target_layouts_give_no_error_or_warning(book, name):
    found = [f for f in findings(book, ALL[name]()) if f.code in W_CODES]
    assert [(f.code, f.cell) for f in found if f.severity != "info"] == []


@pytest.mark.parametrize("name", sorted(ALL))
def test_W003_clean_target_layouts_only_where_amounts_are_text(book, name):
    found = of(findings(book, ALL[name]()), "W003")
    expected = TEXT_NUMBERS.get(name, [])
    assert [f.cell for f in found] == [cell for cell, _, _ in expected]
    for hit, (_cell, count, text) in zip(found, expected, strict=True):
        assert hit.severity == "info"
        assert f"{count} 个数字以文本形式存储" in hit.message and f"“{text}”" in hit.message


# --- W001 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL))
def test_W001_target_formula_without_value(book, name):
    cell = NUMBER[name]
    form = ALL[name]().put(cell, Formula("=1+1"))
    hit = only(findings(book, form), "W001")
    assert hit.cell == cell
    assert cell in hit.message


@pytest.mark.parametrize("name", ["national_88", "national_dept"])
def test_W001_target_formula_with_value_passes(book, name):
    form = ALL[name]()
    cell = NUMBER[name]
    form.put(cell, Formula("=1+1", form.get(cell)))
    assert of(findings(book, form), "W001") == []


# --- W002 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL))
def test_W002_target_error_value(book, name):
    cell = NUMBER[name]
    found = findings(book, ALL[name]().put(cell, "#REF!"))
    hit = only(found, "W002")
    assert hit.cell == cell and hit.severity == "error"
    assert "#REF!" in hit.message
    assert of(found, "W004") == []


# --- W003 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "cell", "text"),
    [
        ("national_88", "C7", "330"),  # 中期 财政拨款
        ("split_columns", "H12", "20"),  # an indicator weight
        ("ezhou_cost", "E8", "372.88"),  # 往年实际执行数 of the cost build-up
        ("national_dept", "F7", "450"),  # a task's 财政拨款
        ("guangshui_dept", "E7", "210"),  # 近两年收支金额
        ("fujian_dept", "F14", "2,350.00"),  # the 履职目标 合计
    ],
)
def test_W003_target_number_stored_as_text(book, name, cell, text):
    hit = only(findings(book, ALL[name]().put(cell, text)), "W003")
    assert hit.cell == cell and hit.severity == "info"
    assert f"1 个数字以文本形式存储（首个 {cell}：“{text}”）" in hit.message


# --- W004 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL))
def test_W004_target_unparseable_number(book, name):
    cell = NUMBER[name]
    found = findings(book, ALL[name]().put(cell, "约50万"))
    hits = [f for f in of(found, "W004") if f.cell == cell]
    assert len(hits) == 1, [(f.code, f.cell, f.message) for f in found]
    assert "约50万" in hits[0].message and hits[0].severity == "error"


@pytest.mark.parametrize("name", ["national_88", "ezhou_cost", "fujian_dept"])
def test_W004_target_dash_is_no_number_and_passes(book, name):
    assert of(findings(book, ALL[name]().put(NUMBER[name], "—")), "W004") == []


# --- W005 ----------------------------------------------------------------------------------------


def hidden(book, form: FormGrid, hide: bool) -> list[Finding]:
    sheets = {**form.sheets(), "说明": [["填表说明：金额单位为万元"]]}
    return check_sheets(
        book, sheets, merges=form.merge_map(), hidden={form.sheet if hide else "说明"}
    )


@pytest.mark.parametrize("name", sorted(ALL))
def test_W005_target_form_in_hidden_sheet(book, name):  # once for the 3 projects of an export
    form = ALL[name]()
    hit = only(hidden(book, form, True), "W005")
    assert (hit.sheet, hit.cell) == (form.sheet, "A1")
    assert f"隐藏工作表“{form.sheet}”" in hit.message and hit.severity == "info"


@pytest.mark.parametrize("name", ["national_88", "guangshui_dept"])
def test_W005_target_visible_form_passes(book, name):
    assert of(hidden(book, ALL[name](), False), "W005") == []


# --- real published target tables ----------------------------------------------------------------

# Every S and W finding the real target tables get (cell, code, severity): none of their
# defects_seen is an S/W defect; these are what the transcribed copies truly show.
REAL = {
    # no amount unit is printed anywhere (项目预算 | 成本构成 | 金额 …); amounts typed as text
    "hubei-ezhou-jiguan-2022-target": [("C5", "S005", "warning"), ("C5", "W003", "info")],
    "hubei-wuhan-qingshan-edu-2020-target": [("C6", "W003", "info")],  # "10000万元"
    # the template's "…" 二级 row is left in both grids (长期 and 年度): one S003 for the form
    "hunan-changsha-ningxiang-batang-2021-target": [("B7", "W003", "info"),
                                                    ("C22", "S003", "warning")],
    # 一体化 export in 元 with thousands separators: no S005, W003 once per project
    "sichuan-leshan-jingyan-matazhen-2023-target": [("C13", "W003", "info"),
                                                    ("C5", "W003", "info")],
}  # fmt: skip


@pytest.mark.parametrize("stem", sorted(REAL))
def test_S_W_real_target_tables(realworld, stem):
    path = realworld(stem)
    result = check_file(str(path), path.name, Settings())
    assert result.internal_error is None
    found = sorted((f.cell, f.code, f.severity) for f in result.findings if f.code[0] in "SW")
    assert found == sorted(REAL[stem])
