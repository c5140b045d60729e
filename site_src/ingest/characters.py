"""Invisible and odd characters: the rules that remove or repair them, line by line.

Every rule is one entry of ``RULES``, with a name and a reason; each change it makes is recorded
(a ``Fix``: the line, what was found, what it became), so nothing changes silently. Rules run in
the table's order on each line, before anything else reads the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from site_src.model import Fix

# Characters that take no room, or spaces a web page or a word processor puts in that are not
# the ordinary ones (the ideographic space of indents is ordinary, and blank).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_SPACE = "[ \u3000]"
PAGE_JOIN = re.compile(f"[{ZERO_WIDTH}]+")  # a line of these alone marks where pages were joined
# What a spaced-out number runs into: 1 9 9 8 年, 8 ％, 2 2 ．4 万件.
_UNITS = "年月日％%．亿万"


@dataclass(frozen=True)
class CharacterRule:
    name: str
    reason: str
    pattern: re.Pattern[str]
    fixed: Callable[[re.Match[str]], str]  # what a match becomes
    whole_line: bool = False  # the pattern must match the whole line, which then goes


RULES: tuple[CharacterRule, ...] = (
    CharacterRule("invisible-line", "只有不可见字符或特殊空格的行（不是段落）",
                  re.compile(rf"[\s{ZERO_WIDTH}]*[{ZERO_WIDTH}{ODD_SPACES}][\s{ZERO_WIDTH}]*"),
                  lambda match: "", whole_line=True),
    CharacterRule("zero-width", "词语中间的零宽字符（妨碍搜索：人\u200b民）",
                  re.compile(rf"(.?)[{ZERO_WIDTH}]+(.?)"), lambda match: match.group(1) + match.group(2)),
    CharacterRule("spaced-digits", "逐位隔开的数字（1 9 9 8）",
                  re.compile(rf"(?<![\d.．])\d(?:{_SPACE}\d)+(?!\d)"),
                  lambda match: re.sub(_SPACE, "", match.group())),
    CharacterRule("digit-space", "数字与单位之间的空格（1998 年、8 ％）",
                  re.compile(rf"\d{_SPACE}+[{_UNITS}]"), lambda match: re.sub(_SPACE, "", match.group())),
    CharacterRule("subscript-mark", "下标前的下划线（PM_2.5）",
                  re.compile(r"[A-Za-z]_\d"), lambda match: match.group().replace("_", "")),
)


def repair_line(number: int, text: str,
                rules: tuple[CharacterRule, ...] = RULES) -> tuple[str | None, list[Fix]]:
    """The line repaired (None when it goes), with what was done to it."""
    fixes: list[Fix] = []
    for rule in rules:
        if rule.whole_line:
            if rule.pattern.fullmatch(text):
                return None, [Fix(number, rule.name, text, "", rule.reason)]
            continue
        if not rule.pattern.search(text):
            continue
        out, cursor = [], 0
        for match in rule.pattern.finditer(text):
            fixed = rule.fixed(match)
            if fixed == match.group():
                continue
            out.append(text[cursor: match.start()] + fixed)
            cursor = match.end()
            fixes.append(Fix(number, rule.name, match.group(), fixed, rule.reason))
        text = "".join(out) + text[cursor:]
    return text, fixes


def replay(text: str, fixes: list[Fix]) -> str | None:
    """A line as the fixes recorded for it made it (for checking a record against its source)."""
    cursor, rule = 0, ""
    for fix in fixes:
        if fix.rule == "invisible-line":
            return None
        if fix.rule != rule:  # each rule read the whole line, left to right
            cursor, rule = 0, fix.rule
        at = text.find(fix.found, cursor)
        if at < 0:
            raise ValueError(f"line {fix.line}: {fix.found!r} is not in the line")
        text = text[:at] + fix.fixed + text[at + len(fix.found):]
        cursor = at + len(fix.fixed)
    return text
