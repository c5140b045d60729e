"""python -m site_src: the same commands as build.py, run in the current folder."""

from site_src.cli import entry_point

entry_point()
