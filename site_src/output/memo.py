"""What a build may keep from the last one: results of pure stages, keyed by everything they
depend on.

A stage whose inputs hash to the same key gives the same result, so keeping it is exact: the
key is a digest of the inputs themselves (a report's whole model, its glossaries, the variants,
OpenCC's version, this program's own files), never a time or a name. Results are kept in memory
(a preview's build worker keeps them from one save to the next) and, given a folder, on disk
(.cache/memo/, for the next build in a new process). A cache file that cannot be read is
recomputed; one that cannot be written is skipped: the cache only ever saves time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from site_src.files import MAX_BYTES
from site_src.project import library_versions

T = TypeVar("T")


def digest(*parts: Any) -> str:
    """A key for these inputs: strings, bytes, numbers, None and tuples or lists of them.

    Nothing else is taken (an object's repr may name its address, a key that would never match
    again, or leave out what it holds): the inputs of a stage are named by what makes them, such
    as the bytes of the files they are loaded from (``folder_digest``).
    """
    hasher = hashlib.sha256()
    _feed(hasher, parts)
    return hasher.hexdigest()


def _feed(hasher: Any, value: Any) -> None:
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        hasher.update(b"s%d:" % len(data) + data)
    elif isinstance(value, bytes):
        hasher.update(b"b%d:" % len(value) + value)
    elif value is None or isinstance(value, (bool, int, float)):
        hasher.update(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, (tuple, list)):
        hasher.update(b"t%d:" % len(value))
        for item in value:
            _feed(hasher, item)
    else:
        raise TypeError(f"cannot key a {type(value).__name__}: name it by what makes it")


def folder_digest(folder: Path, skip: frozenset[str] = frozenset()) -> str | None:
    """A key for everything under ``folder`` (but its top-level entries named in ``skip``): each
    file's path and bytes. None if some of it cannot be read, or is a link or no regular file: its
    bytes might come from elsewhere, so what is built from it is not kept (and is always made)."""
    hasher = hashlib.sha256()
    try:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if relative.parts[0] in skip or "__pycache__" in relative.parts:
                continue
            mode = path.lstat().st_mode
            if stat.S_ISDIR(mode):
                _feed(hasher, ("folder", relative.as_posix()))
            elif stat.S_ISREG(mode) and path.stat().st_size <= MAX_BYTES:
                _feed(hasher, ("file", relative.as_posix(), path.read_bytes()))
            else:
                return None
    except OSError:
        return None
    return hasher.hexdigest()


@functools.cache
def program() -> str:
    """This program, its data and its converter: a result made by another version is not this one's."""
    package = Path(__file__).resolve().parent.parent
    return digest(library_versions(), folder_digest(package))


class Memo:
    """Results by (kind, key), in memory and, if ``folder`` is given, on disk. A result that
    depends on this program alone (``program=True``: OpenCC's dictionaries read out) goes to
    ``program_folder`` instead, which every site on the machine shares."""

    def __init__(self, folder: Path | None = None, program_folder: Path | None = None) -> None:
        self.folder = folder
        self.program_folder = program_folder
        self._memory: dict[tuple[str, str], Any] = {}
        self._used: set[tuple[str, str]] = set()

    def get(self, kind: str, key: str, compute: Callable[[], T], *, disk: bool = True,
            program: bool = False) -> T:
        folder = (self.program_folder if program else self.folder) if disk else None
        found = self._memory.get((kind, key), _MISSING)
        if found is _MISSING and folder is not None:
            found = self._read(folder, kind, key)
        if found is _MISSING:
            found = compute()
            if folder is not None:
                self._write(folder, kind, key, found)
        self._memory[(kind, key)] = found
        self._used.add((kind, key))
        return found  # type: ignore[return-value]

    def peek(self, kind: str, key: str) -> Any:
        """The kept result, or None (the caller computes what is missing, perhaps in bulk)."""
        found = self._memory.get((kind, key), _MISSING)
        if found is _MISSING and self.folder is not None:
            found = self._read(self.folder, kind, key)
            if found is not _MISSING:
                self._memory[(kind, key)] = found
        if found is _MISSING:
            return None
        self._used.add((kind, key))
        return found

    def put(self, kind: str, key: str, value: T) -> T:
        self._memory[(kind, key)] = value
        self._used.add((kind, key))
        if self.folder is not None:
            self._write(self.folder, kind, key, value)
        return value

    def forget_unused(self) -> None:
        """Drop from memory what was not used since the last time: a process that builds again
        and again (the preview's) holds one build's results, not every edit's."""
        self._memory = {key: value for key, value in self._memory.items() if key in self._used}
        self._used = set()

    @staticmethod
    def _read(folder: Path, kind: str, key: str) -> Any:
        try:
            with (folder / kind / f"{key}.pickle").open("rb") as file:
                return pickle.load(file)
        except Exception:  # missing, damaged, or made by code that no longer exists: recompute
            return _MISSING

    @staticmethod
    def _write(folder: Path, kind: str, key: str, value: Any) -> None:
        path = folder / kind / f"{key}.pickle"
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".memo-", dir=path.parent)
            with os.fdopen(handle, "wb") as file:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except (OSError, pickle.PicklingError):
            if temporary is not None:  # a read-only project still builds, only slower
                Path(temporary).unlink(missing_ok=True)


_MISSING = object()
