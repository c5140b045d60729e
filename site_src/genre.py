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
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from site_src.content.archive import ArchiveWords
from site_src.content.glossary import load_glossary
from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.model import GlossaryEntry
from site_src.project import GENRE
from site_src.summaries.figures.indicators import IndicatorVocabulary, IndicatorWords, indicator_vocabulary
from site_src.summaries.figures.words import FIGURES, FigureVocabulary, Grammar
from site_src.summaries.frequency import FrequencyVocabulary, FrequencyWords, frequency_vocabulary
from site_src.summaries.industry_draft import IndustryVocabulary, IndustryWords, TierWord, industry_vocabulary
from site_src.summaries.slogan_detect import SloganVocabulary, SloganWords, slogan_vocabulary
from site_src.summaries.wording import WordingVocabulary, WordingWords, wording_vocabulary
from site_src.variants.context import ContextRules, read_rules
from site_src.variants.proofs import ProofWords
from site_src.words import ImporterWords, KindWords, NumberingStyle, PlaceWords, Words
from site_src.yamlio import Field, Id, Integer, ListOf, MapOf, Reader, Table, Text, parse

SHIPPED = Path(__file__).resolve().parent / "genres" / "work-report"
T = TypeVar("T")


OVERRIDES = GENRE  # the folder of a site's own profile files, in its content folder

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
LANGUAGES = Table(dict, (Field("languages", MapOf(ListOf(Text()))),))
ACCEPTED = Table(dict, (Field("words", MapOf(ListOf(Text()))),))
PROOFS = Table(ProofWords, (Field("defaults", Text()), Field("names", Text()), Field("name_tags", _WORDS),
                            Field("place_words", _WORDS), Field("likelihoods", MapOf(Integer())),
                            Field("floor", Integer())))
PUNCTUATION = Table(dict, (Field("quotes", MapOf(Text(choices=("corner", "curly")))),))
def _two_years(reader: Reader, nodes: dict[str, Any], values: dict[str, Any], path: str) -> None:
    years = values.get("years", ())
    if len(years) != 2 or years[0] > years[1]:
        reader.problem(nodes.get("years"), "years", "expected the first and the last year a report can be "
                       "of: [1949, 2100]")


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
    Field("part_words", MapOf(Table(KindWords, (Field("heading", _WORDS), Field("opening", _WORDS),
                                                 Field("voice", _WORDS, required=False, default=()))))),
    *(Field(name, _WORDS) for name in ("glossary_headings", "notes_headings", "appendix_headings",
                                       "appended_prefixes")),
    Field("numbering", ListOf(Table(NumberingStyle, (
        Field("style", Text(), attr="name"),
        Field("numerals", Text(choices=("chinese", "digits", "circled"))),
        Field("before", _WORDS, required=False, default=()),
        Field("after", _WORDS, required=False, default=()))))),
    Field("part_labels", MapOf(Text())),
    *(Field(name, _WORDS) for name in ("announces", "plan_turns", "page_turns")),
    Field("loss_mark", Text()),
    Field("government_short", MapOf(Text())),
    Field("not_places", _WORDS), Field("self_reference", _WORDS),
    Field("national_terms", MapOf(Integer())), Field("national_term_years", Integer()),
    Field("continues", _WORDS),
    Field("other_salutations", _WORDS),
    Field("tail_subjects", _WORDS),
    Field("growth", _WORDS),
    *(Field(name, _WORDS, required=False, default=()) for name in ("year_plans", "growth_verbs", "periods")),
    Field("looks_back", _WORDS),
    *(Field(name, _WORDS, required=False, default=()) for name in ("closing_marks", "closing_calls")),
    Field("years", ListOf(Integer()), required=False, default=ImporterWords.years),
), check=_two_years)
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


