"""What every page links to: the site's own pages, and each report's home, contents and places.

Made by the plan from its builders' links before any page is planned, so that every page can link
to any other (a page's neighbours, a track's two reports, the contents beside a section).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Link:
    title: str
    route: str  # relative to the variant's folder, with a #fragment for a place inside a page
    # What holds it, where its title alone does not say: a section's part (（三）… of the review
    # and （三）… of the plan look alike in previous/next links and search results).
    context: str = ""

# How much of the contents a section page carries: the parts around its own and, of its own
# part, the sections around it (None marks what is left out; the part page and the home page
# list it all). A work report has a handful of parts of up to about twenty areas, all of which
# fit; a text of a hundred times that would otherwise make every page carry all of it, and the
# build's time grow with the square of the text.
NEAR_PARTS = 10
NEAR_SECTIONS = 15


@dataclass(frozen=True)
class ContentsPart:
    link: Link
    sections: tuple[Link | None, ...]


@dataclass(frozen=True)
class Contents:
    """A report's table of contents, as every page of it links to it: the pages before its parts
    (the preamble), its parts with their sections, the pages after them (closing words, summaries,
    full text, notes), each in the reading order."""

    head: tuple[Link, ...]
    parts: tuple[ContentsPart, ...]
    tail: tuple[Link, ...]

    @functools.cached_property
    def _where(self) -> dict[str, tuple[int, int]]:
        return {section.route: (p, n) for p, part in enumerate(self.parts)
                for n, section in enumerate(part.sections) if section is not None}

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
    title: str  # what every page of the report carries: its full title (a site of one: the site's)
    home: Link
    contents: Contents
    full: Link
    anchors: Mapping[str, str]  # the id of a paragraph, heading or term -> the route of its page
    places: Mapping[str, str]  # the same ids -> where the text is, as a reader names it (see glance.py)
    figures: Link | None
    industries: Link | None
    industry: Mapping[str, Link]  # industry id -> its page
    track: Link | None = None  # targets against results, year on year, of its government
    notes: Link | None = None  # its import record and conversion audit
    wording: Link | None = None  # what is new in its wording against its government's earlier report
    # The route of each page that shows some of its text -> where its side-by-side page has it.
    side_by_side: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteNav:
    """The site's own pages, linked from every page."""

    home: Link
    search: Link
    about: Link | None  # only if content/pages/about.md exists
