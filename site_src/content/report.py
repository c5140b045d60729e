"""The report as YAML under content/: writing it from the model, and loading it back, validated.

Layout (one file per section, plus the report's metadata):
    report.yaml            title, issuer, year, byline (if any), the parts in order
    preamble.yaml          paragraphs before part 一
    parts/<part>.yaml      number, title, opening paragraphs, its sections in order, closing
    blocks/<part>.yaml     the part's unnumbered blocks after its closing, each opened by a lone
                           各位代表！ (only for a part that has them)
    sections/<id>.yaml     one area or task: number, title, form (if not （一）…。), paragraphs
    closing.yaml           the closing words
    terms.yaml             an appended glossary (名词解释), if the report has one
    provenance.yaml        what the import did (written by the importer)
    errata.yaml            curated repairs of damaged source text (read by the importer)
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from site_src.errors import Location, Problem, SiteError
from site_src.model import (
    PARAGRAPH_KINDS,
    SECTION_FORMS,
    Block,
    Count,
    Doubt,
    Join,
    Paragraph,
    Part,
    Provenance,
    Removal,
    Report,
    Section,
    Term,
)
from site_src.variants.convert import pin_problem
from site_src.yamlio import Reader, dump, parse

if TYPE_CHECKING:  # the build never imports the importer
    from site_src.ingest.clean import Erratum

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
TERMS_FILE = "terms.yaml"


# --- writing -------------------------------------------------------------------------------

def report_files(report: Report) -> dict[str, str]:
    """The YAML files for a report: relative path -> text. Deterministic for the same report."""
    # What a report does not have (a byline, blocks, a glossary) is left out, not written empty.
    meta: dict[str, Any] = {"title": report.title, "issuer": report.issuer, "year": report.year}
    if report.byline:
        meta["byline"] = list(report.byline)
    meta["parts"] = [part.id for part in report.parts]
    files = {
        "report.yaml": dump(meta),
        "preamble.yaml": dump({"paragraphs": _paragraphs(report.preamble)}),
        "closing.yaml": dump({"paragraphs": _paragraphs(report.closing)}),
        "provenance.yaml": dump(_provenance(report.provenance)),
    }
    if report.terms:
        files[TERMS_FILE] = dump({"terms": [{"term": term.term, "explanation": term.explanation}
                                            for term in report.terms]})
    for part in report.parts:
        part_data: dict[str, Any] = {
            "number": part.number, "title": part.title,
            "opening": _paragraphs(part.opening),
            "sections": [section.id for section in part.sections],
            "closing": _paragraphs(part.closing),
        }
        files[f"parts/{part.id}.yaml"] = dump(part_data)
        if part.blocks:
            files[f"blocks/{part.id}.yaml"] = dump({"blocks": [
                {"id": block.id, "paragraphs": _paragraphs(block.paragraphs)} for block in part.blocks]})
        for section in part.sections:
            section_data: dict[str, Any] = {"number": section.number, "title": section.title}
            if section.form != "bracket":
                section_data["form"] = section.form
            section_data["paragraphs"] = _paragraphs(section.paragraphs)
            files[f"sections/{section.id}.yaml"] = dump(section_data)
    return files


def _paragraphs(paragraphs: tuple[Paragraph, ...]) -> list[dict[str, str]]:
    result = []
    for paragraph in paragraphs:
        item = {"id": paragraph.id}
        if paragraph.kind != "text":
            item["kind"] = paragraph.kind
        if paragraph.lead:
            item["lead"] = paragraph.lead
        item["text"] = paragraph.text
        result.append(item)
    return result


def _provenance(provenance: Provenance) -> dict[str, Any]:
    return {
        "source": {"file": provenance.source_file, "sha256": provenance.source_sha256,
                   "encoding": provenance.encoding, "script": provenance.source_script,
                   "converter": provenance.converter},
        "annotations_removed": provenance.annotations_removed,
        "punctuation_restored": {count.name: count.count for count in provenance.punctuation_restored},
        "errata": [{"line": r.line, "damaged": r.text, "repaired": r.replacement, "reason": r.reason}
                   for r in provenance.errata],
        "furniture": [{"line": r.line, "text": r.text, "rule": r.rule, "reason": r.reason}
                      for r in provenance.furniture],
        "joins": [{"lines": list(j.lines), "pieces": list(j.pieces)} for j in provenance.joins],
        "annotations": [{"line": r.line, "removed": r.text} for r in provenance.annotations],
        "doubts": [{"line": d.line, "text": d.text, "reason": d.reason} for d in provenance.doubts],
    }


def write_report(report: Report, content_dir: Path) -> list[Path]:
    """Write the report's YAML, replacing the parts and sections of an earlier import.

    Each file is written whole under a temporary name and renamed into place, so an interrupted
    import never leaves a half-written file; a file whose text is unchanged is left alone (its
    modification time too, so a running preview does not rebuild for nothing).
    """
    files = report_files(report)
    written = []
    try:
        for relative, text in files.items():
            path = content_dir / relative
            data = text.encode("utf-8")
            if not path.is_file() or path.read_bytes() != data:
                _replace(path, data)
            written.append(path)
        for folder in ("parts", "sections", "blocks"):
            for old in sorted((content_dir / folder).glob("*.yaml")):
                if f"{folder}/{old.name}" not in files:
                    old.unlink()
        if TERMS_FILE not in files:  # the glossary of an earlier import, not this report's
            (content_dir / TERMS_FILE).unlink(missing_ok=True)
    except OSError as error:
        where = error.filename or content_dir
        raise SiteError([Problem(Location(str(where)), f"cannot write: {error.strerror}")]) from None
    return written


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; content is shared like any file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- loading -------------------------------------------------------------------------------

class _Files:
    """Reads content files, naming each by its path relative to the project for messages."""

    def __init__(self, content_dir: Path, problems: list[Problem]) -> None:
        self.content_dir = content_dir
        self.problems = problems

    def name(self, relative: str) -> str:
        return str(self.content_dir / relative)

    def load(self, relative: str) -> tuple[Reader, yaml.Node | None] | None:
        path = self.content_dir / relative
        reader = Reader(self.name(relative), self.problems)
        try:
            text = read_text(path)
        except SiteError as error:
            self.problems.extend(error.problems)
            return None
        try:
            node = parse(text, reader.file)
        except SiteError as error:
            self.problems.extend(error.problems)
            return None
        if node is None:
            reader.problem(None, "", "the file is empty")
            return None
        return reader, node


def read_text(path: Path) -> str:
    """A content file as text: missing files and invalid UTF-8 are errors with a location."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SiteError([Problem(Location(str(path)), "file not found")]) from None
    except OSError as error:
        raise SiteError([Problem(Location(str(path)), f"cannot read: {error.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SiteError([Problem(Location(str(path), line), "not valid UTF-8")]) from None


def load_report(content_dir: Path) -> Report:
    """Load and validate the whole report; every problem in every file is reported together."""
    problems: list[Problem] = []
    files = _Files(content_dir, problems)
    seen_ids: dict[str, Location] = {}

    def paragraphs(reader: Reader, node: yaml.Node | None, path: str) -> tuple[Paragraph, ...]:
        result = []
        for n, item in enumerate(reader.sequence(node, path)):
            item_path = f"{path}[{n}]"
            fields = reader.mapping(item, item_path, ("id", "text"), ("lead", "kind"))
            if fields is None:
                continue
            paragraph_id = reader.string(fields.get("id"), f"{item_path}.id")
            _check_id(reader, fields.get("id"), f"{item_path}.id", paragraph_id, seen_ids)
            kind = reader.string(fields["kind"], f"{item_path}.kind") if "kind" in fields else "text"
            if kind not in PARAGRAPH_KINDS:
                reader.problem(fields["kind"], f"{item_path}.kind",
                               f"unknown kind {kind!r} (allowed: {', '.join(PARAGRAPH_KINDS)})")
            lead = reader.string(fields["lead"], f"{item_path}.lead") if "lead" in fields else ""
            text = reader.string(fields.get("text"), f"{item_path}.text", empty=bool(lead))
            for key, value in (("lead", lead), ("text", text)):
                message = pin_problem(value)
                if message:
                    reader.problem(fields.get(key), f"{item_path}.{key}", message)
            result.append(Paragraph(id=paragraph_id, text=text, lead=lead, kind=kind))
        return tuple(result)

    report_meta: dict[str, Any] = {"title": "", "issuer": "", "year": 0, "parts": [], "byline": ()}
    part_refs: list[tuple[str, Reader, yaml.Node, str]] = []  # each part, where it is listed
    loaded = files.load("report.yaml")
    # Only a complete list of parts in report.yaml tells which part files are unlisted.
    loaded_report = False
    if loaded:
        reader, node = loaded
        fields = reader.mapping(node, "", ("title", "year", "parts"), ("issuer", "byline"))
        loaded_report = fields is not None and "parts" in fields
        if fields is not None:
            report_meta["title"] = reader.string(fields.get("title"), "title")
            report_meta["issuer"] = (reader.string(fields["issuer"], "issuer", empty=True)
                                     if "issuer" in fields else "")
            report_meta["year"] = reader.integer(fields.get("year"), "year")
            report_meta["byline"] = tuple(
                reader.string(item, f"byline[{n}]")
                for n, item in enumerate(reader.sequence(fields.get("byline"), "byline")))
            for n, item in enumerate(reader.sequence(fields.get("parts"), "parts")):
                part_id = reader.string(item, f"parts[{n}]")
                if not _valid_id(reader, item, f"parts[{n}]", part_id):
                    loaded_report = False
                    continue
                if part_id in report_meta["parts"]:
                    reader.problem(item, f"parts[{n}]", f"part {part_id!r} is listed twice")
                    continue
                report_meta["parts"].append(part_id)
                part_refs.append((part_id, reader, item, f"parts[{n}]"))

    def simple(relative: str) -> tuple[Paragraph, ...]:
        loaded = files.load(relative)
        if not loaded:
            return ()
        reader, node = loaded
        fields = reader.mapping(node, "", ("paragraphs",))
        return paragraphs(reader, fields.get("paragraphs"), "paragraphs") if fields else ()

    preamble = simple("preamble.yaml")
    parts = []
    section_ids: set[str] = set()
    unlisted_parts = sorted(path for path in (content_dir / "parts").glob("*.yaml")
                            if loaded_report and path.stem not in report_meta["parts"])
    problems.extend(Problem(Location(str(path)), "part file is not listed in report.yaml's parts")
                    for path in unlisted_parts)
    # Whether every part's list of sections was read: only then is a section file unlisted.
    all_sections_listed = loaded_report and not unlisted_parts
    for part_id, listed_in, item, path in part_refs:
        if not (content_dir / "parts" / f"{part_id}.yaml").is_file():
            listed_in.problem(item, path, f"unknown part {part_id!r}: "
                                          f"{files.name(f'parts/{part_id}.yaml')} does not load")
            all_sections_listed = False
            continue
        loaded = files.load(f"parts/{part_id}.yaml")
        if not loaded:
            all_sections_listed = False
            continue
        reader, node = loaded
        fields = reader.mapping(node, "", ("number", "title", "opening", "sections", "closing"))
        if fields is None or not isinstance(fields.get("sections"), yaml.SequenceNode):
            all_sections_listed = False
        if fields is None:
            continue
        opening = paragraphs(reader, fields.get("opening"), "opening")
        sections = []
        for n, item in enumerate(reader.sequence(fields.get("sections"), "sections")):
            section_id = reader.string(item, f"sections[{n}]")
            if not _valid_id(reader, item, f"sections[{n}]", section_id):
                continue
            if section_id in section_ids:
                reader.problem(item, f"sections[{n}]", f"section {section_id!r} is listed twice")
                continue
            section_ids.add(section_id)
            section = _load_section(files, section_id, paragraphs)
            if section is None:
                reader.problem(item, f"sections[{n}]",
                               f"unknown section {section_id!r}: "
                               f"{files.name(f'sections/{section_id}.yaml')} does not load")
            else:
                sections.append(section)
        closing = paragraphs(reader, fields.get("closing"), "closing")
        blocks = (_load_blocks(files, part_id, paragraphs, seen_ids)
                  if (content_dir / "blocks" / f"{part_id}.yaml").is_file() else ())
        parts.append(Part(id=part_id, number=reader.string(fields.get("number"), "number"),
                          title=reader.string(fields.get("title"), "title"),
                          opening=opening, sections=tuple(sections), closing=closing, blocks=blocks))
    for orphan in sorted((content_dir / "sections").glob("*.yaml") if all_sections_listed else ()):
        if orphan.stem not in section_ids and not any(
                p.location.file == str(orphan) for p in problems):
            problems.append(Problem(Location(str(orphan)),
                                    "section file is not listed in any part's sections"))
    if loaded_report:
        problems.extend(Problem(Location(str(path)), "blocks file of a part that is not in report.yaml's "
                                                     "parts")
                        for path in sorted((content_dir / "blocks").glob("*.yaml"))
                        if path.stem not in report_meta["parts"])
    closing = simple("closing.yaml")
    terms = _load_terms(files) if (content_dir / TERMS_FILE).is_file() else ()
    provenance = load_provenance(files)
    if report_meta["parts"] == [] and not problems:
        problems.append(Problem(Location(files.name("report.yaml"), key="parts"),
                                "the report has no parts"))
    if problems:
        raise SiteError(problems)
    return Report(title=report_meta["title"], issuer=report_meta["issuer"],
                  year=report_meta["year"], preamble=preamble, parts=tuple(parts),
                  closing=closing, provenance=provenance, byline=report_meta["byline"], terms=terms)


def _load_blocks(files: _Files, part_id: str, paragraphs: Any,
                 seen_ids: dict[str, Location]) -> tuple[Block, ...]:
    loaded = files.load(f"blocks/{part_id}.yaml")
    if not loaded:
        return ()
    reader, node = loaded
    fields = reader.mapping(node, "", ("blocks",))
    blocks = []
    for n, item in enumerate(reader.sequence(fields.get("blocks") if fields else None, "blocks")):
        block = reader.mapping(item, f"blocks[{n}]", ("id", "paragraphs"))
        if block is None:
            continue
        block_id = reader.string(block.get("id"), f"blocks[{n}].id")
        _check_id(reader, block.get("id"), f"blocks[{n}].id", block_id, seen_ids)
        blocks.append(Block(block_id, paragraphs(reader, block.get("paragraphs"), f"blocks[{n}].paragraphs")))
    return tuple(blocks)


def _load_terms(files: _Files) -> tuple[Term, ...]:
    loaded = files.load(TERMS_FILE)
    if not loaded:
        return ()
    reader, node = loaded
    fields = reader.mapping(node, "", ("terms",))
    terms = []
    for n, item in enumerate(reader.sequence(fields.get("terms") if fields else None, "terms")):
        entry = reader.mapping(item, f"terms[{n}]", ("term", "explanation"))
        if entry is not None:
            terms.append(Term(reader.string(entry.get("term"), f"terms[{n}].term"),
                              reader.string(entry.get("explanation"), f"terms[{n}].explanation")))
    return tuple(terms)


def _load_section(files: _Files, section_id: str, paragraphs: Any) -> Section | None:
    relative = f"sections/{section_id}.yaml"
    if not (files.content_dir / relative).is_file():
        return None
    loaded = files.load(relative)
    if not loaded:
        return Section(section_id, "", "", ())
    reader, node = loaded
    fields = reader.mapping(node, "", ("number", "title", "paragraphs"), ("form",))
    if fields is None:
        return Section(section_id, "", "", ())
    form = reader.string(fields["form"], "form") if "form" in fields else "bracket"
    if form not in SECTION_FORMS:
        reader.problem(fields["form"], "form", f"unknown form {form!r} (allowed: {', '.join(SECTION_FORMS)})")
    return Section(id=section_id, number=reader.string(fields.get("number"), "number"),
                   title=reader.string(fields.get("title"), "title"),
                   paragraphs=paragraphs(reader, fields.get("paragraphs"), "paragraphs"), form=form)


def load_provenance(files: _Files) -> Provenance:
    empty = Provenance("", "", "", "", 0, (), (), (), ())
    loaded = files.load("provenance.yaml")
    if not loaded:
        return empty
    reader, node = loaded
    fields = reader.mapping(node, "", ("source", "annotations_removed", "punctuation_restored",
                                       "errata", "furniture", "annotations"), ("joins", "doubts"))
    if fields is None:
        return empty
    source = reader.mapping(fields.get("source"), "source",
                            ("file", "sha256", "script", "converter"), ("encoding",)) or {}

    def text(node: yaml.Node | None, path: str) -> str:
        return reader.string(node, path, empty=True)

    def records(key: str, names: tuple[str, ...],
                optional: tuple[str, ...] = ()) -> list[tuple[dict[str, yaml.Node], str]]:
        result = []
        for n, item in enumerate(reader.sequence(fields.get(key), key)):
            item_fields = reader.mapping(item, f"{key}[{n}]", names, optional)
            if item_fields is not None and all(name in item_fields for name in names):
                result.append((item_fields, f"{key}[{n}]"))
        return result

    def listed(node: yaml.Node, path: str, read: Any) -> tuple[Any, ...]:
        return tuple(read(item, f"{path}[{n}]") for n, item in enumerate(reader.sequence(node, path)))

    punctuation = [Count(name, reader.integer(value, f"punctuation_restored.{name}"))
                   for name, value in reader.pairs(fields.get("punctuation_restored"),
                                                   "punctuation_restored")]
    return Provenance(
        source_file=text(source.get("file"), "source.file"),
        source_sha256=text(source.get("sha256"), "source.sha256"),
        source_script=text(source.get("script"), "source.script"),
        converter=text(source.get("converter"), "source.converter"),
        annotations_removed=reader.integer(fields.get("annotations_removed"), "annotations_removed"),
        punctuation_restored=tuple(punctuation),
        errata=tuple(Removal(reader.integer(f["line"], f"{p}.line"), text(f["damaged"], f"{p}.damaged"),
                             text(f["reason"], f"{p}.reason"), text(f["repaired"], f"{p}.repaired"))
                     for f, p in records("errata", ("line", "damaged", "repaired", "reason"))),
        furniture=tuple(Removal(reader.integer(f["line"], f"{p}.line"), text(f["text"], f"{p}.text"),
                                text(f["reason"], f"{p}.reason"),
                                rule=text(f["rule"], f"{p}.rule") if "rule" in f else "")
                        for f, p in records("furniture", ("line", "text", "reason"), ("rule",))),
        annotations=tuple(Removal(reader.integer(f["line"], f"{p}.line"),
                                  text(f["removed"], f"{p}.removed"), "pinyin annotation")
                          for f, p in records("annotations", ("line", "removed"))),
        encoding=text(source["encoding"], "source.encoding") if "encoding" in source else "utf-8",
        joins=tuple(Join(listed(f["lines"], f"{p}.lines", reader.integer),
                         listed(f["pieces"], f"{p}.pieces", text))
                    for f, p in records("joins", ("lines", "pieces"))),
        doubts=tuple(Doubt(reader.integer(f["line"], f"{p}.line"), text(f["text"], f"{p}.text"),
                           text(f["reason"], f"{p}.reason"))
                     for f, p in records("doubts", ("line", "text", "reason"))),
    )


def _valid_id(reader: Reader, node: yaml.Node | None, path: str, value: str) -> bool:
    if value and not re.fullmatch(ID_PATTERN, value):
        reader.problem(node, path, f"invalid id {value!r}: use lowercase ASCII letters, digits "
                                   "and single hyphens (it becomes a file name and an anchor)")
        return False
    return bool(value)


def _check_id(reader: Reader, node: yaml.Node | None, path: str, value: str,
              seen: dict[str, Location]) -> None:
    if not _valid_id(reader, node, path, value):
        return
    line = node.start_mark.line + 1 if node is not None else None
    here = Location(reader.file, line, key=path)
    if value in seen:
        reader.problem(node, path, f"duplicate id {value!r} (first used at {seen[value]})")
    else:
        seen[value] = here


def load_errata(path: Path) -> tuple[Erratum, ...]:
    """The curated errata; a missing file means no errata."""
    from site_src.ingest.clean import Erratum

    if not path.exists():
        return ()
    problems: list[Problem] = []
    reader = Reader(str(path), problems)
    node = parse(read_text(path), str(path))
    errata = []
    if node is not None:
        fields = reader.mapping(node, "", ("errata",))
        for n, item in enumerate(reader.sequence(fields.get("errata") if fields else None, "errata")):
            item_path = f"errata[{n}]"
            entry = reader.mapping(item, item_path, ("damaged", "repaired", "reason"))
            if entry is None:
                continue
            errata.append(Erratum(
                damaged=reader.string(entry.get("damaged"), f"{item_path}.damaged"),
                repaired=reader.string(entry.get("repaired"), f"{item_path}.repaired", empty=True),
                reason=reader.string(entry.get("reason"), f"{item_path}.reason"),
                location=Location(str(path), item.start_mark.line + 1, key=item_path)))
    if problems:
        raise SiteError(problems)
    return tuple(errata)
