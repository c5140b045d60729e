"""Script variants as data: a pure conversion of the content model, done before rendering.

Conversion is OpenCC's, by phrase. The project's glossary is chained in front of OpenCC's own
dictionaries as a user dictionary, in the segmentation step and in the first conversion step:
in only one of the two most overrides have no effect (OpenCC 1.4.2). An editor can also pin one
span in one paragraph: ``[[范]]`` keeps 范 as it is, ``[[干|乾]]`` writes 乾 in the converted
variants and 干 in the source one. The brackets never reach a page.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import opencc

from site_src.model import GlossaryEntry
from site_src.segment import segmenter
from site_src.variants.context import ContextRules, shipped_rules
from site_src.variants.pins import Resolved, resolve
from site_src.variants.tables import OPENCC_DATA

Convert = Callable[[str], str]
T = TypeVar("T")



def make_converter(config: str | None, glossary: tuple[GlossaryEntry, ...] = (),
                   rules: ContextRules | None = None) -> Convert:
    """An OpenCC conversion by config name (s2tw, tw2s, …) within words, the glossary's phrases
    first, the risky characters decided by the context rules (the genre's by default).

    None means the source variant: text stays as it is (pins resolved to their source form).
    """
    if config is None:
        return _source
    return conversion(config, glossary, rules).convert


def conversion(config: str, glossary: tuple[GlossaryEntry, ...] = (),
               rules: ContextRules | None = None, by_words: bool | None = None) -> Converter:
    """The converter itself, for what needs its decisions (the audit, the proofs). ``by_words``
    False converts as bare OpenCC does, over the whole text (to measure against)."""
    return _converter(config, glossary, shipped_rules() if rules is None else rules,
                      Path(config).stem.startswith("s2") if by_words is None else by_words)


def _source(text: str) -> str:
    return resolve(text).text


@dataclass(frozen=True)
class Piece:
    """A span of a text converted as one: by OpenCC within it (``fixed`` None), or written as a
    pin or a context rule says."""

    start: int
    end: int
    fixed: str | None = None
    by: str = ""  # pin | rule, or "" where OpenCC converts the span
    single: bool = False  # characters the segmenter found no word for, one or several
    rules: tuple[tuple[int, str, str], ...] = ()  # (position, form, rule name): a rule's decisions

    def decided(self, converted: str) -> str | None:
        """OpenCC's conversion of the piece with the context rules' characters written in (None
        if OpenCC did not write one character for each)."""
        if not self.rules:
            return converted
        if len(converted) != self.end - self.start:
            return None
        characters = list(converted)
        for position, form, _ in self.rules:
            characters[position - self.start] = form
        return "".join(characters)


class Converter:
    """One configuration's conversion with a glossary and the context rules.

    The text is segmented into words (the glossary's phrases are words too); OpenCC converts the
    words in one call, given with a separator between them that none of its phrases holds, so
    none of its matches crosses a word's boundary. Inside a word OpenCC's phrase and character
    tables do all the work, the glossary's phrases first (a user dictionary). A pin's span and a
    character a context rule decides are written as they say.
    """

    def __init__(self, config: str, glossary: tuple[GlossaryEntry, ...], rules: ContextRules,
                 by_words: bool) -> None:
        self.config = config
        self.glossary = glossary
        self.rules = rules
        self._opencc = _opencc(config, glossary)
        self.segmenter = segmenter(tuple(sorted({entry.phrase for entry in glossary})))
        self.decided_phrases = frozenset(entry.phrase for entry in glossary)
        # Words and rules are for Simplified text (s2t, s2tw, s2hk …); the other direction
        # (tw2s for a Traditional source) is OpenCC's over the whole text, as before.
        self.by_words = by_words

    def pieces(self, resolved: Resolved) -> tuple[Piece, ...]:
        """The spans the text is converted in, in order, covering it whole (kept for the text's
        next conversion: the audit and the proofs ask again)."""
        return self._pieces(resolved)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 (one converter per configuration and glossary)
    def _pieces(self, resolved: Resolved) -> tuple[Piece, ...]:
        text, pieces, position = resolved.text, [], 0
        for pin in resolved.pins:
            pieces += self._words(text, position, pin.start)
            pieces.append(Piece(pin.start, pin.end, pin.converted, "pin"))
            position = pin.end
        pieces += self._words(text, position, len(text))
        return tuple(pieces)

    def _words(self, text: str, start: int, end: int) -> list[Piece]:
        """The words of text[start:end] as pieces, runs of characters in no word joined, with
        the context rules' decisions."""
        if start == end:
            return []
        if not self.by_words:
            return [Piece(start, end)]
        run = text[start:end]
        words = self.segmenter.words(run)
        decided = self.rules.decide(run, words, self.decided_phrases)
        pieces: list[Piece] = []
        for a, b in words:
            rules = tuple((start + n, form, rule.name) for n in range(a, b) if n in decided
                          for form, rule in [decided[n]])
            if b - a == 1 and pieces and pieces[-1].single:
                # Characters the dictionary knows no word for stay together: a phrase of
                # OpenCC's over them (a name: 岳阳, 沈海) cuts no word.
                last = pieces[-1]
                pieces[-1] = Piece(last.start, start + b, single=True, rules=last.rules + rules)
            else:
                pieces.append(Piece(start + a, start + b, single=b - a == 1, rules=rules))
        return pieces

    @functools.lru_cache(maxsize=4096)  # noqa: B019 (the audit converts each text before the report is)
    def convert(self, raw: str) -> str:
        resolved = resolve(raw)
        if not resolved.text:
            return resolved.text
        text = resolved.text
        pieces = self.pieces(resolved)
        words = iter(self._opencc_words([text[piece.start:piece.end] for piece in pieces
                                         if piece.fixed is None], text))
        out = []
        for piece in pieces:
            if piece.fixed is not None:
                out.append(piece.fixed)
                continue
            converted = next(words)
            decided = piece.decided(converted)
            out.append(decided if decided is not None else self._around(text, piece))
        return "".join(out)

    def _around(self, text: str, piece: Piece) -> str:
        """A piece converted around its rules' characters (where OpenCC changed its length)."""
        out, position = [], piece.start
        for at, form, _ in piece.rules:
            out += [self._opencc.convert(text[position:at]), form]
            position = at + 1
        out.append(self._opencc.convert(text[position:piece.end]))
        return "".join(out)

    def _opencc_words(self, words: list[str], text: str) -> list[str]:
        """OpenCC's conversion of each word, in one call where a separator can be found."""
        separator = next((char for char in SEPARATORS if char not in text), None)
        if separator is None:  # a text that holds every separator: one call per word
            return [self._opencc.convert(word) for word in words]
        return self._opencc.convert(separator.join(words)).split(separator)


# Noncharacters (Unicode keeps them out of interchanged text): OpenCC has no phrase that holds
# one, so a match never crosses it. Any that the text itself holds is skipped.
SEPARATORS = "".join(chr(code) for code in range(0xFDD0, 0xFDF0))


@functools.lru_cache(maxsize=32)
def _converter(config: str, glossary: tuple[GlossaryEntry, ...], rules: ContextRules,
               by_words: bool) -> Converter:
    return Converter(config, glossary, rules, by_words)


def identity(text: str) -> str:
    return text


@functools.lru_cache(maxsize=16)
def _opencc(config: str, glossary: tuple[GlossaryEntry, ...]) -> _WholeText:
    """One converter per configuration and glossary in a process: loading OpenCC's dictionaries
    is most of a conversion's cost, and the import, the audit and every variant share them.

    ``config`` is one of OpenCC's configurations by name, with or without ``.json`` (s2tw,
    s2tw.json), or the path of a configuration file of one's own; its dictionaries are found
    beside it, else among OpenCC's. Configurations without a segmentation step (s2t, t2s) take
    the glossary in their first conversion step alone, which is enough there: without a
    segmentation OpenCC matches the longest phrase of that step's dictionaries.
    """
    path = _config_file(config)
    if not glossary and path.parent == OPENCC_DATA:
        return _WholeText(opencc.OpenCC(path.stem))
    # A copied config needs absolute dictionary paths: relative ones do not resolve from another
    # folder, and OPENCC_DATA_DIR is ignored for dictionaries.
    custom = _absolute_paths(json.loads(path.read_text(encoding="utf-8")), path.parent)
    with tempfile.TemporaryDirectory(prefix="report-site-opencc-") as folder:
        if glossary:
            user_dict = Path(folder) / "glossary.txt"
            # Sorted, so the same glossary always makes the same file.
            lines = sorted(f"{entry.phrase}\t{entry.traditional}" for entry in glossary)
            user_dict.write_text("\n".join(lines) + "\n", encoding="utf-8")
            user = {"type": "text", "file": str(user_dict)}
            segmentation = custom.get("segmentation")
            if isinstance(segmentation, dict) and isinstance(segmentation.get("dict"), dict):
                if segmentation["dict"].get("type") == "group":
                    segmentation["dict"].setdefault("dicts", []).insert(0, user)
                else:
                    segmentation["dict"] = {"type": "group", "match_policy": "union",
                                            "dicts": [user, segmentation["dict"]]}
            first = custom["conversion_chain"][0]["dict"]
            custom["conversion_chain"][0]["dict"] = {"type": "group", "match_policy": "short_circuit",
                                                     "dicts": [user, first]}
        config_path = Path(folder) / f"{path.stem}-glossary.json"
        config_path.write_text(json.dumps(custom, ensure_ascii=False), encoding="utf-8")
        return _WholeText(opencc.OpenCC(str(config_path)))  # dictionaries load here, before the folder goes


def _config_file(config: str) -> Path:
    """OpenCC's own configuration of that name (s2tw or s2tw.json), else the file at that path."""
    shipped = OPENCC_DATA / f"{config.removesuffix('.json')}.json"
    return shipped if "/" not in config and shipped.is_file() else Path(config)


class _WholeText:
    """OpenCC's converter, given text without NUL: OpenCC's C API takes NUL as the end of the
    text and drops the rest (content is checked for control characters when it is read; this
    keeps a conversion from ever cutting text short)."""

    def __init__(self, converter: opencc.OpenCC) -> None:
        self._converter = converter

    def convert(self, text: str) -> str:
        if "\x00" not in text:
            return self._converter.convert(text)
        return "\x00".join(self._converter.convert(piece) for piece in text.split("\x00"))


def _absolute_paths(node: Any, folder: Path = OPENCC_DATA) -> Any:
    """Dictionary paths made absolute: beside the configuration if there, else OpenCC's own."""
    if isinstance(node, dict):
        if isinstance(node.get("file"), str) and not os.path.isabs(node["file"]):
            beside = folder / node["file"]
            node["file"] = str(beside if beside.is_file() else OPENCC_DATA / node["file"])
        for value in node.values():
            _absolute_paths(value, folder)
    elif isinstance(node, list):
        for value in node:
            _absolute_paths(value, folder)
    return node


def convert_value(value: T, convert: Convert) -> T:
    """Convert every reader-visible string in a tree of frozen dataclasses, tuples and dicts.

    Fields marked verbatim in the model (ids, quotes of the source as found) are kept.
    """
    if isinstance(value, str):
        return convert(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(convert_value(item, convert) for item in value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {key: convert_value(item, convert) for key, item in value.items()}  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: convert_value(getattr(value, field.name), convert)
            for field in dataclasses.fields(value)
            if not field.metadata.get("verbatim")
        }
        return dataclasses.replace(value, **changes)
    return value
