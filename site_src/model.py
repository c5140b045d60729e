"""The report in its own terms: parts, sections (areas, tasks), paragraphs with topic leads.

Every value is frozen; stages return new values instead of filling in old ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# Identifiers and quotes of the source as found are never converted between scripts.
VERBATIM = {"verbatim": True}

# heading: a heading line of the closing words (结束语), kept as the closing's first paragraph;
# appendix: what the report appends after its closing words and glossary (附件 …), kept after the
# closing words, so that it is shown with them.
PARAGRAPH_KINDS = ("text", "salutation", "highlight", "targets", "heading", "appendix")

# How the source writes an area's heading, so the text can be given back as it was:
#   bracket  （一）加快建设现代化产业体系。 (the heading is a sentence, its paragraph may follow on)
#   bare     （一）经济发展取得新成就 (a line of its own, without a full stop)
#   shi      一是创新和完善宏观调控，经济保持平稳运行。 (an enumerated lead: the area is a paragraph)
#   di       第一，进一步稳定和加强农业 (an ordinal heading, with or without its full stop)
#   dun      一、综合施策稳增长 (under unnumbered parts, or under 第一部分)
#   arabic   1.推动产业升级 (1、 １． as written: the section's mark)
#   circled  ①推动产业升级
#   plain    a heading without a number (a person's outline file makes one an area)
SECTION_FORMS = ("bracket", "bare", "shi", "di", "dun", "arabic", "circled", "plain")
# The number mark each form writes before its title, where the section gives no mark of its own.
_MARKS = {"shi": "{}是", "di": "第{}，", "dun": "{}、", "arabic": "{}.", "circled": "{}", "plain": ""}
# What a part does: reports on the year or the term past; sets goals for a five-year period; sets
# this year's work; the government's own conduct as a part of its own; anything else (diplomacy).
PART_KINDS = ("review", "outlook", "plan", "government", "other")
TERMS_HEADING = "名词解释"  # the heading of an appended glossary, as reports write it
_SENTENCE = re.compile(r".*?[。！？][”’]?|.+$")


def sentences(text: str) -> list[str]:
    """Sentences ending in 。！？ (a closing quote stays with its sentence)."""
    return [s for s in _SENTENCE.findall(text) if s]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the report; ``lead`` is its topic lead sentence (e.g. 先进制造业集群发展。)."""

    id: str = field(metadata=VERBATIM)
    text: str
    lead: str = ""
    kind: str = field(default="text", metadata=VERBATIM)

    @property
    def heading(self) -> str:
        """The lead as a heading: the sentence without its full stop."""
        return self.lead.rstrip("。")

    @property
    def source_text(self) -> str:
        return self.lead + self.text


@dataclass(frozen=True)
class Section:
    """An area of the review (（一）…（十）) or a task of the plan: number, title, paragraphs."""

    id: str = field(metadata=VERBATIM)
    number: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    form: str = field(default="bracket", metadata=VERBATIM)  # one of SECTION_FORMS
    # The heading stands on a line of its own (its text starts on the next line); a bare heading
    # always does. Otherwise the text runs on after the heading sentence.
    alone: bool = False
    stop: str = field(default="。", metadata=VERBATIM)  # what ends the heading; "" for none

    # The number as the source writes it with its punctuation (１．, 第一、), where the form's own
    # mark (_MARKS) would not give it back.
    mark: str = field(default="", metadata=VERBATIM)

    @property
    def heading(self) -> str:
        return f"{self.mark or _MARKS.get(self.form, '（{}）').format(self.number)}{self.title}"

    @property
    def source_heading(self) -> str:
        """The heading as the source writes it: a sentence, except a bare heading line."""
        return self.heading if self.form == "bare" else self.heading + self.stop

    def lines(self) -> list[str]:
        """The section as the source's lines (paragraphs): the heading line with the text that runs
        on after it, then a line per paragraph. A run-on section whose first paragraph has a lead
        is one line whose topics were split out (review areas: （一）….先进制造业集群发展。…)."""
        texts = [p.source_text for p in self.paragraphs]
        if self.form == "bare" or self.alone or not texts:
            return [self.source_heading, *texts]
        if self.paragraphs[0].lead:
            return [self.source_heading + "".join(texts)]
        return [self.source_heading + texts[0], *texts[1:]]


