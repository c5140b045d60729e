"""The commands as a user runs them: build, import, errors and exit codes, serve with live reload."""

from __future__ import annotations

import contextlib
import os
import pty
import shutil
import socket
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from site_src.cli import main
from site_src.serve import RELOAD_PATH

from .conftest import ROOT, SLOW, copy_project
from .serving import fetch, free_port, wait_for

pytestmark = SLOW  # the command line in processes of its own


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
    assert "1776 pinyin annotations" in result.stdout
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
        assert wait_for(lambda: 'id="build-error"' in fetch(url)), "no failed build shown"
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


# --- the conventions of the command line (issue 27) ---------------------------------------------

def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str], root: Path) -> str:
    """The last line of a usage error (argparse's exit 2), run as `report-site`."""
    with pytest.raises(SystemExit) as stopped:
        main(argv, root=root, program="report-site")
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("usage: report-site")
    return captured.err.splitlines()[-1]


@pytest.mark.parametrize(("argv", "said"), [
    (["biuld"], "report-site: error: unknown command 'biuld': did you mean 'build'?"),
    (["serv"], "report-site: error: unknown command 'serv': did you mean 'serve'?"),
    (["publish"], "report-site: error: unknown command 'publish' (the commands: new, build, import, audit, "
                  "serve)"),
    (["build", "--ot", "x"], "report-site build: error: unknown option '--ot': did you mean '--out'?"),
    (["--ot", "x"], "report-site build: error: unknown option '--ot': did you mean '--out'?"),
    (["audit", "--proof"], "report-site audit: error: unknown option '--proof': did you mean '--proofs'?"),
    (["build", "--proofs"], "report-site build: error: --proofs is an option of audit, not of build"),
    (["build", "--prof"], "report-site build: error: unknown option '--prof' for build: did you mean "
                          "'audit --proofs'?"),
    (["build", "--port", "8001"], "report-site build: error: --port is an option of serve, not of build"),
    (["--content", "x", "serve"], "report-site build: error: 'serve' is a command: it comes first: "
                                  "report-site serve --content x"),
    (["build", "--zzz"], "report-site build: error: unknown option '--zzz' (see report-site build --help)"),
    (["build", "--base-url", "example.org"], "report-site build: error: argument --base-url: expected an "
                                             "absolute http(s) URL such as https://example.org/report/, got "
                                             "'example.org'"),
    (["import", "a.txt", "b.txt", "--slug", "x"], "report-site import: error: --slug names one report's "
                                                  "folder: import one file with it"),
    (["new", "x", "--content", "y"], "report-site new: error: two folders: x and --content y: give the new "
                                     "site's content folder once"),
])
def test_a_mistyped_command_or_option_gets_a_suggestion(argv: list[str], said: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert usage_error(argv, capsys, tmp_path) == said
    assert list(tmp_path.iterdir()) == []  # nothing was made


def test_version_and_help_name_the_program_as_it_was_run(tmp_path: Path) -> None:
    version = metadata.version("report-site")
    python = sys.version.split()[0]
    runs = {"report-site": [str(Path(sys.executable).parent / "report-site")],
            "build.py": [sys.executable, str(ROOT / "build.py")],
            "python -m site_src": [sys.executable, "-m", "site_src"]}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for program, command in runs.items():  # (build.py builds the site it sits in: issue 28)
        said = subprocess.run([*command, "--version"], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=60, check=False)
        assert (said.returncode, said.stdout) == (0, f"{program} {version} (Python {python})\n")
        helped = subprocess.run([*command, "import", "--help"], cwd=tmp_path, env=env, capture_output=True,
                                text=True, timeout=60, check=False)
        assert helped.stdout.startswith(f"usage: {program} import [-h] [--content DIR]")
        if program == "build.py":
            continue
        # In an empty folder, where there is no site: how to start one, in the program's own name.
        empty = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
                               check=False)
        assert (empty.returncode, empty.stdout) == (1, "")
        assert empty.stderr == (f"error: content: no site here (no content/site.yaml): start one with "
                                f"`{program} new`, or name a site's content folder with --content DIR\n")
        assert list(tmp_path.iterdir()) == []


