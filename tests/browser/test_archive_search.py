"""An archive of the 15 shared reports in one site (the Hailar years, four national reports,
provinces), in Chromium as a reader meets it: search shows hits at once, ranked and grouped by
report with counts; the filters by government and year; "more" that loads by itself as the reader
scrolls; gdp finds 国内生产总值 in the national reports; axe-core on the search page; and the
home of every report holding its target values at 320, 360 and 1280 px."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlparse

import pytest

from ..archives import Archive
from ..conftest import SHARED_REPORTS
from .conftest import _QuietHandler
from .search_model import folded, forms, read, shard_number
from .test_browser import axe_violations
from .test_reader import shoot
from .test_search_shards import STATUSES

PHONE = {"width": 360, "height": 780}


@pytest.fixture(scope="module")
def archive(shared_reports_site: Archive | None) -> Iterator[tuple[Path, str]]:
    """The shared reports in one site, as a user makes it (new, import each, build; the browser's
    one, shared with test_archive): its output folder and its address on a local server."""
    if shared_reports_site is None:
        pytest.skip(f"the shared reports are not in {SHARED_REPORTS} "
                    "(they are read from there, never copied)")
    output = shared_reports_site.project.output
    handler = functools.partial(_QuietHandler, directory=str(output.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield output, f"http://127.0.0.1:{server.server_address[1]}/{output.name}/"
    server.shutdown()


def open_search(browser: Any, base: str, variant: str, query: str, extra: str = "",
                viewport: dict[str, int] = PHONE, scheme: str = "light") -> Any:
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    context.add_init_script(STATUSES)
    tab = context.new_page()
    tab.loaded = []
    tab.on("request", lambda request: tab.loaded.append(unquote(urlparse(request.url).path)))
    tab.goto(f"{base}{variant}/search.html?q={quote(query)}{extra}")
    tab.wait_for_selector("#search-status:not(:empty)")
    return tab


def blocks(tab: Any) -> list[dict[str, Any]]:
    """Each report's block as shown: its layer, its report's title, its count, and each hit (the
    text of its heading, and of the whole hit), page group by page group."""
    return tab.eval_on_selector_all(".result-report", """bs => bs.map(b => ({
        layer: b.parentNode.id, title: b.querySelector('h3').firstChild.textContent.trim(),
        count: b.querySelector('.result-count').textContent,
        groups: Array.from(b.querySelectorAll('.result-group'), g => Array.from(g.querySelectorAll('li'),
            li => ({heading: (li.querySelector('strong') || {}).textContent || '',
                    text: li.textContent})))}))""")


def year(title: str) -> int:
    return int(re.search(r"(\d{4})年", title).group(1))  # type: ignore[union-attr]


def holds(text: str, word: str, fold: dict[str, str]) -> bool:
    """Whether a hit's text holds the word, or what its synonyms make of it (folded as search does)."""
    return any(form in folded(fold, text) for form in forms(word, fold))


# --- search ---------------------------------------------------------------------------------------------

QUERIES = ["高质量发展", "发展", "乡村振兴", "營商環境", "科技创新", "高质量 发展", "生态 保护", "gdp"]


@pytest.mark.parametrize("variant", ["zh-hans", "zh-hant"])
def test_search_shows_hits_at_once_ranked_and_grouped_by_report(browser: Any, archive: tuple[Path, str],
                                                                 variant: str) -> None:
    out, base = archive
    fold = read(out / "static" / "search-fold.js")
    budget = read(out / variant / "search-index.js")["budget"]
    for query in QUERIES:
        tab = open_search(browser, base, variant, query)
        statuses, asked = tab.evaluate("window.statuses"), tab.evaluate("window.asked")
        at = next(n for n, status in enumerate(statuses) if status)
        found = re.search(r"找到(\d+)段", statuses[at])
        assert found and int(found.group(1)) > 0, (query, statuses[at])  # never "found 0" while shards remain
        fetched = sum((out / unquote(path).removeprefix("/output/")).stat().st_size for path in asked[at]
                      if "search-index" in path or path.endswith("search-fold.js"))
        shown = blocks(tab)
        assert shown, query
        words = query.split()
        layers = [block["layer"] for block in shown]
        assert layers == sorted(layers, key=["results-headings", "results-text"].index), query
        for block in shown:
            hits = [hit for group in block["groups"] for hit in group]
            # In a heading: every word in the heading; in the text: some word outside it.
            in_heading = [all(holds(hit["heading"], w, fold) for w in words) for hit in hits]
            assert all(in_heading) if block["layer"] == "results-headings" else not any(in_heading), query
            missing = [hit for hit in hits if not all(holds(hit["text"], w, fold) for w in words)]
            assert not missing, (query, missing[:3])  # every word shown in each hit
            # Its count: every hit it shows, final or "found so far".
            assert block["count"] in (f"{len(hits)}段", f"已找到{len(hits)}段"), (query, block["count"])
            if len(words) > 1:  # in each page, the whole phrase before scattered words
                for group in block["groups"]:
                    whole = [holds(hit["text"], "".join(words), fold) for hit in group]
                    assert whole == sorted(whole, reverse=True), query
        for layer in ("results-headings", "results-text"):  # each layer's reports newest first
            years = [year(block["title"]) for block in shown if block["layer"] == layer]
            assert len(words) > 1 or years == sorted(years, reverse=True), (query, years)
        assert len({(b["layer"], b["title"]) for b in shown}) == len(shown)  # a block per report and layer
        if query == QUERIES[0]:
            assert fetched <= budget  # what the first screen took (a round; at once)
            shoot(tab, f"{variant}-archive-search-phone")
        tab.context.close()


