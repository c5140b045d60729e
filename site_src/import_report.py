"""The import report a person reads after ``import``: one screen, in the order they check it.

First where the report went (and what ``--force`` replaced), then its outline (each part once,
with its kind and id, each area's heading in full), then what the importer was unsure of with
the source's line numbers, then what it removed and repaired, as counts, pointing at
provenance.yaml where each is listed line by line; last the industry system (and, once for all
the files of an import, what to do next).
``import --verbose`` prints the whole report (ingest/summary.py) instead.

Only the printing is here: every fact is the importer's (the report, its provenance, the drafts'
outcomes), as ingest/summary.py reads them.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from site_src.importing import ImportResult
from site_src.ingest.summary import ENCODINGS, SCRIPTS, tail_of
from site_src.model import Part, Report

_HEADING = 72  # columns of an area's heading (a Chinese character takes two): whole in any report seen
_UNSURE = 8  # reasons for doubt shown (the rest: --verbose)
_LINES = 8  # line numbers shown for one reason
_QUOTE = 24  # characters of a doubtful line quoted

_DRAFTS = {"drafted": "{file} drafted: yours now (correct it, then import again)",
           "kept": "read from {file} (yours)", "removed": "{file} removed by you: not drafted again "
           "(--force drafts it)"}


def import_screen(result: ImportResult, source: str, folder: str) -> str:
    """The one-screen report of one import, ``source`` and ``folder`` as the person would type them."""
    report = result.report
    drafts = dict(result.written.drafts)
    lines = [f"imported {source} into {folder} ({_count(len(result.written.files), 'file')})"]
    lines += [f"replaced {folder}/{name} ({how}; --force)" for name, how in result.written.replaced]
    found = report.provenance.source
    lines.append(f"{report.full_title} · {report.issuer or 'issuer not found'} · "
                 f"{report.year or 'year not found'} · {ENCODINGS.get(found.encoding, found.encoding)}, "
                 f"{SCRIPTS.get(found.script, found.script)}")
    lines += _outline(report, result, folder, drafts)
    lines += _unsure(report)
    lines += _removed_and_repaired(report, folder)
    lines.append(_industries(result))
    return "\n".join(lines)


def next_steps(program: str, content: str) -> str:
    """What to do after an import (``content``: the --content option as given, or '')."""
    return (f"next: {program} build{content}    (import --verbose prints the whole import report: every "
            "rule, removal and repair)")


def _outline(report: Report, result: ImportResult, folder: str, drafts: dict[str, str]) -> list[str]:
    sections = sum(len(part.sections) for part in report.parts)
    if result.outline_file:
        origin = f"read from {result.outline_file} (yours)"
    else:
        outcome = drafts.get("outline.yaml", "")
        origin = "inferred from the numbering" + (
            f"; {_DRAFTS[outcome].format(file=f'{folder}/outline.yaml')}" if outcome in _DRAFTS else "")
    lines = [f"outline: {_count(len(report.parts), 'part')}, {_count(sections, 'area')}, {origin}"]
    if report.preamble:
        lines.append(f"  preamble: {_count(len(report.preamble), 'paragraph')}")
    targets = next((p.id for p in report.paragraphs() if p.kind == "targets"), None)
    for part in report.parts:
        lines.append(f"  {_part_line(part, targets)}")
        lines += [f"      {_cut(section.heading, _HEADING)}" for section in part.sections]
    closing = [p for p in report.closing if p.kind != "appendix"]
    lines.append(f"  closing: {_count(len(closing), 'paragraph')}" if closing else "  closing: none found")
    if report.terms:
        lines.append(f"  {report.terms_heading}: {_count(len(report.terms), 'term')}")
    if report.appendix:
        lines.append(f"  appendix: {_count(len(report.appendix), 'paragraph')}")
    return lines


def _part_line(part: Part, targets: str | None) -> str:
    """A part's heading, said once with its kind and id, and what it holds."""
    heading = part.heading if part.has_heading else "(no heading line)"
    holds = [_count(len(part.opening), "opening paragraph")] if part.opening else []
    if part.sections:
        holds.append(_count(len(part.sections), "area"))
    tail = tail_of(part)
    if tail:
        holds.append(_count(len(tail), "paragraph") + " after its areas" if part.sections
                     else _count(len(tail), "closing paragraph"))
    if targets is not None and any(p.id == targets for p in part.paragraphs()):
        holds.append("the targets")
    said = f"{_cut(heading, _HEADING)}  [{part.kind}, id {part.id}]"
    return said + (f"  {', '.join(holds)}" if holds else "")


