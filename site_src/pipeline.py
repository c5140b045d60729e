"""The two pipelines, top to bottom: import (raw text -> YAML) and build (YAML -> site)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_src.config import SiteConfig, Variant, load_config
from site_src.content.glossary import load_glossary
from site_src.content.pages import EditorialPage, load_pages
from site_src.content.report import load_report, write_report
from site_src.errors import Location, Problem, SiteError
from site_src.genre import Genre, load_genre
from site_src.ingest import import_report
from site_src.ingest.errata import load_errata
from site_src.model import GlossaryEntry, Report
from site_src.output.uptodate import fingerprint, previous_result, remember
from site_src.output.write import write_site
from site_src.site.plan import plan_site
from site_src.site.render import make_environment, render_root_pages, render_variant
from site_src.site.search import fold_map, search_index
from site_src.site.sitemap import robots_txt, sitemap_xml
from site_src.site.strings import UI_STRINGS
from site_src.site.variant import ReportVariant, VariantContent
from site_src.summaries.figures.chart import chart_bars
from site_src.summaries.figures.match import KeyFigures, key_figures
from site_src.summaries.industries import IndustrySummary, IndustrySystem, load_industries, summarise
from site_src.summaries.slogans import Slogan, SloganList, check_slogans, find_slogans, load_slogans
from site_src.variants.audit import Dictionaries, VariantAudit, audit, load_dictionaries
from site_src.variants.convert import convert_value, make_converter


@dataclass(frozen=True)
class Project:
    """Where things are: the content, the templates, the output folder."""

    content: Path
    templates: Path
    output: Path

    @classmethod
    def at(cls, root: Path, output: Path | None = None) -> Project:
        return cls(root / "content", root / "templates", output or root / "output")

    @property
    def root(self) -> Path:
        """The project folder: paths recorded in the content (the source file) are relative to it."""
        return self.content.parent


@dataclass(frozen=True)
class ReportContent:
    """One report of the site: its folder under content/ and what it holds, validated."""

    slug: str  # its folder name under content/reports/, or "" for the lone report of content/
    folder: Path
    report: Report
    industries: IndustrySystem | None
    slogans: SloganList


@dataclass(frozen=True)
class SiteContent:
    """Everything under content/, loaded and validated."""

    site: SiteConfig
    pages: tuple[EditorialPage, ...]
    glossary: tuple[GlossaryEntry, ...]
    reports: tuple[ReportContent, ...]


@dataclass(frozen=True)
class Summaries:
    """What a report's summary pages show, found in the report before conversion."""

    industries: IndustrySummary | None
    figures: KeyFigures
    slogans: tuple[Slogan, ...]


@dataclass(frozen=True)
class BuildResult:
    files: int
    pages: int
    variants: tuple[str, ...]
    search: tuple[tuple[str, int], ...] = ()  # search files and their sizes in bytes
    up_to_date: bool = False  # nothing had changed: the output in place is this build's


@dataclass(frozen=True)
class ImportResult:
    report: Report
    written: tuple[Path, ...]


def import_source(project: Project, source: Path, into: Path | None = None) -> ImportResult:
    """Raw report text -> the report's YAML in ``into`` (default: the project's content folder).

    Errata repair one report's damage, so they are read from the folder the YAML goes to
    (``errata.yaml`` there, if any).
    """
    folder = into or project.content
    errata = load_errata(folder / "errata.yaml")
    try:
        raw = source.read_bytes()
    except OSError as error:
        from site_src.errors import fail

        raise fail(str(source), f"cannot read: {error.strerror}") from None
    report = import_report(raw, source.as_posix(), errata)
    written = write_report(report, folder)
    return ImportResult(report, tuple(written))


