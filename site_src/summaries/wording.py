"""What is new in a report's wording (新提法), and what it dropped, against an earlier report of the
same government: the formulas, slogans and key phrases one report writes and the other never does.

The phrases of a report, by the kind a reader cares about most first:

    formula   a numbered formula or slogan (三个…, “1+N”, 四大…: slogan_detect.py)
    quoted    any other quoted phrase short enough to be a formula or a name (“放管服”)
    term      a term of the report's own glossary, or a 新 phrase (新发展格局, 新型工业化)
    first     what the report says happened for the first time (首次突破…)
    word      a content word (frequency.py) the report writes often

A phrase is new when the earlier report never writes it (anywhere, in any words around it), and
dropped when the later one never does. A formula whose only change is its number (三个… -> 四个…)
is renumbered, neither new nor dropped. Each is given with every place its report writes it: the
paragraph (or heading) id and the sentence. The genre's words are in wording.yaml, slogans.yaml
and frequency.yaml. Linear in the texts: every phrase is looked for in one pass per length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from site_src.model import VERBATIM, Report, sentences
from site_src.summaries.frequency import WordCount, occurrences
from site_src.summaries.industry_draft import longest_first
from site_src.summaries.slogan_detect import SloganVocabulary, detect_slogans

FORMULA, QUOTED, TERM, FIRST, WORD = "formula", "quoted", "term", "first", "word"
KINDS = (FORMULA, QUOTED, TERM, FIRST, WORD)  # the order a reader cares about them
RENUMBERABLE = (FORMULA, QUOTED, TERM)  # phrases whose number is part of their name
NEW, DROPPED, RENUMBERED = "new", "dropped", "renumbered"


@dataclass(frozen=True)
class WordingWords:
    """genres/work-report/wording.yaml as written."""

    longest_quoted: int
    new_endings: tuple[str, ...]
    new_gap: int
    not_before_new: tuple[str, ...]
    not_after_new: tuple[str, ...]
    first_words: tuple[str, ...]
    first_length: int
    renumbered_rest: int
    word_uses: int


@dataclass(frozen=True)
class WordingVocabulary:
    """The words made into patterns: made once per build (wording_vocabulary)."""

    longest_quoted: int
    new_phrase: re.Pattern[str]
    first_phrase: re.Pattern[str]
    renumbered_rest: int
    word_uses: int


def wording_vocabulary(words: WordingWords) -> WordingVocabulary:
    before = "".join(map(re.escape, words.not_before_new))
    after = "|".join(map(re.escape, longest_first(words.not_after_new)))
    endings = "|".join(map(re.escape, longest_first(words.new_endings)))
    new = f"{f'(?<![{before}])' if before else ''}新{f'(?!{after})' if after else ''}" \
          f"[\u4e00-\u9fff]{{0,{words.new_gap}}}?(?:{endings})"
    firsts = "|".join(map(re.escape, longest_first(words.first_words)))
    first = f"(?:{firsts})[^，。；：！？、\\s]{{1,{words.first_length}}}"
    return WordingVocabulary(words.longest_quoted, re.compile(new), re.compile(first), words.renumbered_rest,
                             words.word_uses)


@dataclass(frozen=True)
class Place:
    """Where a report writes a phrase: the text's id (a paragraph's, a heading's, a glossary
    entry's) and the sentence, with the phrase at [start, end) of it."""

    paragraph_id: str = field(metadata=VERBATIM)
    sentence: str
    start: int  # in the sentence as the content writes it (Simplified): a converted page re-marks it
    end: int


@dataclass(frozen=True)
class WordingItem:
    """A phrase one report writes and the other never does."""

    phrase: str  # as written (without its quotation marks)
    kind: str = field(metadata=VERBATIM)  # one of KINDS
    change: str = field(metadata=VERBATIM)  # NEW (the later report writes it), DROPPED or RENUMBERED
    places: tuple[Place, ...]  # every place its report writes it: the later's, or the earlier's if dropped
    before: str = ""  # RENUMBERED: the phrase as the earlier report writes it (三个… for 四个…)
    before_places: tuple[Place, ...] = ()  # RENUMBERED: where the earlier report writes it


@dataclass(frozen=True)
class WordingChanges:
    """A report's wording against the earlier report of the same government, each list ranked:
    formulas first, then quoted phrases, terms, firsts and words; in a kind, the most written."""

    year: int
    earlier_year: int
    new: tuple[WordingItem, ...]
    dropped: tuple[WordingItem, ...]
    renumbered: tuple[WordingItem, ...]


