"""The lines above the salutation: the title and the byline, and who and when they say.

    2025年某某省政府工作报告                      <- a collector's title: the year and the place
    ——2025年1月18日在某某省第十四届人民代表大会第三次会议上   <- delivered: the date, the congress
    省长 某某                                     <- the speaker (国务院总理 / 某　某 on two lines)

``FRONT_RULES`` name what each line is taken as; a line that is none stays in the preamble,
noted. The issuer and the year are read from what the lines say (see structure.py for the order
of the sources).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_src.ingest.clean import SourceLine
from site_src.model import Doubt, Fix
from site_src.variants.convert import make_converter
from site_src.words import Words

# name -> what a line so taken is
FRONT_RULES = {
    "title-line": "标题行（可带年份和地名：2025年某某省政府工作报告）",
    "delivered": "报告的时间和会议（——2025年1月18日在……会议上），可接报告人",
    "delivered-split": "报告的时间和会议分在两行（——2025年1月20日在某某市第十六届 / 人民代表大会……）",
    "dated": "标题下单独的日期（2025年1月20日）",
    "speaker": "报告人：职务和姓名（省长 某某）",
    "speaker-split": "报告人的职务和姓名分在两行（国务院总理 / 某某某）",
    "spaced-name": "姓名中间的空格（某　某）",
}
_NAME = re.compile(r"^[\u3400-\u9fff·](?:\s*[\u3400-\u9fff·]){1,4}$")
_TITLE_LENGTH = 40
_DAY = re.compile(r"\d日")
_UNDER_A_DATE = ("delivered", "delivered-split", "dated")  # a name alone under these is the speaker's


@dataclass(frozen=True)
class Front:
    title: str  # the genre's title, or the title line as written when it is no plain one
    title_year: int
    title_issuer: str
    byline: tuple[str, ...]
    delivered_year: int
    venue_issuer: str  # the government of the congress the report was delivered to
    speaker_issuer: str  # the government the speaker heads, where the byline names it
    found: tuple[str, ...]  # the names of the front rules that took a line
    repairs: tuple[Fix, ...]
    # A collector's title names a place that is no government's name (2025年某某政府工作报告, of
    # 某某壮族自治区人民政府): when no other line says who reports, the place stays in the title,
    # so nothing of it is lost.
    title_place: str = ""

    @property
    def year_said(self) -> int:
        """The year the head says: the byline's date, else the title's (0 for none)."""
        return self.delivered_year or self.title_year


def head_end(lines: list[SourceLine], words: Words, part_start: int | None) -> int:
    """Where the head stops: the salutation, if it comes before part 一; else part 一."""
    limit = part_start if part_start is not None else len(lines)
    return next((i for i in range(limit) if words.addresses(lines[i].text)), limit)


def read_front(head: list[SourceLine], words: Words, doubts: list[Doubt]) -> tuple[Front, list[SourceLine]]:
    """The title and the byline in the head's lines, and the lines that are neither."""
    title, title_year, title_issuer, title_place = words.data.title, 0, "", ""
    byline: list[str] = []
    found: list[str] = []
    repairs: list[Fix] = []
    kept: list[SourceLine] = []
    delivered_year, venue_issuer, speaker_issuer = 0, "", ""
    taken_title = False
    index = 0
    to_simplified = make_converter("tw2s")  # a head in an older script (会議) reads as one
    while index < len(head):
        line = head[index]
        written = line.text.strip()  # kept as written; matched as Simplified
        text = to_simplified(written)
        compact = re.sub(r"\s+", "", text)
        delivered = words.delivered.match(text)
        if delivered is None and words.delivered_start.match(text) and index + 1 < len(head):
            joined = f"{text}{to_simplified(head[index + 1].text.strip())}"
            delivered = words.delivered.match(joined)
            if delivered is not None:
                index += 1
                text, written = joined, f"{written}{head[index].text.strip()}"
                found.append("delivered-split")
        speaker = words.speaker.match(text)
        titled = words.title_line.match(compact) if len(compact) <= _TITLE_LENGTH else None
        if delivered:
            byline.append(re.sub(r"\s+", " ", written))
            found.append("delivered")
            delivered_year = int(delivered.group(1) or 0)
            venue_issuer, said = _venue_and_speaker(delivered, words)
            speaker_issuer = speaker_issuer or said
        elif titled and not byline:  # a page may give a collector's title and then its own
            title_, year_, issuer_ = _title(compact, titled, words)
            if not taken_title or title_.startswith(words.data.title):
                title = title_ if not taken_title else title
                title_year, title_issuer = title_year or year_, title_issuer or issuer_
                place_ = (titled.group(2) or "").strip()
                if place_ and not issuer_ and not title_place and title_.startswith(words.data.title):
                    title_place = place_
            taken_title = True
            found.append("title-line")
        elif words.dated.match(compact) and _DAY.search(compact):
            byline.append(written)
            found.append("dated")
            delivered_year = delivered_year or int(words.dated.match(compact).group(1))  # type: ignore[union-attr]
        elif _NAME.match(text) and not speaker and found and found[-1] in _UNDER_A_DATE:
            byline.append(re.sub(r"\s+", "", written))  # 某某某: the speaker's name alone under the dateline
            found.append("speaker")
        elif speaker:
            name = speaker.group(2)
            entry = written if len(written) == len(text) else text
            if name is None and index + 1 < len(head) and _NAME.match(head[index + 1].text.strip()):
                index += 1
                name = head[index].text.strip()
                entry = f"{text} {name}"
                found.append("speaker-split")
            else:
                found.append("speaker")
            if name is not None:
                entry, fix = _name_without_spaces(entry, name, head[index].number)
                if fix is not None:
                    repairs.append(fix)
                    found.append("spaced-name")
            byline.append(re.sub(r"\s+", " ", entry).strip())
            speaker_issuer = speaker_issuer or words.government_named(speaker.group(1))
        else:
            doubts.append(Doubt(line.number, line.text, "before the salutation (各位代表：), but "
                                "neither a title nor a byline: kept as a paragraph of the preamble"))
            kept.append(line)
        index += 1
    return Front(title, title_year, title_issuer, tuple(byline), delivered_year, venue_issuer,
                 speaker_issuer, tuple(found), tuple(repairs), title_place), kept


