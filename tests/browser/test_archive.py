"""An archive in Chromium, as a reader meets it: a site of the 15 shared reports (paged: four reports a
home page) and a site of corpus2's Hebei reports (one page). A page per government, its reports by
year; previous and next never leave a report; a report's years under its title; breadcrumbs site ›
government › report › part; no sideways scroll on a home or government page at 320 and 360 px; no
axe violation on the new pages; screenshots of each at 360 and 1280 px in both scripts in
tests/artifacts/archive-*.png, for a person to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_src.content.site import SiteContent, load_site
from site_src.genre import load_genre

from ..archives import (
    Archive,
    hebei_archive,
    hebei_sources,
    one_government_archive,
)
from .conftest import ARTIFACTS, SHARED_PER_PAGE, settle
from .test_browser import axe_violations

VARIANTS = ("zh-hans", "zh-hant")
NARROW = (320, 360)
SITES = ("shared", "hebei", "one")
SLUGS = "links => links.map(a => a.href.split('/').slice(-2)[0])"  # the report of each link to its home
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory,
             shared_reports_site: Archive | None) -> Iterator[dict[str, tuple[Archive, SiteContent]]]:
    """Both archives, built once for the module (each only where its reports are there)."""
    built = {}
    if shared_reports_site is not None:
        found = shared_reports_site
        built["shared"] = (found, load_site(found.project.content, load_genre(found.project.content)))
    if hebei_sources():
        found = hebei_archive(tmp_path_factory.mktemp("hebei-archive"))
        built["hebei"] = (found, load_site(found.project.content, load_genre(found.project.content)))
    one = one_government_archive(tmp_path_factory.mktemp("one-government"))
    if one is not None:
        built["one"] = (one, load_site(one.project.content, load_genre(one.project.content)))
    yield built


def site_of(archives: dict[str, tuple[Archive, SiteContent]], name: str) -> tuple[Path, SiteContent]:
    if name not in archives:
        pytest.skip(f"the reports of the {name} archive are not in ../shared/reports (read from there, "
                    "never copied)")
    archive, content = archives[name]
    return archive.project.output, content


def tab_at(browser: Any, url: str, width: int = 1280, scheme: str = "light") -> Any:
    tab = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme).new_page()
    tab.goto(url)
    settle(tab)
    return tab


def shoot(tab: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"archive-{name}.png"), full_page=True)


def home_pages(folder: Path) -> list[Path]:
    """The home's pages, in their order (index.html, index-2.html, …)."""
    return sorted(folder.glob("index*.html"), key=lambda path: int(path.stem.partition("-")[2] or 1))


def list_pages(out: Path, variant: str) -> list[Path]:
    """Every page of the home and of every government."""
    folder = out / variant
    return [*home_pages(folder), *sorted((folder / "governments").rglob("*.html"))]


def test_the_archives_hold_what_could_be_imported(archives: dict[str, tuple[Archive, SiteContent]]) -> None:
    if "hebei" in archives:
        archive, content = archives["hebei"]
        assert archive.skipped == {}  # every one (Shunping's literal \r\n lines too)
        assert len(archive.damaged) == 4 and len(content.reports) == 8  # two lost in furniture only
        assert content.site.title == "各市县政府工作报告（2008—2025年）"
    if "shared" in archives:
        _, content = archives["shared"]
        assert len(content.reports) == 15 and content.site.title == "国务院与地方政府工作报告（1998—2026年）"


