"""The search index: every paragraph of a variant and its summary pages, in shards a query loads
only where they can hold it, and a character fold shared by all variants.

Search must find every paragraph that contains the query, and only those, in either script. A
token index cannot promise that for Chinese (no spaces: Pagefind split this report's Traditional
text almost one word per character and missed paragraphs); an exact scan can, and a report is
about 60,000 characters, which a browser scans in well under a millisecond. So the index is the
text itself, loaded only when a search starts, as script files (a script loads from file:// and
from any sub-path, where fetch() of JSON would not). A site of a thousand reports is 57 MB of
text: a query must not load it all. So the text is cut into shards, and a small inverted index of
keys (each folded character and each pair of neighbouring characters) says which shards hold each
key. A paragraph that holds a word holds every key of it, so the shards that hold every key of
every word are the only ones that can hold a hit; the browser loads those a round at a time, a
round fetching at most the budget (100 KB, the manifest and the fold included), and goes on by
itself until it has hits to show or nothing is left; the next rounds load as the reader scrolls.

Ranked as far as the index can know before it fetches any text. A site of one report is one
shard, scanned at once. A site of several keeps two layers: the headings of every report (part
and area headings, topic leads, terms, the names on summary pages) in shards of their own, newest
report first, then each report's text (paragraphs with their topic leads) in shards of that
report, newest report first. So a first round holds the headings of an archive, and every hit in a
heading comes before any hit in the text; then the reports' text, by year, newest first (a year is
known before a shard is fetched, as a relevance score would not be; and a reader of an archive
asks first what the latest report says). Within that, search.js puts the whole phrase (the words
next to each other, in order) before scattered words; then the reading order.

Either script finds either: the browser folds query and text with one character map in which every
Simplified character and its Traditional forms (and glyph variants: 爲/為; “” and 「」) share a
representative, full-width letters and digits are their ASCII forms, and case does not count.
The query is words (all must be in a paragraph), a phrase in quotes, punctuation ignored between
its characters; a number matches only a whole number (6% is not in 56% or 6.6%). A word that holds
a synonym of the genre (search.yaml: gdp) also finds what it stands for (国内生产总值), unless it
is quoted. See search.js.

The index, format 4. ``<variant>/search-index.js`` is the manifest, ``window.REPORT_SEARCH_INDEX``::

    {"format": 4,
     "budget": 102400,                 # bytes a round may fetch
     "spent": 7615,                    # bytes of this manifest and the fold: a first round's start
     "keys": 6,                        # the most keys a query looks up
     "bucket_bytes": 3072,             # the most a bucket file holds
     "buckets": 32,                    # how many buckets: a key's is hash(key) % buckets
     "bucket": "search-index/keys-{n}.js",
     "shard": "search-index/text-{n}.js",
     "shards": "4AB…",                 # one character per shard, in the order they are loaded: its
                                       # size in KB (rounded up) - 1, in base 64 (A-Z a-z 0-9 - _)
     "heads": 2,                       # the first 2 shards hold the headings alone; 0: one layer
     "width": 1,                       # base-64 digits of a report's number
     "spans": "AAAB…",                 # per shard, the first and the last report it holds
     "governments": ["甲乙区", "某某市"],  # each government's place, as its latest report says it
     "first_year": 2013,
     "facets": "AF…",                  # per report: its government's number (gw digits, enough
     "gw": 1,                          # for one more: none), its year - first_year (2 digits;
                                       # "__": unknown)
     "synonyms": {"gdp": ["国内生产总值", "地区生产总值"]}}
                                       # a folded word a query may hold, and what it also finds,
                                       # spelled as this variant's text spells it

Reports are numbered newest first (a year's reports in the site's order); a report's number is its
place in ``facets``.

A shard, ``(window.REPORT_SEARCH_PARTS ||= {})["search-index/text-3.js"] = …`` (each part file
sets itself under its path, relative to the variant's folder)::

    {"reports": [[0, "兰州市城关区2025年政府工作报告"], …],   # the reports it holds: number, full title
     "pages":   [[report, route, title, context, summary], …]
                # report: index into this shard's reports; route from the variant's folder;
                # context: what holds the page where its title alone does not say (a section's
                # part); summary: 1 for a summary page (key figures, the industry system, slogans)
     "entries": [[page, anchor, heading, text], …]}
                # page: index into this shard's pages; in reading order, then the summary pages;
                # anchor "" for the top of the page. A heading shard's entries have no text; a text
                # shard of two layers leaves out the headings that have no text of their own.

A bucket, set the same way under ``search-index/keys-{n}.js``: ``{posting: "key key …", …}``, every
key of the bucket (one or two characters, folded as search.js folds, the characters search.js
skips left out) under the shards that hold it. A posting is either runs, ``gap[+length]`` in base
36 joined by commas (``0+rr``: shards 0 to 999; each run starts ``gap`` after the previous one's
end + 1), or ``~`` and a bitmap in the base-64 digits, six shards a digit, least bit first;
whichever is shorter. The key's hash is FNV-1a over its code points, then murmur3's finaliser.

The shard size is what the budget leaves: a round fetches the manifest and fold (the first time),
at most ``keys`` buckets of ``bucket_bytes``, and at least one shard; the build makes shards small
enough (at most 64 KB) that those fit, and buckets many enough that each fits ``bucket_bytes``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from site_src.model import CLOSING, PART_HEADING, PREAMBLE, SECTION_HEADING, TERMS_HEADING_PLACE, Step
from site_src.site import routes
from site_src.site.page import Page
from site_src.site.plan import SitePlan
from site_src.site.search_facets import Facets, digits_for, facets, number, spelled_synonyms
from site_src.site.search_keys import DIGITS64, Kinds, buckets, stripper, text_keys
from site_src.site.search_keys import fold_map as fold_map  # the build's fold, made here
from site_src.site.variant import ReportVariant, VariantContent

INDEX_VARIABLE = "REPORT_SEARCH_INDEX"
FOLD_VARIABLE = "REPORT_SEARCH_FOLD"
PARTS_VARIABLE = "REPORT_SEARCH_PARTS"
INDEX_FORMAT = 4
BUDGET = 100 * 1024  # bytes one round of a query may fetch
QUERY_KEYS = 6  # the most keys a query looks up (search.js asks for at most this many)
BUCKET_BYTES = 3 * 1024
SHARD_BYTES = 64 * 1024  # the most one size digit can say


@dataclass(frozen=True)
class SearchFiles:
    """One file of the search: a variant's manifest, a shard or a bucket, or the fold map."""

    path: str
    text: str


