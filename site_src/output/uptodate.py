"""Skipping a build whose result is already in place: all or nothing, never a partial rebuild.

A build is a pure function of the content, the templates, this program, OpenCC's version and
SOURCE_DATE_EPOCH. When none of them changed since the last build into the same folder, and
every file of that folder is still byte for byte what that build wrote, the build has nothing to
do. Anything else, however small, is a full build.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import site_src

def fingerprint(content: Path, templates: tuple[Path, ...], output: Path) -> str:
    digest = hashlib.sha256()
    program = Path(site_src.__file__).parent
    for folder in (content, *templates, program):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder)}\0".encode())
                digest.update(path.read_bytes())
    import opencc  # the converter's dictionaries decide the Traditional text

    digest.update(f"{opencc.__version__}\0{sys.version}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}"
                  f"\0{output.resolve()}".encode())
    return digest.hexdigest()


def _record(cache: Path, output: Path) -> Path:
    return cache / f"{hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]}.json"


def _manifest(output: Path) -> dict[str, str]:
    return {path.relative_to(output).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(output.rglob("*")) if path.is_file()}


def previous_result(cache: Path, output: Path, key: str) -> dict[str, Any] | None:
    """What the last build reported, if it can stand: same inputs, output untouched."""
    try:
        record = json.loads(_record(cache, output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != key or not output.is_dir():
        return None
    if _manifest(output) != record.get("manifest"):
        return None
    result = record.get("result")
    return result if isinstance(result, dict) else None


def remember(cache: Path, output: Path, key: str, result: dict[str, Any]) -> None:
    """Record a finished build; a project that cannot be written to simply is not skipped."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        _record(cache, output).write_text(json.dumps(
            {"fingerprint": key, "manifest": _manifest(output), "result": result}), encoding="utf-8")
    except OSError:
        pass
