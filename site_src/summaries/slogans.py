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
from typing import Any

import yaml

from site_src.errors import Location, Problem
from site_src.files import read_text
from site_src.model import VERBATIM, Report
from site_src.yamlio import Field, ListOf, Reader, Table, Text, read_document

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
    return read_document(text, file, SLOGANS)


def _check_phrase(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
    value = values["phrase"]
    if value and ("“" in value or "”" in value):
        reader.problem(nodes.get("phrase"), f"{path}.phrase", "write the phrase without its quotation marks")
    elif value and not NUMBER.search(value):
        reader.problem(nodes.get("phrase"), f"{path}.phrase", f"{value!r} holds no number")


def _listed_once(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
    """A phrase is listed once, as a formula or as none."""
    seen: dict[str, int | None] = {}
    for key in ("slogans", "not_slogans"):
        for entry in values[key]:
            if entry is None or not entry.phrase:
                continue
            first = seen.setdefault(entry.phrase, entry.location.line)
            if first != entry.location.line:
                message = f"{entry.phrase!r} is already listed at line {first}"
                reader.problems.append(Problem(entry.location, message))


SLOGANS = Table(SloganList, (
    Field("slogans", ListOf(Table(ListedSlogan, (
        Field("phrase", Text()),
        Field("note", Text(), required=False, default=""),
    ), check=_check_phrase, located=(("location", "phrase"), ("note_location", "note"))))),
    Field("not_slogans", ListOf(Table(NotSlogan, (
        Field("phrase", Text()),
        Field("reason", Text()),
    ), check=_check_phrase, located=(("location", "phrase"),))), required=False, default=()),
), check=_listed_once)


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
