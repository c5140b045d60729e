"""The keys of the search index and the fold: what search.js does to text before it matches,
done here once for the whole site, so that the buckets say which shards can hold a query.

A key is a character search.js keys or a pair of neighbours (over the characters it skips); a
bucket holds keys by their hash, each under its posting (the shards that hold it). The index's
format is documented in search.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DIGITS64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_NUMBER_MARKS = "%.‰"  # punctuation that belongs to a number: never skipped (search.js: SKIP)
_JS_SPACE = "\t\n\v\f\r\ufeff"  # what JavaScript's \s adds to \p{Z}


def stripper(fold: dict[str, str], characters: set[str]) -> dict[int, str | None]:
    """A translation table doing what search.js does to text before it matches: each character
    folded one UTF-16 unit at a time (so a character beyond the BMP is left as it is), then the
    characters it skips between those of a word dropped."""
    table: dict[int, str | None] = {}
    for char in characters:
        code = ord(char)
        folded = fold.get(plain(char), plain(char)) if code <= 0xFFFF else char
        skipped = len(folded) == 1 and _skipped(folded)
        if skipped or folded != char:
            table[code] = None if skipped else folded
    return table


def plain(char: str) -> str:
    """A character as search.js has it before the fold: full width as ASCII, ASCII in lower case."""
    code = ord(char)
    folded = chr(code - 0xFEE0) if 0xFF01 <= code <= 0xFF5E else " " if code == 0x3000 else char
    return folded.lower() if "A" <= folded <= "Z" else folded


def _skipped(char: str) -> bool:
    """search.js's SKIPPED: punctuation and space, save what belongs to a number."""
    return char not in _NUMBER_MARKS and (unicodedata.category(char)[0] in "PZ" or char in _JS_SPACE)


@dataclass(frozen=True)
class Kinds:
    """The characters of a site search.js makes no keys of (neither letters, digits, marks, symbols
    nor what belongs to a number), and those this Python's Unicode does not know yet, which the
    browser's may know as a letter or as punctuation it skips."""

    unkeyed: frozenset[str]
    unknown: frozenset[str]

    @classmethod
    def of(cls, characters: Iterable[str]) -> Kinds:
        categories = {char: unicodedata.category(char) for char in characters}
        return cls(frozenset(c for c, cat in categories.items() if cat[0] not in "LNMS" and cat != "Cn"
                             and c not in _NUMBER_MARKS),
                   frozenset(c for c, cat in categories.items() if cat == "Cn"))


def text_keys(texts: Iterable[str], strip: dict[int, str | None], kinds: Kinds) -> set[str]:
    """Every key of some texts (a shard's headings and paragraphs): each character search.js keys
    and each pair of neighbours (over the characters it skips); a character of Unicode this
    Python does not know is indexed as a character and as one skipped, so the browser finds it
    either way."""
    keys: set[str] = set()
    for text in texts:
        chars = text.translate(strip)
        keys.update(chars)
        keys.update(chars[i:i + 2] for i in range(len(chars) - 1))
        if kinds.unknown and not kinds.unknown.isdisjoint(chars):
            keys.update(chars[i - 1] + chars[i + 1] for i in range(1, len(chars) - 1)
                        if chars[i] in kinds.unknown)
    if kinds.unkeyed:
        keys = {key for key in keys if kinds.unkeyed.isdisjoint(key)}
    return keys


