"""What a rule is: one small unit with its code, texts, docs and check function.

A rule's messages are templates with named placeholders (``{expected}``), kept with the rule, never
written inline in a check. A check receives a form model and a ``Context`` and calls
``ctx.report(RULE, at=cell, variant=…, **values)``; the context renders the templates in both
languages and fills in file, sheet, cell, row, form kind and project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from perfcli.findings import Finding
from perfcli.forms.model import Form, Located
from perfcli.profile import NATIONAL, Profile

if TYPE_CHECKING:
    from perfcli.io.cells import Sheet, Workbook

CheckFn = Callable[[Any, "Context"], None]
ALL_FORMS = ("*",)


@dataclass
class Rule:
    code: str
    name: str
    severity: str  # error | warning | info
    forms: tuple[str, ...]
    title: str  # Chinese title
    title_en: str
    messages: dict[str, str]  # variant → Chinese template
    messages_en: dict[str, str]
    hint: str
    hint_en: str
    what: str  # docs: what it checks
    why: str  # docs: why it matters
    bad: str  # docs: a bad example
    good: str  # docs: a good example
    params: tuple[str, ...] = ()
    # "form": check(form, ctx) runs on every form of a kind in ``forms``, in the worker that read it;
    # "submission": check(submission, ctx) runs once per submission (perfcli.submissions), after the
    # batch, on all the forms one department handed in for one year (X and R rules).
    scope: str = "form"
    check: CheckFn | None = field(default=None, repr=False)

    @property
    def family(self) -> str:
        return self.code[0]

    def checks(self, fn: CheckFn) -> CheckFn:
        """Decorator: attach the check function to this rule."""
        self.check = fn
        return fn

    def applies_to(self, kind: str) -> bool:
        return self.forms == ALL_FORMS or kind in self.forms

    def render(self, variant: str, values: dict[str, Any], lang: str) -> str:
        templates = self.messages_en if lang == "en" else self.messages
        template = templates.get(variant) or templates["default"]
        return template.format_map(_Values(values))


class _Values(dict[str, Any]):
    """Format values for people: Decimals without exponent noise; missing keys left visible."""

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__({k: fmt(v) for k, v in values.items()})

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fmt(value: Any) -> str:
    if isinstance(value, Decimal):
        return fmt_decimal(value)
    if isinstance(value, float):
        return fmt_decimal(Decimal(repr(value)))
    if value is None:
        return "（空）"
    return str(value)


def fmt_decimal(value: Decimal, places: int | None = None) -> str:
    if places is not None:
        return f"{value.quantize(Decimal(1).scaleb(-places)):f}"
    text = f"{value.normalize():f}"
    return text


def fmt_amount(value: Decimal) -> str:
    """Amounts with 2 decimals at least (the printed convention), more when the form had more."""
    exponent = value.normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) and exponent < 0 else 2
    return fmt_decimal(value, min(places, 6))


def fmt_pct(fraction: Decimal, places: int = 2) -> str:
    return f"{fmt_decimal(fraction * 100, places)}%"


@dataclass
class Context:
    """What a check needs beyond the form: the file, the sheet, the profile; where findings go."""

    file: str
    profile: Profile = NATIONAL
    workbook: Workbook | None = None
    sheet: Sheet | None = None
    form: Form | None = None
    findings: list[Finding] = field(default_factory=list)

    def focus(self, file: str, form: Form | None) -> Context:
        """Point later findings at ``form`` of ``file`` (submission rules move between files)."""
        self.file, self.form = file, form
        return self

    def report(
        self,
        rule: Rule,
        at: Located | None = None,
        *,
        variant: str = "default",
        expected: Any = None,
        actual: Any = None,
        sheet: str | None = None,
        cell: str | None = None,
        row: int | None = None,
        file: str | None = None,
        **values: Any,
    ) -> Finding:
        """Record a finding of ``rule`` at cell ``at`` (or at an explicit sheet/cell/row)."""
        if expected is not None:
            values.setdefault("expected", expected)
        if actual is not None:
            values.setdefault("actual", actual)
        form = self.form
        col = None
        if at is not None:
            sheet, cell, row, col = at.sheet, at.address, at.excel_row, at.col
        elif sheet is None and form is not None:
            sheet = form.sheet
        finding = Finding(
            code=rule.code,
            name=rule.name,
            severity=rule.severity,
            file=file or self.file,
            sheet=sheet,
            cell=cell,
            row=row,
            col=col,
            form_kind=form.kind if form is not None else None,
            project=(form.project or None) if form is not None else None,
            message=rule.render(variant, values, "zh"),
            message_en=rule.render(variant, values, "en"),
            hint=rule.hint.format_map(_Values(values)),
            hint_en=rule.hint_en.format_map(_Values(values)),
            expected=None if expected is None else fmt(expected),
            actual=None if actual is None else fmt(actual),
        )
        self.findings.append(finding)
        return finding
