"""Writing an imported report into its folder: whole or not at all, never over a person's edits.

A report folder holds the importer's files (its YAML, a copy of the source text as found, and
imported.yaml, the record of what it wrote) beside people's (errata, industries, slogans, a
glossary, anything else), which the importer never touches.

A draft (the industry system the import found in the text) is a person's file from the start:
it is written only where no file of its name is, and imported.yaml remembers that it was, so that
a draft a person has removed is not made again (unless ``force``: then it is, and said so).

Re-importing compares each of the importer's files with the hash imported.yaml recorded: a file a
person has edited (or removed) since stops the import, one line each, unless ``force`` is given;
then the import says what it replaced. Only the importer's files are written, each compared and
swapped in place (output/inplace.py): people's files are never copied or moved, a file saved
while the import runs is left as saved (and named), and a failure while the new files are
written (a full disk, an interrupt) leaves the folder as it was.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.output.inplace import Planned, sha256_of, write_in_place
from site_src.yamlio import Field, ListOf, MapOf, Table, Text, dump, read_document

RECORD = "imported.yaml"
SOURCE_COPY = "source.txt"


@dataclass(frozen=True)
class Record:
    """imported.yaml: each file the importer wrote, by its path in the folder, with its sha256,
    and the drafts it wrote once for people (by path)."""

    files: dict[str, str]
    drafted: tuple[str, ...] = ()


RECORD_TABLE = Table(Record, (Field("files", MapOf(Text())),
                              Field("drafted", ListOf(Text()), required=False, default=())))
_HEADER = ("# Written by the importer: the files it wrote and their sha256, so that importing again\n"
           "# can tell which of them a person has edited since (those are not replaced without --force).\n")


DRAFTED = "drafted"  # written now
KEPT = "kept"  # a file of its name is there: a person's, left as it is
REMOVED = "removed"  # drafted by an earlier import and removed since: not made again


@dataclass(frozen=True)
class Written:
    folder: Path
    files: tuple[str, ...]  # what the importer wrote, relative to the folder
    replaced: tuple[tuple[str, str], ...]  # (file, how) a person had changed, that --force replaced
    drafts: tuple[tuple[str, str], ...] = ()  # (draft, DRAFTED, KEPT or REMOVED)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_record(folder: Path) -> Record | None:
    path = folder / RECORD
    if not path.is_file():
        return None
    record: Record = read_document(read_text(path), str(path), RECORD_TABLE)
    return record


def edited_since(record: Record | None, files: dict[str, bytes],
                 seen: dict[str, str | None]) -> list[tuple[str, str]]:
    """(file, how) for each importer's file a person changed since the import: edited, removed,
    or (without a record of it) a different file where the importer would write. ``seen``: the
    sha256 of each file in the folder now (None: there is none)."""
    changes = []
    known = record.files if record is not None else {}
    for name in sorted(set(known) | set(files)):
        if name in known:
            if seen[name] is None:
                changes.append((name, "removed since the import"))
            elif seen[name] != known[name]:
                changes.append((name, "edited since the import"))
        elif seen[name] is not None and seen[name] != _sha(files[name]):
            changes.append((name, "not written by the importer"))
    return changes


def write_report_folder(folder: Path, files: dict[str, bytes], *, force: bool = False,
                        drafts: dict[str, bytes] | None = None) -> Written:
    """Put the importer's ``files`` (relative path -> bytes) into ``folder``, keeping people's files,
    and each of ``drafts`` where there is no file of its name and none was drafted before.

    Raises SiteError, with one problem per file a person has edited, unless ``force``; and after
    the writing, one per file a person saved while it ran (left as they saved it).
    """
    record = read_record(folder)
    known = record.files if record is not None else {}
    seen = {name: sha256_of(folder / name) for name in sorted({*known, *files, RECORD})}
    changes = edited_since(record, files, seen)
    if changes and not force:
        raise SiteError([Problem(Location(str(folder / name)),
                                 f"{how}: importing again would replace it (--force to replace)")
                         for name, how in changes])
    drafted_before = set(record.drafted if record else ())
    outcomes = []
    new_drafts: dict[str, bytes] = {}
    for name, data in sorted((drafts or {}).items()):
        if os.path.lexists(folder / name):
            outcomes.append((name, KEPT))
        elif name in drafted_before and not force:
            outcomes.append((name, REMOVED))
        else:
            outcomes.append((name, DRAFTED))
            new_drafts[name] = data
    kept = Record({name: _sha(data) for name, data in sorted(files.items())},
                  tuple(sorted(drafted_before | set(new_drafts))))
    all_files = {**files, RECORD: (_HEADER + dump(RECORD_TABLE.write(kept))).encode("utf-8")}
    planned = _plan(seen, set(known) - set(files), new_drafts, all_files)
    try:
        refused = write_in_place(folder, planned)
    except OSError as error:
        raise _cannot_write(error, folder) from None
    if refused:
        raise SiteError([Problem(Location(str(folder / name)), SAVED_MEANWHILE) for name in refused])
    return Written(folder, tuple(sorted(all_files)), tuple(changes), tuple(outcomes))


SAVED_MEANWHILE = ("saved while the import ran: left as it was saved, not replaced (the import's "
                   "other files are in place; import again to replace it)")


def _plan(seen: dict[str, str | None], dropped: set[str], drafts: dict[str, bytes],
          files: dict[str, bytes]) -> list[Planned]:
    """What to write, each against what was seen: the importer's files that changed (an unchanged
    one is left with its time, so that a preview does not rebuild for nothing), the removal of
    the ones it no longer makes, new drafts where there is no file, and imported.yaml last."""
    planned = [Planned(name, None, seen[name]) for name in sorted(dropped) if seen[name] is not None]
    planned += [Planned(name, data, None) for name, data in drafts.items()]
    planned += [Planned(name, data, seen[name]) for name, data in sorted(files.items(), key=_record_last)
                if seen[name] != _sha(data)]
    return planned


def _record_last(item: tuple[str, bytes]) -> tuple[bool, str]:
    return item[0] == RECORD, item[0]


def _cannot_write(error: OSError, folder: Path) -> SiteError:
    where = error.filename or folder
    return SiteError([Problem(Location(str(where)), f"cannot write: {error.strerror or error}")])
