"""Where an archive's reports are listed: the pages of the site's home (its governments in order,
at most ``size`` reports a page) and of each government (its reports by year, as many pages as it
needs at that size). Every page of the site asks here which page lists a report or a government,
so that its breadcrumbs lead up through them.

A site of one government has no page per government: its home is that government's page (the
site's title already names it, and a second page listing the same reports would only repeat it).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from site_src.content.archive import Government
from site_src.site import routes


@dataclass(frozen=True)
class Run:
    """One government's reports on one page of the home: those from ``start`` to ``end``."""

    government: Government
    start: int
    end: int

    @property
    def reports(self) -> tuple[tuple[int, str], ...]:
        return self.government.reports[self.start:self.end]

    @property
    def continued(self) -> bool:
        """Whether an earlier page listed the government's first reports."""
        return self.start > 0


def shelve(governments: tuple[Government, ...], size: int) -> tuple[tuple[Run, ...], ...]:
    """The home's pages: the governments in order, at most ``size`` reports a page, a government
    that fits on a page never split (it starts the next page instead), one longer than a page
    split across as few as it needs."""
    pages: list[tuple[Run, ...]] = []
    page: list[Run] = []
    room = size
    for government in governments:
        count = len(government.reports)
        if page and count <= size and count > room:
            pages.append(tuple(page))
            page, room = [], size
        start = 0
        while start < count:
            if room == 0:
                pages.append(tuple(page))
                page, room = [], size
            end = start + min(room, count - start)
            page.append(Run(government, start, end))
            room -= end - start
            start = end
    if page:
        pages.append(tuple(page))
    return tuple(pages)


@dataclass(frozen=True)
class ArchiveLayout:
    """The lists of a site of several reports."""

    governments: tuple[Government, ...]  # in their order
    size: int  # reports a page

    @property
    def one(self) -> bool:
        """A site of one government: the home is its page."""
        return len(self.governments) == 1

    @functools.cached_property
    def by_id(self) -> Mapping[str, Government]:
        return {government.id: government for government in self.governments}

    @functools.cached_property
    def of_report(self) -> Mapping[str, Government]:
        """The government of each report, by its slug."""
        return {slug: government for government in self.governments for _, slug in government.reports}

    @functools.cached_property
    def home_pages(self) -> tuple[tuple[Run, ...], ...]:
        """The pages of a home that lists several governments (none for one government)."""
        return () if self.one else shelve(self.governments, self.size)

    def government_pages(self, government: Government) -> tuple[tuple[tuple[int, str], ...], ...]:
        """A government's reports on its pages, at most ``size`` a page."""
        reports = government.reports
        return tuple(reports[start:start + self.size] for start in range(0, len(reports), self.size))

    def government_route(self, government: str, number: int = 1) -> str:
        """A government's ``number``-th page: the home's in a site of one government."""
        return routes.home_page(number) if self.one else routes.government(government, number)

    @functools.cached_property
    def listed_at(self) -> Mapping[str, str]:
        """The government page that lists each report, by its slug."""
        return {slug: self.government_route(government.id, number)
                for government in self.governments
                for number, reports in enumerate(self.government_pages(government), start=1)
                for _, slug in reports}

    @functools.cached_property
    def home_of(self) -> Mapping[str, str]:
        """The home page that lists each government (its first reports), by its id."""
        found: dict[str, str] = {}
        for number, runs in enumerate(self.home_pages, start=1):
            for run in runs:
                found.setdefault(run.government.id, routes.home_page(number))
        return found
