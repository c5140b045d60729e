"""`new DIR`: the content folder of a new site, with nothing in it that belongs to one report.

The files are copied from the genre's new/ folder (site.yaml, glossary.yaml, pages/about.md), so
what a new site starts with is data, not code. The folder is made whole beside its place and
swapped into it (output/write.py: staged), so a failure leaves nothing behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from site_src.errors import fail
from site_src.genre import SHIPPED
from site_src.output.write import staged

TEMPLATE = SHIPPED / "new"
FILES = {"site.yaml": "site.yaml", "glossary.yaml": "glossary.yaml", "pages/about.md": "about.md"}


def new_site(folder: Path) -> list[str]:
    """Create the content folder; refuse one that exists with anything in it."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise fail(str(folder), "already exists and is not empty: a new site needs a folder of its own")
    try:
        with staged(folder) as staging:
            for target, source in FILES.items():
                (staging / target).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(TEMPLATE / source, staging / target)
    except OSError as error:
        raise fail(str(error.filename or folder), f"cannot write: {error.strerror}") from None
    return list(FILES)
