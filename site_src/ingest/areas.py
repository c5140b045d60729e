"""A part's areas as sections: the heading the outline found, and the paragraphs under it with
their subareas and topic leads.

An area's subareas (一是…, （一）… one level down: outline.py) open paragraphs: each is a
paragraph whose lead is the subarea's heading (a heading line alone is a lead with no text). A
topic lead is a short sentence that opens a paragraph or stands alone (先进制造业集群发展。): it
leads the paragraph it opens. Numbered points inside one paragraph (…一是…，二是…) are no
subareas: only a line's opening counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from site_src.ingest.clean import SourceLine
from site_src.ingest.outline import Heading, numbering_of
from site_src.model import SECTION_FORMS, Doubt, Paragraph, Section, sentences
from site_src.words import NUMERAL, Words

# A topic lead of a review area is a short clause naming a result: 有效投资持续扩大。 It ends in
# one of the genre's verdict words (importer.yaml: review_lead_endings), which tells it apart from
# short facts such as 投用企业之家。
_LEAD_FORBIDDEN = re.compile(r"[，、：；0-9%０-９]")
_SHI_TOPIC = re.compile(rf"^[{NUMERAL}]+是")
_HEADING_LIKE = 40  # characters: a sentence alone no longer than this reads like a heading


def is_review_lead(sentence: str, words: Words) -> bool:
    body = sentence.removesuffix("。")
    return (sentence.endswith("。") and 6 <= len(body) <= 16
            and not _LEAD_FORBIDDEN.search(body) and "“" not in body
            and body.endswith(words.data.review_lead_endings))


def is_plan_lead(sentence: str) -> bool:
    body = sentence.removesuffix("。")
    return sentence.endswith("。") and 2 <= len(body) <= 20 and not _LEAD_FORBIDDEN.search(body)


def is_enumerated_lead(sentence: str) -> bool:
    """一是准确把握政策，找准投资方向。: the numbered topic of a paragraph inside an area."""
    return sentence.endswith("。") and bool(_SHI_TOPIC.match(sentence)) and len(sentence) <= 30


def is_topic_line(text: str) -> bool:
    """产业结构持续优化。: a topic lead on a line of its own."""
    return is_plan_lead(text) and sentences(text) == [text]


def section_form(heading: Heading) -> str:
    """The form of an area's heading: its numbering style; a bracketed heading line is bare."""
    return form_of(heading.style, bool(heading.stop))


def form_of(style: str, sentence: bool) -> str:
    """The section form of a numbering style: a bracketed heading line (no sentence) is bare; a
    style of no form of its own (arabic-bracket: （1）) is its family's, its mark saying the rest."""
    if not style:
        return "plain"
    if style == "bracket" and not sentence:
        return "bare"
    family = style.split("-")[0]
    return style if style in SECTION_FORMS else family if family in SECTION_FORMS else "plain"


def _lead(heading: Heading, line: SourceLine) -> Paragraph:
    """A subarea's or topic's heading as the lead of the paragraph it opens."""
    lead = line.text[: len(line.text) - len(heading.rest)] if heading.rest else line.text
    return Paragraph(id="", text=line.text[len(lead):], lead=lead)


def heading_paragraphs(lines: list[SourceLine], prefix: str, headings: dict[int, Heading],
                       kind_of: Callable[[SourceLine], str], words: Words) -> tuple[Paragraph, ...]:
    """Paragraphs outside the areas (a part's opening): a subarea or topic heading of the outline
    leads its paragraph, as does a topic lead on a line of its own."""
    paragraphs = []
    for n, line in enumerate(lines):
        heading = headings.get(n)
        made = _lead(heading, line) if heading is not None else \
            Paragraph(id="", text="", lead=line.text) if is_topic_line(line.text) else \
            Paragraph(id="", text=line.text)
        paragraphs.append(Paragraph(id=f"{prefix}-{n + 1}", text=made.text, lead=made.lead,
                                    kind=kind_of(line)))
    return tuple(paragraphs)


