"""The pipelines, top to bottom: import (raw text -> a report's YAML) and build (YAML -> site)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from site_src import shipped_templates
from site_src.content.imported import SOURCE_COPY, Written, write_report_folder
from site_src.content.report import locate, report_files
from site_src.content.site import REPORTS, ReportContent, SiteContent, first_of, load_site
from site_src.errors import Location, Problem, SiteError, fail
from site_src.files import read_bytes
from site_src.genre import Genre, load_genre
from site_src.ingest import import_report
from site_src.ingest.errata import load_errata
from site_src.ingest.slug import slug_for
from site_src.model import GlossaryEntry, Report
from site_src.output.uptodate import fingerprint, previous_result, remember
from site_src.output.write import write_site
from site_src.site.plan import plan_site
from site_src.site.render import make_environment, render_files, render_root_pages, render_variant
from site_src.site.search import search_index, search_sizes
from site_src.site.sitemap import robots_txt, sitemap_xml
from site_src.site.variant import GlossaryGroup, ReportVariant, VariantContent
from site_src.summaries.figures.chart import chart_bars
from site_src.summaries.figures.match import KeyFigures, key_figures
from site_src.summaries.figures.track import Track, TrackYear, tracks
from site_src.summaries.industries import INDUSTRIES_FILE, IndustrySummary, read_industries, summarise
from site_src.summaries.industry_draft import (
    IndustryDetection,
    detect_industries,
    draft_yaml,
    format_detection,
)
from site_src.summaries.slogan_page import SloganSummary, convert_summary, summarise_slogans
from site_src.variants.audit import Dictionaries, VariantAudit, audit, load_dictionaries
from site_src.variants.convert import Convert, convert_value, make_converter
from site_src.variants.punctuation import PAIRS as QUOTE_PAIRS
from site_src.variants.punctuation import with_quotes
from site_src.variants.review import ReviewItem, Segmenter, review_queue
from site_src.yamlio import ID_PATTERN


@dataclass(frozen=True)
class Project:
    """Where things are: the content folder, the output folder, the templates, the cache."""

    content: Path
    output: Path
    templates: tuple[Path, ...]  # first match wins: the site's own templates/, then the shipped ones
    cache: Path

    @classmethod
    def of(cls, content: Path, output: Path | None = None) -> Project:
        """A site's folders: output/, templates/ and .cache/ sit beside its content folder."""
        beside = content.parent
        folders = (beside / "templates", shipped_templates())
        templates = tuple(dict.fromkeys(folder.resolve() for folder in folders if folder.is_dir()))
        return cls(content, output or beside / "output", templates, beside / ".cache")

    @classmethod
    def at(cls, root: Path, output: Path | None = None) -> Project:
        return cls.of(root / "content", output)


@dataclass(frozen=True)
class Summaries:
    """What a report's summary pages show, found in the report before conversion."""

    industries: IndustrySummary | None
    figures: KeyFigures
    slogans: SloganSummary


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
    slug: str
    written: Written
    industries: IndustryDetection  # the industry system found in the text, and the doubts
    industries_outcome: str = ""  # what became of its draft: drafted, kept, removed, invalid, or ""

    def summaries_report(self, shown_folder: str) -> str:
        """The import report's lines on what the summaries found (after the importer's own)."""
        return format_detection(self.industries, self.industries_outcome,
                                f"{shown_folder}/{INDUSTRIES_FILE}")


def import_source(project: Project, source: Path, slug: str | None = None, *,
                  force: bool = False, name: str | None = None) -> ImportResult:
    """Raw report text -> the report's folder under the site's reports/, whole or not at all.

    The folder is ``slug``, or named from the report's year and issuer (2025-gansu). Its
    errata.yaml repairs this source's damage, so it is read from there. ``name`` is the source as
    messages and the provenance name it (as the user gave it).
    """
    genre = load_genre(project.content)
    name = name or source.as_posix()
    raw = _read_source(source, name)
    if slug is None:
        # The folder's name comes from the report itself: read it once without its errata.
        slug = slug_for(import_report(raw, name, (), strict=False, words=genre.words), genre.places)
        if slug is None:
            raise fail(name, "the report names neither its year nor its government, so its folder "
                             "cannot be named: give one with --slug")
    elif not ID_PATTERN.fullmatch(slug):
        raise fail(slug, "a report's folder name is lowercase ASCII letters, digits and hyphens")
    folder = project.content / REPORTS / slug
    errata_path = folder / "errata.yaml"
    report = import_report(raw, name, load_errata(errata_path), errata_file=str(errata_path),
                           words=genre.words)
    files = {path: text.encode("utf-8") for path, text in report_files(report).items()}
    files[SOURCE_COPY] = raw
    detection, drafts = draft_of(report, genre, str(folder / INDUSTRIES_FILE))
    written = write_report_folder(folder, files, force=force, drafts=drafts)
    outcome = dict(written.drafts).get(INDUSTRIES_FILE, "invalid" if detection.draft else "")
    return ImportResult(report, slug, written, detection, outcome)


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


