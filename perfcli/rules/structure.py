"""S — structure and completeness: identity, blocks, template text, year, goals (S005: units.py).

Every rule judges what the layout asks for (rules.md, clarifications): a layout without a field or
a block is silent about it.
"""

from __future__ import annotations

from perfcli.forms.kinds import INDICATOR_KINDS
from perfcli.forms.model import Located, SelfEvalProject, TargetDept, TargetProject
from perfcli.forms.model_monitor import MonitorDept, MonitorForm, MonitorProject
from perfcli.forms.model_selfeval_dept import SelfEvalDept
from perfcli.forms.normalize import squash
from perfcli.io.values import is_placeholder, parse_number
from perfcli.rules.base import Context, Rule
from perfcli.rules.common import is_instruction_text

FORMS = INDICATOR_KINDS
AnyForm = SelfEvalProject | TargetProject | TargetDept | MonitorForm | SelfEvalDept
SelfEval = SelfEvalProject | SelfEvalDept  # forms with 预期目标 | 实际完成情况
TARGET_KINDS = ("target_project", "target_dept")

S001 = Rule(
    code="S001", name="missing-identity-field", severity="error", forms=FORMS,
    title="缺少项目标识信息", title_en="Identity field missing",
    messages={
        "default": "“{label}”未填写：表中没有{field}",
        "absent": "表中没有“项目名称”栏目，无法确认是哪个项目的自评表",
        "absent_target": "表中没有“项目名称”栏目，无法确认是哪个项目的绩效目标表",
        "absent_dept": "表中没有“部门（单位）名称”栏目，无法确认是哪个部门的绩效目标表",
        "absent_monitor": "表中没有“项目名称”栏目，无法确认是哪个项目的绩效运行监控表",
        "absent_monitor_dept": "表中没有“部门（单位）名称”栏目，无法确认是哪个部门的绩效运行监控表",
        "absent_selfeval_dept": "表中没有“部门（单位）名称”栏目，无法确认是哪个部门的整体支出绩效自评表",
    },
    messages_en={
        "default": "“{label}” is empty: the form gives no {field_en}",
        "absent": "The form has no 项目名称 (project name) field; the project cannot be identified",
        "absent_target": "The target table has no 项目名称 (project name) field; the project cannot be identified",
        "absent_dept": "The target table has no 部门(单位)名称 (department name) field; the department cannot be identified",
        "absent_monitor": "The monitoring table has no 项目名称 (project name) field; the project cannot be identified",
        "absent_monitor_dept": "The monitoring table has no 部门(单位)名称 (department name) field; the department cannot be identified",
        "absent_selfeval_dept": "The department self-evaluation has no 部门(单位)名称 (department name) field; the department cannot be identified",
    },
    hint="请在“{label}”右侧填写{field}，与预算批复中的名称一致",
    hint_en="Fill in the {field_en} next to “{label}”, as named in the approved budget",
    what="项目名称为空或缺失；表样中有“主管部门”“实施单位”栏目而未填写。表样没有的栏目不检查"
         "（如濉溪表只有主管部门，河北系统表为“实施(主管)单位”一栏，一体化导出表没有主管部门栏）。"
         "部门整体绩效目标表、部门整体绩效运行监控表和部门整体支出绩效自评表只检查“部门（单位）名称”"
         "（重庆表样为“主管部门”）。",
    why="财政部门按项目名称和单位核对预算批复、决算和汇总表；缺少这些信息的表无法归属和比对。",
    bad="主管部门 | （空） | 实施单位 | 某县养老服务中心",
    good="主管部门 | 某县民政局 | 实施单位 | 某县养老服务中心",
)  # fmt: skip

