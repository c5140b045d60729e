"""Rendering planned pages of one variant through Jinja: explicit context, autoescape, strict."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from site_src.config import SiteConfig, Variant
from site_src.content.pages import EditorialPage, markdown_to_html
from site_src.errors import Location, Problem, SiteError
from site_src.model import GlossaryEntry, Paragraph, Report
from site_src.site.plan import PlannedPage, SitePlan
from site_src.summaries.figures import ChartBar, KeyFigures, growth_chart_svg
from site_src.summaries.industries import IndustrySummary
from site_src.summaries.slogans import Slogan
from site_src.variants.audit import VariantAudit

# Chinese readers take in about 400 characters a minute; reading time counts characters, not words.
CHARACTERS_PER_MINUTE = 400
_HAN = re.compile(r"[\u3400-\u9fff]")


SUMMARY_KINDS = ("terms", "figures", "industries", "slogans")  # linked from a report's contents


@dataclass(frozen=True)
class Link:
    title: str
    href: str


@dataclass(frozen=True)
class Alternate:
    """The same page in another variant (or this one): for the switcher and hreflang links."""

    code: str
    label: str
    href: str
    current: bool


@dataclass(frozen=True)
class TocPart:
    link: Link
    sections: tuple[Link, ...]


@dataclass(frozen=True)
class ReportVariant:
    """One report of the site, in one variant's script, with its summaries and audit."""

    slug: str
    report: Report
    industries: IndustrySummary | None
    figures: KeyFigures
    chart: tuple[ChartBar, ...]
    slogans: tuple[Slogan, ...]
    audits: tuple[VariantAudit, ...]  # the conversion audit of each converted variant


@dataclass(frozen=True)
class VariantContent:
    """Everything one variant renders, already in its script."""

    variant: Variant
    site: SiteConfig
    pages: tuple[EditorialPage, ...]
    ui: dict[str, str]
    labels: dict[str, str]  # variant code -> its label, in its own script
    glossary: tuple[GlossaryEntry, ...]  # reasons in this variant's script
    reports: tuple[ReportVariant, ...]

    def report_of(self, page: PlannedPage) -> ReportVariant | None:
        """The report a page belongs to; the site's own pages of a one-report site have it too."""
        if page.report is not None:
            return next(r for r in self.reports if r.slug == page.report)
        return self.reports[0] if len(self.reports) == 1 else None


@dataclass(frozen=True)
class RenderedPage:
    path: str  # relative to the output folder
    html: str


def make_environment(templates_dir: Path, cache_dir: Path | None = None) -> jinja2.Environment:
    """Jinja with autoescape and StrictUndefined; compiled templates are kept in ``cache_dir``
    (keyed by each template's source, so an edited template is compiled again)."""
    bytecode_cache = None
    if cache_dir is not None:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
        except OSError:
            bytecode_cache = None  # a read-only project still builds, only slower
    return jinja2.Environment(
        loader=_Utf8Loader(templates_dir),
        bytecode_cache=bytecode_cache,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class _Utf8Loader(jinja2.FileSystemLoader):
    """A template that is not valid UTF-8 is the project's error with its file, not a traceback."""

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str | None, Any]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as error:
            raise SiteError([Problem(Location(template), f"template is not valid UTF-8 "
                                                         f"(byte {error.start})")]) from None


def reading_time(text: str) -> tuple[int, int]:
    characters = len(_HAN.findall(text))
    return max(1, round(characters / CHARACTERS_PER_MINUTE)), characters


