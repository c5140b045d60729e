"""A part's areas: the numbered divisions whose number opens a heading, and their text.

The forms are ``AREA_FORMS``, one entry each: the heading sentence that may run on into the
area's text, and the heading line of its own without a full stop. Bracketed numbers （一） make a
part's areas wherever a part has them; otherwise 一是… or 第一，… do, when at least two follow
each other from 一. A number that starts again at 一 starts another series in the same part.

Numbered points inside one paragraph (…一是…，二是…) are no areas: only a line's opening counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from site_src.ingest.clean import SourceLine
from site_src.model import Doubt, Paragraph, Section, sentences
from site_src.words import NUMERAL, Words

_HEADING_STOPS = "。！？；："  # a heading line of its own holds none of them


@dataclass(frozen=True)
class AreaForm:
    name: str  # the family of numbers: bracket （一）, shi 一是, di 第一，
    reason: str
    sentence: re.Pattern[str]  # the heading sentence (number, title) and the text that runs on
    line: re.Pattern[str]  # a heading line without a full stop (number, title)
    bare_form: str  # the section form such a line gets
    at_least: int  # the headings in sequence a series of this form needs


AREA_FORMS: tuple[AreaForm, ...] = (
    AreaForm("bracket", "（一）…：括号数字的标题句（后面可接正文），或不带句号的标题行",
             re.compile(rf"^（([{NUMERAL}]+)）([^。]+?)。(.*)$"),
             re.compile(rf"^（([{NUMERAL}]+)）([^{_HEADING_STOPS}]{{2,80}})$"), "bare", 1),
    AreaForm("shi", "一是…：没有括号数字的部分里，连续的“一是、二是……”开头的标题",
             re.compile(rf"^([{NUMERAL}]+)是([^。]{{2,60}}?)。(.*)$"),
             re.compile(rf"^([{NUMERAL}]+)是([^{_HEADING_STOPS}]{{2,60}})$"), "shi", 2),
    AreaForm("di", "第一，…：没有括号数字的部分里，连续的“第一，第二，……”开头的标题",
             re.compile(rf"^第([{NUMERAL}]+)，([^。]{{2,60}}?)。(.*)$"),
             re.compile(rf"^第([{NUMERAL}]+)，([^{_HEADING_STOPS}]{{2,60}})$"), "di", 2),
)

# A topic lead of a review area is a short clause naming a result: 有效投资持续扩大。 It ends in
# one of the genre's verdict words (importer.yaml: review_lead_endings), which tells it apart from
# short facts such as 投用企业之家。
_LEAD_FORBIDDEN = re.compile(r"[，、：；0-9%０-９]")
_SHI_TOPIC = re.compile(rf"^[{NUMERAL}]+是")


@dataclass(frozen=True)
class Area:
    """An area's heading line, found: where it is, its number and title, the text after it."""

    index: int  # of the heading line in the part's body
    number: str
    title: str
    rest: str  # the text that runs on after the heading sentence
    form: str  # the section form
    alone: bool  # the heading stands on its line alone
    stop: str


