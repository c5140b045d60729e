"""Planning every route before rendering."""

from __future__ import annotations

import pytest

from site_src.errors import SiteError
from site_src.model import Report
from site_src.pages import EditorialPage
from site_src.plan import plan_site


def test_plan_has_every_page_in_reading_order(report: Report) -> None:
    plan = plan_site(report, (EditorialPage("about", "关于本版", ""),))
    routes = [page.route for page in plan.reading_order()]
    assert routes[:3] == ["index.html", "preamble.html", "review/index.html"]
    assert routes[3:13] == [f"review/{n:02d}.html" for n in range(1, 11)]
    assert routes[13] == "plan/index.html" and routes[-3:] == ["closing.html", "full.html", "about.html"]
    assert len([r for r in routes if r.count("/") == 1 and not r.endswith("index.html")]) == 20
    assert {p.route for p in plan.pages} >= {"full.html", "about.html", "404.html"}
    assert plan.anchors["review-01-1"] == "review/01.html"
    assert plan.anchors["plan-intro-2"] == "plan/index.html"
    assert plan.anchors["review-03"] == "review/03.html" and plan.anchors["plan"] == "plan/index.html"
    assert len(plan.anchors) == sum(1 for _ in report.paragraphs()) + 20 + 2


def test_two_pages_on_one_path_are_an_error(report: Report) -> None:
    with pytest.raises(SiteError) as caught:
        plan_site(report, (EditorialPage("full", "全文", ""), EditorialPage("preamble", "x", "")))
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        "full.html: two pages want the same path: full 'full' and editorial 'full'",
        "preamble.html: two pages want the same path: text 'preamble' and editorial 'preamble'"]
