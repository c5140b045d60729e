"""Build the site: python build.py [build|import FILE|serve]. The logic lives in site_src/."""

from pathlib import Path

from site_src.cli import entry_point

# Paths given are taken from the current folder, as report-site takes them; without --content,
# the site is the one build.py sits in.
entry_point(home=Path(__file__).resolve().parent)
