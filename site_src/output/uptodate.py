"""Skipping a build whose result is already in place: all or nothing, never a partial rebuild.

A build is a pure function of the content, the templates, this program, the versions of the
libraries that shape the output and SOURCE_DATE_EPOCH. When none of them changed since the last
build into the same folder, and every file of that folder is still byte for byte what that build
wrote, the build has nothing to do. Anything else, however small, is a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import site_src
from site_src.files import MAX_BYTES
from site_src.project import BuildResult, Project, library_versions


def kept_build(project: Project) -> tuple[str | None, BuildResult | None]:
    """The key of a build of this project now, and the last build's result if it still stands.

    Only this module and the project's are imported for it: a build with nothing to do says so
    without loading the pipeline.
    """
    key = fingerprint(project.content, project.templates, project.output)
    previous = previous_result(_builds(project), project.output, key)
    try:
        return key, BuildResult(files=previous["files"], pages=previous["pages"],
                                variants=tuple(previous["variants"]),
                                search=tuple((path, size) for path, size in previous["search"]),
                                up_to_date=True)
    except (KeyError, TypeError, ValueError):  # no record, or one this program did not write
        return key, None


def remember_build(project: Project, key: str | None, result: BuildResult) -> None:
    remember(_builds(project), project.output, key, {
        "files": result.files, "pages": result.pages, "variants": list(result.variants),
        "search": [list(item) for item in result.search]})


def _builds(project: Project) -> Path:
    return project.cache / "builds"

def fingerprint(content: Path, templates: tuple[Path, ...], output: Path) -> str | None:
    """A digest of everything a build depends on; None when some of it cannot be read (the build
    then runs in full, and reports the file where it reads it)."""
    digest = hashlib.sha256()
    program = Path(site_src.__file__).parent
    try:
        for folder in (content, *templates, program):
            for relative, data in _tree(folder):
                digest.update(os.fsencode(relative) + b"\0")
                digest.update(data)
    except OSError:
        return None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    digest.update(f"{' '.join(library_versions())}\0{sys.version}\0{epoch}\0".encode()
                  + os.fsencode(output.resolve()))
    return digest.hexdigest()


def _tree(folder: Path) -> Iterator[tuple[str, bytes]]:
    """(relative path, what it holds) of everything under ``folder``, by name, never following a
    link or opening anything but a regular file: a link counts by where it points (loading the
    content refuses one that leads outside), a device or a named pipe by its kind, so that
    neither is read (/dev/zero would never end, a pipe would wait for a writer)."""
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        mode = path.lstat().st_mode
        relative = path.relative_to(folder).as_posix()
        if stat.S_ISLNK(mode):
            yield relative, b"link\0" + os.fsencode(os.readlink(path))
        elif stat.S_ISREG(mode):
            if path.stat().st_size > MAX_BYTES:
                raise OSError(f"{path} is too large")  # loading reports it
            yield relative, path.read_bytes()
        elif not stat.S_ISDIR(mode):
            yield relative, f"special {stat.S_IFMT(mode)}".encode()


def _record(cache: Path, output: Path) -> Path:
    return cache / f"{hashlib.sha256(os.fsencode(output.resolve())).hexdigest()[:16]}.json"


def _manifest(output: Path) -> dict[str, str]:
    return {relative: hashlib.sha256(data).hexdigest() for relative, data in _tree(output)}


def previous_result(cache: Path, output: Path, key: str | None) -> dict[str, Any] | None:
    """What the last build reported, if it can stand: same inputs, output untouched."""
    if key is None:
        return None
    try:
        record = json.loads(_record(cache, output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != key or not output.is_dir():
        return None
    try:
        if _manifest(output) != record.get("manifest"):
            return None
    except OSError:
        return None
    result = record.get("result")
    return result if isinstance(result, dict) else None


def remember(cache: Path, output: Path, key: str | None, result: dict[str, Any]) -> None:
    """Record a finished build; a project that cannot be written to simply is not skipped."""
    if key is None:
        return
    try:
        cache.mkdir(parents=True, exist_ok=True)
        _record(cache, output).write_text(json.dumps(
            {"fingerprint": key, "manifest": _manifest(output), "result": result}), encoding="utf-8")
    except OSError:
        pass
