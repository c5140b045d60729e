"""Properties of the importer and the content loaders, on generated input (hypothesis).

Whatever the input, the result is a value or the project's own error (SiteError), each problem
naming the file it is about and, where there is one, a line from 1 on; never another exception.
And what imports, survives the trip through YAML word for word.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from site_src.config import load_config
from site_src.content.pages import load_pages
from site_src.content.report import load_report, report_files, write_report
from site_src.errors import Location, SiteError, format_problems
from site_src.ingest import import_report
from site_src.ingest.errata import load_errata
from site_src.model import Paragraph, Part, Provenance, Report, Section, Source
from site_src.yamlio import invisible

from .conftest import CONTENT, REPORT, SLOW, THOROUGH

pytestmark = SLOW  # property tests over many generated files

SOURCE = "report.txt"
_PATIENT = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
QUICK = settings(max_examples=150 if THOROUGH else 50, **_PATIENT)
SLOW = settings(max_examples=60 if THOROUGH else 20, **_PATIENT)


def assert_located(error: SiteError, files: set[str] | None = None) -> None:
    """The project's error: problems with a file (one of ``files``), lines and columns from 1."""
    assert error.problems
    for problem in error.problems:
        location: Location = problem.location
        assert location.file and problem.message
        assert files is None or location.file in files, location
        assert location.line is None or location.line >= 1
        assert location.column is None or location.column >= 1
    assert format_problems(error.problems).startswith("error: ")


# --- the importer ------------------------------------------------------------------------------

NUMERALS = "一二三四五六七八九十"
HAN = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=12)
SENTENCE = HAN.map(lambda text: text + "。")
# Lines the genre is made of, and the noise scrapes add, for the importer to meet in any order.
LINE = st.one_of(
    st.lists(SENTENCE, min_size=1, max_size=4).map("".join),
    st.builds(lambda n, title: f"{n}、{title}", st.sampled_from(NUMERALS), HAN),
    st.builds(lambda n, title, rest: f"（{n}）{title}。{rest}", st.sampled_from(NUMERALS), HAN,
              st.lists(SENTENCE, max_size=3).map("".join)),
    st.builds(lambda n, title: f"({n}){title}。", st.sampled_from(NUMERALS), HAN),
    st.sampled_from(["各位代表：", "各位代表！", "?", "", "  ", "政府工作报告", "版权所有：某某区人民政府",
                     "——我们竭尽全力拼经济。", "今年主要预期目标是：增长7%。", "向大会(huì )报告工作。",
                     "质量?jì)?yōu)良", "以?/span>GDP", "</p>", "1,970亩。", "\ufeff", "\r"]),
    st.text(max_size=30),
)
REPORT_TEXT = st.lists(LINE, max_size=25).map("\n".join)
# Text shaped like a report throughout (two parts, a closing, a footer), so most of it imports.
BODY_LINE = st.one_of(
    st.lists(SENTENCE, min_size=1, max_size=4).map("".join),
    st.builds(lambda n, title, rest: f"（{n}）{title}。{rest}", st.sampled_from(NUMERALS), HAN,
              st.lists(SENTENCE, max_size=3).map("".join)),
    st.sampled_from(["——我们竭尽全力拼经济。", "今年主要预期目标是：增长7%。", "向大会(huì )报告工作。",
                     "?", "", "1,970亩。", "同比(下同)增长。", "各位代表！"]),
)
SHAPED_REPORT = st.builds(
    lambda review, plan: "\n".join(["政府工作报告", "各位代表：", "一、2023年工作回顾", *review,
                                    "二、2024年工作安排", *plan, "各位代表！让我们继续前进，接续奋斗！",
                                    "版权所有：某某区人民政府"]),
    st.lists(BODY_LINE, max_size=8), st.lists(BODY_LINE, max_size=8))


@QUICK
@given(REPORT_TEXT)
def test_import_of_report_like_text_gives_a_report_or_located_errors(text: str) -> None:
    try:
        import_report(text.encode("utf-8"), SOURCE, ())
    except SiteError as error:
        assert_located(error, {SOURCE})
        assert all(problem.location.line is not None for problem in error.problems)


