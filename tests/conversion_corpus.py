"""The corpus conversion is measured on: the 16 reviewed reports (the 15 in ../shared/reports and
the bundled one, tests/data/conversion-errors.yaml), the 35 of ../shared/reports/corpus2, each as
its lines, and each converted as a build would with its own glossary
(tests/data/report-glossaries/, or the bundled report's and its site's) before the genre's."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from site_src.content.glossary import load_glossary
from site_src.content.report import load_report
from site_src.content.site import first_of
from site_src.genre import SHIPPED
from site_src.model import GlossaryEntry
from site_src.variants.convert import Convert, make_converter
from site_src.variants.pins import strip_pins

from .conftest import CONTENT, REPORT, SHARED_REPORTS

DATA = Path(__file__).resolve().parent / "data"
ERRORS = yaml.safe_load((DATA / "conversion-errors.yaml").read_text(encoding="utf-8"))["errors"]
CHANGES = yaml.safe_load((DATA / "conversion-changes.yaml").read_text(encoding="utf-8"))["changes"]
GENRE = load_glossary(SHIPPED / "glossary.yaml")
BUNDLED = "rongchang-2024"
REVIEWED = tuple(sorted({error["report"] for error in ERRORS}))
CORPUS2 = SHARED_REPORTS / "corpus2"
# The corpus2 reports the judgements name (the folder is read, never copied).
SECOND = tuple(sorted({item["report"] for change in CHANGES for item in change["occurrences"]}
                      - set(REVIEWED)))


def corpus() -> tuple[str, ...]:
    """Every report of the corpus whose text is here (the shared ones are skipped where absent)."""
    present = {path.stem for path in CORPUS2.glob("*.txt")} if CORPUS2.is_dir() else set()
    return REVIEWED + tuple(sorted(present))


@cache
def lines(report: str) -> tuple[str, ...]:
    """A report's non-empty lines, stripped (the text as found: the measure needs no structure,
    and reading is fast where a cleaning import of 50 reports takes a minute)."""
    if report == BUNDLED:  # its source is Traditional: the text is its content's, as built
        return tuple(strip_pins(step.text) for step in load_report(REPORT).walk())
    path = SHARED_REPORTS / f"{report}.txt"
    if not path.is_file():
        path = CORPUS2 / f"{report}.txt"
    if not path.is_file():
        pytest.skip(f"{path.name} is absent from {SHARED_REPORTS}: the shared reports are read from "
                    "there, never copied")
    raw = path.read_bytes().decode("utf-8-sig").replace("\r", "\n")
    return tuple(line.strip() for line in raw.split("\n") if line.strip())


def text(report: str) -> str:
    return "\n".join(lines(report))


def own_glossary(report: str) -> tuple[GlossaryEntry, ...]:
    """A report's own entries and, for the bundled report, its site's, as a build chains them."""
    if report == BUNDLED:
        return load_glossary(REPORT / "glossary.yaml") + load_glossary(CONTENT / "glossary.yaml")
    path = DATA / "report-glossaries" / f"{report}.yaml"
    return load_glossary(path) if path.is_file() else ()


@cache
def converter(report: str, without: str = "", genre: bool = True) -> Convert:
    entries = first_of(own_glossary(report), GENRE if genre else ())
    return make_converter("s2tw", tuple(entry for entry in entries if entry.phrase != without))


@cache
def converted(report: str, bare: bool = False) -> tuple[str, ...]:
    """The report's lines in zh-Hant: ours, or bare OpenCC s2tw's."""
    convert = bare_s2tw() if bare else converter(report)
    return tuple(convert(line) for line in lines(report))


@cache
def bare_s2tw() -> Convert:
    import opencc

    return opencc.OpenCC("s2tw").convert


def han(text: str) -> int:
    return sum(1 for char in text if "\u3400" <= char <= "\u9fff")
