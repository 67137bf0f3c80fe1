"""``perfcli forms FILE``: what perfcli read from one file, for a person whose form is not found.

The file is read in a worker process, exactly as ``check`` reads it (``engine_view``), so a hostile
file is its E finding here too, never a crash; the models come back and are printed here.
Exit codes as for ``check`` (cli.md): 0 forms were read; 1 none were (an E finding — unreadable,
encrypted, over a limit, not a form file — or nothing recognised); 2 perfcli could not run (no such
file, or a perfcli bug met while reading).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from perfcli.cli_options import Lang, fail


def forms_command(
    file: Annotated[
        Path, typer.Argument(help="要查看的文件（工作簿、自评报告 .docx 或决算 .csv）")
    ],
    lang: Annotated[Lang, typer.Option(help="语言")] = Lang.zh,
) -> None:
    """显示在文件中识别到的表单及读取到的各字段和所在单元格（用于排查表单未被识别的原因）。

    退出码：0 识别到表单；1 未识别到表单或文件无法读取（显示 E 类问题）；2 文件不存在或内部错误。
    """
    from perfcli.engine_view import read_for_view
    from perfcli.report.forms_view import show_result

    if file.is_dir():
        raise fail(
            f"{file} 是文件夹：perfcli forms 查看单个文件（审核整个文件夹请用 perfcli check）"
        )
    if not file.is_file():
        raise fail(f"文件不存在：{file}")
    result = read_for_view(str(file))
    found = show_result(result, lang.value)
    if result.internal_error:
        raise fail(f"内部错误（请报告此问题）：{result.internal_error}")
    raise typer.Exit(0 if found else 1)
