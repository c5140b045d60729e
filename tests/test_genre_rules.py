"""Each rule of the importer on a small inline text, and on the real report that has its shape.

The classes follow the issue: front matter, area headings, the unnumbered tail, targets, what
follows the closing, reports outside the skeleton, invisible and odd characters, part kinds; and
every stage linear in its input. The real reports are read from ../shared/reports (skipped,
saying why, where that folder is absent).
"""

from __future__ import annotations

import re

import pytest

from site_src.ingest import import_report
from site_src.ingest.appended import ENTRY
from site_src.ingest.characters import RULES as CHARACTER_RULES
from site_src.ingest.clean import JOIN_RULES
from site_src.ingest.ends import AREA_END_RULES, CLOSING_RULES
from site_src.ingest.front import FRONT_RULES
from site_src.ingest.furniture import rules_for
from site_src.ingest.parts import KIND_RULES
from site_src.ingest.summary import format_import_report
from site_src.ingest.words import shipped_words
from site_src.model import Report
from site_src.variants.convert import make_converter

from .conftest import SHARED_REPORTS, SLOW
from .test_import_genre import assert_nothing_lost

HEAD = ["各位代表：", "现在，我代表县人民政府向大会报告工作，请予审议。"]
REVIEW = ["一、2024年工作回顾", "过去一年，我们做了很多工作。", "（一）经济稳步增长。全年增长6%。",
          "（二）民生持续改善。新增就业1000人。"]
PLAN = ["二、2025年工作安排", "今年经济社会发展主要预期目标是：增长6%左右。", "（一）抓项目。坚持项目为王。",
        "（二）惠民生。办好实事。"]
CLOSE = ["各位代表！让我们团结奋斗！"]


def report_of(*lines: str) -> Report:
    text = "\n".join(lines)
    report = import_report(text.encode("utf-8"), "report.txt", ())
    assert_nothing_lost(text, report)
    return report


def real(name: str) -> tuple[str, Report]:
    path = SHARED_REPORTS / f"{name}.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared reports live outside the repository")
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    return text, import_report(path.read_bytes(), path.name, ())


def furniture(report: Report) -> list[tuple[int, str]]:
    return [(r.line, r.rule) for r in report.provenance.furniture]


def repairs(report: Report) -> list[tuple[int, str, str, str]]:
    return [(f.line, f.rule, f.found, f.fixed) for f in report.provenance.repairs]


# --- the tables ---------------------------------------------------------------------------------

@pytest.mark.parametrize("table", [JOIN_RULES, CHARACTER_RULES, AREA_END_RULES, CLOSING_RULES,
                                   KIND_RULES, rules_for(shipped_words())])
def test_every_rule_has_a_unique_name_and_a_reason(table: tuple) -> None:
    names = [rule.name for rule in table]
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) for name in names), names
    assert len(set(names)) == len(names) or table is rules_for(shipped_words()) or any(
        rule.name in ("source", "editor", "related-links") for rule in table)
    assert all(rule.reason for rule in table)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) and reason for name, reason in FRONT_RULES.items())


# --- 1. front matter -------------------------------------------------------------------------------

def test_a_collectors_title_and_source_line() -> None:
    report = report_of("2025年某某省政府工作报告", "来源：某某日报",
                       "——2025年1月20日在某某省第十四届人民代表大会第三次会议上", "某某省省长 张三",
                       *HEAD, *REVIEW, *PLAN, *CLOSE)
    assert (report.title, report.issuer, report.year) == ("政府工作报告", "某某省人民政府", 2025)
    assert report.byline == ("——2025年1月20日在某某省第十四届人民代表大会第三次会议上", "某某省省长 张三")
    assert furniture(report) == [(2, "source")] and report.provenance.doubts == ()


def test_a_collectors_place_that_names_no_government_stays_in_the_title() -> None:
    """2025年某地政府工作报告 with no byline: 某地 is no government's name (no 省/市/区 …), and no
    other line says who reports, so the place is kept in the title rather than lost."""
    report = report_of("2025年某地政府工作报告", *HEAD, *REVIEW, *PLAN, *CLOSE)
    assert (report.title, report.issuer, report.year) == ("某地政府工作报告", "", 2025)
    assert report.full_title == "2025年某地政府工作报告"
    named = report_of("2025年某某政府工作报告", "——2025年1月20日在某某省第十四届人民代表大会第三次会议上",
                      *HEAD, *REVIEW, *PLAN, *CLOSE)
    assert (named.title, named.issuer) == ("政府工作报告", "某某省人民政府")


