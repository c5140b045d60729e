"""Writing an imported report into its folder: whole or not at all, never over a person's edits.

A report folder holds the importer's files (its YAML, a copy of the source text as found, and
imported.yaml, the record of what it wrote) beside people's (errata, industries, slogans, a
glossary, anything else), which the importer never touches.

A draft (the industry system the import found in the text) is a person's file from the start:
it is written only where no file of its name is, and imported.yaml remembers that it was, so that
a draft a person has removed is not made again (unless ``force``: then it is, and said so).

Re-importing compares each of the importer's files with the hash imported.yaml recorded: a file a
person has edited (or removed) since stops the import, one line each, unless ``force`` is given;
then the import says what it replaced. The new folder is made in a staging folder beside the old
one, people's files copied in, and swapped into place only when it is complete: a failure (a
full disk, an interrupt) leaves the folder as it was.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.output.write import staged
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


def edited_since(folder: Path, record: Record | None, files: dict[str, bytes]) -> list[tuple[str, str]]:
    """(file, how) for each importer's file a person changed since the import: edited, removed,
    or (without a record of it) a different file where the importer would write."""
    changes = []
    known = record.files if record is not None else {}
    for name in sorted(set(known) | set(files)):
        path = folder / name
        if name in known:
            if not path.is_file():
                changes.append((name, "removed since the import"))
            elif _sha(path.read_bytes()) != known[name]:
                changes.append((name, "edited since the import"))
        elif path.is_file() and path.read_bytes() != files[name]:
            changes.append((name, "not written by the importer"))
    return changes


def write_report_folder(folder: Path, files: dict[str, bytes], *, force: bool = False,
                        drafts: dict[str, bytes] | None = None) -> Written:
    """Put the importer's ``files`` (relative path -> bytes) into ``folder``, keeping people's files,
    and each of ``drafts`` where there is no file of its name and none was drafted before.

    Raises SiteError, with one problem per file a person has edited, unless ``force``.
    """
    record = read_record(folder)
    changes = edited_since(folder, record, files)
    if changes and not force:
        raise SiteError([Problem(Location(str(folder / name)),
                                 f"{how}: importing again would replace it (--force to replace)")
                         for name, how in changes])
    owned = set(record.files if record else ()) | set(files) | {RECORD}
    drafted_before = set(record.drafted if record else ())
    outcomes = []
    new_drafts: dict[str, bytes] = {}
    for name, data in sorted((drafts or {}).items()):
        if (folder / name).exists():
            outcomes.append((name, KEPT))
        elif name in drafted_before and not force:
            outcomes.append((name, REMOVED))
        else:
            outcomes.append((name, DRAFTED))
            new_drafts[name] = data
    all_files = dict(files)
    kept = Record({name: _sha(data) for name, data in sorted(files.items())},
                  tuple(sorted(drafted_before | set(new_drafts))))
    all_files[RECORD] = (_HEADER + dump(RECORD_TABLE.write(kept))).encode("utf-8")
    try:
        with staged(folder) as staging:
            _fill(staging, folder, owned, new_drafts, all_files)
    except OSError as error:
        raise _cannot_write(error, folder) from None
    return Written(folder, tuple(sorted(all_files)), tuple(changes), tuple(outcomes))


def _fill(staging: Path, folder: Path, owned: set[str], drafts: dict[str, bytes],
          files: dict[str, bytes]) -> None:
    """The new folder: people's files as they are, new drafts, and the importer's files (an
    unchanged one copied with its time, so that a preview does not rebuild for nothing)."""
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and relative not in owned:  # a person's file: kept as it is
                (staging / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, staging / relative)
    for relative, data in drafts.items():  # a person's file from now on
        (staging / relative).parent.mkdir(parents=True, exist_ok=True)
        (staging / relative).write_bytes(data)
    for relative, data in files.items():
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        old = folder / relative
        if old.is_file() and old.read_bytes() == data:
            shutil.copy2(old, target)
        else:
            target.write_bytes(data)


def _cannot_write(error: OSError, folder: Path) -> SiteError:
    where = error.filename or folder
    return SiteError([Problem(Location(str(where)), f"cannot write: {error.strerror or error}")])
