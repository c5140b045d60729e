"""The real reports the detectors are measured on: the 15 in ../shared/reports and the bundled one.

Each shared report is imported, as `import` does (with the genre's words); a report the importer
refused would be read as its non-empty lines, one paragraph each, so that every report is
measured: the detectors need the texts, not the structure.
"""

from __future__ import annotations

from functools import cache

import pytest

from site_src.content.report import load_report
from site_src.errors import SiteError
from site_src.genre import load_genre
from site_src.ingest import import_report

from .conftest import REPORT, SHARED_REPORTS, slow_and

BUNDLED = "bundled"
SHARED_SKIP = slow_and(pytest.mark.skipif(
    not SHARED_REPORTS.is_dir() or not any(SHARED_REPORTS.glob("*.txt")),
    reason=f"the shared reports are not in {SHARED_REPORTS} (they are read from there, never copied)"))


@cache
def shared_names() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in SHARED_REPORTS.glob("*.txt")))


@cache
def paragraphs(name: str) -> tuple[tuple[str, str], ...]:
    """(paragraph id, text) in reading order, for a shared report or BUNDLED."""
    if name == BUNDLED:
        report = load_report(REPORT)
    else:
        raw = (SHARED_REPORTS / f"{name}.txt").read_bytes()
        try:
            report = import_report(raw, name, (), words=load_genre().words)
        except SiteError:
            lines = raw.decode("utf-8").replace("\r", "").split("\n")
            return tuple((f"line-{n}", line.strip()) for n, line in enumerate(lines, start=1)
                         if line.strip())
    return tuple(report.quotable())  # every paragraph and appended note, as the detectors read them


def imports(name: str) -> bool:
    return name == BUNDLED or not paragraphs(name)[0][0].startswith("line-")
