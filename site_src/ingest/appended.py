"""What a report appends after its closing words: a glossary (名词解释), a notes list (注释, whose
numbers ［1］ stand in the text as note markers), other annexes (附件).

    名词解释                               注释
    1.“两重”：是指国家重大战略实施……         ［1］一降三减：
    3．10种有色金属：铜、铅、锌……             全年火灾起数总体下降……

Each heading opens a piece. A glossary or notes list becomes the report's terms, each entry with
its number and its colon as written, its explanation on its line or the lines after it. An annex,
or a list that is no list of entries, is kept as paragraphs (the appendix) — the items of an
annex (一、稳定和扩大就业 …) are no parts of the report. A glossary the source appends after its
annexes keeps its place: the report says which annex paragraph it follows (terms_after).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_src.ingest.clean import SENTENCE_END, SourceLine
from site_src.model import TERMS_HEADING, Doubt, Paragraph, Term
from site_src.words import Words

# 1. 3． 1、 ［1］ [1] 〔1〕 【1】 （1） ①: the number an entry of a list opens with.
ENTRY = re.compile(r"^((\d{1,3})[.．、]|[［\[〔【（(](\d{1,3})[］\]〕】）)]|([\u2460-\u2473]))\s*(.*)$")
_TERM = re.compile(r"^([^：:]{1,60}?)([：:])\s*(.*)$")


@dataclass(frozen=True)
class Appended:
    terms: tuple[Term, ...]
    terms_heading: str
    appendix: tuple[Paragraph, ...]
    terms_after: str = ""  # the appendix paragraph the glossary follows, where it comes after annexes


def appended_start(lines: list[SourceLine], start: int, words: Words) -> int:
    """The index of the first appended heading at or after ``start`` (len(lines) for none)."""
    return next((i for i in range(start, len(lines)) if words.appended(lines[i].text)), len(lines))


Entries = tuple[list[Term], list[tuple[SourceLine, int]]]


def read_entries(lines: list[SourceLine]) -> Entries | SourceLine | None:
    """The numbered entries of a list; else the line that is no entry nor the rest of one (None
    when the list is empty or its last entry has no explanation). Numbers out of sequence come
    with the number expected."""
    terms: list[Term] = []
    wrong: list[tuple[SourceLine, int]] = []
    for line in lines:
        match = ENTRY.match(line.text)
        if match is None:
            if not terms or terms[-1].explanation.endswith(SENTENCE_END):
                return line
            last = terms[-1]  # the explanation starts (or goes on) on this line
            terms[-1] = Term(last.term, last.explanation + line.text, last.mark, last.colon)
            continue
        mark = match.group(1)
        number = int(match.group(2) or match.group(3)) if not match.group(4) else ord(match.group(4)) - 0x245F
        if terms and not terms[-1].explanation:
            return line
        if number != len(terms) + 1:
            wrong.append((line, len(terms) + 1))
        if mark == f"{len(terms) + 1}.":
            mark = ""  # the standard number: N.
        term = _TERM.match(match.group(5))
        if term:
            terms.append(Term(term.group(1).strip(), term.group(3), mark, term.group(2)))
        else:
            terms.append(Term(match.group(5), "", mark, ""))
    if not terms or not terms[-1].explanation or any(not t.term for t in terms):
        return None
    return terms, wrong


def read_appended(lines: list[SourceLine], words: Words, doubts: list[Doubt]) -> Appended:
    """The pieces after the closing words, each opened by its heading line (the first line)."""
    heads = [i for i, line in enumerate(lines) if words.appended(line.text)]
    terms: tuple[Term, ...] = ()
    heading = TERMS_HEADING
    after = 0  # how many lines of the appendix come before the glossary
    appendix: list[SourceLine] = []
    pieces = [lines[a:b] for a, b in zip(heads, [*heads[1:], len(lines)], strict=False)]
    for n, piece in enumerate(pieces):
        kind = words.appended(piece[0].text)
        above = ""  # 附件 on a line of its own over 名词解释: one heading of two lines
        if n and len(pieces[n - 1]) == 1 and words.appended(pieces[n - 1][0].text) == "appendix" \
                and appendix and appendix[-1] is pieces[n - 1][0]:
            above = appendix[-1].text
        if kind == "appendix":  # an annex that is a numbered list of terms is a glossary
            entries = read_entries(piece[1:])
            kind = "glossary" if isinstance(entries, tuple) else kind
        entries = read_entries(piece[1:]) if kind in ("glossary", "notes") else None
        if isinstance(entries, tuple) and not terms:  # after annexes too: kept where the source has it
            found, wrong = entries
            terms, heading = tuple(found), f"{above} {piece[0].text}" if above else piece[0].text
            if above:
                appendix.pop()
            after = len(appendix)
            doubts.extend(Doubt(line.number, line.text, f"entry {ENTRY.match(line.text).group(1)} "  # type: ignore[union-attr]
                                f"of the list, but {expected} was expected") for line, expected in wrong)
            continue
        if kind in ("glossary", "notes"):
            why = (f"line {entries.number} is no numbered term (1.词语：解释)"
                   if isinstance(entries, SourceLine) else "no numbered terms under it" if entries is None
                   else "a second list")
            doubts.append(Doubt(piece[0].number, piece[0].text, f"a {kind} heading, but {why}: "
                                "kept as paragraphs of the appendix"))
        appendix.extend(piece)
    return Appended(terms, heading, tuple(Paragraph(id=f"appendix-{n}", text=line.text, kind="appendix")
                                          for n, line in enumerate(appendix, start=1)),
                    f"appendix-{after}" if after else "")
