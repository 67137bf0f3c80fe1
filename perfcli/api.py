"""The library API behind ``perfcli.check`` and the CLI."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from perfcli.engine import Candidate, FileResult, Report, Settings, discover, run
from perfcli.profile import load_profile
from perfcli.rules import active_codes


class UsageError(ValueError):
    """Bad arguments: the run cannot start (exit 2)."""


def settings_for(
    profile: str | None = None, select: str | None = None, ignore: str | None = None
) -> Settings:
    """Build run settings; raises UsageError (unknown code) or ProfileError (bad profile)."""
    from perfcli.rules import UnknownCodeError

    try:
        codes = active_codes(select, ignore)
    except UnknownCodeError as exc:
        raise UsageError(f"未知的规则代码或前缀：{exc}（用 perfcli rules 查看全部规则）") from None
    return Settings(profile=load_profile(profile), codes=frozenset(codes))


def candidates_for(paths: Iterable[str | os.PathLike[str]]) -> list[Candidate]:
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError("路径不存在：" + "、".join(missing))
    return discover(paths)


def run_check(
    paths: Any,
    *,
    profile: str | None = None,
    select: str | None = None,
    ignore: str | None = None,
    jobs: int = 1,
    on_result: Callable[[int, FileResult], None] | None = None,
) -> Report:
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    settings = settings_for(profile, select, ignore)
    cands = candidates_for(paths)
    return run(cands, settings, jobs=jobs, on_result=on_result)
