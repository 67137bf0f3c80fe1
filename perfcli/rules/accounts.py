"""Rule family R — reconciliation with the final accounts (决算), rules.md.

R001–R008 judge a submission (``scope="submission"``) from ``reconcile_submission``: coverage both
ways, 全年执行数 / 预算数 / the split by source against the 决算 row, a unit error (×10⁴) instead of a
mismatch, the 部门整体自评表's totals, and name-only matches for a person to confirm. R009 judges
the 决算 table itself (a form rule on kind ``accounts``). Placement (rules.md): R001 at the 决算
row, R002–R006 at the self-evaluation cell, R007 at the department table's cell.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from perfcli.reconcile.figures import Comparison, source_kind
from perfcli.reconcile.match import closest
from perfcli.reconcile.model import Accounts, to_yuan
from perfcli.reconcile.reconcile import Pair, Reconciliation, reconcile_submission
from perfcli.rules._accounts_text import (
    SUBMISSION,
    amount,
    amount_en,
    causes,
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

R001 = Rule(
    code="R001", name="accounts-project-not-evaluated", severity="error", forms=("accounts",),
    title="决算项目未做绩效自评", title_en="Project in the accounts has no self-evaluation",
    messages={"default": "决算中的项目“{name}”{code}本年支出 {executed}，但{submission}（{folder}）的自评材料中没有它的项目支出绩效自评表",
              "closest": "决算中的项目“{name}”{code}本年支出 {executed}，但{submission}（{folder}）的自评材料中没有它的项目支出绩效自评表"
                         "（名称最接近的自评表是“{closest}”，如为同一项目请统一项目名称或编码）"},
    messages_en={"default": "Project “{name}”{code} spent {executed_en} according to the final accounts "
                            "but {submission} ({folder}) has no project self-evaluation table for it",
                 "closest": "Project “{name}”{code} spent {executed_en} according to the final accounts "
                            "but {submission} ({folder}) has no project self-evaluation table for it "
                            "(closest table: “{closest}”)"},
    hint="请为该项目补做项目支出绩效自评表（自评须覆盖全部有支出的项目）；已做自评的，请使自评表的项目名称/编码与决算一致",
    hint_en="Add a project self-evaluation for it (every project that spent money must be evaluated), or "
            "make the table's project name/code match the accounts",
    what="决算项目支出表中本年支出不为 0 的每个项目都应有一张项目支出绩效自评表（按项目编码、部门内名称、"
         "规范化名称、相近名称依次匹配）。只核对自评材料齐全（含汇总表、部门整体自评表或自评报告）的提交，"
         "单独审核一张项目表时不报告。",
    why="绩效自评要实现“资金范围的全覆盖”：有支出的项目都要自评，漏评的项目不在汇总表和报告里，财政部门无从发现。",
    bad="决算列出 4 个有支出的项目，自评材料只有 3 张项目表。",
    good="4 个项目各有一张自评表，项目编码与决算一致。",
    scope="submission",
)  # fmt: skip

R002 = Rule(
    code="R002", name="project-not-in-accounts", severity="warning", forms=SUBMISSION,
    title="自评项目不在决算中", title_en="Self-evaluated project not in the accounts",
    messages={"default": "自评项目“{project}”{code}在决算中找不到（按项目编码、名称均未匹配）",
              "closest": "自评项目“{project}”{code}在决算中找不到（按项目编码、名称均未匹配；决算中名称最接近的是“{closest}”）"},
    messages_en={"default": "Self-evaluated project “{project}”{code} is not in the final accounts (no code or name matches)",
                 "closest": "Self-evaluated project “{project}”{code} is not in the final accounts (closest: “{closest}”)"},
    hint="请核对项目名称和项目编码是否与决算一致；不属于本年度决算的项目不应提交自评表",
    hint_en="Check that the project name and code are those of the final accounts",
    what="每张项目支出绩效自评表的项目都应能在本部门的决算项目中找到。只核对决算中有本部门数据的提交。",
    why="找不到的项目要么名称/编码填写不一致（无法核对金额），要么不是本年度有支出的项目。",
    bad="自评表项目名称“学前教育资助”，决算为“学前教育幼儿资助”，且未填项目编码。",
    good="自评表填写与决算一致的项目编码和名称。",
    scope="submission",
)  # fmt: skip

R003 = Rule(
    code="R003", name="accounts-execution-mismatch", severity="error", forms=SUBMISSION,
    title="全年执行数与决算不符", title_en="Spending differs from the accounts",
    messages={"default": "全年执行数 {actual} 与决算本年支出 {expected}{as_printed} 不一致，相差 {difference}"
                         "（决算 {accounts_place}）；可能原因：{causes}"},
    messages_en={"default": "Full-year spending {actual_en} differs from the accounts' expenditure {expected_en}"
                            "{as_printed_en} by {difference_en} (accounts {accounts_place}); likely causes: {causes_en}"},
    hint="请以决算为准核对全年执行数（含上年结转和其他资金的支出，按实际支出而非拨付数），差额确有原因的请在原因栏说明",
    hint_en="Take the figure from the final accounts (including carried-over and other funds, actual spending "
            "rather than transfers)",
    what="自评表资金总额行的全年执行数应等于决算中该项目的本年支出（统一折算为元比较，允许参数 amount_tolerance，"
         "默认 0.01 万元）。两数相差约 1 万倍时按 R005 报告单位错误，不在此报告。",
    why="“绩效自评需与决算金额保持一致”：执行数不同，执行率和执行得分都失真，自评结果不可信。",
    bad="自评表全年执行数 880.00 万元，决算本年支出 886.50 万元（其他资金 6.50 万元未计入）。",
    good="全年执行数填 886.50 万元，与决算一致。",
    params=("amount_tolerance",),
    scope="submission",
)  # fmt: skip

R004 = Rule(
    code="R004", name="accounts-budget-mismatch", severity="warning", forms=SUBMISSION,
    title="预算数与决算不符", title_en="Budget differs from the accounts",
    messages={"budget": "全年预算数 {actual} 与决算调整后预算数 {expected}{as_printed} 不一致，相差 {difference}"
                        "（决算 {accounts_place}）",
              "initial": "年初预算数 {actual} 与决算年初批复数 {expected}{as_printed} 不一致，相差 {difference}"
                         "（决算 {accounts_place}）"},
    messages_en={"budget": "The full-year budget {actual_en} differs from the accounts' adjusted budget "
                           "{expected_en}{as_printed_en} by {difference_en} (accounts {accounts_place})",
                 "initial": "The initial budget {actual_en} differs from the accounts' initial approval "
                            "{expected_en}{as_printed_en} by {difference_en} (accounts {accounts_place})"},
    hint="请按决算核对{field}（全年预算数为调整后预算数，年初预算数为年初批复数）",
    hint_en="Check the {field_en} against the final accounts",
    what="自评表的全年预算数应等于决算的调整后预算数，年初预算数应等于年初批复数（折算为元比较，允许 amount_tolerance）。",
    why="预算数是执行率的分母：与决算不一致时执行率和得分都不可信，也可能漏报了年中调整。",
    bad="自评表全年预算数 860 万元（年初数），决算调整后预算数 900 万元。",
    good="全年预算数填调整后的 900 万元，年初预算数填 860 万元。",
    params=("amount_tolerance",),
    scope="submission",
)  # fmt: skip

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


RULES: list[Rule] = [R001, R002, R003, R004, R005, R006, R007, R008, R009]


def _reconciled(sub: Submission, ctx: Context) -> Reconciliation | None:
    return reconcile_submission(sub, ctx.profile)


@R001.checks
def check_r001(sub: Submission, ctx: Context) -> None:
    rec = _reconciled(sub, ctx)
    if rec is None or not sub.is_package:  # coverage is judged on a whole package (like X004)
        return
    for entry in rec.accounts_only:
        executed = entry.executed
        if not executed:
            continue  # no expenditure: nothing to evaluate
        near = (
            closest(entry.row.name_text, [p.name for p in rec.self_only]) if rec.self_only else None
        )
        ctx.focus(entry.file, entry.accounts)
        ctx.report(
            R001, at=entry.row.anchor, variant="closest" if near else "default",
            name=entry.row.name_text or entry.row.code_text, code=code_text(entry.row.code_text),
            executed=amount(executed, entry.accounts.unit), closest=near or "",
            executed_en=amount_en(executed, entry.accounts.unit), submission=sub.name,
            folder=sub.folder,
        )  # fmt: skip


@R002.checks
def check_r002(sub: Submission, ctx: Context) -> None:
    rec = _reconciled(sub, ctx)
    if rec is None:
        return
    left = [e.row.name_text for e in rec.accounts_only if e.row.name_text]
    for project in rec.self_only:
        near = closest(project.name, left) if left else None
        ctx.focus(project.placed.file, project.form)
        ctx.report(
            R002, at=project.form.project_name or project.form.title,
            variant="closest" if near else "default", project=project.bare_name,
            code=code_text(project.code), closest=near or "",
        )  # fmt: skip


def _unit_fields(pair: Pair) -> list[Comparison]:
    return [c for c in pair.comparisons if c.status == "unit"]


@R003.checks
def check_r003(sub: Submission, ctx: Context) -> None:
    rec = _reconciled(sub, ctx)
    if rec is None:
        return
    for pair in rec.pairs:
        c = pair.of("executed")
        if c is None or c.status != "mismatch":
            continue
        form = pair.project.form
        values = figures(c, form.unit, pair.entry.accounts.unit, pair.entry.file)
        carry, other, fiscal = _known_parts(pair)
        zh, en = causes(c, carry=carry, other=other, accounts_fiscal=fiscal)
        ctx.focus(pair.project.placed.file, form)
        ctx.report(R003, at=c.cell, causes=zh, causes_en=en, **values)


def _known_parts(pair: Pair) -> tuple[Decimal, Decimal, Decimal | None]:
    """What a gap may be made of: the table's 上年结转 row, the 决算's 其他资金支出 (else the
    table's 其他资金 row) and the 决算's 财政拨款支出 (all in 元)."""
    form = pair.project.form
    sums = {"carry": Decimal(0), "other": Decimal(0)}
    for row in form.funding.sources if form.funding is not None else []:
        kind = source_kind(row.label.text)
        value = to_yuan(row.get("budget"), form.unit)
        if value is not None and kind in sums:
            sums[kind] += value
    unit = pair.entry.accounts.unit
    accounts_other = pair.entry.row.amount("other", unit)
    return sums["carry"], accounts_other or sums["other"], pair.entry.row.amount("fiscal", unit)


@R004.checks
def check_r004(sub: Submission, ctx: Context) -> None:
    rec = _reconciled(sub, ctx)
    if rec is None:
        return
    for pair in rec.pairs:
        form = pair.project.form
        for name in ("budget", "initial"):
            c = pair.of(name)
            if c is None or c.status != "mismatch":
                continue
            values = figures(c, form.unit, pair.entry.accounts.unit, pair.entry.file)
            ctx.focus(pair.project.placed.file, form)
            ctx.report(R004, at=c.cell, variant=name, **values)


@R005.checks
def check_r005(sub: Submission, ctx: Context) -> None:
    rec = _reconciled(sub, ctx)
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
    rec = _reconciled(sub, ctx)
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
    rec = _reconciled(sub, ctx)
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
    rec = _reconciled(sub, ctx)
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
