"""A mutation fuzz of the importer: real reports, damaged in the ways files get damaged.

The inputs are the seed (content/reports/2024-rongchang/source.txt, with its errata.yaml) and the
shared reports (../shared/reports/*.txt beside the repository, read from there, never copied;
skipped, with the reason, where they are not). Each is mutated with a seeded random generator,
so a run is deterministic: truncations (of bytes and of lines), deletions (of lines, of byte
spans, of line breaks), duplications (of lines and of blocks), swapped lines, flipped bits,
other encodings and line endings, control characters and pin syntax put in.

Every mutant must give either
- a located error: a SiteError whose every problem names a file, and a line where the input
  has lines; or
- a report whose YAML, written and read back, holds every sentence of the mutant, less what the
  import's provenance says it removed (page furniture by line, pinyin annotations, damaged spans
  replaced by their errata), after the conversion to Simplified the provenance names.
"""

from __future__ import annotations

import random
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_src.content.report import load_report, write_report
from site_src.errors import SiteError
from site_src.ingest import Erratum, import_report
from site_src.ingest.errata import load_errata
from site_src.model import Report
from site_src.variants.convert import make_converter

from .conftest import REPORT, SEED, SHARED_REPORTS, SLOW, THOROUGH

pytestmark = SLOW  # mutants of every shared report imported

SEED_NUMBER = 20240315  # change it to fuzz other mutants; the figures below hold for this one
MUTANTS_PER_INPUT = 60 if THOROUGH else 20
SHARED = sorted(SHARED_REPORTS.glob("*.txt")) if SHARED_REPORTS.is_dir() else []
CODECS = {"utf-8": "utf-8-sig", "gb18030": "gb18030", "big5": "cp950"}
_CONTROL = ("\x00", "\x1b]0;x\x07", "\x85", "\x0c", "\u202e", "\x7f")
_PUNCTUATION = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})


@dataclass(frozen=True)
class Input:
    name: str
    raw: bytes
    errata: tuple[Erratum, ...]


def inputs() -> list[Input]:
    found = [Input("seed", SEED.read_bytes(), load_errata(REPORT / "errata.yaml"))]
    found += [Input(path.stem, path.read_bytes(), ()) for path in SHARED]
    return found


# --- mutations ----------------------------------------------------------------------------------

def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


def _pick(rng: random.Random, items: list[bytes]) -> int:
    return rng.randrange(len(items)) if items else 0


