"""The key figures as data: one row per target, with the result set against it, as CSV and JSON.

A row says what the page's table says, in the page's script: the indicator (and the one it is part
of, after 其中), its unit, the target and the result as numbers (a range's bounds apart; a fall
against a growth target below zero, 与上年持平 as 0), their qualifiers (以上, 左右, 力争, 达到上级要求),
the clause each is quoted from and the paragraph id, and the years they are of. A value the report
does not give is empty (CSV) or null (JSON), never guessed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from site_src.model import VERBATIM
from site_src.summaries.figures.match import KeyFigure

COLUMNS = ("indicator", "of", "measure", "unit", "target_year", "target", "target_upper", "target_qualifier",
           "target_quote", "target_paragraph", "result_year", "result", "result_upper", "result_qualifier",
           "result_quote", "result_paragraph")


@dataclass(frozen=True)
class FigureRow:
    indicator: str
    of: str
    measure: str = field(metadata=VERBATIM)  # change (a growth rate, a fall) or level
    unit: str
    target_year: int
    target: float | None
    target_upper: float | None
    target_qualifier: str
    target_quote: str
    target_paragraph: str = field(metadata=VERBATIM)
    result_year: int = 0
    result: float | None = None
    result_upper: float | None = None
    result_qualifier: str = ""
    result_quote: str = ""
    result_paragraph: str = field(default="", metadata=VERBATIM)


@dataclass(frozen=True)
class FiguresData:
    """What one download holds: the report it is of, and its rows."""

    title: str  # the report's full title (or a page's), in the file's script
    rows: tuple[FigureRow, ...]


def figure_rows(figures: Iterable[KeyFigure], target_year: int, result_year: int) -> tuple[FigureRow, ...]:
    rows = []
    for figure in figures:
        target, result = figure.target, figure.result
        rows.append(FigureRow(
            indicator=figure.indicator, of=target.parent, measure=target.measure, unit=target.unit,
            target_year=target_year, target=target.number, target_upper=target.upper,
            target_qualifier=target.hedge + target.qualifier, target_quote=target.quote,
            target_paragraph=target.paragraph_id, result_year=result_year,
            result=figure.result_number, result_upper=result.upper if result else None,
            result_qualifier=result.qualifier if result else "", result_quote=result.quote if result else "",
            result_paragraph=result.paragraph_id if result else ""))
    return tuple(rows)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def to_csv(data: FiguresData) -> str:
    """UTF-8 CSV with a header row (and a byte order mark, so that spreadsheets read it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in data.rows:
        writer.writerow(_cell(getattr(row, name)) for name in COLUMNS)
    return "\ufeff" + out.getvalue()


def to_json(data: FiguresData) -> str:
    rows = [{name: getattr(row, name) for name in COLUMNS} for row in data.rows]
    return json.dumps({"title": data.title, "columns": list(COLUMNS), "figures": rows},
                      ensure_ascii=False, indent=1) + "\n"


WRITERS = {"csv": to_csv, "json": to_json}
