"""One report as YAML: the files of its folder, each read and written through one field table.

Layout (one file per section, plus the report's metadata):
    report.yaml            title, issuer, government (its id, set at import), year, byline (if
                           any), the parts in order; source (url, date: the page the text was
                           taken from, and when), which a person writes and an import keeps
    preamble.yaml          paragraphs before part 一
    parts/<part>.yaml      number, title, opening paragraphs, its sections in order, closing
    blocks/<part>.yaml     the part's unnumbered blocks after its closing (only for a part that
                           has them)
    sections/<id>.yaml     one area or task: number, title, form (if not （一）…。), paragraphs
    closing.yaml           the closing words
    terms.yaml             an appended glossary (名词解释) or notes list (注释), if the report has one
    provenance.yaml        what the import did (written by the importer)
    originals.yaml         the source's own text of each heading and paragraph, where the source
                           was Traditional: what the conversion audit compares with (importer)

The tables below are the schema: the loader rejects unknown keys and reports every problem with
its file, line and key path; the dump writes the keys in the tables' order, leaving out optional
keys that hold their default.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text, write_atomic
from site_src.model import (
    PARAGRAPH_KINDS,
    PART_KINDS,
    SECTION_FORMS,
    TERMS_HEADING,
    Annotation,
    Block,
    Count,
    Doubt,
    Fix,
    Flattening,
    Join,
    Loss,
    Original,
    Paragraph,
    Part,
    Provenance,
    Removal,
    Repair,
    Report,
    Section,
    Source,
    SourcePage,
    Term,
    implied_kind,
    term_id,
)
from site_src.variants.pins import pin_problem
from site_src.yamlio import (
    ID_PATTERN,
    Counts,
    Field,
    Flag,
    Id,
    Integer,
    Kind,
    ListOf,
    Reader,
    Table,
    Text,
    dump,
    invisible,
    invisible_message,
    parse,
)

REPORT_FILE = "report.yaml"
TERMS_FILE = "terms.yaml"
ORIGINALS_FILE = "originals.yaml"
FOLDERS = ("parts", "sections", "blocks")  # one file per part or section: what re-import replaces


@dataclass(frozen=True)
class PinnedText(Text):
    """Report text a reader sees, which may hold pins (every converted string resolves them):
    a malformed pin is an error where it is written, in a title as in a paragraph."""

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> str:
        value = super().read(reader, node, path)
        message = pin_problem(value)
        if message:
            reader.problem(node, path, message)
        return value


# --- what each file holds ------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportFile:
    title: str
    issuer: str
    government: str
    year: int
    byline: tuple[str, ...]
    parts: tuple[str, ...]
    source: SourcePage | None = None


@dataclass(frozen=True)
class ParagraphsFile:
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class PartFile:
    number: str  # empty for a part heading without a number, and for a part without a heading
    title: str  # empty for a part without a heading line
    kind: str  # empty when the id says it (review, plan …)
    opening: tuple[Paragraph, ...]
    sections: tuple[str, ...]
    closing: tuple[Paragraph, ...]
    label: str = ""  # what a part without a heading line is called (the genre's name for its kind)
    mark: str = ""  # the number as written, where it is not N、 (第一部分)
    stop: str = ""  # what ends a heading sentence whose text runs on


@dataclass(frozen=True)
class SectionFile:
    number: str
    title: str
    form: str
    alone: bool
    stop: str
    paragraphs: tuple[Paragraph, ...]
    mark: str = ""  # the number as written, where the form's own mark would not give it back


@dataclass(frozen=True)
class BlocksFile:
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class TermsFile:
    heading: str
    terms: tuple[Term, ...]
    after: str = ""  # the appendix paragraph (closing.yaml) the glossary follows, where it does


@dataclass(frozen=True)
class OriginalsFile:
    texts: tuple[Original, ...]


def _lead_or_text(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
    """A paragraph may be a lead alone (a topic heading), never nothing."""
    text = values["text"]
    if not text.strip() and not values["lead"] and "text" in nodes:
        reader.problem(nodes["text"], f"{path}.text", "must not be empty")
    elif text.strip() and invisible(text):
        reader.problem(nodes["text"], f"{path}.text", invisible_message(text))


def _listed_once(key: str, noun: str) -> Any:
    def check(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
        seen: set[str] = set()
        items = nodes[key].value if isinstance(nodes.get(key), yaml.SequenceNode) else []
        for n, (item, value) in enumerate(zip(items, values[key], strict=False)):
            if value in seen:
                reader.problem(item, f"{key}[{n}]", f"{noun} {value!r} is listed twice")
            seen.add(value)
    return check


PARAGRAPH = Table(Paragraph, (
    Field("id", Id()),
    Field("kind", Text(choices=PARAGRAPH_KINDS), required=False, default="text"),
    Field("lead", PinnedText(), required=False, default=""),
    Field("text", PinnedText(empty=True)),
), check=_lead_or_text)
PARAGRAPHS = ListOf(PARAGRAPH)


@dataclass(frozen=True)
class Day(Kind):
    """A day as YYYY-MM-DD (written bare, YAML reads it as a date: its text is taken as written)."""

    def read(self, reader: Reader, node: yaml.Node | None, path: str) -> str:
        value = node.value if isinstance(node, yaml.ScalarNode) else reader.string(node, path)
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                datetime.date.fromisoformat(value)
                return str(value)
        except ValueError:
            pass
        if node is not None and value:
            reader.problem(node, path, f"expected a day as YYYY-MM-DD, got {value!r}")
        return ""


def _source_url(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
    url = values["url"]
    if url and not re.fullmatch(r"https?://[^\s/?#]+[^\s]*", url):
        reader.problem(nodes.get("url"), f"{path}.url",
                       f"expected the page's absolute http(s) address, got {url!r}")


SOURCE_PAGE = Table(SourcePage, (
    Field("url", Text()),
    Field("date", Day(), required=False, default=""),
), check=_source_url)

REPORT = Table(ReportFile, (
    Field("title", PinnedText()),
    Field("issuer", Text(empty=True), required=False, default=""),
    Field("government", Id(unique=False), required=False, default=""),
    Field("year", Integer()),
    Field("byline", ListOf(PinnedText()), required=False, default=()),
    Field("parts", ListOf(Id(unique=False))),
    Field("source", SOURCE_PAGE, required=False, default=None),
), check=_listed_once("parts", "part"))
PARAGRAPHS_FILE = Table(ParagraphsFile, (Field("paragraphs", PARAGRAPHS),))
def _headed(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
    """A part has a title, or (no heading line at all) a label to be called by."""
    if not values["title"] and not values["label"] and "title" in nodes:
        reader.problem(nodes["title"], f"{path}.title" if path else "title",
                       "must not be empty (a part without a heading line has a label instead)")
    if values["number"] and not values["title"] and "number" in nodes:
        reader.problem(nodes["number"], f"{path}.number" if path else "number", "a numbered part has a title")


def _part_checks(reader: Reader, nodes: dict[str, yaml.Node], values: dict[str, Any], path: str) -> None:
    _listed_once("sections", "section")(reader, nodes, values, path)
    _headed(reader, nodes, values, path)


PART = Table(PartFile, (
    Field("number", Text(empty=True)),
    Field("title", PinnedText(empty=True)),
    Field("label", PinnedText(), required=False, default=""),
    Field("mark", Text(), required=False, default=""),
    Field("stop", Text(), required=False, default=""),
    Field("kind", Text(choices=PART_KINDS), required=False, default=""),
    Field("opening", PARAGRAPHS),
    Field("sections", ListOf(Id(unique=False))),
    Field("closing", PARAGRAPHS),
), check=_part_checks)
SECTION = Table(SectionFile, (
    Field("number", Text(empty=True)),  # empty for a heading without a number (form plain)
    Field("title", PinnedText()),
    Field("form", Text(choices=SECTION_FORMS), required=False, default="bracket"),
    Field("mark", Text(), required=False, default=""),
    Field("alone", Flag(), required=False, default=False),
    Field("stop", Text(empty=True), required=False, default="。"),
    Field("paragraphs", PARAGRAPHS),
))
BLOCKS = Table(BlocksFile, (Field("blocks", ListOf(Table(Block, (
    Field("id", Id()),
    Field("paragraphs", PARAGRAPHS),
)))),))
TERMS = Table(TermsFile, (Field("heading", Text(), required=False, default=TERMS_HEADING),
                          Field("after", Id(unique=False), required=False, default=""),
                          Field("terms", ListOf(Table(Term, (
                              Field("mark", Text(), required=False, default=""),
                              Field("term", PinnedText()),
                              Field("colon", Text(empty=True), required=False, default="："),
                              Field("explanation", PinnedText()),
                          ))))))
ORIGINALS = Table(OriginalsFile, (Field("texts", ListOf(Table(Original, (
    Field("id", Id(unique=False)),
    Field("text", Text(empty=True)),
)))),))

_VERBATIM = Text(empty=True)  # provenance records quote the source as found, blanks included
PROVENANCE = Table(Provenance, (
    Field("source", Table(Source, (
        Field("file", _VERBATIM),
        Field("sha256", _VERBATIM),
        Field("encoding", _VERBATIM, required=False, default="utf-8", always=True),
        Field("script", _VERBATIM),
        Field("converter", _VERBATIM),
    ))),
    Field("annotations_removed", Integer()),
    Field("punctuation_restored", Counts(Count, lambda count: (count.name, count.count))),
    Field("errata", ListOf(Table(Repair, (
        Field("line", Integer()), Field("damaged", _VERBATIM), Field("repaired", _VERBATIM),
        Field("reason", _VERBATIM))))),
    Field("furniture", ListOf(Table(Removal, (
        Field("line", Integer()), Field("text", _VERBATIM),
        Field("rule", _VERBATIM, required=False, default="", always=True),
        Field("reason", _VERBATIM))))),
    Field("joins", ListOf(Table(Join, (Field("lines", ListOf(Integer())),
                                       Field("pieces", ListOf(_VERBATIM)),
                                       Field("rule", _VERBATIM, required=False, default="")))),
          required=False, default=(), always=True),
    Field("repairs", ListOf(Table(Fix, (
        Field("line", Integer()), Field("rule", _VERBATIM), Field("found", _VERBATIM),
        Field("fixed", _VERBATIM), Field("reason", _VERBATIM)))), required=False, default=()),
    Field("annotations", ListOf(Table(Annotation, (Field("line", Integer()),
                                                   Field("removed", _VERBATIM))))),
    Field("doubts", ListOf(Table(Doubt, (Field("line", Integer()), Field("text", _VERBATIM),
                                         Field("reason", _VERBATIM)))),
          required=False, default=(), always=True),
    Field("losses", ListOf(Table(Loss, (
        Field("line", Integer()), Field("column", Integer(), required=False, default=0),
        Field("damaged", _VERBATIM), Field("mark", _VERBATIM), Field("reason", _VERBATIM)))),
          required=False, default=()),
    Field("flattened", ListOf(Table(Flattening, (
        Field("rule", _VERBATIM), Field("count", Integer()), Field("reason", _VERBATIM)))),
          required=False, default=()),
))


# --- writing -------------------------------------------------------------------------------

def report_files(report: Report) -> dict[str, str]:
    """The YAML files for a report: relative path -> text. Deterministic for the same report."""
    files = {
        REPORT_FILE: dump(REPORT.write(ReportFile(report.title, report.issuer, report.government, report.year,
                                                  report.byline, tuple(part.id for part in report.parts),
                                                  report.source_page))),
        "preamble.yaml": dump(PARAGRAPHS_FILE.write(ParagraphsFile(report.preamble))),
        "closing.yaml": dump(PARAGRAPHS_FILE.write(ParagraphsFile(report.closing))),
        "provenance.yaml": dump(PROVENANCE.write(report.provenance)),
    }
    # What a report does not have (blocks, a glossary, a Traditional source) is left out.
    if report.terms:
        files[TERMS_FILE] = dump(TERMS.write(TermsFile(report.terms_heading, report.terms,
                                                       report.terms_after)))
    if report.originals:
        files[ORIGINALS_FILE] = dump(ORIGINALS.write(OriginalsFile(report.originals)))
    for part in report.parts:
        kind = "" if part.kind == implied_kind(part.id) else part.kind
        files[f"parts/{part.id}.yaml"] = dump(PART.write(PartFile(
            part.number, part.title, kind, part.opening, tuple(s.id for s in part.sections),
            part.closing, part.label, part.mark, part.stop)))
        if part.blocks:
            files[f"blocks/{part.id}.yaml"] = dump(BLOCKS.write(BlocksFile(part.blocks)))
        for section in part.sections:
            files[f"sections/{section.id}.yaml"] = dump(SECTION.write(SectionFile(
                section.number, section.title, section.form, section.alone, section.stop,
                section.paragraphs, section.mark)))
    return files


def write_report(report: Report, content_dir: Path) -> list[Path]:
    """Write the report's YAML, replacing the parts and sections of an earlier import.

    Each file is written whole (see files.write_atomic); a file whose text is unchanged is left
    alone (its modification time too, so a running preview does not rebuild for nothing).
    """
    files = report_files(report)
    written = []
    try:
        for relative, text in files.items():
            path = content_dir / relative
            data = text.encode("utf-8")
            if not path.is_file() or path.read_bytes() != data:
                write_atomic(path, data)
            written.append(path)
        for folder in FOLDERS:
            for old in sorted((content_dir / folder).glob("*.yaml")):
                if f"{folder}/{old.name}" not in files:
                    old.unlink()
        for single in (TERMS_FILE, ORIGINALS_FILE):  # an earlier import's, not this one's
            if single not in files:
                (content_dir / single).unlink(missing_ok=True)
    except OSError as error:
        where = error.filename or content_dir
        raise SiteError([Problem(Location(str(where)), f"cannot write: {error.strerror}")]) from None
    return written


# --- loading -------------------------------------------------------------------------------

class _Folder:
    """The files of one report folder, read through their tables; every problem is collected."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.ids: dict[str, Location] = {}  # paragraph and block ids: unique in the report
        # Where each text is written (a paragraph's text under its id, its lead under id.lead, a
        # term under its step's id) and each file's title: what a person is sent to edit.
        self.texts: dict[str, Location] = {}
        self.titles: dict[str, Location] = {}

    def name(self, relative: str) -> str:
        return str(self.folder / relative)

    def exists(self, relative: str) -> bool:
        """Whether anything is there: what is not a regular file (a pipe, a folder, a link to a
        device) is then read, and reading says what is wrong with it."""
        return os.path.lexists(self.folder / relative)

    def read(self, relative: str, table: Table) -> tuple[Any, Reader, yaml.Node] | None:
        """The file's value (None if it does not load), with its reader and top node."""
        reader = Reader(self.name(relative), self.problems, self.ids)
        try:
            node = parse(read_text(self.folder / relative), reader.file)
        except SiteError as error:
            self.problems.extend(error.problems)
            return None
        if node is None:
            reader.problem(None, "", "the file is empty")
            return None
        value = table.read(reader, node, "")
        if value is not None and table not in (ORIGINALS, PROVENANCE, REPORT):  # the report's own text
            _text_places(node, reader.file, self.texts)
            title = _child(node, "title")
            if title is not None:
                self.titles[relative] = Location(reader.file, title.start_mark.line + 1, key="title")
        return (value, reader, node) if value is not None else None

    def unlisted(self, folder: str, listed: set[str], message: str) -> None:
        self.problems.extend(Problem(Location(str(path)), message)
                             for path in sorted((self.folder / folder).glob("*.yaml"))
                             if path.stem not in listed)


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key_node, value in node.value if key_node.value == key), None)
    return None


