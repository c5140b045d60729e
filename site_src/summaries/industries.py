"""The "2335" industry system: content/industries.yaml, validated against the report, and every
sentence of the report that speaks of each industry, found by its keywords.

Nothing on the industry pages is invented: each sentence is quoted from the report and linked to
its paragraph; the rest are plain labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_src.errors import Problem, SiteError
from site_src.files import read_text
from site_src.model import VERBATIM, Report, sentences
from site_src.yamlio import Reader, parse

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_COUNT = re.compile(r"(\d+)个")


@dataclass(frozen=True)
class Quote:
    """A sentence of the report, verbatim, and the paragraph it is in."""

    paragraph_id: str = field(metadata=VERBATIM)
    text: str


@dataclass(frozen=True)
class Industry:
    id: str = field(metadata=VERBATIM)
    name: str
    keywords: tuple[str, ...]
    parks: tuple[str, ...]
    projects: tuple[str, ...]
    # The paragraphs that name it as of its tier (a draft's ``found``); empty where not given.
    found: tuple[str, ...] = field(default=(), metadata=VERBATIM)


@dataclass(frozen=True)
class Tier:
    id: str = field(metadata=VERBATIM)
    name: str
    lead: str  # as the plan writes it: 做大做强2个主导产业
    industries: tuple[Industry, ...]
    # The paragraph that holds the lead, where it is not the system's (a system spread over several).
    paragraph_id: str = field(default="", metadata=VERBATIM)


@dataclass(frozen=True)
class IndustrySystem:
    name: str
    paragraph_id: str = field(metadata=VERBATIM)
    tiers: tuple[Tier, ...]  # () where the report names the system by its formula only
    # Where the report states no tiers: the industries it lists beside the system's name.
    named: tuple[str, ...] = ()

    def industries(self) -> tuple[Industry, ...]:
        return tuple(industry for tier in self.tiers for industry in tier.industries)


@dataclass(frozen=True)
class Named:
    """A park or project as the report names it, with the sentences that name it."""

    name: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class IndustryPage:
    """What one industry's page shows, all of it from the report."""

    industry: Industry
    tier: Tier
    plan: tuple[Quote, ...]  # the system paragraph's sentences about it
    parks: tuple[Named, ...]
    projects: tuple[Named, ...]
    mentions: tuple[Quote, ...]  # every other sentence of the report that mentions it


@dataclass(frozen=True)
class IndustrySummary:
    system: IndustrySystem
    system_quotes: tuple[Quote, ...]  # every sentence that names the system
    tier_quotes: tuple[Quote, ...]  # the plan's sentence naming each tier, in tier order
    pages: tuple[IndustryPage, ...]


INDUSTRIES_FILE = "industries.yaml"  # in a report's folder


def load_industries(path: Path, report: Report) -> IndustrySystem | None:
    """The report folder's industries.yaml, validated (see read_industries); None if there is none."""
    if not path.exists():
        return None
    return read_industries(read_text(path), str(path), report)


def read_industries(text: str, file: str, report: Report) -> IndustrySystem:
    """The system, validated: every name, keyword, park and project occurs in the report, the
    paragraph exists, ids are unique, and each tier has as many industries as its lead says.

    Optional, as a draft writes them: a tier's ``paragraph`` (its lead is there, not in the
    system's paragraph) and an industry's ``found`` (paragraphs that each hold its name).

    A system the report names without stating tiers (“4+2”主导产业) has no ``tiers``; its
    ``industries`` are then a list of the names the report gives beside it, each in a paragraph
    that names the system."""
    problems: list[Problem] = []
    reader = Reader(file, problems)
    node = parse(text, file)
    texts = dict(report.quotable())
    everything = "\n".join(texts.values())
    fields = reader.mapping(node, "", ("system",), ("tiers", "industries")) if node is not None else None
    if fields is None:
        if node is None:
            reader.problem(None, "", "the file is empty")
        raise SiteError(problems)

    def occurring(value_node: yaml.Node | None, key: str) -> str:
        value = reader.string(value_node, key)
        if value and value not in everything:
            reader.problem(value_node, key, f"{value!r} does not occur in the report")
        return value

    def phrases(value_node: yaml.Node | None, key: str) -> tuple[str, ...]:
        return tuple(occurring(item, f"{key}[{n}]")
                     for n, item in enumerate(reader.sequence(value_node, key)))

    system_fields = reader.mapping(fields.get("system"), "system", ("name", "paragraph")) or {}
    paragraph_id = reader.string(system_fields.get("paragraph"), "system.paragraph")
    if paragraph_id and paragraph_id not in texts:
        reader.problem(system_fields.get("paragraph"), "system.paragraph",
                       f"unknown paragraph {paragraph_id!r}")
    name = occurring(system_fields.get("name"), "system.name")
    seen: set[str] = set()

    def identifier(value_node: yaml.Node | None, key: str) -> str:
        value = reader.string(value_node, key)
        if value and not ID.fullmatch(value):
            reader.problem(value_node, key, f"invalid id {value!r}: lowercase ASCII letters, digits, hyphens")
        elif value in seen:
            reader.problem(value_node, key, f"duplicate id {value!r}")
        seen.add(value)
        return value

    tiers = []
    for n, tier_node in enumerate(reader.sequence(fields.get("tiers"), "tiers")):
        key = f"tiers[{n}]"
        tier_fields = reader.mapping(tier_node, key, ("id", "name", "lead", "industries"), ("paragraph",))
        if tier_fields is None:
            continue
        tier_paragraph = ""
        if "paragraph" in tier_fields:
            tier_paragraph = reader.string(tier_fields["paragraph"], f"{key}.paragraph")
            if tier_paragraph and tier_paragraph not in texts:
                reader.problem(tier_fields["paragraph"], f"{key}.paragraph",
                               f"unknown paragraph {tier_paragraph!r}")
        lead = reader.string(tier_fields.get("lead"), f"{key}.lead")
        lead_paragraph = tier_paragraph or paragraph_id
        if lead and lead not in texts.get(lead_paragraph, ""):
            reader.problem(tier_fields.get("lead"), f"{key}.lead",
                           f"{lead!r} does not occur in paragraph {lead_paragraph!r}")
        industries = []
        for m, item in enumerate(reader.sequence(tier_fields.get("industries"), f"{key}.industries")):
            item_key = f"{key}.industries[{m}]"
            entry = reader.mapping(item, item_key, ("id", "name", "keywords", "parks", "projects"),
                                   ("found",))
            if entry is None:
                continue
            industry_name = occurring(entry.get("name"), f"{item_key}.name")
            found = []
            for f, found_node in enumerate(reader.sequence(entry.get("found"), f"{item_key}.found")
                                           if "found" in entry else ()):
                found_id = reader.string(found_node, f"{item_key}.found[{f}]")
                if found_id and found_id not in texts:
                    reader.problem(found_node, f"{item_key}.found[{f}]", f"unknown paragraph {found_id!r}")
                elif found_id and industry_name and industry_name not in texts[found_id]:
                    reader.problem(found_node, f"{item_key}.found[{f}]",
                                   f"{industry_name!r} does not occur in paragraph {found_id!r}")
                found.append(found_id)
            keywords = phrases(entry.get("keywords"), f"{item_key}.keywords")
            if not keywords:
                reader.problem(entry.get("keywords"), f"{item_key}.keywords",
                               "at least one keyword is needed")
            industries.append(Industry(
                id=identifier(entry.get("id"), f"{item_key}.id"),
                name=industry_name,
                keywords=keywords,
                parks=phrases(entry.get("parks"), f"{item_key}.parks"),
                projects=phrases(entry.get("projects"), f"{item_key}.projects"),
                found=tuple(found)))
        count = _COUNT.search(lead)
        if count and int(count.group(1)) != len(industries):
            reader.problem(tier_fields.get("industries"), f"{key}.industries",
                           f"{lead!r} names {count.group(1)} industries, the list has {len(industries)}")
        tiers.append(Tier(id=identifier(tier_fields.get("id"), f"{key}.id"),
                          name=occurring(tier_fields.get("name"), f"{key}.name"),
                          lead=lead, industries=tuple(industries), paragraph_id=tier_paragraph))
    named = _named(reader, fields, name, texts) if "industries" in fields else ()
    if problems:
        raise SiteError(problems)
    return IndustrySystem(name=name, paragraph_id=paragraph_id, tiers=tuple(tiers), named=named)


