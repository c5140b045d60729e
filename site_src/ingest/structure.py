"""Finding the report's structure in cleaned Simplified lines: the stages of the genre in order.

    head (front.py)        title, byline; the lines above the salutation
    preamble (parts.py)    各位代表：… and the paragraphs that announce the report
    outline (outline.py)   the headings of parts, areas and subareas, read from the numbering (or
                           from a person's outline file)
    parts (parts.py)       each part heading starts a part (or the text turns, where parts have no
                           heading lines); its kind (review, outlook, plan …)
      areas (areas.py)     their paragraphs with subareas and topic leads
      tail (ends.py)       after the last area: the part's closing paragraphs, its blocks
    closing (ends.py)      the closing words, perhaps under a heading of their own (结束语)
    appended (appended.py) a glossary, a notes list, an annex

A report without any numbered heading is read as paragraphs: its preamble, then its closing words.
What cannot be placed stays a plain paragraph where it is, and is noted as a doubt.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from site_src.ingest.appended import appended_start, read_appended
from site_src.ingest.areas import heading_paragraphs, make_section, topic_doubts
from site_src.ingest.clean import SENTENCE_END, CleanText, SourceLine
from site_src.ingest.ends import find_closing, last_area_end, split_tail
from site_src.ingest.front import Front, head_end, read_front
from site_src.ingest.outline import Heading, Outline, infer_outline
from site_src.ingest.parts import PartFacts, headless_parts, part_ids, part_kind, preamble_end
from site_src.ingest.targets import find_targets
from site_src.ingest.who import find_issuer, find_year, issuer_from_text, national_session, year_from_review
from site_src.ingest.words import shipped_words
from site_src.model import Block, Doubt, Paragraph, Part, Provenance, Report, Source
from site_src.words import PART_HEADING, Words

# A paragraph ends like this; one that does not may be a heading or furniture the importer missed.
_PARAGRAPH_END = (*SENTENCE_END, "：", "；", "）")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_YEAR_IS = re.compile(r"^((?:19|20)\d\d)年是")
KindOf = Callable[[SourceLine], str]
# The person's outline (outline_file.py): given the body, it gives the outline, or None to infer.
OutlineOf = Callable[[list[SourceLine]], Outline | None]


@dataclass(frozen=True)
class _Built:
    part: Part
    closing: list[SourceLine]  # the report's closing words, when this is the last part
    headings: set[int]  # the numbers of its heading lines (no paragraphs)


@dataclass(frozen=True)
class _Reading:
    """What every part is read with: the kinds of lines, the words, the doubts so far."""

    kind_of: KindOf
    words: Words
    doubts: list[Doubt]
    given: bool = False  # the outline is a person's: no end rule cuts through a subarea it places


def parse_structure(clean: CleanText, words: Words | None = None, outline_of: OutlineOf | None = None
                    ) -> tuple[Report, Outline, list[SourceLine]]:
    """The report, the outline it was read by (inferred, or the person's) and the lines of its
    body, which the outline's headings are indexed in."""
    words = words or shipped_words()
    lines = list(clean.lines)
    doubts: list[Doubt] = []
    salutation = next((i for i, line in enumerate(lines) if words.addresses(line.text)), 0)
    after = appended_start(lines, salutation + 1, words)
    first_part = next((i for i in range(after) if PART_HEADING.match(lines[i].text)), None)
    head = head_end(lines[:after], words, first_part)
    front, kept = read_front(lines[:head], words, doubts)
    body = lines[head:after]
    outline = outline_of(body) if outline_of is not None else None
    if outline is None:
        outline = infer_outline(body, preamble_end(body, words), words)
    doubts.extend(outline.doubts)
    starts = [heading for heading in outline.headings if heading.level == "part"]
    if outline.inferred and (not starts or not starts[0].number):
        found = headless_parts(body, outline.headings, preamble_end(body, words), front.year_said, words,
                               doubts, starts[0] if starts else None)
        starts = sorted([*found, *starts], key=lambda h: h.index)
        outline = Outline(tuple(sorted((*found, *outline.headings), key=lambda h: h.index)), outline.doubts)
    elif not starts:  # a person's outline without parts: areas stand in no part
        outline = Outline(tuple(h for h in outline.headings if h.level == "part"), (), inferred=False)
    opening = body[: starts[0].index] if starts else []  # the preamble may name the session (and its year)
    targets = find_targets(body, starts[0].index if starts else 0, words,
                           front.year_said or national_session([*kept, *opening], words)[1])
    reading = _Reading(_kinds(targets, words), words, doubts, not outline.inferred)
    headings: set[int] = set()
    parts: list[Part] = []
    if starts:
        preamble_lines = [*kept, *body[: starts[0].index]]
        parts, closing_lines, headings = _parts(body, outline, starts, targets, front, reading)
    else:
        found, _ = find_closing(body, 1, words)
        at = found if found is not None else len(body)
        preamble_lines, closing_lines = [*kept, *body[:at]], body[at:]
        if body:
            doubts.append(Doubt(body[0].number, body[0].text, "no numbered parts (一、…) were found: "
                                "the report is kept as paragraphs, its preamble and its closing words"))
    doubts.extend(_cut_short(body, closing_lines, lines[after:], words))
    closing = _closing(closing_lines, reading.kind_of, words, headings)
    preamble = _paragraphs(preamble_lines, "preamble", reading.kind_of)
    appended = read_appended(lines[after:], words, doubts)
    _note_unended(body, headings, doubts)
    issuer = find_issuer(clean, front, preamble_lines, words)
    title = front.title if issuer else front.title_place + front.title
    national, session_year = national_session(preamble_lines, words)
    if not issuer and not front.title_place:
        issuer = national or issuer_from_text(body, preamble_lines, words, doubts)
    year = find_year(parts, front) or session_year \
        or year_from_review(parts, doubts, body[0].number if body else 0)
    report = Report(title=title, issuer=issuer, year=year, preamble=preamble, parts=tuple(parts),
                    closing=(*closing, *appended.appendix),
                    provenance=_provenance(clean, front, tuple(sorted(doubts, key=lambda d: d.line))),
                    byline=front.byline, terms=appended.terms, terms_heading=appended.terms_heading,
                    terms_after=appended.terms_after)
    return report, outline, body


CUT_SHORT = "the file may be cut short: if so, import the whole text"


def _cut_short(body: list[SourceLine], closing: list[SourceLine], appended: list[SourceLine],
               words: Words) -> list[Doubt]:
    """A whole report ends on its closing words, a call to the congress (the genre's
    closing_marks and closing_calls), and what it appends after them ends a sentence; a text
    that ends otherwise was perhaps cut short where a sentence ended (a cut mid-sentence is an
    error: clean.check_ending)."""
    doubts = []
    if body and not closing:
        last = body[-1]
        doubts.append(Doubt(last.number, last.text, "no closing words were found (the last part's "
                            f"last 各位代表…, or a last paragraph opening 让我们…): {CUT_SHORT}"))
    elif closing and not words.ends_report(closing[-1].text):
        last = closing[-1]
        doubts.append(Doubt(last.number, last.text, "the closing words end on no call to the congress "
                            f"(…而努力奋斗！): {CUT_SHORT}"))
    if len(appended) == 1:  # a heading alone
        doubts.append(Doubt(appended[0].number, appended[0].text,
                            f"a heading with nothing under it: {CUT_SHORT}"))
    elif appended and not _ends_sentence(appended[-1].text):
        last = appended[-1]
        doubts.append(Doubt(last.number, last.text,
                            f"what the report appends ends mid-sentence: {CUT_SHORT}"))
    marked = max((int(number) for line in body for number in _MARKER.findall(line.text)), default=0)
    entries = [line for line in appended if _MARKER.match(line.text)]
    if appended and entries and len(entries) < marked:
        last = appended[-1]
        doubts.append(Doubt(last.number, last.text, f"the text marks notes up to {marked}, the list after "
                            f"it holds {len(entries)}: {CUT_SHORT}"))
    return doubts


_MARKER = re.compile(r"[［\[〔【](\d{1,3})[］\]〕】]")  # a note's number, in the text and in its list
_PAGE_NOTE = re.compile(r"[（(][^（）()]{1,12}[）)]$")  # …的事实。（见第29页）


def _ends_sentence(text: str) -> bool:
    """The line ends a sentence (a closing quote or bracket after its end, a page note after it)."""
    text = _PAGE_NOTE.sub("", text).rstrip("”’」』）)")
    return text.endswith((*SENTENCE_END, "；", ";"))


def _kinds(targets: int | None, words: Words) -> KindOf:
    def kind_of(line: SourceLine) -> str:
        if line.text.startswith("——"):
            return "highlight"
        if line.number == targets:
            return "targets"
        if words.salutation.match(line.text):
            return "salutation"
        return "text"
    return kind_of


def _note_unended(body: list[SourceLine], headings: set[int], doubts: list[Doubt]) -> None:
    noted = {doubt.line for doubt in doubts}
    doubts.extend(Doubt(line.number, line.text, "kept as a paragraph, but it does not end a sentence: "
                        "a heading the importer does not know, or page furniture?")
                  for line in body if line.number not in headings and line.number not in noted
                  and not line.text.endswith(_PARAGRAPH_END))


def _parts(body: list[SourceLine], outline: Outline, starts: list[Heading], targets: int | None,
           front: Front, reading: _Reading) -> tuple[list[Part], list[SourceLine], set[int]]:
    """Every part, its kind read from its heading and its first paragraph; the closing words."""
    bounds = [*(start.index for start in starts), len(body)]
    pieces = []
    headings = [h for h in outline.headings if h.level != "part"]  # in reading order
    at = [h.index for h in headings]
    for start, end, heading in zip(bounds, bounds[1:], starts, strict=False):
        first = start + 1 if heading.has_line else start
        inside = headings[bisect_left(at, first): bisect_left(at, end)]
        lines = body[first:end]
        if heading.has_line and heading.rest:  # 一、某年工作回顾。过去一年…: the text runs on
            lines = [SourceLine(heading.line, heading.rest), *lines]
            first -= 1
        pieces.append((heading, lines, first, inside))
    year = front.year_said or _latest_year(starts) or _turn_year(pieces)
    kinds = [part_kind(PartFacts(heading.title, lines_[0].text if lines_ else "",
                                 any(line.number == targets for line in lines_), year), reading.words)[0]
             for heading, lines_, _, _ in pieces]
    parts, closing_lines, headings = [], [], set()
    for n, ((heading, lines_, first, inside), part_id) in enumerate(
            zip(pieces, part_ids(kinds), strict=True)):
        local = [replace(h, index=h.index - first) for h in inside]
        built = _part(heading, lines_, local, part_id, kinds[n], n + 1 == len(pieces), reading)
        parts.append(built.part)
        headings |= built.headings | ({heading.line} if heading.has_line else set())
        closing_lines = built.closing or closing_lines
    return parts, closing_lines, headings


def _turn_year(pieces: list[tuple[Heading, list[SourceLine], int, list[Heading]]]) -> int:
    """The year a part without a heading line opens with where it turns to this year's work
    (2026年是…): the year of the plan."""
    for heading, lines, _, _ in pieces:
        opens = _YEAR_IS.match(lines[0].text) if lines and not heading.has_line else None
        if opens:
            return int(opens.group(1))
    return 0


def _under_areas(areas: list[Heading], inside: list[Heading]) -> list[list[Heading]]:
    """The subareas and topics under each area (in one pass: both lists are in reading order)."""
    under: list[list[Heading]] = [[] for _ in areas]
    at = -1
    for heading in inside:
        while at + 1 < len(areas) and areas[at + 1].index <= heading.index:
            at += 1
        if at >= 0 and heading.level in ("subarea", "topic") and heading.index > areas[at].index:
            under[at].append(heading)
    return under


def _latest_year(starts: list[Heading]) -> int:
    years = [int(year) for start in starts for year in _YEAR.findall(start.title)]
    return max(years) if years else 0


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


def _part(heading: Heading, body: list[SourceLine], inside: list[Heading], part_id: str, kind: str,
          is_last: bool, reading: _Reading) -> _Built:
    """One part (``inside``: its areas, subareas and topics, indexed in ``body``); for the last,
    the report's closing words too."""
    words, kind_of = reading.words, reading.kind_of
    areas = [h for h in inside if h.level == "area"]
    number, title = heading.number, heading.title
    mark = heading.mark if heading.mark and heading.mark != f"{number}、" else ""
    label = "" if heading.has_line else words.data.part_labels.get(kind, "")
    closing: list[SourceLine] = []
    if is_last:
        found, _ = find_closing(body, areas[-1].index + 1 if areas else 0, words, kind)
        if found is not None:
            body, closing = body[:found], body[found:]
    if not areas:
        # No areas: the part is its opening, lone 各位代表！ and all (no areas for a tail to follow).
        cut = len(body)
        part_closing, blocks = split_tail(body[cut:], words)
        topics = {h.index: h for h in inside if h.level in ("subarea", "topic") and h.index < cut}
        opening = heading_paragraphs(body[:cut], f"{part_id}-intro", topics, kind_of, words)
        reading.doubts.extend(topic_doubts(body[:cut], topics, words))
        ending = _paragraphs(part_closing, f"{part_id}-end", kind_of)
        return _Built(Part(part_id, number, title, opening, (), ending, _blocks(part_id, blocks, kind_of),
                           kind, label, mark, heading.stop), closing, set())
    bounds = [area.index for area in areas] + [len(body)]
    following = [body[a + 1: b] for a, b in pairwise(bounds)]
    cut, _ = last_area_end([len(lines) for lines in following[:-1]], areas[-1].title, following[-1], words)
    if reading.given:  # the subareas a person placed in the last area stay in it
        placed = [h.index - areas[-1].index for h in inside
                  if h.level == "subarea" and h.index > areas[-1].index]
        cut = max([cut, *placed])
    tail = following[-1][cut:]
    following[-1] = following[-1][:cut]
    inline = len(areas) > 1 and all(not lines for lines in following[:-1])
    sections = []
    under = _under_areas(areas, inside)
    for n, (area, lines) in enumerate(zip(areas, following, strict=True), start=1):
        end = area.index + 1 + len(lines)
        subs = {h.index - area.index - 1: h for h in under[n - 1] if h.index < end}
        sections.append(make_section(f"{part_id}-{n:02d}", area, body[area.index], lines, inline, subs,
                                     kind_of, words))
    part_closing, blocks = split_tail(tail, words)
    topics = {h.index: h for h in inside if h.level in ("subarea", "topic") and h.index < areas[0].index}
    opening = heading_paragraphs(body[: areas[0].index], f"{part_id}-intro", topics, kind_of, words)
    ending = _paragraphs(part_closing, f"{part_id}-end", kind_of)
    return _Built(Part(part_id, number, title, opening, tuple(sections), ending,
                       _blocks(part_id, blocks, kind_of), kind, label, mark, heading.stop),
                  closing, {body[area.index].number for area in areas})


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
        losses=clean.losses,
        flattened=clean.flattened,
    )
