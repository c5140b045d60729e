"""Raw report text -> the report model: clean the scrape, convert to Simplified, find the structure."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from site_src.ingest.errata import Erratum, Span
from site_src.ingest.words import shipped_words
from site_src.model import Report

if TYPE_CHECKING:
    from site_src.ingest.clean import SourceLine
    from site_src.ingest.outline import Outline
    from site_src.ingest.structure import OutlineOf
from site_src.words import Words

__all__ = ["Erratum", "Imported", "import_report", "read_report"]


def import_report(raw: bytes, source_file: str, errata: tuple[Erratum, ...], *, strict: bool = True,
                  errata_file: str = "errata.yaml", words: Words | None = None,
                  keep_losses: bool = False) -> Report:
    """The whole import: raises SiteError listing every problem with its line and column.

    ``errata_file`` is where repairs of damaged text go, for the messages that ask for one; a
    report read with ``strict`` False passes over damaged text (to learn its title and year).
    ``keep_losses``: characters the source lost are marked and recorded, not errors.
    ``words`` are the genre's (the site's genre profile); the shipped ones by default.
    """
    return read_report(raw, source_file, errata, strict=strict, errata_file=errata_file, words=words,
                       keep_losses=keep_losses).report


@dataclasses.dataclass(frozen=True)
class Imported:
    """A report as read, with the outline it was read by and what was found damaged."""

    report: Report
    outline: Outline
    spans: tuple[Span, ...]  # the damaged spans of the report's lines (for a draft of errata.yaml)
    lines: tuple[SourceLine, ...]  # the body's lines as the outline numbers them


def read_report(raw: bytes, source_file: str, errata: tuple[Erratum, ...], *, strict: bool = True,
                errata_file: str = "errata.yaml", words: Words | None = None, keep_losses: bool = False,
                outline_of: OutlineOf | None = None) -> Imported:
    """The import, with what a person's files are drafted from; ``outline_of`` reads a person's
    outline file against the report's lines (outline_file.py)."""
    # Imported here: a build names a report's folder with ingest.slug and must not pay for
    # loading the importer.
    from site_src.ingest.clean import clean_source
    from site_src.ingest.originals import originals
    from site_src.ingest.structure import parse_structure

    words = words or shipped_words()
    cleaned = clean_source(raw, source_file, errata, strict=strict, errata_file=errata_file, words=words,
                           keep_losses=keep_losses)
    report, outline, body = parse_structure(cleaned, words, outline_of)
    report = dataclasses.replace(report, originals=originals(report, cleaned))
    return Imported(report, outline, cleaned.spans, tuple(body))
