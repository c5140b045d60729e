"""A draft of a report's industry system, found in its text, for a person to check and edit.

The draft has the schema of content/industries.yaml (``load_industries`` accepts it as it is) and
says where each name was found. Three ways a report names a tier and its industries are read:

- a counted system in one paragraph: a short sentence opening each tier (做大做强2个主导产业。) and
  the sentences after it, up to the next tier, naming as many industries as it counts: as the
  subjects of their sentences (生物医药产业重点…), as the objects of its verbs (大力发展X产业), or
  as one list (紧盯A、B、C、D、E等…);
- a list before a tier word (电子信息、先进装备制造…等支柱产业; A、B、C、D四大主导产业);
- a tier word and a colon, the list after it or in the next paragraph (四大主导产业：/A、B、C、D。).

Precision comes first: a list that is counted and does not hold as many names, a list given to two
tiers at once, an item that does not read as a name, all go to ``unsure`` instead of the draft.
A report gets a draft when it counts at least one tier and lists its industries in full, or lists
the industries of two tiers or more; a single uncounted list is a mention, not a system.

A report that states no tiers may still name its system by a formula (“4+2”现代产业集群, “24516”
现代制造业集群): the draft is then the formula, where the report names it, and the industries it
lists beside it (甲、乙、丙、丁、戊、己“4+2”现代产业集群; “2+1”：甲、乙和丙) where they are as
many as the formula counts; no tier is drafted that the report does not state.

Every stage reads each paragraph once (and a tier's colon paragraph looks at the next one): the
time is linear in the report's length. The genre's words are in genres/work-report/industries.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from site_src.model import VERBATIM, Report, sentences
from site_src.summaries import unique_id
from site_src.summaries.industries import Industry, IndustrySystem, Tier, dump_industries

_CJK = "\u4e00-\u9fff"
_NAME_CHARS = f"{_CJK}A-Za-z0-9"
_CLAUSE = re.compile(r"[^，。；：！？!?;:,]+")
_DIGIT_CODE = re.compile(r"“(\d{2,6}[XN]?|\d+(?:\+(?:\d+|N))+)”")
_NOTE = r"\s*(?:\[\d+\]|［\d+］|〔\d+〕|【\d+】)"  # a note's marker after a formula: “2+1”[2]


@dataclass(frozen=True)
class DraftIndustry:
    id: str = field(metadata=VERBATIM)
    name: str
    found: tuple[str, ...] = field(metadata=VERBATIM)  # paragraphs that name it as of its tier
    keywords: tuple[str, ...]
    parks: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftTier:
    id: str = field(metadata=VERBATIM)
    name: str  # the tier word: 主导产业
    lead: str  # as the report writes it: 做大做强2个主导产业
    paragraph_id: str = field(metadata=VERBATIM)  # the paragraph that holds the lead
    count: int | None  # as the lead counts it, or None
    industries: tuple[DraftIndustry, ...]


@dataclass(frozen=True)
class IndustryDraft:
    name: str  # the system's name as written: “2335”现代制造业集群体系
    paragraph_id: str = field(metadata=VERBATIM)  # the first tier's paragraph
    name_paragraph_id: str = field(metadata=VERBATIM)  # where the name was found
    tiers: tuple[DraftTier, ...]
    unsure: tuple[str, ...]  # what the detector left out or could not decide, with where
    named: tuple[str, ...] = ()  # a system without tiers: the industries listed beside its formula

    def industries(self) -> tuple[DraftIndustry, ...]:
        return tuple(industry for tier in self.tiers for industry in tier.industries)


@dataclass(frozen=True)
class IndustryDetection:
    """What was found: the draft (None: the report names no system) and the doubts either way."""

    draft: IndustryDraft | None
    unsure: tuple[str, ...]


@dataclass(frozen=True)
class _Evidence:
    """One place a tier is named with its industries."""

    form: str  # "system" (a counted system's tier), "list" or "colon"
    tier_id: str
    tier_word: str
    lead: str
    paragraph_id: str
    count: int | None
    names: tuple[str, ...]
    found_in: str  # the paragraph that holds the names (the next one, for a colon)
    sentences: tuple[str, ...] = ()  # for a system's tier: each name's own sentence, or ""


# --- the vocabulary ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class TierWord:
    word: str  # 主导产业
    id: str = field(metadata=VERBATIM)  # leading


@dataclass(frozen=True)
class IndustryWords:
    """genres/work-report/industries.yaml as written: the genre's words for an industry system."""

    tiers: tuple[TierWord, ...]
    joiners: tuple[str, ...]
    tier_stems: tuple[str, ...]
    counters: tuple[str, ...]
    numerals: Mapping[str, int]
    separator: str
    list_end: str
    openers: tuple[str, ...]
    not_in_name: tuple[str, ...]
    max_name_length: int
    industry_word: str
    not_after_industry_word: tuple[str, ...]
    not_after_tier: tuple[str, ...]
    max_lead_length: int
    system_name_endings: tuple[str, ...]
    system_phrases: tuple[str, ...]
    build_verbs: tuple[str, ...]
    park_endings: tuple[str, ...]
    project_endings: tuple[str, ...]
    id_parts: tuple[str, ...]
    industry_ids: Mapping[str, str]
    formula_words: tuple[str, ...]
    formula_endings: tuple[str, ...]
    formula_not_in_name: tuple[str, ...]


