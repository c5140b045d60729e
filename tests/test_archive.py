"""An archive of several reports: its governments, in the order a reader finds them, and the site's
title (content/archive.py); its home and a page per government, paged, its breadcrumbs and the
pages that belong to a government (site/archive.py, site/pages_archive.py, the plan)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

import pytest

from site_src.config import REPORTS_PER_PAGE, settings_table
from site_src.content.archive import Government, archive_title, common_parent, governments
from site_src.content.pages import EditorialPage
from site_src.content.site import load_site
from site_src.errors import SiteError
from site_src.genre import load_genre
from site_src.model import Report
from site_src.site.archive import shelve
from site_src.site.builder import Builder, SiteAt
from site_src.site.nav import Link
from site_src.site.page import Page
from site_src.site.pages_archive import ArchiveHome, GovernmentPage
from site_src.site.pages_report import Home
from site_src.site.plan import SITE_ORDER, SitePlan, plan_site
from site_src.site.variant import ReportVariant
from site_src.summaries.figures.track import Track, TrackYear
from site_src.yamlio import read_document

from .conftest import CONTENT, SEED_SLUG, plan_content, report_variant

GENRE = load_genre()
WORDS, UI = GENRE.archive, GENRE.ui


def of(report: Report, issuer: str, year: int, government: str) -> Report:
    """The bundled report as another government's, of another year."""
    return replace(report, issuer=issuer, year=year, government=government)


def titled(*reports: Report) -> str:
    return archive_title(governments(((f"{r.year}-{r.government}", r) for r in reports), WORDS), WORDS, UI)


# --- the title ---------------------------------------------------------------------------------------

def test_one_government_s_reports_are_titled_with_its_name_and_years(report: Report) -> None:
    years = (2012, 2013, 2015, 2019)
    assert titled(*(of(report, "某某区人民政府", year, "mouqu") for year in years)) == \
        "某某区政府工作报告（2012—2019年）"
    # The name its latest report gives (a district later written under its city: still one government).
    renamed = (of(report, "某某区人民政府", 2013, "mouqu"), of(report, "甲市某某区人民政府", 2019, "mouqu"))
    assert titled(*renamed) == "甲市某某区政府工作报告（2013—2019年）"
    assert titled(of(report, "某某区人民政府", 2024, "mouqu"), of(report, "某某区人民政府", 2024, "mouqu")) \
        == "某某区2024年政府工作报告"  # two of one year: no 2024—2024


def test_several_governments_are_named_as_a_reader_would_by_their_levels(report: Report) -> None:
    national = of(report, "国务院", 2019, "national")
    provinces = [of(report, f"{name}人民政府", 2025, id) for name, id in
                 (("甲省", "jia"), ("乙壮族自治区", "yi"), ("丙省", "bing"))]
    district = of(report, "丁市戊区人民政府", 2013, "wu")
    assert titled(national, *provinces, district) == "国务院与地方政府工作报告（2013—2025年）"
    assert titled(national, *provinces) == "国务院与各省（区、市）政府工作报告（2019—2025年）"
    assert titled(*provinces) == "各省（区、市）2025年政府工作报告"
    counties = [of(report, f"丁市{name}人民政府", year, id) for name, year, id in
                (("戊区", 2020, "wu"), ("己县", 2022, "ji"), ("庚区", 2024, "geng"))]
    assert titled(*counties) == "丁市各区县政府工作报告（2020—2024年）"  # all in one city
    cities_and_counties = [of(report, "辛市人民政府", 2024, "xin"), of(report, "壬县人民政府", 2020, "ren"),
                           *counties]
    assert titled(*cities_and_counties) == "各市县政府工作报告（2020—2024年）"
    # Never a count, never a placeholder: a government that names itself nowhere is left out of
    # the name, and the others still name the site.
    unnamed = of(report, "", 2021, "chengde")
    assert titled(unnamed, *counties) == "丁市各区县政府工作报告（2020—2024年）"
    for title in (titled(national, *provinces, district), titled(*cities_and_counties)):
        assert "份" not in title and "{" not in title


