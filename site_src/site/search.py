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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from site_src.model import Report
from site_src.site.plan import SitePlan

if TYPE_CHECKING:
    from site_src.site.render import VariantContent

# Paragraph entries: [page index, anchor id, heading, text]; pages: [href, title].
INDEX_VARIABLE = "REPORT_SEARCH_INDEX"
FOLD_VARIABLE = "REPORT_SEARCH_FOLD"


@dataclass(frozen=True)
class SearchFiles:
    """The search files of one variant (its index) or of the site (the fold map)."""

    path: str
    text: str


def search_index(content: VariantContent, plan: SitePlan, titles: dict[str, str]) -> SearchFiles:
    """The index of one variant: each paragraph with its page, anchor and topic heading. On a site
    of several reports each page's title names its report, so a hit says where it is from."""
    pages: list[list[str]] = []
    page_numbers: dict[str, int] = {}
    entries: list[list[object]] = []
    several = len(content.reports) > 1

    for entry in content.reports:
        anchors = plan.anchors[entry.slug]
        report = entry.report
        label = f"{report.full_title} · " if several else ""

        def page(route: str, title: str = "", label: str = label) -> int:
            if route not in page_numbers:
                page_numbers[route] = len(pages)
                pages.append([route, label + (title or titles.get(route, route))])
            return page_numbers[route]

        entries.extend(_entries(report, anchors, page))
    data = {"pages": pages, "entries": entries}
    text = f"window.{INDEX_VARIABLE}={json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"
    return SearchFiles(f"{content.variant.path}/search-index.js", text)


def _entries(report: Report, anchors: dict[str, str], page: Callable[..., int]) -> list[list[object]]:
    """[page, anchor, heading, text] for every paragraph, part and section heading, in order."""
    entries: list[list[object]] = []
    for paragraph in report.preamble:
        entries.append([page(anchors[paragraph.id]), paragraph.id, "", paragraph.text])
    for part in report.parts:
        part_page = page(anchors[part.id], part.heading)
        entries.append([part_page, part.id, part.heading, ""])
        for paragraph in part.opening:
            entries.append([part_page, paragraph.id, paragraph.heading, paragraph.text])
        for section in part.sections:
            section_page = page(anchors[section.id], section.heading)
            entries.append([section_page, section.id, section.heading, ""])
            for paragraph in section.paragraphs:
                entries.append([section_page, paragraph.id, paragraph.heading, paragraph.text])
        for paragraph in part.closing + tuple(p for block in part.blocks for p in block.paragraphs):
            entries.append([part_page, paragraph.id, paragraph.heading, paragraph.text])
    for paragraph in report.closing:
        entries.append([page(anchors[paragraph.id]), paragraph.id, "", paragraph.text])
    for n, term in enumerate(report.terms, start=1):
        entries.append([page(anchors[f"term-{n}"]), f"term-{n}", term.term, term.explanation])
    return entries


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
