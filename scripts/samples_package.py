"""samples/自评包 and samples/自评包_有误: complete self-evaluation packages "一报告三表格" (issue 5).

Built from scripts/sample_data.py through the clean builders of tests/layouts_package.py, so every
figure agrees with every other and with the sample accounts (samples/决算) to the cent:

* ``自评包/示例县教育局/`` and ``自评包/示例县民政局/``: 自评报告.docx, 部门整体支出绩效自评表.xlsx, one
  项目支出绩效自评表 per project (named by its code and name), 项目支出绩效自评情况汇总表.xlsx;
* ``自评包_有误/示例县教育局/``: the same package with three seeded faults — the summary row of
  农村学生营养改善计划 gives 自评得分 95.56 where its project table says 99.56 (X003), the report's
  score is 95分 where the department table says 99.92 (X007), and the project table of
  学前教育幼儿资助 is missing (X004: a summary row with no project table).

``build(samples_root)`` is called by scripts/make_samples.py; tests/test_samples_package.py
compares the committed files with a rebuild (cell values, and the report's text).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (str(ROOT), str(ROOT / "tests"), str(ROOT / "scripts")):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from gridbook import FIXED_TIME, fix_zip_times, write_workbook  # noqa: E402
from layouts import FormGrid  # noqa: E402
from layouts_package import (  # noqa: E402
    dept_score,
    dept_table,
    project_table,
    report_paragraphs,
    summary_table,
    write_report,
)
from sample_data import DEPARTMENTS, EDUCATION, Department  # noqa: E402

CLEAN = "自评包"
FAULTY = "自评包_有误"
REPORT = "自评报告.docx"
DEPT = "部门整体支出绩效自评表.xlsx"
SUMMARY = "项目支出绩效自评情况汇总表.xlsx"
# The seeded faults of 自评包_有误 (tests/test_samples_package.py pins their findings).
WRONG_ROW = "农村学生营养改善计划"  # its summary row's 自评得分 is 4 points short (X003)
WRONG_SCORE = 95.56
REPORT_SCORE = "95"  # the report's 自评得分 (X007)
MISSING = "学前教育幼儿资助"  # its project table is left out (X004)


def project_file(code: str, name: str) -> str:
    """A file name for a project table: 项目支出绩效自评表_<编码>_<名称>.xlsx (safe on Windows)."""
    safe = re.sub(r'[\\/:*?"<>|（）()]', "", name)
    return f"项目支出绩效自评表_{code}_{safe}.xlsx"


def _write(path: Path, form: FormGrid) -> Path:
    return write_workbook(path, form.sheets(), merges=form.merge_map())


def _write_report(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    """The report as ``write_report`` writes it, with python-docx's "now" (core.xml modified, zip
    member times) replaced by ``FIXED_TIME``: the same text gives the same bytes on every run."""
    import docx

    write_report(path, paragraphs)
    document = docx.Document(str(path))
    props = document.core_properties
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    document.save(str(path))
    return fix_zip_times(path)


def package(folder: Path, department: Department, *, faulty: bool = False) -> list[Path]:
    """Write one department's package into ``folder`` (with the seeded faults when ``faulty``)."""
    written = []
    paragraphs = report_paragraphs(department)
    summary = summary_table(department)
    if faulty:
        score = f"{dept_score(department)}分"
        paragraphs = [(s, t.replace(score, f"{REPORT_SCORE}分")) for s, t in paragraphs]
        row = summary.find(WRONG_ROW)
        summary.put(f"I{row[1:]}", WRONG_SCORE)
    written.append(_write_report(folder / REPORT, paragraphs))
    written.append(_write(folder / DEPT, dept_table(department)))
    for project in department.projects:
        if faulty and project.name == MISSING:
            continue
        path = folder / project_file(project.code, project.name)
        written.append(_write(path, project_table(project, department)))
    written.append(_write(folder / SUMMARY, summary))
    return written


def build(samples_root: Path = ROOT / "samples") -> list[Path]:
    """Write samples/自评包 (both departments) and samples/自评包_有误 (教育局)."""
    written: list[Path] = []
    for department in DEPARTMENTS:
        written += package(samples_root / CLEAN / department.name, department)
    written += package(samples_root / FAULTY / EDUCATION.name, EDUCATION, faulty=True)
    return written


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(ROOT))
