"""What is new in the wording (新提法): the formulas, slogans and key phrases one report of a government
writes and its earlier report never does, those dropped, and those that only changed their number."""

from __future__ import annotations

import pytest

from site_src.genre import load_genre
from site_src.model import Paragraph, Part, Provenance, Report, Source
from site_src.summaries.frequency import WordCount, content_words, words_of
from site_src.summaries.wording import (
    DROPPED,
    FIRST,
    FORMULA,
    KINDS,
    NEW,
    QUOTED,
    RENUMBERED,
    TERM,
    WORD,
    WordingChanges,
    WordingItem,
    wording_changes,
)
from site_src.variants.convert import convert_value, make_converter

from .report_pairs import PAIRS, needs_pairs, report, text

GENRE = load_genre()


def make_report(year: int, *texts: str) -> Report:
    paragraphs = tuple(Paragraph(f"plan-{n}", text) for n, text in enumerate(texts, start=1))
    part = Part("plan", "一", "今年的工作", paragraphs, (), ())
    provenance = Provenance(Source("", "", "", ""), 0, (), (), (), ())
    return Report("政府工作报告", "甲区人民政府", year, (), (part,), (), provenance)


EARLIER = make_report(2020, "牢记“三个务必”，深化“最多跑一次”改革，推动新旧动能转换。编制“十三五”规划。",
                      "共同推进乡村振兴。做好扶贫工作，扶贫要精准，扶贫要长效。")
LATER = make_report(2021, "牢记“四个务必”，深化“放管服”改革。加快发展新质生产力，培育新质生产力。"
                          "编制“十四五”规划。",
                    "粮食产量首次突破7000亿斤。共同推进乡村振兴。发展数字经济，建设数字政府，推进数字社会。")


def changes() -> WordingChanges:
    return wording_changes(LATER, EARLIER, GENRE.wording, GENRE.slogans,
                           (WordCount("数字", 3), WordCount("乡村振兴", 2)), (WordCount("扶贫", 3),))


def said(items: tuple[WordingItem, ...]) -> list[tuple[str, str]]:
    return [(item.phrase, item.kind) for item in items]


def test_new_and_dropped_phrases_ranked_formulas_first_common_words_last() -> None:
    got = changes()
    assert (got.year, got.earlier_year) == (2021, 2020)
    # In a kind, the most written first, then the first written.
    assert said(got.new) == [("放管服", QUOTED), ("十四五", QUOTED), ("新质生产力", TERM),
                             ("首次突破7000亿斤", FIRST), ("数字", WORD)]
    assert said(got.dropped) == [("最多跑一次", QUOTED), ("十三五", QUOTED), ("新旧动能", TERM),
                                 ("扶贫", WORD)]
    assert {item.change for item in got.new} == {NEW} and {item.change for item in got.dropped} == {DROPPED}


def test_a_formula_that_only_changed_its_number_is_renumbered_not_new() -> None:
    (item,) = changes().renumbered
    assert (item.phrase, item.before, item.kind, item.change) == ("四个务必", "三个务必", FORMULA, RENUMBERED)
    assert [p.paragraph_id for p in (*item.places, *item.before_places)] == ["plan-1", "plan-1"]
    # A number alone (十三五, 十四五) or a name of one character besides its number (三保, 六保) is not
    # one formula renumbered: both stay, new and dropped.
    two = wording_changes(make_report(2021, "落实“六保”任务。"), make_report(2020, "兜牢“三保”底线。"),
                          GENRE.wording, GENRE.slogans)
    assert (said(two.new), said(two.dropped), two.renumbered) == (
        [("六保", FORMULA)], [("三保", FORMULA)], ())


def test_each_place_is_its_paragraph_and_sentence() -> None:
    item = next(item for item in changes().new if item.phrase == "新质生产力")
    assert [(p.paragraph_id, p.sentence) for p in item.places] == [
        ("plan-1", "加快发展新质生产力，培育新质生产力。")] * 2
    assert [p.sentence[p.start:p.end] for p in item.places] == ["新质生产力"] * 2
    assert item.places[0].start < item.places[1].start


def test_a_variant_converts_the_phrases_and_keeps_the_ids_and_kinds() -> None:
    hant = convert_value(changes(), make_converter("s2tw"))
    item = next(item for item in hant.new if item.kind == TERM)
    assert (item.phrase, item.change, item.places[0].paragraph_id) == ("新質生產力", NEW, "plan-1")
    assert item.places[0].sentence == "加快發展新質生產力，培育新質生產力。"


