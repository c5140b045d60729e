"""The preview's build worker: one process that builds whenever it is asked, keeping in memory
what did not change (the templates compiled, OpenCC's converters and dictionaries, each
unchanged report's preparation), so that a save is rebuilt in a fraction of a fresh build's time.

    python -m site_src.rebuild CONTENT OUTPUT

Each line ``build`` on its input is one build, exactly as ``build.py build`` would make it (what
is kept is keyed by everything it depends on, see output/memo.py); each build is answered with one
line of JSON on its output: the exit code and what the build printed. When this program itself
has changed since the worker started, it answers ``{"restart": true}`` and ends, and the preview
starts a new one: the old code must not build with the new.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from site_src.cli import build_and_say
from site_src.config import load_config
from site_src.errors import SiteError, format_problems
from site_src.genre import load_genre
from site_src.output.fingerprint import program_now
from site_src.output.memo import Memo
from site_src.output.shipped import shipped_memo
from site_src.project import Project
from site_src.variants.convert import make_converter


def main(content: str, output: str) -> int:
    project = Project.of(Path(content), Path(output))
    memo = Memo(project.cache / "memo", project.kept_for_program("memo"), shipped_memo(), hold=True)
    program = program_now()
    channel = sys.stdout
    for line in sys.stdin:
        if line.strip() != "build":
            continue
        if program_now() != program:
            _say(channel, {"restart": True})
            return 0
        out, err = io.StringIO(), io.StringIO()
        code = 0
        later: list[Callable[[], None]] = []
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                build_and_say(project, memo=memo, later=later)
            except SiteError as error:
                print(format_problems(error.problems), file=sys.stderr)
                code = 1
        reply: dict[str, object] = {"code": code, "out": out.getvalue(), "err": err.getvalue()}
        if code:  # the preview shows the errors over each page, in the page's own words
            reply["words"] = overlay_words(project.content)
        if not _say(channel, reply):  # the site is in place: the pages reload while the books are kept
            return 0
        keep_books(memo, later)
    return 0


def keep_books(memo: Memo, later: list[Callable[[], None]]) -> None:
    """What a build keeps for the next one, once its result is told: the record of the build (for
    the up-to-date check of a build in another process), the memo's results on disk; and what the
    build did not use is gone from memory for good (an old text). Done before the next build starts."""
    for task in later:
        task()
    memo.write_held()
    memo.forget_unused()


def _say(channel: TextIO, reply: dict[str, object]) -> bool:
    """The reply on its line; False where the server is gone (it stopped while this build ran):
    the worker then ends quietly, its output pointed at nothing so the exit's flush cannot fail."""
    try:
        channel.write(json.dumps(reply) + "\n")
        channel.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), channel.fileno())
        return False
    return True


# The words of the preview's notice (serve.py: ENGLISH has the same).
OVERLAY_KEYS = ("preview_failed", "preview_no_site", "preview_where", "preview_where_column")


def overlay_words(content: Path) -> dict[str, dict[str, str]]:
    """The preview's notice of a failed build in each variant's language, the source variant's
    first: the site's interface strings (its genre's ui.yaml, reworded by site.yaml's ui:), each
    converted as the variant is (its OpenCC configuration). None where the settings do not load:
    the notice is then in English."""
    try:
        genre = load_genre(content)
        site = load_config(content / "site.yaml", frozenset(genre.ui))
        ui = {**genre.ui, **dict(site.ui)}
        return {variant.code: {key: convert(ui[key]) for key in OVERLAY_KEYS}
                for variant in site.variants for convert in [make_converter(variant.opencc)]}
    except (SiteError, RuntimeError, ValueError):  # OpenCC's binding raises bare errors for a bad file
        return {}


if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:3]))
    except KeyboardInterrupt:  # Ctrl-C reaches the whole preview; the server says so
        sys.exit(130)