def phrases(report: Report, vocabulary: WordingVocabulary, slogans: SloganVocabulary,
            words: Sequence[WordCount] = ()) -> dict[str, str]:
    """Every phrase of the report worth comparing -> its kind (the first in KINDS it is found as).
    ``words``: the report's content words with their counts (frequency.content_words), if any."""
    found: dict[str, str] = {}

    def add(phrase: str, kind: str) -> None:
        if len(phrase) > 1 and (phrase not in found or KINDS.index(kind) < KINDS.index(found[phrase])):
            found[phrase] = kind

    for slogan in detect_slogans(report, slogans):
        add(slogan.key, FORMULA)
    for _, text in report.texts():
        for match in slogans.quoted.finditer(text):
            quoted = next(group for group in match.groups() if group is not None)
            if len(quoted) <= vocabulary.longest_quoted:
                add(quoted, FORMULA if quoted in slogans.known else QUOTED)
        for match in vocabulary.new_phrase.finditer(text):
            add(match.group(), TERM)
        for match in vocabulary.first_phrase.finditer(text):
            add(match.group(), FIRST)
    for term in report.terms:
        add(term.term, TERM)
    for word in words:
        if word.count >= vocabulary.word_uses:
            add(word.word, WORD)
    return found


def wording_changes(later: Report, earlier: Report, vocabulary: WordingVocabulary, slogans: SloganVocabulary,
                    later_words: Sequence[WordCount] = (), earlier_words: Sequence[WordCount] = ()
                    ) -> WordingChanges:
    """The phrases ``later`` writes and ``earlier`` never does (new), those ``earlier`` writes and
    ``later`` never does (dropped), and those that only changed their number (renumbered)."""
    now, before = phrases(later, vocabulary, slogans, later_words), phrases(earlier, vocabulary, slogans,
                                                                            earlier_words)
    later_texts, earlier_texts = list(later.texts()), list(earlier.texts())
    in_later = occurrences([text for _, text in later_texts], {*now, *before})
    in_earlier = occurrences([text for _, text in earlier_texts], {*now, *before})
    new = _items({p: k for p, k in now.items() if not in_earlier[p]}, NEW, in_later, later_texts)
    dropped = _items({p: k for p, k in before.items() if not in_later[p]}, DROPPED, in_earlier, earlier_texts)
    new, dropped, renumbered = _renumbered(new, dropped, slogans.numerals, vocabulary.renumbered_rest)
    return WordingChanges(later.year, earlier.year, new, dropped, renumbered)


def _items(kinds: Mapping[str, str], change: str, found: Mapping[str, list[tuple[int, int]]],
           texts: Sequence[tuple[str, str]]) -> tuple[WordingItem, ...]:
    """The phrases as items with their places, ranked: by kind, then the most written, then the
    first written."""
    split: dict[int, tuple[list[int], list[str]]] = {}  # a text's sentences and where each starts

    def place(index: int, offset: int, length: int) -> Place:
        if index not in split:
            split[index] = _sentence_starts(texts[index][1])
        starts, parts = split[index]
        n = bisect_right(starts, offset) - 1
        return Place(texts[index][0], parts[n], offset - starts[n], offset - starts[n] + length)

    ranked = sorted(kinds, key=lambda p: (KINDS.index(kinds[p]), -len(found[p]), found[p][0], p))
    return tuple(WordingItem(p, kinds[p], change, tuple(place(i, o, len(p)) for i, o in found[p]))
                 for p in ranked)


def _sentence_starts(text: str) -> tuple[list[int], list[str]]:
    starts, parts, position = [], [], 0
    for sentence in sentences(text):
        starts.append(position)
        parts.append(sentence)
        position += len(sentence)
    return starts, parts


def _renumbered(new: tuple[WordingItem, ...], dropped: tuple[WordingItem, ...], numerals: str, rest: int
                ) -> tuple[tuple[WordingItem, ...], tuple[WordingItem, ...], tuple[WordingItem, ...]]:
    """New and dropped phrases of one shape but their numbers (三个务必, 四个务必) paired: each pair
    one renumbered item; the rest stay new or dropped. Pairs are made in rank order."""
    number = re.compile(f"[{re.escape(numerals)}]+|\\d+")
    waiting: dict[tuple[str, str], list[WordingItem]] = {}
    for item in dropped:
        shape = number.sub("#", item.phrase)
        if item.kind in RENUMBERABLE and shape != item.phrase and len(shape.replace("#", "")) >= rest:
            waiting.setdefault((item.kind, shape), []).append(item)
    paired: list[WordingItem] = []
    kept_new: list[WordingItem] = []
    used: set[str] = set()
    for item in new:
        olds = waiting.get((item.kind, number.sub("#", item.phrase)), []) if item.kind in RENUMBERABLE else []
        if olds:
            old = olds.pop(0)
            used.add(old.phrase)
            paired.append(WordingItem(item.phrase, item.kind, RENUMBERED, item.places,
                                      before=old.phrase, before_places=old.places))
        else:
            kept_new.append(item)
    return tuple(kept_new), tuple(i for i in dropped if i.phrase not in used), tuple(paired)

