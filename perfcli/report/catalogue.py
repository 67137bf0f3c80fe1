"""The rule catalogue for people: ``perfcli rules``, ``perfcli explain`` and docs/rules.md."""

from __future__ import annotations

import json
import re

from perfcli.forms.kinds import kind_name
from perfcli.profile import NATIONAL
from perfcli.rules import all_rules
from perfcli.rules.base import Rule, fmt_decimal

_SEV = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
        "en": {"error": "error", "warning": "warning", "info": "info"}}  # fmt: skip


# A hint is a template filled from one finding's values; the catalogue shows it with general words.
_PLACEHOLDERS = {
    "zh": {"label": "标签", "field": "该项内容", "block": "相应", "category": "该一级指标",
           "missing": "缺少的二级指标", "expected": "应得值", "column": "相应栏目", "total_label": "合计",
           "executed_label": "执行数", "budget_label": "预算数", "base_label": "预算数",
           "table": "该表"},
    "en": {"label": "label", "field_en": "the field", "block": "the", "category": "the category",
           "missing_en": "the missing subcategories", "expected": "the expected value",
           "column_en": "the", "total_label": "the total", "executed_label": "executed",
           "budget_label": "budget", "base_label": "budget", "table_en": "the table"},
}  # fmt: skip
# The grade thresholds are the national profile's (the catalogue describes the national rules).
_GRADES = dict(
    zip(("excellent", "good", "passing"), map(fmt_decimal, NATIONAL.grades), strict=True)
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


# Phrases whose placeholder reads better replaced with its surroundings.
_PHRASES = {
    "zh": (("“{label}”右侧", "相应标签右侧"), ("“{category}”", "该一级指标"),
           ("改为 {expected}", "改为按比例应得的分数"), ("“{block}”栏目", "缺少的栏目"), ("{column}栏", "该栏"), ("{column}", "相应栏目"),
           ("（“{expected}”）", ""), ("等于 {expected} 分", "等于规定的总分"),
           ("{expected} 分", "规定的总分")),
    "en": (("the {field_en} next to “{label}”", "the field next to its label"),
           ("the “{block}” block", "the missing block"), ("'{category}'", "the category"),
           ("Add {missing_en} indicators", "Add indicators of the missing subcategories"),
           ("add up to {expected}", "add up to the form's total"),
           ("the {column_en} column", "that column"), ("summary's {column_en}", "summary's figure"),
           ("('{expected}')", "(its approved value)"), ("the {table_en}", "the tables"),
           ("the {field_en}", "the figure")),
}  # fmt: skip


def general_hint(rule: Rule, lang: str = "zh") -> str:
    """The rule's hint with its placeholders in general words (``{column}栏`` → 该栏)."""
    text = rule.hint if lang == "zh" else rule.hint_en
    for phrase, general in _PHRASES[lang]:
        text = text.replace(phrase, general)
    words = _PLACEHOLDERS[lang] | _GRADES
    return _PLACEHOLDER.sub(lambda m: words.get(m.group(1), "…"), text)


def _forms(rule: Rule, lang: str) -> str:
    if rule.forms == ("*",):
        return "全部文件" if lang == "zh" else "all files"
    return (
        "、".join(kind_name(k, lang) for k in rule.forms) if lang == "zh" else ", ".join(rule.forms)
    )


def rule_dict(rule: Rule) -> dict[str, object]:
    return {
        "code": rule.code, "name": rule.name, "severity": rule.severity, "forms": list(rule.forms),
        "title": rule.title, "title_en": rule.title_en, "what": rule.what, "why": rule.why,
        "bad": rule.bad, "good": rule.good, "params": list(rule.params),
    }  # fmt: skip


def print_rules(fmt: str, lang: str) -> None:
    rules = all_rules()
    if fmt == "json":
        print(json.dumps([rule_dict(r) for r in rules], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, padding=(0, 1), header_style="bold")
    for head in (("代码", "名称", "级别", "标题", "适用") if lang == "zh"
                 else ("code", "name", "severity", "title", "forms")):  # fmt: skip
        table.add_column(head, overflow="fold")
    for r in rules:
        table.add_row(r.code, r.name, _SEV[lang][r.severity], r.title if lang == "zh" else r.title_en,
                      _forms(r, lang))  # fmt: skip
    Console().print(table)


def rule_markdown(rule: Rule, lang: str = "zh") -> str:
    zh = lang == "zh"
    lines = [
        f"## {rule.code} {rule.name} — {rule.title if zh else rule.title_en}",
        "",
        f"{'级别' if zh else 'Severity'}: {_SEV[lang][rule.severity]} · "
        f"{'适用' if zh else 'Forms'}: {_forms(rule, lang)}",
        "",
        f"**{'检查什么' if zh else 'What it does'}** {rule.what}",
        "",
        f"**{'为什么' if zh else 'Why is this bad?'}** {rule.why}",
        "",
        f"**{'错误示例' if zh else 'Example'}** {rule.bad}",
        "",
        f"**{'正确写法' if zh else 'Use instead'}** {rule.good}",
        "",
        f"**{'提示' if zh else 'Hint'}** {general_hint(rule, lang)}",
    ]
    if rule.params:
        lines += [
            "",
            f"**{'参数' if zh else 'Parameters'}** " + ", ".join(f"`{p}`" for p in rule.params),
        ]
    return "\n".join(lines) + "\n"


def explain_rule(rule: Rule, lang: str) -> None:
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(rule_markdown(rule, lang)))


def catalogue_markdown() -> str:
    """docs/rules.md: generated from the registry (a test fails when the file is stale)."""
    head = [
        "# perfcli 规则目录（由注册表生成，请勿手工编辑：`python -m perfcli.report.catalogue > docs/rules.md`）",
        "",
    ]
    body = [rule_markdown(r) for r in all_rules()]
    return "\n".join(head) + "\n".join(body)


if __name__ == "__main__":
    print(catalogue_markdown(), end="")
