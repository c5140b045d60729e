"""A page type's builder: what it is given, and what it answers.

Each page type has one builder (pages_report.py, pages_summary.py, pages_across.py,
pages_site.py). A builder owns
its template, its routes (asked of routes.py), the subject its pages present, and what its pages
say of themselves (in the sitemap, in the reading order, listed in their report's contents, how
much of the contents they carry). Where its pages stand in the reading order is one line of the
plan's order (plan.py).

A plan is made in two rounds: every report's links first (what each builder will make of it, and
which page holds each of its texts: nav.ReportNav), then the pages, which may link to any page of
the site. A builder is given one variant's content and, for a page that shows two scripts at
once, every variant's (``SiteAt.variants``, ``ReportAt.in_variant``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Generic, TypeVar

from site_src.content.archive import Government
from site_src.model import Part, Report, compose_title
from site_src.site import routes
from site_src.site.archive import ArchiveLayout
from site_src.site.nav import ContentsPart, Link, ReportNav, SiteNav
from site_src.site.page import DataFile, Page
from site_src.site.variant import GlossaryGroup, ReportVariant, VariantContent
from site_src.summaries.compare import Comparison
from site_src.summaries.figures.track import Track

S = TypeVar("S")


@dataclass(frozen=True)
class SiteAt:
    """What every builder of one variant's plan is given."""

    content: VariantContent
    # Every variant's content, this one's among them (a page in two scripts at once).
    variants: tuple[VariantContent, ...]
    nav: SiteNav
    navs: Mapping[str, ReportNav] = field(default_factory=dict)  # each report's, from the first round
    # The pages that belong to each government (Page.government), by its id, in the plan's order:
    # what the builders that list them (Builder.lists_pages) are given.
    belonging: Mapping[str, tuple[Link, ...]] = field(default_factory=dict)

    @property
    def several(self) -> bool:
        return len(self.content.reports) > 1

    @property
    def governed(self) -> bool:
        """A site of several governments' reports: each has a page of its own."""
        return self.several and len(self.content.governments) > 1

    @property
    def ui(self) -> Mapping[str, str]:
        return self.content.ui

    def reports(self) -> Iterator[ReportAt]:
        return (ReportAt(self, entry) for entry in self.content.reports)

    # What builders look up across reports, indexed once (a site of a thousand reports plans in
    # time linear in them).

    @functools.cached_property
    def archive(self) -> ArchiveLayout:
        """Which page lists each report and each government (a site of several reports)."""
        return ArchiveLayout(self.content.governments, self.content.site.reports_per_page)

    @property
    def governments(self) -> Mapping[str, Government]:
        """Each government, by its id."""
        return self.archive.by_id

    @functools.cached_property
    def track_of(self) -> Mapping[str, Track]:
        """The track (targets against results, year on year) each report is in, by slug."""
        return {slug: track for track in self.content.tracks for slug in track.reports}

    @functools.cached_property
    def comparison_of(self) -> Mapping[str, Comparison]:
        """Each report's comparison with the earlier report of its government, by slug."""
        return {comparison.report: comparison for comparison in self.content.comparisons}

    @functools.cached_property
    def glossaries_of(self) -> Mapping[str | None, tuple[GlossaryGroup, ...]]:
        """The glossaries by the slug of the report they are of (None: the site's and the genre's)."""
        found: dict[str | None, list[GlossaryGroup]] = {}
        for group in self.content.glossaries:
            found.setdefault(group.report, []).append(group)
        return {report: tuple(groups) for report, groups in found.items()}

    @functools.cached_property
    def in_variants(self) -> Mapping[tuple[str, str], ReportVariant]:
        """Each report in each variant's script, by (variant code, slug)."""
        return {(content.variant.code, entry.slug): entry for content in self.variants
                for entry in content.reports}

    def entry(self, slug: str) -> ReportVariant:
        """A report of the site, in this variant's script."""
        return self.in_variants[(self.content.variant.code, slug)]

    def page(self, builder: Builder[S], route: str, title: str, subject: S, *, key: str,
             parent: str | None = "", context: str = "", government: str | None = None, crumb: str = "",
             search: tuple[tuple[str, str, str], ...] = ()) -> Page[S]:
        """One of the site's own pages: below ``parent`` (by default "": the page of the government it
        belongs to, else the home; None: below nothing)."""
        if parent == "":
            parent = self.government_home(government) if government is not None else routes.HOME
        return builder.page(route, title, subject, key=key, report=None, parent=parent,
                            description=self.content.site.description, context=context,
                            carried=self.content.site.title, search=search, government=government,
                            crumb=crumb)

    def government_home(self, government: str) -> str:
        """The page of a government (the home, in a site of one government or of one report)."""
        return self.archive.government_route(government) if self.governed else routes.HOME


