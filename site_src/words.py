"""The genre's words as types: what the importer reads a report by (importer.yaml) and how a
report's folder is named (places.yaml), with the patterns made from them.

The words are data (genres/work-report/, loaded by site_src/genre.py and passed down); the
shapes they fill (一、 （一） 一是 第一，) are here. This module sits below both the genre profile
and the importer, so that loading the profile loads nothing of the importer. Nothing here names
one report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

NUMERAL = "一二三四五六七八九十"
_STOP = "。！？；"  # what ends a sentence or a clause of one: no heading line holds them
# A delivery line's date, after the dashes or the bracket a byline may open with.
_DATE = r"[（(]?[-—－─━]*\s*((?:19|20)\d\d)年(?:\d{1,2}月(?:\d{1,2}日)?)?"
PART_HEADING = re.compile(rf"^([{NUMERAL}]+)、([^{_STOP}]{{2,40}})$")


@dataclass(frozen=True)
class KindWords:
    """The words that say a part is of one kind: in its heading, or in its first paragraph."""

    heading: tuple[str, ...]
    opening: tuple[str, ...]
    voice: tuple[str, ...] = ()  # the words a paragraph speaks in: of what was done, of what is to be


@dataclass(frozen=True)
class NumberingStyle:
    """One way the genre numbers a heading: 一、 （一） 1. …; see importer.yaml's numbering."""

    name: str  # the section form a heading so numbered gives (dun, bracket, shi, di, arabic …)
    numerals: str  # chinese (一 … 十二), digits (1, １), circled (①)
    before: tuple[str, ...] = ()  # what may stand before the numeral (（ ( 第)
    after: tuple[str, ...] = ()  # what may stand after it (、 ） 是 ， . ．)


@dataclass(frozen=True)
class ImporterWords:
    """importer.yaml as it is written (see the file for what each word is for)."""

    title: str
    congress: str
    national_congress: str
    sessions: tuple[str, ...]
    heads: tuple[str, ...]
    acting: tuple[str, ...]
    delivers: str
    government: str
    national_government: str
    units: tuple[str, ...]
    imprint: str
    speaks_for: str
    toolbar: tuple[str, ...]
    photo_credits: tuple[str, ...]
    salutation: str
    also_addressed: tuple[str, ...]
    closing_headings: tuple[str, ...]
    closing_words: tuple[str, ...]
    targets: tuple[str, ...]
    year_targets: tuple[str, ...]
    this_year: str
    targets_verbs: tuple[str, ...]
    other_work: str
    review_lead_endings: tuple[str, ...]
    part_words: Mapping[str, KindWords]
    glossary_headings: tuple[str, ...]
    notes_headings: tuple[str, ...]
    appendix_headings: tuple[str, ...]
    appended_prefixes: tuple[str, ...]
    numbering: tuple[NumberingStyle, ...] = ()
    part_labels: Mapping[str, str] = field(default_factory=dict)
    announces: tuple[str, ...] = ()
    plan_turns: tuple[str, ...] = ()
    page_turns: tuple[str, ...] = ()
    loss_mark: str = "□"
    government_short: Mapping[str, str] = field(default_factory=dict)
    not_places: tuple[str, ...] = ()
    national_terms: Mapping[str, int] = field(default_factory=dict)
    national_term_years: int = 5
    continues: tuple[str, ...] = ()
    self_reference: tuple[str, ...] = ()
    other_salutations: tuple[str, ...] = ()
    growth: tuple[str, ...] = ()
    year_plans: tuple[str, ...] = ()
    growth_verbs: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    looks_back: tuple[str, ...] = ()
    tail_subjects: tuple[str, ...] = ()
    years: tuple[int, int] = (1949, 2100)  # what importer.yaml's years says where a genre has none
    closing_marks: tuple[str, ...] = ()
    closing_calls: tuple[str, ...] = ()


