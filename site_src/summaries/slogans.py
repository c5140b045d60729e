"""The report's numbered formulas (“2335”, “1+9”, 三攻坚一盘活, 四千行动 …) and every place each occurs.

Formulas written in digits are found by pattern: a quoted code of digits followed by words
(“2335”现代制造业集群体系, “1+9”专班工作机制). Formulas written in words are listed in
content/slogans.yaml, and each must occur in the report. The quoted phrases with a number that
are no formula are listed there too, with why, so that a new one in the text shows up in
``unlisted`` instead of being missed. Nothing here defines a formula: a note is a quote of the
report, and a name is the words the report writes after the formula.

For a report without a curated list, slogan_detect.detect_slogans finds formulas by their shape
and takes this list as an override only; its occurrences carry the sentence span of the formula,
and slogan_detect.by_paragraph lists each paragraph once with all its formulas marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.model import VERBATIM, Paragraph, Report, sentences
from site_src.yamlio import Reader, parse

# A code of 3 to 6 digits, or digits joined by +, in quotes and followed by words: “2335”现代….
DIGIT_CODE = re.compile(r"“(\d{3,6}|\d+(?:\+\d+)+)”(?=[\u4e00-\u9fff])")
NUMBER = re.compile(r"[0-9一二三四五六七八九十百千万两双]")
_QUOTED = re.compile(r"“([^“”]+)”")
_WORDS = re.compile(r"[\u4e00-\u9fff]+")
# Words that end a formula's name where the report writes one after it: “885”工作机制,
# “141”基层智治体系建设… (the name stops at 体系), “四下基层”制度.
NAME_ENDINGS = ("思路", "机制", "体系", "品牌", "工程", "行动", "制度", "改革", "定位")

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
    key: str  # 2335, 1+9, 三攻坚一盘活
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
    texts = [p.source_text for p in report.paragraphs()]
    problems = []
    for entry in (*listed.slogans, *listed.not_slogans):
        if not any(entry.phrase in text for text in texts):
            problems.append(Problem(entry.location, f"{entry.phrase!r} does not occur in the report"))
    for slogan in listed.slogans:
        if slogan.note and not any(slogan.note in text for text in texts):
            problems.append(Problem(slogan.note_location, f"the note {slogan.note!r} is not a quote of "
                                                          "one paragraph of the report"))
    return tuple(problems)


# --- finding them --------------------------------------------------------------------------------

def find_slogans(report: Report, listed: SloganList) -> tuple[Slogan, ...]:
    """Every formula of the report, digits by pattern and words by the list, in reading order."""
    paragraphs = list(report.paragraphs())
    found: dict[str, tuple[str, list[tuple[int, int, Occurrence]]]] = {}
    for paragraph in paragraphs:
        for match in DIGIT_CODE.finditer(paragraph.source_text):
            found.setdefault(match.group(1), (FOUND_BY_PATTERN, []))
    for key, (_, places) in found.items():
        places.extend(_places(paragraphs, key, quoted_only=True))
    for entry in listed.slogans:
        if entry.phrase not in found:
            found[entry.phrase] = (FOUND_BY_LIST, list(_places(paragraphs, entry.phrase, quoted_only=False)))
    notes = {entry.phrase: entry.note for entry in listed.slogans}
    slogans = []
    for key, (found_by, places) in found.items():
        if not places:
            continue  # a listed phrase that is not there: check_slogans reports it
        note = notes.get(key, "")
        note_paragraph = next((p.id for p in paragraphs if note and note in p.source_text), "")
        slogans.append((min(places)[:2], Slogan(key, found_by, tuple(o for *_, o in sorted(places)),
                                                note, note_paragraph)))
    return tuple(slogan for _, slogan in sorted(slogans, key=lambda item: item[0]))


def unlisted(report: Report, listed: SloganList) -> tuple[Occurrence, ...]:
    """Quoted phrases with a number that are neither a digit code nor listed either way: what a
    curator still has to decide on. Empty when slogans.yaml is complete for the report."""
    known = {entry.phrase for entry in (*listed.slogans, *listed.not_slogans)}
    result = []
    for paragraph in report.paragraphs():
        text = paragraph.source_text
        codes = {match.group(1) for match in DIGIT_CODE.finditer(text)}
        for match in _QUOTED.finditer(text):
            phrase = match.group(1)
            if NUMBER.search(phrase) and phrase not in known and phrase not in codes:
                result.append(Occurrence(paragraph.id, _sentence_at(text, match.start()), match.group(),
                                         ""))
    return tuple(result)


def _places(paragraphs: Sequence[Paragraph], phrase: str, *, quoted_only: bool
            ) -> Iterator[tuple[int, int, Occurrence]]:
    """(paragraph index, offset, occurrence) for each place the phrase is written."""
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.source_text
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            quoted = text[start - 1:start] == "“" and text[end:end + 1] == "”"
            if quoted or not quoted_only:
                form = f"“{phrase}”" if quoted else phrase
                name = _name(text, end + 1) if quoted else ""
                at = start - 1 if quoted else start
                offset, sentence = _sentence_span(text, at)
                yield index, start, Occurrence(paragraph.id, sentence, form, name, start=at - offset,
                                               end=at - offset + len(form), sentence_start=offset)
            start = text.find(phrase, end)


def _name(text: str, start: int) -> str:
    """The words after a formula up to the first that ends a name (“141”基层智治体系建设 -> 基层智治体系)."""
    words = _WORDS.match(text, start)
    if not words:
        return ""
    run = words.group()
    for end in range(1, len(run) + 1):
        if run[:end].endswith(NAME_ENDINGS):
            return run[:end]
    return ""


def _sentence_at(text: str, offset: int) -> str:
    """The sentence of ``text`` that holds the character at ``offset``."""
    return _sentence_span(text, offset)[1]


def _sentence_span(text: str, offset: int) -> tuple[int, str]:
    """The sentence of ``text`` that holds the character at ``offset``, and where it starts."""
    position = 0
    for sentence in sentences(text):
        position = text.find(sentence, position)
        if position <= offset < position + len(sentence):
            return position, sentence
        position += len(sentence)
    return 0, text
