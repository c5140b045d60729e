"""Where things end: a part's last area, the unnumbered tail after it, and the closing words.

After its last numbered area a part often goes on without numbers: the rest of the work, the
government's own conduct, defence, Hong Kong, Macao and Taiwan, diplomacy, thanks and problems.
A lone 各位代表！ opens a block of it; often nothing marks it. ``AREA_END_RULES`` say where the
last area stops (the first rule that finds a place, in the area's text, wins over the ones
after it only by coming first in the text). ``CLOSING_RULES`` say where the closing words start.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from site_src.ingest.areas import is_plan_lead, is_topic_line
from site_src.ingest.clean import SourceLine
from site_src.model import sentences
from site_src.words import Words


@dataclass(frozen=True)
class EndRule:
    name: str
    reason: str
    # (the number of lines after each earlier area's heading, the last area's title and lines,
    # the words) -> where the last area stops in its lines, or None
    cut: Callable[[list[int], str, list[SourceLine], Words], int | None]


def _one_shape(earlier: list[int], title: str, following: list[SourceLine], words: Words) -> int | None:
    """Areas of one paragraph each (the heading sentence and its text, or a heading line and one
    paragraph), all of them or all but one in four: so is the last one."""
    if not earlier:
        return None
    shape, count = Counter(earlier).most_common(1)[0]
    if shape > 1 or count * 4 < len(earlier) * 3 or (shape == 1 and count < 2):
        return None
    return shape if len(following) > shape else None


def _addresses(earlier: list[int], title: str, following: list[SourceLine], words: Words) -> int | None:
    """各位代表，过去的一年…: the speaker turns to the congress again, after the areas."""
    return next((i for i, line in enumerate(following) if words.addresses(line.text)), None)


def _led(line: SourceLine) -> bool:
    """The paragraph opens with a topic lead (筑牢安全发展基石。…), or is one, as an area's topics do."""
    first = sentences(line.text)[0]
    return is_plan_lead(first)


def _topical(following: list[SourceLine]) -> bool:
    """The area is written as topics, each a paragraph with its lead."""
    return sum(1 for line in following if _led(line)) >= 2


def _goes_on(line: SourceLine, following: list[SourceLine], words: Words) -> bool:
    """A paragraph that is the area's all the same: a topic like the area's other topics."""
    return _topical(following) and _led(line)


def _names_other_work(line: SourceLine, words: Words) -> bool:
    """The paragraph opens on the other work that closes a part (国防, 港澳, 外事 …)."""
    return any(word in line.text[:_OPENS_WITHIN] for word in words.data.tail_subjects)


def _other_work(earlier: list[int], title: str, following: list[SourceLine], words: Words) -> int | None:
    """进一步做好参事文史、地方志、…、双拥等工作。: the rest of the work summed up, no topic of
    the area (it opens with no lead of its own)."""
    topical = _topical(following)
    led_after = [False] * (len(following) + 1)  # a topic follows (linear: read from the end)
    for i in range(len(following) - 1, -1, -1):
        led_after[i] = led_after[i + 1] or _led(following[i])
    for i, line in enumerate(following):
        if i and words.lists_other_work(line.text) and not is_plan_lead(sentences(line.text)[0]) \
                and not (topical and _led(line)) and not led_after[i + 1]:
            return i
    return None


def _after_the_topics(earlier: list[int], title: str, following: list[SourceLine],
                      words: Words) -> int | None:
    """我们将一如既往支持国防…: in an area of topics, what follows its last topic without a lead
    of its own is no topic of the area (defence, the government's conduct, thanks)."""
    if any(word in title for word in words.data.tail_subjects):
        return None  # an area on defence (or the like) itself
    addressed = next((i for i, line in enumerate(following) if words.addresses(line.text)), len(following))
    own = following[:addressed]
    if not _topical(own):  # the first paragraph that turns to the other work
        return next((i for i, line in enumerate(own) if _names_other_work(line, words)), None)
    last = max(i for i, line in enumerate(own) if _led(line))
    after = last + (2 if is_topic_line(own[last].text) else 1)  # a topic on a line of its own, and its text
    if after < len(own) and _names_other_work(own[after], words):
        return after
    return None


_YEAR_IS = re.compile(r"^(?:19|20)\d\d年是")
_OPENS_WITHIN = 30  # characters: where a paragraph says what it is about