def test_a_toolbar_one_word_a_line_is_not_glued_onto_the_title() -> None:
    report = report_of("下载", "打印", "全屏", "【字号：", "加大", "还原", "减小", "】",
                       "2026年某某省政府工作报告",
                       *HEAD, *REVIEW, *PLAN, *CLOSE)
    assert report.title == "政府工作报告" and report.year == 2026 and report.issuer == "某某省人民政府"
    assert furniture(report) == [(1, "toolbar"), (2, "share"), (3, "toolbar"), (4, "font-size"),
                                 (5, "toolbar"), (6, "toolbar"), (7, "toolbar"), (8, "font-size")]


@SLOW
def test_the_toolbar_of_a_real_page() -> None:
    _, report = real("2026-fujian-province")
    assert [rule for line, rule in furniture(report) if line <= 9] == [
        "toolbar", "share", "toolbar", "share", "font-size", "toolbar", "toolbar", "toolbar", "font-size"]
    assert report.title == "政府工作报告"


@pytest.mark.parametrize(("byline", "entries", "issuer"), [
    (["----2012年1月10日在某某县第十五届人民代表大会第一次会议上", "某某县人民政府县长　　赵六"],
     ("----2012年1月10日在某某县第十五届人民代表大会第一次会议上",
      "某某县人民政府县长 赵六"), "某某县人民政府"),
    (["——2025年1月20日在某某市第十六届人民代表大会第五次会议上 某某市人民政府市长 李四"],
     ("——2025年1月20日在某某市第十六届人民代表大会第五次会议上 某某市人民政府市长 李四",), "某某市人民政府"),
    (["——2025年1月20日在某某市第十六届", "人民代表大会第五次会议上", "市长 李四"],
     ("——2025年1月20日在某某市第十六届人民代表大会第五次会议上", "市长 李四"), "某某市人民政府"),
    (["某某区人民政府代区长  王五"], ("某某区人民政府代区长 王五",), "某某区人民政府"),
    (["2025年1月18日在某某省第十四届人民代表大会第三次会议上某某省人民政府省长王某作政府工作报告"],
     ("2025年1月18日在某某省第十四届人民代表大会第三次会议上某某省人民政府省长王某作政府工作报告",),
     "某某省人民政府"),
])
def test_bylines_in_their_shapes(byline: list[str], entries: tuple[str, ...], issuer: str) -> None:
    report = report_of("政府工作报告", *byline, *HEAD, *REVIEW, *PLAN, *CLOSE)
    assert report.byline == entries and report.issuer == issuer and report.provenance.doubts == ()
    assert report.parts[0].opening[0].kind == "text"  # no half of a byline became a highlight


def test_a_speakers_name_split_over_two_lines_keeps_the_salutation() -> None:
    report = report_of("政府工作报告", "——2022年3月5日在第十三届全国人民代表大会第五次会议上", "国务院总理　",
                       "李　强",
                       "各位代表：", "现在，我代表国务院，向大会报告政府工作。", *REVIEW[:], *PLAN, *CLOSE)
    assert report.byline[-1] == "国务院总理 李强" and report.preamble[0].text == "各位代表："
    assert report.issuer == "国务院" and report.year == 2022
    assert repairs(report) == [(4, "spaced-name", "李　强", "李强")]


@SLOW
def test_a_split_speaker_line_in_a_real_report() -> None:
    _, report = real("2024-national-state-council")
    assert report.byline[-1] == "国务院总理 李强" and report.preamble[0].text == "各位代表："
    assert [(f.line, f.rule) for f in report.provenance.repairs] == [(14, "spaced-name"), (160,
                                                                                           "invisible-line")]


