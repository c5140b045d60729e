"""Imports point one way: a build never enters the importer, and no module imports one that
imports it back."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from .conftest import CONTENT, ROOT

PACKAGE = ROOT / "site_src"
# What of site_src.ingest a build may load: nothing (the genre's word types are in site_src/words.py,
# below both the genre and the importer).
ALLOWED_INGEST: set[str] = set()
KNOWN_CIRCLES: list[list[str]] = []


def test_a_build_enters_no_importer(tmp_path: Path) -> None:
    """A build of the bundled site (the command, as people run it), in a fresh interpreter: what it
    loaded of ingest/. The government a report is of comes from its YAML, not from the importer's
    place names."""
    code = ("import sys\nfrom pathlib import Path\nfrom site_src.cli import main\n"
            "assert main(['build', '--content', sys.argv[1], '--out', sys.argv[2]]) == 0\n"
            "loaded = sorted(m for m in sys.modules if m.startswith('site_src.ingest'))\n"
            "print(' '.join(loaded), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code, str(CONTENT), str(tmp_path / "out")], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stderr.split())
    assert loaded <= ALLOWED_INGEST, sorted(loaded - ALLOWED_INGEST)


def imports() -> dict[str, set[str]]:
    """Each module of site_src and the modules of site_src it imports (at its top or in a function)."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        modules[name] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                wanted = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            else:
                continue
            graph[name].update(target for target in wanted if target in modules and target != name)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = imports()
    assert "site_src.yamlio" in graph["site_src.config"]  # the graph is read
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles(graph) == KNOWN_CIRCLES




def test_no_function_is_over_80_lines() -> None:
    """A function does one job; a long one is split by job (house style)."""
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None \
                    and node.end_lineno - node.lineno + 1 > 80:
                long.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name}")
    assert long == []



def modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_loading_the_genre_profile_loads_nothing_of_the_importer() -> None:
    loaded = modules_loaded_by("import site_src.genre; site_src.genre.load_genre()")
    assert "site_src.genre" in loaded and "site_src.words" in loaded
    assert sorted(name for name in loaded if name.startswith("site_src.ingest")) == []
