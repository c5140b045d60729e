"""Script variants as data: a pure conversion of the content model, done before rendering.

Conversion is OpenCC's, by phrase. The project's glossary is chained in front of OpenCC's own
dictionaries as a user dictionary, in the segmentation step and in the first conversion step:
in only one of the two most overrides have no effect (OpenCC 1.4.2). An editor can also pin one
span in one paragraph: ``[[范]]`` keeps 范 as it is, ``[[干|乾]]`` writes 乾 in the converted
variants and 干 in the source one. The brackets never reach a page.
"""

from __future__ import annotations

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
    base = identity if config is None else _opencc(config, glossary).convert
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


def identity(text: str) -> str:
    return text


@functools.lru_cache(maxsize=16)
def _opencc(config: str, glossary: tuple[GlossaryEntry, ...]) -> _WholeText:
    """One converter per configuration and glossary in a process: loading OpenCC's dictionaries
    is most of a conversion's cost, and the import, the audit and every variant share them.

    ``config`` is one of OpenCC's configurations by name, with or without ``.json`` (s2tw,
    s2tw.json), or the path of a configuration file of one's own; its dictionaries are found
    beside it, else among OpenCC's. Configurations without a segmentation step (s2t, t2s) take
    the glossary in their first conversion step alone, which is enough there: without a
    segmentation OpenCC matches the longest phrase of that step's dictionaries.
    """
    path = _config_file(config)
    if not glossary and path.parent == OPENCC_DATA:
        return _WholeText(opencc.OpenCC(path.stem))
    # A copied config needs absolute dictionary paths: relative ones do not resolve from another
    # folder, and OPENCC_DATA_DIR is ignored for dictionaries.
    custom = _absolute_paths(json.loads(path.read_text(encoding="utf-8")), path.parent)
    with tempfile.TemporaryDirectory(prefix="report-site-opencc-") as folder:
        if glossary:
            user_dict = Path(folder) / "glossary.txt"
            # Sorted, so the same glossary always makes the same file.
            lines = sorted(f"{entry.phrase}\t{entry.traditional}" for entry in glossary)
            user_dict.write_text("\n".join(lines) + "\n", encoding="utf-8")
            user = {"type": "text", "file": str(user_dict)}
            segmentation = custom.get("segmentation")
            if isinstance(segmentation, dict) and isinstance(segmentation.get("dict"), dict):
                if segmentation["dict"].get("type") == "group":
                    segmentation["dict"].setdefault("dicts", []).insert(0, user)
                else:
                    segmentation["dict"] = {"type": "group", "match_policy": "union",
                                            "dicts": [user, segmentation["dict"]]}
            first = custom["conversion_chain"][0]["dict"]
            custom["conversion_chain"][0]["dict"] = {"type": "group", "match_policy": "short_circuit",
                                                     "dicts": [user, first]}
        config_path = Path(folder) / f"{path.stem}-glossary.json"
        config_path.write_text(json.dumps(custom, ensure_ascii=False), encoding="utf-8")
        return _WholeText(opencc.OpenCC(str(config_path)))  # dictionaries load here, before the folder goes


def _config_file(config: str) -> Path:
    """OpenCC's own configuration of that name (s2tw or s2tw.json), else the file at that path."""
    shipped = OPENCC_DATA / f"{config.removesuffix('.json')}.json"
    return shipped if "/" not in config and shipped.is_file() else Path(config)


class _WholeText:
    """OpenCC's converter, given text without NUL: OpenCC's C API takes NUL as the end of the
    text and drops the rest (content is checked for control characters when it is read; this
    keeps a conversion from ever cutting text short)."""

    def __init__(self, converter: opencc.OpenCC) -> None:
        self._converter = converter

    def convert(self, text: str) -> str:
        if "\x00" not in text:
            return self._converter.convert(text)
        return "\x00".join(self._converter.convert(piece) for piece in text.split("\x00"))


def _absolute_paths(node: Any, folder: Path = OPENCC_DATA) -> Any:
    """Dictionary paths made absolute: beside the configuration if there, else OpenCC's own."""
    if isinstance(node, dict):
        if isinstance(node.get("file"), str) and not os.path.isabs(node["file"]):
            beside = folder / node["file"]
            node["file"] = str(beside if beside.is_file() else OPENCC_DATA / node["file"])
        for value in node.values():
            _absolute_paths(value, folder)
    elif isinstance(node, list):
        for value in node:
            _absolute_paths(value, folder)
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
