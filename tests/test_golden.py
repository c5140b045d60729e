"""The bundled site builds exactly as the golden manifest says (update: python -m tests.golden --update)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import opencc

from site_src.pipeline import BuildResult, Project, build

from .conftest import CONTENT, ROOT, SLOW
from .golden import MANIFEST, differences, expected, manifest


def test_the_bundled_site_matches_the_golden_manifest(built_site: tuple[Path, BuildResult]) -> None:
    changed = differences(expected(), manifest(built_site[0]))
    made_with = json.loads(MANIFEST.read_text(encoding="utf-8"))["opencc"]
    assert not changed, (
        f"{len(changed)} files differ from {MANIFEST.name} (made with OpenCC {made_with}, this is "
        f"{opencc.__version__}); review them, then run: python -m tests.golden --update\n"
        + "\n".join(changed[:40]))


@SLOW
def test_the_build_depends_on_the_content_alone(tmp_path: Path) -> None:
    """Without the raw source text (content/source/) the site is the same, byte for byte: the
    build reads only the YAML, which holds what the audit needs (originals.yaml)."""
    shutil.copytree(CONTENT, tmp_path / "content", ignore=shutil.ignore_patterns("source"))
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    assert not (tmp_path / "content" / "source").exists()
    build(Project.of(tmp_path / "content", tmp_path / "output"))
    assert differences(expected(), manifest(tmp_path / "output")) == []
