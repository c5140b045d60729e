"""The industry-system detector: a draft in the schema of industries.yaml, from any report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from site_src.genre import SHIPPED, load_genre
from site_src.model import Paragraph, Part, Provenance, Report, Source, sentences
from site_src.summaries import industry_draft
from site_src.summaries.industries import IndustrySystem, load_industries
from site_src.summaries.industry_draft import IndustryDetection, IndustryDraft, draft_yaml

from .conftest import REPORT
from .real_reports import BUNDLED, SHARED_SKIP, paragraphs, shared_names

VOCABULARY = load_genre().industries


def detect_industries(source: Report | list[tuple[str, str]] | tuple[tuple[str, str], ...]
                      ) -> IndustryDetection:
    return industry_draft.detect_industries(source, VOCABULARY)


def draft_industries(source: Report | list[tuple[str, str]] | tuple[tuple[str, str], ...]
                     ) -> IndustryDraft | None:
    return industry_draft.draft_industries(source, VOCABULARY)


def vocabulary(name: str) -> dict:
    return yaml.safe_load((SHIPPED / f"{name}.yaml").read_text(encoding="utf-8"))


FOUR = ["旅游业", "现代服务业", "高新技术产业", "热带特色高效农业"]


def make_report(*texts: str) -> Report:
    paragraphs = tuple(Paragraph(f"p-{n}", text) for n, text in enumerate(texts, start=1))
    part = Part("plan", "一", "计划", paragraphs, (), ())
    empty = Provenance(Source("", "", "", ""), 0, (), (), (), ())
    return Report("政府工作报告", "某区人民政府", 2024, (), (part,), (), empty)


def pairs(*texts: str) -> list[tuple[str, str]]:
    return [(f"p-{n}", text) for n, text in enumerate(texts, start=1)]


def outline(draft: IndustryDraft) -> list[tuple[str, str, list[str]]]:
    return [(tier.id, tier.name, [i.name for i in tier.industries]) for tier in draft.tiers]


def loads(tmp_path: Path, draft: IndustryDraft, report: Report) -> IndustrySystem:
    path = tmp_path / "industries.yaml"
    path.write_text(draft_yaml(draft), encoding="utf-8")
    system = load_industries(path, report)
    assert system is not None
    assert [(t.id, [i.name for i in t.industries]) for t in system.tiers] == \
        [(t[0], t[2]) for t in outline(draft)]
    return system


# --- one rule at a time --------------------------------------------------------------------------

SYSTEM = ("构建“22”现代产业集群体系。做大做强2个主导产业。大力发展智能装备制造产业，建好智能装备产业园、"
          "装备零件产业园，建成某某整车生产基地。推动食品及农产品加工产业发展。升级打造2个支柱产业。"
          "生物医药产业重点补齐化学原料药、药用辅料等薄弱环节。电子信息产业加快拓展。")


def test_a_counted_system_in_one_paragraph(tmp_path: Path) -> None:
    report = make_report("其他工作。", SYSTEM)
    draft = draft_industries(report)
    assert draft is not None
    assert draft.name == "“22”现代产业集群体系" and draft.paragraph_id == "p-2"
    assert outline(draft) == [("leading", "主导产业", ["智能装备制造", "食品及农产品加工"]),
                              ("pillar", "支柱产业", ["生物医药", "电子信息"])]
    assert [t.lead for t in draft.tiers] == ["做大做强2个主导产业", "升级打造2个支柱产业"]
    assert [t.count for t in draft.tiers] == [2, 2]
    machines = draft.tiers[0].industries[0]
    # The id comes from the vocabulary where it knows the words, else TIER-N.
    assert machines.id == "equipment-manufacturing"  # 装备制造 and 智能装备 tie: the first listed
    assert [i.id for i in draft.tiers[1].industries] == ["biomedicine", "electronics"]
    assert machines.parks == ("智能装备产业园", "装备零件产业园")
    assert machines.projects == ("某某整车生产基地",)
    assert machines.found == ("p-2",)
    loads(tmp_path, draft, report)


def test_a_tier_whose_sentences_do_not_name_as_many_as_it_counts_is_left_out() -> None:
    text = SYSTEM.replace("做大做强2个主导产业", "做大做强3个主导产业")
    detection = detect_industries(pairs(text))
    assert detection.draft is not None
    assert outline(detection.draft) == [("pillar", "支柱产业", ["生物医药", "电子信息"])]
    assert any("做大做强3个主导产业" in item and "left out" in item for item in detection.unsure)


def test_unknown_names_get_tier_n_ids() -> None:
    draft = draft_industries(pairs("做大做强2个主导产业。甲乙产业加快发展。丙丁产业加快发展。"))
    assert draft is not None
    assert [i.id for i in draft.industries()] == ["leading-1", "leading-2"]


def test_lists_before_tier_words_spread_over_paragraphs(tmp_path: Path) -> None:
    report = make_report("五年来，我们聚力构建现代化产业体系。"
                         "电子信息、先进装备制造、石油化工等支柱产业规模壮大。",
                         "实施创新发展行动，推动新能源、新材料、低空经济等新兴产业发展提速。")
    draft = draft_industries(report)
    assert draft is not None
    assert draft.name == "现代化产业体系"
    assert outline(draft) == [("pillar", "支柱产业", ["电子信息", "先进装备制造", "石油化工"]),
                              ("emerging", "新兴产业", ["新能源", "新材料", "低空经济"])]
    assert [t.paragraph_id for t in draft.tiers] == ["p-1", "p-2"]
    assert draft.tiers[1].lead == "新能源、新材料、低空经济等新兴产业"
    text = draft_yaml(draft)
    assert "    paragraph: p-2\n" in text  # the second tier's lead is not in the system's paragraph
    loads(tmp_path, draft, report)


def test_a_counted_list_and_a_colon_list_in_the_next_paragraph(tmp_path: Path) -> None:
    report = make_report("［2］四大主导产业：", "旅游业、现代服务业、高新技术产业、热带特色高效农业。",
                         "“45”发展架构：第一个“4”是指旅游业、现代服务业、高新技术产业、热带特色高效农业四大主导产业。")
    draft = draft_industries(report)
    assert draft is not None
    assert outline(draft) == [("leading", "主导产业", FOUR)]
    # The list written with its lead is the tier's; the colon's list confirms it.
    assert draft.tiers[0].paragraph_id == "p-3"
    assert draft.tiers[0].industries[0].found == ("p-2", "p-3")
    assert draft.name == "“45”发展架构"
    loads(tmp_path, draft, report)


@pytest.mark.parametrize(("texts", "why"), [
    (("突出培育现代物流、旅游等新兴产业。",), "a mention, not a system"),
    (("茶叶、食用菌、林竹等十大乡村特色产业全产业链总产值突破。",), "counts 10, lists 3"),
    (("积极发展新一代信息技术、新材料、高端装备等新兴产业和未来产业。",), "one list for two tiers"),
    (("壮大海上风电、海洋生物医药、深海开发等新兴和未来产业。",), "one list for two tiers"),
])
def test_no_draft_from_a_mention_a_short_list_or_a_shared_list(texts: tuple[str, ...], why: str) -> None:
    detection = detect_industries(pairs(*texts))
    assert detection.draft is None
    assert any(why in item for item in detection.unsure), detection.unsure


@pytest.mark.parametrize("text", [
    "加快荣昌猪、蔬菜优势特色产业集群发展。",  # no 等 and no count: too loose
    "布局建设生物医药前沿技术、海洋生物制造、绿氢等未来产业技术创新平台。",  # platforms, not industries
    "聚焦主导产业、新兴产业，主动走出去。",  # tier words listed, no industries
    "引育一批龙头企业、配套企业等特色产业。",  # not names of industries
])
def test_what_is_not_read_as_a_tier_list(text: str) -> None:
    assert detect_industries(pairs(text, text.replace("产业", "行业"))) == detect_industries(pairs())


def test_a_list_inside_a_counted_system_stays_out_of_it() -> None:
    text = SYSTEM.replace("推动食品", "加快休闲食品、功能食品、预制菜等特色产业升级，推动食品")
    detection = detect_industries(pairs(text))
    assert detection.draft is not None
    assert [t.id for t in detection.draft.tiers] == ["leading", "pillar"]
    assert any("休闲食品、功能食品、预制菜" in item for item in detection.unsure)


def test_the_yaml_is_deterministic_and_carries_what_is_unsure() -> None:
    text = SYSTEM.replace("推动食品", "加快休闲食品、功能食品、预制菜等特色产业升级，推动食品")
    first, second = draft_yaml(draft_industries(pairs(text))), draft_yaml(draft_industries(pairs(text)))
    assert first == second
    assert "# Unsure, left out of the draft:\n# - p-1: 休闲食品、功能食品、预制菜等特色产业" in first
    data = yaml.safe_load(first)
    assert set(data) == {"system", "tiers"}
    assert data["tiers"][0]["industries"][0]["found"] == ["p-1"]


def test_the_genre_is_data() -> None:
    """Every tier word and its id come from genres/work-report/industries.yaml, and ids are ASCII."""
    tiers = vocabulary("industries")["tiers"]
    assert {"主导产业", "支柱产业", "特色产业", "未来产业", "战略性新兴产业"} <= {t["word"] for t in tiers}
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", t["id"]) for t in tiers)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i)
               for i in vocabulary("industries")["industry_ids"].values())


# --- the real reports ------------------------------------------------------------------------------

def test_the_bundled_draft_names_the_curated_tiers_and_industries(tmp_path: Path) -> None:
    report_pairs = paragraphs(BUNDLED)
    from site_src.content.report import load_report
    report = load_report(REPORT)
    curated = load_industries(REPORT / "industries.yaml", report)
    draft = draft_industries(report_pairs)
    assert curated is not None and draft is not None
    assert (draft.name, draft.paragraph_id) == (curated.name, curated.paragraph_id)
    assert [(t.id, t.name, t.lead, [i.name for i in t.industries]) for t in draft.tiers] == \
        [(t.id, t.name, t.lead, [i.name for i in t.industries]) for t in curated.tiers]
    curated_ids = {i.name: i for i in curated.industries()}
    for industry in draft.industries():
        # Whatever the draft says of parks and projects, the curated file says too.
        assert set(industry.parks) <= set(curated_ids[industry.name].parks) | \
            set(curated_ids[industry.name].projects)
        assert set(industry.projects) <= set(curated_ids[industry.name].projects)
    loads(tmp_path, draft, report)


# Measured on every report and checked by reading each paragraph named in `found`.
EXPECTED = {
    BUNDLED: [("leading", "主导产业", ["智能网联新能源汽车关键零部件及智能制造", "食品及农产品加工"]),
              ("pillar", "支柱产业", ["生物医药", "电子信息", "新材料及新能源"]),
              ("specialty", "特色产业", ["陶瓷", "服饰", "兽药"]),
              ("future", "未来产业", ["生命科学", "未来能源", "智能家居", "传感器及仪器仪表", "功率半导体"])],
    "2026-fujian-province": [("pillar", "支柱产业", ["电子信息", "先进装备制造", "现代纺织服装", "石油化工"]),
                             ("emerging", "新兴产业",
                              ["新能源", "新材料", "高端装备", "生物医药", "低空经济"])],
    "2026-hainan-province": [("leading", "主导产业", FOUR),
                             ("future", "未来产业", ["生物制造", "氢能", "脑机接口", "具身智能"])],
    "2025-henan-province": [],  # “7+28+N”产业链群: a system named by its formula, without tiers
}


def every_report() -> list[str]:
    return [BUNDLED, *shared_names()]


@SHARED_SKIP
def test_drafts_on_every_real_report() -> None:
    names = every_report()
    assert len(names) == 16
    found = {name: outline(d) for name in names if (d := draft_industries(paragraphs(name)))}
    assert found == EXPECTED  # the other 12 name no system: no draft


@SHARED_SKIP
@pytest.mark.parametrize("name", ["bundled", "2026-fujian-province", "2026-hainan-province"])
def test_every_drafted_industry_is_named_as_of_its_tier(name: str) -> None:
    """Precision: each name stands in a paragraph of `found` in the tier's own words: in the list
    that ends in the tier word, in the sentences after a counted tier's lead, or after its colon."""
    texts = dict(paragraphs(name))
    draft = draft_industries(paragraphs(name))
    assert draft is not None
    leads = [t.lead for t in draft.tiers]
    for tier in draft.tiers:
        lead_text = texts[tier.paragraph_id]
        assert tier.lead in lead_text and tier.name in tier.lead
        for industry in tier.industries:
            assert industry.found
            for where in industry.found:
                text = texts[where]
                assert industry.name in text
                if tier.count is not None and where == tier.paragraph_id and tier.name not in \
                        next(s for s in sentences(text) if industry.name in s):
                    # A counted tier's name stands after its lead and before the next one.
                    after = text[text.index(tier.lead) + len(tier.lead):]
                    cut = min((after.index(lead) for lead in leads if lead in after), default=len(after))
                    assert industry.name in after[:cut], (tier.lead, industry.name)
                else:
                    sentence = next(s for s in sentences(text) if industry.name in s and tier.name in s) \
                        if tier.name in text else None
                    before = texts[list(texts)[list(texts).index(where) - 1]]
                    assert sentence or before.rstrip().endswith(f"{tier.name}："), (where, industry.name)


