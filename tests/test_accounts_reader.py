"""Reading final accounts (决算): the header found by labels anywhere, 元 and 万元, two-row headers,
department total rows, CSV, schema failures as R009 findings with cells, hostile CSV."""

from __future__ import annotations

import pickle
from decimal import Decimal as D
from pathlib import Path

import pytest
from accounts_builders import EDUCATION, accounts_rows, accounts_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layouts import central

from perfcli.engine import Settings, check_file
from perfcli.forms import recognise
from perfcli.io.limits import Limits
from perfcli.io.reader import read_workbook
from perfcli.reconcile.accounts import check_accounts_file
from perfcli.reconcile.model import Accounts


def accounts_of(path, role="accounts") -> list[Accounts]:
    result = check_file(str(path), path.name, Settings(), role=role)
    assert result.internal_error is None, result.internal_error
    return [m for m in result.models if isinstance(m, Accounts)]


def one(path) -> Accounts:
    (found,) = accounts_of(path)
    return found


SIMPLE = [
    ["部门名称", "项目编码", "项目名称", "年初预算数", "全年预算数", "本年支出"],
    ["某县民政局", "101", "社区居家养老服务补助", 120, 120, 114],
    ["某县民政局", "102", "临时救助", 80, 80, 71.35],
]


# --- the header, anywhere ----------------------------------------------------------------------


def test_header_is_found_anywhere_in_any_sheet(book):
    grid = [[None] * 3 + row for row in SIMPLE]
    path = book(
        {"封面": [["2023年度部门决算"]], "附表3": [[], [], ["说明：单位为万元"], [], *grid]}
    )
    acc = one(path)
    assert acc.sheet == "附表3" and acc.header_row == 4
    assert acc.columns == {
        "department": 3,
        "code": 4,
        "name": 5,
        "initial": 6,
        "budget": 7,
        "executed": 8,
    }
    first = acc.rows[0]
    assert (
        first.name.address == "F6"
        and first.code_text == "101"
        and first.department_text == "某县民政局"
    )
    assert first.cells["executed"].address == "I6"
    assert first.amount("executed", acc.unit) == D(1140000)


@pytest.mark.parametrize(
    ("label", "unit", "executed"),
    [
        ("单位：元", "元", D("114")),
        ("金额单位：万元", "万元", D("1140000")),
        (None, "", D("1140000")),
    ],
)
def test_the_unit_comes_from_its_label_and_amounts_are_compared_in_yuan(
    book, label, unit, executed
):
    path = book([["项目支出决算表"], [label], *SIMPLE])
    acc = one(path)
    assert acc.unit == unit
    assert acc.rows[0].amount("executed", acc.unit) == executed


def test_a_unit_in_the_header_cell_or_in_an_amount_cell(book):
    rows = [
        ["项目名称", "调整后预算数(万元)", "支出决算数(万元)"],
        ["甲项目", 10, "9.5万元"],
        ["乙项目", 10, "3,000元"],
    ]
    acc = one(book(rows))
    assert acc.unit == "万元"
    assert [r.amount("executed", acc.unit) for r in acc.rows] == [D(95000), D(3000)]


def test_two_row_header_splits_expenditure_by_source(book):
    sheets, kw = accounts_table(accounts_rows([EDUCATION]))
    acc = one(book(sheets, **kw))
    assert acc.unit == "元" and acc.year == 2023 and acc.header_row == 2
    assert acc.columns == {"unit_name": 0, "code": 1, "name": 2, "initial": 3, "budget": 4,
                           "executed": 5, "fiscal": 6, "other": 7}  # fmt: skip
    assert [r.name_text for r in acc.rows] == [p.name for p in EDUCATION.projects]
    schools = acc.rows[0]
    assert (
        schools.amount("executed", "元") == D("8865000")
        and schools.cells["executed"].address == "F8"
    )
    assert schools.amount("fiscal", "元") == D("8372500") and schools.amount("other", "元") == D(
        "492500"
    )
    assert [(t.role, t.department_text) for t in acc.totals] == [
        ("total", "示例县教育局"), ("basic", "示例县教育局"), ("project_total", "示例县教育局")]  # fmt: skip
    assert acc.issues == []


def test_expenditure_printed_only_by_source_is_their_sum(book):
    rows = [
        ["项目名称", "预算数", "本年支出", None],
        [None, None, "财政拨款", "其他资金"],
        ["甲", 10, 6, 3],
    ]
    acc = one(book(rows, merges={"Sheet1": ["C1:D1", "A1:A2", "B1:B2"]}))
    assert acc.executed_from_parts and "executed" not in acc.columns
    assert acc.rows[0].amount("executed", acc.unit) == D(90000)
    assert acc.rows[0].amount_cell("executed").address == "C3"
    assert acc.issues == []


