"""Cleaning the scraped text: encoding, errata, page furniture, mojibake, pinyin annotations,
lines broken mid-sentence, punctuation, script.

Every change is recorded with its source line, so the site can show what was done.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from site_src.errors import Location, Problem, SiteError, capped
from site_src.ingest.characters import PAGE_JOIN, repair_line
from site_src.ingest.damage import find_spans, mark_losses
from site_src.ingest.encoding import decode
from site_src.ingest.errata import Erratum, Span
from site_src.ingest.furniture import Line, find_furniture, rules_for
from site_src.ingest.hostile import raw_text_problems
from site_src.ingest.numbering import numbering_of
from site_src.ingest.pages import Piece, flatten, join_pages
from site_src.ingest.tables import table_lines
from site_src.ingest.words import shipped_words
from site_src.model import Annotation, Count, Fix, Flattening, Join, Loss, Removal, Repair
from site_src.variants.convert import make_converter
from site_src.words import PART_HEADING, Words

# A pinyin syllable with an optional tone mark; the scrape writes it after its character: 業(yè).
_VOWEL = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN = re.compile(rf"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[{_VOWEL}]+(?:ng|n|r)?")
ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff])\(([a-z{_VOWEL}]+)\s*\)")

CJK = r"\u3400-\u9fff\uf900-\ufaff"
# Chinese context: a CJK character or Chinese punctuation on the side that matters.
_CN_LEFT = rf"[{CJK}“”‘’《》、。！？：；，）]"
_CN_RIGHT = rf"[{CJK}“”‘’《》（]"
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}

# Mojibake: a "?" touching a non-ASCII character, the replacement character, or a stray tag.
MOJIBAKE = re.compile(r"[^\x00-\x7f]\?+|\?+[^\x00-\x7f]|\ufffd|</?[a-zA-Z][^<>]*>|/[a-z]+>")
_DEBRIS = re.compile(r"</?[a-zA-Z][^<>]*>|/[a-z]+>")  # a stray tag: no loss to mark, text to repair
_MARKUP = re.compile(r"(?:\s*</?[a-zA-Z][^<>]*>)+\s*")  # whole tags only (…?/span> is damage)

SENTENCE_END = ("。", "！", "!", "？", "?", "”", "…")
_PART_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
# A line the scrape broke off: the next one goes on with the sentence when it is a fragment (a
# subscript, a linked word: 2.5, 揭榜) or starts with the punctuation that closes the sentence.
_FRAGMENT_LENGTH = 4
_CONTINUES = tuple("）)”’】》」』；;，,。.、：:！!？?")
_BROKEN_OFF_NOT = (*SENTENCE_END, "：", ":", "；", ";")
_OPENS = tuple("《“‘（(【「『")  # a line that stops at one of these goes on on the next
_LINK_TEXT = 15  # the most a linked phrase a page broke out onto a line of its own holds
_PUNCTUATION = re.compile(r"[。！？；：，、,.!?;:（）()“”「」《》]")
_NUMERALS = "[一二三四五六七八九十]+"
_NUMBERED = re.compile(rf"^(?:（{_NUMERALS}）|{_NUMERALS}[、是]|第{_NUMERALS}|\d)")


@dataclass(frozen=True)
class SourceLine:
    number: int
    text: str


@dataclass(frozen=True)
class CleanText:
    """The cleaned report, one Simplified line per source paragraph, with what cleaning did."""

    source_file: str
    lines: tuple[SourceLine, ...]
    original_lines: tuple[SourceLine, ...]  # the same lines cleaned but in the source's own script
    sha256: str
    source_script: str
    annotations: tuple[Annotation, ...]
    annotations_removed: int
    punctuation_restored: tuple[Count, ...]
    furniture: tuple[Removal, ...]
    errata: tuple[Repair, ...]
    encoding: str = "utf-8"
    joins: tuple[Join, ...] = ()
    repairs: tuple[Fix, ...] = ()
    losses: tuple[Loss, ...] = ()
    flattened: tuple[Flattening, ...] = ()
    spans: tuple[Span, ...] = ()  # the damaged spans no erratum decides, as the lines read


LOSS_REASON = "原文缺字：网页无法显示的字符（?? 或 U+FFFD），未能修复，以缺字符号标出"


def apply_errata(lines: list[SourceLine], errata: tuple[Erratum, ...], problems: list[Problem],
                 mark: str = "□", keep_losses: bool = False
                 ) -> tuple[list[SourceLine], list[Repair], list[Loss]]:
    """Replace each damaged span (a repair), or mark its lost characters (lost: true); an entry
    that matches nothing is stale, one that decides nothing is still to decide: errors (the
    latter passed over when the import goes on with losses marked)."""
    applied: list[Repair] = []
    lost: list[Loss] = []
    result = list(lines)
    for erratum in errata:
        hits = 0
        for index, line in enumerate(result):
            if erratum.damaged not in line.text:
                continue
            hits += line.text.count(erratum.damaged)
            if erratum.repaired is not None:
                applied.append(Repair(line.number, erratum.damaged, erratum.repaired, erratum.reason))
                result[index] = SourceLine(line.number, line.text.replace(erratum.damaged, erratum.repaired))
            elif erratum.lost:
                marked, losses = mark_losses(line.number, erratum.damaged, mark, erratum.reason)
                lost.extend(losses * line.text.count(erratum.damaged))
                result[index] = SourceLine(line.number, line.text.replace(erratum.damaged, marked))
        if hits == 0:
            problems.append(Problem(erratum.location,
                                    f"erratum does not match the source: {erratum.damaged!r}"))
        elif not erratum.decided and not keep_losses:
            problems.append(Problem(erratum.location, "a damaged span still to decide: write what it should "
                                    "read (repaired: …) or confirm the loss (lost: true)"))
    return result, applied, lost


def drop_blank_lines(lines: list[SourceLine]) -> list[SourceLine]:
    """Blank lines go (paragraphs are lines); the others lose the spaces around them (indents)."""
    return [SourceLine(line.number, line.text.strip()) for line in lines if line.text.strip()]


def repair_characters(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Fix]]:
    """Invisible and odd characters, by the rules in characters.py; every change recorded. A line
    of zero-width characters alone marks a page join: the furniture's (furniture.py)."""
    result, fixes = [], []
    for line in lines:
        if PAGE_JOIN.fullmatch(line.text.strip()):
            result.append(line)
            continue
        text, found = repair_line(line.number, line.text)
        fixes.extend(found)
        if text is not None:
            result.append(SourceLine(line.number, text))
    return result, fixes


