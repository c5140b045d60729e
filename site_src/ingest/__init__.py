"""Raw report text -> the report model: clean the scrape, convert to Simplified, find the structure."""

from __future__ import annotations

from site_src.ingest.clean import Erratum, clean_source
from site_src.ingest.structure import parse_structure
from site_src.model import Report

__all__ = ["Erratum", "import_report"]


def import_report(raw: bytes, source_file: str, errata: tuple[Erratum, ...]) -> Report:
    """The whole import: raises SiteError listing every problem with its line and column."""
    cleaned = clean_source(raw, source_file, errata)
    return parse_structure(cleaned)
