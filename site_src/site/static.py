"""The site's static files: templates/static/ of every template folder, style sheets and scripts
minified."""

from __future__ import annotations

from pathlib import Path

from site_src.site import routes


def static_files(templates: tuple[Path, ...]) -> list[tuple[str, bytes]]:
    """(path in the site, bytes) of every static file; a site's own file of a name wins."""
    found: dict[str, Path] = {}
    for folder in reversed(templates):
        static = folder / "static"
        for path in sorted(static.rglob("*")) if static.is_dir() else ():
            if path.is_file():
                found[path.relative_to(static).as_posix()] = path
    return [(routes.static(name), minified(name, found[name].read_bytes())) for name in sorted(found)]


def minified(name: str, data: bytes) -> bytes:
    """Style sheets and scripts without their comments and spaces (rcssmin, rjsmin): a reader on
    a phone downloads them before the first page shows. Other files go out as they are."""
    if name.endswith(".css"):
        import rcssmin

        return rcssmin.cssmin(data)
    if name.endswith(".js"):
        import rjsmin

        return rjsmin.jsmin(data)
    return data
