"""The report's numbered formulas (“2335”, “1+9”, 三攻坚一盘活, 四千行动 …): what one is, and a report
folder's slogans.yaml, the curator's override of the detector.

slogan_detect.detect_slogans finds the formulas of any report by their shape. slogans.yaml adds
the phrases it misses (``slogans``, with an optional note: a quote of the report that says what
the numbers count) and removes the ones it takes wrongly (``not_slogans``, with why); each phrase
must occur in the report. Nothing here defines a formula: a note is a quote of the report, and a
name is the words the report writes after the formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.model import VERBATIM, Report
from site_src.yamlio import Reader, parse

# A listed phrase must hold a number, in digits or in words.
NUMBER = re.compile(r"[0-9一二三四五六七八九十百千万两双]")

FOUND_BY_PATTERN = "pattern"
FOUND_BY_LIST = "list"


@dataclass(frozen=True)
class ListedSlogan:
    """A formula written in words, as slogans.yaml lists it."""

    phrase: str
    note: str = ""  # a quote of the report that says what the formula counts
    location: Location = field(default=Location(""), metadata=VERBATIM)  # of the phrase
    note_location: Location = field(default=Location(""), metadata=VERBATIM)


@dataclass(frozen=True)
class NotSlogan:
    """A quoted phrase with a number that is no formula, and why."""

    phrase: str
    reason: str
    location: Location = field(default=Location(""), metadata=VERBATIM)


@dataclass(frozen=True)
class SloganList:
    slogans: tuple[ListedSlogan, ...] = ()
    not_slogans: tuple[NotSlogan, ...] = ()


@dataclass(frozen=True)
class Occurrence:
    """One place a formula occurs: the paragraph and the sentence, verbatim."""

    paragraph_id: str = field(metadata=VERBATIM)
    sentence: str
    form: str  # as written: “2335”, or the bare phrase where the report does not quote it
    name: str  # the words after it that name it (现代制造业集群体系), or ""
    # Where the form is: [start, end) in the sentence, and the sentence's offset in the paragraph
    # (what a page highlights, and what tells two equal sentences of a paragraph apart).
    start: int = 0
    end: int = 0
    sentence_start: int = 0


@dataclass(frozen=True)
class Slogan:
    key: str = field(metadata=VERBATIM)  # 2335, 1+9, 三攻坚一盘活: what identifies it, never converted
    found_by: str = field(metadata=VERBATIM)  # FOUND_BY_PATTERN or FOUND_BY_LIST
    occurrences: tuple[Occurrence, ...]
    note: str = ""
    note_paragraph_id: str = field(default="", metadata=VERBATIM)

    @property
    def form(self) -> str:
        return self.occurrences[0].form

    @property
    def names(self) -> tuple[str, ...]:
        """The names the report gives it, each once, in reading order."""
        return tuple(dict.fromkeys(o.name for o in self.occurrences if o.name))


# --- slogans.yaml --------------------------------------------------------------------------------

def load_slogans(path: Path) -> SloganList:
    """The curated list; a missing file means none."""
    if not path.exists():
        return SloganList()
    return read_slogans(read_text(path), str(path))


def read_slogans(text: str, file: str) -> SloganList:
    """slogans.yaml's text, validated; every problem is reported with file, line and key."""
    problems: list[Problem] = []
    reader = Reader(file, problems)
    node = parse(text, file)
    if node is None:
        reader.problem(None, "", "the file is empty")
        raise SiteError(problems)
    fields = reader.mapping(node, "", ("slogans",), ("not_slogans",)) or {}
    seen: dict[str, int] = {}

    def phrase(entry: dict[str, yaml.Node], key: str) -> tuple[str, Location]:
        value_node = entry.get("phrase")
        value = reader.string(value_node, f"{key}.phrase")
        line = value_node.start_mark.line + 1 if value_node is not None else None
        if value and ("“" in value or "”" in value):
            reader.problem(value_node, f"{key}.phrase", "write the phrase without its quotation marks")
        elif value and not NUMBER.search(value):
            reader.problem(value_node, f"{key}.phrase", f"{value!r} holds no number")
        if value in seen:
            reader.problem(value_node, f"{key}.phrase", f"{value!r} is already listed at line {seen[value]}")
        elif value and line is not None:
            seen[value] = line
        return value, Location(file, line, key=f"{key}.phrase")

    slogans = []
    for n, item in enumerate(reader.sequence(fields.get("slogans"), "slogans")):
        key = f"slogans[{n}]"
        entry = reader.mapping(item, key, ("phrase",), ("note",))
        if entry is not None:
            value, location = phrase(entry, key)
            note_node = entry.get("note")
            note = reader.string(note_node, f"{key}.note") if note_node is not None else ""
            note_line = note_node.start_mark.line + 1 if note_node is not None else location.line
            slogans.append(ListedSlogan(value, note, location, Location(file, note_line, key=f"{key}.note")))
    not_slogans = []
    for n, item in enumerate(reader.sequence(fields.get("not_slogans"), "not_slogans")):
        key = f"not_slogans[{n}]"
        entry = reader.mapping(item, key, ("phrase", "reason"))
        if entry is not None:
            value, location = phrase(entry, key)
            not_slogans.append(NotSlogan(value, reader.string(entry.get("reason"), f"{key}.reason"),
                                         location))
    if problems:
        raise SiteError(problems)
    return SloganList(tuple(slogans), tuple(not_slogans))


def check_slogans(report: Report, listed: SloganList) -> tuple[Problem, ...]:
    """Every listed phrase must occur in the report, and every note must be a quote of it."""
    texts = [text for _, text in report.quotable()]
    problems = []
    for entry in (*listed.slogans, *listed.not_slogans):
        if not any(entry.phrase in text for text in texts):
            problems.append(Problem(entry.location, f"{entry.phrase!r} does not occur in the report"))
    for slogan in listed.slogans:
        if slogan.note and not any(slogan.note in text for text in texts):
            problems.append(Problem(slogan.note_location, f"the note {slogan.note!r} is not a quote of "
                                                          "one paragraph of the report"))
    return tuple(problems)
