"""Shared fixtures: the real seed, the project's content, and one site built from it per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from site_src.config import SiteConfig, Variant
from site_src.content.archive import governments
from site_src.content.pages import EditorialPage
from site_src.content.report import load_report
from site_src.genre import load_genre
from site_src.importing import imported_report
from site_src.ingest.errata import load_errata
from site_src.model import Report
from site_src.pipeline import BuildResult, Project, build
from site_src.site.plan import SitePlan, plan_site
from site_src.site.variant import ReportVariant, VariantContent
from site_src.summaries.figures.match import KeyFigures

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SEED_SLUG = "2024-rongchang"
REPORT = CONTENT / "reports" / SEED_SLUG  # the bundled report's folder
SEED = REPORT / "source.txt"
SEED_NAME = f"content/reports/{SEED_SLUG}/source.txt"
SHARED_REPORTS = ROOT.parent / "shared" / "reports"
# CI (CI=true, as CI services set it) runs the randomized tests at full size; the quick path
# runs each on fewer random cases, the same code and the same assertions.
THOROUGH = os.environ.get("CI", "").lower() == "true"
# The whole suite's tests that the quick path leaves out (`-m "not slow"`): those that read the
# shared reports, start processes or build sites many times over. CI runs them all.
SLOW = pytest.mark.slow


def slow_and(skip: pytest.MarkDecorator) -> Callable[[T], T]:
    """``skip`` (the shared reports absent, say) and slow: for a test that reads the shared reports."""
    def mark(test: T) -> T:
        return SLOW(skip(test))
    return mark


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def imported(seed_bytes: bytes) -> Report:
    """The seed imported afresh, with the shipped errata, as `import` reads it (the importer's
    model and the government it is the report of)."""
    return imported_report(seed_bytes, SEED_NAME, load_errata(REPORT / "errata.yaml"), load_genre())


@pytest.fixture(scope="session")
def report() -> Report:
    """The report as the build sees it: loaded from the YAML under content/."""
    return load_report(REPORT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    out = tmp_path_factory.mktemp("site") / "output"
    result = build(Project.of(CONTENT, out))
    return out, result


@pytest.fixture(scope="session")
def kept_memo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a build of the bundled site keeps for the next (.cache/memo): a copy of the project
    with it is a project that was built before, as a user's usually is. The memo is keyed by the
    content itself, so a copy of it is exact; a build from nothing has tests of its own (golden,
    incremental, the own-report journeys)."""
    root = tmp_path_factory.mktemp("kept")
    copy_project(root)
    build(Project.of(root / "content"))
    return root / ".cache" / "memo"


def copy_project(root: Path, memo: Path | None = None) -> Path:
    """content/ and templates/ of the repository into ``root``, with ``memo`` as its kept memo."""
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    if memo is not None:
        shutil.copytree(memo, root / ".cache" / "memo")
    return root


@pytest.fixture()
def project_copy(tmp_path: Path, kept_memo: Path) -> Project:
    """A writable copy of content/ and templates/, for tests that break things."""
    copy_project(tmp_path, kept_memo)
    return Project.of(tmp_path / "content", tmp_path / "output")


PLAN_SITE = SiteConfig("某地政府工作报告", "", (Variant("zh-Hans", "简体中文", "zh-hans"),))


def report_variant(slug: str, report: Report) -> ReportVariant:
    """A report as a variant renders it, without summaries or audit."""
    return ReportVariant(slug, report, None, KeyFigures((), ()), (), (), ())


def plan_content(reports: tuple[ReportVariant, ...], pages: tuple[EditorialPage, ...] = ()) -> VariantContent:
    """A Simplified site of these reports and pages, as its variant renders it."""
    found = governments(((entry.slug, entry.report) for entry in reports), load_genre().archive)
    return VariantContent(PLAN_SITE.variants[0], PLAN_SITE.variants, PLAN_SITE, pages,
                          dict(load_genre().ui), {"zh-Hans": "简体中文", "zh-Hant": "繁體中文"}, (), reports,
                          found)


def plan_of(reports: tuple[ReportVariant, ...], pages: tuple[EditorialPage, ...] = ()) -> SitePlan:
    """The plan of a Simplified site of these reports and pages."""
    return plan_site(plan_content(reports, pages))


def report_folder(project: Project) -> Path:
    """The bundled report's folder in a project (a copy's, or the repository's)."""
    return project.content / "reports" / SEED_SLUG


def bundled_hant(keep_traditional: bool = False):  # type: ignore[no-untyped-def]
    """The bundled report's conversion to zh-Hant as the build makes it: its own, the site's and
    the genre's glossaries, then Taiwan's quotation marks. ``keep_traditional``: the glossaries'
    Traditional forms are kept as they are (to convert Traditional text again and see nothing
    change: 安納杰 keeps its 杰)."""
    from site_src.content.site import load_site
    from site_src.genre import load_genre
    from site_src.variants.convert import make_converter
    from site_src.variants.punctuation import with_quotes

    content = load_site(CONTENT, load_genre(CONTENT))
    (entry,) = content.reports
    (variant,) = (v for v in content.site.variants if v.code == "zh-Hant")
    from site_src.model import GlossaryEntry

    glossary = content.glossary_for(entry)
    if keep_traditional:
        glossary += tuple(GlossaryEntry(e.traditional, e.traditional, "kept") for e in glossary
                          if e.traditional not in {g.phrase for g in glossary})
    return with_quotes(make_converter("s2tw", glossary), variant.quotes)


def back_to_hans():  # type: ignore[no-untyped-def]
    """A Traditional page's text in Simplified, with the source's quotation marks again."""
    from site_src.variants.convert import make_converter

    tw2s = make_converter("tw2s")
    marks = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})
    return lambda text: tw2s(text).translate(marks)


# --- the run's last line says how many tests the absent shared reports skipped ------------------

SKIPPED_FOR_SHARED = "skipped for want of ../shared/reports"


def _skipped_for_shared(report: pytest.TestReport) -> bool:
    """A test skipped because the shared reports are absent (every such skip says so)."""
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    return report.skipped and ("shared report" in reason.lower() or "shared/reports" in reason)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """A count of its own in the summary line (`…, 89 skipped for want of ../shared/reports in 95s`):
    a run without the folder beside the clone is then never taken for a whole one."""
    skipped = [report for report in terminalreporter.stats.get("skipped", []) if _skipped_for_shared(report)]
    if skipped:
        terminalreporter.stats[SKIPPED_FOR_SHARED] = skipped
