"""Recognition and the label-anchored locator: every value is found by its label, with its cell."""

from __future__ import annotations

from decimal import Decimal

import pytest
from layouts import LAYOUTS, FormGrid, anhui, central, hebei, sichuan, split_20_80

from perfcli.forms import recognise
from perfcli.forms.model import SelfEvalProject
from perfcli.forms.normalize import label_weight, norm_label
from perfcli.io.reader import read_workbook


def model(path) -> list:
    return recognise(read_workbook(path))


def one_form(book, form: FormGrid, **kw) -> SelfEvalProject:
    (found,) = model(book(form.sheets(), merges=form.merge_map(), **kw))
    assert isinstance(found, SelfEvalProject)
    return found


# --- labels ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "normal"),
    [("项目资金\n（万元）", "项目资金"), ("产出指标(50分)", "产出指标"), ("二、预算执行情况", "预算执行情况"),
     ("年度资金总额：", "年度资金总额"), ("實施單位", "实施单位"), ("年度\n指标值", "年度指标值"),
     ("执行率(B/A)", "执行率"), ("全年预算数（A）", "全年预算数"), ("实施单位 (盖章)", "实施单位"),
     ("★★★受益人数", "受益人数"), ("成本指标(0-20)分", "成本指标"), ("得分 (20分*执行率)", "得分"),
     ("预算执行情况(万元) (20分)", "预算执行情况")],
)  # fmt: skip
def test_norm_label(label, normal):
    assert norm_label(label) == normal


def test_label_weight():
    assert label_weight("产出指标(50分)") == Decimal(50)
    assert label_weight("绩效指标（90分）") == Decimal(90)
    assert label_weight("得分（20分*执行率）") == Decimal(20)
    assert label_weight("产出指标") is None


# --- every layout ------------------------------------------------------------------------------

