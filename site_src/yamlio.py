"""YAML that keeps line numbers: parse to nodes, read typed values with a key path.

Readers never raise on a content problem; they append it (file, line, key path) to a list the
caller passes in, so one run reports every problem at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from site_src.errors import Location, Problem, SiteError
from site_src.files import CONTROL, character_name, control_message


class _Resolver(yaml.resolver.BaseResolver):
    """What a plain scalar is, read as YAML 1.2 reads it (its core schema), not as PyYAML's YAML
    1.1: a whole number only in decimal digits (never 33:44, base 60 for 2024, nor 0o17, 0x1f,
    1_000), true/false only as true and false (never yes, no, on, off, y, n), a number with a
    point only as decimal (never 1:20.5). Kept from 1.1: dates (2025-02-03), and << (merge), which
    the schemas refuse as an unknown key. Anything else plain is text."""


_DIGITS = tuple("0123456789")
# (tag, pattern, the characters a plain scalar of it may start with; "" for the empty scalar)
_RESOLVERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", tuple("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", ("-", "+", *_DIGITS)),
    ("tag:yaml.org,2002:float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", ("-", "+", ".", *_DIGITS)),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ("~", "n", "N", "")),
    ("tag:yaml.org,2002:timestamp", r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
     r"(?:(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
     r"(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?)$", _DIGITS),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", ("<",)),
)
for _tag, _pattern, _first in _RESOLVERS:
    _Resolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer,
              yaml.constructor.SafeConstructor, _Resolver):
    """The pure-Python safe loader, with the 1.2 resolvers: slower, with the clearer error messages."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


# libyaml composes about ten times faster than the pure-Python parser; its error messages are
# terser, so a document it rejects is parsed again by the Python one to report the problem.
# (Its parser is yaml.cyaml.CParser: ``yaml`` itself exports only cyaml's loaders and dumpers.)
_FastLoader: type | None = None
_CParser: type | None = getattr(getattr(yaml, "cyaml", None), "CParser", None)
if _CParser is not None:
    class _CLoader(_CParser, yaml.constructor.SafeConstructor, _Resolver):  # type: ignore[misc,valid-type]
        """libyaml's parser, with the 1.2 resolvers."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)  # type: ignore[misc]
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

    _FastLoader = _CLoader

# Tags a plain YAML file may carry; anything else (!foo, !!python/…) is refused, never constructed.
_STANDARD_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "timestamp", "binary", "map", "seq", "omap", "pairs",
    "set", "merge", "value"))


# Content files are a few levels deep; a document nested far deeper is refused where it passes this.
MAX_DEPTH = 100
# What a text may not hold: control characters (written as escapes such as "\x00", which the
# YAML reader lets through) and halves of surrogate pairs ("\ud800"), which are no character.
_UNSAFE_TEXT = re.compile(f"{CONTROL.pattern}|[\ud800-\udfff]")


def parse(text: str, file: str) -> yaml.Node | None:
    """Parse YAML to a node tree; a syntax error becomes a SiteError with its line and column."""
    try:
        return _compose(text, file)
    except RecursionError:
        raise SiteError([_too_deep(text, file, _Loader) or
                         Problem(Location(file), "invalid YAML: nested too deeply to read")]) from None


def _too_deep(text: str, file: str, loader: type) -> Problem | None:
    """Where a document passes MAX_DEPTH, if it does (the parser's events come without recursion,
    and stop there: a document a million brackets deep costs what its first hundred do)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return Problem(Location(file, mark.line + 1, mark.column + 1),
                                   f"invalid YAML: lists and mappings nested more than {MAX_DEPTH} "
                                   "levels deep (a content file needs a few)")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None


def _compose(text: str, file: str) -> yaml.Node | None:
    if _FastLoader is not None:
        try:
            return yaml.compose(text, Loader=_FastLoader)
        except yaml.YAMLError:
            # Report it as the Python parser words it; but a document too deep is found by
            # libyaml's events first: the Python composer would recurse to Python's limit.
            problem = _too_deep(text, file, _FastLoader)
            if problem is not None:
                raise SiteError([problem]) from None
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = error.problem or error.context or "syntax error"
        if error.context and message.startswith("but "):  # "expected a single document …, but found …"
            message = f"{error.context}, {message}"
        raise SiteError([Problem(Location(file, line, column), f"invalid YAML: {message}")]) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        raise SiteError([Problem(Location(file, line, column),
                                 f"invalid YAML: control character U+{error.character:04X} "
                                 "is not allowed")]) from None
    except yaml.YAMLError as error:
        raise SiteError([Problem(Location(file), f"invalid YAML: {error}")]) from None


