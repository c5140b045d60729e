"""A site's content folder, loaded and validated as a whole.

    site.yaml          the site's settings: variants, and optionally title, description, base_url, ui
    glossary.yaml      phrase overrides for every report of the site (optional)
    pages/*.md         editorial pages (about.md …)
    genre/*.yaml       the site's own versions of genre profile files (optional)
    reports/<slug>/    one folder per report: its YAML (see report.py), its source text as found,
                       errata.yaml, industries.yaml, slogans.yaml, glossary.yaml (each optional)

A site of one report renders it at the top of each variant; a site of several puts each under its
folder's name. Every problem of every file is collected before anything is written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from site_src.config import SiteConfig, Variant, load_config
from site_src.content.archive import Government, archive_title, governments
from site_src.content.glossary import load_glossary
from site_src.content.pages import EditorialPage, load_pages
from site_src.content.report import REPORT_FILE, load_located
from site_src.errors import Location, Problem, SiteError
from site_src.files import check_tree
from site_src.genre import Genre
from site_src.model import GlossaryEntry, Report, compose_title
from site_src.project import PAGES, REPORTS
from site_src.summaries.industries import IndustrySystem, load_industries
from site_src.summaries.slogans import SloganList, check_slogans, load_slogans
from site_src.yamlio import ID_PATTERN

GLOSSARY = "glossary.yaml"


@dataclass(frozen=True)
class ReportContent:
    """One report of the site: its folder and what it holds, validated."""

    slug: str  # its folder's name under reports/
    folder: Path
    report: Report
    industries: IndustrySystem | None
    slogans: SloganList
    glossary: tuple[GlossaryEntry, ...]  # the report's own overrides, before the site's
    # Where each text of the report is written (paragraph, part and section ids -> file and line),
    # from the one reading of its folder: what the proofs send an editor to.
    locations: Mapping[str, Location] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteContent:
    """Everything under the content folder, loaded and validated."""

    site: SiteConfig  # with its title and description (from the reports, unless site.yaml says)
    ui: dict[str, str]  # the interface's words: the genre's, reworded by site.yaml's ui:
    pages: tuple[EditorialPage, ...]
    glossary: tuple[GlossaryEntry, ...]  # the site's own
    reports: tuple[ReportContent, ...]
    genre: Genre  # what the site knows of the genre (its glossary, accepted forms, …)
    # The governments the reports are of, in the order a reader finds them (content/archive.py).
    governments: tuple[Government, ...]

    def glossary_for(self, entry: ReportContent) -> tuple[GlossaryEntry, ...]:
        """The overrides that convert a report: its own first, then the site's, then the genre's
        (a phrase is decided by the first that has it)."""
        return first_of(entry.glossary, self.glossary, self.genre.glossary)

    def genre_entries_used(self) -> tuple[GlossaryEntry, ...]:
        """The genre's entries that convert some text of the site (the about page lists them)."""
        own = {item.phrase for item in self.glossary}
        own |= {item.phrase for entry in self.reports for item in entry.glossary}
        texts = "\n".join(_texts(entry.report) for entry in self.reports)
        return tuple(item for item in self.genre.glossary if item.phrase not in own and item.phrase in texts)


def first_of(*glossaries: tuple[GlossaryEntry, ...]) -> tuple[GlossaryEntry, ...]:
    """The entries of several glossaries, each phrase from the first glossary that has it."""
    seen: set[str] = set()
    chained = []
    for glossary in glossaries:
        for item in glossary:
            if item.phrase not in seen:
                seen.add(item.phrase)
                chained.append(item)
    return tuple(chained)


def folders_without_report(content_dir: Path) -> tuple[Path, ...]:
    """The folders under reports/ that hold a report's files but not its report.yaml (a link
    is check_tree's to judge)."""
    folder = content_dir / REPORTS
    try:
        found = sorted(folder.iterdir()) if folder.is_dir() else []
        return tuple(path for path in found if path.is_dir() and not path.is_symlink()
                     and not path.name.startswith(".") and not os.path.lexists(path / REPORT_FILE)
                     and any(path.glob("*.yaml")))
    except OSError:
        return ()  # a folder that cannot be read: check_tree says so


def report_folders(content_dir: Path) -> tuple[tuple[str, Path], ...]:
    """(slug, folder) of every folder under reports/ that holds a report, by name."""
    folder = content_dir / REPORTS
    try:
        found = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return ()  # a folder that cannot be read: check_tree says so
    return tuple((path.name, path) for path in found
                 if path.is_dir() and not path.name.startswith(".") and (path / REPORT_FILE).is_file())


Located = tuple[Report, dict[str, Location]]  # a report, and where each of its texts is written


