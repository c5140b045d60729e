"""The paragraph that sets the year's main targets.

The genre says it with a phrase (今年经济社会发展主要预期目标是：…, …预期目标建议为：…,
宏观调控的主要目标是：…: importer.yaml's targets words), at the start of a sentence or a clause,
after the first part heading.
"""

from __future__ import annotations

from site_src.ingest.clean import SourceLine
from site_src.words import Words


def find_targets(body: list[SourceLine], start: int, words: Words) -> int | None:
    """The source line number of the targets paragraph, or None."""
    return next((line.number for line in body[start:] if words.targets.search(line.text)), None)
