"""The README's commands, exactly as written, in a fresh clone of the repository.

Every line of a ```sh block of README.md is a command a person will paste, and each is named here
with how it is checked (``HOW``): run without CI=true (in a fresh clone whose .venv is this run's
venv: the set-up is not repeated), run under CI=true (where the set-up itself runs as written: a
new venv and pip's install, from pip's cache or PyPI; and the preview, on the README's port 8000,
free in CI's serial run), run by CI itself (.ci/run), or not run, with why. A command added to the
README and not named here fails the first test.

The clone is of HEAD with the working tree's changes to tracked files applied, so that a change is
checked before it is committed; in CI the two are the same. No network but the install's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, SLOW, THOROUGH
from .serving import fetch, wait_for

README = ROOT / "README.md"
MY_REPORT = ROOT / "tests" / "fixtures" / "genre-report.txt"  # a whole report (某某县, 2025)
SETUP = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]'"
QUICK_PATH = '.venv/bin/python -m pytest -n auto --dist loadscope --ignore=tests/browser -m "not slow"'

# How each README command is checked: (the command's start, how). "clone": run in the clone's
# folder; "empty": in an empty folder holding my-report.txt, with the venv's bin/ on PATH; "ci-…":
# the same, only under CI=true; anything else: why it is not run here.
HOW = (
    (SETUP, "ci-clone"),
    (".venv/bin/python build.py serve", "ci-clone"),
    (".venv/bin/python build.py", "clone"),  # build, audit, audit --proofs
    ("report-site serve", "ci-empty"),
    ("report-site ", "empty"),  # new, import, build
    (QUICK_PATH, "the quick path itself: the first test here is one of its tests"),
    ("bash tests/run.sh", "CI runs it: .ci/run is `bash tests/run.sh`, then ruff"),
    (".venv/bin/python bench/", "a benchmark: minutes of measuring, no test (bench/ prints ratios)"),
)


def readme_commands() -> list[str]:
    """The lines of every ```sh block, as written (comments too: the shell reads past them)."""
    return [line for block in re.findall(r"^```sh\n(.*?)^```", README.read_text(encoding="utf-8"),
                                         re.MULTILINE | re.DOTALL)
            for line in block.splitlines() if line.strip()]


def how(command: str) -> str:
    return next(way for start, way in HOW if command.startswith(start))


def test_every_readme_command_is_run_or_says_why_not() -> None:
    commands = readme_commands()
    assert SETUP in commands and ".venv/bin/python build.py" in commands and QUICK_PATH in commands
    assert [command for command in commands if not any(command.startswith(start) for start, _ in HOW)] == []
    # A command in an indented block would escape this test: every command is in a ```sh block.
    indented = re.findall(r"^ {4}((?:\.venv/bin/|report-site |python3? |bash |pip ).*)$",
                          README.read_text(encoding="utf-8"), re.MULTILINE)
    assert indented == []
    assert "bash tests/run.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def make_clone(folder: Path) -> Path:
    """A fresh clone of the repository in ``folder``, with the working tree's changes to tracked files."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout: the README's commands are run in a clone of one")
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True, timeout=120)
    diff = subprocess.run(["git", "diff", "--binary", "HEAD"], cwd=ROOT, check=True, capture_output=True,
                          timeout=60).stdout
    if diff:
        subprocess.run(["git", "apply", "--whitespace=nowarn"], cwd=folder, input=diff, check=True,
                       timeout=60)
    return folder


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clone of the runs without CI=true, shared by its tests (its .venv is this run's venv)."""
    return make_clone(tmp_path_factory.mktemp("readme") / "report-site")


