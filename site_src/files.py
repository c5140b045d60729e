"""Reading and writing files at the edges of the pipeline: every failure is a located error.

Parsers take strings; only these functions touch the disk for content, so the rules for what may
be read (and how a file is written whole or not at all) live in one place:

- only regular files are read, and at most ``MAX_BYTES`` of one: a device (/dev/zero), a named
  pipe or a folder where a file should be is an error, never an endless read or a hang;
- text holds no control characters (NUL, ESC, …): they cut text short in OpenCC and drive
  terminals, so each is an error with its line and column;
- a content folder's symbolic links stay inside it, so a build cannot publish a file from
  elsewhere (``check_tree``).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from site_src.errors import Location, Problem, SiteError

# The most one file may hold: a report's text is 20 to 80 KB (the largest real one is under
# 0.1 MB), so this is two hundred of them; more is the wrong file, and would take minutes.
MAX_BYTES = 16 * 1024 * 1024
# What text may not hold: control characters (C0, DEL, C1) other than tab, line feed and carriage
# return, and the bidirectional embeddings, overrides and isolates, which reorder the text a
# reader sees (U+202A-U+202E, U+2066-U+2069).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC",
                  0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI", 0x9D: "OSC", 0x202A: "LRE", 0x202B: "RLE",
                  0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO", 0x2066: "LRI", 0x2067: "RLI",
                  0x2068: "FSI", 0x2069: "PDI"}
_SHOWN_PER_FILE = 5  # control characters listed one by one; the rest are counted


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes; a missing, unreadable, special or oversized file is an error naming it."""
    try:
        # Non-blocking, so that opening a named pipe returns at once instead of waiting for a writer.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise SiteError([Problem(Location(str(path)), "file not found")]) from None
    except OSError as error:
        raise SiteError([Problem(Location(str(path)), f"cannot read: {error.strerror}")]) from None
    try:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            raise SiteError([Problem(Location(str(path)), f"cannot read: it is {_kind(mode)}, not a "
                                                          "regular file; put the file itself here")])
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise SiteError([Problem(Location(str(path)), f"cannot read: {error.strerror}")]) from None
    finally:
        os.close(handle)
    if size > limit:
        raise SiteError([Problem(Location(str(path)), too_large(os.stat(path).st_size, limit))])
    return b"".join(chunks)


def too_large(size: int, limit: int = MAX_BYTES) -> str:
    return (f"the file is {size / 1024 / 1024:.1f} MB, more than the {limit // 1024 // 1024} MB one "
            "file may hold (a report's text is under 0.1 MB): is it the right file?")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def read_text(path: Path) -> str:
    """A content file as text: missing files, invalid UTF-8 and control characters are errors
    with a location."""
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SiteError([Problem(Location(str(path), line), "not valid UTF-8")]) from None
    problems = control_characters(text, str(path))
    if problems:
        raise SiteError(problems)
    return text


def control_characters(text: str, file: str, first_line: int = 1) -> list[Problem]:
    """One problem (line, column) for each control character in ``text``, the first few by one."""
    found = list(CONTROL.finditer(text))

    def where(start: int) -> Location:
        line = text.count("\n", 0, start) + first_line
        return Location(file, line, start - (text.rfind("\n", 0, start) + 1) + 1)

    problems = [Problem(where(match.start()), control_message(match.group()))
                for match in found[:_SHOWN_PER_FILE]]
    if len(found) > _SHOWN_PER_FILE:
        rest = len(found) - _SHOWN_PER_FILE
        problems.append(Problem(where(found[_SHOWN_PER_FILE].start()),
                                f"{rest} more control character{'s' if rest > 1 else ''} from here on"))
    return problems


def control_message(char: str, hint: str = "") -> str:
    """What is wrong with a control character in text, and what to do (``hint``: how it may
    have been written)."""
    if "\u202a" <= char <= "\u2069":
        kind, why = "bidirectional control character", "it reorders what a reader sees"
    else:
        kind, why = "control character", "it would cut the text short or reach a terminal"
    return f"{kind} {character_name(char)} is not allowed in text ({why}{hint}): remove it"


def character_name(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def check_tree(root: Path, what: str = "content folder") -> list[Problem]:
    """Symbolic links under ``root`` that lead out of it (or nowhere), and folders that cannot be
    read: a build publishes what is inside its content folder (and its ``what``: its templates
    folder) and nothing else."""
    problems: list[Problem] = []
    if not root.is_dir():
        return problems  # what needs to be there is reported missing where it is read
    base = root.resolve()
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            problems.append(Problem(Location(str(folder)), f"cannot read the folder: {error.strerror}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                target = Path(os.path.realpath(path))
                if not target.exists():
                    problems.append(Problem(Location(str(path)), f"a symbolic link to {os.readlink(path)}, "
                                                                 "which does not exist"))
                elif target != base and base not in target.parents:
                    problems.append(Problem(Location(str(path)), (
                        f"a symbolic link to {target}, outside the {what}: a site publishes "
                        f"only what is inside {root}; copy the file in instead of linking to it")))
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
    return sorted(problems, key=lambda problem: problem.location.file)


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
