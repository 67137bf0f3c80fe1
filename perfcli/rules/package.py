"""X003–X008 — the self-evaluation package "一报告三表格" holds together (forms.md §6; rules.md X).

X006 (the package is complete) here; the 汇总表 against the project tables (X003, X004) in
_summary_rows.py, its own totals (X005, with the 汇总表's schema failures as S002/W004) in
_summary_totals.py, the 自评报告 (X007, X008) in package_report.py. This module is the family's
registry entry: ``RULES`` lists them all in catalogue order. All but X008 are submission rules:
``check(submission, ctx)`` runs once per submission and points each finding at the form it names
(``ctx.focus``).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from perfcli.rules._summary_rows import X003, X004
from perfcli.rules._summary_totals import X005
from perfcli.rules.base import Context, Rule
from perfcli.rules.package_report import X007, X008
from perfcli.submissions import Submission

PACKAGE = ("selfeval_summary", "selfeval_project", "selfeval_dept", "selfeval_report")

X006 = Rule(
    code="X006", name="package-incomplete", severity="error", forms=PACKAGE, scope="submission",
    title="自评材料不完整", title_en="Self-evaluation package incomplete",
    messages={"default": "{department}的自评材料缺少：{missing}（已提交：{present}）"},
    messages_en={"default": "The self-evaluation package of {department} lacks: {missing_en} (handed in: {present_en})"},
    hint="自评材料应为“一报告三表格”：绩效自评报告、部门整体支出绩效自评表、各项目的项目支出绩效自评表和"
         "项目支出绩效自评情况汇总表，请补交缺少的部分（放在同一文件夹中）",
    hint_en="The package is one report and three kinds of table: add the missing parts to the same folder",
    what="一个提交（同一文件夹中同一部门同一年度的文件）含有汇总表、部门整体支出绩效自评表或自评报告时，"
         "应齐备“一报告三表格”：自评报告、部门整体支出绩效自评表、项目支出绩效自评表（至少一张）、"
         "项目支出绩效自评情况汇总表。缺少的部分一并列出；结果没有单元格，文件为该提交的文件夹。"
         "文件夹中名称含“报告”的 .doc/.pdf/.wps 文件视为已提交的报告（无法审核，见 E003），不算缺少。",
    why="自评材料不全，财政部门无法审核，也无法把报告中的数字与表格核对。",
    bad="文件夹中有部门整体自评表、汇总表和项目表，没有自评报告。",
    good="补交“示例县教育局2023年度部门整体支出绩效自评报告.docx”。",
)  # fmt: skip


# --- X006 ----------------------------------------------------------------------------------------

_PARTS = (
    ("selfeval_report", "绩效自评报告", "the self-evaluation report"),
    ("selfeval_dept", "部门整体支出绩效自评表", "the department self-evaluation table"),
    ("selfeval_project", "项目支出绩效自评表", "project self-evaluation tables"),
    ("selfeval_summary", "项目支出绩效自评情况汇总表", "the summary table"),
)
_UNREAD_REPORTS = (".doc", ".pdf", ".wps", ".ofd", ".docx", ".rtf")


@X006.checks
def _check_complete(sub: Submission, ctx: Context) -> None:
    if not sub.is_package:
        return
    kinds = sub.kinds()
    if "selfeval_report" not in kinds and _report_on_disk(sub):
        kinds.add("selfeval_report")  # a .doc/.pdf report: not checked (E003), not missing
    missing = [(zh, en) for kind, zh, en in _PARTS if kind not in kinds]
    if not missing:
        return
    present = [(zh, en) for kind, zh, en in _PARTS if kind in kinds]
    ctx.focus(sub.folder, None)
    name = sub.department or PurePath(sub.folder).name or sub.folder
    department = f"{name}（{sub.year}年度）" if sub.year else name
    ctx.report(
        X006, department=department, missing="、".join(zh for zh, _ in missing),
        missing_en=", ".join(en for _, en in missing),
        present="、".join(zh for zh, _ in present) or "无", present_en=", ".join(en for _, en in present) or "nothing",
    )  # fmt: skip


def _report_on_disk(sub: Submission) -> bool:
    """A report the run could not read (.doc, .pdf …) sits in the submission's folder."""
    checked = {Path(f).name for f in sub.files}
    try:
        names = os.listdir(sub.folder or ".")
    except OSError:
        return False
    return any(
        "报告" in name and Path(name).suffix.lower() in _UNREAD_REPORTS and name not in checked
        for name in names
    )


RULES = [X003, X004, X005, X006, X007, X008]

__all__ = ["PACKAGE", "RULES", "X003", "X004", "X005", "X006", "X007", "X008"]
