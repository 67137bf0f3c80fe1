"""Models of the self-evaluation package's own parts: the 汇总表 and the 自评报告 (forms.md §1, §6).

``SelfEvalSummary`` is the 项目支出绩效自评情况汇总表: one ``SummaryRow`` per project and the 合计 row,
every value a ``Located`` cell. ``SelfEvalReport`` is the 自评报告 (.docx): its paragraphs, the
section headings found and the figures it quotes, each with the sentence it came from.

Where a report finding points: a report has no cells, so a place in it is a ``DocPlace`` —
``sheet`` is ``正文`` for body paragraphs or ``表格N`` for the N-th table, ``cell`` is ``第N段``
(the N-th paragraph of the body, 1-based, empty paragraphs counted, as Word numbers them) or
``第R行第C列`` of a table, and ``row`` the paragraph (or table row) number. Findings carry them in
their ``sheet``/``cell``/``row`` fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from perfcli.forms.model import Form, FundingBlock, IndicatorGrid, Located

# The columns of a 汇总表 row (canonical name → what people call it).
SUMMARY_COLUMNS = {
    "seq": "序号", "code": "项目编码", "name": "项目名称", "implementer": "实施单位",
    "initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数", "rate": "执行率",
    "score": "自评得分", "grade": "自评等级", "note": "偏差说明",
}  # fmt: skip
SUMMARY_COLUMNS_EN = {
    "seq": "No.", "code": "project code", "name": "project name", "implementer": "implementing unit",
    "initial": "initial budget", "budget": "full-year budget", "executed": "full-year spending",
    "rate": "execution rate", "score": "self-evaluation score", "grade": "grade", "note": "note",
}  # fmt: skip
AMOUNT_COLUMNS = ("initial", "budget", "executed")


@dataclass(slots=True)
class SummaryRow:
    """One row of a 汇总表 (a project, or the 合计 row), each column's cell where printed."""

    row: int  # 0-based sheet row
    seq: Located | None = None
    code: Located | None = None
    name: Located | None = None
    implementer: Located | None = None
    initial: Located | None = None
    budget: Located | None = None
    executed: Located | None = None
    rate: Located | None = None
    score: Located | None = None
    grade: Located | None = None
    note: Located | None = None
    label_cell: Located | None = None  # 合计 / 总计 on the total row

    def get(self, column: str) -> Located | None:
        """The cell of a canonical column (``SUMMARY_COLUMNS``), or None."""
        value = getattr(self, column, None) if column in SUMMARY_COLUMNS else None
        return value if isinstance(value, Located) else None

    @property
    def label(self) -> Located:
        """What names the row: 合计 on the total row, else the project name (or first cell)."""
        for loc in (self.label_cell, self.name, self.code, self.seq):
            if loc is not None:
                return loc
        first = next((self.get(c) for c in SUMMARY_COLUMNS if self.get(c) is not None), None)
        return first if first is not None else Located(None, "", self.row, 0)

    @property
    def weight(self) -> None:
        """A summary row has no 分值 (rules shared with other forms read a total's weight)."""
        return None

    @property
    def project_code(self) -> str:
        return self.code.text if self.code is not None else ""

    @property
    def project_name(self) -> str:
        return self.name.text if self.name is not None else ""


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """A failure of the 汇总表 schema (summary_schema.py), to be reported as a catalogued finding.

    ``code`` is the rule (S002 missing column, W004 not a number, X004 duplicate code), ``at`` the
    cell (None: the header row), ``values`` the message's placeholders.
    """

    code: str
    variant: str
    at: Located | None
    values: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class SelfEvalSummary(Form):
    """项目支出绩效自评情况汇总表: one row per project and the 合计 row."""

    header_row: int = -1  # 0-based row of the column headers (the last one of a two-row header)
    columns: dict[str, int] = field(default_factory=dict)  # canonical column → 0-based column
    headers: dict[str, Located] = field(default_factory=dict)  # canonical column → header cell
    rows: list[SummaryRow] = field(default_factory=list)
    total: SummaryRow | None = None
    issues: list[SchemaIssue] = field(default_factory=list)

    @property
    def funding(self) -> FundingBlock | None:
        """No money block of its own (its amounts are per row); shared rules look for one."""
        return None

    @property
    def grid(self) -> IndicatorGrid | None:
        return None

    def has(self, column: str) -> bool:
        return column in self.columns

    def header_label(self, column: str) -> str:
        """The form's own header text for a column (``调整后预算数``), else the canonical name."""
        loc = self.headers.get(column)
        text = "".join(loc.text.split()) if loc is not None else ""
        return text or SUMMARY_COLUMNS.get(column, column)


# --- the report ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocPlace:
    """A paragraph (or table cell) of a .docx report: where a finding about it points."""

    sheet: str  # 正文 | 表格N
    cell: str  # 第N段 | 第R行第C列
    row: int  # paragraph number (1-based) or table row
    text: str
    heading_style: bool = False  # Word's 标题/Heading/Title style

    @property
    def is_body(self) -> bool:
        return self.sheet == BODY


BODY = "正文"


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of the report and the outline sections it stands for (``basic``, ``work`` …)."""

    place: DocPlace
    title: str  # the heading text (numbering kept)
    sections: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure the report quotes: 自评得分, 等级, 执行率, 项目个数, 资金 amounts.

    ``kind``: score | grade | rate | count | initial | budget | executed | received | other;
    ``value`` the number (None for a grade), ``word`` the grade as written, ``unit`` 分 / % / 个 /
    万元 / 元 / 亿元, ``decimals`` as printed; ``scope`` dept | projects (a figure about the projects
    of the 汇总表: a count, or an amount said of 项目); ``subset`` marks a part, not the whole
    (年初批复8个项目, 其中…), which is never compared.
    """

    kind: str
    value: Decimal | None
    word: str
    unit: str
    decimals: int
    text: str  # the words matched (自评得分96分)
    sentence: str  # the sentence it stands in, as written
    scope: str = "dept"
    subset: bool = False
    place: DocPlace | None = None


@dataclass(slots=True)
class SelfEvalReport(Form):
    """绩效自评报告 (.docx): paragraphs, section headings, quoted figures (see the module docstring)."""

    paragraphs: list[DocPlace] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    grade_word: str = ""  # the grade the report states (its first), for summaries
    file_name: str = ""

    @property
    def range(self) -> str:
        return f"第{self.first_row + 1}–{self.last_row + 1}段"

    @property
    def sections(self) -> set[str]:
        """The outline sections (forms.md §6) the headings cover."""
        return {key for heading in self.headings for key in heading.sections}

    def figures_of(self, kind: str) -> list[Figure]:
        return [f for f in self.figures if f.kind == kind and not f.subset]

    @property
    def title_place(self) -> DocPlace:
        """Where a finding about the whole report points: its title paragraph (else the first)."""
        if self.title is not None:
            return DocPlace(BODY, f"第{self.title.row + 1}段", self.title.row + 1, self.title.text)
        return DocPlace(BODY, "第1段", 1, "")
