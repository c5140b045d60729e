"""The import report: first a summary a person can hold against the text in a minute (the title,
the byline, each part with its kind and its areas' first words, the targets, the tail and the
closing, what is appended), then what the importer recognised (by rule), removed, joined,
repaired, and what it was unsure of, with line numbers — as text to read after ``build.py import``.

It is made from the report alone (its structure and its provenance), so a report loaded back
from YAML gives the same text; the rules that explain the structure are asked again of it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from site_src.ingest.areas import subareas_of
from site_src.ingest.ends import AREA_END_RULES, CLOSING_RULES
from site_src.ingest.front import FRONT_RULES
from site_src.ingest.parts import PartFacts, part_kind
from site_src.ingest.words import shipped_words
from site_src.model import Paragraph, Part, Report, Section
from site_src.words import Words

SCRIPTS = {"Hans": "Simplified", "Hant": "Traditional"}
ENCODINGS = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "Big5"}
_WIDTH = 60  # characters of a quoted line
_FIRST = 12  # characters of a paragraph's first words
_LINE = 100  # columns of a summary line (a Chinese character takes two)
FORM_NAMES = (("bracket", "（一）…。"), ("bare", "bare heading lines"), ("shi", "一是…"), ("di", "第一，…"),
              ("dun", "一、…"), ("arabic", "1.…"), ("circled", "①…"), ("plain", "without a number"))


def format_import_report(report: Report, source: str, written: int, into: str,
                         words: Words | None = None, outline_file: str = "",
                         drafts: tuple[tuple[str, str], ...] = ()) -> str:
    """The import report; ``outline_file`` is the person's outline the structure was read by ('' where
    the import inferred it), ``drafts`` what became of each draft (file, drafted/kept/removed)."""
    words = words or shipped_words()
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
        *_summary(report, words),
        *_outline(report, words, outline_file, drafts),
        "",
        f"source: {ENCODINGS.get(found.encoding, found.encoding)}, {SCRIPTS.get(found.script, found.script)}"
        + (f" (converted to Simplified with {found.converter})" if found.converter != "none" else ""),
        "",
        *_recognised(report, words),
        "",
        *_removed(report),
        "",
        *_joined(report),
        "",
        *_repaired(report),
        *_flattened_and_lost(report, dict(drafts)),
        "",
        *_unsure(report),
    ]
    return "\n".join(lines)


def _outline(report: Report, words: Words, outline_file: str,
             drafts: tuple[tuple[str, str], ...]) -> list[str]:
    """Where the outline came from, and what it holds."""
    parts = report.parts
    sections = list(report.sections())
    subareas = sum(len(subareas_of(section, words)) for section in sections)
    unnumbered = sum(1 for part in parts if part.has_heading and not part.number)
    headless = sum(1 for part in parts if not part.has_heading)
    said = (f"{_count(len(parts), 'part')}" + (f" ({unnumbered} without a number)" if unnumbered else "")
            + (f" ({headless} without a heading line)" if headless else "")
            + f", {_count(len(sections), 'area')}, {_count(subareas, 'subarea')}")
    origin = f"read from {outline_file} (yours)" if outline_file else "inferred from the numbering"
    lines = [f"  outline    {origin}: {said}"]
    for name, outcome in drafts:
        if name in ("outline.yaml", "errata.yaml"):
            lines.append(f"  {name:<12} {_DRAFTS.get(outcome, outcome)}")
    return lines


_DRAFTS = {"drafted": "drafted: yours now (correct it and import again; never rewritten)",
           "kept": "yours, kept as it is", "removed": "removed by you: not drafted again (--force drafts it)"}


def _flattened_and_lost(report: Report, drafts: dict[str, str]) -> list[str]:
    provenance = report.provenance
    lines = [f"  flattened: {flat.rule} ×{flat.count}: {flat.reason}" for flat in provenance.flattened]
    if provenance.losses:
        where = sorted({loss.line for loss in provenance.losses})
        lines.append(f"  lost: {_count(len(provenance.losses), 'span')} of lost characters, each marked "
                     f"{provenance.losses[0].mark} (lines {', '.join(map(str, where[:20]))}"
                     + (" …" if len(where) > 20 else "") + ")"
                     + ("; every span listed in errata.yaml for you to repair or confirm"
                        if drafts.get("errata.yaml") == "drafted" else ""))
    return lines


# --- the summary -----------------------------------------------------------------------------------

def _first(text: str) -> str:
    return text[:_FIRST]


def _firsts(paragraphs: list[Paragraph] | tuple[Paragraph, ...], limit: int = 4) -> str:
    shown = " | ".join(_first(p.source_text) for p in paragraphs[:limit])
    return shown + (f" | … ({len(paragraphs)})" if len(paragraphs) > limit else "")


def _wrapped(label: str, pieces: list[str], indent: int) -> list[str]:
    """Pieces after a label, as many to a line as fit."""
    out, line = [], f"{' ' * indent}  {label:<10} "
    for piece in pieces:
        if _columns(line) + _columns(piece) > _LINE and line.strip() != label:
            out.append(line.rstrip())
            line = " " * (indent + 13)
        line += piece + " "
    out.append(line.rstrip())
    return out


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def tail_of(part: Part) -> list[Paragraph]:
    """The paragraphs after a part's last area that are the part's: its closing, its blocks."""
    return [*part.closing, *(p for block in part.blocks for p in block.paragraphs)]


def _summary(report: Report, words: Words) -> list[str]:
    targets = next((p for p in report.paragraphs() if p.kind == "targets"), None)
    lines = ["at a glance",
             f"  title      {report.full_title}  ({report.title} · {report.issuer or 'issuer not found'} · "
             f"{report.year or 'year not found'})",
             f"  byline     {' / '.join(report.byline) if report.byline else 'none'}",
             f"  preamble   {_firsts(report.preamble)}"]
    for part in report.parts:
        lines.append(f"  {part.heading}  [{part.kind}]")
        if part.opening:
            lines.append(f"    opening    {_firsts(part.opening, 3)}")
        if part.sections:
            lines += _wrapped("areas", [f"{_mark(s)}{s.title[:8]}" for s in part.sections], 2)
        tail = tail_of(part)
        if tail:
            lines.append(f"    tail       {_firsts(tail, 3)}")
    if targets is not None:
        where = next((part.heading for part in report.parts if targets in part.paragraphs()), "")
        lines.append(f"  targets    {where.split('、')[0]}: {_first(targets.source_text)}")
    else:
        lines.append("  targets    none found")
    closing = [p for p in report.closing if p.kind != "appendix"]
    lines.append(f"  closing    {_firsts(closing) if closing else 'none found'}")
    if report.terms:
        lines.append(f"  {report.terms_heading}  {len(report.terms)}: {report.terms[0].term} … "
                     f"{report.terms[-1].term}")
    if report.appendix:
        lines.append(f"  appendix   {_firsts(report.appendix)}")
    return lines


def _mark(section: Section) -> str:
    return section.heading[: len(section.heading) - len(section.title)]


# --- what was recognised, by rule ---------------------------------------------------------

def _recognised(report: Report, words: Words) -> list[str]:
    paragraphs = list(report.paragraphs())
    sections = list(report.sections())
    forms = Counter(section.form for section in sections)
    targets = [p.id for p in paragraphs if p.kind == "targets"]
    blocks = [(part, block) for part in report.parts for block in part.blocks]
    closing = [p for p in report.closing if p.kind != "appendix"]
    lines = ["recognised",
             f"  title        {report.title} · {report.issuer or '(issuer not found)'} · "
             f"{report.year or '(year not found)'}",
             f"  byline       {' / '.join(report.byline) if report.byline else 'none'}"
             + (f" ({', '.join(_front_rules(report, words))})" if report.byline else ""),
             f"  preamble     {_count(len(report.preamble), 'paragraph')}",
             f"  parts        {len(report.parts)}"]
    lines += [f"    {part.heading}  [{part.id}]  {_part_summary(part, words, targets, report.year)}"
              for part in report.parts]
    lines += [
        f"  areas        {len(sections)}"
        + (" (" + ", ".join(f"{forms[form]} {name}" for form, name in FORM_NAMES if forms[form]) + ")"
           if sections else ""),
        f"  topic leads  {sum(1 for p in paragraphs if p.lead)}",
        f"  highlights   {len(report.highlights())} (——)",
        f"  targets      {len(targets)}" + (f" ({', '.join(targets)})" if targets else ""),
        f"  blocks       {len(blocks)} opened by a lone 各位代表！"
        + (" (" + ", ".join(f"{n} in {part_id}" for part_id, n in
                            Counter(part.id for part, _ in blocks).items()) + ")" if blocks else ""),
        f"  closing      {_count(len(closing), 'paragraph')}"
        + (f" ({_closing_rule(closing, words)})" if closing else ""),
        f"  terms        {len(report.terms)}"
        + (f" ({report.terms_heading}, kept as data)" if report.terms else ""),
        f"  appendix     {_count(len(report.appendix), 'paragraph')}",
        f"  paragraphs   {len(paragraphs)}",
    ]
    return lines


def _front_rules(report: Report, words: Words) -> list[str]:
    """What each byline entry was taken as (the front rules, asked again)."""
    names = []
    for entry in report.byline:
        if words.delivered.match(entry):
            names.append("delivered")
        elif words.speaker.match(entry):
            names.append("speaker")
    return [name for name in names if name in FRONT_RULES]


def _part_summary(part: Part, words: Words, targets: list[str], year: int) -> str:
    facts = PartFacts(part.title, (part.opening[0].source_text if part.opening else
                                   part.sections[0].lines()[0] if part.sections else ""),
                      any(p.id in targets for p in part.paragraphs()), year)
    kind, rule = part_kind(facts, words)
    pieces = [f"kind {part.kind}" + (f" (rule {rule})" if kind == part.kind else " (set by hand)"),
              _count(len(part.opening), "opening paragraph")]
    if part.sections:
        marks = [_mark(s) for s in part.sections]
        span = f"{marks[0]}…{marks[-1]}" if len(marks) > 1 else marks[0]
        pieces.append(f"{_count(len(marks), 'area')} {span}")
        series = sum(1 for s in part.sections if s.number == "一")
        if series > 1:
            pieces.append(f"{series} series")
    tail = tail_of(part)
    if part.closing:
        pieces.append(_count(len(part.closing), "closing paragraph"))
    if part.blocks:
        pieces.append(_count(len(part.blocks), "block"))
    if tail and part.sections:
        pieces.append(f"the last area ends by rule {_end_rule(part, tail, words)}")
    return ", ".join(pieces)


def _end_rule(part: Part, tail: list[Paragraph], words: Words) -> str:
    """Which rule of AREA_END_RULES ends the part's last area before its tail (asked again)."""
    earlier = [len(s.lines()) - 1 for s in part.sections[:-1]]
    shapes = {n for n in earlier}
    if len(shapes) == 1 and len(part.sections[-1].lines()) - 1 == earlier[0] <= 1:
        return AREA_END_RULES[0].name
    if words.addresses(tail[0].source_text):
        return AREA_END_RULES[1].name
    if words.lists_other_work(tail[0].source_text):
        return AREA_END_RULES[2].name
    if any(word in tail[0].source_text[:30] for word in words.part_words("government").heading):
        return AREA_END_RULES[3].name
    return "none (the part ends)"


