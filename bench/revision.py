"""Another revision of the program, as files: what against.py and segmenter.py compare with."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def extracted(rev: str, folder: Path) -> Path:
    """REV's committed tree (git archive) written into ``folder``, made here."""
    folder.mkdir()
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder
