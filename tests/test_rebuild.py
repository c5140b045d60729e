"""The preview's rebuilds: the watcher's changes (serve.py: Rebuilder) and the build worker's
order of work (rebuild.py): it answers as soon as the site is in place, then keeps its books."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import watchfiles
from tornado import ioloop

from site_src.output.memo import Memo
from site_src.serve import Preview, Rebuilder, counts

from .conftest import CONTENT

# A stand-in for the build worker: each build writes its start to the log, takes a moment, succeeds.
FAKE_WORKER = """
import json, sys, time
for line in sys.stdin:
    with open(sys.argv[1], "a") as log:
        log.write(f"{time.time()}\\n")
    time.sleep(0.4)
    print(json.dumps({"code": 0, "out": "", "err": ""}), flush=True)
"""


class Page:
    """A page's reload socket, as Preview.reload sees one."""

    def __init__(self) -> None:
        self.told: list[str] = []

    def write_message(self, message: str) -> None:
        self.told.append(message)


def builds(log: Path) -> list[float]:
    return [float(line) for line in log.read_text().split()] if log.exists() else []


async def until(done: object, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:  # type: ignore[operator]
        await asyncio.sleep(0.05)


def watching(tmp_path: Path, scenario: object) -> tuple[list[float], Page]:
    """Run ``scenario(folder, log)`` with a Rebuilder watching ``folder``; the builds' starts, the page."""
    folder, log = tmp_path / "watched", tmp_path / "builds.log"
    folder.mkdir()
    (folder / "text.yaml").write_text("a\n", encoding="utf-8")
    page = Page()
    preview = Preview(tmp_path / "output")
    preview.sockets.add(page)  # type: ignore[arg-type]
    rebuild = Rebuilder([sys.executable, "-c", FAKE_WORKER, str(log)], tmp_path, (folder,), preview)

    async def run() -> None:
        rebuild.watch(ioloop.IOLoop.current())
        await asyncio.sleep(0.5)  # the watcher's watches in place
        try:
            await scenario(folder, log)  # type: ignore[operator]
            await until(lambda: not rebuild.running)
        finally:
            rebuild.close()
            await rebuild.stop()

    ioloop.IOLoop.current().run_sync(run, timeout=120)
    return builds(log), page


@pytest.mark.slow
def test_a_save_during_a_build_is_built_next(tmp_path: Path) -> None:
    saved: list[float] = []

    async def scenario(folder: Path, log: Path) -> None:
        (folder / "text.yaml").write_text("b\n", encoding="utf-8")
        await until(lambda: builds(log))
        saved.append(time.time())
        (folder / "text.yaml").write_text("c\n", encoding="utf-8")  # while the first build runs
        await until(lambda: len(builds(log)) == 2)

    started, page = watching(tmp_path, scenario)
    assert len(started) == 2
    assert started[1] > saved[0], "the second build did not start after the save it builds"
    assert page.told == ["reload", "reload"]


@pytest.mark.slow
def test_editors_swap_files_are_not_built(tmp_path: Path) -> None:
    async def scenario(folder: Path, log: Path) -> None:
        for name in (".text.yaml.swp", "text.yaml~", "#text.yaml#", "text.yaml.tmp"):
            (folder / name).write_text("x\n", encoding="utf-8")
        (folder / "__pycache__").mkdir()
        (folder / "__pycache__" / "m.cpython-311.pyc.12345").write_bytes(b"x")
        await asyncio.sleep(1)  # each would have settled and been built by now
        (folder / "text.yaml").write_text("b\n", encoding="utf-8")
        await until(lambda: builds(log))

    started, page = watching(tmp_path, scenario)
    assert len(started) == 1
    assert page.told == ["reload"]


def test_what_counts_as_a_change() -> None:
    change = watchfiles.Change.modified
    assert counts(change, "/site/content/reports/2024-x/closing.yaml")
    assert counts(change, "/home/.me/site/content/site.yaml")  # a dot folder above is no editor's file
    for path in ("/site/content/.closing.yaml.swp", "/site/content/closing.yaml~", "/site/content/#a#",
                 "/site/content/.import.tmp", "/site/site_src/__pycache__/a.cpython-311.pyc.140",
                 "/site/site_src/a.pyc"):
        assert not counts(change, path), path


def test_results_held_go_to_disk_when_written(tmp_path: Path) -> None:
    held = Memo(tmp_path / "memo", tmp_path / "program", hold=True)
    assert held.get("kind", "key", lambda: [1]) == [1]
    held.put("other", "key", 2)
    held.get("shared", "key", lambda: 3, program=True)
    assert not (tmp_path / "memo").exists() and not (tmp_path / "program").exists()
    assert held.peek("other", "key") == 2  # in memory meanwhile
    held.write_held()
    fresh = Memo(tmp_path / "memo", tmp_path / "program")
    assert fresh.peek("kind", "key") == [1] and fresh.peek("other", "key") == 2
    assert fresh.get("shared", "key", lambda: 0, program=True) == 3
    held.write_held()  # nothing twice


@pytest.mark.slow
def test_the_worker_answers_then_keeps_its_books(tmp_path: Path) -> None:
    """What the worker keeps after answering is kept before its next build: the next build in it,
    and the next build in a new process, find the site up to date."""
    shutil.copytree(CONTENT, tmp_path / "content")
    worker = subprocess.Popen([sys.executable, "-m", "site_src.rebuild", str(tmp_path / "content"),
                               str(tmp_path / "output")], cwd=tmp_path, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert worker.stdin is not None and worker.stdout is not None
    answers = []
    for _ in range(2):
        worker.stdin.write("build\n")
        worker.stdin.flush()
        answers.append(json.loads(worker.stdout.readline()))
    worker.stdin.close()
    assert worker.wait(timeout=60) == 0
    assert [answer["code"] for answer in answers] == [0, 0]
    assert answers[0]["out"].startswith("built ") and answers[1]["out"].startswith("up to date:")
    assert any((tmp_path / ".cache" / "memo").rglob("*.pickle"))
    again = subprocess.run([sys.executable, "-m", "site_src", "build"], cwd=tmp_path, capture_output=True,
                           text=True, check=True)
    assert again.stdout.startswith("up to date:")
