"""The genre profile: what is true of government work reports in general, as data.

It ships with the tool under genres/work-report/, one file per job (the words of key figures,
…); nothing in the code names one report, place or year.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_src.errors import Problem, SiteError
from site_src.files import read_text
from site_src.summaries.figures.parse import FigureVocabulary, Grammar
from site_src.yamlio import Field, ListOf, MapOf, Reader, Table, Text, parse

SHIPPED = Path(__file__).resolve().parent / "genres" / "work-report"

_WORDS = ListOf(Text())
_WORD_LISTS = ("change_verbs", "growth_verbs", "level_verbs", "qualifiers", "requirements",
               "requirement_verbs", "rate_words", "scope_places", "scope_verbs")
FIGURES = Table(FigureVocabulary, (*(Field(name, _WORDS) for name in _WORD_LISTS),
                                   Field("synonyms", MapOf(_WORDS))))


@dataclass(frozen=True)
class Genre:
    figures: Grammar  # the pattern of a target or a result, made from the profile's words


def load_genre(folder: Path = SHIPPED) -> Genre:
    """The profile in ``folder``; every problem of every file is reported together."""
    problems: list[Problem] = []

    def load(name: str, table: Table) -> object:
        path = folder / name
        reader = Reader(str(path), problems)
        try:
            node = parse(read_text(path), str(path))
        except SiteError as error:
            problems.extend(error.problems)
            return None
        return table.read(reader, node, "")

    figures = load("figures.yaml", FIGURES)
    if problems or not isinstance(figures, FigureVocabulary):
        raise SiteError(problems)
    return Genre(figures=Grammar(figures))