class Reader:
    """Typed access to one file's nodes, collecting problems with file, line and key path."""

    def __init__(self, file: str, problems: list[Problem],
                 ids: dict[str, Location] | None = None) -> None:
        self.file = file
        self.problems = problems
        # Ids seen so far, with where: shared by the readers of files whose ids must be unique
        # together (every paragraph of a report).
        self.ids = ids if ids is not None else {}
        self._constructor = yaml.constructor.SafeConstructor()

    def location(self, node: yaml.Node | None, path: str) -> Location:
        return Location(self.file, node.start_mark.line + 1 if node is not None else None, key=path or None)

    def problem(self, node: yaml.Node | None, path: str, message: str, *, column: bool = False) -> None:
        """A problem at the node's line (and, with ``column``, its column) and key path."""
        line = node.start_mark.line + 1 if node is not None else None
        at = node.start_mark.column + 1 if node is not None and column else None
        self.problems.append(Problem(Location(self.file, line, at, key=path or None), message))

    def safe_text(self, node: yaml.Node, path: str, value: str) -> bool:
        """Whether a text holds no control character and no half of a surrogate pair; if it
        does, that is a problem at the value's line and column."""
        match = _UNSAFE_TEXT.search(value)
        if match is None:
            return True
        char = match.group()
        if "\ud800" <= char <= "\udfff":
            message = (f"the text holds {character_name(char)}, half of a surrogate pair (an escape "
                       "such as \\ud800 alone), which is no character: write the character itself")
        else:
            message = control_message(char, "; in YAML perhaps written as an escape such as \\x00 or \\0")
        self.problem(node, path, message, column=True)
        return False

    def mapping(self, node: yaml.Node | None, path: str, required: tuple[str, ...],
                optional: tuple[str, ...] = (), order: tuple[str, ...] = ()) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node; ``order`` is how to list the allowed keys in a message."""
        if node is None:  # a missing key: the enclosing mapping() has reported it
            return None
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, f"expected a mapping, got {_describe(node)}")
            return None
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, f"a key must be a name, got {_describe(key_node)}")
                continue
            key = key_node.value
            key_path = _join(path, key)
            if key in values:
                self.problem(key_node, key_path, "duplicate key")
            elif key not in required and key not in optional:
                allowed = ", ".join(order or required + optional)
                self.problem(key_node, key_path, f"unknown key {key!r} (allowed: {allowed})")
            else:
                values[key] = value_node
        for key in required:
            if key not in values:
                self.problem(node, _join(path, key), "missing key")
        return values

    def pairs(self, node: yaml.Node | None, path: str) -> list[tuple[str, yaml.Node]]:
        """A mapping whose keys are data (names, counted), not a schema: (key, value node) pairs."""
        if node is None:  # a missing key: mapping() has reported it
            return []
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, f"expected a mapping, got {_describe(node)}")
            return []
        result: list[tuple[str, yaml.Node]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, f"a key must be a name, got {_describe(key_node)}")
            elif not self.safe_text(key_node, _join(path, key_node.value), key_node.value):
                continue
            elif any(key_node.value == key for key, _ in result):
                self.problem(key_node, _join(path, key_node.value), "duplicate key")
            else:
                result.append((key_node.value, value_node))
        return result

    def sequence(self, node: yaml.Node | None, path: str) -> list[yaml.Node]:
        if node is None:  # a missing key: mapping() has reported it
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, f"expected a list, got {_describe(node)}")
            return []
        return list(node.value)

    def string(self, node: yaml.Node | None, path: str, *, empty: bool = False) -> str:
        if node is None:  # a missing key: mapping() has reported it
            return ""
        value = self._scalar(node)
        if not isinstance(value, str):
            self.problem(node, path, f"expected text, got {_describe(node)}")
            return ""
        if not self.safe_text(node, path, value):
            return value  # reported; nothing more to say about it
        if not empty and not value.strip():
            self.problem(node, path, "must not be empty")
        elif not empty and invisible(value):
            self.problem(node, path, invisible_message(value))
        return value

    def boolean(self, node: yaml.Node | None, path: str) -> bool:
        if node is None:  # a missing key: mapping() has reported it
            return False
        value = self._scalar(node)
        if not isinstance(value, bool):
            self.problem(node, path, f"expected true or false, got {_describe(node)}")
            return False
        return value

    def integer(self, node: yaml.Node | None, path: str) -> int:
        if node is None:  # a missing key: mapping() has reported it
            return 0
        value = self._scalar(node)
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(node, path, f"expected a whole number, got {_describe(node)}")
            return 0
        return value

    def optional_string(self, node: yaml.Node | None, path: str) -> str | None:
        if node is None or self._scalar(node) is None:
            return None
        return self.string(node, path)

    def _scalar(self, node: yaml.Node | None) -> Any:
        """The scalar's value; a node that is no scalar, or holds no valid value, gives a marker."""
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _STANDARD_TAGS:
            return _NOT_SCALAR
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        if node.tag == "tag:yaml.org,2002:int":  # !!int 33:44, !!int 0o17 too: decimal digits only
            return int(node.value) if _DECIMAL.fullmatch(node.value) else _NOT_SCALAR
        try:
            return self._constructor.construct_object(node, deep=True)
        except Exception:  # PyYAML's constructors raise what they meet
            # a date that does not exist (2024-13-45, KeyError), !!bool maybe (KeyError),
            # !!timestamp soon (AttributeError), !!int x (ValueError), !!binary ?? (YAMLError)
            return _NOT_SCALAR


