"""Who reports and for which year, where the head says it, and where only the text does.

The issuer, in order: a site's imprint (版权所有：某某区人民政府), the speaker's office, the
congress the report was delivered to, the title, the government the preamble names (我代表某某市
人民政府); else read from the text (``issuer_from_text``): the unit and the government the
preamble speaks for (我代表市人民政府, 我代表行署: 市, 人民政府), and the place the text names most
(a place name, not a word of the genre: importer.yaml's not_places), 某某 + 市 + 人民政府.

The year of the session, which is the year the plan is for: the byline's date, the title's year,
the year the plan part's heading names, the latest a part heading names; else the year after the
one the review speaks of most (the year past: 1977 in a review of 一九七七年).

What is read from the text alone is noted as a doubt: a person checks it in a minute.
"""

from __future__ import annotations

import re
from collections import Counter

from site_src.ingest.clean import CleanText, SourceLine
from site_src.ingest.front import Front
from site_src.ingest.numbering import numeral_value
from site_src.model import Doubt, Part
from site_src.segment import segmenter
from site_src.variants.convert import make_converter
from site_src.words import Words

_YEAR = re.compile(r"((?:19|20)\d\d)年")
_YEAR_IS = re.compile(r"^((?:19|20)\d\d)年是")
_CHINESE_YEAR = re.compile(r"([一二三四五六七八九〇零]{4})年")
_DIGITS = {char: str(n) for n, char in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CHINESE = re.compile(r"[\u4e00-\u9fff]+")
_NAMED = 5  # a place the report is issued for is named at least this often
_COMMON = 2000  # a word the segmenter's dictionary counts more often than this is common
_NAME_TAGS = ("ns", "n", "nr", "nrt", None)  # place, noun, person (a name mistaken), unknown


def find_issuer(clean: CleanText, front: Front, preamble: list[SourceLine], words: Words) -> str:
    """Who reports, as the head, the page or the preamble says it ('' where none does)."""
    to_simplified = make_converter("tw2s")
    for removal in clean.furniture:  # a site's imprint: 版权所有：某某市某某区人民政府
        match = words.imprint.search(to_simplified(removal.text))
        if match:
            return match.group(1)
    for issuer in (front.speaker_issuer, front.venue_issuer, front.title_issuer):
        if issuer:
            return issuer
    for line in preamble:  # 现在，我代表国务院，向大会报告政府工作
        match = words.speaks_for.search(line.text)
        if match and words.government_named(match.group(1)):
            return match.group(1)
    return ""


def national_session(preamble: list[SourceLine], words: Words) -> tuple[str, int]:
    """(the national government, the session's year) where the preamble names the national
    congress it reports to (向第二届全国人民代表大会第一次会议作政府工作报告); ('', 0) else."""
    for line in preamble:
        match = words.national_session.search(line.text)
        if match:
            start = _term_start(numeral_value(match.group(1)), words)
            session = numeral_value(match.group(2)) if match.group(2) else 1
            return words.data.national_government, start + session - 1 if start else 0
    return "", 0


def _term_start(term: int, words: Words) -> int:
    """The year the national congress of a term first met (0 where unknown)."""
    known = {numeral_value(name): year for name, year in words.data.national_terms.items()}
    if term in known or not known:
        return known.get(term, 0)
    last = max(known)
    return known[last] + (term - last) * words.data.national_term_years if term > last else 0


def issuer_from_text(lines: list[SourceLine], preamble: list[SourceLine], words: Words,
                     doubts: list[Doubt]) -> str:
    """The government the preamble speaks for (我代表市人民政府) with the place the text names
    most; '' where the preamble names no unit or the text no place."""
    spoken = next(((line, match) for line in preamble for match in [words.speaks_for_unit.search(line.text)]
                   if match), None)
    if spoken is None:
        return ""
    line, match = spoken
    unit, government = match.group(1), words.data.government_short.get(match.group(2), match.group(2))
    text = "".join(item.text for item in lines)
    if not unit:  # 我代表行署: the unit the text calls itself (全盟)
        units = Counter(found for found in re.findall(rf"[全我本]({words.unit_pattern})", text))
        unit = units.most_common(1)[0][0] if units else ""
    place = _place_named_most(text, words)
    if not unit or not place:
        return ""
    issuer = f"{place}{unit}{government}"
    doubts.append(Doubt(line.number, line.text, f"the issuer is read from the text: {issuer} (the preamble "
                        f"speaks for the {unit}'s government, and the text names {place} most)"))
    return issuer


def _place_named_most(text: str, words: Words) -> str:
    """The place name the text names most, as the word segmenter tags place names."""
    found = segmenter()  # the dictionary's own words and counts: no report's glossary added
    tagged = found.dictionary_tags(text)
    # Words of the dictionary's common vocabulary, and verbs and the like, name no place; a word
    # the dictionary knows as a place name counts twice.
    tags = dict(tagged)
    names = Counter({word: count * (2 if tags[word] == "ns" else 1)
                     for word, count in Counter(word for word, _ in tagged).items()
                     if count >= _NAMED and len(word) >= 2 and _CHINESE.fullmatch(word)
                     and found.count(word) < _COMMON
                     and tags[word] in _NAME_TAGS and word not in words.data.not_places
                     and not word.startswith(words.data.self_reference)})
    return names.most_common(1)[0][0] if names else ""


def find_year(parts: list[Part], front: Front) -> int:
    """The year of the session as the head or the part headings say it (0 where none does)."""
    if front.year_said:
        return front.year_said
    for part in parts:
        match = _YEAR.search(part.title)
        if part.kind == "plan" and match:
            return int(match.group(1))
        opens = _YEAR_IS.match(part.opening[0].source_text) if part.opening and not part.has_heading else None
        if part.kind == "plan" and opens:  # a plan without a heading line: 2026年是…
            return int(opens.group(1))
    years = [int(year) for part in parts for year in _YEAR.findall(part.title)]
    return max(years) if years else 0


def year_from_review(parts: list[Part], doubts: list[Doubt], line: int) -> int:
    """The year after the one the review speaks of most (the latest of those it names as often)."""
    review = [part for part in parts if part.kind == "review"][:1]
    text = "".join(p.source_text for part in review for p in part.paragraphs()).translate(_WIDE_DIGITS)
    years = Counter(int(year) for year in _YEAR.findall(text))
    years.update(int("".join(_DIGITS[char] for char in year)) for year in _CHINESE_YEAR.findall(text))
    if not years:
        return 0
    most = max(years.values())
    year = max(year for year, count in years.items() if count == most) + 1
    doubts.append(Doubt(line, review[0].title or review[0].label, f"the year is read from the text: {year} "
                        f"(the review speaks most of {year - 1})"))
    return year