@dataclass(frozen=True)
class IndustryVocabulary:
    """The words made into the patterns the detector reads with: made once per build."""

    tier_ids: dict[str, str]
    tier: re.Pattern[str]
    count: re.Pattern[str]
    numerals: dict[str, int]
    joint_after: re.Pattern[str]
    not_after_tier: tuple[str, ...]
    joiners: tuple[str, ...]
    stems: tuple[str, ...]
    separator: str
    list_end: str
    openers: tuple[str, ...]
    not_in_name: tuple[str, ...]
    max_name: int
    industry_word: str
    subject: re.Pattern[str]
    max_lead: int
    lead: re.Pattern[str]
    colon: re.Pattern[str]
    system_endings: tuple[str, ...]
    system_phrases: tuple[str, ...]
    build_verbs: tuple[str, ...]
    park_endings: tuple[str, ...]
    project_endings: tuple[str, ...]
    id_parts: tuple[str, ...]
    industry_ids: dict[str, str]
    formula_name: re.Pattern[str]  # what follows a formula when it names an industry system


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """Words ordered for a regex alternation: longest first, so 战略性新兴产业 wins over 新兴产业."""
    return tuple(sorted(dict.fromkeys(words), key=lambda w: (-len(w), w)))


def industry_vocabulary(data: IndustryWords) -> IndustryVocabulary:
    tier_ids = {entry.word: entry.id for entry in data.tiers}
    tiers = "|".join(map(re.escape, longest_first(tier_ids)))
    numerals = dict(data.numerals)
    number = f"(?:\\d+|[{''.join(map(re.escape, numerals))}]+)"
    counters = "".join(map(re.escape, data.counters))
    count = f"{number}[{counters}]"
    stems = data.tier_stems
    joiners = data.joiners
    word = data.industry_word
    not_after = "|".join(map(re.escape, longest_first(data.not_after_industry_word)))
    max_name = data.max_name_length
    modifier = f"[{_CJK}]{{0,6}}?"
    return IndustryVocabulary(
        tier_ids=tier_ids,
        tier=re.compile(f"(?:{tiers})"),
        count=re.compile(count),
        numerals=numerals,
        joint_after=re.compile(f"^(?:集群)?[{''.join(map(re.escape, joiners))}]"
                               f"(?:{tiers}|(?:{'|'.join(map(re.escape, stems))})产业)"),
        not_after_tier=data.not_after_tier,
        joiners=joiners, stems=stems,
        separator=data.separator, list_end=data.list_end,
        openers=longest_first(data.openers),
        not_in_name=data.not_in_name,
        max_name=max_name,
        industry_word=word,
        subject=re.compile(f"([{_NAME_CHARS}]{{2,{max_name}}}?){re.escape(word)}(?!{not_after})"),
        max_lead=data.max_lead_length,
        lead=re.compile(f"(?P<count>{count})(?P<mod>{modifier})(?P<tier>{tiers})(?:集群)?"),
        colon=re.compile(f"(?P<count>{count})?(?P<mod>{modifier})(?P<tier>{tiers})(?:集群)?[：:]"),
        system_endings=data.system_name_endings,
        system_phrases=longest_first(data.system_phrases),
        build_verbs=longest_first(data.build_verbs),
        park_endings=longest_first(data.park_endings),
        project_endings=longest_first(data.project_endings),
        id_parts=data.id_parts,
        industry_ids=dict(data.industry_ids),
        formula_name=re.compile(
            f"(?:{_NOTE})?(?P<name>(?:(?!{'|'.join(map(re.escape, longest_first(data.formula_not_in_name)))})"
            f"[{_CJK}]){{0,8}}?(?:{'|'.join(map(re.escape, longest_first(data.formula_words)))})"
            f"(?:{'|'.join(map(re.escape, longest_first(data.formula_endings)))})?)"
            f"(?!{'|'.join(map(re.escape, longest_first(data.formula_not_in_name)))})"),
    )


