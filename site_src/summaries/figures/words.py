"""The grammar of key figures, made from the genre's words (genres/work-report/figures.yaml).

The words are data; this module only compiles them: the pattern of a value (6%－6.5%, 100万人以上,
力争8%), of a predicate (分别同比增长, 实现增速, 控制在), of an item of a list, and the name a reader
gives an indicator whatever the wording (规上 = 规模以上, 全社会固定资产投资 = 固定资产投资).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import opencc

from site_src.summaries.figures.numerals import Numerals
from site_src.yamlio import Field, ListOf, MapOf, Table, Text

MEASURE_CHANGE = "change"  # a growth rate or a fall: 增长7%, 下降3%, 涨幅3%
MEASURE_LEVEL = "level"  # an amount: 282亿元, 100万人
MEASURE_RATE = "rate"  # a ratio's level: 城镇调查失业率5.5%, 城镇化率50%


@dataclass(frozen=True)
class FigureVocabulary:
    """The words of the figure pattern, as the genre profile lists them (figures.yaml says what each
    list is for)."""

    introductions: tuple[str, ...]
    part_of: tuple[str, ...]
    respectively: tuple[str, ...]
    each: tuple[str, ...]
    joiners: tuple[str, ...]
    enumerations: Mapping[str, tuple[str, ...]]
    change_verbs: tuple[str, ...]
    growth_verbs: tuple[str, ...]
    fall_verbs: tuple[str, ...]
    level_verbs: tuple[str, ...]
    aspects: tuple[str, ...]
    no_change: tuple[str, ...]
    hedges: tuple[str, ...]
    approximations: tuple[str, ...]
    qualifiers: tuple[str, ...]
    comparisons: tuple[str, ...]
    against_year: tuple[str, ...]
    rate_words: tuple[str, ...]
    ratio_words: tuple[str, ...]
    fractions: Mapping[str, tuple[str, ...]]
    signs: tuple[str, ...]
    magnitudes: tuple[str, ...]
    measures: tuple[str, ...]
    relative: tuple[str, ...]
    remarks: tuple[str, ...]
    requirements: tuple[str, ...]
    requirement_verbs: tuple[str, ...]
    requirement_ends: tuple[str, ...]
    in_step: tuple[str, ...]
    in_step_with: tuple[str, ...]
    scope_places: tuple[str, ...]
    scope_times: tuple[str, ...]
    scope_verbs: tuple[str, ...]
    equivalents: Mapping[str, tuple[str, ...]]
    synonyms: Mapping[str, tuple[str, ...]]
    not_opening: tuple[str, ...]
    not_closing: tuple[str, ...]
    not_holding: tuple[str, ...]
    pronouns: tuple[str, ...]
    several_years: tuple[str, ...]
    part_of_year: tuple[str, ...]
    plan_periods: tuple[str, ...]
    five_years: tuple[str, ...]
    the_year: tuple[str, ...]


_WORDS = ListOf(Text())
_MAPS = ("enumerations", "equivalents", "synonyms", "fractions")
FIGURES = Table(FigureVocabulary, tuple(
    Field(name, MapOf(_WORDS) if name in _MAPS else _WORDS)
    for name in FigureVocabulary.__dataclass_fields__))


def any_of(words: Iterable[str]) -> str:
    """A regular expression matching any of the words, the longest first."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True)) or "(?!)"


# Full-width digits, point and percent sign read as their ASCII forms, one character for one, so
# that a position in the read text is the same position in the report's own.
READ_AS = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, "．": ".", "％": "%"})
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"|《[^《》]*》|「[^「」]*」")


def readable(text: str) -> str:
    """The text as the grammar reads it: ASCII digits, and no digit inside quotation marks (a
    formula such as “1234” or a title is a name, never a value); the same length as the text."""
    text = text.translate(READ_AS)
    return _QUOTED.sub(lambda quoted: re.sub(r"\d", "#", quoted.group()), text)


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(name: str) -> str:
    """A name in simplified characters, however written (農業, the transitional 农業: 农业)."""
    return _to_simplified().convert(name)


_NUMBER = r"\d+(?:\.\d+)?"
_ASIDE = r"（[^（）]*）|\([^()]*\)"


