"""The summary pages in Chromium on a phone: the figures page and the year-on-year page keep every
text at 12 px or more and every number on one line at 360 px; slogans are marked in both scripts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_src.cli import main
from site_src.importing import import_source
from site_src.pipeline import Project, build

from ..conftest import SHARED_REPORTS, bundled_hant
from .conftest import ARTIFACTS, settle
from .test_browser import axe_violations

PHONE = {"width": 360, "height": 740}
VARIANTS = ("zh-hans", "zh-hant")

# Every visible text of the page's main part: its font size; each number in it (with its sign, or
# the character after it: its unit) and each label of the chart and the table (2024年目标) as
# the lines it is laid out on. Headings are prose: they may wrap anywhere a line of text may.
MEASURE = r"""() => {
    const numbers = /\d+(?:[.．]\d+)*(?:[%‰％]|[^\s\d，。；：、（）“”%‰]{0,1})/g;
    const labels = '.cell-label, .chart-legend li, .chart-value, .key-figures th';
    const lines = (range) => new Set([...range.getClientRects()].filter(r => r.width > 0)
                                     .map(r => Math.round(r.top))).size;
    const small = [], broken = [];
    const main = document.querySelector('main');
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!node.textContent.trim() || !element.getClientRects().length) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || element.closest('.visually-hidden')) continue;
        const size = parseFloat(style.fontSize);
        if (size < 12) small.push(`${size}px: ${node.textContent.trim().slice(0, 20)}`);
        if (element.closest('h1, h2, h3')) continue;
        const spans = element.closest(labels) ? [[0, node.textContent.length]]
            : [...node.textContent.matchAll(numbers)].map(m => [m.index, m.index + m[0].length]);
        for (const [start, end] of spans) {
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, end);
            const where = node.textContent.trim().slice(0, 30);
            if (lines(range) > 1) broken.push(`${node.textContent.slice(start, end)} in ${where}`);
        }
    }
    const root = document.documentElement;
    return {small, broken, width: root.scrollWidth - root.clientWidth};
}"""


def measure(browser: Any, url: str, name: str) -> dict[str, Any]:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(url)
    settle(tab)
    tab.eval_on_selector_all("details", "ds => ds.forEach(d => d.open = true)")  # the sources too
    found = tab.evaluate(MEASURE)
    found["chart_label"] = tab.eval_on_selector(".chart-label",
                                                "e => parseFloat(getComputedStyle(e).fontSize)")
    found["body"] = tab.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    found["table_display"] = tab.eval_on_selector(".key-figures td", "e => getComputedStyle(e).display")
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    context.close()
    return found


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_figures_page_on_a_phone(browser: Any, served: str, variant: str) -> None:
    found = measure(browser, f"{served}{variant}/figures.html", f"{variant}-figures")
    assert found["small"] == []
    assert found["broken"] == []
    assert found["width"] <= 0
    assert found["chart_label"] >= found["body"]  # the chart's words are the text's own size
    assert found["table_display"] == "grid"  # the table is reflowed into rows


def test_the_slogans_are_marked_in_both_scripts(browser: Any, served: str) -> None:
    tab = browser.new_page(viewport=PHONE)
    marks = {}
    for each in VARIANTS:
        tab.goto(f"{served}{each}/slogans.html")
        marks[each] = tab.eval_on_selector_all(".slogan-quote mark", "ms => ms.map(m => m.textContent)")
        # Each formula's first sentence quoted once (the others are folded away).
        quotes = tab.eval_on_selector_all(".slogan-group > .slogan-quote", "qs => qs.map(q => q.textContent)")
        assert len(quotes) == len(set(quotes)) >= 35
    tab.close()
    assert len(marks["zh-hans"]) >= 50
    hant = bundled_hant()  # made once: it loads the site and starts a converter
    assert [hant(m) for m in marks["zh-hans"]] == marks["zh-hant"]
    assert "「三攻堅一盤活」" in marks["zh-hant"] and "“三攻坚一盘活”" in marks["zh-hans"]


HAILAR = [SHARED_REPORTS / f"{year}-hailar-district-hulunbuir.txt" for year in (2013, 2014, 2015, 2016)]


@pytest.fixture(scope="module")
def hailar_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not all(path.is_file() for path in HAILAR):
        pytest.skip(f"the Hailar reports are not in {SHARED_REPORTS} (read from there, never copied)")
    root = tmp_path_factory.mktemp("hailar-browser")
    assert main(["new", "content"], root=root) == 0
    project = Project.of(root / "content", root / "output")
    for path in HAILAR:
        import_source(project, path, path.stem)
    build(project)
    yield project.output


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_year_on_year_page_on_a_phone(browser: Any, hailar_site: Path, variant: str) -> None:
    url = (hailar_site / variant / "targets" / "hailaer.html").as_uri()
    found = measure(browser, url, f"{variant}-targets")
    assert found["small"] == [] and found["broken"] == [] and found["width"] <= 0
    assert found["chart_label"] >= found["body"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_axe_finds_no_violation_on_the_year_on_year_page(page: Any, hailar_site: Path, variant: str,
                                                         scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto((hailar_site / variant / "targets" / "hailaer.html").as_uri())
    assert axe_violations(page) == []