# --- the shared reports ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def found() -> dict[tuple[str, str], WordingChanges]:
    segment = words_of
    words = {name: content_words(report(name), GENRE.frequency, segment) for pair in PAIRS for name in pair}
    return {(a, b): wording_changes(report(b), report(a), GENRE.wording, GENRE.slogans, words[b], words[a])
            for a, b in PAIRS}


def _texts(name: str) -> dict[str, str]:
    return dict(report(name).texts())


@needs_pairs
@pytest.mark.parametrize(("earlier", "later"), PAIRS, ids=[f"{a[:4]}-{b[:4]}" for a, b in PAIRS])
def test_every_item_occurs_in_one_report_and_not_in_the_other(
        earlier: str, later: str, found: dict[tuple[str, str], WordingChanges]) -> None:
    got = found[(earlier, later)]
    assert got.new and got.dropped
    for items, here, there in ((got.new, later, earlier), (got.dropped, earlier, later)):
        for item in items:
            assert item.phrase in text(here) and item.phrase not in text(there), item.phrase
    for item in got.renumbered:
        assert item.phrase in text(later) and item.phrase not in text(earlier)
        assert item.before in text(earlier) and item.before not in text(later)


@needs_pairs
@pytest.mark.parametrize(("earlier", "later"), PAIRS, ids=[f"{a[:4]}-{b[:4]}" for a, b in PAIRS])
def test_every_place_is_given_with_its_sentence(
        earlier: str, later: str, found: dict[tuple[str, str], WordingChanges]) -> None:
    got = found[(earlier, later)]
    for items, name in ((got.new, later), (got.dropped, earlier), (got.renumbered, later)):
        texts = _texts(name)
        for item in items:
            # Every place the report writes it, each in its paragraph's sentence.
            assert len(item.places) == sum(t.count(item.phrase) for t in texts.values()), item.phrase
            for place in item.places:
                assert place.sentence in texts[place.paragraph_id]
                assert place.sentence[place.start:place.end] == item.phrase
        ranks = [KINDS.index(item.kind) for item in items]
        assert ranks == sorted(ranks)  # formulas and quoted phrases before common words


# Read by hand in both reports: phrases a journalist would list, and their kinds.
EXPECTED_NEW = {
    ("2013", "2014"): {"8337": FORMULA, "十二五": QUOTED},
    ("2015", "2016"): {"一带一路": FORMULA},
    # Words of the years between: 乡村振兴 and 高质量发展 (both first said in the autumn of 2017).
    ("2016", "2019"): {"四个意识": FORMULA, "两个维护": FORMULA, "三大攻坚战": FORMULA, "扫黑除恶": QUOTED,
                       "厕所革命": QUOTED, "新时代": TERM, "乡村振兴": WORD, "高质量发展": WORD},
    ("2019", "2022"): {"两个确立": FORMULA, "六稳": FORMULA, "六保": FORMULA, "十四五": QUOTED,
                       "专精特新": QUOTED, "疫情": WORD},
    ("2022", "2024"): {"新质生产力": TERM, "人工智能+": QUOTED, "新三样": FORMULA, "高效办成一件事": QUOTED,
                       "新型工业化": TERM},
}
EXPECTED_DROPPED = {
    ("2013", "2014"): {"三个代表": FORMULA},
    ("2016", "2019"): {"十三五": QUOTED, "十个全覆盖": FORMULA},
    ("2019", "2022"): {"三大攻坚战": FORMULA, "两不愁三保障": FORMULA, "最多跑一次": QUOTED,
                       "十三五": QUOTED},
    ("2022", "2024"): {"六稳": FORMULA, "放管服": QUOTED},
}


@needs_pairs
@pytest.mark.parametrize(("earlier", "later"), PAIRS, ids=[f"{a[:4]}-{b[:4]}" for a, b in PAIRS])
def test_what_a_reader_finds_new_and_dropped(
        earlier: str, later: str, found: dict[tuple[str, str], WordingChanges]) -> None:
    got = found[(earlier, later)]
    years = (earlier[:4], later[:4])
    new, dropped = dict(said(got.new)), dict(said(got.dropped))
    assert {p: new.get(p) for p in EXPECTED_NEW.get(years, {})} == EXPECTED_NEW.get(years, {})
    assert {p: dropped.get(p) for p in EXPECTED_DROPPED.get(years, {})} == EXPECTED_DROPPED.get(years, {})


@needs_pairs
def test_the_same_pair_gives_the_same_items(found: dict[tuple[str, str], WordingChanges]) -> None:
    a, b = PAIRS[-1]
    segment = words_of
    again = wording_changes(report(b), report(a), GENRE.wording, GENRE.slogans,
                            content_words(report(b), GENRE.frequency, segment),
                            content_words(report(a), GENRE.frequency, segment))
    assert again == found[(a, b)]
