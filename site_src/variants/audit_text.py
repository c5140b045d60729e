"""The conversion audit as text for a person (``audit``): per variant, the counts and what to
review, each where it is written; every difference and every choice with --verbose; and, for the
whole site, a closing summary. The audit itself is audit.py's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from site_src.config import SiteConfig
from site_src.errors import Location
from site_src.variants.audit import CLASSES, VariantAudit

_CLASS_NAMES = {"corrected": "error in the source corrected", "accepted": "both forms accepted",
                "unsure": "differs where only a character default decided: to review",
                "glyph": "glyph-standard difference only",
                "glossary": "glossary override, context rule or pin", "other": "other"}
_SHORT_NAMES = {"unsure": "to review", "other": "other", "corrected": "errors in the source corrected",
                "accepted": "both forms accepted", "glyph": "glyph-standard only",
                "glossary": "by the glossary, a context rule or a pin"}
_TO_READ = ("unsure", "other")  # the differences a person reads without --verbose


def format_audit(audits: tuple[VariantAudit, ...], site: SiteConfig,
                 locations: Mapping[str, Location] | None = None, verbose: bool = False) -> str:
    """The audit as plain text for the terminal: counts, the differences to review (every
    difference, and every choice, if ``verbose``), each where its first paragraph is written."""
    labels = {variant.code: variant.label for variant in site.variants}
    lines: list[str] = []
    for audit in audits:
        lines.append(f"== {audit.code} {labels.get(audit.code, '')} (OpenCC {audit.config})")
        if audit.compared:
            counts = audit.counts()
            lines.append("differences from the source's own Traditional text (paragraphs): " + ", ".join(
                f"{_CLASS_NAMES[kind]} {count}" for kind, count in counts.items())
                + f"; total {sum(counts.values())}")
            for difference in audit.differences:
                if verbose or difference.kind in _TO_READ:
                    lines.append(f"  {difference.kind:9} {difference.phrase}: source {difference.source} "
                                 f"-> ours {difference.ours}  {_where(difference.paragraphs, locations)}")
        else:
            lines.append("not compared: the source is not Traditional text (the import kept no "
                         "original text to compare with)")
        by = Counter(choice.by for choice in audit.choices)
        lines.append(f"phrases with a character that has several Traditional forms: {len(audit.choices)}"
                     + (f" ({', '.join(f'{n} by {name}' for name, n in by.most_common())})" if by else ""))
        for choice in audit.choices if verbose else ():
            candidates = "; ".join(f"{char}: {' '.join(forms)}" for char, forms in choice.candidates)
            lines.append(f"  {choice.phrase} -> {choice.chosen}  by {choice.by}  ({candidates})  "
                         f"x{len(choice.paragraphs)} [{' '.join(choice.paragraphs[:6])}"
                         f"{' …' if len(choice.paragraphs) > 6 else ''}]")
    return "\n".join(lines)


def _where(paragraphs: tuple[str, ...], locations: Mapping[str, Location] | None) -> str:
    """The first paragraph's file and line (its id where the report was not read from files),
    with the ids of the others."""
    first = locations.get(paragraphs[0]) if locations else None
    more = f" (and {' '.join(paragraphs[1:])})" if len(paragraphs) > 1 else ""
    return f"{first.file}:{first.line}{more}" if first is not None else f"[{' '.join(paragraphs)}]"


@dataclass(frozen=True)
class AuditTotals:
    """What an audit of a whole site found, for its closing summary: by variant, the differences
    (paragraphs, by class) and the phrases decided; the proofs' items; the reports not compared."""

    reports: int = 0
    differences: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    choices: tuple[tuple[str, int], ...] = ()
    proofs: tuple[tuple[str, int], ...] = ()
    not_compared: int = 0

    def with_audits(self, audits: tuple[VariantAudit, ...]) -> AuditTotals:
        differences = {code: Counter(dict(counts)) for code, counts in self.differences}
        choices = Counter(dict(self.choices))
        for audit in audits:
            differences.setdefault(audit.code, Counter()).update(audit.counts())
            choices[audit.code] += len(audit.choices)
        return replace(self, reports=self.reports + 1,
                       differences=tuple((code, tuple(n.items())) for code, n in differences.items()),
                       choices=tuple(choices.items()),
                       not_compared=self.not_compared + (0 if all(a.compared for a in audits) else 1))

    def with_proofs(self, queues: Iterable[tuple[str, tuple[object, ...]]]) -> AuditTotals:
        found = Counter(dict(self.proofs))
        for code, items in queues:
            found[code] += len(items)
        return replace(self, reports=self.reports + 1, proofs=tuple(found.items()))

    def summary(self, program: str, proofs: bool = False, verbose: bool = False) -> str:
        """The closing lines: the totals, and where to look next."""
        reports = f"{self.reports} report" + ("" if self.reports == 1 else "s")
        if proofs:
            said = ", ".join(f"{code}: {n}" for code, n in self.proofs) or "no converted variant"
            return (f"summary: {reports}, conversions to proofread: {said} (each settled by a pin in its "
                    "text or an entry of a glossary; the likeliest first)")
        lines = []
        for code, counts in self.differences:
            by_kind = dict(counts)
            said = ", ".join(f"{by_kind[kind]} {_SHORT_NAMES[kind]}" for kind in (*_TO_READ, *(
                kind for kind in CLASSES if kind not in _TO_READ)) if by_kind.get(kind))
            compared = (f"differences from the source's own Traditional text (paragraphs): {said or 'none'}"
                        if self.not_compared < self.reports else "no source was Traditional text to compare")
            lines.append(f"summary: {reports}, {code}: {compared}; {dict(self.choices).get(code, 0)} phrases "
                         "with a character that has several Traditional forms")
        if 0 < self.not_compared < self.reports:
            lines.append(f"  {self.not_compared} of {reports} not compared: their source is not "
                         "Traditional text")
        if not verbose:
            lines.append(f"  {program} audit --verbose lists every difference and every choice; "
                         f"{program} audit --proofs what to proofread")
        return "\n".join(lines or [f"summary: {reports}, no converted variant"])
