"""The catalogue, part two: hostile inputs and faults whose answer is a behaviour, not a message.

tests/test_bad_inputs.py holds the cases that end in an error message; here are the ones where
the right answer is that something works (a build with ``opencc: s2t``, a repaired pin), keeps
its bounds (a FIFO does not hang, a YAML bomb does not explode, a 50 MB report is refused at
once), tells the truth about what happened (an interrupt after the swap), or where the program
is a server (the preview). Each test is one case, registered with ``@behaviour`` so that the
catalogue can be counted.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import http.client
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from site_src.cli import main
from site_src.output.write import MARKER
from site_src.serve import RELOAD_PATH, bind

from .conftest import CONTENT, ROOT, SEED_SLUG, SLOW, copy_project
from .serving import fetch, free_port, wait_for

pytestmark = SLOW  # builds, imports and the preview in processes of their own

FIXTURES = Path(__file__).resolve().parent / "bad_inputs"
F = TypeVar("F", bound=Callable[..., Any])
BEHAVIOURS: list[str] = []  # the cases of this file, by name (parametrised ones once per parameter)


def behaviour(function: F, count: int = 1) -> F:
    BEHAVIOURS.extend([function.__name__] * count)
    return function


def behaviours(count: int) -> Callable[[F], F]:
    return lambda function: behaviour(function, count)


@pytest.fixture()
def root(tmp_path: Path, kept_memo: Path) -> Path:
    """A copy of the project, as a user has it."""
    return copy_project(tmp_path, kept_memo)


def run(root: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(list(argv), root=root)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page_text(path: Path) -> str:
    from .htmltext import read_page

    return read_page(path).text


# --- pin syntax in raw text: what a person does about it ------------------------------------------

@behaviour
def test_pin_syntax_in_raw_text_is_kept_literal_once_an_erratum_says_so(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The import refuses [[26|99]] (see the catalogue); an erratum that writes what the text
    should read lets it import, and the reader sees it as written, in both scripts."""
    text = (FIXTURES / "report.txt").read_text(encoding="utf-8")
    text = text.replace("新增企业26家", "新增企业[[26|99]]家")
    (root / "report.txt").write_text(text, encoding="utf-8")
    folder = root / "content" / "reports" / "2024-fixture"
    folder.mkdir(parents=True)
    (folder / "errata.yaml").write_text("errata:\n  - damaged: '[[26|99]]'\n    repaired: '[26|99]'\n"
                                        "    reason: 原文的方括号照录\n", encoding="utf-8")
    status, _, errors = run(root, "import", "report.txt", "--slug", "2024-fixture", capsys=capsys)
    assert (status, errors) == (0, "")
    assert "新增企业[26|99]家" in (folder / "sections" / "review-01.yaml").read_text(encoding="utf-8")
    shutil.rmtree(root / "content" / "reports" / SEED_SLUG)
    (root / "content" / "glossary.yaml").write_text("entries: []\n", encoding="utf-8")  # the seed's words
    status, _, errors = run(root, "build", capsys=capsys)
    assert (status, errors) == (0, "")
    for variant in ("zh-hans", "zh-hant"):
        assert "[26|99]" in page_text(root / "output" / variant / "review" / "01.html")


# --- NUL and OpenCC --------------------------------------------------------------------------------

@behaviour
def test_a_conversion_never_stops_at_a_nul() -> None:
    """OpenCC's C API takes NUL for the end of the text; the converter converts either side."""
    from site_src.model import GlossaryEntry
    from site_src.variants.convert import make_converter

    tail = "显著提升" * 60
    for convert in (make_converter("s2tw"), make_converter("s2tw", (GlossaryEntry("发布", "發布", "x"),))):
        converted = convert("发布\x00" + tail)
        assert len(converted) == 2 + 1 + len(tail) and converted.endswith("顯著提升")


# --- OpenCC configurations that used to crash the build --------------------------------------------

@behaviours(4)
@pytest.mark.parametrize(("config", "shown"), [("s2t", "s2t"), ("t2s", "t2s"), ("s2tw.json", "s2tw"),
                                               ("../my-s2tw.json", None)])