def _named(reader: Reader, fields: dict[str, yaml.Node], name: str, texts: dict[str, str]) -> tuple[str, ...]:
    """A system without tiers: the industries listed beside it, each in a paragraph naming it."""
    if "tiers" in fields:
        reader.problem(fields["industries"], "industries",
                       "a system with tiers lists its industries under each tier")
        return ()
    naming = [text for text in texts.values() if name.strip("“”") in text]
    named = []
    for n, node in enumerate(reader.sequence(fields["industries"], "industries")):
        industry = reader.string(node, f"industries[{n}]")
        if industry and not any(industry in text for text in naming):
            reader.problem(node, f"industries[{n}]", f"{industry!r} does not occur in a paragraph that names "
                                                     f"{name!r}")
        named.append(industry)
    return tuple(named)


def summarise(system: IndustrySystem, report: Report) -> IndustrySummary:
    """Every sentence about each industry, found by its keywords, quoted with its paragraph."""
    quotes = [Quote(text_id, sentence) for text_id, text in report.quotable() for sentence in sentences(text)]

    def find(*phrases: str) -> tuple[Quote, ...]:
        return tuple(q for q in quotes if any(phrase in q.text for phrase in phrases))

    def of(paragraph_id: str) -> list[Quote]:
        return [q for q in quotes if q.paragraph_id == paragraph_id]

    system_sentences = of(system.paragraph_id)
    pages = []
    for tier in system.tiers:
        # The plan's sentences about this tier: its lead's and the ones after it, up to the next
        # tier's lead in the same paragraph.
        own = of(tier.paragraph_id) if tier.paragraph_id else system_sentences
        leads = [t.lead for t in system.tiers if (t.paragraph_id or system.paragraph_id)
                 == (tier.paragraph_id or system.paragraph_id)]
        start = next((i for i, q in enumerate(own) if tier.lead in q.text), None)
        following = [i for i, q in enumerate(own) if start is not None and i > start
                     and any(lead in q.text for lead in leads)]
        stretch = own[start: min(following, default=len(own))] if start is not None else []
        for industry in tier.industries:
            names = (industry.name, *industry.keywords)
            plan = tuple(q for q in stretch if any(name in q.text for name in names))
            named = (*industry.parks, *industry.projects)
            # Each sentence is quoted once on the page: the plan's first, then the rest.
            mentions = tuple(q for q in find(*names, *named) if q not in plan)
            pages.append(IndustryPage(
                industry=industry, tier=tier, plan=plan,
                parks=tuple(Named(park, find(park)) for park in industry.parks),
                projects=tuple(Named(project, find(project)) for project in industry.projects),
                mentions=mentions))
    tier_quotes = tuple(next(q for q in of(tier.paragraph_id or system.paragraph_id) if tier.lead in q.text)
                        for tier in system.tiers
                        if any(tier.lead in q.text for q in of(tier.paragraph_id or system.paragraph_id)))
    return IndustrySummary(system=system, system_quotes=find(system.name.strip("“”")) or find(system.name),
                           tier_quotes=tier_quotes, pages=tuple(pages))
