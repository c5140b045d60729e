"""An archive's governments, from what its reports say: each government's reports by year, its
name and its level (national, province, city, county …: genres/work-report/archive.yaml), the
order a reader finds them in, and the site's title when site.yaml gives none.

Everything here is read from the reports in the source script (a level is read from the ending of
a place's last unit: 区, not 區); the variants convert the names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from site_src.model import VERBATIM, Report

NATIONAL = "national"  # the level of the national government (archive.yaml: national)


@dataclass(frozen=True)
class ArchiveWords:
    """archive.yaml: the national government by its issuer's name; the local levels, from the top
    down, each by the endings of its units."""

    national: tuple[str, ...]
    levels: Mapping[str, tuple[str, ...]]

    def level_of(self, place: str) -> str:
        """The level of the government of ``place`` (as Report.place writes it); "" where unknown."""
        if place in self.national:
            return NATIONAL
        endings = sorted(((ending, level) for level, endings in self.levels.items() for ending in endings),
                         key=lambda item: len(item[0]), reverse=True)
        found = (level for ending, level in endings if place.endswith(ending) and len(place) > len(ending))
        return next(found, "")

    def rank(self, level: str) -> int:
        """Where a level stands: the national government first, unknown levels last."""
        order = [NATIONAL, *self.levels]
        return order.index(level) if level in order else len(order)

    def unit_ends(self, text: str) -> bool:
        """Whether ``text`` ends with a whole unit (某某市): where a place may be cut."""
        return any(text.endswith(ending) and len(text) > len(ending)
                   for endings in self.levels.values() for ending in endings)


@dataclass(frozen=True)
class Government:
    """One government of the site, and its reports."""

    id: str = field(metadata=VERBATIM)  # Report.government
    name: str  # its place as its latest report that names one writes it (甲乙区); "" if none does
    level: str = field(metadata=VERBATIM)  # national, a level of archive.yaml, or "" (unknown)
    reports: tuple[tuple[int, str], ...] = field(metadata=VERBATIM)  # (year, slug), by year

    @property
    def first(self) -> int:
        return self.reports[0][0]

    @property
    def last(self) -> int:
        return self.reports[-1][0]


def governments(reports: Iterable[tuple[str, Report]], words: ArchiveWords) -> tuple[Government, ...]:
    """The governments of a site's reports ((slug, report)): the national government first, then
    each local level from the top down, unknown levels last; within a level by id."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    for slug, report in reports:
        found.setdefault(report.government or slug, []).append((report.year, slug, report.place))
    made = []
    for id, items in found.items():
        items.sort()
        name = next((place for _, _, place in reversed(items) if place), "")
        made.append(Government(id, name, words.level_of(name) if name else "",
                               tuple((year, slug) for year, slug, _ in items)))
    return tuple(sorted(made, key=lambda government: (words.rank(government.level), government.id)))


def common_parent(places: Iterable[str], words: ArchiveWords) -> str:
    """The place every one of ``places`` lies in, as they all write it (某某市 of 某某市甲区 and
    某某市乙县), or "": the longest shared beginning that ends with a whole unit and is not one of
    the places itself."""
    places = list(places)
    if len(places) < 2:
        return ""
    shared = places[0]
    for place in places[1:]:
        n = 0
        while n < min(len(shared), len(place)) and shared[n] == place[n]:
            n += 1
        shared = shared[:n]
    while shared and not (words.unit_ends(shared) and all(len(place) > len(shared) for place in places)):
        shared = shared[:-1]
    return shared


def archive_title(governments: tuple[Government, ...], words: ArchiveWords, ui: Mapping[str, str]) -> str:
    """What a reader would call a site of several reports: the government's name and the years for
    one government (某某区政府工作报告（2012—2019年）); for several, who they are by their levels
    and what they share (ui.yaml's archive_* words), never a count."""
    years = sorted(year for government in governments for year, _ in government.reports if year)
    who = governments[0].name if len(governments) == 1 else _who(governments, words, ui)
    if not years:
        return ui["site_title_undated"].format(place=who)
    if years[0] == years[-1]:
        return ui["site_title_one_year"].format(place=who, year=years[0])
    return ui["site_title_several"].format(place=who, first=years[0], last=years[-1])


def _who(governments: tuple[Government, ...], words: ArchiveWords, ui: Mapping[str, str]) -> str:
    """Who the reports of several governments are of: 国务院与地方, 各市县, 某某市各区县 …"""
    national = any(government.level == NATIONAL for government in governments)
    local = [government for government in governments if government.level not in ("", NATIONAL)]
    levels = [level for level in words.levels if any(government.level == level for government in local)]
    who = ""
    if levels:
        who = ui.get(f"archive_{'_'.join(levels)}") or ui["archive_local"]
        parent = common_parent((government.name for government in local), words)
        if parent and not national:
            who = ui["archive_under"].format(parent=parent, who=who)
    if national and who:
        return ui["archive_and"].format(first=ui["archive_national"], second=who)
    return ui["archive_national"] if national else who