def test_a_common_parent_is_a_whole_unit_and_none_of_the_places() -> None:
    assert common_parent(["甲市乙区", "甲市丙县", "甲市丁区"], WORDS) == "甲市"
    assert common_parent(["甲市乙江区", "甲市乙津区"], WORDS) == "甲市"  # not 甲市乙
    assert common_parent(["甲市", "甲市乙区"], WORDS) == ""  # a city and its district: no parent
    assert common_parent(["甲县", "乙县"], WORDS) == ""


def test_site_yaml_s_title_wins(report: Report, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    seed = content / "reports" / SEED_SLUG
    other = content / "reports" / "2019-national"
    shutil.copytree(seed, other)
    header = other / "report.yaml"
    text = header.read_text(encoding="utf-8")
    assert "issuer: 重庆市荣昌区人民政府\n" in text and "year: 2024\n" in text
    header.write_text(text.replace("issuer: 重庆市荣昌区人民政府\n", "issuer: 国务院\n")
                      .replace("year: 2024\n", "year: 2019\n").replace("government: rongchang\n", ""),
                      encoding="utf-8")
    site = load_site(content, load_genre(content))
    assert site.site.title == "国务院与各区县政府工作报告（2019—2024年）"
    assert [(g.id, g.name, g.level) for g in site.governments] == [("national", "国务院", "national"),
                                                                  ("rongchang", "重庆市荣昌区", "county")]
    settings = content / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "title: 某某档案馆藏政府工作报告\n",
                        encoding="utf-8")
    assert load_site(content, load_genre(content)).site.title == "某某档案馆藏政府工作报告"


# --- the governments' order ----------------------------------------------------------------------------

def test_governments_in_order_national_then_each_level_down_each_by_year(report: Report) -> None:
    reports = [of(report, "乙县人民政府", 2021, "yixian"), of(report, "甲省人民政府", 2025, "jia"),
               of(report, "国务院", 2024, "national"), of(report, "", 2024, "wuming"),
               of(report, "丙市丁区人民政府", 2020, "ding"), of(report, "国务院", 1998, "national"),
               of(report, "戊自治州人民政府", 2024, "wu"), of(report, "丁区人民政府", 2013, "ding")]
    found = governments(((f"{r.year}-{r.government}", r) for r in reports), WORDS)
    assert [(g.id, g.level) for g in found] == [("national", "national"), ("jia", "province"), ("wu", "city"),
                                               ("ding", "county"), ("yixian", "county"), ("wuming", "")]
    assert found[0].reports == ((1998, "1998-national"), (2024, "2024-national"))  # by year
    assert found[3].name == "丙市丁区" and (found[3].first, found[3].last) == (2013, 2020)  # the latest name
    assert found[-1].name == ""  # it names itself nowhere


def test_the_home_is_paged_and_never_splits_a_government_that_fits() -> None:
    def government(id: str, count: int) -> Government:
        return Government(id, id, "county", tuple((2000 + n, f"{id}-{n}") for n in range(count)))

    pages = shelve((government("a", 3), government("b", 2), government("c", 7), government("d", 1)), 4)
    laid = [[(run.government.id, run.start, run.end) for run in page] for page in pages]
    # b would fit beside a only split: it starts a page; c is longer than a page: split, filling each.
    assert laid == [[("a", 0, 3)], [("b", 0, 2), ("c", 0, 2)], [("c", 2, 6)], [("c", 6, 7), ("d", 0, 1)]]
    assert all(sum(run.end - run.start for run in page) <= 4 for page in pages)
    assert [run.continued for run in pages[2]] == [True]


def test_reports_per_page_is_a_setting_of_one_or_more() -> None:
    variants = "variants: [{code: zh-Hans, label: 简体中文, path: zh-hans}]\n"
    assert read_document(variants, "site.yaml", settings_table()).reports_per_page == REPORTS_PER_PAGE == 50
    twenty = read_document(variants + "reports_per_page: 20\n", "site.yaml", settings_table())
    assert twenty.reports_per_page == 20
    with pytest.raises(SiteError) as error:
        read_document(variants + "reports_per_page: 0\n", "site.yaml", settings_table())
    assert str(error.value) == ("error: site.yaml:2: reports_per_page: expected a number of reports of 1 or "
                                "more, got 0")


# --- the plan of an archive -------------------------------------------------------------------------

