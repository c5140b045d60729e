"""content/glossary.yaml: the project's phrase overrides for the converted (Traditional) variants.

Each entry: a Simplified phrase, its Traditional form, why, and optionally the variants it is for
(default: every variant that is converted). They are applied inside OpenCC as a user dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from site_src.errors import Location
from site_src.files import read_text
from site_src.model import GlossaryEntry
from site_src.yamlio import Field, ListOf, Reader, Table, Text, child, items, read_document

_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACE = re.compile(r"\s")  # any white space: a space, a tab, a line break, an ideographic space


def load_glossary(path: Path, variant_codes: tuple[str, ...] = ()) -> tuple[GlossaryEntry, ...]:
    """The glossary; a missing or empty file means no overrides."""
    if not path.exists():
        return ()
    document = read_document(read_text(path), str(path), glossary_table(variant_codes), empty=None)
    return document.entries if document is not None else ()


def _entry(phrase: str, traditional: str, reason: str, variants: tuple[str, ...],
           where: Location) -> GlossaryEntry:
    return GlossaryEntry(phrase, traditional, reason, variants, where.line or 0)


def _check_entry(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
    phrase, traditional = values["phrase"], values["traditional"]
    for name in ("phrase", "traditional"):
        space = _SPACE.search(values[name])
        if space:
            reader.problem(nodes.get(name), f"{path}.{name}",
                           f"{values[name]!r} holds a space ({space.group()!r}): OpenCC's dictionary "
                           "separates words by spaces and tabs, so a space here would delete or "
                           "insert text; remove it")
    if phrase and traditional and len(phrase) != len(traditional):
        reader.problem(nodes.get("traditional"), f"{path}.traditional",
                       f"{traditional!r} must have as many characters as {phrase!r}")
    if phrase and not _HAN.search(phrase):
        reader.problem(nodes.get("phrase"), f"{path}.phrase", "a phrase must contain Chinese characters")


def _once(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
    """A phrase is given once for each variant."""
    seen: dict[tuple[str, str], int] = {}
    for n, (item, entry) in enumerate(zip(items(nodes.get("entries")), values["entries"], strict=False)):
        if entry is None:
            continue
        for code in entry.variants or ("",):
            first = seen.setdefault((entry.phrase, code), entry.line)
            if first != entry.line:
                reader.problem(child(item, "phrase"), f"entries[{n}].phrase",
                               f"{entry.phrase!r} is already in the glossary at line {first}")


def glossary_table(variant_codes: tuple[str, ...] = ()) -> Table:
    """A glossary.yaml's schema: ``variant_codes`` are the site's variants an entry may name (any,
    if empty)."""
    code = Text(choices=variant_codes, unknown="unknown variant {value!r} (site.yaml has: {allowed})")
    return Table(GlossaryFile, (Field("entries", ListOf(Table(_entry, (
        Field("phrase", Text()),
        Field("traditional", Text()),
        Field("reason", Text()),
        Field("variants", ListOf(code), required=False, default=()),
    ), check=_check_entry, located=(("where", ""),)))),), check=_once)


@dataclass(frozen=True)
class GlossaryFile:
    entries: tuple[GlossaryEntry, ...]
