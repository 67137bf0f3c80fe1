"""`make bench`, the cache line: what a rerun of an unchanged batch costs (the nightly case).

The batch is checked twice with a fresh cache folder: the first run fills it (its time includes
hashing and writing the entries), the second is served from it; submission rules run both times.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence

from perfcli.cache import Cache
from perfcli.engine import Candidate, Settings, run


def warm_rerun(cands: Sequence[Candidate], settings: Settings, jobs: int = 2) -> None:
    """Print the time of a warm-cache rerun of ``cands`` (and of the run that filled the cache)."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        cold = run(cands, settings, jobs=jobs, cache=Cache(tmp))
        filled = time.perf_counter() - start
        cache = Cache(tmp)
        start = time.perf_counter()
        warm = run(cands, settings, jobs=jobs, cache=cache)
        elapsed = time.perf_counter() - start
    same = len(warm.findings) == len(cold.findings)
    print(
        f"{len(cands)} forms, warm cache   {elapsed:7.2f} s  "
        f"({cache.hits} hits, {cache.misses} misses; filling it took {filled:.2f} s"
        f"{'' if same else '; FINDINGS DIFFER'})"
    )
