"""Every path of a built site, spelled here and nowhere else.

A page's route is relative to its variant's folder (``review/03.html``); a file's path is relative
to the output folder (``zh-hant/review/03.html``, ``static/style.css``). Routes come from ids,
which no variant converts, so a page's counterpart in another variant is the same route under
another folder. Every link between pages, the hreflang and x-default links, the sitemap's entries,
the search index's files and the root page's links ask this module; the builders (pages_*.py) ask
it for their pages' routes; a test fails when any other module or a template spells a path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

# --- a variant's own pages ----------------------------------------------------------------------

HOME = "index.html"  # a variant's home: the site's (its reports) or the lone report's
SEARCH = "search.html"
NOT_FOUND = "404.html"  # also at the top of the output, for hosts that serve /404.html anywhere
DOWNLOADS = ("csv", "json")  # the formats figures are offered in, as their links say them


def search(query: str) -> str:
    """The search page, searching for ``query`` as it opens."""
    return f"{SEARCH}?q={quote(query, safe='')}"


def home_page(number: int) -> str:
    """The ``number``-th page of a variant's home (1: the home itself), where it lists more reports
    than a page holds."""
    return HOME if number == 1 else f"index-{number}.html"


def government(government: str, number: int = 1) -> str:
    """A government's page (its ``number``-th, where it has more reports than a page holds)."""
    return f"governments/{government}.html" if number == 1 else f"governments/{government}/{number}.html"


def editorial(slug: str) -> str:
    """A page of content/pages/ (about.md: about.html)."""
    return f"{slug}.html"


def track(government: str) -> str:
    """A government's targets against results, year on year."""
    return f"targets/{government}.html"


def data(route: str, format: str) -> str:
    """A page's figures as a file of ``format`` (one of DOWNLOADS), beside the page."""
    return f"{route.removesuffix('.html')}.{format}"


@dataclass(frozen=True)
class ReportRoutes:
    """The routes of one report's pages: at the top of the variant's folder for a site of one
    report, under the report's folder name for a site of several."""

    prefix: str  # "" or "<slug>/"

    @property
    def home(self) -> str:
        return f"{self.prefix}{HOME}"

    @property
    def preamble(self) -> str:
        return f"{self.prefix}preamble.html"

    @property
    def closing(self) -> str:
        return f"{self.prefix}closing.html"

    @property
    def terms(self) -> str:
        return f"{self.prefix}terms.html"

    @property
    def figures(self) -> str:
        return f"{self.prefix}figures.html"

    @property
    def industries(self) -> str:
        return f"{self.prefix}industries/{HOME}"

    @property
    def slogans(self) -> str:
        return f"{self.prefix}slogans.html"

    @property
    def proofs(self) -> str:
        return f"{self.prefix}proofs.html"

    @property
    def full(self) -> str:
        return f"{self.prefix}full.html"

    @property
    def notes(self) -> str:
        return f"{self.prefix}notes.html"

    @property
    def wording(self) -> str:
        """What is new in its wording against the earlier report of its government."""
        return f"{self.prefix}wording.html"

    def side_by_side(self, chapter: str) -> str:
        """A part (by its id), or the preamble, closing words or glossary, in every script side by side."""
        return f"{self.prefix}both/{chapter}.html"

    def part(self, part_id: str) -> str:
        return f"{self.prefix}{part_id}/{HOME}"

    def section(self, part_id: str, number: int) -> str:
        """The ``number``-th section of a part (1, 2, …)."""
        return f"{self.prefix}{part_id}/{number:02d}.html"

    def industry(self, industry_id: str) -> str:
        return f"{self.prefix}industries/{industry_id}.html"


def report(slug: str, several: bool) -> ReportRoutes:
    """A report's routes: under its folder's name in a site of several reports."""
    return ReportRoutes(f"{slug}/" if several else "")


def anchored(route: str, id: str) -> str:
    """A place inside a page."""
    return f"{route}#{id}"


def page_of(route: str) -> str:
    """The page a route (perhaps with a ?query or a #place) is on."""
    return route.partition("#")[0].partition("?")[0]


# --- from a page: links, its variants, its address -------------------------------------------------

class Variant(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def path(self) -> str: ...


def up(route: str) -> str:
    """From the page at ``route`` to its variant's folder: "", "../", …"""
    return "../" * route.count("/")


def output(folder: str, route: str) -> str:
    """Where a page (or a file) of the variant in ``folder`` is written in the output folder."""
    return f"{folder}/{route}"


STATIC = "static"  # the folder of the style sheet and the scripts, beside the variants' folders


def static(name: str) -> str:
    """Where a static file (templates/static/<name>) is written in the output folder."""
    return f"{STATIC}/{name}"


def static_from(route: str) -> str:
    """From the page at ``route`` to the static files."""
    return f"{up(route)}../{STATIC}/"


def in_variant(route: str, variant: Variant, shown: str = "") -> str:
    """From the page at ``route`` to the same page in ``variant`` (or to the page at ``shown``: the
    page of a single script that a page in every script shows)."""
    return f"{up(route)}../{output(variant.path, shown or route)}"


def alternates(route: str, variants: Sequence[Variant], base_url: str = "") -> tuple[tuple[str, str], ...]:
    """(language, address) of the page in every variant, then x-default: the source variant's
    page, or the root page for a home (it picks by the browser's language). Absolute with the
    site's base URL (for hreflang and the sitemap), else relative to the page."""
    prefix = base_url or f"{up(route)}../"
    links = [(v.code, f"{prefix}{output(v.path, route)}") for v in variants]
    default = f"{prefix}{ROOT_HOME}" if route == HOME else links[0][1]
    return (*links, ("x-default", default))


def canonical(base_url: str, variant: Variant, route: str) -> str:
    """The page's absolute address ("" without a base URL)."""
    return f"{base_url}{output(variant.path, route)}" if base_url else ""


def base_href(base_url: str, variant: Variant) -> str:
    """The <base> of a page served at any depth (the 404 page), with a base URL; else ""."""
    return f"{base_url}{variant.path}/" if base_url else ""


# --- the top of the output ----------------------------------------------------------------------------

ROOT_HOME = HOME  # the root page: it sends a reader to a variant's home
ROOT_NOT_FOUND = NOT_FOUND
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def root_home(variant: Variant) -> str:
    """From the root page to a variant's home."""
    return output(variant.path, HOME)


# --- the search index -------------------------------------------------------------------------------

SEARCH_FOLDER = "search-index"  # in each variant's folder: its shards and buckets
FOLD = "search-fold.js"  # a static file: the character fold every variant's search shares


SEARCH_MANIFEST = "search-index.js"  # a variant's, in its folder: what a query loads first


def search_part(kind: str, number: int | str) -> str:
    """A shard (text) or a bucket (keys) of a variant's index, from its folder."""
    return f"{SEARCH_FOLDER}/{kind}-{number}.js"


def search_group(path: str) -> str | None:
    """What a build reports a search file's size under: each manifest and the fold by its path,
    each variant's shards and buckets together; None for a file that is not the search's."""
    folder, _, name = path.rpartition("/")
    if path == static(FOLD) or (name == SEARCH_MANIFEST and "/" not in folder):
        return path
    return f"{folder}/" if folder.endswith(f"/{SEARCH_FOLDER}") else None
