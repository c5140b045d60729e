"""A thin preview server over the build: livereload on 127.0.0.1, rebuild on change, keep the last good site.

Every build runs the build command in a fresh Python process, so edits to site_src/ take effect
too and a crash cannot take the server down. The build swaps its output in only on success, so a
failed build leaves the previous site being served; the server then shows the build's errors over
each page it serves (without touching output/) until a save builds again.
"""

from __future__ import annotations

import errno
import html
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import PeriodicCallback

from site_src.errors import fail
from site_src.pipeline import Project

WATCHED = ("content", "templates", "site_src")
# How often the watched folders are compared (livereload's own loop waits 0.8 s); a comparison
# stats about a hundred files, well under a millisecond.
POLL_SECONDS = 0.1
BUILD_TIMEOUT_SECONDS = 300


def tree_fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of every watched file: equal means nothing changed.

    Editors' swap and backup files and importers' temporary files do not count.
    """
    entries = []
    for folder in WATCHED:
        for path in sorted((root / folder).rglob("*")):
            if _ignored(path):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue  # removed between listing and looking: the next poll sees it gone
            if path.is_file():
                entries.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def _ignored(path: Path) -> bool:
    return ("__pycache__" in path.parts or path.name.startswith((".", "#"))
            or path.name.endswith(("~", ".swp", ".pyc", ".tmp")))


@dataclass
class Preview:
    """What the server shows besides the site: the last build's errors, None once it succeeded."""

    failure: str | None = None


class Rebuilder:
    """Runs one build per real change, once the files have settled; then tells the browsers."""

    def __init__(self, project: Project, root: Path, preview: Preview,
                 reload: Callable[[], None] = lambda: None) -> None:
        self.project = project
        self.root = root
        self.preview = preview
        self.reload = reload
        self.last: tuple[tuple[str, int, int], ...] | None = None

    def first(self) -> bool:
        """The build at start-up, before any browser is there to reload."""
        self.last = tree_fingerprint(self.root)
        return self.build()

    def __call__(self) -> None:
        current = self._settled()
        if current == self.last:
            return
        self.last = current
        self.build()
        self.reload()

    def build(self) -> bool:
        command = [sys.executable, "-m", "site_src", "build", "--out", str(self.project.output)]
        try:
            result = subprocess.run(command, cwd=self.root, capture_output=True, text=True,
                                    check=False, timeout=BUILD_TIMEOUT_SECONDS)
            output, errors, failed = result.stdout, result.stderr, result.returncode != 0
        except subprocess.TimeoutExpired:
            output, errors, failed = "", f"error: the build took over {BUILD_TIMEOUT_SECONDS} s\n", True
        sys.stdout.write(output)
        sys.stdout.flush()
        if not failed:
            self.preview.failure = None
            return True
        sys.stderr.write(errors)
        sys.stderr.write("build failed: still serving the last good site\n" if self.project.output.is_dir()
                         else "build failed: no site yet, the browser shows the errors\n")
        sys.stderr.flush()
        self.preview.failure = errors.strip() or "the build failed without a message"
        return False

    def _settled(self) -> tuple[tuple[str, int, int], ...]:
        """The fingerprint once a burst of saves is over (an editor's save can be several writes)."""
        current = tree_fingerprint(self.root)
        if current == self.last:
            return current
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS / 2)
            again = tree_fingerprint(self.root)
            if again == current:
                break
            current = again
        return current


def error_overlay(failure: str) -> str:
    """The build's errors as a panel over the page; escaped, as they quote the content."""
    return ('<div id="build-error" role="alert" style="position:fixed;left:0;right:0;bottom:0;'
            "z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;"
            "background:#fff4f4;color:#5c0000;border-top:4px solid #c00000;"
            'font:14px/1.5 ui-monospace,monospace;text-align:left">'
            "<strong>The last save did not build. This is the last good site; "
            "the next good save replaces it.</strong>"
            f'<pre style="white-space:pre-wrap;margin:.75em 0 0">{html.escape(failure)}</pre></div>')


def error_page(failure: str) -> str:
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title>'
            f"</head><body>{error_overlay(failure)}</body></html>")


def with_overlay(page: bytes, failure: str) -> bytes:
    overlay = error_overlay(failure).encode("utf-8")
    end = page.rfind(b"</body>")
    return page + overlay if end < 0 else page[:end] + overlay + page[end:]


class PreviewHandler(StaticFileHandler):
    """The output folder as files; while the last build failed, HTML pages carry its errors."""

    def initialize(self, path: str, default_filename: str | None = None,  # type: ignore[override]
                   preview: Preview | None = None) -> None:
        super().initialize(path, default_filename)
        self.preview = preview or Preview()
        self.with_errors = False

    def compute_etag(self) -> str | None:
        return None if self.with_errors else super().compute_etag()

    async def get(self, path: str, include_body: bool = True) -> None:
        failure = self.preview.failure
        if failure is None:
            await super().get(path, include_body)
            return
        self.path = self.parse_url_path(path)
        try:
            absolute = self.validate_absolute_path(self.root, self.get_absolute_path(self.root, self.path))
        except web.HTTPError:
            absolute = ""  # no such page, or no site built yet: the errors alone
        if absolute is None:
            return  # redirected (a folder without its trailing slash)
        if absolute and not absolute.endswith(".html"):
            await super().get(path, include_body)
            return
        self.with_errors = True
        if absolute:
            body = with_overlay(Path(absolute).read_bytes(), failure)
        else:
            self.set_status(500)
            body = error_page(failure).encode("utf-8")
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        if include_body:
            self.write(body)


class _Server(Server):
    """livereload's server, with the preview handler in place of its plain static files."""

    def __init__(self, preview: Preview, watcher: Watcher) -> None:
        super().__init__(watcher=watcher)
        self.preview = preview

    def get_web_handlers(self, script: Any) -> list[Any]:
        return [(r"/(.*)", PreviewHandler, {"path": self.root or ".",
                                            "default_filename": self.default_filename,
                                            "preview": self.preview})]


class _Watcher(Watcher):
    """In place of livereload's change detection: our fingerprint, polled often, builds first."""

    def __init__(self, on_poll: Callable[[], None]) -> None:
        super().__init__()
        self.on_poll = on_poll

    def start(self, callback: Callable[[], None]) -> bool:
        PeriodicCallback(callback, POLL_SECONDS * 1000).start()
        return True

    def examine(self) -> tuple[str | None, float | None]:
        if self._changes:  # livereload's own start-up signal
            return self._changes.pop()
        self.on_poll()
        return None, None  # the Rebuilder has already told the browsers, without a delay


def check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise fail(f"{host}:{port}", f"cannot serve: the port is in use ({error.strerror})") from None
            raise fail(f"{host}:{port}", f"cannot serve: {error.strerror or error}") from None


def serve(project: Project, root: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    check_port(host, port)
    preview = Preview()
    rebuild = Rebuilder(project, root, preview, reload=lambda: LiveReloadHandler.reload_waiters("*"))
    rebuild.first()  # if it fails, the previous output (if any) is served with the errors
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {host}: other machines can reach this preview", file=sys.stderr)
    print(f"serving http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    server = _Server(preview, _Watcher(rebuild))
    server.serve(root=str(project.output), host=host, port=port, restart_delay=0)
