"""The summary pages of a report: its key figures, its industry system and each industry, its
numbered slogans; and a government's targets against results, year on year. One builder per page
type (builder.py). Each says what it says in its own words to the search (its quotes are the
report's paragraphs, searched where they stand)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from site_src.site import routes
from site_src.site.builder import Builder, ReportAt, SiteAt
from site_src.site.nav import Link, ReportNav
from site_src.site.page import DataFile, Page
from site_src.site.pages_report import years
from site_src.summaries.figures.chart import Chart, chart_bars, layout
from site_src.summaries.figures.export import FiguresData, figure_rows
from site_src.summaries.figures.match import KeyFigure, KeyFigures
from site_src.summaries.figures.parse import Result, Target
from site_src.summaries.figures.track import Track, TrackYear
from site_src.summaries.industries import IndustryPage, IndustrySummary
from site_src.summaries.slogan_page import SloganSummary


def downloads(route: str) -> tuple[Link, ...]:
    """A page's figures as files, as the page links them."""
    return tuple(Link(format.upper(), routes.data(route, format)) for format in routes.DOWNLOADS)


# --- key figures --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FigureSource:
    """A clause of the report that figures are read from, quoted once however many it gives, with
    the indicators it gives, in the table's order."""

    item: Target | Result
    indicators: tuple[str, ...]

    @property
    def is_target(self) -> bool:
        """Whether it sets a target of the plan (else it states a result of the year before)."""
        return isinstance(self.item, Target)


def _read_from(figure: KeyFigure) -> tuple[Target | Result, ...]:
    """What a figure is read from, in the table's order: the result, related figures, the target."""
    return (*((figure.result,) if figure.result else ()), *figure.related, figure.target)


def figure_sources(shown: KeyFigures, source: KeyFigures) -> tuple[FigureSource, ...]:
    """Each clause the figures are read from, once: one that lies inside another clause of the same
    paragraph is that one (城镇和农村…分别为47382元、24686元 inside …，分别增长4.3%、6.1%). Which clauses
    are one is read in the source variant's figures (``source``: the same figures, in the script
    they were found in), so that every variant's page lists them alike."""
    items = [(figure.indicator, item) for figure in shown.figures for item in _read_from(figure)]
    keys = [(item.paragraph_id, item.quote) for figure in source.figures for item in _read_from(figure)]
    quotes: dict[str, set[str]] = {}
    for paragraph, quote in keys:
        quotes.setdefault(paragraph, set()).add(quote)
    groups: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for n, ((paragraph, quote), (indicator, _)) in enumerate(zip(keys, items, strict=True)):
        holder = max((q for q in quotes[paragraph] if quote in q), key=lambda q: (len(q), q))
        shown_at, indicators = groups.setdefault((paragraph, holder), (n, []))
        if quote == holder and keys[shown_at][1] != holder:
            groups[(paragraph, holder)] = (n, indicators)  # the clause itself, not one inside it
        if indicator not in indicators:
            indicators.append(indicator)
    return tuple(FigureSource(items[n][1], tuple(indicators)) for n, indicators in groups.values())


@dataclass(frozen=True)
class FiguresPage:
    figures: KeyFigures
    chart: Chart
    years: Mapping[str, int]  # plan: the year of the targets (the report's), review: of the results
    downloads: tuple[Link, ...] = ()  # the figures as CSV and JSON
    sources: tuple[FigureSource, ...] = ()  # each clause the figures are read from, once


class FiguresPages(Builder[FiguresPage]):
    template, kind, listed = "page_figures.html", "figures", True

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        return (Link(at.ui["figures_title"], at.routes.figures),) if at.entry.figures.figures else ()

    def files(self, at: ReportAt) -> tuple[DataFile, ...]:
        figures, when = at.entry.figures.figures, years(at.report)
        return tuple(DataFile(routes.data(page.route, format), format, data)
                     for page in self.links(at)
                     for data in [FiguresData(f"{at.report.full_title} · {at.ui['figures_title']}",
                                              figure_rows(figures, when["plan"], when["review"]))]
                     for format in routes.DOWNLOADS)

    def pages(self, at: ReportAt) -> tuple[Page[FiguresPage], ...]:
        figures = at.entry.figures

        def page(link: Link) -> Page[FiguresPage]:
            said = tuple(("", f.indicator, "；".join(q.quote for q in (f.target, f.result) if q is not None))
                         for f in figures.figures)
            source = at.in_variant(at.site.variants[0].variant.code).figures
            subject = FiguresPage(figures, layout(at.entry.chart), years(at.report), downloads(link.route),
                                  figure_sources(figures, source))
            return at.page(self, link.route, link.title, subject, key="figures", search=said)

        return tuple(map(page, self.links(at)))


# --- the industry system and each industry ----------------------------------------------------------

@dataclass(frozen=True)
class IndustriesPage:
    summary: IndustrySummary


class IndustriesPages(Builder[IndustriesPage]):
    template, kind, listed = "page_industries.html", "industries", True

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        summary = at.entry.industries
        return (Link(summary.system.name, at.routes.industries),) if summary is not None else ()

    def pages(self, at: ReportAt) -> tuple[Page[IndustriesPage], ...]:
        summary = at.entry.industries
        if summary is None:
            return ()
        system = summary.system
        said = (("", system.name, "；".join(f"{tier.name}：{tier.lead}" for tier in system.tiers)),)
        return (at.page(self, at.routes.industries, system.name, IndustriesPage(summary), key="industries",
                        search=said),)


