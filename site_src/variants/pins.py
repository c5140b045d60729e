"""Pins: an editor's fix of one span in one paragraph, written in the YAML text.

``[[范]]`` keeps 范 unconverted; ``[[干|乾]]`` writes 干 in the source variant and 乾 in the
converted ones. The brackets never reach a page. This module needs no converter, so loading
content does not load OpenCC. It is the one place pins are read: the conversion, the audit and
the proofs all take a text's pins from ``resolve``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# [[span]] or [[source|converted]]: neither part may hold brackets or a bar.
PIN = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]|]+))?\]\]")


@dataclass(frozen=True)
class Pin:
    """One pinned span of the resolved text: what it writes in a converted variant (its own
    characters when the pin only keeps them)."""

    start: int
    end: int
    converted: str


@dataclass(frozen=True)
class Resolved:
    """A text with its pins resolved to their source form, and where the pins are in it."""

    text: str
    pins: tuple[Pin, ...]

    def pinned(self) -> frozenset[int]:
        """The positions of the text inside a pin."""
        return frozenset(n for pin in self.pins for n in range(pin.start, pin.end))


def resolve(raw: str) -> Resolved:
    """The source form of a text and its pins (a text without [[ has none)."""
    if "[[" not in raw:
        return Resolved(raw, ())
    pieces: list[str] = []
    pins: list[Pin] = []
    position = length = 0
    for match in PIN.finditer(raw):
        pieces.append(raw[position:match.start()])
        length += match.start() - position
        source, converted = match.group(1), match.group(2)
        pins.append(Pin(length, length + len(source), source if converted is None else converted))
        pieces.append(source)
        length += len(source)
        position = match.end()
    pieces.append(raw[position:])
    return Resolved("".join(pieces), tuple(pins))


def strip_pins(text: str) -> str:
    """The source form of a text: pins replaced by what they pin."""
    return PIN.sub(lambda match: match.group(1), text)


def pin_problem(text: str) -> str | None:
    """A message if the text holds a malformed pin (a stray [[ or ]]), else None."""
    rest = PIN.sub("", text)
    if "[[" in rest or "]]" in rest:
        return "malformed pin: write [[span]] to keep a span, or [[source|converted]]"
    return None
