"""Paragraphs and sentences with offsets into the (normalized) text.

A regex splitter, not underthesea's: it must keep offsets, and it must not break after
Vietnamese abbreviations (`TP.`, `Q.`, `P.`, `TX.`, `ThS.`) or inside quotes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ABBREVIATIONS = ("TP", "Tp", "Q", "P", "TX", "TT", "H", "X", "ThS", "TS", "PGS", "GS", "BS", "Th", "St", "Đ/c", "Đc",
                  "Ô", "B", "KP", "TDP", "v.v", "NXB", "Tr", *"ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")
_ABBREVIATED = tuple(a + "." for a in _ABBREVIATIONS)


def _ends_abbreviated(head: str) -> bool:
    """Does `head` end with an abbreviation and its dot, the abbreviation starting a word
    (`TP.`, `ThS.`, an initial `V.`)? (What `(?:\\b(?:TP|Tp|...)\\.)$` finds, read from the end.)"""
    if not head.endswith(_ABBREVIATED):
        return False
    for a in _ABBREVIATED:
        k = len(head) - len(a)
        if head.endswith(a) and (k == 0 or not (head[k - 1].isalnum() or head[k - 1] == "_")):
            return True
    return False


_ABBREV_REACH = 16  # longer than any abbreviation above
# Sentence-final punctuation not preceded by more of it, or newlines. The first character is
# a plain set (the lookbehind comes after it): `re` then scans for it in C instead of trying
# the pattern at every position.
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=\n)\n*|(?<![.!?…][.!?…])[.!?…]*[\"')\]]*\s+(?=[\"'(\[]?[A-ZĐÀ-ỸĂÂÊÔƠƯ0-9]))")
# The same for a stretch whose only sentence-final punctuation is `.` (most paragraphs): led
# by one literal character, which `re` finds several times faster than a set of them.
_DOT_BOUNDARY = re.compile(r"\.(?<![.!?…][.!?…])[.!?…]*[\"')\]]*\s+(?=[\"'(\[]?[A-ZĐÀ-ỸĂÂÊÔƠƯ0-9])")


class Sentence(NamedTuple):
    """(A named tuple: immutable, and cheaper to make than a frozen dataclass.)"""

    start: int
    end: int
    paragraph: int
    index: int  # order in the document


class Paragraph(NamedTuple):
    start: int
    end: int
    index: int


def paragraphs(text: str) -> list[Paragraph]:
    """The lines holding more than spaces (runs of characters other than a newline)."""
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(pos, pos + len(line), len(out)))
        pos += len(line) + 1
    return out


#: A "sentence" longer than this is no sentence of a news article (the longest we have seen
#: run under 900 characters): it is cut at a space before the limit, so that the work done
#: per sentence stays bounded and extraction stays linear in the length of the text.
MAX_SENTENCE = 2000


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for para in paragraphs(text):
        for start, end in _sentence_spans(text, para):
            if end - start <= MAX_SENTENCE:  # (what _bounded gives for a span this short)
                if text[start:end].strip():
                    out.append(Sentence(start, end, para.index, len(out)))
                continue
            for s, e in _bounded(text, start, end):
                out.append(Sentence(s, e, para.index, len(out)))
    return out


def _sentence_spans(text: str, para: Paragraph) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = para.start
    chunk = text[para.start : para.end]
    rx = _BOUNDARY if "!" in chunk or "?" in chunk or "…" in chunk or "\n" in chunk else _DOT_BOUNDARY
    for m in rx.finditer(chunk):
        cut = para.start + m.start()
        # Only the end of the sentence can hold the abbreviation (a bounded look: linear time).
        head = text[start if start > cut - _ABBREV_REACH else cut - _ABBREV_REACH : cut + len(m.group().rstrip())]
        if _ends_abbreviated(head.rstrip()):
            continue
        end = para.start + m.end()
        if text[start:end].strip():
            spans.append((start, para.start + m.end() - (len(m.group()) - len(m.group().rstrip()))))
        start = end
    if text[start : para.end].strip():
        spans.append((start, para.end))
    return spans


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_SENTENCE characters, cut after a space."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        if text[start:cut].strip():
            pieces.append((start, cut))
        start = cut
    if text[start:end].strip():
        pieces.append((start, end))
    return pieces
