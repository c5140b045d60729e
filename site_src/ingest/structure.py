"""Finding the report's structure in cleaned Simplified lines.

The genre's shape: a title and a byline (when the page has them); the preamble (各位代表：…);
parts 一、二、… in sequence; in each part opening paragraphs ("——" highlights, the targets
paragraph), its areas, closing paragraphs, then unnumbered blocks each opened by a lone
各位代表！; the closing words; perhaps an appended glossary (名词解释).

Areas are numbered （一）…: a heading sentence that may run on into the area's first paragraph,
or a heading line of its own without a full stop; a part without those may number its areas as
一是…、二是… paragraphs. Review areas written one per line carry their topics inline
("先进制造业集群发展。构建…"); other areas put each topic in a paragraph of its own that opens with
a lead sentence.

What cannot be placed stays a plain paragraph where it is, and is noted as a doubt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_src.errors import Location, Problem, SiteError
from site_src.ingest.clean import SENTENCE_END, CleanText, SourceLine
from site_src.ingest.terms import TERMS_LINE, parse_terms
from site_src.model import (
    Block,
    Doubt,
    Paragraph,
    Part,
    Provenance,
    Report,
    Section,
    Source,
    Term,
    sentences,
)
from site_src.variants.convert import make_converter

NUMERAL = "一二三四五六七八九十"
PART_HEADING = re.compile(rf"^([{NUMERAL}]+)、([^。！？；]{{2,40}})$")
SECTION_HEADING = re.compile(rf"^（([{NUMERAL}]+)）([^。]+?)。(.*)$")
BARE_HEADING = re.compile(rf"^（([{NUMERAL}]+)）([^。！？；]{{2,40}})$")
SHI_LEAD = re.compile(rf"^([{NUMERAL}]+)是([^。]{{2,40}}?)。(.*)$")
TITLE_LINE = re.compile(r"^[^。，]*政府工作报告[^。，]*$")
TITLE_PREFIX = re.compile(r"^(?:((?:19|20)\d\d)年)?(.*)$")
DELIVERED = re.compile(r"^[（(]?—*\s*((?:19|20)\d\d)年\d{1,2}月\d{1,2}日在.{2,60}?(?:会议|大会)上[）)]?$")
# 海拉尔区人民政府区长 杜联合; the issuer is the office's government, when it is named.
SPEAKER = re.compile(r"^(\S{2,20}?)\s*(?:代理)?(?:区长|县长|市长|省长|州长|旗长|盟长|主席|总理)\s*\S.{0,10}$")
GOVERNMENT = re.compile(r"^\S+人民政府$|^国务院$")
# A salutation on a line of its own; a lone one after a part's areas opens a block.
SALUTATION = re.compile(r"^各位代表(?:[、，]各位(?:委员|同志))?[：！]$")
TARGETS = re.compile(r"主要预期目标(?:是|为)")
ISSUER = re.compile(r"版[权權]所有[:：]\s*(\S+人民政府)")
SPEAKS_FOR = re.compile(r"我代表(国务院)")
YEAR = re.compile(r"((?:19|20)\d\d)年工作安排")
ANY_YEAR = re.compile(r"((?:19|20)\d\d)年")
# Part ids by what the title says, first match wins; a part matching none (or a second part with
# the same word) is part-N. The five-year plan's part names its plan: “十四五”, “十五五”.
PART_IDS = (("review", re.compile(r"回顾")),
            ("outlook", re.compile(r"十[一二三四五六七八九]五|五年|规划")),
            ("plan", re.compile(r"安排|任务")))

# A review topic lead is a short clause naming an area's result: 有效投资持续扩大。
# It ends in one of the genre's verdict words, which tells it apart from short facts such as
# 投用企业之家。 that happen to stand alone.
REVIEW_LEAD_ENDINGS = (
    "发展", "扩大", "提质", "回暖", "共赢", "互通", "共享", "集聚", "成长", "优化", "提升", "实效",
    "推进", "明显", "有力", "增效", "平稳", "稳定", "规范", "高效", "严格", "加强", "改善", "完善",
    "见效", "向好", "增强", "提高", "巩固", "深化", "突破", "显著", "进展", "成效", "繁荣", "活跃",
)
_LEAD_FORBIDDEN = re.compile(r"[，、：；0-9%０-９]")
_SHI_TOPIC = re.compile(rf"^[{NUMERAL}]+是")
# A paragraph ends like this; one that does not may be a heading or furniture the importer missed.
_PARAGRAPH_END = (*SENTENCE_END, "：", "；", "）")


@dataclass(frozen=True)
class _Area:
    """An area's first line (its heading) with the lines that follow it."""

    heading: SourceLine
    number: str
    title: str
    rest: str
    form: str
    following: tuple[SourceLine, ...]


