"""The words a report uses most (高频词), as newspapers count them each year: "发展" so many times.

Which strings are words is the segmenter's call (jieba's dictionary, site_src/segment.py, with
the genre's terms kept whole); how often a word is used is the reader's count: every time the
report writes it, also inside a longer word, never across two paragraphs (str.count over each
text of the report). Function words and the genre's stock words are left out
(genres/work-report/frequency.yaml). Linear in the text: it is segmented once, and counted in one
pass per length of word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from site_src.model import Report
from site_src.segment import segmenter
from site_src.summaries.industry_draft import longest_first

_WORD = re.compile(r"[\u4e00-\u9fff]+")

Segment = Callable[[str], Iterable[str]]  # a text -> its words, in order


@dataclass(frozen=True)
class FrequencyWords:
    """genres/work-report/frequency.yaml as written."""

    function_words: tuple[str, ...]
    stock_words: tuple[str, ...]
    keep_whole: tuple[str, ...]
    shortest: int
    top: int


@dataclass(frozen=True)
class FrequencyVocabulary:
    """The words made into what the count asks: made once per build (frequency_vocabulary)."""

    left_out: frozenset[str]
    whole: re.Pattern[str] | None  # the terms kept whole, longest first
    shortest: int
    top: int


def frequency_vocabulary(words: FrequencyWords) -> FrequencyVocabulary:
    whole = "|".join(map(re.escape, longest_first(words.keep_whole)))
    return FrequencyVocabulary(frozenset((*words.function_words, *words.stock_words)),
                               re.compile(whole) if whole else None, words.shortest, words.top)


@dataclass(frozen=True)
class WordCount:
    """A word and how many times the report writes it (and the earlier report, where there is one)."""

    word: str
    count: int
    before: int | None = None  # in the earlier report; None where there is no earlier report


@dataclass(frozen=True)
class FrequentWords:
    """A report's most used words, most used first (ties: the first written first)."""

    words: tuple[WordCount, ...]
    earlier_year: int | None = None  # the year of the report ``before`` counts in


def words_of(text: str) -> list[str]:
    """The words of a text, the dictionary's only (never a guess at an unknown one): the program's
    segmenter without added words (site_src/segment.py), started on first use."""
    return segmenter().cut(text)


def content_words(report: Report, vocabulary: FrequencyVocabulary, segment: Segment) -> tuple[WordCount, ...]:
    """Every content word of the report with its count, most used first (ties: first written first)."""
    texts = [text for _, text in report.texts()]
    found: dict[str, None] = {}  # in the order first written
    for text in texts:
        for word in _words(text, vocabulary, segment):
            if len(word) >= vocabulary.shortest and word not in vocabulary.left_out and _WORD.fullmatch(word):
                found.setdefault(word)
    counts = count_words(texts, found)
    order = {word: n for n, word in enumerate(found)}
    return tuple(WordCount(word, counts[word])
                 for word in sorted(found, key=lambda word: (-counts[word], order[word])))


def frequent_words(words: Sequence[WordCount], vocabulary: FrequencyVocabulary,
                   earlier: Report | None = None) -> FrequentWords:
    """The first ``top`` of a report's content words (content_words), each with how many times the
    earlier report (of the same government) writes it."""
    top = words[:vocabulary.top]
    if earlier is None:
        return FrequentWords(tuple(top))
    before = count_words([text for _, text in earlier.texts()], (w.word for w in top))
    return FrequentWords(tuple(WordCount(w.word, w.count, before[w.word]) for w in top), earlier.year)


def count_words(texts: Sequence[str], words: Iterable[str]) -> dict[str, int]:
    """How many times the texts write each word, as str.count counts: without overlaps, never
    across two texts."""
    return {word: len(places) for word, places in occurrences(texts, words).items()}


def occurrences(texts: Sequence[str], phrases: Iterable[str]) -> dict[str, list[tuple[int, int]]]:
    """Where the texts write each phrase: (the text's index, the phrase's offset in it), in order,
    without overlaps (as str.count finds them). One pass over the texts per length of phrase:
    linear in the texts, whatever the number of phrases."""
    found: dict[str, list[tuple[int, int]]] = {}
    by_length: dict[int, set[str]] = {}
    for phrase in phrases:
        if phrase:
            found[phrase] = []
            by_length.setdefault(len(phrase), set()).add(phrase)
    for length, group in by_length.items():
        firsts = {phrase[0] for phrase in group}
        for index, text in enumerate(texts):
            free_from: dict[str, int] = {}  # where a phrase's next place may start (no overlaps)
            for start in range(len(text) - length + 1):
                if text[start] not in firsts:
                    continue
                piece = text[start:start + length]
                if piece in group and start >= free_from.get(piece, 0):
                    found[piece].append((index, start))
                    free_from[piece] = start + length
    return found


def _words(text: str, vocabulary: FrequencyVocabulary, segment: Segment) -> Iterator[str]:
    """The words of a text: the genre's terms kept whole, the segmenter's between them."""
    position = 0
    if vocabulary.whole is not None:
        for match in vocabulary.whole.finditer(text):
            yield from segment(text[position:match.start()])
            yield match.group()
            position = match.end()
    yield from segment(text[position:])
