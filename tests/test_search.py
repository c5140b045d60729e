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
from site_src.site.search import BUDGET, ReportText, SearchFiles, variant_index
from site_src.site.search_keys import DIGITS64, key_hash, mask_posting, posting
from site_src.variants.convert import make_converter

from .browser.search_model import report_of, shard_path


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
        paths = [folder / shard_path(manifest, n) for n in range(len(manifest["shards"]))]
        buckets = [load(folder / manifest["bucket"].replace("{n}", str(n)))
                   for n in range(manifest["buckets"])]
        return cls(manifest, [load(path) for path in paths], buckets, [path.stat().st_size for path in paths])

    def entries(self) -> list[tuple[int, list[object], list[object]]]:
        """(report, page, entry) of every entry, in the order of the shards; a page as
        [route, title, context, summary]."""
        return [(report_of(self.manifest, n, shard, page), page[1:], entry)
                for n, shard in enumerate(self.shards) for entry in shard["entries"]
                for page in [shard["pages"][entry[0]]]]

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
            for field in entry[2:]:
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
    assert hans.manifest["format"] == hant.manifest["format"] == 5
    assert hans.manifest["heads"] == hant.manifest["heads"] == 0  # one report, one shard: no layers
    assert [s["reports"] for s in hans.shards] == [[[0, report.full_title]]]
    assert [s["reports"] for s in hant.shards] == [[[0, "重慶市榮昌區2024年政府工作報告"]]]
    assert hant.manifest["governments"] == ["重慶市榮昌區"] and hant.manifest["first_year"] == 2024
    pages = {route: (title, context) for _, route, title, context, _ in hans.shards[0]["pages"]}
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
        assert mask_posting(sum(1 << shard for shard in shards)) == posting(shards)  # the same, from bits


