"""errata.yaml: a person's decisions on the damaged spans of one source text, read by the importer.

    errata:
      - damaged: 量?jì)?yōu)良         # the span as the source has it (enough to be found)
        repaired: 量優良               # what it should read …
        reason: 乱码：…
      - damaged: 县长????某某
        lost: true                     # … or: the characters are lost, and stay marked as lost
        reason: 原文缺字

Each entry must match the source (a stale one is an error): decisions belong to one source
text. An entry that says neither (as a draft lists each span) is a decision still to make: an
error, unless the import goes on with each loss marked (``keep_losses``).

The importer drafts this file where a report's text has lost characters (``draft_errata``): every
span, with its line, for a person to decide on; like industries.yaml, the draft is theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.yamlio import Field, Flag, Reader, Table, Text, parse


@dataclass(frozen=True)
class Erratum:
    """A decision on a damaged span: the damaged text, its repair (or that it is lost), and why."""

    damaged: str
    repaired: str | None  # None: no repair given (the span is lost, or still to decide)
    reason: str
    location: Location = field(default=Location(""), compare=False)
    lost: bool = False  # the person confirms the characters are lost: they stay marked

    @property
    def decided(self) -> bool:
        return self.repaired is not None or self.lost


ERRATUM = Table(Erratum, (Field("damaged", Text()),
                          Field("repaired", Text(empty=True), required=False, default=None),
                          Field("lost", Flag(), required=False, default=False),
                          Field("reason", Text())))


def load_errata(path: Path) -> tuple[Erratum, ...]:
    """The person's errata; a missing file means no errata."""
    if not path.exists():
        return ()
    return read_errata(read_text(path), str(path))


def read_errata(text: str, file: str) -> tuple[Erratum, ...]:
    problems: list[Problem] = []
    reader = Reader(file, problems)
    node = parse(text, file)
    errata: list[Erratum] = []
    if node is not None:
        fields = reader.mapping(node, "", ("errata",))
        items = reader.sequence(fields.get("errata") if fields else None, "errata")
        for n, item in enumerate(items):
            erratum = ERRATUM.read(reader, item, f"errata[{n}]")
            if erratum is None:
                continue
            where = Location(file, item.start_mark.line + 1, key=f"errata[{n}]")
            if erratum.lost and erratum.repaired is not None:
                problems.append(Problem(where, "says both repaired and lost: true (one of them)"))
            errata.append(Erratum(erratum.damaged, erratum.repaired, erratum.reason, where, erratum.lost))
    if problems:
        raise SiteError(problems)
    return tuple(errata)


@dataclass(frozen=True)
class Span:
    """A damaged span found in the source: its line, its column (1-based), the span with a few
    characters around it (what an erratum quotes), and the damage itself."""

    line: int
    column: int
    quoted: str
    damage: str


_HEADER = """\
# The spans of this report's source where characters were lost (?? ???? or U+FFFD, where a
# page could not show them), drafted by the import. For each, write what the text should read
# (repaired: …, the whole quoted span), or confirm the loss (lost: true): a lost span stays
# marked {mark} in both scripts and is listed on the report's notes page. Then import again.
# The file is yours: the import never rewrites it (removed, it is drafted again with --force).
errata:
"""


def draft_errata(spans: list[Span], mark: str, reason: str) -> str:
    """The draft errata.yaml: one entry per damaged span, each decision left to the person."""
    entries = []
    seen: set[str] = set()
    for span in spans:
        if span.quoted in seen:
            continue  # one entry repairs every place that reads the same
        seen.add(span.quoted)
        damaged = yaml.safe_dump(span.quoted, allow_unicode=True, default_style='"').strip()
        entries.append(f"  - damaged: {damaged}  # line {span.line}, column {span.column}\n"
                       f"    reason: {reason}\n"
                       f"    # repaired: …   (or) lost: true\n")
    return _HEADER.format(mark=mark) + "".join(entries)
