"""samples/决算: the finance bureau's final accounts (决算) of the two sample departments.

Built from scripts/sample_data.py, the same figures as the self-evaluation packages in
samples/自评包, so that they reconcile to the cent. Bureau style: a title, ``单位：元``, a two-row
header not on row 1 (本年支出 over 合计 | 财政拨款 | 其他资金), per department a 合计 / 基本支出 /
项目支出 row and the project rows, amounts in 元 (sample_data × 10 000).

``决算_两部门.xlsx`` is clean. ``有误/决算_两部门_有误.xlsx`` is seeded so that checking samples/自评包
against it yields R001, R002, R003, R005, R006 and R008, and nothing else:

* R001 an extra 教育局 project with expenditure and no self-evaluation (校园安全设施改造);
* R002 民政局's 临时救助资金 left out of the accounts;
* R003 农村学生营养改善计划 spent 301.26 万元 in the accounts, 298.76 in the self-evaluation;
* R005 高龄老人补贴's 本年支出 typed in 万元 (126) in a table in 元;
* R006 义务教育学校运转保障经费 booked entirely as 财政拨款 (the table splits off 其他资金);
* R008 城乡居民最低生活保障 printed as …保障资金 without its project code.

Run ``.venv/bin/python scripts/make_samples.py`` (it calls ``build``); tests/test_samples_accounts.py
fails when the committed files differ from what this builds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "tests")]

from gridbook import write_workbook  # noqa: E402
from sample_data import DEPARTMENTS, YEAR, Department, Project  # noqa: E402

TITLE = f"{YEAR}年度部门决算项目支出明细表"
HEADER = ["单位名称", "项目编码", "项目名称", "年初预算数", "调整后预算数", "本年支出", None, None]
SUBHEADER = [None, None, None, None, None, "合计", "财政拨款", "其他资金"]
HEADER_MERGES = ["A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:H3"]
YUAN = D(10000)
MONEY = "#,##0.00"

# One row of the table before it is written: 单位名称, 项目编码, 项目名称, then five amounts in 万元
# (年初预算数, 调整后预算数, 本年支出, 财政拨款, 其他资金); a float is written as it is (a seeded error).
Row = list[Any]


def project_row(dept: Department, p: Project) -> Row:
    return [dept.name, p.code, p.name, p.initial, p.budget, p.executed, p.fiscal_executed,
            p.other_executed]  # fmt: skip


def department_rows(dept: Department) -> list[Row]:
    """合计, 基本支出, 项目支出 and the project rows of one department (基本支出 is all 财政拨款)."""
    projects = [project_row(dept, p) for p in dept.projects]
    project_sums = [sum((r[i] for r in projects), D(0)) for i in range(3, 8)]
    basic = [dept.basic, dept.basic, dept.basic, dept.basic, D("0.00")]
    total = [a + b for a, b in zip(basic, project_sums, strict=True)]
    return [
        [dept.name, None, "合计", *total],
        [dept.name, None, "基本支出", *basic],
        [dept.name, None, "项目支出", *project_sums],
        *projects,
    ]


def accounts_grid(rows: list[Row]) -> tuple[list[list[Any]], dict[str, str]]:
    """The sheet's cells (amounts in 元) and the number formats of the amount cells."""
    grid: list[list[Any]] = [[TITLE], [None] * 7 + ["单位：元"], HEADER, SUBHEADER]
    formats: dict[str, str] = {}
    for r, row in enumerate(rows, start=len(grid)):
        cells: list[Any] = list(row[:3])
        for c, value in enumerate(row[3:], start=3):
            if isinstance(value, D | float):  # a float is written as it is (not converted to 元)
                cells.append(float(value * YUAN) if isinstance(value, D) else value)
                formats[f"{'ABCDEFGH'[c]}{r + 1}"] = MONEY
            else:
                cells.append(value)
        grid.append(cells)
    grid.append(["注：本表根据部门决算系统项目支出决算明细整理，金额单位为元。"])
    return grid, formats


def clean_rows() -> list[Row]:
    return [row for dept in DEPARTMENTS for row in department_rows(dept)]


def _find(rows: list[Row], name: str) -> Row:
    return next(r for r in rows if r[2] == name)


def faulty_rows() -> list[Row]:
    """The clean rows with the seeded defects of the module docstring."""
    education, civil = DEPARTMENTS
    extra = Project("51000023R000000000105", "校园安全设施改造", education.name,
                    D("50.00"), D("50.00"), D("48.60"), D("50.00"), D("0.00"))  # fmt: skip
    rows = [*department_rows(education), project_row(education, extra)]
    nutrition = _find(rows, "农村学生营养改善计划")
    nutrition[5] = nutrition[6] = D("301.26")  # R003: 301.26 ≠ 298.76
    schools = _find(rows, "义务教育学校运转保障经费")
    schools[6], schools[7] = schools[5], D("0.00")  # R006: all booked as 财政拨款
    civil_rows = [r for r in department_rows(civil) if r[2] != "临时救助资金"]  # R002
    elderly = _find(civil_rows, "高龄老人补贴")
    elderly[5] = 126.0  # R005: 万元 typed into a 元 table
    assistance = _find(civil_rows, "城乡居民最低生活保障")
    assistance[1], assistance[2] = None, "城乡居民最低生活保障资金"  # R008: by normalised name
    return rows + civil_rows


BUILDS: dict[str, Callable[[], list[Row]]] = {
    "决算_两部门.xlsx": clean_rows,
    "有误/决算_两部门_有误.xlsx": faulty_rows,
}


def build(samples_root: Path) -> list[Path]:
    """Write samples/决算 under ``samples_root``; return the files written."""
    out = samples_root / "决算"
    written = []
    for name, rows in BUILDS.items():
        grid, formats = accounts_grid(rows())
        written.append(
            write_workbook(
                out / name, {"项目支出决算明细": grid}, merges={"项目支出决算明细": HEADER_MERGES},
                number_formats={"项目支出决算明细": formats},
            )
        )  # fmt: skip
    return written


if __name__ == "__main__":
    for path in build(ROOT / "samples"):
        print(path.relative_to(ROOT))
