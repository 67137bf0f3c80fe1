"""Submissions: ``group`` on small fake forms, then end to end through ``perfcli.check``."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from rich.console import Console

import perfcli
from perfcli.forms.model import Form, Located
from perfcli.submissions import Placed, department_of, dept_key, group, same_department

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from samples_chain import selfeval_table, target_table


def form(
    kind: str = "selfeval_project",
    department: str | None = "示例县教育局",
    year: int | None = 2023,
    implementer: str | None = None,
    project: str = "",
) -> Form:
    def loc(text: str | None, row: int) -> Located | None:
        return None if text is None else Located(text, "Sheet1", row, 1)

    return Form(
        kind=kind, sheet="Sheet1", first_row=0, last_row=20, year=year,
        department=loc(department, 3), implementer=loc(implementer, 4),
        project_name=loc(project, 2) if project else None,
    )  # fmt: skip


def placed(path: str, **kw: object) -> Placed:
    return Placed(path, form(**kw))  # type: ignore[arg-type]


def layout(subs: list) -> list[tuple[str, str, int | None, list[str]]]:
    return [(s.folder, s.department, s.year, [p.file for p in s.forms]) for s in subs]


# --- department names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "printed",
    ["示例县教育局", "[101001]示例县教育局", "101001-示例县教育局", "101001示例县教育局",
     "示例县 教育局", "示例县教育局（本级）", "示例县教育局本级", "示例县教育局(盖章)", "示例县教育局盖章",
     "示例縣教育局", "　示例县教育局　", "820-示例县教育局"],
)  # fmt: skip
def test_dept_key_ignores_codes_spaces_brackets_and_stamps(printed):
    assert dept_key(printed) == "示例县教育局"


def test_department_of_strips_a_short_unit_code_but_not_a_year():
    assert department_of(form(department="820-某镇部门")) == "某镇部门"
    assert department_of(form(department="[101]某县民政局")) == "某县民政局"
    assert dept_key("2023年度预算单位") == "2023年度预算单位"
    assert department_of(form(department=None, implementer="示例县第一中学")) == "示例县第一中学"


def test_same_department_by_containment_but_not_for_a_too_short_name():
    assert same_department("教育局", "示例县教育局")
    assert same_department("示例县民政局机关", "示例县民政局")
    assert not same_department("教育", "示例县教育局")  # two characters name nothing
    assert not same_department("示例县教育局", "示例市教育局")
    assert not same_department("", "示例县教育局")


# --- grouping -------------------------------------------------------------------------------------


def test_one_folder_one_department_one_year_is_one_submission():
    subs = group([placed("d/a.xlsx"), placed("d/b.xlsx", kind="target_project")])
    assert layout(subs) == [("d", "示例县教育局", 2023, ["d/a.xlsx", "d/b.xlsx"])]
    (sub,) = subs
    assert sub.name == "示例县教育局_2023" and sub.files == ["d/a.xlsx", "d/b.xlsx"]
    assert not sub.is_package and sub.kinds() == {"selfeval_project", "target_project"}
    assert [p.file for p in sub.of("target_project")] == ["d/b.xlsx"]


def test_folders_are_never_merged_nor_subfolders_into_their_parent():
    subs = group([placed("d/a.xlsx"), placed("d/sub/b.xlsx"), placed("e/c.xlsx")])
    assert [(s.folder, s.files) for s in subs] == [
        ("d", ["d/a.xlsx"]), ("d/sub", ["d/sub/b.xlsx"]), ("e", ["e/c.xlsx"])
    ]  # fmt: skip


def test_two_departments_in_one_folder_are_two_submissions():
    subs = group([
        placed("d/a.xlsx"), placed("d/b.xlsx", department="示例县民政局"),
        placed("d/c.xlsx", department="[101001]示例县教育局"),
    ])  # fmt: skip
    assert layout(subs) == [
        ("d", "示例县教育局", 2023, ["d/a.xlsx", "d/c.xlsx"]),
        ("d", "示例县民政局", 2023, ["d/b.xlsx"]),
    ]


@pytest.mark.parametrize("short_first", [True, False])
def test_a_short_name_joins_the_full_one_whatever_the_order(short_first):
    items = [placed("d/a.xlsx", department="教育局"), placed("d/b.xlsx")]
    subs = group(items if short_first else items[::-1])
    assert len(subs) == 1 and subs[0].department == "示例县教育局"
    assert sorted(subs[0].files) == ["d/a.xlsx", "d/b.xlsx"]


def test_a_form_naming_only_its_implementer_joins_the_department_of_that_unit():
    subs = group([
        placed("d/自评.xlsx", department="示例县民政局", implementer="示例县社会福利中心"),
        placed("d/目标.xlsx", kind="target_project", department=None,
               implementer="示例县社会福利中心"),
        placed("d/other.xlsx", department=None, implementer="示例县第一中学"),
    ])  # fmt: skip
    assert layout(subs) == [
        ("d", "示例县民政局", 2023, ["d/自评.xlsx", "d/目标.xlsx"]),
        ("d", "示例县第一中学", 2023, ["d/other.xlsx"]),
    ]


def test_forms_naming_no_department_join_the_largest_group():
    subs = group([
        placed("d/a.xlsx", department="示例县民政局"),
        placed("d/b.xlsx"), placed("d/c.xlsx"),
        placed("d/x.xlsx", department=None),
    ])  # fmt: skip
    assert layout(subs) == [
        ("d", "示例县民政局", 2023, ["d/a.xlsx"]),
        ("d", "示例县教育局", 2023, ["d/b.xlsx", "d/c.xlsx", "d/x.xlsx"]),
    ]
    (alone,) = group([placed("d/x.xlsx", department=None)])
    assert alone.department == "" and alone.name == "d_2023"


def test_years_stay_together_without_department_level_forms_of_each_year():
    subs = group([
        placed("d/a.xlsx", kind="target_project"), placed("d/b.xlsx"),
        placed("d/c.xlsx", year=2022), placed("d/d.xlsx", year=None),
    ])  # fmt: skip
    (sub,) = subs
    assert sub.year == 2023 and len(sub.forms) == 4  # the other year is X009's finding


def test_years_split_when_each_year_has_its_own_department_form():
    subs = group([
        placed("d/dept23.xlsx", kind="selfeval_dept"), placed("d/p23.xlsx"),
        placed("d/dept22.xlsx", kind="target_dept", year=2022),
        placed("d/p22.xlsx", year=2022), placed("d/none.xlsx", year=None),
    ])  # fmt: skip
    assert layout(subs) == [
        ("d", "示例县教育局", 2022, ["d/dept22.xlsx", "d/p22.xlsx"]),
        ("d", "示例县教育局", 2023, ["d/dept23.xlsx", "d/p23.xlsx", "d/none.xlsx"]),
    ]
    assert subs[1].is_package and not subs[0].is_package


def test_the_name_shown_is_the_department_forms_one():
    (sub,) = group([
        placed("d/a.xlsx", department="教育局"), placed("d/b.xlsx", department="教育局"),
        placed("d/c.xlsx", kind="selfeval_dept", department="示例县教育局（本级）"),
    ])  # fmt: skip
    assert sub.department == "示例县教育局（本级）"


def test_accounts_are_kept_apart_and_apply_to_their_folder_and_everywhere():
    folder_accounts = placed("d/决算.xlsx", kind="accounts", department=None)
    given = placed("elsewhere/决算.xlsx", kind="accounts", department=None)
    subs = group([placed("d/a.xlsx"), folder_accounts, placed("e/b.xlsx")], [given])
    assert [[p.file for p in s.forms] for s in subs] == [["d/a.xlsx"], ["e/b.xlsx"]]
    assert [[p.file for p in s.accounts] for s in subs] == [
        ["d/决算.xlsx", "elsewhere/决算.xlsx"], ["elsewhere/决算.xlsx"]
    ]  # fmt: skip
    data = subs[0].to_dict()
    assert data["accounts"] == ["d/决算.xlsx", "elsewhere/决算.xlsx"]
    assert data["forms"] == [
        {"file": "d/a.xlsx", "kind": "selfeval_project", "sheet": "Sheet1", "project": None,
         "year": 2023}
    ]  # fmt: skip


def test_nothing_to_group():
    assert group([]) == []


# --- end to end -----------------------------------------------------------------------------------


def _write(book, name: str, grid) -> Path:
    return book(grid.sheets(), name=name, merges=grid.merge_map())


def test_check_groups_a_tree_of_folders(book):
    other = selfeval_table().put("B3", "临时救助资金").put("B4", "示例县教育局")
    first = _write(book, "2023/目标.xlsx", target_table())
    _write(book, "2023/自评.xlsx", selfeval_table())
    _write(book, "2023/教育局/自评.xlsx", other)
    report = perfcli.check(str(first.parent))
    assert report.internal_errors == []
    got = sorted(
        (Path(s.folder).name, s.department, s.year, len(s.files)) for s in report.submissions
    )
    assert got == [("2023", "示例县民政局", 2023, 2), ("教育局", "示例县教育局", 2023, 1)]
    assert report.findings == []


def test_text_report_shows_the_submissions_when_several_files(book):
    from perfcli.report.text import render

    first = _write(book, "d/目标.xlsx", target_table())
    _write(book, "d/自评.xlsx", selfeval_table())
    out = io.StringIO()
    render(perfcli.check(str(first.parent)), Console(file=out, width=200))
    text = out.getvalue()
    assert "提交分组" in text and "示例县民政局 2023" in text
    assert "项目支出绩效目标表 1" in text and "项目支出绩效自评表 1" in text
    out = io.StringIO()
    render(perfcli.check(str(first)), Console(file=out, width=200))
    assert "提交分组" not in out.getvalue()  # one file: nothing to group
