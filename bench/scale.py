"""Sites of 1, 10, 100 and 1,000 reports, built cold: seconds, ms per page, peak memory, and the
weight of the pages that must not grow with the site. Prints figures; asserts nothing.

    python bench/scale.py                      # 1 10 100 1000 reports
    python bench/scale.py --reports 16 160 --check

The reports are the bundled one and the shared reports (../shared/reports/), imported once, then
copied to make up the count. Each copy gets one sentence of its own in its closing, so that no two
reports are the same text and no result of one can be kept for another: every build here converts,
audits and renders every report. ``--check`` also builds each site in one process (no pool) and
compares the two outputs file for file. Times are printed next to `python -c pass` and the import
floor measured in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "reports"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from site_src.model import Report


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KB, the largest of the process and its children)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    errors = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{errors}")
    return elapsed, usage.ru_maxrss


def floor() -> tuple[float, float]:
    """`python -c pass` and importing the libraries a build needs, best of five each."""
    bare = min(run([PYTHON, "-c", "pass"], ROOT)[0] for _ in range(5))
    libraries = min(run([PYTHON, "-c", "import jinja2, yaml, opencc, markdown_it"], ROOT)[0]
                    for _ in range(5))
    return bare, libraries


def originals(folder: Path) -> list[Path]:
    """A site holding the bundled report and every shared report, each imported once."""
    site = folder / "originals"
    run([PYTHON, str(ROOT / "build.py"), "new", str(site / "content")], ROOT)
    reports = site / "content" / "reports"
    shutil.copytree(ROOT / "content" / "reports" / "2024-rongchang", reports / "2024-rongchang")
    for source in sorted(SHARED.glob("*.txt")):
        run([PYTHON, str(ROOT / "build.py"), "import", str(source), "--content", str(site / "content")], ROOT)
    return sorted(path for path in reports.iterdir() if path.is_dir())


def make_site(folder: Path, count: int, sources: list[Path]) -> Path:
    """A site of ``count`` reports, copies of ``sources`` in turn, each made a text of its own."""
    from site_src.content.report import load_report

    site = folder / f"site-{count}"
    run([PYTHON, str(ROOT / "build.py"), "new", str(site / "content")], ROOT)
    reports = site / "content" / "reports"
    models = {source: load_report(source) for source in sources}
    for n in range(count):
        source = sources[n % len(sources)]
        copy_report(source, reports / f"{source.name}-{n:04d}", f"（第{n + 1}份）", models[source])
    return site


def copy_report(source: Path, target: Path, mark: str, report: Report) -> None:
    """A copy of the report folder ``source`` at ``target``, ``mark`` added to the end of its
    closing (a text of its own: nothing a cache holds answers it)."""
    from site_src.content.report import report_files
    from site_src.model import Paragraph

    shutil.copytree(source, target)
    last = report.closing[-1] if report.closing else None
    closing = (*report.closing[:-1], replace(last, text=last.text + mark)) if last else (
        Paragraph(id="closing-1", text=mark),)
    for relative, text in report_files(replace(report, closing=closing)).items():
        (target / relative).write_text(text, encoding="utf-8")


def output_digest(output: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(output.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(output).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def weights(output: Path) -> dict[str, int]:
    """Bytes of the pages that must not grow with the site (the largest of each kind)."""
    variant = output / "zh-hans"
    homes = [p for p in variant.glob("*/index.html") if (p.parent / "full.html").is_file()]
    return {
        "site home": (variant / "index.html").stat().st_size,
        "about page": (variant / "about.html").stat().st_size,
        "section page (largest)": max(p.stat().st_size for p in variant.rglob("[0-9][0-9].html")),
        "report home (largest)": max(p.stat().st_size for p in homes or [variant / "index.html"]),
        "search manifest": (variant / "search-index.js").stat().st_size,
        "search file (largest)": max((p.stat().st_size for p in (variant / "search-index").glob("*.js")),
                                     default=0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, nargs="*", default=[1, 10, 100, 1000])
    parser.add_argument("--check", action="store_true",
                        help="also build in one process and compare the outputs byte for byte")
    args = parser.parse_args()
    if not SHARED.is_dir():
        raise SystemExit(f"the shared reports are not at {SHARED}: the sites are made of them")
    bare, libraries = floor()
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores")
    print(f"python -c pass {bare:.3f} s; import jinja2, yaml, opencc, markdown_it {libraries:.3f} s\n")
    with tempfile.TemporaryDirectory(prefix="report-site-scale-") as temporary:
        folder = Path(temporary)
        sources = originals(folder)
        print(f"{'reports':>8} {'pages':>7} {'seconds':>8} {'ms/page':>8} {'× import floor':>15} "
              f"{'peak MB':>8}")
        for count in args.reports:
            site = make_site(folder, count, sources)
            seconds, peak = run([PYTHON, str(ROOT / "build.py"), "--content", str(site / "content")], ROOT)
            output = site / "output"
            pages = sum(1 for _ in output.rglob("*.html"))
            print(f"{count:>8} {pages:>7} {seconds:>8.2f} {seconds / pages * 1000:>8.2f} "
                  f"{seconds / libraries:>15.1f} {peak / 1024:>8.0f}", flush=True)
            for name, size in weights(output).items():
                print(f"{'':>8}   {name:<24} {size / 1024:8.1f} KB")
            if args.check:
                pooled = output_digest(output)
                shutil.rmtree(site / ".cache")
                one = site / "one-process"
                run([PYTHON, str(ROOT / "build.py"), "--content", str(site / "content"), "--out", str(one),
                     "--jobs", "1"], ROOT)
                same = output_digest(one) == pooled
                print(f"{'':>8}   pool and one process: {'byte-identical' if same else 'DIFFERENT'}")
            shutil.rmtree(site)


if __name__ == "__main__":
    main()
