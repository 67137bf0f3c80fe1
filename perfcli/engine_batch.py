"""Discovery and the batch: which files to look at, and checking them in worker processes.

``run`` looks unchanged files up in the cache, checks the rest with ``engine.check_file`` (looked
up on the ``engine`` module at call time, so a test may replace it), isolated in worker processes
when ``jobs > 1``; a file whose worker dies becomes an E004 finding (``_crashed``), never a
traceback. The submission rules run last, on every file's models.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from perfcli.engine_model import (
    IGNORED_NAMES,
    Candidate,
    FileResult,
    Report,
    Settings,
    _filtered,
    _sha256,
)


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Candidate]:
    """Files to look at: files as given, folders walked recursively in a stable order."""
    out: list[Candidate] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name in IGNORED_NAMES or name.startswith("."):
                        continue
                    full = Path(root) / name
                    out.append(Candidate(str(full), str(full), False))
        else:
            out.append(Candidate(str(p), str(given), True))
    return out


def _check_candidate(args: tuple[Candidate, Settings, str | None]) -> FileResult:
    from perfcli import engine  # at call time: tests replace engine.check_file

    cand, settings, sha256 = args
    if sha256 is None:
        return engine.check_file(cand.path, cand.display, settings, cand.explicit, cand.role)
    return engine.check_file(
        cand.path, cand.display, settings, cand.explicit, cand.role, sha256=sha256
    )


def run(
    candidates: Sequence[Candidate],
    settings: Settings,
    *,
    jobs: int = 1,
    on_result: Callable[[int, FileResult], None] | None = None,
    cache: Any = None,
) -> Report:
    """Check every candidate file; with ``jobs > 1`` in isolated worker processes.

    ``cache`` (a ``perfcli.cache.Cache``): unchanged files are looked up in the parent before any
    worker starts and not checked again; fresh results are stored before the submission rules,
    which always run on every file's models.
    """
    hits: dict[int, FileResult] = {}
    probes: dict[int, Any] = {}
    if cache is not None:
        hits, probes = cache.lookup_all(candidates, settings)
        for index, hit in hits.items():
            if on_result:
                on_result(index, hit)
    todo = [i for i in range(len(candidates)) if i not in hits]
    fresh = _run_todo([candidates[i] for i in todo], settings, jobs, on_result, todo, probes)
    if cache is not None:
        cache.store_all(probes, dict(zip(todo, fresh, strict=True)))
    by_index = dict(zip(todo, fresh, strict=True)) | hits
    files = [by_index[i] for i in range(len(candidates))]
    report = Report(files=files, profile=settings.profile.name)
    from perfcli.engine_submissions import check_submissions

    check_submissions(report, settings)
    return report


def _renumbered(
    on_result: Callable[[int, FileResult], None], indices: list[int]
) -> Callable[[int, FileResult], None]:
    return lambda i, r: on_result(indices[i], r)


def _run_todo(
    candidates: Sequence[Candidate],
    settings: Settings,
    jobs: int,
    on_result: Callable[[int, FileResult], None] | None,
    indices: list[int],
    probes: dict[int, Any],
) -> list[FileResult]:
    """Check the files the cache did not have (``indices``: their places in the whole batch).

    The probe of a file whose worker died is dropped, so that its E004 is not cached.
    """
    if on_result is not None:
        on_result = _renumbered(on_result, indices)
    results: list[FileResult] = []
    items = [
        (c, settings, getattr(probes.get(i), "sha256", None))
        for c, i in zip(candidates, indices, strict=True)
    ]
    import importlib

    try:
        workers: Any = importlib.import_module("perfcli.workers")
    except ImportError:  # pragma: no cover - the module ships with perfcli
        workers = None
    if workers is not None and hasattr(workers, "map_isolated") and items:
        raw = workers.map_isolated(
            _check_candidate, items, jobs=jobs, memory_limit=settings.limits.worker_memory_bytes,
            isolate=jobs > 1,
            on_result=(lambda i, r: on_result(i, r) if isinstance(r, FileResult) else None)
            if on_result else None,
        )  # fmt: skip
        for cand, res, i in zip(candidates, raw, indices, strict=True):
            if not isinstance(res, FileResult):
                probes.pop(i, None)  # a dead worker may be the machine's fault: never cached
                res = _crashed(cand, res, settings)
            results.append(res)
    else:
        for index, item in enumerate(items):
            res = _check_candidate(item)
            results.append(res)
            if on_result:
                on_result(index, res)
    return results


def _crashed(cand: Candidate, crash: Any, settings: Settings) -> FileResult:
    """A worker died on this file (abort, out of memory): an E004 finding, the batch goes on.

    An ordinary exception raised while checking is a perfcli bug instead: it is recorded as an
    internal error (exit 2), never dressed up as a problem of the file.
    """
    from perfcli.rules.base import Context
    from perfcli.rules.input import E004

    reason = str(getattr(crash, "reason", crash))
    exc_type = getattr(crash, "exc_type", None)
    result = FileResult(
        path=cand.display, sha256=_sha256(cand.path), status="failed", role=cand.role
    )
    if exc_type not in (None, "MemoryError"):
        result.internal_error = f"{exc_type}: {reason}"
        return result
    ctx = Context(file=cand.display, profile=settings.profile)
    detail = "内存不足" if exc_type == "MemoryError" else f"解析进程异常退出：{reason}"
    finding = ctx.report(E004, detail=f"{detail}，文件可能超出资源限制或已损坏")
    finding.message_en = E004.render(
        "default", {"detail": f"the parsing process failed ({reason})"}, "en"
    )
    result.findings = _filtered(ctx.findings, settings)
    return result
