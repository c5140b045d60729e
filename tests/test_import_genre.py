"""The importer on the genre, not the seed: encodings, page furniture, broken lines, structure
variants, the import report, and the three real reports in ../shared/reports/.

The shared reports are read where they are (never copied here); their tests skip, saying why,
where the folder is absent.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_src.cli import main
from site_src.content.report import load_report, report_files, write_report
from site_src.errors import SiteError
from site_src.genre import load_genre
from site_src.importing import imported_report
from site_src.ingest import import_report
from site_src.ingest.characters import replay
from site_src.ingest.clean import SourceLine, rejoin_broken_lines, remove_annotations, run_together
from site_src.ingest.encoding import decode
from site_src.ingest.front import FRONT_RULES
from site_src.ingest.furniture import RULES, Line, find_furniture
from site_src.ingest.pages import flatten
from site_src.ingest.summary import format_import_report
from site_src.ingest.words import shipped_words
from site_src.model import Fix, Loss, Report
from site_src.variants.convert import make_converter

from .conftest import CONTENT, ROOT, SHARED_REPORTS, SLOW, THOROUGH
from .test_properties import assert_located

FIXTURE = Path(__file__).parent / "fixtures" / "genre-report.txt"
HAILAR = "2016-hailar-district-hulunbuir.txt"
STATE_COUNCIL = "2019-national-state-council.txt"
SICHUAN = "2026-sichuan-province.txt"


def genre_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def imported(text: str | bytes, name: str = "genre.txt") -> Report:
    return import_report(text.encode("utf-8") if isinstance(text, str) else text, name, ())


def same_but_bytes(report: Report, other: Report) -> bool:
    """The same report, apart from what records the bytes: their hash and encoding."""
    return report == replace(other, provenance=replace(
        other.provenance, source=replace(
            other.provenance.source, sha256=report.provenance.source.sha256,
            encoding=report.provenance.source.encoding)))


# --- encodings and line endings ------------------------------------------------------------------

def test_gb18030_with_crlf_gives_the_same_report_as_utf8() -> None:
    text = genre_text()
    utf8 = imported(text)
    gb = imported(text.replace("\n", "\r\n").encode("gb18030"))
    assert gb.provenance.source.encoding == "gb18030" and utf8.provenance.source.encoding == "utf-8"
    assert same_but_bytes(gb, utf8)


def test_big5_traditional_is_detected_and_made_simplified() -> None:
    text = genre_text()
    big5 = imported(make_converter("s2tw")(text).encode("cp950"))
    assert (big5.provenance.source.encoding, big5.provenance.source.script) == ("big5", "Hant")
    assert big5.provenance.source.converter == "tw2s"
    assert big5.source_text() == imported(text).source_text()


def test_utf8_with_a_byte_order_mark_is_utf8() -> None:
    assert decode(b"\xef\xbb\xbf" + "各位代表：\r\n".encode(), "x.txt").text == "各位代表：\n"


def test_the_shipped_gb18030_fixture_now_imports() -> None:
    raw = (Path(__file__).parent / "bad_inputs" / "gb18030-report.txt").read_bytes()
    report = imported(raw, "report.txt")
    assert report.provenance.source.encoding == "gb18030" and report.parts


NOT_TEXT = "the file is not valid UTF-8, nor Chinese text in GB18030 or Big5"


@pytest.mark.parametrize(("raw", "line", "message"), [
    (b"1. Report\n2. R\xe9sum\xe9\n", 2, NOT_TEXT),
    ("一、工作回顾\n".encode() + b"\xff\xfe\n", 2, NOT_TEXT),
    ("各位代表：\n一、工作回顾\n正文。".encode("gb18030")[:-1], 3,
     "the file ends in the middle of a character: it looks cut short"),
])
def test_bytes_that_are_no_chinese_text_give_a_located_error(raw: bytes, line: int, message: str) -> None:
    with pytest.raises(SiteError) as caught:
        decode(raw, "x.txt")
    assert [(p.location.line, p.message) for p in caught.value.problems] == [(line, message)]


# --- page furniture: the rule table -----------------------------------------------------------------

def test_every_rule_has_a_name_a_region_and_a_reason() -> None:
    for rule in RULES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule
        assert rule.region in ("head", "tail", "edges", "anywhere", "body") and rule.reason
        assert rule.line is not None or rule.repeats, rule  # each says what it matches


def furniture_of(*texts: str, start: int = 0, end: int = 0) -> list[tuple[int, str]]:
    lines = [Line(n, text, text) for n, text in enumerate(texts, start=1)]
    return [(r.line, r.rule) for r in find_furniture(lines, start, end)]


def test_head_rules_apply_before_the_salutation_only() -> None:
    found = furniture_of("来源:", "某某日报", "【字体：", "大", "各位代表：", "一、工作回顾", "来源:",
                         "正文。", start=4, end=5)
    assert found == [(1, "source"), (2, "source"), (3, "font-size"), (4, "font-size")]


def test_tail_rules_read_back_from_the_end_and_stop_at_the_report() -> None:
    lines = ("各位代表：", "现在，我代表县人民政府向大会报告工作。", "一、工作回顾", "打印本页", "正文。",
             "责任编辑：", "张某", "0123456789abcdef0123:", "链接标题", "关闭窗口",
             "各位代表：现在，我代表县人民政府向大会报告工作。")
    assert furniture_of(*lines, end=2) == [(6, "editor"), (7, "editor"), (8, "related-links"),
                                           (9, "related-links"), (10, "share"), (11, "opening-repeated")]


def test_a_licence_block_goes_whole_to_the_end() -> None:
    lines = ("一、工作回顾", "让我们奋斗！", "本作品是中华人民共和国的", "法律", "。", "Public domain",
             "false")
    assert furniture_of(*lines) == [(n, "licence") for n in range(3, 8)]


# --- lines broken mid-sentence ---------------------------------------------------------------------

def joined(*texts: str) -> tuple[list[str], list[tuple[int, ...]]]:
    lines, joins = rejoin_broken_lines([SourceLine(n, text) for n, text in enumerate(texts, start=1)])
    return [line.text for line in lines], [join.lines for join in joins]


def test_subscripts_and_linked_words_are_joined_back() -> None:
    assert joined("细颗粒物（PM", "2.5", "）浓度下降。") == (["细颗粒物（PM2.5）浓度下降。"], [(1, 2, 3)])
    assert joined("广义货币M", "2", "和社会融资规模。") == (["广义货币M2和社会融资规模。"], [(1, 2, 3)])
    assert joined("“双向", "揭榜", "挂帅”的简称，带技术", "揭榜", "；带场景", "揭榜", "。") == (
        ["“双向揭榜挂帅”的简称，带技术揭榜；带场景揭榜。"], [(1, 2, 3, 4, 5, 6, 7)])


@pytest.mark.parametrize("texts", [
    ("（一）经济发展取得新成就", "面对经济下行压力，我们狠抓投资。"),  # a bare heading and its paragraph
    ("名词解释", "1.“两重”：是指国家重大战略。"),
    ("一、工作回顾", "正文。"),
    ("各位代表", "正文。"),
    ("让我们奋斗！", "谢谢"),
])
def test_headings_and_finished_sentences_are_not_joined(texts: tuple[str, ...]) -> None:
    assert joined(*texts) == (list(texts), [])


# --- structure variants, on a fixture ----------------------------------------------------------------

def test_fixture_report_in_all_its_variants() -> None:
    report = imported(genre_text())
    assert (report.title, report.issuer, report.year) == ("政府工作报告", "某某县人民政府", 2025)
    assert report.byline == ("——2025年1月5日在某某县第十八届人民代表大会第四次会议上",
                             "某某县人民政府县长 王某某")
    assert [p.kind for p in report.preamble] == ["salutation", "text"]
    review, outlook, plan = report.parts
    assert [part.id for part in report.parts] == ["review", "outlook", "plan"]
    assert [(s.heading, s.form) for s in review.sections] == [
        ("（一）经济发展取得新成就", "bare"), ("（二）城乡面貌持续改善", "bare"),
        ("（三）民生保障更加有力", "bare")]
    assert review.sections[1].paragraphs[0].lead == "农村人居环境明显改善。"
    assert "（PM2.5）浓度下降8%" in review.sections[1].paragraphs[0].text
    assert [[p.text for p in b.paragraphs] for b in review.blocks] == [
        ["各位代表！", "成绩来之不易。我代表县人民政府，表示衷心感谢！"]]
    assert [(s.heading, s.form, s.paragraphs[0].text) for s in outlook.sections] == [
        ("一是聚力产业升级", "shi", "推动制造业提质。"), ("二是聚力城乡融合", "shi", "推动县城扩容。")]
    assert plan.opening[0].kind == "targets"
    first = plan.sections[0]
    assert first.title == "狠抓项目建设，保持投资稳定增长" and first.form == "bracket"
    assert [p.lead for p in first.paragraphs] == [
        "", "一是准确把握政策，找准投资方向。", "二是创新招商方式。"]
    assert [p.paragraphs[1].text for p in plan.blocks] == ["我们要全面贯彻党的民族政策。"]
    assert [p.text for p in report.closing] == ["各位代表！", "让我们团结奋斗，为建设美好某某县而努力奋斗！"]
    assert [(t.term, t.explanation) for t in report.terms] == [
        ("“两重”", "是指国家重大战略实施和重点领域安全能力建设。"),
        ("“两新”", "是指大规模设备更新和消费品以旧换新。")]
    assert report.provenance.doubts == ()


def test_fixture_loses_nothing_and_survives_the_yaml(tmp_path: Path) -> None:
    text = genre_text()
    report = imported(text)
    assert_nothing_lost(text, report)
    write_report(report, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.yaml")) == sorted(
        report_files(report))
    assert (tmp_path / "terms.yaml").is_file() and (tmp_path / "blocks" / "review.yaml").is_file()
    assert load_report(tmp_path) == report
    write_report(imported(text.replace("名词解释\n", "").replace("1.“两重”", "“两重”是").replace(
        "2.“两新”：是指大规模设备更新和消费品以旧换新。\n", "")), tmp_path)  # no glossary now
    assert not (tmp_path / "terms.yaml").exists()


def test_what_cannot_be_placed_stays_in_order_and_is_noted() -> None:
    text = "\n".join(["欢迎访问本网站", "各位代表：", "一、2024年工作回顾", "（一）稳增长。正文一。",
                      "（三）错号。正文三。", "（二）惠民生。正文二。", "三、不是第二部分",
                      "二、2025年工作安排", "（一）抓项目。正文。", "一个没有句号的标题",
                      "各位代表！让我们奋斗！", "名词解释",
                      "1.甲：解释。", "没有编号的一行。"])
    report = imported(text)
    assert [(d.line, d.text) for d in report.provenance.doubts] == [
        (1, "欢迎访问本网站"), (5, "（三）错号。正文三。"), (7, "三、不是第二部分"),
        (10, "一个没有句号的标题"), (12, "名词解释")]
    assert "line 14 is no numbered term" in report.provenance.doubts[-1].reason
    review = report.parts[0]
    assert [s.number for s in review.sections] == ["一", "二"]
    assert review.sections[0].paragraphs[-1].text == "（三）错号。正文三。"
    assert report.terms == () and report.closing[-1].text == "没有编号的一行。"
    assert_nothing_lost(text, report)


@pytest.mark.parametrize(("titles", "ids"), [
    (["2023年工作回顾", "2024年工作安排"], ["review", "plan"]),
    (["2023年工作回顾", "“十四五”规划纲要", "2024年工作安排"], ["review", "outlook", "plan"]),
    (["2018年工作回顾", "2019年经济社会发展总体要求和政策取向", "2019年政府工作任务"],
     ["review", "plan", "part-3"]),
    (["工作回顾", "再次回顾", "其他"], ["review", "part-2", "part-3"]),
])
def test_part_ids_are_readable_and_never_collide(titles: list[str], ids: list[str]) -> None:
    numbers = "一二三"
    lines = ["各位代表："] + [f"{numbers[n]}、{title}\n正文{n}。" for n, title in enumerate(titles)]
    report = imported("\n".join([*lines, "各位代表！让我们奋斗！"]))
    assert [part.id for part in report.parts] == ids


def test_the_import_report_lists_every_category() -> None:
    report = imported(genre_text())
    text = format_import_report(report, "genre.txt", 7, "content")
    assert text.splitlines()[0].startswith("imported genre.txt: 3 parts, 7 sections, 22 paragraphs;")
    for heading in ("recognised", "removed: 18 lines", "joined: 1 sentence broken over lines (1 broken-line)",
                    "repaired", "at a glance",
                    "unsure: 0 (every line was placed)"):
        assert heading in text.splitlines(), heading
    for line in ("  areas        7 (2 （一）…。, 3 bare heading lines, 2 一是…)", "  topic leads  5",
                 "  targets      1 (plan-intro-1)", "  terms        2 (名词解释, kept as data)",
                 "  blocks       2 opened by a lone 各位代表！ (1 in review, 1 in plan)"):
        assert line in text.splitlines(), line
    for removal in report.provenance.furniture:
        assert f"{removal.line:>9}  {removal.text}" in text
    assert "        23–25  明显改善。细颗粒物（PM ⏎ 2.5 ⏎ ）浓度下降8%。" in text.splitlines()


# --- properties ------------------------------------------------------------------------------------

GENRE_LINE = st.one_of(
    st.sampled_from(["名词解释", "1.甲：解释。", "2.乙:", "一是聚力产业升级。推动。", "二是聚力城乡融合。",
                     "（一）经济发展取得新成就", "（二）城乡面貌。正文。", "各位代表！", "各位代表：",
                     "来源:",
                     "【字体：", "大", "】", "abcdef0123456789abcd:", "本作品是中华人民共和国的", "false",
                     "2.5", "）浓度下降。", "（PM", "一、2024年工作回顾", "二、“十五五”规划",
                     "三、2025年工作安排",
                     "2025年某某县人民政府工作报告", "——2025年1月5日在某某县人民代表大会第四次会议上",
                     "某某县人民政府县长 王某某", "　　", "\r", "打印本页", "今年主要预期目标为：增长6%。"]),
    st.text(alphabet="一二三是（）()、。！？：，各位代表名词解释12.abc \u3000", max_size=12),
)


@settings(max_examples=200 if THOROUGH else 60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(GENRE_LINE, max_size=30), st.sampled_from(["utf-8", "gb18030", "big5"]))
def test_the_importer_raises_nothing_but_site_errors_on_genre_like_text(lines: list[str],
                                                                        encoding: str) -> None:
    text = "\n".join(lines)
    raw = (make_converter("s2tw")(text).encode("cp950", errors="replace") if encoding == "big5"
           else text.encode(encoding))
    try:
        report = import_report(raw, "report.txt", ())
    except SiteError as error:
        assert_located(error, {"report.txt"})
        return
    assert len({p.id for p in report.paragraphs()}) == len(list(report.paragraphs()))


# --- the real reports in ../shared/reports/ ---------------------------------------------------------

def shared(name: str) -> Path:
    path = SHARED_REPORTS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: the shared reports live outside the repository (see issue 7)")
    return path


def import_shared(name: str) -> tuple[str, Report]:
    """A shared report's text and its import (lost characters marked, as import --keep-losses)."""
    path = shared(name)
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    return text, imported_report(path.read_bytes(), f"../shared/reports/{name}", (), load_genre(),
                                 keep_losses=True)


