"""End to end over the built site: every page in both variants, links, counterparts, nothing lost."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest

from site_src.model import Report
from site_src.pipeline import BuildResult, Project, build
from site_src.variants.convert import make_converter

from .conftest import CONTENT, ROOT, back_to_hans, bundled_hant, plan_of, report_variant
from .htmltext import Page, broken_links, read_page

VARIANTS = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}
PINYIN_ANNOTATION = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\s*\)")
MOJIBAKE = re.compile(r"[^\x00-\x7f]\?|\?[^\x00-\x7f]|\ufffd|/span>")


@pytest.fixture(scope="module")
def site(built_site: tuple[Path, BuildResult]) -> Path:
    return built_site[0]


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[Path, Page]:
    return {path.relative_to(site): read_page(path) for path in sorted(site.rglob("*.html"))}


def routes(site: Path, folder: str) -> set[str]:
    return {p.relative_to(site / folder).as_posix() for p in (site / folder).rglob("*.html")}


def test_both_variants_have_the_same_pages(site: Path, report: Report) -> None:
    hans, hant = routes(site, "zh-hans"), routes(site, "zh-hant")
    assert hans == hant
    sections = [f"{part.id}/{n:02d}.html" for part in report.parts
                for n in range(1, len(part.sections) + 1)]
    assert len(sections) == 20
    assert hans >= {"index.html", "review/index.html", "plan/index.html",
                    "closing.html", "full.html", "about.html", "404.html", *sections}


def test_every_page_declares_its_language_and_counterparts(pages: dict[Path, Page]) -> None:
    for path, page in pages.items():
        folder = path.parts[0]
        if folder not in VARIANTS:
            continue
        assert page.lang == VARIANTS[folder], path
        rest = Path(*path.parts[1:]).as_posix()
        depth = "../" * len(path.parts[1:])
        expected = {code: f"{depth}{f}/{rest}" for f, code in VARIANTS.items()}
        expected["x-default"] = f"{depth}index.html" if rest == "index.html" else expected["zh-Hans"]
        assert page.alternates == expected, path
        assert page.title.strip(), path


def test_every_internal_link_resolves(site: Path, pages: dict[Path, Page]) -> None:
    broken = []
    for path, page in pages.items():
        for href in page.links + list(page.alternates.values()):
            parsed = urlparse(href)
            assert not parsed.scheme and not href.startswith("/"), f"{path}: {href} is not relative"
            target, anchor = urldefrag(href)
            target_path = (site / path).parent / target if target else site / path
            target_path = target_path.resolve()
            exists = target_path.is_file()
            if not exists or (anchor and anchor not in pages[target_path.relative_to(site)].ids):
                broken.append((str(path), href))
    assert broken == []


def test_switcher_breadcrumbs_and_prev_next(pages: dict[Path, Page]) -> None:
    page = pages[Path("zh-hant/review/03.html")]
    assert "../../zh-hans/review/03.html" in page.links
    assert page.rels == {"prev": "../review/02.html", "next": "../review/04.html"}
    assert "../review/index.html" in page.links and "../index.html" in page.links
    assert "一、2023年工作回顧" in page.text and "（三）縱深推進雙城經濟圈建設" in page.text
    first = pages[Path("zh-hans/index.html")]
    assert set(first.rels) == {"next"}
    last = pages[Path("zh-hans/about.html")]
    assert set(last.rels) == {"prev"}


def test_every_page_has_breadcrumbs_and_a_way_on(site: Path, pages: dict[Path, Page]) -> None:
    for path, page in pages.items():
        if path.parts[0] in VARIANTS and path.name not in ("404.html", "search.html"):
            html = (site / path).read_text(encoding="utf-8")
            assert 'class="breadcrumbs"' in html and 'aria-current="page"' in html, path
            assert page.rels.keys() & {"prev", "next"}, path


def test_no_annotation_and_no_mojibake_on_any_page(pages: dict[Path, Page]) -> None:
    for path, page in pages.items():
        assert not PINYIN_ANNOTATION.search(page.text), path
        assert not MOJIBAKE.search(page.text), path


def test_no_character_of_the_other_script_left(pages: dict[Path, Page]) -> None:
    """Converting a page's text to its own script again changes nothing (outside passages marked
    with the other script's lang, such as the switcher's label and the audit's quotes)."""
    to_script = {"zh-hant": bundled_hant(keep_traditional=True), "zh-hans": make_converter("tw2s")}
    for path, page in pages.items():
        if path.parts[0] in to_script:
            seen = page.text + page.title + page.description
            again = to_script[path.parts[0]](seen)
            changed = [(a, b) for a, b in zip(seen, again, strict=False) if a != b]
            assert changed == [], path


def test_seed_conversion_errors_are_corrected(pages: dict[Path, Page]) -> None:
    text = pages[Path("zh-hant/full.html")].text
    for right, wrong in (("示範", "示范"), ("幹部", "干部"), ("奮鬥", "奮斗"), ("紮實", "扎實")):
        assert right in text and wrong not in text


def test_nothing_lost_every_paragraph_in_both_variants(pages: dict[Path, Page], report: Report) -> None:
    back = back_to_hans()
    full_hans = pages[Path("zh-hans/full.html")].text
    full_hant = back(pages[Path("zh-hant/full.html")].text)
    for paragraph in report.paragraphs():
        assert paragraph.source_text in full_hans, paragraph.id
        assert paragraph.source_text in full_hant, paragraph.id
    for part in report.parts:
        assert part.heading in full_hans and part.heading in full_hant
        for section in part.sections:
            assert section.heading in full_hans and section.heading in full_hant