def test_new_takes_its_folder_either_way_and_says_what_next(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--content", "x"], root=tmp_path, program="report-site") == 0
    assert capsys.readouterr().out.splitlines() == [
        "created x: site.yaml, glossary.yaml, pages/about.md",
        "next: import a report with `report-site import FILE --content x`, then "
        "`report-site build --content x`"]
    assert main(["new", "y"], root=tmp_path, program="build.py") == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "next: import a report with `build.py import FILE --content y`, then `build.py build --content y`")
    assert main(["new"], root=tmp_path, program="report-site") == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "next: import a report with `report-site import FILE`, then `report-site build`")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "x", "y"]
    # A command on a site that is not there names the folder to start.
    assert main(["audit", "--content", "z"], root=tmp_path, program="report-site") == 1
    assert capsys.readouterr().err == ("error: z: no site here (no z/site.yaml): start one with `report-site "
                                       "new z`, or name a site's content folder with --content DIR\n")


def test_import_takes_several_files_each_into_its_own_folder(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "-q"], root=tmp_path) == 0
    shutil.copyfile(ROOT / "tests" / "fixtures" / "genre-report.txt", tmp_path / "a.txt")
    shutil.copyfile(ROOT / "tests" / "fixtures" / "mini-report.txt", tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text("各位代表：\n", encoding="utf-8")
    assert main(["import", "a.txt", "missing.txt", "b.txt"], root=tmp_path, program="report-site") == 1
    captured = capsys.readouterr()
    assert captured.err == "error: missing.txt: file not found\n"
    out = captured.out.splitlines()
    assert [line for line in out if line.startswith("imported ")] == [
        "imported a.txt into content/reports/2025-moumou (19 files)",
        "imported b.txt into content/reports/2024-moumou (13 files)",
        "imported 2 of 3 reports; not imported: missing.txt"]
    assert out[-1] == ("next: report-site build    (import --verbose prints the whole import report: every "
                       "rule, removal and repair)")
    reports = sorted(p.name for p in (tmp_path / "content" / "reports").iterdir())
    assert reports == ["2024-moumou", "2025-moumou"]
    # Two files that would write one folder: the second is refused, the first stands.
    shutil.copyfile(tmp_path / "a.txt", tmp_path / "a2.txt")
    assert main(["import", "a.txt", "a2.txt", "-q"], root=tmp_path) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    folder = tmp_path / "content" / "reports" / "2025-moumou"
    assert captured.err == (f"error: a2.txt: its folder {folder} was just written from another file of this "
                            "import: import it on its own, with --slug NAME\n")


def test_the_import_report_is_one_screen_in_the_order_a_person_checks(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = project / "content" / "reports" / "2024-rongchang"
    section = folder / "sections" / "plan-03.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a person's edit
    assert main(["import", "content/reports/2024-rongchang/source.txt", "--force"], root=project,
                program="report-site") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) <= 40
    assert out[:4] == [
        "imported content/reports/2024-rongchang/source.txt into content/reports/2024-rongchang (29 files)",
        "replaced content/reports/2024-rongchang/sections/plan-03.yaml (edited since the import; --force)",
        "重庆市荣昌区2024年政府工作报告 · 重庆市荣昌区人民政府 · 2024 · UTF-8, Traditional",
        "outline: 2 parts, 20 areas, read from content/reports/2024-rongchang/outline.yaml (yours)"]
    # Each part once, with its kind and id; each area's heading whole.
    review = ("  一、2023年工作回顾  [review, id review]  6 opening paragraphs, 10 areas, "
              "3 paragraphs after its areas")
    plan = "  二、2024年工作安排  [plan, id plan]  4 opening paragraphs, 10 areas, the targets"
    assert review in out and plan in out
    assert out[out.index(plan) + 1] == "      （一）持续用力加快成渝地区双城经济圈建设"  # whole, not cut to 8
    assert out[-5:] == [
        "unsure: nothing (every line was placed)",
        "removed 13 lines (11 site-footer, 2 stray-mark), 1776 pinyin annotations; repaired 4 errata, "
        "647 punctuation marks",
        "  each, line by line: content/reports/2024-rongchang/provenance.yaml",
        "industry system: “2335”现代制造业集群体系, 4 tiers, 13 industries; industries.yaml kept as it is "
        "(yours); 1 unsure (--verbose)",
        "next: report-site build    (import --verbose prints the whole import report: every rule, removal "
        "and repair)"]
    # --verbose: the whole report, every removal line by line.
    assert main(["import", "content/reports/2024-rongchang/source.txt", "--verbose"], root=project) == 0
    verbose = capsys.readouterr().out.splitlines()
    assert "recognised" in verbose and "       85  版權所有:重慶市榮昌區人民政府" in verbose


def test_the_import_report_lists_what_was_unsure_with_line_numbers(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "-q"], root=tmp_path) == 0
    text = (ROOT / "tests" / "fixtures" / "genre-report.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    where = next(n for n, line in enumerate(lines) if line.strip().startswith("（二）"))
    lines.insert(where, "　　这一年极不平凡")  # a line that ends no sentence, between two areas
    (tmp_path / "r.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import", "r.txt"], root=tmp_path) == 0
    out = capsys.readouterr().out.splitlines()
    unsure = out.index(next(line for line in out if line.startswith("unsure: ")))
    assert out[unsure:unsure + 2] == [
        "unsure: 1, by line of the source",
        f"  line {where + 1}: kept as a paragraph, but it does not end a sentence: a heading the importer "
        "does not know, or page furniture?: 这一年极不平凡"]


