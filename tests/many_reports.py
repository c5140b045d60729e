"""A site of many reports, made from the bundled one: the bench of search's size and the browser
tests of a many-report site build one in a temporary folder.

Each copy is the bundled report's folder under its own slug (``copy-0002`` …) and title
(政府工作报告（副本2）…), so its pages, its title and its hits are its own; ``marks`` puts a phrase
of one's own at the end of a paragraph of the copies named, which a query can then find in those
reports only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SEED_SLUG = "2024-rongchang"
MARKED = ("sections/plan-01.yaml", "努力打造渝西地区一体化高质量发展先行区。")  # a file and a sentence in it


def slug(number: int) -> str:
    """The folder of copy ``number`` (the bundled report is number 1, under its own folder)."""
    return SEED_SLUG if number == 1 else f"copy-{number:04d}"


def many_reports(root: Path, count: int, marks: dict[int, str] | None = None) -> Path:
    """``root/content``: the site with the bundled report and ``count - 1`` copies; returns it."""
    content = root / "content"
    shutil.copytree(CONTENT, content)
    reports = content / "reports"
    for number in range(2, count + 1):
        folder = reports / slug(number)
        shutil.copytree(reports / SEED_SLUG, folder)
        header = folder / "report.yaml"
        lines = header.read_text(encoding="utf-8").splitlines(keepends=True)
        assert "title: 政府工作报告\n" in lines
        lines[lines.index("title: 政府工作报告\n")] = f"title: 政府工作报告（副本{number}）\n"
        header.write_text("".join(lines), encoding="utf-8")
    for number, phrase in (marks or {}).items():
        path = reports / slug(number) / MARKED[0]
        text = path.read_text(encoding="utf-8")
        assert MARKED[1] in text
        path.write_text(text.replace(MARKED[1], MARKED[1] + phrase, 1), encoding="utf-8")
    return content
