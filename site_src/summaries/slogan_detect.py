"""Numbered formulas found in any report, without a curated list: 四个意识, 三大工程, 三攻坚一盘活,
一库四单, “2335”, “1+9” …, each place with its sentence and the span of the formula in it.

What is read as a formula (the words are in genres/work-report/slogans.yaml):

- quoted, a code in digits (“2335”, “555X”, “1+9”, “7+28+N”), not a year;
- quoted, numerals in words: all numerals (十百千万); or two numeral-led parts or more (三攻坚一盘活,
  一区两地一园一通道); or one numeral of two or more before what it counts (四风, 三个没有变, 五篇大文章),
  unless what follows is a plain count's unit (两个月, 千年, 百名, 百亿), the numeral is 一 alone
  (一网通办: a formula counts several things), an ordinal (十四五, 二线), an ordinary word (百姓), or
  a word the report uses as one elsewhere (a name: it occurs outside quotes, or inside others);
- quoted, a phrase with N个/N大… inside it (碳达峰十大行动);
- unquoted, N大 + a name ending in a formula's word (三大工程, 四大主导产业), a code in digits followed at
  once by a formula's name (6666工作思路), and every formula found quoted (of three characters or
  more) or known to the genre, wherever it is written.

The curated slogans.yaml is an override: its ``slogans`` add phrases, its ``not_slogans`` remove them.
Every stage reads each paragraph a fixed number of times: linear in the report's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from site_src.model import VERBATIM, Report, sentences
from site_src.summaries.industry_draft import longest_first
from site_src.summaries.slogans import FOUND_BY_LIST, FOUND_BY_PATTERN, Occurrence, Slogan, SloganList

_CJK = "\u4e00-\u9fff"
_WORDS = re.compile(f"[{_CJK}]+")
SHORTEST_UNQUOTED = 3  # a formula of fewer characters is found only where it is quoted (三保 ≠ 三保障)


@dataclass(frozen=True)
class SloganWords:
    """genres/work-report/slogans.yaml as written: the genre's words for a numbered formula."""

    quotes: tuple[tuple[str, ...], ...]  # pairs of an opening and a closing mark
    numerals: Mapping[str, int]
    magnitudes: tuple[str, ...]
    ordinal_numerals: tuple[str, ...]
    classifiers: tuple[str, ...]
    plain_after: tuple[str, ...]
    words: tuple[str, ...]
    digit_code: str  # a regular expression
    year: str  # a regular expression
    code_names: tuple[str, ...]
    big_names: tuple[str, ...]
    not_before_big: tuple[str, ...]
    known: tuple[str, ...]
    word_uses: int
    name_endings: tuple[str, ...]


@dataclass(frozen=True)
class SloganVocabulary:
    """The words made into the patterns the detector reads with: made once per build."""

    quotes: tuple[tuple[str, str], ...]
    quoted: re.Pattern[str]
    numerals: str
    ordinals: str
    magnitudes: str
    classifiers: str
    plain_after: tuple[str, ...]
    words: tuple[str, ...]
    digit_code: re.Pattern[str]
    year: re.Pattern[str]
    unquoted_code: re.Pattern[str]
    big: re.Pattern[str]
    big_names: tuple[str, ...]
    not_before_big: tuple[str, ...]
    known: tuple[str, ...]
    word_uses: int
    name_endings: tuple[str, ...]
    segment: re.Pattern[str]
    inner: re.Pattern[str]


def slogan_vocabulary(data: SloganWords) -> SloganVocabulary:
    """The patterns; a regular expression of the file that does not compile raises re.error."""
    quotes = tuple((a, b) for a, b in data.quotes)
    quoted = "|".join(f"{re.escape(a)}([^{re.escape(a + b)}\\n]{{1,24}}){re.escape(b)}" for a, b in quotes)
    numerals = "".join(data.numerals)
    classifiers = "".join(data.classifiers)
    code = data.digit_code
    code_names = "|".join(map(re.escape, longest_first(data.code_names)))
    many = f"[{re.escape(numerals.replace('一', ''))}]"
    return SloganVocabulary(
        quotes=quotes, quoted=re.compile(quoted),
        numerals=numerals, ordinals="".join(data.ordinal_numerals),
        magnitudes="".join(data.magnitudes), classifiers=classifiers,
        plain_after=longest_first(data.plain_after), words=longest_first(data.words),
        digit_code=re.compile(f"(?:{code})"), year=re.compile(data.year),
        unquoted_code=re.compile(f"(?<![\\d.．%％+])({code})(?=(?:{code_names}))"),
        big=re.compile(f"(?<![{re.escape(numerals)}\\d])({many}大)([{_CJK}]{{1,8}})"),
        big_names=longest_first(data.big_names),
        not_before_big=data.not_before_big,
        known=data.known, word_uses=data.word_uses,
        name_endings=data.name_endings,
        segment=re.compile(f"[{re.escape(numerals)}][^{re.escape(numerals)}]+"),
        inner=re.compile(f"{many}[{re.escape(classifiers)}]"),
    )


