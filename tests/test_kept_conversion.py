"""A report made again after an edit converts only the texts it did not convert before: the rest
of its conversion into each variant is kept by text (variants/prepare.py), so the converter and
its segmenter start for the edited paragraph alone. (That the kept conversions make exactly what
a fresh build makes is test_incremental's.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from site_src.output.memo import Memo
from site_src.pipeline import Project, build
from site_src.variants import prepare
from site_src.variants.convert import Convert

from .conftest import CONTENT, SEED_SLUG

NEW = "奋楫扬帆再出发"  # a phrase the bundled report does not hold


def test_an_edit_converts_only_the_texts_not_converted_before(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    project = Project.of(tmp_path / "content", tmp_path / "output")
    converted: list[str] = []
    made = prepare.report_converter

    def recording(*args: object) -> Convert:
        convert = made(*args)  # type: ignore[arg-type]

        def recorded(text: str) -> str:
            converted.append(text)
            return convert(text)
        return recorded

    monkeypatch.setattr(prepare, "report_converter", recording)
    memo = Memo(tmp_path / "memo")
    build(project, memo, jobs=1)
    before = set(converted)
    assert before  # the first build converts the report
    converted.clear()
    closing = tmp_path / "content" / "reports" / SEED_SLUG / "closing.yaml"
    text = closing.read_text(encoding="utf-8")
    assert "继续前进" in text
    closing.write_text(text.replace("继续前进", f"继续前进，{NEW}", 1), encoding="utf-8")
    build(project, memo, jobs=1)
    assert any(NEW in text for text in converted)
    assert not before & set(converted), "a text converted before was converted again"
