"""errata.yaml: curated repairs of damaged spans in one source text, read by the importer.

    errata:
      - damaged: 量?jì)?yōu)良
        repaired: 量優良
        reason: 乱码：…

Each entry must match the source (a stale one is an error): repairs belong to one source text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.yamlio import Field, Reader, Table, Text, parse


@dataclass(frozen=True)
class Erratum:
    """A curated repair of a damaged span: the damaged text, its repair, and why."""

    damaged: str
    repaired: str
    reason: str
    location: Location = field(default=Location(""), compare=False)


ERRATUM = Table(Erratum, (Field("damaged", Text()), Field("repaired", Text(empty=True)),
                          Field("reason", Text())))


def load_errata(path: Path) -> tuple[Erratum, ...]:
    """The curated errata; a missing file means no errata."""
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
            if erratum is not None:
                errata.append(Erratum(erratum.damaged, erratum.repaired, erratum.reason,
                                      Location(file, item.start_mark.line + 1, key=f"errata[{n}]")))
    if problems:
        raise SiteError(problems)
    return tuple(errata)