def fold(text: str) -> str:
    """Text as compared: no whitespace, the ASCII punctuation the importer restores made full-width."""
    return re.sub(r"\s+", "", text).translate(str.maketrans(",:;!?()", "，：；！？（）"))


def body_of(text: str, report: Report) -> str:
    """The source's text less what the import recorded as removed (furniture, invisible lines,
    pinyin annotations) and as metadata (the title line, the byline), each line as the recorded
    repairs (errata, characters) made it, in the model's script."""
    provenance = report.provenance
    if provenance.flattened:  # the lines as the import split a text run together (its records say how)
        words = shipped_words()
        text = flatten(text, words, run_together(words)).text
    removed = {r.line for r in provenance.furniture}
    lost: dict[int, list[Loss]] = {}
    for loss in provenance.losses:
        lost.setdefault(loss.line, []).append(loss)
    errata: dict[int, list[tuple[str, str]]] = {}
    for repair in provenance.errata:
        errata.setdefault(repair.line, []).append((repair.damaged, repair.repaired))
    fixes: dict[int, list[Fix]] = {}
    front: dict[int, list[Fix]] = {}  # the front's repairs, made after the losses were marked
    for fix in provenance.repairs:
        (front if fix.rule in FRONT_RULES else fixes).setdefault(fix.line, []).append(fix)
    annotated = {record.line: record.removed for record in provenance.annotations}
    body: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if number in removed:
            continue
        for damaged, repaired in errata.get(number, []):
            line = line.replace(damaged, repaired)
        fixed = replay(line, fixes.get(number, []))
        if fixed is None or not fixed.strip():
            continue
        for loss in lost.get(number, []):  # each run of lost characters, as marked
            fixed = fixed.replace(loss.damaged, loss.mark, 1)
        fixed = replay(fixed, front.get(number, [])) or ""
        if number in annotated:
            (cleaned,), (record,), _ = remove_annotations([SourceLine(number, fixed)])
            assert record.removed == annotated[number], number
            fixed = cleaned.text
        body.append(fixed.strip())
    if provenance.source.script == "Hant":
        convert = make_converter("tw2s")
        body = [convert(line) for line in body]
    while body and re.search(r"政府工作报告(?:（[^（）]*）|全文)?$",
                             fold(body[0])) and len(fold(body[0])) <= 40:
        title = re.sub(r"政府工作报告(?:（[^（）]*）|全文)?$", "", fold(body.pop(0)))  # a title line
        year = re.search(r"(\d{4})年", title)
        assert not year or int(year.group(1)) == report.year
        place = title.replace(year.group(), "") if year else title
        assert place.removesuffix("人民") in report.issuer or report.issuer == "", place
    for entry in report.byline:  # one line, or two (国务院总理 / 李克强)
        taken = 1 if fold(body[0]) == fold(entry) else 2
        assert fold("".join(body[:taken])) == fold(entry), (entry, body[:2])
        del body[:taken]
    return fold("".join(body))


