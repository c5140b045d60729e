"""Is the work linear in the input? Import and build of one file holding a report's text 1, 10
and 100 times; prints figures, asserts nothing (not a test).

    python bench/linear.py                          # the seed, 1 10 100 copies, 3 runs each
    python bench/linear.py --copies 1 10 --runs 1 --source ../shared/reports/2024-national-state-council.txt

Each run is a fresh process on a copy of the project in a temporary folder: ``import`` of the
repeated text into the seed's folder (its errata, industries and slogans stay), then a cold
``build``. For each it prints wall seconds (median) and peak resident memory, and the ratios per
copy against one copy, measured in the same run: linear work keeps the time per copy near 1x
(start-up, about ``python -c pass`` plus the imports, is paid once, so small inputs read above 1x
and a ratio under 1x at 100 copies is that fixed cost spread out). A ratio that grows with the
copies is work that grows faster than the input.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
SEED = ROOT / "content" / "reports" / "2024-rongchang" / "source.txt"


def timed(command: list[str], cwd: Path, timeout: float) -> tuple[float, int, int, str]:
    """Wall seconds, peak resident memory (KB), exit status and stderr of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            return float("inf"), usage.ru_maxrss, -9, "timed out"
        time.sleep(0.01)
    elapsed = time.perf_counter() - started
    errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    return elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status), errors


def repeated(source: bytes, copies: int) -> bytes:
    text = source.rstrip(b"\n") + b"\n"
    return text * copies


def measure(source: bytes, copies: int, runs: int, timeout: float) -> dict[str, tuple[float, int]]:
    """Median seconds and peak KB of import and of a cold build, for ``copies`` copies."""
    figures: dict[str, list[tuple[float, int]]] = {"import": [], "build": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="report-site-linear-") as folder:
            root = Path(folder)
            shutil.copytree(ROOT / "content", root / "content")
            shutil.copytree(ROOT / "templates", root / "templates")
            (root / "report.txt").write_bytes(repeated(source, copies))
            for name, command in (("import", ["import", "report.txt", "--slug", "2024-rongchang", "--force"]),
                                  ("build", ["build"])):
                seconds, peak, status, errors = timed([PYTHON, "-m", "site_src", *command], root, timeout)
                if status != 0:
                    raise SystemExit(f"{name} of {copies} copies failed ({status}):\n{errors[:2000]}")
                figures[name].append((seconds, peak))
    return {name: (statistics.median(s for s, _ in values), max(p for _, p in values))
            for name, values in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SEED, help="the report's text (default: the seed)")
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds one command may take")
    args = parser.parse_args()
    source = args.source.read_bytes()
    baseline = statistics.median(timed([PYTHON, "-c", "pass"], ROOT, 60)[0] for _ in range(5))
    measure(source, 1, 1, args.timeout)  # warm the file cache and the compiled modules
    print(f"{args.source.name}: {len(source) / 1024:.0f} KB a copy; python -c pass {baseline:.3f} s; "
          f"{args.runs} run(s) each (a third of them at 100 copies and more), medians")
    print("per copy: seconds (or peak MB) / copies, against 1 copy; per added copy: the cost of each copy "
          "beyond the first, against the first step's (1 -> the next count); linear: near 1x")
    print(f"{'copies':>6} {'MB':>5} | {'import s':>8} {'per copy':>8} {'added':>7} {'peak MB':>7} "
          f"{'added':>7} | {'build s':>8} {'per copy':>8} {'added':>7} {'peak MB':>7} {'added':>7}")
    rows: list[tuple[int, dict[str, tuple[float, int]]]] = []
    for copies in args.copies:
        runs = args.runs if copies < 100 else max(1, args.runs // 3)
        rows.append((copies, measure(source, copies, runs, args.timeout)))
        one_copies, one = rows[0]
        cells = []
        for name in ("import", "build"):
            seconds, peak = rows[-1][1][name]
            per_copy = (seconds / copies) / (one[name][0] / one_copies)
            added = added_peak = float("nan")
            if len(rows) > 1 and copies > one_copies:
                step_copies, step = rows[1]
                slope = (step[name][0] - one[name][0]) / (step_copies - one_copies)
                slope_peak = (step[name][1] - one[name][1]) / (step_copies - one_copies)
                beyond = copies - one_copies
                if slope > 0:
                    added = ((seconds - one[name][0]) / beyond) / slope
                if slope_peak > 0:
                    added_peak = ((peak - one[name][1]) / beyond) / slope_peak
            cells.append(f"{seconds:8.2f} {per_copy:7.2f}x {added:6.2f}x {peak / 1024:7.0f} "
                         f"{added_peak:6.2f}x")
        print(f"{copies:>6} {len(source) * copies / 1024 / 1024:5.1f} | {cells[0]} | {cells[1]}", flush=True)


if __name__ == "__main__":
    main()
