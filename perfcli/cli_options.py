"""Choices the commands share (formats, levels, languages) and the one way a command gives up.

Kept light: typer and the standard library only, so ``perfcli --help`` imports nothing heavy.
"""

from __future__ import annotations

from enum import StrEnum

import typer


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class CheckFormat(StrEnum):
    """What ``check`` writes to standard output (and the formats of ``--report``)."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    junit = "junit"
    sarif = "sarif"


REPORT_FORMATS = tuple(f.value for f in CheckFormat)


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class ListFormat(StrEnum):
    text = "text"
    json = "json"


def fail(message: str) -> typer.Exit:
    """Print why perfcli could not run (one line on stderr) and give the exit to raise: code 2."""
    typer.echo(f"perfcli: {message}", err=True)
    return typer.Exit(2)
