"""What a build's inputs are, named by what they hold: the one way a folder is walked and digested,
and the one answer to "which program is this".

The memo keys a stage's result by the digest of its inputs (memo.py), the up-to-date check a
whole build by the digest of the content, the templates and this program (uptodate.py), and the
preview's worker ends when this program changed under it (rebuild.py). All of them walk a folder
here: by name, never following a link, leaving Python's caches out. Kept light (no pipeline): a build with
nothing to do says so before the pipeline is imported.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from site_src import shipped_templates
from site_src.files import MAX_BYTES
from site_src.project import library_versions

PACKAGE = Path(__file__).resolve().parent.parent  # site_src/: this program's code and data
_CACHES = "__pycache__"  # what Python writes beside the code: no input of anything
# What the package's build made of the code and the libraries (site_src/compiled: setup.py), each
# read only where it is what the code would make now: a cache, not a part of the program.
_MADE = frozenset({"compiled"})
_TEMPLATES = "templates"  # site_src/templates: the shipped templates, in a wheel


def walk(folder: Path, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, Path]]:
    """(relative path, path) of everything under ``folder`` (but its top-level entries named in
    ``skip``), in the order of their names (a folder before what it holds); links are listed, never
    followed."""
    for relative, path, _ in _entries(folder, "", skip):
        yield relative, path


def _entries(folder: Path, prefix: str, skip: frozenset[str]) -> Iterator[tuple[str, Path, os.DirEntry[str]]]:
    """walk's, each with its directory entry (which knows its kind and status without another look)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:  # gone, or not to be read: as a listing that holds nothing
        return
    for entry in entries:
        if entry.name == _CACHES or (not prefix and entry.name in skip):
            continue
        relative, path = prefix + entry.name, folder / entry.name
        yield relative, path, entry
        if entry.is_dir(follow_symlinks=False):
            yield from _entries(path, relative + "/", skip)


def files(folder: Path, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, bytes | None]]:
    """(relative path, bytes) of every file under ``folder``, None for a folder. Raises OSError
    for a link, anything that is no regular file (a device, a named pipe: never opened) and a file
    over MAX_BYTES: their bytes could come from elsewhere, or never end."""
    for relative, path, entry in _entries(folder, "", skip):
        status = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(status.st_mode):
            yield relative, None
        elif stat.S_ISREG(status.st_mode) and status.st_size <= MAX_BYTES:
            with open(path, "rb") as file:
                yield relative, file.read()
        else:
            raise OSError(f"{path} is not a regular file of at most {MAX_BYTES} bytes")


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
        for relative, data in files(folder, skip):
            _feed(hasher, ("folder", relative) if data is None else ("file", relative, data))
    except OSError:
        return None
    return hasher.hexdigest()


def file_digests(folder: Path) -> dict[str, str]:
    """Each file under ``folder`` by its path, with its sha256 (what a build wrote, to tell it
    untouched). Raises OSError as ``files`` does."""
    return {relative: hashlib.sha256(data).hexdigest() for relative, data in files(folder)
            if data is not None}


def program_now() -> str | None:
    """This program as it is on disk now: its code and data, the versions of the libraries that
    shape its output, and Python's. A result made by another program is not this one's."""
    # The shipped templates by themselves: inside the package in a wheel, beside it in a checkout
    # (a checkout and its wheel are one program: what the install keeps is found by both).
    package = folder_digest(PACKAGE, _MADE | {_TEMPLATES})
    templates = folder_digest(shipped_templates())
    if package is None or templates is None:
        return None
    return digest(library_versions(), sys.version, package, templates)


@functools.cache
def program() -> str | None:
    """This program as the running process loaded it (its code does not change under it: the
    preview's worker ends when ``program_now()`` says otherwise)."""
    return program_now()

