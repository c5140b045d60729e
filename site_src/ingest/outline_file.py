"""outline.yaml: the outline as a person's file, beside the report: read it, correct it, import again.

    headings:
      - {line: 5, level: part, text: 2025年工作回顾}
      - {line: 9, level: area, text: 一、综合施策稳增长，经济恢复回升向好}
      - {line: 3, level: part, heading: false, text: 2025年，在某某党委…}

Each heading of the outline the import read (outline.py): its line (of the text as the import
numbers it: the source's lines, or, for a text it split, the lines it split it into), its level
(part, area, subarea, topic) and its first words as found. ``heading: false`` marks a part that
starts at that paragraph without a heading line of its own. The import drafts the file once,
like industries.yaml; from then on it is the person's: where it is, it is the outline (nothing
inferred), and a person changes a level, adds a line the import missed, or gives a false
heading the level ``text`` (or deletes its entry), and imports again. Each entry must name a line
of the report's text whose words it quotes: a stale entry is an error with its file, line and
key path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.ingest.clean import SourceLine
from site_src.ingest.outline import LEVELS, Heading, Outline, heading_of
from site_src.words import Words
from site_src.yamlio import Field, Flag, Integer, ListOf, Reader, Table, Text, parse

OUTLINE_FILE = "outline.yaml"
NOT_A_HEADING = "text"
_QUOTED = 30  # characters of a heading's words the draft quotes
_MORE = "…"


@dataclass(frozen=True)
class Entry:
    """One heading as the person's file says it."""

    line: int
    level: str
    text: str = ""
    heading: bool = True  # False: a part that starts here without a heading line
    location: Location = field(default=Location(""), compare=False)


@dataclass(frozen=True)
class OutlineFile:
    headings: tuple[Entry, ...]


ENTRY = Table(Entry, (Field("line", Integer()), Field("level", Text(choices=(*LEVELS, NOT_A_HEADING))),
                      Field("heading", Flag(), required=False, default=True),
                      Field("text", Text(empty=True), required=False, default="")))
FILE = Table(OutlineFile, (Field("headings", ListOf(ENTRY)),))

_HEADER = """\
# The outline the import read in this report's numbering: each heading's line in the report's
# text{numbering}, its level (part, area, subarea, topic) and its first words. A part that starts
# without a heading line of its own is marked heading: false.
# The file is yours: the import reads it as the outline and never rewrites it (removed, it is
# drafted again only with --force). To correct the outline, change a level; add a heading the
# import missed (its line and level); give a false one the level text, or delete it. Then import
# again.
"""
_SPLIT = " (as the import split the text it found run together: see the import report)"


def draft_outline(outline: Outline, body: list[SourceLine], split: bool = False) -> str:
    """The outline as the person's file: one entry per heading, in reading order."""
    texts = {line.number: line.text for line in body}
    entries = []
    for heading in outline.headings:
        text = texts.get(heading.line, "")
        quoted = text if len(text) <= _QUOTED else text[:_QUOTED] + _MORE
        fields = [f"line: {heading.line}", f"level: {heading.level}"]
        if not heading.has_line:
            fields.append("heading: false")
        fields.append(f"text: {_scalar(quoted)}")
        entries.append("  - {" + ", ".join(fields) + "}\n")
    return _HEADER.format(numbering=_SPLIT if split else "") + "headings:\n" + "".join(entries)


def _scalar(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10_000, default_style='"').strip()


def read_outline(text: str, file: str) -> tuple[Entry, ...]:
    """The entries of a person's outline file; a SiteError naming every problem."""
    problems: list[Problem] = []
    reader = Reader(file, problems)
    node = parse(text, file)
    if node is None:
        raise SiteError([Problem(Location(file), "the file is empty")])
    entries = []
    value = FILE.read(reader, node, "")
    items = next((item.value for key, item in node.value if key.value == "headings"), []) \
        if isinstance(node, yaml.MappingNode) else []
    for n, (entry, item) in enumerate(zip(value.headings if value else (), items, strict=False)):
        where = Location(file, item.start_mark.line + 1, key=f"headings[{n}]")
        entries.append(replace(entry, location=where))
    if problems:
        raise SiteError(problems)
    return tuple(entries)


def outline_from(entries: tuple[Entry, ...], body: list[SourceLine], words: Words) -> Outline:
    """The person's outline, each entry found in the report's lines; a SiteError for an entry that
    names no line of the text, or a line whose words are not the ones it quotes."""
    at = {line.number: index for index, line in enumerate(body)}
    problems: list[Problem] = []
    headings: list[Heading] = []
    for entry in entries:
        if entry.level == NOT_A_HEADING:
            continue
        index = at.get(entry.line)
        if index is None:
            problems.append(Problem(entry.location, f"line {entry.line} is no line of the report's text "
                                    "(page furniture, part of the line before it, or past the end)"))
            continue
        line = body[index]
        if not _same_words(line.text, entry.text):
            problems.append(Problem(entry.location, f"line {entry.line} reads {line.text[:_QUOTED]!r}, "
                                    f"not {entry.text!r}: the outline is of another text"))
            continue
        if not entry.heading:
            headings.append(Heading(index, line.number, "part", "", 0, "", "", "", has_line=False))
            continue
        heading = heading_of(line, index, words, entry.level)
        headings.append(replace(heading, level=entry.level, point=False) if heading is not None else
                        Heading(index, line.number, entry.level, "", 0, "", "", line.text))
    if problems:
        raise SiteError(problems)
    return Outline(tuple(sorted(headings, key=lambda heading: heading.index)), (), inferred=False)


def _same_words(line: str, quoted: str) -> bool:
    """The entry quotes the line's first words (or nothing), white space aside."""
    compact = re.sub(r"\s+", "", quoted).removesuffix(_MORE)
    return re.sub(r"\s+", "", line).startswith(compact)


def outline_reader(path: Path, words: Words) -> Callable[[list[SourceLine]], Outline | None]:
    """What the import reads the outline with: the person's file at ``path`` where there is one."""
    entries = read_outline(read_text(path), str(path)) if path.is_file() else None

    def outline_of(body: list[SourceLine]) -> Outline | None:
        return outline_from(entries, body, words) if entries is not None else None

    return outline_of
