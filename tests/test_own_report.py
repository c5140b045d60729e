"""Your own report, start to finish: new, import, build, as a new user runs them, for every real
report in ../shared/reports; re-import that never overwrites a person's edits; a site's own
templates; the package as a wheel in an empty folder."""

from __future__ import annotations

import ast
import errno
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from site_src.cli import main
from site_src.content.report import load_report
from site_src.errors import SiteError
from site_src.importing import import_source
from site_src.model import compose_title
from site_src.pipeline import Project

from .conftest import CONTENT, REPORT, ROOT, SEED, SEED_SLUG, SHARED_REPORTS, SLOW, THOROUGH
from .htmltext import broken_links, read_page

pytestmark = SLOW  # sites of the shared reports, a wheel built and run

ALL_SHARED = sorted(path.name for path in SHARED_REPORTS.glob("*.txt")) if SHARED_REPORTS.is_dir() else []
# A site of its own for each shared report in CI; every third (national, district and provincial
# ones all among them) on the quick path.
SHARED = ALL_SHARED if THOROUGH else ALL_SHARED[::3]
needs_shared = pytest.mark.skipif(not SHARED, reason=f"the shared reports are not in {SHARED_REPORTS} "
                                                     "(they are read from there, never copied)")
BUNDLED_WORDS = ("荣昌", "榮昌")  # the bundled report's place: no other site may carry it


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def own_site(root: Path, source: Path, *extra: str) -> tuple[int, str]:
    """new + import, as a user types them in ``root``; returns import's status and what it printed."""
    assert main(["new", "content"], root=root) == 0
    return main(["import", str(source), *extra], root=root), ""


@pytest.fixture(scope="module")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A site of its own for each shared report: new, import, build, nothing else."""
    sites = {}
    for name in SHARED:
        root = tmp_path_factory.mktemp(name.removesuffix(".txt"))
        assert main(["new", "content"], root=root) == 0
        assert main(["import", str(SHARED_REPORTS / name)], root=root) == 0, name
        assert main(["build"], root=root) == 0, name
        sites[name] = root
    return sites


@needs_shared
@pytest.mark.parametrize("name", SHARED)
def test_each_report_gets_a_site_with_its_own_title_on_every_page(name: str,
                                                                  built_sites: dict[str, Path]) -> None:
    root = built_sites[name]
    (folder,) = (root / "content" / "reports").iterdir()
    report = load_report(folder)
    year = re.match(r"\d{4}", name)
    assert report.year == int(year.group()) and folder.name.startswith(f"{report.year}-")
    title = report.full_title
    assert title.count(f"{report.year}年") == 1  # never a doubled year
    pages = {path: read_page(path) for path in sorted((root / "output").rglob("*.html"))}
    assert len(pages) > 20
    for path, page in pages.items():
        if path.parent == root / "output":
            continue  # the root pages pick a script: they carry both variants' titles
        expected = title if "zh-hans" in path.parts else None
        if expected is not None:
            assert expected in page.title, (path, page.title)
        assert not any(word in page.text for word in BUNDLED_WORDS), path
    assert broken_links(root / "output") == []


@needs_shared
def test_no_site_names_another_report(built_sites: dict[str, Path]) -> None:
    titles = {name: load_report(next((root / "content" / "reports").iterdir())).full_title
              for name, root in built_sites.items()}
    for name, root in built_sites.items():
        text = "\n".join(read_page(path).text for path in (root / "output" / "zh-hans").rglob("*.html"))
        others = [other for other, title in titles.items() if other != name and title != titles[name]
                  and title in text]
        assert others == [], name


def test_titles_are_composed_without_repeating_what_the_title_says() -> None:
    assert compose_title("甘肃省", 2025, "2025年甘肃省政府工作报告") == "2025年甘肃省政府工作报告"
    assert compose_title("甘肃省", 2025, "政府工作报告") == "甘肃省2025年政府工作报告"
    assert compose_title("甘肃省", 2025, "2025年政府工作报告") == "2025年甘肃省政府工作报告"
    assert compose_title("", 2025, "政府工作报告") == "2025年政府工作报告"


def test_new_makes_a_site_with_nothing_of_any_report(tmp_path: Path) -> None:
    assert main(["new", "content"], root=tmp_path) == 0
    made = snapshot(tmp_path / "content")
    assert sorted(made) == ["glossary.yaml", "pages/about.md", "site.yaml"]
    text = "\n".join(data.decode("utf-8") for data in made.values())
    assert not re.search(r"荣昌|榮昌|重庆|(?:19|20)\d\d年", text)
    # …and it refuses a folder that is already a site, changing nothing.
    assert main(["new", "content"], root=tmp_path) == 1
    assert snapshot(tmp_path / "content") == made
    # A site without a report says how to get one.
    assert main(["build"], root=tmp_path) == 1


def test_a_site_of_the_seed_alone_is_the_bundled_site(tmp_path: Path) -> None:
    """new + import of the bundled source + its errata gives the bundled report's YAML."""
    assert main(["new", "content"], root=tmp_path) == 0
    folder = tmp_path / "content" / "reports" / SEED_SLUG
    folder.mkdir(parents=True)
    shutil.copy(REPORT / "errata.yaml", folder / "errata.yaml")
    shutil.copy(SEED, tmp_path / "rongchang.txt")
    assert main(["import", "rongchang.txt"], root=tmp_path) == 0  # the folder is named 2024-rongchang
    ours, theirs = load_report(folder), load_report(REPORT)
    assert ours.parts == theirs.parts and ours.full_title == "重庆市荣昌区2024年政府工作报告"


