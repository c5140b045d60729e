"""The key figures' chart: for each growth-rate target, its bar and the result's bar.

Only the layout is made here, as percentages of the bar's track; the chart itself is plain HTML
drawn by the template partial partials/chart.html, so its words are text at the page's own size
on any screen (an SVG scaled to a phone's width shrank them to 7 px). Words (labels, values) come
in the page's script.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from site_src.summaries.figures.match import KeyFigure
from site_src.summaries.figures.parse import Result


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
    """One bar as drawn: where it starts and how wide it is, in % of its track (width None: no
    value, only its text)."""

    kind: str  # result | target
    start: str
    width: str | None
    text: str


@dataclass(frozen=True)
class Row:
    label: str
    result: Bar
    target: Bar


@dataclass(frozen=True)
class Chart:
    id: str
    zero: str  # where 0 is on every track, in %: "0" unless a value is negative
    rows: tuple[Row, ...]


def _same(text: str) -> str:
    return text


def chart_bars(figures: Iterable[KeyFigure], convert: Callable[[str], str] = _same,
               missing: str = "—") -> tuple[ChartBar, ...]:
    """The growth-rate targets (增长 …%) as bars, with their comparable results (a fall below zero);
    ``convert``
    turns the report's words into the page's script; ``missing`` (already in that script) is
    written where there is no comparable result."""
    bars = []
    for figure in figures:
        target = figure.target
        if not target.is_growth_rate or target.number is None:
            continue
        bars.append(ChartBar(
            label=convert(figure.indicator),
            result=figure.result_number,
            target=target.number,
            result_text=convert(_said(figure.result)) if figure.result else missing,
            target_text=convert(f"{target.value}{target.unit}{target.qualifier}")))
    return tuple(bars)


def _said(result: Result) -> str:
    """A result's value as the bar's text: with its verb where the number alone would mislead (a
    fall: 下降1.7%; a change stated in words: 与上年持平)."""
    if result.value is None:
        return result.verb
    value = f"{result.value}{result.unit}{result.qualifier}"
    return f"{result.verb}{value}" if result.fall else value


def layout(bars: Sequence[ChartBar], chart_id: str = "growth-chart") -> Chart:
    """Where every bar goes; the same bars give the same layout."""
    values = [0.0] + [bar.target for bar in bars] + [bar.result for bar in bars if bar.result is not None]
    low, high = min(values), max(values)
    span = (high - low) or 1.0

    def x(value: float) -> float:
        return (value - low) / span * 100

    zero = x(0.0)

    def bar(kind: str, value: float | None, text: str) -> Bar:
        if value is None:
            return Bar(kind, _percent(zero), None, text)
        left, right = sorted((zero, x(value)))
        return Bar(kind, _percent(left), _percent(right - left), text)

    rows = tuple(Row(b.label, bar("result", b.result, b.result_text), bar("target", b.target, b.target_text))
                 for b in bars)
    return Chart(chart_id, _percent(zero), rows)


def _percent(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
