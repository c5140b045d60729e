"""Targets that find their results: each target of one year's report against what a later report of
the same government gives for it, the next year's or, where the site has none, the next there is.

A later report reviews the year before it (a report of year M gives results of year M-1), so the
pair names the later report's year and a page says which. A result answers a target when it is of
the same indicator (its wording, or another of the genre's vocabulary: indicators.yaml and the
synonyms of figures.yaml), of the same measure (a change never answers a level, nor a level a
change: 增长8% is answered by 增长7.5%, not by 完成100亿元) and of one unit up to its magnitude,
and is a figure of one year (年均, 累计 are not). A combined target (城乡居民收入增长8%) is answered
for each of its parts; a target whose indicator the statistics replaced is answered in the new
wording, and says so. Where nothing answers, the pair says why in a word (none given, not
comparable) and keeps what the later report states of the indicator; nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from site_src.model import VERBATIM, Paragraph, Report
from site_src.summaries.figures.indicators import Indicator, IndicatorVocabulary
from site_src.summaries.figures.match import KeyFigure
from site_src.summaries.figures.parse import Grammar, Result, Target, results

# How a result was found for a target.
FOUND_BY_WORDING = "wording"  # the target's own words, once the words of where, when and how are off
FOUND_BY_SYNONYM = "synonym"  # another wording of the indicator, from the genre's vocabulary
FOUND_BY_PARTS = "parts"  # a combined target (城乡…), answered for each of its parts it could be
FOUND_BY_SUCCESSOR = "successor"  # the indicator that replaced the target's in the statistics
# Why a target has no result, in a word.
NONE_GIVEN = "none-given"  # the later report states no figure of the indicator
NOT_COMPARABLE = "not-comparable"  # it states some, none of the target's measure, unit or span

# Parts that set goals rather than report on the past (a five-year plan's, this year's).
_NOT_REVIEWS = ("outlook", "plan")


@dataclass(frozen=True)
class Outcome:
    """One target of the earlier report and what the later report gives for it."""

    target: Target  # as the earlier report states it (its paragraph id is of that report)
    indicator: str  # the indicator as the genre names it (the first wording of its vocabulary line)
    results: tuple[Result, ...] = ()  # one, or for a combined target one per part found, in order
    related: tuple[Result, ...] = ()  # the later report's first other figures of the indicator (and parts)
    found_by: str = field(default="", metadata=VERBATIM)  # one of FOUND_BY_*, "" where there is no result
    why_not: str = field(default="", metadata=VERBATIM)  # NONE_GIVEN or NOT_COMPARABLE where none, else ""

    @property
    def result(self) -> Result | None:
        """The result of a target answered by one figure of its own indicator (or a synonym)."""
        return self.results[0] if self.found_by in (FOUND_BY_WORDING, FOUND_BY_SYNONYM) else None


@dataclass(frozen=True)
class FollowUp:
    """The targets of one report, each with what a later report of the same government gives."""

    target_year: int  # the year of the report that set the targets
    result_year: int  # the year of the later report (its review reports the year before it)
    outcomes: tuple[Outcome, ...]

    @property
    def found(self) -> int:
        """How many targets found a result."""
        return sum(1 for outcome in self.outcomes if outcome.results)


def next_reports(years: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """Each year of a government's reports with the year of its next report in the site: (N, N+1),
    or (N, N+3) where the site has no report of the two years between."""
    return tuple(pairwise(sorted(set(years))))


def follow_up(targets: Iterable[Target], target_year: int, later: Report, later_targets: Iterable[Target],
              grammar: Grammar, vocabulary: IndicatorVocabulary) -> FollowUp:
    """The targets (of the report of ``target_year``) against the results the later report reviews:
    the figures of its parts before the one that sets its own targets (``later_targets``)."""
    stated = results(reviewed_paragraphs(later, later_targets), grammar)
    return FollowUp(target_year, later.year, outcomes(targets, stated, vocabulary))


def reviewed_paragraphs(report: Report, targets: Iterable[Target]) -> tuple[Paragraph, ...]:
    """What a report says of the past: the parts before the one that sets its targets, except those
    that set goals (a five-year plan's outlook); without targets, the parts that are reviews."""
    ids = {target.paragraph_id for target in targets}
    for index, part in enumerate(report.parts):
        if any(paragraph.id in ids for paragraph in part.paragraphs()):
            return tuple(paragraph for earlier in report.parts[:index] if earlier.kind not in _NOT_REVIEWS
                         for paragraph in earlier.paragraphs())
    return tuple(paragraph for part in report.parts if part.kind == "review"
                 for paragraph in part.paragraphs())


RELATED = 4  # the related figures an outcome keeps: the first the later report states


@dataclass
class _Stated:
    """What the later report states of one indicator, kept as it is read: the first answer of each
    kind a target can ask for, and the first few mentions."""

    answers: dict[tuple[str, str, str], Result] = field(default_factory=dict)  # (level, measure, unit)
    any_unit: dict[tuple[str, str], Result] = field(default_factory=dict)  # for a target in words
    mentions: list[Result] = field(default_factory=list)

    def add(self, result: Result, indicator: Indicator, vocabulary: IndicatorVocabulary) -> None:
        if len(self.mentions) < RELATED + 2:  # a combined target's two results, then the related
            self.mentions.append(result)
        if vocabulary.of_a_period(result.indicator):
            return
        kind = (indicator.level, indicator.measure or result.measure)
        self.answers.setdefault((*kind, vocabulary.unit_base(result.unit)), result)
        self.any_unit.setdefault(kind, result)


def outcomes(targets: Iterable[Target], stated: Iterable[Result], vocabulary: IndicatorVocabulary
             ) -> tuple[Outcome, ...]:
    """Each target with the first of ``stated`` (in their order) that answers it. Linear in both:
    the results are read once into what each indicator states, each target looks its own up."""
    index: dict[str, _Stated] = {}
    for result in stated:
        indicator = vocabulary.indicator(result.indicator)
        index.setdefault(indicator.name, _Stated()).add(result, indicator, vocabulary)
    return tuple(_outcome(target, index, vocabulary) for target in targets)


def _outcome(target: Target, index: Mapping[str, _Stated], vocabulary: IndicatorVocabulary) -> Outcome:
    indicator = vocabulary.indicator(target.indicator)
    kind = (indicator.level, indicator.measure or target.measure)
    unit = vocabulary.unit_base(target.unit)

    def answer(*names: Indicator) -> Result | None:
        """The first figure of the indicators (in their order) that answers the target: of its level
        (区本级 is not the whole area), its measure, one unit up to magnitude (any unit, for a target
        stated in words) and one year."""
        for one in names:
            stated = index.get(one.name)
            if stated is None:
                continue
            found = stated.any_unit.get(kind) if target.value is None else stated.answers.get((*kind, unit))
            if found is not None:
                return found
        return None

    # A combined target's part is found by its own wording or, where the statistics renamed it
    # (农民人均纯收入 in a year of 城乡 targets), the other; a renamed target by the new one.
    parts = [(part, *vocabulary.counterparts(part)) for part in vocabulary.parts(indicator)]
    renamed = [(other,) for other in vocabulary.counterparts(indicator)]
    found_by, chosen = "", ()
    own = answer(indicator)
    if own is not None:
        same_words = vocabulary.bare(own.indicator)[0] == vocabulary.bare(target.indicator)[0]
        found_by, chosen = (FOUND_BY_WORDING if same_words else FOUND_BY_SYNONYM), (own,)
    for way, groups in ((FOUND_BY_PARTS, parts), (FOUND_BY_SUCCESSOR, renamed)):
        answers = tuple(a for a in (answer(*group) for group in groups) if a is not None)
        if answers and not chosen:
            found_by, chosen = way, answers
    named = (indicator, *(one for group in (*parts, *renamed) for one in group))
    mentions = (m for one in named if one.name in index for m in index[one.name].mentions)
    related = tuple(dict.fromkeys(m for m in mentions if m not in chosen))[:RELATED]
    why_not = "" if chosen else NOT_COMPARABLE if related else NONE_GIVEN
    return Outcome(target, indicator.name, chosen, related, found_by, why_not)


def key_figure(outcome: Outcome) -> KeyFigure:
    """The outcome as a row of today's targets page: a result of the target's own indicator, or
    none and what was stated (a combined target's parts, a successor's figure, among them)."""
    result = outcome.result
    related = outcome.related if result is not None else (*outcome.results, *outcome.related)
    return KeyFigure(outcome.target.indicator, outcome.target, result, related)