def test_a_photo_caption_under_the_title_is_furniture() -> None:
    report = report_of("2025年某某省政府工作报告", "1月20日，某某省省长张三作政府工作报告。记者 王某 摄",
                       "——2025年1月20日在某某省第十四届人民代表大会第三次会议上",
                       *HEAD, *REVIEW, *PLAN, *CLOSE)
    assert furniture(report) == [(2, "photo-caption")] and len(report.byline) == 1


@pytest.mark.parametrize(("lines", "issuer", "year"), [
    (["各位代表：", "现在，我代表某某县人民政府向大会报告工作。"], "某某县人民政府", 2025),  # 我代表…人民政府
    (["各位代表：", "现在，我代表国务院，向大会报告政府工作。"], "国务院", 2025),
    (["各位代表：", "现在，我代表县人民政府向大会报告工作。"], "", 2025),  # 县人民政府 names no place
])
def test_the_issuer_from_the_preamble_and_the_year_from_the_plan(lines: list[str], issuer: str,
                                                                  year: int) -> None:
    report = report_of(*lines, *REVIEW, *PLAN, *CLOSE)
    assert (report.issuer, report.year) == (issuer, year)


@SLOW
def test_issuer_and_year_of_the_six_reports_that_had_none() -> None:
    found = {name: (report.issuer, report.year) for name in (
        "1998-national-state-council", "2019-hailar-district-hulunbuir", "2025-guangxi-autonomous-region",
        "2025-henan-province", "2026-hainan-province", "2025-yunnan-province") for report in [real(name)[1]]}
    assert found == {"1998-national-state-council": ("国务院", 1998),
                     "2019-hailar-district-hulunbuir": ("呼伦贝尔市海拉尔区人民政府", 2019),
                     "2025-guangxi-autonomous-region": ("广西壮族自治区人民政府", 2025),
                     "2025-henan-province": ("河南省人民政府", 2025),
                     "2026-hainan-province": ("海南省人民政府", 2026),
                     "2025-yunnan-province": ("云南省人民政府", 2025)}


# --- 2. area headings ----------------------------------------------------------------------------

def test_bare_yishi_heading_lines_are_areas() -> None:
    report = report_of(*HEAD, "一、2024年工作回顾", "过去一年，我们做了很多工作。", "一是经济平稳增长",
                       "全年增长6%。", "二是民生持续改善", "新增就业1000人。", *PLAN, *CLOSE)
    review = report.parts[0]
    assert [(s.heading, s.form, s.stop, s.lines()) for s in review.sections] == [
        ("一是经济平稳增长", "shi", "", ["一是经济平稳增长", "全年增长6%。"]),
        ("二是民生持续改善", "shi", "", ["二是民生持续改善", "新增就业1000人。"])]


def test_a_long_bare_heading_does_not_put_the_later_areas_out_of_sequence() -> None:
    long = "（一）坚持把发展特色优势产业作为主攻方向，构建符合实际的现代化产业体系和现代化经济体系"
    assert len(long) > 40
    report = report_of(*HEAD, *REVIEW, "二、2025年工作安排", "今年要抓好以下工作：", long, "推动工业发展。",
                       "（二）惠民生", "办好实事。", *CLOSE)
    assert [(s.number, s.form) for s in report.parts[1].sections] == [("一", "bare"), ("二", "bare")]
    assert report.provenance.doubts == ()


def test_ordinal_areas_with_and_without_their_full_stop() -> None:
    report = report_of(*HEAD, *REVIEW, "二、2025年工作安排", "今年要着重抓好以下工作：",
                       "第一，进一步稳定和加强农业",
                       "农业事关全局。", "第二，继续加强和改善宏观调控。", "今年要保持稳定。", *CLOSE)
    assert [(s.heading, s.form, s.stop) for s in report.parts[1].sections] == [
        ("第一，进一步稳定和加强农业", "di", ""), ("第二，继续加强和改善宏观调控", "di", "。")]


@SLOW
def test_ordinal_areas_in_a_real_report() -> None:
    _, report = real("1998-national-state-council")
    assert [len(p.sections) for p in report.parts] == [5, 8, 0]
    assert {s.form for s in report.sections()} == {"di"}


