"""The search index: every paragraph of a variant, and a character fold shared by all variants.

Search must find every paragraph that contains the query, and only those, in either script. A
token index cannot promise that for Chinese (no spaces: Pagefind split this report's Traditional
text almost one word per character and missed paragraphs); an exact substring scan can, and the
whole report is about 60,000 characters, which a browser scans in well under a millisecond. So the
index is the text itself, loaded only when a search starts, as a script file (a script loads from
file:// and from any sub-path, where fetch() of JSON would not).

Either script finds either: the browser folds query and text with one character map in which every
Simplified character and its Traditional forms (and glyph variants: 爲/為) share a representative.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from site_src.model import CLOSING, PART_HEADING, PREAMBLE, SECTION_HEADING, TERMS_HEADING_PLACE, Step
from site_src.site.plan import SitePlan
from site_src.site.variant import VariantContent

# Paragraph entries: [page index, anchor id, heading, text]; pages: [href, title].
INDEX_VARIABLE = "REPORT_SEARCH_INDEX"
FOLD_VARIABLE = "REPORT_SEARCH_FOLD"


@dataclass(frozen=True)
class SearchFiles:
    """The search files of one variant (its index) or of the site (the fold map)."""

    path: str
    text: str


def search_index(content: VariantContent, plan: SitePlan) -> SearchFiles:
    """The index of one variant: each paragraph and heading with its page, anchor and topic heading,
    in the reading order. On a site of several reports each page's title names its report, so a
    hit says where it is from."""
    titles = {page.route: page.title for page in plan.pages}
    pages: list[list[str]] = []
    page_numbers: dict[str, int] = {}
    entries: list[list[object]] = []
    several = len(content.reports) > 1

    for entry in content.reports:
        anchors = plan.reports[entry.slug].anchors
        label = f"{entry.report.full_title} · " if several else ""
        for step in entry.report.walk():
            if step.place == TERMS_HEADING_PLACE:
                continue  # the glossary's heading: its terms are indexed
            route = anchors[step.id]
            if route not in page_numbers:
                page_numbers[route] = len(pages)
                pages.append([route, label + titles[route]])
            entries.append([page_numbers[route], step.id, *_heading_and_text(step)])
    data = {"pages": pages, "entries": entries}
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
