"""content/glossary.yaml: the project's phrase overrides for the converted (Traditional) variants.

Each entry: a Simplified phrase, its Traditional form, why, and optionally the variants it is for
(default: every variant that is converted). They are applied inside OpenCC as a user dictionary.
"""

from __future__ import annotations

import re
from pathlib import Path

from site_src.errors import Problem, SiteError
from site_src.files import read_text
from site_src.model import GlossaryEntry
from site_src.yamlio import Reader, parse

_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACE = re.compile(r"\s")  # any white space: a space, a tab, a line break, an ideographic space


def load_glossary(path: Path, variant_codes: tuple[str, ...] = ()) -> tuple[GlossaryEntry, ...]:
    """The glossary; a missing file means no overrides."""
    if not path.exists():
        return ()
    problems: list[Problem] = []
    reader = Reader(str(path), problems)
    node = parse(read_text(path), str(path))
    entries: list[GlossaryEntry] = []
    fields = reader.mapping(node, "", ("entries",)) if node is not None else None
    seen: dict[tuple[str, str], int] = {}
    for n, item in enumerate(reader.sequence(fields.get("entries") if fields else None, "entries")):
        key = f"entries[{n}]"
        entry = reader.mapping(item, key, ("phrase", "traditional", "reason"), ("variants",))
        if entry is None:
            continue
        phrase = reader.string(entry.get("phrase"), f"{key}.phrase")
        traditional = reader.string(entry.get("traditional"), f"{key}.traditional")
        for name, value in (("phrase", phrase), ("traditional", traditional)):
            space = _SPACE.search(value)
            if space:
                reader.problem(entry.get(name), f"{key}.{name}",
                               f"{value!r} holds a space ({space.group()!r}): OpenCC's dictionary "
                               "separates words by spaces and tabs, so a space here would delete or "
                               "insert text; remove it")
        if phrase and traditional and len(phrase) != len(traditional):
            reader.problem(entry.get("traditional"), f"{key}.traditional",
                           f"{traditional!r} must have as many characters as {phrase!r}")
        if phrase and not _HAN.search(phrase):
            reader.problem(entry.get("phrase"), f"{key}.phrase", "a phrase must contain Chinese characters")
        variants: list[str] = []
        for m, code_node in enumerate(reader.sequence(entry.get("variants"), f"{key}.variants")):
            code = reader.string(code_node, f"{key}.variants[{m}]")
            if variant_codes and code not in variant_codes:
                reader.problem(code_node, f"{key}.variants[{m}]",
                               f"unknown variant {code!r} (site.yaml has: {', '.join(variant_codes)})")
            variants.append(code)
        line = item.start_mark.line + 1
        for code in variants or ("",):
            if (phrase, code) in seen:
                reader.problem(entry.get("phrase"), f"{key}.phrase",
                               f"{phrase!r} is already in the glossary at line {seen[(phrase, code)]}")
            seen[(phrase, code)] = line
        entries.append(GlossaryEntry(phrase, traditional, reader.string(entry.get("reason"), f"{key}.reason"),
                                     tuple(variants), line))
    if problems:
        raise SiteError(problems)
    return tuple(entries)
