"""The conversion audit: what the converter decided, and how our Traditional text differs from the
source site's own.

(a) Every phrase holding a character with several Traditional candidates, with what was chosen
    and by what: the glossary, a pin, OpenCC's phrase dictionary, or the character's default.
(b) Every place where a converted variant differs from the source's Traditional text, classified:
    an error in the source corrected, a glyph-standard difference only, a glossary override
    (or pin), or other.

The segmentation is OpenCC's own rule (forward maximum matching over its phrase dictionaries,
with the glossary's phrases added), replayed here on OpenCC's dictionaries read out as tables
(tables.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from site_src.model import VERBATIM, GlossaryEntry, Report
from site_src.variants.context import ContextRules
from site_src.variants.convert import Convert, Converter, conversion, identity, make_converter
from site_src.variants.pins import Resolved, resolve
from site_src.variants.punctuation import with_quotes
from site_src.variants.tables import load as load_tables

# corrected: OpenCC's phrase dictionary writes the word otherwise than the source, which wrote it
#   character by character (the source is wrong); accepted: both forms are accepted (the genre's
#   list); unsure: our form is a character's default, the source chose another: a person decides;
#   glyph: one character in two glyph standards; glossary: a glossary entry, a context rule or a
#   pin decided.
CLASSES = ("corrected", "accepted", "unsure", "glyph", "glossary", "other")
_MAX_PHRASE = 12


@dataclass(frozen=True)
class Choice:
    """One phrase-and-decision of the converter, with where it occurs."""

    phrase: str = field(metadata=VERBATIM)
    chosen: str = field(metadata=VERBATIM)
    by: str = field(metadata=VERBATIM)  # glossary | pin | phrase | character
    candidates: tuple[tuple[str, tuple[str, ...]], ...] = field(metadata=VERBATIM)  # 干: 幹 乾 干 榦
    paragraphs: tuple[str, ...] = field(metadata=VERBATIM)


@dataclass(frozen=True)
class Difference:
    """Where our variant and the source's Traditional text write a phrase differently."""

    kind: str = field(metadata=VERBATIM)  # one of CLASSES
    phrase: str = field(metadata=VERBATIM)  # Simplified
    source: str = field(metadata=VERBATIM)  # as the source site wrote it
    ours: str = field(metadata=VERBATIM)
    paragraphs: tuple[str, ...] = field(metadata=VERBATIM)


@dataclass(frozen=True)
class VariantAudit:
    code: str = field(metadata=VERBATIM)
    config: str = field(metadata=VERBATIM)
    choices: tuple[Choice, ...]
    differences: tuple[Difference, ...]
    compared: bool  # False when the source text was not Traditional or is not available

    def counts(self) -> dict[str, int]:
        totals = dict.fromkeys(CLASSES, 0)
        for difference in self.differences:
            totals[difference.kind] += len(difference.paragraphs)
        return totals


@dataclass(frozen=True)
class Dictionaries:
    """OpenCC's dictionaries as Python mappings: candidates per character, phrases, variants."""

    characters: dict[str, tuple[str, ...]]
    phrases: frozenset[str]
    variants: frozenset[tuple[str, str]]

    def character_pairs(self) -> list[tuple[str, str]]:
        """Every (Simplified, Traditional) pair and glyph-variant pair of single characters."""
        pairs = [(s, t) for s, forms in self.characters.items() for t in forms]
        return sorted(pairs + list(self.variants))

    @cached_property
    def ambiguous(self) -> frozenset[str]:
        return frozenset(c for c, candidates in self.characters.items() if len(candidates) > 1)

    @cached_property
    def phrase_table(self) -> PhraseTable:
        return PhraseTable.of(self.phrases)


@dataclass(frozen=True)
class PhraseTable:
    """Phrases, with the longest one each character starts: segmenting tries no longer phrase at
    a position than one that could be there (most characters start none, or only short ones)."""

    phrases: frozenset[str]
    longest: Mapping[str, int]

    @classmethod
    def of(cls, phrases: Iterable[str]) -> PhraseTable:
        found = frozenset(phrases)
        longest: dict[str, int] = {}
        for phrase in found:
            if len(phrase) > longest.get(phrase[0], 1):
                longest[phrase[0]] = len(phrase)
        return cls(found, longest)

    def plus(self, phrases: Iterable[str]) -> PhraseTable:
        """These phrases too (a glossary's); the table itself when they are all in it already."""
        more = PhraseTable.of(phrase for phrase in phrases if phrase not in self.phrases)
        if not more.phrases:
            return self
        longest = dict(self.longest)
        for char, length in more.longest.items():
            longest[char] = max(length, longest.get(char, 1))
        return PhraseTable(self.phrases | more.phrases, longest)


def load_dictionaries() -> Dictionaries:
    """OpenCC's dictionaries as the audit reads them (tables.py: shipped with the package, or
    exported by OpenCC's own tool where the installed dictionaries are not those)."""
    tables = load_tables()
    found = Dictionaries(characters=tables.characters, phrases=frozenset(tables.phrases),
                         variants=frozenset(tables.variants))
    # Made now, so that the program's cache keeps them with the tables (loading them is quicker
    # than making them again in every build that audits).
    _ = found.phrase_table, found.ambiguous
    return found


