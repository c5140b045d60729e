"""The command line's grammar, as people know it from Hugo, MkDocs and Zola: commands with their
options (``build`` when none is given, so ``report-site --out DIR`` builds), ``--version``, a
suggestion for a mistyped command or option, and the program named as it was run.

argparse does it (no library is needed for five commands): what it lacks before Python 3.14 is
the suggestion, given here with difflib, and a default command, put in before parsing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from site_src.config import BASE_URL, base_url_message, with_slash

COMMANDS = ("new", "build", "import", "audit", "serve")
DEFAULT = "build"
CONTENT = Path("content")  # a site's content folder, when --content does not name one


def program_name(argv0: str) -> str:
    """The program as the person ran it: report-site, build.py, or python -m site_src."""
    name = Path(argv0).name
    return "python -m site_src" if name == "__main__.py" else name or "report-site"


def version_text(program: str) -> str:
    from importlib import metadata  # here: a build does not ask for it

    try:
        version = metadata.version("report-site")
    except metadata.PackageNotFoundError:  # run from a clone without installing it
        version = "(not installed)"
    return f"{program} {version} (Python {sys.version.split()[0]})"


class _Version(argparse.Action):
    """--version, the version read only when asked for (reading it loads importlib.metadata, which
    a build does without)."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, argparse.SUPPRESS, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        print(version_text(parser.prog))
        parser.exit()