@pytest.mark.parametrize("name", SITES[:2])  # the third is of one government: its home is its page
def test_a_page_per_government_with_its_reports_by_year(browser: Any, archives: dict[str, Any],
                                                        name: str) -> None:
    out, content = site_of(archives, name)
    on_home: dict[str, list[str]] = {}
    for path in home_pages(out / "zh-hans"):
        tab = tab_at(browser, path.as_uri())
        for section in tab.query_selector_all("section.government"):
            government = section.eval_on_selector("h2 a", "a => a.href").rsplit("/", 1)[1]
            on_home.setdefault(government, []).extend(section.eval_on_selector_all(
                ".years a", SLUGS))
        tab.context.close()
    governments = content.governments
    assert list(on_home) == [f"{government.id}.html" for government in governments]  # in their order
    for government in governments:
        slugs = [slug for _, slug in government.reports]
        assert on_home[f"{government.id}.html"] == slugs  # by year, each once
        listed: list[str] = []
        lines: list[str] = []
        page: str | None = (out / "zh-hans" / "governments" / f"{government.id}.html").as_uri()
        while page:
            tab = tab_at(browser, page)
            assert tab.inner_text("h1").startswith(government.name)
            listed += tab.eval_on_selector_all(".cards a", SLUGS)
            lines += tab.eval_on_selector_all(".cards a span", "spans => spans.map(s => s.innerText)")
            page = tab.eval_on_selector(".pager a[rel=next]", "a => a.href") if tab.query_selector(
                ".pager a[rel=next]") else None
            tab.context.close()
        assert listed == slugs, government.id
        # A line of what each report is (when, where, by whom), where its byline says it.
        bylines = [entry.report.byline for entry in content.reports if entry.slug in slugs]
        assert len(lines) == sum(1 for byline in bylines if byline) and all(lines)
        with_bylines = [byline for byline in bylines if byline]
        for line, byline in zip(lines, with_bylines, strict=True):
            assert line.split("\n")[0] in "".join(byline)


@pytest.mark.parametrize("name", SITES)
def test_previous_and_next_never_leave_a_report(browser: Any, archives: dict[str, Any], name: str) -> None:
    """Each report's chain of next links, from its home to its last page, never leads out of it, and
    each page's previous link leads back into it. The browser follows each report's first link; the
    rest of the chain is read from the pages as the browser resolves their links (a browser per page
    of an archive took minutes and showed nothing more)."""
    out, content = site_of(archives, name)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    for entry in content.reports:
        home = out / "zh-hans" / entry.slug / "index.html"
        tab.goto(home.as_uri(), wait_until="domcontentloaded")
        assert tab.query_selector(".prevnext a[rel=prev]") is None, entry.slug
        tab.click(".prevnext a[rel=next]")
        assert f"/zh-hans/{entry.slug}/" in tab.url, entry.slug
        page, seen = home, 1
        while (following := _link(page, "next")) is not None:
            assert following.is_relative_to(out / "zh-hans" / entry.slug), (entry.slug, page)
            back = _link(following, "prev")
            assert back is not None and back.is_relative_to(out / "zh-hans" / entry.slug), following
            page, seen = following, seen + 1
        assert seen > len(entry.report.parts), entry.slug  # the home, its parts and sections, the rest
    context.close()


_PREVNEXT = re.compile(r'<nav class="prevnext".*?</nav>', re.DOTALL)


def _link(page: Path, rel: str) -> Path | None:
    """Where the page's previous or next link leads, as a browser resolves it (relative to the page)."""
    nav = _PREVNEXT.search(page.read_text(encoding="utf-8"))
    found = nav and re.search(rf'rel="{rel}" href="([^"#]+)', nav.group())
    return (page.parent / found.group(1)).resolve() if found else None


HOME = {"zh-hans": "首页", "zh-hant": "首頁"}
NAMES = {"zh-hans": ("前一份报告", "后一份报告"), "zh-hant": ("前一份報告", "後一份報告")}


