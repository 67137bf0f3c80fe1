"""Feedback workbooks at batch size: 1,000 findings across 100 files, written in under 5 s.

The files are the clean self-evaluation layouts of tests/layouts.py (each a real workbook, re-read
for its annotated copy); ten findings are placed on cells of each, so the count is exact. Only the
writing of the feedback (every 审核意见 workbook and 汇总.xlsx) is timed, not the check.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from gridbook import write_workbook  # noqa: E402
from layouts import LAYOUTS  # noqa: E402

TARGET_SECONDS = 5.0


def bench(n_files: int = 100, per_file: int = 10) -> tuple[float, int, int, float]:
    """(seconds to write the feedback, findings, workbooks written, CPU seconds it took).

    The CPU time tells a slow machine (other work running) from slow code: on a busy machine the
    wall time grows, the CPU time does not.
    """
    from perfcli.engine import Settings, discover, run
    from perfcli.findings import SEVERITIES, Finding
    from perfcli.report.feedback import write_feedback

    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "inputs"
        builders = list(LAYOUTS.values())
        for i in range(n_files):
            form = builders[i % len(builders)]()
            folder = inputs / f"dept{i // 10:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            write_workbook(folder / f"form{i:03d}.xlsx", form.sheets(), merges=form.merge_map())
        report = run(discover([inputs]), Settings(), jobs=1)
        for fr in report.files:
            fr.findings.clear()
            cells = sorted(fr.models[0].labels.values(), key=lambda loc: (loc.row, loc.col))
            cells = cells or [None]
            for k in range(per_file):
                at = cells[k % len(cells)]
                fr.findings.append(
                    Finding(
                        code="A002", name="exec-rate-mismatch", severity=SEVERITIES[k % 3],
                        file=fr.path, sheet=fr.forms[0].sheet,
                        cell=at.address if at is not None else "A1",
                        row=at.excel_row if at is not None else 1,
                        col=at.col if at is not None else 0, project=fr.forms[0].project,
                        message=f"执行率应为 86.20%（37.24 ÷ 43.20），表中填写 86%（第 {k + 1} 处）",
                        hint="请按 全年执行数 ÷ 全年预算数 重新计算执行率，保留两位小数",
                        expected="86.20%", actual="86%",
                    )
                )  # fmt: skip
        n_findings = len(report.findings)
        start, cpu = time.perf_counter(), time.process_time()
        written = write_feedback(report, Path(tmp) / "feedback")
        elapsed = time.perf_counter() - start
        return elapsed, n_findings, len(written), time.process_time() - cpu


def main() -> None:
    seconds, findings, workbooks, cpu = bench()
    verdict = "ok" if seconds < TARGET_SECONDS else f"SLOWER than {TARGET_SECONDS:.0f} s"
    print(
        f"feedback: {findings} findings, {workbooks} workbooks   {seconds:7.2f} s  "
        f"({cpu:.2f} s CPU; {verdict})"
    )


if __name__ == "__main__":
    main()
