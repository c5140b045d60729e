"""The catalogue of bad inputs: each case, one small change, the exact error a user must see.

Every case runs a command the way a user does (``main(argv)`` in the project folder) on a copy
of the project and checks, besides the exact text on stderr: the exit status, nothing on stdout,
no traceback, and that the previous output/ and the content/ are left byte for byte as they were.

A change is an edit of a real file (``Replace``: the text must be there, so a case cannot pass
by editing nothing), a file written whole (``Write``, often a fixture from tests/bad_inputs/) or
a file removed. ``{content}`` and ``{root}`` in the expected text stand for the copy's folders;
``{line}`` (or the name given to ``mark``) for the line where a ``Replace`` put its new text.

Not here yet: references from the glossary, industries and figures files (their own issues).
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from site_src.cli import main

from .conftest import CONTENT, ROOT, SEED_SLUG

FIXTURES = Path(__file__).resolve().parent / "bad_inputs"


@dataclass(frozen=True)
class Replace:
    """Replace the first ``old`` in a file with ``new``; ``mark`` names the line where it went."""

    file: str
    old: str
    new: str
    mark: str = "line"


@dataclass(frozen=True)
class Write:
    """Write a file whole: text, bytes, or a fixture's content (``fixture=``)."""

    file: str
    data: str | bytes = ""
    fixture: str | None = None


@dataclass(frozen=True)
class Remove:
    file: str


Change = Replace | Write | Remove


@dataclass(frozen=True)
class Case:
    id: str
    changes: tuple[Change, ...]
    expected: tuple[str, ...]  # stderr, line by line
    argv: tuple[str, ...] = ("build",)
    status: int = 1
    env: dict[str, str] = field(default_factory=dict)


def case(id: str, *changes: Change, expected: str | tuple[str, ...], argv: tuple[str, ...] = ("build",),
         status: int = 1, env: dict[str, str] | None = None) -> Case:
    lines = (expected,) if isinstance(expected, str) else expected
    return Case(id, changes, lines, argv, status, env or {})


def errors(*lines: str) -> tuple[str, ...]:
    """Several errors of one run, then their count, as the formatter prints them."""
    return (*lines, f"{len(lines)} errors")


SITE_FILES = ("site.yaml", "glossary.yaml", "pages/", "genre/", "reports/")  # the rest: the report's
SECTION = "sections/review-03.yaml"  # any section will do; this one is short
# The cases on raw text import tests/bad_inputs/… as report.txt, into reports/2024-fixture/.
IMPORT = ("import", "report.txt", "--slug", "2024-fixture")
ERRATA = "reports/2024-fixture/errata.yaml"

