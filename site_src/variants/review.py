"""The review queue: every conversion a person should look at, with what would settle it.

OpenCC converts by phrase, and where its phrase dictionary or a character's default is wrong for
the text, nothing tells an editor. Four detectors, each a way such errors show (measured on 16
reviewed reports, tests/test_review.py):

    boundary  a word of a word segmentation (jieba, independent of OpenCC's dictionaries),
              converted on its own, is written otherwise than in its sentence: OpenCC matched a
              phrase across the word's boundary (把握发展 -> 把握髮展, because 握发 is a phrase)
    uneven    the same word is written two ways in the report (活动周 -> 活動週 here, 活動周
              there): the rarer form is queued
    default   a character that often goes wrong (签 准 制 只 …, the genre's list) was decided by
              its default alone, no phrase of OpenCC's said which form the word needs
    name      a proper name (jieba's part of speech) holds one of those characters and the
              conversion changed it (东升路, 台州): names keep their own characters

An item leaves the queue once a glossary entry or a pin decides its span. Each item says where it
is (the YAML file and line), the sentence, what was chosen, the alternatives, which detectors
raised it, and the glossary entry and the pin that would settle it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from site_src.errors import Location
from site_src.model import VERBATIM, GlossaryEntry, Report, sentences
from site_src.variants.audit import Dictionaries, segment
from site_src.variants.pins import PIN

Convert = Callable[[str], str]
DETECTORS = ("boundary", "uneven", "default", "name")


@dataclass(frozen=True)
class ReviewWords:
    """The genre's words for the review (genres/work-report/review.yaml)."""

    defaults: str  # characters whose default is often wrong
    names: str  # characters a name keeps as they are
    name_tags: tuple[str, ...]  # jieba's parts of speech of names


@dataclass(frozen=True)
class ReviewItem:
    """One doubtful conversion. It is shown as it is on every variant's page (a Simplified word
    and its Traditional forms), so no field is converted."""

    anchor: str = field(metadata=VERBATIM)  # the id of the paragraph or heading
    location: Location = field(metadata=VERBATIM)  # where to edit it: YAML file and line (or the anchor)
    sentence: str = field(metadata=VERBATIM)  # the Simplified sentence that holds it
    phrase: str = field(metadata=VERBATIM)  # the Simplified word to decide
    start: int  # where the word starts in the text of its paragraph or heading
    chosen: str = field(metadata=VERBATIM)  # what the variant writes for it now
    alternatives: tuple[str, ...] = field(metadata=VERBATIM)  # other forms it might need
    detectors: tuple[str, ...] = field(metadata=VERBATIM)  # which of DETECTORS raised it

    @property
    def entry(self) -> str:
        """The glossary entry that settles it everywhere (with the first alternative)."""
        return (f"- phrase: {self.phrase}\n  traditional: {self.alternatives[0]}\n"
                f"  reason: （为什么这里应作“{self.alternatives[0]}”）")

    @property
    def pin(self) -> str:
        """The pin that settles it in this one place (with the first alternative)."""
        return f"[[{self.phrase}|{self.alternatives[0]}]]"


@dataclass(frozen=True)
class _Word:
    anchor: str
    text: str  # the paragraph's or heading's Simplified text, pins resolved
    start: int
    end: int
    tag: str


