"""The search index and the character fold, checked in Python against the content (the browser
tests run the same search in Chromium): the shards hold every paragraph once, in reading order;
the buckets say which shards hold each key; every file fits the budget."""

from __future__ import annotations

import json
import math
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from site_src.model import Report
from site_src.pipeline import BuildResult
from site_src.site.search import (
    BUDGET,
    DIGITS64,
    ReportText,
    key_hash,
    posting,
    variant_index,
)
from site_src.variants.convert import make_converter


def load(path: Path) -> dict:  # type: ignore[type-arg]
    """The data of a search file: the manifest, the fold (``window.X=…;``) or a part
    (``(…)["path"]=…;``)."""
    return load_text(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Index:
    """A variant's index read back whole: its manifest, its shards and its buckets, in order."""

    manifest: dict  # type: ignore[type-arg]
    shards: list[dict]  # type: ignore[type-arg]
    buckets: list[dict]  # type: ignore[type-arg]
    sizes: list[int]  # each shard's bytes

    @classmethod
    def read(cls, folder: Path) -> Index:
        manifest = load(folder / "search-index.js")
        paths = [folder / manifest["shard"].replace("{n}", str(n)) for n in range(len(manifest["shards"]))]
        buckets = [load(folder / manifest["bucket"].replace("{n}", str(n)))
                   for n in range(manifest["buckets"])]
        return cls(manifest, [load(path) for path in paths], buckets, [path.stat().st_size for path in paths])

    def entries(self) -> list[tuple[int, list[object], list[object]]]:
        """(report, page, entry) of every entry, in the order of the shards."""
        return [(shard["report"], shard["pages"][entry[0]], entry)
                for shard in self.shards for entry in shard["entries"]]

    def holders(self, key: str) -> set[int]:
        """The shards the key's bucket says hold it."""
        bucket = self.buckets[key_hash(key) % self.manifest["buckets"]]
        return next((decoded(p) for p, keys in bucket.items() if key in keys.split(" ")), set())


def decoded(text: str) -> set[int]:
    """A posting read back, as search.js reads it (written independently of search.py)."""
    if text.startswith("~"):
        return {6 * k + b for k, digit in enumerate(text[1:]) for b in range(6)
                if DIGITS64.index(digit) >> b & 1}
    found, at = set(), 0
    for run in text.split(","):
        start, _, length = run.partition("+")
        first = at + int(start, 36)
        last = first + (int(length, 36) if length else 0)
        found |= set(range(first, last + 1))
        at = last + 1
    return found


@pytest.fixture(scope="module")
def indexes(built_site: tuple[Path, BuildResult]) -> tuple[Index, Index, dict[str, str]]:
    out, _ = built_site
    return Index.read(out / "zh-hans"), Index.read(out / "zh-hant"), load(out / "static" / "search-fold.js")


def test_the_index_holds_every_paragraph_with_its_page(indexes: tuple[Index, Index, dict[str, str]],
                                                       report: Report,
                                                       built_site: tuple[Path, BuildResult]) -> None:
    hans, hant, _ = indexes
    out, result = built_site
    ids = [entry[1] for _, _, entry in hans.entries()]
    paragraphs = {p.id for p in report.paragraphs()}
    assert [p.id for p in report.paragraphs()] == [i for i in ids if i in paragraphs]
    assert ids == [entry[1] for _, _, entry in hant.entries()]
    texts = {entry[1]: (entry[2], entry[3]) for _, _, entry in hans.entries()}
    for paragraph in report.paragraphs():
        assert texts[paragraph.id] == (paragraph.heading, paragraph.text)
    for number, (route, _title, _context, _summary), _ in hans.entries():
        assert (out / "zh-hans" / route).is_file() and number == 0
    sizes = dict(result.search)
    assert sizes["zh-hans/search-index.js"] == len((out / "zh-hans" / "search-index.js").read_bytes())
    parts = (out / "zh-hans" / "search-index").iterdir()
    assert sizes["zh-hans/search-index/"] == sum(path.stat().st_size for path in parts)


def test_one_report_is_one_shard_and_every_file_fits_the_budget(
        indexes: tuple[Index, Index, dict[str, str]], built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    fold = (out / "static" / "search-fold.js").stat().st_size
    for folder, index in (("zh-hans", indexes[0]), ("zh-hant", indexes[1])):
        manifest = index.manifest
        assert len(index.shards) == 1  # a one-report site: the whole report is scanned at once, as before
        assert manifest["spent"] == (out / folder / "search-index.js").stat().st_size + fold
        for size, digit in zip(index.sizes, manifest["shards"], strict=True):
            assert DIGITS64.index(digit) + 1 == math.ceil(size / 1024)
        buckets = sorted((out / folder / "search-index").glob("keys-*.js"))
        assert len(buckets) == manifest["buckets"] and manifest["buckets"] & (manifest["buckets"] - 1) == 0
        assert max(path.stat().st_size for path in buckets) <= manifest["bucket_bytes"]
        worst = manifest["spent"] + manifest["keys"] * manifest["bucket_bytes"] + max(index.sizes)
        assert worst <= manifest["budget"] == BUDGET


def folder_js(fold: dict[str, str]):  # type: ignore[no-untyped-def]
    """What search.js does to text before matching, written again here: fold each UTF-16 unit
    (full width to ASCII, case, script), then drop the punctuation and space it skips."""
    def fold_text(text: str) -> str:
        out = []
        for char in text:
            code = ord(char)
            if 0xFF01 <= code <= 0xFF5E:
                char = chr(code - 0xFEE0)
            elif code == 0x3000:
                char = " "
            char = char.lower() if "A" <= char <= "Z" else char
            out.append(fold.get(char, char) if code <= 0xFFFF else char)
        return "".join(c for c in "".join(out) if c in "%.‰" or not (
            unicodedata.category(c)[0] in "PZ" or c in "\t\n\v\f\r\ufeff"))
    return fold_text


def test_every_key_of_every_paragraph_leads_to_its_shard(
        indexes: tuple[Index, Index, dict[str, str]]) -> None:
    """A word is found only in shards its keys lead to: each character and pair of a paragraph's
    heading and text (as search.js folds and skips) is in the bucket its hash names, with its shard."""
    fold_text = folder_js(indexes[2])
    for index in indexes[:2]:
        shards = [(n, entry) for n, shard in enumerate(index.shards) for entry in shard["entries"]]
        keys: dict[str, set[int]] = {}
        for n, entry in shards:
            for field in (entry[2], entry[3]):
                text = fold_text(field)
                for key in {*text, *(text[i:i + 2] for i in range(len(text) - 1))}:
                    if all(unicodedata.category(c)[0] in "LNMS" or c in "%.‰" for c in key):
                        keys.setdefault(key, set()).add(n)
        assert len(keys) > 5000
        for key, held in keys.items():
            assert held <= index.holders(key), key
        assert not index.holders("火星") and not index.holders("𠀀")


def test_folding_makes_both_scripts_one_text(indexes: tuple[Index, Index, dict[str, str]]) -> None:
    hans, hant, fold = indexes

    def folded(text: str) -> str:
        return "".join(fold.get(c, c) for c in text)

    for (_, _, a), (_, _, b) in zip(hans.entries(), hant.entries(), strict=True):
        assert folded(a[3]) == folded(b[3]) and folded(a[2]) == folded(b[2]), a[1]
    to_hant = make_converter("s2tw")
    for query in ("陶瓷产业", "干部", "着力", "示范", "发展", "后劲", "制造业"):
        assert folded(query) == folded(to_hant(query))
        assert hans.holders(folded(query)[:2]) == hant.holders(folded(to_hant(query))[:2]) == {0}
    assert len(fold) < 2000  # only the classes of characters that occur in the site


def test_the_index_says_which_report_and_part_each_page_is_from(indexes: tuple[Index, Index, dict[str, str]],
                                                                report: Report) -> None:
    hans, hant, _ = indexes
    assert hans.manifest["format"] == hant.manifest["format"] == 3
    assert hans.manifest["reports"] == hant.manifest["reports"] == 1
    assert [s["title"] for s in hans.shards] == [report.full_title]
    assert [s["title"] for s in hant.shards] == ["重慶市榮昌區2024年政府工作報告"]
    pages = {route: (title, context) for route, title, context, _ in hans.shards[0]["pages"]}
    # （三）… of the review and （三）… of the plan: the same kind of title, each with its part
    assert pages["review/03.html"] == ("（三）纵深推进双城经济圈建设", "一、2023年工作回顾")
    assert pages["plan/03.html"][1] == "二、2024年工作安排"
    assert pages["review/index.html"] == ("一、2023年工作回顾", "")


def test_summary_pages_are_searchable_and_every_anchor_exists(indexes: tuple[Index, Index, dict[str, str]],
                                                              built_site: tuple[Path, BuildResult]) -> None:
    from .htmltext import read_page

    out, _ = built_site
    for folder, index in (("zh-hans", indexes[0]), ("zh-hant", indexes[1])):
        summary_routes = {page[0] for _, page, _ in index.entries() if page[3]}
        assert summary_routes >= {"figures.html", "slogans.html", "industries/index.html",
                                  "industries/ceramics.html"}
        ids = {}
        for _, page, entry in index.entries():
            route, anchor = page[0], entry[1]
            if route not in ids:
                ids[route] = read_page(out / folder / route).ids
            assert not anchor or anchor in ids[route], (folder, route, anchor)
    headings = {entry[2] for _, _, entry in indexes[0].entries()}
    assert {"陶瓷", "地区生产总值", "“2335”"} <= headings


def test_postings_are_runs_or_a_bitmap_whichever_is_shorter() -> None:
    assert posting([0]) == "0" and posting(list(range(1000))) == "0+rr"
    assert posting([3, 4, 5, 90]) == "3+2,2c" and posting([3, 4, 5, 9]) == "~4I"
    dense = [n for n in range(600) if n % 3]
    assert posting(dense).startswith("~") and decoded(posting(dense)) == set(dense)
    chance = random.Random(17)
    for _ in range(200):
        shards = sorted(chance.sample(range(3000), chance.randint(1, 2500)))
        assert decoded(posting(shards)) == set(shards)


def report_text(title: str, paragraphs: int, length: int) -> ReportText:
    """A report of sections of ``paragraphs`` paragraphs of ``length`` characters each."""
    pages = tuple((f"s{n:02d}.html", f"第{n}节", "", 0) for n in range(20))
    entries = tuple((n // paragraphs, f"p-{n}", "", "政府工作报告" * (length // 6) + str(n))
                    for n in range(20 * paragraphs))
    return ReportText(title, pages, entries)


def test_a_long_report_is_cut_into_shards_between_pages_each_in_the_budget() -> None:
    long = report_text("长的报告", paragraphs=5, length=600)  # 20 pages of about 9 KB
    files = variant_index("zh-hans", [long, report_text("短的报告", 2, 30)], {}, 20_000)
    manifest = load_text(files[0].text)
    shards = [load_text(f.text) for f in files if "/text-" in f.path]
    sizes = [len(f.text.encode("utf-8")) for f in files if "/text-" in f.path]
    assert len(shards) == len(manifest["shards"]) > 2 and [s["report"] for s in shards][-1] == 1
    assert manifest["spent"] + manifest["keys"] * manifest["bucket_bytes"] + max(sizes) <= BUDGET
    entries = [(s["pages"][e[0]][0], e[1]) for s in shards if s["report"] == 0 for e in s["entries"]]
    assert entries == [(long.pages[e[0]][0], e[1]) for e in long.entries]  # all, once, in order
    for shard in shards:
        pages = [page[0] for page in shard["pages"]]
        assert len(pages) == len(set(pages)) and all(e[0] < len(pages) for e in shard["entries"])
    first = {page[0] for page in shards[0]["pages"]}
    assert first.isdisjoint(page[0] for page in shards[1]["pages"])  # cut between pages
    assert files == variant_index("zh-hans", [long, report_text("短的报告", 2, 30)], {}, 20_000)


def test_a_character_this_unicode_does_not_know_is_keyed_both_ways() -> None:
    """U+31350 is a letter in Unicode 15 (CJK Extension H) and unassigned in older tables: the
    browser may know it as a letter, or not at all, so it is indexed as one and as skipped."""
    unknown = "\U00031350"
    assert unicodedata.category(unknown) in ("Cn", "Lo")
    text = ReportText("报告", (("index.html", "报告", "", 0),), ((0, "p-1", "", f"甲{unknown}乙\u200d丙"),))
    files = variant_index("zh-hans", [text], {}, 8000)
    keys = {key for f in files if "/keys-" in f.path for keys in load_text(f.text).values()
            for key in keys.split(" ")}
    assert {"甲", "乙", "丙", f"甲{unknown}", f"{unknown}乙"} <= keys
    if unicodedata.category(unknown) == "Cn":
        assert "甲乙" in keys
    assert not any("\u200d" in key for key in keys)  # a joiner ends a run of keyed characters


def load_text(text: str) -> dict:  # type: ignore[type-arg]
    start = text.index("]=") + 2 if text.startswith("(") else text.index("=") + 1
    return json.loads(text[start: text.rindex(";")])