CASES = [
    # --- YAML syntax ---------------------------------------------------------------------------
    case("yaml-unclosed-list", Write("closing.yaml", "paragraphs: [\n"),
         expected="error: {report}/closing.yaml:2:1: invalid YAML: "
                  "expected the node content, but found '<stream end>'"),
    case("yaml-colon-in-plain-text", Replace(SECTION, "title: ", "title: 建设: "),
         expected="error: {report}/" + SECTION + ":{line}:10: invalid YAML: "
                  "mapping values are not allowed here"),
    case("yaml-tab-indent", Replace(SECTION, "\n  - id: review-03-1", "\n\t- id: review-03-1"),
         expected="error: {report}/" + SECTION + ":{line}:1: invalid YAML: "
                  "found character '\\t' that cannot start any token"),
    case("yaml-bad-indent", Replace(SECTION, "\n    text: ", "\n      text: "),
         expected="error: {report}/" + SECTION + ":{line}:11: invalid YAML: "
                  "mapping values are not allowed here"),
    case("yaml-two-documents", Write("closing.yaml", "paragraphs: []\n---\nparagraphs: []\n"),
         expected="error: {report}/closing.yaml:2:1: invalid YAML: "
                  "expected a single document in the stream, but found another document"),
    case("yaml-control-character", Replace(SECTION, "title: ", "title: \x07"),
         expected="error: {report}/" + SECTION + ":{line}:8: invalid YAML: "
                  "control character U+0007 is not allowed"),
    case("yaml-duplicate-key", Replace(SECTION, "title: ", "title: 重复\ntitle: "),
         expected="error: {report}/" + SECTION + ":3: title: duplicate key"),
    # --- wrong types ---------------------------------------------------------------------------
    case("type-list-for-text", Replace(SECTION, "number: 三", "number: [三]"),
         expected="error: {report}/" + SECTION + ":{line}: number: expected text, got a list"),
    case("type-text-for-number", Replace("report.yaml", "year: 2024", "year: 二〇二四"),
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, "
                  "got text '二〇二四'"),
    case("type-impossible-date", Replace("report.yaml", "year: 2024", "year: 2024-13-45"),
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, "
                  "got a date '2024-13-45'"),
    case("type-foreign-tag", Replace("report.yaml", "year: 2024", "year: !!python/object:os.system ls"),
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, "
                  "got a value tagged tag:yaml.org,2002:python/object:os.system ('ls')"),
    case("type-mapping-for-list", Write("closing.yaml", "paragraphs:\n  id: closing-1\n  text: 完。\n"),
         expected="error: {report}/closing.yaml:2: paragraphs: expected a list, got a mapping"),
    case("type-nothing-for-text",
         Replace("closing.yaml", "    text: 让我们在", "    text:\n    lead: 让我们在"),
         expected="error: {report}/closing.yaml:{line}: paragraphs[1].text: expected text, got nothing"),
    case("type-empty-title", Replace(SECTION, "title: 纵深推进双城经济圈建设", 'title: ""'),
         expected="error: {report}/" + SECTION + ":{line}: title: must not be empty"),
    case("unknown-paragraph-kind", Replace("preamble.yaml", "kind: salutation", "kind: greeting"),
         expected="error: {report}/preamble.yaml:{line}: paragraphs[0].kind: unknown kind 'greeting' "
                  "(allowed: text, salutation, highlight, targets, heading, appendix)"),
    # --- unknown keys (a typo is an error) -----------------------------------------------------
    case("unknown-key-typo", Replace(SECTION, "title: ", "titel: "),
         expected=errors("error: {report}/" + SECTION + ":{line}: titel: unknown key 'titel' "
                         "(allowed: number, title, form, alone, stop, paragraphs)",
                         "error: {report}/" + SECTION + ":1: title: missing key")),
    case("unknown-key-in-paragraph",
         Replace("closing.yaml", "  - id: closing-2\n", "  - id: closing-2\n    note: x\n"),
         expected="error: {report}/closing.yaml:5: paragraphs[1].note: unknown key 'note' "
                  "(allowed: id, kind, lead, text)"),
    case("unknown-key-in-site", Replace("site.yaml", "    opencc: s2tw", "    openc: s2tw"),
         expected="error: {content}/site.yaml:{line}: variants[1].openc: unknown key 'openc' "
                  "(allowed: code, label, path, opencc, quotes)"),
    case("missing-key", Replace("report.yaml", "year: 2024\n", ""),
         expected="error: {report}/report.yaml:1: year: missing key"),
    # --- ids and references ---------------------------------------------------------------------
    case("duplicate-paragraph-id", Replace("closing.yaml", "id: closing-2", "id: closing-1"),
         expected="error: {report}/closing.yaml:{line}: paragraphs[1].id: duplicate id 'closing-1' "
                  "(first used at {report}/closing.yaml:2: paragraphs[0].id)"),
    case("section-listed-twice",
         Replace("parts/review.yaml", "  - review-02\n", "  - review-01\n  - review-02\n"),
         expected="error: {report}/parts/review.yaml:{line}: sections[1]: section 'review-01' is listed "
                  "twice"),
    case("part-listed-twice", Replace("report.yaml", "  - plan\n", "  - review\n  - plan\n"),
         expected="error: {report}/report.yaml:{line}: parts[1]: part 'review' is listed twice"),
    case("unknown-section", Replace("parts/review.yaml", "  - review-10\n", "  - review-11\n"),
         Remove("sections/review-10.yaml"),
         expected="error: {report}/parts/review.yaml:{line}: sections[9]: unknown section 'review-11': "
                  "{report}/sections/review-11.yaml does not load"),
    case("unknown-part", Replace("report.yaml", "  - plan\n", "  - plan\n  - budget\n", mark="unused"),
         expected="error: {report}/report.yaml:7: parts[2]: unknown part 'budget': "
                  "{report}/parts/budget.yaml does not load"),
    case("unlisted-section-file", Replace("parts/review.yaml", "  - review-10\n", ""),
         expected="error: {report}/sections/review-10.yaml: section file is not listed in any part's "
                  "sections"),
    case("unlisted-part-file", Replace("report.yaml", "  - plan\n", ""),
         expected="error: {report}/parts/plan.yaml: part file is not listed in report.yaml's parts"),
    case("id-escapes-folder", Replace("report.yaml", "  - plan", "  - ../plan"),
         expected="error: {report}/report.yaml:{line}: parts[1]: invalid id '../plan': use lowercase "
                  "ASCII letters, digits and single hyphens (it becomes a file name and an anchor)"),
    case("id-with-space", Replace("closing.yaml", "id: closing-2", "id: Closing 2"),
         expected="error: {report}/closing.yaml:{line}: paragraphs[1].id: invalid id 'Closing 2': use "
                  "lowercase ASCII letters, digits and single hyphens (it becomes a file name and an "
                  "anchor)"),
    # --- missing, empty, badly encoded files ----------------------------------------------------
    case("missing-file", Remove("preamble.yaml"),
         expected="error: {report}/preamble.yaml: file not found"),
    case("empty-file", Write("closing.yaml", ""),
         expected="error: {report}/closing.yaml: the file is empty"),
    case("missing-site-file", Remove("site.yaml"),
         expected="error: {content}/site.yaml: file not found"),
    case("empty-site-file", Write("site.yaml", "# nothing yet\n"),
         expected="error: {content}/site.yaml: the file is empty"),
    case("invalid-utf8-yaml", Write(SECTION, fixture="gbk-section.yaml"),
         expected="error: {report}/" + SECTION + ":2: not valid UTF-8"),
    case("invalid-utf8-page", Write("pages/about.md", "# 关于\n\n".encode() + "本站".encode("gb18030")),
         expected="error: {content}/pages/about.md:3: not valid UTF-8"),
    # --- site.yaml -------------------------------------------------------------------------------
    case("unknown-opencc-config", Replace("site.yaml", "opencc: s2tw", "opencc: s2xx"),
         expected="error: {content}/site.yaml:{line}: variants[1].opencc: unknown OpenCC configuration "
                  "'s2xx' (for example s2tw, s2hk, s2t)"),
    case("invalid-language-code", Replace("site.yaml", "code: zh-Hant", "code: zh_TW"),
         expected="error: {content}/site.yaml:{line}: variants[1].code: invalid language code 'zh_TW': "
                  "use a BCP 47 tag such as zh-Hant"),
    case("repeated-variant", Replace("site.yaml", "code: zh-Hant", "code: zh-Hans"),
         expected="error: {content}/site.yaml:9: variants[1]: variant 'zh-Hans' repeats the code or path "
                  "of 'zh-Hans'"),
    case("variant-folder-escapes", Replace("site.yaml", "path: zh-hant", "path: ../zh-hant"),
         expected="error: {content}/site.yaml:{line}: variants[1].path: invalid folder name '../zh-hant': "
                  "lowercase ASCII letters, digits, hyphens"),
    case("variant-folder-taken", Replace("site.yaml", "path: zh-hant", "path: static"),
         expected="error: {content}/site.yaml:{line}: variants[1].path: the folder name 'static' is taken "
                  "by the site's stylesheet and script"),
    # --- editorial pages --------------------------------------------------------------------------
    case("page-without-title", Write("pages/notes.md", "没有标题的页面。\n"),
         expected="error: {content}/pages/notes.md:1: a page starts with its title as a level-1 heading: "
                  "# 标题"),
    case("page-file-name", Write("pages/Notes.md", "# 说明\n"),
         expected="error: {content}/pages/Notes.md: page file names must be lowercase ASCII letters, "
                  "digits and hyphens"),
    # --- templates ------------------------------------------------------------------------------
    case("template-syntax-error", Replace("{templates}/page_text.html", "{% endblock %}", "{% endblok %}"),
         expected="error: page_text.html:{line}: template syntax error: Encountered unknown tag "
                  "'endblok'. Jinja was looking for the following tags: 'endblock'. The innermost "
                  "block that needs to be closed is 'block'."),
    case("template-undefined-variable",
         Replace("{templates}/page_text.html", "{{ page.title }}", "{{ titel }}"),
         expected="error: page_text.html:{line}: undefined in template: 'titel' is undefined"),
    case("template-links-an-unplanned-page",
         Replace("{templates}/page_text.html", "<h1>{{ page.title }}</h1>",
                 '<h1><a href="{{ url("nowhere.html") }}">{{ page.title }}</a></h1>'),
         expected="error: page_text.html:{line}: a link to 'nowhere.html', which is not a planned page"),
    case("template-links-an-unknown-paragraph",
         Replace("{templates}/page_text.html", "<h1>{{ page.title }}</h1>",
                 '<h1><a href="{{ anchor("no-such-paragraph") }}">{{ page.title }}</a></h1>'),
         expected="error: page_text.html:{line}: a link to 'no-such-paragraph', which no page holds"),
    case("template-includes-a-missing-partial",
         Replace("{templates}/page_text.html", "partials/paragraphs.html", "partials/paragraph-list.html"),
         expected="error: page_text.html: template not found: partials/paragraph-list.html"),
    # --- the output folder ------------------------------------------------------------------------
    case("output-is-a-file", Write("{root}/site", "not a folder\n"), argv=("build", "--out", "site"),
         expected="error: {root}/site: the output folder is a file; refusing to replace it"),
    case("output-under-a-file", Write("{root}/site", "not a folder\n"), argv=("build", "--out", "site/out"),
         expected="error: {root}/site/out: cannot write: {root}/site is a file, not a folder"),
    case("output-is-not-a-site", argv=("build", "--out", "content"),
         expected="error: {root}/content: the output folder holds files but no index.html, so it is not "
                  "a site built here; refusing to replace it (choose another --out)"),
    case("source-date-epoch-invalid", env={"SOURCE_DATE_EPOCH": "yesterday"},
         expected="error: SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01, got 'yesterday'"),
    # --- several problems at once: all of them, in file order ---------------------------------
    case("problems-in-several-files",
         Replace("site.yaml", "opencc: s2tw", "opencc: s2xx", mark="site"),
         Replace("closing.yaml", "id: closing-2", "id: Closing 2", mark="closing"),
         Replace(SECTION, "number: 三", "number: [三]", mark="section"),
         Write("pages/notes.md", "没有标题。\n"),
         expected=errors(
             "error: {content}/site.yaml:{site}: variants[1].opencc: unknown OpenCC configuration 's2xx' "
             "(for example s2tw, s2hk, s2t)",
             "error: {report}/" + SECTION + ":{section}: number: expected text, got a list",
             "error: {report}/closing.yaml:{closing}: paragraphs[1].id: invalid id 'Closing 2': use "
             "lowercase ASCII letters, digits and single hyphens (it becomes a file name and an anchor)",
             "error: {content}/pages/notes.md:1: a page starts with its title as a level-1 heading: # 标题")),
    # --- raw report text (import) -----------------------------------------------------------------
    case("report-empty", Write("{root}/report.txt", "\n?\n\n"), argv=IMPORT,
         expected="error: report.txt:1: the report is empty"),
    case("report-mojibake", Write("{root}/report.txt", fixture="mojibake.txt"), argv=IMPORT,
         expected="error: report.txt:6:7: damaged text (mojibake) '?' in …空气质量?jì)?…; "
                  "repair it with an entry in {content}/reports/2024-fixture/errata.yaml"),
    case("report-stale-erratum", Write("{root}/report.txt", fixture="report.txt"),
         Write(ERRATA, fixture="stale-errata.yaml"), argv=IMPORT,
         expected="error: {content}/" + ERRATA + ":2: errata[0]: erratum does not match the source: "
                  "'量?jì)?yōu)良'"),
    case("report-truncated-mid-sentence",
         Write("{root}/report.txt", fixture="truncated-sentence.txt"),
         argv=IMPORT,
         expected="error: report.txt:14: the report breaks off mid-sentence: …让我们继续前进，接续; "
                  "the file looks cut short"),
    case("report-truncated-after-heading",
         Write("{root}/report.txt", fixture="truncated-heading.txt"),
         argv=IMPORT,
         expected="error: report.txt:8: the report ends at the heading '二、2024年工作安排' with nothing "
                  "under it; the file looks cut short"),
    case("report-truncated-mid-character",
         Write("{root}/report.txt", fixture="truncated-character.txt"),
         argv=IMPORT,
         expected="error: report.txt:14: the file ends in the middle of a character: it looks cut short"),
    # GB18030 and Big5 are detected (tests/test_import_genre.py); Latin-1 is none of the three.
    case("report-not-chinese-text", Write("{root}/report.txt", b"1. Report\n2. R\xe9sum\xe9\n"),
         argv=IMPORT,
         expected="error: report.txt:2: the file is not valid UTF-8, nor Chinese text in GB18030 or Big5"),
    case("report-utf16", Write("{root}/report.txt", fixture="utf16-report.txt"), argv=IMPORT,
         expected="error: report.txt:1: the file is UTF-16, not UTF-8: save it as UTF-8"),
    case("report-missing", argv=("import", "nowhere.txt"),
         expected="error: nowhere.txt: file not found"),
    case("errata-unknown-key", Write("{root}/report.txt", fixture="report.txt"),
         Write(ERRATA, 'errata:\n  - damaged: "量?"\n    repaired: "量"\n    because: typo\n'),
         argv=IMPORT,
         expected=errors("error: {content}/" + ERRATA + ":4: errata[0].because: unknown key 'because' "
                         "(allowed: damaged, repaired, reason)",
                         "error: {content}/" + ERRATA + ":2: errata[0].reason: missing key")),
    # --- serve --------------------------------------------------------------------------------------
    case("serve-port-out-of-range", argv=("serve", "--port", "99999"), status=2,
         expected=("usage: build.py serve [-h] [--content CONTENT] [--port PORT] [--host HOST]",
                   "                      [--allow-remote] [--out OUT]",
                   "build.py serve: error: argument --port: expected a port number from 1 to 65535, "
                   "got '99999'")),
    case("serve-on-another-host", argv=("serve", "--host", "0.0.0.0"), status=2,
         expected=("usage: build.py serve [-h] [--content CONTENT] [--port PORT] [--host HOST]",
                   "                      [--allow-remote] [--out OUT]",
                   "build.py serve: error: --host 0.0.0.0 lets other machines reach the preview: add "
                   "--allow-remote if that is what you want")),
]