def assert_nothing_lost(text: str, report: Report) -> None:
    """Every word of the body is in the model's text, in order, and nothing else is."""
    body, model = body_of(text, report), fold(report.source_text())
    if body != model:
        at = next((i for i, (a, b) in enumerate(zip(body, model, strict=False)) if a != b),
                  min(len(body), len(model)))
        raise AssertionError(f"differs at {at}: source …{body[max(at - 20, 0):at + 30]}…, "
                             f"model …{model[max(at - 20, 0):at + 30]}…")


ALL_REPORTS = sorted([*(path.name for path in SHARED_REPORTS.glob("*.txt")),
                      *(f"corpus2/{path.name}" for path in (SHARED_REPORTS / "corpus2").glob("*.txt"))]) \
    if SHARED_REPORTS.is_dir() else []


@pytest.mark.parametrize("name", ALL_REPORTS)
@SLOW
def test_nothing_is_lost_from_a_shared_report(name: str) -> None:
    text, report = import_shared(name)
    assert_nothing_lost(text, report)


def test_nothing_is_lost_from_the_bundled_report(seed_bytes: bytes, imported: Report) -> None:
    assert_nothing_lost(seed_bytes.decode("utf-8-sig").replace("\r\n", "\n"), imported)


@SLOW
def test_hailar_2016() -> None:
    text, report = import_shared(HAILAR)
    assert_nothing_lost(text, report)
    assert (report.title, report.issuer, report.year) == ("政府工作报告", "海拉尔区人民政府", 2016)
    assert report.byline == ("——2016年2月19日在海拉尔区第十四届人民代表大会第五次会议上",
                             "海拉尔区人民政府区长 杜联合")
    review, outlook, plan = report.parts
    assert [p.id for p in report.parts] == ["review", "outlook", "plan"]
    # （一）…（三） and a half-width (四), all heading lines of their own
    assert [(s.number, s.form) for s in review.sections] == [(n, "bare") for n in "一二三四"]
    assert [(s.number, s.form) for s in plan.sections] == [(n, "bare") for n in "一二三四五六七八"]
    assert outlook.title == "“十三五”经济社会发展的主要目标和任务" and not outlook.sections
    assert len(report.highlights()) == 8 and all(p in review.opening for p in report.highlights())
    assert [p.kind for p in plan.opening].count("targets") == 1
    assert plan.sections[0].paragraphs[1].lead == "一是准确把握政策，找准投资方向。"
    assert [p.text[:7] for p in review.closing] == ["各位代表，过去", "各位代表，“十", "在看到成绩的同"]
    assert report.closing[0].text.startswith("各位代表，站在“十三五”伟大征程新起点")
    assert report.provenance.furniture == () and report.provenance.joins == ()
    assert report.provenance.doubts == ()


