"""Faster equivalents of `pattern.finditer(text)` for patterns anchored on words.

`re` scans for a pattern's first character fast only when that is one literal character;
for a set of them (the first letters of a list of words, the digits) it tries every
position of the text at some fifty machine instructions each. A pattern whose every match
holds one of a few words close to its start is found much faster by looking for those words
with `str.find` (which runs at memory speed) and matching only there: `finditer_near`
gives the same matches in the same order, as `finditer` would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator


def occurrences(text: str, word: str) -> list[int]:
    """Every position where `word` starts in `text` (overlapping ones included)."""
    out = []
    i = text.find(word)
    while i != -1:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def finditer_at(rx: re.Pattern, text: str, starts: Iterable[int], endpos: int | None = None) -> Iterator[re.Match]:
    """`rx.finditer(text, 0, endpos)` for a pattern that never matches empty and whose every
    match starts at one of `starts` (ascending): matched only there, each match after the
    end of the one before, as finditer does."""
    end = 0
    if endpos is None:
        endpos = len(text)
    for s in starts:
        if s >= end and (m := rx.match(text, s, endpos)):
            yield m
            end = m.end()


def finditer_near(rx: re.Pattern, text: str, words: Iterable[str], reach: int = 0, pos: int = 0,
                  endpos: int | None = None) -> Iterator[re.Match]:
    """`rx.finditer(text, pos, endpos)` for a pattern that never matches empty and whose
    every match holds one of `words` at most `reach` characters after its start."""
    if endpos is None:
        endpos = len(text)
    starts: set[int] = set()
    for word in words:  # (occurrences(text, word), inlined: most words are not in the text)
        i = text.find(word, pos, endpos)
        while i != -1:
            if reach:
                starts.update(range(max(pos, i - reach), i + 1))
            else:
                starts.add(i)
            i = text.find(word, i + 1, endpos)
    return finditer_at(rx, text, sorted(starts), endpos)


# The characters most texts are made of (ASCII, Latin and Vietnamese letters; no whitespace).
COMMON_CHARS = [chr(c) for r in ((0x21, 0x7F), (0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*r)]


def first_piece(alternative: str) -> str:
    """The pattern of an alternative's first character: an escape (`\\+`), a class (`[/-]`) or
    a literal (the alternatives a pattern is built from, and its `refused` set too)."""
    if alternative.startswith("\\"):
        return alternative[:2]
    if alternative.startswith("["):
        return alternative[: alternative.index("]") + 1]
    return re.escape(alternative[0])


def refused(first: re.Pattern) -> frozenset[str]:
    """The common characters that `first`, a pattern of one character (with the flags of the
    pattern it stands for), does not match: where such a character stands, a pattern that
    must go on with `first` cannot match (a cheap look before trying it)."""
    return frozenset(c for c in COMMON_CHARS if not first.match(c))


def stretch_starts(text: str, marks: Iterable[str], inside: Callable[[str], bool]) -> list[int]:
    """Every position of each stretch of characters `inside` accepts that ends right before
    an occurrence of one of `marks`, ascending: where a pattern whose every match runs
    through such characters up to a mark may start (`finditer_at`)."""
    starts: set[int] = set()
    for mark in marks:
        for i in occurrences(text, mark):
            j = i
            while j and inside(text[j - 1]):
                j -= 1
            starts.update(range(j, i))
    return sorted(starts)
