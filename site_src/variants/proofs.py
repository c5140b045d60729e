"""The proofs (校对): every conversion a person should look at, most likely wrong first, with what
would settle it.

Conversion is by words, with the genre's context rules and glossary; where a character's default,
an OpenCC entry or a name is still wrong for the text, nothing tells an editor. Five detectors,
each a way such errors show (measured on the 16 reviewed reports, tests/test_proofs.py):

    boundary  a word of the segmentation, converted on its own, is written otherwise than in its
              sentence (OpenCC matched a phrase over characters the segmenter found no word for)
    uneven    the same word is written two ways in the report (活动周 -> 活動週 here, 活動周
              there): the rarer form is queued
    default   a character that often goes wrong (签 准 制 只 …, the genre's list) was decided by
              its default alone: no phrase, rule or glossary entry said which form the word needs
    entry     an OpenCC phrase writes a character otherwise than a shorter OpenCC phrase inside it
              (市场准入 -> 準 where 准入 -> 准): one of OpenCC's two entries does not fit
    name      a proper name holds a character names keep (沈 里 台 …) and the conversion changed
              it: a name the segmenter tags (东升路, 台州), or a lane or place written …里 before a
              place word or a closing quotation mark (幸福里社区, “某某里”)

Each item has a likelihood: the share of items raised by the same detector on the same risky
character (or by the same detector) that were real errors on the reviewed reports (the genre's
proofs.yaml); the queue is in order of it, and leaves out items below the genre's floor. An
item leaves the queue once a glossary entry, a rule or a pin decides its span. Each item says
where it is (the YAML file and line), the sentence, what was chosen, the alternatives, which
detectors raised it, and the glossary entry (a name's: of the report's own glossary) and the pin
that would settle it.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from site_src.errors import Location
from site_src.model import VERBATIM, Report, sentences
from site_src.variants.audit import Dictionaries, decisions
from site_src.variants.convert import Convert, Converter
from site_src.variants.pins import resolve
from site_src.variants.punctuation import with_quotes

DETECTORS = ("boundary", "uneven", "default", "entry", "name")


@dataclass(frozen=True)
class ProofWords:
    """The genre's words for the proofs (genres/work-report/proofs.yaml)."""

    defaults: str  # characters whose default is often wrong
    names: str  # characters a name keeps as they are
    name_tags: tuple[str, ...]  # the segmenter's parts of speech of names
    place_words: tuple[str, ...]  # words after a place's name (社区, 村 …): what stands before is a name
    # How often (per cent) items were real errors, by detector and character (default:签) or by
    # detector (default); items less likely than the floor are left out.
    likelihoods: Mapping[str, int]
    floor: int


@dataclass(frozen=True)
class ProofItem:
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
    likelihood: int = 0  # how often (per cent) items raised so were real errors

    @property
    def entry(self) -> str:
        """The glossary entry that settles it everywhere (with the first alternative): for a name,
        an entry of the report's own glossary."""
        return (f"- phrase: {self.phrase}\n  traditional: {self.alternatives[0]}\n"
                f"  reason: （为什么这里应作“{self.alternatives[0]}”）")

    @property
    def pin(self) -> str:
        """The pin that settles it in this one place (with the first alternative)."""
        return self.pin_for(self.alternatives[0])

    def pin_for(self, form: str) -> str:
        """The pin that writes the word as ``form`` here: the Simplified word, then its form in the
        converted variants; ``[[word]]`` where the form is the word itself (kept unconverted)."""
        return f"[[{self.phrase}]]" if form == self.phrase else f"[[{self.phrase}|{form}]]"


Key = tuple[str, int, int]  # (anchor, start, end)


@dataclass
class _Found:
    """What the detectors raise, by place and word."""

    detectors: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    chosen: dict[Key, str] = field(default_factory=dict)
    alternatives: dict[Key, list[str]] = field(default_factory=lambda: defaultdict(list))

    def flag(self, key: Key, detector: str, ours: str, *others: str) -> None:
        self.detectors[key].add(detector)
        self.chosen[key] = ours
        self.alternatives[key].extend(other for other in others if other != ours)