S002 = Rule(
    code="S002", name="missing-block", severity="error", forms=FORMS,
    title="缺少表格栏目", title_en="Block missing",
    messages={
        "funding": "表中没有资金栏目（年初预算数 / 全年预算数 / 全年执行数 / 执行率），无法评价预算执行",
        "goals": "表中没有年度总体目标栏目（预期目标 | 实际完成情况）",
        "grid": "表中没有绩效指标栏目（一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值）",
        "funding_target": "表中没有项目资金栏目（年度资金总额 / 财政拨款 / 其他资金）",
        "funding_dept": "表中没有部门资金栏目（资金总额 / 基本支出 / 项目支出）",
        "cost_target": "表中没有项目预算的成本构成栏目（成本构成 | 金额 | 测算依据，含合计）",
        "tasks_dept": "表中没有年度主要任务栏目（任务名称 | 主要内容 | 预算金额）",
        "goals_target": "表中没有年度绩效目标栏目（年度目标）",
        "goals_dept": "表中没有年度总体目标栏目",
        "grid_target": "表中没有绩效指标栏目（一级指标 | 二级指标 | 三级指标 | 指标值）",
        "grid_dept": "表中没有年度绩效指标栏目（一级指标 | 二级指标 | 三级指标 | 指标值）",
        "funding_monitor": "表中没有资金执行栏目（年初预算数 / 调整后预算数 / 1-N月执行数 / 执行率 / 全年预计执行数），无法监控预算执行",
        "goals_monitor": "表中没有年度总体目标栏目（年度总体目标 | 1-N月执行情况）",
        "grid_monitor": "表中没有绩效指标栏目（一级指标 | 二级指标 | 三级指标 | 年度指标值 | 1-N月执行情况 | 全年预计完成情况）",
        "summary_column": "汇总表中没有“{block}”栏目，无法核对各项目的自评结果",
    },
    messages_en={
        "funding": "The form has no money block (budget / executed / execution rate); execution cannot be assessed",
        "goals": "The form has no annual goals block (预期目标 | 实际完成情况)",
        "grid": "The form has no indicator grid (一级/二级/三级指标, target, actual)",
        "funding_target": "The target table has no money block (年度资金总额 / 财政拨款 / 其他资金)",
        "funding_dept": "The department table has no money block (资金总额 / 基本支出 / 项目支出)",
        "cost_target": "The target table has no cost build-up block (成本构成 | 金额 | 测算依据, with 合计)",
        "tasks_dept": "The department table has no annual tasks block (任务名称 | 主要内容 | 预算金额)",
        "goals_target": "The target table has no annual goal block (年度目标)",
        "goals_dept": "The department table has no annual overall goals block (年度总体目标)",
        "grid_target": "The target table has no indicator grid (一级/二级/三级指标, target value)",
        "grid_dept": "The department table has no indicator grid (一级/二级/三级指标, target value)",
        "funding_monitor": "The monitoring table has no money block (budget / spent to date / rate / full-year forecast); execution cannot be monitored",
        "goals_monitor": "The monitoring table has no annual goals block (年度总体目标 | 1-N月执行情况)",
        "grid_monitor": "The monitoring table has no indicator grid (一级/二级/三级指标, target, progress, forecast)",
        "summary_column": "The summary has no “{block_en}” column; the projects' results cannot be checked",
    },
    hint="请使用规定的表样，补上“{block}”栏目并填写",
    hint_en="Use the prescribed template and add the “{block}” block",
    what="项目支出绩效自评表缺少其表样要求的资金栏目、年度总体目标栏目或绩效指标栏目（各表样的要求见 "
         "labels.toml [layouts]）。20/80 表样以“年度绩效目标(80分)”指标表代替总体目标栏目，不要求单独的目标栏目；"
         "缺少总分由 A018 检查（只对有分值/得分列的表样）。绩效目标表要求项目资金（鄂州表样为成本构成）、"
         "年度目标和绩效指标栏目；部门整体目标表要求年度主要任务、年度总体目标和年度绩效指标，福建、湖北表样"
         "另要求部门资金栏目。绩效运行监控表（项目、部门整体）要求资金执行、年度总体目标和绩效指标三部分（“双监控”）。"
         "项目支出绩效自评情况汇总表缺少必需的栏目（如自评得分）时也报告 S002（随 X005 的核对报告，指向表头）。",
    why="自评表由资金执行、目标完成和指标完成三部分构成，缺少任一部分都无法评分和审核。",
    bad="只有绩效指标表，没有“项目资金(万元)”栏目。",
    good="按表样保留资金栏目、年度总体目标和绩效指标三部分。",
)  # fmt: skip

