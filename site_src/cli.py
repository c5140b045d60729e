"""Commands: new, import, build (the default), serve, audit. Exit codes: 0 ok, 1 content errors, 2 usage.

Every command works on one site's content folder, ``--content DIR`` (default: content/ in the
current folder); the site is built into output/ beside it unless ``--out`` says elsewhere.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from site_src.errors import SiteError, format_problems, printable
from site_src.project import REPORTS, Project

if TYPE_CHECKING:
    from site_src.output.memo import Memo


COMMANDS = ("new", "build", "import", "audit", "serve")


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    root = root or Path.cwd()
    parser, parsers = _parsers()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")  # build is the default: `build.py --out DIR` works too
    args = parser.parse_args(argv)
    name = args.command or "build"
    project: Project | None = None
    before: dict[Path, tuple[int, int] | None] = {}
    try:
        if name == "new":
            return _new(root, args)
        out = getattr(args, "out", None)
        project = Project.of(root / args.content, (root / out) if out else None)
        before = _folders(project)
        if name == "import":
            _import(project, root, args)
        elif name == "audit":
            _audit(project, args)
        elif name == "serve":
            _serve(project, root, args, parsers["serve"])
        else:
            build_and_say(project, args.jobs)
    except SiteError as error:
        print(format_problems(error.problems), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        _interrupted(project, before, root)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`build.py | head`): the work is done, say nothing.
        sys.stdout = None  # type: ignore[assignment]
        return 0
    return 0


def _parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The command line's parser, and each command's (for a usage error of its own)."""
    parser = argparse.ArgumentParser(
        prog="build.py", description="Build the bilingual site of government work reports.")
    commands = parser.add_subparsers(dest="command")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        if name != "new":
            sub.add_argument("--content", type=Path, default=Path("content"),
                             help="the site's content folder (default: content/)")
        return sub

    new_parser = command("new", "start a site: a content folder with site.yaml, a glossary, an about page")
    new_parser.add_argument("folder", type=Path, help="the content folder to create, e.g. content")
    build_parser = command("build", "content -> static site (the default)")
    build_parser.add_argument("--out", type=Path, help="output folder (default: output/ beside the content)")
    build_parser.add_argument("--jobs", type=_jobs, help="processes that render a large site "
                                                         "(default: one per core; the output is the same)")
    import_parser = command("import", "raw report text -> a report's folder under the content's reports/")
    import_parser.add_argument("source", type=Path, help="the report as text (UTF-8, GB18030 or Big5)")
    import_parser.add_argument("--slug", help="the report's folder name (default: its year and place, "
                                              "e.g. 2025-gansu)")
    import_parser.add_argument("--force", action="store_true",
                               help="replace the importer's files even where a person has edited them")
    import_parser.add_argument("--keep-losses", action="store_true",
                               help="go on where the text lost characters (?? or U+FFFD): each loss marked "
                                    "and listed, every span drafted into errata.yaml")
    audit_parser = command("audit", "print the conversion audit of every converted variant")
    audit_parser.add_argument("--proofs", action="store_true",
                              help="the proofs (校对): the conversions a person should check, "
                                   "and what settles each")
    serve_parser = command("serve", "build, serve on 127.0.0.1, rebuild on change")
    serve_parser.add_argument("--port", type=_port, default=8000)
    serve_parser.add_argument("--host", default="127.0.0.1",
                              help="address to listen on (default 127.0.0.1; another needs --allow-remote)")
    serve_parser.add_argument("--allow-remote", action="store_true",
                              help="let other machines reach the preview (any Host header is answered)")
    serve_parser.add_argument("--out", type=Path, help="output folder (default: output/ beside the content)")
    return parser, dict(commands.choices)


def _new(root: Path, args: argparse.Namespace) -> int:
    from site_src.content.new import new_site

    created = new_site(root / args.folder)
    _say(f"created {printable(str(args.folder))}: " + ", ".join(created))
    _say(f"next: import a report with `import FILE --content {printable(str(args.folder))}`")
    return 0


def _import(project: Project, root: Path, args: argparse.Namespace) -> None:
    from site_src.importing import import_source
    from site_src.ingest.summary import format_import_report

    result = import_source(project, root / args.source, args.slug, force=args.force,
                           name=args.source.as_posix(), keep_losses=args.keep_losses)
    folder = result.written.folder
    outline = _shown(Path(result.outline_file), root) if result.outline_file else ""
    _say(format_import_report(result.report, printable(str(args.source)), len(result.written.files),
                              _shown(folder, root), outline_file=outline, drafts=result.written.drafts))
    _say(result.summaries_report(_shown(folder, root)))
    for replaced, how in result.written.replaced:
        _say(f"replaced {_shown(folder / replaced, root)} ({how}; --force)")


