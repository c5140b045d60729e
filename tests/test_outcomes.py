"""Targets that find their results: a target of one report against what a later report of the same
government gives, across the wordings of the genre's indicator vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_src.errors import SiteError
from site_src.genre import SHIPPED, load_genre
from site_src.model import Paragraph, Part, Provenance, Report, Source
from site_src.summaries.figures.match import key_figures
from site_src.summaries.figures.outcomes import (
    FOUND_BY_PARTS,
    FOUND_BY_SUCCESSOR,
    FOUND_BY_SYNONYM,
    FOUND_BY_WORDING,
    NONE_GIVEN,
    NOT_COMPARABLE,
    FollowUp,
    Outcome,
    follow_up,
    key_figure,
    next_reports,
)
from site_src.summaries.figures.parse import Result
from site_src.summaries.figures.track import track_figure, tracks

from .report_pairs import PAIRS, needs_pairs, report

GENRE = load_genre()
EXPECTED = Path(__file__).parent / "data" / "targets-found.yaml"


def make_report(year: int, review: str, targets: str, *, outlook: str = "") -> Report:
    def part(part_id: str, text: str, kind: str) -> Part:
        return Part(part_id, "一", part_id, (Paragraph(f"{part_id}-1", text, kind=kind),), (), ())

    parts = (part("review", review, "text"), *((part("outlook", outlook, "text"),) if outlook else ()),
             part("plan", targets, "targets"))
    provenance = Provenance(Source("", "", "", ""), 0, (), (), (), ())
    return Report("政府工作报告", "甲区人民政府", year, (), parts, (), provenance)


def followed(targets: str, review: str, *, year: int = 2020, later_year: int = 2021,
             outlook: str = "") -> FollowUp:
    earlier = make_report(year, "过去一年，地区生产总值增长5%。", f"今年主要预期目标是：{targets}。")
    later = make_report(later_year, review, "今年主要预期目标是：地区生产总值增长6%。", outlook=outlook)
    return follow_up((f.target for f in key_figures(earlier, GENRE.figures).figures), year, later,
                     (f.target for f in key_figures(later, GENRE.figures).figures), GENRE.figures,
                     GENRE.indicators)


def values(results: tuple[Result, ...]) -> list[str]:
    return [r.value + r.unit for r in results]


def test_a_target_finds_its_result_in_another_wording_of_the_indicator() -> None:
    got = followed("城镇居民收入增长8%，经济增长6%，GDP达到300亿元",
                   "过去一年，城镇常住居民人均可支配收入完成40000元，增长7.5%。全区地区生产总值增长5.8%，"
                   "实现地区生产总值310亿元。")
    income, growth, level = got.outcomes
    assert (income.indicator, income.found_by, values(income.results)) == (
        "城镇居民人均可支配收入", FOUND_BY_SYNONYM, ["7.5%"])
    assert values(income.related) == ["40000元"]  # the level, stated beside it: related, never the result
    assert (growth.indicator, growth.found_by, values(growth.results)) == (
        "地区生产总值", FOUND_BY_SYNONYM, ["5.8%"])
    assert (level.found_by, values(level.results)) == (FOUND_BY_SYNONYM, ["310亿元"])
    # The same words, once the words of where and how are off (全区, 实现), are the target's own.
    same = followed("地区生产总值增长8%", "过去一年，全区地区生产总值增长7%。").outcomes[0]
    assert (same.found_by, values(same.results)) == (FOUND_BY_WORDING, ["7%"])


def test_a_level_never_answers_a_change_nor_a_change_a_level() -> None:
    retail, investment = followed("社会消费品零售总额增长9%，固定资产投资达到100亿元",
                                  "过去一年，社会消费品零售总额完成120亿元。固定资产投资增长12%。").outcomes
    assert (retail.results, retail.why_not, values(retail.related)) == ((), NOT_COMPARABLE, ["120亿元"])
    assert (investment.results, investment.why_not, values(investment.related)) == (
        (), NOT_COMPARABLE, ["12%"])
    # A rate word makes a change whatever the verb: 增速达到12% answers 增长10%.
    (industry,) = followed("规模以上工业增加值增长10%", "过去一年，规模以上工业增加值增速达到12%。").outcomes
    assert values(industry.results) == ["12%"]


def test_a_figure_of_several_years_or_another_level_does_not_answer() -> None:
    review = ("过去五年，社会消费品零售总额由2015年的68亿元增加到2020年的136亿元，"
              "累计完成固定资产投资600亿元。全社会固定资产投资增长9%。")
    targets = "社会消费品零售总额达到130亿元，固定资产投资增长10%，区本级固定资产投资增长8%"
    retail, whole, own = followed(targets, review).outcomes
    assert (retail.why_not, values(retail.related)) == (NOT_COMPARABLE, ["136亿元"])
    assert values(whole.results) == ["9%"]
    # The district's own investment is not the whole district's: related, not the result.
    assert (own.results, own.why_not, values(own.related)) == ((), NOT_COMPARABLE, ["9%"])


def test_a_target_without_a_figure_says_why_in_a_word() -> None:
    jobs, rate = followed("城镇新增就业1万人以上，居民消费价格涨幅3%左右",
                          "过去一年，地区生产总值增长5%，居民消费价格上涨1.2%。").outcomes
    assert (jobs.results, jobs.related, jobs.why_not, jobs.found_by) == ((), (), NONE_GIVEN, "")
    assert (rate.indicator, values(rate.results), rate.why_not) == ("居民消费价格", ["1.2%"], "")


def test_a_combined_target_is_answered_for_each_part_and_a_renamed_one_by_the_new_name() -> None:
    both, farmers = followed("城乡居民人均可支配收入增长8%，农民人均纯收入增长9%",
                             "过去一年，城镇常住居民人均可支配收入增长7%，农村常住居民人均可支配收入增长8.5%。").outcomes
    assert (both.found_by, [r.indicator for r in both.results], values(both.results)) == (
        FOUND_BY_PARTS, ["城镇常住居民人均可支配收入", "农村常住居民人均可支配收入"], ["7%", "8.5%"])
    assert (farmers.found_by, values(farmers.results)) == (FOUND_BY_SUCCESSOR, ["8.5%"])
    # Today's targets page shows a result of the target's own indicator only; the rest as related.
    assert key_figure(both).result is None and values(key_figure(both).related) == ["7%", "8.5%"]
    assert both.result is None and farmers.result is None


def test_units_of_one_base_compare_up_to_magnitude() -> None:
    (gdp,) = followed("地区生产总值达到1.2万亿元", "过去一年，地区生产总值完成11800亿元。").outcomes
    assert values(gdp.results) == ["11800亿元"]
    (jobs,) = followed("城镇新增就业1万人以上", "过去一年，城镇新增就业12000人。").outcomes
    assert values(jobs.results) == ["12000人"]
    (points,) = followed("城镇化率提高1%", "过去一年，城镇化率提高1.2个百分点。").outcomes
    assert (points.results, points.why_not) == ((), NOT_COMPARABLE)


def test_results_come_from_the_review_not_from_an_outlook_and_the_first_answers() -> None:
    got = followed("地区生产总值增长8%", "过去一年，地区生产总值增长7%。第四季度地区生产总值增长9%。",
                   outlook="到2025年，地区生产总值年均增长6.5%，地区生产总值增长7.5%。")
    (gdp,) = got.outcomes
    assert values(gdp.results) == ["7%"] and "7.5%" not in values(gdp.related)


def test_a_later_report_after_a_gap_is_named_by_its_year() -> None:
    got = followed("地区生产总值增长8%", "过去一年，地区生产总值增长6%。", year=2019, later_year=2022)
    assert (got.target_year, got.result_year, got.found) == (2019, 2022, 1)
    assert next_reports([2024, 2019, 2022, 2019]) == ((2019, 2022), (2022, 2024))
    assert next_reports([2020]) == ()


def test_a_sites_own_vocabulary_replaces_the_shipped_one(tmp_path: Path) -> None:
    own = tmp_path / "genre"
    own.mkdir()
    words = (SHIPPED / "indicators.yaml").read_text(encoding="utf-8")
    wider = words.replace("  - [城镇调查失业率]", "  - [城镇调查失业率, 调查失业率]")
    (own / "indicators.yaml").write_text(wider, encoding="utf-8")
    ours = load_genre(tmp_path).indicators
    assert ours.indicator("调查失业率").name == "城镇调查失业率"
    assert GENRE.indicators.indicator("调查失业率").name == "调查失业率"
    (own / "indicators.yaml").write_text(words.replace("from_to: '由\\d.*'", "from_to: '由('"),
                                         encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        load_genre(tmp_path)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{own / 'indicators.yaml'}: not a regular expression: ")
    (own / "indicators.yaml").write_text(words.replace("successors:", "successor:"), encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        load_genre(tmp_path)
    assert any("successor" in str(p) and str(p).startswith(str(own / "indicators.yaml"))
               for p in caught.value.problems)


# --- the shared reports: every target with a result found, no wrong pair --------------------------

def _target_key(outcome: Outcome) -> str:
    t = outcome.target
    said = f"{t.value}{t.unit}" if t.value is not None else t.qualifier
    return f"{outcome.indicator} {said}"


def _result_key(result: Result) -> str:
    return f"{GENRE.indicators.indicator(result.indicator).name} {result.value}{result.unit}"


def _follow(earlier: str, later: str) -> FollowUp:
    first, second = report(earlier), report(later)
    return follow_up((f.target for f in key_figures(first, GENRE.figures).figures), first.year, second,
                     (f.target for f in key_figures(second, GENRE.figures).figures), GENRE.figures,
                     GENRE.indicators)


def _expected() -> dict[tuple[str, str], dict[str, object]]:
    entries = yaml.safe_load(EXPECTED.read_text("utf-8"))
    return {(entry["earlier"], entry["later"]): entry for entry in entries}


@needs_pairs
@pytest.mark.parametrize(("earlier", "later"), PAIRS, ids=[f"{a[:4]}-{b[:4]}" for a, b in PAIRS])
def test_every_target_with_a_result_is_found_and_no_pair_is_wrong(earlier: str, later: str) -> None:
    expected = _expected()[(earlier, later)]
    got = _follow(earlier, later)
    found = {_target_key(o): [_result_key(r) for r in o.results] for o in got.outcomes if o.results}
    misses = expected.get("parser-misses", {})
    assert isinstance(misses, dict)
    for key, results in misses.items():  # found exactly so, or not at all: never another figure
        assert found.pop(key, results) == results, key
    assert found == expected["found"]
    for why in (NONE_GIVEN, NOT_COMPARABLE):
        said = sorted(key for key, o in ((_target_key(o), o) for o in got.outcomes)
                      if o.why_not == why and key not in misses)
        assert said == sorted(expected.get(why, [])), why
    assert got.result_year == report(later).year and got.target_year == report(earlier).year


@needs_pairs
@pytest.mark.parametrize(("earlier", "later"), PAIRS, ids=[f"{a[:4]}-{b[:4]}" for a, b in PAIRS])
def test_each_pair_quotes_both_paragraphs(earlier: str, later: str) -> None:
    """The target from its paragraph of the earlier report, the result from the later report's."""
    texts = {name: {p.id: p.source_text for p in report(name).paragraphs()} for name in (earlier, later)}
    got = _follow(earlier, later)
    assert got.outcomes
    for outcome in got.outcomes:
        assert outcome.target.quote in texts[earlier][outcome.target.paragraph_id]
        for result in (*outcome.results, *outcome.related):
            assert result.quote in texts[later][result.paragraph_id] and result.value in result.quote
        assert bool(outcome.results) == (outcome.why_not == "") == bool(outcome.found_by)


