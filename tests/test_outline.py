"""The outline read from the numbering (ingest/outline.py), the person's outline file, damaged
and flattened text, and page breaks: each style, each nesting order and each form on a small
inline report, every one of them losing nothing; the round trip of outline.yaml through the
import command.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_src.cli import main
from site_src.content.report import load_report
from site_src.errors import SiteError
from site_src.ingest import import_report
from site_src.ingest.areas import subareas_of
from site_src.ingest.errata import read_errata
from site_src.ingest.summary import format_import_report
from site_src.ingest.words import shipped_words
from site_src.model import Report
from site_src.variants.convert import convert_value, make_converter

from .conftest import ROOT, SHARED_REPORTS, SLOW
from .test_import_genre import assert_nothing_lost

HEAD = ["各位代表：", "现在，我代表县人民政府向大会报告工作，请予审议。"]
CLOSE = ["各位代表！让我们团结奋斗，再创佳绩！"]
REVIEW = "一、2025年工作回顾"
PLAN = "二、2026年工作安排"
DONE = "过去一年，我们做了很多工作。"
TARGETS = "今年经济社会发展主要预期目标是：增长6%左右。"


def report_of(*lines: str, keep_losses: bool = False) -> Report:
    text = "\n".join(lines)
    report = import_report(text.encode("utf-8"), "report.txt", (), keep_losses=keep_losses)
    assert_nothing_lost(text, report)
    return report


def areas(report: Report, part: int = 0) -> list[tuple[str, str, str]]:
    return [(s.number, s.form, s.title) for s in report.parts[part].sections]


# --- every numbering style --------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "second", "form"), [
    ("（一）稳增长。全年增长6%。", "（二）惠民生。就业增加。", "bracket"),
    ("(一)稳增长。全年增长6%。", "(二)惠民生。就业增加。", "bracket"),  # half-width brackets
    ("（一）经济稳中向好", "（二）民生持续改善", "bare"),
    ("一是经济稳中向好。全年增长6%。", "二是民生持续改善。就业增加。", "shi"),
    ("第一，经济稳中向好。全年增长6%。", "第二，民生持续改善。就业增加。", "di"),
    ("1.经济稳中向好。全年增长6%。", "2.民生持续改善。就业增加。", "arabic"),
    ("1、经济稳中向好。全年增长6%。", "2、民生持续改善。就业增加。", "arabic"),
    ("１．经济稳中向好。全年增长6%。", "２．民生持续改善。就业增加。", "arabic"),  # full-width digits
    ("1 . 经济稳中向好。全年增长6%。", "2 . 民生持续改善。就业增加。", "arabic"),  # spaces in the number
    ("①经济稳中向好。全年增长6%。", "②民生持续改善。就业增加。", "circled"),
    ("（1）经济稳中向好。全年增长6%。", "（2）民生持续改善。就业增加。", "arabic"),  # its mark says （1）
])
def test_each_numbering_style_numbers_the_areas(first: str, second: str, form: str) -> None:
    report = report_of(*HEAD, REVIEW, DONE, first, "正文一。", second,
                       "正文二。", PLAN, TARGETS,
                       "（一）抓项目。坚持项目为王。", "（二）惠民生。办好实事。", *CLOSE)
    review = report.parts[0]
    titles = ["经济稳中向好" if "经济" in first else "稳增长",
              "民生持续改善" if "民生持续" in second else "惠民生"]
    assert [(s.form, s.title) for s in review.sections] == [(form, title) for title in titles]
    assert review.sections[0].number in ("一", "1", "１", "①")
    assert report.provenance.doubts == ()
    # The heading is given back as the source wrote it (the number as written, where the form's
    # own mark would not give it back).
    assert review.sections[0].source_heading.replace(" ", "") in first.replace(" ", "").replace("(", "（") \
        .replace(")", "）")


def test_part_headings_numbered_di_yi_bu_fen_over_dun_areas() -> None:
    report = report_of(*HEAD, "第一部分　2025年工作回顾", DONE, "一、经济稳中向好",
                       "全年增长6%。", "二、民生持续改善", "就业增加。", "第二部分　2026年工作安排",
                       TARGETS, "一、抓项目", "坚持项目为王。", "二、惠民生",
                       "办好实事。", *CLOSE)
    assert [(p.number, p.mark, p.title, p.kind) for p in report.parts] == [
        ("一", "第一部分", "2025年工作回顾", "review"), ("二", "第二部分", "2026年工作安排", "plan")]
    assert areas(report) == [("一", "dun", "经济稳中向好"), ("二", "dun", "民生持续改善")]


def test_a_part_number_on_a_line_of_its_own_and_a_long_preamble() -> None:
    """第一部分 / its title on the next line: one heading; numbered parts that name a year's work
    are parts however many paragraphs the preamble has."""
    preamble = [f"第{n}段开场白，说明报告的背景。" for n in range(6)]
    report = report_of(*HEAD, *preamble, "第一部分", "2025年工作回顾", DONE, "第二部分", "2026年工作安排",
                       TARGETS, *CLOSE)
    assert [(p.mark, p.title) for p in report.parts] == [("第一部分", "2025年工作回顾"),
                                                        ("第二部分", "2026年工作安排")]
    assert len(report.preamble) == 8
    assert [join.rule for join in report.provenance.joins] == ["number-alone", "number-alone"]


def test_unnumbered_year_headings_over_dun_areas() -> None:
    report = report_of(*HEAD, "2025年工作回顾", DONE, "一、经济稳中向好", "全年增长6%。",
                       "二、民生持续改善", "就业增加。", "2026年主要工作", TARGETS,
                       "一、抓项目。坚持项目为王。", "二、惠民生。办好实事。", "全面加强政府自身建设",
                       "我们要坚持依法行政。", *CLOSE)
    assert [(p.number, p.title, p.kind, p.heading) for p in report.parts] == [
        ("", "2025年工作回顾", "review", "2025年工作回顾"), ("", "2026年主要工作", "plan", "2026年主要工作"),
        ("", "全面加强政府自身建设", "government", "全面加强政府自身建设")]
    assert areas(report, 1) == [("一", "dun", "抓项目"), ("二", "dun", "惠民生")]
    assert report.year == 2026


# --- nesting orders -----------------------------------------------------------------------------------

def test_three_levels_part_dun_bracket() -> None:
    """An unnumbered part, 一、 areas, （一） subareas, each with paragraphs."""
    report = report_of(*HEAD, "2025年工作回顾", DONE, "2026年主要工作",
                       TARGETS, "一、推动产业升级", "（一）发展制造业",
                       "建设产业园区。", "（二）发展服务业", "培育消费新场景。", "二、增进民生福祉",
                       "（一）稳定就业",
                       "新增就业1000人。", "（二）办好教育", "新建学校2所。", *CLOSE)
    plan = report.parts[1]
    assert areas(report, 1) == [("一", "dun", "推动产业升级"), ("二", "dun", "增进民生福祉")]
    words = shipped_words()
    assert [subareas_of(s, words) for s in plan.sections] == [
        [("一", "bare", "发展制造业"), ("二", "bare", "发展服务业")],
        [("一", "bare", "稳定就业"), ("二", "bare", "办好教育")]]


def test_three_levels_dun_bracket_shi() -> None:
    """一、 parts, （一） areas, 一是 paragraphs as their subareas."""
    report = report_of(*HEAD, REVIEW, DONE, PLAN,
                       TARGETS, "（一）推动产业升级",
                       "一是发展制造业。建设产业园区。", "二是发展服务业。培育消费新场景。",
                       "（二）增进民生福祉",
                       "一是稳定就业。新增就业1000人。", "二是办好教育。新建学校2所。", *CLOSE)
    plan = report.parts[1]
    assert [(s.number, s.form) for s in plan.sections] == [("一", "bare"), ("二", "bare")]
    assert [subareas_of(s, shipped_words()) for s in plan.sections] == [
        [("一", "shi", "发展制造业"), ("二", "shi", "发展服务业")],
        [("一", "shi", "稳定就业"), ("二", "shi", "办好教育")]]


def test_a_style_after_one_paragraph_points_stands_beside_them() -> None:
    """一是…。 points of one paragraph each, then （一） heading lines: two series side by side,
    the points before the areas (opening), not （一） inside 三是."""
    report = report_of(*HEAD, REVIEW, "一是经济稳中向好。全年增长6%。", "二是民生持续改善。就业增加。",
                       "三是生态更加优美。空气优良。", PLAN, TARGETS,
                       "（一）抓项目", "坚持项目为王。", "（二）惠民生", "办好实事。", *CLOSE)
    assert areas(report, 0) == [("一", "shi", "经济稳中向好"), ("二", "shi", "民生持续改善"),
                                ("三", "shi", "生态更加优美")]
    assert areas(report, 1) == [("一", "bare", "抓项目"), ("二", "bare", "惠民生")]


def test_a_number_out_of_sequence_is_a_doubt_and_a_paragraph() -> None:
    report = report_of(*HEAD, REVIEW, "（一）稳增长。正文一。", "（三）错号。正文三。",
                       "（二）惠民生。正文二。",
                       PLAN, TARGETS, "（一）抓项目。坚持。", *CLOSE)
    assert [s.number for s in report.parts[0].sections] == ["一", "二"]
    assert [(d.line, "（二） was expected" in d.reason) for d in report.provenance.doubts] == [(5, True)]


def test_parts_without_heading_lines_start_where_the_text_turns() -> None:
    """No part headings: the review starts after the preamble, the plan where the text turns to
    this year; the top level numbers the areas (it starts again at （一）); the parts are called by
    the genre's names for their kinds, which are no text of the report."""
    report = report_of(*HEAD, "2025年，我们做了很多工作。", "（一）稳增长。全年增长6%。",
                       "（二）惠民生。就业增加。",
                       "在看到成绩的同时，我们也清醒认识到困难。", "2026年是关键之年。",
                       TARGETS, "（一）抓项目。坚持项目为王。", "（二）惠民生。办好实事。",
                       *CLOSE)
    review, plan = report.parts
    assert (review.has_heading, review.kind, review.heading, plan.kind, plan.heading) == (
        False, "review", "工作回顾", "plan", "工作安排")
    assert [p.source_text[:6] for p in plan.opening] == ["2026年是", "今年经济社会"]
    assert [p.text for p in review.closing] == ["在看到成绩的同时，我们也清醒认识到困难。"]
    steps = [step for step in report.walk() if step.place == "part-heading"]
    assert [step.text for step in steps] == ["", ""]  # nothing added to the walk
    assert report.year == 2026
    said = {doubt.reason.split(":")[0] for doubt in report.provenance.doubts}
    assert said == {"the text after the preamble", "the text turns to this year's work"}
    # Both scripts call the part by the genre's name in that script.
    assert convert_value(review, make_converter("s2tw")).heading == "工作回顧"