def test_a_report_s_years_under_its_title(browser: Any, archives: dict[str, Any]) -> None:
    out, _ = site_of(archives, "shared")
    for variant, earlier, later in (("zh-hans", "2015年", "2019年"), ("zh-hant", "2015年", "2019年")):
        tab = tab_at(browser, (out / variant / "2016-hailaer" / "index.html").as_uri(), 360)
        bar = tab.query_selector("nav.report-years")
        title = tab.query_selector("h1").bounding_box()
        box = bar.bounding_box()
        assert title["y"] < box["y"] < 400  # under the title, on the first screen of a phone
        assert tab.query_selector(".targets").bounding_box()["y"] > box["y"]  # before the targets
        texts = bar.eval_on_selector_all("a", "links => links.map(a => a.innerText.trim())")
        assert texts[0].endswith(earlier) and later in texts[-1] and len(texts) == 3
        hrefs = bar.eval_on_selector_all("a", "links => links.map(a => a.href)")
        assert hrefs[0].endswith("/2015-hailaer/index.html") and hrefs[2].endswith("/2019-hailaer/index.html")
        assert re.search(r"/governments/hailaer(/2)?\.html$", hrefs[1])  # the page that lists 2016
        # What the arrows say, to a screen reader.
        for label, year in zip(NAMES[variant], (earlier, later), strict=True):
            name = re.compile(rf"^{label}：\s*{year}$")
            assert tab.get_by_role("link", name=name).count() == 1, name
        shoot(tab, f"{variant}-report-home-phone")
        tab.context.close()
    first = tab_at(browser, (out / "zh-hans" / "2013-hailaer" / "index.html").as_uri())
    classes = first.eval_on_selector_all("nav.report-years a", "ls => ls.map(a => a.className)")
    assert classes == ["series", "later"]  # the first year: nothing before it
    first.context.close()
    national = tab_at(browser, (out / "zh-hans" / "1998-national" / "index.html").as_uri())
    assert "2019年" in national.eval_on_selector("nav.report-years a.later", "a => a.innerText")
    national.context.close()


def test_breadcrumbs_run_site_government_report_part(browser: Any, archives: dict[str, Any]) -> None:
    out, content = site_of(archives, "shared")
    report = next(entry.report for entry in content.reports if entry.slug == "2024-national")
    url = (out / "zh-hans" / "2024-national" / report.parts[0].id / "01.html").as_uri()
    wide = tab_at(browser, url)
    crumbs = wide.eval_on_selector_all(".breadcrumbs a", "links => links.map(a => a.innerText)")
    assert crumbs == ["首页", "国务院", "2024年政府工作报告", report.parts[0].heading]
    wide.context.close()
    phone = tab_at(browser, url, 360)  # on a phone, only the way up: the part
    shown = phone.eval_on_selector_all(".breadcrumbs li", "items => items.filter(li => li.offsetParent)"
                                                          ".map(li => li.innerText)")
    assert shown == [report.parts[0].heading]
    phone.context.close()
    home = tab_at(browser, (out / "zh-hans" / "2024-national" / "index.html").as_uri(), 360)
    assert home.eval_on_selector_all(".breadcrumbs li", "items => items.filter(li => li.offsetParent)"
                                                        ".map(li => li.innerText)") == ["国务院"]
    home.context.close()


def test_the_home_is_paged_and_each_page_links_the_next(browser: Any, archives: dict[str, Any]) -> None:
    out, content = site_of(archives, "shared")
    listed: list[str] = []
    page: str | None = (out / "zh-hans" / "index.html").as_uri()
    number = 0
    while page:
        number += 1
        tab = tab_at(browser, page)
        reports = tab.eval_on_selector_all("section.government .years a", "ls => ls.map(a => a.href)")
        assert 1 <= len(reports) <= SHARED_PER_PAGE
        listed += [href.split("/")[-2] for href in reports]
        assert tab.inner_text(".pager [aria-current=page]") == str(number)
        previous = tab.query_selector(".pager a[rel=prev]")
        assert (previous is None) == (number == 1)
        page = tab.eval_on_selector(".pager a[rel=next]", "a => a.href") if tab.query_selector(
            ".pager a[rel=next]") else None
        tab.context.close()
    assert number == len(list((out / "zh-hans").glob("index*.html"))) > 1
    assert sorted(listed) == sorted(entry.slug for entry in content.reports)  # each once


def test_the_targets_page_is_linked_from_the_home_and_the_government_page(browser: Any,
                                                                          archives: dict[str, Any]) -> None:
    out, _ = site_of(archives, "shared")
    for path in (out / "zh-hans" / "index-4.html", out / "zh-hans" / "governments" / "hailaer.html"):
        tab = tab_at(browser, path.as_uri())
        links = tab.query_selector_all("a[href$='targets/hailaer.html']")
        assert len(links) == 1, path
        links[0].click()
        tab.wait_for_load_state()
        assert tab.url.endswith("/zh-hans/targets/hailaer.html")
        assert tab.eval_on_selector_all(".breadcrumbs a", "ls => ls.map(a => a.innerText)") == [
            "首页", "呼伦贝尔市海拉尔区"]
        tab.context.close()


