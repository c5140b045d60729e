"""A build that keeps what did not change (the preview's worker, a warm .cache/) makes exactly what
a fresh build makes: random edits of every kind, each followed by both builds, byte for byte.

Also: the pool of processes renders and prepares as one process does, and what is kept is keyed
by what made it (a kept result is never taken for another input).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from site_src.output.fingerprint import digest, folder_digest
from site_src.output.memo import Memo
from site_src.pipeline import Project, build

from .conftest import CONTENT, ROOT, SEED_SLUG, SLOW, THOROUGH

pytestmark = SLOW  # randomized edits, each build against a fresh build

COPY = f"{SEED_SLUG}-copy"  # a second report, so that an edit leaves one report unchanged
CJK = re.compile(r"[\u4e00-\u9fff]")


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def differing(first: Path, second: Path) -> list[str]:
    """The files the two sites do not have the same, by path."""
    one, other = tree(first), tree(second)
    return sorted(path for path in one.keys() | other.keys() if one.get(path) != other.get(path))


def two_report_site(root: Path) -> Project:
    shutil.copytree(CONTENT, root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    reports = root / "content" / "reports"
    shutil.copytree(reports / SEED_SLUG, reports / COPY)
    return Project.of(root / "content", root / "output")


def _paragraph_edit(rng: random.Random, content: Path) -> str:
    """One character of one paragraph of one report replaced by another (the YAML stays valid)."""
    report = rng.choice(sorted((content / "reports").iterdir()))
    files = sorted(p for p in report.rglob("*.yaml") if p.parent.name in ("parts", "sections")
                   or p.name in ("preamble.yaml", "closing.yaml"))
    file = rng.choice(files)
    lines = file.read_text(encoding="utf-8").split("\n")
    candidates = [n for n, line in enumerate(lines) if line.lstrip().startswith("text:") and CJK.search(line)]
    n = rng.choice(candidates)
    spots = [m.start() for m in CJK.finditer(lines[n])]
    at = rng.choice(spots)
    lines[n] = lines[n][:at] + rng.choice("发干后里面范征历") + lines[n][at + 1:]
    file.write_text("\n".join(lines), encoding="utf-8")
    return f"a character of {file.relative_to(content)}:{n + 1}"


def _glossary_edit(rng: random.Random, content: Path) -> str:
    file = content / "glossary.yaml"
    text = file.read_text(encoding="utf-8")
    entry = "  - phrase: 积极因素\n    traditional: 積極因素\n    reason: 试验\n"
    if entry in text:
        file.write_text(text.replace(entry, ""), encoding="utf-8")
        return "an entry removed from the site's glossary"
    file.write_text(text.replace("entries:\n", "entries:\n" + entry, 1), encoding="utf-8")
    return "an entry added to the site's glossary"


def _quotes_edit(rng: random.Random, content: Path) -> str:
    file = content / "site.yaml"
    text = file.read_text(encoding="utf-8")
    if "    quotes: corner\n" in text:
        file.write_text(text.replace("    quotes: corner\n", ""), encoding="utf-8")
        return "zh-Hant's quotation marks back to curly"
    file.write_text(text.replace("    opencc: s2tw\n", "    opencc: s2tw\n    quotes: corner\n"),
                    encoding="utf-8")
    return "zh-Hant's quotation marks made corner brackets"


def _template_edit(rng: random.Random, content: Path) -> str:
    file = content.parent / "templates" / "page_text.html"
    file.write_text(file.read_text(encoding="utf-8") + f"<!-- {rng.randrange(1000)} -->\n", encoding="utf-8")
    return "a template"


def _page_edit(rng: random.Random, content: Path) -> str:
    file = content / "pages" / "about.md"
    file.write_text(file.read_text(encoding="utf-8") + f"\n又及{rng.randrange(100)}。\n", encoding="utf-8")
    return "the about page"


def _report_edit(rng: random.Random, content: Path) -> str:
    """The second report removed, or brought back."""
    reports = content / "reports"
    if (reports / COPY).exists():
        shutil.rmtree(reports / COPY)
        return "a report removed"
    shutil.copytree(reports / SEED_SLUG, reports / COPY)
    return "a report added"


EDITS = (_paragraph_edit, _paragraph_edit, _paragraph_edit, _glossary_edit, _quotes_edit, _template_edit,
         _page_edit, _report_edit)


@pytest.mark.parametrize("seed", [1, 2, 3] if THOROUGH else [1])
def test_random_edits_build_exactly_as_a_fresh_build(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    project = two_report_site(tmp_path / "site")
    memo = Memo(project.cache / "memo")  # kept in memory and on disk, as the preview's worker keeps it
    build(project, memo)
    done = []
    for step in range(4):
        done.append(rng.choice(EDITS)(rng, project.content))
        kept = build(project, memo)
        assert not kept.up_to_date
        fresh = Project(project.content, tmp_path / f"fresh-{step}", project.templates,
                        tmp_path / f"cache-{step}")
        build(fresh, Memo())  # nothing kept, in memory or on disk
        assert differing(project.output, fresh.output) == [], f"seed {seed}, after: {'; '.join(done)}"


def test_a_fresh_process_with_a_warm_cache_builds_the_same(tmp_path: Path) -> None:
    """What one build kept on disk, the next process reads: its output is the fresh build's."""
    project = two_report_site(tmp_path / "site")
    build(project, Memo(project.cache / "memo"))
    _paragraph_edit(random.Random(7), project.content)
    build(project, Memo(project.cache / "memo"))  # a new Memo: only the disk is shared
    fresh = Project(project.content, tmp_path / "fresh", project.templates, tmp_path / "cache")
    build(fresh, Memo())
    assert differing(project.output, fresh.output) == []


