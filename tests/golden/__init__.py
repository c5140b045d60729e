"""The golden site: a manifest (path -> sha256) of the bundled site as it is expected to build.

    .venv/bin/python -m tests.golden            # compare a fresh build with the manifest
    .venv/bin/python -m tests.golden --update   # rebuild, rewrite the manifest, list what changed

The test (tests/test_golden.py) fails on any difference; the update prints every path added,
removed or changed, so a reviewer sees what a change did to the site before committing it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
MANIFEST = Path(__file__).resolve().parent / "manifest.json"


def manifest(site: Path) -> dict[str, str]:
    """Every file of a built site, by its path relative to the site, with its sha256."""
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def expected() -> dict[str, str]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]


def differences(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """One line per path that differs: + added, - removed, ~ changed."""
    lines = [f"+ {path}" for path in sorted(new.keys() - old.keys())]
    lines += [f"- {path}" for path in sorted(old.keys() - new.keys())]
    lines += [f"~ {path}" for path in sorted(old.keys() & new.keys()) if old[path] != new[path]]
    return sorted(lines, key=lambda line: line[2:])


def build_bundled(out: Path) -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from site_src.pipeline import Project, build

    build(Project.at(ROOT, out))
    return manifest(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the manifest from a fresh build")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        new = build_bundled(Path(folder) / "output")
    old = expected() if MANIFEST.exists() else {}
    changed = differences(old, new)
    print("\n".join(changed) if changed else "the build matches the golden manifest")
    if args.update:
        import opencc

        MANIFEST.write_text(json.dumps({"opencc": opencc.__version__, "files": new}, indent=1,
                                       sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {MANIFEST.relative_to(ROOT)} ({len(new)} files, {len(changed)} changed)")
        return 0
    return 1 if changed else 0
