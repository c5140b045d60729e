"""The paragraph that sets the year's main targets.

The genre says it with a phrase (今年经济社会发展主要预期目标是：…, …预期目标建议为：…,
宏观调控的主要目标是：…: importer.yaml's targets words), at the start of a sentence or a clause,
after the first part heading. Older reports set the year's targets as the year's plan and its
figures, without such a phrase (这次提交大会审议的1957年度的…国民经济计划草案…将增长百分之四点五;
一九五九年的国民经济计划…; 今年国民生产总值计划增长百分之八): importer.yaml's year_plans.
"""

from __future__ import annotations

import re

from site_src.ingest.clean import SourceLine
from site_src.words import Words


def find_targets(body: list[SourceLine], start: int, words: Words, year: int = 0) -> int | None:
    """The source line number of the targets paragraph, or None; ``year``: the report's, where the
    head or the preamble says it (0 where not yet known: then only 今年 names it).

    A plan of several years is no year's targets (十四五时期…主要目标是：…; 按照十年规划，…): a
    paragraph whose text before the phrase names one is passed over. Where no paragraph says the
    phrase, the first that gives this year's growth as a figure is the targets (综合考虑各方面因素，
    今年地区生产总值增长6％左右，…); else the first that names this year's plan and gives a growth
    as a figure.
    """
    found = next((line.number for line in body[start:] if _says(words.targets, line, words)), None)
    if found is None:
        found = next((line.number for line in body[start:] if words.year_growth.search(line.text)), None)
    if found is None:
        plan = words.year_plan(year)
        found = next((line.number for line in body[start:]
                      if _says(plan, line, words) and words.growth_figure.search(line.text)), None)
    return found


def _says(phrase: re.Pattern[str], line: SourceLine, words: Words) -> bool:
    """The line says the phrase, and names no plan of several years before it."""
    found = phrase.search(line.text)
    periods = (*words.part_words("outlook").opening, *words.data.periods)
    return bool(found) and not any(word in line.text[: found.end()] for word in periods)