def test_a_headless_review_before_an_unnumbered_plan_heading() -> None:
    report = report_of(*HEAD, DONE, "（一）稳增长。全年增长6%。", "（二）惠民生。就业增加。",
                       "2026年主要工作", TARGETS, "一、抓项目。坚持项目为王。", "二、惠民生。办好实事。",
                       *CLOSE)
    review, plan = report.parts
    assert (review.has_heading, review.kind, plan.title, plan.kind) == (False, "review", "2026年主要工作",
                                                                        "plan")
    assert [s.number for s in review.sections] == ["一", "二"]
    assert [s.form for s in plan.sections] == ["dun", "dun"]


def test_a_part_heading_that_runs_into_its_text() -> None:
    report = report_of(*HEAD, "一、2025年工作回顾。过去一年，我们做了很多工作。",
                       "（一）稳增长。全年增长6%。",
                       "二、2026年工作安排。今年我们要继续努力。", TARGETS, *CLOSE)
    review, plan = report.parts
    assert (review.title, review.stop) == ("2025年工作回顾", "。")
    assert review.source_heading == "一、2025年工作回顾。"
    assert (review.opening[0].source_text, plan.opening[0].source_text) == (DONE, "今年我们要继续努力。")


def test_a_report_without_any_heading_stays_paragraphs() -> None:
    report = report_of(*HEAD, DONE, "今年我们要继续努力。", *CLOSE)
    assert report.parts == ()
    assert [p.text[:4] for p in report.preamble] == ["各位代表", "现在，我", "过去一年", "今年我们"]


