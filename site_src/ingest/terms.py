"""An appended glossary (名词解释): numbered terms after the closing words, kept as data.

    名词解释
    1.“两重”：是指国家重大战略实施和重点领域安全能力建设。
    2.“两新”：是指大规模设备更新和消费品以旧换新。
"""

from __future__ import annotations

import re

from site_src.ingest.clean import SourceLine
from site_src.model import Doubt, Term

TERMS_LINE = re.compile(r"^(?:附[：:])?名词解释[：:]?$")
TERM = re.compile(r"^(\d{1,3})[.．、]\s*([^：:]{1,60}?)[：:]\s*(.+)$")


def parse_terms(heading: SourceLine, lines: list[SourceLine], doubts: list[Doubt]) -> tuple[Term, ...] | None:
    """The terms under ``heading``, in order; None when a line is no numbered term: the heading
    and the lines then stay paragraphs where they are, noted as a doubt.

    A number out of sequence is kept as it comes and noted as a doubt.
    """
    terms: list[Term] = []
    for line in lines:
        match = TERM.match(line.text)
        if not match:
            doubts.append(Doubt(heading.number, heading.text, f"a glossary heading, but line {line.number} "
                                "is no numbered term (1.词语：解释): kept as paragraphs of the closing"))
            return None
        number, term, explanation = match.groups()
        if int(number) != len(terms) + 1:
            doubts.append(Doubt(line.number, line.text, f"term {number} of the glossary, but "
                                f"{len(terms) + 1} was expected"))
        terms.append(Term(term.strip(), explanation))
    return tuple(terms) if terms else None