@needs_pairs
def test_the_targets_page_finds_its_results_through_the_vocabulary() -> None:
    """track.py pairs each report with the government's next one in the site and asks outcomes.py:
    the income target of 2015 finds the 2016 review's 城镇居民人均可支配收入 (from 城乡居民…分别增长
    8.7%和8.6%); the 2016 report, with no report of 2017 or 2018 in the site, is answered by 2019's."""
    names = [name for name in dict.fromkeys(n for pair in PAIRS for n in pair) if "hailar" in name]
    given = [(name, report(name), key_figures(report(name), GENRE.figures)) for name in names]
    (track,) = tracks(given, GENRE.figures, GENRE.indicators)
    assert [(year.year, year.later) for year in track.years] == [(2013, 2014), (2014, 2015), (2015, 2016),
                                                                  (2016, 2019)]
    assert [year.consecutive for year in track.years] == [True, True, True, False]
    assert (track.first, track.last, track.years[-1].results_of) == (2013, 2019, 2018)
    for year in track.years:
        earlier = next(name for name, r, _ in given if r.year == year.year)
        later = next(name for name, r, _ in given if r.year == year.later)
        outcomes = _follow(earlier, later).outcomes
        assert year.figures == tuple(map(track_figure, outcomes))
        # A row says how its result was found, or why there is none, as the analysis does.
        assert [(f.found_by, f.why_not, f.found) for f in year.figures] == [
            (o.found_by, o.why_not, bool(o.results)) for o in outcomes]
    assert [year.found for year in track.years] == [9, 10, 6, 5]
    # Found by parts and by the successor, each shown with what answered it.
    income = next(f for f in track.years[0].figures if f.found_by == FOUND_BY_PARTS)
    assert (income.result, [r.value for r in income.answered_by]) == (None, ["11.1", "14.1"])
    farmers = next(f for f in track.years[2].figures if f.found_by == FOUND_BY_SUCCESSOR)
    assert [(r.indicator, r.value) for r in farmers.answered_by] == [("农村居民人均可支配收入", "8.6")]
