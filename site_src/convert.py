"""Script variants as data: a pure conversion of the content model, done before rendering."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

import opencc

Convert = Callable[[str], str]
T = TypeVar("T")



def make_converter(config: str | None) -> Convert:
    """An OpenCC conversion by config name (s2tw, tw2s, …); None means the text stays as it is."""
    if config is None:
        return _identity
    return opencc.OpenCC(config).convert


def _identity(text: str) -> str:
    return text


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
