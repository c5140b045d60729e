"""Reading built pages in tests: visible text, ids, links, and the alternate-language links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

# Elements whose text is not the page's reading text in its script: scripts, passages marked with
# another language tag (lang="zh-Hant" on a zh-Hans page), and quotes of the damaged source shown
# on the about page (class "source-quote"), which record what the importer removed, and lists of
# a dictionary's candidate characters shown as characters (class "script-sample").
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Page:
    lang: str = ""
    text: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    alternates: dict[str, str] = field(default_factory=dict)
    title: str = ""
    description: str = ""  # the meta description and Open Graph texts
    rels: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.skip_depth = 0
        self.stack: list[bool] = []
        self.pieces: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page.lang = attributes.get("lang", "")
        if "id" in attributes:
            self.page.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.page.links.append(attributes["href"])
            if "rel" in attributes:
                self.page.rels[attributes["rel"]] = attributes["href"]
        if tag == "link" and attributes.get("rel") == "alternate" and "hreflang" in attributes:
            self.page.alternates[attributes["hreflang"]] = attributes["href"]
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.page.links.append(attributes["href"])
        if tag == "script" and "src" in attributes:
            self.page.links.append(attributes["src"])
        if tag == "title":
            self.in_title = True
        if tag == "meta" and attributes.get("name", attributes.get("property")) in (
                "description", "og:title", "og:description", "og:site_name"):
            self.page.description += attributes.get("content", "")
        if tag in _VOID:
            return
        other_script = "lang" in attributes and tag != "html" and attributes["lang"] != self.page.lang
        skipping = (tag in ("script", "style") or other_script
                    # a glossary's reasons quote the other script's forms on purpose (作“併”)
                    or {"source-quote", "script-sample", "glossary-reason"}
                    & set(attributes.get("class", "").split()))
        self.stack.append(skipping)
        if skipping:
            self.skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _VOID or not self.stack:
            return
        if self.stack.pop():
            self.skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.page.title += data
        if not self.skip_depth:
            self.pieces.append(data)


def read_page(path: Path) -> Page:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    parser.page.text = "".join(parser.pieces)
    return parser.page


def broken_links(site: Path) -> list[tuple[str, str]]:
    """Every relative link of every page of a built site that leads to no file or no anchor."""
    pages = {path.relative_to(site): read_page(path) for path in sorted(site.rglob("*.html"))}
    broken = []
    for path, page in pages.items():
        for href in page.links + list(page.alternates.values()):
            target, anchor = urldefrag(href)
            target = target.partition("?")[0]  # a search link's query (search.html?q=…) is no file
            resolved = ((site / path).parent / target if target else site / path).resolve()
            if not resolved.is_file() or (anchor and anchor not in pages[resolved.relative_to(site)].ids):
                broken.append((str(path), href))
    return broken
