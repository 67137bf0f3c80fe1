"""Run a function over many items in worker processes, so that one bad input cannot take the run.

``map_isolated`` is what the pipeline uses to read and check files in parallel. Untrusted files
reach native code (python-calamine) that *aborts the process* when an allocation fails, and a
worker may be killed by the kernel when memory runs out. Here such a death costs one item, not the
batch:

* workers get an address-space cap (``RLIMIT_AS``), so a runaway allocation fails inside the worker
  (a ``MemoryError``, or an abort in native code) instead of exhausting the machine;
* when a worker dies, the pool is broken and every unfinished item fails with it. Those items are
  run again, each alone in a fresh process, so the one that really crashes is identified; it gets a
  ``WorkerCrash`` and the others their real results;
* an exception raised by ``fn`` itself is *not* a crash of the worker, but it is returned the same
  way, as a ``WorkerCrash`` whose ``exc_type`` is the exception's class name and whose ``reason``
  holds its message (``traceback`` the formatted traceback). The pipeline reports it as an internal
  error. ``map_isolated`` itself never raises because of an item.

Workers are started with ``fork`` on Linux: ``fn`` is then inherited and may be any callable
(a closure too); only the items and the results cross process boundaries and must be picklable.
Elsewhere the platform's default start method is used and ``fn`` must be picklable as well.
There is no per-item timeout.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_connections
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["WorkerCrash", "map_isolated"]


@dataclass(frozen=True, slots=True)
class WorkerCrash:
    """Why item ``item_index`` has no result.

    ``exc_type`` is ``None`` when the worker process died (abort, segfault, killed for memory);
    ``exitcode`` is then its exit status (negative: the signal number). When ``fn`` raised,
    ``exc_type`` is the exception's class name (``"MemoryError"``, ``"ValueError"``, …) and
    ``reason`` its message.
    """

    item_index: int
    reason: str
    exc_type: str | None = None
    exitcode: int | None = None
    traceback: str = ""

    @property
    def process_died(self) -> bool:
        return self.exc_type is None


@dataclass(frozen=True, slots=True)
class _Raised:
    """What crosses the process boundary when ``fn`` raised (always picklable)."""

    exc_type: str
    message: str
    traceback: str


# --------------------------------------------------------------------------------------------
# inside a worker

_worker_fn: Callable[[Any], Any] | None = None


def _init_worker(fn: Callable[[Any], Any], memory_limit: int | None) -> None:
    global _worker_fn
    _worker_fn = fn
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    faulthandler.disable()  # an inherited handler would dump a traceback over the progress bar
    if memory_limit is not None:
        _limit_memory(memory_limit)


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # not on POSIX: no cap
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _run_in_worker(item: Any) -> Any:
    assert _worker_fn is not None
    return _call(_worker_fn, item)


def _call(fn: Callable[[Any], Any], item: Any) -> Any:
    try:
        return fn(item)
    except BaseException as exc:  # a worker ignores SIGINT; SystemExit from fn is still fn's error
        return _raised(exc)


def _raised(exc: BaseException) -> _Raised:
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return _Raised(type(exc).__name__, _message(exc), tb[-8000:])


def _message(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 500 else text[:497] + "…"


def _run_alone(conn: Connection, fn: Callable[[Any], Any], item: Any, limit: int | None) -> None:
    """Target of a single-item process: run, send the result back, exit."""
    _init_worker(fn, limit)
    result = _call(fn, item)
    try:
        conn.send(result)
    except BaseException as exc:  # the result could not be pickled
        conn.send(_raised(exc))
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------
# in the parent


def _context() -> Any:
    """``fork`` on Linux (fast, and ``fn`` need not be picklable); the platform default elsewhere
    (macOS offers fork, but it is unsafe there with system frameworks loaded)."""
    if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context()


class _Collector(Generic[R]):
    def __init__(self, n: int, on_result: Callable[[int, R | WorkerCrash], None] | None) -> None:
        self.results: list[R | WorkerCrash | None] = [None] * n
        self.done = [False] * n
        self.on_result = on_result

    def put(self, index: int, value: Any) -> None:
        result: R | WorkerCrash
        if isinstance(value, _Raised):
            result = WorkerCrash(index, value.message, value.exc_type, None, value.traceback)
        else:
            result = value
        self.results[index] = result
        self.done[index] = True
        if self.on_result is not None:
            self.on_result(index, result)


def map_isolated(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int,
    memory_limit: int | None,
    on_result: Callable[[int, R | WorkerCrash], None] | None = None,
    isolate: bool = True,
) -> list[R | WorkerCrash]:
    """``[fn(item) for item in items]``, in up to ``jobs`` worker processes, crash-proof.

    * ``isolate=False`` and (``jobs <= 1`` or a single item): run in this process, no fork
      (``memory_limit`` is not applied then; an exception from ``fn`` still becomes a
      ``WorkerCrash``). Otherwise every item runs in a child process, even a single one.
    * ``memory_limit``: the workers' address-space cap in bytes (``RLIMIT_AS``), or ``None``.
    * ``on_result(index, result)`` is called in this process once per item as results arrive
      (not in input order); the returned list is in input order.

    Each result is ``fn``'s return value or a ``WorkerCrash`` (see the module docstring).
    """
    n = len(items)
    collector: _Collector[R] = _Collector(n, on_result)
    if n == 0:
        return []
    if not isolate and (jobs <= 1 or n == 1):
        for index, item in enumerate(items):
            try:
                collector.put(index, fn(item))
            except Exception as exc:
                collector.put(index, _raised(exc))
        return _finish(collector)
    ctx = _context()
    retry = _run_pool(fn, items, max(1, min(jobs, n)), memory_limit, ctx, collector)
    if retry:
        _run_each_alone(fn, items, retry, max(1, jobs), memory_limit, ctx, collector)
    return _finish(collector)


def _finish(collector: _Collector[R]) -> list[R | WorkerCrash]:
    out: list[R | WorkerCrash] = []
    for index, result in enumerate(collector.results):
        if not collector.done[index]:  # cannot happen; never return a silent None
            result = WorkerCrash(index, "no result was produced")
        out.append(result)  # type: ignore[arg-type]
    return out


def _run_pool(
    fn: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    memory_limit: int | None,
    ctx: Any,
    collector: _Collector[R],
) -> list[int]:
    """Run everything in one pool; return the indices whose worker died (to be run alone)."""
    retry: list[int] = []
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(fn, memory_limit),
    )
    try:
        futures: dict[Future[Any], int] = {}
        try:
            for index, item in enumerate(items):
                futures[pool.submit(_run_in_worker, item)] = index
        except BrokenProcessPool:
            submitted = set(futures.values())
            retry.extend(i for i in range(len(items)) if i not in submitted)
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = futures[future]
                exc = future.exception()
                if exc is None:
                    collector.put(index, future.result())
                elif isinstance(exc, BrokenProcessPool):
                    retry.append(index)
                else:  # e.g. the item or the result could not be pickled
                    collector.put(index, _raised(exc))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return sorted(retry)


def _run_each_alone(
    fn: Callable[[T], R],
    items: Sequence[T],
    indices: list[int],
    jobs: int,
    memory_limit: int | None,
    ctx: Any,
    collector: _Collector[R],
) -> None:
    """Run each item in its own fresh process, up to ``jobs`` at a time."""
    todo = list(reversed(indices))
    running: dict[Connection, tuple[int, Any]] = {}
    try:
        while todo or running:
            while todo and len(running) < jobs:
                index = todo.pop()
                recv_end, send_end = ctx.Pipe(duplex=False)
                proc = ctx.Process(
                    target=_run_alone,
                    args=(send_end, fn, items[index], memory_limit),
                    daemon=True,
                )
                proc.start()
                send_end.close()  # so a dead child reads as EOF here
                running[recv_end] = (index, proc)
            for conn in wait_connections(list(running)):
                assert isinstance(conn, Connection)
                index, proc = running.pop(conn)
                try:
                    value: Any = conn.recv()
                except (EOFError, OSError):
                    proc.join()
                    collector.put(index, _crash(index, proc.exitcode))
                else:
                    proc.join()
                    collector.put(index, value)
                finally:
                    conn.close()
    except BaseException:
        for _index, proc in running.values():
            proc.kill()
        raise


def _crash(index: int, exitcode: int | None) -> WorkerCrash:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        why = {
            "SIGKILL": "killed (SIGKILL), most likely out of memory",
            "SIGABRT": "aborted (SIGABRT), e.g. a failed allocation in native code",
            "SIGSEGV": "crashed (SIGSEGV, segmentation fault)",
            "SIGBUS": "crashed (SIGBUS)",
        }.get(name, f"terminated by {name}")
        return WorkerCrash(index, f"the worker process was {why}", None, exitcode)
    return WorkerCrash(
        index, f"the worker process exited unexpectedly (exit code {exitcode})", None, exitcode
    )


def cpu_count() -> int:
    """CPUs this process may use (the default for ``--jobs``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)
