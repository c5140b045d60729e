"""The pipelines, top to bottom: import (raw text -> a report's YAML) and build (YAML -> site)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from site_src.content.imported import SOURCE_COPY, Written, write_report_folder
from site_src.content.report import locate, report_files
from site_src.content.site import ReportContent, SiteContent, first_of, load_site
from site_src.errors import Location, Problem, SiteError, fail
from site_src.files import read_bytes
from site_src.genre import Genre, load_genre
from site_src.ingest import import_report
from site_src.ingest.errata import load_errata
from site_src.ingest.slug import slug_for
from site_src.model import GlossaryEntry, Report
from site_src.output.memo import Memo, digest, folder_digest, program
from site_src.output.parallel import in_order
from site_src.output.uptodate import kept_build, remember_build
from site_src.output.write import write_site
from site_src.project import PAGES, REPORTS, BuildResult, Project
from site_src.site.plan import SitePlan, plan_site
from site_src.site.render import make_environment, render_files, render_root_pages, render_variant
from site_src.site.search import fold_map, search_index, search_sizes
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
from site_src.variants.convert import Convert, conversion, convert_value, make_converter
from site_src.variants.interface import ui_for
from site_src.variants.proofs import ProofItem, proof_queue
from site_src.variants.punctuation import PAIRS as QUOTE_PAIRS
from site_src.variants.punctuation import with_quotes
from site_src.variants.segment import Segmenter
from site_src.yamlio import ID_PATTERN


@dataclass(frozen=True)
class Summaries:
    """What a report's summary pages show, found in the report before conversion."""

    industries: IndustrySummary | None
    figures: KeyFigures
    slogans: SloganSummary


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


def build(project: Project, memo: Memo | None = None, jobs: int | None = None) -> BuildResult:
    """Load and validate content -> summarise (each report, then year on year) -> audit -> convert
    variants -> plan -> render -> write.

    When nothing it depends on changed since the last build into the same folder, and that folder
    is as the build left it, there is nothing to do (see uptodate.py): the result is reported again.
    ``memo`` keeps the results of pure stages between builds (see memo.py); by default they are
    kept in the project's .cache/memo/. ``jobs`` is how many processes render a large site (by
    default one per core); the output is the same whatever it is.
    """
    key, kept = kept_build(project)
    return kept if kept is not None else build_anew(project, key, memo, jobs)


def build_anew(project: Project, key: str | None, memo: Memo | None = None,
               jobs: int | None = None) -> BuildResult:
    """The build when the last one does not stand (``key``: this build's, from kept_build)."""
    if memo is None:
        memo = Memo(project.cache / "memo", project.kept_for_program("memo"))
    result = _build(project, memo, jobs or os.cpu_count() or 1)
    remember_build(project, key, result)
    return result


def _build(project: Project, memo: Memo, jobs: int) -> BuildResult:
    genre = load_genre(project.content)
    content = load_site(project.content, genre)
    reports = prepared(project, content, memo, jobs)
    yearly = tracks(((entry.slug, entry.report, reports[entry.slug].summaries.figures)
                     for entry in content.reports), genre.figures, genre.places)
    variants = tuple(convert_variant(content, reports, code, yearly)
                     for code in (variant.code for variant in content.site.variants))
    del reports  # each variant holds its own reports now
    plans = tuple(plan_site(variant) for variant in variants)
    static = _static_files(project.templates)
    env = memo.get("jinja", digest([folder.as_posix() for folder in project.templates]),
                   lambda: make_environment(project.templates, project.kept_for_program("jinja")),
                   disk=False)
    search_files = search_index(variants, plans, lambda characters: memo.get(
        "fold", digest(program(), sorted(characters)),
        lambda: fold_map(characters, [*dictionaries(memo).character_pairs(), *QUOTE_PAIRS])))
    fold = next(search_files)  # first, and a static file the pages load; the rest as written
    static_names = frozenset(path.removeprefix("static/") for path, _ in (*static, (fold.path, b"")))
    search_written: list[tuple[str, int]] = []
    choices = tuple((v.variant, v.site.title, v.variant.label, v.ui) for v in variants)

    def files() -> Iterator[tuple[str, bytes]]:
        """Every file of the site, one at a time (a site of a thousand reports is not held whole)."""
        for file in itertools.chain([fold], search_files):
            data = file.text.encode("utf-8")
            search_written.append((file.path, len(data)))
            yield file.path, data
        for variant, plan in zip(variants, plans, strict=True):
            runs = [slice(start, start + PAGE_RUN) for start in range(0, len(plan.pages), PAGE_RUN)]
            for run in in_order(_render_run, (env, plan, variant, static_names), runs, jobs):
                yield from run
            yield from ((data.path, data.html.encode("utf-8")) for data in render_files(plan, variant))
        yield from ((page.path, page.html.encode("utf-8"))
                    for page in render_root_pages(env, content.site, choices, static_names))
        sitemap = sitemap_xml(content.site, plans[0])
        if sitemap is not None:
            yield "sitemap.xml", sitemap.encode("utf-8")
        yield "robots.txt", robots_txt(content.site).encode("utf-8")
        yield from static

    count = write_site(files(), project.output)
    return BuildResult(files=count, pages=sum(len(plan.pages) for plan in plans),
                       variants=tuple(v.code for v in content.site.variants),
                       search=search_sizes(search_written))