def report_start(texts: list[str], words: Words) -> int:
    """Where the report starts after the page's head: its salutation or its first part heading."""
    return next((i for i, text in enumerate(texts) if words.addresses(text) or _PART_HEADING.match(text)), 0)


def drop_furniture(lines: list[SourceLine], raw: dict[int, str],
                   words: Words) -> tuple[list[SourceLine], list[Removal]]:
    """The page around the report, by the rules in furniture.py; recorded as found in the source."""
    to_simplified = make_converter("tw2s")
    simplified = [Line(line.number, to_simplified(line.text), raw[line.number].strip(),
                       raw[line.number][:len(raw[line.number]) - len(raw[line.number].lstrip())])
                  for line in lines]
    start = report_start([line.text for line in simplified], words)
    headings = [i for i, line in enumerate(simplified) if _PART_HEADING.match(line.text) and i >= start]
    appended = next((i for i in range(start + 1, len(simplified)) if words.appended(simplified[i].text)),
                    None)
    removed = find_furniture(simplified, start, headings[-1] if headings else start, rules_for(words),
                             appended, words.title_line, words.ends_report)
    gone = {removal.line for removal in removed}
    return [line for line in lines if line.number not in gone], removed


@dataclass(frozen=True)
class Group:
    """The lines joined so far, as a rule sees them: the first, the last, how many."""

    first: str
    last: str
    size: int
    touching: bool = False  # the line judged stands right under the last (no blank line between)


@dataclass(frozen=True)
class JoinRule:
    """A way a scrape breaks a sentence or a heading over lines: does ``text`` go on the group?"""

    name: str
    reason: str
    goes_on: Callable[[Group, str, Words], bool]


def _number_alone(group: Group, text: str, words: Words) -> bool:
    """第一， / 这次机构改革主要着眼于…: a number on a line of its own opens the paragraph below."""
    return group.size == 1 and _is_number_alone(group.first, words)


