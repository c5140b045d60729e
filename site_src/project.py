"""A site's folders and what a build reports: kept light (no pipeline), so that a build with
nothing to do can say so before the pipeline is imported."""

from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from site_src import shipped_templates

REPORTS = "reports"  # the content folder's folder of reports, one folder each
PAGES = "pages"  # and of the site's own pages (about.md, …)
GENRE = "genre"  # and of the site's own genre profile files, in place of the shipped ones
# The libraries whose version can change what a build writes (the converter's dictionaries,
# the segmenter's, the templates' engine, the Markdown and YAML readers, the minifiers).
SHAPING_LIBRARIES = ("opencc", "rjieba", "jinja2", "markdown-it-py", "pyyaml", "rcssmin", "rjsmin")


@functools.cache
def library_versions() -> tuple[str, ...]:
    """name==version of each shaping library, not imported: from the name of its installed
    metadata folder (name-version.dist-info, in the first folder of the path that has one, where
    importlib.metadata finds it), else from importlib.metadata itself (an egg, two folders for one
    library). Reading the names spares every build importing importlib.metadata (and email, zipfile,
    csv …): a tenth of an up-to-date build's time."""
    wanted = {_normal(name): name for name in SHAPING_LIBRARIES}
    found: dict[str, str | None] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        here: dict[str, list[str]] = {}
        for entry in names:
            stem = entry.removesuffix(".dist-info")
            if stem != entry and stem.count("-") == 1:
                name, version = stem.split("-")
                if _normal(name) in wanted:
                    here.setdefault(_normal(name), []).append(version)
        for key, versions in here.items():
            if key not in found:
                found[key] = versions[0] if len(versions) == 1 else None
        if len(found) == len(wanted):
            break
    return tuple(f"{name}=={found.get(key) or _installed_version(name)}" for key, name in wanted.items())


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _installed_version(name: str) -> str:
    from importlib import metadata

    return metadata.version(name)


@dataclass(frozen=True)
class Project:
    """Where things are: the content folder, the output folder, the templates, the cache."""

    content: Path
    output: Path
    templates: tuple[Path, ...]  # first match wins: the site's own templates/, then the shipped ones
    cache: Path  # what a build keeps for the next build of this site
    # What depends on this program alone (templates compiled, OpenCC's dictionaries read out),
    # kept once for every site on the machine, as Python keeps its compiled modules.
    program_cache: Path | None = None  # None: not kept (no home to keep it in)
    # The site's address given on the command line (build --base-url), in place of site.yaml's.
    base_url: str | None = None

    @classmethod
    def of(cls, content: Path, output: Path | None = None, base_url: str | None = None) -> Project:
        """A site's folders: output/, templates/ and .cache/ sit beside its content folder."""
        beside = content.parent
        folders = (beside / "templates", shipped_templates())
        templates = tuple(dict.fromkeys(folder.resolve() for folder in folders if folder.is_dir()))
        return cls(content, output or beside / "output", templates, beside / ".cache", machine_cache(),
                   base_url)

    def kept_for_program(self, name: str) -> Path | None:
        return self.program_cache / name if self.program_cache is not None else None

    @classmethod
    def at(cls, root: Path, output: Path | None = None) -> Project:
        return cls.of(root / "content", output)


def machine_cache() -> Path | None:
    """$XDG_CACHE_HOME/report-site, else ~/.cache/report-site (the XDG base directory rule); None
    without a home (never a shared temporary folder: what is kept there is loaded as code)."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(configured):
        return Path(configured) / "report-site"
    try:
        return Path.home() / ".cache" / "report-site"
    except (RuntimeError, KeyError):
        return None


@dataclass(frozen=True)
class BuildResult:
    files: int
    pages: int
    variants: tuple[str, ...]
    search: tuple[tuple[str, int], ...] = ()  # search files and their sizes in bytes
    up_to_date: bool = False  # nothing had changed: the output in place is this build's
