"""The "2335" industry system: content/industries.yaml, validated against the report, and every
sentence of the report that speaks of each industry, found by its keywords.

Nothing on the industry pages is invented: each sentence is quoted from the report and linked to
its paragraph; the rest are plain labels.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_src.files import read_text
from site_src.model import VERBATIM, Report, sentences
from site_src.yamlio import Field, Id, ListOf, Reader, Table, Text, child, dump, items, read_document

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
    return read_document(text, file, industries_table(dict(report.quotable()))).system()


@dataclass(frozen=True)
class SystemName:
    name: str
    paragraph_id: str = field(metadata=VERBATIM)


@dataclass(frozen=True)
class IndustriesFile:
    """industries.yaml as written: the system's name and paragraph, then its tiers."""

    head: SystemName
    tiers: tuple[Tier, ...] = ()
    named: tuple[str, ...] = ()  # a system without tiers: the industries listed beside its name

    def system(self) -> IndustrySystem:
        return IndustrySystem(self.head.name, self.head.paragraph_id, self.tiers, self.named)

    @classmethod
    def of(cls, system: IndustrySystem) -> IndustriesFile:
        return cls(SystemName(system.name, system.paragraph_id), system.tiers, system.named)


@dataclass(frozen=True)
class _Occurring(Text):
    """Words of the report: they occur in its text."""

    everything: str = ""

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> str:
        value = super().read(reader, node, path)
        if value and value not in self.everything:
            reader.problem(node, path, f"{value!r} does not occur in the report")
        return value


@dataclass(frozen=True)
class _ParagraphId(Text):
    """The id of one of the report's paragraphs (or appended terms)."""

    texts: Mapping[str, str] = field(default_factory=dict)

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> str:
        value = super().read(reader, node, path)
        if value and value not in self.texts:
            reader.problem(node, path, f"unknown paragraph {value!r}")
        return value


def industries_table(texts: Mapping[str, str]) -> Table:
    """industries.yaml's schema, checked against a report's ``texts`` (id -> text)."""
    words = _Occurring(everything="\n".join(texts.values()))
    paragraph = _ParagraphId(texts=texts)

    def found_in(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
        if not values["keywords"]:
            reader.problem(nodes.get("keywords"), f"{path}.keywords", "at least one keyword is needed")
        for n, (node, found) in enumerate(zip(items(nodes.get("found")), values["found"], strict=False)):
            if values["name"] and found in texts and values["name"] not in texts[found]:
                reader.problem(node, f"{path}.found[{n}]",
                               f"{values['name']!r} does not occur in paragraph {found!r}")

    industry = Table(Industry, (
        Field("id", Id(unique=False)),
        Field("name", words),
        Field("keywords", ListOf(words, flow=True)),
        Field("parks", ListOf(words, flow=True)),
        Field("projects", ListOf(words, flow=True)),
        Field("found", ListOf(paragraph, flow=True), required=False, default=()),
    ), check=found_in)
    tier = Table(Tier, (
        Field("id", Id(unique=False)),
        Field("name", words),
        Field("lead", Text()),
        Field("industries", ListOf(industry)),
        Field("paragraph", paragraph, required=False, default="", attr="paragraph_id"),
    ), check=_counted)
    return Table(IndustriesFile, (
        Field("system", Table(SystemName, (Field("name", words),
                                           Field("paragraph", paragraph, attr="paragraph_id"))), attr="head"),
        Field("tiers", ListOf(tier), required=False, default=()),
        Field("industries", ListOf(words), required=False, default=(), attr="named"),
    ), check=lambda reader, nodes, values, path: (_leads_and_ids(reader, nodes, values, texts),
                                                  _named(reader, nodes, values, texts)))


def dump_industries(system: IndustrySystem) -> str:
    """industries.yaml's text for a system, as the table writes it."""
    return dump(industries_table({}).write(IndustriesFile.of(system)))


def _counted(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
    """A tier lists as many industries as its lead counts (做大做强2个主导产业)."""
    count = _COUNT.search(values["lead"])
    if count and int(count.group(1)) != len(values["industries"]):
        reader.problem(nodes.get("industries"), f"{path}.industries",
                       f"{values['lead']!r} names {count.group(1)} industries, the list has "
                       f"{len(values['industries'])}")


def _leads_and_ids(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any],
                   texts: Mapping[str, str]) -> None:
    """Each tier's lead is in its paragraph (or the system's); no two tiers or industries share an id."""
    system = values["head"]
    seen: set[str] = set()
    for n, (tier_node, tier) in enumerate(zip(items(nodes.get("tiers")), values["tiers"], strict=False)):
        if tier is None:
            continue
        where = tier.paragraph_id or (system.paragraph_id if system else "")
        if tier.lead and tier.lead not in texts.get(where, ""):
            reader.problem(child(tier_node, "lead"), f"tiers[{n}].lead",
                           f"{tier.lead!r} does not occur in paragraph {where!r}")
        industry_nodes = items(child(tier_node, "industries"))
        for m, (node, industry) in enumerate(zip(industry_nodes, tier.industries, strict=False)):
            if industry is not None:
                _unique(reader, child(node, "id"), f"tiers[{n}].industries[{m}].id", industry.id, seen)
        _unique(reader, child(tier_node, "id"), f"tiers[{n}].id", tier.id, seen)


def _unique(reader: Reader, node: yaml.Node | None, path: str, value: str, seen: set[str]) -> None:
    if value in seen:
        reader.problem(node, path, f"duplicate id {value!r}")
    seen.add(value)


def _named(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any],
           texts: Mapping[str, str]) -> None:
    """A system without tiers: the industries listed beside it, each in a paragraph naming it."""
    system = values["head"]
    if not values["named"] or system is None:
        return
    if "tiers" in nodes:
        reader.problem(nodes.get("industries"), "industries",
                       "a system with tiers lists its industries under each tier")
        return
    naming = [text for text in texts.values() if system.name.strip("“”") in text]
    for n, (node, industry) in enumerate(zip(items(nodes.get("industries")), values["named"], strict=False)):
        if industry and not any(industry in text for text in naming):
            reader.problem(node, f"industries[{n}]", f"{industry!r} does not occur in a paragraph that names "
                                                     f"{system.name!r}")


def summarise(system: IndustrySystem, report: Report) -> IndustrySummary:
    """Every sentence about each industry, found by its keywords, quoted with its paragraph."""
    quotes = [Quote(text_id, sentence) for text_id, text in report.quotable() for sentence in sentences(text)]

    def find(*phrases: str) -> tuple[Quote, ...]:
        if not phrases:
            return ()
        named = re.compile("|".join(map(re.escape, phrases)))  # any of them: one scan of each sentence
        return tuple(q for q in quotes if named.search(q.text))

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
