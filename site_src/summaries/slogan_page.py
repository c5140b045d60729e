"""What the slogans page shows: every formula of the report (found by the detector, the report's
slogans.yaml as an override), each once with the number of times it occurs and the first sentence
it occurs in, every formula in that sentence marked; the other sentences it occurs in are folded
away. Formulas whose first sentence is the same one are shown together, the sentence quoted once.

The marks are spans of the Simplified sentence. A converted variant converts the sentence whole
(OpenCC converts by phrase, so a piece converted alone could come out otherwise) and finds each
formula, converted, in the converted sentence; only where it cannot be found there are the pieces
converted one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from site_src.model import VERBATIM, Report
from site_src.summaries.slogan_detect import (
    Excerpt,
    Mark,
    MarkedSentence,
    ParagraphSlogans,
    SloganVocabulary,
    by_paragraph,
    detect_slogans,
)
from site_src.summaries.slogans import Slogan, SloganList
from site_src.variants.convert import Convert, convert_value

# A sentence longer than this is quoted by its clauses that hold a formula (the rest is one link
# away, in its paragraph): a phone shows a formula with its words, not a screen of text.
QUOTED_WHOLE = 50  # characters


@dataclass(frozen=True)
class QuotedSentence:
    """A sentence of the report as the page quotes it, with the paragraph it is in."""

    paragraph_id: str = field(metadata=VERBATIM)
    marked: MarkedSentence

    @property
    def excerpt(self) -> Excerpt:
        return self.marked.excerpt(QUOTED_WHOLE)


@dataclass(frozen=True)
class SloganGroup:
    """Formulas whose first sentence is the same one: each once, with its number in the list (from
    1), that sentence, and the other sentences any of them occurs in, in reading order."""

    slogans: tuple[tuple[int, Slogan], ...]
    first: QuotedSentence
    rest: tuple[QuotedSentence, ...]

    def explains(self, slogan: Slogan) -> bool:
        """Whether the formula's note (the report's words on what it counts) is more than the
        quoted sentence says: a note inside what is quoted of it would say it twice."""
        return bool(slogan.note) and slogan.note not in self.first.excerpt.text


@dataclass(frozen=True)
class SloganSummary:
    slogans: tuple[Slogan, ...]  # in reading order of their first place
    paragraphs: tuple[ParagraphSlogans, ...]  # each paragraph once, in reading order

    def __bool__(self) -> bool:
        return bool(self.slogans)

    def groups(self) -> tuple[SloganGroup, ...]:
        """Each formula once, those of the same first sentence together, in reading order."""
        sentences = {(p.paragraph_id, s.start): QuotedSentence(p.paragraph_id, s)
                     for p in self.paragraphs for s in p.sentences}
        rank = {key: n for n, key in enumerate(sentences)}
        found: dict[tuple[str, int], tuple[list[tuple[int, Slogan]], set[tuple[str, int]]]] = {}
        for n, slogan in enumerate(self.slogans, start=1):
            keys = {(o.paragraph_id, o.sentence_start) for o in slogan.occurrences} & sentences.keys()
            if not keys:
                continue
            first = min(keys, key=rank.__getitem__)
            members, places = found.setdefault(first, ([], set()))
            members.append((n, slogan))
            places.update(keys)
        in_order = rank.__getitem__
        return tuple(SloganGroup(tuple(members), sentences[first],
                                 tuple(sentences[key] for key in sorted(places - {first}, key=in_order)))
                     for first, (members, places) in found.items())


NO_SLOGANS = SloganSummary((), ())


def summarise_slogans(report: Report, vocabulary: SloganVocabulary, listed: SloganList) -> SloganSummary:
    slogans = detect_slogans(report, vocabulary, listed)
    return SloganSummary(slogans, by_paragraph(slogans, [text_id for text_id, _ in report.quotable()]))


def convert_summary(summary: SloganSummary, convert: Convert) -> SloganSummary:
    """The summary in another script: its texts converted, each mark found again in its sentence."""
    slogans = convert_value(summary.slogans, convert)
    paragraphs = tuple(replace(p, sentences=tuple(convert_marked(s, convert) for s in p.sentences))
                       for p in summary.paragraphs)
    return SloganSummary(slogans, paragraphs)


def convert_marked(marked: MarkedSentence, convert: Convert) -> MarkedSentence:
    """A marked sentence converted whole, each formula's converted form marked where it is."""
    sentence = convert(marked.sentence)
    marks = []
    position = 0
    for mark in marked.marks:
        form = convert(marked.sentence[mark.start:mark.end])
        expected = len(convert(marked.sentence[:mark.start]))
        start = expected if sentence.startswith(form, expected) and expected >= position \
            else sentence.find(form, position)
        if start < 0:
            return _converted_by_pieces(marked, convert)
        marks.append(Mark(start, start + len(form), mark.key, form))
        position = start + len(form)
    return MarkedSentence(sentence, tuple(marks), marked.follows, marked.start)


def _converted_by_pieces(marked: MarkedSentence, convert: Convert) -> MarkedSentence:
    text, marks = "", []
    for piece, key in marked.pieces():
        converted = convert(piece)
        if key:
            marks.append(Mark(len(text), len(text) + len(converted), key, converted))
        text += converted
    return MarkedSentence(text, tuple(marks), marked.follows, marked.start)
