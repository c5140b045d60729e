"""Build the site: python build.py [build|import FILE|serve]. The logic lives in site_src/."""

import sys
from pathlib import Path

from site_src.cli import main

sys.exit(main(root=Path(__file__).resolve().parent))
