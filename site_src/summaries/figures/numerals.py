"""Numbers written in Chinese numerals, read as the digits they stand for where they state a value.

Older reports write their figures in words: 增长百分之八, 百分之十二点八, 达到六百零三亿元,
二十七亿四千万元, 一九五六年. A numeral is read where it is a value: after a word that makes a
fraction of it (百分之, from the genre's vocabulary), before a unit (亿元, 万人, 倍, 个百分点), or as
a year (四 digits before 年). Elsewhere (第一, 一般, 十四五, 三次产业, 一个好收成) it is a word and is
left alone. The reading takes no more characters than the writing (the digits stand at the end of
the numeral's place, spaces before them), so that a position in the read text is the same position
in the report's own; a number that cannot be written so short is left as written (not guessed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# The numerals are the language's, not the genre's: digits, the places within 万, and the sections.
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9}
_PLACES = {"十": 10, "百": 100, "千": 1000}
_SECTIONS = {"万": 10_000, "亿": 100_000_000}
_DIGIT = "".join(_DIGITS)
_NUMERAL = rf"[{_DIGIT}十][{_DIGIT}十百千万亿]*(?:点[{_DIGIT}]+)?"


def _below_ten_thousand(text: str) -> int | None:
    """The number a numeral without 万 or 亿 stands for (二千零五十 -> 2050), or None."""
    if text and all(char in _DIGITS for char in text):  # 一九五六: digit by digit
        return int("".join(str(_DIGITS[char]) for char in text))
    total, digit, last_place = 0, None, 10_000
    for char in text:
        if char in _DIGITS:
            if digit is not None and _DIGITS[char] != 0:
                return None  # 三四十: two digits in a row are a rough range, no one number
            digit = _DIGITS[char] or None
        elif char in _PLACES:
            place = _PLACES[char]
            if place >= last_place:
                return None
            total += (1 if digit is None else digit) * place
            digit, last_place = None, place
        else:
            return None  # 万 or 亿 where a section cannot stand
    return total + (digit or 0)


def value_of(numeral: str) -> float | None:
    """The number a numeral stands for: 百分之 aside, 十二点八 -> 12.8, 二十七亿四千万 -> 2740000000."""
    whole, _, fraction = numeral.partition("点")
    total, rest = 0, whole
    for section in ("亿", "万"):
        if section in rest:
            head, _, rest = rest.partition(section)
            number = (value_of(head) if section == "亿" else _below_ten_thousand(head)) if head else None
            if number is None:
                return None
            total += number * _SECTIONS[section]
    if rest:
        number = _below_ten_thousand(rest)
        if number is None:
            return None
        total += number
    if fraction:
        return total + float("0." + "".join(str(_DIGITS[char]) for char in fraction))
    return float(total)


def _digits(number: float) -> str:
    return f"{number:.6f}".rstrip("0").rstrip(".")


def _magnitude(word: str) -> int:
    """What a magnitude word multiplies by (千亿 -> 10**11)."""
    size = 1
    for char in word:
        size *= _SECTIONS.get(char) or _PLACES[char]
    return size


class Numerals:
    """Reads the numerals of a text that state values, with the genre's fraction words and units."""

    def __init__(self, fractions: Mapping[str, tuple[str, ...]], units: str, counting: str,
                 magnitudes: tuple[str, ...]) -> None:
        """``units``: what may follow an amount (a pattern); ``counting``: the units after which
        a one-character numeral is an amount (magnitudes and signs: 五亿, 一倍, 两个百分点), where
        a measure alone makes it a classifier (一个, 一项)."""
        self.fractions = {word: sign for sign, said in fractions.items() for word in said}
        fraction = "|".join(map(re.escape, sorted(self.fractions, key=len, reverse=True))) or "(?!)"
        self.pattern = re.compile(
            rf"(?P<fraction>{fraction})(?P<of>{_NUMERAL})"
            rf"|(?P<year>[{_DIGIT}]{{4}})(?=\s*年)"
            rf"|(?P<numeral>{_NUMERAL})(?=\s*(?:{units})(?![{_DIGIT}十]))")
        self.counting = re.compile(rf"\s*(?:{counting})")
        self.magnitudes = tuple(m for m in magnitudes if m and all(c in "十百千万亿" for c in m))

    def read(self, text: str) -> str:
        """The text with every numeral that states a value written in digits, right-aligned in its
        place (the same length as the text)."""
        if not any(char in _DIGITS or char == "十" for char in text):
            return text
        return self.pattern.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        written = match.group()
        if match.group("year"):
            return "".join(str(_DIGITS[char]) for char in written)
        if match.group("fraction"):
            number = value_of(match.group("of"))
            read = None if number is None else _digits(number) + self.fractions[match.group("fraction")]
        elif len(written) == 1 and written != "十" and not self.counting.match(match.string, match.end()):
            read = None  # 一个, 一项: a classifier, not an amount
        else:
            read = self._amount(written)
        return written if read is None or len(read) > len(written) else read.rjust(len(written))

    def _amount(self, numeral: str) -> str | None:
        """Digits for a numeral before a unit, in the largest section it is written in (六百零三亿
        -> 603亿, 二十七亿四千万 -> 27.4亿), or else in a larger magnitude whose first words it ends
        with (一千亿 -> 1千亿); None if it names no one number or none fits in its place."""
        number = value_of(numeral)
        if number is None:
            return None
        sections = [section for section in ("亿", "万") if section in numeral]
        readings = [_digits(number / _magnitude(section)) + section for section in sections]
        if not sections:
            readings.append(_digits(number))
        last = next((section for section in ("亿", "万") if numeral.endswith(section)), "")
        if last:
            readings += [_digits(number / _magnitude(m)) + m for m in self.magnitudes
                         if m.endswith(last) and m != last and numeral[:-1].endswith(m[:-1])]
        return next((read for read in readings if len(read) <= len(numeral)), None)