def _any(words: Iterable[str]) -> str:
    """An alternation of the words, longest first (so 代理 is tried before 代)."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


class Words:
    """The patterns the importer matches, made once from the genre's words."""

    def __init__(self, words: ImporterWords) -> None:
        self.data = words

    # --- front matter ------------------------------------------------------------------------

    @cached_property
    def title_line(self) -> re.Pattern[str]:
        """2026年某某省人民政府工作报告, 某某省2026年政府工作报告: (year, place, year, 人民) before the
        title; the line compacted."""
        year = r"(?:((?:19|20)\d\d)年)?"
        people = re.escape(self.data.government.removesuffix(self.data.title[:2]))  # 人民政府 -> 人民
        note = r"(（[^（）]{1,10}）|全文)?"  # 政府工作报告（摘要）
        return re.compile(rf"^{year}(.*?){year}({people})?{re.escape(self.data.title)}{note}$")

    @cached_property
    def delivered(self) -> re.Pattern[str]:
        """——2022年3月5日在第十三届全国人民代表大会第五次会议上 (and what follows on the line); the
        date may be left out after a dash (——在某某县第十五届人民代表大会第二次会议上)."""
        date = rf"(?:{_DATE}|[（(]?[-—－─━]+\s*(?=在))"
        return re.compile(rf"^{date}在(.{{2,60}}?)(?:{_any(self.data.sessions)})上[）)]?(.*)$")

    @cached_property
    def dated(self) -> re.Pattern[str]:
        """A date alone under the title: （2025年1月20日）"""
        return re.compile(rf"^{_DATE}[）)]?$")

    @cached_property
    def delivered_start(self) -> re.Pattern[str]:
        """The first half of a delivery line the page broke in two: ——2025年1月20日在某某市第十六届"""
        return re.compile(rf"^{_DATE}在")

    @cached_property
    def venue(self) -> re.Pattern[str]:
        """The place of the congress: 某某省第七届人民代表大会 -> 某某省."""
        return re.compile(rf"^(.*?)第[{NUMERAL}\d]+届{re.escape(self.data.congress)}")

    @cached_property
    def speaker(self) -> re.Pattern[str]:
        """某某区人民政府代区长 某某: (office holder's place or government, head, name)."""
        heads = _any(self.data.heads)
        acting = _any(self.data.acting)
        lost = re.escape(self.data.loss_mark)  # a name may have lost characters: 程□杰
        name = rf"[\u3400-\u9fff{lost}][\u3400-\u9fff{lost}\s·]{{0,8}}"
        return re.compile(rf"^(\S{{0,30}}?)\s*(?:{acting})?(?:{heads})\s*({name})?$")

    @cached_property
    def speaks_for(self) -> re.Pattern[str]:
        government = re.escape(self.data.government)
        national = re.escape(self.data.national_government)
        speaks = re.escape(self.data.speaks_for)
        return re.compile(rf"{speaks}({national}|[\u3400-\u9fff]{{2,30}}?{government})")

    @cached_property
    def unit_pattern(self) -> str:
        """An alternation of the units of places (自治州 before 州)."""
        return _any(self.data.units)

    @cached_property
    def speaks_for_unit(self) -> re.Pattern[str]:
        """我代表市人民政府, 我代表行署: (the unit, the government) the preamble speaks for."""
        governments = _any({self.data.government, *self.data.government_short})
        return re.compile(rf"{re.escape(self.data.speaks_for)}(?:({self.unit_pattern}))?({governments})")

    @cached_property
    def national_session(self) -> re.Pattern[str]:
        """向第二届全国人民代表大会第一次会议作…报告: (the term, the session) of the national congress."""
        congress = re.escape(self.data.national_congress)
        return re.compile(rf"第([{NUMERAL}]+)届{congress}(?:第([{NUMERAL}]+)次会议)?")

    @cached_property
    def imprint(self) -> re.Pattern[str]:
        """版权所有：某某市某某区人民政府 (in either script: the imprint is read as found)."""
        return re.compile(rf"{re.escape(self.data.imprint)}[:：]\s*(\S+{re.escape(self.data.government)})")

    def place_issuer(self, place: str) -> str:
        """The government of a place that says more than its unit (某某壮族自治区, not 自治区)."""
        place = place.strip()
        if not place or place in self.data.units or not re.match(r"^[\u3400-\u9fff]+$", place):
            return ""
        if not place.endswith(tuple(self.data.units)):
            return ""
        return place + self.data.government

    def government_named(self, text: str) -> str:
        """The government a speaker line names: 某某区人民政府, 国务院, or 某某省 -> 某某省人民政府."""
        text = re.sub(r"\s+", "", text)
        if text == self.data.national_government:
            return text
        if text.endswith(self.data.government):
            return text if self.place_issuer(text.removesuffix(self.data.government)) else ""
        return self.place_issuer(text)

    # --- the page around the report -------------------------------------------------------------

    @cached_property
    def toolbar(self) -> re.Pattern[str]:
        return re.compile(rf"【?\s*(?:{_any(self.data.toolbar)})\s*[:：]?\s*】?")

    @cached_property
    def photo_caption(self) -> re.Pattern[str]:
        """…作政府工作报告。某某社记者 某某 摄; a caption without its credit: 省长某某作政府工作报告"""
        delivers = re.escape(self.data.delivers + self.data.title)
        return re.compile(rf".*(?:{_any(self.data.photo_credits)})\s*[）)]?|[^在，。]{{2,30}}{delivers}。?")

    # --- the body -----------------------------------------------------------------------------

    @cached_property
    def salutation(self) -> re.Pattern[str]:
        """A salutation on a line of its own: 各位代表：, 各位代表！, 各位代表、各位委员："""
        others = _any(self.data.also_addressed)
        return re.compile(rf"^(?:{self.salutations})(?:[、，,](?:{others}))*[：:！!]$")

    @cached_property
    def salutations(self) -> str:
        """How a report addresses those it reports to (各位代表; a league's 各位主任), a pattern."""
        return _any((self.data.salutation, *self.data.other_salutations))

    def addresses(self, text: str) -> bool:
        """The line opens by addressing the congress: 各位代表！…, 各位代表，…"""
        return text.startswith((self.data.salutation, *self.data.other_salutations))

    @cached_property
    def closing_heading(self) -> re.Pattern[str]:
        return re.compile(rf"^(?:{_any(self.data.closing_headings)})$")

    def opens_closing_words(self, text: str) -> bool:
        return text.startswith(self.data.closing_words)

    def ends_report(self, text: str) -> bool:
        """The paragraph can end a whole report: its last sentence is a call that names what it
        calls to (…而努力奋斗！, …奋勇前进。) or opens as closing words do (让我们…); a salutation
        alone (各位代表！) is none."""
        text = text.rstrip("”’」』）)")
        if not text.endswith(self.data.closing_marks) or self.salutation.match(text):
            return False
        last = re.split(r"[。！？!?]", text[:-1])[-1]
        return any(call in last for call in (*self.data.closing_calls, *self.data.closing_words))

    @cached_property
    def targets(self) -> re.Pattern[str]:
        """The phrase that sets the year's targets, near the start of a sentence or clause."""
        verbs = _any(self.data.targets_verbs)
        year = re.escape(self.data.this_year)
        return re.compile(rf"(?:^|[。！；，])[^。！；]{{0,30}}?(?:(?:{_any(self.data.targets)})|{year}"
                          rf"[^。！；]{{0,20}}?(?:{_any(self.data.year_targets)}))(?:{verbs})?[：:]")

    @cached_property
    def year_growth(self) -> re.Pattern[str]:
        """今年地区生产总值增长6％左右: this year's growth as a figure, in the sentence that opens
        the paragraph."""
        growth = _any(self.data.growth)
        return re.compile(rf"^[^。！？]{{0,20}}{re.escape(self.data.this_year)}[^。！？]{{0,20}}?(?:{growth})"
                          rf"\s*\d+(?:\.\d+)?\s*[%％]")

    def year_plan(self, year: int) -> re.Pattern[str]:
        """这次提交大会审议的1957年度的…国民经济计划草案, 一九五九年的国民经济计划, 今年国民生产总值
        计划增长…: a sentence that opens on this year (今年, or the report's year in any digits)
        and names its plan."""
        years = [re.escape(self.data.this_year)]
        if year:
            chinese = "".join("〇一二三四五六七八九"[int(digit)] for digit in str(year))
            chinese = chinese.replace("〇", "[〇○零]")
            wide = str(year).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
            years += [rf"(?:{year}|{wide}|{chinese})年度?"]
        return re.compile(rf"(?:^|[。！？；])[^。！？；]{{0,12}}?(?:{'|'.join(years)})[^。！？；]{{0,30}}?"
                          rf"(?:{_any(self.data.year_plans)})")

    @cached_property
    def growth_figure(self) -> re.Pattern[str]:
        """增长百分之八, 增长近百分之二, 增长4.5%: a growth given as a figure."""
        return re.compile(rf"(?:{_any(self.data.growth_verbs)})[^。！？；，]{{0,4}}?"
                          r"(?:百分之|[\d０-９]+(?:[.．][\d０-９]+)?\s*[%％])")

    @cached_property
    def key_phrase(self) -> re.Pattern[str]:
        """A line that is only the targets phrase (the scrape broke it out of its sentence)."""
        return re.compile(rf"^(?:{_any((*self.data.targets, *self.data.year_targets))})$")

    @cached_property
    def key_phrase_verb(self) -> re.Pattern[str]:
        return re.compile(rf"^(?:{_any(self.data.targets_verbs)})[：:]")

    def lists_other_work(self, text: str) -> bool:
        """进一步做好参事文史、地方志、…、双拥等工作。: many kinds of work named, then 等工作."""
        return self.data.other_work in text and text.count("、") >= 5

    def part_words(self, kind: str) -> KindWords:
        return self.data.part_words.get(kind, KindWords((), ()))

    # --- what follows the closing words ---------------------------------------------------------

    @cached_property
    def _appendix_heading(self) -> re.Pattern[str]:
        return re.compile(rf"(?:{_any(self.data.appendix_headings)})[{NUMERAL}0-9]*")

    def appended(self, text: str) -> str:
        """What an appended heading line opens: glossary, notes, appendix, or '' for no heading."""
        if len(text) > 20:
            return ""
        compact = re.sub(r"\s+", "", text).rstrip("：:")
        # [名词解释], 【名词解释】, 《政府工作报告》名词解释: the heading in brackets, or after the title
        compact = re.sub(r"^[\[［【〔](.*)[\]］】〕]$", r"\1", compact)
        compact = re.sub(rf"^《{re.escape(self.data.title)}》", "", compact)
        for prefix in sorted(self.data.appended_prefixes, key=len, reverse=True):
            rest = compact.removeprefix(prefix).lstrip("：:一二三四五六七八九十0123456789")
            if rest != compact and rest in (*self.data.glossary_headings, *self.data.notes_headings):
                compact = rest
                break
        if compact in self.data.glossary_headings:
            return "glossary"
        if compact in self.data.notes_headings:
            return "notes"
        if self._appendix_heading.fullmatch(compact):
            return "appendix"
        return ""


@dataclass(frozen=True)
class PlaceWords:
    """places.yaml: how a report's folder is named from its issuer (see site_src/ingest/slug.py)."""

    government: tuple[str, ...]
    units: tuple[str, ...]
    peoples_before: str
    peoples: tuple[str, ...]
    names: dict[str, str]
