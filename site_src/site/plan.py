"""Every page of a variant, planned before anything is rendered: the one place that decides a page.

A planned page is a typed value: its route, template, title, description, breadcrumbs, previous
and next, and the object it presents (its subject). Templates get links from the plan and never
assemble a path; a link to a route the plan does not have is an error (see render.py).

The plan is made from one variant's content, so every title is in that variant's script; routes
come from ids, which no variant converts, so a page's counterpart in another variant is the same
route under another folder. A site of one report puts its pages at the top of each variant's
folder; a site of several puts each report's pages under its slug and makes the home page the
list of reports.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from site_src.content.pages import EditorialPage
from site_src.errors import Location, Problem, SiteError
from site_src.model import Paragraph, Part, Report, Section, Step, Term
from site_src.site.glance import Achievement, achievement, first_words, places
from site_src.site.variant import GlossaryGroup, ReportVariant, VariantContent
from site_src.summaries.figures.chart import Chart, chart_bars, layout
from site_src.summaries.figures.export import FiguresData, figure_rows
from site_src.summaries.figures.match import KeyFigure, KeyFigures
from site_src.summaries.figures.track import Track, TrackYear
from site_src.summaries.industries import IndustryPage, IndustrySummary
from site_src.summaries.slogan_page import SloganSummary
from site_src.variants.audit import VariantAudit
from site_src.variants.proofs import ProofItem

# Chinese readers take in about 400 characters a minute; reading time counts characters, not words.
CHARACTERS_PER_MINUTE = 400
_HAN = re.compile(r"[\u3400-\u9fff]")
# A preamble this short (各位代表：现在，我代表…向大会报告工作) is not a page of its own: the home
# page shows it before the contents, where the report begins.
SHORT_PREAMBLE = 200  # characters


@dataclass(frozen=True)
class Link:
    title: str
    route: str  # relative to the variant's folder, with a #fragment for a place inside a page
    # What holds it, where its title alone does not say: a section's part (（三）… of the review
    # and （三）… of the plan look alike in previous/next links and search results).
    context: str = ""


@dataclass(frozen=True)
class Reading:
    """How long the text a page shows takes to read."""

    minutes: int
    characters: int


def reading(texts: Iterable[str]) -> Reading:
    characters = sum(len(_HAN.findall(text)) for text in texts)
    return Reading(max(1, round(characters / CHARACTERS_PER_MINUTE)), characters)


T = TypeVar("T")


# --- what a page presents ------------------------------------------------------------------------

@dataclass(frozen=True)
class ContentsPart:
    link: Link
    sections: tuple[Link, ...]


# How much of the contents a section page carries: the parts around its own and, of its own
# part, the sections around it (None marks what is left out; the part page and the home page
# list it all). A work report has a handful of parts of up to about twenty areas, all of which
# fit; a text of a hundred times that would otherwise make every page carry all of it, and the
# build's time grow with the square of the text.
NEAR_PARTS = 10
NEAR_SECTIONS = 15


@dataclass(frozen=True)
class Contents:
    """A report's table of contents, as every page of it links to it."""

    preamble: Link | None
    parts: tuple[ContentsPart, ...]
    closing: Link | None
    summaries: tuple[Link, ...]  # terms, key figures, the industry system, slogans
    full: Link
    notes: Link | None = None  # its import record and conversion audit (a site of several reports)

    @functools.cached_property
    def _where(self) -> dict[str, tuple[int, int]]:
        return {section.route: (p, n) for p, part in enumerate(self.parts)
                for n, section in enumerate(part.sections)}

    def near(self, route: str) -> tuple[ContentsPart | None, ...]:
        """The contents beside the section page at ``route``: the parts around its part, each
        closed but its own, which shows the sections around this one."""
        p, n = self._where[route]
        own = self.parts[p]
        sections = _window(own.sections, n, NEAR_SECTIONS)
        parts = _window(self.parts, p, NEAR_PARTS)
        return tuple(ContentsPart(part.link, sections if part is own else ()) if part is not None else None
                     for part in parts)