def test_the_filters_narrow_by_government_and_year_and_survive_the_switch(browser: Any,
                                                                         archive: tuple[Path, str]) -> None:
    out, base = archive
    tab = open_search(browser, base, "zh-hans", "发展")
    governments = tab.eval_on_selector_all("#search-government option", "os => os.map(o => o.textContent)")
    assert governments[0] == "全部" and {"国务院（4份）", "呼伦贝尔市海拉尔区（5份）"} <= set(governments)
    tab.select_option("#search-government", label="国务院（4份）")
    tab.wait_for_function("(hs => hs.length && hs.every(h => h.textContent.startsWith('国务院')))("
                          "Array.from(document.querySelectorAll('.result-report h3')))")
    assert {block["title"][:3] for block in blocks(tab)} == {"国务院"}
    assert parse_qs(urlparse(tab.url).query)["gov"] == ["国务院"]
    years = tab.eval_on_selector_all("#search-year option:not([disabled])", "os => os.map(o => o.value)")
    assert years == ["", "2024", "2022", "2019", "1998"]  # the years of that government alone
    manifest = read(out / "zh-hans" / "search-index.js")
    loaded = {shard_number(manifest, p) for p in tab.loaded if "/text-" in p}
    tab.select_option("#search-year", "2019")
    tab.wait_for_function("(hs => hs.length && hs.every(h => h.textContent.startsWith('国务院2019')))("
                          "Array.from(document.querySelectorAll('.result-report h3')))")
    # The text of other reports is not fetched: only shards that hold the reports allowed.
    fetched = {shard_number(manifest, p) for p in tab.loaded if "/text-" in p} - loaded
    gw, step = manifest["gw"], manifest["gw"] + 2
    facets = [(manifest["governments"][decode(manifest["facets"], r * step, gw)],
               decode(manifest["facets"], r * step + gw, 2) + manifest["first_year"])
              for r in range(len(manifest["facets"]) // step)]
    allowed = [r for r, facet in enumerate(facets) if facet == ("国务院", 2019)]
    assert len(allowed) == 1
    width = manifest["width"]
    for n in fetched:
        first, last = (decode(manifest["spans"], (2 * n + k) * width, width) for k in (0, 1))
        assert any(first <= r <= last for r in allowed), n
    tab.click("nav.switcher a[hreflang='zh-Hant']")
    tab.wait_for_url(re.compile(r"/zh-hant/search\.html"))
    tab.wait_for_selector(".result-report")
    assert tab.input_value("#search-government") != "" and tab.input_value("#search-year") == "2019"
    assert {block["title"] for block in blocks(tab)} == {"國務院2019年政府工作報告"}
    tab.context.close()


def decode(text: str, at: int, width: int) -> int:
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    value = 0
    for char in text[at: at + width]:
        value = value * 64 + digits.index(char)
    return value


def test_more_loads_by_itself_as_the_reader_scrolls(browser: Any, archive: tuple[Path, str]) -> None:
    _, base = archive
    tab = open_search(browser, base, "zh-hans", "发展")
    shown = tab.eval_on_selector_all("#search-results li", "ls => ls.length")
    assert tab.is_visible("#search-more") and shown >= 50
    style = tab.eval_on_selector("#search-more", """b => [getComputedStyle(b).borderTopStyle,
        b.getBoundingClientRect().width, b.parentNode.getBoundingClientRect().width]""")
    assert style[0] == "solid" and style[1] >= style[2] - 40  # a styled button, the width of the column
    statuses = len(tab.evaluate("window.statuses"))
    for _ in range(3):  # scrolled to the end: the next rounds load, nobody presses anything
        tab.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        tab.wait_for_function(f"document.querySelectorAll('#search-results li').length > {shown}")
        shown = tab.eval_on_selector_all("#search-results li", "ls => ls.length")
    assert len(tab.evaluate("window.statuses")) > statuses
    assert tab.evaluate("document.activeElement.id") != "search-more"  # the focus stays where it was
    tab.context.close()


@pytest.mark.parametrize("variant", ["zh-hans", "zh-hant"])
def test_gdp_finds_what_the_national_reports_call_it(browser: Any, archive: tuple[Path, str],
                                                     variant: str) -> None:
    _, base = archive
    government = "国务院" if variant == "zh-hans" else "國務院"
    tab = open_search(browser, base, variant, "gdp", f"&gov={quote(government)}")
    status = tab.inner_text("#search-status")
    name = "国内生产总值" if variant == "zh-hans" else "國內生產總值"
    assert name in status.split("：")[0]  # the status says what else it looked for
    for _ in range(100):  # every round, by hand where the page waits for the reader
        tab.wait_for_function("!document.querySelector('#search-more').disabled")
        if tab.is_hidden("#search-more"):
            break
        # The button's own click: scrolling it into view also loads a round by itself, which moves
        # the button down while a pointer is on its way to it.
        tab.eval_on_selector("#search-more", "button => button.click()")
    assert tab.is_hidden("#search-more")
    marks: dict[str, set[str]] = {}
    for block in tab.eval_on_selector_all(".result-report", """bs => bs.map(b => [
            b.querySelector('h3').firstChild.textContent,
            Array.from(b.querySelectorAll('mark'), m => m.textContent)])"""):
        marks.setdefault(year(block[0]), set()).update(block[1])
    assert sorted(marks) == [1998, 2019, 2022, 2024] and all(name in found for found in marks.values()), marks
    quoted = open_search(browser, base, variant, "“gdp”", f"&gov={quote(government)}")
    assert quoted.inner_text("#search-status").endswith("没有找到" if variant == "zh-hans" else "沒有找到")
    quoted.context.close()
    tab.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("variant", ["zh-hans", "zh-hant"])
def test_the_search_page_of_an_archive_has_no_axe_violations(browser: Any, archive: tuple[Path, str],
                                                             variant: str, scheme: str) -> None:
    _, base = archive
    tab = open_search(browser, base, variant, "高质量 发展", viewport={"width": 1280, "height": 900},
                      scheme=scheme)
    tab.wait_for_selector("#search-facets:not([hidden])")
    tab.wait_for_selector("#results-text .result-report")  # the next rounds load by themselves
    tab.wait_for_function("!document.querySelector('#search-results').hasAttribute('aria-busy')")
    assert tab.is_visible("#search-more") and tab.query_selector("#results-headings .result-report")
    assert axe_violations(tab) == []
    shoot(tab, f"{variant}-archive-search-desktop-{scheme}")
    tab.context.close()


# --- cards that hold any value ----------------------------------------------------------------------------

OVERFLOW = """() => {
  const out = [], root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) out.push('page ' + root.scrollWidth + ' > ' + root.clientWidth);
  const cards = Array.from(document.querySelectorAll('.headline-figures li, .cards a'));
  for (const card of cards) {
    const box = card.getBoundingClientRect();
    if (card.scrollWidth > card.clientWidth + 1) out.push('scrolls: ' + card.textContent.trim().slice(0, 30));
    for (const inner of card.querySelectorAll('*')) {
      for (const r of inner.getClientRects()) {
        if (r.width && (r.left < box.left - 1 || r.right > box.right + 1))
          out.push('overflows: ' + card.textContent.trim().slice(0, 30) + ' | ' + inner.textContent);
      }
    }
  }
  const figures = Array.from(document.querySelectorAll('.headline-figures li'),
                             l => l.getBoundingClientRect());
  figures.forEach((a, i) => figures.slice(i + 1).forEach(b => {
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
      out.push('two cards overlap');
  }));
  return out;
}"""


@pytest.mark.parametrize("width", [320, 360, 1280])
@pytest.mark.parametrize("variant", ["zh-hans", "zh-hant"])
def test_every_home_holds_its_target_values_at_every_width(browser: Any, archive: tuple[Path, str],
                                                           variant: str, width: int) -> None:
    out, base = archive
    homes = sorted(path.parent.name for path in (out / variant).glob("*/index.html")
                   if (path.parent / "full.html").is_file())
    assert len(homes) == 15
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    figures = 0
    for slug in homes:
        tab.goto(f"{base}{variant}/{slug}/index.html")
        figures += tab.eval_on_selector_all(".headline-figures li", "ls => ls.length")
        assert tab.evaluate(OVERFLOW) == [], (slug, width)
        if slug.endswith("national") and slug.startswith("2024"):
            shoot(tab, f"{variant}-home-2024-national-{width}")
    assert figures > 60  # the targets of the 15 reports: every home has some
    context.close()