def topic_doubts(lines: list[SourceLine], headings: dict[int, Heading], words: Words) -> list[Doubt]:
    """In a part without areas, the paragraphs that read like unnumbered headings (a sentence
    alone, a short one or a line of its own) and were kept as plain paragraphs: for a person to
    look at (a heading of the outline, if the outline file says so)."""
    doubts = []
    for n, line in enumerate(lines):
        text = line.text
        if n in headings or is_topic_line(text) or text.startswith("——") or words.addresses(text):
            continue
        if len(sentences(text)) == 1 and len(text) <= _HEADING_LIKE and text.endswith("。") \
                and n + 1 < len(lines) and len(lines[n + 1].text) > len(text):
            doubts.append(Doubt(line.number, line.text, "reads like a heading without a number (a sentence "
                                "alone over a paragraph): kept as a paragraph of the part's opening"))
    return doubts


def make_section(section_id: str, area: Heading, heading: SourceLine, following: list[SourceLine],
                 inline: bool, headings: dict[int, Heading], kind_of: Callable[[SourceLine], str],
                 words: Words) -> Section:
    """One area as a section: its heading, its text split into paragraphs with their leads.

    Review areas written one per line (``inline``) carry their topics inline (（一）….先进制造业集群
    发展。构建…): when the text after the heading opens with such a lead, it is split at each.
    Other areas put each topic in a paragraph of its own that opens with a lead sentence; a
    subarea or topic of the outline (``headings``, by index in ``following``) leads its paragraph.
    ``kind_of`` gives a paragraph's kind from its line.
    """
    paragraphs: list[Paragraph] = []
    form = section_form(area)

    def add(text: str, lead: str = "", kind: str = "text") -> None:
        paragraphs.append(Paragraph(id=f"{section_id}-{len(paragraphs) + 1}", text=text, lead=lead,
                                    kind=kind))

    rest_sentences = sentences(area.rest)
    if inline and form == "bracket" and rest_sentences and is_review_lead(rest_sentences[0], words):
        lead, body = "", ""
        for sentence in rest_sentences:
            if is_review_lead(sentence, words):
                if lead or body:
                    add(body, lead)
                lead, body = sentence, ""
            else:
                body += sentence
        if lead or body:
            add(body, lead)
    else:
        if area.rest:
            add(area.rest, kind=kind_of(heading))
        numbering = numbering_of(words.data.numbering)
        for n, line in enumerate(following):
            sub = headings.get(n)
            if sub is not None:
                made = _lead(sub, line)
                add(made.text, made.lead, kind_of(line))
                continue
            first = sentences(line.text)[0]
            number = numbering.match(line.text)
            heading_like = number is not None and number.style == "bracket"
            if (not heading_like and (is_plan_lead(first) or is_enumerated_lead(first))
                    and len(first) < len(line.text)):
                add(line.text[len(first):], first, kind_of(line))
            elif is_topic_line(line.text):
                add("", line.text, kind_of(line))
            else:
                add(line.text, kind=kind_of(line))
    alone = not area.rest and form != "bare"
    section = Section(section_id, area.number, area.title, tuple(paragraphs), form, alone,
                      area.stop if form != "bare" else "。")
    written = area.mark + area.title
    if section.heading != written and form != "plain":
        section = Section(section_id, area.number, area.title, tuple(paragraphs), form, alone,
                          section.stop, written[: len(written) - len(area.title)])
    return section


def subareas_of(section: Section, words: Words) -> list[tuple[str, str, str]]:
    """(number, form, title) of each subarea of a section: the paragraphs whose lead is numbered."""
    found = []
    for paragraph in section.paragraphs:
        number = numbering_of(words.data.numbering).match(paragraph.lead) if paragraph.lead else None
        if number is not None:
            title = number.rest.removesuffix("。")
            form = form_of(number.style, number.rest.endswith("。"))
            found.append((number.number, form, title))
    return found