@dataclass(frozen=True)
class Block:
    """An unnumbered block after a part's areas, opened by a lone 各位代表！ (its first paragraph).

    The State Council's report closes its last part with several: the government's own conduct,
    ethnic and religious affairs, defence, Hong Kong, Macao and Taiwan, foreign affairs.
    """

    id: str = field(metadata=VERBATIM)
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Part:
    """A numbered part (一、2025年工作回顾): opening paragraphs, sections, closing paragraphs."""

    id: str = field(metadata=VERBATIM)
    number: str
    title: str
    opening: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    closing: tuple[Paragraph, ...]
    blocks: tuple[Block, ...] = ()  # after the closing paragraphs, in the source's order
    # One of PART_KINDS; left empty, it is what the id says (review, outlook, plan, government),
    # else other.
    kind: str = field(default="", metadata=VERBATIM)
    # A part without a heading line (the review that starts right after the preamble) has neither
    # number nor title: its pages are titled with the genre's name for its kind (the importer's
    # words), which is no text of the report.
    label: str = ""
    # The number as the source writes it with its punctuation, where it is not N、 (第一部分 …).
    mark: str = field(default="", metadata=VERBATIM)
    # What ends a heading sentence whose text runs on (一、某年工作回顾。过去一年…: its first
    # opening paragraph); "" for a heading line of its own.
    stop: str = field(default="", metadata=VERBATIM)

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", implied_kind(self.id))

    @property
    def has_heading(self) -> bool:
        return bool(self.number or self.title)

    @property
    def source_heading(self) -> str:
        """The heading line as the source writes it: 一、2025年工作回顾, 2025年工作回顾 (a part
        heading without a number), or nothing (a part without a heading line)."""
        if not self.number:
            return self.title + self.stop
        return f"{self.mark or f'{self.number}、'}{self.title}{self.stop}"

    @property
    def heading(self) -> str:
        """What the part is called on the site: its heading, or the genre's name for its kind."""
        return self.source_heading or self.label

    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.opening
        for section in self.sections:
            yield from section.paragraphs
        yield from self.closing
        for block in self.blocks:
            yield from block.paragraphs


def implied_kind(part_id: str) -> str:
    """The kind a part's id names (review, plan …), or other: what an empty kind stands for."""
    return part_id if part_id in PART_KINDS else "other"


@dataclass(frozen=True)
class Count:
    """One line of the import record: what was done, how often, with examples."""

    name: str = field(metadata=VERBATIM)
    count: int


@dataclass(frozen=True)
class Removal:
    """A line of page furniture the importer removed, with where it was in the source."""

    line: int
    text: str = field(metadata=VERBATIM)
    reason: str
    rule: str = field(default="", metadata=VERBATIM)  # the furniture rule that removed it


@dataclass(frozen=True)
class Repair:
    """A damaged span the importer repaired by an erratum, with where it was in the source."""

    line: int
    damaged: str = field(metadata=VERBATIM)
    repaired: str = field(metadata=VERBATIM)
    reason: str


@dataclass(frozen=True)
class Annotation:
    """The pinyin annotations removed from one source line, as found (業(yè) 態(tài))."""

    line: int
    removed: str = field(metadata=VERBATIM)


@dataclass(frozen=True)
class Join:
    """Source lines the scrape broke mid-sentence, put back together: （PM / 2.5 / ） -> （PM2.5）.

    ``pieces`` are the lines as joined, the first and the last cut to a few characters around
    the breaks; ``lines`` are their line numbers in the source.
    """

    lines: tuple[int, ...]
    pieces: tuple[str, ...] = field(metadata=VERBATIM)
    rule: str = field(default="", metadata=VERBATIM)  # the joining rule (ingest/clean.py)


@dataclass(frozen=True)
class Fix:
    """Characters the importer removed or repaired in one source line, by a named rule
    (ingest/characters.py, ingest/front.py): what it found and what it made of it."""

    line: int
    rule: str = field(metadata=VERBATIM)
    found: str = field(metadata=VERBATIM)
    fixed: str = field(metadata=VERBATIM)
    reason: str


@dataclass(frozen=True)
class Loss:
    """Characters the source lost (?? ???? or U+FFFD where a page could not show them), left as
    lost: the span as found, where it is, and the mark that stands for it in the text."""

    line: int
    damaged: str = field(metadata=VERBATIM)
    mark: str = field(metadata=VERBATIM)
    reason: str
    column: int = 0  # where the span starts in the line (1-based)


@dataclass(frozen=True)
class Flattening:
    """How a text run together (one line, literal \\r\\n, a PDF's line breaks as spaces) was
    split back into lines, by a named rule: how often, and why."""

    rule: str = field(metadata=VERBATIM)
    count: int
    reason: str


@dataclass(frozen=True)
class Doubt:
    """Something the importer kept as a plain paragraph, or placed, without being sure of it."""

    line: int
    text: str = field(metadata=VERBATIM)
    reason: str


