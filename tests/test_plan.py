"""Planning every page before rendering: routes, templates, titles, breadcrumbs, neighbours, links."""

from __future__ import annotations

import pytest

from site_src.content.pages import EditorialPage
from site_src.errors import SiteError
from site_src.model import Report
from site_src.site.plan import PartPage, SectionPage

from .conftest import PLAN_SITE as SITE
from .conftest import plan_of, report_variant


def test_plan_has_every_page_in_reading_order(report: Report) -> None:
    plan = plan_of((report_variant("", report),), (EditorialPage("about", "关于本版", ""),))
    order = [page for page in plan.pages if page.previous or page.next]
    routes = [page.route for page in order]
    # The preamble (44 characters) is on the home page, not a page of its own.
    assert routes[:2] == ["index.html", "review/index.html"] and "preamble.html" not in plan.routes
    assert routes[2:12] == [f"review/{n:02d}.html" for n in range(1, 11)]
    assert routes[12] == "plan/index.html" and routes[-3:] == ["closing.html", "full.html", "about.html"]
    assert len([r for r in routes if r.count("/") == 1 and not r.endswith("index.html")]) == 20
    assert plan.routes >= {"full.html", "about.html", "404.html", "search.html"}
    anchors = plan.reports[""].anchors
    assert anchors["review-01-1"] == "review/01.html" and anchors["preamble-2"] == "index.html"
    assert anchors["plan-intro-2"] == "plan/index.html"
    assert anchors["review-03"] == "review/03.html" and anchors["plan"] == "plan/index.html"
    assert len(anchors) == sum(1 for _ in report.paragraphs()) + 20 + 2


def test_each_page_is_typed_with_its_template_title_breadcrumbs_and_neighbours(report: Report) -> None:
    plan = plan_of((report_variant("", report),), (EditorialPage("about", "关于本版", ""),))
    by_route = {page.route: page for page in plan.pages}
    section = by_route["review/03.html"]
    assert section.template == "page_section.html" and isinstance(section.subject, SectionPage)
    assert section.title == section.subject.section.heading == "（三）纵深推进双城经济圈建设"
    assert [crumb.route for crumb in section.crumbs] == ["index.html", "review/index.html"]
    assert section.subject.part_link == section.crumbs[-1]
    assert section.previous and section.previous.route == "review/02.html"
    assert section.next and section.next.route == "review/04.html"
    part = by_route["plan/index.html"]
    assert isinstance(part.subject, PartPage) and part.title == "二、2024年工作安排"
    assert [card.link.route for card in part.subject.sections] == [f"plan/{n:02d}.html" for n in range(1, 11)]
    assert by_route["404.html"].previous is None and by_route["search.html"].next is None
    assert by_route["index.html"].crumbs == () and by_route["index.html"].title == SITE.title
    assert plan.site.about is not None and plan.site.about.route == "about.html"


def test_without_an_about_page_nothing_links_to_one(report: Report) -> None:
    plan = plan_of((report_variant("", report),))
    assert plan.site.about is None and "about.html" not in plan.routes


def test_two_pages_on_one_path_are_an_error(report: Report) -> None:
    with pytest.raises(SiteError) as caught:
        plan_of((report_variant("", report),),
                (EditorialPage("full", "全文", ""), EditorialPage("closing", "x", "")))
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        "full.html: two pages want the same path: full 'full' and editorial 'full'",
        "closing.html: two pages want the same path: text 'closing' and editorial 'closing'"]


def test_several_reports_each_under_their_slug(report: Report) -> None:
    plan = plan_of((report_variant("rongchang-2024", report), report_variant("copy-2024", report)))
    routes = [page.route for page in plan.pages]
    assert routes[0] == "index.html" and plan.pages[0].template == "page_reports.html"
    assert "rongchang-2024/review/01.html" in routes and "copy-2024/review/01.html" in routes
    assert plan.reports["copy-2024"].anchors["review-01-1"] == "copy-2024/review/01.html"
    home = next(p for p in plan.pages if p.route == "copy-2024/index.html")
    assert [crumb.route for crumb in home.crumbs] == ["index.html"] and home.report == "copy-2024"
    assert [link.route for link in plan.site.reports] == ["rongchang-2024/index.html", "copy-2024/index.html"]
