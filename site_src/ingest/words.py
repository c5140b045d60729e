"""The shipped genre profile's words, for callers that are given none (tests, scripts).

The word types and their patterns are site_src/words.py, below both the genre profile and the
importer.
"""

from __future__ import annotations

from functools import cache

from site_src.words import Words


@cache
def shipped_words() -> Words:
    """The shipped profile's words."""
    from site_src.genre import load_genre  # the profile loads much the importer does not need: late

    return load_genre().words
