"""The build's cost against another revision of the program: the bundled site built by this tree
and by REV's (git archive), interleaved, each on its own copy of its content; prints the median
CPU seconds (user + system of the build and its workers, steadier than wall time on a shared
machine) and wall seconds of each case, with spreads. Figures only, asserts nothing.

    python bench/against.py REV [--runs 7]

The cases are bench.py's: cold (no output, no cache), a new site (the program's cache kept),
warm cache (the project's cache kept), one edit (a paragraph changed, caches warm).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from revision import extracted

ROOT = Path(__file__).resolve().parent.parent
EDITED = Path("content") / "reports" / "2024-rongchang" / "closing.yaml"


def build(tree: Path, root: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one build of root's content by the program in tree."""
    env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(root / "program-cache")}
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "site_src", "build"], cwd=root, env=env,
                            capture_output=True, check=False)
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"the build of {tree} failed:\n{result.stderr.decode()}")
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def remove(*names: str) -> Callable[[Path, int], None]:
    def prepare(root: Path, n: int) -> None:
        for name in names:
            shutil.rmtree(root / name, ignore_errors=True)
    return prepare


def edit(root: Path, n: int) -> None:
    """Change one paragraph of the closing (a different text each time, as bench.py does)."""
    path = root / EDITED
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(继续前进)(！*)", lambda m: m.group(1) + "！" * (n % 3 + 1), text, count=1),
                    encoding="utf-8")


CASES: dict[str, Callable[[Path, int], None]] = {
    "cold": remove("output", ".cache", "program-cache"),
    "a new site": remove("output", ".cache"),
    "warm cache": remove("output"),
    "one edit": edit,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rev", help="the revision to compare with (a commit, a branch)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="report-site-against-") as folder:
        work = Path(folder)
        other = extracted(args.rev, work / "program")
        trees = {args.rev: other, "this tree": ROOT}
        for name, tree in trees.items():
            shutil.copytree(tree / "content", work / name.replace("/", "-") / "content")
        print(f"median of {args.runs} runs, interleaved; CPU and wall seconds (spread)\n")
        for case, prepare in CASES.items():
            figures: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
            for n in range(args.runs):
                for name, tree in trees.items():
                    root = work / name.replace("/", "-")
                    prepare(root, n)
                    figures[name].append(build(tree, root))
            line = [f"{case:12}"]
            for name, runs in figures.items():
                cpu, wall = [run[0] for run in runs], [run[1] for run in runs]
                line.append(f"{name}: CPU {statistics.median(cpu):.3f} ({min(cpu):.2f}-{max(cpu):.2f}), "
                            f"wall {statistics.median(wall):.3f}")
            print("  ".join(line))


if __name__ == "__main__":
    main()
