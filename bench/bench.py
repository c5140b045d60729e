"""The build as a user meets it, next to the floors and to Hugo, all measured in the same run with
their runs interleaved; prints figures, asserts nothing (not a test).

    python bench/bench.py                 # 9 rounds, the preview's reload too
    python bench/bench.py --runs 5 --skip-serve

Each round runs every case once, one after another, on a copy of the project in a temporary
folder (the project itself is not touched): the floors, our cases, Hugo's. So a burst of load on
a shared machine falls on all of them alike, and every ratio is of figures from the same rounds.
Each figure is the median over the rounds, with its spread (the middle half, and the least and
the most), wall-clock time and CPU time (the process and the processes it waited for).

The floors: ``python -c pass``; the import floor (a fresh process importing jinja2, yaml, opencc
and markdown_it, which any build of ours must do); and, where ``hugo`` is installed, Hugo's build
of the same text (each page of ours as a Markdown page of a two-language Hugo site with a minimal
layout): cold (no public/, no resources/), after one edit (a page of new text, public/ kept) and
``hugo server``'s save-to-reload.

Our cases, each edit a text never built before (a number from the clock written into a paragraph,
never the same in this run or another), so no kept result answers it:
- cold: no output, no cache, no program cache (the first build on a new machine);
- a new site: a text never built, no output, no cache of the site, the program's cache kept
  (compiled templates, OpenCC's tables: any site's first build once the tool has built one);
- warm cache: no output, the cache of the last build kept (the next build in a new process);
- unchanged: nothing changed since the last build ("up to date");
- one edit: one paragraph changed to a new text, caches warm, a fresh process;
- one edit in the preview: the same, in the preview's build worker (what a save costs there);
- reload: from a save to the reload message on the preview's websocket, as a browser gets it
  (ours and ``hugo server``'s servers run side by side, their saves alternate).

Then the weight of a section page: its HTML and the CSS and JS it loads, raw and gzipped.
Scale is bench/scale.py's, the search's bytes per query bench/search_size.py's, a build's stages
bench/stages.py's.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import itertools
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
REPORT = Path("content") / "reports" / "2024-rongchang"
EDITED = REPORT / "closing.yaml"  # a paragraph of it is changed by the edit cases
HUGO = shutil.which("hugo")
NUMERALS = "〇一二三四五六七八九"
_COUNT = itertools.count()


# --- new text ---------------------------------------------------------------------------------------

def fresh() -> str:
    """A text never written before: the clock in nanoseconds and a count, as Chinese numerals."""
    return "".join(NUMERALS[int(digit)] for digit in f"{time.time_ns()}{next(_COUNT)}")


def edit(root: Path) -> None:
    """Change one paragraph of the closing to a text never built before."""
    path = root / EDITED
    text, found = re.subn(f"(继续前进)[{NUMERALS}]*", lambda m: m.group(1) + fresh(),
                          path.read_text(encoding="utf-8"), count=1)
    assert found == 1, f"{path}: the paragraph the bench edits is gone"
    path.write_text(text, encoding="utf-8")


# --- running and timing ---------------------------------------------------------------------------

@dataclass
class Times:
    """One case's runs: wall-clock seconds and CPU seconds, one of each per round."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float | None) -> None:
        self.wall.append(wall)
        if cpu is not None:
            self.cpu.append(cpu)


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a fresh process; its own and its children's CPU (os.wait4)."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime


@contextmanager
def project_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="report-site-bench-") as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "content", root / "content")
        yield root


