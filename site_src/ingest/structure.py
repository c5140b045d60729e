"""Finding the report's structure in cleaned Simplified lines.

The genre's shape: preamble; parts 一、二、…; in each part opening paragraphs ("——" highlights,
the targets paragraph), numbered sections （一）…（十） and closing paragraphs; the closing words.
Review areas carry their topics inline in one paragraph ("先进制造业集群发展。构建…"); plan tasks
put each topic in a paragraph of its own that opens with a lead sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_src.convert import make_converter
from site_src.errors import Location, Problem, SiteError
from site_src.ingest.clean import CleanText, SourceLine
from site_src.model import Paragraph, Part, Provenance, Report, Section

NUMERAL = "一二三四五六七八九十"
PART_HEADING = re.compile(rf"^([{NUMERAL}]+)、([^。，]{{2,30}})$")
SECTION_HEADING = re.compile(rf"^（([{NUMERAL}]+)）([^。]+?)。(.*)$")
TITLE_LINE = re.compile(r"^[^。，]*政府工作报告[^。，]*$")
SALUTATION = re.compile(r"^各位代表[：！]$")
TARGETS = re.compile(r"主要预期目标(?:是|为)")
ISSUER = re.compile(r"版[权權]所有[:：]\s*(\S+人民政府)")
YEAR = re.compile(r"((?:19|20)\d\d)年工作安排")

# A review topic lead is a short clause naming an area's result: 有效投资持续扩大。
# It ends in one of the genre's verdict words, which tells it apart from short facts such as
# 投用企业之家。 that happen to stand alone.
REVIEW_LEAD_ENDINGS = (
    "发展", "扩大", "提质", "回暖", "共赢", "互通", "共享", "集聚", "成长", "优化", "提升", "实效",
    "推进", "明显", "有力", "增效", "平稳", "稳定", "规范", "高效", "严格", "加强", "改善", "完善",
    "见效", "向好", "增强", "提高", "巩固", "深化", "突破", "显著", "进展", "成效", "繁荣", "活跃",
)
_LEAD_FORBIDDEN = re.compile(r"[，、：；0-9%０-９]")


@dataclass(frozen=True)
class _Block:
    """A section heading line with the lines that follow it."""

    heading: SourceLine
    number: str
    title: str
    rest: str
    following: tuple[SourceLine, ...]


def split_sentences(text: str) -> list[str]:
    """Sentences ending in 。！？ (a closing quote stays with its sentence)."""
    return [s for s in re.findall(r".*?[。！？][”’]?|.+$", text) if s]


def is_review_lead(sentence: str) -> bool:
    body = sentence.removesuffix("。")
    return (sentence.endswith("。") and 6 <= len(body) <= 16
            and not _LEAD_FORBIDDEN.search(body) and "“" not in body
            and body.endswith(REVIEW_LEAD_ENDINGS))


def is_plan_lead(sentence: str) -> bool:
    body = sentence.removesuffix("。")
    return sentence.endswith("。") and 2 <= len(body) <= 20 and not _LEAD_FORBIDDEN.search(body)


def parse_structure(clean: CleanText) -> Report:
    lines = list(clean.lines)
    problems: list[Problem] = []
    title = "政府工作报告"
    if lines and TITLE_LINE.match(lines[0].text):
        title = re.sub(r"\s+", "", lines.pop(0).text)

    part_starts = [i for i, line in enumerate(lines) if PART_HEADING.match(line.text)]
    if not part_starts:
        raise SiteError([Problem(Location(clean.source_file, lines[0].number if lines else 1),
                                 "no parts found: expected headings such as 一、2023年工作回顾")])

    preamble = tuple(_plain_paragraphs(lines[: part_starts[0]], "preamble"))
    parts: list[Part] = []
    closing: tuple[Paragraph, ...] = ()
    used_ids: set[str] = set()
    for index, start in enumerate(part_starts):
        end = part_starts[index + 1] if index + 1 < len(part_starts) else len(lines)
        is_last = index + 1 == len(part_starts)
        part, tail = _parse_part(lines[start], lines[start + 1: end], index, is_last, used_ids)
        parts.append(part)
        if tail:
            closing = tuple(_plain_paragraphs(tail, "closing"))
    if problems:
        raise SiteError(problems)

    year = _year(parts)
    to_simplified = make_converter("tw2s")
    issuer = ""
    for removal in clean.furniture:
        match = ISSUER.search(removal.text)
        if match:
            issuer = to_simplified(match.group(1))
    provenance = Provenance(
        source_file=clean.source_file,
        source_sha256=clean.sha256,
        source_script=clean.source_script,
        converter="tw2s" if clean.source_script == "Hant" else "none",
        annotations_removed=clean.annotations_removed,
        punctuation_restored=clean.punctuation_restored,
        furniture=clean.furniture,
        errata=clean.errata,
        annotations=clean.annotations,
    )
    return Report(title=title, issuer=issuer, year=year, preamble=preamble, parts=tuple(parts),
                  closing=closing, provenance=provenance)


def _year(parts: list[Part]) -> int:
    for part in parts:
        match = YEAR.search(part.title)
        if match:
            return int(match.group(1))
    return 0


def _part_id(title: str, index: int, used: set[str]) -> str:
    if "回顾" in title and "review" not in used:
        name = "review"
    elif "安排" in title and "plan" not in used:
        name = "plan"
    else:
        name = f"part-{index + 1}"
    used.add(name)
    return name


def _kind(text: str) -> str:
    if text.startswith("——"):
        return "highlight"
    if TARGETS.search(text):
        return "targets"
    if SALUTATION.match(text):
        return "salutation"
    return "text"


def _plain_paragraphs(lines: list[SourceLine], prefix: str) -> list[Paragraph]:
    return [Paragraph(id=f"{prefix}-{n}", text=line.text, kind=_kind(line.text))
            for n, line in enumerate(lines, start=1)]


def _parse_part(heading: SourceLine, body: list[SourceLine], index: int, is_last: bool,
                used_ids: set[str]) -> tuple[Part, list[SourceLine]]:
    """One part; returns it and, for the last part, the report's closing lines."""
    number, title = PART_HEADING.match(heading.text).groups()  # type: ignore[union-attr]
    part_id = _part_id(title, index, used_ids)
    starts = [i for i, line in enumerate(body) if SECTION_HEADING.match(line.text)]
    if not starts:
        opening, tail = _split_closing(body, is_last)
        return Part(part_id, number, title, tuple(_plain_paragraphs(opening, part_id)), (), ()), tail

    blocks = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(body)
        match = SECTION_HEADING.match(body[start].text)
        number_, section_title, rest = match.groups()  # type: ignore[union-attr]
        blocks.append(_Block(body[start], number_, section_title, rest, tuple(body[start + 1: end])))

    # Review-style parts hold each area in one line, so what follows the last area is the
    # part's closing; in plan-style parts it is the last task's own paragraphs.
    inline = len(blocks) > 1 and all(not block.following for block in blocks[:-1])
    last = blocks[-1]
    after = list(last.following)
    if inline:
        blocks[-1] = _Block(last.heading, last.number, last.title, last.rest, ())
    own, tail = _split_closing(after if not inline else [], is_last)
    if not inline:
        blocks[-1] = _Block(last.heading, last.number, last.title, last.rest, tuple(own))
        part_closing: list[SourceLine] = []
    else:
        part_closing, tail = _split_closing(after, is_last)

    sections = tuple(_section(part_id, n, block, inline) for n, block in enumerate(blocks, start=1))
    opening = _plain_paragraphs(body[: starts[0]], f"{part_id}-intro")
    closing = _plain_paragraphs(part_closing, f"{part_id}-end")
    return Part(part_id, number, title, tuple(opening), sections, tuple(closing)), tail


