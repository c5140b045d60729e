"""A thin preview server over build(): livereload on 127.0.0.1, rebuild on change, keep the last good site.

Each rebuild runs in a fresh Python process, so edits to site_src/ take effect too; a failed
rebuild prints its errors and leaves the previous site being served (the build swaps its output
in only on success).
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from site_src.errors import fail
from site_src.pipeline import Project, build

WATCHED = ("content", "templates", "site_src")


def tree_fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and modification times of every watched file: equal means nothing changed."""
    entries = []
    for folder in WATCHED:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                entries.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


class Rebuilder:
    """Runs one build per real change; livereload may call it several times for one burst."""

    def __init__(self, project: Project, root: Path) -> None:
        self.project = project
        self.root = root
        self.last = tree_fingerprint(root)

    def __call__(self) -> None:
        current = tree_fingerprint(self.root)
        if current == self.last:
            return
        self.last = current
        command = [sys.executable, "-m", "site_src", "build", "--out", str(self.project.output)]
        result = subprocess.run(command, cwd=self.root, capture_output=True, text=True, check=False)
        sys.stdout.write(result.stdout)
        if result.returncode != 0:
            sys.stderr.write(result.stderr)
            sys.stderr.write("build failed: still serving the last good site\n")


def check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise fail(f"{host}:{port}", f"cannot serve: the port is in use ({error.strerror})") from None


def serve(project: Project, root: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    from livereload import Server

    check_port(host, port)
    result = build(project)
    print(f"built {result.pages} pages; serving http://{host}:{port}/ (Ctrl-C to stop)")
    rebuild = Rebuilder(project, root)
    server = Server()
    for folder in WATCHED:
        server.watch(str(root / folder), rebuild, delay=0.3,
                     ignore=lambda name: "__pycache__" in name or name.endswith((".pyc", ".swp")))
    server.serve(root=str(project.output), host=host, port=port, restart_delay=0)
