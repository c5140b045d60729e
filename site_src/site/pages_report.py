"""The pages of a report's text: its home, the preamble and the closing words, each part and each
section, the appended glossary and the full text. One builder per page type (builder.py)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from site_src.model import (
    TERMS_HEADING_PLACE,
    Paragraph,
    Part,
    Report,
    Section,
    Step,
    Term,
    compose_title,
    term_id,
)
from site_src.site.builder import Builder, PartBuilder, ReportAt
from site_src.site.glance import Achievement, achievement, first_words
from site_src.site.nav import Link
from site_src.site.page import Page, Reading, description, reading
from site_src.site.variant import ReportVariant
from site_src.summaries.figures.match import KeyFigure
from site_src.summaries.industries import IndustrySummary

# A preamble this short (各位代表：现在，我代表…向大会报告工作) is not a page of its own: the home
# page shows it before the contents, where the report begins.
SHORT_PREAMBLE = 200  # characters


def short_preamble(report: Report) -> bool:
    return sum(len(p.source_text) for p in report.preamble) <= SHORT_PREAMBLE


@dataclass(frozen=True)
class Card:
    """A page at a glance: its link and the first words of its text."""

    link: Link
    gist: str


def section_links(at: ReportAt, part: Part) -> tuple[Link, ...]:
    """A part's sections as every page links them (with their part, which their titles do not say)."""
    return tuple(Link(section.heading, at.routes.section(part.id, n), part.heading)
                 for n, section in enumerate(part.sections, start=1))


def section_cards(at: ReportAt, part: Part) -> tuple[Card, ...]:
    return tuple(Card(link, first_words(section.paragraphs[0].source_text) if section.paragraphs else "")
                 for link, section in zip(section_links(at, part), part.sections, strict=True))


def part_link(at: ReportAt, part: Part) -> Link:
    return Link(part.heading, at.routes.part(part.id))


# --- the home page ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Home:
    """What a reader of a work report wants first: the year's targets; then the report as it reads,
    its opening words (a short preamble), last year's results and the tasks of the plan; then the
    contents."""

    report: ReportVariant
    targets: tuple[KeyFigure, ...]  # every target of the plan, each with last year's result
    plan: Link | None  # the part that sets this year's work (Part.kind plan)
    tasks: tuple[Card, ...]  # its sections, one card each
    review: Link | None  # the part that reviews the year before (Part.kind review)
    achievements: tuple[Achievement, ...]  # the review's highlights, cut to their lead clauses
    preamble: tuple[Paragraph, ...]  # a short preamble, shown here rather than on a page of its own
    industries: IndustrySummary | None
    years: Mapping[str, int]
    # The same government's reports of the years before and after, where the site has them (each
    # titled with its year), and the page of all its years: the only links from one report's pages
    # to another's, under the report's title.
    earlier: Link | None = None
    later: Link | None = None
    series: Link | None = None


def plan_and_review(report: Report) -> tuple[Part | None, Part | None]:
    """The part that sets the year's work (the model's kind: plan) and the part that reviews the
    year before (kind review: the last before the plan)."""
    plan = next((part for part in report.parts if part.kind == "plan"), None)
    before = report.parts[:report.parts.index(plan)] if plan is not None else report.parts
    return plan, next((part for part in reversed(before) if part.kind == "review"), None)


def years(report: Report) -> dict[str, int]:
    """The year of the targets (the report's) and of the results it reviews (the year before)."""
    return {"plan": report.year, "review": report.year - 1}


class HomePage(Builder[Home]):
    template, kind = "page_home.html", "home"
    whole_title, og_type = True, "website"

    def places(self, at: ReportAt) -> Iterator[tuple[str, str]]:
        if short_preamble(at.report):
            yield from ((p.id, at.routes.home) for p in at.report.preamble)

    def pages(self, at: ReportAt) -> tuple[Page[Home], ...]:
        report, entry = at.report, at.entry
        plan, review = plan_and_review(report)
        earlier, later = _neighbour_years(at)
        several = at.site.several
        # All its government's years, where it has others (else its page lists this one alone).
        alone = len(at.government.reports) == 1
        listed = at.site.archive.listed_at[entry.slug] if several else ""
        series = Link(at.ui["series"], listed) if several and not alone else None
        home = Home(entry, entry.figures.figures, part_link(at, plan) if plan else None,
                    section_cards(at, plan) if plan else (), part_link(at, review) if review else None,
                    tuple(achievement(p) for p in report.highlights()),
                    report.preamble if short_preamble(report) else (), entry.industries, years(report),
                    earlier, later, series)
        # In a site of several, below its government's page (the home, in a site of one government),
        # named by its year in the breadcrumbs, the government above it; its years link the page of
        # them that lists it. The lone report's home is the top of its variant.
        parent = at.site.government_home(at.government.id) if several else None
        crumb = compose_title("", report.year, report.title) if several else ""
        return (at.page(self, at.routes.home, at.home.title, home, key="home", parent=parent, crumb=crumb),)


def _neighbour_years(at: ReportAt) -> tuple[Link | None, Link | None]:
    """The homes of the same government's nearest reports before and after this one's year, each
    titled with its year."""
    year = at.report.year
    same = at.government.reports
    earlier = next(((when, slug) for when, slug in reversed(same) if when < year), None)
    later = next(((when, slug) for when, slug in same if when > year), None)

    def link(found: tuple[int, str] | None) -> Link | None:
        if found is None:
            return None
        when, slug = found
        return Link(at.ui["report_year"].format(year=when), at.site.navs[slug].home.route)

    return link(earlier), link(later)


# --- the preamble and the closing words --------------------------------------------------------------

