"""The build, top to bottom: a site's content -> the static site (the import is importing.py)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from site_src.content.report import load_located
from site_src.content.site import Located, SiteContent, load_site
from site_src.errors import Location, Problem, SiteError
from site_src.genre import load_genre
from site_src.output.fingerprint import digest, folder_digest, program
from site_src.output.memo import Memo, genre_key
from site_src.output.shipped import shipped_memo
from site_src.output.uptodate import build_key, kept_build, remember_build
from site_src.output.write import write_site
from site_src.progress import Progress
from site_src.project import BuildResult, Project
from site_src.site import routes
from site_src.site.files import site_files
from site_src.site.plan import plan_site
from site_src.site.search import search_sizes
from site_src.variants.prepare import in_each_variant, prepare_reports, year_on_year
from site_src.variants.site import check_configurations
from site_src.years import compare_years, in_each_script


def build(project: Project, memo: Memo | None = None, jobs: int | None = None) -> BuildResult:
    """Load and validate content -> summarise (each report, then year on year: targets against
    results, the wording against the earlier report's) -> audit -> convert variants -> plan ->
    render -> write.

    When nothing it depends on changed since the last build into the same folder, and that folder
    is as the build left it, there is nothing to do (see uptodate.py): the result is reported again.
    ``memo`` keeps the results of pure stages between builds (see memo.py); by default they are
    kept in the project's .cache/memo/ (with the entries the install made: shipped.py). ``jobs``
    is how many processes render a large site (by default one per core); the output is the same
    whatever it is.
    """
    key, kept = kept_build(project)
    return kept if kept is not None else build_anew(project, key, memo, jobs)


def build_anew(project: Project, key: str | None, memo: Memo | None = None,
               jobs: int | None = None, progress: Progress | None = None,
               later: list[Callable[[], None]] | None = None) -> BuildResult:
    """The build when the last one does not stand (``key``: this build's, from kept_build);
    ``progress`` is told of the long stages as they go (by default, nobody is). The site in place,
    the build is recorded for the next one's up-to-date check; given ``later``, that record is left
    there to be made once the result is told (the preview's worker tells its pages first)."""
    if memo is None:
        memo = Memo(project.cache / "memo", project.kept_for_program("memo"), shipped_memo())
    result, key, digests = _build(project, key, memo, jobs or os.cpu_count() or 1, progress or Progress(None))
    record = functools.partial(remember_build, project, key, result, digests)
    if later is None:
        record()
    else:
        later.append(record)
    return result


def _build(project: Project, key: str | None, memo: Memo, jobs: int,
           progress: Progress) -> tuple[BuildResult, str | None, dict[str, str]]:
    progress.stage("loading the content")
    content, key = load_unchanged(project, key, memo)  # one moment's content, and its key
    # summaries, audit, proofs, each script
    reports = prepare_reports(project, content, memo, jobs, progress)
    progress.stage("converting the site")
    yearly = year_on_year(content, reports)  # each government's targets against its next results
    compared = compare_years(project, content, memo, jobs)  # each report's wording against the earlier's
    variants = in_each_script(content, in_each_variant(project, content, reports, yearly, memo), compared,
                              memo)
    del reports  # each variant holds its own reports now
    plans = tuple(plan_site(variant, variants) for variant in variants)
    pages = frozenset(routes.output(variant.variant.path, page.route)
                      for variant, plan in zip(variants, plans, strict=True) for page in plan.pages)
    files = progress.counted(site_files(project, content, variants, plans, memo, jobs), len(pages),
                             "rendering", "pages", scale=100, counts=lambda file: file[0] in pages)
    written = write_site(files, project.output)
    return BuildResult(files=len(written.files), pages=sum(len(plan.pages) for plan in plans),
                       variants=tuple(v.code for v in content.site.variants),
                       search=search_sizes(written.files)), key, written.digests


_READINGS = 3  # an import's files land within milliseconds: a third reading in a row that sees
# them change is a folder being written without end


def load_unchanged(project: Project, key: str | None, memo: Memo | None = None
                   ) -> tuple[SiteContent, str | None]:
    """The content as it was at one moment, with its key: read into memory, then the folders'
    digest taken again; where it is no longer ``key`` (the digest taken before the reading), an
    import or a save landed during the reading, which may have seen some files old and some new:
    it is read again. A content error seen while the content was changing is read again too."""
    for _ in range(_READINGS):
        try:
            content: SiteContent | SiteError = load_project(project, memo)
        except SiteError as error:
            content = error
        now = build_key(project)
        if now == key:
            if isinstance(content, SiteError):
                raise content
            return content, key
        key = now
    raise SiteError([Problem(Location(str(project.content)), (
        f"the content changed while the build read it, {_READINGS} times in a row (an import or an "
        "editor writing?): build again when it is done"))])


def load_project(project: Project, memo: Memo | None = None) -> SiteContent:
    """Every content problem from every file, collected before anything is written; then whether
    OpenCC takes the site's own configurations. Given a memo, the genre profile is kept under the
    digest of its files (genre_key): a profile that loaded is loaded again only when they change."""
    key = genre_key(project.content) if memo is not None else None
    if memo is None or key is None:
        genre = load_genre(project.content)
    else:
        genre = memo.get("genre", key, functools.partial(load_genre, project.content))
    content = load_site(project.content, genre, load_located if memo is None else functools.partial(
        kept_report, memo))
    check_configurations(content.site)
    if project.base_url is not None:  # given on the command line: it stands for site.yaml's
        content = replace(content, site=replace(content.site, base_url=project.base_url))
    return content


LOCATED_KIND = "report read"


def kept_report(memo: Memo, folder: Path, years: tuple[int, int]) -> Located:
    """load_located of a report's folder, kept in ``memo`` under the digest of its files (read
    before and after: a folder that changed meanwhile is not kept), its path (which its locations
    name), ``years`` and this program: a report whose files did not change is not parsed again.
    A folder that fails to load is always read again, so its errors are said."""
    before, made = folder_digest(folder), program()
    key = digest(LOCATED_KIND, made, os.fsencode(folder), list(years), before) if before and made else None
    kept: Located | None = memo.peek(LOCATED_KIND, key) if key else None
    if kept is not None:
        return kept
    located = load_located(folder, years)
    if key is not None and folder_digest(folder) == before:
        memo.put(LOCATED_KIND, key, located)
    return located
