"""Conversions kept from one build to the next, by text: the site's own strings (its settings, its
pages, the interface, the glossaries) are mostly the same from build to build, and converting any
of them starts the converter (the segmenter's dictionary with the glossary's words, OpenCC's with
the glossary as a user dictionary: about 0.2 s). Kept under a key naming everything that decides
the conversion, a text converts as it did; only a text not converted before starts the converter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from site_src.variants.convert import Convert


class KeptConversion:
    """A conversion that answers from ``kept`` (text -> converted) where it can and starts the
    conversion ``make`` gives only for a text it has not seen; ``made`` is every conversion it
    gave (what the next build keeps: what this build no longer converts is dropped)."""

    def __init__(self, make: Callable[[], Convert], kept: Mapping[str, str]) -> None:
        self._make = make
        self._convert: Convert | None = None
        self._kept = kept
        self.made: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        found = self.made.get(text)
        if found is None:
            found = self._kept.get(text)
        if found is None:
            if self._convert is None:
                self._convert = self._make()
            found = self._convert(text)
        self.made[text] = found
        return found

    @property
    def started(self) -> bool:
        """Whether the converter itself had to start (some text was new)."""
        return self._convert is not None
