"""How much index a query fetches on a site of 1, 10, 100 and 1,000 reports; prints figures,
asserts nothing (not a test).

    python bench/search_size.py                   # 1 10 100 1000 reports (1,000 takes minutes)
    python bench/search_size.py --sizes 1 10 --keep /tmp/sites

Each size is a site of the bundled report and copies of it, each under its own slug and title
(tests/many_reports.py), the last copy with a phrase no other report has; it is built in a
temporary folder by a fresh process. Each query is then run in Chromium (Debian's, as the browser
tests use) on the built site opened from file://, in a fresh browser context (nothing cached), and
what it fetched is measured by the files the page loaded: the manifest, the fold, the buckets and
the shards, at their sizes on disk. The first figure of a query is what it fetched before its
first hits showed (the rounds that find nothing go on by themselves, so it may be more than one);
"+ more" is the round a click on "more results" fetches after that (the page is kept from loading
more by itself as it would when the reader scrolls: IntersectionObserver is taken away). Printed
per query: KB, files, the hits shown; per size, the largest, as a ratio to the budget (100 KB);
and the whole index of a variant, which a query would load without shards. ``--shared`` adds a
site of the shared reports (../shared/reports), imported as a user would.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_src.site.search import BUDGET  # noqa: E402
from tests.many_reports import many_reports  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
SHARED = ROOT.parent / "shared" / "reports"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
RARE = "鹭鸶湾蜂蜜工坊"  # in the last copy only
QUERIES = (("common", "发展"), ("common, in Traditional", "發展"), ("in every report, 8 times", "荣昌猪"),
           ("in every report, once", "万灵古镇"), ("in one report", RARE), ("in none", "火星基地"),
           ("two words", "高质量 发展"), ("a phrase", "“解难题、办实事”"), ("a number", "6%"),
           ("a synonym", "gdp"))
SHARED_QUERIES = (("common", "发展"), ("a phrase in headings", "高质量发展"), ("two words", "高质量 发展"),
                  ("a synonym", "gdp"), ("in Traditional", "營商環境"), ("in none", "火星基地"))
MORE = "发展"  # the query whose second round is measured too


def build(root: Path, count: int) -> float:
    """A site of ``count`` copies of the bundled report (0: of the shared reports), built by a
    fresh process; returns the build's seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if count:
        many_reports(root, count, {count: RARE} if count > 1 else {1: RARE})
    else:
        root.mkdir(parents=True)
        steps = [["new", "content"], *(["import", str(path)] for path in sorted(SHARED.glob("*.txt")))]
        for step in steps:
            subprocess.run([sys.executable, "-m", "site_src", *step], cwd=root, env=env, check=True,
                           capture_output=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "site_src", "build"], cwd=root, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the build of {count} reports failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def padded(text: str, width: int) -> str:
    """Text padded to a width in columns, a wide character taking two."""
    import unicodedata

    columns = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(0, width - columns)


def index_bytes(variant: Path) -> int:
    files = [variant / "search-index.js", *(variant / "search-index").iterdir()]
    return sum(path.stat().st_size for path in files)


def fetched(browser: object, page_url: str, output: Path, more: bool) -> list[tuple[int, int, int]]:
    """(bytes, files, hits shown) of what showed the first hits, then of "more results" if asked."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script("delete window.IntersectionObserver")  # no round but those pressed for
    tab = context.new_page()
    loaded: list[Path] = []

    def seen(request: object) -> None:
        path = Path(unquote(urlparse(request.url).path))  # type: ignore[attr-defined]
        if path.name in ("search-fold.js", "search-index.js") or path.parent.name == "search-index":
            loaded.append(path)

    tab.on("request", seen)
    tab.goto(page_url)
    tab.wait_for_selector("#search-status:not(:empty)")
    rounds = []

    def count(since: int) -> tuple[int, int, int]:
        paths = loaded[since:]
        hits = tab.eval_on_selector_all("#search-results li", "items => items.length")
        return sum(path.stat().st_size for path in paths), len(paths), hits

    rounds.append(count(0))
    if more and tab.is_visible("#search-more"):
        before, status = len(loaded), tab.inner_text("#search-status")
        tab.click("#search-more")
        tab.wait_for_function("!document.querySelector('#search-more').disabled && "
                              f"document.querySelector('#search-status').textContent !== {status!r}"
                              " || document.querySelector('#search-more').hidden")
        rounds.append(count(before))
    context.close()
    assert all(path.is_relative_to(output) for path in loaded)
    return rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--shared", action="store_true", help="also a site of the shared reports")
    parser.add_argument("--keep", type=Path, help="build the sites here and keep them")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"Index a query fetches, per round, against the budget of {BUDGET // 1024} KB "
          f"(files on disk; a fresh browser, from file://)")
    sizes = [*args.sizes, *([0] if args.shared and SHARED.is_dir() else [])]
    with tempfile.TemporaryDirectory(prefix="report-site-search-") as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        base = args.keep or Path(folder)
        for count in sizes:
            root = base / (f"site-{count}" if count else "site-shared")
            seconds = build(root, count)
            output = root / "output"
            whole = index_bytes(output / "zh-hans")
            files = len(list((output / "zh-hans" / "search-index").iterdir())) + 1
            site = f"{count} report{'s' if count > 1 else ''}" if count else \
                f"the {len(list(SHARED.glob('*.txt')))} shared reports"
            print(f"\n{site}: built in {seconds:.0f} s; a variant's index {whole / 1024:,.0f} KB "
                  f"in {files} files")
            largest = 0
            for label, query in QUERIES if count else SHARED_QUERIES:
                url = (output / "zh-hans" / "search.html").as_uri() + "?q=" + quote(query)
                for n, (size, files, hits) in enumerate(fetched(browser, url, output, query == MORE)):
                    largest = max(largest, size)
                    name = f"{query} ({label})" if n == 0 else f"  + more results ({query})"
                    print(f"  {padded(name, 40)} {size / 1024:7.1f} KB {size / BUDGET:5.2f}x budget  "
                          f"{files:3d} files  {hits:4d} hits shown")
            print(f"  {'largest':<40} {largest / 1024:7.1f} KB {largest / BUDGET:5.2f}x budget "
                  f"(the whole index: {whole / BUDGET:,.1f}x)")
        browser.close()


if __name__ == "__main__":
    main()
