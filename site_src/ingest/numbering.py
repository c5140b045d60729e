"""How a heading's number is written: the genre's numbering styles, as data.

    第一部分  一、  （一） (一)  一是  第一，  1.  1、  １．  ①

Each style of importer.yaml's ``numbering`` names the numerals it counts with (chinese, digits,
circled) and what may stand before and after them; ``Numbering.match`` reads a line's opening
number as one of them: the style, the value it counts, the numeral and the mark as written, and
the text after the mark. Which style nests in which is not said here: the outline (outline.py)
infers it from the order in which the styles appear and restart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from site_src.words import NUMERAL, NumberingStyle

_CHINESE = f"[{NUMERAL}]{{1,3}}"
_DIGITS = "[0-9０-９]{1,2}"
_CIRCLED = "[\u2460-\u2473]"
_NUMERALS = {"chinese": _CHINESE, "digits": _DIGITS, "circled": _CIRCLED}
_SPACE = "[ \u3000]*"  # a number written with spaces: （ 一 ）, 1 .


@dataclass(frozen=True)
class Number:
    """A line's opening number, read in one style."""

    style: str  # the style's name: the section form it gives (dun, bracket, shi, di, arabic …)
    value: int  # what it counts: 一 -> 1, 十二 -> 12, １ -> 1, ③ -> 3
    number: str  # the numeral as written
    mark: str  # the number with what stands around it, as written: （一）, 1．, 第一部分
    rest: str  # the line after the mark


def numeral_value(numeral: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23; 0 for what is no numeral."""
    digits = {char: value for value, char in enumerate(NUMERAL[:9], start=1)}
    if "十" not in numeral:
        return digits.get(numeral, 0) if len(numeral) == 1 else 0
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return 0
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)


def numeral(value: int) -> str:
    """1 -> 一, 12 -> 十二."""
    if value <= 10:
        return NUMERAL[value - 1]
    tens, units = divmod(value, 10)
    return (NUMERAL[tens - 1] if tens > 1 else "") + "十" + (NUMERAL[units - 1] if units else "")


def value_of(number: str, numerals: str) -> int:
    if numerals == "chinese":
        return numeral_value(number)
    if numerals == "circled":
        return ord(number) - 0x245F
    return int("".join(str(unicodedata.digit(char)) for char in number))


def _alternatives(marks: tuple[str, ...]) -> str:
    return "|".join(re.escape(mark) for mark in sorted(marks, key=len, reverse=True))


class Numbering:
    """The genre's numbering styles, in the order they are tried (第一部分 before 第一，)."""

    def __init__(self, styles: tuple[NumberingStyle, ...]) -> None:
        self.styles = styles
        self.marks: dict[str, str] = {}  # style -> its mark as a pattern (no groups, no anchor)
        self.patterns: list[tuple[NumberingStyle, re.Pattern[str]]] = []
        for style in styles:
            before = f"(?:{_alternatives(style.before)}){_SPACE}" if style.before else ""
            after = f"{_SPACE}(?:{_alternatives(style.after)})" if style.after else ""
            # A digit after an Arabic numeral's point is a decimal (1.5万), no mark.
            guard = "(?![0-9０-９])" if style.numerals == "digits" else ""
            numerals = _NUMERALS[style.numerals]
            self.marks[style.name] = f"{before}{numerals}{after}{guard}"
            self.patterns.append((style, re.compile(
                rf"^({before}({numerals}){after}){guard}{_SPACE}(.*)$", re.S)))
        # A line that opens with a number in any style.
        self.opening = re.compile("|".join(f"(?:{mark})" for mark in self.marks.values()))

    def marks_of(self, names: tuple[str, ...]) -> str:
        """An alternation of the marks of the named styles (a pattern)."""
        return "|".join(f"(?:{self.marks[name]})" for name in names if name in self.marks)

    def match(self, text: str) -> Number | None:
        """The line's opening number in the first style that reads it, or None."""
        for style, pattern in self.patterns:
            found = pattern.match(text)
            if found is None:
                continue
            value = value_of(found.group(2), style.numerals)
            if value > 0:
                return Number(style.name, value, found.group(2), found.group(1), found.group(3))
        return None

    def mark_of(self, style: str, value: int) -> str:
        """The standard mark of a number in a style (for messages): （三）, 三是, 3."""
        for candidate in self.styles:
            if candidate.name == style:
                number = (numeral(value) if candidate.numerals == "chinese" else
                          chr(0x245F + value) if candidate.numerals == "circled" else str(value))
                return f"{candidate.before[0] if candidate.before else ''}{number}" \
                       f"{candidate.after[0] if candidate.after else ''}"
        return str(value)


@cache
def numbering_of(styles: tuple[NumberingStyle, ...]) -> Numbering:
    """The numbering of a genre's styles, made once."""
    return Numbering(styles)
