"""The real reports the detectors are measured on: the 15 in ../shared/reports and the bundled one.

Each shared report is imported; one the importer refuses (today 2025-yunnan-province, "the report
breaks off mid-sentence" at its annex) is read as its non-empty lines, one paragraph each, so that
every report is measured: the detectors need paragraph texts, not the structure.
"""

from __future__ import annotations

from functools import cache

import pytest

from site_src.content.report import load_report
from site_src.errors import SiteError
from site_src.ingest import import_report

from .conftest import REPORT, SHARED_REPORTS

BUNDLED = "bundled"
SHARED_SKIP = pytest.mark.skipif(
    not SHARED_REPORTS.is_dir() or not any(SHARED_REPORTS.glob("*.txt")),
    reason=f"the shared reports are not in {SHARED_REPORTS} (they are read from there, never copied)")


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
            report = import_report(raw, name, ())
        except SiteError:
            lines = raw.decode("utf-8").replace("\r", "").split("\n")
            return tuple((f"line-{n}", line.strip()) for n, line in enumerate(lines, start=1)
                         if line.strip())
    return tuple((p.id, p.source_text) for p in report.paragraphs())


def imports(name: str) -> bool:
    return name == BUNDLED or not paragraphs(name)[0][0].startswith("line-")
