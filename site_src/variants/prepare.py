"""Each report prepared for the site: its summaries, the audit of its conversion, its proofs (where
the site asks for them) and its text in each variant's script.

A report's preparation needs no other report, so it is made on every core, and it is a pure
function of the report's folder, the site's settings and glossaries, the genre and this program,
so it is kept (output/memo.py: report_keys) and made again only when one of them changed. Made
again, it keeps what it can of the last one: each text's audit and its conversion into each
variant, by the text (a report with one paragraph edited converts and audits that paragraph: the
converter, the segmenter among it, starts only for a text not converted before).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path

from site_src.content.site import GLOSSARY, ReportContent, SiteContent
from site_src.errors import Location
from site_src.output.fingerprint import digest, folder_digest, program
from site_src.output.memo import Memo, program_key, report_keys
from site_src.output.parallel import in_order
from site_src.progress import Progress
from site_src.project import PAGES, REPORTS, Project
from site_src.site.variant import ReportVariant, VariantContent
from site_src.summaries.figures.track import Track, tracks
from site_src.summaries.report import Summaries, summarise_report
from site_src.variants.audit import Dictionaries, VariantAudit, audit, audited, load_dictionaries
from site_src.variants.convert import conversion
from site_src.variants.kept import KeptConversion
from site_src.variants.proofs import proof_queue
from site_src.variants.site import Proofs, convert_site, report_converter, report_variant, site_converter


@dataclass(frozen=True)
class PreparedReport:
    """What a build makes of one report before the site is planned."""

    summaries: Summaries
    audits: tuple[VariantAudit, ...]
    variants: tuple[ReportVariant, ...]  # in the order of the site's variants


@dataclass(frozen=True)
class _Preparing:
    """What every report's preparation shares (a worker process starts with it in memory)."""

    project: Project
    content: SiteContent
    dictionaries: Dictionaries
    proofs: bool  # the site asks for its proofs (site.yaml: proofs: true)
    memo: Memo  # for each text's audit (a worker reads and writes its disk folder)
    site: str | None  # the digest of the site's settings, glossaries and genre (None: unnamed)


def prepare_reports(project: Project, content: SiteContent, memo: Memo, jobs: int,
                    progress: Progress | None = None) -> dict[str, PreparedReport]:
    """Each report prepared, by slug: kept results where their inputs are the same, the rest made
    on every core (each counted on ``progress`` as it is done)."""
    keys = report_keys(project.content, {entry.slug: entry.folder for entry in content.reports})
    found = {slug: memo.peek("report", key) if key else None for slug, key in keys.items()}
    missing = [entry for entry in content.reports if found[entry.slug] is None]
    if missing:
        site = folder_digest(project.content, frozenset({REPORTS, PAGES}))
        shared = _Preparing(project, content, dictionaries(memo), content.site.proofs, memo, site)
        made_each = in_order(_prepare, shared, missing, jobs)
        if progress is not None:
            made_each = progress.counted(made_each, len(missing), "preparing", "reports")
        for entry, made in zip(missing, made_each, strict=True):
            key = keys[entry.slug]
            found[entry.slug] = memo.put("report", key, made) if key else made
    return {slug: report for slug, report in found.items() if report is not None}


def dictionaries(memo: Memo) -> Dictionaries:
    """OpenCC's dictionaries (for the audit, the proofs and the search's folding), read once per
    OpenCC version."""
    return memo.get("dictionaries", program_key(), load_dictionaries, program=True)


def _prepare(shared: _Preparing, entry: ReportContent) -> PreparedReport:
    content = shared.content
    summaries = summarise_report(entry.report, entry.industries, entry.slogans, content.genre)
    key = _audits_key(shared.site, entry)
    audits = audit_report(content, entry, shared.dictionaries, shared.memo, key)
    proofs: Proofs = ()
    if shared.proofs:
        # Named from the content folder: the same result wherever the site is (it is kept).
        located = {key: replace(where, file=Path(where.file).relative_to(shared.project.content).as_posix())
                   for key, where in entry.locations.items()}
        proofs = proofs_report(content, entry, shared.dictionaries, located)
    variants = []
    for variant in content.site.variants:
        own = functools.partial(report_converter, content, entry, variant.code)
        kept = digest(key, variant.code) if key and variant.opencc else None  # an unconverted one: as is
        if kept is None:
            variants.append(report_variant(content, entry, summaries, audits, proofs, variant.code))
            continue
        conversion = KeptConversion(own, shared.memo.peek("report-converted", kept) or {})
        variants.append(report_variant(content, entry, summaries, audits, proofs, variant.code, conversion))
        if conversion.started:
            shared.memo.put("report-converted", kept, conversion.made)
    return PreparedReport(summaries, audits, tuple(variants))


