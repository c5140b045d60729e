"""The import, top to bottom: raw report text -> the report's model, with the government it is the
report of -> its folder under the site's reports/, with a draft of its industry system.

The only verb that runs the importer (ingest/): a build reads what it wrote, and never enters it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from site_src.content.imported import SOURCE_COPY, Written, write_report_folder
from site_src.content.report import REPORT, REPORT_FILE, report_files
from site_src.errors import Location, Problem, SiteError, fail
from site_src.files import read_bytes, read_text
from site_src.genre import Genre, load_genre
from site_src.ingest import import_report
from site_src.ingest.errata import Erratum
from site_src.ingest.folder import import_into
from site_src.ingest.slug import slug_for
from site_src.model import Report, SourcePage
from site_src.project import REPORTS, Project
from site_src.summaries.industries import INDUSTRIES_FILE, read_industries
from site_src.summaries.industry_draft import (
    IndustryDetection,
    detect_industries,
    draft_yaml,
    format_detection,
)
from site_src.words import PlaceWords
from site_src.yamlio import ID_PATTERN, read_document


@dataclass(frozen=True)
class ImportResult:
    report: Report
    slug: str
    written: Written
    industries: IndustryDetection  # the industry system found in the text, and the doubts
    industries_outcome: str = ""  # what became of its draft: drafted, kept, removed, invalid, or ""
    outline_file: str = ""  # the person's outline file the structure was read by ('' where inferred)

    def summaries_report(self, shown_folder: str) -> str:
        """The import report's lines on what the summaries found (after the importer's own)."""
        return format_detection(self.industries, self.industries_outcome,
                                f"{shown_folder}/{INDUSTRIES_FILE}")


def import_source(project: Project, source: Path, slug: str | None = None, *,
                  force: bool = False, name: str | None = None, keep_losses: bool = False,
                  taken: frozenset[str] = frozenset()) -> ImportResult:
    """Raw report text -> the report's folder under the site's reports/, whole or not at all.

    The folder is ``slug``, or named from the report's year and issuer (2025-gansu). Its
    errata.yaml repairs this source's damage, so it is read from there. ``name`` is the source as
    messages and the provenance name it (as the user gave it). ``taken``: folders another file of
    the same import was just written to (one would replace the other).
    """
    genre = load_genre(project.content)
    name = name or source.as_posix()
    raw = _read_source(source, name)
    if slug is None:
        # The folder's name comes from the report itself: read it once without its errata.
        slug = slug_for(imported_report(raw, name, (), genre, strict=False), genre.places)
        if slug is None:
            raise fail(name, "the report names neither its year nor its government, so its folder "
                             "cannot be named: give one with --slug")
    elif not ID_PATTERN.fullmatch(slug):
        raise fail(slug, "a report's folder name is lowercase ASCII letters, digits and hyphens")
    folder = project.content / REPORTS / slug
    if slug in taken:
        raise fail(name, f"its folder {folder} was just written from another file of this import: "
                         "import it on its own, with --slug NAME")
    into = import_into(raw, name, folder, genre.words, keep_losses=keep_losses)  # errata, outline: a person's
    report = replace(into.imported.report, government=government_of(into.imported.report, genre.places),
                     source_page=recorded_source(folder))  # the source page: a person's, kept
    files = {path: text.encode("utf-8") for path, text in report_files(report).items()}
    files[SOURCE_COPY] = raw
    detection, drafts = draft_of(report, genre, str(folder / INDUSTRIES_FILE))
    written = write_report_folder(folder, files, force=force, drafts={**drafts, **into.drafts})
    outcome = dict(written.drafts).get(INDUSTRIES_FILE, "invalid" if detection.draft else "")
    return ImportResult(report, slug, written, detection, outcome, into.outline_file)


def imported_report(raw: bytes, name: str, errata: tuple[Erratum, ...], genre: Genre, *,
                    strict: bool = True, errata_file: str = "errata.yaml",
                    keep_losses: bool = False) -> Report:
    """The importer's reading of a source (ingest/), with the government it is the report of:
    what report.yaml keeps, so that a build groups a government's reports without the importer."""
    report = import_report(raw, name, errata, strict=strict, errata_file=errata_file, words=genre.words,
                           keep_losses=keep_losses)
    return replace(report, government=government_of(report, genre.places))


def government_of(report: Report, places: PlaceWords) -> str:
    """The government a report is of, as an id: its issuer's place in pinyin, as the report's
    folder is named without its year (甲乙区人民政府 and 某某市甲乙区人民政府: jiayi); "" when
    the report names neither its year nor its issuer."""
    slug = slug_for(report, places)
    return slug.removeprefix(f"{report.year}-") if slug else ""


def draft_of(report: Report, genre: Genre, file: str) -> tuple[IndustryDetection, dict[str, bytes]]:
    """The industry system the text names, as a draft of industries.yaml that loads as it is; a
    draft that would not load is left out, and its problems are among the doubts."""
    detection = detect_industries(report, genre.industries)
    if detection.draft is None:
        return detection, {}
    text = draft_yaml(detection.draft)
    try:
        read_industries(text, file, report)
    except SiteError as error:
        doubts = tuple(f"the draft does not load: {problem.message}" for problem in error.problems)
        return IndustryDetection(detection.draft, detection.unsure + doubts), {}
    return detection, {INDUSTRIES_FILE: text.encode("utf-8")}


def recorded_source(folder: Path) -> SourcePage | None:
    """The page the report was taken from, as a person recorded it in the folder's report.yaml
    (source:), so that importing again keeps it; None where there is none or it does not load."""
    path = folder / REPORT_FILE
    try:
        return read_document(read_text(path), str(path), REPORT).source if path.is_file() else None
    except SiteError:
        return None


def _read_source(path: Path, name: str) -> bytes:
    try:
        return read_bytes(path)
    except SiteError as error:  # named as the user gave it
        raise SiteError([Problem(Location(name), problem.message) for problem in error.problems]) from None
