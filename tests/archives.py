"""Archives of real reports, imported as a person would into a new site: the 15 shared reports (the
State Council, provinces, a district over the years), and corpus2's reports of Hebei (Chengde and
Baoding's counties and districts). Read from ../shared/reports, never copied.

Some of corpus2's Baoding reports hold characters the county-reports site lost ('????'): a strict
import stops at them and asks for errata, which nobody can write without the original. They are
imported as a person then would, with `import --keep-losses` (each loss marked and listed). A
report that cannot be imported at all is left out, with the reason (``Archive.skipped``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_src.cli import main
from site_src.errors import SiteError
from site_src.importing import import_source
from site_src.pipeline import Project, build

from .conftest import SHARED_REPORTS

CORPUS2 = SHARED_REPORTS / "corpus2"
HEBEI = ("2024-chengde-city", "2008-shunping-county", "2020-mancheng-district", "2020-tang-county",
         "2021-fuping-county", "2022-anguo-county-level-city", "2024-xushui-district",
         "2025-qingyuan-district")


@dataclass(frozen=True)
class Archive:
    project: Project
    damaged: tuple[str, ...] = ()  # imported with their damage kept
    skipped: dict[str, str] = field(default_factory=dict)  # source -> why it is not in the site


def shared_sources() -> tuple[Path, ...]:
    return tuple(sorted(SHARED_REPORTS.glob("*.txt"))) if SHARED_REPORTS.is_dir() else ()


def hebei_sources() -> tuple[Path, ...]:
    paths = tuple(CORPUS2 / f"{name}.txt" for name in HEBEI)
    return paths if all(path.is_file() for path in paths) else ()


def shared_archive(root: Path, per_page: int | None = None) -> Archive:
    """A new site of the 15 shared reports, made as a user makes it (new, import each, build)."""
    project = _new(root, per_page)
    for path in shared_sources():
        assert main(["import", str(path)], root=root) == 0, path.name
    assert main(["build"], root=root) == 0
    return Archive(project)


def one_government_archive(root: Path) -> Archive | None:
    """A new site of one government's reports (the shared Hailar reports), built; None without them."""
    paths = sorted(SHARED_REPORTS.glob("*-hailar-district-hulunbuir.txt")) if SHARED_REPORTS.is_dir() else []
    if len(paths) < 2:
        return None
    project = _new(root, None)
    for path in paths:
        import_source(project, path)
    build(project)
    return Archive(project)


def hebei_archive(root: Path, per_page: int | None = None) -> Archive:
    """A new site of corpus2's Hebei reports, built: each imported whole where it can be, with its
    damage kept where the source lost characters; left out where it cannot be read as a report."""
    project = _new(root, per_page)
    damaged, skipped = [], {}
    for path in hebei_sources():
        try:
            import_source(project, path)
        except SiteError as error:
            if not all("damaged text" in problem.message for problem in error.problems):
                skipped[path.name] = error.problems[0].message
                continue
            import_source(project, path, keep_losses=True)  # as the message asks
            damaged.append(path.name)
    build(project)
    return Archive(project, tuple(damaged), skipped)


def _new(root: Path, per_page: int | None) -> Project:
    assert main(["new", "content"], root=root) == 0
    if per_page is not None:
        settings = root / "content" / "site.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + f"reports_per_page: {per_page}\n",
                            encoding="utf-8")
    return Project.of(root / "content", root / "output")
