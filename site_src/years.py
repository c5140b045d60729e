"""Reading across years, the stage after each report is prepared: each report against the earlier
report of its government in the site (summaries/compare.py), then in each variant's script.

It costs a segmenter (site_src/segment.py: started once a process, and a pass over each report), so it is paid
only where a site has two reports of one government, and what it makes is kept
(output/memo.py): a report's content words under its preparation's key (they depend on that report
alone), a comparison under the keys of both its reports.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

from site_src.content.site import ReportContent, SiteContent
from site_src.model import GlossaryEntry
from site_src.output.fingerprint import digest, program
from site_src.output.memo import Memo, report_keys
from site_src.output.parallel import in_order
from site_src.output.values import Digests
from site_src.project import Project
from site_src.site.variant import VariantContent
from site_src.summaries.compare import Comparison, compare, convert_comparison, earlier_reports
from site_src.summaries.frequency import Segment, WordCount, content_words, words_of
from site_src.variants.convert import Convert
from site_src.variants.site import converter_for

Words = tuple[WordCount, ...]


def compare_years(project: Project, content: SiteContent, memo: Memo, jobs: int) -> tuple[Comparison, ...]:
    """Each report that has an earlier one of its government in the site, against it (in the order
    of the site's reports): kept results where both reports are the same, the rest made."""
    pairs = earlier_reports((entry.slug, entry.report) for entry in content.reports)
    if not pairs:
        return ()
    entries = {entry.slug: entry for entry in content.reports}
    involved = {slug for pair in pairs for slug in pair}
    keys = report_keys(project.content, {slug: entries[slug].folder for slug in sorted(involved)})
    pair_keys = {pair: digest("comparison", keys[pair[0]], keys[pair[1]])
                 if keys[pair[0]] and keys[pair[1]] else None for pair in pairs}
    found: dict[tuple[str, str], Comparison | None] = {
        pair: memo.peek("comparison", key) if key else None for pair, key in pair_keys.items()}
    missing = [pair for pair in pairs if found[pair] is None]
    if missing:
        words = _content_words(content, [entries[slug] for slug in sorted({s for p in missing for s in p})],
                               keys, memo, jobs)
        for later, earlier in missing:
            made = compare(later, entries[later].report, earlier, entries[earlier].report, content.genre,
                           words[later], words[earlier])
            key = pair_keys[(later, earlier)]
            found[(later, earlier)] = memo.put("comparison", key, made) if key else made
    return tuple(comparison for comparison in found.values() if comparison is not None)


@dataclass(frozen=True)
class _Segmenting:
    """What every report's segmentation shares (a worker process starts with it in memory)."""

    content: SiteContent
    segment: Segment


def _content_words(content: SiteContent, entries: list[ReportContent], keys: Mapping[str, str | None],
                   memo: Memo, jobs: int) -> dict[str, Words]:
    """Each report's content words, by slug: kept under its preparation's key, the rest segmented
    (on every core)."""
    found: dict[str, Words | None] = {
        entry.slug: memo.peek("words", key) if (key := keys[entry.slug]) else None for entry in entries}
    missing = [entry for entry in entries if found[entry.slug] is None]
    if missing:
        made = in_order(_segment, _Segmenting(content, words_of), missing, jobs)
        for entry, words in zip(missing, made, strict=True):
            key = keys[entry.slug]
            found[entry.slug] = memo.put("words", key, words) if key else words
    return {slug: words for slug, words in found.items() if words is not None}


def _segment(shared: _Segmenting, entry: ReportContent) -> Words:
    return content_words(entry.report, shared.content.genre.frequency, shared.segment)


def in_each_script(content: SiteContent, variants: tuple[VariantContent, ...],
                   comparisons: tuple[Comparison, ...],
                   memo: Memo | None = None) -> tuple[VariantContent, ...]:
    """Each variant with the comparisons in its script: each report's words by its own conversion
    (its glossary before the site's); kept in ``memo`` under the comparison and what its two
    conversions are made of (converter_for's inputs: the variant, each report's glossary entries
    for it, the genre's context)."""
    if not comparisons:
        return variants
    entries = {entry.slug: entry for entry in content.reports}
    memo = memo or Memo()
    digests = Digests()

    def in_script(code: str) -> tuple[Comparison, ...]:
        owns: dict[str, Convert] = {}
        variant = next(v for v in content.site.variants if v.code == code)
        own_configuration = variant.opencc is not None and os.path.isabs(variant.opencc)

        def own(slug: str) -> Convert:
            if slug not in owns:
                owns[slug] = converter_for(content, code, content.glossary_for(entries[slug]))
            return owns[slug]

        def glossary(slug: str) -> tuple[GlossaryEntry, ...]:
            return tuple(e for e in content.glossary_for(entries[slug]) if e.applies_to(code))

        def converted(c: Comparison) -> Comparison:
            inputs = digests.of(c, variant.opencc, variant.quotes, glossary(c.report), glossary(c.earlier),
                                content.genre.context)
            if inputs is None or program() is None or own_configuration:  # its files are not named here
                return convert_comparison(c, own(c.report), own(c.earlier))
            return memo.get("comparison-script", digest(program(), code, inputs),
                            lambda: convert_comparison(c, own(c.report), own(c.earlier)))

        return tuple(converted(c) for c in comparisons)

    return tuple(replace(variant, comparisons=in_script(variant.variant.code)) for variant in variants)
