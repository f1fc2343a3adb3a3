"""Normalization that keeps offsets.

The extractors work on a normalized copy of the text (NFC, `Ð`→`Đ`, one tone-placement
convention, straight quotes, plain spaces) whose every character maps back to the original,
so every fact's `evidence` is the exact original substring `text[start:end]`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Old-style tone placement (hoà, thuỷ, khoẻ) → the modern style of the official unit names
# (hòa, thủy, khỏe). Only where the rhyme ends the syllable: `hoàng` and `quý` are untouched.
_TONES = {"̀": "grave", "́": "acute", "̉": "hook", "̃": "tilde", "̣": "dot"}
_OLD_TO_NEW: dict[str, str] = {}
for _mark in _TONES:
    for _first, _second in (("o", "a"), ("o", "e"), ("u", "y")):
        for up1, up2 in ((False, False), (True, False), (True, True)):
            f = _first.upper() if up1 else _first
            s = _second.upper() if up2 else _second
            old = f + unicodedata.normalize("NFC", s + _mark)
            new = unicodedata.normalize("NFC", f + _mark) + s
            _OLD_TO_NEW[old] = new
# (?<![qQ]) is checked after the first letter: a pattern that starts with a character set
# is scanned for that set in C, one that starts with a lookbehind is tried at every position.
_OLD_TONE = re.compile(
    r"[oOuU](?<![qQ].)(?:(?<=[oO])[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|(?<=[uU])[ỳýỷỹỵỲÝỶỸỴ])(?![a-zA-Zà-ỹÀ-Ỹđ])"
)

_CHAR_MAP = str.maketrans(
    {
        "Ð": "Đ",  # U+00D0 (Icelandic eth) typed for Đ
        "ð": "đ",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "`": '"',  # (a page's backticks around a name: `Tổ liên gia an toàn PCCC`)
        "‘": "'",
        "’": "'",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": " ",
        "\ufeff": " ",
        "\t": " ",
        "–": "-",
        "—": "-",
    }
)


_MAPPED = {chr(k): v for k, v in _CHAR_MAP.items()}
assert not set(_MAPPED) & set("".join(_MAPPED.values()))


def _map_chars(text: str) -> str:
    """`str.translate`, but only the characters the text holds cost work: each is looked for
    and replaced with str methods (much faster on long Vietnamese text, where translate
    looks up every character and a regex scans for a set of them). No replacement is itself
    a character to map, so the order does not matter."""
    for old, new in _MAPPED.items():
        if old in text:
            text = text.replace(old, new)
    if "''" in text:
        # two single quotes typed for a double one (`“Không tội phạm, không ma túy’’`): one
        # double quote, beside a space, so that every character keeps its place
        text = _OPENING_PAIR.sub(' "', _CLOSING_PAIR.sub('" ', text))
    return text


_CLOSING_PAIR = re.compile(r"(?<=[^\s'])''(?!\w)")
_OPENING_PAIR = re.compile(r"(?<![\w'])''(?=\w)")


_OLD_TONE_CHARS = frozenset(k[1] for k in _OLD_TO_NEW)


def _fix_tones(text: str) -> str:
    """Old tone placement to the modern one; a quick check first, as most texts have none."""
    if _OLD_TONE_CHARS.isdisjoint(text):
        return text
    for rx in _OLD_TONE_BY_LETTER:
        text = rx.sub(_new_tone, text)
    return text


def _new_tone(m: re.Match) -> str:
    return _OLD_TO_NEW.get(m[0], m[0])


# `_OLD_TONE` as one pattern per first letter, each led by that literal letter (found several
# times faster than the set `[oOuU]`). Applied in turn they replace what `_OLD_TONE` does: a
# match never overlaps another, and no replacement makes or unmakes one (it writes no `q`,
# a letter stays a letter, and its characters start or end no match).
_OLD_TONE_BY_LETTER = [
    re.compile(first + r"(?<![qQ]" + first + ")" + (r"[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]" if first in "oO" else r"[ỳýỷỹỵỲÝỶỸỴ]")
               + r"(?![a-zA-Zà-ỹÀ-Ỹđ])")
    for first in "oOuU"
]


_KEY_PUNCT = re.compile(r"[\"'()\[\]]")
_SPACES = re.compile(r"\s+")
_DAK = re.compile(r"(?<!\w)[đl](?:ăk|ăc|ắc)(?!\w)")
_DAK_SPELLING = {"đ": "đắk", "l": "lắk"}
_HYPHEN = re.compile(r"(?<=[^\W\d])\s*-\s*(?=[^\W\d])")


@dataclass(frozen=True)
class NormalizedText:
    """`text` is normalized; `offsets[i]` is where its i-th character starts in `original`."""

    original: str
    text: str
    offsets: Sequence[int]  # a range when the text kept every character's place

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized slice [start, end)."""
        if start >= len(self.text):
            return len(self.original), len(self.original)
        o_start = self.offsets[start]
        o_end = self.offsets[end] if end < len(self.offsets) else len(self.original)
        return o_start, o_end

    def evidence(self, start: int, end: int) -> tuple[str, int, int]:
        s, e = self.span(start, end)
        return self.original[s:e], s, e