def test_a_part_heading_split_over_two_lines_is_joined() -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, "三、持续提升政府", "治理能力和水平",
                       "我们要建设人民满意的政府。",
                       *CLOSE)
    assert report.parts[2].title == "持续提升政府治理能力和水平"
    assert [(j.lines, j.rule) for j in report.provenance.joins] == [((11, 12), "heading-continued")]


def test_slogan_headings_take_their_kind_from_what_the_part_says() -> None:
    report = report_of(*HEAD, "一、一年接着一年干，建设持续取得新进展", "一年来，我们做了很多工作。",
                       "二、一张蓝图绘到底，奋力谱写新篇章", "“十五五”时期是关键时期。",
                       "三、一鼓作气勇争先，全力推动“十五五”开好局",
                       "今年经济社会发展的主要预期目标是：增长5%。",
                       "四、一以贯之转作风，建设人民满意的服务型政府", "作风建设永远在路上。", *CLOSE)
    assert [(p.id, p.kind) for p in report.parts] == [("review", "review"), ("outlook", "outlook"),
                                                      ("plan", "plan"), ("government", "government")]


def test_several_bracket_series_in_one_part() -> None:
    report = report_of(*HEAD, *REVIEW, "二、2025年总体要求和重点工作", "今年主要预期目标是：增长6%。",
                       "（一）坚持改革。深化改革。", "（二）坚持开放。扩大开放。", "重点抓好以下工作：",
                       "（一）抓项目。坚持项目为王。", "（二）惠民生。办好实事。", "（三）防风险。守住底线。",
                       *CLOSE)
    assert [s.number for s in report.parts[1].sections] == list("一二一二三")
    assert report.provenance.doubts == ()


# --- 3. the unnumbered tail ------------------------------------------------------------------------

def test_the_tail_after_one_paragraph_areas_without_a_lone_salutation() -> None:
    report = report_of(*HEAD, "一、2024年工作回顾", "（一）经济稳步增长。全年增长6%。",
                       "（二）民生持续改善。新增就业。",
                       "（三）政府建设加强。依法行政。",
                       "一年来，外事、侨务、档案、地震、气象、双拥等工作取得新进展。",
                       "过去一年成绩的取得，来之不易。", *PLAN, *CLOSE)
    review = report.parts[0]
    assert [p.text[:4] for p in review.closing] == ["一年来，", "过去一年"]
    assert review.sections[-1].lines() == ["（三）政府建设加强。依法行政。"]


def test_the_tail_after_an_area_of_topics_opens_with_the_other_work() -> None:
    report = report_of(*HEAD, *REVIEW, "二、2025年工作安排", "（一）抓项目", "扩大投资。加快建设。",
                       "优化环境。改善服务。",
                       "（二）防风险", "守住底线。严防风险。", "增强治理效能。加强公共安全。",
                       "进一步做好参事文史、地方志、档案、测绘、地震、气象、国防动员、双拥等工作。",
                       "各位代表！做好政府工作，必须加强自身建设。", *CLOSE)
    plan = report.parts[1]
    assert [p.text[:5] for p in plan.closing] == ["进一步做好", "各位代表！"]
    assert [p.source_text[:4] for p in plan.sections[-1].paragraphs] == ["守住底线", "增强治理"]


def test_a_closing_opened_by_gewei_daibiao_comma_does_not_swallow_the_areas_after_it() -> None:
    report = report_of(*HEAD, *REVIEW, "二、2025年工作安排", "各位代表，今年的任务十分繁重。",
                       "（一）抓项目。坚持项目为王。",
                       "（二）惠民生。办好实事。", "各位代表！让我们团结奋斗！")
    plan = report.parts[1]
    assert len(plan.sections) == 2 and [p.text for p in report.closing] == ["各位代表！让我们团结奋斗！"]


def test_lone_salutations_open_blocks_and_the_last_opens_the_closing() -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, "各位代表！", "我们要加强国防建设。", "各位代表！",
                       "我们要做好外交工作。",
                       "各位代表！", "让我们团结奋斗！")
    plan = report.parts[1]
    assert [[p.text for p in b.paragraphs] for b in plan.blocks] == [
        ["各位代表！", "我们要加强国防建设。"], ["各位代表！", "我们要做好外交工作。"]]
    assert [p.kind for p in report.closing] == ["salutation", "text"]