def _read_source(path: Path, name: str) -> bytes:
    try:
        return read_bytes(path)
    except SiteError as error:  # named as the user gave it
        raise SiteError([Problem(Location(name), problem.message) for problem in error.problems]) from None


def build(project: Project) -> BuildResult:
    """Load and validate content -> summarise (each report, then year on year) -> audit -> convert
    variants -> plan -> render -> write.

    When nothing it depends on changed since the last build into the same folder, and that folder
    is as the build left it, there is nothing to do (see uptodate.py): the result is reported again.
    """
    cache = project.cache / "builds"
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
    genre = load_genre(project.content)
    content = load_site(project.content, genre)
    summaries = {entry.slug: summarise_report(entry, genre) for entry in content.reports}
    yearly = tracks(((entry.slug, entry.report, summaries[entry.slug].figures) for entry in content.reports),
                    genre.figures, genre.places)
    dictionaries = load_dictionaries()
    audits = {entry.slug: audit_report(content, entry, dictionaries) for entry in content.reports}
    reviews = _reviews(project, content, dictionaries) if content.site.review else {}
    variants = tuple(convert_variant(content, summaries, audits, code, reviews, yearly) for code in
                     (variant.code for variant in content.site.variants))
    plans = tuple(plan_site(variant) for variant in variants)
    static = _static_files(project.templates)
    env = make_environment(project.templates, project.cache / "jinja")
    search_files = search_index(variants, plans, [*dictionaries.character_pairs(), *QUOTE_PAIRS])
    files: list[tuple[str, bytes]] = [(f.path, f.text.encode("utf-8")) for f in search_files]
    static_names = frozenset(path.removeprefix("static/") for path, _ in (*static, *files)
                             if path.startswith("static/"))
    for variant, plan in zip(variants, plans, strict=True):
        files.extend((page.path, page.html.encode("utf-8"))
                     for page in render_variant(env, plan, variant, static_names))
        files.extend((data.path, data.html.encode("utf-8")) for data in render_files(plan, variant))
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
                       search=search_sizes(search_files))


def load_project(project: Project) -> SiteContent:
    """Every content problem from every file, collected before anything is written."""
    return load_site(project.content, load_genre(project.content))


def summarise_report(entry: ReportContent, genre: Genre) -> Summaries:
    """The industry system (from the folder's industries.yaml), the key figures and the numbered
    slogans (found in the text, slogans.yaml as the override), all quoted from the report."""
    report = entry.report
    return Summaries(
        industries=summarise(entry.industries, report) if entry.industries else None,
        figures=key_figures(report, genre.figures),
        slogans=summarise_slogans(report, genre.slogans, entry.slogans),
    )


def audit_report(content: SiteContent, entry: ReportContent,
                 dictionaries: Dictionaries | None = None) -> tuple[VariantAudit, ...]:
    """The conversion audit of every converted variant, against the source's own text if kept."""
    converted = tuple((v.code, v.opencc, v.quotes) for v in content.site.variants if v.opencc)
    return audit(entry.report, converted, content.glossary_for(entry), dictionaries, content.genre.accepted)


def review_report(content: SiteContent, entry: ReportContent, dictionaries: Dictionaries,
                  segmenter: Segmenter, locations: dict[str, Location] | None = None
                  ) -> tuple[tuple[str, tuple[ReviewItem, ...]], ...]:
    """The review queue of every converted variant of a report: (variant code, items)."""
    queues = []
    for variant in content.site.variants:
        if variant.opencc is None:
            continue
        glossary = tuple(e for e in content.glossary_for(entry) if e.applies_to(variant.code))
        convert = with_quotes(make_converter(variant.opencc, glossary), variant.quotes)
        queues.append((variant.code, review_queue(entry.report, convert, glossary, dictionaries,
                                                  content.genre.review, segmenter, locations)))
    return tuple(queues)


