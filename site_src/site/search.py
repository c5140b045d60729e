"""The search index: every paragraph of a variant and its summary pages, in shards a query loads
only where they can hold it, and a character fold shared by all variants.

Search must find every paragraph that contains the query, and only those, in either script. A
token index cannot promise that for Chinese (no spaces: Pagefind split this report's Traditional
text almost one word per character and missed paragraphs); an exact scan can, and a report is
about 60,000 characters, which a browser scans in well under a millisecond. So the index is the
text itself, loaded only when a search starts, as script files (a script loads from file:// and
from any sub-path, where fetch() of JSON would not). A site of a thousand reports is 57 MB of
text: a query must not load it all. So the text is cut into shards (a report's pages, in reading
order; a long report in several), and a small inverted index of keys (each folded character and
each pair of neighbouring characters) says which shards hold each key. A paragraph that holds a
word holds every key of it, so the shards that hold every key of every word are the only ones that
can hold a hit; the browser loads those in reading order and scans them as before, a round at a
time, a round stopping once it shows a page of hits or would fetch more than the budget (100 KB,
the manifest and the fold included). "More results" runs the next round.

Either script finds either: the browser folds query and text with one character map in which every
Simplified character and its Traditional forms (and glyph variants: 爲/為; “” and 「」) share a
representative, full-width letters and digits are their ASCII forms, and case does not count.
The query is words (all must be in a paragraph), a phrase in quotes, punctuation ignored between
its characters; a number matches only a whole number (6% is not in 56% or 6.6%). See search.js.

The index, format 3. ``<variant>/search-index.js`` is the manifest, ``window.REPORT_SEARCH_INDEX``::

    {"format": 3,
     "reports": 4,                     # how many reports the site holds (hits name theirs if > 1)
     "budget": 102400,                 # bytes a round may fetch
     "spent": 7615,                    # bytes of this manifest and the fold: a first round's start
     "keys": 6,                        # the most keys a query looks up
     "bucket_bytes": 3072,             # the most a bucket file holds
     "buckets": 32,                    # how many buckets: a key's is hash(key) % buckets
     "bucket": "search-index/keys-{n}.js",
     "shard": "search-index/text-{n}.js",
     "shards": "4AB…"}                 # one character per shard, in reading order: its size in KB
                                       # (rounded up) - 1, in base 64 (A-Z a-z 0-9 - _)

A shard, ``(window.REPORT_SEARCH_PARTS ||= {})["search-index/text-3.js"] = …`` (each part file
sets itself under its path, relative to the variant's folder)::

    {"report": 0, "title": "兰州市城关区2025年政府工作报告",   # the report's number and full title
     "pages":   [[route, title, context, summary], …]
                # route from the variant's folder; context: what holds the page where its title
                # alone does not say (a section's part); summary: 1 for a summary page (key
                # figures, the industry system, slogans), else 0
     "entries": [[page, anchor, heading, text], …]}
                # page: index into this shard's pages; in reading order, then the summary pages;
                # anchor "" for the top of the page

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
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from site_src.model import CLOSING, PART_HEADING, PREAMBLE, SECTION_HEADING, TERMS_HEADING_PLACE, Step
from site_src.site import routes
from site_src.site.page import Page
from site_src.site.plan import SitePlan
from site_src.site.variant import ReportVariant, VariantContent

INDEX_VARIABLE = "REPORT_SEARCH_INDEX"
FOLD_VARIABLE = "REPORT_SEARCH_FOLD"
PARTS_VARIABLE = "REPORT_SEARCH_PARTS"
INDEX_FORMAT = 3
BUDGET = 100 * 1024  # bytes one round of a query may fetch
QUERY_KEYS = 6  # the most keys a query looks up (search.js asks for at most this many)
BUCKET_BYTES = 3 * 1024
SHARD_BYTES = 64 * 1024  # the most one size digit can say
DIGITS64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_NUMBER_MARKS = "%.‰"  # punctuation that belongs to a number: never skipped (search.js: SKIP)
_JS_SPACE = "\t\n\v\f\r\ufeff"  # what JavaScript's \s adds to \p{Z}


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


def search_index(variants: Sequence[VariantContent], plans: Sequence[SitePlan],
                 fold_for: Callable[[frozenset[str]], dict[str, str]]) -> Iterator[SearchFiles]:
    """Every search file, one at a time: first the fold map shared by all variants, then each
    variant's manifest, shards and buckets. ``fold_for(characters)`` is ``fold_map`` of them with
    OpenCC's pairs (which a build may keep). One variant's files are made only when the previous
    one's are written: the index of a thousand reports is not held whole."""
    texts: list[tuple[ReportText, ...] | None] = [
        report_texts(variant, plan) for variant, plan in zip(variants, plans, strict=True)]
    fold = fold_for(frozenset(set().union(*(_characters(reports) for reports in texts if reports))))
    fold_file = SearchFiles(routes.static(routes.FOLD), f"window.{FOLD_VARIABLE}={_json(fold)};\n")
    yield fold_file
    fold_bytes = len(fold_file.text.encode("utf-8"))
    for number, variant in enumerate(variants):
        reports, texts[number] = texts[number], None
        assert reports is not None
        yield from variant_index(variant.variant.path, reports, fold, fold_bytes)


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

