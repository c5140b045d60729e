"""The glossary inside OpenCC, pins, variants by configuration, and tricky phrases on built pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_src.content.glossary import load_glossary
from site_src.errors import SiteError
from site_src.model import GlossaryEntry, Report
from site_src.pipeline import BuildResult, Project, build
from site_src.variants.convert import make_converter
from site_src.variants.pins import pin_problem, strip_pins

from .conftest import CONTENT, ROOT, SEED_SLUG, SLOW, report_folder
from .htmltext import Page, read_page

GLOSSARY = load_glossary(CONTENT / "glossary.yaml")

# Phrases of this report whose zh-Hant form a character-by-character converter gets wrong, and
# a few that even phrase conversion gets wrong without the glossary: (zh-Hans, expected zh-Hant).
TRICKY = [
    ("国家食品安全示范城市", "國家食品安全示範城市"),
    ("荣昌干部", "榮昌幹部"),
    ("接续奋斗", "接續奮鬥"),
    ("扎实推进", "紮實推進"),
    ("绿色建筑", "綠色建築"),
    ("先进制造业集群发展", "先進製造業集群發展"),
    ("新时代新征程新荣昌", "新時代新征程新榮昌"),
    ("紧抓快干、真抓实干、埋头苦干", "緊抓快幹、真抓實幹、埋頭苦幹"),
    ("兰溪金工", "蘭溪金工"),
    ("民营经济高质量发展活动周", "民營經濟高質量發展活動週"),
    ("件件有回音", "件件有回音"),
    ("发布“平安荣昌·指数”", "發布「平安榮昌·指數」"),  # Taiwan's quotation marks, too
    ("全面干净“脱钩”", "全面乾淨「脫鉤」"),
    ("推进税收征管改革", "推進稅收徵管改革"),
    ("锲而不舍", "鍥而不捨"),
    ("荣昌卤鹅", "榮昌滷鵝"),
    ("低效闲置", "低效閒置"),
    ("心系群众、情系百姓", "心繫群眾、情繫百姓"),
    ("创新平台", "創新平臺"),
    ("标志性", "標誌性"),
]


@pytest.fixture(scope="module")
def hant_text(built_site: tuple[Path, BuildResult]) -> str:
    out, _ = built_site
    return "".join(read_page(path).text for path in sorted((out / "zh-hant").rglob("*.html")))


@pytest.mark.parametrize(("simplified", "traditional"), TRICKY)
def test_tricky_phrases_on_the_built_pages(report: Report, hant_text: str, simplified: str,
                                           traditional: str) -> None:
    assert simplified in report.source_text()  # the phrase really is in this report
    assert traditional in hant_text


@pytest.mark.parametrize("entry", GLOSSARY, ids=lambda entry: entry.phrase)
def test_each_glossary_entry_is_needed(entry: GlossaryEntry, report: Report) -> None:
    """Without the entry OpenCC writes something else; with it, the entry's form."""
    context = next(p.source_text for p in report.paragraphs() if entry.phrase in p.source_text)
    without = make_converter("s2tw", tuple(e for e in GLOSSARY if e is not entry))(context)
    with_it = make_converter("s2tw", GLOSSARY)(context)
    start = context.index(entry.phrase)
    assert with_it[start:start + len(entry.phrase)] == entry.traditional
    assert without[start:start + len(entry.phrase)] != entry.traditional
    assert entry.reason


def test_opencc_never_matches_across_a_separator_and_the_glossary_converts_within_words() -> None:
    """OpenCC 1.4.2's behaviour that conversion by words relies on (public API only)."""
    import opencc

    bare = opencc.OpenCC("s2tw").convert
    assert bare("龙头发挥作用") == "龍頭髮揮作用"  # its 头发 across 龙头|发挥
    assert bare("龙头\ufdd0发挥作用") == "龍頭\ufdd0發揮作用"  # a noncharacter: no phrase holds one
    assert make_converter("s2tw")("龙头发挥作用") == "龍頭發揮作用"
    # A glossary phrase is a word: it wins where OpenCC's longer phrase started earlier (新征).
    assert bare("新时代新征程") == "新時代新徵程"
    journey = (GlossaryEntry("征程", "征程", "test"),)
    assert make_converter("s2tw", journey)("新征程") == "新征程"
    # Within a word the glossary comes before OpenCC's own phrases (a user dictionary).
    entry = (GlossaryEntry("市场准入", "市場准入", "test"),)
    assert make_converter("s2tw")("放宽市场准入") == "放寬市場準入"
    assert make_converter("s2tw", entry)("放宽市场准入") == "放寬市場准入"


