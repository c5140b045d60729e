"""The site in each variant's script: what makes each variant from the source (checked first), each
report converted with its own glossary before the site's, and everything a variant renders.

Conversion is a pure tree map (convert.py: convert_value) done before the site is planned, so
neither the plan nor the templates know which script they render.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace

from site_src.config import SiteConfig
from site_src.content.site import ReportContent, SiteContent, first_of
from site_src.errors import Problem, SiteError
from site_src.model import GlossaryEntry
from site_src.site.variant import GlossaryGroup, ReportVariant, VariantContent
from site_src.summaries.figures.chart import chart_bars
from site_src.summaries.figures.track import Track, TrackYear
from site_src.summaries.report import Summaries
from site_src.summaries.slogan_page import convert_summary
from site_src.variants.audit import VariantAudit
from site_src.variants.convert import Convert, convert_value, make_converter
from site_src.variants.interface import ui_for
from site_src.variants.proofs import ProofItem
from site_src.variants.punctuation import with_quotes

Proofs = tuple[tuple[str, tuple[ProofItem, ...]], ...]  # (variant code, items) of each converted one


def check_configurations(site: SiteConfig) -> None:
    """Every OpenCC configuration of the site's own takes text, before anything is converted:
    what OpenCC refuses is an error at the line of site.yaml that names it. (OpenCC's own
    configurations, named, always do.)"""
    problems = []
    for variant in site.variants:
        if variant.opencc is None or not os.path.isabs(variant.opencc):
            continue
        try:
            make_converter(variant.opencc)("测试")
        except Exception as error:  # the binding raises bare RuntimeError/ValueError
            problems.append(Problem(variant.where, f"OpenCC cannot use the configuration {variant.opencc}: "
                                                   f"{error}"))
    if problems:
        raise SiteError(problems)


def converter_for(content: SiteContent, code: str, glossary: tuple[GlossaryEntry, ...]) -> Convert:
    """One variant's conversion with a glossary's entries for it, quotation marks as it writes them."""
    variant = next(v for v in content.site.variants if v.code == code)
    chosen = tuple(e for e in glossary if e.applies_to(code))
    return with_quotes(make_converter(variant.opencc, chosen, content.genre.context), variant.quotes)


def report_variant(content: SiteContent, entry: ReportContent, summary: Summaries,
                   audits: tuple[VariantAudit, ...], proofs: Proofs, code: str,
                   own: Convert | None = None) -> ReportVariant:
    """One report in one variant's script (its own glossary before the site's); ``own``: that
    conversion (report_converter's) as the caller keeps it, if it does."""
    own = own or report_converter(content, entry, code)
    return ReportVariant(
        slug=entry.slug,
        report=convert_value(entry.report, own),
        industries=convert_value(summary.industries, own),
        figures=convert_value(summary.figures, own),
        chart=chart_bars(summary.figures.figures, own),
        slogans=convert_summary(summary.slogans, own),
        audits=audits,
        proofs=proofs,
    )


def report_converter(content: SiteContent, entry: ReportContent, code: str) -> Convert:
    """The conversion of a report's own strings into one variant: its glossary, then the site's."""
    return converter_for(content, code, content.glossary_for(entry))


def site_converter(content: SiteContent, code: str) -> Convert:
    """The conversion of the site's own strings into one variant: the site's glossary, then the genre's."""
    return converter_for(content, code, first_of(content.glossary, content.genre.glossary))


def convert_site(content: SiteContent, reports: Mapping[str, tuple[ReportVariant, ...]],
                 yearly: tuple[Track, ...] = (), conversions: Mapping[str, Convert] | None = None
                 ) -> tuple[VariantContent, ...]:
    """Each variant's content, every reader-visible string in its script (``reports``: each
    report in every variant, by slug, in the order of the site's variants; ``conversions``: the
    site's own conversion into each variant by code, site_converter's by default)."""
    return tuple(convert_variant(content, tuple(reports[entry.slug][n] for entry in content.reports),
                                 variant.code, yearly, (conversions or {}).get(variant.code))
                 for n, variant in enumerate(content.site.variants))


def convert_variant(content: SiteContent, reports: tuple[ReportVariant, ...], code: str,
                    yearly: tuple[Track, ...] = (), convert: Convert | None = None) -> VariantContent:
    """One variant's content (``reports``: the site's, already in its script; ``convert``: the
    site's own conversion into it, site_converter's by default)."""
    convert = convert or site_converter(content, code)
    position = next(n for n, v in enumerate(content.site.variants) if v.code == code)
    return VariantContent(
        variant=content.site.variants[position],
        variants=content.site.variants,
        site=convert_value(content.site, convert),
        pages=convert_value(content.pages, convert),
        ui=ui_for(content.ui, content.genre, content.site.ui, content.site.variants[position], convert),
        labels={other.code: other.label for other in content.site.variants},
        glossaries=convert_value(_glossaries(content), convert),
        reports=reports,
        governments=convert_value(content.governments, convert),
        tracks=_tracks(content, code, convert, yearly),
    )


def _tracks(content: SiteContent, code: str, convert: Convert,
            yearly: tuple[Track, ...]) -> tuple[Track, ...]:
    """Each side of each year in the script of its own report (its glossary first)."""
    owns: dict[str, Convert] = {}

    def own(slug: str) -> Convert:
        if slug not in owns:
            entry = next(entry for entry in content.reports if entry.slug == slug)
            owns[slug] = converter_for(content, code, content.glossary_for(entry))
        return owns[slug]

    def track_year(year: TrackYear) -> TrackYear:
        target, result = own(year.target_report), own(year.result_report)
        figures = tuple(replace(convert_value(figure, target), result=convert_value(figure.result, result),
                                related=convert_value(figure.related, result)) for figure in year.figures)
        return replace(year, target_title=target(year.target_title), result_title=result(year.result_title),
                       figures=figures)

    return tuple(replace(track, place=convert(track.place), years=tuple(map(track_year, track.years)))
                 for track in yearly)


def _glossaries(content: SiteContent) -> tuple[GlossaryGroup, ...]:
    """What the about page lists: the site's glossary, each report's own, the genre's entries used."""
    ui = content.ui
    groups = [GlossaryGroup(ui["glossary"], content.glossary)]
    groups += [GlossaryGroup(ui["report_glossary"].format(report=entry.report.full_title), entry.glossary,
                             entry.slug) for entry in content.reports]
    groups.append(GlossaryGroup(ui["genre_glossary"], content.genre_entries_used()))
    return tuple(group for group in groups if group.entries)