def _searchable(reader: Reader, nodes: dict[str, Any], values: dict[str, Any], path: str) -> None:
    """A synonym is a word a search can find: a letter, a digit or a symbol, not punctuation alone."""
    for key, words in (values.get("synonyms") or {}).items():
        for n, word in enumerate((key, *words)):
            if word and not any(unicodedata.category(char)[0] in "LNSM" for char in word):
                reader.problem(nodes.get("synonyms"), f"synonyms.{key}" + (f"[{n - 1}]" if n else ""),
                               f"{word!r} has nothing a search finds (only punctuation or spaces)")


SEARCH = Table(dict, (Field("synonyms", MapOf(ListOf(Text()))),), check=_searchable)


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
    proofs: ProofWords  # what the proofs (the conversion's review queue) look for
    context: ContextRules  # the risky characters a class of contexts decides (context.yaml)
    # The interface written for each converted variant's language (ui.<language>.yaml), the files
    # each language takes (written.yaml), and the keys a site's own ui.yaml rewords.
    written_ui: Mapping[str, Mapping[str, str]]
    ui_languages: Mapping[str, tuple[str, ...]]
    ui_reworded: frozenset[str]
    words: Words  # the words the importer reads a report by
    # Words a reader types for what reports write otherwise (search.yaml): word -> what it also finds.
    search_synonyms: Mapping[str, tuple[str, ...]]


def _rules(path: Path, problems: list[Problem]) -> ContextRules:
    try:
        return read_rules(read_text(path), str(path))
    except SiteError as error:
        problems.extend(error.problems)
        return ContextRules()


@dataclass
class _Loader:
    """Reads the profile's files, a site's own in place of the shipped ones, collecting problems."""

    content: Path | None
    problems: list[Problem] = field(default_factory=list)

    def where(self, name: str) -> Path:
        own = self.content / OVERRIDES / name if self.content is not None else None
        return own if own is not None and own.is_file() else SHIPPED / name

    def own(self, name: str) -> Path | None:
        """The site's own file of that name, if it has one."""
        path = self.content / OVERRIDES / name if self.content is not None else None
        return path if path is not None and path.is_file() else None

    def load(self, name: str, kind: Any) -> Any:
        path = self.where(name)
        reader = Reader(str(path), self.problems)
        try:
            node = parse(read_text(path), str(path))
        except SiteError as error:
            self.problems.extend(error.problems)
            return None
        if node is None:
            self.problems.append(Problem(Location(str(path)), "the file is empty"))
            return None
        return kind.read(reader, node, "")

    def compiled(self, name: str, make: Callable[[], T]) -> T | None:
        """A vocabulary made from its words; a site's own regular expression may not compile."""
        try:
            return make()
        except re.error as error:
            self.problems.append(Problem(Location(str(self.where(name))),
                                         f"not a regular expression: {error}"))
            return None


@dataclass(frozen=True)
class _Interface:
    ui: Any  # the source variant's strings (a dict, or None where the file did not load)
    written: dict[str, dict[str, str]]  # each language's own file (ui.<language>.yaml)
    languages: dict[str, tuple[str, ...]]  # the files each language takes (written.yaml)
    reworded: frozenset[str]  # the keys a site's own ui.yaml rewords


def _interface(loader: _Loader) -> _Interface:
    ui = loader.load("ui.yaml", UI)
    chains = loader.load("written.yaml", LANGUAGES)
    languages = {code: tuple(chain) for code, chain in chains["languages"].items()} \
        if isinstance(chains, dict) else {}
    names = sorted({language for chain in languages.values() for language in chain})
    written = {language: loader.load(f"ui.{language}.yaml", UI) or {} for language in names}
    reworded: frozenset[str] = frozenset()
    own = loader.own("ui.yaml")
    if isinstance(ui, dict) and own is not None:
        shipped = load_genre().ui
        missing = sorted(shipped.keys() - ui.keys())  # a site's ui.yaml must say everything
        if missing:
            loader.problems.append(Problem(Location(str(own)), f"missing: {', '.join(missing)} "
                                                               "(copy the shipped file, then edit)"))
        # Its rewordings are its own words: converted, unless it writes its variants' files too.
        if not any(loader.own(f"ui.{language}.yaml") for language in names):
            reworded = frozenset(key for key, text in ui.items() if shipped.get(key) != text)
    return _Interface(ui, written, languages, reworded)


