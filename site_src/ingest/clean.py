"""Cleaning the scraped text: encoding, errata, page furniture, mojibake, pinyin annotations,
lines broken mid-sentence, punctuation, script.

Every change is recorded with its source line, so the site can show what was done.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from site_src.errors import Location, Problem, SiteError
from site_src.ingest.encoding import decode
from site_src.ingest.errata import Erratum
from site_src.ingest.furniture import Line, find_furniture
from site_src.ingest.hostile import raw_text_problems
from site_src.model import Annotation, Count, Join, Removal, Repair
from site_src.variants.convert import make_converter

# A pinyin syllable with an optional tone mark; the scrape writes it after its character: 業(yè).
_VOWEL = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN = re.compile(rf"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[{_VOWEL}]+(?:ng|n|r)?")
ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff])\(([a-z{_VOWEL}]+)\s*\)")

CJK = r"\u3400-\u9fff\uf900-\ufaff"
# Chinese context: a CJK character or Chinese punctuation on the side that matters.
_CN_LEFT = rf"[{CJK}“”‘’《》、。！？：；，）]"
_CN_RIGHT = rf"[{CJK}“”‘’《》（]"
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}

# Mojibake: a "?" touching a non-ASCII character, the replacement character, or a stray tag.
MOJIBAKE = re.compile(r"[^\x00-\x7f]\?+|\?+[^\x00-\x7f]|\ufffd|</?[a-zA-Z][^<>]*>|/[a-z]+>")

SENTENCE_END = ("。", "！", "!", "？", "?", "”", "…")
_PART_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
# Where the report starts (after the page's head): its salutation or its first part heading.
_REPORT_START = re.compile(r"^(?:各位代表|[一二三四五六七八九十]+、)")
# A line the scrape broke off: the next one goes on with the sentence when it is a fragment (a
# subscript, a linked word: 2.5, 揭榜) or starts with the punctuation that closes the sentence.
_FRAGMENT_LENGTH = 4
_CONTINUES = tuple("）)”’】》；;，,。.、：:！!？?")
_BROKEN_OFF_NOT = (*SENTENCE_END, "：", ":", "；", ";")


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str


@dataclass(frozen=True)
class CleanText:
    """The cleaned report, one Simplified line per source paragraph, with what cleaning did."""

    source_file: str
    lines: tuple[SourceLine, ...]
    original_lines: tuple[SourceLine, ...]  # the same lines cleaned but in the source's own script
    sha256: str
    source_script: str
    annotations: tuple[Annotation, ...]
    annotations_removed: int
    punctuation_restored: tuple[Count, ...]
    furniture: tuple[Removal, ...]
    errata: tuple[Repair, ...]
    encoding: str = "utf-8"
    joins: tuple[Join, ...] = ()


def apply_errata(lines: list[SourceLine], errata: tuple[Erratum, ...],
                 problems: list[Problem]) -> tuple[list[SourceLine], list[Repair]]:
    """Replace each damaged span; an entry that matches nothing is stale and an error."""
    applied: list[Repair] = []
    result = list(lines)
    for erratum in errata:
        hits = 0
        for index, line in enumerate(result):
            if erratum.damaged in line.text:
                hits += line.text.count(erratum.damaged)
                applied.append(Repair(line.number, erratum.damaged, erratum.repaired, erratum.reason))
                result[index] = SourceLine(line.number,
                                           line.text.replace(erratum.damaged, erratum.repaired))
        if hits == 0:
            problems.append(Problem(erratum.location,
                                    f"erratum does not match the source: {erratum.damaged!r}"))
    return result, applied


def drop_blank_lines(lines: list[SourceLine]) -> list[SourceLine]:
    """Blank lines go (paragraphs are lines); the others lose the spaces around them (indents)."""
    return [SourceLine(line.number, line.text.strip()) for line in lines if line.text.strip()]


def drop_furniture(lines: list[SourceLine], raw: dict[int, str]) -> tuple[list[SourceLine], list[Removal]]:
    """The page around the report, by the rules in furniture.py; recorded as found in the source."""
    to_simplified = make_converter("tw2s")
    simplified = [Line(line.number, to_simplified(line.text), raw[line.number].strip()) for line in lines]
    start = next((i for i, line in enumerate(simplified) if _REPORT_START.match(line.text)), 0)
    headings = [i for i, line in enumerate(simplified) if _PART_HEADING.match(line.text) and i >= start]
    removed = find_furniture(simplified, start, headings[-1] if headings else start)
    gone = {removal.line for removal in removed}
    return [line for line in lines if line.number not in gone], removed


def rejoin_broken_lines(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Join]]:
    """Put back together a sentence the scrape broke over lines: （PM / 2.5 / ）浓度 -> （PM2.5）浓度."""
    groups: list[list[SourceLine]] = []
    for line in lines:
        if groups and _goes_on(groups[-1], line.text):
            groups[-1].append(line)
        else:
            groups.append([line])
    result, joins = [], []
    for group in groups:
        result.append(SourceLine(group[0].number, "".join(line.text for line in group)))
        if len(group) > 1:
            pieces = [line.text for line in group]
            pieces[0], pieces[-1] = pieces[0][-12:], pieces[-1][:12]
            joins.append(Join(tuple(line.number for line in group), tuple(pieces)))
    return result, joins


def _goes_on(group: list[SourceLine], text: str) -> bool:
    so_far = group[-1].text
    if (so_far.endswith(_BROKEN_OFF_NOT) or group[0].text.startswith("各位代表")
            or (len(group) == 1 and _PART_HEADING.match(so_far))):
        return False
    return (_is_fragment(text) or text.startswith(_CONTINUES)
            or (len(group) > 1 and _is_fragment(so_far)))


def _is_fragment(text: str) -> bool:
    return len(text) <= _FRAGMENT_LENGTH and not text.startswith("各位代表")


def check_ending(lines: list[SourceLine], source_file: str) -> list[Problem]:
    """A report ends on a sentence; text that stops short of one was cut off (a truncated file)."""
    if not lines or lines[-1].text.endswith(SENTENCE_END):
        return []
    last = lines[-1]
    if _PART_HEADING.match(last.text):
        message = f"the report ends at the heading {last.text!r} with nothing under it"
    else:
        unfinished = re.split(r"[。！？!?]", last.text)[-1][-20:]  # the sentence it cut
        message = f"the report breaks off mid-sentence: …{unfinished}"
    return [Problem(Location(source_file, last.number), f"{message}; the file looks cut short")]


def find_mojibake(lines: list[SourceLine], source_file: str,
                  errata_file: str = "errata.yaml") -> list[Problem]:
    """One problem per damaged span; hits a few characters apart are one span."""
    problems = []
    for line in lines:
        spans: list[list[int]] = []
        for match in MOJIBAKE.finditer(line.text):
            start = match.start() + (1 if match.group()[0] not in "?/<\ufffd" else 0)
            if spans and start - spans[-1][1] <= 8:
                spans[-1][1] = match.end()
            else:
                spans.append([start, match.end()])
        for start, end in spans:
            context = line.text[max(start - 4, 0): end + 4]
            problems.append(Problem(
                Location(source_file, line.number, start + 1),
                f"damaged text (mojibake) {line.text[start:end]!r} in …{context}…; "
                f"repair it with an entry in {errata_file}"))
    return problems


def remove_annotations(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Annotation], int]:
    """Remove pinyin annotations only: (下同), (国), (一) are not pinyin and stay."""
    result: list[SourceLine] = []
    records: list[Annotation] = []
    total = 0
    for line in lines:
        removed: list[str] = []

        def strip(match: re.Match[str], removed: list[str] = removed) -> str:
            if not PINYIN.fullmatch(match.group(1)):
                return match.group()
            removed.append(match.string[match.start() - 1] + match.group())
            return ""

        text = ANNOTATION.sub(strip, line.text)
        if removed:
            total += len(removed)
            records.append(Annotation(line.number, " ".join(removed)))
        result.append(SourceLine(line.number, text))
    return result, records, total


def restore_punctuation(lines: list[SourceLine]) -> tuple[list[SourceLine], tuple[Count, ...]]:
    """Give back the full-width forms the scrape folded to ASCII, in Chinese context only."""
    counts: Counter[str] = Counter()
    pattern = re.compile(r"[,:;!?()]")
    result = []
    for line in lines:
        text = line.text
        out = []
        for index, char in enumerate(text):
            if pattern.fullmatch(char) and _chinese_context(text, index):
                counts[FULL_WIDTH[char]] += 1
                out.append(FULL_WIDTH[char])
            else:
                out.append(char)
        result.append(SourceLine(line.number, "".join(out)))
    return result, tuple(Count(char, counts[char]) for char in sorted(counts))


def _chinese_context(text: str, index: int) -> bool:
    char = text[index]
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char == "(":
        # An opening bracket is Chinese when what it encloses is Chinese: (一), (下同), (国).
        return bool(re.match(_CN_RIGHT, after))
    if char == ")":
        close = text.rfind("(", 0, index)
        inner = text[close + 1:index] if close >= 0 else before
        return bool(re.search(rf"[{CJK}]", inner))
    # Separators: Chinese on at least one side, never between two digits (1,970).
    if before.isdigit() and after.isdigit():
        return False
    return bool(re.match(_CN_LEFT, before) or re.match(_CN_RIGHT, after) or (before == "%" and after))


def clean_source(raw: bytes, source_file: str, errata: tuple[Erratum, ...], *, strict: bool = True,
                 errata_file: str = "errata.yaml") -> CleanText:
    problems: list[Problem] = []
    decoded = decode(raw, source_file)
    lines = [SourceLine(number, line) for number, line in enumerate(decoded.text.split("\n"), start=1)]
    raw_lines = {line.number: line.text for line in lines}
    lines, errata_applied = apply_errata(lines, errata, problems)
    problems.extend(raw_text_problems(lines, source_file, errata_file))  # control characters, pins
    lines = drop_blank_lines(lines)
    annotated = {line.number: line for line in lines}
    lines, annotations, _ = remove_annotations(lines)
    lines, furniture = drop_furniture(lines, raw_lines)
    # Damage in the page around the report does not matter: only the kept lines are checked, as
    # they were before the annotations went (so columns are the source's).
    if strict:
        problems.extend(find_mojibake([annotated[line.number] for line in lines], source_file, errata_file))
    if not lines:
        problems.append(Problem(Location(source_file, 1), "the report is empty"))
    lines, joins = rejoin_broken_lines(lines)
    problems.extend(check_ending(lines, source_file))
    if problems:
        raise SiteError(problems)
    # Annotations in the furniture went with it; count only those removed from the report's text.
    kept = {line.number for line in lines} | {number for join in joins for number in join.lines}
    annotations = [record for record in annotations if record.line in kept]
    annotation_count = sum(record.removed.count("(") for record in annotations)
    lines, punctuation = restore_punctuation(lines)
    script = detect_script("".join(line.text for line in lines))
    to_simplified = make_converter("tw2s" if script == "Hant" else None)
    simplified = [SourceLine(line.number, to_simplified(line.text)) for line in lines]
    return CleanText(
        source_file=source_file,
        lines=tuple(simplified),
        original_lines=tuple(lines),
        sha256=hashlib.sha256(raw).hexdigest(),
        source_script=script,
        annotations=tuple(annotations),
        annotations_removed=annotation_count,
        punctuation_restored=punctuation,
        furniture=tuple(furniture),
        errata=tuple(errata_applied),
        encoding=decoded.encoding,
        joins=tuple(joins),
    )


def detect_script(text: str) -> str:
    """Hant when converting to Simplified changes a noticeable share of the characters."""
    to_simplified = make_converter("tw2s")
    cjk = [char for char in text if "\u4e00" <= char <= "\u9fff"]
    if not cjk:
        return "Hans"
    changed = sum(1 for a, b in zip(text, to_simplified(text), strict=False) if a != b)
    return "Hant" if changed / len(cjk) > 0.05 else "Hans"