def render_variant(env: jinja2.Environment, plan: SitePlan, content: VariantContent,
                   variants: tuple[Variant, ...]) -> Iterator[RenderedPage]:
    titles = {page.route: page_title(page, content) for page in plan.pages}
    parents = {page.route: page.parent for page in plan.pages}
    order = plan.reading_order()
    position = {page.route: n for n, page in enumerate(order)}
    pages = {page.slug: page for page in content.pages}
    report_links = tuple(Link(r.report.full_title, f"{plan.prefixes[r.slug]}index.html")
                         for r in content.reports)
    per_report = {r.slug: _report_context(r, plan, titles) for r in content.reports}

    for page in plan.pages:
        root = "../" * page.depth
        n = position.get(page.route)
        previous = order[n - 1] if n is not None and n > 0 else None
        following = order[n + 1] if n is not None and n + 1 < len(order) else None
        crumbs = []
        parent = page.parent
        while parent is not None:
            crumbs.insert(0, Link(titles[parent], parent))
            parent = parents[parent]
        entry = content.report_of(page)
        context: dict[str, Any] = {
            "site": content.site,
            "ui": content.ui,
            "variant": content.variant,
            "lang": content.variant.code,
            "root": root,
            "assets": root + "../static/",
            "route": page.route,
            "kind": page.kind,
            "title": titles[page.route],
            "description": _description(page, content, entry),
            "breadcrumbs": tuple(crumbs),
            "previous": Link(titles[previous.route], previous.route) if previous else None,
            "next": Link(titles[following.route], following.route) if following else None,
            "alternates": tuple(
                Alternate(v.code, content.labels[v.code],
                          f"{root}../{v.path}/{page.route}", v.code == content.variant.code)
                for v in variants),
            "head_links": _head_links(content.site, variants, page.route, root),
            "canonical": f"{content.site.base_url}{content.variant.path}/{page.route}"
            if content.site.base_url else "",
            "base_href": f"{content.site.base_url}{content.variant.path}/"
            if content.site.base_url and page.kind == "not-found" else "",
            "og_locale": _og_locale(content.variant.code),
            "report_links": report_links,
            "toc_part": "",
            "report": None,
        }
        if entry is not None:
            context.update(per_report[entry.slug])
            context["report_root"] = root + plan.prefixes[entry.slug]
        context.update(_page_context(page, content, entry, pages, per_report))
        template = "page_" + page.kind.replace("-", "_") + ".html"
        html = _render(env, template, context)
        yield RenderedPage(f"{content.variant.path}/{page.route}", html)


def _report_context(entry: ReportVariant, plan: SitePlan, titles: dict[str, str]) -> dict[str, Any]:
    """What every page of a report needs: the report, its contents, its anchors."""
    prefix = plan.prefixes[entry.slug]
    report = entry.report
    toc = tuple(
        TocPart(Link(part.heading, f"{prefix}{part.id}/index.html"),
                tuple(Link(section.heading, f"{prefix}{part.id}/{n:02d}.html")
                      for n, section in enumerate(part.sections, start=1)))
        for part in report.parts)
    return {
        "report": report,
        "report_home": f"{prefix}index.html",
        "report_entry": entry,
        "toc": toc,
        "anchors": plan.anchors[entry.slug],
        "summary_links": tuple(Link(titles[p.route], p.route) for p in plan.pages
                               if p.report == entry.slug and p.kind in SUMMARY_KINDS),
        "parts": {part.id: part for part in report.parts},
        "sections": {section.id: (part, section) for part in report.parts for section in part.sections},
    }


def _years(report: Report) -> dict[str, int]:
    """The plan's year and the reviewed one (the report of 2024 reviews 2023)."""
    return {"plan": report.year, "review": report.year - 1}


def _head_links(site: SiteConfig, variants: tuple[Variant, ...], route: str,
                root: str) -> tuple[tuple[str, str], ...]:
    """hreflang links: absolute when the site's base URL is known, relative otherwise; x-default
    is the source variant's page (the root page for the home page: it picks by language)."""
    prefix = site.base_url or f"{root}../"
    links = [(v.code, f"{prefix}{v.path}/{route}") for v in variants]
    default = f"{prefix}index.html" if route == "index.html" else links[0][1]
    return (*links, ("x-default", default))


def _og_locale(code: str) -> str:
    return {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "zh-HK": "zh_HK", "zh-TW": "zh_TW",
            "zh-CN": "zh_CN"}.get(code, code.replace("-", "_"))


def _page_context(page: PlannedPage, content: VariantContent, entry: ReportVariant | None,
                  pages: dict[str, EditorialPage], per_report: dict[str, dict[str, Any]]
                  ) -> dict[str, Any]:
    if page.kind == "reports":
        return {"entries": tuple((r, per_report[r.slug]) for r in content.reports)}
    if page.kind == "editorial":
        about = page.key == "about"
        return {"body": markdown_to_html(pages[page.key].markdown),
                "report_records": tuple((r, per_report[r.slug]) for r in content.reports) if about else (),
                "glossary": content.glossary if about else (),
                "variant_labels": content.labels}
    if entry is None:
        return {}
    report = entry.report
    if page.kind == "home":
        return {"summary": entry.industries, "figures": entry.figures.figures[:6],
                "years": _years(report)}
    if page.kind == "figures":
        ui = content.ui
        years = _years(report)
        chart = growth_chart_svg(
            entry.chart, chart_id="growth-chart",
            title=ui["chart_title"].format(**years), desc=ui["chart_desc"].format(**years),
            result_legend=ui["result_year"].format(year=years["review"]),
            target_legend=ui["target_year"].format(year=years["plan"]))
        return {"figures": entry.figures, "chart": chart, "years": years}
    if page.kind == "slogans":
        return {"slogans": entry.slogans}
    if page.kind == "terms":
        return {"terms": report.terms}
    if page.kind == "part":
        part = per_report[entry.slug]["parts"][page.key]
        return {"part": part, "minutes": reading_time(_text(part.paragraphs()))}
    if page.kind == "section":
        part, section = per_report[entry.slug]["sections"][page.key]
        return {"part": part, "section": section, "minutes": reading_time(_text(section.paragraphs)),
                "toc_part": per_report[entry.slug]["anchors"][part.id]}
    if page.kind == "text":
        paragraphs = report.preamble if page.key == "preamble" else report.closing
        return {"paragraphs": paragraphs, "minutes": reading_time(_text(paragraphs))}
    if page.kind == "full":
        return {"minutes": reading_time(_text(report.paragraphs()))}
    if page.kind == "industries":
        return {"summary": entry.industries}
    if page.kind == "industry":
        assert entry.industries is not None
        return {"summary": entry.industries,
                "industry_page": next(p for p in entry.industries.pages if p.industry.id == page.key)}
    return {}


