"""Jinja as every page is rendered with it, and the shipped templates compiled before a site's first
build needs them.

Compiling a template is Jinja's costliest step, so compiled templates are kept: by the package's
build (setup.py: ``ship``, the shipped templates compiled, with what each names, beside the code),
and on the machine as a build compiles them (the program's cache, shared by every site). Both
are Jinja's bytecode cache, which checks the magic of Jinja's format and Python's version and the
template's source before it loads anything, so a template that is not the one compiled (a site's
own templates/ overriding one, a shipped one edited since) is compiled again, as is everything
under another Python. Only Jinja and the standard library are imported here: the package's build
runs this.
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from site_src import compiled
from site_src.errors import Location, Problem, SiteError
from site_src.output.memo import keep_entry
from site_src.site.templates import STATIC, Known, Reference, checksum, references

# The filters the templates use (render.py gives each its function): the compiled code names them,
# so the templates compile alike with any functions of these names.
FILTERS = ("markdown", "css_string", "keep_numbers", "words", "quoted")
_CACHE_FILE = "__jinja2_%s.cache"  # Jinja's own name for a template's compiled code
_REFERENCES = "references.json"


def environment(templates: tuple[Path, ...], filters: Mapping[str, Callable[..., Any]],
                cache_dir: Path | None = None, shipped: Path | None = None) -> jinja2.Environment:
    """Jinja with autoescape and StrictUndefined over the template folders, first match wins (a
    site's own templates/ before the shipped ones); compiled templates are looked up in
    ``cache_dir`` (and kept there) and then in ``shipped`` (read only), each checked against the
    template's source."""
    if set(filters) != set(FILTERS):
        raise ValueError(f"the filters are {', '.join(FILTERS)}, not {', '.join(sorted(filters))}")
    if cache_dir is not None:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            cache_dir = None  # a read-only project still builds, only slower
    env = jinja2.Environment(
        loader=_Utf8Loader([str(folder) for folder in templates]),
        bytecode_cache=_Compiled(cache_dir, shipped) if cache_dir or shipped else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters)
    return env


def shipped_folder(root: Path | None = None) -> Path:
    """Where the package's build keeps the shipped templates compiled by this Jinja and Python."""
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    return (root or compiled()) / f"templates-jinja2-{jinja2.__version__}-{python}"


class _Utf8Loader(jinja2.FileSystemLoader):
    """A template that is not valid UTF-8 is the project's error with its file, not a traceback."""

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str | None, Any]:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as error:
            raise SiteError([Problem(Location(template), f"template is not valid UTF-8 "
                                                         f"(byte {error.start})")]) from None


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates kept by template name, checked against the source as Jinja always does:
    the machine's cache is shared by every site, so a copy of a site (or of its templates/ folder)
    elsewhere loads what was compiled, and there is one file per name, not per path. Code loaded
    is given the template's file as it is here (it may have been compiled elsewhere: a package's
    build folder), so an error in it names the template and line where the template is."""

    def __init__(self, folder: Path | None, shipped: Path | None) -> None:
        self.folder = folder
        self.shipped = shipped

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        bucket = super().get_bucket(environment, name, None, source)
        if bucket.code is not None and filename is not None:
            bucket.code = _relocated(bucket.code, filename)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        for folder in (self.folder, self.shipped):
            if folder is None:
                continue
            try:
                with (folder / (_CACHE_FILE % bucket.key)).open("rb") as file:
                    bucket.load_bytecode(file)
            except OSError:  # none there, or the cache removed meanwhile
                continue
            if bucket.code is not None:
                return

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Written whole and never an error, however many builds write it at once or clear the
        cache meanwhile."""
        if self.folder is not None:
            keep_entry(self.folder / (_CACHE_FILE % bucket.key), bucket.write_bytecode)


def _relocated(code: types.CodeType, filename: str) -> types.CodeType:
    """``code`` and the functions in it, as compiled from ``filename``."""
    if code.co_filename == filename:
        return code
    constants = tuple(_relocated(constant, filename) if isinstance(constant, types.CodeType) else constant
                      for constant in code.co_consts)
    return code.replace(co_filename=filename, co_consts=constants)


def shipped_references(folder: Path | None = None) -> Known:
    """What each shipped template names (the templates it extends, includes, imports), by name,
    with the digest of the source it was read from: the package's build parsed them ({} if it did
    not)."""
    try:
        kept = json.loads(((folder or shipped_folder()) / _REFERENCES).read_text(encoding="utf-8"))
        return {name: (checksum, tuple((target, verb, line) for target, verb, line in found))
                for name, (checksum, found) in kept.items()}
    except (OSError, ValueError, TypeError):
        return {}


def ship(templates: Path, root: Path) -> Path:
    """Every template in ``templates`` compiled into ``root``'s folder for this Jinja and Python,
    with what each names; one that does not compile is left out (a build finds its error)."""
    target = shipped_folder(root)
    target.mkdir(parents=True, exist_ok=True)
    env = environment((templates,), dict.fromkeys(FILTERS, _unset), target)
    found: dict[str, tuple[str, tuple[Reference, ...]]] = {}
    for name in env.list_templates():
        if name.partition("/")[0] == STATIC:
            continue
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        try:
            env.get_template(name)
            found[name] = (checksum(source), references(env.parse(source, name)))
        except jinja2.TemplateError:
            continue
    (target / _REFERENCES).write_text(json.dumps(found, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    for path in target.iterdir():
        path.chmod(0o644)  # readable by every user of an installation (the cache's are its owner's alone)
    return target


def _unset(value: Any) -> Any:  # a filter's stand-in: compiling needs its name, never its function
    raise AssertionError("the shipped templates are compiled, never rendered, in the package's build")
