"""Reconciliation with the final accounts (决算) and the matching of projects across forms.

``perfcli.reconcile(paths, accounts=..., profile=...)`` is the library API (``reconcile_paths``).
The package itself is callable: Python binds ``perfcli.reconcile`` to this package as soon as any of
its modules is imported, which would otherwise hide the function of the same name that
``perfcli/__init__.py`` defines.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallablePackage(types.ModuleType):
    def __call__(
        self, paths: Any, *, accounts: Any = (), profile: str | None = None, jobs: int = 1
    ) -> Any:
        from perfcli.reconcile.reconcile import reconcile_paths

        return reconcile_paths(paths, accounts=accounts, profile=profile, jobs=jobs)


sys.modules[__name__].__class__ = _CallablePackage
