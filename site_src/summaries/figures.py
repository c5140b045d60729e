"""Key figures: the plan's main targets parsed from the targets paragraph, each set against the
result the review reports for the same indicator, and a bar chart of the growth rates.

A figure is read from the report's own sentence pattern, clause by clause (，；):

    [其中] indicator [分别] verb value[unit][qualifier] [、 value…] [、 verb value…]

其中 makes the indicator part of the one before it (其中工业投资增长15%以上); 分别 spreads the values
over enumerated subjects that share a prefix or a suffix (规上工业总产值、增加值 -> 规上工业总产值,
规上工业增加值; 城镇和农村常住居民人均可支配收入 -> 城镇…, 农村常住居民人均可支配收入); a clause
without a subject continues the previous one (…分别为47382元、24686元，分别增长4.3%、6.1%). A target
may be qualitative (单位GDP能耗下降达到市级要求). Whatever a targets clause does not fit is returned
as unparsed, never dropped. Every figure keeps its clause verbatim, so a page can quote it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from site_src.model import VERBATIM, Paragraph, Report, sentences

# Verbs that state a change (a growth rate, a fall) and verbs that state a level.
CHANGE_VERBS = ("增长", "下降", "上涨", "减少")
LEVEL_VERBS = ("控制在", "保持在", "稳定在", "达到", "完成", "实现", "突破", "为")
QUALIFIERS = ("以上", "以内", "以下", "左右")
# A qualitative target: the verb, then a requirement instead of a number (下降达到市级要求).
REQUIREMENTS = ("达到", "符合", "不低于", "不高于", "低于", "高于", "优于", "好于")

# An indicator that names a rate of change itself takes its value without a verb (居民消费价格涨幅3%).
RATE_WORDS = ("涨幅", "增幅", "降幅", "增速")
# Words before an indicator that say where or how it was reached, not what it is (全省城镇新增就业,
# 实现地区生产总值): a review's figure is matched without them.
SCOPE = re.compile(r"^(?:全年|全省|全市|全区|全县|全国)?(?:实现|完成)?")

# Where the review words a target's indicator differently, the wordings it uses instead: an
# indicator, or an indicator and its change verb (居民消费价格上涨 for 居民消费价格涨幅).
# Curated from the seed and the shared reports; each wording occurs in a review (tested).
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "进出口总额": ("外贸进出口",),
    "居民消费价格涨幅": ("居民消费价格上涨",),
    "公共财政预算收入": ("地方公共财政预算收入",),
    "城镇常住居民人均可支配收入": ("城镇居民人均可支配收入",),
    "农村常住居民人均可支配收入": ("农村居民人均可支配收入",),
}

_NUMBER = r"\d+(?:\.\d+)?"
# A range, kept as written: 6%－6.5%, 6%-6.5%, 6—6.5% (the last unit is the value's unit).
_RANGE = rf"{_NUMBER}(?:%|‰)?[－\-—–~～至]{_NUMBER}"
_AMOUNT = rf"(?:{_RANGE}|{_NUMBER})"
# A unit is a sign or a few characters up to the qualifier or the end of the value (亿元, 万人次).
_UNIT = r"%|‰|个百分点|[\u4e00-\u9fff]{1,4}?"
_QUALIFIER = "|".join(QUALIFIERS)
# Values are read from a span already matched as a whole, so each ends at 、 or at the end.
# Values are separated by 、 or, for two, by 和 (分别增长8.7%和8.6%).
_VALUE = rf"(?P<number>{_AMOUNT})(?P<unit>{_UNIT})?(?P<qualifier>{_QUALIFIER})?(?=、|和|$)"
_ONE_VALUE = rf"{_AMOUNT}(?:{_UNIT})?(?:{_QUALIFIER})?"
_VALUES = rf"{_ONE_VALUE}(?:、{_ONE_VALUE})*|{_ONE_VALUE}和{_ONE_VALUE}"
_VERB = "|".join(sorted(CHANGE_VERBS + LEVEL_VERBS, key=len, reverse=True))
_PREDICATE = rf"(?:分别)?(?P<verb>{_VERB})\s*(?P<values>{_VALUES})(?=、|$)"
_PREDICATES = rf"(?:分别)?(?:{_VERB})\s*(?:{_VALUES})(?:、(?:分别)?(?:{_VERB})\s*(?:{_VALUES}))*"
# A figure may be followed by an aside (同比增长8.9%（按可比价计算）) or a remark without a figure
# (粮食产量达到732.5亿斤、创历史新高); both stay in the quote.
_TRAILING_ASIDE = r"(?:（[^（）]*）|、创[^\d、]*)?"
_NUMERIC_CLAUSE = re.compile(
    rf"(?P<part>其中)?(?P<subject>.*?)(?P<predicates>{_PREDICATES}){_TRAILING_ASIDE}")
# An indicator followed directly by its value: 城镇新增就业1100万人以上, 居民消费价格涨幅3%左右.
_BARE_CLAUSE = re.compile(
    rf"(?P<part>其中)?(?P<subject>.*?[^\d.\s、，：%])\s*(?P<values>{_VALUES}){_TRAILING_ASIDE}")
_QUALITATIVE_CLAUSE = re.compile(
    rf"(?P<part>其中)?(?P<subject>.+?)(?P<verb>{_VERB})(?P<qualifier>(?:{'|'.join(REQUIREMENTS)})\D+)")
# A requirement without a verb (主要约束性指标达到上级要求), and a pace kept with another
# indicator (居民收入增长和经济增长基本同步).
_REQUIREMENT_CLAUSE = re.compile(r"(?P<part>其中)?(?P<subject>.+?)(?P<qualifier>(?:达到|符合|满足)\D*要求)")
_IN_STEP_CLAUSE = re.compile(r"(?P<part>其中)?(?P<subject>.+?)(?P<qualifier>[和与同]\D+?(?:基本)?同步)")
_CLAUSE = re.compile(r"[^，；：。！？]+")
# Words of a subject that qualify the figure, not the indicator: 地区生产总值同比（下同）.
_ASIDES = re.compile(r"（[^（）]*）|同比")

MEASURE_CHANGE = "change"
MEASURE_LEVEL = "level"


@dataclass(frozen=True)
class Target:
    """One main target as the plan states it: 规上工业增加值 增长 9 %."""

    indicator: str
    verb: str
    value: str | None = field(metadata=VERBATIM)  # as written ("7.5", "6%－6.5"); None if qualitative
    number: float | None  # the value for charts; of a range, its lower bound
    unit: str
    qualifier: str  # 以上, 以内, 达到市级要求, 和经济增长基本同步, or ""
    paragraph_id: str = field(metadata=VERBATIM)
    quote: str  # the clause, verbatim
    parent: str = ""  # after 其中: the indicator this one is part of
    upper: float | None = None  # of a range, its upper bound

    @property
    def measure(self) -> str:
        return _measure(self.verb, self.indicator)

    @property
    def is_growth_rate(self) -> bool:
        return self.verb == "增长" and self.unit == "%" and self.number is not None


@dataclass(frozen=True)
class Result:
    """A figure the review reports, with the clause (quote) and sentence it is in, verbatim."""

    indicator: str
    verb: str
    value: str = field(metadata=VERBATIM)
    number: float
    unit: str
    qualifier: str
    paragraph_id: str = field(metadata=VERBATIM)
    quote: str  # from the clause naming the indicator to the one holding the value
    sentence: str
    parent: str = ""
    upper: float | None = None  # of a range, its upper bound

    @property
    def measure(self) -> str:
        return _measure(self.verb, self.indicator)


@dataclass(frozen=True)
class Unparsed:
    """A clause of a targets paragraph that is not a figure the parser can read."""

    paragraph_id: str = field(metadata=VERBATIM)
    quote: str
    reason: str = field(metadata=VERBATIM)


@dataclass(frozen=True)
class KeyFigure:
    """A target and the result for the same indicator.

    ``result`` is the first review figure comparable with the target (same measure, change or
    level, and same unit), or None; ``related`` holds every other figure the review states for
    the indicator, e.g. a level in 亿元 where the target is a growth rate (外贸进出口实现13.7亿元).
    """

    indicator: str
    target: Target
    result: Result | None
    related: tuple[Result, ...] = ()


@dataclass(frozen=True)
class KeyFigures:
    figures: tuple[KeyFigure, ...]
    unparsed: tuple[Unparsed, ...]


def _measure(verb: str, indicator: str = "") -> str:
    if verb in CHANGE_VERBS or (not verb and indicator.endswith(RATE_WORDS)):
        return MEASURE_CHANGE
    return MEASURE_LEVEL


def _bounds(value: str) -> tuple[float, float | None]:
    """The number of a value as written, and the upper bound if it is a range (6%－6.5)."""
    numbers = re.findall(_NUMBER, value)
    return float(numbers[0]), float(numbers[1]) if len(numbers) > 1 else None


# --- reading figures from text ---------------------------------------------------------------

@dataclass(frozen=True)
class _Figure:
    indicator: str
    verb: str
    value: str | None
    unit: str
    qualifier: str
    parent: str
    quote: str
    sentence: str


def _read(paragraph: Paragraph) -> tuple[list[_Figure], list[Unparsed]]:
    """Every figure of a paragraph, and every clause that states none (introductions excepted)."""
    figures: list[_Figure] = []
    unparsed: list[Unparsed] = []
    text = paragraph.source_text
    for sentence in sentences(text):
        subject = ""  # the last clause's subject, for a clause that continues it
        subject_start = 0
        indicators: tuple[str, ...] = ()
        for match in _CLAUSE.finditer(sentence):
            clause = match.group()
            if sentence[match.end():match.end() + 1] == "：":
                continue  # an introduction: 今年经济社会发展主要预期目标是：
            parsed = _parse_clause(clause)
            if isinstance(parsed, str):
                unparsed.append(Unparsed(paragraph.id, clause, parsed))
                subject, indicators = "", ()
                continue
            part, own_subject, predicates = parsed
            if own_subject:
                subject, subject_start = own_subject, match.start()
            elif not subject:
                unparsed.append(Unparsed(paragraph.id, clause, "no indicator before the figure"))
                continue
            # 其中: part of the indicator the previous clause named, if it named one.
            parent = indicators[0] if part and len(indicators) == 1 else ""
            quote = sentence[subject_start:match.end()]
            read = _spread(subject, predicates)
            if isinstance(read, str):
                unparsed.append(Unparsed(paragraph.id, quote, read))
                subject, indicators = "", ()
                continue
            if not part:
                indicators = tuple(dict.fromkeys(indicator for indicator, *_ in read))
            figures.extend(_Figure(indicator, verb, value, unit, qualifier, parent, quote, sentence)
                           for indicator, verb, value, unit, qualifier in read)
    return figures, unparsed


_Predicate = tuple[str, list[tuple[str | None, str, str]]]  # verb, [(value, unit, qualifier)]


def _parse_clause(clause: str) -> tuple[bool, str, list[_Predicate]] | str:
    """(其中?, subject, predicates), or why the clause is no figure."""
    match = _NUMERIC_CLAUSE.fullmatch(clause)
    if match:
        predicates = [(predicate.group("verb"), _values(predicate.group("values")))
                      for predicate in re.finditer(_PREDICATE, match.group("predicates"))]
        return bool(match.group("part")), _indicator(match.group("subject")), predicates
    match = _BARE_CLAUSE.fullmatch(clause)
    if match and _indicator(match.group("subject")):
        bare: _Predicate = ("", _values(match.group("values")))
        return bool(match.group("part")), _indicator(match.group("subject")), [bare]
    match = _QUALITATIVE_CLAUSE.fullmatch(clause)
    if match:
        predicate: _Predicate = (match.group("verb"), [(None, "", match.group("qualifier"))])
        return bool(match.group("part")), _indicator(match.group("subject")), [predicate]
    for form in (_REQUIREMENT_CLAUSE, _IN_STEP_CLAUSE):
        match = form.fullmatch(clause)
        if match:
            stated: _Predicate = ("", [(None, "", match.group("qualifier"))])
            return bool(match.group("part")), _indicator(match.group("subject")), [stated]
    return "no verb followed by a figure or a requirement"


def _values(written: str) -> list[tuple[str | None, str, str]]:
    """(value, unit, qualifier) of each value of a predicate."""
    values = [(value.group("number"), value.group("unit") or "", value.group("qualifier") or "")
              for value in re.finditer(_VALUE, written)]
    # A unit or qualifier written once after the last value holds for all (5.5、7%以上).
    _, last_unit, last_qualifier = values[-1]
    return [(number, unit or last_unit, qualifier or last_qualifier) for number, unit, qualifier in values]


def _indicator(subject: str) -> str:
    return _ASIDES.sub("", subject).strip()


def _spread(subject: str, predicates: list[_Predicate]
            ) -> list[tuple[str, str, str | None, str, str]] | str:
    """(indicator, verb, value, unit, qualifier) for each value, enumerated subjects spread out."""
    read = []
    if subject.endswith("均") and len(subject) > 1:
        # 均: one value for every enumerated subject (城镇…、农村…人均可支配收入均增长8%).
        subject = subject[:-1]
        count = len(re.split("、|和|及|与", subject))
        each = enumerated(subject, count) if count > 1 else None
        if each is None:
            return f"均 but the subject {subject!r} does not enumerate indicators of parallel length"
        for verb, values in predicates:
            if len(values) != 1:
                return f"均 with {len(values)} values"
            read.extend((indicator, verb, *values[0]) for indicator in each)
        return read
    for verb, values in predicates:
        if len(values) == 1:
            indicators: tuple[str, ...] | None = (subject,)
        else:
            indicators = enumerated(subject, len(values))
            if indicators is None:
                return (f"{len(values)} values but the subject {subject!r} does not enumerate "
                        f"{len(values)} indicators of parallel length")
        read.extend((indicator, verb, value, unit, qualifier)
                    for indicator, (value, unit, qualifier) in zip(indicators, values, strict=True))
    return read


def enumerated(subject: str, count: int) -> tuple[str, ...] | None:
    """The ``count`` indicators an enumerated subject names, or None if it names another number.

    The enumerated words are parallel, so they have the same length; the one that is longer
    carries the words they share: a prefix if it is the first (规上工业总产值、增加值), a suffix if
    it is the last (城镇和农村常住居民人均可支配收入). Anything else is not guessed at.
    """
    if count == 2 and subject.startswith("城乡") and len(subject) > 2:
        return ("城镇" + subject[2:], "农村" + subject[2:])  # 城乡居民人均可支配收入
    items = subject.split("、")
    items = items[:-1] + re.split("和|及|与", items[-1], maxsplit=1)  # A、B和C
    if len(items) != count or not all(items):
        return None
    lengths = [len(item) for item in items]
    if len(set(lengths)) == 1:
        return tuple(items)
    if len(set(lengths[1:])) == 1 and lengths[0] > lengths[1]:
        prefix = items[0][: lengths[0] - lengths[1]]
        return (items[0], *(prefix + item for item in items[1:]))
    if len(set(lengths[:-1])) == 1 and lengths[-1] > lengths[0]:
        suffix = items[-1][lengths[0]:]
        return (*(item + suffix for item in items[:-1]), items[-1])
    return None


# --- targets and results -------------------------------------------------------------------------

def parse_targets(paragraph: Paragraph) -> tuple[tuple[Target, ...], tuple[Unparsed, ...]]:
    """The targets a paragraph sets (今年…主要预期目标是：…), and the clauses that are none."""
    figures, unparsed = _read(paragraph)
    targets = []
    for f in figures:
        number, upper = (None, None) if f.value is None else _bounds(f.value)
        targets.append(Target(indicator=f.indicator, verb=f.verb, value=f.value, number=number, unit=f.unit,
                              qualifier=f.qualifier, paragraph_id=paragraph.id, quote=f.quote,
                              parent=f.parent, upper=upper))
    return tuple(targets), tuple(unparsed)


def review_paragraphs(report: Report, targets: Iterable[Target]) -> tuple[Paragraph, ...]:
    """The year before, as the report reviews it: the parts before the one that sets the targets."""
    ids = {target.paragraph_id for target in targets}
    for index, part in enumerate(report.parts):
        if any(paragraph.id in ids for paragraph in part.paragraphs()):
            return tuple(p for earlier in report.parts[:index] for p in earlier.paragraphs())
    return ()


def results(paragraphs: Iterable[Paragraph]) -> tuple[Result, ...]:
    """Every numeric figure the paragraphs state, in reading order."""
    found = []
    for paragraph in paragraphs:
        figures, _ = _read(paragraph)
        found.extend(Result(indicator=f.indicator, verb=f.verb, value=f.value, number=_bounds(f.value)[0],
                            unit=f.unit, qualifier=f.qualifier, paragraph_id=paragraph.id,
                            quote=f.quote, sentence=f.sentence, parent=f.parent,
                            upper=_bounds(f.value)[1])
                     for f in figures if f.value is not None)
    return tuple(found)


def find_results(report: Report, targets: Iterable[Target]) -> tuple[KeyFigure, ...]:
    """Each target with what the review states for its indicator (by its wording or a synonym)."""
    targets = tuple(targets)
    stated = results(review_paragraphs(report, targets))
    figures = []
    for target in targets:
        wordings = (target.indicator, *SYNONYMS.get(target.indicator, ()))
        mentions = [result for result in stated if _names(result, wordings)]
        comparable = [r for r in mentions if r.measure == target.measure and r.unit == target.unit]
        result = comparable[0] if comparable else None
        figures.append(KeyFigure(target.indicator, target, result,
                                 tuple(r for r in mentions if r is not result)))
    return tuple(figures)


def _names(result: Result, wordings: tuple[str, ...]) -> bool:
    """Whether a review figure is of the indicator worded so: by its indicator, without the words of
    scope before it (全省, 实现), or by its indicator and change verb (居民消费价格上涨)."""
    for indicator in dict.fromkeys((result.indicator, SCOPE.sub("", result.indicator))):
        if indicator in wordings:
            return True
        if result.verb in CHANGE_VERBS and indicator + result.verb in wordings:
            return True
    return False


def key_figures(report: Report) -> KeyFigures:
    """The targets of every targets paragraph, with their results; what could not be read."""
    targets: list[Target] = []
    unparsed: list[Unparsed] = []
    for paragraph in report.paragraphs():
        if paragraph.kind == "targets":
            found, missed = parse_targets(paragraph)
            targets.extend(found)
            unparsed.extend(missed)
    return KeyFigures(find_results(report, targets), tuple(unparsed))


# --- the chart -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChartBar:
    """One indicator of the chart, its texts already in the page's script."""

    label: str
    result: float | None  # None: no comparable result, only result_text is shown
    target: float
    result_text: str
    target_text: str


