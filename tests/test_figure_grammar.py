"""The figure grammar, one form at a time: each test is a wording of the genre (the targets list,
the review's results) in a small paragraph, with what a careful reader takes from it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from site_src.genre import load_genre
from site_src.model import Paragraph, Part, Provenance, Report, Source
from site_src.summaries.figures import match, parse
from site_src.summaries.figures.chart import chart_bars
from site_src.summaries.figures.export import figure_rows
from site_src.summaries.figures.match import KeyFigure
from site_src.summaries.figures.parse import Result, Target
from tests.conftest import SHARED_REPORTS, SLOW

GRAMMAR = load_genre().figures


def targets(text: str) -> tuple[tuple[Target, ...], tuple[parse.Unparsed, ...]]:
    return parse.parse_targets(Paragraph("t", f"今年主要预期目标是：{text}", kind="targets"), GRAMMAR)


def read(text: str) -> list[tuple[str, str, str | None, str, str]]:
    """(indicator, verb, value, unit, qualifier) of each target; nothing may be left unread."""
    found, unparsed = targets(text)
    assert unparsed == (), [u.quote for u in unparsed]
    return [(t.indicator, t.verb, t.value, t.unit, t.qualifier) for t in found]


def stated(text: str, year: int | None = None) -> list[tuple[str, str, str | None, str]]:
    found = parse.results([Paragraph("r", text)], GRAMMAR, year)
    return [(r.indicator, r.verb, r.value, r.unit) for r in found]


def report(review: list[str], plan: str, year: int = 2024, preamble: tuple[str, ...] = ()) -> Report:
    """A report of the given year: its review part, then a plan part opening with the targets."""
    def paragraphs(prefix: str, texts: list[str] | tuple[str, ...]) -> tuple[Paragraph, ...]:
        return tuple(Paragraph(f"{prefix}-{n}", text) for n, text in enumerate(texts, start=1))

    plan_part = Part("plan", "二", "", (Paragraph("plan-1", plan, kind="targets"),), (), ())
    return Report("政府工作报告", "某区人民政府", year, paragraphs("preamble", preamble),
                  (Part("review", "一", "", paragraphs("review", review), (), ()), plan_part), (),
                  Provenance(Source("", "", "", ""), 0, (), (), (), ()))


def figure(review: list[str], plan: str, indicator: str, **kwargs: object) -> KeyFigure:
    (found,) = (f for f in match.key_figures(report(review, plan, **kwargs), GRAMMAR).figures
                if f.indicator == indicator)
    return found


# --- the targets paragraph, read as a list ---------------------------------------------------------

def test_a_list_separated_by_dun_is_one_target_an_item() -> None:
    assert read("地区生产总值增长7%、一般公共预算收入增长2%、固定资产投资增长7%。") == [
        ("地区生产总值", "增长", "7", "%", ""), ("一般公共预算收入", "增长", "2", "%", ""),
        ("固定资产投资", "增长", "7", "%", "")]


def test_no_indicator_swallows_a_list() -> None:
    found, unparsed = targets("居民收入增长和经济增长同步、粮食产量1.3万亿斤以上；城镇、农村居民收入增长8%。")
    assert [(t.indicator, t.value, t.qualifier) for t in found] == [
        ("居民收入增长", None, "和经济增长同步"), ("粮食产量", "1.3", "以上")]
    (missed,) = unparsed  # one value for two indicators without 分别 or 均: not guessed
    assert missed.quote == "城镇、农村居民收入增长8%"
    assert all("、" not in t.indicator and "，" not in t.indicator for t in found)


def test_lizheng_in_each_item_is_a_second_target_of_the_indicator() -> None:
    found, unparsed = targets("地区生产总值增长7%以上、力争8%，规上工业增加值增长9%、力争10%；"
                              "力争城镇新增就业5万人。")
    assert unparsed == ()
    assert [(t.indicator, t.verb, t.value, t.hedge, t.qualifier) for t in found] == [
        ("地区生产总值", "增长", "7", "", "以上"), ("地区生产总值", "力争增长", "8", "力争", ""),
        ("规上工业增加值", "增长", "9", "", ""), ("规上工业增加值", "力争增长", "10", "力争", ""),
        ("城镇新增就业", "力争", "5", "力争", "")]
    assert [t.measure for t in found] == ["change"] * 4 + ["level"]


def test_a_hedge_after_a_comma_keeps_the_verb_of_its_indicator() -> None:
    found, _ = targets("地区生产总值增长6%以上，力争7%。")
    assert [(t.indicator, t.verb, t.value) for t in found] == [("地区生产总值", "增长", "6"),
                                                              ("地区生产总值", "力争增长", "7")]


@pytest.mark.parametrize(("text", "value", "number", "upper"), [
    ("国内生产总值增长4.5%—5%", "4.5%—5", 4.5, 5.0),
    ("国内生产总值增长6%－6.5%", "6%－6.5", 6.0, 6.5),
    ("规模工业增加值增长6%-7%", "6%-7", 6.0, 7.0),
    ("经济增长速度８％", "8", 8.0, None),  # full-width digits and sign
])
def test_a_value_or_a_range(text: str, value: str, number: float, upper: float | None) -> None:
    (target,), unparsed = targets(text + "。")
    assert unparsed == ()
    assert (target.value, target.number, target.upper, target.unit, target.measure) == (
        value, number, upper, "%", "change")


@pytest.mark.parametrize(("text", "unit", "qualifier"), [
    ("城镇新增就业1100万人以上", "万人", "以上"), ("粮食产量1.3万亿斤以上", "万亿斤", "以上"),
    ("城镇调查失业率5.5%左右", "%", "左右"), ("城镇登记失业率4.5%以内", "%", "以内"),
    ("二氧化硫排放量下降3%以下", "%", "以下"), ("农村贫困人口减少1000万以上", "万", "以上"),
    ("固定资产投资增长8% 左右", "%", "左右"),  # a space the source left
])
def test_a_unit_and_a_qualifier(text: str, unit: str, qualifier: str) -> None:
    (target,), _ = targets(text + "。")
    assert (target.unit, target.qualifier) == (unit, qualifier)


def test_a_ceiling_written_before_the_value() -> None:
    (target,), _ = targets("城镇登记失业率低于4.6%。")
    assert (target.indicator, target.verb, target.value, target.hedge, target.measure) == (
        "城镇登记失业率", "低于", "4.6", "低于", "rate")
    (row,) = figure_rows([KeyFigure(target.indicator, target, None)], 2024, 2023)
    assert row.target_qualifier == "低于"


@pytest.mark.parametrize(("text", "measure"), [
    ("地区生产总值增长7%", "change"), ("单位地区生产总值能耗下降3%", "change"),
    ("居民消费价格涨幅3%左右", "change"), ("居民消费价格指数涨幅控制在3.8%以内", "change"),
    ("城镇调查失业率控制在5.5%以内", "rate"), ("常住人口城镇化率达到50%左右", "rate"),
    ("研发投入强度达到3.95%", "rate"), ("城镇新增就业85万人", "level"), ("地区生产总值达到282亿元", "level"),
])
def test_the_measure_change_level_or_rate(text: str, measure: str) -> None:
    (target,), _ = targets(text + "。")
    assert target.measure == measure


def test_fenbie_gives_each_indicator_of_a_compound_its_value() -> None:
    assert read("城镇和农村居民人均可支配收入分别增长5.5%、7%。") == [
        ("城镇居民人均可支配收入", "增长", "5.5", "%", ""), ("农村居民人均可支配收入", "增长", "7", "%", "")]
    assert read("城乡居民人均可支配收入分别增长9%和10%以上。") == [
        ("城镇居民人均可支配收入", "增长", "9", "%", "以上"),
        ("农村居民人均可支配收入", "增长", "10", "%", "以上")]
    assert read("城镇和农村常住居民人均可支配收入分别增长7％左右和9％左右。") == [
        ("城镇常住居民人均可支配收入", "增长", "7", "%", "左右"),
        ("农村常住居民人均可支配收入", "增长", "9", "%", "左右")]


def test_fenbie_over_words_the_genre_enumerates() -> None:
    assert read("三次产业分别增长5%、9%、6%。") == [
        ("第一产业", "增长", "5", "%", ""), ("第二产业", "增长", "9", "%", ""),
        ("第三产业", "增长", "6", "%", "")]
    found, _ = targets("全州地区生产总值增长6％左右，其中一、二、三产增加值分别增长4％、8％、6％左右；")
    assert [(t.indicator, t.value, t.qualifier, t.parent) for t in found] == [
        ("地区生产总值", "6", "左右", ""), ("一产增加值", "4", "左右", "地区生产总值"),
        ("二产增加值", "8", "左右", "地区生产总值"), ("三产增加值", "6", "左右", "地区生产总值")]


def test_jun_over_two_whole_indicators() -> None:
    assert read("一般公共预算总收入、地方一般公共预算收入均增长5.5%左右。") == [
        ("一般公共预算总收入", "增长", "5.5", "%", "左右"),
        ("地方一般公共预算收入", "增长", "5.5", "%", "左右")]


def test_a_target_without_a_number_is_kept_as_such() -> None:
    found, _ = targets("居民收入增长和经济增长同步，主要约束性指标达到上级要求，"
                       "单位GDP能耗下降达到市级要求，城镇和农村居民人均可支配收入增长与经济增长基本同步。")
    assert [(t.indicator, t.value, t.number, t.qualifier) for t in found] == [
        ("居民收入增长", None, None, "和经济增长同步"), ("主要约束性指标", None, None, "达到上级要求"),
        ("单位GDP能耗", None, None, "达到市级要求"),
        ("城镇和农村居民人均可支配收入增长", None, None, "与经济增长基本同步")]


def test_a_target_set_against_another_is_no_figure() -> None:
    found, (missed,) = targets("固定资产投资增速高于省平1个百分点。")
    assert found == () and missed.quote == "固定资产投资增速高于省平1个百分点"


def test_a_number_in_quotation_marks_or_touching_latin_letters_is_a_name() -> None:
    found, unparsed = targets("PM2.5平均浓度下降5%。确保完成“3815”战略发展目标。")
    assert [(t.indicator, t.value) for t in found] == [("PM2.5平均浓度", "5")]
    assert [u.quote for u in unparsed] == ["确保完成“3815”战略发展目标"]


def test_the_list_runs_from_its_introduction_to_the_next() -> None:
    paragraph = Paragraph("t", "今年是关键之年，投资增长很快，增长10%。"
                               "今年主要预期目标是：地区生产总值增长6%。"
                               "重点抓好以下工作：新建学校5所。", kind="targets")
    found, unparsed = parse.parse_targets(paragraph, GRAMMAR)
    assert [(t.indicator, t.value) for t in found] == [("地区生产总值", "6")]
    assert unparsed == ()


def test_scope_and_time_words_are_not_the_indicator() -> None:
    assert read("全区地区生产总值增长5%左右，今年城镇调查失业率全年控制在5.5%以内。") == [
        ("地区生产总值", "增长", "5", "%", "左右"), ("城镇调查失业率", "控制在", "5.5", "%", "以内")]


# --- results, in the review's wordings --------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("全省完成地区生产总值31534亿元、增长3.3%。",
     [("地区生产总值", "", "31534", "亿元"), ("地区生产总值", "增长", "3.3", "%")]),
    ("实现地区生产总值5576.3亿元，比上年增长3.1%、高于全省平均水平0.5个百分点。",
     [("地区生产总值", "", "5576.3", "亿元"), ("地区生产总值", "增长", "3.1", "%")]),
    ("全年地区生产总值完成192.3亿元，按可比价计算，同比增长6.0%。",
     [("地区生产总值", "完成", "192.3", "亿元"), ("地区生产总值", "增长", "6.0", "%")]),
    ("固定资产投资较上年增长5%，规上工业增加值增长12%、居全省第一。",
     [("固定资产投资", "增长", "5", "%"), ("规上工业增加值", "增长", "12", "%")]),
    ("地区生产总值实现增速6.3%；规模以上工业增加值增速达到11.1%；社会消费品零售总额完成136.5亿元，增速11.5%。",
     [("地区生产总值", "实现增速", "6.3", "%"), ("规模以上工业增加值增速", "达到", "11.1", "%"),
      ("社会消费品零售总额", "完成", "136.5", "亿元"), ("社会消费品零售总额", "增速", "11.5", "%")]),
    ("城乡常住居民人均可支配收入分别完成37820元、28104元，同比分别增长6.5%、9.4%。",
     [("城镇常住居民人均可支配收入", "完成", "37820", "元"),
      ("农村常住居民人均可支配收入", "完成", "28104", "元"),
      ("城镇常住居民人均可支配收入", "增长", "6.5", "%"),
      ("农村常住居民人均可支配收入", "增长", "9.4", "%")]),
    ("城镇新增就业1361万人、调查失业率稳定在5%左右的较低水平。",
     [("城镇新增就业", "", "1361", "万人"), ("调查失业率", "稳定在", "5", "%")]),
    ("全部财政收入完成14.1亿元，增长7.5%，其中，一般公共预算收入完成8.4亿元，增长11.2%。",
     [("全部财政收入", "完成", "14.1", "亿元"), ("全部财政收入", "增长", "7.5", "%"),
      ("一般公共预算收入", "完成", "8.4", "亿元"), ("一般公共预算收入", "增长", "11.2", "%")]),
    ("地区生产总值突破“五百亿”、达513.35亿元，增长6.2%、高于全省0.2个百分点。",
     [("地区生产总值", "达", "513.35", "亿元"), ("地区生产总值", "增长", "6.2", "%")]),
    ("CPI微降0.1%，规模以上工业增加值与上年持平。",
     [("CPI", "微降", "0.1", "%"), ("规模以上工业增加值", "与上年持平", None, "%")]),
])
def test_a_result_in_the_review_s_wordings(text: str,
                                           expected: list[tuple[str, str, str | None, str]]) -> None:
    assert stated(text) == expected


@pytest.mark.parametrize("text", [
    "国内生产总值年均增长7.1%。", "五年累计新增城镇就业5870万人。", "1—11月规模以上工业能耗强度下降8.9%。",
    "前三季度地区生产总值增长5%。", "地区生产总值由2010年的162.4亿元增加到2015年的287.9亿元。",
    "“十三五”时期新增就业3.25万人。",
])
def test_a_figure_of_several_years_or_part_of_one_is_no_year_s_result(text: str) -> None:
    assert stated(text, 2015) == []


def test_each_wording_of_a_result_is_matched_to_its_target() -> None:
    plan = ("今年主要预期目标是：地区生产总值增长6%左右，规上工业增加值增长8%，城镇调查失业率5.5%左右，"
            "居民消费价格增长2%左右，一般公共预算收入增长5%，居民消费价格指数涨幅控制在3.8%以内。")
    review = ["预计全年地区生产总值比上年增长5.2%。", "规模以上工业增加值增长7.1%、居全省第一。",
              "城镇新增就业12万人、调查失业率稳定在5%左右的较低水平。",
              "其中，一般公共预算收入完成8.4亿元，增长11.2%。", "CPI微降0.1%，居民消费价格指数控制在2%以内。"]
    found = {f.indicator: f for f in match.key_figures(report(review, plan), GRAMMAR).figures}
    results = {name: (f.result.verb, f.result.value) if f.result else None for name, f in found.items()}
    assert results == {"地区生产总值": ("增长", "5.2"), "规上工业增加值": ("增长", "7.1"),
                       "城镇调查失业率": ("稳定在", "5"), "居民消费价格": None,  # two values: not guessed
                       "一般公共预算收入": ("增长", "11.2"), "居民消费价格指数涨幅": None}


def test_a_fall_against_a_growth_is_below_zero() -> None:
    found = figure(["CPI微降0.1%。"], "今年主要预期目标是：居民消费价格增长2%左右。", "居民消费价格")
    assert (found.result.verb, found.result.value, found.result_number) == ("微降", "0.1", -0.1)
    (bar,) = chart_bars([found])
    assert (bar.result, bar.result_text) == (-0.1, "微降0.1%")
    (row,) = figure_rows([found], 2024, 2023)
    assert row.result == -0.1
    fall = figure(["单位地区生产总值能耗下降3.1%。"], "今年主要预期目标是：单位地区生产总值能耗下降3%。",
                  "单位地区生产总值能耗")
    assert fall.result_number == 3.1  # a fall against a fall


def test_no_change_stated_in_words_is_a_change_of_zero() -> None:
    found = figure(["规模以上工业增加值与上年持平。"], "今年主要预期目标是：规模以上工业增加值增长8%左右。",
                   "规模以上工业增加值")
    assert (found.result.verb, found.result.value, found.result_number) == ("与上年持平", None, 0.0)
    (bar,) = chart_bars([found])
    assert (bar.result, bar.result_text) == (0.0, "与上年持平")


def test_a_ceiling_kept_is_the_result_of_a_ceiling_target() -> None:
    found = figure(["居民消费价格指数控制在2%以内。"],
                   "今年主要预期目标是：居民消费价格指数涨幅控制在3.8%以内。",
                   "居民消费价格指数涨幅")
    assert (found.result.verb, found.result.value, found.result.qualifier) == ("控制在", "2", "以内")


def test_a_level_is_never_the_result_of_a_change() -> None:
    found = figure(["外贸进出口总额9470.4亿元。"], "今年主要预期目标是：进出口总额增长9%。", "进出口总额")
    assert found.result is None
    assert [(r.value, r.unit) for r in found.related] == [("9470.4", "亿元")]


def test_the_five_years_past_are_no_source_of_last_year_s_result() -> None:
    review = ["五年来，经济实力跃上新台阶。城镇新增就业6600万人以上，单位国内生产总值能耗下降20%以上。",
              "各项事业全面进步，国内生产总值增长7%。",  # still the five years: nothing says otherwise
              "刚刚过去的2023年，经济社会发展主要目标任务全面完成。国内生产总值增长6.9%。"]
    plan = ("今年主要预期目标是：国内生产总值增长6.5%左右，城镇新增就业1100万人以上，"
            "单位国内生产总值能耗下降3%以上。")
    found = {f.indicator: f.result for f in match.key_figures(report(review, plan), GRAMMAR).figures}
    assert found["国内生产总值"].value == "6.9"
    assert found["城镇新增就业"] is None and found["单位国内生产总值能耗"] is None


def test_a_sentence_on_the_year_inside_a_five_year_passage_is_the_year_s() -> None:
    review = ["过去五年，我们持续应对冲击。国内生产总值年均增长9.3%。2023年，我们合理把握政策力度，"
              "国内生产总值增长7.8%，城镇新增就业1266万人。"]
    plan = "今年主要预期目标是：国内生产总值增长7.5%左右，城镇新增就业900万人以上。"
    found = {f.indicator: f.result for f in match.key_figures(report(review, plan), GRAMMAR).figures}
    assert (found["国内生产总值"].value, found["城镇新增就业"].value) == ("7.8", "1266")


def test_the_review_is_the_part_the_model_calls_review_and_the_opening_summary() -> None:
    plan = "今年主要预期目标是：地区生产总值增长6%，固定资产投资增长5%。"
    made = report(["地区生产总值增长5%。"], plan, preamble=("过去一年，固定资产投资增长4%。",))
    gdp, investment = match.key_figures(made, GRAMMAR).figures
    assert (gdp.result.paragraph_id, investment.result.paragraph_id) == ("review-1", "preamble-1")
    other = made.parts[0].__class__("review", "一", "", made.parts[0].opening, (), (), kind="other")
    aside = Report(made.title, made.issuer, made.year, (), (other, made.parts[1]), (), made.provenance)
    assert all(f.result is None for f in match.key_figures(aside, GRAMMAR).figures)


def test_without_parts_the_review_is_what_comes_before_the_targets() -> None:
    texts = ("全年地区生产总值增长5.6%。", "今年主要预期目标是：地区生产总值增长7.5%，进出口总额增长9.5%。",
             "进出口总额增长9.5%，地区生产总值增长8%。")
    preamble = tuple(Paragraph(f"p-{n}", text, kind="targets" if n == 2 else "text")
                     for n, text in enumerate(texts, start=1))
    made = Report("政府工作报告", "某区人民政府", 2024, preamble, (), (),
                  Provenance(Source("", "", "", ""), 0, (), (), (), ()))
    gdp, trade = match.key_figures(made, GRAMMAR).figures
    assert (gdp.result.value, gdp.result.paragraph_id) == ("5.6", "p-1")
    assert trade.result is None  # never the target itself, nor what follows it


def test_a_result_keeps_its_quote_and_paragraph() -> None:
    found = figure(["各位代表：", "全年生产总值6.36万亿元、增长5.1%，规上工业增加值增长8.1%。"],
                   "今年主要预期目标是：经济增长5.5%左右。", "经济")
    result: Result = found.result
    assert (result.value, result.paragraph_id) == ("5.1", "review-2")
    assert result.quote == "全年生产总值6.36万亿元、增长5.1%"
    assert result.quote in result.sentence


def test_a_clause_too_long_for_one_figure_is_unparsed_not_searched() -> None:
    """A run of values no item can hold (a damaged or flattened text) is read in linear time and
    reported, not tried every way (bench/growth.py times it)."""
    text = "地区生产总值增长" + "、".join(f"增长{k % 9}%、{k}" for k in range(300)) + "的水平。"
    found, (missed, *_) = targets(text)
    assert found == () and "longer than" in missed.reason


@pytest.mark.skipif(not SHARED_REPORTS.is_dir(), reason=f"the shared reports are absent ({SHARED_REPORTS})")
@SLOW
def test_each_equivalent_wording_is_one_real_reports_use() -> None:
    """The names a reader takes as one (规上 = 规模以上, CPI = 居民消费价格) are curated from reports:
    each wording stands in one of the shared reports, and each is read as its name."""
    texts = "".join(path.read_text(encoding="utf-8") for path in SHARED_REPORTS.rglob("*.txt"))
    for name, wordings in GRAMMAR.words.equivalents.items():
        for wording in (name, *wordings):
            assert wording in texts, wording
            assert GRAMMAR.canonical(wording) == GRAMMAR.canonical(name), wording


# --- prose: numbers in words, what no indicator is, a plan stated against a named year ------------

def test_a_plan_in_prose_with_a_percentage_in_words_is_a_target() -> None:
    found, unparsed = parse.parse_targets(Paragraph("t", (
        "各位代表！今年是关键的一年。今年国民生产总值计划增长百分之八，是留有余地的。今年计划安排的信贷规模和"
        "货币投放量，都有适当增长，但仍难以满足各方面的要求。"), kind="targets"), GRAMMAR)
    assert [(t.indicator, t.verb, t.value, t.unit, t.measure) for t in found] == [
        ("国民生产总值", "增长", "8", "%", "change")]
    assert any(u.quote == "但仍难以满足各方面的要求" and "names no quantity" in u.reason for u in unparsed)


@pytest.mark.parametrize("text", [
    "但仍难以满足各方面的要求", "而且也达到上级要求", "仍然超过原定数五十亿元", "难以达到上级要求"])
def test_an_indicator_is_a_noun_phrase_never_a_clause_s_link_or_judgment(text: str) -> None:
    found, unparsed = targets(text)
    assert found == () and unparsed


@pytest.mark.parametrize("text", ["其他收入增长5%", "近岸海域水质优良率达到90%", "约束性指标达到上级要求"])
def test_words_that_begin_an_indicator_are_not_read_as_links_or_hedges(text: str) -> None:
    (found,), _ = targets(text)
    assert found.indicator == text[:len(found.indicator)] and len(found.indicator) >= 4


def test_a_change_against_a_named_year_and_a_level_written_in_words() -> None:
    assert read("1957年的工业总产值比1956年将增长百分之四点五，达到六百零三亿元。国家预算收入比1956年"
                "增长近百分之二。") == [
        ("工业总产值", "增长", "4.5", "%", ""), ("工业总产值", "达到", "603", "亿元", ""),
        ("国家预算收入", "增长近", "2", "%", "")]


def test_a_pronoun_stands_for_the_indicator_before() -> None:
    found, _ = targets("基本建设投资缩减为一百一十一亿元，它虽然比1956年减少百分之二十。")
    assert [(t.indicator, t.value, t.unit, t.fall) for t in found] == [
        ("基本建设投资", "111", "亿元", False), ("基本建设投资", "20", "%", True)]


def test_fenbie_over_a_list_led_by_a_latin_abbreviation() -> None:
    assert stated("GDP、规模工业增加值、社会消费品零售总额分别增长4.6%、5%、9.5%。") == [
        ("GDP", "增长", "4.6", "%"), ("规模工业增加值", "增长", "5", "%"),
        ("社会消费品零售总额", "增长", "9.5", "%")]


def test_a_time_and_place_then_the_value_then_the_indicator() -> None:
    assert stated("1956年全国完成了将近一百四十亿元的基本建设投资额。") == [
        ("基本建设投资额", "完成将近", "140", "亿元")]
    # Without a subject of its own a clause continues the one before: 的… stays a remark.
    assert stated("城镇调查失业率5.1%，稳定在5.5%以内的较低水平。") == [
        ("城镇调查失业率", "", "5.1", "%"), ("城镇调查失业率", "稳定在", "5.5", "%")]


def test_a_name_in_traditional_or_transitional_script_is_the_same_indicator() -> None:
    found = figure(["1956年，全国农業总产值約为五百八十三亿元。"],
                   "今年主要预期目标是：农业总产值达到611亿元。", "农业总产值", year=1957)
    assert (found.result.value, found.result.unit) == ("583", "亿元")


def test_a_review_part_that_sets_the_targets_reviews_what_stands_before_them() -> None:
    made = report(["工业总产值达到了五百八十六亿元。", "今年主要预期目标是：工业总产值达到603亿元。",
                   "工业总产值达到700亿元。"], "各位代表！", year=2024)
    review, plan = made.parts
    paragraphs = tuple(replace(p, kind="targets") if p.id == "review-2" else p for p in review.paragraphs())
    one = Report(made.title, made.issuer, made.year, (), (replace(review, opening=paragraphs),
                 replace(plan, kind="plan")), (), made.provenance)
    (found,) = match.key_figures(one, GRAMMAR).figures
    assert (found.result.value, found.result.paragraph_id) == ("586", "review-1")


def test_a_change_against_a_named_year_s_amount_and_a_result_against_its_base_year() -> None:
    assert read("一九五九年的工农业总产值将比一九五八年的二千零五十亿元增长百分之四十，"
                "达到二千八百七十亿元。") == [
        ("工农业总产值", "增长", "40", "%", ""), ("工农业总产值", "达到", "2870", "亿元", "")]
    # 比一九五七年: the base of the change, not the year the figure is of.
    assert stated("一九五八年我国工农业总产值达到了二千零五十亿元，"
                  "比一九五七年的一千二百四十一亿元增长百分之六十五。", 1958) == [
        ("工农业总产值", "达到", "2050", "亿元"), ("工农业总产值", "增长", "65", "%")]


@pytest.mark.parametrize("text", [
    "产量也将增长百分之三十以上", "我国只生产八十万千瓦", "将生产二百八十万到三百万千瓦"])
def test_an_indicator_closes_on_no_adverb_and_holds_no_amount(text: str) -> None:
    found, unparsed = targets(text)
    assert found == () and unparsed


def test_a_paragraph_that_opens_on_an_earlier_year_is_of_the_years_past() -> None:
    review = ["我国的工农业总产值在一九五七年达到了一千三百八十七亿元，"
              "比一九五二年的八百二十七亿元增长百分之六十八。其中，农业总产值达到了六百零三亿元，比一九五二年增长百分之二十五。",
              "一九五八年农业总产值达到了八百八十亿元。"]
    found = figure(review, "今年主要预期目标是：农业总产值为一千二百二十亿元。", "农业总产值", year=1959)
    assert (found.result.value, found.result.paragraph_id) == ("880", "review-2")
