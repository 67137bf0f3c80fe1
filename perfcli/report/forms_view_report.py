"""``perfcli forms FILE`` for a 绩效自评报告 (.docx): its headings and the figures it quotes.

A report has no cells: a place is a paragraph (正文 第N段) or a table cell (表格N 第R行第C列), the
same places the findings point at. Shown: each heading with the outline sections it stands for,
the outline sections no heading covers, and every figure read, with the paragraph it stands in.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from perfcli.forms.model_package import DocPlace, Figure, SelfEvalReport
from perfcli.forms.vocab import vocabulary

_KINDS = {"score": "自评得分", "grade": "等级", "rate": "执行率", "count": "项目个数",
          "initial": "年初预算", "budget": "全年预算", "executed": "执行数", "received": "到位数",
          "other": "其他金额"}  # fmt: skip
_SENTENCE = 50  # characters of the sentence shown beside a figure


def place_text(place: DocPlace | None) -> str:
    """Where a paragraph is, as a finding names it: 正文 第3段, 表格1 第2行第3列."""
    return "" if place is None else f"{place.sheet} {place.cell}"


def show_report(form: SelfEvalReport, console: Console) -> None:
    """Paragraph count, headings with their sections, missing sections, the figures."""
    body = sum(1 for p in form.paragraphs if p.is_body)
    tables = len({p.sheet for p in form.paragraphs if not p.is_body})
    console.print(f"  正文 {body} 段，表格 {tables} 个")
    names = vocabulary()["report"]["section_names"]
    console.print(f"  [bold]标题[/]（{len(form.headings)} 个）")
    for heading in form.headings:
        sections = "、".join(names.get(k, [k])[0] for k in heading.sections)
        shown = f" → {escape(sections)}" if sections else " [dim]（不对应提纲部分）[/]"
        console.print(
            f"    [dim]{place_text(heading.place)}[/] {escape(heading.title)}{shown}",
            soft_wrap=True,
        )
    missing = [names[k][0] for k in names if k not in form.sections]
    if missing:
        console.print(
            f"  未找到的提纲部分：[yellow]{escape('、'.join(missing))}[/]", soft_wrap=True
        )
    console.print(f"  [bold]数字[/]（{len(form.figures)} 个）")
    for figure in form.figures:
        console.print(figure_line(figure), soft_wrap=True)
    if not form.figures:
        console.print("    （未读到得分、等级、执行率、项目个数或金额）", style="dim")


def figure_line(figure: Figure) -> str:
    """One figure: what it is, its value, whose (部门 / 项目), whether a part, and its sentence."""
    value = figure.word if figure.value is None else f"{figure.value:f}{figure.unit}"
    notes = ["项目" if figure.scope == "projects" else "部门"]
    if figure.subset:
        notes.append("部分，不比对")
    sentence = figure.sentence.strip().replace("\n", " ")
    if len(sentence) > _SENTENCE:
        sentence = sentence[: _SENTENCE - 1] + "…"
    return (
        f"    {_KINDS.get(figure.kind, figure.kind)} {escape(value)}（{'，'.join(notes)}）"
        f"  [dim]{place_text(figure.place)}[/]  {escape(sentence)}"
    )
