"""Key figures, read from the report's own sentences: the targets a plan sets, the results a review
reports. The words of the pattern come from the genre's vocabulary (genres/work-report/figures.yaml).

A figure is read clause by clause (，；):

    [其中] indicator [分别] verb value[unit][qualifier] [、 value…] [、 verb value…]

其中 makes the indicator part of the one before it (其中工业投资增长15%以上); 分别 spreads the values
over enumerated subjects that share a prefix or a suffix (规上工业总产值、增加值 -> 规上工业总产值,
规上工业增加值; 城镇和农村常住居民人均可支配收入 -> 城镇…, 农村常住居民人均可支配收入); a clause
without a subject continues the previous one (…分别为47382元、24686元，分别增长4.3%、6.1%). A target
may be qualitative (单位GDP能耗下降达到市级要求). Whatever a targets clause does not fit is returned
as unparsed, never dropped. Every figure keeps its clause verbatim, so a page can quote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from site_src.model import VERBATIM, Paragraph, sentences

MEASURE_CHANGE = "change"
MEASURE_LEVEL = "level"


@dataclass(frozen=True)
class FigureVocabulary:
    """The words of the figure pattern, as the genre profile lists them."""

    change_verbs: tuple[str, ...]
    growth_verbs: tuple[str, ...]
    level_verbs: tuple[str, ...]
    qualifiers: tuple[str, ...]
    requirements: tuple[str, ...]
    requirement_verbs: tuple[str, ...]
    rate_words: tuple[str, ...]
    scope_places: tuple[str, ...]
    scope_verbs: tuple[str, ...]
    synonyms: Mapping[str, tuple[str, ...]]


def _any(words: Iterable[str]) -> str:
    """A regular expression matching any of the words, the longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_NUMBER = r"\d+(?:\.\d+)?"
# A range, kept as written: 6%－6.5%, 6%-6.5%, 6—6.5% (the last unit is the value's unit).
_RANGE = rf"{_NUMBER}(?:%|‰)?[－\-—–~～至]{_NUMBER}"
_AMOUNT = rf"(?:{_RANGE}|{_NUMBER})"
# A unit is a sign or a few characters up to the qualifier or the end of the value (亿元, 万人次).
_UNIT = r"%|‰|个百分点|[\u4e00-\u9fff]{1,4}?"
# A figure may be followed by an aside (同比增长8.9%（按可比价计算）) or a remark without a figure
# (粮食产量达到732.5亿斤、创历史新高); both stay in the quote.
_TRAILING_ASIDE = r"(?:（[^（）]*）|、创[^\d、]*)?"
_IN_STEP_CLAUSE = re.compile(r"(?P<part>其中)?(?P<subject>.+?)(?P<qualifier>[和与同]\D+?(?:基本)?同步)")
_CLAUSE = re.compile(r"[^，；：。！？]+")
# Words of a subject that qualify the figure, not the indicator: 地区生产总值同比（下同）.
_ASIDES = re.compile(r"（[^（）]*）|同比")


class Grammar:
    """The figure pattern made from a vocabulary: compiled once, used for every paragraph."""

    def __init__(self, words: FigureVocabulary) -> None:
        self.words = words
        qualifier = _any(words.qualifiers)
        verb = _any(words.change_verbs + words.level_verbs)
        self.value = re.compile(
            rf"(?P<number>{_AMOUNT})(?P<unit>{_UNIT})?(?P<qualifier>{qualifier})?(?=、|和|$)")
        one = rf"{_AMOUNT}(?:{_UNIT})?(?:{qualifier})?"
        values = rf"{one}(?:、{one})*|{one}和{one}"
        self.predicate = re.compile(rf"(?:分别)?(?P<verb>{verb})\s*(?P<values>{values})(?=、|$)")
        predicates = rf"(?:分别)?(?:{verb})\s*(?:{values})(?:、(?:分别)?(?:{verb})\s*(?:{values}))*"
        # An amount may come first, then its change: 生产总值6.36万亿元、增长5.1%.
        self.numeric = re.compile(
            rf"(?P<part>其中)?(?P<subject>.*?)(?:(?<=[^\d.\s、，：%])(?P<amount>{values})、?)?"
            rf"(?P<predicates>{predicates}){_TRAILING_ASIDE}")
        # An indicator followed directly by its value: 城镇新增就业1100万人以上, 居民消费价格涨幅3%左右.
        self.bare = re.compile(
            rf"(?P<part>其中)?(?P<subject>.*?[^\d.\s、，：%])\s*(?P<values>{values}){_TRAILING_ASIDE}")
        self.qualitative = re.compile(
            rf"(?P<part>其中)?(?P<subject>.+?)(?P<verb>{verb})(?P<qualifier>(?:{_any(words.requirements)})\D+)")
        self.requirement = re.compile(
            rf"(?P<part>其中)?(?P<subject>.+?)(?P<qualifier>(?:{_any(words.requirement_verbs)})\D*要求)")
        self.scope = re.compile(rf"^(?:{_any(words.scope_places)})?(?:{_any(words.scope_verbs)})?")

    def measure(self, verb: str, indicator: str) -> str:
        if verb in self.words.change_verbs or (not verb and indicator.endswith(self.words.rate_words)):
            return MEASURE_CHANGE
        return MEASURE_LEVEL


