"""R005–R009 — why figures differ or need a look, and the 决算 table itself (rules.md R).

R005 a unit error (×10⁴) instead of a mismatch, R006 the split by source, R007 the 部门整体自评表's
totals (at the department table's cell), R008 a name-only match for a person to confirm: submission
rules over ``reconcile_submission``. R009 judges the 决算 table's schema (a form rule on kind
``accounts``). Re-exported by ``rules.accounts``; R001–R004 are in _accounts_projects.py.
"""

from __future__ import annotations

from typing import Any

from perfcli.reconcile.figures import Comparison
from perfcli.reconcile.model import Accounts
from perfcli.reconcile.reconcile import Pair, Reconciliation, reconcile_submission
from perfcli.rules._accounts_text import (
    SUBMISSION,
    code_text,
    field_label,
    field_label_en,
    figures,
    place,
    ratio_text,
    split_text,
)
from perfcli.rules.base import Context, Rule
from perfcli.submissions import Submission

R005 = Rule(
    code="R005", name="accounts-unit-error", severity="error", forms=SUBMISSION,
    title="金额单位错误（元/万元）", title_en="Amount unit error (yuan vs 10k yuan)",
    messages={"default": "{fields} {actual} 与决算 {expected}{as_printed} 相差约 1 万倍（比值 {ratio}），"
                         "应是元与万元混用，而不是金额不符"},
    messages_en={"default": "{fields_en} {actual_en} and the accounts' {expected_en}{as_printed_en} differ by a factor "
                            "of about 10,000 (ratio {ratio}): yuan and 10k yuan are mixed up"},
    hint="请核对自评表与决算的金额单位（元/万元）：万元表中按元填写的金额应除以 10000，或改正表头的单位说明；"
         "决算一侧填错的，请财政部门更正决算表",
    hint_en="Check the amount units of the table and of the accounts: divide yuan amounts by 10,000 in a "
            "10k-yuan table, or fix the unit label",
    what="自评表与决算的同一金额相差约 10⁴ 倍（比值在 10000 的 ±2% 以内）时，报告为金额单位错误（元/万元），"
         "不再报告 R003/R004 金额不符。",
    why="元/万元混用很常见（在万元表中填元数），按不符报告会让人去找并不存在的差额。",
    bad="单位为万元的自评表中全年执行数填 8865000（按元填写），决算为 886.50 万元。",
    good="全年执行数填 886.50。",
    scope="submission",
)  # fmt: skip

R006 = Rule(
    code="R006", name="accounts-source-mismatch", severity="warning", forms=SUBMISSION,
    title="资金来源拆分与决算不符", title_en="Split by source differs from the accounts",
    messages={"default": "资金来源拆分与决算不一致：自评表{mine}；决算{theirs}（决算 {accounts_place}）"},
    messages_en={"default": "The split by source differs from the accounts: the table has {mine_en}; the "
                            "accounts have {theirs_en} (accounts {accounts_place})"},
    hint="请按决算的财政拨款支出、其他资金支出分别填写各资金来源的全年执行数（上年结转资金单列的，按其资金性质计入）",
    hint_en="Fill in each source's spending as the accounts split it (fiscal appropriation, other funds)",
    what="全年执行数一致时，再核对其中财政拨款（财政资金）与其他资金（单位资金、财政专户管理资金等）的执行数与决算的"
         "财政拨款支出、其他资金支出是否一致；上年结转资金计入使两边一致的一方。任一方未分来源时不核对。",
    why="财政拨款与其他资金的口径不同，决算分别反映；拆分不一致说明来源填错，影响按资金来源的绩效分析。",
    bad="自评表财政拨款 886.50、其他资金 0，决算财政拨款支出 837.25、其他资金支出 49.25。",
    good="财政拨款 837.25，其他资金 49.25。",
    params=("amount_tolerance",),
    scope="submission",
)  # fmt: skip