_MAX_CLUSTER = 32


def _clusters(text: str):
    """Base character plus its combining marks: the unit NFC may compose."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            yield start, text[start:i]
            start = i


def normalize(original: str) -> NormalizedText:
    if unicodedata.is_normalized("NFC", original):
        text = original
        offsets = range(len(original))  # (kept a range: indexed alike, and no tuple of ints to build)
    else:
        parts: list[str] = []
        offsets = []
        for start, cluster in _clusters(original):
            # Unicode's stream-safe limit: no real cluster has more than 30 marks, and NFC
            # orders a longer run in quadratic time.
            for i in range(0, len(cluster), _MAX_CLUSTER):
                composed = unicodedata.normalize("NFC", cluster[i : i + _MAX_CLUSTER])
                parts.append(composed)
                offsets.extend([start + i] * len(composed))
        text = "".join(parts)
    text = _fix_tones(_map_chars(text))
    return NormalizedText(original, text, offsets if isinstance(offsets, range) else tuple(offsets))


_LOWERED: tuple[str, str] = ("", "")  # the last text lowered and its lowercase


def lowered(text: str) -> str:
    """`text.lower()`, remembered for the last text: the components of one extraction each
    lowercase the same document. (Holding the text keeps its identity unique; the pair is
    replaced as one object, so threads never see one text with another's lowercase.)"""
    global _LOWERED
    last = _LOWERED
    if last[0] is text:
        return last[1]
    low = text.lower()
    _LOWERED = (text, low)
    return low


# Letters that IGNORECASE matches to `i` and `s` though `str.lower` keeps them apart (`İ`
# lowercases to two characters, caught by the length).
_ODD_FOLDS = ("ı", "ſ")


def caseless(text: str) -> str | None:
    """`lowered(text)` when a lowercase pattern matched on it finds exactly what the same
    pattern with IGNORECASE finds on `text` (same length, no dotless i or long s), else None:
    a case-sensitive pattern may start with its letters, which `re` scans for in C."""
    low = lowered(text)
    if len(low) != len(text) or _ODD_FOLDS[0] in low or _ODD_FOLDS[1] in low:
        return None
    return low


def normalize_plain(text: str) -> str:
    """The normalized text alone, without the offset map (for lookup keys)."""
    return _fix_tones(_map_chars(unicodedata.normalize("NFC", text)))


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """Lookup key: normalized, lowercase, single spaces, no quotes."""
    t = normalize_plain(text).lower()
    t = _KEY_PUNCT.sub(" ", t)
    if "-" in t:  # "Phan Rang-Tháp Chàm" is "Phan Rang - Tháp Chàm"
        t = _HYPHEN.sub(" - ", t)
    if "ăk" in t or "ăc" in t or "ắc" in t:  # "Đăk Nông", "Đắc Lắc": spellings of "Đắk", "Lắk"
        t = _DAK.sub(lambda m: _DAK_SPELLING[m[0][0]], t)
    return _SPACES.sub(" ", t).strip(" .,;:-")
