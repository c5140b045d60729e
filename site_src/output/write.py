"""Writing the site safely: everything goes to a staging folder, swapped in only on success.

The staging folder sits next to the output folder (same file system, so the swap is a rename)
and is named after the process writing it: a build that was killed outright leaves its staging
folder behind, and the next build removes it once that process is gone.

Every site written here carries a marker file (``MARKER``); a build replaces only an empty folder
or one with the marker, so ``--out`` pointed at a folder of something else refuses instead of
deleting it. The swap and the removal of the previous site run with interrupts held back: an
interrupt then arrives after them, when the new site is complete and in place.

A file the output folder already holds byte for byte (given as ``Unchanged``, or with the same
bytes) is not written again: the new site links the old file in (a second name for it, so its
modification time and inode stay as they were), and the output folder's times show what changed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from site_src.errors import Location, Problem, SiteError

# In every site a build writes: what tells a folder of ours (replaced whole by the next build)
# from a folder of something else.
MARKER = ".report-site"
MARKER_TEXT = (b"This folder is a site built by report-site. Each build replaces it whole: "
               b"keep nothing else here.\n")
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@dataclass(frozen=True)
class Unchanged:
    """A file the output folder already holds as it should be (the caller checked its bytes: of
    this size and sha256): the new site takes it as it is."""

    size: int
    sha256: str


@dataclass(frozen=True)
class Written:
    """What a site written here holds: each file's path and size in bytes, in the order written,
    and each file's sha256 by its path (the marker's too: every file of the folder), so that
    what the folder holds is known without reading it again (uptodate.py)."""

    files: tuple[tuple[str, int], ...]
    digests: dict[str, str]


def write_site(files: Iterable[tuple[str, bytes | Unchanged]], out_dir: Path,
               environ: Mapping[str, str] | None = None) -> Written:
    """Write all files under a staging folder next to out_dir, then swap it in.

    Until the swap, out_dir is untouched; a failure (or an interrupt) leaves it as it was.
    With SOURCE_DATE_EPOCH set (in ``environ``, by default the process environment), every file
    and folder gets that modification time, so an archive of the site is reproducible too.
    Returns what was written.
    """
    out_dir = out_dir.resolve()
    mtime = source_date_epoch(os.environ if environ is None else environ)
    _check_replaceable(out_dir)
    written: dict[str, tuple[str, int, str]] = {}  # path given: path in the folder, size, sha256
    try:
        with staged(out_dir) as staging:
            for relative, data in files:  # one at a time: a generator of pages need not be held whole
                inside = _inside(relative)
                if relative in written:
                    raise SiteError([Problem(Location(relative), "two files want the same path")])
                written[relative] = ((inside, data.size, data.sha256) if isinstance(data, Unchanged)
                                     else (inside, len(data), hashlib.sha256(data).hexdigest()))
                _write(staging / inside, data, out_dir / relative)
            _write(staging / MARKER, MARKER_TEXT, out_dir / MARKER)
            if mtime is not None:
                _set_times(staging, mtime)
    except OSError as error:
        raise _cannot_write(out_dir, error) from None
    digests = {inside: sha for inside, _, sha in written.values()}
    digests[MARKER] = hashlib.sha256(MARKER_TEXT).hexdigest()
    return Written(tuple((relative, size) for relative, (_, size, _) in written.items()), digests)


def _inside(relative: str) -> str:
    """``relative`` as a path under the staging folder, by its letters alone (the staging folder is
    new and holds only the folders and regular files written here, no link: nothing to resolve);
    a located error where it would leave the folder, or be the folder itself."""
    normal = os.path.normpath(relative)
    if os.path.isabs(normal) or normal in (os.curdir, os.pardir) or normal.startswith(os.pardir + os.sep):
        raise SiteError([Problem(Location(relative), "path escapes the output folder")])
    return normal


def _write(target: Path, data: bytes | Unchanged, old: Path) -> None:
    """``data`` at ``target`` in the staging folder: the file ``old`` of the output folder linked in
    where it holds them already, else written."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Unchanged):
            if not _linked(old, target):  # no second name on this file system: a copy
                shutil.copy2(old, target, follow_symlinks=False)
        elif not (_holds(old, data) and _linked(old, target)):
            target.write_bytes(data)
    except OSError as error:
        raise _cannot_write(old, error) from None