def mutate(raw: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One damaged copy of ``raw``: (what was done, the bytes)."""
    lines = _lines(raw)
    kind = rng.choice(("truncate-bytes", "truncate-lines", "delete-line", "delete-bytes", "delete-break",
                       "duplicate-line", "duplicate-block", "swap-lines", "flip-bit", "flip-bits",
                       "encoding", "line-endings", "control", "pin", "blank-lines"))
    n = _pick(rng, lines)
    if kind == "truncate-bytes":
        return kind, raw[: rng.randrange(len(raw) + 1)]
    if kind == "truncate-lines":
        return kind, b"\n".join(lines[:n])
    if kind == "delete-line":
        return kind, b"\n".join(lines[:n] + lines[n + 1:])
    if kind == "delete-bytes":
        start = rng.randrange(len(raw) + 1)
        return kind, raw[:start] + raw[start + rng.randrange(1, 200):]
    if kind == "delete-break":
        return kind, b"\n".join(lines[:n]) + b"".join(lines[n:n + 2]) + b"\n" + b"\n".join(lines[n + 2:])
    if kind == "duplicate-line":
        return kind, b"\n".join(lines[: n + 1] + lines[n:])
    if kind == "duplicate-block":
        size = rng.randrange(1, 20)
        return kind, b"\n".join(lines[: n + size] + lines[n: n + size] + lines[n + size:])
    if kind == "swap-lines":
        m = _pick(rng, lines)
        swapped = list(lines)
        swapped[n], swapped[m] = swapped[m], swapped[n]
        return kind, b"\n".join(swapped)
    if kind in ("flip-bit", "flip-bits"):
        data = bytearray(raw)
        for _ in range(1 if kind == "flip-bit" else rng.randrange(2, 12)):
            if data:
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return kind, bytes(data)
    text = raw.decode("utf-8-sig", errors="replace")
    if kind == "encoding":
        codec = rng.choice(("gb18030", "cp950", "utf-16", "utf-8-sig", "latin-1"))
        return f"encoding {codec}", text.encode(codec, errors="replace")
    if kind == "line-endings":
        return kind, text.replace("\n", rng.choice(("\r\n", "\r"))).encode("utf-8")
    text_lines = text.split("\n")
    n = rng.randrange(len(text_lines))
    line = text_lines[n]
    at = rng.randrange(len(line) + 1)
    if kind == "control":
        text_lines[n] = line[:at] + rng.choice(_CONTROL) + line[at:]
    elif kind == "pin":
        text_lines[n] = line[:at] + rng.choice(("[[", "]]", "[[26|99]]", "[[范]]")) + line[at:]
    else:
        text_lines[n: n] = [""] * rng.randrange(1, 4) + [" \t"]
    return kind, "\n".join(text_lines).encode("utf-8")


def mutants(source: Input, count: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(f"{SEED_NUMBER}:{source.name}")
    for _ in range(count):
        raw = source.raw
        description = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):  # mostly one mutation, sometimes a few
            kind, raw = mutate(raw, rng)
            description.append(kind)
        yield "+".join(description), raw


# --- what a success must hold ----------------------------------------------------------------------

def normal(text: str) -> str:
    """Text compared as words: no white space, ASCII punctuation in its full-width form."""
    return re.sub(r"\s+", "", text).translate(_PUNCTUATION)


def sentences(text: str) -> list[str]:
    return [piece for piece in re.split(r"(?<=[。！？!?])", text) if normal(piece)]


def expected_lines(raw: bytes, report: Report) -> Iterator[tuple[int, str]]:
    """(line number, text) of every source line the report must hold, as the provenance says:
    decoded as it names, furniture lines left out, errata, character repairs and annotation
    removals applied,
    converted to Simplified if it was converted."""
    provenance = report.provenance
    text = raw.decode(CODECS[provenance.source.encoding]).replace("\r\n", "\n").replace("\r", "\n")
    furniture = {removal.line for removal in provenance.furniture}
    to_simplified = make_converter("tw2s") if provenance.source.converter == "tw2s" else None
    for number, line in enumerate(text.split("\n"), start=1):
        if number in furniture:
            continue
        for repair in provenance.errata:
            if repair.line == number:
                line = line.replace(repair.damaged, repair.repaired)
        for fix in provenance.repairs:  # characters the importer repaired by a named rule
            if fix.line == number:
                line = line.replace(fix.found, fix.fixed)
        for record in provenance.annotations:
            if record.line == number:
                for annotation in re.findall(r"\([^()]*\)", record.removed):
                    line = line.replace(annotation, "", 1)
        if line.strip():
            yield number, to_simplified(line) if to_simplified else line


def held_text(report: Report) -> tuple[str, str]:
    """The report's words (its walk, headings included) and its metadata (title, issuer, byline),
    each as one normal text."""
    words = normal(report.source_text())
    metadata = normal("".join((report.title, report.issuer, f"{report.year}年", *report.byline)))
    return words, metadata


def lost_sentences(raw: bytes, report: Report) -> list[str]:
    words, metadata = held_text(report)
    lost = []
    for number, line in expected_lines(raw, report):
        for sentence in sentences(line):
            # An appended glossary's entries are numbered as the walk writes them (1.), in order:
            # the number is the importer's, the words are the source's.
            wanted = re.sub(r"^[0-9]+[.．、]", "", normal(sentence))
            if wanted in words or wanted in metadata:
                continue
            # The title line is metadata: 2026年四川省人民政府工作报告 is kept as its year, its
            # government and its title, each in its own field.
            if "政府工作报告" in wanted and set(wanted) <= set(metadata):
                continue
            lost.append(f"line {number}: {sentence}")
    return lost


def check(source: Input, description: str, raw: bytes) -> str:
    """'error' or 'report' for a mutant that behaves; an AssertionError naming it otherwise."""
    label = f"{source.name} [{description}]"
    try:
        report = import_report(raw, "report.txt", source.errata, errata_file="errata.yaml")
    except SiteError as error:
        assert error.problems, label
        has_lines = bool(raw.strip())
        for problem in error.problems:
            assert problem.location.file, (label, str(problem))
            if has_lines:
                assert problem.location.line is not None and problem.location.line >= 1, (label, str(problem))
        return "error"
    with tempfile.TemporaryDirectory() as folder:
        write_report(report, Path(folder))
        loaded = load_report(Path(folder))
    assert loaded == report, label
    lost = lost_sentences(raw, loaded)
    assert not lost, (label, lost[:5])
    return "report"


def test_the_fuzz_has_inputs() -> None:
    assert inputs()[0].name == "seed"
    if not SHARED:
        pytest.skip(f"the shared reports are not in {SHARED_REPORTS}: the fuzz ran over the seed alone")


@pytest.mark.parametrize("source", inputs(), ids=lambda source: source.name)
def test_every_mutant_imports_whole_or_fails_with_located_errors(source: Input) -> None:
    outcomes = [check(source, description, raw) for description, raw in mutants(source, MUTANTS_PER_INPUT)]
    assert outcomes.count("error") + outcomes.count("report") == MUTANTS_PER_INPUT


def test_the_unmutated_inputs_lose_nothing() -> None:
    """The oracle itself: on the inputs as they are, every sentence is found."""
    for source in inputs():
        try:
            report = import_report(source.raw, "report.txt", source.errata)
        except SiteError:
            continue  # a shared report the importer cannot read yet (its own issue)
        assert lost_sentences(source.raw, report) == [], source.name
