"""An archive that keeps what did not change (#29): reports added, edited and removed at random, each
followed by a build that keeps what it can and a fresh one, byte for byte the same; and an edit of
one report leaves the files of the other reports' pages as they were (not written again: the same
inode, the same modification time).

The archive is made of copies of the bundled report (tests/many_reports.py), given years of
their own and, some of them, another government: so that a report has an earlier one to be
compared with, a track, and government pages to be listed on.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_src.output.memo import Memo
from site_src.pipeline import Project, build
from site_src.site.render import RenderedPage

from .conftest import ROOT, SLOW, THOROUGH
from .many_reports import many_reports
from .test_incremental import _paragraph_edit, differing

pytestmark = SLOW  # randomized builds of archives, each against a fresh build

GOVERNMENTS = ("rongchang", "elsewhere")


def _set(folder: Path, key: str, value: str) -> None:
    header = folder / "report.yaml"
    text = re.sub(rf"(?m)^{key}: .*$", f"{key}: {value}", header.read_text(encoding="utf-8"), count=1)
    header.write_text(text, encoding="utf-8")


def _years(content: Path) -> set[int]:
    return {int(re.search(r"(?m)^year: (\d+)$", (folder / "report.yaml").read_text(encoding="utf-8"))[1])
            for folder in (content / "reports").iterdir()}


def archive(root: Path, count: int) -> Project:
    """``count`` reports: the bundled one (2024, rongchang) and copies of other years, every third
    of another government."""
    content = many_reports(root, count)
    shutil.copytree(ROOT / "templates", root / "templates")
    copies = sorted(path for path in (content / "reports").iterdir() if path.name.startswith("copy-"))
    for n, folder in enumerate(copies):
        _set(folder, "year", str(2016 + n))
        if n % 3 == 2:
            _set(folder, "government", GOVERNMENTS[1])
    return Project.of(content, root / "output")


def _added(rng: random.Random, content: Path) -> str:
    reports = content / "reports"
    source = rng.choice(sorted(reports.iterdir()))
    number = 1 + max(int(p.name.rsplit("-", 1)[1]) for p in reports.iterdir() if p.name.startswith("copy-"))
    target = reports / f"copy-{number:04d}"
    shutil.copytree(source, target)
    year = rng.choice(sorted(set(range(2010, 2030)) - _years(content)))
    _set(target, "year", str(year))
    _set(target, "title", f"政府工作报告（新{number}）")
    _set(target, "government", rng.choice(GOVERNMENTS))
    return f"{target.name} added ({year}, a copy of {source.name})"


def _removed(rng: random.Random, content: Path) -> str:
    copies = sorted(p for p in (content / "reports").iterdir() if p.name.startswith("copy-"))
    if len(copies) < 2:
        return _added(rng, content)
    gone = rng.choice(copies)
    shutil.rmtree(gone)
    return f"{gone.name} removed"


def _retitled(rng: random.Random, content: Path) -> str:
    folder = rng.choice(sorted((content / "reports").iterdir()))
    _set(folder, "title", f"政府工作报告（改{rng.randrange(100)}）")
    return f"{folder.name} retitled"


def _moved(rng: random.Random, content: Path) -> str:
    """A report given another year (its place among its government's reports changes)."""
    folder = rng.choice(sorted((content / "reports").iterdir()))
    year = rng.choice(sorted(set(range(2010, 2030)) - _years(content)))
    _set(folder, "year", str(year))
    return f"{folder.name} moved to {year}"


EDITS = (_paragraph_edit, _paragraph_edit, _added, _added, _removed, _retitled, _moved)


@pytest.mark.parametrize("seed", [1, 2, 3] if THOROUGH else [4])
def test_random_archive_edits_build_exactly_as_a_fresh_build(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    project = archive(tmp_path / "site", 4)
    memo = Memo(project.cache / "memo")
    build(project, memo)
    done: list[str] = []
    for step in range(4 if THOROUGH else 3):
        done.append(rng.choice(EDITS)(rng, project.content))
        build(project, memo)
        fresh = Project(project.content, tmp_path / f"fresh-{step}", project.templates,
                        tmp_path / f"cache-{step}")
        build(fresh, Memo())  # nothing kept
        assert differing(project.output, fresh.output) == [], f"seed {seed}, after: {'; '.join(done)}"


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {path.relative_to(folder).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in folder.rglob("*") if path.is_file()}


def test_an_edit_of_one_report_writes_none_of_the_other_reports_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import site_src.site.files as files

    project = archive(tmp_path / "site", 4)
    build(project, Memo(project.cache / "memo"))
    before = _stamps(project.output)
    edited = "copy-0004"  # the one report of the other government
    _set(project.content / "reports" / edited, "title", "政府工作报告（改）")
    rendered: list[str] = []

    def render_variant(*args: object) -> Iterator[RenderedPage]:
        for page in original(*args):  # type: ignore[arg-type]
            rendered.append(page.path)
            yield page

    original = files.render_variant
    monkeypatch.setattr(files, "render_variant", render_variant)
    build(project, Memo(project.cache / "memo"), jobs=1)  # a new process's: what is kept is on disk
    after = _stamps(project.output)
    changed = {path for path in after if before.get(path) != after[path]}
    others = {"2024-rongchang", "copy-0002", "copy-0003"}
    pages = [path for path in after if path.split("/")[1:2] and path.split("/")[1] in others]
    assert len(pages) > 200 and [path for path in pages if path in changed] == []
    assert not set(pages) & set(rendered)  # nor even rendered
    assert any(f"/{edited}/" in path for path in rendered)
    assert {path.split("/")[1] for path in changed if path.count("/") > 1} >= {edited, "governments"}


def test_a_report_added_leaves_the_other_reports_search_shards_as_they_were(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search's text shards of the other reports are neither made again nor written again
    (the same files: inode and modification time); only the added report's are made."""
    import site_src.site.search_shards as search_shards

    from .browser.search_model import read, shard_path

    project = archive(tmp_path / "site", 4)
    build(project, Memo(project.cache / "memo"))
    before = _stamps(project.output)
    texts = set()
    for variant in ("zh-hans", "zh-hant"):
        manifest = read(project.output / variant / "search-index.js")
        assert manifest["heads"] > 0  # two layers: the headings, then each report's text
        texts |= {f"{variant}/{shard_path(manifest, n)}"
                  for n in range(manifest["heads"], len(manifest["shards"]))}
    made: list[str] = []

    def report_shards(report: search_shards.ReportText, *args: object) -> search_shards.ReportShards:
        made.append(report.title)
        return original(report, *args)  # type: ignore[arg-type]

    original = search_shards._report_shards
    monkeypatch.setattr(search_shards, "_report_shards", report_shards)
    _added(random.Random(5), project.content)
    build(project, Memo(project.cache / "memo"), jobs=1)  # a new process's: what is kept is on disk
    after = _stamps(project.output)
    assert len(texts) >= 8
    assert {path: after.get(path) for path in texts} == {path: before[path] for path in texts}
    assert len(made) == 2 and all("（新" in title for title in made)  # the added report's, in each variant
