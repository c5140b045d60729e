"""YAML that keeps line numbers: parse to nodes, read typed values with a key path.

Readers never raise on a content problem; they append it (file, line, key path) to a list the
caller passes in, so one run reports every problem at once.
"""

from __future__ import annotations

from typing import Any

import yaml

from site_src.errors import Location, Problem, SiteError


class _Loader(yaml.SafeLoader):
    """Safe loading, with duplicate keys found (PyYAML keeps the last one silently)."""


def parse(text: str, file: str) -> yaml.Node | None:
    """Parse YAML to a node tree; a syntax error becomes a SiteError with its line and column."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise SiteError([Problem(Location(file, line, column),
                                 f"invalid YAML: {error.problem or error.context}")]) from None
    except yaml.YAMLError as error:
        raise SiteError([Problem(Location(file), f"invalid YAML: {error}")]) from None


class Reader:
    """Typed access to one file's nodes, collecting problems with file, line and key path."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems

    def problem(self, node: yaml.Node | None, path: str, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(Location(self.file, line, key=path or None), message))

    def mapping(self, node: yaml.Node | None, path: str, required: tuple[str, ...],
                optional: tuple[str, ...] = ()) -> dict[str, yaml.Node] | None:
        if node is None:  # a missing key: the enclosing mapping() has reported it
            return None
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, f"expected a mapping, got {_describe(node)}")
            return None
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_path = _join(path, str(key))
            if key in values:
                self.problem(key_node, key_path, "duplicate key")
            elif key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                self.problem(key_node, key_path, f"unknown key {key!r} (allowed: {allowed})")
            else:
                values[key] = value_node
        for key in required:
            if key not in values:
                self.problem(node, _join(path, key), "missing key")
        return values

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
        if not empty and not value.strip():
            self.problem(node, path, "must not be empty")
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

    @staticmethod
    def _scalar(node: yaml.Node | None) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return _NOT_SCALAR
        return yaml.SafeLoader(node.value).construct_object(node, deep=True) \
            if node.tag != "tag:yaml.org,2002:str" else node.value


_NOT_SCALAR = object()


def _describe(node: yaml.Node | None) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    names = {"str": "text", "int": "a number", "float": "a number", "bool": "true/false",
             "null": "nothing"}
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
