"""Every file of a built site, one at a time (a site of a thousand reports is never held whole):
the search index, each variant's pages and data files, the root pages, the sitemap, robots.txt and
the static files."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace

import jinja2

from site_src.content.site import SiteContent
from site_src.output.memo import Memo, characters_key, templates_key
from site_src.output.parallel import in_order
from site_src.project import Project
from site_src.site import routes
from site_src.site.plan import SitePlan
from site_src.site.render import make_environment, render_files, render_root_pages, render_variant
from site_src.site.search import fold_map, search_index
from site_src.site.sitemap import robots_txt, sitemap_xml
from site_src.site.static import static_files
from site_src.site.templates import check_templates
from site_src.site.variant import VariantContent
from site_src.variants.prepare import dictionaries
from site_src.variants.punctuation import PAIRS as QUOTE_PAIRS

# Pages are rendered in runs of this many, in parallel where there are several runs: a small
# site is one run, done before a pool would have started.
PAGE_RUN = 400


def site_files(project: Project, content: SiteContent, variants: tuple[VariantContent, ...],
               plans: tuple[SitePlan, ...], memo: Memo, jobs: int) -> Iterator[tuple[str, bytes]]:
    """(path in the output folder, bytes) of every file, in a fixed order."""
    env = memo.get("jinja", templates_key(project.templates),
                   lambda: make_environment(project.templates, project.kept_for_program("jinja")),
                   disk=False)
    check_templates(env, project.templates)  # links out, missing names, circles: before any file
    static = static_files(project.templates)
    search = search_index(variants, plans, lambda characters: memo.get(
        "fold", characters_key(characters),
        lambda: fold_map(characters, [*dictionaries(memo).character_pairs(), *QUOTE_PAIRS])),
        content.genre.search_synonyms)
    fold = next(search)  # first, and a static file the pages load; the rest as written
    static_names = frozenset(path.removeprefix(routes.static("")) for path, _ in (*static, (fold.path, b"")))
    for file in itertools.chain([fold], search):
        yield file.path, file.text.encode("utf-8")
    for variant, plan in zip(variants, plans, strict=True):
        runs = [slice(start, start + PAGE_RUN) for start in range(0, len(plan.pages), PAGE_RUN)]
        for run in in_order(_render_run, (env, plan, variant, static_names), runs, jobs):
            yield from run
        yield from ((data.path, data.html.encode("utf-8")) for data in render_files(plan, variant))
    choices = tuple((v.variant, v.site.title, v.variant.label, v.ui) for v in variants)
    # The root pages speak the first variant's script: its title and description, pins resolved.
    root = replace(content.site, title=variants[0].site.title, description=variants[0].site.description)
    yield from ((page.path, page.html.encode("utf-8"))
                for page in render_root_pages(env, root, choices, static_names))
    sitemap = sitemap_xml(content.site, plans[0])
    if sitemap is not None:
        yield routes.SITEMAP, sitemap.encode("utf-8")
    yield routes.ROBOTS, robots_txt(content.site).encode("utf-8")
    yield from static


def _render_run(work: tuple[jinja2.Environment, SitePlan, VariantContent, frozenset[str]],
                pages: slice) -> list[tuple[str, bytes]]:
    env, plan, variant, static = work
    return [(page.path, page.html.encode("utf-8"))
            for page in render_variant(env, plan, variant, static, pages)]
