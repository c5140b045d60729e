"""Imports point one way: the genre profile sits below the importer and loads nothing of it."""

from __future__ import annotations

import subprocess
import sys


def modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_loading_the_genre_profile_loads_nothing_of_the_importer() -> None:
    loaded = modules_loaded_by("import site_src.genre; site_src.genre.load_genre()")
    assert "site_src.genre" in loaded and "site_src.words" in loaded
    assert sorted(name for name in loaded if name.startswith("site_src.ingest")) == []