def _window(items: tuple[T, ...], at: int, side: int) -> tuple[T | None, ...]:
    """The items within ``side`` of ``at``, a None where some are left out before or after."""
    start, end = max(0, at - side), min(len(items), at + side + 1)
    return ((None,) if start > 0 else ()) + items[start:end] + ((None,) if end < len(items) else ())


@dataclass(frozen=True)
class ReportNav:
    """What every page of one report links to: its home, its contents, where each text lives."""

    slug: str
    title: str  # the report's full title, in this variant
    home: Link
    contents: Contents
    anchors: Mapping[str, str]  # the id of a paragraph, heading or term -> the route of its page
    places: Mapping[str, str]  # the same ids -> where the text is, as a reader names it (see glance.py)
    figures: Link | None
    industries: Link | None
    industry: Mapping[str, Link]  # industry id -> its page
    track: Link | None = None  # targets against results, year on year, of its government


@dataclass(frozen=True)
class SiteNav:
    """The site's own pages, linked from every page."""

    home: Link
    search: Link
    about: Link | None  # only if content/pages/about.md exists
    reports: tuple[Link, ...]  # each report's home page


@dataclass(frozen=True)
class Card:
    """A page at a glance: its link and the first words of its text."""

    link: Link
    gist: str


@dataclass(frozen=True)
class Home:
    """What a reader of a work report wants first: the year's targets, the tasks of the plan, last
    year's results; then the report's opening words (a short preamble) and the contents."""

    report: ReportVariant
    targets: tuple[KeyFigure, ...]  # every target of the plan, each with last year's result
    plan: Link | None  # the part that sets the targets
    tasks: tuple[Card, ...]  # its sections, one card each
    review: Link | None  # the part before it, which reviews the year before
    achievements: tuple[Achievement, ...]  # the review's highlights, cut to their lead clauses
    preamble: tuple[Paragraph, ...]  # a short preamble, shown here rather than on a page of its own
    industries: IndustrySummary | None
    years: Mapping[str, int]


@dataclass(frozen=True)
class PartPage:
    part: Part
    sections: tuple[Card, ...]
    reading: Reading  # of the text the page shows: its opening, closing and blocks


@dataclass(frozen=True)
class SectionPage:
    part: Part
    part_link: Link
    section: Section
    reading: Reading


@dataclass(frozen=True)
class TextPage:
    """The preamble or the closing words."""

    paragraphs: tuple[Paragraph, ...]
    reading: Reading


@dataclass(frozen=True)
class FullText:
    report: Report
    steps: tuple[Step, ...]  # the walk, without the glossary (shown as a list of its own)
    terms: tuple[Term, ...]
    reading: Reading


@dataclass(frozen=True)
class TermsPage:
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class FiguresPage:
    figures: KeyFigures
    chart: Chart
    years: Mapping[str, int]  # plan: the year of the targets (the report's), review: of the results
    downloads: tuple[Link, ...] = ()  # the figures as CSV and JSON


@dataclass(frozen=True)
class IndustriesPage:
    summary: IndustrySummary


@dataclass(frozen=True)
class IndustryPageSubject:
    summary: IndustrySummary
    industry: IndustryPage
    said_in: str  # the title of the part whose paragraph names its tier (2024年工作安排)


@dataclass(frozen=True)
class SlogansPage:
    summary: SloganSummary


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


@dataclass(frozen=True)
class ReviewPage:
    """For editors: the conversions of a report a person should check (linked from nowhere)."""

    queues: tuple[tuple[str, tuple[ProofItem, ...]], ...]  # (variant code, items)


@dataclass(frozen=True)
class ReportEntry:
    """One report on the site's home page (a site of several reports)."""

    report: ReportVariant
    home: Link
    parts: tuple[Link, ...]


@dataclass(frozen=True)
class ReportsPage:
    entries: tuple[ReportEntry, ...]


@dataclass(frozen=True)
class ImportRecord:
    """One report's import record and conversion audit, on the about page."""

    report: ReportVariant
    audits: tuple[VariantAudit, ...]
    anchors: Mapping[str, str]
    places: Mapping[str, str]


