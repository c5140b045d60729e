"""The report's parts: where each starts, what each is about, and their ids.

Where the outline has a part level (outline.py), each part heading starts a part. Where it has
none, the parts have no heading lines: the first starts after the preamble (the salutation and
the paragraphs that announce the report), the next where the text turns to this year's work (a
paragraph that opens 今年是…, 2025年是…, 今年政府工作的总体要求是…: the genre's plan_turns), each
noted as a doubt. A report with no numbered heading at all stays paragraphs.

A part's kind comes from ``KIND_RULES``, asked in order: the words of its heading where they say
it plainly (a year's review, the government's own conduct, foreign affairs and the state's other
concerns, a year's work); a first paragraph that opens on the five years ahead (今后五年是…); a
first paragraph that speaks first in the voice of what has been done (已经, 以来); the part that
sets the year's targets is the plan; a heading that names a five-year period, or the year's work;
else what its first paragraph speaks of (the year past, a five-year period, this year: 2026年是…
in a report of 2026), and last in which voice it speaks first: what is to be done (要, 必须,
今后) sets tasks. So a slogan heading without a year (一鼓作气勇争先，全力推动“十五五”开好局) is
read by what the part says, and so are the old national reports' headings, which say nothing of
time (关于社会主义建设, 加快社会主义经济建设).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from site_src.ingest.clean import SourceLine
from site_src.ingest.outline import Heading
from site_src.model import Doubt
from site_src.segment import segmenter
from site_src.words import Words

_YEAR = re.compile(r"(?:19|20)\d\d年")
_OPENS_WITH_YEAR = re.compile(r"^((?:19|20)\d\d)年")
_OPENS_WITHIN = 20  # characters: where a paragraph says what it speaks of
_PERIOD_IS = ("是", "，", "时期", "期间", "内")  # after a period that opens a sentence as its subject
_QUOTES = re.compile("[“”\"「」]")


@dataclass(frozen=True)
class PartFacts:
    """What a part's kind is read from."""

    title: str
    first_paragraph: str
    holds_targets: bool
    year: int = 0  # the report's (the year its plan is for), where known


@dataclass(frozen=True)
class KindRule:
    name: str
    kind: str
    reason: str
    test: Callable[[PartFacts, Words, str], bool]  # (the part, the words, the rule's kind)


def _heading_says(facts: PartFacts, words: Words, kind: str) -> bool:
    return any(word in facts.title for word in words.part_words(kind).heading)


def _opening_says(facts: PartFacts, words: Words, kind: str) -> bool:
    return any(word in facts.first_paragraph for word in words.part_words(kind).opening)


def _opening_year(facts: PartFacts, words: Words, kind: str) -> bool:
    """2025年，在…: the first paragraph opens with a year before the report's (the review); with
    the report's own (2026年是…: the plan)."""
    found = _OPENS_WITH_YEAR.match(facts.first_paragraph)
    if found is None or not facts.year:
        return False
    year = int(found.group(1))
    return year < facts.year if kind == "review" else year == facts.year


def _first_sentence_says(facts: PartFacts, words: Words, kind: str) -> bool:
    """The first paragraph's first sentence speaks of it (a five-year period: “十四五”时期，…)."""
    first = re.split("[。！？]", facts.first_paragraph, maxsplit=1)[0]
    return any(word in first for word in words.part_words(kind).opening)


def _opens_on_the_period(facts: PartFacts, words: Words, kind: str) -> bool:
    """今后五年是…, “十五五”时期，是…: the first paragraph opens on a five-year period, the subject
    of its first sentence (not 十四五规划的开局之年, a year of it), whatever the part holds after."""
    text = _QUOTES.sub("", facts.first_paragraph)
    return any(text.startswith(word) and text[len(word):len(word) + 2].startswith(_PERIOD_IS)
               for word in (_QUOTES.sub("", word) for word in words.part_words(kind).opening))


def first_voice(text: str, words: Words) -> str:
    """The kind whose voice the text speaks in first: what has been done (review: 已经, 以来) or
    what is to be done (plan: 要, 必须, 今后); '' for neither. A word of one character counts only
    as a word of its own (要 the verb, not 重要, 主要, 需要), as the segmenter cuts the text."""
    voices = {kind: words.part_words(kind).voice for kind in ("review", "plan")}
    found: list[tuple[int, str]] = []
    for kind, said in voices.items():
        found += [(at, kind) for word in said if len(word) > 1 for at in [text.find(word)] if at >= 0]
    single = {word: kind for kind, said in voices.items() for word in said if len(word) == 1}
    if single and any(word in text for word in single):
        found += [(start, single[text[start:end]]) for start, end in segmenter().words(text)
                  if text[start:end] in single]
    return min(found)[1] if found else ""


def _speaks_first(facts: PartFacts, words: Words, kind: str) -> bool:
    """The first paragraph speaks first in the kind's voice; a paragraph that opens with a year
    speaks of it first (2026年是…: this year's work; 2025年，…: the year past)."""
    opens = _OPENS_WITH_YEAR.match(facts.first_paragraph)
    if opens and facts.year:
        year = int(opens.group(1))
        return kind == ("plan" if year == facts.year else "review" if year < facts.year else "")
    return first_voice(facts.first_paragraph, words) == kind


