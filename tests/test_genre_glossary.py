"""The genre's glossary: every wrong conversion the review found on 16 real reports is fixed, each
entry is needed, and converting the whole corpus with and without it differs only there.

tests/data/conversion-errors.yaml lists every wrong conversion of bare OpenCC s2tw found by a hand
review of the 15 shared reports and the bundled one (see its header); report-specific names and
slips are fixed by that report's own glossary (tests/data/report-glossaries/, and the bundled
report's content/reports/2024-rongchang/glossary.yaml), the rest by the genre's.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from site_src.content.glossary import load_glossary
from site_src.content.site import first_of
from site_src.genre import SHIPPED
from site_src.ingest.clean import clean_source
from site_src.model import GlossaryEntry
from site_src.variants.convert import make_converter

from .conftest import CONTENT, REPORT, SHARED_REPORTS

DATA = Path(__file__).resolve().parent / "data"
ERRORS = yaml.safe_load((DATA / "conversion-errors.yaml").read_text(encoding="utf-8"))["errors"]
GENRE = load_glossary(SHIPPED / "glossary.yaml")
BUNDLED = "rongchang-2024"
# Entries of the genre whose phrase no report of the corpus happens to get wrong: a sentence of
# the genre that shows what each is for.
FIXTURES = {"头只": ("全年出栏牲畜12万头只，增长5%。", "全年出欄牲畜12萬頭隻，增長5%。")}


def own_glossary(report: str) -> tuple[GlossaryEntry, ...]:
    """A report's own entries and, for the bundled report, its site's, as a build chains them."""
    if report == BUNDLED:
        return load_glossary(REPORT / "glossary.yaml") + load_glossary(CONTENT / "glossary.yaml")
    path = DATA / "report-glossaries" / f"{report}.yaml"
    return load_glossary(path) if path.is_file() else ()


@cache
def converter(report: str, without: str = "", genre: bool = True):  # type: ignore[no-untyped-def]
    entries = first_of(own_glossary(report), GENRE if genre else ())
    return make_converter("s2tw", tuple(entry for entry in entries if entry.phrase != without))


@cache
def corpus_text(report: str) -> str:
    """A report's text as the import cleans it (the lines, joined), which the contexts quote."""
    if report == BUNDLED:
        raw, name, errata = (REPORT / "source.txt").read_bytes(), "source.txt", REPORT / "errata.yaml"
        from site_src.ingest.errata import load_errata

        return "".join(line.text for line in clean_source(raw, name, load_errata(errata)).lines)
    path = SHARED_REPORTS / f"{report}.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared reports are read from there, never copied")
    return "".join(line.text for line in clean_source(path.read_bytes(), path.name, (), strict=False).lines)


@pytest.mark.parametrize("error", ERRORS, ids=[f"{e['report']}:{e['context']}" for e in ERRORS])
def test_every_known_wrong_conversion_is_fixed(error: dict[str, str]) -> None:
    context = error["context"]
    bare = make_converter("s2tw")(context)
    assert error["opencc"] in bare  # the error is real: bare OpenCC makes it
    ours = converter(error["report"])(context)
    start = context.index(error["phrase"]) if error["phrase"] in context else None
    assert error["right"] in ours, (context, ours)
    if start is not None and error["opencc"] != error["right"]:
        assert ours[start:start + len(error["phrase"])] != bare[start:start + len(error["phrase"])]


@pytest.mark.parametrize("entry", GENRE, ids=[entry.phrase for entry in GENRE])
def test_each_genre_entry_is_needed(entry: GlossaryEntry) -> None:
    """Without the entry, some known error comes back (or the genre sentence it is for goes wrong)."""
    if entry.phrase in FIXTURES:
        text, right = FIXTURES[entry.phrase]
        assert converter(BUNDLED)(text) == right
        assert converter(BUNDLED, without=entry.phrase)(text) != right
        return
    # An entry acts only where its phrase occurs: those are the errors it can fix.
    broken = [e for e in ERRORS if entry.phrase in e["context"]
              and e["right"] not in converter(e["report"], without=entry.phrase)(e["context"])]
    assert broken, f"{entry.phrase}: no known error needs it"


@pytest.mark.parametrize("report", sorted({e["report"] for e in ERRORS}))
def test_the_genre_glossary_changes_nothing_but_the_known_errors(report: str) -> None:
    """Whole reports converted with and without the genre's glossary (their own glossaries in
    both): every character that differs lies in a known error's context, and the context of every
    known error the report's own glossary leaves to the genre's has one."""
    text = corpus_text(report)
    without, ours = converter(report, genre=False)(text), converter(report)(text)
    assert len(without) == len(ours) == len(text)
    changed = {n for n, (a, b) in enumerate(zip(without, ours, strict=True)) if a != b}
    spans = []
    for error in (e for e in ERRORS if e["report"] == report):
        at = text.find(error["context"])
        assert at >= 0 and text.find(error["context"], at + 1) < 0, error["context"]  # once
        if error["right"] not in converter(report, genre=False)(error["context"]):
            spans.append(range(at, at + len(error["context"])))
    assert sorted(n for n in changed if not any(n in span for span in spans)) == []
    assert [span for span in spans if not changed.intersection(span)] == []


def test_report_names_stay_with_their_report() -> None:
    """Place, street and company names of one report are in its own glossary, not the genre's."""
    for path in (DATA / "report-glossaries").glob("*.yaml"):
        for entry in load_glossary(path):
            assert entry.phrase not in {item.phrase for item in GENRE}, (path.name, entry.phrase)
