"""The build as a user meets it, timed next to the floors measured in the same run; prints
figures, asserts nothing (not a test).

    python bench/bench.py                 # 9 runs each, the preview's reload too
    python bench/bench.py --runs 5 --skip-serve

Every figure is the median of fresh runs on a copy of the project in a temporary folder (the
project itself is not touched), printed with its ratio to the floors measured in this run:
``python -c pass``, the import floor (importing jinja2, yaml, opencc and markdown_it, which any
build of ours must do) and, where ``hugo`` is installed, Hugo's cold build of the same text (each
page of ours as a Markdown page of a two-language Hugo site with a minimal layout) and
``hugo server``'s save-to-reload. The cases:

- cold: no output, no cache at all (the first build on a new machine);
- a new site: no output and no cache of the site, the program's cache kept (compiled templates,
  OpenCC's dictionaries: any site's first build once the tool has built one);
- warm cache: no output, the cache of the last build kept (the next build in a new process);
- unchanged: nothing changed since the last build ("up to date");
- one edit: one paragraph changed, caches warm, a fresh process;
- one edit in the preview: the same, in the preview's build worker (what a save costs there);
- reload: from a save to the reload message on the preview's websocket, as a browser gets it.

Then the weight of a section page: its HTML and the CSS and JS it loads, raw and gzipped.
Scale is bench/scale.py's, the search's bytes per query bench/search_size.py's.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
REPORT = Path("content") / "reports" / "2024-rongchang"
EDITED = REPORT / "closing.yaml"  # a paragraph of it is changed by the edit cases
HUGO = shutil.which("hugo")


# --- running and timing ---------------------------------------------------------------------------

def seconds(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    # The program's cache (compiled templates, OpenCC's dictionaries) in the copy, not the user's.
    env = {**ENV, "XDG_CACHE_HOME": str(cwd / "program-cache")}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr.decode()}")
    return elapsed


def median_of(runs: int, prepare: Callable[[], None], command: list[str], cwd: Path) -> float:
    times = []
    for _ in range(runs):
        prepare()
        times.append(seconds(command, cwd))
    return statistics.median(times)


@contextmanager
def project_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="report-site-bench-") as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "content", root / "content")
        yield root


def edit(root: Path, n: int) -> None:
    """Change one paragraph of the closing (a different text each time)."""
    path = root / EDITED
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(继续前进)(！*)", lambda m: m.group(1) + "！" * (n % 3 + 1), text, count=1)
    path.write_text(text, encoding="utf-8")


def remove(*paths: Path) -> Callable[[], None]:
    def prepare() -> None:
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)
    return prepare


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- the cases --------------------------------------------------------------------------------------

def floors(runs: int) -> dict[str, float]:
    nothing = lambda: None  # noqa: E731
    return {
        "python -c pass": median_of(runs, nothing, [PYTHON, "-c", "pass"], ROOT),
        "import floor": median_of(runs, nothing, [PYTHON, "-c", "import jinja2, yaml, opencc, markdown_it"],
                                  ROOT),
    }


def ours(runs: int) -> dict[str, float]:
    build = [PYTHON, "-m", "site_src", "build"]  # in the copy, as `report-site build` there
    figures: dict[str, float] = {}
    with project_copy() as root:
        output, cache, program = root / "output", root / ".cache", root / "program-cache"
        figures["cold"] = median_of(runs, remove(output, cache, program), build, root)
        figures["a new site"] = median_of(runs, remove(output, cache), build, root)
        figures["warm cache"] = median_of(runs, remove(output), build, root)
        seconds(build, root)
        figures["unchanged"] = median_of(runs, lambda: None, build, root)
        count = iter(range(10 ** 6))
        figures["one edit"] = median_of(runs, lambda: edit(root, next(count)), build, root)
        figures["one edit in the preview"] = worker_edit(root, runs)
    return figures


def worker_edit(root: Path, runs: int) -> float:
    """Seconds from asking the preview's build worker for a build after an edit to its answer."""
    worker = subprocess.Popen([PYTHON, "-m", "site_src.rebuild", str(root / "content"), str(root / "output")],
                              cwd=root, env={**ENV, "XDG_CACHE_HOME": str(root / "program-cache")},
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert worker.stdin is not None and worker.stdout is not None

    def ask() -> float:
        started = time.perf_counter()
        worker.stdin.write("build\n")
        worker.stdin.flush()
        answer = json.loads(worker.stdout.readline())
        if answer.get("code") != 0:
            raise SystemExit(f"the worker's build failed: {answer}")
        return time.perf_counter() - started

    try:
        ask()  # its first build: what the preview does once, at start
        times = []
        for n in range(runs):
            edit(root, n + 7)
            times.append(ask())
        return statistics.median(times)
    finally:
        worker.stdin.close()
        worker.wait(timeout=30)


def reload_time(command: list[str], cwd: Path, url: str, hello: str | None, saved: Callable[[int], None],
                runs: int) -> float:
    """Median seconds from a save to the reload message on the server's websocket."""
    from tornado.websocket import websocket_connect

    server = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    async def measure() -> float:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = await websocket_connect(url)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
        if hello:
            await connection.write_message(hello)
        await asyncio.sleep(2)  # the first build, and Hugo's hello
        while await _message(connection, 0.5) is not None:
            pass
        times = []
        for n in range(runs):
            started = time.perf_counter()
            saved(n)
            while True:
                message = await _message(connection, 30)
                if message is None:
                    raise SystemExit(f"no reload from {url} within 30 s")
                if "reload" in message:
                    times.append(time.perf_counter() - started)
                    break
            await asyncio.sleep(0.5)
            while await _message(connection, 0.2) is not None:
                pass
        connection.close()
        return statistics.median(times)

    try:
        return asyncio.run(measure())
    finally:
        server.terminate()
        server.wait(timeout=30)


async def _message(connection, timeout: float) -> str | None:  # type: ignore[no-untyped-def]
    try:
        message = await asyncio.wait_for(connection.read_message(), timeout)
    except TimeoutError:
        return None
    return message if isinstance(message, str) else None


def our_reload(runs: int) -> float:
    with project_copy() as root:
        port = free_port()
        command = [PYTHON, "-m", "site_src", "serve", "--port", str(port)]
        return reload_time(command, root, f"ws://127.0.0.1:{port}/__preview/reload", None,
                           lambda n: edit(root, n), runs)


# --- Hugo, on the same text ---------------------------------------------------------------------

HUGO_CONFIG = """baseURL = "http://127.0.0.1/"
defaultContentLanguage = "zh-hans"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[languages.zh-hans]
contentDir = "content/zh-hans"
languageCode = "zh-Hans"
weight = 1
[languages.zh-hant]
contentDir = "content/zh-hant"
languageCode = "zh-Hant"
weight = 2
"""
HUGO_LAYOUT = """<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }} · {{ .Site.Title }}</title></head><body>
<nav><ol>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ol></nav>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""


def hugo_site(folder: Path, built: Path) -> None:
    """A Hugo site of the text of every page we build (its headings and paragraphs as Markdown),
    in both variants, with one layout that, like ours, lists the pages on every page."""
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name in ("single", "list"):
        (folder / "layouts" / "_default" / f"{name}.html").write_text(HUGO_LAYOUT, encoding="utf-8")
    (folder / "layouts" / "index.html").write_text(HUGO_LAYOUT, encoding="utf-8")
    for variant in ("zh-hans", "zh-hant"):
        for page in sorted((built / variant).rglob("*.html")):
            html = page.read_text(encoding="utf-8")
            main = html[html.find("<main"): html.rfind("</main>")] if "<main" in html else html
            blocks = re.findall(r"<(h[1-4]|p|li)\b[^>]*>(.*?)</\1>", main, re.S)
            text = "\n\n".join(("## " if tag.startswith("h") else "") + re.sub(r"<[^>]+>|\s+", "", body)
                               for tag, body in blocks)
            title = re.search(r"<title>(.*?)</title>", html, re.S)
            target = folder / "content" / variant / page.relative_to(built / variant).with_suffix(".md")
            if target.name == "index.md":
                target = target.with_name("_index.md")
            target.parent.mkdir(parents=True, exist_ok=True)
            name = json.dumps(title.group(1).strip() if title else page.stem, ensure_ascii=False)
            target.write_text(f"---\ntitle: {name}\n---\n\n{text}\n", encoding="utf-8")


def hugo(runs: int, built: Path) -> dict[str, float]:
    assert HUGO is not None
    with tempfile.TemporaryDirectory(prefix="report-site-hugo-") as temporary:
        folder = Path(temporary)
        hugo_site(folder, built)
        cold = median_of(runs, remove(folder / "public", folder / "resources"), [HUGO, "--quiet"], folder)
        some = next((folder / "content" / "zh-hans").rglob("*.md"))
        original = some.read_text(encoding="utf-8")

        def saved(n: int) -> None:
            some.write_text(original + "！" * (n % 3 + 1) + "\n", encoding="utf-8")

        port = free_port()
        reload = reload_time([HUGO, "server", "--port", str(port), "--bind", "127.0.0.1"], folder,
                             f"ws://127.0.0.1:{port}/livereload",
                             json.dumps({"command": "hello", "protocols": [
                                 "http://livereload.com/protocols/official-7"]}),
                             saved, runs)
        return {"hugo cold": cold, "hugo server reload": reload}


# --- page weight ---------------------------------------------------------------------------------

def page_weight(built: Path) -> list[tuple[str, int, int]]:
    """(file, bytes, gzipped bytes) of a section page and what it loads."""
    page = built / "zh-hans" / "plan" / "02.html"
    html = page.read_bytes()
    found = [("section page HTML", html)]
    for reference in re.findall(rb'(?:href|src)="([^"]+\.(?:css|js))"', html):
        found.append((reference.decode().rsplit("/", 1)[-1], (page.parent / reference.decode()).read_bytes()))
    return [(name, len(data), len(gzip.compress(data, 9, mtime=0))) for name, data in found]


# --- the report ---------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--skip-serve", action="store_true", help="leave out the reload times")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; median of {args.runs} runs each\n")
    base = floors(args.runs)
    figures = ours(args.runs)
    if not args.skip_serve:
        figures["reload"] = our_reload(args.runs)
    with tempfile.TemporaryDirectory(prefix="report-site-built-") as temporary:
        built = Path(temporary) / "output"
        with project_copy() as root:
            seconds([PYTHON, "-m", "site_src", "build", "--out", str(built)], root)
        other = hugo(args.runs, built) if HUGO else {}
        weights = page_weight(built)
    if other and args.skip_serve:
        other.pop("hugo server reload")

    floor = base["import floor"]
    print(f"{'':28} {'seconds':>8} {'× import floor':>15} {'× hugo':>8}")
    for name, value in {**base, **other}.items():
        print(f"{name:28} {value:8.3f} {value / floor:15.2f}")
    for name, value in figures.items():
        against = other.get("hugo server reload" if name == "reload" else "hugo cold")
        versus = f"{value / against:8.2f}" if against else f"{'-':>8}"
        print(f"{name:28} {value:8.3f} {value / floor:15.2f} {versus}")
    if not HUGO:
        print("(hugo is not installed: no Hugo figures)")
    print("\n× hugo: the reload against `hugo server`'s, every other case against Hugo's cold build.\n")
    print(f"{'page weight':28} {'bytes':>8} {'gzipped':>8}")
    for name, raw, packed in weights:
        print(f"{name:28} {raw:8} {packed:8}")
    total_raw, total_packed = sum(w[1] for w in weights), sum(w[2] for w in weights)
    print(f"{'together':28} {total_raw:8} {total_packed:8}")


if __name__ == "__main__":
    main()
