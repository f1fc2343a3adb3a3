"""Text fingerprints to find syndicated copies (the same story on several outlets).

A bottom-k MinHash sketch: the k smallest CRC32 hashes of the text's word 5-shingles. Two
sketches estimate the Jaccard similarity of the shingle sets; copies score near 1.
"""

from __future__ import annotations

import array
import re
import zlib

from nlp.normalize import normalize_plain

K = 32
SHINGLE = 5
_WORDS = re.compile(r"\w+")


def fingerprint(text: str, k: int = K) -> bytes:
    words = _WORDS.findall(normalize_plain(text).lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = sorted({zlib.crc32(s.encode("utf-8")) for s in shingles})[:k]
    return array.array("I", hashes).tobytes()


def sketch(blob: bytes | None) -> list[int]:
    if not blob:
        return []
    values = array.array("I")
    values.frombytes(blob)
    return list(values)


def similarity(a: list[int], b: list[int], k: int = K) -> float:
    """Estimated Jaccard similarity of two bottom-k sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:k]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)