def variant_index(folder: str, reports: Sequence[ReportText], fold: dict[str, str],
                  fold_bytes: int) -> tuple[SearchFiles, ...]:
    """The manifest, the shards and the buckets of one variant. Shards are as large as the budget
    leaves room for after the manifest, the fold and the buckets, so one always fits a round."""
    characters = _characters(reports)
    strip = _stripper(fold, characters)
    kinds = _Kinds.of({char for char in "".join(characters).translate(strip)})
    limit = min(SHARD_BYTES, BUDGET - fold_bytes - QUERY_KEYS * BUCKET_BYTES - 512)
    while True:
        shards = [(number, shard) for number, report in enumerate(reports)
                  for shard in _cut(report, limit - _wrapper(folder, "text"))]
        texts = [_part(folder, "text", n, {"report": number, "title": shard.title,
                                           "pages": [list(page) for page in shard.pages],
                                           "entries": [list(entry) for entry in shard.entries]})
                 for n, (number, shard) in enumerate(shards)]
        sizes = [len(file.text.encode("utf-8")) for file in texts]
        buckets = _buckets((_keys(shard, strip, kinds) for _, shard in shards),  # one shard's at a time
                           BUCKET_BYTES - _wrapper(folder, "keys"))
        manifest = _manifest(folder, len(reports), len(buckets), sizes, fold_bytes)
        spent = len(manifest.text.encode("utf-8")) + fold_bytes
        over = spent + QUERY_KEYS * BUCKET_BYTES + max(sizes, default=0) - BUDGET
        if over <= 0 or limit <= 4096:
            break
        limit -= over  # the manifest's list of sizes left less room than was allowed for
    keys = [_part(folder, "keys", n, bucket) for n, bucket in enumerate(buckets)]
    return (manifest, *texts, *keys)


