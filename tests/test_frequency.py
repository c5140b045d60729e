"""The words a report uses most (高频词): segmented, counted as a reader counts them, the genre's stock
and function words left out, against the earlier report's counts."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_src.genre import load_genre
from site_src.model import Paragraph, Part, Provenance, Report, Source
from site_src.summaries.frequency import (
    FrequencyVocabulary,
    FrequencyWords,
    Segment,
    content_words,
    count_words,
    frequency_vocabulary,
    frequent_words,
    occurrences,
    words_of,
)

from .conftest import ROOT
from .report_pairs import NAMES, PAIRS, needs_pairs, report, text

GENRE = load_genre()
DICTIONARY = ("发展", "改革", "创新", "我们", "推进", "高质量", "经济", "工作")


def dictionary_words(text: str) -> Iterator[str]:
    """A segmenter for fixtures: the longest word of DICTIONARY at each place, else one character."""
    position = 0
    while position < len(text):
        word = next((w for w in sorted(DICTIONARY, key=len, reverse=True) if text.startswith(w, position)),
                    text[position])
        yield word
        position += len(word)


def vocabulary(**changes: object) -> FrequencyVocabulary:
    words = {"function_words": ("我们",), "stock_words": ("推进", "工作"), "keep_whole": ("高质量发展",),
             "shortest": 2, "top": 3, **changes}
    return frequency_vocabulary(FrequencyWords(**words))  # type: ignore[arg-type]


def make_report(year: int, *texts: str) -> Report:
    paragraphs = tuple(Paragraph(f"plan-{n}", text) for n, text in enumerate(texts, start=1))
    part = Part("plan", "一", "工作", paragraphs, (), ())
    provenance = Provenance(Source("", "", "", ""), 0, (), (), (), ())
    return Report("政府工作报告", "甲区人民政府", year, (), (part,), (), provenance)


def test_words_are_counted_where_written_also_inside_a_longer_word_never_across_paragraphs() -> None:
    later = make_report(2021, "我们推进高质量发展，推进改革创新。", "改革发展，经济发展。发", "展改革发展")
    words = content_words(later, vocabulary(), dictionary_words)
    # 发展 four times (once inside 高质量发展, which is kept whole); the 发|展 across two paragraphs is none.
    assert [(w.word, w.count) for w in words] == [
        ("发展", 4), ("改革", 3), ("高质量发展", 1), ("创新", 1), ("经济", 1)]
    # Left out: function words (我们), stock words (推进, 工作 of the part's heading), one character.
    assert {"我们", "推进", "工作", "发"}.isdisjoint(w.word for w in words)
    earlier = make_report(2020, "改革改革，创新。")
    top = frequent_words(words, vocabulary(), earlier)
    assert (top.earlier_year, [(w.word, w.count, w.before) for w in top.words]) == (
        2020, [("发展", 4, 0), ("改革", 3, 2), ("高质量发展", 1, 0)])
    assert frequent_words(words, vocabulary()).words[0].before is None


def test_ties_go_to_the_word_written_first() -> None:
    words = content_words(make_report(2021, "经济创新，创新经济。"), vocabulary(), dictionary_words)
    assert [w.word for w in words] == ["经济", "创新"]


@given(st.lists(st.text(alphabet="发展改革创", max_size=30), max_size=4),
       st.lists(st.text(alphabet="发展改革创", min_size=1, max_size=4), max_size=6))
def test_count_words_counts_as_str_count_does(texts: list[str], words: list[str]) -> None:
    counts = count_words(texts, words)
    assert counts == {word: sum(text.count(word) for text in texts) for word in words}
    places = occurrences(texts, words)
    assert all(texts[i].startswith(word, o) for word, found in places.items() for i, o in found)


def test_building_or_loading_the_genre_does_not_start_the_segmenter() -> None:
    code = ("import sys; from site_src.genre import load_genre; import site_src.summaries.wording; "
            "import site_src.summaries.frequency; load_genre(); "
            "print('rjieba' in sys.modules or 'jieba' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.strip() == "False"


# --- the shared reports, segmented by jieba's dictionary ---------------------------------------------

@pytest.fixture(scope="module")
def segmenter() -> Segment:
    return words_of


@needs_pairs
@pytest.mark.parametrize("name", NAMES)
def test_counts_on_real_reports_are_what_a_reader_counts(name: str, segmenter: Segment) -> None:
    words = content_words(report(name), GENRE.frequency, segmenter)
    top = frequent_words(words, GENRE.frequency)
    assert len(top.words) == GENRE.frequency.top
    whole = text(name)
    # Checked independently: the text searched for each word, as a reader would.
    for word in (*top.words[:10], *(w for w in words if w.word in ("发展", "改革", "创新", "经济"))):
        assert word.count == whole.count(word.word), word
    assert [w.count for w in words] == sorted((w.count for w in words), reverse=True)
    assert GENRE.frequency.left_out.isdisjoint(w.word for w in words)
    assert all(len(w.word) >= 2 for w in words)


@needs_pairs
def test_the_words_newspapers_count_lead_the_national_reports(segmenter: Segment) -> None:
    for name in (n for n in NAMES if "national" in n):
        top = [w.word for w in frequent_words(content_words(report(name), GENRE.frequency, segmenter),
                                              GENRE.frequency).words]
        assert top[0] == "发展" and {"改革", "创新", "经济"} <= set(top), (name, top)


@needs_pairs
@pytest.mark.parametrize(("earlier", "later"), PAIRS, ids=[f"{a[:4]}-{b[:4]}" for a, b in PAIRS])
def test_counts_against_the_earlier_report(earlier: str, later: str, segmenter: Segment) -> None:
    words = content_words(report(later), GENRE.frequency, segmenter)
    top = frequent_words(words, GENRE.frequency, report(earlier))
    assert top.earlier_year == report(earlier).year
    before = text(earlier)
    assert all(w.before == before.count(w.word) for w in top.words)
    assert top == frequent_words(content_words(report(later), GENRE.frequency, segmenter), GENRE.frequency,
                                 report(earlier))  # deterministic
