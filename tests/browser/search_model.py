"""What search.js does, written again here in Python over the index read back whole, so that the
browser tests can say which hits a query must show, and in which order (search.py documents the
index; search-core.js is what runs in the browser)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from site_src.genre import load_genre

LATIN = re.compile(r"[a-z0-9]")


def read(path: Path) -> Any:
    """The data of a search file: ``window.X=…;`` or ``(…)["path"]=…;``."""
    text = path.read_text(encoding="utf-8")
    start = text.index("]=") + 2 if text.startswith("(") else text.index("=") + 1
    return json.loads(text[start: text.rindex(";")])


def folded(fold: dict[str, str], text: str) -> str:
    """search.js's fold, and the punctuation and spaces it skips between a word's characters dropped."""
    out = []
    for char in text:
        code = ord(char)
        char = chr(code - 0xFEE0) if 0xFF01 <= code <= 0xFF5E else " " if code == 0x3000 else char
        char = char.lower() if "A" <= char <= "Z" else char
        out.append(fold.get(char, char) if code <= 0xFFFF else char)
    return "".join(c for c in "".join(out) if c in "%.‰" or not (
        unicodedata.category(c)[0] in "PZ" or c in "\t\n\v\f\r\ufeff"))


@cache
def synonyms() -> dict[str, tuple[str, ...]]:
    return dict(load_genre().search_synonyms)


def forms(word: str, fold: dict[str, str] | None = None) -> list[str]:
    """A query word (Simplified, or folded with ``fold``) and what the genre's synonyms make of it:
    the longest word of search.yaml it holds (a Latin one not inside a Latin word) replaced by
    each word it finds."""
    fold = fold or {}
    text = folded(fold, word)
    best: tuple[str, int] | None = None
    for key in synonyms():
        key_folded = folded(fold, key)
        at = text.find(key_folded)
        while at >= 0:
            before, after = text[at - 1: at], text[at + len(key_folded): at + len(key_folded) + 1]
            inside = (LATIN.match(key_folded[0]) and LATIN.match(before)) or (
                LATIN.match(key_folded[-1]) and LATIN.match(after))
            if not inside:
                break
            at = text.find(key_folded, at + 1)
        if at >= 0 and (best is None or len(key_folded) > len(folded(fold, best[0]))):
            best = (key, at)
    found = [text]
    if best is not None:
        key, at = best
        size = len(folded(fold, key))
        found += [text[:at] + folded(fold, other) + text[at + size:] for other in synonyms()[key]]
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Hit:
    tier: int  # 0 the phrase in the heading, 1 every word in it, 2 the phrase in the text, 3 scattered
    report: int
    shard: int
    entry: int
    route: str
    anchor: str

    def rank(self) -> tuple[int, int, int, int]:
        return (self.tier, self.report, self.shard, self.entry)


def shard_path(manifest: dict[str, Any], n: int) -> str:
    """The path of the ``n``th shard, from the variant's folder: named by its name in the manifest."""
    width = manifest["name_width"]
    return str(manifest["shard"]).replace("{name}", manifest["names"][n * width:(n + 1) * width])


def shard_number(manifest: dict[str, Any], path: Path | str) -> int:
    """The place in the index's order of the shard at ``path``."""
    width, name = manifest["name_width"], Path(path).stem.removeprefix("text-")
    names = [manifest["names"][n:n + width] for n in range(0, len(manifest["names"]), width)]
    return names.index(name)


def report_of(manifest: dict[str, Any], n: int, shard: dict[str, Any], page: list[Any]) -> int:
    """The number of the report a page of the ``n``th shard is of: the shard numbers its reports from
    its first, which the manifest's spans name."""
    width = manifest["width"]
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    first = 0
    for char in manifest["spans"][2 * n * width:(2 * n + 1) * width]:
        first = first * 64 + digits.index(char)
    return first + int(shard["reports"][page[0]][0])


def hits(out: Path, variant: str, words: list[str], shards: list[int] | None = None,
         quoted: bool = False) -> list[Hit]:
    """The hits of a query of plain words (no numbers) over the shards given, or all: every entry
    whose heading or text holds one form of each word, in rank order."""
    fold = read(out / "static" / "search-fold.js")
    manifest = read(out / variant / "search-index.js")
    heads = manifest["heads"]
    wanted = [[folded(fold, word)] if quoted else forms(word, fold) for word in words]
    found = []
    for n in range(len(manifest["shards"])) if shards is None else shards:
        shard = read(out / variant / shard_path(manifest, n))
        for i, entry in enumerate(shard["entries"]):
            heading, text = folded(fold, entry[2]), folded(fold, entry[3] if len(entry) > 3 else "")
            if not all(any(f in heading or f in text for f in word) for word in wanted):
                continue
            every = all(any(f in heading for f in word) for word in wanted)
            if every and heads and n >= heads:
                continue  # the heading's shard holds it
            phrases = [""]
            for word in wanted:
                phrases = [p + f for p in phrases for f in word]
            whole = len(wanted) == 1 or any(p in heading or (not every and p in text) for p in phrases)
            page = shard["pages"][entry[0]]
            found.append(Hit((0 if every else 2) + (0 if whole else 1), report_of(manifest, n, shard, page),
                             n, i, page[1], entry[1]))
    return sorted(found, key=Hit.rank)


def by_page(found: list[Hit]) -> list[tuple[str, str]]:
    """(route, anchor) of hits as a list shows them: grouped by page, pages by their best hit."""
    groups: dict[tuple[int, str], list[Hit]] = {}
    for hit in found:
        groups.setdefault((hit.report, hit.route), []).append(hit)
    ranked = sorted(groups.values(), key=lambda group: min(h.rank() for h in group))
    return [(hit.route, hit.anchor) for group in ranked for hit in sorted(group, key=Hit.rank)]


def shown(out: Path, variant: str, words: list[str], rounds: list[list[int]]) -> list[tuple[str, str]]:
    """(route, anchor) of every hit as the page shows them after the rounds given (each a list of
    shards): on a site of one report, each round's hits by page after the last round's; on a site
    of several, the hits in headings, then those in the text, each in a block per report (a
    round's new blocks by their best hit, after the blocks before), each block's hits by page."""
    manifest = read(out / variant / "search-index.js")
    several = len(manifest["facets"]) > manifest["gw"] + 2
    if not several:
        return [hit for shards in rounds for hit in by_page(hits(out, variant, words, shards))]
    blocks: list[list[tuple[int, int]]] = [[], []]  # per layer, the reports of its blocks in order
    found: dict[tuple[int, int], list[Hit]] = {}
    for shards in rounds:
        new: dict[tuple[int, int], list[Hit]] = {}
        for hit in hits(out, variant, words, shards):
            key = (0 if hit.tier < 2 else 1, hit.report)
            (found if key in found else new).setdefault(key, []).append(hit)
        for key in sorted(new, key=lambda k: min(h.rank() for h in new[k])):
            blocks[key[0]].append(key)
            found[key] = new[key]
    return [hit for layer in blocks for key in layer for hit in by_page(found[key])]
