"""What a reader downloads for a section page: its HTML and the CSS and JS it loads, gzipped (level
9), for every section page of the bundled site: the median, the smallest and the largest (the goal,
#29: at most 6 KB). Builds the bundled site into a temporary folder. Prints figures; asserts nothing.

    python bench/weight.py
"""

from __future__ import annotations

import gzip
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def loaded(page: Path) -> list[tuple[str, bytes]]:
    """The page and each style sheet and script it loads, by name."""
    html = page.read_bytes()
    found = [(page.name, html)]
    for reference in re.findall(rb'(?:href|src)="([^"]+\.(?:css|js))"', html):
        found.append((reference.decode().rsplit("/", 1)[-1], (page.parent / reference.decode()).read_bytes()))
    return found


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="report-site-weight-") as temporary:
        out = Path(temporary) / "out"
        subprocess.run([sys.executable, str(ROOT / "build.py"), "-q", "--out", str(out)], cwd=ROOT,
                       check=True)
        for variant in ("zh-hans", "zh-hant"):
            pages = sorted((out / variant).glob("*/[0-9][0-9].html"))
            totals = {page: sum(gzipped(data) for _, data in loaded(page)) for page in pages}
            largest = max(totals, key=totals.__getitem__)
            median, smallest = statistics.median(totals.values()), min(totals.values())
            print(f"{variant}: {len(pages)} section pages, gzipped with what they load: median "
                  f"{median / 1024:.2f} KB, smallest {smallest / 1024:.2f} KB, largest "
                  f"{totals[largest] / 1024:.2f} KB ({largest.relative_to(out / variant)})")
            for name, data in loaded(largest):
                print(f"    {name:<16} {len(data):>7} bytes {gzipped(data):>6} gzipped")


if __name__ == "__main__":
    main()
