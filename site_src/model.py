"""The report in its own terms: parts, sections (areas, tasks), paragraphs with topic leads.

Every value is frozen; stages return new values instead of filling in old ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# Identifiers and quotes of the source as found are never converted between scripts.
VERBATIM = {"verbatim": True}

PARAGRAPH_KINDS = ("text", "salutation", "highlight", "targets")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the report; ``lead`` is its topic lead sentence (e.g. 先进制造业集群发展。)."""

    id: str = field(metadata=VERBATIM)
    text: str
    lead: str = ""
    kind: str = field(default="text", metadata=VERBATIM)

    @property
    def heading(self) -> str:
        """The lead as a heading: the sentence without its full stop."""
        return self.lead.rstrip("。")

    @property
    def source_text(self) -> str:
        return self.lead + self.text


@dataclass(frozen=True)
class Section:
    """An area of the review (（一）…（十）) or a task of the plan: number, title, paragraphs."""

    id: str = field(metadata=VERBATIM)
    number: str
    title: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def heading(self) -> str:
        return f"（{self.number}）{self.title}"


@dataclass(frozen=True)
class Part:
    """A numbered part (一、2023年工作回顾): opening paragraphs, sections, closing paragraphs."""

    id: str = field(metadata=VERBATIM)
    number: str
    title: str
    opening: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    closing: tuple[Paragraph, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"

    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.opening
        for section in self.sections:
            yield from section.paragraphs
        yield from self.closing


@dataclass(frozen=True)
class Count:
    """One line of the import record: what was done, how often, with examples."""

    name: str = field(metadata=VERBATIM)
    count: int


@dataclass(frozen=True)
class Removal:
    """A line (or span) the importer removed or repaired, with where it was in the source."""

    line: int
    text: str = field(metadata=VERBATIM)
    reason: str
    replacement: str = field(default="", metadata=VERBATIM)


@dataclass(frozen=True)
class Provenance:
    """What the import did to the source text, so the site can show it."""

    source_file: str = field(metadata=VERBATIM)
    source_sha256: str = field(metadata=VERBATIM)
    source_script: str = field(metadata=VERBATIM)
    converter: str = field(metadata=VERBATIM)
    annotations_removed: int
    punctuation_restored: tuple[Count, ...]
    furniture: tuple[Removal, ...]
    errata: tuple[Removal, ...]
    annotations: tuple[Removal, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    """A phrase override for the converted variants: Simplified phrase -> Traditional form."""

    phrase: str = field(metadata=VERBATIM)  # Simplified, as in the content
    traditional: str = field(metadata=VERBATIM)
    reason: str
    variants: tuple[str, ...] = field(default=(), metadata=VERBATIM)  # empty: all converted ones
    line: int = 0

    def applies_to(self, variant_code: str) -> bool:
        return not self.variants or variant_code in self.variants


@dataclass(frozen=True)
class Report:
    title: str
    issuer: str
    year: int
    preamble: tuple[Paragraph, ...]
    parts: tuple[Part, ...]
    closing: tuple[Paragraph, ...]
    provenance: Provenance

    @property
    def place(self) -> str:
        return self.issuer.removesuffix("人民政府")

    @property
    def full_title(self) -> str:
        return f"{self.place}{self.year}年{self.title}"

    def sections(self) -> Iterator[Section]:
        for part in self.parts:
            yield from part.sections

    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.preamble
        for part in self.parts:
            yield from part.paragraphs()
        yield from self.closing

    def highlights(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs() if p.kind == "highlight")

    def source_text(self) -> str:
        """Every word of the report in order, headings included: what "nothing lost" compares."""
        pieces = [p.source_text for p in self.preamble]
        for part in self.parts:
            pieces.append(part.heading)
            pieces.extend(p.source_text for p in part.opening)
            for section in part.sections:
                pieces.append(section.heading + "。")
                pieces.extend(p.source_text for p in section.paragraphs)
            pieces.extend(p.source_text for p in part.closing)
        pieces.extend(p.source_text for p in self.closing)
        return "".join(pieces)
