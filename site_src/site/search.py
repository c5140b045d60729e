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

The index, format 5. ``<variant>/search-index.js`` is the manifest, ``window.REPORT_SEARCH_INDEX``::

    {"format": 5,
     "budget": 102400,                 # bytes a round may fetch
     "spent": 7615,                    # bytes of this manifest and the fold: a first round's start
     "keys": 6,                        # the most keys a query looks up
     "bucket_bytes": 3072,             # the most a bucket file holds
     "buckets": 32,                    # how many buckets: a key's is hash(key) % buckets
     "bucket": "search-index/keys-{n}.js",
     "shard": "search-index/text-{name}.js",
     "names": "s1kdrctgaqiojri8…",     # per shard, in the order they are loaded, its name: the first
     "name_width": 8,                  # name_width digits (0-9 a-v) of a digest of its data
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
place in ``facets``. A shard is named by what it holds, and holds no number of the archive's (a
report by its distance from the shard's first, which ``spans`` says): a report's text shards are
made from that report alone (search_shards.py), so adding a report to an archive leaves the
others' shard files as they were; only the manifest, the heading shards and the buckets change.

A shard, ``(window.REPORT_SEARCH_PARTS ||= {})["search-index/text-s1kdrctg.js"] = …`` (each part
file sets itself under its path, relative to the variant's folder)::

    {"reports": [[0, "兰州市城关区2025年政府工作报告"], …],   # the reports it holds: the distance
                # of each from the shard's first (its span's first), its full title
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
enough (at most 64 KB, in steps of 4 KB: a site that grows a little keeps its shards) that those
fit, and buckets many enough that each fits ``bucket_bytes``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from site_src.model import CLOSING, PART_HEADING, PREAMBLE, SECTION_HEADING, TERMS_HEADING_PLACE, Step
from site_src.output.memo import Memo
from site_src.site import routes
from site_src.site.page import Page
from site_src.site.plan import SitePlan
from site_src.site.search_facets import (
    Facets,
    digits_for,
    facets,
    number,
    report_spellings,
    spelled_synonyms,
    synonym_strip,
    wanted_words,
)
from site_src.site.search_keys import DIGITS64, Kinds, buckets, key_hash, stripper, text_keys
from site_src.site.search_keys import fold_map as fold_map  # the build's fold, made here
from site_src.site.search_shards import NAME_DIGITS, Shard, characters_of, cut, items, name, report_shards
from site_src.site.search_shards import ReportText as ReportText  # what a report gives the index
from site_src.site.variant import ReportVariant, VariantContent

INDEX_VARIABLE = "REPORT_SEARCH_INDEX"
FOLD_VARIABLE = "REPORT_SEARCH_FOLD"
PARTS_VARIABLE = "REPORT_SEARCH_PARTS"
INDEX_FORMAT = 5
BUDGET = 100 * 1024  # bytes one round of a query may fetch
QUERY_KEYS = 6  # the most keys a query looks up (search.js asks for at most this many)
BUCKET_BYTES = 3 * 1024
SHARD_BYTES = 64 * 1024  # the most one size digit can say


@dataclass(frozen=True)
class SearchFiles:
    """One file of the search: a variant's manifest, a shard or a bucket, or the fold map."""

    path: str
    text: str


def search_index(variants: Sequence[VariantContent], plans: Sequence[SitePlan],
                 fold_for: Callable[[frozenset[str]], dict[str, str]],
                 synonyms: Mapping[str, Sequence[str]] | None = None,
                 memo: Memo | None = None) -> Iterator[SearchFiles]:
    """Every search file, one at a time: first the fold map shared by all variants, then each
    variant's manifest, shards and buckets. ``fold_for(characters)`` is ``fold_map`` of them with
    OpenCC's pairs (which a build may keep); ``synonyms`` the genre's (search.yaml), the shipped
    ones if not given; ``memo`` keeps each report's shards (search_shards.py). One variant's files
    are made only when the previous one's are written: the index of a thousand reports is not held
    whole."""
    if synonyms is None:
        from site_src.genre import shipped_search_words

        synonyms = shipped_search_words()
    texts: list[tuple[ReportText, ...] | None] = [
        tuple(replace(text, year=entry.report.year, issuer=entry.report.issuer, place=entry.report.place)
              for text, entry in zip(report_texts(variant, plan), variant.reports, strict=True))
        for variant, plan in zip(variants, plans, strict=True)]
    words = set("".join(synonyms)) | set("".join(word for said in synonyms.values() for word in said))
    fold = fold_for(frozenset(words.union(*(characters_of(reports) for reports in texts if reports))))
    fold_file = SearchFiles(routes.static(routes.FOLD), f"window.{FOLD_VARIABLE}={_json(fold)};\n")
    yield fold_file
    fold_bytes = len(fold_file.text.encode("utf-8"))
    for number_, variant in enumerate(variants):
        reports, texts[number_] = texts[number_], None
        assert reports is not None
        yield from variant_index(variant.variant.path, reports, fold, fold_bytes, synonyms, memo)


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

NAME_WIDTH = 8  # digits of a shard's name, more only where two shards' first 8 are the same


@dataclass(frozen=True)
class _Layers:
    """A variant's shards in the index's order, and what the buckets and the manifest need."""

    data: list[str]  # each shard's data, as JSON
    names: list[str]  # each shard's name (a digest of its data)
    spans: list[tuple[int, int]]  # the first and the last report each holds
    heads: int  # how many shards, first, hold the headings alone
    holders: dict[str, int]  # each key: the shards that hold it (bit n: shard n)
    hashes: dict[str, int]  # each key's key_hash
    spellings: list[dict[str, str]]  # each report's spelling of the wanted words, newest first


def variant_index(folder: str, reports: Sequence[ReportText], fold: dict[str, str], fold_bytes: int,
                  synonyms: Mapping[str, Sequence[str]] | None = None,
                  memo: Memo | None = None) -> tuple[SearchFiles, ...]:
    """The manifest, the shards and the buckets of one variant. Shards are as large as the budget
    leaves room for after the manifest, the fold and the buckets (in steps of 4 KB, so that a site
    that grows a little keeps its shards), so one always fits a round."""
    memo = memo if memo is not None else Memo()
    order = sorted(range(len(reports)), key=lambda n: (-reports[n].year, n))  # newest first
    ordered = [reports[n] for n in order]
    characters = characters_of(reports)
    strip = stripper(fold, characters)
    kinds = Kinds.of({char for char in "".join(characters).translate(strip)})
    found = facets([r.issuer for r in ordered], [r.place for r in ordered], [r.year for r in ordered])
    words = synonym_strip(synonyms or {}, fold)
    wanted = wanted_words(synonyms, words) if synonyms else frozenset()
    limit = _rounded(min(SHARD_BYTES, BUDGET - fold_bytes - QUERY_KEYS * BUCKET_BYTES - 512))
    while True:
        layers = _layers(ordered, limit - _wrapper(folder, "text"), (strip, kinds, fold, wanted), memo)
        width = _name_width(layers.names)
        texts = {name[:width]: _part(folder, "text", name[:width], data)
                 for name, data in zip(layers.names, layers.data, strict=True)}
        sizes = [len(texts[name[:width]].text.encode("utf-8")) for name in layers.names]
        held = buckets(layers.holders, layers.hashes, BUCKET_BYTES - _wrapper(folder, "keys"))
        spelled = spelled_synonyms(synonyms, layers.spellings, words) if synonyms else {}
        manifest = _manifest(folder, layers, width, len(held), sizes, fold_bytes, found, spelled)
        spent = len(manifest.text.encode("utf-8")) + fold_bytes
        over = spent + QUERY_KEYS * BUCKET_BYTES + max(sizes, default=0) - BUDGET
        if over <= 0 or limit <= _STEP:
            break
        limit = _rounded(limit - over)  # the manifest's lists left less room than was allowed for
    keys = [_part(folder, "keys", str(n), _json(bucket)) for n, bucket in enumerate(held)]
    return (manifest, *texts.values(), *keys)


_STEP = 4096


def _rounded(limit: int) -> int:
    """A shard size in steps of 4 KB (at least one step), rounded down."""
    return max(_STEP, limit // _STEP * _STEP)


_Folding = tuple[dict[int, str | None], Kinds, dict[str, str], frozenset[str]]  # strip, kinds, fold, wanted


def _layers(reports: Sequence[ReportText], limit: int, folding: _Folding, memo: Memo) -> _Layers:
    """The shards of reports given newest first, and how many of them hold headings alone: none
    where the whole text is one shard, which is scanned at once; else the headings of every
    report in shards of their own, then each report's text in shards of that report (made from
    that report alone: search_shards.report_shards)."""
    strip, kinds, fold, wanted = folding
    if len(reports) == 1:  # a site of several reports has several shards: no need to try
        whole = list(cut(items(0, reports[0], None), limit, apart=True))
        if len(whole) <= 1:
            texts = [text for entry in reports[0].entries for text in entry[2:] if text]
            return _Layers([shard.data() for shard in whole], [name(shard.data()) for shard in whole],
                           [(0, 0)] * len(whole), 0, *_keys(whole, strip, kinds),
                           [report_spellings(wanted, texts, strip)])
    heads = list(cut((item for n, report in enumerate(reports) for item in items(n, report, True)),
                     limit, apart=False))
    holders, hashes = _keys(heads, strip, kinds)
    data = [shard.data() for shard in heads]
    layers = _Layers(data, [name(text) for text in data], [(s.first, s.last) for s in heads], len(heads),
                     holders, hashes, [])
    for place, report in enumerate(reports):
        own = report_shards(report, limit, fold, wanted, memo)
        offset = len(layers.data)
        for key, mask in own.masks.items():
            holders[key] = holders.get(key, 0) | mask << offset
        hashes.update(own.hashes)
        layers.data.extend(own.shards)
        layers.names.extend(own.names)
        layers.spans.extend([(place, place)] * len(own.shards))
        layers.spellings.append(own.spellings)
    return layers


def _keys(shards: Sequence[Shard], strip: dict[int, str | None], kinds: Kinds) -> tuple[dict[str, int],
                                                                                        dict[str, int]]:
    """The keys of shards numbered from 0: each under its shards' bit mask, and its hash."""
    holders: dict[str, int] = {}
    for n, shard in enumerate(shards):
        for key in text_keys(shard.texts(), strip, kinds):
            holders[key] = holders.get(key, 0) | 1 << n
    return holders, {key: key_hash(key) for key in holders}


def _name_width(names: Sequence[str]) -> int:
    """The fewest digits (NAME_WIDTH or more) that tell the shards apart by their names."""
    width = NAME_WIDTH
    while width < len(NAME_DIGITS) and len({name[:width] for name in names}) < len(set(names)):
        width *= 2
    return width


def _manifest(folder: str, layers: _Layers, width: int, count: int, sizes: list[int],
              fold_bytes: int, found: Facets, synonyms: dict[str, list[str]]) -> SearchFiles:
    digits = digits_for(max((last for _, last in layers.spans), default=0) + 1)
    data: dict[str, object] = {
        "format": INDEX_FORMAT, "budget": BUDGET, "spent": 0, "keys": QUERY_KEYS,
        "bucket_bytes": BUCKET_BYTES, "buckets": count, "bucket": routes.search_part("keys", "{n}"),
        "shard": routes.search_part("text", "{name}"),
        "names": "".join(name[:width] for name in layers.names), "name_width": width,
        "shards": "".join(DIGITS64[min(63, max(0, -(-size // 1024) - 1))] for size in sizes),
        "heads": layers.heads, "width": digits,
        "spans": "".join(number(first, digits) + number(last, digits) for first, last in layers.spans),
        "governments": list(found.governments), "first_year": found.first_year, "facets": found.codes,
        "gw": found.width, "synonyms": synonyms}
    text = ""
    for _ in range(3):  # the bytes spent include this file's own, which say how many they are
        data["spent"] = len(text.encode("utf-8")) + fold_bytes
        text = f"window.{INDEX_VARIABLE}={_json(data)};\n"
    return SearchFiles(routes.output(folder, routes.SEARCH_MANIFEST), text)


def _part(folder: str, kind: str, name_: str, data: str) -> SearchFiles:
    """A shard or a bucket (``data``: its JSON): it sets itself under its path in the variant's folder."""
    path = routes.search_part(kind, name_)
    text = f"(window.{PARTS_VARIABLE}=window.{PARTS_VARIABLE}||{{}})[{json.dumps(path)}]={data};\n"
    return SearchFiles(routes.output(folder, path), text)


def _wrapper(folder: str, kind: str) -> int:
    """The bytes of a part file beside its data, at the longest name a site could give it."""
    longest = "x" * len(NAME_DIGITS) if kind == "text" else str(10 ** 6)
    return len(_part(folder, kind, longest, "null").text.encode("utf-8")) - len("null")


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