def _text(paragraphs: Any) -> str:
    return "".join(p.source_text for p in paragraphs)


def page_title(page: PlannedPage, content: VariantContent) -> str:
    ui = content.ui
    entry = content.report_of(page)
    if page.kind in ("reports", "search", "not-found", "editorial") or entry is None:
        if page.kind == "editorial":
            return next(p.title for p in content.pages if p.slug == page.key)
        if page.kind == "search":
            return ui["search_title"]
        if page.kind == "not-found":
            return ui["not_found"]
        return content.site.title
    report = entry.report
    if page.kind == "home":
        return content.site.title if len(content.reports) == 1 else report.full_title
    if page.kind == "part":
        return next(p.heading for p in report.parts if p.id == page.key)
    if page.kind == "section":
        return next(s.heading for s in report.sections() if s.id == page.key)
    if page.kind == "text":
        return ui[page.key]
    if page.kind == "full":
        return ui["full_text_title"]
    if page.kind in ("figures", "slogans", "terms"):
        return ui[f"{page.kind}_title"]
    if page.kind == "industries" and entry.industries:
        return entry.industries.system.name
    if page.kind == "industry" and entry.industries:
        return next(p.industry.name for p in entry.industries.pages if p.industry.id == page.key)
    return ui["not_found"]


def _description(page: PlannedPage, content: VariantContent, entry: ReportVariant | None) -> str:
    """The meta description: the page's first words, cut at a sentence near 120 characters."""
    if entry is None:
        return content.site.description
    report = entry.report
    first: tuple[Paragraph, ...] = ()
    if page.kind == "part":
        part = next(p for p in report.parts if p.id == page.key)
        first = part.opening or (part.sections[0].paragraphs if part.sections else ())
    elif page.kind == "section":
        first = next(s for s in report.sections() if s.id == page.key).paragraphs
    elif page.kind == "text":
        first = report.preamble if page.key == "preamble" else report.closing
    if not first:
        return content.site.description
    text = "".join(p.source_text for p in first[:2])
    if len(text) <= 120:
        return text
    cut = text.rfind("。", 0, 120)
    return text[: cut + 1] if cut > 40 else text[:119] + "…"


def _render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise SiteError([Problem(Location(error.name or template, error.lineno),
                                 f"template syntax error: {error.message}")]) from None
    except jinja2.TemplateNotFound as error:
        raise SiteError([Problem(Location(template), f"template not found: {error.name}")]) from None
    except jinja2.UndefinedError as error:
        file, line = _template_line(error, _templates_dir(env))
        raise SiteError([Problem(Location(file or template, line),
                                 f"undefined in template: {error.message}")]) from None


def _templates_dir(env: jinja2.Environment) -> str:
    loader = env.loader
    if isinstance(loader, jinja2.FileSystemLoader) and loader.searchpath:
        return str(Path(loader.searchpath[0]))
    return "\0"


def _template_line(error: Exception, templates_dir: str) -> tuple[str | None, int | None]:
    """The template file and line where rendering failed.

    Jinja rewrites the traceback so that template frames carry the template's own file name
    and line number; the innermost such frame is the place to show.
    """
    where: tuple[str | None, int | None] = (None, None)
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.startswith(templates_dir):
            where = (filename[len(templates_dir):].lstrip("/"), traceback.tb_lineno)
        traceback = traceback.tb_next
    return where


def render_root_pages(env: jinja2.Environment, site: SiteConfig,
                      choices: tuple[tuple[Variant, str, str, dict[str, str]], ...]) -> list[RenderedPage]:
    """The root pages: pick a variant (by the browser's language where JavaScript runs), and a
    404 page in every variant's script for hosts that serve /404.html for any missing path."""
    context = {"site": site, "choices": choices, "base": site.base_url}
    return [RenderedPage("index.html", _render(env, "root_index.html", context)),
            RenderedPage("404.html", _render(env, "root_404.html", context))]
