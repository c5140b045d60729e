"""A report read against the earlier report of its government in the site: what is new in its
wording, what it dropped and what only changed its number (wording.py), and the words it uses most
with their counts in the earlier report (frequency.py).

Which report is the earlier one is the site's: the same government's report of the nearest earlier
year the site holds (a 2019 report against a 2016 one where the site has none between), as the
targets page pairs them (figures/track.py). The places are spans of the Simplified sentences; a
converted variant converts each sentence whole and marks the phrase again where it stands
(slogan_page.convert_marked).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from site_src.genre import Genre
from site_src.model import VERBATIM, Report
from site_src.summaries.figures.outcomes import next_reports
from site_src.summaries.frequency import FrequentWords, WordCount, frequent_words
from site_src.summaries.slogan_detect import Mark, MarkedSentence
from site_src.summaries.slogan_page import convert_marked
from site_src.summaries.wording import Place, WordingChanges, WordingItem, wording_changes
from site_src.variants.convert import Convert, convert_value


@dataclass(frozen=True)
class Comparison:
    """One report against the earlier report of its government."""

    report: str = field(metadata=VERBATIM)  # the slug of the (later) report
    earlier: str = field(metadata=VERBATIM)  # the slug of the earlier report
    government: str = field(metadata=VERBATIM)  # the id of the government both are of
    changes: WordingChanges
    words: FrequentWords  # the report's most used words, with their counts in the earlier report


def earlier_reports(reports: Iterable[tuple[str, Report]]) -> tuple[tuple[str, str], ...]:
    """(slug, slug of the earlier report) of each report that has one: the report of the same
    government of the nearest earlier year in the site (of two reports of one year, the first by
    slug is the one compared with), in the order of ``reports``."""
    by_year: dict[str, dict[int, str]] = {}
    ordered = list(reports)
    for slug, report in sorted(ordered, key=lambda item: (item[1].year, item[0])):
        if report.government and report.year:
            by_year.setdefault(report.government, {}).setdefault(report.year, slug)
    earlier_year = {(government, later): year for government, years in by_year.items()
                    for year, later in next_reports(years)}
    return tuple((slug, by_year[report.government][earlier_year[(report.government, report.year)]])
                 for slug, report in ordered if (report.government, report.year) in earlier_year)


def compare(slug: str, report: Report, earlier_slug: str, earlier: Report, genre: Genre,
            words: Sequence[WordCount], earlier_words: Sequence[WordCount]) -> Comparison:
    """The report against the earlier one (``words``, ``earlier_words``: each one's content words,
    frequency.content_words)."""
    changes = wording_changes(report, earlier, genre.wording, genre.slogans, words, earlier_words)
    return Comparison(slug, earlier_slug, report.government, changes,
                      frequent_words(words, genre.frequency, earlier))


def convert_comparison(comparison: Comparison, later: Convert, earlier: Convert) -> Comparison:
    """The comparison in another script: what the report writes by its own conversion (``later``),
    what the earlier report writes by its own (``earlier``); each phrase marked again in its
    converted sentence."""
    changes = comparison.changes

    def item(one: WordingItem, convert: Convert) -> WordingItem:
        return replace(one, phrase=convert(one.phrase), places=_places(one.places, convert),
                       before=earlier(one.before), before_places=_places(one.before_places, earlier))

    converted = replace(changes, new=tuple(item(one, later) for one in changes.new),
                        dropped=tuple(item(one, earlier) for one in changes.dropped),
                        renumbered=tuple(item(one, later) for one in changes.renumbered))
    return replace(comparison, changes=converted, words=convert_value(comparison.words, later))


def _places(places: tuple[Place, ...], convert: Convert) -> tuple[Place, ...]:
    return tuple(_place(place, convert) for place in places)


def _place(place: Place, convert: Convert) -> Place:
    phrase = place.sentence[place.start:place.end]
    marked = convert_marked(MarkedSentence(place.sentence, (Mark(place.start, place.end, "phrase", phrase),)),
                            convert)
    (mark,) = marked.marks
    return Place(place.paragraph_id, marked.sentence, mark.start, mark.end)
