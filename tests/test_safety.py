"""Safe output and safe writing: text is inert, ids stay inside output/, builds are atomic and
reproducible, and the preview listens on 127.0.0.1 and shows a failed build's errors."""

from __future__ import annotations

import asyncio
import concurrent.futures
import errno
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from site_src.content.report import load_report
from site_src.errors import SiteError
from site_src.output.fingerprint import file_digests
from site_src.output.write import MARKER, MARKER_TEXT, Unchanged, write_site
from site_src.pipeline import Project, build
from site_src.serve import RELOAD_PATH
from site_src.yamlio import dump

from .conftest import ROOT, SEED_SLUG, SLOW, report_folder
from .htmltext import read_page
from .serving import fetch, free_port, wait_for
from .test_bad_inputs import failing_writes  # the catalogue's fault: Path.write_bytes fails

pytestmark = SLOW  # builds in processes of their own, stopped, served

HOSTILE = '<script>alert("paragraph")</script>'


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def leftovers(project: Project) -> list[str]:
    return sorted(p.name for p in project.output.parent.iterdir() if p.name.startswith(".output"))


# --- text is escaped everywhere ------------------------------------------------------------------

class _Elements(HTMLParser):
    """Every element's attributes, and the text of every inline script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []  # tag, name, value
        self.scripts: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or "")
            self._in_script = True
            self.inline.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline[-1] += data


def test_markup_and_script_links_in_the_content_render_inert(project_copy: Project) -> None:
    content = project_copy.content
    section_file = content / "reports" / SEED_SLUG / "sections" / "review-03.yaml"
    section = yaml.safe_load(section_file.read_text(encoding="utf-8"))
    section["title"] += "<img src=x onerror=alert(2)>"
    section["paragraphs"][0]["text"] = HOSTILE + '" onmouseover="alert(1)' + section["paragraphs"][0]["text"]
    section_file.write_text(dump(section), encoding="utf-8")
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    site["description"] = '"><script>alert(3)</script>' + site.get("description", "")
    (content / "site.yaml").write_text(dump(site), encoding="utf-8")
    with (content / "pages" / "about.md").open("a", encoding="utf-8") as page:
        page.write('\n[click](javascript:alert(4))\n\n<script>alert(5)</script>\n\n'
                   '<a href="JavaScript:alert(6)">link</a>\n\n![image](javascript:alert(7))\n')
    build(project_copy)

    for path in sorted(project_copy.output.rglob("*.html")):
        elements = _Elements()
        elements.feed(path.read_text(encoding="utf-8"))
        for tag, name, value in elements.attributes:
            assert not name.startswith("on"), (path, tag, name, value)
            if name in ("href", "src", "action", "formaction"):
                assert not value.strip().lower().startswith("javascript:"), (path, tag, value)
        assert all(src.endswith(".js") for src in elements.scripts if src), path
        assert not any("alert" in script for script in elements.inline), path
    for variant in ("zh-hans", "zh-hant"):
        page = read_page(project_copy.output / variant / "review" / "03.html")
        assert HOSTILE in page.text  # shown as text, so nothing was dropped either
        assert "<img src=x onerror=alert(2)>" in page.title
        about = read_page(project_copy.output / variant / "about.html")
        assert "[click](javascript:alert(4))" in about.text and "<script>alert(5)</script>" in about.text


# --- ids and paths cannot leave output/ ----------------------------------------------------------

@pytest.mark.parametrize("path", ["../escaped.html", "zh-hans/../../escaped.html", "/tmp/escaped.html", "."])
def test_write_site_refuses_paths_outside_the_output_folder(tmp_path: Path, path: str) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("previous\n", encoding="utf-8")
    (out / MARKER).write_bytes(MARKER_TEXT)
    with pytest.raises(SiteError) as caught:
        write_site([("index.html", b"new"), (path, b"escaped")], out)
    assert [str(p) for p in caught.value.problems] == [f"{path}: path escapes the output folder"]
    assert snapshot(out) == {"index.html": b"previous\n", MARKER: MARKER_TEXT}
    assert not (tmp_path / "escaped.html").exists() and not Path("/tmp/escaped.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_write_site_says_what_the_folder_holds_without_reading_it_again(tmp_path: Path) -> None:
    """What write_site returns is every file of the folder with its sha256, as reading it would
    say: the files written, those of the same bytes and those given as Unchanged linked in, a path
    with a step back inside the folder, and the marker (uptodate.py records it as the manifest)."""
    out = tmp_path / "output"
    first = write_site([("a.html", b"a"), ("b/b.html", b"b"), ("c.html", b"c")], out)
    assert first.digests == file_digests(out)
    kept = Unchanged(1, first.digests["b/b.html"])
    second = write_site([("a.html", b"a"), ("b/b.html", kept), ("d/../e.html", b"e")], out)
    assert second.digests == file_digests(out) and sorted(second.digests) == [MARKER, "a.html", "b/b.html",
                                                                             "e.html"]
    assert second.files == (("a.html", 1), ("b/b.html", 1), ("d/../e.html", 1))


@pytest.mark.parametrize(("file", "old", "new", "key"), [
    ("parts/review.yaml", "  - review-01\n", "  - ../review-01\n", "sections[0]"),
    ("sections/review-01.yaml", "id: review-01-1", "id: ../review-01-1", "paragraphs[0].id"),
    ("report.yaml", "  - review\n", "  - review/../plan\n", "parts[0]"),
])
def test_ids_that_would_leave_their_folder_are_rejected(project_copy: Project, file: str, old: str,
                                                        new: str, key: str) -> None:
    edit(report_folder(project_copy) / file, old, new)
    with pytest.raises(SiteError) as caught:
        load_report(report_folder(project_copy))
    first = caught.value.problems[0]
    assert (first.location.file, first.location.key) == (str(report_folder(project_copy) / file), key)
    assert first.message.startswith("invalid id '")


# --- atomic: a build that fails or is interrupted leaves the previous site ------------------------

@pytest.fixture()
def previous_site(project_copy: Project) -> tuple[Project, dict[str, bytes]]:
    build(project_copy)
    # What every page is made from changed, so that the builds under test really write (a build
    # links in the files the output folder already holds as they should be).
    base = project_copy.content.parent / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "<!-- changed -->\n", encoding="utf-8")
    return project_copy, snapshot(project_copy.output)


def test_a_full_disk_midway_leaves_the_previous_site(previous_site: tuple[Project, dict[str, bytes]],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project, before = previous_site
    failing_writes(20, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))(monkeypatch)
    with pytest.raises(SiteError) as caught:
        build(project)
    [problem] = caught.value.problems
    assert problem.message == "cannot write: No space left on device"
    assert problem.location.file.startswith(str(project.output) + "/")
    assert snapshot(project.output) == before
    assert leftovers(project) == []


def test_an_interrupt_midway_leaves_the_previous_site(previous_site: tuple[Project, dict[str, bytes]],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    project, before = previous_site
    failing_writes(20, KeyboardInterrupt())(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    assert snapshot(project.output) == before
    assert leftovers(project) == []


# A build whose writing pauses after 20 files and says so, to be interrupted there from outside.
SLOW_WRITER = """
import sys, time
from pathlib import Path
from site_src.cli import main

