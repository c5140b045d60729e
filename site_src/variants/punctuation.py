"""Quotation marks as a variant writes them: “” ‘’ or 「」 『』, after the script conversion.

The mapping is one character for one, so positions stay where they were (the audit compares
texts position by position, and search folds either form into the other).
"""

from __future__ import annotations

from collections.abc import Callable

CORNER = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
PAIRS = (("“", "「"), ("”", "」"), ("‘", "『"), ("’", "』"))  # for search: either finds either


def with_quotes(convert: Callable[[str], str], style: str) -> Callable[[str], str]:
    """The conversion followed by the variant's quotation marks."""
    if style != "corner":
        return convert
    return lambda text: convert(text).translate(CORNER)
