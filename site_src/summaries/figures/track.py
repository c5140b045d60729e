"""Targets against results, year on year: what year N's report set as its targets, against what
year N+1's report says year N achieved, for reports of one government in consecutive years.

One government is what the model says a report is of (Report.government, set at import: the
place without its government word and unit, in pinyin: 某某市甲乙区人民政府 and 甲乙区人民政府
are one, jiayi).
A result is matched to a target across the wordings of the genre's indicator vocabulary
(outcomes.py, indicators.yaml), and only if it answers it (the same measure, unit and span).
Where year N+1's review states nothing of the indicator, or nothing comparable, the pair has no
result and says so; it is never guessed. Without the vocabulary, as on a report's own figures page
(match.py): by the target's wording or a synonym of figures.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from site_src.model import VERBATIM, Report
from site_src.summaries.figures.indicators import IndicatorVocabulary
from site_src.summaries.figures.match import KeyFigure, KeyFigures, match_results, review_paragraphs
from site_src.summaries.figures.outcomes import follow_up, key_figure
from site_src.summaries.figures.parse import Grammar, results


@dataclass(frozen=True)
class TrackYear:
    """One year's targets, each with the result the next year's report gives for it."""

    year: int
    target_report: str = field(metadata=VERBATIM)  # the slug of year N's report
    result_report: str = field(metadata=VERBATIM)  # the slug of year N+1's report
    target_title: str = ""  # their full titles
    result_title: str = ""
    figures: tuple[KeyFigure, ...] = ()  # a result None: the next report gives none that matches


@dataclass(frozen=True)
class Track:
    """Every year of one government with its targets and, from the next report, its results."""

    id: str = field(metadata=VERBATIM)  # for its route: the government's id (Report.government)
    place: str = ""  # the government's place, as the latest report writes it (甲乙区)
    years: tuple[TrackYear, ...] = ()

    @property
    def first(self) -> int:
        return self.years[0].year

    @property
    def last(self) -> int:
        return self.years[-1].year

    @property
    def reports(self) -> tuple[str, ...]:
        """The slugs of the reports it draws on, in year order."""
        slugs = [year.target_report for year in self.years] + [self.years[-1].result_report]
        return tuple(dict.fromkeys(slugs))


def tracks(reports: Iterable[tuple[str, Report, KeyFigures]], grammar: Grammar,
           indicators: IndicatorVocabulary | None = None) -> tuple[Track, ...]:
    """The tracks of a site's reports ((slug, report, its key figures), in any order): one per
    government that has reports of two consecutive years, in the order of their first year.
    ``indicators``: the genre's vocabulary, to find results across wordings."""
    governments: dict[str, dict[int, tuple[str, Report, KeyFigures]]] = {}
    for slug, report, figures in sorted(reports, key=lambda item: (item[1].year, item[0])):
        if not report.government or not report.year:
            continue
        by_year = governments.setdefault(report.government, {})
        by_year.setdefault(report.year, (slug, report, figures))  # two of one year: the first
    found = []
    for government, by_year in governments.items():
        years = []
        for year in sorted(by_year):
            if year + 1 not in by_year:
                continue
            slug, report, figures = by_year[year]
            next_slug, next_report, next_figures = by_year[year + 1]
            targets = tuple(figure.target for figure in figures.figures)
            next_targets = tuple(figure.target for figure in next_figures.figures)
            if indicators is None:
                review = review_paragraphs(next_report, next_targets)
                paired = match_results(targets, results(review, grammar), grammar)
            else:
                followed = follow_up(targets, year, next_report, next_targets, grammar, indicators)
                paired = tuple(map(key_figure, followed.outcomes))
            years.append(TrackYear(year, slug, next_slug, report.full_title, next_report.full_title, paired))
        if years:
            latest = by_year[max(by_year)][1]
            found.append(Track(government, latest.place, tuple(years)))
    return tuple(sorted(found, key=lambda track: (track.first, track.id)))