@SLOW
def test_state_council_2019() -> None:
    text, report = import_shared(STATE_COUNCIL)
    assert_nothing_lost(text, report)
    assert (report.title, report.issuer, report.year, report.byline) == ("政府工作报告", "国务院", 2019, ())
    review, policy, tasks = report.parts
    assert [p.id for p in report.parts] == ["review", "plan", "part-3"]
    assert [p.kind for p in report.parts] == ["review", "plan", "plan"]
    assert [(s.number, s.form) for s in review.sections] == [(n, "shi") for n in "一二三四五六七八"]
    assert [(s.number, s.form) for s in tasks.sections] == [(n, "bracket") for n in "一二三四五六七八九十"]
    assert [p.kind for p in policy.opening].count("targets") == 1
    assert len(report.highlights()) == 6
    # After （十）: six blocks each opened by a lone 各位代表！, the last of them the closing words.
    opened = [block.paragraphs[0] for block in tasks.blocks] + [report.closing[0]]
    assert len(opened) == 6 and all((p.kind, p.text) == ("salutation", "各位代表！") for p in opened)
    assert report.closing[-1].text.startswith("奋斗创造历史，实干成就未来。")
    assert [b.paragraphs[1].text[:6] for b in review.blocks] == ["过去一年取得"]
    assert [j.lines for j in report.provenance.joins] == [(20, 21, 22), (73, 74, 75), (162, 163, 164)]
    assert "细颗粒物（PM2.5）浓度继续下降" in report.source_text()
    assert "广义货币M2和社会融资规模" in report.source_text()
    lines = text.split("\n")
    licence = [n for n in range(256, len(lines) + 1) if lines[n - 1].strip()]
    assert [(r.line, r.rule) for r in report.provenance.furniture] == [(n, "licence") for n in licence]
    assert lines[-1] == "false" and report.provenance.doubts == ()


