"""The source's own text of each step of the report, where the source was Traditional.

The import makes the content Simplified; the conversion audit compares our Traditional text with
what the source itself wrote, so the import keeps that text beside the content (originals.yaml)
and the build never has to open or clean the raw file again.
"""

from __future__ import annotations

from site_src.ingest.clean import CleanText
from site_src.model import Original, Report


def originals(report: Report, clean: CleanText) -> tuple[Original, ...]:
    """Each step's text as the source wrote it, found by its place in the cleaned text.

    The Simplified lines are the source's lines converted character for character, so a step's
    Simplified text found at an offset of the joined Simplified lines has its original at the same
    offset of the joined source lines. Steps are looked up in order from where the previous one
    ended (linear); a step that is not found word for word (a term the importer renumbered) has
    no original and is not compared. Nothing is kept for a Simplified source.
    """
    if clean.source_script != "Hant":
        return ()
    simplified = "".join(line.text for line in clean.lines)
    source = "".join(line.text for line in clean.original_lines)
    if len(simplified) != len(source):
        return ()  # not character for character: nothing can be aligned
    found = []
    cursor = 0
    for step in report.walk():
        at = simplified.find(step.text, cursor) if step.text else -1
        if at < 0:
            continue
        found.append(Original(step.id, source[at:at + len(step.text)]))
        cursor = at + len(step.text)
    return tuple(found)
