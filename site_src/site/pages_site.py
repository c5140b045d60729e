"""The site's own pages and the pages about a report rather than of it: the editorial pages
(about …), each report's notes and proofs, search, 404 (an archive's home: pages_archive.py).
One builder per page type (builder.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from site_src.content.pages import EditorialPage
from site_src.site import routes
from site_src.site.builder import Builder, ReportAt, SiteAt
from site_src.site.nav import Link, SiteNav
from site_src.site.page import Page
from site_src.site.variant import GlossaryGroup, ReportVariant, VariantContent
from site_src.variants.audit import VariantAudit
from site_src.variants.proofs import ProofItem

ABOUT = "about"  # the editorial page that says how the site was made: it carries the records


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
    """One report's import record and conversion audit, on the about page or its notes page."""

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


def _record(site: SiteAt, entry: ReportVariant) -> ImportRecord:
    nav = site.navs[entry.slug]
    return ImportRecord(entry, entry.audits, nav.anchors, nav.places)


class EditorialPages(Builder[EditorialSubject]):
    template, kind = "page_editorial.html", "editorial"

    def site_pages(self, site: SiteAt) -> tuple[Page[EditorialSubject], ...]:
        content = site.content
        records = () if site.several else tuple(_record(site, entry) for entry in content.reports)
        glossaries = tuple(group for group in content.glossaries if not site.several or group.report is None)
        notes = tuple(nav.notes for nav in site.navs.values() if nav.notes is not None)

        def subject(page: EditorialPage) -> EditorialSubject:
            if page.slug == ABOUT:  # the records, the glossaries and the notes
                return EditorialSubject(page, records, glossaries, notes)
            return EditorialSubject(page, (), ())

        return tuple(site.page(self, routes.editorial(page.slug), page.title, subject(page), key=page.slug)
                     for page in content.pages)


# --- about one report: its notes, its proofs ------------------------------------------------------------

@dataclass(frozen=True)
class ReportNotes:
    """One report's notes page (a site of several reports): how it was imported and converted."""

    record: ImportRecord
    glossaries: tuple[GlossaryGroup, ...]  # the report's own glossary, if it has one


class NotesPages(Builder[ReportNotes]):
    template, kind, listed = "page_notes.html", "notes", True

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        return (Link(at.ui["notes_title"], at.routes.notes, at.report.full_title),) if at.site.several else ()

    def pages(self, at: ReportAt) -> tuple[Page[ReportNotes], ...]:
        own = at.site.glossaries_of.get(at.entry.slug, ())
        return tuple(at.page(self, link.route, link.title, ReportNotes(_record(at.site, at.entry), own),
                             key="notes", context=link.context)
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
