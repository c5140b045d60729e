"""The templates held to the content's rules, before a page is rendered.

A site's templates/ is input like its content/: a symbolic link out of it is refused as one out of
content/ is (files.check_tree), or a build would publish /etc/passwd in every page; every template
is read and parsed once, so that a syntax error, a name that no template has (``{% include
'/etc/passwd' %}``) and a template that includes or extends itself, at once or through others,
are each one located error, said by the template that names it and its line, before Python's
recursion limit turns them into a traceback. Names that Jinja computes while rendering cannot be
followed here; rendering locates what goes wrong with them (render.py).
"""

from __future__ import annotations

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


def check_templates(env: jinja2.Environment, folders: tuple[Path, ...]) -> None:
    """Raise SiteError with every link out of the template folders, then every template that does
    not parse, names a missing template, or comes back to itself."""
    problems = [problem for folder in folders for problem in check_tree(folder, "templates folder")]
    if problems:
        raise SiteError(problems)
    names = sorted(name for name in env.list_templates() if name.partition("/")[0] != STATIC)
    graph = {name: _references(env, name) for name in names}
    problems = [Problem(Location(name, line), f"template not found: {target} ({name} {verb} it)")
                for name, found in graph.items() for target, verb, line in found if target not in graph]
    problems += _cycles(graph)
    if problems:
        raise SiteError(problems)


def _references(env: jinja2.Environment, name: str) -> tuple[Reference, ...]:
    """The templates ``name`` extends, includes or imports by a name written in it."""
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    try:
        tree = env.parse(source, name)
    except jinja2.TemplateSyntaxError as error:
        raise SiteError([Problem(Location(error.name or name, error.lineno),
                                 f"template syntax error: {error.message}")]) from None
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
