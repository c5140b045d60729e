"""What the install ships for the first build (setup.py: ship), against making it in the build: the
shipped templates checked and loaded (all of them) as shipped and compiled now, OpenCC's tables
for the audit as shipped and exported by opencc_dict now, the genre profile as the install kept it
(output/shipped.py) and loaded from its YAML now; each a fresh process, the cases interleaved;
prints median CPU ms (the process and its children) with the least and the most, and each pair's
ratio. Figures only, asserts nothing (not a test).

    python bench/shipped.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEMPLATES = """
from site_src import shipped_templates
from site_src.site import render
from site_src.site.environment import shipped_references
from site_src.site.templates import check_templates
if not {shipped}:
    render.shipped_folder = lambda: None
folders = (shipped_templates(),)
env = render.make_environment(folders)
check_templates(env, folders, shipped_references() if {shipped} else None)
for name in env.list_templates():
    if not name.startswith("static/"):
        env.get_template(name)
"""
TABLES = """
from site_src.variants import audit, tables
if not {shipped}:
    audit.load_tables = tables.export
audit.load_dictionaries()
"""
GENRE = """
import tempfile
from pathlib import Path
from site_src.genre import load_genre
from site_src.output.memo import Memo, genre_key
from site_src.output.shipped import shipped_memo
with tempfile.TemporaryDirectory() as folder:  # a site's first build: nothing in its own memo
    memo = Memo(Path(folder) / "memo", shipped=shipped_memo() if {shipped} else None)
    memo.get("genre", genre_key(None), load_genre)
"""
CASES = {
    "templates, shipped": TEMPLATES.format(shipped=True),
    "templates, compiled now": TEMPLATES.format(shipped=False),
    "OpenCC's tables, shipped": TABLES.format(shipped=True),
    "OpenCC's tables, exported now": TABLES.format(shipped=False),
    "genre profile, shipped": GENRE.format(shipped=True),
    "genre profile, loaded now": GENRE.format(shipped=False),
}


def cpu_ms(code: str) -> float:
    """CPU ms of a fresh process running ``code`` (with its children), no program cache kept."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    times: dict[str, list[float]] = {case: [] for case in CASES}
    for _ in range(runs):
        for case, code in CASES.items():
            times[case].append(cpu_ms(code))
    medians = {case: statistics.median(found) for case, found in times.items()}
    print(f"median of {runs} interleaved runs, CPU ms of a fresh process (least–most)")
    for case, found in times.items():
        print(f"{case:32} {medians[case]:6.0f}  ({min(found):.0f}–{max(found):.0f})")
    names = list(CASES)
    for shipped, now in zip(names[::2], names[1::2], strict=True):
        print(f"{now} / {shipped}: {medians[now] / medians[shipped]:.2f}×")


if __name__ == "__main__":
    main()
