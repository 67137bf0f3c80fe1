"""`make bench`: how fast perfcli is where users feel it.

* start-up: `import perfcli` and `perfcli --help` (no pandas at start-up; target < 0.3 s);
* one form end to end, in process (the preparer's self-check; target well under 1 s);
* a batch of generated self-evaluation forms, in process and with worker processes.
Numbers are printed, not asserted: compare them across commits on the same machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from gridbook import write_workbook  # noqa: E402
from layouts import LAYOUTS  # noqa: E402


def timed(cmd: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    py = sys.executable
    perfcli = str(Path(py).parent / "perfcli")
    print(f"import perfcli           {timed([py, '-c', 'import perfcli']) * 1000:7.1f} ms")
    print(f"perfcli --help           {timed([perfcli, '--help']) * 1000:7.1f} ms")
    pandas = subprocess.run(
        [py, "-c", "import sys, perfcli.cli; print('pandas' in sys.modules)"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    print(f"pandas imported at start {pandas}")

    from perfcli.engine import Settings, check_file, discover, run

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        builders = list(LAYOUTS.values())
        for i in range(200):
            form = builders[i % len(builders)]()
            paths.append(
                write_workbook(folder / f"form{i:03d}.xlsx", form.sheets(), merges=form.merge_map())
            )
        settings = Settings()
        check_file(str(paths[0]), "warm-up", settings)
        start = time.perf_counter()
        for _ in range(20):
            check_file(str(paths[0]), "one", settings)
        one = (time.perf_counter() - start) / 20
        print(f"one form, in process     {one * 1000:7.1f} ms")
        cands = discover([folder])
        for jobs in (1, 2):
            start = time.perf_counter()
            report = run(cands, settings, jobs=jobs)
            elapsed = time.perf_counter() - start
            print(
                f"{len(cands)} forms, jobs={jobs}       {elapsed:7.2f} s  "
                f"({len(cands) / elapsed:6.1f} forms/s, {len(report.findings)} findings)"
            )
        __import__("bench_cache").warm_rerun(cands, settings)  # scripts/bench_cache.py
    __import__("bench_feedback").main()  # feedback workbooks: 1,000 findings, 100 files, < 5 s
    __import__("bench_reconcile").main()  # 2,000 projects against a 2,000-row 决算, < 2 s


if __name__ == "__main__":
    main()