def remove(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def process_cpu(pid: int) -> float | None:
    """CPU seconds a running process has used, with its waited-for children (Linux's /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


# --- the rounds ------------------------------------------------------------------------------------

class Worker:
    """The preview's build worker, asked to build after each edit (its first build is left out).

    The wall time is until its answer (the pages reload then); the CPU time is all it did since its
    last answer, so that what it keeps for the next build after answering (rebuild.py: keep_books)
    counts too."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.process = subprocess.Popen(
            [PYTHON, "-m", "site_src.rebuild", str(root / "content"), str(root / "output")], cwd=root,
            env=our_env(root), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.answered: float | None = None
        self.ask()

    def ask(self) -> tuple[float, float | None]:
        assert self.process.stdin is not None and self.process.stdout is not None
        started, before = time.perf_counter(), self.answered
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        elapsed, self.answered = time.perf_counter() - started, process_cpu(self.process.pid)
        if answer.get("code") != 0:
            raise SystemExit(f"the worker's build failed: {answer}")
        after = self.answered
        return elapsed, (after - before if before is not None and after is not None else None)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def our_env(root: Path) -> dict[str, str]:
    # The program's cache (compiled templates, OpenCC's tables) in the copy, not the user's.
    return {**ENV, "XDG_CACHE_HOME": str(root / "program-cache")}


def rounds(runs: int, root: Path, hugo_folder: Path | None, preview: bool) -> dict[str, Times]:
    """Every case once per round, ``runs`` rounds."""
    build = [PYTHON, "-m", "site_src", "build"]  # in the copy, as `report-site build` there
    output, cache, program = root / "output", root / ".cache", root / "program-cache"
    env = our_env(root)
    cases: list[tuple[str, Callable[[], None], list[str], Path, dict[str, str]]] = [
        ("python -c pass", lambda: None, [PYTHON, "-c", "pass"], ROOT, ENV),
        ("import floor", lambda: None, [PYTHON, "-c", "import jinja2, yaml, opencc, markdown_it"], ROOT, ENV),
        ("cold", lambda: (edit(root), remove(output, cache, program)), build, root, env),
        ("a new site", lambda: (edit(root), remove(output, cache)), build, root, env),
        ("warm cache", lambda: remove(output), build, root, env),
        ("unchanged", lambda: None, build, root, env),
        ("one edit", lambda: edit(root), build, root, env),
    ]
    if hugo_folder is not None and HUGO is not None:
        page = hugo_page(hugo_folder)
        original = page.read_text(encoding="utf-8")
        cases += [
            ("hugo cold", lambda: remove(hugo_folder / "public", hugo_folder / "resources"),
             [HUGO, "--quiet"], hugo_folder, ENV),
            ("hugo one edit", lambda: page.write_text(original + fresh() + "\n", encoding="utf-8"),
             [HUGO, "--quiet"], hugo_folder, ENV),
        ]
    found = {name: Times() for name, *_ in cases}
    worker = None
    if preview:
        found["one edit in the preview"] = Times()
        worker = Worker(root)  # its first build, then one edit: what the preview does once
        edit(root)
        worker.ask()
    try:
        for n in range(runs):
            print(f"round {n + 1} of {runs}", file=sys.stderr, end="\r")
            for name, prepare, command, cwd, environment in cases:
                prepare()
                found[name].add(*run(command, cwd, environment))
            if worker is not None:
                edit(root)
                found["one edit in the preview"].add(*worker.ask())
    finally:
        if worker is not None:
            worker.close()
    return found


def hugo_page(folder: Path) -> Path:
    return sorted((folder / "content" / "zh-hans").rglob("*.md"))[1]


# --- the reload, ours and hugo server's side by side ----------------------------------------------

class Reloads:
    """A server watching its folder and a websocket to it, as a browser's page holds one."""

    def __init__(self, command: list[str], cwd: Path, url: str, hello: str | None,
                 saved: Callable[[], None], env: dict[str, str] = ENV) -> None:
        self.server = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        self.url, self.hello, self.saved = url, hello, saved
        self.connection = None

    async def connect(self) -> None:
        from tornado.websocket import websocket_connect

        deadline = time.monotonic() + 60
        while self.connection is None:
            try:
                self.connection = await websocket_connect(self.url)
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)
        if self.hello:
            await self.connection.write_message(self.hello)

    async def drain(self, seconds: float) -> None:
        while await _message(self.connection, seconds) is not None:
            pass

    async def one(self) -> float:
        """Seconds from a save to the reload message."""
        started = time.perf_counter()
        self.saved()
        while True:
            message = await _message(self.connection, 30)
            if message is None:
                raise SystemExit(f"no reload from {self.url} within 30 s")
            if "reload" in message:
                elapsed = time.perf_counter() - started
                await asyncio.sleep(0.5)
                await self.drain(0.2)
                return elapsed

    def close(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=30)


async def _message(connection, timeout: float) -> str | None:  # type: ignore[no-untyped-def]
    try:
        message = await asyncio.wait_for(connection.read_message(), timeout)
    except TimeoutError:
        return None
    return message if isinstance(message, str) else None


def reloads(runs: int, root: Path, hugo_folder: Path | None) -> dict[str, Times]:
    port = free_port()
    servers = {"reload": Reloads([PYTHON, "-m", "site_src", "serve", "--port", str(port)], root,
                                 f"ws://127.0.0.1:{port}/__preview/reload", None, lambda: edit(root),
                                 our_env(root))}
    if hugo_folder is not None and HUGO is not None:
        page = hugo_page(hugo_folder)
        original = page.read_text(encoding="utf-8")
        hugo_port = free_port()
        servers["hugo server reload"] = Reloads(
            [HUGO, "server", "--port", str(hugo_port), "--bind", "127.0.0.1"], hugo_folder,
            f"ws://127.0.0.1:{hugo_port}/livereload",
            json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}),
            lambda: page.write_text(original + fresh() + "\n", encoding="utf-8"))

    async def measure() -> dict[str, Times]:
        for server in servers.values():
            await server.connect()
        await asyncio.sleep(2)  # the first builds, and Hugo's hello
        for server in servers.values():
            await server.drain(0.5)
        found = {name: Times() for name in servers}
        try:
            for _ in range(runs):
                for name, server in servers.items():  # alternating: ours, Hugo's, ours, …
                    found[name].add(await server.one(), None)
        finally:
            for server in servers.values():
                if server.connection is not None:
                    server.connection.close()  # in the loop: tornado writes the close frame
        return found

    try:
        return asyncio.run(measure())
    finally:
        for server in servers.values():
            server.close()


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

