"""Pages kept from the last build: a page is rendered again only when what it is rendered from changed.

A page's HTML is a pure function of the page as planned (its subject, titles, breadcrumbs and
neighbours), the links of its report (nav.ReportNav), what every page of its variant shares (the
site's settings, the UI's words, the variants, the site's own links, the static files' names), the
templates and this program (render.py). Each page is kept on its own, under a digest of all of
that (``group_keys``): so adding a report to an archive renders that report's pages and the pages
that list it, and the other reports' pages not at all; and an edit of one paragraph renders the
pages that show it (its section's, the full text, the report's home), not the report's other pages.

A page's record (``Rendered``: each file's path, size and sha256, and the planned routes it links
to) is kept in the memo; its files are kept in the output folder itself. The group is taken
as it is only where its key is this build's, every file in the output folder is byte for byte the
record's, and every route its pages link to is still planned (a link to a removed page would have
failed the render): then its files are linked into the new site (write.Unchanged), never rendered.

The digest is of the values themselves (output/values.py); a value that has none gives its group
no key, and the group is always rendered.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from site_src.output.fingerprint import digest, folder_digest, program
from site_src.output.values import Digests
from site_src.output.write import Unchanged
from site_src.site.page import Page
from site_src.site.plan import SitePlan
from site_src.site.render import page_report_nav
from site_src.site.variant import VariantContent

MEMO_KIND = "pages"


@dataclass(frozen=True)
class Rendered:
    """What a group of pages was rendered as."""

    files: tuple[tuple[str, int, str], ...]  # (path in the output folder, size, sha256)
    links: frozenset[str]  # the planned routes its pages link to


def shared_key(templates: tuple[Path, ...], content: VariantContent, plan: SitePlan,
               static: Iterable[str], digests: Digests) -> str | None:
    """What every page of one variant is rendered with, but its own and its report's: the
    templates (by their bytes), this program, the site's settings, the UI's words, the variants
    and their labels, the site's own links and the static files' names. None if some of it
    cannot be named."""
    folders = [folder_digest(folder) for folder in templates]
    values = digests.of(content.site, content.ui, content.variant, content.labels, content.variants,
                          plan.site, sorted(static))
    if None in folders or values is None or program() is None:
        return None
    return digest("pages", program(), folders, values)


def page_groups(plan: SitePlan) -> list[range]:
    """The plan's pages in the groups they are kept in, in order: each page on its own (a group of
    a report's pages would be rendered whole for an edit of any one of them)."""
    return [range(n, n + 1) for n in range(len(plan.pages))]


def group_keys(shared: str | None, plan: SitePlan, digests: Digests) -> list[tuple[range, str | None]]:
    """The plan's pages in groups (page_groups), each with its key: ``shared``, its report's links
    and its pages as planned."""
    navs: dict[str | None, str | None] = {}

    def nav_key(page: Page[object]) -> str | None:
        nav = page_report_nav(plan, page)
        slug = nav.slug if nav is not None else None
        if slug not in navs:
            navs[slug] = digests.of(nav)
        return navs[slug]

    keys: list[tuple[range, str | None]] = []
    for group in page_groups(plan):
        pages = [plan.pages[n] for n in group]
        parts = [nav_key(page) for page in pages]
        own = digests.of(pages)
        keys.append((group, digest(shared, parts, own) if shared and own and None not in parts else None))
    return keys


def kept(record: Rendered | None, output: Path, planned: frozenset[str]) -> bool:
    """Whether a group's record stands: every route it links to planned, every file in ``output``
    byte for byte as recorded."""
    if record is None or not record.links <= planned:
        return False
    for path, size, sha in record.files:
        try:
            status = (output / path).lstat()
            if not stat.S_ISREG(status.st_mode) or status.st_size != size:
                return False
            if hashlib.sha256((output / path).read_bytes()).hexdigest() != sha:
                return False
        except OSError:
            return False
    return True


def unchanged(record: Rendered) -> Iterator[tuple[str, Unchanged]]:
    return ((path, Unchanged(size)) for path, size, _ in record.files)


def rendered(made: list[tuple[str, bytes, frozenset[str]]]) -> Rendered:
    """The record of a group just rendered (each page's path, bytes and links)."""
    return Rendered(tuple((path, len(data), hashlib.sha256(data).hexdigest()) for path, data, _ in made),
                    frozenset().union(*(links for _, _, links in made)))
