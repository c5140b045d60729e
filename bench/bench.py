"""Benchmarks of the build as a user runs it; prints figures, asserts nothing (not a test).

    python bench/bench.py                 # everything, 7 runs each (the 100x scaling takes minutes)
    python bench/bench.py --runs 3 --scales 1 10 --skip-serve

Every timing is the median of repeated runs in fresh processes, printed next to the median of
`python -c pass` measured in the same run, so a slow or noisy machine shows as such. Each run
works on a copy of the project in a temporary folder; the project itself is not touched.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
sys.path.insert(0, str(ROOT))


# --- running and timing ---------------------------------------------------------------------------

def timed_run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    return elapsed, usage.ru_maxrss


def median(values: list[float]) -> float:
    return statistics.median(values)


@contextmanager
def project_copy(content: Path | None = None) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="report-site-bench-") as folder:
        root = Path(folder)
        shutil.copytree(content or ROOT / "content", root / "content")
        shutil.copytree(ROOT / "templates", root / "templates")
        shutil.copy(ROOT / "build.py", root / "build.py")  # it builds the folder it is in
        yield root


def row(label: str, seconds: float, baseline: float, extra: str = "") -> None:
    print(f"  {label:<46} {seconds:8.3f} s   (python -c pass {baseline:.3f} s){extra}")


# --- the figures ------------------------------------------------------------------------------------

def startup(runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        return median([timed_run([PYTHON, "-c", "pass"], Path(folder))[0] for _ in range(runs)])


def cold_builds(runs: int) -> None:
    print("Cold build: `python build.py` in a fresh process (both variants, all pages, search index)")
    with project_copy() as root:
        from_nothing, unchanged, import_only, memory, passes = [], [], [], [], []
        for _ in range(runs):
            passes.append(timed_run([PYTHON, "-c", "pass"], root)[0])
            shutil.rmtree(root / "output", ignore_errors=True)
            seconds, peak = timed_run([PYTHON, "build.py"], root)
            from_nothing.append(seconds)
            memory.append(peak)
            unchanged.append(timed_run([PYTHON, "build.py"], root)[0])
            import_only.append(timed_run([PYTHON, "-c", "import site_src.cli"], root)[0])
        baseline = median(passes)
        pages = sum(1 for _ in (root / "output").rglob("*.html"))
        row("from nothing (no output/)", median(from_nothing), baseline, f"   {pages} HTML files")
        row("again, content unchanged (output/ present)", median(unchanged), baseline,
            "   up to date: inputs fingerprinted, output verified, nothing rebuilt")
        row("import site_src.cli only", median(import_only), baseline)
        print(f"  {'peak memory (max resident), from nothing':<46} {median(memory) / 1024:8.1f} MB")


def import_profile() -> None:
    """The largest imports by cumulative time (python -X importtime), one run, nesting shown."""
    print("Imports: `python -X importtime -c 'import site_src.cli'`, the 15 largest (cumulative)")
    result = subprocess.run([PYTHON, "-X", "importtime", "-c", "import site_src.cli"], cwd=ROOT, env=ENV,
                            capture_output=True, text=True, check=True)
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            depth = (len(match.group(3)) - 1) // 2
            rows.append((int(match.group(2)), "  " * depth + match.group(4)))
    for micros, name in sorted(rows, reverse=True)[:15]:
        print(f"  {name:<46} {micros / 1e6:8.3f} s")


# The build in one process with a stopwatch on each stage: which stage takes the time.
STAGES = r"""
import json, sys, time, types
from collections import defaultdict
started = time.perf_counter()
import opencc, jinja2
from site_src import pipeline
imported = time.perf_counter() - started
spent = defaultdict(float)

def watch(owner, name, label):
    function = getattr(owner, name, None)
    if function is None:
        return
    def timed(*args, **kwargs):
        begun = time.perf_counter()
        result = function(*args, **kwargs)
        if isinstance(result, types.GeneratorType):
            def stream():
                while True:
                    begun = time.perf_counter()
                    try:
                        item = next(result)
                    except StopIteration:
                        return
                    finally:
                        spent[label] += time.perf_counter() - begun
                    yield item
            return stream()
        spent[label] += time.perf_counter() - begun
        return result
    setattr(owner, name, timed)

for name in ("load_project", "summarise", "load_dictionaries", "audit_conversion", "plan_site", "_convert",
             "make_environment", "search_index", "fold_map", "render_variant", "render_root_pages",
             "sitemap_xml", "write_site"):
    watch(pipeline, name, name)
