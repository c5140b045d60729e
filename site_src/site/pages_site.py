"""The site's own pages and the pages about a report rather than of it: the editorial pages
(about …), each report's notes and proofs, search, 404 (an archive's home: pages_archive.py).
One builder per page type (builder.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from site_src.content.pages import EditorialPage
from site_src.model import Provenance, SourcePage
from site_src.site import routes
from site_src.site.builder import Builder, ReportAt, SiteAt
from site_src.site.nav import Link, SiteNav
from site_src.site.page import Page
from site_src.site.variant import GlossaryGroup, ReportVariant, VariantContent
from site_src.variants.audit import VariantAudit
from site_src.variants.proofs import ProofItem

ABOUT = "about"  # the editorial page that says how the site was made: it links the records


def site_nav(content: VariantContent) -> SiteNav:
    """The links every page carries: the site's home, search, the about page."""
    about = next((page for page in content.pages if page.slug == ABOUT), None)
    return SiteNav(
        home=Link(content.site.title, routes.HOME),
        search=Link(content.ui["search_title"], routes.SEARCH),
        about=Link(about.title, routes.editorial(about.slug)) if about else None)


# --- editorial pages -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportRecord:
    """One report's import record and conversion audit, on its notes page: what the page shows of
    the report and no more, so that an edit of its text renders the page again only where it
    changes what the page shows (reuse.py keeps a page by what it is rendered from)."""

    provenance: Provenance
    source_page: SourcePage | None  # the page the text was taken from (report.yaml's source:)
    audits: tuple[VariantAudit, ...]
    anchors: Mapping[str, str]
    places: Mapping[str, str]


@dataclass(frozen=True)
class EditionSource:
    """One report as the about page names it: the page its text was taken from (None: not
    recorded in its report.yaml), and its notes page, where the records are."""

    report: Link  # its home
    page: SourcePage | None
    notes: Link


@dataclass(frozen=True)
class EditorialSubject:
    page: EditorialPage
    # On the about page: each report's source and notes page (the records and the audit are there,
    # so that the about page stays short and no page grows with the site), and the glossaries
    # that convert the site, which it counts in a sentence.
    sources: tuple[EditionSource, ...] = ()
    glossaries: tuple[GlossaryGroup, ...] = ()
    # An archive of more reports than its home lists on a page names none of them here (the page
    # would grow with the archive): how many there are; each report's notes page gives its source.
    unlisted: int = 0

    @property
    def entries(self) -> int:
        return sum(len(group.entries) for group in self.glossaries)


def _record(site: SiteAt, entry: ReportVariant) -> ImportRecord:
    nav = site.navs[entry.slug]
    return ImportRecord(entry.report.provenance, entry.report.source_page, entry.audits, nav.anchors,
                        nav.places)


class EditorialPages(Builder[EditorialSubject]):
    template, kind = "page_editorial.html", "editorial"

    def site_pages(self, site: SiteAt) -> tuple[Page[EditorialSubject], ...]:
        content = site.content
        sources = tuple(EditionSource(site.navs[entry.slug].home, entry.report.source_page,
                                      site.navs[entry.slug].notes)
                        for entry in content.reports if site.navs[entry.slug].notes is not None)
        unlisted = len(sources) if len(sources) > content.site.reports_per_page else 0

        def subject(page: EditorialPage) -> EditorialSubject:
            if page.slug == ABOUT:
                return EditorialSubject(page, () if unlisted else sources, content.glossaries, unlisted)
            return EditorialSubject(page)

        return tuple(site.page(self, routes.editorial(page.slug), page.title, subject(page), key=page.slug)
                     for page in content.pages)


# --- about one report: its notes, its proofs ------------------------------------------------------------

@dataclass(frozen=True)
class ReportNotes:
    """One report's notes page: how it was imported and converted, and the glossaries that convert
    it (its own, then the site's and the genre's entries the site uses)."""

    record: ImportRecord
    glossaries: tuple[GlossaryGroup, ...]


class NotesPages(Builder[ReportNotes]):
    template, kind, listed = "page_notes.html", "notes", True

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        # In a site of several reports, which report's notes they are (its contents and its
        # neighbours say so); a site of one is that report's.
        return (Link(at.ui["notes_title"], at.routes.notes, at.report.full_title if at.site.several else ""),)

    def pages(self, at: ReportAt) -> tuple[Page[ReportNotes], ...]:
        glossaries = (*at.site.glossaries_of.get(at.entry.slug, ()), *at.site.glossaries_of.get(None, ()))
        subject = ReportNotes(_record(at.site, at.entry), glossaries)
        return tuple(at.page(self, link.route, link.title, subject, key="notes", context=link.context)
                     for link in self.links(at))


@dataclass(frozen=True)
class ProofsPage:
    """For editors: the conversions of a report a person should check (linked from nowhere)."""

    queues: tuple[tuple[str, tuple[ProofItem, ...]], ...]  # (variant code, items)


class ProofsPages(Builder[ProofsPage]):
    """A report's proofs (校对), where site.yaml asks for them: for editors, linked from nowhere."""

    template, kind = "page_proofs.html", "proofs"
    in_order = in_sitemap = False

    def pages(self, at: ReportAt) -> tuple[Page[ProofsPage], ...]:
        if not at.entry.proofs:
            return ()
        return (at.page(self, at.routes.proofs, at.ui["proofs_title"], ProofsPage(at.entry.proofs),
                        key="proofs"),)


# --- search and 404 ------------------------------------------------------------------------------------

class SearchPage(Builder[None]):
    template, kind = "page_search.html", "search"
    in_order = in_sitemap = False

    def site_pages(self, site: SiteAt) -> tuple[Page[None], ...]:
        return (site.page(self, routes.SEARCH, site.ui["search_title"], None, key="search"),)


@dataclass(frozen=True)
class NotFound:
    report: str | None  # the report whose contents it offers (a one-report site)


class NotFoundPage(Builder[NotFound]):
    template, kind = "page_not_found.html", "not-found"
    in_order = in_sitemap = False
    anywhere = True  # a host serves it for any missing path: its links need the site's base

    def site_pages(self, site: SiteAt) -> tuple[Page[NotFound], ...]:
        lone = None if site.several else site.content.reports[0].slug
        return (site.page(self, routes.NOT_FOUND, site.ui["not_found"], NotFound(lone), key="404"),)


EDITORIAL = EditorialPages()
NOTES = NotesPages()
PROOFS = ProofsPages()
SEARCH = SearchPage()
NOT_FOUND = NotFoundPage()