# Pages are rendered in runs of this many, in parallel where there are several runs: a small
# site is one run, done before a pool would have started.
PAGE_RUN = 400


def _render_run(work: tuple[jinja2.Environment, SitePlan, VariantContent, frozenset[str]],
                pages: slice) -> list[tuple[str, bytes]]:
    env, plan, variant, static = work
    return [(page.path, page.html.encode("utf-8"))
            for page in render_variant(env, plan, variant, static, pages)]


@dataclass(frozen=True)
class PreparedReport:
    """What a build makes of one report before the site is planned: its summaries, the audit of
    its conversion, its review queue (where the site asks for one), and the report in each
    variant's script. A pure function of the report and what converts it, so it is kept (memo.py)."""

    summaries: Summaries
    audits: tuple[VariantAudit, ...]
    variants: tuple[ReportVariant, ...]  # in the order of the site's variants


@dataclass(frozen=True)
class _Preparing:
    """What every report's preparation shares (a worker process starts with it in memory)."""

    project: Project
    content: SiteContent
    dictionaries: Dictionaries
    segmenter: Segmenter | None


def prepared(project: Project, content: SiteContent, memo: Memo, jobs: int) -> dict[str, PreparedReport]:
    """Each report prepared, by slug: kept results where their inputs are the same, the rest made
    on every core (a report's preparation needs no other report)."""
    # A report's preparation depends on its folder, the site's settings and glossaries, the
    # genre's data and this program (not on the editorial pages or on other reports).
    site_key = folder_digest(project.content, frozenset({REPORTS, PAGES}))
    keys = {entry.slug: (digest(program(), site_key, entry.slug, folder) if site_key and folder else None)
            for entry in content.reports for folder in [folder_digest(entry.folder)]}
    found = {slug: memo.peek("report", key) if key else None for slug, key in keys.items()}
    missing = [entry for entry in content.reports if found[entry.slug] is None]
    if missing:
        shared = _Preparing(project, content, dictionaries(memo),
                            Segmenter() if content.site.review else None)
        for entry, made in zip(missing, in_order(_prepare, shared, missing, jobs), strict=True):
            key = keys[entry.slug]
            found[entry.slug] = memo.put("report", key, made) if key else made
    return {slug: report for slug, report in found.items() if report is not None}


def dictionaries(memo: Memo) -> Dictionaries:
    """OpenCC's dictionaries (for the audit, the review and the search's folding), read once per
    OpenCC version."""
    return memo.get("dictionaries", digest(program()), load_dictionaries, program=True)


def _prepare(shared: _Preparing, entry: ReportContent) -> PreparedReport:
    content, genre = shared.content, shared.content.genre
    summaries = summarise_report(entry, genre)
    audits = audit_report(content, entry, shared.dictionaries)
    review = ()
    if shared.segmenter is not None:
        located = {key: replace(where, file=Path(where.file).relative_to(shared.project.content).as_posix())
                   for key, where in locate(entry.folder).items()}
        review = review_report(content, entry, shared.dictionaries, shared.segmenter, located)
    variants = tuple(report_variant(content, entry, summaries, audits, review, variant.code)
                     for variant in content.site.variants)
    return PreparedReport(summaries, audits, variants)


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
                  ) -> tuple[tuple[str, tuple[ProofItem, ...]], ...]:
    """The review queue of every converted variant of a report: (variant code, items)."""
    queues = []
    for variant in content.site.variants:
        if variant.opencc is None:
            continue
        glossary = tuple(e for e in content.glossary_for(entry) if e.applies_to(variant.code))
        queues.append((variant.code, proof_queue(entry.report, conversion(variant.opencc, glossary),
                                                 variant.quotes, dictionaries, content.genre.proofs,
                                                 locations)))
    return tuple(queues)


