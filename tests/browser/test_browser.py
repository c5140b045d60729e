"""What a reader gets, checked in Chromium: switching script, search, layout, accessibility."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from site_src.model import Report
from site_src.pipeline import BuildResult
from site_src.variants.convert import make_converter

from .conftest import ARTIFACTS, AXE, settle
from .search_model import forms

# One page of each type, by route.
PAGE_TYPES = {
    "home": "index.html", "text": "closing.html", "part": "review/index.html",
    "section": "plan/02.html", "industries": "industries/index.html",
    "industry": "industries/ceramics.html", "figures": "figures.html", "slogans": "slogans.html",
    "full": "full.html", "side-by-side": "both/review.html", "about": "about.html", "notes": "notes.html",
    "search": "search.html?q=陶瓷", "not-found": "404.html",
}
VARIANTS = ("zh-hans", "zh-hant")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the page as loaded, each with up to three of its nodes."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' '))
            .join(' | '));
    }""", AXE_TAGS)
# Real queries from the report, in both scripts, short and long.
QUERIES = ["陶瓷产业", "陶瓷產業", "新能源汽车", "示范", "示範", "干部", "幹部", "着力", "著力", "荣昌猪",
           "榮昌豬", "2335", "产业园", "规上工业", "高质量发展", "营商环境", "乡村振兴", "数字化", "发展",
           "后劲", "新征程", "快幹", "农", "川渝"]


def expected_ids(report: Report, query: str) -> set[str]:
    """Every paragraph, section and part whose text contains the query in either script, or what
    the genre's synonyms make of it (规上工业 finds 规模以上工业)."""
    wanted = forms(make_converter("tw2s")(query))
    found = {p.id for p in report.paragraphs() if any(w in p.heading or w in p.text for w in wanted)}
    found |= {s.id for s in report.sections() if any(w in s.heading for w in wanted)}
    found |= {p.id for p in report.parts if any(w in p.heading for w in wanted)}
    return found


def result_ids(page: Any) -> list[str]:
    """The anchors of the hits in the report's text (the summary pages' hits aside)."""
    hrefs = page.eval_on_selector_all("#search-results .result-group:not(.summary) li a",
                                      "links => links.map(a => a.href)")
    return [href.rsplit("#", 1)[1] for href in hrefs]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_every_paragraph_and_only_those(page: Any, served: str, report: Report,
                                                     variant: str, query: str) -> None:
    page.goto(f"{served}{variant}/search.html?q={query}")
    page.wait_for_selector("#search-status:not(:empty)")
    found = result_ids(page)
    assert len(found) == len(set(found))
    assert set(found) == expected_ids(report, query)
    if found:
        marks = page.eval_on_selector_all("#search-results mark", "marks => marks.map(m => m.textContent)")
        to_simplified = make_converter("tw2s")
        assert marks and all(to_simplified(m) in forms(to_simplified(query)) for m in marks)


def test_search_ranks_headings_first_and_groups_by_section(page: Any, served: str) -> None:
    page.goto(f"{served}zh-hant/search.html?q=数字化")
    page.wait_for_selector("#search-status:not(:empty)")
    first = page.inner_text("#search-results li:first-child strong")
    assert "數字化" in first  # a topic heading that holds the query comes first
    groups = page.eval_on_selector_all("#search-results .result-group h2", "hs => hs.map(h => h.textContent)")
    assert len(groups) == len(set(groups)) > 1


def test_search_from_the_header_box_and_from_file_urls(page: Any, served: str,
                                                       built_site: tuple[Path, BuildResult]) -> None:
    page.goto(f"{served}zh-hans/review/01.html")
    page.fill("#site-search", "陶瓷")
    page.press("#site-search", "Enter")
    page.wait_for_selector("#search-status:not(:empty)")
    assert page.url.endswith("search.html?q=%E9%99%B6%E7%93%B7")
    assert len(result_ids(page)) >= 2
    out, _ = built_site
    page.goto((out / "zh-hant" / "search.html").as_uri() + "?q=陶瓷")
    page.wait_for_selector("#search-status:not(:empty)")
    assert len(result_ids(page)) >= 2


def test_switcher_lands_on_the_same_page_and_anchor(page: Any, served: str) -> None:
    page.goto(f"{served}zh-hans/review/03.html#review-03-2")
    page.click("nav.switcher a[hreflang='zh-Hant']")
    page.wait_for_load_state()
    assert page.url == f"{served}zh-hant/review/03.html#review-03-2"
    assert page.evaluate("document.documentElement.lang") == "zh-Hant"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_types_render_without_errors_or_overflow(browser: Any, served: str, variant: str,
                                                      kind: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    viewports = (("desktop", {"width": 1280, "height": 900}), ("mobile", {"width": 360, "height": 740}))
    for name, viewport in viewports:
        context = browser.new_context(viewport=viewport)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("console", lambda message, errors=errors: errors.append(message.text)
               if message.type == "error" else None)
        tab.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        tab.goto(f"{served}{variant}/{PAGE_TYPES[kind]}")
        settle(tab)
        assert errors == [], (kind, name)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (kind, name, overflow)
        tab.screenshot(path=str(ARTIFACTS / f"{variant}-{kind}-{name}.png"), full_page=True)
        context.close()


def test_contents_beside_the_text_when_wide_behind_a_button_when_narrow(browser: Any, served: str) -> None:
    wide = browser.new_page(viewport={"width": 1280, "height": 900})
    wide.goto(f"{served}zh-hans/plan/02.html")
    assert wide.is_visible(".sidebar .toc a[aria-current='page']")
    narrow = browser.new_page(viewport={"width": 360, "height": 740})
    narrow.goto(f"{served}zh-hans/plan/02.html")
    assert not narrow.is_visible(".sidebar .toc a[aria-current='page']")
    narrow.click(".toc-box summary")
    assert narrow.is_visible(".sidebar .toc a[aria-current='page']")
    wide.close()
    narrow.close()


def test_print_shows_only_the_text(page: Any, served: str) -> None:
    page.goto(f"{served}zh-hant/full.html")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".breadcrumbs"):
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none"
    assert page.is_visible("#plan-02-3")


def test_dark_mode_follows_the_system(page: Any, served: str) -> None:
    page.goto(f"{served}zh-hans/plan/02.html")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert light != dark
    channels = [int(c) for c in re.findall(r"\d+", dark)[:3]]
    assert max(channels) < 60


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_no_violation(page: Any, served: str, kind: str, variant: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{served}{variant}/{PAGE_TYPES[kind]}")
    settle(page)
    assert axe_violations(page) == []
