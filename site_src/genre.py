"""The genre profile: what is true of government work reports in general, as data.

It ships with the tool under genres/work-report/, one file per job: the interface's words
(ui.yaml), the words of key figures (figures.yaml), the words the importer reads a report by
(importer.yaml), … A site overrides a file of it by putting
one of the same name in its content folder's genre/ (the whole file: copy it, then edit).
Nothing in the code names one report, place or year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.ingest.slug import PlaceWords
from site_src.ingest.words import ImporterWords, KindWords, Words
from site_src.summaries.figures.parse import FigureVocabulary, Grammar
from site_src.yamlio import Field, ListOf, MapOf, Reader, Table, Text, parse

SHIPPED = Path(__file__).resolve().parent / "genres" / "work-report"
OVERRIDES = "genre"  # the folder of a site's own profile files, in its content folder

_WORDS = ListOf(Text())
_WORD_LISTS = ("change_verbs", "growth_verbs", "level_verbs", "qualifiers", "requirements",
               "requirement_verbs", "rate_words", "scope_places", "scope_verbs")
FIGURES = Table(FigureVocabulary, (*(Field(name, _WORDS) for name in _WORD_LISTS),
                                   Field("synonyms", MapOf(_WORDS))))
UI = MapOf(Text())
IMPORTER = Table(ImporterWords, (
    *(Field(name, Text()) for name in ("title", "congress", "national_congress")),
    Field("sessions", _WORDS), Field("heads", _WORDS), Field("acting", _WORDS),
    *(Field(name, Text()) for name in ("delivers", "government", "national_government")),
    Field("units", _WORDS), Field("imprint", Text()), Field("speaks_for", Text()),
    Field("toolbar", _WORDS), Field("photo_credits", _WORDS),
    Field("salutation", Text()), Field("also_addressed", _WORDS),
    Field("closing_headings", _WORDS), Field("closing_words", _WORDS),
    Field("targets", _WORDS), Field("year_targets", _WORDS), Field("this_year", Text()),
    Field("targets_verbs", _WORDS), Field("other_work", Text()), Field("review_lead_endings", _WORDS),
    Field("part_words", MapOf(Table(KindWords, (Field("heading", _WORDS), Field("opening", _WORDS))))),
    *(Field(name, _WORDS) for name in ("glossary_headings", "notes_headings", "appendix_headings",
                                       "appended_prefixes")),
))
PLACES = Table(PlaceWords, (Field("government", _WORDS), Field("units", _WORDS),
                            Field("peoples_before", Text()), Field("peoples", _WORDS),
                            Field("names", MapOf(Text()))))


@dataclass(frozen=True)
class Genre:
    ui: Mapping[str, str]  # the interface's words, in the source script
    figures: Grammar  # the pattern of a target or a result, made from the profile's words
    places: PlaceWords  # how a report's folder is named from its issuer
    words: Words  # the words the importer reads a report by


def load_genre(content: Path | None = None) -> Genre:
    """The shipped profile, with the files of ``content``/genre/ in place of the shipped ones;
    every problem of every file is reported together."""
    problems: list[Problem] = []

    def load(name: str, kind: Any) -> Any:
        own = content / OVERRIDES / name if content is not None else None
        path = own if own is not None and own.is_file() else SHIPPED / name
        reader = Reader(str(path), problems)
        try:
            node = parse(read_text(path), str(path))
        except SiteError as error:
            problems.extend(error.problems)
            return None
        if node is None:
            problems.append(Problem(Location(str(path)), "the file is empty"))
            return None
        return kind.read(reader, node, "")

    ui = load("ui.yaml", UI)
    figures = load("figures.yaml", FIGURES)
    places = load("places.yaml", PLACES)
    importer = load("importer.yaml", IMPORTER)
    if isinstance(ui, dict) and content is not None and (content / OVERRIDES / "ui.yaml").is_file():
        missing = sorted(load_genre().ui.keys() - ui.keys())  # a site's ui.yaml must say everything
        if missing:
            problems.append(Problem(Location(str(content / OVERRIDES / "ui.yaml")),
                                    f"missing: {', '.join(missing)} (copy the shipped file, then edit)"))
    if problems or not isinstance(figures, FigureVocabulary) or not isinstance(ui, dict) \
            or not isinstance(places, PlaceWords) or not isinstance(importer, ImporterWords):
        raise SiteError(problems)
    return Genre(ui=ui, figures=Grammar(figures), places=places, words=Words(importer))