def archive(report: Report, per_page: int = REPORTS_PER_PAGE, tracks: tuple[Track, ...] = (),
            order: tuple[Builder[object], ...] | None = None,
            pages: tuple[EditorialPage, ...] = ()) -> SitePlan:
    """A site of six reports of three governments (a national one of two years, a province, a
    district of three years), ``per_page`` reports a home page."""
    reports = [("1998-national", of(report, "国务院", 1998, "national")),
               ("2024-national", of(report, "国务院", 2024, "national")),
               ("2025-jia", of(report, "甲省人民政府", 2025, "jia")),
               *((f"{year}-yi", of(report, "丙市乙区人民政府", year, "yi")) for year in (2013, 2014, 2016))]
    content = plan_content(tuple(report_variant(slug, r) for slug, r in reports), pages)
    content = replace(content, site=replace(content.site, reports_per_page=per_page), tracks=tracks)
    return plan_site(content, order=order) if order else plan_site(content)


def pages_of(plan: SitePlan) -> dict[str, Page[object]]:
    return {page.route: page for page in plan.pages}


def test_a_page_per_government_and_a_home_of_governments_by_year(report: Report) -> None:
    pages = pages_of(archive(report))
    home = pages["index.html"].subject
    assert isinstance(home, ArchiveHome) and home.pager is None
    assert home.summary == "3个政府的6份报告，1998—2025年"
    assert [(group.page, [link.title for link in group.reports]) for group in home.groups] == [
        (Link("国务院", "governments/national.html"), ["1998年", "2024年"]),
        (Link("甲省", "governments/jia.html"), ["2025年"]),
        (Link("丙市乙区", "governments/yi.html"), ["2013年", "2014年", "2016年"])]
    yi = pages["governments/yi.html"]
    assert isinstance(yi.subject, GovernmentPage) and yi.title == "丙市乙区政府工作报告"
    assert [(item.home, item.lines) for item in yi.subject.reports] == [
        (Link(f"{year}年政府工作报告", f"{year}-yi/index.html"), report.byline)
        for year in (2013, 2014, 2016)]
    assert [crumb.title for crumb in yi.crumbs] == ["首页"]


def test_breadcrumbs_run_site_government_report_part(report: Report) -> None:
    pages = pages_of(archive(report))
    crumbs = {route: [(crumb.title, crumb.route) for crumb in page.crumbs] for route, page in pages.items()}
    above = [("首页", "index.html"), ("丙市乙区", "governments/yi.html"),
             ("2014年政府工作报告", "2014-yi/index.html")]
    assert crumbs["2014-yi/index.html"] == above[:2]
    assert crumbs["2014-yi/review/index.html"] == above
    assert crumbs["2014-yi/review/01.html"] == [*above, ("一、2023年工作回顾", "2014-yi/review/index.html")]
    government = {"national": ("国务院", "governments/national.html"),
                  "jia": ("甲省", "governments/jia.html"), "yi": above[1]}
    for route, page in pages.items():  # every page of a report, below its government
        if page.report is not None:
            assert crumbs[route][:2] == [("首页", "index.html"), government[page.report.split("-")[1]]], route


def test_a_site_of_one_government_is_its_page_and_reads_site_report_part(report: Report) -> None:
    reports = tuple(report_variant(f"{year}-yi", of(report, "丙市乙区人民政府", year, "yi"))
                    for year in (2013, 2016))
    pages = pages_of(plan_site(plan_content(reports)))
    home = pages["index.html"]
    assert isinstance(home.subject, GovernmentPage) and home.title == "某地政府工作报告"  # the site's
    assert not any(route.startswith("governments/") for route in pages)
    part = pages["2016-yi/review/index.html"]
    assert [crumb.title for crumb in part.crumbs] == ["首页", "2016年政府工作报告"]
    years = pages["2016-yi/index.html"].subject
    assert isinstance(years, Home)
    assert (years.earlier, years.later, years.series) == (Link("2013年", "2013-yi/index.html"), None,
                                                          Link("历年报告", "index.html"))


