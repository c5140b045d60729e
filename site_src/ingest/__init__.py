"""Raw report text -> the report model: clean the scrape, convert to Simplified, find the structure."""

from __future__ import annotations

import dataclasses

from site_src.ingest.errata import Erratum
from site_src.ingest.words import shipped_words
from site_src.model import Report
from site_src.words import Words

__all__ = ["Erratum", "import_report"]


def import_report(raw: bytes, source_file: str, errata: tuple[Erratum, ...], *, strict: bool = True,
                  errata_file: str = "errata.yaml", words: Words | None = None) -> Report:
    """The whole import: raises SiteError listing every problem with its line and column.

    ``errata_file`` is where repairs of damaged text go, for the messages that ask for one; a
    report read with ``strict`` False passes over damaged text (to learn its title and year).
    ``words`` are the genre's (the site's genre profile); the shipped ones by default.
    """
    # Imported here: a build names a report's folder with ingest.slug and must not pay for
    # loading the importer.
    from site_src.ingest.clean import clean_source
    from site_src.ingest.originals import originals
    from site_src.ingest.structure import parse_structure

    words = words or shipped_words()
    cleaned = clean_source(raw, source_file, errata, strict=strict, errata_file=errata_file, words=words)
    report = parse_structure(cleaned, words)
    return dataclasses.replace(report, originals=originals(report, cleaned))
