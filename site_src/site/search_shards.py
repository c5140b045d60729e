"""The search's shards: entries cut into files of at most a size, between pages, and each report's
text shards with their keys made from that report alone, so that adding a report to an archive
makes its shards and leaves the others' as they were (their files, their names, their keys).

A report's text shards depend on its entries, the shard size, the fold of its own characters and
the synonyms' words: the memo keeps them (with their keys and the report's spelling of the
synonyms) under a digest of exactly that and this program. A shard names its reports by their
distance from its first (the manifest's spans say which that is), so a report's shards hold no
number of the archive's. The index's format is documented in search.py.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from site_src.output.fingerprint import digest, program
from site_src.output.memo import Memo
from site_src.site.search_facets import report_spellings
from site_src.site.search_keys import Kinds, key_hash, plain, stripper, text_keys

MEMO_KIND = "search report"
NAME_DIGITS = "0123456789abcdefghijklmnopqrstuv"  # a shard's name: one case (a file system may fold it)


@dataclass(frozen=True)
class ReportText:
    """One report's entries in one variant, as its shards hold them (pages by route)."""

    title: str
    pages: tuple[tuple[str, str, str, int], ...]  # route, title, context, summary
    entries: tuple[tuple[int, str, str, str], ...]  # page (index into pages), anchor, heading, text
    year: int = 0  # what the reader filters by: the report's year, its issuer, its place
    issuer: str = ""
    place: str = ""


Entry = tuple[str, ...]  # what an entry holds beside its page: anchor, heading[, text]


@dataclass(frozen=True)
class Item:
    """One entry on its way into a shard: its report (number, title), its page, what it holds."""

    report: int
    title: str
    page: tuple[str, str, str, int]  # route, title, context, summary
    entry: Entry
    size: int  # the bytes of the entry's JSON list, without its page's number

    @classmethod
    def of(cls, report: int, title: str, page: tuple[str, str, str, int], entry: Entry) -> Item:
        return cls(report, title, page, entry, size(list(entry)))


@dataclass(frozen=True)
class Shard:
    """The reports, pages and entries of one shard, numbered within it: a report by its distance
    from the shard's first (``first``, its number in the index, which the shard does not hold)."""

    first: int
    last: int
    reports: tuple[tuple[int, str], ...]
    pages: tuple[tuple[int, str, str, str, int], ...]
    entries: tuple[tuple[int | str, ...], ...]

    def data(self) -> str:
        """The shard's file's data, as JSON."""
        return to_json({"reports": [list(report) for report in self.reports],
                        "pages": [list(page) for page in self.pages],
                        "entries": [list(entry) for entry in self.entries]})

    def texts(self) -> Iterator[str]:
        """The headings and texts a query can find."""
        for entry in self.entries:
            yield from (str(field) for field in entry[2:])


def items(number: int, report: ReportText, heading_only: bool | None) -> Iterator[Item]:
    """A report's entries as items: all of them (``heading_only`` None), its headings alone
    (True), or the entries with a text (False: a heading and nothing else is the headings')."""
    for page, anchor, heading, text in report.entries:
        if heading_only is None:
            entry: Entry = (anchor, heading, text)
        elif heading_only:
            if not heading:
                continue
            entry = (anchor, heading)
        elif not text:
            continue
        else:
            entry = (anchor, heading, text)
        yield Item.of(number, report.title, report.pages[page], entry)


