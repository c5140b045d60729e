"""What the search manifest says beside its shards: each report's government and year (the facets
a reader filters by) and the genre's synonyms, spelled as the site's text spells them.

Both are computed from the reports of one variant, in the variant's script, so that the filters
and the words a query also looks for read as the page does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from site_src.site.search_keys import DIGITS64, stripper

UNKNOWN_YEAR = 64 * 64 - 1  # a report whose year the import did not find: in no year's filter
YEAR_DIGITS = 2  # a year is written as its distance from the first year, in two base-64 digits


@dataclass(frozen=True)
class Facets:
    """The governments and years of a site's reports, in the manifest's terms."""

    governments: tuple[str, ...]  # each government's place, as its latest report writes it
    first_year: int
    width: int  # base-64 digits of a government's number
    codes: str  # per report in the index's order: its government's number, then its year


def facets(issuers: Sequence[str], places: Sequence[str], years: Sequence[int]) -> Facets:
    """The facets of reports given by issuer, place and year, in the index's order (newest first).

    One government may sign as 某某市甲乙区人民政府 one year and as 甲乙区人民政府 another: an
    issuer that ends with another issuer of the site is that government, named with the units
    above it. A report without an issuer or a year is in no government's or year's filter."""
    known = sorted({issuer for issuer in issuers if issuer}, key=len)
    root = {issuer: next(other for other in known if issuer.endswith(other)) for issuer in known}
    governments: dict[str, str] = {}  # root issuer -> place of its first (latest) report
    for issuer, place in zip(issuers, places, strict=True):
        if issuer:
            governments.setdefault(root[issuer], place)
    numbers = {issuer: n for n, issuer in enumerate(governments)}
    width = digits_for(len(governments) + 1)
    dated = [year for year in years if year > 0]
    first = min(dated, default=0)
    codes = "".join(
        number(numbers[root[issuer]] if issuer else len(governments), width)
        + number(year - first if year > 0 and year - first < UNKNOWN_YEAR else UNKNOWN_YEAR, YEAR_DIGITS)
        for issuer, year in zip(issuers, years, strict=True))
    return Facets(tuple(governments.values()), first, width, codes)


def digits_for(count: int) -> int:
    """The base-64 digits a number below ``count`` needs (at least one)."""
    width = 1
    while 64 ** width < count:
        width += 1
    return width


def number(value: int, width: int) -> str:
    """``value`` in ``width`` base-64 digits, the most significant first."""
    digits = ""
    for _ in range(width):
        value, digit = divmod(value, 64)
        digits = DIGITS64[digit] + digits
    return digits


def synonym_strip(synonyms: Mapping[str, Sequence[str]], fold: dict[str, str]) -> dict[int, str | None]:
    """What search.js does to the characters of the synonyms (their keys and what they find)."""
    words = set("".join(synonyms)) | {char for said in synonyms.values() for char in "".join(said)}
    return stripper(fold, words)


def wanted_words(synonyms: Mapping[str, Sequence[str]], strip: dict[int, str | None]) -> frozenset[str]:
    """What the synonyms find, folded (``strip``: synonym_strip): the words each report's own
    spelling of is looked for (report_spellings)."""
    folded = (word.translate(strip) for said in synonyms.values() for word in said)
    return frozenset(word for word in folded if word)


def spelled_synonyms(synonyms: Mapping[str, Sequence[str]], spellings: Sequence[Mapping[str, str]],
                     strip: dict[int, str | None]) -> dict[str, list[str]]:
    """The synonyms a query of this site can use: each word as search.js folds it (the key it
    looks for in a query's words), under the words it also finds, each spelled as the first
    report that holds it writes it (``spellings``: each report's, report_spellings, newest first;
    ``strip``: synonym_strip). A word no report holds finds nothing and is left out, and so is a
    key left with none."""
    spelled: dict[str, str] = {}
    for report in spellings:
        for word, spelling in report.items():
            spelled.setdefault(word, spelling)
    found: dict[str, list[str]] = {}
    for key, words in synonyms.items():
        folded = key.translate(strip)
        for word in words:
            spelling = spelled.get(word.translate(strip))
            if folded and spelling and word.translate(strip) != folded:
                targets = found.setdefault(folded, [])
                if spelling not in targets:
                    targets.append(spelling)
    return dict(sorted(found.items()))


def report_spellings(wanted: frozenset[str], texts: Sequence[str],
                     strip: dict[int, str | None]) -> dict[str, str]:
    """Each folded word of ``wanted`` that one report's texts (its headings and paragraphs) hold,
    under the report's own spelling of it (its first occurrence); ``strip`` covers every character
    of the texts. The report is folded once as a whole; only a text that holds a word is read
    character by character."""
    spelled: dict[str, str] = {}
    whole = "\0".join(texts).translate(strip)  # \0 is kept: no word runs across two texts
    for word in sorted(wanted):
        if word in whole:
            text = next(text for text in texts if word in text.translate(strip))
            spelled[word] = _spelling(text, strip, text.translate(strip).index(word), len(word))
    return spelled


def _spelling(text: str, strip: dict[int, str | None], at: int, length: int) -> str:
    """The characters of ``text`` whose folded form is the ``length`` characters from ``at`` of its
    folded form, as the text writes them (the punctuation and spaces folding drops left out:
    a phrase a query may find across them is shown without them)."""
    kept: list[str] = []
    position = 0
    for char in text:
        if strip.get(ord(char), char) is None:
            continue
        if position >= at:
            kept.append(char)
            if len(kept) == length:
                return "".join(kept)
        position += 1
    raise ValueError("the folded span is not in the text")
