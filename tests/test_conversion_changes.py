"""Conversion by words, judged on the whole corpus: every place where it writes otherwise than
bare OpenCC s2tw is a hand-reviewed error of s2tw (tests/data/conversion-errors.yaml) or a change
judged right (tests/data/conversion-changes.yaml), and the known errors per 10,000 Han characters
are counted for bare s2tw, the last round's conversion and ours."""

from __future__ import annotations

from collections import Counter

import pytest

from .conftest import SLOW
from .conversion_corpus import CHANGES, ERRORS, REVIEWED, SECOND, converted, corpus, han, lines, text

pytestmark = SLOW  # every shared report converted

VERDICTS = {"ours-right", "both-accepted"}


def runs(a: str, b: str) -> list[tuple[int, int]]:
    """The spans where two conversions of one text differ (consecutive characters joined)."""
    found: list[tuple[int, int]] = []
    for n, (x, y) in enumerate(zip(a, b, strict=True)):
        if x != y:
            if found and found[-1][1] == n:
                found[-1] = (found[-1][0], n + 1)
            else:
                found.append((n, n + 1))
    return found


def differences(report: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, Simplified, bare, ours) in the report's text (its lines joined by line breaks)."""
    found, offset = [], 0
    for line, bare, ours in zip(lines(report), converted(report, bare=True), converted(report), strict=True):
        assert len(bare) == len(ours) == len(line), line
        found += [(offset + a, offset + b, line[a:b], bare[a:b], ours[a:b]) for a, b in runs(bare, ours)]
        offset += len(line) + 1
    return found


def span_of(whole: str, context: str) -> range:
    at = whole.find(context)
    assert at >= 0 and whole.find(context, at + 1) < 0, f"context not found once: {context}"
    return range(at, at + len(context))


@pytest.mark.parametrize("report", corpus())
def test_every_difference_from_bare_opencc_is_judged(report: str) -> None:
    whole = text(report)
    known = [span_of(whole, error["context"]) for error in ERRORS if error["report"] == report]
    judged = [(span_of(whole, item["context"]), change) for change in CHANGES
              for item in change["occurrences"] if item["report"] == report]
    used: Counter[int] = Counter()
    unjudged = []
    for start, end, simplified, bare, ours in differences(report):
        if any(start in span and end - 1 in span for span in known):
            continue
        matches = [n for n, (span, change) in enumerate(judged) if start in span and end - 1 in span
                   and (change["phrase"], change["bare"], change["ours"]) == (simplified, bare, ours)]
        if matches:
            used[min(matches, key=lambda n: used[n])] += 1
        else:
            unjudged.append((whole[max(0, start - 6):end + 6], simplified, bare, ours))
    assert unjudged == []
    stale = [(change["phrase"], whole[span.start:span.stop]) for n, (span, change) in enumerate(judged)
             if not used[n]]
    assert stale == []  # recorded, but no longer a difference there


def test_each_judgement_is_a_verdict_with_a_reason() -> None:
    for change in CHANGES:
        assert change["verdict"] in VERDICTS and change["reason"], change["phrase"]
        assert change["ours"] != change["bare"]


def test_known_errors_per_10000_han_characters() -> None:
    """The measure of the issue: known errors of bare s2tw, of the last round's conversion and of
    ours, per 10,000 Han characters, on the reviewed reports and on the whole corpus (pytest -s
    prints them)."""
    reviewed_han = sum(han(text(report)) for report in REVIEWED)
    second_han = sum(han(text(report)) for report in SECOND)
    right = [change for change in CHANGES if change["verdict"] == "ours-right"]

    def count(form: str, reports: tuple[str, ...]) -> int:
        return sum(1 for change in right if change[form] != change["ours"]
                   for item in change["occurrences"] if item["report"] in reports)

    bare = {"reviewed": len(ERRORS) + count("bare", REVIEWED), "corpus2": count("bare", SECOND)}
    before = {"reviewed": count("before", REVIEWED), "corpus2": count("before", SECOND)}
    total = reviewed_han + second_han
    # Ours has none: test_genre_glossary fixes every known error, and every change is judged right.
    for name, counts in (("bare s2tw", bare), ("before", before), ("ours", {"reviewed": 0, "corpus2": 0})):
        whole = counts["reviewed"] + counts["corpus2"]
        print(f"{name}: reviewed {counts['reviewed']} ({counts['reviewed'] / reviewed_han * 1e4:.2f} "
              f"per 10,000), whole corpus {whole} ({whole / total * 1e4:.2f} per 10,000)")
    assert bare["reviewed"] >= len(ERRORS) and bare["corpus2"] > 0
