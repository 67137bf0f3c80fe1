"""Monitoring: a 1-N月执行情况 / 全年预计完成情况 typed as ``100%`` in Excel is stored as the number
1. Under a ``%`` 度量单位 column it is read as 100% (as in the self-evaluation grid, db30764), not 1%
(a false M003: forecast misses the ≥98% target); text ``1`` is still taken as written."""

from __future__ import annotations

from layouts import FormGrid
from layouts_monitor import central_136, dept_1_8
from ruletools import findings, of

# dept_1_8 rows 10-17 (拨付公用经费学校数 … 学生及家长满意度): the unit of each 年度指标值.
_UNITS = ["所", "人", "人次", "%", None, "元", "%", "%"]


def with_unit_column(form: FormGrid) -> FormGrid:
    """dept_1_8 with a split 度量单位 column after 偏差原因备注 (column O)."""
    form.put("O9", "度量单位")
    for row, unit in zip(range(10, 18), _UNITS, strict=True):
        form.put(f"O{row}", unit)
    return form


def test_unit_column_layout_is_clean(book):
    assert [(f.code, f.cell) for f in findings(book, with_unit_column(dept_1_8()))] == []


def test_percent_typed_in_excel_under_a_unit_column_meets_its_target(book):
    # 家庭经济困难学生资助覆盖率 =100%: 100% typed (stored 1); 教师培训合格率 ≥95%: 96% typed.
    form = with_unit_column(dept_1_8()).put("F16", 1).put("G16", 1).put("G13", 0.96)
    assert [(f.code, f.cell, f.message) for f in findings(book, form)] == []


def test_percent_typed_in_excel_still_shows_a_real_shortfall(book):
    form = with_unit_column(dept_1_8()).put("G13", 0.5)  # 50% against ≥95%, no cause ticked
    found = of(findings(book, form), "M003")
    assert [f.cell for f in found] == ["H13"]
    assert "0.5" in found[0].message or "50" in found[0].message


def test_text_one_under_a_percent_unit_column_is_taken_as_written(book):
    # Text is what the preparer typed: "1" under % is 1%, a real shortfall against =100%.
    found = of(findings(book, with_unit_column(dept_1_8()).put("G16", "1")), "M003")
    assert [f.cell for f in found] == ["H16"]


def test_percent_typed_in_excel_without_a_unit_column_meets_its_target(book):
    # No 度量单位 column: a bare 1 against =100% is a ratio (target_met), already 100%.
    form = central_136().put("F15", 1).put("G15", 1).put("G14", 0.96)
    assert [(f.code, f.cell) for f in findings(book, form)] == []
