"""Build the site: python build.py [build|import FILE|serve]. The logic lives in site_src/."""

from pathlib import Path

from site_src.cli import entry_point

entry_point(root=Path(__file__).resolve().parent)
