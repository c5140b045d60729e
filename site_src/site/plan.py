"""Every page of a variant, planned before anything is rendered: the assembly of the page types'
builders (builder.py), in the reading order below.

A planned page is a typed value (page.Page): its route, template, titles, breadcrumbs, previous
and next, and the object it presents. Templates get links from the plan and never assemble a
path (routes.py spells every path); a link to a route the plan does not have is an error (see
render.py).

The plan is made from one variant's content, so every title is in that variant's script; routes
come from ids, which no variant converts, so a page's counterpart in another variant is the same
route under another folder. A site of one report puts its pages at the top of each variant's
folder; a site of several puts each report's pages under its slug, and lists them on its home and
its governments' pages (pages_archive.py). Previous and next stay inside a report: a report's
pages are one reading order, the site's own pages another (which a site of one report reads on
into, from its report).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from site_src.errors import Location, Problem, SiteError
from site_src.site.builder import Builder, PartBuilder, ReportAt, SiteAt
from site_src.site.glance import places
from site_src.site.nav import Contents, ContentsPart, Link, ReportNav, SiteNav
from site_src.site.page import DataFile, Page
from site_src.site.pages_across import SIDE_BY_SIDE, WORDING
from site_src.site.pages_archive import ARCHIVE_HOME, GOVERNMENTS
from site_src.site.pages_report import CLOSING, FULL, HOME, PART, PREAMBLE, SECTION, TERMS
from site_src.site.pages_site import EDITORIAL, NOT_FOUND, NOTES, PROOFS, SEARCH, site_nav
from site_src.site.pages_summary import FIGURES, INDUSTRIES, INDUSTRY, SLOGANS, TRACK
from site_src.site.variant import VariantContent


@dataclass(frozen=True)
class EachPart(Builder[object]):
    """The pages of each part in turn: for each part, each builder's pages of it (the part's own,
    then its sections'). In a report's contents the first builder's link is the part's, the next
    ones' links its sections'."""

    builders: tuple[PartBuilder[object], ...]

    def places(self, at: ReportAt) -> Iterator[tuple[str, str]]:
        return (place for part in at.report.parts for builder in self.builders
                for place in builder.places_of(at, part))

    def contents(self, at: ReportAt) -> tuple[ContentsPart, ...]:
        heading, *below = [builder for builder in self.builders if builder.listed]
        return tuple(ContentsPart(heading.links_of(at, part)[0],
                                  tuple(link for builder in below for link in builder.links_of(at, part)))
                     for part in at.report.parts)

    def pages(self, at: ReportAt) -> tuple[Page[object], ...]:
        return tuple(page for part in at.report.parts for builder in self.builders
                     for page in builder.pages_of(at, part))


@dataclass(frozen=True)
class EachReport(Builder[object]):
    """Every report's pages, each report in its reading order (``order``: one page type a line)."""

    order: tuple[Builder[object], ...]

    def navs(self, site: SiteAt) -> dict[str, ReportNav]:
        return {at.entry.slug: report_nav(at, self.order) for at in site.reports()}

    def site_pages(self, site: SiteAt) -> tuple[Page[object], ...]:
        return tuple(page for at in site.reports() for builder in self.order for page in builder.pages(at))

    def site_files(self, site: SiteAt) -> tuple[DataFile, ...]:
        return tuple(file for at in site.reports() for builder in self.order for file in builder.files(at))


# A report's pages in their reading order: previous and next run through them (but the page types
# out of the order: the proofs), and its contents list them in this order (those listed).
REPORT_ORDER: tuple[Builder[object], ...] = (
    HOME,
    PREAMBLE,
    EachPart((PART, SECTION)),
    CLOSING,
    TERMS,
    FIGURES,
    INDUSTRIES,
    INDUSTRY,
    SLOGANS,
    WORDING,
    TRACK,  # in the contents; the page itself is the site's (below)
    PROOFS,
    FULL,
    SIDE_BY_SIDE,  # a reading order of its own
    NOTES,
)

# The site's pages: its home and a page per government (a site of several reports), every
# report's, then its own.
SITE_ORDER: tuple[Builder[object], ...] = (
    ARCHIVE_HOME,
    GOVERNMENTS,
    EachReport(REPORT_ORDER),
    TRACK,
    EDITORIAL,
    SEARCH,
    NOT_FOUND,
)


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[Page[object], ...]  # in SITE_ORDER
    site: SiteNav
    reports: Mapping[str, ReportNav]  # by slug
    files: tuple[DataFile, ...] = ()

    @property
    def routes(self) -> frozenset[str]:
        return frozenset(page.route for page in self.pages) | frozenset(f.route for f in self.files)