@dataclass(frozen=True)
class ReportAt:
    """What a builder is given to plan one report's pages."""

    site: SiteAt
    entry: ReportVariant

    @property
    def report(self) -> Report:
        return self.entry.report

    @property
    def ui(self) -> Mapping[str, str]:
        return self.site.ui

    @functools.cached_property
    def routes(self) -> routes.ReportRoutes:
        return routes.report(self.entry.slug, self.site.several)

    @property
    def home(self) -> Link:
        """The report's home: titled with the report in a site of several, else with the site."""
        title = self.report.full_title if self.site.several else self.site.content.site.title
        return Link(title, self.routes.home)

    @property
    def description(self) -> str:
        """What a page of the report that says nothing of its own is described as: in a site of
        several, the report's own description (the site's counts the reports: a report's pages do
        not change as the archive grows), else the site's."""
        if not self.site.several:
            return self.site.content.site.description
        return self.ui["site_description"].format(
            report=compose_title(self.report.issuer, self.report.year, self.report.title))

    @property
    def government(self) -> Government:
        """The government the report is of."""
        return self.site.archive.of_report[self.entry.slug]

    @property
    def nav(self) -> ReportNav:
        """The report's links (the second round: its pages)."""
        return self.site.navs[self.entry.slug]

    def in_variant(self, code: str) -> ReportVariant:
        """The same report in another variant's script."""
        return self.site.in_variants[(code, self.entry.slug)]

    def page(self, builder: Builder[S], route: str, title: str, subject: S, *, key: str,
             parent: str | None = "", description: str = "", context: str = "",
             government: str | None = None, crumb: str = "",
             search: tuple[tuple[str, str, str], ...] = (), scripts_of: str = "") -> Page[S]:
        """One of the report's pages: below ``parent`` (by default "", the report's home; None:
        below nothing)."""
        return builder.page(route, title, subject, key=key, report=self.entry.slug,
                            parent=self.routes.home if parent == "" else parent,
                            description=description or self.description,
                            context=context, carried=self.home.title, search=search, government=government,
                            crumb=crumb, scripts_of=scripts_of)


class Builder(Generic[S]):
    """One page type. Its pages are made per report (``links``, ``places``, ``pages``, ``files``)
    or for the site (``site_pages``, ``site_files``), or both."""

    template: ClassVar[str]
    kind: ClassVar[str]
    listed: ClassVar[bool] = False  # its report's contents link its pages
    in_order: ClassVar[bool] = True  # previous and next run through its pages
    # The reading order they run through: "" the report's own; a name, an order of its own (the
    # side-by-side pages read on from one to the next, not into the report's pages).
    reading: ClassVar[str] = ""
    in_sitemap: ClassVar[bool] = True
    near_contents: ClassVar[bool] = False  # carries only the contents near it
    anywhere: ClassVar[bool] = False  # served at any depth
    whole_title: ClassVar[bool] = False  # its document is titled with its title alone
    og_type: ClassVar[str] = "article"
    # Its pages list the pages that belong to a government (SiteAt.belonging): they are planned
    # after every other page type's.
    lists_pages: ClassVar[bool] = False

    # --- of one report ---------------------------------------------------------------------------

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        """Its pages of the report, as the report's contents and other pages link them."""
        return ()

    def places(self, at: ReportAt) -> Iterator[tuple[str, str]]:
        """(id, route) of each text of the report it shows in its place: where links to it go."""
        return iter(())

    def contents(self, at: ReportAt) -> tuple[ContentsPart, ...]:
        """The parts of the report's contents it makes (the parts' pages and their sections')."""
        return ()

    def pages(self, at: ReportAt) -> tuple[Page[S], ...]:
        return ()

    def files(self, at: ReportAt) -> tuple[DataFile, ...]:
        return ()

    # --- of the site ---------------------------------------------------------------------------

    def navs(self, site: SiteAt) -> dict[str, ReportNav]:
        """The reports' links it makes (every report's pages: plan.EachReport)."""
        return {}

    def site_pages(self, site: SiteAt) -> tuple[Page[S], ...]:
        return ()

    def site_files(self, site: SiteAt) -> tuple[DataFile, ...]:
        return ()

    # --- its pages ---------------------------------------------------------------------------------

    def page(self, route: str, title: str, subject: S, *, key: str, report: str | None,
             parent: str | None, description: str, context: str, carried: str,
             search: tuple[tuple[str, str, str], ...], government: str | None = None,
             crumb: str = "", scripts_of: str = "") -> Page[S]:
        """A page of this type; ``carried`` is what its document's title ends with (its report's or
        the site's title), unless it is the page's title."""
        whole = self.whole_title or title == carried  # a page titled as what holds it: once
        head = title if whole else f"{title}{f' · {context}' if context else ''} · {carried}"
        return Page(route=route, template=self.template, kind=self.kind, key=key, title=title,
                    head_title=head, description=description, report=report, subject=subject,
                    government=government, crumb=crumb,
                    context=context, parent=parent, in_order=self.in_order, reading=self.reading,
                    scripts_of=scripts_of, in_sitemap=self.in_sitemap, near_contents=self.near_contents,
                    anywhere=self.anywhere, og_type=self.og_type, search=search)


class PartBuilder(Builder[S]):
    """A page type of which a report has pages per part (the part's own, its sections'): the plan
    takes them part by part (plan.EachPart), so that a part's sections follow it."""

    def links_of(self, at: ReportAt, part: Part) -> tuple[Link, ...]:
        return ()

    def places_of(self, at: ReportAt, part: Part) -> Iterator[tuple[str, str]]:
        return iter(())

    def pages_of(self, at: ReportAt, part: Part) -> tuple[Page[S], ...]:
        return ()
