"""What the slogans page shows: every formula of the report (found by the detector, the report's
slogans.yaml as an override), and each paragraph that holds formulas once, with the sentences that
hold them and every formula in them marked.

The marks are spans of the Simplified sentence. A converted variant converts the sentence whole
(OpenCC converts by phrase, so a piece converted alone could come out otherwise) and finds each
formula, converted, in the converted sentence; only where it cannot be found there are the pieces
converted one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from site_src.model import Report
from site_src.summaries.slogan_detect import (
    Mark,
    MarkedSentence,
    ParagraphSlogans,
    SloganVocabulary,
    by_paragraph,
    detect_slogans,
)
from site_src.summaries.slogans import Slogan, SloganList
from site_src.variants.convert import Convert, convert_value


@dataclass(frozen=True)
class SloganSummary:
    slogans: tuple[Slogan, ...]  # in reading order of their first place
    paragraphs: tuple[ParagraphSlogans, ...]  # each paragraph once, in reading order

    def __bool__(self) -> bool:
        return bool(self.slogans)

    def places(self, key: str) -> tuple[str, ...]:
        """The paragraphs a formula occurs in, each once, in reading order."""
        return tuple(p.paragraph_id for p in self.paragraphs if key in p.keys)

    def held(self, paragraph: ParagraphSlogans) -> tuple[tuple[int, Slogan], ...]:
        """The formulas a paragraph holds, each with its number in the list (from 1)."""
        number = {slogan.key: n for n, slogan in enumerate(self.slogans, start=1)}
        return tuple((number[key], self.slogans[number[key] - 1]) for key in paragraph.keys if key in number)


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
    return MarkedSentence(sentence, tuple(marks), marked.follows)


def _converted_by_pieces(marked: MarkedSentence, convert: Convert) -> MarkedSentence:
    text, marks = "", []
    for piece, key in marked.pieces():
        converted = convert(piece)
        if key:
            marks.append(Mark(len(text), len(text) + len(converted), key, converted))
        text += converted
    return MarkedSentence(text, tuple(marks), marked.follows)