@dataclass(frozen=True)
class TextPage:
    """The preamble or the closing words."""

    paragraphs: tuple[Paragraph, ...]
    reading: Reading


class TextPages(Builder[TextPage]):
    """The preamble's page (where it is too long for the home page) or the closing words'."""

    template, kind, listed = "page_text.html", "text", True

    def __init__(self, which: str) -> None:
        self.which = which  # preamble | closing

    def _paragraphs(self, at: ReportAt) -> tuple[Paragraph, ...]:
        if self.which == "preamble":
            return at.report.preamble if not short_preamble(at.report) else ()
        return at.report.closing

    def _route(self, at: ReportAt) -> str:
        return at.routes.preamble if self.which == "preamble" else at.routes.closing

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        return (Link(at.ui[self.which], self._route(at)),) if self._paragraphs(at) else ()

    def places(self, at: ReportAt) -> Iterator[tuple[str, str]]:
        return ((p.id, self._route(at)) for p in self._paragraphs(at))

    def pages(self, at: ReportAt) -> tuple[Page[TextPage], ...]:
        paragraphs = self._paragraphs(at)
        if not paragraphs:
            return ()
        subject = TextPage(paragraphs, reading(p.source_text for p in paragraphs))
        return (at.page(self, self._route(at), at.ui[self.which], subject, key=self.which,
                        description=description(paragraphs)),)


# --- each part and each section -----------------------------------------------------------------------

@dataclass(frozen=True)
class PartPage:
    part: Part
    sections: tuple[Card, ...]
    reading: Reading  # of the text the page shows: its opening, closing and blocks


class PartPages(PartBuilder[PartPage]):
    template, kind, listed = "page_part.html", "part", True

    def links_of(self, at: ReportAt, part: Part) -> tuple[Link, ...]:
        return (part_link(at, part),)

    def places_of(self, at: ReportAt, part: Part) -> Iterator[tuple[str, str]]:
        route = at.routes.part(part.id)
        yield part.id, route
        for paragraph in (*part.opening, *part.closing):
            yield paragraph.id, route
        for block in part.blocks:
            yield block.id, route
            yield from ((paragraph.id, route) for paragraph in block.paragraphs)

    def pages_of(self, at: ReportAt, part: Part) -> tuple[Page[PartPage], ...]:
        shown = (*part.opening, *part.closing, *(p for block in part.blocks for p in block.paragraphs))
        subject = PartPage(part, section_cards(at, part), reading(p.source_text for p in shown))
        first = part.opening or (part.sections[0].paragraphs if part.sections else ())
        return (at.page(self, at.routes.part(part.id), part.heading, subject, key=part.id,
                        description=description(first)),)


@dataclass(frozen=True)
class SectionPage:
    part: Part
    part_link: Link
    section: Section
    reading: Reading


class SectionPages(PartBuilder[SectionPage]):
    template, kind, listed = "page_section.html", "section", True
    near_contents = True  # beside a section, only its own part is opened out, near it

    def links_of(self, at: ReportAt, part: Part) -> tuple[Link, ...]:
        return section_links(at, part)

    def places_of(self, at: ReportAt, part: Part) -> Iterator[tuple[str, str]]:
        for link, section in zip(section_links(at, part), part.sections, strict=True):
            yield section.id, link.route
            yield from ((paragraph.id, link.route) for paragraph in section.paragraphs)

    def pages_of(self, at: ReportAt, part: Part) -> tuple[Page[SectionPage], ...]:
        above = part_link(at, part)

        def page(link: Link, section: Section) -> Page[SectionPage]:
            subject = SectionPage(part, above, section, reading(p.source_text for p in section.paragraphs))
            return at.page(self, link.route, section.heading, subject, key=section.id, parent=above.route,
                           description=description(section.paragraphs), context=part.heading)

        return tuple(map(page, section_links(at, part), part.sections))


# --- the appended glossary and the full text ------------------------------------------------------------

@dataclass(frozen=True)
class TermsPage:
    terms: tuple[Term, ...]


class TermsPages(Builder[TermsPage]):
    template, kind, listed = "page_terms.html", "terms", True

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        return (Link(at.ui["terms_title"], at.routes.terms),) if at.report.terms else ()

    def places(self, at: ReportAt) -> Iterator[tuple[str, str]]:
        # The glossary's heading shares its first term's anchor (model.TERMS_ID).
        return ((term_id(n), at.routes.terms) for n in range(1, len(at.report.terms) + 1))

    def pages(self, at: ReportAt) -> tuple[Page[TermsPage], ...]:
        return tuple(at.page(self, link.route, link.title, TermsPage(at.report.terms), key="terms")
                     for link in self.links(at))


@dataclass(frozen=True)
class FullText:
    report: Report
    steps: tuple[Step, ...]  # the walk, without the glossary (shown as a list of its own)
    terms: tuple[Term, ...]
    reading: Reading


class FullTextPage(Builder[FullText]):
    template, kind, listed = "page_full.html", "full", True

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        return (Link(at.ui["full_text_title"], at.routes.full),)

    def pages(self, at: ReportAt) -> tuple[Page[FullText], ...]:
        report = at.report
        steps = tuple(s for s in report.walk() if s.term is None and s.place != TERMS_HEADING_PLACE)
        subject = FullText(report, steps, report.terms, reading(p.source_text for p in report.paragraphs()))
        return (at.page(self, at.routes.full, at.ui["full_text_title"], subject, key="full"),)


HOME = HomePage()
PREAMBLE = TextPages("preamble")
PART = PartPages()
SECTION = SectionPages()
CLOSING = TextPages("closing")
TERMS = TermsPages()
FULL = FullTextPage()