# --- damaged text ---------------------------------------------------------------------------------

DAMAGED = [*HEAD, REVIEW, "过去一年，某??县完成投资10亿元，某????工程竣工，\ufffd\ufffd\ufffd项目开工。",
           PLAN, TARGETS, *CLOSE]


def test_damaged_text_is_an_error_naming_every_span_unless_losses_are_kept() -> None:
    with pytest.raises(SiteError) as error:
        import_report("\n".join(DAMAGED).encode("utf-8"), "report.txt", ())
    assert {problem.location.line for problem in error.value.problems} == {4}
    assert "--keep-losses" in str(error.value)
    report = report_of(*DAMAGED, keep_losses=True)
    assert "某□县完成投资10亿元，某□□工程竣工，□□□项目开工。" in report.source_text()
    assert [(loss.damaged, loss.mark) for loss in report.provenance.losses] == [
        ("??", "□"), ("????", "□□"), ("\ufffd\ufffd\ufffd", "□□□")]
    # Marked in both scripts: the mark is no character a script converts.
    assert "某□縣" in convert_value(report, make_converter("s2tw")).parts[0].opening[0].text
    printed = format_import_report(report, "report.txt", 1, "x")
    assert "unsure: 0" not in printed and "characters lost in the source" in printed


def test_errata_repair_or_confirm_each_span_and_an_undecided_one_is_an_error() -> None:
    errata = read_errata('errata:\n  - damaged: "某??县"\n    repaired: "某某县"\n    reason: 查原件\n'
                         '  - damaged: "某????工程"\n    lost: true\n    reason: 原件缺字\n'
                         '  - damaged: "\ufffd\ufffd\ufffd项目"\n    reason: 待查\n', "errata.yaml")
    with pytest.raises(SiteError) as error:
        import_report("\n".join(DAMAGED).encode("utf-8"), "report.txt", errata)
    # The undecided entry, and the span it leaves undecided.
    assert [(p.location.line, p.location.key) for p in error.value.problems] == [(8, "errata[2]"), (4, None)]
    assert "still to decide" in str(error.value)
    report = import_report("\n".join(DAMAGED).encode("utf-8"), "report.txt", errata, keep_losses=True)
    assert "某某县完成投资10亿元，某□□工程竣工，□□□项目开工。" in report.source_text()
    assert [(loss.damaged, loss.reason) for loss in report.provenance.losses] == [
        ("????", "原件缺字"), ("\ufffd\ufffd\ufffd", report.provenance.losses[1].reason)]
    with pytest.raises(SiteError, match="both repaired and lost"):
        read_errata('errata:\n  - damaged: "某??县"\n    repaired: "某某县"\n    lost: true\n'
                    '    reason: x\n', "e.yaml")


