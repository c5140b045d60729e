"""The numbered formulas of the bundled report: found by the detector, its slogans.yaml the override."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_src.errors import SiteError
from site_src.genre import load_genre
from site_src.model import Paragraph, Part, Provenance, Report, Source
from site_src.summaries.slogan_detect import detect_slogans
from site_src.summaries.slogans import (
    FOUND_BY_LIST,
    FOUND_BY_PATTERN,
    Slogan,
    SloganList,
    check_slogans,
    load_slogans,
    read_slogans,
)
from site_src.variants.convert import convert_value, make_converter

from .conftest import REPORT

SLOGANS_FILE = REPORT / "slogans.yaml"
VOCABULARY = load_genre().slogans


def find_slogans(report: Report, listed: SloganList) -> tuple[Slogan, ...]:
    return detect_slogans(report, VOCABULARY, listed)


@pytest.fixture(scope="module")
def listed() -> SloganList:
    return load_slogans(SLOGANS_FILE)


@pytest.fixture(scope="module")
def slogans(report: Report, listed: SloganList) -> dict[str, Slogan]:
    return {slogan.key: slogan for slogan in find_slogans(report, listed)}


def make_report(*texts: str) -> Report:
    paragraphs = tuple(Paragraph(f"p-{n}", text) for n, text in enumerate(texts, start=1))
    part = Part("review", "一", "回顾", paragraphs, (), ())
    empty = Provenance(Source("", "", "", ""), 0, (), (), (), ())
    return Report("政府工作报告", "某区人民政府", 2024, (), (part,), (), empty)


# --- the real report ------------------------------------------------------------------------------

def test_the_shipped_list_is_valid(report: Report, listed: SloganList) -> None:
    assert listed.slogans and listed.not_slogans
    assert check_slogans(report, listed) == ()


def test_every_occurrence_is_verbatim(report: Report, slogans: dict[str, Slogan]) -> None:
    texts = {p.id: p.source_text for p in report.paragraphs()}
    for slogan in slogans.values():
        assert slogan.occurrences
        for occurrence in slogan.occurrences:
            assert occurrence.sentence in texts[occurrence.paragraph_id]
            assert occurrence.form + occurrence.name in occurrence.sentence
            assert slogan.key in occurrence.form


def test_every_place_is_found(report: Report, slogans: dict[str, Slogan]) -> None:
    """As many occurrences as the report writes the formula (a digit code: quoted, or before a
    formula's name); none is found inside another formula's place."""
    text = "\n".join(p.source_text for p in report.paragraphs())
    for key, slogan in slogans.items():
        if re.fullmatch(r"[\d+]+", key):
            assert len(slogan.occurrences) == text.count(f"“{key}”"), key
        else:
            assert slogan.occurrences, key


def test_digit_codes_are_found_by_pattern(slogans: dict[str, Slogan]) -> None:
    by_pattern = {key for key, slogan in slogans.items() if slogan.found_by == FOUND_BY_PATTERN}
    codes = {key for key in by_pattern if re.fullmatch(r"[\d+]+", key)}
    assert codes == {"6666", "885", "123456", "141", "2335", "1+9", "12334"}
    # The one formula in words the curated list does not name, found by its shape (N大 + 平台).
    assert by_pattern - codes == {"两大合作平台"}


def test_2335_in_the_review_and_in_the_plan(report: Report, slogans: dict[str, Slogan]) -> None:
    slogan = slogans["2335"]
    review = {p.id for p in report.parts[0].paragraphs()}
    plan = {p.id for p in report.parts[1].paragraphs()}
    places = [o.paragraph_id for o in slogan.occurrences]
    assert places == ["review-01-1", "plan-02-3"]
    assert places[0] in review and places[1] in plan
    assert slogan.form == "“2335”"
    assert slogan.names == ("现代制造业集群体系",)
    assert slogan.occurrences[0].sentence.startswith("构建“2335”现代制造业集群体系")


def test_names_are_the_words_the_report_writes_after_the_formula(slogans: dict[str, Slogan]) -> None:
    assert slogans["6666"].names == ("工作思路",)
    assert slogans["1+9"].names == ("专班工作机制", "招商专班工作机制")
    # “141”基层智治体系建设走深走实: the name ends at 体系.
    assert slogans["141"].names == ("基层智治体系",)
    assert slogans["四下基层"].names == ("制度",)
    assert slogans["四千行动"].names == ()  # “四千行动”，…: the text gives none


def test_worded_formulas_come_from_the_list(listed: SloganList, slogans: dict[str, Slogan]) -> None:
    for entry in listed.slogans:
        assert slogans[entry.phrase].found_by == FOUND_BY_LIST
    for entry in listed.not_slogans:
        assert entry.phrase not in slogans
    for phrase in ("三攻坚一盘活", "四千行动", "两个确立", "两个维护", "四下基层", "三服务", "十百千万",
                   "三个革命"):
        assert phrase in slogans
    assert [o.paragraph_id for o in slogans["两个维护"].occurrences] == ["review-intro-2", "plan-10-2"]


def test_notes_are_quotes(report: Report, slogans: dict[str, Slogan]) -> None:
    texts = {p.id: p.source_text for p in report.paragraphs()}
    noted = [s for s in slogans.values() if s.note]
    assert noted
    for slogan in noted:
        assert slogan.note in texts[slogan.note_paragraph_id]
        assert slogan.key in slogan.note


def test_slogans_are_in_reading_order(report: Report, slogans: dict[str, Slogan]) -> None:
    order = [p.id for p in report.paragraphs()]
    firsts = [order.index(s.occurrences[0].paragraph_id) for s in slogans.values()]
    assert firsts == sorted(firsts)
    assert list(slogans)[:2] == ["6666", "885"]


# --- slogans.yaml problems -------------------------------------------------------------------------

def test_a_listed_phrase_absent_from_the_report_is_an_error_with_its_line(report: Report) -> None:
    listed = read_slogans("slogans:\n  - phrase: 四个意识\n  - phrase: 五个没有\n", "content/slogans.yaml")
    (problem,) = check_slogans(report, listed)
    assert str(problem) == ("content/slogans.yaml:3: slogans[1].phrase: "
                            "'五个没有' does not occur in the report")


def test_a_note_that_is_no_quote_is_an_error(report: Report) -> None:
    text = "slogans:\n  - phrase: 三个革命\n    note: 厕所革命、垃圾革命、污水革命\n"
    (problem,) = check_slogans(report, read_slogans(text, "s.yaml"))
    assert str(problem).startswith("s.yaml:3: slogans[0].note: the note '厕所革命、垃圾革命、污水革命'")


def test_a_stale_not_slogan_is_an_error(report: Report) -> None:
    text = "slogans: []\nnot_slogans:\n  - phrase: 九个一\n    reason: 示例\n"
    (problem,) = check_slogans(report, read_slogans(text, "s.yaml"))
    assert str(problem) == "s.yaml:3: not_slogans[0].phrase: '九个一' does not occur in the report"


@pytest.mark.parametrize(("text", "expected"), [
    ("slogans:\n  - phrase: 四风\n  - phrase: 四风\n",
     "s.yaml:3: slogans[1].phrase: '四风' is already listed at line 2"),
    ("slogans:\n  - phrase: 四风\nnot_slogans:\n  - phrase: 四风\n    reason: x\n",
     "s.yaml:4: not_slogans[0].phrase: '四风' is already listed at line 2"),
    ("slogans:\n  - phrase: “四风”\n",
     "s.yaml:2: slogans[0].phrase: write the phrase without its quotation marks"),
    ("slogans:\n  - phrase: 过紧日子\n", "s.yaml:2: slogans[0].phrase: '过紧日子' holds no number"),
    ("slogans:\n  - phrase: 四风\n    notes: x\n",
     "s.yaml:3: slogans[0].notes: unknown key 'notes' (allowed: phrase, note)"),
    ("not_slogans:\n  - phrase: 三甲\n", "s.yaml:1: slogans: missing key"),
    ("slogans:\n  - phrase: 四风\n    note: [x]\n", "s.yaml:3: slogans[0].note: expected text, got a list"),
])
def test_format_errors_carry_file_line_and_key(text: str, expected: str) -> None:
    with pytest.raises(SiteError) as caught:
        read_slogans(text, "s.yaml")
    assert expected in [str(problem) for problem in caught.value.problems]


def test_a_missing_file_means_no_list(tmp_path: Path) -> None:
    assert load_slogans(tmp_path / "slogans.yaml") == SloganList()


# --- small paragraphs ------------------------------------------------------------------------------

def test_digit_codes_on_small_paragraphs() -> None:
    report = make_report("坚持“3456”工作体系，用好“2+5”专班机制。", "深化“3456”工作体系建设。",
                         "完成“2024”。建成“20分钟”救援圈。")
    found = find_slogans(report, SloganList())
    assert [(s.key, s.names, [o.paragraph_id for o in s.occurrences]) for s in found] == [
        ("3456", ("工作体系",), ["p-1", "p-2"]), ("2+5", ("专班机制",), ["p-1"])]
    # A quoted year and “20分钟” are no codes.
    assert all(o.paragraph_id != "p-3" for s in found for o in s.occurrences)


def test_a_listed_phrase_written_without_quotes() -> None:
    report = make_report("坚持“五个一”机制。", "落实五个一要求。")
    listed = read_slogans("slogans:\n  - phrase: 五个一\n", "s.yaml")
    (slogan,) = find_slogans(report, listed)
    assert [(o.form, o.name, o.sentence) for o in slogan.occurrences] == [
        ("“五个一”", "机制", "坚持“五个一”机制。"), ("五个一", "", "落实五个一要求。")]


def test_slogans_convert_for_the_traditional_pages(slogans: dict[str, Slogan]) -> None:
    converted = convert_value(slogans["三攻坚一盘活"], make_converter("s2tw"))
    assert converted.key == "三攻坚一盘活"  # what identifies it stays as it is
    assert converted.form == "“三攻堅一盤活”"
    assert converted.found_by == FOUND_BY_LIST
    assert converted.occurrences[0].paragraph_id == "plan-04-1"
