"""Reports of one government in two years, as the archive pairs them: the shared Hailar reports
2013-2016 and 2019, and the national reports 2018 (corpus2), 2019, 2022 and 2024 (read from
../shared/reports, imported as `import` does; never copied)."""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from site_src.genre import load_genre
from site_src.importing import imported_report
from site_src.model import Report

from .conftest import SHARED_REPORTS, slow_and

HAILAR = "hailar-district-hulunbuir"
NATIONAL = "national-state-council"
# Each report with the one before it in the site (2016 -> 2019: no report of 2017 or 2018).
PAIRS = tuple((f"{a}-{who}", f"{b}-{who}") for who, years in ((HAILAR, (2013, 2014, 2015, 2016, 2019)),
                                                             (NATIONAL, (2018, 2019, 2022, 2024)))
              for a, b in pairwise(years))
NAMES = tuple(dict.fromkeys(name for pair in PAIRS for name in pair))


def path(name: str) -> Path:
    """A shared report's file: in the shared reports, or in corpus2 beside them."""
    first = SHARED_REPORTS / f"{name}.txt"
    return first if first.is_file() else SHARED_REPORTS / "corpus2" / f"{name}.txt"


needs_pairs = slow_and(pytest.mark.skipif(
    not all(path(name).is_file() for name in NAMES),
    reason=f"the Hailar and national reports are not in {SHARED_REPORTS} (read from there, never copied)"))


@cache
def report(name: str) -> Report:
    """A shared report, imported as `import` does (the genre's words, the government it is of)."""
    return imported_report(path(name).read_bytes(), name, (), load_genre())


def text(name: str) -> str:
    """Every text of the report, one a line: what a reader searches with Ctrl-F."""
    return "\n".join(text for _, text in report(name).texts())


def main() -> None:
    """Per pair: targets found by today's targets page (track.py without the vocabulary: consecutive
    years only) and by outcomes.py, and what is new in the wording. python -m tests.report_pairs"""
    from collections import Counter

    from site_src.summaries.figures.match import key_figures
    from site_src.summaries.figures.outcomes import follow_up
    from site_src.summaries.figures.track import tracks
    from site_src.summaries.frequency import content_words, words_of
    from site_src.summaries.wording import wording_changes

    genre = load_genre()
    figures = {name: key_figures(report(name), genre.figures) for name in NAMES}
    before = {(year.target_report, year.result_report): sum(1 for f in year.figures if f.result)
              for track in tracks(((name, report(name), figures[name]) for name in NAMES), genre.figures)
              for year in track.years}
    segment = words_of
    words = {name: content_words(report(name), genre.frequency, segment) for name in NAMES}
    for earlier, later in PAIRS:
        got = follow_up((f.target for f in figures[earlier].figures), report(earlier).year, report(later),
                        (f.target for f in figures[later].figures), genre.figures, genre.indicators)
        changes = wording_changes(report(later), report(earlier), genre.wording, genre.slogans,
                                  words[later], words[earlier])
        kinds = Counter(item.kind for item in changes.new)
        print(f"{earlier[:4]} -> {later[:4]} {later[5:]}: {len(got.outcomes)} targets, found "
              f"{before.get((earlier, later), 0)} before, {got.found} now; wording: {len(changes.new)} new "
              f"({', '.join(f'{k} {n}' for k, n in kinds.items())}), {len(changes.dropped)} dropped, "
              f"{len(changes.renumbered)} renumbered")


if __name__ == "__main__":
    main()
