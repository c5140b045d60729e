"""Summary pages for every shared report, in one site built from ../shared/reports with explicit
folder names (the importer does not yet find the year or issuer of some): industry pages from the
import's draft, slogans, and the figures as data."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from site_src.cli import main
from site_src.content.report import load_report
from site_src.content.site import load_site
from site_src.errors import SiteError
from site_src.genre import load_genre
from site_src.importing import ImportResult, import_source
from site_src.model import Report
from site_src.pipeline import BuildResult, Project, build
from site_src.summaries.industry_draft import detect_industries
from site_src.variants.convert import make_converter
from site_src.variants.punctuation import with_quotes

from .conftest import SHARED_REPORTS, SLOW
from .htmltext import broken_links, read_page

SHARED = sorted(path.stem for path in SHARED_REPORTS.glob("*.txt")) if SHARED_REPORTS.is_dir() else []
pytestmark = [SLOW, pytest.mark.skipif(not SHARED, reason=f"the shared reports are not in {SHARED_REPORTS} "
                                                   "(they are read from there, never copied)")]
# The reports that name an industry system (tests/test_industry_draft.py measures the detector):
# (tiers, industries); Henan names its “7+28+N”产业链群 by its formula only.
SYSTEMS = {"2025-henan-province": (0, 0), "2026-fujian-province": (2, 9), "2026-hainan-province": (2, 8)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[Path, BuildResult, dict[str, Report], dict[str, ImportResult], dict[str, str]]:
    root = tmp_path_factory.mktemp("shared")
    assert main(["new", "content"], root=root) == 0
    project = Project.of(root / "content", root / "output")
    imported, refused = {}, {}
    for name in SHARED:
        try:
            imported[name] = import_source(project, SHARED_REPORTS / f"{name}.txt", name)
        except SiteError as error:  # said by the test below
            refused[name] = str(error.problems[0])
    reports = {name: load_report(project.content / "reports" / name) for name in imported}
    return project.output, build(project), reports, imported, refused


Site = tuple[Path, BuildResult, dict[str, Report], dict[str, ImportResult], dict[str, str]]


def test_the_importer_takes_every_shared_report(site: Site) -> None:
    *_, imported, refused = site
    assert refused == {} and len(imported) == len(SHARED)


def test_every_report_with_a_system_gets_its_industry_pages_from_the_draft(site: Site) -> None:
    out, _, reports, imported, _ = site
    with_system = {name for name, result in imported.items() if result.industries.draft is not None}
    assert with_system == set(SYSTEMS)
    for name in reports:
        draft = imported[name].industries.draft
        folder = out.parent / "content" / "reports" / name
        for variant in ("zh-hans", "zh-hant"):
            base = out / variant / name
            links = [link.removeprefix(f"../{name}/") for link in read_page(base / "index.html").links]
            if draft is None:
                assert not (folder / "industries.yaml").exists() and not (base / "industries").exists()
                assert "industries/index.html" not in links
                continue
            assert imported[name].industries_outcome == "drafted"
            data = yaml.safe_load((folder / "industries.yaml").read_text(encoding="utf-8"))
            tiers = data.get("tiers", [])
            industries = [i for tier in tiers for i in tier["industries"]]
            assert (len(tiers), len(industries)) == SYSTEMS[name]
            assert "industries/index.html" in links
            overview = read_page(base / "industries" / "index.html")
            if not tiers:  # the formula, the sentences that name it, no tier and no industry page
                assert [p.name for p in (base / "industries").iterdir()] == ["index.html"]
                assert draft.name.strip("“”").split("”")[0] in overview.text
                assert ("未列出层级" if variant == "zh-hans" else "未列出層級") in overview.text
            for industry in industries:
                assert any(link.endswith(f"/industries/{industry['id']}.html") for link in overview.links)
                assert (base / "industries" / f"{industry['id']}.html").is_file()


def test_the_drafts_list_no_industry_that_is_not_in_the_report(site: Site) -> None:
    """Precision: each drafted name stands in each paragraph its draft names as where it was found."""
    _, _, reports, imported, _ = site
    listed = 0
    for name in SYSTEMS:
        texts = dict(reports[name].quotable())
        if not SYSTEMS[name][0]:
            continue  # no tiers, no industries
        draft = imported[name].industries.draft
        assert draft is not None
        for industry in draft.industries():
            listed += 1
            assert industry.found and all(industry.name in texts[where] for where in industry.found)
    assert listed == sum(count for _, count in SYSTEMS.values())


def test_every_report_has_a_slogans_page_quoting_each_formula_once(site: Site) -> None:
    out, _, reports, _, _ = site
    # Compared in Traditional, converted as the build converts (converting back folds 濛 into 蒙).
    content = load_site(out.parent / "content", load_genre(out.parent / "content"))
    (hant,) = (v for v in content.site.variants if v.code == "zh-Hant")
    for entry in content.reports:
        name, report = entry.slug, reports[entry.slug]
        to_hant = with_quotes(make_converter("s2tw", content.glossary_for(entry)), hant.quotes)
        for variant in ("zh-hans", "zh-hant"):
            texts = {text_id: text if variant == "zh-hans" else to_hant(text)
                     for text_id, text in report.quotable()}
            page = (out / variant / name / "slogans.html").read_text(encoding="utf-8")
            forms = re.findall(r'<span class="slogan-form">(.*?)</span>', page)
            assert forms and len(forms) == len(set(forms)), name
            quoted = re.findall(r'<blockquote class="quote slogan-quote" cite="[^"#]*#([a-z0-9-]+)">'
                                r'\s*<p>(.*?)<a class="source-link"', page, re.S)
            assert quoted, name
            for pid, quote in quoted:
                marks = re.findall(r"<mark>(.*?)</mark>", quote)
                plain = html.unescape(re.sub(r"<[^>]+>", "", quote)).strip()
                assert marks, (name, pid)
                assert all(piece in texts[pid] for piece in plain.split("……")), (name, pid)


def test_every_report_with_figures_offers_them_as_csv_and_json(site: Site) -> None:
    out, _, reports, _, _ = site
    offered = 0
    for name, report in reports.items():
        base = out / "zh-hans" / name
        if not (base / "figures.html").exists():
            assert not (base / "figures.csv").exists()
            continue
        offered += 1
        links = {link.removeprefix(f"../{name}/") for link in read_page(base / "figures.html").links}
        assert {"figures.csv", "figures.json"} <= links
        ids = {p.id for p in report.paragraphs()}
        rows = list(csv.DictReader(io.StringIO((base / "figures.csv").read_text(encoding="utf-8-sig"))))
        data = json.loads((base / "figures.json").read_text(encoding="utf-8"))
        assert rows and len(rows) == len(data["figures"])
        for row in rows:
            assert row["target_paragraph"] in ids
            assert not row["result_paragraph"] or row["result_paragraph"] in ids
            assert row["target_year"] == str(report.year) and row["result_year"] == str(report.year - 1)
    assert offered >= len(reports) - 1  # 1998 sets no figures the parser reads


def test_no_link_of_the_site_is_broken(site: Site) -> None:
    assert broken_links(site[0]) == []


def test_the_draft_detector_is_the_genres(site: Site) -> None:
    """The import drafted with the genre's words: the same detection from the loaded report."""
    _, _, reports, imported, _ = site
    vocabulary = load_genre().industries
    for name in SYSTEMS:
        assert detect_industries(reports[name], vocabulary).draft == imported[name].industries.draft
