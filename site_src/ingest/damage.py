"""Characters the source lost: ?? ???? (a page that could not show a character) and U+FFFD runs.

Each damaged span is found where the report's lines are (not in the page around it), with its
line and column. Without a person's decision the import stops on them (one located line each);
a person repairs a span or confirms its loss in errata.yaml, which the import drafts for them;
with ``keep_losses`` the import goes on, each lost span marked (the genre's loss mark, one per
lost character: a page writes ?? for one) and recorded, so that nothing is silent.
"""

from __future__ import annotations

import re

from site_src.ingest.errata import Span
from site_src.model import Loss

# A run of two or more ?, or a ? that touches a character outside ASCII (a lone ? in English text
# is punctuation), or a run of the replacement character.
LOSS = re.compile(r"\?{2,}|\?(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\?|\ufffd+")
_CONTEXT = 4  # characters quoted on either side of a span, so that an erratum finds it


def marks_for(damage: str, mark: str) -> str:
    """The loss marks for a damaged run: one per character lost (?? stands for one)."""
    if damage.startswith("?"):
        return mark * ((len(damage) + 1) // 2)
    return mark * len(damage)


def find_spans(number: int, text: str) -> list[Span]:
    """The damaged spans of one line, with their columns and the text around them."""
    return [Span(number, match.start() + 1,
                 text[max(match.start() - _CONTEXT, 0): match.end() + _CONTEXT].strip(), match.group())
            for match in LOSS.finditer(text)]


def mark_losses(number: int, text: str, mark: str, reason: str) -> tuple[str, list[Loss]]:
    """The line with each damaged run marked, and a record of each."""
    losses = []

    def marked(match: re.Match[str]) -> str:
        losses.append(Loss(number, match.group(), marks_for(match.group(), mark), reason, match.start() + 1))
        return losses[-1].mark

    return LOSS.sub(marked, text), losses
