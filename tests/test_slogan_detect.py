"""Numbered formulas in any report: found by their shape, placed by sentence and span."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_src.errors import SiteError
from site_src.genre import SHIPPED, load_genre
from site_src.summaries import slogan_detect
from site_src.summaries.slogan_detect import NO_LIST, by_paragraph
from site_src.summaries.slogans import FOUND_BY_LIST, Slogan, SloganList, load_slogans, read_slogans

from .conftest import REPORT
from .real_reports import BUNDLED, SHARED_SKIP, paragraphs, shared_names

VOCABULARY = load_genre().slogans


def detect_slogans(texts: list[tuple[str, str]] | tuple[tuple[str, str], ...],
                   listed: SloganList = NO_LIST) -> tuple[Slogan, ...]:
    return slogan_detect.detect_slogans(texts, VOCABULARY, listed)


def quoted_formula(phrase: str) -> bool:
    return slogan_detect.quoted_formula(phrase, VOCABULARY)


def vocabulary(name: str) -> dict:
    return yaml.safe_load((SHIPPED / f"{name}.yaml").read_text(encoding="utf-8"))


def pairs(*texts: str) -> list[tuple[str, str]]:
    return [(f"p-{n}", text) for n, text in enumerate(texts, start=1)]


def keys(*texts: str) -> list[str]:
    return [slogan.key for slogan in detect_slogans(pairs(*texts))]


# --- one phrase ----------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", [
    "2335", "885", "33618", "555X", "1+9", "1+N", "7+28+N",  # codes in digits
    "十百千万", "百千万",  # numerals only
    "三攻坚一盘活", "一库四单", "一带一路", "一老一小", "三区一极一枢纽", "千村示范、万村整治",  # parts
    "四风", "三保", "双碳", "三个没有变", "两个维护", "五篇大文章", "八项规定", "三张清单", "四级调度",
    "千万工程", "四千行动", "双倍增",  # one count before what it counts
    "碳达峰十大行动",  # a count inside a name
])
def test_formulas(phrase: str) -> None:
    assert quoted_formula(phrase)


@pytest.mark.parametrize("phrase", [
    "2024", "20分钟", "15条", "1", "5G+工业互联网",  # a year, figures, one digit, no code
    "十四五", "八五", "十四冬", "九二共识", "二线口岸",  # ordinals: a plan's, a games', a year's
    "一网通办", "一件事", "一号工程", "一表通", "一对一",  # 一 alone counts nothing
    # plain counts: time, people, money, companies, times
    "两个月", "千年荣昌", "百日攻坚", "百名干部进企业", "百亿提升", "万家民企进海南", "六连冠",
    "百姓大舞台", "四季河南", "双向清单", "三甲",  # ordinary words, a grade
    "高效办成一件事", "关键一招",  # no count inside
])
def test_not_formulas(phrase: str) -> None:
    assert not quoted_formula(phrase)


def test_n_da_ends_at_the_first_formula_word() -> None:
    found = keys("实施三大攻坚战三年行动方案。建设三大特色农业产业带。")
    assert found == ["三大攻坚战", "三大特色农业产业带"]


def test_a_numeral_the_report_uses_as_a_word_makes_a_name_not_a_formula() -> None:
    assert keys("建设“八闽书房”。", "“鹭引五洲 才聚八闽”活动，“红色八闽行”研学。") == []
    assert keys("建设“八闽书房”。") == ["八闽书房"]  # used once: read as a formula


# --- in text -------------------------------------------------------------------------------------

def test_plain_counts_and_figures_are_dropped_unquoted_shapes_kept() -> None:
    text = ("实施三大工程，新增企业26家，完成3个项目，用时两个月，做好十个方面的工作。落实6666工作思路，"
            "拨打12345政务服务热线，2024年增长5%。推动四大主导产业发展，争当第三大经济体。")
    assert keys(text) == ["三大工程", "6666", "四大主导产业"]


def test_genre_formulas_are_found_unquoted_and_quoted_ones_everywhere() -> None:
    texts = pairs("增强四个意识。", "坚持“三攻坚一盘活”。", "深化三攻坚一盘活改革。")
    found = {s.key: s for s in detect_slogans(texts)}
    assert list(found) == ["四个意识", "三攻坚一盘活"]
    assert [(o.paragraph_id, o.form) for o in found["三攻坚一盘活"].occurrences] == [
        ("p-2", "“三攻坚一盘活”"), ("p-3", "三攻坚一盘活")]


def test_a_short_formula_counts_only_where_quoted() -> None:
    texts = pairs("兜牢“三保”底线。", "解决两不愁三保障问题。")
    (slogan,) = [s for s in detect_slogans(texts) if s.key == "三保"]
    assert [o.paragraph_id for o in slogan.occurrences] == ["p-1"]


def test_each_place_gives_its_sentence_and_span_and_name() -> None:
    text = "第一句不提。坚持“3456”工作体系，用好“2+5”专班机制。最后一句。"
    (first, second) = detect_slogans(pairs(text))
    (o,) = first.occurrences
    assert o.sentence == "坚持“3456”工作体系，用好“2+5”专班机制。"  # the sentence, not the paragraph
    assert o.sentence[o.start:o.end] == "“3456”" and o.name == "工作体系"
    assert text[o.sentence_start:o.sentence_start + len(o.sentence)] == o.sentence
    assert second.key == "2+5" and second.names == ("专班机制",)


def test_a_paragraph_with_several_formulas_is_listed_once() -> None:
    texts = pairs("坚持“四色挂牌”“四级调度”机制。实施“三大工程”。实施“三大工程”。", "推进“一库四单”。")
    grouped = by_paragraph(detect_slogans(texts), [pid for pid, _ in texts])
    assert [g.paragraph_id for g in grouped] == ["p-1", "p-2"]
    first = grouped[0]
    assert first.keys == ("四色挂牌", "四级调度", "三大工程")
    # Two equal sentences stay two sentences; each sentence holds all its formulas.
    assert [len(s.marks) for s in first.sentences] == [2, 1, 1]
    assert first.sentences[0].pieces() == (
        ("坚持", ""), ("“四色挂牌”", "四色挂牌"), ("“四级调度”", "四级调度"), ("机制。", ""))
    for marked in first.sentences:
        assert "".join(text for text, _ in marked.pieces()) == marked.sentence


def test_the_curated_list_overrides() -> None:
    listed = read_slogans("slogans:\n  - phrase: 以案四说\n    note: 开展“以案四说”警示教育\n"
                          "not_slogans:\n  - phrase: 四风\n    reason: 示例\n", "s.yaml")
    found = {s.key: s for s in detect_slogans(pairs("开展“以案四说”警示教育，纠治“四风”。"), listed)}
    assert list(found) == ["以案四说"]
    assert found["以案四说"].found_by == FOUND_BY_LIST and found["以案四说"].note_paragraph_id == "p-1"


def test_the_genre_is_data() -> None:
    data = vocabulary("slogans")
    assert "个" in data["classifiers"] and "月" in data["plain_after"]


# --- the real reports ------------------------------------------------------------------------------

def test_the_bundled_report_with_its_list_as_override() -> None:
    listed = load_slogans(REPORT / "slogans.yaml")
    found = {s.key: s for s in detect_slogans(paragraphs(BUNDLED), listed)}
    assert {entry.phrase for entry in listed.slogans} <= set(found)
    assert not {entry.phrase for entry in listed.not_slogans} & set(found)
    assert {"6666", "885", "123456", "141", "2335", "1+9", "12334"} <= set(found)
    # Without the list, all but one of the curated formulas are found by their shape
    # (以案四说 holds its count inside, with no counter: only the list finds it).
    bare = {s.key for s in detect_slogans(paragraphs(BUNDLED))}
    assert {entry.phrase for entry in listed.slogans} - bare == {"以案四说"}
    assert bare - set(found) == {"一件事一次办"}  # what not_slogans removes
    assert [o.paragraph_id for o in found["2335"].occurrences] == ["review-01-1", "plan-02-3"]
    assert found["2335"].names == ("现代制造业集群体系",)


# Measured: how many formulas each report holds (the per-report figures of the reply), pinned so a
# change of the vocabulary shows what it does.
COUNTS = {
    BUNDLED: 47, "1998-national-state-council": 4, "2013-hailar-district-hulunbuir": 2,
    "2014-hailar-district-hulunbuir": 7, "2015-hailar-district-hulunbuir": 12,
    "2016-hailar-district-hulunbuir": 13, "2019-hailar-district-hulunbuir": 27,
    "2019-national-state-council": 19, "2022-national-state-council": 13,
    "2024-national-state-council": 19, "2025-guangxi-autonomous-region": 23, "2025-henan-province": 25,
    "2025-yunnan-province": 46, "2026-fujian-province": 46, "2026-hainan-province": 55,
    "2026-sichuan-province": 43,  # two of them in its 名词解释, now read as notes
}


@SHARED_SKIP
def test_formulas_on_every_real_report() -> None:
    names = [BUNDLED, *shared_names()]
    assert len(names) == 16
    counts = {}
    for name in names:
        texts = paragraphs(name)
        by_id = dict(texts)
        slogans = detect_slogans(texts)
        counts[name] = len(slogans)
        for slogan in slogans:
            for o in slogan.occurrences:
                assert o.sentence[o.start:o.end] == o.form and slogan.key in o.form
                assert by_id[o.paragraph_id][o.sentence_start:].startswith(o.sentence)
                assert len(o.sentence) < len(by_id[o.paragraph_id]) or o.sentence == by_id[o.paragraph_id]
        grouped = by_paragraph(slogans, [pid for pid, _ in texts])
        ids = [g.paragraph_id for g in grouped]
        assert len(ids) == len(set(ids)), name  # no paragraph listed twice
        assert sum(len(m.marks) for g in grouped for m in g.sentences) == \
            sum(len(s.occurrences) for s in slogans)
    assert counts == COUNTS


@SHARED_SKIP
@pytest.mark.parametrize(("name", "present", "absent"), [
    ("2026-fujian-province", {"555X", "77789", "一围绕、两服务、三聚力、四统筹", "两屏一带六江两溪"},
     {"八闽书房", "八闽英才", "十五五", "一网通办", "一件事", "五年"}),
    ("2026-hainan-province", {"45432", "1+5+N", "一本三基四梁八柱", "四大主导产业", "两非两资"},
     {"十四五", "二线口岸", "深海一号", "万兆自贸港", "百万英才兴海南"}),
    ("2026-sichuan-province", {"1+20", "六横六纵", "四向八廊", "六大优势产业"},
     {"四川省科创通", "15条", "21条", "365天不落幕的科技博览会"}),
    ("2019-hailar-district-hulunbuir", {"三大攻坚战", "两个维护", "一岗双责"},
     {"十四冬", "一站式", "七五", "一对一", "第一品牌"}),
    ("1998-national-state-council", {"一国两制", "三个有利于"}, {"九五", "八五"}),
])
def test_known_formulas_and_known_plain_phrases(name: str, present: set[str], absent: set[str]) -> None:
    found = {s.key for s in detect_slogans(paragraphs(name))}
    assert present <= found
    assert not absent & found


# --- the page: marks found again in the converted sentence ---------------------------------------

def test_marks_are_found_again_in_the_converted_sentence() -> None:
    from site_src.summaries.slogan_detect import Mark, MarkedSentence
    from site_src.summaries.slogan_page import convert_marked

    marks = (Mark(2, 6, "四风", "“四风”"), Mark(9, 11, "四风", "四风"))
    marked = MarkedSentence("坚持“四风”，纠治四风。", marks)
    longer = convert_marked(marked, lambda text: text.replace("坚持", "始终坚持").replace("四", "IV"))
    assert longer.sentence == "始终坚持“IV风”，纠治IV风。"
    assert [longer.sentence[m.start:m.end] for m in longer.marks] == ["“IV风”", "IV风"]
    assert [m.key for m in longer.marks] == ["四风", "四风"]  # the key stays: it names the formula

    # A phrase converted otherwise in its sentence than alone: the pieces are converted one by one.
    def in_context(text: str) -> str:
        return text.replace("纠治四风", "糾治四風").replace("四风", "4风")

    fallback = convert_marked(marked, in_context)
    assert [fallback.sentence[m.start:m.end] for m in fallback.marks] == ["“4风”", "4风"]
    assert fallback.sentence == "坚持“4风”，纠治4风。"


def test_a_sites_own_words_replace_the_shipped_ones(tmp_path: Path) -> None:
    own = tmp_path / "genre"
    own.mkdir()
    words = (SHIPPED / "slogans.yaml").read_text(encoding="utf-8")
    (own / "slogans.yaml").write_text(words.replace("known: [", "known: [五个一, "), encoding="utf-8")
    ours = load_genre(tmp_path).slogans
    assert "五个一" in ours.known and "五个一" not in VOCABULARY.known
    (own / "slogans.yaml").write_text(words.replace("year: '(?:19|20)\\d\\d'", "year: '(?:19'"),
                                      encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        load_genre(tmp_path)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{own / 'slogans.yaml'}: not a regular expression: ")
    (own / "slogans.yaml").write_text(words.replace("word_uses: 2", "word_uses: two"), encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        load_genre(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{own / 'slogans.yaml'}:{words[:words.index('word_uses: 2')].count(chr(10)) + 1}: word_uses: "
        "expected a whole number, got text 'two'"]
