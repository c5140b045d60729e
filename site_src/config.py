"""content/site.yaml: the site's title and its script variants, validated against one schema."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import opencc

from site_src.content import read_text
from site_src.errors import Problem, SiteError
from site_src.model import VERBATIM
from site_src.yamlio import Reader, parse


@dataclass(frozen=True)
class Variant:
    """One script edition of the site: its BCP 47 code, a label, its folder, its converter."""

    code: str = field(metadata=VERBATIM)
    label: str
    path: str = field(metadata=VERBATIM)
    opencc: str | None = field(default=None, metadata=VERBATIM)


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    variants: tuple[Variant, ...]


def load_config(path: Path) -> SiteConfig:
    problems: list[Problem] = []
    reader = Reader(str(path), problems)
    node = parse(read_text(path), str(path))
    fields = reader.mapping(node, "", ("title", "variants"), ("description",))
    if fields is None:
        raise SiteError(problems)
    title = reader.string(fields.get("title"), "title")
    description = reader.string(fields["description"], "description") if "description" in fields else ""
    variants: list[Variant] = []
    for n, item in enumerate(reader.sequence(fields.get("variants"), "variants")):
        key = f"variants[{n}]"
        entry = reader.mapping(item, key, ("code", "label", "path"), ("opencc",))
        if entry is None:
            continue
        code = reader.string(entry.get("code"), f"{key}.code")
        folder = reader.string(entry.get("path"), f"{key}.path")
        if folder and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", folder):
            reader.problem(entry.get("path"), f"{key}.path",
                           f"invalid folder name {folder!r}: lowercase ASCII letters, digits, hyphens")
        config = reader.optional_string(entry.get("opencc"), f"{key}.opencc")
        if config is not None and not _opencc_config_exists(config):
            reader.problem(entry.get("opencc"), f"{key}.opencc",
                           f"unknown OpenCC configuration {config!r} (for example s2tw, s2hk, s2t)")
        if n == 0 and config is not None:
            reader.problem(entry.get("opencc"), f"{key}.opencc",
                           "the first variant is the source script and takes no conversion")
        for other in variants:
            if other.code == code or other.path == folder:
                reader.problem(item, key, f"variant {code!r} repeats the code or path of {other.code!r}")
        variants.append(Variant(code=code, label=reader.string(entry.get("label"), f"{key}.label"),
                                path=folder, opencc=config))
    if not variants and not problems:
        reader.problem(fields.get("variants"), "variants", "at least one variant is needed")
    if problems:
        raise SiteError(problems)
    return SiteConfig(title=title, description=description, variants=tuple(variants))


def _opencc_config_exists(name: str) -> bool:
    try:
        opencc.OpenCC(name)
    except Exception:  # the binding raises a bare RuntimeError/ValueError for unknown configs
        return False
    return True