def proof_queue(report: Report, converter: Converter, quotes: str, dictionaries: Dictionaries,
                words: ProofWords, locations: Mapping[str, Location] | None = None) -> tuple[ProofItem, ...]:
    """Every doubtful conversion of one report in one variant (``converter`` is the variant's, with
    its glossaries; ``quotes`` its quotation marks), most likely first; one item per place and
    word, with all its detectors."""
    convert = with_quotes(converter.convert, quotes)
    phrases = dictionaries.phrase_table.plus(converter.decided_phrases)
    found = _Found()
    texts: dict[str, str] = {}
    leads: dict[str, int] = {}  # where each paragraph's text starts after its lead (a line of its own)
    forms: dict[str, dict[str, list[Key]]] = defaultdict(lambda: defaultdict(list))
    for step in report.walk():
        resolved = resolve(step.text)
        text, ours = resolved.text, convert(step.text)
        if len(ours) != len(text) or dictionaries.ambiguous.isdisjoint(text):
            continue
        texts[step.id] = text
        if step.paragraph is not None and step.paragraph.lead:
            leads[step.id] = len(resolve(step.paragraph.lead).text)
        spans = decisions(converter, resolved, phrases)
        settled = {n for start, end, by in spans if by in ("pin", "glossary", "rule")
                   for n in range(start, end)}
        by_default = {start for start, end, by in spans if by == "character"}
        starts = [start for start, _, _ in spans]  # in order: a word's spans found by bisection
        for start, end in converter.segmenter.words(text):
            word = text[start:end]
            if dictionaries.ambiguous.isdisjoint(word) or settled.intersection(range(start, end)):
                continue
            key = (step.id, start, end)
            _word_detectors(found, key, text, ours, by_default, convert, dictionaries, words)
            if end - start > 2:
                _inside(found, key, text, ours, spans, starts, converter)
            if end - start > 1:  # a lone character's form depends on its neighbours, not on itself
                forms[word][ours[start:end]].append(key)
        for start, end, by in spans:
            if by == "phrase" and not settled.intersection(range(start, end)):
                _entry(found, (step.id, start, end), text, ours, converter, dictionaries)
        _names(found, step.id, text, ours, settled, converter, dictionaries, words)
    _uneven(found, forms)
    return _ranked(report, found, texts, words, _place(locations or {}, leads))


def _word_detectors(found: _Found, key: Key, text: str, ours: str, by_default: set[int],
                    convert: Convert, dictionaries: Dictionaries, words: ProofWords) -> None:
    """boundary and default, on one word of the segmentation."""
    _, start, end = key
    word, in_sentence = text[start:end], ours[start:end]
    alone = convert(word)
    if alone != in_sentence:
        found.flag(key, "boundary", in_sentence, alone)
    risky = [n for n in range(start, end) if text[n] in words.defaults and n in by_default]
    if risky:
        found.flag(key, "default", in_sentence, *_swap(word, in_sentence, risky, start, dictionaries))


def _inside(found: _Found, key: Key, text: str, ours: str, spans: list[tuple[int, int, str]],
            starts: list[int], converter: Converter) -> None:
    """A phrase of OpenCC's inside a long word that crosses the line between two words the word
    is made of (分配|制度, where OpenCC matched 配制): the word written as its two parts. Only the
    spans that start inside the word are looked at (``starts``: where each span starts)."""
    _, start, end = key
    for a, b, by in spans[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]:
        if by != "phrase" or b > end or (a, b) == (start, end):
            continue
        for cut in range(a + 1, b):
            if converter.segmenter.is_word(text[start:cut]) and converter.segmenter.is_word(text[cut:end]):
                parts = converter.convert(text[start:cut]) + converter.convert(text[cut:end])
                if parts != ours[start:end]:
                    found.flag(key, "boundary", ours[start:end], parts)
                    return


def _entry(found: _Found, key: Key, text: str, ours: str, converter: Converter,
           dictionaries: Dictionaries) -> None:
    """An OpenCC phrase that writes a character otherwise than a shorter phrase of OpenCC's that is
    one of the words it is made of."""
    _, start, end = key
    known, is_word = dictionaries.phrase_table.phrases, converter.segmenter.is_word
    for a in range(start, end):
        for b in range(a + 2, end + 1):
            # The shorter phrase is one of the words the longer is made of (市场|准入, not 示|范村).
            if (a, b) == (start, end) or text[a:b] not in known or not is_word(text[a:b]) \
                    or not all(is_word(rest) for rest in (text[start:a], text[b:end]) if rest):
                continue
            shorter = converter.convert(text[a:b])
            for n in range(a, b):
                if text[n] in dictionaries.ambiguous and shorter[n - a] != ours[n]:
                    other = ours[start:n] + shorter[n - a] + ours[n + 1:end]
                    found.flag(key, "entry", ours[start:end], other)
                    return


