"""The pages of an archive (a site of several reports): its home, which lists its governments in
order with their reports by year, and a page per government, which lists its reports (each with
its title and a line of what it is) and every page that belongs to the government as a whole (its
targets year on year, and any page type whose pages say Page.government). Both are paged where
they would list more than site.yaml's reports_per_page (site/archive.py), so that no page grows
with the archive. A site of one government has no page per government: its home is its page.
One builder per page type (builder.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from site_src.content.archive import Government
from site_src.model import compose_title
from site_src.site import routes
from site_src.site.archive import Run
from site_src.site.builder import Builder, SiteAt
from site_src.site.nav import Link
from site_src.site.page import Page
from site_src.site.pages_summary import TRACK
from site_src.site.variant import ReportVariant

PAGER_SIDE = 2  # a pager links the pages this near the current one, the first and the last


@dataclass(frozen=True)
class Pager:
    """The pages of one list, as each of them links the others."""

    pages: tuple[Link | None, ...]  # the first, those near the current, the last (None: some left out)
    current: int  # its number, from 1
    count: int
    previous: Link | None
    next: Link | None


def pager(routes_in_order: tuple[str, ...], number: int) -> Pager | None:
    """The pager of the ``number``-th of a list's pages (None for a list of one page)."""
    count = len(routes_in_order)
    if count < 2:
        return None
    links = {n: Link(str(n), route) for n, route in enumerate(routes_in_order, start=1)}
    shown = sorted({1, count, *range(max(1, number - PAGER_SIDE), min(count, number + PAGER_SIDE) + 1)})
    pages: list[Link | None] = []
    for before, n in zip([0, *shown], shown, strict=False):
        if n > before + 1 and before:
            pages.append(None)
        pages.append(links[n])
    return Pager(tuple(pages), number, count, links.get(number - 1), links.get(number + 1))


def government_name(government: Government, ui: Mapping[str, str]) -> str:
    """A government as a list or a breadcrumb names it: its place, or what says it names none."""
    return government.name or ui["government_unnamed"]


def years(first: int, last: int, ui: Mapping[str, str]) -> str:
    """2012—2019年, or 2019年."""
    return ui["years_span"].format(first=first, last=last) if first != last else \
        ui["report_year"].format(year=first)


def summary(government: Government, ui: Mapping[str, str]) -> str:
    """4份报告，2012—2019年"""
    return ui["government_summary"].format(count=len(government.reports),
                                           years=years(government.first, government.last, ui))


# --- the home of several governments ---------------------------------------------------------------

@dataclass(frozen=True)
class GovernmentGroup:
    """One government on a page of the home: its page, its reports there, its targets page."""

    government: Government
    page: Link  # titled with its name
    summary: str  # how many reports, of which years
    reports: tuple[Link, ...]  # each titled with its year (with its title where two share a year)
    track: Link | None  # its targets against results, year on year
    continued: bool  # an earlier page of the home lists its first reports


@dataclass(frozen=True)
class ArchiveHome:
    summary: str  # how many governments and reports, of which years
    groups: tuple[GovernmentGroup, ...]
    pager: Pager | None


