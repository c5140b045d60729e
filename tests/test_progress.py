"""Progress on long work: a counted line on a terminal, plain lines in a log for long work only,
nothing when quiet; the items pass through unchanged whatever is shown."""

from __future__ import annotations

import io

from site_src.progress import LONG, Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_one_line_is_rewritten_then_erased() -> None:
    screen = Terminal()
    ticks = iter(range(100))  # a second between two items: each is drawn
    progress = Progress(screen, live=True, clock=lambda: float(next(ticks)))
    assert list(progress.counted(["a", "b", "c"], 3, "preparing", "reports")) == ["a", "b", "c"]
    assert screen.getvalue().split("\r") == [
        "", "preparing reports 1/3\x1b[K", "preparing reports 2/3\x1b[K", "preparing reports 3/3\x1b[K",
        "\x1b[K"]


def test_on_a_terminal_redraws_are_at_most_ten_a_second_but_the_last_is_shown() -> None:
    screen = Terminal()
    progress = Progress(screen, live=True, clock=lambda: 0.0)
    assert len(list(progress.counted(range(500), 500, "rendering", "pages"))) == 500
    assert screen.getvalue().split("\r") == [
        "", "rendering pages 1/500\x1b[K", "rendering pages 500/500\x1b[K", "\x1b[K"]


def test_in_a_log_plain_lines_for_long_work_only() -> None:
    log = io.StringIO()
    progress = Progress.to(log)
    assert list(progress.counted(range(LONG - 1), LONG - 1, "preparing", "reports")) == list(range(LONG - 1))
    assert log.getvalue() == ""  # short work: the log holds only the result
    assert len(list(progress.counted(range(20), 20, "preparing", "reports"))) == 20
    assert log.getvalue().splitlines() == ["preparing 20 reports", *(f"preparing reports: {n}/20"
                                                                     for n in range(2, 21, 2))]
    pages = io.StringIO()
    files = [f"p{n}.html" if n % 2 else f"d{n}.csv" for n in range(2000)]  # only pages are counted
    assert list(Progress.to(pages).counted(files, 1000, "rendering", "pages", scale=100,
                                           counts=lambda name: name.endswith(".html"))) == files
    assert pages.getvalue().splitlines()[0] == "rendering 1000 pages"
    assert pages.getvalue().splitlines()[-1] == "rendering pages: 1000/1000"


def test_quiet_shows_nothing_and_a_stage_is_for_a_terminal_only() -> None:
    screen = Terminal()
    progress = Progress.to(screen, quiet=True)
    assert list(progress.counted(range(50), 50, "preparing", "reports")) == list(range(50))
    progress.stage("loading the content")
    assert screen.getvalue() == ""
    log = io.StringIO()
    Progress.to(log).stage("loading the content")
    assert log.getvalue() == ""
    Progress.to(screen).stage("loading the content")
    assert screen.getvalue() == "\rloading the content\x1b[K"