# --- flattened text and page breaks -----------------------------------------------------------------

def _paragraphs(report: Report) -> list[str]:
    return [step.text for step in report.walk() if step.text]


def test_literal_crlf_sequences_are_line_breaks() -> None:
    lines = [*HEAD, REVIEW, DONE * 200, PLAN,
             TARGETS, *CLOSE]
    text = "\\r\\n".join(lines)
    report = import_report(text.encode("utf-8"), "report.txt", ())
    assert [p.title for p in report.parts] == ["2025年工作回顾", "2026年工作安排"]
    assert [(f.rule, f.count) for f in report.provenance.flattened] == [("literal-breaks", len(lines) - 1)]
    assert_nothing_lost(text, report)


def test_a_pdf_run_into_one_line_is_split_into_its_printed_lines_and_paragraphs() -> None:
    body = ("过去一年，我们坚持稳中求进工作总基调，经济运行回升向好，"
            "全年地区生产总值增长6%，民生持续改善。") * 3
    printed = [body[i:i + 26] for i in range(0, len(body), 26)] * 20 + ["各项工作取得新进展。"]
    lines = ["各位代表：", "现在，我代表县人民政府向大会报告工作，请予审议。", REVIEW, *printed[:40], "— 1 —",
             *printed[40:], PLAN, TARGETS, *CLOSE]
    text = " ".join(lines)
    report = import_report(text.encode("utf-8"), "report.txt", ())
    assert [p.title for p in report.parts] == ["2025年工作回顾", "2026年工作安排"]
    assert [f.rule for f in report.provenance.flattened] == ["pdf-spaces"]
    assert [r.text for r in report.provenance.furniture] == ["— 1 —"]
    # Its printed lines are paragraphs again, the one the page number cut too.
    assert [p.source_text for p in report.parts[0].opening] == [body] * 20 + ["各项工作取得新进展。"]
    assert_nothing_lost(text, report)


