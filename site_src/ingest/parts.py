"""The report's parts: their headings in sequence, what each is about, and their ids.

A part's kind comes from ``KIND_RULES``, asked in order: the words of its heading where they say
it plainly; the part that sets the year's targets is the plan; a heading that names a year and
its work, a five-year period, or the year's work; else what its first paragraph speaks of. So a
slogan heading without a year (一鼓作气勇争先，全力推动“十五五”开好局) is read by what the part says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from site_src.ingest.areas import numeral, numeral_value
from site_src.ingest.clean import SourceLine
from site_src.model import Doubt
from site_src.words import PART_HEADING, Words

_YEAR = re.compile(r"(?:19|20)\d\d年")


@dataclass(frozen=True)
class PartFacts:
    """What a part's kind is read from."""

    title: str
    first_paragraph: str
    holds_targets: bool


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


KIND_RULES: tuple[KindRule, ...] = (
    KindRule("review-heading", "review", "标题说回顾（回顾、过去）", _heading_says),
    KindRule("government-heading", "government", "标题说政府自身建设", _heading_says),
    KindRule("other-heading", "other", "标题说外交、国际形势", _heading_says),
    KindRule("holds-targets", "plan", "本部分提出今年的主要预期目标",
             lambda facts, words, kind: facts.holds_targets),
    KindRule("year-heading", "plan", "标题说某年的工作（某年重点工作）",
             lambda facts, words, kind: bool(_YEAR.search(facts.title))
             and _heading_says(facts, words, "plan")),
    KindRule("outlook-heading", "outlook", "标题说五年规划时期（十五五、今后五年）", _heading_says),
    KindRule("plan-heading", "plan", "标题说工作安排、任务、要求", _heading_says),
    KindRule("review-opening", "review", "首段说过去一年、五年来", _opening_says),
    KindRule("outlook-opening", "outlook", "首段说五年规划时期", _opening_says),
    KindRule("plan-opening", "plan", "首段说今年", _opening_says),
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


def find_part_starts(lines: list[SourceLine], doubts: list[Doubt]) -> list[int]:
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
                                f"{numeral(len(starts) + 1)}、 was expected: kept as a paragraph"))
    return starts