def audit_report(content: SiteContent, entry: ReportContent, dictionaries: Dictionaries | None = None,
                 memo: Memo | None = None, key: str | None = None) -> tuple[VariantAudit, ...]:
    """The conversion audit of every converted variant, against the source's own text if kept.

    Given a memo and a ``key`` naming all that decides the audit of a text but the text itself
    (see _audits_key), each text is audited once: a report with one paragraph edited audits that
    paragraph, the rest as the last build found them (what the report no longer holds is dropped)."""
    converted = tuple((v.code, v.opencc, v.quotes) for v in content.site.variants if v.opencc)
    if memo is None or key is None:
        return audit(entry.report, converted, content.glossary_for(entry), dictionaries,
                     content.genre.accepted, content.genre.context)
    found = []
    for code, config, quotes in converted:
        kept = memo.peek("audit", digest(key, code)) or {}
        made, texts = audited(entry.report, code, config, content.glossary_for(entry),
                              dictionaries or load_dictionaries(), quotes, content.genre.accepted,
                              content.genre.context, kept)
        if texts != kept:
            memo.put("audit", digest(key, code), texts)
        found.append(made)
    return tuple(found)


def _audits_key(site: str | None, entry: ReportContent) -> str | None:
    """What decides a text's audit and its conversion in a report, but the text and the variant:
    this program (OpenCC's dictionaries, the shipped genre), the site's settings (each variant's
    configuration and quotation marks), glossaries and genre (accepted words, context rules) and
    the report's own glossary."""
    own = entry.folder / GLOSSARY
    try:
        glossary = own.read_bytes() if own.is_file() else None
    except OSError:
        return None
    return digest(program(), site, glossary) if site else None


def proofs_report(content: SiteContent, entry: ReportContent, dictionaries: Dictionaries,
                  locations: dict[str, Location] | None = None) -> Proofs:
    """The proofs of every converted variant of a report: the conversions a person should check."""
    queues = []
    for variant in content.site.variants:
        if variant.opencc is None:
            continue
        glossary = tuple(e for e in content.glossary_for(entry) if e.applies_to(variant.code))
        converter = conversion(variant.opencc, glossary, content.genre.context)
        queues.append((variant.code, proof_queue(entry.report, converter, variant.quotes, dictionaries,
                                                 content.genre.proofs, locations)))
    return tuple(queues)


def year_on_year(content: SiteContent, reports: dict[str, PreparedReport]) -> tuple[Track, ...]:
    """Each government's targets against the results its next report in the site gives, found across
    the wordings of the genre's indicator vocabulary (summaries/figures/track.py)."""
    return tracks(((entry.slug, entry.report, reports[entry.slug].summaries.figures)
                   for entry in content.reports), content.genre.figures, content.genre.indicators)


def in_each_variant(project: Project, content: SiteContent, reports: dict[str, PreparedReport],
                    yearly: tuple[Track, ...], memo: Memo) -> tuple[VariantContent, ...]:
    """Everything each variant renders, in its script: the site's own strings as the last build
    converted them where they are the same (kept.py), the converter started only for a new one."""
    site = folder_digest(project.content, frozenset({REPORTS, PAGES}))  # settings, glossaries, genre
    keys = {v.code: digest(program(), site, v.code) if site else None for v in content.site.variants}
    conversions = {code: KeptConversion(functools.partial(site_converter, content, code),
                                        (memo.peek("converted", key) if key else None) or {})
                   for code, key in keys.items()}
    converted = convert_site(content, {slug: report.variants for slug, report in reports.items()}, yearly,
                             conversions)
    for code, kept in conversions.items():
        key = keys[code]
        if key is not None and kept.started:
            memo.put("converted", key, kept.made)
    return converted
