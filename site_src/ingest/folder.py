"""The import into a report's folder: the person's files read (errata.yaml, outline.yaml), and
the drafts of them made for a person (the outline the import read; every damaged span).

The drafts are the person's from the start: the folder writer (content/imported.py) writes one
only where no file of its name is, and not again once a person has removed it (unless --force).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_src.ingest import Imported, read_report
from site_src.ingest.clean import LOSS_REASON
from site_src.ingest.errata import draft_errata, load_errata
from site_src.ingest.outline_file import OUTLINE_FILE, draft_outline, outline_reader
from site_src.words import Words

ERRATA_FILE = "errata.yaml"


@dataclass(frozen=True)
class FolderImport:
    imported: Imported
    drafts: dict[str, bytes]  # file name -> the draft, for the folder writer
    outline_file: str  # the person's outline file the outline was read from ('' where inferred)


def import_into(raw: bytes, name: str, folder: Path, words: Words, *,
                keep_losses: bool = False) -> FolderImport:
    """The report read with the folder's errata and outline, and the drafts of both."""
    errata_path = folder / ERRATA_FILE
    outline_path = folder / OUTLINE_FILE
    imported = read_report(raw, name, load_errata(errata_path), errata_file=str(errata_path), words=words,
                           keep_losses=keep_losses, outline_of=outline_reader(outline_path, words))
    drafts = {}
    if imported.outline.inferred:
        split = bool(imported.report.provenance.flattened)
        drafts[OUTLINE_FILE] = draft_outline(imported.outline, list(imported.lines), split).encode("utf-8")
    if imported.spans:
        draft = draft_errata(list(imported.spans), words.data.loss_mark, LOSS_REASON)
        drafts[ERRATA_FILE] = draft.encode("utf-8")
    return FolderImport(imported, drafts, "" if imported.outline.inferred else str(outline_path))