class Segmenter:
    """jieba, started on first use (its dictionary takes about half a second to load)."""

    def __init__(self) -> None:
        self._pseg = None

    def words(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, part of speech) of every word of the text."""
        if self._pseg is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(60)  # its start-up messages are not ours
            self._pseg = jieba.posseg
        position = 0
        for pair in self._pseg.cut(text):
            yield position, position + len(pair.word), pair.flag
            position += len(pair.word)


def _resolved(raw: str) -> tuple[str, frozenset[int]]:
    """The text with pins resolved to their source form, and the positions inside a pin."""
    text, pinned, position = [], set(), 0
    for match in PIN.finditer(raw):
        text.append(raw[position:match.start()])
        start = sum(len(piece) for piece in text)
        text.append(match.group(1))
        pinned.update(range(start, start + len(match.group(1))))
        position = match.end()
    text.append(raw[position:])
    return "".join(text), frozenset(pinned)


def review_queue(report: Report, convert: Convert, glossary: tuple[GlossaryEntry, ...],
                 dictionaries: Dictionaries, words: ReviewWords, segmenter: Segmenter,
                 locations: Mapping[str, Location] | None = None) -> tuple[ReviewItem, ...]:
    """Every doubtful conversion of one report in one variant (``convert`` is the variant's, with
    its glossaries), in reading order; one item per place and word, with all its detectors."""
    locations = locations or {}
    phrases = dictionaries.phrase_table.plus(entry.phrase for entry in glossary)
    decided = {entry.phrase for entry in glossary}
    ambiguous = dictionaries.ambiguous
    found: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    chosen: dict[tuple[str, int, int], str] = {}
    alternatives: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    texts: dict[str, str] = {}
    forms: dict[str, dict[str, list[tuple[str, int, int]]]] = defaultdict(lambda: defaultdict(list))

    def flag(key: tuple[str, int, int], detector: str, ours: str, *others: str) -> None:
        found[key].add(detector)
        chosen[key] = ours
        alternatives[key].extend(other for other in others if other != ours)

    for step in report.walk():
        text, pinned = _resolved(step.text)
        ours = convert(step.text)
        if len(ours) != len(text) or not any(char in ambiguous for char in text):
            continue
        texts[step.id] = text
        # What decided each character: a glossary entry or pin settles it.
        settled: set[int] = set(pinned)
        by_default: set[int] = set()
        for start, end in segment(text, phrases, pinned):
            if text[start:end] in decided:
                settled.update(range(start, end))
            elif end - start == 1:
                by_default.add(start)
        for start, end, tag in segmenter.words(text):
            word = text[start:end]
            if not any(char in ambiguous for char in word) or settled.intersection(range(start, end)):
                continue
            key = (step.id, start, end)
            in_sentence = ours[start:end]
            alone = convert(word)
            if alone != in_sentence:
                flag(key, "boundary", in_sentence, alone)
            if end - start > 1:  # a lone character's form depends on its neighbours, not on itself
                forms[word][in_sentence].append(key)
            risky = [n for n in range(start, end) if text[n] in words.defaults and n in by_default]
            if risky:
                flag(key, "default", in_sentence, *_swap(word, in_sentence, risky, start, dictionaries))
            kept = [n for n in range(start, end) if text[n] in words.names and ours[n] != text[n]]
            if tag in words.name_tags and kept:
                flag(key, "name", in_sentence,
                     *_swap(word, in_sentence, kept, start, dictionaries, keep=True))
    for by_form in forms.values():
        if len(by_form) > 1:  # the rarer forms are the doubtful ones (all of them, if as many)
            fewest = min(len(keys) for keys in by_form.values())
            most = max(len(keys) for keys in by_form.values())
            for form, keys in by_form.items():
                if len(keys) < most or fewest == most:
                    for key in keys:
                        flag(key, "uneven", form, *(other for other in by_form if other != form))
    items = []
    order = {step.id: n for n, step in enumerate(report.walk())}
    for key in sorted(found, key=lambda key: (order[key[0]], key[1])):
        anchor, start, end = key
        text = texts[anchor]
        others = tuple(dict.fromkeys(alternatives[key])) or (text[start:end],)
        items.append(ReviewItem(anchor, locations.get(anchor, Location(anchor)), _sentence_at(text, start),
                                text[start:end], start, chosen[key], others,
                                tuple(d for d in DETECTORS if d in found[key])))
    return tuple(items)


def _swap(word: str, ours: str, positions: range | list[int], start: int, dictionaries: Dictionaries,
          keep: bool = False) -> Iterator[str]:
    """The word written with another candidate at one of the positions (or, for a name, with the
    character kept as it is)."""
    for n in positions:
        char = word[n - start]
        candidates = dictionaries.characters.get(char, ())
        for other in ((char,) if keep else ()) + tuple(candidates):
            if other != ours[n - start]:
                yield ours[: n - start] + other + ours[n - start + 1:]


def _sentence_at(text: str, offset: int) -> str:
    position = 0
    for sentence in sentences(text):
        if position <= offset < position + len(sentence):
            return sentence
        position += len(sentence)
    return text


def format_queue(items: tuple[ReviewItem, ...], code: str) -> str:
    """The queue as plain text for the terminal: each item where it is, and how to settle it."""
    lines = [f"== {code}: {len(items)} conversion(s) to review"
             + ("" if items else " (every doubtful conversion is settled)")]
    for item in items:
        lines.append(f"{item.location}: {item.phrase} -> {item.chosen}  or  {' / '.join(item.alternatives)}"
                     f"  [{', '.join(item.detectors)}]")
        lines.append(f"    {item.sentence}")
        lines.append(f"    settle here with the pin {item.pin}, or everywhere with the glossary entry "
                     f"{{phrase: {item.phrase}, traditional: {item.alternatives[0]}, reason: …}}")
    return "\n".join(lines)