def _venue_and_speaker(delivered: re.Match[str], words: Words) -> tuple[str, str]:
    """The government of the congress a delivery line names, and of the speaker it names after it."""
    venue = delivered.group(2)
    if words.data.national_congress in venue:
        venue_issuer = words.data.national_government
    else:
        place = words.venue.match(venue + words.data.congress) if words.data.congress not in venue \
            else words.venue.match(venue)
        venue_issuer = words.place_issuer(place.group(1)) if place else ""
    rest = delivered.group(3).strip().removesuffix(words.data.title).removesuffix(words.data.delivers)
    said = words.speaker.match(rest)
    return venue_issuer, words.government_named(said.group(1)) if said else ""


def _title(compact: str, match: re.Match[str], words: Words) -> tuple[str, int, str]:
    """2026年某某省人民政府工作报告 -> (政府工作报告, 2026, 某某省人民政府); a title that says more
    than a year and a place stays whole."""
    year, place, later, _, note = match.groups()
    year = year or later
    if place and not re.fullmatch(r"[\u3400-\u9fff]{1,20}", place):
        return compact, 0, ""
    kept = note if note and note.startswith("（") else ""  # （摘要） stays; 全文 says nothing
    return words.data.title + kept, int(year or 0), words.place_issuer(place) if place else ""


def _name_without_spaces(entry: str, name: str, line: int) -> tuple[str, Fix | None]:
    """某　某 -> 某某: a speaker's name spaced out to fill two characters' width."""
    joined = re.sub(r"\s+", "", name)
    if joined == name.strip():
        return entry, None
    return (entry[: entry.rindex(name)] + joined,
            Fix(line, "spaced-name", name.strip(), joined, FRONT_RULES["spaced-name"]))
