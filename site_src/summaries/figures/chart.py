"""The key figures' chart: for each growth-rate target, its bar and last year's result's bar.

Only the layout is made here, as numbers written the way SVG takes them; the chart itself is
drawn by the template partial partials/chart.svg, autoescaped like every page. Words (labels,
values) come in the page's script; shapes use currentColor so stylesheets can restyle them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from site_src.summaries.figures.match import KeyFigure

WIDTH = 640
BAR_AREA = 520  # the rest of the width holds the value written after the longest bar
LEGEND = 32
ROW = 76
BAR = 18


@dataclass(frozen=True)
class ChartBar:
    """One indicator of the chart, its texts already in the page's script."""

    label: str
    result: float | None  # None: no comparable result, only result_text is shown
    target: float
    result_text: str
    target_text: str


@dataclass(frozen=True)
class Bar:
    """One bar as drawn: where it is (None: no value, only its text) and where its text is."""

    kind: str  # result | target
    x: str
    y: str
    width: str | None
    text: str
    text_x: str
    text_y: str


@dataclass(frozen=True)
class Row:
    label: str
    label_y: str
    result: Bar
    target: Bar


@dataclass(frozen=True)
class Chart:
    id: str
    width: int
    height: int
    bar_height: int
    rows: tuple[Row, ...]


def _same(text: str) -> str:
    return text


def chart_bars(figures: Iterable[KeyFigure], convert: Callable[[str], str] = _same,
               missing: str = "—") -> tuple[ChartBar, ...]:
    """The growth-rate targets (增长 …%) as bars, with their comparable results; ``convert``
    turns the report's words into the page's script; ``missing`` (already in that script) is
    written where there is no comparable result."""
    bars = []
    for figure in figures:
        target = figure.target
        if not target.is_growth_rate or target.number is None:
            continue
        result = figure.result
        bars.append(ChartBar(
            label=convert(figure.indicator),
            result=result.number if result else None,
            target=target.number,
            result_text=convert(f"{result.value}{result.unit}{result.qualifier}") if result else missing,
            target_text=convert(f"{target.value}{target.unit}{target.qualifier}")))
    return tuple(bars)


def layout(bars: Sequence[ChartBar], chart_id: str = "growth-chart") -> Chart:
    """Where every bar and text goes; the same bars give the same layout."""
    values = [0.0] + [bar.target for bar in bars] + [bar.result for bar in bars if bar.result is not None]
    low, high = min(values), max(values)
    span = (high - low) or 1.0

    def x(value: float) -> float:
        return (value - low) / span * BAR_AREA

    zero = x(0.0)
    rows = []
    for n, bar in enumerate(bars):
        top = LEGEND + n * ROW
        drawn = []
        for m, (value, text, kind) in enumerate(((bar.result, bar.result_text, "result"),
                                                 (bar.target, bar.target_text, "target"))):
            y = top + 24 + m * (BAR + 4)
            if value is None:
                drawn.append(Bar(kind, _coordinate(zero), _coordinate(y), None, text,
                                 _coordinate(zero + 6), _coordinate(y + BAR - 4)))
                continue
            left, right = sorted((zero, x(value)))
            drawn.append(Bar(kind, _coordinate(left), _coordinate(y), _coordinate(right - left), text,
                             _coordinate(max(zero, x(value)) + 6), _coordinate(y + BAR - 4)))
        rows.append(Row(bar.label, _coordinate(top + 16), drawn[0], drawn[1]))
    return Chart(chart_id, WIDTH, LEGEND + ROW * len(bars), BAR, tuple(rows))


def _coordinate(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
