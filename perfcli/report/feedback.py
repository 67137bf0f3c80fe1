"""Feedback workbooks (cli.md): per checked file and the batch's 汇总.xlsx. Built by issue 7."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from perfcli.engine import Report


def check_feedback_dir(out: Path, inputs: Sequence[Path]) -> None:
    """Raise UsageError when ``out`` cannot take feedback (see issue 7)."""


def write_feedback(report: Report, out: Path, *, lang: str = "zh") -> list[Path]:
    return []
