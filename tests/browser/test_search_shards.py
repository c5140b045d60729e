"""Search on a site of many reports, in Chromium: a query loads only the shards that can hold it,
a round at a time within the budget; "more results" shows the rest; the hits are every paragraph
that holds the query and only those, ranked as before within what a round loaded; from file://
too. A site of 30 copies of the bundled report (two of them with a phrase no other has) and, where
the shared reports are there, a site of several real ones."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlparse

import pytest

from site_src.importing import import_source
from site_src.pipeline import Project, build

from ..conftest import CONTENT, SHARED_REPORTS
from ..many_reports import many_reports, slug
from .conftest import _QuietHandler

COPIES = 30
RARE = "鹭鸶湾蜂蜜工坊"
RARE_IN = (7, 23)  # the copies that hold it
SHARED = ("2016-hailar-district-hulunbuir", "2019-national-state-council", "2026-sichuan-province")


def serve(root: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/site/"
    server.shutdown()


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The 30-report site: its output folder, and its address on a local server."""
    root = tmp_path_factory.mktemp("many")
    content = many_reports(root, COPIES, {n: RARE for n in RARE_IN})
    build(Project.of(content, root / "www" / "site"))
    yield from ((root / "www" / "site", url) for url in serve(root / "www"))


@pytest.fixture(scope="module")
def several(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    if not all((SHARED_REPORTS / f"{name}.txt").is_file() for name in SHARED):
        pytest.skip(f"the shared reports are not in {SHARED_REPORTS} "
                    "(they are read from there, never copied)")
    root = tmp_path_factory.mktemp("several-search")
    shutil.copytree(CONTENT, root / "content")
    project = Project.of(root / "content", root / "www" / "site")
    for name in SHARED:
        import_source(project, SHARED_REPORTS / f"{name}.txt", name)
    build(project)
    yield from ((root / "www" / "site", url) for url in serve(root / "www"))


class Search:
    """One query in a fresh tab: its rounds, the files each fetched, the hits shown."""

    def __init__(self, browser: Any, out: Path, url: str) -> None:
        self.out = out
        self.context = browser.new_context()
        self.tab = self.context.new_page()
        self.loaded: list[Path] = []
        self.tab.on("request", self._seen)
        self.tab.goto(url)
        self.tab.wait_for_selector("#search-status:not(:empty)")
        self.rounds = [list(self.loaded)]

    def _seen(self, request: Any) -> None:
        url = urlparse(request.url)
        path = Path(unquote(url.path))
        if path.name in ("search-index.js", "search-fold.js") or path.parent.name == "search-index":
            self.loaded.append(path if url.scheme == "file" else self.out / path.relative_to("/site"))

    def more(self) -> bool:
        """Click "more results", if it is there; wait for the round to be shown."""
        if not self.tab.is_visible("#search-more"):
            return False
        before, shown = len(self.loaded), len(self.hits())
        self.tab.click("#search-more")
        self.tab.wait_for_function(f"document.querySelectorAll('#search-results li a').length > {shown} "
                                   "|| document.querySelector('#search-more').hidden")
        self.tab.wait_for_function("!document.querySelector('#search-more').disabled")
        self.rounds.append(self.loaded[before:])
        return True

    def all(self) -> list[tuple[str, str]]:
        while self.more():
            pass
        return self.hits()

    def hits(self) -> list[tuple[str, str]]:
        """(route from the variant's folder, anchor) of every hit shown, in order."""
        return [hit_of(href) for href in
                self.tab.eval_on_selector_all("#search-results li a", "links => links.map(a => a.href)")]

    def fetched(self, paths: list[Path]) -> int:
        return sum(path.stat().st_size for path in paths)

    def shards(self, paths: list[Path]) -> list[int]:
        return [int(path.stem.split("-")[1]) for path in paths if path.stem.startswith("text-")]

    def close(self) -> None:
        self.context.close()


def hit_of(href: str) -> tuple[str, str]:
    path, _, anchor = href.partition("#")
    return path.split("/zh-han", 1)[1].split("/", 1)[1], anchor


def open_search(browser: Any, out: Path, base: str, variant: str, query: str) -> Search:
    return Search(browser, out, f"{base}{variant}/search.html?q={quote(query)}")


# --- what search.js does, written again here over the index read back whole ----------------------------

def read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    start = text.index("]=") + 2 if text.startswith("(") else text.index("=") + 1
    return json.loads(text[start: text.rindex(";")])


def folded(fold: dict[str, str], text: str) -> str:
    """search.js's fold, and the punctuation and spaces it skips between a word's characters dropped."""
    out = []
    for char in text:
        code = ord(char)
        char = chr(code - 0xFEE0) if 0xFF01 <= code <= 0xFF5E else " " if code == 0x3000 else char
        char = char.lower() if "A" <= char <= "Z" else char
        out.append(fold.get(char, char) if code <= 0xFFFF else char)
    return "".join(c for c in "".join(out) if c in "%.‰" or not (
        unicodedata.category(c)[0] in "PZ" or c in "\t\n\v\f\r\ufeff"))


def expected(out: Path, variant: str, words: list[str],
             shards: list[int] | None = None) -> list[tuple[str, str]]:
    """The hits of a query of plain words (no numbers, no quotes), ranked as search.js ranks them:
    pages by their best hit (a word in the heading counts 1000, a hit in the text 1), then where
    they come first; in a page, by score, then in reading order. Over the shards given, or all."""
    fold = read(out / "static" / "search-fold.js")
    manifest = read(out / variant / "search-index.js")
    wanted = [folded(fold, word) for word in words]
    groups: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
    for n in range(len(manifest["shards"])) if shards is None else shards:
        shard = read(out / variant / manifest["shard"].replace("{n}", str(n)))
        for i, (page, anchor, heading, text) in enumerate(shard["entries"]):
            heading, text = folded(fold, heading), folded(fold, text)
            if all(word in heading or word in text for word in wanted):
                score = sum((1000 if word in heading else 0) + text.count(word) for word in wanted)
                route = shard["pages"][page][0]
                groups.setdefault((shard["report"], route), []).append((score, n * 10**6 + i, route, anchor))
    ranked = sorted(groups.values(), key=lambda hits: (-max(h[0] for h in hits), min(h[1] for h in hits)))
    return [(route, anchor) for hits in ranked
            for _, _, route, anchor in sorted(hits, key=lambda h: (-h[0], h[1]))]


def within_budget(search: Search, out: Path, variant: str) -> None:
    budget = read(out / variant / "search-index.js")["budget"]
    for paths in search.rounds:
        assert search.fetched(paths) <= budget, [p.name for p in paths]
        assert len(paths) == len(set(paths))  # nothing loaded twice


# --- the many-report site ------------------------------------------------------------------------------

@pytest.mark.parametrize("variant, query", [("zh-hans", RARE), ("zh-hant", "鷺鷥灣蜂蜜工坊")])
def test_a_rare_phrase_loads_only_the_shards_of_the_reports_that_hold_it(browser: Any, many: tuple[Path, str],
                                                                         variant: str, query: str) -> None:
    out, base = many
    manifest = read(out / variant / "search-index.js")
    assert manifest["reports"] == len(manifest["shards"]) == COPIES  # a shard a report
    search = open_search(browser, out, base, variant, query)
    names = [path.name for path in search.loaded]
    assert names[:2] == ["search-index.js", "search-fold.js"]
    buckets = [name for name in names if name.startswith("keys-")]
    assert 1 <= len(buckets) <= manifest["keys"]
    # Two shards of 57 KB do not fit one round of 100 KB: the second is the next round's.
    assert search.shards(search.loaded) == [RARE_IN[0] - 1] and len(names) == 2 + len(buckets) + 1
    assert search.hits() == [(f"{slug(RARE_IN[0])}/plan/01.html", "plan-01-1")]
    assert search.tab.is_visible("#search-more")
    assert search.all() == [(f"{slug(n)}/plan/01.html", "plan-01-1") for n in RARE_IN]
    assert search.shards(search.loaded) == [n - 1 for n in RARE_IN]  # the 7th and 23rd, nothing else
    assert len(search.loaded) == len(names) + 1  # the buckets are not loaded again
    within_budget(search, out, variant)
    where = search.tab.eval_on_selector_all(".result-where", "ps => ps.map(p => p.textContent)")
    assert [w.split(" › ")[0].rpartition("（")[2] for w in where] == [f"副本{n}）" for n in RARE_IN]
    assert search.tab.is_hidden("#search-more")
    assert search.tab.inner_text("#search-status").endswith("2段")
    search.close()


def test_a_word_in_no_report_loads_no_shard(browser: Any, many: tuple[Path, str]) -> None:
    out, base = many
    search = open_search(browser, out, base, "zh-hans", "火星基地")
    assert search.shards(search.loaded) == [] and search.hits() == []
    assert search.tab.inner_text("#search-status") == "“火星基地”：没有找到"
    search.close()


@pytest.mark.parametrize("variant", ["zh-hans", "zh-hant"])
def test_more_results_shows_the_rest_a_round_at_a_time(browser: Any, many: tuple[Path, str],
                                                        variant: str) -> None:
    out, base = many
    search = open_search(browser, out, base, variant, "发展")
    first = search.hits()
    assert len(first) >= 50 and search.tab.is_visible("#search-more")
    assert "还有部分内容未查找" in search.tab.inner_text("#search-status") or variant == "zh-hant"
    # The first round is today's search over the shards it loaded, ranked the same way.
    assert first == expected(out, variant, ["发展"], search.shards(search.rounds[0]))
    assert search.more()
    assert search.hits()[:len(first)] == first  # a round adds its hits after the last round's
    assert hit_of(search.tab.evaluate("document.activeElement.href")) == search.hits()[len(first)]
    hits = search.all()
    assert len(hits) == len(set(hits))
    rounds = [search.shards(paths) for paths in search.rounds]
    assert [n for shards in rounds for n in shards] == list(range(COPIES))  # each shard once, in order
    assert hits == [hit for shards in rounds for hit in expected(out, variant, ["发展"], shards)]
    assert set(hits) == set(expected(out, variant, ["发展"]))
    within_budget(search, out, variant)
    status = search.tab.inner_text("#search-status")
    assert status.endswith(f"找到{len(hits)}段") and search.tab.is_hidden("#search-more")
    search.close()


def test_search_works_from_file_urls_on_a_many_report_site(browser: Any, many: tuple[Path, str]) -> None:
    out, _ = many
    search = Search(browser, out, (out / "zh-hant" / "search.html").as_uri() + "?q=" + quote(RARE))
    assert search.all() == [(f"{slug(n)}/plan/01.html", "plan-01-1") for n in RARE_IN]
    assert search.shards(search.loaded) == [n - 1 for n in RARE_IN]
    search.close()
    common = Search(browser, out, (out / "zh-hans" / "search.html").as_uri() + "?q=" + quote("荣昌猪"))
    assert set(common.all()) == set(expected(out, "zh-hans", ["荣昌猪"]))
    within_budget(common, out, "zh-hans")
    common.close()


# --- a site of several real reports --------------------------------------------------------------------

QUERIES = ["发展", "發展", "高质量 发展", "乡村振兴", "營商環境", "新能源汽车", "呼伦贝尔", "海拉尔", "四川",
           "国务院", "就业", "民营经济", "碳达峰", "一带一路", "成渝地区双城经济圈"]


@pytest.mark.parametrize("variant", ["zh-hans", "zh-hant"])
def test_the_hits_on_a_site_of_several_reports_are_every_paragraph_and_only_those(
        browser: Any, several: tuple[Path, str], variant: str) -> None:
    out, base = several
    for query in QUERIES:
        search = open_search(browser, out, base, variant, query)
        hits = search.all()
        rounds = [search.shards(paths) for paths in search.rounds]
        ranked = [hit for shards in rounds for hit in expected(out, variant, query.split(), shards)]
        assert hits == ranked, query
        assert set(hits) == set(expected(out, variant, query.split())), query
        within_budget(search, out, variant)
        search.close()