@dataclass(frozen=True)
class Term:
    """One entry of a glossary or a notes list appended to the report (名词解释, 注释): the term,
    and what it means; its number and the colon as the source writes them."""

    term: str
    explanation: str
    mark: str = field(default="", metadata=VERBATIM)  # 3．, ［1］; empty: N. (1., 2., …)
    colon: str = field(default="：", metadata=VERBATIM)

    def entry(self, n: int) -> str:
        """The entry as the source writes it, numbered n when it has no mark of its own."""
        return f"{self.mark or f'{n}.'}{self.term}{self.colon}{self.explanation}"


@dataclass(frozen=True)
class Source:
    """The source text as the import found it."""

    file: str = field(metadata=VERBATIM)
    sha256: str = field(metadata=VERBATIM)
    script: str = field(metadata=VERBATIM)  # Hans or Hant, as detected
    converter: str = field(metadata=VERBATIM)  # what made it Simplified: tw2s, or none
    encoding: str = field(default="utf-8", metadata=VERBATIM)  # as detected: utf-8, gb18030, big5


@dataclass(frozen=True)
class SourcePage:
    """The page the report's text was taken from, as a person records it in report.yaml's
    ``source:`` (the import cannot know it: it reads text, not where the text was found)."""

    url: str = field(metadata=VERBATIM)  # the government's page, absolute http(s)
    date: str = field(default="", metadata=VERBATIM)  # the day the text was taken, YYYY-MM-DD


@dataclass(frozen=True)
class Provenance:
    """What the import did to the source text, so the site can show it."""

    source: Source
    annotations_removed: int
    punctuation_restored: tuple[Count, ...]
    furniture: tuple[Removal, ...]
    errata: tuple[Repair, ...]
    annotations: tuple[Annotation, ...]
    joins: tuple[Join, ...] = ()
    doubts: tuple[Doubt, ...] = ()
    repairs: tuple[Fix, ...] = ()  # characters removed or repaired (invisible, spaced out …)
    losses: tuple[Loss, ...] = ()  # characters the source lost, marked in the text
    flattened: tuple[Flattening, ...] = ()  # how a text run together was split into lines


@dataclass(frozen=True)
class Original:
    """One text of the report as the source wrote it, in the source's script, before conversion
    to Simplified: what the conversion audit compares our Traditional text with."""

    id: str = field(metadata=VERBATIM)  # of the walk step whose text this is
    text: str = field(metadata=VERBATIM)


@dataclass(frozen=True)
class GlossaryEntry:
    """A phrase override for the converted variants: Simplified phrase -> Traditional form."""

    phrase: str = field(metadata=VERBATIM)  # Simplified, as in the content
    traditional: str = field(metadata=VERBATIM)
    reason: str
    variants: tuple[str, ...] = field(default=(), metadata=VERBATIM)  # empty: all converted ones
    line: int = 0

    def applies_to(self, variant_code: str) -> bool:
        return not self.variants or variant_code in self.variants