def build(project: Project) -> BuildResult:
    """Load and validate content -> summarise -> audit -> convert variants -> plan -> render -> write.

    When nothing it depends on changed since the last build into the same folder, and that folder
    is as the build left it, there is nothing to do (see uptodate.py): the result is reported again.
    """
    cache = project.root / ".cache" / "builds"
    key = fingerprint(project.content, project.templates, project.output)
    previous = previous_result(cache, project.output, key)
    if previous is not None:
        return BuildResult(files=previous["files"], pages=previous["pages"],
                           variants=tuple(previous["variants"]),
                           search=tuple((path, size) for path, size in previous["search"]),
                           up_to_date=True)
    result = _build(project)
    remember(cache, project.output, key, {"files": result.files, "pages": result.pages,
                                          "variants": list(result.variants),
                                          "search": [list(item) for item in result.search]})
    return result


def _build(project: Project) -> BuildResult:
    content = load_project(project)
    genre = load_genre()
    summaries = {entry.slug: summarise_report(entry, genre) for entry in content.reports}
    dictionaries = load_dictionaries()
    audits = {entry.slug: audit_report(content, entry, dictionaries) for entry in content.reports}
    variants = tuple(_convert(content, summaries, audits, variant) for variant in content.site.variants)
    plans = tuple(plan_site(variant) for variant in variants)
    static = _static_files(project.templates / "static")
    static_names = frozenset(path.removeprefix("static/") for path, _ in static)
    env = make_environment((project.templates,), project.root / ".cache" / "jinja")
    search_files = [search_index(variant, plan) for variant, plan in zip(variants, plans, strict=True)]
    search_files.append(fold_map((char for f in search_files for char in f.text),
                                 dictionaries.character_pairs()))
    files: list[tuple[str, bytes]] = [(f.path, f.text.encode("utf-8")) for f in search_files]
    static_names |= {f.path.removeprefix("static/") for f in search_files if f.path.startswith("static/")}
    for variant, plan in zip(variants, plans, strict=True):
        files.extend((page.path, page.html.encode("utf-8"))
                     for page in render_variant(env, plan, variant, static_names))
    choices = tuple((v.variant, v.site.title, v.variant.label, v.ui) for v in variants)
    files.extend((page.path, page.html.encode("utf-8"))
                 for page in render_root_pages(env, content.site, choices, static_names))
    sitemap = sitemap_xml(content.site, plans[0])
    if sitemap is not None:
        files.append(("sitemap.xml", sitemap.encode("utf-8")))
    files.append(("robots.txt", robots_txt(content.site).encode("utf-8")))
    files.extend(static)
    count = write_site(files, project.output)
    return BuildResult(files=count, pages=sum(len(plan.pages) for plan in plans),
                       variants=tuple(v.code for v in content.site.variants),
                       search=tuple((f.path, len(f.text.encode("utf-8"))) for f in search_files))


def report_folders(content_dir: Path) -> tuple[tuple[str, Path], ...]:
    """(slug, folder) of each report: content/ itself for a one-report site (content/report.yaml),
    else every folder under content/reports/ that holds a report.yaml, by name."""
    several = content_dir / "reports"
    if (content_dir / "report.yaml").exists() or not several.is_dir():
        return (("", content_dir),)
    return tuple((folder.name, folder) for folder in sorted(several.iterdir())
                 if (folder / "report.yaml").is_file())


