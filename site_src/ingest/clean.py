"""Cleaning the scraped text: errata, page furniture, mojibake, pinyin annotations, punctuation.

Every change is recorded with its source line, so the site can show what was done.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from site_src.convert import make_converter
from site_src.errors import Location, Problem, SiteError
from site_src.model import Count, Removal

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
# Page furniture (link lists, imprint) has no clause punctuation; a short line with some is the
# report's own text, cut short.
_CLAUSE_MARK = re.compile(r"[，,。！!？?；;]")
_PART_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass(frozen=True)
class Erratum:
    """A curated repair of a damaged span: the damaged text, its repair, and why."""

    damaged: str
    repaired: str
    reason: str
    location: Location


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
    annotations: tuple[Removal, ...]
    annotations_removed: int
    punctuation_restored: tuple[Count, ...]
    furniture: tuple[Removal, ...]
    errata: tuple[Removal, ...]


def decode(raw: bytes, source_file: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            message = "the file is UTF-16, not UTF-8: save it as UTF-8"
        elif error.end == len(raw) and error.reason == "unexpected end of data":
            message = "the file ends in the middle of a character: it looks cut short"
        else:
            message = "the file is not valid UTF-8"
        raise SiteError([Problem(Location(source_file, line), message)]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def apply_errata(lines: list[SourceLine], errata: tuple[Erratum, ...],
                 problems: list[Problem]) -> tuple[list[SourceLine], list[Removal]]:
    """Replace each damaged span; an entry that matches nothing is stale and an error."""
    applied: list[Removal] = []
    result = list(lines)
    for erratum in errata:
        hits = 0
        for index, line in enumerate(result):
            if erratum.damaged in line.text:
                hits += line.text.count(erratum.damaged)
                applied.append(Removal(line.number, erratum.damaged, erratum.reason, erratum.repaired))
                result[index] = SourceLine(line.number,
                                           line.text.replace(erratum.damaged, erratum.repaired))
        if hits == 0:
            problems.append(Problem(erratum.location,
                                    f"erratum does not match the source: {erratum.damaged!r}"))
    return result, applied


def drop_stray_lines(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Removal]]:
    """Drop blank lines and the lone "?" lines the scrape left around the text."""
    kept: list[SourceLine] = []
    dropped: list[Removal] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if set(text) <= {"?", "？"}:
            dropped.append(Removal(line.number, line.text, "孤立的问号行（网页残留）"))
            continue
        kept.append(SourceLine(line.number, text))
    return kept, dropped


def drop_footer(lines: list[SourceLine], raw: dict[int, str]) -> tuple[list[SourceLine], list[Removal]]:
    """The site footer: the short lines after the report's last sentence (link lists, imprint).

    A report ends on a sentence (。！); short lines after the last one with no clause punctuation
    and no part heading are the page around it. They are recorded as found in the source (``raw``).
    """
    end = len(lines)
    while end > 0 and _is_furniture(lines[end - 1].text):
        end -= 1
    if end == 0:
        return lines, []
    dropped = [Removal(line.number, raw[line.number], "网站页脚（链接与版权信息）") for line in lines[end:]]
    return lines[:end], dropped


def _is_furniture(text: str) -> bool:
    return (not text.endswith(SENTENCE_END) and len(text) <= 40
            and not _CLAUSE_MARK.search(text) and not _PART_HEADING.match(text))


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


def find_mojibake(lines: list[SourceLine], source_file: str) -> list[Problem]:
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
                "repair it with an entry in content/errata.yaml"))
    return problems


def remove_annotations(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Removal], int]:
    """Remove pinyin annotations only: (下同), (国), (一) are not pinyin and stay."""
    result: list[SourceLine] = []
    records: list[Removal] = []
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
            records.append(Removal(line.number, " ".join(removed), "pinyin annotation"))
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


def clean_source(raw: bytes, source_file: str, errata: tuple[Erratum, ...]) -> CleanText:
    problems: list[Problem] = []
    text = decode(raw, source_file)
    lines = [SourceLine(number, line) for number, line in enumerate(text.split("\n"), start=1)]
    raw_lines = {line.number: line.text for line in lines}
    lines, errata_applied = apply_errata(lines, errata, problems)
    lines, stray = drop_stray_lines(lines)
    problems.extend(find_mojibake(lines, source_file))
    if not lines:
        problems.append(Problem(Location(source_file, 1), "the report is empty"))
    lines, annotations, annotation_count = remove_annotations(lines)
    lines, footer = drop_footer(lines, raw_lines)
    problems.extend(check_ending(lines, source_file))
    if problems:
        raise SiteError(problems)
    furniture = sorted(stray + footer, key=lambda removal: removal.line)
    # Annotations in the footer went with it; count only those removed from the report's text.
    kept = {line.number for line in lines}
    annotations = [record for record in annotations if record.line in kept]
    annotation_count = sum(record.text.count("(") for record in annotations)
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
    )


def detect_script(text: str) -> str:
    """Hant when converting to Simplified changes a noticeable share of the characters."""
    to_simplified = make_converter("tw2s")
    cjk = [char for char in text if "\u4e00" <= char <= "\u9fff"]
    if not cjk:
        return "Hans"
    changed = sum(1 for a, b in zip(text, to_simplified(text), strict=False) if a != b)
    return "Hant" if changed / len(cjk) > 0.05 else "Hans"
