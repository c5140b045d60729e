"""The key-figures and slogans pages as built: every number and quote traced to the report."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from site_src.model import Report
from site_src.pipeline import BuildResult

from .conftest import back_to_hans

VALUE_LINK = re.compile(r'<a href="([^"#]+)#([a-z0-9-]+)" title="([^"]*)">([^<]*)</a>')
SVG = "{http://www.w3.org/2000/svg}"


def test_every_number_links_to_the_paragraph_that_states_it(built_site: tuple[Path, BuildResult],
                                                            report: Report) -> None:
    out, _ = built_site
    back = back_to_hans()
    texts = {p.id: p.source_text for p in report.paragraphs()}
    for folder in ("zh-hans", "zh-hant"):
        page = (out / folder / "figures.html").read_text(encoding="utf-8")
        links = VALUE_LINK.findall(page)
        assert len(links) >= 20
        for href, anchor, quote, number in links:
            assert (out / folder / href).is_file()
            quote, number = html.unescape(quote), html.unescape(number)
            if folder == "zh-hant":
                quote, number = back(quote), back(number)
            assert quote in texts[anchor], (folder, quote)
            assert number and number in quote, (folder, number, quote)
        for value in ("6.6%", "8.2%", "12.3%", "23%", "8.1%", "21.5%", "4.3%", "6.1%", "15%以上"):
            assert f">{value}</a>" in page, (folder, value)


def test_the_chart_is_well_formed_with_title_and_description(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    for folder, label in (("zh-hans", "地区生产总值"), ("zh-hant", "地區生產總值")):
        page = (out / folder / "figures.html").read_text(encoding="utf-8")
        svg = ET.fromstring(page[page.index("<svg"): page.index("</svg>") + 6])
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert svg.get("aria-labelledby") == title.get("id")
        texts = [t.text for t in svg.iter(f"{SVG}text")]
        assert label in texts and "6.6%" in texts
        assert len([r for r in svg.iter(f"{SVG}rect") if "bar-result" in (r.get("class") or "")]) >= 8


def test_slogans_page_quotes_each_occurrence(built_site: tuple[Path, BuildResult], report: Report) -> None:
    out, _ = built_site
    everything = "\n".join(p.source_text for p in report.paragraphs())
    back = back_to_hans()
    for folder in ("zh-hans", "zh-hant"):
        page = (out / folder / "slogans.html").read_text(encoding="utf-8")
        items = re.findall(r'<li>([^<]+) <a class="source-link" href="[^"]+#([a-z0-9-]+)"', page)
        assert len(items) >= 46
        for sentence, _anchor in items:
            sentence = html.unescape(sentence)
            assert (back(sentence) if folder == "zh-hant" else sentence) in everything
        assert ("“2335”" if folder == "zh-hans" else "「2335」") in page and "三攻坚一盘活" in back(page)


def test_home_shows_headline_figures_and_the_2335_overview(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    home = (out / "zh-hans" / "index.html").read_text(encoding="utf-8")
    assert 'class="headline-figures"' in home and ">7%</a>" in home and ">6.6%</a>" in home
    assert 'href="figures.html"' in home and 'href="industries/index.html"' in home
    assert 'href="slogans.html"' in home
