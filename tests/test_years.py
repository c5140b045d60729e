"""Reading across years and scripts, as built: each report against the earlier report of its
government (what is new in its wording, the words it uses most), and the text in every script side
by side. On a site of the shared Hailar reports 2013-2016 and 2019 and the national reports 2019,
2022 and 2024, and on fixtures."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest

from site_src.cli import main
from site_src.genre import load_genre
from site_src.importing import import_source
from site_src.model import PART_HEADING, TERMS_HEADING_PLACE, Paragraph, Part, Provenance, Report, Source
from site_src.output.memo import Memo
from site_src.pipeline import BuildResult, Project, build, load_project
from site_src.site.pages_across import QUOTE_SIDE, WordingPage, chapters, quoted
from site_src.site.plan import plan_site
from site_src.summaries.compare import compare, convert_comparison, earlier_reports
from site_src.summaries.frequency import WordCount
from site_src.summaries.wording import KINDS, Place
from site_src.variants.convert import convert_value, make_converter
from site_src.variants.site import converter_for

from .conftest import CONTENT, ROOT, SHARED_REPORTS, plan_content, report_variant, slow_and
from .htmltext import broken_links, read_page

GENRE = load_genre()


def make_report(issuer: str, year: int, *texts: str, government: str = "jia") -> Report:
    paragraphs = tuple(Paragraph(f"plan-{n}", text) for n, text in enumerate(texts, start=1))
    part = Part("plan", "一", "今年的工作", paragraphs, (), ())
    provenance = Provenance(Source("", "", "", ""), 0, (), (), (), ())
    return Report("政府工作报告", issuer, year, (), (part,), (), provenance, government=government)


# --- which report is compared with which ------------------------------------------------------------

def test_each_report_is_compared_with_its_governments_nearest_earlier_report_in_the_site() -> None:
    jia = "甲区人民政府"
    reports = [("c", make_report(jia, 2022, "甲。")), ("a", make_report(jia, 2019, "甲。")),
               ("b", make_report(jia, 2020, "甲。")),
               ("x", make_report("乙区人民政府", 2021, "乙。", government="yi")),
               ("b2", make_report(jia, 2020, "甲。")), ("u", make_report("", 2023, "丙。", government=""))]
    # 2022 against 2020 (the site has no 2021 of its government); two of 2020: both against 2019,
    # and the first of them is the one 2022 is compared with; another government's and an unknown
    # government's report have no earlier one.
    assert earlier_reports(reports) == (("c", "b"), ("b", "a"), ("b2", "a"))


def test_a_variant_marks_each_phrase_again_in_its_converted_sentence() -> None:
    earlier = make_report("甲区人民政府", 2020, "牢记“三个务必”，深化“最多跑一次”改革。")
    later = make_report("甲区人民政府", 2021, "牢记“四个务必”，深化“放管服”改革，推动数字化发展。")
    comparison = compare("b", later, "a", earlier, GENRE, (WordCount("数字化", 1),), ())
    hant = convert_comparison(comparison, make_converter("s2tw"), make_converter("s2tw"))
    assert (hant.report, hant.earlier, hant.government) == ("b", "a", "jia")
    for item in (*hant.changes.new, *hant.changes.dropped, *hant.changes.renumbered):
        for place in (*item.places, *item.before_places):
            assert place.paragraph_id == "plan-1"
    (renumbered,) = hant.changes.renumbered
    place, before = renumbered.places[0], renumbered.before_places[0]
    assert place.sentence[place.start:place.end] == "四個務必" == renumbered.phrase
    assert before.sentence[before.start:before.end] == "三個務必" == renumbered.before
    assert [w.word for w in hant.words.words] == ["數字化"]


def test_a_long_sentence_is_quoted_by_the_clauses_around_its_phrase() -> None:
    head, tail = "甲" * 70 + "，" + "乙" * 10 + "，", "，" + "丙" * 20 + "，" + "丁" * 70 + "。"
    sentence = f"{head}新质生产力{tail}"
    place = Place("plan-1", sentence, len(head), len(head) + 5)
    got = quoted((place, replace(place, paragraph_id="plan-3"), replace(place, paragraph_id="plan-3")))
    assert (got.before, got.phrase) == ("……" + "乙" * 10 + "，", "新质生产力")
    assert got.after == "，" + "丙" * 20 + "，……"
    assert got.elsewhere == ("plan-3",)
    short = Place("plan-1", "加快发展新质生产力。", 4, 9)
    assert (quoted((short,)).before, quoted((short,)).after) == ("加快发展", "。")
    assert len(quoted((Place("p", "甲" * 200, 100, 102),)).before) == QUOTE_SIDE + len("……")


def test_the_page_belongs_to_its_government_and_its_report_lists_it() -> None:
    earlier = make_report("甲区人民政府", 2020, "牢记“三个务必”。")
    later = make_report("甲区人民政府", 2021, "牢记“四个务必”，深化“放管服”改革。")
    comparison = compare("b", later, "a", earlier, GENRE, (), ())
    content = replace(plan_content((report_variant("a", earlier), report_variant("b", later))),
                      comparisons=(comparison,))
    plan = plan_site(content)
    (page,) = [page for page in plan.pages if isinstance(page.subject, WordingPage)]
    assert (page.route, page.report, page.subject.government) == ("b/wording.html", "b", "jia")
    assert page.title == "新提法与高频词（对比2020年报告）"
    assert page.head_title.endswith("甲区2021年政府工作报告")
    assert plan.reports["b"].wording == page.link and plan.reports["a"].wording is None
    assert page.link in plan.reports["b"].contents.tail
    assert page.search and "放管服" in page.search[0][2]  # the search finds the page by its new phrases


# --- the costly segmenter, only where a page needs it, and kept ---------------------------------------

def test_a_site_without_two_reports_of_a_government_never_segments_for_words(tmp_path: Path) -> None:
    """The words-used-most table segments every report of a pair: a site without a pair (the bundled
    one) never does (the build, as people run it, with segmenting for words made to fail)."""
    code = ("import sys\nimport site_src.years as years\n"
            "def refused(text): raise AssertionError('segmented for words')\n"
            "years.words_of = refused\nfrom site_src.cli import main\n"
            "assert main(['build', '--content', sys.argv[1], '--out', sys.argv[2]]) == 0\n")
    result = subprocess.run([sys.executable, "-c", code, str(CONTENT), str(tmp_path / "out")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr


# --- the shared reports, built --------------------------------------------------------------------------

HAILAR, NATIONAL = "hailar-district-hulunbuir", "national-state-council"
NAMES = (*(f"{year}-{HAILAR}" for year in (2013, 2014, 2015, 2016, 2019)),
         *(f"{year}-{NATIONAL}" for year in (2019, 2022, 2024)))
# (report, the earlier report it is compared with), in the site's order of reports.
PAIRS = tuple((f"{later}-{who}", f"{earlier}-{who}") for who, years in (
    (HAILAR, ((2014, 2013), (2015, 2014), (2016, 2015), (2019, 2016))),
    (NATIONAL, ((2022, 2019), (2024, 2022))))
    for later, earlier in years)
needs_reports = slow_and(pytest.mark.skipif(
    not all((SHARED_REPORTS / f"{name}.txt").is_file() for name in NAMES),
    reason=f"the Hailar and national reports are not in {SHARED_REPORTS} (read from there, never copied)"))


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    root = tmp_path_factory.mktemp("archive")
    assert main(["new", "content"], root=root) == 0
    project = Project.of(root / "content", root / "output")
    for name in NAMES:
        import_source(project, SHARED_REPORTS / f"{name}.txt", name)
    return project, build(project)


def texts(report: Report) -> list[str]:
    return [text for _, text in report.texts()]


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@needs_reports
def test_a_page_of_what_is_new_for_each_report_with_an_earlier_one(
        archive: tuple[Project, BuildResult]) -> None:
    project, _ = archive
    out = project.output
    for later, earlier in PAIRS:
        for folder, title in (("zh-hans", f"新提法与高频词（对比{earlier[:4]}年报告）"),
                              ("zh-hant", f"新提法與高頻詞（對比{earlier[:4]}年報告）")):
            page = read_page(out / folder / later / "wording.html")
            assert page.title.startswith(title), page.title
            assert f"../{later}/wording.html" in read_page(out / folder / later / "index.html").links
    for first in ("2013-hailar-district-hulunbuir", "2019-national-state-council"):
        assert not (out / "zh-hans" / first / "wording.html").exists()
    assert broken_links(out) == []


ITEM = re.compile(r'<li><p class="wording-phrase"><strong>(.*?)</strong>.*?'
                  r'<blockquote class="quote wording-quote">'
                  r"\s*<p>(.*?)<mark>(.*?)</mark>(.*?)</p>\s*<footer><a href=\"([^\"]+)\">", re.S)


@needs_reports
@pytest.mark.parametrize("pair", PAIRS, ids=[f"{a[:4]}-{b[:4]}" for b, a in PAIRS])
def test_each_item_occurs_in_one_report_and_not_the_other_and_is_quoted_where_it_does(
        archive: tuple[Project, BuildResult], pair: tuple[str, str]) -> None:
    project, _ = archive
    later, earlier = pair
    content = load_project(project)
    reports = {entry.slug: entry.report for entry in content.reports}
    own = {slug: {p_id: text for p_id, text in reports[slug].texts()} for slug in pair}
    path = project.output / "zh-hans" / later / "wording.html"
    page = path.read_text(encoding="utf-8")
    sections = {name: page[page.index(f'id="wording-{name}"'):] for name in ("new", "dropped")}
    sections["new"] = sections["new"][:sections["new"].index('id="wording-dropped"')]
    for name, here, there in (("new", later, earlier), ("dropped", earlier, later)):
        items = ITEM.findall(sections[name])
        assert items, name
        for phrase, before, marked, after, href in items:
            phrase = html.unescape(phrase)
            assert marked == phrase and any(phrase in t for t in texts(reports[here]))
            assert not any(phrase in t for t in texts(reports[there])), (name, phrase)
            # Linked to its paragraph in its own report, whose text holds the quote.
            target, anchor = href.split("#")
            assert target.startswith(f"../{here}/"), href
            assert anchor in read_page((path.parent / target).resolve()).ids
            quoted_text = plain(before).removeprefix("……") + phrase + plain(after).removesuffix("……")
            assert quoted_text in own[here][anchor], (phrase, quoted_text)
        # Ranked as the analysis ranks: formulas and quoted phrases first, common words last.
        kinds = re.findall(rf'<h3 id="wording-{name}-(\w+)">', sections[name])
        assert kinds == sorted(kinds, key=KINDS.index)


@needs_reports
@pytest.mark.parametrize("pair", PAIRS, ids=[f"{a[:4]}-{b[:4]}" for b, a in PAIRS])
def test_the_words_used_most_are_counted_as_a_reader_counts_them_and_searched(
        archive: tuple[Project, BuildResult], pair: tuple[str, str]) -> None:
    project, _ = archive
    later, earlier = pair
    content = load_project(project)
    reports = {entry.slug: entry.report for entry in content.reports}
    for folder in ("zh-hans", "zh-hant"):
        page = (project.output / folder / later / "wording.html").read_text(encoding="utf-8")
        table = page[page.index('<table class="frequent-words">'):page.index("</table>")]
        rows = re.findall(r'<th scope="row"><a href="([^"]+)">(.*?)</a></th><td>(\d+)</td><td>(\d+)</td>',
                          table)
        assert len(rows) == GENRE.frequency.top
        counts = [int(count) for _, _, count, _ in rows]
        assert counts == sorted(counts, reverse=True)
        for href, word, count, before in rows:
            assert href == f"../search.html?q={quote(html.unescape(word), safe='')}"
            if folder == "zh-hans":  # every time each report writes it, also inside a longer word
                assert int(count) == sum(t.count(word) for t in texts(reports[later]))
                assert int(before) == sum(t.count(word) for t in texts(reports[earlier]))


# --- side by side -----------------------------------------------------------------------------------------

ROW = re.compile(r'<div class="facing-row" id="([^"]+)">(.*?)</div>', re.S)
CELL = re.compile(r'<p lang="([^"]+)"[^>]*>(.*?)</p>', re.S)
HEADING = re.compile(r'<h2 class="facing-row" id="([^"]+)">(.*?)</h2>', re.S)
SPAN = re.compile(r'<span lang="([^"]+)"[^>]*>(.*?)</span>(?=<span lang|$)', re.S)


def facing_rows(page: str) -> dict[str, list[tuple[str, str]]]:
    """Each row of a side-by-side page, in order: its id -> (language, text) of each of its cells."""
    rows = [(m.start(), m.group(1), CELL.findall(m.group(2))) for m in ROW.finditer(page)]
    rows += [(m.start(), m.group(1), SPAN.findall(m.group(2))) for m in HEADING.finditer(page)]
    return {row_id: [(lang, plain(text)) for lang, text in cells] for _, row_id, cells in sorted(rows)}


@needs_reports
def test_every_text_is_beside_itself_in_the_other_script_one_to_one(
        archive: tuple[Project, BuildResult]) -> None:
    project, _ = archive
    content = load_project(project)
    for entry in content.reports:
        hant = convert_value(entry.report, converter_for(content, "zh-Hant", content.glossary_for(entry)))
        hant_text = {step.id: step for step in hant.walk()}
        shown: dict[str, list[tuple[str, str]]] = {}
        for chapter in chapters(entry.report):
            pages = {folder: (project.output / folder / entry.slug / "both" / f"{chapter}.html")
                     .read_text("utf-8") for folder in ("zh-hans", "zh-hant")}
            rows = facing_rows(pages["zh-hans"])
            assert rows == facing_rows(pages["zh-hant"])  # the same text, the interface in each script
            assert not rows.keys() & shown.keys()
            shown |= rows
        expected = [step for step in entry.report.walk()
                    if step.place not in (PART_HEADING, TERMS_HEADING_PLACE)]
        assert list(shown) == [step.id for step in expected]  # every text once, in reading order
        for step in expected:
            (hans_lang, hans), (hant_lang, converted) = shown[step.id]
            assert (hans_lang, hant_lang) == ("zh-Hans", "zh-Hant")
            simplified = step.section.heading if step.section and not step.paragraph else step.text
            other = hant_text[step.id]
            traditional = other.section.heading if other.section and not other.paragraph else other.text
            assert (hans, converted) == (simplified, traditional), step.id


@needs_reports
def test_the_switcher_leads_to_the_side_by_side_page_and_back(archive: tuple[Project, BuildResult]) -> None:
    project, _ = archive
    slug = "2019-hailar-district-hulunbuir"
    out = project.output
    for folder in ("zh-hans", "zh-hant"):
        section = (out / folder / slug / "review" / "01.html").read_text("utf-8")
        assert f'class="side-by-side" href="../../{slug}/both/review.html#review-01"' in section
        part = read_page(out / folder / slug / "review" / "index.html")
        assert part.links.count(f"../../{slug}/both/review.html") == 2  # the switcher's and the page's own
        facing_path = out / folder / slug / "both" / "review.html"
        facing = facing_path.read_text("utf-8")
        start = facing.index('<nav class="switcher"')
        switcher = facing[start:facing.index("</nav>", start)]
        # Its scripts lead to the part's page in one script; side by side is where the reader is.
        assert re.findall(r'href="([^"]+)"', switcher) == [f"../../../zh-hans/{slug}/review/index.html",
                                                          f"../../../zh-hant/{slug}/review/index.html"]
        assert 'class="side-by-side" aria-current="true"' in switcher
        # The same page in the other variant's interface: its hreflang alternate.
        other = "zh-hant" if folder == "zh-hans" else "zh-hans"
        alternate = read_page(facing_path).alternates["zh-Hant" if other == "zh-hant" else "zh-Hans"]
        assert alternate == f"../../../{other}/{slug}/both/review.html"
    facing = read_page(out / "zh-hans" / slug / "both" / "review.html")
    assert facing.title.startswith("一、2018年工作回顾：简繁对照")
    # Previous and next run through the side-by-side pages only.
    assert facing.rels == {"prev": f"../../{slug}/both/preamble.html", "next": f"../../{slug}/both/plan.html"}


@needs_reports
def test_kept_comparisons_are_used_and_a_changed_report_is_compared_again(
        archive: tuple[Project, BuildResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from site_src import years

    project, _ = archive
    shutil.copytree(project.content, tmp_path / "content")
    shutil.copytree(project.cache, tmp_path / ".cache")
    copy = Project.of(tmp_path / "content", tmp_path / "output")
    kept = years.compare_years(copy, load_project(copy), Memo(copy.cache / "memo"), 1)

    def no_segmenting(text: str) -> list[str]:
        raise AssertionError("segmented again")

    monkeypatch.setattr(years, "words_of", no_segmenting)
    assert years.compare_years(copy, load_project(copy), Memo(copy.cache / "memo"), 1) == kept
    assert [(c.report, c.earlier) for c in kept] == list(PAIRS)
    # A report's folder changed: its words and both its comparisons are made again, no other.
    changed = copy.content / "reports" / "2015-hailar-district-hulunbuir"
    (changed / "notes.txt").write_text("改", encoding="utf-8")
    with pytest.raises(AssertionError, match="segmented again"):
        years.compare_years(copy, load_project(copy), Memo(copy.cache / "memo"), 1)
