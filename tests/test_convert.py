"""Variants as data: conversion of the whole model before rendering, ids and source quotes kept."""

from __future__ import annotations

from site_src.model import Paragraph, Repair, Report
from site_src.variants.convert import convert_value, make_converter


def test_conversion_is_by_phrase_and_fixes_the_seeds_character_errors() -> None:
    s2tw = make_converter("s2tw")
    # The seed's character-by-character Traditional had 示范, 干部, 奋斗 and 扎实 here.
    assert s2tw("国家示范县，广大干部接续奋斗，扎实推进") == "國家示範縣，廣大幹部接續奮鬥，紮實推進"
    assert s2tw("为群众") == "為群眾"  # Taiwan-standard glyphs


def test_tw2s_is_used_for_the_source_not_t2s() -> None:
    # The seed writes 著 the Taiwan way; only tw2s turns 著力 into Simplified 着力.
    assert make_converter("tw2s")("著力保障") == "着力保障"
    assert make_converter("t2s")("著力保障") == "著力保障"


def test_convert_value_keeps_ids_and_source_quotes() -> None:
    s2tw = make_converter("s2tw")
    paragraph = Paragraph(id="review-01-1", text="发展", lead="先进制造业集群发展。", kind="text")
    assert convert_value(paragraph, s2tw) == Paragraph(
        id="review-01-1", text="發展", lead="先進製造業集群發展。", kind="text")
    repair = Repair(line=3, damaged="會(huì )", repaired="会", reason="删除的拼音注音")
    converted = convert_value(repair, s2tw)
    assert converted.damaged == "會(huì )" and converted.repaired == "会"
    assert converted.reason == "刪除的拼音注音"


def test_round_trip_of_the_whole_report(report: Report) -> None:
    """zh-Hant converted back with tw2s gives the Simplified text again, paragraph by paragraph."""
    traditional = convert_value(report, make_converter("s2tw"))
    back = make_converter("tw2s")
    pairs = list(zip(report.paragraphs(), traditional.paragraphs(), strict=True))
    assert all(a.id == b.id for a, b in pairs)
    mismatches = [(a.id, a.text) for a, b in pairs if back(b.source_text) != a.source_text]
    assert mismatches == []