def test_an_opencc_configuration_by_any_name_builds_with_the_glossary(
        root: Path, capsys: pytest.CaptureFixture[str], config: str, shown: str | None) -> None:
    from site_src.variants.convert import OPENCC_DATA

    shutil.copy(OPENCC_DATA / "s2tw.json", root / "my-s2tw.json")  # its dictionaries: OpenCC's, by name
    edit(root / "content" / "site.yaml", "opencc: s2tw", f"opencc: {config}")
    status, _, errors = run(root, "build", capsys=capsys)
    assert (status, errors) == (0, "")
    closing = page_text(root / "output" / "zh-hant" / "closing.html")
    if config != "t2s":
        assert "緊抓快幹" in closing  # the glossary's 快干 -> 快幹, where OpenCC alone writes 快乾
    notes = (root / "output" / "zh-hant" / "notes.html").read_text(encoding="utf-8")
    assert f"OpenCC {shown or root / 'my-s2tw.json'}" in notes


# --- files that cannot be read, as a user who is not root -------------------------------------------

SETPRIV = shutil.which("setpriv")


def as_a_user(root: Path, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a command on ``root`` as a user whom file modes bind: as ourselves, or as root without
    the capabilities that let root read any file whatever its mode (setpriv)."""
    command = [sys.executable, "-m", "site_src", *argv]
    if os.geteuid() == 0:
        drop = "-dac_override,-dac_read_search"
        command = [str(SETPRIV), f"--inh-caps={drop}", f"--bounding-set={drop}", *command]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)


needs_modes = pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None,
                                 reason="root reads any file, and setpriv is not there to drop that")


@behaviour
@needs_modes
def test_a_content_file_that_cannot_be_read_is_a_located_error(root: Path) -> None:
    section = root / "content" / "reports" / SEED_SLUG / "sections" / "review-03.yaml"
    section.chmod(0o000)
    result = as_a_user(root, ["build"])
    assert (result.returncode, result.stderr) == (1, f"error: {section}: cannot read: Permission denied\n")
    assert not (root / "output").exists()


@behaviour
@needs_modes
def test_a_content_folder_that_cannot_be_read_is_a_located_error(root: Path) -> None:
    sections = root / "content" / "reports" / SEED_SLUG / "sections"
    sections.chmod(0o000)
    try:
        result = as_a_user(root, ["build"])
    finally:
        sections.chmod(0o755)  # so that pytest can remove it
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"error: {sections}: cannot read the folder: Permission denied"


# --- bounded: nothing hangs, nothing explodes, a limit where a limit is honest ------------------------

@behaviour
def test_a_named_pipe_as_a_report_does_not_hang(root: Path) -> None:
    os.mkfifo(root / "report.txt")
    result = subprocess.run([sys.executable, "-m", "site_src", "import", "report.txt", "--slug", "x"],
                            cwd=root, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert result.returncode == 1 and "named pipe" in result.stderr


@behaviour
def test_a_named_pipe_in_the_content_does_not_hang_the_up_to_date_check(root: Path) -> None:
    os.mkfifo(root / "content" / "notes.fifo")  # nothing reads it: the build works
    result = subprocess.run([sys.executable, "-m", "site_src", "build"], cwd=root, capture_output=True,
                            text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert (result.returncode, result.stderr) == (0, "")


@behaviour
def test_a_50_mb_report_is_refused_by_its_size(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (FIXTURES / "report.txt").read_bytes()
    with (root / "report.txt").open("wb") as file:
        for _ in range(50 * 1024 * 1024 // len(text) + 1):
            file.write(text)
    status, _, errors = run(root, "import", "report.txt", "--slug", "2024-big", capsys=capsys)
    assert status == 1 and errors.startswith("error: report.txt: the file is 50.0 MB, more than the 16 MB")


@behaviour
def test_a_yaml_bomb_is_refused(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    lines.append("paragraphs: *i")
    (root / "content" / "reports" / SEED_SLUG / "closing.yaml").write_text("\n".join(lines) + "\n",
                                                                          encoding="utf-8")
    status, _, errors = run(root, "build", capsys=capsys)
    assert status == 1 and "unknown key 'a'" in errors and "Traceback" not in errors


# --- interrupts: the truth about what was written -----------------------------------------------------

@pytest.fixture()
def built(root: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The project with a site in output/, then an edit, so that the next build writes a new one."""
    assert run(root, "build", capsys=capsys)[0] == 0
    edit(root / "content" / "reports" / SEED_SLUG / "sections" / "review-03.yaml",
         "纵深推进双城经济圈建设", "纵深推进双城经济圈建设再出发")
    return root


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".output"))