@SLOW
def test_the_tails_of_real_reports() -> None:
    _, guangxi = real("2025-guangxi-autonomous-region")
    assert [p.text[:6] for p in guangxi.parts[1].closing] == ["各位代表，铸", "各位代表!新" .replace("!",
                                                                                                     "！")]
    _, yunnan = real("2025-yunnan-province")
    assert yunnan.parts[2].closing[0].text.startswith("进一步做好参事文史")


# --- 4. targets ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lines", [
    ["今年预期目标是：增长6%左右。"],
    ["今年主要预期目标为：增长6%左右。"],
    ["经济社会发展的主要预期目标建议为：增长6%左右。"],
    ["国民经济宏观调控的主要目标是：经济增长8%。"],
    ["今年国民经济宏观调控的主要目标是：经济增长8%。"],
    ["今年经济社会发展的", "主要预期目标", "是：增长6%左右。"],
])
def test_the_targets_in_their_wordings_and_layouts(lines: list[str]) -> None:
    report = report_of(*HEAD, *REVIEW, "二、2025年工作安排", "今年是关键之年。", *lines,
                       "（一）抓项目。坚持项目为王。",
                       *CLOSE)
    targets = [p for p in report.paragraphs() if p.kind == "targets"]
    assert [p.text for p in targets] == ["".join(lines)]
    if len(lines) > 1:
        assert [j.rule for j in report.provenance.joins] == ["key-phrase"]


def test_a_five_year_plans_main_goals_are_not_the_years_targets() -> None:
    report = report_of(*HEAD, *REVIEW, "二、“十五五”时期的主要目标",
                       "今后五年经济社会发展的主要目标是：稳步提升。",
                       "三、2025年工作安排", "今年经济社会发展主要预期目标是：增长6%。", *CLOSE)
    assert [(p.id, p.kind) for p in report.parts] == [("review", "review"), ("outlook", "outlook"), ("plan",
                                                                                                     "plan")]
    assert [p.id for p in report.paragraphs() if p.kind == "targets"] == ["plan-intro-1"]


# --- 5. what follows the closing -----------------------------------------------------------

def test_a_glossary_with_terms_split_over_two_lines() -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, *CLOSE, "名词解释", "1.“两重”：", "是指国家重大战略实施。",
                       "2.“两新”：是指大规模设备更新。")
    assert [(t.term, t.explanation, t.entry(n)) for n, t in enumerate(report.terms, start=1)] == [
        ("“两重”", "是指国家重大战略实施。", "1.“两重”：是指国家重大战略实施。"),
        ("“两新”", "是指大规模设备更新。", "2.“两新”：是指大规模设备更新。")]


def test_a_glossary_under_an_annex_heading() -> None:
    for heading in (["附件"], ["附件", "名词解释"], ["附：名词解释"]):
        report = report_of(*HEAD, *REVIEW, *PLAN, *CLOSE, *heading, "1．两重：是指国家重大战略。")
        assert [(t.mark, t.term) for t in report.terms] == [("1．", "两重")], heading
        assert report.terms_heading == " ".join(heading) and report.appendix == ()


def test_notes_with_markers_in_the_body() -> None:
    report = report_of(*HEAD, *REVIEW[:2], "（一）经济稳步增长。“一降三减”［1］成效明显。", *PLAN, *CLOSE,
                       "注释", "［1］一降三减：", "火灾起数下降，伤亡减少。")
    assert report.terms_heading == "注释" and [(t.mark, t.term) for t in report.terms] == [("［1］",
                                                                                            "一降三减")]
    assert "“一降三减”［1］成效明显" in report.source_text()  # the marker stays where it is


def test_an_annex_of_numbered_items_is_no_parts_and_need_not_end_a_sentence() -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, *CLOSE, "附件", "2025年10件惠民实事", "一、稳定和扩大就业",
                       "主办单位：省人力资源社会保障厅", "二、深化一老一小关爱服务", "主办单位：省民政厅")
    assert len(report.parts) == 2 and [p.text for p in report.closing if p.kind != "appendix"] == CLOSE
    assert [p.text[:4] for p in report.appendix] == ["附件", "2025", "一、稳定", "主办单位", "二、深化",
                                                     "主办单位"]


