"""Loading the YAML content: a faithful round trip, and every problem named by file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_src.config import load_config
from site_src.content.report import load_report, report_files
from site_src.errors import SiteError
from site_src.model import Report
from site_src.pipeline import Project

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
    assert problems[0].startswith(f"{path}:6: parts[1]: invalid id '../plan'")


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
