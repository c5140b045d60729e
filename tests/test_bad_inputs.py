"""The catalogue of bad inputs and faults: each case, one small change, the exact error a user
must see.

Every case runs a command the way a user does (``main(argv)`` in the project folder) on a copy
of the project and checks, besides the exact text on stderr: the exit status, nothing on stdout,
no traceback, and that the previous output/ and the content/ are left byte for byte as they were.

A change is an edit of a real file (``Replace``: the text must be there, so a case cannot pass
by editing nothing), a file written whole (``Write``, often a fixture from tests/bad_inputs/), a
file removed, or something that is not a plain file (``Link``, ``Pipe``, ``Folder``); a ``fault``
makes the system fail midway (a full disk, an interrupt). ``{content}`` and ``{root}`` in the
expected text stand for the copy's folders; ``{line}`` (or the name given to ``mark``) for the
line where a ``Replace`` put its new text.

What a message cannot show (a build that succeeds where it used to crash, the preview server,
an interrupt after the swap, an unreadable file as a user who is not root) is in
tests/test_faults.py, each case with the behaviour it must have; the two files are the catalogue
and are counted together.

Not here yet: references from the glossary, industries and figures files (their own issues).
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from site_src.cli import main
from site_src.output.write import MARKER, MARKER_TEXT

from .conftest import SEED_SLUG, copy_project

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


@dataclass(frozen=True)
class Link:
    """Make ``file`` a symbolic link to ``target`` (``{outside}``: a folder beside the project)."""

    file: str
    target: str


@dataclass(frozen=True)
class Pipe:
    """Make ``file`` a named pipe (FIFO): reading it would wait for a writer for ever."""

    file: str


@dataclass(frozen=True)
class Folder:
    """Make ``file`` a folder where a file is expected."""

    file: str


Change = Replace | Write | Remove | Link | Pipe | Folder
# A fault: given pytest's monkeypatch, makes the system fail midway.
Fault = Callable[[pytest.MonkeyPatch], None]


@dataclass(frozen=True)
class Case:
    id: str
    changes: tuple[Change, ...]
    expected: tuple[str, ...]  # stderr, line by line
    argv: tuple[str, ...] = ("build",)
    status: int = 1
    env: dict[str, str] = field(default_factory=dict)
    fault: Fault | None = None


def case(id: str, *changes: Change, expected: str | tuple[str, ...], argv: tuple[str, ...] = ("build",),
         status: int = 1, env: dict[str, str] | None = None, fault: Fault | None = None) -> Case:
    lines = (expected,) if isinstance(expected, str) else expected
    return Case(id, changes, lines, argv, status, env or {}, fault)


def failing_writes(after: int, error: BaseException) -> Fault:
    """Path.write_bytes raises ``error`` once ``after`` files are written: a full disk, a Ctrl-C."""
    def fault(monkeypatch: pytest.MonkeyPatch) -> None:
        original = Path.write_bytes
        written = 0

        def write_bytes(self: Path, data: bytes) -> int:  # type: ignore[override]
            nonlocal written
            if written == after:
                raise error
            written += 1
            return original(self, data)

        monkeypatch.setattr(Path, "write_bytes", write_bytes)
    return fault


def source(old: str, new: str) -> Write:
    """The raw report to import (report.txt beside the content), from the small one with a change."""
    return Write("{root}/report.txt", raw(old, new))


def raw(old: str, new: str, fixture: str = "report.txt") -> bytes:
    """The small report of tests/bad_inputs/ with one change: raw text for an import."""
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


MALFORMED_PIN = "malformed pin: write [[span]] to keep a span, or [[source|converted]]"
TITLE = "title: 纵深推进双城经济圈建设"  # the title of SECTION, as its file writes it
FULL_DISK = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
NOT_OURS = ("the output folder holds files but is not a site built here (it has no .report-site file, "
            "which every build writes), and a build replaces its output folder whole: refusing; choose "
            "an empty or new folder with --out, or move this one away first")
CONTROL = "is not allowed in text (it would cut the text short or reach a terminal): remove it"
YAML_CONTROL = ("is not allowed in text (it would cut the text short or reach a terminal; in YAML perhaps "
                "written as an escape such as \\x00 or \\0): remove it")
PIN = ("which the report's YAML would read as a pin (an editor's conversion fix such as [[干|乾]]) "
       "and change: say what the text should read with an entry in {content}/reports/2024-fixture/"
       "errata.yaml")


def errors(*lines: str) -> tuple[str, ...]:
    """Several errors of one run, then their count, as the formatter prints them."""
    return (*lines, f"{len(lines)} errors")


SITE_FILES = ("site.yaml", "glossary.yaml", "pages/", "genre/", "reports/")  # the rest: the report's
SECTION = "sections/review-03.yaml"  # any section will do; this one is short
# The cases on raw text import tests/bad_inputs/… as report.txt, into reports/2024-fixture/.
IMPORT = ("import", "report.txt", "--slug", "2024-fixture")
ERRATA = "reports/2024-fixture/errata.yaml"
# Importing the bundled report again over a person's edit: the importer's files are all written.
REIMPORT_FORCE = ("import", "content/reports/" + SEED_SLUG + "/source.txt", "--force")

CASES = [
    # --- YAML syntax ---------------------------------------------------------------------------
    case("yaml-unclosed-list", Write("closing.yaml", "paragraphs: [\n"),
         expected="error: {report}/closing.yaml:2:1: invalid YAML: "
                  "expected the node content, but found '<stream end>'"),
    case("yaml-colon-in-plain-text", Replace(SECTION, "title: ", "title: 建设: "),
         expected="error: {section_file}:{line}:10: invalid YAML: "
                  "mapping values are not allowed here"),
    case("yaml-tab-indent", Replace(SECTION, "\n  - id: review-03-1", "\n\t- id: review-03-1"),
         expected="error: {section_file}:{line}:1: invalid YAML: "
                  "found character '\\t' that cannot start any token"),
    case("yaml-bad-indent", Replace(SECTION, "\n    text: ", "\n      text: "),
         expected="error: {section_file}:{line}:11: invalid YAML: "
                  "mapping values are not allowed here"),
    case("yaml-two-documents", Write("closing.yaml", "paragraphs: []\n---\nparagraphs: []\n"),
         expected="error: {report}/closing.yaml:2:1: invalid YAML: "
                  "expected a single document in the stream, but found another document"),
    case("yaml-control-character", Replace(SECTION, "title: ", "title: \x07"),
         expected="error: {section_file}:{line}:8: control character U+0007 (BEL) is not "
                  "allowed in text (it would cut the text short or reach a terminal): remove it"),
    case("yaml-duplicate-key", Replace(SECTION, "title: ", "title: 重复\ntitle: "),
         expected="error: {section_file}:3: title: duplicate key"),
    # --- wrong types ---------------------------------------------------------------------------
    case("type-list-for-text", Replace(SECTION, "number: 三", "number: [三]"),
         expected="error: {section_file}:{line}: number: expected text, got a list"),
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
    case("type-empty-title", Replace(SECTION, TITLE, 'title: ""'),
         expected="error: {section_file}:{line}: title: must not be empty"),
    # --- YAML read as 1.2 reads it: no base 60, no yes/no, no octal; years a report can be of ---
    # YAML 1.1 read 33:44 as 33 * 60 + 44 = 2024
    case("type-base-60-year", Replace("report.yaml", "year: 2024", "year: 33:44"),
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, got text '33:44'"),
    case("type-octal-year", Replace("report.yaml", "year: 2024", "year: 0o3750"),  # 1.1 (0o): 2024
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, got text '0o3750'"),
    case("type-tagged-base-60-year", Replace("report.yaml", "year: 2024", "year: !!int 33:44"),
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, got a number '33:44'"),
    case("type-yes-for-a-flag", Replace(SECTION, TITLE, "alone: yes\n" + TITLE),
         expected="error: {section_file}:{line}: alone: expected true or false"),
    case("year-zero", Replace("report.yaml", "year: 2024", "year: 0"),
         expected="error: {report}/report.yaml:{line}: year: 0 is not a year a report can be of: "
                  "expected 1949 to 2100 (the genre's years)"),
    case("year-negative", Replace("report.yaml", "year: 2024", "year: -2024"),
         expected="error: {report}/report.yaml:{line}: year: -2024 is not a year a report can be of: "
                  "expected 1949 to 2100 (the genre's years)"),
    case("year-of-twenty-digits", Replace("report.yaml", "year: 2024", "year: 20242024202420242024"),
         expected="error: {report}/report.yaml:{line}: year: 20242024202420242024 is not a year a report "
                  "can be of: expected 1949 to 2100 (the genre's years)"),
    case("text-invisible-only",
         Replace("closing.yaml", "text: 让我们在建设新荣昌的新征程上，继续前进，接续奋斗！",
                 'text: "\\u200b"'),
         expected="error: {report}/closing.yaml:{line}: paragraphs[1].text: must not be empty: it holds "
                  "only invisible characters (U+200B (ZERO WIDTH SPACE))"),
    case("title-invisible-only", Replace(SECTION, TITLE, 'title: "\\ufeff\\u2060 "'),
         expected="error: {section_file}:{line}: title: must not be empty: it holds only invisible "
                  "characters (U+FEFF (ZERO WIDTH NO-BREAK SPACE), U+2060 (WORD JOINER))"),
    case("unknown-paragraph-kind", Replace("preamble.yaml", "kind: salutation", "kind: greeting"),
         expected="error: {report}/preamble.yaml:{line}: paragraphs[0].kind: unknown kind 'greeting' "
                  "(allowed: text, salutation, highlight, targets, heading, appendix)"),
    # --- unknown keys (a typo is an error) -----------------------------------------------------
    case("unknown-key-typo", Replace(SECTION, "title: ", "titel: "),
         expected=errors("error: {section_file}:{line}: titel: unknown key 'titel' "
                         "(allowed: number, title, form, mark, alone, stop, paragraphs)",
                         "error: {section_file}:1: title: missing key")),
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
         expected="error: {report}/report.yaml:8: parts[2]: unknown part 'budget': "
                  "{report}/parts/budget.yaml does not load"),
    # report.yaml's source: the page the text was taken from, and the day (a person writes it)
    case("source-url-not-http",
         Replace("report.yaml", "  - plan\n", "  - plan\nsource:\n  url: www.example.gov.cn/report.html\n",
                 mark="unused"),
         expected="error: {report}/report.yaml:9: source.url: expected the page's absolute http(s) address, "
                  "got 'www.example.gov.cn/report.html'"),
    case("source-date-not-a-day", Replace("report.yaml", "  - plan\n", "  - plan\nsource:\n  url: "
                                          "https://www.example.gov.cn/report.html\n  date: 2025-02-30\n",
                                          mark="unused"),
         expected="error: {report}/report.yaml:10: source.date: expected a day as YYYY-MM-DD, "
                  "got '2025-02-30'"),
    case("source-without-url", Replace("report.yaml", "  - plan\n", "  - plan\nsource:\n  date: 2025-02-03\n",
                                       mark="unused"),
         expected="error: {report}/report.yaml:9: source.url: missing key"),
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
    # a report's folder without its report.yaml was "no report yet: import one"
    case("missing-report-file", Remove("report.yaml"),
         expected="error: {report}/report.yaml: file not found: the report folder {report} has no "
                  "report.yaml (restore it, or import the report's text again)"),
    case("missing-site-file", Remove("site.yaml"),
         expected="error: {content}/site.yaml: file not found"),
    case("empty-site-file", Write("site.yaml", "# nothing yet\n"),
         expected="error: {content}/site.yaml: the file is empty"),
    case("invalid-utf8-yaml", Write(SECTION, fixture="gbk-section.yaml"),
         expected="error: {section_file}:2: not valid UTF-8"),
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
    case("site-review-is-now-proofs", Replace("site.yaml", "variants:", "review: true\nvariants:"),
         expected="error: {content}/site.yaml:{line}: review: 'review' is now called 'proofs': write proofs: "
                  "instead"),
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
         expected="error: page_text.html:{line}: template not found: partials/paragraph-list.html "
                  "(page_text.html includes it)"),
    # Held to the content's rules: every error one located line, no traceback, no recursion.
    case("template-divides-by-zero",
         Replace("{templates}/page_text.html", "{{ page.title }}", "{{ 1 // 0 }}"),
         expected="error: page_text.html:{line}: template error: integer division or modulo by zero "
                  "(ZeroDivisionError)"),
    case("template-includes-itself",
         Replace("{templates}/partials/reading_time.html", "{",
                 "{% include 'partials/reading_time.html' %}{"),
         expected="error: partials/reading_time.html:{line}: partials/reading_time.html includes "
                  "partials/reading_time.html, which leads back to it (partials/reading_time.html → "
                  "partials/reading_time.html): a template cannot include or extend itself"),
    case("templates-include-each-other",  # said where the circle closes, as the templates are read
         Replace("{templates}/partials/reading_time.html", "{", "{% include 'page_text.html' %}{",
                 mark="unused"),
         # page_text.html unchanged: the mark finds the line of its include, wherever it is
         Replace("{templates}/page_text.html", '{% include "partials/reading_time.html" %}',
                 '{% include "partials/reading_time.html" %}', mark="include"),
         expected="error: page_text.html:{include}: page_text.html includes partials/reading_time.html, "
                  "which leads back to it (partials/reading_time.html → page_text.html → "
                  "partials/reading_time.html): a template cannot include or extend itself"),
    case("template-base-extends-itself", Replace("{templates}/base.html", "<", "{% extends 'base.html' %}<"),
         expected="error: base.html:{line}: base.html extends base.html, which leads back to it (base.html → "
                  "base.html): a template cannot include or extend itself"),
    case("template-includes-itself-by-a-computed-name",
         Replace("{templates}/partials/reading_time.html", "{",
                 "{% include 'partials/' ~ 'reading_time.html' %}{"),
         expected="error: partials/reading_time.html:{line}: the templates include each other without end "
                  "(by a name computed while rendering): a template cannot include or extend itself"),
    case("template-includes-etc-passwd",
         Replace("{templates}/partials/reading_time.html", "{", "{% include '/etc/passwd' %}{"),
         expected="error: partials/reading_time.html:{line}: template not found: /etc/passwd "
                  "(partials/reading_time.html includes it)"),
    case("template-is-a-link-out", Link("{templates}/partials/reading_time.html", "/etc/passwd"),
         expected="error: {root}/templates/partials/reading_time.html: a symbolic link to /etc/passwd, "
                  "outside the templates folder: a site publishes only what is inside {root}/templates; copy "
                  "the file in instead of linking to it"),
    case("template-static-file-is-a-link-out", Link("{templates}/static/style.css", "/etc/passwd"),
         expected="error: {root}/templates/static/style.css: a symbolic link to /etc/passwd, outside the "
                  "templates folder: a site publishes only what is inside {root}/templates; copy the file in "
                  "instead of linking to it"),
    # --- the output folder ------------------------------------------------------------------------
    case("output-is-a-file", Write("{root}/site", "not a folder\n"), argv=("build", "--out", "site"),
         expected="error: {root}/site: the output folder is a file; refusing to replace it"),
    case("output-under-a-file", Write("{root}/site", "not a folder\n"), argv=("build", "--out", "site/out"),
         expected="error: {root}/site/out: cannot write: {root}/site is a file, not a folder"),
    case("output-is-not-a-site", argv=("build", "--out", "content"),
         expected="error: {root}/content: " + NOT_OURS),
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
             "error: {section_file}:{section}: number: expected text, got a list",
             "error: {report}/closing.yaml:{closing}: paragraphs[1].id: invalid id 'Closing 2': use "
             "lowercase ASCII letters, digits and single hyphens (it becomes a file name and an anchor)",
             "error: {content}/pages/notes.md:1: a page starts with its title as a level-1 heading: # 标题")),
    # --- raw report text (import) -----------------------------------------------------------------
    case("report-empty", Write("{root}/report.txt", "\n?\n\n"), argv=IMPORT,
         expected="error: report.txt:1: the report is empty"),
    case("report-mojibake", Write("{root}/report.txt", fixture="mojibake.txt"), argv=IMPORT,
         expected="error: report.txt:6:7: damaged text (mojibake) '?' in …空气质量?jì)?…; "
                  "repair it with an entry in {content}/reports/2024-fixture/errata.yaml "
                  "(or import with --keep-losses: each loss marked and listed)"),
    # a tag was called damaged text (mojibake)
    case("report-html-markup", source("过去一年，我们", "过去一年，<br>我们"), argv=IMPORT,
         expected="error: report.txt:5:6: HTML markup in the text: <br> in …去一年，<br>我们着力…; save the "
                  "page as text (or remove it with an entry in {content}/reports/2024-fixture/errata.yaml)"),
    case("report-html-paragraphs", source("过去一年，我们着力稳增长，取得了新成效。",
                                          "<p>过去一年，我们着力稳增长，取得了新成效。</p>"), argv=IMPORT,
         expected=errors("error: report.txt:5:1: HTML markup in the text: <p> in …<p>过去一年…; save the "
                         "page as text (or remove it with an entry in {content}/reports/2024-fixture/"
                         "errata.yaml)",
                         "error: report.txt:5:24: HTML markup in the text: </p> in …新成效。</p>…; save the "
                         "page as text (or remove it with an entry in {content}/reports/2024-fixture/"
                         "errata.yaml)")),
    case("report-mojibake-repeated",
         source("新增企业26家", "新增企业26家" + "\ufffd字字字字字字字字字" * 1000), argv=IMPORT,
         expected=(*(f"error: report.txt:6:{column}: damaged text (mojibake) '\ufffd' in …{context}…; "
                     "repair it with an entry in {content}/reports/2024-fixture/errata.yaml "
                     "(or import with --keep-losses: each loss marked and listed)"
                     for column, context in ((33, "业26家\ufffd字字字字"), *((c, "字字字字\ufffd字字字字")
                                                                       for c in (43, 53, 63, 73)))),
                   "error: report.txt:6:83: … and 995 more of the same kind (damaged text) from here on",
                   "6 errors")),
    case("report-stale-erratum", Write("{root}/report.txt", fixture="report.txt"),
         Write(ERRATA, fixture="stale-errata.yaml"), argv=IMPORT,
         expected="error: {errata}:2: errata[0]: erratum does not match the source: "
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
    # A short last line cut mid-word under a paragraph that is no closing call: the report's own,
    # never a web page's footer (it was taken for one, and the report imported as whole).
    case("report-truncated-short-line-under-a-sentence",
         Write("{root}/report.txt", fixture="truncated-short-line.txt"), argv=IMPORT,
         expected="error: report.txt:13: the report breaks off mid-sentence: …办好人民满意的; "
                  "the file looks cut short"),
    # An area's heading cut short under a call (…而努力奋斗！): a heading is no footer either.
    case("report-truncated-area-heading-under-a-call",
         Write("{root}/report.txt", fixture="truncated-area-heading.txt"), argv=IMPORT,
         expected="error: report.txt:12: the report breaks off mid-sentence: …(二)持续用力发展社会; "
                  "the file looks cut short"),
    # A short line cut mid-word, indented as the report's paragraphs are, under a paragraph that
    # could end the report (…作出新的更大贡献！): one of the report's paragraphs, not a footer.
    case("report-truncated-indented-line-under-a-call",
         Write("{root}/report.txt", fixture="truncated-indented-under-a-call.txt"), argv=IMPORT,
         expected="error: report.txt:13: the report breaks off mid-sentence: …我们要以更加昂扬的; "
                  "the file looks cut short"),
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
         expected=errors("error: {errata}:4: errata[0].because: unknown key 'because' "
                         "(allowed: damaged, repaired, lost, reason)",
                         "error: {errata}:2: errata[0].reason: missing key")),
    # --- raw text is never interpreted: pin syntax (import) ----------------------------------------
    case("report-pin-syntax", source("新增企业26家", "新增企业[[26|99]]家"), argv=IMPORT,
         expected="error: report.txt:6:30: the source text holds '[[' "
                  "(…业集群发展。新增企业[[26|99]]家。有效投资持续扩大…), "
                  + PIN + " (damaged: '[[26|99]]')"),
    case("report-pin-kept", source("新增企业26家", "新增企业[[二十六]]家"), argv=IMPORT,
         expected="error: report.txt:6:30: the source text holds '[[' "
                  "(…业集群发展。新增企业[[二十六]]家。有效投资持续扩大…), "
                  + PIN + " (damaged: '[[二十六]]')"),
    case("report-pin-unclosed", source("新增企业26家", "新增企业[[26家"), argv=IMPORT,
         expected="error: report.txt:6:30: the source text holds '[[' "
                  "(…业集群发展。新增企业[[26家。有效投资持续…), "
                  + PIN + " (damaged: '[[')"),
    case("report-pin-stray-close", source("新增企业26家", "新增企业26]]家"), argv=IMPORT,
         expected="error: report.txt:6:32: the source text holds ']]' "
                  "(…群发展。新增企业26]]家。有效投资持续扩大…), "
                  + PIN + " (damaged: ']]')"),
    # A mistake repeated: the first five said, the rest counted (the line had 200,001 errors once).
    case("report-pin-repeated", source("新增企业26家", "新增企业" + "[[" * 20_000 + "26家"), argv=IMPORT,
         expected=(*(f"error: report.txt:6:{column}: the source text holds '[[' "
                     f"(…{context}…), " + PIN + " (damaged: '[[')"
                     for column, context in ((30, "业集群发展。新增企业[[[[[[[[[[[["),
                                             (32, "群发展。新增企业[[[[[[[[[[[[[["),
                                             (34, "展。新增企业[[[[[[[[[[[[[[[["),
                                             (36, "新增企业[[[[[[[[[[[[[[[[[["),
                                             (38, "企业[[[[[[[[[[[[[[[[[[[["))),
                   "error: report.txt:6:40: … and 19,995 more of the same kind ('[[' or ']]' in the source "
                   "text) from here on", "6 errors")),
    case("report-pin-in-title", source("政府工作报告\n", "政府工作报告[[\n"), argv=IMPORT,
         expected="error: report.txt:1:7: the source text holds '[[' (…政府工作报告[[…), " + PIN
                  + " (damaged: '[[')"),
    case("report-pin-in-furniture", source("某某区人民政府", "某某区人民政府[[链接]]"),
         argv=IMPORT,
         expected="error: report.txt:15:13: the source text holds '[[' (…所有：某某区人民政府[[链接]]…), "
                  + PIN + " (damaged: '[[链接]]')"),
    case("report-pin-across-lines", source("达到2.4%。\n", "达到2.4%。[\n[注]\n"),
         argv=IMPORT,
         expected="error: report.txt:11:28: the line ends with '[' and the next starts with '[': joined (as "
                  "the "
                  "import joins a line broken mid-sentence) they would read as a pin (an editor's conversion "
                  "fix); say what the text should read with an entry in {content}/" + ERRATA),
    case("report-pin-brought-by-an-erratum", Write("{root}/report.txt", fixture="report.txt"),
         Write(ERRATA, "errata:\n  - damaged: 26家\n    repaired: '[[26|99]]家'\n    reason: 试图夹带\n"),
         argv=IMPORT,
         expected="error: report.txt:6:30: the source text holds '[[' "
                  "(…业集群发展。新增企业[[26|99]]家。有效投资持续扩大…), "
                  + PIN + " (damaged: '[[26|99]]')"),
    # --- control characters in raw text (import) ---------------------------------------------------
    case("report-nul", source("取得了新成效", "取得了\x00新成效"), argv=IMPORT,
         expected="error: report.txt:5:17: control character U+0000 (NUL) " + CONTROL),
    case("report-nul-in-furniture", source("版权所有：", "版权所有：\x00"), argv=IMPORT,
         expected="error: report.txt:15:6: control character U+0000 (NUL) " + CONTROL),
    case("report-escape-sequence", source("取得了新成效", "取得了新成效\x1b]0;owned\x07"),
         argv=IMPORT,
         expected=errors("error: report.txt:5:20: control character U+001B (ESC) " + CONTROL,
                         "error: report.txt:5:29: control character U+0007 (BEL) " + CONTROL)),
    case("report-c1-control", source("取得了新成效", "取得了新成效\x9b2J"), argv=IMPORT,
         expected="error: report.txt:5:20: control character U+009B (CSI) " + CONTROL),
    case("report-next-line", source("取得了新成效", "取得了\x85新成效"), argv=IMPORT,
         expected="error: report.txt:5:17: control character U+0085 (NEL) " + CONTROL),
    case("report-form-feed", source("二、2024年工作安排", "\x0c二、2024年工作安排"),
         argv=IMPORT,
         expected="error: report.txt:8:1: control character U+000C (FF) " + CONTROL),
    case("report-bidi-override", source("增长12.3%", "增长\u202e%3.21"), argv=IMPORT,
         expected="error: report.txt:6:47: bidirectional control character U+202E (RLO) is not allowed in "
                  "text (it reorders what a reader sees): remove it"),
    case("report-many-control-characters", source("取得了新成效", "取得了" + "\x00" * 8),
         argv=IMPORT,
         expected=errors(*(f"error: report.txt:5:{column}: control character U+0000 (NUL) " + CONTROL
                           for column in range(17, 22)),
                         "error: report.txt:5:22: 3 more control characters from here on")),
    case("report-nul-in-gb18030", Write("{root}/report.txt",
                                        raw("取得了新成效", "取得了\x00新成效").decode().encode("gb18030")),
         argv=IMPORT,
         expected="error: report.txt:5:17: control character U+0000 (NUL) " + CONTROL),
    # --- control characters and surrogates in YAML, pages and the glossary ---------------------------
    case("yaml-escaped-nul", Replace(SECTION, TITLE, 'title: "纵深推进\\x00双城经济圈建设"'),
         expected="error: {section_file}:{line}:8: title: control character U+0000 (NUL) " + YAML_CONTROL),
    case("yaml-escaped-short-nul", Replace(SECTION, TITLE, 'title: "纵深推进\\0"'),
         expected="error: {section_file}:{line}:8: title: control character U+0000 (NUL) " + YAML_CONTROL),
    case("yaml-escaped-osc",
         Replace("closing.yaml", "text: 让我们在建设新荣昌的新征程上，继续前进，接续奋斗！",
                 'text: "\\e]0;owned\\a让我们在建设新荣昌的新征程上，继续前进，接续奋斗！"'),
         expected="error: {report}/closing.yaml:{line}:11: paragraphs[1].text: control character U+001B "
                  "(ESC) "
                  + YAML_CONTROL),
    case("yaml-escaped-next-line", Replace(SECTION, TITLE, 'title: "纵深推进\\N双城"'),
         expected="error: {section_file}:{line}:8: title: control character U+0085 (NEL) " + YAML_CONTROL),
    case("yaml-escaped-bidi", Replace(SECTION, TITLE, 'title: "\\u202e设建圈济经城双"'),
         expected="error: {section_file}:{line}:8: title: bidirectional control character U+202E "
                  "(RLO) is not allowed in text (it reorders what a reader sees; in YAML perhaps written as "
                  "an "
                  "escape such as \\x00 or \\0): remove it"),
    case("yaml-lone-surrogate", Replace(SECTION, TITLE, 'title: "纵深推进\\ud800"'),
         expected="error: {section_file}:{line}:8: title: the text holds U+D800, half of a surrogate "
                  "pair (an escape such as \\ud800 alone), which is no character: write the character "
                  "itself"),
    case("yaml-lone-surrogate-audit", Replace(SECTION, TITLE, 'title: "纵深推进\\udfff"'),
         argv=("audit",),
         expected="error: {section_file}:{line}:8: title: the text holds U+DFFF, half of a surrogate "
                  "pair (an escape such as \\ud800 alone), which is no character: write the character "
                  "itself"),
    case("yaml-escape-in-a-key", Replace(SECTION, "title: ", '"\\e[2J": x\ntitle: '),
         expected="error: {section_file}:{line}: \\x1b[2J: unknown key '\\x1b[2J' "
                  "(allowed: number, title, form, mark, alone, stop, paragraphs)"),
    case("yaml-nul-in-site-title", Replace("site.yaml", "variants:", 'title: "荣昌\\0"\nvariants:'),
         expected="error: {content}/site.yaml:{line}:8: title: control character U+0000 (NUL) "
                  + YAML_CONTROL),
    case("site-title-unclosed-pin", Replace("site.yaml", "variants:", "title: 荣昌[[报告\nvariants:"),
         expected="error: {content}/site.yaml:{line}: title: " + MALFORMED_PIN),
    case("report-title-unclosed-pin", Replace("report.yaml", "title: 政府工作报告", "title: 政府工作报告]]"),
         expected="error: {report}/report.yaml:{line}: title: " + MALFORMED_PIN),
    case("section-title-unclosed-pin", Replace(SECTION, TITLE, "title: 纵深推进[[双城经济圈建设"),
         expected="error: {section_file}:{line}: title: " + MALFORMED_PIN),
    case("yaml-nul-in-glossary", Replace("glossary.yaml", "traditional: 發布", 'traditional: "發\\0"'),
         expected="error: {content}/glossary.yaml:{line}:18: entries[0].traditional: control character "
                  "U+0000 "
                  "(NUL) " + YAML_CONTROL),
    case("yaml-nul-in-errata", Write("{root}/report.txt", fixture="report.txt"),
         Write(ERRATA, 'errata:\n  - damaged: "26\\0"\n    repaired: "26"\n    reason: 试探\n'), argv=IMPORT,
         expected="error: {errata}:2:14: errata[0].damaged: control character U+0000 (NUL) "
                  + YAML_CONTROL),
    case("page-nul", Write("pages/about.md", "# 关于\n\n本站\x00说明。\n"),
         expected="error: {content}/pages/about.md:3:3: control character U+0000 (NUL) " + CONTROL),
    case("page-escape-sequence", Write("pages/about.md", "# 关于\x1b[2J\n"),
         expected="error: {content}/pages/about.md:1:5: control character U+001B (ESC) " + CONTROL),
    # --- the glossary: a space would delete or insert text --------------------------------------------
    case("glossary-trailing-space", Replace("glossary.yaml", "traditional: 發布", "traditional: '發 '"),
         expected="error: {content}/glossary.yaml:{line}: entries[0].traditional: '發 ' holds a space (' '): "
                  "OpenCC's dictionary separates words by spaces and tabs, so a space here would delete or "
                  "insert text; remove it"),
    case("glossary-tab", Replace("glossary.yaml", "traditional: 發布", 'traditional: "發\\t"'),
         expected="error: {content}/glossary.yaml:{line}: entries[0].traditional: '發\\t' holds a space "
                  "('\\t'): "
                  "OpenCC's dictionary separates words by spaces and tabs, so a space here would delete or "
                  "insert text; remove it"),
    case("glossary-ideographic-space", Replace("glossary.yaml", "traditional: 發布", "traditional: 發\u3000"),
         expected="error: {content}/glossary.yaml:{line}: entries[0].traditional: '發\\u3000' holds a space "
                  "('\\u3000'): OpenCC's dictionary separates words by spaces and tabs, so a space here "
                  "would "
                  "delete or insert text; remove it"),
    case("glossary-space-in-phrase", Replace("glossary.yaml", "phrase: 发布", "phrase: '发 '"),
         expected="error: {content}/glossary.yaml:{line}: entries[0].phrase: '发 ' holds a space (' '): "
                  "OpenCC's dictionary separates words by spaces and tabs, so a space here would delete or "
                  "insert text; remove it"),
    # --- YAML values PyYAML cannot make, and documents too deep ----------------------------------------
    case("type-bool-maybe", Replace("report.yaml", "year: 2024", "year: !!bool maybe"),
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, got true/false "
                  "'maybe'"),
    case("type-timestamp-soon", Replace("report.yaml", "year: 2024", "year: !!timestamp soon"),
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, got a date 'soon'"),
    case("type-bad-binary", Replace("report.yaml", "year: 2024", "year: !!binary '?!'"),
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, got binary '?!'"),
    case("type-int-of-words", Replace("report.yaml", "year: 2024", "year: !!int twenty"),
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, got a number 'twenty'"),
    case("type-fraction-for-year", Replace("report.yaml", "year: 2024", "year: 2024.5"),
         expected="error: {report}/report.yaml:{line}: year: expected a whole number, got a number '2024.5'"),
    case("type-bool-tag-for-text", Replace(SECTION, TITLE, "title: !!bool yes"),
         expected="error: {section_file}:{line}: title: expected text, got true/false 'yes'"),
    case("yaml-nested-too-deep-flow", Write("closing.yaml", "paragraphs: " + "[" * 100_000),
         expected="error: {report}/closing.yaml:1:112: invalid YAML: lists and mappings nested more than 100 "
                  "levels deep (a content file needs a few)"),
    case("yaml-nested-too-deep-block",
         Write("closing.yaml", "paragraphs:\n" + "".join("  " * n + "- \n" for n in range(1, 3000))),
         expected="error: {report}/closing.yaml:101:201: invalid YAML: lists and mappings nested more than "
                  "100 "
                  "levels deep (a content file needs a few)"),
    case("yaml-merge-key",
         Replace("closing.yaml", "  - id: closing-2\n", "  - <<: {kind: text}\n    id: closing-2\n"),
         expected="error: {report}/closing.yaml:{line}: paragraphs[1].<<: unknown key '<<' (allowed: id, "
                  "kind, "
                  "lead, text)"),
    # --- site.yaml: OpenCC configurations ---------------------------------------------------------------
    case("opencc-unknown-file-name", Replace("site.yaml", "opencc: s2tw", "opencc: s2xx.json"),
         expected="error: {content}/site.yaml:{line}: variants[1].opencc: unknown OpenCC configuration "
                  "'s2xx.json' (for example s2tw, s2hk, s2t)"),
    case("opencc-own-configuration-missing", Replace("site.yaml", "opencc: s2tw", "opencc: ../my-s2tw.json"),
         expected="error: {content}/site.yaml:{line}: variants[1].opencc: OpenCC configuration "
                  "{root}/my-s2tw.json: file not found"),
    case("opencc-own-configuration-not-json", Write("{root}/my-s2tw.json", "s2tw, please\n"),
         Replace("site.yaml", "opencc: s2tw", "opencc: ../my-s2tw.json"),
         expected="error: {content}/site.yaml:{line}: variants[1].opencc: {root}/my-s2tw.json is not an "
                  "OpenCC "
                  "configuration: not JSON (Expecting value: line 1 column 1 (char 0))"),
    case("opencc-own-configuration-without-steps", Write("{root}/my-s2tw.json", '{"name": "mine"}\n'),
         Replace("site.yaml", "opencc: s2tw", "opencc: ../my-s2tw.json"),
         expected="error: {content}/site.yaml:{line}: variants[1].opencc: {root}/my-s2tw.json is not an "
                  "OpenCC "
                  "configuration: it needs a conversion_chain, a list of steps each with a dict (see "
                  "OpenCC's "
                  "s2tw.json)"),
    case("opencc-own-configuration-is-a-pipe", Pipe("{root}/my-s2tw.json"),
         Replace("site.yaml", "opencc: s2tw", "opencc: ../my-s2tw.json"),
         expected="error: {content}/site.yaml:{line}: variants[1].opencc: OpenCC configuration "
                  "{root}/my-s2tw.json: "
                  "cannot read: it is a named pipe (FIFO), not a regular file; put the file itself here"),
    # --- what is not a plain file inside content/, and what is too large -----------------------------
    case("content-named-pipe", Pipe(SECTION),
         expected="error: {section_file}: cannot read: it is a named pipe (FIFO), not a regular file; "
                  "put the file itself here"),
    case("content-link-to-dev-zero", Link(SECTION, "/dev/zero"),
         expected=errors("error: {section_file}: a symbolic link to /dev/zero, outside the content "
                         "folder: a site publishes only what is inside {content}; copy the file in instead "
                         "of "
                         "linking to it",
                         "error: {section_file}: cannot read: it is a device, not a regular file; put "
                         "the file itself here")),
    case("content-link-outside", Link("closing.yaml", "{outside}/secret.yaml"),
         expected="error: {report}/closing.yaml: a symbolic link to {outside}/secret.yaml, outside the "
                  "content "
                  "folder: a site publishes only what is inside {content}; copy the file in instead of "
                  "linking "
                  "to it"),
    case("content-link-to-a-system-file", Link("pages/notes.md", "/etc/hostname"),
         expected=errors("error: {content}/pages/notes.md: a symbolic link to /etc/hostname, outside the "
                         "content "
                         "folder: a site publishes only what is inside {content}; copy the file in instead "
                         "of "
                         "linking to it",
                         "error: {content}/pages/notes.md:1: a page starts with its title as a level-1 "
                         "heading: "
                         "# 标题")),
    case("content-linked-folder-outside", Link("reports/2024-other", "{outside}"),
         expected="error: {content}/reports/2024-other: a symbolic link to {outside}, outside the content "
                  "folder: a site publishes only what is inside {content}; copy the file in instead of "
                  "linking "
                  "to it"),
    case("content-dangling-link", Link("errata.yaml", "{outside}/gone.yaml"),
         expected="error: {report}/errata.yaml: a symbolic link to {outside}/gone.yaml, which does not "
                  "exist"),
    case("content-too-large", Write(SECTION, "number: 三\n# " + "x" * (17 * 1024 * 1024) + "\n"),
         expected="error: {section_file}: the file is 17.0 MB, more than the 16 MB one file may hold "
                  "(a report's text is under 0.1 MB): is it the right file?"),
    case("report-is-a-device", argv=("import", "/dev/zero", "--slug", "2024-fixture"),
         expected="error: /dev/zero: cannot read: it is a device, not a regular file; put the file itself "
                  "here"),
    case("report-is-a-link-to-a-device", Link("{root}/report.txt", "/dev/zero"), argv=IMPORT,
         expected="error: report.txt: cannot read: it is a device, not a regular file; put the file itself "
                  "here"),
    case("report-is-a-named-pipe", Pipe("{root}/report.txt"), argv=IMPORT,
         expected="error: report.txt: cannot read: it is a named pipe (FIFO), not a regular file; put the "
                  "file "
                  "itself here"),
    case("report-is-a-folder", Folder("{root}/report.txt"), argv=IMPORT,
         expected="error: report.txt: cannot read: it is a folder, not a regular file; put the file itself "
                  "here"),
    case("report-too-large", Write("{root}/report.txt", "一、".encode() * (6 * 1024 * 1024)), argv=IMPORT,
         expected="error: report.txt: the file is 36.0 MB, more than the 16 MB one file may hold (a report's "
                  "text "
                  "is under 0.1 MB): is it the right file?"),
    case("errata-is-a-named-pipe", Write("{root}/report.txt", fixture="report.txt"), Pipe(ERRATA),
         argv=IMPORT,
         expected="error: {errata}: cannot read: it is a named pipe (FIFO), not a regular file; "
                  "put the file itself here"),
    # --- writing: whole or not at all -----------------------------------------------------------------
    case("import-full-disk", Write("{root}/report.txt", fixture="report.txt"), argv=IMPORT,
         fault=failing_writes(3, FULL_DISK),
         expected="error: {content}/reports/2024-fixture: cannot write: No space left on device"),
    case("reimport-full-disk", Replace(SECTION, "title: ", "title: 改"), argv=REIMPORT_FORCE,
         fault=failing_writes(0, FULL_DISK),
         expected="error: {report}: cannot write: No space left on device"),
    case("import-interrupted", Write("{root}/report.txt", fixture="report.txt"), argv=IMPORT,
         fault=failing_writes(3, KeyboardInterrupt()), status=130, expected="interrupted"),
    case("reimport-interrupted", Replace(SECTION, "title: ", "title: 改"), argv=REIMPORT_FORCE,
         fault=failing_writes(0, KeyboardInterrupt()), status=130, expected="interrupted"),
    case("build-full-disk", fault=failing_writes(90, FULL_DISK),  # past the search files, into the pages
         expected="error: {root}/output/zh-hans/plan/09.html: cannot write: No space left on device"),
    case("build-interrupted", fault=failing_writes(20, KeyboardInterrupt()), status=130,
         expected="interrupted"),
    case("output-not-ours", Write("{root}/site/index.html", "<p>my own page</p>\n"),
         Write("{root}/site/notes.txt", "my notes\n"), argv=("build", "--out", "site"),
         expected="error: {root}/site: " + NOT_OURS),
    case("output-marker-is-a-folder", Write("{root}/site/index.html", "<p>my own page</p>\n"),
         Folder("{root}/site/.report-site"), argv=("build", "--out", "site"),
         expected="error: {root}/site: " + NOT_OURS),
    case("output-marker-is-a-link", Write("{root}/site/index.html", "<p>my own page</p>\n"),
         Link("{root}/site/.report-site", "{root}/output/.report-site"), argv=("build", "--out", "site"),
         expected="error: {root}/site: " + NOT_OURS),
    case("output-is-the-templates", argv=("build", "--out", "templates"),
         expected="error: {root}/templates: " + NOT_OURS),
    # --- messages cannot be forged: file names and quotes are escaped ---------------------------------
    case("file-name-with-a-newline", argv=("import", "a\nerror: all is well.txt"),
         expected="error: a\\nerror: all is well.txt: file not found"),
    case("file-name-with-an-escape-sequence", argv=("import", "\x1b]0;owned\x07.txt"),
         expected="error: \\x1b]0;owned\\x07.txt: file not found"),
    case("file-name-with-a-bidi-override", argv=("import", "report\u202etxt.exe"),
         expected="error: report\\u202etxt.exe: file not found"),
    case("page-name-with-a-newline", Write("pages/x\nerror: fine.md", "# 说明\n"),
         expected="error: {content}/pages/x\\nerror: fine.md: page file names must be lowercase ASCII "
                  "letters, "
                  "digits and hyphens"),
    case("page-name-not-utf8", Write("pages/\udcff.md", "# 说明\n"),
         expected="error: {content}/pages/\\udcff.md: page file names must be lowercase ASCII letters, "
                  "digits "
                  "and hyphens"),
    case("report-folder-name-with-an-escape", Write("reports/x\x1b[2J/report.yaml", "title: x\n"),
         expected="error: {content}/reports/x\\x1b[2J: invalid report folder name 'x\\x1b[2J': lowercase "
                  "ASCII "
                  "letters, digits and hyphens (it becomes a path)"),
    # --- serve --------------------------------------------------------------------------------------
    case("serve-port-out-of-range", argv=("serve", "--port", "99999"), status=2,
         expected=("usage: build.py serve [-h] [--content DIR] [--port PORT] [--host HOST]",
                   "                      [--allow-remote] [--out DIR]",
                   "build.py serve: error: argument --port: expected a port number from 1 to 65535, "
                   "got '99999'")),
    case("serve-on-another-host", argv=("serve", "--host", "0.0.0.0"), status=2,
         expected=("usage: build.py serve [-h] [--content DIR] [--port PORT] [--host HOST]",
                   "                      [--allow-remote] [--out DIR]",
                   "build.py serve: error: --host 0.0.0.0 lets other machines reach the preview: add "
                   "--allow-remote if that is what you want")),
]


def test_the_catalogue_is_large_and_its_ids_unique() -> None:
    from .test_faults import BEHAVIOURS

    assert len(CASES) + len(BEHAVIOURS) >= 100  # the messages here, the behaviours there
    assert len({c.id for c in CASES}) == len(CASES)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry under ``folder`` as it is: a file's bytes, a link's target, a pipe or a folder
    by its kind (never read: a pipe would wait)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = b"link -> " + os.fsencode(os.readlink(path))
        elif path.is_dir():
            found[name] = b"folder"
        elif path.is_file():
            found[name] = path.read_bytes()
        else:
            found[name] = b"special"
    return found


@pytest.fixture()
def project(tmp_path: Path, kept_memo: Path) -> Iterator[Path]:
    """A copy of the project with a previous site in output/ (small: it only has to survive), and
    beside it a folder ``outside`` with a file that must never be published."""
    root = copy_project(tmp_path / "project", kept_memo)
    (tmp_path / "outside").mkdir()  # what a link may not bring in: here the closing words again
    shutil.copy(root / "content" / "reports" / SEED_SLUG / "closing.yaml",
                tmp_path / "outside" / "secret.yaml")
    previous = root / "output"
    (previous / "zh-hans").mkdir(parents=True)
    (previous / "index.html").write_text("<!doctype html><title>previous</title>\n", encoding="utf-8")
    (previous / "zh-hans" / "index.html").write_text("previous site\n", encoding="utf-8")
    (previous / MARKER).write_bytes(MARKER_TEXT)  # a site built here
    yield root


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
    if isinstance(change, Link):
        target = change.target.format(outside=root.parent / "outside", root=root)
        path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
        return {}
    if isinstance(change, Pipe):
        path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
        return {}
    if isinstance(change, Folder):
        path.unlink(missing_ok=True)
        path.mkdir(parents=True)
        return {}
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
    if bad.fault is not None:
        bad.fault(monkeypatch)

    try:
        status = main(list(bad.argv), root=project)
    except SystemExit as exit:  # argparse's usage errors
        status = exit.code  # type: ignore[assignment]

    captured = capsys.readouterr()
    values = {"content": str(project / "content"), "root": str(project),
              "report": str(project / "content" / "reports" / SEED_SLUG),
              "outside": str(project.parent / "outside"),
              "section_file": str(project / "content" / "reports" / SEED_SLUG / SECTION),
              "errata": str(project / "content" / ERRATA), **marks}
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