def numeral_value(numeral: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23."""
    digits = {char: value for value, char in enumerate(NUMERAL[:9], start=1)}
    if "十" not in numeral:
        return digits.get(numeral, 0) if len(numeral) == 1 else 0
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return 0
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)


def numeral(value: int) -> str:
    if value <= 10:
        return NUMERAL[value - 1]
    tens, units = divmod(value, 10)
    return (NUMERAL[tens - 1] if tens > 1 else "") + "十" + (NUMERAL[units - 1] if units else "")


def is_review_lead(sentence: str, words: Words) -> bool:
    body = sentence.removesuffix("。")
    return (sentence.endswith("。") and 6 <= len(body) <= 16
            and not _LEAD_FORBIDDEN.search(body) and "“" not in body
            and body.endswith(words.data.review_lead_endings))


def is_plan_lead(sentence: str) -> bool:
    body = sentence.removesuffix("。")
    return sentence.endswith("。") and 2 <= len(body) <= 20 and not _LEAD_FORBIDDEN.search(body)


def is_enumerated_lead(sentence: str) -> bool:
    """一是准确把握政策，找准投资方向。: the numbered topic of a paragraph inside an area."""
    return sentence.endswith("。") and bool(_SHI_TOPIC.match(sentence)) and len(sentence) <= 30


def match_heading(text: str, form: AreaForm) -> Area | None:
    """The line as a heading of this form (index 0), or None."""
    sentence = form.sentence.match(text)
    if sentence:
        rest = sentence.group(3)
        return Area(0, sentence.group(1), sentence.group(2), rest, form.name, not rest, "。")
    line = form.line.match(text)
    if line:
        return Area(0, line.group(1), line.group(2), "", form.bare_form, True, "")
    return None


def _series(body: list[SourceLine], form: AreaForm) -> tuple[list[Area], list[tuple[SourceLine, int]]]:
    """The headings of one form in sequence (a new series at each 一), and those out of sequence
    with the number that was expected."""
    found: list[Area] = []
    wrong: list[tuple[SourceLine, int]] = []
    expected = 1
    for index, line in enumerate(body):
        area = match_heading(line.text, form)
        if area is None:
            continue
        value = numeral_value(area.number)
        if value == expected or (value == 1 and found):
            found.append(Area(index, area.number, area.title, area.rest, area.form, area.alone, area.stop))
            expected = value + 1
        elif found or form.at_least == 1:
            wrong.append((line, expected))
    return found, wrong


def find_areas(body: list[SourceLine], doubts: list[Doubt],
               forms: tuple[AreaForm, ...] = AREA_FORMS) -> tuple[list[Area], str]:
    """The part's areas, and the name of the form that numbers them ('' for none).

    The first form (brackets) wins wherever it has a series; otherwise the form of the series
    that starts first. Headings of the chosen form out of sequence stay paragraphs, noted.
    """
    candidates = []
    for form in forms:
        found, wrong = _series(body, form)
        if len(found) >= form.at_least and found:
            candidates.append((form, found, wrong))
            if form is forms[0]:
                break
    if not candidates:
        return [], ""
    form, found, wrong = min(candidates, key=lambda item: (item[0] is not forms[0], item[1][0].index))
    mark = {"bracket": "（{}）", "shi": "{}是", "di": "第{}，"}.get(form.name, "{}")
    doubts.extend(Doubt(line.number, line.text, "looks like an area heading, but "
                        f"{mark.format(numeral(expected))} was expected: kept as a paragraph")
                  for line, expected in wrong)
    return found, form.name


def make_section(section_id: str, area: Area, heading: SourceLine, following: list[SourceLine],
                 inline: bool, kind_of: Callable[[SourceLine], str], words: Words) -> Section:
    """One area as a section: its heading, its text split into paragraphs with their leads.

    Review areas written one per line (``inline``) carry their topics inline (（一）….先进制造业集群
    发展。构建…): when the text after the heading opens with such a lead, it is split at each.
    Other areas put each topic in a paragraph of its own that opens with a lead sentence.
    ``kind_of`` gives a paragraph's kind from its line.
    """
    paragraphs: list[Paragraph] = []

    def add(text: str, lead: str = "", kind: str = "text") -> None:
        paragraphs.append(Paragraph(id=f"{section_id}-{len(paragraphs) + 1}", text=text, lead=lead,
                                    kind=kind))

    rest_sentences = sentences(area.rest)
    if inline and area.form == "bracket" and rest_sentences and is_review_lead(rest_sentences[0], words):
        lead, body = "", ""
        for sentence in rest_sentences:
            if is_review_lead(sentence, words):
                if lead or body:
                    add(body, lead)
                lead, body = sentence, ""
            else:
                body += sentence
        if lead or body:
            add(body, lead)
    else:
        if area.rest:
            add(area.rest, kind=kind_of(heading))
        for line in following:
            first = sentences(line.text)[0]
            heading_like = any(match_heading(line.text, form) for form in AREA_FORMS[:1])
            if (not heading_like and (is_plan_lead(first) or is_enumerated_lead(first))
                    and len(first) < len(line.text)):
                add(line.text[len(first):], first, kind_of(line))
            else:
                add(line.text, kind=kind_of(line))
    return Section(section_id, area.number, area.title, tuple(paragraphs), area.form,
                   area.alone and area.form != "bare", area.stop if area.form != "bare" else "。")