def cut(entries: Iterable[Item], limit: int, apart: bool) -> Iterator[Shard]:
    """Entries in shards of at most ``limit`` bytes of data, in their order, cut between pages
    (a page larger than a shard between its entries); ``apart``: each report in shards of its own."""
    empty = size({"reports": [], "pages": [], "entries": []})
    reports: dict[int, int] = {}  # report number -> its index in this shard
    pages: dict[tuple[int, str], int] = {}  # (report, route) -> its index in this shard
    rows: tuple[list[tuple[int, str]], list[tuple[int, str, str, str, int]], list[tuple[int | str, ...]]]
    rows = ([], [], [])
    used = empty

    def cost(item: Item) -> int:
        """What an item adds to the shard: its entry, and its page and report the first time."""
        key = (item.report, item.page[0])
        added = item.size + len(str(pages.get(key, len(pages)))) + 2  # [page,…] and a comma
        if key not in pages:
            added += size([reports.get(item.report, len(reports)), *item.page]) + 1
        if item.report not in reports:
            first = rows[0][0][0] if rows[0] else item.report
            added += size([item.report - first, item.title]) + 1
        return added

    def add(item: Item) -> None:
        if item.report not in reports:
            reports[item.report] = len(reports)
            rows[0].append((item.report, item.title))
        key = (item.report, item.page[0])
        if key not in pages:
            pages[key] = len(pages)
            rows[1].append((reports[item.report], *item.page))
        rows[2].append((pages[key], *item.entry))

    def done() -> Shard:
        nonlocal rows, used
        first, last = rows[0][0][0], rows[0][-1][0]
        shard = Shard(first, last, tuple((number - first, title) for number, title in rows[0]),
                      tuple(rows[1]), tuple(rows[2]))
        reports.clear()
        pages.clear()
        rows, used = ([], [], []), empty
        return shard

    blocks: list[list[Item]] = []  # consecutive entries of one page
    for item in entries:
        if blocks and (blocks[-1][0].report, blocks[-1][0].page[0]) == (item.report, item.page[0]):
            blocks[-1].append(item)
        else:
            blocks.append([item])
    for block in blocks:
        whole = cost(block[0]) + sum(item.size + len(str(len(pages))) + 2 for item in block[1:])
        if rows[2] and (used + whole > limit or (apart and block[0].report not in reports)):
            yield done()
        for item in block:
            added = cost(item)
            if rows[2] and used + added > limit:
                yield done()
                added = cost(item)
            add(item)
            used += added
    if rows[2]:
        yield done()


# --- one report's text shards, kept -----------------------------------------------------------------

@dataclass(frozen=True)
class ReportShards:
    """One report's text shards, made from it alone: what the index needs of them."""

    shards: tuple[str, ...]  # each shard's data, as JSON
    names: tuple[str, ...]  # each shard's digest (of its data), in NAME_DIGITS
    masks: dict[str, int]  # each key: the shards that hold it (bit n: shard n)
    hashes: dict[str, int]  # each key's key_hash (dicts of strings and numbers: nothing to collect)
    spellings: dict[str, str]  # each wanted word the report holds, as it spells it


def report_shards(report: ReportText, limit: int, fold: dict[str, str], wanted: frozenset[str],
                  memo: Memo) -> ReportShards:
    """A report's text shards of at most ``limit`` bytes of data, each shard's keys (folded with
    ``fold``) and its spelling of the ``wanted`` words: kept in ``memo`` under a digest of the
    report's entries, ``limit``, the fold of its own characters, ``wanted`` and this program."""
    characters = characters_of([report])
    own = sorted((char, fold[char]) for char in {plain(char) for char in characters} if char in fold)
    made = program()
    if made is None:
        return _report_shards(report, limit, dict(own), characters, wanted)
    data = to_json([limit, report.title, report.pages, report.entries, own, sorted(wanted)])
    key = digest(MEMO_KIND, made, hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest())
    return memo.get(MEMO_KIND, key, lambda: _report_shards(report, limit, dict(own), characters, wanted))


def _report_shards(report: ReportText, limit: int, fold: dict[str, str], characters: set[str],
                   wanted: frozenset[str]) -> ReportShards:
    strip = stripper(fold, characters)
    kinds = Kinds.of(set("".join(characters).translate(strip)))
    shards = list(cut(items(0, report, False), limit, apart=True))
    masks: dict[str, int] = {}
    for n, shard in enumerate(shards):
        for found in text_keys(shard.texts(), strip, kinds):
            masks[found] = masks.get(found, 0) | 1 << n
    texts = [text for entry in report.entries for text in entry[2:] if text]
    data = tuple(shard.data() for shard in shards)
    spellings = report_spellings(wanted, texts, strip)
    hashes = {found: key_hash(found) for found in masks}
    return ReportShards(data, tuple(name(text) for text in data), masks, hashes, spellings)


def name(data: str) -> str:
    """A digest of a shard's data, in NAME_DIGITS (160 bits; search.py uses its first digits)."""
    value = int.from_bytes(hashlib.sha1(data.encode("utf-8", "surrogatepass")).digest(), "big")
    return "".join(NAME_DIGITS[(value >> (5 * n)) & 31] for n in range(32))


def characters_of(reports: Iterable[ReportText]) -> set[str]:
    """Every character the index of these reports holds."""
    return set("".join(text for report in reports for text in (
        report.title, *(piece for page in report.pages for piece in page[:3]),
        *(piece for entry in report.entries for piece in entry[1:]))))


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def size(data: object) -> int:
    return len(to_json(data).encode("utf-8"))