@pytest.mark.parametrize("name", SITES)
@pytest.mark.parametrize("width", NARROW)
def test_no_sideways_scroll_on_any_home_or_government_page(browser: Any, archives: dict[str, Any],
                                                           name: str, width: int) -> None:
    out, _ = site_of(archives, name)
    context = browser.new_context(viewport={"width": width, "height": 740})
    tab = context.new_page()
    wide = []
    for variant in VARIANTS:
        for path in list_pages(out, variant):
            tab.goto(path.as_uri(), wait_until="load")
            overflow = tab.evaluate(OVERFLOW)
            if overflow > 0:
                wide.append(f"{path.relative_to(out)}: {overflow}px")
    context.close()
    assert wide == []


NEW_PAGES = {"home": "index.html", "home-2": "index-2.html", "government": "governments/national.html",
             "government-2": "governments/hailaer/2.html", "report-home": "2016-hailaer/index.html"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", NEW_PAGES)
def test_axe_finds_no_violation_on_the_new_pages(browser: Any, archives: dict[str, Any], kind: str,
                                                 variant: str, scheme: str) -> None:
    out, _ = site_of(archives, "shared")
    tab = tab_at(browser, (out / variant / NEW_PAGES[kind]).as_uri(), scheme=scheme)
    assert axe_violations(tab) == []
    tab.context.close()


@pytest.mark.parametrize("variant", VARIANTS)
def test_axe_on_the_hebei_archive(browser: Any, archives: dict[str, Any], variant: str) -> None:
    out, content = site_of(archives, "hebei")
    for route in ("index.html", f"governments/{content.governments[0].id}.html"):
        tab = tab_at(browser, (out / variant / route).as_uri())
        assert axe_violations(tab) == [], route
        tab.context.close()


SHOTS = {("one", "home"): "index.html",
         ("shared", "home"): "index.html", ("shared", "home-2"): "index-2.html",
         ("shared", "government"): "governments/hailaer.html", ("hebei", "home"): "index.html",
         ("hebei", "government"): "governments/xushui.html"}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("shot", SHOTS, ids=lambda shot: "-".join(shot))
def test_screenshots_of_the_new_pages(browser: Any, archives: dict[str, Any], shot: tuple[str, str],
                                      variant: str) -> None:
    out, _ = site_of(archives, shot[0])
    for width in (360, 1280):
        tab = tab_at(browser, (out / variant / SHOTS[shot]).as_uri(), width)
        shoot(tab, f"{shot[0]}-{variant}-{shot[1]}-{width}")
        tab.context.close()


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_site_of_one_government_is_its_page(browser: Any, archives: dict[str, Any], variant: str) -> None:
    """Its home lists the government's reports and its targets page; no page per government; a
    report's pages read site › report › part (the site's title names the government already)."""
    out, content = site_of(archives, "one")
    assert content.site.title == "呼伦贝尔市海拉尔区政府工作报告（2013—2019年）"
    assert not (out / variant / "governments").exists()
    home = tab_at(browser, (out / variant / "index.html").as_uri())
    assert home.eval_on_selector_all(".cards a", SLUGS) == [entry.slug for entry in content.reports]
    assert home.query_selector("a[href$='targets/hailaer.html']") is not None
    assert axe_violations(home) == []
    home.context.close()
    part = tab_at(browser, (out / variant / "2016-hailaer" / "review" / "index.html").as_uri())
    crumbs = part.eval_on_selector_all(".breadcrumbs a", "ls => ls.map(a => [a.innerText, a.href])")
    report = "2016年政府工作報告" if variant == "zh-hant" else "2016年政府工作报告"
    assert [(text, href.split(f"/{variant}/")[1]) for text, href in crumbs] == [
        (HOME[variant], "index.html"), (report, "2016-hailaer/index.html")]
    part.context.close()