_NOT_SCALAR = object()


def invisible(text: str) -> bool:
    """Nothing a reader sees: spaces and format characters only (U+200B zero width space, U+FEFF
    byte order mark, U+2060 word joiner, U+00AD soft hyphen …)."""
    return all(char.isspace() or unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp") for char in text)


def invisible_message(text: str) -> str:
    """What is wrong with a text that holds only invisible characters: it is empty to a reader."""
    names = ", ".join(dict.fromkeys(f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})"
                                    for char in text if not char.isspace()))
    return f"must not be empty: it holds only invisible characters ({names})"
_DECIMAL = re.compile(r"[-+]?[0-9]+")


def _describe(node: yaml.Node | None) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag not in _STANDARD_TAGS:
        return f"a value tagged {node.tag} ({node.value!r})"
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return "nothing"
    names = {"str": "text", "int": "a number", "float": "a number", "bool": "true/false",
             "timestamp": "a date"}
    return f"{names.get(tag, tag)} {node.value!r}"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def dump(data: Any) -> str:
    """Deterministic, human-readable YAML: keys in the given order, Chinese unescaped."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000, default_flow_style=False)


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key, as people write YAML by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # PyYAML writes NEL and the Unicode line separators raw in quoted text, where a reader folds
    # them into spaces; double quotes escape them (\N, \L, \P), so the text comes back as it was.
    style = '"' if any(char in text for char in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)
# Text that either reading would take for something else is quoted: the 1.1 resolvers the dumper
# has (yes, 1_000, 33:44) and the 1.2 ones this program reads with (1e100, a float in 1.2 only).
for _tag, _pattern, _first in _RESOLVERS:
    _Dumper.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _FlowList(list):  # type: ignore[type-arg]
    """A list dumped on one line."""


def _represent_flow(dumper: yaml.SafeDumper, items: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)


_Dumper.add_representer(_FlowList, _represent_flow)


# --- field tables: one declaration per content type, for loading and for dumping ---------------

class Kind:
    """How one value is read from a node and written back."""

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> Any:
        raise NotImplementedError

    def write(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Text(Kind):
    empty: bool = False  # whether an empty text is allowed
    choices: tuple[str, ...] = ()  # the allowed values, if they are few
    # The message for a value not among them, with {name} (the key), {value} and {allowed}.
    unknown: str = "unknown {name} {value!r} (allowed: {allowed})"

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> str:
        value = reader.string(node, path, empty=self.empty)
        if self.choices and value and value not in self.choices:
            reader.problem(node, path, self.unknown.format(name=path.rsplit(".", 1)[-1], value=value,
                                                           allowed=", ".join(self.choices)))
        return value


@dataclass(frozen=True)
class Flag(Kind):
    """true or false."""

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> bool:
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return bool(yaml.constructor.SafeConstructor().construct_object(node))
        if node is not None:
            reader.problem(node, path, "expected true or false")
        return False


# Ids become file names and anchors: lowercase ASCII letters, digits and single hyphens.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Id(Kind):
    """An identifier; a unique one is checked against every id the reader's registry has seen."""

    unique: bool = True

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> str:
        value = reader.string(node, path)
        if not value:
            return value
        if not ID_PATTERN.fullmatch(value):
            reader.problem(node, path, f"invalid id {value!r}: use lowercase ASCII letters, digits "
                                       "and single hyphens (it becomes a file name and an anchor)")
        elif self.unique and value in reader.ids:
            reader.problem(node, path, f"duplicate id {value!r} (first used at {reader.ids[value]})")
        elif self.unique:
            reader.ids[value] = reader.location(node, path)
        return value


@dataclass(frozen=True)
class Integer(Kind):
    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> int:
        return reader.integer(node, path)


@dataclass(frozen=True)
class Boolean(Kind):
    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> bool:
        return reader.boolean(node, path)


@dataclass(frozen=True)
class OptionalText(Kind):
    """Text, or nothing (``key:`` or ``key: null``), which reads as None."""

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> str | None:
        return reader.optional_string(node, path)


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind
    flow: bool = False  # written on one line, [a, b], as people write a short list of words

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> tuple[Any, ...]:
        return tuple(self.item.read(reader, child, f"{path}[{n}]")
                     for n, child in enumerate(reader.sequence(node, path)))

    def write(self, value: Any) -> Any:
        written = [self.item.write(item) for item in value]
        return _FlowList(written) if self.flow else written


