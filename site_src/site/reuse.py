"""Pages kept from the last build: a page is rendered again only when what it is rendered from changed.

A page's HTML is a pure function of the page as planned (its subject, titles, breadcrumbs and
neighbours), the links of its report (nav.ReportNav), what every page of its variant shares (the
site's settings, the UI's words, the variants, the site's own links, the static files' names), the
templates and this program (render.py). Each page is kept on its own, under a digest of all of
that (``page_keys``): so adding a report to an archive renders that report's pages and the pages
that list it, and the other reports' pages not at all; and an edit of one paragraph renders the
pages that show it (its section's, the full text, the report's home), not the report's other pages.

A page's record (``Rendered``: each file's path, size and sha256, and the planned routes it links
to) is kept in the memo; its files are kept in the output folder itself. The page is taken
as it is only where its key is this build's, every file in the output folder is byte for byte the
record's, and every route it links to is still planned (a link to a removed page would have
failed the render): then its files are linked into the new site (write.Unchanged), never rendered.

The digest is of the values themselves (output/values.py); a value that has none gives its page
no key, and the page is always rendered.
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
    """What a page was rendered as."""

    files: tuple[tuple[str, int, str], ...]  # (path in the output folder, size, sha256)
    links: frozenset[str]  # the planned routes it links to


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


def page_keys(shared: str | None, plan: SitePlan, digests: Digests) -> list[str | None]:
    """Each page of the plan's key, in order: ``shared``, its report's links and the page as planned
    (None where one of them has no digest: the page is rendered)."""
    navs: dict[str | None, str | None] = {}

    def nav_key(page: Page[object]) -> str | None:
        nav = page_report_nav(plan, page)
        slug = nav.slug if nav is not None else None
        if slug not in navs:
            navs[slug] = digests.of(nav)
        return navs[slug]

    keys: list[str | None] = []
    for page in plan.pages:
        part, own = nav_key(page), digests.of([page])
        keys.append(digest(shared, [part], own) if shared and own and part is not None else None)
    return keys


def kept(record: Rendered | None, output: Path, planned: frozenset[str]) -> bool:
    """Whether a page's record stands: every route it links to planned, every file in ``output``
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
    return ((path, Unchanged(size, sha)) for path, size, sha in record.files)


def rendered(made: list[tuple[str, bytes, frozenset[str]]]) -> Rendered:
    """The record of pages just rendered (each one's path, bytes and links)."""
    return Rendered(tuple((path, len(data), hashlib.sha256(data).hexdigest()) for path, data, _ in made),
                    frozenset().union(*(links for _, _, links in made)))