# --- one phrase ------------------------------------------------------------------------------------------

def _is_number(text: str, voc: SloganVocabulary) -> bool:
    return all(c in voc.numerals for c in text)


def quoted_formula(phrase: str, voc: SloganVocabulary, word_uses: dict[str, int] | None = None) -> bool:
    """Whether a quoted phrase (without its quotation marks) is a numbered formula.

    ``word_uses`` counts, for a numeral and the character after it (as a place's name may begin),
    how often the report uses them as a word: outside quotes, or inside a quoted phrase after its
    start.
    """
    if voc.digit_code.fullmatch(phrase):
        return not voc.year.fullmatch(phrase)
    if not phrase or phrase[0] not in voc.numerals:
        # A formula inside a longer name: 碳达峰十大行动.
        inner = voc.inner.search(phrase)
        return inner is not None and inner.start() > 0
    if len(phrase) < 2 or phrase.startswith(voc.words):
        return False
    if _is_number(phrase, voc):
        # 十百千万 counts; 十四五, 八五, 九五 are a plan's number.
        return not (phrase.endswith("五") and len(phrase) <= 3)
    parts = [p for p in voc.segment.findall(re.sub(r"[、，·\s-]", "", phrase)) if len(p) >= 2]
    numeral_parts = sum(1 for p in parts if p[0] in voc.numerals)
    if numeral_parts >= 2:
        return True
    # One numeral (or a number of several: 十四冬, 九二共识) before what it counts.
    head = re.match(f"[{voc.numerals}]+", phrase)
    assert head is not None
    number, rest = head.group(), phrase[head.end():]
    if len(number) > 1 and not (any(c in voc.magnitudes for c in number) and rest.startswith(voc.big_names)):
        # 十四冬, 九二共识: a number read as digits, an ordinal; 百万英才: a count of people;
        # 千万工程, 四千行动: a formula, its name says so.
        return False
    if number == "一" or number in voc.ordinals or not rest:
        return False
    if word_uses and word_uses.get(phrase[:2], 0) >= voc.word_uses and rest[0] not in voc.classifiers:
        return False
    counted = rest[1:] if rest[0] in voc.classifiers else rest
    return bool(counted) and not counted.startswith(voc.plain_after)


# --- the report ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Place:
    paragraph: int
    offset: int  # in the paragraph
    key: str
    form: str  # as written, with its quotation marks where quoted


def _unquoted(text: str, voc: SloganVocabulary) -> list[tuple[int, int]]:
    """The spans of ``text`` outside quotation marks, in order."""
    spans, position = [], 0
    for match in voc.quoted.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _word_uses(texts: Sequence[str], voc: SloganVocabulary) -> dict[str, int]:
    """For each numeral and the character after it, how often the report uses the pair as a word."""
    uses: dict[str, int] = {}

    def count(text: str, skip_start: bool) -> None:
        for n in range(1 if skip_start else 0, len(text) - 1):
            if text[n] in voc.numerals and text[n + 1] not in voc.numerals + voc.classifiers:
                uses[text[n:n + 2]] = uses.get(text[n:n + 2], 0) + 1

    for text in texts:
        for a, b in _unquoted(text, voc):
            count(text[a:b], False)
        for match in voc.quoted.finditer(text):
            count(next(g for g in match.groups() if g is not None), True)
    return uses


NO_LIST = SloganList()