@behaviour
def test_an_interrupt_after_the_swap_says_the_new_site_is_in_place(
        built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("site_src.pipeline.remember_build", interrupted)  # the step after the swap
    status, out, errors = run(built, "build", capsys=capsys)
    assert (status, out) == (130, "")
    assert errors == "interrupted, but only after output was written: it is complete and in place\n"
    assert "再出发" in page_text(built / "output" / "zh-hans" / "review" / "03.html")
    assert leftovers(built) == []


@behaviour
@pytest.mark.parametrize("other_thread", [False, True], ids=["alone", "beside a library's thread"])
def test_a_ctrl_c_during_the_swap_waits_for_it_and_then_says_so(
        built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        other_thread: bool) -> None:
    import threading

    from site_src.output import write

    # A thread of some library (Playwright's driver, a pool) can take a process's signal where
    # the main thread had masked it: the swap must be held all the same.
    stop = threading.Event()
    if other_thread:
        threading.Thread(target=stop.wait, daemon=True).start()
    exchange = write._exchange

    def ctrl_c_then_exchange(first: Path, second: Path) -> bool:
        os.kill(os.getpid(), signal.SIGINT)  # held back until the swap and its cleanup are done
        return exchange(first, second)

    monkeypatch.setattr(write, "_exchange", ctrl_c_then_exchange)
    status, _, errors = run(built, "build", capsys=capsys)
    assert status == 130
    assert errors == "interrupted, but only after output was written: it is complete and in place\n"
    assert "再出发" in page_text(built / "output" / "zh-hans" / "review" / "03.html")
    assert (built / "output" / MARKER).is_file() and leftovers(built) == []
    stop.set()


@behaviour
def test_an_interrupt_after_an_import_says_the_folder_is_in_place(
        root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "report.txt", root / "report.txt")

    def interrupted(*args: object, **keywords: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("site_src.import_report.import_screen", interrupted)  # after the swap
    status, _, errors = run(root, "import", "report.txt", "--slug", "2024-fixture", capsys=capsys)
    assert status == 130
    assert errors == ("interrupted, but only after content/reports/2024-fixture was written: it is complete "
                      "and in place\n")
    assert (root / "content" / "reports" / "2024-fixture" / "report.yaml").is_file()


# --- a report cut short where a sentence ends: imported, and the cut said --------------------------------

@behaviours(3)
@pytest.mark.parametrize(("fixture", "said"), [
    # cut after 达到2.4%。: the report stops in its last part, with no closing words
    ("truncated-at-a-sentence.txt", "line 11: no closing words were found (the last part's last "
     "各位代表…, or a last paragraph opening 让我们…): the file may be cut short: if so, import the "
     "whole text: 推动科技创新提质增效。全社会研发投入强度达到2.4…"),
    # a glossary after the closing words, its last explanation cut mid-sentence
    ("truncated-glossary.txt", "line 16: what the report appends ends mid-sentence: the file may be cut "
     "short: if so, import the whole text: 1.新质生产力：是指创新起主导作用，摆脱传统经济…"),
    # a notes list cut after its first note, where the text marks two
    ("truncated-notes.txt", "line 16: the text marks notes up to 2, the list after it holds 1: the file "
     "may be cut short: if so, import the whole text: [1]先进制造业集群：在一定区域内集聚的先进制造…"),
])
def test_a_report_cut_where_a_sentence_ends_imports_with_the_cut_said(
        root: Path, capsys: pytest.CaptureFixture[str], fixture: str, said: str) -> None:
    """What is left reads as whole text, so the import cannot refuse it; it must say, on the screen
    a person reads after the import, that the file may be cut short, and where."""
    shutil.copy(FIXTURES / fixture, root / "report.txt")
    status, out, errors = run(root, "import", "report.txt", "--slug", "2024-fixture", capsys=capsys)
    assert (status, errors) == (0, "")
    assert [text.strip() for text in out.splitlines() if "cut short" in text] == [said]


# --- build.py takes paths from the current folder, as report-site does ------------------------------------

@behaviour
def test_build_py_takes_the_files_it_is_given_from_the_current_folder(tmp_path: Path) -> None:
    """`python /repo/build.py import r.txt`, run in r.txt's folder, said file not found: the path
    was taken from build.py's folder. Without --content it imports into the site build.py sits in."""
    repository = tmp_path / "repository"
    copy_project(repository)
    shutil.copy(ROOT / "build.py", repository / "build.py")
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(FIXTURES / "report.txt", tmp_path / "elsewhere" / "r.txt")
    ran = subprocess.run([sys.executable, str(repository / "build.py"), "import", "r.txt", "--slug",
                          "2024-fixture"], cwd=tmp_path / "elsewhere",
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                         timeout=120, check=False)
    assert (ran.returncode, ran.stderr) == (0, ""), ran.stderr
    assert ran.stdout.startswith(f"imported r.txt into {repository}/content/reports/2024-fixture ")
    assert (repository / "content" / "reports" / "2024-fixture" / "report.yaml").is_file()


# --- pins in titles: resolved on every page, the root's too -------------------------------------------

@behaviour
def test_pins_in_the_titles_never_reach_a_page(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A pin in report.yaml's title reached the root index.html and 404.html as written ([[工作]])."""
    edit(root / "content" / "reports" / SEED_SLUG / "report.yaml", "title: 政府工作报告",
         "title: 政府[[工作]]报告")
    assert run(root, "build", capsys=capsys)[0] == 0
    pages = sorted((root / "output").rglob("*.html"))
    assert len(pages) > 90
    assert [page for page in pages if pin_marks(page.read_text("utf-8"))] == []
    root_page = (root / "output" / "index.html").read_text("utf-8")
    assert "<title>重庆市荣昌区2024年政府工作报告</title>" in root_page
    # site.yaml's own title: the same
    edit(root / "content" / "site.yaml", "variants:", "title: 荣昌[[报告]]\nvariants:")
    assert run(root, "build", capsys=capsys)[0] == 0
    for page in ("index.html", "404.html", "zh-hans/index.html", "zh-hant/index.html"):
        text = (root / "output" / page).read_text("utf-8")
        assert "荣昌报告" in text or "榮昌报告" in text, page
        assert not pin_marks(text), page


def pin_marks(text: str) -> bool:
    return "[[" in text or "]]" in text
# --- races with a person's edits: an import writes only its own files, each compared and swapped --------

REIMPORT = ("import", f"content/reports/{SEED_SLUG}/source.txt", "--force")


@behaviour
def test_saves_to_a_persons_file_during_import_force_are_never_lost(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A person saves notes.txt in the report folder again and again while ``import --force`` runs
    (it used to copy the folder and swap it: a save made meanwhile went into the old folder); each
    save finds the one before it, and the file and the folder are the same ones throughout."""
    import threading

    folder = root / "content" / "reports" / SEED_SLUG
    notes = folder / "notes.txt"
    notes.write_text("0", encoding="utf-8")
    identity = (folder.stat().st_ino, notes.stat().st_ino)
    edit(folder / "sections" / "review-03.yaml", "纵深推进双城经济圈建设", "纵深推进双城经济圈建设再出发")
    stop, lost, saves = threading.Event(), [], [0]

    def person() -> None:
        while not stop.is_set():
            found = notes.read_text(encoding="utf-8")
            if found != str(saves[-1]):
                lost.append((saves[-1], found))
            saves.append(saves[-1] + 1)
            with notes.open("r+", encoding="utf-8") as file:  # saved in place, as many editors do
                file.write(str(saves[-1]))

    saver = threading.Thread(target=person)
    saver.start()
    try:
        for _ in range(3):
            status, _, errors = run(root, *REIMPORT, capsys=capsys)
            assert (status, errors) == (0, "")
    finally:
        stop.set()
        saver.join()
    assert lost == [] and len(saves) > 10
    assert (folder.stat().st_ino, notes.stat().st_ino) == identity
    assert "再出发" not in (folder / "sections" / "review-03.yaml").read_text(encoding="utf-8")


@behaviour
def test_a_yaml_file_saved_between_the_check_and_the_write_is_left_as_saved(
        root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The person saves a section after the import checked it and before it replaced it: the
    import refuses that file with a line (it writes the others) and the save stays."""
    from site_src.output import inplace

    folder = root / "content" / "reports" / SEED_SLUG
    section, other = folder / "sections" / "review-03.yaml", folder / "sections" / "review-04.yaml"
    # both edited: --force replaces them
    edit(section, "纵深推进双城经济圈建设", "纵深推进双城经济圈建设再出发")
    edit(other, "title: ", "title: 改")
    held = inplace.interrupts_held

    def save_then_hold() -> object:  # the moment between the new files written and their swap
        edit(section, "再出发", "又一次")
        return held()

    monkeypatch.setattr(inplace, "interrupts_held", save_then_hold)
    status, out, errors = run(root, *REIMPORT, capsys=capsys)
    assert (status, out) == (1, "")
    assert errors == (f"error: {section}: saved while the import ran: left as it was saved, not replaced "
                      "(the import's other files are in place; import again to replace it)\n")
    assert "纵深推进双城经济圈建设又一次" in section.read_text(encoding="utf-8")
    assert "title: 改" not in other.read_text(encoding="utf-8")
    assert [p.name for p in folder.rglob(".*import-*")] == []
    status, _, errors = run(root, "import", f"content/reports/{SEED_SLUG}/source.txt", capsys=capsys)
    assert status == 1 and errors.startswith(f"error: {section}: edited since the import")


# --- the output folder ---------------------------------------------------------------------------------

@behaviour
def test_every_site_carries_the_marker_and_a_second_build_replaces_the_first(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "site").mkdir()  # an empty folder is fine
    assert run(root, "build", "--out", "site", capsys=capsys)[0] == 0
    assert (root / "site" / MARKER).read_text(encoding="utf-8").startswith("This folder is a site built by")
    edit(root / "content" / "reports" / SEED_SLUG / "sections" / "review-03.yaml",
         "纵深推进双城经济圈建设", "纵深推进双城经济圈建设再出发")
    assert run(root, "build", "--out", "site", capsys=capsys)[0] == 0
    assert "再出发" in page_text(root / "site" / "zh-hans" / "review" / "03.html")


@behaviour
def test_two_builds_at_once_both_finish_and_leave_one_whole_site(root: Path) -> None:
    command = [sys.executable, "-m", "site_src", "build"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(process.wait(timeout=120), process.stderr.read() if process.stderr else "")
               for process in processes]
    assert results == [(0, "")] * 3
    assert (root / "output" / MARKER).is_file() and leftovers(root) == []
    assert len(list((root / "output").rglob("*.html"))) > 80


# --- builds at once: the caches they share, the content they read while it is written -----------------

def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@behaviour
def test_two_builds_at_once_into_two_folders_share_a_new_cache_and_match_a_build_alone(
        root: Path, tmp_path: Path) -> None:
    """Both write the machine's program cache (new, so both fill it) and the project's at once."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "machine")}

    def start(out: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "site_src", "build", "--quiet", "--out", out],
                                cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    together = [start("one"), start("two")]
    assert [(process.wait(timeout=300), *process.communicate()) for process in together] == [(0, "", "")] * 2
    alone = start("three")
    assert (alone.wait(timeout=300), *alone.communicate()) == (0, "", "")
    assert tree(root / "one") == tree(root / "three") == tree(root / "two")
    # What depends on the program alone (the templates' check; the templates come compiled)
    assert [path for path in (tmp_path / "machine" / "report-site").rglob("*") if path.is_file()]


def _cache_writer(cache: str, templates: str) -> None:
    """One of many processes writing the same entries of a program cache (compiled templates,
    kept results) while it is being cleared: it must never fail."""
    from site_src.output.memo import Memo
    from site_src.site.render import make_environment

    for round in range(5):
        environment = make_environment((Path(templates),), Path(cache) / "jinja")
        assert environment.get_template("page.html").render(n=round) == f"<p>{round}</p>\n"
        memo = Memo(None, Path(cache) / "memo")
        for key in ("a", "b", "c"):
            assert memo.get("kind", key, lambda key=key: key * 1000, program=True) == key * 1000


@behaviour
def test_a_hundred_processes_write_the_program_cache_at_once_while_it_is_cleared(tmp_path: Path) -> None:
    import multiprocessing
    import pickle
    import threading

    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "base.html").write_text("<p>{% block body %}{% endblock %}</p>\n", encoding="utf-8")
    (templates / "page.html").write_text(
        "{% extends 'base.html' %}{% block body %}{{ n }}{% endblock %}", encoding="utf-8")
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_cache_writer, args=(str(cache), str(templates))) for _ in range(100)]
    stop = threading.Event()

    def clearing() -> None:  # as a person clearing ~/.cache, or a tool doing it, at any moment
        while not stop.is_set():
            shutil.rmtree(cache, ignore_errors=True)
            stop.wait(0.005)

    clearer = threading.Thread(target=clearing)
    clearer.start()
    try:
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=120)
    finally:
        stop.set()
        clearer.join()
    assert [writer.exitcode for writer in writers] == [0] * 100
    _cache_writer(str(cache), str(templates))  # and once more with nobody clearing: whole entries
    for entry in (cache / "memo" / "kind").iterdir():
        assert pickle.loads(entry.read_bytes()) == entry.stem * 1000
    assert [entry.name for entry in cache.rglob(".*")] == []  # no temporary file left behind


@behaviour
def test_a_build_reads_the_content_again_when_an_import_lands_while_it_reads(
        root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """What it read first mixed old files and new; the site is built from the content as it is
    after, and the next build finds it up to date."""
    from site_src import pipeline

    load, readings = pipeline.load_project, []

    def landing_meanwhile(project: object, *rest: object) -> object:
        readings.append(load(project, *rest))  # type: ignore[arg-type]
        if len(readings) == 1:
            edit(root / "content" / "reports" / SEED_SLUG / "sections" / "review-03.yaml",
                 "纵深推进双城经济圈建设", "纵深推进双城经济圈建设再出发")
        return readings[-1]

    monkeypatch.setattr(pipeline, "load_project", landing_meanwhile)
    assert run(root, "build", "--quiet", capsys=capsys) == (0, "", "")
    assert len(readings) == 2
    assert "再出发" in page_text(root / "output" / "zh-hans" / "review" / "03.html")
    assert run(root, "build", capsys=capsys)[1].startswith("up to date:")


@behaviour
def test_a_build_whose_content_never_stops_changing_says_so(
        root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from site_src import pipeline

    load, readings = pipeline.load_project, []

    def always_changing(project: object, *rest: object) -> object:
        readings.append(load(project, *rest))  # type: ignore[arg-type]
        notes = root / "content" / "reports" / SEED_SLUG / "notes.txt"
        notes.write_text(str(len(readings)), encoding="utf-8")
        return readings[-1]

    monkeypatch.setattr(pipeline, "load_project", always_changing)
    status, out, errors = run(root, "build", capsys=capsys)
    assert (status, out, len(readings)) == (1, "", 3)
    assert errors == (f"error: {root / 'content'}: the content changed while the build read it, 3 times in "
                      "a row (an import or an editor writing?): build again when it is done\n")


# --- linear on every input: what once took a pass per bracket --------------------------------------------

def _bracket_as_before(text: str, index: int) -> bool:
    """A closing bracket is Chinese when what it closes holds a Chinese character (the definition
    the one-pass reading must keep: the last ( before it, else the character before it)."""
    import re

    from site_src.ingest.clean import CJK

    close = text.rfind("(", 0, index)
    inner = text[close + 1:index] if close >= 0 else text[index - 1:index]
    return bool(re.search(rf"[{CJK}]", inner))


@behaviour
def test_brackets_restored_in_one_pass_as_they_were_by_their_definition() -> None:
    """Random lines of brackets, Chinese and Latin letters: each ) is made full-width exactly where
    the definition says, and a line of one ( and 200,000 ) is read (once, not once per bracket)."""
    import random

    from site_src.ingest.clean import SourceLine, restore_punctuation

    chooser = random.Random(28)
    for _ in range(300):
        text = "".join(chooser.choice("(()))一a,") for _ in range(chooser.randrange(1, 30)))
        [line], _ = restore_punctuation([SourceLine(1, text)])
        assert [n for n, char in enumerate(line.text) if char == "）"] == \
            [n for n, char in enumerate(text) if char == ")" and _bracket_as_before(text, n)], text
    [line], counts = restore_punctuation([SourceLine(1, "工作(" + ")" * 200_000 + "。")])
    assert line.text == "工作(" + ")" * 200_000 + "。" and counts == ()


# --- what the output of the program cannot be made to say --------------------------------------------

@behaviour
def test_a_report_named_with_a_newline_is_reported_on_one_line(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "report.txt", root / "report\nerror: x.txt")
    status, out, _ = run(root, "import", "report\nerror: x.txt", "--slug", "2024-fixture", capsys=capsys)
    assert status == 0
    assert out.splitlines()[0].startswith("imported report\\nerror: x.txt into ")


@behaviour
def test_template_syntax_and_script_links_in_the_content_stay_text(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root / "content" / "reports" / SEED_SLUG / "sections" / "review-03.yaml",
         "纵深推进双城经济圈建设", "纵深推进{{ 7 * 7 }}{% raw %}建设")
    with (root / "content" / "pages" / "about.md").open("a", encoding="utf-8") as page:
        page.write("\n[点我](javascript:alert(1))\n")
    assert run(root, "build", capsys=capsys)[0] == 0
    page = (root / "output" / "zh-hans" / "review" / "03.html").read_text(encoding="utf-8")
    assert "纵深推进{{ 7 * 7 }}{% raw %}建设" in page and "49" not in page.split("纵深推进")[1][:20]
    about = (root / "output" / "zh-hans" / "about.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in about


# --- the preview server ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """The preview of a project copy, running for this module's cases."""
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    port = free_port()
    with serving(root, port):
        yield port, root


@contextlib.contextmanager
def serving(root: Path, port: int) -> Iterator[subprocess.Popen[str]]:
    server = subprocess.Popen([sys.executable, "-m", "site_src", "serve", "--port", str(port)], cwd=root,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: "重庆" in fetch(f"http://127.0.0.1:{port}/zh-hans/index.html")), "no preview"
        yield server
    finally:
        server.terminate()
        server.communicate(timeout=10)


def request(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    """A GET sent as written (no normalising of the path), with the Host header given."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@behaviours(5)
@pytest.mark.parametrize(("host", "status"), [("127.0.0.1:{port}", 200), ("localhost:{port}", 200),
                                              ("evil.example:{port}", 403), ("127.0.0.1", 403),
                                              ("127.0.0.1.evil.example:{port}", 403)])
def test_the_preview_answers_only_its_own_address(preview: tuple[int, Path], host: str, status: int) -> None:
    port, _ = preview
    assert request(port, "/zh-hans/index.html", host.format(port=port))[0] == status


@behaviours(2)
@pytest.mark.parametrize(("origin", "expected"), [("http://127.0.0.1:{port}", "open"),
                                                  ("http://evil.example", "403")])
def test_the_reload_socket_takes_only_pages_of_its_own_origin(preview: tuple[int, Path], origin: str,
                                                              expected: str) -> None:
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    port, _ = preview

    async def connect() -> str:
        try:
            connection = await websocket_connect(HTTPRequest(f"ws://127.0.0.1:{port}{RELOAD_PATH}",
                                                             headers={"Origin": origin.format(port=port)}))
        except HTTPClientError as error:
            return str(error.code)
        connection.close()
        return "open"

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:  # Playwright may own this loop
        assert pool.submit(asyncio.run, connect()).result() == expected


TRAVERSALS = ["/../content/site.yaml", "/zh-hans/../../content/site.yaml", "/%2e%2e/content/site.yaml",
              "/zh-hans/%2e%2e/%2e%2e/content/site.yaml", "/..%2fcontent/site.yaml", "//etc/passwd",
              "/static/../../content/site.yaml", "/static/%2e%2e/%2e%2e/content/site.yaml"]


@behaviours(len(TRAVERSALS))
@pytest.mark.parametrize("path", TRAVERSALS)
def test_the_preview_serves_nothing_outside_the_site(preview: tuple[int, Path], path: str) -> None:
    port, _ = preview
    status, body = request(port, path)
    assert status in (400, 403, 404) and b"variants:" not in body and b"root:" not in body


MALFORMED_PATHS = ["/%00", "/zh-hans/%00.html", "/static/%00.css", "/%0a", "/%zz", "/zh-hans/%", "/%ff",
                   "/%c3%28.html", "/static/%ff.js"]


@behaviours(len(MALFORMED_PATHS))
def test_a_malformed_path_is_a_bad_request_without_a_traceback(tmp_path: Path) -> None:
    """GET /%00 answered 500, with a traceback in the terminal (a NUL reached the file system's
    path); every path with a NUL, an escape that escapes nothing or bytes that are no UTF-8 is
    answered 400, the server goes on, and it prints no traceback."""
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "site_src", "serve", "--port", str(port)], cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: "重庆" in fetch(f"http://127.0.0.1:{port}/zh-hans/index.html")), "no preview"
        statuses = {path: request(port, path)[0] for path in MALFORMED_PATHS}
        assert statuses == dict.fromkeys(MALFORMED_PATHS, 400)
        assert request(port, "/zh-hans/index.html")[0] == 200
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert "Traceback" not in errors and "500" not in errors, errors


@behaviour
def test_the_preview_can_start_again_on_its_port_at_once(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    port = free_port()
    with serving(tmp_path, port):
        fetch(f"http://127.0.0.1:{port}/zh-hans/index.html")  # a connection, so a socket in TIME_WAIT
    with serving(tmp_path, port) as server:
        pass
    assert server.returncode is not None
    for _ in range(2):  # and the bare bind, twice
        for sock in bind("127.0.0.1", port):
            sock.close()


@behaviour
def test_the_preview_says_a_template_error_in_one_line_and_keeps_the_last_good_site(root: Path) -> None:
    """{{ 1 // 0 }} once stopped the build worker with nine tracebacks; now it is one located line,
    the last good site stays served, and the worker builds the fixed template."""
    from . import test_safety

    port, template = free_port(), root / "templates" / "page_text.html"
    good = template.read_text(encoding="utf-8")
    url, socket = f"http://127.0.0.1:{port}/zh-hans/review/03.html", f"ws://127.0.0.1:{port}{RELOAD_PATH}"
    server = subprocess.Popen([sys.executable, "-m", "site_src", "serve", "--port", str(port)], cwd=root,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: "纵深推进双城经济圈建设" in fetch(url)), "no preview"
        broken = good.replace("{{ page.title }}", "{{ 1 // 0 }}", 1)
        test_safety.run_async(test_safety.reload_after(
            socket, lambda: template.write_text(broken, encoding="utf-8")))
        page = fetch(url)
        assert "纵深推进双城经济圈建设" in page and 'id="build-error"' in page and "ZeroDivisionError" in page
        fixed = good.replace("<h1>{{ page.title }}</h1>", "<h1>{{ page.title }}!</h1>", 1)
        test_safety.run_async(test_safety.reload_after(
            socket, lambda: template.write_text(fixed, encoding="utf-8")))
        assert 'id="build-error"' not in fetch(url)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    line = good[:good.index("{{ page.title }}")].count("\n") + 1
    assert (f"error: page_text.html:{line}: template error: integer division or modulo by zero "
            "(ZeroDivisionError)\n") in errors
    assert "Traceback" not in errors and "worker stopped" not in errors

