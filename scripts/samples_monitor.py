"""samples/监控表: a clean and a faulty 绩效运行监控表 of every monitoring layout, and of a sheet holding
several projects (an 一体化 export).

The clean ones come straight from tests/layouts_monitor.py and give no finding; each faulty copy is
seeded with the defects monitoring reviews meet (a miscalculated rate, spending far behind time
progress with nothing said, a missed target without a cause, two likelihoods ticked, an empty
progress cell, a forecast above the budget, an unquantified target); the faulty export carries its
defects in its second and third projects, so each finding must name the project it belongs to.
``build(samples_root)`` is called by scripts/make_samples.py; tests/test_samples_monitor.py pins
every seeded finding.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (str(ROOT), str(ROOT / "tests")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from gridbook import write_workbook  # noqa: E402
from layouts import FormGrid  # noqa: E402
from layouts_monitor import (  # noqa: E402
    central_136,
    dept_1_8,
    marks_1_6,
    yitihua_monitor_export,
)

FOLDER = "监控表"


def faulty_central_136() -> FormGrid:
    f = central_136()
    f.put("F6", "60.00%")  # M001: 75 ÷ 120 = 62.50%
    f.put("G6", 128).put("G7", 118)  # M006: forecasts above 调整后预算数 120 / 110
    f.put("G13", "1100人")  # M003: ≥1200人 missed, no cause ticked, nothing said
    f.put("E14", "稳步提高")  # Q004: a target without a number
    return f


def faulty_marks_1_6() -> FormGrid:
    f = marks_1_6()
    # M002: 60 ÷ 210 = 28.57% < 50% − 15 at the end of June, and nothing explains it anywhere.
    f.put("E5", 60).put("F5", "28.57%").put("E6", 55).put("F6", "27.50%")
    f.put("J15", None).put("O15", None).put("N15", "√").put("Q15", None).put("B18", None)
    f.put("O11", "√")  # M004: 确定能 and 有可能 both ticked
    f.put("G12", None)  # M005: 当前月执行情况 empty
    return f


def faulty_dept_1_8() -> FormGrid:
    f = dept_1_8()
    f.put("F6", "67.00%")  # M001: 420 ÷ 620 = 67.74%
    f.put("H12", None)  # M003: 1450 < 1500 人次, no cause (the remark alone)
    f.put("M10", "基本能完成")  # M004: not one of 确定能 / 有可能 / 完全不可能
    return f


def faulty_yitihua_export() -> FormGrid:
    f = yitihua_monitor_export()
    f.put("F10", "60.00%")  # M001 (困难群众临时救助): 150 ÷ 240 = 62.50%
    f.put("O10", "1400户次")  # M003 (困难群众临时救助): ≥1500户次 missed, no cause, nothing said
    f.put("G15", 90)  # M006 (殡葬设施改造): 全年预计执行数 90 above 调整后预算数 80
    return f


BUILDS: dict[str, Callable[[], FormGrid]] = {
    "项目_136号监控表_正确": central_136,
    "项目_136号监控表_有误": faulty_central_136,
    "项目_1-6月勾选式_正确": marks_1_6,
    "项目_1-6月勾选式_有误": faulty_marks_1_6,
    "部门整体_1-8月_正确": dept_1_8,
    "部门整体_1-8月_有误": faulty_dept_1_8,
    "项目_一体化导出多项目_正确": yitihua_monitor_export,
    "项目_一体化导出多项目_有误": faulty_yitihua_export,
}


def build(samples_root: Path = ROOT / "samples") -> list[Path]:
    """Write samples_root/监控表/*.xlsx; return the files written."""
    out = samples_root / FOLDER
    written = []
    for name, builder in BUILDS.items():
        form = builder()
        written.append(write_workbook(out / f"{name}.xlsx", form.sheets(), merges=form.merge_map()))
    return written


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(ROOT))
