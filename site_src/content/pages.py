"""Editorial pages: Markdown files under content/pages/, rendered with raw HTML switched off."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.model import VERBATIM
from site_src.yamlio import ID_PATTERN


@dataclass(frozen=True)
class EditorialPage:
    """A Markdown page: its slug (file name), title (its first # heading) and Markdown body."""

    slug: str = field(metadata=VERBATIM)
    title: str
    markdown: str


def load_pages(pages_dir: Path) -> tuple[EditorialPage, ...]:
    problems: list[Problem] = []
    pages = []
    for path in sorted(pages_dir.glob("*.md")):
        if not ID_PATTERN.fullmatch(path.stem):
            problems.append(Problem(Location(str(path)), "page file names must be lowercase ASCII "
                                                         "letters, digits and hyphens"))
            continue
        try:
            text = read_text(path)
        except SiteError as error:
            problems.extend(error.problems)
            continue
        match = re.match(r"\A# +(\S.*)(?:\n|\Z)", text)
        if not match:
            problems.append(Problem(Location(str(path), 1),
                                    "a page starts with its title as a level-1 heading: # 标题"))
            continue
        pages.append(EditorialPage(slug=path.stem, title=match.group(1).strip(),
                                   markdown=text[match.end():]))
    if problems:
        raise SiteError(problems)
    return tuple(pages)


def markdown_to_html(markdown: str) -> str:
    """CommonMark with tables; raw HTML in the source is escaped, never passed through."""
    from markdown_it import MarkdownIt  # only a build with editorial pages needs it

    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    return renderer.render(markdown)
