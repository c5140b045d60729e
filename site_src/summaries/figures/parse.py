"""Key figures, read from the report's own sentences: the targets a plan sets, the results a review
reports. The words of the pattern come from the genre's vocabulary (genres/work-report/figures.yaml,
compiled in words.py).

A paragraph is read as a list: sentences (。), clauses (，；：), and items (、 where a figure ends and
the next indicator begins: 地区生产总值增长7%、一般公共预算收入增长2%). An item reads

    [其中] indicator [分别|均] [同比] [力争] verb [增速] value[unit][qualifier] [、[力争] value…] [、remark]

其中 makes the indicator part of the one before it (其中工业投资增长15%以上); 分别 spreads the values
over enumerated subjects (规上工业总产值、增加值 -> 规上工业总产值, 规上工业增加值; 三次产业 ->
第一产业…); 均 gives one value to each; an amount may come before its change (生产总值6.36万亿元、
增长5.1%); a clause without a subject continues the previous one (…分别为47382元、24686元，分别增长
4.3%、6.1%). A target may be qualitative (单位GDP能耗下降达到市级要求). Whatever a targets clause does
not fit is returned as unparsed, never dropped. Every figure keeps its clause verbatim, so a page can
quote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from site_src.model import VERBATIM, Paragraph, sentences
from site_src.summaries.figures.words import (
    MEASURE_CHANGE,
    MEASURE_LEVEL,
    MEASURE_RATE,
    FigureVocabulary,
    Grammar,
    readable,
)

__all__ = ["MEASURE_CHANGE", "MEASURE_LEVEL", "MEASURE_RATE", "FigureVocabulary", "Grammar", "Result",
           "Target", "Unparsed", "enumerated", "kept_together", "parse_targets", "results"]


@dataclass(frozen=True)
class Target:
    """One main target as the plan states it: 规上工业增加值 增长 9 %."""

    indicator: str
    verb: str  # the words before the value as written, a hedge included (力争增长, 控制在, 低于)
    value: str | None = field(metadata=VERBATIM)  # as written ("7.5", "6%－6.5"); None if qualitative
    number: float | None  # the value for charts; of a range, its lower bound
    unit: str
    qualifier: str  # 以上, 以内, 达到市级要求, 和经济增长基本同步, or ""
    paragraph_id: str = field(metadata=VERBATIM)
    quote: str  # the clause, verbatim
    parent: str = ""  # after 其中: the indicator this one is part of
    upper: float | None = None  # of a range, its upper bound
    measure: str = field(default=MEASURE_LEVEL, metadata=VERBATIM)  # change, level or rate
    growth: bool = False  # a growth verb (增长): with % it is a growth rate
    hedge: str = ""  # how far it is meant, before the value: 力争, 努力, 低于
    fall: bool = False  # a fall verb (下降, 降低)

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
    value: str | None = field(metadata=VERBATIM)  # None: a change stated in words (与上年持平)
    number: float
    unit: str
    qualifier: str
    paragraph_id: str = field(metadata=VERBATIM)
    quote: str  # from the clause naming the indicator to the one holding the value
    sentence: str
    parent: str = ""
    upper: float | None = None  # of a range, its upper bound
    measure: str = field(default=MEASURE_LEVEL, metadata=VERBATIM)  # change, level or rate
    fall: bool = False  # a fall verb (下降, 微降): a change below zero

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


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _bounds(value: str) -> tuple[float, float | None]:
    """The number of a value as written, and the upper bound if it is a range (6%－6.5)."""
    numbers = _NUMBER.findall(readable(value))
    return float(numbers[0]), float(numbers[1]) if len(numbers) > 1 else None


# --- reading figures from text ---------------------------------------------------------------

@dataclass(frozen=True)
class _Value:
    value: str | None  # as written (ASCII digits); None: qualitative, or a change in words
    unit: str
    qualifier: str
    hedge: str = ""
    hedge_after: bool = False  # the hedge stands after the verb (增长近2%), not before it (力争增长8%)


@dataclass(frozen=True)
class _Predicate:
    verb: str  # the verb of the predicate (增长, 控制在), or ""
    rate: str  # a rate word after the verb (实现增速6.3%), or before it without a subject (增速达到12%)
    values: tuple[_Value, ...]
    rate_first: bool = False


@dataclass(frozen=True)
class _Figure:
    indicator: str
    verb: str
    rate: str
    value: _Value
    parent: str
    quote: str
    sentence: str
    rate_first: bool = False

    @property
    def said(self) -> str:
        """The words before the value, as the report has them: 力争增长, 实现增速, 增速达到."""
        words = self.rate + self.verb if self.rate_first else self.verb + self.rate
        return words + self.value.hedge if self.value.hedge_after else self.value.hedge + words


@dataclass
class _Context:
    """What the clauses of one sentence carry over: the subject, the indicators it named, the verb."""

    subject: str = ""
    start: int = 0
    indicators: tuple[str, ...] = ()
    verb: str = ""
    part: bool = False  # a clause 其中 on its own: the next one is part of the last indicator


_CLAUSE = re.compile(r"[^，；;,：:。！？!?]+")
_YEAR_FIRST = re.compile(r"^\d{4}\s*年(?:度)?(?:的)?\s*")


def _clauses(sentence: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each clause of a sentence that is no introduction (…主要预期目标是：)."""
    for match in _CLAUSE.finditer(sentence):
        if sentence[match.end():match.end() + 1] not in ("：", ":"):
            yield match.start(), match.end()


