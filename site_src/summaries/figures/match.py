"""Each target of the plan set against what the review reports for the same indicator.

The review is what the model says it is: the parts of kind review before the part that sets the
targets, and the report's opening summary (its preamble). Within it, a passage on the five years
past (五年来…, “十四五”时期…) is no source of last year's results; it ends where a paragraph opens on
the year (刚刚过去的一年…, 这一年…). A result must be of the target's indicator in a reader's
terms (words.Grammar.canonical) and of its measure and unit: a level is never set against a change.
Where the review states two different values that could be the result, none is chosen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from site_src.model import Paragraph, Part, Report
from site_src.summaries.figures.parse import Grammar, Result, Target, Unparsed, parse_targets, results


@dataclass(frozen=True)
class KeyFigure:
    """A target and the result for the same indicator.

    ``result`` is the review's figure comparable with the target (same indicator, measure and
    unit), or None; ``related`` holds every other figure the review states for the indicator,
    e.g. a level in 亿元 where the target is a growth rate (外贸进出口实现13.7亿元).
    """

    indicator: str
    target: Target
    result: Result | None
    related: tuple[Result, ...] = ()

    @property
    def result_number(self) -> float | None:
        """The result as a number comparable with the target's: a fall against a growth is below
        zero (微降0.1% -> -0.1), a fall against a fall is not (下降3.1% against 下降3%)."""
        if self.result is None:
            return None
        return -self.result.number if self.result.fall != self.target.fall else self.result.number


@dataclass(frozen=True)
class KeyFigures:
    figures: tuple[KeyFigure, ...]
    unparsed: tuple[Unparsed, ...]


def _review_parts(report: Report, targets: Iterable[Target]) -> tuple[Part, ...]:
    """The parts of kind review before the one that sets the targets (all of them if none does),
    and that one too if it is itself a review (a report that reviews the year and sets the next
    one's figures in one part): of it, review_paragraphs takes what stands before the targets."""
    ids = {target.paragraph_id for target in targets}
    if any(paragraph.id in ids for paragraph in report.preamble):
        return ()
    parts = report.parts
    for index, part in enumerate(parts):
        if any(paragraph.id in ids for paragraph in part.paragraphs()):
            parts = parts[:index + 1] if part.kind == "review" else parts[:index]
            break
    return tuple(part for part in parts if part.kind == "review")


def _before_targets(part: Part, ids: set[str]) -> Iterator[Paragraph]:
    """The part's paragraphs up to the first that sets a target."""
    for paragraph in part.paragraphs():
        if paragraph.id in ids or paragraph.kind == "targets":
            return
        yield paragraph


def _texts(part: Part) -> Iterator[tuple[str, Paragraph | None]]:
    """The part's heading, its sections' headings and its paragraphs, in reading order."""
    yield part.title, None
    yield from ((p.source_text, p) for p in part.opening)
    for section in part.sections:
        yield section.title, None
        yield from ((p.source_text, p) for p in section.paragraphs)
    yield from ((p.source_text, p) for p in part.closing)
    for block in part.blocks:
        yield from ((p.source_text, p) for p in block.paragraphs)


def _opens(text: str, grammar: Grammar, year: int) -> str:
    """years, year or "": what a text says it is about before its first figure (the last word
    of the five years or of the year that stands there decides; a year before the one reviewed,
    not the base of a change (比1952年的…), is of the years past: 总产值在一九五七年达到了…)."""
    read = grammar.read(text)
    first = next((m.start() for m in grammar.value.finditer(read) if m.group("unit")), len(read))
    head = grammar.base_year.sub(lambda base: " " * len(base.group()), read[:first])
    marks = [(m.end(), "years") for m in grammar.five_years.finditer(head)]
    marks += [(m.end(), "year") for m in grammar.the_year.finditer(head)]
    named = [(m.end(), int(m.group(1))) for m in grammar.year_named.finditer(head)]
    marks += [(end, "year") for end, said in named if said == year]
    marks += [(end, "years") for end, said in named if said < year]
    return max(marks)[1] if marks else ""


def review_paragraphs(report: Report, targets: Iterable[Target]) -> tuple[Paragraph, ...]:
    """The year before, as the report reviews it: its opening summary (the preamble, up to the
    targets if they stand in it) and the parts of kind review before the one that sets the targets."""
    targets = tuple(targets)
    ids = {target.paragraph_id for target in targets}
    opening = []
    for paragraph in report.preamble:
        if paragraph.id in ids or paragraph.kind == "targets":
            break
        opening.append(paragraph)
    return (*opening, *(p for part in _review_parts(report, targets) for p in _before_targets(part, ids)))


def review_results(report: Report, targets: Iterable[Target], grammar: Grammar) -> tuple[Result, ...]:
    """Every figure the review states of the year reviewed: not of several years (words.py), and
    not in a passage on the five years past, unless its own sentence opens on the year."""
    year = report.year - 1
    about = {p.id: "year" for p in report.preamble}
    for part in _review_parts(report, tuple(targets)):
        passage = "year"
        for text, paragraph in _texts(part):
            passage = _opens(text, grammar, year) or passage
            if paragraph is not None:
                about[paragraph.id] = passage
    stated = results(review_paragraphs(report, targets), grammar, year)
    return tuple(r for r in stated if (_opens(r.sentence, grammar, year) or about[r.paragraph_id]) == "year")


def find_results(report: Report, targets: Iterable[Target], grammar: Grammar) -> tuple[KeyFigure, ...]:
    """Each target with what the review states for its indicator."""
    targets = tuple(targets)
    return match_results(targets, review_results(report, targets, grammar), grammar)


def match_results(targets: Iterable[Target], stated: tuple[Result, ...], grammar: Grammar
                  ) -> tuple[KeyFigure, ...]:
    """Each target with the one value of ``stated`` that is of its indicator (in a reader's terms)
    and comparable (the same measure and unit); the others of its indicator are related."""
    names: dict[str, list[Result]] = {}
    for result in stated:
        names.setdefault(grammar.canonical(result.indicator), []).append(result)
    figures = []
    for target in targets:
        mentions = names.get(grammar.canonical(target.indicator), [])
        comparable = [r for r in mentions if r.measure == target.measure and r.unit == target.unit]
        values = {(r.number, r.upper, r.fall) for r in comparable}
        result = comparable[0] if len(values) == 1 else None  # two different values: not guessed
        figures.append(KeyFigure(target.indicator, target, result,
                                 tuple(r for r in mentions if r is not result)))
    return tuple(figures)


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