def _is_number_alone(text: str, words: Words) -> bool:
    number = numbering_of(words.data.numbering).match(text)
    return number is not None and not number.rest.strip()


def _broken_line(group: Group, text: str, words: Words) -> bool:
    """（PM / 2.5 / ）浓度, 签署了《 / 经济、社会与文化权利国际公约 / 》: a fragment (a subscript,
    a linked word), a line left at an opening bracket, or the punctuation that closes."""
    so_far = group.last
    if PART_HEADING.match(group.first):  # 三、关于《 / 某某纲要 / 》的说明: only what the brackets hold
        return so_far.endswith(_OPENS) or text.startswith(_CONTINUES)
    # 深化企业改革， / 一要 / …: a number alone goes on a sentence it stands right under; after a
    # blank line it opens a paragraph of its own.
    alone = _is_number_alone(text, words) and not group.touching
    if so_far.endswith(_BROKEN_OFF_NOT) or words.addresses(group.first) or alone \
            or (group.size == 1 and _PART_HEADING.match(so_far) and not so_far.endswith(_OPENS)) \
            or _is_heading(so_far, words) \
            or _is_heading(text, words):
        return False
    return (_is_fragment(text, words) or text.startswith(_CONTINUES) or so_far.endswith(_OPENS)
            or (group.size > 1 and _is_fragment(so_far, words))
            or (not _NUMBERED.match(group.first)
                and ((_open_ended(so_far) and _link_text(text, words))
                     or (group.size > 1 and _link_text(so_far, words)))))


def _open_ended(text: str) -> bool:
    """The line stops in the middle of a clause: on a character, not on punctuation or a number."""
    return bool(text) and "\u3400" <= text[-1] <= "\u9fff" and not _NUMBERED.match(text)


def _link_text(text: str, words: Words) -> bool:
    """在听了某某同志 / 关于宪法草案的报告 / 并进行了…: a linked phrase on a line of its own."""
    return (len(text) <= _LINK_TEXT and not _PUNCTUATION.search(text) and not _NUMBERED.match(text)
            and not words.addresses(text))


_HEADING_CONTINUED = 20  # the most a part heading's second line holds
# Not the rest of a heading: punctuation of a sentence, or a number that opens a heading or a list.
_NOT_A_HEADING_END = re.compile(r"[。！？；：，,!?;:、（(]|^[一二三四五六七八九十]+[、是]"
                                r"|^第[一二三四五六七八九十]|^\d")


# An area's heading line without its full stop: （一）…, 一是…, 第一，…
_N = "[一二三四五六七八九十]+"
_AREA_HEADING_LINE = re.compile(rf"^(?:（{_N}）|{_N}是|第{_N}，)[^。！？；：]{{2,60}}$")


def _heading_continued(group: Group, text: str, words: Words) -> bool:
    """三、持续提升政府 / 治理能力: a part or area heading line whose next line is a short headline,
    not a sentence."""
    heading = PART_HEADING.match(group.first) or _AREA_HEADING_LINE.match(group.first)
    return (group.size == 1 and bool(heading) and len(text) <= _HEADING_CONTINUED
            and not _NOT_A_HEADING_END.search(text) and not words.addresses(text)
            and not words.appended(text) and not words.closing_heading.match(text))


def _key_phrase(group: Group, text: str, words: Words) -> bool:
    """…的 / 主要预期目标 / 是：…: the targets phrase on a line of its own, joined to both sides."""
    so_far = group.last
    if words.key_phrase.match(text):
        return not so_far.endswith(_BROKEN_OFF_NOT) and not words.addresses(so_far)
    return bool(words.key_phrase.match(so_far) and words.key_phrase_verb.match(text))


JOIN_RULES: tuple[JoinRule, ...] = (
    JoinRule("number-alone", "序号（第一，）单独成行，正文在下一行", _number_alone),
    JoinRule("key-phrase", "“主要预期目标”被拆成单独一行", _key_phrase),
    JoinRule("heading-continued", "部分或某项的标题被拆成两行", _heading_continued),
    JoinRule("broken-line", "一句话被网页拆成几行（下标、链接词）", _broken_line),
)