@SLOW
def test_sichuan_2026() -> None:
    text, report = import_shared(SICHUAN)
    assert_nothing_lost(text, report)
    assert (report.title, report.issuer, report.year) == ("政府工作报告", "四川省人民政府", 2026)
    assert report.byline == ("2026年2月3日在四川省第十四届人民代表大会第五次会议上",
                             "四川省人民政府省长 施小琳")
    review, outlook, plan = report.parts
    assert [p.id for p in report.parts] == ["review", "outlook", "plan"]
    assert [s.form for s in review.sections] == ["shi"] * 6
    assert [s.form for s in outlook.sections] == ["shi"] * 4
    assert [s.number for s in plan.sections] == list("一二三四五六七八九十")
    # Heading and intro share one paragraph: the intro is the area's first paragraph.
    assert plan.sections[0].title == "突出扩大内需战略基点，更大力度统筹促消费扩投资"
    assert plan.sections[0].paragraphs[0].text.startswith("精准发力推动消费持续拓展")
    assert [p.kind for p in plan.opening].count("targets") == 1
    assert [len(b.paragraphs) for b in review.blocks] == [7, 3]
    assert report.closing[0].text.startswith("各位代表！骐骥迎春至")
    assert len(report.terms) == 20 and report.terms[0].term == "“两重”"
    assert report.terms[6].explanation.startswith("企业找技术、成果找市场“双向揭榜挂帅”的简称")
    assert [j.lines for j in report.provenance.joins] == [tuple(range(108, 115))]
    removed = {r.line: r.rule for r in report.provenance.furniture}
    assert sorted(removed) == [*range(2, 11), *range(128, 143)]
    assert (removed[2], removed[5], removed[133], removed[141], removed[142]) == (
        "timestamp", "font-size", "related-links", "title-repeated", "opening-repeated")
    assert report.provenance.doubts == ()


