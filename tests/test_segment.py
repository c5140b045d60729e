"""The segmenter: each set of added words starts one segmenter of its own, and nothing else (not the
library's default segmenter, which importing the package rjieba starts) in a process that needs
only that one; the words are the library's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = "我们要坚定信心、继续前进，推动高质量发展，建设现代化产业体系。"


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_a_glossary_segmenter_alone_starts_no_default_segmenter() -> None:
    found = _run("import sys\nfrom site_src.segment import segmenter\n"
                 f"words = segmenter(('高质量发展',)).cut({TEXT!r})\n"
                 "print('rjieba' in sys.modules, '高质量发展' in words)")
    assert found == "False True"


def test_words_are_the_librarys_with_and_without_added_words() -> None:
    from site_src.segment import segmenter

    code = ("import rjieba\nj = rjieba.Jieba()\nj.add_word('高质量发展', None, None)\n"
            f"print(rjieba.cut({TEXT!r}, hmm=False) == {segmenter().cut(TEXT)!r},"
            f" j.cut({TEXT!r}, hmm=False) == {segmenter(('高质量发展',)).cut(TEXT)!r},"
            f" rjieba.tag({TEXT!r}) == {[tuple(t) for t in segmenter()._jieba.tag(TEXT)]!r})")
    assert _run(code) == "True True True"


def test_the_package_imported_later_takes_the_same_module() -> None:
    found = _run("from site_src.segment import segmenter\nsegmenter().cut('继续前进')\n"
                 "import rjieba, sys\n"
                 "print(rjieba.Jieba is sys.modules['rjieba.rjieba'].Jieba, rjieba.cut('继续前进'))")
    assert found == "True ['继续前进']"