def rejoin_broken_lines(lines: list[SourceLine], words: Words | None = None, start: int = 0,
                        rules: tuple[JoinRule, ...] = JOIN_RULES) -> tuple[list[SourceLine], list[Join]]:
    """Put back together a sentence the scrape broke over lines: （PM / 2.5 / ）浓度 -> （PM2.5）浓度.

    Lines before ``start`` (the page's head: title, byline) are left as they are, and so are the
    cells of a table an annex holds flattened one cell per line (tables.py).
    """
    words = words or shipped_words()
    table = table_lines([line.text for line in lines], words)  # cells, each on its line: never joined
    groups: list[tuple[list[SourceLine], str]] = []
    for index, line in enumerate(lines):
        rule = None
        if groups and index > start and index not in table:
            lines_so_far = groups[-1][0]
            group = Group(lines_so_far[0].text, lines_so_far[-1].text, len(lines_so_far),
                          line.number == lines_so_far[-1].number + 1)
            rule = next((rule.name for rule in rules if rule.goes_on(group, line.text, words)), None)
        if rule is not None:
            group, first_rule = groups[-1]
            group.append(line)
            groups[-1] = (group, first_rule or rule)
        else:
            groups.append(([line], ""))
    result, joins = [], []
    for group, rule in groups:
        result.append(SourceLine(group[0].number, "".join(line.text for line in group)))
        if len(group) > 1:
            pieces = [line.text for line in group]
            pieces[0], pieces[-1] = pieces[0][-12:], pieces[-1][:12]
            joins.append(Join(tuple(line.number for line in group), tuple(pieces),
                              rule))
    return result, joins


def _is_heading(text: str, words: Words) -> bool:
    """A heading line that is short on its own: 结束语, 附件, 名词解释."""
    return bool(words.appended(text) or words.closing_heading.match(text))


def _is_fragment(text: str, words: Words) -> bool:
    """2.5, 揭榜: a piece of a sentence on a line of its own (a whole short sentence is none)."""
    return len(text) <= _FRAGMENT_LENGTH and not words.addresses(text) and not text.endswith(SENTENCE_END)


def check_ending(lines: list[SourceLine], source_file: str, words: Words | None = None) -> list[Problem]:
    """A report ends on a sentence; text that stops short of one was cut off (a truncated file).

    What the report appends after its closing words (名词解释, 附件) need not end on one: the
    line checked is the last before it.
    """
    words = words or shipped_words()
    to_simplified = make_converter("tw2s")
    simplified = [to_simplified(line.text) for line in lines]
    start = report_start(simplified, words)
    appended = next((i for i in range(start + 1, len(lines)) if words.appended(simplified[i])), len(lines))
    lines = lines[:appended]
    if not lines or lines[-1].text.endswith(SENTENCE_END):
        return []
    last = lines[-1]
    if _PART_HEADING.match(last.text):
        message = f"the report ends at the heading {last.text!r} with nothing under it"
    else:
        unfinished = re.split(r"[。！？!?]", last.text)[-1][-20:]  # the sentence it cut
        message = f"the report breaks off mid-sentence: …{unfinished}"
    return [Problem(Location(source_file, last.number), f"{message}; the file looks cut short")]


def find_mojibake(lines: list[SourceLine], source_file: str,
                  errata_file: str = "errata.yaml", debris_only: bool = False) -> list[Problem]:
    """One problem per damaged span; hits a few characters apart are one span. ``debris_only``:
    only stray tags (lost characters are marked, not errors)."""
    problems = []
    hint = "" if debris_only else " (or import with --keep-losses: each loss marked and listed)"
    for line in lines:
        spans: list[list[int]] = []
        for match in (_DEBRIS if debris_only else MOJIBAKE).finditer(line.text):
            start = match.start() + (1 if match.group()[0] not in "?/<\ufffd" else 0)
            if spans and start - spans[-1][1] <= 8:
                spans[-1][1] = match.end()
            else:
                spans.append([start, match.end()])
        for start, end in spans:
            context = line.text[max(start - 4, 0): end + 4]
            found = line.text[start:end]
            if _MARKUP.fullmatch(found):  # tags and nothing else: a page saved as HTML, not damage
                message = (f"HTML markup in the text: {found} in …{context}…; save the page as text "
                           f"(or remove it with an entry in {errata_file})")
            else:
                message = f"damaged text (mojibake) {found!r} in …{context}…; repair it with an entry in " \
                          f"{errata_file}{hint}"
            problems.append(Problem(Location(source_file, line.number, start + 1), message))
    return capped(problems, "damaged text")


