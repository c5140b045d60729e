"""Targets against results, year on year: year N's targets against what year N+1's report says of
year N, for the reports of one government in consecutive years."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from site_src.cli import main
from site_src.content.report import load_report
from site_src.genre import load_genre
from site_src.importing import government_of, import_source
from site_src.model import Paragraph, Part, Provenance, Report, Source
from site_src.pipeline import BuildResult, Project, build
from site_src.summaries.figures.match import key_figures
from site_src.summaries.figures.track import Track, tracks
from site_src.variants.convert import make_converter

from .conftest import SHARED_REPORTS
from .htmltext import broken_links, read_page

GENRE = load_genre()


def report(issuer: str, year: int, review: str, targets: str) -> Report:
    """A report of two parts, of the government the import finds in its issuer."""
    def part(part_id: str, text: str, kind: str) -> Part:
        return Part(part_id, "一", part_id, (Paragraph(f"{part_id}-1", text, kind=kind),), (), ())

    made = Report("政府工作报告", issuer, year, (), (part("review", review, "text"),
                                                  part("plan", targets, "targets")), (),
                  Provenance(Source("", "", "", ""), 0, (), (), (), ()))
    return replace(made, government=government_of(made, GENRE.places))


def tracked(*reports: tuple[str, Report]) -> tuple[Track, ...]:
    return tracks(((slug, r, key_figures(r, GENRE.figures)) for slug, r in reports), GENRE.figures)


def test_year_n_targets_against_year_n_plus_1_results() -> None:
    first = report("某市甲区人民政府", 2020, "过去一年，地区生产总值增长5%。",
                   "今年主要预期目标是：地区生产总值增长8%，社会消费品零售总额增长9%，城乡居民收入增长7%。")
    second = report("甲区人民政府", 2021, "过去一年，地区生产总值增长7.5%，社会消费品零售总额完成100亿元。",
                    "今年主要预期目标是：地区生产总值增长6%。")
    (track,) = tracked(("zz", second), ("aa", first))  # in any order, under any names
    assert (track.first, track.last, track.reports, track.place) == (2020, 2020, ("aa", "zz"), "甲区")
    (year,) = track.years
    assert (year.year, year.target_report, year.result_report) == (2020, "aa", "zz")
    gdp, retail, income = year.figures
    assert (gdp.target.value, gdp.result.value, gdp.result.paragraph_id) == ("8", "7.5", "review-1")
    assert gdp.target.paragraph_id == "plan-1"  # of year N's report; the result of year N+1's
    # Stated, but not comparable (a level against a growth target): no result, and what was stated.
    assert retail.result is None and [r.value for r in retail.related] == ["100"]
    # Not stated in the same words: no result, nothing guessed.
    assert income.result is None and income.related == ()


def test_only_one_government_and_consecutive_years_make_a_track() -> None:
    text = ("过去一年，地区生产总值增长5%。", "今年主要预期目标是：地区生产总值增长8%。")

    def pair(first: str, year: int, second: str) -> tuple[Track, ...]:
        return tracked(("a", report(first, 2020, *text)), ("b", report(second, year, *text)))

    assert pair("甲区人民政府", 2022, "甲区人民政府") == ()  # not consecutive
    assert pair("甲区人民政府", 2021, "乙区人民政府") == ()  # two governments
    assert pair("", 2021, "") == ()  # the issuer is unknown
    three = tracked(*((f"r{year}", report("甲区人民政府", year, *text)) for year in (2018, 2019, 2020, 2022)))
    assert [[y.year for y in track.years] for track in three] == [[2018, 2019]]


# --- the four Hailar reports -------------------------------------------------------------------------

HAILAR = {2013: "zeta", 2014: "alpha", 2015: "mid", 2016: "b"}  # names that say nothing of the year
needs_hailar = pytest.mark.skipif(
    not all((SHARED_REPORTS / f"{year}-hailar-district-hulunbuir.txt").is_file() for year in HAILAR),
    reason=f"the Hailar reports are not in {SHARED_REPORTS} (they are read from there, never copied)")


@pytest.fixture(scope="module")
def hailar(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult, dict[str, Report]]:
    root = tmp_path_factory.mktemp("hailar")
    assert main(["new", "content"], root=root) == 0
    project = Project.of(root / "content", root / "output")
    for year, slug in HAILAR.items():
        import_source(project, SHARED_REPORTS / f"{year}-hailar-district-hulunbuir.txt", slug)
    reports = {slug: load_report(root / "content" / "reports" / slug) for slug in HAILAR.values()}
    return project.output, build(project), reports


VALUE = re.compile(r'<a href="([^"#]+)#([a-z0-9-]+)" title="([^"]*)">([^<]*)</a>')


@needs_hailar
def test_the_page_holds_targets_2013_to_2015_against_results_2013_to_2015(
        hailar: tuple[Path, BuildResult, dict[str, Report]]) -> None:
    out, _, reports = hailar
    back = make_converter("tw2s")
    by_year = {reports[slug].year: slug for slug in reports}
    for folder in ("zh-hans", "zh-hant"):
        path = out / folder / "targets" / "hailaer.html"
        page = path.read_text(encoding="utf-8")
        title = read_page(path).title
        expected = "海拉尔区2013—2015年目标与完成" if folder == "zh-hans" else "海拉爾區2013—2015年目標與完成"
        assert title.startswith(expected)
        sections = re.findall(r'<section class="track-year" id="year-(\d{4})".*?</section>', page, re.S)
        assert sections == ["2013", "2014", "2015"]
        for year in (2013, 2014, 2015):
            section = page[page.index(f'id="year-{year}"'):]
            section = section[:section.index("</section>")]
            table = section[section.index("<tbody>"):section.index("</tbody>")]
            rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
            assert len(rows) == len(key_figures(reports[by_year[year]], GENRE.figures).figures)
            matched = 0
            for row in rows:
                cells = re.findall(r"<td>(.*?)</td>", row, re.S)
                target_links, result_links = VALUE.findall(cells[0]), VALUE.findall(cells[1])
                assert len(target_links) == 1
                # Every value links to its paragraph, in its own report: the target to year N's,
                # the result to year N+1's; the quote is that paragraph's, and holds the number.
                for links, slug in ((target_links, by_year[year]), (result_links[:1], by_year[year + 1])):
                    for href, anchor, quote, number in links:
                        assert href.startswith(f"../{slug}/"), (href, slug)
                        assert anchor in read_page((path.parent / href).resolve()).ids
                        quote, number = html.unescape(quote), html.unescape(number)
                        if folder == "zh-hant":
                            quote, number = back(quote), back(number)
                        texts = {p.id: p.source_text for p in reports[slug].paragraphs()}
                        assert quote in texts[anchor] and number in quote, (year, quote)
                if "figure-value" in cells[1] and "muted" not in cells[1]:
                    matched += 1
                else:  # the cell says why there is no result, instead of guessing one
                    said = back(cells[1]) if folder == "zh-hant" else cells[1]
                    assert f"{year + 1}年报告中没有" in said
            assert matched == {2013: 8, 2014: 10, 2015: 5}[year], year
    assert broken_links(out) == []


@needs_hailar
def test_each_report_links_to_the_page_and_the_pairs_download(
        hailar: tuple[Path, BuildResult, dict[str, Report]]) -> None:
    out, _, reports = hailar
    for slug in reports:
        assert "../targets/hailaer.html" in read_page(out / "zh-hans" / slug / "index.html").links
        assert "../targets/hailaer.html" in read_page(out / "zh-hans" / slug / "figures.html").links
    rows = list(csv.DictReader(io.StringIO((out / "zh-hans" / "targets" / "hailaer.csv").read_text(
        encoding="utf-8-sig"))))
    data = json.loads((out / "zh-hans" / "targets" / "hailaer.json").read_text(encoding="utf-8"))
    assert len(rows) == len(data["figures"]) == 9 + 11 + 9
    gdp = rows[0]
    assert (gdp["indicator"], gdp["target_year"], gdp["target"], gdp["result_year"], gdp["result"]) == (
        "地区生产总值", "2013", "20", "2013", "10.1")
    assert (gdp["target_paragraph"], gdp["result_paragraph"]) == ("plan-intro-2", "review-intro-2")


@needs_hailar
def test_the_figures_page_labels_years_from_the_report(
        hailar: tuple[Path, BuildResult, dict[str, Report]]) -> None:
    out, _, _ = hailar
    text = read_page(out / "zh-hans" / HAILAR[2013] / "figures.html").text
    assert "2012年完成" in text and "2013年目标" in text and "2024" not in text and "2023年" not in text


@needs_hailar
def test_previous_and_next_stay_in_a_report_and_its_home_links_the_years_beside_it(
        hailar: tuple[Path, BuildResult, dict[str, Report]]) -> None:
    """Reading on never leaves a report; a report's home links the same government's reports of the
    years before and after it (whatever their folders are called)."""
    out, _, _ = hailar
    by_year = {year: slug for year, slug in HAILAR.items()}
    for year, slug in by_year.items():
        home = read_page(out / "zh-hans" / slug / "index.html")
        others = {f"../{other}/index.html" for other in HAILAR.values() if other != slug}
        years = [href for href in home.links if href in others]
        expected = [f"../{by_year[y]}/index.html" for y in (year - 1, year + 1) if y in by_year]
        assert years == expected, year
        for path in (out / "zh-hans" / slug).rglob("*.html"):
            page = read_page(path)
            for rel in ("prev", "next"):
                if rel in page.rels:
                    target = (path.parent / page.rels[rel]).resolve()
                    assert target.is_relative_to((out / "zh-hans" / slug).resolve()), (path, rel)