@dataclass(frozen=True)
class _Piece:
    """A step of the report's walk, pins resolved, with the source's own text of it if known."""

    anchor: str
    raw: str  # with pins
    resolved: Resolved  # Simplified, pins resolved to their source form, and where they are
    original: str | None  # as the source wrote it (Traditional), if the import kept it

    @property
    def text(self) -> str:
        return self.resolved.text


def _pieces(report: Report) -> Iterator[_Piece]:
    originals = {original.id: original.text for original in report.originals}
    for step in report.walk():
        resolved = resolve(step.text)
        yield _Piece(step.id, step.text, resolved, originals.get(step.id))


def segment(text: str, phrases: PhraseTable, pinned: frozenset[int] = frozenset()
            ) -> list[tuple[int, int]]:
    """OpenCC's segmentation (of one word, or of a text it converts whole): at each position the
    longest dictionary phrase, else one character."""
    spans, position = [], 0
    known, longest = phrases.phrases, phrases.longest
    while position < len(text):
        end = position + 1
        if position not in pinned:
            for length in range(min(_MAX_PHRASE, longest.get(text[position], 1), len(text) - position),
                                1, -1):
                candidate = text[position:position + length]
                if candidate in known and not (pinned and pinned.intersection(
                        range(position, position + length))):
                    end = position + length
                    break
        spans.append((position, end))
        position = end
    return spans


def decisions(converter: Converter, resolved: Resolved, phrases: PhraseTable
              ) -> list[tuple[int, int, str]]:
    """(start, end, what decided it) for the text as the converter converts it: a pin, a context
    rule, else, within each word, OpenCC's segmentation replayed: a glossary phrase, a phrase of
    OpenCC's dictionary, or a character's default."""
    glossary = converter.decided_phrases
    found: list[tuple[int, int, str]] = []
    text = resolved.text
    for piece in converter.pieces(resolved):
        if piece.fixed is not None:
            found.append((piece.start, piece.end, piece.by))
            continue
        ruled = {position for position, _, _ in piece.rules}
        for start, end in segment(text[piece.start:piece.end], phrases):
            start, end = start + piece.start, end + piece.start
            phrase = text[start:end]
            by = ("rule" if ruled.intersection(range(start, end)) else "glossary" if phrase in glossary
                  else "phrase" if end - start > 1 else "character")
            found.append((start, end, by))
    return found


@dataclass(frozen=True)
class PieceAudit:
    """What the audit finds in one text, wherever it stands: the converter's decisions on phrases
    with an ambiguous character (phrase, chosen, by), and where it differs from the source's own
    text (kind, phrase, source's, ours), each in the order of the text."""

    choices: tuple[tuple[str, str, str], ...]
    differences: tuple[tuple[str, str, str, str], ...]


PieceAudits = dict[tuple[str, str | None], PieceAudit]  # by (text with pins, the source's text)


def audit_variant(report: Report, code: str, config: str, glossary: tuple[GlossaryEntry, ...],
                  dictionaries: Dictionaries, quotes: str = "curly",
                  accepted: Mapping[str, tuple[str, ...]] | None = None,
                  rules: ContextRules | None = None) -> VariantAudit:
    """The audit of one converted variant, against the source's own text where the import kept it.

    ``rules``: the context rules the conversion uses (the genre's; the shipped ones by default):
    the audit asks the very converter the variant is converted with, so the two share its start
    and its segmentation of each text. The source's quotation marks are written as the variant
    writes them before comparing: a choice of punctuation is no difference of characters."""
    return audited(report, code, config, glossary, dictionaries, quotes, accepted, rules, {})[0]


def audited(report: Report, code: str, config: str, glossary: tuple[GlossaryEntry, ...],
            dictionaries: Dictionaries, quotes: str, accepted: Mapping[str, tuple[str, ...]] | None,
            rules: ContextRules | None, kept: Mapping[tuple[str, str | None], PieceAudit]
            ) -> tuple[VariantAudit, PieceAudits]:
    """audit_variant's audit, and what it found in each text: a text ``kept`` names (what an audit
    with the same converter, dictionaries and accepted words found in it) is not audited again."""
    entries = tuple(entry for entry in glossary if entry.applies_to(code))
    converter = conversion(config, entries, rules)
    piece_audit = _PieceAuditor(converter, with_quotes(converter.convert, quotes),
                                with_quotes(identity, quotes), dictionaries, entries, accepted or {})
    pieces = list(_pieces(report))
    made: PieceAudits = {}
    choices: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    found: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for piece in pieces:
        key = (piece.raw, piece.original)
        result = made.get(key) or kept.get(key) or piece_audit(piece)
        made[key] = result
        for ids in [*(choices[choice] for choice in result.choices),
                    *(found[difference] for difference in result.differences)]:
            if not ids or ids[-1] != piece.anchor:  # pieces come in order: a repeat is the last
                ids.append(piece.anchor)
    choice_list = tuple(
        Choice(phrase, chosen, by, _candidates(phrase, dictionaries), tuple(ids))
        for (phrase, chosen, by), ids in sorted(choices.items(), key=lambda item: (item[0][0], item[0][1])))
    order = {kind: n for n, kind in enumerate(CLASSES)}
    differences = tuple(Difference(kind, phrase, source, ours, tuple(ids))
                        for (kind, phrase, source, ours), ids in
                        sorted(found.items(), key=lambda item: (order[item[0][0]], item[0][1], item[0][2])))
    compared = any(piece.original is not None for piece in pieces)
    return VariantAudit(code, config, choice_list, differences, compared), made


