"""Worker isolation: results in order, crashes confined to their item, memory capped."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from perfcli.workers import WorkerCrash, map_isolated


def square(x: int) -> int:
    return x * x


def abort_on_three(x: int) -> int:
    if x == 3:
        os.abort()
    return x * 10


def raise_on_two(x: int) -> int:
    if x == 2:
        raise ValueError(f"bad item {x}")
    return x


def allocate(n_bytes: int) -> int:
    block = bytearray(n_bytes)
    return len(block)


def slow_then_value(x: float) -> float:
    time.sleep(x)
    return x


def pid_of(_x: int) -> int:
    return os.getpid()


def _address_space() -> int:
    """This process's current virtual size in bytes (Linux), else 0."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def test_results_in_input_order() -> None:
    # Later items finish first; the list still follows the input order.
    items = [0.3, 0.0, 0.1, 0.0]
    seen: list[int] = []
    out = map_isolated(
        slow_then_value,
        items,
        jobs=2,
        memory_limit=None,
        on_result=lambda i, _r: seen.append(i),
    )
    assert out == items
    assert sorted(seen) == [0, 1, 2, 3]


def test_on_result_called_once_per_item() -> None:
    calls: list[tuple[int, object]] = []
    out = map_isolated(
        square,
        list(range(7)),
        jobs=2,
        memory_limit=None,
        on_result=lambda i, r: calls.append((i, r)),
    )
    assert out == [x * x for x in range(7)]
    assert sorted(calls) == [(i, i * i) for i in range(7)]


def test_abort_becomes_crash_others_succeed() -> None:
    calls: list[int] = []
    out = map_isolated(
        abort_on_three,
        [1, 2, 3, 4, 5],
        jobs=2,
        memory_limit=None,
        on_result=lambda i, _r: calls.append(i),
    )
    assert out[:2] == [10, 20] and out[3:] == [40, 50]
    crash = out[2]
    assert isinstance(crash, WorkerCrash)
    assert crash.item_index == 2
    assert crash.process_died and crash.exitcode is not None and crash.exitcode < 0
    assert "SIGABRT" in crash.reason
    assert sorted(calls) == [0, 1, 2, 3, 4]


def test_abort_single_isolated_item() -> None:
    (crash,) = map_isolated(abort_on_three, [3], jobs=1, memory_limit=None)
    assert isinstance(crash, WorkerCrash) and crash.process_died


def test_exception_in_fn_is_reported_not_a_crash() -> None:
    out = map_isolated(raise_on_two, [1, 2, 3], jobs=2, memory_limit=None)
    assert out[0] == 1 and out[2] == 3
    err = out[1]
    assert isinstance(err, WorkerCrash)
    assert err.exc_type == "ValueError" and "bad item 2" in err.reason
    assert not err.process_died
    assert "raise_on_two" in err.traceback


def test_memory_limit_confines_a_huge_allocation() -> None:
    # The cap is absolute (RLIMIT_AS): give the worker what this process already maps + 256 MB.
    limit = _address_space() + 256 * 1024 * 1024
    if limit <= 256 * 1024 * 1024:
        pytest.skip("no /proc/self/status to size the limit")
    out = map_isolated(allocate, [1024, 2 * 1024**3, 2048], jobs=2, memory_limit=limit)
    assert out[0] == 1024 and out[2] == 2048
    crash = out[1]
    assert isinstance(crash, WorkerCrash)
    assert crash.exc_type == "MemoryError" or crash.process_died


def test_in_process_mode_does_not_fork() -> None:
    out = map_isolated(pid_of, [1, 2], jobs=1, memory_limit=None, isolate=False)
    assert out == [os.getpid(), os.getpid()]
    (err,) = map_isolated(raise_on_two, [2], jobs=4, memory_limit=None, isolate=False)
    assert isinstance(err, WorkerCrash) and err.exc_type == "ValueError"


def test_isolated_single_item_runs_in_a_child() -> None:
    (pid,) = map_isolated(pid_of, [1], jobs=1, memory_limit=None)
    assert pid != os.getpid()


def test_empty_input_and_local_callables() -> None:
    assert map_isolated(square, [], jobs=4, memory_limit=None) == []
    offset = 5
    # With fork, fn is inherited by the workers: a closure works too.
    assert map_isolated(lambda x: x + offset, [1, 2, 3], jobs=2, memory_limit=None) == [6, 7, 8]


def test_worker_crash_pickles() -> None:
    crash = WorkerCrash(3, "the worker process was aborted", None, -6)
    assert pickle.loads(pickle.dumps(crash)) == crash
