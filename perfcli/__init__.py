"""perfcli — check Chinese budget performance forms (绩效目标表、监控表、自评表) and write feedback.

The library API is ``perfcli.check(paths, ...)`` (and ``perfcli.reconcile(paths, accounts=...)`` for
the reconciliation with the final accounts); the command line is a thin layer over it.
Importing this package is cheap: heavy modules load only when a check runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from perfcli.engine import Report
    from perfcli.reconcile.reconcile import Reconciliation


def check(
    paths: Any,
    *,
    profile: str | None = None,
    select: str | None = None,
    ignore: str | None = None,
    jobs: int = 1,
    accounts: Any = (),
    cache: Any = False,
    waivers: Any = None,
) -> Report:
    """Check files and folders (recursively) and return the ``Report``.

    ``paths`` is one path or a list; ``profile`` is ``national`` or a TOML file; ``select`` and
    ``ignore`` are comma-separated rule codes or prefixes (``"A,Q004"``); ``jobs`` > 1 checks files
    in isolated worker processes; ``accounts`` is one or more 决算 files to reconcile against;
    ``cache``: ``True`` reuses the results of unchanged files from ``.perfcli/cache`` (or
    ``$PERFCLI_CACHE_DIR``), a path uses that folder, ``False`` (default) checks every file;
    ``waivers`` is a TOML waiver file (``perfcli.waivers``): the findings it accepts leave the
    report's findings and are listed in ``perfcli.waivers.outcome_of(report)``.
    """
    from perfcli.api import run_check

    return run_check(
        paths, profile=profile, select=select, ignore=ignore, jobs=jobs, accounts=accounts,
        cache=cache, waivers=waivers,
    )  # fmt: skip


def reconcile(
    paths: Any, *, accounts: Any = (), profile: str | None = None, jobs: int = 1
) -> list[Reconciliation]:
    """Reconcile self-evaluations with the final accounts (决算): one ``Reconciliation`` per
    department and year that has self-evaluation forms and figures in the accounts.

    ``paths`` and ``profile`` are as for ``check``; ``accounts`` is one or more 决算 files (.xlsx,
    .xls, .ods or .csv; accounts met while walking a folder count too). Each reconciliation holds
    the matched pairs with both figures in 元 (``pairs[i].comparisons``), the projects found on one
    side only (``self_only``, ``accounts_only``), the department totals on both sides (``totals``)
    and ``to_dict()``; the findings (R001–R009) are those of ``check`` with the same arguments.
    """
    from perfcli.reconcile.reconcile import reconcile_paths

    return reconcile_paths(paths, accounts=accounts, profile=profile, jobs=jobs)


__all__ = ["__version__", "check", "reconcile"]