def numeral_value(numeral: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23."""
    digits = {char: value for value, char in enumerate(NUMERAL[:9], start=1)}
    if "十" not in numeral:
        return digits.get(numeral, 0) if len(numeral) == 1 else 0
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return 0
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)


def is_review_lead(sentence: str) -> bool:
    body = sentence.removesuffix("。")
    return (sentence.endswith("。") and 6 <= len(body) <= 16
            and not _LEAD_FORBIDDEN.search(body) and "“" not in body
            and body.endswith(REVIEW_LEAD_ENDINGS))


def is_plan_lead(sentence: str) -> bool:
    body = sentence.removesuffix("。")
    return sentence.endswith("。") and 2 <= len(body) <= 20 and not _LEAD_FORBIDDEN.search(body)


def is_enumerated_lead(sentence: str) -> bool:
    """一是准确把握政策，找准投资方向。: the numbered topic of a paragraph inside an area."""
    return sentence.endswith("。") and bool(_SHI_TOPIC.match(sentence)) and len(sentence) <= 30


def parse_structure(clean: CleanText) -> Report:
    lines = list(clean.lines)
    doubts: list[Doubt] = []
    part_starts = _part_starts(lines, doubts)
    if not part_starts:
        text = _front_matter(lines, [])[1] or lines  # the report's first line, under its title
        raise SiteError([Problem(Location(clean.source_file, text[0].number if text else 1),
                                 "no parts found: expected numbered part headings such as 一、…工作回顾")])

    front, preamble_lines = _front_matter(lines[: part_starts[0]], doubts)
    preamble = tuple(_plain_paragraphs(preamble_lines, "preamble"))
    body_end = len(lines)
    terms: tuple[Term, ...] = ()
    glossary = next((i for i in range(part_starts[-1] + 1, len(lines))
                     if TERMS_LINE.match(lines[i].text)), None)
    if glossary is not None:
        parsed = parse_terms(lines[glossary], lines[glossary + 1:], doubts)
        if parsed is not None:
            terms, body_end = parsed, glossary

    parts: list[Part] = []
    closing: tuple[Paragraph, ...] = ()
    used_ids: set[str] = set()
    for index, start in enumerate(part_starts):
        end = part_starts[index + 1] if index + 1 < len(part_starts) else body_end
        is_last = index + 1 == len(part_starts)
        part, tail = _parse_part(lines[start], lines[start + 1: end], index, is_last, used_ids, doubts)
        parts.append(part)
        if tail:
            closing = tuple(_plain_paragraphs(tail, "closing"))
    paragraphs = [*preamble, *(p for part in parts for p in part.paragraphs()), *closing]
    doubts.extend(_unfinished_paragraphs(paragraphs, lines, {doubt.line for doubt in doubts}))
    return Report(title=front.title, issuer=_issuer(clean, front, preamble_lines),
                  year=_year(parts, front), preamble=preamble, parts=tuple(parts), closing=closing,
                  provenance=_provenance(clean, tuple(sorted(doubts, key=lambda d: d.line))),
                  byline=front.byline, terms=terms)


def _provenance(clean: CleanText, doubts: tuple[Doubt, ...]) -> Provenance:
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
    )


def _part_starts(lines: list[SourceLine], doubts: list[Doubt]) -> list[int]:
    """Part headings in sequence (一、 then 二、 …); one out of sequence is kept as a paragraph."""
    starts: list[int] = []
    for index, line in enumerate(lines):
        match = PART_HEADING.match(line.text)
        if not match:
            continue
        if numeral_value(match.group(1)) == len(starts) + 1:
            starts.append(index)
        elif starts:
            doubts.append(Doubt(line.number, line.text, "looks like a part heading, but part "
                                f"{_numeral(len(starts) + 1)}、 was expected: kept as a paragraph"))
    return starts


@dataclass(frozen=True)
class _Front:
    title: str
    title_year: int
    title_issuer: str
    byline: tuple[str, ...]


def _front_matter(lines: list[SourceLine], doubts: list[Doubt]) -> tuple[_Front, list[SourceLine]]:
    """Title and byline above the salutation; every other line stays in the preamble."""
    salutation = next((i for i, line in enumerate(lines) if line.text.startswith("各位代表")), len(lines))
    title, title_year, title_issuer = "政府工作报告", 0, ""
    byline: list[str] = []
    preamble: list[SourceLine] = []
    for index, line in enumerate(lines):
        compact = re.sub(r"\s+", "", line.text)
        if index < salutation and index == 0 and TITLE_LINE.match(compact):
            title, title_year, title_issuer = _title(compact)
        elif index < salutation and (DELIVERED.match(line.text) or SPEAKER.match(line.text)):
            byline.append(re.sub(r"\s+", " ", line.text))
        else:
            if index < salutation:
                doubts.append(Doubt(line.number, line.text, "before the salutation (各位代表：), but "
                                    "neither a title nor a byline: kept as a paragraph of the preamble"))
            preamble.append(line)
    return _Front(title, title_year, title_issuer, tuple(byline)), preamble


def _title(compact: str) -> tuple[str, int, str]:
    """2026年四川省人民政府工作报告 -> (政府工作报告, 2026, 四川省人民政府); others stay whole."""
    year, prefix = TITLE_PREFIX.match(compact.removesuffix("政府工作报告")).groups()  # type: ignore[union-attr]
    if not compact.endswith("政府工作报告") or (prefix and not prefix.endswith("人民")):
        return compact, 0, ""
    return "政府工作报告", int(year or 0), f"{prefix}政府" if prefix else ""


def _issuer(clean: CleanText, front: _Front, preamble: list[SourceLine]) -> str:
    to_simplified = make_converter("tw2s")
    for removal in clean.furniture:  # a site's imprint: 版权所有：重庆市荣昌区人民政府
        match = ISSUER.search(removal.text)
        if match:
            return to_simplified(match.group(1))
    for line in front.byline:  # 海拉尔区人民政府区长 杜联合
        match = SPEAKER.match(line)
        if match and GOVERNMENT.match(match.group(1)):
            return match.group(1)
    if front.title_issuer:
        return front.title_issuer
    for line in preamble:  # 现在，我代表国务院，向大会报告政府工作
        match = SPEAKS_FOR.search(line.text)
        if match:
            return match.group(1)
    return ""


def _year(parts: list[Part], front: _Front) -> int:
    """The year the report plans for: its 工作安排 part, else the latest year a part names."""
    for part in parts:
        match = YEAR.search(part.title)
        if match:
            return int(match.group(1))
    years = [int(year) for part in parts for year in ANY_YEAR.findall(part.title)]
    if years:
        return max(years)
    delivered = [int(match.group(1)) for line in front.byline for match in [DELIVERED.match(line)] if match]
    return delivered[0] if delivered else front.title_year


def _part_id(title: str, index: int, used: set[str]) -> str:
    name = next((name for name, words in PART_IDS if words.search(title)), "")
    if not name or name in used:
        name = f"part-{index + 1}"
    used.add(name)
    return name


def _numeral(value: int) -> str:
    if value <= 10:
        return NUMERAL[value - 1]
    tens, units = divmod(value, 10)
    return (NUMERAL[tens - 1] if tens > 1 else "") + "十" + (NUMERAL[units - 1] if units else "")


def _kind(text: str) -> str:
    if text.startswith("——"):
        return "highlight"
    if TARGETS.search(text):
        return "targets"
    if SALUTATION.match(text):
        return "salutation"
    return "text"


def _plain_paragraphs(lines: list[SourceLine] | tuple[SourceLine, ...], prefix: str) -> list[Paragraph]:
    return [Paragraph(id=f"{prefix}-{n}", text=line.text, kind=_kind(line.text))
            for n, line in enumerate(lines, start=1)]


def _find_areas(body: list[SourceLine], doubts: list[Doubt]) -> list[tuple[int, str, str, str, str]]:
    """The part's areas: (index, number, title, rest, form), numbered in sequence from 一.

    （一）… headings first; only a part without them numbers its areas 一是…, and then at least
    two. A bracketed heading out of sequence stays a paragraph, noted as a doubt.
    """
    areas: list[tuple[int, str, str, str, str]] = []
    for index, line in enumerate(body):
        sentence, bare = SECTION_HEADING.match(line.text), BARE_HEADING.match(line.text)
        match = sentence or bare
        if not match:
            continue
        if numeral_value(match.group(1)) == len(areas) + 1:
            rest = sentence.group(3) if sentence else ""
            areas.append((index, match.group(1), match.group(2), rest, "bracket" if sentence else "bare"))
        else:
            doubts.append(Doubt(line.number, line.text, "looks like an area heading, but "
                                f"（{_numeral(len(areas) + 1)}） was expected: kept as a paragraph"))
    if areas:
        return areas
    for index, line in enumerate(body):
        match = SHI_LEAD.match(line.text)
        if match and numeral_value(match.group(1)) == len(areas) + 1:
            areas.append((index, match.group(1), match.group(2), match.group(3), "shi"))
    return areas if len(areas) >= 2 else []


def _parse_part(heading: SourceLine, body: list[SourceLine], index: int, is_last: bool,
                used_ids: set[str], doubts: list[Doubt]) -> tuple[Part, list[SourceLine]]:
    """One part; returns it and, for the last part, the report's closing lines."""
    number, title = PART_HEADING.match(heading.text).groups()  # type: ignore[union-attr]
    part_id = _part_id(title, index, used_ids)
    found = _find_areas(body, doubts)
    if not found:
        # No areas: the opening runs to the first lone 各位代表！ (or, in the last part, to the
        # closing words).
        cut = next((i for i, line in enumerate(body) if SALUTATION.match(line.text)
                    or (is_last and line.text.startswith("各位代表"))), len(body))
        part_closing, blocks, tail = _distribute(body[cut:], is_last)
        return Part(part_id, number, title, tuple(_plain_paragraphs(body[:cut], part_id)), (),
                    tuple(_plain_paragraphs(part_closing, f"{part_id}-end")),
                    _blocks(part_id, blocks)), tail

    areas = []
    for n, (start, number_, area_title, rest, form) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(body)
        areas.append(_Area(body[start], number_, area_title, rest, form, tuple(body[start + 1: end])))

    # Areas written one per line (review style) end at their line, so what follows the last one
    # is the part's; otherwise the last area runs to the first 各位代表 line.
    inline = len(areas) > 1 and all(not area.following for area in areas[:-1])
    last = areas[-1]
    if inline:
        after = list(last.following)
        areas[-1] = _Area(last.heading, last.number, last.title, last.rest, last.form, ())
    else:
        cut = next((i for i, line in enumerate(last.following) if line.text.startswith("各位代表")),
                   len(last.following))
        after = list(last.following[cut:])
        areas[-1] = _Area(last.heading, last.number, last.title, last.rest, last.form, last.following[:cut])
    part_closing, blocks, tail = _distribute(after, is_last)

    sections = tuple(_section(part_id, n, area, inline) for n, area in enumerate(areas, start=1))
    opening = _plain_paragraphs(body[: found[0][0]], f"{part_id}-intro")
    closing = _plain_paragraphs(part_closing, f"{part_id}-end")
    return Part(part_id, number, title, tuple(opening), sections, tuple(closing),
                _blocks(part_id, blocks)), tail


def _distribute(after: list[SourceLine], is_last: bool
                ) -> tuple[list[SourceLine], list[list[SourceLine]], list[SourceLine]]:
    """What follows a part's areas: its closing paragraphs, its blocks, the report's closing.

    A lone 各位代表！ opens a block. In the last part the last block is the report's closing;
    without blocks, the closing starts at the first line that opens with 各位代表.
    """
    lone = [i for i, line in enumerate(after) if SALUTATION.match(line.text)]
    head = after[: lone[0]] if lone else after
    blocks = [after[a:b] for a, b in zip(lone, [*lone[1:], len(after)], strict=False)] if lone else []
    if not is_last:
        return head, blocks, []
    if blocks:
        return head, blocks[:-1], blocks[-1]
    cut = next((i for i, line in enumerate(head) if line.text.startswith("各位代表")), len(head))
    return head[:cut], [], head[cut:]


def _blocks(part_id: str, blocks: list[list[SourceLine]]) -> tuple[Block, ...]:
    return tuple(Block(f"{part_id}-block-{n}", tuple(_plain_paragraphs(lines, f"{part_id}-block-{n}")))
                 for n, lines in enumerate(blocks, start=1))


def _section(part_id: str, n: int, area: _Area, inline: bool) -> Section:
    section_id = f"{part_id}-{n:02d}"
    paragraphs: list[Paragraph] = []

    def add(text: str, lead: str = "") -> None:
        paragraphs.append(Paragraph(id=f"{section_id}-{len(paragraphs) + 1}", text=text, lead=lead))

    if inline and area.form == "bracket":
        lead, body = "", ""
        for sentence in sentences(area.rest):
            if is_review_lead(sentence):
                if lead or body:
                    add(body, lead)
                lead, body = sentence, ""
            else:
                body += sentence
        if lead or body:
            add(body, lead)
    else:
        if area.rest:
            add(area.rest)
        for line in area.following:
            first = sentences(line.text)[0]
            # An area heading out of sequence stays the plain paragraph it was noted as.
            heading = SECTION_HEADING.match(line.text) or BARE_HEADING.match(line.text)
            if (not heading and (is_plan_lead(first) or is_enumerated_lead(first))
                    and len(first) < len(line.text)):
                add(line.text[len(first):], first)
            else:
                add(line.text)
    return Section(section_id, area.number, area.title, tuple(paragraphs), area.form)


def _unfinished_paragraphs(paragraphs: list[Paragraph], lines: list[SourceLine],
                           noted: set[int]) -> list[Doubt]:
    """Paragraphs that do not end a sentence: perhaps a heading or furniture the rules missed."""
    doubts = []
    for paragraph in paragraphs:
        text = paragraph.source_text
        if text and not text.endswith(_PARAGRAPH_END):
            line = next((line.number for line in lines if line.text.endswith(text)), lines[0].number)
            if line not in noted:  # one doubt a line: the first says most
                doubts.append(Doubt(line, text, "kept as a paragraph, but it does not end a sentence: "
                                    "a heading the importer does not know, or page furniture?"))
    return doubts