S003 = Rule(
    code="S003", name="template-text-left", severity="warning", forms=FORMS,
    title="残留表样文字", title_en="Template text left in",
    messages={
        "placeholder_rows": "指标表中留有 {count} 行未填写的表样占位行（首行 {first}：“{text}”）",
        "instruction": "“{label}”仍是表样中的填写说明：“{text}”，没有填写实际内容",
        "instruction_nolabel": "单元格仍是表样中的填写说明：“{text}”，没有填写实际内容",
    },
    messages_en={
        "placeholder_rows": "{count} unfilled template rows left in the indicator grid (first {first}: “{text}”)",
        "instruction": "“{label}” still holds the template's instruction “{text}” instead of content",
        "instruction_nolabel": "The cell still holds the template's instruction “{text}” instead of content",
    },
    hint="请填写实际内容并删去表样说明文字；未使用的占位行（指标1、指标2、……）请删除",
    hint_en="Replace the template's instruction text with content; delete unused placeholder rows (指标1, ……)",
    what="整格仍是表样占位符的指标行（指标1、指标2：、……、**、XX、(≥**人)），每张表报告一次并给出行数；"
         "只有表样填写说明的文字栏（目标完成情况、评价结论、存在问题、改进措施等，如"
         "“对照年度目标，说明…(100字以内)”），每格报告一次。已填写内容但保留“(100字以内)”的不报告；"
         "“注：…”“说明：…”等表样注释行不报告；“指标1工程资金金额”这类占位前缀后跟实际名称的视为已填写；"
         "名称含糊由 Q007 检查。",
    why="残留的表样文字说明表格没有认真填写，审核人需要逐格辨认哪些是内容、哪些是模板。",
    bad="年度目标完成情况：“对照年度目标，说明相关任务目标的完成情况(100字以内)”；指标行“指标2”“……”。",
    good="填写实际完成情况，删除未使用的“指标2”“……”占位行。",
)  # fmt: skip

S004 = Rule(
    code="S004", name="year-missing", severity="warning", forms=FORMS,
    title="未注明年度", title_en="Year missing",
    messages={"default": "无法从标题或表头读出年度（标题：“{title}”）"},
    messages_en={"default": "The year cannot be read from the title or header (title: “{title}”)"},
    hint="请在标题中注明评价年度，如“项目支出绩效自评表（2023年度）”",
    hint_en="State the year in the title, e.g. 项目支出绩效自评表（2023年度）",
    what="标题和表头中都没有年度（“(2023年度)”“2023年度…”或“年度：2023”）。",
    why="自评按年度进行，年度不明的表无法与当年的预算批复、决算和汇总表对应。",
    bad="项目支出绩效自评表（  年度）",
    good="项目支出绩效自评表（2023年度）",
)  # fmt: skip

S006 = Rule(
    code="S006", name="goal-missing", severity="error", forms=FORMS,
    title="年度目标缺失", title_en="Annual goal missing",
    messages={
        "default": "“{label}”未填写：没有年度预期目标",
        "verbatim": "实际完成情况与预期目标一字不差（“{text}”），没有写明实际完成了什么",
        "amount": "预期目标只填了一个数“{goal}”（实际完成情况“{result}”），不是可考核的绩效目标",
        "amount_target": "“{label}”只填了一个数“{goal}”，不是可考核的绩效目标",
    },
    messages_en={
        "default": "“{label}” is empty: no annual goal is stated",
        "verbatim": "The actual result repeats the expected goal word for word (“{text}”)",
        "amount": "The expected goal is only a number “{goal}” (actual “{result}”), not a goal",
        "amount_target": "“{label}” holds only a number “{goal}”, not a goal",
    },
    hint="请写明项目的年度绩效目标（做什么、做多少、达到什么效果），实际完成情况写实际完成的内容和数量",
    hint_en="State the annual goal (what, how much, to what effect) and describe what was actually achieved",
    what="年度总体目标栏目中的预期目标为空（错误）。另有两种警告（本规则在目录中为错误，这两种情况由检查"
         "把该条结果的严重程度改为“警告”）：实际完成情况与预期目标逐字相同（成安）；预期目标只是一个数字或"
         "金额（廊坊：预期目标“43.2”，实际“37.24”）。预期目标只剩表样说明文字时由 S003 报告。"
         "绩效目标表（项目、部门整体）检查年度目标为空（错误）和只填一个数（警告）；没有实际完成情况栏，"
         "不做逐字相同的检查。",
    why="年度目标是评价的依据；没有目标、照抄目标或只写金额，都无法判断项目做成了什么。",
    bad="预期目标“43.2”，实际完成情况“37.24”。",
    good="预期目标“完成办公楼暖通改造 3200 平方米，年内通过验收”，实际完成情况写实际完成的工程量和验收情况。",
)  # fmt: skip


def _anchor(form: AnyForm) -> Located:
    """Where a finding about the whole form points: its title, else its first cell."""
    if form.title is not None:
        return form.title
    return Located(None, form.sheet, form.first_row, form.first_col)


