"""Where one build's time goes: the stages of a build in this process (one job, so nothing hides
in a worker), each timed inclusively (wall and CPU), with the imports and the garbage collector's
pauses; prints figures, asserts nothing (not a test).

    python bench/stages.py                    # cold: no output, no cache, no program cache
    python bench/stages.py --case new-site    # the program's cache kept (a second site's first build)
    python bench/stages.py --case warm        # no output, the cache of the last build kept
    python bench/stages.py --case edit        # one paragraph of text never built before, caches warm

Runs on a copy of the bundled project in a temporary folder (on /dev/shm where there is one, as
the issue's figures were taken). Nested stages are indented: a parent's time includes theirs.
Run it several times: one run on a shared machine is noise within ±30 %.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (depth, label, module, attribute): wrapped where the caller looks them up.
STAGES = (
    (0, "load content", "site_src.pipeline", "load_project"),
    (0, "prepare reports", "site_src.pipeline", "prepare_reports"),
    (1, "OpenCC dictionaries", "site_src.variants.prepare", "dictionaries"),
    (1, "summaries", "site_src.variants.prepare", "summarise_report"),
    (1, "conversion audit", "site_src.variants.prepare", "audit_report"),
    (1, "proofs", "site_src.variants.prepare", "proofs_report"),
    (1, "report in each script", "site_src.variants.prepare", "report_variant"),
    (0, "targets against results", "site_src.pipeline", "year_on_year"),
    (0, "wording against the last year's", "site_src.pipeline", "compare_years"),
    (0, "site in each script", "site_src.pipeline", "in_each_variant"),
    (0, "years in each script", "site_src.pipeline", "in_each_script"),
    (0, "plan", "site_src.pipeline", "plan_site"),
    (0, "site files", "site_src.pipeline", "site_files"),
    (1, "template environment", "site_src.site.files", "make_environment"),
    (1, "search index", "site_src.site.files", "search_index"),
    (1, "render pages", "site_src.site.files", "render_variant"),
    (0, "write (with site files: a generator)", "site_src.pipeline", "write_site"),
)


class Clock:
    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def add(self, label: str, wall: float, cpu: float) -> None:
        self.wall[label] = self.wall.get(label, 0.0) + wall
        self.cpu[label] = self.cpu.get(label, 0.0) + cpu

    def wrap(self, label: str, function):  # type: ignore[no-untyped-def]
        clock = self

        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            wall, cpu = time.perf_counter(), time.process_time()
            result = function(*args, **kwargs)
            if hasattr(result, "__next__"):  # a generator: its time is spent as it is consumed
                return clock._timed_iterator(label, result, time.perf_counter() - wall,
                                             time.process_time() - cpu)
            clock.add(label, time.perf_counter() - wall, time.process_time() - cpu)
            return result
        return timed

    def _timed_iterator(self, label, iterator, wall0, cpu0):  # type: ignore[no-untyped-def]
        self.add(label, wall0, cpu0)
        while True:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                item = next(iterator)
            except StopIteration:
                self.add(label, time.perf_counter() - wall, time.process_time() - cpu)
                return
            self.add(label, time.perf_counter() - wall, time.process_time() - cpu)
            yield item


def measure() -> None:
    """The child: one build of the project in the current folder, timed stage by stage."""
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    clock = Clock()
    paused = [0.0, 0.0]

    def collector(phase: str, info: dict) -> None:  # type: ignore[type-arg]
        if phase == "start":
            paused[1] = time.perf_counter()
        else:
            paused[0] += time.perf_counter() - paused[1]
    gc.callbacks.append(collector)
    from site_src.output.uptodate import kept_build
    from site_src.pipeline import build_anew
    from site_src.project import Project
    clock.add("imports", time.perf_counter() - started_wall, time.process_time() - started_cpu)
    for _, label, module, attribute in STAGES:
        owner = importlib.import_module(module)
        setattr(owner, attribute, clock.wrap(label, getattr(owner, attribute)))
    project = Project.of(Path("content").resolve())
    key, _ = kept_build(project)
    build_anew(project, key, jobs=1)
    total_wall, total_cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
    print(f"{'':38} {'wall ms':>8} {'cpu ms':>8}")
    print(f"{'whole build (in process)':38} {total_wall * 1000:8.0f} {total_cpu * 1000:8.0f}")
    print(f"{'imports':38} {clock.wall['imports'] * 1000:8.0f} {clock.cpu['imports'] * 1000:8.0f}")
    for depth, label, _, _ in STAGES:
        if label in clock.wall:
            print(f"{'  ' * depth + label:38} {clock.wall[label] * 1000:8.0f} {clock.cpu[label] * 1000:8.0f}")
    print(f"{'garbage collection (all stages)':38} {paused[0] * 1000:8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", choices=("cold", "new-site", "warm", "edit"), default="cold")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure()
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from bench import edit

    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(prefix="report-site-stages-", dir=base) as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "content", root / "content")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(root / "program-cache")}
        child = [sys.executable, str(Path(__file__).resolve()), "--child"]
        if args.case != "cold":
            subprocess.run([sys.executable, "-m", "site_src", "build"], cwd=root, env=env, check=True,
                           capture_output=True)
            if args.case == "new-site":
                edit(root)  # a text never built, the program's cache kept
                shutil.rmtree(root / "output")
                shutil.rmtree(root / ".cache")
            elif args.case == "warm":
                shutil.rmtree(root / "output")
            else:
                edit(root)
        subprocess.run(child, cwd=root, env=env, check=True)


if __name__ == "__main__":
    main()
