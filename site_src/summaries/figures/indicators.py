"""What an indicator is, whatever a report calls it: the genre's indicator vocabulary
(genres/work-report/indicators.yaml) made into one question, ``vocabulary.indicator(wording)``.

One government words an indicator differently from year to year (城镇居民人均可支配收入,
城镇常住居民人均可支配收入, 城镇居民收入), and a figure's indicator, as the clause grammar reads
it, carries words that say where, when or how (全区地区生产总值, 国内生产总值超过, 城镇调查失业率全年)
or that make it a change (能耗降低, 工业增加值增速). An ``Indicator`` is what is left: the name
the vocabulary gives the wording, whose it is (区本级: never the whole area's), and whether the
wording itself says it is a change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from site_src.summaries.figures.parse import MEASURE_CHANGE
from site_src.summaries.industry_draft import longest_first

_ASIDES = re.compile(r"（[^（）]*）|\([^()]*\)|同比|\s")
_YEAR = r"\d{4}年"


@dataclass(frozen=True)
class IndicatorWords:
    """genres/work-report/indicators.yaml as written."""

    indicators: tuple[tuple[str, ...], ...]  # each line: the name, then its other wordings
    combined: Mapping[str, tuple[str, ...]]  # 城乡 -> (城镇, 农村)
    successors: Mapping[str, str]  # an indicator the statistics replaced -> the one that did
    leading: tuple[str, ...]
    levels: tuple[str, ...]
    level_endings: tuple[str, ...]
    change_endings: tuple[str, ...]
    periods: tuple[str, ...]  # regular expressions
    from_to: str  # a regular expression
    magnitudes: tuple[str, ...]


@dataclass(frozen=True)
class Indicator:
    """An indicator as the genre names it."""

    name: str  # the vocabulary's name for the wording (the first of its line), else the wording
    level: str = ""  # whose it is where the wording says (区本级); "" for the area's whole
    measure: str = ""  # "change" where the wording makes it one (增速, 降低); "" where it does not say


@dataclass(frozen=True)
class IndicatorVocabulary:
    """The words made into what the matching asks: made once per build (indicator_vocabulary)."""

    names: Mapping[str, str]  # a bare wording -> the name of its indicator
    combined: Mapping[str, tuple[str, ...]]
    successors: Mapping[str, str]  # by name
    leading: re.Pattern[str]
    levels: tuple[str, ...]  # longest first
    endings: tuple[tuple[str, bool], ...]  # (ending, whether it makes a change), longest first
    periods: re.Pattern[str]
    from_to: re.Pattern[str]
    magnitudes: tuple[str, ...]

    def bare(self, wording: str) -> tuple[str, str, str]:
        """(the wording without the words that say where, when or how; its level; its measure)."""
        text = _ASIDES.sub("", wording)
        text = self.from_to.sub("", text) or text
        text = self.leading.sub("", text) or text
        level = next((word for word in self.levels if text.startswith(word) and len(text) > len(word)), "")
        text = text[len(level):]
        measure = ""
        stripped = True
        while stripped:
            stripped = False
            for ending, change in self.endings:
                if text.endswith(ending) and len(text) > len(ending):
                    text, stripped = text[:-len(ending)], True
                    measure = MEASURE_CHANGE if change else measure
                    break
        return text, level, measure

    def indicator(self, wording: str) -> Indicator:
        """The indicator a wording names: 全区地区生产总值 -> 地区生产总值; 区本级全社会固定资产投资额 ->
        固定资产投资 of 区本级; 规模以上工业增加值增速 -> 规模以上工业增加值, a change."""
        text, level, measure = self.bare(wording)
        return Indicator(self.names.get(text, text), level, measure)

    def parts(self, indicator: Indicator) -> tuple[Indicator, ...]:
        """The indicators a combined one stands for (城乡居民收入 -> 城镇…, 农村…), or ()."""
        for word, part_words in self.combined.items():
            rest = indicator.name.removeprefix(word)
            if rest != indicator.name and rest:
                return tuple(Indicator(self.names.get(part + rest, part + rest), indicator.level,
                                       indicator.measure) for part in part_words)
        return ()

    def counterparts(self, indicator: Indicator) -> tuple[Indicator, ...]:
        """The indicator that replaced this one in the statistics, or those it replaced."""
        names = [self.successors[indicator.name]] if indicator.name in self.successors else []
        names += sorted(old for old, new in self.successors.items() if new == indicator.name)
        return tuple(Indicator(name, indicator.level, indicator.measure) for name in names)

    def of_a_period(self, wording: str) -> bool:
        """Whether a figure so worded is of several years (年均增长, 累计完成, 五年新增)."""
        return self.periods.search(wording) is not None

    def unit_base(self, unit: str) -> str:
        """The unit without its magnitude (万亿元 -> 元, 万人 -> 人): figures of one base are of one
        measure."""
        base = unit
        while len(base) > 1 and base.startswith(self.magnitudes):
            base = base[1:]
        return base


def indicator_vocabulary(words: IndicatorWords, synonyms: Mapping[str, Iterable[str]] | None = None
                         ) -> IndicatorVocabulary:
    """The vocabulary from indicators.yaml, with the key figures' synonyms (figures.yaml) joined in:
    a wording of either names the indicator of its line. A regular expression of the file that does
    not compile raises re.error."""
    leading = re.compile(f"^(?:{_YEAR}|{'|'.join(map(re.escape, longest_first(words.leading)))})+")
    endings = tuple(sorted([*((word, False) for word in words.level_endings),
                            *((word, True) for word in words.change_endings)],
                           key=lambda pair: (-len(pair[0]), pair[0])))
    periods = re.compile("|".join(f"(?:{period})" for period in words.periods))
    draft = IndicatorVocabulary({}, words.combined, {}, leading, longest_first(words.levels), endings,
                                periods, re.compile(words.from_to), tuple(words.magnitudes))
    lines = [[draft.bare(wording)[0] for wording in line] for line in words.indicators]
    lines += [[draft.bare(key)[0], *(draft.bare(other)[0] for other in others)]
              for key, others in (synonyms or {}).items()]
    names = _joined(lines)
    successors = {names.get(bare, bare): names.get(new, new) for bare, new in
                  ((draft.bare(old)[0], draft.bare(new)[0]) for old, new in words.successors.items())}
    return IndicatorVocabulary(names, words.combined, successors, leading, draft.levels, endings,
                               periods, draft.from_to, draft.magnitudes)


def _joined(lines: list[list[str]]) -> dict[str, str]:
    """Each wording -> the first wording of the earliest line it is joined to (lines that share a
    wording are one indicator)."""
    owner: dict[str, int] = {}  # wording -> the line it was first seen on
    parent = list(range(len(lines)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for n, line in enumerate(lines):
        for wording in line:
            if wording in owner:
                a, b = sorted((root(owner[wording]), root(n)))
                parent[b] = a  # the earlier line names the indicator
            else:
                owner[wording] = n
    return {wording: lines[root(n)][0] for wording, n in owner.items()}