def plan_site(content: VariantContent, variants: tuple[VariantContent, ...] = (),
              order: tuple[Builder[object], ...] = SITE_ORDER) -> SitePlan:
    """The plan of one variant (``variants``: every variant's content, for a page that shows
    several scripts; by default this one's alone)."""
    site = SiteAt(content, variants or (content,), site_nav(content))
    site = replace(site, navs={slug: nav for builder in order for slug, nav in builder.navs(site).items()})
    # The pages, in two rounds: the pages that list the pages belonging to a government after those.
    made = {n: builder.site_pages(site) for n, builder in enumerate(order) if not builder.lists_pages}
    site = replace(site, belonging=_belonging(page for n in sorted(made) for page in made[n]))
    made |= {n: builder.site_pages(site) for n, builder in enumerate(order) if builder.lists_pages}
    pages = tuple(page for n in range(len(order)) for page in made[n])
    files = tuple(file for builder in order for file in builder.site_files(site))
    _check_unique(pages, files)
    return SitePlan(_linked(pages, site.several), site.nav, site.navs, files)


def report_nav(at: ReportAt, order: tuple[Builder[object], ...]) -> ReportNav:
    """A report's links, from what each builder of its order makes of it: its contents (the
    builders' listed links, in the order), where each of its texts is shown, its summaries."""
    head: list[Link] = []
    tail: list[Link] = []
    parts: tuple[ContentsPart, ...] = ()
    anchors: dict[str, str] = {}
    for builder in order:
        made = builder.contents(at)
        parts = parts or made
        if builder.listed:
            (tail if parts else head).extend(builder.links(at))
        for id, route in builder.places(at):
            anchors.setdefault(id, route)
    return ReportNav(
        slug=at.entry.slug, title=at.home.title, home=at.home,
        contents=Contents(tuple(head), parts, tuple(tail)),
        full=FULL.links(at)[0], anchors=anchors, places=places(at.report, at.ui),
        figures=_first(FIGURES.links(at)), industries=_first(INDUSTRIES.links(at)),
        industry=INDUSTRY.by_industry(at),
        track=_first(TRACK.links(at)), notes=_first(NOTES.links(at)), wording=_first(WORDING.links(at)),
        side_by_side=SIDE_BY_SIDE.by_page(at, anchors) if SIDE_BY_SIDE in order else {})


def _belonging(pages: Iterable[Page[object]]) -> dict[str, tuple[Link, ...]]:
    """The pages that belong to each government, by its id, in the order given."""
    found: dict[str, list[Link]] = {}
    for page in pages:
        if page.government is not None:
            found.setdefault(page.government, []).append(page.link)
    return {government: tuple(links) for government, links in found.items()}


def _first(links: tuple[Link, ...]) -> Link | None:
    return links[0] if links else None


def _check_unique(pages: tuple[Page[object], ...], files: tuple[DataFile, ...]) -> None:
    problems = []
    seen: dict[str, Page[object]] = {}
    for page in pages:
        if page.route in seen:
            first = seen[page.route]
            problems.append(Problem(Location(page.route), f"two pages want the same path: {first.kind} "
                                                          f"{first.key!r} and {page.kind} {page.key!r}"))
        seen[page.route] = page
    taken = set(seen)
    for file in files:
        if file.route in taken:
            problems.append(Problem(Location(file.route), f"two files want the same path: {file.route}"))
        taken.add(file.route)
    if problems:
        raise SiteError(problems)


def _linked(pages: tuple[Page[object], ...], several: bool) -> tuple[Page[object], ...]:
    """The pages with their breadcrumbs and their neighbours in their reading order: their
    report's, or the site's (which a site of one report reads on into, from its report)."""
    by_route = {page.route: page for page in pages}
    orders: dict[tuple[str | None, str], list[Page[object]]] = {}
    for page in pages:
        if page.in_order:
            orders.setdefault((page.report if several else None, page.reading), []).append(page)
    neighbours: dict[str, tuple[Link | None, Link | None]] = {}
    for order in orders.values():
        links = [None, *(page.link for page in order), None]
        for n, page in enumerate(order, start=1):
            neighbours[page.route] = (links[n - 1], links[n + 1])
    linked = []
    for page in pages:
        crumbs: list[Link] = []
        parent = page.parent
        while parent is not None:
            crumbs.insert(0, Link(by_route[parent].crumb or by_route[parent].title, parent))
            parent = by_route[parent].parent
        previous, following = neighbours.get(page.route, (None, None))
        linked.append(replace(page, crumbs=tuple(crumbs), previous=previous, next=following))
    return tuple(linked)
