"""The long pages and print (issue 26), in Chromium as a reader meets them: an about page one
finishes, the full text printed as a book (its PDF read sheet by sheet), no control over the text,
the slogans and figures pages without repetition, headings broken between words; a screenshot of
each page in both scripts at 360 and 1280 px in tests/artifacts/ for a person to look at.

The PDF's text is read with pypdf (the test extras): Debian's poppler-utils (pdftotext) is not on
every machine the tests run on, and pypdf is a maintained pure-Python reader of Chromium's PDFs.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from site_src.model import Report
from site_src.pipeline import BuildResult
from site_src.variants.convert import make_converter

from .conftest import ARTIFACTS, settle
from .test_browser import axe_violations

VARIANTS = ("zh-hans", "zh-hant")
SCREENS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 900}}
CHANGED = ("about.html", "notes.html", "full.html", "slogans.html", "figures.html", "index.html",
           "plan/02.html")
# The slogans page before issue 26 (commit 7e667ff: every paragraph quoted whole, every formula
# listed with its places): 13,697 px at 360 px, measured in this Chromium with these fonts.
SLOGANS_HEIGHT_BEFORE = 13_697
# Han characters, and the radicals Chromium's fonts give the text of some of them as (⺠ for 民).
HAN = re.compile(r"[\u2e80-\u2fdf\u3400-\u9fff]")


def printed(text: str) -> re.Pattern[str]:
    """The text as a PDF's text layer may hold it: a radical for any Han character (the fonts map
    民 and 页 to ⺠ and ⻚), compatibility forms as NFKC folds them, no spaces."""
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return re.compile("".join(f"(?:{re.escape(c)}|[\u2e80-\u2fdf])" if "\u3400" <= c <= "\u9fff"
                              else re.escape(c) for c in folded))


def open_page(browser: Any, url: str, screen: str = "phone") -> Any:
    tab = browser.new_context(viewport=SCREENS[screen]).new_page()
    tab.goto(url)
    settle(tab)
    return tab


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_about_page_is_short_and_names_no_file(browser: Any, served: str, report: Report, variant: str,
                                                   built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    assert (out / variant / "about.html").stat().st_size <= 40_000
    tab = open_page(browser, f"{served}{variant}/about.html")
    text = tab.inner_text("main")
    source = report.provenance.source
    assert source.file not in text and source.sha256 not in text and "content/" not in text
    assert tab.eval_on_selector_all("main table", "ts => ts.length") == 0  # the records are elsewhere
    tab.click(".edition-sources a[href$='notes.html']")
    tab.wait_for_load_state()
    assert tab.url.endswith(f"{variant}/notes.html")
    tab.context.close()


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_notes_pages_tables_are_lists_on_a_phone(browser: Any, served: str, variant: str) -> None:
    tab = open_page(browser, f"{served}{variant}/notes.html")
    shapes = tab.eval_on_selector_all("table.records", """ts => ts.map(t => {
        const row = t.querySelector('tbody tr'), cell = row && row.querySelector('td');
        return {table: getComputedStyle(t).display, cell: cell ? getComputedStyle(cell).display : 'block',
                label: cell ? getComputedStyle(cell, '::before').content : ''};
    })""")
    assert len(shapes) >= 4
    assert all(shape["table"] == "block" and shape["cell"] == "block" for shape in shapes), shapes
    assert all(shape["label"].startswith('"') for shape in shapes), shapes  # each value under its name
    wide = open_page(browser, f"{served}{variant}/notes.html", "desktop")
    assert wide.eval_on_selector("table.records", "t => getComputedStyle(t).display") == "table"
    tab.context.close()
    wide.context.close()


def pdf_sheets(tab: Any, name: str) -> list[str]:
    """The text of each sheet of the page printed to A4, as a reader copies it: NFKC (Chromium's
    fonts map some characters to their radicals' code points, ⼯ for 工) and without spaces."""
    import pypdf

    ARTIFACTS.mkdir(exist_ok=True)
    pdf = tab.pdf(path=str(ARTIFACTS / f"{name}.pdf"), format="A4", prefer_css_page_size=True)
    return [re.sub(r"\s+", "", unicodedata.normalize("NFKC", sheet.extract_text() or ""))
            for sheet in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_full_text_prints_as_a_book(browser: Any, served: str, report: Report, variant: str) -> None:
    tab = open_page(browser, f"{served}{variant}/full.html", "desktop")
    tab.emulate_media(media="print")
    sheets = pdf_sheets(tab, f"long-{variant}-full")
    convert = make_converter("s2tw") if variant == "zh-hant" else (lambda text: text)
    title = convert(report.full_title)
    # The title once per sheet: the title page's heading, then the running head of every other.
    assert [len(printed(title).findall(sheet)) for sheet in sheets] == [1] * len(sheets)
    # The first sheet: the title, the government, the contents (every part and section).
    first, second = sheets[0], sheets[1]
    assert printed(convert(report.issuer)).search(first)
    headings = [convert(heading) for heading in (*(part.heading for part in report.parts),
                                                 *(section.heading for section in report.sections()))]
    assert all(printed(heading).search(first) for heading in headings)
    # The text begins on the second sheet at the latest: 400 characters of it on the first two.
    opening = convert("".join(p.source_text for p in report.preamble[:2]))
    assert printed(opening[:30]).search(first + second)
    body = printed(title).sub("", second)
    assert len(HAN.findall(body)) >= 400, body[:200]
    # No sheet left part empty by a break: every sheet but the title page and the last is full.
    filled = [len(HAN.findall(sheet)) for sheet in sheets]
    assert all(count >= 500 for count in filled[1:-1]), filled
    # The edition's notes at the end: where the text is from, where the page lives.
    assert printed(convert("原网页")).search(sheets[-1]) and f"{served}{variant}/full.html" in sheets[-1]
    tab.context.close()


def test_a_section_page_prints_as_before(browser: Any, served: str) -> None:
    tab = open_page(browser, f"{served}zh-hans/plan/02.html", "desktop")
    tab.emulate_media(media="print")
    sheets = pdf_sheets(tab, "long-zh-hans-section")
    assert printed("本页地址").search(sheets[0])
    assert printed("（二）持续用力构建现代化产业体系").search(sheets[0])
    tab.context.close()


# Whether any text or link lies under a box: the control is hidden, each point of a grid over its box
# asked what is there (elementFromPoint), and that element's own text tested at the point.
COVERED = r"""(selector) => {
    const found = [];
    for (const control of document.querySelectorAll(selector)) {
        const box = control.getBoundingClientRect();
        if (!box.width || box.bottom < 0 || box.top > innerHeight) continue;
        const before = control.style.visibility;
        control.style.visibility = 'hidden';
        for (let x = box.left + 1; x < box.right; x += 4) {
            for (let y = box.top + 1; y < box.bottom; y += 4) {
                const under = document.elementFromPoint(x, y);
                if (!under || control.contains(under)) continue;
                const link = under.closest('a');
                if (link) { found.push(`link ${link.textContent.trim()}`); continue; }
                for (const node of under.childNodes) {
                    if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
                    const range = document.createRange();
                    range.selectNodeContents(node);
                    for (const r of range.getClientRects()) {
                        if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)
                            found.push(`text ${node.textContent.trim().slice(0, 12)}`);
                    }
                }
            }
        }
        control.style.visibility = before;
    }
    return [...new Set(found)];
}"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_the_ways_back_up_cover_no_text(browser: Any, served: str, variant: str, screen: str) -> None:
    tab = open_page(browser, f"{served}{variant}/full.html", screen)
    height = tab.evaluate("document.documentElement.scrollHeight")
    shown = 0
    for top in range(0, height, SCREENS[screen]["height"] // 2):
        tab.evaluate(f"window.scrollTo(0, {top})")
        assert tab.evaluate(COVERED, ".to-top, .to-contents") == [], (screen, top)
        shown += tab.evaluate("""() => [...document.querySelectorAll('.to-top a, .to-contents a')]
            .filter(a => { const r = a.getBoundingClientRect(); return r.width && r.top >= 0
                           && r.bottom <= innerHeight; }).length""")
    assert shown  # there is a way back up, somewhere, and it was hit-tested
    if screen == "desktop":  # beside the text, wherever the reader is
        tab.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
        beside = tab.evaluate("""() => [document.querySelector('.to-top a').getBoundingClientRect().left,
                                         document.querySelector('main').getBoundingClientRect().right]""")
        assert beside[0] > beside[1], beside
    tab.context.close()


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_slogans_page_is_half_as_long_on_a_phone(browser: Any, served: str, variant: str) -> None:
    tab = open_page(browser, f"{served}{variant}/slogans.html")
    height = tab.evaluate("document.documentElement.scrollHeight")
    assert height <= SLOGANS_HEIGHT_BEFORE / 2, height
    # Folded, not lost: opened, every other sentence is there.
    visible = "qs => qs.filter(q => q.checkVisibility()).length"
    folded = tab.eval_on_selector_all(".slogan-more .slogan-quote", visible)
    tab.eval_on_selector_all("details.slogan-more", "ds => ds.forEach(d => d.open = true)")
    opened = tab.eval_on_selector_all(".slogan-more .slogan-quote", visible)
    every = tab.eval_on_selector_all(".slogan-more .slogan-quote", "qs => qs.length")
    assert folded == 0 and opened == every > 0
    tab.context.close()


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_figures_page_repeats_no_quote_and_breaks_no_link_inside_a_word(browser: Any, served: str,
                                                                           variant: str) -> None:
    tab = open_page(browser, f"{served}{variant}/figures.html")
    quotes = tab.eval_on_selector_all(".figure-sources q", "qs => qs.map(q => q.textContent)")
    assert quotes and len(quotes) == len(set(quotes))
    # Each source link's first words (原文出处) on one line, and no quotation mark alone on a line.
    lines = tab.evaluate(r"""() => {
        const lines = (range) => new Set([...range.getClientRects()].filter(r => r.width > 0)
                                         .map(r => Math.round(r.top))).size;
        const broken = [], alone = [];
        for (const n of document.querySelectorAll('.figure-sources .source-link .nobr')) {
            const range = document.createRange(); range.selectNodeContents(n);
            if (lines(range) > 1) broken.push(n.textContent);
        }
        for (const q of document.querySelectorAll('.figure-sources q')) {
            const range = document.createRange(); range.selectNodeContents(q);
            const first = [...range.getClientRects()].filter(r => r.width > 0)[0];
            const box = q.getClientRects()[0];
            if (first && box && Math.round(first.top) > Math.round(box.top) + 2) alone.push(q.textContent);
        }
        return {broken, alone};
    }""")
    assert lines == {"broken": [], "alone": []}
    tab.context.close()


# A heading's lines, by the characters of its text (its permalink aside).
HEADING_LINES = r"""() => [...document.querySelectorAll('main h1, main h2, main h3, main .cards strong')]
    .filter(e => e.getClientRects().length).map(e => {
        const lines = [], walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.parentElement.closest('.permalink')) continue;
            for (let i = 0; i < n.textContent.length; i++) {
                const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                const rect = r.getClientRects()[0]; if (!rect) continue;
                const top = Math.round(rect.top), last = lines[lines.length - 1];
                if (!last || Math.abs(last.top - top) > 4) lines.push({top, text: ''});
                lines[lines.length - 1].text += n.textContent[i];
            }
        }
        return lines.map(l => l.text);
    })"""


@pytest.mark.parametrize("screen", SCREENS)
def test_headings_break_between_words_and_never_leave_one_character(browser: Any, served: str,
                                                                   screen: str) -> None:
    """Word boundaries as jieba's dictionary segments the Simplified text, its words only (the build
    guesses unknown words too: a line may break only where the dictionary sees no word going on)."""
    from site_src.segment import segmenter

    cut = segmenter().cut
    to_hans = make_converter("tw2s")
    broken, lone = [], []
    for variant in VARIANTS:
        for route in ("index.html", "review/index.html", "plan/index.html", "plan/01.html", "plan/02.html",
                      "plan/10.html", "full.html", "slogans.html", "notes.html"):
            tab = open_page(browser, f"{served}{variant}/{route}", screen)
            for lines in tab.evaluate(HEADING_LINES):
                if len(lines) < 2:
                    continue
                text = to_hans("".join(lines))
                bounds, at = set(), 0
                for word in cut(text):
                    at += len(word)
                    bounds.add(at)
                cuts = [sum(map(len, lines[:n])) for n in range(1, len(lines))]
                if any(cut not in bounds for cut in cuts):
                    broken.append((variant, route, "|".join(lines)))
                if len(lines[-1].strip()) == 1:
                    lone.append((variant, route, "|".join(lines)))
            tab.context.close()
    assert lone == []
    assert broken == []


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("route", CHANGED)
def test_each_changed_page_is_shot_and_has_no_axe_violation(browser: Any, served: str, variant: str,
                                                             route: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for screen in SCREENS:
        tab = open_page(browser, f"{served}{variant}/{route}", screen)
        tab.eval_on_selector_all("details", "ds => ds.forEach(d => d.open = true)")
        assert axe_violations(tab) == [], (screen, route)
        name = route.removesuffix(".html").replace("/", "-")
        tab.screenshot(path=str(ARTIFACTS / f"long-{variant}-{name}-{screen}.png"), full_page=True)
        tab.context.close()