def report_text(title: str, paragraphs: int, length: int, year: int = 2024, issuer: str = "甲乙区人民政府",
                lead: str = "") -> ReportText:
    """A report of sections of ``paragraphs`` paragraphs of ``length`` characters each; each
    section's first paragraph opens with ``lead`` as its topic heading, where given."""
    pages = tuple((f"s{n:02d}.html", f"第{n}节", "", 0) for n in range(20))
    entries = tuple((n // paragraphs, f"p-{n}", lead if lead and n % paragraphs == 0 else "",
                     "政府工作报告" * (length // 6) + str(n)) for n in range(20 * paragraphs))
    return ReportText(title, pages, entries, year, issuer, issuer.removesuffix("人民政府"))


def shards_of(files: tuple[SearchFiles, ...]) -> tuple[dict, list[dict], list[int]]:  # type: ignore[type-arg]
    """The manifest, the shards and their sizes of one variant's files."""
    texts = [f for f in files if "/text-" in f.path]
    return (load_text(files[0].text), [load_text(f.text) for f in texts],
            [len(f.text.encode("utf-8")) for f in texts])


def test_a_long_report_is_cut_into_shards_between_pages_each_in_the_budget() -> None:
    long = report_text("长的报告", paragraphs=5, length=600, lead="（一）某某工作")  # 20 pages of about 9 KB
    files = variant_index("zh-hans", [long, report_text("短的报告", 2, 30)], {}, 20_000)
    manifest, shards, sizes = shards_of(files)
    heads = manifest["heads"]
    assert len(shards) == len(manifest["shards"]) > heads + 2 and heads >= 1
    assert manifest["spent"] + manifest["keys"] * manifest["bucket_bytes"] + max(sizes) <= BUDGET
    text = shards[heads:]
    numbers = [report_of(manifest, heads + n, s, s["pages"][0]) for n, s in enumerate(text)]
    assert numbers[-1] == 1 and text[-1]["reports"] == [[0, "短的报告"]]  # each report's in shards of its own
    assert all(len(s["reports"]) == 1 for s in text)
    entries = [(s["pages"][e[0]][1], e[1]) for s, n in zip(text, numbers, strict=True) if n == 0
               for e in s["entries"]]
    assert entries == [(long.pages[e[0]][0], e[1]) for e in long.entries]  # all, once, in order
    for shard in shards:
        pages = [(page[0], page[1]) for page in shard["pages"]]
        assert len(pages) == len(set(pages)) and all(e[0] < len(pages) for e in shard["entries"])
        assert all(page[0] < len(shard["reports"]) for page in shard["pages"])
    first = {page[1] for page in text[0]["pages"]}
    assert first.isdisjoint(page[1] for page in text[1]["pages"])  # cut between pages
    # The headings alone, of both reports, in shards of their own: every topic heading once.
    leads = [(report_of(manifest, n, s, s["pages"][e[0]]), e[1], e[2]) for n, s in enumerate(shards[:heads])
             for e in s["entries"]]
    assert leads == [(0, e[1], e[2]) for e in long.entries if e[2]]
    assert all(len(e) == 3 for s in shards[:heads] for e in s["entries"])  # no text in a heading shard
    assert files == variant_index("zh-hans", [long, report_text("短的报告", 2, 30)], {}, 20_000)


def test_a_reports_shards_are_the_same_whatever_else_the_site_holds() -> None:
    """A report's text shards are made from it alone and named by what they hold: adding a report
    (newer, older or of the same year) leaves the others' shard files as they were, byte for byte."""
    reports = [report_text(f"报告{n}", 3, 600 + 40 * n, 2010 + 2 * n, lead="（一）工作") for n in range(4)]

    def text_layer(files: tuple[SearchFiles, ...]) -> set[tuple[str, str]]:
        manifest = load_text(files[0].text)
        paths = {shard_path(manifest, n) for n in range(manifest["heads"], len(manifest["shards"]))}
        return {(f.path, f.text) for f in files if f.path.split("/", 1)[1] in paths}

    before = text_layer(variant_index("zh-hans", reports, {}, 20_000))
    assert len(before) > len(reports)  # several shards a report
    for added in (report_text("新的", 3, 90, 2030), report_text("旧的", 3, 90, 2000),
                  report_text("同年", 3, 90, 2014)):
        after = text_layer(variant_index("zh-hans", [*reports[:2], added, *reports[2:]], {}, 20_000))
        assert before < after and all(f'"{added.title}"' in text for _, text in after - before)


def test_reports_are_numbered_newest_first_with_their_government_and_year() -> None:
    reports = [report_text("甲乙区2013年", 2, 30, 2013),
               report_text("某某市2024年", 2, 30, 2024, "某某市人民政府"),
               report_text("甲乙区2019年", 2, 30, 2019, "丙丁市甲乙区人民政府"),
               report_text("无年份", 2, 30, 0, ""),
               report_text("甲乙区2024年", 2, 30, 2024)]
    manifest, shards, _ = shards_of(variant_index("zh-hans", reports, {}, 8000))
    titles = {report_of(manifest, n, shard, [k]): title for n, shard in enumerate(shards)
              for k, (_, title) in enumerate(shard["reports"])}
    # Newest first, a year's reports in the site's order; a report without a year last.
    assert [titles[n] for n in range(5)] == [
        "某某市2024年", "甲乙区2024年", "甲乙区2019年", "甲乙区2013年", "无年份"]
    # 丙丁市甲乙区人民政府 is 甲乙区人民政府 named with the unit above it: one government,
    # named as its latest report names it.
    assert manifest["governments"] == ["某某市", "甲乙区"] and manifest["first_year"] == 2013
    gw = manifest["gw"]
    codes = [manifest["facets"][n * (gw + 2): (n + 1) * (gw + 2)] for n in range(5)]
    assert [DIGITS64.index(code[0]) for code in codes] == [0, 1, 1, 1, 2]  # 2: no government
    assert [DIGITS64.index(c[1]) * 64 + DIGITS64.index(c[2]) for c in codes] == [11, 11, 6, 0, 64 * 64 - 1]
    width = manifest["width"]
    spans = [[DIGITS64.index(manifest["spans"][i]) for i in range(n, n + 2 * width, width)]
             for n in range(0, len(manifest["spans"]), 2 * width)]
    assert spans == [[report_of(manifest, n, s, [0]), report_of(manifest, n, s, [len(s["reports"]) - 1])]
                     for n, s in enumerate(shards)]
    assert all(s["reports"][0][0] == 0 for s in shards)  # a shard numbers its reports from its first


def test_synonyms_are_kept_where_the_site_holds_what_they_find_spelled_as_it_does() -> None:
    text = ReportText("報告", (("index.html", "報告", "", 0),), (
        (0, "p-1", "", "全年國內生產總值增長5%，碳達峰、碳中和穩步推進。"), (0, "p-2", "", "GDP")))
    synonyms = {"GDP": ("国内生产总值", "地区生产总值"), "双碳": ("碳达峰碳中和",), "CPI": ("居民消费价格",),
                "国内生产总值": ("GDP",)}
    fold = {"國": "国", "內": "内", "產": "产", "總": "总", "達": "达", "穩": "稳", "長": "长", "報": "报"}
    manifest = load_text(variant_index("zh-hant", [text], fold, 8000, synonyms)[0].text)
    # Keys folded as search.js folds a query; what they find as the text writes it (its
    # punctuation left out); a word no text holds (地区生产总值, 居民消费价格) is left out.
    assert manifest["synonyms"] == {
        "gdp": ["國內生產總值"], "双碳": ["碳達峰碳中和"], "国内生产总值": ["GDP"]}


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


def test_the_synonyms_are_the_genres_data_and_a_sites_own_replace_them(tmp_path: Path) -> None:
    from site_src.errors import SiteError
    from site_src.genre import SHIPPED, load_genre, shipped_search_words

    assert shipped_search_words() == load_genre().search_synonyms
    assert load_genre().search_synonyms["GDP"] == ("国内生产总值", "地区生产总值")
    own = tmp_path / "genre"
    own.mkdir()
    (own / "search.yaml").write_text("synonyms:\n  双碳: [碳达峰碳中和]\n  甲乙: [丙丁, 、]\n",
                                     encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        load_genre(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{own / 'search.yaml'}:2: synonyms.甲乙[1]: '、' has nothing a search finds "
        "(only punctuation or spaces)"]
    (own / "search.yaml").write_text("synonyms:\n  双碳: [碳达峰碳中和]\n", encoding="utf-8")
    assert load_genre(tmp_path).search_synonyms == {"双碳": ("碳达峰碳中和",)}
    assert (SHIPPED / "search.yaml").is_file()
