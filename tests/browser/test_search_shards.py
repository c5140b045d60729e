"""Search on a site of many reports, in Chromium: a query loads only the shards that can hold it,
a round at a time within the budget, rounds by themselves until there is something to show; "more
results" shows the rest; the hits are every paragraph that holds the query and only those, shown
as search_model.py says search.js ranks and groups them; from file:// too. A site of 30 copies of
the bundled report (two of them with a phrase no other has) and, where the shared reports are
there, a site of several real ones. "More" is pressed here (the page cannot watch the end of the
list: IntersectionObserver is taken away), so that each round is seen; test_archive.py lets it
load by itself."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
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
from .search_model import hits as model_hits
from .search_model import read, shard_number, shown

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

    def __init__(self, browser: Any, out: Path, url: str, watch: bool = False) -> None:
        self.out = out
        self.context = browser.new_context()
        if not watch:
            self.context.add_init_script("delete window.IntersectionObserver")
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
        before, status = len(self.loaded), self.tab.inner_text("#search-status")
        self.tab.click("#search-more")
        self.tab.wait_for_function("!document.querySelector('#search-more').disabled && "
                                   f"document.querySelector('#search-status').textContent !== {status!r}"
                                   " || document.querySelector('#search-more').hidden")
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

    def blocks(self) -> list[tuple[str, str]]:
        """(layer, the heading of each report's block) as shown."""
        return [tuple(pair) for pair in self.tab.eval_on_selector_all(".result-report", """bs => bs.map(b =>
            [b.parentNode.id, b.querySelector('h3').firstChild.textContent.trim()])""")]

    def fetched(self, paths: list[Path]) -> int:
        return sum(path.stat().st_size for path in paths)

    def shards(self, paths: list[Path]) -> list[int]:
        texts = [path for path in paths if path.stem.startswith("text-")]
        manifest = read(texts[0].parent.parent / "search-index.js") if texts else {}
        return [shard_number(manifest, path) for path in texts]

    def close(self) -> None:
        self.context.close()


# Every text the status line shows, in window.statuses, and the files the page had asked for by
# then, in window.asked.
STATUSES = """window.statuses = [];
window.asked = [];
document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector("#search-status");
  new MutationObserver(() => {
    window.statuses.push(status.textContent);
    window.asked.push(performance.getEntriesByType("resource").map(e => new URL(e.name).pathname));
  }).observe(status, {subtree: true, childList: true, characterData: true});
});"""


def hit_of(href: str) -> tuple[str, str]:
    path, _, anchor = href.partition("#")
    return path.split("/zh-han", 1)[1].split("/", 1)[1], anchor


def open_search(browser: Any, out: Path, base: str, variant: str, query: str, watch: bool = False) -> Search:
    return Search(browser, out, f"{base}{variant}/search.html?q={quote(query)}", watch)


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
    heads = manifest["heads"]
    assert len(manifest["shards"]) == heads + COPIES and heads >= 2  # the headings, then a shard a report
    search = open_search(browser, out, base, variant, query)
    names = [path.name for path in search.loaded]
    assert names[:2] == ["search-index.js", "search-fold.js"]
    buckets = [name for name in names if name.startswith("keys-")]
    assert 1 <= len(buckets) <= manifest["keys"]
    # No heading holds it; two shards of 57 KB do not fit one round of 100 KB: the second is the next round's.
    assert search.shards(search.loaded) == [heads + RARE_IN[0] - 1] and len(names) == 2 + len(buckets) + 1
    assert search.hits() == [(f"{slug(RARE_IN[0])}/plan/01.html", "plan-01-1")]
    assert search.tab.is_visible("#search-more")
    assert search.all() == [(f"{slug(n)}/plan/01.html", "plan-01-1") for n in RARE_IN]
    assert search.shards(search.loaded) == [heads + n - 1 for n in RARE_IN]  # the 7th and 23rd, nothing else
    assert len(search.loaded) == len(names) + 1  # the buckets are not loaded again
    within_budget(search, out, variant)
    assert [title.rpartition("（")[2] for _, title in search.blocks()] == [f"副本{n}）" for n in RARE_IN]
    assert {layer for layer, _ in search.blocks()} == {"results-text"}
    assert search.tab.is_hidden("#search-more") and search.tab.is_hidden("#results-headings")
    said = "2份報告中找到2段" if variant == "zh-hant" else "2份报告中找到2段"
    assert search.tab.inner_text("#search-status").endswith(said)
    search.close()


def test_a_word_in_no_report_loads_no_shard(browser: Any, many: tuple[Path, str]) -> None:
    out, base = many
    search = open_search(browser, out, base, "zh-hans", "火星基地")
    assert search.shards(search.loaded) == [] and search.hits() == []
    assert search.tab.inner_text("#search-status") == "“火星基地”：没有找到"
    search.close()


def test_rounds_that_find_nothing_go_on_by_themselves(browser: Any, many: tuple[Path, str]) -> None:
    """Two words in two reports (蜂蜜 only where the rare phrase is, 荣昌猪 in every one), never in
    one paragraph: both shards can hold the query and do not; a round of each, and no "found 0"."""
    out, base = many
    search = Search.__new__(Search)
    search.out, search.loaded = out, []
    search.context = browser.new_context()
    search.context.add_init_script(STATUSES)
    search.tab = search.context.new_page()
    search.tab.on("request", search._seen)
    search.tab.goto(f"{base}zh-hans/search.html?q={quote('蜂蜜 荣昌猪')}")
    search.tab.wait_for_selector("#search-status:not(:empty)")
    statuses = [s for s in search.tab.evaluate("window.statuses") if s]
    heads = read(out / "zh-hans" / "search-index.js")["heads"]
    assert search.shards(search.loaded) == [heads + n - 1 for n in RARE_IN]
    assert set(statuses) == {"“蜂蜜” “荣昌猪”：没有找到"} and search.hits() == []
    search.close()


@pytest.mark.parametrize("variant", ["zh-hans", "zh-hant"])
def test_more_results_shows_the_rest_a_round_at_a_time(browser: Any, many: tuple[Path, str],
                                                        variant: str) -> None:
    out, base = many
    heads = read(out / variant / "search-index.js")["heads"]
    search = open_search(browser, out, base, variant, "发展")
    first = search.hits()
    assert len(first) >= 50 and search.tab.is_visible("#search-more")
    assert "还有部分内容未查找" in search.tab.inner_text("#search-status") or variant == "zh-hant"
    rounds = [search.shards(search.rounds[0])]
    assert rounds[0] == [0]  # the headings first
    assert first == shown(out, variant, ["发展"], rounds)
    assert {layer for layer, _ in search.blocks()} == {"results-headings"}
    assert search.more()
    rounds.append(search.shards(search.rounds[-1]))
    assert search.hits() == shown(out, variant, ["发展"], rounds)
    assert hit_of(search.tab.evaluate("document.activeElement.href")) in set(search.hits()) - set(first)
    hits = search.all()
    assert len(hits) == len(set(hits))
    rounds = [search.shards(paths) for paths in search.rounds]
    assert [n for shards in rounds for n in shards] == list(range(heads + COPIES))  # each once, in order
    assert hits == shown(out, variant, ["发展"], rounds)
    assert set(hits) == {(hit.route, hit.anchor) for hit in model_hits(out, variant, ["发展"])}
    within_budget(search, out, variant)
    status = search.tab.inner_text("#search-status")
    assert status.endswith(f"找到{len(hits)}段") and search.tab.is_hidden("#search-more")
    # Every block's count is final, and counts its hits.
    counts = search.tab.eval_on_selector_all(".result-report", """bs => bs.map(b =>
        [b.querySelector('.result-count').textContent, b.querySelectorAll('li').length])""")
    assert all(text == f"{count}段" for text, count in counts)
    search.close()


def test_search_works_from_file_urls_on_a_many_report_site(browser: Any, many: tuple[Path, str]) -> None:
    out, _ = many
    heads = read(out / "zh-hant" / "search-index.js")["heads"]
    search = Search(browser, out, (out / "zh-hant" / "search.html").as_uri() + "?q=" + quote(RARE))
    assert search.all() == [(f"{slug(n)}/plan/01.html", "plan-01-1") for n in RARE_IN]
    assert search.shards(search.loaded) == [heads + n - 1 for n in RARE_IN]
    search.close()
    common = Search(browser, out, (out / "zh-hans" / "search.html").as_uri() + "?q=" + quote("荣昌猪"))
    assert set(common.all()) == {(hit.route, hit.anchor) for hit in model_hits(out, "zh-hans", ["荣昌猪"])}
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
        assert hits == shown(out, variant, query.split(), rounds), query
        assert set(hits) == {(h.route, h.anchor) for h in model_hits(out, variant, query.split())}, query
        within_budget(search, out, variant)
        search.close()