def _reviews(project: Project, content: SiteContent, dictionaries: Dictionaries
             ) -> dict[str, tuple[tuple[str, tuple[ReviewItem, ...]], ...]]:
    """Each report's review queues, their places named from the content folder (as on a page)."""
    segmenter = Segmenter()
    queues = {}
    for entry in content.reports:
        located = {key: replace(where, file=Path(where.file).relative_to(project.content).as_posix())
                   for key, where in locate(entry.folder).items()}
        queues[entry.slug] = review_report(content, entry, dictionaries, segmenter, located)
    return queues


def convert_variant(content: SiteContent, summaries: dict[str, Summaries],
                    audits: dict[str, tuple[VariantAudit, ...]], code: str,
                    reviews: dict[str, tuple[tuple[str, tuple[ReviewItem, ...]], ...]] | None = None,
                    yearly: tuple[Track, ...] = ()) -> VariantContent:
    """One variant's content, every reader-visible string in its script (each report with its own
    glossary before the site's)."""
    variant = next(v for v in content.site.variants if v.code == code)

    def converter(glossary: tuple[GlossaryEntry, ...]) -> Convert:
        chosen = tuple(e for e in glossary if e.applies_to(code))
        return with_quotes(make_converter(variant.opencc, chosen), variant.quotes)

    convert = converter(first_of(content.glossary, content.genre.glossary))
    owns = {entry.slug: converter(content.glossary_for(entry)) for entry in content.reports}

    def track_year(year: TrackYear) -> TrackYear:
        """Each side in the script of its own report (its glossary first)."""
        target, result = owns[year.target_report], owns[year.result_report]
        figures = tuple(replace(convert_value(figure, target), result=convert_value(figure.result, result),
                                related=convert_value(figure.related, result)) for figure in year.figures)
        return replace(year, target_title=target(year.target_title), result_title=result(year.result_title),
                       figures=figures)

    def report_variant(entry: ReportContent) -> ReportVariant:
        own = owns[entry.slug]
        summary = summaries[entry.slug]
        return ReportVariant(
            slug=entry.slug,
            report=convert_value(entry.report, own),
            industries=convert_value(summary.industries, own),
            figures=convert_value(summary.figures, own),
            chart=chart_bars(summary.figures.figures, own),
            slogans=convert_summary(summary.slogans, own),
            audits=audits[entry.slug],
            review=(reviews or {}).get(entry.slug, ()),
        )

    return VariantContent(
        variant=variant,
        variants=content.site.variants,
        site=convert_value(content.site, convert),
        pages=convert_value(content.pages, convert),
        ui={key: convert(text) for key, text in content.ui.items()},
        labels={other.code: other.label for other in content.site.variants},
        glossaries=convert_value(_glossaries(content), convert),
        reports=tuple(report_variant(entry) for entry in content.reports),
        tracks=tuple(replace(track, place=convert(track.place), years=tuple(map(track_year, track.years)))
                     for track in yearly),
    )


def _glossaries(content: SiteContent) -> tuple[GlossaryGroup, ...]:
    """What the about page lists: the site's glossary, each report's own, the genre's entries used."""
    ui = content.ui
    groups = [GlossaryGroup(ui["glossary"], content.glossary)]
    groups += [GlossaryGroup(ui["report_glossary"].format(report=entry.report.full_title), entry.glossary)
               for entry in content.reports]
    groups.append(GlossaryGroup(ui["genre_glossary"], content.genre_entries_used()))
    return tuple(group for group in groups if group.entries)


def _static_files(templates: tuple[Path, ...]) -> list[tuple[str, bytes]]:
    """templates/static/ of every template folder; a site's own file of a name wins."""
    found: dict[str, Path] = {}
    for folder in reversed(templates):
        static = folder / "static"
        for path in sorted(static.rglob("*")) if static.is_dir() else ():
            if path.is_file():
                found[f"static/{path.relative_to(static).as_posix()}"] = path
    return [(name, found[name].read_bytes()) for name in sorted(found)]