def remove_annotations(lines: list[SourceLine]) -> tuple[list[SourceLine], list[Annotation], int]:
    """Remove pinyin annotations only: (下同), (国), (一) are not pinyin and stay."""
    result: list[SourceLine] = []
    records: list[Annotation] = []
    total = 0
    for line in lines:
        removed: list[str] = []

        def strip(match: re.Match[str], removed: list[str] = removed) -> str:
            if not PINYIN.fullmatch(match.group(1)):
                return match.group()
            removed.append(match.string[match.start() - 1] + match.group())
            return ""

        text = ANNOTATION.sub(strip, line.text)
        if removed:
            total += len(removed)
            records.append(Annotation(line.number, " ".join(removed)))
        result.append(SourceLine(line.number, text))
    return result, records, total


def restore_punctuation(lines: list[SourceLine]) -> tuple[list[SourceLine], tuple[Count, ...]]:
    """Give back the full-width forms the scrape folded to ASCII, in Chinese context only.

    One pass over each line: what a closing bracket encloses (back to the last opening one) is
    known as the pass goes, so a line of one ( and many ) is read once, not once per bracket."""
    counts: Counter[str] = Counter()
    pattern = re.compile(r"[,:;!?()]")
    cjk = re.compile(rf"[{CJK}]")
    result = []
    for line in lines:
        text = line.text
        out = []
        opened, enclosed = False, False  # a ( seen before here; a Chinese character since the last one
        for index, char in enumerate(text):
            if pattern.fullmatch(char) and _chinese_context(text, index, enclosed if opened else None):
                counts[FULL_WIDTH[char]] += 1
                out.append(FULL_WIDTH[char])
            else:
                out.append(char)
            if char == "(":
                opened, enclosed = True, False
            elif not enclosed and cjk.match(char):
                enclosed = True
        result.append(SourceLine(line.number, "".join(out)))
    return result, tuple(Count(char, counts[char]) for char in sorted(counts))


def _chinese_context(text: str, index: int, enclosed: bool | None) -> bool:
    """``enclosed``: whether a Chinese character stands between the last ( before ``index`` and
    it (None: there is no ( before it)."""
    char = text[index]
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char == "(":
        # An opening bracket is Chinese when what it encloses is Chinese: (一), (下同), (国).
        return bool(re.match(_CN_RIGHT, after))
    if char == ")":
        return enclosed if enclosed is not None else bool(re.search(rf"[{CJK}]", before))
    # Separators: Chinese on at least one side, never between two digits (1,970).
    if before.isdigit() and after.isdigit():
        return False
    return bool(re.match(_CN_LEFT, before) or re.match(_CN_RIGHT, after) or (before == "%" and after))


