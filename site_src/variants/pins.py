"""Pins: an editor's fix of one span in one paragraph, written in the YAML text.

``[[范]]`` keeps 范 unconverted; ``[[干|乾]]`` writes 干 in the source variant and 乾 in the
converted ones. The brackets never reach a page. This module needs no converter, so loading
content does not load OpenCC.
"""

from __future__ import annotations

import re

# [[span]] or [[source|converted]]: neither part may hold brackets or a bar.
PIN = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]|]+))?\]\]")


def strip_pins(text: str) -> str:
    """The source form of a text: pins replaced by what they pin."""
    return PIN.sub(lambda match: match.group(1), text)


def pin_problem(text: str) -> str | None:
    """A message if the text holds a malformed pin (a stray [[ or ]]), else None."""
    rest = PIN.sub("", text)
    if "[[" in rest or "]]" in rest:
        return "malformed pin: write [[span]] to keep a span, or [[source|converted]]"
    return None
