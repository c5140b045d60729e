"""The search index: every paragraph of a variant and its summary pages, and a character fold
shared by all variants.

Search must find every paragraph that contains the query, and only those, in either script. A
token index cannot promise that for Chinese (no spaces: Pagefind split this report's Traditional
text almost one word per character and missed paragraphs); an exact scan can, and the whole
report is about 60,000 characters, which a browser scans in well under a millisecond. So the
index is the text itself, loaded only when a search starts, as a script file (a script loads from
file:// and from any sub-path, where fetch() of JSON would not).

Either script finds either: the browser folds query and text with one character map in which every
Simplified character and its Traditional forms (and glyph variants: 爲/為; “” and 「」) share a
representative, full-width letters and digits are their ASCII forms, and case does not count.
The query is words (all must be in a paragraph), a phrase in quotes, punctuation ignored between
its characters; a number matches only a whole number (6% is not in 56% or 6.6%). See search.js.

The index, format 2 (one file per variant, ``window.REPORT_SEARCH_INDEX``)::

    {"format": 2,
     "reports": [title, …],                       # each report's full title
     "pages":   [[route, title, context, report, summary], …]
                # route from the variant's folder; context: what holds the page where its title
                # alone does not say (a section's part); report: index into reports; summary: 1
                # for a summary page (key figures, the industry system, slogans), else 0
     "entries": [[page, anchor, heading, text], …]}
                # in reading order, then the summary pages; anchor "" for the top of the page

search.js reaches it only through loadIndex(), so the entries can later be split into shards
(each a file of this shape, with a manifest saying which shard holds which characters) without
touching the matching.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from site_src.model import CLOSING, PART_HEADING, PREAMBLE, SECTION_HEADING, TERMS_HEADING_PLACE, Step
from site_src.site.plan import FiguresPage, IndustriesPage, IndustryPageSubject, Page, SitePlan, SlogansPage
from site_src.site.variant import VariantContent

INDEX_VARIABLE = "REPORT_SEARCH_INDEX"
FOLD_VARIABLE = "REPORT_SEARCH_FOLD"
INDEX_FORMAT = 2


@dataclass(frozen=True)
class SearchFiles:
    """The search files of one variant (its index) or of the site (the fold map)."""

    path: str
    text: str


def search_index(content: VariantContent, plan: SitePlan) -> SearchFiles:
    """The index of one variant: each paragraph and heading with its page, anchor and topic heading,
    in the reading order; then what the summary pages say in their own words (an industry and its
    tier, a slogan and its names, an indicator and its target). Each page names its report and,
    for a section, its part, so a hit says where it is from."""
    by_route = {page.route: page for page in plan.pages}
    pages: list[list[object]] = []
    page_numbers: dict[str, int] = {}
    entries: list[list[object]] = []

    def page_number(route: str, report: int, summary: bool) -> int:
        if route not in page_numbers:
            page = by_route[route]
            page_numbers[route] = len(pages)
            pages.append([route, page.title, page.context, report, int(summary)])
        return page_numbers[route]

    for number, entry in enumerate(content.reports):
        anchors = plan.reports[entry.slug].anchors
        for step in entry.report.walk():
            if step.place == TERMS_HEADING_PLACE:
                continue  # the glossary's heading: its terms are indexed
            entries.append([page_number(anchors[step.id], number, False), step.id, *_heading_and_text(step)])
        for page in plan.pages:
            if page.report == entry.slug:
                for anchor, heading, text in _summary_entries(page):
                    entries.append([page_number(page.route, number, True), anchor, heading, text])
    data = {"format": INDEX_FORMAT, "reports": [entry.report.full_title for entry in content.reports],
            "pages": pages, "entries": entries}
    text = f"window.{INDEX_VARIABLE}={json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"
    return SearchFiles(f"{content.variant.path}/search-index.js", text)


def _heading_and_text(step: Step) -> tuple[str, str]:
    """What a hit shows: the heading it is under (a topic lead, a term) and its text."""
    if step.place == PART_HEADING:
        assert step.part is not None
        return step.part.heading, ""
    if step.place == SECTION_HEADING:
        assert step.section is not None
        return step.section.heading, ""
    if step.term is not None:
        return step.term.term, step.term.explanation
    assert step.paragraph is not None
    heading = "" if step.place in (PREAMBLE, CLOSING) else step.paragraph.heading
    return heading, step.paragraph.text


def _summary_entries(page: Page) -> Iterator[tuple[str, str, str]]:
    """(anchor, heading, text) of what a summary page says in its own words; the quotes it shows
    are the report's paragraphs, which are indexed where they stand."""
    subject = page.subject
    if isinstance(subject, IndustriesPage):
        system = subject.summary.system
        yield "", system.name, "；".join(f"{tier.name}：{tier.lead}" for tier in system.tiers)
    elif isinstance(subject, IndustryPageSubject):
        entry = subject.industry
        named = "、".join(n.name for n in (*entry.parks, *entry.projects))
        tier = f"{entry.tier.name}：{entry.tier.lead}"
        yield "", entry.industry.name, f"{tier}；{named}" if named else tier
    elif isinstance(subject, SlogansPage):
        for n, slogan in enumerate(subject.summary.slogans, start=1):
            # the anchor of the formula in the page's list (page_slogans.html: slogan-N)
            yield f"slogan-{n}", slogan.form, "、".join(slogan.names)
    elif isinstance(subject, FiguresPage):
        for figure in subject.figures.figures:
            said = [figure.target.quote] + ([figure.result.quote] if figure.result else [])
            yield "", figure.indicator, "；".join(said)


def fold_map(characters: Iterable[str], pairs: Iterable[tuple[str, str]]) -> SearchFiles:
    """Map each character that has other-script forms to one representative of its class.

    ``pairs`` are (Simplified, Traditional) and glyph-variant pairs from OpenCC's dictionaries;
    the map is limited to the classes of characters that occur in the site, so it stays small.
    """
    parent: dict[str, str] = {}

    def find(char: str) -> str:
        while parent.get(char, char) != char:
            parent[char] = parent.get(parent[char], parent[char])
            char = parent[char]
        return char

    for a, b in pairs:
        if len(a) == 1 and len(b) == 1:
            root_a, root_b = find(a), find(b)
            if root_a != root_b:
                parent[max(root_a, root_b)] = min(root_a, root_b)
    wanted = {find(char) for char in set(characters)}
    fold = {char: find(char) for char in parent if find(char) in wanted and find(char) != char}
    body = json.dumps(dict(sorted(fold.items())), ensure_ascii=False, separators=(",", ":"))
    return SearchFiles("static/search-fold.js", f"window.{FOLD_VARIABLE}={body};\n")