def _closing_rule(closing: list[Paragraph], words: Words) -> str:
    if closing[0].kind == "heading":
        return f"rule {CLOSING_RULES[0].name}: {closing[0].text}"
    if words.addresses(closing[0].source_text):
        lone = ", a lone 各位代表！" if closing[0].kind == "salutation" else ""
        return f"rule {CLOSING_RULES[1].name}{lone}"
    return f"rule {CLOSING_RULES[2].name}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# --- removed, joined, repaired, unsure ------------------------------------------------------------

def _removed(report: Report) -> list[str]:
    furniture = report.provenance.furniture
    invisible = [fix for fix in report.provenance.repairs if fix.rule == "invisible-line"]
    lines = [f"removed: {_count(len(furniture) + len(invisible), 'line')}"
             + ("" if furniture or invisible else " (no page furniture found)")]
    by_rule: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for removal in furniture:
        by_rule.setdefault((removal.rule, removal.reason), []).append((removal.line, removal.text))
    for fix in invisible:
        by_rule.setdefault((fix.rule, fix.reason), []).append((fix.line, ascii(fix.found)))
    for (rule, reason), removed in by_rule.items():
        lines.append(f"  {rule or 'furniture'}: {reason} ({len(removed)})")
        lines += [f"    {number:>5}  {_quote(text)}" for number, text in removed]
    return lines