def _linked(old: Path, target: Path) -> bool:
    try:
        os.link(old, target, follow_symlinks=False)
    except OSError:
        return False
    return True


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file of these very bytes."""
    try:
        status = path.lstat()
        if not stat.S_ISREG(status.st_mode) or status.st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new folder beside ``target`` for the block to fill, swapped into its place when the block
    ends, removed if it raises: a failure or an interrupt leaves ``target`` as it was (a build's
    output, an import's report folder, a new site). An OSError goes out as it is: each caller
    names what it could not write."""
    remove_abandoned(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-{os.getpid()}-", dir=target.parent))
    try:
        yield staging
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
        swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def source_date_epoch(environ: Mapping[str, str]) -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970, or None if unset."""
    value = environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{1,12}", value):
        raise SiteError([Problem(Location("SOURCE_DATE_EPOCH"),
                                 f"expected whole seconds since 1970-01-01, got {value!r}")])
    return int(value)


def _check_replaceable(out_dir: Path) -> None:
    """Refuse to replace what is not a site: a file, or a folder of something else (content/, ~)."""
    for parent in out_dir.parents:  # mkdir would say only "File exists"
        if parent.exists():
            if not parent.is_dir():
                raise SiteError([Problem(Location(str(out_dir)),
                                         f"cannot write: {parent} is a file, not a folder")])
            break
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise SiteError([Problem(Location(str(out_dir)),
                                 "the output folder is a file; refusing to replace it")])
    try:
        empty = next(out_dir.iterdir(), None) is None
    except OSError as error:
        raise _cannot_write(out_dir, error) from None
    marker = out_dir / MARKER
    if not empty and not (marker.is_file() and not marker.is_symlink()):
        raise SiteError([Problem(Location(str(out_dir)), (
            f"the output folder holds files but is not a site built here (it has no {MARKER} file, "
            "which every build writes), and a build replaces its output folder whole: refusing; "
            "choose an empty or new folder with --out, or move this one away first"))])


class interrupts_held:
    """Ctrl-C and SIGTERM held back for a moment: one that arrives meanwhile is delivered when it
    ends, so the swap and its cleanup are never cut in half. In the main thread the handlers are
    swapped for a recorder (Python runs handlers there, whichever thread the system picked, so a
    library's thread cannot let one through); elsewhere the thread's signal mask is used."""

    def __enter__(self) -> None:
        self.arrived: list[int] = []
        self.handlers: dict[int, object] = {}
        self.mask: set[int] | None = None
        if threading.current_thread() is threading.main_thread():
            for number in _HELD_SIGNALS:
                self.handlers[number] = signal.signal(number, self._record)
        elif hasattr(signal, "pthread_sigmask"):
            self.mask = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)

    def _record(self, number: int, frame: object) -> None:
        self.arrived.append(number)

    def __exit__(self, *exc: object) -> None:
        for number, handler in self.handlers.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        if self.mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, self.mask)  # a held interrupt arrives here
        for number in dict.fromkeys(self.arrived):
            signal.raise_signal(number)  # delivered now, to the handler that was there before


def swap_in(staging: Path, target: Path) -> None:
    """Put the complete folder ``staging`` where ``target`` is, in one step where the system can,
    with interrupts held until it is done (a build's output, an import's report folder)."""
    with interrupts_held():
        _swap(staging, target)


def remove_abandoned(out_dir: Path) -> None:
    """Staging and old folders beside ``out_dir`` of processes killed before they could clean up."""
    pattern = re.compile(rf"\.{re.escape(out_dir.name)}\.(?:staging|old)-([0-9]+)-")
    try:
        siblings = list(out_dir.parent.iterdir())
    except OSError:
        return  # the parent does not exist yet; creating it reports any real problem
    for path in siblings:
        match = pattern.match(path.name)
        if match and not process_alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process; leave its folder alone
    return True


def _set_times(folder: Path, mtime: int) -> None:
    for directory, _, names in os.walk(folder, topdown=False):
        for name in names:
            os.utime(os.path.join(directory, name), (mtime, mtime))
        os.utime(directory, (mtime, mtime))


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the previous site
        return
    # Without an atomic exchange: two renames, and the previous site back if the second fails.
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-{os.getpid()}-", dir=out_dir.parent))
    os.rmdir(old)
    os.rename(out_dir, old)
    try:
        os.rename(staging, out_dir)
    except BaseException:
        os.rename(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE), so that there is no moment
    without an output folder; False where the system cannot, and the caller renames twice."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False  # a C library without renameat2 (glibc < 2.28, musl < 1.2)
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # the kernel or this file system cannot exchange
    raise OSError(code, os.strerror(code), str(second))


def _cannot_write(path: Path, error: OSError) -> SiteError:
    return SiteError([Problem(Location(str(path)), f"cannot write: {error.strerror or error}")])
