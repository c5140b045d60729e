"""The report's outline, read from its numbering: which lines head its parts, areas and subareas.

One algorithm for the genre; the numbering styles are data (numbering.py, importer.yaml):

1. Candidates. Every line whose opening number a style reads, when that opening is a heading: a
   line of its own (（一）经济发展取得新成就), or a heading sentence that opens a paragraph
   (（一）加快建设现代化产业体系。…). A numbered line that opens with a long sentence or a clause
   (一、继续坚持…；) is a point of a list: it keeps its place in the count, and a series of such
   points is no level. Besides, every unnumbered line of its own that names what a part is
   about (2025年工作回顾, 全面加强政府自身建设: the genre's part words).
2. Nesting. The styles in the order the report uses them: a style seen for the first time nests in
   the level before it; one seen before closes the levels below it, and goes on from its last
   number or starts again at one (a new series in the same place). A number that does neither is
   out of sequence: a doubt, kept as a paragraph. A series of one heading is no level. A style that
   follows a series of one-paragraph points (一是…。 each a paragraph) stands beside it, not in it.
3. Levels, by what they say: the top level is the report's parts where its headings are
   unnumbered part headings, or numbers that start right after the preamble and never start
   again. Otherwise the parts have no heading lines: they start where the text turns (after the
   preamble; to this year's work, parts.py), and the top level numbers their areas. One level
   below the parts are the areas, then the subareas; deeper numbers are topics.

A person's outline file (outline_file.py) replaces the inference: its headings are the outline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from site_src.ingest.clean import SourceLine
from site_src.ingest.numbering import Number, Numbering, numbering_of
from site_src.model import Doubt
from site_src.words import Words

LEVELS = ("part", "area", "subarea", "topic")
_STOPS = "。！？；："  # a heading's title holds none of them
_HEADING_LINE = 80  # characters: the longest heading line
_HEADING_SENTENCE = 60  # characters: the longest heading sentence (the bracketed may be longer)
_PART_LINE = 30  # characters: the longest unnumbered part heading
_PREAMBLE = 4  # lines after the salutation within which a part heading may start the parts
_WIDE = ("bracket", "dun", "part")  # styles whose heading sentences may be long


@dataclass(frozen=True)
class Heading:
    """One heading of the outline: the line that holds it, its level, its number and title."""

    index: int  # of the line in the body
    line: int  # in the source
    level: str  # one of LEVELS
    style: str  # the numbering style ("" for none): the form an area so numbered takes
    value: int
    number: str
    mark: str  # the number as written with its punctuation
    title: str
    rest: str = ""  # the text that runs on after a heading sentence
    stop: str = ""  # what ends the heading sentence ("" for a heading line of its own)
    has_line: bool = True  # False: a part with no heading line, which starts at this paragraph
    point: bool = False  # a numbered point of a list, not a heading (only while nesting)


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...]  # in reading order
    doubts: tuple[Doubt, ...] = ()
    inferred: bool = True  # False: a person's outline file


def heading_of(line: SourceLine, index: int, words: Words, level: str = "") -> Heading | None:
    """The line as a heading: numbered, or (for a part) unnumbered; None when it is no heading."""
    number = numbering_of(words.data.numbering).match(line.text)
    if number is not None:
        return _numbered(line, index, number, level)
    if _unnumbered_part(line.text, words) or level:
        title, stop, rest = _shape(line.text, "")
        return Heading(index, line.number, level or "part", "", 0, "", "", title, rest, stop)
    return None


def _numbered(line: SourceLine, index: int, number: Number, level: str) -> Heading:
    shape = _shape(number.rest, number.style)
    point = shape is None
    if shape is None:  # a point of a list: its first clause, and the text that runs on
        end = re.search("[。；]", number.rest)
        rest = number.rest
        shape = (rest[: end.start()], end.group(), rest[end.end():]) if end else (rest, "", "")
    title, stop, rest = shape
    return Heading(index, line.number, level, number.style, number.value, number.number, number.mark,
                   title, rest, stop, point=point)


def _shape(rest: str, style: str) -> tuple[str, str, str] | None:
    """(title, stop, the text after the heading sentence): a heading line of its own, or a heading
    sentence that opens a paragraph; None for a numbered point of a list."""
    if 1 <= len(rest) <= _HEADING_LINE and not any(stop in rest for stop in _STOPS):
        return rest.rstrip(), "", ""
    at = rest.find("。")
    title = rest[:at]
    longest = _HEADING_LINE if style in _WIDE else _HEADING_SENTENCE
    if 0 < at <= longest and not any(stop in title for stop in _STOPS if style != "bracket" or stop == "。"):
        return title, "。", rest[at + 1:]
    return None


def _unnumbered_part(text: str, words: Words) -> bool:
    """2025年工作回顾, 全面加强政府自身建设: a line of its own that names what a part is about."""
    if not 2 <= len(text) <= _PART_LINE or any(stop in text for stop in _STOPS) or text.startswith("——"):
        return False
    if words.closing_heading.match(text) or words.appended(text) or words.addresses(text):
        return False
    return any(word in text for kind in ("review", "outlook", "plan", "government", "other")
               for word in words.part_words(kind).heading)


def candidates(body: list[SourceLine], start: int, words: Words) -> list[Heading]:
    """Every line from ``start`` on that may head a division: numbered, or an unnumbered part."""
    found = []
    for index in range(start, len(body)):
        heading = heading_of(body[index], index, words)
        if heading is not None:
            found.append(heading)
    return found


# --- 2. nesting ------------------------------------------------------------------------------------

@dataclass
class _Level:
    style: str
    last: int
    items: list[Heading]  # of the series now open
    bodies: bool = False  # an item of the series (but the last) has paragraphs of its own


def nest(found: list[Heading], numbering: Numbering) -> tuple[list[tuple[Heading, int]], list[Doubt]]:
    """Each candidate with its depth (0: the top level), in order; the doubts of those left out."""
    kept = list(found)
    for _ in range(4):  # leaving out a series of one, or of points, may change what nests where
        placed, doubts, series = _stack(kept, numbering)
        dropped = {id(item) for items in series if _no_level(items) for item in items}
        if not dropped:
            return placed, doubts
        kept = [heading for heading in kept if id(heading) not in dropped]
    return _stack(kept, numbering)[:2]


def _no_level(items: list[Heading]) -> bool:
    """A series of points of a list is no level of the outline, nor a lone 一是 or 1. (such a
    number opens a sentence as often as a heading); a lone 一、 or （一） heads all the same."""
    if items[0].style == "":
        return False
    lone = len(items) < 2 and items[0].style not in _WIDE
    return lone or sum(item.point for item in items) * 2 > len(items)


def _stack(found: list[Heading], numbering: Numbering) -> tuple[list[tuple[Heading, int]], list[Doubt],
                                                                 list[list[Heading]]]:
    stack: list[_Level] = []
    placed: list[tuple[Heading, int]] = []
    doubts: list[Doubt] = []
    series: list[list[Heading]] = []
    previous_index = -1
    for heading in found:
        if stack and heading.index > previous_index + 1:
            stack[-1].bodies = stack[-1].bodies or (len(stack[-1].items) > 0 and False)
        depth = next((j for j, level in enumerate(stack) if level.style == heading.style), None)
        if heading.style == "" and depth is None and stack:
            continue  # an unnumbered part heading heads the top level or none
        if depth is not None:
            level = stack[depth]
            if heading.style == "" or heading.value == level.last + 1:
                del stack[depth + 1:]
                _add(level, heading, previous_index)
            elif heading.value == 1:
                del stack[depth + 1:]
                level.items, level.bodies = [], False
                series.append(level.items)
                _add(level, heading, previous_index)
            else:
                if not heading.point:
                    doubts.append(_out_of_sequence(heading, numbering.mark_of(heading.style, level.last + 1)))
                continue
        elif heading.value == 1 or heading.style == "":
            if stack and len(stack[-1].items) > 1 and not stack[-1].bodies and not heading.rest:
                stack.pop()  # a heading line after one-paragraph points: beside them, not in the last
            stack.append(_Level(heading.style, 0, []))
            series.append(stack[-1].items)
            depth = len(stack) - 1
            _add(stack[-1], heading, previous_index)
        else:
            if not heading.point:
                doubts.append(_out_of_sequence(heading, numbering.mark_of(heading.style, 1)))
            continue
        placed.append((heading, depth))
        previous_index = heading.index
    return placed, doubts, series


def _add(level: _Level, heading: Heading, previous_index: int) -> None:
    """The heading goes on the level's series; the item before it had paragraphs of its own when
    lines stand between the two (the level's last item is the one before)."""
    if level.items and heading.index > level.items[-1].index + 1:
        level.bodies = True
    level.last = heading.value
    level.items.append(heading)


def _out_of_sequence(heading: Heading, expected: str) -> Doubt:
    text = heading.mark + heading.title + heading.stop + heading.rest
    return Doubt(heading.line, text,
                 f"looks like a heading, but {expected} was expected: kept as a paragraph")


# --- 3. levels ---------------------------------------------------------------------------------------

def infer_outline(body: list[SourceLine], preamble_end: int, words: Words) -> Outline:
    """The outline of the body's lines (the report after its head: the salutation on)."""
    numbering = numbering_of(words.data.numbering)
    found = candidates(body, 0, words)
    if found and found[0].style and any(not heading.style for heading in found):
        # An unnumbered part heading under numbered areas (2026年主要工作 after a review's （一）…):
        # the parts are the top level, the first of them without a heading line.
        found.insert(0, Heading(-1, 0, "part", "", 0, "", "", "", has_line=False))
    placed, doubts = nest(found, numbering)
    placed = [(heading, depth) for heading, depth in placed if heading.index >= 0]
    top = [heading for heading, depth in placed if depth == 0]
    restarts = sum(1 for heading in top if heading.value == 1) > 1
    early = bool(top) and top[0].index <= preamble_end + _PREAMBLE
    says_parts = any(_unnumbered_part(heading.title, words) for heading in top)  # 一、2025年工作回顾
    parts_on_top = bool(top) and (top[0].style == "" or (not restarts and (early or says_parts)))
    shift = 0 if parts_on_top else 1
    headings = []
    for heading, depth in placed:
        level = LEVELS[min(depth + shift, len(LEVELS) - 1)]
        headings.append(replace(heading, level=level, point=False))
    return Outline(tuple(headings), tuple(doubts))