def test_department_merged_down_named_in_a_total_label_or_above_the_table(book):
    rows = [["单位名称", "项目名称", "预算数", "本年支出"], ["示例县教育局", "甲", 1, 1], [None, "乙", 2, 2],
            [None, "示例县教育局合计", 3, 3], ["示例县民政局", "丙", 4, 4], ["总计", None, 7, 7]]  # fmt: skip
    acc = one(book(rows, merges={"Sheet1": ["A2:A4"]}))
    assert [(r.name_text, r.department_text) for r in acc.rows] == [
        ("甲", "示例县教育局"), ("乙", "示例县教育局"), ("丙", "示例县民政局")]  # fmt: skip
    assert [(t.role, t.department_text) for t in acc.totals] == [
        ("total", "示例县教育局"),
        ("grand", ""),
    ]
    heading = [["单位名称：示例县民政局", None, None, "单位：万元"], ["项目名称", "预算数", "本年支出"], ["丙", 4, 4],
               ["合计", 4, 4], ["基本支出", 1, 1]]  # fmt: skip
    acc = one(book(heading, name="one.xlsx"))
    assert acc.department.text == "示例县民政局" and acc.has_departments
    assert [(t.role, t.row) for t in acc.totals] == [("total", 3), ("basic", 4)]


def test_column_numbers_and_notes_are_not_rows(book):
    rows = [["项目名称", "预算数", "本年支出"], ["栏次", 1, 2], ["甲", 5, 5], ["注：金额单位为万元", None, None],
            ["单位负责人：张三", None, None]]  # fmt: skip
    acc = one(book(rows))
    assert [r.name_text for r in acc.rows] == ["甲"]


def test_the_model_pickles_and_makes_a_frame(book):
    acc = one(book(SIMPLE))
    again = pickle.loads(pickle.dumps(acc))
    assert again.rows[1].name_text == "临时救助"
    frame = acc.frame()
    assert list(frame.columns) == [
        "row",
        "code",
        "name",
        "department",
        "initial",
        "budget",
        "executed",
    ]
    assert frame.loc[1, "executed"] == "71.35" and frame.loc[0, "row"] == 1


# --- detection while walking a folder -----------------------------------------------------------


def test_an_untitled_accounts_sheet_is_recognised(book):
    (form,) = recognise(read_workbook(book(SIMPLE)))
    assert isinstance(form, Accounts) and len(form.rows) == 2


@pytest.mark.parametrize(
    "header",
    [["序号", "项目编码", "项目名称", "年初预算数", "全年预算数", "全年执行数", "执行率", "自评得分", "自评等级"],
     ["项目名称", "全年预算数", "全年执行数", "分值", "得分"]],
)  # fmt: skip
def test_a_summary_or_a_scored_table_is_never_accounts(book, header):
    rows = [header, ["1", "101", "甲", 10, 10, 9, "90%", 95, "优"][: len(header)]]
    kinds = [f.kind for f in recognise(read_workbook(book(rows)))]
    assert "accounts" not in kinds


def test_self_evaluation_forms_are_not_taken_for_accounts(book):
    form = central()
    form.put(
        "B11", "按时完成项目支出决算表编报，全年为1260名老年人提供服务。"
    )  # a sentence, not a title
    found = recognise(read_workbook(book(form.sheets(), merges=form.merge_map())))
    assert [f.kind for f in found] == ["selfeval_project"]
    titled = [["2023年度决算公开：项目支出绩效自评表"], *central().rows[1:]]
    assert [f.kind for f in recognise(read_workbook(book(titled, name="t.xlsx")))] == [
        "selfeval_project"
    ]


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_in_utf8_or_gbk(tmp_path, encoding):
    text = '金额单位：元\n部门名称,项目名称,调整后预算数,本年支出\n某局,甲项目,"1,200,000.00","1,140,000.00"\n'
    path = tmp_path / "决算.csv"
    path.write_bytes(text.encode(encoding))
    acc = one(path)
    assert acc.source == "csv" and acc.unit == "元"
    assert (
        acc.rows[0].amount("executed", acc.unit) == D("1140000")
        and acc.rows[0].name.address == "B3"
    )


def test_csv_with_semicolons(tmp_path):
    path = tmp_path / "决算.csv"
    path.write_text("项目名称;预算数;本年支出\n甲;10;9.5\n", encoding="utf-8")
    assert one(path).rows[0].amount("executed", "") == D(95000)


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "E001"), (b"\x00\x01\x02PK\x03\x04" * 100, "E001"), (b"\x80\x81\xff\xfe", "E001"),
     (b'"' + b"x" * (2 << 20) + b'"', "E001"), (("a," * 20000 + "\n").encode(), "E004")],
    ids=["empty", "binary", "bad-encoding", "huge-field", "too-many-columns"],
)  # fmt: skip
def test_hostile_csv_is_a_finding_never_a_crash(tmp_path, data, code):
    path = tmp_path / "决算.csv"
    path.write_bytes(data)
    result = check_accounts_file(str(path), "决算.csv", Settings())
    assert result.internal_error is None
    assert [f.code for f in result.findings] == [code] and result.status == "failed"
    if code == "E001":  # a CSV is not called a workbook
        (finding,) = result.findings
        assert finding.message.startswith("文件无法作为 CSV 表格读取")
        assert "CSV table" in finding.message_en