def test_pins_keep_or_set_a_span_and_never_leak() -> None:
    s2tw = make_converter("s2tw")
    assert s2tw("[[范]]先生说示范") == "范先生說示範"
    assert s2tw("[[干|乾]]杯") == "乾杯"
    assert make_converter(None)("[[干|乾]]杯") == "干杯"
    assert strip_pins("[[干|乾]]杯与[[范]]") == "干杯与范"
    assert pin_problem("正常[[范]]文本") is None
    assert pin_problem("坏了[[范") is not None and pin_problem("坏了]]") is not None


def test_a_pin_in_the_content_reaches_no_page(tmp_path: Path) -> None:
    for folder in ("content", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    section = tmp_path / "content" / "reports" / SEED_SLUG / "sections" / "review-02.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("安纳杰", "[[安纳杰]]").replace("批发、零售", "[[批发|批發]]、零售"),
                       encoding="utf-8")
    build(Project.of(tmp_path / "content", tmp_path / "out"))
    hans = read_page(tmp_path / "out" / "zh-hans" / "review" / "02.html").text
    hant = read_page(tmp_path / "out" / "zh-hant" / "review" / "02.html").text
    assert "安纳杰" in hans and "批发、零售" in hans
    assert "安纳杰" in hant and "批發、零售" in hant  # the pinned name is not converted
    for path in (tmp_path / "out").rglob("*.html"):
        assert "[[" not in path.read_text(encoding="utf-8") and "]]" not in read_page(path).text


def test_a_malformed_pin_is_an_error_with_its_line(project_copy: Project) -> None:
    path = report_folder(project_copy) / "sections" / "review-02.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("安纳杰", "[[安纳杰"), encoding="utf-8")
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if "[[安纳杰" in row)
    with pytest.raises(SiteError) as caught:
        build(project_copy)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{line}: paragraphs[0].text: malformed pin: write [[span]] to keep a span, "
        "or [[source|converted]]"]


def test_a_glossary_phrase_absent_from_the_content_is_an_error(project_copy: Project) -> None:
    path = project_copy.content / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - phrase: 不存在的词\n    traditional: 不存在的詞\n"
                    "    reason: test\n", encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        build(project_copy)
    line = len(path.read_text(encoding="utf-8").splitlines()) - 2
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{line}: entries[{len(GLOSSARY)}].phrase: '不存在的词' does not occur in the content"]


def test_glossary_validation(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_text("entries:\n  - phrase: 新征程\n    traditional: 新征\n    reason: x\n"
                    "  - phrase: 回音\n    traditional: 回音\n    reason: y\n    variants: [zh-XX]\n"
                    "  - phrase: 回音\n    traditional: 迴音\n    reasons: z\n", encoding="utf-8")
    with pytest.raises(SiteError) as caught:
        load_glossary(path, ("zh-Hans", "zh-Hant"))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3: entries[0].traditional: '新征' must have as many characters as '新征程'",
        f"{path}:8: entries[1].variants[0]: unknown variant 'zh-XX' (site.yaml has: zh-Hans, zh-Hant)",
        f"{path}:11: entries[2].reasons: unknown key 'reasons' "
        "(allowed: phrase, traditional, reason, variants)",
        f"{path}:9: entries[2].reason: missing key",
    ]


@SLOW
def test_a_third_variant_is_one_entry(tmp_path: Path) -> None:
    for folder in ("content", "templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    site = tmp_path / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "  - code: zh-HK\n    label: 香港繁體\n"
                    "    path: zh-hk\n    opencc: s2hk\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build(Project.of(tmp_path / "content", out))
    assert result.variants == ("zh-Hans", "zh-Hant", "zh-HK")
    hans = {p.relative_to(out / "zh-hans") for p in (out / "zh-hans").rglob("*.html")}
    hk = {p.relative_to(out / "zh-hk") for p in (out / "zh-hk").rglob("*.html")}
    assert hans == hk
    page: Page = read_page(out / "zh-hk" / "review" / "01.html")
    assert page.lang == "zh-HK"
    assert page.alternates == {"zh-Hans": "../../zh-hans/review/01.html",
                               "zh-Hant": "../../zh-hant/review/01.html",
                               "zh-HK": "../../zh-hk/review/01.html",
                               "x-default": "../../zh-hans/review/01.html"}
    assert "../../zh-hk/review/01.html" in read_page(out / "zh-hans" / "review" / "01.html").links
    assert "先進製造業集羣發展" in page.text  # Hong Kong glyphs: 羣, not Taiwan's 群
    root = (out / "index.html").read_text(encoding="utf-8")
    assert "zh-hk/index.html" in root and "香港繁體" in root
    notes = (out / "zh-hans" / "notes.html").read_text(encoding="utf-8")
    assert 'id="audit-zh-hk"' in notes and 'id="audit-zh-hant"' in notes
