"""Builders for the reconciliation tests: self-evaluation tables and 决算 tables from sample data.

``project_table(p, dept)`` is the central 附件1 layout (tests/layouts.py) filled with one project of
scripts/sample_data.py, arithmetically consistent (rate, score, total, grade); ``accounts_table``
is the bureau-style 决算 of scripts/samples_accounts.py. ``reconcile_run`` checks files end to end
and groups them into submissions (optionally with extra models, e.g. a department table), so a test
sees exactly the findings a user would.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP
from decimal import Decimal as D
from pathlib import Path
from typing import Any

from gridbook import write_workbook
from layouts import FormGrid, central

from perfcli.engine import FileResult, Report, Settings, check_file, check_submissions
from perfcli.findings import Finding
from perfcli.forms.model import Form, FundingBlock, FundingRow, Located
from perfcli.profile import NATIONAL, Profile

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

import sample_data  # noqa: E402
import samples_accounts  # noqa: E402
from sample_data import Department, Project  # noqa: E402

EDUCATION, CIVIL = sample_data.DEPARTMENTS


def _num(value: D, unit: str) -> float:
    return float(value * 10000) if unit == "元" else float(value)


def project_table(
    p: Project, department: str, *, name: str | None = None, unit: str = "万元", carry: D = D(0)
) -> FormGrid:
    """One project's 项目支出绩效自评表 (central layout) with sample_data's money.

    ``name`` replaces the printed project name (a code prefix, another spelling); ``unit`` 元 writes
    the amounts in 元 under a ``(元)`` label; ``carry`` moves that much of the 财政拨款 row to 上年结转.
    """
    f = central()
    f.put("B3", p.name if name is None else name).put("B4", department).put("F4", p.implementer)
    if unit == "元":
        f.put("A5", "项目资金\n（元）")
    fiscal_initial = p.initial - p.other if p.initial >= p.other else p.initial
    other_initial = p.initial - fiscal_initial
    rows = {
        6: (p.initial, p.budget, p.executed),
        7: (fiscal_initial - carry, p.fiscal - carry, p.fiscal_executed - carry),
        8: (carry, carry, carry),
        9: (other_initial, p.other, p.other_executed),
    }
    for row, values in rows.items():
        for col, value in zip("CDE", values, strict=True):
            f.put(f"{col}{row}", _num(value, unit))
    rate = p.executed / p.budget
    score = (min(rate, D(1)) * 10).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    f.put("G6", f"{(rate * 100).quantize(D('0.01'), rounding=ROUND_HALF_UP)}%").put(
        "H6", float(score)
    )
    total = D(90) + score
    f.put("H20", float(total)).put("I20", "优" if total >= 90 else "良")
    return f


def accounts_rows(departments: Iterable[Department]) -> list[list[Any]]:
    return [row for dept in departments for row in samples_accounts.department_rows(dept)]


def accounts_table(rows: list[list[Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(sheets, write_workbook keyword arguments) of a bureau-style 决算 in 元."""
    grid, formats = samples_accounts.accounts_grid(rows)
    sheet = "项目支出决算明细"
    kw = {"merges": {sheet: samples_accounts.HEADER_MERGES}, "number_formats": {sheet: formats}}
    return {sheet: grid}, kw


@dataclass(slots=True)
class DeptTable(Form):
    """A stand-in for the 部门整体支出绩效自评表 model (``funding.total`` and ``parts``)."""

    funding: FundingBlock | None = None
    parts: dict[str, FundingRow] = field(default_factory=dict)


def dept_table(dept: Department, *, executed: D | None = None, unit: str = "万元") -> DeptTable:
    """A department table whose totals are the department's (or ``executed`` for the total)."""

    def cell(value: D, row: int) -> Located:
        return Located(_num(value, unit), "部门整体", row, 4)

    total = FundingRow(Located("年度资金总额", "部门整体", 5, 1), "total",
                       {"executed": cell(dept.total if executed is None else executed, 5)})  # fmt: skip
    parts = {
        "basic": FundingRow(Located("基本支出", "部门整体", 6, 1), "source", {"executed": cell(dept.basic, 6)}),
        "project": FundingRow(Located("项目支出", "部门整体", 7, 1), "source",
                              {"executed": cell(dept.project_total, 7)}),
    }  # fmt: skip
    block = FundingBlock(header=Located("全年执行数", "部门整体", 4, 4), rows=[total])
    return DeptTable(
        kind="selfeval_dept", sheet="部门整体", first_row=0, last_row=20, unit=unit,
        department=Located(dept.name, "部门整体", 2, 1), funding=block, parts=parts, year=2023,
    )  # fmt: skip


def reconcile_run(
    files: Iterable[Path],
    accounts: Iterable[Path] = (),
    *,
    extra: Iterable[tuple[str, Form]] = (),
    profile: Profile = NATIONAL,
) -> Report:
    """Check ``files`` (forms) and ``accounts`` (--accounts) and run the submission rules.

    ``extra`` adds (path, model) pairs as if read from those paths (a department table).
    """
    settings = Settings(profile=profile)
    results = [check_file(str(p), str(p), settings) for p in files]
    for path, model in extra:
        results.append(FileResult(path=path, models=[model]))
    results += [check_file(str(p), str(p), settings, role="accounts") for p in accounts]
    for r in results:
        assert r.internal_error is None, (r.path, r.internal_error)
    report = Report(files=results, profile=profile.name)
    check_submissions(report, settings)
    return report


def r_findings(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.code.startswith("R")]


def r_codes(report: Report) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.cell) for f in r_findings(report))


def package(
    folder: Path,
    dept: Department = EDUCATION,
    *,
    names: dict[str, str] | None = None,
    unit: str = "万元",
    with_dept: bool = True,
    skip: Iterable[str] = (),
) -> tuple[list[Path], list[tuple[str, Form]]]:
    """One department's project tables in ``folder`` (+ its department table as an extra model)."""
    files = []
    for i, p in enumerate(dept.projects):
        if p.name in skip:
            continue
        name = (names or {}).get(p.name)
        form = project_table(p, dept.name, name=name, unit=unit)
        files.append(
            write_workbook(folder / f"项目{i + 1}.xlsx", form.sheets(), merges=form.merge_map())
        )
    extra = [(str(folder / "部门整体支出绩效自评表.xlsx"), dept_table(dept))] if with_dept else []
    return files, extra


def accounts_file(path: Path, rows: list[list[Any]]) -> Path:
    """A bureau-style 决算 workbook of ``rows`` (see ``samples_accounts.department_rows``)."""
    sheets, kw = accounts_table(rows)
    return write_workbook(path, sheets, **kw)


def find_row(rows: list[list[Any]], name: str) -> list[Any]:
    """The 决算 row of project ``name`` (to change one figure)."""
    return next(r for r in rows if r[2] == name)


def run(
    tmp_path: Path,
    files: list[Path],
    extra: list[tuple[str, Form]],
    rows: list[list[Any]],
    name: str = "决算.xlsx",
) -> Report:
    """Check ``files`` against a 决算 of ``rows`` written as ``name`` in ``tmp_path``."""
    return reconcile_run(files, [accounts_file(tmp_path / name, rows)], extra=extra)
