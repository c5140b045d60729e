"""The conversion audit on the real report: choices, differences from the source site, classes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from site_src.model import Report
from site_src.pipeline import Project, load_project
from site_src.variants.audit import (
    Dictionaries,
    VariantAudit,
    audit_variant,
    audited,
    load_dictionaries,
    segment,
)
from site_src.variants.convert import convert_value
from site_src.variants.prepare import audit_report

from .conftest import ROOT, SLOW, bundled_hant


@pytest.fixture(scope="module")
def dictionaries() -> Dictionaries:
    return load_dictionaries()


@pytest.fixture(scope="module")
def hant_audit() -> VariantAudit:
    project = Project.at(ROOT)
    content = load_project(project)
    (audit,) = audit_report(content, content.reports[0])
    return audit


def test_dictionaries_know_the_one_to_many_characters(dictionaries: Dictionaries) -> None:
    assert set(dictionaries.characters["干"]) >= {"幹", "乾", "干"}
    assert "范" in dictionaries.ambiguous and "征" in dictionaries.ambiguous
    assert "新征" in dictionaries.phrases and ("爲", "為") in dictionaries.variants


def test_segmentation_replays_opencc(dictionaries: Dictionaries) -> None:
    text = "新时代新征程"
    spans = [text[a:b] for a, b in segment(text, dictionaries.phrase_table)]
    assert "新征" in spans  # why s2tw writes 新徵程 without the glossary
    spans = [text[a:b] for a, b in segment(text, dictionaries.phrase_table.plus({"新征程"}))]
    assert "新征程" in spans


def test_an_edited_report_audits_the_edited_text_alone_and_finds_what_a_fresh_audit_finds(
        dictionaries: Dictionaries) -> None:
    content = load_project(Project.at(ROOT))
    entry = content.reports[0]
    variant = next(v for v in content.site.variants if v.opencc)
    assert variant.opencc is not None
    given = (variant.code, variant.opencc, content.glossary_for(entry), dictionaries, variant.quotes,
             content.genre.accepted, content.genre.context)
    _, kept = audited(entry.report, *given, {})
    target = next(step.text for step in entry.report.walk() if "发展" in step.text)
    changed = target.replace("发展", "干部发展", 1)
    edited = convert_value(entry.report, lambda text: changed if text == target else text)

    again, texts = audited(edited, *given, kept)

    assert again == audit_variant(edited, *given)
    assert [raw for raw, _ in texts.keys() - kept.keys()] == [changed]
    assert all(texts[key] is kept[key] for key in texts.keys() & kept.keys())


def test_every_difference_is_real_and_linked(hant_audit: VariantAudit, report: Report) -> None:
    originals = {original.id: original.text for original in report.originals}
    assert originals and hant_audit.compared
    convert = bundled_hant()
    paragraphs = {p.id: p.source_text for p in report.paragraphs()}
    paragraphs.update({s.id: s.heading for s in report.sections()})
    paragraphs.update({p.id: p.heading for p in report.parts})
    for difference in hant_audit.differences:
        assert difference.source != difference.ours
        for paragraph_id in difference.paragraphs:
            assert difference.source in originals[paragraph_id]
            assert difference.phrase in paragraphs[paragraph_id]
            assert difference.ours in convert(paragraphs[paragraph_id])


def test_classes_on_this_report(hant_audit: VariantAudit) -> None:
    found = {(d.kind, d.phrase, d.source, d.ours) for d in hant_audit.differences}
    assert ("corrected", "示范", "示范", "示範") in found
    assert ("corrected", "干部", "干部", "幹部") in found
    assert ("corrected", "奋斗", "奮斗", "奮鬥") in found
    assert ("glyph", "污", "污", "汙") in found
    assert ("glossary", "抓快干", "抓快干", "抓快幹") in found
    assert ("accepted", "布局", "布局", "佈局") in found  # both right: never "corrected"
    counts = hant_audit.counts()
    assert counts["corrected"] > 80
    # Every questionable phrase has been decided: what is left is explained by a class.
    assert counts["other"] == 0


def test_every_class_the_audit_gives_is_true(hant_audit: VariantAudit) -> None:
    """Each difference from the source site's own Traditional, as a person reviewed it
    (tests/data/audit-review.yaml): a correction only where the source was wrong, both accepted
    only where both are, and nothing left where ours was wrong (the genre's glossary fixed it)."""
    review = yaml.safe_load((ROOT / "tests" / "data" / "audit-review.yaml").read_text(encoding="utf-8"))
    verdicts = {(d["phrase"], d["source"], d["ours"]): d["verdict"] for d in review["differences"]}
    allowed = {"corrected": {"source-wrong"}, "glossary": {"source-wrong"},
               "accepted": {"both-right"}, "glyph": {"both-right"},
               "unsure": {"source-wrong", "both-right"}}  # unsure claims nothing, only asks
    for difference in hant_audit.differences:
        verdict = verdicts.get((difference.phrase, difference.source, difference.ours))
        assert verdict is not None, f"not reviewed: {difference}"
        assert verdict != "ours-wrong", difference
        assert verdict in allowed[difference.kind], (difference, verdict)
    wrong = [key for key, verdict in verdicts.items() if verdict == "ours-wrong"]
    listed = {(d.phrase, d.source, d.ours) for d in hant_audit.differences}
    assert wrong and not listed.intersection(wrong)  # 中签 and 杰: fixed, no longer a difference


def test_choices_say_what_decided(hant_audit: VariantAudit) -> None:
    choices = {(c.phrase, c.chosen): c for c in hant_audit.choices}
    assert choices[("发布", "發布")].by == "glossary"  # the site's glossary
    assert choices[("周", "週")].by == "rule"  # the genre's context rule (活动周)
    assert choices[("征程", "征程")].by == "phrase"  # a word of its own: OpenCC's 新征 cannot reach it
    assert choices[("干部", "幹部")].by == "phrase"
    assert choices[("干部", "幹部")].candidates[0][0] == "干"


@SLOW
def test_audit_command_prints_counts_differences_and_choices() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "site_src", "audit", "--verbose"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("== zh-Hant 繁體中文 (OpenCC s2tw)")
    assert "error in the source corrected" in out and "glyph-standard difference only" in out
    assert "  corrected 示范: source 示范 -> ours 示範" in out
    assert "  发布 -> 發布  by glossary" in out and "  周 -> 週  by rule" in out