def _text_places(top: yaml.Node, file: str, found: dict[str, Location]) -> None:
    """Where each text of a file is written, by its step's id: a paragraph's ``text`` (``lead``
    under id.lead), an appended glossary's term (term-N). Each node is visited once, however many
    aliases name it (a YAML bomb is a few nodes named billions of times): linear in the file."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str]] = [(top, "")]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{n}]") for n, item in enumerate(node.value))
            for n, item in enumerate(node.value if path == "terms" else ()):
                term = _child(item, "term")
                if term is not None:
                    found[term_id(n + 1)] = Location(file, term.start_mark.line + 1, key=f"terms[{n}].term")
        elif isinstance(node, yaml.MappingNode):
            ident = _child(node, "id")
            for key, name in ((("text", ident.value), ("lead", f"{ident.value}.lead"))
                              if isinstance(ident, yaml.ScalarNode) else ()):
                value = _child(node, key)
                if value is not None:
                    found[name] = Location(file, value.start_mark.line + 1, key=f"{path}.{key}".lstrip("."))
            stack.extend((value, f"{path}.{key_node.value}".lstrip(".")) for key_node, value in node.value
                         if isinstance(value, yaml.CollectionNode))


def _items(node: yaml.Node, key: str) -> list[yaml.Node]:
    """The item nodes of a list under ``key`` of a mapping node (for pointing at one item)."""
    for key_node, value in node.value:
        if key_node.value == key and isinstance(value, yaml.SequenceNode):
            return list(value.value)
    return []


def _value(node: yaml.Node, key: str) -> yaml.Node | None:
    """The value node under ``key`` of a mapping node (for pointing at it)."""
    return next((value for key_node, value in node.value if key_node.value == key), None)


def _is_list(node: yaml.Node, key: str) -> bool:
    return any(key_node.value == key and isinstance(value, yaml.SequenceNode)
               for key_node, value in node.value)


def _terms(files: _Folder, closing: tuple[Paragraph, ...] | None
           ) -> tuple[TermsFile, Reader, yaml.Node] | None:
    """terms.yaml, if the report has a glossary; its ``after`` names an appendix paragraph of the
    closing (where the glossary follows annexes)."""
    terms = files.read(TERMS_FILE, TERMS) if files.exists(TERMS_FILE) else None
    if terms is not None and closing is not None and terms[0].after \
            and terms[0].after not in {p.id for p in closing if p.kind == "appendix"}:
        terms[1].problem(_value(terms[2], "after"), "after", f"unknown appendix paragraph "
                         f"{terms[0].after!r}: the glossary follows a paragraph of kind appendix in "
                         f"{files.name('closing.yaml')}")
    return terms


def load_report(content_dir: Path) -> Report:
    """Load and validate the whole report; every problem in every file is reported together."""
    return _load(content_dir)[0]


def load_located(content_dir: Path, years: tuple[int, int] | None = None
                 ) -> tuple[Report, dict[str, Location]]:
    """The report (as ``load_report``), and where each text of it is written, from the same
    reading: the file and line of every paragraph's text (its lead's under id.lead), of every
    part's and section's title and of every appended term (for messages that send a person to
    edit one); a block's id where it has no text of its own. ``years``: the first and last year
    a report may be of (the genre's)."""
    report, files = _load(content_dir, years)
    where = {**files.ids, **files.texts}
    for part in report.parts:
        for file in (f"parts/{part.id}.yaml", *(f"sections/{s.id}.yaml" for s in part.sections)):
            where[Path(file).stem] = files.titles.get(file, Location(files.name(file)))
    return report, where


def _check_year(record: ReportFile, reader: Reader, node: yaml.Node, years: tuple[int, int]) -> None:
    """The report's year is one a report can be of (a year that is no whole number is said)."""
    if not any(problem.location.key == "year" for problem in reader.problems) \
            and not years[0] <= record.year <= years[1]:
        reader.problem(_value(node, "year"), "year", f"{record.year} is not a year a report can be of: "
                       f"expected {years[0]} to {years[1]} (the genre's years)")


def _load(content_dir: Path, years: tuple[int, int] | None = None) -> tuple[Report, _Folder]:
    files = _Folder(content_dir)
    meta = files.read(REPORT_FILE, REPORT)
    if meta is not None and years is not None:
        _check_year(*meta, years)
    preamble = files.read("preamble.yaml", PARAGRAPHS_FILE)
    parts = []
    # Only complete lists tell which part and section files are unlisted.
    lists_complete = meta is not None
    listed_parts: set[str] = set()
    listed_sections: set[str] = set()
    for n, (part_id, item) in enumerate(zip(meta[0].parts, _items(meta[2], "parts"), strict=False)
                                        if meta else ()):
        if not ID_PATTERN.fullmatch(part_id) or part_id in listed_parts:
            lists_complete = lists_complete and part_id in listed_parts  # reported by the table
            continue
        listed_parts.add(part_id)
        relative = f"parts/{part_id}.yaml"
        if not files.exists(relative):
            meta[1].problem(item, f"parts[{n}]", f"unknown part {part_id!r}: {files.name(relative)} "
                                                 "does not load")
        part = files.read(relative, PART) if files.exists(relative) else None
        if part is None or not _is_list(part[2], "sections"):
            lists_complete = False
        if part is None:
            continue
        record, reader, node = part
        sections = []
        for m, (section_id, section_item) in enumerate(zip(record.sections, _items(node, "sections"),
                                                           strict=False)):
            if not ID_PATTERN.fullmatch(section_id):
                continue  # reported by the table
            if section_id in listed_sections:
                if section_id not in record.sections[:m]:  # twice in one part: the table said so
                    reader.problem(section_item, f"sections[{m}]",
                                   f"section {section_id!r} is listed twice")
                continue
            listed_sections.add(section_id)
            section_file = f"sections/{section_id}.yaml"
            if not files.exists(section_file):
                reader.problem(section_item, f"sections[{m}]", f"unknown section {section_id!r}: "
                                                               f"{files.name(section_file)} does not load")
                continue
            section = files.read(section_file, SECTION)
            if section is not None:
                value = section[0]
                sections.append(Section(section_id, value.number, value.title, value.paragraphs,
                                        value.form, value.alone, value.stop, value.mark))
        blocks = files.read(f"blocks/{part_id}.yaml", BLOCKS) if files.exists(f"blocks/{part_id}.yaml") \
            else None
        parts.append(Part(part_id, record.number, record.title, record.opening, tuple(sections),
                          record.closing, blocks[0].blocks if blocks else (), record.kind, record.label,
                          record.mark, record.stop))
    # Only a list of valid part ids tells which part files are unlisted.
    if meta is not None and _is_list(meta[2], "parts") and all(map(ID_PATTERN.fullmatch, meta[0].parts)):
        files.unlisted("parts", listed_parts, "part file is not listed in report.yaml's parts")
        files.unlisted("blocks", listed_parts, "blocks file of a part that is not in report.yaml's parts")
        if lists_complete and not any(path.stem not in listed_parts
                                      for path in (content_dir / "parts").glob("*.yaml")):
            files.unlisted("sections", listed_sections, "section file is not listed in any part's sections")
    closing = files.read("closing.yaml", PARAGRAPHS_FILE)
    # A report of paragraphs alone (no numbered parts) holds them in its preamble.
    if meta is not None and _is_list(meta[2], "parts") and not meta[0].parts \
            and preamble is not None and not preamble[0].paragraphs:
        files.problems.append(Problem(Location(files.name(REPORT_FILE), key="parts"),
                                      "the report has no parts"))
    terms = _terms(files, closing[0].paragraphs if closing else None)
    originals = files.read(ORIGINALS_FILE, ORIGINALS) if files.exists(ORIGINALS_FILE) else None
    provenance = files.read("provenance.yaml", PROVENANCE)
    if files.problems or meta is None or preamble is None or closing is None or provenance is None:
        raise SiteError(files.problems)
    record = meta[0]
    report = Report(title=record.title, issuer=record.issuer, year=record.year,
                    preamble=preamble[0].paragraphs, parts=tuple(parts), closing=closing[0].paragraphs,
                    provenance=provenance[0], byline=record.byline,
                    terms=terms[0].terms if terms else (),
                    terms_heading=terms[0].heading if terms else TERMS_HEADING,
                    originals=originals[0].texts if originals else (), government=record.government,
                    terms_after=terms[0].after if terms else "", source_page=record.source)
    return report, files
