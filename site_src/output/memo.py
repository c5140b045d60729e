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

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from site_src.output.fingerprint import digest, folder_digest, program
from site_src.project import GENRE, PAGES, REPORTS

T = TypeVar("T")


# --- the keys: what each kept result depends on ---------------------------------------------------

def report_keys(content: Path, folders: Mapping[str, Path]) -> dict[str, str | None]:
    """The key of each report's preparation, by slug (``folders``: each report's folder): its
    folder, the site's settings and glossaries, the genre's data (the content folder but its
    reports and editorial pages) and this program. None where some of it cannot be named."""
    site = folder_digest(content, frozenset({REPORTS, PAGES}))
    keys: dict[str, str | None] = {}
    for slug, folder in folders.items():
        own = folder_digest(folder)
        keys[slug] = digest(program(), site, slug, own) if site and own else None
    return keys


def genre_key(content: Path | None) -> str | None:
    """The genre profile of a site: this program (the shipped profile) and the site's own profile
    files (genre/ in its content folder, by path and bytes); None where they cannot be named.
    ``content`` None: a site without profile files of its own (what the install keeps, shipped.py)."""
    own = folder_digest(content / GENRE) if content is not None else NO_FILES
    return digest(program(), own) if own is not None else None


NO_FILES = hashlib.sha256().hexdigest()  # folder_digest of a folder that is missing or empty


def templates_key(templates: tuple[Path, ...]) -> str:
    """Compiled templates, by their folders (Jinja checks each template's source itself)."""
    return digest([folder.as_posix() for folder in templates])


def templates_check_key(templates: tuple[Path, ...]) -> str | None:
    """The template check's verdict, by this program and every file of the template folders (its
    path and bytes); None where some of it is a link or no regular file: then it is always made."""
    folders = [folder_digest(folder) for folder in templates]
    if any(found is None for found in folders):
        return None
    return digest(program(), [folder.as_posix() for folder in templates], folders)


def program_key() -> str:
    """What depends on this program alone (OpenCC's dictionaries read out)."""
    return digest(program())


def characters_key(characters: frozenset[str]) -> str:
    """What depends on this program and a set of characters (the search's fold)."""
    return digest(program(), sorted(characters))


class Memo:
    """Results by (kind, key), in memory and, if ``folder`` is given, on disk. A result that
    depends on this program alone (``program=True``: OpenCC's dictionaries read out) goes to
    ``program_folder`` instead, which every site on the machine shares. ``shipped``: entries the
    install made (shipped.py), read where neither folder holds one, never written.

    With ``hold``, results are put on disk only when ``write_held`` is called: a process that keeps
    them in memory anyway (the preview's worker) tells its build's result first, then writes them."""

    def __init__(self, folder: Path | None = None, program_folder: Path | None = None,
                 shipped: Path | None = None, hold: bool = False) -> None:
        self.folder = folder
        self.program_folder = program_folder
        self.shipped = shipped
        self._memory: dict[tuple[str, str], Any] = {}
        self._used: set[tuple[str, str]] = set()
        self._held: list[tuple[Path, str, str, Any]] | None = [] if hold else None

    def get(self, kind: str, key: str, compute: Callable[[], T], *, disk: bool = True,
            program: bool = False) -> T:
        folder = (self.program_folder if program else self.folder) if disk else None
        found = self._memory.get((kind, key), _MISSING)
        if found is _MISSING and folder is not None:
            found = self._read(folder, kind, key)
        if found is _MISSING and folder is not None and self.shipped is not None:
            found = self._read(self.shipped, kind, key)  # as the install made it: not written again
        if found is _MISSING:
            found = compute()
            if folder is not None:
                self._keep(folder, kind, key, found)
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
            self._keep(self.folder, kind, key, value)
        return value

    def write_held(self) -> None:
        """Put on disk what was held (see ``hold``)."""
        held, self._held = self._held, [] if self._held is not None else None
        for folder, kind, key, value in held or ():
            self._write(folder, kind, key, value)

    def _keep(self, folder: Path, kind: str, key: str, value: Any) -> None:
        if self._held is None:
            self._write(folder, kind, key, value)
        else:
            self._held.append((folder, kind, key, value))

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
        with contextlib.suppress(pickle.PicklingError):  # one that cannot be kept is made again
            keep_entry(folder / kind / f"{key}.pickle",
                       lambda file: pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL))


def keep_entry(path: Path, write: Callable[[BinaryIO], None]) -> bool:
    """One cache entry, written whole: to a temporary file in its folder, renamed into place.

    Any number of processes may write the same entry at once (each rename puts a whole file in
    place, the last one stays) or remove the cache meanwhile (its folder is made again, once); an
    entry that cannot be written is skipped (False): a read-only project still builds, only slower.
    """
    for _ in range(2):
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "wb") as file:
                write(file)
            os.replace(temporary, path)
            return True
        except FileNotFoundError:  # the folder removed under us (a cache cleared): make it again
            continue
        except OSError:
            return False
        finally:
            if temporary is not None and os.path.exists(temporary):
                Path(temporary).unlink(missing_ok=True)
    return False


_MISSING = object()
