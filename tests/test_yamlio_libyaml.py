"""libyaml composes the content (ten times faster than the pure-Python parser) into the very tree
the Python parser makes: the same nodes, tags, values and places (line and column) on every YAML
file of the bundled site, the shipped genre and the test data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_src import yamlio

ROOT = Path(__file__).resolve().parent.parent


def _utf8(path: Path) -> bool:
    """A YAML file that is text (a bad input that is not UTF-8 is refused before any parser reads it)."""
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return False
    return True


FILES = sorted(path for folder in ("content", "site_src/genres", "tests/data", "tests/bad_inputs")
               for path in (ROOT / folder).rglob("*.yaml") if _utf8(path))


def _tree(node: yaml.Node | None) -> object:
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        value: object = node.value
    elif isinstance(node, yaml.SequenceNode):
        value = [_tree(item) for item in node.value]
    else:
        value = [(_tree(key), _tree(item)) for key, item in node.value]
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    return type(node).__name__, node.tag, marks, value


def test_libyaml_is_used_where_installed() -> None:
    if not getattr(yaml, "__with_libyaml__", False):
        pytest.skip("PyYAML without libyaml")
    assert yamlio._FastLoader is not None


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_same_tree_as_the_python_parser(path: Path) -> None:
    if yamlio._FastLoader is None:
        pytest.skip("PyYAML without libyaml")
    text = path.read_text(encoding="utf-8")
    try:
        python = _tree(yaml.compose(text, Loader=yamlio._Loader))
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            yaml.compose(text, Loader=yamlio._FastLoader)
        return
    assert _tree(yaml.compose(text, Loader=yamlio._FastLoader)) == python
