"""Key figures: the targets read from the targets paragraph, the review's results, the chart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from site_src.genre import load_genre
from site_src.ingest import import_report
from site_src.model import Paragraph, Part, Provenance, Report, Source
from site_src.site.render import make_environment
from site_src.summaries.figures import match, parse
from site_src.summaries.figures.chart import ChartBar, chart_bars, layout
from site_src.summaries.figures.match import KeyFigure, KeyFigures, review_paragraphs
from site_src.summaries.figures.parse import Target, enumerated
from site_src.variants.convert import convert_value, make_converter
from tests.conftest import ROOT, SHARED_REPORTS, SLOW, slow_and

GRAMMAR = load_genre().figures
SYNONYMS = GRAMMAR.words.synonyms


# The stage's functions with the shipped genre's words.
def parse_targets(paragraph: Paragraph) -> tuple[tuple[Target, ...], tuple[parse.Unparsed, ...]]:
    return parse.parse_targets(paragraph, GRAMMAR)


def results(paragraphs: list[Paragraph] | tuple[Paragraph, ...]) -> tuple[parse.Result, ...]:
    return parse.results(paragraphs, GRAMMAR)


def find_results(report: Report, targets: tuple[Target, ...]) -> tuple[KeyFigure, ...]:
    return match.find_results(report, targets, GRAMMAR)


def key_figures(report: Report) -> KeyFigures:
    return match.key_figures(report, GRAMMAR)

def make_report(review: list[str], plan: list[str], *, targets: bool = True) -> Report:
    """A two-part report: the review's paragraphs, then the plan's (the first holds the targets)."""
    def part(part_id: str, texts: list[str], kinds: list[str]) -> Part:
        paragraphs = tuple(Paragraph(f"{part_id}-{n}", text, kind=kind)
                           for n, (text, kind) in enumerate(zip(texts, kinds, strict=True), start=1))
        return Part(part_id, "一", part_id, paragraphs, (), ())

    return Report("政府工作报告", "某区人民政府", 2024, (),
                  (part("review", review, ["text"] * len(review)),
                   part("plan", plan, ["targets" if targets else "text"] + ["text"] * (len(plan) - 1))), (),
                  Provenance(Source("", "", "", ""), 0, (), (), (), ()))


@pytest.fixture(scope="module")
def figures(report: Report) -> KeyFigures:
    return key_figures(report)


@pytest.fixture(scope="module")
def targets_paragraph(report: Report) -> Paragraph:
    (paragraph,) = (p for p in report.paragraphs() if p.kind == "targets")
    return paragraph


def by_indicator(figures: KeyFigures, indicator: str) -> KeyFigure:
    (figure,) = (f for f in figures.figures if f.indicator == indicator)
    return figure


# --- the targets of the real report ---------------------------------------------------------------

def test_every_target_is_quoted_from_the_targets_paragraph(figures: KeyFigures,
                                                           targets_paragraph: Paragraph) -> None:
    assert figures.figures
    for figure in figures.figures:
        target = figure.target
        assert target.paragraph_id == targets_paragraph.id
        assert target.quote in targets_paragraph.text
        assert target.indicator
        for written in (target.value or "", target.unit, target.qualifier, target.verb):
            assert written in target.quote


def test_no_clause_of_the_targets_paragraph_is_dropped(figures: KeyFigures,
                                                       targets_paragraph: Paragraph) -> None:
    """Each clause after the colon is quoted by a target or reported as unparsed."""
    body = targets_paragraph.text.split("：", 1)[1]
    clauses = [c for c in re.split("[，；。]", body) if c]
    quoted = [t.quote for t in (f.target for f in figures.figures)] + [u.quote for u in figures.unparsed]
    assert len(clauses) == 10
    for clause in clauses:
        assert any(clause in quote for quote in quoted), clause
    assert figures.unparsed == ()


def test_the_targets_as_the_plan_sets_them(figures: KeyFigures) -> None:
    written = {f.indicator: (f.target.verb, f.target.value, f.target.unit, f.target.qualifier)
               for f in figures.figures}
    assert written["地区生产总值"] == ("增长", "7", "%", "")
    assert written["社会消费品零售总额"] == ("增长", "7.5", "%", "")
    assert written["城镇调查失业率"] == ("控制在", "5.5", "%", "以内")
    assert written["单位GDP能耗"] == ("下降", None, "", "达到市级要求")
    assert by_indicator(figures, "社会消费品零售总额").target.number == 7.5


def test_qizhong_makes_a_sub_indicator(figures: KeyFigures) -> None:
    target = by_indicator(figures, "工业投资").target
    assert (target.parent, target.value, target.qualifier) == ("全社会固定资产投资", "15", "以上")
    assert target.quote == "其中工业投资增长15%以上"


def test_fenbie_spreads_the_values_over_the_enumerated_subjects(figures: KeyFigures) -> None:
    town = by_indicator(figures, "城镇常住居民人均可支配收入").target
    country = by_indicator(figures, "农村常住居民人均可支配收入").target
    assert (town.value, country.value) == ("5.5", "7")
    assert town.quote == country.quote == "城镇和农村常住居民人均可支配收入分别增长5.5%、7%"


# --- the 2023 results ---------------------------------------------------------------------------------

RESULTS = [
    ("地区生产总值", "6.6", "review-intro-3"),
    ("规上工业增加值", "8.2", "review-01-1"),
    ("全社会固定资产投资", "12.3", "review-02-1"),
    ("工业投资", "23", "review-02-1"),
    ("社会消费品零售总额", "8.1", "review-02-3"),
    ("一般公共预算收入", "21.5", "review-intro-3"),
    ("城镇常住居民人均可支配收入", "4.3", "review-intro-4"),
    ("农村常住居民人均可支配收入", "6.1", "review-intro-4"),
]


@pytest.mark.parametrize(("indicator", "value", "paragraph_id"), RESULTS)
def test_the_review_result_of_each_target(report: Report, figures: KeyFigures, indicator: str,
                                          value: str, paragraph_id: str) -> None:
    result = by_indicator(figures, indicator).result
    assert result is not None
    assert (result.value, result.unit, result.verb, result.paragraph_id) == (value, "%", "增长", paragraph_id)
    paragraph = next(p for p in report.paragraphs() if p.id == paragraph_id)
    assert result.quote in paragraph.source_text
    assert result.quote in result.sentence
    assert result.sentence in paragraph.source_text
    assert value + "%" in result.quote


def test_results_read_through_asides_prefixes_and_continued_clauses(figures: KeyFigures) -> None:
    assert by_indicator(figures, "地区生产总值").result.quote == "地区生产总值同比（下同）增长6.6%"
    assert by_indicator(figures, "规上工业增加值").result.quote == "规上工业总产值、增加值分别增长10.8%、8.2%"
    assert by_indicator(figures, "工业投资").result.parent == "全社会固定资产投资"
    income = by_indicator(figures, "农村常住居民人均可支配收入")
    assert income.result.quote == ("城镇和农村常住居民人均可支配收入分别为47382元、24686元，"
                                   "分别增长4.3%、6.1%")
    assert [(r.verb, r.value, r.unit) for r in income.related] == [("为", "24686", "元")]


def test_a_level_is_not_compared_with_a_growth_target(figures: KeyFigures) -> None:
    trade = by_indicator(figures, "进出口总额")
    assert trade.result is None
    (level,) = trade.related
    assert (level.indicator, level.value, level.unit, level.paragraph_id) == ("外贸进出口", "13.7", "亿元",
                                                                            "review-01-2")
    assert level.quote == "外贸进出口实现13.7亿元"
    revenue = by_indicator(figures, "一般公共预算收入")
    assert [(r.verb, r.value, r.unit) for r in revenue.related] == [("完成", "32.6", "亿元")]


def test_targets_the_review_does_not_report(figures: KeyFigures) -> None:
    for indicator in ("城镇调查失业率", "单位GDP能耗"):
        figure = by_indicator(figures, indicator)
        assert figure.result is None
        assert figure.related == ()


def test_results_come_from_the_review_only(report: Report, figures: KeyFigures) -> None:
    """The review is the part the model calls review, with the opening summary before it."""
    assert report.parts[0].kind == "review" and report.parts[1].kind == "plan"
    review = {p.id for p in report.parts[0].paragraphs()} | {p.id for p in report.preamble}
    targets = [f.target for f in figures.figures]
    assert {p.id for p in review_paragraphs(report, targets)} == review
    for figure in figures.figures:
        for result in (figure.result, *figure.related):
            if result is not None:
                assert result.paragraph_id in review


def test_the_seeds_synonym_is_a_wording_of_its_review(report: Report) -> None:
    review = "".join(p.source_text for p in report.parts[0].paragraphs())
    plan = "".join(p.source_text for p in report.parts[1].paragraphs())
    assert "进出口总额" in plan
    assert "外贸进出口" in review


@pytest.mark.parametrize(("indicator", "wordings"), SYNONYMS.items())
@SLOW
def test_each_synonym_is_a_wording_of_a_review(report: Report, indicator: str,
                                               wordings: tuple[str, ...]) -> None:
    """Each synonym is curated from a report (the seed or a shared one): the plan of one report
    names the indicator and its review uses the other wording, in its text or as the indicator
    of a figure it states (城乡居民… spread to 城镇居民…)."""
    reports = [report]
    if SHARED_REPORTS.is_dir():
        reports += [shared(name) for name in SHARED]
    found = []
    for each in reports:
        (targets_paragraph,) = (p for p in each.paragraphs() if p.kind == "targets")
        review = review_paragraphs(each, parse_targets(targets_paragraph)[0])
        stated = "".join(p.source_text for p in review)
        named = {r.indicator for r in results(review)}
        found.append(indicator in targets_paragraph.source_text
                     and all(w in stated or w in named for w in wordings))
    if not any(found) and not SHARED_REPORTS.is_dir():
        pytest.skip(f"{SHARED_REPORTS} is absent: the synonym is curated from a shared report")
    assert any(found)
    assert indicator not in wordings


# --- small paragraphs ---------------------------------------------------------------------------------

def test_a_clause_the_parser_cannot_read_is_returned() -> None:
    # 居民收入增长和经济增长同步, the unreadable clause here once, is now a qualitative target.
    paragraph = Paragraph("t", "今年主要预期目标是：地区生产总值增长6%左右，生态环境进一步改善，"
                               "城镇调查失业率控制在5.5%以内。", kind="targets")
    targets, unparsed = parse_targets(paragraph)
    assert [(t.indicator, t.value, t.qualifier) for t in targets] == [("地区生产总值", "6", "左右"),
                                                                     ("城镇调查失业率", "5.5", "以内")]
    (missed,) = unparsed
    assert (missed.paragraph_id, missed.quote) == ("t", "生态环境进一步改善")
    assert missed.quote in paragraph.text


def test_values_that_do_not_match_the_enumeration_are_unparsed() -> None:
    paragraph = Paragraph("t", "目标是：城镇和农村居民收入分别增长5%、6%、7%。")
    targets, (missed,) = parse_targets(paragraph)
    assert targets == ()
    assert missed.quote == "城镇和农村居民收入分别增长5%、6%、7%"
    assert "3 values" in missed.reason


def test_a_figure_without_an_indicator_is_unparsed() -> None:
    targets, (missed,) = parse_targets(Paragraph("t", "分别增长5%、6%。"))
    assert targets == ()
    assert missed.quote == "分别增长5%、6%"


def test_a_unit_and_qualifier_written_once_hold_for_every_value() -> None:
    targets, unparsed = parse_targets(Paragraph("t", "工业用电、用气分别增长5.5、7%以上。"))
    assert unparsed == ()
    assert [(t.indicator, t.value, t.unit, t.qualifier) for t in targets] == [
        ("工业用电", "5.5", "%", "以上"), ("工业用气", "7", "%", "以上")]


def test_several_figures_of_one_indicator_and_a_fall() -> None:
    targets, _ = parse_targets(Paragraph("t", "一般公共预算收入完成30亿元、增长5%，单位GDP能耗下降3%。"))
    assert [(t.indicator, t.verb, t.value, t.unit, t.measure) for t in targets] == [
        ("一般公共预算收入", "完成", "30", "亿元", "level"),
        ("一般公共预算收入", "增长", "5", "%", "change"),
        ("单位GDP能耗", "下降", "3", "%", "change")]
    assert [t.is_growth_rate for t in targets] == [False, True, False]


@pytest.mark.parametrize("text", ["全年生产总值6.36万亿元、增长5.1%。", "全年生产总值6.36万亿元增长5.1%。"])
def test_an_amount_before_its_change_is_two_figures_of_one_indicator(text: str) -> None:
    stated = results([Paragraph("r", text)])
    assert [(r.indicator, r.verb, r.value, r.unit, r.measure) for r in stated] == [
        ("生产总值", "", "6.36", "万亿元", "level"), ("生产总值", "增长", "5.1", "%", "change")]


@pytest.mark.parametrize(("subject", "count", "expected"), [
    ("规上工业总产值、增加值", 2, ("规上工业总产值", "规上工业增加值")),
    ("城镇和农村常住居民人均可支配收入", 2, ("城镇常住居民人均可支配收入", "农村常住居民人均可支配收入")),
    ("批发、零售、住宿、餐饮", 4, ("批发", "零售", "住宿", "餐饮")),
    ("一、二、三产业增加值", 3, ("一产业增加值", "二产业增加值", "三产业增加值")),
    ("城镇和农村常住居民人均可支配收入", 3, None),
    ("工业总产值、增加值和利润总额", 3, None),  # neither a shared prefix nor a shared suffix
])
def test_enumerated_subjects(subject: str, count: int, expected: tuple[str, ...] | None) -> None:
    assert enumerated(subject, count) == expected


def test_a_clause_without_a_subject_continues_the_previous_one() -> None:
    paragraph = Paragraph("r", "城镇和农村居民收入分别为100元、50元，分别增长5%、6%。")
    found = results([paragraph])
    assert [(r.indicator, r.verb, r.value) for r in found] == [
        ("城镇居民收入", "为", "100"), ("农村居民收入", "为", "50"),
        ("城镇居民收入", "增长", "5"), ("农村居民收入", "增长", "6")]
    assert found[2].quote == "城镇和农村居民收入分别为100元、50元，分别增长5%、6%"


def test_find_results_reads_the_parts_before_the_targets() -> None:
    report = make_report(
        review=["地区生产总值增长5%，进出口总额实现10亿元。", "其中无关的话。"],
        plan=["今年主要预期目标是：地区生产总值增长6%，进出口总额增长4%，城镇调查失业率控制在5%以内。",
              "地区生产总值增长8%。"])
    (paragraph,) = (p for p in report.paragraphs() if p.kind == "targets")
    targets, _ = parse_targets(paragraph)
    gdp, trade, jobs = find_results(report, targets)
    assert (gdp.result.value, gdp.result.paragraph_id) == ("5", "review-1")  # not the plan's 8%
    assert trade.result is None and [r.value for r in trade.related] == ["10"]
    assert jobs.result is None and jobs.related == ()
    assert key_figures(report).figures == (gdp, trade, jobs)


def test_no_targets_paragraph_means_no_figures() -> None:
    report = make_report(review=["地区生产总值增长5%。"], plan=["今年要抓好十个方面的工作。"], targets=False)
    assert key_figures(report) == KeyFigures((), ())


# --- the chart ----------------------------------------------------------------------------------------

def render_chart(bars: tuple[ChartBar, ...], title: str = "主要指标",
                 legend: tuple[str, str] = ("2023年完成", "2024年目标")) -> str:
    """The chart as the figures page draws it: the template partial over the layout."""
    env = make_environment((ROOT / "templates",))
    return env.get_template("partials/chart.html").render(chart=layout(bars, "figures"), chart_title=title,
                                                          legend=legend)


def chart(bars: tuple[ChartBar, ...], **words: object) -> ET.Element:
    return ET.fromstring(render_chart(bars, **words))  # type: ignore[arg-type]


def classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def style(element: ET.Element) -> dict[str, float]:
    """margin-left and width of a bar, in % of its track."""
    return {name.strip(): float(value.strip().removesuffix("%"))
            for name, value in (item.split(":") for item in (element.get("style") or "").split(";") if item)}


def test_the_chart_is_html_text_with_a_caption_and_words_for_screen_readers(figures: KeyFigures) -> None:
    bars = chart_bars(figures.figures, missing="无可比数据")
    root = chart(bars)
    assert root.tag == "figure" and root.get("aria-labelledby") == "figures-title"
    caption = root.find("figcaption")
    assert caption is not None and caption.get("id") == "figures-title" and caption.text == "主要指标"
    rows = [li for li in root.iter("li") if "chart-row" in classes(li)]
    labels = [next(e for e in row if "chart-label" in classes(e)).text for row in rows]
    assert labels == [f.indicator for f in figures.figures if f.target.is_growth_rate]
    # Each value is text, read with its legend (the bars themselves are hidden from screen readers).
    values = ["".join(e.itertext()) for e in root.iter("span") if "chart-value" in classes(e)]
    assert values[:2] == ["2023年完成：6.6%", "2024年目标：7%"]
    assert "2023年完成：无可比数据" in values
    assert all(e.get("aria-hidden") == "true" for e in root.iter("span") if "chart-track" in classes(e))
    assert not list(root.iter("script")) and not list(root.iter("svg"))


def test_the_chart_draws_only_growth_targets_against_comparable_results(figures: KeyFigures) -> None:
    bars = chart_bars(figures.figures)
    assert {"城镇调查失业率", "单位GDP能耗"}.isdisjoint(bar.label for bar in bars)
    rows = [li for li in chart(bars).iter("li") if "chart-row" in classes(li)]
    assert len(rows) == len(bars)
    drawn = []
    for row, bar in zip(rows, bars, strict=True):
        widths = {kind: style(e)["width"] for e in row.iter("span") for kind in ("result", "target")
                  if f"chart-bar-{kind}" in classes(e)}
        assert ("result" in widths) == (bar.result is not None)
        drawn += [(bar.target, widths["target"])]
        if bar.result is not None:
            drawn += [(bar.result, widths["result"])]
    # Bars are drawn to one scale: a larger value is a longer bar, the largest fills its track.
    assert sorted(drawn) == sorted(drawn, key=lambda item: item[1])
    assert max(width for _, width in drawn) == 100
    assert [bar.label for bar in bars if bar.result is None] == ["进出口总额"]


def test_the_chart_takes_converted_words_and_escapes_them(figures: KeyFigures) -> None:
    convert = make_converter("s2tw")
    bars = chart_bars(figures.figures, convert)
    assert bars[0].label == "地區生產總值"
    hostile = (ChartBar('<script>alert("x")</script> & 收入', 5.0, 6.0, "5%", "6%"),)
    text = render_chart(hostile, title="A & <B>", legend=("'引号'", "<i>"))
    assert "<script>" not in text and "<i>" not in text
    root = ET.fromstring(text)
    assert root.find("figcaption").text == "A & <B>"
    label = next(e for e in root.iter("span") if "chart-label" in classes(e))
    assert label.text == '<script>alert("x")</script> & 收入'


def test_the_chart_is_deterministic_and_handles_edge_cases() -> None:
    bars = (ChartBar("甲", -2.5, 3.0, "-2.5%", "3%"), ChartBar("乙", None, 4.0, "—", "4%"))
    first = render_chart(bars)
    assert first == render_chart(bars)
    root = ET.fromstring(first)
    drawn = [e for e in root.iter("span") if "chart-bar" in classes(e)]
    assert [sorted(classes(e) - {"chart-bar"}) for e in drawn] == [
        ["chart-bar-result"], ["chart-bar-target"], ["chart-bar-target"]]  # 乙 has no result bar
    zero = 2.5 / 6.5 * 100
    (negative, *_) = drawn
    assert style(negative)["margin-left"] == 0 and abs(style(negative)["width"] - zero) < 0.1
    for bar in drawn[1:]:
        assert abs(style(bar)["margin-left"] - zero) < 0.1 and style(bar)["width"] >= 0
    assert all(abs(float(e.get("style").split(":")[1].rstrip("%")) - zero) < 0.1
               for e in root.iter("span") if "chart-zero" in classes(e))
    empty = chart(())
    assert not [li for li in empty.iter("li") if "chart-row" in classes(li)]


def test_chart_bars_skip_targets_that_are_no_growth_rate() -> None:
    target = Target("城镇调查失业率", "控制在", "5.5", 5.5, "%", "以内", "t", "城镇调查失业率控制在5.5%以内")
    assert chart_bars([KeyFigure(target.indicator, target, None)]) == ()


def test_figures_convert_for_the_traditional_pages(figures: KeyFigures) -> None:
    converted = convert_value(figures, make_converter("s2tw"))
    gdp = converted.figures[0]
    assert (gdp.indicator, gdp.target.quote) == ("地區生產總值", "地區生產總值增長7%")
    assert (gdp.target.paragraph_id, gdp.target.value, gdp.result.paragraph_id) == (
        "plan-intro-2", "7", "review-intro-3")


# --- the forms of other reports, in small paragraphs ------------------------------------------------

def written(targets: tuple[Target, ...]) -> list[tuple[str, str, str | None, str, str]]:
    return [(t.indicator, t.verb, t.value, t.unit, t.qualifier) for t in targets]


@pytest.mark.parametrize(("text", "value", "unit", "upper"), [
    ("国内生产总值增长6%－6.5%", "6%－6.5", "%", 6.5),
    ("国内生产总值增长6%-6.5%", "6%-6.5", "%", 6.5),
    ("国内生产总值增长6—6.5%左右", "6—6.5", "%", 6.5),
    ("国内生产总值增长6.5%", "6.5", "%", None),
])
def test_a_range_keeps_its_wording_and_both_bounds(text: str, value: str, unit: str,
                                                   upper: float | None) -> None:
    (target,), unparsed = parse_targets(Paragraph("t", f"目标是：{text}。"))
    assert unparsed == ()
    assert (target.indicator, target.verb, target.value, target.unit) == ("国内生产总值", "增长", value, unit)
    assert (target.number, target.upper) == (float(value.split("%")[0].split("—")[0].split("-")[0]), upper)
    assert f"{target.value}{target.unit}{target.qualifier}" in text
    assert target.is_growth_rate
    (bar,) = chart_bars([KeyFigure(target.indicator, target, None)])
    assert (bar.target, bar.target_text) == (target.number, text.removeprefix("国内生产总值增长"))


def test_an_indicator_followed_directly_by_its_value() -> None:
    targets, unparsed = parse_targets(Paragraph(
        "t", "目标是：城镇新增就业1100万人以上，城镇调查失业率5.5%左右，城镇登记失业率4.5%以内，"
             "粮食产量730亿斤以上，城镇新增就业85万人。"))
    assert unparsed == ()
    assert written(targets) == [("城镇新增就业", "", "1100", "万人", "以上"),
                                ("城镇调查失业率", "", "5.5", "%", "左右"),
                                ("城镇登记失业率", "", "4.5", "%", "以内"),
                                ("粮食产量", "", "730", "亿斤", "以上"),
                                ("城镇新增就业", "", "85", "万人", "")]
    assert [t.measure for t in targets] == ["level", "rate", "rate", "level", "level"]
    assert not any(t.is_growth_rate for t in targets)


def test_an_indicator_that_names_a_rate_is_a_change() -> None:
    targets, _ = parse_targets(Paragraph("t", "居民消费价格涨幅3%左右，出口增幅5%，贫困人口减少1000万以上。"))
    assert written(targets) == [("居民消费价格涨幅", "", "3", "%", "左右"), ("出口增幅", "", "5", "%", ""),
                                ("贫困人口", "减少", "1000", "万", "以上")]
    assert [t.measure for t in targets] == ["change"] * 3


def test_qualitative_targets_without_a_verb() -> None:
    targets, unparsed = parse_targets(Paragraph(
        "t", "居民收入增长和经济增长基本同步，居民收入增长与经济增长同步，主要约束性指标达到上级要求，"
             "进出口稳中提质。"))
    assert written(targets) == [("居民收入增长", "", None, "", "和经济增长基本同步"),
                                ("居民收入增长", "", None, "", "与经济增长同步"),
                                ("主要约束性指标", "", None, "", "达到上级要求")]
    assert all(t.number is None for t in targets)
    assert [u.quote for u in unparsed] == ["进出口稳中提质"]


def test_jun_gives_one_value_to_every_enumerated_indicator() -> None:
    targets, unparsed = parse_targets(Paragraph(
        "t", "城镇常住居民人均可支配收入、农村常住居民人均可支配收入均增长8%；"
             "城镇和农村居民收入均增长7%以上。"))
    assert unparsed == ()
    assert written(targets) == [
        ("城镇常住居民人均可支配收入", "增长", "8", "%", ""),
        ("农村常住居民人均可支配收入", "增长", "8", "%", ""),
        ("城镇居民收入", "增长", "7", "%", "以上"), ("农村居民收入", "增长", "7", "%", "以上")]
    _, (missed,) = parse_targets(Paragraph("t", "工业总产值、增加值和利润总额均增长8%。"))
    assert missed.quote == "工业总产值、增加值和利润总额均增长8%" and "均" in missed.reason


def test_results_in_the_review_forms_of_other_reports() -> None:
    found = results([Paragraph("r", "地区生产总值达到 287.9亿元，同比增长8.9%（按可比价计算）；"
                                    "城乡居民人均可支配收入分别增长8.7%和8.6%；粮食产量达到732.5亿斤、创历史新高。")])
    assert [(r.indicator, r.verb, r.value, r.unit) for r in found] == [
        ("地区生产总值", "达到", "287.9", "亿元"), ("地区生产总值", "增长", "8.9", "%"),
        ("城镇居民人均可支配收入", "增长", "8.7", "%"), ("农村居民人均可支配收入", "增长", "8.6", "%"),
        ("粮食产量", "达到", "732.5", "亿斤")]
    assert found[1].quote == "地区生产总值达到 287.9亿元，同比增长8.9%（按可比价计算）"


def test_results_match_through_scope_words_and_verb_synonyms() -> None:
    report = make_report(
        review=["实现地区生产总值100亿元，增长5.5%；全省城镇新增就业107万人；居民消费价格上涨2.1%。"],
        plan=["今年主要预期目标是：地区生产总值增长6%左右；城镇新增就业85万人；居民消费价格涨幅3%左右；"
              "社会消费品零售总额增长7%。"])
    gdp, jobs, prices, retail = key_figures(report).figures
    assert (gdp.result.value, gdp.result.quote) == ("5.5", "实现地区生产总值100亿元，增长5.5%")
    assert [r.value for r in gdp.related] == ["100"]
    assert (jobs.result.value, jobs.result.unit) == ("107", "万人")
    assert jobs.result.quote == "全省城镇新增就业107万人"
    assert (prices.result.verb, prices.result.value) == ("上涨", "2.1")
    assert prices.result.quote == "居民消费价格上涨2.1%"
    assert retail.result is None and retail.related == ()  # never invented


# --- the shared reports ---------------------------------------------------------------------------------

SHARED = ("2014-hailar-district-hulunbuir", "2016-hailar-district-hulunbuir", "2019-national-state-council",
          "2026-sichuan-province")
_imported: dict[str, Report] = {}


def shared(name: str) -> Report:
    if name not in _imported:
        path = SHARED_REPORTS / f"{name}.txt"
        _imported[name] = import_report(path.read_bytes(), str(path), ())
    return _imported[name]


needs_shared = slow_and(pytest.mark.skipif(not SHARED_REPORTS.is_dir(),
                                          reason=f"the shared reports are absent ({SHARED_REPORTS})"))


def shared_figures(name: str) -> tuple[Report, KeyFigures, dict[tuple[str, str], KeyFigure]]:
    report = shared(name)
    figures = key_figures(report)
    return report, figures, {(f.indicator, f.target.verb): f for f in figures.figures}


def check_quotes(report: Report, figures: KeyFigures) -> None:
    """Every quote is verbatim from its paragraph; every clause of the targets is a target or unparsed."""
    text = {p.id: p.source_text for p in report.paragraphs()}
    for figure in figures.figures:
        assert figure.target.quote in text[figure.target.paragraph_id]
        for result in (figure.result, *figure.related):
            if result is not None:
                assert result.quote in result.sentence in text[result.paragraph_id]
                assert result.value in result.quote
    for missed in figures.unparsed:
        assert missed.quote in text[missed.paragraph_id]
    (paragraph,) = (p for p in report.paragraphs() if p.kind == "targets")
    quoted = [f.target.quote for f in figures.figures] + [u.quote for u in figures.unparsed]
    for clause in re.split("[，；。：]", paragraph.source_text.split("：", 1)[1]):
        assert not clause or any(clause in quote for quote in quoted), clause


@needs_shared
def test_hailar_2016() -> None:
    report, figures, by = shared_figures("2016-hailar-district-hulunbuir")
    check_quotes(report, figures)
    assert len(figures.figures) == 9 and figures.unparsed == ()  # was 7 targets, 1 unparsed
    town, country = by["城镇常住居民人均可支配收入", "增长"], by["农村常住居民人均可支配收入", "增长"]
    assert (town.target.value, country.target.value) == ("8", "8")
    assert (town.result.value, country.result.value) == ("8.7", "8.6")
    assert town.result.quote == "城乡居民人均可支配收入分别增长8.7%和8.6%"
    gdp = by["地区生产总值", "增长"]
    assert (gdp.result.value, gdp.result.paragraph_id) == ("8.9", "review-intro-14")
    assert by["地区生产总值", "达到"].result.value == "287.9"
    revenue = by["公共财政预算收入", "增长"].result
    assert (revenue.indicator, revenue.value) == ("地方公共财政预算收入", "10.3")
    required = by["主要约束性指标", ""].target
    assert (required.value, required.qualifier) == (None, "达到上级要求")
    assert by["社会消费品零售总额", "增长"].result is None  # the review gives only the five-year rate


@needs_shared
def test_state_council_2019() -> None:
    report, figures, by = shared_figures("2019-national-state-council")
    check_quotes(report, figures)
    assert len(figures.figures) == 8 and len(figures.unparsed) == 13  # was 1 target, 20 unparsed
    gdp = by["国内生产总值", "增长"]
    target = gdp.target
    assert (target.value, target.unit, target.number, target.upper) == ("6%－6.5", "%", 6.0, 6.5)
    assert (gdp.result.value, gdp.result.quote, gdp.result.paragraph_id) == ("6.6", "国内生产总值增长6.6%",
                                                                           "review-intro-2")
    jobs = by["城镇新增就业", ""].target
    assert (jobs.value, jobs.unit, jobs.qualifier) == ("1100", "万人", "以上")
    assert by["城镇新增就业", ""].result.quote == "城镇新增就业1361万人"  # the list read item by item
    assert by["城镇调查失业率", ""].result.quote == "调查失业率稳定在5%左右的较低水平"
    unemployment = by["城镇调查失业率", ""].target
    assert (unemployment.value, unemployment.qualifier) == ("5.5", "左右")
    assert by["城镇登记失业率", ""].target.qualifier == "以内"
    prices = by["居民消费价格涨幅", ""]
    assert (prices.target.value, prices.target.qualifier) == ("3", "左右")
    assert (prices.result.value, prices.result.quote) == ("2.1", "居民消费价格上涨2.1%")
    poverty = by["农村贫困人口", "减少"]
    assert (poverty.target.value, poverty.target.unit, poverty.result.value) == ("1000", "万", "1386")
    assert by["居民收入增长", ""].target.qualifier == "与经济增长基本同步"
    assert by["单位国内生产总值能耗", "下降"].result.value == "3.1"
    assert "国际收支基本平衡" in [u.quote for u in figures.unparsed]


@needs_shared
def test_sichuan_2026() -> None:
    report, figures, by = shared_figures("2026-sichuan-province")
    check_quotes(report, figures)
    assert len(figures.figures) == 7 and len(figures.unparsed) == 1  # was 2 targets, 6 unparsed
    assert [u.quote for u in figures.unparsed] == ["按照国家要求完成节能减排降碳任务"]
    gdp = by["地区生产总值", "增长"]
    assert (gdp.result.value, gdp.result.quote) == ("5.5", "实现地区生产总值67665亿元，增长5.5%")
    jobs = by["城镇新增就业", ""]
    assert (jobs.target.value, jobs.target.unit, jobs.result.value) == ("85", "万人", "107")
    assert jobs.result.quote == "全省城镇新增就业107万人"
    grain = by["粮食产量", ""]
    assert (grain.target.value, grain.target.qualifier, grain.result.value) == ("730", "以上", "732.5")
    assert by["地方一般公共预算收入", "增长"].result.value == "3.9"
    assert by["居民消费价格涨幅", ""].result is None  # the review does not state it
    assert by["城镇调查失业率", ""].result is None
    assert by["居民收入增长", ""].target.qualifier == "和经济增长基本同步"