def _own_conduct(earlier: list[int], title: str, following: list[SourceLine], words: Words) -> int | None:
    """一年来，我们持续加强政府自身建设…: the government's own conduct, after an area on other
    things (an area that is itself on the government's conduct keeps it)."""
    conduct = words.part_words("government").heading
    if any(word in title for word in conduct):
        return None
    return next((i for i, line in enumerate(following)
                 if i and any(word in line.text[:_OPENS_WITHIN] for word in conduct)
                 and not _goes_on(line, following, words)), None)


def _looks_back(earlier: list[int], title: str, following: list[SourceLine], words: Words) -> int | None:
    """在看到成绩的同时，…; 2021年是极其特殊、极不平凡的一年…: the review's last words, the year
    summed up (a paragraph opening with its year, right before them) and the problems."""
    at = next((i for i, line in enumerate(following) if line.text.startswith(words.data.looks_back)), None)
    if at is None:
        return None
    return at - 1 if at and _YEAR_IS.match(following[at - 1].text) else at


AREA_END_RULES: tuple[EndRule, ...] = (
    EndRule("one-shape", "各项都只有一段，最后一项也是", _one_shape),
    EndRule("addresses-congress", "又一次称呼“各位代表”", _addresses),
    EndRule("other-work", "概括其他各项工作的段落（……等工作）", _other_work),
    EndRule("own-conduct", "讲政府自身建设的段落（最后一项讲的是别的）", _own_conduct),
    EndRule("after-the-topics", "各段以小标题开头，最后一个小标题段之后讲其他工作的段落",
            _after_the_topics),
    EndRule("looks-back", "总结一年、讲问题的段落（在看到成绩的同时……）", _looks_back),
)


def last_area_end(earlier: list[int], title: str, following: list[SourceLine],
                  words: Words) -> tuple[int, str]:
    """How many of the lines after the last area's heading are the area's, and by which rule."""
    found = [(cut, rule.name) for rule in AREA_END_RULES
             for cut in [rule.cut(earlier, title, following, words)] if cut is not None]
    return min(found) if found else (len(following), "")


def split_tail(tail: list[SourceLine], words: Words) -> tuple[list[SourceLine], list[list[SourceLine]]]:
    """The part's closing paragraphs, then its blocks: each lone 各位代表！ opens one."""
    lone = [i for i, line in enumerate(tail) if words.salutation.match(line.text)]
    if not lone:
        return tail, []
    bounds = [*lone, len(tail)]
    return tail[: lone[0]], [tail[a:b] for a, b in pairwise(bounds)]


@dataclass(frozen=True)
class ClosingRule:
    name: str
    reason: str
    # (lines, from, words, the kind of the part they end) -> where the closing words start
    find: Callable[[list[SourceLine], int, Words, str], int | None]


def _heading(lines: list[SourceLine], start: int, words: Words, kind: str) -> int | None:
    return next((i for i in range(start, len(lines)) if words.closing_heading.match(lines[i].text)), None)


def _last_address(lines: list[SourceLine], start: int, words: Words, kind: str) -> int | None:
    """The last paragraph that addresses the congress. After the government's own conduct, the
    report's last subject, the addresses that end the report one after another are all its
    closing words (各位代表，…任重而道远… / 各位代表，回顾过去…让我们…); after a part on the year's
    work an address before the last opens a subject of the part's own (the government's conduct,
    the year's projects: 各位代表！新征程新使命，对政府工作提出了新的更高要求…)."""
    last = next((i for i in range(len(lines) - 1, start - 1, -1) if words.addresses(lines[i].text)), None)
    if last is not None and kind == "government":
        while last - 1 >= start and words.addresses(lines[last - 1].text):
            last -= 1
    return last


def _closing_words(lines: list[SourceLine], start: int, words: Words, kind: str) -> int | None:
    last = len(lines) - 1
    return last if last >= start and words.opens_closing_words(lines[last].text) else None


CLOSING_RULES: tuple[ClosingRule, ...] = (
    ClosingRule("closing-heading", "结束语的标题行", _heading),
    ClosingRule("last-address",
                "最后一次称呼“各位代表”（在政府自身建设之后：结尾连续称呼的第一段）", _last_address),
    ClosingRule("closing-words", "以“让我们”开头的最后一段", _closing_words),
)


def find_closing(lines: list[SourceLine], start: int, words: Words, kind: str = "") -> tuple[int | None, str]:
    """Where the closing words start in ``lines`` (not before ``start``), and by which rule;
    ``kind``: of the part the lines end (the last part's)."""
    for rule in CLOSING_RULES:
        found = rule.find(lines, start, words, kind)
        if found is not None:
            return found, rule.name
    return None, ""