def detect_slogans(source: Report | Iterable[tuple[str, str]], voc: SloganVocabulary,
                   listed: SloganList = NO_LIST) -> tuple[Slogan, ...]:
    """Every numbered formula of the report, in reading order of its first place; each place with
    its sentence and the span of the formula in it, read with the genre's words (Genre.slogans).
    ``listed`` (the report's slogans.yaml) adds and removes phrases."""
    # Every paragraph and note: formulas are also explained in notes.
    pairs = list(source.quotable()) if isinstance(source, Report) \
        else list(source)
    texts = [text for _, text in pairs]
    uses = _word_uses(texts, voc)
    removed = {entry.phrase for entry in listed.not_slogans}
    added = {entry.phrase for entry in listed.slogans}
    places: list[_Place] = []
    keys: set[str] = set(voc.known) | added
    # Pass 1: quoted formulas, and the unquoted shapes.
    for index, text in enumerate(texts):
        for match in voc.quoted.finditer(text):
            phrase = next(g for g in match.groups() if g is not None)
            if phrase in added or (phrase not in removed and quoted_formula(phrase, voc, uses)):
                places.append(_Place(index, match.start(), phrase, match.group()))
                keys.add(phrase)
        for a, b in _unquoted(text, voc):
            piece = text[a:b]
            for match in voc.unquoted_code.finditer(piece):
                if not voc.year.fullmatch(match.group(1)):
                    keys.add(match.group(1))
            for match in voc.big.finditer(piece):
                if piece[:match.start()].endswith(voc.not_before_big):
                    continue
                name = _big_name(match.group(2), voc)
                if name:
                    keys.add(match.group(1) + name)
    keys -= removed
    # Pass 2: every key where it is written outside quotes (three characters or more), longest
    # first at each position, the next looked for after it (one alternation, longest first).
    unquoted_keys = sorted((key for key in keys if len(key) >= SHORTEST_UNQUOTED), key=lambda k: (-len(k), k))
    if unquoted_keys:
        written = re.compile("|".join(map(re.escape, unquoted_keys)))
        for index, text in enumerate(texts):
            for a, b in _unquoted(text, voc):
                places.extend(_Place(index, match.start(), match.group(), match.group())
                              for match in written.finditer(text, a, b))
    # Listed phrases of two characters, written without quotes, as the curator listed them.
    short_added = {key for key in added if len(key) < SHORTEST_UNQUOTED}
    if short_added:
        for index, text in enumerate(texts):
            for a, b in _unquoted(text, voc):
                for key in short_added:
                    start = text.find(key, a, b)
                    while start >= 0:
                        places.append(_Place(index, start, key, key))
                        start = text.find(key, start + len(key), b)
    return _slogans(places, pairs, added, listed, voc)


def _slogans(places: list[_Place], pairs: Sequence[tuple[str, str]], added: set[str],
             listed: SloganList, voc: SloganVocabulary) -> tuple[Slogan, ...]:
    notes = {entry.phrase: entry.note for entry in listed.slogans}
    split: dict[int, list[tuple[int, str]]] = {}
    by_key: dict[str, list[tuple[int, int, Occurrence]]] = {}
    for place in sorted(places, key=lambda p: (p.paragraph, p.offset)):
        paragraph_id, text = pairs[place.paragraph]
        if place.paragraph not in split:
            split[place.paragraph] = _sentence_offsets(text)
        offset, sentence = _sentence_of(split[place.paragraph], place.offset)
        start = place.offset - offset
        quoted = place.form != place.key
        name = _name(text, place.offset + len(place.form), voc) if quoted else ""
        by_key.setdefault(place.key, []).append((place.paragraph, place.offset, Occurrence(
            paragraph_id, sentence, place.form, name, start=start, end=start + len(place.form),
            sentence_start=offset)))
    slogans = []
    for key, found in by_key.items():
        note = notes.get(key, "")
        note_paragraph = next((pid for pid, text in pairs if note and note in text), "") if note else ""
        slogans.append((found[0][:2], Slogan(key, FOUND_BY_LIST if key in added else FOUND_BY_PATTERN,
                                             tuple(o for *_, o in found), note, note_paragraph)))
    return tuple(slogan for _, slogan in sorted(slogans, key=lambda item: item[0]))


def _big_name(run: str, voc: SloganVocabulary) -> str:
    """The words after N大 up to the first formula word, the longest there (三大攻坚战三年行动 -> 攻坚战,
    三大特色农业产业带 -> 特色农业产业带), or ""."""
    places = [(run.find(name), -len(name)) for name in voc.big_names if name in run]
    if not places:
        return ""
    start, minus_length = min(places)
    return run[:start - minus_length]


def _sentence_offsets(text: str) -> list[tuple[int, str]]:
    result, position = [], 0
    for sentence in sentences(text):
        position = text.find(sentence, position)
        result.append((position, sentence))
        position += len(sentence)
    return result


def _sentence_of(split: list[tuple[int, str]], offset: int) -> tuple[int, str]:
    """The sentence holding the character at ``offset`` (by bisection: sentences are in order)."""
    low, high = 0, len(split) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if split[middle][0] <= offset:
            low = middle
        else:
            high = middle - 1
    return split[low]


