"""The genre profile: what is true of government work reports in general, as data.

It ships with the tool under genres/work-report/, one file per job: the interface's words
(ui.yaml), the words of key figures (figures.yaml), of an industry system (industries.yaml),
of a numbered formula (slogans.yaml), the words the importer reads a report by
(importer.yaml), … A site overrides a file of it by putting
one of the same name in its content folder's genre/ (the whole file: copy it, then edit).
Nothing in the code names one report, place or year.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_src.content.archive import ArchiveWords
from site_src.content.glossary import load_glossary
from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.ingest.words import ImporterWords, KindWords, Words
from site_src.model import GlossaryEntry
from site_src.summaries.figures.indicators import IndicatorVocabulary, IndicatorWords, indicator_vocabulary
from site_src.summaries.figures.words import FIGURES, FigureVocabulary, Grammar
from site_src.summaries.frequency import FrequencyVocabulary, FrequencyWords, frequency_vocabulary
from site_src.summaries.industry_draft import IndustryVocabulary, IndustryWords, TierWord, industry_vocabulary
from site_src.summaries.slogan_detect import SloganVocabulary, SloganWords, slogan_vocabulary
from site_src.summaries.wording import WordingVocabulary, WordingWords, wording_vocabulary
from site_src.variants.review import ReviewWords
from site_src.yamlio import Field, Id, Integer, ListOf, MapOf, Reader, Table, Text, parse

SHIPPED = Path(__file__).resolve().parent / "genres" / "work-report"


@dataclass(frozen=True)
class PlaceWords:
    """places.yaml: how a government's place is named from its issuer (the importer names a
    report's folder and its government by it: ingest/slug.py)."""

    government: tuple[str, ...]
    units: tuple[str, ...]
    peoples_before: str
    peoples: tuple[str, ...]
    names: dict[str, str]
OVERRIDES = "genre"  # the folder of a site's own profile files, in its content folder

_WORDS = ListOf(Text())
INDICATORS = Table(IndicatorWords, (
    Field("indicators", ListOf(_WORDS)), Field("combined", MapOf(_WORDS)), Field("successors", MapOf(Text())),
    *(Field(name, _WORDS) for name in ("leading", "levels", "level_endings", "change_endings", "periods")),
    Field("from_to", Text()), Field("magnitudes", _WORDS),
))
FREQUENCY = Table(FrequencyWords, (
    *(Field(name, _WORDS) for name in ("function_words", "stock_words", "keep_whole")),
    Field("shortest", Integer()), Field("top", Integer()),
))
WORDING = Table(WordingWords, (
    Field("longest_quoted", Integer()),
    Field("new_endings", _WORDS), Field("new_gap", Integer()),
    *(Field(name, _WORDS) for name in ("not_before_new", "not_after_new", "first_words")),
    Field("first_length", Integer()), Field("renumbered_rest", Integer()), Field("word_uses", Integer()),
))
UI = MapOf(Text())
ACCEPTED = Table(dict, (Field("words", MapOf(ListOf(Text()))),))
REVIEW = Table(ReviewWords, (Field("defaults", Text()), Field("names", Text()), Field("name_tags", _WORDS)))
PUNCTUATION = Table(dict, (Field("quotes", MapOf(Text(choices=("corner", "curly")))),))
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
ARCHIVE = Table(ArchiveWords, (Field("national", _WORDS), Field("levels", MapOf(_WORDS))))

_TEXTS = ("joiners", "tier_stems", "counters", "openers", "not_in_name", "not_after_industry_word",
          "not_after_tier", "system_name_endings", "system_phrases", "build_verbs", "park_endings",
          "project_endings", "id_parts")
_FORMULA_TEXTS = ("formula_words", "formula_endings", "formula_not_in_name")
INDUSTRIES = Table(IndustryWords, (
    Field("tiers", ListOf(Table(TierWord, (Field("word", Text()), Field("id", Id(unique=False)))))),
    *(Field(name, _WORDS) for name in _TEXTS),
    Field("numerals", MapOf(Integer())),
    *(Field(name, Text()) for name in ("separator", "list_end", "industry_word")),
    *(Field(name, Integer()) for name in ("max_name_length", "max_lead_length")),
    Field("industry_ids", MapOf(Id(unique=False))),
    *(Field(name, _WORDS) for name in _FORMULA_TEXTS),
))


def _pairs(reader: Reader, nodes: dict[str, Any], values: dict[str, Any], path: str) -> None:
    for n, pair in enumerate(values.get("quotes") or ()):
        if len(pair) != 2:
            reader.problem(nodes.get("quotes"), f"quotes[{n}]", "expected an opening and a closing mark")


SLOGANS = Table(SloganWords, (
    Field("quotes", ListOf(ListOf(Text()))),
    Field("numerals", MapOf(Integer())),
    *(Field(name, _WORDS) for name in ("magnitudes", "ordinal_numerals", "classifiers", "plain_after",
                                       "words", "code_names", "big_names", "not_before_big", "known",
                                       "name_endings")),
    Field("digit_code", Text()), Field("year", Text()),
    Field("word_uses", Integer()),
), check=_pairs)


