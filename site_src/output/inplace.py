"""Writing a few files into a folder people also edit: each one compared and swapped, never a
person's save lost.

A report folder is shared: the importer writes its own files there, people write theirs (and
may save one of the importer's files while an import runs). So nothing is copied through a
staging folder (a save made meanwhile to a person's file would be left in the old folder and
lost); each of the importer's files is written on its own, in two steps:

1. every new file is written whole to a temporary name beside its target; a failure (a full disk,
   an interrupt) removes them all, and the folder is as it was;
2. with interrupts held, each target is read again and replaced (``os.replace``) only if it still
   holds what the caller checked (its sha256, or nothing): a file saved since is left as saved,
   and named in the answer.

Between the second reading and the rename a save could still slip in: a window of microseconds
where it was the time between checking the folder and swapping it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from site_src.output.write import interrupts_held, process_alive

_TEMPORARY = re.compile(r"\..+\.import-([0-9]+)-[0-9]+$")


@dataclass(frozen=True)
class Planned:
    """One file to write (``data``) or remove (None), if it still holds ``expected`` (the sha256
    the caller read; None: there is no file of this name)."""

    name: str  # relative to the folder, with /
    data: bytes | None
    expected: str | None


def sha256_of(path: Path) -> str | None:
    """The sha256 of a regular file's bytes; None where there is none (missing, a folder, a link)."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def write_in_place(folder: Path, planned: Sequence[Planned]) -> tuple[str, ...]:
    """Carry out ``planned`` in ``folder``, in its order; returns the names left alone because they
    no longer held what was checked. An OSError (or an interrupt) while the new files are written
    leaves the folder as it was, and goes out as it is."""
    remove_abandoned_files(folder)
    created = _folders_for(folder, planned)
    temporaries: dict[str, Path] = {}
    try:
        for number, change in enumerate(planned):
            if change.data is not None:
                target = folder / change.name
                temporary = target.with_name(f".{target.name}.import-{os.getpid()}-{number}")
                temporaries[change.name] = temporary
                temporary.write_bytes(change.data)
        with interrupts_held():
            return _swap_each(folder, planned, temporaries)
    finally:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        for made in reversed(created):  # made for files that were not written after all
            _remove_if_empty(made)


def _swap_each(folder: Path, planned: Sequence[Planned], temporaries: dict[str, Path]) -> tuple[str, ...]:
    refused = []
    for change in planned:
        target = folder / change.name
        if sha256_of(target) != change.expected or (change.expected is None and os.path.lexists(target)):
            refused.append(change.name)
        elif change.data is None:
            target.unlink()
            _remove_if_empty(target.parent, stop=folder)
        elif change.expected is None:
            try:  # only where there is still no file of its name: a link is made or refused in one step
                os.link(temporaries[change.name], target)
            except FileExistsError:
                refused.append(change.name)
        else:
            os.replace(temporaries.pop(change.name), target)
    return tuple(refused)


def _folders_for(folder: Path, planned: Sequence[Planned]) -> list[Path]:
    """Make the folders the new files go in; returns those made, outermost first."""
    created: list[Path] = []
    for change in planned:
        if change.data is None:
            continue
        missing = [parent for parent in (folder / change.name).parents if not parent.exists()]
        for parent in reversed(missing):
            try:
                parent.mkdir()
                created.append(parent)
            except FileExistsError:
                pass  # made meanwhile, by someone else: theirs
    return created


def _remove_if_empty(path: Path, stop: Path | None = None) -> None:
    while path != stop:
        try:
            path.rmdir()
        except OSError:
            return  # not empty, or gone: left as it is
        if stop is None:
            return
        path = path.parent


def remove_abandoned_files(folder: Path) -> None:
    """Temporary files of imports killed before they could clean up (their process is gone)."""
    if not folder.is_dir():
        return
    for path in folder.rglob(".*.import-*"):
        match = _TEMPORARY.fullmatch(path.name)
        if match and not process_alive(int(match.group(1))) and path.is_file():
            path.unlink(missing_ok=True)
