"""The import report: what the importer recognised, removed, joined and repaired, and what it was
unsure of, as text for a person to read after ``build.py import``.

It is made from the report alone (its structure and its provenance), so a report loaded back
from YAML gives the same text.
"""

from __future__ import annotations

from collections import Counter

from site_src.model import Part, Report

SCRIPTS = {"Hans": "Simplified", "Hant": "Traditional"}
ENCODINGS = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "Big5"}
_WIDTH = 60  # characters of a quoted line


def format_import_report(report: Report, source: str, written: int, into: str) -> str:
    provenance = report.provenance
    found = provenance.source
    paragraphs = list(report.paragraphs())
    sections = list(report.sections())
    lines = [
        f"imported {source}: {len(report.parts)} parts, {len(sections)} sections, "
        f"{len(paragraphs)} paragraphs; removed {provenance.annotations_removed} pinyin annotations "
        f"and {len(provenance.furniture)} furniture lines; applied {len(provenance.errata)} errata; "
        f"restored {sum(c.count for c in provenance.punctuation_restored)} punctuation marks; "
        f"wrote {written} files into {into}",
        "",
        f"source: {ENCODINGS.get(found.encoding, found.encoding)}, {SCRIPTS.get(found.script, found.script)}"
        + (f" (converted to Simplified with {found.converter})" if found.converter != "none" else ""),
        "",
        *_recognised(report),
        "",
        *_removed(report),
        "",
        *_joined(report),
        "",
        *_repaired(report),
        "",
        *_unsure(report),
    ]
    return "\n".join(lines)


def _recognised(report: Report) -> list[str]:
    paragraphs = list(report.paragraphs())
    sections = list(report.sections())
    forms = Counter(section.form for section in sections)
    targets = [p.id for p in paragraphs if p.kind == "targets"]
    blocks = [(part, block) for part in report.parts for block in part.blocks]
    lines = ["recognised",
             f"  title        {report.title} · {report.issuer or '(issuer not found)'} · "
             f"{report.year or '(year not found)'}",
             f"  byline       {' / '.join(report.byline) if report.byline else 'none'}",
             f"  preamble     {_count(len(report.preamble), 'paragraph')}",
             f"  parts        {len(report.parts)}"]
    lines += [f"    {part.heading}  [{part.id}]  {_part_summary(part)}" for part in report.parts]
    form_names = (("bracket", "（一）…。"), ("bare", "bare heading lines"), ("shi", "一是…"))
    lines += [
        f"  areas        {len(sections)}"
        + (" (" + ", ".join(f"{forms[form]} {name}" for form, name in form_names if forms[form]) + ")"
           if sections else ""),
        f"  topic leads  {sum(1 for p in paragraphs if p.lead)}",
        f"  highlights   {len(report.highlights())} (——)",
        f"  targets      {len(targets)}" + (f" ({', '.join(targets)})" if targets else ""),
        f"  blocks       {len(blocks)} opened by a lone 各位代表！"
        + (" (" + ", ".join(f"{n} in {part_id}" for part_id, n in
                            Counter(part.id for part, _ in blocks).items()) + ")" if blocks else ""),
        f"  closing      {_count(len(report.closing), 'paragraph')}"
        + (", opened by a lone 各位代表！ too" if report.closing and report.closing[0].kind == "salutation"
           else ""),
        f"  terms        {len(report.terms)}" + (" (名词解释, kept as data)" if report.terms else ""),
        f"  paragraphs   {len(paragraphs)}",
    ]
    return lines


def _part_summary(part: Part) -> str:
    pieces = [_count(len(part.opening), "opening paragraph")]
    if part.sections:
        marks = [f"{s.number}是" if s.form == "shi" else f"（{s.number}）" for s in part.sections]
        span = f"{marks[0]}…{marks[-1]}" if len(marks) > 1 else marks[0]
        pieces.append(f"{_count(len(marks), 'area')} {span}")
    if part.closing:
        pieces.append(_count(len(part.closing), "closing paragraph"))
    if part.blocks:
        pieces.append(_count(len(part.blocks), "block"))
    return ", ".join(pieces)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _removed(report: Report) -> list[str]:
    furniture = report.provenance.furniture
    lines = [f"removed: {_count(len(furniture), 'line')}"
             + ("" if furniture else " (no page furniture found)")]
    by_rule: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for removal in furniture:
        by_rule.setdefault((removal.rule, removal.reason), []).append((removal.line, removal.text))
    for (rule, reason), removed in by_rule.items():
        lines.append(f"  {rule or 'furniture'}: {reason} ({len(removed)})")
        lines += [f"    {number:>5}  {_quote(text)}" for number, text in removed]
    return lines


def _joined(report: Report) -> list[str]:
    joins = report.provenance.joins
    lines = [f"joined: {_count(len(joins), 'sentence')} broken over lines" if joins else "joined: nothing"]
    for join in joins:
        where = f"{join.lines[0]}–{join.lines[-1]}"
        lines.append(f"    {where:>9}  " + _quote(" ⏎ ".join(join.pieces), width=2 * _WIDTH))
    return lines


def _repaired(report: Report) -> list[str]:
    provenance = report.provenance
    marks = " ".join(f"{c.name}×{c.count}" for c in provenance.punctuation_restored)
    return ["repaired",
            f"  pinyin annotations   {provenance.annotations_removed} on "
            f"{len(provenance.annotations)} lines",
            f"  errata               {len(provenance.errata)}"
            + (f" (lines {', '.join(str(e.line) for e in provenance.errata)})" if provenance.errata else ""),
            f"  punctuation          {sum(c.count for c in provenance.punctuation_restored)} restored"
            + (f" ({marks})" if marks else "")]


def _unsure(report: Report) -> list[str]:
    doubts = report.provenance.doubts
    notes = [f"    {d.line:>5}  {_quote(d.text)}\n           {d.reason}" for d in doubts]
    paragraphs = list(report.paragraphs())
    if not any(p.kind == "targets" for p in paragraphs):
        notes.append("           no targets paragraph (主要预期目标是/为) was found")
    if not report.closing:
        notes.append("           no closing words (a last part ending in 各位代表…) were found")
    if not report.issuer or not report.year:
        notes.append("           the issuer or the year was not found: set them in report.yaml")
    return [f"unsure: {len(notes)}" + ("" if notes else " (every line was placed)"), *notes]


def _quote(text: str, width: int = _WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
