"""One report added to an archive, against the archive's cold build (#29): each as a ratio measured
in the same run, the two builds interleaved, with their spread. Prints figures; asserts nothing.

    python bench/archive.py                          # archives of 40 and 200 reports, 3 runs each
    python bench/archive.py --reports 40 --runs 5
    python bench/archive.py --reports 10000 --runs 1 # about 540,000 pages: hours and gigabytes

Each run: the archive built cold (no output, no .cache/; the machine's program cache kept, as a
user's is), then one report added (a copy of a shared report with a sentence of its own) and the
archive built again in a new process, keeping what it can; the added report is then taken away
for the next run. The goals: one report added in at most 20% of the cold build at 40 reports, 2%
at 1,000. Also printed per size: pages, ms per page of the cold build, the peak memory of each
build, the largest pages that must not grow with the archive, and how many files the added
report's build wrote (the rest were linked in as they were).

The archives are scale.py's: the bundled report and the shared reports (../shared/reports/),
copied to make up the count, each copy a text of its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from scale import PYTHON, SHARED, copy_report, make_site, originals, run, weights  # noqa: E402


def build(site: Path) -> tuple[float, int]:
    return run([PYTHON, str(ROOT / "build.py"), "--content", str(site / "content")], ROOT)


def add_report(site: Path, source: Path, name: str) -> Path:
    """A copy of ``source`` under ``name``, with a sentence of its own at the end of its closing."""
    from site_src.content.report import load_report

    target = site / "content" / "reports" / name
    copy_report(source, target, f"（{name}）", load_report(source))
    return target


def written_since(output: Path, since: float) -> int:
    return sum(1 for path in output.rglob("*") if path.is_file() and path.stat().st_mtime > since)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}–{max(values):.3f})"


def measure(folder: Path, count: int, sources: list[Path], runs: int) -> None:
    site = make_site(folder, count, sources)
    colds, adds, ratios, cold_peaks, add_peaks, wrote = [], [], [], [], [], []
    pages = 0
    for n in range(runs):
        shutil.rmtree(site / "output", ignore_errors=True)
        shutil.rmtree(site / ".cache", ignore_errors=True)
        cold, cold_peak = build(site)
        pages = sum(1 for _ in (site / "output").rglob("*.html"))
        added = add_report(site, sources[n % len(sources)], f"added-{n}")
        before = (site / "output" / "index.html").stat().st_mtime
        add, add_peak = build(site)
        wrote.append(written_since(site / "output", before))
        shutil.rmtree(added)
        colds.append(cold)
        adds.append(add)
        ratios.append(add / cold)
        cold_peaks.append(cold_peak)
        add_peaks.append(add_peak)
    print(f"{count:>8} {pages:>7} {spread(colds):>22} {spread(adds):>22} "
          f"{spread([r * 100 for r in ratios]):>22} {statistics.median(colds) / pages * 1000:>8.2f} "
          f"{max(cold_peaks) / 1024:>8.0f} {max(add_peaks) / 1024:>8.0f} {statistics.median(wrote):>7.0f}",
          flush=True)
    for name, size in weights(site / "output").items():
        print(f"{'':>8}   {name:<24} {size / 1024:8.1f} KB")
    shutil.rmtree(site)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, nargs="*", default=[40, 200])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"the shared reports are not at {SHARED}: the archives are made of them")
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; {args.runs} runs per size, "
          "median (min–max)")
    with tempfile.TemporaryDirectory(prefix="report-site-archive-") as temporary:
        folder = Path(temporary)
        sources = originals(folder)
        print(f"{'reports':>8} {'pages':>7} {'cold s':>22} {'one added s':>22} {'added / cold %':>22} "
              f"{'ms/page':>8} {'cold MB':>8} {'add MB':>8} {'written':>7}")
        for count in args.reports:
            measure(folder, count, sources, args.runs)


if __name__ == "__main__":
    main()