def _right_of(label: Located, ctx: Context) -> Located:
    """The (empty) value cell right of a label, past the label's own merged range."""
    col = label.col + 1
    if ctx.sheet is not None:
        for rng in ctx.sheet.merged:
            if rng.contains(label.row, label.col):
                col = rng.last_col + 1
                break
    return Located(None, label.sheet, label.row, col)


def _label_text(label: Located) -> str:
    return squash(label.text).rstrip(":")


# --- S001 ----------------------------------------------------------------------------------------

_FIELDS = (
    ("project_name", "项目名称", "project name"),
    ("department", "主管部门", "supervising department"),
    ("implementer", "实施单位", "implementing unit"),
)


@S001.checks
def _check_identity(form: AnyForm, ctx: Context) -> None:
    if isinstance(form, TargetDept | MonitorDept | SelfEvalDept):
        _check_dept_name(form, ctx)
        return
    shared = form.labels.get("department")
    if shared is not None and shared != form.labels.get("implementer"):
        shared = None  # Hebei: one 实施(主管)单位 label serves both fields
    reported: set[tuple[int, int]] = set()
    for key, field_zh, field_en in _FIELDS:
        value: Located | None = getattr(form, key)
        if value is not None and not value.is_empty:
            continue
        label = form.labels.get(key)
        if label is None:
            if key == "project_name":
                variant = (
                    "absent"
                    if isinstance(form, SelfEvalProject)
                    else "absent_monitor"
                    if isinstance(form, MonitorProject)
                    else "absent_target"
                )
                ctx.report(
                    S001, at=_anchor(form), variant=variant, field=field_zh, field_en=field_en
                )
            continue  # the layout has no such field (濉溪: no 实施单位; 一体化: no 主管部门)
        if (label.row, label.col) in reported:
            continue
        reported.add((label.row, label.col))
        text = _label_text(label)
        if label == shared:
            field_zh, field_en = text, "supervising / implementing unit"
        at = value if value is not None else _value_cell(label, form, ctx)
        ctx.report(S001, at=at, label=text, field=field_zh, field_en=field_en)


def _value_cell(label: Located, form: AnyForm, ctx: Context) -> Located:
    """Where an empty field's value belongs: right of its label, or under a column header (一体化)."""
    if label.row < form.first_row:  # a column header of a multi-project export
        return Located(None, label.sheet, form.first_row, label.col)
    return _right_of(label, ctx)


def _check_dept_name(form: TargetDept | MonitorDept | SelfEvalDept, ctx: Context) -> None:
    """A department table names its department (部门(单位)名称), never a project."""
    value = form.department
    if value is not None and not value.is_empty:
        return
    label = form.labels.get("dept_name")
    if label is None:
        variant = (
            "absent_monitor_dept"
            if isinstance(form, MonitorDept)
            else "absent_selfeval_dept"
            if isinstance(form, SelfEvalDept)
            else "absent_dept"
        )
        ctx.report(S001, at=_anchor(form), variant=variant, field="部门名称",
                   field_en="department name")  # fmt: skip
        return
    at = value if value is not None else _value_cell(label, form, ctx)
    ctx.report(S001, at=at, label=_label_text(label), field="部门名称", field_en="department name")


# --- S002 ----------------------------------------------------------------------------------------


_BLOCKS = (
    ("funding", "项目资金"),
    ("cost", "成本构成"),
    ("tasks", "年度主要任务"),
    ("goals", "年度总体目标"),
    ("grid", "绩效指标"),
)
_TARGET_NAMES = {"funding": "项目资金", "goals": "年度目标"}
_DEPT_NAMES = {"funding": "部门资金", "grid": "年度绩效指标"}
_MONITOR_NAMES = {"funding": "资金执行情况"}


@S002.checks
def _check_blocks(form: AnyForm, ctx: Context) -> None:
    required = form.required_blocks
    for block, name in _BLOCKS:
        if block not in required or getattr(form, block, None):
            continue  # an empty block list (no task rows) counts as missing
        if isinstance(form, TargetProject):
            variant, name = f"{block}_target", _TARGET_NAMES.get(block, name)
        elif isinstance(form, TargetDept):
            variant, name = f"{block}_dept", _DEPT_NAMES.get(block, name)
        elif isinstance(form, MonitorForm):
            variant, name = f"{block}_monitor", _MONITOR_NAMES.get(block, name)
        else:
            variant = block
        ctx.report(S002, at=_anchor(form), variant=variant, block=name)
    # No "total" finding: a layout with 分值/得分 columns but no total is A018's; a layout without
    # them (衡山) does not ask for one (rules.md clarifications). S002 would only repeat A018.