class Grammar:
    """The figure pattern made from a vocabulary: compiled once, used for every paragraph."""

    def __init__(self, words: FigureVocabulary) -> None:
        self.words = words
        self._values()
        self._items()
        self._qualitative()
        self._indicators()
        self._years()

    def _values(self) -> None:
        """6%－6.5%, 100万人以上, 5.5、7%: a number (of a range, both), its unit and qualifier."""
        w = self.words
        unit = (rf"(?:{any_of(w.signs)})|(?:{any_of(w.magnitudes)})(?:{any_of(w.measures)})?"
                rf"|(?:{any_of(w.measures)})")
        self.numerals = Numerals(w.fractions, unit, any_of(w.signs + w.magnitudes), w.magnitudes)
        # A number is a value unless a Latin letter touches it (PM2.5, 5G): then it is a name.
        number = rf"(?<![A-Za-z\d.#]){_NUMBER}(?:\s*[%‰]?\s*[－\-—–~～至]\s*{_NUMBER})?(?![A-Za-z\d#])"
        qualifier = any_of(w.qualifiers)
        one = rf"{number}\s*(?:{unit})?\s*(?:{qualifier})?"
        self.value = re.compile(rf"(?P<number>{number})\s*(?P<unit>{unit})?\s*(?P<qualifier>{qualifier})?")
        self.values_pattern = rf"{one}(?:\s*(?:、|{any_of(w.joiners)})\s*{one})*"
        self.joiners = re.compile(any_of(w.joiners))

    def _items(self) -> None:
        """[其中] indicator [分别] [同比] [力争] verb [增速] values, more predicates, a remark: the
        predicates are found left to right, the subject is what stands before the first of them."""
        w = self.words
        verb, rate = any_of(w.change_verbs + w.level_verbs), any_of(w.rate_words)
        hedge = any_of(w.hedges + w.approximations)
        # 比1956年, 比1958年的2050亿元: what a change is measured against
        self.against_year = rf"(?:{any_of(w.against_year)})\s*\d{{4}}\s*年(?:\s*的\s*{self.values_pattern})?"
        prefix = rf"(?:(?:{any_of(w.respectively + w.comparisons)}|{self.against_year})\s*)*"
        self.predicate = re.compile(
            rf"{prefix}(?P<hedge>{hedge})?\s*(?:(?P<verb>{verb})\s*(?:{any_of(w.aspects)})?\s*(?P<rate>{rate})?)?\s*"
            rf"(?P<hedge2>{hedge})?\s*(?P<values>{self.values_pattern})")
        self.between = re.compile(r"\s*、?\s*")  # what may stand between two predicates of an item
        self.remark = re.compile(rf"(?:\s*(?:{_ASIDE})|\s*、\s*(?:{any_of(w.remarks)})[^、]*|的[^\d、]*)*")
        self.part = re.compile(rf"(?:{any_of(w.part_of)})\s*")
        self.no_change = re.compile(any_of(w.no_change))
        # After 、: what does not begin an indicator of its own.
        continuing = (w.hedges + w.change_verbs + w.level_verbs + w.respectively + w.each + w.comparisons
                      + w.rate_words + w.remarks)
        self.continues = re.compile(rf"\s*(?:\d|{any_of(continuing)})")
        self.aside_clause = re.compile(rf"\s*(?:{any_of(w.comparisons)})\s*")
        self.relative = re.compile(any_of(w.relative))
        self.introduction = re.compile(any_of(w.introductions))

    def _qualitative(self) -> None:
        """Targets without a number: 下降达到市级要求, 主要约束性指标达到上级要求, 和经济增长同步."""
        w = self.words
        part, verb = any_of(w.part_of), any_of(w.change_verbs + w.level_verbs)
        self.qualitative = re.compile(
            rf"(?P<part>{part})?(?P<subject>.+?)(?P<verb>{verb})(?P<qualifier>(?:{any_of(w.requirements)})\D+)")
        self.requirement = re.compile(
            rf"(?P<part>{part})?(?P<subject>.+?)"
            rf"(?P<qualifier>(?:{any_of(w.requirement_verbs)})\D*(?:{any_of(w.requirement_ends)}))")
        # The subject runs to the last joiner (城镇和农村居民收入增长|与经济增长同步).
        self.in_step = re.compile(
            rf"(?P<part>{part})?(?P<subject>.+)(?P<qualifier>(?:{any_of(w.joiners + w.in_step_with)})"
            rf"\D+?(?:{any_of(w.in_step)}))")

    def _indicators(self) -> None:
        """The words around an indicator, and the names a reader gives the same indicator."""
        w = self.words
        self.scope = re.compile(rf"^(?:(?:{any_of(w.scope_places + w.scope_times + w.scope_verbs)})\s*)+")
        self.trailing = re.compile(rf"(?:\s*(?:{any_of(w.comparisons + w.rate_words)}|{_ASIDE}))+$")
        self.asides = re.compile(_ASIDE)
        # After the indicator: what a change is measured against, and when (城镇调查失业率全年).
        self.after = re.compile(rf"(?:\s*(?:{any_of(w.comparisons + w.scope_times)}|{self.against_year}))+$")
        # What an indicator, a noun phrase, never is: a clause's link or adverb, a verb of judgment.
        self.not_opening = re.compile(rf"^(?:{any_of(w.not_opening)})")
        self.not_closing = re.compile(rf"(?:{any_of(w.not_closing)})$")
        self.not_holding = re.compile(any_of(w.not_holding))
        # A pronoun for the indicator before, with nothing but links and adverbs after it (它虽然).
        self.pronoun = re.compile(rf"^(?:{any_of(w.pronouns)})(?:{any_of(w.not_opening)})*$")
        # A remark before the figure (地区生产总值突破“千亿”、达1234.5亿元): a verb and a name.
        verbs = any_of(w.change_verbs + w.level_verbs)
        self.remark_before = re.compile(rf"(?:{verbs})\s*(?:“[^“”]*”|\"[^\"]*\")\s*、?$")
        variants = {variant: name for name, wordings in w.equivalents.items() for variant in wordings}
        variants.update({name: name for name in w.equivalents})  # a name is not read again inside
        self.variants = variants
        self.equivalent = re.compile(any_of(variants))

    def _years(self) -> None:
        """What says a figure is not of the year reviewed, and where a passage is about the year."""
        w = self.words
        several = w.several_years + w.part_of_year + w.plan_periods
        # A month (1—11月, 12月末) is part of the year, a year other than the review's another one.
        self.not_the_year = re.compile(rf"{any_of(several)}|\d\s*月")
        self.year_named = re.compile(r"(?<!\d)(\d{4})\s*年")
        self.base_year = re.compile(self.against_year)  # 比1957年的…: the base, not the figure's year
        self.five_years = re.compile(
            rf"{any_of(w.five_years)}|(?:{any_of(w.plan_periods)})[”\"」]?(?:时期|期间)")
        self.the_year = re.compile(any_of(w.the_year))

    def read(self, text: str) -> str:
        """The text as the grammar reads it (readable), numbers written in words in digits."""
        return readable(self.numerals.read(text))

    def names_quantity(self, indicator: str) -> bool:
        """Whether an indicator can be one: it opens on no link or adverb of a clause, closes on no
        adverb, holds no verb of judgment and no amount (但仍难以 is a clause's beginning, not
        what a figure is of)."""
        return not (self.not_opening.match(indicator) or self.not_closing.search(indicator)
                    or self.not_holding.search(indicator)
                    or any(value.group("unit") for value in self.value.finditer(indicator)))

    def measure(self, verb: str, rate: str, indicator: str, unit: str) -> str:
        """change, level or rate: what a figure of this verb, indicator and unit states."""
        w = self.words
        if verb in w.change_verbs or verb in w.no_change or rate or indicator.endswith(w.rate_words):
            return MEASURE_CHANGE
        if unit in ("%", "‰"):
            return MEASURE_RATE if indicator.endswith(w.ratio_words) else MEASURE_CHANGE
        if unit in w.signs:
            return MEASURE_CHANGE  # 个百分点, 倍
        return MEASURE_LEVEL

    def indicator(self, subject: str) -> str:
        """The indicator a subject names: without asides (（下同）), the words of scope before it
        (全省, 今年, 实现) and what the change is measured against after it (同比)."""
        subject = self.asides.sub("", subject).strip()
        subject = self.scope.sub("", self.remark_before.sub("", subject).strip())
        return self.after.sub("", subject).strip()

    def canonical(self, indicator: str) -> str:
        """The name a reader gives the indicator, whatever the wording or script: 规上工业增加值增速
        and 规模以上工业增加值 are one; 居民消费价格涨幅 is the change of 居民消费价格; 農業总产值
        (and a transitional 农業总产值) is 农业总产值."""
        name = self.scope.sub("", self.trailing.sub("", self.asides.sub("", simplified(indicator))).strip())
        name = self.equivalent.sub(lambda m: self.variants[m.group()], name)
        name = self.scope.sub("", self.trailing.sub("", name))
        for synonym, wordings in self.words.synonyms.items():
            if name == synonym and wordings:
                return self.canonical(wordings[0]) if wordings[0] != synonym else name
        return name
