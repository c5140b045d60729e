"""What one variant renders: the content, its summaries and audits, all in the variant's script."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_src.config import SiteConfig, Variant
from site_src.content.archive import Government
from site_src.content.pages import EditorialPage
from site_src.model import VERBATIM, GlossaryEntry, Report
from site_src.summaries.compare import Comparison
from site_src.summaries.figures.chart import ChartBar
from site_src.summaries.figures.match import KeyFigures
from site_src.summaries.figures.track import Track
from site_src.summaries.industries import IndustrySummary
from site_src.summaries.slogan_page import SloganSummary
from site_src.variants.audit import VariantAudit
from site_src.variants.proofs import ProofItem


@dataclass(frozen=True)
class ReportVariant:
    """One report of the site, in one variant's script, with its summaries and audit."""

    slug: str  # its folder under content/reports/, "" for the lone report of a one-report site
    report: Report
    industries: IndustrySummary | None
    figures: KeyFigures
    chart: tuple[ChartBar, ...]
    slogans: SloganSummary
    audits: tuple[VariantAudit, ...]  # the conversion audit of each converted variant
    # The proofs of each converted variant (code, items), where the site asks for them.
    proofs: tuple[tuple[str, tuple[ProofItem, ...]], ...] = field(default=(), metadata=VERBATIM)


@dataclass(frozen=True)
class GlossaryGroup:
    """One glossary as the about page lists it: the site's, a report's, the genre's entries used."""

    title: str
    entries: tuple[GlossaryEntry, ...]
    report: str | None = None  # the slug of the report whose own glossary it is


@dataclass(frozen=True)
class VariantContent:
    """Everything one variant renders, already in its script."""

    variant: Variant
    variants: tuple[Variant, ...]  # every variant of the site, for the switcher
    site: SiteConfig
    pages: tuple[EditorialPage, ...]
    ui: dict[str, str]
    labels: dict[str, str]  # variant code -> its label, in its own script
    glossaries: tuple[GlossaryGroup, ...]  # every glossary that converts the site, reasons in this script
    reports: tuple[ReportVariant, ...]
    governments: tuple[Government, ...]  # the governments the reports are of, in the order read
    tracks: tuple[Track, ...] = ()  # targets against results, year on year, per government
    # Each report against the earlier report of its government: what is new in its wording, the
    # words it uses most (years.py).
    comparisons: tuple[Comparison, ...] = ()