def test_a_text_run_together_without_breaks_is_split_at_its_headings() -> None:
    text = ("各位代表：现在，我代表县人民政府向大会报告工作，请予审议。"
            "一、2025年工作回顾过去一年，我们做了很多工作。"
            + "全县经济平稳运行。" * 250 + "（一）稳增长。全年增长6%。（二）惠民生。就业增加。"
            "二、2026年工作安排今年经济社会发展主要预期目标是：增长6%左右。各位代表！让我们团结奋斗！")
    report = import_report(text.encode("utf-8"), "report.txt", ())
    assert [f.rule for f in report.provenance.flattened] == ["run-together"]
    assert [s.number for s in report.parts[0].sections] == ["一", "二"]
    assert_nothing_lost(text, report)


def test_hard_pdf_line_breaks_and_page_footers_are_joined_and_removed() -> None:
    body = ("过去一年，我们坚持稳中求进工作总基调，经济运行回升向好，全年地区生产总值增长6%，"
            "一般公共预算收入增长5%，规模以上工业增加值增长7%，固定资产投资增长4%，社会消费品零售总额"
            "增长5%，民生持续改善，社会大局和谐稳定。")
    printed = [body[i:i + 27] for i in range(0, len(body), 27)]
    lines = [*HEAD, REVIEW, *printed * 4, *printed[:2], "— 1 —", *printed[2:], *printed * 3,
             "（一）稳增长。全年增长6%。", PLAN, TARGETS, *CLOSE]
    report = report_of(*lines)
    assert [r.rule for r in report.provenance.furniture] == ["page-number"]
    assert {join.rule for join in report.provenance.joins} == {"pdf-line"}
    # Each paragraph whole again, the one the page footer cut too.
    assert [p.text for p in report.parts[0].opening] == [body] * 8


def test_a_newspapers_page_turn_and_running_head() -> None:
    report = report_of(*HEAD, REVIEW, "过去一年，我们坚持稳中求进，经济运行（下转第3版）",
                       "政 府 工 作 报 告", "（上接第1版）回升向好，民生持续改善。", PLAN,
                       TARGETS, *CLOSE)
    assert [p.text for p in report.parts[0].opening] == [
        "过去一年，我们坚持稳中求进，经济运行回升向好，民生持续改善。"]
    assert [(r.line, r.rule) for r in report.provenance.furniture] == [(5, "running-head")]
    assert [(f.line, f.rule, f.found) for f in report.provenance.repairs] == [
        (4, "page-turn", "（下转第3版）"), (6, "page-turn", "（上接第1版）")]


def test_a_zero_width_page_join_goes_on_with_the_paragraph() -> None:
    report = report_of(*HEAD, REVIEW, "\u3000\u3000过去一年，我们坚持稳中求进，经济运行", "\u200b",
                       "回升向好，民生持续改善。", "\u200b", "\u3000\u3000一年来，我们做了很多工作。", PLAN,
                       TARGETS, *CLOSE)
    assert [p.text[:8] for p in report.parts[0].opening] == ["过去一年，我们坚", "一年来，我们做了"]
    assert [r.rule for r in report.provenance.furniture] == ["page-join", "page-join"]


# --- the import report and the real reports ----------------------------------------------------------