@dataclass(frozen=True)
class Target:
    """One main target as the plan states it: 规上工业增加值 增长 9 %."""

    indicator: str
    verb: str
    value: str | None = field(metadata=VERBATIM)  # as written ("7.5", "6%－6.5"); None if qualitative
    number: float | None  # the value for charts; of a range, its lower bound
    unit: str
    qualifier: str  # 以上, 以内, 达到市级要求, 和经济增长基本同步, or ""
    paragraph_id: str = field(metadata=VERBATIM)
    quote: str  # the clause, verbatim
    parent: str = ""  # after 其中: the indicator this one is part of
    upper: float | None = None  # of a range, its upper bound
    measure: str = field(default=MEASURE_LEVEL, metadata=VERBATIM)  # change or level
    growth: bool = False  # a growth verb (增长): with % it is a growth rate

    @property
    def is_growth_rate(self) -> bool:
        return self.growth and self.unit == "%" and self.number is not None

    @property
    def quote_pieces(self) -> tuple[tuple[str, bool], ...]:
        return kept_together(self.quote)


@dataclass(frozen=True)
class Result:
    """A figure the review reports, with the clause (quote) and sentence it is in, verbatim."""

    indicator: str
    verb: str
    value: str = field(metadata=VERBATIM)
    number: float
    unit: str
    qualifier: str
    paragraph_id: str = field(metadata=VERBATIM)
    quote: str  # from the clause naming the indicator to the one holding the value
    sentence: str
    parent: str = ""
    upper: float | None = None  # of a range, its upper bound
    measure: str = field(default=MEASURE_LEVEL, metadata=VERBATIM)  # change or level

    @property
    def quote_pieces(self) -> tuple[tuple[str, bool], ...]:
        return kept_together(self.quote)


# A number, its sign and the two characters after it (its unit, in any script: 亿元, 億元, 万人):
# what a page keeps on one line, so that a quote never breaks 32.6亿元 into 32.6亿 and 元.
_KEPT = re.compile(r"\d+(?:[.．]\d+)*(?:[%‰％]|[^\s\d，。；：、（）“”%‰]{0,2})")


