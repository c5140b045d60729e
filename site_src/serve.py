"""The preview: the built site on 127.0.0.1, rebuilt when a watched file changes, reloaded live.

A thin layer over build(), on Tornado's public API (web.Application, RequestHandler,
StaticFileHandler, WebSocketHandler, PeriodicCallback). python-livereload, which this replaced,
accepts any Host header and any websocket Origin (its handler's check_origin returns True and its
routes are fixed inside Server.application), so a web page elsewhere could read the preview by
DNS rebinding or drive its reloads; it also offers no way to show a failed build over the page
without reaching into its internals.

- Every build runs in a worker process (rebuild.py) that stays up between builds and keeps what
  did not change, so a save is rebuilt quickly; a crash cannot take the server down (the worker
  is replaced), and an edit to the program starts a new worker. Builds swap their output in only
  when they succeed, so the server never serves a half-built site.
- The operating system reports each change to a watched file (inotify, FSEvents,
  ReadDirectoryChangesW, through watchfiles): nothing is polled. A burst of saves is one build: it
  starts once no new change has come for a moment; changes that come during a build are built next.
- The pages are told to reload as soon as the worker has swapped the new site in (it keeps its
  books after answering).
- While the last build failed, every page carries its errors over the last good site (the output
  folder is not touched), in the page's language (the site's words, in the page's script), each
  with its file and line; the next good save clears them.
- Only requests for this server's own address are answered (Host 127.0.0.1:PORT or
  localhost:PORT), and the reload socket takes only pages of that origin.
"""

from __future__ import annotations

import asyncio
import errno
import html
import json
import mimetypes
import re
import socket
import sys
import threading
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import watchfiles
from tornado import httpserver, ioloop, netutil, web, websocket

from site_src.errors import fail
from site_src.site import routes

# A save that is several writes (a temporary file renamed into place): the build starts once no new
# change has come for this long. A save that lands while the build reads is read again (pipeline.py:
# load_unchanged), so the wait only spares builds, it guards nothing.
SETTLE_MS = 25
BUILD_TIMEOUT_SECONDS = 300
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
RELOAD_PATH = "/__preview/reload"
# The page side of the reload: reconnecting after the server restarts, reloading when told.
RELOAD_SCRIPT = (
    '<script>(function () { var open = function () {'
    ' var s = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host'
    f' + "{RELOAD_PATH}"); s.onmessage = function (e) {{ if (e.data === "reload") location.reload(); }};'
    ' s.onclose = function () { setTimeout(open, 1000); }; }; open(); })();</script>'
)


def counts(change: watchfiles.Change, path: str) -> bool:
    """Whether a change to ``path`` is one to build for: editors' swap and backup files, importers'
    temporary files and Python's caches are not."""
    file = Path(path)
    return not (file.name.startswith((".", "#")) or file.name.endswith(("~", ".swp", ".pyc", ".tmp"))
                or "__pycache__" in file.parts)


# The overlay's words: the site's interface strings in each variant's script, as the build worker
# reads them (rebuild.py: overlay_words); English for a page in a language the site does not write
# and while the site's settings do not load.
ENGLISH = {"preview_failed": "The last save did not build. This is the last good site; the next good save "
                             "replaces it.",
           "preview_no_site": "Build failed", "preview_where": "{file}, line {line}",
           "preview_where_column": "{file}, line {line}, column {column}"}
_PAGE_LANGUAGE = re.compile(rb"<html[^>]*\blang=\"([^\"]+)\"")
_ERROR_LINE = re.compile(r"error: (?P<file>.+?):(?P<line>\d+)(?::(?P<column>\d+))?: (?P<message>.*)")


@dataclass
class Preview:
    """What the server shows besides the site: the last build's errors (None once one succeeds),
    the pages that wait to be told to reload, and the overlay's words in each variant's language
    (the first is the source variant's), as the worker gave them with the errors."""

    output: Path
    failure: str | None = None
    sockets: set[websocket.WebSocketHandler] = field(default_factory=set)
    words: dict[str, dict[str, str]] = field(default_factory=dict)

    def words_for(self, page: bytes) -> dict[str, str]:
        found = _PAGE_LANGUAGE.search(page[:2000])
        language = found.group(1).decode("ascii", "replace") if found else ""
        return self.words.get(language, ENGLISH)

    def first_words(self) -> tuple[str, dict[str, str]]:
        """The source variant's language and words (for a page of errors where there is no site)."""
        return next(iter(self.words.items()), ("en", ENGLISH))

    def reload(self) -> None:
        for connection in list(self.sockets):
            try:
                connection.write_message("reload")
            except websocket.WebSocketClosedError:
                self.sockets.discard(connection)


