"""Targets against results, year on year: a report's targets against what the same government's next
report in the site says of them (year N+1's of year N; after a gap, the next report's of the year
before it), found across the wordings of the genre's indicator vocabulary."""

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
from site_src.summaries.figures.outcomes import FOUND_BY_WORDING, NONE_GIVEN, NOT_COMPARABLE
from site_src.summaries.figures.track import Track, tracks
from site_src.variants.convert import make_converter

from .conftest import SHARED_REPORTS, slow_and
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


def tracked(*reports: tuple[str, Report], vocabulary: bool = True) -> tuple[Track, ...]:
    return tracks(((slug, r, key_figures(r, GENRE.figures)) for slug, r in reports), GENRE.figures,
                  GENRE.indicators if vocabulary else None)


def test_year_n_targets_against_year_n_plus_1_results() -> None:
    first = report("某市甲区人民政府", 2020, "过去一年，地区生产总值增长5%。",
                   "今年主要预期目标是：地区生产总值增长8%，社会消费品零售总额增长9%，城乡居民收入增长7%。")
    second = report("甲区人民政府", 2021, "过去一年，地区生产总值增长7.5%，社会消费品零售总额完成100亿元。",
                    "今年主要预期目标是：地区生产总值增长6%。")
    (track,) = tracked(("zz", second), ("aa", first))  # in any order, under any names
    # The page names the years of both reports (never 甲区2020—2020年).
    assert (track.first, track.last, track.reports, track.place) == (2020, 2021, ("aa", "zz"), "甲区")
    (year,) = track.years
    assert (year.year, year.target_report, year.result_report, year.later) == (2020, "aa", "zz", 2021)
    assert year.consecutive and year.results_of == 2020
    gdp, retail, income = year.figures
    assert (gdp.target.value, gdp.result.value, gdp.result.paragraph_id) == ("8", "7.5", "review-1")
    assert gdp.target.paragraph_id == "plan-1"  # of year N's report; the result of year N+1's
    assert (gdp.found_by, gdp.why_not, gdp.found) == (FOUND_BY_WORDING, "", True)
    # Stated, but not comparable (a level against a growth target): no result, what was stated, and
    # why in a word.
    assert retail.result is None and [r.value for r in retail.related] == ["100"]
    assert (retail.why_not, retail.found, retail.also) == (NOT_COMPARABLE, False, retail.related)
    # Not stated at all: no result, nothing guessed.
    assert (income.result, income.related, income.why_not) == (None, (), NONE_GIVEN)
    # Without the vocabulary (a report's own figures page matches so): the same rows here.
    assert tracked(("zz", second), ("aa", first), vocabulary=False) == (track,)


def test_each_report_of_one_government_is_paired_with_its_next_in_the_site() -> None:
    text = ("过去一年，地区生产总值增长5%。", "今年主要预期目标是：地区生产总值增长8%。")

    def pair(first: str, year: int, second: str) -> tuple[Track, ...]:
        return tracked(("a", report(first, 2020, *text)), ("b", report(second, year, *text)))

    (gap,) = pair("甲区人民政府", 2022, "甲区人民政府")  # the next report in the site, two years on
    assert [(y.year, y.later, y.consecutive, y.results_of) for y in gap.years] == [(2020, 2022, False, 2021)]
    assert (gap.first, gap.last) == (2020, 2022)
    assert pair("甲区人民政府", 2021, "乙区人民政府") == ()  # two governments
    assert pair("", 2021, "") == ()  # the issuer is unknown
    three = tracked(*((f"r{year}", report("甲区人民政府", year, *text)) for year in (2018, 2019, 2020, 2022)))
    assert [[(y.year, y.later) for y in track.years] for track in three] == [[(2018, 2019), (2019, 2020),
                                                                               (2020, 2022)]]


# --- the Hailar reports 2013-2016 and 2019 ---------------------------------------------------------

HAILAR = {2013: "zeta", 2014: "alpha", 2015: "mid", 2016: "b", 2019: "q"}  # names that say nothing of years
needs_hailar = slow_and(pytest.mark.skipif(
    not all((SHARED_REPORTS / f"{year}-hailar-district-hulunbuir.txt").is_file() for year in HAILAR),
    reason=f"the Hailar reports are not in {SHARED_REPORTS} (they are read from there, never copied)"))


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
# Each pair of the page: the targets' year, the next report's, what the result column is headed.
PAIRS = ((2013, 2014, "2013年完成"), (2014, 2015, "2014年完成"), (2015, 2016, "2015年完成"),
         (2016, 2019, "2019年报告（2018年）"))
WHY = ("未找到", "不可比")