def converter_for(content: SiteContent, code: str, glossary: tuple[GlossaryEntry, ...]) -> Convert:
    """One variant's conversion with a glossary's entries for it, quotation marks as it writes them."""
    variant = next(v for v in content.site.variants if v.code == code)
    chosen = tuple(e for e in glossary if e.applies_to(code))
    return with_quotes(make_converter(variant.opencc, chosen), variant.quotes)


def report_variant(content: SiteContent, entry: ReportContent, summary: Summaries,
                   audits: tuple[VariantAudit, ...],
                   review: tuple[tuple[str, tuple[ProofItem, ...]], ...], code: str) -> ReportVariant:
    """One report in one variant's script (its own glossary before the site's)."""
    own = converter_for(content, code, content.glossary_for(entry))
    return ReportVariant(
        slug=entry.slug,
        report=convert_value(entry.report, own),
        industries=convert_value(summary.industries, own),
        figures=convert_value(summary.figures, own),
        chart=chart_bars(summary.figures.figures, own),
        slogans=convert_summary(summary.slogans, own),
        audits=audits,
        review=review,
    )


def convert_variant(content: SiteContent, reports: dict[str, PreparedReport], code: str,
                    yearly: tuple[Track, ...] = ()) -> VariantContent:
    """One variant's content, every reader-visible string in its script."""
    position = next(n for n, v in enumerate(content.site.variants) if v.code == code)
    convert = converter_for(content, code, first_of(content.glossary, content.genre.glossary))
    owns: dict[str, Convert] = {}

    def own(slug: str) -> Convert:
        if slug not in owns:
            entry = next(entry for entry in content.reports if entry.slug == slug)
            owns[slug] = converter_for(content, code, content.glossary_for(entry))
        return owns[slug]

    def track_year(year: TrackYear) -> TrackYear:
        """Each side in the script of its own report (its glossary first)."""
        target, result = own(year.target_report), own(year.result_report)
        figures = tuple(replace(convert_value(figure, target), result=convert_value(figure.result, result),
                                related=convert_value(figure.related, result)) for figure in year.figures)
        return replace(year, target_title=target(year.target_title), result_title=result(year.result_title),
                       figures=figures)

    return VariantContent(
        variant=content.site.variants[position],
        variants=content.site.variants,
        site=convert_value(content.site, convert),
        pages=convert_value(content.pages, convert),
        ui=ui_for(content.ui, content.genre, content.site.ui, content.site.variants[position], convert),
        labels={other.code: other.label for other in content.site.variants},
        glossaries=convert_value(_glossaries(content), convert),
        reports=tuple(reports[entry.slug].variants[position] for entry in content.reports),
        tracks=tuple(replace(track, place=convert(track.place), years=tuple(map(track_year, track.years)))
                     for track in yearly),
    )


def _glossaries(content: SiteContent) -> tuple[GlossaryGroup, ...]:
    """What the about page lists: the site's glossary, each report's own, the genre's entries used."""
    ui = content.ui
    groups = [GlossaryGroup(ui["glossary"], content.glossary)]
    groups += [GlossaryGroup(ui["report_glossary"].format(report=entry.report.full_title), entry.glossary,
                             entry.slug) for entry in content.reports]
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
    return [(name, _minified(name, found[name].read_bytes())) for name in sorted(found)]


def _minified(name: str, data: bytes) -> bytes:
    """Style sheets and scripts without their comments and spaces (rcssmin, rjsmin): a reader on
    a phone downloads them before the first page shows. Other files go out as they are."""
    if name.endswith(".css"):
        import rcssmin

        return rcssmin.cssmin(data)
    if name.endswith(".js"):
        import rjsmin

        return rjsmin.jsmin(data)
    return data