@dataclass(frozen=True)
class ReportText:
    """One report's entries in one variant, as its shards hold them (pages by route)."""

    title: str
    pages: tuple[tuple[str, str, str, int], ...]  # route, title, context, summary
    entries: tuple[tuple[int, str, str, str], ...]  # page (index into pages), anchor, heading, text
    year: int = 0  # what the reader filters by: the report's year, its issuer, its place
    issuer: str = ""
    place: str = ""


def search_index(variants: Sequence[VariantContent], plans: Sequence[SitePlan],
                 fold_for: Callable[[frozenset[str]], dict[str, str]],
                 synonyms: Mapping[str, Sequence[str]] | None = None) -> Iterator[SearchFiles]:
    """Every search file, one at a time: first the fold map shared by all variants, then each
    variant's manifest, shards and buckets. ``fold_for(characters)`` is ``fold_map`` of them with
    OpenCC's pairs (which a build may keep); ``synonyms`` the genre's (search.yaml), the shipped
    ones if not given. One variant's files are made only when the previous one's are written: the
    index of a thousand reports is not held whole."""
    if synonyms is None:
        from site_src.genre import shipped_search_words

        synonyms = shipped_search_words()
    texts: list[tuple[ReportText, ...] | None] = [
        tuple(replace(text, year=entry.report.year, issuer=entry.report.issuer, place=entry.report.place)
              for text, entry in zip(report_texts(variant, plan), variant.reports, strict=True))
        for variant, plan in zip(variants, plans, strict=True)]
    words = set("".join(synonyms)) | set("".join(word for said in synonyms.values() for word in said))
    fold = fold_for(frozenset(words.union(*(_characters(reports) for reports in texts if reports))))
    fold_file = SearchFiles(routes.static(routes.FOLD), f"window.{FOLD_VARIABLE}={_json(fold)};\n")
    yield fold_file
    fold_bytes = len(fold_file.text.encode("utf-8"))
    for number_, variant in enumerate(variants):
        reports, texts[number_] = texts[number_], None
        assert reports is not None
        yield from variant_index(variant.variant.path, reports, fold, fold_bytes, synonyms)