# layout → (project cell, total-row budget cell, executed cell, rate cell, first indicator row,
#           indicator count, total score cell)
EXPECTED = {
    "central": ("B3", "D6", "E6", "G6", 13, 7, "H20"),
    "sichuan": ("B3", "D9", "E9", "F9", 15, 6, "J21"),
    "anhui": ("B3", "C6", "D6", "F6", 12, 5, "H18"),
    "split_20_80": ("B3", "B6", "C6", "D6", 8, 5, "G13"),
    "beijing_2016": ("B3", "C6", "D6", "F6", 12, 5, "I17"),
    "hebei": ("C2", "C4", "G4", "H4", 11, 4, "L16"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_is_located_by_label(book, layout):
    form = one_form(book, LAYOUTS[layout]())
    project, budget, executed, rate, first_row, count, score = EXPECTED[layout]
    assert form.kind == "selfeval_project"
    assert form.project_name is not None and form.project_name.address == project
    assert form.unit == "万元" and form.year is not None
    assert form.funding is not None and form.funding.total is not None
    total = form.funding.total
    base = total.get("budget") or total.get("initial")
    assert base is not None and base.address == budget
    assert total.get("executed").address == executed
    assert total.get("rate").address == rate
    assert form.layout == layout
    if "goals" in form.required_blocks:
        assert form.goals is not None and form.goals.expected and form.goals.actual
    assert form.grid is not None
    assert form.indicators[0].row + 1 == first_row
    assert len([i for i in form.indicators if i.is_scored]) == count
    assert form.total is not None and form.total.score is not None
    assert form.total.score.address == score
    for ind in form.indicators:
        assert ind.level1 is not None and ind.level2 is not None and ind.name is not None
        assert ind.target_value is not None and ind.target_value.kind != "vague"


def test_merged_level_cells_are_carried_down(book):
    form = one_form(book, central())
    names = [(i.level1_name, i.level2_name) for i in form.indicators]
    assert names[1] == ("产出指标", "质量指标")
    assert names[5] == ("效益指标", "可持续影响指标")
    assert names[6] == ("满意度指标", "服务对象满意度指标")


def test_split_target_columns_are_read_together(book):
    form = one_form(book, sichuan())
    first = form.indicators[0]
    tv = first.target_value
    assert (tv.operator, tv.number, tv.unit, tv.kind) == (
        ">=",
        Decimal(320),
        "公里",
        "quantitative",
    )
    assert first.target.address == "F15" and first.nature.address == "E15"
    qualitative = form.indicators[4]
    assert qualitative.target_value.kind == "qualitative"
    assert form.grid.weight_from_label == Decimal(90)
    assert form.funding.weight_from_label == Decimal(10)
    assert form.project_code == "51000021R000000012345"


def test_anhui_weights_in_labels_and_breakdown_rows(book):
    form = one_form(book, anhui())
    assert [i.level1_label_weight for i in form.indicators[:2]] == [Decimal(50), Decimal(50)]
    assert form.indicators[1].is_breakdown
    assert form.department.text == "[155]某县民政局"


def test_hebei_pairs_subheaders_and_execution_row(book):
    form = one_form(book, hebei())
    total = form.funding.total
    assert {k: v.address for k, v in total.cells.items()} == {
        "budget": "C4", "received": "E4", "executed": "G4", "rate": "H4",
    }  # fmt: skip
    grid = form.grid
    assert (
        grid.columns["weight"] == 10 and grid.columns["score"] == 11 and grid.columns["unit"] == 6
    )
    first = form.indicators[0]
    assert (first.target_value.operator, first.target_value.number) == (">=", Decimal(19))
    assert form.execution_row is not None and form.execution_row.row + 1 == 15
    assert form.department is not None and form.implementer is not None


def test_20_80_inline_labels_and_weight_from_label(book):
    form = one_form(book, split_20_80())
    assert form.funding.weight_from_label == Decimal(20)
    assert form.grid.weight_from_label == Decimal(80)
    assert "weight" not in form.grid.columns
    assert form.implementer.text == "某区土壤肥料工作站"


# --- workbooks and sheets ----------------------------------------------------------------------


def test_several_forms_per_workbook_one_per_sheet(book):
    first, second = central(), anhui()
    first.sheet, second.sheet = "项目1", "项目2"
    path = book(
        {**first.sheets(), **second.sheets()}, merges={**first.merge_map(), **second.merge_map()}
    )
    forms = model(path)
    assert [(f.sheet, f.project) for f in forms] == [
        ("项目1", "社区居家养老服务补助"),
        ("项目2", "城乡困难群众临时救助"),
    ]


def test_two_forms_stacked_in_one_sheet(book):
    first, second = central(), anhui()
    rows = first.rows + [[None]] * 2 + second.rows
    forms = model(book(rows))
    assert [f.project for f in forms] == ["社区居家养老服务补助", "城乡困难群众临时救助"]
    assert forms[1].first_row == len(first.rows) + 2
    assert forms[1].total is not None and forms[1].total.score.row == len(rows) - 1


def test_untitled_sheet_is_recognised_by_content(book):
    form = central()
    rows = form.rows[2:]  # no title, no year line
    (found,) = model(book(rows))
    assert found.kind == "selfeval_project" and found.year is None
    assert len(found.indicators) == 7


def test_traditional_chinese_labels(book):
    form = central()
    form.put("A1", "項目支出績效自評表").put("A3", "項目名稱").put("B12", "一級指標").put(
        "F12", "實際完成值"
    )
    (found,) = model(book(form.sheets()))
    assert found.kind == "selfeval_project" and found.project == "社区居家养老服务补助"
    assert len(found.indicators) == 7


def test_hidden_sheet_is_flagged(book):
    form = central()
    form.sheet = "隐藏"
    path = book({"封面": [["封面"]], **form.sheets()}, hidden={"隐藏"})
    (found,) = model(path)
    assert found.hidden_sheet


@pytest.mark.parametrize("fmt", ["xls", "ods", "xlsm"])
def test_other_formats_read_the_same(book, fmt):
    form = central()
    xlsx = one_form(book, form)
    other = one_form(book, form, name=f"form.{fmt}")
    assert [(i.row, i.display_name, i.target.text) for i in other.indicators] == [
        (i.row, i.display_name, i.target.text) for i in xlsx.indicators
    ]
    assert other.total.score.address == xlsx.total.score.address


def test_a_workbook_with_no_form(book):
    assert model(book([["姓名", "电话"], ["张三", "123"]])) == []


# --- real published forms --------------------------------------------------------------------

# stem → (indicator rows that are real indicators, year, project)
REAL = {
    "anhui-huaibei-suixi-minzheng-linshi-jiuzhu-2019-project": (10, 2019, "临时救助"),
    "hebei-handan-chengan-minzheng-bailaoren-gaoling-2020-project": (4, 2020, "19名百岁老人高龄津贴"),
    "hebei-langfang-shipin-xuexiao-nuantong-2019-project": (9, 2019, "办公宿舍楼、食堂及餐厅暖通改造经费"),
    "sichuan-meishan-qingshen-fgj-gongzixing-2023-project": (2, 2023, "51000021R000000019951-工资性支出"),
    "yunnan-baoshan-longyang-huafei-jianliang-2022-project": (14, 2022, "隆阳区2021年中央化肥减量增效示范县项目补助资金"),
}  # fmt: skip


@pytest.mark.parametrize("stem", sorted(REAL))
def test_real_selfevaluation_forms_are_recognised(realworld, stem):
    count, year, project = REAL[stem]
    (form,) = model(realworld(stem))
    assert form.kind == "selfeval_project"
    assert (len(form.indicators), form.year, form.project) == (count, year, project)
    assert form.funding is not None and form.funding.total is not None
    assert form.grid is not None
    assert form.layout == REAL_LAYOUT[stem]


REAL_LAYOUT = {
    "anhui-huaibei-suixi-minzheng-linshi-jiuzhu-2019-project": "anhui",
    "hebei-handan-chengan-minzheng-bailaoren-gaoling-2020-project": "hebei",
    "hebei-langfang-shipin-xuexiao-nuantong-2019-project": "central",
    "sichuan-meishan-qingshen-fgj-gongzixing-2023-project": "sichuan",
    "yunnan-baoshan-longyang-huafei-jianliang-2022-project": "split_20_80",
}


@pytest.mark.parametrize(
    ("stem", "kind"),
    [("chongqing-kexuecheng-rongmeiti-2021-dept", "selfeval_dept"),
     ("hubei-ezhou-jiguan-2022-target", "target_project"),
     ("hubei-wuhan-qingshan-edu-2020-target", "target_project"),
     ("hunan-changsha-ningxiang-batang-2021-target", "target_project"),
     ("sichuan-leshan-jingyan-matazhen-2023-target", "target_project")],
)  # fmt: skip
def test_other_real_forms_are_not_taken_for_project_self_evaluations(realworld, stem, kind):
    assert {f.kind for f in model(realworld(stem))} == {kind}  # an 一体化 export holds several


def test_langfang_template_rows_are_placeholders(realworld):
    (form,) = model(realworld("hebei-langfang-shipin-xuexiao-nuantong-2019-project"))
    placeholders = [i for i in form.grid.rows if i.is_placeholder]
    assert len(placeholders) == 17
    assert form.funding.total.get("rate").address == "G7"


def test_longyang_parents_and_children(realworld):
    (form,) = model(realworld("yunnan-baoshan-longyang-huafei-jianliang-2022-project"))
    parents = [i for i in form.indicators if i.children]
    assert [p.display_name for p in parents] == ["一、示范区建立", "二、化肥减量增效田间试验"]
    assert [len(p.children) for p in parents] == [3, 4]