@dataclass(frozen=True)
class EditorialSubject:
    page: EditorialPage
    # On the about page of a one-report site: the report's record and audit. A site of several
    # gives each report a notes page of its own, so that no page grows with the site.
    records: tuple[ImportRecord, ...]
    glossaries: tuple[GlossaryGroup, ...]  # on the about page: the glossaries, with their reasons
    notes: tuple[Link, ...] = ()  # on the about page of a site of several: each report's notes page


@dataclass(frozen=True)
class ReportNotes:
    """One report's notes page (a site of several reports): how it was imported and converted."""

    record: ImportRecord
    glossaries: tuple[GlossaryGroup, ...]  # the report's own glossary, if it has one


@dataclass(frozen=True)
class NotFound:
    report: str | None  # the report whose contents it offers (a one-report site)


@dataclass(frozen=True)
class Page:
    route: str
    template: str
    kind: str  # names the page type for styles: home, part, section, …
    title: str
    description: str
    report: str | None  # the slug of the report it belongs to; None for the site's own pages
    subject: Any  # what it presents: one of the classes above, or None
    context: str = ""  # what holds it, where its title alone does not say (a section's part)
    crumbs: tuple[Link, ...] = ()  # the pages above it, from the top
    previous: Link | None = None
    next: Link | None = None

    @property
    def depth(self) -> int:
        return self.route.count("/")


@dataclass(frozen=True)
class DataFile:
    """A planned file that is no page: figures as CSV or JSON, written by its format's writer."""

    route: str
    format: str  # csv | json (summaries/figures/export.py)
    data: FiguresData


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[Page, ...]  # in reading order (each report, then the site's own pages)
    site: SiteNav
    reports: Mapping[str, ReportNav]  # by slug
    files: tuple[DataFile, ...] = ()

    @property
    def routes(self) -> frozenset[str]:
        return frozenset(page.route for page in self.pages) | frozenset(f.route for f in self.files)


# --- planning ------------------------------------------------------------------------------------

_OUT_OF_ORDER = ("not-found", "search", "review")  # pages outside the reading order (no previous/next)


@dataclass(frozen=True)
class _Draft:
    """A page before its breadcrumbs and neighbours are known."""

    route: str
    template: str
    kind: str
    key: str  # what it shows, for messages: a part id, a page slug
    title: str
    report: str | None
    subject: Any
    parent: str | None
    description: str = ""
    context: str = ""


DOWNLOADS = ("csv", "json")  # the formats the figures are offered in, as the link says them


