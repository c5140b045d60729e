"""Words: a segmentation of the text, so that conversion never matches a phrase across a word.

The segmenter is jieba's (its dictionary and algorithm) in the Rust port jieba-rs, through its
Python binding rjieba: the same words as jieba on the corpus, started in about 0.05 s where
jieba takes 0.45 s (its dictionary is compiled into the library), and each instance holds its
own added words, so one report's glossary never changes another's segmentation.

Only the dictionary's words are used (no HMM guesses of unknown words): where the dictionary
knows no word, characters stay single and OpenCC's phrases may join them as before.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any


class Segmenter:
    """The words of a text, with some words added (a glossary's phrases); started on first use."""

    def __init__(self, added: Iterable[str] = ()) -> None:
        self.added = tuple(sorted(set(added)))
        self._jieba: Any = None
        self._unsegmentable: tuple[str, ...] = ()

    def _started(self) -> Any:
        if self._jieba is None:
            jieba = _instance()
            for word in self.added:
                jieba.add_word(word, None, None)
            # A phrase with characters the segmenter takes as punctuation (只。, 头（只）) can
            # never be one of its words: such phrases are found in the text before it segments.
            self._unsegmentable = tuple(sorted((word for word in self.added if jieba.cut(word, hmm=False)
                                                != [word]), key=len, reverse=True))
            self._jieba = jieba
        return self._jieba

    def words(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every word of the text, in order, covering it whole."""
        jieba = self._started()
        spans: list[tuple[int, int]] = []
        position = 0
        for start, end in self._forced(text):
            spans += _spans(jieba.cut(text[position:start], hmm=False), position)
            spans.append((start, end))
            position = end
        spans += _spans(jieba.cut(text[position:], hmm=False), position)
        return spans

    def is_word(self, text: str) -> bool:
        """Whether the segmenter's dictionary (with the added words) holds this word."""
        return bool(self._started().has_word(text))

    def tagged(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, part of speech) of every word, unknown words guessed (for names)."""
        spans, position = [], 0
        for word, tag in self._started().tag(text, hmm=True):
            spans.append((position, position + len(word), tag))
            position += len(word)
        return spans

    def _forced(self, text: str) -> list[tuple[int, int]]:
        """The added phrases the segmenter cannot hold, leftmost and longest first."""
        found: list[tuple[int, int]] = []
        if not self._unsegmentable:
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


def _spans(words: list[str], offset: int) -> list[tuple[int, int]]:
    spans = []
    for word in words:
        spans.append((offset, offset + len(word)))
        offset += len(word)
    return spans


_TAKEN: list[bool] = []


def _instance() -> Any:
    """A segmenter of the library's own. Importing rjieba starts one (its module functions use
    it); the first segmenter of a process takes that one, each other starts its own (about 0.05 s
    each): the words are the same either way, the added words never shared."""
    import rjieba

    if not _TAKEN:
        _TAKEN.append(True)
        return rjieba
    return rjieba.Jieba()


@functools.lru_cache(maxsize=64)
def segmenter(added: tuple[str, ...] = ()) -> Segmenter:
    """One segmenter per set of added words in a process (each starts once, on first use)."""
    return Segmenter(added)
