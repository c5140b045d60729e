"""The package's build: setuptools as pyproject.toml configures it, and one step more, ``ship``: what
every site's first build would otherwise make before it can start (the shipped templates compiled,
OpenCC's tables read out, the genre profile loaded), made once here and installed with the code in
site_src/compiled/; in an editable install, the code compiled too (pip compiles a wheel's code as
it installs it).

Each is made with the Jinja, OpenCC and Python of the build and read only where those are the
user's (a build checks, and makes what does not fit, as it did before: slower, never otherwise).
A build without one of them at hand skips that part. An editable install (pip install -e) makes
them in the checkout (site_src/compiled/, ignored by git), a wheel in its build folder.
"""

from __future__ import annotations

import compileall
import shutil
import sys
from pathlib import Path

from setuptools import Command, setup
from setuptools.command.build import build

ROOT = Path(__file__).resolve().parent


class Ship(Command):
    """Compile the shipped templates, read OpenCC's tables out and keep the genre profile loaded,
    into site_src/compiled/."""

    description = ("compile the shipped templates, read OpenCC's tables out and load the genre "
                   "profile for the first build")
    user_options: list[tuple[str, str | None, str]] = []  # noqa: RUF012 (setuptools' interface)

    def initialize_options(self) -> None:
        self.build_lib: str | None = None
        self.editable_mode = False

    def finalize_options(self) -> None:
        self.set_undefined_options("build_py", ("build_lib", "build_lib"))

    def _target(self) -> Path:
        root = ROOT if self.editable_mode or self.build_lib is None else Path(self.build_lib)
        return root / "site_src" / "compiled"

    def run(self) -> None:
        sys.path.insert(0, str(ROOT))  # this checkout's code, whatever is installed
        target = self._target()
        shutil.rmtree(target, ignore_errors=True)  # what an earlier build made for another version
        try:
            from site_src.site.environment import ship as ship_templates

            ship_templates(ROOT / "templates", target)
        except Exception as error:  # no Jinja here: the first build compiles them, as it can
            print(f"ship: the shipped templates are not compiled ({error}): the first build compiles them")
        try:
            from site_src.variants.tables import ship as ship_tables

            ship_tables(target)
        except Exception as error:  # no OpenCC here (or its tool failed): the first build reads them
            print(f"ship: OpenCC's tables are not read out ({error}): the first build reads them")
        try:
            from site_src.output.shipped import ship as ship_memo

            ship_memo(target)
        except Exception as error:  # a library missing here: the first build loads the genre
            print(f"ship: the genre profile is not kept ({error}): the first build loads it")
        if self.editable_mode:
            # The code compiled, as pip compiles a wheel's when it installs it (an editable
            # install's code is the checkout's: Python compiles it again where it was edited since).
            compileall.compile_dir(str(ROOT / "site_src"), quiet=1)

    def get_outputs(self) -> list[str]:
        """The files made in the build folder (an editable install's, made in the checkout, are
        found there through the package's own path)."""
        target = self._target()
        if self.editable_mode or not target.is_dir():
            return []
        return [str(path) for path in target.rglob("*") if path.is_file()]

    def get_output_mapping(self) -> dict[str, str]:
        return {}

    def get_source_files(self) -> list[str]:
        return []


class Build(build):
    sub_commands = [*build.sub_commands, ("ship", None)]  # noqa: RUF012 (setuptools' interface)


setup(cmdclass={"build": Build, "ship": Ship})
