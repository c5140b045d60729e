"""Rendering planned pages through Jinja: explicit context, autoescape, strict undefined.

Every page gets the same context: the site and the variant, the page as planned (its subject is
what it presents), the site's and its report's links, and three functions that turn planned
routes into hrefs relative to the page: ``url(link)``, ``anchor(id)`` and ``asset(name)``; and
``place(id)``, where the text of an id is as a reader names it (一、2023年工作回顾 第3段), for
every link that says where a quote is from. A route the plan does not have, an id no page holds
or a file the site does not ship is an error naming the template and line that asked for it.
Render never looks at a page's kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from site_src.config import SiteConfig, Variant
from site_src.content.pages import markdown_to_html
from site_src.errors import Location, Problem, SiteError
from site_src.site import routes
from site_src.site.environment import environment, shipped_folder
from site_src.site.nav import Link, ReportNav
from site_src.site.page import Page
from site_src.site.plan import SitePlan
from site_src.site.variant import VariantContent
from site_src.summaries.figures.export import WRITERS

_OG_LOCALES = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "zh-HK": "zh_HK", "zh-TW": "zh_TW",
               "zh-CN": "zh_CN"}


@dataclass(frozen=True)
class Alternate:
    """The same page in another variant (or this one): for the switcher and hreflang links."""

    code: str
    label: str
    href: str
    current: bool


@dataclass(frozen=True)
class SideBySide:
    """The switcher's way to the page's text in every script side by side (or that it is there)."""

    href: str  # "" on the side-by-side page itself
    current: bool


@dataclass(frozen=True)
class RenderedPage:
    path: str  # relative to the output folder
    html: str
    links: frozenset[str] = frozenset()  # the planned routes it links to (what it needs to stay valid)


class UnplannedLink(Exception):
    """A template asked for a link to something the plan does not have."""


def make_environment(templates: tuple[Path, ...], cache_dir: Path | None = None) -> jinja2.Environment:
    """Jinja with autoescape and StrictUndefined over the template folders, first match wins (a
    site's own templates/ before the shipped ones), with this module's filters; compiled templates
    are kept in ``cache_dir`` and found among those the package's build compiled (environment.py),
    each checked against the template's source, so an edited template is compiled again."""
    return environment(templates, {"markdown": markdown_to_html, "css_string": css_string,
                                   "keep_numbers": keep_numbers, "words": words, "quoted": quoted},
                       cache_dir, shipped_folder())


@dataclass(frozen=True)
class _Linker:
    """Hrefs from one page to planned routes, ids and static files; nothing else can be linked."""

    up: str  # from the page to its variant's folder: "", "../", …
    routes: frozenset[str]
    anchors: Mapping[str, str]  # of the page's report
    static: frozenset[str]
    static_root: str  # where static/ is from the page
    linked: set[str] = field(default_factory=set, compare=False)  # the planned routes asked for

    def url(self, target: Link | str) -> str:
        route = target.route if isinstance(target, Link) else target
        page = routes.page_of(route)
        if page not in self.routes:
            raise UnplannedLink(f"a link to {route!r}, which is not a planned page")
        self.linked.add(page)
        return self.up + route

    def anchor(self, id: str, anchors: Mapping[str, str] | None = None) -> str:
        where = (self.anchors if anchors is None else anchors).get(id)
        if where is None:
            raise UnplannedLink(f"a link to {id!r}, which no page holds")
        return self.url(routes.anchored(where, id))

    def asset(self, name: str) -> str:
        if name not in self.static:
            raise UnplannedLink(f"the file {routes.static(name)}, which the site does not have")
        return f"{self.static_root}{name}"


@dataclass(frozen=True)
class _Places:
    """Where the text of an id is, as the plan names it for a reader: place(id), or place(id,
    places) with another report's places (the about page of a site of several)."""

    places: Mapping[str, str]  # of the page's report

    def __call__(self, id: str, places: Mapping[str, str] | None = None) -> str:
        label = (self.places if places is None else places).get(id)
        if label is None:
            raise UnplannedLink(f"the place of {id!r}, which no page holds")
        return label


_NUMBER_AND_MEASURE = re.compile(r"\d[\d.]*(?:[—–]\d[\d.]*)?[%‰]?[\u4e00-\u9fff]?")


def keep_numbers(text: str) -> Markup:
    """Text in which a number stays on one line with the word it counts (2024年, 15%), a span of
    years with its ends (2013—2019年): a title breaks 兰州市城关区 / 2025年政府工作报告, never
    2024 / 年."""
    out, at = [], 0
    for match in _NUMBER_AND_MEASURE.finditer(text):
        out += [escape(text[at:match.start()]), Markup('<span class="nobr">'), escape(match.group()),
                Markup("</span>")]
        at = match.end()
    return Markup("").join([*out, escape(text[at:])])


# A number with what it counts (2024年, 15%, 第3段: an ordinal too), or a run of Han characters.
_NUMBER_OR_HAN = re.compile(r"第?\d[\d.]*[%‰]?[\u4e00-\u9fff]?|[\u3400-\u9fff]+")
_WBR = Markup("<wbr>")


def words(text: str) -> Markup:
    """A heading that breaks only between words, never inside one (构建, not 构/建): a <wbr> between
    each two words of a run of Han characters, and between such a run and a number, in a span whose
    style (.words: word-break: keep-all) allows no other break between them; punctuation and spaces
    break as they always do, and a word longer than the line still breaks (overflow-wrap).

    The words are the program's segmenter's (site_src/segment.py: jieba's dictionary, unknown
    words guessed), read in Simplified (its dictionary's script; a Traditional heading is read in
    its Simplified form, character for character): where it errs it joins two words more often
    than it splits one, which costs a break opportunity, not a broken word."""
    from site_src.segment import segmenter  # only a build that renders headings needs it
    from site_src.variants.convert import make_converter

    cut, simplified = segmenter().cut, make_converter("t2s")
    out: list[Markup] = []
    at = -1  # where the last number or Han run ended: a word follows it directly there
    for match in _NUMBER_OR_HAN.finditer(text):
        start = match.start()
        out.append(escape(text[max(at, 0):start]) if start > at else Markup(""))
        if start == at:
            out.append(_WBR)
        piece = match.group()
        number = any(character.isdigit() for character in piece)
        pieces = [piece] if number else _joined(_in_words(piece, simplified(piece), cut))
        out.append(_WBR.join(escape(word) for word in pieces))
        at = match.end()
    out.append(escape(text[max(at, 0):]))
    return Markup('<span class="words">') + Markup("").join(out) + Markup("</span>")


def _in_words(piece: str, read: str, cut: Callable[..., list[str]]) -> list[str]:
    """``piece`` cut where the segmenter cuts ``read``, its Simplified form (the piece itself where
    the two are not of one length, as a phrase conversion may make them)."""
    if len(read) != len(piece):
        return cut(piece, guess=True)
    words, at = [], 0
    for word in cut(read, guess=True):
        words.append(piece[at:at + len(word)])
        at += len(word)
    return words


def _joined(cut: Iterable[str]) -> list[str]:
    """The segmenter's words, each run of one-character words one word: a word it does not know
    (抓好, 用到) comes out as two of one more often than two words of one character stand side by
    side, and a break lost costs less than a word broken."""
    words: list[str] = []
    single = False  # whether the last word is a run of one-character words
    for word in cut:
        if single and len(word) == 1:
            words[-1] += word
        else:
            words.append(word)
            single = len(word) == 1
    return words


# A quotation's own quotation marks, one level in: “”‘’ swap, and so do 「」『』 (a variant of
# corner quotes writes 「」 outside and 『』 inside where its source writes “” and ‘’).
_NESTED = str.maketrans("“”‘’「」『』", "‘’“”『』「」")


def quoted(text: str) -> str:
    """Text to show inside quotation marks (a <q>, which adds the outer ones): its own quotation
    marks become the inner ones, “…“三位一体”改革” -> “…‘三位一体’改革”."""
    return text.translate(_NESTED)


def css_string(text: str) -> Markup:
    """Text as a CSS string ("…"), for a stylesheet in the page: quotes, backslashes and anything
    that could end the style element escaped the CSS way."""
    escaped = "".join(c if c.isalnum() or c in " ·、，。：（）" or ord(c) > 0x2000 else f"\\{ord(c):x} "
                      for c in text)
    return Markup(f'"{escaped}"')


def render_variant(env: jinja2.Environment, plan: SitePlan, content: VariantContent,
                   static: frozenset[str],
                   pages: slice | Sequence[int] = slice(None)) -> Iterator[RenderedPage]:
    """Every planned page of one variant (or those ``pages`` says: a slice, or their indices)."""
    planned = plan.routes
    for page in plan.pages[pages] if isinstance(pages, slice) else (plan.pages[n] for n in pages):
        report_nav = page_report_nav(plan, page)
        linker = _Linker(routes.up(page.route), planned, report_nav.anchors if report_nav else {}, static,
                         routes.static_from(page.route))
        html = _render(env, page.template, _context(page, plan, content, report_nav, linker))
        yield RenderedPage(routes.output(content.variant.path, page.route), html, frozenset(linker.linked))


def page_report_nav(plan: SitePlan, page: Page[object]) -> ReportNav | None:
    """The report links a page is rendered with: its report's; the site's own pages of a one-report
    site belong to that report (its contents, its full text)."""
    if page.report is not None:
        return plan.reports[page.report]
    return next(iter(plan.reports.values())) if len(plan.reports) == 1 else None


def render_files(plan: SitePlan, content: VariantContent) -> Iterator[RenderedPage]:
    """Every planned file of one variant that is no page (the figures as CSV and JSON)."""
    for file in plan.files:
        yield RenderedPage(routes.output(content.variant.path, file.route), WRITERS[file.format](file.data))


def _context(page: Page[object], plan: SitePlan, content: VariantContent, report_nav: ReportNav | None,
             linker: _Linker) -> dict[str, Any]:
    site, variant = content.site, content.variant
    return {
        "site": site,
        "ui": content.ui,
        "variant": variant,
        "lang": variant.code,
        "page": page,
        "nav": plan.site,
        "report_nav": report_nav,
        "url": linker.url,
        "anchor": linker.anchor,
        "asset": linker.asset,
        "place": _Places(report_nav.places if report_nav else {}),
        "search": {"root": linker.up, "index": linker.up + routes.SEARCH_MANIFEST,
                   "fold": linker.asset(routes.FOLD)},
        "variant_labels": content.labels,
        # A page in every script at once switches to the pages of one script.
        "alternates": tuple(Alternate(v.code, content.labels[v.code],
                                      routes.in_variant(page.route, v, page.scripts_of),
                                      v.code == variant.code and not page.scripts_of)
                            for v in content.variants),
        "side_by_side": _side_by_side(page, report_nav, linker),
        "head_links": routes.alternates(page.route, content.variants, site.base_url),
        "canonical": routes.canonical(site.base_url, variant, page.route),
        # A page served at any depth (404): with a base URL its links still resolve.
        "base_href": routes.base_href(site.base_url, variant) if page.anywhere else "",
        "og_locale": _OG_LOCALES.get(variant.code, variant.code.replace("-", "_")),
    }


def _side_by_side(page: Page[object], report_nav: ReportNav | None, linker: _Linker) -> SideBySide | None:
    if page.scripts_of:
        return SideBySide("", True)
    found = report_nav.side_by_side.get(page.route) if report_nav is not None else None
    return SideBySide(linker.url(found), False) if found else None


def _render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    """A page; whatever goes wrong in a template is one error at the template and line it is in."""
    try:
        return env.get_template(template).render(context)
    except SiteError:
        raise
    except jinja2.TemplateSyntaxError as error:
        raise SiteError([Problem(Location(error.name or template, error.lineno),
                                 f"template syntax error: {error.message}")]) from None
    except (jinja2.TemplateNotFound, jinja2.UndefinedError, UnplannedLink, RecursionError) as error:
        file, line = _template_line(error, env)
        raise SiteError([Problem(Location(file or template, line), _said(error))]) from None
    except Exception as error:  # {{ 1 // 0 }}, a filter given the wrong thing: the template's
        file, line = _template_line(error, env)
        if file is None:
            raise  # raised outside every template: this program's own mistake, with its traceback
        raise SiteError([Problem(Location(file, line), _said(error))]) from None


def _said(error: BaseException) -> str:
    if isinstance(error, jinja2.TemplateNotFound):
        return f"template not found: {error.name}"
    if isinstance(error, jinja2.UndefinedError):
        return f"undefined in template: {error.message}"
    if isinstance(error, UnplannedLink):
        return str(error)
    if isinstance(error, RecursionError):
        return ("the templates include each other without end (by a name computed while rendering): "
                "a template cannot include or extend itself")
    return f"template error: {error} ({type(error).__name__})"


def _template_line(error: Exception, env: jinja2.Environment) -> tuple[str | None, int | None]:
    """The template file and line where rendering failed.

    Jinja rewrites the traceback so that template frames carry the template's own file name
    and line number; the innermost such frame is the place to show.
    """
    folders = [str(Path(folder)) for folder in getattr(env.loader, "searchpath", ())]
    where: tuple[str | None, int | None] = (None, None)
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        for folder in folders:
            if filename.startswith(folder + "/"):
                where = (filename[len(folder) + 1:], traceback.tb_lineno)
        traceback = traceback.tb_next
    return where


def render_root_pages(env: jinja2.Environment, site: SiteConfig,
                      choices: tuple[tuple[Variant, str, str, dict[str, str]], ...],
                      static: frozenset[str]) -> list[RenderedPage]:
    """The root pages: pick a variant (by the browser's language where JavaScript runs), and a
    404 page in every variant's script for hosts that serve /404.html for any missing path."""
    context: dict[str, Callable[..., Any] | Any] = {
        "site": site, "choices": choices, "base": site.base_url, "home": routes.root_home,
        "homes": [routes.root_home(variant) for variant, *_ in choices], "root_home": routes.ROOT_HOME,
        "asset": _Linker("", frozenset(), {}, static, routes.static("")).asset}
    return [RenderedPage(routes.ROOT_HOME, _render(env, "root_index.html", context)),
            RenderedPage(routes.ROOT_NOT_FOUND, _render(env, "root_404.html", context))]