def kept_together(text: str) -> tuple[tuple[str, bool], ...]:
    """The text cut at its numbers: (piece, whether it is a number to keep on one line)."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _KEPT.finditer(text):
        if match.start() > position:
            pieces.append((text[position:match.start()], False))
        pieces.append((match.group(), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return tuple(pieces)


@dataclass(frozen=True)
class Unparsed:
    """A clause of a targets paragraph that is not a figure the parser can read."""

    paragraph_id: str = field(metadata=VERBATIM)
    quote: str
    reason: str = field(metadata=VERBATIM)

    @property
    def quote_pieces(self) -> tuple[tuple[str, bool], ...]:
        return kept_together(self.quote)


def _bounds(value: str) -> tuple[float, float | None]:
    """The number of a value as written, and the upper bound if it is a range (6%－6.5)."""
    numbers = re.findall(_NUMBER, value)
    return float(numbers[0]), float(numbers[1]) if len(numbers) > 1 else None


# --- reading figures from text ---------------------------------------------------------------

@dataclass(frozen=True)
class _Figure:
    indicator: str
    verb: str
    value: str | None
    unit: str
    qualifier: str
    parent: str
    quote: str
    sentence: str


def _read(paragraph: Paragraph, grammar: Grammar) -> tuple[list[_Figure], list[Unparsed]]:
    """Every figure of a paragraph, and every clause that states none (introductions excepted)."""
    figures: list[_Figure] = []
    unparsed: list[Unparsed] = []
    text = paragraph.source_text
    for sentence in sentences(text):
        subject = ""  # the last clause's subject, for a clause that continues it
        subject_start = 0
        indicators: tuple[str, ...] = ()
        for match in _CLAUSE.finditer(sentence):
            clause = match.group()
            if sentence[match.end():match.end() + 1] == "：":
                continue  # an introduction: 今年经济社会发展主要预期目标是：
            parsed = _parse_clause(clause, grammar)
            if isinstance(parsed, str):
                unparsed.append(Unparsed(paragraph.id, clause, parsed))
                subject, indicators = "", ()
                continue
            part, own_subject, predicates = parsed
            if own_subject:
                subject, subject_start = own_subject, match.start()
            elif not subject:
                unparsed.append(Unparsed(paragraph.id, clause, "no indicator before the figure"))
                continue
            # 其中: part of the indicator the previous clause named, if it named one.
            parent = indicators[0] if part and len(indicators) == 1 else ""
            quote = sentence[subject_start:match.end()]
            read = _spread(subject, predicates)
            if isinstance(read, str):
                unparsed.append(Unparsed(paragraph.id, quote, read))
                subject, indicators = "", ()
                continue
            if not part:
                indicators = tuple(dict.fromkeys(indicator for indicator, *_ in read))
            figures.extend(_Figure(indicator, verb, value, unit, qualifier, parent, quote, sentence)
                           for indicator, verb, value, unit, qualifier in read)
    return figures, unparsed


_Predicate = tuple[str, list[tuple[str | None, str, str]]]  # verb, [(value, unit, qualifier)]


def _parse_clause(clause: str, grammar: Grammar) -> tuple[bool, str, list[_Predicate]] | str:
    """(其中?, subject, predicates), or why the clause is no figure."""
    match = grammar.numeric.fullmatch(clause)
    if match:
        predicates = [(predicate.group("verb"), _values(predicate.group("values"), grammar))
                      for predicate in grammar.predicate.finditer(match.group("predicates"))]
        if match.group("amount"):
            predicates.insert(0, ("", _values(match.group("amount"), grammar)))
        return bool(match.group("part")), _indicator(match.group("subject")), predicates
    match = grammar.bare.fullmatch(clause)
    if match and _indicator(match.group("subject")):
        bare: _Predicate = ("", _values(match.group("values"), grammar))
        return bool(match.group("part")), _indicator(match.group("subject")), [bare]
    match = grammar.qualitative.fullmatch(clause)
    if match:
        predicate: _Predicate = (match.group("verb"), [(None, "", match.group("qualifier"))])
        return bool(match.group("part")), _indicator(match.group("subject")), [predicate]
    for form in (grammar.requirement, _IN_STEP_CLAUSE):
        match = form.fullmatch(clause)
        if match:
            stated: _Predicate = ("", [(None, "", match.group("qualifier"))])
            return bool(match.group("part")), _indicator(match.group("subject")), [stated]
    return "no verb followed by a figure or a requirement"


def _values(written: str, grammar: Grammar) -> list[tuple[str | None, str, str]]:
    """(value, unit, qualifier) of each value of a predicate."""
    values = [(value.group("number"), value.group("unit") or "", value.group("qualifier") or "")
              for value in grammar.value.finditer(written)]
    # A unit or qualifier written once after the last value holds for all (5.5、7%以上).
    _, last_unit, last_qualifier = values[-1]
    return [(number, unit or last_unit, qualifier or last_qualifier) for number, unit, qualifier in values]


def _indicator(subject: str) -> str:
    return _ASIDES.sub("", subject).strip()


def _spread(subject: str, predicates: list[_Predicate]
            ) -> list[tuple[str, str, str | None, str, str]] | str:
    """(indicator, verb, value, unit, qualifier) for each value, enumerated subjects spread out."""
    read = []
    if subject.endswith("均") and len(subject) > 1:
        # 均: one value for every enumerated subject (城镇…、农村…人均可支配收入均增长8%).
        subject = subject[:-1]
        count = len(re.split("、|和|及|与", subject))
        each = enumerated(subject, count) if count > 1 else None
        if each is None:
            return f"均 but the subject {subject!r} does not enumerate indicators of parallel length"
        for verb, values in predicates:
            if len(values) != 1:
                return f"均 with {len(values)} values"
            read.extend((indicator, verb, *values[0]) for indicator in each)
        return read
    for verb, values in predicates:
        if len(values) == 1:
            indicators: tuple[str, ...] | None = (subject,)
        else:
            indicators = enumerated(subject, len(values))
            if indicators is None:
                return (f"{len(values)} values but the subject {subject!r} does not enumerate "
                        f"{len(values)} indicators of parallel length")
        read.extend((indicator, verb, value, unit, qualifier)
                    for indicator, (value, unit, qualifier) in zip(indicators, values, strict=True))
    return read


def enumerated(subject: str, count: int) -> tuple[str, ...] | None:
    """The ``count`` indicators an enumerated subject names, or None if it names another number.

    The enumerated words are parallel, so they have the same length; the one that is longer
    carries the words they share: a prefix if it is the first (规上工业总产值、增加值), a suffix if
    it is the last (城镇和农村常住居民人均可支配收入). Anything else is not guessed at.
    """
    if count == 2 and subject.startswith("城乡") and len(subject) > 2:
        return ("城镇" + subject[2:], "农村" + subject[2:])  # 城乡居民人均可支配收入
    items = subject.split("、")
    items = items[:-1] + re.split("和|及|与", items[-1], maxsplit=1)  # A、B和C
    if len(items) != count or not all(items):
        return None
    lengths = [len(item) for item in items]
    if len(set(lengths)) == 1:
        return tuple(items)
    if len(set(lengths[1:])) == 1 and lengths[0] > lengths[1]:
        prefix = items[0][: lengths[0] - lengths[1]]
        return (items[0], *(prefix + item for item in items[1:]))
    if len(set(lengths[:-1])) == 1 and lengths[-1] > lengths[0]:
        suffix = items[-1][lengths[0]:]
        return (*(item + suffix for item in items[:-1]), items[-1])
    return None


# --- targets and results -------------------------------------------------------------------------

def parse_targets(paragraph: Paragraph, grammar: Grammar) -> tuple[tuple[Target, ...], tuple[Unparsed, ...]]:
    """The targets a paragraph sets (今年…主要预期目标是：…), and the clauses that are none."""
    figures, unparsed = _read(paragraph, grammar)
    targets = []
    for f in figures:
        number, upper = (None, None) if f.value is None else _bounds(f.value)
        targets.append(Target(indicator=f.indicator, verb=f.verb, value=f.value, number=number, unit=f.unit,
                              qualifier=f.qualifier, paragraph_id=paragraph.id, quote=f.quote,
                              parent=f.parent, upper=upper, measure=grammar.measure(f.verb, f.indicator),
                              growth=f.verb in grammar.words.growth_verbs))
    return tuple(targets), tuple(unparsed)


def results(paragraphs: Iterable[Paragraph], grammar: Grammar) -> tuple[Result, ...]:
    """Every numeric figure the paragraphs state, in reading order."""
    found = []
    for paragraph in paragraphs:
        figures, _ = _read(paragraph, grammar)
        found.extend(Result(indicator=f.indicator, verb=f.verb, value=f.value, number=_bounds(f.value)[0],
                            unit=f.unit, qualifier=f.qualifier, paragraph_id=paragraph.id,
                            quote=f.quote, sentence=f.sentence, parent=f.parent,
                            upper=_bounds(f.value)[1], measure=grammar.measure(f.verb, f.indicator))
                     for f in figures if f.value is not None)
    return tuple(found)