@dataclass(frozen=True)
class Genre:
    ui: Mapping[str, str]  # the interface's words, in the source script
    figures: Grammar  # the pattern of a target or a result, made from the profile's words
    # What an indicator is, whatever a report calls it (indicators.yaml, with figures.yaml's synonyms).
    indicators: IndicatorVocabulary
    places: PlaceWords  # how a report's folder is named from its issuer
    archive: ArchiveWords  # what kind of government a report is of: an archive's order and name
    frequency: FrequencyVocabulary  # which of a report's words its table of most used words counts
    industries: IndustryVocabulary  # how a report writes its industry system (industries.yaml)
    slogans: SloganVocabulary  # how a report writes its numbered formulas (slogans.yaml)
    wording: WordingVocabulary  # which phrases of a report are compared with an earlier one's
    # Phrases of the genre OpenCC gets wrong, after a site's and a report's own glossaries.
    glossary: tuple[GlossaryEntry, ...]
    quotes: Mapping[str, str]  # quotation marks by variant language: corner (「」) or curly (“”)
    accepted: Mapping[str, tuple[str, ...]]  # words whose Traditional forms are all accepted
    review: ReviewWords  # what the conversion review queue looks for
    words: Words  # the words the importer reads a report by


def load_genre(content: Path | None = None) -> Genre:
    """The shipped profile, with the files of ``content``/genre/ in place of the shipped ones;
    every problem of every file is reported together."""
    problems: list[Problem] = []

    def where(name: str) -> Path:
        own = content / OVERRIDES / name if content is not None else None
        return own if own is not None and own.is_file() else SHIPPED / name

    def load(name: str, kind: Any) -> Any:
        path = where(name)
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
    indicator_words = load("indicators.yaml", INDICATORS)
    places = load("places.yaml", PLACES)
    archive = load("archive.yaml", ARCHIVE)
    frequency_words = load("frequency.yaml", FREQUENCY)
    industry_words = load("industries.yaml", INDUSTRIES)
    slogan_words = load("slogans.yaml", SLOGANS)
    wording_words = load("wording.yaml", WORDING)
    industries = slogans = None
    try:
        if isinstance(industry_words, IndustryWords):
            industries = industry_vocabulary(industry_words)
        if isinstance(slogan_words, SloganWords):
            slogans = slogan_vocabulary(slogan_words)
    except re.error as error:  # digit_code or year of a site's own slogans.yaml
        problems.append(Problem(Location(str(where("slogans.yaml"))),
                                f"not a regular expression: {error}"))
    indicators = None
    if isinstance(indicator_words, IndicatorWords) and isinstance(figures, FigureVocabulary):
        try:
            indicators = indicator_vocabulary(indicator_words, figures.synonyms)
        except re.error as error:  # periods or from_to of a site's own indicators.yaml
            problems.append(Problem(Location(str(where("indicators.yaml"))),
                                    f"not a regular expression: {error}"))
    punctuation = load("punctuation.yaml", PUNCTUATION)
    accepted = load("accepted.yaml", ACCEPTED)
    review = load("review.yaml", REVIEW)
    glossary_path = where("glossary.yaml")
    try:
        glossary = load_glossary(glossary_path)
    except SiteError as error:
        problems.extend(error.problems)
        glossary = ()
    importer = load("importer.yaml", IMPORTER)
    if isinstance(ui, dict) and content is not None and (content / OVERRIDES / "ui.yaml").is_file():
        missing = sorted(load_genre().ui.keys() - ui.keys())  # a site's ui.yaml must say everything
        if missing:
            problems.append(Problem(Location(str(content / OVERRIDES / "ui.yaml")),
                                    f"missing: {', '.join(missing)} (copy the shipped file, then edit)"))
    if problems or not isinstance(figures, FigureVocabulary) or not isinstance(ui, dict) \
            or not isinstance(places, PlaceWords) or not isinstance(archive, ArchiveWords) \
            or not isinstance(review, ReviewWords) \
            or not isinstance(importer, ImporterWords) or industries is None or slogans is None \
            or indicators is None or not isinstance(frequency_words, FrequencyWords) \
            or not isinstance(wording_words, WordingWords):
        raise SiteError(problems)
    return Genre(ui=ui, figures=Grammar(figures),
                 indicators=indicators, places=places, archive=archive,
                 frequency=frequency_vocabulary(frequency_words), wording=wording_vocabulary(wording_words),
                 industries=industries, slogans=slogans,
                 glossary=glossary, quotes=punctuation["quotes"] if isinstance(punctuation, dict) else {},
                 accepted=accepted["words"] if isinstance(accepted, dict) else {}, review=review,
                 words=Words(importer))
