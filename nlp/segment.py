"""Paragraphs and sentences with offsets into the (normalized) text.

A regex splitter, not underthesea's: it must keep offsets, and it must not break after
Vietnamese abbreviations (`TP.`, `Q.`, `P.`, `TX.`, `ThS.`) or inside quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = re.compile(
    r"(?:\b(?:TP|Tp|Q|P|TX|TT|H|X|ThS|TS|PGS|GS|BS|Th|St|Đ/c|Đc|Ô|B|KP|TDP|v\.v|NXB|Tr)\.|\b[A-ZĐ]\.)$"
)
_BOUNDARY = re.compile(r"[.!?…]+[\"')\]]*\s+(?=[\"'(\[]?[A-ZĐÀ-ỸĂÂÊÔƠƯ0-9])|\n+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    index: int  # order in the document


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    index: int


def paragraphs(text: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append(Paragraph(m.start(), m.end(), len(out)))
    return out


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for para in paragraphs(text):
        start = para.start
        chunk = text[para.start : para.end]
        for m in _BOUNDARY.finditer(chunk):
            cut = para.start + m.start()
            head = text[start:cut + len(m.group().rstrip())]
            if _ABBREV.search(head.rstrip()):
                continue
            end = para.start + m.end()
            if text[start:end].strip():
                out.append(Sentence(start, para.start + m.end() - (len(m.group()) - len(m.group().rstrip())),
                                    para.index, len(out)))
            start = end
        if text[start : para.end].strip():
            out.append(Sentence(start, para.end, para.index, len(out)))
    return out
