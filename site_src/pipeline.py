"""The two pipelines, top to bottom: import (raw text -> YAML) and build (YAML -> site)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_src.config import SiteConfig, load_config
from site_src.content import load_errata, load_report, write_report
from site_src.convert import convert_value, make_converter
from site_src.errors import Problem, SiteError
from site_src.ingest import import_report
from site_src.model import Report
from site_src.pages import EditorialPage, load_pages
from site_src.plan import plan_site
from site_src.render import VariantContent, make_environment, render_root_index, render_variant
from site_src.strings import UI_STRINGS
from site_src.write import write_site


@dataclass(frozen=True)
class Project:
    """Where things are: the content, the templates, the output folder."""

    content: Path
    templates: Path
    output: Path

    @classmethod
    def at(cls, root: Path, output: Path | None = None) -> Project:
        return cls(root / "content", root / "templates", output or root / "output")


@dataclass(frozen=True)
class BuildResult:
    files: int
    pages: int
    variants: tuple[str, ...]


@dataclass(frozen=True)
class ImportResult:
    report: Report
    written: tuple[Path, ...]


def import_source(project: Project, source: Path) -> ImportResult:
    errata = load_errata(project.content / "errata.yaml")
    try:
        raw = source.read_bytes()
    except OSError as error:
        from site_src.errors import fail

        raise fail(str(source), f"cannot read: {error.strerror}") from None
    report = import_report(raw, source.as_posix(), errata)
    written = write_report(report, project.content)
    return ImportResult(report, tuple(written))


def build(project: Project) -> BuildResult:
    """Load config -> load and validate content -> convert variants -> plan -> render -> write."""
    site, report, pages = _load(project)
    plan = plan_site(report, pages)
    env = make_environment(project.templates)
    variants = tuple(_convert(site, report, pages, variant_index)
                     for variant_index in range(len(site.variants)))
    files: list[tuple[str, bytes]] = []
    for content in variants:
        for page in render_variant(env, plan, content, site.variants):
            files.append((page.path, page.html.encode("utf-8")))
    root = render_root_index(env, site, tuple((c.variant, c.site.title, c.variant.label)
                                              for c in variants))
    files.append((root.path, root.html.encode("utf-8")))
    files.extend(_static_files(project.templates / "static"))
    count = write_site(files, project.output)
    return BuildResult(files=count, pages=len(plan.pages) * len(variants),
                       variants=tuple(v.code for v in site.variants))


def _load(project: Project) -> tuple[SiteConfig, Report, tuple[EditorialPage, ...]]:
    """Every content problem from every file, collected before anything is written."""
    problems: list[Problem] = []
    results = []
    for loader, argument in ((load_config, project.content / "site.yaml"),
                             (load_report, project.content),
                             (load_pages, project.content / "pages")):
        try:
            results.append(loader(argument))
        except SiteError as error:
            problems.extend(error.problems)
    if problems:
        raise SiteError(problems)
    site, report, pages = results
    return site, report, pages


def _convert(site: SiteConfig, report: Report, pages: tuple[EditorialPage, ...],
             index: int) -> VariantContent:
    variant = site.variants[index]
    convert = make_converter(variant.opencc)
    return VariantContent(
        variant=variant,
        site=convert_value(site, convert),
        report=convert_value(report, convert),
        pages=convert_value(pages, convert),
        ui={key: convert(text) for key, text in UI_STRINGS.items()},
        labels={other.code: convert(other.label) for other in site.variants},
    )


def _static_files(static_dir: Path) -> list[tuple[str, bytes]]:
    return [(f"static/{path.relative_to(static_dir).as_posix()}", path.read_bytes())
            for path in sorted(static_dir.rglob("*")) if path.is_file()]