@SLOW
def test_the_appended_lists_of_real_reports() -> None:
    _, yunnan = real("2025-yunnan-province")
    assert len(yunnan.terms) == 44 and {t.mark for t in yunnan.terms} - {""} and len(yunnan.appendix) == 32
    _, hainan = real("2026-hainan-province")
    assert hainan.terms_heading == "注释" and hainan.terms[4].entry(5).startswith("［5］ESI：Essential")


# --- 6. reports outside the skeleton -------------------------------------------------------------

def test_prose_without_parts_is_paragraphs_with_its_salutation_and_closing() -> None:
    report = report_of("政府工作报告", "——1954年9月23日在第一届全国人民代表大会第一次会议上", "各位代表：",
                       "我们的国家已经进入了有计划的经济建设时期。", "这几年来，我们做了很多工作。",
                       "各位代表！让我们团结起来，为建设伟大的社会主义国家而奋斗！")
    assert report.parts == () and report.year == 1954 and report.issuer == "国务院"
    assert [p.kind for p in report.preamble] == ["salutation", "text", "text"]
    assert [p.text[:4] for p in report.closing] == ["各位代表"]
    assert "no numbered parts" in report.provenance.doubts[0].reason


def test_traditional_script_input_has_the_same_structure() -> None:
    lines = ["2025年某某省政府工作报告", "——2025年1月20日在某某省第十四届人民代表大会第三次会议上",
             "某某省省长 张三",
             *HEAD, *REVIEW, *PLAN, *CLOSE, "名词解释", "1.“两重”：是指国家重大战略实施。"]
    simplified = report_of(*lines)
    traditional = import_report(make_converter("s2tw")("\n".join(lines)).encode(), "report.txt", ())
    assert traditional.provenance.source.script == "Hant"
    assert traditional.source_text() == simplified.source_text()
    assert (traditional.parts, traditional.byline, traditional.issuer) == (
        simplified.parts, simplified.byline, simplified.issuer)


# --- 7. invisible and odd characters ----------------------------------------------------------------

def test_invisible_and_odd_characters_are_repaired_and_recorded() -> None:
    report = report_of(*HEAD, "一、2 0 2 4 年工作回顾", "\u200b", "过去一年，人\u200b民满意度提高到9 8 ％。",
                       "\u2003",
                       "（一）生态改善。PM_2.5浓度下降。", "（二）民生改善。就业增加。", *PLAN, *CLOSE)
    assert report.parts[0].title == "2024年工作回顾" and report.year == 2025
    assert "人民满意度提高到98％" in report.source_text() and "PM2.5浓度" in report.source_text()
    assert repairs(report) == [
        (3, "spaced-digits", "2 0 2 4", "2024"), (3, "digit-space", "4 年", "4年"),
        (5, "zero-width", "人\u200b民", "人民"),
        (5, "spaced-digits", "9 8", "98"), (5, "digit-space", "8 ％", "8％"),
        (6, "invisible-line", "\u2003", ""), (7, "subscript-mark", "M_2", "M2")]
    # A line of zero-width characters alone marks where pages were joined: page furniture.
    assert furniture(report) == [(4, "page-join")]
    printed = format_import_report(report, "report.txt", 1, "x")
    assert "  zero-width: 词语中间的零宽字符（妨碍搜索：人\u200b民） (1 on 1 line)" in printed.splitlines()
    assert "  invisible-line: 只有不可见字符或特殊空格的行（不是段落） (1)" in printed.splitlines()


@SLOW
def test_the_spaced_digits_of_a_real_report() -> None:
    _, report = real("1998-national-state-council")
    assert report.parts[1].title == "关于1998年政府工作的建议"
    assert {f.rule for f in report.provenance.repairs} == {"spaced-digits", "digit-space"}


# --- 8. part kinds ----------------------------------------------------------------------------