def plan_site(content: VariantContent) -> SitePlan:
    ui = content.ui
    several = len(content.reports) > 1
    drafts: list[_Draft] = []
    files: list[DataFile] = []
    navs: dict[str, ReportNav] = {}
    track_links = {track.id: Link(ui["track_title"].format(place=track.place, first=track.first,
                                                           last=track.last), f"targets/{track.id}.html")
                   for track in content.tracks}
    track_of = {slug: track_links[track.id] for track in content.tracks for slug in track.reports}
    about_page = next((page for page in content.pages if page.slug == "about"), None)
    site_nav = SiteNav(
        home=Link(content.site.title, "index.html"),
        search=Link(ui["search_title"], "search.html"),
        about=Link(about_page.title, "about.html") if about_page else None,
        reports=tuple(Link(r.report.full_title, f"{r.slug}/index.html" if several else "index.html")
                      for r in content.reports))
    for entry in content.reports:
        report_drafts, report_files, navs[entry.slug] = _plan_report(content, entry, several,
                                                                     track_of.get(entry.slug))
        drafts.extend(report_drafts)
        files.extend(report_files)
    for track in content.tracks:
        link = track_links[track.id]
        years = tuple(_track_year(year, navs) for year in track.years)
        downloads = tuple(Link(kind.upper(), link.route.replace(".html", f".{kind}")) for kind in DOWNLOADS)
        rows = tuple(row for year in track.years for row in figure_rows(year.figures, year.year, year.year))
        files.extend(DataFile(d.route, kind, FiguresData(link.title, rows))
                     for d, kind in zip(downloads, DOWNLOADS, strict=True))
        drafts.append(_Draft(link.route, "page_track.html", "track", track.id, link.title, None,
                             TrackPage(track, years, downloads), "index.html", content.site.description))
    if several:
        entries = tuple(ReportEntry(entry, navs[entry.slug].home,
                                    tuple(part.link for part in navs[entry.slug].contents.parts))
                        for entry in content.reports)
        drafts.insert(0, _Draft("index.html", "page_reports.html", "reports", "reports", content.site.title,
                                None, ReportsPage(entries), None, content.site.description))
    records = () if several else tuple(ImportRecord(entry, entry.audits, navs[entry.slug].anchors,
                                                    navs[entry.slug].places) for entry in content.reports)
    site_glossaries = tuple(group for group in content.glossaries if not several or group.report is None)
    notes = tuple(nav.contents.notes for nav in navs.values() if nav.contents.notes is not None)
    for page in content.pages:
        about = page.slug == "about"
        subject = (EditorialSubject(page, records, site_glossaries, notes) if about
                   else EditorialSubject(page, (), ()))
        drafts.append(_Draft(f"{page.slug}.html", "page_editorial.html", "editorial", page.slug, page.title,
                             None, subject, "index.html", content.site.description))
    drafts.append(_Draft("search.html", "page_search.html", "search", "search", ui["search_title"],
                         None, None, "index.html", content.site.description))
    drafts.append(_Draft("404.html", "page_not_found.html", "not-found", "404", ui["not_found"], None,
                         NotFound(None if several else content.reports[0].slug), "index.html",
                         content.site.description))
    _check_unique(drafts, files)
    return SitePlan(_link(drafts), site_nav, navs, tuple(files))


def _track_year(year: TrackYear, navs: Mapping[str, ReportNav]) -> TrackYearPage:
    target, result = navs[year.target_report], navs[year.result_report]
    chart = layout(chart_bars(year.figures), f"growth-chart-{year.year}")
    return TrackYearPage(year, chart, target.home, result.home, target.anchors, result.anchors,
                         target.places, result.places)