def year_section(page: str, year: int) -> str:
    found = page[page.index(f'<section class="track-year" id="year-{year}"'):]
    return found[:found.index("</section>")]


def table_rows(section: str) -> list[list[str]]:
    table = section[section.index("<tbody>"):section.index("</tbody>")]
    return [re.findall(r"<td>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


@needs_hailar
def test_the_page_holds_each_report_against_the_next_in_the_site(
        hailar: tuple[Path, BuildResult, dict[str, Report]]) -> None:
    out, _, reports = hailar
    back = make_converter("tw2s")
    by_year = {reports[slug].year: slug for slug in reports}
    given = ((slug, r, key_figures(r, GENRE.figures)) for slug, r in reports.items())
    (expected,) = tracks(given, GENRE.figures, GENRE.indicators)
    for folder in ("zh-hans", "zh-hant"):
        path = out / folder / "targets" / "hailaer.html"
        page = path.read_text(encoding="utf-8")
        simplified = back(page) if folder == "zh-hant" else page
        # The title names the years of the first and the last report (the place as the latest says it).
        title = back(read_page(path).title) if folder == "zh-hant" else read_page(path).title
        assert title.startswith("呼伦贝尔市海拉尔区2013—2019年报告的目标与完成")
        years = re.findall(r'<section class="track-year" id="year-(\d{4})"', page)
        assert years == ["2013", "2014", "2015", "2016"]
        assert ">2016年目标与2019年报告</a>" in simplified  # a gap is named in the page's index
        for (year, later, heading), shown in zip(PAIRS, expected.years, strict=True):
            part = year_section(page, year)
            assert f'<th scope="col">{heading}</th>' in (back(part) if folder == "zh-hant" else part)
            cells = table_rows(part)
            assert len(cells) == len(key_figures(reports[by_year[year]], GENRE.figures).figures)
            found = 0
            for (target_cell, result_cell), figure in zip(cells, shown.figures, strict=True):
                target_links, result_links = VALUE.findall(target_cell), VALUE.findall(result_cell)
                assert len(target_links) == 1
                # Every value links to its paragraph, in its own report: the target to its report's,
                # the result to the next report's; the quote is that paragraph's, and holds the number.
                for links, slug in ((target_links, by_year[year]), (result_links, by_year[later])):
                    for href, anchor, quote, number in links:
                        assert href.startswith(f"../{slug}/"), (href, slug)
                        assert anchor in read_page((path.parent / href).resolve()).ids
                        quote, number = html.unescape(quote), html.unescape(number)
                        if folder == "zh-hant":
                            quote, number = back(quote), back(number)
                        texts = {p.id: p.source_text for p in reports[slug].paragraphs()}
                        assert quote in texts[anchor] and number in quote, (year, quote)
                said = back(result_cell) if folder == "zh-hant" else result_cell
                if figure.found:  # a result, or the parts or successor that answer it, said so
                    found += 1
                    assert result_links and not any(word in said for word in WHY)
                    assert ("分项" in said) == (figure.found_by == "parts")
                    assert ("新指标" in said) == (figure.found_by == "successor")
                else:  # the cell says why in a word, instead of guessing a result
                    assert WHY[figure.why_not == "not-comparable"] in said, said
            assert found == shown.found
        assert [year.found for year in expected.years] == [9, 10, 6, 5]
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
    assert len(rows) == len(data["figures"]) == 9 + 11 + 9 + 9
    gdp = rows[0]
    assert (gdp["indicator"], gdp["target_year"], gdp["target"], gdp["result_year"], gdp["result"]) == (
        "地区生产总值", "2013", "20", "2013", "10.1")
    assert (gdp["target_paragraph"], gdp["result_paragraph"]) == ("plan-intro-2", "review-intro-2")
    # The 2016 targets against the 2019 report: its results are of 2018.
    later = [row for row in rows if row["target_year"] == "2016"]
    assert {row["result_year"] for row in later} == {"2018"}
    assert [row["result"] for row in later if row["indicator"] == "地区生产总值"] == ["6", "192.3"]


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
        years_in_site = sorted(by_year)
        n = years_in_site.index(year)  # the nearest years the site has, before and after
        beside = years_in_site[max(0, n - 1):n] + years_in_site[n + 1:n + 2]
        expected = [f"../{by_year[y]}/index.html" for y in beside]
        assert years == expected, year
        for path in (out / "zh-hans" / slug).rglob("*.html"):
            page = read_page(path)
            for rel in ("prev", "next"):
                if rel in page.rels:
                    target = (path.parent / page.rels[rel]).resolve()
                    assert target.is_relative_to((out / "zh-hans" / slug).resolve()), (path, rel)
