"""The templates held to the content's rules, before a page is rendered.

A site's templates/ is input like its content/: a symbolic link out of it is refused as one out of
content/ is (files.check_tree), or a build would publish /etc/passwd in every page; every template
is read and parsed once, so that a syntax error, a name that no template has (``{% include
'/etc/passwd' %}``) and a template that includes or extends itself, at once or through others,
are each one located error, said by the template that names it and its line, before Python's
recursion limit turns them into a traceback. Names that Jinja computes while rendering cannot be
followed here; rendering locates what goes wrong with them (render.py). A shipped template is not
parsed again where the package's build parsed the same source (environment.py: ``known``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

import jinja2
import jinja2.nodes

from site_src.errors import Location, Problem, SiteError
from site_src.files import check_tree

_REFERENCES = (jinja2.nodes.Extends, jinja2.nodes.Include, jinja2.nodes.Import, jinja2.nodes.FromImport)
_VERBS = {jinja2.nodes.Extends: "extends", jinja2.nodes.Include: "includes",
          jinja2.nodes.Import: "imports", jinja2.nodes.FromImport: "imports"}
STATIC = "static"  # the folder of files the site ships as they are: no templates

Reference = tuple[str, str, int]  # (the name referred to, extends | includes | imports, line)
# What the package's build found each shipped template to name, with the digest of its source.
Known = Mapping[str, tuple[str, tuple[Reference, ...]]]


def check_templates(env: jinja2.Environment, folders: tuple[Path, ...], known: Known | None = None) -> None:
    """Raise SiteError with every link out of the template folders, then every template that does
    not parse, names a missing template, or comes back to itself (``known``: what the templates
    parsed when the package was built name, by name and source)."""
    problems = [problem for folder in folders for problem in check_tree(folder, "templates folder")]
    if problems:
        raise SiteError(problems)
    names = sorted(name for name in env.list_templates() if name.partition("/")[0] != STATIC)
    graph = {name: _references(env, name, known or {}) for name in names}
    problems = [Problem(Location(name, line), f"template not found: {target} ({name} {verb} it)")
                for name, found in graph.items() for target, verb, line in found if target not in graph]
    problems += _cycles(graph)
    if problems:
        raise SiteError(problems)


def checksum(source: str) -> str:
    """A template's source, named by what it holds."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def _references(env: jinja2.Environment, name: str, known: Known) -> tuple[Reference, ...]:
    """The templates ``name`` extends, includes or imports by a name written in it."""
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    shipped = known.get(name)
    if shipped is not None and shipped[0] == checksum(source):
        return shipped[1]
    try:
        tree = env.parse(source, name)
    except jinja2.TemplateSyntaxError as error:
        raise SiteError([Problem(Location(error.name or name, error.lineno),
                                 f"template syntax error: {error.message}")]) from None
    return references(tree)


def references(tree: jinja2.nodes.Template) -> tuple[Reference, ...]:
    """The templates a parsed template extends, includes or imports by a name written in it."""
    found = []
    for node in tree.find_all(_REFERENCES):
        targets = node.template.items if isinstance(node.template, (jinja2.nodes.List, jinja2.nodes.Tuple)) \
            else [node.template]
        for target in targets:  # a list of names: the first that exists, so each must exist
            if isinstance(target, jinja2.nodes.Const) and isinstance(target.value, str):
                found.append((target.value, _VERBS[type(node)], node.lineno))
    return tuple(found)


def _cycles(graph: dict[str, tuple[Reference, ...]]) -> list[Problem]:
    """A problem for each reference that closes a circle (a template back to itself), once per
    circle, at the reference that closes it."""
    problems, done, path = [], set(), []

    def visit(name: str) -> None:  # as deep as the longest chain of templates: a few
        path.append(name)
        for target, verb, line in graph.get(name, ()):
            if target in path:
                circle = " → ".join([*path[path.index(target):], target])
                problems.append(Problem(Location(name, line), (
                    f"{name} {verb} {target}, which leads back to it ({circle}): a template "
                    f"cannot include or extend itself")))
            elif target in graph and target not in done:
                visit(target)
        path.pop()
        done.add(name)

    for name in graph:
        if name not in done:
            visit(name)
    return problems