def _number(text: str, numerals: dict[str, int]) -> int | None:
    """2 -> 2, 四 -> 4, 十二 -> 12, 二十 -> 20; None if it is no number."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in numerals for c in text):
        return None
    ten = numerals.get("十", 10)
    if "十" in text:
        before, _, after = text.partition("十")
        if len(before) > 1 or len(after) > 1 or "十" in (before + after):
            return None  # 十二十, 二二十: no numeral a report writes
        tens = numerals[before] if before else 1
        return tens * ten + (numerals[after] if after else 0)
    return numerals[text] if len(text) == 1 else None


def _count_of(text: str, voc: IndustryVocabulary) -> int | None:
    """The count a lead writes: 2个 -> 2, 四大 -> 4, “四新” -> 4, “4+2” -> 6 (a formula's sum)."""
    text = text.strip("“”")
    if re.fullmatch(r"\d+(?:\+\d+)+", text):
        return _formula_count(text)
    match = re.match(r"\d+|[" + "".join(voc.numerals) + "]+", text)
    return _number(match.group(), voc.numerals) if match else None


# --- names ---------------------------------------------------------------------------------------------

def _cut_openers(text: str, voc: IndustryVocabulary) -> str:
    """The text after the last opener word in it (推动新能源 -> 新能源, 第一个“4”是指旅游业 -> 旅游业)."""
    cut = 0
    for opener in voc.openers:
        at = text.rfind(opener)
        if at >= 0 and at + len(opener) > cut:
            cut = at + len(opener)
    return text[cut:]


def _strip_openers(text: str, voc: IndustryVocabulary) -> tuple[str, bool]:
    """The text without the opener words it starts with, and whether there were any."""
    stripped = False
    again = True
    while again:
        again = False
        for opener in voc.openers:
            if text.startswith(opener) and len(text) > len(opener):
                text, stripped, again = text[len(opener):], True, True
                break
    return text, stripped


def _valid_name(name: str, voc: IndustryVocabulary) -> bool:
    return (2 <= len(name) <= voc.max_name
            and re.fullmatch(f"[{_NAME_CHARS}]+", name) is not None
            and not any(word in name for word in voc.not_in_name)
            and not voc.tier.search(name + voc.industry_word)
            and not re.search(r"\d", name))


def _list_items(text: str, voc: IndustryVocabulary) -> tuple[str, ...] | None:
    """A list as items (the first cut after its opener), or None if an item is no name."""
    items = text.split(voc.separator)
    items[0] = _cut_openers(items[0], voc)
    if len(items) < 2 or not all(_valid_name(item, voc) for item in items):
        return None
    return tuple(items)


# --- reading the paragraphs ------------------------------------------------------------------------------

def _clauses(text: str) -> list[str]:
    return _CLAUSE.findall(text)


def _system_tiers(paragraph_id: str, text: str, voc: IndustryVocabulary, unsure: list[str]
                  ) -> list[_Evidence]:
    """The tiers of a counted system: each short lead sentence and the sentences after it."""
    parts = sentences(text)
    leads = []
    for index, sentence in enumerate(parts):
        lead = sentence.rstrip("。！？")
        if len(lead) > voc.max_lead:
            continue
        match = voc.lead.search(lead)
        if match and match.end() == len(lead):
            leads.append((index, lead, match))
    found = []
    for n, (index, lead, match) in enumerate(leads):
        end = leads[n + 1][0] if n + 1 < len(leads) else len(parts)
        stretch = parts[index + 1:end]
        count = _count_of(match.group("count"), voc)
        tier_word = match.group("tier")
        named = _named_in(stretch, count, voc)
        if named is None:
            unsure.append(f"{paragraph_id}: {lead}: the sentences after it do not name {count} industries "
                          "one way; the tier is left out")
            continue
        names, own = named
        found.append(_Evidence("system", voc.tier_ids[tier_word], tier_word, lead, paragraph_id, count,
                               names, paragraph_id, own))
    return found


def _named_in(stretch: Sequence[str], count: int | None, voc: IndustryVocabulary
              ) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The names a tier's sentences give, by the first reading that finds exactly ``count``."""
    subjects: dict[str, str] = {}
    objects: dict[str, str] = {}
    lists: list[tuple[str, ...]] = []
    for sentence in stretch:
        match = voc.subject.match(sentence)
        if match and _valid_name(match.group(1), voc) and not _strip_openers(match.group(1), voc)[1]:
            subjects.setdefault(match.group(1), sentence)
        for clause in _clauses(sentence):
            rest, stripped = _strip_openers(clause, voc)
            if stripped:
                match = voc.subject.match(rest)
                if match and _valid_name(match.group(1), voc) and voc.separator not in rest[:match.end()]:
                    objects.setdefault(match.group(1), sentence)
            if voc.list_end in clause and voc.separator in clause:
                items = _list_items(clause[:clause.index(voc.list_end)], voc)
                if items:
                    lists.append(items)
    for names in (subjects, objects):
        if count is not None and len(names) == count:
            return tuple(names), tuple(names.values())
    for items in lists:
        if count is not None and len(items) == count:
            return items, tuple("" for _ in items)
    return None


def _listed_tiers(paragraph_id: str, text: str, voc: IndustryVocabulary, unsure: list[str]
                  ) -> list[_Evidence]:
    """Lists before a tier word: A、B、C等支柱产业, A、B、C、D四大主导产业."""
    found = []
    for clause in _clauses(text):
        for match in voc.tier.finditer(clause):
            prefix = clause[:match.start()]
            if voc.separator not in prefix:
                continue
            tier_word = match.group()
            if clause[match.end():].removeprefix("集群").startswith(voc.not_after_tier):
                continue
            head, _, tail = prefix.rpartition(voc.separator)
            counts = list(re.finditer(voc.count.pattern + "|“[^“”]{1,8}”", tail))
            count = None
            if counts and _count_of(counts[-1].group(), voc) is not None:
                last, modifier = tail[:counts[-1].start()], tail[counts[-1].end():]
                count = _count_of(counts[-1].group(), voc)
                last = last.removesuffix(voc.list_end)
            elif voc.list_end in tail:
                last, _, modifier = tail.rpartition(voc.list_end)
            else:
                continue  # A、B特色产业 without 等 or a count: too loose to read
            where = f"{paragraph_id}: {clause[:match.end()]}"
            if len(modifier) > 6:
                continue
            joint = any(j in modifier for j in voc.joiners) or voc.joint_after.match(clause[match.end():])
            items = _list_items(f"{head}{voc.separator}{last}", voc)
            if items is None:
                continue
            joined = _list_items(_joined(f"{head}{voc.separator}{last}", voc), voc)
            if count is not None and count != len(items) and joined and count == len(joined):
                items = joined  # A、B和C: the last two joined by 和
            if joint:
                unsure.append(f"{where}: one list for two tiers; not drafted")
                continue
            if count is not None and count != len(items):
                unsure.append(f"{where}: counts {count}, lists {len(items)}; not drafted")
                continue
            lead = clause[clause.index(items[0]):match.end()]
            found.append(_Evidence("list", voc.tier_ids[tier_word], tier_word, lead, paragraph_id, count,
                                   items, paragraph_id))
    return found


def _colon_tier(paragraph_id: str, text: str, following: tuple[str, str] | None, voc: IndustryVocabulary,
                unsure: list[str]) -> list[_Evidence]:
    """A tier word and a colon, the list after it: 四大主导产业：A、B、C、D。 (or in the next paragraph)."""
    found = []
    for match in voc.colon.finditer(text):
        rest = text[match.end():]
        where = paragraph_id
        if not rest.strip() and following is not None:
            where, rest = following
        listed = sentences(rest)[0].rstrip("。；") if rest.strip() else ""
        items = _list_items(listed, voc) if listed else None
        if items is None or listed.split(voc.separator)[0] != items[0]:
            continue
        count = _count_of(match.group("count"), voc) if match.group("count") else None
        lead = match.group().rstrip("：:")
        if count is not None and count != len(items):
            unsure.append(f"{paragraph_id}: {lead}: counts {count}, lists {len(items)}; not drafted")
            continue
        tier_word = match.group("tier")
        found.append(_Evidence("colon", voc.tier_ids[tier_word], tier_word, lead, paragraph_id, count,
                               items, where))
    return found


# --- the draft ---------------------------------------------------------------------------------------------

def detect_industries(source: Report | Iterable[tuple[str, str]], voc: IndustryVocabulary
                      ) -> IndustryDetection:
    """The industry system of a report (or of (paragraph id, text) pairs in reading order), read
    with the genre's words (Genre.industries)."""
    # Every paragraph and note: a system may be spelled out in a note.
    texts = list(source.quotable()) if isinstance(source, Report) \
        else list(source)
    unsure: list[str] = []
    systems: list[list[_Evidence]] = []
    others: list[_Evidence] = []
    for index, (paragraph_id, text) in enumerate(texts):
        tiers = _system_tiers(paragraph_id, text, voc, unsure)
        if tiers:
            systems.append(tiers)
        others.extend(_listed_tiers(paragraph_id, text, voc, unsure))
        following = texts[index + 1] if index + 1 < len(texts) else None
        others.extend(_colon_tier(paragraph_id, text, following, voc, unsure))
    chosen = _choose(systems, others, unsure)
    if not chosen:
        formula = _formula_system(texts, voc, unsure)
        return IndustryDetection(formula, formula.unsure if formula else tuple(unsure))
    draft = _draft(chosen, texts, voc, unsure)
    return IndustryDetection(draft, draft.unsure)


def draft_industries(source: Report | Iterable[tuple[str, str]], voc: IndustryVocabulary
                     ) -> IndustryDraft | None:
    """The draft, or None where the report names no industry system."""
    return detect_industries(source, voc).draft


def _choose(systems: list[list[_Evidence]], others: list[_Evidence], unsure: list[str]
            ) -> list[list[_Evidence]]:
    """The evidence the draft is made of, one group per tier, in reading order."""
    def left_out(evidence: _Evidence, why: str) -> None:
        unsure.append(f"{evidence.found_in}: {evidence.lead}: {'、'.join(evidence.names)} ({why}); "
                      "not drafted")

    if systems:
        best = max(systems, key=len)  # the paragraph that counts most tiers; the first of equals
        for tiers in systems:
            if tiers is not best:
                for evidence in tiers:
                    left_out(evidence, "a counted tier outside the system's paragraph")
        for evidence in others:
            left_out(evidence, "a list outside the counted system")
        return [[evidence] for evidence in best]
    groups: dict[str, list[_Evidence]] = {}
    for evidence in others:
        groups.setdefault(evidence.tier_id, []).append(evidence)
    counted = {tier: group for tier, group in groups.items() if any(e.count is not None for e in group)}
    if counted:
        for tier, group in groups.items():
            if tier not in counted:
                for evidence in group:
                    left_out(evidence, "uncounted, where the report counts other tiers")
        groups = counted
    elif len(groups) < 2:
        for group in groups.values():
            for evidence in group:
                left_out(evidence, "the only tier the report lists, and uncounted: a mention, not a system")
        return []
    return list(groups.values())


def _draft(groups: list[list[_Evidence]], texts: list[tuple[str, str]], voc: IndustryVocabulary,
           unsure: list[str]) -> IndustryDraft:
    by_id = dict(texts)
    order = {paragraph_id: n for n, (paragraph_id, _) in enumerate(texts)}
    tiers = []
    used: set[str] = set()
    for group in groups:
        # The first counted list that is written with its lead, else the first.
        primary = min(group, key=lambda e: (e.count is None, e.found_in != e.paragraph_id,
                                            order[e.paragraph_id]))
        names = list(primary.names)
        found: dict[str, list[str]] = {name: [primary.found_in] for name in names}
        for evidence in group:
            if evidence is primary:
                continue
            extra = [name for name in evidence.names if name not in found]
            if extra and primary.count is not None:
                unsure.append(f"{evidence.found_in}: {evidence.lead}: {'、'.join(extra)} (more than the "
                              f"{primary.count} that {primary.lead} counts); not drafted")
                continue
            for name in evidence.names:
                if name not in found:
                    names.append(name)
                    found[name] = []
                if evidence.found_in not in found[name]:
                    found[name].append(evidence.found_in)
        own = dict(zip(primary.names, primary.sentences, strict=False))
        industries = []
        for n, name in enumerate(names, start=1):
            sentence = own.get(name, "")
            parks, projects = _named_places(sentence, voc)
            keywords = [name]
            if f"{name}{voc.industry_word}" in by_id[primary.found_in]:
                keywords.append(f"{name}{voc.industry_word}")
            industries.append(DraftIndustry(
                id=unique_id(_industry_id(name, voc) or f"{primary.tier_id}-{n}", used),
                name=name, found=tuple(sorted(found[name], key=order.__getitem__)),
                keywords=tuple(keywords), parks=parks, projects=projects))
        at = by_id[primary.paragraph_id].find(primary.lead)
        tiers.append(((order[primary.paragraph_id], at), DraftTier(
            id=unique_id(primary.tier_id, used), name=primary.tier_word, lead=primary.lead,
            paragraph_id=primary.paragraph_id, count=primary.count, industries=tuple(industries))))
    ordered = tuple(tier for _, tier in sorted(tiers, key=lambda item: item[0]))
    paragraph_id = ordered[0].paragraph_id
    name, name_paragraph = _system_name(paragraph_id, ordered, texts, order, voc)
    if not name:
        name, name_paragraph = ordered[0].lead, paragraph_id
        unsure.append(f"{paragraph_id}: the system has no name in the report; the first tier's lead "
                      "stands for it")
    return IndustryDraft(name, paragraph_id, name_paragraph, ordered, tuple(unsure))


def _formula_system(texts: list[tuple[str, str]], voc: IndustryVocabulary, unsure: list[str]
                    ) -> IndustryDraft | None:
    """A system the report names by its formula without stating tiers (“4+2”现代产业集群): the one it
    names most often (the first of equals), with the industries listed beside it, if any."""
    mentions: dict[str, list[tuple[str, str, int, int]]] = {}  # name -> (paragraph, text, start, end)
    for paragraph_id, text in texts:
        for match in _DIGIT_CODE.finditer(text):
            named = voc.formula_name.match(text, match.end())
            if named:
                name = match.group() + named.group("name")
                mentions.setdefault(name, []).append((paragraph_id, text, match.start(), named.end()))
    if not mentions:
        return None
    name = max(mentions, key=lambda each: len(mentions[each]))  # dicts keep reading order
    for other in mentions:
        if other != name:
            unsure.append(f"{mentions[other][0][0]}: {other}: another formula, named less often; not drafted")
    places = mentions[name]
    first, text, start, end = places[0]
    written = name if any(name in text for _, text, _, _ in places) else text[start:end]  # “2+1”[2]主导产业
    listed = _listed_beside(name, places, texts, voc, unsure)
    unsure.append(f"{first}: {written} states no tiers: the draft holds the formula"
                  + (" and the industries listed beside it" if listed else ""))
    return IndustryDraft(written, first, first, (), tuple(unsure), listed)


def _listed_beside(name: str, places: list[tuple[str, str, int, int]], texts: list[tuple[str, str]],
                   voc: IndustryVocabulary, unsure: list[str]) -> tuple[str, ...]:
    """The first list of industries beside the formula, as many as it counts: right before it in
    its clause (甲、乙和丙“2+1”现代产业集群), or after it and a colon (“2+1”：甲、乙和丙)."""
    code = _DIGIT_CODE.match(name)
    assert code is not None
    count = _formula_count(code.group(1))
    found = [(paragraph_id, text[:start]) for paragraph_id, text, start, _ in places]
    for paragraph_id, text in texts:
        for colon in ("：", ":"):
            at = text.find(code.group() + colon)
            if at >= 0:
                after = text[at + len(code.group()) + 1:]
                found.append((paragraph_id, re.split("[。；;]", after)[0]))
    for paragraph_id, before in found:
        clause = re.split("[，。；：！？!?;:,]", before)[-1]
        items = _list_items(_joined(clause, voc), voc) if clause else None
        if not items:
            continue
        if count is None or len(items) == count:
            return items
        unsure.append(f"{paragraph_id}: {'、'.join(items)} beside {name}: {len(items)} where it counts "
                      f"{count}; not drafted")
    return ()


def _joined(clause: str, voc: IndustryVocabulary) -> str:
    """A list whose last item is joined by 和 (A、B和C) written with the separator throughout."""
    head, separator, last = clause.rpartition(voc.separator)
    if not separator:
        return clause
    for joiner in voc.joiners:
        if joiner != voc.separator and joiner in last:
            first, _, second = last.rpartition(joiner)
            return f"{head}{separator}{first}{separator}{second}"
    return clause


def _formula_count(code: str) -> int | None:
    """How many industries a formula counts: 4+2 -> 6; None where it holds N (5+10+N) or is a code
    whose digits count tiers the report does not state (24516)."""
    if "+" not in code or "N" in code:
        return None
    return sum(int(part) for part in code.split("+"))


def _system_name(paragraph_id: str, tiers: tuple[DraftTier, ...], texts: list[tuple[str, str]],
                 order: dict[str, int], voc: IndustryVocabulary) -> tuple[str, str]:
    """A digit code whose digits hold the tiers' counts in order, named up to 体系/架构/格局, in the
    system's paragraph or the one before; else a system phrase there; else ("", "")."""
    index = order[paragraph_id]
    near = [texts[i] for i in (index, index - 1) if 0 <= i < len(texts)]
    counts = [str(t.count) for t in tiers if t.count is not None]
    total = sum(t.count for t in tiers if t.count is not None)
    for where, text in near:
        for match in _DIGIT_CODE.finditer(text):
            named = voc.formula_name.match(text, match.end())
            if named and _formula_count(match.group(1)) == total:  # “4+2”主导产业: 6 industries
                return match.group() + named.group("name"), where
            digits = iter(match.group(1))
            if counts and all(any(c == d for d in digits) for c in counts):
                words = re.match(f"[{_CJK}]{{1,12}}", text[match.end():])
                run = words.group() if words else ""
                ends = [run.find(e) + len(e) for e in voc.system_endings if e in run]
                if ends:
                    return match.group() + run[:min(ends)], where
    for where, text in near:
        for phrase in voc.system_phrases:
            if phrase in text:
                return phrase, where
    return "", ""


def _named_places(sentence: str, voc: IndustryVocabulary) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Parks and projects an industry's own sentence names after a verb: 建好X产业园、Y产业园."""
    parks: list[str] = []
    projects: list[str] = []
    for clause in _clauses(sentence):
        for verb in voc.build_verbs:
            at = clause.find(verb)
            if at < 0:
                continue
            for item in clause[at + len(verb):].split(voc.separator):
                if item.endswith(voc.park_endings) and item not in parks:
                    parks.append(item)
                elif item.endswith(voc.project_endings) and item not in projects:
                    projects.append(item)
            break
    return tuple(parks), tuple(projects)


def _industry_id(name: str, voc: IndustryVocabulary) -> str:
    """new-materials-new-energy for 新材料及新能源; "" if a part holds no known industry word."""
    parts = re.split("|".join(map(re.escape, voc.id_parts)), name)
    ids = []
    for part in parts:
        known = [word for word in voc.industry_ids if word in part]
        if not known:
            return ""
        ident = voc.industry_ids[max(known, key=len)]
        if ident not in ids:
            ids.append(ident)
    return "-".join(ids)


# --- the YAML a person edits ---------------------------------------------------------------------------

def draft_yaml(draft: IndustryDraft) -> str:
    """The draft as content/industries.yaml text (industries.py's table): what was found, where,
    and what is unsure."""
    system = IndustrySystem(draft.name, draft.paragraph_id, tuple(
        Tier(tier.id, tier.name, tier.lead,
             tuple(Industry(i.id, i.name, i.keywords, i.parks, i.projects, i.found) for i in tier.industries),
             tier.paragraph_id if tier.paragraph_id != draft.paragraph_id else "")
        for tier in draft.tiers), draft.named)
    lines = [
        "# A DRAFT of the report's industry system, found in its text by the industry detector.",
        "# Check every name against the paragraphs named under `found`, add keywords, parks and",
        "# projects, then delete these comments. load_industries reads the file as it is.",
    ]
    if draft.name_paragraph_id and draft.name_paragraph_id != draft.paragraph_id:
        lines.append(f"# The system's name is in paragraph {draft.name_paragraph_id}.")
    if not draft.tiers:
        lines.append("# The report states no tiers: `industries` are those it lists beside the formula.")
    unsure = ["# Unsure, left out of the draft:", *(f"# - {item}" for item in draft.unsure)]
    return "".join(f"{line}\n" for line in lines) + dump_industries(system) \
        + ("".join(f"{line}\n" for line in unsure) if draft.unsure else "")


# --- what the import says --------------------------------------------------------------------------------

def format_detection(detection: IndustryDetection, outcome: str, file: str) -> str:
    """The import report's lines on the industry system: what was found, where, what became of the
    draft (``outcome``: drafted, kept or removed, as the folder's writer says), and the doubts."""
    draft = detection.draft
    if draft is None:
        lines = ["industry system: none found (the report gets no industry pages)"]
    else:
        lines = [f"industry system: {draft.name} [{draft.name_paragraph_id or draft.paragraph_id}]: "
                 f"{len(draft.tiers)} tiers, {len(draft.industries())} industries"]
        if not draft.tiers:
            lines[0] = (f"industry system: {draft.name} [{draft.paragraph_id}]: no tiers stated; listed "
                        f"beside it: {'、'.join(draft.named) or 'none'}")
        for tier in draft.tiers:
            lines.append(f"  {tier.name}  {tier.lead} [{tier.paragraph_id}]: "
                         + "、".join(industry.name for industry in tier.industries))
        lines.append({
            "drafted": f"  drafted {file}: check it against the paragraphs it names; it is yours "
                       "now (a later import never replaces it)",
            "kept": f"  kept {file} as it is (yours): the draft was not written",
            "removed": f"  not drafted again: {file} was drafted by an earlier import and has been "
                       "removed since (import with --force to draft it again)",
            "invalid": f"  not drafted: the draft does not load as {file} (see unsure)",
        }.get(outcome, f"  {outcome}"))
    unsure = detection.unsure
    lines.append(f"  unsure: {len(unsure)}" + ("" if unsure else " (nothing left out)"))
    lines.extend(f"    {item}" for item in unsure)
    return "\n".join(lines)