def load_project(project: Project) -> SiteContent:
    """Every content problem from every file, collected before anything is written."""
    problems: list[Problem] = []

    def attempt(load, *arguments):  # type: ignore[no-untyped-def]
        try:
            return load(*arguments)
        except SiteError as error:
            problems.extend(error.problems)
            return None

    site = attempt(load_config, project.content / "site.yaml")
    reports = []
    folders = report_folders(project.content)
    nested = any((project.content / "reports").glob("*/report.yaml"))
    if (project.content / "report.yaml").exists() and nested:
        problems.append(Problem(Location(str(project.content / "reports")),
                                "content/report.yaml and content/reports/ both hold reports: "
                                "a site of several reports keeps each under content/reports/"))
    for slug, folder in folders:
        if slug and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
            problems.append(Problem(Location(str(folder)), f"invalid report folder name {slug!r}: "
                                    "lowercase ASCII letters, digits and hyphens (it becomes a path)"))
            continue
        report = attempt(load_report, folder)
        if report is None:
            continue
        industries = attempt(load_industries, folder / "industries.yaml", report)
        slogans = attempt(load_slogans, folder / "slogans.yaml") or SloganList()
        problems.extend(check_slogans(report, slogans))
        reports.append(ReportContent(slug, folder, report, industries, slogans))
    pages = attempt(load_pages, project.content / "pages")
    glossary_path = project.content / "glossary.yaml"
    glossary = attempt(load_glossary, glossary_path,
                       tuple(v.code for v in site.variants) if site else ()) or ()
    if pages is not None and reports:
        problems.extend(_check_references(tuple(r.report for r in reports), pages, glossary,
                                          glossary_path))
    if problems or site is None or pages is None or not reports:
        if not problems:
            problems.append(Problem(Location(str(project.content)), "no report found: expected "
                                    "report.yaml, or folders under reports/ that hold one"))
        raise SiteError(problems)
    return SiteContent(site, pages, glossary, tuple(reports))


def summarise_report(entry: ReportContent, genre: Genre) -> Summaries:
    """The 2335 industries, the key figures and the numbered slogans, all quoted from the report."""
    report = entry.report
    return Summaries(
        industries=summarise(entry.industries, report) if entry.industries else None,
        figures=key_figures(report, genre.figures),
        slogans=find_slogans(report, entry.slogans),
    )


def _check_references(reports: tuple[Report, ...], pages: tuple[EditorialPage, ...],
                      glossary: tuple[GlossaryEntry, ...], glossary_path: Path) -> list[Problem]:
    """Glossary phrases must occur in the content (pins are checked where the YAML is read)."""
    problems = []
    texts = [page.markdown for page in pages]
    for report in reports:
        texts += [p.source_text for p in report.paragraphs()]
        texts += [part.title for part in report.parts] + [s.title for s in report.sections()]
    everything = "\n".join(texts)
    for n, entry in enumerate(glossary):
        if entry.phrase not in everything:
            problems.append(Problem(Location(str(glossary_path), entry.line, key=f"entries[{n}].phrase"),
                                    f"{entry.phrase!r} does not occur in the content"))
    return problems


def audit_report(content: SiteContent, entry: ReportContent,
                 dictionaries: Dictionaries | None = None) -> tuple[VariantAudit, ...]:
    """The conversion audit of every converted variant, against the source's own text if kept."""
    converted = tuple((v.code, v.opencc) for v in content.site.variants if v.opencc)
    return audit(entry.report, converted, content.glossary, dictionaries)


def _convert(content: SiteContent, summaries: dict[str, Summaries],
             audits: dict[str, tuple[VariantAudit, ...]], variant: Variant) -> VariantContent:
    """One variant's content, every reader-visible string in its script."""
    convert = make_converter(variant.opencc,
                             tuple(entry for entry in content.glossary if entry.applies_to(variant.code)))
    return VariantContent(
        variant=variant,
        variants=content.site.variants,
        site=convert_value(content.site, convert),
        pages=convert_value(content.pages, convert),
        ui={key: convert(text) for key, text in UI_STRINGS.items()},
        labels={other.code: other.label for other in content.site.variants},
        glossary=convert_value(content.glossary, convert),
        reports=tuple(ReportVariant(
            slug=entry.slug,
            report=convert_value(entry.report, convert),
            industries=convert_value(summaries[entry.slug].industries, convert),
            figures=convert_value(summaries[entry.slug].figures, convert),
            # The chart picks growth rates by the Simplified verb (增长): made before conversion.
            chart=chart_bars(summaries[entry.slug].figures.figures, convert),
            slogans=convert_value(summaries[entry.slug].slogans, convert),
            audits=audits[entry.slug],
        ) for entry in content.reports),
    )


def _static_files(static_dir: Path) -> list[tuple[str, bytes]]:
    return [(f"static/{path.relative_to(static_dir).as_posix()}", path.read_bytes())
            for path in sorted(static_dir.rglob("*")) if path.is_file()]
