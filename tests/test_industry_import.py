"""The industry system drafted at import: a draft industries.yaml, a person's file from then on;
and every report with a system gets its industry pages from it, one without gets none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from site_src.cli import main
from site_src.content.imported import read_record
from site_src.importing import import_source
from site_src.pipeline import Project, build

from .conftest import CONTENT, REPORT, SEED_SLUG, SLOW
from .htmltext import broken_links, read_page

REPORT_TEXT = """某区2024年政府工作报告
各位代表：
现在，我代表区人民政府，向大会报告工作，请予审议。
一、2023年工作回顾
过去一年，我们着力稳增长，地区生产总值增长6.6%。
各位代表！过去一年，极不容易。
二、2024年工作安排
今年经济社会发展主要预期目标是：地区生产总值增长7%。
（一）持续构建现代产业体系。构建“22”现代产业集群体系。做大做强2个主导产业。大力发展智能装备制造产业，\
建好智能装备产业园。推动食品及农产品加工产业发展。升级打造2个支柱产业。生物医药产业重点补齐薄弱环节。电子信息产业加快拓展。
各位代表！让我们继续前进，接续奋斗！
"""
NO_SYSTEM = REPORT_TEXT.replace("构建“22”现代产业集群体系。做大做强2个主导产业。", "").replace(
    "升级打造2个支柱产业。", "")


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    assert main(["new", "content"], root=tmp_path) == 0
    (tmp_path / "report.txt").write_text(REPORT_TEXT, encoding="utf-8")
    return tmp_path


def test_import_drafts_the_system_and_says_what_it_found(site: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "report.txt", "--slug", "one", "--verbose"], root=site) == 0
    printed = capsys.readouterr().out
    draft = site / "content" / "reports" / "one" / "industries.yaml"
    assert "industry system: “22”现代产业集群体系 [plan-01-1]: 2 tiers, 4 industries" in printed
    assert "  主导产业  做大做强2个主导产业 [plan-01-1]: 智能装备制造、食品及农产品加工" in printed
    assert "  drafted content/reports/one/industries.yaml: check it" in printed
    assert "  unsure: 0 (nothing left out)" in printed
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert [[i["name"] for i in tier["industries"]] for tier in data["tiers"]] == [
        ["智能装备制造", "食品及农产品加工"], ["生物医药", "电子信息"]]
    assert data["tiers"][0]["industries"][0]["found"] == ["plan-01-1"]  # where the name was found
    # A person's file: not among the importer's (whose edits stop a re-import), but recorded as drafted.
    record = read_record(draft.parent)
    assert record is not None and "industries.yaml" not in record.files
    assert record.drafted == ("industries.yaml", "outline.yaml")  # the outline is drafted for a person too
    # The site gets the overview and a page per industry from it, in both scripts.
    assert main(["build"], root=site) == 0
    for folder in ("zh-hans", "zh-hant"):
        base = site / "output" / folder
        assert sorted(p.name for p in (base / "industries").iterdir()) == [
            "biomedicine.html", "electronics.html", "equipment-manufacturing.html",
            "food-agri-processing.html",
            "index.html"]
        assert "industries/index.html" in read_page(base / "index.html").links
    assert broken_links(site / "output") == []


def test_a_later_import_never_rewrites_the_draft(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "report.txt", "--slug", "one", "--verbose"], root=site) == 0
    draft = site / "content" / "reports" / "one" / "industries.yaml"
    edited = draft.read_text(encoding="utf-8").replace("keywords: [生物医药", "keywords: [生物医药, 电子信息")
    draft.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    for extra in ([], ["--force"]):  # not even with --force: it is not the importer's file
        assert main(["import", "report.txt", "--slug", "one", "--verbose", *extra], root=site) == 0
        assert draft.read_text(encoding="utf-8") == edited
        assert "  kept content/reports/one/industries.yaml as it is (yours)" in capsys.readouterr().out


def test_a_removed_draft_is_not_made_again_unless_forced(site: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "report.txt", "--slug", "one", "--verbose"], root=site) == 0
    draft = site / "content" / "reports" / "one" / "industries.yaml"
    first = draft.read_bytes()
    draft.unlink()
    capsys.readouterr()
    assert main(["import", "report.txt", "--slug", "one", "--verbose"], root=site) == 0
    assert not draft.exists()
    assert ("  not drafted again: content/reports/one/industries.yaml was drafted by an earlier import and "
            "has been removed since (import with --force to draft it again)") in capsys.readouterr().out
    assert main(["build"], root=site) == 0
    assert not (site / "output" / "zh-hans" / "industries").exists()
    assert "industries/index.html" not in read_page(site / "output" / "zh-hans" / "index.html").links
    assert broken_links(site / "output") == []
    assert main(["import", "report.txt", "--slug", "one", "--verbose", "--force"], root=site) == 0
    assert draft.read_bytes() == first
    assert "  drafted content/reports/one/industries.yaml" in capsys.readouterr().out


def test_a_report_without_a_system_gets_no_draft_and_no_industry_pages(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "report.txt").write_text(NO_SYSTEM, encoding="utf-8")
    assert main(["import", "report.txt", "--slug", "one", "--verbose"], root=site) == 0
    assert "industry system: none found (the report gets no industry pages)" in capsys.readouterr().out
    folder = site / "content" / "reports" / "one"
    assert not (folder / "industries.yaml").exists() and read_record(folder).drafted == ("outline.yaml",)
    assert main(["build"], root=site) == 0
    out = site / "output"
    assert not list(out.rglob("industries"))
    assert not any("industries/" in link for path in out.rglob("*.html") for link in read_page(path).links)


@SLOW
def test_the_curated_file_of_the_bundled_report_stays_authoritative(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    project = Project.of(tmp_path / "content", tmp_path / "output")
    folder = tmp_path / "content" / "reports" / SEED_SLUG
    result = import_source(project, folder / "source.txt", SEED_SLUG)
    assert result.industries_outcome == "kept"
    assert result.industries.draft is not None and len(result.industries.draft.industries()) == 13
    assert (folder / "industries.yaml").read_bytes() == (REPORT / "industries.yaml").read_bytes()
    # nothing drafted but the outline (the bundled report's is shipped): its record stays as it was
    assert read_record(folder).drafted == ("outline.yaml",)
    build(project)
    page = read_page(tmp_path / "output" / "zh-hans" / "industries" / "auto-parts.html")
    assert "智能网联新能源汽车零部件产业园" in page.text  # the curated parks, not the draft's
