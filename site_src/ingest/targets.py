"""The paragraph that sets the year's main targets.

The genre says it with a phrase (今年经济社会发展主要预期目标是：…, …预期目标建议为：…,
宏观调控的主要目标是：…: importer.yaml's targets words), at the start of a sentence or a clause,
after the first part heading.
"""

from __future__ import annotations

from site_src.ingest.clean import SourceLine
from site_src.words import Words


def find_targets(body: list[SourceLine], start: int, words: Words) -> int | None:
    """The source line number of the targets paragraph, or None.

    A five-year period's goals are not the year's targets (十四五时期…主要目标是：…): a paragraph
    whose text before the phrase names one is passed over. Where no paragraph says the phrase, the
    first that gives this year's growth as a figure is the targets (综合考虑各方面因素，今年地区
    生产总值增长6％左右，…).
    """
    period = words.part_words("outlook").opening
    for line in body[start:]:
        found = words.targets.search(line.text)
        if found and not any(word in line.text[: found.end()] for word in period):
            return line.number
    return next((line.number for line in body[start:] if words.year_growth.search(line.text)), None)