original, written = Path.write_bytes, 0
def write_bytes(self, data):
    global written
    written += 1
    if written == 20:
        print("writing", flush=True)
        time.sleep(60)
    return original(self, data)
Path.write_bytes = write_bytes
sys.exit(main(["build"]))
"""


def start_slow_build(project: Project) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", SLOW_WRITER], cwd=project.content.parent,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline() == "writing\n"
    return process


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL],
                         ids=["ctrl-c", "terminate", "kill"])
def test_a_build_stopped_from_outside_midway_leaves_the_previous_site(
        previous_site: tuple[Project, dict[str, bytes]], sent: signal.Signals) -> None:
    project, before = previous_site
    process = start_slow_build(project)
    process.send_signal(sent)
    _, errors = process.communicate(timeout=60)
    assert "Traceback" not in errors
    assert snapshot(project.output) == before
    if sent == signal.SIGINT:
        assert (process.returncode, errors) == (130, "interrupted\n")
        assert leftovers(project) == []
    else:  # killed outright, it cannot clean up: its staging folder stays until the next build
        assert process.returncode == -sent
        assert [name.split("-")[1] for name in leftovers(project)] == [str(process.pid)]
        build(project)
        assert leftovers(project) == []
        assert snapshot(project.output).keys() == before.keys()  # the new site, whole, in its place


def test_a_build_of_another_running_process_is_not_cleaned_away(
        previous_site: tuple[Project, dict[str, bytes]]) -> None:
    project, before = previous_site
    process = start_slow_build(project)
    try:
        build(project)  # a second build meanwhile: it must not remove the first one's staging folder
        assert [name.split("-")[1] for name in leftovers(project)] == [str(process.pid)]
    finally:
        process.kill()
        process.communicate(timeout=60)
    assert snapshot(project.output).keys() == before.keys()  # the second build's site, whole


# --- reproducible ---------------------------------------------------------------------------------

def run_build(project_root: Path, out: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_src", "build", "--out", out], cwd=project_root,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env}, capture_output=True,
                          text=True, timeout=120, check=False)


def test_two_builds_are_byte_identical_and_carry_no_path_or_clock(project_copy: Project,
                                                                  tmp_path: Path) -> None:
    root = project_copy.content.parent
    first = run_build(root, "one", PYTHONHASHSEED="1", TZ="UTC")
    second = run_build(root, str(tmp_path / "elsewhere" / "two"), PYTHONHASHSEED="2", TZ="Asia/Shanghai",
                       LC_ALL="C")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    one, two = snapshot(root / "one"), snapshot(tmp_path / "elsewhere" / "two")
    assert one == two
    today = date.today()
    for name, data in one.items():
        text = data.decode("utf-8", errors="replace")
        for machine in (str(tmp_path), str(ROOT), os.path.expanduser("~") + "/", socket.gethostname()):
            assert machine not in text, (name, machine)
        for clock in (today.isoformat(), f"{today.year}年{today.month}月{today.day}日"):
            assert clock not in text, (name, clock)


def test_source_date_epoch_sets_every_modification_time(project_copy: Project) -> None:
    root = project_copy.content.parent
    result = run_build(root, "output", SOURCE_DATE_EPOCH="1700000000")
    assert result.returncode == 0, result.stderr
    times = {p.stat().st_mtime for p in [project_copy.output, *project_copy.output.rglob("*")]}
    assert times == {1700000000}


# --- the preview: 127.0.0.1 only, the last good site, the errors in the browser ------------------







def listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on ``port`` (Linux: /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


async def reload_after(url: str, action, seconds: float = 30) -> float:  # type: ignore[no-untyped-def]
    """Connect as a page does, run ``action``, return the seconds until a reload arrives."""
    from tornado.websocket import websocket_connect

    connection = await websocket_connect(url)
    started = time.perf_counter()
    action()
    deadline = started + seconds
    while True:
        message = await asyncio.wait_for(connection.read_message(), deadline - time.perf_counter())
        if message == "reload":
            connection.close()
            return time.perf_counter() - started


def run_async(coroutine):  # type: ignore[no-untyped-def]
    """asyncio.run in a thread of its own: the browser tests' Playwright keeps an event loop
    running in the main thread for the whole session."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the socket table of Linux")
