"""Script variants as data: a pure conversion of the content model, done before rendering.

Conversion is OpenCC's, by phrase. The project's glossary is chained in front of OpenCC's own
dictionaries as a user dictionary, in the segmentation step and in the first conversion step:
in only one of the two most overrides have no effect (OpenCC 1.4.2). An editor can also pin one
span in one paragraph: ``[[范]]`` keeps 范 as it is, ``[[干|乾]]`` writes 乾 in the converted
variants and 干 in the source one. The brackets never reach a page.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import opencc

from site_src.model import GlossaryEntry
from site_src.variants.pins import PIN

Convert = Callable[[str], str]
T = TypeVar("T")

OPENCC_DATA = Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def make_converter(config: str | None, glossary: tuple[GlossaryEntry, ...] = ()) -> Convert:
    """An OpenCC conversion by config name (s2tw, tw2s, …) with the glossary's phrases first.

    None means the source variant: text stays as it is (pins resolved to their source form).
    """
    base = _identity if config is None else _opencc(config, glossary).convert
    converted = config is not None

    def convert(text: str) -> str:
        if "[[" not in text:
            return base(text)
        pieces, position = [], 0
        for match in PIN.finditer(text):
            pieces.append(base(text[position:match.start()]))
            source, target = match.group(1), match.group(2)
            pieces.append(target if converted and target is not None else source)
            position = match.end()
        pieces.append(base(text[position:]))
        return "".join(pieces)

    return convert


def _identity(text: str) -> str:
    return text


@functools.lru_cache(maxsize=16)
def _opencc(config: str, glossary: tuple[GlossaryEntry, ...]) -> opencc.OpenCC:
    """One converter per configuration and glossary in a process: loading OpenCC's dictionaries
    is most of a conversion's cost, and the import, the audit and every variant share them."""
    if not glossary:
        return opencc.OpenCC(config)
    # A copied config needs absolute dictionary paths: the wheel's relative ones do not resolve
    # from another folder, and OPENCC_DATA_DIR is ignored for dictionaries.
    builtin = json.loads((OPENCC_DATA / f"{config}.json").read_text(encoding="utf-8"))
    custom = _absolute_paths(copy.deepcopy(builtin))
    with tempfile.TemporaryDirectory(prefix="report-site-opencc-") as folder:
        user_dict = Path(folder) / "glossary.txt"
        # Sorted, so the same glossary always makes the same file.
        lines = sorted(f"{entry.phrase}\t{entry.traditional}" for entry in glossary)
        user_dict.write_text("\n".join(lines) + "\n", encoding="utf-8")
        user = {"type": "text", "file": str(user_dict)}
        segmentation = custom["segmentation"]["dict"]
        if segmentation.get("type") == "group":
            segmentation["dicts"].insert(0, user)
        else:
            custom["segmentation"]["dict"] = {"type": "group", "match_policy": "union",
                                              "dicts": [user, segmentation]}
        first = custom["conversion_chain"][0]["dict"]
        custom["conversion_chain"][0]["dict"] = {"type": "group", "match_policy": "short_circuit",
                                                 "dicts": [user, first]}
        config_path = Path(folder) / f"{config}-glossary.json"
        config_path.write_text(json.dumps(custom, ensure_ascii=False), encoding="utf-8")
        return opencc.OpenCC(str(config_path))  # dictionaries load here, before the folder goes


def _absolute_paths(node: Any) -> Any:
    if isinstance(node, dict):
        if "file" in node and not os.path.isabs(node["file"]):
            node["file"] = str(OPENCC_DATA / node["file"])
        for value in node.values():
            _absolute_paths(value)
    elif isinstance(node, list):
        for value in node:
            _absolute_paths(value)
    return node


def convert_value(value: T, convert: Convert) -> T:
    """Convert every reader-visible string in a tree of frozen dataclasses, tuples and dicts.

    Fields marked verbatim in the model (ids, quotes of the source as found) are kept.
    """
    if isinstance(value, str):
        return convert(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(convert_value(item, convert) for item in value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {key: convert_value(item, convert) for key, item in value.items()}  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: convert_value(getattr(value, field.name), convert)
            for field in dataclasses.fields(value)
            if not field.metadata.get("verbatim")
        }
        return dataclasses.replace(value, **changes)
    return value