def _name(text: str, start: int, voc: SloganVocabulary) -> str:
    """The words after a quoted formula up to the first that ends a name
    (“141”基层智治体系建设 -> 基层智治体系)."""
    words = _WORDS.match(text, start)
    if not words:
        return ""
    run = words.group()
    for end in range(1, len(run) + 1):
        if run[:end].endswith(voc.name_endings):
            return run[:end]
    return ""


# --- for a page ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mark:
    """A formula in a sentence: [start, end) of its form, as written."""

    start: int
    end: int
    key: str = field(metadata=VERBATIM)  # the formula's Slogan.key
    form: str


@dataclass(frozen=True)
class MarkedSentence:
    sentence: str
    marks: tuple[Mark, ...]  # in order, not overlapping
    follows: bool = False  # it starts where the paragraph's previous marked sentence ends
    start: int = 0  # where it starts in its paragraph (in the source's text): which sentence it is

    def pieces(self, start: int = 0, end: int | None = None) -> tuple[tuple[str, str], ...]:
        """The sentence (or its span [start, end)) cut at its formulas: (text, key) pairs, key ""
        for the text between."""
        end = len(self.sentence) if end is None else end
        result, position = [], start
        for mark in self.marks:
            if mark.end <= start or mark.start >= end:
                continue
            if mark.start > position:
                result.append((self.sentence[position:mark.start], ""))
            result.append((self.sentence[mark.start:mark.end], mark.key))
            position = mark.end
        if position < end:
            result.append((self.sentence[position:end], ""))
        return tuple(result)

    def excerpt(self, longest: int) -> Excerpt:
        """The sentence as a page quotes it: whole up to ``longest`` characters; a longer one
        cut to its clauses (between ，；：) that hold a formula, each run of such clauses one span
        without the mark that ends it. The page marks what it leaves out (……)."""
        if len(self.sentence) <= longest:
            return Excerpt((self.pieces(),), False, False)
        clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(self.sentence)]
        kept = [(a, b) for a, b in clauses if any(mark.start < b and mark.end > a for mark in self.marks)]
        if not kept:
            return Excerpt((self.pieces(),), False, False)
        runs: list[list[int]] = []
        for a, b in kept:
            if runs and runs[-1][1] == a:
                runs[-1][1] = b
            else:
                runs.append([a, b])
        last = len(self.sentence)
        spans = [(a, b if b == last else len(self.sentence[:b].rstrip(_CLAUSE_MARKS))) for a, b in runs]
        return Excerpt(tuple(self.pieces(a, b) for a, b in spans), spans[0][0] > 0, spans[-1][1] < last)


_CLAUSE_MARKS = "，；：,;:"
_CLAUSE = re.compile(f"[^{_CLAUSE_MARKS}]+[{_CLAUSE_MARKS}]*")


@dataclass(frozen=True)
class Excerpt:
    """What a page quotes of a sentence: spans of (text, key) pieces, and whether text is left
    out before the first, between each two (always) and after the last."""

    spans: tuple[tuple[tuple[str, str], ...], ...]
    before: bool
    after: bool

    @property
    def text(self) -> str:
        return "".join(text for span in self.spans for text, _ in span)


@dataclass(frozen=True)
class ParagraphSlogans:
    """One paragraph that holds formulas, listed once: its sentences that hold them, marked."""

    paragraph_id: str = field(metadata=VERBATIM)
    sentences: tuple[MarkedSentence, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.key for s in self.sentences for m in s.marks))


def by_paragraph(slogans: Iterable[Slogan], order: Sequence[str]) -> tuple[ParagraphSlogans, ...]:
    """The places of all formulas grouped by paragraph (in ``order``, the report's paragraph ids)
    and by sentence, each paragraph once and each sentence once with all its formulas."""
    rank = {paragraph_id: n for n, paragraph_id in enumerate(order)}
    grouped: dict[str, dict[int, tuple[str, list[Mark]]]] = {}
    for slogan in slogans:
        for o in slogan.occurrences:
            entry = grouped.setdefault(o.paragraph_id, {}).setdefault(o.sentence_start, (o.sentence, []))
            entry[1].append(Mark(o.start, o.end, slogan.key, o.form))
    result = []
    for paragraph_id in sorted(grouped, key=lambda pid: rank.get(pid, len(rank))):
        marked = []
        end = -1
        for start, (sentence, marks) in sorted(grouped[paragraph_id].items()):
            kept: list[Mark] = []
            for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
                if not kept or mark.start >= kept[-1].end:
                    kept.append(mark)
            marked.append(MarkedSentence(sentence, tuple(kept), follows=start == end, start=start))
            end = start + len(sentence)
        result.append(ParagraphSlogans(paragraph_id, tuple(marked)))
    return tuple(result)
