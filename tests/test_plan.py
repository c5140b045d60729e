"""Planning every page before rendering: routes, templates, titles, breadcrumbs, neighbours, links."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from site_src.config import Variant
from site_src.content.pages import EditorialPage
from site_src.errors import SiteError
from site_src.model import Paragraph, Part, Report
from site_src.site.builder import PartBuilder, ReportAt
from site_src.site.glance import achievement, first_words
from site_src.site.nav import Link
from site_src.site.page import Page
from site_src.site.pages_report import PART, SECTION, Home, PartPage, SectionPage
from site_src.site.plan import REPORT_ORDER, SITE_ORDER, EachPart, EachReport, plan_site
from site_src.site.render import make_environment, render_variant
from site_src.variants.convert import convert_value, make_converter

from .conftest import PLAN_SITE as SITE
from .conftest import ROOT, plan_content, plan_of, report_variant


def test_plan_has_every_page_in_reading_order(report: Report) -> None:
    plan = plan_of((report_variant("", report),), (EditorialPage("about", "关于本版", ""),))
    order = [page for page in plan.pages if page.previous or page.next]
    routes = [page.route for page in order]
    # The preamble (44 characters) is on the home page, not a page of its own.
    assert routes[:2] == ["index.html", "review/index.html"] and "preamble.html" not in plan.routes
    assert routes[2:12] == [f"review/{n:02d}.html" for n in range(1, 11)]
    assert routes[12] == "plan/index.html"
    assert routes[-4:] == ["closing.html", "full.html", "notes.html", "about.html"]  # the records: notes
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
    # One government's two reports: the home is that government's page, listing both.
    assert routes[0] == "index.html" and plan.pages[0].template == "page_government.html"
    assert "rongchang-2024/review/01.html" in routes and "copy-2024/review/01.html" in routes
    assert plan.reports["copy-2024"].anchors["review-01-1"] == "copy-2024/review/01.html"
    home = next(p for p in plan.pages if p.route == "copy-2024/index.html")
    assert [crumb.route for crumb in home.crumbs] == ["index.html"] and home.report == "copy-2024"
    listed = next(page for page in plan.pages if page.route == "index.html").subject
    assert [item.home.route for item in listed.reports] == ["copy-2024/index.html",
                                                            "rongchang-2024/index.html"]  # a year: by slug


def test_the_home_page_is_planned_to_tell_the_report(report: Report) -> None:
    plan = plan_of((report_variant("", report),))
    home = next(page for page in plan.pages if page.route == "index.html").subject
    assert isinstance(home, Home)
    assert home.plan == Link("二、2024年工作安排", "plan/index.html")  # the part with the targets
    assert home.review == Link("一、2023年工作回顾", "review/index.html")  # the part before it
    assert [card.link.route for card in home.tasks] == [f"plan/{n:02d}.html" for n in range(1, 11)]
    assert home.tasks[1].gist == ("坚持把发展的基点放在创新上，以科技创新推动产业创新，"
                                  "大力推进新型工业化，培育发展新质生产力…")
    assert [(a.lead, a.outcome) for a in home.achievements][:2] == [
        ("我们旗帜鲜明讲政治", "风清气正干事创业的良好政治生态实现了新发展"),
        ("我们竭尽全力拼经济", "高质量发展取得了新突破")]
    assert [p.id for p in home.preamble] == ["preamble-1", "preamble-2"]


def test_a_long_preamble_keeps_a_page_of_its_own(report: Report) -> None:
    long = replace(report, preamble=(*report.preamble, Paragraph("preamble-3", "各位代表，" * 50)))
    plan = plan_of((report_variant("", long),))
    assert "preamble.html" in plan.routes and plan.reports[""].anchors["preamble-3"] == "preamble.html"
    assert next(page for page in plan.pages if page.route == "index.html").subject.preamble == ()


def test_every_id_has_a_place_a_reader_can_name(report: Report) -> None:
    nav = plan_of((report_variant("", report),)).reports[""]
    assert nav.places.keys() == nav.anchors.keys()
    assert nav.places["review-intro-3"] == "一、2023年工作回顾 第3段"
    assert nav.places["review-end-1"] == "一、2023年工作回顾 第7段"  # after its six opening paragraphs
    assert nav.places["plan-02-3"] == "二、2024年工作安排（二） 第3段"
    assert nav.places["review-03"] == "一、2023年工作回顾 （三）纵深推进双城经济圈建设"
    assert nav.places["plan"] == "二、2024年工作安排"
    assert nav.places["preamble-2"] == "开场 第2段" and nav.places["closing-1"] == "结束语 第1段"


def test_a_part_page_reads_only_what_it_shows_and_sections_know_their_part(report: Report) -> None:
    plan = plan_of((report_variant("", report),))
    by_route = {page.route: page for page in plan.pages}
    review = report.parts[0]
    shown = "".join(p.source_text for p in (*review.opening, *review.closing))
    characters = len(re.findall(r"[\u3400-\u9fff]", shown))
    assert by_route["review/index.html"].subject.reading.characters == characters
    section = by_route["plan/03.html"]
    assert section.context == "二、2024年工作安排"
    assert section.previous == Link("（二）持续用力构建现代化产业体系", "plan/02.html", "二、2024年工作安排")
    assert by_route["plan/01.html"].previous == Link("二、2024年工作安排", "plan/index.html")


def test_first_words_and_lead_clauses() -> None:
    assert first_words("今年要突出重点。然后") == "今年要突出重点。"
    assert first_words("甲" * 30 + "，" + "乙" * 30 + "。") == "甲" * 30 + "…"
    assert first_words("甲" * 60) == "甲" * 45 + "…"
    state_council = achievement(Paragraph("x", "——经济总体回升向好。国内生产总值超过126万亿元。"))
    assert (state_council.lead, state_council.outcome) == ("经济总体回升向好", "")


def test_a_section_page_carries_only_the_contents_near_it(report: Report) -> None:
    """Every section page carries the parts and its part's sections around it, never all of a
    text many times a work report's length (each page would grow with the text)."""
    part = report.parts[1]
    many = tuple(replace(part.sections[n % len(part.sections)], id=f"plan-x{n:03d}") for n in range(80))
    long = replace(report, parts=(*report.parts[:1], replace(part, sections=many), *report.parts[2:]))
    plan = plan_of((report_variant("", long),), ())
    contents = plan.reports[""].contents
    near = contents.near("plan/40.html")
    (own,) = [entry for entry in near if entry is not None and entry.sections]
    routes = [link.route if link is not None else None for link in own.sections]
    assert routes == [None, *(f"plan/{n:02d}.html" for n in range(25, 56)), None]
    assert [entry.link.route for entry in near if entry is not None] == [p.link.route for p in contents.parts]
    first = contents.near("plan/01.html")
    (own,) = [entry for entry in first if entry is not None and entry.sections]
    assert own.sections[0] is not None and own.sections[0].route == "plan/01.html"
    assert len(own.sections) == 17 and own.sections[-1] is None
    # A work report's own sections all fit: nothing is left out.
    ordinary = plan_of((report_variant("", report),), ()).reports[""]
    assert None not in ordinary.contents.near("review/03.html")
    assert all(None not in entry.sections for entry in ordinary.contents.near("review/03.html") if entry)