@SHARED_SKIP
def test_every_draft_loads_unchanged(tmp_path: Path) -> None:
    for name in EXPECTED:
        texts = paragraphs(name)
        report = make_report(*(text for _, text in texts))
        draft = draft_industries(report)
        assert draft is not None
        loads(tmp_path, draft, report)


@pytest.mark.parametrize("text", ["做大做强十二十个主导产业。", "培育“二二十”主导产业。"])
def test_a_count_that_is_no_numeral_is_no_system(text: str) -> None:
    detection = detect_industries([("p-1", text)])
    assert detection.draft is None


# --- a system named by its formula, without tiers ---------------------------------------------------

def test_a_formula_without_tiers_is_drafted_with_the_industries_listed_beside_it(tmp_path: Path) -> None:
    report = make_report("围绕机械装备、材料化工和食品饮料“2+1”现代产业集群，推动存量倍增。",
                         "发展壮大“2+1”现代产业集群，加快形成新质生产力。", "设立“1+10+N”基金集群。")
    detection = detect_industries(report)
    draft = detection.draft
    assert draft is not None
    assert (draft.name, draft.paragraph_id, draft.tiers, draft.named) == (
        "“2+1”现代产业集群", "p-1", (), ("机械装备", "材料化工", "食品饮料"))
    text = draft_yaml(draft)
    assert "tiers" not in yaml.safe_load(text)
    assert yaml.safe_load(text)["industries"] == ["机械装备", "材料化工", "食品饮料"]
    system = loads(tmp_path, draft, report)
    assert (system.name, system.tiers, system.named) == (draft.name, (), draft.named)
    said = industry_draft.format_detection(detection, "drafted", "industries.yaml").splitlines()[0]
    assert said == ("industry system: “2+1”现代产业集群 [p-1]: no tiers stated; listed beside it: "
                    "机械装备、材料化工、食品饮料")


