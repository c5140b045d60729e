"""Every page of a variant, planned before anything is rendered: route, kind, order.

The plan is the same for every variant (same relative paths), so a page's counterpart in another
variant is the same route under another folder. A site of one report puts its pages at the top
of each variant's folder; a site of several puts each report's pages under its slug and makes
the home page the list of reports.
"""

from __future__ import annotations

from dataclasses import dataclass

from site_src.content.pages import EditorialPage
from site_src.errors import Location, Problem, SiteError
from site_src.model import Report
from site_src.summaries.industries import IndustrySystem


@dataclass(frozen=True)
class PlannedPage:
    """One page: its route (relative to the variant's folder), what it shows, and its parent."""

    route: str
    kind: str  # reports | home | text | part | section | terms | figures | industries | industry
    # | slogans | full | search | editorial | not-found
    key: str  # the id of what it shows: part id, section id, page slug, "preamble", "closing"
    parent: str | None = None  # the route of the page above it in the breadcrumbs
    report: str | None = None  # the slug of the report it belongs to; None for the site's own pages

    @property
    def depth(self) -> int:
        return self.route.count("/")


@dataclass(frozen=True)
class ReportPlan:
    """What the plan needs to know of one report."""

    slug: str
    report: Report
    industries: IndustrySystem | None
    figures: bool
    slogans: bool


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[PlannedPage, ...]  # in reading order (each report, then the site's own pages)
    # report slug -> paragraph, section and part id -> route of the page where it lives
    anchors: dict[str, dict[str, str]]
    prefixes: dict[str, str]  # report slug -> the folder its pages are in ("" for a lone report)

    def reading_order(self) -> tuple[PlannedPage, ...]:
        return tuple(p for p in self.pages if p.kind not in ("not-found", "search"))


def plan_site(reports: tuple[ReportPlan, ...], pages: tuple[EditorialPage, ...]) -> SitePlan:
    several = len(reports) > 1
    planned: list[PlannedPage] = []
    anchors: dict[str, dict[str, str]] = {}
    prefixes: dict[str, str] = {}
    if several:
        planned.append(PlannedPage("index.html", "reports", "reports"))
    for entry in reports:
        prefix = f"{entry.slug}/" if several else ""
        prefixes[entry.slug] = prefix
        report_pages, anchors[entry.slug] = _plan_report(entry, prefix, "index.html" if several else None)
        planned.extend(report_pages)
    site_parent = "index.html"
    planned.extend(PlannedPage(f"{page.slug}.html", "editorial", page.slug, site_parent)
                   for page in pages)
    planned.append(PlannedPage("search.html", "search", "search", site_parent))
    planned.append(PlannedPage("404.html", "not-found", "404", site_parent))

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
    return SitePlan(pages=tuple(planned), anchors=anchors, prefixes=prefixes)


def _plan_report(entry: ReportPlan, prefix: str, parent: str | None
                 ) -> tuple[list[PlannedPage], dict[str, str]]:
    report, slug = entry.report, entry.slug
    home = f"{prefix}index.html"

    def page(route: str, kind: str, key: str, parent_route: str | None = home) -> PlannedPage:
        return PlannedPage(prefix + route, kind, key, parent_route, slug)

    planned = [PlannedPage(home, "home", "home", parent, slug)]
    anchors: dict[str, str] = {}
    if report.preamble:
        planned.append(page("preamble.html", "text", "preamble"))
        anchors.update({p.id: prefix + "preamble.html" for p in report.preamble})
    for part in report.parts:
        part_route = f"{prefix}{part.id}/index.html"
        planned.append(page(f"{part.id}/index.html", "part", part.id))
        anchors[part.id] = part_route
        anchors.update({p.id: part_route for p in part.opening + part.closing})
        for block in part.blocks:
            anchors[block.id] = part_route
            anchors.update({p.id: part_route for p in block.paragraphs})
        for n, section in enumerate(part.sections, start=1):
            route = f"{prefix}{part.id}/{n:02d}.html"
            planned.append(page(f"{part.id}/{n:02d}.html", "section", section.id, part_route))
            anchors[section.id] = route
            anchors.update({p.id: route for p in section.paragraphs})
    if report.closing:
        planned.append(page("closing.html", "text", "closing"))
        anchors.update({p.id: prefix + "closing.html" for p in report.closing})
    if report.terms:
        planned.append(page("terms.html", "terms", "terms"))
        anchors.update({f"term-{n}": prefix + "terms.html" for n in range(1, len(report.terms) + 1)})
    if entry.figures:
        planned.append(page("figures.html", "figures", "figures"))
    if entry.industries is not None:
        overview = f"{prefix}industries/index.html"
        planned.append(page("industries/index.html", "industries", "industries"))
        planned.extend(page(f"industries/{industry.id}.html", "industry", industry.id, overview)
                       for industry in entry.industries.industries())
    if entry.slogans:
        planned.append(page("slogans.html", "slogans", "slogans"))
    planned.append(page("full.html", "full", "full"))
    return planned, anchors
