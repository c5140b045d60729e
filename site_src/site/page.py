"""A planned page: a typed value made by its page type's builder (pages_*.py), before anything is
rendered: its route, template, titles, links and the object it presents (its subject).

What differs between page types is said by the page itself, so that nothing downstream asks what
kind of page it is: whether the sitemap lists it, how much of the contents it carries, what it
says in its own words to the search, how its document is titled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from site_src.model import Paragraph
from site_src.site.nav import Contents, ContentsPart, Link
from site_src.summaries.figures.export import FiguresData

# Chinese readers take in about 400 characters a minute; reading time counts characters, not words.
CHARACTERS_PER_MINUTE = 400
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Reading:
    """How long the text a page shows takes to read."""

    minutes: int
    characters: int


def reading(texts: Iterable[str]) -> Reading:
    characters = sum(len(_HAN.findall(text)) for text in texts)
    return Reading(max(1, round(characters / CHARACTERS_PER_MINUTE)), characters)


def description(paragraphs: tuple[Paragraph, ...]) -> str:
    """The meta description: the page's first words, cut at a sentence near 120 characters."""
    if not paragraphs:
        return ""
    text = "".join(p.source_text for p in paragraphs[:2])
    if len(text) <= 120:
        return text
    cut = text.rfind("。", 0, 120)
    return text[: cut + 1] if cut > 40 else text[:119] + "…"


S = TypeVar("S", covariant=True)


@dataclass(frozen=True)
class Page(Generic[S]):
    """One page of a variant, as its builder planned it."""

    route: str
    template: str
    kind: str  # names the page type for styles (the body's class) and for messages
    key: str  # what it shows, for messages: a part id, a page's name
    title: str
    head_title: str  # the document's title: the page's, with what holds it and its report's
    description: str
    report: str | None  # the slug of the report it belongs to; None for the site's own pages
    subject: S  # what it presents
    # The id of the government it belongs to as a whole, where it does (its targets year on year,
    # its reports compared): that government's page lists it (site/pages_archive.py). A report's
    # own pages belong to their report, and say None.
    government: str | None = None
    crumb: str = ""  # its title in the breadcrumbs of the pages below it, where shorter ("" : its title)
    context: str = ""  # what holds it, where its title alone does not say (a section's part)
    parent: str | None = None  # the route of the page above it (its breadcrumbs follow the parents)
    crumbs: tuple[Link, ...] = ()  # the pages above it, from the top (the plan links them)
    previous: Link | None = None  # its neighbours in its reading order (the plan links them)
    next: Link | None = None
    in_order: bool = True  # in its reading order: previous and next run through it
    reading: str = ""  # which: "" its report's (or the site's); another name, an order of its own
    # A page that shows every script at once: the route of the page whose text it shows, in one
    # script (the switcher's scripts go there); "" for a page in its variant's script.
    scripts_of: str = ""
    in_sitemap: bool = True
    near_contents: bool = False  # carries only the contents near it (a section: see nav.Contents)
    anywhere: bool = False  # served at any depth (the 404 page): its links need a base
    og_type: str = "article"
    # What it says in its own words, for the search (anchor, heading, text): a summary page's
    # indicators, industries, slogans; the report's paragraphs are searched where they stand.
    search: tuple[tuple[str, str, str], ...] = ()

    def contents_of(self, contents: Contents) -> tuple[ContentsPart | None, ...]:
        """The parts of its report's contents it shows."""
        return contents.near(self.route) if self.near_contents else contents.parts

    @property
    def link(self) -> Link:
        return Link(self.title, self.route, self.context)


@dataclass(frozen=True)
class DataFile:
    """A planned file that is no page: figures as CSV or JSON, written by its format's writer."""

    route: str
    format: str  # csv | json (summaries/figures/export.py)
    data: FiguresData