class ArchiveHomePages(Builder[ArchiveHome]):
    """The home of a site of several governments, in as many pages as its reports need."""

    template, kind = "page_reports.html", "reports"
    whole_title, og_type = True, "website"
    # A list is read by choosing from it: its pager links its pages, and a previous/next below it
    # would be a second "next page" (to the same page, or to a page of another list).
    in_order = False

    def site_pages(self, site: SiteAt) -> tuple[Page[ArchiveHome], ...]:
        if not site.governed:
            return ()
        ui, layout = site.ui, site.archive
        home_routes = tuple(routes.home_page(n) for n in range(1, len(layout.home_pages) + 1))
        reports = [year for government in layout.governments for year, _ in government.reports if year]
        said = ui["archive_summary"].format(governments=len(layout.governments),
                                            count=len(site.content.reports),
                                            years=years(min(reports), max(reports), ui) if reports else "")
        tracks = {track.id: TRACK.link(site, track) for track in site.content.tracks}
        title = site.content.site.title

        def page(number: int, runs: tuple[Run, ...]) -> Page[ArchiveHome]:
            groups = tuple(self._group(site, run, tracks.get(run.government.id)) for run in runs)
            subject = ArchiveHome(said, groups, pager(home_routes, number))
            if number == 1:
                return site.page(self, routes.HOME, title, subject, key="home", parent=None, crumb=ui["home"])
            numbered = ui["titled_page"].format(title=title, number=number)
            return site.page(self, home_routes[number - 1], numbered, subject, key=f"home-{number}",
                             parent=routes.HOME)

        return tuple(page(n, runs) for n, runs in enumerate(layout.home_pages, start=1))

    @staticmethod
    def _group(site: SiteAt, run: Run, track: Link | None) -> GovernmentGroup:
        government, ui = run.government, site.ui
        by_year = Counter(year for year, _ in government.reports)

        def link(year: int, slug: str) -> Link:
            report = site.entry(slug).report
            title = compose_title("", year, report.title) if by_year[year] > 1 else \
                ui["report_year"].format(year=year)
            return Link(title, site.navs[slug].home.route)

        page = Link(government_name(government, ui), site.archive.government_route(government.id))
        return GovernmentGroup(government, page, summary(government, ui),
                               tuple(link(year, slug) for year, slug in run.reports), track, run.continued)


# --- a page per government -------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportItem:
    """One report on its government's page."""

    report: ReportVariant
    home: Link  # titled with its year and title (2019年政府工作报告)
    lines: tuple[str, ...]  # what it is, as its byline says: when, where and by whom it was delivered


@dataclass(frozen=True)
class GovernmentPage:
    government: Government
    summary: str  # how many reports, of which years
    reports: tuple[ReportItem, ...]  # on this page, by year
    across: tuple[Link, ...]  # on its first page: the pages that belong to it (its targets year on year …)
    pager: Pager | None


DASHES = "-—－–― "  # what a printed subtitle opens with (——2024年1月…)


def byline(report: ReportVariant) -> tuple[str, ...]:
    """The report's byline (when, where, by whom), without the dash a printed subtitle opens with."""
    return tuple(line.lstrip(DASHES).strip() for line in report.report.byline if line.strip(DASHES))


class GovernmentPages(Builder[GovernmentPage]):
    """A page per government of a site of several reports (the home, for a site of one government),
    in as many pages as its reports need."""

    template, kind = "page_government.html", "government"
    lists_pages = True  # the pages that belong to the government
    in_order = False  # a list, with its pager (as the home)

    def site_pages(self, site: SiteAt) -> tuple[Page[GovernmentPage], ...]:
        if not site.several:
            return ()
        return tuple(page for government in site.archive.governments
                     for page in self._pages(site, government))

    def _pages(self, site: SiteAt, government: Government) -> tuple[Page[GovernmentPage], ...]:
        ui, layout = site.ui, site.archive
        chunks = layout.government_pages(government)
        own_routes = tuple(layout.government_route(government.id, n) for n in range(1, len(chunks) + 1))
        name = government_name(government, ui)
        title = site.content.site.title if layout.one else (
            ui["government_title"].format(place=government.name) if government.name else name)

        def page(number: int, reports: tuple[tuple[int, str], ...]) -> Page[GovernmentPage]:
            items = tuple(_item(site, year, slug) for year, slug in reports)
            across = site.belonging.get(government.id, ()) if number == 1 else ()
            subject = GovernmentPage(government, summary(government, ui), items, across,
                                     pager(own_routes, number))
            route = own_routes[number - 1]
            if number > 1:
                return site.page(self, route, ui["titled_page"].format(title=title, number=number), subject,
                                 key=f"{government.id}-{number}", parent=own_routes[0])
            if layout.one:  # the home
                return site.page(self, route, title, subject, key="home", parent=None, crumb=ui["home"])
            return site.page(self, route, title, subject, key=government.id, crumb=name)

        return tuple(page(n, reports) for n, reports in enumerate(chunks, start=1))


def _item(site: SiteAt, year: int, slug: str) -> ReportItem:
    entry = site.entry(slug)
    title = compose_title("", year, entry.report.title)
    return ReportItem(entry, Link(title, site.navs[slug].home.route), byline(entry))


ARCHIVE_HOME = ArchiveHomePages()
GOVERNMENTS = GovernmentPages()