def test_reimport_refuses_to_replace_an_edit_and_force_says_what_it_replaced(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    folder = tmp_path / "content" / "reports" / SEED_SLUG
    section = folder / "sections" / "review-01.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("先进制造业集群发展。", "先进制造业集群加快发展。"), encoding="utf-8")
    (folder / "closing.yaml").unlink()
    before = snapshot(tmp_path / "content")
    source = "content/reports/2024-rongchang/source.txt"
    assert main(["import", source], root=tmp_path) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: {folder / 'closing.yaml'}: removed since the import: importing again would replace it "
        "(--force to replace)",
        f"error: {section}: edited since the import: importing again would replace it (--force to replace)",
        "2 errors"]
    assert snapshot(tmp_path / "content") == before
    assert main(["import", source, "--force"], root=tmp_path) == 0
    printed = capsys.readouterr().out.splitlines()
    shown = folder.relative_to(tmp_path)
    assert printed[1:3] == [f"replaced {shown}/closing.yaml (removed since the import; --force)",
                            f"replaced {shown}/sections/review-01.yaml (edited since the import; --force)"]
    assert snapshot(folder) == snapshot(REPORT)  # as imported; the people's files kept as they were
    assert main(["import", source], root=tmp_path) == 0  # nothing edited now: it goes through