def test_audit_ends_with_a_summary_and_names_each_file(project: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit"], root=project, program="report-site") == 0
    out = capsys.readouterr().out.splitlines()
    folder = project / "content" / "reports" / "2024-rongchang"
    assert out[-2:] == [
        "summary: 1 report, zh-Hant: differences from the source's own Traditional text (paragraphs): 10 to "
        "review, 82 errors in the source corrected, 19 both forms accepted, 7 glyph-standard only, 6 by the "
        "glossary, a context rule or a pin; 327 phrases with a character that has several Traditional forms",
        "  report-site audit --verbose lists every difference and every choice; report-site audit --proofs "
        "what to proofread"]
    listed = [line for line in out if line.startswith("  unsure ")]
    assert listed and all(f" {folder}/" in line for line in listed)
    review = folder / "parts" / "review.yaml"
    line = next(n for n, text in enumerate(review.read_text(encoding="utf-8").splitlines(), start=1)
                if text.startswith("    text: ") and "后" in text)
    assert f"  unsure    后: source 后 -> ours 後  {review}:{line} (and plan-intro-1 plan-03-4 " \
           "plan-07-4)" in out
    assert len(out) < 20
    assert main(["audit", "--verbose"], root=project) == 0
    assert len(capsys.readouterr().out.splitlines()) > 300  # every difference and every choice


def test_build_takes_the_base_url_on_the_command_line(project: Path) -> None:
    result = run(project, "build", "--base-url", "https://example.org/r")
    assert result.returncode == 0, result.stderr
    page = (project / "output" / "zh-hans" / "closing.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/r/zh-hans/closing.html">' in page
    assert "Sitemap: https://example.org/r/sitemap.xml" in (project / "output" / "robots.txt").read_text()
    assert run(project, "build", "--base-url", "https://example.org/r").stdout.startswith("up to date: ")
    assert run(project, "build").stdout.startswith("built ")  # another address is another build
    assert not (project / "output" / "sitemap.xml").exists()


def test_progress_on_a_terminal_is_one_counted_line_and_quiet_says_nothing(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    main_side, terminal = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "site_src", "build"], cwd=project, env=env,
                                   stdout=subprocess.PIPE, stderr=terminal, text=True)
        out, _ = process.communicate(timeout=300)
        os.close(terminal)
        shown = b""
        with contextlib.suppress(OSError):
            while chunk := os.read(main_side, 65536):
                shown += chunk
    finally:
        os.close(main_side)
    assert process.returncode == 0 and out.startswith("built ")
    drawn = shown.decode("utf-8").split("\r")
    pages = int(out.split()[1])
    assert f"rendering pages {pages}/{pages}\x1b[K" in drawn
    assert drawn[-1] == "\x1b[K"  # erased when done
    quiet = run(project, "build", "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