def test_the_catalogue_is_large_and_its_ids_unique() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture()
def project(tmp_path: Path) -> Iterator[Path]:
    """A copy of the project with a previous site in output/ (small: it only has to survive)."""
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    previous = tmp_path / "output"
    (previous / "zh-hans").mkdir(parents=True)
    (previous / "index.html").write_text("<!doctype html><title>previous</title>\n", encoding="utf-8")
    (previous / "zh-hans" / "index.html").write_text("previous site\n", encoding="utf-8")
    yield tmp_path


def apply(change: Change, root: Path) -> dict[str, int]:
    def where(file: str) -> Path:
        if file.startswith("{root}/"):
            return root / file.removeprefix("{root}/")
        if file.startswith("{templates}/"):
            return root / "templates" / file.removeprefix("{templates}/")
        if file.startswith(SITE_FILES):
            return root / "content" / file
        return root / "content" / "reports" / SEED_SLUG / file  # the bundled report's files

    path = where(change.file)
    if isinstance(change, Remove):
        assert path.is_file(), path
        path.unlink()
        return {}
    if isinstance(change, Write):
        data = (FIXTURES / change.fixture).read_bytes() if change.fixture else change.data
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return {}
    text = path.read_text(encoding="utf-8")
    assert change.old in text, f"{change.old!r} is not in {path}"
    index = text.index(change.old)
    path.write_text(text[:index] + change.new + text[index + len(change.old):], encoding="utf-8")
    return {change.mark: text.count("\n", 0, index + len(change.new) - len(change.new.lstrip("\n"))) + 1}