def test_import_never_touches_the_peoples_files(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    folder = tmp_path / "content" / "reports" / SEED_SLUG
    (folder / "notes.md").write_text("我的笔记\n", encoding="utf-8")
    people = {name: (folder / name).read_bytes() for name in ("errata.yaml", "industries.yaml",
                                                              "slogans.yaml", "notes.md")}
    assert main(["import", "content/reports/2024-rongchang/source.txt"], root=tmp_path) == 0
    assert {name: (folder / name).read_bytes() for name in people} == people


def test_an_import_into_a_full_disk_leaves_the_content_as_it_was(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    before = snapshot(tmp_path / "content")
    written = 0
    original = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        nonlocal written
        written += 1
        if written > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    project = Project.of(tmp_path / "content")
    text = (REPORT / "source.txt").read_bytes()
    (tmp_path / "changed.txt").write_bytes(text.replace("各位代表".encode(), "各位委员".encode()))
    with pytest.raises(SiteError) as caught:
        import_source(project, tmp_path / "changed.txt", SEED_SLUG, force=True)
    assert caught.value.problems[0].message == "cannot write: No space left on device"
    monkeypatch.undo()
    assert snapshot(tmp_path / "content") == before
    assert [p.name for p in (tmp_path / "content" / "reports").iterdir()] == [SEED_SLUG]  # no staging left


def test_a_sites_own_template_overrides_one_file(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "templates" / "partials").mkdir(parents=True)
    footer = (ROOT / "templates" / "partials" / "footer.html").read_text(encoding="utf-8")
    (tmp_path / "templates" / "partials" / "footer.html").write_text(
        footer.replace("</footer>", "<p>本站由某某编辑部维护</p>\n</footer>"), encoding="utf-8")
    assert main(["build"], root=tmp_path) == 0
    page = (tmp_path / "output" / "zh-hans" / "closing.html").read_text(encoding="utf-8")
    assert "本站由某某编辑部维护" in page and 'class="site-header"' in page  # the rest is shipped


def test_nothing_in_the_program_names_one_report_place_or_year() -> None:
    """The bundled report's place and years occur in site_src/ only in comments and docstrings."""
    words = re.compile(r"荣昌|榮昌|Rongchang|2023|2024")
    found = []
    for path in sorted((ROOT / "site_src").rglob("*")):
        if path.suffix not in (".py", ".yaml") or "__pycache__" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        documented: set[int] = set()  # lines of docstrings
        if path.suffix == ".py":
            for node in ast.walk(ast.parse(text)):
                body = getattr(node, "body", None)
                if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                        and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                    documented.update(range(body[0].lineno, body[0].end_lineno + 1))
        for number, line in enumerate(text.splitlines(), start=1):
            if number not in documented and words.search(line.split("#", 1)[0]):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_the_wheel_works_in_an_empty_folder(tmp_path: Path) -> None:
    """pip install of the built wheel into a new venv, then new, import and build in an empty folder."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    (wheel,) = wheels.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "site_src/templates/page_home.html" in names and "site_src/genres/work-report/ui.yaml" in names
    # What the first build would make otherwise (setup.py: ship): OpenCC's tables, the templates compiled
    assert "site_src/compiled/opencc-tables.json" in names
    assert any(name.startswith("site_src/compiled/templates-") and name.endswith(".cache") for name in names)
    assert any(name.startswith("site_src/compiled/memo/genre/") for name in names)  # the genre, loaded
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    # The dependencies (jinja2, opencc, …) from this environment, without the network: a path in a
    # .pth file adds their folder after the new venv's own, whose site_src is the wheel's.
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = subprocess.run([str(venv / "bin" / "python"), "-c", where],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(REPORT / "source.txt", empty / "report.txt")
    tool = str(venv / "bin" / "report-site")
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment["XDG_CACHE_HOME"] = str(tmp_path / "machine")  # the program's cache, empty

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([tool, *argv], cwd=empty, capture_output=True, text=True, env=environment)

    assert run("new", "s").returncode == 0
    damaged = run("import", "report.txt", "--content", "s")
    assert damaged.returncode == 1 and "s/reports/2024-rongchang/errata.yaml" in damaged.stderr
    (empty / "s" / "reports" / SEED_SLUG).mkdir(parents=True)
    shutil.copy(REPORT / "errata.yaml", empty / "s" / "reports" / SEED_SLUG / "errata.yaml")
    assert run("import", "report.txt", "--content", "s").returncode == 0
    result = run("build", "--content", "s")
    assert result.returncode == 0, result.stderr
    home = (empty / "output" / "zh-hant" / "index.html").read_text(encoding="utf-8")
    assert "重慶市榮昌區2024年政府工作報告" in home
    assert list((tmp_path / "machine" / "report-site" / "jinja").iterdir()) == []  # none compiled
    assert not (empty / ".cache" / "memo" / "genre").exists()  # the genre profile read as shipped
    assert str(ROOT) not in "".join(p.read_text(encoding="utf-8") for p in (empty / "output").rglob("*.html"))
