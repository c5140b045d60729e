"""Every file of a built site, one at a time (a site of a thousand reports is never held whole):
the search index, each variant's pages and data files, the root pages, the sitemap, robots.txt and
the static files."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

import jinja2
from markupsafe import Markup

from site_src.content.site import SiteContent
from site_src.output.memo import Memo, characters_key, program_key, templates_check_key, templates_key
from site_src.output.parallel import in_order
from site_src.output.write import Unchanged
from site_src.project import Project
from site_src.site import routes
from site_src.site.environment import shipped_references
from site_src.site.plan import SitePlan
from site_src.site.render import make_environment, render_files, render_root_pages, render_variant, words
from site_src.site.reuse import MEMO_KIND, Digests, kept, page_keys, rendered, shared_key, unchanged
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
               plans: tuple[SitePlan, ...], memo: Memo, jobs: int) -> Iterator[tuple[str, bytes | Unchanged]]:
    """(path in the output folder, bytes) of every file, in a fixed order."""
    env = memo.get("jinja", templates_key(project.templates),
                   lambda: make_environment(project.templates, project.kept_for_program("jinja")),
                   disk=False)
    _check_templates(env, project.templates, memo)  # links out, missing names, circles: before any file
    headings = KeptWords(memo.peek(WORDS_KIND, program_key()) or {})
    env.filters["words"] = headings  # this build's (the environment is kept from build to build)
    static = static_files(project.templates)
    search = search_index(variants, plans, lambda characters: memo.get(
        "fold", characters_key(characters),
        lambda: fold_map(characters, [*dictionaries(memo).character_pairs(), *QUOTE_PAIRS])),
        content.genre.search_synonyms, memo)
    fold = next(search)  # first, and a static file the pages load; the rest as written
    static_names = frozenset(path.removeprefix(routes.static("")) for path, _ in (*static, (fold.path, b"")))
    for file in itertools.chain([fold], search):
        yield file.path, file.text.encode("utf-8")
    digests = Digests()  # of what the variants' pages share, once
    for variant, plan in zip(variants, plans, strict=True):
        shared = shared_key(project.templates, variant, plan, static_names, digests)
        yield from _pages((env, plan, variant, static_names), page_keys(shared, plan, digests),
                          project.output, memo, jobs)
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
    if headings.new:
        memo.put(WORDS_KIND, program_key(), headings.made)


WORDS_KIND = "heading words"


class KeptWords:
    """The ``words`` filter (render.words: a heading's breaks between words) answering from the
    headings of the last build, ``kept`` (heading -> its HTML), where it can: their words depend on
    the heading and this program alone (the segmenter's dictionary, OpenCC's Simplified), so a
    build whose headings were all rendered before never starts the segmenter for them. ``made`` is
    this build's headings (what the next build keeps); ``new``, whether any was not kept."""

    def __init__(self, kept: Mapping[str, str]) -> None:
        self._kept = kept
        self.made: dict[str, str] = {}
        self.new = False

    def __call__(self, text: str) -> Markup:
        found = self.made.get(text)
        if found is None:
            found = self._kept.get(text)
            if found is None:
                found, self.new = str(words(text)), True
            self.made[text] = found
        return Markup(found)


_Rendering = tuple[jinja2.Environment, SitePlan, VariantContent, frozenset[str]]


def _check_templates(env: jinja2.Environment, templates: tuple[Path, ...], memo: Memo) -> None:
    """check_templates, its verdict kept for the same templates (only a pass: an error is always
    found again, located)."""
    def checked() -> bool:
        check_templates(env, templates, shipped_references())
        return True

    key = templates_check_key(templates)
    if key is None:
        checked()
    else:
        memo.get("templates checked", key, checked, program=True)


def _pages(work: _Rendering, keys: list[str | None], output: Path, memo: Memo,
           jobs: int) -> Iterator[tuple[str, bytes | Unchanged]]:
    """Every page of one variant (``keys``: each one's key): each kept from the last build where
    it stands (reuse.py), the rest rendered (in parallel, in runs)."""
    planned = work[1].routes
    records = [memo.peek(MEMO_KIND, key) if key else None for key in keys]
    records = [record if kept(record, output, planned) else None for record in records]
    todo = [n for n, record in enumerate(records) if record is None]
    runs = [todo[start:start + PAGE_RUN] for start in range(0, len(todo), PAGE_RUN)]
    made = itertools.chain.from_iterable(in_order(_render_run, work, runs, jobs))
    for key, record in zip(keys, records, strict=True):
        if record is not None:
            yield from unchanged(record)
            continue
        page = next(made)
        if key:
            memo.put(MEMO_KIND, key, rendered([page]))
        yield page[0], page[1]


def _render_run(work: _Rendering, pages: list[int]) -> list[tuple[str, bytes, frozenset[str]]]:
    env, plan, variant, static = work
    return [(page.path, page.html.encode("utf-8"), page.links)
            for page in render_variant(env, plan, variant, static, pages)]