def test_a_formula_s_code_and_its_note_name_the_system() -> None:
    draft = draft_industries(pairs("构建“33618”现代制造业集群体系。", "推动“33618”现代制造业集群体系提质。",
                                   "围绕“2+1”［2］主导产业布局项目。",
                                   "［2］“2+1”：新能源汽车、装备制造和新型储能。"))
    assert draft is not None and draft.name == "“33618”现代制造业集群体系" and draft.named == ()
    noted = draft_industries(pairs("围绕“2+1”［2］主导产业布局项目。",
                                   "［2］“2+1”：新能源汽车、装备制造和新型储能。"))
    assert noted is not None and noted.name == "“2+1”［2］主导产业"
    assert noted.named == ("新能源汽车", "装备制造", "新型储能")


@pytest.mark.parametrize("text", ["设立“1+10+N”基金集群。", "构建沪滇“16+16”园区共建体系。",
                                  "完善“11431”基层治理体系。", "落实“8+4”经济政策体系。",
                                  "实施“1131”突破工程。"])
def test_a_formula_of_something_else_is_no_industry_system(text: str) -> None:
    assert draft_industries(pairs(text)) is None


def test_a_list_that_the_formula_does_not_count_is_not_drafted() -> None:
    detection = detect_industries(pairs("围绕机械装备、材料化工“2+1”现代产业集群，推动存量倍增。"))
    assert detection.draft is not None and detection.draft.named == ()
    assert any("2 where it counts 3" in doubt for doubt in detection.unsure)


def test_a_tier_counted_by_a_formula_is_a_tier() -> None:
    """机械装备、材料化工、食品饮料、数字经济“3+1”主导产业: 3+1 counts 4, and the report states the tier."""
    draft = draft_industries(pairs("推动机械装备、材料化工、食品饮料、数字经济“3+1”主导产业存量倍增。"))
    assert draft is not None
    assert outline(draft) == [("leading", "主导产业", ["机械装备", "材料化工", "食品饮料", "数字经济"])]
    assert draft.name == "“3+1”主导产业"