def test_the_highlights_of_a_five_year_part_are_the_outlooks() -> None:
    report = report_of(*HEAD, *REVIEW, "二、“十五五”时期主要目标", "——经济实力迈上新台阶。",
                       "——改革开放取得新突破。",
                       "三、2025年工作安排", *PLAN[1:], *CLOSE)
    outlook = report.parts[1]
    assert outlook.kind == "outlook" and [p.kind for p in outlook.opening] == ["highlight", "highlight"]


# --- the import report, and the unsure list -------------------------------------------------

def test_the_summary_comes_first_and_the_unsure_list_has_line_numbers() -> None:
    report = report_of("政府工作报告", "欢迎访问", *HEAD, *REVIEW, *PLAN, *CLOSE)
    lines = format_import_report(report, "report.txt", 1, "x").splitlines()
    assert lines[2:6] == ["at a glance",
                          "  title      2025年政府工作报告  (政府工作报告 · issuer not found · 2025)",
                          "  byline     none",
                          "  preamble   欢迎访问 | 各位代表： | 现在，我代表县人民政府向"]
    assert "  一、2024年工作回顾  [review]" in lines
    assert "    areas      （一）经济稳步增长 （二）民生持续改善" in lines
    assert "  targets    二: 今年经济社会发展主要预期" in lines
    assert "        2  欢迎访问" in lines


# --- long inputs (their growth is measured by bench/growth.py) -------------------------------

@pytest.mark.parametrize(("shape", "tail"), [
    # under the closing words: a page's footer follows a whole report (under text that ends
    # otherwise, short lines are the report's, cut short: test_ingest.py)
    ("a footer of 20,000 short lines", [*CLOSE, *["网站首页"] * 20_000]),
    ("30,000 lines without a full stop", ["某某工作继续推进"] * 30_000 + ["完毕。"]),
    ("30,000 fragments without a full stop", ["某某"] * 30_000 + ["完毕。"]),
])
@SLOW
def test_a_long_input_imports_whole(shape: str, tail: list[str]) -> None:
    text = "\n".join([*HEAD, *REVIEW, *PLAN, *tail])
    report = import_report(text.encode("utf-8"), "report.txt", ())
    assert [part.title for part in report.parts] == ["2024年工作回顾", "2025年工作安排"], shape
    assert_nothing_lost(text, report)


def test_entries_numbered_in_their_marks() -> None:
    assert [ENTRY.match(text).group(1) for text in ("1.两重：x", "3．x：y", "［12］x：", "〔2〕x：")] == [
        "1.", "3．", "［12］", "〔2〕"]


def test_a_government_sites_head_breadcrumbs_repeats_and_a_caption_without_its_credit() -> None:
    report = report_of("分享:", "某某省2026年政府工作报告",
                       "2026年1月27日在某某省第十四届人民代表大会第四次会议上 某某省省长 赵某",
                       "首页", ">", "政府信息公开", ">", "政府工作报告", "某某省2026年政府工作报告",
                       "2026年1月27日在某某省第十四届人民代表大会第四次会议上 某某省省长 赵某",
                       "时间：", "2026-02-02 09:20", "来源：", "某某省人民政府", "分享:",
                       "省长赵某作政府工作报告",
                       *HEAD, *REVIEW, *PLAN, *CLOSE, "扫一扫在手机打开当前页")
    assert (report.title, report.year, report.issuer) == ("政府工作报告", 2026, "某某省人民政府")
    assert report.byline == ("2026年1月27日在某某省第十四届人民代表大会第四次会议上 某某省省长 赵某",)
    assert furniture(report) == [
        (1, "share"), (4, "breadcrumb"), (5, "breadcrumb"), (6, "breadcrumb"), (7, "breadcrumb"),
        (8, "breadcrumb"), (9, "head-repeated"), (10, "head-repeated"), (11, "timestamp"), (12, "timestamp"),
        (13, "source"), (14, "source"), (15, "share"), (16, "photo-caption"), (28, "share")]
    assert report.provenance.doubts == ()


def test_the_targets_in_the_middle_of_the_plans_first_paragraph() -> None:
    report = report_of(*HEAD, *REVIEW, "二、2026年主要工作",
                       "今年是起步之年，我们要稳中求进。主要预期目标是：地区生产总值增长5%以上。",
                       "（一）抓项目。坚持项目为王。", *CLOSE)
    assert [p.id for p in report.paragraphs() if p.kind == "targets"] == ["plan-intro-1"]