def test_the_home_asks_each_part_its_kind(report: Report) -> None:
    """Which part is the plan and which the review is the model's word (Part.kind), not a search
    for the targets paragraph: an outlook between them is neither; a part of another kind that
    holds the targets is not the plan."""
    review, plan = report.parts
    outlook = replace(review, id="outlook", kind="outlook", opening=(), sections=(), closing=())

    def home(*parts: Part) -> Home:
        site = plan_of((report_variant("", replace(report, parts=parts)),))
        subject = next(page for page in site.pages if page.route == "index.html").subject
        assert isinstance(subject, Home)
        return subject

    three = home(review, outlook, plan)
    assert (three.plan, three.review) == (Link("二、2024年工作安排", "plan/index.html"),
                                         Link("一、2023年工作回顾", "review/index.html"))
    other = home(review, replace(plan, kind="other"))
    assert other.plan is None and other.tasks == () and other.review == three.review


def test_previous_and_next_stay_inside_a_report(report: Report) -> None:
    """In a site of several reports each report is one reading order and the site's own pages
    another; the only links between reports are a home's to its government's years beside it."""
    def of(year: int, government: str) -> Report:
        return replace(report, year=year, government=government)

    plan = plan_of((report_variant("a-2023", of(2023, "jia")), report_variant("b-2024", of(2024, "jia")),
                    report_variant("c-2024", of(2024, "yi"))), (EditorialPage("about", "关于本版", ""),))
    by_route = {page.route: page for page in plan.pages}
    for page in plan.pages:
        for link in (page.previous, page.next):
            if link is not None:
                assert by_route[link.route].report == page.report, (page.route, link.route)
    assert by_route["a-2023/index.html"].previous is None and by_route["a-2023/notes.html"].next is None
    # Lists (the home, each government's page) are read by choosing from them, not on.
    assert all(by_route[route].previous is None and by_route[route].next is None
               for route in ("index.html", "governments/jia.html", "governments/yi.html"))
    homes = {slug: by_route[f"{slug}/index.html"].subject for slug in ("a-2023", "b-2024", "c-2024")}
    assert all(isinstance(home, Home) for home in homes.values())
    assert (homes["a-2023"].earlier, homes["a-2023"].later) == (None, Link("2024年", "b-2024/index.html"))
    assert (homes["b-2024"].earlier, homes["b-2024"].later) == (Link("2023年", "a-2023/index.html"), None)
    assert (homes["c-2024"].earlier, homes["c-2024"].later) == (None, None)  # another government
    assert homes["b-2024"].series == Link("历年报告", "governments/jia.html")


