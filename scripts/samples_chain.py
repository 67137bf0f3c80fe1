"""samples/目标监控自评: one project followed from its target table to its self-evaluation (issue 4).

The project is 示例县民政局's 高龄老人补贴 of scripts/sample_data.py (so its money agrees with the
sample accounts to the cent). Two folders, each one submission:

* ``一致/``: the approved target table, the 1-7月 monitoring table and the self-evaluation table
  with the same indicators and the same targets: no finding at all.
* ``有变化/``: the same target table; the monitoring table lowered one target (享受补贴老人人数
  ≥1050人 → ≥1000人) and the self-evaluation kept the lowered target and dropped one indicator
  (高龄补贴制度持续实施年限): X001 on each later form and X002 on the self-evaluation.

The forms are the clean builders of tests/layouts.py, tests/layouts_target.py and
tests/layouts_monitor.py with this project's identity, money and indicators put in. ``build(samples_root)`` is called by
scripts/make_samples.py; tests/test_samples_chain.py compares the committed files with a rebuild.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (str(ROOT), str(ROOT / "tests"), str(ROOT / "scripts")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from gridbook import write_workbook  # noqa: E402
from layouts import FormGrid, central  # noqa: E402
from layouts_monitor import central_136  # noqa: E402
from layouts_target import national_88  # noqa: E402
from sample_data import CIVIL_AFFAIRS, YEAR  # noqa: E402

FOLDER = "目标监控自评"
PROJECT = next(p for p in CIVIL_AFFAIRS.projects if p.name == "高龄老人补贴")
GOAL = "为全县80周岁以上老人按月足额发放高龄补贴，惠及1050人以上，发放准确率100%，受助老人满意度不低于90%。"
# The year's indicators: (一级, 二级, 三级, target, self-evaluation actual, 分值).
INDICATORS = [
    ("产出指标", "数量指标", "享受补贴老人人数", "≥1050人", "1062人", 20),
    ("产出指标", "质量指标", "补贴发放准确率", "=100%", "100%", 10),
    ("产出指标", "时效指标", "补贴按月发放率", "=100%", "100%", 10),
    ("产出指标", "成本指标", "人均年补贴成本", "≤1200元", "1186元", 10),
    ("效益指标", "社会效益指标", "高龄老人基本生活保障覆盖率", "≥95%", "98%", 15),
    ("效益指标", "可持续影响指标", "高龄补贴制度持续实施年限", "≥3年", "3年", 15),
    ("满意度指标", "服务对象满意度指标", "受助老人满意度", "≥90%", "95%", 10),
]
# The monitoring table's 1-7月执行情况 and 全年预计完成情况 of each indicator (all on course).
PROGRESS = [("1058人", "1062人"), ("100%", "100%"), ("100%", "100%"), ("695元", "1186元"),
            ("97%", "98%"), ("3年", "3年"), ("94%", "95%")]  # fmt: skip
# 1-7月执行数 by source (财政拨款, 其他资金): 7/12 of the year's money, to the cent.
JULY = (Decimal("58.33"), Decimal("15.17"))
# The 中期 (2023-2025) indicators of the target table, one per annual one.
MIDTERM = ["≥3150人次", "=100%", "=100%", "≤1200元", "≥95%", "≥3年", "≥90%"]
MIDTERM_NAMES = ["三年累计享受补贴老人人次", "三年补贴发放准确率", "三年补贴按月发放率", "三年人均年补贴成本",
                 "三年高龄老人基本生活保障覆盖率", "高龄补贴制度累计实施年限", "三年平均受助老人满意度"]  # fmt: skip
CHANGED_TARGET = ("享受补贴老人人数", "≥1000人")  # the later forms' lowered target (X001)
DROPPED = "高龄补贴制度持续实施年限"  # the indicator the later forms leave out (X002)


def _num(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def target_table() -> FormGrid:
    """The approved 项目支出绩效目标申报表 (财预〔2015〕88号 layout) of 高龄老人补贴."""
    f = national_88()
    f.put("B3", PROJECT.name).put("B4", f"[{CIVIL_AFFAIRS.code}]{CIVIL_AFFAIRS.name}")
    f.put("D4", PROJECT.implementer).put("B5", "延续项目").put("D5", f"{YEAR}年-{YEAR + 2}年")
    budget, fiscal, other = (_num(v) for v in (PROJECT.budget, PROJECT.fiscal, PROJECT.other))
    f.put("C6", budget * 3).put("C7", fiscal * 3).put("C8", other * 3)
    f.put("E6", budget).put("E7", fiscal).put("E8", other)
    f.put("B10", "三年累计为3150人次以上高龄老人按月足额发放高龄补贴，发放准确率100%。")
    f.put("D10", GOAL)
    for i, (_l1, _l2, name, target, _actual, _weight) in enumerate(INDICATORS):
        f.put(f"D{12 + i}", MIDTERM_NAMES[i]).put(f"E{12 + i}", MIDTERM[i])
        f.put(f"D{20 + i}", name).put(f"E{20 + i}", target)
    return f


def selfeval_table() -> FormGrid:
    """The 项目支出绩效自评表 (财预〔2020〕10号 附件1 layout) of 高龄老人补贴: every target met."""
    f = central()
    f.put("B3", PROJECT.name).put("B4", CIVIL_AFFAIRS.name).put("F4", PROJECT.implementer)
    money = [(6, PROJECT.initial, PROJECT.budget, PROJECT.executed),
             (7, PROJECT.fiscal, PROJECT.fiscal, PROJECT.fiscal_executed),
             (8, Decimal(0), Decimal(0), Decimal(0)),
             (9, PROJECT.other, PROJECT.other, PROJECT.other_executed)]  # fmt: skip
    for row, initial, budget, executed in money:
        f.put(f"C{row}", _num(initial)).put(f"D{row}", _num(budget)).put(f"E{row}", _num(executed))
    rate = PROJECT.executed / PROJECT.budget
    f.put("G6", f"{rate * 100:.2f}%").put("H6", _num((rate * 10).quantize(Decimal("0.01"))))
    f.put("B11", GOAL)
    f.put(
        "E11",
        "全年为1062名80周岁以上老人按月足额发放高龄补贴126万元，发放准确率100%，受助老人满意度95%。",
    )
    for i, (_l1, _l2, name, target, actual, weight) in enumerate(INDICATORS):
        row = 13 + i
        f.put(f"D{row}", name).put(f"E{row}", target).put(f"F{row}", actual)
        f.put(f"G{row}", weight).put(f"H{row}", weight)
    f.put("G20", 100).put("H20", 100).put("I20", "优")
    return f


def monitor_table() -> FormGrid:
    """The 1-7月 项目支出绩效目标执行监控表 (财预〔2019〕136号 layout) of 高龄老人补贴: on course."""
    f = central_136()
    f.put("B3", PROJECT.name).put("B4", f"[{CIVIL_AFFAIRS.code}]{CIVIL_AFFAIRS.name}")
    f.put("J4", PROJECT.implementer)
    sources = [(7, PROJECT.fiscal, JULY[0]), (8, PROJECT.other, JULY[1])]
    for row, budget, spent in [(6, PROJECT.budget, sum(JULY)), *sources]:
        rate = f"{spent / budget * 100:.2f}%"
        f.put(f"C{row}", _num(budget)).put(f"D{row}", _num(budget)).put(f"E{row}", _num(spent))
        f.put(f"F{row}", rate).put(f"G{row}", _num(budget))
    f.put("B10", GOAL)
    f.put("G10", "1-7月已为1058名80周岁以上老人按月发放高龄补贴73.5万元，发放准确率100%。")
    for i, (_l1, _l2, name, target, _actual, _weight) in enumerate(INDICATORS):
        row = 13 + i
        f.put(f"D{row}", name).put(f"E{row}", target)
        f.put(f"F{row}", PROGRESS[i][0]).put(f"G{row}", PROGRESS[i][1])
        for column in "HIJKL":  # no cause ticked: every indicator is on course
            f.put(f"{column}{row}", None)
        f.put(f"M{row}", "确定能").put(f"N{row}", None)
    return f


def changed_monitor() -> FormGrid:
    """The monitoring table with the lowered target (still forecast to be met)."""
    f = monitor_table()
    name, target = CHANGED_TARGET
    f.put(_beside(f, name, "E"), target)
    return f


def changed_selfeval() -> FormGrid:
    """The self-evaluation with the lowered target and the dropped indicator (weights re-spread,
    so the form itself stays correct and only the X rules speak)."""
    f = selfeval_table()
    name, target = CHANGED_TARGET
    f.put(_beside(f, name, "E"), target)
    dropped = f.find(DROPPED)
    f.put("G17", 30).put("H17", 30)  # 社会效益 takes the dropped indicator's 15 points
    f.delete_row(int(dropped[1:]))
    f.merges = [m for m in f.merges if len(set(m.split(":"))) == 2]  # B17:B18 shrank to one cell
    return f


def _beside(f: FormGrid, name: str, column: str) -> str:
    return f"{column}{f.find(name)[1:]}"


def build(samples_root: Path) -> list[Path]:
    """Write samples/目标监控自评/一致 and 有变化; return the files written."""
    root = samples_root / FOLDER
    files = {
        "一致/1_绩效目标申报表.xlsx": target_table(),
        "一致/2_绩效运行监控表.xlsx": monitor_table(),
        "一致/3_绩效自评表.xlsx": selfeval_table(),
        "有变化/1_绩效目标申报表.xlsx": target_table(),
        "有变化/2_绩效运行监控表.xlsx": changed_monitor(),
        "有变化/3_绩效自评表.xlsx": changed_selfeval(),
    }
    written = []
    for name, form in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        written.append(write_workbook(path, form.sheets(), merges=form.merge_map()))
    return written


if __name__ == "__main__":
    for written_path in build(ROOT / "samples"):
        print(written_path.relative_to(ROOT))