def _glossary(loader: _Loader) -> tuple[GlossaryEntry, ...]:
    try:
        return load_glossary(loader.where("glossary.yaml"))
    except SiteError as error:
        loader.problems.extend(error.problems)
        return ()


def load_genre(content: Path | None = None) -> Genre:
    """The shipped profile, with the files of ``content``/genre/ in place of the shipped ones;
    every problem of every file is reported together."""
    loader = _Loader(content)
    interface = _interface(loader)
    figures = loader.load("figures.yaml", FIGURES)
    indicator_words = loader.load("indicators.yaml", INDICATORS)
    places = loader.load("places.yaml", PLACES)
    archive = loader.load("archive.yaml", ARCHIVE)
    frequency_words = loader.load("frequency.yaml", FREQUENCY)
    industry_words = loader.load("industries.yaml", INDUSTRIES)
    slogan_words = loader.load("slogans.yaml", SLOGANS)
    wording_words = loader.load("wording.yaml", WORDING)
    industries = loader.compiled("industries.yaml", lambda: industry_vocabulary(industry_words)) \
        if isinstance(industry_words, IndustryWords) else None
    slogans = loader.compiled("slogans.yaml", lambda: slogan_vocabulary(slogan_words)) \
        if isinstance(slogan_words, SloganWords) else None
    indicators = loader.compiled(
        "indicators.yaml", lambda: indicator_vocabulary(indicator_words, figures.synonyms)) \
        if isinstance(indicator_words, IndicatorWords) and isinstance(figures, FigureVocabulary) else None
    punctuation = loader.load("punctuation.yaml", PUNCTUATION)
    accepted = loader.load("accepted.yaml", ACCEPTED)
    proofs = loader.load("proofs.yaml", PROOFS)
    context = _rules(loader.where("context.yaml"), loader.problems)
    glossary = _glossary(loader)
    importer = loader.load("importer.yaml", IMPORTER)
    search = loader.load("search.yaml", SEARCH)
    ui = interface.ui
    if loader.problems or not isinstance(figures, FigureVocabulary) or not isinstance(ui, dict) \
            or not isinstance(places, PlaceWords) or not isinstance(archive, ArchiveWords) \
            or not isinstance(proofs, ProofWords) \
            or not isinstance(importer, ImporterWords) or industries is None or slogans is None \
            or indicators is None or not isinstance(frequency_words, FrequencyWords) \
            or not isinstance(wording_words, WordingWords):
        raise SiteError(loader.problems)
    return Genre(ui=ui, figures=Grammar(figures),
                 indicators=indicators, places=places, archive=archive,
                 frequency=frequency_vocabulary(frequency_words), wording=wording_vocabulary(wording_words),
                 industries=industries, slogans=slogans,
                 glossary=glossary, quotes=punctuation["quotes"] if isinstance(punctuation, dict) else {},
                 accepted=accepted["words"] if isinstance(accepted, dict) else {}, proofs=proofs,
                 context=context, written_ui=interface.written, ui_languages=interface.languages,
                 ui_reworded=interface.reworded, words=Words(importer), search_synonyms=_synonyms(search))


def _synonyms(search: Any) -> dict[str, tuple[str, ...]]:
    said = search["synonyms"] if isinstance(search, dict) else {}
    return {key: tuple(words) for key, words in said.items()}


def shipped_search_words() -> dict[str, tuple[str, ...]]:
    """The shipped profile's synonyms (search.yaml) alone, for a build that was not given a
    site's; a problem in the file is an error like any of the profile's."""
    problems: list[Problem] = []
    path = SHIPPED / "search.yaml"
    search = SEARCH.read(Reader(str(path), problems), parse(read_text(path), str(path)), "")
    if problems:
        raise SiteError(problems)
    return _synonyms(search)
