"""Clean, consistent self-evaluation packages ("一报告三表格") built from scripts/sample_data.py.

* ``project_table(project, department)`` — the central 附件1 项目支出绩效自评表 with the project's own
  money (年初/全年预算数, 全年执行数, split into 当年财政拨款 / 上年结转资金 / 其他资金 to the cent),
  execution score, seven indicators met in full, 总分 and 等级; a rate under 90% carries its reason;
* ``summary_table(department)`` — the 项目支出绩效自评情况汇总表: one row per project, 合计 row;
* ``dept_table(department)`` — the 部门整体支出绩效自评表 (tests/layouts_selfeval_dept.central_dept)
  whose totals are 基本支出 + the projects;
* ``report_paragraphs(department)`` / ``write_report(path, paragraphs)`` — the 自评报告 (.docx)
  following the national outline and quoting the figures of the three tables.

Every figure agrees with every other, so a package built from them yields no finding; a test (or
scripts/samples_package.py) changes one thing to seed one fault.
"""

from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
for _path in (str(_ROOT / "scripts"), str(_ROOT / "tests")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from layouts import FormGrid  # noqa: E402
from sample_data import YEAR, Department, Project  # noqa: E402

E = None
D = Decimal
CENT = D("0.01")


def money(value: Decimal) -> float:
    return float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def rate_of(executed: Decimal, budget: Decimal) -> Decimal:
    """执行率 as a percentage rounded to 2 decimals (98.50)."""
    return (executed / budget * 100).quantize(CENT, rounding=ROUND_HALF_UP) if budget else D(0)


def pct(executed: Decimal, budget: Decimal) -> str:
    return f"{rate_of(executed, budget)}%"


def exec_score(project: Project) -> Decimal:
    rate = min(project.executed / project.budget, D(1)) if project.budget else D(0)
    return (rate * 10).quantize(CENT, rounding=ROUND_HALF_UP)


def total_score(project: Project) -> Decimal:
    """Execution score + 90 (every indicator met in full)."""
    return exec_score(project) + 90


def grade_of(score: Decimal) -> str:
    return "优" if score >= 90 else "良" if score >= 80 else "中" if score >= 60 else "差"


# What each project delivers: (数量 name, unit, target, actual, 效益 name) — met, never by ≥130%.
OUTPUTS: dict[str, tuple[str, str, int, int, str]] = {
    "51000023R000000000101": ("保障义务教育在校学生数", "人", 12000, 12150, "学校正常运转保障率"),
    "51000023R000000000102": ("受益农村学生人数", "人", 5200, 5230, "受益学生营养健康改善率"),
    "51000023R000000000103": ("培训教师人次", "人次", 600, 612, "参训教师教学能力提升率"),
    "51000023R000000000104": ("资助幼儿人数", "人", 1300, 1326, "家庭经济困难幼儿入园保障率"),
    "51000023R000000000201": ("保障低保对象人数", "人", 9500, 9630, "困难群众基本生活保障率"),
    "51000023R000000000202": ("临时救助人次", "人次", 800, 845, "困难群众急难问题解决率"),
    "51000023R000000000203": ("发放高龄补贴人数", "人", 4100, 4180, "高龄老人生活质量改善率"),
}


def project_table(project: Project, department: Department, year: int = YEAR) -> FormGrid:
    """The central 项目支出绩效自评表 of one sample project (see the module docstring)."""
    count, unit, target, actual, benefit = OUTPUTS[project.code]
    other_initial = min(project.other, project.initial)
    fiscal = (project.initial - other_initial, project.fiscal, project.fiscal_executed)
    other = (other_initial, project.other, project.other_executed)
    score = exec_score(project)
    total = total_score(project)

    def line(label: str, t: tuple[Decimal, Decimal, Decimal]) -> list[Any]:
        return [E, label, money(t[0]), money(t[1]), money(t[2]), "—", "—", "—", E]

    rows: list[list[Any]] = [
        ["项目支出绩效自评表", E, E, E, E, E, E, E, E],
        [f"（{year}年度）", E, E, E, E, E, E, E, E],
        ["项目名称", f"{project.code}-{project.name}", E, E, E, E, E, E, E],
        ["主管部门", department.name, E, E, "实施单位", project.implementer, E, E, E],
        ["项目资金\n（万元）", E, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", E],
        [E, "年度资金总额", money(project.initial), money(project.budget), money(project.executed),
         10, pct(project.executed, project.budget), float(score), E],
        line("其中：当年财政拨款", fiscal),
        line("上年结转资金", (D(0), D(0), D(0))),
        line("其他资金", other),
        ["年度总体目标", "预期目标", E, E, "实际完成情况", E, E, E, E],
        [E, f"按计划实施{project.name}，{count}不少于{target}{unit}，服务对象满意度不低于90%。", E, E,
         f"全年{count}{actual}{unit}，各项任务按计划完成，服务对象满意度93%。", E, E, E, E],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        [E, "产出指标", "数量指标", count, f"≥{target}{unit}", f"{actual}{unit}", 20, 20, E],
        [E, E, "质量指标", "补助对象认定准确率", "≥98%", "99%", 10, 10, E],
        [E, E, "时效指标", "补助按时发放率", "=100%", "100%", 10, 10, E],
        [E, E, "成本指标", "项目管理费用占比", "≤3%", "2.6%", 10, 10, E],
        [E, "效益指标", "社会效益指标", benefit, "≥90%", "95%", 15, 15, E],
        [E, E, "可持续影响指标", "保障机制持续运行年限", "≥3年", "3年", 15, 15, E],
        [E, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "93%", 10, 10, E],
        ["总分", E, E, E, E, E, 100, float(total), grade_of(total)],
    ]  # fmt: skip
    merges = ["A1:I1", "A2:I2", "B3:I3", "B4:D4", "F4:I4", "A5:B5", "A6:A9", "A10:A11",
              "B10:D10", "E10:I10", "B11:D11", "E11:I11", "A12:A19", "B13:B16", "B17:B18",
              "A20:F20"]  # fmt: skip
    if project.executed < project.budget * D("0.9"):
        unspent = project.budget - project.executed
        rows.append(["偏差大或目标未完成原因分析",
                     f"救助需求低于年初预计，结余资金{money(unspent):.2f}万元已按规定收回统筹使用。",
                     E, E, E, E, E, E, E])  # fmt: skip
        merges.append("B21:I21")
    return FormGrid(rows, merges, sheet="项目支出绩效自评表")


def summary_table(department: Department, year: int = YEAR) -> FormGrid:
    """The 项目支出绩效自评情况汇总表 of a sample department: one row per project and 合计."""
    rows: list[list[Any]] = [
        ["项目支出绩效自评情况汇总表", E, E, E, E, E, E, E, E, E],
        [f"（{year}年度）", E, E, E, E, E, E, E, E, E],
        [f"填报单位：{department.name}", E, E, E, E, E, E, "金额单位：万元", E, E],
        ["序号", "项目编码", "项目名称", "实施单位", "年初预算数", "全年预算数", "全年执行数", "执行率",
         "自评得分", "自评等级"],
    ]  # fmt: skip
    for n, p in enumerate(department.projects, start=1):
        score = total_score(p)
        rows.append([n, p.code, p.name, p.implementer, money(p.initial), money(p.budget),
                     money(p.executed), pct(p.executed, p.budget), float(score), grade_of(score)])  # fmt: skip
    initial, budget, executed = (
        sum((getattr(p, c) for p in department.projects), D(0))
        for c in ("initial", "budget", "executed")
    )
    rows.append(["合计", E, E, E, money(initial), money(budget), money(executed),
                 pct(executed, budget), E, E])  # fmt: skip
    last = len(rows)
    merges = ["A1:J1", "A2:J2", "A3:G3", "H3:J3", f"A{last}:D{last}"]
    return FormGrid(rows, merges, sheet="汇总表")


def dept_totals(department: Department) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """The department's (年初, 全年, 执行) triples: total, 基本支出, 项目支出, 财政拨款, 其他资金.

    基本支出 is budgeted as spent (sample_data knows only what it spent) and paid by 财政拨款."""
    ps = department.projects

    def total(attr: str) -> Decimal:
        return sum((getattr(p, attr) for p in ps), D(0))

    basic = (department.basic,) * 3
    project = (total("initial"), total("budget"), total("executed"))
    other = (sum((min(p.other, p.initial) for p in ps), D(0)), total("other"),
             total("other_executed"))  # fmt: skip
    whole = tuple(b + p for b, p in zip(basic, project, strict=True))
    fiscal = tuple(w - o for w, o in zip(whole, other, strict=True))
    return {"total": whole, "basic": basic, "project": project, "fiscal": fiscal, "other": other}  # type: ignore[dict-item]


def dept_table(department: Department, year: int = YEAR) -> FormGrid:
    """The 部门整体支出绩效自评表 (central layout) of a sample department."""
    from layouts_selfeval_dept import central_dept

    t = dept_totals(department)
    initial, budget, executed = t["total"]
    return central_dept(
        department=department.name, year=year, initial=initial, budget=budget, executed=executed,
        basic=t["basic"], project=t["project"], fiscal=t["fiscal"], other=t["other"],
    )  # fmt: skip


def dept_score(department: Department) -> Decimal:
    """The 部门整体自评表's 总分 (central_dept: execution score + 90)."""
    _initial, budget, executed = dept_totals(department)["total"]
    rate = min(executed / budget, D(1)) if budget else D(0)
    return (rate * 10).quantize(CENT, rounding=ROUND_HALF_UP) + 90


# --- the report ----------------------------------------------------------------------------------

Paragraphs = list[tuple[str, str]]  # (style: title | heading | body, text)


def report_paragraphs(department: Department, year: int = YEAR) -> Paragraphs:
    """The 自评报告 of a sample department, quoting the tables' figures."""
    _initial, budget, executed = dept_totals(department)["total"]
    score = dept_score(department)
    ps = department.projects
    p_budget = sum((p.budget for p in ps), D(0))
    p_executed = sum((p.executed for p in ps), D(0))
    low = [p for p in ps if p.executed < p.budget * D("0.9")]
    note = (f"其中{low[0].name}执行率为{pct(low[0].executed, low[0].budget)}，主要是救助需求低于预期。"
            if low else "各项目均按计划执行。")  # fmt: skip
    return [
        ("title", f"{department.name}{year}年度部门整体支出绩效自评报告"),
        ("body", f"根据县财政局关于开展{year}年度预算绩效自评工作的通知要求，现将我单位自评情况报告如下。"),
        ("heading", "一、基本情况"),
        ("body", f"{department.name}主要负责本县相关公共服务的组织实施。{year}年部门整体支出全年预算数"
                 f"{money(budget):.2f}万元，全年执行数{money(executed):.2f}万元。"),
        ("heading", "二、绩效自评工作开展情况"),
        ("body", f"我单位成立自评工作小组，对纳入预算管理的项目全面开展自评，实施项目共{len(ps)}个，"
                 f"项目资金全年预算数{money(p_budget):.2f}万元，执行数{money(p_executed):.2f}万元。"),
        ("heading", "三、综合评价情况及评价结论"),
        ("body", f"经综合评价，部门整体支出绩效自评得分{score}分，等级为优。"),
        ("heading", "四、绩效目标实现情况"),
        ("body", f"部门预算执行率为{pct(executed, budget)}。{note}各项产出和效益指标均已完成。"),
        ("heading", "五、存在的问题及原因分析"),
        ("body", "个别项目年初预算测算不够精准，年中调整较多。"),
        ("heading", "六、改进措施及有关建议"),
        ("body", "加强预算编制的前期论证，提高绩效目标设定的科学性。"),
    ]  # fmt: skip


def write_report(path: Path, paragraphs: Paragraphs) -> Path:
    """Write paragraphs to a .docx with python-docx (title and headings in Word's own styles)."""
    import docx

    document = docx.Document()
    for style, text in paragraphs:
        if style == "title":
            document.add_heading(text, level=0)
        elif style == "heading":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
