"""Reading and writing files at the edges of the pipeline: every failure is a located error.

Parsers take strings; only these functions touch the disk for content, so the rules for what may
be read (and how a file is written whole or not at all) live in one place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from site_src.errors import Location, Problem, SiteError


def read_bytes(path: Path) -> bytes:
    """A file's bytes; a missing or unreadable file is an error naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SiteError([Problem(Location(str(path)), "file not found")]) from None
    except OSError as error:
        raise SiteError([Problem(Location(str(path)), f"cannot read: {error.strerror}")]) from None


def read_text(path: Path) -> str:
    """A content file as text: missing files and invalid UTF-8 are errors with a location."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SiteError([Problem(Location(str(path), line), "not valid UTF-8")]) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole under a temporary name and rename it into place: a reader (or an
    interrupted run) sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; content is shared like any file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