def test_a_template_check_passed_before_is_made_again_for_changed_templates(tmp_path: Path) -> None:
    """The template check's pass is kept by the templates' bytes: a template broken since is found."""
    from site_src.errors import SiteError

    project = two_report_site(tmp_path / "site")
    program = tmp_path / "program"
    build(project, Memo(project.cache / "memo", program))
    assert len(list((program / "templates checked").iterdir())) == 1
    partial = project.templates[0] / "partials" / "reading_time.html"
    circle = "{% include 'page_text.html' %}" + partial.read_text(encoding="utf-8")
    partial.write_text(circle, encoding="utf-8")
    with pytest.raises(SiteError, match="which leads back to it"):
        build(project, Memo(project.cache / "memo", program))


def test_rendering_and_preparing_in_a_pool_is_one_process_over_again(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import site_src.site.files as files

    project = two_report_site(tmp_path / "site")
    monkeypatch.setattr(files, "PAGE_RUN", 7)  # many runs of pages, so the pool has work
    build(project, Memo(), jobs=2)
    one = Project(project.content, tmp_path / "one", project.templates, tmp_path / "cache")
    build(one, Memo(), jobs=1)
    assert differing(project.output, one.output) == []


def test_a_content_error_in_a_worker_is_reported_as_in_one_process(tmp_path: Path) -> None:
    from site_src.errors import Location, Problem, SiteError
    from site_src.output.parallel import in_order

    def fails(shared: str, item: int) -> int:
        if item == 3:
            raise SiteError([Problem(Location(f"{shared}/{item}.yaml", 4), "this one is wrong")])
        return item

    with pytest.raises(SiteError) as raised:
        list(in_order(fails, "reports", range(6), jobs=2))
    assert [(p.location.file, p.location.line, p.message) for p in raised.value.problems] == [
        ("reports/3.yaml", 4, "this one is wrong")]
    assert list(in_order(fails, "reports", [1, 2, 4, 5], jobs=2)) == [1, 2, 4, 5]


def test_keys_name_their_inputs_and_refuse_what_has_no_faithful_name(tmp_path: Path) -> None:
    assert digest("a", ("b", 1)) == digest("a", ("b", 1)) != digest("a", ("b", 2))
    assert digest("ab", "c") != digest("a", "bc")  # lengths are part of the key
    with pytest.raises(TypeError):
        digest(object())
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    before = folder_digest(folder)
    (folder / "a.yaml").write_text("x: 2\n", encoding="utf-8")
    assert before is not None and folder_digest(folder) not in (None, before)
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    assert folder_digest(folder) is None  # its bytes could come from anywhere: never kept