def search_sizes(files: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """What a build reports of the search, from (path, bytes) of every file it wrote: each
    manifest and the fold by name, each variant's parts together."""
    sizes: dict[str, int] = {}
    for path, size in files:
        group = routes.search_group(path)
        if group is not None:
            sizes[group] = sizes.get(group, 0) + size
    return tuple(sizes.items())


# --- what is indexed -------------------------------------------------------------------------------

def report_texts(content: VariantContent, plan: SitePlan) -> tuple[ReportText, ...]:
    """Each report's paragraphs and headings with their page, anchor and topic heading, in the
    reading order; then what its summary pages say in their own words (an industry and its tier,
    a slogan and its names, an indicator and its target). Each page names its part, for a section,
    so a hit says where it is from."""
    by_route = {page.route: page for page in plan.pages}
    by_report: dict[str | None, list[Page]] = defaultdict(list)
    for page in plan.pages:  # once, not once per report: a site may hold a thousand
        by_report[page.report].append(page)
    return tuple(_report_text(entry, plan, by_route, by_report[entry.slug]) for entry in content.reports)


def _report_text(entry: ReportVariant, plan: SitePlan, by_route: dict[str, Page],
                 own: list[Page]) -> ReportText:
    pages: list[tuple[str, str, str, int]] = []
    numbers: dict[str, int] = {}
    entries: list[tuple[int, str, str, str]] = []

    def page_number(route: str, summary: bool) -> int:
        if route not in numbers:
            numbers[route] = len(pages)
            pages.append((route, by_route[route].title, by_route[route].context, int(summary)))
        return numbers[route]

    anchors = plan.reports[entry.slug].anchors
    for step in entry.report.walk():
        if step.place == TERMS_HEADING_PLACE:
            continue  # the glossary's heading: its terms are indexed
        entries.append((page_number(anchors[step.id], False), step.id, *_heading_and_text(step)))
    for page in own:  # what each page says in its own words (a summary page's indicators …)
        for anchor, heading, text in page.search:
            entries.append((page_number(page.route, True), anchor, heading, text))
    return ReportText(entry.report.full_title, tuple(pages), tuple(entries))


def _characters(reports: Iterable[ReportText]) -> set[str]:
    """Every character the index of these reports holds."""
    return set("".join(text for report in reports for text in (
        report.title, *(piece for page in report.pages for piece in page[:3]),
        *(piece for entry in report.entries for piece in entry[1:]))))


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


# --- one variant's files ---------------------------------------------------------------------------

Entry = tuple[str, ...]  # what an entry holds beside its page: anchor, heading[, text]


@dataclass(frozen=True)
class _Item:
    """One entry on its way into a shard: its report (number, title), its page, what it holds."""

    report: int
    title: str
    page: tuple[str, str, str, int]  # route, title, context, summary
    entry: Entry
    size: int  # the bytes of the entry's JSON list, without its page's number

    @classmethod
    def of(cls, report: int, title: str, page: tuple[str, str, str, int], entry: Entry) -> _Item:
        return cls(report, title, page, entry, _size(list(entry)))


@dataclass(frozen=True)
class _Shard:
    """The reports, pages and entries of one shard, numbered within it."""

    reports: tuple[tuple[int, str], ...]
    pages: tuple[tuple[int, str, str, str, int], ...]
    entries: tuple[tuple[int | str, ...], ...]

    def data(self) -> dict[str, object]:
        return {"reports": [list(report) for report in self.reports],
                "pages": [list(page) for page in self.pages],
                "entries": [list(entry) for entry in self.entries]}

    def texts(self) -> Iterator[str]:
        """The headings and texts a query can find."""
        for entry in self.entries:
            yield from (str(field) for field in entry[2:])


def variant_index(folder: str, reports: Sequence[ReportText], fold: dict[str, str], fold_bytes: int,
                  synonyms: Mapping[str, Sequence[str]] | None = None) -> tuple[SearchFiles, ...]:
    """The manifest, the shards and the buckets of one variant. Shards are as large as the budget
    leaves room for after the manifest, the fold and the buckets, so one always fits a round."""
    order = sorted(range(len(reports)), key=lambda n: (-reports[n].year, n))  # newest first
    ordered = [reports[n] for n in order]
    characters = _characters(reports)
    strip = stripper(fold, characters)
    kinds = Kinds.of({char for char in "".join(characters).translate(strip)})
    found = facets([r.issuer for r in ordered], [r.place for r in ordered], [r.year for r in ordered])
    spelled = spelled_synonyms(synonyms, [[text for entry in r.entries for text in entry[2:] if text]
                                          for r in ordered], fold, characters) if synonyms else {}
    limit = min(SHARD_BYTES, BUDGET - fold_bytes - QUERY_KEYS * BUCKET_BYTES - 512)
    while True:
        shards, heads = _layers(ordered, limit - _wrapper(folder, "text"))
        texts = [_part(folder, "text", n, shard.data()) for n, shard in enumerate(shards)]
        sizes = [len(file.text.encode("utf-8")) for file in texts]
        held = buckets((text_keys(shard.texts(), strip, kinds) for shard in shards),  # one shard's at a time
                       BUCKET_BYTES - _wrapper(folder, "keys"))
        manifest = _manifest(folder, shards, heads, len(held), sizes, fold_bytes, found, spelled)
        spent = len(manifest.text.encode("utf-8")) + fold_bytes
        over = spent + QUERY_KEYS * BUCKET_BYTES + max(sizes, default=0) - BUDGET
        if over <= 0 or limit <= 4096:
            break
        limit -= over  # the manifest's lists left less room than was allowed for
    keys = [_part(folder, "keys", n, bucket) for n, bucket in enumerate(held)]
    return (manifest, *texts, *keys)


def _layers(reports: Sequence[ReportText], limit: int) -> tuple[list[_Shard], int]:
    """The shards of reports given newest first, and how many of them hold headings alone: none
    where the whole text is one shard, which is scanned at once; else the headings of every
    report in shards of their own, then each report's text in shards of that report."""
    def items(heading_only: bool | None) -> Iterator[_Item]:
        for number_, report in enumerate(reports):
            for page, anchor, heading, text in report.entries:
                if heading_only is None:
                    entry: Entry = (anchor, heading, text)
                elif heading_only:
                    if not heading:
                        continue
                    entry = (anchor, heading)
                elif not text:
                    continue  # a heading and nothing else: the heading layer holds it
                else:
                    entry = (anchor, heading, text)
                yield _Item.of(number_, report.title, report.pages[page], entry)

    if len(reports) == 1:  # a site of several reports has several shards: no need to try
        whole = list(_cut(items(None), limit, apart=True))
        if len(whole) <= 1:
            return whole, 0
    heads = list(_cut(items(True), limit, apart=False))
    return heads + list(_cut(items(False), limit, apart=True)), len(heads)


def _cut(items: Iterable[_Item], limit: int, apart: bool) -> Iterator[_Shard]:
    """Entries in shards of at most ``limit`` bytes of data, in their order, cut between pages
    (a page larger than a shard between its entries); ``apart``: each report in shards of its own."""
    empty = _size({"reports": [], "pages": [], "entries": []})
    reports: dict[int, int] = {}  # report number -> its index in this shard
    pages: dict[tuple[int, str], int] = {}  # (report, route) -> its index in this shard
    rows: tuple[list[tuple[int, str]], list[tuple[int, str, str, str, int]], list[tuple[int | str, ...]]]
    rows = ([], [], [])
    size = empty

    def cost(item: _Item) -> int:
        """What an item adds to the shard: its entry, and its page and report the first time."""
        key = (item.report, item.page[0])
        added = item.size + len(str(pages.get(key, len(pages)))) + 2  # [page,…] and a comma
        if key not in pages:
            added += _size([reports.get(item.report, len(reports)), *item.page]) + 1
        if item.report not in reports:
            added += _size([item.report, item.title]) + 1
        return added

    def add(item: _Item) -> None:
        if item.report not in reports:
            reports[item.report] = len(reports)
            rows[0].append((item.report, item.title))
        key = (item.report, item.page[0])
        if key not in pages:
            pages[key] = len(pages)
            rows[1].append((reports[item.report], *item.page))
        rows[2].append((pages[key], *item.entry))

    def done() -> _Shard:
        nonlocal rows, size
        shard = _Shard(tuple(rows[0]), tuple(rows[1]), tuple(rows[2]))
        reports.clear()
        pages.clear()
        rows, size = ([], [], []), empty
        return shard

    blocks: list[list[_Item]] = []  # consecutive entries of one page
    for item in items:
        if blocks and (blocks[-1][0].report, blocks[-1][0].page[0]) == (item.report, item.page[0]):
            blocks[-1].append(item)
        else:
            blocks.append([item])
    for block in blocks:
        whole = cost(block[0]) + sum(item.size + len(str(len(pages))) + 2 for item in block[1:])
        if rows[2] and (size + whole > limit or (apart and block[0].report not in reports)):
            yield done()
        for item in block:
            added = cost(item)
            if rows[2] and size + added > limit:
                yield done()
                added = cost(item)
            add(item)
            size += added
    if rows[2]:
        yield done()


def _manifest(folder: str, shards: Sequence[_Shard], heads: int, count: int, sizes: list[int],
              fold_bytes: int, found: Facets, synonyms: dict[str, list[str]]) -> SearchFiles:
    width = digits_for(max((report for shard in shards for report, _ in shard.reports), default=0) + 1)
    data: dict[str, object] = {
        "format": INDEX_FORMAT, "budget": BUDGET, "spent": 0, "keys": QUERY_KEYS,
        "bucket_bytes": BUCKET_BYTES, "buckets": count, "bucket": routes.search_part("keys", "{n}"),
        "shard": routes.search_part("text", "{n}"),
        "shards": "".join(DIGITS64[min(63, max(0, -(-size // 1024) - 1))] for size in sizes),
        "heads": heads, "width": width,
        "spans": "".join(number(shard.reports[0][0], width) + number(shard.reports[-1][0], width)
                         for shard in shards),
        "governments": list(found.governments), "first_year": found.first_year, "facets": found.codes,
        "gw": found.width, "synonyms": synonyms}
    text = ""
    for _ in range(3):  # the bytes spent include this file's own, which say how many they are
        data["spent"] = len(text.encode("utf-8")) + fold_bytes
        text = f"window.{INDEX_VARIABLE}={_json(data)};\n"
    return SearchFiles(routes.output(folder, routes.SEARCH_MANIFEST), text)


def _part(folder: str, kind: str, number_: int, data: object) -> SearchFiles:
    """A shard or a bucket: it sets itself under its path in the variant's folder."""
    path = routes.search_part(kind, number_)
    text = f"(window.{PARTS_VARIABLE}=window.{PARTS_VARIABLE}||{{}})[{json.dumps(path)}]={_json(data)};\n"
    return SearchFiles(routes.output(folder, path), text)


def _wrapper(folder: str, kind: str) -> int:
    """The bytes of a part file beside its data, at the longest number a site could give it."""
    return len(_part(folder, kind, 10 ** 6, None).text.encode("utf-8")) - len("null")


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _size(data: object) -> int:
    return len(_json(data).encode("utf-8"))
