"""Writing the site safely: everything goes to a staging folder, swapped in only on success."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from site_src.errors import Location, Problem, SiteError


def write_site(files: Iterable[tuple[str, bytes]], out_dir: Path) -> int:
    """Write all files under a staging folder next to out_dir, then swap it in.

    Until the swap, out_dir is untouched; a failure (or an interrupt) leaves it as it was.
    Returns the number of files written.
    """
    out_dir = out_dir.resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=out_dir.parent))
    except OSError as error:
        raise SiteError([Problem(Location(str(out_dir)),
                                 f"cannot write the output folder: {error.strerror}")]) from None
    count = 0
    try:
        for relative, data in sorted(files):
            target = (staging / relative).resolve()
            if staging not in target.parents:
                raise SiteError([Problem(Location(relative), "path escapes the output folder")])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _swap(staging: Path, out_dir: Path) -> None:
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.rmdir(old)
        os.rename(out_dir, old)
    try:
        os.rename(staging, out_dir)
    except OSError:
        if old is not None:
            os.rename(old, out_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
