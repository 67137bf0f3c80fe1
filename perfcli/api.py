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


def candidates_for(
    paths: Iterable[str | os.PathLike[str]], accounts: Iterable[str | os.PathLike[str]] = ()
) -> list[Candidate]:
    """The files to check; ``accounts`` (决算 files of --accounts) come last, with their role."""
    paths, accounts = list(paths), list(accounts)
    missing = [str(p) for p in [*paths, *accounts] if not Path(p).exists()]
    if missing:
        raise UsageError("路径不存在：" + "、".join(missing))
    bad = [str(p) for p in accounts if not Path(p).is_file()]
    if bad:
        raise UsageError("--accounts 应为决算文件，而不是文件夹：" + "、".join(bad))
    chosen = {os.path.realpath(p) for p in accounts}
    found = [c for c in discover(paths) if os.path.realpath(c.path) not in chosen]
    return found + [Candidate(str(p), str(p), True, "accounts") for p in accounts]


def run_check(
    paths: Any,
    *,
    profile: str | None = None,
    select: str | None = None,
    ignore: str | None = None,
    jobs: int = 1,
    accounts: Any = (),
    on_result: Callable[[int, FileResult], None] | None = None,
    cache: bool | str | os.PathLike[str] = False,
    waivers: str | os.PathLike[str] | None = None,
) -> Report:
    """Check ``paths`` (see ``perfcli.check``); ``cache``: see ``cache_for``; ``waivers``: a
    waiver file applied to the result (see ``perfcli.waivers``), read before anything is checked."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    if isinstance(accounts, str | os.PathLike):
        accounts = [accounts]
    settings = settings_for(profile, select, ignore)
    accepted = waivers_for(waivers)
    cands = candidates_for(paths, accounts)
    report = run(cands, settings, jobs=jobs, on_result=on_result, cache=cache_for(cache))
    return with_waivers(report, waivers, accepted)


def waivers_for(path: str | os.PathLike[str] | None) -> list[Any] | None:
    """The waivers of a waiver file (``perfcli.waivers.Waiver``), or None without a file;
    a bad file is a ``UsageError``."""
    if path is None:
        return None
    from perfcli.waivers import WaiverError, load_waivers

    try:
        return load_waivers(path)
    except WaiverError as exc:
        raise UsageError(str(exc)) from None


def with_waivers(
    report: Report, path: str | os.PathLike[str] | None, waivers: list[Any] | None
) -> Report:
    """``report`` with the findings ``waivers`` accept removed and listed (unchanged without)."""
    if path is None or waivers is None:
        return report
    from perfcli.waivers import apply_waivers

    return apply_waivers(report, waivers, str(path))


def cache_for(cache: bool | str | os.PathLike[str] | None) -> Any:
    """The ``perfcli.cache.Cache`` to use: False/None none, True the default folder
    (``$PERFCLI_CACHE_DIR``, else ``.perfcli/cache``), a path that folder."""
    if cache is None or cache is False:
        return None
    from perfcli.cache import Cache

    return Cache() if cache is True else Cache(cache)
