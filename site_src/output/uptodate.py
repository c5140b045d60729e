"""Skipping a build whose result is already in place: all or nothing, never a partial rebuild.

A build is a pure function of the content, the templates, this program (with the versions of the
libraries that shape the output, see fingerprint.py) and SOURCE_DATE_EPOCH. When none of them
changed since the last build into the same folder, and every file of that folder is still byte for
byte what that build wrote, the build has nothing to do. Anything else, however small, is a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from site_src.output.fingerprint import digest, file_digests, folder_digest, program
from site_src.output.memo import keep_entry
from site_src.project import BuildResult, Project


def kept_build(project: Project) -> tuple[str | None, BuildResult | None]:
    """The key of a build of this project now, and the last build's result if it still stands.

    Only this module and the project's are imported for it: a build with nothing to do says so
    without loading the pipeline.
    """
    key = build_key(project)
    previous = previous_result(_builds(project), project.output, key)
    try:
        return key, BuildResult(files=previous["files"], pages=previous["pages"],
                                variants=tuple(previous["variants"]),
                                search=tuple((path, size) for path, size in previous["search"]),
                                up_to_date=True)
    except (KeyError, TypeError, ValueError):  # no record, or one this program did not write
        return key, None


def build_key(project: Project) -> str | None:
    """The key of a build of this project as its folders are now (see ``fingerprint``)."""
    return fingerprint(project.content, project.templates, project.output, project.base_url)


def remember_build(project: Project, key: str | None, result: BuildResult, digests: dict[str, str]) -> None:
    """Record a build that wrote ``digests`` (each file of the output folder by its path, with its
    sha256: write.Written's, so the folder is not read again)."""
    remember(_builds(project), project.output, key, digests, {
        "files": result.files, "pages": result.pages, "variants": list(result.variants),
        "search": [list(item) for item in result.search]})


def _builds(project: Project) -> Path:
    return project.cache / "builds"

def fingerprint(content: Path, templates: tuple[Path, ...], output: Path,
                base_url: str | None = None) -> str | None:
    """A digest of everything a build depends on (the content, the templates, this program, the
    time stamp asked for, the output folder, the address given on the command line); None when
    some of it cannot be named (a link, a special file: the build then runs in full, and reports
    the file where it reads it)."""
    folders = [folder_digest(folder) for folder in (content, *templates)]
    if None in folders or program() is None:
        return None
    return digest(folders, program(), os.environ.get("SOURCE_DATE_EPOCH", ""), os.fsencode(output.resolve()),
                  base_url or "")


def _record(cache: Path, output: Path) -> Path:
    return cache / f"{hashlib.sha256(os.fsencode(output.resolve())).hexdigest()[:16]}.json"


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
        if file_digests(output) != record.get("manifest"):
            return None
    except OSError:
        return None
    result = record.get("result")
    return result if isinstance(result, dict) else None


def remember(cache: Path, output: Path, key: str | None, digests: dict[str, str],
             result: dict[str, Any]) -> None:
    """Record a finished build that left ``digests`` in ``output`` (each file by its path, with its
    sha256); a project that cannot be written to simply is not skipped."""
    if key is None:
        return
    record = json.dumps({"fingerprint": key, "manifest": dict(sorted(digests.items())), "result": result})
    keep_entry(_record(cache, output), lambda file: file.write(record.encode("utf-8")))