@QUICK
@given(st.binary(max_size=400))
def test_import_of_arbitrary_bytes_gives_a_report_or_located_errors(raw: bytes) -> None:
    try:
        import_report(raw, SOURCE, ())
    except SiteError as error:
        assert_located(error, {SOURCE})


@SLOW
@given(st.one_of(SHAPED_REPORT, REPORT_TEXT))
def test_what_imports_survives_the_yaml_word_for_word(text: str) -> None:
    try:
        report = import_report(text.encode("utf-8"), SOURCE, ())
    except SiteError:
        assume(False)
    with temporary_folder() as content:
        write_report(report, content)
        assert load_report(content) == report


def simplified_alphabet() -> str:
    """Characters of the shipped report that are Simplified and the same in Taiwan's script.

    Random CJK code points read as a Traditional text, which the importer converts (rightly);
    sentences for the "nothing lost" property are written in the report's own characters.
    """
    from site_src.variants.convert import make_converter

    text = "".join(path.read_text(encoding="utf-8") for path in sorted((REPORT / "sections").glob("*.yaml")))
    to_simplified = make_converter("tw2s")
    return "".join(sorted({c for c in text if "\u4e00" <= c <= "\u9fff" and to_simplified(c) == c}))


PLAIN_SENTENCE = st.text(alphabet=simplified_alphabet(), min_size=1, max_size=12).map(lambda t: t + "。")
PLAIN_LINES = st.lists(st.lists(PLAIN_SENTENCE, min_size=1, max_size=3).map("".join), min_size=1, max_size=6)


@SLOW
@given(PLAIN_LINES, PLAIN_LINES)
def test_no_sentence_of_a_report_is_lost(review: list[str], plan: list[str]) -> None:
    lines = ["政府工作报告", "各位代表：", "一、2023年工作回顾", *review,
             "（一）加快建设现代化产业体系。" + review[0], "二、2024年工作安排", *plan,
             "各位代表！让我们继续前进，接续奋斗！", "版权所有：某某区人民政府"]
    report = import_report("\n".join(lines).encode("utf-8"), SOURCE, ())
    text = report.source_text()
    for sentence in [*review, *plan]:
        assert sentence in text


# --- the content loader ------------------------------------------------------------------------

@contextmanager
def temporary_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@pytest.fixture(scope="module")
def content() -> Iterator[Path]:
    """One copy of content/ for the module; each example changes one file and puts it back."""
    with temporary_folder() as folder:
        shutil.copytree(CONTENT, folder / "content")
        yield folder / "content" / REPORT.relative_to(CONTENT)  # the report's folder in the copy


@contextmanager
def replaced(path: Path, data: bytes) -> Iterator[None]:
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        yield
    finally:
        path.write_bytes(original)


def content_files(content: Path) -> set[str]:
    return {str(path) for path in content.rglob("*")}


YAML_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                        st.text(max_size=20))
KEYS = st.sampled_from(["id", "text", "lead", "kind", "number", "title", "paragraphs", "sections",
                        "opening", "closing", "parts", "year", "x"])
YAML_VALUE = st.recursive(YAML_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(KEYS | st.text(max_size=5), inner, max_size=5)), max_leaves=20)
FILES = st.sampled_from(["report.yaml", "preamble.yaml", "closing.yaml", "parts/review.yaml",
                         "sections/review-03.yaml", "provenance.yaml"])


@QUICK
@given(FILES, YAML_VALUE)
def test_any_yaml_document_loads_or_gives_located_errors(content: Path, file: str, value: object) -> None:
    with replaced(content / file, yaml.safe_dump(value, allow_unicode=True).encode("utf-8")):
        try:
            load_report(content)
        except SiteError as error:
            assert_located(error, content_files(content))


@QUICK
@given(FILES, st.data())
def test_any_damage_to_a_file_loads_or_gives_located_errors(content: Path, file: str,
                                                            data: st.DataObject) -> None:
    """A cut, an insertion or a swap of bytes anywhere in a real file (invalid UTF-8 included)."""
    original = (content / file).read_bytes()
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, min(len(original), start + 40)))
    insert = data.draw(st.one_of(st.binary(max_size=6), st.text(max_size=6).map(str.encode),
                                 st.sampled_from([b":", b"- ", b"\n  ", b"[", b"{", b"&a ", b"*a", b"!!",
                                                  b"\t", b"'", b'"', b"#", b"---\n", b"? "])))
    with replaced(content / file, original[:start] + insert + original[end:]):
        try:
            load_report(content)
        except SiteError as error:
            assert_located(error, content_files(content))