def _candidates(phrase: str, dictionaries: Dictionaries) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((char, dictionaries.characters[char])
                 for char in dict.fromkeys(phrase) if char in dictionaries.ambiguous)


@dataclass(frozen=True)
class _PieceAuditor:
    """One text's audit with one converter."""

    converter: Converter
    convert: Convert  # the converter's, quotation marks as the variant writes them
    marks: Convert  # the variant's quotation marks alone
    dictionaries: Dictionaries
    entries: tuple[GlossaryEntry, ...]
    accepted: Mapping[str, tuple[str, ...]]

    @cached_property
    def phrases(self) -> PhraseTable:
        return self.dictionaries.phrase_table.plus(entry.phrase for entry in self.entries)

    def __call__(self, piece: _Piece) -> PieceAudit:
        ours, text = self.convert(piece.raw), piece.text
        if len(ours) != len(text):
            return PieceAudit((), ())
        spans = decisions(self.converter, piece.resolved, self.phrases)
        ambiguous = self.dictionaries.ambiguous
        choices = tuple((text[start:end], ours[start:end], by) for start, end, by in spans
                        if not ambiguous.isdisjoint(text[start:end]))
        return PieceAudit(choices, self._differences(piece, ours, spans))

    def _differences(self, piece: _Piece, ours: str, spans: list[tuple[int, int, str]]
                     ) -> tuple[tuple[str, str, str, str], ...]:
        """Every phrase where our text and the source's differ, if the piece still reads as the
        source did (a piece edited since the import is left out: its original no longer matches)."""
        source = piece.original
        if source is None or len(source) != len(piece.text):
            return ()
        to_simplified = make_converter("tw2s")
        if to_simplified(source) != piece.text:
            return ()
        source = self.marks(source)  # quotation marks as the variant writes them
        found = []
        for start, end, by in spans:
            ours_phrase, source_phrase = ours[start:end], source[start:end]
            if source_phrase != ours_phrase:
                kind = _classify(piece.text[start:end], source_phrase, ours_phrase, by, self.dictionaries,
                                 to_simplified, self.accepted)
                found.append((kind, piece.text[start:end], source_phrase, ours_phrase))
        return tuple(found)


def _classify(simplified: str, source: str, ours: str, by: str, dictionaries: Dictionaries,
              to_simplified: Convert, accepted: Mapping[str, tuple[str, ...]]) -> str:
    if by in ("glossary", "pin", "rule"):
        return "glossary"
    if source in accepted.get(simplified, ()) and ours in accepted.get(simplified, ()):
        return "accepted"
    pairs = [(s, o, c) for s, o, c in zip(source, ours, simplified, strict=True) if s != o]

    def same_character(s: str, o: str, c: str) -> bool:
        # 爲/為, 凈/淨: one character in two glyph standards, not a choice between characters.
        candidates = dictionaries.characters.get(c, (c,))
        return (s, o) in dictionaries.variants or (
            s != c and s not in candidates and to_simplified(s) == c and (o in candidates or o == c))

    def corrected(s: str, o: str, c: str) -> bool:
        # The source kept a character that has several Traditional forms unconverted, or took
        # another of its candidates, where the phrase needs the one we write.
        candidates = dictionaries.characters.get(c, ())
        return c in dictionaries.ambiguous and s in (c, *candidates) and o in candidates

    kinds = ["glyph" if same_character(s, o, c) else "corrected" if corrected(s, o, c) else "other"
             for s, o, c in pairs]
    if all(kind == "glyph" for kind in kinds):
        return "glyph"
    if "other" not in kinds:
        # Only a phrase of OpenCC's dictionary says which form the word needs; a character's
        # default does not, so a difference there is for a person to decide.
        return "corrected" if by == "phrase" else "unsure"
    return "other"


def audit(report: Report, variants: tuple[tuple[str, str, str], ...], glossary: tuple[GlossaryEntry, ...],
          dictionaries: Dictionaries | None = None,
          accepted: Mapping[str, tuple[str, ...]] | None = None,
          rules: ContextRules | None = None) -> tuple[VariantAudit, ...]:
    """The audit of every converted variant, given as (code, OpenCC config, quotation marks);
    ``accepted`` lists the words whose two forms are both right, ``rules`` the context rules
    (the genre's)."""
    dictionaries = dictionaries or load_dictionaries()
    return tuple(audit_variant(report, code, config, glossary, dictionaries, quotes, accepted, rules)
                 for code, config, quotes in variants)
