"""Guards on the raw text of a report: what it may not hold, because the import would pass it on.

- Control characters (NUL, ESC, …) and bidirectional controls: OpenCC stops at a NUL (the rest
  of the line would go from the Traditional text, and a Simplified report would be taken for a
  Traditional one and rewritten), ESC and OSC sequences drive a terminal, and the bidi controls
  reorder what a reader sees. Each is an error with its line and column.
- Pin syntax: in the content's YAML ``[[…]]`` and ``[[…|…]]`` are an editor's conversion fix
  (site_src/variants/pins.py), so doubled brackets in the source would be read as one (``新增企业
  [[26|99]]家`` would become 新增企业99家) or break the build. The raw text is never interpreted:
  a ``[[`` or ``]]`` is an error with its line and column, and the person says what the text
  should read with an entry in the folder's errata.yaml.

  Why refuse rather than escape: a pin's span cannot hold brackets, so the pin syntax has no way
  to write a literal ``[[``, and adding one would change every reader of pins (the converter, the
  audit, the nothing-lost check). No real report writes doubled ASCII brackets (none of the
  shared reports does); where one appears it is markup from the page (a wiki link), which a
  person should decide on, and errata.yaml is where such decisions are kept.

The checks run on the lines after the errata are applied, so an erratum is the way to repair
what they find; they run once, from clean.clean_source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from site_src.errors import Location, Problem, capped
from site_src.files import control_characters

_PIN_MARK = re.compile(r"\[\[|\]\]")
_LONGEST_PIN = 40  # characters from [[ to ]] quoted as one span
_CONTEXT = 10  # characters quoted on either side


class _Line(Protocol):
    @property
    def number(self) -> int: ...

    @property
    def text(self) -> str: ...


def raw_text_problems(lines: Sequence[_Line], source_file: str, errata_file: str) -> list[Problem]:
    """Control characters and pin syntax in the source's lines, each with its line and column."""
    # The lines are the file's, numbered in order: as one text, the first few control characters
    # of the whole file are listed and the rest counted.
    text = "\n".join(line.text for line in lines)
    problems = control_characters(text, source_file, lines[0].number) if lines else []
    pins = _pin_syntax(lines, source_file, errata_file)
    if not pins:
        return problems
    return sorted([*problems, *pins], key=lambda problem: (
        problem.location.line or len(lines) + 1, problem.location.column or 0))


def _pin_syntax(lines: Sequence[_Line], source_file: str, errata_file: str) -> list[Problem]:
    """Each [[ or ]] (a [[…]] once), the first few listed and the rest counted; each bracket that
    a join of two lines would double."""
    marks, joins = [], []
    kept = [line for line in lines if line.text.strip()]
    for index, line in enumerate(kept):
        text = line.text
        covered = 0  # where the last [[…]] span ends: its ]] is reported with it
        for match in _PIN_MARK.finditer(text):
            if match.start() < covered:
                continue
            span = _span(text, match.start())
            if match.group() == "[[":
                covered = match.start() + len(span)
            marks.append(Problem(Location(source_file, line.number, match.start() + 1),
                                 _pin_message(span, text, match.start(), errata_file)))
        # Lines the import may join: the bracket that ends one and the bracket that starts the next.
        following = kept[index + 1].text.strip() if index + 1 < len(kept) else ""
        end = text.rstrip()
        for bracket in "[]":
            if end.endswith(bracket) and following.startswith(bracket):
                joins.append(Problem(
                    Location(source_file, line.number, len(end)),
                    f"the line ends with {bracket!r} and the next starts with {bracket!r}: joined (as "
                    f"the import joins a line broken mid-sentence) they would read as a pin "
                    f"(an editor's conversion fix); say what the text should read with an entry in "
                    f"{errata_file}"))
    return [*capped(marks, "'[[' or ']]' in the source text"), *capped(joins, "brackets doubled by a join")]


def _span(text: str, start: int) -> str:
    """The pin-like run at ``start``: a [[ up to its ]] on the line (if near), else the mark alone.
    Only the next _LONGEST_PIN characters are looked at, however long the line."""
    close = text.find("]]", start + 2, start + _LONGEST_PIN + 2)
    if text.startswith("[[", start) and close >= 0:
        return text[start: close + 2]
    return text[start: start + 2]


def _pin_message(span: str, text: str, start: int, errata_file: str) -> str:
    context = text[max(start - _CONTEXT, 0): start + len(span) + _CONTEXT]
    return (f"the source text holds {span[:2]!r} (…{context}…), which the report's YAML would read as a "
            f"pin (an editor's conversion fix such as [[干|乾]]) and change: say what the text should "
            f"read with an entry in {errata_file} (damaged: {span!r})")