@dataclass(frozen=True)
class Counts(Kind):
    """A mapping whose keys are data (a name, counted): name -> whole number."""

    item: Callable[[str, int], Any]  # makes the value from a key and its count
    key: Callable[[Any], tuple[str, int]]  # and back

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> tuple[Any, ...]:
        return tuple(self.item(name, reader.integer(value, f"{path}.{name}"))
                     for name, value in reader.pairs(node, path))

    def write(self, value: Any) -> Any:
        return dict(self.key(item) for item in value)


_MISSING = object()


@dataclass(frozen=True)
class Field:
    """One key of a mapping: its YAML name, how it is read, and the attribute it fills."""

    key: str
    kind: Kind
    required: bool = True
    default: Any = _MISSING  # an optional key's value when absent; left out when dumping it …
    always: bool = False  # … unless it is always written
    attr: str = ""  # the dataclass attribute, if not named like the key

    @property
    def name(self) -> str:
        return self.attr or self.key


@dataclass(frozen=True)
class Table(Kind):
    """A mapping that makes one frozen dataclass: its keys, in the order they are written."""

    type: type
    fields: tuple[Field, ...]
    constants: tuple[tuple[str, Any], ...] = ()  # attributes that are not in the file
    # A rule between keys, checked once they are read: (reader, nodes, values, path) -> None. It
    # may also put a value as the type wants it (a URL with its final slash).
    check: Callable[[Reader, dict[str, yaml.Node], dict[str, Any], str], None] | None = None
    # Attributes that take where a key is written, (attribute, key): the Location of its value,
    # or of the mapping where the key is absent (for messages about it after loading).
    located: tuple[tuple[str, str], ...] = ()
    # Keys of an older schema, (old, new): each is an error that names the key to write instead.
    renamed: tuple[tuple[str, str], ...] = ()

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> Any:
        optional = tuple(f.key for f in self.fields if not f.required) + tuple(old for old, _ in self.renamed)
        values = reader.mapping(node, path, tuple(f.key for f in self.fields if f.required), optional,
                                tuple(f.key for f in self.fields))
        if values is None:
            return None
        for old, new in self.renamed:
            if old in values:
                reader.problem(values.pop(old), _join(path, old), f"{old!r} is now called {new!r}: "
                                                                  f"write {new}: instead")
        made: dict[str, Any] = dict(self.constants)
        for f in self.fields:
            child = _join(path, f.key)
            if f.key in values:
                made[f.name] = f.kind.read(reader, values[f.key], child)
            elif not f.required:
                made[f.name] = f.default
            else:
                made[f.name] = f.kind.read(reader, None, child)  # reported missing already
        for attribute, key in self.located:
            made[attribute] = reader.location(values.get(key, node), _join(path, key) if key else path)
        if self.check is not None:
            self.check(reader, values, made, path)
        return self.type(**made)

    def write(self, value: Any) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in self.fields:
            item = getattr(value, f.name)
            if not f.required and not f.always and f.default is not _MISSING and item == f.default:
                continue
            data[f.key] = f.kind.write(item)
        return data


@dataclass(frozen=True)
class MapOf(Kind):
    """A mapping whose keys are data (a word, a name) and whose values are all of one kind."""

    item: Kind

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> dict[str, Any]:
        return {key: self.item.read(reader, value, _join(path, key))
                for key, value in reader.pairs(node, path)}

    def write(self, value: Any) -> Any:
        return {key: self.item.write(item) for key, item in value.items()}


@dataclass(frozen=True)
class Pairs(Kind):
    """A mapping whose keys are data, kept as (key, value) pairs in the file's order."""

    item: Kind

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> tuple[tuple[str, Any], ...]:
        return tuple((key, self.item.read(reader, value, _join(path, key)))
                     for key, value in reader.pairs(node, path))

    def write(self, value: Any) -> Any:
        return {key: self.item.write(item) for key, item in value}


def child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node under ``key`` of a mapping node (for pointing at it), or None."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
    return None


def items(node: yaml.Node | None) -> list[yaml.Node | None]:
    """The item nodes of a list node (for pointing at one item); none for anything else."""
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


_NO_DEFAULT = object()


def read_document(text: str, file: str, kind: Kind, *, empty: Any = _NO_DEFAULT) -> Any:
    """A whole YAML file through its table: the value, or a SiteError with every problem (file,
    line, key path). An empty file is ``empty`` where one is allowed, else a problem."""
    node = parse(text, file)
    if node is None:
        if empty is _NO_DEFAULT:
            raise SiteError([Problem(Location(file), "the file is empty")])
        return empty
    problems: list[Problem] = []
    value = kind.read(Reader(file, problems), node, "")
    if problems or value is None:
        raise SiteError(problems)
    return value
