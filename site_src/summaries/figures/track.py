"""Targets against results, year on year: what one report of a government set as its targets,
against what the same government's next report in the site says of them: the next year's, or,
where the site has none, the next there is (a 2016 report's targets against the 2019 report, which
reviews 2018; the page says which).

One government is what the model says a report is of (Report.government, set at import: the
place without its government word and unit, in pinyin: 某某市甲乙区人民政府 and 甲乙区人民政府
are one, jiayi).
A result is matched to a target across the wordings of the genre's indicator vocabulary
(outcomes.py, indicators.yaml), and only if it answers it (the same measure, unit and span); a
combined target (城乡…) is answered by its parts, a renamed indicator by its successor, and the row
says so. Where the later review states nothing of the indicator, or nothing comparable, the row has
no result and says why in a word; it is never guessed. Without the vocabulary, as on a report's own
figures page (match.py): by the target's wording or a synonym of figures.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from site_src.model import VERBATIM, Report
from site_src.summaries.figures.indicators import IndicatorVocabulary
from site_src.summaries.figures.match import KeyFigure, KeyFigures, match_results, review_paragraphs
from site_src.summaries.figures.outcomes import (
    FOUND_BY_PARTS,
    FOUND_BY_SUCCESSOR,
    FOUND_BY_WORDING,
    NONE_GIVEN,
    NOT_COMPARABLE,
    Outcome,
    follow_up,
    key_figure,
    next_reports,
)
from site_src.summaries.figures.parse import Grammar, Result, results


@dataclass(frozen=True)
class TrackFigure(KeyFigure):
    """One row of the targets page: the key figure (``result``: a figure of the target's own
    indicator, in its wording or a synonym; else None, and what was stated in ``related``), how its
    result was found and, where there is none, why in a word."""

    found_by: str = field(default="", metadata=VERBATIM)  # outcomes.FOUND_BY_*, "" where there is none
    why_not: str = field(default="", metadata=VERBATIM)  # outcomes.NONE_GIVEN or NOT_COMPARABLE, or ""
    # Found by its parts (城乡 -> 城镇, 农村) or by the indicator that replaced it: the first
    # ``answers`` of ``related`` are what answer it (each names its own indicator).
    answers: int = 0

    @property
    def answered_by(self) -> tuple[Result, ...]:
        """The figures that answer it other than a result of its own indicator (parts, successor)."""
        return self.related[:self.answers]

    @property
    def also(self) -> tuple[Result, ...]:
        """What else the later report states of the indicator."""
        return self.related[self.answers:]

    @property
    def found(self) -> bool:
        return self.result is not None or self.answers > 0


def track_figure(outcome: Outcome) -> TrackFigure:
    figure = key_figure(outcome)
    answers = len(outcome.results) if outcome.found_by in (FOUND_BY_PARTS, FOUND_BY_SUCCESSOR) else 0
    return TrackFigure(figure.indicator, figure.target, figure.result, figure.related, outcome.found_by,
                       outcome.why_not, answers)


def _by_wording(figure: KeyFigure) -> TrackFigure:
    """A row matched without the vocabulary: by the target's wording (or a synonym) alone."""
    why = "" if figure.result is not None else NOT_COMPARABLE if figure.related else NONE_GIVEN
    return TrackFigure(figure.indicator, figure.target, figure.result, figure.related,
                       FOUND_BY_WORDING if figure.result is not None else "", why)


@dataclass(frozen=True)
class TrackYear:
    """One report's targets, each with the result the government's next report in the site gives."""

    year: int  # of the report that set the targets
    target_report: str = field(metadata=VERBATIM)  # its slug
    result_report: str = field(metadata=VERBATIM)  # the slug of the next report
    target_title: str = ""  # their full titles
    result_title: str = ""
    figures: tuple[TrackFigure, ...] = ()  # a row per target
    later: int = 0  # the year of the next report (its review gives the year before it)

    @property
    def consecutive(self) -> bool:
        """Whether the next report is the next year's: its results are of the targets' own year."""
        return self.later == self.year + 1

    @property
    def results_of(self) -> int:
        """The year the results are of: the year before the next report's."""
        return self.later - 1

    @property
    def found(self) -> int:
        """How many targets found a result."""
        return sum(1 for figure in self.figures if figure.found)


@dataclass(frozen=True)
class Track:
    """Every report of one government but its last, with its targets and, from the next report in
    the site, its results."""

    id: str = field(metadata=VERBATIM)  # for its route: the government's id (Report.government)
    place: str = ""  # the government's place, as the latest report writes it (甲乙区)
    years: tuple[TrackYear, ...] = ()

    @property
    def first(self) -> int:
        """The year of the first report it draws on."""
        return self.years[0].year

    @property
    def last(self) -> int:
        """The year of the last report it draws on (the results of the one before it)."""
        return self.years[-1].later

    @property
    def reports(self) -> tuple[str, ...]:
        """The slugs of the reports it draws on, in year order."""
        slugs = [year.target_report for year in self.years] + [self.years[-1].result_report]
        return tuple(dict.fromkeys(slugs))


def tracks(reports: Iterable[tuple[str, Report, KeyFigures]], grammar: Grammar,
           indicators: IndicatorVocabulary | None = None) -> tuple[Track, ...]:
    """The tracks of a site's reports ((slug, report, its key figures), in any order): one per
    government that has reports of two years, each report paired with the next one in the site, in
    the order of their first year. ``indicators``: the genre's vocabulary, to find results across
    wordings."""
    governments: dict[str, dict[int, tuple[str, Report, KeyFigures]]] = {}
    for slug, report, figures in sorted(reports, key=lambda item: (item[1].year, item[0])):
        if not report.government or not report.year:
            continue
        by_year = governments.setdefault(report.government, {})
        by_year.setdefault(report.year, (slug, report, figures))  # two of one year: the first
    found = []
    for government, by_year in governments.items():
        years = tuple(_track_year(by_year[year], by_year[later], grammar, indicators)
                      for year, later in next_reports(by_year))
        if years:
            latest = by_year[max(by_year)][1]
            found.append(Track(government, latest.place, years))
    return tuple(sorted(found, key=lambda track: (track.first, track.id)))


def _track_year(earlier: tuple[str, Report, KeyFigures], later: tuple[str, Report, KeyFigures],
                grammar: Grammar, indicators: IndicatorVocabulary | None) -> TrackYear:
    slug, report, figures = earlier
    next_slug, next_report, next_figures = later
    targets = tuple(figure.target for figure in figures.figures)
    next_targets = tuple(figure.target for figure in next_figures.figures)
    if indicators is None:
        review = review_paragraphs(next_report, next_targets)
        rows = tuple(map(_by_wording, match_results(targets, results(review, grammar), grammar)))
    else:
        followed = follow_up(targets, report.year, next_report, next_targets, grammar, indicators)
        rows = tuple(map(track_figure, followed.outcomes))
    return TrackYear(report.year, slug, next_slug, report.full_title, next_report.full_title, rows,
                     next_report.year)