R007 = Rule(
    code="R007", name="accounts-dept-total-mismatch", severity="error", forms=("selfeval_dept",),
    title="部门整体支出与决算不符", title_en="Department totals differ from the accounts",
    messages={"default": "部门整体自评表的{field} {actual} 与决算{accounts_field} {expected}{as_printed} 不一致，"
                         "相差 {difference}（决算 {accounts_place}）"},
    messages_en={"default": "The department table's {field_en} {actual_en} differs from the accounts' "
                            "{expected_en}{as_printed_en} by {difference_en} (accounts {accounts_place})"},
    hint="请按决算核对部门整体支出（全年执行数、基本支出、项目支出）",
    hint_en="Check the department's spending (total, basic, project) against the final accounts",
    what="部门整体支出绩效自评表的全年执行数、基本支出、项目支出应等于决算中本部门的合计、基本支出、项目支出"
         "（两边都列出的才核对；折算为元比较，允许 amount_tolerance）。",
    why="部门整体自评反映的是部门全部支出，应与部门决算一致。",
    bad="部门整体自评表全年执行数 3600.00 万元，决算本部门合计 3641.36 万元。",
    good="全年执行数填 3641.36 万元。",
    params=("amount_tolerance",),
    scope="submission",
)  # fmt: skip

R008 = Rule(
    code="R008", name="accounts-fuzzy-match", severity="info", forms=SUBMISSION,
    title="按名称与决算对应，请确认", title_en="Matched to the accounts by name only",
    messages={"default": "自评项目“{project}”{project_code}按{how}与决算项目“{accounts_name}”{code}对应（未按项目编码），"
                         "请确认是同一项目"},
    messages_en={"default": "Self-evaluated project “{project}”{project_code} was matched to “{accounts_name}”{code} by "
                            "{how_en}, not by project code: please confirm"},
    hint="确认无误的，建议在自评表填写与决算一致的项目编码和名称",
    hint_en="If it is the same project, write the accounts' project code and name on the table",
    what="项目没有按项目编码或完全相同的名称对应，而是按规范化名称（去掉编码、括号、空格和“项目/经费/资金”等后缀）"
         "或相近名称对应到决算：列出来供人工确认。",
    why="名称相近的项目可能是不同项目（如分期项目）；按名称对上的金额核对需要有人确认。",
    bad="自评表“教师培训配套资金”对应决算“教师培训（国培计划）配套资金”。",
    good="自评表填写决算中的项目编码。",
    scope="submission",
)  # fmt: skip

R009 = Rule(
    code="R009", name="accounts-file-invalid", severity="error", forms=("accounts",),
    title="决算表格式不符", title_en="Accounts file fails its schema",
    messages={"missing_column": "决算表缺少“{column}”列（表头在本行，已识别的列：{found}）",
              "not_numeric": "决算表“{name}”的{column}“{value}”不是数字",
              "duplicate_code": "决算表中项目编码 {code} 重复（第 {first_row} 行已有），本行“{name}”",
              "no_table": "决算文件中找不到项目支出表（需要含“项目名称”和“本年支出/支出决算数”等列的表头；工作表：{sheets}）"},
    messages_en={"missing_column": "The accounts table has no “{column_en}” column (found: {found})",
                 "not_numeric": "The accounts' {column_en} of “{name}” is not a number: “{value}”",
                 "duplicate_code": "Project code {code} appears twice in the accounts (first on row {first_row})",
                 "no_table": "No project expenditure table found in the accounts file (sheets: {sheets})"},
    hint="请使用决算系统导出的项目支出表：表头含项目编码、项目名称、调整后预算数、本年支出，金额为数字，项目编码不重复",
    hint_en="Use the project expenditure table exported from the accounts system: code, name, budget and "
            "expenditure columns, numeric amounts, unique codes",
    what="决算表先按模式校验（pandera）：必须有项目名称、预算数（调整后/全年预算数）和支出（本年支出/支出决算数）列，"
         "金额必须是数字，项目编码不得重复；不符合的按单元格报告，相应数据不参与对账。",
    why="决算是对账的依据：列缺失、金额不是数字或编码重复时，对账结果不可信。",
    bad="本年支出列填“约50万”；同一项目编码出现两行。",
    good="金额为数字，每个项目一行、编码唯一。",
)  # fmt: skip


