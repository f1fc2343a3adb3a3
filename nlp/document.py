"""The document every extractor reads: the normalized text, its sentences and its date.

Built once per text; components take it and return their raw facts, with offsets into the
normalized text (mapped back to the original by `nt.evidence`).
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp.dates import published_day
from nlp.normalize import NormalizedText, normalize
from nlp.segment import Sentence, sentences


@dataclass(frozen=True)
class Document:
    nt: NormalizedText
    sentences: list[Sentence]
    published: str | None  # the publication day, YYYY-MM-DD, when known

    @classmethod
    def of(cls, text: str, published: str | None = None) -> Document:
        nt = normalize(text)
        return cls(nt, sentences(nt.text), published_day(published))

    @property
    def text(self) -> str:
        """The normalized text (NFC, one tone placement, plain quotes and spaces)."""
        return self.nt.text

    @property
    def bounds(self) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.sentences]