# --- S003 ----------------------------------------------------------------------------------------


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label_left_of(cell: Located, form: AnyForm, ctx: Context) -> str:
    """The label a free-text cell belongs to: its goals column header, else the text to its left."""
    goals = form.goals
    if goals is not None:
        if cell in goals.actual and goals.actual_label is not None:
            return _label_text(goals.actual_label)
        if cell in goals.expected and goals.expected_label is not None:
            return _label_text(goals.expected_label)
    if ctx.sheet is None:
        return ""
    for col in range(cell.col - 1, -1, -1):
        text = ctx.sheet.text(cell.row, col)
        if text:
            return _label_text(Located(text, cell.sheet, cell.row, col))
    return ""


@S003.checks
def _check_template_text(form: AnyForm, ctx: Context) -> None:
    grids = [form.grid, getattr(form, "midterm_grid", None)]
    placeholders = [
        row
        for grid in grids
        if grid is not None
        for row in grid.rows
        if row.is_placeholder and row.name is not None
    ]
    if placeholders:
        first = min((row.name for row in placeholders if row.name is not None),
                    key=lambda loc: (loc.row, loc.col))  # fmt: skip
        ctx.report(S003, at=first, variant="placeholder_rows", count=len(placeholders),
                   first=first.address, text=first.text)  # fmt: skip
    for cell in form.text_cells:
        if not is_instruction_text(cell.text):
            continue
        label = _label_left_of(cell, form, ctx)
        ctx.report(S003, at=cell, variant="instruction" if label else "instruction_nolabel",
                   label=label, text=_shorten(cell.text))  # fmt: skip


# --- S004 ----------------------------------------------------------------------------------------


@S004.checks
def _check_year(form: AnyForm, ctx: Context) -> None:
    if form.year is None:
        at = _anchor(form)
        if any(f.code == "S004" and f.sheet == at.sheet and f.cell == at.address
               for f in ctx.findings):  # fmt: skip
            return  # 一体化: the projects of one export share the title
        ctx.report(S004, at=at, title=_shorten(at.text) if form.title is not None else "（无标题）")


# --- S006 ----------------------------------------------------------------------------------------


def _below(label: Located) -> Located:
    return Located(None, label.sheet, label.row + 1, label.col)


def _is_amount_only(text: str) -> bool:
    return parse_number(text).ok


@S006.checks
def _check_goals(form: AnyForm, ctx: Context) -> None:
    goals = form.goals
    if goals is None:
        return  # no goals block: S002's business
    expected = [loc for loc in goals.expected if not is_placeholder(loc.value)]  # "—" is no goal
    label = goals.expected_label or goals.header
    if not expected:
        if goals.expected:
            at = goals.expected[0]  # the (empty) goal cell the locator found
        elif isinstance(form, SelfEval):
            at = label if label is goals.header else _below(label)
        elif label.row < form.first_row or label == goals.header:
            at = _value_cell(label, form, ctx)  # 年度目标 | (empty), or an export's column
        else:
            at = _below(label)  # 中期目标 | 年度目标 over their texts
        ctx.report(S006, at=at, label=_label_text(label))
        return
    expected_text = squash(goals.expected_text)
    actual_text = squash(goals.actual_text)
    if is_instruction_text(expected_text):
        return  # the printed instruction is still there: S003 reports it
    if _is_amount_only(expected_text):
        if isinstance(form, SelfEval):
            finding = ctx.report(S006, at=expected[0], variant="amount", goal=goals.expected_text,
                                 result=goals.actual_text or "（空）")  # fmt: skip
        else:
            finding = ctx.report(S006, at=expected[0], variant="amount_target",
                                 label=_label_text(label), goal=goals.expected_text)  # fmt: skip
        finding.severity = "warning"
    elif (
        isinstance(form, SelfEval)  # only a self-evaluation has an actual column
        and actual_text
        and actual_text == expected_text
        and goals.actual
    ):
        finding = ctx.report(S006, at=goals.actual[0], variant="verbatim",
                             text=_shorten(goals.actual_text))  # fmt: skip
        finding.severity = "warning"


RULES = [S001, S002, S003, S004, S006]
