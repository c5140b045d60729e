"""Commands: new, import, build (the default), serve, audit. Exit codes: 0 ok, 1 content errors, 2 usage.

Every command works on one site's content folder, ``--content DIR`` (default: content/ in the
current folder); the site is built into output/ beside it unless ``--out`` says elsewhere. The
grammar of the command line is cli_parser.py's; what each command prints is for a person
(progress on standard error, on long work only; --quiet for none).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from site_src.cli_parser import CONTENT, parse, program_name
from site_src.errors import SiteError, fail, format_problems, printable
from site_src.progress import Progress
from site_src.project import REPORTS, Project

if TYPE_CHECKING:
    from collections.abc import Callable

    from site_src.output.memo import Memo


def main(argv: list[str] | None = None, root: Path | None = None, program: str | None = None,
         home: Path | None = None) -> int:
    """Run one command; ``program`` is the name help and hints give the program (by default as it
    was run, or build.py when called with ``argv``, as the tests do). Every path given is taken
    from ``root`` (the current folder); ``home``, where the content folder is when --content
    does not say (build.py's own folder: it builds the site it sits in), else ``root``."""
    root = root or Path.cwd()
    if program is None:
        program = program_name(sys.argv[0]) if argv is None else "build.py"
    args, usage = parse(list(sys.argv[1:] if argv is None else argv), program)
    if home is not None and args.content is CONTENT:  # not given
        args.content = home / CONTENT
    progress = Progress.to(sys.stderr, quiet=getattr(args, "quiet", False))
    project: Project | None = None
    before: dict[Path, tuple[int, int] | None] = {}
    try:
        if args.command == "new":
            return _new(root, args, program)
        out = getattr(args, "out", None)
        project = Project.of(root / args.content, (root / out) if out else None,
                             getattr(args, "base_url", None))
        _site_or_hint(project, args.content, program)
        before = _folders(project)
        if args.command == "import":
            return _import_each(project, root, args, program, progress)
        if args.command == "audit":
            _audit(project, args, program, progress)
        elif args.command == "serve":
            _serve(project, root, args, usage)
        else:
            build_and_say(project, args.jobs, progress=progress, quiet=args.quiet)
    except SiteError as error:
        progress.clear()
        print(format_problems(error.problems), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        progress.clear()
        _interrupted(project, before, root)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`build.py | head`): the work is done, say nothing.
        sys.stdout = None  # type: ignore[assignment]
        return 0
    return 0


def _site_or_hint(project: Project, content: Path, program: str) -> None:
    """Where there is no site (no content folder, or an empty one), say how to start one."""
    folder = project.content
    if (folder.is_dir() and any(folder.iterdir())) or (folder.exists() and not folder.is_dir()):
        return  # a site, or something else that the load will name
    start = f"{program} new" + ("" if content == CONTENT else f" {content}")
    raise fail(str(content), f"no site here (no {content / 'site.yaml'}): start one with `{start}`, or "
                             "name a site's content folder with --content DIR")


def _new(root: Path, args: argparse.Namespace, program: str) -> int:
    from site_src.content.new import new_site

    created = new_site(root / args.content)
    if not args.quiet:
        content = _content_option(args.content)
        _say(f"created {printable(str(args.content))}: " + ", ".join(created))
        _say(f"next: import a report with `{program} import FILE{content}`, then `{program} build{content}`")
    return 0


def _content_option(content: Path) -> str:
    """--content as the person gave it, for a command to run next ('' for the default)."""
    import shlex  # only ``new`` says it

    return "" if content == CONTENT else f" --content {printable(shlex.quote(str(content)))}"


def _import_each(project: Project, root: Path, args: argparse.Namespace, program: str,
                 progress: Progress) -> int:
    """Each file into its own report folder, each with its report; a file that fails is said and
    the next one imported all the same (each import is whole or nothing)."""
    failed, done = [], set()
    files = args.files
    for source in progress.counted(files, len(files) if len(files) > 1 else 0, "importing", "reports"):
        try:
            done.add(_import(project, root, source, args, done, progress))
        except SiteError as error:
            progress.clear()
            print(format_problems(error.problems), file=sys.stderr)
            failed.append(source)
    if len(files) > 1 and not args.quiet:
        _say(f"imported {len(files) - len(failed)} of {len(files)} reports"
             + (f"; not imported: {', '.join(printable(str(path)) for path in failed)}" if failed else ""))
    if len(failed) < len(files) and not args.quiet and not args.verbose:
        from site_src.import_report import next_steps

        _say(next_steps(program, _content_option(args.content)))
    return 1 if failed else 0


def _import(project: Project, root: Path, source: Path, args: argparse.Namespace, taken: set[str],
            progress: Progress) -> str:
    """One file imported, and its report printed; the slug it was written to."""
    from site_src.import_report import import_screen
    from site_src.importing import import_source
    from site_src.ingest.summary import format_import_report

    result = import_source(project, root / source, args.slug, force=args.force, name=source.as_posix(),
                           keep_losses=args.keep_losses, taken=frozenset(taken))
    progress.clear()
    if args.quiet:
        return result.slug
    folder = _shown(result.written.folder, root)
    if args.verbose:
        outline = _shown(Path(result.outline_file), root) if result.outline_file else ""
        _say(format_import_report(result.report, printable(str(source)), len(result.written.files), folder,
                                  outline_file=outline, drafts=result.written.drafts))
        _say(result.summaries_report(folder))
        for replaced, how in result.written.replaced:
            _say(f"replaced {_shown(result.written.folder / replaced, root)} ({how}; --force)")
    else:
        shown = replace(result, outline_file=_shown(Path(result.outline_file), root) if result.outline_file
                        else "")
        _say(import_screen(shown, printable(str(source)), folder))
    if len(args.files) > 1:
        _say("")
    return result.slug


def _audit(project: Project, args: argparse.Namespace, program: str, progress: Progress) -> None:
    from site_src.pipeline import load_project
    from site_src.variants.audit import load_dictionaries
    from site_src.variants.audit_text import AuditTotals, format_audit
    from site_src.variants.prepare import audit_report, proofs_report
    from site_src.variants.proofs import format_queue

    progress.stage("loading the content")
    content = load_project(project)
    dictionaries = load_dictionaries()
    totals = AuditTotals()
    several = len(content.reports) > 1
    for entry in progress.counted(content.reports, len(content.reports) if several else 0, "auditing",
                                  "reports"):
        if args.proofs:
            found = proofs_report(content, entry, dictionaries, entry.locations)
            text = "\n".join(format_queue(items, code) for code, items in found)
            totals = totals.with_proofs(found)
        else:
            audits = audit_report(content, entry, dictionaries)
            text = format_audit(audits, content.site, entry.locations, verbose=args.verbose)
            totals = totals.with_audits(audits)
        progress.clear()
        # A site of several reports audits each, under its name.
        _say((f"# {entry.slug}: {entry.report.full_title}\n" if several else "") + text)
    _say(totals.summary(program, proofs=args.proofs, verbose=args.verbose))


def _serve(project: Project, root: Path, args: argparse.Namespace, usage: argparse.ArgumentParser) -> None:
    import site_src
    from site_src.serve import LOCAL_HOSTS, serve

    if args.host not in LOCAL_HOSTS and not args.allow_remote:
        usage.error(f"--host {args.host} lets other machines reach the preview: "
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


def build_and_say(project: Project, jobs: int | None = None, memo: Memo | None = None,
                  progress: Progress | None = None, quiet: bool = False,
                  later: list[Callable[[], None]] | None = None) -> None:
    """The build command's work and its report; raises SiteError for content errors. ``later``:
    see pipeline.build_anew."""
    from site_src.output.uptodate import kept_build

    started = time.perf_counter()
    key, result = kept_build(project)  # nothing to do is known before the pipeline is loaded
    if result is None:
        from site_src.pipeline import build_anew

        result = build_anew(project, key, memo, jobs, progress, later)
    if quiet:
        return
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


def entry_point(root: Path | None = None, home: Path | None = None) -> None:
    """The console script (and build.py): run a command, then end the process at once.

    Everything a command writes is complete and closed when it returns; what is left is tearing
    down the interpreter (freeing OpenCC's converters, the jieba dictionary, every module), a
    tenth of a second that nobody waits for on purpose.
    """
    code = main(root=root, home=home)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError, AttributeError):  # the reader went away, or stdout is None
        pass
    os._exit(code)
