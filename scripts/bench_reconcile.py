"""`make bench`, the reconciliation line: 2,000 self-evaluated projects against a 2,000-row 决算.

The accounts file is written to disk and read the way ``--accounts`` reads it (reader, header by
labels, pandera schema); the 2,000 project self-evaluations are models in memory (reading 2,000
workbooks is the batch benchmark's business, not this one's). Timed: reading the accounts, then
grouping the forms into submissions and running the R rules (matching by code, name, normalised
and close names; comparing every figure). Target: under 2 s for both. Some projects are matched by
name only, a few by close names, a few differ, so every path of the matching runs.

Run alone: ``.venv/bin/python scripts/bench_reconcile.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from decimal import Decimal as D
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from gridbook import write_workbook  # noqa: E402

from perfcli.engine import FileResult, Report, Settings, check_file, check_submissions  # noqa: E402
from perfcli.forms.model import FundingBlock, FundingRow, Located, SelfEvalProject  # noqa: E402

N = 2000
DEPARTMENTS = [f"示例县第{i}局" for i in range(1, 21)]
WORDS = "城乡教育卫生交通水利农业民政文化体育科技环保住房就业养老医疗救助道路桥梁校舍设备"


def project_name(i: int) -> str:
    a, b = WORDS[i % 31 : i % 31 + 2], WORDS[(i * 7) % 31 : (i * 7) % 31 + 2]
    return f"{a}{b}专项第{i}号工程项目"


def accounts_rows() -> list[list[object]]:
    rows: list[list[object]] = [["2023年度部门决算项目支出明细表"], ["单位：元"],
                                ["单位名称", "项目编码", "项目名称", "年初预算数", "调整后预算数", "本年支出",
                                 "财政拨款支出", "其他资金支出"]]  # fmt: skip
    for i in range(N):
        budget = 100_000 + i * 37
        executed = budget - (i % 13) * 100
        rows.append([DEPARTMENTS[i % 20], f"51000023R{i:012d}", project_name(i), budget, budget,
                     executed, executed - 1000, 1000])  # fmt: skip
    return rows


def project_model(i: int) -> tuple[str, SelfEvalProject]:
    """Project i as its self-evaluation would be read (万元), in its department's folder."""
    sheet = f"项目{i}"
    budget = D(100_000 + i * 37) / 10000
    executed = D(100_000 + i * 37 - (i % 13) * 100) / 10000
    if i % 200 == 7:
        executed += D("1.5")  # a few differ (R003)
    name = project_name(i)
    if i % 3 == 0:
        name = f"51000023R{i:012d}-{name}"  # matched by code
    elif i % 50 == 1:
        name = name.replace("工程项目", "工程")  # matched by normalised name
    elif i % 100 == 2:
        name = name.replace("专项", "专项资金")  # matched by a close name

    def cell(value: object, col: int) -> Located:
        return Located(value, sheet, 5, col)

    total = FundingRow(cell("年度资金总额", 1), "total", {
        "initial": cell(float(budget), 2), "budget": cell(float(budget), 3),
        "executed": cell(float(executed), 4)})  # fmt: skip
    fiscal = FundingRow(Located("其中：当年财政拨款", sheet, 6, 1), "source",
                        {"executed": Located(float(executed - D("0.1")), sheet, 6, 4)})  # fmt: skip
    other = FundingRow(Located("其他资金", sheet, 8, 1), "source",
                       {"executed": Located(0.1, sheet, 8, 4)})  # fmt: skip
    form = SelfEvalProject(
        kind="selfeval_project", sheet=sheet, first_row=0, last_row=20, year=2023, unit="万元",
        project_name=Located(name, sheet, 2, 1), department=Located(DEPARTMENTS[i % 20], sheet, 3, 1),
        funding=FundingBlock(header=cell("年初预算数", 2), rows=[total, fiscal, other]),
    )  # fmt: skip
    return f"自评/{DEPARTMENTS[i % 20]}/项目{i}.xlsx", form


def main() -> None:
    settings = Settings()
    models = [project_model(i) for i in range(N)]
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(Path(tmp) / "决算.xlsx", accounts_rows())
        check_file(str(path), "warm-up", settings, role="accounts")  # imports pandas/pandera once
        start = time.perf_counter()
        accounts = check_file(str(path), "决算.xlsx", settings, role="accounts")
        read = time.perf_counter() - start
    files = [FileResult(path=file, models=[form]) for file, form in models]
    report = Report(files=[*files, accounts])
    start = time.perf_counter()
    check_submissions(report, settings)
    matched = time.perf_counter() - start
    found = [f for f in report.findings if f.code.startswith("R")]
    codes = {code: sum(f.code == code for f in found) for code in sorted({f.code for f in found})}
    print(
        f"reconcile {N} projects     {read + matched:7.2f} s  (reading the {N}-row 决算 {read:.2f} s, "
        f"matching and R rules {matched:.2f} s; {codes}; target < 2 s)"
    )


if __name__ == "__main__":
    main()
