"""Errors are values with a location; one formatter prints them all.

The formatter is also the one place where text from outside (file names, quotes of the content)
is made safe for a terminal: a control character, a line or paragraph separator, a format
character (bidi overrides, zero-width marks) or a lone surrogate is written as an escape (\\n,
\\x1b, \\u202e), so a file name with a newline cannot forge a second ``error:`` line and an ESC or
OSC sequence from a report never reaches the terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Characters never written as they are: control (Cc), format (Cf), surrogates (Cs), line and
# paragraph separators (Zl, Zp).
_UNSAFE_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and a line and column (1-based) or a YAML key path."""

    file: str
    line: int | None = None
    column: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        text = self.file
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        if self.key:
            text += f": {self.key}"
        return text


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class SiteError(Exception):
    """One or more problems found in a run; raised only after all of them are collected."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(format_problems(self.problems))

    def __reduce__(self) -> tuple[type[SiteError], tuple[tuple[Problem, ...]]]:
        return (SiteError, (self.problems,))  # whole from a worker process, problems and all


def format_problems(problems: Iterable[Problem]) -> str:
    """One line per problem, ``error: FILE:LINE:COLUMN: KEY: message``, then the count."""
    problems = tuple(problems)
    lines = [f"error: {printable(str(problem))}" for problem in problems]
    if len(problems) > 1:
        lines.append(f"{len(problems)} errors")
    return "\n".join(lines)


def printable(text: str) -> str:
    """``text`` with every character a terminal could act on written as an escape."""
    if text.isprintable() and text.isascii():
        return text  # the common case, quickly
    return "".join(_escape(char) if unicodedata.category(char) in _UNSAFE_CATEGORIES else char
                   for char in text)


def _escape(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def fail(file: str, message: str, *, line: int | None = None, column: int | None = None,
         key: str | None = None) -> SiteError:
    """A single-problem error, for the edges where collecting makes no sense."""
    return SiteError([Problem(Location(file, line, column, key), message)])


SHOWN_OF_A_KIND = 5  # problems of one kind listed one by one; the rest are counted


def capped(problems: list[Problem], kind: str, shown: int = SHOWN_OF_A_KIND) -> list[Problem]:
    """The first ``shown`` of ``problems`` (all of one ``kind``), then one that counts the rest,
    located at the first not listed: a file with a mistake repeated 200,000 times is a short
    answer, not 200,000 lines."""
    if len(problems) <= shown:
        return problems
    rest = len(problems) - shown
    return [*problems[:shown], Problem(problems[shown].location,
                                       f"… and {rest:,} more of the same kind ({kind}) from here on")]