def _joined(report: Report) -> list[str]:
    joins = report.provenance.joins
    if not joins:
        return ["joined: nothing"]
    rules = Counter(join.rule or "broken-line" for join in joins)
    lines = [f"joined: {_count(len(joins), 'sentence')} broken over lines ("
             + ", ".join(f"{n} {rule}" for rule, n in rules.items()) + ")"]
    for join in joins:
        where = f"{join.lines[0]}–{join.lines[-1]}"
        lines.append(f"    {where:>9}  " + _quote(" ⏎ ".join(join.pieces), width=2 * _WIDTH))
    return lines


def _repaired(report: Report) -> list[str]:
    provenance = report.provenance
    marks = " ".join(f"{c.name}×{c.count}" for c in provenance.punctuation_restored)
    lines = ["repaired",
             f"  pinyin annotations   {provenance.annotations_removed} on "
             f"{len(provenance.annotations)} lines",
             f"  errata               {len(provenance.errata)}"
             + (f" (lines {', '.join(str(e.line) for e in provenance.errata)})" if provenance.errata else ""),
             f"  punctuation          {sum(c.count for c in provenance.punctuation_restored)} restored"
             + (f" ({marks})" if marks else "")]
    by_rule: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for fix in provenance.repairs:
        if fix.rule != "invisible-line":
            by_rule.setdefault((fix.rule, fix.reason), []).append((fix.line, fix.found, fix.fixed))
    for (rule, reason), fixes in by_rule.items():
        where = sorted({line for line, _, _ in fixes})
        lines.append(f"  {rule}: {reason} ({len(fixes)} on {_count(len(where), 'line')})")
        lines += [f"    {line:>5}  {found!r} -> {fixed!r}" for line, found, fixed in fixes[:3]]
        if len(fixes) > 3:
            lines.append(f"           … lines {', '.join(str(n) for n in where[:20])}"
                         + (" …" if len(where) > 20 else ""))
    return lines


