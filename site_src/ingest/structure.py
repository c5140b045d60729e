"""Finding the report's structure in cleaned Simplified lines: the stages of the genre in order.

    head (front.py)       title, byline; the lines above the salutation
    preamble              各位代表：…, up to part 一
    parts (parts.py)      一、 二、 … in sequence, each of a kind (review, outlook, plan …)
      areas (areas.py)    （一）…, 一是…, 第一，…; their paragraphs with topic leads
      tail (ends.py)      after the last area: the part's closing paragraphs, its blocks
    closing (ends.py)     the closing words, perhaps under a heading of their own (结束语)
    appended (appended.py) a glossary, a notes list, an annex

A report without numbered parts is read as paragraphs: its preamble, then its closing words.
What cannot be placed stays a plain paragraph where it is, and is noted as a doubt.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from site_src.ingest.appended import appended_start, read_appended
from site_src.ingest.areas import find_areas as find_areas
from site_src.ingest.areas import make_section
from site_src.ingest.clean import SENTENCE_END, CleanText, SourceLine
from site_src.ingest.ends import find_closing, last_area_end, split_tail
from site_src.ingest.front import Front, head_end, read_front
from site_src.ingest.parts import PartFacts, find_part_starts, part_ids, part_kind
from site_src.ingest.words import shipped_words
from site_src.model import Block, Doubt, Paragraph, Part, Provenance, Report, Source
from site_src.variants.convert import make_converter
from site_src.words import PART_HEADING, Words

# A paragraph ends like this; one that does not may be a heading or furniture the importer missed.
_PARAGRAPH_END = (*SENTENCE_END, "：", "；", "）")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
KindOf = Callable[[SourceLine], str]


@dataclass(frozen=True)
class _Built:
    part: Part
    closing: list[SourceLine]  # the report's closing words, when this is the last part
    headings: set[int]  # the numbers of its heading lines (no paragraphs)


def parse_structure(clean: CleanText, words: Words | None = None) -> Report:
    words = words or shipped_words()
    lines = list(clean.lines)
    doubts: list[Doubt] = []
    salutation = next((i for i, line in enumerate(lines) if words.addresses(line.text)), 0)
    after = appended_start(lines, salutation + 1, words)
    first_part = next((i for i in range(after) if PART_HEADING.match(lines[i].text)), None)
    head = head_end(lines[:after], words, first_part)
    front, kept = read_front(lines[:head], words, doubts)
    body = lines[head:after]
    starts = find_part_starts(body, doubts)
    targets = next((line.number for line in body[starts[0] if starts else 0:]
                    if words.targets.search(line.text)), None)

    def kind_of(line: SourceLine) -> str:
        if line.text.startswith("——"):
            return "highlight"
        if line.number == targets:
            return "targets"
        if words.salutation.match(line.text):
            return "salutation"
        return "text"

    headings: set[int] = set()
    parts: list[Part] = []
    if starts:
        preamble_lines = [*kept, *body[: starts[0]]]
        bounds = [*starts, len(body)]
        pieces = [(body[a], body[a + 1: b]) for a, b in pairwise(bounds)]
        kinds = [part_kind(PartFacts(PART_HEADING.match(heading.text).group(2),  # type: ignore[union-attr]
                                     lines_[0].text if lines_ else "",
                                     any(line.number == targets for line in lines_)), words)[0]
                 for heading, lines_ in pieces]
        closing_lines: list[SourceLine] = []
        for n, ((heading, lines_), part_id) in enumerate(zip(pieces, part_ids(kinds), strict=True)):
            built = _part(heading, lines_, part_id, kinds[n], n + 1 == len(pieces), kind_of, words, doubts)
            parts.append(built.part)
            headings |= built.headings | {heading.number}
            closing_lines = built.closing or closing_lines
    else:
        found, _ = find_closing(body, 1, words)
        at = found if found is not None else len(body)
        preamble_lines, closing_lines = [*kept, *body[:at]], body[at:]
        if body:
            doubts.append(Doubt(body[0].number, body[0].text, "no numbered parts (一、…) were found: "
                                "the report is kept as paragraphs, its preamble and its closing words"))
    if body and not closing_lines:
        last = body[-1]
        doubts.append(Doubt(last.number, last.text, "no closing words were found (the last part's "
                            "last 各位代表…, or a last paragraph opening 让我们…)"))
    closing = _closing(closing_lines, kind_of, words, headings)
    preamble = _paragraphs(preamble_lines, "preamble", kind_of)
    appended = read_appended(lines[after:], words, doubts)
    noted = {doubt.line for doubt in doubts}
    doubts.extend(Doubt(line.number, line.text, "kept as a paragraph, but it does not end a sentence: "
                        "a heading the importer does not know, or page furniture?")
                  for line in body if line.number not in headings and line.number not in noted
                  and not line.text.endswith(_PARAGRAPH_END))
    issuer = _issuer(clean, front, preamble_lines, words)
    return Report(title=front.title if issuer else front.title_place + front.title, issuer=issuer,
                  year=_year(parts, front), preamble=preamble, parts=tuple(parts),
                  closing=(*closing, *appended.appendix),
                  provenance=_provenance(clean, front, tuple(sorted(doubts, key=lambda d: d.line))),
                  byline=front.byline, terms=appended.terms, terms_heading=appended.terms_heading)


def _paragraphs(lines: list[SourceLine], prefix: str, kind_of: KindOf) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(id=f"{prefix}-{n}", text=line.text, kind=kind_of(line))
                 for n, line in enumerate(lines, start=1))


def _closing(lines: list[SourceLine], kind_of: KindOf, words: Words,
             headings: set[int]) -> tuple[Paragraph, ...]:
    """The closing words; a heading line of their own (结束语) is their first paragraph."""
    paragraphs = list(_paragraphs(lines, "closing", kind_of))
    if lines and words.closing_heading.match(lines[0].text):
        paragraphs[0] = Paragraph(id=paragraphs[0].id, text=lines[0].text, kind="heading")
        headings.add(lines[0].number)
    return tuple(paragraphs)


def _blocks(part_id: str, blocks: list[list[SourceLine]], kind_of: KindOf) -> tuple[Block, ...]:
    return tuple(Block(f"{part_id}-block-{n}", _paragraphs(lines, f"{part_id}-block-{n}", kind_of))
                 for n, lines in enumerate(blocks, start=1))


def _part(heading: SourceLine, body: list[SourceLine], part_id: str, kind: str, is_last: bool,
          kind_of: KindOf, words: Words, doubts: list[Doubt]) -> _Built:
    """One part; for the last, the report's closing words too."""
    number, title = PART_HEADING.match(heading.text).groups()  # type: ignore[union-attr]
    areas, _ = find_areas(body, doubts)
    closing: list[SourceLine] = []
    if is_last:
        found, _ = find_closing(body, areas[-1].index + 1 if areas else 0, words)
        if found is not None:
            body, closing = body[:found], body[found:]
    if not areas:
        # No areas: the opening runs to the first lone 各位代表！, which opens a block.
        cut = next((i for i, line in enumerate(body) if words.salutation.match(line.text)), len(body))
        part_closing, blocks = split_tail(body[cut:], words)
        return _Built(Part(part_id, number, title, _paragraphs(body[:cut], f"{part_id}-intro", kind_of), (),
                           _paragraphs(part_closing, f"{part_id}-end", kind_of),
                           _blocks(part_id, blocks, kind_of), kind), closing, set())
    bounds = [area.index for area in areas] + [len(body)]
    following = [body[a + 1: b] for a, b in pairwise(bounds)]
    cut, _ = last_area_end([len(lines) for lines in following[:-1]], areas[-1].title, following[-1], words)
    tail = following[-1][cut:]
    following[-1] = following[-1][:cut]
    inline = len(areas) > 1 and all(not lines for lines in following[:-1])
    sections = tuple(make_section(f"{part_id}-{n:02d}", area, body[area.index], lines, inline, kind_of, words)
                     for n, (area, lines) in enumerate(zip(areas, following, strict=True), start=1))
    part_closing, blocks = split_tail(tail, words)
    opening = _paragraphs(body[: areas[0].index], f"{part_id}-intro", kind_of)
    ending = _paragraphs(part_closing, f"{part_id}-end", kind_of)
    return _Built(Part(part_id, number, title, opening, sections, ending, _blocks(part_id, blocks, kind_of),
                       kind),
                  closing, {body[area.index].number for area in areas})