def _unsure(report: Report) -> list[str]:
    """What the importer was not sure of, by reason, with the source's line numbers."""
    provenance = report.provenance
    by_reason: dict[str, list[tuple[int, str]]] = {}
    for doubt in provenance.doubts:
        by_reason.setdefault(doubt.reason, []).append((doubt.line, doubt.text))
    for loss in provenance.losses:
        by_reason.setdefault(f"characters lost in the source, marked {loss.mark}: repair them or confirm "
                             "the loss in errata.yaml", []).append((loss.line, loss.damaged))
    notes = []
    if not any(p.kind == "targets" for p in report.paragraphs()):
        notes.append("  no targets paragraph (主要预期目标是/为) was found")
    if not report.issuer or not report.year:
        notes.append("  the issuer or the year was not found: set them in report.yaml")
    count = sum(len(found) for found in by_reason.values()) + len(notes)
    if not count:
        return ["unsure: nothing (every line was placed)"]
    lines = [f"unsure: {count}, by line of the source"]
    for reason, found in list(by_reason.items())[:_UNSURE]:
        where = sorted({line for line, _ in found})
        if len(found) == 1:
            lines.append(f"  line {where[0]}: {reason}: {_cut(found[0][1], _QUOTE * 2)}")
        else:
            shown = ", ".join(map(str, where[:_LINES])) + (" …" if len(where) > _LINES else "")
            lines.append(f"  lines {shown} ({len(found)}): {reason}")
    if len(by_reason) > _UNSURE:
        lines.append(f"  … and {len(by_reason) - _UNSURE} more reasons (--verbose)")
    return lines + notes


def _removed_and_repaired(report: Report, folder: str) -> list[str]:
    """What the import removed, joined and repaired, as counts: provenance.yaml lists each."""
    provenance = report.provenance
    removed = Counter(removal.rule or "furniture" for removal in provenance.furniture)
    removed.update(fix.rule for fix in provenance.repairs if fix.rule == "invisible-line")
    repaired = Counter(fix.rule for fix in provenance.repairs if fix.rule != "invisible-line")
    punctuation = sum(count.count for count in provenance.punctuation_restored)
    said = [_count(removed.total(), "line") + (f" ({_counts(removed)})" if removed else "")]
    if provenance.annotations_removed:
        said.append(f"{provenance.annotations_removed} pinyin annotations")
    fixed = ([_count(len(provenance.errata), "erratum")] if provenance.errata else []) \
        + ([f"{punctuation} punctuation marks"] if punctuation else []) \
        + [f"{n} {rule}" for rule, n in sorted(repaired.items())] \
        + [f"{flat.count} {flat.rule}" for flat in provenance.flattened]
    if provenance.losses:
        fixed.append(f"{len(provenance.losses)} lost spans marked {provenance.losses[0].mark}")
    joined = f"; joined {_count(len(provenance.joins), 'broken line')}" if provenance.joins else ""
    return [f"removed {', '.join(said)}; repaired {', '.join(fixed) or 'nothing'}{joined}",
            f"  each, line by line: {folder}/provenance.yaml"]


def _industries(result: ImportResult) -> str:
    draft = result.industries.draft
    doubts = len(result.industries.unsure)
    unsure = f"; {doubts} unsure (--verbose)" if doubts else ""
    if draft is None:
        return f"industry system: none found (no industry pages){unsure}"
    shape = (f"{len(draft.tiers)} tiers, {len(draft.industries())} industries" if draft.tiers
             else "no tiers stated")
    outcome = {"drafted": "drafted industries.yaml (check it: it is yours now)",
               "kept": "industries.yaml kept as it is (yours)",
               "removed": "not drafted again (industries.yaml was removed; --force drafts it)",
               "invalid": "not drafted (the draft does not load)"}.get(result.industries_outcome,
                                                                       result.industries_outcome)
    return f"industry system: {draft.name}, {shape}" + (f"; {outcome}" if outcome else "") + unsure


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counter.most_common())


def _count(n: int, noun: str) -> str:
    plural = "errata" if noun == "erratum" else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def _cut(text: str, columns: int) -> str:
    """The text whole if it fits ``columns`` (a Chinese character takes two), else cut with …"""
    used = 0
    for n, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > columns:
            return text[:n - 1] + "…"
    return text
