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
import sys
from pathlib import Path

from site_src.cli import build_and_say
from site_src.errors import SiteError, format_problems
from site_src.output.fingerprint import program_now
from site_src.output.memo import Memo
from site_src.project import Project


def main(content: str, output: str) -> int:
    project = Project.of(Path(content), Path(output))
    memo = Memo(project.cache / "memo", project.kept_for_program("memo"))
    program = program_now()
    channel = sys.stdout
    for line in sys.stdin:
        if line.strip() != "build":
            continue
        if program_now() != program:
            channel.write(json.dumps({"restart": True}) + "\n")
            channel.flush()
            return 0
        out, err = io.StringIO(), io.StringIO()
        code = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                build_and_say(project, memo=memo)
            except SiteError as error:
                print(format_problems(error.problems), file=sys.stderr)
                code = 1
        memo.forget_unused()  # what the last build did not use is gone for good (an old text)
        channel.write(json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue()}) + "\n")
        channel.flush()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:3]))
    except KeyboardInterrupt:  # Ctrl-C reaches the whole preview; the server says so
        sys.exit(130)
