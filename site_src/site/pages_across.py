"""The pages that read across years and scripts: what is new in a report's wording against the
earlier report of its government, and the report's text in every script side by side. One builder
per page type (builder.py)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from site_src.model import CLOSING, PART_HEADING, PREAMBLE, TERM, TERMS_HEADING_PLACE, Report, Step
from site_src.site import routes
from site_src.site.builder import Builder, ReportAt
from site_src.site.nav import Link
from site_src.site.page import Page
from site_src.summaries.compare import Comparison
from site_src.summaries.frequency import WordCount
from site_src.summaries.wording import KINDS, WORD, Place, WordingItem

# --- what is new in the wording, and the words used most ------------------------------------------


# A quoted sentence keeps this many characters on either side of its phrase, cut at a clause.
QUOTE_SIDE = 60
_CLAUSE_MARKS = "，；：。！？"
ELLIPSIS = "……"


@dataclass(frozen=True)
class Quoted:
    """A place of a phrase as a page quotes it: its sentence, cut to the clauses around the phrase
    where it is long, the phrase apart (to be marked); the paragraphs of its other places."""

    paragraph_id: str
    before: str
    phrase: str
    after: str
    elsewhere: tuple[str, ...]  # the ids of the other paragraphs that write it, in reading order


def quoted(places: tuple[Place, ...], side: int = QUOTE_SIDE) -> Quoted:
    """The first of a phrase's places, quoted (``places``: every place of the phrase, in order)."""
    first = places[0]
    before, after = first.sentence[:first.start], first.sentence[first.end:]
    if len(before) > side:
        window = before[-side:]
        cut = min((window.find(mark) for mark in _CLAUSE_MARKS if mark in window), default=-1)
        before = ELLIPSIS + window[cut + 1:]
    if len(after) > side:
        window = after[:side]
        cut = max((window.rfind(mark) for mark in _CLAUSE_MARKS), default=-1)
        after = (window[:cut + 1] if cut >= 0 else window) + ELLIPSIS
    others = tuple(dict.fromkeys(place.paragraph_id for place in places[1:]
                                 if place.paragraph_id != first.paragraph_id))
    return Quoted(first.paragraph_id, before, first.sentence[first.start:first.end], after, others)


@dataclass(frozen=True)
class WordingEntry:
    """One phrase on the page: the item, quoted where the report writes it (and, renumbered, where
    the earlier report writes its earlier form)."""

    item: WordingItem
    quote: Quoted
    before: Quoted | None = None


def _entry(item: WordingItem) -> WordingEntry:
    return WordingEntry(item, quoted(item.places), quoted(item.before_places) if item.before_places else None)


@dataclass(frozen=True)
class WordingGroup:
    """The phrases of one kind (formulas, quoted phrases …), in the analysis's rank."""

    kind: str
    entries: tuple[WordingEntry, ...]


@dataclass(frozen=True)
class FrequentRow:
    count: WordCount
    search: Link  # the search for the word


@dataclass(frozen=True)
class WordingPage:
    """A report's wording against the earlier report of its government."""

    comparison: Comparison
    government: str  # the id of the government (a government's page lists its reports' by it)
    report: Link  # the homes of the two reports
    earlier: Link
    new: tuple[WordingGroup, ...]  # by kind, in the order a reader cares about them
    dropped: tuple[WordingGroup, ...]
    renumbered: tuple[WordingEntry, ...]
    words: tuple[FrequentRow, ...]
    earlier_anchors: Mapping[str, str]  # the earlier report's: text id -> route, where it is for a reader
    earlier_places: Mapping[str, str]


