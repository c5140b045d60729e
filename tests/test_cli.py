"""The commands as a user runs them: build, import, errors and exit codes, serve with live reload."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_src.serve import RELOAD_PATH

from .conftest import ROOT, copy_project
from .serving import fetch, free_port, wait_for


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "site_src", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture()
def project(tmp_path: Path, kept_memo: Path) -> Path:
    return copy_project(tmp_path, kept_memo)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_build_py_builds_into_out(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(out)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    pages = len(list((out / "zh-hans").rglob("*.html"))) + len(list((out / "zh-hant").rglob("*.html")))
    assert f"built {pages} pages in zh-Hans, zh-Hant" in result.stdout
    assert (out / "zh-hant" / "review" / "01.html").is_file()


def test_a_failed_build_exits_non_zero_and_keeps_the_previous_site(project: Path) -> None:
    assert run(project, "build").returncode == 0
    before = snapshot(project / "output")
    folder = project / "content" / "reports" / "2024-rongchang"
    section = folder / "sections" / "plan-01.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("number: 一", "numbr: 一"),
                       encoding="utf-8")
    (folder / "report.yaml").write_text("title: [\n", encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert f"error: {folder / 'report.yaml'}:2:1: invalid YAML" in result.stderr
    assert snapshot(project / "output") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".output")] == []


def test_a_template_error_names_the_template_and_keeps_the_site(project: Path) -> None:
    assert run(project, "build").returncode == 0
    before = snapshot(project / "output")
    template = project / "templates" / "page_section.html"
    line = next(n for n, text in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1)
                if "{{ section.heading | words }}</h1>" in text)
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{{ section.heading | words }}</h1>", "{{ section.headline }}</h1>"), encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: page_section.html:{line}: undefined in template:")
    assert snapshot(project / "output") == before


def test_import_rewrites_identical_yaml(project: Path) -> None:
    before = snapshot(project / "content")
    result = run(project, "import", "content/reports/2024-rongchang/source.txt")
    assert result.returncode == 0, result.stderr
    assert "removed 1776 pinyin annotations" in result.stdout
    assert snapshot(project / "content") == before


def test_import_of_damaged_text_without_errata_fails_with_locations(project: Path) -> None:
    (project / "content" / "reports" / "2024-rongchang" / "errata.yaml").unlink()
    before = snapshot(project / "content")
    result = run(project, "import", "content/reports/2024-rongchang/source.txt")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: content/reports/2024-rongchang/source.txt:17:45: damaged text")
    assert lines[-1] == "4 errors"
    assert snapshot(project / "content") == before








def test_serve_rebuilds_on_change_and_keeps_the_last_good_site(project: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "site_src", "serve", "--port", str(port)],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    url = f"http://127.0.0.1:{port}/zh-hant/closing.html"
    try:
        assert wait_for(lambda: "接續奮鬥" in fetch(url)), "server did not start"
        page = fetch(url)
        assert RELOAD_PATH in page  # the browser is told to reload
        closing = project / "content" / "reports" / "2024-rongchang" / "closing.yaml"
        closing.write_text(closing.read_text(encoding="utf-8").replace("接续奋斗", "接续奋斗再出发"),
                           encoding="utf-8")
        assert wait_for(lambda: "接續奮鬥再出發" in fetch(url)), "no rebuild after an edit"
        closing.write_text("paragraphs: [\n", encoding="utf-8")
        time.sleep(3)
        assert "接續奮鬥再出發" in fetch(url)  # the broken save did not take the site down
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert "invalid YAML" in errors and "still serving the last good site" in errors


def test_serve_refuses_a_port_in_use(project: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(project, "serve", "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: 127.0.0.1:{port}: cannot serve: the port is in use")


def test_an_unchanged_build_is_up_to_date_and_any_change_rebuilds(project: Path) -> None:
    assert run(project, "build").stdout.startswith("built ")
    again = run(project, "build")
    assert again.returncode == 0 and again.stdout.startswith("up to date: ")
    page = project / "output" / "zh-hans" / "closing.html"
    good = page.read_bytes()
    page.write_bytes(b"tampered")  # the output is checked, not trusted
    assert run(project, "build").stdout.startswith("built ") and page.read_bytes() == good
    closing = project / "content" / "reports" / "2024-rongchang" / "closing.yaml"
    text = closing.read_text(encoding="utf-8")
    closing.write_text(text.replace("接续奋斗", "接续奋斗！"), encoding="utf-8")
    assert run(project, "build").stdout.startswith("built ")
    assert "接续奋斗！" in page.read_text(encoding="utf-8")