@dataclass(frozen=True)
class Report:
    title: str
    issuer: str
    year: int
    preamble: tuple[Paragraph, ...]
    parts: tuple[Part, ...]
    closing: tuple[Paragraph, ...]
    provenance: Provenance
    # The lines under the title: when and where it was delivered, and by whom.
    byline: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()  # an appended glossary (名词解释) or notes list (注释), in its order
    terms_heading: str = TERMS_HEADING  # its heading, as the source writes it
    # The source's own text of each step, where the source was Traditional (for the audit).
    originals: tuple[Original, ...] = field(default=(), metadata=VERBATIM)
    # The government it is the report of, as an id (its place in pinyin: jiayi), set at import: an
    # archive groups a government's reports by it (a year's targets against the next's results).
    # "" where unknown: a site then takes its folder's name without the year.
    government: str = field(default="", metadata=VERBATIM)
    # Where the glossary stands among the annexes, as the source appends it: the id of the appendix
    # paragraph it follows (附件1 … 附件2 … 名词解释); "" where it comes before them (the genre's way).
    terms_after: str = field(default="", metadata=VERBATIM)
    # Where the report was published, where a person has recorded it (report.yaml's source:).
    source_page: SourcePage | None = None

    @property
    def appendix(self) -> tuple[Paragraph, ...]:
        """What the report appends after its closing words (附件 …): the closing's paragraphs of kind
        appendix, before the glossary and after it."""
        return tuple(p for p in self.closing if p.kind == "appendix")

    @property
    def appendix_before_terms(self) -> tuple[Paragraph, ...]:
        """The annexes the source appends before its glossary (none where the glossary comes first)."""
        appendix = self.appendix
        at = next((n for n, p in enumerate(appendix, start=1) if p.id == self.terms_after), 0)
        return appendix[:at]

    @property
    def appendix_after_terms(self) -> tuple[Paragraph, ...]:
        """The annexes after the glossary (all of them where the glossary comes first)."""
        return self.appendix[len(self.appendix_before_terms):]

    @property
    def place(self) -> str:
        return self.issuer.removesuffix("人民政府")

    @property
    def full_title(self) -> str:
        """兰州市城关区2025年政府工作报告: the place, the year and the title, each once."""
        return compose_title(self.place, self.year, self.title)

    def sections(self) -> Iterator[Section]:
        for part in self.parts:
            yield from part.sections

    def walk(self) -> Iterator[Step]:
        """Every text of the report in reading order, each with what holds it: the one walk that
        the full text, search, the plan, "nothing lost" and the audit all follow.

        Part and section headings are steps of their own, written as the source writes them (a
        part without a heading line is a step with no text: its label is no text of the report);
        an appended glossary (名词解释) comes last, its heading then each term. The title and the
        byline are not in it (they are metadata). An appendix (附件 …) comes after the glossary, or
        around it where the source appends the glossary after annexes (``terms_after``).
        """
        for paragraph in self.preamble:
            yield Step(paragraph.id, paragraph.source_text, PREAMBLE, paragraph=paragraph)
        for part in self.parts:
            yield Step(part.id, part.source_heading, PART_HEADING, part=part)
            for paragraph in part.opening:
                yield Step(paragraph.id, paragraph.source_text, OPENING, part=part, paragraph=paragraph)
            for section in part.sections:
                yield Step(section.id, section.source_heading, SECTION_HEADING, part=part, section=section)
                for paragraph in section.paragraphs:
                    yield Step(paragraph.id, paragraph.source_text, SECTION, part=part, section=section,
                               paragraph=paragraph)
            for paragraph in part.closing:
                yield Step(paragraph.id, paragraph.source_text, PART_CLOSING, part=part, paragraph=paragraph)
            for block in part.blocks:
                for paragraph in block.paragraphs:
                    yield Step(paragraph.id, paragraph.source_text, BLOCK, part=part, block=block,
                               paragraph=paragraph)
        for paragraph in self.closing:
            if paragraph.kind != "appendix":
                yield Step(paragraph.id, paragraph.source_text, CLOSING, paragraph=paragraph)
        for paragraph in self.appendix_before_terms:  # on the closing's page, after the closing words
            yield Step(paragraph.id, paragraph.source_text, CLOSING, paragraph=paragraph)
        if self.terms:
            yield Step(TERMS_ID, self.terms_heading, TERMS_HEADING_PLACE)
            for n, term in enumerate(self.terms, start=1):
                yield Step(term_id(n), term.entry(n), TERM, term=term)
        for paragraph in self.appendix_after_terms:
            yield Step(paragraph.id, paragraph.source_text, CLOSING, paragraph=paragraph)

    def paragraphs(self) -> Iterator[Paragraph]:
        return (step.paragraph for step in self.walk() if step.paragraph is not None)

    def quotable(self) -> Iterator[tuple[str, str]]:
        """(id, text) of every paragraph and every appended term, in reading order: what a
        summary page may quote (a system or a formula may be spelled out in a note)."""
        return ((step.id, step.text) for step in self.walk() if step.paragraph is not None or step.term)

    def highlights(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs() if p.kind == "highlight")

    def texts(self) -> Iterator[tuple[str, str]]:
        """(id, text) of every step of the walk: what the audit compares and "nothing lost" joins."""
        return ((step.id, step.text) for step in self.walk())

    def source_text(self) -> str:
        """Every word of the report in order, headings included: what "nothing lost" compares."""
        return "".join(text for _, text in self.texts())


def compose_title(who: str, year: int, title: str) -> str:
    """Who (a place or a government), the year and the title, leaving out what the title already
    says: a collector's title 2025年甘肃省政府工作报告 stays as it is, never 2025年2025年…"""
    year_words = f"{year}年" if year and str(year) not in title else ""
    who_words = who if who and who not in title else ""
    if who_words and not year_words and title.startswith(f"{year}年"):
        return f"{title[:len(str(year)) + 1]}{who_words}{title[len(str(year)) + 1:]}"
    return f"{who_words}{year_words}{title}"


# Where a step of the walk is: the places of the report's reading order.
PREAMBLE, PART_HEADING, OPENING, SECTION_HEADING, SECTION = (
    "preamble", "part-heading", "opening", "section-heading", "section")
PART_CLOSING, BLOCK, CLOSING, TERMS_HEADING_PLACE, TERM = (
    "part-closing", "block", "closing", "terms-heading", "term")
TERMS_ID = "term-1"  # the glossary's heading shares its first term's anchor


def term_id(n: int) -> str:
    return f"term-{n}"


@dataclass(frozen=True)
class Step:
    """One text of the walk: its id, the text as the source writes it, where it is, what holds it."""

    id: str
    text: str
    place: str
    part: Part | None = None
    section: Section | None = None
    block: Block | None = None
    paragraph: Paragraph | None = None
    term: Term | None = None
