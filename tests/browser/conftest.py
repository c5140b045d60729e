"""Browser tests: the built site served from a sub-path on 127.0.0.1, driven by Playwright in
Debian's Chromium (/usr/bin/chromium; tests/run.sh installs it)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_src.pipeline import BuildResult

from ..archives import Archive, shared_archive, shared_sources

CHROMIUM = Path("/usr/bin/chromium")
SUB_PATH = "reports/rongchang/"
SHARED_PER_PAGE = 4  # the shared reports' site: fifteen reports on four home pages, one government on two
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
# Chromium as root in a sandbox, with no background traffic to hosts this machine cannot reach.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def settle(tab: Any) -> None:
    """Wait for a page as a reader sees it: loaded with what it links, its fonts ready and, on a
    search page asked a query, the first round of hits shown. Not "networkidle": its 500 ms of quiet
    after every page, on a static site that makes no late request but the search's, came to minutes
    over the suite."""
    tab.wait_for_load_state("load")
    tab.evaluate("document.fonts.ready.then(() => null)")
    if tab.query_selector("#search-status") and "q=" in tab.url:
        tab.wait_for_selector("#search-status:not(:empty)")


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
def shared_reports_site(tmp_path_factory: pytest.TempPathFactory) -> Archive | None:
    """The 15 shared reports in one site, built once for every module that reads it (the archive's
    pages, its search); None where they are not in ../shared/reports."""
    if len(shared_sources()) < 15:
        return None
    return shared_archive(tmp_path_factory.mktemp("shared-archive"), SHARED_PER_PAGE)


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
