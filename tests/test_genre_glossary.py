"""The genre's glossary and context rules: every wrong conversion the review found on 16 real
reports is fixed, each glossary entry is needed, and converting the whole corpus with and without
the genre's glossary differs only at judged places.

tests/data/conversion-errors.yaml lists every wrong conversion of bare OpenCC s2tw found by a hand
review of the 15 shared reports and the bundled one (see its header); report-specific names and
slips are fixed by that report's own glossary (tests/data/report-glossaries/, and the bundled
report's content/reports/2024-rongchang/glossary.yaml), the rest by conversion by words, the
genre's context rules and glossary.
"""

from __future__ import annotations

import pytest

from site_src.model import GlossaryEntry

from .conversion_corpus import (
    BUNDLED,
    CHANGES,
    ERRORS,
    GENRE,
    REVIEWED,
    bare_s2tw,
    converter,
    corpus,
    lines,
    own_glossary,
    text,
)


def at(error: dict[str, str]) -> tuple[int, int]:
    """The line of the report holding the error's context, and where its phrase starts there."""
    for n, line in enumerate(lines(error["report"])):
        if error["context"] in line:
            return n, line.index(error["context"]) + max(error["context"].find(error["phrase"]), 0)
    raise AssertionError(f"{error['report']}: {error['context']} not found")


@pytest.mark.parametrize("error", ERRORS, ids=[f"{e['report']}:{e['context']}" for e in ERRORS])
def test_every_known_wrong_conversion_is_fixed(error: dict[str, str]) -> None:
    """In its report's line, as a build converts it: bare OpenCC makes the error, ours does not."""
    n, start = at(error)
    line = lines(error["report"])[n]
    end = start + len(error["phrase"])
    assert error["opencc"] in bare_s2tw()(line)[max(0, start - 2):end + 2]  # the error is real
    assert converter(error["report"])(line)[start:end] == error["right"], (error["context"], line)


def places(report: str) -> list[range]:
    """Where the report's known errors and judged changes are, in its text."""
    whole = text(report)
    contexts = [e["context"] for e in ERRORS if e["report"] == report]
    contexts += [item["context"] for change in CHANGES for item in change["occurrences"]
                 if item["report"] == report]
    return [range(at_, at_ + len(context)) for context in contexts for at_ in [whole.find(context)]]


# Entries whose phrase the corpus gets right only by accident (OpenCC's 松土 over 深松|土地): a
# sentence of the genre that shows what each is for.
FIXTURES = {"深松": ("推广深松整地作业", "推廣深鬆整地作業")}


@pytest.mark.parametrize("entry", GENRE, ids=[entry.phrase for entry in GENRE])
def test_each_genre_entry_is_needed(entry: GlossaryEntry) -> None:
    """Without the entry, some judged place of the corpus is converted otherwise."""
    if entry.phrase in FIXTURES:
        sentence, right = FIXTURES[entry.phrase]
        assert converter(BUNDLED)(sentence) == right
        assert converter(BUNDLED, without=entry.phrase)(sentence) != right
        return
    for report in corpus():
        offset = 0
        for line in lines(report):
            if entry.phrase in line:
                ours, without = converter(report)(line), converter(report, without=entry.phrase)(line)
                changed = [offset + k for k in range(len(line)) if ours[k] != without[k]]
                if any(n in span for n in changed for span in places(report)):
                    return
            offset += len(line) + 1
    pytest.fail(f"{entry.phrase}: no judged conversion needs it")


@pytest.mark.parametrize("report", REVIEWED)
def test_the_genre_glossary_changes_nothing_but_judged_places(report: str) -> None:
    """Whole reports converted with and without the genre's glossary (their own glossaries in
    both): every character that differs lies in a known error's or a judged change's context, or
    is written as bare OpenCC writes it (团团伙伙: right there by accident, kept so by 团伙)."""
    whole = text(report)
    without = converter(report, genre=False)(whole)
    ours, bare = converter(report)(whole), bare_s2tw()(whole)
    assert len(without) == len(ours) == len(whole)
    changed = [n for n, (a, b) in enumerate(zip(without, ours, strict=True)) if a != b and b != bare[n]]
    spans = places(report)
    assert [whole[n - 4:n + 5] for n in changed if not any(n in span for span in spans)] == []


def test_report_names_stay_with_their_report() -> None:
    """Place, street and company names of one report are in its own glossary, not the genre's."""
    genre = {item.phrase for item in GENRE}
    for report in REVIEWED:
        assert not genre.intersection(entry.phrase for entry in own_glossary(report)), report