def load_site(content_dir: Path, genre: Genre,
              load: Callable[[Path, tuple[int, int]], Located] = load_located) -> SiteContent:
    """Every file of the content folder, checked; ``load`` reads a report's folder (load_located,
    or a build's that keeps what it read: pipeline.py)."""
    # Links that lead out of the content folder, and folders that cannot be read, first: a site
    # publishes only what is inside its content folder.
    problems: list[Problem] = check_tree(content_dir)

    def attempt(load: Callable[..., Any], *arguments: Any) -> Any:
        try:
            return load(*arguments)
        except SiteError as error:
            problems.extend(error.problems)
            return None

    site = attempt(load_config, content_dir / "site.yaml", frozenset(genre.ui))
    codes = tuple(v.code for v in site.variants) if site else ()
    if (content_dir / REPORT_FILE).exists():
        problems.append(Problem(Location(str(content_dir / REPORT_FILE)), "a site keeps each report in "
                                f"a folder of its own: move its files into {content_dir / REPORTS}/<name>/"))
    problems.extend(Problem(Location(str(folder / REPORT_FILE)), f"file not found: the report folder "
                            f"{folder} has no {REPORT_FILE} (restore it, or import the report's text again)")
                    for folder in folders_without_report(content_dir))
    reports = []
    for slug, folder in report_folders(content_dir):
        if not ID_PATTERN.fullmatch(slug):
            problems.append(Problem(Location(str(folder)), f"invalid report folder name {slug!r}: "
                                    "lowercase ASCII letters, digits and hyphens (it becomes a path)"))
            continue
        located = attempt(load, folder, genre.words.data.years)
        if located is None:
            continue
        report, locations = located
        report = replace(report, government=report.government or folder_government(slug))
        industries = attempt(load_industries, folder / "industries.yaml", report)
        slogans = attempt(load_slogans, folder / "slogans.yaml") or SloganList()
        problems.extend(check_slogans(report, slogans))
        glossary = attempt(load_glossary, folder / GLOSSARY, codes) or ()
        problems.extend(_absent(glossary, folder / GLOSSARY, _texts(report)))
        reports.append(ReportContent(slug, folder, report, industries, slogans, glossary, locations))
    pages = attempt(load_pages, content_dir / PAGES)
    glossary = attempt(load_glossary, content_dir / GLOSSARY, codes) or ()
    if pages is not None and reports:
        everything = "\n".join([page.markdown for page in pages] + [_texts(r.report) for r in reports])
        problems.extend(_absent(glossary, content_dir / GLOSSARY, everything))
    if not reports and not problems:
        problems.append(Problem(Location(str(content_dir / REPORTS)),
                                "no report yet: import one with `import FILE --content "
                                f"{content_dir}`"))
    if problems or site is None or pages is None:
        raise SiteError(problems)
    ui = {**genre.ui, **dict(site.ui)}
    # Each variant's quotation marks: as site.yaml says, else the genre's for its language.
    def quotes(variant: Variant) -> str:
        return variant.quotes or (genre.quotes.get(variant.code, "curly") if variant.opencc else "curly")

    site = replace(site, variants=tuple(replace(v, quotes=quotes(v)) for v in site.variants))
    found = governments(((entry.slug, entry.report) for entry in reports), genre.archive)
    return SiteContent(_titled(site, tuple(r.report for r in reports), found, genre, ui), ui, pages, glossary,
                       tuple(reports), genre, found)


def folder_government(slug: str) -> str:
    """The government of a report whose report.yaml does not say (imported before it did): its
    folder's name without the year, as the importer names folders (2024-jiayi: jiayi)."""
    return re.sub(r"^[0-9]{4}-", "", slug)


def _texts(report: Report) -> str:
    return "\n".join(text for _, text in report.texts())


def _absent(glossary: tuple[GlossaryEntry, ...], path: Path, text: str) -> list[Problem]:
    """Glossary phrases must occur in what they convert (pins are checked where the YAML is read)."""
    return [Problem(Location(str(path), entry.line, key=f"entries[{n}].phrase"),
                    f"{entry.phrase!r} does not occur in the content")
            for n, entry in enumerate(glossary) if entry.phrase not in text]


def _titled(site: SiteConfig, reports: tuple[Report, ...], found: tuple[Government, ...], genre: Genre,
            ui: dict[str, str]) -> SiteConfig:
    """The site's title and description: as site.yaml gives them, else from its reports (a site of
    several: content/archive.py)."""
    if len(reports) == 1:
        (report,) = reports
        title = report.full_title
        description = ui["site_description"].format(report=compose_title(report.issuer, report.year,
                                                                          report.title))
    else:
        title = archive_title(found, genre.archive, ui)
        # Not the count of its reports (which every page describing itself as the site would then
        # change with): its title, which names the years they span.
        description = ui["site_description_several"].format(title=site.title or title, count=len(reports))
    return replace(site, title=site.title or title, description=site.description or description)