def _names(found: _Found, anchor: str, text: str, ours: str, settled: set[int], converter: Converter,
           dictionaries: Dictionaries, words: ProofWords) -> None:
    """A name holding a character names keep, changed by the conversion: a word the segmenter
    tags as a name (东升路, 台州), or a word ending in one before a place word or a closing
    quotation mark (幸福里社区, “幸福里”: a lone 里 with the word before it)."""
    for start, end, tag in converter.segmenter.tagged(text):
        kept = [n for n in range(start, end) if text[n] in words.names and ours[n] != text[n]]
        if tag in words.name_tags and kept and not settled.intersection(range(start, end)):
            found.flag((anchor, start, end), "name", ours[start:end],
                       *_swap(text[start:end], ours[start:end], kept, start, dictionaries, keep=True))
    spans = converter.segmenter.words(text)
    for index, (start, end) in enumerate(spans):
        n = end - 1
        if text[n] not in words.names or ours[n] == text[n] or n in settled \
                or not text.startswith(("”", "’", "」", *words.place_words), end):
            continue
        if end - start == 1 and index and "\u4e00" <= text[start - 1] <= "\u9fff":
            start = spans[index - 1][0]  # a lone 里 ends the word before it: 幸福|里
        if end - start > 1:
            found.flag((anchor, start, end), "name", ours[start:end], ours[start:n] + text[n])


def _uneven(found: _Found, forms: dict[str, dict[str, list[Key]]]) -> None:
    for by_form in forms.values():
        if len(by_form) > 1:  # the rarer forms are the doubtful ones (all of them, if as many)
            fewest = min(len(keys) for keys in by_form.values())
            most = max(len(keys) for keys in by_form.values())
            for form, keys in by_form.items():
                if len(keys) < most or fewest == most:
                    for key in keys:
                        found.flag(key, "uneven", form, *(other for other in by_form if other != form))


def likelihood(phrase: str, detectors: tuple[str, ...], words: ProofWords) -> int:
    """How often (per cent) items so raised were real errors on the reviewed reports: by detector
    and character (default:签) where the genre's table has it, else by detector; the likeliest
    of the item's detectors."""
    table, chances = words.likelihoods, []
    for detector in detectors:
        by_character = [table[f"{detector}:{char}"] for char in phrase if f"{detector}:{char}" in table]
        chances.append(max(by_character) if by_character else table.get(detector, 0))
    return max(chances, default=0)


def _place(locations: Mapping[str, Location], leads: Mapping[str, int]) -> Callable[[str, int], Location]:
    """Where a word is written: the line of its paragraph's text, or of its lead (id.lead) where
    it is in the lead; the step's id alone where the report was not read from files."""
    def place(anchor: str, start: int) -> Location:
        if start < leads.get(anchor, 0) and f"{anchor}.lead" in locations:
            return locations[f"{anchor}.lead"]
        return locations.get(anchor, Location(anchor))
    return place


def _ranked(report: Report, found: _Found, texts: dict[str, str], words: ProofWords,
            place: Callable[[str, int], Location]) -> tuple[ProofItem, ...]:
    order = {step.id: n for n, step in enumerate(report.walk())}
    items = []
    for key in found.detectors:
        anchor, start, end = key
        text = texts[anchor]
        detectors = tuple(d for d in DETECTORS if d in found.detectors[key])
        chance = likelihood(text[start:end], detectors, words)
        if chance < words.floor:
            continue
        others = tuple(dict.fromkeys(found.alternatives[key])) or (text[start:end],)
        items.append(ProofItem(anchor, place(anchor, start), _sentence_at(text, start),
                               text[start:end], start, found.chosen[key], others, detectors, chance))
    return tuple(sorted(items, key=lambda item: (-item.likelihood, order[item.anchor], item.start)))


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


def format_queue(items: tuple[ProofItem, ...], code: str) -> str:
    """The queue as plain text for the terminal: each item where it is written (the file and the
    line of its text), and how to settle it either way: as it is now, or as the likeliest other."""
    lines = [f"== {code}: {len(items)} conversion(s) to proofread"
             + ("" if items else " (every doubtful conversion is settled)")]
    for item in items:
        lines.append(f"{item.location}: {item.phrase} -> {item.chosen}  or  {' / '.join(item.alternatives)}"
                     f"  [{', '.join(item.detectors)}; {item.likelihood}%]")
        lines.append(f"    {item.sentence}")
        where = "the report's own glossary" if "name" in item.detectors else "the glossary"
        other = item.alternatives[0]
        lines.append(f"    settle: {item.chosen} is right: {item.pin_for(item.chosen)}; {other} is: "
                     f"{item.pin_for(other)} (or everywhere, in {where}: "
                     f"{{phrase: {item.phrase}, traditional: {other}, reason: …}})")
    return "\n".join(lines)
