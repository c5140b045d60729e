"""What a report's summary pages show, found in the report before conversion: its industry system,
its key figures and its numbered slogans, each quoted from the report."""

from __future__ import annotations

from dataclasses import dataclass

from site_src.genre import Genre
from site_src.model import Report
from site_src.summaries.figures.match import KeyFigures, key_figures
from site_src.summaries.industries import IndustrySummary, IndustrySystem, summarise
from site_src.summaries.slogan_page import SloganSummary, summarise_slogans
from site_src.summaries.slogans import SloganList


@dataclass(frozen=True)
class Summaries:
    industries: IndustrySummary | None
    figures: KeyFigures
    slogans: SloganSummary


def summarise_report(report: Report, industries: IndustrySystem | None, slogans: SloganList,
                     genre: Genre) -> Summaries:
    """The industry system (the folder's industries.yaml), the key figures and the numbered slogans
    (found in the text, slogans.yaml as the override)."""
    return Summaries(
        industries=summarise(industries, report) if industries else None,
        figures=key_figures(report, genre.figures),
        slogans=summarise_slogans(report, genre.slogans, slogans),
    )