@pytest.mark.parametrize("name", [HAILAR, STATE_COUNCIL, SICHUAN])
@SLOW
def test_import_into_another_folder_leaves_content_alone(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    shared(name)
    before = {p: p.read_bytes() for p in CONTENT.rglob("*") if p.is_file()}
    monkeypatch.chdir(ROOT)
    site = tmp_path / "site"
    assert main(["new", str(site)], root=ROOT) == 0
    assert main(["import", f"../shared/reports/{name}", "--content", str(site), "--slug", "one", "--verbose"],
                root=ROOT) == 0
    printed = capsys.readouterr().out
    assert {p: p.read_bytes() for p in CONTENT.rglob("*") if p.is_file()} == before
    folder = site / "reports" / "one"
    report = load_report(folder)
    assert report == import_shared(name)[1]
    assert report_files(import_shared(name)[1]) == report_files(report)  # deterministic
    written = len(report_files(report)) + 2  # the YAML, the source as found, the record
    importer, summaries = printed.split("\n", 2)[2].split("\nindustry system: ", 1)
    assert importer == format_import_report(report, f"../shared/reports/{name}", written, str(folder),
                                            drafts=(("outline.yaml", "drafted"),))
    assert (folder / "outline.yaml").is_file()  # the outline drafted for a person
    assert summaries.startswith("none found")  # then what the summaries found (importing.ImportResult)
