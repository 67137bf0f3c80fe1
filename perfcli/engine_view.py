"""Reading one file for ``perfcli forms``: the pipeline of ``check``, in a worker process.

``forms`` is where a person brings the file perfcli did not recognise, so it meets the same hostile
files as ``check``: a workbook that makes the native reader abort would take the command with it if
read in-process. It is read like ``check`` reads it — ``engine.check_file`` in a child process under
the worker memory cap (``workers.map_isolated``) — and a dead worker is the same E004 finding.
No form rule runs (``Settings.models_only``): only the reading problems are found. Only the
``FileResult`` (models and findings, picklable) comes back; the parent renders it.

The kind of file is taken from its name: ``.csv`` (or ``.txt``) is a 决算 accounts file; a workbook in which no
form is recognised is tried as an accounts workbook too (as ``--accounts`` would read it), so a
决算 table without a title still shows.
"""

from __future__ import annotations

from pathlib import Path

from perfcli.engine_batch import _crashed
from perfcli.engine_model import WORKBOOK_SUFFIXES, Candidate, FileResult, Settings
from perfcli.reconcile.csvfile import CSV_SUFFIXES


def read_for_view(
    path: str, display: str | None = None, settings: Settings | None = None
) -> FileResult:
    """The file's result as ``check`` would make it (models included), read in a worker process.

    Never raises for a bad file: unreadable input is an E finding, a dead worker E004; a perfcli
    bug met while checking is ``internal_error``.
    """
    settings = settings or Settings(models_only=True)
    suffix = Path(path).suffix.lower()
    role = "accounts" if suffix in CSV_SUFFIXES else "form"
    cand = Candidate(path, display or path, True, role)
    from perfcli.workers import map_isolated

    (res,) = map_isolated(
        _read_one, [(cand, settings)], jobs=1,
        memory_limit=settings.limits.worker_memory_bytes, isolate=True,
    )  # fmt: skip
    return res if isinstance(res, FileResult) else _crashed(cand, res, settings)


def _read_one(item: tuple[Candidate, Settings]) -> FileResult:
    """In the worker: check the file; a workbook with no form recognised, as an accounts file."""
    from perfcli import engine

    cand, settings = item
    result = engine.check_file(cand.path, cand.display, settings, True, cand.role)
    no_form = any(f.code == "E005" for f in result.findings)
    if cand.role == "form" and no_form and Path(cand.path).suffix.lower() in WORKBOOK_SUFFIXES:
        as_accounts = engine.check_file(cand.path, cand.display, settings, True, "accounts")
        if as_accounts.models:
            return as_accounts
    return result
