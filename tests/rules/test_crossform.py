"""X001, X002, X009 through the whole pipeline: folders of forms written with the ``book`` fixture.

The forms start from the consistent pair of scripts/samples_chain.py (a target table and a
self-evaluation table of 示例县民政局's 高龄老人补贴, no finding at all); each test changes one thing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from layouts import FormGrid

import perfcli
from perfcli.engine import Report
from perfcli.findings import Finding

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import samples_chain
from samples_chain import selfeval_table, target_table

X_CODES = ("X001", "X002", "X009")


def check_folder(book: Callable[..., Path], files: dict[str, FormGrid]) -> Report:
    """Write each form into one folder and check the folder end to end."""
    paths = [
        book(grid.sheets(), name=name, merges=grid.merge_map()) for name, grid in files.items()
    ]
    report = perfcli.check(str(paths[0].parent))
    assert report.internal_errors == []
    return report


def xs(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.code in X_CODES]


def places(found: list[Finding]) -> list[tuple[str, str, str | None]]:
    return sorted((f.code, Path(f.file).name, f.cell) for f in found)


def pair(target: FormGrid | None = None, later: FormGrid | None = None) -> dict[str, FormGrid]:
    return {"目标表.xlsx": target or target_table(), "自评表.xlsx": later or selfeval_table()}


def at(grid: FormGrid, text: str, column: str) -> str:
    """The cell in ``column`` on the row that holds ``text``."""
    return f"{column}{grid.find(text)[1:]}"


# --- the consistent pair ------------------------------------------------------------------------


def test_consistent_target_and_selfevaluation_have_no_finding_at_all(book):
    report = check_folder(book, pair())
    assert [(f.code, f.cell, f.message) for f in report.findings] == []
    (sub,) = report.submissions
    assert sub.kinds() == {"target_project", "selfeval_project"} and sub.year == 2023


# --- X001 -----------------------------------------------------------------------------------------


def test_X001_lowered_target_points_at_the_self_evaluation_cell(book):
    later = selfeval_table()
    cell = at(later, "服务对象满意度指标", "E")
    later.put(cell, "≥85%")
    report = check_folder(book, pair(later=later))
    (finding,) = xs(report)
    assert (finding.code, Path(finding.file).name, finding.cell) == ("X001", "自评表.xlsx", cell)
    assert finding.form_kind == "selfeval_project" and finding.project == "高龄老人补贴"
    assert "≥85%" in finding.message and "≥90%" in finding.message and "-5%" in finding.message
    target_cell = at(target_table(), "受助老人满意度", "E")
    assert f"目标表.xlsx Sheet1!{target_cell}" in finding.message
    assert finding.expected == "≥90%" and finding.actual == "≥85%"
    assert finding.message_en and "≥90%" in finding.hint


@pytest.mark.parametrize(
    ("target", "later"),
    [
        ("≥95%", "95%以上"),  # the same operator in words
        ("≥95%", "不低于95%"),
        ("≥95%", "95%"),  # an operator on one side only is no change
        ("95%", "≥95%"),
        ("≥95%", "≥ 95 %"),
        ("≤1200元", "≤0.12万元"),  # one amount in another unit
        ("≥95%", "≥0.95"),  # a ratio for a percentage
        ("达成年度指标", "达成预期指标"),  # the same qualitative result
        ("全面落实", "全面落实。"),  # qualitative text, normalised
    ],
)
def test_X001_same_target_written_differently_is_not_a_change(book, target, later):
    first, second = target_table(), selfeval_table()
    first.put(at(first, "高龄老人基本生活保障覆盖率", "E"), target)
    second.put(at(second, "高龄老人基本生活保障覆盖率", "E"), later)
    report = check_folder(book, pair(first, second))
    assert places(xs(report)) == []


@pytest.mark.parametrize(
    ("target", "later"),
    [
        ("≥95%", "≤95%"),  # the operator turned round
        ("≥95%", "≥90%"),
        ("≥95%", "≥95人"),  # another unit
        ("≥95%", "95%-100%"),  # a range for a floor
        ("≥95%", "达成年度指标"),  # a number became words
        ("全面落实", "基本落实"),
    ],
)
def test_X001_a_changed_target_is_reported(book, target, later):
    first, second = target_table(), selfeval_table()
    first.put(at(first, "高龄老人基本生活保障覆盖率", "E"), target)
    cell = at(second, "高龄老人基本生活保障覆盖率", "E")
    second.put(cell, later)
    found = xs(check_folder(book, pair(first, second)))
    assert places(found) == [("X001", "自评表.xlsx", cell)]


def test_X001_an_empty_later_target_is_Q003s_not_a_change(book):
    later = selfeval_table()
    later.put(at(later, "受助老人满意度", "E"), None)
    report = check_folder(book, pair(later=later))
    assert places(xs(report)) == []
    assert "Q003" in {f.code for f in report.findings}


def test_X001_not_between_forms_of_different_years(book):
    later = selfeval_table()
    later.put("A2", "（2022年度）").put(at(later, "受助老人满意度", "E"), "≥80%")
    found = xs(check_folder(book, pair(later=later)))
    assert [f.code for f in found] == ["X009"]


# --- project matching -----------------------------------------------------------------------------


def _renamed(target_name: str, later_name: str) -> dict[str, FormGrid]:
    first, second = target_table(), selfeval_table()
    first.put("B3", target_name)
    second.put("B3", later_name)
    second.put(at(second, "受助老人满意度", "E"), "≥80%")
    return pair(first, second)


def test_X001_projects_matched_by_code_whatever_their_names(book):
    files = _renamed("51000023R000000000203-高龄补贴发放", "51000023R000000000203-高龄老人补贴")
    assert [f.code for f in xs(check_folder(book, files))] == ["X001"]


def test_X001_projects_matched_by_normalised_name(book):
    files = _renamed("高龄老人补贴（项目）", "高龄老人 补贴资金")
    assert [f.code for f in xs(check_folder(book, files))] == ["X001"]


def test_X001_projects_matched_by_exact_name(book):
    files = _renamed("高龄老人补贴", "高龄老人补贴")
    assert [f.code for f in xs(check_folder(book, files))] == ["X001"]


@pytest.mark.parametrize(
    ("target_name", "later_name"),
    [
        ("高龄老人补贴", "高龄老人津贴"),  # another project (close names are never paired)
        ("51000023R000000000203-高龄老人补贴", "51000023R000000000299-困难老人补贴"),
    ],
)
def test_X001_X002_different_projects_are_never_compared(book, target_name, later_name):
    files = _renamed(target_name, later_name)
    later = files["自评表.xlsx"]
    later.put(at(later, "享受补贴老人人数", "D"), "新增指标名称")
    assert places(xs(check_folder(book, files))) == []


# --- X002 -----------------------------------------------------------------------------------------


def test_X002_dropped_indicator_points_at_its_category_in_the_later_form(book):
    later = samples_chain.changed_selfeval()
    later.put(at(later, "享受补贴老人人数", "E"), "≥1050人")  # only the dropped indicator left
    found = xs(check_folder(book, pair(later=later)))
    (finding,) = found
    assert finding.code == "X002" and Path(finding.file).name == "自评表.xlsx"
    # 效益指标 is left with its 社会效益 row: the finding sits there.
    assert finding.cell == at(later, "高龄老人基本生活保障覆盖率", "D")
    assert "高龄补贴制度持续实施年限" in finding.message and "≥3年" in finding.message
    assert at(target_table(), "高龄补贴制度持续实施年限", "E") in finding.message


def test_X002_added_indicator_points_at_the_added_row(book):
    later = selfeval_table()
    cell = at(later, "补贴按月发放率", "D")
    later.put(cell, "补贴发放到户率")  # a different indicator in place of one of the target table
    found = sorted(xs(check_folder(book, pair(later=later))), key=lambda f: f.message)
    assert places(found) == [("X002", "自评表.xlsx", cell), ("X002", "自评表.xlsx", cell)]
    messages = " ".join(f.message for f in found)
    assert "补贴按月发放率" in messages and "补贴发放到户率" in messages
    assert "不在批复的绩效目标表中" in messages


def test_X002_same_indicators_in_another_order_and_wording_are_the_same_set(book):
    later = selfeval_table()
    # 效果指标 is 效益指标; numbering and spaces in a name do not make another indicator.
    later.put(at(later, "高龄老人基本生活保障覆盖率", "B"), "效果指标")
    later.put(at(later, "受助老人满意度", "D"), "1. 受助老人 满意度")
    report = check_folder(book, pair(later=later))
    assert places(xs(report)) == []


def test_X001_indicators_matched_within_their_category_across_level1_synonyms(book):
    # Two 效益 indicators of one name, told apart only by their 二级; the self-evaluation writes
    # 效果指标 for the target table's 效益指标 and lowers one of the two targets.
    first, second = target_table(), selfeval_table()
    for grid in (first, second):
        for name in ("高龄老人基本生活保障覆盖率", "高龄补贴制度持续实施年限"):
            grid.put(at(grid, name, "D"), "受益老人保障情况")
    row = int(second.find("受益老人保障情况")[1:])
    second.put(f"B{row}", "效果指标").put(f"E{row}", "≥90%")
    found = xs(check_folder(book, pair(first, second)))
    assert places(found) == [("X001", "自评表.xlsx", f"E{row}")]
    assert "≥95%" in found[0].message


def test_X002_an_indicator_moved_to_the_cost_category_is_the_same_indicator(book):
    first = target_table()
    row = first.find("人均年补贴成本")[1:]
    first.put(f"B{row}", "成本指标").put(f"C{row}", "经济成本指标")  # the 2022 一级 成本指标
    first.merges = [m for m in first.merges if m != "B20:B23"] + ["B20:B22"]
    assert places(xs(check_folder(book, pair(target=first)))) == []


def test_X002_budget_execution_rate_is_not_an_indicator_of_the_chain(book):
    # A target table that lists 预算执行率 among its outputs (Q012); the self-evaluation scores it
    # in its money block, as it should: not a dropped indicator.
    first = target_table()
    first.put("B27", "产出指标").put("C27", "时效指标").put("D27", "项目预算执行率").put(
        "E27", "≥90%"
    )
    first.merges = [m.replace("A19:A26", "A19:A27") for m in first.merges]
    report = check_folder(book, pair(target=first))
    assert "Q012" in {f.code for f in report.findings}  # the row is read as an indicator
    assert places(xs(report)) == []


def test_X002_not_when_the_later_form_has_no_indicator_grid(book):
    later = selfeval_table()
    first_row = int(later.find("一级指标")[1:])
    last_row = int(later.find("总分")[1:]) - 1
    for row in range(last_row, first_row - 1, -1):
        later.delete_row(row)
    later.merges = [m for m in later.merges if len(set(m.split(":"))) == 2]
    report = check_folder(book, pair(later=later))
    assert "S002" in {f.code for f in report.findings}
    assert places(xs(report)) == []


# --- X009 -----------------------------------------------------------------------------------------


def test_X009_a_form_of_another_year_in_the_submission(book):
    later = selfeval_table()
    later.put("A2", "（2022年度）")
    found = xs(check_folder(book, pair(later=later)))
    (finding,) = found
    assert (finding.code, Path(finding.file).name, finding.cell) == ("X009", "自评表.xlsx", "A2")
    assert "2022" in finding.message and "2023" in finding.message
    assert "示例县民政局" in finding.message and "项目支出绩效目标表 1 张" in finding.message
    assert "1 project target table" in finding.message_en


def test_X009_not_for_forms_of_one_kind(book):
    first, second = selfeval_table(), selfeval_table()
    second.put("A2", "（2022年度）").put("B3", "临时救助资金")
    report = check_folder(book, {"a.xlsx": first, "b.xlsx": second})
    assert places(xs(report)) == []


def test_X009_not_when_each_year_has_its_own_department_table(book):
    from layouts_dept import national_dept

    dept_2023, dept_2022 = national_dept(), national_dept()
    for grid in (dept_2023, dept_2022):
        grid.put(grid.find("某县教育局"), "示例县民政局")
    dept_2022.put(dept_2022.find("（2023年度）"), "（2022年度）")
    old = selfeval_table().put("A2", "（2022年度）")
    files = {**pair(), "部门2023.xlsx": dept_2023, "部门2022.xlsx": dept_2022, "自评2022.xlsx": old}
    report = check_folder(book, files)
    assert sorted(s.year for s in report.submissions) == [2022, 2023]
    assert places(xs(report)) == []


# --- department forms -----------------------------------------------------------------------------


def _dept_pair() -> tuple[FormGrid, FormGrid]:
    """部门整体绩效目标表 (88号) and 部门整体支出绩效自评表 (附件1) of 示例县教育局 with one set of
    indicators; the target table files 三公经费 under the 2022 一级 成本指标, the self-evaluation
    under 产出/成本指标 (the same indicator)."""
    from layouts_dept import national_dept
    from layouts_selfeval_dept import central_dept

    later = central_dept()
    first = national_dept().put("B3", "示例县教育局")
    head = int(later.find("一级指标")[1:])
    for i in range(8):
        name, value = later.get(f"D{head + 1 + i}"), later.get(f"E{head + 1 + i}")
        first.put(f"D{12 + i}", name).put(f"G{12 + i}", value)
    return first, later


def test_X001_department_target_table_pairs_with_the_department_self_evaluation(book):
    first, later = _dept_pair()
    report = check_folder(book, {"部门目标.xlsx": first, "部门自评.xlsx": later})
    assert places(xs(report)) == []
    cell = at(later, "服务对象投诉办结率", "E")
    later.put(cell, "≥95%")
    report = check_folder(book, {"部门目标.xlsx": first, "部门自评.xlsx": later})
    (finding,) = xs(report)
    assert (finding.code, Path(finding.file).name, finding.cell) == ("X001", "部门自评.xlsx", cell)
    assert finding.form_kind == "selfeval_dept" and "≥98%" in finding.message


def test_X002_department_indicator_renamed_is_one_dropped_and_one_added(book):
    first, later = _dept_pair()
    first.put("D18", "单位内部管理制度健全率")
    found = xs(check_folder(book, {"部门目标.xlsx": first, "部门自评.xlsx": later}))
    cell = at(later, "内部管理制度健全率", "D")
    assert places(found) == [("X002", "部门自评.xlsx", cell), ("X002", "部门自评.xlsx", cell)]


# --- monitoring tables ----------------------------------------------------------------------------


def test_X001_monitoring_table_with_a_lowered_target(book):
    monitor = samples_chain.changed_monitor()
    files = {**pair(), "监控表.xlsx": monitor}
    (finding,) = xs(check_folder(book, files))
    cell = at(monitor, samples_chain.CHANGED_TARGET[0], "E")
    assert (finding.code, Path(finding.file).name, finding.cell) == ("X001", "监控表.xlsx", cell)
    assert finding.form_kind == "monitor_project" and finding.sheet == monitor.sheet


def test_X002_monitoring_table_with_an_indicator_of_its_own(book):
    monitor = samples_chain.monitor_table()
    cell = at(monitor, "受助老人满意度", "D")
    monitor.put(cell, "子女满意度")
    found = xs(check_folder(book, {**pair(), "监控表.xlsx": monitor}))
    assert places(found) == [("X002", "监控表.xlsx", cell), ("X002", "监控表.xlsx", cell)]


def test_target_monitoring_and_self_evaluation_in_step_give_nothing(book):
    files = {**pair(), "监控表.xlsx": samples_chain.monitor_table()}
    report = check_folder(book, files)
    assert [(f.code, f.file, f.cell) for f in report.findings] == []


def test_X002_department_monitoring_table_against_the_department_target_table(book):
    # The clean 88号 部门整体目标表 and 1-8月 部门整体监控表 of 某县教育局 list one indicator each
    # that the other does not; 教师人均培训成本 sits under 一级 成本指标 in one and 产出 in the
    # other, and is the same indicator.
    from layouts_dept import national_dept
    from layouts_monitor import dept_1_8

    monitor = dept_1_8()
    found = xs(check_folder(book, {"目标.xlsx": national_dept(), "监控.xlsx": monitor}))
    assert places(found) == [
        ("X002", "监控.xlsx", at(monitor, "教师培训人次", "D")),
        ("X002", "监控.xlsx", at(monitor, "家庭经济困难学生资助覆盖率", "D")),
    ]
    added, missing = sorted(found, key=lambda f: f.row or 0)
    assert "教师培训人次" in added.message and "不在批复的绩效目标表中" in added.message
    assert "义务教育学校正常运转学年数" in missing.message and "≥1年" in missing.message
    assert all(f.form_kind == "monitor_dept" for f in found)


def test_X001_split_columns_compared_as_written_joined(book):
    # 四川 split 指标性质 | 指标值 | 度量单位 target against a self-evaluation of the same layout:
    # ≤ | 0.6 | 万元/公里 against ≤ | 0.62 | 万元/公里.
    from layouts import sichuan
    from layouts_target import split_columns

    later = sichuan()
    found = [f for f in xs(check_folder(book, {"目标.xlsx": split_columns(), "自评.xlsx": later}))
             if f.code == "X001"]  # fmt: skip
    (finding,) = found
    assert finding.cell == at(later, "每公里养护成本", "F")
    assert "≤0.62万元/公里" in finding.message and "≤0.6万元/公里" in finding.message
    assert "+0.02万元/公里" in finding.message