def test_a_news_pages_head_with_a_counter_and_the_reports_own_title_under_the_pages() -> None:
    report = report_of("当前位置：", "首页", ">", "要闻", "2026年某某自治区政府工作报告", "发表时间：",
                       "2026-02-09 09:45:30", "阅读量：", "政府工作报告",
                       "——2026年2月3日在某某自治区第十三届人民代表大会第四次会议上",
                       "自治区人民政府主席 张某",
                       *HEAD, *REVIEW, *PLAN, *CLOSE)
    assert (report.title, report.year, report.issuer) == ("政府工作报告", 2026, "某某自治区人民政府")
    # The page's own title (5) stands over the report's (9): the page's, furniture.
    assert [rule for _, rule in furniture(report)] == ["breadcrumb"] * 4 + ["page-title", "timestamp",
                                                                            "timestamp", "counter"]
    assert report.provenance.doubts == ()


def test_a_review_headed_by_its_results_and_the_governments_conduct_after_the_last_area() -> None:
    report = report_of(*HEAD, "一、2025年工作总结和“十四五”发展成就", "过去一年，我们做了很多工作。",
                       "一是经济稳步增长。全年增长6%。", "内需拉动明显增强。投资增长。",
                       "二是民生持续改善。新增就业。", "就业增收稳定向好。收入增长。",
                       "一年来，我们持续加强政府自身建设，依法接受监督。", "各位代表！",
                       "过去五年，成就来之不易。",
                       *PLAN, *CLOSE)
    review = report.parts[0]
    assert review.kind == "review" and [s.number for s in review.sections] == ["一", "二"]
    assert [p.text[:6] for p in review.closing] == ["一年来，我们"]
    assert [[p.text[:4] for p in b.paragraphs] for b in review.blocks] == [["各位代表", "过去五年"]]


def test_an_area_heading_split_over_two_lines_is_joined() -> None:
    report = report_of(*HEAD, *REVIEW, "二、2025年工作安排", "（一）坚持把发展特色优势产业作为主攻方向，",
                       "构建现代化产业体系", "推动工业经济聚势突破。加快建设。", "（二）惠民生", "办好实事。",
                       *CLOSE)
    assert report.parts[1].sections[0].title == "坚持把发展特色优势产业作为主攻方向，构建现代化产业体系"
    assert [j.rule for j in report.provenance.joins] == ["heading-continued"]


def test_a_title_with_a_note_and_a_date_alone_under_it() -> None:
    report = report_of("政府工作报告（摘要）", "（2025年1月20日）", *HEAD, *REVIEW, *PLAN, *CLOSE)
    assert (report.title, report.byline, report.year) == ("政府工作报告（摘要）", ("（2025年1月20日）",),
                                                          2025)
    assert report.provenance.doubts == ()


@pytest.mark.parametrize("entries", [["（1）两重：是指国家重大战略。", "（2）两新：是指设备更新。"],
                                     ["①两重：是指国家重大战略。", "②两新：是指设备更新。"]])
def test_a_glossarys_entries_in_other_numbers(entries: list[str]) -> None:
    report = report_of(*HEAD, *REVIEW, *PLAN, *CLOSE, "名词解释", *entries)
    assert [t.term for t in report.terms] == ["两重", "两新"] and report.provenance.doubts == ()


def test_linked_phrases_a_wiki_broke_onto_lines_of_their_own_are_joined() -> None:
    report = report_of(*HEAD[:1], "在听了某某同志", "关于宪法草案的报告",
                       "并进行了三天的讨论以后，我代表国务院报告工作。",
                       "我国同邻国已经缔结了", "友好条约", "。", *REVIEW, *PLAN, *CLOSE)
    assert [p.text for p in report.preamble[1:]] == [
        "在听了某某同志关于宪法草案的报告并进行了三天的讨论以后，我代表国务院报告工作。",
        "我国同邻国已经缔结了友好条约。"]
    assert [j.lines for j in report.provenance.joins] == [(2, 3, 4), (5, 6, 7)]