def _split_closing(lines: list[SourceLine], is_last: bool) -> tuple[list[SourceLine], list[SourceLine]]:
    """In the last part, the report's closing starts at the first 各位代表！ line."""
    if is_last:
        for i, line in enumerate(lines):
            if line.text.startswith("各位代表"):
                return lines[:i], lines[i:]
    return lines, []


def _section(part_id: str, n: int, block: _Block, inline: bool) -> Section:
    section_id = f"{part_id}-{n:02d}"
    paragraphs: list[Paragraph] = []

    def add(text: str, lead: str = "") -> None:
        paragraphs.append(Paragraph(id=f"{section_id}-{len(paragraphs) + 1}", text=text, lead=lead))

    if inline:
        lead, body = "", ""
        for sentence in split_sentences(block.rest):
            if is_review_lead(sentence):
                if lead or body:
                    add(body, lead)
                lead, body = sentence, ""
            else:
                body += sentence
        if lead or body:
            add(body, lead)
    else:
        if block.rest:
            add(block.rest)
        for line in block.following:
            first = split_sentences(line.text)[0]
            if is_plan_lead(first) and len(first) < len(line.text):
                add(line.text[len(first):], first)
            else:
                add(line.text)
    return Section(section_id, block.number, block.title, tuple(paragraphs))