KIND_RULES: tuple[KindRule, ...] = (
    KindRule("review-heading", "review", "标题说回顾（回顾、过去、几年来）", _heading_says),
    KindRule("government-heading", "government", "标题说政府自身建设、政府机构改革", _heading_says),
    KindRule("other-heading", "other", "标题说外交、国际形势、国家制度、政治生活、团结、统一",
             _heading_says),
    KindRule("year-heading", "plan", "标题说某年（今年）的工作（某年重点工作）",
             lambda facts, words, kind: bool(_YEAR.search(facts.title) or words.data.this_year in facts.title)
             and _heading_says(facts, words, "plan")),
    KindRule("outlook-opens", "outlook", "首段以五年规划时期开头（今后五年是……）", _opens_on_the_period),
    KindRule("review-voice", "review", "首段先说已经做了的（已经、以来）", _speaks_first),
    KindRule("holds-targets", "plan", "本部分提出今年的主要预期目标",
             lambda facts, words, kind: facts.holds_targets),
    KindRule("outlook-heading", "outlook", "标题说五年规划时期（十五五、今后五年）", _heading_says),
    KindRule("plan-heading", "plan", "标题说工作安排、任务、要求", _heading_says),
    KindRule("review-opening", "review", "首段说过去一年、五年来", _opening_says),
    KindRule("review-year", "review", "首段以上一年开头（2025年，……）", _opening_year),
    KindRule("outlook-opening", "outlook", "首段首句说五年规划时期", _first_sentence_says),
    KindRule("plan-opening", "plan", "首段说今年", _opening_says),
    KindRule("plan-year", "plan", "首段以本年开头（2026年是……）", _opening_year),
    KindRule("plan-voice", "plan", "首段先说要做的（要、必须、今后）", _speaks_first),
    KindRule("other", "other", "以上都不是", lambda facts, words, kind: True),
)


def part_kind(facts: PartFacts, words: Words) -> tuple[str, str]:
    """(kind, the name of the rule that says it)."""
    rule = next(rule for rule in KIND_RULES if rule.test(facts, words, rule.kind))
    return rule.kind, rule.name


def part_ids(kinds: list[str]) -> list[str]:
    """A part's id is its kind (review, outlook, plan, government) the first time, else part-N."""
    used: set[str] = set()
    ids = []
    for n, kind in enumerate(kinds, start=1):
        name = kind if kind != "other" and kind not in used else f"part-{n}"
        used.add(name)
        ids.append(name)
    return ids


def preamble_end(body: list[SourceLine], words: Words) -> int:
    """Where the preamble ends: after the salutation, the paragraphs that announce the report
    (现在，我代表…向大会报告工作，请予审议) are the preamble's."""
    at = 1 if body and words.addresses(body[0].text) else 0
    if at and len(body[0].text) > 20:  # 各位代表，现在，我代表…: the salutation runs into the preamble
        return at
    while at < len(body) and any(word in body[at].text for word in words.data.announces):
        at += 1
    return at


def headless_parts(body: list[SourceLine], headings: tuple[Heading, ...], start: int, year: int,
                   words: Words, doubts: list[Doubt], first: Heading | None = None) -> list[Heading]:
    """The starts of parts without heading lines: where the outline has no part level, the first
    after the preamble, the next where the text turns to this year's work; where the first part
    heading has no number and comes after a review of the year past (2026年主要工作 under text that
    opens 过去一年…), the review, from the preamble's end."""
    if first is not None:
        return [_start(body, start, "the text before the first part heading looks back on the year: a "
                       "part without a heading line starts here", doubts)] \
            if start < first.index and _looks_back(body[start].text, words) else []
    areas = [heading for heading in headings if heading.level == "area"]
    if not areas or start >= len(body):
        return []
    starts = [_start(body, start, "the text after the preamble: a part without a heading line starts "
                                  "here", doubts)]
    turn = _turn(body, start + 1, year, words)
    if turn is not None:
        starts.append(_start(body, turn, "the text turns to this year's work: a part without a heading "
                                         "line starts here", doubts))
    return starts


def _looks_back(text: str, words: Words) -> bool:
    """The paragraph speaks of the year past: 过去一年…, 一年来…, or opens with a year (2025年，…)."""
    return any(word in text[:_OPENS_WITHIN] for word in words.part_words("review").opening) \
        or bool(_OPENS_WITH_YEAR.match(text) and not re.match(r"^(?:19|20)\d\d年是", text))


def _start(body: list[SourceLine], index: int, why: str, doubts: list[Doubt]) -> Heading:
    line = body[index]
    doubts.append(Doubt(line.number, line.text, why))
    return Heading(index, line.number, "part", "", 0, "", "", "", has_line=False)


def _turn(body: list[SourceLine], start: int, year: int, words: Words) -> int | None:
    """The first paragraph that turns to this year's work: 今年是…, or the plan's year (2026年是…)
    where the year is the report's, or later than the first the text names."""
    first_year = _OPENS_WITH_YEAR.search(body[start - 1].text) if start else None
    for index in range(start, len(body)):
        text = body[index].text
        if text.startswith(words.data.plan_turns):
            return index
        opens = re.match(r"^((?:19|20)\d\d)年是", text)
        if opens and (int(opens.group(1)) == year or (not year and first_year is not None
                                                      and int(opens.group(1)) > int(first_year.group(1)))):
            return index
    return None
