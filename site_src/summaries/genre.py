"""The genre's vocabulary: data files under site_src/genres/<genre>/, read once.

The detectors (industry_draft, slogan_detect) know nothing of the genre in code; what a work
report calls its tiers, how it counts and lists, which words end a formula's name, all come from
these files, so a genre is changed by editing data.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

GENRES = Path(__file__).resolve().parent.parent / "genres"
WORK_REPORT = "work-report"


@cache
def vocabulary(name: str, genre: str = WORK_REPORT) -> dict[str, Any]:
    """The mapping in genres/<genre>/<name>.yaml (a ValueError names the file if it is not one)."""
    path = GENRES / genre / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


def longest_first(words: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Words ordered for a regex alternation: longest first, so 战略性新兴产业 wins over 新兴产业."""
    return tuple(sorted(dict.fromkeys(words), key=lambda w: (-len(w), w)))
