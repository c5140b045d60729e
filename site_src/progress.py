"""Progress on long work, for the person who waits: on a terminal, one counted line rewritten in
place (``preparing reports 37/120``) and erased when the work is done; in a log or a pipe, plain
lines, and only for long work (a stage of many reports or files, many pages), so that a log of a
small build holds nothing but its result; nothing at all with --quiet.

The pipeline is told of a ``Progress`` as an argument (never a global): each long stage reports
its items as they are done. Progress goes to standard error, so that what a command prints as
its result (stdout) is the same whether or not anybody watched.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

from site_src.errors import printable

Item = TypeVar("Item")

# In a log, a stage is reported only when it is long: this many reports or files (pages: a
# hundred times as many). Each tenth of it is then a line of its own.
LONG = 10
_STEPS = 10
_INTERVAL = 0.1  # seconds between two redraws of the terminal's line


class Progress:
    """Where progress goes: ``stream`` (None: nowhere), rewritten in place if ``live`` (a terminal)."""

    def __init__(self, stream: TextIO | None, live: bool = False, long: int = LONG,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.live = live
        self.long = long
        self._clock = clock
        self._shown = 0  # characters of the line now on the terminal
        self._drawn = float("-inf")

    @classmethod
    def to(cls, stream: TextIO | None, quiet: bool = False) -> Progress:
        """Progress on ``stream`` (a terminal or not, as it is), or none if quiet."""
        if quiet or stream is None:
            return cls(None)
        try:
            live = stream.isatty()
        except (AttributeError, ValueError):  # closed, or no file at all
            live = False
        return cls(stream, live)

    def counted(self, items: Iterable[Item], total: int, doing: str, noun: str, *, scale: int = 1,
                counts: Callable[[Item], bool] | None = None) -> Iterator[Item]:
        """``items`` as they come, each counted (those ``counts`` accepts, if given) against
        ``total``: ``doing`` (preparing) and ``noun`` (reports) say what. In a log, the stage is
        long from ``scale`` times LONG items (pages: 100, a page being far less work than a report)."""
        if self.stream is None or total <= 0:
            yield from items
            return
        plain = not self.live and total >= self.long * scale
        done, step = 0, 0
        if plain:
            self._line(f"{doing} {total} {noun}")
        try:
            for item in items:
                yield item
                if counts is not None and not counts(item):
                    continue
                done += 1
                if self.live:
                    self._draw(f"{doing} {noun} {done}/{total}", done == total)
                elif plain and done * _STEPS // total > step:
                    step = done * _STEPS // total
                    self._line(f"{doing} {noun}: {done}/{total}")
        finally:
            self.clear()

    def stage(self, doing: str) -> None:
        """A stage without a count (loading the content): on a terminal only."""
        if self.stream is not None and self.live:
            self._draw(doing, True)

    def clear(self) -> None:
        """Erase the terminal's line (before a command prints its result, or an error)."""
        if self.stream is not None and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = 0

    def _draw(self, text: str, now: bool) -> None:
        moment = self._clock()
        if not now and moment - self._drawn < _INTERVAL:
            return
        self._drawn = moment
        width = max(10, shutil.get_terminal_size().columns - 1)
        shown = printable(text)[:width]
        assert self.stream is not None
        self.stream.write("\r" + shown + "\x1b[K")
        self.stream.flush()
        self._shown = len(shown)

    def _line(self, text: str) -> None:
        assert self.stream is not None
        self.stream.write(printable(text) + "\n")
        self.stream.flush()
