"""The readings of issue 21's second round, each on a small inline text: the kinds of parts whose
headings do not use today's words (the old national reports'), the year's targets in the older
wordings, where the closing words start after the government's own conduct, a glossary the source
appends after its annexes, and a table an annex holds flattened one cell per line. The real
reports with these shapes are checked against their truth files (test_truth.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_src.cli import main
from site_src.content.report import load_report, report_files
from site_src.errors import SiteError
from site_src.ingest.parts import first_voice
from site_src.ingest.words import shipped_words
from site_src.model import Report

from .htmltext import read_page
from .test_genre_rules import CLOSE, HEAD, PLAN, REVIEW, report_of

# An old national report's head: the preamble names the congress it is given to (the year: 1979).
OLD_HEAD = ["各位代表：", "现在，我代表国务院，向第五届全国人民代表大会第二次会议作政府工作报告，请予审议。"]


def kinds(report: Report) -> list[str]:
    return [part.kind for part in report.parts]


def targets(report: Report) -> list[str]:
    return [p.text for p in report.paragraphs() if p.kind == "targets"]


# --- the kinds of parts ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "voice"), [
    ("我们已经正确地规划了建设的步骤。今后要继续努力。", "review"),
    ("解放以来，人民的生活得到了显著的改善。", "review"),
    ("我国人民当前和今后一个时期的头等大事，仍然是这场斗争。", "plan"),
    ("要在本世纪内把我国建设成为现代化强国。", "plan"),
    ("政府工作要紧紧围绕经济建设这个中心。", "plan"),
    ("这是一项重要的、主要的、需要长期坚持的工作。", ""),  # 要 inside a word is no voice
    ("我们的国家是人民民主专政的国家。", ""),
])
def test_the_voice_a_paragraph_speaks_in_first(text: str, voice: str) -> None:
    assert first_voice(text, shipped_words()) == voice


def test_old_parts_by_their_first_paragraphs_voice() -> None:
    report = report_of(*OLD_HEAD, "一、关于社会主义建设",
                       "我国的社会主义建设是同社会主义革命同时进行的。我们已经正确地规划了建设的步骤。",
                       "二、加快社会主义经济建设", "要在本世纪内把我国建设成为社会主义的现代化强国。",
                       "三、以经济建设为中心促进社会全面进步",
                       "在整个建设进程中，政府工作要紧紧围绕经济建设这个中心。",
                       "四、关于国家基本制度", "我们的国家是工人阶级领导的人民民主专政的国家。", *CLOSE)
    assert kinds(report) == ["review", "plan", "plan", "other"]


def test_a_paragraph_that_opens_with_the_reports_year_speaks_of_this_year_first() -> None:
    report = report_of("2025年某某县政府工作报告", *HEAD, *REVIEW, "二、奋力谱写高质量发展新篇章",
                       "2025年是关键之年。党的二十大以来，我们取得了很大的成就。",
                       "（一）抓项目。坚持项目为王。", *CLOSE)
    assert kinds(report) == ["review", "plan"]  # not a review for its 以来


@pytest.mark.parametrize("heading", ["关于对外政策", "关于国家的政治生活", "积极推进祖国和平统一大业",
                                     "加强政权建设，加强各族人民的大团结", "关于国内外团结"])
def test_the_states_other_concerns_are_other_whatever_the_part_says(heading: str) -> None:
    # Without the heading's words the part would be a review (它已经…) or tasks (我们要…).
    report = report_of(*OLD_HEAD, "一、三年来的斗争和新时期的总任务",
                       "从上次大会以来，我们经受了严峻的考验。",
                       f"二、{heading}", "我国人民已经取得了很大的成就，我们要继续前进。", *CLOSE)
    assert kinds(report) == ["review", "other"]  # 三年来 looks back, though the heading names 任务


def test_administrative_reform_is_the_governments_own_conduct() -> None:
    report = report_of(*OLD_HEAD, "一、过去五年的回顾", "五年来，我们取得了很大的成就。",
                       "二、认真进行行政管理体制和政府机构改革", "机构改革是紧迫任务。要转变政府职能。",
                       *CLOSE)
    assert kinds(report) == ["review", "government"]


def test_a_part_that_opens_on_the_five_years_ahead_is_the_outlook_though_it_sets_the_years_figures() -> None:
    year = "各位代表！1979年是重要的一年。今年国民生产总值计划增长百分之八，是留有余地的。"
    report = report_of(*OLD_HEAD, "一、取得伟大成就的五年", "五年来，我国经济蓬勃发展。",
                       "二、争取国民经济再上一个新台阶", "今后五年是实现第二步战略目标的关键时期。", year,
                       "三、加快建立市场经济体制的改革步伐",
                       "改革的目标是建立市场经济体制。今后五年是关键时期。从今年开始，就要力争突破。", *CLOSE)
    # Part 三 names the five years only after its first sentence: this year's work (从今年开始).
    assert kinds(report) == ["review", "outlook", "plan"]
    assert targets(report) == [year]


def test_a_review_holding_the_years_plan_stays_a_review() -> None:
    report = report_of("1957年6月26日在第一届全国人民代表大会第四次会议上", *OLD_HEAD[:1],
                       "从上次会议闭幕以来，国务院做了以下工作。", "一、关于社会主义建设",
                       "我国的社会主义建设是同社会主义革命同时进行的。我们已经正确地规划了建设的步骤。",
                       "以后在编制1957年的国民经济计划草案的时候，我们缩减了一部分基本建设投资。",
                       "这次提交大会审议的1957年度的国家预算草案和发展国民经济计划草案表明，建设是稳步前进"
                       "的。1957年的工业总产值将增长百分之四点五。",
                       "二、关于国家基本制度", "我们的国家是人民民主专政的国家。", *CLOSE)
    assert kinds(report) == ["review", "other"] and report.year == 1957
    # The year's plan without its figures is no targets; the paragraph with them is.
    assert [p.text[:9] for p in report.paragraphs() if p.kind == "targets"] == ["这次提交大会审议的"]


# --- the year's targets in the older wordings ----------------------------------------------------------

def test_the_years_plan_in_chinese_numerals_with_the_year_of_the_session() -> None:
    plan = ["一九七九年的国民经济计划，是一个调整的计划。工农业总产值将比一九七八年增长百分之八。"]
    report = report_of(*OLD_HEAD, "一、过去一年的回顾", "一年来，我们取得了很大的成就。",
                       "二、一九七九年经济战线上的任务", "一九七九年是调整的一年。", *plan, *CLOSE)
    assert report.year == 1979 and targets(report) == plan
    # Without the session, the preamble names no year: 一九七九年 is no longer this year.
    unnamed = report_of("各位代表：", "现在，我代表国务院向大会作政府工作报告，请予审议。",
                        *report_of_lines(report)[2:])
    assert targets(unnamed) == []


def report_of_lines(report: Report) -> list[str]:
    return [text for _, text in report.texts() if text]


def test_a_year_that_holds_the_digits_of_a_period_is_no_period() -> None:
    # 一九九五 holds 九五, the ninth five-year plan's name; “九五” in its quotes names the plan.
    plan = "一九九五年的国民经济计划，是一个稳定的计划。国民生产总值将增长百分之八。"
    report = report_of("各位代表：", "现在，我代表国务院，向第八届全国人民代表大会第三次会议作政府工作报告。",
                       "一、过去一年的回顾", "一年来，我们取得了很大的成就。", "二、“九五”时期的奋斗目标",
                       "到二〇〇〇年，国民生产总值比一九八〇年翻两番。", "三、一九九五年的主要任务",
                       "一九九五年是关键的一年。", plan, *CLOSE)
    assert report.year == 1995 and kinds(report) == ["review", "outlook", "plan"]
    assert targets(report) == [plan]


def test_a_plan_of_several_years_is_no_years_targets() -> None:
    report = report_of(*OLD_HEAD, "一、过去一年的回顾", "一年来，我们取得了很大的成就。",
                       "二、加快社会主义经济建设",
                       "按照十年规划，从一九七九年到一九八五年，国民经济计划规定工业总产值每年增长百分之十。",
                       *CLOSE)
    assert targets(report) == []


def test_the_phrase_of_today_comes_before_the_older_wording() -> None:
    report = report_of(*HEAD, *REVIEW, "二、2025年工作安排", "今年国民经济计划增长百分之八。",
                       "今年经济社会发展主要预期目标是：增长6%左右。", "（一）抓项目。坚持项目为王。", *CLOSE)
    assert targets(report) == ["今年经济社会发展主要预期目标是：增长6%左右。"]


# --- the closing words -----------------------------------------------------------------------------

ADDRESSES = ["各位代表，任重而道远，我们将不断改进政府工作，绝不辜负人民的期望！",
             "各位代表，回顾过去，我们豪情满怀。让我们携起手来，共创美好未来！"]


def test_after_the_governments_own_conduct_the_addresses_that_end_the_report_are_the_closing() -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, "三、加强政府自身建设", "（一）依法行政。自觉接受监督。",
                       "（二）廉洁从政。严守纪律。", *ADDRESSES)
    assert kinds(report) == ["review", "plan", "government"]
    assert report.parts[2].closing == () and [p.text for p in report.closing] == ADDRESSES


def test_after_the_years_work_an_address_before_the_last_is_the_parts_own() -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, *ADDRESSES)
    assert [p.text for p in report.parts[1].closing] == ADDRESSES[:1]
    assert [p.text for p in report.closing] == ADDRESSES[1:]


# --- a glossary after annexes ----------------------------------------------------------------------

ANNEXES = ["附件1", "2025年十大工程", "一、某某产业园项目", "附件2", "2024年十大工程进展情况说明"]
GLOSSARY = ["名词解释：", "[1]两重：是指国家重大战略实施。", "[2]两新：是指大规模设备更新。"]


def test_a_glossary_after_annexes_keeps_its_place_in_the_reading_order() -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, *CLOSE, *ANNEXES, *GLOSSARY)  # nothing lost, in order
    assert [t.term for t in report.terms] == ["两重", "两新"] and report.terms_heading == "名词解释："
    assert [p.text for p in report.appendix_before_terms] == ANNEXES and report.appendix_after_terms == ()
    assert report.terms_after == report.appendix[-1].id
    assert not [d for d in report.provenance.doubts if "glossary" in d.reason]
    first = report_of(*HEAD, *REVIEW, *PLAN, *CLOSE, *GLOSSARY, *ANNEXES)  # the genre's way: terms first
    assert first.terms_after == "" and first.appendix_before_terms == ()


def test_the_glossarys_place_is_kept_in_the_content_and_a_wrong_one_is_named(tmp_path: Path) -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, *CLOSE, *ANNEXES, *GLOSSARY)
    for relative, text in report_files(report).items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    assert "after: appendix-5" in (tmp_path / "terms.yaml").read_text(encoding="utf-8")
    loaded = load_report(tmp_path)
    assert loaded.terms_after == "appendix-5" and list(loaded.texts()) == list(report.texts())
    terms = tmp_path / "terms.yaml"
    terms.write_text(terms.read_text(encoding="utf-8").replace("appendix-5", "appendix-9"), encoding="utf-8")
    with pytest.raises(SiteError) as error:
        load_report(tmp_path)
    line = next(n for n, text in enumerate(terms.read_text(encoding="utf-8").splitlines(), start=1)
                if text.startswith("after:"))
    assert [str(p) for p in error.value.problems] == [
        f"{terms}:{line}: after: unknown appendix paragraph 'appendix-9': the glossary follows a paragraph "
        f"of kind appendix in {tmp_path / 'closing.yaml'}"]


def test_the_full_text_page_shows_the_annexes_then_the_glossary(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    lines = ["2025年某某县政府工作报告", *HEAD, *REVIEW, *PLAN, *CLOSE, *ANNEXES, *GLOSSARY]
    source.write_text("\n".join(lines), encoding="utf-8")
    assert main(["new", "content"], root=tmp_path) == 0
    assert main(["import", str(source), "--slug", "2025-mouxian"], root=tmp_path) == 0
    assert main(["build"], root=tmp_path) == 0
    text = read_page(tmp_path / "output" / "zh-hans" / "full.html").text
    # (the contents list names the glossary first: 名词解释, without the colon of its heading)
    places = [text.index(words) for words in ("十大工程进展情况说明", "名词解释：", "是指大规模设备")]
    assert places == sorted(places)


# --- a table an annex holds, flattened one cell per line ---------------------------------------------

TABLE = ["附件1", "2025年重点项目", "序", "号", "项目名称", "项目投资", "1", "某某产业园", "总投资", "5亿元",
         "2", "某某研发中心", "总投资", "1亿元", "3", "某某公园", "总投资", "2亿元"]


def test_the_cells_of_a_flattened_table_stay_as_found() -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, *CLOSE, *TABLE)
    assert [p.text for p in report.appendix] == TABLE
    assert not [j for j in report.provenance.joins if j.lines[0] > len(HEAD + REVIEW + PLAN + CLOSE)]


def test_an_annex_without_row_numbers_still_has_its_broken_lines_joined() -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, *CLOSE, "附件", "2025年十件实事", "一、签署《", "某某合作协议",
                       "》，推进合作。")
    joined = "一、签署《某某合作协议》，推进合作。"
    assert [p.text for p in report.appendix] == ["附件", "2025年十件实事", joined]