@dataclass(frozen=True)
class IndustryPageSubject:
    summary: IndustrySummary
    industry: IndustryPage
    said_in: str  # the title of the part whose paragraph names its tier (2024年工作安排)


class IndustryPages(Builder[IndustryPageSubject]):
    template, kind = "page_industry.html", "industry"

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        return tuple(self.by_industry(at).values())

    def by_industry(self, at: ReportAt) -> dict[str, Link]:
        """Each industry's page, by the industry's id (the system's diagram links each)."""
        summary = at.entry.industries
        return {page.industry.id: Link(page.industry.name, at.routes.industry(page.industry.id),
                                       summary.system.name)
                for page in (summary.pages if summary is not None else ())}

    def pages(self, at: ReportAt) -> tuple[Page[IndustryPageSubject], ...]:
        summary = at.entry.industries
        if summary is None:
            return ()
        system = summary.system
        part_of = {p.id: part.title for part in at.report.parts for p in part.paragraphs()}

        def page(link: Link, industry: IndustryPage) -> Page[IndustryPageSubject]:
            said_in = part_of.get(industry.tier.paragraph_id or system.paragraph_id, "")
            named = "、".join(n.name for n in (*industry.parks, *industry.projects))
            tier = f"{industry.tier.name}：{industry.tier.lead}"
            return at.page(self, link.route, link.title, IndustryPageSubject(summary, industry, said_in),
                           key=industry.industry.id, parent=at.routes.industries, context=system.name,
                           search=(("", industry.industry.name, f"{tier}；{named}" if named else tier),))

        return tuple(map(page, self.links(at), summary.pages))


# --- numbered slogans ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SlogansPage:
    summary: SloganSummary


class SlogansPages(Builder[SlogansPage]):
    template, kind, listed = "page_slogans.html", "slogans", True

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        return (Link(at.ui["slogans_title"], at.routes.slogans),) if at.entry.slogans else ()

    def pages(self, at: ReportAt) -> tuple[Page[SlogansPage], ...]:
        summary = at.entry.slogans

        def page(link: Link) -> Page[SlogansPage]:
            # Each formula by the anchor of its place in the page's list (page_slogans.html: slogan-N).
            said = tuple((f"slogan-{n}", slogan.form, "、".join(slogan.names))
                         for n, slogan in enumerate(summary.slogans, start=1))
            return at.page(self, link.route, link.title, SlogansPage(summary), key="slogans", search=said)

        return tuple(map(page, self.links(at)))


# --- a government's targets against results, year on year ----------------------------------------------

@dataclass(frozen=True)
class TrackYearPage:
    """One year of a track as its page shows it: the pairs, their chart, where each side is from."""

    year: TrackYear
    chart: Chart
    target_report: Link  # the home pages of the two reports
    result_report: Link
    target_anchors: Mapping[str, str]  # paragraph id -> route, in each of the two reports
    result_anchors: Mapping[str, str]
    target_places: Mapping[str, str]  # paragraph id -> where it is, as a reader names it
    result_places: Mapping[str, str]


@dataclass(frozen=True)
class TrackPage:
    track: Track
    years: tuple[TrackYearPage, ...]
    downloads: tuple[Link, ...]


class TrackPages(Builder[TrackPage]):
    """A page of the site per government with reports of two years or more (each with the next
    report in the site, whatever year it is of), listed in the contents of each of its reports,
    and on its government's page (it belongs to the government)."""

    template, kind, listed = "page_track.html", "track", True

    @staticmethod
    def link(site: SiteAt, track: Track) -> Link:
        title = site.ui["track_title"].format(place=track.place, first=track.first, last=track.last)
        return Link(title, routes.track(track.id))

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        track = at.site.track_of.get(at.entry.slug)
        return (self.link(at.site, track),) if track is not None else ()

    def site_files(self, site: SiteAt) -> tuple[DataFile, ...]:
        files = []
        for track in site.content.tracks:
            link = self.link(site, track)
            rows = tuple(row for year in track.years
                         for row in figure_rows(year.figures, year.year, year.results_of))
            files += [DataFile(routes.data(link.route, format), format, FiguresData(link.title, rows))
                      for format in routes.DOWNLOADS]
        return tuple(files)

    def site_pages(self, site: SiteAt) -> tuple[Page[TrackPage], ...]:
        def page(track: Track) -> Page[TrackPage]:
            link = self.link(site, track)
            shown = tuple(_track_year(year, site.navs) for year in track.years)
            return site.page(self, link.route, link.title, TrackPage(track, shown, downloads(link.route)),
                             key=track.id, government=track.id)

        return tuple(map(page, site.content.tracks))


def _track_year(year: TrackYear, navs: Mapping[str, ReportNav]) -> TrackYearPage:
    target, result = navs[year.target_report], navs[year.result_report]
    chart = layout(chart_bars(year.figures), f"growth-chart-{year.year}")
    return TrackYearPage(year, chart, target.home, result.home, target.anchors, result.anchors,
                         target.places, result.places)


FIGURES = FiguresPages()
INDUSTRIES = IndustriesPages()
INDUSTRY = IndustryPages()
SLOGANS = SlogansPages()
TRACK = TrackPages()
