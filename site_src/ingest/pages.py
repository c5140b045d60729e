"""The printed page inside the text: a report run together, a PDF's lines, page breaks.

Before the lines are read (``flatten``):
- literal-breaks: a collector stored the line breaks as the four characters \\r\\n: they are
  line breaks.
- pdf-spaces: a PDF's text run into one line, its line breaks turned into ASCII spaces: each
  space breaks a printed line (a page number between spaces, — 3 —, is a line of its own).
- run-together: paragraphs run into one long line with nothing between them: split before a
  heading's number, an address to the congress or a —— that follows a sentence's end.
Each rule records how often it split; the lines it gives are numbered in order, and a report's
line numbers are then those of the lines so split (the text as found stays in source.txt).

After the page furniture is gone (``join_pages``):
- page-join: a line holding only zero-width characters marks where a page was joined; the
  paragraph goes on across it unless the next line starts one (it is indented, where the report
  indents its paragraphs, and the line before ended a sentence).
- page-turn: a newspaper continues a paragraph on another page: （下转第3版） ends one piece,
  （上接第1版） starts the next; the marks go (recorded) and the pieces are one paragraph.
- pdf-line: a PDF's printed lines (most about one width, most not ending a sentence): a
  paragraph ends at a line that ends a sentence short of the full width, or at a heading.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from site_src.ingest.numbering import Numbering, numbering_of
from site_src.model import Fix, Flattening, Join
from site_src.words import Words

_LITERAL_BREAK = "\\r\\n"
_LONG_LINE = 2000  # characters: a line this long is a report run together …
_FEW_LINES = 5  # … where the text has no more lines than these, and the long lines hold most of it
_SPACES_PER = 80  # characters per ASCII space, at most, in a PDF's text run together
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) (?=[0-9A-Za-z])"
                        r"|(?<=[0-9A-Za-z%.]) (?=[^\x00-\x7f])")
_PAGE_NUMBER = re.compile(r"(?:^| )[—–－-]+ ?\d{1,3} ?[—–－-]*(?= |$)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[0-9A-Za-z%.．,，+\-/]+")  # a run of Latin letters and digits a PDF set apart
_SENTENCE_END = ("。", "！", "？", "：", "…", "!", "?", ":")
_QUOTED_END = ("。”", "！”", "？”", "。’")  # a closing quote ends a sentence after its stop only
FLATTEN_REASONS = {
    "literal-breaks": "换行被存成了字面的 \\r\\n 四个字符：按换行拆开",
    "pdf-spaces": "PDF 的文字连成一行，换行变成了空格：按空格拆成印刷行（页码单独成行）",
    "run-together": "全文连成一行：在句末之后的标题序号、“各位代表”和“——”处分段",
}


@dataclass(frozen=True)
class Flattened:
    text: str
    records: tuple[Flattening, ...]


def flatten(text: str, words: Words, opens: re.Pattern[str]) -> Flattened:
    """The text with its lines back, where it was run together; ``opens`` matches what opens a
    paragraph (a heading's number, an address, ——) in a text run together without a break."""
    lines = text.split("\n")
    long = [line for line in lines if len(line) >= _LONG_LINE]
    written = [line for line in lines if line.strip()]
    if not long or len(written) > _FEW_LINES or sum(map(len, long)) * 5 < len(text) * 4:
        return Flattened(text, ())
    records = []
    if text.count(_LITERAL_BREAK) >= 3:
        count = text.count(_LITERAL_BREAK)
        records.append(Flattening("literal-breaks", count, FLATTEN_REASONS["literal-breaks"]))
        return Flattened(text.replace(_LITERAL_BREAK, "\n"), tuple(records))
    spaces = sum(len(_CJK_SPACE.findall(line)) for line in long)
    if spaces * _SPACES_PER >= sum(map(len, long)):
        pages = sum(len(_PAGE_NUMBER.findall(line)) for line in long)
        out = "\n".join(_printed_lines(line) if len(line) >= _LONG_LINE else line for line in lines)
        records.append(Flattening("pdf-spaces", spaces, FLATTEN_REASONS["pdf-spaces"] +
                                  (f"；页码 {pages} 处" if pages else "")))
        return Flattened(out, tuple(records))
    splits = 0
    out_lines = []
    for line in lines:
        if len(line) >= _LONG_LINE:
            pieces = [cut for piece in opens.split(line) for cut in _part_heading_off(piece, words)]
            splits += len(pieces) - 1
            line = "\n".join(pieces)
        out_lines.append(line)
    if splits:
        records.append(Flattening("run-together", splits, FLATTEN_REASONS["run-together"]))
    return Flattened("\n".join(out_lines), tuple(records))


_HEADING_WITHIN = 30  # characters: where a part heading run into its text ends


def _opens_with(words: Words, styles: tuple[str, ...]) -> re.Pattern[str]:
    """A line that opens with a number in one of the styles (the genre's, importer.yaml)."""
    return _opening(numbering_of(words.data.numbering), styles)


@cache
def _opening(numbering: Numbering, styles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(f"^(?:{numbering.marks_of(styles)})")


def _part_heading_off(piece: str, words: Words) -> list[str]:
    """一、某年工作回顾过去一年…: a part heading run into its text ends after the first of the genre's
    part words it holds (the longest of those that start there)."""
    if not _opens_with(words, ("dun", "part")).match(piece):
        return [piece]
    heads = [word for kind in ("review", "outlook", "plan", "government", "other")
             for word in words.part_words(kind).heading]
    found = [(piece.find(word), -len(word)) for word in heads if 0 <= piece.find(word) < _HEADING_WITHIN]
    if not found:
        return [piece]
    start, size = min(found)
    end = start - size
    rest = piece[end:]
    return [piece[:end], rest] if rest and rest[0] not in "，。、；：）”" else [piece]


def _printed_lines(line: str) -> str:
    """A PDF's text run into one line, back in its printed lines: a page number (— 3 —) on a line
    of its own, every other space between a Chinese character and another a line break."""
    out, last = [], 0
    for match in _PAGE_NUMBER.finditer(line):
        out.append(_CJK_SPACE.sub("\n", line[last: match.start()]))
        out.append(match.group().strip())
        last = match.end()
    out.append(_CJK_SPACE.sub("\n", line[last:]))
    return "\n".join(piece for piece in out if piece)


# --- joins across pages ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """A line as the page joins read it: its number, text, and whether the source indents it."""

    number: int
    text: str
    indented: bool


def _ends(text: str) -> bool:
    return text.endswith(_SENTENCE_END) or text.endswith(_QUOTED_END)


def width(text: str) -> float:
    """A printed line's width in characters (ASCII letters and digits take half)."""
    return sum(1 if unicodedata.east_asian_width(char) in "WFA" else 0.5 for char in text)


def printed_width(pieces: list[Piece]) -> float | None:
    """The width of a PDF's printed line, where the lines are a PDF's: most of one width, most of
    those not ending a sentence; None for the lines of a text whose lines are paragraphs."""
    if len(pieces) < 20:
        return None
    widths = Counter(round(width(piece.text)) for piece in pieces)
    common, _ = widths.most_common(1)[0]
    if common < 16:
        return None
    full = [piece for piece in pieces if abs(width(piece.text) - common) <= 1.5]
    ending = sum(1 for piece in full if _ends(piece.text))
    return float(common) if len(full) * 2 >= len(pieces) and ending * 4 < len(full) else None


def page_turns(words: Words) -> re.Pattern[str]:
    """（下转第3版）, （上接第1版）: a newspaper's marks where a paragraph goes on another page."""
    turns = "|".join(re.escape(word) for word in sorted(words.data.page_turns, key=len, reverse=True))
    return re.compile(rf"[（(](?:{turns})第?[0-9０-９一二三四五六七八九十]+版[）)]")


def join_pages(pieces: list[Piece], marks: set[int], words: Words, heading: re.Pattern[str]
               ) -> tuple[list[Piece], list[Join], list[Fix]]:
    """Paragraphs a page break cut in two, put back together; ``marks`` are the line numbers of
    removed page-join lines; ``heading`` matches a line that heads (it is never joined on)."""
    turn = page_turns(words)
    fixes: list[Fix] = []
    cleaned = []
    for piece in pieces:
        text = piece.text
        for found in turn.findall(text):
            fixes.append(Fix(piece.number, "page-turn", found, "", "报纸转版的标记（下转第N版、上接第N版）"))
        cleaned.append(Piece(piece.number, turn.sub("", text).strip(), piece.indented) if fixes and
                       fixes[-1].line == piece.number else piece)
    turned = {fix.line for fix in fixes}
    between = _marked_between(cleaned, marks)
    full = printed_width(cleaned)
    indents = sum(piece.indented for piece in cleaned) * 2 > len(cleaned)
    groups: list[list[Piece]] = []
    rules: list[str] = []
    for n, piece in enumerate(cleaned):
        rule = _goes_on(cleaned, n, between, turned, indents, full, heading, words) if groups else ""
        if rule:
            groups[-1].append(piece)
            rules[-1] = rules[-1] or rule
        else:
            groups.append([piece])
            rules.append("")
    joined, joins = [], []
    for group, rule in zip(groups, rules, strict=True):
        joined.append(Piece(group[0].number, "".join(piece.text for piece in group), group[0].indented))
        if len(group) > 1:
            ends = [piece.text for piece in group]
            ends[0], ends[-1] = ends[0][-12:], ends[-1][:12]
            joins.append(Join(tuple(piece.number for piece in group), tuple(ends), rule))
    return joined, joins, fixes


def _marked_between(pieces: list[Piece], marks: set[int]) -> set[int]:
    """The pieces (by index) a page-join mark stands right before (in one pass, both in order)."""
    ordered = sorted(marks)
    found, at = set(), 0
    for n, piece in enumerate(pieces):
        while at < len(ordered) and ordered[at] < piece.number:
            if n and ordered[at] > pieces[n - 1].number:
                found.add(n)
            at += 1
    return found


def _goes_on(pieces: list[Piece], n: int, between: set[int], turned: set[int], indents: bool,
             full: float | None, heading: re.Pattern[str], words: Words) -> str:
    """The rule by which piece n goes on the paragraph before it ('' for none)."""
    before, piece = pieces[n - 1], pieces[n]
    if words.addresses(piece.text) or _heading_line(before.text, heading, full):
        return ""
    if heading.match(piece.text) and (full is None or not _pdf_goes_on(pieces, n, full)
                                      or _opens_with(words, ("bracket", "dun", "part")).match(piece.text)):
        return ""  # a number opens a paragraph (a PDF's （一） 一、 always, 一是 after a line that ended one)
    ended = _ends(before.text)
    if before.number in turned and piece.number in turned:
        return "" if ended else "page-turn"
    if n in between:
        return "page-join" if not ended or (indents and not piece.indented) else ""
    if full is None:
        return ""
    if _LATIN.fullmatch(before.text):
        return "pdf-line"  # a number the PDF set apart with spaces: 2025 / 年是…
    return "pdf-line" if _pdf_goes_on(pieces, n, full) else ""


def _heading_line(text: str, heading: re.Pattern[str], full: float | None) -> bool:
    """A heading on a line of its own: numbered and holding no sentence; in a PDF's lines, any
    short line that ends no sentence (2025年工作回顾)."""
    short = full is None or width(text) < full - 3.5  # a first line that fills its width goes on
    if heading.match(text) and len(text) <= 40 and short and not any(stop in text for stop in "。！？；"):
        return True
    return (full is not None and width(text) < full - 3 and not _ends(text) and len(_CJK.findall(text)) >= 3
            and not _LATIN.fullmatch(text) and not any(mark in text for mark in "，、；：,"))


def _pdf_goes_on(pieces: list[Piece], n: int, full: float) -> bool:
    """A printed line goes on the one before unless that one ended a sentence short of the full
    width (a paragraph's first line is shorter by its indent)."""
    before = pieces[n - 1]
    if not _ends(before.text):
        return True
    first = n < 2 or _paragraph_ends(pieces[n - 2].text, full)
    return width(before.text) >= (full - 2 if first else full) - 1.5


def _paragraph_ends(text: str, full: float) -> bool:
    return _ends(text) and width(text) < full - 1.5
