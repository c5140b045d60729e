"""Words: one segmenter for the whole program, below the stages that ask it (the importer's issuer
finder, the conversion, the words a report uses most), so that none of them imports another.

The segmenter is jieba's (its dictionary and algorithm) in the Rust port jieba-rs, through its
Python binding rjieba: the same words as jieba on the corpus, started in about 0.05 s where
jieba takes 0.5 s (its dictionary is compiled into the library, the parts of speech with it).

One segmenter per set of added words per process (``segmenter`` is cached, no module keeps
state), each started on first use: without added words, the dictionary alone; with added words (a
glossary's phrases), the dictionary and those words, so one report's glossary never changes
another's segmentation. Each is an instance of rjieba's ``Jieba`` taken from its extension module
(``_jieba_class``): importing the package ``rjieba`` would also start the library's default
segmenter (its module functions' instance, as long to start as any other), which a build that
needs only a glossary's segmenter would start for nothing.

``words`` uses only the dictionary's words (no HMM guesses of unknown words): where the dictionary
knows no word, characters stay single and OpenCC's phrases may join them as before.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import sys
from collections.abc import Iterable
from typing import Any


class Segmenter:
    """The words of a text, with some words added (a glossary's phrases); started on first use."""

    def __init__(self, added: Iterable[str] = ()) -> None:
        self.added = tuple(sorted(set(added)))

    @functools.cached_property
    def _jieba(self) -> Any:
        jieba = _jieba_class()()
        for word in self.added:
            jieba.add_word(word, None, None)
        return jieba

    @functools.cached_property
    def _unsegmentable(self) -> tuple[str, ...]:
        """The added phrases with characters the segmenter takes as punctuation (只。, 头（只）):
        they can never be one of its words, so they are found in the text before it segments."""
        return tuple(sorted((word for word in self.added if self._jieba.cut(word, hmm=False) != [word]),
                            key=len, reverse=True))

    def words(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every word of the text, in order, covering it whole."""
        spans: list[tuple[int, int]] = []
        position = 0
        for start, end in self._forced(text):
            spans += _spans(self._jieba.cut(text[position:start], hmm=False), position)
            spans.append((start, end))
            position = end
        spans += _spans(self._jieba.cut(text[position:], hmm=False), position)
        return spans

    def cut(self, text: str, *, guess: bool = False) -> list[str]:
        """The words of the text; ``guess``: unknown words guessed (HMM), as for names."""
        return self._jieba.cut(text, hmm=guess)  # type: ignore[no-any-return]

    def is_word(self, text: str) -> bool:
        """Whether the segmenter's dictionary (with the added words) holds this word."""
        return bool(self._jieba.has_word(text))

    def tagged(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, part of speech) of every word, unknown words guessed (for names). A word of
        the dictionary has the dictionary's part of speech; another, x (or m, eng for digits and
        letters)."""
        spans, position = [], 0
        for word, tag in self._jieba.tag(text, hmm=True):
            spans.append((position, position + len(word), tag))
            position += len(word)
        return spans

    def dictionary_tags(self, text: str) -> list[tuple[str, str | None]]:
        """(word, the dictionary's part of speech) of every word of the text, unknown words guessed
        (HMM, as for names); None for a word the dictionary does not hold."""
        return [(word, tag if self.is_word(word) else None) for word, tag in self._jieba.tag(text, hmm=True)]

    def count(self, word: str) -> int:
        """How often the dictionary counts the word (0 for a word it does not hold). rjieba gives
        no look-up of the count; ``suggest_freq`` gives the count that makes the characters one
        word, which for a word of the dictionary is its count (or one more, by rounding; more only
        where the word's own characters, cut apart, are likelier than the word)."""
        return int(self._jieba.suggest_freq(word)) if self.is_word(word) else 0

    def _forced(self, text: str) -> list[tuple[int, int]]:
        """The added phrases the segmenter cannot hold, leftmost and longest first."""
        found: list[tuple[int, int]] = []
        if not self.added or not self._unsegmentable:
            return found
        position = 0
        while position < len(text):
            for word in self._unsegmentable:
                if text.startswith(word, position):
                    found.append((position, position + len(word)))
                    position += len(word)
                    break
            else:
                position += 1
        return found


def _jieba_class() -> Any:
    """rjieba's ``Jieba`` from its extension module, the package's ``__init__`` not run where it
    has not been (it starts a default segmenter): the documented way to import a module from its
    file (importlib.util.module_from_spec), in the module's own name, so that a later ``import
    rjieba`` takes this very module."""
    package = sys.modules.get("rjieba")
    if package is not None:
        return package.Jieba
    module = sys.modules.get(_EXTENSION)
    if module is None:
        found = importlib.util.find_spec("rjieba")  # a top-level name: found, not imported
        places = found.submodule_search_locations if found is not None else None
        spec = importlib.machinery.PathFinder.find_spec(_EXTENSION, list(places or ()))
        if spec is None or spec.loader is None:  # laid out otherwise: the package as it comes
            return importlib.import_module("rjieba").Jieba
        module = importlib.util.module_from_spec(spec)
        sys.modules[_EXTENSION] = module
        spec.loader.exec_module(module)
    return module.Jieba


_EXTENSION = "rjieba.rjieba"


def _spans(words: list[str], offset: int) -> list[tuple[int, int]]:
    spans = []
    for word in words:
        spans.append((offset, offset + len(word)))
        offset += len(word)
    return spans


@functools.lru_cache(maxsize=64)
def segmenter(added: tuple[str, ...] = ()) -> Segmenter:
    """One segmenter per set of added words in a process (each starts once, on first use)."""
    return Segmenter(added)
