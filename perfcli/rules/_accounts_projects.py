"""R001–R004 — each project against its 决算 row: coverage both ways, spending and budget (rules.md R).

Submission rules over ``reconcile_submission`` (computed once per submission): R001 a 决算 project
with spending but no self-evaluation table (at the 决算 row), R002 a table whose project is not in
the 决算, R003 全年执行数 and R004 预算数 / 年初预算数 against the 决算 (at the table's cell).
Re-exported by ``rules.accounts``; R005–R009 are in _accounts_more.py.
"""

from __future__ import annotations

from decimal import Decimal

from perfcli.reconcile.figures import source_kind
from perfcli.reconcile.match import closest
from perfcli.reconcile.model import to_yuan
from perfcli.reconcile.reconcile import Pair, reconcile_submission
from perfcli.rules._accounts_text import SUBMISSION, amount, amount_en, causes, code_text, figures
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


@R001.checks
def check_r001(sub: Submission, ctx: Context) -> None:
    rec = reconcile_submission(sub, ctx.profile)
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
    rec = reconcile_submission(sub, ctx.profile)
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


@R003.checks
def check_r003(sub: Submission, ctx: Context) -> None:
    rec = reconcile_submission(sub, ctx.profile)
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
    rec = reconcile_submission(sub, ctx.profile)
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