def test_serve_listens_on_localhost_and_shows_a_failed_build_in_the_page(project_copy: Project) -> None:
    root = project_copy.content.parent
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "site_src", "serve", "--port", str(port)], cwd=root,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/zh-hans/review/03.html"
    websocket = f"ws://127.0.0.1:{port}{RELOAD_PATH}"
    section = report_folder(project_copy) / "sections" / "review-03.yaml"
    good = section.read_text(encoding="utf-8")
    try:
        assert wait_for(lambda: "纵深推进双城经济圈建设" in fetch(url)), "server did not start"
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and nothing else

        broken = good.replace("    text: ", "    kind: <b>bold</b>\n    text: ", 1)
        seconds = run_async(reload_after(websocket, lambda: section.write_text(broken, encoding="utf-8")))
        assert seconds < 10
        page = fetch(url)
        assert "纵深推进双城经济圈建设" in page  # the last good site…
        assert 'id="build-error"' in page  # …with the errors over it, escaped
        assert "unknown kind &#x27;&lt;b&gt;bold&lt;/b&gt;&#x27;" in page and "<b>bold</b>" not in page
        assert RELOAD_PATH in page  # so that the next good save reloads it
        assert 'id="build-error"' in fetch(f"http://127.0.0.1:{port}/zh-hans/no-such-page.html")

        fixed = good.replace("纵深推进双城经济圈建设", "纵深推进双城经济圈建设再出发", 1)
        run_async(reload_after(websocket, lambda: section.write_text(fixed, encoding="utf-8")))
        page = fetch(url)
        assert "纵深推进双城经济圈建设再出发" in page and 'id="build-error"' not in page
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert "build failed: still serving the last good site" in errors
    assert "Traceback" not in errors


def test_serve_answers_only_its_own_address_and_origin(project_copy: Project) -> None:
    """DNS rebinding and cross-site pages: a request for another Host is refused, and so is a
    reload socket opened by a page of another origin. The site's own 404 page is served."""
    import urllib.error
    import urllib.request

    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    root = project_copy.content.parent
    port = free_port()

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "site_src", "serve", "--port", str(port)], cwd=root,
                                env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def status(host: str) -> int:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/zh-hans/index.html",
                                         headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    async def socket_status(origin: str) -> str:
        request = HTTPRequest(f"ws://127.0.0.1:{port}{RELOAD_PATH}", headers={"Origin": origin})
        try:
            connection = await websocket_connect(request)
        except HTTPClientError as error:
            return str(error.code)
        connection.close()
        return "open"

    server = start()
    try:
        assert wait_for(lambda: "重庆" in fetch(f"http://127.0.0.1:{port}/zh-hans/index.html"))
        assert status(f"127.0.0.1:{port}") == 200 and status(f"localhost:{port}") == 200
        assert status(f"evil.example:{port}") == 403 and status("127.0.0.1") == 403
        assert run_async(socket_status(f"http://127.0.0.1:{port}")) == "open"
        assert run_async(socket_status("http://evil.example")) == "403"
        missing = fetch(f"http://127.0.0.1:{port}/zh-hant/no-such-page.html")
        assert "頁面不存在" in missing and RELOAD_PATH in missing
    finally:
        server.terminate()
        server.communicate(timeout=10)
    server = start()  # the same port again, at once: it was released
    try:
        assert wait_for(lambda: "重庆" in fetch(f"http://127.0.0.1:{port}/zh-hans/index.html"))
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert "port is in use" not in errors