def _manifest(folder: str, reports: int, buckets: int, sizes: list[int], fold_bytes: int) -> SearchFiles:
    data: dict[str, object] = {
        "format": INDEX_FORMAT, "reports": reports, "budget": BUDGET, "spent": 0, "keys": QUERY_KEYS,
        "bucket_bytes": BUCKET_BYTES, "buckets": buckets, "bucket": routes.search_part("keys", "{n}"),
        "shard": routes.search_part("text", "{n}"),
        "shards": "".join(DIGITS64[min(63, max(0, -(-size // 1024) - 1))] for size in sizes)}
    text = ""
    for _ in range(3):  # the bytes spent include this file's own, which say how many they are
        data["spent"] = len(text.encode("utf-8")) + fold_bytes
        text = f"window.{INDEX_VARIABLE}={_json(data)};\n"
    return SearchFiles(routes.output(folder, routes.SEARCH_MANIFEST), text)


def _part(folder: str, kind: str, number: int, data: object) -> SearchFiles:
    """A shard or a bucket: it sets itself under its path in the variant's folder."""
    path = routes.search_part(kind, number)
    text = f"(window.{PARTS_VARIABLE}=window.{PARTS_VARIABLE}||{{}})[{json.dumps(path)}]={_json(data)};\n"
    return SearchFiles(routes.output(folder, path), text)


def _wrapper(folder: str, kind: str) -> int:
    """The bytes of a part file beside its data, at the longest number a site could give it."""
    return len(_part(folder, kind, 10 ** 6, None).text.encode("utf-8")) - len("null")


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _size(data: object) -> int:
    return len(_json(data).encode("utf-8"))


def _cut(report: ReportText, limit: int) -> Iterator[ReportText]:
    """The report in shards of at most ``limit`` bytes of data, in reading order, cut between
    pages; a page larger than a shard is cut between its entries."""
    blocks: list[list[tuple[int, str, str, str]]] = []  # consecutive entries of one page
    for entry in report.entries:
        if blocks and blocks[-1][0][0] == entry[0]:
            blocks[-1].append(entry)
        else:
            blocks.append([entry])
    empty = _size({"report": 10 ** 6, "title": report.title, "pages": [], "entries": []})
    pages: list[tuple[str, str, str, int]] = []
    entries: list[tuple[int, str, str, str]] = []
    size = empty

    def cost(entry: tuple[int, str, str, str]) -> int:
        """What an entry adds to the shard: itself, and its page the first time."""
        page = report.pages[entry[0]]
        new = page not in pages
        number = len(pages) if new else pages.index(page)
        return _size([number, *entry[1:]]) + 1 + (_size(list(page)) + 1 if new else 0)

    for block in blocks:
        whole = sum(_size(list(entry)) + 1 for entry in block) + _size(list(report.pages[block[0][0]])) + 1
        if entries and size + whole > limit:
            yield ReportText(report.title, tuple(pages), tuple(entries))
            pages, entries, size = [], [], empty
        for entry in block:
            added = cost(entry)
            if entries and size + added > limit:
                yield ReportText(report.title, tuple(pages), tuple(entries))
                pages, entries, size = [], [], empty
                added = cost(entry)
            if report.pages[entry[0]] not in pages:
                pages.append(report.pages[entry[0]])
            entries.append((pages.index(report.pages[entry[0]]), *entry[1:]))
            size += added
    if entries:
        yield ReportText(report.title, tuple(pages), tuple(entries))


# --- keys and buckets ------------------------------------------------------------------------------

def _stripper(fold: dict[str, str], characters: set[str]) -> dict[int, str | None]:
    """A translation table doing what search.js does to text before it matches: each character
    folded one UTF-16 unit at a time (so a character beyond the BMP is left as it is), then the
    characters it skips between those of a word dropped."""
    table: dict[int, str | None] = {}
    for char in characters:
        code = ord(char)
        folded = chr(code - 0xFEE0) if 0xFF01 <= code <= 0xFF5E else " " if code == 0x3000 else char
        folded = folded.lower() if "A" <= folded <= "Z" else folded
        folded = fold.get(folded, folded) if code <= 0xFFFF else char
        skipped = len(folded) == 1 and _skipped(folded)
        if skipped or folded != char:
            table[code] = None if skipped else folded
    return table


def _skipped(char: str) -> bool:
    """search.js's SKIPPED: punctuation and space, save what belongs to a number."""
    return char not in _NUMBER_MARKS and (unicodedata.category(char)[0] in "PZ" or char in _JS_SPACE)


@dataclass(frozen=True)
class _Kinds:
    """The characters of a site search.js makes no keys of (neither letters, digits, marks, symbols
    nor what belongs to a number), and those this Python's Unicode does not know yet, which the
    browser's may know as a letter or as punctuation it skips."""

    unkeyed: frozenset[str]
    unknown: frozenset[str]

    @classmethod
    def of(cls, characters: Iterable[str]) -> _Kinds:
        categories = {char: unicodedata.category(char) for char in characters}
        return cls(frozenset(c for c, cat in categories.items() if cat[0] not in "LNMS" and cat != "Cn"
                             and c not in _NUMBER_MARKS),
                   frozenset(c for c, cat in categories.items() if cat == "Cn"))


def _keys(shard: ReportText, strip: dict[int, str | None], kinds: _Kinds) -> set[str]:
    """Every key of a shard: each character search.js keys and each pair of neighbours (over the
    characters it skips), in a heading or a text; a character of Unicode this Python does not
    know is indexed as a character and as one skipped, so the browser finds it either way."""
    keys: set[str] = set()
    for _, _, heading, text in shard.entries:
        for field in (heading, text):
            chars = field.translate(strip)
            keys.update(chars)
            keys.update(chars[i:i + 2] for i in range(len(chars) - 1))
            if kinds.unknown and not kinds.unknown.isdisjoint(chars):
                keys.update(chars[i - 1] + chars[i + 1] for i in range(1, len(chars) - 1)
                            if chars[i] in kinds.unknown)
    if kinds.unkeyed:
        keys = {key for key in keys if kinds.unkeyed.isdisjoint(key)}
    return keys


def key_hash(key: str) -> int:
    """FNV-1a over the key's code points, then murmur3's finaliser (search.js: bucketOf)."""
    h = 0x811C9DC5
    for char in key:
        h = ((h ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    return h ^ (h >> 16)


def posting(shards: Sequence[int]) -> str:
    """The shards that hold a key (ascending), as runs or as a bitmap, whichever is shorter."""
    runs, at, i = [], 0, 0
    while i < len(shards):
        j = i
        while j + 1 < len(shards) and shards[j + 1] == shards[j] + 1:
            j += 1
        length = shards[j] - shards[i]
        runs.append(_base36(shards[i] - at) + (f"+{_base36(length)}" if length else ""))
        at, i = shards[j] + 1, j + 1
    listed = ",".join(runs)
    if not shards or shards[-1] // 6 + 2 >= len(listed):
        return listed  # a bitmap would be no shorter
    digits = [0] * (shards[-1] // 6 + 1)
    for shard in shards:
        digits[shard // 6] |= 1 << (shard % 6)
    return "~" + "".join(DIGITS64[d] for d in digits)


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not number:
            return digits


def _buckets(shard_keys: Iterable[set[str]], limit: int) -> list[dict[str, str]]:
    """Each key under its posting, in as few buckets (a power of two) as keep each within
    ``limit`` bytes of data; a bucket holds its keys grouped by posting, so keys of the same
    shards share one."""
    holders: dict[str, list[int]] = defaultdict(list)
    for number, keys in enumerate(shard_keys):
        for key in keys:
            holders[key].append(number)
    written: dict[tuple[int, ...], str] = {}
    postings = {key: written.get(held) or written.setdefault(held, posting(held))
                for key, held in ((key, tuple(shards)) for key, shards in holders.items())}
    hashes = {key: key_hash(key) for key in postings}
    costs = {key: len(key.encode("utf-8")) + 1 for key in postings}  # the key and a space (or quote)
    # A bucket's bytes: {"posting":"key key",…} is 1 + each posting's (its length + 5) + each key's.
    total = 1 + sum(costs.values()) + sum(len(p) + 5 for p in written.values())
    count = 1 << max(0, (total // limit).bit_length())
    while True:
        sizes, groups = [1] * count, set()
        for key, held in postings.items():
            bucket = hashes[key] % count
            sizes[bucket] += costs[key]
            if (bucket, held) not in groups:
                groups.add((bucket, held))
                sizes[bucket] += len(held) + 5
        if max(sizes) <= limit or count >= 1 << 16:
            break
        count *= 2
    grouped: list[dict[str, list[str]]] = [defaultdict(list) for _ in range(count)]
    for key in sorted(postings):
        grouped[hashes[key] % count][postings[key]].append(key)
    return [{p: " ".join(keys) for p, keys in sorted(bucket.items())} for bucket in grouped]


# --- the fold --------------------------------------------------------------------------------------

def fold_map(characters: Iterable[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
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
    return dict(sorted(fold.items()))
