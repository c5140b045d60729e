"""Loading the YAML content: a faithful round trip, and every problem named by file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_src.config import load_config
from site_src.content.report import load_report, report_files
from site_src.errors import SiteError
from site_src.model import Report
from site_src.pipeline import Project, build

from .conftest import report_folder


def problems_of(content: Path) -> list[str]:
    with pytest.raises(SiteError) as caught:
        load_report(content)
    return [str(problem) for problem in caught.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_yaml_round_trip_gives_the_same_report(report: Report, imported: Report) -> None:
    assert report == imported
    assert report_files(report) == report_files(imported)


def test_missing_key(project_copy: Project) -> None:
    path = report_folder(project_copy) / "sections" / "review-03.yaml"
    edit(path, "title: 纵深推进双城经济圈建设\n", "")
    assert problems_of(report_folder(project_copy)) == [f"{path}:1: title: missing key"]


def test_wrong_type_and_unknown_key_are_both_reported(project_copy: Project) -> None:
    section = report_folder(project_copy) / "sections" / "plan-02.yaml"
    edit(section, "number: 二", "number: [二]")
    part = report_folder(project_copy) / "parts" / "review.yaml"
    edit(part, "title: 2023年工作回顾", "title: 2023年工作回顾\ntitel: typo")
    problems = problems_of(report_folder(project_copy))
    assert f"{section}:1: number: expected text, got a list" in problems
    assert (f"{part}:3: titel: unknown key 'titel' (allowed: number, title, label, mark, stop, kind, "
            "opening, sections, closing)") in problems


def test_duplicate_paragraph_id_names_both_places(project_copy: Project) -> None:
    path = report_folder(project_copy) / "sections" / "review-02.yaml"
    edit(path, "id: review-02-2", "id: review-01-1")
    first = report_folder(project_copy) / "sections" / "review-01.yaml"
    line = line_of(path, "id: review-01-1")
    assert problems_of(report_folder(project_copy)) == [
        f"{path}:{line}: paragraphs[1].id: duplicate id 'review-01-1' "
        f"(first used at {first}:{line_of(first, 'id: review-01-1')}: paragraphs[0].id)"]


def test_unknown_section_reference(project_copy: Project) -> None:
    part = report_folder(project_copy) / "parts" / "plan.yaml"
    edit(part, "  - plan-10\n", "  - plan-11\n")
    (report_folder(project_copy) / "sections" / "plan-10.yaml").unlink()
    line = line_of(part, "plan-11")
    problems = problems_of(report_folder(project_copy))
    assert problems == [f"{part}:{line}: sections[9]: unknown section 'plan-11': "
                        f"{report_folder(project_copy) / 'sections' / 'plan-11.yaml'} does not load"]


def test_yaml_syntax_error_has_line_and_column(project_copy: Project) -> None:
    path = report_folder(project_copy) / "sections" / "plan-04.yaml"
    edit(path, "title: ", "title: a: ")
    assert problems_of(report_folder(project_copy)) == [
        f"{path}:2:9: invalid YAML: mapping values are not allowed here"]


def test_unsafe_ids_are_rejected(project_copy: Project) -> None:
    path = report_folder(project_copy) / "report.yaml"
    edit(path, "  - plan", "  - ../plan")
    problems = problems_of(report_folder(project_copy))
    assert problems[0].startswith(f"{path}:{line_of(path, '../plan')}: parts[1]: invalid id '../plan'")


def test_problems_in_several_files_are_collected(project_copy: Project) -> None:
    edit(report_folder(project_copy) / "sections" / "review-01.yaml", "lead: 先进制造业集群发展。", "lead: 7")
    edit(report_folder(project_copy) / "closing.yaml", "id: closing-1", "id: Closing 1")
    edit(report_folder(project_copy) / "preamble.yaml", "kind: salutation", "kind: greeting")
    problems = problems_of(report_folder(project_copy))
    assert len(problems) == 3
    assert any("lead: expected text, got a number '7'" in p for p in problems)
    assert any("invalid id 'Closing 1'" in p for p in problems)
    assert any("unknown kind 'greeting'" in p for p in problems)


def test_an_empty_file_and_a_missing_file(project_copy: Project) -> None:
    (report_folder(project_copy) / "closing.yaml").write_text("", encoding="utf-8")
    (report_folder(project_copy) / "preamble.yaml").unlink()
    problems = problems_of(report_folder(project_copy))
    assert f"{report_folder(project_copy) / 'closing.yaml'}: the file is empty" in problems
    assert f"{report_folder(project_copy) / 'preamble.yaml'}: file not found" in problems


def test_site_config_rejects_unknown_opencc_config(project_copy: Project) -> None:
    path = project_copy.content / "site.yaml"
    edit(path, "opencc: s2tw", "opencc: s2xx")
    with pytest.raises(SiteError) as caught:
        load_config(path)
    assert str(caught.value.problems[0]) == (
        f"{path}:{line_of(path, 's2xx')}: variants[1].opencc: unknown OpenCC configuration 's2xx' "
        "(for example s2tw, s2hk, s2t)")


def test_settings_load_without_making_a_converter_and_the_build_tries_it(
        project_copy: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading site.yaml reads a configuration of one's own as JSON and makes no converter (that
    loads OpenCC's dictionaries); the build's variants stage makes it first, and what OpenCC
    refuses is an error at site.yaml's line, before anything is written."""
    own = project_copy.content.parent / "my-s2tw.json"
    own.write_text('{"name": "mine", "conversion_chain": [{"dict": {"type": "text", '
                   '"file": "nothere.txt"}}]}', encoding="utf-8")
    path = project_copy.content / "site.yaml"
    edit(path, "opencc: s2tw", "opencc: ../my-s2tw.json")
    import site_src.variants.convert

    with monkeypatch.context() as patched:
        patched.setattr(site_src.variants.convert, "make_converter", lambda *_: pytest.fail("a converter"))
        config = load_config(path)
    assert config.variants[1].opencc == str(own)
    with pytest.raises(SiteError) as caught:
        build(project_copy)
    (problem,) = caught.value.problems
    assert (problem.location.file, problem.location.line, problem.location.key) == (
        str(path), line_of(path, "my-s2tw"), "variants[1].opencc")
    assert problem.message.startswith(f"OpenCC cannot use the configuration {own}: ")
    assert not project_copy.output.exists()


