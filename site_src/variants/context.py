"""Context rules: the risky characters whose Traditional form a class of contexts decides.

OpenCC decides a character by the phrase it stands in, else by its default. For some characters
of the genre neither is reliable: 签 is 簽 wherever something is signed (免签, 商签, 新签 …),
whatever word it stands in; 周 closing an event's name is a week (电影周 -> 週); 只 after a count
is the measure word 隻. A rule names the character, the form it takes, the context that decides
(what stands before it, after it, where it is in its word), the words it does not apply in, a
reason and examples; the examples are tested (tests/test_context.py). The rules are data, in the
genre's context.yaml. A glossary phrase or a pin decides before any rule.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_src.errors import Location, Problem, SiteError
from site_src.files import read_text
from site_src.yamlio import Field, Integer, ListOf, Reader, Table, Text, parse

# Where a character stands in its word: a word of its own, or the first, a middle or the last
# character of a longer one.
PLACES = ("alone", "first", "middle", "last")


@dataclass(frozen=True)
class Example:
    text: str  # Simplified, as a report writes it
    converted: str  # its Traditional (Taiwan) form with the rule


@dataclass(frozen=True)
class ContextRule:
    name: str
    character: str
    form: str
    reason: str
    before: tuple[str, ...] = ()  # the text before ends with one of these (any, if none)
    after: tuple[str, ...] = ()  # the text after starts with one of these (any, if none)
    places: tuple[str, ...] = PLACES  # where in its word the character may stand
    # With ``last``: the name it closes has at least this many characters before it (电影周: 2),
    # in its own word, or in the word before it when it stands alone.
    closes: int = 0
    not_after: tuple[str, ...] = ()  # the text after starts with none of these
    not_before: tuple[str, ...] = ()  # the text before ends with none of these
    not_in: tuple[str, ...] = ()  # words the rule never applies in (标签, 抽签 for 签)
    examples: tuple[Example, ...] = ()

    def applies(self, text: str, n: int, word: tuple[int, int], before_word: int,
                allowed: list[tuple[int, int]]) -> bool:
        """Whether the rule decides ``text[n]``, in ``word`` (start, end) with the word before it
        ``before_word`` characters long; ``allowed`` are the spans a phrase may match in (a word,
        or a run of characters in no word), for the words the rule does not apply in."""
        start, end = word
        place = "alone" if end - start == 1 else "first" if n == start else "last" if n == end - 1 \
            else "middle"
        if place not in self.places:
            return False
        # A space inside Chinese text is no boundary (a source that broke a word): read past it.
        ahead, behind = _after(text, n), _before(text, n)
        if self.before and not any(behind.endswith(item) for item in self.before):
            return False
        if self.after and not any(ahead.startswith(item) for item in self.after) \
                and not (not ahead and "。" in self.after):  # the end of a text ends a sentence
            return False
        if self.not_after and any(ahead.startswith(item) for item in self.not_after):
            return False
        if self.not_before and any(behind.endswith(item) for item in self.not_before):
            return False
        if self.closes and (n - start if place != "alone" else before_word) < self.closes:
            return False
        return not any(_within(text, n, word_, allowed) for word_ in self.not_in)


_CONTEXT = 8  # characters of context a rule reads on either side
_SPACES = " \u3000"


def _after(text: str, n: int) -> str:
    return text[n + 1:n + 1 + _CONTEXT].lstrip(_SPACES)


def _before(text: str, n: int) -> str:
    return text[max(0, n - _CONTEXT):n].rstrip(_SPACES)


def _within(text: str, n: int, word: str, allowed: list[tuple[int, int]]) -> bool:
    """Whether ``word`` stands in the text over position n, inside one span a phrase may match in."""
    starts = [n - offset for offset in range(len(word)) if n - offset >= 0]
    return any(text.startswith(word, at) and any(a <= at and at + len(word) <= b for a, b in allowed)
               for at in starts)


@dataclass(frozen=True)
class ContextRules:
    rules: tuple[ContextRule, ...] = ()

    @functools.cached_property
    def _by_character(self) -> dict[str, tuple[ContextRule, ...]]:
        found: dict[str, list[ContextRule]] = {}
        for rule in self.rules:
            found.setdefault(rule.character, []).append(rule)
        return {char: tuple(rules) for char, rules in found.items()}

    def decide(self, text: str, words: list[tuple[int, int]], glossary: Collection[str]
               ) -> dict[int, tuple[str, ContextRule]]:
        """The positions a rule decides, with the form and the rule: the first rule of a
        character that applies. A word that is a glossary phrase is the glossary's to decide."""
        by_character = self._by_character
        if not by_character or not any(char in by_character for char in text):
            return {}
        allowed = _spans(words)
        decided: dict[int, tuple[str, ContextRule]] = {}
        for index, (start, end) in enumerate(words):
            if text[start:end] in glossary:
                continue
            before_word = words[index - 1][1] - words[index - 1][0] if index else 0
            for n in range(start, end):
                for rule in by_character.get(text[n], ()):
                    if rule.applies(text, n, (start, end), before_word, allowed):
                        decided[n] = (rule.form, rule)
                        break
        return decided


def _spans(words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The words, with runs of one-character words joined: where a phrase may match."""
    spans: list[tuple[int, int]] = []
    single = False  # whether the last span is a run of one-character words
    for start, end in words:
        if end - start == 1 and single and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
            single = end - start == 1
    return spans


def _one_character(reader: Reader, nodes: dict[str, Any], values: dict[str, Any], path: str) -> None:
    for key in ("character", "form"):
        if len(values.get(key) or "") != 1:
            reader.problem(nodes.get(key), f"{path}.{key}", "expected one character")


EXAMPLE = Table(Example, (Field("text", Text()), Field("converted", Text())))
_WORDS = ListOf(Text())
RULE = Table(ContextRule, (
    Field("name", Text()), Field("character", Text()), Field("form", Text()), Field("reason", Text()),
    Field("before", _WORDS, required=False, default=()), Field("after", _WORDS, required=False, default=()),
    Field("places", ListOf(Text(choices=PLACES)), required=False, default=PLACES),
    Field("closes", Integer(), required=False, default=0),
    Field("not_after", _WORDS, required=False, default=()),
    Field("not_before", _WORDS, required=False, default=()),
    Field("not_in", _WORDS, required=False, default=()),
    Field("examples", ListOf(EXAMPLE), required=False, default=()),
), check=_one_character)
RULES = Table(dict, (Field("rules", ListOf(RULE)),))


def read_rules(text: str, file: str) -> ContextRules:
    """Context rules from the text of a context.yaml; every problem reported with its line."""
    problems: list[Problem] = []
    node = parse(text, file)
    if node is None:
        raise SiteError([Problem(Location(file), "the file is empty")])
    loaded = RULES.read(Reader(file, problems), node, "")
    if problems or not isinstance(loaded, dict):
        raise SiteError(problems)
    return ContextRules(tuple(loaded["rules"]))


def load_rules(path: Path) -> ContextRules:
    return read_rules(read_text(path), str(path))


@functools.cache
def shipped_rules() -> ContextRules:
    """The context rules the tool ships with the genre."""
    return load_rules(Path(__file__).resolve().parent.parent / "genres" / "work-report" / "context.yaml")
