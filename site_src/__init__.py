"""A static bilingual microsite generator for Chinese government work reports."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped_templates() -> Path:
    """The templates that come with the tool: inside the package when installed from a wheel
    (site_src/templates), at the top of the repository in a checkout (templates/)."""
    inside = _PACKAGE / "templates"
    return inside if inside.is_dir() else _PACKAGE.parent / "templates"


def compiled() -> Path:
    """What the package's build made of the program for every site's first build (setup.py): the
    shipped templates compiled, OpenCC's tables read out. It may be missing or made for another
    Python, Jinja or OpenCC; each is checked when it is read, and made again where it does not fit."""
    return _PACKAGE / "compiled"