# Each case against the floor of its kind: a build against Hugo's build, an edit against Hugo's
# edit-and-rebuild, the reload against hugo server's.
AGAINST = {"cold": "hugo cold", "a new site": "hugo cold", "warm cache": "hugo cold",
           "unchanged": "hugo cold", "one edit": "hugo one edit", "one edit in the preview": "hugo one edit",
           "reload": "hugo server reload"}
OURS = ("cold", "a new site", "warm cache", "unchanged", "one edit", "one edit in the preview", "reload")


def spread(values: list[float]) -> str:
    if len(values) < 2:
        return f"{values[0] * 1000:5.0f}" if values else ""
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"{q1 * 1000:5.0f}–{q3 * 1000:<5.0f} {min(values) * 1000:5.0f}–{max(values) * 1000:<5.0f}"


def table(found: dict[str, Times]) -> None:
    floor = statistics.median(found["import floor"].wall)
    floor_cpu = statistics.median(found["import floor"].cpu)
    print(f"{'ms':26} {'wall':>6} {'middle half':>11} {'least–most':>11} {'cpu':>6} "
          f"{'× floor':>8} {'cpu×floor':>9} {'× hugo':>7} {'cpu×hugo':>8}")
    for name, times in found.items():
        wall = statistics.median(times.wall)
        cpu = statistics.median(times.cpu) if times.cpu else None
        other = found.get(AGAINST.get(name, ""))
        versus = cpu_versus = "-"
        if other is not None:
            versus = f"{wall / statistics.median(other.wall):.2f}"
            if cpu is not None and other.cpu:
                cpu_versus = f"{cpu / statistics.median(other.cpu):.2f}"
        shown_cpu = f"{cpu * 1000:6.0f}" if cpu is not None else f"{'-':>6}"
        cpu_floor = f"{cpu / floor_cpu:.2f}" if cpu is not None else "-"
        print(f"{name:26} {wall * 1000:6.0f} {spread(times.wall)} {shown_cpu} "
              f"{wall / floor:8.2f} {cpu_floor:>9} {versus:>7} {cpu_versus:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9, help="rounds (each case once per round)")
    parser.add_argument("--skip-serve", action="store_true", help="leave out the reload times")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; {args.runs} interleaved rounds; "
          f"hugo: {HUGO or 'not installed'}\n")
    with project_copy() as root, tempfile.TemporaryDirectory(prefix="report-site-hugo-") as temporary:
        built = Path(temporary) / "built"
        run([PYTHON, "-m", "site_src", "build", "--out", str(built)], root, our_env(root))
        hugo_folder = None
        if HUGO:
            hugo_folder = Path(temporary) / "hugo"
            hugo_site(hugo_folder, built)
        weights = page_weight(built)
        found = rounds(args.runs, root, hugo_folder, preview=not args.skip_serve)
        if not args.skip_serve:
            found.update(reloads(args.runs, root, hugo_folder))
    print(" " * 30, file=sys.stderr)
    ordered = {name: found[name] for name in [*(n for n in found if n not in OURS), *OURS] if name in found}
    table(ordered)
    print("\nmedians over the rounds; the spread as the middle half and the least and the most;\n"
          "cpu: the process's and its children's. × floor: against the import floor (wall, and cpu);\n"
          "× hugo: a build against Hugo's cold build, an edit against Hugo's edit and rebuild, the\n"
          "reload against hugo server's. Goals (#29): cold <= 3× hugo (<= 4× the floor), one edit\n"
          "<= 3× the floor.")
    if not HUGO:
        print("(hugo is not installed: no Hugo figures; the import floor stands in)")
    print(f"\n{'page weight':28} {'bytes':>8} {'gzipped':>8}")
    for name, raw, packed in weights:
        print(f"{name:28} {raw:8} {packed:8}")
    total_raw, total_packed = sum(w[1] for w in weights), sum(w[2] for w in weights)
    print(f"{'together':28} {total_raw:8} {total_packed:8}")


if __name__ == "__main__":
    main()