def key_hash(key: str) -> int:
    """FNV-1a over the key's code points, then murmur3's finaliser (search.js: bucketOf)."""
    h = 0x811C9DC5
    for char in key:
        h = ((h ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    return h ^ (h >> 16)


def posting(shards: Sequence[int]) -> str:
    """The shards that hold a key (ascending), as runs or as a bitmap, whichever is shorter."""
    runs, at, i = [], 0, 0
    while i < len(shards):
        j = i
        while j + 1 < len(shards) and shards[j + 1] == shards[j] + 1:
            j += 1
        length = shards[j] - shards[i]
        runs.append(_base36(shards[i] - at) + (f"+{_base36(length)}" if length else ""))
        at, i = shards[j] + 1, j + 1
    listed = ",".join(runs)
    if not shards or shards[-1] // 6 + 2 >= len(listed):
        return listed  # a bitmap would be no shorter
    digits = [0] * (shards[-1] // 6 + 1)
    for shard in shards:
        digits[shard // 6] |= 1 << (shard % 6)
    return "~" + "".join(DIGITS64[d] for d in digits)


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not number:
            return digits


def shard_bits(mask: int) -> list[int]:
    """The shards a bit mask names (bit n: shard n), ascending."""
    bits = bin(mask)[:1:-1]  # bit n at index n
    return [n for n, bit in enumerate(bits) if bit == "1"]


def mask_posting(mask: int) -> str:
    """posting() of the shards a bit mask names, read off its binary digits."""
    bits = bin(mask)[:1:-1]
    runs, at = [], 0
    for run in _RUN.finditer(bits):
        start, length = run.start(), run.end() - run.start() - 1
        runs.append(_base36(start - at) + (f"+{_base36(length)}" if length else ""))
        at = run.end()
    listed = ",".join(runs)
    if (len(bits) - 1) // 6 + 2 >= len(listed):
        return listed  # a bitmap would be no shorter
    return "~" + "".join(DIGITS64[mask >> shift & 63] for shift in range(0, len(bits), 6))


_RUN = re.compile("1+")


def buckets(holders: Mapping[str, int], hashes: Mapping[str, int], limit: int) -> list[dict[str, str]]:
    """Each key under its posting (``holders``: each key's shards as a bit mask; ``hashes``: each
    key's key_hash), in as few buckets (a power of two) as keep each within ``limit`` bytes of
    data; a bucket holds its keys grouped by posting, so keys of the same shards share one."""
    by_mask: dict[int, list[str]] = defaultdict(list)
    for key, held in holders.items():
        by_mask[held].append(key)
    groups = [(mask_posting(held), keys) for held, keys in by_mask.items()]
    costs = {key: len(key.encode("utf-8")) + 1 for key in holders}  # the key and a space (or quote)
    # A bucket's bytes: {"posting":"key key",…} is 1 + each posting's (its length + 5) + each key's.
    total = 1 + sum(costs.values()) + sum(len(p) + 5 for p, _ in groups)
    count = 1 << max(0, (total // limit).bit_length())
    while True:
        sizes = [1] * count
        for posted, keys in groups:
            cost, seen = len(posted) + 5, set()
            for key in keys:
                bucket = hashes[key] % count
                sizes[bucket] += costs[key]
                if bucket not in seen:
                    seen.add(bucket)
                    sizes[bucket] += cost
        if max(sizes) <= limit or count >= 1 << 16:
            break
        count *= 2
    grouped: list[dict[str, list[str]]] = [defaultdict(list) for _ in range(count)]
    for posted, keys in groups:
        for key in keys:
            grouped[hashes[key] % count][posted].append(key)
    return [{p: " ".join(sorted(keys)) for p, keys in sorted(bucket.items())} for bucket in grouped]


# --- the fold --------------------------------------------------------------------------------------

def fold_map(characters: Iterable[str], pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each character that has other-script forms to one representative of its class.

    ``pairs`` are (Simplified, Traditional) and glyph-variant pairs from OpenCC's dictionaries;
    the map is limited to the classes of characters that occur in the site, so it stays small.
    """
    parent: dict[str, str] = {}

    def find(char: str) -> str:
        while parent.get(char, char) != char:
            parent[char] = parent.get(parent[char], parent[char])
            char = parent[char]
        return char

    for a, b in pairs:
        if len(a) == 1 and len(b) == 1:
            root_a, root_b = find(a), find(b)
            if root_a != root_b:
                parent[max(root_a, root_b)] = min(root_a, root_b)
    wanted = {find(char) for char in set(characters)}
    fold = {char: find(char) for char in parent if find(char) in wanted and find(char) != char}
    return dict(sorted(fold.items()))
