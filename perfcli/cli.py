"""The command line: a thin typer layer over the library API (cli.md).

All errors reach the user here as one clear line and an exit code (0 clean, 1 findings at or above
--fail-on, 2 perfcli could not run); no traceback is shown unless PERFCLI_DEBUG is set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from perfcli import __version__
from perfcli.cli_forms import forms_command
from perfcli.cli_history import diff_command, history_command
from perfcli.cli_options import REPORT_FORMATS, CheckFormat, FailOn, Lang, OutputFormat, fail
from perfcli.cli_output import emit, now_iso, record_run

app = typer.Typer(
    name="perfcli",
    help="预算绩效表单审核工具：检查绩效目标表、监控表、自评表，指出哪个单元格有什么问题、应如何修改。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"perfcli {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号后退出")
    ] = False,
) -> None:
    """预算绩效表单审核工具。"""


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="要审核的文件或文件夹（文件夹递归查找）")],
    accounts: Annotated[
        list[Path] | None,
        typer.Option("--accounts", help="用于对账的决算文件（.xlsx/.xls/.csv，可重复）"),
    ] = None,
    feedback: Annotated[
        Path | None,
        typer.Option("--feedback", help="把审核意见工作簿和汇总表写入此文件夹（不会写入原文件）"),
    ] = None,
    output_format: Annotated[
        CheckFormat | None, typer.Option("--format", "-f", help="输出格式（默认 text）")
    ] = None,
    report: Annotated[
        list[str] | None,
        typer.Option(
            "--report",
            help="另写一份报告文件，格式:路径，如 json:out/result.json、sarif:out/perfcli.sarif"
            "（格式：text/json/jsonl/csv/junit/sarif；可重复）",
        ),
    ] = None,
    select: Annotated[
        str | None, typer.Option(help="只检查这些规则（代码或前缀，逗号分隔，如 A,Q004）")
    ] = None,
    ignore: Annotated[
        str | None, typer.Option(help="不检查这些规则（代码或前缀，逗号分隔）")
    ] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option(help="达到此级别的问题使退出码为 1（默认 error）")
    ] = None,
    profile: Annotated[
        str | None, typer.Option(help="参数配置：national（默认）或地区 TOML 文件")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="设置文件（默认：当前文件夹的 perfcli.toml，否则 pyproject.toml 的 [tool.perfcli]）；"
            "命令行选项优先",
        ),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="并行进程数（默认 CPU 数；1 = 本进程内）")
    ] = None,
    lang: Annotated[Lang | None, typer.Option(help="消息语言（默认 zh）")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="只输出汇总")] = False,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="不显示进度条")] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="不使用未变文件的缓存（既不读也不写；缓存在 .perfcli/cache 或 $PERFCLI_CACHE_DIR）",
        ),
    ] = False,
    record: Annotated[
        bool, typer.Option("--record", help="把本次运行记入历史库（默认 .perfcli/history.sqlite）")
    ] = False,
    history_db: Annotated[
        Path | None, typer.Option("--history", help="历史库文件（隐含 --record）")
    ] = None,
    waivers: Annotated[
        Path | None,
        typer.Option(
            "--waivers",
            help="豁免清单（TOML，[[waiver]]：code、file 或 project、reason、approver、expires）；"
            "被豁免的问题不计入退出码，过期或未使用的豁免会提示",
        ),
    ] = None,
) -> None:
    """审核文件：识别表单，逐条检查规则，输出问题所在的工作表、单元格、填报值和应填值。"""
    from perfcli.api import UsageError, candidates_for, settings_for, waivers_for, with_waivers
    from perfcli.config import ConfigError, effective, load_config
    from perfcli.engine import run
    from perfcli.profile import ProfileError

    given_outputs: list[tuple[str, Path]] = []
    for spec in report or []:
        fmt, sep, target = spec.partition(":")
        if not sep or fmt not in REPORT_FORMATS or not target:
            raise fail(f"--report 应为 格式:路径（{'/'.join(REPORT_FORMATS)}），收到：{spec}")
        given_outputs.append((fmt, Path(target)))
    try:  # the settings file fills in what the command line does not give
        opts = effective(
            load_config(config), profile=profile, select=select, ignore=ignore,
            fail_on=fail_on.value if fail_on else None, jobs=jobs, lang=lang.value if lang else None,
            accounts=accounts, feedback=feedback, waivers=waivers,
            format=output_format.value if output_format else None, report=given_outputs,
        )  # fmt: skip
    except ConfigError as exc:
        raise fail(str(exc)) from None
    profile, select, ignore = opts["profile"], opts["select"], opts["ignore"]
    accounts, feedback, waivers = list(opts["accounts"] or []), opts["feedback"], opts["waivers"]
    outputs: list[tuple[str, Path]] = list(opts["report"] or [])
    lang_name, fail_level, jobs = opts["lang"], opts["fail_on"], opts["jobs"]
    try:
        settings = settings_for(profile, select, ignore)
        accepted = waivers_for(waivers)
        candidates = candidates_for(paths, accounts or [])
        if feedback is not None:
            from perfcli.report.feedback import check_feedback_dir

            check_feedback_dir(feedback, [*paths, *(accounts or [])])
    except (UsageError, ProfileError) as exc:
        raise fail(str(exc)) from None
    jobs = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    from perfcli.api import cache_for

    cache = cache_for(not no_cache)
    started_at = now_iso()
    show_progress = not no_progress and not quiet and len(candidates) > 1 and sys.stderr.isatty()
    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("审核中" if lang_name == "zh" else "checking"),
            BarColumn(),
            MofNCompleteColumn(),
            transient=True,
        ) as progress:
            task = progress.add_task("check", total=len(candidates))
            result = run(
                candidates, settings, jobs=jobs, cache=cache,
                on_result=lambda _i, _r: progress.advance(task),
            )  # fmt: skip
    else:
        result = run(candidates, settings, jobs=jobs, cache=cache)
    result = with_waivers(result, waivers, accepted)
    emit(result, opts["format"], lang_name, quiet, outputs)
    if feedback is not None:
        from perfcli.report.feedback import write_feedback

        try:
            write_feedback(result, feedback, lang=lang_name)
        except OSError as exc:  # DIR unwritable, disk full: the run failed, the inputs are intact
            raise fail(f"无法写入审核意见文件夹 {feedback}：{exc.strerror or exc}") from None
    if record or history_db is not None:
        record_run(result, history_db, [*paths, *(accounts or [])], started_at)
    for problem in result.internal_errors:
        typer.echo(f"perfcli: 内部错误（请报告此问题）：{problem}", err=True)
    raise typer.Exit(result.exit_code(fail_level))


@app.command("rules")
def rules_command(
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="输出格式（text 或 json）")
    ] = OutputFormat.text,
    lang: Annotated[Lang, typer.Option(help="语言")] = Lang.zh,
) -> None:
    """列出全部规则：代码、名称、默认级别、适用表单。"""
    from perfcli.report.catalogue import print_rules

    print_rules(output_format.value, lang.value)


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="规则代码，如 A002")],
    lang: Annotated[Lang, typer.Option(help="语言")] = Lang.zh,
) -> None:
    """显示一条规则的说明：检查什么、为什么、错误示例、正确示例、参数。"""
    from perfcli.report.catalogue import explain_rule
    from perfcli.rules import get_rule

    try:
        rule = get_rule(code)
    except KeyError:
        raise fail(f"没有规则 {code}（用 perfcli rules 查看全部规则）") from None
    explain_rule(rule, lang.value)


@app.command()
def template(
    kind: Annotated[
        str, typer.Argument(help="表单类型，如 selfeval_project、target_project（或中文表名）")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="写入的文件或文件夹（默认：当前文件夹下的 <表名>.xlsx）"
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件")] = False,
) -> None:
    """写出一种表单的空白模板（与 templates/ 中的文件相同），版式与 perfcli 能识别的全国通用格式一致。"""
    from perfcli.forms.kinds import kind_name
    from perfcli.templates import TemplateError, file_name, layout_for, write_template

    try:
        layout = layout_for(kind)
    except TemplateError as exc:
        raise fail(str(exc)) from None
    target = output if output is not None else Path(file_name(kind))
    if target.is_dir():
        target = target / file_name(kind)
    if target.suffix.lower() != ".xlsx":
        raise fail(f"模板是 .xlsx 工作簿，请给出以 .xlsx 结尾的文件名：{target}")
    if target.exists() and not force:
        raise fail(f"文件已存在：{target}（用 --force 覆盖）")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_template(layout.kind, target)
    except OSError as exc:
        raise fail(f"无法写入 {target}：{exc.strerror or exc}") from None
    typer.echo(f"已写出{kind_name(layout.kind)}模板（{layout.basis}）：{target}")


app.command("forms")(forms_command)
app.command("history")(history_command)
app.command("diff")(diff_command)


def main() -> None:
    """Console entry point: never lets a traceback reach the user."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("perfcli: 已中断", err=True)
        sys.exit(130)
    except Exception as exc:  # a perfcli bug: one clear line, exit 2
        if os.environ.get("PERFCLI_DEBUG"):
            raise
        typer.echo(f"perfcli: 内部错误（请报告此问题）：{type(exc).__name__}: {exc}", err=True)
        sys.exit(2)