def _groups(items: tuple[WordingItem, ...]) -> tuple[WordingGroup, ...]:
    by_kind: dict[str, list[WordingEntry]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(_entry(item))
    return tuple(WordingGroup(kind, tuple(by_kind[kind])) for kind in KINDS if kind in by_kind)


class WordingPages(Builder[WordingPage]):
    """A page per report that has an earlier report of its government in the site, listed in its
    contents."""

    template, kind, listed = "page_wording.html", "wording", True

    def links(self, at: ReportAt) -> tuple[Link, ...]:
        comparison = at.site.comparison_of.get(at.entry.slug)
        if comparison is None:
            return ()
        title = at.ui["wording_title"].format(earlier=comparison.changes.earlier_year)
        return (Link(title, at.routes.wording),)

    def pages(self, at: ReportAt) -> tuple[Page[WordingPage], ...]:
        comparison = at.site.comparison_of.get(at.entry.slug)
        if comparison is None:
            return ()
        (link,) = self.links(at)
        earlier = at.site.navs[comparison.earlier]
        changes = comparison.changes
        rows = tuple(FrequentRow(count, Link(count.word, routes.search(count.word)))
                     for count in comparison.words.words)
        subject = WordingPage(comparison, comparison.government, at.home, earlier.home, _groups(changes.new),
                              _groups(changes.dropped), tuple(map(_entry, changes.renumbered)), rows,
                              earlier.anchors, earlier.places)
        named = [item.phrase for item in changes.new if item.kind != WORD]
        said = (("wording-new", at.ui["wording_new"], "、".join(named)),) if named else ()
        description = f"{link.title}：{'、'.join(named[:12])}" if named else ""
        return (at.page(self, link.route, link.title, subject, key="wording", description=description,
                        search=said, government=comparison.government),)


# --- every script side by side ------------------------------------------------------------------------

# What a side-by-side page shows besides a part, by the place of its texts in the walk.
PREAMBLE_PAGE, CLOSING_PAGE, TERMS_PAGE = "preamble", "closing", "terms"
_CHAPTER_OF = {PREAMBLE: PREAMBLE_PAGE, CLOSING: CLOSING_PAGE, TERMS_HEADING_PLACE: TERMS_PAGE,
               TERM: TERMS_PAGE}
_HEADINGS = (PART_HEADING, TERMS_HEADING_PLACE)  # the page's own heading, not a row of it


def chapters(report: Report) -> dict[str, tuple[Step, ...]]:
    """The report's text as its side-by-side pages show it, by page: the preamble, each part (by
    its id), the closing words (with what the report appends), the glossary; in reading order."""
    found: dict[str, list[Step]] = {}
    for step in report.walk():
        found.setdefault(step.part.id if step.part is not None else _CHAPTER_OF[step.place], []).append(step)
    return {chapter: tuple(steps) for chapter, steps in found.items()}


@dataclass(frozen=True)
class FacingRow:
    """One text in every script: the same step of the walk in each variant's, in the site's order."""

    id: str
    place: str  # where it is in the walk (model: SECTION_HEADING, SECTION …)
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class FacingPage:
    chapter: str  # a part's id, or PREAMBLE_PAGE, CLOSING_PAGE, TERMS_PAGE
    id: str  # the anchor of its heading: the part's or the glossary's, else ""
    languages: tuple[tuple[str, str], ...]  # (code, label in its own script) of each column
    titles: tuple[str, ...]  # its heading in each script
    rows: tuple[FacingRow, ...]


class SideBySidePages(Builder[FacingPage]):
    """The report's text in every script at once, a page per part (and for the preamble, the
    closing words and the glossary): each text beside itself in the other scripts, read on from one
    such page to the next. A page in each variant's folder, its interface in that variant's script:
    the reader keeps the script they chose, and its switcher leads to the pages of one script."""

    template, kind = "page_facing.html", "facing"
    reading = "side-by-side"

    def by_page(self, at: ReportAt, anchors: Mapping[str, str]) -> dict[str, str]:
        """Where each page that shows some of the report's text has it side by side: the route of
        the page -> the side-by-side page, at the first text it shows (the switcher links it)."""
        found: dict[str, str] = {}
        if len(at.site.variants) < 2:  # one script: nothing to set beside it
            return found
        for chapter, steps in chapters(at.report).items():
            route = at.routes.side_by_side(chapter)
            for n, step in enumerate(steps):
                if step.id in anchors:
                    found.setdefault(routes.page_of(anchors[step.id]),
                                     route if n == 0 else routes.anchored(route, step.id))
        if found:  # the full text: from its start
            found.setdefault(at.routes.full, at.routes.side_by_side(next(iter(chapters(at.report)))))
        return found

    def pages(self, at: ReportAt) -> tuple[Page[FacingPage], ...]:
        variants = at.site.variants
        if len(variants) < 2:
            return ()
        each = [chapters(at.in_variant(content.variant.code).report) for content in variants]
        languages = tuple((content.variant.code, content.labels[content.variant.code])
                          for content in variants)
        own = [content.variant.code for content in variants].index(at.site.content.variant.code)
        pages = []
        for chapter, steps in each[own].items():
            rows = tuple(_rows(chapter, [found[chapter] for found in each]))
            headings = [[s for s in found[chapter] if s.place in _HEADINGS][:1] for found in each]
            titles = tuple(heading[0].text if heading else _title(content.ui, chapter)
                           for heading, content in zip(headings, variants, strict=True))
            heading_id = headings[own][0].id if headings[own] else ""
            shown = routes.page_of(at.nav.anchors.get(steps[0].id, at.routes.home))
            subject = FacingPage(chapter, heading_id, languages, titles, rows)
            title = at.ui["side_by_side_title"].format(title=titles[own])
            pages.append(at.page(self, at.routes.side_by_side(chapter), title, subject, key=chapter,
                                 parent=shown, scripts_of=shown))
        return tuple(pages)


def _title(ui: Mapping[str, str], chapter: str) -> str:
    return ui[chapter]  # PREAMBLE_PAGE, CLOSING_PAGE: the interface's words for them


def _rows(chapter: str, steps: list[tuple[Step, ...]]) -> Iterator[FacingRow]:
    """The chapter's texts paired one to one across the variants (conversion keeps every id)."""
    for same in zip(*steps, strict=True):
        first = same[0]
        if any(step.id != first.id or step.place != first.place for step in same):
            raise ValueError(f"the variants of {chapter!r} do not pair at {first.id!r}")
        if first.place not in _HEADINGS:
            yield FacingRow(first.id, first.place, same)


WORDING = WordingPages()
SIDE_BY_SIDE = SideBySidePages()