def shell(command: str, cwd: Path, env: dict[str, str],
          timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The command as written, run by bash as a person's shell would."""
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def environment(clone: Path, *, this_venv: bool) -> dict[str, str]:
    """The environment the commands run in: the clone's venv's bin/ first on PATH; with
    ``this_venv``, the clone's .venv is this run's and its code is the clone's (PYTHONPATH)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "COV_"))}
    env["PATH"] = f"{clone / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    if this_venv:
        env["PYTHONPATH"] = str(clone)
    return env


def run_all(clone: Path, ways: tuple[str, ...], env: dict[str, str],
            empty: Path) -> Iterator[tuple[str, float]]:
    """Each README command run as written, in order, where its way says; its time in seconds."""
    for command in readme_commands():
        way = how(command)
        if way not in ways or "serve" in command:
            continue
        started = time.monotonic()
        result = shell(command, clone if way.endswith("clone") else empty, env)
        assert result.returncode == 0, f"{command}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        assert "Traceback" not in result.stderr
        yield command, time.monotonic() - started


def check_what_they_made(clone: Path, empty: Path) -> None:
    assert (clone / "output" / "zh-hant" / "index.html").is_file()  # build.py
    reports = [path.name for path in (empty / "content" / "reports").iterdir()]
    assert reports == ["2025-moumou"]  # named from the report's year and place
    assert (empty / "output" / "zh-hans" / "index.html").is_file()


@SLOW
def test_the_readme_commands_run_in_a_fresh_clone(clone: Path, tmp_path: Path) -> None:
    """Without CI=true: every command after the set-up, with this run's venv as .venv."""
    (clone / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    empty = tmp_path / "my-site"
    empty.mkdir()
    shutil.copyfile(MY_REPORT, empty / "my-report.txt")
    env = environment(clone, this_venv=True)
    ran = dict(run_all(clone, ("clone", "empty"), env, empty))
    assert ".venv/bin/python build.py audit --proofs" in ran
    check_what_they_made(clone, empty)


@SLOW
def test_without_the_shared_reports_the_run_says_how_many_tests_skipped(clone: Path) -> None:
    """In a clone with no ../shared/reports beside it, the last line of a run counts them."""
    assert not (clone.parent / "shared").exists()
    env = environment(clone, this_venv=True)
    result = shell(f"{sys.executable} -m pytest tests/test_summaries_shared.py -p no:cacheprovider -q", clone,
                   env, timeout=300)
    last = result.stdout.strip().splitlines()[-1]  # every test of that module reads the shared reports
    assert re.fullmatch(r"(\d+) skipped, \1 skipped for want of \.\./shared/reports in [\d.]+s( \(.*\))?",
                        last), last


@pytest.mark.skipif(not THOROUGH, reason="under CI=true: the set-up as written makes a new venv and "
                                         "installs into it (a minute or more); without it, the rest run")
@SLOW
def test_the_readme_set_up_and_every_command_from_a_fresh_clone(tmp_path: Path) -> None:
    """CI's part: the set-up itself, then every command, the preview included; the times are
    written to tests/artifacts/readme-times.txt. A clone of its own: the other tests' clone holds a
    .venv that is this run's venv, and the set-up must make one where there is none."""
    clone = make_clone(tmp_path / "clone" / "report-site")
    empty = tmp_path / "my-site"
    empty.mkdir()
    shutil.copyfile(MY_REPORT, empty / "my-report.txt")
    env = environment(clone, this_venv=False)
    times = dict(run_all(clone, ("ci-clone", "clone", "empty"), env, empty))
    assert SETUP in times
    check_what_they_made(clone, empty)
    for command in (c for c in readme_commands() if how(c).startswith("ci-") and "serve" in c):
        times[command] = serves(command, clone if how(command).endswith("clone") else empty, env)
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "readme-times.txt").write_text(
        "".join(f"{seconds:7.1f} s  {command}\n" for command, seconds in times.items()), encoding="utf-8")


def serves(command: str, cwd: Path, env: dict[str, str]) -> float:
    """The preview as written: it serves the built site on 127.0.0.1:8000 until stopped."""
    started = time.monotonic()
    server = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: "</html>" in fetch("http://127.0.0.1:8000/zh-hans/index.html"), 120), command
        return time.monotonic() - started
    finally:
        server.terminate()
        server.communicate(timeout=30)