def _plan_report(content: VariantContent, entry: ReportVariant, several: bool, track: Link | None
                 ) -> tuple[list[_Draft], list[DataFile], ReportNav]:
    ui, report, slug = content.ui, entry.report, entry.slug
    prefix = f"{slug}/" if several else ""
    home_route = f"{prefix}index.html"
    title = report.full_title
    drafts: list[_Draft] = []

    def add(route: str, template: str, kind: str, key: str, page_title: str, subject: Any,
            parent: str | None = home_route, description: str = "", context: str = "") -> Link:
        drafts.append(_Draft(prefix + route, template, kind, key, page_title, slug, subject, parent,
                             description or content.site.description, context))
        return Link(page_title, prefix + route, context)

    home = Link(title if several else content.site.title, home_route)
    title = home.title  # what every page of the report carries: the site's title is the report's
    years = {"plan": report.year, "review": report.year - 1}  # the report of 2024 reviews 2023
    preamble_here = sum(len(p.source_text) for p in report.preamble) <= SHORT_PREAMBLE
    home_at = len(drafts)  # the home page's draft goes here once its parts' links are known
    preamble = closing = None
    if report.preamble and not preamble_here:
        preamble = add("preamble.html", "page_text.html", "text", "preamble", ui["preamble"],
                       TextPage(report.preamble, reading(p.source_text for p in report.preamble)),
                       description=_description(report.preamble))
    contents_parts = []
    part_cards: dict[str, tuple[Card, ...]] = {}
    for part in report.parts:
        part_route = f"{part.id}/index.html"
        section_links = tuple(Link(section.heading, f"{prefix}{part.id}/{n:02d}.html", part.heading)
                              for n, section in enumerate(part.sections, start=1))
        cards = tuple(Card(link, first_words(section.paragraphs[0].source_text) if section.paragraphs else "")
                      for link, section in zip(section_links, part.sections, strict=True))
        part_cards[part.id] = cards
        shown = (*part.opening, *part.closing, *(p for block in part.blocks for p in block.paragraphs))
        part_link = add(part_route, "page_part.html", "part", part.id, part.heading,
                        PartPage(part, cards, reading(p.source_text for p in shown)),
                        description=_description(part.opening or (part.sections[0].paragraphs
                                                                  if part.sections else ())))
        contents_parts.append(ContentsPart(part_link, section_links))
        for section, link in zip(part.sections, section_links, strict=True):
            add(link.route.removeprefix(prefix), "page_section.html", "section", section.id, section.heading,
                SectionPage(part, part_link, section, reading(p.source_text for p in section.paragraphs)),
                parent=part_link.route, description=_description(section.paragraphs), context=part.heading)
    plan_part, review_part = _plan_and_review(report)
    links = {entry.link.route: entry.link for entry in contents_parts}
    drafts.insert(home_at, _Draft(home_route, "page_home.html", "home", "home", home.title, slug, Home(
        entry, entry.figures.figures,
        links[f"{prefix}{plan_part.id}/index.html"] if plan_part else None,
        part_cards[plan_part.id] if plan_part else (),
        links[f"{prefix}{review_part.id}/index.html"] if review_part else None,
        tuple(achievement(p) for p in report.highlights()),
        report.preamble if preamble_here else (), entry.industries, years),
        "index.html" if several else None, content.site.description))
    if report.closing:
        closing = add("closing.html", "page_text.html", "text", "closing", ui["closing"],
                      TextPage(report.closing, reading(p.source_text for p in report.closing)),
                      description=_description(report.closing))
    summaries = []
    if report.terms:
        summaries.append(add("terms.html", "page_terms.html", "terms", "terms", ui["terms_title"],
                             TermsPage(report.terms)))
    figures = industries = None
    files: list[DataFile] = []
    if entry.figures.figures:
        downloads = tuple(Link(kind.upper(), f"{prefix}figures.{kind}") for kind in DOWNLOADS)
        data = FiguresData(f"{report.full_title} · {ui['figures_title']}",
                           figure_rows(entry.figures.figures, years["plan"], years["review"]))
        files.extend(DataFile(link.route, kind, data)
                     for link, kind in zip(downloads, DOWNLOADS, strict=True))
        figures = add("figures.html", "page_figures.html", "figures", "figures", ui["figures_title"],
                      FiguresPage(entry.figures, layout(entry.chart), years, downloads))
        summaries.append(figures)
    industry_links: dict[str, Link] = {}
    if entry.industries is not None:
        part_of = {p.id: part.title for part in report.parts for p in part.paragraphs()}
        system = entry.industries.system
        industries = add("industries/index.html", "page_industries.html", "industries", "industries",
                         system.name, IndustriesPage(entry.industries))
        summaries.append(industries)
        for industry_page in entry.industries.pages:
            industry = industry_page.industry
            said_in = part_of.get(industry_page.tier.paragraph_id or system.paragraph_id, "")
            industry_links[industry.id] = add(
                f"industries/{industry.id}.html", "page_industry.html", "industry", industry.id,
                industry.name, IndustryPageSubject(entry.industries, industry_page, said_in),
                parent=industries.route, context=entry.industries.system.name)
    if entry.slogans:
        summaries.append(add("slogans.html", "page_slogans.html", "slogans", "slogans", ui["slogans_title"],
                             SlogansPage(entry.slogans)))
    if track is not None:
        summaries.append(track)
    if entry.review:
        add("review.html", "page_review.html", "review", "review", ui["review_title"],
            ReviewPage(entry.review))
    steps = tuple(report.walk())
    full = add("full.html", "page_full.html", "full", "full", ui["full_text_title"],
               FullText(report, tuple(s for s in steps if s.term is None and s.place != "terms-heading"),
                        report.terms, reading(p.source_text for p in report.paragraphs())))
    # Where each text lives: the page that shows it in its place (the full text repeats them all).
    anchors: dict[str, str] = {}
    numbers = {section.id: n for part in report.parts for n, section in enumerate(part.sections, start=1)}
    for step in steps:
        route = _place_of(step, prefix, numbers, preamble_here)
        anchors.setdefault(step.id, route)
        if step.block is not None:
            anchors.setdefault(step.block.id, route)
    report_places = places(report, ui)
    notes = None
    if several:
        notes = add("notes.html", "page_notes.html", "notes", "notes", ui["notes_title"], ReportNotes(
            ImportRecord(entry, entry.audits, anchors, report_places),
            tuple(group for group in content.glossaries if group.report == slug)), context=report.full_title)
    nav = ReportNav(slug, title, home, Contents(preamble, tuple(contents_parts), closing, tuple(summaries),
                                                full, notes), anchors, report_places, figures,
                    industries, industry_links, track)
    return drafts, files, nav