def _items(text: str, grammar: Grammar, qualitative: bool) -> list[tuple[int, int]]:
    """(start, end) of each item of a clause: 、 ends an item where a figure (or, in a targets
    paragraph, a qualitative target) ends and what follows does not continue it."""
    value_ends = {_trimmed(text, m.end()) for m in grammar.value.finditer(text)}
    bounds, start = [], 0
    for match in re.finditer("、", text):
        end = _trimmed(text, match.start())
        if end <= start or grammar.continues.match(text, match.end()):
            continue
        left = text[start:end] if end - start <= _MAX_ITEM else ""
        if end in value_ends or (qualitative and left and _qualitative(left, grammar)):
            bounds.append((start, end))
            start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _the_list(text: str, grammar: Grammar) -> tuple[int, int]:
    """Where a targets paragraph's list runs: from its introduction (…主要预期目标是：) to the
    next one (重点抓好以下工作：), or the whole paragraph if it has none."""
    read = grammar.read(text)
    start = end = None
    for match in _CLAUSE.finditer(read):
        introduces = read[match.end():match.end() + 1] in ("：", ":")
        if start is None and introduces and grammar.introduction.search(match.group()):
            start = match.end() + 1
        elif start is not None and introduces and match.group().strip() not in grammar.words.part_of:
            end = match.start()
            break
    return (start or 0, end or len(text)) if start is not None else (0, len(text))


