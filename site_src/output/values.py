"""Digests of values: what a stage was given, named by the values themselves where no file names
it (a page as planned, a comparison), for the memo's keys.

A value is pickled with a dataclass as the digest of its fields alone (not what a cached property
put beside them) and no pickle memo (so what a value shares with another, or where its strings
came from, counts for nothing): equal values give equal digests, in any process, but for a set,
written in the order of its items in this process (equal sets of strings may digest otherwise in
another: a digest that differs only costs what is kept). A dataclass object's digest is kept by
its identity for as long as the ``Digests`` lives (the object is held, so its identity is never
reused): a part that each of its sections' pages carries is pickled once. What does not pickle
(a function made in place, an open file) has no digest: None, and nothing is kept under it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import operator
import pickle
from collections.abc import Callable
from dataclasses import fields
from typing import Any


class Digests:
    """Digests of values, each dataclass object's kept by its identity while this lives."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, bytes]] = {}
        self.reducers = _Reducers(self)

    def of(self, *values: Any) -> str | None:
        """A digest of plain values (strings, numbers, tuples, lists, dicts, sets, dataclasses of
        them); None for what does not pickle."""
        found = self._digest(values)
        return found.hex() if found is not None else None

    def _digest(self, value: Any) -> bytes | None:
        buffer = io.BytesIO()
        pickler = _ByValue(buffer, self, protocol=5)
        pickler.fast = True  # no memo: what a value shares, or where its strings come from, counts not
        try:
            pickler.dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
            return None
        return hashlib.sha256(buffer.getbuffer()).digest()

    def dataclass(self, obj: Any, values: tuple[Any, ...]) -> bytes:
        known = self._known.get(id(obj))
        if known is not None and known[0] is obj:
            return known[1]
        made = self._digest((type(obj).__module__, type(obj).__qualname__, values))
        if made is None:
            raise TypeError(f"cannot digest a {type(obj).__name__}")
        self._known[id(obj)] = (obj, made)
        return made


def value_digest(*values: Any) -> str | None:
    """A digest of plain values, nothing kept (see Digests)."""
    return Digests().of(*values)


_ATOMS = frozenset({str, int, float, bool, type(None)})


class _ByValue(pickle.Pickler):
    """A dataclass by its fields alone: one of plain values written out where it is, any other as
    the digest of its fields (kept by identity). The reducers are looked up by type (a dispatch
    table), so tuples, lists and dicts are written as pickle writes them, at its own speed."""

    def __init__(self, file: io.BytesIO, digests: Digests, protocol: int) -> None:
        super().__init__(file, protocol=protocol)
        self.dispatch_table = digests.reducers


class _Reducers(dict[type, Any]):
    """The reducer of each dataclass type, made when the type is first met."""

    def __init__(self, digests: Digests) -> None:
        super().__init__()
        self.digests = digests

    def __missing__(self, kind: type) -> Any:
        names = _field_names(kind)
        if names is None:
            raise KeyError(kind)  # not a dataclass: pickled as pickle pickles it
        digests = self.digests
        read = _fields_reader(names)
        atoms = _ATOMS.issuperset

        def reduce(obj: Any) -> tuple[Any, tuple[Any, ...]]:
            values = read(obj)
            if atoms(map(type, values)):  # small: written out where it is
                return kind, values
            return bytes, (digests.dataclass(obj, values),)

        self[kind] = reduce
        return reduce


@functools.cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    if not hasattr(kind, "__dataclass_fields__"):
        return None
    return tuple(field.name for field in fields(kind))


def _fields_reader(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of these fields of an object, as a tuple (attrgetter: a page has tens of thousands)."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return operator.attrgetter(*names)