class Rebuilder:
    """One build per burst of changes, as the operating system reports them; then the pages are told.

    Builds run in a worker process (rebuild.py) that stays up between them and keeps what did not
    change; a worker that dies is replaced, and one whose program changed replaces itself.
    """

    def __init__(self, command: list[str], cwd: Path, watched: tuple[Path, ...], preview: Preview) -> None:
        self.command = command
        self.cwd = cwd
        self.watched = watched
        self.preview = preview
        self.running = False
        self.pending = False  # a change came that no build has read yet
        self.stopped = threading.Event()
        self.worker: asyncio.subprocess.Process | None = None

    def watch(self, loop: ioloop.IOLoop) -> None:
        """Watch the folders from now on (before the first build, so that no save is missed): the
        watcher waits in a thread of its own and hands each settled burst of changes to ``loop``."""
        folders = [str(folder) for folder in self.watched if folder.is_dir()]

        def run(polling: bool) -> None:
            for _ in watchfiles.watch(*folders, watch_filter=counts, step=SETTLE_MS, stop_event=self.stopped,
                                      raise_interrupt=False, force_polling=polling or None):
                loop.add_callback(self.changed)

        def watching() -> None:
            try:
                run(polling=False)
            except OSError as error:  # the system's watches are used up (inotify's limit): look instead
                print(f"warning: the system cannot watch the files ({error}): looking for changes "
                      "every 0.3 s instead", file=sys.stderr)
                run(polling=True)

        threading.Thread(target=watching, name="preview watcher", daemon=True).start()

    def first(self) -> bool:
        """The build at start-up, before any page is there to reload; a change during it is built next."""
        loop = ioloop.IOLoop.current()
        self.running = True
        try:
            return loop.run_sync(self.build)
        finally:
            self.running = False
            if self.pending:
                loop.add_callback(self.changed)

    async def changed(self) -> None:
        """Build for what changed, then tell the pages; what changes during a build is built after it."""
        self.pending = True
        if self.running:
            return
        self.running = True
        try:
            while self.pending:
                self.pending = False
                await self.build()
                self.preview.reload()
        finally:
            self.running = False

    async def build(self) -> bool:
        reply = await self._ask()
        output, errors = reply.get("out", ""), reply.get("err", "")
        sys.stdout.write(output)
        sys.stdout.flush()
        if reply.get("code") == 0:
            self.preview.failure = None
            return True
        sys.stderr.write(errors)
        sys.stderr.write("build failed: still serving the last good site\n" if self.preview.output.is_dir()
                         else "build failed: no site yet, the browser shows the errors\n")
        sys.stderr.flush()
        self.preview.failure = errors.strip() or "the build failed without a message"
        self.preview.words = reply.get("words") or self.preview.words
        return False

    async def _ask(self) -> dict[str, Any]:
        """One build from the worker: started if there is none, replaced if it restarts or dies."""
        for _ in range(3):
            if self.worker is None or self.worker.returncode is not None:
                self.worker = await asyncio.create_subprocess_exec(
                    *self.command, cwd=self.cwd, stdin=asyncio.subprocess.PIPE,
                    stdout=asyncio.subprocess.PIPE)
            worker = self.worker
            assert worker.stdin is not None and worker.stdout is not None
            try:
                worker.stdin.write(b"build\n")
                await worker.stdin.drain()
                line = await asyncio.wait_for(worker.stdout.readline(), BUILD_TIMEOUT_SECONDS)
            except TimeoutError:
                await self.stop()
                return {"code": 1, "err": f"error: the build took over {BUILD_TIMEOUT_SECONDS} s"}
            except (BrokenPipeError, ConnectionResetError):
                line = b""
            if not line:  # it died (its own message went to the terminal): a new one tries
                await self.stop()
                continue
            reply = json.loads(line)
            if reply.get("restart"):
                await worker.wait()
                self.worker = None
                continue
            return reply
        return {"code": 1, "err": "error: the build worker stopped without building (see its message above)"}

    def close(self) -> None:
        """At the server's end: the watcher stops, and the worker finishes what it is doing (its
        input is closed) and ends."""
        self.stopped.set()
        if self.worker is not None and self.worker.returncode is None and self.worker.stdin is not None:
            self.worker.stdin.close()

    async def stop(self) -> None:
        if self.worker is not None and self.worker.returncode is None:
            self.worker.kill()
            await self.worker.wait()
        self.worker = None