def test_a_broken_accounts_workbook_is_called_a_workbook(tmp_path):
    path = tmp_path / "决算.xlsx"
    path.write_bytes(b"PK\x03\x04 truncated")
    (finding,) = check_accounts_file(str(path), "决算.xlsx", Settings()).findings
    assert finding.code == "E001" and "工作簿" in finding.message


def test_csv_over_the_cell_limit(tmp_path):
    path = tmp_path / "决算.csv"
    path.write_text("项目名称,预算数,本年支出\n" + "甲,1,1\n" * 50, encoding="utf-8")
    limits = Limits(max_cells=60)
    result = check_accounts_file(str(path), "决算.csv", Settings(limits=limits))
    assert [f.code for f in result.findings] == ["E004"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.binary(max_size=400)
    | st.text(alphabet=',;"\n\r\t 项目名称预算本年支出12.=—', max_size=300).map(str.encode)
)
def test_any_csv_bytes_never_crash(tmp_path, data):
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    result = check_accounts_file(str(path), "x.csv", Settings())
    assert result.internal_error is None
    assert result.status in ("checked", "failed")
    assert all(f.message for f in result.findings)


def test_formula_text_in_csv_is_only_text(tmp_path):
    path = tmp_path / "决算.csv"
    path.write_text(
        '项目名称,预算数,本年支出\n"=HYPERLINK(""http://x"")",1,"=1+1"\n', encoding="utf-8"
    )
    result = check_accounts_file(str(path), "决算.csv", Settings())
    assert [(f.code, f.cell) for f in result.findings] == [("R009", "C2")]


# --- the schema: R009 with cells ---------------------------------------------------------------


def r009(path):
    result = check_accounts_file(str(path), path.name, Settings())
    assert result.internal_error is None
    return [(f.cell, f.message) for f in result.findings if f.code == "R009"]


def test_R009_missing_column_points_at_the_header(book):
    found = r009(book([["项目名称", "本年支出"], ["甲", 5]]))
    assert found == [
        ("A1", "决算表缺少“调整后预算数”列（表头在本行，已识别的列：项目名称、本年支出）")
    ]


def test_R009_non_numeric_amount_at_its_cell(book):
    found = r009(book([*SIMPLE, ["某县民政局", "103", "高龄补贴", 10, "约50万", 9]]))
    assert found == [("E4", "决算表“高龄补贴”的全年预算数“约50万”不是数字")]


def test_R009_duplicate_code_at_the_second_row(book):
    found = r009(book([*SIMPLE, ["某县民政局", "101", "社区养老", 1, 1, 1]]))
    assert found == [("B4", "决算表中项目编码 101 重复（第 2 行已有），本行“社区养老”")]


def test_R009_duplicate_code_read_from_names(book):
    rows = [["项目名称", "预算数", "本年支出"], ["51000021R000000019951-工资性支出", 1, 1],
            ["51000021R000000019951-工资性支出（追加）", 1, 1]]  # fmt: skip
    assert [c for c, _ in r009(book(rows))] == ["A3"]


def test_R009_no_table_in_the_file(book):
    result = check_accounts_file(str(book([["随便写点什么"]], name="x.xlsx")), "x.xlsx", Settings())
    assert [(f.code, f.cell, f.file) for f in result.findings] == [("R009", None, "x.xlsx")]
    assert result.status == "failed" and "找不到项目支出表" in result.findings[0].message


def test_R009_passes_on_a_clean_table(book):
    sheets, kw = accounts_table(accounts_rows([EDUCATION]))
    assert r009(book(sheets, **kw)) == []


def test_R009_also_on_accounts_met_while_walking(book):
    path = book([["项目支出决算表"], ["项目名称", "预算数", "本年支出"], ["甲", "见附件", 1]])
    result = check_file(str(path), path.name, Settings())
    assert [(f.code, f.cell) for f in result.findings] == [("R009", "B3")]


@pytest.mark.parametrize(
    ("name", "code"),
    [("空文件.xlsx", "E001"), ("系统导出_网页.xls", "E001"), ("下载中断.xlsx", "E001"),
     ("设置了密码.xlsx", "E002"), ("异常使用范围.xlsx", "E004"), ("说明.pdf", "E001")],
)  # fmt: skip
def test_a_broken_accounts_workbook_is_an_e_finding(name, code):
    path = Path(__file__).resolve().parent.parent / "samples" / "问题文件" / name
    result = check_accounts_file(str(path), name, Settings())
    assert result.internal_error is None and result.status == "failed"
    assert [f.code for f in result.findings] == [code]
