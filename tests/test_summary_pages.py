"""The key-figures and slogans pages as built: every number and quote traced to the report."""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import re
from pathlib import Path

from site_src.model import Report
from site_src.pipeline import BuildResult

from .conftest import back_to_hans, bundled_hant
from .htmltext import read_page

VALUE_LINK = re.compile(r'<a href="([^"#]+)#([a-z0-9-]+)" title="([^"]*)">([^<]*)</a>')


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


def test_the_chart_is_html_text_in_the_pages_script(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    for folder, label in (("zh-hans", "地区生产总值"), ("zh-hant", "地區生產總值")):
        legend = "2023年完成"  # the report's year less one: 2023 in either script
        page = (out / folder / "figures.html").read_text(encoding="utf-8")
        assert "<svg" not in page
        chart = page[page.index('<figure class="chart"'): page.index("</figure>")]
        assert f'<span class="chart-label">{label}</span>' in chart
        assert f'<span class="visually-hidden">{legend}：</span>6.6%' in chart
        assert chart.count('class="chart-row"') >= 8


def quotes_of(page: str) -> list[tuple[str, str]]:
    """(paragraph id, quoted text with <mark> kept) of each quote of a slogans page."""
    found = re.findall(r'<blockquote class="quote slogan-quote" cite="[^"#]*#([a-z0-9-]+)">\s*<p>(.*?)'
                       r'<a class="source-link"', page, re.S)
    return [(pid, re.sub(r"<(?!/?mark>)[^>]+>", "", text).strip()) for pid, text in found]


def heads_of(page: str) -> list[tuple[str, str, str]]:
    """(anchor, formula, count) of each formula's head on a slogans page."""
    return re.findall(r'<span class="slogan-head" id="(slogan-\d+)"><span class="slogan-form">(.*?)</span>'
                      r'.*?<span class="slogan-count">(.*?)</span>', page, re.S)


def test_the_slogans_page_shows_each_formula_once_with_its_count_and_first_sentence(
        built_site: tuple[Path, BuildResult], report: Report) -> None:
    out, _ = built_site
    texts = {p.id: p.source_text for p in report.paragraphs()}
    to_hant = bundled_hant()
    pages = {folder: (out / folder / "slogans.html").read_text(encoding="utf-8")
             for folder in ("zh-hans", "zh-hant")}
    # Each formula once, numbered in reading order, with how often it occurs.
    heads = heads_of(pages["zh-hans"])
    assert len(heads) >= 40 and [anchor for anchor, _, _ in heads] == [f"slogan-{n}" for n in
                                                                       range(1, len(heads) + 1)]
    assert len({form for _, form, _ in heads}) == len(heads)
    counts = {form: count for _, form, count in heads}
    assert counts["“2335”"] == "2次" and counts["“以案四说”"] == "1次"
    assert [form for _, form, _ in heads_of(pages["zh-hant"])] == [to_hant(form) for _, form, _ in heads]
    hans, hant = quotes_of(pages["zh-hans"]), quotes_of(pages["zh-hant"])
    assert [pid for pid, _ in hans] == [pid for pid, _ in hant]
    for (pid, quote), (_, quote_hant) in zip(hans, hant, strict=True):
        marks = re.findall(r"<mark>(.*?)</mark>", quote)
        assert marks, pid
        plain = html.unescape(re.sub("</?mark>", "", quote))
        pieces = [piece for piece in plain.split("……") if piece]
        assert all(piece in texts[pid] for piece in pieces), (pid, plain)  # the report's words
        assert len(plain) <= 60 or "……" in plain, pid  # a long sentence by its clauses
        # The Traditional page marks the same formulas, converted, in the converted sentences.
        assert [to_hant(mark) for mark in marks] == re.findall(r"<mark>(.*?)</mark>", quote_hant), pid
    # The first sentences of the formulas (outside the folds) are each quoted once: the three
    # formulas of review-intro-2 share one quote, three marks.
    firsts = quotes_of(re.sub(r"<details.*?</details>", "", pages["zh-hans"], flags=re.S))
    assert len(firsts) == len(set(firsts)) < len(heads)
    (intro,) = [quote for pid, quote in firsts if pid == "review-intro-2"]
    assert re.findall(r"<mark>(.*?)</mark>", intro) == ["“四个意识”", "“四个自信”", "“两个维护”"]
    # The other sentences a formula occurs in are folded away: “2335” twice, once in the fold.
    (anchor,) = [anchor for anchor, form, _ in heads if form == "“2335”"]
    group = pages["zh-hans"][pages["zh-hans"].index(f'id="{anchor}"'):]
    group = group[:group.index("</li>")]
    assert "“2335”" in group and len(quotes_of(group)) == 2
    assert len(quotes_of(group[group.index("<details"):])) == 1
    assert "<mark>“2335”</mark>" in pages["zh-hans"] and "<mark>「三攻堅一盤活」</mark>" in pages["zh-hant"]


def test_every_figure_is_offered_as_csv_and_json(built_site: tuple[Path, BuildResult],
                                                 report: Report) -> None:
    out, _ = built_site
    texts = {p.id: p.source_text for p in report.paragraphs()}
    for folder in ("zh-hans", "zh-hant"):
        page = read_page(out / folder / "figures.html")
        assert "figures.csv" in page.links and "figures.json" in page.links
        raw = (out / folder / "figures.csv").read_bytes()
        assert raw.startswith(codecs.BOM_UTF8)
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        data = json.loads((out / folder / "figures.json").read_text(encoding="utf-8"))
        assert len(rows) == len(data["figures"]) == 11
        assert list(rows[0]) == data["columns"][:len(rows[0])]
        for row, item in zip(rows, data["figures"], strict=True):
            assert row["target_paragraph"] == item["target_paragraph"] in texts
            assert row["result_paragraph"] == (item["result_paragraph"] or "")
            assert (row["target_year"], row["result_year"]) == ("2024", "2023")
            if item["target"] is not None:
                assert float(row["target"]) == item["target"]
            if item["result"] is not None:
                assert float(row["result"]) == item["result"] and item["result_paragraph"] in texts
        gdp = data["figures"][0]
        assert (gdp["unit"], gdp["target"], gdp["result"]) == ("%", 7, 6.6)
        assert gdp["indicator"] == ("地区生产总值" if folder == "zh-hans" else "地區生產總值")


def test_home_shows_headline_figures_and_the_2335_overview(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    home = (out / "zh-hans" / "index.html").read_text(encoding="utf-8")
    assert 'class="headline-figures"' in home and ">7%</a>" in home and ">6.6%</a>" in home
    assert 'href="figures.html"' in home and 'href="industries/index.html"' in home
    assert 'href="slogans.html"' in home