@SLOW
def test_topic_headings_kept_as_paragraphs_are_never_unsure_0() -> None:
    path = SHARED_REPORTS / "2026-hainan-province.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared reports live outside the repository")
    report = import_report(path.read_bytes(), path.name, ())
    printed = format_import_report(report, path.name, 1, "x")
    assert "unsure: 0" not in printed
    unsure = printed.split("\nunsure: ", 1)[1]
    assert "reads like a heading without a number" in unsure and "lines 8, 10, 12, 14, 16, 18, 20" in unsure


# --- the person's outline file -------------------------------------------------------------------------

REPORT = [*HEAD, REVIEW, DONE, "（一）稳增长。全年增长6%。", "（二）惠民生。就业增加。",
          PLAN, TARGETS, "（一）抓项目", "坚持项目为王。", "（二）惠民生",
          "办好实事。", "三、全面加强政府自身建设", "我们要坚持依法行政。", *CLOSE]


def _import(site: Path, *more: str) -> int:
    return main(["import", str(site / "report.txt"), "--content", str(site), "--slug", "one", *more],
                root=ROOT)


def test_the_outline_file_round_trips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert main(["new", str(site)], root=ROOT) == 0
    (site / "report.txt").write_text("\n".join(REPORT), encoding="utf-8")
    assert _import(site) == 0
    outline = site / "reports" / "one" / "outline.yaml"
    drafted = outline.read_text(encoding="utf-8")
    assert '  - {line: 3, level: part, text: "一、2025年工作回顾"}' in drafted
    assert '  - {line: 9, level: area, text: "（一）抓项目"}' in drafted
    assert "outline.yaml drafted" in capsys.readouterr().out
    # A person makes part 三 no part, the plan's （二） a subarea of （一), and a line an area.
    edited = drafted.replace('{line: 13, level: part,', '{line: 13, level: text,') \
        .replace('{line: 11, level: area,', '{line: 11, level: subarea,') \
        + '  - {line: 4, level: area, text: "过去一年"}\n'
    outline.write_text(edited, encoding="utf-8")
    assert _import(site) == 0
    assert "read from" in capsys.readouterr().out
    report = load_report(site / "reports" / "one")
    assert [p.number for p in report.parts] == ["一", "二"]
    first = report.parts[0].sections[0]
    assert (first.number, first.form, first.title) == ("", "plain", "过去一年，我们做了很多工作")
    plan = report.parts[1]
    assert [s.number for s in plan.sections] == ["一"]
    assert subareas_of(plan.sections[0], shipped_words()) == [("二", "bare", "惠民生")]
    assert [p.source_text for p in plan.closing][:2] == ["三、全面加强政府自身建设", "我们要坚持依法行政。"]
    assert outline.read_text(encoding="utf-8") == edited  # the person's file, never rewritten
    # Removed, it is not drafted again, unless --force.
    outline.unlink()
    assert _import(site) == 0
    assert not outline.exists() and "not drafted again" in capsys.readouterr().out
    assert _import(site, "--force") == 0
    assert outline.read_text(encoding="utf-8") == drafted


def test_a_stale_outline_entry_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    assert main(["new", str(site)], root=ROOT) == 0
    (site / "report.txt").write_text("\n".join(REPORT), encoding="utf-8")
    assert _import(site) == 0
    outline = site / "reports" / "one" / "outline.yaml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace('{line: 9, level: area, text: "（一）抓项目"}', '{line: 99, level: area}')
                       .replace('{line: 3, level: part, text: "一、2025年工作回顾"}',
                                '{line: 3, level: part, text: "一、别的标题"}'), encoding="utf-8")
    before = {p: p.read_bytes() for p in (site / "reports").rglob("*") if p.is_file()}
    capsys.readouterr()
    assert _import(site) == 1
    errors = capsys.readouterr().err.splitlines()
    assert errors[0] == (f"error: {outline}:9: headings[0]: line 3 reads '一、2025年工作回顾', "
                         "not '一、别的标题': "
                         "the outline is of another text")
    assert errors[1].startswith(f"error: {outline}:")
    assert "line 99 is no line of the report's text" in errors[1]
    assert {p: p.read_bytes() for p in (site / "reports").rglob("*") if p.is_file()} == before