def _issuer(clean: CleanText, front: Front, preamble: list[SourceLine], words: Words) -> str:
    """Who reports: a site's imprint, the speaker's office, the congress, the title, the preamble."""
    to_simplified = make_converter("tw2s")
    for removal in clean.furniture:  # a site's imprint: 版权所有：某某市某某区人民政府
        match = words.imprint.search(to_simplified(removal.text))
        if match:
            return match.group(1)
    for issuer in (front.speaker_issuer, front.venue_issuer, front.title_issuer):
        if issuer:
            return issuer
    for line in preamble:  # 现在，我代表国务院，向大会报告政府工作
        match = words.speaks_for.search(line.text)
        if match and words.government_named(match.group(1)):
            return match.group(1)
    return ""


def _year(parts: list[Part], front: Front) -> int:
    """The year of the session, which is the year the plan is for: the byline's date, the title's
    year, else the year the plan part's heading names, else the latest a part heading names."""
    if front.delivered_year or front.title_year:
        return front.delivered_year or front.title_year
    for part in parts:
        match = _YEAR.search(part.title)
        if part.kind == "plan" and match:
            return int(match.group(1))
    years = [int(year) for part in parts for year in _YEAR.findall(part.title)]
    return max(years) if years else 0


def _provenance(clean: CleanText, front: Front, doubts: tuple[Doubt, ...]) -> Provenance:
    return Provenance(
        source=Source(file=clean.source_file, sha256=clean.sha256, script=clean.source_script,
                      converter="tw2s" if clean.source_script == "Hant" else "none",
                      encoding=clean.encoding),
        annotations_removed=clean.annotations_removed,
        punctuation_restored=clean.punctuation_restored,
        furniture=clean.furniture,
        errata=clean.errata,
        annotations=clean.annotations,
        joins=clean.joins,
        doubts=doubts,
        repairs=tuple(sorted((*clean.repairs, *front.repairs), key=lambda fix: fix.line)),
    )
