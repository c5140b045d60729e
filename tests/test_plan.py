"""Planning every route before rendering."""

from __future__ import annotations

import pytest

from site_src.content.pages import EditorialPage
from site_src.errors import SiteError
from site_src.model import Report
from site_src.site.plan import ReportPlan, SitePlan, plan_site


def plan_of(report: Report, pages: tuple[EditorialPage, ...]) -> SitePlan:
    return plan_site((ReportPlan("", report, None, figures=False, slogans=False),), pages)


def test_plan_has_every_page_in_reading_order(report: Report) -> None:
    plan = plan_of(report, (EditorialPage("about", "关于本版", ""),))
    routes = [page.route for page in plan.reading_order()]
    assert routes[:3] == ["index.html", "preamble.html", "review/index.html"]
    assert routes[3:13] == [f"review/{n:02d}.html" for n in range(1, 11)]
    assert routes[13] == "plan/index.html" and routes[-3:] == ["closing.html", "full.html", "about.html"]
    assert len([r for r in routes if r.count("/") == 1 and not r.endswith("index.html")]) == 20
    assert {p.route for p in plan.pages} >= {"full.html", "about.html", "404.html"}
    anchors = plan.anchors[""]
    assert anchors["review-01-1"] == "review/01.html"
    assert anchors["plan-intro-2"] == "plan/index.html"
    assert anchors["review-03"] == "review/03.html" and anchors["plan"] == "plan/index.html"
    assert len(anchors) == sum(1 for _ in report.paragraphs()) + 20 + 2


def test_two_pages_on_one_path_are_an_error(report: Report) -> None:
    with pytest.raises(SiteError) as caught:
        plan_of(report, (EditorialPage("full", "全文", ""), EditorialPage("preamble", "x", "")))
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        "full.html: two pages want the same path: full 'full' and editorial 'full'",
        "preamble.html: two pages want the same path: text 'preamble' and editorial 'preamble'"]


def test_several_reports_each_under_their_slug(report: Report) -> None:
    plan = plan_site((ReportPlan("rongchang-2024", report, None, figures=True, slogans=False),
                      ReportPlan("copy-2024", report, None, figures=False, slogans=False)), ())
    routes = [page.route for page in plan.pages]
    assert routes[0] == "index.html" and plan.pages[0].kind == "reports"
    assert "rongchang-2024/review/01.html" in routes and "copy-2024/review/01.html" in routes
    assert "rongchang-2024/figures.html" in routes and "copy-2024/figures.html" not in routes
    assert plan.anchors["copy-2024"]["review-01-1"] == "copy-2024/review/01.html"
    home = next(p for p in plan.pages if p.route == "copy-2024/index.html")
    assert home.parent == "index.html" and home.report == "copy-2024"
