"""What the package's build makes for every site's first build (setup.py: ship): OpenCC's tables
read out and the shipped templates compiled, each used only where it is what a build would make
now, and otherwise made as before."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jinja2
import pytest

from site_src.errors import SiteError
from site_src.site import environment as environment_module
from site_src.site.environment import FILTERS, environment, ship, shipped_folder, shipped_references
from site_src.site.render import _render, make_environment
from site_src.site.templates import check_templates
from site_src.variants import tables
from site_src.variants.tables import SHIPPED, Tables, dictionaries_key, export, read_shipped

from .conftest import ROOT


@pytest.fixture(scope="module")
def exported() -> Tables:
    return export()


@pytest.fixture(scope="module")
def shipped_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tables.ship(tmp_path_factory.mktemp("compiled"))


def no_process(*args: object, **kwargs: object) -> None:
    raise AssertionError("a process was started")


def test_the_shipped_tables_are_the_ones_opencc_s_tool_exports(shipped_tables: Path, exported: Tables,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(exported.characters) > 3000 and len(exported.phrases) > 40000 and exported.variants
    monkeypatch.setattr(subprocess, "Popen", no_process)
    assert tables.load(shipped=shipped_tables) == exported


def test_the_installed_package_ships_the_tables_of_the_installed_opencc(exported: Tables) -> None:
    """pip install (-e) ran setup.py's ship with this environment's OpenCC."""
    assert read_shipped(tables.compiled() / SHIPPED, dictionaries_key()) == exported


@pytest.mark.parametrize("damage", ["other dictionaries", "damaged", "missing"])
def test_tables_shipped_for_other_dictionaries_are_exported_again(
        damage: str, shipped_tables: Path, exported: Tables, tmp_path: Path) -> None:
    path = tmp_path / SHIPPED
    kept = json.loads(shipped_tables.read_text(encoding="utf-8"))
    if damage == "other dictionaries":  # an OpenCC upgraded since the package was built
        kept["key"] = "0" * 64
        path.write_text(json.dumps(kept), encoding="utf-8")
    elif damage == "damaged":
        path.write_text(json.dumps(kept)[:1000], encoding="utf-8")
    assert read_shipped(path, dictionaries_key()) is None
    assert tables.load(shipped=path) == exported


# --- templates ------------------------------------------------------------------------------------

TEMPLATES = ROOT / "templates"


def shipped_names() -> list[str]:
    names = make_environment((TEMPLATES,)).list_templates()
    return [name for name in names if not name.startswith("static/")]


def test_the_stand_in_filters_compile_every_template_as_the_real_ones_do() -> None:
    """The build compiles with stand-ins for the filters: the code must be the code rendering makes."""
    real = make_environment((TEMPLATES,))
    stand_in = environment((TEMPLATES,), dict.fromkeys(FILTERS, environment_module._unset))
    for name in shipped_names():
        source, filename, _ = real.loader.get_source(real, name)  # type: ignore[union-attr]
        made = stand_in.compile(source, name, filename, raw=True)
        assert made == real.compile(source, name, filename, raw=True)


def compile_counted(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    original = env.compile

    def counted(source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(name or "")
        return original(source, name, *args, **kwargs)

    monkeypatch.setattr(env, "compile", counted)
    return compiled


def test_the_installed_package_ships_every_template_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    env = make_environment((TEMPLATES,))
    compiled = compile_counted(env, monkeypatch)
    for name in shipped_names():
        assert env.get_template(name).filename == str(TEMPLATES / name)
    assert compiled == []
    assert set(shipped_references()) == set(shipped_names())


def test_templates_compiled_elsewhere_load_as_the_templates_here(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A wheel's templates are compiled in its build folder: an error names them where they are."""
    built, installed = tmp_path / "build", tmp_path / "installed"
    for folder in (built, installed):
        folder.mkdir()
        (folder / "base.html").write_text("<p>{% block body %}{% endblock %}</p>\n", encoding="utf-8")
        (folder / "page.html").write_text(
            "{% extends 'base.html' %}\n{% block body %}\n{{ n }}{{ missing }}\n{% endblock %}\n",
            encoding="utf-8")
    target = ship(built, tmp_path / "compiled")
    assert target == shipped_folder(tmp_path / "compiled")
    env = environment((installed,), dict.fromkeys(FILTERS, environment_module._unset), None, target)
    compiled = compile_counted(env, monkeypatch)
    with pytest.raises(SiteError) as raised:
        _render(env, "page.html", {"n": 1})
    assert compiled == []
    (problem,) = raised.value.problems
    assert (problem.location.file, problem.location.line) == ("page.html", 3)
    assert "missing" in problem.message


