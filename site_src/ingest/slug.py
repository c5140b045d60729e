"""A report's folder name when the import is not given one: its year and its place, in pinyin.

    兰州市城关区人民政府, 2025 -> 2025-chengguan        国务院, 2019 -> 2019-national

The rules (government words, the endings of administrative units) are the genre's data, in
genres/work-report/places.yaml; pinyin comes from pypinyin, which knows the readings of place
names (重庆 chongqing, 六安 lu'an).
"""

from __future__ import annotations

import re

from site_src.model import Report
from site_src.words import PlaceWords


def place_name(issuer: str, words: PlaceWords) -> str:
    """The place an issuer governs, as its own unit calls it: 某某市甲乙区人民政府 -> 甲乙,
    甲州市人民政府 -> 甲州, 贵州省人民政府 -> 贵州 (an ending inside a name is part of it)."""
    place = issuer
    for word in sorted(words.government, key=len, reverse=True):
        if place.endswith(word):
            place = place[: -len(word)]
            break
    endings = sorted(words.units, key=len, reverse=True)
    ending = next((unit for unit in endings if place.endswith(unit) and len(place) > len(unit)), None)
    if ending is None:
        return place
    rest = place[: -len(ending)]
    # The last unit's name stands after a whole unit of its own (a name and its ending: 某某市),
    # or after nothing: the shortest such tail of two characters or more (宁波市|镇海, not
    # 宁波市镇|海), else of one (安阳市|滑), else the whole (甲州, not 甲|州).
    def after_a_unit(at: int) -> bool:
        return any(rest[:at].endswith(unit) and at > len(unit) for unit in endings)

    at = next((at for at in range(len(rest) - 2, 0, -1) if after_a_unit(at)), None)
    if at is None:
        at = len(rest) - 1 if len(rest) > 1 and after_a_unit(len(rest) - 1) else 0
    name = rest[at:]
    if ending.startswith(words.peoples_before):
        peoples = sorted(words.peoples, key=len, reverse=True)
        while (people := next((p for p in peoples if name.endswith(p) and len(name) > len(p)), None)):
            name = name[: -len(people)]
    return name


def slug_for(report: Report, words: PlaceWords) -> str | None:
    """YEAR-PLACE in lowercase ASCII, or None when the report says neither its year nor its issuer."""
    if not report.year or not report.issuer:
        return None
    name = words.names.get(report.issuer)
    if name is None:
        from pypinyin import lazy_pinyin  # only an import without --slug needs it

        name = "".join(lazy_pinyin(place_name(report.issuer, words)))
    name = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"{report.year}-{name}" if name else None