def test_the_home_and_long_governments_are_paged(report: Report) -> None:
    plan = archive(report, per_page=2)
    pages = pages_of(plan)
    homes = [page for page in plan.pages if page.kind == "reports"]
    assert [page.route for page in homes] == ["index.html", "index-2.html", "index-3.html"]
    listed = [[link.route for group in page.subject.groups for link in group.reports] for page in homes]
    assert [len(routes) for routes in listed] == [2, 2, 2]  # the district's three split: longer than a page
    assert [route for routes in listed for route in routes] == [
        "1998-national/index.html", "2024-national/index.html", "2025-jia/index.html",
        "2013-yi/index.html", "2014-yi/index.html", "2016-yi/index.html"]
    assert [group.continued for group in homes[2].subject.groups] == [True]
    third = homes[2].subject
    assert third.pager.previous == Link("2", "index-2.html") and third.pager.next is None
    assert homes[1].title == "某地政府工作报告（第2页）" and homes[1].crumbs == (Link("首页", "index.html"),)
    assert [p.route for p in plan.pages if p.kind == "government" and "yi" in p.route] == [
        "governments/yi.html", "governments/yi/2.html"]
    second = pages["governments/yi/2.html"]
    assert [item.home.route for item in second.subject.reports] == ["2016-yi/index.html"]
    assert [crumb.route for crumb in second.crumbs] == ["index.html", "governments/yi.html"]
    assert pages["2016-yi/index.html"].subject.series == Link("历年报告", "governments/yi/2.html")
    assert pages["2016-yi/index.html"].parent == "governments/yi.html"  # the way up: the government


def test_the_targets_page_belongs_to_its_government_linked_from_home_and_government(report: Report) -> None:
    track = Track("yi", "丙市乙区", (TrackYear(2013, "2013-yi", "2014-yi", later=2014),))
    pages = pages_of(archive(report, tracks=(track,)))
    link = Link("丙市乙区2013—2014年报告的目标与完成", "targets/yi.html")
    assert pages["targets/yi.html"].government == "yi"
    assert [crumb.route for crumb in pages["targets/yi.html"].crumbs] == ["index.html", "governments/yi.html"]
    assert pages["governments/yi.html"].subject.across == (link,)
    assert pages["governments/jia.html"].subject.across == ()
    assert [group.track for group in pages["index.html"].subject.groups] == [None, None, link]


@dataclass(frozen=True)
class Pair:
    earlier: ReportVariant
    later: ReportVariant


class PairPages(Builder[Pair]):
    """A page type another engineer adds (a report and the one before it, compared): its pages say
    which government they belong to, and the government's page lists them with nothing more."""

    template, kind = "page_pair.html", "pair"

    def site_pages(self, site: SiteAt) -> tuple[Page[Pair], ...]:
        def pages() -> Iterator[Page[Pair]]:
            for government in site.content.governments:
                for (_, before), (year, after) in pairwise(government.reports):
                    pair = Pair(site.entry(before), site.entry(after))
                    yield site.page(self, f"pairs/{after}.html", f"{year}年的新提法", pair, key=after,
                                    government=government.id)
        return tuple(pages())


def test_any_page_that_says_its_government_is_listed_on_the_government_s_page(report: Report) -> None:
    pages = pages_of(archive(report, order=(*SITE_ORDER, PairPages())))
    assert pages["governments/yi.html"].subject.across == (Link("2014年的新提法", "pairs/2014-yi.html"),
                                                          Link("2016年的新提法", "pairs/2016-yi.html"))
    assert pages["governments/national.html"].subject.across == (
        Link("2024年的新提法", "pairs/2024-national.html"),)
    assert [crumb.route for crumb in pages["pairs/2016-yi.html"].crumbs] == ["index.html",
                                                                            "governments/yi.html"]


def test_the_about_page_lists_sources_while_the_home_lists_the_reports_on_one_page(report: Report) -> None:
    """Past a home page's worth of reports the about page names none (it would grow with the
    archive): it says how many there are and where each report's source is (its notes page)."""
    def about(per_page: int) -> Page[object]:
        plan = archive(report, per_page=per_page, pages=(EditorialPage("about", "关于本站", ""),))
        return next(page for page in plan.pages if page.kind == "editorial")

    listed = about(REPORTS_PER_PAGE).subject
    assert [source.report.route for source in listed.sources] == [
        "1998-national/index.html", "2024-national/index.html", "2025-jia/index.html",
        "2013-yi/index.html", "2014-yi/index.html", "2016-yi/index.html"] and listed.unlisted == 0
    paged = about(2).subject
    assert paged.sources == () and paged.unlisted == 6
