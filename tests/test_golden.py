"""The bundled site builds exactly as the golden manifest says (update: python -m tests.golden --update)."""

from __future__ import annotations

import json
from pathlib import Path

import opencc

from site_src.pipeline import BuildResult

from .golden import MANIFEST, differences, expected, manifest


def test_the_bundled_site_matches_the_golden_manifest(built_site: tuple[Path, BuildResult]) -> None:
    changed = differences(expected(), manifest(built_site[0]))
    made_with = json.loads(MANIFEST.read_text(encoding="utf-8"))["opencc"]
    assert not changed, (
        f"{len(changed)} files differ from {MANIFEST.name} (made with OpenCC {made_with}, this is "
        f"{opencc.__version__}); review them, then run: python -m tests.golden --update\n"
        + "\n".join(changed[:40]))