def test_a_build_with_the_proofs_reads_each_report_folder_once(
        project_copy: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the proofs send a person (file and line of each text) comes from the one reading of
    the report's folder, not from a second parse inside the build."""
    import site_src.content.report as report_module

    site = project_copy.content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "proofs: true\n", encoding="utf-8")
    section = report_folder(project_copy) / "sections" / "review-02.yaml"  # a street name to proofread
    section.write_text(section.read_text(encoding="utf-8").replace("批发、零售", "东升路批发、零售"),
                       encoding="utf-8")
    read: list[Path] = []
    load = report_module._load
    monkeypatch.setattr(report_module, "_load",
                        lambda folder, *rest: read.append(folder) or load(folder, *rest))
    build(project_copy, jobs=1)
    assert read == [report_folder(project_copy)]
    page = project_copy.output / "zh-hant" / "proofs.html"
    assert "sections/review-02.yaml" in page.read_text(encoding="utf-8")


def test_a_report_yaml_without_its_government_takes_the_folders_name(project_copy: Project) -> None:
    """report.yaml says which government a report is of (the import writes it); a folder imported
    before it did is of the government its name says, without the year (2024-rongchang)."""
    from site_src.content.site import load_site
    from site_src.genre import load_genre

    path = report_folder(project_copy) / "report.yaml"
    assert load_report(report_folder(project_copy)).government == "rongchang"
    edit(path, "government: rongchang\n", "")
    assert load_report(report_folder(project_copy)).government == ""  # the file says nothing
    (entry,) = load_site(project_copy.content, load_genre(project_copy.content)).reports
    assert entry.report.government == "rongchang"