@pytest.mark.parametrize("bad", CASES, ids=[c.id for c in CASES])
def test_bad_input(bad: Case, project: Path, monkeypatch: pytest.MonkeyPatch,
                   capsys: pytest.CaptureFixture[str]) -> None:
    marks: dict[str, int] = {}
    for change in bad.changes:
        marks.update(apply(change, project))
    monkeypatch.chdir(project)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name, value in bad.env.items():
        monkeypatch.setenv(name, value)
    output, content = snapshot(project / "output"), snapshot(project / "content")

    try:
        status = main(list(bad.argv), root=project)
    except SystemExit as exit:  # argparse's usage errors
        status = exit.code  # type: ignore[assignment]

    captured = capsys.readouterr()
    values = {"content": str(project / "content"), "root": str(project),
              "report": str(project / "content" / "reports" / SEED_SLUG), **marks}
    assert captured.err.splitlines() == [line.format(**values) for line in bad.expected]
    assert status == bad.status
    assert captured.out == ""
    assert snapshot(project / "output") == output
    assert snapshot(project / "content") == content
    # No staging or swap folder is left; .cache holds compiled templates, not output.
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".") and p.name != ".cache") == []


def test_a_port_in_use_stops_serve_before_it_builds(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project)
    output = snapshot(project / "output")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        status = main(["serve", "--port", str(port)], root=project)
    assert status == 1
    assert capsys.readouterr().err == (f"error: 127.0.0.1:{port}: cannot serve: the port is in use "
                                       "(Address already in use)\n")
    assert snapshot(project / "output") == output


# --- what is not an error: a byte-order mark --------------------------------------------------

def test_a_byte_order_mark_in_yaml_changes_nothing(project: Path) -> None:
    from site_src.content.report import load_report

    folder = project / "content" / "reports" / SEED_SLUG
    before = load_report(folder)
    for path in folder.rglob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_report(folder) == before


def test_a_byte_order_mark_in_the_raw_report_changes_nothing() -> None:
    from site_src.ingest import import_report

    raw = (FIXTURES / "report.txt").read_bytes()
    with_mark = import_report(b"\xef\xbb\xbf" + raw, "report.txt", ())
    without = import_report(raw, "report.txt", ())
    assert with_mark.provenance.source.sha256 != without.provenance.source.sha256  # the bytes differ
    assert with_mark == replace(without, provenance=replace(
        without.provenance, source=with_mark.provenance.source))
