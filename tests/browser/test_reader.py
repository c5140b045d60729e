"""The reader's edition, checked in Chromium as a reader meets it: on a phone and a desktop, in
both scripts, light and dark; a screenshot of each check in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from site_src.model import Report
from site_src.variants.convert import make_converter

from .conftest import ARTIFACTS, settle
from .search_model import synonyms
from .test_browser import PAGE_TYPES, VARIANTS, result_ids

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
INTERNAL_ID = re.compile(r"\b(?:review|plan|preamble|closing)(?:-(?:intro|end|\d\d))?-\d+\b")


@pytest.fixture()
def tab(browser: Any) -> Iterator[Any]:
    """A new tab, its size and colours set by each test."""
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    yield tab
    context.close()


def open_page(browser: Any, url: str, screen: str = "phone", scheme: str = "light", **options: Any) -> Any:
    context = browser.new_context(viewport=SCREENS[screen], color_scheme=scheme, **options)
    tab = context.new_page()
    tab.goto(url)
    settle(tab)
    return tab


def shoot(tab: Any, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"reader-{name}.png"), full_page=full_page)


# --- on a phone -------------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_section_page_starts_its_text_on_the_first_screen_of_a_phone(browser: Any, served: str,
                                                                      variant: str, scheme: str) -> None:
    tab = open_page(browser, f"{served}{variant}/plan/02.html", "phone", scheme)
    header = tab.eval_on_selector(".site-header", "e => e.getBoundingClientRect().toJSON()")
    assert 48 <= header["height"] <= 60, header  # one row: title, search, 简/繁
    tops = tab.eval_on_selector_all(".site-header > *", "es => es.map(e => e.getBoundingClientRect().top)")
    assert len(tops) == 3 and max(tops) - min(tops) < 12, tops
    assert tab.query_selector(".kicker") is None  # the part is in the breadcrumbs, not said twice
    first = tab.eval_on_selector("main p[id]", "e => e.getBoundingClientRect().top")
    assert first < 300, first
    # 简 繁 show; the rest of each label is there for its name only, one pixel wide
    hidden = tab.eval_on_selector_all(".switcher .label-rest",
                                      "es => es.map(e => e.getBoundingClientRect().width)")
    assert len(hidden) == 2 and max(hidden) <= 1
    names = tab.eval_on_selector_all(".switcher li > *", "es => es.map(e => e.textContent)")
    # The whole label is still the link's name; then the text side by side, in the page's script.
    assert names == ["简体中文", "繁體中文", "对照" if variant == "zh-hans" else "對照"]
    shoot(tab, f"{variant}-section-phone-{scheme}")
    tab.context.close()


def test_the_header_is_one_row_on_a_desktop_and_the_search_button_leads_to_search(browser: Any,
                                                                                  served: str) -> None:
    tab = open_page(browser, f"{served}zh-hant/plan/02.html", "desktop")
    assert tab.eval_on_selector(".site-header", "e => e.getBoundingClientRect().height") <= 60
    assert tab.is_visible("#site-search")
    tab.context.close()
    phone = open_page(browser, f"{served}zh-hant/plan/02.html", "phone")
    assert not phone.is_visible("#site-search")
    phone.click(".search-form button")
    phone.wait_for_load_state()
    assert phone.url.split("?")[0].endswith("zh-hant/search.html")
    assert phone.evaluate("document.activeElement.id") == "search-page-input"
    phone.context.close()


JUSTIFIED_ELSEWHERE = """() => Array.from(document.querySelectorAll('body *')).filter(e => {
    const style = getComputedStyle(e);
    return style.textAlign === 'justify' && style.display !== 'inline' && style.display !== 'none'
        && !e.matches('p[id], .topic > p');
}).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))"""

LONE_LAST_CHARACTERS = """(selector) => Array.from(document.querySelectorAll(selector)).filter(e => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const lines = [];
    for (const rect of range.getClientRects()) {
        const last = lines[lines.length - 1];
        if (last && Math.abs(last.top - rect.top) < 4) { last.right = Math.max(last.right, rect.right);
            last.left = Math.min(last.left, rect.left); }
        else lines.push({top: rect.top, left: rect.left, right: rect.right});
    }
    const size = parseFloat(getComputedStyle(e).fontSize);
    return lines.length > 1 && lines[lines.length - 1].right - lines[lines.length - 1].left < 1.6 * size;
}).map(e => e.textContent)"""


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", ["home", "part", "section", "industry", "figures", "about", "full"])
def test_only_running_paragraphs_are_justified(browser: Any, served: str, variant: str, kind: str) -> None:
    tab = open_page(browser, f"{served}{variant}/{PAGE_TYPES[kind]}", "phone")
    assert tab.evaluate(JUSTIFIED_ELSEWHERE) == []
    if kind in ("home", "part"):
        assert tab.evaluate(LONE_LAST_CHARACTERS, ".cards strong, .cards span") == []
        assert tab.eval_on_selector(".cards a > span", "e => getComputedStyle(e).textWrapStyle") == "pretty"
        shoot(tab, f"{variant}-{kind}-cards-phone", full_page=True)
    tab.context.close()


def test_chinese_typesetting_trims_opening_brackets_and_spaces_latin(browser: Any, served: str) -> None:
    tab = open_page(browser, f"{served}zh-hans/review/03.html", "phone")
    heading = tab.evaluate("""() => {
        const h = document.querySelector('h1'), range = document.createRange();
        const text = document.createTreeWalker(h, NodeFilter.SHOW_TEXT).nextNode();
        range.setStart(text, 0); range.setEnd(text, 1);
        return {text: h.textContent[0], width: range.getBoundingClientRect().width,
                size: parseFloat(getComputedStyle(h).fontSize), trim: getComputedStyle(h).textSpacingTrim};
    }""")
    assert heading["text"] == "（" and heading["trim"] == "trim-start"
    assert heading["width"] < 0.7 * heading["size"], heading  # half an em, not a full one
    spaced = tab.evaluate("""() => {
        const widths = ['normal', 'no-autospace'].map(value => {
            const span = document.createElement('span');
            span.style.textAutospace = value; span.textContent = '增长6.6%，单位GDP能耗';
            document.querySelector('main').appendChild(span);
            const width = span.getBoundingClientRect().width; span.remove(); return width;
        });
        return {page: getComputedStyle(document.querySelector('main p')).textAutospace, widths};
    }""")
    assert spaced["page"] == "normal" and spaced["widths"][0] > spaced["widths"][1] + 4, spaced
    tab.context.close()


# --- the home page ------------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_the_home_page_tells_the_report(browser: Any, served: str, report: Report, variant: str,
                                        screen: str, scheme: str) -> None:
    tab = open_page(browser, f"{served}{variant}/index.html", screen, scheme)
    height = SCREENS[screen]["height"]
    order = tab.eval_on_selector_all("main > section", "ss => ss.map(s => s.className)")
    # The year's targets, then the report as it reads (its opening words, the review, the plan),
    # then the contents, which hold no paragraph of the report.
    assert order[:5] == ["targets", "opening", "achievements", "tasks", "contents"], order
    assert tab.query_selector(".contents p[id]") is None
    # The year's targets first, as large numbers, on the first screen.
    targets = tab.eval_on_selector_all(".headline-figures li", """ls => ls.map(l => ({
        top: l.getBoundingClientRect().top,
        label: parseFloat(getComputedStyle(l.querySelector('.indicator')).fontSize),
        number: parseFloat(getComputedStyle(l.querySelector('.target a')).fontSize)}))""")
    assert len(targets) == 11
    assert targets[0]["top"] < 300 and sum(t["top"] < height for t in targets) >= 6
    assert all(t["number"] >= 1.8 * t["label"] for t in targets[:10])
    # The tasks of the plan at a glance: one card each, its heading and first words.
    plan = report.parts[1]
    cards = tab.eval_on_selector_all(".tasks .cards a", "as => as.map(a => [a.querySelector('strong')"
                                     ".textContent, a.querySelector('span').textContent])")
    to_script = make_converter("s2tw") if variant == "zh-hant" else (lambda text: text)
    assert [heading for heading, _ in cards] == [to_script(s.heading) for s in plan.sections]
    assert all(0 < len(words) <= 47 for _, words in cards)
    # Last year's results, cut to their lead clauses.
    results = tab.eval_on_selector_all(".achievements .cards strong", "ss => ss.map(s => s.textContent)")
    leads = ("我们旗帜鲜明讲政治", "我们竭尽全力拼经济", "我们不遗余力增福祉", "我们凝心聚力强基础")
    assert results == [to_script(t) for t in leads]
    # The report's opening words (the preamble is no page of its own), and the contents.
    assert tab.is_visible(".opening #preamble-2") and tab.query_selector(".contents .toc")
    shoot(tab, f"{variant}-home-{screen}-{scheme}")
    if scheme == "light":
        shoot(tab, f"{variant}-home-{screen}-whole", full_page=True)
    tab.context.close()


# --- reading and finding one's way ---------------------------------------------------------------------

@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("route", ["industries/index.html", "industries/ceramics.html", "about.html"])
def test_quotes_say_where_they_are_from_as_a_reader_names_it(browser: Any, served: str, variant: str,
                                                              route: str) -> None:
    tab = open_page(browser, f"{served}{variant}/{route}", "desktop")
    # The quote footers and the about page's audit are ours; the summary pages' own lists use
    # place() once their templates call it.
    selector = ".quote footer" if route.startswith("industries") else "main"
    texts = tab.eval_on_selector_all(selector, "es => es.map(e => e.innerText)")
    assert texts and not [t for t in texts if INTERNAL_ID.search(t)]
    if route == "industries/ceramics.html":
        assert any("二、2024年工作安排（二） 第3段" in t for t in texts), texts
    tab.context.close()


def test_the_full_text_has_contents_permalinks_and_a_way_back_up(browser: Any, served: str,
                                                                 report: Report) -> None:
    tab = open_page(browser, f"{served}zh-hans/full.html", "phone")
    links = tab.eval_on_selector_all(".full-contents a", "as => as.map(a => a.getAttribute('href'))")
    assert links[:2] == ["#review", "#review-01"] and len(links) == 2 + 20
    assert all(tab.query_selector(href) for href in links)
    sizes = tab.evaluate("""() => ['main p[id]', 'h2.full-part', 'h3.full-section'].map(
        s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))""")
    assert sizes[2] >= 1.2 * sizes[0] and sizes[1] >= 1.4 * sizes[0], sizes
    paragraphs = sum(1 for _ in report.paragraphs())
    assert tab.eval_on_selector_all("main p[id] > a.permalink", "as => as.length") == paragraphs
    assert tab.eval_on_selector_all("main h3 > a.permalink", "as => as.length") == 20
    # A way back to the contents at the end of each part, in the text's flow (tests/browser/
    # test_long_pages.py holds that it covers nothing); the contents are where it leads.
    backs = tab.eval_on_selector_all(".to-contents a", "as => as.map(a => a.getAttribute('href'))")
    assert backs and set(backs) == {"#contents"} and tab.query_selector("#contents .full-contents, #contents")
    tab.click(".to-contents a")
    tab.wait_for_function("Math.abs(document.querySelector('#contents').getBoundingClientRect().top) < 4")
    tab.context.close()


def test_a_part_page_reads_as_it_claims(browser: Any, served: str) -> None:
    tab = open_page(browser, f"{served}zh-hans/review/index.html", "phone")
    minutes, characters = map(int, re.findall(r"\d+", tab.inner_text(".meta")))
    shown = tab.evaluate("""() => Array.from(document.querySelectorAll('main p[id]'))
        .map(p => p.textContent).join('').match(/[\\u3400-\\u9fff]/g).length""")
    assert characters == shown and minutes == max(1, round(shown / 400))
    assert tab.query_selector(".section-list ol") is None  # （一） is the number: no 1. before it
    items = tab.eval_on_selector_all(".section-list li",
                                     "ls => ls.map(l => getComputedStyle(l).listStyleType)")
    assert len(items) == 10 and set(items) == {"none"}
    tab.context.close()


def test_headings_say_which_part_they_are_in(browser: Any, served: str) -> None:
    tab = open_page(browser, f"{served}zh-hant/plan/03.html", "desktop")
    previous, following = (tab.inner_text(f".prevnext .{rel} span") for rel in ("prev", "next"))
    assert "二、2024年工作安排" in previous and "二、2024年工作安排" in following
    assert "二、2024年工作安排" in tab.title()
    tab.goto(f"{served}zh-hant/search.html?q=縱深推進")
    tab.wait_for_selector("#search-status:not(:empty)")
    where = tab.eval_on_selector_all(".result-where", "ps => ps.map(p => p.textContent)")
    assert "一、2023年工作回顧" in where
    tab.context.close()


@pytest.mark.parametrize("touch", [True, False])
def test_permalinks_reach_touch_readers_and_focus_is_plain_to_see(browser: Any, served: str,
                                                                  touch: bool) -> None:
    options = {"has_touch": True, "is_mobile": True} if touch else {}
    tab = open_page(browser, f"{served}zh-hans/review/03.html", "phone" if touch else "desktop", **options)
    opacity = tab.eval_on_selector("main .permalink", "a => getComputedStyle(a).opacity")
    assert opacity == ("1" if touch else "0")
    if not touch:
        tab.focus("main .permalink")
        tab.keyboard.press("Tab")
        tab.keyboard.press("Shift+Tab")
        style = tab.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                             "return [s.opacity, s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
        assert style[0] == "1" and style[1] == "solid" and style[2] >= 2, style
        shoot(tab, "zh-hans-focus-desktop")
    tab.context.close()


# --- search that forgives ------------------------------------------------------------------------------

def search(tab: Any, served: str, variant: str, query: str) -> tuple[list[str], str]:
    from urllib.parse import quote

    tab.goto(f"{served}{variant}/search.html?q={quote(query)}")
    tab.wait_for_selector("#search-status:not(:empty)")
    return result_ids(tab), tab.inner_text("#search-status")


def containing(report: Report, test: Any) -> set[str]:
    """The paragraphs (and headings) whose heading or text passes the test."""
    found = {p.id for p in report.paragraphs() if test(p.heading) or test(p.text)}
    found |= {s.id for s in report.sections() if test(s.heading)}
    return found | {p.id for p in report.parts if test(p.heading)}


@pytest.mark.parametrize("variant", VARIANTS)
def test_case_and_width_do_not_count(tab: Any, served: str, report: Report, variant: str) -> None:
    gdp = containing(report, lambda text: "GDP" in text)
    # gdp also finds what the genre's synonyms say it stands for (search.yaml): 地区生产总值
    also = containing(report, lambda text: any(word in text for word in ("GDP", *synonyms()["GDP"])))
    assert gdp and also > gdp
    for query in ("gdp", "ＧＤＰ", "GDP", "Gdp"):
        assert set(search(tab, served, variant, query)[0]) == also, query
    found, status = search(tab, served, variant, "“gdp”")  # in quotes: as written, no synonym
    assert set(found) == gdp and "地區生產總值" not in status and "地区生产总值" not in status
    found, status = search(tab, served, variant, "GDP")
    said = "“GDP”（也找地区生产总值）" if variant == "zh-hans" else "「GDP」（也找地區生產總值）"
    assert status.startswith(said)
    wide, narrow = search(tab, served, variant, "２３３５")[0], search(tab, served, variant, "2335")[0]
    assert wide == narrow and set(narrow) == containing(report, lambda text: "2335" in text)
    shoot(tab, f"{variant}-search-2335")


@pytest.mark.parametrize("variant", VARIANTS)
def test_several_words_each_anywhere_in_the_paragraph(tab: Any, served: str, report: Report,
                                                      variant: str) -> None:
    both = containing(report, lambda text: "高质量" in text and "发展" in text)
    query = "高质量 发展" if variant == "zh-hans" else "高質量　發展"  # a full-width space too
    found, status = search(tab, served, variant, query)
    # A paragraph whose lead holds one word and its text the other counts too.
    both |= {p.id for p in report.paragraphs()
             if all(w in p.heading or w in p.text for w in ("高质量", "发展"))}
    assert set(found) == both and len(both) > len(containing(report, lambda t: "高质量发展" in t))
    marks = {m for m in tab.eval_on_selector_all("#search-results mark", "ms => ms.map(m => m.textContent)")}
    assert {make_converter("tw2s")(m) for m in marks} == {"高质量", "发展"}
    quote = "“" if variant == "zh-hans" else "「"
    assert status.startswith(f"{quote}高質量" if variant == "zh-hant" else "“高质量”")
    shoot(tab, f"{variant}-search-two-words", full_page=False)


@pytest.mark.parametrize("variant", VARIANTS)
def test_punctuation_in_the_query_does_not_matter(tab: Any, served: str, report: Report,
                                                   variant: str) -> None:
    expected = containing(report, lambda text: "解难题、办实事" in text)
    assert expected
    for query in ("解难题办实事", "解难题，办实事", "“解难题、办实事”"):
        assert set(search(tab, served, variant, query)[0]) == expected, query


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_query_in_quotes_is_a_phrase_in_either_kind_of_quotes(tab: Any, served: str, report: Report,
                                                                  variant: str) -> None:
    plain, _ = search(tab, served, variant, "2335")
    quoted, status = search(tab, served, variant, "“2335”")
    assert quoted == plain
    opening, closing = ("“", "”") if variant == "zh-hans" else ("「", "」")
    assert status.startswith(f"{opening}2335{closing}：") and "““" not in status and "「「" not in status
    phrase = containing(report, lambda text: "四个意识" in text)
    for query in ("“四个意识”", "「四個意識」", "『四个意识』"):
        found, _ = search(tab, served, variant, query)
        assert set(found) == phrase, query
    two = containing(report, lambda text: "新能源汽车" in text)
    assert set(search(tab, served, variant, "“新能源 汽车”")[0]) == two  # a phrase, its space ignored
    shoot(tab, f"{variant}-search-phrase")


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_number_is_a_whole_number(tab: Any, served: str, report: Report, variant: str) -> None:
    whole = re.compile(r"(?<![0-9])(?<![0-9]\.)6%")
    expected = containing(report, lambda text: bool(whole.search(text)))
    inside = containing(report, lambda text: "6%" in text) - expected  # 56%, 6.6%, 16%
    assert expected and inside
    found, _ = search(tab, served, variant, "6%")
    assert set(found) == expected
    marks = tab.eval_on_selector_all("#search-results mark", "ms => ms.map(m => m.textContent)")
    assert set(marks) == {"6%"}
    assert set(search(tab, served, variant, "６％")[0]) == expected
    shoot(tab, f"{variant}-search-6-percent")


def test_the_switcher_on_the_search_page_keeps_the_query(tab: Any, served: str) -> None:
    search(tab, served, "zh-hans", "陶瓷 产业")
    tab.click("nav.switcher a[hreflang='zh-Hant']")
    tab.wait_for_selector("#search-status:not(:empty)")
    assert tab.url.startswith(f"{served}zh-hant/search.html?q=")
    assert tab.input_value("#search-page-input") == "陶瓷 产业"
    assert tab.inner_text("#search-status").startswith("「陶瓷」 「产业」")
    assert result_ids(tab)
    tab.fill("#search-page-input", "榮昌豬")
    tab.press("#search-page-input", "Enter")
    tab.wait_for_function("document.querySelector('#search-status').textContent.includes('榮昌豬')")
    tab.click("nav.switcher a[hreflang='zh-Hans']")
    tab.wait_for_selector("#search-status:not(:empty)")
    assert tab.input_value("#search-page-input") == "榮昌豬" and "荣昌猪" in tab.inner_text("#search-results")


@pytest.mark.parametrize("variant", VARIANTS)
def test_summary_pages_are_found_and_results_say_where_they_are_from(tab: Any, served: str,
                                                                      variant: str) -> None:
    for query, route in (("陶瓷", "industries/ceramics.html"), ("地区生产总值", "figures.html"),
                         ("2335", "slogans.html#slogan-"), ("2335", "industries/index.html")):
        search(tab, served, variant, query)
        hrefs = tab.eval_on_selector_all(".result-group.summary li a", "as => as.map(a => a.href)")
        assert any(f"{variant}/{route}" in href for href in hrefs), (query, hrefs)
    search(tab, served, variant, "陶瓷")
    where = tab.eval_on_selector_all(".result-group:not(.summary) .result-where",
                                     "ps => ps.map(p => p.textContent)")
    assert set(where) >= {make_converter("s2tw")(t) if variant == "zh-hant" else t
                          for t in ("一、2023年工作回顾", "二、2024年工作安排")}
    status = tab.inner_text("#search-status")
    title = "重慶市榮昌區2024年政府工作報告" if variant == "zh-hant" else "重庆市荣昌区2024年政府工作报告"
    assert title in status
    shoot(tab, f"{variant}-search-summaries")


# --- print and the whole report -------------------------------------------------------------------------

@pytest.mark.parametrize("variant", VARIANTS)
def test_print_is_the_text_with_its_title_and_address(browser: Any, served: str, variant: str) -> None:
    tab = open_page(browser, f"{served}{variant}/plan/02.html", "desktop")
    tab.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".breadcrumbs", ".prevnext", ".meta", ".sidebar"):
        assert tab.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
    head = tab.inner_text(".print-head")
    assert ("重慶市榮昌區" if variant == "zh-hant" else "重庆市荣昌区") in head
    assert f"{served}{variant}/plan/02.html" in head  # the page's address
    margins = tab.evaluate("""() => Array.from(document.styleSheets).flatMap(s => Array.from(s.cssRules))
        .filter(r => r instanceof CSSPageRule).map(r => r.style.margin)""")
    assert margins and all(margins)
    shoot(tab, f"{variant}-section-print", full_page=True)
    tab.context.close()


def test_a_print_of_the_full_text_is_the_whole_report(browser: Any, served: str, report: Report) -> None:
    tab = open_page(browser, f"{served}zh-hant/full.html", "desktop")
    tab.emulate_media(media="print")
    for selector in (".to-top", ".to-contents", ".meta", ".site-header", ".print-head"):
        assert tab.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
    assert tab.is_visible(".full-contents") and tab.is_visible(".edition-notes")
    # A title page with the contents, then the parts one after the other: no sheet left part
    # empty by a break (tests/browser/test_long_pages.py reads the sheets of the PDF).
    assert tab.eval_on_selector(".title-page", "e => getComputedStyle(e).breakAfter") == "page"
    breaks = tab.eval_on_selector_all("h2.full-part", "hs => hs.map(h => getComputedStyle(h).breakBefore)")
    assert breaks and set(breaks) == {"auto"}
    assert tab.eval_on_selector_all("main p[id]", "ps => ps.length") == sum(1 for _ in report.paragraphs())
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = tab.pdf(path=str(ARTIFACTS / "reader-zh-hant-full.pdf"), format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 10
    tab.set_viewport_size({"width": 794, "height": 1123})
    shoot(tab, "zh-hant-full-print-a4", full_page=False)
    tab.context.close()


def test_our_own_favicon(tab: Any, served: str) -> None:
    for route in ("zh-hans/index.html", "zh-hant/plan/02.html", "index.html", "404.html"):
        tab.goto(f"{served}{route}")
        href = tab.eval_on_selector("link[rel=icon]", "l => l.href")
        assert not href.startswith("data:")
        response = tab.request.get(href)
        assert response.ok and response.headers["content-type"].startswith("image/svg+xml")


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_notes_page_names_the_source_without_a_path_or_checksum(tab: Any, served: str, report: Report,
                                                                    variant: str) -> None:
    tab.goto(f"{served}{variant}/notes.html")
    facts = tab.inner_text(".source-facts")
    source = report.provenance.source
    assert "UTF-8" in facts and "tw2s" in facts
    text = tab.inner_text("main")
    assert source.file not in text and source.sha256 not in text
    ARTIFACTS.mkdir(exist_ok=True)
    tab.locator(".provenance").first.screenshot(path=str(ARTIFACTS / f"reader-{variant}-notes-source.png"))