def _plan_and_review(report: Report) -> tuple[Part | None, Part | None]:
    """The part that sets the year's targets (its targets paragraph: 今年经济社会发展主要预期目标是…)
    and the part before it, which reviews the year before. (When the model knows each part's kind,
    review, outlook or plan, ask it instead.)"""
    for n, part in enumerate(report.parts):
        if any(paragraph.kind == "targets" for paragraph in part.paragraphs()):
            return part, report.parts[n - 1] if n > 0 else None
    return None, None


def _place_of(step: Step, prefix: str, numbers: dict[str, int], preamble_at_home: bool = False) -> str:
    """The route of the page that shows a step of the walk in its place (``numbers``: each
    section's number in its part, by id)."""
    if step.section is not None:
        part = step.part
        assert part is not None
        return f"{prefix}{part.id}/{numbers[step.section.id]:02d}.html"
    if step.part is not None:
        return f"{prefix}{step.part.id}/index.html"
    if step.place == "preamble":
        return f"{prefix}{'index' if preamble_at_home else 'preamble'}.html"
    if step.place == "closing":
        return f"{prefix}closing.html"
    return f"{prefix}terms.html"  # the appended glossary's heading and terms


def _description(paragraphs: tuple[Paragraph, ...]) -> str:
    """The meta description: the page's first words, cut at a sentence near 120 characters."""
    if not paragraphs:
        return ""
    text = "".join(p.source_text for p in paragraphs[:2])
    if len(text) <= 120:
        return text
    cut = text.rfind("。", 0, 120)
    return text[: cut + 1] if cut > 40 else text[:119] + "…"


def _check_unique(drafts: list[_Draft], files: list[DataFile]) -> None:
    problems = []
    seen: dict[str, _Draft] = {}
    for draft in drafts:
        if draft.route in seen:
            first = seen[draft.route]
            problems.append(Problem(Location(draft.route), f"two pages want the same path: {first.kind} "
                                                           f"{first.key!r} and {draft.kind} {draft.key!r}"))
        seen[draft.route] = draft
    taken = set(seen)
    for file in files:
        if file.route in taken:
            problems.append(Problem(Location(file.route), f"two files want the same path: {file.route}"))
        taken.add(file.route)
    if problems:
        raise SiteError(problems)


def _link(drafts: list[_Draft]) -> tuple[Page, ...]:
    """The drafts as pages, with their breadcrumbs and their neighbours in the reading order."""
    by_route = {draft.route: draft for draft in drafts}
    order = [draft for draft in drafts if draft.kind not in _OUT_OF_ORDER]
    position = {draft.route: n for n, draft in enumerate(order)}
    pages = []
    for draft in drafts:
        crumbs: list[Link] = []
        parent = draft.parent
        while parent is not None:
            crumbs.insert(0, Link(by_route[parent].title, parent))
            parent = by_route[parent].parent
        n = position.get(draft.route)
        previous = order[n - 1] if n is not None and n > 0 else None
        following = order[n + 1] if n is not None and n + 1 < len(order) else None
        pages.append(Page(draft.route, draft.template, draft.kind, draft.title, draft.description,
                          draft.report, draft.subject, draft.context, tuple(crumbs),
                          Link(previous.title, previous.route, previous.context) if previous else None,
                          Link(following.title, following.route, following.context) if following else None))
    return tuple(pages)
