"""OpenCC's tables the conversion audit reads (each character's Traditional candidates, the phrases,
the glyph variants), as plain data.

OpenCC keeps its dictionaries in a binary format that only its own tools read: ``opencc_dict``,
which ships with the library, exports them as text. That takes five processes, so it is done once
when the package is built (setup.py: ``ship``, the tables written beside the code under the
digest of the dictionaries they were read from) and at a build only where the installed OpenCC's
dictionaries are not those (an OpenCC upgraded since, a package built without OpenCC at hand).
Only the standard library and OpenCC are imported here: the package's build runs this.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import opencc

from site_src import compiled
from site_src.errors import Location, Problem, SiteError

OPENCC_DATA = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
CHARACTERS, PHRASES = "STCharacters", ("STPhrases", "STPhrases_GeneratedFromRegionalPhrases")
VARIANTS = ("TWVariants", "HKVariants")
NAMES = (CHARACTERS, *PHRASES, *VARIANTS)
SHIPPED = "opencc-tables.json"


@dataclass(frozen=True)
class Tables:
    """Candidates per Simplified character (in OpenCC's order), every phrase of the Simplified to
    Traditional phrase dictionaries, and the glyph-variant pairs (both ways), each sorted."""

    characters: dict[str, tuple[str, ...]]
    phrases: tuple[str, ...]
    variants: tuple[tuple[str, str], ...]


def dictionaries_key(data: Path = OPENCC_DATA) -> str | None:
    """The digest of the dictionaries the tables are read from (None where one cannot be read)."""
    hasher = hashlib.sha256()
    try:
        for name in NAMES:
            content = (data / f"{name}.ocd2").read_bytes()
            hasher.update(b"%s %d\n" % (name.encode(), len(content)) + content)
    except OSError:
        return None
    return hasher.hexdigest()


def load(data: Path = OPENCC_DATA, shipped: Path | None = None) -> Tables:
    """The tables of these dictionaries: the ones shipped with the package if they were read from
    the same dictionaries, else exported now."""
    found = read_shipped(shipped or compiled() / SHIPPED, dictionaries_key(data))
    return found if found is not None else export(data)


def read_shipped(path: Path, key: str | None) -> Tables | None:
    """The tables written at ``path``, if they were read from the dictionaries of ``key``."""
    if key is None:
        return None
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept["key"] != key:
            return None
        return Tables({char: tuple(forms) for char, forms in kept["characters"].items()},
                      tuple(kept["phrases"]), tuple((a, b) for a, b in kept["variants"]))
    except (OSError, ValueError, KeyError, TypeError):  # none, or damaged: export them instead
        return None


def ship(folder: Path, data: Path = OPENCC_DATA) -> Path:
    """The tables exported from ``data`` and written in ``folder``, keyed by the dictionaries."""
    tables = export(data)
    kept = {"key": dictionaries_key(data), "opencc": opencc.__version__, "characters": tables.characters,
            "phrases": tables.phrases, "variants": tables.variants}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SHIPPED
    path.write_text(json.dumps(kept, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


def export(data: Path = OPENCC_DATA) -> Tables:
    """The tables read out of the dictionaries in ``data`` by OpenCC's own tool."""
    rows = _exported(data)
    variants = {(key, value) for name in VARIANTS for key, values in rows[name] for value in values}
    return Tables(
        characters=dict(rows[CHARACTERS]),
        phrases=tuple(sorted({key for name in PHRASES for key, _ in rows[name]})),
        variants=tuple(sorted(variants | {(b, a) for a, b in variants})),
    )


def _exported(data: Path) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Each dictionary's rows (key, values), exported as text by opencc_dict."""
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    if not tool.exists():
        raise SiteError([Problem(Location(str(tool)), "OpenCC's opencc_dict tool is missing; "
                                                      "the audit needs it to read the dictionaries")])
    tables: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    with tempfile.TemporaryDirectory(prefix="report-site-audit-") as folder:
        # The five exports run side by side: most of their time is starting the tool.
        running = [(name, subprocess.Popen(
            [str(tool), "-i", str(data / f"{name}.ocd2"), "-o", str(Path(folder) / f"{name}.txt"),
             "-f", "ocd2", "-t", "text"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
            for name in NAMES]
        for name, process in running:
            _, errors = process.communicate()
            if process.returncode != 0:
                raise SiteError([Problem(Location(str(tool)), f"OpenCC's opencc_dict could not export "
                                         f"{name}: {errors.decode('utf-8', 'replace').strip()}")])
            rows = []
            for line in (Path(folder) / f"{name}.txt").read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                rows.append((key, tuple(values.split(" "))))
            tables[name] = rows
    return tables
