"""What ``check`` does with its result: print it, write the ``--report`` files, record the run.

Imports of the renderers stay inside the functions so that ``perfcli --help`` remains light.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from perfcli.cli_options import fail


def now_iso() -> str:
    """The local time with its offset, to the second: when a recorded run started."""
    from datetime import datetime

    return datetime.now().astimezone().isoformat(timespec="seconds")


def record_run(result: object, db: Path | None, paths: list[Path], started_at: str) -> None:
    """Keep the run in the history database (``--record`` / ``--history``); a bad DB is exit 2."""
    from perfcli.history import DEFAULT_DB, HistoryError, record

    try:
        record(result, db or DEFAULT_DB, paths=paths, started_at=started_at)
    except HistoryError as exc:
        raise fail(str(exc)) from None


def emit(result: object, fmt: str, lang: str, quiet: bool, outputs: list[tuple[str, Path]]) -> None:
    """Standard output in ``fmt`` (with the waiver summary), waiver notes on stderr, and each
    ``--report FORMAT:PATH`` file written atomically."""
    from perfcli.engine import Report
    from perfcli.report.machine import RENDERERS
    from perfcli.report.write import write_text_atomic
    from perfcli.waivers import outcome_of

    assert isinstance(result, Report)
    waived = outcome_of(result)
    if fmt == "text":
        from rich.console import Console

        from perfcli.report.text import render

        render(result, Console(), lang=lang, quiet=quiet)
        if waived is not None:
            typer.echo(waived.summary(lang))
    else:
        sys.stdout.write(RENDERERS[fmt](result, lang))
    for note in waived.notes(lang) if waived is not None else []:  # about the waiver file
        typer.echo(f"perfcli: {note}", err=True)
    for out_fmt, target in outputs:
        if out_fmt == "text":
            import io

            from rich.console import Console

            from perfcli.report.text import render

            buf = io.StringIO()
            render(result, Console(file=buf, width=120, no_color=True), lang=lang)
            if waived is not None:
                buf.write(
                    "".join(line + "\n" for line in (waived.summary(lang), *waived.notes(lang)))
                )
            write_text_atomic(target, buf.getvalue())
        else:
            write_text_atomic(target, RENDERERS[out_fmt](result, lang))
