"""``perfcli history`` and ``perfcli diff``: the runs ``check --record`` kept, and what changed.

Plain functions; ``perfcli.cli`` registers them as commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from perfcli.cli_options import Lang, ListFormat, fail

HistoryOption = Annotated[
    Path | None, typer.Option("--history", help="历史库文件（默认 .perfcli/history.sqlite）")
]


def history_command(
    history_db: HistoryOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="输出格式")] = (
        ListFormat.text
    ),
    limit: Annotated[int, typer.Option(help="只列最近的几次（0 = 全部）")] = 20,
    lang: Annotated[Lang, typer.Option(help="语言")] = Lang.zh,
) -> None:
    """列出 check --record 记录的运行。退出码：0 成功；2 历史库不存在、已损坏或无法读取。"""
    from perfcli.history import DEFAULT_DB, HistoryError, render_runs, runs

    try:
        found = runs(history_db or DEFAULT_DB, limit=max(0, limit))
    except HistoryError as exc:
        raise fail(str(exc)) from None
    typer.echo(render_runs(found, output_format.value, lang.value), nl=False)


def diff_command(
    run_a: Annotated[int | None, typer.Argument(help="较早的运行编号（默认倒数第二次）")] = None,
    run_b: Annotated[int | None, typer.Argument(help="较晚的运行编号（默认最近一次）")] = None,
    history_db: HistoryOption = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="输出格式")] = (
        ListFormat.text
    ),
    fail_on_new: Annotated[
        bool, typer.Option("--fail-on-new", help="有新增问题时退出码为 1")
    ] = False,
    lang: Annotated[Lang, typer.Option(help="语言")] = Lang.zh,
) -> None:
    """对比两次运行：新增、已修正、仍未解决的问题（默认最近两次；只给一个编号则与最近一次比）。

    退出码：0 成功（有新增问题也是 0，除非 --fail-on-new）；1 用了 --fail-on-new 且有新增问题；
    2 历史库不存在、已损坏，运行编号不存在，或记录少于两次。
    """
    from perfcli.history import DEFAULT_DB, HistoryError, diff, render_diff

    try:
        result = diff(history_db or DEFAULT_DB, run_a, run_b)
    except HistoryError as exc:
        raise fail(str(exc)) from None
    typer.echo(render_diff(result, output_format.value, lang.value), nl=False)
    raise typer.Exit(1 if fail_on_new and result.new else 0)
