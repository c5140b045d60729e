"""The "2335" industry system: the taxonomy as validated data, and its pages built from quotes."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from site_src.errors import SiteError
from site_src.model import Report
from site_src.pipeline import BuildResult
from site_src.summaries.industries import load_industries, summarise

from .conftest import REPORT, back_to_hans, bundled_hant
from .htmltext import read_page

QUOTE = re.compile(r'<blockquote class="quote"[^>]*>\s*<p>(.*?)</p>', re.S)


def test_the_taxonomy_validates(report: Report) -> None:
    system = load_industries(REPORT / "industries.yaml", report)
    assert system is not None
    assert [(t.id, len(t.industries)) for t in system.tiers] == [
        ("leading", 2), ("pillar", 3), ("specialty", 3), ("future", 5)]
    assert len(system.industries()) == 13
    text = report.source_text()
    for industry in system.industries():
        assert industry.name in text
        assert all(k in text for k in industry.keywords + industry.parks + industry.projects)


def write(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "industries.yaml"
    source = (REPORT / "industries.yaml").read_text(encoding="utf-8")
    assert old in source
    path.write_text(source.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The last line holding the needle (a duplicate is reported where it repeats)."""
    return max(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
               if needle in line)


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("keywords: [生物医药]", "keywords: [生物医药, 量子计算]", "量子计算",
     "tiers[1].industries[0].keywords[1]: '量子计算' does not occur in the report"),
    ("paragraph: plan-02-3", "paragraph: plan-99-9", "plan-99-9",
     "system.paragraph: unknown paragraph 'plan-99-9'"),
    ("      - id: power-semiconductors", "      - id: life-sciences", "id: life-sciences",
     "tiers[3].industries[4].id: duplicate id 'life-sciences'"),
    ("lead: 前瞻布局5个未来产业", "lead: 前瞻布局5个未来产业\n    colour: red", "colour",
     "tiers[3].colour: unknown key 'colour' (allowed: id, name, lead, industries, paragraph)"),
])
def test_invalid_taxonomies_name_file_line_and_key(tmp_path: Path, report: Report, old: str, new: str,
                                                   needle: str, message: str) -> None:
    path = write(tmp_path, old, new)
    with pytest.raises(SiteError) as caught:
        load_industries(path, report)
    assert f"{path}:{line_of(path, needle)}: {message}" in [str(p) for p in caught.value.problems]


def test_a_tier_must_hold_as_many_industries_as_its_lead_says(tmp_path: Path, report: Report) -> None:
    path = write(tmp_path, "      - id: power-semiconductors\n        name: 功率半导体\n"
                 "        keywords: [功率半导体]\n        parks: []\n        projects: []\n", "")
    with pytest.raises(SiteError, match="'前瞻布局5个未来产业' names 5 industries, the list has 4"):
        load_industries(path, report)


def test_plan_sentences_and_mentions(report: Report) -> None:
    system = load_industries(REPORT / "industries.yaml", report)
    assert system is not None
    summary = summarise(system, report)
    pages = {page.industry.id: page for page in summary.pages}
    auto = pages["auto-parts"]
    assert [q.paragraph_id for q in auto.plan] == ["plan-02-3"]
    assert "大力发展智能网联新能源汽车关键零部件及智能制造产业" in auto.plan[0].text
    assert {q.paragraph_id for q in auto.mentions} == {"review-01-1", "review-02-2"}
    ceramics = pages["ceramics"]
    assert any("陶瓷产业入选市级中小企业特色产业集群" in q.text for q in ceramics.mentions)
    assert all(page.plan for page in summary.pages)  # the plan says something about each of the 13
    assert [q.paragraph_id for q in summary.system_quotes] == ["review-01-1", "plan-02-3"]


def test_every_industry_page_in_both_variants_quotes_the_report_verbatim(
        built_site: tuple[Path, BuildResult], report: Report) -> None:
    out, _ = built_site
    system = load_industries(REPORT / "industries.yaml", report)
    assert system is not None
    to_hant = bundled_hant()
    back = back_to_hans()
    sentences = {p.id: p.source_text for p in report.paragraphs()}
    everything = "\n".join(sentences.values())
    for industry in system.industries():
        for folder in ("zh-hans", "zh-hant"):
            path = out / folder / "industries" / f"{industry.id}.html"
            page = read_page(path)
            name = industry.name if folder == "zh-hans" else to_hant(industry.name)
            assert f"<h1>{name}</h1>" in path.read_text(encoding="utf-8")
            quotes = [html.unescape(q) for q in QUOTE.findall(path.read_text(encoding="utf-8"))]
            assert quotes, path
            for quote in quotes:
                assert (quote if folder == "zh-hans" else back(quote)) in everything, (path, quote)
            assert page.lang in ("zh-Hans", "zh-Hant")
    overview = (out / "zh-hant" / "industries" / "index.html").read_text(encoding="utf-8")
    assert overview.count('class="tier tier-') == 4
    assert all(f'industries/{i.id}.html"' in overview for i in system.industries())
    home = (out / "zh-hans" / "index.html").read_text(encoding="utf-8")
    assert 'href="industries/index.html"' in home and 'href="industries/ceramics.html"' in home


# --- a system the report names without tiers ------------------------------------------------------

FORMULA = "“2335”现代制造业集群体系"


def untiered(tmp_path: Path, industries: str, tiers: str = "") -> Path:
    path = tmp_path / "industries.yaml"
    text = f"system:\n  name: {FORMULA}\n  paragraph: plan-02-3\n{industries}{tiers}"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_system_without_tiers_loads_with_the_industries_listed_beside_it(tmp_path: Path,
                                                                          report: Report) -> None:
    system = load_industries(untiered(tmp_path, "industries: [生物医药, 电子信息]\n"), report)
    assert system is not None
    assert (system.name, system.tiers, system.named) == (FORMULA, (), ("生物医药", "电子信息"))
    summary = summarise(system, report)
    assert summary.pages == () and summary.tier_quotes == ()
    assert summary.system_quotes and all(FORMULA in quote.text for quote in summary.system_quotes)
    bare = load_industries(untiered(tmp_path, ""), report)
    assert bare is not None and (bare.tiers, bare.named) == ((), ())


@pytest.mark.parametrize(("industries", "tiers", "message"), [
    ("industries: [量子计算]\n", "", "industries[0]: '量子计算' does not occur in a paragraph that names "
                                    f"'{FORMULA}'"),
    ("industries: [生物医药]\n", "tiers: []\n", "industries: a system with tiers lists its industries under "
                                                 "each tier"),
])
def test_the_industries_of_a_system_without_tiers_are_checked(tmp_path: Path, report: Report, industries: str,
                                                              tiers: str, message: str) -> None:
    path = untiered(tmp_path, industries, tiers)
    with pytest.raises(SiteError) as caught:
        load_industries(path, report)
    assert f"{path}:4: {message}" in [str(p) for p in caught.value.problems]
