"""What a reader sees of a text before reading it: its first words, its lead clauses, and where it
is, named as a reader names it (一、2023年工作回顾 第3段), not by its id.

Pure functions over the model and the interface's words; the plan calls them for every page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from site_src.model import (
    BLOCK,
    CLOSING,
    OPENING,
    PART_CLOSING,
    PART_HEADING,
    PREAMBLE,
    SECTION,
    SECTION_HEADING,
    TERM,
    TERMS_HEADING_PLACE,
    Paragraph,
    Part,
    Report,
    sentences,
)

_CLAUSE_END = "，；：。！？"
_DASHES = "—－-"


def first_words(text: str, limit: int = 46) -> str:
    """The first words of a text, for a card: its first sentence if that is short, else cut after
    the last clause that fits (，；：), or at ``limit`` characters, with an ellipsis."""
    text = text.lstrip(_DASHES)
    first = sentences(text)[0] if text else ""
    if len(first) <= limit:
        return first
    cut = max(first.rfind(mark, 0, limit) for mark in "，；：、")
    return (first[:cut] if cut >= limit // 2 else first[: limit - 1]) + "…"


@dataclass(frozen=True)
class Achievement:
    """A highlight of the review (——我们竭尽全力拼经济，…，高质量发展取得了新突破。) cut to its
    lead clauses: what was done and what came of it."""

    paragraph_id: str
    lead: str  # 我们竭尽全力拼经济; a short first sentence whole (经济总体回升向好)
    outcome: str  # 高质量发展取得了新突破; "" when the first sentence is one clause


def achievement(paragraph: Paragraph) -> Achievement:
    text = paragraph.source_text.lstrip(_DASHES)
    first = sentences(text)[0].rstrip("。！？") if text else ""
    clauses = [c for c in re.split(f"[{_CLAUSE_END}]", first) if c]
    if len(clauses) < 2:
        return Achievement(paragraph.id, first, "")
    return Achievement(paragraph.id, clauses[0], clauses[-1])


def places(report: Report, ui: Mapping[str, str]) -> dict[str, str]:
    """Where each text of the report is, as a reader names it, for every id of the walk:

    - a paragraph: the page it is on and its place there (一、2023年工作回顾 第3段; a section's,
      with its part: 二、2024年工作安排（二） 第3段; 开场 第2段);
    - a heading: the heading itself (a section's with its part);
    - a term of the appended glossary: 名词解释 第2条.

    Paragraphs are counted as their page shows them: a part's opening, closing and blocks in turn.
    """
    labels: dict[str, str] = {}
    counts: dict[str, int] = {}

    def paragraph(key: str, where: str, id: str) -> None:
        counts[key] = counts.get(key, 0) + 1
        labels.setdefault(id, ui["place_paragraph"].format(where=where, n=counts[key]))

    for step in report.walk():
        part = step.part
        if step.place == PREAMBLE:
            paragraph("preamble", ui["preamble"], step.id)
        elif step.place == CLOSING:
            paragraph("closing", ui["closing"], step.id)
        elif step.place == PART_HEADING and part is not None:
            labels[step.id] = part.heading
        elif step.place == SECTION_HEADING and part is not None and step.section is not None:
            labels[step.id] = ui["place_section"].format(part=part.heading, section=step.section.heading)
        elif step.place in (OPENING, PART_CLOSING, BLOCK) and part is not None:
            paragraph(part.id, part.heading, step.id)
            if step.block is not None:
                labels.setdefault(step.block.id, labels[step.id])
        elif step.place == SECTION and part is not None and step.section is not None:
            paragraph(step.section.id, section_place(part, step.section.number, ui), step.id)
        elif step.place == TERM:
            counts["terms"] = counts.get("terms", 0) + 1
            labels[step.id] = ui["place_term"].format(terms=ui["terms_title"], n=counts["terms"])
        elif step.place == TERMS_HEADING_PLACE:
            labels.setdefault(step.id, ui["terms_title"])
    return labels


def section_place(part: Part, number: str, ui: Mapping[str, str]) -> str:
    """A section as a place: its part and its number (二、2024年工作安排（二）)."""
    return ui["place_section_short"].format(part=part.heading, number=number)
