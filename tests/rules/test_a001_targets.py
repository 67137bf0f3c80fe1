"""A001 on target tables: money totals, the cost build-up, department compositions and tasks."""

from __future__ import annotations

import pytest
from layouts_dept import DEPT_LAYOUTS
from layouts_target import TARGET_LAYOUTS
from ruletools import findings, of, only


@pytest.mark.parametrize("layout", sorted({**TARGET_LAYOUTS, **DEPT_LAYOUTS}))
def test_A001_clean_target_layouts_add_up(book, layout):
    form = {**TARGET_LAYOUTS, **DEPT_LAYOUTS}[layout]()
    assert of(findings(book, form), "A001") == []


@pytest.mark.parametrize(
    ("cell", "value", "column"), [("E6", 125, "年度资金总额"), ("C6", 350, "中期")]
)
def test_A001_target_funding_total_annual_and_midterm(book, cell, value, column):
    form = TARGET_LAYOUTS["national_88"]().put(cell, value)
    finding = only(findings(book, form), "A001")
    assert finding.cell == cell and finding.severity == "error"
    assert f"为 {value}.00万元" in finding.message and "相差" in finding.message


def test_A001_cost_build_up_total(book):
    form = TARGET_LAYOUTS["ezhou_cost"]().put("E9", 662.98)  # 191 + 99 + 372.88 = 662.88
    finding = only(findings(book, form), "A001")
    assert finding.cell == "E9" and "662.98" in finding.message and "662.88" in finding.message
    assert "成本" in finding.message


def test_A001_cost_build_up_on_the_real_ezhou_table(realworld):
    from perfcli.engine import Settings, check_file

    path = realworld("hubei-ezhou-jiguan-2022-target")
    found = check_file(str(path), path.name, Settings()).findings
    finding = only(found, "A001")
    assert finding.cell == "E8" and "662.98" in finding.message and "662.88" in finding.message


def test_A001_ningxiang_money_reconciles(realworld):
    from perfcli.engine import Settings, check_file

    path = realworld("hunan-changsha-ningxiang-batang-2021-target")
    assert of(check_file(str(path), path.name, Settings()).findings, "A001") == []


def test_A001_department_tasks_total_and_task_rows(book):
    form = DEPT_LAYOUTS["national_dept"]().put("F9", 1800)  # 金额合计·财政拨款 ≠ 1260 + 450 + 100
    hits = of(findings(book, form), "A001")
    assert {f.cell for f in hits} == {"F9", "E9"}  # the column sum, and 总额 ≠ 财政拨款 + 其他资金
    column = next(f for f in hits if f.cell == "F9")
    assert "1810.00" in column.message and "各项任务之和" in column.message
    form = DEPT_LAYOUTS["national_dept"]().put("E7", 490)  # 学生资助 总额 ≠ 450 + 30
    hits = of(findings(book, form), "A001")
    assert {f.cell for f in hits} == {"E7", "E9"}  # the row, and the column total it breaks
    row = next(f for f in hits if f.cell == "E7")
    assert "学生资助" in row.message and "480.00" in row.message


def test_A001_department_compositions(book):
    form = DEPT_LAYOUTS["guangshui_dept"]().put("D11", 1100)  # 支出构成 合计 ≠ 600 + 400
    finding = only(findings(book, form), "A001")
    assert finding.cell == "D11" and "1000.00" in finding.message
    form = DEPT_LAYOUTS["fujian_dept"]().put("B4", 2300)  # 资金总额 ≠ 1600 + 750
    assert only(findings(book, form), "A001").cell == "B4"