def _same(text: str) -> str:
    return text


def chart_bars(figures: Iterable[KeyFigure], convert: Callable[[str], str] = _same,
               missing: str = "—") -> tuple[ChartBar, ...]:
    """The growth-rate targets (增长 …%) as bars, with their comparable results; ``convert``
    turns the report's words into the page's script; ``missing`` (already in that script) is
    written where there is no comparable result, e.g. 无可比数据."""
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


_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_WIDTH = 640
_BAR_AREA = 520  # the rest of the width holds the value written after the longest bar
_LEGEND = 32
_ROW = 76
_BAR = 18


def growth_chart_svg(bars: Sequence[ChartBar], *, chart_id: str, title: str, desc: str,
                     result_legend: str, target_legend: str) -> str:
    """An inline SVG bar chart: for each indicator its result (solid) and its target (light).

    All words are the caller's, already in the page's script; they are escaped here. Shapes and
    text use currentColor and classes, so a stylesheet can restyle them for dark mode and print.
    The same input gives the same bytes.
    """
    if not _ID.fullmatch(chart_id):
        raise ValueError(f"invalid chart id {chart_id!r}")
    values = [0.0] + [bar.target for bar in bars] + [bar.result for bar in bars if bar.result is not None]
    low, high = min(values), max(values)
    span = (high - low) or 1.0

    def x(value: float) -> float:
        return (value - low) / span * _BAR_AREA

    height = _LEGEND + _ROW * len(bars)
    summary = "；".join(
        f"{bar.label}：{result_legend if bar.result is not None else ''}{bar.result_text}，"
        f"{target_legend}{bar.target_text}" for bar in bars)
    description = f"{desc}{summary}。" if summary else desc
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="figures-chart" viewBox="0 0 {_WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">',
        f'<title id="{chart_id}-title">{_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{_text(description)}</desc>',
        '<g class="legend" fill="currentColor" font-size="13">',
        '<rect class="bar bar-result" x="0" y="8" width="14" height="14"/>',
        f'<text x="20" y="20">{_text(result_legend)}</text>',
        '<rect class="bar bar-target" x="160" y="8" width="14" height="14" fill-opacity="0.3" '
        'stroke="currentColor"/>',
        f'<text x="180" y="20">{_text(target_legend)}</text>',
        "</g>",
    ]
    zero = x(0.0)
    for n, bar in enumerate(bars):
        top = _LEGEND + n * _ROW
        lines.append('<g class="row" fill="currentColor" font-size="14">')
        lines.append(f'<text class="label" x="0" y="{_coordinate(top + 16)}">{_text(bar.label)}</text>')
        for m, (value, text, kind) in enumerate(((bar.result, bar.result_text, "result"),
                                                 (bar.target, bar.target_text, "target"))):
            y = top + 24 + m * (_BAR + 4)
            end = zero
            if value is not None:
                left, right = sorted((zero, x(value)))
                style = ' fill-opacity="0.3" stroke="currentColor"' if kind == "target" else ""
                lines.append(f'<rect class="bar bar-{kind}" x="{_coordinate(left)}" y="{_coordinate(y)}" '
                             f'width="{_coordinate(right - left)}" height="{_BAR}"{style}/>')
                end = max(zero, x(value))
            lines.append(f'<text class="value value-{kind}" x="{_coordinate(end + 6)}" '
                         f'y="{_coordinate(y + _BAR - 4)}" font-size="13">{_text(text)}</text>')
        lines.append("</g>")
    lines.append("</svg>")
    return "\n".join(lines)


def _coordinate(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _text(text: str) -> str:
    return html.escape(text, quote=True)