@QUICK
@given(st.one_of(YAML_VALUE.map(lambda value: yaml.safe_dump(value, allow_unicode=True).encode()),
                 st.binary(max_size=200)))
def test_any_site_or_errata_file_loads_or_gives_located_errors(content: Path, data: bytes) -> None:
    for path, load in ((content.parent.parent / "site.yaml", load_config),
                       (content / "errata.yaml", load_errata)):
        with replaced(path, data):
            try:
                load(path)
            except SiteError as error:
                assert_located(error, {str(path)})


@QUICK
@given(st.binary(max_size=200), st.sampled_from(["about.md", "x.md", "Bad Name.md", "-.md"]))
def test_any_page_loads_or_gives_located_errors(content: Path, data: bytes, name: str) -> None:
    content = content.parent.parent  # the site's folder
    path = content / "pages" / name
    existed = path.exists()
    original = path.read_bytes() if existed else b""
    path.write_bytes(data)
    try:
        load_pages(content / "pages")
    except SiteError as error:
        assert_located(error, {str(p) for p in (content / "pages").iterdir()})
    finally:
        if existed:
            path.write_bytes(original)
        else:
            path.unlink()


# --- any text the model holds survives the YAML ------------------------------------------------

# What content may hold: no control characters (C0, C1) and no bidi controls (site_src/files.py),
# something visible (invisible-only text is refused like whitespace), and no pin marks: [[ and ]]
# are the content's own syntax (a malformed pin is refused; pins have tests of their own).
TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\u202a\u202b\u202c"
                             "\u202d\u202e\u2066\u2067\u2068\u2069"),
               min_size=1, max_size=30).filter(lambda text: text.strip() and not invisible(text)
                                               and "[[" not in text and "]]" not in text)
IDS = st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True)


EXAMPLE_REPORT = Report("某某县政府工作报告", "", 2025, (),
                        (Part("review", "一、过去一年工作回顾", "回顾", (), (), ()),), (),
                        Provenance(Source("source.txt", "0" * 64, "Hans", "none"), 0, (), (), (), ()))


@st.composite
def reports(draw: st.DrawFn) -> Report:
    counter = iter(range(10_000))

    def paragraphs(prefix: str, min_size: int = 0) -> tuple[Paragraph, ...]:
        items = draw(st.lists(st.tuples(TEXT, st.one_of(st.just(""), TEXT),
                                         st.sampled_from(["text", "highlight", "targets", "salutation"])),
                              min_size=min_size, max_size=3))
        return tuple(Paragraph(f"{prefix}-{next(counter)}", text, lead, kind) for text, lead, kind in items)

    part_ids = draw(st.lists(IDS, min_size=1, max_size=2, unique=True))
    parts = tuple(
        Part(part_id, draw(TEXT), draw(TEXT), paragraphs(f"{part_id}-o"),
             tuple(Section(f"{part_id}-s{n}", draw(TEXT), draw(TEXT), paragraphs(f"{part_id}-s{n}", 1))
                   for n in range(draw(st.integers(0, 2)))),
             paragraphs(f"{part_id}-c"))
        for part_id in part_ids)
    provenance = Provenance(Source("source.txt", "0" * 64, "Hans", "none"), 0, (), (), (), ())
    return Report(draw(TEXT), draw(st.one_of(st.just(""), TEXT)), draw(st.integers(0, 3000)),
                  paragraphs("preamble"), parts, paragraphs("closing"), provenance)


@SLOW
@given(reports())
@example(replace(EXAMPLE_REPORT, title="1e100"))  # a float to YAML 1.2 only: the dumper quotes it
@example(replace(EXAMPLE_REPORT, title="yes", issuer="33:44"))  # YAML 1.1's bool and base 60
def test_any_text_survives_the_round_trip_through_yaml(report: Report) -> None:
    with temporary_folder() as content:
        for relative, text in report_files(report).items():
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            (content / relative).write_text(text, encoding="utf-8")
        assert load_report(content) == report