def parse(argv: list[str], program: str) -> tuple[argparse.Namespace, argparse.ArgumentParser]:
    """The command and its options, with the command's parser (for a usage error found later); a
    usage error (exit 2, with a suggestion where one fits) otherwise, as argparse reports one."""
    parser, commands = parsers(program)
    original = list(argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = [DEFAULT, *argv]  # build is the default: `report-site --out DIR` builds
    elif argv[0] not in COMMANDS and not argv[0].startswith("-"):
        parser.error(_unknown_command(argv[0]))
    args, extra = parser.parse_known_args(argv)
    if extra:
        commands[args.command].error(_unknown_argument(extra[0], args.command, commands,
                                                       [program, *original]))
    if args.command == "new":
        args.content = _new_folder(args, commands["new"])
    elif args.command == "import" and args.slug is not None and len(args.files) > 1:
        commands["import"].error("--slug names one report's folder: import one file with it")
    return args, commands[args.command]


def _close(word: str, possibilities: Iterable[str], n: int = 1) -> list[str]:
    """difflib's closest matches (imported here: only a mistyped command line needs it)."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n)


def _unknown_command(word: str) -> str:
    match = _close(word, COMMANDS, n=1)
    return (f"unknown command {word!r}: did you mean {match[0]!r}?" if match
            else f"unknown command {word!r} (the commands: {', '.join(COMMANDS)})")


def _unknown_argument(word: str, command: str, commands: dict[str, argparse.ArgumentParser],
                      typed: list[str]) -> str:
    """What is wrong with the first argument the command does not take, and what was meant
    (``typed``: the program and its arguments as given)."""
    if not word.startswith("-"):
        if word in COMMANDS:
            rest = list(typed[1:])
            rest.remove(word)
            import shlex  # only a mistyped command line needs it

            return f"{word!r} is a command: it comes first: {typed[0]} {shlex.join([word, *rest])}"
        match = _close(word, COMMANDS, n=1)
        return (f"unexpected argument {word!r}" + (f": did you mean the command {match[0]!r}? "
                                                  "(it comes first)" if match else ""))
    name = word.split("=", 1)[0]
    others = [other for other, sub in commands.items() if name in _options(sub)]
    if others:
        return f"{name} is an option of {' and '.join(others)}, not of {command}"
    options = {option.lstrip("-"): option for option in _options(commands[command])}
    match = _close(name.lstrip("-"), options, n=1)
    if match:
        return f"unknown option {name!r}: did you mean {options[match[0]]!r}?"
    elsewhere = {option.lstrip("-"): f"{other} {option}" for other, sub in commands.items()
                 for option in _options(sub)}
    match = _close(name.lstrip("-"), elsewhere, n=1)
    if match:
        return f"unknown option {name!r} for {command}: did you mean {elsewhere[match[0]]!r}?"
    return f"unknown option {name!r} (see {typed[0]} {command} --help)"


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [option for action in parser._actions for option in action.option_strings
            if option.startswith("--")]


def _new_folder(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Path:
    """`new FOLDER` and `new --content FOLDER` are the same; given both, they must agree."""
    if args.folder is not None and args.content is not None and args.folder != args.content:
        parser.error(f"two folders: {args.folder} and --content {args.content}: give the new site's "
                     "content folder once")
    return args.folder or args.content or CONTENT


def parsers(program: str) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The command line's parser, and each command's (for a usage error of its own)."""
    parser = argparse.ArgumentParser(
        prog=program, allow_abbrev=False,
        description="Build the bilingual site of government work reports (Simplified and Traditional).",
        epilog=f"Without a command, {program} builds: `{program} --out DIR` is `{program} build --out DIR`. "
               f"`{program} COMMAND --help` lists a command's options.")
    parser.add_argument("--version", action=_Version, help="show the program's version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str, help_text: str, content: str = "the site's content folder (default: content/)"
                ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, allow_abbrev=False)
        sub.add_argument("--content", type=Path, default=None if name == "new" else CONTENT,
                         metavar="DIR", help=content)
        if name != "serve":  # the preview prints what it serves and each rebuild: that is its work
            sub.add_argument("-q", "--quiet", action="store_true",
                             help="print nothing but errors (and what the command was asked for)")
        return sub

    new = command("new", "start a site: a content folder with site.yaml, a glossary, an about page",
                  "the content folder to create (the same as FOLDER)")
    new.add_argument("folder", type=Path, nargs="?", metavar="FOLDER",
                     help="the content folder to create (default: content)")
    build = command("build", "content -> static site (the default command)")
    build.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: output/ beside "
                                                               "the content)")
    build.add_argument("--base-url", type=_base_url, metavar="URL",
                       help="the address the site will have, for canonical links and the sitemap "
                            "(instead of site.yaml's base_url)")
    build.add_argument("--jobs", type=_jobs, metavar="N",
                       help="processes that render a large site (default: one per core; the output is "
                            "the same)")
    _import_options(command("import", "raw report text -> a report's folder under the content's reports/"))
    audit = command("audit", "print the conversion audit of every converted variant, then its summary")
    audit.add_argument("--proofs", action="store_true",
                       help="the proofs (校对): the conversions a person should check, and what settles each")
    audit.add_argument("-v", "--verbose", action="store_true",
                       help="every difference and every choice, not only what is to review")
    serve = command("serve", "build, serve on 127.0.0.1, rebuild on change")
    serve.add_argument("--port", type=_port, default=8000)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; another needs --allow-remote)")
    serve.add_argument("--allow-remote", action="store_true",
                       help="let other machines reach the preview (any Host header is answered)")
    serve.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: output/ beside "
                                                               "the content)")
    return parser, dict(commands.choices)


def _import_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("files", type=Path, nargs="+", metavar="FILE",
                     help="a report as text (UTF-8, GB18030 or Big5); several, each into its own folder")
    sub.add_argument("--slug", help="the report's folder name (default: its year and place, e.g. 2025-gansu)")
    sub.add_argument("--force", action="store_true",
                     help="replace the importer's files even where a person has edited them")
    sub.add_argument("--keep-losses", action="store_true",
                     help="go on where the text lost characters (?? or U+FFFD): each loss marked "
                          "and listed, every span drafted into errata.yaml")
    sub.add_argument("-v", "--verbose", action="store_true",
                     help="the whole import report: every rule, line removed, join and repair")


def _port(text: str) -> int:
    """A TCP port for --port: a usage error (exit 2), not a crash, when out of range."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 1 to 65535, got {text!r}")
    return int(text)


def _jobs(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(f"expected a number of processes from 1 to 256, got {text!r}")
    return int(text)


def _base_url(text: str) -> str:
    if not BASE_URL.fullmatch(text):
        raise argparse.ArgumentTypeError(base_url_message(text))
    return with_slash(text)