def test_every_paragraph_is_on_its_own_page_with_its_anchor(
        pages: dict[Path, Page], report: Report) -> None:
    back = back_to_hans()
    anchors = plan_of((report_variant("", report),)).reports[""].anchors
    texts = {folder: {} for folder in VARIANTS}
    for paragraph in report.paragraphs():
        route = anchors[paragraph.id]
        for folder in VARIANTS:
            page = pages[Path(folder) / route]
            text = texts[folder].setdefault(route, back(page.text) if folder == "zh-hant" else page.text)
            assert paragraph.id in page.ids, (folder, route, paragraph.id)
            assert paragraph.text in text, (folder, paragraph.id)
            assert paragraph.heading in text, (folder, paragraph.id)


def test_root_page_offers_both_variants_each_in_its_own_script(site: Path, pages: dict[Path, Page]) -> None:
    root = pages[Path("index.html")]
    assert "zh-hans/index.html" in root.links and "zh-hant/index.html" in root.links
    html = (site / "index.html").read_text(encoding="utf-8")
    hant = html[html.index('<section lang="zh-Hant">'):]
    assert "繁體中文" in hant and "重慶市榮昌區2024年政府工作報告" in hant
    assert "简体中文" in root.text  # the zh-Hans part is the page's own language


def test_the_about_page_is_short_and_the_records_are_on_the_notes_page(site: Path, pages: dict[Path, Page],
                                                                      report: Report) -> None:
    for folder in VARIANTS:
        about, notes = pages[Path(folder) / "about.html"], pages[Path(folder) / "notes.html"]
        assert "notes.html" in about.links and "OpenCC" in about.text
        assert str(report.provenance.annotations_removed) in notes.text and "OpenCC" in notes.text
        assert "audit-zh-hant" in notes.ids and "audit-zh-hant" not in about.ids
        # No path of the repository and no checksum, on either page (the records keep them).
        source = report.provenance.source
        for route in ("about.html", "notes.html"):
            html = (site / folder / route).read_text(encoding="utf-8")
            assert source.file not in html and source.sha256 not in html, route
        # The bundled report does not record the page it was taken from: the pages say so.
        assert report.source_page is None
        unrecorded = {"zh-hans": "原网页的地址与取得日期尚未记录",
                      "zh-hant": "原網頁的網址與取得日期尚未紀錄"}[folder]  # Taiwan's words
        assert unrecorded in about.text and unrecorded in notes.text


def test_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(Project.of(CONTENT, again))
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_no_build_machine_path_in_output(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file():
            assert str(ROOT).encode() not in path.read_bytes(), path


def test_without_an_about_page_no_page_links_to_one(project_copy: Project) -> None:
    (project_copy.content / "pages" / "about.md").unlink()
    build(project_copy)
    assert not (project_copy.output / "zh-hans" / "about.html").exists()
    assert broken_links(project_copy.output) == []
    footer = (project_copy.output / "zh-hans" / "review" / "01.html").read_text(encoding="utf-8")
    assert "about.html" not in footer


def test_no_template_writes_a_route() -> None:
    """Templates get every link from the plan (url, anchor, asset): none spells a page's path; and
    no module but the routes module does (site_src/site/routes.py): every page's route, every
    link between pages, hreflang, the sitemap, the search index's files ask it."""
    literal = re.compile(r"""(?:href|src|action|cite)="(?!\{\{|#|data:)|[\w-]+\.(?:html|js|css)\b""")
    templates = ROOT / "templates"
    for template in sorted(templates.rglob("*.html")) + sorted(templates.rglob("*.svg")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            code = re.sub(r"\{%\s*(?:extends|include)\s+\"[^\"]+\"\s*%\}|asset\('[\w.-]+'\)", "", line)
            assert not literal.search(code), f"{template.relative_to(ROOT)}:{number}: {line.strip()}"
    names = frozenset(path.relative_to(templates).as_posix() for path in templates.rglob("*.html"))
    for module in sorted((ROOT / "site_src").rglob("*.py")):
        if module != ROOT / "site_src" / "site" / "routes.py":
            spelled = list(spelled_paths(module.read_text(encoding="utf-8"), names))
            assert spelled == [], f"{module.relative_to(ROOT)} spells a path: {spelled}"
    # The check sees a path however it is written, in a message as in a route.
    sample = ('def f(slug):\n    """The page at figures.html."""\n    return f"{slug}/figures.html", '
              '"search-index/keys-1.js", "see static/style.css", "page_home.html"\n')
    assert sorted(text for _, text in spelled_paths(sample, names)) == [
        "/figures.html", "search-index/keys-1.js", "see static/style.css"]


# What spells a path of the site: a page's or a file's name, the search index's folder, the folder
# of the static files. (A template's name is no path; a docstring may say what a file is called.)
_PATH = re.compile(r"[\w}-]\.(?:html|js|css|csv|xml)\b|\brobots\.txt\b|search-index|(?<![\w./])static/")


def spelled_paths(source: str, templates: frozenset[str]) -> Iterator[tuple[int, str]]:
    """(line, text) of each string of a module's code that spells a path of the site."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                and node.value not in templates and _PATH.search(node.value)):
            yield node.lineno, node.value