def _trimmed(text: str, end: int) -> int:
    """Where text[:end] ends without the white space before ``end``."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _read(paragraph: Paragraph, grammar: Grammar, targets: bool) -> tuple[list[_Figure], list[Unparsed]]:
    """Every figure of a paragraph (of a targets paragraph, of its list), and every clause of it
    that states none."""
    figures: list[_Figure] = []
    unparsed: list[Unparsed] = []
    text = paragraph.source_text
    if targets:
        start, end = _the_list(text, grammar)
        text = text[start:end]
    for sentence in sentences(text):
        read = grammar.read(sentence)
        context = _Context()
        for start, end in _clauses(read):
            clause = read[start:end]
            if grammar.aside_clause.fullmatch(clause):
                continue  # 按可比价格计算: said of the figure that follows
            if clause.strip() in grammar.words.part_of:
                context.part = True
                continue
            for item_start, item_end in _items(clause, grammar, targets):
                a, b = start + item_start, start + item_end
                found = _item(sentence, read, a, b, grammar, context, targets)
                if isinstance(found, str):
                    unparsed.append(Unparsed(paragraph.id, sentence[a:b].strip(), found))
                    context.subject, context.indicators = "", ()
                else:
                    figures.extend(found)
    return figures, unparsed


def _item(sentence: str, read: str, a: int, b: int, grammar: Grammar, context: _Context,
          targets: bool) -> list[_Figure] | str:
    """The figures of the item sentence[a:b] (read is its readable text), or why there are none."""
    item = read[a:b]
    parsed = _parse_item(item, grammar, targets)
    if isinstance(parsed, str):
        return parsed
    part, subject, predicates = parsed
    if grammar.relative.search(subject):
        return "a figure set against another one's (高于…)"
    hedge = next((word for word in grammar.words.hedges if subject.startswith(word)), "")
    if hedge:  # 力争地区生产总值增长8%: the hedge of every value
        subject = grammar.indicator(subject[len(hedge):])
        predicates = [_Predicate(p.verb, p.rate, tuple(replace(v, hedge=v.hedge or hedge) for v in p.values))
                      for p in predicates]
    if grammar.pronoun.match(subject):  # 它虽然比上年减少20%: the indicator before
        subject = ""
    elif targets and subject and not grammar.names_quantity(subject):  # a row of the page
        return f"{subject!r} names no quantity (a clause's link, adverb or judgment)"
    if subject in grammar.words.rate_words:  # …完成123.4亿元，增速5.6%: the same indicator's change
        predicates = [_Predicate(p.verb, p.rate or subject, p.values, rate_first=not p.rate)
                      for p in predicates]
        subject = ""
    part = part or context.part
    context.part = False
    if subject:
        context.subject, context.start = subject, a + len(item) - len(item.lstrip())
    elif not context.subject:
        return "no indicator before the figure"
    # A hedge without a verb keeps the verb before it in the item, or in the clause it continues
    # (增长7%以上、力争8%; 增长7%以上，力争8%).
    kept, before = [], "" if subject else context.verb
    for predicate in predicates:
        verb = predicate.verb or (before if predicate.values[0].hedge and not predicate.rate else "")
        kept.append(replace(predicate, verb=verb))
        before = verb or before
    context.verb = before
    parent = context.indicators[0] if part and len(context.indicators) == 1 else ""
    spread = _spread(context.subject, kept, grammar)
    if isinstance(spread, str):
        return spread
    if not part:
        context.indicators = tuple(dict.fromkeys(indicator for indicator, *_ in spread))
    quote = sentence[context.start:b].strip()
    return [_Figure(name, p.verb, p.rate, value, parent, quote, sentence, p.rate_first)
            for name, p, value in spread]


_MAX_ITEM = 120  # characters: an item longer than this is no one figure (and is not searched as one)


def _parse_item(item: str, grammar: Grammar, targets: bool) -> tuple[bool, str, list[_Predicate]] | str:
    """(其中?, indicator, predicates) of an item, or why it is no figure."""
    if len(item) > _MAX_ITEM:
        return f"longer than {_MAX_ITEM} characters: no one figure"
    part = grammar.part.match(item)
    body = item[part.end():] if part else item
    found = _predicates(body, grammar)
    if found:
        subject, predicates, after = found
        named = _subject(subject, grammar)
        if subject.strip() and not named and after.startswith("的"):
            # 1956年全国完成了140亿元的基本建设投资额: a time and a place, the indicator after the value
            named = _subject(grammar.asides.sub("", after[1:]), grammar)
        return bool(part), named, predicates
    stated = grammar.no_change.search(body)
    if stated and stated.start() > 0 and grammar.remark.fullmatch(body, stated.end()):
        return bool(part), _subject(body[:stated.start()], grammar), [
            _Predicate(stated.group(), "", (_Value(None, "%", ""),))]
    if targets:
        qualitative = _qualitative(item, grammar)
        if qualitative:
            return qualitative
    return "no verb followed by a figure or a requirement"


def _predicates(body: str, grammar: Grammar) -> tuple[str, list[_Predicate], str] | None:
    """(subject, predicates, remark): the first run of predicates, one after another, that only a
    remark follows; what stands before it is the subject."""
    runs: list[list[re.Match[str]]] = []
    for match in grammar.predicate.finditer(body):
        last = runs[-1][-1] if runs else None
        if last is not None and grammar.between.fullmatch(body, last.end(), match.start()):
            runs[-1].append(match)
        else:
            runs.append([match])
    for run in runs:
        if grammar.remark.fullmatch(body, run[-1].end()):
            return body[:run[0].start()], [_predicate(p, grammar) for p in run], body[run[-1].end():].strip()
    return None


def _predicate(match: re.Match[str], grammar: Grammar) -> _Predicate:
    hedge = match.group("hedge") or match.group("hedge2") or ""
    after = bool(match.group("verb")) and not match.group("hedge") and bool(match.group("hedge2"))
    # A number written in words stands right-aligned in its place (百分之四至百分之五: "  4%至  5").
    values = tuple(_Value(re.sub(r"\s+", "", v.group("number")), v.group("unit") or "",
                          v.group("qualifier") or "", hedge, after)
                   for v in grammar.value.finditer(match.group("values")))
    return _Predicate(match.group("verb") or "", match.group("rate") or "", _shared(values))


def _qualitative(item: str, grammar: Grammar) -> tuple[bool, str, list[_Predicate]] | None:
    """A target stated without a number (下降达到市级要求, 和经济增长基本同步), or None."""
    if len(item) > _MAX_ITEM:
        return None
    match = grammar.qualitative.fullmatch(item)
    if match:
        return (bool(match.group("part")), _subject(match.group("subject"), grammar),
                [_Predicate(match.group("verb"), "", (_Value(None, "", match.group("qualifier")),))])
    for form in (grammar.requirement, grammar.in_step):
        match = form.fullmatch(item)
        if match:
            return (bool(match.group("part")), _subject(match.group("subject"), grammar),
                    [_Predicate("", "", (_Value(None, "", match.group("qualifier")),))])
    return None


def _subject(written: str, grammar: Grammar) -> str:
    return grammar.indicator(_YEAR_FIRST.sub("", written.strip()))


def _shared(values: tuple[_Value, ...]) -> tuple[_Value, ...]:
    """A unit or qualifier written once after the last value holds for all (5.5、7%以上)."""
    last = values[-1]
    return tuple(replace(v, unit=v.unit or last.unit, qualifier=v.qualifier or last.qualifier)
                 for v in values)


def _spread(subject: str, predicates: list[_Predicate], grammar: Grammar
            ) -> list[tuple[str, _Predicate, _Value]] | str:
    """(indicator, predicate, value) for each value, enumerated subjects spread out."""
    each = next((word for word in grammar.words.each
                 if subject.endswith(word) and len(subject) > len(word)), "")
    if each:  # 均: one value for every enumerated subject (城镇…、农村…人均可支配收入均增长8%)
        subject = subject[:-len(each)]
        named = enumerated(subject, len(re.split("、", grammar.joiners.sub("、", subject))), grammar)
        if named is None or len(named) < 2:
            return f"{each} but the subject {subject!r} does not enumerate indicators"
    read = []
    for predicate in predicates:
        if each:
            if len(predicate.values) != 1:
                return f"{each} with {len(predicate.values)} values"
            read.extend((name, predicate, predicate.values[0]) for name in named)
            continue
        count = len(predicate.values)
        indicators = (subject,) if count == 1 else enumerated(subject, count, grammar)
        if indicators is None:
            return (f"{len(predicate.values)} values but the subject {subject!r} does not enumerate "
                    f"{len(predicate.values)} indicators")
        if len(indicators) == 1 and "、" in indicators[0] and predicate.values[0].value is not None:
            return f"one value for the list {indicators[0]!r} (without 分别 or 均)"
        read.extend((name, predicate, value)
                    for name, value in zip(indicators, predicate.values, strict=True))
    return read


def enumerated(subject: str, count: int, grammar: Grammar | None = None) -> tuple[str, ...] | None:
    """The ``count`` indicators an enumerated subject names, or None if it names another number.

    A word the genre enumerates stands for its items (三次产业 -> 第一产业, 第二产业, 第三产业; 城乡
    before the words they share). Otherwise the items are the words between 、 (和 before the last):
    of one length they are whole; where one is much longer (at least twice the others, which are of
    one length) it carries the words they share, a prefix if it is the first (规上工业总产值、增加值),
    a suffix if it is the last (城镇和农村常住居民人均可支配收入); items of four characters or more
    that share nothing are whole indicators. Anything else is not guessed at.
    """
    for word, named in (grammar.words.enumerations.items() if grammar else ()):
        if word in subject and len(named) == count:
            return tuple(subject.replace(word, name, 1) for name in named)
    items = subject.split("、")
    joiners = grammar.joiners if grammar else re.compile("和|与|及")
    items = items[:-1] + joiners.split(items[-1], maxsplit=1)  # A、B和C
    if len(items) != count or not all(items):
        return None
    lengths = [len(item) for item in items]
    if len(set(lengths)) == 1:
        return tuple(items)
    if len(set(lengths[1:])) == 1 and lengths[0] >= 2 * lengths[1]:
        prefix = items[0][: lengths[0] - lengths[1]]
        return (items[0], *(prefix + item for item in items[1:]))
    if len(set(lengths[:-1])) == 1 and lengths[-1] >= 2 * lengths[0]:
        suffix = items[-1][lengths[0]:]
        return (*(item + suffix for item in items[:-1]), items[-1])
    if all(length >= 4 or _ABBREVIATION.fullmatch(item) for item, length in zip(items, lengths, strict=True)):
        return tuple(items)  # of four characters or more, or a Latin abbreviation (GDP、规模工业增加值)
    return None


_ABBREVIATION = re.compile(r"[A-Za-z]{2,}")


# --- targets and results -------------------------------------------------------------------------

def parse_targets(paragraph: Paragraph, grammar: Grammar) -> tuple[tuple[Target, ...], tuple[Unparsed, ...]]:
    """The targets a paragraph sets (今年…主要预期目标是：…), and the clauses that are none."""
    figures, unparsed = _read(paragraph, grammar, targets=True)
    targets = []
    for f in figures:
        v = f.value
        number, upper = (None, None) if v.value is None else _bounds(v.value)
        targets.append(Target(
            indicator=f.indicator, verb=f.said, value=v.value, number=number, unit=v.unit,
            qualifier=v.qualifier, paragraph_id=paragraph.id, quote=f.quote, parent=f.parent, upper=upper,
            measure=grammar.measure(f.verb, f.rate, f.indicator, v.unit), hedge=v.hedge,
            growth=f.verb in grammar.words.growth_verbs, fall=f.verb in grammar.words.fall_verbs))
    return tuple(targets), tuple(unparsed)


def results(paragraphs: Iterable[Paragraph], grammar: Grammar, year: int | None = None) -> tuple[Result, ...]:
    """Every figure the paragraphs state of the year (``year``, where it is known), in reading
    order: none of several years (年均, 累计), of part of one (1—11月) or of another year named."""
    found = []
    for paragraph in paragraphs:
        figures, _ = _read(paragraph, grammar, targets=False)
        for f in figures:
            if f.value.value is None and f.verb not in grammar.words.no_change:
                continue
            if not of_the_year(f.quote, grammar, year):
                continue
            number, upper = (0.0, None) if f.value.value is None else _bounds(f.value.value)
            found.append(Result(
                indicator=f.indicator, verb=f.said, value=f.value.value,
                number=number, unit=f.value.unit, qualifier=f.value.qualifier, paragraph_id=paragraph.id,
                quote=f.quote, sentence=f.sentence, parent=f.parent, upper=upper,
                measure=grammar.measure(f.verb, f.rate, f.indicator, f.value.unit),
                fall=f.verb in grammar.words.fall_verbs))
    return tuple(found)


def of_the_year(quote: str, grammar: Grammar, year: int | None) -> bool:
    """Whether a review's clause states a figure of one whole year (the year, where it is known)."""
    read = grammar.base_year.sub("", grammar.read(quote))
    if grammar.not_the_year.search(read):
        return False
    return year is None or all(int(named) == year for named in grammar.year_named.findall(read))
