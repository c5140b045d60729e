"""Work that splits by report or by page, done on every core, in order.

Workers are forked, so each starts with what the build holds in memory (the content, the
templates, OpenCC's converters) without copying or pickling it: only the items go to a worker
(a report's slug, a run of pages) and only their results come back. Results come in the order of
the items, so the output is the same whatever the number of processes. Where there is one core,
one item, or no fork (not POSIX), the work is done here, the same way.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_order(work: Callable[[Any, Item], Result], shared: Any, items: Iterable[Item], jobs: int,
             at_least: int = 2) -> Iterator[Result]:
    """``work(shared, item)`` for each item, in the items' order, in ``jobs`` processes when there
    are ``at_least`` items (fewer are done before a pool would have started)."""
    items = list(items)
    if jobs < 2 or len(items) < max(at_least, 2) or not hasattr(os, "fork"):
        yield from (work(shared, item) for item in items)
        return
    import multiprocessing  # here, where a pool starts: it and what it imports cost an edit ~15 ms
    # What the workers inherit is moved out of the collector's sight: otherwise each worker's
    # collections walk (and so copy, page by page) the whole inherited heap.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(items)), _start, (work, shared)) as pool:
            yield from pool.imap(_run, items)
    finally:
        gc.unfreeze()


_WORKER: list[Any] = []  # in a worker process only: its work and what it shares (set as it starts)


def _start(work: Callable[[Any, Any], Any], shared: Any) -> None:
    _WORKER[:] = [work, shared]


def _run(item: Any) -> Any:
    work, shared = _WORKER
    return work(shared, item)
