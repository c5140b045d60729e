"""The importer, stage by stage, on small inline texts, a fixture report and the real seed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from site_src.content.report import report_files
from site_src.errors import Location, SiteError
from site_src.genre import load_genre
from site_src.importing import imported_report
from site_src.ingest import Erratum, import_report
from site_src.ingest.clean import (
    SourceLine,
    clean_source,
    detect_script,
    remove_annotations,
    restore_punctuation,
)
from site_src.ingest.errata import load_errata
from site_src.model import Report
from site_src.variants.convert import make_converter

from .conftest import REPORT, SEED_NAME, SHARED_REPORTS
from .real_reports import SHARED_SKIP

FIXTURES = Path(__file__).parent / "fixtures"
PINYIN_ANNOTATION = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\s*\)")


def lines(*texts: str) -> list[SourceLine]:
    return [SourceLine(n, text) for n, text in enumerate(texts, start=1)]


# --- pinyin annotations ----------------------------------------------------------------------

def test_annotations_are_removed_with_or_without_a_space_before_the_bracket() -> None:
    result, records, count = remove_annotations(lines("向大會(huì )報告工作,產(chǎn)業(yè)發(fā)展"))
    assert result[0].text == "向大會報告工作,產業發展"
    assert count == 4
    assert records[0].line == 1 and records[0].removed == "會(huì ) 產(chǎn) 業(yè) 發(fā)"


@pytest.mark.parametrize("text", ["同比(下同)增長", "央(國)企", "示范縣(市)", "中新(重慶)", "(一)加快",
                                  "成渝古道(榮昌)", "一期(二期)", "GDP(gdp)"])
def test_legitimate_parentheses_stay(text: str) -> None:
    result, records, count = remove_annotations(lines(text))
    assert result[0].text == text
    assert count == 0 and records == []


def test_seed_keeps_every_chinese_parenthetical_and_loses_every_annotation(
        seed_bytes: bytes, imported: Report) -> None:
    raw = seed_bytes.decode("utf-8")
    body = raw.split("國務(wù)院部門")[0]  # the footer is furniture, its annotations go with it
    legitimate = re.findall(r"\(([\u4e00-\u9fff]+)\)", body)
    assert len(legitimate) >= 30
    text = imported.source_text()
    to_simplified = make_converter("tw2s")
    numbers = [s.number for s in imported.sections()]
    for inner in legitimate:
        simplified = to_simplified(inner)
        if simplified in "一二三四五六七八九十":
            assert numbers.count(simplified) == 2  # (一) numbers an area and a task
        else:
            assert f"（{simplified}）" in text, inner
    assert not PINYIN_ANNOTATION.search(text)
    provenance = imported.provenance
    # The issue speaks of "~1,800" annotations; the record adds up to the count it reports.
    assert 1700 < provenance.annotations_removed < 1900
    assert provenance.annotations_removed == sum(r.removed.count("(") for r in provenance.annotations)
    assert provenance.annotations_removed == len(PINYIN_ANNOTATION.findall(body)) - sum(
        len(PINYIN_ANNOTATION.findall(e.damaged)) for e in provenance.errata)


# --- punctuation ---------------------------------------------------------------------------

@pytest.mark.parametrize(("before", "after"), [
    ("各位代表:", "各位代表："),
    ("各位代表!過去一年", "各位代表！過去一年"),
    ("增長5.5%,城鎮", "增長5.5%，城鎮"),
    ("(一)加快建設", "（一）加快建設"),
    ("同比(下同)增長", "同比（下同）增長"),
    ("“兩個維護”,風清氣正", "“兩個維護”，風清氣正"),
    ("用地1,970畝", "用地1,970畝"),
    ("增長5.5%、7%", "增長5.5%、7%"),
    ("“1+9”專班", "“1+9”專班"),
    ("單位GDP能耗", "單位GDP能耗"),
    ("新增AA+信用", "新增AA+信用"),
    ("改革;推進", "改革；推進"),
])
def test_punctuation_is_restored_in_chinese_context_only(before: str, after: str) -> None:
    result, _ = restore_punctuation(lines(before))
    assert result[0].text == after


def test_seed_has_no_ascii_punctuation_between_chinese_characters(imported: Report) -> None:
    text = imported.source_text()
    assert not re.search(r"[\u4e00-\u9fff][,:;!()][\u4e00-\u9fff]", text)
    counts = {c.name: c.count for c in imported.provenance.punctuation_restored}
    assert counts["，"] > 500 and counts["（"] == counts["）"]


# --- mojibake and errata -------------------------------------------------------------------

def test_seed_without_errata_stops_at_each_damaged_span_with_line_and_column(seed_bytes: bytes) -> None:
    with pytest.raises(SiteError) as caught:
        import_report(seed_bytes, SEED_NAME, ())
    problems = caught.value.problems
    assert [p.location.line for p in problems] == [17, 26, 45, 76]
    raw_lines = seed_bytes.decode("utf-8").split("\n")
    for problem in problems:
        assert problem.location.file == SEED_NAME
        assert "mojibake" in problem.message and "errata.yaml" in problem.message
        column = problem.location.column
        assert column is not None
        assert raw_lines[problem.location.line - 1][column - 1] in "?/"


def test_shipped_errata_repair_all_four_spans(imported: Report) -> None:
    errata = imported.provenance.errata
    assert [e.line for e in errata] == [17, 26, 45, 76]
    assert all(e.reason and e.repaired for e in errata)
    text = imported.source_text()
    assert "?" not in text and "span" not in text
    for repaired in ("空气质量优良天数", "控制在5.5%以内，单位GDP能耗", "出让，加强履约监管",
                     "党中央周围，在市委、市政府和区委的坚强领导下"):
        assert repaired in text


def test_a_stale_erratum_is_an_error_naming_its_entry() -> None:
    stale = Erratum("不存在的乱码?", "x", "test", Location("errata.yaml", 3, key="errata[0]"))
    with pytest.raises(SiteError) as caught:
        import_report("一、2023年工作回顧\n正文。\n".encode(), "r.txt", (stale,))
    assert str(caught.value.problems[0]).startswith("errata.yaml:3: errata[0]: erratum does not match")


@pytest.mark.parametrize("damaged", ["質量?優良", "以?/span>GDP", "周\ufffd圍", "在<br>市委"])
def test_damage_is_detected(damaged: str) -> None:
    with pytest.raises(SiteError) as caught:
        clean_source(f"一、工作回顧\n第二行{damaged}。\n".encode(), "x.txt", ())
    assert caught.value.problems[0].location.line == 2


def test_invalid_utf8_names_the_line() -> None:
    with pytest.raises(SiteError) as caught:
        clean_source("一、工作回顧\n".encode() + b"\xff\xfe bad\n", "x.txt", ())
    assert str(caught.value.problems[0]) == (
        "x.txt:2: the file is not valid UTF-8, nor Chinese text in GB18030 or Big5")


def test_a_report_without_parts_is_paragraphs_with_a_warning() -> None:
    text = "政府工作报告\n各位代表：\n我们做了很多工作。\n各位代表！\n让我们奋斗！\n"
    report = import_report(text.encode(), "x.txt", ())
    assert report.parts == () and [p.text for p in report.preamble] == ["各位代表：", "我们做了很多工作。"]
    assert [p.kind for p in report.closing] == ["salutation", "text"]
    assert [(d.line, d.reason.split(":")[0]) for d in report.provenance.doubts] == [
        (2, "no numbered parts (一、…) were found")]


def test_an_empty_report_is_an_error() -> None:
    with pytest.raises(SiteError, match="the report is empty"):
        import_report(b"\n?\n", "x.txt", ())


# --- furniture, script, structure ---------------------------------------------------------

def test_fixture_report_structure() -> None:
    report = import_report((FIXTURES / "mini-report.txt").read_bytes(), "mini.txt", ())
    assert report.issuer == "某某市人民政府" and report.year == 2024
    assert [p.kind for p in report.preamble] == ["salutation", "text"]
    review, plan = report.parts
    assert (review.id, review.number, review.title) == ("review", "一", "2023年工作回顾")
    assert [p.kind for p in review.opening] == ["text", "highlight", "text"]
    assert "我们着力稳增长" in review.opening[0].text  # tw2s: 著力 -> 着力
    area = review.sections[0]
    assert area.title == "加快建设现代化产业体系"
    assert [p.lead for p in area.paragraphs] == ["先进制造业集群发展。", "有效投资持续扩大。"]
    assert "投用企业之家。" in area.paragraphs[0].text  # a short fact is not a lead
    assert "用地1,970亩" in area.paragraphs[0].text
    assert [p.text for p in review.closing] == ["各位代表！过去一年，极不容易。"]
    assert plan.opening[0].kind == "targets"
    task = plan.sections[1]
    assert [(p.lead, p.text[:4]) for p in task.paragraphs] == [
        ("", "坚持在发"), ("办好人民满意的教育。", "新增学位"), ("", "此外，我")]
    assert [p.text for p in report.closing] == ["各位代表！让我们继续前进，接续奋斗！"]
    assert [r.line for r in report.provenance.furniture] == [1, 19, 20, 21, 22]
    assert "中新（重庆）合作园区" in report.source_text()


def test_seed_structure(imported: Report) -> None:
    assert imported.issuer == "重庆市荣昌区人民政府" and imported.year == 2024
    review, plan = imported.parts
    assert review.title == "2023年工作回顾" and plan.title == "2024年工作安排"
    assert [s.number for s in review.sections] == list("一二三四五六七八九十")
    assert [s.number for s in plan.sections] == list("一二三四五六七八九十")
    assert len(imported.highlights()) == 4
    assert [p.kind for p in plan.opening].count("targets") == 1
    assert review.sections[0].paragraphs[0].lead == "先进制造业集群发展。"
    review_leads = [p.lead for s in review.sections for p in s.paragraphs if p.lead]
    assert len(review_leads) >= 25
    assert all(len(lead) <= 17 and "，" not in lead for lead in review_leads)
    assert plan.sections[0].paragraphs[1].lead == "加快产业一体化发展。"
    assert imported.preamble[0].text == "各位代表："
    assert imported.closing[-1].text == "让我们在建设新荣昌的新征程上，继续前进，接续奋斗！"
    footer = [r for r in imported.provenance.furniture if r.line > 77]
    assert footer[-1].text == "政務(wù)微博" and len(footer) == 12
    assert "着力" in imported.source_text() and "著力" not in imported.source_text()


def test_every_source_line_reaches_the_model_in_order(seed_bytes: bytes, imported: Report) -> None:
    clean = clean_source(seed_bytes, SEED_NAME, load_errata(REPORT / "errata.yaml"))
    assert "".join(line.text for line in clean.lines) == imported.source_text()


def test_ids_are_unique_ascii(imported: Report) -> None:
    ids = [p.id for p in imported.paragraphs()] + [s.id for s in imported.sections()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_script_detection() -> None:
    assert detect_script("各位代表：现在我代表区人民政府向大会报告工作") == "Hans"
    assert detect_script("各位代表：現在我代表區人民政府向大會報告工作") == "Hant"


def test_import_is_deterministic_and_matches_the_shipped_content(seed_bytes: bytes) -> None:
    errata = load_errata(REPORT / "errata.yaml")
    first = report_files(imported_report(seed_bytes, SEED_NAME, errata, load_genre()))
    second = report_files(imported_report(seed_bytes, SEED_NAME, errata, load_genre()))
    assert first == second
    for relative, text in first.items():
        assert (REPORT / relative).read_text(encoding="utf-8") == text, relative


# --- a report cut short never imports as whole -------------------------------------------------------

# Reports of every shape the sweep cuts: a closing under 结束语, closing words in two paragraphs, a
# glossary, a notes list, an annex after a glossary, CRLF lines, a page footer, 1957's text.
SWEPT = ("2024-national-state-council", "2025-yunnan-province", "2026-hainan-province",
         "2026-sichuan-province", "2025-guangxi-autonomous-region", "1998-national-state-council",
         "corpus2/1957-national-state-council", "corpus2/1988-national-state-council",
         "corpus2/2008-shunping-county", "corpus2/2020-mancheng-district", "corpus2/2021-fuping-county")


def cut_places(length: int) -> list[int]:
    """12 places to cut a text of ``length`` characters: 6 spread through it, 6 through its last
    third (where the closing words, what is appended and a page's footer are)."""
    return sorted([*(length * (2 * n + 1) // 12 for n in range(6)),
                   *(length * n // 21 for n in range(15, 21))])


def cut_outcomes(raw: bytes, name: str, errata: tuple[Erratum, ...],
                 places: Callable[[int], list[int]] | None = None) -> list[tuple[int, str]]:
    """Each cut of the text and what its import did: 'refused' (every problem located), 'said'
    (imported, a doubt saying the file may be cut short), 'whole' (imported, but only the page
    around the report was cut: nothing of it lost) or 'IMPORTED AS WHOLE …'."""
    from site_src.ingest.encoding import decode

    words = load_genre().words
    try:
        whole, losses = import_report(raw, name, errata, words=words), False
    except SiteError:  # the report's lost characters are marked (import --keep-losses)
        whole, losses = import_report(raw, name, errata, words=words, keep_losses=True), True
    text = decode(raw, name).text
    outcomes = []
    for at in (places or cut_places)(len(text)):
        try:
            report = import_report(text[:at].encode("utf-8"), name, errata, words=words, keep_losses=losses)
        except SiteError as error:
            assert all(problem.location.line for problem in error.problems), error
            outcomes.append((at, "refused"))
            continue
        if any("cut short" in doubt.reason for doubt in report.provenance.doubts):
            outcomes.append((at, "said"))
        elif tuple(report.quotable()) == tuple(whole.quotable()):
            outcomes.append((at, "whole"))
        else:
            outcomes.append((at, f"IMPORTED AS WHOLE, cut after …{text[max(at - 20, 0):at]!r}"))
    return outcomes


def test_the_bundled_report_cut_anywhere_is_refused_or_said(seed_bytes: bytes) -> None:
    outcomes = cut_outcomes(seed_bytes, "source.txt", load_errata(REPORT / "errata.yaml"))
    assert len(outcomes) == 12
    assert [found for found in outcomes if found[1] not in ("refused", "said", "whole")] == []


@SHARED_SKIP
@pytest.mark.parametrize("name", SWEPT)
def test_a_shared_report_cut_anywhere_is_refused_or_said(name: str) -> None:
    """Run alone: pytest tests/test_ingest.py -k cut_anywhere (the figures: python bench/cuts.py)."""
    outcomes = cut_outcomes((SHARED_REPORTS / f"{name}.txt").read_bytes(), name, ())
    assert len(outcomes) == 12
    assert [found for found in outcomes if found[1] not in ("refused", "said", "whole")] == []