watch(opencc.OpenCC, "__init__", "  OpenCC converters created (in any stage)")
watch(pipeline, "convert_value", "  of which convert_value (OpenCC conversion)")
watch(jinja2.Environment, "compile", "  of which Jinja compiling templates")
begun = time.perf_counter()
result = pipeline.build(pipeline.Project.at(__import__("pathlib").Path.cwd()))
total = time.perf_counter() - begun
print(json.dumps({"imports": imported, "build": total, "stages": spent}))
"""


STAGE_ORDER = ["load_project", "summarise", "load_dictionaries", "audit_conversion", "plan_site", "_convert",
               "  OpenCC converters created (in any stage)", "  of which convert_value (OpenCC conversion)",
               "make_environment", "search_index", "fold_map", "render_variant",
               "  of which Jinja compiling templates", "render_root_pages", "sitemap_xml", "write_site"]


def stage_profile(runs: int) -> None:
    print("Where the time goes: the build in one process, each stage timed (median of runs)")
    with project_copy() as root:
        samples: dict[str, list[float]] = defaultdict(list)
        ended: list[float] = []
        for _ in range(runs):
            started = time.perf_counter()
            out = subprocess.run([PYTHON, "-c", STAGES], cwd=root, env=ENV, capture_output=True,
                                 text=True, check=True)
            ended.append(time.perf_counter() - started)
            figures = json.loads(out.stdout.splitlines()[-1])
            samples["imports (opencc, jinja2, site_src)"].append(figures["imports"])
            samples["build() in all"].append(figures["build"])
            for name, seconds in figures["stages"].items():
                samples[name].append(seconds)
        build_total = median(samples["build() in all"])
        process = median(ended)
        order = ["imports (opencc, jinja2, site_src)", "build() in all", *STAGE_ORDER]
        for name in [*order, *(name for name in samples if name not in order)]:
            if name in samples:
                print(f"  {name:<46} {median(samples[name]):8.3f} s")
        print(f"  {'process exit (frees OpenCC dictionaries …)':<46} "
              f"{process - build_total - median(samples['imports (opencc, jinja2, site_src)']):8.3f} s"
              "   (whole process minus imports and build)")


def opencc_costs(runs: int) -> None:
    print("OpenCC alone (the figures the issue quotes): create and free an s2tw converter")
    code = ("import time, opencc; t = time.perf_counter(); c = opencc.OpenCC('s2tw'); "
            "u = time.perf_counter(); del c; v = time.perf_counter(); print(u - t, v - u)")
    created, freed = [], []
    for _ in range(runs):
        out = subprocess.run([PYTHON, "-c", code], env=ENV, capture_output=True, text=True, check=True)
        first, second = map(float, out.stdout.split())
        created.append(first)
        freed.append(second)
    print(f"  {'create OpenCC(s2tw)':<46} {median(created):8.3f} s")
    print(f"  {'free it (del)':<46} {median(freed):8.3f} s")


# --- the serve loop ---------------------------------------------------------------------------------

async def _reload_times(port: int, edits: list[Callable[[], None]]) -> list[float]:
    from tornado.websocket import websocket_connect

    connection = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await connection.write_message(json.dumps(
        {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    await connection.read_message()
    await connection.write_message(json.dumps({"command": "info", "url": "http://127.0.0.1/"}))
    times = []
    for edit in edits:
        try:  # drain: the start-up reload, or a late one
            while True:
                await asyncio.wait_for(connection.read_message(), 1.0)
        except TimeoutError:
            pass
        started = time.perf_counter()
        edit()
        while True:
            message = await asyncio.wait_for(connection.read_message(), 60)
            if message and json.loads(message).get("command") == "reload":
                times.append(time.perf_counter() - started)
                break
    connection.close()
    return times


def serve_loop(runs: int) -> None:
    print("Serve: from a saved edit of content/closing.yaml to the reload signal on the websocket")
    import socket
    import urllib.request

    with project_copy() as root, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        server = subprocess.Popen([PYTHON, "-m", "site_src", "serve", "--port", str(port)], cwd=root,
                                  env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=2).read()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            closing = root / "content" / "closing.yaml"
            original = closing.read_text(encoding="utf-8")

            def edit(n: int) -> Callable[[], None]:
                return lambda: closing.write_text(original.replace("接续奋斗", f"接续奋斗{'！' * (n % 2)}"),
                                                  encoding="utf-8")

            times = asyncio.run(_reload_times(port, [edit(n + 1) for n in range(runs)]))
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"  {'edit -> reload signal, median':<46} {median(times):8.3f} s   "
          f"(min {min(times):.3f}, max {max(times):.3f}; poll 0.1 s, then a build in a fresh process)")


# --- scaling -------------------------------------------------------------------------------------------

def scaled_content(factor: int, target: Path) -> None:
    """content/ with every part repeated ``factor`` times under new ids (the same words again)."""
    from site_src.content.report import load_report, report_files
    from site_src.model import Paragraph

    shutil.copytree(ROOT / "content", target)
    report = load_report(ROOT / "content")
    parts = list(report.parts)
    def renamed(paragraphs: tuple[Paragraph, ...], copy: int) -> tuple[Paragraph, ...]:
        return tuple(replace(p, id=f"{p.id}-x{copy}") for p in paragraphs)

    for copy in range(2, factor + 1):
        for part in report.parts:
            parts.append(replace(
                part, id=f"{part.id}-x{copy}", opening=renamed(part.opening, copy),
                closing=renamed(part.closing, copy),
                sections=tuple(replace(s, id=f"{s.id}-x{copy}", paragraphs=renamed(s.paragraphs, copy))
                               for s in part.sections)))
    for folder in ("parts", "sections"):
        shutil.rmtree(target / folder)
    for relative, text in report_files(replace(report, parts=tuple(parts))).items():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        (target / relative).write_text(text, encoding="utf-8")


def scaling(scales: list[int], runs: int) -> None:
    print("Scaling: the report's parts repeated 1x, 10x, 100x (generated content), cold builds")
    with tempfile.TemporaryDirectory(prefix="report-site-scale-") as folder:
        for factor in scales:
            content = Path(folder) / f"content-{factor}"
            scaled_content(factor, content)
            with project_copy(content) as root:
                repeats = runs if factor == 1 else max(1, runs // (3 if factor <= 10 else 7))
                samples, memory = [], []
                for _ in range(repeats):
                    shutil.rmtree(root / "output", ignore_errors=True)
                    seconds, peak = timed_run([PYTHON, "build.py"], root)
                    samples.append(seconds)
                    memory.append(peak)
                pages = sum(1 for _ in (root / "output").rglob("*.html"))
                seconds = median(samples)
                print(f"  {factor:>4}x  {pages:6d} pages  {seconds:8.2f} s  "
                      f"{seconds / pages * 1000:7.2f} ms/page  peak {max(memory) / 1024:7.1f} MB  "
                      f"({repeats} run{'s' if repeats > 1 else ''})")


# --- page weight ---------------------------------------------------------------------------------------

class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.kind = ""
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "body":
            classes = (attributes.get("class") or "").split()
            self.kind = next((c.removeprefix("page-") for c in classes if c.startswith("page-")), "?")
        if tag == "link" and attributes.get("rel") == "stylesheet" and attributes.get("href"):
            self.assets.append(attributes["href"] or "")
        if tag == "script" and attributes.get("src"):
            self.assets.append(attributes["src"] or "")


def page_weight() -> None:
    print("Page weight: HTML + the CSS and JS it loads, uncompressed (search index and fold excluded)")
    with project_copy() as root:
        subprocess.run([PYTHON, "build.py"], cwd=root, env=ENV, check=True,
                       stdout=subprocess.DEVNULL)
        weights: dict[str, list[int]] = defaultdict(list)
        for page in sorted((root / "output").rglob("*.html")):
            parser = _Assets()
            parser.feed(page.read_text(encoding="utf-8"))
            total = page.stat().st_size
            for asset in parser.assets:
                path = (page.parent / asset).resolve()
                total += path.stat().st_size if path.is_file() else 0
            folder = page.relative_to(root / "output").parts[0]
            kind = parser.kind if folder in ("zh-hans", "zh-hant") else f"root {page.name}"
            weights[kind].append(total)
        fonts = [p for p in (root / "output").rglob("*") if p.suffix in (".woff", ".woff2", ".ttf", ".otf")]
        for kind, sizes in sorted(weights.items()):
            print(f"  {kind:<24} {len(sizes):4d} pages  median {median(sizes) / 1024:6.1f} KB  "
                  f"max {max(sizes) / 1024:6.1f} KB")
        print(f"  web fonts: {len(fonts)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scales", type=int, nargs="*", default=[1, 10, 100])
    parser.add_argument("--skip-serve", action="store_true")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; medians of {args.runs} runs\n")
    baseline = startup(args.runs)
    print(f"python -c pass: {baseline:.3f} s\n")
    cold_builds(args.runs)
    print()
    import_profile()
    print()
    stage_profile(args.runs)
    print()
    opencc_costs(args.runs)
    print()
    if not args.skip_serve:
        serve_loop(args.runs)
        print()
    page_weight()
    print()
    if args.scales:
        scaling(args.scales, args.runs)


if __name__ == "__main__":
    main()
