"""The long pages (issue 26): where a report's text was taken from (report.yaml's source:), headings
broken between words only, quotations inside quotations, the figures' sources each once and the
slogans each once, on the bundled report and small fixtures."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from site_src.content.report import load_report
from site_src.importing import import_source
from site_src.pipeline import BuildResult, Project, build
from site_src.site.render import quoted, words
from site_src.summaries.slogan_detect import Mark, MarkedSentence

from .conftest import REPORT, SEED_SLUG, SLOW, report_folder
from .htmltext import read_page

URL = "https://www.example.gov.cn/zwgk/gzbg/report.html"
SOURCE = f"source:\n  url: {URL}\n  date: 2025-02-03\n"


@SLOW
def test_a_recorded_source_is_shown_where_the_text_is_and_kept_by_an_import(project_copy: Project) -> None:
    folder = report_folder(project_copy)
    with (folder / "report.yaml").open("a", encoding="utf-8") as file:
        file.write(SOURCE)
    build(project_copy)
    for variant in ("zh-hans", "zh-hant"):
        for route in ("about.html", "notes.html", "full.html"):
            page = read_page(project_copy.output / variant / route)
            assert URL in page.links, (variant, route)  # the address as written, never converted
            assert "2025-02-03" in page.text, (variant, route)
    # Importing the source again (forced: report.yaml was edited by hand) keeps the person's source.
    import_source(project_copy, REPORT / "source.txt", SEED_SLUG, force=True)
    kept = load_report(folder).source_page
    assert kept is not None and (kept.url, kept.date) == (URL, "2025-02-03")
    assert (folder / "report.yaml").read_text(encoding="utf-8").endswith(
        f"source:\n  url: {URL}\n  date: '2025-02-03'\n")


def test_headings_break_between_words_only() -> None:
    heading = words("（二）持续用力构建现代化产业体系")
    assert str(heading).startswith('<span class="words">') and "构<wbr>建" not in heading
    assert heading.replace("<wbr>", "").removeprefix('<span class="words">').removesuffix("</span>") == \
        "（二）持续用力构建现代化产业体系"
    assert "<wbr>" in heading  # between its words: 持续 用力 构建 …
    # A number stays with what it counts, an ordinal with its number; markup in the text is text.
    title = words("某某市某某区2025年政府工作报告 第12段")
    assert "2025年" in title and "第12段" in title and "<wbr>2025年<wbr>" in title
    assert words("<b>&") == '<span class="words">&lt;b&gt;&amp;</span>'


def test_a_quotation_inside_a_quotation_takes_the_inner_marks() -> None:
    assert quoted("推进生产、供销、信用“三位一体”改革") == "推进生产、供销、信用‘三位一体’改革"
    assert quoted("推進生產、供銷、信用「三位一體」改革") == "推進生產、供銷、信用『三位一體』改革"
    assert quoted("‘甲’“乙”") == "“甲”‘乙’"  # a third level is the outer one again


def test_a_long_sentence_is_quoted_by_its_clauses_that_hold_a_formula() -> None:
    sentence = "我们坚持甲乙丙丁，坚持“三个一”工作思路，深化某某改革，全力推动发展，交出了高分报表。"
    start = sentence.index("“三个一”")
    marked = MarkedSentence(sentence, (Mark(start, start + 5, "三个一", "“三个一”"),))
    whole = marked.excerpt(len(sentence))
    assert (whole.before, whole.after, whole.text) == (False, False, sentence)
    cut = marked.excerpt(20)
    assert (cut.before, cut.after, cut.text) == (True, True, "坚持“三个一”工作思路")
    assert cut.spans == ((("坚持", ""), ("“三个一”", "三个一"), ("工作思路", "")),)


def test_the_figures_page_quotes_each_clause_once(built_site: tuple[Path, BuildResult]) -> None:
    out, _ = built_site
    for variant in ("zh-hans", "zh-hant"):
        page = (out / variant / "figures.html").read_text(encoding="utf-8")
        sources = page[page.index('id="sources-title"'):]
        found = re.findall(r"<q>(.*?)</q>", sources, re.S)
        quotes = [html.unescape(re.sub(r"<[^>]+>", "", quote)) for quote in found]
        assert len(quotes) >= 15 and Counter(quotes).most_common(1)[0][1] == 1
        # No quoted clause lies inside another of the page (the income clause and its first half).
        assert not [(a, b) for a in quotes for b in quotes if a != b and a in b]
        # The income clause gives both indicators, under one quote.
        income = next(item for item in re.findall(r"<li>.*?</li>", sources, re.S) if "47382" in item)
        assert income.count("<q>") == 1 and income.count("人均可支配收入") >= 3
