"""What a build keeps for the next. A report made again after an edit converts only the texts it
did not convert before: the rest of its conversion into each variant is kept by text
(variants/prepare.py), so the converter and its segmenter start for the edited paragraph alone.
The genre profile is kept by its files. (That what is kept makes exactly what a fresh build makes
is test_incremental's.)"""

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


def test_the_genre_is_kept_by_its_files(tmp_path: Path) -> None:
    """The genre profile loaded once is taken again while its files are the same; a site's own
    profile file written since is read."""
    from site_src.genre import SHIPPED
    from site_src.pipeline import load_project

    shutil.copytree(CONTENT, tmp_path / "content")
    project = Project.of(tmp_path / "content", tmp_path / "output")
    memo = Memo(tmp_path / "memo")
    first = load_project(project, memo).genre
    assert load_project(project, memo).genre is first
    shipped = (SHIPPED / "ui.yaml").read_text(encoding="utf-8")
    key, value = next((key, value) for key, value in first.ui.items() if value and value in shipped)
    own = tmp_path / "content" / "genre" / "ui.yaml"
    own.parent.mkdir(exist_ok=True)
    own.write_text(shipped.replace(value, value + "（改）", 1), encoding="utf-8")
    changed = load_project(project, memo).genre
    assert changed.ui[key] == value + "（改）"
    assert load_project(project, Memo(tmp_path / "memo")).genre.ui == changed.ui  # from the disk


def test_a_report_is_read_again_only_where_its_files_changed(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A report whose files are the same is taken as the last build read it (equal to reading it);
    an edited one is read again, and one that fails to read says its error every time."""
    from site_src import pipeline
    from site_src.errors import SiteError

    shutil.copytree(CONTENT, tmp_path / "content")
    project = Project.of(tmp_path / "content", tmp_path / "output")
    read: list[Path] = []
    reading = pipeline.load_located

    def recording(folder: Path, years: tuple[int, int]) -> object:
        read.append(folder)
        return reading(folder, years)

    monkeypatch.setattr(pipeline, "load_located", recording)
    first = pipeline.load_project(project, Memo(tmp_path / "memo"))
    assert len(read) == 1
    again = pipeline.load_project(project, Memo(tmp_path / "memo"))  # a new process: from the disk
    assert len(read) == 1 and again.reports == first.reports == pipeline.load_project(project).reports
    closing = tmp_path / "content" / "reports" / SEED_SLUG / "closing.yaml"
    text = closing.read_text(encoding="utf-8")
    closing.write_text(text.replace("继续前进", f"继续前进，{NEW}", 1), encoding="utf-8")
    edited = pipeline.load_project(project, Memo(tmp_path / "memo"))
    assert len(read) == 3 and edited.reports != first.reports  # the plain load above, then this one
    assert any(NEW in paragraph.text for paragraph in edited.reports[0].report.closing)
    closing.write_text(text.replace("继续前进", "继续前进\n  - : [", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(SiteError):
            pipeline.load_project(project, Memo(tmp_path / "memo"))
    assert len(read) == 5


def test_headings_rendered_before_are_not_segmented_again(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The words of a heading (the ``words`` filter) are kept from the last build (on disk, for a
    new process), so an edit of a paragraph segments no heading; a new heading is segmented."""
    from site_src.site import files

    shutil.copytree(CONTENT, tmp_path / "content")
    project = Project.of(tmp_path / "content", tmp_path / "output")
    segmented: list[str] = []
    words = files.words

    def recording(text: str) -> object:
        segmented.append(text)
        return words(text)

    monkeypatch.setattr(files, "words", recording)
    build(project, Memo(tmp_path / "memo"), jobs=1)
    assert segmented
    before = set(segmented)
    segmented.clear()
    closing = tmp_path / "content" / "reports" / SEED_SLUG / "closing.yaml"
    closing.write_text(closing.read_text(encoding="utf-8").replace("继续前进", f"继续前进，{NEW}", 1),
                       encoding="utf-8")
    build(project, Memo(tmp_path / "memo"), jobs=1)
    assert segmented == []
    report = tmp_path / "content" / "reports" / SEED_SLUG / "report.yaml"
    text = report.read_text(encoding="utf-8")
    title = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("title:"))
    report.write_text(text.replace(f"title: {title}", f"title: {title}{NEW}", 1), encoding="utf-8")
    build(project, Memo(tmp_path / "memo"), jobs=1)
    assert segmented and not before & set(segmented)


def test_an_edit_renders_only_the_pages_that_show_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages are kept one by one (site/reuse.py): an edit of the closing renders the pages whose
    inputs hold it (the closing's own page, the full text, the report's home …) in each variant,
    not every page of the report."""
    from site_src.site import files

    shutil.copytree(CONTENT, tmp_path / "content")
    project = Project.of(tmp_path / "content", tmp_path / "output")
    rendered: list[str] = []
    render = files._render_run

    def recording(work: object, pages: list[int]) -> list[tuple[str, bytes, frozenset[str]]]:
        made = render(work, pages)  # type: ignore[arg-type]
        rendered.extend(path for path, _, _ in made)
        return made

    monkeypatch.setattr(files, "_render_run", recording)
    memo = Memo(tmp_path / "memo")
    build(project, memo, jobs=1)
    every = set(rendered)
    rendered.clear()
    closing = tmp_path / "content" / "reports" / SEED_SLUG / "closing.yaml"
    closing.write_text(closing.read_text(encoding="utf-8").replace("继续前进", f"继续前进，{NEW}", 1),
                       encoding="utf-8")
    build(project, memo, jobs=1)
    assert rendered, "the edited page was not rendered"
    assert len(rendered) <= len(every) // 4, sorted(rendered)
    closings = [path for path in rendered if path.endswith("/closing.html")]
    assert {path.split("/")[0] for path in closings} == {"zh-hans", "zh-hant"}  # in each variant
    assert any(NEW in (tmp_path / "output" / path).read_text(encoding="utf-8") for path in closings)
