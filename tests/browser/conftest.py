"""Browser tests: the built site served from a sub-path on 127.0.0.1, driven by Playwright in
Debian's Chromium (/usr/bin/chromium; tests/run.sh installs it)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_src.pipeline import BuildResult

CHROMIUM = Path("/usr/bin/chromium")
SUB_PATH = "reports/rongchang/"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
# Chromium as root in a sandbox, with no background traffic to hosts this machine cannot reach.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served(built_site: tuple[Path, BuildResult], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site under a sub-path of a local web server: the base URL of its root."""
    out, _ = built_site
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(out, root / SUB_PATH)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: run tests/run.sh, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()