def test_a_site_s_own_template_is_compiled_and_checked(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    shutil.copy(TEMPLATES / "partials" / "footer.html", own / "footer-copy.html")
    (own / "partials").mkdir()
    footer = (TEMPLATES / "partials" / "footer.html").read_text(encoding="utf-8")
    (own / "partials" / "footer.html").write_text(footer + "{% include 'partials/nothing.html' %}\n",
                                                  encoding="utf-8")
    env = make_environment((own, TEMPLATES))
    compiled = compile_counted(env, monkeypatch)
    env.get_template("partials/footer.html")
    env.get_template("base.html")  # shipped, as it was compiled: includes the site's footer by name
    assert compiled == ["partials/footer.html"]
    parsed: list[str] = []
    original = env.parse
    monkeypatch.setattr(env, "parse", lambda source, name=None, *rest: parsed.append(name) or original(
        source, name, *rest))
    with pytest.raises(SiteError) as raised:
        check_templates(env, (own, TEMPLATES), shipped_references())
    assert [(p.location.file, p.message) for p in raised.value.problems] == [
        ("partials/footer.html", "template not found: partials/nothing.html "
                                 "(partials/footer.html includes it)")]
    # The site's own templates are parsed; a shipped one only where the site has its own source.
    assert sorted(parsed) == ["footer-copy.html", "partials/footer.html"]


# --- the genre profile, kept as the memo keeps it (output/shipped.py) -----------------------------

def plain(value: object) -> object:
    """A value as plain data, to compare (the profile's grammars compare by identity)."""
    if isinstance(value, re.Pattern):
        return ("pattern", value.pattern, value.flags)
    if isinstance(value, dict):
        return tuple((key, plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(plain(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(plain(item) for item in value)
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return (type(value).__qualname__, plain(vars(value)))
    return value


def no_loading() -> None:
    raise AssertionError("the genre profile was loaded from its files")


def test_a_site_without_a_genre_of_its_own_takes_the_profile_the_install_kept(tmp_path: Path) -> None:
    from site_src.genre import load_genre
    from site_src.output.memo import Memo, genre_key
    from site_src.output.shipped import ship as ship_genre

    shipped = ship_genre(tmp_path / "compiled")
    assert shipped is not None
    (tmp_path / "empty" / "genre").mkdir(parents=True)
    for content in (ROOT / "content", tmp_path / "empty"):  # no genre/; an empty genre/
        assert genre_key(content) == genre_key(None)
        memo = Memo(tmp_path / content.name / "memo", shipped=shipped)
        kept = memo.get("genre", genre_key(content), no_loading)
        assert plain(kept) == plain(load_genre())
        assert not (tmp_path / content.name / "memo").exists()  # read, never written again


def test_a_site_s_own_genre_file_is_loaded_not_the_kept_profile(tmp_path: Path) -> None:
    from site_src.genre import SHIPPED as GENRE_FILES
    from site_src.output.memo import Memo
    from site_src.output.shipped import ship as ship_genre
    from site_src.pipeline import Project, load_project

    shipped = ship_genre(tmp_path / "compiled")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    own = tmp_path / "content" / "genre" / "ui.yaml"
    own.parent.mkdir()
    ui = (GENRE_FILES / "ui.yaml").read_text(encoding="utf-8")
    words = load_project(Project.of(ROOT / "content")).genre.ui
    key, value = next((key, value) for key, value in words.items() if value and f" {value}\n" in ui)
    own.write_text(ui.replace(f" {value}\n", f" {value}（改）\n", 1), encoding="utf-8")
    project = Project.of(tmp_path / "content", tmp_path / "output")
    assert load_project(project, Memo(tmp_path / "memo", shipped=shipped)).genre.ui[key] == value + "（改）"


def test_a_profile_kept_by_another_program_is_not_taken(tmp_path: Path) -> None:
    """An entry under another key (the code, the genre's files, a library or Python changed since
    the install made it) is never found: the profile is loaded from its files."""
    from site_src.output.memo import Memo, genre_key
    from site_src.output.shipped import ship as ship_genre

    shipped = ship_genre(tmp_path / "compiled")
    assert shipped is not None
    (entry,) = (shipped / "genre").iterdir()
    entry.rename(entry.with_name("0" * 64 + ".pickle"))
    loaded: list[bool] = []
    Memo(tmp_path / "memo", shipped=shipped).get("genre", genre_key(None), lambda: loaded.append(True))
    assert loaded == [True]
