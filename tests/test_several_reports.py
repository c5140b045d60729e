"""A site of several reports: the three shared reports and the seed, imported and built together."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from site_src.content.report import load_report
from site_src.importing import import_source
from site_src.model import Report
from site_src.pipeline import BuildResult, Project, build

from .browser.search_model import report_of, shard_path
from .conftest import CONTENT, SEED_SLUG, SHARED_REPORTS, SLOW, bundled_hant
from .htmltext import broken_links, read_page

SHARED = ("2016-hailar-district-hulunbuir", "2019-national-state-council", "2026-sichuan-province")
pytestmark = [SLOW, pytest.mark.skipif(
    not all((SHARED_REPORTS / f"{name}.txt").is_file() for name in SHARED),
    reason=f"the shared reports are not in {SHARED_REPORTS} (they are read from there, never copied)")]


@pytest.fixture(scope="module")
def several(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult, dict[str, Report]]:
    root = tmp_path_factory.mktemp("several")
    content = root / "content"
    shutil.copytree(CONTENT, content)  # the site and its report, beside which three more go
    project = Project.of(content, root / "output")
    for name in SHARED:
        import_source(project, SHARED_REPORTS / f"{name}.txt", name)
    result = build(project)
    reports = {folder.name: load_report(folder) for folder in sorted((content / "reports").iterdir())}
    return project.output, result, reports


def test_the_home_page_lists_every_report(several: tuple[Path, BuildResult, dict[str, Report]]) -> None:
    out, _, reports = several
    assert list(reports) == [*SHARED[:2], SEED_SLUG, SHARED[2]]
    for folder in ("zh-hans", "zh-hant"):
        home = read_page(out / folder / "index.html")
        for slug in reports:
            assert f"{slug}/index.html" in home.links
    # Each government by its name, each report by its year.
    home = read_page(out / "zh-hans" / "index.html").text
    assert all(report.place in home and f"{report.year}年" in home for report in reports.values())


def test_each_report_has_every_page_type(several: tuple[Path, BuildResult, dict[str, Report]]) -> None:
    out, _, reports = several
    for slug, report in reports.items():
        for folder in ("zh-hans", "zh-hant"):
            base = out / folder / slug
            assert (base / "index.html").is_file() and (base / "full.html").is_file()
            for part in report.parts:
                assert (base / part.id / "index.html").is_file()
                for n in range(1, len(part.sections) + 1):
                    assert (base / part.id / f"{n:02d}.html").is_file()
            assert (base / "slogans.html").is_file() or slug == "2019-national-state-council"
            assert (base / "industries").is_dir() == (slug == SEED_SLUG)  # only where a file exists
            assert (base / "terms.html").is_file() == bool(report.terms)
    assert len(reports["2026-sichuan-province"].terms) == 20
    assert (out / "zh-hans" / SEED_SLUG / "figures.html").is_file()


def test_nothing_lost_every_paragraph_of_each_report_in_both_variants(
        several: tuple[Path, BuildResult, dict[str, Report]]) -> None:
    out, _, reports = several
    to_hant = bundled_hant()
    for slug, report in reports.items():
        hans = read_page(out / "zh-hans" / slug / "full.html").text
        hant = read_page(out / "zh-hant" / slug / "full.html").text
        pieces = [p.source_text for p in report.paragraphs()]
        pieces += [s.heading for s in report.sections()] + [p.heading for p in report.parts]
        pieces += [t.term for t in report.terms] + [t.explanation for t in report.terms]
        for piece in pieces:
            assert piece in hans, (slug, piece[:30])
            # Compared in Traditional: converting back would fold 濛溪河 and 显著 into other words.
            assert to_hant(piece) in hant, (slug, piece[:30])


def test_every_link_resolves_and_search_names_the_report(
        several: tuple[Path, BuildResult, dict[str, Report]]) -> None:
    out, _, reports = several
    assert broken_links(out) == []
    manifest = load_search_file(out / "zh-hant" / "search-index.js")
    assert len(manifest["facets"]) == len(reports) * (manifest["gw"] + 2)
    to_hant = bundled_hant()
    shards = [load_search_file(out / "zh-hant" / shard_path(manifest, n))
              for n in range(len(manifest["shards"]))]
    titles = {report_of(manifest, n, shard, [k]): title for n, shard in enumerate(shards)
              for k, (_, title) in enumerate(shard["reports"])}  # shards name theirs
    newest_first = sorted(reports.values(), key=lambda report: -report.year)  # a year's in the site's order
    assert [titles[number] for number in range(len(reports))] == [
        to_hant(report.full_title) for report in newest_first]
    for number, report in enumerate(newest_first):  # and a page is of its report
        routes = {page[1] for n, shard in enumerate(shards) for page in shard["pages"]
                  if report_of(manifest, n, shard, page) == number}
        assert routes and all(route.startswith(f"{slug_of(report, reports)}/") for route in routes)


def load_search_file(path: Path) -> dict:  # type: ignore[type-arg]
    """The JSON a search file assigns: ``window.X=…;`` or ``(…)["name"]=…;``."""
    text = path.read_text(encoding="utf-8")
    start = text.index("]=") + 2 if text.startswith("(") else text.index("=") + 1
    return json.loads(text[start: text.rindex(";")])


def slug_of(report: Report, reports: dict[str, Report]) -> str:
    return next(slug for slug, other in reports.items() if other is report)