def error_overlay(failure: str, words: Mapping[str, str] = ENGLISH) -> str:
    """The build's errors as a panel over the page, in the page's language: each error with its file
    and line (file 第N行), then its message; escaped, as they quote the content."""
    items = []
    for line in failure.splitlines():
        found = _ERROR_LINE.fullmatch(line.strip())
        if found is None:
            items.append(f"<li>{html.escape(line)}</li>")
            continue
        key = "preview_where_column" if found["column"] else "preview_where"
        where = words[key].format(file=found["file"], line=found["line"], column=found["column"])
        items.append(f'<li><strong>{html.escape(where)}</strong><br>{html.escape(found["message"])}</li>')
    return ('<div id="build-error" role="alert" style="position:fixed;left:0;right:0;bottom:0;'
            "z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;"
            "background:#fff4f4;color:#5c0000;border-top:4px solid #c00000;"
            'font:14px/1.6 ui-monospace,monospace;text-align:left">'
            f"<strong>{html.escape(words['preview_failed'])}</strong>"
            '<ul style="margin:.75em 0 0;padding-left:1.25em;white-space:pre-wrap;overflow-wrap:anywhere">'
            f"{''.join(items)}</ul></div>")


def error_page(failure: str, words: Mapping[str, str] = ENGLISH, language: str = "en") -> str:
    return (f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8">'
            f"<title>{html.escape(words['preview_no_site'])}</title>"
            f"</head><body>{error_overlay(failure, words)}</body></html>")


def with_additions(page: bytes, additions: str) -> bytes:
    """The page with markup added at the end of its body."""
    extra = additions.encode("utf-8")
    end = page.rfind(b"</body>")
    return page + extra if end < 0 else page[:end] + extra + page[end:]


class _Guarded(web.RequestHandler):
    """Answers only requests addressed to this server by its own name (no DNS rebinding)."""

    def initialize(self, hosts: frozenset[str] | None, preview: Preview) -> None:
        self.hosts = hosts  # None: any (a preview deliberately opened to the network)
        self.preview = preview

    def prepare(self) -> None:
        if self.hosts is not None and self.request.host.lower() not in self.hosts:
            raise web.HTTPError(403, "not this server's address: %s", self.request.host)
        problem = path_problem(self.request.path)
        if problem:
            raise web.HTTPError(400, "%s", problem)


_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def path_problem(path: str) -> str:
    """What makes a request's path no path of a site ('' for nothing): a % that escapes nothing
    (%zz), escaped bytes that are no UTF-8 (%ff), a NUL or another control character (%00)."""
    if _ESCAPE.search(path):
        return "a % in the path escapes nothing"
    try:
        text = urllib.parse.unquote_to_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return "the path's escaped bytes are not UTF-8"
    if any(ord(char) < 0x20 or 0x7f <= ord(char) < 0xa0 for char in text):
        return "the path holds a control character"
    return ""


class AssetHandler(_Guarded, web.StaticFileHandler):
    """Stylesheets, scripts, the search index: served as files, never cached by the browser."""

    def initialize(self, path: str, hosts: frozenset[str] | None,  # type: ignore[override]
                   preview: Preview) -> None:
        web.StaticFileHandler.initialize(self, path)
        _Guarded.initialize(self, hosts, preview)

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")


