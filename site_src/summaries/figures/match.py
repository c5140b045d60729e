"""Each target of the plan set against what the review reports for the same indicator."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from site_src.model import Paragraph, Report
from site_src.summaries.figures.parse import Grammar, Result, Target, Unparsed, parse_targets, results


@dataclass(frozen=True)
class KeyFigure:
    """A target and the result for the same indicator.

    ``result`` is the first review figure comparable with the target (same measure, change or
    level, and same unit), or None; ``related`` holds every other figure the review states for
    the indicator, e.g. a level in 亿元 where the target is a growth rate (外贸进出口实现13.7亿元).
    """

    indicator: str
    target: Target
    result: Result | None
    related: tuple[Result, ...] = ()


@dataclass(frozen=True)
class KeyFigures:
    figures: tuple[KeyFigure, ...]
    unparsed: tuple[Unparsed, ...]


def review_paragraphs(report: Report, targets: Iterable[Target]) -> tuple[Paragraph, ...]:
    """The year before, as the report reviews it: the parts before the one that sets the targets."""
    ids = {target.paragraph_id for target in targets}
    for index, part in enumerate(report.parts):
        if any(paragraph.id in ids for paragraph in part.paragraphs()):
            return tuple(p for earlier in report.parts[:index] for p in earlier.paragraphs())
    return ()


def find_results(report: Report, targets: Iterable[Target], grammar: Grammar) -> tuple[KeyFigure, ...]:
    """Each target with what the review states for its indicator (by its wording or a synonym)."""
    targets = tuple(targets)
    return match_results(targets, results(review_paragraphs(report, targets), grammar), grammar)


def match_results(targets: Iterable[Target], stated: tuple[Result, ...], grammar: Grammar
                  ) -> tuple[KeyFigure, ...]:
    """Each target with the first of ``stated`` that is of its indicator (its wording or a synonym)
    and comparable (the same measure and unit); the others of its indicator are related."""
    figures = []
    for target in targets:
        wordings = (target.indicator, *grammar.words.synonyms.get(target.indicator, ()))
        mentions = [result for result in stated if _names(result, wordings, grammar)]
        comparable = [r for r in mentions if r.measure == target.measure and r.unit == target.unit]
        result = comparable[0] if comparable else None
        figures.append(KeyFigure(target.indicator, target, result,
                                 tuple(r for r in mentions if r is not result)))
    return tuple(figures)


def _names(result: Result, wordings: tuple[str, ...], grammar: Grammar) -> bool:
    """Whether a review figure is of the indicator worded so: by its indicator, without the words of
    scope before it (全省, 实现), or by its indicator and change verb (居民消费价格上涨)."""
    for indicator in dict.fromkeys((result.indicator, grammar.scope.sub("", result.indicator))):
        if indicator in wordings:
            return True
        if result.verb in grammar.words.change_verbs and indicator + result.verb in wordings:
            return True
    return False


def key_figures(report: Report, grammar: Grammar) -> KeyFigures:
    """The targets of every targets paragraph, with their results; what could not be read."""
    targets: list[Target] = []
    unparsed: list[Unparsed] = []
    for paragraph in report.paragraphs():
        if paragraph.kind == "targets":
            found, missed = parse_targets(paragraph, grammar)
            targets.extend(found)
            unparsed.extend(missed)
    return KeyFigures(find_results(report, targets, grammar), tuple(unparsed))
