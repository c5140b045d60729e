"""Reading across years and scripts in Chromium, on a site of the Hailar reports 2016 and 2019 (the
site has none between) and the national reports 2022 and 2024: the targets page, what is new in the
wording, the text side by side; axe-core finds nothing, nothing scrolls sideways at 360 px, the
side-by-side columns stand side by side at 1280 px and one under the other on a phone. A screenshot
of each page at 360 and 1280 px in both scripts goes to tests/artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from site_src.cli import main
from site_src.importing import import_source
from site_src.pipeline import Project, build

from ..conftest import SHARED_REPORTS
from .conftest import ARTIFACTS
from .test_browser import axe_violations

NAMES = ("2016-hailar-district-hulunbuir", "2019-hailar-district-hulunbuir", "2022-national-state-council",
         "2024-national-state-council")
VARIANTS = ("zh-hans", "zh-hant")
PHONE, DESKTOP = {"width": 360, "height": 740}, {"width": 1280, "height": 900}
HAILAR = "2019-hailar-district-hulunbuir"
# The new pages, by what they are.
PAGES = {"targets": "targets/hailaer.html", "targets-national": "targets/national.html",
         "wording": f"{HAILAR}/wording.html", "wording-national": "2024-national-state-council/wording.html",
         "side-by-side": f"{HAILAR}/both/review.html", "side-by-side-plan": f"{HAILAR}/both/plan.html"}


# Where each page is shown further down: the last pair (after a gap, on the Hailar page), the
# phrases dropped, the words used most, a section's heading in both scripts.
FURTHER = {"targets": ".track-year:last-of-type", "targets-national": ".track-year:last-of-type",
           "wording": "#wording-dropped", "wording-national": "#words", "side-by-side": "h2.facing-row",
           "side-by-side-plan": "h2.facing-row"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not all((SHARED_REPORTS / f"{name}.txt").is_file() for name in NAMES):
        pytest.skip(f"the Hailar and national reports are not in {SHARED_REPORTS} (read from there, never "
                    "copied)")
    root = tmp_path_factory.mktemp("years-browser")
    assert main(["new", "content"], root=root) == 0
    project = Project.of(root / "content", root / "output")
    for name in NAMES:
        import_source(project, SHARED_REPORTS / f"{name}.txt", name)
    build(project)
    yield project.output


def url(site: Path, variant: str, kind: str) -> str:
    return (site / variant / PAGES[kind]).as_uri()


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", PAGES)
def test_the_new_pages_on_a_phone_and_a_desktop(browser: Any, archive: Path, variant: str, kind: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in (("360", PHONE), ("1280", DESKTOP)):
        context = browser.new_context(viewport=viewport)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        tab.goto(url(archive, variant, kind))
        assert errors == []
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (kind, name, overflow)
        tab.screenshot(path=str(ARTIFACTS / f"years-{variant}-{kind}-{name}.png"))
        # And further down, where the page shows what is particular to it (the whole page is too long).
        tab.evaluate(f"document.querySelector({FURTHER[kind]!r}).scrollIntoView()")
        tab.screenshot(path=str(ARTIFACTS / f"years-{variant}-{kind}-{name}-further.png"))
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("kind", ["targets", "wording", "side-by-side"])
def test_axe_finds_no_violation_on_the_new_pages(page: Any, archive: Path, kind: str, variant: str,
                                                 scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(url(archive, variant, kind))
    assert axe_violations(page) == []


# Each row's cells: where they stand, their language.
CELLS = """() => [...document.querySelectorAll('div.facing-row')].slice(0, 12).map(row =>
    [...row.children].map(cell => { const r = cell.getBoundingClientRect();
        return {lang: cell.lang, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }))"""


@pytest.mark.parametrize("variant", VARIANTS)
def test_side_by_side_is_a_column_each_when_wide_and_one_under_the_other_on_a_phone(
        browser: Any, archive: Path, variant: str) -> None:
    for viewport in (DESKTOP, PHONE):
        tab = browser.new_page(viewport=viewport)
        tab.goto(url(archive, variant, "side-by-side"))
        rows = tab.evaluate(CELLS)
        assert len(rows) >= 8
        for hans, hant in rows:
            assert (hans["lang"], hant["lang"]) == ("zh-Hans", "zh-Hant")
            if viewport is DESKTOP:  # side by side, each about half the width
                assert abs(hans["top"] - hant["top"]) < 1 and hans["right"] < hant["left"]
                assert hant["right"] - hant["left"] > 450
            else:  # the Traditional under the Simplified, each the width of the text
                assert hant["top"] >= hans["bottom"] and abs(hans["left"] - hant["left"]) < 1
        tab.close()


def test_the_switcher_opens_the_side_by_side_page_where_the_reader_is_and_leads_back(
        page: Any, archive: Path) -> None:
    section = archive / "zh-hans" / HAILAR / "review" / "02.html"
    page.goto(f"{section.as_uri()}#review-02-1")
    page.click("nav.switcher a.side-by-side")
    page.wait_for_load_state()
    assert page.url == f"{url(archive, 'zh-hans', 'side-by-side')}#review-02-1"
    top = page.eval_on_selector("#review-02-1", "e => e.getBoundingClientRect().top")
    heads = page.eval_on_selector(".facing-labels", "e => e.getBoundingClientRect().bottom")
    assert heads <= top < 200  # the paragraph the reader was at, at the top, below the column heads
    # From there, 繁 is the part's page in Traditional alone, at the same paragraph's part.
    page.click("nav.switcher a[hreflang='zh-Hant']")
    page.wait_for_load_state()
    assert page.url.startswith((archive / "zh-hant" / HAILAR / "review" / "index.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "zh-Hant"
    # Without a place, a section's 对照 opens at the section.
    page.goto(section.as_uri())
    page.click("nav.switcher a.side-by-side")
    page.wait_for_load_state()
    assert page.url == f"{url(archive, 'zh-hans', 'side-by-side')}#review-02"


def test_a_frequent_word_opens_the_search_for_it(page: Any, archive: Path) -> None:
    page.goto(url(archive, "zh-hans", "wording-national"))
    first = page.locator(".frequent-words tbody th a").first
    word = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.url.split("/")[-1].startswith("search.html?q=")
    assert page.evaluate("new URLSearchParams(location.search).get('q')") == word
