"""What the install keeps for the memo (setup.py: ship): the shipped genre profile, loaded from its
YAML once there and kept as the memo keeps it, under the key a site without profile files of its
own asks it by (memo.genre_key). A site's first build then reads that entry (the memo's
``shipped`` folder) instead of parsing the profile's twenty files.

The key names this program as it is (its code, the genre's files, the shaping libraries and
Python: fingerprint.program), so an entry made by another program, or before the genre's files
were edited, is never found: the profile is loaded from its files, as before. A site with profile
files of its own (content/genre/) has another key and loads them, as before.
"""

from __future__ import annotations

from pathlib import Path

from site_src import compiled
from site_src.genre import load_genre
from site_src.output.memo import Memo, genre_key

SHIPPED = "memo"  # in site_src/compiled/, the memo's folder of entries the install made


def shipped_memo() -> Path:
    """The folder of the memo entries the install made (which may be missing)."""
    return compiled() / SHIPPED


def ship(folder: Path) -> Path | None:
    """The shipped genre profile kept in ``folder``/memo, as the memo keeps it; the folder, or
    None where this program cannot be named (then there is nothing to key it by)."""
    key = genre_key(None)
    if key is None:
        return None
    target = folder / SHIPPED
    Memo(target).get("genre", key, load_genre)
    for entry in target.rglob("*.pickle"):
        entry.chmod(0o644)  # installed with the code: readable by whoever runs it, as the code is
    return target