def _unit_fields(pair: Pair) -> list[Comparison]:
    return [c for c in pair.comparisons if c.status == "unit"]


@R005.checks
def check_r005(sub: Submission, ctx: Context) -> None:
    rec = reconcile_submission(sub, ctx.profile)
    if rec is None:
        return
    for pair in rec.pairs:
        wrong = _unit_fields(pair)
        if not wrong:
            continue
        c, form = wrong[0], pair.project.form
        values = figures(c, form.unit, pair.entry.accounts.unit, pair.entry.file)
        ctx.focus(pair.project.placed.file, form)
        ctx.report(
            R005, at=c.cell, ratio=ratio_text(c),
            fields="、".join(field_label(w.field) for w in wrong),
            fields_en=", ".join(field_label_en(w.field) for w in wrong), **values,
        )  # fmt: skip
    for placed, c in rec.totals:
        if c.status == "unit":
            accounts = _accounts_of(rec, c)
            values = figures(
                c, placed.form.unit, accounts.unit if accounts else "", _file_of(rec, c)
            )
            ctx.focus(placed.file, placed.form)
            ctx.report(R005, at=c.cell, ratio=ratio_text(c), fields=field_label(c.field),
                       fields_en=field_label_en(c.field), **values)  # fmt: skip


@R006.checks
def check_r006(sub: Submission, ctx: Context) -> None:
    rec = reconcile_submission(sub, ctx.profile)
    if rec is None:
        return
    for pair in rec.pairs:
        split = pair.split
        if split is None or split.agrees:
            continue
        form = pair.project.form
        accounts_cell = pair.entry.row.cells.get("fiscal") or pair.entry.row.cells.get("other")
        ctx.focus(pair.project.placed.file, form)
        ctx.report(
            R006, at=split.cell or pair.project.cells.get("executed"),
            accounts_place=place(pair.entry.file, accounts_cell),
            **_texts(split_text(split, form.unit)),
        )  # fmt: skip


def _texts(values: dict[str, str]) -> dict[str, Any]:
    return dict(values)


def _accounts_of(rec: Reconciliation, c: Comparison) -> Accounts | None:
    for entry in rec.accounts_totals:
        if c.accounts_cell is not None and entry.row.row == c.accounts_cell.row:
            return entry.accounts
    return None


def _file_of(rec: Reconciliation, c: Comparison) -> str:
    for entry in rec.accounts_totals:
        if c.accounts_cell is not None and entry.row.row == c.accounts_cell.row:
            return entry.file
    return ""


@R007.checks
def check_r007(sub: Submission, ctx: Context) -> None:
    rec = reconcile_submission(sub, ctx.profile)
    if rec is None:
        return
    for placed, c in rec.totals:
        if c.status != "mismatch":
            continue
        accounts = _accounts_of(rec, c)
        values = figures(c, placed.form.unit, accounts.unit if accounts else "", _file_of(rec, c))
        ctx.focus(placed.file, placed.form)
        ctx.report(R007, at=c.cell, **values)


_HOW = {
    "normalised": ("规范化后的名称", "normalised name"),
    "close": ("相近名称", "a similar name"),
}


@R008.checks
def check_r008(sub: Submission, ctx: Context) -> None:
    rec = reconcile_submission(sub, ctx.profile)
    if rec is None:
        return
    for pair in rec.pairs:
        if pair.how not in _HOW:
            continue
        zh, en = _HOW[pair.how]
        if pair.how == "close":
            zh, en = f"{zh}（相似度 {pair.score:.0f}%）", f"{en} ({pair.score:.0f}% alike)"
        form = pair.project.form
        ctx.focus(pair.project.placed.file, form)
        ctx.report(
            R008, at=form.project_name or form.title, project=pair.project.bare_name,
            project_code=code_text(pair.project.code),
            accounts_name=pair.entry.row.name_text, code=code_text(pair.entry.row.code_text),
            how=zh, how_en=en,
        )  # fmt: skip


@R009.checks
def check_r009(form: Accounts, ctx: Context) -> None:
    for issue in getattr(form, "issues", []):
        ctx.report(R009, at=issue.cell, variant=issue.variant, **issue.values)
