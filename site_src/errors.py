"""Errors are values with a location; one formatter prints them all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


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


def format_problems(problems: Iterable[Problem]) -> str:
    problems = tuple(problems)
    lines = [f"error: {problem}" for problem in problems]
    if len(problems) > 1:
        lines.append(f"{len(problems)} errors")
    return "\n".join(lines)


def fail(file: str, message: str, *, line: int | None = None, column: int | None = None,
         key: str | None = None) -> SiteError:
    """A single-problem error, for the edges where collecting makes no sense."""
    return SiteError([Problem(Location(file, line, column, key), message)])