def clean_source(raw: bytes, source_file: str, errata: tuple[Erratum, ...], *, strict: bool = True,
                 errata_file: str = "errata.yaml", words: Words | None = None,
                 keep_losses: bool = False) -> CleanText:
    """The report's lines cleaned, with a record of everything done to them; a SiteError listing
    every problem (damage with no decision, a text cut short …) where ``strict``. With
    ``keep_losses`` lost characters are marked, not errors."""
    words = words or shipped_words()
    problems: list[Problem] = []
    decoded = decode(raw, source_file)
    flat = flatten(decoded.text, words, run_together(words))
    lines = [SourceLine(number, line) for number, line in enumerate(flat.text.split("\n"), start=1)]
    raw_lines = {line.number: line.text for line in lines}
    lines, errata_applied, confirmed = apply_errata(lines, errata, problems, words.data.loss_mark,
                                                    keep_losses or not strict)
    problems.extend(raw_text_problems(lines, source_file, errata_file))  # control characters, pins
    decided = {line.number: line.text for line in lines}  # as the errata left them
    lines, repairs = repair_characters(lines)
    lines = drop_blank_lines(lines)
    annotated = {line.number: line for line in lines}
    lines, annotations, _ = remove_annotations(lines)
    lines, furniture = drop_furniture(lines, raw_lines, words)
    # Damage in the page around the report does not matter: only the kept lines are checked, as
    # they were before the annotations went (so columns are the source's).
    kept_annotated = [annotated[line.number] for line in lines]
    if strict:
        problems.extend(find_mojibake(kept_annotated, source_file, errata_file, debris_only=keep_losses))
    spans = [span for line in lines for span in find_spans(line.number, decided[line.number])]
    lines, losses = mark_lost(lines, words.data.loss_mark)
    if not lines:
        problems.append(Problem(Location(source_file, 1), "the report is empty"))
    lines, page_joins, page_fixes = _join_pages(lines, raw_lines, furniture, words)
    to_simplified = make_converter("tw2s")
    start = report_start([to_simplified(line.text) for line in lines], words)
    lines, joins = rejoin_broken_lines(lines, words, start)
    if strict:
        problems.extend(check_ending(lines, source_file, words))
    if problems:
        raise SiteError(problems)
    # Annotations in the furniture went with it; count only those removed from the report's text.
    joins = sorted([*page_joins, *joins], key=lambda join: join.lines[0])
    kept = {line.number for line in lines} | {number for join in joins for number in join.lines}
    annotations = [record for record in annotations if record.line in kept]
    annotation_count = sum(record.removed.count("(") for record in annotations)
    lines, punctuation = restore_punctuation(lines)
    script = detect_script("".join(line.text for line in lines))
    to_simplified = make_converter("tw2s" if script == "Hant" else None)
    simplified = [SourceLine(line.number, to_simplified(line.text)) for line in lines]
    return CleanText(
        source_file=source_file,
        lines=tuple(simplified),
        original_lines=tuple(lines),
        sha256=hashlib.sha256(raw).hexdigest(),
        source_script=script,
        annotations=tuple(annotations),
        annotations_removed=annotation_count,
        punctuation_restored=punctuation,
        furniture=tuple(furniture),
        errata=tuple(errata_applied),
        encoding=decoded.encoding,
        joins=tuple(joins),
        repairs=tuple(fix for fix in [*repairs, *page_fixes]
                      if fix.line in kept or fix.rule == "invisible-line"),
        losses=tuple(sorted([*confirmed, *losses], key=lambda loss: loss.line)),
        flattened=flat.records,
        spans=tuple(spans),
    )


def run_together(words: Words) -> re.Pattern[str]:
    """Where a paragraph opens in a text run together: after a sentence's end, before a heading's
    number (（一） 一、 第一部分), an address to the congress, or ——."""
    heads = numbering_of(words.data.numbering).marks_of(("bracket", "dun", "part"))
    return re.compile(rf"(?<=[。！？；])(?=(?:{heads})|{words.salutations}|——)")


def mark_lost(lines: list[SourceLine], mark: str) -> tuple[list[SourceLine], list[Loss]]:
    """Each run of lost characters marked (what strict checking let through), and recorded."""
    result, losses = [], []
    for line in lines:
        text, found = mark_losses(line.number, line.text, mark, LOSS_REASON)
        result.append(SourceLine(line.number, text) if found else line)
        losses.extend(found)
    return result, losses


def _join_pages(lines: list[SourceLine], raw_lines: dict[int, str], furniture: list[Removal],
                words: Words) -> tuple[list[SourceLine], list[Join], list[Fix]]:
    marks = {removal.line for removal in furniture if removal.rule == "page-join"}
    pieces = [Piece(line.number, line.text, raw_lines[line.number][:1] in " \u3000\t") for line in lines]
    joined, joins, fixes = join_pages(pieces, marks, words, numbering_of(words.data.numbering).opening)
    return [SourceLine(piece.number, piece.text) for piece in joined], joins, fixes


def detect_script(text: str) -> str:
    """Hant when converting to Simplified changes a noticeable share of the characters."""
    to_simplified = make_converter("tw2s")
    cjk = [char for char in text if "\u4e00" <= char <= "\u9fff"]
    if not cjk:
        return "Hans"
    changed = sum(1 for a, b in zip(text, to_simplified(text), strict=False) if a != b)
    return "Hant" if changed / len(cjk) > 0.05 else "Hans"