def _audit(project: Project, args: argparse.Namespace) -> None:
    from site_src.pipeline import load_project
    from site_src.variants.audit import format_audit, load_dictionaries
    from site_src.variants.prepare import audit_report, proofs_report
    from site_src.variants.proofs import format_queue

    content = load_project(project)
    dictionaries = load_dictionaries()
    for entry in content.reports:  # a site of several reports audits each, under its name
        if len(content.reports) > 1:
            _say(f"# {entry.slug}: {entry.report.full_title}")
        if args.proofs:
            for code, items in proofs_report(content, entry, dictionaries, entry.locations):
                _say(format_queue(items, code))
        else:
            _say(format_audit(audit_report(content, entry, dictionaries), content.site))


def _serve(project: Project, root: Path, args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    import site_src
    from site_src.serve import LOCAL_HOSTS, serve

    if args.host not in LOCAL_HOSTS and not args.allow_remote:
        parser.error(f"--host {args.host} lets other machines reach the preview: "
                     "add --allow-remote if that is what you want")
    worker = [sys.executable, "-m", "site_src.rebuild", str(project.content), str(project.output)]
    watched = (project.content, *project.templates, Path(site_src.__file__).parent)
    serve(worker, root, watched, project.output, host=args.host, port=args.port, remote=args.allow_remote)


def _interrupted(project: Project | None, before: dict[Path, tuple[int, int] | None], root: Path) -> None:
    """Say what happened: an interrupt can land after a build or an import put its folder in place
    (writing is all or nothing; the swap itself is never cut in half)."""
    now = _folders(project) if project is not None else {}
    done = sorted(path for path, identity in now.items() if identity is not None
                  and identity != before.get(path))
    if done:
        print("\n".join(printable(f"interrupted, but only after {_shown(path, root)} was written: "
                                   "it is complete and in place") for path in done), file=sys.stderr)
    else:
        print("interrupted", file=sys.stderr)


def build_and_say(project: Project, jobs: int | None = None, memo: Memo | None = None) -> None:
    """The build command's work and its report; raises SiteError for content errors."""
    from site_src.output.uptodate import kept_build

    started = time.perf_counter()
    key, result = kept_build(project)  # nothing to do is known before the pipeline is loaded
    if result is None:
        from site_src.pipeline import build_anew

        result = build_anew(project, key, memo, jobs)
    done = "up to date:" if result.up_to_date else "built"
    _say(f"{done} {result.pages} pages in {', '.join(result.variants)} "
         f"({result.files} files) into {printable(str(project.output))} "
         f"in {time.perf_counter() - started:.2f} s")
    _say("search: " + ", ".join(f"{path} {size / 1024:.1f} KB" for path, size in result.search))


def _say(text: str) -> None:
    """Print a report for the terminal, with anything a terminal could act on escaped (names are
    escaped before they go into it, so that its own line breaks are the only ones)."""
    print("\n".join(printable(line) for line in text.split("\n")))


def _folders(project: Project) -> dict[Path, tuple[int, int] | None]:
    """The folders a command may put in place, each with what it is now (device and inode; None
    if absent): the output folder and every report folder. A swap gives one a new identity."""
    found: dict[Path, tuple[int, int] | None] = {project.output: None}
    reports = project.content / REPORTS
    with contextlib.suppress(OSError):  # no reports yet, or none readable
        found.update((path, None) for path in reports.iterdir() if not path.name.startswith("."))
    return {path: _identity(path) for path in found}


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def _shown(path: Path, root: Path) -> str:
    """A path as the user would type it: relative to where they are, when it is inside; escaped
    for the terminal (a newline in a name cannot start a line of its own)."""
    try:
        return printable(str(path.relative_to(root)))
    except ValueError:
        return printable(str(path))


def _port(text: str) -> int:
    """A TCP port for --port: a usage error (exit 2), not a crash, when out of range."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {text!r}")
    return int(text)


def _jobs(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(f"expected a number of processes from 1 to 256, got {text!r}")
    return int(text)


def entry_point(root: Path | None = None) -> None:
    """The console script (and build.py): run a command, then end the process at once.

    Everything a command writes is complete and closed when it returns; what is left is tearing
    down the interpreter (freeing OpenCC's converters, the jieba dictionary, every module), a
    tenth of a second that nobody waits for on purpose.
    """
    code = main(root=root)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError, AttributeError):  # the reader went away, or stdout is None
        pass
    os._exit(code)
