"""Archives of real reports, imported as a person would into a new site: the 15 shared reports (the
State Council, provinces, a district over the years), and corpus2's reports of Hebei (Chengde and
Baoding's counties and districts). Read from ../shared/reports, never copied.

Some of corpus2's Baoding reports hold characters the county-reports site lost ('????'): a strict
import stops at them and asks for errata, which nobody can write without the original. They are
imported as the importer reads them when it passes over damage (strict=False: what the figure
truths read too), the damage kept as it is. Chengde's text does not name its government: it is
imported under a folder name of its own and its issuer set in report.yaml, as the import asks.
A report that cannot be imported at all is left out, with the reason (``Archive.skipped``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_src.cli import main
from site_src.content.imported import SOURCE_COPY, write_report_folder
from site_src.content.report import REPORT_FILE, report_files
from site_src.errors import SiteError
from site_src.genre import load_genre
from site_src.importing import import_source, imported_report
from site_src.pipeline import Project, build

from .conftest import SHARED_REPORTS

CORPUS2 = SHARED_REPORTS / "corpus2"
HEBEI = ("2024-chengde-city", "2008-shunping-county", "2020-mancheng-district", "2020-tang-county",
         "2021-fuping-county", "2022-anguo-county-level-city", "2024-xushui-district",
         "2025-qingyuan-district")
# Reports whose text does not name their government, with the folder and the issuer a person gives
# them (as SOURCES.md says whose they are).
UNNAMED = {"2024-chengde-city": ("2024-chengde", "承德市人民政府")}


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
    """A new site of the 15 shared reports, built."""
    project = _new(root, per_page)
    for path in shared_sources():
        import_source(project, path)
    build(project)
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
    genre = load_genre(project.content)
    damaged, skipped = [], {}
    for path in hebei_sources():
        folder, issuer = UNNAMED.get(path.stem, (None, None))
        try:
            result = import_source(project, path, folder)
        except SiteError as error:
            if not all("damaged text" in problem.message for problem in error.problems):
                skipped[path.name] = error.problems[0].message
                continue
            raw = path.read_bytes()
            report = imported_report(raw, path.as_posix(), (), genre, strict=False)
            files = {name: text.encode("utf-8") for name, text in report_files(report).items()}
            write_report_folder(project.content / "reports" / f"{report.year}-{report.government}",
                                {**files, SOURCE_COPY: raw})
            damaged.append(path.name)
            continue
        if issuer:
            header = result.written.folder / REPORT_FILE
            text = header.read_text(encoding="utf-8")
            header.write_text(text.replace("title:", f"issuer: {issuer}\ntitle:", 1), encoding="utf-8")
    build(project)
    return Archive(project, tuple(damaged), skipped)


def _new(root: Path, per_page: int | None) -> Project:
    assert main(["new", "content"], root=root) == 0
    if per_page is not None:
        settings = root / "content" / "site.yaml"
        settings.write_text(settings.read_text(encoding="utf-8") + f"reports_per_page: {per_page}\n",
                            encoding="utf-8")
    return Project.of(root / "content", root / "output")