class PageHandler(_Guarded):
    """Pages: the site's HTML with the reload script, and the last build's errors if it failed;
    the site's own 404 page for a page that is not there."""

    async def get(self, path: str) -> None:
        page, status = self._find(path)
        failure = self.preview.failure
        if page is None:
            language, words = self.preview.first_words()
            body = with_additions(error_page(failure, words, language).encode("utf-8"), RELOAD_SCRIPT) \
                if failure else b"404: Not Found"
            status = 500 if failure else 404
        else:
            body = page.read_bytes()
            if page.suffix == ".html":
                overlay = error_overlay(failure, self.preview.words_for(body)) if failure else ""
                body = with_additions(body, RELOAD_SCRIPT + overlay)
        self.set_status(status)
        content_type = mimetypes.guess_type(page.name)[0] if page is not None else "text/html"
        self.set_header("Content-Type", f"{content_type or 'application/octet-stream'}; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(body)

    def _find(self, path: str) -> tuple[Path | None, int]:
        root = self.preview.output.resolve()
        wanted = (root / path).resolve()
        if wanted != root and root not in wanted.parents:
            return self._not_found(root, path)
        if wanted.is_dir():
            if path and not path.endswith("/"):
                self.redirect(f"/{path}/", permanent=False)
                raise web.Finish()
            wanted = wanted / routes.HOME
        return (wanted, 200) if wanted.is_file() else self._not_found(root, path)

    @staticmethod
    def _not_found(root: Path, path: str) -> tuple[Path | None, int]:
        """The site's own 404 page: the one of the variant the path is in, else the root's."""
        folder = path.split("/", 1)[0] if "/" in path else ""
        own = root / folder / routes.NOT_FOUND if folder else None
        for candidate in (own, root / routes.ROOT_NOT_FOUND):
            if candidate is not None and candidate.resolve().parent in (root, root / folder) \
                    and candidate.is_file():
                return candidate, 404
        return None, 404


class ReloadSocket(_Guarded, websocket.WebSocketHandler):
    """Where pages wait to be told to reload. Tornado's check_origin takes only pages of the
    server's own origin."""

    def initialize(self, hosts: frozenset[str] | None, preview: Preview) -> None:  # type: ignore[override]
        _Guarded.initialize(self, hosts, preview)

    def open(self, *args: str, **kwargs: str) -> None:
        self.preview.sockets.add(self)

    def on_close(self) -> None:
        self.preview.sockets.discard(self)


def bind(host: str, port: int) -> list[socket.socket]:
    """The listening sockets, before the first build: a port in use stops serve at once."""
    try:
        return netutil.bind_sockets(port, address=host)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise fail(f"{host}:{port}", f"cannot serve: the port is in use ({error.strerror})") from None
        raise fail(f"{host}:{port}", f"cannot serve: {error.strerror or error}") from None


def application(preview: Preview, hosts: frozenset[str] | None) -> web.Application:
    settings = {"hosts": hosts, "preview": preview}
    assets = r"/(.*\.(?:css|js|json|csv|xml|txt|svg|png|ico|webmanifest))"
    return web.Application([
        (RELOAD_PATH, ReloadSocket, settings),
        (assets, AssetHandler, {"path": str(preview.output), **settings}),
        (r"/(.*)", PageHandler, settings),
    ])


def serve(command: list[str], cwd: Path, watched: tuple[Path, ...], output: Path, *,
          host: str = "127.0.0.1", port: int = 8000, remote: bool = False,
          announce: Callable[[str], None] = print) -> None:
    """Serve ``output`` until interrupted, asking the build worker ``command`` (rebuild.py) for a
    build whenever ``watched`` changes."""
    sockets = bind(host, port)
    preview = Preview(output)
    rebuild = Rebuilder(command, cwd, watched, preview)
    loop = ioloop.IOLoop.current()
    rebuild.watch(loop)
    rebuild.first()  # if it fails, the previous output (if any) is served with the errors
    if host not in LOCAL_HOSTS:
        print(f"warning: serving on {host}: other machines can reach this preview, and it answers "
              "requests for any address", file=sys.stderr)
    local = frozenset(f"{name}:{port}" for name in ("127.0.0.1", "localhost", "[::1]"))
    hosts = None if remote else local
    server = httpserver.HTTPServer(application(preview, hosts))
    server.add_sockets(sockets)
    announce(f"serving http://{'127.0.0.1' if host in LOCAL_HOSTS else host}:{port}/ (Ctrl-C to stop)")
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        rebuild.close()
