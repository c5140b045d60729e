"""The search index and the character fold, checked in Python against the content (the browser
tests run the same search in Chromium)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_src.model import Report
from site_src.pipeline import BuildResult
from site_src.variants.convert import make_converter


def load(path: Path) -> dict:  # type: ignore[type-arg]
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1: text.rindex(";")])


@pytest.fixture(scope="module")
def search_files(built_site: tuple[Path, BuildResult]) -> tuple[dict, dict, dict]:  # type: ignore[type-arg]
    out, _ = built_site
    return (load(out / "zh-hans" / "search-index.js"), load(out / "zh-hant" / "search-index.js"),
            load(out / "static" / "search-fold.js"))


def test_the_index_holds_every_paragraph_with_its_page(search_files: tuple, report: Report,  # type: ignore[type-arg]
                                                       built_site: tuple[Path, BuildResult]) -> None:
    hans, hant, _ = search_files
    out, result = built_site
    ids = [e[1] for e in hans["entries"]]
    assert [p.id for p in report.paragraphs()] == [i for i in ids if i in {p.id for p in report.paragraphs()}]
    assert ids == [e[1] for e in hant["entries"]]
    texts = {e[1]: (e[2], e[3]) for e in hans["entries"]}
    for paragraph in report.paragraphs():
        assert texts[paragraph.id] == (paragraph.heading, paragraph.text)
    for route, _title, _context, report_number, _summary in hans["pages"]:
        assert (out / "zh-hans" / route).is_file() and report_number == 0
    assert dict(result.search)["zh-hans/search-index.js"] == len(
        (out / "zh-hans" / "search-index.js").read_bytes())


def test_folding_makes_both_scripts_one_text(search_files: tuple) -> None:  # type: ignore[type-arg]
    hans, hant, fold = search_files

    def folded(text: str) -> str:
        return "".join(fold.get(c, c) for c in text)

    for a, b in zip(hans["entries"], hant["entries"], strict=True):
        assert folded(a[3]) == folded(b[3]) and folded(a[2]) == folded(b[2]), a[1]
    to_hant = make_converter("s2tw")
    for query in ("陶瓷产业", "干部", "着力", "示范", "发展", "后劲", "制造业"):
        assert folded(query) == folded(to_hant(query))
    assert len(fold) < 2000  # only the classes of characters that occur in the site


def test_the_index_says_which_report_and_part_each_page_is_from(search_files: tuple,  # type: ignore[type-arg]
                                                                report: Report) -> None:
    hans, hant, _ = search_files
    assert hans["format"] == hant["format"] == 2
    assert hans["reports"] == [report.full_title] and hant["reports"] == ["重慶市榮昌區2024年政府工作報告"]
    pages = {route: (title, context) for route, title, context, _, _ in hans["pages"]}
    # （三）… of the review and （三）… of the plan: the same kind of title, each with its part
    assert pages["review/03.html"] == ("（三）纵深推进双城经济圈建设", "一、2023年工作回顾")
    assert pages["plan/03.html"][1] == "二、2024年工作安排"
    assert pages["review/index.html"] == ("一、2023年工作回顾", "")


def test_summary_pages_are_searchable_and_every_anchor_exists(search_files: tuple,  # type: ignore[type-arg]
                                                              built_site: tuple[Path, BuildResult]) -> None:
    from .htmltext import read_page

    out, _ = built_site
    for folder, index in (("zh-hans", search_files[0]), ("zh-hant", search_files[1])):
        summary_routes = {page[0] for page in index["pages"] if page[4]}
        assert summary_routes >= {"figures.html", "slogans.html", "industries/index.html",
                                  "industries/ceramics.html"}
        ids = {}
        for page, anchor, _heading, _text in index["entries"]:
            route = index["pages"][page][0]
            if route not in ids:
                ids[route] = read_page(out / folder / route).ids
            assert not anchor or anchor in ids[route], (folder, route, anchor)
    headings = {e[2] for e in search_files[0]["entries"]}
    assert {"陶瓷", "地区生产总值", "“2335”"} <= headings