def test_a_page_type_is_a_builder_a_template_and_a_line_of_the_order(report: Report, tmp_path: Path) -> None:
    """The next page types are each one builder, one template and one line of the reading order
    (and their route in routes.py). The hardest of them: a part in both scripts side by side,
    which needs two variants' content at once (the builder asks ReportAt.in_variant)."""
    hans = plan_content((report_variant("", report),))
    to_hant = make_converter("s2tw")
    hant_variant = Variant("zh-Hant", "繁體中文", "zh-hant", "s2tw")
    hant = replace(hans, variant=hant_variant, variants=(hans.variant, hant_variant),
                   reports=tuple(replace(entry, report=convert_value(entry.report, to_hant))
                                 for entry in hans.reports))
    hans = replace(hans, variants=hant.variants)

    @dataclass(frozen=True)
    class Facing:
        part: Part  # in this variant's script
        other: Part  # in the other's

    class FacingPages(PartBuilder[Facing]):  # the builder
        template, kind = "page_facing.html", "facing"

        def pages_of(self, at: ReportAt, part: Part) -> tuple[Page[Facing], ...]:
            other = next(p for p in at.in_variant("zh-Hant").report.parts if p.id == part.id)
            route = at.routes.part(part.id).replace("index.html", "both.html")  # routes.py's, in the site
            return (at.page(self, route, part.heading, Facing(part, other), key=part.id,
                            parent=at.routes.part(part.id)),)

    order = tuple(EachPart((PART, FacingPages(), SECTION)) if isinstance(builder, EachPart) else builder
                  for builder in REPORT_ORDER)  # the line of the order: after each part's own page
    sites = (hans, hant)
    plan = plan_site(hans, sites, (*SITE_ORDER[:2], EachReport(order), *SITE_ORDER[3:]))
    (templates := tmp_path / "templates").mkdir()
    (templates / "page_facing.html").write_text(  # the template
        '{% extends "base.html" %}{% block main %}{% for p in page.subject.part.opening %}'
        '<p>{{ p.text }}</p><p lang="zh-Hant">{{ page.subject.other.opening[loop.index0].text }}</p>'
        "{% endfor %}{% endblock %}\n", encoding="utf-8")
    env = make_environment((templates, ROOT / "templates"))
    routes_in_order = [page.route for page in plan.pages if page.report == ""]
    assert routes_in_order[1:4] == ["review/index.html", "review/both.html", "review/01.html"]
    facing = next(page for page in plan.pages if page.route == "plan/both.html")
    assert facing.crumbs[-1] == Link("二、2024年工作安排", "plan/index.html") and facing.next is not None
    static = frozenset({"style.css", "pages.css", "switch.js", "favicon.svg", "search-fold.js"})
    index = [page.route for page in plan.pages].index("plan/both.html")
    (rendered,) = render_variant(env, plan, hans, static, slice(index, index + 1))
    assert rendered.path == "zh-hans/plan/both.html"
    first = report.parts[1].opening[0].text
    assert f"<p>{first}</p>" in rendered.html and f'<p lang="zh-Hant">{to_hant(first)}</p>' in rendered.html


def test_the_text_side_by_side_is_a_page_per_part_in_each_script_reading_on_by_itself(report: Report) -> None:
    """Each part (and the preamble, the closing words) in every script at once: a page in each
    variant's folder, below the page it sets side by side, in a reading order of its own; the pages
    that show the text link it at their first text; a site of one script has none."""
    hans = plan_content((report_variant("", report),))
    assert not [page for page in plan_site(hans).pages if page.reading]  # one script: nothing beside it
    hant_variant = Variant("zh-Hant", "繁體中文", "zh-hant", "s2tw")
    to_hant = make_converter("s2tw")
    hant = replace(hans, variant=hant_variant, variants=(hans.variant, hant_variant),
                   reports=tuple(replace(entry, report=convert_value(entry.report, to_hant))
                                 for entry in hans.reports))
    hans = replace(hans, variants=hant.variants)
    for content in (hans, hant):
        plan = plan_site(content, (hans, hant))
        facing = [page for page in plan.pages if page.reading]
        assert [page.route for page in facing] == ["both/preamble.html", "both/review.html", "both/plan.html",
                                                   "both/closing.html"]
        neighbours = [(p.previous.route if p.previous else None, p.next.route if p.next else None)
                      for p in facing]
        assert neighbours[0] == (None, "both/review.html") and neighbours[1] == ("both/preamble.html",
                                                                                "both/plan.html")
        review = facing[1]
        assert (review.parent, review.scripts_of) == ("review/index.html", "review/index.html")
        assert review.subject.titles == (report.parts[0].heading, to_hant(report.parts[0].heading))
        # The preamble is on the home page (it is short): the home links its page.
        side_by_side = plan.reports[""].side_by_side
        assert side_by_side["index.html"] == "both/preamble.html"
        assert side_by_side["review/index.html"] == "both/review.html"
        assert side_by_side["review/03.html"] == "both/review.html#review-03"
        assert side_by_side["full.html"] == "both/preamble.html" and "figures.html" not in side_by_side