def _unsure(report: Report) -> list[str]:
    """What the import was not sure of, with line numbers: doubts of one reason together."""
    by_reason: dict[str, list[tuple[int, str]]] = {}
    for doubt in report.provenance.doubts:
        by_reason.setdefault(doubt.reason, []).append((doubt.line, doubt.text))
    notes = []
    for reason, found in by_reason.items():
        if len(found) == 1:
            notes.append(f"    {found[0][0]:>5}  {_quote(found[0][1])}\n           {reason}")
        else:
            where = ", ".join(str(line) for line, _ in found[:12]) + (" …" if len(found) > 12 else "")
            notes.append(f"    lines {where} ({len(found)})\n           {reason}")
    paragraphs = list(report.paragraphs())
    if report.provenance.losses:
        where = sorted({loss.line for loss in report.provenance.losses})
        notes.append(f"    lines {', '.join(map(str, where[:12]))}" + (" …" if len(where) > 12 else "")
                     + f" ({len(report.provenance.losses)})\n"
                     + "           characters lost in the source, marked "
                     f"{report.provenance.losses[0].mark}: repair them or confirm the loss in errata.yaml")
    if not any(p.kind == "targets" for p in paragraphs):
        notes.append("           no targets paragraph (主要预期目标是/为) was found")
    if not report.issuer or not report.year:
        notes.append("           the issuer or the year was not found: set them in report.yaml")
    count = len(report.provenance.doubts) + len(report.provenance.losses) + len(notes) - len(by_reason) \
        - (1 if report.provenance.losses else 0)
    return [f"unsure: {count}" + ("" if notes else " (every line was placed)"), *notes]


def _quote(text: str, width: int = _WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

