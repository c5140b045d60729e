"""Every page of a variant, planned before anything is rendered: route, kind, order.

The plan is the same for every variant (same relative paths), so a page's counterpart in another
variant is the same route under another folder.
"""

from __future__ import annotations

from dataclasses import dataclass

from site_src.errors import Location, Problem, SiteError
from site_src.industries import IndustrySystem
from site_src.model import Report
from site_src.pages import EditorialPage


@dataclass(frozen=True)
class PlannedPage:
    """One page: its route (relative to the variant's folder), what it shows, and its parent."""

    route: str
    kind: str  # home | text | part | section | figures | industries | industry | slogans | full
    # | search | editorial | not-found
    key: str  # the id of what it shows: part id, section id, page slug, "preamble", "closing"
    parent: str | None = None  # the route of the page above it in the breadcrumbs

    @property
    def depth(self) -> int:
        return self.route.count("/")


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[PlannedPage, ...]  # in reading order (the report, then full text and editorial)
    anchors: dict[str, str]  # paragraph, section and part id -> route of the page where it lives

    def reading_order(self) -> tuple[PlannedPage, ...]:
        return tuple(p for p in self.pages if p.kind not in ("not-found", "search"))


def plan_site(report: Report, pages: tuple[EditorialPage, ...],
              industries: IndustrySystem | None = None, *, figures: bool = False,
              slogans: bool = False) -> SitePlan:
    planned: list[PlannedPage] = [PlannedPage("index.html", "home", "home")]
    anchors: dict[str, str] = {}
    if report.preamble:
        planned.append(PlannedPage("preamble.html", "text", "preamble", "index.html"))
        anchors.update({p.id: "preamble.html" for p in report.preamble})
    for part in report.parts:
        part_route = f"{part.id}/index.html"
        planned.append(PlannedPage(part_route, "part", part.id, "index.html"))
        anchors[part.id] = part_route
        anchors.update({p.id: part_route for p in part.opening + part.closing})
        for n, section in enumerate(part.sections, start=1):
            route = f"{part.id}/{n:02d}.html"
            planned.append(PlannedPage(route, "section", section.id, part_route))
            anchors[section.id] = route
            anchors.update({p.id: route for p in section.paragraphs})
    if report.closing:
        planned.append(PlannedPage("closing.html", "text", "closing", "index.html"))
        anchors.update({p.id: "closing.html" for p in report.closing})
    if figures:
        planned.append(PlannedPage("figures.html", "figures", "figures", "index.html"))
    if industries is not None:
        planned.append(PlannedPage("industries/index.html", "industries", "industries", "index.html"))
        planned.extend(PlannedPage(f"industries/{industry.id}.html", "industry", industry.id,
                                   "industries/index.html")
                       for industry in industries.industries())
    if slogans:
        planned.append(PlannedPage("slogans.html", "slogans", "slogans", "index.html"))
    planned.append(PlannedPage("full.html", "full", "full", "index.html"))
    planned.append(PlannedPage("search.html", "search", "search", "index.html"))
    planned.extend(PlannedPage(f"{page.slug}.html", "editorial", page.slug, "index.html")
                   for page in pages)
    planned.append(PlannedPage("404.html", "not-found", "404", "index.html"))

    problems = []
    seen: dict[str, PlannedPage] = {}
    for page in planned:
        if page.route in seen:
            problems.append(Problem(Location(page.route),
                                    f"two pages want the same path: {seen[page.route].kind} "
                                    f"{seen[page.route].key!r} and {page.kind} {page.key!r}"))
        seen[page.route] = page
    if problems:
        raise SiteError(problems)
    return SitePlan(pages=tuple(planned), anchors=anchors)
